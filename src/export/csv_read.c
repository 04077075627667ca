/*
 * csv_read.c - RFC 4180 text read by libcsv (csv.h): fields collected per
 * row, each row handed to the caller with its number.
 */
#include "export/csv.h"

#include "core/xalloc.h"

#include <csv.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct reader {
	csv_row_fn cb;
	void *ctx;
	struct err *e;
	long line;
	char *fields[CSV_READ_FIELDS];
	size_t n;
	int rc;
};

static void reader_clear(struct reader *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->fields[i]);
	r->n = 0;
}

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	json_t *check;

	if (r->rc)
		return;
	if (r->n == CSV_READ_FIELDS) {
		r->rc = err_set(r->e, ERR_BAD_REQUEST, "", "row %ld has more than %d fields",
				r->line + 1, CSV_READ_FIELDS);
		snprintf(r->e->field, sizeof(r->e->field), "rows[%ld]", r->line + 1);
		return;
	}
	check = json_stringn(s ? s : "", len); /* jansson checks the UTF-8 */
	if (!check) {
		r->rc = err_set(r->e, ERR_BAD_REQUEST, "", "row %ld, field %zu is not UTF-8",
				r->line + 1, r->n + 1);
		snprintf(r->e->field, sizeof(r->e->field), "rows[%ld]", r->line + 1);
		return;
	}
	json_decref(check);
	r->fields[r->n] = xmalloc(len + 1);
	memcpy(r->fields[r->n], s ? s : "", len);
	r->fields[r->n][len] = '\0';
	r->n++;
}

static void on_row(int c, void *data)
{
	struct reader *r = data;

	(void)c;
	r->line++;
	if (r->rc == 0)
		r->rc = r->cb(r->ctx, r->line, (const char *const *)r->fields, r->n, r->e);
	reader_clear(r);
}

int csv_read(const char *data, size_t len, csv_row_fn cb, void *ctx, struct err *e)
{
	struct reader r = {cb, ctx, e, 0, {NULL}, 0, 0};
	struct csv_parser p;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL))
		return err_set(e, ERR_INTERNAL, NULL, "libcsv could not start");
	if (csv_parse(&p, data, len, on_field, on_row, &r) != len && r.rc == 0) {
		r.rc = err_set(e, ERR_BAD_REQUEST, "", "row %ld: %s", r.line + 1,
			       csv_strerror(csv_error(&p)));
		snprintf(e->field, sizeof(e->field), "rows[%ld]", r.line + 1);
	}
	if (r.rc == 0 && csv_fini(&p, on_field, on_row, &r) != 0 && r.rc == 0) {
		r.rc = err_set(e, ERR_BAD_REQUEST, "", "row %ld: %s", r.line + 1,
			       csv_strerror(csv_error(&p)));
		snprintf(e->field, sizeof(e->field), "rows[%ld]", r.line + 1);
	}
	reader_clear(&r);
	csv_free(&p);
	return r.rc;
}
