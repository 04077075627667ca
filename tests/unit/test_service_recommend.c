/*
 * test_service_recommend.c - unit tests of service/recommend.h on an
 * in-memory store: the query parameters (top, lang, unknown ones), answers
 * with the API's ids and the engine's reasons, and the cache: one build
 * for many queries, a rebuild after each change that matters and none
 * after one that does not, rejected and text-less organisations left out,
 * and a clean release (LeakSanitizer checks the cleanup).
 */
#include "test_store_util.h"

#include "service/recommend.h"

#include <inttypes.h>

static int64_t builds(void)
{
	json_t *st = service_recommend_status();
	int64_t n = tst_int(st, "builds");

	json_decref(st);
	return n;
}

static json_t *query(const char *text)
{
	return tst_json(text);
}

static int read_opts(const char *text, struct service_recommend_opts *o, struct err *e)
{
	json_t *q = query(text);
	int rc;

	service_recommend_opts_init(o);
	err_clear(e);
	rc = service_recommend_opts_read(q, o, e);
	json_decref(q);
	return rc;
}

static void test_options(void **state)
{
	static const char *const bad_top[] = {"0", "101", "-1", "x", "", "3.5", "10 ", NULL};
	struct service_recommend_opts o;
	char text[64];
	struct err e;

	(void)state;
	assert_int_equal(read_opts("{}", &o, &e), 0);
	assert_int_equal(o.top, 10);
	assert_int_equal(o.lang, TEXT_LANG_EN);
	assert_int_equal(read_opts("{\"top\": \"100\", \"lang\": \"zh-Hans\"}", &o, &e), 0);
	assert_int_equal(o.top, 100);
	assert_int_equal(o.lang, TEXT_LANG_ZH);
	assert_int_equal(read_opts("{\"top\": \"1\"}", &o, &e), 0);
	assert_int_equal(o.top, 1);
	for (int i = 0; bad_top[i]; i++) {
		snprintf(text, sizeof(text), "{\"top\": \"%s\"}", bad_top[i]);
		assert_int_equal(read_opts(text, &o, &e), ERR_BAD_REQUEST);
		assert_string_equal(e.field, "top");
	}
	assert_int_equal(read_opts("{\"lang\": \"xx\"}", &o, &e), ERR_BAD_REQUEST);
	assert_string_equal(e.field, "lang");
	assert_int_equal(read_opts("{\"limit\": \"5\"}", &o, &e), ERR_BAD_REQUEST);
	assert_string_equal(e.field, "limit");
}

struct world {
	struct store *s;
	struct service_conn *c; /* over s */
	int64_t fi, cn, de, rejected, empty, opp;
};

static void world_init(struct world *w)
{
	char text[512];

	w->s = tst_open();
	w->c = service_conn_wrap(w->s);
	w->fi =
	    tst_create_id(w->s, STORE_ORGANISATION,
			  "{\"ref\": \"fi-bus\", \"name\": \"Bussi Oy\", \"kind\": \"sme\","
			  " \"country\": \"FI\", \"languages\": [\"en\"], \"description\":"
			  " \"Electric buses and urban mobility: public transport planning.\"}");
	w->cn =
	    tst_create_id(w->s, STORE_ORGANISATION,
			  "{\"name\": \"苏州市\", \"kind\": \"city\", \"country\": \"CN\","
			  " \"languages\": [\"zh\"], \"description\": \"城市交通与公共交通规划\"}");
	w->de = tst_create_id(w->s, STORE_ORGANISATION,
			      "{\"name\": \"Wasser GmbH\", \"kind\": \"sme\", \"country\": \"DE\","
			      " \"languages\": [\"de\"], \"description\": \"Abwasserbehandlung\"}");
	w->rejected =
	    tst_create_id(w->s, STORE_ORGANISATION,
			  "{\"name\": \"Spam\", \"validation\": \"rejected\", \"country\":"
			  " \"CN\", \"description\": \"urban mobility public transport\"}");
	w->empty = tst_create_id(w->s, STORE_ORGANISATION, "{\"name\": \"No text\"}");
	snprintf(text, sizeof(text),
		 "{\"organisation_id\": %" PRId64
		 ", \"type\": \"request\", \"title\": \"公交调度\","
		 " \"ref\": \"cn-r1\", \"themes\": [\"mobility\"]}",
		 w->cn);
	w->opp = tst_create_id(w->s, STORE_OPPORTUNITY, text);
}

static json_t *reco(struct world *w, int64_t org, int rc_want)
{
	struct service_recommend_opts o;
	json_t *out = NULL;
	struct err e;
	int rc;

	service_recommend_opts_init(&o);
	err_clear(&e);
	rc = service_recommend_org(w->c, org, &o, &out, &e);
	if (rc != rc_want)
		fail_msg("recommend %" PRId64 ": %d %s: %s", org, rc, e.field, e.msg);
	return out;
}

static int has_match(const json_t *doc, int64_t id)
{
	size_t i;
	json_t *m;

	json_array_foreach(json_object_get(doc, "matches"), i, m)
	{
		if (tst_int(m, "id") == id)
			return 1;
	}
	return 0;
}

static void test_answers_and_cache(void **state)
{
	struct world w;
	json_t *doc, *m, *patch, *out = NULL;
	struct service_recommend_opts o;
	struct err e;

	(void)state;
	world_init(&w);
	assert_int_equal(builds(), 0);
	doc = reco(&w, w.fi, 0);
	assert_int_equal(builds(), 1);
	assert_int_equal(tst_int(doc, "id"), w.fi);
	assert_string_equal(jsonx_str(doc, "ref"), "fi-bus");
	m = json_array_get(json_object_get(doc, "matches"), 0);
	assert_int_equal(tst_int(m, "id"), w.cn); /* English finds Chinese */
	assert_null(json_object_get(m, "ref"));
	assert_string_equal(jsonx_str(m, "country"), "CN");
	assert_string_equal(jsonx_str(m, "kind"), "city");
	assert_true(json_is_real(json_object_get(m, "score")));
	assert_string_equal(jsonx_str(json_array_get(json_object_get(m, "reasons"), 0), "concept"),
			    "mobility");
	assert_false(has_match(doc, w.fi));
	assert_false(has_match(doc, w.rejected));
	assert_false(has_match(doc, w.empty));
	json_decref(doc);

	/* cached: other queries, an unknown id, a change that does not matter */
	json_decref(reco(&w, w.cn, 0));
	json_decref(reco(&w, 999, ERR_NOT_FOUND));
	doc = reco(&w, w.empty, 0);
	assert_int_equal(json_array_size(json_object_get(doc, "matches")), 0);
	json_decref(doc);
	doc = reco(&w, w.rejected, 0);
	assert_int_equal(json_array_size(json_object_get(doc, "matches")), 0);
	json_decref(doc);
	tst_create_id(w.s, STORE_EVENT,
		      "{\"name\": \"E\", \"time_zone\": \"UTC\", \"mode\": \"online\"}");
	json_decref(reco(&w, w.fi, 0));
	assert_int_equal(builds(), 1);

	/* a changed description: rebuilt, and the answer changes */
	patch =
	    tst_json("{\"description\": \"Abwasser und Wasserwirtschaft, wastewater treatment\"}");
	err_clear(&e);
	assert_int_equal(store_update(w.s, STORE_ORGANISATION, w.fi, patch, &out, &e), 0);
	json_decref(patch);
	json_decref(out);
	doc = reco(&w, w.fi, 0);
	assert_int_equal(builds(), 2);
	assert_true(has_match(doc, w.de));
	json_decref(doc);

	/* an opportunity's matches: never its own organisation */
	service_recommend_opts_init(&o);
	o.top = 1;
	out = NULL;
	assert_int_equal(service_recommend_opportunity(w.c, w.opp, &o, &out, &e), 0);
	assert_string_equal(jsonx_str(out, "ref"), "cn-r1");
	assert_int_equal(tst_int(out, "organisation_id"), w.cn);
	assert_string_equal(jsonx_str(out, "organisation"), "苏州市");
	assert_true(json_array_size(json_object_get(out, "matches")) <= 1);
	assert_false(has_match(out, w.cn));
	json_decref(out);
	assert_int_equal(service_recommend_opportunity(w.c, 999, &o, &out, &e), ERR_NOT_FOUND);
	assert_int_equal(builds(), 2);

	service_recommend_cleanup();
	assert_int_equal(builds(), 0);
	service_conn_close(w.c);
	store_close(w.s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_options),
	    cmocka_unit_test(test_answers_and_cache),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
