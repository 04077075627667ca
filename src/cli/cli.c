/*
 * cli.c - `liaison <command>`: dispatch, --help and --version, and the
 * helpers every command shares.
 */
#include "cli/cli.h"

#include "auth/auth.h"
#include "cli/cli_internal.h"
#include "core/assets.h"
#include "core/jsonx.h"
#include "core/log.h"
#include "text/lang.h"
#include "text/thesaurus.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} cli_commands[] = {
	{"serve", cli_serve, "run the HTTP server (JSON API under /api/v1)"},
	{"migrate", cli_migrate, "create or upgrade the database schema"},
	{"import", cli_import, "import organisations and opportunities (batch JSON)"},
	{"export", cli_export, "export organisations and opportunities (batch JSON)"},
	{"stats", cli_stats, "print the platform's figures as JSON"},
	{"report", cli_report, "an event's report: PDF, XLSX workbook or CSV tables"},
	{"backup", cli_backup, "copy the database safely, even while it is served"},
	{"schedule", cli_schedule, "place meetings into slots and tables (batch JSON)"},
	{"match", cli_match, "rank partners for every organisation (batch JSON)"},
	{"assign", cli_assign, "assign a challenge's reviewers to its submissions (batch JSON)"},
	{"challenge", cli_challenge, "list and show challenges, run their assignment, rank them"},
	{"send", cli_send, "deliver the notification outbox over SMTP"},
	{"user", cli_user, "add accounts, set passwords, grant and withdraw roles"},
	{"routes", cli_routes, "list every API endpoint and who may call it"},
};

#define NCOMMANDS (sizeof(cli_commands) / sizeof(cli_commands[0]))

static void cli_help(FILE *out)
{
	fprintf(out, "usage: liaison <command> [options] [arguments]\n"
		     "       liaison --version | --help\n\n"
		     "liaison brokers cooperation between organisations in China and Europe:\n"
		     "partner search across languages, one-to-one meetings at brokerage events,\n"
		     "and agreements.\n\ncommands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-10s %s\n", cli_commands[i].name, cli_commands[i].summary);
	fprintf(out, "\n'liaison <command> --help' describes a command.\n"
		     "The database is --db PATH, else $LIAISON_DB, else ./liaison.db;\n"
		     "PATH is an SQLite file or a postgresql:// URI (PostgreSQL 15: migrate only, so far).\n");
}

int cli_main(int argc, char **argv)
{
	if (argc < 2) {
		cli_help(stderr);
		return CLI_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		cli_help(stdout);
		return CLI_OK;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		printf("liaison %s\n", LIAISON_VERSION);
		return CLI_OK;
	}
	for (size_t i = 0; i < NCOMMANDS; i++) {
		if (strcmp(argv[1], cli_commands[i].name) == 0) {
			struct err e;

			err_clear(&e);
			if (auth_init(&e))
				return cli_fail(&e);
			return cli_commands[i].run(argc - 1, argv + 1);
		}
	}
	fprintf(stderr, "liaison: unknown command '%s' (see 'liaison --help')\n", argv[1]);
	return CLI_USAGE;
}

const char *cli_db_path(const char *given)
{
	const char *env = getenv("LIAISON_DB");

	if (given)
		return given;
	return env && *env ? env : "liaison.db";
}

int cli_fail(const struct err *e)
{
	if (e->field[0])
		fprintf(stderr, "liaison: %s: %s\n", e->field, e->msg);
	else
		fprintf(stderr, "liaison: %s\n", e->msg[0] ? e->msg : err_strerror(e->code));
	return CLI_FAIL;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "liaison %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see 'liaison %s --help')\n", cmd);
	return CLI_USAGE;
}

int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts)
{
	int c;

	opterr = 0;
	c = getopt_long(argc, argv, shortopts, longopts, NULL);
	if (c == '?' || c == ':') {
		if (optopt)
			cli_usage_error(argv[0], "option -%c is unknown or needs a value", optopt);
		else
			cli_usage_error(argv[0], "option %s is unknown or needs a value",
					argv[optind - 1]);
		return '?';
	}
	return c;
}

int cli_open(const char *path, struct service_conn **out)
{
	struct service_conn *c;
	struct err e;

	err_clear(&e);
	if (service_conn_open(path, SERVICE_MIGRATE, &c, &e))
		return cli_fail(&e);
	if (out)
		*out = c;
	else
		service_conn_close(c);
	return CLI_OK;
}

int cli_load_batch(const char *file, size_t max, json_t **doc)
{
	struct err e;

	err_clear(&e);
	if (jsonx_load_file(strcmp(file, "-") == 0 ? "/dev/stdin" : file, max, doc, &e))
		return cli_fail(&e);
	return CLI_OK;
}

int cli_text_tools(const char *models, const char *without, struct text_thesaurus **th,
		   struct text_langid **langid)
{
	struct asset src = assets_thesaurus();
	struct err e;

	err_clear(&e);
	*th = NULL;
	*langid = NULL;
	if (text_thesaurus_load(th, src.data, src.len, &e)) {
		err_prefix_field(&e, "thesaurus");
		return cli_fail(&e);
	}
	if (text_langid_open(langid, models, &e) != 0)
		log_warn("%s; languages are told by %s only", e.msg, without);
	return CLI_OK;
}
