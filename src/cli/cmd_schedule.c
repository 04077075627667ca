/*
 * cmd_schedule.c - `liaison schedule`: the meeting scheduler on a batch file
 * (DESIGN.md's format), and `--check`, the independent schedule validator.
 */
#include "cli/cli.h"

#include "cli/cli_internal.h"
#include "cli/sched_json.h"
#include "core/jsonx.h"
#include "core/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCHEDULE_MAX_FILE ((size_t)256 << 20)

struct schedule_args {
	bool exact;
	bool free_previous;
	double time_limit;
	const char *previous;
	const char *check;
	const char *file;
};

static void schedule_help(FILE *out)
{
	fprintf(out,
		"usage: liaison schedule [--exact] [--time-limit S] [--previous OUTPUT [--free]] FILE\n"
		"       liaison schedule --check OUTPUT FILE\n\n"
		"Places the meetings of FILE into slots and tables and prints the schedule\n"
		"as JSON on stdout. FILE holds {\"event\", \"participants\", \"meetings\"}\n"
		"(see DESIGN.md, 'Batch formats', and docs/scheduler.md).\n\n"
		"options:\n"
		"  --exact           solve with the exact MIP (GLPK): proves optimality or\n"
		"                    reports the gap (small events)\n"
		"  --time-limit S    stop the exact solver after S seconds (default 10)\n"
		"  --previous OUTPUT a schedule published before: its meetings stay where\n"
		"                    they are, the others are placed around them\n"
		"  --free            with --previous: the previous places are only a start,\n"
		"                    meetings may move\n"
		"  --check OUTPUT    verify every hard constraint of the schedule OUTPUT\n"
		"                    against FILE; prints one violation a line (exit 1) or\n"
		"                    \"ok\" (exit 0)\n"
		"  --help            this text\n");
}

static int parse_args(int argc, char **argv, struct schedule_args *a)
{
	static const struct option opts[] = {
		{"exact", no_argument, NULL, 'x'},   {"time-limit", required_argument, NULL, 't'},
		{"previous", required_argument, NULL, 'p'}, {"free", no_argument, NULL, 'f'},
		{"check", required_argument, NULL, 'c'}, {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	char *end;
	int c;

	memset(a, 0, sizeof(*a));
	a->time_limit = 10;
	while ((c = cli_getopt(argc, argv, "h", opts)) != -1) {
		switch (c) {
		case 'x': a->exact = true; break;
		case 'f': a->free_previous = true; break;
		case 'p': a->previous = optarg; break;
		case 'c': a->check = optarg; break;
		case 'h': schedule_help(stdout); return -1;
		case 't':
			errno = 0;
			a->time_limit = strtod(optarg, &end);
			if (errno || end == optarg || *end || !(a->time_limit > 0) ||
			    a->time_limit > 86400)
				return cli_usage_error("schedule", "--time-limit needs seconds, 0 to 86400");
			break;
		default: return CLI_USAGE;
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("schedule", "needs exactly one input FILE");
	if (a->check && (a->previous || a->exact))
		return cli_usage_error("schedule", "--check takes no other option");
	if (a->free_previous && !a->previous)
		return cli_usage_error("schedule", "--free goes with --previous");
	a->file = argv[optind];
	return 0;
}

static int load(const char *path, json_t **doc)
{
	return cli_load_batch(path, SCHEDULE_MAX_FILE, doc);
}

/* Stats that do not match the schedule they describe. */
static size_t check_stats(const json_t *out, const struct sched_input *in,
			  const struct sched_json_schedule *s)
{
	const json_t *st = json_object_get(out, "stats");
	json_int_t weight = 0, n = (json_int_t)s->n_entries;
	size_t bad = 0;

	for (size_t i = 0; i < s->n_entries; i++)
		weight += in->meetings[s->entries[i].meeting].weight;
	if (json_is_integer(json_object_get(st, "scheduled")) &&
	    json_integer_value(json_object_get(st, "scheduled")) != n) {
		printf("stats.scheduled: %lld, but %lld meetings are scheduled\n",
		       (long long)json_integer_value(json_object_get(st, "scheduled")), (long long)n);
		bad++;
	}
	if (json_is_integer(json_object_get(st, "weight")) &&
	    json_integer_value(json_object_get(st, "weight")) != weight) {
		printf("stats.weight: %lld, but the scheduled meetings weigh %lld\n",
		       (long long)json_integer_value(json_object_get(st, "weight")), (long long)weight);
		bad++;
	}
	return bad;
}

static int run_check(const struct schedule_args *a, const struct sched_input *in)
{
	struct sched_json_schedule s;
	struct sched_schedule sc;
	struct sched_violation *v = NULL;
	size_t nv = 0, bad;
	struct buf b;
	struct err e;
	json_t *out;

	if (load(a->check, &out))
		return CLI_FAIL;
	err_clear(&e);
	if (sched_json_read_schedule(out, in, true, &s, &e)) {
		json_decref(out);
		return cli_fail(&e);
	}
	sc.entries = s.entries;
	sc.n_entries = s.n_entries;
	sc.unscheduled = s.unscheduled;
	sc.n_unscheduled = s.n_unscheduled;
	sched_validate(in, &sc, &v, &nv);
	if (s.problems.data)
		fputs(s.problems.data, stdout);
	buf_init(&b, 4096);
	for (size_t i = 0; i < nv; i++) {
		buf_reset(&b);
		sched_violation_text(in, &v[i], &b);
		printf("%s\n", b.data ? b.data : "");
	}
	bad = nv + s.n_problems + check_stats(out, in, &s);
	if (bad == 0)
		printf("ok\n");
	buf_release(&b);
	free(v);
	sched_json_schedule_release(&s);
	json_decref(out);
	return bad ? CLI_FAIL : CLI_OK;
}

/* Previous places whose slot is gone: the meeting was placed again. */
static void add_previous_warnings(json_t *out, const struct sched_json_schedule *prev)
{
	json_t *warnings = json_object_get(out, "warnings");
	const char *line = prev->problems.data;

	while (line && *line) {
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);
		char *text = xstrndup(line, n);

		json_array_append_new(warnings, json_pack("{s:s, s:s+}", "record", "previous",
							  "message", text, ", placed again"));
		free(text);
		line = end ? end + 1 : NULL;
	}
}

static int run_solve(const struct schedule_args *a, const struct sched_input *in)
{
	struct sched_json_schedule prev;
	struct sched_options opt;
	struct sched_result r;
	json_t *pdoc = NULL, *out;
	struct err e;
	char *text;
	int rc;

	memset(&prev, 0, sizeof(prev));
	sched_options_init(&opt);
	opt.exact = a->exact;
	opt.time_limit = a->time_limit;
	err_clear(&e);
	if (a->previous) {
		if (load(a->previous, &pdoc))
			return CLI_FAIL;
		rc = sched_json_read_schedule(pdoc, in, false, &prev, &e);
		json_decref(pdoc);
		if (rc) {
			err_prefix_field(&e, "previous");
			return cli_fail(&e);
		}
		opt.previous = prev.entries;
		opt.n_previous = prev.n_entries;
		opt.previous_free = a->free_previous;
	}
	sched_result_init(&r);
	rc = sched_solve(in, &opt, &r, &e);
	if (rc) {
		sched_json_schedule_release(&prev);
		return cli_fail(&e);
	}
	out = sched_json_write_result(in, &r);
	add_previous_warnings(out, &prev);
	sched_json_schedule_release(&prev);
	text = jsonx_dump(out, 1, NULL);
	printf("%s\n", text);
	free(text);
	json_decref(out);
	sched_result_release(&r);
	return CLI_OK;
}

int cli_schedule(int argc, char **argv)
{
	struct schedule_args a;
	struct sched_input in;
	struct err e;
	json_t *doc;
	int rc = parse_args(argc, argv, &a);

	if (rc)
		return rc < 0 ? CLI_OK : rc;
	if (load(a.file, &doc))
		return CLI_FAIL;
	sched_input_init(&in);
	err_clear(&e);
	rc = sched_json_read_input(doc, &in, &e);
	json_decref(doc);
	if (rc)
		return cli_fail(&e);
	rc = a.check ? run_check(&a, &in) : run_solve(&a, &in);
	sched_input_release(&in);
	return rc;
}
