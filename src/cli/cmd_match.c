/*
 * cmd_match.c - `liaison match`: ranked partners with reasons for every
 * organisation of a batch file (DESIGN.md, "Batch formats"), with the
 * thesaurus compiled into the binary and the language models of
 * libexttextcat-data. Bad input: exit 1, one line on stderr naming the
 * record and the field, nothing on stdout.
 */
#include "cli/cli.h"

#include "cli/cli_internal.h"
#include "match/match.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 100,000 organisations are about 100 MB of JSON. */
#define MATCH_MAX_FILE ((size_t)1 << 30)

struct match_args {
	struct match_options opt;
	const char *file;
	const char *models; /* language model directory */
	enum text_lang labels;
	int compact;
};

static void match_help(FILE *out)
{
	fprintf(
	    out,
	    "usage: liaison match [--top K] [options] FILE\n\n"
	    "Ranks partners for every organisation of FILE ('-' = standard input) and\n"
	    "prints {\"results\": [{\"id\", \"matches\": [{\"id\", \"score\", \"reasons\"}]}]}\n"
	    "as JSON on stdout, best first. FILE holds {\"organisations\": [...]} (see\n"
	    "DESIGN.md, 'Batch formats', and docs/data-format.md), optionally with\n"
	    "\"exclusions\": [[\"id-a\", \"id-b\"], ...] (pairs never to propose: already\n"
	    "met, declined). Texts may be in any language; docs/matching.md explains\n"
	    "the score and its reasons.\n\n"
	    "options:\n"
	    "  --top K                  matches per organisation, 1 to 1000 (default 10)\n"
	    "  --threads N              worker threads (default: every CPU)\n"
	    "  --no-cross-border-bonus  do not prefer China <-> Europe pairs\n"
	    "  --min-score S            leave out matches scoring below S (default 0.05)\n"
	    "  --candidates N           candidates scored per organisation (default 100)\n"
	    "  --brute-force            score every pair instead of using the index\n"
	    "  --labels LANG            language of concept labels (default en)\n"
	    "  --models DIR             language models (default %s)\n"
	    "  --compact                one line of JSON instead of indented\n"
	    "  --help                   this text\n",
	    TEXT_LANGID_DEFAULT_DIR);
}

/* Parses an integer option in [lo, hi]. */
static int parse_size(const char *opt, const char *s, long lo, long hi, size_t *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return cli_usage_error("match", "%s needs an integer from %ld to %ld", opt, lo, hi);
	*out = (size_t)v;
	return 0;
}

static int parse_option(int c, struct match_args *a)
{
	size_t v = 0;
	char *end;

	switch (c) {
	case 'k':
		return parse_size("--top", optarg, 1, 1000, &a->opt.top);
	case 't':
		if (parse_size("--threads", optarg, 1, 64, &v))
			return CLI_USAGE;
		a->opt.threads = (unsigned)v;
		return 0;
	case 'n':
		return parse_size("--candidates", optarg, 1, 1000000, &a->opt.candidates);
	case 'x':
		a->opt.cross_border = 0;
		return 0;
	case 'b':
		a->opt.brute_force = 1;
		return 0;
	case 'c':
		a->compact = 1;
		return 0;
	case 'm':
		a->models = optarg;
		return 0;
	case 'l':
		a->labels = text_lang_parse(optarg, strlen(optarg));
		return a->labels == TEXT_LANG_UNKNOWN
			   ? cli_usage_error("match", "--labels: unknown language '%s'", optarg)
			   : 0;
	case 's':
		errno = 0;
		a->opt.min_score = strtod(optarg, &end);
		if (errno || end == optarg || *end || !(a->opt.min_score >= 0) ||
		    a->opt.min_score > 1)
			return cli_usage_error("match", "--min-score needs a number from 0 to 1");
		return 0;
	default:
		return CLI_USAGE;
	}
}

static int parse_args(int argc, char **argv, struct match_args *a)
{
	static const struct option opts[] = {
	    {"top", required_argument, NULL, 'k'},
	    {"threads", required_argument, NULL, 't'},
	    {"candidates", required_argument, NULL, 'n'},
	    {"no-cross-border-bonus", no_argument, NULL, 'x'},
	    {"brute-force", no_argument, NULL, 'b'},
	    {"compact", no_argument, NULL, 'c'},
	    {"models", required_argument, NULL, 'm'},
	    {"labels", required_argument, NULL, 'l'},
	    {"min-score", required_argument, NULL, 's'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int c, rc;

	memset(a, 0, sizeof(*a));
	match_options_default(&a->opt);
	a->labels = TEXT_LANG_EN;
	while ((c = cli_getopt(argc, argv, "h", opts)) != -1) {
		if (c == 'h') {
			match_help(stdout);
			return -1;
		}
		rc = parse_option(c, a);
		if (rc)
			return rc;
	}
	if (optind != argc - 1)
		return cli_usage_error("match", "needs exactly one input FILE");
	a->file = argv[optind];
	return 0;
}

/* Writes the results; 0, or CLI_FAIL when stdout fails. */
static int print_results(const struct match_corpus *c, const struct match_results *r,
			 const struct match_args *a)
{
	size_t flags = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6) |
		       (a->compact ? JSON_COMPACT : JSON_INDENT(2));
	json_t *doc = match_results_json(c, r, a->labels);
	char *s = json_dumps(doc, flags);
	int rc = CLI_OK;

	json_decref(doc);
	if (!s || fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF || fflush(stdout) != 0) {
		fprintf(stderr, "liaison: cannot write the results: %s\n",
			s ? strerror(errno) : "out of memory");
		rc = CLI_FAIL;
	}
	free(s);
	return rc;
}

/* Loads the thesaurus and the language models, then matches doc. */
static int run(const struct match_args *a, const json_t *doc)
{
	struct text_thesaurus *th = NULL;
	struct text_langid *langid = NULL;
	struct match_corpus *c = NULL;
	struct match_results r = {NULL, 0};
	struct err e;
	int rc;

	err_clear(&e);
	if (cli_text_tools(a->models, "script and declared languages", &th, &langid))
		return CLI_FAIL;
	c = match_corpus_new(th, langid);
	rc = match_corpus_add_json(c, doc, &e);
	if (!rc)
		rc = match_run(c, &a->opt, &r, &e);
	rc = rc ? cli_fail(&e) : print_results(c, &r, a);
	match_results_release(&r);
	match_corpus_free(c);
	text_langid_close(langid);
	text_thesaurus_free(th);
	return rc;
}

int cli_match(int argc, char **argv)
{
	struct match_args a;
	json_t *doc = NULL;
	int rc = parse_args(argc, argv, &a);

	if (rc)
		return rc < 0 ? CLI_OK : rc;
	if (cli_load_batch(a.file, MATCH_MAX_FILE, &doc))
		return CLI_FAIL;
	rc = run(&a, doc);
	json_decref(doc);
	return rc;
}
