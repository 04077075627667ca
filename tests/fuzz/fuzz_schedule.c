/*
 * fuzz_schedule.c - libFuzzer target for the batch input of `liaison
 * schedule` (DESIGN.md "Batch formats"): the bytes parsed as the command
 * parses its file (jsonx_parse, sched_json_read_input), then, when the
 * input is valid, the heuristic solver at a small effort and the output
 * document as the command writes it.
 *
 * Oracles (abort): a refused input without e.code, with e.code different
 * from the return code, without field and message, or with a code other
 * than ERR_INVALID / ERR_BAD_REQUEST; a solver failure on a valid input;
 * a result the validator (sched_validate_result) finds a violation in; an
 * output document that does not serialise.
 */
#include "cli/sched_json.h"
#include "core/err.h"
#include "core/jsonx.h"
#include "sched/sched.h"
#include "sched/validate.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static __attribute__((noreturn)) void fz_die(const char *what, const struct err *e)
{
	fprintf(stderr, "fuzz_schedule: %s (%d %s: %s)\n", what, e ? e->code : 0,
		e ? e->field : "", e ? e->msg : "");
	abort();
}

static void solve(const struct sched_input *in)
{
	struct sched_violation *v = NULL;
	struct sched_options opt;
	struct sched_result r;
	size_t nv = 0;
	struct err e;
	json_t *out;
	char *text;

	sched_options_init(&opt);
	opt.effort = 1; /* a small search: the oracle is validity, not quality */
	sched_result_init(&r);
	err_clear(&e);
	if (sched_solve(in, &opt, &r, &e))
		fz_die("the solver failed on a valid input", &e);
	sched_validate_result(in, &r, &v, &nv);
	if (nv)
		fz_die("the solver's result breaks a rule", NULL);
	free(v);
	out = sched_json_write_result(in, &r);
	text = jsonx_dump(out, 0, NULL);
	if (!text)
		fz_die("the output does not serialise", NULL);
	free(text);
	json_decref(out);
	sched_result_release(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sched_input in;
	json_t *doc = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	if (jsonx_parse((const char *)data, size, &doc, &e))
		return 0;
	sched_input_init(&in);
	rc = sched_json_read_input(doc, &in, &e);
	json_decref(doc);
	if (rc) {
		if (e.code != rc || (!e.field[0] && !e.msg[0]))
			fz_die("a refused input without a proper error", &e);
		if (rc != ERR_INVALID && rc != ERR_BAD_REQUEST)
			fz_die("a refused input with a server error", &e);
		return 0;
	}
	solve(&in);
	sched_input_release(&in);
	return 0;
}
