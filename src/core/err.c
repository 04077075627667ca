/*
 * err.c - error records and the code -> HTTP status table.
 */
#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <unicode/utf8.h>

static const struct {
	int code;
	int status;
	const char *name;
} err_table[] = {
	{ERR_OK, 200, "ok"},
	{ERR_BAD_REQUEST, 400, "bad request"},
	{ERR_INVALID, 422, "invalid"},
	{ERR_NOT_FOUND, 404, "not found"},
	{ERR_CONFLICT, 409, "conflict"},
	{ERR_TOO_LARGE, 413, "too large"},
	{ERR_IO, 500, "i/o error"},
	{ERR_INTERNAL, 500, "internal error"},
	{ERR_BUSY, 503, "busy"},
	{ERR_UNAUTHORIZED, 401, "unauthorized"},
	{ERR_FORBIDDEN, 403, "forbidden"},
	{ERR_TOO_MANY, 429, "too many requests"},
	{ERR_NO_SPACE, 507, "no space left"},
	{ERR_READONLY, 503, "read-only"},
	{ERR_UNAVAILABLE, 503, "database unavailable"},
};

void err_clear(struct err *e)
{
	if (!e)
		return;
	e->code = 0;
	e->field[0] = '\0';
	e->msg[0] = '\0';
}

/*
 * Cuts an incomplete UTF-8 sequence off the end of s: snprintf truncates
 * by bytes, and a message must stay valid UTF-8 (it goes into JSON).
 */
static void utf8_trim_end(char *s)
{
	size_t len = strlen(s);
	size_t i = len;
	size_t need;
	unsigned char c;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80 && len - i < 3)
		i--;
	if (i == 0)
		return;
	c = (unsigned char)s[i - 1];
	if (c < 0x80)
		return;
	need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
	if (len - (i - 1) < need)
		s[i - 1] = '\0';
}

/*
 * Replaces each byte of s that is not part of valid UTF-8 with '?': a
 * message may quote input cut by bytes (jansson quotes a bad token so),
 * and messages go into JSON documents and one-line CLI errors.
 */
static void utf8_repair(char *s)
{
	int32_t len = (int32_t)strlen(s);
	int32_t i = 0;

	while (i < len) {
		int32_t at = i;
		UChar32 c;

		U8_NEXT(s, i, len, c);
		if (c < 0)
			for (int32_t j = at; j < i; j++)
				s[j] = '?';
	}
}

int err_set(struct err *e, int code, const char *field, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return code;
	e->code = code;
	snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	utf8_trim_end(e->field);
	utf8_trim_end(e->msg);
	utf8_repair(e->field);
	utf8_repair(e->msg);
	return code;
}

void err_prefix_field(struct err *e, const char *prefix)
{
	char old[sizeof(e->field)];

	if (!e || !prefix || !*prefix)
		return;
	memcpy(old, e->field, sizeof(old));
	if (old[0] == '\0' || old[0] == '[')
		snprintf(e->field, sizeof(e->field), "%s%s", prefix, old);
	else
		snprintf(e->field, sizeof(e->field), "%s.%s", prefix, old);
}

static size_t err_find(int code)
{
	for (size_t i = 0; i < sizeof(err_table) / sizeof(err_table[0]); i++)
		if (err_table[i].code == code)
			return i;
	return (size_t)-1;
}

const char *err_strerror(int code)
{
	size_t i = err_find(code);

	return i == (size_t)-1 ? "unknown error" : err_table[i].name;
}

int err_http_status(int code)
{
	size_t i = err_find(code);

	return i == (size_t)-1 ? 500 : err_table[i].status;
}
