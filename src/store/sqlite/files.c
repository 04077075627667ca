/*
 * files.c - the -wal and -shm files of a database watched while it is
 * served.
 *
 * Deleted (or replaced) under open connections, those files lose what
 * they hold: the connections opened before go on in the unlinked files,
 * the ones opened after make new ones beside the database and read the
 * old shared index against them (I/O errors, then writes that never reach
 * the database file, lost at the last close). So the connections of one
 * process to one database file share one record of the two files' inodes
 * (taken at the first transaction that sees both); a transaction that
 * finds other files there marks the database's files gone: an old
 * connection (whose files are the recorded ones) then checkpoints the
 * unlinked log into the database file (TRUNCATE: nothing is left in it),
 * and from then on every write is refused (ERR_UNAVAILABLE naming the
 * cause) until the process restarts; reads go on, from the database file.
 * A database file that is itself no longer at its path (its folder moved
 * away) is not watched meanwhile: its files moved with it.
 */
#include "store/sqlite/sqlite_int.h"

#include "core/log.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define FILES_MAX 64 /* databases one process serves at once */

struct files {
	dev_t dev;
	ino_t db, wal, shm; /* wal and shm 0 until first seen */
	int refs;           /* connections open on it */
	int gone;           /* the files vanished: writes refused */
	int saved;          /* the unlinked log checkpointed into the database */
};

static struct files watched[FILES_MAX];
static pthread_mutex_t watched_lock = PTHREAD_MUTEX_INITIALIZER;

static ino_t inode_of(const char *path, const char *suffix, dev_t *dev)
{
	char p[4096];
	struct stat sb;

	if (snprintf(p, sizeof(p), "%s%s", path, suffix) >= (int)sizeof(p) || stat(p, &sb) != 0)
		return 0;
	if (dev)
		*dev = sb.st_dev;
	return sb.st_ino;
}

void sq_files_open(struct db *db)
{
	const char *path = sqlite3_db_filename(SQ(db)->h, "main");
	struct files *free_slot = NULL;
	dev_t dev = 0;
	ino_t ino;

	SQ(db)->files = -1;
	if (!path || !*path || sqlite3_db_readonly(SQ(db)->h, "main") != 0)
		return;
	ino = inode_of(path, "", &dev);
	if (!ino)
		return;
	pthread_mutex_lock(&watched_lock);
	for (int i = 0; i < FILES_MAX && SQ(db)->files < 0; i++) {
		if (watched[i].refs && watched[i].dev == dev && watched[i].db == ino)
			SQ(db)->files = i;
		else if (!watched[i].refs && !free_slot)
			free_slot = &watched[i];
	}
	if (SQ(db)->files < 0 && free_slot) {
		memset(free_slot, 0, sizeof(*free_slot));
		free_slot->dev = dev;
		free_slot->db = ino;
		SQ(db)->files = (int)(free_slot - watched);
	}
	if (SQ(db)->files >= 0)
		watched[SQ(db)->files].refs++;
	pthread_mutex_unlock(&watched_lock);
}

/* Compares the files at the database's path with the record (watched_lock
 * held): 1 when they vanished, now or before. */
static int compare(struct db *db, struct files *f, ino_t wal, ino_t shm)
{
	if (f->gone)
		return 1;
	if (!f->wal) {
		if (wal && shm) {
			f->wal = wal;
			f->shm = shm;
			SQ(db)->wal = wal;
		}
		return 0;
	}
	if (wal == f->wal && shm == f->shm) {
		if (!SQ(db)->wal)
			SQ(db)->wal = wal;
		return 0;
	}
	f->gone = 1;
	return 1;
}

/* Through an old connection, outside a transaction: the unlinked log into
 * the database file. */
static void save(struct db *db, struct files *f, const char *path)
{
	int log = -1, done = -1, rc;

	rc = sqlite3_wal_checkpoint_v2(SQ(db)->h, "main", SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
	pthread_mutex_lock(&watched_lock);
	if (rc == SQLITE_OK && !f->saved) {
		f->saved = 1;
		log_msg(LOG_ERROR, "the -wal or -shm file of %s vanished while served: its log "
			"is checkpointed into the database file (%d page(s)); writes are refused "
			"until the server restarts", path, done);
	}
	pthread_mutex_unlock(&watched_lock);
	if (rc != SQLITE_OK)
		log_msg(LOG_ERROR, "the -wal or -shm file of %s vanished while served: "
			"checkpoint failed (%s), tried again at the next transaction", path,
			sqlite3_errmsg(SQ(db)->h));
}

void sq_files_close(struct db *db)
{
	struct files *f;
	int save_now;

	if (SQ(db)->files < 0)
		return;
	f = &watched[SQ(db)->files];
	pthread_mutex_lock(&watched_lock);
	/* the connections close in the order they opened: an old one saves the
	 * log before a new one, last, checkpoints the new empty file */
	save_now = f->gone && !f->saved && SQ(db)->wal && SQ(db)->wal == f->wal;
	pthread_mutex_unlock(&watched_lock);
	if (save_now && sqlite3_get_autocommit(SQ(db)->h))
		save(db, f, sqlite3_db_filename(SQ(db)->h, "main"));
	pthread_mutex_lock(&watched_lock);
	f->refs--;
	pthread_mutex_unlock(&watched_lock);
	SQ(db)->files = -1;
}

int sq_files_check(struct db *db, int write, struct err *e)
{
	const char *path = sqlite3_db_filename(SQ(db)->h, "main");
	struct files *f;
	dev_t dev = 0;
	ino_t wal, shm;
	int gone, saved, old;

	if (SQ(db)->files < 0)
		return 0;
	f = &watched[SQ(db)->files];
	if (inode_of(path, "", &dev) != f->db || dev != f->dev)
		return 0; /* moved away, files and all */
	wal = inode_of(path, "-wal", NULL);
	shm = inode_of(path, "-shm", NULL);
	pthread_mutex_lock(&watched_lock);
	gone = compare(db, f, wal, shm);
	saved = f->saved;
	old = SQ(db)->wal && SQ(db)->wal == f->wal;
	pthread_mutex_unlock(&watched_lock);
	if (!gone || (saved && !write))
		return 0;
	sq_rollback_tx(db);
	if (!saved && old) {
		save(db, f, path);
		pthread_mutex_lock(&watched_lock);
		saved = f->saved;
		pthread_mutex_unlock(&watched_lock);
		if (saved && !write)
			return 1;
	}
	return sq_files_err(db, write, e);
}

int sq_files_vanished(struct db *db)
{
	const char *path = sqlite3_db_filename(SQ(db)->h, "main");
	struct files *f;
	dev_t dev = 0;
	ino_t wal, shm;
	int gone;

	if (SQ(db)->files < 0)
		return 0;
	f = &watched[SQ(db)->files];
	if (inode_of(path, "", &dev) != f->db || dev != f->dev)
		return 0;
	wal = inode_of(path, "-wal", NULL);
	shm = inode_of(path, "-shm", NULL);
	pthread_mutex_lock(&watched_lock);
	gone = f->wal && compare(db, f, wal, shm);
	pthread_mutex_unlock(&watched_lock);
	return gone;
}

int sq_files_err(struct db *db, int write, struct err *e)
{
	return err_set(e, ERR_UNAVAILABLE, NULL,
		       "the database's -wal or -shm file (beside %s) vanished while the server "
		       "ran (deleted or replaced): %s until the server restarts",
		       sqlite3_db_filename(SQ(db)->h, "main"),
		       write ? "writes are refused" : "reads wait for its log to be saved, writes are refused");
}
