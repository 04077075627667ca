/*
 * test_store_match.c - unit tests of the recommendations' data in
 * src/store (match_source.c, migration 3): the corpus document with
 * integer ids as strings and refs, opportunities under their organisation,
 * the exclusion pairs (accepted and declined requests only, never within
 * one organisation), and the data version counter bumping on each kind of
 * change that matters and only on those.
 */
#include "test_store_util.h"

#include <inttypes.h>

static int64_t version(struct store *s)
{
	int64_t v = -1;
	struct err e;

	err_clear(&e);
	if (store_data_version(s, &v, &e) != 0)
		fail_msg("store_data_version: %s", e.msg);
	return v;
}

static json_t *source(struct store *s, int64_t *v)
{
	json_t *out = NULL;
	struct err e;

	err_clear(&e);
	if (store_match_source(s, &out, v, &e) != 0)
		fail_msg("store_match_source: %s: %s", e.field, e.msg);
	return out;
}

static void patch(struct store *s, enum store_res res, int64_t id, const char *text)
{
	json_t *body = tst_json(text), *out = NULL;
	struct err e;

	err_clear(&e);
	if (store_update(s, res, id, body, &out, &e) != 0)
		fail_msg("update %s: %s: %s", text, e.field, e.msg);
	json_decref(body);
	json_decref(out);
}

static void act(struct store *s, int64_t req, const char *action)
{
	json_t *out = NULL;
	struct err e;

	err_clear(&e);
	if (store_meeting_request_act(s, req, action, &out, &e) != 0)
		fail_msg("%s: %s", action, e.msg);
	json_decref(out);
}

static void assert_id(const json_t *obj, int64_t id)
{
	char want[24];

	snprintf(want, sizeof(want), "%" PRId64, id);
	assert_string_equal(jsonx_str(obj, "id"), want);
}

static void test_corpus_document(void **state)
{
	struct store *s = tst_open();
	int64_t a, b, c, o1, o2, o3, v = -1;
	json_t *doc, *orgs, *x;
	char text[512];

	(void)state;
	a = tst_create_id(
	    s, STORE_ORGANISATION,
	    "{\"ref\": \"cn-suzhou\", \"name\": \"苏州市\", \"kind\": \"city\","
	    " \"country\": \"CN\", \"description\": \"城市交通\", \"themes\": [\"mobility\"]}");
	b = tst_create_id(s, STORE_ORGANISATION,
			  "{\"name\": \"MobiSync Oy\", \"country\": \"FI\"}");
	c = tst_create_id(s, STORE_ORGANISATION, "{\"name\": \"Third\", \"description\": \"x\"}");
	/* created out of organisation order: the document groups them */
	snprintf(text, sizeof(text),
		 "{\"organisation_id\": %" PRId64 ", \"type\": \"offer\", \"title\": \"MaaS\","
		 " \"ref\": \"o-maas\", \"sdgs\": [11]}",
		 b);
	o1 = tst_create_id(s, STORE_OPPORTUNITY, text);
	snprintf(text, sizeof(text),
		 "{\"organisation_id\": %" PRId64 ", \"type\": \"request\", \"title\": \"公交\"}",
		 a);
	o2 = tst_create_id(s, STORE_OPPORTUNITY, text);
	snprintf(text, sizeof(text),
		 "{\"organisation_id\": %" PRId64 ", \"type\": \"offer\", \"title\": \"App\","
		 " \"state\": \"closed\"}",
		 b);
	o3 = tst_create_id(s, STORE_OPPORTUNITY, text);
	doc = source(s, &v);
	assert_int_equal(v, version(s));
	orgs = json_object_get(doc, "organisations");
	assert_int_equal(json_array_size(orgs), 3);
	assert_int_equal(json_array_size(json_object_get(doc, "exclusions")), 0);

	x = json_array_get(orgs, 0);
	assert_id(x, a);
	assert_string_equal(jsonx_str(x, "ref"), "cn-suzhou");
	assert_string_equal(jsonx_str(x, "name"), "苏州市");
	assert_string_equal(jsonx_str(x, "description"), "城市交通");
	assert_string_equal(json_string_value(json_array_get(json_object_get(x, "themes"), 0)),
			    "mobility");
	assert_null(json_object_get(x, "validation")); /* no defaults filled in */
	assert_null(json_object_get(x, "created_at"));
	assert_int_equal(json_array_size(json_object_get(x, "opportunities")), 1);
	assert_id(json_array_get(json_object_get(x, "opportunities"), 0), o2);
	assert_null(json_object_get(json_array_get(json_object_get(x, "opportunities"), 0), "ref"));

	x = json_array_get(orgs, 1);
	assert_id(x, b);
	assert_null(json_object_get(x, "ref"));
	assert_int_equal(json_array_size(json_object_get(x, "opportunities")), 2);
	x = json_object_get(x, "opportunities");
	assert_id(json_array_get(x, 0), o1);
	assert_string_equal(jsonx_str(json_array_get(x, 0), "ref"), "o-maas");
	assert_string_equal(jsonx_str(json_array_get(x, 0), "type"), "offer");
	assert_null(json_object_get(json_array_get(x, 0), "organisation_id"));
	assert_id(json_array_get(x, 1), o3);
	assert_string_equal(jsonx_str(json_array_get(x, 1), "state"), "closed");

	x = json_array_get(orgs, 2);
	assert_id(x, c);
	assert_null(json_object_get(x, "opportunities"));
	json_decref(doc);
	store_close(s);
}

/* Orgs a, b, c; people 1, 2 of a, 3 of b, 4 of c; all registered at one event. */
struct excl_world {
	struct store *s;
	int64_t org[3], p[5], ev;
};

static void excl_init(struct excl_world *w)
{
	static const int of[5] = {0, 0, 0, 1, 2};
	char text[512];

	w->s = tst_open();
	for (int i = 0; i < 3; i++) {
		snprintf(text, sizeof(text), "{\"name\": \"Org %d\", \"description\": \"d\"}", i);
		w->org[i] = tst_create_id(w->s, STORE_ORGANISATION, text);
	}
	w->ev = tst_create_id(w->s, STORE_EVENT,
			      "{\"name\": \"Fair\", \"time_zone\": \"Asia/Shanghai\","
			      " \"mode\": \"online\"}");
	for (int i = 1; i <= 4; i++) {
		snprintf(text, sizeof(text),
			 "{\"organisation_id\": %" PRId64 ", \"name\": \"P%d\"}", w->org[of[i]], i);
		w->p[i] = tst_create_id(w->s, STORE_PERSON, text);
		snprintf(text, sizeof(text),
			 "{\"event_id\": %" PRId64 ", \"person_id\": %" PRId64
			 ", \"attendance\": \"online\"}",
			 w->ev, w->p[i]);
		tst_create_id(w->s, STORE_REGISTRATION, text);
	}
}

static int64_t request(struct excl_world *w, int from, int to)
{
	char text[256];

	snprintf(text, sizeof(text),
		 "{\"event_id\": %" PRId64 ", \"requester_id\": %" PRId64
		 ", \"invitee_id\": %" PRId64 "}",
		 w->ev, w->p[from], w->p[to]);
	return tst_create_id(w->s, STORE_MEETING_REQUEST, text);
}

/* The exclusions as "a-b,c-d" with organisation indices. */
static void excl_text(struct excl_world *w, char *out, size_t n)
{
	json_t *doc = source(w->s, NULL), *pair;
	size_t i, at = 0;

	out[0] = '\0';
	json_array_foreach(json_object_get(doc, "exclusions"), i, pair)
	{
		int k[2] = {-1, -1};

		for (int j = 0; j < 2; j++)
			for (int o = 0; o < 3; o++) {
				char id[24];

				snprintf(id, sizeof(id), "%" PRId64, w->org[o]);
				if (strcmp(json_string_value(json_array_get(pair, (size_t)j)),
					   id) == 0)
					k[j] = o;
			}
		at += (size_t)snprintf(out + at, n - at, "%s%d-%d", i ? "," : "", k[0], k[1]);
	}
	json_decref(doc);
}

static void test_exclusions(void **state)
{
	struct excl_world w;
	char text[128];
	int64_t r;

	(void)state;
	excl_init(&w);
	act(w.s, request(&w, 2, 1), "accept"); /* within organisation 0: never a pair */
	r = request(&w, 3, 1);		       /* b -> a, pending: nothing yet */
	excl_text(&w, text, sizeof(text));
	assert_string_equal(text, "");
	act(w.s, r, "accept");
	act(w.s, request(&w, 4, 3), "decline"); /* c -> b */
	r = request(&w, 1, 4);			/* a -> c, then cancelled */
	act(w.s, r, "cancel");
	excl_text(&w, text, sizeof(text));
	assert_string_equal(text, "0-1,1-2");
	/* a second accepted request between a and b gives no second pair */
	act(w.s, request(&w, 2, 3), "accept");
	excl_text(&w, text, sizeof(text));
	assert_string_equal(text, "0-1,1-2");
	store_close(w.s);
}

/* Asserts that the version moved (changed != 0) or stayed since *last. */
#define assert_bumped(s, last, changed)                                                            \
	do {                                                                                       \
		int64_t now_ = version(s);                                                         \
		if ((now_ != *(last)) != (changed))                                                \
			fail_msg("line %d: version %" PRId64 " -> %" PRId64 ", expected %s",       \
				 __LINE__, *(last), now_, (changed) ? "a change" : "none");        \
		*(last) = now_;                                                                    \
	} while (0)

static void test_version_organisations(void **state)
{
	struct store *s = tst_open();
	int64_t v = version(s), org, opp;
	size_t n;
	json_t *batch;
	char text[256];
	struct err e;

	(void)state;
	org = tst_create_id(s, STORE_ORGANISATION, "{\"name\": \"A\", \"ref\": \"a\"}");
	assert_bumped(s, &v, 1);
	patch(s, STORE_ORGANISATION, org, "{\"description\": \"hydrogen\"}");
	assert_bumped(s, &v, 1);
	patch(s, STORE_ORGANISATION, org, "{\"themes\": [\"hydrogen\"]}");
	assert_bumped(s, &v, 1);
	snprintf(text, sizeof(text),
		 "{\"organisation_id\": %" PRId64 ", \"type\": \"offer\", \"title\": \"T\"}", org);
	opp = tst_create_id(s, STORE_OPPORTUNITY, text);
	assert_bumped(s, &v, 1);
	patch(s, STORE_OPPORTUNITY, opp, "{\"state\": \"closed\"}");
	assert_bumped(s, &v, 1);
	err_clear(&e);
	assert_int_equal(store_delete(s, STORE_OPPORTUNITY, opp, &e), 0);
	assert_bumped(s, &v, 1);
	tst_create_id(s, STORE_EVENT,
		      "{\"name\": \"E\", \"time_zone\": \"UTC\", \"mode\": \"online\"}");
	assert_bumped(s, &v, 0);
	batch = tst_json(
	    "{\"organisations\": [{\"id\": \"a\", \"name\": \"A2\","
	    " \"description\": \"d\"}, {\"id\": \"b\", \"name\": \"B\", \"description\": \"d\"}]}");
	if (store_import(s, batch, &n, &e) != 0)
		fail_msg("import: %s: %s", e.field, e.msg);
	json_decref(batch);
	assert_bumped(s, &v, 1);
	assert_int_equal(store_delete(s, STORE_ORGANISATION, org, &e), 0);
	assert_bumped(s, &v, 1);
	store_close(s);
}

static void test_version_requests_and_people(void **state)
{
	struct excl_world w;
	int64_t v, r;

	(void)state;
	excl_init(&w);
	v = version(w.s);
	r = request(&w, 1, 3);
	assert_bumped(w.s, &v, 0); /* pending */
	patch(w.s, STORE_MEETING_REQUEST, r, "{\"message\": \"hello\"}");
	assert_bumped(w.s, &v, 0);
	act(w.s, r, "accept");
	assert_bumped(w.s, &v, 1);
	act(w.s, r, "cancel");
	assert_bumped(w.s, &v, 1);
	act(w.s, request(&w, 1, 3), "decline");
	assert_bumped(w.s, &v, 1);
	r = request(&w, 4, 3);
	act(w.s, r, "cancel");
	assert_bumped(w.s, &v, 0);
	patch(w.s, STORE_PERSON, w.p[4], "{\"role\": \"CEO\"}");
	assert_bumped(w.s, &v, 0);
	{
		char text[64];

		snprintf(text, sizeof(text), "{\"organisation_id\": %" PRId64 "}", w.org[1]);
		patch(w.s, STORE_PERSON, w.p[4], text);
	}
	assert_bumped(w.s, &v, 1);
	store_close(w.s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_corpus_document),
	    cmocka_unit_test(test_exclusions),
	    cmocka_unit_test(test_version_organisations),
	    cmocka_unit_test(test_version_requests_and_people),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
