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
#include "store/account.h"

#include <errno.h>
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

/* A row's id from "12" or a ref; ERR_NOT_FOUND naming field otherwise. */
static int find_id(struct store *s, enum store_res res, const char *v, int64_t *id,
		   const char *field, struct err *e)
{
	if (store_find_id(s, res, v, id, e) == 0)
		return 0;
	err_clear(e);
	return err_set(e, ERR_NOT_FOUND, field, "no %s with the id or ref %s",
		       res == STORE_EVENT ? "event" : res == STORE_PERSON ? "person" : "organisation",
		       v);
}

static int audit(struct store *s, const char *what, const char *email, const char *rest,
		 struct err *e)
{
	char action[400];

	snprintf(action, sizeof(action), "liaison user %s %s%s%s", what, email, rest ? " " : "",
		 rest ? rest : "");
	return store_audit_add(s, 0, NULL, action, 0, "command line", e);
}

struct user_new {
	const struct user_args *a;
	const char *hash;
	int64_t person;
	int64_t id;
};

/* The account, its admin role and the audit row, in one transaction. */
static int user_add_tx(struct store *s, void *ctx, struct err *e)
{
	struct user_new *u = ctx;
	int rc = store_account_create(s, u->a->rest[0], u->hash, u->person, &u->id, e);

	if (!rc && u->a->admin)
		rc = store_account_role(s, u->id, STORE_ROLE_ADMIN, 0, 0, 1, e);
	if (!rc)
		rc = audit(s, u->a->admin ? "add --admin" : "add", u->a->rest[0], NULL, e);
	return rc;
}

static int user_add(struct store *s, const struct user_args *a, struct err *e)
{
	char hash[AUTH_HASH_SIZE];
	struct user_new u = {a, hash, 0, 0};
	int rc;

	if (a->nrest != 1)
		return err_set(e, ERR_INVALID, "email", "user add takes one e-mail address");
	if (a->person && find_id(s, STORE_PERSON, a->person, &u.person, "--person", e))
		return e->code;
	rc = read_password(hash, e);
	if (!rc)
		rc = store_atomic(s, user_add_tx, &u, e);
	if (!rc)
		printf("account %" PRId64 " %s%s\n", u.id, a->rest[0], a->admin ? " (admin)" : "");
	return rc;
}

static int user_passwd(struct store *s, const struct user_args *a, struct err *e)
{
	char hash[AUTH_HASH_SIZE];
	int64_t id = 0;
	int rc;

	if (a->nrest != 1)
		return err_set(e, ERR_INVALID, "email", "user passwd takes one e-mail address");
	rc = store_account_find(s, a->rest[0], &id, NULL, 0, e);
	if (!rc)
		rc = read_password(hash, e);
	/* every session and reset code of the account ends with the old password */
	if (!rc)
		rc = store_account_set_password(s, id, hash, NULL, e);
	if (!rc)
		rc = audit(s, "passwd", a->rest[0], NULL, e);
	if (!rc)
		printf("password of %s changed; its sessions ended\n", a->rest[0]);
	return rc;
}

/* The scope of a role: an event, an organisation or "challenge:N". */
static int role_scope(struct store *s, enum store_role role, const char *v, int64_t *scope,
		      int *challenge, struct err *e)
{
	char *end;
	long long n;

	*scope = 0;
	*challenge = 0;
	if (role == STORE_ROLE_ADMIN)
		return v ? err_set(e, ERR_INVALID, "SCOPE", "admin takes no scope") : 0;
	if (!v)
		return err_set(e, ERR_INVALID, "SCOPE", "%s needs a scope", store_role_name(role));
	if (strncmp(v, "challenge:", 10) == 0 || role == STORE_ROLE_JURY) {
		const char *d = strncmp(v, "challenge:", 10) == 0 ? v + 10 : v;

		errno = 0;
		n = strtoll(d, &end, 10);
		if (role == STORE_ROLE_REPRESENTATIVE || errno || end == d || *end || n <= 0)
			return err_set(e, ERR_INVALID, "SCOPE", "not a challenge (challenge:N): %s",
				       v);
		*scope = n;
		*challenge = 1;
		return 0;
	}
	return find_id(s, role == STORE_ROLE_ORGANISER ? STORE_EVENT : STORE_ORGANISATION, v, scope,
		       "SCOPE", e);
}

static int user_role(struct store *s, const struct user_args *a, struct err *e)
{
	int64_t id = 0, scope = 0;
	int role, challenge = 0, rc;
	char what[200];

	if (a->nrest < 2 || a->nrest > 3)
		return err_set(e, ERR_INVALID, "ROLE", "user role takes EMAIL ROLE [SCOPE]");
	role = store_role_parse(a->rest[1]);
	if (role < 0)
		return err_set(e, ERR_INVALID, "ROLE",
			       "must be admin, organiser, representative or jury, not %s",
			       a->rest[1]);
	rc = store_account_find(s, a->rest[0], &id, NULL, 0, e);
	if (!rc)
		rc = role_scope(s, (enum store_role)role, a->nrest == 3 ? a->rest[2] : NULL, &scope,
				&challenge, e);
	if (!rc)
		rc = store_account_role(s, id, (enum store_role)role, scope, challenge, !a->remove, e);
	snprintf(what, sizeof(what), "%s%s%s", a->rest[1], a->nrest == 3 ? " " : "",
		 a->nrest == 3 ? a->rest[2] : "");
	if (!rc)
		rc = audit(s, a->remove ? "role --remove" : "role", a->rest[0], what, e);
	if (!rc)
		printf("%s: %s %s\n", a->rest[0], a->remove ? "withdrawn" : "granted", what);
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
	struct store *s = NULL;
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
	if (cli_open_store(cli_db_path(a.db), &s))
		return CLI_FAIL;
	err_clear(&e);
	if (strcmp(sub, "add") == 0)
		rc = user_add(s, &a, &e);
	else if (strcmp(sub, "passwd") == 0)
		rc = user_passwd(s, &a, &e);
	else
		rc = user_role(s, &a, &e);
	store_close(s);
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
