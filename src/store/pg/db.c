/*
 * db.c - the PostgreSQL driver of the statement port (store/db.h), on
 * libpq, for several app nodes sharing one database.
 *
 * SQL keeps the port's placeholders (`?`, `?N`, `:name`), rewritten to
 * `$n` once at prepare time (outside quotes). Values are bound as text and
 * typed by the server; a statement runs on its first db_step and its rows
 * are then read from the result one by one. The id of the last INSERT is
 * the session's lastval() (identity columns draw from sequences). A write
 * transaction takes one transaction-scoped advisory lock first, so that
 * writers are serialised as SQLite's BEGIN IMMEDIATE serialises them: a
 * rule checked inside the transaction (a cap, a state) holds across nodes.
 */
#include "store/db_driver.h"

#include "core/buf.h"
#include "core/xalloc.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PG_PARAMS_MAX 256
#define PG_NAMES_MAX 32
#define PG_WRITE_LOCK "SELECT pg_advisory_xact_lock(7426384)" /* "liaison" writers */

/* Type OIDs of the built-in types (pg_type.h is not in libpq-dev). */
enum { OID_BOOL = 16, OID_BYTEA = 17, OID_INT8 = 20, OID_INT2 = 21, OID_INT4 = 23, OID_TEXT = 25,
       OID_FLOAT4 = 700, OID_FLOAT8 = 701, OID_NUMERIC = 1700 };

struct pg_db {
	struct db base;
	PGconn *conn;
	unsigned next_name; /* names of prepared statements: s1, s2, ... */
	int64_t changes;
	void (*watch)(void *arg, const char *table);
	void *watch_arg;
	char coll_prefix[16]; /* db_set_collations' prefix, "" when none */
};

struct pg_stmt {
	struct db_stmt base;
	struct pg_db *db;
	char name[16]; /* the server-side prepared statement, "" when not prepared */
	char *sql;     /* with $n placeholders */
	char table[64]; /* the table an INSERT, UPDATE or DELETE writes, or "" */
	int nparams;
	char *names[PG_NAMES_MAX]; /* :name of parameter i + 1, or NULL */
	char **values;             /* bound texts (owned), NULL for NULL */
	int *lengths;
	int *formats;
	int bind_rc;
	PGresult *res; /* the rows of the current run, or NULL */
	int row;       /* the current row of res, -1 before the first */
	int done;
	/* a bytea value of the current row, unescaped (PQunescapeBytea) */
	unsigned char *blob;
	size_t blob_len;
	int blob_row, blob_col;
};

static const struct db_ops pg_ops;

#define PGDB(db) ((struct pg_db *)(db))
#define PGST(st) ((struct pg_stmt *)(st))

/* ---- errors ---------------------------------------------------------------- */

/* Maps a failed result's SQLSTATE to an err code, with the server's message. */
static int pg_err(struct pg_db *db, const PGresult *res, struct err *e)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;

	if (!msg)
		msg = PQerrorMessage(db->conn);
	/* the server went away (stopped, restarted, crashed): the worker opens
	 * a new connection at its next request (pg_stale) */
	if ((!state && PQstatus(db->conn) != CONNECTION_OK) ||
	    (state && (strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0)))
		return err_set(e, ERR_UNAVAILABLE, NULL,
			       "the connection to the database was lost (its server stopped or "
			       "restarted?), try again: %s", msg);
	if (!state)
		return err_set(e, ERR_INTERNAL, NULL, "database error: %s", msg);
	if (strncmp(state, "23", 2) == 0) /* integrity constraint violation */
		return err_set(e, ERR_CONFLICT, NULL, "refused by the database: %s", msg);
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "55P03") == 0 || strcmp(state, "57014") == 0)
		return err_set(e, ERR_BUSY, NULL, "the database is busy, try again: %s", msg);
	if (strncmp(state, "53", 2) == 0 || strncmp(state, "58", 2) == 0 ||
	    strcmp(state, "25006") == 0) /* read-only transaction */
		return err_set(e, ERR_IO, NULL, "database error: %s", msg);
	return err_set(e, ERR_INTERNAL, NULL, "database error: %s", msg);
}

/* Runs a command without rows; returns 0 or an err code. */
static int pg_command(struct pg_db *db, const char *sql, struct err *e)
{
	PGresult *res = PQexec(db->conn, sql);
	ExecStatusType st = PQresultStatus(res);
	int rc = 0;

	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY)
		rc = pg_err(db, res, e);
	PQclear(res);
	return rc;
}

/* ---- connection ---------------------------------------------------------------- */

static void pg_notice(void *arg, const char *msg)
{
	(void)arg;
	(void)msg; /* NOTICEs (IF NOT EXISTS, ...) are not errors */
}

int db_pg_open(struct db **out, const char *target, int flags, struct err *e)
{
	struct pg_db *db = xcalloc(1, sizeof(*db));
	int rc;

	*out = NULL;
	db->base.ops = &pg_ops;
	db->conn = PQconnectdb(target);
	if (!db->conn || PQstatus(db->conn) != CONNECTION_OK) {
		char msg[256];
		size_t n;

		snprintf(msg, sizeof(msg), "%s",
			 db->conn ? PQerrorMessage(db->conn) : "out of memory");
		n = strlen(msg);
		while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
			msg[--n] = '\0';
		rc = err_set(e, ERR_UNAVAILABLE, NULL, "cannot open database %s: %s", "postgresql",
			     msg);
		PQfinish(db->conn);
		free(db);
		return rc;
	}
	PQsetNoticeProcessor(db->conn, pg_notice, NULL);
	rc = pg_command(db, "SET client_min_messages = warning; SET TIME ZONE 'UTC'", e);
	if (rc == 0 && (flags & DB_READONLY))
		rc = pg_command(db, "SET default_transaction_read_only = on", e);
	if (rc) {
		PQfinish(db->conn);
		free(db);
		return rc;
	}
	*out = &db->base;
	return 0;
}

static void pg_close(struct db *db)
{
	PQfinish(PGDB(db)->conn);
	free(db);
}

/* ---- placeholders ---------------------------------------------------------------- */

/* The parameter number of :name in st, adding it when new. */
static int name_index(struct pg_stmt *st, const char *name, size_t len)
{
	for (int i = 0; i < PG_NAMES_MAX; i++)
		if (st->names[i] && strlen(st->names[i]) == len &&
		    strncmp(st->names[i], name, len) == 0)
			return i + 1;
	if (st->nparams >= PG_NAMES_MAX)
		return 0;
	st->names[st->nparams] = xstrndup(name, len);
	return ++st->nparams;
}

static int is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/*
 * Rewrites the port's placeholders in sql to $n (skipping quoted texts and
 * identifiers, and `::` casts); sets st->nparams. Returns the new text
 * (caller frees) or NULL when a parameter is out of range.
 */
static char *rewrite(struct pg_stmt *st, const char *sql)
{
	struct buf b;
	int next = 1;

	buf_init(&b, (size_t)1 << 24);
	for (const char *p = sql; *p; p++) {
		int n = 0;

		if (*p == '\'' || *p == '"') {
			const char *q = strchr(p + 1, *p);
			size_t len = q ? (size_t)(q - p + 1) : strlen(p);

			(void)buf_append(&b, p, len);
			p += len - 1;
			continue;
		}
		if (*p == ':' && p[1] == ':') {
			(void)buf_puts(&b, "::");
			p++;
			continue;
		}
		if (*p == '?') {
			if (p[1] >= '0' && p[1] <= '9') {
				n = (int)strtol(p + 1, NULL, 10);
				while (p[1] >= '0' && p[1] <= '9')
					p++;
			} else {
				n = next;
			}
		} else if (*p == ':' && is_name_char(p[1]) && !(p[1] >= '0' && p[1] <= '9')) {
			size_t len = 1;

			while (is_name_char(p[len]))
				len++;
			n = name_index(st, p, len);
			p += len - 1;
		} else {
			(void)buf_append(&b, p, 1);
			continue;
		}
		if (n < 1 || n > PG_PARAMS_MAX) {
			buf_release(&b);
			return NULL;
		}
		next = n + 1;
		if (n > st->nparams)
			st->nparams = n;
		(void)buf_printf(&b, "$%d", n);
	}
	if (!b.data)
		(void)buf_puts(&b, "");
	return buf_detach(&b, NULL);
}

/* The table that sql writes (INSERT INTO t, UPDATE t, DELETE FROM t), for db_watch. */
static void written_table(const char *sql, char *out, size_t size)
{
	static const char *const verbs[] = {"INSERT INTO ", "UPDATE ", "DELETE FROM "};
	size_t n = 0;

	out[0] = '\0';
	while (*sql == ' ' || *sql == '\n' || *sql == '\t')
		sql++;
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
		size_t len = strlen(verbs[i]);

		if (strncasecmp(sql, verbs[i], len) != 0)
			continue;
		sql += len;
		while (is_name_char(sql[n]) && n + 1 < size) {
			out[n] = sql[n];
			n++;
		}
		out[n] = '\0';
		return;
	}
}

/* ---- statements ---------------------------------------------------------------- */

/* The end of the first statement of sql (after its ';'), outside quotes. */
static const char *statement_end(const char *sql)
{
	for (const char *p = sql; *p; p++) {
		if (*p == '\'' || *p == '"') {
			const char *q = strchr(p + 1, *p);

			if (!q)
				return p + strlen(p);
			p = q;
		} else if (*p == '-' && p[1] == '-') {
			const char *q = strchr(p, '\n');

			if (!q)
				return p + strlen(p);
			p = q;
		} else if (*p == ';') {
			return p + 1;
		}
	}
	return sql + strlen(sql);
}

static int blank(const char *s, const char *end)
{
	for (; s < end; s++) {
		if (*s == '-' && s + 1 < end && s[1] == '-') {
			while (s < end && *s != '\n')
				s++;
			continue;
		}
		if (*s != ' ' && *s != '\n' && *s != '\t' && *s != '\r' && *s != ';')
			return 0;
	}
	return 1;
}

static void blob_drop(struct pg_stmt *st)
{
	if (st->blob)
		PQfreemem(st->blob);
	st->blob = NULL;
	st->blob_len = 0;
}

static void stmt_free(struct pg_stmt *st)
{
	blob_drop(st);
	PQclear(st->res);
	for (int i = 0; i < PG_NAMES_MAX; i++)
		free(st->names[i]);
	if (st->values)
		for (int i = 0; i < st->nparams; i++)
			free(st->values[i]);
	free(st->values);
	free(st->lengths);
	free(st->formats);
	free(st->sql);
	free(st);
}

/*
 * Runs one CREATE COLLATION IF NOT EXISTS. Another connection (another node)
 * creating the same collation at the same moment makes it fail with a
 * unique violation once that one commits: the collation is there, which is
 * all we want. A savepoint keeps an open transaction alive through that.
 */
static int create_collation(struct pg_db *db, const char *cmd, struct err *e)
{
	int tx = PQtransactionStatus(db->conn) == PQTRANS_INTRANS;
	PGresult *res;
	const char *state;
	int rc = 0;

	if (tx)
		PQclear(PQexec(db->conn, "SAVEPOINT liaison_collation"));
	res = PQexec(db->conn, cmd);
	state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	if (PQresultStatus(res) != PGRES_COMMAND_OK && !(state && (strcmp(state, "23505") == 0 ||
								   strcmp(state, "42710") == 0)))
		rc = pg_err(db, res, e);
	if (tx)
		PQclear(PQexec(db->conn, PQresultStatus(res) == PGRES_COMMAND_OK
						 ? "RELEASE SAVEPOINT liaison_collation"
						 : "ROLLBACK TO SAVEPOINT liaison_collation"));
	PQclear(res);
	return rc;
}

/*
 * Prepares st on the server with its parameters' types left to the server.
 * A parameter whose type the statement does not decide where it first
 * appears (`?2 IS NULL OR x = ?2`, `lower(?2)`: SQLite's values carry their
 * own types) is tried as bigint, then, when the statement refuses that, as
 * text.
 */
static PGresult *prepare_typed(struct pg_db *db, struct pg_stmt *st)
{
	Oid types[PG_PARAMS_MAX] = {0};
	int last = 0; /* the parameter last tried as bigint */
	/* a refused statement would end the transaction: a savepoint keeps it */
	int tx = PQtransactionStatus(db->conn) == PQTRANS_INTRANS;

	if (tx)
		PQclear(PQexec(db->conn, "SAVEPOINT liaison_prepare"));
	for (int tries = 0;; tries++) {
		PGresult *res = PQprepare(db->conn, st->name, st->sql, st->nparams, types);
		const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
		const char *dollar = msg ? strchr(msg, '$') : NULL;
		long n = dollar ? strtol(dollar + 1, NULL, 10) : 0;

		if (tx)
			PQclear(PQexec(db->conn, state ? "ROLLBACK TO SAVEPOINT liaison_prepare"
						       : "RELEASE SAVEPOINT liaison_prepare"));
		if (!state || tries > 2 * st->nparams)
			return res;
		if ((strcmp(state, "42P18") == 0 || strcmp(state, "42P08") == 0) && n >= 1 &&
		    n <= st->nparams && !types[n - 1]) {
			types[n - 1] = OID_INT8;
			last = (int)n;
		} else if (last) {
			types[last - 1] = OID_TEXT;
			last = 0;
		} else {
			return res;
		}
		PQclear(res);
	}
}

static int pg_prepare(struct db *dbp, const char *sql, int persistent, struct db_stmt **out,
		      const char **tail, struct err *e)
{
	struct pg_db *db = PGDB(dbp);
	const char *end = statement_end(sql);
	struct pg_stmt *st;
	char *one;
	PGresult *res;
	int rc = 0;

	(void)persistent;
	*out = NULL;
	if (tail)
		*tail = end;
	if (blank(sql, end))
		return 0;
	st = xcalloc(1, sizeof(*st));
	st->base.ops = &pg_ops;
	st->db = db;
	st->row = -1;
	one = xstrndup(sql, (size_t)(end - sql));
	st->sql = rewrite(st, one);
	written_table(one, st->table, sizeof(st->table));
	free(one);
	if (!st->sql) {
		stmt_free(st);
		return err_set(e, ERR_INTERNAL, NULL, "database error: a parameter out of range");
	}
	snprintf(st->name, sizeof(st->name), "s%u", ++db->next_name);
	res = prepare_typed(db, st);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = pg_err(db, res, e);
	PQclear(res);
	if (rc) {
		st->name[0] = '\0';
		stmt_free(st);
		return rc;
	}
	st->values = xcalloc((size_t)st->nparams + 1, sizeof(*st->values));
	st->lengths = xcalloc((size_t)st->nparams + 1, sizeof(*st->lengths));
	st->formats = xcalloc((size_t)st->nparams + 1, sizeof(*st->formats));
	*out = &st->base;
	return 0;
}

static void pg_finalize(struct db_stmt *stp)
{
	struct pg_stmt *st = PGST(stp);
	char sql[48];

	if (st->name[0] && PQstatus(st->db->conn) == CONNECTION_OK &&
	    PQtransactionStatus(st->db->conn) != PQTRANS_INERROR) {
		snprintf(sql, sizeof(sql), "DEALLOCATE %s", st->name);
		PQclear(PQexec(st->db->conn, sql));
	}
	stmt_free(st);
}

static void pg_reset(struct db_stmt *stp)
{
	struct pg_stmt *st = PGST(stp);

	blob_drop(st);
	PQclear(st->res);
	st->res = NULL;
	st->row = -1;
	st->done = 0;
	st->bind_rc = 0;
	for (int i = 0; i < st->nparams; i++) {
		free(st->values[i]);
		st->values[i] = NULL;
		st->lengths[i] = 0;
		st->formats[i] = 0;
	}
}

static int pg_busy(struct db_stmt *stp)
{
	return PGST(stp)->res != NULL && !PGST(stp)->done;
}

/* Sets parameter i to a copy of data (NULL: SQL NULL); format 1 is binary. */
static int set_param(struct pg_stmt *st, int i, const void *data, size_t len, int format)
{
	if (i < 1 || i > st->nparams) {
		if (!st->bind_rc)
			st->bind_rc = ERR_INTERNAL;
		return ERR_INTERNAL;
	}
	free(st->values[i - 1]);
	st->values[i - 1] = NULL;
	if (data) {
		st->values[i - 1] = xmalloc(len + 1);
		memcpy(st->values[i - 1], data, len);
		st->values[i - 1][len] = '\0';
	}
	st->lengths[i - 1] = (int)len;
	st->formats[i - 1] = format;
	return 0;
}

static int pg_bind_int64(struct db_stmt *st, int i, int64_t v)
{
	char text[24];
	int n = snprintf(text, sizeof(text), "%lld", (long long)v);

	return set_param(PGST(st), i, text, (size_t)n, 0);
}

static int pg_bind_text(struct db_stmt *st, int i, const char *text, size_t len)
{
	return set_param(PGST(st), i, text, len, 0);
}

static int pg_bind_blob(struct db_stmt *st, int i, const void *data, size_t len)
{
	return set_param(PGST(st), i, data ? data : "", len, 1);
}

static int pg_bind_null(struct db_stmt *st, int i)
{
	return set_param(PGST(st), i, NULL, 0, 0);
}

static int pg_param_index(struct db_stmt *stp, const char *name)
{
	struct pg_stmt *st = PGST(stp);

	for (int i = 0; i < PG_NAMES_MAX; i++)
		if (st->names[i] && strcmp(st->names[i], name) == 0)
			return i + 1;
	return 0;
}

/* Runs the statement: its rows go to st->res. */
static int run(struct pg_stmt *st, struct err *e)
{
	struct pg_db *db = st->db;
	ExecStatusType status;
	const char *tuples;
	int rc;

	st->res = PQexecPrepared(db->conn, st->name, st->nparams,
				 (const char *const *)st->values, st->lengths, st->formats, 0);
	status = PQresultStatus(st->res);
	if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
		rc = pg_err(db, st->res, e);
		PQclear(st->res);
		st->res = NULL;
		return rc;
	}
	tuples = PQcmdTuples(st->res);
	if (st->table[0]) {
		db->changes = tuples[0] ? strtoll(tuples, NULL, 10) : 0;
		if (db->watch && db->changes > 0)
			db->watch(db->watch_arg, st->table);
	}
	return 0;
}

static int pg_step(struct db_stmt *stp, struct err *e)
{
	struct pg_stmt *st = PGST(stp);
	int rc;

	if (st->bind_rc) {
		rc = err_set(e, st->bind_rc, NULL, "database error: cannot bind a parameter");
		pg_reset(stp);
		return rc;
	}
	if (st->done)
		return 0;
	if (!st->res) {
		rc = run(st, e);
		if (rc)
			return rc;
	}
	if (++st->row < PQntuples(st->res))
		return 1;
	st->done = 1;
	return 0;
}

static int pg_col_count(struct db_stmt *st)
{
	return PGST(st)->res ? PQnfields(PGST(st)->res) : 0;
}

static const char *pg_col_name(struct db_stmt *st, int i)
{
	return PQfname(PGST(st)->res, i);
}

static enum db_type pg_col_type(struct db_stmt *stp, int i)
{
	struct pg_stmt *st = PGST(stp);

	if (PQgetisnull(st->res, st->row, i))
		return DB_NULL;
	switch (PQftype(st->res, i)) {
	case OID_BOOL:
	case OID_INT2:
	case OID_INT4:
	case OID_INT8:
		return DB_INTEGER;
	case OID_FLOAT4:
	case OID_FLOAT8:
	case OID_NUMERIC:
		return DB_FLOAT;
	case OID_BYTEA:
		return DB_BLOB;
	default:
		return DB_TEXT;
	}
}

static int64_t pg_col_int64(struct db_stmt *stp, int i)
{
	struct pg_stmt *st = PGST(stp);
	const char *v;

	if (PQgetisnull(st->res, st->row, i))
		return 0;
	v = PQgetvalue(st->res, st->row, i);
	if (PQftype(st->res, i) == OID_BOOL)
		return v[0] == 't';
	return strtoll(v, NULL, 10);
}

/* The bytes of bytea column i of the current row (text results are hex). */
static const unsigned char *bytea_of(struct pg_stmt *st, int i)
{
	if (st->blob && st->blob_row == st->row && st->blob_col == i)
		return st->blob;
	blob_drop(st);
	st->blob = PQunescapeBytea((const unsigned char *)PQgetvalue(st->res, st->row, i),
				   &st->blob_len);
	st->blob_row = st->row;
	st->blob_col = i;
	return st->blob;
}

static const char *pg_col_text(struct db_stmt *stp, int i)
{
	struct pg_stmt *st = PGST(stp);

	if (PQgetisnull(st->res, st->row, i))
		return NULL;
	if (PQftype(st->res, i) == OID_BOOL)
		return PQgetvalue(st->res, st->row, i)[0] == 't' ? "1" : "0";
	if (PQftype(st->res, i) == OID_BYTEA)
		return (const char *)bytea_of(st, i);
	return PQgetvalue(st->res, st->row, i);
}

static size_t pg_col_bytes(struct db_stmt *stp, int i)
{
	struct pg_stmt *st = PGST(stp);

	if (PQgetisnull(st->res, st->row, i))
		return 0;
	if (PQftype(st->res, i) == OID_BOOL)
		return 1;
	if (PQftype(st->res, i) == OID_BYTEA)
		return bytea_of(st, i) ? st->blob_len : 0;
	return (size_t)PQgetlength(st->res, st->row, i);
}

static int64_t pg_last_id(struct db *dbp)
{
	PGresult *res = PQexec(PGDB(dbp)->conn, "SELECT lastval()");
	int64_t id = 0;

	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
		id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return id;
}

static int64_t pg_changes(struct db *db)
{
	return PGDB(db)->changes;
}

static int pg_exec_script(struct db *db, const char *sql, struct err *e)
{
	return pg_command(PGDB(db), sql, e);
}

/* ---- transactions ---------------------------------------------------------------- */

static int pg_begin(struct db *dbp, int write, struct err *e)
{
	struct pg_db *db = PGDB(dbp);
	int rc;

	if (!write)
		return pg_command(db, "BEGIN ISOLATION LEVEL REPEATABLE READ", e);
	rc = pg_command(db, "BEGIN", e);
	if (rc == 0)
		rc = pg_command(db, PG_WRITE_LOCK, e);
	if (rc && PQtransactionStatus(db->conn) != PQTRANS_IDLE)
		(void)pg_command(db, "ROLLBACK", NULL);
	return rc;
}

static int pg_commit(struct db *db, struct err *e)
{
	return pg_command(PGDB(db), "COMMIT", e);
}

static int pg_in_tx(struct db *db)
{
	PGTransactionStatusType t = PQtransactionStatus(PGDB(db)->conn);

	return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

static void pg_rollback(struct db *db)
{
	if (pg_in_tx(db))
		(void)pg_command(PGDB(db), "ROLLBACK", NULL);
}

static int pg_has_table(struct db *dbp, const char *name, int *has, struct err *e)
{
	struct pg_db *db = PGDB(dbp);
	const char *values[1] = {name};
	PGresult *res = PQexecParams(db->conn,
				     "SELECT count(*) FROM information_schema.tables"
				     " WHERE table_schema = current_schema() AND table_name = $1",
				     1, NULL, values, NULL, NULL, 0);
	int rc = 0;

	*has = 0;
	if (PQresultStatus(res) == PGRES_TUPLES_OK)
		*has = strtoll(PQgetvalue(res, 0, 0), NULL, 10) > 0;
	else
		rc = pg_err(db, res, e);
	PQclear(res);
	return rc;
}

static void pg_watch(struct db *db, void (*hook)(void *arg, const char *table), void *arg)
{
	PGDB(db)->watch = hook;
	PGDB(db)->watch_arg = arg;
}

static int pg_set_tokenizer(struct db *db, const struct db_tokenizer *t, struct err *e)
{
	/* the store writes the tokens itself (a tsvector of pre-tokenised text) */
	(void)db;
	(void)t;
	(void)e;
	return 0;
}

/*
 * PostgreSQL compares with its own ICU (provider = icu): a collation named
 * "<prefix><locale>" is created from the locale when a statement names it
 * (pg_collation_needed); the caller's compare functions are not needed.
 */
static int pg_set_collations(struct db *db, const struct db_collations *c, struct err *e)
{
	if (strlen(c->prefix) >= sizeof(PGDB(db)->coll_prefix))
		return err_set(e, ERR_INTERNAL, NULL, "collation prefix too long: %s", c->prefix);
	snprintf(PGDB(db)->coll_prefix, sizeof(PGDB(db)->coll_prefix), "%s", c->prefix);
	return 0;
}

/* CREATE COLLATION IF NOT EXISTS "<prefix><locale>" (db_collation_needed). */
static int pg_collation_needed(struct db *dbp, const char *locale, size_t n, struct err *e)
{
	struct pg_db *db = PGDB(dbp);
	char cmd[256];

	if (!db->coll_prefix[0] || n > 64)
		return 0;
	snprintf(cmd, sizeof(cmd),
		 "CREATE COLLATION IF NOT EXISTS \"%s%.*s\" (provider = icu, locale = '%.*s')",
		 db->coll_prefix, (int)n, locale, (int)n, locale);
	return create_collation(db, cmd, e);
}

static int pg_backup(struct db *db, const char *path, struct err *e)
{
	(void)db;
	return err_set(e, ERR_INTERNAL, NULL,
		       "liaison backup copies SQLite databases; back up PostgreSQL with pg_dump (%s)",
		       path);
}

/* The server dropped the connection (it restarted, say): a new one may work. */
static int pg_stale(struct db *db)
{
	return PQstatus(PGDB(db)->conn) != CONNECTION_OK;
}

static const struct db_ops pg_ops = {
	.name = "postgresql",
	.close = pg_close,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.reset = pg_reset,
	.busy = pg_busy,
	.bind_int64 = pg_bind_int64,
	.bind_text = pg_bind_text,
	.bind_blob = pg_bind_blob,
	.bind_null = pg_bind_null,
	.param_index = pg_param_index,
	.step = pg_step,
	.col_count = pg_col_count,
	.col_name = pg_col_name,
	.col_type = pg_col_type,
	.col_int64 = pg_col_int64,
	.col_text = pg_col_text,
	.col_bytes = pg_col_bytes,
	.last_id = pg_last_id,
	.changes = pg_changes,
	.exec_script = pg_exec_script,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.in_tx = pg_in_tx,
	.has_table = pg_has_table,
	.watch = pg_watch,
	.set_tokenizer = pg_set_tokenizer,
	.set_collations = pg_set_collations,
	.collation_needed = pg_collation_needed,
	.backup = pg_backup,
	.stale = pg_stale,
};
