/*
 * jsonx.h - jansson helpers shared by every layer.
 *
 * Ownership follows jansson: functions returning json_t * hand over one new
 * reference; json_t * parameters are borrowed.
 */
#ifndef LIAISON_CORE_JSONX_H
#define LIAISON_CORE_JSONX_H

#include "core/err.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Parses len bytes of JSON text (which need not be NUL-terminated).
 * Invalid UTF-8 and invalid JSON give ERR_BAD_REQUEST with the position in
 * the message; nesting deeper than jansson's limit is refused too.
 */
int jsonx_parse(const char *data, size_t len, json_t **out, struct err *e);

/*
 * Reads a whole file and parses it; ERR_IO when it cannot be read. A parse
 * error names the file in e->field.
 */
int jsonx_load_file(const char *path, size_t max_bytes, json_t **out, struct err *e);

/*
 * Serialises v compactly (or indented when pretty) with keys in insertion
 * order. Returns a malloc'd NUL-terminated string; *len gets its length.
 */
char *jsonx_dump(const json_t *v, int pretty, size_t *len);

/* Length of s in Unicode code points (s is valid UTF-8, as jansson keeps). */
size_t jsonx_utf8_chars(const char *s);

/* Looks up a string member; NULL when absent or not a string. */
const char *jsonx_str(const json_t *obj, const char *key);

#endif
