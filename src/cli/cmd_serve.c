/*
 * cmd_serve.c - `liaison serve`: the HTTP server, optionally with the demo
 * data set loaded into a fresh database.
 */
#include "cli/cli.h"

#include "api/api.h"
#include "cli/cli_internal.h"
#include "core/log.h"
#include "http/http.h"
#include "service/operator.h"
#include "service/recommend.h"
#include "service/service.h"
#include "service/schedule.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char serve_usage[] =
	"usage: liaison serve [--db PATH] [--bind ADDR] [--port N] [--threads N]\n"
	"                     [--demo] [--log-level LEVEL] [--video-url TEMPLATE]\n"
	"                     [--registration MODE] [--secure-cookies]\n"
	"                     [--requests-per-day N] [--session-hours N]\n"
	"                     [--max-connections N] [--timeout S]\n\n"
	"Serves the JSON API under /api/v1 (OpenAPI at /api/v1/openapi.json).\n"
	"Migrations are applied at start. Stops cleanly on SIGTERM or SIGINT:\n"
	"requests in flight finish, then the database is closed.\n\n"
	"  --db PATH         database file (default $LIAISON_DB or ./liaison.db)\n"
	"  --bind ADDR       address to listen on (default 127.0.0.1)\n"
	"  --port N          TCP port, 0 = any free port (default 8080)\n"
	"  --threads N       worker threads (default 4)\n"
	"  --max-connections N\n"
	"                    open connections at most; more are refused until some\n"
	"                    close (default 4096; raises the open-files limit to fit)\n"
	"  --timeout S       seconds a connection may stay silent before it is closed,\n"
	"                    idle or in the middle of a request (default 30)\n"
	"  --demo            load the built-in demo data set when the database is empty\n"
	"  --log-level L     debug, info (default), warn, error or off\n"
	"  --video-url T     online meeting rooms: an http(s) URL where {event} and\n"
	"                    {meeting} become the ids, e.g.\n"
	"                    'https://meet.jit.si/liaison-{event}-{meeting}'\n"
	"                    (default " SERVICE_VIDEO_URL_DEFAULT ")\n"
	"  --registration M  who may sign up: invitation (default; an admin or a\n"
	"                    representative invites) or open (anyone)\n"
	"  --secure-cookies  mark the session cookie Secure (when served behind TLS)\n"
	"  --requests-per-day N\n"
	"                    meeting requests one person may make in 24 hours\n"
	"                    (default 20; organisers and admins are not capped)\n"
	"  --session-hours N\n"
	"                    how long a sign-in lasts (default 168, a week)\n";

enum {
	OPT_DB = 256,
	OPT_BIND,
	OPT_PORT,
	OPT_THREADS,
	OPT_DEMO,
	OPT_LOG,
	OPT_VIDEO,
	OPT_REGISTRATION,
	OPT_SECURE,
	OPT_REQUESTS,
	OPT_SESSION,
	OPT_MAX_CONN,
	OPT_TIMEOUT,
};

static const struct option serve_options[] = {
	{"db", required_argument, NULL, OPT_DB},
	{"bind", required_argument, NULL, OPT_BIND},
	{"port", required_argument, NULL, OPT_PORT},
	{"threads", required_argument, NULL, OPT_THREADS},
	{"demo", no_argument, NULL, OPT_DEMO},
	{"log-level", required_argument, NULL, OPT_LOG},
	{"video-url", required_argument, NULL, OPT_VIDEO},
	{"registration", required_argument, NULL, OPT_REGISTRATION},
	{"secure-cookies", no_argument, NULL, OPT_SECURE},
	{"requests-per-day", required_argument, NULL, OPT_REQUESTS},
	{"session-hours", required_argument, NULL, OPT_SESSION},
	{"max-connections", required_argument, NULL, OPT_MAX_CONN},
	{"timeout", required_argument, NULL, OPT_TIMEOUT},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

/* Parses a decimal number in [lo, hi]; returns -1 when it is not one. */
static long parse_number(const char *s, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return -1;
	return v;
}

/* Loads the embedded demo data set when the database holds nothing yet. */
/*
 * The database as the log and the banner name it: a postgresql:// URI
 * without its password (user:password@, password=...). Returns buf.
 */
static const char *db_shown(const char *db, char *buf, size_t size)
{
	const char *scheme = strstr(db, "://");
	const char *at = scheme ? strchr(scheme + 3, '@') : NULL;
	const char *colon = scheme ? strchr(scheme + 3, ':') : NULL;
	char *pw;

	if (scheme && strncmp(db, "postgres", 8) == 0 && at && colon && colon < at &&
	    !memchr(scheme + 3, '/', (size_t)(at - scheme - 3)))
		snprintf(buf, size, "%.*s:***%s", (int)(colon - db), db, at);
	else
		snprintf(buf, size, "%s", db);
	pw = scheme ? strstr(buf, "password=") : NULL;
	if (pw && strlen(buf) + 4 < size) {
		size_t n = strcspn(pw + 9, "&");

		memmove(pw + 12, pw + 9 + n, strlen(pw + 9 + n) + 1);
		memcpy(pw + 9, "***", 3);
	}
	return buf;
}

static int serve_load_demo(const char *db)
{
	struct service_conn *c = NULL;
	struct err e;
	char shown[1024];
	int loaded = 0;
	int rc;

	err_clear(&e);
	rc = service_conn_open(db, SERVICE_MIGRATE, &c, &e);
	if (!rc)
		rc = service_demo_load(c, &loaded, &e);
	service_conn_close(c);
	if (rc)
		return cli_fail(&e);
	if (loaded)
		log_info("demo data and demo accounts (README.md) loaded into %s",
			 db_shown(db, shown, sizeof(shown)));
	else
		log_info("database %s already holds data: demo data not loaded",
			 db_shown(db, shown, sizeof(shown)));
	return CLI_OK;
}

/* What one `liaison serve` runs with: the server's config and the database. */
struct serve_run {
	struct http_config cfg;
	const char *db;
};

static void serve_ready(unsigned port, void *arg)
{
	const struct serve_run *run = arg;
	char shown[1024];

	printf("liaison: serving http://%s:%u/api/v1/ (database %s)\n",
	       run->cfg.bind ? run->cfg.bind : "127.0.0.1", port,
	       db_shown(run->db, shown, sizeof(shown)));
	fflush(stdout);
}

/* A worker thread's context: its own connection to the domain (service.h). */
static void *serve_worker_open(void *arg, struct err *e)
{
	const struct serve_run *run = arg;
	struct service_conn *c = NULL;

	if (service_conn_open(run->db, 0, &c, e))
		return NULL;
	return c;
}

static void serve_worker_close(void *worker)
{
	service_conn_close(worker);
}

static int serve_worker_stale(void *worker)
{
	return service_conn_stale(worker);
}

static int serve_video_url(const char *url, struct api_app *app)
{
	struct err e;

	err_clear(&e);
	if (service_room_template_check(url, &e))
		return cli_usage_error("serve", "--video-url: %s", e.msg);
	app->video_url = url;
	return CLI_OK;
}

/* The options of accounts and abuse limits. */
static int serve_access_option(int c, struct api_app *app)
{
	long v;

	switch (c) {
	case OPT_REGISTRATION:
		if (strcmp(optarg, "open") != 0 && strcmp(optarg, "invitation") != 0)
			return cli_usage_error("serve", "--registration: open or invitation, not %s",
					       optarg);
		app->open_registration = strcmp(optarg, "open") == 0;
		return 0;
	case OPT_SECURE:
		app->secure_cookies = 1;
		return 0;
	case OPT_REQUESTS:
		if ((v = parse_number(optarg, 1, 10000)) < 0)
			return cli_usage_error("serve", "--requests-per-day: must be 1 to 10000");
		app->requests_per_day = (int)v;
		return 0;
	default:
		if ((v = parse_number(optarg, 1, 8760)) < 0)
			return cli_usage_error("serve", "--session-hours: must be 1 to 8760");
		app->session_hours = (int)v;
		return 0;
	}
}

static int serve_parse(int argc, char **argv, struct serve_run *run, struct api_app *app,
		       int *demo)
{
	struct http_config *cfg = &run->cfg;
	enum log_level level;
	long v;
	int c;

	while ((c = cli_getopt(argc, argv, "h", serve_options)) != -1) {
		switch (c) {
		case OPT_DB: run->db = optarg; break;
		case OPT_BIND: cfg->bind = optarg; break;
		case OPT_DEMO: *demo = 1; break;
		case OPT_PORT:
			if ((v = parse_number(optarg, 0, 65535)) < 0)
				return cli_usage_error("serve", "--port: not a port number: %s", optarg);
			cfg->port = (unsigned)v;
			break;
		case OPT_THREADS:
			if ((v = parse_number(optarg, 1, 256)) < 0)
				return cli_usage_error("serve", "--threads: must be 1 to 256");
			cfg->threads = (unsigned)v;
			break;
		case OPT_MAX_CONN:
			if ((v = parse_number(optarg, 1, 1000000)) < 0)
				return cli_usage_error("serve", "--max-connections: must be 1 to 1000000");
			cfg->max_connections = (unsigned)v;
			break;
		case OPT_TIMEOUT:
			if ((v = parse_number(optarg, 1, 86400)) < 0)
				return cli_usage_error("serve", "--timeout: must be 1 to 86400 seconds");
			cfg->timeout = (unsigned)v;
			break;
		case OPT_LOG:
			if (log_parse_level(optarg, &level))
				return cli_usage_error("serve", "--log-level: unknown level %s", optarg);
			log_set_level(level);
			break;
		case OPT_VIDEO:
			if (serve_video_url(optarg, app))
				return CLI_USAGE;
			break;
		case OPT_REGISTRATION:
		case OPT_SECURE:
		case OPT_REQUESTS:
		case OPT_SESSION:
			if (serve_access_option(c, app))
				return CLI_USAGE;
			break;
		case 'h': fputs(serve_usage, stdout); return -1;
		default: return CLI_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage_error("serve", "unexpected argument %s", argv[optind]);
	return CLI_OK;
}

int cli_serve(int argc, char **argv)
{
	struct serve_run run;
	struct http_config *cfg = &run.cfg;
	struct api_app app;
	struct err e;
	int demo = 0;
	int rc;

	memset(&run, 0, sizeof(run));
	memset(&app, 0, sizeof(app));
	cfg->port = 8080;
	cfg->threads = 4;
	cfg->max_connections = 4096;
	cfg->timeout = 30;
	cfg->max_body = 1024 * 1024;
	cfg->routes = api_routes;
	cfg->body_types = api_body_types;
	cfg->nroutes = api_nroutes;
	cfg->on_ready = serve_ready;
	cfg->on_ready_arg = &run;
	cfg->app = &app;
	cfg->guard = api_guard;
	cfg->after = api_after;
	cfg->auth_free = api_auth_free;
	cfg->worker_open = serve_worker_open;
	cfg->worker_close = serve_worker_close;
	cfg->worker_stale = serve_worker_stale;
	cfg->worker_arg = &run;
	rc = serve_parse(argc, argv, &run, &app, &demo);
	if (rc)
		return rc < 0 ? CLI_OK : rc;
	run.db = cli_db_path(run.db);
	if (demo)
		rc = serve_load_demo(run.db);
	else
		rc = cli_open(run.db, NULL);
	if (rc)
		return rc;
	err_clear(&e);
	/* one log line per request: buffered, not one write(2) each */
	if (log_buffer_start())
		log_warn("log buffering unavailable: writing each line at once");
	rc = http_serve(cfg, &e);
	service_recommend_cleanup(); /* the cached matching corpus, once no request runs */
	log_buffer_stop();
	return rc ? cli_fail(&e) : CLI_OK;
}
