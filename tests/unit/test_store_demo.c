/*
 * test_store_demo.c - the demo loader: the files of data/demo load completely
 * (every count matches the files, every rule of the API holds), and bad
 * events files are refused naming the record, with nothing stored.
 */
#include "test_store_util.h"

static json_t *load_demo_file(const char *name)
{
	const char *dir = getenv("LIAISON_SOURCE_DIR");
	char path[1024];
	json_t *v;
	struct err e;

	snprintf(path, sizeof(path), "%s/data/demo/%s", dir ? dir : ".", name);
	if (jsonx_load_file(path, 1 << 26, &v, &e))
		fail_msg("%s: %s", path, e.msg);
	return v;
}

static int64_t at(const json_t *obj, const char *a, const char *b)
{
	const json_t *v = json_object_get(obj, a);

	return json_integer_value(b ? json_object_get(v, b) : v);
}

static void test_demo_files(void **state)
{
	json_t *orgs = load_demo_file("organisations.json");
	json_t *events = load_demo_file("events.json");
	const json_t *reqs = json_object_get(events, "meeting_requests");
	struct store *s = tst_open();
	struct err e;
	json_t *st, *v, *list;
	int64_t by_state[4] = {0, 0, 0, 0}, placed = 0;
	static const char *const states[] = {"requested", "accepted", "declined", "cancelled"};
	size_t i, opps = 0;
	int empty = 0;

	(void)state;
	if (json_array_size(json_object_get(orgs, "organisations")) == 0)
		skip(); /* the demo data set is not there yet */
	err_clear(&e);
	if (store_load_demo(s, orgs, events, &e))
		fail_msg("load demo: %s: %s", e.field, e.msg);
	assert_int_equal(store_is_empty(s, &empty, &e), 0);
	assert_int_equal(empty, 0);
	json_array_foreach(json_object_get(orgs, "organisations"), i, v)
		opps += json_array_size(json_object_get(v, "opportunities"));
	json_array_foreach(reqs, i, v) {
		const char *state_name = jsonx_str(v, "state");

		for (int k = 0; k < 4; k++)
			by_state[k] += strcmp(state_name ? state_name : "requested", states[k]) == 0;
		placed += json_object_get(v, "meeting") != NULL;
	}
	assert_int_equal(store_stats(s, &st, &e), 0);
	assert_int_equal(at(st, "organisations", "total"),
			 json_array_size(json_object_get(orgs, "organisations")));
	assert_int_equal(at(st, "opportunities", "total"), opps);
	assert_int_equal(at(st, "people", NULL), json_array_size(json_object_get(events, "people")));
	assert_int_equal(at(st, "events", NULL), json_array_size(json_object_get(events, "events")));
	assert_int_equal(at(st, "meeting_requests", "total"), json_array_size(reqs));
	for (int k = 0; k < 4; k++)
		assert_int_equal(json_integer_value(json_object_get(
					 json_object_get(json_object_get(st, "meeting_requests"), "by_state"),
					 states[k])),
				 by_state[k]);
	assert_int_equal(at(st, "meetings", "total"), by_state[1]);
	assert_int_equal(at(st, "meetings", "scheduled"), placed);
	assert_int_equal(at(st, "agreements", "total"),
			 json_array_size(json_object_get(events, "agreements")));
	json_decref(st);
	/* the data are searchable and listable like any other */
	assert_true(tst_count(s, STORE_ORGANISATION, "{\"q\": \"交通\", \"limit\": \"200\"}") > 0);
	list = tst_list(s, STORE_MEETING, "{\"limit\": \"200\"}");
	json_array_foreach(json_object_get(list, "items"), i, v)
		if (json_object_get(v, "slot_id"))
			assert_true(json_object_get(v, "table") != NULL ||
				    json_is_true(json_object_get(v, "online")));
	json_decref(list);
	/* loading it twice is refused as a whole: the refs exist */
	assert_int_not_equal(store_load_demo(s, orgs, events, &e), 0);
	assert_int_equal(tst_count(s, STORE_EVENT, "{}"),
			 json_array_size(json_object_get(events, "events")));
	json_decref(orgs);
	json_decref(events);
	store_close(s);
}

static const char demo_orgs[] =
	"{\"organisations\": [{\"id\": \"cn-a\", \"name\": \"A\", \"country\": \"CN\","
	" \"description\": \"城市交通\", \"opportunities\": [{\"id\": \"cn-a-1\", \"type\": \"request\","
	" \"title\": \"Pilot\"}]}, {\"id\": \"fi-b\", \"name\": \"B\", \"description\": \"Liikenne\"}]}";

#define DEMO_PEOPLE                                                                                \
	"\"people\": [{\"ref\": \"p1\", \"organisation\": \"cn-a\", \"name\": \"P1\"},"            \
	" {\"ref\": \"p2\", \"organisation\": \"fi-b\", \"name\": \"P2\"},"                         \
	" {\"ref\": \"p3\", \"organisation\": \"fi-b\", \"name\": \"P3\"}],"
#define DEMO_EVENT                                                                                 \
	"\"events\": [{\"ref\": \"ev\", \"name\": \"Fair\", \"time_zone\": \"Asia/Shanghai\","     \
	" \"mode\": \"hybrid\", \"tables\": 2, \"slots\": [{\"ref\": \"s1\","                     \
	" \"start\": \"2026-05-13T09:00:00+08:00\", \"minutes\": 20}, {\"ref\": \"s2\","          \
	" \"start\": \"2026-05-13T09:20:00+08:00\", \"minutes\": 20}]}],"
#define DEMO_REGS                                                                                  \
	"\"registrations\": [{\"event\": \"ev\", \"person\": \"p1\", \"attendance\": \"onsite\"},"  \
	" {\"event\": \"ev\", \"person\": \"p2\", \"attendance\": \"onsite\", \"available\": [\"s1\"]}," \
	" {\"event\": \"ev\", \"person\": \"p3\", \"attendance\": \"online\"}],"

static void demo_refused(const char *events_text, int code, const char *field)
{
	struct store *s = tst_open();
	json_t *orgs = tst_json(demo_orgs);
	json_t *events = tst_json(events_text);
	struct err e;
	int empty = 0;

	err_clear(&e);
	assert_int_equal(store_load_demo(s, orgs, events, &e), code);
	if (strcmp(e.field, field) != 0)
		fail_msg("expected %s, got %s: %s", field, e.field, e.msg);
	assert_int_equal(store_is_empty(s, &empty, &e), 0);
	assert_int_equal(empty, 1); /* nothing stored, organisations included */
	json_decref(orgs);
	json_decref(events);
	store_close(s);
}

static void test_demo_small(void **state)
{
	struct store *s = tst_open();
	json_t *orgs = tst_json(demo_orgs);
	json_t *events = tst_json(
		"{" DEMO_PEOPLE DEMO_EVENT DEMO_REGS
		" \"meeting_requests\": [{\"event\": \"ev\", \"requester\": \"p1\", \"invitee\": \"p2\","
		"  \"opportunity\": \"cn-a-1\", \"priority\": 1, \"state\": \"accepted\","
		"  \"meeting\": {\"slot\": \"s1\", \"table\": 2}},"
		" {\"event\": \"ev\", \"requester\": \"p3\", \"invitee\": \"p1\", \"state\": \"accepted\","
		"  \"meeting\": {\"slot\": \"s2\", \"online\": true}},"
		" {\"event\": \"ev\", \"requester\": \"p3\", \"invitee\": \"p2\", \"state\": \"declined\"}],"
		" \"agreements\": [{\"ref\": \"ag\", \"title\": \"MoU\", \"kind\": \"mou\","
		"  \"parties\": [\"cn-a\", \"fi-b\"], \"event\": \"ev\", \"state\": \"signed\"}]}");
	struct err e;
	json_t *m;

	(void)state;
	err_clear(&e);
	if (store_load_demo(s, orgs, events, &e))
		fail_msg("%s: %s", e.field, e.msg);
	assert_int_equal(store_get(s, STORE_MEETING, 1, &m, &e), 0);
	assert_int_equal(tst_int(m, "table"), 2);
	json_decref(m);
	assert_int_equal(store_get(s, STORE_MEETING, 2, &m, &e), 0);
	assert_true(json_is_true(json_object_get(m, "online")));
	json_decref(m);
	assert_int_equal(tst_count(s, STORE_MEETING_REQUEST, "{\"state\": \"declined\"}"), 1);
	assert_int_equal(tst_count(s, STORE_AGREEMENT, "{\"state\": \"signed\"}"), 1);
	json_decref(orgs);
	json_decref(events);
	store_close(s);
}

static void test_demo_refused(void **state)
{
	(void)state;
	demo_refused("{\"people\": [{\"ref\": \"p1\", \"organisation\": \"nope\", \"name\": \"P\"}]}",
		     ERR_INVALID, "people[0].organisation");
	demo_refused("{\"people\": [{\"ref\": \"p1\", \"organisation\": \"cn-a\", \"name\": \"P\","
		     " \"email\": \"x\"}]}",
		     ERR_INVALID, "people[0].email");
	demo_refused("{\"people\": [], \"speakers\": []}", ERR_INVALID, "speakers");
	demo_refused("{" DEMO_PEOPLE DEMO_EVENT DEMO_REGS
		     " \"meeting_requests\": [{\"event\": \"ev\", \"requester\": \"p1\","
		     " \"invitee\": \"p1\"}]}",
		     ERR_INVALID, "meeting_requests[0].invitee_id");
	/* person 2 is only available in s1 */
	demo_refused("{" DEMO_PEOPLE DEMO_EVENT DEMO_REGS
		     " \"meeting_requests\": [{\"event\": \"ev\", \"requester\": \"p1\","
		     " \"invitee\": \"p2\", \"state\": \"accepted\", \"meeting\": {\"slot\": \"s2\","
		     " \"table\": 1}}]}",
		     ERR_INVALID, "meeting_requests[0].meeting.slot_id");
	/* person 1 in two meetings in slot s1 */
	demo_refused("{" DEMO_PEOPLE DEMO_EVENT DEMO_REGS
		     " \"meeting_requests\": [{\"event\": \"ev\", \"requester\": \"p1\","
		     " \"invitee\": \"p2\", \"state\": \"accepted\", \"meeting\": {\"slot\": \"s1\","
		     " \"table\": 1}}, {\"event\": \"ev\", \"requester\": \"p3\", \"invitee\": \"p1\","
		     " \"state\": \"accepted\", \"meeting\": {\"slot\": \"s1\", \"online\": true}}]}",
		     ERR_CONFLICT, "meeting_requests[1].meeting.slot_id");
	demo_refused("{" DEMO_PEOPLE DEMO_EVENT DEMO_REGS
		     " \"meeting_requests\": [{\"event\": \"ev\", \"requester\": \"p1\","
		     " \"invitee\": \"p2\", \"state\": \"declined\", \"meeting\": {\"slot\": \"s1\","
		     " \"table\": 1}}]}",
		     ERR_INVALID, "meeting_requests[0].meeting");
	demo_refused("{" DEMO_PEOPLE DEMO_EVENT DEMO_REGS
		     " \"meeting_requests\": [{\"event\": \"ev\", \"requester\": \"p1\","
		     " \"invitee\": \"p2\", \"state\": \"accepted\", \"meeting\": {\"slot\": \"s9\","
		     " \"table\": 1}}]}",
		     ERR_INVALID, "meeting_requests[0].meeting.slot");
	demo_refused("{" DEMO_PEOPLE DEMO_EVENT
		     " \"registrations\": [{\"event\": \"ev\", \"person\": \"p1\","
		     " \"attendance\": \"onsite\", \"available\": [\"s1\", \"zz\"]}]}",
		     ERR_INVALID, "registrations[0].available[1]");
	demo_refused("{\"agreements\": [{\"title\": \"t\", \"kind\": \"mou\","
		     " \"parties\": [\"cn-a\", \"xx\"]}]}",
		     ERR_INVALID, "agreements[0].parties[1]");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo_files),
		cmocka_unit_test(test_demo_small),
		cmocka_unit_test(test_demo_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
