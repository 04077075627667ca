/*
 * sqlite_int.h - what the files of the SQLite driver share: the
 * connection and statement structs behind store/db.h.
 */
#ifndef LIAISON_STORE_SQLITE_INT_H
#define LIAISON_STORE_SQLITE_INT_H

#include "store/db.h"

#include <sqlite3.h>

#define DB_TX_STMTS 4

struct db {
	sqlite3 *h;
	sqlite3_stmt *tx[DB_TX_STMTS]; /* BEGIN IMMEDIATE, BEGIN, COMMIT, ROLLBACK */
	void (*watch)(void *arg, const char *table); /* db_watch's hook, or NULL */
	void *watch_arg;
	const struct db_tokenizer *tok; /* db_set_tokenizer's, or NULL */
};

struct db_stmt {
	sqlite3_stmt *h;
	struct db *db;
	int bind_rc; /* the first failed binding since the last reset */
};

/* Turns the SQLite result rc into an err code (filling e); returns it. */
int db_sqlite_err(struct db *db, int rc, struct err *e);

#endif
