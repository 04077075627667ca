/*
 * db_driver.h - what a driver of the statement port (db.h) provides: one
 * table of operations, and the first member of its connection and
 * statement structs, through which db.c dispatches. For src/store/db.c and
 * the drivers only.
 */
#ifndef LIAISON_STORE_DB_DRIVER_H
#define LIAISON_STORE_DB_DRIVER_H

#include "store/db.h"

struct db_ops {
	const char *name;
	void (*close)(struct db *db);
	int (*prepare)(struct db *db, const char *sql, int persistent, struct db_stmt **out,
		       const char **tail, struct err *e);
	void (*finalize)(struct db_stmt *st);
	void (*reset)(struct db_stmt *st);
	int (*busy)(struct db_stmt *st);
	int (*bind_int64)(struct db_stmt *st, int i, int64_t v);
	int (*bind_text)(struct db_stmt *st, int i, const char *text, size_t len);
	int (*bind_blob)(struct db_stmt *st, int i, const void *data, size_t len);
	int (*bind_null)(struct db_stmt *st, int i);
	int (*param_index)(struct db_stmt *st, const char *name);
	int (*step)(struct db_stmt *st, struct err *e);
	int (*col_count)(struct db_stmt *st);
	const char *(*col_name)(struct db_stmt *st, int i);
	enum db_type (*col_type)(struct db_stmt *st, int i);
	int64_t (*col_int64)(struct db_stmt *st, int i);
	const char *(*col_text)(struct db_stmt *st, int i);
	size_t (*col_bytes)(struct db_stmt *st, int i);
	int64_t (*last_id)(struct db *db);
	int64_t (*changes)(struct db *db);
	int (*exec_script)(struct db *db, const char *sql, struct err *e);
	int (*begin)(struct db *db, int write, struct err *e);
	int (*commit)(struct db *db, struct err *e);
	void (*rollback)(struct db *db);
	int (*in_tx)(struct db *db);
	int (*has_table)(struct db *db, const char *name, int *has, struct err *e);
	void (*watch)(struct db *db, void (*hook)(void *arg, const char *table), void *arg);
	int (*set_tokenizer)(struct db *db, const struct db_tokenizer *t, struct err *e);
	int (*set_collations)(struct db *db, const struct db_collations *c, struct err *e);
	/* NULL: the collations of set_collations need no more (db_collation_needed) */
	int (*collation_needed)(struct db *db, const char *locale, size_t n, struct err *e);
	int (*backup)(struct db *db, const char *path, struct err *e);
	/* NULL: a connection never needs opening again (db_stale) */
	int (*stale)(struct db *db);
};

/* The first member of every driver's connection and statement. */
struct db {
	const struct db_ops *ops;
};

struct db_stmt {
	const struct db_ops *ops;
};

/* The drivers' openers (db_open picks one by the target's form). */
int db_sqlite_open(struct db **out, const char *target, int flags, struct err *e);
int db_pg_open(struct db **out, const char *target, int flags, struct err *e);

#endif
