/*
 * fuzz_import.c - libFuzzer target for the batch input of `liaison import`
 * (organisations with their opportunities, DESIGN.md "Batch formats"):
 * the bytes parsed as the command parses its file (jsonx_parse), then
 * store_import into an in-memory store holding the demo data, inside a
 * transaction that is always rolled back (the store stays as it was).
 *
 * Oracles (abort): a failure without e.code, with e.code different from the
 * return code, without field and message, or with a server-side code
 * (ERR_IO, ERR_INTERNAL, ERR_BUSY: the import's input is the caller's
 * fault, never the program's); a success that counts no organisation
 * while the batch held some.
 */
#include "core/assets.h"
#include "core/err.h"
#include "core/jsonx.h"
#include "store/store.h"

#include "fuzz_demo.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define FZ_ROLLBACK 1

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_demo_open("fuzz_import");
	return 0;
}

struct fz_import {
	const json_t *batch;
	size_t count;
	int rc;
	struct err e;
};

static int fz_import_fn(struct store *s, void *ctx, struct err *e)
{
	struct fz_import *x = ctx;

	(void)e;
	err_clear(&x->e);
	x->rc = store_import(s, x->batch, &x->count, &x->e);
	return FZ_ROLLBACK;
}

static void check(const struct fz_import *x)
{
	const json_t *orgs = json_object_get(x->batch, "organisations");

	if (x->rc == 0) {
		if (x->count == 0 && json_array_size(orgs) > 0)
			fz_die("an import of organisations counted none", &x->e);
		return;
	}
	if (x->e.code == 0 || x->e.code != x->rc || (!x->e.field[0] && !x->e.msg[0]))
		fz_die("a failure without a proper error", &x->e);
	if (x->rc == ERR_IO || x->rc == ERR_INTERNAL || x->rc == ERR_BUSY || x->rc > 0)
		fz_die("an import answered with a server error", &x->e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_import x = {0};
	json_t *batch = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	if (jsonx_parse((const char *)data, size, &batch, &e))
		return 0; /* the command's "not JSON" line */
	x.batch = batch;
	rc = store_atomic(fz_store, fz_import_fn, &x, &e);
	if (rc != FZ_ROLLBACK)
		fz_die("the transaction did not roll back as asked", &e);
	check(&x);
	json_decref(batch);
	return 0;
}
