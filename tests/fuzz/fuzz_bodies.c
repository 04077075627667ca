/*
 * fuzz_bodies.c - libFuzzer target for the JSON bodies of the write
 * endpoints: POST (store_create) and PATCH (store_update) of every
 * resource, reached the way the HTTP layer reaches them (api_body:
 * jsonx_parse, then "must be a JSON object").
 *
 * Input: one selector byte, then the body (tests/fuzz/README.md has the
 * table). The selector's low three bits pick the resource (enum store_res,
 * modulo STORE_RES_COUNT), bit 3 the verb (0 create, 1 update) and bits 4-5
 * the row an update targets (ids 1, 2, 3, or an id that does not exist).
 *
 * One in-memory store is opened and filled once (LLVMFuzzerInitialize);
 * every write runs inside store_atomic with a callback that always asks for
 * a rollback, so the database stays as it was: a snapshot of every list is
 * compared every FZ_CHECK_EVERY inputs and at exit.
 *
 * Oracles (abort, so libFuzzer keeps the input): a failure without e.code,
 * with e.code different from the return code, with neither field nor
 * message, with a message or field that is not valid UTF-8 (err_set repairs
 * what it quotes, such as jansson's tokens cut by bytes), or with a
 * server-side code (ERR_IO, ERR_INTERNAL, ERR_BUSY: a 500/503 answer to a
 * body); a success without an object holding the right id, or whose
 * resource differs from what store_get then reads; a resource left in
 * *out by a failure; a database changed by a rolled-back write.
 */
#include "core/err.h"
#include "core/jsonx.h"
#include "store/store.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What fz_write returns so that store_atomic rolls everything back. */
#define FZ_ROLLBACK 1
/* Compare the database with its snapshot every this many inputs. */
#define FZ_CHECK_EVERY 512
#define FZ_MISSING_ID  999999

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *fz_store;
static char *fz_snapshot; /* every list and the data version after setup */
static unsigned long fz_inputs;
static int fz_verbose; /* FUZZ_BODIES_VERBOSE: one line per write on stderr */

/* One write, as decoded from an input. */
struct fz_call {
	enum store_res res;
	int update;
	int64_t id;
	const json_t *body;
};

static const int64_t fz_ids[4] = {1, 2, 3, FZ_MISSING_ID};

static __attribute__((noreturn, format(printf, 1, 2))) void fz_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("fuzz_bodies: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

/* ---- the rows every input may reference ---------------------------------- */

/*
 * organisations 1 (CN city) and 2 (FI university); people 1 (org 1), 2 and
 * 3 (org 2), 4 (org 1); opportunities 1 and 2; event 1 (hybrid, 2 tables,
 * slots 1-3) and event 2 (online, slot 4); registrations 1-3 (people 1, 2
 * on site and 3 online at event 1), 4 (person 1 at event 2), 5 (person 4
 * online at event 1); meeting requests 1 (1->2) and 2 (1->3) accepted into
 * meetings 1 (slot 1, table 1, locked) and 2 (unscheduled), 3 (2->3)
 * requested; agreement 1 (orgs 1 and 2, meeting 1).
 */

/* clang-format off */
static const struct {
	enum store_res res;
	const char *body;
} fz_rows[] = {
	{STORE_ORGANISATION,
	 "{\"ref\": \"cn-chengdu\", \"name\": \"成都市 (Chengdu)\", \"country\": \"CN\","
	 " \"kind\": \"city\", \"languages\": [\"zh\"], \"themes\": [\"mobility\"],"
	 " \"sdgs\": [11], \"sectors\": [\"H49\"], \"population\": 21000000,"
	 " \"description\": \"公共交通和智慧城市\"}"},
	{STORE_ORGANISATION,
	 "{\"ref\": \"fi-aalto\", \"name\": \"Aalto\", \"country\": \"FI\","
	 " \"kind\": \"university\", \"languages\": [\"fi\", \"en\"]}"},
	{STORE_PERSON,
	 "{\"ref\": \"p1\", \"organisation_id\": 1, \"name\": \"李伟\","
	 " \"time_zone\": \"Asia/Shanghai\", \"email\": \"li@example.cn\"}"},
	{STORE_PERSON,
	 "{\"ref\": \"p2\", \"organisation_id\": 2, \"name\": \"Aino\","
	 " \"time_zone\": \"Europe/Helsinki\"}"},
	{STORE_PERSON, "{\"ref\": \"p3\", \"organisation_id\": 2, \"name\": \"Matti\"}"},
	{STORE_PERSON,
	 "{\"ref\": \"p4\", \"organisation_id\": 1, \"name\": \"Ana\","
	 " \"time_zone\": \"America/Sao_Paulo\", \"languages\": [\"pt-BR\"]}"},
	{STORE_OPPORTUNITY,
	 "{\"organisation_id\": 1, \"type\": \"request\", \"title\": \"Smart buses\","
	 " \"themes\": [\"mobility\"]}"},
	{STORE_OPPORTUNITY,
	 "{\"organisation_id\": 2, \"type\": \"offer\", \"title\": \"Battery research\","
	 " \"category\": \"research\"}"},
	{STORE_EVENT,
	 "{\"ref\": \"fair\", \"name\": \"Fair\", \"time_zone\": \"Asia/Shanghai\","
	 " \"mode\": \"hybrid\", \"tables\": 2, \"slots\": ["
	 "{\"ref\": \"a\", \"start\": \"2026-05-13T09:00:00+08:00\", \"minutes\": 20},"
	 "{\"ref\": \"b\", \"start\": \"2026-05-13T09:20:00+08:00\", \"minutes\": 20},"
	 "{\"ref\": \"c\", \"start\": \"2026-05-13T09:40:00+08:00\", \"minutes\": 20}]}"},
	{STORE_EVENT,
	 "{\"name\": \"Webinar\", \"time_zone\": \"UTC\", \"mode\": \"online\","
	 " \"slots\": [{\"start\": \"2026-06-01T08:00:00Z\", \"minutes\": 30}]}"},
	{STORE_REGISTRATION, "{\"event_id\": 1, \"person_id\": 1, \"attendance\": \"onsite\"}"},
	{STORE_REGISTRATION, "{\"event_id\": 1, \"person_id\": 2, \"attendance\": \"onsite\"}"},
	{STORE_REGISTRATION,
	 "{\"event_id\": 1, \"person_id\": 3, \"attendance\": \"online\","
	 " \"online_hours\": [\"00:00\", \"24:00\"]}"},
	{STORE_REGISTRATION, "{\"event_id\": 2, \"person_id\": 1, \"attendance\": \"online\"}"},
	{STORE_REGISTRATION, "{\"event_id\": 1, \"person_id\": 4, \"attendance\": \"online\"}"},
	{STORE_MEETING_REQUEST,
	 "{\"event_id\": 1, \"requester_id\": 1, \"invitee_id\": 2, \"priority\": 1,"
	 " \"opportunity_id\": 1}"},
	{STORE_MEETING_REQUEST, "{\"event_id\": 1, \"requester_id\": 1, \"invitee_id\": 3}"},
	{STORE_MEETING_REQUEST,
	 "{\"event_id\": 1, \"requester_id\": 2, \"invitee_id\": 3, \"message\": \"Hei!\"}"},
};
/* clang-format on */

/* Writes done after the rows: accept two requests, place and lock a meeting. */
static void fz_seed_meetings(struct store *s)
{
	static const char *const agreement =
	    "{\"ref\": \"ag-1\", \"title\": \"MoU\", \"kind\": \"mou\", \"parties\": [1, 2],"
	    " \"event_id\": 1, \"meeting_id\": 1}";
	json_t *body, *out = NULL;
	struct err e;

	err_clear(&e);
	for (int64_t id = 1; id <= 2; id++) {
		if (store_meeting_request_act(s, id, "accept", &out, &e))
			fz_die("setup: accept %" PRId64 ": %s: %s", id, e.field, e.msg);
		json_decref(out);
	}
	body = json_pack("{s:i, s:i, s:b}", "slot_id", 1, "table", 1, "locked", 1);
	if (!body || store_update(s, STORE_MEETING, 1, body, &out, &e))
		fz_die("setup: place meeting 1: %s: %s", e.field, e.msg);
	json_decref(body);
	json_decref(out);
	if (jsonx_parse(agreement, strlen(agreement), &body, &e) ||
	    store_create(s, STORE_AGREEMENT, body, &out, &e))
		fz_die("setup: agreement: %s: %s", e.field, e.msg);
	json_decref(body);
	json_decref(out);
}

static void fz_seed(struct store *s)
{
	json_t *body, *out = NULL;
	struct err e;

	err_clear(&e);
	for (size_t i = 0; i < sizeof(fz_rows) / sizeof(fz_rows[0]); i++) {
		const char *text = fz_rows[i].body;

		if (jsonx_parse(text, strlen(text), &body, &e) ||
		    store_create(s, fz_rows[i].res, body, &out, &e))
			fz_die("setup: %s: %s: %s", text, e.field, e.msg);
		json_decref(body);
		json_decref(out);
	}
	fz_seed_meetings(s);
}

/* ---- the snapshot ----------------------------------------------------------- */

/* Every resource's list and the data version, as one malloc'd string. */
static char *fz_dump_db(struct store *s)
{
	json_t *all = json_object();
	json_t *params = json_pack("{s:s}", "limit", "200");
	int64_t version = 0;
	struct err e;
	char *text;

	err_clear(&e);
	if (!all || !params)
		fz_die("snapshot: out of memory");
	for (int r = 0; r < STORE_RES_COUNT; r++) {
		json_t *list = NULL;

		if (store_list(s, (enum store_res)r, params, &list, &e))
			fz_die("snapshot: list %s: %s: %s", store_res_name((enum store_res)r),
			       e.field, e.msg);
		if (json_object_set_new(all, store_res_name((enum store_res)r), list))
			fz_die("snapshot: out of memory");
	}
	if (store_data_version(s, &version, &e))
		fz_die("snapshot: data version: %s", e.msg);
	if (json_object_set_new(all, "data_version", json_integer(version)))
		fz_die("snapshot: out of memory");
	text = jsonx_dump(all, 0, NULL);
	if (!text)
		fz_die("snapshot: cannot serialise");
	json_decref(params);
	json_decref(all);
	return text;
}

static void fz_check_db(void)
{
	char *now = fz_dump_db(fz_store);

	if (strcmp(now, fz_snapshot) != 0)
		fz_die("a rolled-back write changed the database:\nbefore: %s\nafter:  %s",
		       fz_snapshot, now);
	free(now);
}

static void fz_exit(void)
{
	fz_check_db();
	free(fz_snapshot);
	store_close(fz_store);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct err e;

	(void)argc;
	(void)argv;
	fz_verbose = getenv("FUZZ_BODIES_VERBOSE") != NULL;
	err_clear(&e);
	if (store_open(&fz_store, ":memory:", STORE_MIGRATE, &e))
		fz_die("store_open: %s: %s", e.field, e.msg);
	fz_seed(fz_store);
	fz_snapshot = fz_dump_db(fz_store);
	if (atexit(fz_exit))
		fz_die("atexit failed");
	return 0;
}

/* ---- one input ---------------------------------------------------------------- */

/* field and msg of a problem go into JSON: they must be valid UTF-8. */
static void fz_check_utf8(const char *what, const char *s)
{
	json_t *v = json_string(s);

	if (!v)
		fz_die("%s is not valid UTF-8: %s", what, s);
	json_decref(v);
}

static void fz_check_err(const char *what, int rc, const struct err *e, int utf8)
{
	if (e->code == 0)
		fz_die("%s failed (%d) without setting e.code", what, rc);
	if (e->code != rc)
		fz_die("%s returned %d but e.code is %d (%s: %s)", what, rc, e->code, e->field,
		       e->msg);
	if (!e->field[0] && !e->msg[0])
		fz_die("%s failed (%d) with neither field nor message", what, rc);
	if (utf8) {
		fz_check_utf8("e.field", e->field);
		fz_check_utf8("e.msg", e->msg);
	}
	if (rc > 0 || rc < ERR_TOO_MANY || rc == ERR_IO || rc == ERR_INTERNAL || rc == ERR_BUSY)
		fz_die("%s answered a body with a server error %d (%s): %s: %s", what, rc,
		       err_strerror(rc), e->field, e->msg);
}

static void fz_check_result(const struct fz_call *c, int rc, const json_t *out, const struct err *e)
{
	const char *what = c->update ? "store_update" : "store_create";
	json_t *id;
	char *text;

	if (rc) {
		if (out)
			fz_die("%s failed (%d) but left a resource in *out", what, rc);
		fz_check_err(what, rc, e, 1);
		return;
	}
	if (!json_is_object(out))
		fz_die("%s returned 0 without a resource", what);
	id = json_object_get(out, "id");
	if (!json_is_integer(id) || json_integer_value(id) <= 0)
		fz_die("%s returned a resource without a positive id", what);
	if (c->update && json_integer_value(id) != c->id)
		fz_die("%s of id %" PRId64 " returned id %" JSON_INTEGER_FORMAT, what, c->id,
		       json_integer_value(id));
	text = jsonx_dump(out, 0, NULL);
	if (!text)
		fz_die("%s returned a resource that does not serialise", what);
	free(text);
}

/* What a successful write returned is what a GET in the same transaction reads. */
static void fz_check_get(struct store *s, const struct fz_call *c, const json_t *out)
{
	int64_t id = json_integer_value(json_object_get(out, "id"));
	json_t *got = NULL;
	char *a, *b;
	struct err e;

	err_clear(&e);
	if (store_get(s, c->res, id, &got, &e))
		fz_die("store_get %s %" PRId64 " after the write: %d %s: %s",
		       store_res_name(c->res), id, e.code, e.field, e.msg);
	if (!json_equal(got, out)) {
		a = jsonx_dump(out, 0, NULL);
		b = jsonx_dump(got, 0, NULL);
		fz_die("the write returned %s\nbut store_get reads %s", a ? a : "?", b ? b : "?");
	}
	json_decref(got);
}

/* The store_atomic callback: the write, its checks, then always a rollback. */
static int fz_write(struct store *s, void *ctx, struct err *unused)
{
	const struct fz_call *c = ctx;
	json_t *out = NULL;
	struct err e;
	int rc;

	(void)unused;
	err_clear(&e);
	if (c->update)
		rc = store_update(s, c->res, c->id, c->body, &out, &e);
	else
		rc = store_create(s, c->res, c->body, &out, &e);
	if (fz_verbose)
		fprintf(stderr, "fuzz_bodies: %s %s %" PRId64 ": %d %s: %s\n",
			c->update ? "update" : "create", store_res_name(c->res),
			c->update ? c->id : 0, rc, e.field, e.msg);
	fz_check_result(c, rc, out, &e);
	if (rc == 0)
		fz_check_get(s, c, out);
	json_decref(out);
	return FZ_ROLLBACK;
}

/* api_body's rules: parse errors and non-objects never reach the store. */
static json_t *fz_body(const uint8_t *data, size_t size)
{
	json_t *body = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	rc = jsonx_parse((const char *)data, size, &body, &e);
	if (rc) {
		if (body)
			fz_die("jsonx_parse failed (%d) but left a value", rc);
		if (fz_verbose)
			fprintf(stderr, "fuzz_bodies: parse: %d %s\n", rc, e.msg);
		fz_check_err("jsonx_parse", rc, &e, 1);
		return NULL;
	}
	if (!body)
		fz_die("jsonx_parse returned 0 with NULL");
	if (!json_is_object(body)) {
		if (fz_verbose)
			fputs("fuzz_bodies: not an object\n", stderr);
		json_decref(body);
		return NULL;
	}
	return body;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_call c;
	json_t *body;
	struct err e;
	int rc;

	if (size < 1)
		return 0;
	c.res = (enum store_res)(data[0] % STORE_RES_COUNT);
	c.update = (data[0] >> 3) & 1;
	c.id = fz_ids[(data[0] >> 4) & 3];
	body = fz_body(data + 1, size - 1);
	if (body) {
		c.body = body;
		err_clear(&e);
		rc = store_atomic(fz_store, fz_write, &c, &e);
		if (rc != FZ_ROLLBACK)
			fz_die("store_atomic returned %d, not the callback's code: %s: %s", rc,
			       e.field, e.msg);
		json_decref(body);
	}
	if (++fz_inputs % FZ_CHECK_EVERY == 0)
		fz_check_db();
	return 0;
}
