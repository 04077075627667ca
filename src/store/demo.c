/*
 * demo.c - loads the demo data set: organisations through the import, then
 * the events file of docs/data-format.md (people, events, registrations,
 * meeting requests with their state and placed meetings, agreements with
 * the meeting they came from and their dated history), all in one
 * transaction. Records refer to each other by ref; each is turned
 * into an API body and created with the API's own code, so every rule of
 * the API holds. Errors name the record: "meeting_requests[4].invitee".
 */
#include "store/agreements.h"
#include "store/outcomes.h"
#include "store/store_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

enum demo_map {
	DEMO_COPY,      /* same key and value */
	DEMO_REF,       /* a ref of res, becomes an id */
	DEMO_REFS,      /* an array of refs of res, becomes ids */
	DEMO_SLOT_REFS, /* an array of slot refs of the record's event */
	DEMO_LATER,     /* handled after creation (state, meeting) */
};

struct demo_key {
	const char *key;
	enum demo_map map;
	const char *api; /* the API field */
	enum store_res res;
};

struct demo_kind {
	const char *name; /* the array in the events file */
	enum store_res res;
	const struct demo_key *keys;
};

static const struct demo_key person_keys[] = {
	{"organisation", DEMO_REF, "organisation_id", STORE_ORGANISATION},
	{"ref", DEMO_COPY, "ref", 0}, {"name", DEMO_COPY, "name", 0},
	{"role", DEMO_COPY, "role", 0}, {"email", DEMO_COPY, "email", 0},
	{"phone", DEMO_COPY, "phone", 0}, {"languages", DEMO_COPY, "languages", 0},
	{"time_zone", DEMO_COPY, "time_zone", 0}, {NULL, DEMO_COPY, NULL, 0},
};

static const struct demo_key event_keys[] = {
	{"ref", DEMO_COPY, "ref", 0}, {"name", DEMO_COPY, "name", 0},
	{"description", DEMO_COPY, "description", 0}, {"venue", DEMO_COPY, "venue", 0},
	{"city", DEMO_COPY, "city", 0}, {"country", DEMO_COPY, "country", 0},
	{"time_zone", DEMO_COPY, "time_zone", 0}, {"mode", DEMO_COPY, "mode", 0},
	{"tables", DEMO_COPY, "tables", 0}, {"meeting_cap", DEMO_COPY, "meeting_cap", 0},
	{"request_policy", DEMO_COPY, "request_policy", 0},
	{"stream_url", DEMO_COPY, "stream_url", 0}, {"series", DEMO_COPY, "series", 0},
	{"slots", DEMO_COPY, "slots", 0}, {NULL, DEMO_COPY, NULL, 0},
};

static const struct demo_key reg_keys[] = {
	{"event", DEMO_REF, "event_id", STORE_EVENT},
	{"person", DEMO_REF, "person_id", STORE_PERSON},
	{"attendance", DEMO_COPY, "attendance", 0},
	{"available", DEMO_SLOT_REFS, "available_slots", 0},
	{"online_hours", DEMO_COPY, "online_hours", 0},
	{"validation", DEMO_COPY, "validation", 0}, {"checked_in", DEMO_COPY, "checked_in", 0},
	{NULL, DEMO_COPY, NULL, 0},
};

static const struct demo_key request_keys[] = {
	{"event", DEMO_REF, "event_id", STORE_EVENT},
	{"requester", DEMO_REF, "requester_id", STORE_PERSON},
	{"invitee", DEMO_REF, "invitee_id", STORE_PERSON},
	{"opportunity", DEMO_REF, "opportunity_id", STORE_OPPORTUNITY},
	{"message", DEMO_COPY, "message", 0}, {"priority", DEMO_COPY, "priority", 0},
	{"state", DEMO_LATER, NULL, 0}, {"meeting", DEMO_LATER, NULL, 0},
	{NULL, DEMO_COPY, NULL, 0},
};

static const struct demo_key agreement_keys[] = {
	{"ref", DEMO_COPY, "ref", 0}, {"title", DEMO_COPY, "title", 0},
	{"kind", DEMO_COPY, "kind", 0}, {"state", DEMO_COPY, "state", 0},
	{"parties", DEMO_REFS, "parties", STORE_ORGANISATION},
	{"sector", DEMO_COPY, "sector", 0}, {"themes", DEMO_COPY, "themes", 0},
	{"date", DEMO_COPY, "date", 0}, {"event", DEMO_REF, "event_id", STORE_EVENT},
	{"meeting", DEMO_LATER, NULL, 0}, {"history", DEMO_LATER, NULL, 0},
	{NULL, DEMO_COPY, NULL, 0},
};

static const struct demo_kind demo_kinds[] = {
	{"people", STORE_PERSON, person_keys},
	{"events", STORE_EVENT, event_keys},
	{"registrations", STORE_REGISTRATION, reg_keys},
	{"meeting_requests", STORE_MEETING_REQUEST, request_keys},
	{"agreements", STORE_AGREEMENT, agreement_keys},
};

#define NKINDS (sizeof(demo_kinds) / sizeof(demo_kinds[0]))

static int demo_ref(struct store *s, enum store_res res, const json_t *v, const char *key,
		    int64_t *id, struct err *e)
{
	const char *ref = json_string_value(v);
	int rc;

	*id = 0;
	if (!ref)
		return err_set(e, ERR_INVALID, key, "must be a ref (a string)");
	rc = store_ref_find(s, res, ref, id, e);
	if (rc == 0 && *id == 0)
		rc = err_set(e, ERR_INVALID, key, "no %s has the ref %s", store_resdef(res)->noun,
			     ref);
	return rc;
}

static int demo_slot(struct store *s, int64_t event, const json_t *v, const char *key,
		     int64_t *id, struct err *e)
{
	const char *ref = json_string_value(v);
	int rc;

	*id = 0;
	if (!ref)
		return err_set(e, ERR_INVALID, key, "must be a slot ref (a string)");
	rc = store_int(s, e, id, "SELECT id FROM event_slots WHERE event_id = ?1 AND ref = ?2",
		       "it", event, ref);
	if (rc == 0)
		rc = err_set(e, ERR_INVALID, key, "event %" PRId64 " has no slot with the ref %s",
			     event, ref);
	return rc < 0 ? rc : 0;
}

/* Maps an array of refs (of res, or slots of event when res < 0). */
static int demo_refs(struct store *s, int res, int64_t event, const json_t *v, const char *key,
		     json_t *out, struct err *e)
{
	char path[64];
	int64_t id;
	int rc = 0;

	if (!json_is_array(v))
		return err_set(e, ERR_INVALID, key, "must be an array of refs");
	for (size_t i = 0; rc == 0 && i < json_array_size(v); i++) {
		snprintf(path, sizeof(path), "%s[%zu]", key, i);
		rc = res < 0 ? demo_slot(s, event, json_array_get(v, i), path, &id, e)
			     : demo_ref(s, (enum store_res)res, json_array_get(v, i), path, &id, e);
		if (rc == 0)
			json_array_append_new(out, json_integer(id));
	}
	return rc;
}

static const struct demo_key *find_key(const struct demo_kind *k, const char *key)
{
	for (const struct demo_key *d = k->keys; d->key; d++)
		if (strcmp(d->key, key) == 0)
			return d;
	return NULL;
}

static int map_key(struct store *s, const struct demo_key *d, const json_t *rec, const json_t *v,
		   json_t *body, struct err *e)
{
	json_t *arr;
	int64_t id = 0;
	int rc;

	switch (d->map) {
	case DEMO_COPY:
		json_object_set(body, d->api, (json_t *)v);
		return 0;
	case DEMO_REF:
		rc = demo_ref(s, d->res, v, d->key, &id, e);
		if (rc == 0)
			json_object_set_new(body, d->api, json_integer(id));
		return rc;
	case DEMO_LATER:
		return 0;
	default:
		if (d->map == DEMO_SLOT_REFS) {
			rc = demo_ref(s, STORE_EVENT, json_object_get(rec, "event"), "event", &id, e);
			if (rc)
				return rc;
		}
		arr = json_array();
		rc = demo_refs(s, d->map == DEMO_SLOT_REFS ? -1 : (int)d->res, id, v, d->key, arr,
			       e);
		json_object_set_new(body, d->api, arr);
		return rc;
	}
}

/* The API body of a record of kind k. */
static int demo_body(struct store *s, const struct demo_kind *k, const json_t *rec, json_t **out,
		     struct err *e)
{
	json_t *body;
	const char *key;
	json_t *v;
	int rc = 0;

	*out = NULL;
	if (!json_is_object(rec))
		return err_set(e, ERR_INVALID, "", "must be an object");
	body = json_object();
	json_object_foreach((json_t *)rec, key, v) {
		const struct demo_key *d = find_key(k, key);

		rc = d ? map_key(s, d, rec, v, body, e)
		       : err_set(e, ERR_INVALID, key, "is not a field of %s records", k->name);
		if (rc)
			break;
	}
	if (rc) {
		json_decref(body);
		return rc;
	}
	*out = body;
	return 0;
}

/*
 * The answers of a placed meeting, {"requester": outcome, "invitee":
 * outcome} (either may be absent), as the participants' own.
 */
static int demo_outcomes(struct store *s, int64_t request, int64_t meeting, const json_t *o,
			 struct err *e)
{
	static const char *const sides[] = {"requester", "invitee"};
	const char *key;
	json_t *v;
	int rc = 0;

	if (!json_is_object(o))
		return err_set(e, ERR_INVALID, "meeting.outcomes", "must be an object {\"requester\","
			       " \"invitee\"}");
	json_object_foreach((json_t *)o, key, v)
		if (strcmp(key, sides[0]) && strcmp(key, sides[1]))
			return err_set(e, ERR_INVALID, "meeting.outcomes", "has an unknown field %s",
				       key);
	for (int i = 0; i < 2 && rc == 0; i++) {
		struct store_outcome out = {meeting, 0, NULL, NULL, "participant", 0, 0};
		char sql[96];

		v = json_object_get(o, sides[i]);
		if (!v)
			continue;
		out.outcome = json_string_value(v);
		if (!out.outcome)
			return err_set(e, ERR_INVALID, "meeting.outcomes", "%s must be a string",
				       sides[i]);
		snprintf(sql, sizeof(sql), "SELECT %s_id FROM meeting_requests WHERE id = ?1",
			 sides[i]);
		rc = store_int(s, e, &out.person, sql, "i", request);
		if (rc >= 0)
			rc = store_outcome_write(s, &out, 0, e);
		if (rc)
			err_prefix_field(e, "meeting.outcomes");
	}
	return rc;
}

/*
 * Places the meeting of an accepted request: {"slot": ref, "table": n |
 * "online": true, "outcomes": {...}}.
 */
static int demo_meeting(struct store *s, int64_t request, const json_t *m, struct err *e)
{
	int64_t meeting = 0, event = 0, slot = 0;
	json_t *patch;
	const char *key;
	json_t *v;
	int rc;

	if (!json_is_object(m))
		return err_set(e, ERR_INVALID, "meeting", "must be an object {\"slot\", \"table\"}");
	json_object_foreach((json_t *)m, key, v)
		if (strcmp(key, "slot") && strcmp(key, "table") && strcmp(key, "online") &&
		    strcmp(key, "outcomes"))
			return err_set(e, ERR_INVALID, "meeting", "has an unknown field %s", key);
	rc = store_int(s, e, &meeting, "SELECT id FROM meetings WHERE request_id = ?1", "i", request);
	if (rc >= 0)
		rc = store_int(s, e, &event, "SELECT event_id FROM meetings WHERE id = ?1", "i",
			       meeting);
	if (rc < 0)
		return rc;
	rc = demo_slot(s, event, json_object_get(m, "slot"), "meeting.slot", &slot, e);
	if (rc)
		return rc;
	patch = json_object();
	json_object_set_new(patch, "slot_id", json_integer(slot));
	if (json_object_get(m, "table"))
		json_object_set(patch, "table", json_object_get(m, "table"));
	if (json_object_get(m, "online"))
		json_object_set(patch, "online", json_object_get(m, "online"));
	rc = store_update_tx(s, STORE_MEETING, meeting, patch, e);
	if (rc)
		err_prefix_field(e, "meeting");
	json_decref(patch);
	if (rc == 0 && json_object_get(m, "outcomes"))
		rc = demo_outcomes(s, request, meeting, json_object_get(m, "outcomes"), e);
	return rc;
}

/* Brings a created request to its "state", placing its "meeting". */
static int demo_request_state(struct store *s, int64_t id, const json_t *rec, struct err *e)
{
	const char *state = json_string_value(json_object_get(rec, "state"));
	const json_t *meeting = json_object_get(rec, "meeting");
	int rc = 0;

	if (!state)
		state = "requested";
	if (meeting && strcmp(state, "accepted") != 0)
		return err_set(e, ERR_INVALID, "meeting", "only an accepted request has a meeting");
	if (strcmp(state, "accepted") == 0 || strcmp(state, "declined") == 0)
		rc = store_act_tx(s, id, strcmp(state, "accepted") == 0 ? "accept" : "decline", e);
	else if (strcmp(state, "cancelled") == 0)
		rc = store_act_tx(s, id, "cancel", e);
	else if (strcmp(state, "requested") != 0)
		return err_set(e, ERR_INVALID, "state",
			       "must be one of requested, accepted, declined, cancelled");
	if (rc == 0 && meeting)
		rc = demo_meeting(s, id, meeting, e);
	return rc;
}

/*
 * An agreement's "meeting": the refs of its two people, whose meeting at
 * the agreement's event becomes body's meeting_id.
 */
static int demo_agreement_meeting(struct store *s, const json_t *rec, json_t *body,
				  struct err *e)
{
	const json_t *m = json_object_get(rec, "meeting");
	int64_t who[2] = {0, 0}, meeting = 0;
	int rc = 0;

	if (!m)
		return 0;
	if (json_array_size(m) != 2)
		return err_set(e, ERR_INVALID, "meeting", "must be the refs of its two people");
	for (size_t i = 0; rc == 0 && i < 2; i++)
		rc = demo_ref(s, STORE_PERSON, json_array_get(m, i), "meeting", &who[i], e);
	if (rc == 0)
		rc = store_int(s, e, &meeting, "SELECT m.id FROM meetings m WHERE m.event_id = ?1"
			       " AND EXISTS (SELECT 1 FROM meeting_participants p WHERE"
			       " p.meeting_id = m.id AND p.person_id = ?2) AND EXISTS (SELECT 1 FROM"
			       " meeting_participants p WHERE p.meeting_id = m.id AND p.person_id = ?3)",
			       "iii", json_integer_value(json_object_get(body, "event_id")), who[0],
			       who[1]);
	if (rc == 0)
		return err_set(e, ERR_INVALID, "meeting", "the two people have no meeting at the "
			       "agreement's event");
	if (rc < 0)
		return rc;
	json_object_set_new(body, "meeting_id", json_integer(meeting));
	return 0;
}

/*
 * An agreement's "history": [{"to": state, "at": RFC 3339, "by": e-mail}]
 * from its creation, each a legal step, the last its "state" (the history
 * the API would have written, dated).
 */
static int demo_history(struct store *s, int64_t id, const json_t *rec, struct err *e)
{
	const json_t *h = json_object_get(rec, "history");
	const char *state = json_string_value(json_object_get(rec, "state"));
	const char *from = NULL, *to = NULL;
	int rc = 0;

	if (!h)
		return store_agreement_history_add(s, id, NULL, state ? state : "intent", NULL, 0,
						   NULL, e);
	if (!json_is_array(h) || !json_array_size(h))
		return err_set(e, ERR_INVALID, "history", "must be an array of {\"to\", \"at\"}");
	for (size_t i = 0; rc == 0 && i < json_array_size(h); i++, from = to) {
		const json_t *row = json_array_get(h, i);

		to = json_string_value(json_object_get(row, "to"));
		if (!to || (from && !store_agreement_step_legal(from, to)))
			return err_set(e, ERR_INVALID, "history", "row %zu is no legal step", i);
		rc = store_agreement_history_add(s, id, from, to,
						 json_string_value(json_object_get(row, "at")), 0,
						 json_string_value(json_object_get(row, "by")), e);
	}
	if (rc == 0 && strcmp(to, state ? state : "intent") != 0)
		rc = err_set(e, ERR_INVALID, "history", "ends at %s, not at the state", to);
	return rc;
}

static int demo_record(struct store *s, const struct demo_kind *k, const json_t *rec,
		       struct err *e)
{
	json_t *body;
	int64_t id = 0;
	int rc = demo_body(s, k, rec, &body, e);

	if (rc == 0 && k->res == STORE_AGREEMENT)
		rc = demo_agreement_meeting(s, rec, body, e);
	if (rc == 0)
		rc = store_create_tx(s, k->res, body, &id, e);
	json_decref(body);
	if (rc == 0 && k->res == STORE_MEETING_REQUEST)
		rc = demo_request_state(s, id, rec, e);
	if (rc == 0 && k->res == STORE_AGREEMENT)
		rc = demo_history(s, id, rec, e);
	return rc;
}

static int demo_events(struct store *s, const json_t *events, struct err *e)
{
	const char *key;
	json_t *v;
	char prefix[64];
	int rc = 0;

	if (!json_is_object(events))
		return err_set(e, ERR_INVALID, "", "the events file must be an object");
	json_object_foreach((json_t *)events, key, v) {
		size_t i;

		for (i = 0; i < NKINDS && strcmp(demo_kinds[i].name, key) != 0; i++)
			;
		if (i == NKINDS)
			return err_set(e, ERR_INVALID, key, "is not a part of the events file");
		if (!json_is_array(v))
			return err_set(e, ERR_INVALID, key, "must be an array");
	}
	for (size_t k = 0; rc == 0 && k < NKINDS; k++) {
		const json_t *arr = json_object_get(events, demo_kinds[k].name);

		for (size_t i = 0; rc == 0 && i < json_array_size(arr); i++) {
			rc = demo_record(s, &demo_kinds[k], json_array_get(arr, i), e);
			if (rc) {
				snprintf(prefix, sizeof(prefix), "%s[%zu]", demo_kinds[k].name, i);
				err_prefix_field(e, prefix);
			}
		}
	}
	return rc;
}

int store_load_demo(struct store *s, const json_t *orgs, const json_t *events, struct err *e)
{
	size_t n = 0;
	int rc = store_tx_begin(s, e);

	if (rc)
		return rc;
	rc = store_import(s, orgs, &n, e);
	if (rc == 0 && events)
		rc = demo_events(s, events, e);
	return store_tx_end(s, rc, e);
}
