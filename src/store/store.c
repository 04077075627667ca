/*
 * store.c - one connection of the statement port (db.h): opening
 * (tokenizer, migrations), the per-connection statement cache, transactions, and the
 * small helpers that run a statement with bound arguments.
 */
#include "store/store_int.h"

#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define STORE_STMT_MAX 1024 /* cached statements per connection */

/* ---- statement cache ------------------------------------------------------ */

static size_t stmt_hash(const char *s)
{
	size_t h = 1469598103934665603u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static void stmt_cache_free(struct store *s)
{
	for (size_t i = 0; i < s->capstmts; i++) {
		if (s->stmts[i].sql) {
			db_finalize(s->stmts[i].st);
			free(s->stmts[i].sql);
		}
	}
	free(s->stmts);
	s->stmts = NULL;
	s->nstmts = s->capstmts = 0;
}

/* The slot of sql in the table: its entry, or the empty slot to fill. */
static struct store_stmt *stmt_slot(struct store *s, const char *sql)
{
	size_t mask = s->capstmts - 1;
	size_t i = stmt_hash(sql) & mask;

	while (s->stmts[i].sql && strcmp(s->stmts[i].sql, sql) != 0)
		i = (i + 1) & mask;
	return &s->stmts[i];
}

/*
 * Full: keeps only the statements being stepped (a caller is looping over
 * their rows) and finalizes the others. Callers never hold a prepared
 * statement across another store_prep before stepping it.
 */
static void stmt_cache_trim(struct store *s)
{
	struct store_stmt *old = s->stmts;
	size_t cap = s->capstmts;

	s->stmts = xcalloc(cap, sizeof(*s->stmts));
	s->nstmts = 0;
	for (size_t i = 0; i < cap; i++) {
		if (!old[i].sql)
			continue;
		if (db_busy(old[i].st)) {
			*stmt_slot(s, old[i].sql) = old[i];
			s->nstmts++;
		} else {
			db_finalize(old[i].st);
			free(old[i].sql);
		}
	}
	free(old);
}

void store_reset(struct db_stmt *st)
{
	if (!st)
		return;
	db_reset(st);
}

int store_prep(struct store *s, const char *sql, struct db_stmt **out, struct err *e)
{
	struct store_stmt *slot;
	struct db_stmt *st = NULL;
	int rc;

	*out = NULL;
	if (!s->stmts) {
		s->capstmts = 2 * STORE_STMT_MAX;
		s->stmts = xcalloc(s->capstmts, sizeof(*s->stmts));
	}
	slot = stmt_slot(s, sql);
	if (slot->sql) {
		*out = slot->st;
		return 0;
	}
	if (s->nstmts >= STORE_STMT_MAX) {
		stmt_cache_trim(s);
		slot = stmt_slot(s, sql);
	}
	if (s->pg) {
		char *pg = store_query_pg(sql);

		rc = store_pg_collations(s->db, pg, e);
		if (rc == 0)
			rc = db_prepare(s->db, pg, 1, &st, NULL, e);
		free(pg);
	} else {
		rc = db_prepare(s->db, sql, 1, &st, NULL, e);
	}
	if (rc)
		return rc;
	if (!st)
		return err_set(e, ERR_INTERNAL, NULL, "database error: empty statement");
	slot->sql = xstrdup(sql);
	slot->st = st;
	s->nstmts++;
	*out = st;
	return 0;
}

/* ---- running statements ------------------------------------------------- */

int store_step(struct store *s, struct db_stmt *st, struct err *e)
{
	(void)s;
	return db_step(st, e);
}

int store_bindv(struct store *s, struct db_stmt *st, const char *fmt, va_list ap, struct err *e)
{
	int rc = 0;
	int i = 1;

	(void)s;
	for (const char *p = fmt; *p && rc == 0; p++, i++) {
		if (*p == 'i') {
			rc = db_bind_int64(st, i, va_arg(ap, int64_t));
		} else if (*p == 'z') {
			int64_t v = va_arg(ap, int64_t);

			rc = v ? db_bind_int64(st, i, v) : db_bind_null(st, i);
		} else if (*p == 't') {
			rc = db_bind_text(st, i, va_arg(ap, const char *), (size_t)-1);
		} else {
			rc = db_bind_null(st, i);
		}
	}
	return rc == 0 ? 0 : err_set(e, rc, NULL, "database error: cannot bind parameter %d", i - 1);
}

/* The cached statement for sql with fmt's arguments bound; reset on failure. */
static int prep_bindv(struct store *s, const char *sql, struct db_stmt **st, const char *fmt,
		      va_list ap, struct err *e)
{
	int rc = store_prep(s, sql, st, e);

	if (rc)
		return rc;
	rc = store_bindv(s, *st, fmt, ap, e);
	if (rc)
		store_reset(*st);
	return rc;
}

int store_exec(struct store *s, struct err *e, const char *sql, const char *fmt, ...)
{
	struct db_stmt *st;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = prep_bindv(s, sql, &st, fmt, ap, e);
	va_end(ap);
	if (rc)
		return rc;
	while (rc == 0) {
		rc = store_step(s, st, e);
		if (rc == 0)
			break;
		if (rc == 1)
			rc = 0;
	}
	store_reset(st);
	return rc < 0 ? rc : 0;
}

int store_int(struct store *s, struct err *e, int64_t *out, const char *sql, const char *fmt,
	      ...)
{
	struct db_stmt *st;
	va_list ap;
	int rc;

	*out = 0;
	va_start(ap, fmt);
	rc = prep_bindv(s, sql, &st, fmt, ap, e);
	va_end(ap);
	if (rc)
		return rc;
	rc = store_step(s, st, e);
	if (rc == 1)
		*out = db_col_int64(st, 0);
	store_reset(st);
	return rc;
}

int store_script(struct store *s, const char *sql, struct err *e)
{
	return db_exec_script(s->db, sql, e);
}

/* ---- transactions ---------------------------------------------------------- */

/* Opens a write or a read transaction at depth 0; nests otherwise. */
static int tx_open(struct store *s, int write, struct err *e)
{
	int rc;

	if (s->tx_depth++ > 0)
		return 0;
	rc = db_begin(s->db, write, e);
	if (rc)
		s->tx_depth--;
	return rc;
}

/*
 * Ends the outermost transaction: COMMIT when rc == 0, ROLLBACK when not
 * or when the commit fails, so that no transaction is left open on the
 * connection. Returns rc or the commit's error.
 */
static int tx_close(struct store *s, int rc, struct err *e)
{
	if (rc == 0) {
		rc = db_commit(s->db, e);
		if (rc == 0)
			return 0;
	}
	db_rollback(s->db);
	return rc;
}

int store_tx_begin(struct store *s, struct err *e)
{
	return tx_open(s, 1, e);
}

int store_tx_end(struct store *s, int rc, struct err *e)
{
	if (--s->tx_depth > 0)
		return rc;
	if (rc == 0)
		rc = store_version_flush(s, e);
	s->version_dirty = 0;
	return tx_close(s, rc, e);
}

void store_now(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- opening ---------------------------------------------------------------- */

int store_open(struct store **out, const char *path, int flags, struct err *e)
{
	struct store *s = xcalloc(1, sizeof(*s));
	int rc;

	*out = NULL;
	if ((flags & STORE_READONLY) && (flags & STORE_MIGRATE)) {
		free(s);
		return err_set(e, ERR_INTERNAL, NULL, "cannot migrate a read-only database");
	}
	s->readonly = !!(flags & STORE_READONLY);
	rc = db_open(&s->db, path, s->readonly ? DB_READONLY : 0, e);
	if (rc) {
		store_close(s);
		return rc;
	}
	s->pg = strcmp(db_driver(s->db), "postgresql") == 0;
	store_version_watch(s);
	rc = store_fts_register(s, e);
	if (rc == 0)
		rc = store_collate_register(s, e);
	if (rc == 0 && (flags & STORE_MIGRATE))
		rc = store_migrate(s, NULL, e);
	if (rc == 0) {
		int v = 0;

		rc = store_schema_version(s, &v, e);
		if (rc == 0 && v > store_migration_count)
			rc = err_set(e, ERR_IO, NULL,
				     "database schema %d is newer than this program's (%d)", v,
				     store_migration_count);
	}
	if (rc) {
		store_close(s);
		return rc;
	}
	*out = s;
	return 0;
}

int store_stale(struct store *s)
{
	return !s->readonly && !s->tx_depth && db_stale(s->db);
}

void store_close(struct store *s)
{
	if (!s)
		return;
	stmt_cache_free(s);
	for (int r = 0; r < STORE_RES_COUNT; r++)
		for (int k = 0; k < STORE_SQL_KINDS; k++)
			free(s->sql[r][k]);
	db_close(s->db);
	free(s);
}

/* ---- migrations and small queries ----------------------------------------- */

int store_schema_version(struct store *s, int *version, struct err *e)
{
	int64_t v = 0;
	int has = 0;
	int rc;

	*version = 0;
	rc = db_has_table(s->db, "schema_migrations", &has, e);
	if (rc < 0)
		return rc;
	if (has) {
		rc = store_int(s, e, &v, "SELECT max(version) FROM schema_migrations", "");
		if (rc < 0)
			return rc;
	}
	*version = (int)v;
	return 0;
}

/* Runs a script of the migrations in the connection's dialect. */
static int migration_script(struct store *s, const char *sql, struct err *e)
{
	char *pg;
	int rc;

	if (strcmp(db_driver(s->db), "postgresql") != 0)
		return store_script(s, sql, e);
	rc = store_sql_pg(sql, &pg, e);
	if (rc == 0)
		rc = store_script(s, pg, e);
	free(pg);
	return rc;
}

static int migrate_one(struct store *s, int version, struct err *e)
{
	char now[32];
	int rc;
	char pragma[64];

	store_now(now);
	rc = migration_script(s, store_migrations[version - 1], e);
	if (rc == 0)
		rc = store_exec(s, e,
				"INSERT INTO schema_migrations(version, applied_at) VALUES (?, ?)",
				"it", (int64_t)version, now);
	if (rc == 0 && strcmp(db_driver(s->db), "sqlite") == 0) {
		/* user_version mirrors schema_migrations for outside tools */
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", version);
		rc = store_script(s, pragma, e);
	}
	return rc;
}

int store_migrate(struct store *s, int *applied, struct err *e)
{
	int version = 0;
	int n = 0;
	int rc;

	if (applied)
		*applied = 0;
	if (s->readonly)
		return err_set(e, ERR_IO, NULL, "cannot migrate a read-only database");
	rc = store_tx_begin(s, e);
	if (rc)
		return rc;
	rc = migration_script(s,
			      "CREATE TABLE IF NOT EXISTS schema_migrations ("
			      " version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
			      e);
	if (rc == 0 && strcmp(db_driver(s->db), "postgresql") == 0)
		rc = store_script(s, "CREATE EXTENSION IF NOT EXISTS citext", e); /* NOCASE */
	if (rc == 0)
		rc = store_schema_version(s, &version, e);
	for (int v = version + 1; rc == 0 && v <= store_migration_count; v++, n++)
		rc = migrate_one(s, v, e);
	rc = store_tx_end(s, rc, e);
	if (rc == 0 && applied)
		*applied = n;
	return rc;
}

int store_ping(struct store *s, struct err *e)
{
	int64_t one;
	int rc = store_int(s, e, &one, "SELECT 1", "");

	return rc < 0 ? rc : 0;
}

int store_is_empty(struct store *s, int *empty, struct err *e)
{
	int64_t any = 0;
	int rc;

	rc = store_int(s, e, &any,
		       "SELECT EXISTS (SELECT 1 FROM organisations) "
		       "OR EXISTS (SELECT 1 FROM events)",
		       "");
	if (rc < 0)
		return rc;
	*empty = !any;
	return 0;
}

const char *store_res_name(enum store_res res)
{
	const struct store_resdef *rd = store_resdef(res);

	return rd ? rd->name : "unknown";
}

int store_ids(struct store *s, struct err *e, int64_t **ids, size_t *n, const char *sql,
	      int64_t arg)
{
	struct db_stmt *st;
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	rc = store_prep(s, sql, &st, e);
	if (rc)
		return rc;
	(void)db_bind_int64(st, 1, arg);
	while ((rc = store_step(s, st, e)) == 1) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*ids = xreallocarray(*ids, cap, sizeof(**ids));
		}
		(*ids)[(*n)++] = db_col_int64(st, 0);
	}
	store_reset(st);
	if (rc < 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return rc;
	}
	return 0;
}

int store_read_begin(struct store *s, struct err *e)
{
	return tx_open(s, 0, e);
}

int store_read_end(struct store *s, int rc, struct err *e)
{
	if (--s->tx_depth > 0 || !db_in_tx(s->db))
		return rc;
	return tx_close(s, rc, e);
}

int store_backup(struct store *s, const char *path, struct err *e)
{
	return db_backup(s->db, path, e);
}
