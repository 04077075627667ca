/*
 * fuzz_query.c - libFuzzer target for the query strings of the list
 * endpoints (GET /api/v1/{resource}?...): store_list of every resource on
 * the demo data set, with the parameters taken apart as the HTTP layer
 * has libmicrohttpd do it (split at '&' and '=', '+' and %XX decoded; a
 * repeated name or a value that is not UTF-8 is a 400 there and skipped
 * here).
 *
 * Input: one selector byte (the resource: enum store_res, modulo
 * STORE_RES_COUNT), then the query string without its '?'.
 *
 * Oracles (abort): a failure without e.code, with e.code different from the
 * return code, without field and message, with a server-side code (ERR_IO,
 * ERR_INTERNAL, ERR_BUSY: a 5xx answer to a query), or leaving *out set; a
 * success that is not {"items": [...], "next": string | null}.
 */
#include "core/assets.h"
#include "core/err.h"
#include "core/jsonx.h"
#include "store/store.h"

#include "fuzz_demo.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_demo_open("fuzz_query");
	return 0;
}

static int hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..n) in place ('+' is a space, %XX a byte); returns the new length. */
static size_t unescape(char *s, size_t n)
{
	size_t j = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			s[j++] = ' ';
		} else if (s[i] == '%' && i + 2 < n && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
			s[j++] = (char)(hex(s[i + 1]) * 16 + hex(s[i + 2]));
			i += 2;
		} else {
			s[j++] = s[i];
		}
	}
	return j;
}

/* One "name=value" (or "name") into params, as the server would take it. */
static void add_pair(json_t *params, char *pair, size_t n)
{
	char *eq = memchr(pair, '=', n);
	size_t kn = eq ? (size_t)(eq - pair) : n;
	char *key = strndup(pair, kn);
	char *val = eq ? strndup(eq + 1, n - kn - 1) : strdup("");
	json_t *k, *v;

	key[unescape(key, kn)] = '\0';
	val[unescape(val, strlen(val))] = '\0';
	k = json_string(key);
	v = json_string(val);
	if (key[0] && k && v && !json_object_get(params, key)) /* else a 400 */
		json_object_set(params, key, v);
	json_decref(k);
	json_decref(v);
	free(key);
	free(val);
}

static void check(int rc, const json_t *out, const struct err *e)
{
	const json_t *next;

	if (rc) {
		if (out)
			fz_die("a failure left a list in *out", e);
		if (e->code == 0 || e->code != rc || (!e->field[0] && !e->msg[0]))
			fz_die("a failure without a proper error", e);
		if (rc == ERR_IO || rc == ERR_INTERNAL || rc == ERR_BUSY || rc > 0)
			fz_die("a query answered with a server error", e);
		return;
	}
	next = json_object_get(out, "next");
	if (!json_is_object(out) || !json_is_array(json_object_get(out, "items")) ||
	    !(json_is_null(next) || json_is_string(next)))
		fz_die("a list that is not {items, next}", e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *params, *out = NULL;
	char *q, *p;
	struct err e;
	int rc;

	if (size < 1)
		return 0;
	params = json_object();
	q = strndup((const char *)data + 1, size - 1);
	for (p = q; *p;) {
		size_t n = strcspn(p, "&");

		if (n)
			add_pair(params, p, n);
		p += n + (p[n] == '&');
	}
	err_clear(&e);
	rc = store_list(fz_store, (enum store_res)(data[0] % STORE_RES_COUNT), params, &out, &e);
	check(rc, out, &e);
	json_decref(out);
	json_decref(params);
	free(q);
	return 0;
}
