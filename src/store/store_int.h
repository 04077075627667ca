/*
 * store_int.h - internals shared by the files of src/store (not a public API).
 *
 * Three layers: (1) SQL helpers over one connection of the statement port
 * (db.h: a statement cache keyed by SQL text, transactions, binding);
 * (2) field descriptors, one table per resource (resdefs.c), that drive
 * validation (fields.c), reading rows as JSON and writing them (crud.c);
 * (3) per-resource hooks for the rules that span fields or tables
 * (events.c, registrations.c, requests.c, agreements.c).
 *
 * Every SQL text is a constant or is assembled from the constant names in
 * the descriptors: values are always bound, never spliced.
 */
#ifndef LIAISON_STORE_STORE_INT_H
#define LIAISON_STORE_STORE_INT_H

#include "store/store.h"

#include "store/db.h"

#include "core/buf.h"
#include "text/text.h"

#include <stdarg.h>

/* ---- connection ---------------------------------------------------- */

struct store_stmt {
	char *sql;
	struct db_stmt *st;
};

enum store_sql_kind {
	STORE_SQL_SELECT, /* one row by id, every readable column */
	STORE_SQL_INSERT,
	STORE_SQL_UPDATE,
	STORE_SQL_FTS_ADD,
	STORE_SQL_FTS_DEL,
	STORE_SQL_FTS_SRC, /* the indexed text of one row */
	STORE_SQL_ROW_JSON, /* columns: the members of row t's API view as JSON text */
	STORE_SQL_GET_JSON, /* one row by id as those columns */
	STORE_SQL_KINDS
};

struct store {
	struct db *db;
	int readonly;
	int pg; /* the connection speaks PostgreSQL (dialect.c) */
	int tx_depth;            /* nesting of store_tx_begin */
	struct store_stmt *stmts; /* open-addressing hash on sql text */
	size_t nstmts;
	size_t capstmts;
	char *sql[STORE_RES_COUNT][STORE_SQL_KINDS]; /* generic SQL, built once */
	struct store_pretok *pretok; /* texts tokenised ahead (streaming import) */
	struct db_tokenizer tokenizer; /* the search index's (fts.c) */
	int version_dirty; /* an organisation or opportunity row changed in this transaction */
};

/*
 * Returns a prepared statement for sql (NUL-terminated), from the cache or
 * newly prepared, reset and with no bindings. Never finalize it; call
 * store_reset when done with it.
 */
int store_prep(struct store *s, const char *sql, struct db_stmt **out, struct err *e);

/* Resets st and clears its bindings (NULL is fine). */
void store_reset(struct db_stmt *st);

/*
 * Steps st: returns 1 for a row, 0 when done, or a negative err code
 * (filled from the connection's error).
 */
int store_step(struct store *s, struct db_stmt *st, struct err *e);

/*
 * Binds the arguments after fmt to st, one per character: 'i' int64_t,
 * 't' const char * (NULL binds NULL), 'n' nothing (binds NULL), 'z'
 * int64_t bound as NULL when 0. Parameters are numbered from 1.
 */
int store_bindv(struct store *s, struct db_stmt *st, const char *fmt, va_list ap, struct err *e);

/* Runs sql with the bound arguments to completion. */
int store_exec(struct store *s, struct err *e, const char *sql, const char *fmt, ...);

/*
 * Runs sql and reads the first column of the first row as an integer:
 * *out gets it (0 when there is no row or it is NULL); returns 1 when there
 * was a row, 0 when none, or a negative err code.
 */
int store_int(struct store *s, struct err *e, int64_t *out, const char *sql, const char *fmt,
	      ...);

/* Runs a script of constant SQL statements (migrations) one by one. */
int store_script(struct store *s, const char *sql, struct err *e);

/*
 * Transactions: store_tx_begin opens BEGIN IMMEDIATE at depth 0 and nests
 * otherwise; store_tx_end commits at depth 0 when rc == 0, rolls back when
 * not, and returns rc (or the commit's error).
 */
int store_tx_begin(struct store *s, struct err *e);
int store_tx_end(struct store *s, int rc, struct err *e);

/*
 * A read transaction (BEGIN DEFERRED), so that a list or an export sees one
 * snapshot; nests inside any open transaction. store_read_end returns rc
 * (or the commit's error, after which it rolls back).
 */
int store_read_begin(struct store *s, struct err *e);
int store_read_end(struct store *s, int rc, struct err *e);

/*
 * Runs sql with ?1 bound to arg and collects the first column of every row:
 * *ids (malloc'd, caller frees; NULL when none) and *n.
 */
int store_ids(struct store *s, struct err *e, int64_t **ids, size_t *n, const char *sql,
	      int64_t arg);

/* The most items one page of any list holds. */
#define STORE_LIST_MAX 200

/*
 * Parses s as a plain decimal integer in [lo, hi] (digits only: no sign, no
 * white space)
 * into *out; returns 1 when it is one, else 0.
 */
int store_parse_int(const char *s, int64_t lo, int64_t hi, int64_t *out);

/*
 * The paging parameters every list shares (list.c): when key is "limit"
 * or "cursor", checks str into *limit (1 to STORE_LIST_MAX) or *after and
 * returns 1, or ERR_BAD_REQUEST naming key; returns 0 for another key.
 */
int store_page_param(const char *key, const char *str, int *limit, int64_t *after,
		     struct err *e);

/* Writes the current UTC time as RFC 3339 ("2026-05-13T01:00:00Z"). */
void store_now(char out[32]);

/*
 * The data version (match_source.c): store_version_watch sets an update
 * hook on the connection that marks the transaction when a row of
 * organisations or opportunities changes; store_version_flush bumps the
 * counter once if so (store_tx_end calls it before COMMIT) and clears the
 * mark. Per-row triggers would do the same at twice the cost of a bulk
 * import (their statement savepoints make FTS5 flush at every row).
 */
void store_version_watch(struct store *s);
int store_version_flush(struct store *s, struct err *e);

/* The migrations (migrations.c). */
extern const char *const store_migrations[];

/*
 * A statement of the migrations whose PostgreSQL form differs in kind
 * (a trigger, an FTS5 table, a view): name is the trigger's, table's or
 * view's; the list ends with a NULL name.
 */
struct store_variant {
	const char *name;
	const char *pg;
};
extern const struct store_variant store_migration_variants[];

/*
 * The SQLite script sql in PostgreSQL's dialect (dialect.c): *out is
 * malloc'd (caller frees). ERR_INTERNAL when a trigger or a virtual table
 * has no variant.
 */
int store_sql_pg(const char *sql, char **out, struct err *e);

/* A query of the store in PostgreSQL's spelling (dialect.c); malloc'd. */
char *store_query_pg(const char *sql);

/* The prefix of the ICU collations the store's SQL names: COLLATE "icu:de-u-co-phonebk". */
#define STORE_COLLATION_PREFIX "icu:"

/*
 * Tells db about each collation COLLATE "icu:<locale>" that the query sql
 * (PostgreSQL's spelling) names, before it is prepared: PostgreSQL makes
 * them from ICU's locales when first named (db_collation_needed; dialect.c).
 */
int store_pg_collations(struct db *db, const char *sql, struct err *e);
extern const int store_migration_count;

/* Registers the "liaison" FTS5 tokenizer on the connection (fts.c). */
int store_fts_register(struct store *s, struct err *e);

/*
 * collate.c: lets SQL name ICU collations (COLLATE "icu:zh", the names of
 * text_collation_of), registered on first use.
 */
int store_collate_register(struct store *s, struct err *e);

/*
 * Turns the user's q into a safe FTS5 MATCH expression in out (double-quoted
 * terms joined by AND). ERR_BAD_REQUEST naming field when q has no word.
 */
int store_fts_query(const char *q, const char *field, int pg, struct buf *out, struct err *e);

/*
 * The tsvector text of the search index (PostgreSQL): every token of
 * text[0..len) from the project's tokenizer, quoted as a lexeme, appended to
 * out with a space before each.
 */
int store_fts_lexemes(struct store *s, const char *text, size_t len, struct buf *out);

/*
 * Texts tokenised ahead of time by another thread (pretok.c). add tokenises
 * text (index mode) for record index and keeps the tokens; replay, when
 * text is there, takes it out, calls cb with its tokens, sets *rc to the
 * result and returns 1 (else 0); drop frees the entries of records up to
 * index upto. add and replay may run on different threads.
 */
struct store_pretok;
struct store_pretok *store_pretok_new(void);
void store_pretok_free(struct store_pretok *p);
void store_pretok_add(struct store_pretok *p, const char *text, size_t len, size_t index);
int store_pretok_replay(struct store_pretok *p, const char *text, size_t len,
			text_token_cb cb, void *ctx, int *rc);
void store_pretok_drop(struct store_pretok *p, size_t upto);

/* ---- field descriptors ------------------------------------------------ */

enum store_kind {
	STORE_K_STR,
	STORE_K_INT,
	STORE_K_BOOL,
	STORE_K_STRS,    /* array of strings, kept as JSON text */
	STORE_K_INTS,    /* array of integers, kept as JSON text */
	STORE_K_SPECIAL, /* handled by the resource's hooks (event slots) */
};

enum store_check {
	STORE_C_NONE,
	STORE_C_REF,
	STORE_C_ENUM,
	STORE_C_COUNTRY,
	STORE_C_TZ,
	STORE_C_URL,
	STORE_C_DATE,
	STORE_C_EMAIL,
	STORE_C_PHONE,
	STORE_C_LANG,
	STORE_C_CONCEPT,
	STORE_C_NACE,
	STORE_C_ID, /* id of another resource (target) that must exist */
	STORE_C_HHMM, /* a time of day "HH:MM", 00:00 to 24:00 */
};

#define STORE_F_REQUIRED 0x1 /* must be present on create */
#define STORE_F_READONLY 0x2 /* never in a body; read from the row */
#define STORE_F_FIXED 0x4    /* set on create, unchangeable by PATCH */
#define STORE_F_NOEMPTY 0x8  /* strings: at least 1 character */
#define STORE_F_HIDDEN 0x10  /* internal column: never in the API, kept by updates */

/* store_fields_check modes */
#define STORE_CHECK_FULL 0x1   /* a whole resource: required fields present */
#define STORE_CHECK_HIDDEN 0x2 /* hidden fields accepted (a merged update) */

struct store_field {
	const char *name;
	enum store_kind kind;
	enum store_check check; /* for arrays: the check of each element */
	int flags;
	int64_t min, max;       /* strings: characters; integers: value */
	int max_items;          /* arrays */
	int min_items;          /* arrays */
	const char *choices;    /* STORE_C_ENUM: "offer|request" */
	const char *def;        /* shown when unset: "validated", "2", "false" */
	int target;             /* STORE_C_ID: enum store_res of the target */
	const char *link;       /* arrays also kept in this link table ... */
	const char *link_col;   /* ... in this column */
	const char *expr;       /* read-only: SQL expression over row t */
};

struct store_resdef;

/*
 * Hooks. body is the complete validated resource (create, or the stored
 * one with the patch merged); id is 0 on create. old is the stored raw row
 * on update (NULL on create).
 */
struct store_hooks {
	int (*validate)(struct store *s, const struct store_resdef *rd, int64_t id,
			const json_t *body, const json_t *old, struct err *e);
	/* replaces store_row_write on update when set (meetings) */
	int (*write)(struct store *s, int64_t id, const json_t *body, struct err *e);
	int (*after_write)(struct store *s, int64_t id, const json_t *body, const json_t *old,
			   struct err *e);
	int (*read_extra)(struct store *s, int64_t id, json_t *obj, struct err *e);
	int (*before_delete)(struct store *s, int64_t id, struct err *e);
};

/* A list parameter: value kind and the SQL condition over row t (:name). */
enum store_lkind {
	STORE_L_Q,
	STORE_L_ID,
	STORE_L_ENUM,
	STORE_L_COUNTRY,
	STORE_L_CONCEPT,
	STORE_L_SDG,
	STORE_L_NACE,
	STORE_L_LANG,
};

struct store_lparam {
	const char *name;
	enum store_lkind kind;
	const char *choices; /* STORE_L_ENUM */
	const char *cond;    /* uses :v for the value; NULL for q (the FTS table drives) */
};

struct store_resdef {
	enum store_res res;
	const char *name;     /* route name: "meeting-requests" */
	const char *table;    /* SQL table */
	const char *noun;     /* "meeting request" */
	const char *owner;    /* link tables' column for our id: "organisation_id" */
	const struct store_field *fields;
	int nfields;
	const struct store_lparam *lparams;
	int nlparams;
	const char *fts;      /* FTS5 table over this resource, or NULL */
	const char *fts_src;  /* its content table or view */
	const char *fts_cols; /* "name, role" */
	const char *fts_parent; /* field naming the organisation whose FTS row includes ours */
	int has_ref;
	int has_times;        /* created_at, updated_at */
	int no_write;         /* create/delete refused (meetings) */
	const struct store_hooks *hooks;
};

/* The descriptor of res (resdefs.c). */
const struct store_resdef *store_resdef(enum store_res res);

/* Finds a field of rd by name, or NULL. */
const struct store_field *store_field_find(const struct store_resdef *rd, const char *name);

/* ---- validation (valid.c) ------------------------------------------------ */

int store_valid_ref(const char *s);
int store_valid_country(const char *s);
int store_valid_tz(const char *s);
int store_valid_url(const char *s);
int store_valid_date(const char *s);
int store_valid_email(const char *s);
int store_valid_phone(const char *s);
int store_valid_lang(const char *s);
int store_valid_concept(const char *s);
int store_valid_nace(const char *s);
/* "HH:MM" from "00:00" to "24:00". */
int store_valid_hhmm(const char *s);
/* 1 when s is one of the '|'-separated choices. */
int store_valid_choice(const char *s, const char *choices);
/* Formats "must be one of a, b, c" style lists: choices with ", ". */
void store_choices_text(const char *choices, char *out, size_t n);

/* ---- generic rows (fields.c, crud.c) --------------------------------------- */

/*
 * Checks every key of body against rd: unknown, read-only and hidden fields
 * are refused; each value is checked for type and rules. mode is a set of
 * STORE_CHECK_* flags. skip lists keys the caller handles itself
 * (NULL-terminated, may be NULL).
 */
int store_fields_check(struct store *s, const struct store_resdef *rd, const json_t *body,
		       int mode, const char *const *skip, struct err *e);

/* Checks one value against a field's rules; e->field gets path. */
int store_field_check(struct store *s, const struct store_field *f, const json_t *v,
		      const char *path, struct err *e);

enum store_view {
	STORE_VIEW_API,    /* as the API returns it: defaults filled in */
	STORE_VIEW_RAW,    /* writable stored fields only: no id, times, read-only fields */
	STORE_VIEW_EXPORT, /* batch format: "id" is the ref, no defaults */
};

/* Reads row id of rd as JSON. ERR_NOT_FOUND (field "id") when absent. */
int store_row_read(struct store *s, const struct store_resdef *rd, int64_t id,
		   enum store_view view, json_t **out, struct err *e);

/*
 * The one row of sql (its ?1 bound to id) shaped by row into *out;
 * ERR_NOT_FOUND naming "id" ("no <noun> <id>") when there is none.
 */
int store_row_by_id(struct store *s, const char *sql, int64_t id,
		    json_t *(*row)(struct db_stmt *st), const char *noun, json_t **out,
		    struct err *e);

/* The generic SQL of kind for rd on this connection, built once (crud.c). */
const char *store_res_sql(struct store *s, const struct store_resdef *rd,
			  enum store_sql_kind kind);

/*
 * The current row of st, whose columns from from on are the members of
 * STORE_SQL_ROW_JSON, as one JSON object appended to out.
 */
void store_row_members(struct db_stmt *st, int from, struct buf *out);

/*
 * Row id of rd in its API view as JSON text written by the database (no
 * read_extra parts: the caller checks). ERR_NOT_FOUND (field "id") when absent.
 */
int store_row_text(struct store *s, const struct store_resdef *rd, int64_t id, struct buf *out,
		   struct err *e);

/* Reads the current row of st (the SELECT of rd) as JSON. */
json_t *store_row_json(const struct store_resdef *rd, struct db_stmt *st, enum store_view view);

/*
 * Inserts (id == 0) or overwrites (id > 0) row id of rd with the fields of
 * the validated body (absent fields become unset), with its link tables.
 * *out_id gets the id. No hooks, no FTS.
 */
int store_row_write(struct store *s, const struct store_resdef *rd, int64_t id,
		    const json_t *body, int64_t *out_id, struct err *e);

/* Removes (add == 0) or adds the FTS row of resource id. */
int store_fts_row(struct store *s, const struct store_resdef *rd, int64_t id, int add,
		  struct err *e);

/* 1 when row id of res exists, 0 when not, or a negative err code. */
int store_exists(struct store *s, enum store_res res, int64_t id, struct err *e);

/* The row id with ref, 0 when none (or negative err code). */
int store_ref_find(struct store *s, enum store_res res, const char *ref, int64_t *id,
		   struct err *e);

/* Create, update and delete inside an open transaction (import, demo loader). */
int store_create_tx(struct store *s, enum store_res res, const json_t *body, int64_t *id,
		    struct err *e);
int store_update_tx(struct store *s, enum store_res res, int64_t id, const json_t *patch,
		    struct err *e);
int store_delete_tx(struct store *s, enum store_res res, int64_t id, struct err *e);

/*
 * Batch import one organisation record at a time (batch.c): begin opens the
 * transaction; add imports record index (errors name "organisations[i]...");
 * end commits when rc == 0 (else rolls back), frees imp, sets *count and
 * returns rc or the commit's error.
 */
struct store_importer;
int store_importer_begin(struct store *s, struct store_importer **out, struct err *e);
int store_importer_add(struct store_importer *imp, const json_t *rec, size_t index,
		       struct err *e);
int store_importer_end(struct store_importer *imp, int rc, size_t *count, struct err *e);
/* store_importer_add for a record it then releases (imp is a store_importer). */
int store_importer_add_owned(void *imp, json_t *rec, size_t index, struct err *e);

/* Calls cb with each organisation of the export (borrowed), in id order. */
typedef int (*store_org_cb)(void *ctx, json_t *org, size_t index, struct err *e);
int store_export_each(struct store *s, store_org_cb cb, void *ctx, struct err *e);

/* Moves meeting request id along its state machine (requests.c). */
int store_act_tx(struct store *s, int64_t id, const char *action, struct err *e);

/* ---- hooks (one set per resource) ------------------------------------------ */

extern const struct store_hooks store_org_hooks;
extern const struct store_hooks store_event_hooks;
extern const struct store_hooks store_reg_hooks;
extern const struct store_hooks store_request_hooks;
extern const struct store_hooks store_meeting_hooks;
extern const struct store_hooks store_agreement_hooks;
extern const struct store_hooks store_person_hooks;

/* "organisation 5 does not exist"-style check of a referenced id. */
int store_check_ref_id(struct store *s, enum store_res target, int64_t id, const char *path,
		       struct err *e);

#endif
