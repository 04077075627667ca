/*
 * indicator.c - city indicators (indicator.h): definitions, values and
 * the CSV import, each write in one transaction.
 */
#include "service/indicator.h"

#include "core/jsonx.h"
#include "export/csv.h"
#include "service/case.h"
#include "service/service_int.h"
#include "store/indicators.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int may_write(struct service_conn *c, const struct service_caller *who, struct err *e)
{
	int yes = 0;
	int rc = who ? service_desk_is_staff(c, who, &yes, e) : 0;

	if (rc == 0 && who && !yes)
		rc = err_set(e, ERR_FORBIDDEN, NULL, "only the desk's staff and admins change "
			     "indicators");
	return rc;
}

int service_indicators_list(struct service_conn *c, json_t **out, struct err *e)
{
	json_t *items = NULL;
	int rc = store_indicators(c->store, &items, e);

	*out = rc ? NULL : json_pack("{s:o}", "items", items);
	return rc;
}

int service_indicator_values(struct service_conn *c, const char *text, json_t **out,
			     struct err *e)
{
	json_t *all = NULL, *values = NULL, *it, *found = NULL;
	int64_t id = 0;
	size_t i;
	int rc = store_indicator_find(c->store, text, &id, e);

	*out = NULL;
	if (rc == 0 && !id)
		rc = err_set(e, ERR_NOT_FOUND, "id", "no indicator %s", text);
	if (rc == 0)
		rc = store_indicators(c->store, &all, e);
	if (rc == 0)
		rc = store_indicator_values(c->store, id, &values, e);
	if (rc == 0) {
		json_array_foreach(all, i, it)
			if (json_integer_value(json_object_get(it, "id")) == id)
				found = json_incref(it);
		json_object_update(found, values);
		*out = found;
	}
	json_decref(all);
	json_decref(values);
	return rc;
}

/* ---- definitions ---------------------------------------------------------------- */

static int text_field(const json_t *b, const char *key, size_t max, int required,
		      struct err *e)
{
	const json_t *v = json_object_get(b, key);
	size_t n;

	if (!v || json_is_null(v))
		return required ? err_set(e, ERR_INVALID, key, "is required") : 0;
	n = json_is_string(v) ? jsonx_utf8_chars(json_string_value(v)) : 0;
	if (n < 1 || n > max)
		return err_set(e, ERR_INVALID, key, "must be a text of 1 to %zu characters", max);
	return 0;
}

static int ref_ok(const char *r)
{
	size_t n = r ? strlen(r) : 0;

	return n >= 1 && n <= 64 && strspn(r, "abcdefghijklmnopqrstuvwxyz0123456789_-") == n &&
	       !(r[strspn(r, "0123456789")] == '\0');
}

struct create_run {
	const json_t *body;
	int64_t id;
};

static int create_fn(struct store *s, void *ctx, struct err *e)
{
	static const char *const fields[] = {"ref", "name", "name_zh", "unit", "source",
					     "lower_is_better", NULL};
	struct create_run *x = ctx;
	const json_t *b = x->body, *low = json_object_get(b, "lower_is_better");
	const char *key;
	json_t *v;
	int rc = 0;

	json_object_foreach((json_t *)b, key, v) {
		int known = 0;

		for (const char *const *f = fields; *f; f++)
			known |= strcmp(*f, key) == 0;
		if (!known)
			return err_set(e, ERR_INVALID, key, "is not a field of an indicator");
	}
	if (!ref_ok(jsonx_str(b, "ref")))
		return err_set(e, ERR_INVALID, "ref", "must be 1 to 64 of a-z, 0-9, _ and -, not "
			       "only digits");
	rc = text_field(b, "name", 200, 1, e);
	if (rc == 0)
		rc = text_field(b, "name_zh", 200, 0, e);
	if (rc == 0)
		rc = text_field(b, "unit", 64, 1, e);
	if (rc == 0)
		rc = text_field(b, "source", 300, 0, e);
	if (rc == 0 && low && !json_is_boolean(low))
		rc = err_set(e, ERR_INVALID, "lower_is_better", "must be true or false");
	if (rc)
		return rc;
	return store_indicator_add(s, jsonx_str(b, "ref"), jsonx_str(b, "name"),
				   jsonx_str(b, "name_zh"), jsonx_str(b, "unit"),
				   jsonx_str(b, "source"), json_is_true(low), &x->id, e);
}

int service_indicator_create(struct service_conn *c, const struct service_caller *who,
			     const json_t *body, json_t **out, struct err *e)
{
	struct create_run x = {body, 0};
	char id[24];
	int rc = may_write(c, who, e);

	*out = NULL;
	if (rc == 0 && !json_is_object(body))
		rc = err_set(e, ERR_BAD_REQUEST, "", "the body must be a JSON object");
	if (rc == 0)
		rc = store_atomic(c->store, create_fn, &x, e);
	if (rc)
		return rc;
	snprintf(id, sizeof(id), "%lld", (long long)x.id);
	return service_indicator_values(c, id, out, e);
}

/* ---- the CSV import --------------------------------------------------------------- */

enum { COL_INDICATOR, COL_CITY, COL_YEAR, COL_VALUE, COLS };
static const char *const col_names[COLS] = {"indicator", "city", "year", "value"};

struct import_run {
	const char *csv;
	size_t len;
	int demo;
	int col[COLS]; /* the position of each column */
	size_t ncols;
	long rows;
	json_t *seen; /* "indicator city year" -> row */
	struct store *s;
};

static int bad(struct err *e, long line, const char *col, const char *fmt, const char *what)
{
	err_set(e, ERR_INVALID, "", fmt, what);
	if (col)
		snprintf(e->field, sizeof(e->field), "rows[%ld].%s", line, col);
	else
		snprintf(e->field, sizeof(e->field), "rows[%ld]", line);
	return ERR_INVALID;
}

static int header(struct import_run *x, long line, const char *const *f, size_t n,
		  struct err *e)
{
	for (int c = 0; c < COLS; c++)
		x->col[c] = -1;
	for (size_t i = 0; i < n; i++) {
		int c = 0;

		while (c < COLS && strcmp(f[i], col_names[c]) != 0)
			c++;
		if (c == COLS)
			return bad(e, line, NULL, "the header names a column \"%s\": the columns are "
				   "indicator, city, year and value", f[i]);
		if (x->col[c] >= 0)
			return bad(e, line, NULL, "the header names the column %s twice",
				   col_names[c]);
		x->col[c] = (int)i;
	}
	for (int c = 0; c < COLS; c++)
		if (x->col[c] < 0)
			return bad(e, line, NULL, "the header lacks the column %s", col_names[c]);
	x->ncols = n;
	return 0;
}

static int parse_year(const char *s, int64_t *y)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	*y = v;
	return !errno && end != s && !*end && strspn(s, "0123456789") == strlen(s) && v >= 1900 &&
	       v <= 2100;
}

static int parse_value(const char *s, double *v)
{
	char *end;

	errno = 0;
	*v = strtod(s, &end);
	return *s && !errno && end != s && !*end && isfinite(*v) &&
	       strspn(s, "0123456789.-+eE") == strlen(s);
}

static int row_cb(void *ctx, long line, const char *const *f, size_t n, struct err *e)
{
	struct import_run *x = ctx;
	int64_t ind = 0, city = 0, year = 0;
	int is_city = 0, rc;
	double value;
	char key[160];

	if (line == 1)
		return header(x, line, f, n, e);
	if (n == 1 && !f[0][0])
		return 0; /* an empty line */
	if (n != x->ncols)
		return bad(e, line, NULL, "has %s fields where the header has another number",
			   n < x->ncols ? "fewer" : "more");
	if (++x->rows > SERVICE_INDICATOR_ROWS_MAX)
		return err_set(e, ERR_TOO_LARGE, "rows", "more than %d rows",
			       SERVICE_INDICATOR_ROWS_MAX);
	rc = store_indicator_find(x->s, f[x->col[COL_INDICATOR]], &ind, e);
	if (rc)
		return rc;
	if (!ind)
		return bad(e, line, "indicator", "no indicator \"%s\" (GET /indicators lists them)",
			   f[x->col[COL_INDICATOR]]);
	if (strcmp(f[x->col[COL_CITY]], "national") != 0) {
		rc = store_indicator_city(x->s, f[x->col[COL_CITY]], &city, &is_city, e);
		if (rc)
			return rc;
		if (!city)
			return bad(e, line, "city", "no organisation \"%s\" (a ref such as cn-suzhou, "
				   "or national)", f[x->col[COL_CITY]]);
		if (!is_city)
			return bad(e, line, "city", "organisation \"%s\" is not a city",
				   f[x->col[COL_CITY]]);
	}
	if (!parse_year(f[x->col[COL_YEAR]], &year))
		return bad(e, line, "year", "\"%s\" is not a year from 1900 to 2100",
			   f[x->col[COL_YEAR]]);
	if (!parse_value(f[x->col[COL_VALUE]], &value))
		return bad(e, line, "value", "\"%s\" is not a decimal number (a point, no thousands "
			   "separators)", f[x->col[COL_VALUE]]);
	snprintf(key, sizeof(key), "%lld %lld %lld", (long long)ind, (long long)city,
		 (long long)year);
	if (json_object_get(x->seen, key)) {
		char first[64];

		snprintf(first, sizeof(first), "row %lld",
			 (long long)json_integer_value(json_object_get(x->seen, key)));
		return bad(e, line, NULL, "gives the same indicator, city and year as %s", first);
	}
	json_object_set_new(x->seen, key, json_integer(line));
	return store_indicator_put(x->s, ind, city, year, value, x->demo, e);
}

static int import_fn(struct store *s, void *ctx, struct err *e)
{
	struct import_run *x = ctx;
	int rc;

	x->s = s;
	rc = csv_read(x->csv, x->len, row_cb, x, e);
	if (rc == 0 && x->ncols == 0)
		rc = err_set(e, ERR_INVALID, "rows[1]", "the file is empty: a header row "
			     "indicator,city,year,value comes first");
	else if (rc == 0 && x->rows == 0)
		rc = err_set(e, ERR_INVALID, "rows[2]", "the file has a header and no values");
	return rc;
}

int service_indicators_import(struct service_conn *c, const struct service_caller *who,
			      const char *csv, size_t len, int demo, json_t **out, struct err *e)
{
	struct import_run x = {csv, len, demo, {0}, 0, 0, json_object(), NULL};
	int rc = may_write(c, who, e);

	*out = NULL;
	if (rc == 0)
		rc = store_atomic(c->store, import_fn, &x, e);
	json_decref(x.seen);
	if (rc == 0)
		*out = json_pack("{s:I}", "imported", (json_int_t)x.rows);
	return rc;
}
