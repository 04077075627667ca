/*
 * backup.c - the SQLite driver's db_backup: a consistent copy of the whole database with SQLite's online
 * backup API, safe while other connections write: pages are copied in
 * chunks, a busy or locked source is waited for and retried, a copy that
 * keeps being restarted by writers finishes in one step, and the copy is
 * written beside the target and renamed over it only when complete.
 */
#include "store/sqlite/sqlite_int.h"

#include <stdio.h>
#include <string.h>

#define BACKUP_PAGES 256   /* pages per step */
#define BACKUP_WAIT_MS 25  /* pause when the source is busy */
#define BACKUP_RETRIES 400 /* busy steps in a row before giving up (~10 s) */
#define BACKUP_RESTARTS 3  /* restarts by other writers before copying at once */

/*
 * Copies in chunks of BACKUP_PAGES so that the source is not held for long.
 * A write by another connection between two steps restarts the copy; after
 * BACKUP_RESTARTS of them the rest is copied in one step, which reads one
 * snapshot (in WAL mode writers go on meanwhile).
 */
static int backup_copy(struct db *db, sqlite3 *dst, struct err *e)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", SQ(db)->h, "main");
	int busy = 0, restarts = 0, last = -1;
	int rc;

	if (!b)
		return err_set(e, ERR_IO, NULL, "cannot start the backup: %s", sqlite3_errmsg(dst));
	do {
		rc = sqlite3_backup_step(b, restarts >= BACKUP_RESTARTS ? -1 : BACKUP_PAGES);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
			if (++busy > BACKUP_RETRIES)
				break;
			sqlite3_sleep(BACKUP_WAIT_MS);
			continue;
		}
		busy = 0;
		if (last >= 0 && sqlite3_backup_remaining(b) > last)
			restarts++;
		last = sqlite3_backup_remaining(b);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return err_set(e, ERR_BUSY, NULL, "the database stayed busy during the backup");
	return err_set(e, ERR_IO, NULL, "backup failed: %s", sqlite3_errstr(rc));
}

int sq_backup(struct db *db, const char *path, struct err *e)
{
	char tmp[4096];
	sqlite3 *dst = NULL;
	int rc;

	if (snprintf(tmp, sizeof(tmp), "%s.partial", path) >= (int)sizeof(tmp))
		return err_set(e, ERR_IO, NULL, "backup path too long");
	(void)remove(tmp);
	rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		rc = err_set(e, ERR_IO, NULL, "cannot create %s: %s", tmp,
			     dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
		sqlite3_close(dst);
		return rc;
	}
	rc = backup_copy(db, dst, e);
	if (sqlite3_close(dst) != SQLITE_OK && rc == 0)
		rc = err_set(e, ERR_IO, NULL, "cannot close %s", tmp);
	if (rc == 0 && rename(tmp, path) != 0)
		rc = err_set(e, ERR_IO, NULL, "cannot rename %s to %s", tmp, path);
	if (rc)
		(void)remove(tmp);
	return rc;
}
