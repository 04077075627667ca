/*
 * cmd_user.c - `liaison user add|passwd|role`: accounts from the command
 * line (the first admin of a new platform, above all), and `liaison
 * routes`: every endpoint and who may call it, from the table the server
 * enforces.
 *
 * Passwords are read from the first line of standard input, never from
 * the arguments (which other users of the machine can read in ps).
 * Every change is written to the audit log as done by the command line.
 */
#include "cli/cli.h"

#include "api/api.h"
#include "auth/auth.h"
#include "cli/cli_internal.h"
#include "core/jsonx.h"
#include "service/operator.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char user_usage[] =
	"usage: liaison user add EMAIL [--person ID|REF] [--admin] [--db PATH]\n"
	"       liaison user passwd EMAIL [--db PATH]\n"
	"       liaison user role EMAIL ROLE [SCOPE] [--remove] [--db PATH]\n\n"
	"Manages accounts. add and passwd read the password from the first line\n"
	"of standard input (at least 10 bytes): printf '%s\\n' \"$PW\" | liaison user ...\n\n"
	"  --person P   link the account to a person (id or ref): a participant\n"
	"  --admin      make the new account a platform admin\n"
	"  ROLE SCOPE   admin (no scope); organiser EVENT (id or ref) or\n"
	"               organiser challenge:N; representative ORGANISATION (id or\n"
	"               ref); jury challenge:N (or N)\n"
	"  --remove     withdraw the role instead of granting it\n"
	"  --db PATH    database file (default $LIAISON_DB or ./liaison.db)\n";

static const char routes_usage[] =
	"usage: liaison routes [--markdown]\n\n"
	"Prints every API endpoint and who may call it, from the table the server\n"
	"enforces: JSON by default, a Markdown table with --markdown (docs/access.md).\n";

enum { OPT_DB = 256, OPT_PERSON, OPT_ADMIN, OPT_REMOVE, OPT_MARKDOWN };

static const struct option user_options[] = {
	{"db", required_argument, NULL, OPT_DB},
	{"person", required_argument, NULL, OPT_PERSON},
	{"admin", no_argument, NULL, OPT_ADMIN},
	{"remove", no_argument, NULL, OPT_REMOVE},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

struct user_args {
	const char *db;
	const char *person;
	int admin;
	int remove;
	char *const *rest; /* the words after the options */
	int nrest;
};

/* Reads the password from the first line of stdin into hash. */
static int read_password(char hash[AUTH_HASH_SIZE], struct err *e)
{
	char line[AUTH_PASSWORD_MAX + 3];
	size_t n;

	if (!fgets(line, sizeof(line), stdin))
		return err_set(e, ERR_INVALID, "password",
			       "is required on the first line of standard input");
	n = strcspn(line, "\r\n");
	if (!line[n] && n >= AUTH_PASSWORD_MAX + 1)
		return err_set(e, ERR_INVALID, "password", "must be at most %d bytes",
			       AUTH_PASSWORD_MAX);
	line[n] = '\0';
	n = (size_t)auth_password_hash(line, "password", hash, e);
	memset(line, 0, sizeof(line));
	return (int)n;
}

static int user_add(struct service_conn *c, const struct user_args *a, struct err *e)
{
	char hash[AUTH_HASH_SIZE];
	int64_t id = 0;
	int rc;

	if (a->nrest != 1)
		return err_set(e, ERR_INVALID, "email", "user add takes one e-mail address");
	rc = read_password(hash, e);
	if (!rc)
		rc = service_operator_account_add(c, a->rest[0], hash, a->person, a->admin, &id, e);
	if (!rc)
		printf("account %" PRId64 " %s%s\n", id, a->rest[0], a->admin ? " (admin)" : "");
	return rc;
}

static int user_passwd(struct service_conn *c, const struct user_args *a, struct err *e)
{
	char hash[AUTH_HASH_SIZE];
	int rc;

	if (a->nrest != 1)
		return err_set(e, ERR_INVALID, "email", "user passwd takes one e-mail address");
	rc = read_password(hash, e);
	if (!rc)
		rc = service_operator_password(c, a->rest[0], hash, e);
	if (!rc)
		printf("password of %s changed; its sessions ended\n", a->rest[0]);
	return rc;
}

static int user_role(struct service_conn *c, const struct user_args *a, struct err *e)
{
	const char *scope = a->nrest == 3 ? a->rest[2] : NULL;
	int rc;

	if (a->nrest < 2 || a->nrest > 3)
		return err_set(e, ERR_INVALID, "ROLE", "user role takes EMAIL ROLE [SCOPE]");
	rc = service_operator_role(c, a->rest[0], a->rest[1], scope, !a->remove, e);
	if (!rc)
		printf("%s: %s %s%s%s\n", a->rest[0], a->remove ? "withdrawn" : "granted", a->rest[1],
		       scope ? " " : "", scope ? scope : "");
	return rc;
}

static int user_parse(int argc, char **argv, struct user_args *a)
{
	int c;

	memset(a, 0, sizeof(*a));
	while ((c = cli_getopt(argc, argv, "h", user_options)) != -1) {
		switch (c) {
		case OPT_DB: a->db = optarg; break;
		case OPT_PERSON: a->person = optarg; break;
		case OPT_ADMIN: a->admin = 1; break;
		case OPT_REMOVE: a->remove = 1; break;
		case 'h': fputs(user_usage, stdout); return -1;
		default: return CLI_USAGE;
		}
	}
	if (optind >= argc)
		return cli_usage_error("user", "user needs a subcommand: add, passwd or role");
	a->rest = argv + optind + 1;
	a->nrest = argc - optind - 1;
	return CLI_OK;
}

int cli_user(int argc, char **argv)
{
	struct user_args a;
	struct service_conn *c = NULL;
	const char *sub;
	struct err e;
	int rc;

	rc = user_parse(argc, argv, &a);
	if (rc)
		return rc < 0 ? CLI_OK : rc;
	sub = argv[optind];
	if (strcmp(sub, "add") != 0 && strcmp(sub, "passwd") != 0 && strcmp(sub, "role") != 0)
		return cli_usage_error("user", "unknown subcommand %s (add, passwd or role)", sub);
	if ((a.person || a.admin) && strcmp(sub, "add") != 0)
		return cli_usage_error("user", "--person and --admin go with user add");
	if (a.remove && strcmp(sub, "role") != 0)
		return cli_usage_error("user", "--remove goes with user role");
	if (cli_open(cli_db_path(a.db), &c))
		return CLI_FAIL;
	err_clear(&e);
	if (strcmp(sub, "add") == 0)
		rc = user_add(c, &a, &e);
	else if (strcmp(sub, "passwd") == 0)
		rc = user_passwd(c, &a, &e);
	else
		rc = user_role(c, &a, &e);
	service_conn_close(c);
	return rc ? cli_fail(&e) : CLI_OK;
}

static void routes_markdown(const json_t *table)
{
	size_t i;
	json_t *r;

	printf("| method | path | who may call it |\n| --- | --- | --- |\n");
	json_array_foreach(table, i, r) {
		const json_t *who = json_object_get(r, "access");
		size_t j;
		json_t *w;

		printf("| %s | `%s` | ", json_string_value(json_object_get(r, "method")),
		       json_string_value(json_object_get(r, "path")));
		json_array_foreach(who, j, w)
			printf("%s%s", j ? ", " : "", json_string_value(w));
		printf(" |\n");
	}
}

int cli_routes(int argc, char **argv)
{
	static const struct option opts[] = {
		{"markdown", no_argument, NULL, OPT_MARKDOWN},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	json_t *table;
	int markdown = 0, c;

	while ((c = cli_getopt(argc, argv, "h", opts)) != -1) {
		switch (c) {
		case OPT_MARKDOWN: markdown = 1; break;
		case 'h': fputs(routes_usage, stdout); return CLI_OK;
		default: return CLI_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage_error("routes", "unexpected argument %s", argv[optind]);
	table = api_access_table();
	if (markdown) {
		routes_markdown(table);
	} else {
		char *text = json_dumps(table, JSON_INDENT(1) | JSON_ENSURE_ASCII);

		if (text)
			puts(text);
		free(text);
	}
	json_decref(table);
	return CLI_OK;
}
