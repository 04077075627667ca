/*
 * test_store_util.h - helpers shared by the tests of src/store (included by
 * each tests/unit/test_store*.c; every function is static).
 */
#ifndef LIAISON_TEST_STORE_UTIL_H
#define LIAISON_TEST_STORE_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/jsonx.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static __attribute__((unused)) struct store * tst_open(void)
{
	struct store *s = NULL;
	struct err e;

	err_clear(&e);
	if (store_open(&s, ":memory:", STORE_MIGRATE, &e) != 0)
		fail_msg("store_open: %s: %s", e.field, e.msg);
	return s;
}

/* Parses a JSON literal of the test. */
static __attribute__((unused)) json_t * tst_json(const char *text)
{
	json_error_t je;
	json_t *v = json_loads(text, JSON_REJECT_DUPLICATES, &je);

	if (!v)
		fail_msg("bad JSON in test: %s: %s", text, je.text);
	return v;
}

/* Creates res from a JSON literal; fails the test on error; returns the resource. */
static __attribute__((unused)) json_t * tst_create(struct store *s, enum store_res res, const char *text)
{
	json_t *body = tst_json(text);
	json_t *out = NULL;
	struct err e;

	err_clear(&e);
	if (store_create(s, res, body, &out, &e) != 0)
		fail_msg("create %s %s: %s: %s", store_res_name(res), text, e.field, e.msg);
	json_decref(body);
	return out;
}

static __attribute__((unused)) int64_t tst_create_id(struct store *s, enum store_res res, const char *text)
{
	json_t *out = tst_create(s, res, text);
	int64_t id = json_integer_value(json_object_get(out, "id"));

	json_decref(out);
	assert_true(id > 0);
	return id;
}

/* Creates res from a JSON literal and returns rc; e gets the error. */
static __attribute__((unused)) int tst_create_err(struct store *s, enum store_res res, const char *text, struct err *e)
{
	json_t *body = tst_json(text);
	json_t *out = NULL;
	int rc;

	err_clear(e);
	rc = store_create(s, res, body, &out, e);
	json_decref(body);
	json_decref(out);
	return rc;
}

/* Asserts that creating text fails with code on field. */
#define tst_refused(s, res, text, code, fieldname)                                                 \
	do {                                                                                       \
		struct err e_;                                                                     \
		int rc_ = tst_create_err(s, res, text, &e_);                                       \
		if (rc_ != (code) || strcmp(e_.field, fieldname) != 0)                              \
			fail_msg("%s: expected %d on '%s', got %d on '%s': %s", text, code,          \
				 fieldname, rc_, e_.field, e_.msg);                                 \
	} while (0)

static __attribute__((unused)) int64_t tst_int(const json_t *obj, const char *key)
{
	return json_integer_value(json_object_get(obj, key));
}

/* Lists res with the parameters of a JSON literal; fails the test on error. */
static __attribute__((unused)) json_t * tst_list(struct store *s, enum store_res res, const char *params)
{
	json_t *p = tst_json(params);
	json_t *out = NULL;
	struct err e;

	err_clear(&e);
	if (store_list(s, res, p, &out, &e) != 0)
		fail_msg("list %s %s: %s: %s", store_res_name(res), params, e.field, e.msg);
	json_decref(p);
	return out;
}

static __attribute__((unused)) size_t tst_count(struct store *s, enum store_res res, const char *params)
{
	json_t *out = tst_list(s, res, params);
	size_t n = json_array_size(json_object_get(out, "items"));

	json_decref(out);
	return n;
}

#endif
