/*
 * static.c - serves the browser UI from the pack embedded in the binary:
 * lookup with the single-page fallback, gzip negotiation, cache headers,
 * ETag and 304, and the security headers every answer carries.
 */
#include "http/static.h"

#include "core/jsonx.h"
#include "core/xalloc.h"

#include <jansson.h>
#include <microhttpd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CSP                                                                                \
	"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "  \
	"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "        \
	"frame-ancestors 'none'; form-action 'self'"

static const char not_built_page[] =
	"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	"<title>liaison: no browser UI</title></head><body>\n"
	"<h1>The browser UI was not built into this binary</h1>\n"
	"<p>Build it with <code>make release</code> (which runs <code>node web/build.mjs "
	"build/web</code> before CMake). The JSON API is served under "
	"<a href=\"/api/v1/health\">/api/v1/</a>.</p>\n</body></html>\n";

static const char not_found_body[] = "not found\n";

void http_security_headers(struct MHD_Response *r)
{
	MHD_add_response_header(r, "Content-Security-Policy", CSP);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");
}

int http_static_path(const char *path)
{
	return !(strncmp(path, "/api", 4) == 0 && (path[4] == '\0' || path[4] == '/'));
}

static int file_cmp(const void *a, const void *b)
{
	const struct http_static_file *x = a;
	const struct http_static_file *y = b;

	return strcmp(x->path, y->path);
}

/* FNV-1a, 64 bits: an ETag when the index gives none. */
static uint64_t fnv1a(const char *p, size_t n)
{
	uint64_t h = 14695981039346656037ULL;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* 0 when [off, off + len) lies inside a pack of pack_len bytes. */
static int span_ok(json_int_t off, json_int_t len, size_t pack_len)
{
	return off >= 0 && len >= 0 && (uint64_t)off <= pack_len &&
	       (uint64_t)len <= pack_len - (uint64_t)off;
}

/* Fills f from entry i of the index; the pack is borrowed. */
static int file_parse(struct http_static_file *f, const json_t *item, size_t i,
		      const char *pack, size_t pack_len, struct err *e)
{
	const char *path = jsonx_str(item, "path");
	const char *type = jsonx_str(item, "type");
	const char *etag = jsonx_str(item, "etag");
	json_t *off = json_object_get(item, "offset");
	json_t *len = json_object_get(item, "length");
	json_t *goff = json_object_get(item, "gzip_offset");
	json_t *glen = json_object_get(item, "gzip_length");

	if (!path || path[0] != '/' || !type || !json_is_integer(off) || !json_is_integer(len))
		return err_set(e, ERR_INVALID, "pack.json",
			       "files[%zu]: needs path, type, offset and length", i);
	if (!span_ok(json_integer_value(off), json_integer_value(len), pack_len))
		return err_set(e, ERR_INVALID, "pack.json", "files[%zu] (%s) lies outside the pack",
			       i, path);
	f->path = xstrdup(path);
	f->type = xstrdup(type);
	f->immutable = json_is_true(json_object_get(item, "immutable"));
	f->data = pack + json_integer_value(off);
	f->len = (size_t)json_integer_value(len);
	if (json_is_integer(goff) && json_is_integer(glen) && json_integer_value(glen) > 0) {
		if (!span_ok(json_integer_value(goff), json_integer_value(glen), pack_len))
			return err_set(e, ERR_INVALID, "pack.json",
				       "files[%zu] (%s): the gzip copy lies outside the pack", i, path);
		f->gz = pack + json_integer_value(goff);
		f->gz_len = (size_t)json_integer_value(glen);
	}
	if (etag && strlen(etag) <= 32 && strspn(etag, "0123456789abcdefABCDEF") == strlen(etag))
		snprintf(f->etag, sizeof(f->etag), "\"%s\"", etag);
	else
		snprintf(f->etag, sizeof(f->etag), "\"%016llx\"",
			 (unsigned long long)fnv1a(f->data, f->len));
	snprintf(f->etag_gz, sizeof(f->etag_gz), "%.*s-gz\"", (int)strlen(f->etag) - 1, f->etag);
	return 0;
}

int http_static_init(struct http_static *st, const char *index, size_t index_len,
		     const char *pack, size_t pack_len, struct err *e)
{
	json_t *doc = NULL;
	json_t *files;
	size_t i;
	int rc;

	memset(st, 0, sizeof(*st));
	rc = jsonx_parse(index, index_len, &doc, e);
	if (rc)
		return rc;
	files = json_object_get(doc, "files");
	if (!json_is_array(files)) {
		json_decref(doc);
		return err_set(e, ERR_INVALID, "pack.json", "needs a \"files\" array");
	}
	st->files = xcalloc(json_array_size(files) + 1, sizeof(*st->files));
	for (i = 0; i < json_array_size(files) && !rc; i++) {
		rc = file_parse(&st->files[i], json_array_get(files, i), i, pack, pack_len, e);
		st->nfiles = i + 1;
	}
	json_decref(doc);
	if (rc) {
		http_static_release(st);
		return rc;
	}
	qsort(st->files, st->nfiles, sizeof(*st->files), file_cmp);
	for (i = 1; i < st->nfiles; i++)
		if (strcmp(st->files[i - 1].path, st->files[i].path) == 0) {
			rc = err_set(e, ERR_INVALID, "pack.json", "%s is listed twice",
				     st->files[i].path);
			http_static_release(st);
			return rc;
		}
	st->index = http_static_find(st, "/index.html");
	return 0;
}

void http_static_release(struct http_static *st)
{
	for (size_t i = 0; i < st->nfiles; i++) {
		free(st->files[i].path);
		free(st->files[i].type);
	}
	free(st->files);
	memset(st, 0, sizeof(*st));
}

/* 1 when the last segment of path has a dot: it names a file, not a page. */
static int has_extension(const char *path)
{
	const char *last = strrchr(path, '/');

	return strchr(last ? last : path, '.') != NULL;
}

const struct http_static_file *http_static_find(const struct http_static *st, const char *path)
{
	struct http_static_file key;
	const struct http_static_file *f;

	memset(&key, 0, sizeof(key));
	key.path = (char *)(uintptr_t)path;
	f = st->nfiles ? bsearch(&key, st->files, st->nfiles, sizeof(*st->files), file_cmp) : NULL;
	if (f)
		return f;
	if (!st->index || has_extension(path))
		return NULL;
	return st->index;
}

/* The q value of one Accept-Encoding item's parameters (";q=0.5"); 1 if none. */
static double item_q(const char *params, size_t n)
{
	const char *q;
	char num[16];
	size_t k;

	for (q = params; q + 2 <= params + n; q++)
		if ((q[0] == 'q' || q[0] == 'Q') && q[1] == '=') {
			q += 2;
			k = strspn(q, "0123456789.");
			if (k == 0 || k >= sizeof(num) || q + k > params + n)
				return 0;
			memcpy(num, q, k);
			num[k] = '\0';
			return strtod(num, NULL);
		}
	return 1;
}

int http_static_accepts_gzip(const char *ae)
{
	double gzip_q = -1, star_q = -1;

	while (ae && *ae) {
		size_t item = strcspn(ae, ",");
		size_t lead = strspn(ae, " \t");
		const char *name = ae + lead;
		size_t name_len = strcspn(name, " \t;,");
		double q = item_q(name + name_len, item - lead - name_len);

		if ((name_len == 4 && strncasecmp(name, "gzip", 4) == 0) ||
		    (name_len == 6 && strncasecmp(name, "x-gzip", 6) == 0))
			gzip_q = q;
		else if (name_len == 1 && name[0] == '*')
			star_q = q;
		ae += item;
		if (*ae == ',')
			ae++;
	}
	return gzip_q > 0 || (gzip_q < 0 && star_q > 0);
}

int http_static_etag_matches(const char *inm, const char *etag)
{
	size_t elen = strlen(etag);

	while (inm && *inm) {
		size_t item;

		inm += strspn(inm, " \t,");
		if (inm[0] == '*')
			return 1;
		if (strncmp(inm, "W/", 2) == 0)
			inm += 2;
		item = strcspn(inm, " \t,");
		if (item == elen && memcmp(inm, etag, elen) == 0)
			return 1;
		inm += item;
	}
	return 0;
}

/* A small answer (404, not built) with the common headers. */
static int answer_plain(struct MHD_Connection *conn, int status, const char *type,
			const char *body, size_t len, const char *request_id)
{
	struct MHD_Response *r;
	enum MHD_Result ret;

	r = MHD_create_response_from_buffer(len, (void *)(uintptr_t)body, MHD_RESPMEM_PERSISTENT);
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-cache");
	MHD_add_response_header(r, "X-Request-Id", request_id);
	http_security_headers(r);
	ret = MHD_queue_response(conn, (unsigned)status, r);
	MHD_destroy_response(r);
	return ret;
}

int http_static_answer(const struct http_static *st, struct MHD_Connection *conn,
		       const char *path, const char *request_id, int *status)
{
	const struct http_static_file *f = http_static_find(st, path);
	struct MHD_Response *r;
	enum MHD_Result ret;
	const char *etag;
	int gz;

	if (!f && !st->index) {
		*status = 404;
		return answer_plain(conn, 404, "text/html; charset=utf-8", not_built_page,
				    sizeof(not_built_page) - 1, request_id);
	}
	if (!f) {
		*status = 404;
		return answer_plain(conn, 404, "text/plain; charset=utf-8", not_found_body,
				    sizeof(not_found_body) - 1, request_id);
	}
	gz = f->gz && f->gz_len < f->len &&
	     http_static_accepts_gzip(
		     MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Accept-Encoding"));
	etag = gz ? f->etag_gz : f->etag;
	*status = http_static_etag_matches(
			  MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-None-Match"), etag)
			  ? 304
			  : 200;
	if (*status == 304)
		r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	else
		r = MHD_create_response_from_buffer(gz ? f->gz_len : f->len,
						    (void *)(uintptr_t)(gz ? f->gz : f->data),
						    MHD_RESPMEM_PERSISTENT);
	if (!r)
		return MHD_NO;
	if (*status == 200) {
		MHD_add_response_header(r, "Content-Type", f->type);
		if (gz)
			MHD_add_response_header(r, "Content-Encoding", "gzip");
	}
	MHD_add_response_header(r, "Cache-Control",
				f->immutable ? "public, max-age=31536000, immutable" : "no-cache");
	MHD_add_response_header(r, "ETag", etag);
	MHD_add_response_header(r, "Vary", "Accept-Encoding");
	MHD_add_response_header(r, "X-Request-Id", request_id);
	http_security_headers(r);
	ret = MHD_queue_response(conn, (unsigned)*status, r);
	MHD_destroy_response(r);
	return ret;
}
