/*
 * cmd_schedule.c - `liaison schedule`: the meeting scheduler on a batch file
 * (DESIGN.md's format), and `--check`, the independent schedule validator.
 */
#include "cli/cli.h"

#include "cli/cli_internal.h"

#include <stdio.h>
#include <string.h>

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

int cli_schedule(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			schedule_help(stdout);
			return CLI_OK;
		}
	}
	return cli_usage_error("schedule", "not implemented yet");
}
