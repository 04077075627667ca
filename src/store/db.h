/*
 * db.h - the statement port: the small, backend-neutral interface through
 * which the rest of src/store reaches a database. One driver per database
 * implements it (src/store/sqlite/, the embedded default, and
 * src/store/pg/ on libpq); no file outside a driver includes a database
 * library's header.
 *
 * SQL texts use `?` or `?N` placeholders, numbered from 1 (and `:name`,
 * looked up with db_param_index). Every function that can fail returns 0
 * (or 1 for a row from db_step) or a negative enum err_code, filling the
 * optional struct err: a constraint (unique, foreign key, check) is
 * ERR_CONFLICT, a lock held too long ERR_BUSY, file or network trouble
 * ERR_IO, anything else ERR_INTERNAL.
 *
 * A connection and its statements belong to one thread at a time. Texts
 * read from a row stay valid until the next db_step or db_reset of that
 * statement.
 */
#ifndef LIAISON_STORE_DB_H
#define LIAISON_STORE_DB_H

#include "core/err.h"

#include <stddef.h>
#include <stdint.h>

struct db;      /* one connection, owned by its driver */
struct db_stmt; /* one prepared statement of a connection */

enum db_open_flags {
	DB_READONLY = 1, /* refuse writes */
};

/* The class of a column's value in the current row. */
enum db_type { DB_NULL, DB_INTEGER, DB_FLOAT, DB_TEXT, DB_BLOB };

/*
 * Opens target: a PostgreSQL connection URI ("postgresql://..." or
 * "postgres://...", libpq's syntax) for the PostgreSQL driver, anything
 * else as an SQLite file path (or a file: URI). *out is NULL on failure.
 */
int db_open(struct db **out, const char *target, int flags, struct err *e);

/* Whether target names a PostgreSQL database (db_open's rule). */
int db_is_pg_target(const char *target);

/* Closes db and finalizes its statements' driver state (NULL is fine). */
void db_close(struct db *db);

/* The driver's name: "sqlite" or "postgresql". */
const char *db_driver(const struct db *db);

/*
 * Prepares the first statement of sql (NUL-terminated). *tail (may be NULL)
 * gets what follows it; *out is NULL when only white space or comments
 * were left. persistent: the statement will be kept and reused.
 */
int db_prepare(struct db *db, const char *sql, int persistent, struct db_stmt **out,
	       const char **tail, struct err *e);

/* Frees st (NULL is fine). */
void db_finalize(struct db_stmt *st);

/* Rewinds st and clears its bindings (NULL is fine). */
void db_reset(struct db_stmt *st);

/* Whether st has been stepped and not yet reset or run to its end. */
int db_busy(struct db_stmt *st);

/*
 * Bindings: parameter i from 1. text is copied (len (size_t)-1: up to
 * its NUL; NULL binds NULL). A failure is returned and also kept: the next
 * db_step returns it.
 */
int db_bind_int64(struct db_stmt *st, int i, int64_t v);
int db_bind_text(struct db_stmt *st, int i, const char *text, size_t len);
int db_bind_blob(struct db_stmt *st, int i, const void *data, size_t len);
int db_bind_null(struct db_stmt *st, int i);

/* The number of the parameter called name (":after"), 0 when none. */
int db_param_index(struct db_stmt *st, const char *name);

/* Steps st: 1 for a row, 0 when done, or a negative err code (st is reset). */
int db_step(struct db_stmt *st, struct err *e);

/* Columns of the current row, from 0. */
int db_col_count(struct db_stmt *st);
const char *db_col_name(struct db_stmt *st, int i);
enum db_type db_col_type(struct db_stmt *st, int i);
int64_t db_col_int64(struct db_stmt *st, int i);
const char *db_col_text(struct db_stmt *st, int i); /* NULL for NULL */
size_t db_col_bytes(struct db_stmt *st, int i);

/* The id of the row the last INSERT made on db. */
int64_t db_last_id(struct db *db);

/* How many rows the last INSERT, UPDATE or DELETE on db changed. */
int64_t db_changes(struct db *db);

/* Runs every statement of a script of constant SQL (migrations, pragmas). */
int db_exec_script(struct db *db, const char *sql, struct err *e);

/*
 * Transactions (not nested: src/store counts the depth). db_begin opens a
 * write transaction when write (it takes the write lock at once, so that
 * it cannot fail later for a lock another writer holds) or a read one.
 * db_in_tx says whether one is open (a failed COMMIT may leave it open).
 */
int db_begin(struct db *db, int write, struct err *e);
int db_commit(struct db *db, struct err *e);
void db_rollback(struct db *db);
int db_in_tx(struct db *db);

/* Whether the table name exists in db's schema. */
int db_has_table(struct db *db, const char *name, int *has, struct err *e);

/*
 * Calls hook(arg, table) for each row that a statement on db inserts,
 * updates or deletes (replacing any previous hook).
 */
void db_watch(struct db *db, void (*hook)(void *arg, const char *table), void *arg);

/*
 * The full-text tokenizer that the "liaison" search index calls: tokenize
 * gives each token of text to emit (flags: TEXT_TOKEN_COLOCATED), in
 * query mode or index mode; it returns 0 or a negative err code.
 */
typedef int (*db_token_fn)(void *ctx, int flags, const char *tok, size_t len, size_t start,
			   size_t end);
struct db_tokenizer {
	int (*tokenize)(void *arg, int query, const char *text, size_t len, db_token_fn emit,
			void *ctx);
	void *arg;
};

/* Registers t (borrowed: it must outlive db) on db. */
int db_set_tokenizer(struct db *db, const struct db_tokenizer *t, struct err *e);

/*
 * Collations that SQL names COLLATE "<prefix><name>" (ORDER BY and
 * comparisons): the first time a statement on db names one, the driver
 * asks open(arg, name) for it (NULL: no such collation, the statement
 * fails) and then compares texts with compare(coll, ...) (<0, 0, >0),
 * calling close(coll) when db closes. The set of names is the caller's to
 * keep small: each is opened once per connection.
 */
struct db_collations {
	const char *prefix;
	void *(*open)(void *arg, const char *name);
	int (*compare)(void *coll, const char *a, size_t alen, const char *b, size_t blen);
	void (*close)(void *coll);
	void *arg;
};

/* Registers c (borrowed: it must outlive db) on db. */
int db_set_collations(struct db *db, const struct db_collations *c, struct err *e);

/*
 * A statement about to be prepared names the collation c->prefix + locale
 * (n bytes): a driver that cannot call c's functions (PostgreSQL) makes it
 * from ICU's locale now, once per connection and name, whoever else is
 * making it at the same time. 0 on the drivers that need nothing.
 */
int db_collation_needed(struct db *db, const char *locale, size_t n, struct err *e);

/* Copies the whole database to the file path (online: others may write meanwhile). */
int db_backup(struct db *db, const char *path, struct err *e);

/*
 * 1 when db is no use any more and a new connection may do better: one
 * opened for writing that SQLite opened read-only (its file or folder was
 * read-only then), a PostgreSQL connection its server dropped. Cheap.
 */
int db_stale(struct db *db);

#endif
