/*
 * sched_gen.c - writes a generated scheduling instance as a `liaison
 * schedule` input document on stdout (for tests and benchmarks).
 *
 * usage: sched_gen [-s SEED] [-P people] [-M meetings] [-T slots] [-L tables]
 *                  [-d days] [-o online_share] [-u (not hybrid)]
 */
#include "cli/sched_json.h"
#include "core/jsonx.h"
#include "sched/gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int number(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

int main(int argc, char **argv)
{
	struct sched_gen_params g;
	struct sched_input in;
	struct err e;
	json_t *doc;
	char *text, *end;
	long v = 0;
	int c, bad = 0;

	sched_gen_defaults(&g);
	while ((c = getopt(argc, argv, "s:P:M:T:L:d:o:u")) != -1) {
		switch (c) {
		case 's': bad |= number(optarg, 0, 1L << 30, &v); g.seed = (uint64_t)v; break;
		case 'P': bad |= number(optarg, 2, 1000000, &v); g.people = (int32_t)v; break;
		case 'M': bad |= number(optarg, 0, 10000000, &v); g.meetings = (int32_t)v; break;
		case 'T': bad |= number(optarg, 1, SCHED_MAX_SLOTS, &v); g.slots = (int32_t)v; break;
		case 'L': bad |= number(optarg, 0, 1000000, &v); g.tables = (int32_t)v; break;
		case 'd': bad |= number(optarg, 1, 365, &v); g.days = (int32_t)v; break;
		case 'o':
			g.online_share = strtod(optarg, &end);
			bad |= end == optarg || *end;
			break;
		case 'u': g.hybrid = false; break;
		default: bad = 1;
		}
	}
	if (bad || optind != argc) {
		fprintf(stderr, "usage: sched_gen [-s SEED] [-P n] [-M n] [-T n] [-L n] [-d days] "
				"[-o share] [-u]\n");
		return 2;
	}
	sched_input_init(&in);
	err_clear(&e);
	if (sched_gen(&g, &in, &e)) {
		fprintf(stderr, "sched_gen: %s\n", e.msg);
		return 1;
	}
	doc = sched_json_write_input(&in);
	text = jsonx_dump(doc, 1, NULL);
	printf("%s\n", text);
	free(text);
	json_decref(doc);
	sched_input_release(&in);
	return 0;
}
