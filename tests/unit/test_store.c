/*
 * test_store.c - unit tests of src/store: migrations, organisations CRUD
 * and validation, lists (filters, pagination, cursor, limits), import and
 * export, the schema's refusal of impossible states, backup.
 */
#include "test_store_util.h"

#include "store/store_int.h"

#include <pthread.h>
#include <unistd.h>

static void test_migrations(void **state)
{
	char path[] = "/tmp/liaison-test-XXXXXX";
	struct store *s;
	struct err e;
	int applied = -1, version = -1, fd;
	int64_t user_version = 0;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(store_open(&s, path, 0, &e), 0);
	assert_int_equal(store_schema_version(s, &version, &e), 0);
	assert_int_equal(version, 0);
	assert_int_equal(store_migrate(s, &applied, &e), 0);
	assert_int_equal(applied, store_migration_count);
	assert_int_equal(store_schema_version(s, &version, &e), 0);
	assert_int_equal(version, store_migration_count);
	assert_int_equal(store_migrate(s, &applied, &e), 0);
	assert_int_equal(applied, 0);
	assert_int_equal(store_int(s, &e, &user_version, "PRAGMA user_version", ""), 1);
	assert_int_equal(user_version, store_migration_count);
	store_close(s);
	/* reopening with STORE_MIGRATE applies nothing and keeps the data */
	assert_int_equal(store_open(&s, path, STORE_MIGRATE, &e), 0);
	assert_int_equal(store_schema_version(s, &version, &e), 0);
	assert_int_equal(version, store_migration_count);
	assert_int_equal(store_ping(s, &e), 0);
	store_close(s);
	unlink(path);
}

static void test_open_pragmas(void **state)
{
	struct store *s = tst_open();
	struct err e;
	int64_t v = 0;
	int empty = 0;

	(void)state;
	assert_int_equal(store_int(s, &e, &v, "PRAGMA foreign_keys", ""), 1);
	assert_int_equal(v, 1);
	assert_int_equal(store_int(s, &e, &v, "PRAGMA busy_timeout", ""), 1);
	assert_int_equal(v, 5000);
	assert_int_equal(store_int(s, &e, &v, "SELECT count(*) FROM sdgs", ""), 1);
	assert_int_equal(v, 17);
	assert_int_equal(store_is_empty(s, &empty, &e), 0);
	assert_int_equal(empty, 1);
	assert_string_equal(store_res_name(STORE_MEETING_REQUEST), "meeting-requests");
	assert_string_equal(store_res_name(STORE_ORGANISATION), "organisations");
	store_close(s);
}

static void test_org_crud(void **state)
{
	struct store *s = tst_open();
	struct err e;
	json_t *org, *got, *patch, *upd;
	int64_t id;
	int empty = 1;

	(void)state;
	org = tst_create(s, STORE_ORGANISATION,
			 "{\"ref\": \"cn-suzhou\", \"name\": \"Suzhou\", \"kind\": \"city\","
			 " \"country\": \"CN\", \"city\": \"Suzhou\", \"languages\": [\"zh\", \"en\"],"
			 " \"themes\": [\"mobility\", \"smart-city\"], \"sdgs\": [11, 9],"
			 " \"sectors\": [\"H49\"], \"population\": 12910000,"
			 " \"website\": \"https://www.suzhou.gov.cn\","
			 " \"pillar_industries\": [\"电子信息\", \"装备制造\"]}");
	id = tst_int(org, "id");
	assert_true(id > 0);
	assert_string_equal(jsonx_str(org, "name"), "Suzhou");
	assert_string_equal(jsonx_str(org, "validation"), "validated"); /* default */
	assert_int_equal(json_integer_value(json_array_get(json_object_get(org, "sdgs"), 1)), 9);
	assert_string_equal(json_string_value(json_array_get(json_object_get(org, "pillar_industries"), 0)),
			    "电子信息");
	assert_int_equal(tst_int(org, "population"), 12910000);
	assert_null(json_object_get(org, "size")); /* unset: left out */
	assert_int_equal(strlen(jsonx_str(org, "created_at")), 20);
	assert_int_equal(store_is_empty(s, &empty, &e), 0);
	assert_int_equal(empty, 0);

	assert_int_equal(store_get(s, STORE_ORGANISATION, id, &got, &e), 0);
	assert_true(json_equal(org, got));
	json_decref(got);

	patch = tst_json("{\"city\": null, \"size\": \"large\", \"sdgs\": [11]}");
	assert_int_equal(store_update(s, STORE_ORGANISATION, id, patch, &upd, &e), 0);
	assert_null(json_object_get(upd, "city"));
	assert_string_equal(jsonx_str(upd, "size"), "large");
	assert_string_equal(jsonx_str(upd, "name"), "Suzhou");
	assert_int_equal(json_array_size(json_object_get(upd, "sdgs")), 1);
	assert_int_equal(tst_count(s, STORE_ORGANISATION, "{\"sdg\": \"9\"}"), 0);
	assert_int_equal(tst_count(s, STORE_ORGANISATION, "{\"sdg\": \"11\"}"), 1);
	json_decref(patch);
	json_decref(upd);

	/* a required field cannot be cleared; read-only fields are refused */
	patch = tst_json("{\"name\": null}");
	assert_int_equal(store_update(s, STORE_ORGANISATION, id, patch, &upd, &e), ERR_INVALID);
	assert_string_equal(e.field, "name");
	json_decref(patch);
	patch = tst_json("{\"created_at\": \"2020-01-01T00:00:00Z\"}");
	assert_int_equal(store_update(s, STORE_ORGANISATION, id, patch, &upd, &e), ERR_INVALID);
	assert_string_equal(e.field, "created_at");
	json_decref(patch);
	patch = tst_json("{}");
	assert_int_equal(store_update(s, STORE_ORGANISATION, 999, patch, &upd, &e), ERR_NOT_FOUND);
	json_decref(patch);

	assert_int_equal(store_find_ref(s, STORE_ORGANISATION, "cn-suzhou", &id, &e), 0);
	assert_int_equal(id, tst_int(org, "id"));
	assert_int_equal(store_find_ref(s, STORE_ORGANISATION, "nope", &id, &e), ERR_NOT_FOUND);
	id = tst_int(org, "id");
	assert_int_equal(store_delete(s, STORE_ORGANISATION, id, &e), 0);
	assert_int_equal(store_get(s, STORE_ORGANISATION, id, &got, &e), ERR_NOT_FOUND);
	assert_string_equal(e.field, "id");
	assert_int_equal(store_delete(s, STORE_ORGANISATION, id, &e), ERR_NOT_FOUND);
	json_decref(org);
	store_close(s);
}

static void test_org_validation(void **state)
{
	struct store *s = tst_open();
	static const struct {
		const char *body;
		int code;
		const char *field;
	} cases[] = {
		{"{}", ERR_INVALID, "name"},
		{"{\"name\": \"\"}", ERR_INVALID, "name"},
		{"{\"name\": 5}", ERR_INVALID, "name"},
		{"{\"name\": \"x\", \"kind\": \"town\"}", ERR_INVALID, "kind"},
		{"{\"name\": \"x\", \"country\": \"XX\"}", ERR_INVALID, "country"},
		{"{\"name\": \"x\", \"country\": \"cn\"}", ERR_INVALID, "country"},
		{"{\"name\": \"x\", \"website\": \"ftp://example.org\"}", ERR_INVALID, "website"},
		{"{\"name\": \"x\", \"website\": \"https://\"}", ERR_INVALID, "website"},
		{"{\"name\": \"x\", \"sdgs\": [18]}", ERR_INVALID, "sdgs[0]"},
		{"{\"name\": \"x\", \"sdgs\": [3, 3]}", ERR_INVALID, "sdgs[1]"},
		{"{\"name\": \"x\", \"sdgs\": [3.0]}", ERR_INVALID, "sdgs[0]"},
		{"{\"name\": \"x\", \"themes\": [\"Mobility\"]}", ERR_INVALID, "themes[0]"},
		{"{\"name\": \"x\", \"themes\": \"mobility\"}", ERR_INVALID, "themes"},
		{"{\"name\": \"x\", \"sectors\": [\"H49\", \"Z99\"]}", ERR_INVALID, "sectors[1]"},
		{"{\"name\": \"x\", \"sectors\": [\"H49.123\"]}", ERR_INVALID, "sectors[0]"},
		{"{\"name\": \"x\", \"population\": -1}", ERR_INVALID, "population"},
		{"{\"name\": \"x\", \"population\": \"many\"}", ERR_INVALID, "population"},
		{"{\"name\": \"x\", \"foo\": 1}", ERR_INVALID, "foo"},
		{"{\"name\": \"x\", \"id\": 3}", ERR_INVALID, "id"},
		{"{\"name\": \"x\", \"updated_at\": \"x\"}", ERR_INVALID, "updated_at"},
		{"{\"name\": \"x\", \"languages\": [\"english\"]}", ERR_INVALID, "languages[0]"},
		{"{\"name\": \"x\", \"ref\": \"a b\"}", ERR_INVALID, "ref"},
		{"{\"name\": \"x\", \"validation\": \"ok\"}", ERR_INVALID, "validation"},
		{"{\"name\": \"x\", \"interests\": [1]}", ERR_INVALID, "interests[0]"},
	};
	struct err e;
	char big[2000];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		tst_refused(s, STORE_ORGANISATION, cases[i].body, cases[i].code, cases[i].field);
	tst_create_err(s, STORE_ORGANISATION, "{\"name\": \"x\", \"kind\": \"town\"}", &e);
	assert_non_null(strstr(e.msg, "must be one of city, region"));
	tst_create_err(s, STORE_ORGANISATION, "{\"name\": \"x\", \"sdgs\": [3, 3]}", &e);
	assert_string_equal(e.msg, "duplicates sdgs[0]");

	/* lengths are counted in characters: 300 CJK characters pass, 301 do not */
	{
		struct buf b;

		buf_init(&b, sizeof(big));
		assert_int_equal(buf_puts(&b, "{\"name\": \""), 0);
		for (int i = 0; i < 300; i++)
			assert_int_equal(buf_puts(&b, "交"), 0);
		assert_int_equal(buf_puts(&b, "\"}"), 0);
		json_decref(tst_create(s, STORE_ORGANISATION, b.data));
		b.len -= 2;
		assert_int_equal(buf_puts(&b, "通\"}"), 0);
		tst_refused(s, STORE_ORGANISATION, b.data, ERR_INVALID, "name");
		buf_release(&b);
	}

	/* valid edge values */
	json_decref(tst_create(s, STORE_ORGANISATION,
			       "{\"name\": \"y\", \"ref\": \"a.B_c:1-2\", \"languages\": [\"zh-Hant\","
			       " \"pt-BR\", \"yue\", \"es-419\"], \"sectors\": [\"C\", \"C26.11\"],"
			       " \"population\": 0, \"website\": \"http://x.fi/a?b=c\"}"));
	tst_refused(s, STORE_ORGANISATION, "{\"name\": \"z\", \"ref\": \"a.B_c:1-2\"}",
		    ERR_CONFLICT, "ref");
	store_close(s);
}

static void test_lists(void **state)
{
	struct store *s = tst_open();
	static const char *const orgs[] = {
		"{\"name\": \"A\", \"country\": \"CN\", \"kind\": \"city\", \"themes\": [\"mobility\"],"
		" \"sdgs\": [11], \"sectors\": [\"H49.1\"], \"languages\": [\"zh-Hant\"]}",
		"{\"name\": \"B\", \"country\": \"FI\", \"kind\": \"sme\", \"languages\": [\"fi\"]}",
		"{\"name\": \"C\", \"country\": \"CN\", \"kind\": \"sme\", \"themes\": [\"energy\"]}",
		"{\"name\": \"D\", \"country\": \"FR\"}",
		"{\"name\": \"E\", \"country\": \"CN\", \"kind\": \"city\", \"sectors\": [\"H\"]}",
		"{\"name\": \"F\"}",
		"{\"name\": \"G\", \"sdgs\": [7, 11], \"languages\": [\"zh\"]}",
	};
	struct err e;
	json_t *page, *p, *out;
	const char *next;
	int64_t last = 0;
	size_t total = 0;
	char params[128];

	(void)state;
	for (size_t i = 0; i < sizeof(orgs) / sizeof(orgs[0]); i++)
		tst_create_id(s, STORE_ORGANISATION, orgs[i]);
	page = tst_list(s, STORE_ORGANISATION, "{\"limit\": \"3\"}");
	for (;;) {
		json_t *items = json_object_get(page, "items");

		for (size_t i = 0; i < json_array_size(items); i++) {
			assert_true(tst_int(json_array_get(items, i), "id") > last);
			last = tst_int(json_array_get(items, i), "id");
			total++;
		}
		next = json_string_value(json_object_get(page, "next"));
		if (!next) {
			assert_true(json_is_null(json_object_get(page, "next")));
			break;
		}
		assert_int_equal(json_array_size(items), 3);
		snprintf(params, sizeof(params), "{\"limit\": \"3\", \"cursor\": \"%s\"}", next);
		json_decref(page);
		page = tst_list(s, STORE_ORGANISATION, params);
	}
	json_decref(page);
	assert_int_equal(total, 7);
	assert_int_equal(tst_count(s, STORE_ORGANISATION, "{}"), 7);
	assert_int_equal(tst_count(s, STORE_ORGANISATION, "{\"country\": \"CN\"}"), 3);
	assert_int_equal(tst_count(s, STORE_ORGANISATION, "{\"country\": \"CN\", \"kind\": \"city\"}"), 2);
	assert_int_equal(tst_count(s, STORE_ORGANISATION, "{\"kind\": \"sme\"}"), 2);
	assert_int_equal(tst_count(s, STORE_ORGANISATION, "{\"theme\": \"mobility\"}"), 1);
	assert_int_equal(tst_count(s, STORE_ORGANISATION, "{\"sdg\": \"11\"}"), 2);
	assert_int_equal(tst_count(s, STORE_ORGANISATION, "{\"sector\": \"H\"}"), 2);
	assert_int_equal(tst_count(s, STORE_ORGANISATION, "{\"sector\": \"H49\"}"), 1);
	assert_int_equal(tst_count(s, STORE_ORGANISATION, "{\"lang\": \"zh\"}"), 2);
	assert_int_equal(tst_count(s, STORE_ORGANISATION, "{\"lang\": \"zh-Hant\"}"), 1);
	assert_int_equal(tst_count(s, STORE_ORGANISATION, "{\"lang\": \"fr\"}"), 0);

	/* bad parameters: 400 naming them */
	static const struct {
		const char *params, *field;
	} bad[] = {
		{"{\"limit\": \"0\"}", "limit"},       {"{\"limit\": \"201\"}", "limit"},
		{"{\"limit\": \"ten\"}", "limit"},     {"{\"limit\": \"5 \"}", "limit"},
		{"{\"cursor\": \"zz\"}", "cursor"},    {"{\"cursor\": \"\"}", "cursor"},
		{"{\"foo\": \"1\"}", "foo"},           {"{\"country\": \"XX\"}", "country"},
		{"{\"kind\": \"town\"}", "kind"},       {"{\"sdg\": \"18\"}", "sdg"},
		{"{\"sector\": \"Z1\"}", "sector"},     {"{\"q\": \"  ...  \"}", "q"},
		{"{\"theme\": \"A B\"}", "theme"},     {"{\"limit\": 5}", "limit"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		p = tst_json(bad[i].params);
		err_clear(&e);
		assert_int_equal(store_list(s, STORE_ORGANISATION, p, &out, &e), ERR_BAD_REQUEST);
		assert_string_equal(e.field, bad[i].field);
		assert_null(out);
		json_decref(p);
	}
	/* limit 200 is allowed; default page is 50 */
	assert_int_equal(tst_count(s, STORE_ORGANISATION, "{\"limit\": \"200\"}"), 7);
	for (int i = 0; i < 60; i++)
		tst_create_id(s, STORE_ORGANISATION, "{\"name\": \"more\"}");
	assert_int_equal(tst_count(s, STORE_ORGANISATION, "{}"), 50);
	store_close(s);
}

/* ---- import / export ---------------------------------------------------------- */

static const char batch_text[] =
	"{\"organisations\": ["
	" {\"id\": \"cn-suzhou\", \"name\": \"Suzhou\", \"kind\": \"city\", \"country\": \"CN\","
	"  \"city\": \"Suzhou\", \"languages\": [\"zh\"], \"description\": \"城市交通与智能制造\","
	"  \"themes\": [\"mobility\"], \"sdgs\": [11, 9], \"sectors\": [\"H49\"],"
	"  \"population\": 12910000, \"pillar_industries\": [\"电子信息\"], \"interests\": [],"
	"  \"size\": \"large\", \"website\": \"https://www.suzhou.gov.cn\","
	"  \"validation\": \"validated\","
	"  \"opportunities\": ["
	"   {\"id\": \"cn-suzhou-r1\", \"type\": \"request\", \"category\": \"city\","
	"    \"title\": \"Urban mobility pilot\", \"description\": \"Looking for partners\","
	"    \"themes\": [\"mobility\"], \"sdgs\": [11], \"partnership\": [\"pilot\"],"
	"    \"target_countries\": [\"FI\", \"FR\"], \"deadline\": \"2026-12-31\","
	"    \"state\": \"open\"},"
	"   {\"id\": \"cn-suzhou-o1\", \"type\": \"offer\", \"title\": \"Test bed\"}]},"
	" {\"id\": \"fi-acme\", \"name\": \"Acme Oy\", \"description\": \"Mobilité urbaine\"},"
	" {\"id\": \"fr-x\", \"name\": \"X\", \"opportunities\": [{\"id\": \"fr-x-1\","
	"   \"type\": \"offer\", \"title\": \"MOBILITE\"}]},"
	" {\"id\": \"pt-y\", \"name\": \"Y\", \"description\": \"economia circular\","
	"   \"opportunities\": []}"
	"]}";

static void test_import_export(void **state)
{
	struct store *s = tst_open();
	json_t *batch = tst_json(batch_text);
	json_t *out, *again;
	struct err e;
	size_t n = 0;

	(void)state;
	assert_int_equal(store_import(s, batch, &n, &e), 0);
	assert_int_equal(n, 4);
	assert_int_equal(store_export(s, &out, &e), 0);
	if (!json_equal(out, batch)) {
		char *a = jsonx_dump(out, 1, NULL);

		fail_msg("export differs from import:\n%s", a);
		free(a);
	}
	/* importing the export again replaces in place: same ids, same export */
	assert_int_equal(store_import(s, out, &n, &e), 0);
	assert_int_equal(store_export(s, &again, &e), 0);
	assert_true(json_equal(again, batch));
	assert_int_equal(tst_count(s, STORE_ORGANISATION, "{}"), 4);
	assert_int_equal(tst_count(s, STORE_OPPORTUNITY, "{}"), 3);
	json_decref(again);
	json_decref(out);

	/* a replaced organisation loses the opportunities it no longer lists */
	json_decref(batch);
	batch = tst_json("{\"organisations\": [{\"id\": \"cn-suzhou\", \"name\": \"Suzhou 2\","
			 " \"opportunities\": [{\"id\": \"cn-suzhou-o1\", \"type\": \"offer\","
			 " \"title\": \"Test bed 2\"}]}]}");
	assert_int_equal(store_import(s, batch, &n, &e), 0);
	assert_int_equal(tst_count(s, STORE_OPPORTUNITY, "{}"), 2);
	assert_int_equal(tst_count(s, STORE_ORGANISATION, "{\"q\": \"suzhou\"}"), 1);
	assert_int_equal(tst_count(s, STORE_ORGANISATION, "{\"q\": \"智能制造\"}"), 0);
	assert_int_equal(tst_count(s, STORE_ORGANISATION, "{\"q\": \"test bed\"}"), 1);
	assert_int_equal(tst_count(s, STORE_OPPORTUNITY, "{\"q\": \"pilot\"}"), 0);
	json_decref(batch);
	store_close(s);
}

static void import_refused(const char *text, const char *field)
{
	struct store *s = tst_open();
	json_t *batch = tst_json(text);
	json_t *before, *after;
	struct err e;
	size_t n = 99;

	json_decref(tst_create(s, STORE_ORGANISATION, "{\"ref\": \"keep\", \"name\": \"Kept\"}"));
	assert_int_equal(store_export(s, &before, &e), 0);
	err_clear(&e);
	assert_int_equal(store_import(s, batch, &n, &e), ERR_INVALID);
	if (strcmp(e.field, field) != 0)
		fail_msg("%s: expected field %s, got %s: %s", text, field, e.field, e.msg);
	assert_int_equal(n, 0);
	assert_int_equal(store_export(s, &after, &e), 0);
	assert_true(json_equal(before, after)); /* nothing stored */
	json_decref(before);
	json_decref(after);
	json_decref(batch);
	store_close(s);
}

static void test_import_errors(void **state)
{
	(void)state;
	import_refused("{\"organisations\": [{\"id\": \"a\", \"name\": \"A\", \"description\": \"d\"},"
		       " {\"id\": \"b\", \"name\": \"B\", \"description\": \"d\"},"
		       " {\"id\": \"c\", \"name\": \"C\", \"description\": \"d\","
		       "  \"opportunities\": [{\"id\": \"c1\", \"type\": \"offer\", \"title\": \"t\"},"
		       "   {\"id\": \"c2\", \"type\": \"gift\", \"title\": \"t\"}]}]}",
		       "organisations[2].opportunities[1].type");
	import_refused("{\"organisations\": [{\"id\": \"a\", \"name\": \"A\", \"description\": \"d\"},"
		       " {\"id\": \"b\", \"name\": \"B\", \"description\": \"d\"},"
		       " {\"id\": \"c\", \"name\": \"C\", \"country\": \"ZZ\", \"description\": \"d\"}]}",
		       "organisations[2].country");
	import_refused("{\"organisations\": [{\"name\": \"A\", \"description\": \"d\"}]}",
		       "organisations[0].id");
	import_refused("{\"organisations\": [{\"id\": \"a\", \"name\": \"A\", \"description\": \"d\"},"
		       " {\"id\": \"a\", \"name\": \"B\", \"description\": \"d\"}]}",
		       "organisations[1].id");
	import_refused("{\"organisations\": [{\"id\": \"a\", \"name\": \"A\"}]}",
		       "organisations[0].description");
	import_refused("{\"organisations\": [{\"id\": \"a\", \"name\": \"A\", \"description\": \"d\","
		       " \"opportunities\": [{\"type\": \"offer\", \"title\": \"t\"}]}]}",
		       "organisations[0].opportunities[0].id");
	import_refused("{\"organisations\": [{\"id\": \"a\", \"name\": \"A\", \"description\": \"d\","
		       " \"opportunities\": [{\"id\": \"x\", \"type\": \"offer\", \"title\": \"t\"}]},"
		       " {\"id\": \"b\", \"name\": \"B\", \"opportunities\": [{\"id\": \"x\","
		       " \"type\": \"offer\", \"title\": \"t\"}]}]}",
		       "organisations[1].opportunities[0].id");
	import_refused("{\"organisations\": [{\"id\": \"a\", \"name\": \"A\", \"description\": \"d\","
		       " \"organisation_id\": 3}]}",
		       "organisations[0].organisation_id");
	import_refused("{\"organisations\": [{\"id\": \"a\", \"name\": \"A\", \"description\": \"d\"}],"
		       " \"people\": []}",
		       "people");
	import_refused("{\"organisations\": {}}", "organisations");
}

static int stream_import(struct store *s, const char *text, size_t *n, struct err *e)
{
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	int rc;

	assert_non_null(in);
	err_clear(e);
	rc = store_import_stream(s, in, n, e);
	fclose(in);
	return rc;
}

static void test_import_stream(void **state)
{
	struct store *s = tst_open();
	json_t *batch = tst_json(batch_text);
	json_t *back;
	struct err e;
	size_t n = 0, len = 0;
	char *text = NULL;
	FILE *out;

	(void)state;
	assert_int_equal(stream_import(s, batch_text, &n, &e), 0);
	assert_int_equal(n, 4);
	out = open_memstream(&text, &len);
	assert_int_equal(store_export_stream(s, out, &e), 0);
	fclose(out);
	back = tst_json(text);
	assert_true(json_equal(back, batch));
	/* one organisation per line */
	assert_non_null(strstr(text, "\n{\"id\": \"fi-acme\"") ? text : strstr(text, "\n{\"id\":\"fi-acme\""));
	json_decref(back);
	/* the stream export re-imports to the same */
	assert_int_equal(stream_import(s, text, &n, &e), 0);
	assert_int_equal(n, 4);
	free(text);
	json_decref(batch);
	assert_int_equal(stream_import(s, " {\"organisations\" : [ ] } \n", &n, &e), 0);
	assert_int_equal(n, 0);

	/* errors: nothing stored, the record named */
	static const struct {
		const char *text;
		int code;
		const char *field;
	} bad[] = {
		{"{\"organisations\": [{\"id\": \"z1\", \"name\": \"Z\", \"description\": \"d\"},\n"
		 "{\"id\": \"z2\", \"name\": \"Z\" \"description\": \"d\"}]}",
		 ERR_BAD_REQUEST, "organisations[1]"},
		{"{\"organisations\": [{\"id\": \"z1\", \"name\": \"Z\", \"description\": \"d\"},"
		 " {\"id\": \"z2\", \"name\": \"Z\", \"kind\": \"x\", \"description\": \"d\"}]}",
		 ERR_INVALID, "organisations[1].kind"},
		{"{\"organisations\": [{\"id\": \"z1\", \"name\": \"Z\", \"description\": \"d\"}],"
		 " \"extra\": 1}",
		 ERR_INVALID, "extra"},
		{"{\"organisations\": [{\"id\": \"z1\", \"name\": \"Z\", \"description\": \"d\"}]} x",
		 ERR_BAD_REQUEST, ""},
		{"{\"organisations\": [{\"id\": \"z1\", \"name\": \"Z\", \"description\": \"d\"}",
		 ERR_BAD_REQUEST, ""},
		{"{\"organisations\": [{\"id\": \"z1\", \"name\": \"Z\", \"description\": \"d\"},]}",
		 ERR_BAD_REQUEST, "organisations[1]"},
		{"{\"organisations\": {}}", ERR_INVALID, "organisations"},
		{"[]", ERR_INVALID, ""},
		{"{}", ERR_INVALID, "organisations"},
		{"{\"organisations\": [\"x\"]}", ERR_INVALID, "organisations[0]"},
		{"{\"organisations\": [{\"id\": \"a\", \"name\": \"x\\\"]}\", \"description\": \"}\"},"
		 " 5]}",
		 ERR_INVALID, "organisations[1]"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = stream_import(s, bad[i].text, &n, &e);

		if (rc != bad[i].code || strcmp(e.field, bad[i].field) != 0)
			fail_msg("%s: expected %d on '%s', got %d on '%s': %s", bad[i].text,
				 bad[i].code, bad[i].field, rc, e.field, e.msg);
		assert_int_equal(n, 0);
	}
	assert_int_equal(tst_count(s, STORE_ORGANISATION, "{\"q\": \"z\"}"), 0);
	/* records cross the reader's 64 KiB chunks anywhere */
	{
		struct buf big;
		json_t *want, *got;

		buf_init(&big, 1 << 22);
		assert_int_equal(buf_puts(&big, "{\"organisations\": [\n"), 0);
		for (int i = 0; i < 700; i++)
			assert_int_equal(buf_printf(&big,
						    "%s{\"id\": \"big-%d\", \"name\": \"N\\\"%d]}\","
						    " \"description\": \"%0*d 城市交通 \\\\ [{\","
						    " \"population\": %d}",
						    i ? ",\n  " : "", i, i, 150 + i % 97, i, i * 7),
					 0);
		assert_int_equal(buf_puts(&big, "]}"), 0);
		assert_true(big.len > 3 * 65536);
		assert_int_equal(stream_import(s, big.data, &n, &e), 0);
		assert_int_equal(n, 700);
		want = tst_json(big.data);
		assert_int_equal(store_export(s, &got, &e), 0);
		/* the stream's records come after the earlier import's four */
		for (size_t i = 0; i < 700; i++)
			assert_true(json_equal(json_array_get(json_object_get(want, "organisations"), i),
					       json_array_get(json_object_get(got, "organisations"), i + 4)));
		json_decref(want);
		json_decref(got);
		buf_release(&big);
	}
	/* the line of a JSON error is the file's */
	stream_import(s, bad[0].text, &n, &e);
	assert_non_null(strstr(e.msg, "line 2"));
	store_close(s);
}

/* ---- the schema refuses impossible states --------------------------------------- */

/* Runs a script straight through the port: 0 or an err code (a constraint is ERR_CONFLICT). */
static int raw(struct store *s, const char *sql)
{
	return store_script(s, sql, NULL);
}

static void test_schema_refuses(void **state)
{
	struct store *s = tst_open();
	const char *now = "'2026-01-01T00:00:00Z'";
	char sql[1024];

	(void)state;
#define OK(q) assert_int_equal(raw(s, q), 0)
#define REFUSED(q) assert_int_equal(raw(s, q), ERR_CONFLICT)
	snprintf(sql, sizeof(sql),
		 "INSERT INTO organisations(id, name, created_at, updated_at) VALUES (1, 'O', %s, %s);"
		 "INSERT INTO people(id, organisation_id, name, created_at, updated_at) VALUES"
		 " (1, 1, 'P1', %s, %s), (2, 1, 'P2', %s, %s), (3, 1, 'P3', %s, %s),"
		 " (4, 1, 'P4', %s, %s);"
		 "INSERT INTO events(id, name, time_zone, mode, created_at, updated_at) VALUES"
		 " (1, 'E', 'UTC', 'onsite', %s, %s), (2, 'E2', 'UTC', 'onsite', %s, %s);",
		 now, now, now, now, now, now, now, now, now, now, now, now, now, now);
	OK(sql);
	OK("INSERT INTO event_slots(id, event_id, start, start_utc, minutes) VALUES"
	   " (1, 1, 'x', 0, 20), (2, 2, 'y', 0, 20);"
	   "INSERT INTO event_tables(event_id, number) VALUES (1, 1), (1, 2);");
	snprintf(sql, sizeof(sql),
		 "INSERT INTO registrations(id, event_id, person_id, attendance, created_at,"
		 " updated_at) VALUES (1, 1, 1, 'onsite', %s, %s), (2, 1, 2, 'onsite', %s, %s),"
		 " (3, 1, 3, 'onsite', %s, %s);"
		 "INSERT INTO meeting_requests(id, event_id, requester_id, invitee_id, state,"
		 " created_at, updated_at) VALUES (1, 1, 1, 2, 'accepted', %s, %s),"
		 " (2, 1, 1, 3, 'accepted', %s, %s), (3, 1, 2, 3, 'requested', %s, %s);"
		 "INSERT INTO meetings(id, event_id, request_id, slot_id, table_no, created_at,"
		 " updated_at) VALUES (1, 1, 1, 1, 1, %s, %s), (2, 1, 2, NULL, NULL, %s, %s);"
		 "INSERT INTO meeting_participants(meeting_id, person_id, slot_id) VALUES"
		 " (1, 1, 1), (1, 2, 1), (2, 1, NULL), (2, 3, NULL);",
		 now, now, now, now, now, now, now, now, now, now, now, now, now, now, now, now);
	OK(sql);
	/* a meeting request to oneself */
	REFUSED("INSERT INTO meeting_requests(event_id, requester_id, invitee_id, created_at,"
		" updated_at) VALUES (1, 1, 1, 'x', 'x')");
	/* a second active request between the same two people, either direction */
	REFUSED("INSERT INTO meeting_requests(event_id, requester_id, invitee_id, created_at,"
		" updated_at) VALUES (1, 3, 2, 'x', 'x')");
	/* a request with someone not registered for the event */
	REFUSED("INSERT INTO meeting_requests(event_id, requester_id, invitee_id, created_at,"
		" updated_at) VALUES (1, 1, 4, 'x', 'x')");
	/* person 1 in two meetings in slot 1: moving meeting 2 there is refused */
	REFUSED("UPDATE meetings SET slot_id = 1, table_no = 2 WHERE id = 2");
	/* a participant copy of the slot that is not the meeting's */
	REFUSED("UPDATE meeting_participants SET slot_id = 1 WHERE meeting_id = 2 AND person_id = 3");
	/* a table used twice in one slot */
	OK("UPDATE meeting_requests SET state = 'accepted' WHERE id = 3");
	REFUSED("INSERT INTO meetings(event_id, request_id, slot_id, table_no, created_at,"
		" updated_at) VALUES (1, 3, 1, 1, 'x', 'x')");
	/* a table the event does not have, a slot of another event */
	REFUSED("INSERT INTO meetings(event_id, request_id, slot_id, table_no, created_at,"
		" updated_at) VALUES (1, 3, 1, 7, 'x', 'x')");
	REFUSED("INSERT INTO meetings(event_id, request_id, slot_id, created_at,"
		" updated_at) VALUES (1, 3, 2, 'x', 'x')");
	/* a table without a slot, an online meeting at a table */
	REFUSED("INSERT INTO meetings(event_id, request_id, table_no, created_at,"
		" updated_at) VALUES (1, 3, 2, 'x', 'x')");
	REFUSED("INSERT INTO meetings(event_id, request_id, slot_id, table_no, online, created_at,"
		" updated_at) VALUES (1, 3, 1, 2, 1, 'x', 'x')");
	/* a meeting for a request that is not accepted */
	OK("UPDATE meeting_requests SET state = 'declined' WHERE id = 3");
	REFUSED("INSERT INTO meetings(event_id, request_id, created_at, updated_at)"
		" VALUES (1, 3, 'x', 'x')");
	/* a request with a meeting cannot leave 'accepted' */
	REFUSED("UPDATE meeting_requests SET state = 'cancelled' WHERE id = 1");
	/* availability in a slot of another event */
	REFUSED("INSERT INTO registration_slots(registration_id, event_id, slot_id, pos)"
		" VALUES (1, 1, 2, 0)");
	REFUSED("INSERT INTO registration_slots(registration_id, event_id, slot_id, pos)"
		" VALUES (1, 2, 2, 0)");
	/* enum values and ranges */
	REFUSED("INSERT INTO organisations(name, kind, created_at, updated_at)"
		" VALUES ('x', 'town', 'x', 'x')");
	REFUSED("INSERT INTO organisation_sdgs(organisation_id, pos, sdg) VALUES (1, 0, 18)");
	REFUSED("INSERT INTO organisation_sdgs(organisation_id, pos, sdg) VALUES (1, 0, 0)");
	REFUSED("INSERT INTO meetings(event_id, request_id, outcome, created_at, updated_at)"
		" VALUES (1, NULL, 'great', 'x', 'x')");
	REFUSED("INSERT INTO event_slots(event_id, start, start_utc, minutes) VALUES (1, 'z', 0, 4)");
	REFUSED("INSERT INTO events(name, time_zone, mode, created_at, updated_at)"
		" VALUES ('e', 'UTC', 'remote', 'x', 'x')");
	/* dangling references */
	REFUSED("INSERT INTO people(organisation_id, name, created_at, updated_at)"
		" VALUES (99, 'x', 'x', 'x')");
	REFUSED("DELETE FROM people WHERE id = 1");
	OK("INSERT INTO organisation_sdgs(organisation_id, pos, sdg) VALUES (1, 0, 17)");
#undef OK
#undef REFUSED
	store_close(s);
}

static void test_backup(void **state)
{
	char dir[] = "/tmp/liaison-backup-XXXXXX";
	char path[256];
	struct store *s = tst_open();
	struct store *b;
	struct err e;
	json_t *got;
	int64_t id;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/copy.db", dir);
	id = tst_create_id(s, STORE_ORGANISATION, "{\"name\": \"Backed up\", \"description\": \"城市交通\"}");
	assert_int_equal(store_backup(s, path, &e), 0);
	assert_int_equal(store_open(&b, path, STORE_READONLY, &e), 0);
	assert_int_equal(store_get(b, STORE_ORGANISATION, id, &got, &e), 0);
	assert_string_equal(jsonx_str(got, "name"), "Backed up");
	json_decref(got);
	assert_int_equal(tst_count(b, STORE_ORGANISATION, "{\"q\": \"交通\"}"), 1);
	store_close(b);
	/* a backup replaces an older one */
	tst_create_id(s, STORE_ORGANISATION, "{\"name\": \"Second\"}");
	assert_int_equal(store_backup(s, path, &e), 0);
	assert_int_equal(store_open(&b, path, STORE_READONLY, &e), 0);
	assert_int_equal(tst_count(b, STORE_ORGANISATION, "{}"), 2);
	store_close(b);
	assert_int_equal(store_backup(s, "/nonexistent-dir/x.db", &e), ERR_IO);
	store_close(s);
	unlink(path);
	rmdir(dir);
}

struct writer {
	const char *path;
	int n;
	int failed;
};

/* Another connection writing while the backup runs, as a server would. */
static void *writer_run(void *arg)
{
	struct writer *w = arg;
	struct store *s;
	struct err e;

	if (store_open(&s, w->path, 0, &e)) {
		w->failed = 1;
		return NULL;
	}
	for (int i = 0; i < 300; i++) {
		json_t *body = json_pack("{ss, ss}", "name", "Concurrent", "description",
					 "written during the backup, 城市交通");
		json_t *out = NULL;

		if (store_create(s, STORE_ORGANISATION, body, &out, &e) == 0)
			w->n++;
		else if (e.code != ERR_BUSY)
			w->failed = 1;
		json_decref(body);
		json_decref(out);
	}
	store_close(s);
	return NULL;
}

static void test_backup_while_writing(void **state)
{
	char dir[] = "/tmp/liaison-backup-XXXXXX";
	char path[256], copy[256];
	struct store *s, *b;
	struct writer w = {path, 0, 0};
	pthread_t th;
	struct err e;
	int64_t n = 0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/live.db", dir);
	snprintf(copy, sizeof(copy), "%s/copy.db", dir);
	assert_int_equal(store_open(&s, path, STORE_MIGRATE, &e), 0);
	for (int i = 0; i < 200; i++)
		tst_create_id(s, STORE_ORGANISATION,
			      "{\"name\": \"Before\", \"description\": \"Mobilité urbaine et énergie\"}");
	assert_int_equal(pthread_create(&th, NULL, writer_run, &w), 0);
	for (int i = 0; i < 5; i++) {
		err_clear(&e);
		if (store_backup(s, copy, &e))
			fail_msg("backup: %s", e.msg);
		assert_int_equal(store_open(&b, copy, STORE_READONLY, &e), 0);
		assert_int_equal(store_int(b, &e, &n, "SELECT count(*) FROM organisations", ""), 1);
		assert_true(n >= 200 && n <= 500);
		assert_int_equal(store_int(b, &e, &n,
					   "SELECT count(*) FROM pragma_integrity_check"
					   " WHERE integrity_check <> 'ok'",
					   ""),
				 1);
		assert_int_equal(n, 0);
		assert_true(tst_count(b, STORE_ORGANISATION, "{\"q\": \"mobilite\"}") > 0);
		store_close(b);
	}
	pthread_join(th, NULL);
	assert_int_equal(w.failed, 0);
	assert_true(w.n > 0);
	store_close(s);
	unlink(copy);
	{
		char side[300];

		snprintf(side, sizeof(side), "%s-wal", path);
		unlink(side);
		snprintf(side, sizeof(side), "%s-shm", path);
		unlink(side);
	}
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrations),
		cmocka_unit_test(test_open_pragmas),
		cmocka_unit_test(test_org_crud),
		cmocka_unit_test(test_org_validation),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_import_export),
		cmocka_unit_test(test_import_errors),
		cmocka_unit_test(test_import_stream),
		cmocka_unit_test(test_schema_refuses),
		cmocka_unit_test(test_backup),
		cmocka_unit_test(test_backup_while_writing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
