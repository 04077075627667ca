/*
 * server.c - the libmicrohttpd daemon: request bodies, dispatch, logging,
 * one application context per worker thread (the config's worker_open:
 * for liaison, its database connection), graceful shutdown; the browser
 * UI's paths go to static.c.
 */
#include "http/http.h"
#include "http/static.h"

#include "core/assets.h"

#include "core/buf.h"
#include "core/jsonx.h"
#include "core/log.h"
#include "core/xalloc.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* The daemon's state; one per http_serve call. */
struct server {
	const struct http_config *cfg;
	pthread_mutex_t lock;   /* guards workers */
	void **workers;         /* every context opened for a worker thread */
	size_t nworkers;
	atomic_int in_flight;   /* requests begun and not yet completed */
	atomic_int unserved;    /* connections open that have not begun a request */
	atomic_ulong next_id;
	unsigned long boot;     /* start time, part of request ids */
	struct http_static web; /* the browser UI (every path outside /api/) */
};

/* What one request collects across the access handler's calls. */
struct conn_ctx {
	struct buf body;
	int too_large;
	struct timespec start;
	char request_id[48];
	char client[64];
};

static _Thread_local void *thread_worker;

/* Closes this thread's context: the next request opens another. */
static void server_worker_drop(struct server *srv)
{
	pthread_mutex_lock(&srv->lock);
	for (size_t i = 0; i < srv->nworkers; i++)
		if (srv->workers[i] == thread_worker) {
			srv->workers[i] = srv->workers[--srv->nworkers];
			break;
		}
	pthread_mutex_unlock(&srv->lock);
	srv->cfg->worker_close(thread_worker);
	thread_worker = NULL;
}

/*
 * This thread's context, opened at its first request (NULL with e filled
 * when it cannot be; a config without worker_open gives every thread NULL
 * and *ok = 1).
 */
static void *server_worker(struct server *srv, int *ok, struct err *e)
{
	void *w;

	*ok = 1;
	if (thread_worker && srv->cfg->worker_stale && srv->cfg->worker_stale(thread_worker))
		server_worker_drop(srv);
	if (thread_worker || !srv->cfg->worker_open)
		return thread_worker;
	w = srv->cfg->worker_open(srv->cfg->worker_arg, e);
	if (!w) {
		*ok = 0;
		return NULL;
	}
	pthread_mutex_lock(&srv->lock);
	srv->workers = xreallocarray(srv->workers, srv->nworkers + 1, sizeof(*srv->workers));
	srv->workers[srv->nworkers++] = w;
	pthread_mutex_unlock(&srv->lock);
	thread_worker = w;
	return w;
}

static int method_bit(const char *m)
{
	static const struct {
		const char *name;
		int bit;
	} map[] = {{"GET", HTTP_GET},     {"HEAD", HTTP_HEAD},     {"POST", HTTP_POST},
		   {"PUT", HTTP_PUT},     {"PATCH", HTTP_PATCH},   {"DELETE", HTTP_DELETE},
		   {"OPTIONS", HTTP_OPTIONS}};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(m, map[i].name) == 0)
			return map[i].bit;
	return HTTP_OTHER;
}

struct query_walk {
	json_t *obj;
	const char *bad; /* the first parameter that could not be taken */
	const char *why;
};

static enum MHD_Result query_collect(void *cls, enum MHD_ValueKind kind, const char *key,
				     const char *value)
{
	struct query_walk *w = cls;
	json_t *v;

	(void)kind;
	if (w->bad)
		return MHD_YES;
	if (json_object_get(w->obj, key)) {
		w->bad = key;
		w->why = "given more than once";
		return MHD_YES;
	}
	v = json_string(value ? value : "");
	if (!v || json_object_set_new(w->obj, key, v)) {
		w->bad = key;
		w->why = "not valid UTF-8";
	}
	return MHD_YES;
}

static void log_request(const char *method, const char *path, int status, const struct conn_ctx *c)
{
	struct timespec now;
	char safe[256];
	size_t i;
	double ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (double)(now.tv_sec - c->start.tv_sec) * 1e3 +
	     (double)(now.tv_nsec - c->start.tv_nsec) / 1e6;
	/* a decoded path may hold control characters: keep log lines whole */
	for (i = 0; path[i] && i < sizeof(safe) - 1; i++)
		safe[i] = (unsigned char)path[i] < 0x20 || path[i] == 0x7f ? '?' : path[i];
	safe[i] = '\0';
	log_info("%s %s %d %.3fms %s", method, safe, status, ms, c->request_id);
}

/* The response's headers: type, request id, caching, and what resp asks for. */
static void add_headers(struct MHD_Response *r, const struct http_req *req,
			const struct http_resp *resp, int allow)
{
	if (resp->status != 204)
		MHD_add_response_header(r, "Content-Type",
					 resp->content_type ? resp->content_type
							    : "application/json");
	MHD_add_response_header(r, "X-Request-Id", req->request_id);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	http_security_headers(r);
	if (resp->location[0])
		MHD_add_response_header(r, "Location", resp->location);
	if (resp->disposition[0])
		MHD_add_response_header(r, "Content-Disposition", resp->disposition);
	for (size_t i = 0; i < sizeof(resp->cookie) / sizeof(resp->cookie[0]); i++)
		if (resp->cookie[i][0])
			MHD_add_response_header(r, "Set-Cookie", resp->cookie[i]);
	if (resp->retry_after > 0) {
		char ra[16];

		snprintf(ra, sizeof(ra), "%d", resp->retry_after);
		MHD_add_response_header(r, "Retry-After", ra);
	}
	if (resp->www_authenticate)
		MHD_add_response_header(r, "WWW-Authenticate", "Bearer realm=\"liaison\"");
	if (allow) {
		char allow_s[96];

		http_allow_string(allow, allow_s, sizeof(allow_s));
		MHD_add_response_header(r, "Allow", allow_s);
	}
}

static enum MHD_Result send_resp(struct MHD_Connection *conn, const struct http_req *req,
				 struct http_resp *resp, int allow)
{
	struct MHD_Response *r;
	enum MHD_Result ret;
	size_t len = 0;
	char *body = NULL;

	if (resp->json && resp->status != 204) {
		body = jsonx_dump(resp->json, 0, &len);
		r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	} else if (resp->raw_free && resp->status != 204) {
		r = MHD_create_response_from_buffer(resp->raw_len, resp->raw_free,
						    MHD_RESPMEM_MUST_FREE);
		if (r)
			resp->raw_free = NULL; /* the response owns it now */
	} else if (resp->raw && resp->status != 204) {
		r = MHD_create_response_from_buffer(resp->raw_len, (void *)resp->raw,
						    MHD_RESPMEM_PERSISTENT);
	} else {
		r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	}
	if (!r) {
		free(body);
		return MHD_NO;
	}
	add_headers(r, req, resp, allow);
	ret = MHD_queue_response(conn, (unsigned)resp->status, r);
	MHD_destroy_response(r);
	return ret;
}

/* The media type route takes instead of JSON (cfg->body_types), or NULL. */
static const char *route_body_type(const struct http_config *cfg,
				   const struct http_route *route)
{
	for (size_t i = 0; cfg->body_types && cfg->body_types[i][0]; i++)
		if (strcmp(cfg->body_types[i][0], route->pattern) == 0)
			return cfg->body_types[i][1];
	return NULL;
}

/*
 * 415 unless a request that carries a body says it is JSON, or own, the
 * route's own type, when not NULL.
 */
static int body_type_ok(const struct http_req *req, const char *own)
{
	const char *ct = req->content_type;
	size_t n;

	if (!req->body)
		return 1;
	if (!ct)
		return 0;
	n = strcspn(ct, ";");
	while (n && (ct[n - 1] == ' ' || ct[n - 1] == '\t'))
		n--;
	if (own)
		return n == strlen(own) && strncasecmp(ct, own, n) == 0;
	return (n == 16 && strncasecmp(ct, "application/json", 16) == 0) ||
	       (n == 28 && strncasecmp(ct, "application/merge-patch+json", 28) == 0);
}

/* The guard, the handler and the after hook of a routed request. */
static void run_handler(const struct http_config *cfg, const struct http_route *route,
			struct http_req *req, struct http_resp *resp)
{
	if (cfg->guard && cfg->guard(req, route, resp))
		return;
	if (!cfg->guard && !route->access) {
		/* fail closed: a route nobody was declared for is nobody's */
		http_problem_status(req, resp, 403, NULL, "this endpoint declares no access");
		return;
	}
	route->handler(req, resp);
	if (!resp->status)
		http_problem_status(req, resp, 500, NULL, "the handler gave no response");
	if (cfg->after)
		cfg->after(req, route, resp);
}

/* Routes one complete request and fills resp; returns the Allow mask for 405. */
static int dispatch(struct server *srv, struct http_req *req, struct http_resp *resp,
		    const struct conn_ctx *c)
{
	const struct http_config *cfg = srv->cfg;
	const struct http_route *route;
	char scratch[1024];
	struct err e;
	int allow = 0, ok = 1;

	err_clear(&e);
	if (strlen(req->path) >= sizeof(scratch)) {
		http_problem_status(req, resp, 414, NULL, "the path is longer than 1023 bytes");
		return 0;
	}
	route = http_route_match(cfg->routes, cfg->nroutes, req->method, req->path, scratch,
				 sizeof(scratch), req->params, &req->nparams, &allow);
	if (!route) {
		if (allow)
			http_problem_status(req, resp, 405, NULL, "method not allowed on this resource");
		else
			http_problem_status(req, resp, 404, NULL, "no such resource");
		return allow;
	}
	if (c->too_large) {
		char msg[96];

		snprintf(msg, sizeof(msg), "request body is larger than %zu bytes", cfg->max_body);
		http_problem_status(req, resp, 413, NULL, msg);
		return 0;
	}
	if (!body_type_ok(req, route_body_type(cfg, route))) {
		http_problem_status(req, resp, 415, NULL, route_body_type(cfg, route)
				    ? "the body must be of the media type this endpoint takes"
				    : "the body must be application/json (UTF-8)");
		return 0;
	}
	req->worker = server_worker(srv, &ok, &e);
	if (!ok) {
		http_problem(req, resp, &e);
		return 0;
	}
	run_handler(cfg, route, req, resp);
	return 0;
}

static enum MHD_Result serve_complete(struct server *srv, struct MHD_Connection *conn,
				      const char *url, const char *method, struct conn_ctx *c)
{
	struct http_req req;
	struct http_resp resp;
	struct query_walk walk;
	enum MHD_Result ret;
	int allow = 0;
	int status;

	if ((method_bit(method) == HTTP_GET || method_bit(method) == HTTP_HEAD) &&
	    http_static_path(url)) {
		status = 500;
		ret = (enum MHD_Result)http_static_answer(&srv->web, conn, url, c->request_id,
							  &status);
		log_request(method, url, status, c);
		return ret;
	}
	memset(&req, 0, sizeof(req));
	memset(&resp, 0, sizeof(resp));
	req.method = method_bit(method);
	req.path = url;
	req.request_id = c->request_id;
	req.app = srv->cfg->app;
	req.body = c->body.len ? c->body.data : NULL;
	req.body_len = c->body.len;
	req.content_type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
	req.conn = conn;
	req.client = c->client;
	walk.obj = json_object();
	walk.bad = NULL;
	walk.why = NULL;
	req.query = walk.obj;
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, query_collect, &walk);
	if (walk.bad)
		http_problem_status(&req, &resp, 400, walk.bad, walk.why);
	else
		allow = dispatch(srv, &req, &resp, c);
	ret = send_resp(conn, &req, &resp, allow);
	log_request(method, url, resp.status, c);
	if (req.auth && srv->cfg->auth_free)
		srv->cfg->auth_free(req.auth);
	free(resp.raw_free);
	json_decref(resp.json);
	json_decref(walk.obj);
	return ret;
}

static void request_id_make(struct server *srv, struct MHD_Connection *conn, char *out,
			    size_t len)
{
	const char *given = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Request-Id");
	size_t n = given ? strlen(given) : 0;

	/* a client's own id is kept when it is short and plain */
	if (n > 0 && n < len && n <= 40 &&
	    strspn(given, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") == n) {
		snprintf(out, len, "%s", given);
		return;
	}
	snprintf(out, len, "%lx-%lx", srv->boot, atomic_fetch_add(&srv->next_id, 1));
}

/* The peer's address as text ("?" when unknown). */
static void client_addr(struct MHD_Connection *conn, char *out, size_t len)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	snprintf(out, len, "?");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
			  (socklen_t)len);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
			  out, (socklen_t)len);
}

const char *http_header(const struct http_req *req, const char *name)
{
	struct MHD_Connection *conn = (struct MHD_Connection *)(uintptr_t)req->conn;

	return conn ? MHD_lookup_connection_value(conn, MHD_HEADER_KIND, name) : NULL;
}

const char *http_cookie(const struct http_req *req, const char *name)
{
	struct MHD_Connection *conn = (struct MHD_Connection *)(uintptr_t)req->conn;

	return conn ? MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, name) : NULL;
}

/* 1 when the request announces a body larger than max. */
static int content_length_over(struct MHD_Connection *conn, size_t max)
{
	const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
	unsigned long long n;
	char *end;

	if (!cl)
		return 0;
	errno = 0;
	n = strtoull(cl, &end, 10);
	return errno == ERANGE || (end != cl && n > max);
}

/* 1 when the client waits for "100 Continue" before it sends the body. */
static int expects_continue(struct MHD_Connection *conn)
{
	const char *x = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Expect");

	return x && strcasecmp(x, "100-continue") == 0;
}

/*
 * A connection's socket context: whether it has begun a request. Until it
 * has, a stop waits for it (server_drain), so that a client that connected
 * just before the stop gets its answer rather than a reset.
 */
struct sock_ctx {
	int served;
};

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
			  enum MHD_ConnectionNotificationCode toe)
{
	struct server *srv = cls;
	struct sock_ctx *s = *socket_context;

	(void)conn;
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		*socket_context = xcalloc(1, sizeof(*s));
		atomic_fetch_add(&srv->unserved, 1);
		return;
	}
	if (s && !s->served)
		atomic_fetch_sub(&srv->unserved, 1);
	free(s);
	*socket_context = NULL;
}

/* The connection conn begins a request: it no longer holds a stop. */
static void conn_served(struct server *srv, struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *info =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct sock_ctx *s = info ? info->socket_context : NULL;

	if (s && !s->served) {
		s->served = 1;
		atomic_fetch_sub(&srv->unserved, 1);
	}
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_data_size, void **con_cls)
{
	struct server *srv = cls;
	struct conn_ctx *c = *con_cls;

	(void)version;
	if (!c) {
		c = xcalloc(1, sizeof(*c));
		clock_gettime(CLOCK_MONOTONIC, &c->start);
		buf_init(&c->body, srv->cfg->max_body);
		request_id_make(srv, conn, c->request_id, sizeof(c->request_id));
		client_addr(conn, c->client, sizeof(c->client));
		c->too_large = content_length_over(conn, srv->cfg->max_body);
		atomic_fetch_add(&srv->in_flight, 1);
		conn_served(srv, conn);
		*con_cls = c;
		/*
		 * A client that waits for 100 Continue has not sent the body: answer
		 * 413 now rather than invite a body that will be thrown away. (Others
		 * are already sending it; their body is read and dropped, so that
		 * they get to read the answer.)
		 */
		if (c->too_large && expects_continue(conn))
			return serve_complete(srv, conn, url, method, c);
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (!c->too_large && buf_append(&c->body, upload_data, *upload_data_size)) {
			c->too_large = 1;
			buf_release(&c->body);
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	return serve_complete(srv, conn, url, method, c);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct server *srv = cls;
	struct conn_ctx *c = *con_cls;

	(void)conn;
	(void)toe;
	if (!c)
		return;
	buf_release(&c->body);
	free(c);
	*con_cls = NULL;
	atomic_fetch_sub(&srv->in_flight, 1);
}

static int bind_addr(const char *bind, unsigned port, struct sockaddr_storage *ss, int *flags,
		     struct err *e)
{
	struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, bind, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)port);
		return 0;
	}
	if (inet_pton(AF_INET6, bind, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)port);
		*flags |= MHD_USE_IPv6;
		return 0;
	}
	return err_set(e, ERR_INVALID, "bind", "not an IPv4 or IPv6 address: %s", bind);
}

/*
 * Raises the soft limit of open files so that max_connections sockets fit
 * beside the database's files (up to the hard limit; a warning when that
 * is lower, then libmicrohttpd refuses connections past it).
 */
static void fd_limit_raise(const struct http_config *cfg)
{
	rlim_t want = (rlim_t)(cfg->max_connections ? cfg->max_connections : 4096u) + 64 +
		      4 * (rlim_t)(cfg->threads ? cfg->threads : 4u);
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) || rl.rlim_cur >= want)
		return;
	rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= want ? want : rl.rlim_max;
	if (setrlimit(RLIMIT_NOFILE, &rl) || rl.rlim_cur < want)
		log_warn("only %llu open files allowed (ulimit -n): fewer connections than %llu "
			 "will be accepted", (unsigned long long)rl.rlim_cur,
			 (unsigned long long)want - 64);
}

static struct MHD_Daemon *server_start(struct server *srv, struct err *e)
{
	const struct http_config *cfg = srv->cfg;
	struct sockaddr_storage ss;
	struct MHD_Daemon *d;
	/*
	 * poll(2), not epoll: libmicrohttpd 0.9.75 can abort in
	 * MHD_quiesce_daemon() when a pool thread removes the listening socket
	 * from its own epoll set at the same moment (both call EPOLL_CTL_DEL,
	 * the loser panics). With poll the quiesce is a message on the ITC.
	 */
	int flags = MHD_USE_POLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG;

	if (bind_addr(cfg->bind ? cfg->bind : "127.0.0.1", cfg->port, &ss, &flags, e))
		return NULL;
	fd_limit_raise(cfg);
	d = MHD_start_daemon((unsigned)flags, (uint16_t)cfg->port, NULL, NULL, on_request, srv,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
			     MHD_OPTION_THREAD_POOL_SIZE, cfg->threads ? cfg->threads : 4u,
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
			     MHD_OPTION_NOTIFY_CONNECTION, on_connection, srv,
			     MHD_OPTION_CONNECTION_TIMEOUT, cfg->timeout ? cfg->timeout : 30u,
			     MHD_OPTION_CONNECTION_LIMIT,
			     cfg->max_connections ? cfg->max_connections : 4096u,
			     MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u, MHD_OPTION_END);
	if (!d)
		err_set(e, ERR_IO, "port", "cannot listen on %s port %u: %s",
			cfg->bind ? cfg->bind : "127.0.0.1", cfg->port, strerror(errno));
	return d;
}

/*
 * Hands the connections still queued on the quiesced listening socket ls
 * (connected by the kernel, not yet accepted) to the daemon, so that
 * their requests are answered rather than reset.
 */
static void server_take_backlog(struct MHD_Daemon *d, MHD_socket ls)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	for (;;) {
		int fd = accept(ls, (struct sockaddr *)&ss, &len);

		if (fd < 0)
			return;
		/* on failure MHD_add_connection closes fd itself */
		(void)MHD_add_connection(d, fd, (struct sockaddr *)&ss, len);
		len = sizeof(ss);
	}
}

/*
 * Stops the listening: the connections queued on ls go to the daemon, then
 * ls stops listening (shutdown: a later connect is refused, and the
 * descriptor stays open, since worker threads may still poll it). Then
 * waits (up to 10 s) for the requests in flight to complete, and (up to
 * 2 s) for the connections accepted but not yet sent a request to send
 * it, until 100 ms pass with neither.
 */
static void server_drain(struct server *srv, struct MHD_Daemon *d, MHD_socket ls)
{
	struct timespec tick = {0, 10 * 1000 * 1000};
	int quiet = 0;

	if (ls != MHD_INVALID_SOCKET) {
		(void)fcntl(ls, F_SETFL, fcntl(ls, F_GETFL) | O_NONBLOCK);
		server_take_backlog(d, ls);
		(void)shutdown(ls, SHUT_RDWR);
		server_take_backlog(d, ls);
	}
	for (int i = 0; i < 1000 && quiet < 10; i++) {
		int busy = atomic_load(&srv->in_flight) > 0 ||
			   (i < 200 && atomic_load(&srv->unserved) > 0);

		quiet = busy ? 0 : quiet + 1;
		nanosleep(&tick, NULL);
	}
}

int http_serve(const struct http_config *cfg, struct err *e)
{
	struct server srv;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	struct asset index = assets_web_index();
	struct asset pack = assets_web_pack();
	sigset_t set;
	MHD_socket ls;
	int sig = 0;
	int rc;

	memset(&srv, 0, sizeof(srv));
	srv.cfg = cfg;
	srv.boot = (unsigned long)time(NULL);
	rc = http_static_init(&srv.web, index.data, index.len, pack.data, pack.len, e);
	if (rc)
		return rc;
	if (!srv.web.index)
		log_warn("the browser UI was not built into this binary (make web)");
	pthread_mutex_init(&srv.lock, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	d = server_start(&srv, e);
	if (!d) {
		pthread_mutex_destroy(&srv.lock);
		http_static_release(&srv.web);
		return e ? e->code : ERR_IO;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	log_info("listening on %s port %u", cfg->bind ? cfg->bind : "127.0.0.1",
		 info ? info->port : cfg->port);
	if (cfg->on_ready)
		cfg->on_ready(info ? info->port : cfg->port, cfg->on_ready_arg);

	sigwait(&set, &sig);
	log_info("signal %d: stopping; %d request(s) in flight", sig,
		 atomic_load(&srv.in_flight));
	/*
	 * Stop accepting, let the requests in flight finish, then stop. The
	 * listening socket is ours once quiesced, but the worker threads may
	 * still poll it until they stop: close it last.
	 */
	ls = MHD_quiesce_daemon(d);
	server_drain(&srv, d, ls);
	MHD_stop_daemon(d);
	if (ls != MHD_INVALID_SOCKET)
		close(ls);
	for (size_t i = 0; i < srv.nworkers; i++)
		if (cfg->worker_close)
			cfg->worker_close(srv.workers[i]);
	free(srv.workers);
	http_static_release(&srv.web);
	pthread_mutex_destroy(&srv.lock);
	log_info("stopped");
	return 0;
}
