/*
 * crud.c - create, read, update and delete for every resource, driven by
 * the descriptors of resdefs.c: the SQL of each resource is assembled once
 * per connection from its (constant) column names; values are bound.
 *
 * Writes keep the FTS5 indexes in step: the FTS row of a changed resource
 * (and of the organisation whose row includes an opportunity's text) is
 * removed with the old values before the change and added back after it.
 */
#include "store/store_int.h"

#include "core/jsonx.h"
#include "core/xalloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SQL_MAX 8192

/* Fields stored in a column of the resource's table. */
static int field_is_column(const struct store_field *f)
{
	return f->kind != STORE_K_SPECIAL && !(f->flags & STORE_F_READONLY) && !f->expr;
}

static char *build_select(const struct store_resdef *rd)
{
	struct buf b;

	buf_init(&b, SQL_MAX);
	(void)buf_puts(&b, "SELECT t.id");
	for (int i = 0; i < rd->nfields; i++) {
		const struct store_field *f = &rd->fields[i];

		if (f->kind == STORE_K_SPECIAL)
			continue;
		if (f->expr)
			(void)buf_printf(&b, ", %s", f->expr);
		else
			(void)buf_printf(&b, ", t.%s", f->name);
	}
	if (rd->has_times)
		(void)buf_puts(&b, ", t.created_at, t.updated_at");
	(void)buf_printf(&b, " FROM %s t WHERE t.id = ?1", rd->table);
	return buf_detach(&b, NULL);
}

static char *build_insert(const struct store_resdef *rd)
{
	struct buf b;
	int n = 0;

	buf_init(&b, SQL_MAX);
	(void)buf_printf(&b, "INSERT INTO %s(", rd->table);
	for (int i = 0; i < rd->nfields; i++)
		if (field_is_column(&rd->fields[i]))
			(void)buf_printf(&b, "%s%s", n++ ? ", " : "", rd->fields[i].name);
	(void)buf_puts(&b, ", created_at, updated_at) VALUES (");
	for (int i = 1; i <= n + 2; i++)
		(void)buf_printf(&b, "%s?%d", i > 1 ? ", " : "", i);
	(void)buf_puts(&b, ")");
	return buf_detach(&b, NULL);
}

static char *build_update(const struct store_resdef *rd)
{
	struct buf b;
	int n = 0;

	buf_init(&b, SQL_MAX);
	(void)buf_printf(&b, "UPDATE %s SET ", rd->table);
	for (int i = 0; i < rd->nfields; i++)
		if (field_is_column(&rd->fields[i])) {
			n++;
			(void)buf_printf(&b, "%s = ?%d, ", rd->fields[i].name, n);
		}
	(void)buf_printf(&b, "updated_at = ?%d WHERE id = ?%d", n + 1, n + 2);
	return buf_detach(&b, NULL);
}

static int fts_ncols(const struct store_resdef *rd)
{
	int n = 1;

	for (const char *p = rd->fts_cols; *p; p++)
		n += *p == ',';
	return n;
}

/*
 * The FTS statements are single-row INSERT ... VALUES: an INSERT ... SELECT
 * into FTS5 runs under a statement savepoint, at which FTS5 flushes its
 * pending terms to disk - once per row, which made bulk imports slow.
 */
static char *build_fts(const struct store_resdef *rd, enum store_sql_kind kind, int pg)
{
	struct buf b;
	int n = fts_ncols(rd);

	buf_init(&b, SQL_MAX);
	if (kind == STORE_SQL_FTS_SRC) {
		(void)buf_printf(&b, "SELECT %s FROM %s WHERE id = ?1", rd->fts_cols, rd->fts_src);
		return buf_detach(&b, NULL);
	}
	if (pg) { /* one tsvector of the row's tokens (store_fts_lexemes) */
		if (kind == STORE_SQL_FTS_ADD)
			(void)buf_printf(&b,
					 "INSERT INTO %s(rowid, tokens) VALUES (?1, CAST(?2 AS tsvector))"
					 " ON CONFLICT (rowid) DO UPDATE SET tokens = EXCLUDED.tokens",
					 rd->fts);
		else
			(void)buf_printf(&b, "DELETE FROM %s WHERE rowid = ?1", rd->fts);
		return buf_detach(&b, NULL);
	}
	if (kind == STORE_SQL_FTS_ADD)
		(void)buf_printf(&b, "INSERT INTO %s(rowid, %s) VALUES (?1", rd->fts, rd->fts_cols);
	else
		(void)buf_printf(&b, "INSERT INTO %s(%s, rowid, %s) VALUES ('delete', ?1", rd->fts,
				 rd->fts, rd->fts_cols);
	for (int i = 0; i < n; i++)
		(void)buf_printf(&b, ", ?%d", i + 2);
	(void)buf_puts(&b, ")");
	return buf_detach(&b, NULL);
}

/* Appends s as an SQL string literal. */
static void sql_literal(struct buf *b, const char *s)
{
	(void)buf_puts(b, "'");
	for (; *s; s++)
		(void)buf_puts(b, *s == '\'' ? "''" : (char[2]){*s, '\0'});
	(void)buf_puts(b, "'");
}

/* Appends the JSON text of SQL value x: a string quoted, the rest as it is. */
static void json_value_sql(struct buf *b, const struct store_field *f, const char *x, int pg)
{
	if (f->kind == STORE_K_STR)
		(void)buf_printf(b, pg ? "CAST(to_json(CAST(%s AS text)) AS text)" : "json_quote(%s)",
				 x);
	else if (f->kind == STORE_K_BOOL)
		(void)buf_printf(b, "CASE WHEN %s %s THEN 'true' ELSE 'false' END", x,
				 pg ? "<> 0" : "");
	else /* integers; arrays, kept as JSON text */
		(void)buf_printf(b, "CAST(%s AS text)", x);
}

/*
 * The API view of one row of rd as SQL columns that give its JSON members
 * (store_list_text joins them in braces): "id":N first, then ,"key":value
 * for each field in the order of store_row_json, defaults where a column
 * is unset, NULL for one left out. Strings are quoted by the database,
 * arrays come as stored (JSON text, checked by the schema): nothing is
 * parsed to be written again, and no member is copied twice.
 */
static char *build_row_json(const struct store_resdef *rd, int pg)
{
	struct buf b;

	buf_init(&b, SQL_MAX);
	(void)buf_puts(&b, "'\"id\":' || CAST(t.id AS text)");
	for (int i = 0; i < rd->nfields; i++) {
		const struct store_field *f = &rd->fields[i];
		char col[512], def[160];

		if (f->kind == STORE_K_SPECIAL || (f->flags & STORE_F_HIDDEN))
			continue;
		if (f->expr)
			snprintf(col, sizeof(col), "(%s)", f->expr);
		else
			snprintf(col, sizeof(col), "t.%s", f->name);
		if (f->def) {
			struct buf d;
			char *lit;

			buf_init(&d, 128);
			if (f->kind == STORE_K_STR)
				sql_literal(&d, f->def);
			else if (f->kind == STORE_K_BOOL)
				(void)buf_puts(&d, strcmp(f->def, "true") == 0 ? "1" : "0");
			else
				(void)buf_printf(&d, "%lld", strtoll(f->def, NULL, 10));
			lit = buf_detach(&d, NULL);
			snprintf(def, sizeof(def), "coalesce(%s, %s)", col, lit ? lit : "NULL");
			free(lit);
			(void)buf_printf(&b, ", ',\"%s\":' || ", f->name);
			json_value_sql(&b, f, def, pg);
			continue;
		}
		(void)buf_printf(&b, ", CASE WHEN %s IS NULL THEN NULL ELSE ',\"%s\":' || ", col,
				 f->name);
		json_value_sql(&b, f, col, pg);
		(void)buf_puts(&b, " END");
	}
	if (rd->has_times)
		(void)buf_printf(&b, ", ',\"created_at\":' || %s, ',\"updated_at\":' || %s",
				 pg ? "CAST(to_json(t.created_at) AS text)" : "json_quote(t.created_at)",
				 pg ? "CAST(to_json(t.updated_at) AS text)" : "json_quote(t.updated_at)");
	return buf_detach(&b, NULL);
}

/* One row by id as the columns of build_row_json. */
static char *build_get_json(const struct store_resdef *rd, const char *cols)
{
	struct buf b;

	buf_init(&b, SQL_MAX);
	(void)buf_puts(&b, "SELECT ");
	(void)buf_puts(&b, cols);
	(void)buf_printf(&b, " FROM %s t WHERE t.id = ?1", rd->table);
	return buf_detach(&b, NULL);
}

void store_row_members(struct db_stmt *st, int from, struct buf *out)
{
	int n = db_col_count(st);

	(void)buf_puts(out, "{");
	for (int i = from; i < n; i++) {
		const char *member = db_col_text(st, i);

		if (member)
			(void)buf_append(out, member, db_col_bytes(st, i));
	}
	(void)buf_puts(out, "}");
}

int store_row_text(struct store *s, const struct store_resdef *rd, int64_t id, struct buf *out,
		   struct err *e)
{
	struct db_stmt *st;
	int rc;

	rc = store_prep(s, store_res_sql(s, rd, STORE_SQL_GET_JSON), &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	rc = store_step(s, st, e);
	if (rc == 1)
		store_row_members(st, 0, out);
	store_reset(st);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return err_set(e, ERR_NOT_FOUND, "id", "no %s with id %" PRId64, rd->noun, id);
	return 0;
}

int store_row_by_id(struct store *s, const char *sql, int64_t id,
		    json_t *(*row)(struct db_stmt *st), const char *noun, json_t **out,
		    struct err *e)
{
	struct db_stmt *st;
	int rc = store_prep(s, sql, &st, e);

	*out = NULL;
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	rc = store_step(s, st, e);
	if (rc == 1)
		*out = row(st);
	store_reset(st);
	if (rc == 0)
		return err_set(e, ERR_NOT_FOUND, "id", "no %s %" PRId64, noun, id);
	return rc < 0 ? rc : 0;
}

/* The generic SQL of kind for rd on this connection. */
const char *store_res_sql(struct store *s, const struct store_resdef *rd,
			   enum store_sql_kind kind)
{
	char **slot = &s->sql[rd->res][kind];

	if (*slot)
		return *slot;
	switch (kind) {
	case STORE_SQL_SELECT:
		*slot = build_select(rd);
		break;
	case STORE_SQL_INSERT:
		*slot = build_insert(rd);
		break;
	case STORE_SQL_UPDATE:
		*slot = build_update(rd);
		break;
	case STORE_SQL_ROW_JSON:
		*slot = build_row_json(rd, strcmp(db_driver(s->db), "postgresql") == 0);
		break;
	case STORE_SQL_GET_JSON:
		*slot = build_get_json(rd, store_res_sql(s, rd, STORE_SQL_ROW_JSON));
		break;
	default:
		*slot = build_fts(rd, kind, strcmp(db_driver(s->db), "postgresql") == 0);
		break;
	}
	return *slot;
}

/* ---- reading --------------------------------------------------------------- */

static json_t *column_json(const struct store_field *f, struct db_stmt *st, int col)
{
	const char *text;

	switch (f->kind) {
	case STORE_K_INT:
		return json_integer(db_col_int64(st, col));
	case STORE_K_BOOL:
		return json_boolean(db_col_int64(st, col) != 0);
	case STORE_K_STR:
		text = db_col_text(st, col);
		return json_stringn(text ? text : "", db_col_bytes(st, col));
	default:
		text = db_col_text(st, col);
		return json_loadb(text ? text : "[]", db_col_bytes(st, col), 0,
				  NULL);
	}
}

static json_t *default_json(const struct store_field *f)
{
	if (f->kind == STORE_K_BOOL)
		return json_boolean(strcmp(f->def, "true") == 0);
	if (f->kind == STORE_K_INT)
		return json_integer(strtoll(f->def, NULL, 10));
	return json_string(f->def);
}

json_t *store_row_json(const struct store_resdef *rd, struct db_stmt *st, enum store_view view)
{
	json_t *obj = json_object();
	int col = 1;

	if (view == STORE_VIEW_API)
		json_object_set_new(obj, "id", json_integer(db_col_int64(st, 0)));
	for (int i = 0; i < rd->nfields; i++) {
		const struct store_field *f = &rd->fields[i];
		json_t *v = NULL;

		if (f->kind == STORE_K_SPECIAL)
			continue;
		if ((view == STORE_VIEW_RAW && (f->flags & STORE_F_READONLY)) ||
		    (view != STORE_VIEW_RAW && (f->flags & STORE_F_HIDDEN))) {
			col++;
			continue;
		}
		if (db_col_type(st, col) != DB_NULL)
			v = column_json(f, st, col);
		else if (f->def && view == STORE_VIEW_API)
			v = default_json(f);
		col++;
		if (!v)
			continue;
		if (view == STORE_VIEW_EXPORT && strcmp(f->name, "ref") == 0)
			json_object_set_new(obj, "id", v);
		else
			json_object_set_new(obj, f->name, v);
	}
	if (rd->has_times && view == STORE_VIEW_API) {
		json_object_set_new(obj, "created_at",
				    json_string(db_col_text(st, col)));
		json_object_set_new(obj, "updated_at",
				    json_string(db_col_text(st, col + 1)));
	}
	return obj;
}

int store_row_read(struct store *s, const struct store_resdef *rd, int64_t id,
		   enum store_view view, json_t **out, struct err *e)
{
	struct db_stmt *st;
	json_t *obj = NULL;
	int rc;

	*out = NULL;
	rc = store_prep(s, store_res_sql(s, rd, STORE_SQL_SELECT), &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	rc = store_step(s, st, e);
	if (rc == 1)
		obj = store_row_json(rd, st, view);
	store_reset(st);
	if (rc < 0)
		return rc;
	if (!obj)
		return err_set(e, ERR_NOT_FOUND, "id", "no %s with id %" PRId64, rd->noun, id);
	if (view != STORE_VIEW_RAW && rd->hooks && rd->hooks->read_extra) {
		rc = rd->hooks->read_extra(s, id, obj, e);
		if (rc) {
			json_decref(obj);
			return rc;
		}
	}
	if (view == STORE_VIEW_EXPORT && !json_object_get(obj, "id")) {
		char ref[64];

		snprintf(ref, sizeof(ref), "%s-%" PRId64, rd->noun, id);
		json_object_set_new(obj, "id", json_string(ref));
	}
	*out = obj;
	return 0;
}

/* ---- writing --------------------------------------------------------------- */

static int bind_field(struct db_stmt *st, int i, const struct store_field *f, const json_t *v,
		      struct err *e)
{
	int rc;

	if (!v || json_is_null(v)) {
		rc = db_bind_null(st, i);
	} else if (f->kind == STORE_K_STR) {
		rc = db_bind_text(st, i, json_string_value(v), json_string_length(v));
	} else if (f->kind == STORE_K_INT) {
		rc = db_bind_int64(st, i, json_integer_value(v));
	} else if (f->kind == STORE_K_BOOL) {
		rc = db_bind_int64(st, i, json_is_true(v));
	} else {
		size_t len;
		char *text = jsonx_dump(v, 0, &len);

		rc = db_bind_text(st, i, text, len);
		free(text);
	}
	return rc == 0 ? 0 : err_set(e, rc, f->name, "database error: cannot bind %s", f->name);
}

/*
 * Rewrites the link rows of field f from the array v, one single-row INSERT
 * per element: a multi-row statement would run under a statement savepoint,
 * at which FTS5 flushes its pending terms (slow in bulk imports).
 */
static int write_links(struct store *s, const struct store_resdef *rd, int64_t id,
		       const struct store_field *f, const json_t *v, int replace, struct err *e)
{
	char sql[256];
	struct db_stmt *st;
	int rc = 0;

	if (replace) {
		snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE %s = ?1", f->link, rd->owner);
		rc = store_exec(s, e, sql, "i", id);
	}
	snprintf(sql, sizeof(sql), "INSERT INTO %s(%s, pos, %s) VALUES (?1, ?2, ?3)", f->link,
		 rd->owner, f->link_col);
	for (size_t i = 0; rc == 0 && i < json_array_size(v); i++) {
		const json_t *x = json_array_get(v, i);

		rc = store_prep(s, sql, &st, e);
		if (rc)
			break;
		db_bind_int64(st, 1, id);
		db_bind_int64(st, 2, (int64_t)i);
		if (json_is_integer(x))
			db_bind_int64(st, 3, json_integer_value(x));
		else
			db_bind_text(st, 3, json_string_value(x), (size_t)-1);
		rc = store_step(s, st, e);
		store_reset(st);
	}
	return rc < 0 ? rc : 0;
}

static int bind_row(const struct store_resdef *rd, struct db_stmt *st, const json_t *body, int *n,
		    struct err *e)
{
	int rc;

	*n = 0;
	for (int i = 0; i < rd->nfields; i++) {
		const struct store_field *f = &rd->fields[i];

		if (!field_is_column(f))
			continue;
		rc = bind_field(st, ++*n, f, json_object_get(body, f->name), e);
		if (rc)
			return rc;
	}
	return 0;
}

int store_row_write(struct store *s, const struct store_resdef *rd, int64_t id,
		    const json_t *body, int64_t *out_id, struct err *e)
{
	struct db_stmt *st;
	char now[32];
	int update = id != 0;
	int n, rc;

	store_now(now);
	rc = store_prep(s, store_res_sql(s, rd, id ? STORE_SQL_UPDATE : STORE_SQL_INSERT), &st, e);
	if (rc)
		return rc;
	rc = bind_row(rd, st, body, &n, e);
	if (rc == 0) {
		db_bind_text(st, n + 1, now, (size_t)-1);
		if (id)
			db_bind_int64(st, n + 2, id);
		else
			db_bind_text(st, n + 2, now, (size_t)-1);
		rc = store_step(s, st, e);
	}
	store_reset(st);
	if (rc < 0)
		return rc;
	if (!id)
		id = db_last_id(s->db);
	for (int i = 0; rc >= 0 && i < rd->nfields; i++) {
		const struct store_field *f = &rd->fields[i];
		const json_t *v = json_object_get(body, f->name);

		if (f->link)
			rc = write_links(s, rd, id, f, v, update, e);
	}
	if (out_id)
		*out_id = id;
	return rc < 0 ? rc : 0;
}

/* Binds column col of src's current row to parameter i of dst, as it is. */
static void copy_value(struct db_stmt *dst, int i, struct db_stmt *src, int col)
{
	switch (db_col_type(src, col)) {
	case DB_NULL:
		(void)db_bind_null(dst, i);
		break;
	case DB_INTEGER:
		(void)db_bind_int64(dst, i, db_col_int64(src, col));
		break;
	default: /* db_step reports a failed binding */
		(void)db_bind_text(dst, i, db_col_text(src, col), db_col_bytes(src, col));
		break;
	}
}

/* PostgreSQL: the row's tokens, from every indexed column, as one tsvector. */
static int fts_row_pg(struct store *s, struct db_stmt *src, struct db_stmt *ins, int64_t id,
		      int add, struct err *e)
{
	struct buf lex;
	int rc = 0;

	(void)db_bind_int64(ins, 1, id);
	if (add) {
		buf_init(&lex, (size_t)1 << 28);
		for (int i = 0; rc == 0 && i < db_col_count(src); i++) {
			const char *t = db_col_text(src, i);

			if (t)
				rc = store_fts_lexemes(s, t, db_col_bytes(src, i), &lex);
		}
		if (rc == 0)
			(void)db_bind_text(ins, 2, lex.data ? lex.data : "", lex.len);
		buf_release(&lex);
		if (rc)
			return err_set(e, ERR_INTERNAL, NULL, "cannot tokenise the text to index");
	}
	rc = store_step(s, ins, e);
	store_reset(ins);
	return rc;
}

int store_fts_row(struct store *s, const struct store_resdef *rd, int64_t id, int add,
		  struct err *e)
{
	struct db_stmt *src, *ins;
	int rc;

	if (!rd->fts || id <= 0)
		return 0;
	rc = store_prep(s, store_res_sql(s, rd, STORE_SQL_FTS_SRC), &src, e);
	if (rc)
		return rc;
	db_bind_int64(src, 1, id);
	rc = store_step(s, src, e);
	if (rc == 1) /* src stays on its row while ins is prepared: it is busy, kept */
		rc = store_prep(s, store_res_sql(s, rd, add ? STORE_SQL_FTS_ADD : STORE_SQL_FTS_DEL),
				&ins, e);
	if (rc == 0 && db_busy(src) && strcmp(db_driver(s->db), "postgresql") == 0) {
		rc = fts_row_pg(s, src, ins, id, add, e);
	} else if (rc == 0 && db_busy(src)) {
		int n = db_col_count(src);

		db_bind_int64(ins, 1, id);
		for (int i = 0; i < n; i++)
			copy_value(ins, i + 2, src, i);
		rc = store_step(s, ins, e);
		store_reset(ins);
	}
	store_reset(src);
	return rc < 0 ? rc : 0;
}

int store_exists(struct store *s, enum store_res res, int64_t id, struct err *e)
{
	static const char *const sql[STORE_RES_COUNT] = {
		"SELECT 1 FROM organisations WHERE id = ?1",
		"SELECT 1 FROM people WHERE id = ?1",
		"SELECT 1 FROM opportunities WHERE id = ?1",
		"SELECT 1 FROM events WHERE id = ?1",
		"SELECT 1 FROM registrations WHERE id = ?1",
		"SELECT 1 FROM meeting_requests WHERE id = ?1",
		"SELECT 1 FROM meetings WHERE id = ?1",
		"SELECT 1 FROM agreements WHERE id = ?1",
	};
	int64_t one;

	return store_int(s, e, &one, sql[res], "i", id);
}

int store_ref_find(struct store *s, enum store_res res, const char *ref, int64_t *id,
		   struct err *e)
{
	char sql[128];
	const struct store_resdef *rd = store_resdef(res);
	int rc;

	*id = 0;
	if (!rd->has_ref)
		return 0;
	snprintf(sql, sizeof(sql), "SELECT id FROM %s WHERE ref = ?1", rd->table);
	rc = store_int(s, e, id, sql, "t", ref);
	return rc < 0 ? rc : 0;
}
