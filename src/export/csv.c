/*
 * csv.c - RFC 4180 fields and rows with a UTF-8 byte order mark (csv.h).
 */
#include "export/csv.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

int csv_begin(struct buf *b)
{
	return buf_append(b, "\xef\xbb\xbf", 3);
}

static int needs_quotes(const char *s, size_t n)
{
	return strpbrk(s, ",\"\r\n") != NULL || (n > 0 && (s[0] == ' ' || s[n - 1] == ' '));
}

/*
 * 1 when a spreadsheet would run s as a formula. A phone number
 * ("+86 28 8555 0102") or a negative number is left alone.
 */
static int is_formula(const char *s, size_t n)
{
	if (strchr("=@\t\r", s[0]))
		return 1;
	if (s[0] != '+' && s[0] != '-')
		return 0;
	return n == 1 || strspn(s + 1, "0123456789 ()./-") != n - 1;
}

int csv_field(struct buf *b, const char *s, int first)
{
	size_t n = s ? strlen(s) : 0;
	int rc = first ? 0 : buf_append(b, ",", 1);
	int formula = n > 0 && is_formula(s, n);

	if (rc || n == 0)
		return rc;
	if (!needs_quotes(s, n) && !formula)
		return buf_append(b, s, n);
	rc = buf_append(b, "\"", 1);
	if (!rc && formula)
		rc = buf_append(b, "'", 1);
	for (const char *p = s; !rc && *p; p++)
		rc = *p == '"' ? buf_append(b, "\"\"", 2) : buf_append(b, p, 1);
	return rc ? rc : buf_append(b, "\"", 1);
}

int csv_int(struct buf *b, int64_t v, int first)
{
	char num[24];

	snprintf(num, sizeof(num), "%" PRId64, v);
	return csv_field(b, num, first);
}

/* One scalar as text into out (empty for null and containers). */
static void scalar_text(const json_t *v, char *out, size_t len, const char **str)
{
	*str = out;
	out[0] = '\0';
	if (json_is_string(v))
		*str = json_string_value(v);
	else if (json_is_integer(v))
		snprintf(out, len, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else if (json_is_real(v))
		snprintf(out, len, "%.17g", json_real_value(v));
	else if (json_is_boolean(v))
		snprintf(out, len, "%s", json_is_true(v) ? "yes" : "no");
}

int csv_json(struct buf *b, const json_t *v, int first)
{
	char num[32];
	const char *s;
	struct buf joined;
	int rc = 0;

	if (!json_is_array(v)) {
		scalar_text(v, num, sizeof(num), &s);
		return csv_field(b, s, first);
	}
	buf_init(&joined, b->max);
	for (size_t i = 0; i < json_array_size(v) && !rc; i++) {
		scalar_text(json_array_get(v, i), num, sizeof(num), &s);
		rc = buf_printf(&joined, "%s%s", i ? "; " : "", s);
	}
	if (!rc)
		rc = csv_field(b, joined.data ? joined.data : "", first);
	buf_release(&joined);
	return rc;
}

int csv_row_end(struct buf *b)
{
	return buf_append(b, "\r\n", 2);
}

int csv_header(struct buf *b, const char *const *names)
{
	int rc = 0;

	for (size_t i = 0; names[i] && !rc; i++)
		rc = csv_field(b, names[i], i == 0);
	return rc ? rc : csv_row_end(b);
}
