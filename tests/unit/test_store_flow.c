/*
 * test_store_flow.c - unit tests of src/store beyond organisations: people,
 * opportunities, events and slots, registrations, the meeting-request state
 * machine with every refusal, placing meetings, agreements, deletion rules
 * and stats.
 */
#include "test_store_util.h"

/* Two organisations, four people, one hybrid event with three slots. */
struct world {
	struct store *s;
	int64_t cn, fi, p[5], ev, slot[3];
};

static void world_init(struct world *w, const char *event_extra)
{
	char text[1024];
	json_t *ev;

	w->s = tst_open();
	w->cn = tst_create_id(w->s, STORE_ORGANISATION,
			      "{\"ref\": \"cn\", \"name\": \"Chengdu\", \"country\": \"CN\","
			      " \"kind\": \"city\", \"languages\": [\"zh\"]}");
	w->fi = tst_create_id(w->s, STORE_ORGANISATION,
			      "{\"ref\": \"fi\", \"name\": \"Aalto\", \"country\": \"FI\","
			      " \"kind\": \"university\", \"languages\": [\"fi\", \"en\"]}");
	for (int i = 1; i <= 4; i++) {
		snprintf(text, sizeof(text),
			 "{\"organisation_id\": %lld, \"name\": \"Person %d\", \"ref\": \"p%d\"}",
			 (long long)(i % 2 ? w->cn : w->fi), i, i);
		w->p[i] = tst_create_id(w->s, STORE_PERSON, text);
	}
	snprintf(text, sizeof(text),
		 "{\"name\": \"Fair\", \"time_zone\": \"Asia/Shanghai\", \"mode\": \"hybrid\","
		 " \"tables\": 2, \"slots\": [{\"ref\": \"b\", \"start\": \"2026-05-13T09:20:00+08:00\","
		 " \"minutes\": 20}, {\"ref\": \"a\", \"start\": \"2026-05-13T09:00:00+08:00\","
		 " \"minutes\": 20}, {\"ref\": \"c\", \"start\": \"2026-05-13T01:40:00Z\","
		 " \"minutes\": 20}]%s}",
		 event_extra);
	ev = tst_create(w->s, STORE_EVENT, text);
	w->ev = tst_int(ev, "id");
	for (int i = 0; i < 3; i++)
		w->slot[i] = tst_int(json_array_get(json_object_get(ev, "slots"), (size_t)i), "id");
	json_decref(ev);
}

static int64_t reg(struct world *w, int person, const char *attendance, const char *extra)
{
	char text[512];

	snprintf(text, sizeof(text),
		 "{\"event_id\": %lld, \"person_id\": %lld, \"attendance\": \"%s\"%s}",
		 (long long)w->ev, (long long)w->p[person], attendance, extra);
	return tst_create_id(w->s, STORE_REGISTRATION, text);
}

static const char *req_body(struct world *w, int a, int b, char *buf, size_t n)
{
	snprintf(buf, n, "{\"event_id\": %lld, \"requester_id\": %lld, \"invitee_id\": %lld}",
		 (long long)w->ev, (long long)w->p[a], (long long)w->p[b]);
	return buf;
}

static json_t *act(struct world *w, int64_t id, const char *action, int want)
{
	json_t *out = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	rc = store_meeting_request_act(w->s, id, action, &out, &e);
	if (rc != want)
		fail_msg("%s %lld: expected %d, got %d: %s", action, (long long)id, want, rc, e.msg);
	return out;
}

static int patch(struct store *s, enum store_res res, int64_t id, const char *text,
		 struct err *e)
{
	json_t *p = tst_json(text);
	json_t *out = NULL;
	int rc;

	err_clear(e);
	rc = store_update(s, res, id, p, &out, e);
	json_decref(p);
	json_decref(out);
	return rc;
}

static void test_people(void **state)
{
	struct world w;
	json_t *p;
	struct err e;

	(void)state;
	world_init(&w, "");
	p = tst_create(w.s, STORE_PERSON,
		       "{\"organisation_id\": 1, \"name\": \"Li Wei\", \"role\": \"Director\","
		       " \"email\": \"li@example.cn\", \"phone\": \"+86 (28) 1234-5678\","
		       " \"languages\": [\"zh\", \"en\"]}");
	assert_string_equal(jsonx_str(p, "time_zone"), "UTC"); /* default */
	assert_string_equal(jsonx_str(p, "email"), "li@example.cn");
	json_decref(p);
	tst_refused(w.s, STORE_PERSON, "{\"organisation_id\": 1, \"name\": \"x\", \"email\": \"a@b@c\"}",
		    ERR_INVALID, "email");
	tst_refused(w.s, STORE_PERSON, "{\"organisation_id\": 1, \"name\": \"x\", \"email\": \"@b\"}",
		    ERR_INVALID, "email");
	tst_refused(w.s, STORE_PERSON, "{\"organisation_id\": 1, \"name\": \"x\", \"phone\": \"call me\"}",
		    ERR_INVALID, "phone");
	tst_refused(w.s, STORE_PERSON,
		    "{\"organisation_id\": 1, \"name\": \"x\", \"time_zone\": \"Mars/Olympus\"}",
		    ERR_INVALID, "time_zone");
	tst_refused(w.s, STORE_PERSON,
		    "{\"organisation_id\": 1, \"name\": \"x\", \"time_zone\": \"GMT+05:00\"}",
		    ERR_INVALID, "time_zone");
	tst_refused(w.s, STORE_PERSON,
		    "{\"organisation_id\": 1, \"name\": \"x\", \"time_zone\": \"ACT\"}",
		    ERR_INVALID, "time_zone");
	tst_refused(w.s, STORE_PERSON,
		    "{\"organisation_id\": 1, \"name\": \"x\", \"time_zone\": \"europe/helsinki\"}",
		    ERR_INVALID, "time_zone");
	json_decref(tst_create(w.s, STORE_PERSON,
			       "{\"organisation_id\": 1, \"name\": \"y\", \"time_zone\": \"Asia/Calcutta\"}"));
	json_decref(tst_create(w.s, STORE_PERSON,
			       "{\"organisation_id\": 1, \"name\": \"z\", \"time_zone\": \"EST\"}"));
	tst_refused(w.s, STORE_PERSON, "{\"organisation_id\": 999, \"name\": \"x\"}", ERR_INVALID,
		    "organisation_id");
	tst_create_err(w.s, STORE_PERSON, "{\"organisation_id\": 999, \"name\": \"x\"}", &e);
	assert_string_equal(e.msg, "organisation 999 does not exist");
	tst_refused(w.s, STORE_PERSON, "{\"name\": \"x\"}", ERR_INVALID, "organisation_id");
	json_decref(tst_create(w.s, STORE_PERSON,
			       "{\"organisation_id\": 2, \"name\": \"Aino\", \"time_zone\": \"Europe/Helsinki\","
			       " \"languages\": [\"fi\"]}"));
	assert_int_equal(tst_count(w.s, STORE_PERSON, "{\"organisation\": \"2\"}"), 3);
	assert_int_equal(tst_count(w.s, STORE_PERSON, "{\"organisation\": \"1\"}"), 5);
	assert_int_equal(tst_count(w.s, STORE_PERSON, "{\"lang\": \"fi\"}"), 1);
	assert_int_equal(tst_count(w.s, STORE_PERSON, "{\"q\": \"li wei\"}"), 1);
	/* an organisation without meeting requests takes its people with it */
	assert_int_equal(store_delete(w.s, STORE_ORGANISATION, w.fi, &e), 0);
	assert_int_equal(tst_count(w.s, STORE_PERSON, "{\"organisation\": \"2\"}"), 0);
	store_close(w.s);
}

static void test_opportunities(void **state)
{
	struct world w;
	json_t *o;

	(void)state;
	world_init(&w, "");
	o = tst_create(w.s, STORE_OPPORTUNITY,
		       "{\"organisation_id\": 1, \"type\": \"request\", \"title\": \"Bus fleet\","
		       " \"themes\": [\"mobility\"], \"sdgs\": [11], \"partnership\": [\"pilot\"],"
		       " \"target_countries\": [\"FI\", \"DE\"], \"deadline\": \"2028-02-29\"}");
	assert_string_equal(jsonx_str(o, "category"), "business");
	assert_string_equal(jsonx_str(o, "state"), "open");
	assert_int_equal(tst_int(o, "organisation_id"), 1);
	json_decref(o);
	json_decref(tst_create(w.s, STORE_OPPORTUNITY,
			       "{\"organisation_id\": 2, \"type\": \"offer\", \"title\": \"Research\","
			       " \"category\": \"research\", \"state\": \"closed\", \"sdgs\": [4]}"));
	tst_refused(w.s, STORE_OPPORTUNITY, "{\"organisation_id\": 1, \"title\": \"x\"}", ERR_INVALID,
		    "type");
	tst_refused(w.s, STORE_OPPORTUNITY,
		    "{\"organisation_id\": 1, \"type\": \"gift\", \"title\": \"x\"}", ERR_INVALID,
		    "type");
	tst_refused(w.s, STORE_OPPORTUNITY,
		    "{\"organisation_id\": 1, \"type\": \"offer\", \"title\": \"x\","
		    " \"deadline\": \"2026-02-30\"}",
		    ERR_INVALID, "deadline");
	tst_refused(w.s, STORE_OPPORTUNITY,
		    "{\"organisation_id\": 1, \"type\": \"offer\", \"title\": \"x\","
		    " \"deadline\": \"2026-2-3\"}",
		    ERR_INVALID, "deadline");
	tst_refused(w.s, STORE_OPPORTUNITY,
		    "{\"organisation_id\": 1, \"type\": \"offer\", \"title\": \"x\","
		    " \"target_countries\": [\"FI\", \"XX\"]}",
		    ERR_INVALID, "target_countries[1]");
	tst_refused(w.s, STORE_OPPORTUNITY,
		    "{\"organisation_id\": 1, \"type\": \"offer\", \"title\": \"x\","
		    " \"partnership\": [\"Joint Venture\"]}",
		    ERR_INVALID, "partnership[0]");
	assert_int_equal(tst_count(w.s, STORE_OPPORTUNITY, "{\"type\": \"offer\"}"), 1);
	assert_int_equal(tst_count(w.s, STORE_OPPORTUNITY, "{\"category\": \"business\"}"), 1);
	assert_int_equal(tst_count(w.s, STORE_OPPORTUNITY, "{\"country\": \"FI\"}"), 1);
	assert_int_equal(tst_count(w.s, STORE_OPPORTUNITY, "{\"kind\": \"city\"}"), 1);
	assert_int_equal(tst_count(w.s, STORE_OPPORTUNITY, "{\"theme\": \"mobility\"}"), 1);
	assert_int_equal(tst_count(w.s, STORE_OPPORTUNITY, "{\"sdg\": \"4\"}"), 1);
	assert_int_equal(tst_count(w.s, STORE_OPPORTUNITY, "{\"lang\": \"en\"}"), 1);
	assert_int_equal(tst_count(w.s, STORE_OPPORTUNITY, "{\"state\": \"open\"}"), 1);
	assert_int_equal(tst_count(w.s, STORE_OPPORTUNITY, "{\"organisation\": \"1\"}"), 1);
	assert_int_equal(tst_count(w.s, STORE_OPPORTUNITY, "{\"q\": \"bus\"}"), 1);
	store_close(w.s);
}

static void test_events(void **state)
{
	struct world w;
	json_t *ev, *slots;
	struct err e;
	int64_t reg_id;

	(void)state;
	world_init(&w, ", \"meeting_cap\": 3, \"stream_url\": \"https://live.example.org\"");
	assert_int_equal(store_get(w.s, STORE_EVENT, w.ev, &ev, &e), 0);
	slots = json_object_get(ev, "slots");
	/* sorted by start: c (01:40Z = 09:40+08), a (09:00), b (09:20) -> a, b, c */
	assert_int_equal(json_array_size(slots), 3);
	assert_string_equal(jsonx_str(json_array_get(slots, 0), "ref"), "a");
	assert_string_equal(jsonx_str(json_array_get(slots, 1), "ref"), "b");
	assert_string_equal(jsonx_str(json_array_get(slots, 2), "ref"), "c");
	assert_string_equal(jsonx_str(json_array_get(slots, 2), "start"), "2026-05-13T01:40:00Z");
	assert_string_equal(jsonx_str(ev, "request_policy"), "open");
	assert_int_equal(tst_int(ev, "tables"), 2);
	json_decref(ev);

	tst_refused(w.s, STORE_EVENT, "{\"name\": \"E\", \"mode\": \"onsite\"}", ERR_INVALID,
		    "time_zone");
	tst_refused(w.s, STORE_EVENT, "{\"name\": \"E\", \"time_zone\": \"UTC\", \"mode\": \"remote\"}",
		    ERR_INVALID, "mode");
	tst_refused(w.s, STORE_EVENT,
		    "{\"name\": \"E\", \"time_zone\": \"UTC\", \"mode\": \"online\", \"tables\": 10001}",
		    ERR_INVALID, "tables");
	tst_refused(w.s, STORE_EVENT,
		    "{\"name\": \"E\", \"time_zone\": \"UTC\", \"mode\": \"online\", \"meeting_cap\": 0}",
		    ERR_INVALID, "meeting_cap");
	tst_refused(w.s, STORE_EVENT,
		    "{\"name\": \"E\", \"time_zone\": \"UTC\", \"mode\": \"online\", \"slots\": ["
		    "{\"start\": \"2026-05-13T09:00:00+08:00\", \"minutes\": 30},"
		    "{\"start\": \"2026-05-13T09:20:00+08:00\", \"minutes\": 20}]}",
		    ERR_INVALID, "slots[1].start");
	tst_refused(w.s, STORE_EVENT,
		    "{\"name\": \"E\", \"time_zone\": \"UTC\", \"mode\": \"online\", \"slots\": ["
		    "{\"start\": \"2026-05-13 09:00\", \"minutes\": 30}]}",
		    ERR_INVALID, "slots[0].start");
	tst_refused(w.s, STORE_EVENT,
		    "{\"name\": \"E\", \"time_zone\": \"UTC\", \"mode\": \"online\", \"slots\": ["
		    "{\"start\": \"2026-05-13T09:00:00\", \"minutes\": 30}]}",
		    ERR_INVALID, "slots[0].start");
	tst_refused(w.s, STORE_EVENT,
		    "{\"name\": \"E\", \"time_zone\": \"UTC\", \"mode\": \"online\", \"slots\": ["
		    "{\"start\": \"2026-05-13T09:00:00Z\", \"minutes\": 4}]}",
		    ERR_INVALID, "slots[0].minutes");
	tst_refused(w.s, STORE_EVENT,
		    "{\"name\": \"E\", \"time_zone\": \"UTC\", \"mode\": \"online\", \"slots\": ["
		    "{\"start\": \"2026-05-13T09:00:00Z\", \"minutes\": 20, \"room\": 1}]}",
		    ERR_INVALID, "slots[0].room");
	tst_refused(w.s, STORE_EVENT,
		    "{\"name\": \"E\", \"time_zone\": \"UTC\", \"mode\": \"online\", \"slots\": ["
		    "{\"start\": \"2026-02-30T09:00:00Z\", \"minutes\": 20}]}",
		    ERR_INVALID, "slots[0].start");

	/* replacing slots keeps the ids of slots with the same start */
	reg_id = reg(&w, 1, "onsite", "");
	(void)reg_id;
	assert_int_equal(patch(w.s, STORE_EVENT, w.ev,
			       "{\"slots\": [{\"start\": \"2026-05-13T09:00:00+08:00\", \"minutes\": 15},"
			       " {\"start\": \"2026-05-13T10:00:00+08:00\", \"minutes\": 20}]}",
			       &e),
			 0);
	assert_int_equal(store_get(w.s, STORE_EVENT, w.ev, &ev, &e), 0);
	slots = json_object_get(ev, "slots");
	assert_int_equal(json_array_size(slots), 2);
	assert_int_equal(tst_int(json_array_get(slots, 0), "id"), w.slot[0]);
	assert_int_equal(tst_int(json_array_get(slots, 0), "minutes"), 15);
	assert_null(json_object_get(json_array_get(slots, 0), "ref"));
	json_decref(ev);
	/* a slot in a registration's availability cannot go away */
	{
		char text[256];

		snprintf(text, sizeof(text), "{\"available_slots\": [%lld]}", (long long)w.slot[0]);
		assert_int_equal(patch(w.s, STORE_REGISTRATION, reg_id, text, &e), 0);
	}
	assert_int_equal(patch(w.s, STORE_EVENT, w.ev,
			       "{\"slots\": [{\"start\": \"2026-05-13T11:00:00+08:00\", \"minutes\": 15}]}",
			       &e),
			 ERR_CONFLICT);
	assert_string_equal(e.field, "slots");
	/* an online-only event cannot keep on-site registrations */
	assert_int_equal(patch(w.s, STORE_EVENT, w.ev, "{\"mode\": \"online\"}", &e), ERR_CONFLICT);
	assert_string_equal(e.field, "mode");
	assert_int_equal(tst_count(w.s, STORE_EVENT, "{\"mode\": \"hybrid\"}"), 1);
	assert_int_equal(tst_count(w.s, STORE_EVENT, "{\"q\": \"fair\"}"), 1);
	store_close(w.s);
}

static void test_registrations(void **state)
{
	struct world w;
	struct err e;
	char text[256];
	json_t *r;
	int64_t other_ev, id;

	(void)state;
	world_init(&w, "");
	other_ev = tst_create_id(w.s, STORE_EVENT,
				 "{\"name\": \"Webinar\", \"time_zone\": \"UTC\", \"mode\": \"online\","
				 " \"slots\": [{\"start\": \"2026-06-01T08:00:00Z\", \"minutes\": 30}]}");
	snprintf(text, sizeof(text), ", \"available_slots\": [%lld, %lld]", (long long)w.slot[2],
		 (long long)w.slot[0]);
	id = reg(&w, 1, "onsite", text);
	assert_int_equal(store_get(w.s, STORE_REGISTRATION, id, &r, &e), 0);
	assert_string_equal(jsonx_str(r, "validation"), "validated");
	assert_true(json_is_false(json_object_get(r, "checked_in")));
	assert_int_equal(json_integer_value(json_array_get(json_object_get(r, "available_slots"), 0)),
			 w.slot[2]);
	json_decref(r);
	/* one registration per person and event */
	snprintf(text, sizeof(text),
		 "{\"event_id\": %lld, \"person_id\": %lld, \"attendance\": \"online\"}",
		 (long long)w.ev, (long long)w.p[1]);
	tst_refused(w.s, STORE_REGISTRATION, text, ERR_CONFLICT, "person_id");
	/* attendance the event allows */
	snprintf(text, sizeof(text),
		 "{\"event_id\": %lld, \"person_id\": %lld, \"attendance\": \"onsite\"}",
		 (long long)other_ev, (long long)w.p[1]);
	tst_refused(w.s, STORE_REGISTRATION, text, ERR_INVALID, "attendance");
	/* slots of the event only */
	snprintf(text, sizeof(text),
		 "{\"event_id\": %lld, \"person_id\": %lld, \"attendance\": \"online\","
		 " \"available_slots\": [%lld, %lld]}",
		 (long long)w.ev, (long long)w.p[2], (long long)w.slot[1], (long long)w.slot[1] + 100);
	tst_refused(w.s, STORE_REGISTRATION, text, ERR_INVALID, "available_slots[1]");
	snprintf(text, sizeof(text),
		 "{\"event_id\": %lld, \"person_id\": 999, \"attendance\": \"online\"}",
		 (long long)w.ev);
	tst_refused(w.s, STORE_REGISTRATION, text, ERR_INVALID, "person_id");
	/* event and person are fixed; the rest may change */
	snprintf(text, sizeof(text), "{\"event_id\": %lld}", (long long)other_ev);
	assert_int_equal(patch(w.s, STORE_REGISTRATION, id, text, &e), ERR_INVALID);
	assert_string_equal(e.field, "event_id");
	snprintf(text, sizeof(text), "{\"event_id\": %lld, \"checked_in\": true}", (long long)w.ev);
	assert_int_equal(patch(w.s, STORE_REGISTRATION, id, text, &e), 0);
	assert_int_equal(patch(w.s, STORE_REGISTRATION, id, "{\"checked_in\": 1}", &e), ERR_INVALID);
	assert_string_equal(e.field, "checked_in");
	reg(&w, 2, "online", "");
	assert_int_equal(tst_count(w.s, STORE_REGISTRATION, "{\"attendance\": \"online\"}"), 1);
	snprintf(text, sizeof(text), "{\"event\": \"%lld\"}", (long long)w.ev);
	assert_int_equal(tst_count(w.s, STORE_REGISTRATION, text), 2);
	snprintf(text, sizeof(text), "{\"person\": \"%lld\"}", (long long)w.p[2]);
	assert_int_equal(tst_count(w.s, STORE_REGISTRATION, text), 1);
	/* without meeting requests a registration can go */
	assert_int_equal(store_delete(w.s, STORE_REGISTRATION, id, &e), 0);
	store_close(w.s);
}

static void test_request_machine(void **state)
{
	struct world w;
	struct err e;
	char text[256];
	json_t *r, *m;
	int64_t r12, r13, r51, p5, meeting;

	(void)state;
	world_init(&w, ", \"meeting_cap\": 2");
	reg(&w, 1, "onsite", "");
	reg(&w, 2, "online", "");
	reg(&w, 3, "onsite", "");
	reg(&w, 4, "onsite", ", \"validation\": \"rejected\"");
	p5 = tst_create_id(w.s, STORE_PERSON, "{\"organisation_id\": 2, \"name\": \"Person 5\"}");
	w.p[0] = p5;
	reg(&w, 0, "onsite", "");

	/* refusals on creation: oneself, not registered (or rejected) */
	tst_refused(w.s, STORE_MEETING_REQUEST, req_body(&w, 1, 1, text, sizeof(text)), ERR_INVALID,
		    "invitee_id");
	tst_refused(w.s, STORE_MEETING_REQUEST, req_body(&w, 1, 4, text, sizeof(text)), ERR_INVALID,
		    "invitee_id");
	tst_create_err(w.s, STORE_MEETING_REQUEST, req_body(&w, 1, 4, text, sizeof(text)), &e);
	assert_non_null(strstr(e.msg, "is not registered for event"));
	tst_refused(w.s, STORE_MEETING_REQUEST, req_body(&w, 4, 1, text, sizeof(text)), ERR_INVALID,
		    "requester_id");
	tst_refused(w.s, STORE_MEETING_REQUEST,
		    "{\"event_id\": 1, \"requester_id\": 1, \"invitee_id\": 2, \"state\": \"accepted\"}",
		    ERR_INVALID, "state");
	tst_refused(w.s, STORE_MEETING_REQUEST,
		    "{\"event_id\": 1, \"requester_id\": 1, \"invitee_id\": 2, \"priority\": 4}",
		    ERR_INVALID, "priority");
	tst_refused(w.s, STORE_MEETING_REQUEST,
		    "{\"event_id\": 1, \"requester_id\": 1, \"invitee_id\": 2, \"opportunity_id\": 9}",
		    ERR_INVALID, "opportunity_id");

	r = tst_create(w.s, STORE_MEETING_REQUEST,
		       "{\"event_id\": 1, \"requester_id\": 1, \"invitee_id\": 2, \"message\": \"你好\"}");
	r12 = tst_int(r, "id");
	assert_string_equal(jsonx_str(r, "state"), "requested");
	assert_int_equal(tst_int(r, "priority"), 2);
	assert_string_equal(jsonx_str(r, "message"), "你好");
	assert_null(json_object_get(r, "meeting_id"));
	json_decref(r);
	/* a duplicate in either direction */
	tst_refused(w.s, STORE_MEETING_REQUEST, req_body(&w, 1, 2, text, sizeof(text)), ERR_CONFLICT,
		    "invitee_id");
	tst_refused(w.s, STORE_MEETING_REQUEST, req_body(&w, 2, 1, text, sizeof(text)), ERR_CONFLICT,
		    "invitee_id");
	r13 = tst_create_id(w.s, STORE_MEETING_REQUEST, req_body(&w, 3, 1, text, sizeof(text)));
	/* person 1 now has 2 active requests: the cap, on either side */
	tst_refused(w.s, STORE_MEETING_REQUEST, req_body(&w, 0, 1, text, sizeof(text)), ERR_CONFLICT,
		    "invitee_id");
	tst_create_err(w.s, STORE_MEETING_REQUEST, req_body(&w, 0, 1, text, sizeof(text)), &e);
	assert_non_null(strstr(e.msg, "already has 2 active meeting requests at event 1 (the cap)"));
	tst_refused(w.s, STORE_MEETING_REQUEST, req_body(&w, 1, 0, text, sizeof(text)), ERR_CONFLICT,
		    "requester_id");

	/* PATCH: message and priority while requested; nothing else */
	assert_int_equal(patch(w.s, STORE_MEETING_REQUEST, r12, "{\"message\": \"Hello\", \"priority\": 1}", &e), 0);
	assert_int_equal(patch(w.s, STORE_MEETING_REQUEST, r12, "{\"invitee_id\": 3}", &e), ERR_INVALID);
	assert_string_equal(e.field, "invitee_id");
	assert_int_equal(patch(w.s, STORE_MEETING_REQUEST, r12, "{\"state\": \"accepted\"}", &e), ERR_INVALID);
	assert_string_equal(e.field, "state");

	/* accept: a meeting appears, online since person 2 attends online */
	r = act(&w, r12, "accept", 0);
	assert_string_equal(jsonx_str(r, "state"), "accepted");
	assert_string_equal(jsonx_str(r, "message"), "Hello");
	meeting = tst_int(r, "meeting_id");
	assert_true(meeting > 0);
	json_decref(r);
	assert_int_equal(store_get(w.s, STORE_MEETING, meeting, &m, &e), 0);
	assert_int_equal(tst_int(m, "request_id"), r12);
	assert_int_equal(tst_int(m, "event_id"), w.ev);
	assert_true(json_is_true(json_object_get(m, "online")));
	assert_null(json_object_get(m, "slot_id"));
	assert_int_equal(json_array_size(json_object_get(m, "participants")), 2);
	assert_int_equal(json_integer_value(json_array_get(json_object_get(m, "participants"), 0)), w.p[1]);
	json_decref(m);
	assert_int_equal(patch(w.s, STORE_MEETING_REQUEST, r12, "{\"message\": \"late\"}", &e), ERR_CONFLICT);

	/* decline; then the cap has room again */
	json_decref(act(&w, r13, "decline", 0));
	r51 = tst_create_id(w.s, STORE_MEETING_REQUEST, req_body(&w, 0, 1, text, sizeof(text)));
	/* impossible transitions */
	assert_null(act(&w, r13, "accept", ERR_CONFLICT));
	assert_null(act(&w, r13, "cancel", ERR_CONFLICT));
	assert_null(act(&w, r12, "decline", ERR_CONFLICT));
	assert_null(act(&w, r12, "accept", ERR_CONFLICT));
	assert_null(act(&w, r12, "approve", ERR_BAD_REQUEST));
	assert_null(act(&w, 999, "accept", ERR_NOT_FOUND));
	/* cancelling the accepted request removes its meeting */
	r = act(&w, r12, "cancel", 0);
	assert_string_equal(jsonx_str(r, "state"), "cancelled");
	assert_null(json_object_get(r, "meeting_id"));
	json_decref(r);
	assert_int_equal(store_get(w.s, STORE_MEETING, meeting, &m, &e), ERR_NOT_FOUND);
	assert_null(act(&w, r12, "cancel", ERR_CONFLICT));
	/* the pair is free again; a requested one can be cancelled */
	tst_create_id(w.s, STORE_MEETING_REQUEST, req_body(&w, 2, 1, text, sizeof(text)));
	json_decref(act(&w, r51, "cancel", 0));

	snprintf(text, sizeof(text), "{\"person\": \"%lld\", \"state\": \"cancelled\"}", (long long)w.p[1]);
	assert_int_equal(tst_count(w.s, STORE_MEETING_REQUEST, text), 2);
	assert_int_equal(tst_count(w.s, STORE_MEETING_REQUEST, "{\"state\": \"requested\"}"), 1);
	assert_int_equal(tst_count(w.s, STORE_MEETING_REQUEST, "{\"event\": \"1\"}"), 4);

	/* a closed event takes no requests */
	assert_int_equal(patch(w.s, STORE_EVENT, w.ev, "{\"request_policy\": \"closed\"}", &e), 0);
	tst_refused(w.s, STORE_MEETING_REQUEST, req_body(&w, 3, 0, text, sizeof(text)), ERR_CONFLICT,
		    "event_id");
	store_close(w.s);
}

/* An accepted request between a and b; returns its meeting. */
static int64_t accepted(struct world *w, int a, int b)
{
	char text[256];
	int64_t id = tst_create_id(w->s, STORE_MEETING_REQUEST, req_body(w, a, b, text, sizeof(text)));
	json_t *r = act(w, id, "accept", 0);
	int64_t m = tst_int(r, "meeting_id");

	json_decref(r);
	return m;
}

static void test_meetings(void **state)
{
	struct world w;
	struct err e;
	char text[256];
	json_t *m;
	int64_t m12, m13, m34, m1b;

	(void)state;
	world_init(&w, "");
	snprintf(text, sizeof(text), ", \"available_slots\": [%lld, %lld]", (long long)w.slot[0],
		 (long long)w.slot[1]);
	reg(&w, 1, "onsite", text);
	reg(&w, 2, "onsite", "");
	reg(&w, 3, "onsite", "");
	reg(&w, 4, "online", "");
	m12 = accepted(&w, 1, 2);
	m13 = accepted(&w, 1, 3);
	m34 = accepted(&w, 3, 4);
	assert_int_equal(store_get(w.s, STORE_MEETING, m12, &m, &e), 0);
	assert_true(json_is_false(json_object_get(m, "online")));
	json_decref(m);

	/* place m12 at table 1 in slot 0 */
	snprintf(text, sizeof(text), "{\"slot_id\": %lld, \"table\": 1}", (long long)w.slot[0]);
	assert_int_equal(patch(w.s, STORE_MEETING, m12, text, &e), 0);
	assert_int_equal(store_get(w.s, STORE_MEETING, m12, &m, &e), 0);
	assert_int_equal(tst_int(m, "slot_id"), w.slot[0]);
	assert_int_equal(tst_int(m, "table"), 1);
	json_decref(m);
	/* person 1 cannot be in two meetings in one slot */
	snprintf(text, sizeof(text), "{\"slot_id\": %lld, \"table\": 2}", (long long)w.slot[0]);
	assert_int_equal(patch(w.s, STORE_MEETING, m13, text, &e), ERR_CONFLICT);
	assert_string_equal(e.field, "slot_id");
	/* nor table 1 twice in one slot (m34 would be online anyway: person 4 is online) */
	m1b = m34;
	snprintf(text, sizeof(text), "{\"slot_id\": %lld, \"table\": 1}", (long long)w.slot[0]);
	assert_int_equal(patch(w.s, STORE_MEETING, m1b, text, &e), ERR_INVALID);
	assert_string_equal(e.field, "table"); /* person 4 attends online */
	snprintf(text, sizeof(text), "{\"slot_id\": %lld, \"online\": true}", (long long)w.slot[0]);
	assert_int_equal(patch(w.s, STORE_MEETING, m34, text, &e), 0);
	/* person 1 is not available in slot 2 */
	snprintf(text, sizeof(text), "{\"slot_id\": %lld, \"table\": 2}", (long long)w.slot[2]);
	assert_int_equal(patch(w.s, STORE_MEETING, m13, text, &e), ERR_INVALID);
	assert_string_equal(e.field, "slot_id");
	/* table rules */
	snprintf(text, sizeof(text), "{\"slot_id\": %lld, \"table\": 3}", (long long)w.slot[1]);
	assert_int_equal(patch(w.s, STORE_MEETING, m13, text, &e), ERR_INVALID);
	assert_string_equal(e.field, "table");
	snprintf(text, sizeof(text), "{\"slot_id\": %lld, \"table\": 2, \"online\": true}",
		 (long long)w.slot[1]);
	assert_int_equal(patch(w.s, STORE_MEETING, m13, text, &e), ERR_INVALID);
	assert_int_equal(patch(w.s, STORE_MEETING, m13, "{\"table\": 2}", &e), ERR_INVALID);
	snprintf(text, sizeof(text), "{\"slot_id\": %lld}", (long long)w.slot[1]);
	assert_int_equal(patch(w.s, STORE_MEETING, m13, text, &e), ERR_INVALID);
	snprintf(text, sizeof(text), "{\"slot_id\": %lld, \"table\": 1}", (long long)w.slot[1]);
	assert_int_equal(patch(w.s, STORE_MEETING, m13, text, &e), 0);
	/* table 1 in slot 0 is taken by m12 */
	assert_int_equal(patch(w.s, STORE_MEETING, m34, "{\"slot_id\": null, \"online\": false}", &e), 0);
	assert_int_equal(patch(w.s, STORE_MEETING, m12, "{\"outcome\": \"cooperation_possible\"}", &e), 0);
	assert_int_equal(patch(w.s, STORE_MEETING, m12, "{\"outcome\": \"great\"}", &e), ERR_INVALID);
	assert_int_equal(patch(w.s, STORE_MEETING, m12, "{\"event_id\": 2}", &e), ERR_INVALID);
	assert_string_equal(e.field, "event_id");
	/* meetings are made by accepting requests, removed by cancelling them */
	tst_refused(w.s, STORE_MEETING, "{\"slot_id\": 1}", ERR_BAD_REQUEST, "");
	assert_int_equal(store_delete(w.s, STORE_MEETING, m12, &e), ERR_BAD_REQUEST);
	snprintf(text, sizeof(text), "{\"person\": \"%lld\"}", (long long)w.p[1]);
	assert_int_equal(tst_count(w.s, STORE_MEETING, text), 2);
	assert_int_equal(tst_count(w.s, STORE_MEETING, "{\"event\": \"1\"}"), 3);
	/* fewer tables than a meeting uses is refused */
	assert_int_equal(patch(w.s, STORE_EVENT, w.ev, "{\"tables\": 0}", &e), ERR_CONFLICT);
	assert_string_equal(e.field, "tables");
	assert_int_equal(patch(w.s, STORE_EVENT, w.ev, "{\"tables\": 5}", &e), 0);
	store_close(w.s);
}

static void test_agreements(void **state)
{
	struct world w;
	struct err e;
	json_t *a;
	int64_t id;

	(void)state;
	world_init(&w, "");
	a = tst_create(w.s, STORE_AGREEMENT,
		       "{\"ref\": \"ag-1\", \"title\": \"MoU on urban mobility\", \"kind\": \"mou\","
		       " \"parties\": [2, 1], \"sector\": \"H49\", \"themes\": [\"mobility\"],"
		       " \"date\": \"2026-05-14\", \"event_id\": 1}");
	id = tst_int(a, "id");
	assert_string_equal(jsonx_str(a, "state"), "intent");
	assert_int_equal(json_integer_value(json_array_get(json_object_get(a, "parties"), 0)), 2);
	json_decref(a);
	tst_refused(w.s, STORE_AGREEMENT, "{\"title\": \"t\", \"kind\": \"mou\", \"parties\": [1]}",
		    ERR_INVALID, "parties");
	tst_refused(w.s, STORE_AGREEMENT, "{\"title\": \"t\", \"kind\": \"mou\", \"parties\": [1, 1]}",
		    ERR_INVALID, "parties[1]");
	tst_refused(w.s, STORE_AGREEMENT, "{\"title\": \"t\", \"kind\": \"mou\", \"parties\": [1, 7]}",
		    ERR_INVALID, "parties[1]");
	tst_refused(w.s, STORE_AGREEMENT, "{\"title\": \"t\", \"parties\": [1, 2]}", ERR_INVALID,
		    "kind");
	tst_refused(w.s, STORE_AGREEMENT, "{\"title\": \"t\", \"kind\": \"deal\", \"parties\": [1, 2]}",
		    ERR_INVALID, "kind");
	tst_refused(w.s, STORE_AGREEMENT,
		    "{\"title\": \"t\", \"kind\": \"mou\", \"parties\": [1, 2], \"event_id\": 5}",
		    ERR_INVALID, "event_id");
	tst_refused(w.s, STORE_AGREEMENT,
		    "{\"title\": \"t\", \"kind\": \"mou\", \"parties\": [1, 2], \"meeting_id\": 5}",
		    ERR_INVALID, "meeting_id");
	assert_int_equal(patch(w.s, STORE_AGREEMENT, id, "{\"state\": \"signed\"}", &e), 0);
	assert_int_equal(tst_count(w.s, STORE_AGREEMENT, "{\"state\": \"signed\"}"), 1);
	assert_int_equal(tst_count(w.s, STORE_AGREEMENT, "{\"organisation\": \"1\"}"), 1);
	assert_int_equal(tst_count(w.s, STORE_AGREEMENT, "{\"kind\": \"contract\"}"), 0);
	assert_int_equal(tst_count(w.s, STORE_AGREEMENT, "{\"event\": \"1\"}"), 1);
	/* a party or the event cannot be deleted under it */
	assert_int_equal(store_delete(w.s, STORE_ORGANISATION, w.cn, &e), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "party"));
	assert_int_equal(store_delete(w.s, STORE_EVENT, w.ev, &e), ERR_CONFLICT);
	assert_int_equal(store_delete(w.s, STORE_AGREEMENT, id, &e), 0);
	assert_int_equal(store_delete(w.s, STORE_ORGANISATION, w.cn, &e), 0);
	store_close(w.s);
}

static void test_deletes(void **state)
{
	struct world w;
	struct err e;
	char text[256];
	json_t *r;
	int64_t req, opp, r1;

	(void)state;
	world_init(&w, "");
	r1 = reg(&w, 1, "onsite", "");
	reg(&w, 2, "onsite", "");
	opp = tst_create_id(w.s, STORE_OPPORTUNITY,
			    "{\"organisation_id\": 1, \"type\": \"offer\", \"title\": \"x\"}");
	snprintf(text, sizeof(text),
		 "{\"event_id\": %lld, \"requester_id\": %lld, \"invitee_id\": %lld,"
		 " \"opportunity_id\": %lld}",
		 (long long)w.ev, (long long)w.p[1], (long long)w.p[2], (long long)opp);
	req = tst_create_id(w.s, STORE_MEETING_REQUEST, text);
	assert_int_equal(store_delete(w.s, STORE_ORGANISATION, w.cn, &e), ERR_CONFLICT);
	assert_string_equal(e.field, "id");
	assert_int_equal(store_delete(w.s, STORE_PERSON, w.p[1], &e), ERR_CONFLICT);
	assert_int_equal(store_delete(w.s, STORE_EVENT, w.ev, &e), ERR_CONFLICT);
	assert_int_equal(store_delete(w.s, STORE_REGISTRATION, r1, &e), ERR_CONFLICT);
	/* an opportunity can go: the request forgets it */
	assert_int_equal(store_delete(w.s, STORE_OPPORTUNITY, opp, &e), 0);
	assert_int_equal(store_get(w.s, STORE_MEETING_REQUEST, req, &r, &e), 0);
	assert_null(json_object_get(r, "opportunity_id"));
	json_decref(r);
	/* once the request is gone, everything can go */
	json_decref(act(&w, req, "accept", 0));
	assert_int_equal(store_delete(w.s, STORE_MEETING_REQUEST, req, &e), 0);
	assert_int_equal(tst_count(w.s, STORE_MEETING, "{}"), 0);
	assert_int_equal(store_delete(w.s, STORE_EVENT, w.ev, &e), 0);
	assert_int_equal(tst_count(w.s, STORE_REGISTRATION, "{}"), 0);
	assert_int_equal(store_delete(w.s, STORE_ORGANISATION, w.cn, &e), 0);
	assert_int_equal(tst_count(w.s, STORE_PERSON, "{}"), 2);
	store_close(w.s);
}

static void test_stats(void **state)
{
	struct world w;
	struct err e;
	json_t *st, *want;
	int64_t m;

	(void)state;
	world_init(&w, "");
	assert_int_equal(store_stats(w.s, &st, &e), 0);
	want = tst_json(
		"{\"organisations\": {\"total\": 2, \"by_country\": {\"CN\": 1, \"FI\": 1},"
		" \"by_kind\": {\"city\": 1, \"region\": 0, \"sme\": 0, \"company\": 0, \"park\": 0,"
		" \"university\": 1, \"institute\": 0, \"association\": 0, \"agency\": 0, \"other\": 0}},"
		" \"people\": 4, \"opportunities\": {\"total\": 0, \"offers\": 0, \"requests\": 0},"
		" \"events\": 1, \"meeting_requests\": {\"total\": 0, \"by_state\": {\"requested\": 0,"
		" \"accepted\": 0, \"declined\": 0, \"cancelled\": 0}},"
		" \"meetings\": {\"total\": 0, \"scheduled\": 0},"
		" \"agreements\": {\"total\": 0, \"by_kind\": {\"letter_of_intent\": 0, \"mou\": 0,"
		" \"cooperation_agreement\": 0, \"contract\": 0, \"pilot_project\": 0,"
		" \"joint_funding_application\": 0}, \"by_state\": {\"intent\": 0, \"signed\": 0,"
		" \"in_progress\": 0, \"completed\": 0, \"abandoned\": 0}}}");
	if (!json_equal(st, want))
		fail_msg("stats: %s", jsonx_dump(st, 1, NULL));
	json_decref(st);
	json_decref(want);
	reg(&w, 1, "onsite", "");
	reg(&w, 2, "onsite", "");
	reg(&w, 3, "onsite", "");
	m = accepted(&w, 1, 2);
	{
		char text[128];

		snprintf(text, sizeof(text), "{\"slot_id\": %lld, \"table\": 2}", (long long)w.slot[1]);
		assert_int_equal(patch(w.s, STORE_MEETING, m, text, &e), 0);
	}
	tst_create_id(w.s, STORE_MEETING_REQUEST, "{\"event_id\": 1, \"requester_id\": 3, \"invitee_id\": 1}");
	tst_create_id(w.s, STORE_OPPORTUNITY, "{\"organisation_id\": 1, \"type\": \"offer\", \"title\": \"x\"}");
	tst_create_id(w.s, STORE_AGREEMENT, "{\"title\": \"t\", \"kind\": \"mou\", \"parties\": [1, 2]}");
	assert_int_equal(store_stats(w.s, &st, &e), 0);
	assert_int_equal(tst_int(json_object_get(st, "meeting_requests"), "total"), 2);
	assert_int_equal(tst_int(json_object_get(json_object_get(st, "meeting_requests"), "by_state"), "accepted"), 1);
	assert_int_equal(tst_int(json_object_get(st, "meetings"), "scheduled"), 1);
	assert_int_equal(tst_int(json_object_get(st, "opportunities"), "offers"), 1);
	assert_int_equal(tst_int(json_object_get(json_object_get(st, "agreements"), "by_state"), "intent"), 1);
	assert_int_equal(tst_int(json_object_get(json_object_get(st, "agreements"), "by_kind"), "mou"), 1);
	json_decref(st);
	store_close(w.s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_people),
		cmocka_unit_test(test_opportunities),
		cmocka_unit_test(test_events),
		cmocka_unit_test(test_registrations),
		cmocka_unit_test(test_request_machine),
		cmocka_unit_test(test_meetings),
		cmocka_unit_test(test_agreements),
		cmocka_unit_test(test_deletes),
		cmocka_unit_test(test_stats),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
