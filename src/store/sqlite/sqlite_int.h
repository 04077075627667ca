/*
 * sqlite_int.h - what the files of the SQLite driver share: its connection
 * and statement behind store/db.h, and its operations (db.c, fts5.c,
 * backup.c).
 */
#ifndef LIAISON_STORE_SQLITE_INT_H
#define LIAISON_STORE_SQLITE_INT_H

#include "store/db_driver.h"

#include <sqlite3.h>
#include <sys/types.h>

#define DB_TX_STMTS 4

struct sq_db {
	struct db base;
	sqlite3 *h;
	sqlite3_stmt *tx[DB_TX_STMTS]; /* BEGIN IMMEDIATE, BEGIN, COMMIT, ROLLBACK */
	void (*watch)(void *arg, const char *table); /* db_watch's hook, or NULL */
	void *watch_arg;
	const struct db_tokenizer *tok; /* db_set_tokenizer's, or NULL */
	int rw;                         /* opened for writing */
	int files;                      /* files.c's record of the -wal and -shm, or -1 */
	ino_t wal;                      /* the -wal this connection opened (0: not seen yet) */
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
void sq_rollback_tx(struct db *db);

/*
 * The -wal and -shm files watched (files.c): sq_files_open records a
 * read-write connection once its pragmas ran, sq_files_close forgets it.
 * sq_files_check runs inside each transaction just begun: 0 to go on, 1
 * when it rolled the read back to begin it again, or ERR_UNAVAILABLE (the
 * transaction rolled back, e filled) once the files vanished.
 */
void sq_files_open(struct db *db);
void sq_files_close(struct db *db);
int sq_files_check(struct db *db, int write, struct err *e);
/* 1 when the files of db's database vanished (an I/O error's cause). */
int sq_files_vanished(struct db *db);
/* Fills e with the ERR_UNAVAILABLE of vanished files; returns it. */
int sq_files_err(struct db *db, int write, struct err *e);
int sq_set_tokenizer(struct db *db, const struct db_tokenizer *t, struct err *e);
int sq_set_collations(struct db *db, const struct db_collations *c, struct err *e);
int sq_backup(struct db *db, const char *path, struct err *e);

#endif
