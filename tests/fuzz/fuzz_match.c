/*
 * fuzz_match.c - libFuzzer target for the batch input of `liaison match`
 * (DESIGN.md "Batch formats"): the bytes parsed as the command parses its
 * file (jsonx_parse, match_corpus_add_json), then, when the batch is valid,
 * the ranking on one thread and its output document.
 *
 * The thesaurus and the language models are loaded once
 * (LLVMFuzzerInitialize); each input gets a new corpus.
 *
 * Oracles (abort): a refused batch without e.code, with e.code different
 * from the return code, without field and message, or with a code other
 * than ERR_INVALID / ERR_BAD_REQUEST / ERR_NOT_FOUND; a ranking failure on
 * a valid batch; an output that lists an organisation as its own match,
 * is not sorted by descending score, or does not serialise.
 */
#include "core/assets.h"
#include "core/err.h"
#include "core/jsonx.h"
#include "match/match.h"
#include "text/lang.h"
#include "text/thesaurus.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct text_thesaurus *fz_th;
static struct text_langid *fz_langid;

static __attribute__((noreturn)) void fz_die(const char *what, const struct err *e)
{
	fprintf(stderr, "fuzz_match: %s (%d %s: %s)\n", what, e ? e->code : 0,
		e ? e->field : "", e ? e->msg : "");
	abort();
}

static void fz_atexit(void)
{
	text_langid_close(fz_langid);
	text_thesaurus_free(fz_th);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct asset th = assets_thesaurus();
	struct err e;

	(void)argc;
	(void)argv;
	err_clear(&e);
	if (text_thesaurus_load(&fz_th, th.data, th.len, &e))
		fz_die("cannot load the thesaurus", &e);
	if (text_langid_open(&fz_langid, NULL, &e))
		fz_langid = NULL; /* languages by script, as the command does then */
	atexit(fz_atexit);
	return 0;
}

/* Every result: no self-match, scores not increasing. */
static void check_output(const json_t *doc)
{
	const json_t *res, *m;
	size_t i, j;
	char *text;

	json_array_foreach(json_object_get(doc, "results"), i, res) {
		const char *id = json_string_value(json_object_get(res, "id"));
		double last = 2;

		json_array_foreach(json_object_get(res, "matches"), j, m) {
			const char *mid = json_string_value(json_object_get(m, "id"));
			double score = json_number_value(json_object_get(m, "score"));

			if (id && mid && strcmp(id, mid) == 0)
				fz_die("an organisation matched with itself", NULL);
			if (score > last)
				fz_die("matches not in descending score", NULL);
			last = score;
		}
	}
	text = jsonx_dump(doc, 0, NULL);
	if (!text)
		fz_die("the output does not serialise", NULL);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct match_corpus *c;
	struct match_options o;
	struct match_results r;
	json_t *doc = NULL, *out;
	struct err e;
	int rc;

	err_clear(&e);
	if (jsonx_parse((const char *)data, size, &doc, &e))
		return 0;
	memset(&r, 0, sizeof(r));
	c = match_corpus_new(fz_th, fz_langid);
	rc = match_corpus_add_json(c, doc, &e);
	json_decref(doc);
	if (rc) {
		if (e.code != rc || (!e.field[0] && !e.msg[0]))
			fz_die("a refused batch without a proper error", &e);
		if (rc != ERR_INVALID && rc != ERR_BAD_REQUEST && rc != ERR_NOT_FOUND)
			fz_die("a refused batch with a server error", &e);
		match_corpus_free(c);
		return 0;
	}
	match_options_default(&o);
	o.threads = 1;
	o.top = 3;
	if (match_run(c, &o, &r, &e))
		fz_die("the ranking failed on a valid batch", &e);
	out = match_results_json(c, &r, TEXT_LANG_EN);
	check_output(out);
	json_decref(out);
	match_results_release(&r);
	match_corpus_free(c);
	return 0;
}
