/*
 * test_api.c - the route table against the OpenAPI document: every route
 * the server answers is documented, every documented operation is served,
 * and each operation's "x-access" is the access the server enforces
 * (api_access_table). Also the router's matching and Allow strings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "api/api.h"
#include "core/assets.h"
#include "core/jsonx.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const struct {
	int bit;
	const char *name;
} methods[] = {{HTTP_GET, "get"},     {HTTP_POST, "post"},     {HTTP_PUT, "put"},
	       {HTTP_PATCH, "patch"}, {HTTP_DELETE, "delete"}, {HTTP_OPTIONS, "options"}};

static json_t *load_openapi(void)
{
	struct asset a = assets_openapi_json();
	json_t *doc = NULL;
	struct err e;

	assert_int_equal(jsonx_parse(a.data, a.len, &doc, &e), 0);
	return doc;
}

/* "/api/v1/organisations/{id}" -> "/organisations/{id}" (servers has /api/v1). */
static const char *doc_path(const char *pattern)
{
	return pattern + strlen("/api/v1");
}

static void test_routes_documented(void **state)
{
	json_t *doc = load_openapi();
	json_t *paths = json_object_get(doc, "paths");

	(void)state;
	assert_non_null(paths);
	for (size_t i = 0; i < api_nroutes; i++) {
		json_t *item = json_object_get(paths, doc_path(api_routes[i].pattern));

		if (!item)
			fail_msg("route %s is not in docs/openapi.json", api_routes[i].pattern);
		for (size_t m = 0; m < sizeof(methods) / sizeof(methods[0]); m++)
			if ((api_routes[i].methods & methods[m].bit) &&
			    !json_object_get(item, methods[m].name))
				fail_msg("%s %s is not documented", methods[m].name,
					 api_routes[i].pattern);
	}
	json_decref(doc);
}

static void test_documented_served(void **state)
{
	json_t *doc = load_openapi();
	json_t *paths = json_object_get(doc, "paths");
	const char *path;
	json_t *item;
	char scratch[512];
	char full[512];

	(void)state;
	json_object_foreach(paths, path, item) {
		const char *key;
		json_t *op;

		snprintf(full, sizeof(full), "/api/v1%s", path);
		json_object_foreach(item, key, op) {
			int bit = 0;
			const char *params[HTTP_MAX_PARAMS];
			size_t nparams;
			int allow;

			for (size_t m = 0; m < sizeof(methods) / sizeof(methods[0]); m++)
				if (strcasecmp(key, methods[m].name) == 0)
					bit = methods[m].bit;
			if (!bit)
				continue; /* "parameters", "summary", ... */
			if (!http_route_match(api_routes, api_nroutes, bit, full, scratch,
					      sizeof(scratch), params, &nparams, &allow))
				fail_msg("documented %s %s is not served", key, full);
		}
	}
	json_decref(doc);
}

/* The operation of docs/openapi.json for a row of api_access_table(), or NULL. */
static json_t *doc_operation(json_t *paths, const json_t *row)
{
	const char *method = json_string_value(json_object_get(row, "method"));
	const char *path = json_string_value(json_object_get(row, "path"));
	json_t *item = json_object_get(paths, doc_path(path));
	char lower[16];
	size_t i;

	for (i = 0; method[i] && i + 1 < sizeof(lower); i++)
		lower[i] = (char)tolower((unsigned char)method[i]);
	lower[i] = '\0';
	return json_object_get(item, lower);
}

static void test_access_documented(void **state)
{
	json_t *doc = load_openapi();
	json_t *paths = json_object_get(doc, "paths");
	json_t *table = api_access_table();
	size_t i, n = 0;
	json_t *row;

	(void)state;
	assert_true(json_array_size(table) > 0);
	json_array_foreach(table, i, row) {
		const char *method = json_string_value(json_object_get(row, "method"));
		const char *path = json_string_value(json_object_get(row, "path"));
		json_t *op = doc_operation(paths, row);
		json_t *want = json_object_get(row, "access");
		json_t *got = json_object_get(op, "x-access");

		if (!op)
			fail_msg("%s %s is not documented", method, path);
		if (!json_equal(want, got)) {
			char *w = json_dumps(want, JSON_COMPACT);
			char *g = got ? json_dumps(got, JSON_COMPACT) : NULL;

			fail_msg("%s %s: x-access is %s, the route table says %s", method, path,
				 g ? g : "missing", w ? w : "?");
		}
		n++;
	}
	assert_int_equal(n, json_array_size(table));
	json_decref(table);
	json_decref(doc);
}

/* 1 when name is one of api_access_name(0 .. API_ACCESS_COUNT - 1). */
static int access_name_known(const char *name)
{
	for (int b = 0; b < API_ACCESS_COUNT; b++)
		if (strcmp(name, api_access_name(b)) == 0)
			return 1;
	return 0;
}

/* Every documented operation has an x-access: a non-empty array of known names. */
static void test_access_names(void **state)
{
	json_t *doc = load_openapi();
	json_t *paths = json_object_get(doc, "paths");
	const char *path;
	json_t *item;

	(void)state;
	assert_string_equal(api_access_name(0), "public");
	assert_string_equal(api_access_name(6), "admin");
	assert_string_equal(api_access_name(API_ACCESS_COUNT - 2), "desk");
	assert_string_equal(api_access_name(API_ACCESS_COUNT - 1), "jury");
	assert_string_equal(api_access_name(API_ACCESS_COUNT), "?");
	json_object_foreach(paths, path, item) {
		const char *key;
		json_t *op;

		json_object_foreach(item, key, op) {
			json_t *access = json_object_get(op, "x-access");
			size_t i;
			json_t *v;

			if (strcmp(key, "parameters") == 0 || strcmp(key, "summary") == 0 ||
			    strcmp(key, "description") == 0)
				continue;
			if (!json_is_array(access) || json_array_size(access) == 0)
				fail_msg("%s %s has no x-access list", key, path);
			json_array_foreach(access, i, v) {
				if (!json_is_string(v) || !access_name_known(json_string_value(v)))
					fail_msg("%s %s: x-access[%zu] is unknown", key, path, i);
			}
		}
	}
	json_decref(doc);
}

static void test_router(void **state)
{
	char scratch[256];
	const char *params[HTTP_MAX_PARAMS];
	size_t n = 0;
	int allow = 0;
	char s[64];
	const struct http_route *r;

	(void)state;
	r = http_route_match(api_routes, api_nroutes, HTTP_GET, "/api/v1/organisations/42",
			     scratch, sizeof(scratch), params, &n, &allow);
	assert_non_null(r);
	assert_int_equal(n, 1);
	assert_string_equal(params[0], "42");
	r = http_route_match(api_routes, api_nroutes, HTTP_POST,
			     "/api/v1/meeting-requests/7/accept", scratch, sizeof(scratch), params,
			     &n, &allow);
	assert_non_null(r);
	assert_string_equal(params[0], "7");
	r = http_route_match(api_routes, api_nroutes, HTTP_PUT, "/api/v1/organisations", scratch,
			     sizeof(scratch), params, &n, &allow);
	assert_null(r);
	http_allow_string(allow, s, sizeof(s));
	assert_string_equal(s, "GET, HEAD, POST");
	r = http_route_match(api_routes, api_nroutes, HTTP_GET, "/api/v1/organisations/", scratch,
			     sizeof(scratch), params, &n, &allow);
	assert_null(r);
	assert_int_equal(allow, 0);
	r = http_route_match(api_routes, api_nroutes, HTTP_HEAD, "/api/v1/health", scratch,
			     sizeof(scratch), params, &n, &allow);
	assert_non_null(r);
}

static void test_problem(void **state)
{
	struct http_resp resp;
	struct err e;
	char bad[8] = {'i', 'd', '\xff', '\xe4', '\xb8', '\0'};

	(void)state;
	memset(&resp, 0, sizeof(resp));
	err_clear(&e); /* a failure that forgot to fill e */
	http_problem(NULL, &resp, &e);
	assert_int_equal(resp.status, 500);
	assert_int_equal(json_integer_value(json_object_get(resp.json, "status")), 500);
	json_decref(resp.json);

	/* invalid and cut UTF-8 in field and detail: still a JSON body */
	memset(&resp, 0, sizeof(resp));
	http_problem_status(NULL, &resp, 404, bad, "no such ref \xe4\xb8");
	assert_non_null(resp.json);
	assert_string_equal(json_string_value(json_object_get(resp.json, "field")), "id??");
	assert_string_equal(json_string_value(json_object_get(resp.json, "detail")),
			    "id??: no such ref ?");
	json_decref(resp.json);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_routes_documented),
		cmocka_unit_test(test_documented_served),
		cmocka_unit_test(test_access_documented),
		cmocka_unit_test(test_access_names),
		cmocka_unit_test(test_router),
		cmocka_unit_test(test_problem),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
