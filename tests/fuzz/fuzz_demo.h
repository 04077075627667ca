/*
 * fuzz_demo.h - what the store-backed fuzz targets share: an in-memory
 * store holding the demo data (fz_store, opened by fz_demo_open in
 * LLVMFuzzerInitialize, closed at exit) and fz_die, which names the
 * target and the error and aborts (the oracle's way to report).
 */
#ifndef LIAISON_TESTS_FUZZ_DEMO_H
#define LIAISON_TESTS_FUZZ_DEMO_H

#include "core/assets.h"
#include "core/err.h"
#include "core/jsonx.h"
#include "store/store.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

static struct store *fz_store;
static const char *fz_name;

static __attribute__((noreturn)) void fz_die(const char *what, const struct err *e)
{
	fprintf(stderr, "%s: %s (%d %s: %s)\n", fz_name, what, e ? e->code : 0,
		e ? e->field : "", e ? e->msg : "");
	abort();
}

static void fz_atexit(void)
{
	store_close(fz_store);
}

static void fz_demo_open(const char *name)
{
	struct asset o = assets_demo_organisations(), ev = assets_demo_events();
	json_t *orgs = NULL, *events = NULL;
	struct err e;

	fz_name = name;
	err_clear(&e);
	if (store_open(&fz_store, ":memory:", STORE_MIGRATE, &e) ||
	    jsonx_parse(o.data, o.len, &orgs, &e) || jsonx_parse(ev.data, ev.len, &events, &e) ||
	    store_load_demo(fz_store, orgs, events, &e))
		fz_die("cannot load the demo data", &e);
	json_decref(orgs);
	json_decref(events);
	atexit(fz_atexit);
}

#endif
