/*
 * cmd_challenge.c - `liaison challenge`: the operator's view of the
 * innovation challenges of a database, through the challenge workflows
 * (service/challenge.h) as a platform admin: list, show, submissions,
 * assign (the review assignment the API runs), ranking. JSON on stdout,
 * or CSV (RFC 4180) for submissions and ranking; bad input: exit 1, one
 * line on stderr.
 */
#include "cli/cli.h"

#include "auth/auth.h"
#include "cli/cli_internal.h"
#include "core/buf.h"
#include "export/csv.h"
#include "service/challenge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct challenge_args {
	const char *db, *verb, *id;
	int csv, reviews, cap;
};

static const char challenge_usage[] =
	"usage: liaison challenge list [--db PATH]\n"
	"       liaison challenge show ID [--db PATH]\n"
	"       liaison challenge submissions ID [--csv] [--db PATH]\n"
	"       liaison challenge assign ID [--reviews N] [--cap C] [--db PATH]\n"
	"       liaison challenge ranking ID [--csv] [--db PATH]\n\n"
	"The innovation challenges of the database, as a platform admin sees them\n"
	"(docs/api.md, \"Challenges\"): list prints every challenge, show one with its\n"
	"tracks, submissions its submissions, ranking each track's submissions by\n"
	"weighted score with the spread of the reviewers' scores; assign runs the\n"
	"review assignment of a challenge in review (N reviews a submission, default\n"
	"3; each reviewer at most C, default their own cap) and prints its total\n"
	"cost, loads and reviewers, replacing the previous assignment. JSON on\n"
	"standard output; --csv: submissions or ranking as CSV.\n\n"
	"  --csv        CSV instead of JSON (submissions, ranking)\n"
	"  --reviews N  reviews per submission (assign)\n"
	"  --cap C      the most reviews a reviewer gives (assign)\n"
	"  --db PATH    database file (default $LIAISON_DB or ./liaison.db)\n";

enum { OPT_DB = 256, OPT_CSV, OPT_REVIEWS, OPT_CAP };

static int positive(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*end || v <= 0 || v > 10000)
		return -1;
	*out = (int)v;
	return 0;
}

static int parse(int argc, char **argv, struct challenge_args *a)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"csv", no_argument, NULL, OPT_CSV},
		{"reviews", required_argument, NULL, OPT_REVIEWS},
		{"cap", required_argument, NULL, OPT_CAP},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;

	while ((c = cli_getopt(argc, argv, "h", opts)) != -1) {
		switch (c) {
		case 'h': fputs(challenge_usage, stdout); return -1;
		case OPT_DB: a->db = optarg; break;
		case OPT_CSV: a->csv = 1; break;
		case OPT_REVIEWS:
			if (positive(optarg, &a->reviews))
				return cli_usage_error("challenge", "--reviews must be a number from 1");
			break;
		case OPT_CAP:
			if (positive(optarg, &a->cap))
				return cli_usage_error("challenge", "--cap must be a number from 1");
			break;
		default: return CLI_USAGE;
		}
	}
	if (optind >= argc)
		return cli_usage_error("challenge", "needs a verb: list, show, submissions, assign or "
				       "ranking");
	a->verb = argv[optind++];
	if (strcmp(a->verb, "list") == 0) {
		if (optind != argc)
			return cli_usage_error("challenge", "list takes no argument");
	} else if (strcmp(a->verb, "show") && strcmp(a->verb, "submissions") &&
		   strcmp(a->verb, "assign") && strcmp(a->verb, "ranking")) {
		return cli_usage_error("challenge", "unknown verb %s: list, show, submissions, "
				       "assign or ranking", a->verb);
	} else if (optind != argc - 1) {
		return cli_usage_error("challenge", "%s needs exactly one challenge ID", a->verb);
	} else {
		a->id = argv[optind];
	}
	if (a->csv && strcmp(a->verb, "submissions") && strcmp(a->verb, "ranking"))
		return cli_usage_error("challenge", "--csv goes with submissions or ranking");
	if ((a->reviews || a->cap) && strcmp(a->verb, "assign"))
		return cli_usage_error("challenge", "--reviews and --cap go with assign");
	a->db = cli_db_path(a->db);
	return CLI_OK;
}

static int submissions_csv(const json_t *out, struct buf *b)
{
	static const char *const head[] = {"submission_id", "track_id", "organisation_id", "state",
					   "title", "team", "links", "created_at", NULL};
	const json_t *s, *m;
	size_t i, k;
	int rc = csv_begin(b);

	rc = rc ? rc : csv_header(b, head);
	json_array_foreach(json_object_get(out, "items"), i, s) {
		json_t *names = json_array();

		json_array_foreach(json_object_get(s, "team"), k, m)
			json_array_append(names, json_object_get(m, "name"));
		rc = rc ? rc : csv_json(b, json_object_get(s, "id"), 1);
		rc = rc ? rc : csv_json(b, json_object_get(s, "track_id"), 0);
		rc = rc ? rc : csv_json(b, json_object_get(s, "organisation_id"), 0);
		rc = rc ? rc : csv_json(b, json_object_get(s, "state"), 0);
		rc = rc ? rc : csv_json(b, json_object_get(s, "title"), 0);
		rc = rc ? rc : csv_json(b, names, 0);
		rc = rc ? rc : csv_json(b, json_object_get(s, "links"), 0);
		rc = rc ? rc : csv_json(b, json_object_get(s, "created_at"), 0);
		rc = rc ? rc : csv_row_end(b);
		json_decref(names);
	}
	return rc;
}

static int ranking_csv(const json_t *out, struct buf *b)
{
	static const char *const head[] = {"track_id", "rank", "submission_id", "organisation_id",
					   "title", "score", "spread", "disagreement", "reviews",
					   "assigned", NULL};
	static const char *const keys[] = {"rank", "submission_id", "organisation_id", "title",
					   "score", "spread", "disagreement", "reviews",
					   "assigned", NULL};
	const json_t *t, *r;
	size_t i, k;
	int rc = csv_begin(b);

	rc = rc ? rc : csv_header(b, head);
	json_array_foreach(json_object_get(out, "tracks"), i, t)
		json_array_foreach(json_object_get(t, "ranking"), k, r) {
			rc = rc ? rc : csv_json(b, json_object_get(t, "track_id"), 1);
			for (const char *const *key = keys; rc == 0 && *key; key++)
				rc = csv_json(b, json_object_get(r, *key), 0);
			rc = rc ? rc : csv_row_end(b);
		}
	return rc;
}

static int run(struct service_conn *c, const struct challenge_args *a, json_t **out,
	       struct err *e)
{
	static const struct auth_principal operator = {.admin = 1};
	struct service_caller who = {&operator, 1, ""};
	char *end;
	long long id = a->id ? strtoll(a->id, &end, 10) : 0;
	json_t *body;
	int rc;

	if (a->id && (*end || id <= 0))
		return err_set(e, ERR_INVALID, "ID", "must be a challenge id (a number): %s", a->id);
	if (strcmp(a->verb, "list") == 0)
		return service_challenge_list(c, &who, out, e);
	if (strcmp(a->verb, "show") == 0)
		return service_challenge_get(c, &who, id, out, e);
	if (strcmp(a->verb, "submissions") == 0)
		return service_submission_list(c, &who, id, out, e);
	if (strcmp(a->verb, "ranking") == 0)
		return service_ranking(c, &who, id, out, e);
	body = json_pack("{s:i}", "reviews", a->reviews ? a->reviews : 3);
	if (a->cap)
		json_object_set_new(body, "load_cap", json_integer(a->cap));
	rc = service_assignment_run(c, &who, id, body, out, e);
	json_decref(body);
	return rc;
}

int cli_challenge(int argc, char **argv)
{
	struct challenge_args a = {NULL, NULL, NULL, 0, 0, 0};
	struct service_conn *c = NULL;
	struct buf b = {NULL, 0, 0, 0};
	json_t *out = NULL;
	struct err e;
	int rc = parse(argc, argv, &a);

	if (rc)
		return rc < 0 ? CLI_OK : rc;
	err_clear(&e);
	rc = cli_open(a.db, &c);
	if (rc)
		return rc;
	rc = run(c, &a, &out, &e);
	service_conn_close(c);
	if (rc == 0 && a.csv) {
		buf_init(&b, (size_t)64 << 20);
		if ((strcmp(a.verb, "ranking") == 0 ? ranking_csv(out, &b) : submissions_csv(out, &b)) ||
		    fwrite(b.data, 1, b.len, stdout) != b.len)
			rc = err_set(&e, ERR_IO, "output", "cannot write the CSV");
	} else if (rc == 0) {
		if (json_dumpf(out, stdout, JSON_INDENT(2)))
			rc = err_set(&e, ERR_IO, "output", "cannot write the JSON");
		if (rc == 0)
			putchar('\n');
	}
	buf_release(&b);
	json_decref(out);
	return rc ? cli_fail(&e) : CLI_OK;
}
