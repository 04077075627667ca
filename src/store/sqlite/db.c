/*
 * db.c - the SQLite driver of the statement port (store/db.h), the
 * embedded default: a
 * connection with its pragmas (WAL, foreign keys, busy timeout),
 * statements, result codes turned into struct err, transactions.
 */
#include "store/sqlite/sqlite_int.h"

#include "core/xalloc.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define DB_BUSY_MS 5000

static const struct db_ops sq_ops;
static void sq_close(struct db *db);
static int sq_bind_null(struct db_stmt *st, int i);

/* ---- errors ---------------------------------------------------------------- */

/*
 * The errno of the failed system call behind an SQLITE_IOERR: SQLite's
 * copy of errno is often taken after other calls cleared it, so the last
 * errno of the database file, then of its log (a write to the -wal on a
 * file system turned read-only).
 */
static int sq_errno(sqlite3 *h)
{
	sqlite3_file *log = NULL;
	int n = sqlite3_system_errno(h);

	if (n == 0)
		(void)sqlite3_file_control(h, "main", SQLITE_FCNTL_LAST_ERRNO, &n);
	if (n == 0 && sqlite3_file_control(h, "main", SQLITE_FCNTL_JOURNAL_POINTER, &log) ==
			      SQLITE_OK && log && log->pMethods)
		(void)log->pMethods->xFileControl(log, SQLITE_FCNTL_LAST_ERRNO, &n);
	return n;
}

int db_sqlite_err(struct db *db, int rc, struct err *e)
{
	const char *msg = db && SQ(db)->h ? sqlite3_errmsg(SQ(db)->h) : sqlite3_errstr(rc);

	/* the unix VFS reports some ENOSPC/EROFS writes as SQLITE_IOERR_* or CANTOPEN */
	if (((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_CANTOPEN) && db && SQ(db)->h) {
		int sys = sq_errno(SQ(db)->h);

		if (sys == ENOSPC)
			rc = SQLITE_FULL;
		else if (sys == EROFS)
			rc = SQLITE_READONLY;
	}
	/* a connection opened after the -wal went reads its frames in the new
	 * empty file: say why */
	if ((rc & 0xff) == SQLITE_IOERR && db && sq_files_vanished(db))
		return sq_files_err(db, 0, e);
	switch (rc & 0xff) {
	case SQLITE_FULL:
		return err_set(e, ERR_NO_SPACE, NULL,
			       "the database's disk is full, free space and try again: %s", msg);
	case SQLITE_READONLY:
		return err_set(e, ERR_READONLY, NULL, "the database is read-only: %s", msg);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return err_set(e, ERR_BUSY, NULL, "the database is busy, try again: %s", msg);
	case SQLITE_CONSTRAINT:
		return err_set(e, ERR_CONFLICT, NULL, "refused by the database: %s", msg);
	case SQLITE_CANTOPEN:
		return err_set(e, ERR_UNAVAILABLE, NULL,
			       "cannot open the database or its -wal and -shm files beside it "
			       "(their folder gone or not writable?): %s", msg);
	case SQLITE_IOERR:
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return err_set(e, ERR_IO, NULL, "database error: %s", msg);
	default:
		return err_set(e, ERR_INTERNAL, NULL, "database error: %s", msg);
	}
}

/* ---- connection ---------------------------------------------------------------- */

static int db_pragmas(struct db *db, int readonly, struct err *e)
{
	int rc = 0;

	if (sqlite3_busy_timeout(SQ(db)->h, DB_BUSY_MS) != SQLITE_OK)
		return db_sqlite_err(db, sqlite3_errcode(SQ(db)->h), e);
	if (!readonly)
		rc = sq_exec_script(db, "PRAGMA journal_mode=WAL", e);
	if (rc == 0)
		rc = sq_exec_script(db,
				    "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"
				    "PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY;",
				    e);
	return rc;
}

/*
 * Before SQLite's first use: no memory statistics (every allocation would
 * take a global mutex for figures nothing reads). A library that started
 * SQLite first leaves it as it was (sqlite3_config answers MISUSE).
 */
static void sq_configure(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int db_sqlite_open(struct db **out, const char *target, int flags, struct err *e)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	struct db *db = xcalloc(1, sizeof(struct sq_db));
	int oflags = SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_URI;
	int rc;

	(void)pthread_once(&once, sq_configure);
	db->ops = &sq_ops;
	SQ(db)->files = -1;
	*out = NULL;
	oflags |= (flags & DB_READONLY) ? SQLITE_OPEN_READONLY
					: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	rc = sqlite3_open_v2(target, &SQ(db)->h, oflags, NULL);
	if (rc != SQLITE_OK) {
		rc = err_set(e, ERR_UNAVAILABLE, NULL, "cannot open database %s: %s", target,
			     SQ(db)->h ? sqlite3_errmsg(SQ(db)->h) : sqlite3_errstr(rc));
		sq_close(db);
		return rc;
	}
	sqlite3_extended_result_codes(SQ(db)->h, 1);
	SQ(db)->rw = !(flags & DB_READONLY);
	if (SQ(db)->rw)
		sq_files_open(db);
	rc = db_pragmas(db, flags & DB_READONLY, e);
	if (rc) {
		sq_close(db);
		return rc;
	}
	*out = db;
	return 0;
}

static void sq_close(struct db *db)
{
	if (!db)
		return;
	sq_files_close(db);
	for (int i = 0; i < DB_TX_STMTS; i++)
		sqlite3_finalize(SQ(db)->tx[i]);
	sqlite3_close_v2(SQ(db)->h);
	free(db);
}

/* ---- statements ---------------------------------------------------------------- */

static int sq_prepare(struct db *db, const char *sql, int persistent, struct db_stmt **out,
	       const char **tail, struct err *e)
{
	sqlite3_stmt *h = NULL;
	int rc;

	*out = NULL;
	rc = sqlite3_prepare_v3(SQ(db)->h, sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0, &h,
				tail);
	if (rc != SQLITE_OK)
		return db_sqlite_err(db, rc, e);
	if (!h)
		return 0;
	*out = xcalloc(1, sizeof(struct sq_stmt));
	(*out)->ops = &sq_ops;
	ST(*out)->h = h;
	ST(*out)->db = db;
	return 0;
}

static void sq_finalize(struct db_stmt *st)
{
	if (!st)
		return;
	sqlite3_finalize(ST(st)->h);
	free(st);
}

static void sq_reset(struct db_stmt *st)
{
	if (!st)
		return;
	sqlite3_reset(ST(st)->h);
	sqlite3_clear_bindings(ST(st)->h);
	ST(st)->bind_rc = SQLITE_OK;
}

static int sq_busy(struct db_stmt *st)
{
	return sqlite3_stmt_busy(ST(st)->h);
}

/* Keeps the first failed binding for db_step; returns its err code. */
static int bound(struct db_stmt *st, int rc)
{
	if (rc == SQLITE_OK)
		return 0;
	if (ST(st)->bind_rc == SQLITE_OK)
		ST(st)->bind_rc = rc;
	return (rc & 0xff) == SQLITE_RANGE ? ERR_INTERNAL : db_sqlite_err(ST(st)->db, rc, NULL);
}

static int sq_bind_int64(struct db_stmt *st, int i, int64_t v)
{
	return bound(st, sqlite3_bind_int64(ST(st)->h, i, v));
}

static int sq_bind_text(struct db_stmt *st, int i, const char *text, size_t len)
{
	if (!text)
		return sq_bind_null(st, i);
	return bound(st, sqlite3_bind_text64(ST(st)->h, i, text,
					     len == (size_t)-1 ? strlen(text) : len,
					     SQLITE_TRANSIENT, SQLITE_UTF8));
}

static int sq_bind_blob(struct db_stmt *st, int i, const void *data, size_t len)
{
	return bound(st, sqlite3_bind_blob64(ST(st)->h, i, data, len, SQLITE_TRANSIENT));
}

static int sq_bind_null(struct db_stmt *st, int i)
{
	return bound(st, sqlite3_bind_null(ST(st)->h, i));
}

static int sq_param_index(struct db_stmt *st, const char *name)
{
	return sqlite3_bind_parameter_index(ST(st)->h, name);
}

static int sq_step(struct db_stmt *st, struct err *e)
{
	int rc;

	if (ST(st)->bind_rc != SQLITE_OK) {
		rc = err_set(e, ERR_INTERNAL, NULL, "database error: cannot bind: %s",
			     sqlite3_errstr(ST(st)->bind_rc));
		sqlite3_reset(ST(st)->h);
		return rc;
	}
	rc = sqlite3_step(ST(st)->h);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	rc = db_sqlite_err(ST(st)->db, rc, e);
	sqlite3_reset(ST(st)->h);
	return rc;
}

static int sq_col_count(struct db_stmt *st)
{
	return sqlite3_column_count(ST(st)->h);
}

const char *sq_col_name(struct db_stmt *st, int i)
{
	return sqlite3_column_name(ST(st)->h, i);
}

static enum db_type sq_col_type(struct db_stmt *st, int i)
{
	switch (sqlite3_column_type(ST(st)->h, i)) {
	case SQLITE_INTEGER:
		return DB_INTEGER;
	case SQLITE_FLOAT:
		return DB_FLOAT;
	case SQLITE_TEXT:
		return DB_TEXT;
	case SQLITE_BLOB:
		return DB_BLOB;
	default:
		return DB_NULL;
	}
}

static int64_t sq_col_int64(struct db_stmt *st, int i)
{
	return sqlite3_column_int64(ST(st)->h, i);
}

const char *sq_col_text(struct db_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(ST(st)->h, i);
}

static size_t sq_col_bytes(struct db_stmt *st, int i)
{
	return (size_t)sqlite3_column_bytes(ST(st)->h, i);
}

static int64_t sq_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(SQ(db)->h);
}

static int64_t sq_changes(struct db *db)
{
	return sqlite3_changes64(SQ(db)->h);
}

int sq_exec_script(struct db *db, const char *sql, struct err *e)
{
	const char *tail = sql;

	while (tail && *tail) {
		sqlite3_stmt *h = NULL;
		int rc = sqlite3_prepare_v3(SQ(db)->h, tail, -1, 0, &h, &tail);

		if (rc != SQLITE_OK)
			return db_sqlite_err(db, rc, e);
		if (!h) /* only white space or comments left */
			break;
		do
			rc = sqlite3_step(h);
		while (rc == SQLITE_ROW);
		if (rc != SQLITE_DONE) {
			rc = db_sqlite_err(db, rc, e);
			sqlite3_finalize(h);
			return rc;
		}
		sqlite3_finalize(h);
	}
	return 0;
}

/* ---- transactions ---------------------------------------------------------------- */

/* The transaction statements, prepared once per connection. */
static const char *const tx_sql[DB_TX_STMTS] = {"BEGIN IMMEDIATE", "BEGIN", "COMMIT", "ROLLBACK"};

static int run(struct db *db, int which, struct err *e)
{
	int rc;

	if (!SQ(db)->tx[which]) {
		rc = sqlite3_prepare_v3(SQ(db)->h, tx_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
					&SQ(db)->tx[which], NULL);
		if (rc != SQLITE_OK)
			return db_sqlite_err(db, rc, e);
	}
	rc = sqlite3_step(SQ(db)->tx[which]);
	if (rc != SQLITE_DONE)
		rc = db_sqlite_err(db, rc, e);
	else
		rc = 0;
	sqlite3_reset(SQ(db)->tx[which]);
	return rc;
}

static int sq_begin(struct db *db, int write, struct err *e)
{
	int rc = run(db, write ? 0 : 1, e);

	if (rc == 0)
		rc = sq_files_check(db, write, e);
	if (rc == 1) /* the log was saved meanwhile: the read from the database file */
		rc = run(db, 1, e);
	return rc;
}

static int sq_commit(struct db *db, struct err *e)
{
	return run(db, 2, e);
}

void sq_rollback_tx(struct db *db)
{
	if (!sqlite3_get_autocommit(SQ(db)->h))
		(void)run(db, 3, NULL);
}


static int sq_in_tx(struct db *db)
{
	return !sqlite3_get_autocommit(SQ(db)->h);
}

/* Opened for writing, SQLite fell back to read-only (the file or its
 * folder was read-only then): a new connection may write again. */
static int sq_stale(struct db *db)
{
	return SQ(db)->rw && sqlite3_db_readonly(SQ(db)->h, "main") == 1;
}

static int sq_has_table(struct db *db, const char *name, int *has, struct err *e)
{
	struct db_stmt *st;
	int rc;

	*has = 0;
	rc = sq_prepare(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
			0, &st, NULL, e);
	if (rc)
		return rc;
	(void)sq_bind_text(st, 1, name, (size_t)-1);
	rc = sq_step(st, e);
	if (rc == 1)
		*has = sq_col_int64(st, 0) != 0;
	sq_finalize(st);
	return rc < 0 ? rc : 0;
}

/* ---- change hook ---------------------------------------------------------------- */

static void update_hook(void *arg, int op, const char *dbname, const char *table,
			sqlite3_int64 rowid)
{
	struct db *db = arg;

	(void)op;
	(void)dbname;
	(void)rowid;
	SQ(db)->watch(SQ(db)->watch_arg, table);
}

static void sq_watch(struct db *db, void (*hook)(void *arg, const char *table), void *arg)
{
	SQ(db)->watch = hook;
	SQ(db)->watch_arg = arg;
	(void)sqlite3_update_hook(SQ(db)->h, hook ? update_hook : NULL, db);
}

static const struct db_ops sq_ops = {
	.name = "sqlite",
	.close = sq_close,
	.prepare = sq_prepare,
	.finalize = sq_finalize,
	.reset = sq_reset,
	.busy = sq_busy,
	.bind_int64 = sq_bind_int64,
	.bind_text = sq_bind_text,
	.bind_blob = sq_bind_blob,
	.bind_null = sq_bind_null,
	.param_index = sq_param_index,
	.step = sq_step,
	.col_count = sq_col_count,
	.col_name = sq_col_name,
	.col_type = sq_col_type,
	.col_int64 = sq_col_int64,
	.col_text = sq_col_text,
	.col_bytes = sq_col_bytes,
	.last_id = sq_last_id,
	.changes = sq_changes,
	.exec_script = sq_exec_script,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback_tx,
	.in_tx = sq_in_tx,
	.has_table = sq_has_table,
	.watch = sq_watch,
	.set_tokenizer = sq_set_tokenizer,
	.set_collations = sq_set_collations,
	.backup = sq_backup,
	.stale = sq_stale,
};
