/*
 * db.c - the statement port's front (db.h): db_open picks the driver by
 * the form of the target (postgresql:// or postgres:// for PostgreSQL, a
 * path or a file: URI for SQLite), and every other call goes to the
 * driver of its connection or statement.
 */
#include "store/db_driver.h"

#include <string.h>

int db_is_pg_target(const char *target)
{
	return target && (strncmp(target, "postgresql://", 13) == 0 ||
			  strncmp(target, "postgres://", 11) == 0);
}

int db_open(struct db **out, const char *target, int flags, struct err *e)
{
	if (db_is_pg_target(target))
		return db_pg_open(out, target, flags, e);
	return db_sqlite_open(out, target, flags, e);
}

void db_close(struct db *db)
{
	if (db)
		db->ops->close(db);
}

const char *db_driver(const struct db *db)
{
	return db->ops->name;
}

int db_prepare(struct db *db, const char *sql, int persistent, struct db_stmt **out,
	       const char **tail, struct err *e)
{
	return db->ops->prepare(db, sql, persistent, out, tail, e);
}

void db_finalize(struct db_stmt *st)
{
	if (st)
		st->ops->finalize(st);
}

void db_reset(struct db_stmt *st)
{
	if (st)
		st->ops->reset(st);
}

int db_busy(struct db_stmt *st)
{
	return st->ops->busy(st);
}

int db_bind_int64(struct db_stmt *st, int i, int64_t v)
{
	return st->ops->bind_int64(st, i, v);
}

int db_bind_text(struct db_stmt *st, int i, const char *text, size_t len)
{
	if (!text)
		return st->ops->bind_null(st, i);
	return st->ops->bind_text(st, i, text, len == (size_t)-1 ? strlen(text) : len);
}

int db_bind_blob(struct db_stmt *st, int i, const void *data, size_t len)
{
	return st->ops->bind_blob(st, i, data, len);
}

int db_bind_null(struct db_stmt *st, int i)
{
	return st->ops->bind_null(st, i);
}

int db_param_index(struct db_stmt *st, const char *name)
{
	return st->ops->param_index(st, name);
}

int db_step(struct db_stmt *st, struct err *e)
{
	return st->ops->step(st, e);
}

int db_col_count(struct db_stmt *st)
{
	return st->ops->col_count(st);
}

const char *db_col_name(struct db_stmt *st, int i)
{
	return st->ops->col_name(st, i);
}

enum db_type db_col_type(struct db_stmt *st, int i)
{
	return st->ops->col_type(st, i);
}

int64_t db_col_int64(struct db_stmt *st, int i)
{
	return st->ops->col_int64(st, i);
}

const char *db_col_text(struct db_stmt *st, int i)
{
	return st->ops->col_text(st, i);
}

size_t db_col_bytes(struct db_stmt *st, int i)
{
	return st->ops->col_bytes(st, i);
}

int64_t db_last_id(struct db *db)
{
	return db->ops->last_id(db);
}

int64_t db_changes(struct db *db)
{
	return db->ops->changes(db);
}

int db_exec_script(struct db *db, const char *sql, struct err *e)
{
	return db->ops->exec_script(db, sql, e);
}

int db_begin(struct db *db, int write, struct err *e)
{
	return db->ops->begin(db, write, e);
}

int db_commit(struct db *db, struct err *e)
{
	return db->ops->commit(db, e);
}

void db_rollback(struct db *db)
{
	db->ops->rollback(db);
}

int db_in_tx(struct db *db)
{
	return db->ops->in_tx(db);
}

int db_has_table(struct db *db, const char *name, int *has, struct err *e)
{
	return db->ops->has_table(db, name, has, e);
}

void db_watch(struct db *db, void (*hook)(void *arg, const char *table), void *arg)
{
	db->ops->watch(db, hook, arg);
}

int db_set_tokenizer(struct db *db, const struct db_tokenizer *t, struct err *e)
{
	return db->ops->set_tokenizer(db, t, e);
}

int db_set_collations(struct db *db, const struct db_collations *c, struct err *e)
{
	return db->ops->set_collations(db, c, e);
}

int db_collation_needed(struct db *db, const char *locale, size_t n, struct err *e)
{
	return db->ops->collation_needed ? db->ops->collation_needed(db, locale, n, e) : 0;
}

int db_stale(struct db *db)
{
	return db->ops->stale ? db->ops->stale(db) : 0;
}

int db_backup(struct db *db, const char *path, struct err *e)
{
	return db->ops->backup(db, path, e);
}
