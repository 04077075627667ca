/*
 * test_service.c - unit tests of src/service (the scheduling workflow) on
 * an in-memory store: the store's data as the scheduler's input (time
 * zones, default online hours, weights from priorities, locks, meetings
 * left out), preview and publish, incremental runs that keep locked and
 * published meetings, moves checked by the validator (person, table and
 * online-hours clashes named), the grid, and agendas in the person's time
 * zone across the March daylight-saving change.
 */
#include "test_store_util.h"

#include "sched/validate.h"
#include "service/schedule.h"

/*
 * The event (Asia/Shanghai, 2 tables) has four slots: Friday 2027-03-26
 * 13:30 and 14:30, Monday 2027-03-29 13:30 and 17:00. Helsinki is UTC+2
 * on Friday and UTC+3 on Monday: Friday 13:30 is 07:30 there, before the
 * default online hours (08:00-19:00).
 */
struct fair {
	struct store *s;
	struct service_conn *c; /* over s */
	int64_t event;
	int64_t slot[4];
	int64_t meeting[5]; /* m1 (2-1), m2 (4-3), m3 (1-3), m4 (5-6), m5 (7-6) */
};

static void person(struct store *s, int org, const char *name, const char *tz)
{
	char text[256];

	snprintf(text, sizeof(text),
		 "{\"organisation_id\": %d, \"name\": \"%s\", \"time_zone\": \"%s\"}", org, name, tz);
	tst_create_id(s, STORE_PERSON, text);
}

static void make_event(struct fair *f)
{
	json_t *ev = tst_create(f->s, STORE_EVENT,
				"{\"name\": \"Fair\", \"time_zone\": \"Asia/Shanghai\", \"mode\": "
				"\"hybrid\", \"tables\": 2, \"venue\": \"Hall B\", \"slots\": ["
				"{\"start\": \"2027-03-26T13:30:00+08:00\", \"minutes\": 20},"
				"{\"start\": \"2027-03-26T14:30:00+08:00\", \"minutes\": 20},"
				"{\"start\": \"2027-03-29T13:30:00+08:00\", \"minutes\": 20},"
				"{\"start\": \"2027-03-29T17:00:00+08:00\", \"minutes\": 20}]}");
	json_t *slots = json_object_get(ev, "slots");

	f->event = tst_int(ev, "id");
	for (size_t i = 0; i < 4; i++)
		f->slot[i] = tst_int(json_array_get(slots, i), "id");
	json_decref(ev);
}

static void reg(struct fair *f, int p, const char *attendance, const char *extra)
{
	char text[256];

	snprintf(text, sizeof(text),
		 "{\"event_id\": %lld, \"person_id\": %d, \"attendance\": \"%s\"%s}",
		 (long long)f->event, p, attendance, extra);
	tst_create_id(f->s, STORE_REGISTRATION, text);
}

static int64_t accept(struct fair *f, int a, int b, int priority)
{
	char text[160];
	int64_t id;
	json_t *out = NULL;
	struct err e;

	snprintf(text, sizeof(text),
		 "{\"event_id\": %lld, \"requester_id\": %d, \"invitee_id\": %d, \"priority\": %d}",
		 (long long)f->event, a, b, priority);
	id = tst_create_id(f->s, STORE_MEETING_REQUEST, text);
	assert_int_equal(store_meeting_request_act(f->s, id, "accept", &out, &e), 0);
	id = tst_int(out, "meeting_id");
	json_decref(out);
	return id;
}

static void fair_init(struct fair *f)
{
	json_t *patch = tst_json("{\"validation\": \"rejected\"}"), *out = NULL;
	struct err e;

	memset(f, 0, sizeof(*f));
	f->s = tst_open();
	f->c = service_conn_wrap(f->s);
	tst_create_id(f->s, STORE_ORGANISATION, "{\"name\": \"Chengdu\", \"country\": \"CN\"}");
	tst_create_id(f->s, STORE_ORGANISATION, "{\"name\": \"Helsinki\", \"country\": \"FI\"}");
	person(f->s, 1, "Li", "Asia/Shanghai");
	person(f->s, 2, "Mikko", "Europe/Helsinki");
	person(f->s, 1, "Wang", "Asia/Shanghai");
	person(f->s, 2, "Aino", "Europe/Helsinki");
	person(f->s, 1, "Zhao", "Asia/Shanghai");
	person(f->s, 1, "Chen", "Asia/Shanghai");
	person(f->s, 2, "Pekka", "Europe/Helsinki");
	make_event(f);
	reg(f, 1, "onsite", "");
	reg(f, 2, "online", "");
	reg(f, 3, "onsite", "");
	reg(f, 4, "online", ", \"online_hours\": [\"08:00\", \"12:30\"]");
	reg(f, 5, "onsite", "");
	reg(f, 6, "onsite", "");
	reg(f, 7, "onsite", "");
	f->meeting[0] = accept(f, 2, 1, 1);
	f->meeting[1] = accept(f, 4, 3, 2);
	f->meeting[2] = accept(f, 1, 3, 3);
	f->meeting[3] = accept(f, 5, 6, 2);
	f->meeting[4] = accept(f, 7, 6, 2);
	/* person 5's registration is rejected after the request was accepted */
	assert_int_equal(store_update(f->s, STORE_REGISTRATION, 5, patch, &out, &e), 0);
	json_decref(out);
	json_decref(patch);
}

static json_t *meeting(struct fair *f, int k)
{
	json_t *m = NULL;
	struct err e;

	assert_int_equal(store_get(f->s, STORE_MEETING, f->meeting[k], &m, &e), 0);
	return m;
}

/* ---- the scheduler's input ------------------------------------------------------- */

static void test_event_build(void **state)
{
	struct fair f;
	struct service_event ev;
	struct err e;

	(void)state;
	fair_init(&f);
	assert_int_equal(service_event_load(f.s, f.event, &ev, &e), 0);
	assert_string_equal(ev.in.time_zone, "Asia/Shanghai");
	assert_int_equal(ev.in.tables, 2);
	assert_int_equal(ev.in.n_slots, 4);
	assert_int_equal(ev.in.slots[0].start, 1806039000); /* 2027-03-26T05:30:00Z */
	assert_int_equal(ev.in.slots[0].minutes, 20);
	/* the rejected registration is not a participant */
	assert_int_equal(ev.in.n_people, 6);
	assert_string_equal(ev.in.people[1].id, "person 2");
	assert_int_equal(ev.in.people[1].attendance, SCHED_ONLINE);
	assert_string_equal(ev.in.people[1].time_zone, "Europe/Helsinki");
	assert_int_equal(ev.in.people[1].online_open, 8 * 60);   /* default for online */
	assert_int_equal(ev.in.people[1].online_close, 19 * 60);
	assert_int_equal(ev.in.people[3].online_open, 8 * 60);   /* given */
	assert_int_equal(ev.in.people[3].online_close, 12 * 60 + 30);
	assert_int_equal(ev.in.people[0].online_open, SCHED_NO_HOURS); /* on site */
	assert_true(ev.in.people[0].all_available);
	/* weights from priorities (1 weighs 3); the meeting of person 5 is left out */
	assert_int_equal(ev.in.n_meetings, 4);
	assert_int_equal(ev.in.meetings[0].weight, 3);
	assert_int_equal(ev.in.meetings[1].weight, 2);
	assert_int_equal(ev.in.meetings[2].weight, 1);
	assert_int_equal(ev.in.meetings[0].mode, SCHED_MODE_ANY);
	assert_int_equal(ev.in.meetings[0].locked_slot, -1);
	assert_int_equal(json_array_size(ev.left_out), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(ev.left_out, 0),
							      "reason")),
			    "the registration of person 5 is rejected");
	assert_int_equal(ev.meeting_of_row[3], -1);
	assert_int_equal(ev.n_current, 0);
	service_event_release(&ev);
	assert_int_equal(service_event_load(f.s, 999, &ev, &e), ERR_NOT_FOUND);
	service_event_release(&ev);
	service_conn_close(f.c);
	store_close(f.s);
}

static void test_available_and_hours(void **state)
{
	struct fair f;
	struct service_event ev;
	json_t *patch, *out = NULL;
	char text[128];
	struct err e;

	(void)state;
	fair_init(&f);
	snprintf(text, sizeof(text), "{\"available_slots\": [%lld, %lld]}", (long long)f.slot[3],
		 (long long)f.slot[1]);
	patch = tst_json(text);
	assert_int_equal(store_update(f.s, STORE_REGISTRATION, 2, patch, &out, &e), 0);
	json_decref(out);
	json_decref(patch);
	/* online_hours is validated like any field */
	patch = tst_json("{\"online_hours\": [\"08:00\", \"25:00\"]}");
	assert_int_equal(store_update(f.s, STORE_REGISTRATION, 2, patch, &out, &e), ERR_INVALID);
	assert_string_equal(e.field, "online_hours[1]");
	json_decref(patch);
	patch = tst_json("{\"online_hours\": [\"08:00\"]}");
	assert_int_equal(store_update(f.s, STORE_REGISTRATION, 2, patch, &out, &e), ERR_INVALID);
	assert_string_equal(e.field, "online_hours");
	json_decref(patch);
	assert_int_equal(service_event_load(f.s, f.event, &ev, &e), 0);
	assert_false(ev.in.people[1].all_available);
	assert_int_equal(ev.in.people[1].n_available, 2);
	assert_int_equal(ev.in.people[1].available[0], 3);
	assert_int_equal(ev.in.people[1].available[1], 1);
	service_event_release(&ev);
	service_conn_close(f.c);
	store_close(f.s);
}

/* ---- preview, publish, incremental ------------------------------------------------- */

static json_t *run(struct fair *f, const char *body)
{
	struct service_schedule_opts o;
	json_t *b = tst_json(body), *out = NULL;
	struct err e;

	service_schedule_opts_init(&o);
	if (service_schedule_opts_read(b, &o, &e) ||
	    service_schedule_run(f->c, f->event, &o, "https://meet.jit.si/x-{event}-{meeting}",
				 &out, &e))
		fail_msg("schedule %s: %s: %s", body, e.field, e.msg);
	json_decref(b);
	return out;
}

/* The validator finds nothing wrong with the stored schedule. */
static void assert_valid(struct fair *f)
{
	struct service_event ev;
	int32_t unscheduled[8];
	struct sched_schedule sc;
	struct sched_violation *v = NULL;
	size_t n = 0, nu = 0;
	bool placed[8] = {false};
	struct err e;

	assert_int_equal(service_event_load(f->s, f->event, &ev, &e), 0);
	for (size_t i = 0; i < ev.n_current; i++)
		placed[ev.current[i].meeting] = true;
	for (size_t m = 0; m < ev.in.n_meetings; m++)
		if (!placed[m])
			unscheduled[nu++] = (int32_t)m;
	sc = (struct sched_schedule){ev.current, ev.n_current, unscheduled, nu};
	assert_int_equal(sched_validate(&ev.in, &sc, &v, &n), 0);
	assert_int_equal(n, 0);
	free(v);
	service_event_release(&ev);
}

static void test_preview_and_publish(void **state)
{
	struct fair f;
	json_t *out, *m, *un;

	(void)state;
	fair_init(&f);
	out = run(&f, "{}");
	assert_false(json_is_true(json_object_get(out, "published")));
	assert_int_equal(json_array_size(json_object_get(out, "scheduled")), 4);
	un = json_object_get(out, "unscheduled");
	assert_int_equal(json_array_size(un), 1);
	assert_int_equal(tst_int(json_array_get(un, 0), "meeting"), f.meeting[3]);
	assert_int_equal(tst_int(json_object_get(out, "stats"), "meetings"), 5);
	assert_int_equal(tst_int(json_object_get(out, "stats"), "weight"), 8);
	assert_int_equal(tst_int(json_object_get(out, "stats"), "upper_bound"), 8);
	/* m1 is online with its room, never in Friday 13:30 (07:30 in Helsinki) */
	m = json_array_get(json_object_get(out, "meetings"), 0);
	assert_true(json_is_true(json_object_get(m, "online")));
	assert_true(tst_int(m, "slot_id") != f.slot[0]);
	assert_non_null(strstr(json_string_value(json_object_get(m, "room_url")),
			       "https://meet.jit.si/x-1-"));
	assert_string_equal(json_string_value(json_object_get(m, "change")), "placed");
	assert_int_equal(tst_int(m, "weight"), 3);
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(json_object_get(m, "participants"), 0), "name")),
			    "Li");
	json_decref(out);
	/* a preview writes nothing */
	m = meeting(&f, 0);
	assert_null(json_object_get(m, "slot_id"));
	json_decref(m);
	out = run(&f, "{\"publish\": true}");
	assert_true(json_is_true(json_object_get(out, "published")));
	assert_non_null(json_object_get(out, "schedule_published_at"));
	json_decref(out);
	m = meeting(&f, 2);
	assert_non_null(json_object_get(m, "slot_id"));
	assert_true(tst_int(m, "table") >= 1 && tst_int(m, "table") <= 2);
	json_decref(m);
	assert_valid(&f);
	service_conn_close(f.c);
	store_close(f.s);
}

static void test_incremental_keeps_locked(void **state)
{
	struct fair f;
	json_t *out, *m, *patch;
	int64_t slot, table;
	struct err e;

	(void)state;
	fair_init(&f);
	json_decref(run(&f, "{\"publish\": true}"));
	patch = tst_json("{\"locked\": true}");
	assert_int_equal(service_meeting_patch(f.c, f.meeting[2], patch, &out, &e), 0);
	assert_true(json_is_true(json_object_get(out, "locked")));
	slot = tst_int(out, "slot_id");
	table = tst_int(out, "table");
	json_decref(out);
	json_decref(patch);
	/* keep_published: everything stays */
	out = run(&f, "{\"publish\": true}");
	assert_int_equal(tst_int(json_object_get(out, "stats"), "kept"), 4);
	assert_int_equal(tst_int(json_object_get(out, "stats"), "moved"), 0);
	json_decref(out);
	/* without it, the locked meeting still stays, locked */
	out = run(&f, "{\"publish\": true, \"keep_published\": false}");
	m = json_array_get(json_object_get(out, "meetings"), 2);
	assert_string_equal(json_string_value(json_object_get(m, "change")), "kept");
	assert_true(json_is_true(json_object_get(m, "locked")));
	json_decref(out);
	m = meeting(&f, 2);
	assert_int_equal(tst_int(m, "slot_id"), slot);
	assert_int_equal(tst_int(m, "table"), table);
	assert_true(json_is_true(json_object_get(m, "locked")));
	json_decref(m);
	assert_valid(&f);
	service_conn_close(f.c);
	store_close(f.s);
}

static void test_options(void **state)
{
	struct service_schedule_opts o;
	json_t *b;
	struct err e;

	(void)state;
	service_schedule_opts_init(&o);
	assert_false(o.publish);
	assert_true(o.keep_published);
	assert_int_equal(service_schedule_opts_read(NULL, &o, &e), 0);
	b = tst_json("{\"exact\": true, \"time_limit\": 2.5, \"keep_published\": false}");
	assert_int_equal(service_schedule_opts_read(b, &o, &e), 0);
	assert_true(o.exact);
	assert_false(o.keep_published);
	assert_true(o.time_limit > 2.4 && o.time_limit < 2.6);
	json_decref(b);
	b = tst_json("{\"time_limit\": 0}");
	assert_int_equal(service_schedule_opts_read(b, &o, &e), ERR_INVALID);
	assert_string_equal(e.field, "time_limit");
	json_decref(b);
	b = tst_json("{\"publish\": 1}");
	assert_int_equal(service_schedule_opts_read(b, &o, &e), ERR_INVALID);
	assert_string_equal(e.field, "publish");
	json_decref(b);
	b = tst_json("{\"fast\": true}");
	assert_int_equal(service_schedule_opts_read(b, &o, &e), ERR_INVALID);
	assert_string_equal(e.field, "fast");
	json_decref(b);
}

/* ---- moving meetings ---------------------------------------------------------- */

static int move(struct fair *f, int k, const char *fmt, int64_t a, struct err *e)
{
	char text[160];
	json_t *patch, *out = NULL;
	int rc;

	snprintf(text, sizeof(text), fmt, (long long)a);
	patch = tst_json(text);
	rc = service_meeting_patch(f->c, f->meeting[k], patch, &out, e);
	json_decref(patch);
	json_decref(out);
	return rc;
}

static void test_moves(void **state)
{
	struct fair f;
	json_t *m;
	char want[160];
	struct err e;

	(void)state;
	fair_init(&f);
	/* m3 (1-3) at table 1 on Monday 13:30, m5 (7-6) at table 2 there */
	assert_int_equal(move(&f, 2, "{\"slot_id\": %lld, \"table\": 1}", f.slot[2], &e), 0);
	assert_int_equal(move(&f, 4, "{\"slot_id\": %lld, \"table\": 1}", f.slot[2], &e),
			 ERR_CONFLICT);
	assert_string_equal(e.field, "table");
	snprintf(want, sizeof(want), "table 1 is taken in slot %lld (meeting %lld)",
		 (long long)f.slot[2], (long long)f.meeting[2]);
	assert_string_equal(e.msg, want);
	assert_int_equal(move(&f, 4, "{\"slot_id\": %lld, \"table\": 2}", f.slot[2], &e), 0);
	/* m1 (2-1) online in the same slot: person 1 is at m3 */
	assert_int_equal(move(&f, 0, "{\"slot_id\": %lld, \"online\": true}", f.slot[2], &e),
			 ERR_CONFLICT);
	snprintf(want, sizeof(want), "person 1 already meets in slot %lld (meeting %lld)",
		 (long long)f.slot[2], (long long)f.meeting[2]);
	assert_string_equal(e.msg, want);
	assert_string_equal(e.field, "slot_id");
	/* m2 (4-3) on Friday 13:30: 07:30 in Helsinki (UTC+2 before the change) */
	assert_int_equal(move(&f, 1, "{\"slot_id\": %lld, \"online\": true}", f.slot[0], &e),
			 ERR_CONFLICT);
	assert_string_equal(e.msg, "online hours of person 4 (Europe/Helsinki) do not cover "
				   "07:30\u201307:50");
	/* m2 at a table: person 4 attends online */
	assert_int_equal(move(&f, 1, "{\"slot_id\": %lld, \"table\": 1}", f.slot[1], &e),
			 ERR_CONFLICT);
	assert_string_equal(e.msg, "person 4 attends online: the meeting must be online");
	/* Monday 17:00 is 12:00-12:20 in Helsinki: inside person 4's 08:00-12:30 */
	assert_int_equal(move(&f, 1, "{\"slot_id\": %lld, \"online\": true}", f.slot[3], &e), 0);
	/* malformed moves */
	assert_int_equal(move(&f, 2, "{\"slot_id\": %lld}", f.slot[1], &e), ERR_INVALID);
	assert_string_equal(e.field, "slot_id");
	assert_int_equal(move(&f, 2, "{\"table\": %lld}", 3, &e), ERR_INVALID);
	assert_string_equal(e.field, "table");
	assert_int_equal(move(&f, 2, "{\"slot_id\": %lld, \"table\": 1}", 9999, &e), ERR_INVALID);
	assert_string_equal(e.field, "slot_id");
	/* a locked meeting moves only with "locked" in the patch */
	assert_int_equal(move(&f, 2, "{\"locked\": true}", 0, &e), 0);
	assert_int_equal(move(&f, 2, "{\"slot_id\": %lld, \"table\": 1}", f.slot[1], &e),
			 ERR_CONFLICT);
	assert_string_equal(e.field, "locked");
	assert_int_equal(move(&f, 2, "{\"slot_id\": %lld, \"table\": 1, \"locked\": true}",
			      f.slot[1], &e), 0);
	m = meeting(&f, 2);
	assert_int_equal(tst_int(m, "slot_id"), f.slot[1]);
	assert_true(json_is_true(json_object_get(m, "locked")));
	json_decref(m);
	assert_int_equal(move(&f, 2, "{\"slot_id\": null, \"locked\": true}", 0, &e), ERR_INVALID);
	assert_string_equal(e.field, "locked");
	assert_int_equal(move(&f, 2, "{\"slot_id\": null, \"locked\": false}", 0, &e), 0);
	m = meeting(&f, 2);
	assert_null(json_object_get(m, "slot_id"));
	assert_false(json_is_true(json_object_get(m, "locked")));
	json_decref(m);
	/* the meeting of the rejected registration cannot be placed */
	assert_int_equal(move(&f, 3, "{\"slot_id\": %lld, \"table\": 1}", f.slot[3], &e),
			 ERR_CONFLICT);
	assert_string_equal(e.msg, "the registration of person 5 is rejected");
	assert_valid(&f);
	service_conn_close(f.c);
	store_close(f.s);
}

/* ---- grid and agenda ---------------------------------------------------------- */

static void test_grid(void **state)
{
	struct fair f;
	json_t *g = NULL, *slot, *cell;
	struct err e;

	(void)state;
	fair_init(&f);
	assert_int_equal(move(&f, 2, "{\"slot_id\": %lld, \"table\": 2}", f.slot[2], &e), 0);
	assert_int_equal(move(&f, 0, "{\"slot_id\": %lld, \"online\": true}", f.slot[3], &e), 0);
	assert_int_equal(service_grid(f.c, f.event, NULL, &g, &e), 0);
	assert_int_equal(json_array_size(json_object_get(g, "slots")), 4);
	slot = json_array_get(json_object_get(g, "slots"), 2);
	assert_string_equal(json_string_value(json_object_get(slot, "start")),
			    "2027-03-29T13:30:00+08:00");
	assert_int_equal(json_array_size(json_object_get(slot, "tables")), 2);
	assert_true(json_is_null(json_array_get(json_object_get(slot, "tables"), 0)));
	cell = json_array_get(json_object_get(slot, "tables"), 1);
	assert_int_equal(tst_int(cell, "id"), f.meeting[2]);
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(json_object_get(cell, "participants"), 1),
				    "organisation")),
			    "Chengdu");
	slot = json_array_get(json_object_get(g, "slots"), 3);
	cell = json_array_get(json_object_get(slot, "online"), 0);
	assert_int_equal(tst_int(cell, "id"), f.meeting[0]);
	assert_non_null(strstr(json_string_value(json_object_get(cell, "room_url")),
			       "https://video.example.org/liaison-1-"));
	assert_int_equal(json_array_size(json_object_get(g, "unscheduled")), 3);
	json_decref(g);
	assert_int_equal(service_grid(f.c, 42, NULL, &g, &e), ERR_NOT_FOUND);
	service_conn_close(f.c);
	store_close(f.s);
}

static void test_agenda(void **state)
{
	struct fair f;
	json_t *a = NULL, *m;
	struct err e;

	(void)state;
	fair_init(&f);
	assert_int_equal(move(&f, 0, "{\"slot_id\": %lld, \"online\": true}", f.slot[2], &e), 0);
	assert_int_equal(move(&f, 4, "{\"slot_id\": %lld, \"table\": 1}", f.slot[1], &e), 0);
	assert_int_equal(service_agenda(f.c, 2, "https://meet.jit.si/l-{event}-{meeting}", &a, &e),
			 0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(a, "person"),
							       "time_zone")),
			    "Europe/Helsinki");
	assert_int_equal(json_array_size(json_object_get(a, "meetings")), 1);
	m = json_array_get(json_object_get(a, "meetings"), 0);
	/* Monday 13:30 in Shanghai is 08:30 in Helsinki, summer time (UTC+3) */
	assert_string_equal(json_string_value(json_object_get(m, "start")),
			    "2027-03-29T08:30:00+03:00");
	assert_string_equal(json_string_value(json_object_get(m, "end")),
			    "2027-03-29T08:50:00+03:00");
	assert_string_equal(json_string_value(json_object_get(m, "event_start")),
			    "2027-03-29T13:30:00+08:00");
	assert_string_equal(json_string_value(json_object_get(m, "start_utc")),
			    "2027-03-29T05:30:00Z");
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(json_object_get(m, "with"), 0), "name")),
			    "Li");
	assert_non_null(json_object_get(m, "room_url"));
	json_decref(a);
	/* an on-site meeting: table and venue, in the person's zone (Friday: UTC+2) */
	assert_int_equal(service_agenda(f.c, 7, NULL, &a, &e), 0);
	m = json_array_get(json_object_get(a, "meetings"), 0);
	assert_string_equal(json_string_value(json_object_get(m, "location")), "Table 1, Hall B");
	assert_string_equal(json_string_value(json_object_get(m, "start")),
			    "2027-03-26T08:30:00+02:00");
	json_decref(a);
	assert_int_equal(service_agenda(f.c, 99, NULL, &a, &e), ERR_NOT_FOUND);
	assert_string_equal(e.field, "id");
	service_conn_close(f.c);
	store_close(f.s);
}

static void test_room_and_time(void **state)
{
	struct buf b;
	char t[40];
	struct err e;

	(void)state;
	buf_init(&b, 1024);
	assert_int_equal(service_room_url("https://meet.jit.si/l-{event}-{meeting}", 3, 42, &b), 0);
	assert_string_equal(b.data, "https://meet.jit.si/l-3-42");
	buf_release(&b);
	assert_int_equal(service_room_template_check("https://meet.jit.si/{meeting}", &e), 0);
	assert_int_equal(service_room_template_check("ftp://x/{meeting}", &e), ERR_INVALID);
	assert_int_equal(service_room_template_check("https://x/{room}-{meeting}", &e), ERR_INVALID);
	assert_int_equal(service_room_template_check("https://x/{event}", &e), ERR_INVALID);
	assert_int_equal(service_room_template_check("https://x/a b{meeting}", &e), ERR_INVALID);
	assert_int_equal(service_time_format("Europe/Helsinki", 1806039000, t, sizeof(t)), 0);
	assert_string_equal(t, "2027-03-26T07:30:00+02:00");
	assert_int_equal(service_time_format("UTC", 1806039000, t, sizeof(t)), 0);
	assert_string_equal(t, "2027-03-26T05:30:00Z");
	assert_int_equal(service_time_format("America/St_Johns", 1806039000, t, sizeof(t)), 0);
	assert_string_equal(t, "2027-03-26T03:00:00-02:30");
	assert_int_equal(service_time_format("Mars/Olympus", 0, t, sizeof(t)), ERR_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_event_build),
		cmocka_unit_test(test_available_and_hours),
		cmocka_unit_test(test_preview_and_publish),
		cmocka_unit_test(test_incremental_keeps_locked),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_moves),
		cmocka_unit_test(test_grid),
		cmocka_unit_test(test_agenda),
		cmocka_unit_test(test_room_and_time),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
