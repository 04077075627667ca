/*
 * sqlite_int.h - what the files of the SQLite driver share: its connection
 * and statement behind store/db.h, and its operations (db.c, fts5.c,
 * backup.c).
 */
#ifndef LIAISON_STORE_SQLITE_INT_H
#define LIAISON_STORE_SQLITE_INT_H

#include "store/db_driver.h"

#include <sqlite3.h>

#define DB_TX_STMTS 4

struct sq_db {
	struct db base;
	sqlite3 *h;
	sqlite3_stmt *tx[DB_TX_STMTS]; /* BEGIN IMMEDIATE, BEGIN, COMMIT, ROLLBACK */
	void (*watch)(void *arg, const char *table); /* db_watch's hook, or NULL */
	void *watch_arg;
	const struct db_tokenizer *tok; /* db_set_tokenizer's, or NULL */
};

struct sq_stmt {
	struct db_stmt base;
	sqlite3_stmt *h;
	struct db *db;
	int bind_rc; /* the first failed binding since the last reset */
};

#define SQ(db) ((struct sq_db *)(db))
#define ST(st) ((struct sq_stmt *)(st))

/* Turns the SQLite result rc into an err code (filling e); returns it. */
int db_sqlite_err(struct db *db, int rc, struct err *e);

int sq_exec_script(struct db *db, const char *sql, struct err *e);
int sq_set_tokenizer(struct db *db, const struct db_tokenizer *t, struct err *e);
int sq_set_collations(struct db *db, const struct db_collations *c, struct err *e);
int sq_backup(struct db *db, const char *path, struct err *e);

#endif
