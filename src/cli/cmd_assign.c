/*
 * cmd_assign.c - `liaison assign`: the review assignment of a challenge
 * from a batch file (docs/data-format.md, "liaison assign"): a min-cost
 * flow solved by GLPK (src/assign/). Bad input or an assignment that
 * cannot be complete: exit 1, one line on stderr naming the field and
 * the problem (how many review slots are missing), nothing on stdout.
 */
#include "cli/cli.h"

#include "assign/batch.h"
#include "cli/cli_internal.h"
#include "text/lang.h"
#include "text/thesaurus.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ASSIGN_MAX_FILE ((size_t)1 << 30)

struct assign_args {
	const char *file;
	const char *models;
	int greedy;
	int compact;
};

static void assign_help(FILE *out)
{
	fprintf(out,
		"usage: liaison assign [options] FILE\n\n"
		"Assigns the reviewers of FILE ('-' = standard input) to its submissions and\n"
		"prints {\"assignments\": [{\"submission\", \"reviewers\": [{\"id\", \"cost\"}]}],\n"
		"\"reviewers\": [{\"id\", \"load\", \"cap\"}], \"stats\": {\"total_cost\", ...}} as\n"
		"JSON on stdout. FILE holds {\"reviews\": N, \"load_cap\": C, \"reviewers\": [...],\n"
		"\"submissions\": [...]} (see docs/data-format.md): each submission gets N\n"
		"reviews, each reviewer at most its cap, never a conflicted pair (declared,\n"
		"same organisation, same country with \"same_country\", a past agreement),\n"
		"\"fixed\" pairs always; the rest is a min-cost flow (GLPK) preferring the\n"
		"reviewers whose expertise covers the submission's concepts. When the\n"
		"reviews cannot all be given, nothing is printed and the message says how\n"
		"many review slots are missing and why.\n\n"
		"options:\n"
		"  --greedy        each submission takes its cheapest reviewers in turn\n"
		"                  (the benchmark's baseline; not optimal)\n"
		"  --models DIR    language models (default %s)\n"
		"  --compact       one line of JSON instead of indented\n"
		"  --help          this text\n",
		TEXT_LANGID_DEFAULT_DIR);
}

static int parse_args(int argc, char **argv, struct assign_args *a)
{
	static const struct option opts[] = {
	    {"greedy", no_argument, NULL, 'g'},
	    {"models", required_argument, NULL, 'm'},
	    {"compact", no_argument, NULL, 'c'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int c;

	memset(a, 0, sizeof(*a));
	while ((c = cli_getopt(argc, argv, "h", opts)) != -1) {
		if (c == 'h') {
			assign_help(stdout);
			return -1;
		}
		if (c == 'g')
			a->greedy = 1;
		else if (c == 'c')
			a->compact = 1;
		else if (c == 'm')
			a->models = optarg;
		else
			return CLI_USAGE;
	}
	if (optind != argc - 1)
		return cli_usage_error("assign", "needs exactly one input FILE");
	a->file = argv[optind];
	return 0;
}

static int print_json(json_t *doc, int compact)
{
	size_t flags = JSON_PRESERVE_ORDER | (compact ? JSON_COMPACT : JSON_INDENT(2));
	char *s = json_dumps(doc, flags);
	int rc = CLI_OK;

	if (!s || fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF || fflush(stdout) != 0) {
		fprintf(stderr, "liaison: cannot write the assignment: %s\n",
			s ? strerror(errno) : "out of memory");
		rc = CLI_FAIL;
	}
	free(s);
	return rc;
}

static int run(const struct assign_args *a, const json_t *doc)
{
	struct text_thesaurus *th = NULL;
	struct text_langid *langid = NULL;
	struct assign_batch b;
	struct assign_result r;
	struct err e;
	int rc;

	err_clear(&e);
	memset(&r, 0, sizeof(r));
	if (cli_text_tools(a->models, "script", &th, &langid))
		return CLI_FAIL;
	rc = assign_batch_parse(&b, doc, th, langid, &e);
	if (rc == 0)
		rc = a->greedy ? assign_greedy(&b.p, &r, &e) : assign_batch_solve(&b, &r, &e);
	if (rc) {
		rc = cli_fail(&e);
	} else {
		json_t *out = assign_result_json(&b, &r);

		rc = print_json(out, a->compact);
		json_decref(out);
	}
	assign_result_release(&r);
	assign_batch_release(&b);
	text_langid_close(langid);
	text_thesaurus_free(th);
	return rc;
}

int cli_assign(int argc, char **argv)
{
	struct assign_args a;
	json_t *doc = NULL;
	int rc = parse_args(argc, argv, &a);

	if (rc)
		return rc < 0 ? CLI_OK : rc;
	if (cli_load_batch(a.file, ASSIGN_MAX_FILE, &doc))
		return CLI_FAIL;
	rc = run(&a, doc);
	json_decref(doc);
	return rc;
}
