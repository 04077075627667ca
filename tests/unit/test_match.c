/*
 * test_match.c - unit tests of src/match: the scoring rules (never oneself,
 * complementarity, cross-border preference, kind as a soft preference,
 * twinning between cities, exclusions), cross-language matching with
 * reasons from both sides, opportunities, declared-only profiles, and
 * determinism (two runs, 1 vs 2 threads, index vs brute force).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/assets.h"
#include "match/match.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct text_thesaurus *th;
static struct text_langid *lid;

static int setup(void **state)
{
	struct asset a = assets_thesaurus();
	struct err e;

	(void)state;
	err_clear(&e);
	if (text_thesaurus_load(&th, a.data, a.len, &e) != 0)
		return -1;
	return text_langid_open(&lid, NULL, &e);
}

static int teardown(void **state)
{
	(void)state;
	text_thesaurus_free(th);
	text_langid_close(lid);
	return 0;
}

static struct match_corpus *corpus(const char *json)
{
	json_error_t je;
	json_t *doc = json_loads(json, 0, &je);
	struct match_corpus *c;
	struct err e;

	if (!doc)
		fail_msg("bad test JSON: %s (line %d)", je.text, je.line);
	c = match_corpus_new(th, lid);
	err_clear(&e);
	if (match_corpus_add_json(c, doc, &e) != 0)
		fail_msg("%s: %s", e.field, e.msg);
	json_decref(doc);
	return c;
}

static void opts(struct match_options *o)
{
	match_options_default(o);
	o->threads = 1;
	o->min_score = 0.0001;
}

static struct match_list rank(struct match_corpus *c, const char *id, const struct match_options *o)
{
	struct match_list l;
	int64_t i = match_corpus_find(c, id);
	struct err e;

	assert_true(i >= 0);
	err_clear(&e);
	assert_int_equal(match_org(c, (size_t)i, o, &l, &e), 0);
	return l;
}

/* The rank of id in l, or -1. */
static int pos(const struct match_corpus *c, const struct match_list *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(match_corpus_id(c, l->hits[i].org), id) == 0)
			return (int)i;
	return -1;
}

static double score(const struct match_corpus *c, const struct match_list *l, const char *id)
{
	int p = pos(c, l, id);

	if (p < 0)
		fail_msg("%s is not in the list", id);
	return l->hits[p].score;
}

/* ---- rules ---- */

static const char complementary_json[] =
    "{\"organisations\": ["
    "{\"id\": \"fi-q\", \"ref\": \"fi-q-ref\", \"name\": \"Q\", \"kind\": \"sme\", \"country\": "
    "\"FI\","
    " \"opportunities\": [{\"id\": \"q1\", \"ref\": \"q1-ref\", \"type\": \"offer\", \"title\": "
    "\"Charging"
    " stations for electric buses\"}]},"
    "{\"id\": \"cn-req\", \"name\": \"R\", \"kind\": \"sme\", \"country\": \"CN\","
    " \"opportunities\": [{\"id\": \"r1\", \"type\": \"request\", \"title\": \"Charging"
    " stations for electric buses\"}]},"
    "{\"id\": \"cn-off\", \"name\": \"O\", \"kind\": \"sme\", \"country\": \"CN\","
    " \"opportunities\": [{\"id\": \"o1\", \"type\": \"offer\", \"title\": \"Charging"
    " stations for electric buses\"}]},"
    "{\"id\": \"de-off\", \"name\": \"D\", \"kind\": \"sme\", \"country\": \"DE\","
    " \"opportunities\": [{\"id\": \"d1\", \"type\": \"offer\", \"title\": \"Charging"
    " stations for electric buses\"}]}]}";

static void test_never_oneself_and_sorted(void **state)
{
	struct match_corpus *c = corpus(complementary_json);
	struct match_options o;
	struct match_results r;
	struct err e;

	(void)state;
	opts(&o);
	err_clear(&e);
	assert_int_equal(match_run(c, &o, &r, &e), 0);
	assert_int_equal(r.n, 4);
	for (size_t i = 0; i < r.n; i++) {
		assert_int_equal(r.lists[i].org, i);
		assert_int_equal(r.lists[i].n, 3);
		for (size_t k = 0; k < r.lists[i].n; k++) {
			assert_int_not_equal(r.lists[i].hits[k].org, i);
			assert_true(r.lists[i].hits[k].score > 0 && r.lists[i].hits[k].score <= 1);
			if (k > 0)
				assert_true(r.lists[i].hits[k].score <=
					    r.lists[i].hits[k - 1].score);
		}
	}
	match_results_release(&r);
	match_corpus_free(c);
}

static void test_complementarity(void **state)
{
	struct match_corpus *c = corpus(complementary_json);
	struct match_options o;
	struct match_list l;
	int p;

	(void)state;
	opts(&o);
	l = rank(c, "fi-q", &o);
	/* an offer meeting a request counts more than two offers */
	assert_true(score(c, &l, "cn-req") > score(c, &l, "cn-off"));
	assert_int_equal(pos(c, &l, "cn-req"), 0);
	p = pos(c, &l, "cn-req");
	assert_true(l.hits[p].nreasons >= 1);
	assert_int_equal(l.hits[p].reasons[0].complementary, 1);
	p = pos(c, &l, "cn-off");
	assert_int_equal(l.hits[p].reasons[0].complementary, 0);
	match_list_release(&l);
	match_corpus_free(c);
}

static void test_cross_border_preference(void **state)
{
	struct match_corpus *c = corpus(complementary_json);
	struct match_options o;
	struct match_list l;

	(void)state;
	opts(&o);
	l = rank(c, "fi-q", &o);
	/* same profile: the Chinese offer is preferred to the German one */
	assert_true(score(c, &l, "cn-off") > score(c, &l, "de-off"));
	match_list_release(&l);
	o.cross_border = 0;
	l = rank(c, "fi-q", &o);
	assert_true(score(c, &l, "cn-off") == score(c, &l, "de-off"));
	/* equal scores: the smaller id first */
	assert_true(pos(c, &l, "cn-off") < pos(c, &l, "de-off"));
	match_list_release(&l);
	match_corpus_free(c);
}

static const char kinds_json[] =
    "{\"organisations\": ["
    "{\"id\": \"fi-city\", \"name\": \"City\", \"kind\": \"city\", \"country\": \"FI\","
    " \"opportunities\": [{\"id\": \"c1\", \"type\": \"request\", \"title\": \"Flood"
    " protection and climate adaptation for the harbour district\"}]},"
    "{\"id\": \"cn-city\", \"name\": \"Twin\", \"kind\": \"city\", \"country\": \"CN\","
    " \"opportunities\": [{\"id\": \"t1\", \"type\": \"request\", \"title\": \"Flood"
    " protection and climate adaptation for the harbour district\"}]},"
    "{\"id\": \"cn-sme\", \"name\": \"Sme\", \"kind\": \"sme\", \"country\": \"CN\","
    " \"opportunities\": [{\"id\": \"s1\", \"type\": \"request\", \"title\": \"Flood"
    " protection and climate adaptation for the harbour district\"}]},"
    "{\"id\": \"cn-company\", \"name\": \"Co\", \"kind\": \"company\", \"country\": \"CN\","
    " \"opportunities\": [{\"id\": \"k1\", \"type\": \"offer\", \"title\": \"Flood"
    " protection and climate adaptation for the harbour district\"}]},"
    "{\"id\": \"cn-assoc\", \"name\": \"As\", \"kind\": \"association\", \"country\": \"CN\","
    " \"opportunities\": [{\"id\": \"a1\", \"type\": \"offer\", \"title\": \"Flood"
    " protection and climate adaptation for the harbour district\"}]}]}";

static void test_kind_soft_preference_and_twinning(void **state)
{
	struct match_corpus *c = corpus(kinds_json);
	struct match_options o;
	struct match_list l;

	(void)state;
	opts(&o);
	l = rank(c, "fi-city", &o);
	/* a city's request finds the company that offers, and the association too */
	assert_true(pos(c, &l, "cn-company") >= 0);
	assert_true(pos(c, &l, "cn-assoc") >= 0);
	assert_true(score(c, &l, "cn-company") > score(c, &l, "cn-assoc"));
	/* two cities with the same need suit twinning; two SME requests do not */
	assert_true(score(c, &l, "cn-city") > score(c, &l, "cn-sme"));
	match_list_release(&l);
	match_corpus_free(c);
}

static void test_exclusions(void **state)
{
	struct match_corpus *c;
	struct match_options o;
	struct match_list l;
	struct err e;
	char *json = malloc(sizeof(complementary_json) + 64);

	(void)state;
	opts(&o);
	snprintf(json, sizeof(complementary_json) + 64,
		 "%.*s, \"exclusions\": [[\"fi-q\", \"cn-req\"]]}",
		 (int)strlen(complementary_json) - 1, complementary_json);
	c = corpus(json);
	free(json);
	l = rank(c, "fi-q", &o);
	assert_int_equal(pos(c, &l, "cn-req"), -1);
	assert_true(pos(c, &l, "cn-off") >= 0);
	match_list_release(&l);
	l = rank(c, "cn-req", &o);
	assert_int_equal(pos(c, &l, "fi-q"), -1);
	match_list_release(&l);
	/* the C API, after preparing */
	err_clear(&e);
	assert_int_equal(match_corpus_exclude(c, "fi-q", "cn-off", &e), 0);
	l = rank(c, "fi-q", &o);
	assert_int_equal(pos(c, &l, "cn-off"), -1);
	match_list_release(&l);
	assert_int_equal(match_corpus_exclude(c, "fi-q", "nobody", &e), ERR_NOT_FOUND);
	match_corpus_free(c);
}

/* ---- across languages ---- */

static const char languages_json[] =
    "{\"organisations\": ["
    "{\"id\": \"fi-maas\", \"name\": \"Helsinki MaaS Oy\", \"kind\": \"sme\", \"country\": \"FI\","
    " \"languages\": [\"fi\", \"en\"],"
    " \"description\": \"We build urban mobility platforms: journey planning and ticketing for"
    " public transport operators.\"},"
    "{\"id\": \"cn-suzhou\", \"name\": \"Suzhou\", \"kind\": \"city\", \"country\": \"CN\","
    " \"languages\": [\"zh\"], \"description\": \"苏州是长三角重要城市。\","
    " \"opportunities\": [{\"id\": \"sz1\", \"type\": \"request\", \"title\": \"城市交通合作\","
    " \"description\": \"希望引进欧洲的公共交通和智慧出行解决方案，缓解交通拥堵。\"}]},"
    "{\"id\": \"cn-shenyang\", \"name\": \"Shenyang\", \"kind\": \"city\", \"country\": \"CN\","
    " \"languages\": [\"zh\"], \"opportunities\": [{\"id\": \"sy1\", \"type\": \"request\","
    " \"title\": \"养老服务\", \"description\": \"寻求居家养老和智慧养老方面的合作伙伴。\"}]},"
    "{\"id\": \"jp-care\", \"name\": \"Sakura Kaigo\", \"kind\": \"sme\", \"country\": \"JP\","
    " \"languages\": [\"ja\"], \"description\": \"高齢者向けの在宅介護サービスと見守りシステムを"
    "提供しています。\"},"
    "{\"id\": \"fr-velo\", \"name\": \"Vélo Lyon\", \"kind\": \"sme\", \"country\": \"FR\","
    " \"languages\": [\"fr\"], \"description\": \"Nous développons la mobilité urbaine et les"
    " transports en commun pour les villes.\"}]}";

static void test_cross_language(void **state)
{
	struct match_corpus *c = corpus(languages_json);
	struct match_options o;
	struct match_list l;
	const struct match_reason *r;
	int p;

	(void)state;
	opts(&o);
	l = rank(c, "fi-maas", &o);
	/* the Chinese city asking for transport comes first, the elderly-care one not before */
	assert_int_equal(pos(c, &l, "cn-suzhou"), 0);
	assert_true(pos(c, &l, "cn-shenyang") < 0 ||
		    score(c, &l, "cn-shenyang") < score(c, &l, "cn-suzhou") / 2);
	p = pos(c, &l, "cn-suzhou");
	r = &l.hits[p].reasons[0];
	assert_string_equal(text_concept_id(th, r->concept), "mobility");
	/* evidence from both sides, each in its own language */
	assert_true(r->nself > 0 && r->nother > 0);
	assert_non_null(strstr(r->evidence[0], "mobility"));
	assert_non_null(strstr(r->evidence[r->nself], "交通"));
	match_list_release(&l);
	/* a Japanese elderly-care firm finds the Chinese city asking for elderly care */
	l = rank(c, "jp-care", &o);
	assert_int_equal(pos(c, &l, "cn-shenyang"), 0);
	assert_string_equal(text_concept_id(th, l.hits[0].reasons[0].concept), "elderly-care");
	match_list_release(&l);
	match_corpus_free(c);
}

static void test_opportunity_and_declared(void **state)
{
	struct match_corpus *c = corpus(
	    "{\"organisations\": ["
	    "{\"id\": \"de-multi\", \"name\": \"Multi GmbH\", \"kind\": \"company\","
	    " \"country\": \"DE\", \"opportunities\": ["
	    "  {\"id\": \"m1\", \"type\": \"offer\", \"title\": \"Grüner Wasserstoff und"
	    "   Elektrolyseure\"},"
	    "  {\"id\": \"m2\", \"type\": \"request\", \"title\": \"Partner für Altenpflege\"}]},"
	    "{\"id\": \"cn-h2\", \"name\": \"H2\", \"country\": \"CN\", \"description\": \"-\","
	    " \"themes\": [\"hydrogen\"]},"
	    "{\"id\": \"cn-care\", \"name\": \"Care\", \"country\": \"CN\", \"description\": \"-\","
	    " \"themes\": [\"elderly-care\"], \"sectors\": [\"Q87.1\"]}]}");
	struct match_options o;
	struct match_list l;
	struct err e;
	int64_t org = match_corpus_find(c, "de-multi");
	int64_t opp = match_corpus_find_opp(c, (size_t)org, "m2");

	(void)state;
	opts(&o);
	err_clear(&e);
	assert_true(opp == 1);
	assert_int_equal(match_opportunity(c, (size_t)org, (size_t)opp, &o, &l, &e), 0);
	assert_int_equal(l.opp, 1);
	assert_int_equal(pos(c, &l, "cn-care"), 0);
	assert_int_equal(pos(c, &l, "de-multi"), -1);
	assert_int_equal(pos(c, &l, "cn-h2"), -1);
	/* declared themes are evidence too */
	assert_string_equal(l.hits[0].reasons[0].evidence[l.hits[0].reasons[0].nself],
			    "elderly-care");
	match_list_release(&l);
	assert_int_equal(match_opportunity(c, (size_t)org, 0, &o, &l, &e), 0);
	assert_int_equal(pos(c, &l, "cn-h2"), 0);
	match_list_release(&l);
	assert_int_equal(match_opportunity(c, (size_t)org, 9, &o, &l, &e), ERR_NOT_FOUND);
	match_corpus_free(c);
}

static void test_add_after_prepare(void **state)
{
	struct match_corpus *c = corpus(complementary_json);
	struct match_org_in in;
	struct match_options o;
	struct match_list l;
	struct err e;

	(void)state;
	opts(&o);
	l = rank(c, "fi-q", &o);
	assert_int_equal(l.n, 3);
	match_list_release(&l);
	memset(&in, 0, sizeof(in));
	in.id = "cn-new";
	in.name = "New";
	in.country = "CN";
	in.description = "电动公交充电桩";
	err_clear(&e);
	assert_int_equal(match_corpus_add(c, &in, &e), 0);
	assert_int_equal(match_corpus_add(c, &in, &e), ERR_INVALID);
	assert_string_equal(e.field, "id");
	l = rank(c, "fi-q", &o);
	assert_int_equal(l.n, 4);
	assert_true(pos(c, &l, "cn-new") >= 0);
	match_list_release(&l);
	match_corpus_free(c);
}

/* ---- determinism ---- */

static char *run_json(struct match_corpus *c, const struct match_options *o)
{
	struct match_results r;
	struct err e;
	json_t *doc;
	char *s;

	err_clear(&e);
	assert_int_equal(match_run(c, o, &r, &e), 0);
	doc = match_results_json(c, &r, TEXT_LANG_EN);
	s = json_dumps(doc, JSON_PRESERVE_ORDER | JSON_COMPACT);
	json_decref(doc);
	match_results_release(&r);
	return s;
}

static void test_determinism_demo(void **state)
{
	struct asset demo = assets_demo_organisations();
	struct match_options o;
	struct match_corpus *c;
	char *one, *two, *again, *brute;
	char *json = malloc(demo.len + 1);

	(void)state;
	memcpy(json, demo.data, demo.len);
	json[demo.len] = '\0';
	c = corpus(json);
	free(json);
	match_options_default(&o);
	o.threads = 1;
	one = run_json(c, &o);
	again = run_json(c, &o);
	o.threads = 2;
	two = run_json(c, &o);
	o.brute_force = 1;
	brute = run_json(c, &o);
	assert_string_equal(one, again);
	assert_string_equal(one, two);
	assert_string_equal(one, brute);
	assert_true(strlen(one) > 1000);
	free(one);
	free(two);
	free(again);
	free(brute);
	match_corpus_free(c);
}

/* A generated corpus where candidates must be chosen among many. */
static struct match_corpus *generated(size_t n)
{
	static const char *const phrases[] = {
	    "urban mobility",	"电动公交",	  "économie circulaire",
	    "Wasserstoff",	"养老服务",	  "smart city",
	    "介護サービス",	"energia solare", "kiertotalous",
	    "物流园区",		"digital twin",	  "qualité de l'air",
	    "eventi culturali", "gestão da água", "5G网络",
	};
	static const char *const countries[] = {"CN", "FI", "DE", "FR", "PT", "IT", "JP"};
	static const char *const kinds[] = {"city", "sme", "company", "institute", "association"};
	struct match_corpus *c = match_corpus_new(th, lid);
	uint64_t seed = 42;

	for (size_t i = 0; i < n; i++) {
		char id[32], desc[256];
		struct match_org_in in;
		struct err e;
		size_t len = 0;

		for (int k = 0; k < 3; k++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			len += (size_t)snprintf(desc + len, sizeof(desc) - len, "%s; ",
						phrases[(seed >> 33) % 15]);
		}
		snprintf(id, sizeof(id), "org-%04zu", i);
		memset(&in, 0, sizeof(in));
		in.id = id;
		in.name = id;
		in.country = countries[(seed >> 40) % 7];
		in.kind = kinds[(seed >> 45) % 5];
		in.description = desc;
		err_clear(&e);
		assert_int_equal(match_corpus_add(c, &in, &e), 0);
	}
	return c;
}

static void test_determinism_index_vs_brute(void **state)
{
	struct match_corpus *c = generated(400);
	struct match_options o;
	char *a, *b, *d;

	(void)state;
	match_options_default(&o);
	o.threads = 2;
	o.candidates = 400; /* every candidate: exactly the brute force */
	a = run_json(c, &o);
	o.threads = 1;
	o.brute_force = 1;
	b = run_json(c, &o);
	assert_string_equal(a, b);
	o.brute_force = 0;
	o.candidates = 200;
	d = run_json(c, &o);
	o.threads = 2;
	free(a);
	a = run_json(c, &o);
	assert_string_equal(a, d);
	free(a);
	free(b);
	free(d);
	match_corpus_free(c);
}

/* ---- bad input ---- */

struct bad_case {
	const char *json, *field, *msg;
};

static void test_bad_input(void **state)
{
	static const struct bad_case cases[] = {
	    {"[]", "", "JSON object"},
	    {"{}", "organisations", "must be an array"},
	    {"{\"organisations\": [], \"foo\": 1}", "foo", "unknown field"},
	    {"{\"organisations\": [{\"name\": \"A\", \"description\": \"d\"}]}",
	     "organisations[0].id", "is required"},
	    {"{\"organisations\": [{\"id\": \"a\", \"description\": \"d\"}]}",
	     "organisations[0].name", "is required"},
	    {"{\"organisations\": [{\"id\": \"a b\", \"name\": \"A\", \"description\": \"d\"}]}",
	     "organisations[0].id", "must be 1-64 of"},
	    {"{\"organisations\": [{\"id\": \"a\", \"name\": \"A\", \"kind\": \"town\","
	     " \"description\": \"d\"}]}",
	     "organisations[0].kind", "must be one of city, region, sme"},
	    {"{\"organisations\": [{\"id\": \"a\", \"name\": \"A\", \"country\": \"fi\","
	     " \"description\": \"d\"}]}",
	     "organisations[0].country", "ISO 3166-1"},
	    {"{\"organisations\": [{\"id\": \"a\", \"name\": \"A\", \"sdgs\": [3, 18],"
	     " \"description\": \"d\"}]}",
	     "organisations[0].sdgs[1]", "from 1 to 17"},
	    {"{\"organisations\": [{\"id\": \"a\", \"name\": \"A\", \"sectors\": [\"Z99\"],"
	     " \"description\": \"d\"}]}",
	     "organisations[0].sectors[0]", "NACE code"},
	    {"{\"organisations\": [{\"id\": \"a\", \"name\": \"A\", \"themes\": [\"Mobility\"],"
	     " \"description\": \"d\"}]}",
	     "organisations[0].themes[0]", "[a-z0-9-]"},
	    {"{\"organisations\": [{\"id\": \"a\", \"name\": \"A\", \"description\": 5}]}",
	     "organisations[0].description", "must be a string"},
	    {"{\"organisations\": [{\"id\": \"a\", \"name\": \"A\", \"colour\": \"red\","
	     " \"description\": \"d\"}]}",
	     "organisations[0].colour", "unknown field"},
	    {"{\"organisations\": [{\"id\": \"a\", \"name\": \"A\"}]}", "organisations[0]",
	     "needs a description or opportunities"},
	    {"{\"organisations\": [{\"id\": \"a\", \"name\": \"A\", \"description\": \"d\"},"
	     " {\"id\": \"b\", \"name\": \"B\", \"opportunities\": [{\"id\": \"o1\","
	     " \"type\": \"gift\", \"title\": \"T\"}]}]}",
	     "organisations[1].opportunities[0].type", "must be one of offer, request"},
	    {"{\"organisations\": [{\"id\": \"b\", \"name\": \"B\", \"opportunities\":"
	     " [{\"id\": \"o1\", \"type\": \"offer\"}]}]}",
	     "organisations[0].opportunities[0].title", "is required"},
	    {"{\"organisations\": [{\"id\": \"b\", \"name\": \"B\", \"opportunities\":"
	     " [{\"id\": \"o1\", \"type\": \"offer\", \"title\": \"T\", \"deadline\": "
	     "\"2026-13-01\"}]}]}",
	     "organisations[0].opportunities[0].deadline", "YYYY-MM-DD"},
	    {"{\"organisations\": [{\"id\": \"a\", \"name\": \"A\", \"description\": \"d\"},"
	     " {\"id\": \"a\", \"name\": \"B\", \"description\": \"d\"}]}",
	     "organisations[1].id", "duplicate id 'a'"},
	    {"{\"organisations\": [{\"id\": \"a\", \"name\": \"A\", \"description\": \"d\"}],"
	     " \"exclusions\": [[\"a\", \"z\"]]}",
	     "exclusions[0][1]", "unknown organisation 'z'"},
	    {"{\"organisations\": [{\"id\": \"a\", \"name\": \"A\", \"description\": \"d\"}],"
	     " \"exclusions\": [\"a\"]}",
	     "exclusions[0]", "pair of organisation ids"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *doc = json_loads(cases[i].json, 0, NULL);
		struct match_corpus *c = match_corpus_new(th, lid);
		struct err e;
		int rc;

		assert_non_null(doc);
		err_clear(&e);
		rc = match_corpus_add_json(c, doc, &e);
		if (rc != ERR_INVALID || strcmp(e.field, cases[i].field) != 0 ||
		    !strstr(e.msg, cases[i].msg))
			fail_msg("case %zu: rc %d, '%s': '%s'", i, rc, e.field, e.msg);
		/* all or nothing */
		assert_int_equal(match_corpus_count(c), 0);
		json_decref(doc);
		match_corpus_free(c);
	}
}

static void test_bad_input_too_long(void **state)
{
	size_t n = 10001;
	char *desc = malloc(n + 1);
	json_t *doc;
	struct match_corpus *c = match_corpus_new(th, lid);
	struct err e;

	(void)state;
	memset(desc, 'a', n);
	desc[n] = '\0';
	doc = json_pack("{s:[{s:s, s:s, s:s}]}", "organisations", "id", "a", "name", "A",
			"description", desc);
	err_clear(&e);
	assert_int_equal(match_corpus_add_json(c, doc, &e), ERR_INVALID);
	assert_string_equal(e.field, "organisations[0].description");
	assert_non_null(strstr(e.msg, "at most 10000 characters"));
	json_decref(doc);
	free(desc);
	match_corpus_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_never_oneself_and_sorted),
	    cmocka_unit_test(test_complementarity),
	    cmocka_unit_test(test_cross_border_preference),
	    cmocka_unit_test(test_kind_soft_preference_and_twinning),
	    cmocka_unit_test(test_exclusions),
	    cmocka_unit_test(test_cross_language),
	    cmocka_unit_test(test_opportunity_and_declared),
	    cmocka_unit_test(test_add_after_prepare),
	    cmocka_unit_test(test_determinism_demo),
	    cmocka_unit_test(test_determinism_index_vs_brute),
	    cmocka_unit_test(test_bad_input),
	    cmocka_unit_test(test_bad_input_too_long),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
