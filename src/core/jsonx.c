/*
 * jsonx.c - parsing and dumping JSON with error records.
 */
#include "core/jsonx.h"

#include "core/buf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int jsonx_parse(const char *data, size_t len, json_t **out, struct err *e)
{
	json_error_t je;
	json_t *v;

	*out = NULL;
	v = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	if (!v) {
		const char *what = json_error_code(&je) == json_error_invalid_utf8 ? "invalid UTF-8"
											 : "invalid JSON";

		return err_set(e, ERR_BAD_REQUEST, NULL, "%s at line %d column %d: %s", what,
			       je.line, je.column, je.text);
	}
	*out = v;
	return 0;
}

int jsonx_load_file(const char *path, size_t max_bytes, json_t **out, struct err *e)
{
	struct buf b;
	char chunk[65536];
	size_t n;
	FILE *f;
	int rc = 0;

	*out = NULL;
	f = fopen(path, "rb");
	if (!f)
		return err_set(e, ERR_IO, NULL, "cannot open %s: %s", path, strerror(errno));
	buf_init(&b, max_bytes);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (buf_append(&b, chunk, n)) {
			rc = err_set(e, ERR_TOO_LARGE, NULL, "%s is larger than %zu bytes", path,
				     max_bytes);
			goto done;
		}
	}
	if (ferror(f)) {
		rc = err_set(e, ERR_IO, NULL, "cannot read %s: %s", path, strerror(errno));
		goto done;
	}
	rc = jsonx_parse(b.data ? b.data : "", b.len, out, e);
	if (rc && e)
		snprintf(e->field, sizeof(e->field), "%s", path);
done:
	fclose(f);
	buf_release(&b);
	return rc;
}

char *jsonx_dump(const json_t *v, int pretty, size_t *len)
{
	/* 15 significant digits: 0.82 prints as 0.82, not 0.81999999999999995 */
	size_t flags = JSON_PRESERVE_ORDER | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15);
	char *s;

	flags |= pretty ? JSON_INDENT(2) : JSON_COMPACT;
	s = json_dumps(v, flags);
	if (!s) {
		fprintf(stderr, "liaison: out of memory serialising JSON\n");
		abort();
	}
	if (len)
		*len = strlen(s);
	return s;
}

size_t jsonx_utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

const char *jsonx_str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}
