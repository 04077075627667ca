/*
 * list.c - GET /{resource}: validated query parameters turned into SQL
 * conditions (the constant ones of resdefs.c, values bound by name; q
 * through the resource's FTS5 table),
 * keyset pagination in ascending id order with an opaque cursor (the last
 * id of the page in hexadecimal), limit 1-200 (default 50).
 *
 * sort=name (lists whose rows have a name) orders by the name under the
 * ICU collation of sort_lang (root when absent: collate.c), ties by id;
 * its cursor is keyset too, "<id>.<collation>.<name>" (the last row's, the
 * last two in hexadecimal), so a page continues the order of the one
 * before even when rows were added between them, and a cursor of another
 * collation is refused.
 */
#include "store/store_int.h"

#include "core/jsonx.h"
#include "core/xalloc.h"
#include "text/collate.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIST_DEFAULT 50
#define COLLATION_CHARS \
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_@=;-"
#define Q_MAX_CHARS 200

struct list_req {
	int64_t after;
	int limit;
	const char *values[16]; /* by lparam index; NULL when not given */
	char *match;            /* the q as an FTS5 expression or a tsquery */
	int pg;                 /* the connection speaks PostgreSQL */
	int by_name;            /* sort=name */
	const char *sort_lang;  /* the tag given, NULL when none */
	const char *name_cursor; /* a cursor of a sort=name list, parsed by sort_finish */
	char collation[TEXT_COLLATION_MAX]; /* of sort_lang (by_name only) */
	char *after_name;       /* the name in the cursor (owned), NULL on the first page */
	const char *row_json;   /* store_list_text: the columns of each row's JSON, else NULL */
};

/* The columns of a page's query: the id, the name (sort=name), the row's JSON. */
static void select_cols(struct buf *sql, const struct list_req *lr)
{
	(void)buf_puts(sql, lr->by_name ? "SELECT t.id, t.name" : "SELECT t.id");
	if (lr->row_json) {
		(void)buf_puts(sql, ", ");
		(void)buf_puts(sql, lr->row_json);
	}
}

int store_parse_int(const char *s, int64_t lo, int64_t hi, int64_t *out)
{
	char *end;
	long long v;

	if (*s < '0' || *s > '9') /* strtoll would take " 5", "\t5", "+5" */
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return 0;
	*out = v;
	return 1;
}

static int parse_cursor(const char *s, int64_t *out)
{
	char *end;
	unsigned long long v;
	size_t n = strlen(s);

	if (n < 1 || n > 16 || strspn(s, "0123456789abcdef") != n)
		return 0;
	errno = 0;
	v = strtoull(s, &end, 16);
	if (errno || *end || v == 0 || v > INT64_MAX)
		return 0;
	*out = (int64_t)v;
	return 1;
}

int store_page_param(const char *key, const char *str, int *limit, int64_t *after,
		     struct err *e)
{
	int64_t n;

	if (strcmp(key, "limit") == 0) {
		if (!store_parse_int(str, 1, STORE_LIST_MAX, &n))
			return err_set(e, ERR_BAD_REQUEST, key, "must be an integer from 1 to %d",
				       STORE_LIST_MAX);
		*limit = (int)n;
		return 1;
	}
	if (strcmp(key, "cursor") == 0) {
		if (!parse_cursor(str, after))
			return err_set(e, ERR_BAD_REQUEST, key,
				       "is not a cursor given by this list's \"next\"");
		return 1;
	}
	return 0;
}

static int check_value(const struct store_lparam *p, const char *v, int pg, struct buf *match,
		       struct err *e)
{
	char choices[256];
	int64_t n;

	switch (p->kind) {
	case STORE_L_Q:
		if (jsonx_utf8_chars(v) > Q_MAX_CHARS)
			return err_set(e, ERR_BAD_REQUEST, p->name,
				       "must be at most %d characters", Q_MAX_CHARS);
		return store_fts_query(v, p->name, pg, match, e);
	case STORE_L_ID:
		if (!store_parse_int(v, 1, INT64_MAX, &n))
			return err_set(e, ERR_BAD_REQUEST, p->name, "must be a positive integer id");
		return 0;
	case STORE_L_SDG:
		if (!store_parse_int(v, 1, 17, &n))
			return err_set(e, ERR_BAD_REQUEST, p->name,
				       "must be an integer from 1 to 17");
		return 0;
	case STORE_L_ENUM:
		if (store_valid_choice(v, p->choices))
			return 0;
		store_choices_text(p->choices, choices, sizeof(choices));
		return err_set(e, ERR_BAD_REQUEST, p->name, "must be one of %s", choices);
	case STORE_L_COUNTRY:
		return store_valid_country(v) ? 0
					      : err_set(e, ERR_BAD_REQUEST, p->name,
							"must be an ISO 3166-1 alpha-2 code such as CN");
	case STORE_L_CONCEPT:
		return store_valid_concept(v) ? 0
					      : err_set(e, ERR_BAD_REQUEST, p->name,
							"must be a concept id (a-z, 0-9, '-')");
	case STORE_L_NACE:
		return store_valid_nace(v) ? 0
					   : err_set(e, ERR_BAD_REQUEST, p->name,
						     "must be a NACE code such as C or C26.1");
	default:
		return store_valid_lang(v) ? 0
					   : err_set(e, ERR_BAD_REQUEST, p->name,
						     "must be a language code such as zh or pt-BR");
	}
}

static int unknown_param(const struct store_resdef *rd, const char *key, struct err *e)
{
	char names[256];
	size_t o = 0;

	names[0] = '\0';
	for (int i = 0; i < rd->nlparams && o < sizeof(names); i++)
		o += (size_t)snprintf(names + o, sizeof(names) - o, "%s, ", rd->lparams[i].name);
	if (o < sizeof(names))
		snprintf(names + o, sizeof(names) - o, "sort, sort_lang, limit, cursor");
	return err_set(e, ERR_BAD_REQUEST, key, "is not a parameter of %s (known: %s)", rd->name,
		       names);
}

/* The sort and sort_lang parameters and the cursors of sort=name; 1 when key was one. */
static int sort_param(const struct store_resdef *rd, const char *key, const char *str,
		      struct list_req *lr, struct err *e)
{
	int named = store_field_find(rd, "name") != NULL;

	if (strcmp(key, "sort") == 0) {
		if (strcmp(str, "id") != 0 && !(named && strcmp(str, "name") == 0))
			return err_set(e, ERR_BAD_REQUEST, key, "must be %s",
				       named ? "one of id, name" : "id (this list has no names)");
		lr->by_name = strcmp(str, "name") == 0;
		return 1;
	}
	if (strcmp(key, "sort_lang") == 0) {
		lr->sort_lang = str;
		return 1;
	}
	if (strcmp(key, "cursor") == 0 && strchr(str, '.')) {
		lr->name_cursor = str;
		return 1;
	}
	return 0;
}

static int parse_param(const struct store_resdef *rd, const char *key, const json_t *v,
		       struct list_req *lr, struct buf *match, struct err *e)
{
	const char *str = json_string_value(v);
	int rc;

	if (!str)
		return err_set(e, ERR_BAD_REQUEST, key, "must be a string");
	rc = sort_param(rd, key, str, lr, e);
	if (rc)
		return rc < 0 ? rc : 0;
	rc = store_page_param(key, str, &lr->limit, &lr->after, e);
	if (rc)
		return rc < 0 ? rc : 0;
	for (int i = 0; i < rd->nlparams; i++) {
		if (strcmp(key, rd->lparams[i].name) != 0)
			continue;
		lr->values[i] = str;
		return check_value(&rd->lparams[i], str, lr->pg, match, e);
	}
	return unknown_param(rd, key, e);
}

/* Appends the hexadecimal digits of p[0..n). */
static void hex_put(struct buf *b, const char *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		char two[2] = {digits[(unsigned char)p[i] >> 4], digits[(unsigned char)p[i] & 15]};

		(void)buf_append(b, two, 2);
	}
}

/* The text that the hexadecimal digits h[0..n) spell (owned), or NULL. */
static char *hex_get(const char *h, size_t n)
{
	char *out;

	if (n % 2 || strspn(h, "0123456789abcdef") < n)
		return NULL;
	out = xmalloc(n / 2 + 1);
	for (size_t i = 0; i < n; i += 2) {
		unsigned hi = (unsigned)(h[i] <= '9' ? h[i] - '0' : h[i] - 'a' + 10);
		unsigned lo = (unsigned)(h[i + 1] <= '9' ? h[i + 1] - '0' : h[i + 1] - 'a' + 10);

		out[i / 2] = (char)(hi << 4 | lo);
	}
	out[n / 2] = '\0';
	if (strlen(out) != n / 2) {
		free(out);
		return NULL;
	}
	return out;
}

/* Reads the name cursor "<id>.<collation>.<name>" of a sort=name page into lr. */
static int name_cursor_read(struct list_req *lr, struct err *e)
{
	const char *c = lr->name_cursor;
	const char *dot1 = strchr(c, '.');
	const char *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
	char id[20], *coll = NULL;
	size_t n = dot1 ? (size_t)(dot1 - c) : 0;
	int ok = 0;

	if (dot2 && n < sizeof(id)) {
		memcpy(id, c, n);
		id[n] = '\0';
		coll = hex_get(dot1 + 1, (size_t)(dot2 - dot1 - 1));
		lr->after_name = hex_get(dot2 + 1, strlen(dot2 + 1));
		ok = parse_cursor(id, &lr->after) && coll && lr->after_name;
	}
	if (ok && strcmp(coll, lr->collation) != 0) {
		free(coll);
		return err_set(e, ERR_BAD_REQUEST, "cursor",
			       "belongs to another order: pass the same sort and sort_lang as the "
			       "page that gave it");
	}
	free(coll);
	return ok ? 0 : err_set(e, ERR_BAD_REQUEST, "cursor",
				"is not a cursor given by this list's \"next\"");
}

/*
 * After the parameters: the collation of sort_lang (ERR_BAD_REQUEST naming it
 * when it is not a language tag) and the cursor, which must be of the
 * list's order.
 */
static int sort_finish(struct list_req *lr, struct err *e)
{
	char coll[TEXT_COLLATION_MAX];

	/* the name goes into the SQL text (COLLATE "icu:<name>"): ICU's characters only */
	if (text_collation_of(lr->sort_lang ? lr->sort_lang : "root", coll) ||
	    strspn(coll, COLLATION_CHARS) != strlen(coll))
		return err_set(e, ERR_BAD_REQUEST, "sort_lang",
			       "must be a BCP 47 language tag such as zh, sv or de-CH");
	memcpy(lr->collation, coll, sizeof(coll));
	if (!lr->by_name && lr->name_cursor)
		return err_set(e, ERR_BAD_REQUEST, "cursor",
			       "belongs to a list sorted by name: pass sort=name with it");
	if (lr->by_name && lr->after)
		return err_set(e, ERR_BAD_REQUEST, "cursor",
			       "belongs to a list in id order: leave sort=name out with it");
	return lr->by_name && lr->name_cursor ? name_cursor_read(lr, e) : 0;
}

/* Appends cond with every ":v" renamed ":p<i>". */
static void append_cond(struct buf *sql, const char *cond, int i)
{
	const char *p = cond;
	const char *hit;

	(void)buf_puts(sql, " AND (");
	while ((hit = strstr(p, ":v")) != NULL) {
		(void)buf_append(sql, p, (size_t)(hit - p));
		(void)buf_printf(sql, ":p%d", i);
		p = hit + 2;
	}
	(void)buf_puts(sql, p);
	(void)buf_puts(sql, ")");
}

/*
 * The query of one sort=name page (q: the index of the q parameter, or
 * -1): every row that passes the filters is sorted, as there is no index
 * in each collation; the keyset condition starts after the cursor's row.
 */
static char *name_sql(const struct store_resdef *rd, const struct list_req *lr, int q)
{
	struct buf sql;

	buf_init(&sql, 65536);
	select_cols(&sql, lr);
	if (q >= 0 && lr->pg)
		(void)buf_printf(&sql,
				 " FROM %s JOIN %s t ON t.id = %s.rowid"
				 " WHERE %s.tokens @@ CAST(:p%d AS tsquery)",
				 rd->fts, rd->table, rd->fts, rd->fts, q);
	else if (q >= 0)
		(void)buf_printf(&sql,
				 " FROM %s CROSS JOIN %s t ON t.id = %s.rowid"
				 " WHERE %s MATCH :p%d",
				 rd->fts, rd->table, rd->fts, rd->fts, q);
	else
		(void)buf_printf(&sql, " FROM %s t WHERE 1 = 1", rd->table);
	if (lr->after_name)
		(void)buf_printf(&sql,
				 " AND (t.name COLLATE \"icu:%s\" > :after_name OR"
				 " (t.name COLLATE \"icu:%s\" = :after_name AND t.id > :after))",
				 lr->collation, lr->collation);
	for (int i = 0; i < rd->nlparams; i++)
		if (lr->values[i] && i != q)
			append_cond(&sql, rd->lparams[i].cond, i);
	(void)buf_printf(&sql, " ORDER BY t.name COLLATE \"icu:%s\", t.id LIMIT :limit",
			 lr->collation);
	return buf_detach(&sql, NULL);
}

/*
 * The query of one page. With q the FTS table drives (CROSS JOIN keeps it
 * the outer loop): it yields matches in rowid order, so the page stops
 * after limit + 1 rows instead of collecting every match first.
 */
static char *list_sql(const struct store_resdef *rd, const struct list_req *lr)
{
	struct buf sql;
	int q = -1;

	for (int i = 0; i < rd->nlparams; i++)
		if (lr->values[i] && rd->lparams[i].kind == STORE_L_Q)
			q = i;
	if (lr->by_name)
		return name_sql(rd, lr, q);
	buf_init(&sql, 65536);
	select_cols(&sql, lr);
	if (q >= 0 && lr->pg) /* the same rows in the same order: a tsvector per row */
		(void)buf_printf(&sql,
				 " FROM %s JOIN %s t ON t.id = %s.rowid"
				 " WHERE %s.tokens @@ CAST(:p%d AS tsquery) AND %s.rowid > :after",
				 rd->fts, rd->table, rd->fts, rd->fts, q, rd->fts);
	else if (q >= 0)
		(void)buf_printf(&sql,
				 " FROM %s CROSS JOIN %s t ON t.id = %s.rowid"
				 " WHERE %s MATCH :p%d AND %s.rowid > :after",
				 rd->fts, rd->table, rd->fts, rd->fts, q, rd->fts);
	else
		(void)buf_printf(&sql, " FROM %s t WHERE t.id > :after", rd->table);
	for (int i = 0; i < rd->nlparams; i++)
		if (lr->values[i] && i != q)
			append_cond(&sql, rd->lparams[i].cond, i);
	if (q >= 0)
		(void)buf_printf(&sql, " ORDER BY %s.rowid LIMIT :limit", rd->fts);
	else
		(void)buf_puts(&sql, " ORDER BY t.id LIMIT :limit");
	return buf_detach(&sql, NULL);
}

static void bind_params(const struct store_resdef *rd, const struct list_req *lr,
			struct db_stmt *st)
{
	char name[16];
	int after = db_param_index(st, ":after"); /* absent from a first sort=name page */

	if (after)
		db_bind_int64(st, after, lr->after);
	db_bind_int64(st, db_param_index(st, ":limit"), lr->limit + 1);
	if (lr->after_name)
		db_bind_text(st, db_param_index(st, ":after_name"), lr->after_name, (size_t)-1);
	for (int i = 0; i < rd->nlparams; i++) {
		const struct store_lparam *p = &rd->lparams[i];
		int idx;

		if (!lr->values[i])
			continue;
		snprintf(name, sizeof(name), ":p%d", i);
		idx = db_param_index(st, name);
		if (p->kind == STORE_L_Q)
			db_bind_text(st, idx, lr->match, (size_t)-1);
		else if (p->kind == STORE_L_ID || p->kind == STORE_L_SDG)
			db_bind_int64(st, idx, strtoll(lr->values[i], NULL, 10));
		else
			db_bind_text(st, idx, lr->values[i], (size_t)-1);
	}
}

/*
 * Runs the query: ids[] gets up to limit + 1 ids, *n how many; with
 * sort=name *last the name of the limit-th row (owned), for the cursor.
 */
static int list_ids(struct store *s, const struct store_resdef *rd, const struct list_req *lr,
		    int64_t *ids, int *n, char **last, struct err *e)
{
	char *sql = list_sql(rd, lr);
	struct db_stmt *st;
	int rc;

	*n = 0;
	rc = store_prep(s, sql, &st, e);
	free(sql);
	if (rc)
		return rc;
	bind_params(rd, lr, st);
	while ((rc = store_step(s, st, e)) == 1 && *n <= lr->limit) {
		if (lr->by_name && *n == lr->limit - 1)
			*last = xstrdup(db_col_text(st, 1));
		ids[(*n)++] = db_col_int64(st, 0);
	}
	store_reset(st);
	return rc < 0 ? rc : 0;
}

/* The cursor after row id (named name when sorted by name). */
static json_t *next_cursor(const struct list_req *lr, int64_t id, const char *name)
{
	struct buf b;
	json_t *out;

	buf_init(&b, 8192);
	(void)buf_printf(&b, "%" PRIx64, (uint64_t)id);
	if (lr->by_name) {
		(void)buf_puts(&b, ".");
		hex_put(&b, lr->collation, strlen(lr->collation));
		(void)buf_puts(&b, ".");
		hex_put(&b, name ? name : "", name ? strlen(name) : 0);
	}
	out = json_stringn(b.data, b.len);
	buf_release(&b);
	return out;
}

static int list_page(struct store *s, const struct store_resdef *rd, const struct list_req *lr,
		     json_t **out, struct err *e)
{
	int64_t ids[STORE_LIST_MAX + 1];
	json_t *items;
	char *last = NULL;
	int n, rc;

	rc = list_ids(s, rd, lr, ids, &n, &last, e);
	if (rc) {
		free(last);
		return rc;
	}
	items = json_array();
	for (int i = 0; i < n && i < lr->limit; i++) {
		json_t *obj;

		rc = store_row_read(s, rd, ids[i], STORE_VIEW_API, &obj, e);
		if (rc) {
			json_decref(items);
			free(last);
			return rc;
		}
		json_array_append_new(items, obj);
	}
	*out = json_object();
	json_object_set_new(*out, "items", items);
	json_object_set_new(*out, "next",
			    n > lr->limit ? next_cursor(lr, ids[lr->limit - 1], last) : json_null());
	free(last);
	return 0;
}

/*
 * A page in JSON text: each row's members (the query's last columns,
 * written by the database) in braces, joined into {"items": [...],
 * "next": ...}.
 */
static int list_text_page(struct store *s, const struct store_resdef *rd,
			  const struct list_req *lr, struct buf *out, struct err *e)
{
	char *sql = list_sql(rd, lr), *last = NULL;
	int col = lr->by_name ? 2 : 1, n = 0, rc;
	int64_t last_id = 0;
	struct db_stmt *st;

	rc = store_prep(s, sql, &st, e);
	free(sql);
	if (rc)
		return rc;
	bind_params(rd, lr, st);
	(void)buf_puts(out, "{\"items\":[");
	while ((rc = store_step(s, st, e)) == 1 && n < lr->limit) {
		if (n++)
			(void)buf_puts(out, ",");
		store_row_members(st, col, out);
		last_id = db_col_int64(st, 0);
		if (lr->by_name && n == lr->limit)
			last = xstrdup(db_col_text(st, 1));
	}
	store_reset(st);
	if (rc < 0) {
		free(last);
		return rc;
	}
	(void)buf_puts(out, "],\"next\":");
	if (rc == 1) { /* a row after the page's last */
		json_t *next = next_cursor(lr, last_id, last);

		(void)buf_printf(out, "\"%s\"}", json_string_value(next));
		json_decref(next);
	} else {
		(void)buf_puts(out, "null}");
	}
	free(last);
	return 0;
}

/* The list request of params (validated) in lr, its FTS expression in match. */
static int list_begin(struct store *s, const struct store_resdef *rd, const json_t *params,
		      struct list_req *lr, struct buf *match, struct err *e)
{
	const char *key;
	json_t *v;
	int rc = 0;

	memset(lr, 0, sizeof(*lr));
	lr->limit = LIST_DEFAULT;
	lr->pg = strcmp(db_driver(s->db), "postgresql") == 0;
	if (params && !json_is_object(params))
		rc = err_set(e, ERR_BAD_REQUEST, NULL, "the parameters must be an object");
	if (params && rc == 0) {
		json_object_foreach((json_t *)params, key, v) {
			rc = parse_param(rd, key, v, lr, match, e);
			if (rc)
				break;
		}
	}
	lr->match = match->data;
	return rc ? rc : sort_finish(lr, e);
}

int store_list(struct store *s, enum store_res res, const json_t *params, json_t **out,
	       struct err *e)
{
	const struct store_resdef *rd = store_resdef(res);
	struct list_req lr;
	struct buf match;
	int rc;

	*out = NULL;
	if (!rd)
		return err_set(e, ERR_INTERNAL, NULL, "unknown resource %d", (int)res);
	buf_init(&match, 65536);
	rc = list_begin(s, rd, params, &lr, &match, e);
	if (rc == 0)
		rc = store_read_begin(s, e);
	if (rc == 0)
		rc = store_read_end(s, list_page(s, rd, &lr, out, e), e);
	buf_release(&match);
	free(lr.after_name);
	return rc;
}

int store_list_text(struct store *s, enum store_res res, const json_t *params, char **out,
		    size_t *len, struct err *e)
{
	const struct store_resdef *rd = store_resdef(res);
	struct list_req lr;
	struct buf match, page;
	json_t *obj;
	int rc;

	*out = NULL;
	*len = 0;
	if (!rd)
		return err_set(e, ERR_INTERNAL, NULL, "unknown resource %d", (int)res);
	if (rd->hooks && rd->hooks->read_extra) {
		rc = store_list(s, res, params, &obj, e);
		if (rc == 0)
			*out = jsonx_dump(obj, 0, len);
		json_decref(obj);
		return rc;
	}
	buf_init(&match, 65536);
	buf_init(&page, (size_t)1 << 28);
	rc = list_begin(s, rd, params, &lr, &match, e);
	lr.row_json = store_res_sql(s, rd, STORE_SQL_ROW_JSON);
	if (rc == 0)
		rc = store_read_begin(s, e);
	if (rc == 0)
		rc = store_read_end(s, list_text_page(s, rd, &lr, &page, e), e);
	if (rc == 0)
		*out = buf_detach(&page, len);
	buf_release(&page);
	buf_release(&match);
	free(lr.after_name);
	return rc;
}
