/*
 * cmd_send.c - `liaison send`: the outbox sender (service/send.h) as a
 * worker process; several may run on one database. SMTP credentials come
 * from a file or the environment, never from the command line.
 */
#include "cli/cli.h"

#include "cli/cli_internal.h"
#include "core/log.h"
#include "core/time.h"
#include "service/send.h"
#include "service/service.h"

#include <errno.h>
#include <sodium.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char send_usage[] =
	"usage: liaison send --smtp-url URL [--db PATH] [--from ADDR] [--from-name NAME]\n"
	"                    [--smtp-user USER] [--smtp-password-file FILE]\n"
	"                    [--starttls try|required|off] [--timeout S] [--rate N]\n"
	"                    [--max-attempts N] [--retry-ms N] [--batch N] [--base-url URL]\n"
	"                    [--once] [--clock TIME] [--log-level LEVEL]\n\n"
	"Delivers the notification outbox over SMTP: each message once (several\n"
	"senders may run on one database), retried with a doubling back-off on a\n"
	"temporary failure (4xx, no connection, dropped), failed with the server's\n"
	"answer on a 5xx reply or after the last attempt; messages of a kind the\n"
	"recipient opted out of are skipped. Before each batch it queues the\n"
	"reminders of meetings about to start (each event's reminder_minutes,\n"
	"default 15), once each. Stops on SIGTERM or SIGINT.\n\n"
	"  --smtp-url URL    smtp://host[:port] (STARTTLS as --starttls says) or\n"
	"                    smtps://host[:port] (TLS from the start)\n"
	"  --db PATH         database file (default $LIAISON_DB or ./liaison.db)\n"
	"  --from ADDR       the sender's address (default liaison@localhost)\n"
	"  --from-name NAME  its display name (default liaison)\n"
	"  --smtp-user USER  authenticate as USER (default $LIAISON_SMTP_USER; none\n"
	"                    when unset); the password is the first line of\n"
	"                    --smtp-password-file FILE, else $LIAISON_SMTP_PASSWORD\n"
	"  --starttls M      try (default), required or off\n"
	"  --timeout S       seconds one message may take, connecting included (30)\n"
	"  --rate N          at most N messages per second (default: no limit)\n"
	"  --max-attempts N  attempts of a message before it fails (default 8)\n"
	"  --retry-ms N      the first back-off, doubled each attempt up to 6 hours\n"
	"                    (default 60000)\n"
	"  --batch N         messages claimed at once (default 20)\n"
	"  --base-url URL    the UI's address, for List-Unsubscribe (one click, RFC 8058)\n"
	"  --once            deliver until nothing is queued (retries included), then\n"
	"                    print the counts as JSON and exit\n"
	"  --clock TIME      run the clock from TIME (RFC 3339) instead of now, at\n"
	"                    the real pace (tests of reminders)\n"
	"  --log-level L     debug, info (default), warn, error or off\n";

enum {
	OPT_SMTP_URL = 256,
	OPT_DB,
	OPT_FROM,
	OPT_FROM_NAME,
	OPT_USER,
	OPT_PASSWORD_FILE,
	OPT_STARTTLS,
	OPT_TIMEOUT,
	OPT_RATE,
	OPT_ATTEMPTS,
	OPT_RETRY,
	OPT_BATCH,
	OPT_BASE_URL,
	OPT_ONCE,
	OPT_LOG,
	OPT_CLOCK,
};

static const struct option send_options[] = {
	{"smtp-url", required_argument, NULL, OPT_SMTP_URL},
	{"db", required_argument, NULL, OPT_DB},
	{"from", required_argument, NULL, OPT_FROM},
	{"from-name", required_argument, NULL, OPT_FROM_NAME},
	{"smtp-user", required_argument, NULL, OPT_USER},
	{"smtp-password-file", required_argument, NULL, OPT_PASSWORD_FILE},
	{"starttls", required_argument, NULL, OPT_STARTTLS},
	{"timeout", required_argument, NULL, OPT_TIMEOUT},
	{"rate", required_argument, NULL, OPT_RATE},
	{"max-attempts", required_argument, NULL, OPT_ATTEMPTS},
	{"retry-ms", required_argument, NULL, OPT_RETRY},
	{"batch", required_argument, NULL, OPT_BATCH},
	{"base-url", required_argument, NULL, OPT_BASE_URL},
	{"once", no_argument, NULL, OPT_ONCE},
	{"log-level", required_argument, NULL, OPT_LOG},
	{"clock", required_argument, NULL, OPT_CLOCK},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

static volatile sig_atomic_t send_stop;

static int64_t send_real_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The --clock: the real clock moved by the offset *arg. */
static int64_t send_clock(void *arg)
{
	return send_real_ms() + *(const int64_t *)arg;
}

static void send_on_signal(int sig)
{
	(void)sig;
	send_stop = 1;
}

/* A decimal number in [lo, hi], or -1. */
static long send_number(const char *s, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return -1;
	return v;
}

/* What the options give besides the sender's config. */
struct send_args {
	const char *db;
	int64_t clock_ms;   /* the clock's offset from the real one (--clock) */
	const char *password_file;
	int once;
	char password[512];
};

static int send_number_option(int c, struct service_sender *cfg)
{
	static const struct {
		int opt;
		const char *name;
		long lo, hi;
	} limits[] = {
		{OPT_TIMEOUT, "--timeout", 1, 3600},     {OPT_RATE, "--rate", 1, 100000},
		{OPT_ATTEMPTS, "--max-attempts", 1, 100}, {OPT_RETRY, "--retry-ms", 1, 86400000},
		{OPT_BATCH, "--batch", 1, 1000},
	};
	long v = -1;
	size_t i;

	for (i = 0; limits[i].opt != c; i++)
		;
	v = send_number(optarg, limits[i].lo, limits[i].hi);
	if (v < 0)
		return cli_usage_error("send", "%s: must be %ld to %ld", limits[i].name, limits[i].lo,
				       limits[i].hi);
	if (c == OPT_TIMEOUT)
		cfg->smtp.timeout_s = v;
	else if (c == OPT_RATE)
		cfg->rate = (double)v;
	else if (c == OPT_ATTEMPTS)
		cfg->max_attempts = (int)v;
	else if (c == OPT_RETRY)
		cfg->retry_ms = v;
	else
		cfg->batch = (int)v;
	return 0;
}

static int send_text_option(int c, struct service_sender *cfg, struct send_args *a)
{
	enum log_level level;

	switch (c) {
	case OPT_SMTP_URL: cfg->smtp.url = optarg; break;
	case OPT_DB: a->db = optarg; break;
	case OPT_FROM: cfg->from = optarg; break;
	case OPT_FROM_NAME: cfg->from_name = optarg; break;
	case OPT_USER: cfg->smtp.user = optarg; break;
	case OPT_PASSWORD_FILE: a->password_file = optarg; break;
	case OPT_BASE_URL: cfg->base_url = optarg; break;
	case OPT_ONCE: a->once = 1; break;
	case OPT_CLOCK: {
		int64_t t;

		if (time_parse(optarg, &t))
			return cli_usage_error("send", "--clock: not an RFC 3339 time: %s", optarg);
		a->clock_ms = t * 1000 - send_real_ms();
		break;
	}
	case OPT_STARTTLS:
		if (strcmp(optarg, "try") == 0)
			cfg->smtp.tls = MAIL_TLS_TRY;
		else if (strcmp(optarg, "required") == 0)
			cfg->smtp.tls = MAIL_TLS_REQUIRED;
		else if (strcmp(optarg, "off") == 0)
			cfg->smtp.tls = MAIL_TLS_OFF;
		else
			return cli_usage_error("send", "--starttls: try, required or off, not %s",
					       optarg);
		break;
	default:
		if (log_parse_level(optarg, &level))
			return cli_usage_error("send", "--log-level: unknown level %s", optarg);
		log_set_level(level);
	}
	return 0;
}

static int send_parse(int argc, char **argv, struct service_sender *cfg, struct send_args *a)
{
	int c;

	while ((c = cli_getopt(argc, argv, "h", send_options)) != -1) {
		if (c == 'h') {
			fputs(send_usage, stdout);
			return -1;
		}
		if (c == '?')
			return CLI_USAGE;
		if (c >= OPT_TIMEOUT && c <= OPT_BATCH ? send_number_option(c, cfg) :
							 send_text_option(c, cfg, a))
			return CLI_USAGE;
	}
	if (optind < argc)
		return cli_usage_error("send", "unexpected argument %s", argv[optind]);
	if (!cfg->smtp.url)
		return cli_usage_error("send", "--smtp-url is required");
	if (strncmp(cfg->smtp.url, "smtp://", 7) != 0 && strncmp(cfg->smtp.url, "smtps://", 8) != 0)
		return cli_usage_error("send", "--smtp-url: must start with smtp:// or smtps://");
	return CLI_OK;
}

/* The SMTP credentials: the user from the option or the environment, the password from a file or the environment. */
static int send_credentials(struct service_sender *cfg, struct send_args *a)
{
	const char *env = getenv("LIAISON_SMTP_PASSWORD");
	FILE *f;

	if (!cfg->smtp.user && getenv("LIAISON_SMTP_USER") && *getenv("LIAISON_SMTP_USER"))
		cfg->smtp.user = getenv("LIAISON_SMTP_USER");
	if (a->password_file) {
		f = fopen(a->password_file, "r");
		if (!f || !fgets(a->password, sizeof(a->password), f)) {
			if (f)
				fclose(f);
			fprintf(stderr, "liaison: --smtp-password-file: cannot read %s\n",
				a->password_file);
			return CLI_FAIL;
		}
		fclose(f);
		a->password[strcspn(a->password, "\r\n")] = 0;
	} else if (env) {
		snprintf(a->password, sizeof(a->password), "%s", env);
	}
	cfg->smtp.password = a->password;
	return CLI_OK;
}

int cli_send(int argc, char **argv)
{
	struct service_send_stats st = {0};
	struct service_sender cfg;
	struct send_args a = {0};
	struct service_conn *c = NULL;
	struct sigaction sa;
	struct err e;
	int rc;

	service_sender_defaults(&cfg);
	cfg.from = "liaison@localhost";
	cfg.from_name = "liaison";
	rc = send_parse(argc, argv, &cfg, &a);
	if (rc)
		return rc < 0 ? CLI_OK : rc;
	if (a.clock_ms) {
		cfg.now_ms = send_clock;
		cfg.clock_arg = &a.clock_ms;
	}
	rc = send_credentials(&cfg, &a);
	if (rc)
		return rc;
	err_clear(&e);
	if (service_conn_open(cli_db_path(a.db), SERVICE_MIGRATE, &c, &e))
		return cli_fail(&e);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = send_on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	log_info("sending the outbox of %s through %s", cli_db_path(a.db), cfg.smtp.url);
	rc = service_send_run(c, &cfg, a.once, 1000, &send_stop, &st, &e);
	service_conn_close(c);
	sodium_memzero(a.password, sizeof(a.password));
	if (rc)
		return cli_fail(&e);
	printf("{\"sent\": %ld, \"retried\": %ld, \"failed\": %ld, \"lost_claims\": %ld}\n", st.sent,
	       st.retried, st.failed, st.lost_claims);
	return CLI_OK;
}
