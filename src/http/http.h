/*
 * http.h - the HTTP adapter: libmicrohttpd, routing, problem+json errors.
 *
 * The server knows nothing of the API's resources: it is given a route
 * table (see api/api.h), matches each request against it (404 for an
 * unknown path, 405 with Allow for a known path and a wrong method),
 * collects the body up to a cap (413 past it), hands handlers a request
 * with the worker thread's own context (opaque here: the application
 * opens it, e.g. a database connection, through struct http_config), and
 * sends what the handler put in the response. One log line per request: method, path,
 * status, duration and request id.
 *
 * Memory: everything in struct http_req is borrowed and valid for the
 * handler call only; json_t values a handler puts in struct http_resp are
 * owned by the response and released after it is sent.
 */
#ifndef LIAISON_HTTP_HTTP_H
#define LIAISON_HTTP_HTTP_H

#include "core/err.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

enum http_method {
	HTTP_GET = 0x01,
	HTTP_HEAD = 0x02,
	HTTP_POST = 0x04,
	HTTP_PUT = 0x08,
	HTTP_PATCH = 0x10,
	HTTP_DELETE = 0x20,
	HTTP_OPTIONS = 0x40,
	HTTP_OTHER = 0x80,
};

#define HTTP_MAX_PARAMS 4

struct http_req {
	int method;              /* one enum http_method (HEAD is routed as GET) */
	const char *path;        /* decoded path, without the query string */
	json_t *query;           /* query-string parameters: {"name": "value"} */
	const char *body;        /* NUL-terminated, NULL when there is none */
	size_t body_len;
	const char *content_type; /* NULL when absent */
	const char *params[HTTP_MAX_PARAMS]; /* the {x} segments of the route */
	size_t nparams;
	const char *request_id;
	void *worker;            /* this worker thread's context (http_config.worker_open) */
	const void *app;         /* the config's app pointer */
	const char *client;      /* the peer's address ("127.0.0.1", "::1") */
	void *auth;              /* who calls: set by the config's guard */
	const void *conn;        /* the connection, for http_header and http_cookie */
};

/* A request header's value (name in any case), or NULL. */
const char *http_header(const struct http_req *req, const char *name);

/* A cookie's value, or NULL. */
const char *http_cookie(const struct http_req *req, const char *name);

struct http_resp {
	int status;
	json_t *json;            /* owned: the body, sent as JSON */
	const char *raw;         /* or a static body (not freed) */
	size_t raw_len;
	char *raw_free;          /* or a malloc'd body of raw_len bytes, owned: freed after sending */
	const char *content_type; /* default application/json */
	char location[192];      /* a Location header when not empty */
	char disposition[640];   /* a Content-Disposition header when not empty */
	char cookie[2][320];     /* Set-Cookie headers, when not empty */
	int retry_after;         /* seconds: a Retry-After header when > 0 */
	int www_authenticate;    /* a WWW-Authenticate header (with a 401) */
};

typedef void (*http_handler)(const struct http_req *req, struct http_resp *resp);

struct http_route {
	int methods;             /* enum http_method bits it answers */
	const char *pattern;     /* "/api/v1/organisations/{id}/..." */
	http_handler handler;
	unsigned access;         /* who may call it: read by the guard (0 = nobody) */
};

/*
 * The guard runs before every routed handler: it finds out who calls
 * (req->auth) and decides whether route->access lets them. It returns 0 to
 * go on, or fills resp (401, 403, 429...) and returns nonzero; the handler
 * then does not run. The after hook runs once the handler answered (audit
 * log); auth_free releases req->auth. Each may be NULL.
 */
typedef int (*http_guard_fn)(struct http_req *req, const struct http_route *route,
			     struct http_resp *resp);
typedef void (*http_after_fn)(const struct http_req *req, const struct http_route *route,
			      const struct http_resp *resp);

struct http_config {
	const char *bind;        /* IPv4 or IPv6 literal, default 127.0.0.1 */
	unsigned port;           /* 0 = any free port */
	unsigned threads;        /* worker threads, default 4 */
	unsigned max_connections; /* open connections at most, default 4096 */
	unsigned timeout;        /* seconds a connection may stay silent, default 30 */
	size_t max_body;         /* bytes, default 1 MiB */
	const struct http_route *routes;
	size_t nroutes;
	/*
	 * Routes that take a body of another media type than JSON: patterns
	 * (as in routes) and their type, up to a NULL pattern (may be NULL).
	 */
	const char *const (*body_types)[2];
	const void *app;         /* passed to handlers as req->app */
	http_guard_fn guard;
	http_after_fn after;
	void (*auth_free)(void *auth);
	/*
	 * Opens the context of one worker thread (at its first request), given
	 * worker_arg; NULL with e filled when it cannot (the request gets the
	 * problem for e). worker_close closes each one after the server
	 * stopped. Both may be NULL: handlers then get worker NULL.
	 * worker_stale (may be NULL), asked before each request, says that
	 * the thread's context is no use any more: it is closed and opened
	 * again (a database connection opened read-only, or dropped).
	 */
	void *(*worker_open)(void *arg, struct err *e);
	void (*worker_close)(void *worker);
	int (*worker_stale)(void *worker);
	void *worker_arg;
	/* called once listening, with the actual port (may be NULL) */
	void (*on_ready)(unsigned port, void *arg);
	void *on_ready_arg;
};

/*
 * Serves until SIGTERM or SIGINT, then stops accepting, lets the requests
 * in flight finish (up to 10 s), closes every database connection and
 * returns 0. Returns a negative code (with e filled) if it cannot start.
 * Call it from the main thread before any other thread exists: it blocks
 * SIGTERM/SIGINT in every thread and waits for them with sigwait.
 */
int http_serve(const struct http_config *cfg, struct err *e);

/* Sets resp to an RFC 9457 problem for e (status from err_http_status). */
void http_problem(const struct http_req *req, struct http_resp *resp, const struct err *e);

/* Sets resp to a problem with an explicit status, field (may be NULL) and detail. */
void http_problem_status(const struct http_req *req, struct http_resp *resp, int status,
			 const char *field, const char *detail);

/* Sets resp to status with body json (stolen reference; may be NULL). */
void http_json(struct http_resp *resp, int status, json_t *json);

/*
 * Finds the route for method and path. Returns the route, or NULL with
 * *allow set to the methods the path answers (0 = unknown path: 404).
 * params receive pointers into scratch (a copy of path) for {x} segments.
 */
const struct http_route *http_route_match(const struct http_route *routes, size_t nroutes,
					  int method, const char *path, char *scratch,
					  size_t scratch_len, const char **params, size_t *nparams,
					  int *allow);

/* Writes "GET, HEAD, POST" for a method mask into out. */
void http_allow_string(int methods, char *out, size_t len);

#endif
