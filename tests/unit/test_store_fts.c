/*
 * test_store_fts.c - full-text search through the "liaison" tokenizer:
 * Chinese, Japanese, French, German, Portuguese, Finnish and English text,
 * accent- and case-insensitive; the index kept in step with every write
 * (FTS5 integrity-check); q that FTS5 would misread is harmless.
 */
#include "test_store_util.h"

#include "store/store_int.h"

static struct store *fts_store(void)
{
	struct store *s = tst_open();
	json_t *batch = tst_json(
		"{\"organisations\": ["
		" {\"id\": \"cn\", \"name\": \"成都市\", \"city\": \"Chengdu\","
		"  \"description\": \"推进城市交通和绿色能源\", \"interests\": [\"智慧城市\"]},"
		" {\"id\": \"jp\", \"name\": \"北九州市\", \"description\": \"介護ロボットとモビリティ\"},"
		" {\"id\": \"fr\", \"name\": \"Lyon Métropole\", \"description\": \"Mobilité urbaine\"},"
		" {\"id\": \"fr2\", \"name\": \"Acme\", \"description\": \"SERVICES DE MOBILITE\"},"
		" {\"id\": \"de\", \"name\": \"Stadtwerke\", \"description\": \"Mobilität und Energie\"},"
		" {\"id\": \"pt\", \"name\": \"Porto\", \"description\": \"Economia circular e resíduos\"},"
		" {\"id\": \"fi\", \"name\": \"Tampereen kaupunki\","
		"  \"description\": \"Älykäs liikenne ja kiertotalous\"},"
		" {\"id\": \"en\", \"name\": \"Green Park\", \"pillar_industries\": [\"Clean energy\"],"
		"  \"opportunities\": [{\"id\": \"en-1\", \"type\": \"offer\","
		"   \"title\": \"Electric buses\", \"description\": \"Fleet electrification\"}]}"
		"]}");
	struct err e;
	size_t n;

	if (store_import(s, batch, &n, &e))
		fail_msg("import: %s: %s", e.field, e.msg);
	json_decref(batch);
	return s;
}

/* The refs of the organisations that q finds, comma-separated. */
static void found(struct store *s, const char *q, char *out, size_t n)
{
	json_t *params = json_object();
	json_t *res, *items;
	struct err e;
	size_t o = 0;

	json_object_set_new(params, "q", json_string(q));
	if (store_list(s, STORE_ORGANISATION, params, &res, &e))
		fail_msg("q=%s: %s: %s", q, e.field, e.msg);
	items = json_object_get(res, "items");
	out[0] = '\0';
	for (size_t i = 0; i < json_array_size(items) && o < n; i++)
		o += (size_t)snprintf(out + o, n - o, "%s%s", i ? "," : "",
				      jsonx_str(json_array_get(items, i), "ref"));
	json_decref(res);
	json_decref(params);
}

#define FINDS(s, q, want)                                                                          \
	do {                                                                                       \
		char got_[256];                                                                    \
		found(s, q, got_, sizeof(got_));                                                   \
		if (strcmp(got_, want) != 0)                                                       \
			fail_msg("q=%s: expected [%s], got [%s]", q, want, got_);                  \
	} while (0)

static void test_fts_scripts(void **state)
{
	struct store *s = fts_store();

	(void)state;
	FINDS(s, "交通", "cn");
	FINDS(s, "城市交通", "cn");
	FINDS(s, "绿色能源", "cn");
	FINDS(s, "智慧城市", "cn"); /* interests */
	FINDS(s, "成都", "cn");
	FINDS(s, "chengdu", "cn"); /* city */
	FINDS(s, "介護", "jp");
	FINDS(s, "モビリティ", "jp");
	FINDS(s, "mobilité", "fr,fr2");
	FINDS(s, "MOBILITE", "fr,fr2");
	FINDS(s, "Mobilite urbaine", "fr");
	FINDS(s, "métropole", "fr");
	FINDS(s, "Mobilität", "de");
	FINDS(s, "mobilitat", "de");
	FINDS(s, "economia circular", "pt");
	FINDS(s, "RESIDUOS", "pt");
	FINDS(s, "kiertotalous", "fi");
	FINDS(s, "älykäs", "fi");
	FINDS(s, "clean energy", "en"); /* pillar industries */
	FINDS(s, "electric buses", "en"); /* its opportunity's title */
	FINDS(s, "fleet", "en");
	FINDS(s, "energie", "de");
	FINDS(s, "quantum", "");
	FINDS(s, "交通 quantum", ""); /* every word must match */
	FINDS(s, "市", "cn,jp");
	store_close(s);
}

static void test_fts_hostile_q(void **state)
{
	struct store *s = fts_store();
	struct err e;
	json_t *params, *res;
	static const char *const qs[] = {
		"\"mobilité", "mobilité\"\"", "NEAR(a b)", "a OR b", "NOT x", "col:val", "x*",
		"(((x", "^start", "-x", "AND", "mobilité AND", "{a b}", "a:b:c", "x\\y",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(qs) / sizeof(qs[0]); i++) {
		params = json_object();
		json_object_set_new(params, "q", json_string(qs[i]));
		err_clear(&e);
		res = NULL;
		if (store_list(s, STORE_ORGANISATION, params, &res, &e) != 0)
			fail_msg("q=%s refused: %s", qs[i], e.msg);
		json_decref(res);
		json_decref(params);
	}
	FINDS(s, "\"mobilité\"", "fr,fr2");
	FINDS(s, "mobilité AND", "");
	/* a q without a word is refused, naming q */
	params = tst_json("{\"q\": \"!!! ((( ...\"}");
	assert_int_equal(store_list(s, STORE_ORGANISATION, params, &res, &e), ERR_BAD_REQUEST);
	assert_string_equal(e.field, "q");
	json_decref(params);
	params = tst_json("{\"q\": \"\"}");
	assert_int_equal(store_list(s, STORE_ORGANISATION, params, &res, &e), ERR_BAD_REQUEST);
	assert_string_equal(e.field, "q");
	json_decref(params);
	store_close(s);
}

/*
 * Compares each FTS index, term by term and position by position, with an
 * index built afresh from its content: 0 when they are the same.
 */
static int64_t index_drift(struct store *s)
{
	static const char *const tables[][3] = {
		{"organisation_fts", "organisation_search",
		 "name, description, city, pillar_industries, interests, opportunities"},
		{"opportunity_fts", "opportunities", "title, description"},
		{"people_fts", "people", "name, role"},
		{"event_fts", "events", "name, description, venue, city"},
	};
	char sql[1024];
	struct err e;
	int64_t drift = 0, n;

	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		snprintf(sql, sizeof(sql),
			 "DROP TABLE IF EXISTS temp.chk; DROP TABLE IF EXISTS temp.v1;"
			 " DROP TABLE IF EXISTS temp.v2;"
			 "CREATE VIRTUAL TABLE temp.chk USING fts5(%s, tokenize = 'liaison');"
			 "INSERT INTO temp.chk(rowid, %s) SELECT id, %s FROM %s;"
			 "CREATE VIRTUAL TABLE temp.v1 USING fts5vocab(main, %s, instance);"
			 "CREATE VIRTUAL TABLE temp.v2 USING fts5vocab(temp, chk, instance);",
			 tables[i][2], tables[i][2], tables[i][2], tables[i][1], tables[i][0]);
		if (store_script(s, sql, &e))
			fail_msg("%s: %s", sql, e.msg);
		if (store_int(s, &e, &n,
			      "SELECT (SELECT count(*) FROM (SELECT term, doc, col, offset FROM v1"
			      " EXCEPT SELECT term, doc, col, offset FROM v2)) + (SELECT count(*) FROM"
			      " (SELECT term, doc, col, offset FROM v2 EXCEPT SELECT term, doc, col,"
			      " offset FROM v1))",
			      "") < 0)
			fail_msg("compare: %s", e.msg);
		drift += n;
		if (store_script(s, "DROP TABLE temp.v1; DROP TABLE temp.v2; DROP TABLE temp.chk;",
				 &e))
			fail_msg("drop: %s", e.msg);
	}
	return drift;
}

static void integrity(struct store *s)
{
	static const char *const sql[] = {
		"INSERT INTO organisation_fts(organisation_fts) VALUES ('integrity-check')",
		"INSERT INTO opportunity_fts(opportunity_fts) VALUES ('integrity-check')",
		"INSERT INTO people_fts(people_fts) VALUES ('integrity-check')",
		"INSERT INTO event_fts(event_fts) VALUES ('integrity-check')",
	};
	struct err e;

	for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]); i++)
		if (store_exec(s, &e, sql[i], ""))
			fail_msg("%s: %s", sql[i], e.msg);
	assert_int_equal(index_drift(s), 0);
}

static void test_fts_in_step(void **state)
{
	struct store *s = fts_store();
	struct err e;
	json_t *patch, *out;
	int64_t org, opp, person, event;

	(void)state;
	integrity(s);
	org = tst_create_id(s, STORE_ORGANISATION,
			    "{\"ref\": \"wuhu\", \"name\": \"Wuhu\", \"description\": \"港口\"}");
	opp = tst_create_id(s, STORE_OPPORTUNITY,
			    "{\"organisation_id\": 1, \"type\": \"request\", \"title\": \"Hydrogène\"}");
	FINDS(s, "hydrogene", "cn"); /* the organisation finds its opportunities' text */
	integrity(s);
	/* moving the opportunity to another organisation moves its text */
	patch = json_pack("{sI}", "organisation_id", (json_int_t)org);
	assert_int_equal(store_update(s, STORE_OPPORTUNITY, opp, patch, &out, &e), 0);
	json_decref(patch);
	json_decref(out);
	FINDS(s, "hydrogene", "wuhu");
	assert_int_equal(tst_count(s, STORE_OPPORTUNITY, "{\"q\": \"HYDROGÈNE\"}"), 1);
	integrity(s);
	person = tst_create_id(s, STORE_PERSON,
			       "{\"organisation_id\": 1, \"name\": \"Zoë Müller\", \"role\": \"Directrice\"}");
	assert_int_equal(tst_count(s, STORE_PERSON, "{\"q\": \"zoe muller\"}"), 1);
	assert_int_equal(tst_count(s, STORE_PERSON, "{\"q\": \"directrice\"}"), 1);
	event = tst_create_id(s, STORE_EVENT,
			      "{\"name\": \"中欧博览会\", \"venue\": \"Century City\","
			      " \"time_zone\": \"Asia/Shanghai\", \"mode\": \"hybrid\"}");
	assert_int_equal(tst_count(s, STORE_EVENT, "{\"q\": \"博览\"}"), 1);
	assert_int_equal(tst_count(s, STORE_EVENT, "{\"q\": \"century\"}"), 1);
	integrity(s);
	patch = tst_json("{\"description\": \"智慧港口\", \"name\": \"Wuhu City\"}");
	assert_int_equal(store_update(s, STORE_ORGANISATION, org, patch, &out, &e), 0);
	json_decref(patch);
	json_decref(out);
	assert_int_equal(tst_count(s, STORE_ORGANISATION, "{\"q\": \"智慧港口\"}"), 1);
	integrity(s);
	/* deleting the organisation drops its people's and opportunities' rows */
	assert_int_equal(store_delete(s, STORE_ORGANISATION, 1, &e), 0);
	assert_int_equal(tst_count(s, STORE_PERSON, "{\"q\": \"zoe\"}"), 0);
	assert_int_equal(store_delete(s, STORE_OPPORTUNITY, opp, &e), 0);
	assert_int_equal(tst_count(s, STORE_ORGANISATION, "{\"q\": \"hydrogene\"}"), 0);
	assert_int_equal(store_delete(s, STORE_EVENT, event, &e), 0);
	integrity(s);
	(void)person;
	/* re-import: replace, move an opportunity between organisations, drop one */
	{
		json_t *batch = tst_json(
			"{\"organisations\": [{\"id\": \"cn\", \"name\": \"成都\","
			" \"opportunities\": [{\"id\": \"en-1\", \"type\": \"offer\","
			" \"title\": \"电动公交\"}, {\"id\": \"cn-2\", \"type\": \"request\","
			" \"title\": \"Smart grid\"}]}, {\"id\": \"fi\", \"name\": \"Tampere\","
			" \"description\": \"Ratikka\", \"opportunities\": [{\"id\": \"fi-1\","
			" \"type\": \"offer\", \"title\": \"Tram\"}]}]}");
		size_t n;

		assert_int_equal(store_import(s, batch, &n, &e), 0);
		json_decref(batch);
		integrity(s);
		FINDS(s, "电动", "cn");
		FINDS(s, "electric", "");
		FINDS(s, "smart grid", "cn");
		FINDS(s, "tram", "fi");
		FINDS(s, "kiertotalous", "");
		batch = tst_json("{\"organisations\": [{\"id\": \"fi\", \"name\": \"Tampere\","
				 " \"description\": \"Ratikka\"}]}");
		assert_int_equal(store_import(s, batch, &n, &e), 0);
		json_decref(batch);
		integrity(s);
		FINDS(s, "tram", "");
	}
	/* the check is real: a change behind the index's back is caught */
	assert_int_equal(store_exec(s, &e, "UPDATE organisations SET description = 'zzz'"
				    " WHERE ref = 'fr'", ""), 0);
	assert_true(index_drift(s) > 0);
	store_close(s);
}

/* The streaming import replays tokens computed on its reader thread. */
static void test_fts_stream_import(void **state)
{
	static const char text[] =
		"{\"organisations\": ["
		" {\"id\": \"a\", \"name\": \"成都市\", \"description\": \"城市交通 Mobilité\","
		"  \"pillar_industries\": [\"电子信息\", \"Logística\"], \"interests\": [\"智慧城市\"],"
		"  \"opportunities\": [{\"id\": \"a1\", \"type\": \"offer\", \"title\": \"介護\"},"
		"   {\"id\": \"a2\", \"type\": \"request\", \"title\": \"Bus\","
		"    \"description\": \"Électrique\"}]},"
		" {\"id\": \"b\", \"name\": \"Stadtwerke\", \"city\": \"Köln\","
		"  \"description\": \"Mobilität\", \"interests\": []},"
		" {\"id\": \"c\", \"name\": \"Stadtwerke\", \"description\": \"Mobilität\"}]}";
	struct store *s = tst_open();
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	struct err e;
	size_t n = 0;

	(void)state;
	assert_non_null(in);
	assert_int_equal(store_import_stream(s, in, &n, &e), 0);
	fclose(in);
	assert_int_equal(n, 3);
	integrity(s);
	FINDS(s, "logistica", "a");
	FINDS(s, "electrique", "a");
	FINDS(s, "介護", "a");
	FINDS(s, "koln", "b");
	FINDS(s, "mobilitat", "b,c");
	assert_int_equal(tst_count(s, STORE_OPPORTUNITY, "{\"q\": \"bus electrique\"}"), 1);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fts_scripts),
		cmocka_unit_test(test_fts_hostile_q),
		cmocka_unit_test(test_fts_in_step),
		cmocka_unit_test(test_fts_stream_import),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
