/*
 * static.h - the browser UI's files, embedded in the binary (the pack of
 * web/build.mjs, see core/assets.h), served for every path outside /api/.
 *
 * A path names a file of the pack (/assets/app-3f2a9c1b.js); a path whose
 * last segment has no extension is a page of the single-page application
 * and gets /index.html; any other path is 404. The gzip'd copy goes to
 * clients that accept gzip; hashed assets are cached for a year, index.html
 * is revalidated (ETag, 304). Bodies point into the embedded pack: nothing
 * is copied per request.
 *
 * Every answer of the server, API included, carries the security headers
 * of http_security_headers (Content-Security-Policy and friends).
 */
#ifndef LIAISON_HTTP_STATIC_H
#define LIAISON_HTTP_STATIC_H

#include "core/err.h"

#include <stddef.h>

struct MHD_Connection;
struct MHD_Response;

/* One file of the pack; every pointer points into the embedded assets. */
struct http_static_file {
	char *path;          /* owned: "/index.html", "/assets/app-3f2a9c1b.js" */
	char *type;          /* owned: the Content-Type */
	int immutable;       /* a content-hashed name: cached for a year */
	const char *data;    /* the plain bytes */
	size_t len;
	const char *gz;      /* the gzip'd bytes, NULL when there are none */
	size_t gz_len;
	char etag[40];       /* "\"<hash>\"" of the plain bytes */
	char etag_gz[44];    /* "\"<hash>-gz\"": the gzip'd representation */
};

/* The pack: the files sorted by path. */
struct http_static {
	struct http_static_file *files;
	size_t nfiles;
	const struct http_static_file *index; /* /index.html, NULL when not built */
};

/*
 * Parses index (pack.json) against pack (pack.bin), both borrowed and
 * living as long as st. Returns 0, or ERR_INVALID naming the entry that
 * is malformed or points outside the pack (st then empty). An empty index
 * ({"files": []}) is valid: the UI was not built.
 */
int http_static_init(struct http_static *st, const char *index, size_t index_len,
		     const char *pack, size_t pack_len, struct err *e);

/* Frees what http_static_init allocated; st may be initialised again. */
void http_static_release(struct http_static *st);

/* 1 when path is the UI's (everything but /api and what is under it). */
int http_static_path(const char *path);

/*
 * The file that answers path: an exact file of the pack, else index.html
 * for an extension-less path; NULL for an unknown asset (404) or when
 * the UI was not built (st->index NULL).
 */
const struct http_static_file *http_static_find(const struct http_static *st,
						const char *path);

/* 1 when an Accept-Encoding value (may be NULL) lets the server send gzip. */
int http_static_accepts_gzip(const char *accept_encoding);

/* 1 when an If-None-Match value (may be NULL) matches etag (weak comparison). */
int http_static_etag_matches(const char *if_none_match, const char *etag);

/*
 * Queues the answer to a GET or HEAD of a UI path on conn; *status gets
 * its status (200, 304, 404). request_id is echoed in X-Request-Id.
 * Returns the libmicrohttpd result (MHD_YES or MHD_NO).
 */
int http_static_answer(const struct http_static *st, struct MHD_Connection *conn,
		       const char *path, const char *request_id, int *status);

/* Adds Content-Security-Policy, X-Content-Type-Options and Referrer-Policy to r. */
void http_security_headers(struct MHD_Response *r);

#endif
