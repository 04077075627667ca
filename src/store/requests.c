/*
 * requests.c - meeting requests and meetings.
 *
 * A request needs two different people registered for the event (422), an
 * event whose request_policy is open, no other active (requested or
 * accepted) request between the same two people at the event in either
 * direction, and both people under the event's meeting_cap of active
 * requests (409). requested -> accepted | declined; requested | accepted ->
 * cancelled; accepting creates the meeting (unscheduled, online when the
 * event or either person is online), cancelling an accepted request
 * deletes it. A meeting is placed by an update of slot_id and table or
 * online, checked against the event, the people's attendance and
 * availability, and the other meetings of the slot; only a placed meeting
 * can be locked (the scheduler leaves it where it is).
 */
#include "store/store_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ACTIVE "('requested', 'accepted')"

static int64_t int_of(const json_t *body, const char *key)
{
	return json_integer_value(json_object_get(body, key));
}

/* 422 unless person has a registration (not rejected) at event. */
static int check_registered(struct store *s, int64_t event, int64_t person, const char *field,
			    struct err *e)
{
	int64_t found = 0;
	int rc = store_int(s, e, &found,
			   "SELECT 1 FROM registrations WHERE event_id = ?1 AND person_id = ?2"
			   " AND coalesce(validation, 'validated') <> 'rejected'",
			   "ii", event, person);

	if (rc < 0)
		return rc;
	if (!found)
		return err_set(e, ERR_INVALID, field,
			       "person %" PRId64 " is not registered for event %" PRId64, person,
			       event);
	return 0;
}

static int check_policy(struct store *s, int64_t event, struct err *e)
{
	int64_t closed = 0;
	int rc = store_int(s, e, &closed,
			   "SELECT request_policy = 'closed' FROM events WHERE id = ?1", "i", event);

	if (rc < 0)
		return rc;
	if (closed)
		return err_set(e, ERR_CONFLICT, "event_id",
			       "event %" PRId64 " takes no meeting requests (its request_policy "
			       "is closed)",
			       event);
	return 0;
}

static int check_pair(struct store *s, int64_t event, int64_t a, int64_t b, struct err *e)
{
	int64_t other = 0;
	int rc = store_int(s, e, &other,
			   "SELECT id FROM meeting_requests WHERE event_id = ?1 AND state IN " ACTIVE
			   " AND ((requester_id = ?2 AND invitee_id = ?3)"
			   " OR (requester_id = ?3 AND invitee_id = ?2))",
			   "iii", event, a, b);

	if (rc < 0)
		return rc;
	if (other)
		return err_set(e, ERR_CONFLICT, "invitee_id",
			       "person %" PRId64 " and person %" PRId64 " already have an active "
			       "meeting request at event %" PRId64 " (meeting request %" PRId64 ")",
			       a, b, event, other);
	return 0;
}

static int check_cap(struct store *s, int64_t event, int64_t person, const char *field,
		     struct err *e)
{
	int64_t cap = 0, n = 0;
	int rc = store_int(s, e, &cap, "SELECT meeting_cap FROM events WHERE id = ?1", "i", event);

	if (rc < 0 || cap == 0)
		return rc < 0 ? rc : 0;
	rc = store_int(s, e, &n,
		       "SELECT count(*) FROM meeting_requests WHERE event_id = ?1 AND state IN " ACTIVE
		       " AND (requester_id = ?2 OR invitee_id = ?2)",
		       "ii", event, person);
	if (rc < 0)
		return rc;
	if (n >= cap)
		return err_set(e, ERR_CONFLICT, field,
			       "person %" PRId64 " already has %" PRId64 " active meeting requests "
			       "at event %" PRId64 " (the cap)",
			       person, n, event);
	return 0;
}

static int request_validate(struct store *s, const struct store_resdef *rd, int64_t id,
			    const json_t *body, const json_t *old, struct err *e)
{
	int64_t event = int_of(body, "event_id");
	int64_t a = int_of(body, "requester_id");
	int64_t b = int_of(body, "invitee_id");
	int64_t requested = 0;
	int rc;

	(void)rd;
	(void)old;
	if (id) {
		rc = store_int(s, e, &requested,
			       "SELECT state = 'requested' FROM meeting_requests WHERE id = ?1", "i",
			       id);
		if (rc < 0)
			return rc;
		if (!requested)
			return err_set(e, ERR_CONFLICT, "id",
				       "meeting request %" PRId64 " can be changed only while it is "
				       "requested",
				       id);
		return 0;
	}
	if (a == b)
		return err_set(e, ERR_INVALID, "invitee_id",
			       "must differ from requester_id: nobody requests a meeting with "
			       "themselves");
	rc = check_registered(s, event, a, "requester_id", e);
	if (rc == 0)
		rc = check_registered(s, event, b, "invitee_id", e);
	if (rc == 0)
		rc = check_policy(s, event, e);
	if (rc == 0)
		rc = check_pair(s, event, a, b, e);
	if (rc == 0)
		rc = check_cap(s, event, a, "requester_id", e);
	if (rc == 0)
		rc = check_cap(s, event, b, "invitee_id", e);
	return rc;
}

const struct store_hooks store_request_hooks = {
	.validate = request_validate,
};

/* ---- state machine ---------------------------------------------------------- */

static int meeting_create(struct store *s, int64_t request, struct err *e)
{
	char now[32];
	int64_t meeting;
	int rc;

	store_now(now);
	rc = store_exec(s, e,
			"INSERT INTO meetings(event_id, request_id, online, created_at, updated_at)"
			" SELECT r.event_id, r.id, CASE WHEN (SELECT e.mode = 'online' FROM events e"
			"   WHERE e.id = r.event_id) OR EXISTS (SELECT 1 FROM registrations g"
			"   WHERE g.event_id = r.event_id AND g.attendance = 'online'"
			"   AND g.person_id IN (r.requester_id, r.invitee_id)) THEN 1 ELSE 0 END, ?2, ?2"
			" FROM meeting_requests r WHERE r.id = ?1",
			"it", request, now);
	if (rc)
		return rc;
	meeting = db_last_id(s->db);
	return store_exec(s, e,
			  "INSERT INTO meeting_participants(meeting_id, person_id, slot_id)"
			  " SELECT ?1, p, NULL FROM (SELECT requester_id AS p FROM meeting_requests"
			  " WHERE id = ?2 UNION ALL SELECT invitee_id FROM meeting_requests"
			  " WHERE id = ?2) x",
			  "ii", meeting, request);
}

static int set_state(struct store *s, int64_t id, const char *state, struct err *e)
{
	char now[32];

	store_now(now);
	return store_exec(s, e, "UPDATE meeting_requests SET state = ?2, updated_at = ?3 WHERE id = ?1",
			  "itt", id, state, now);
}

static int read_state(struct store *s, int64_t id, char *state, size_t n, struct err *e)
{
	struct db_stmt *st;
	int rc;

	rc = store_prep(s, "SELECT state FROM meeting_requests WHERE id = ?1", &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	rc = store_step(s, st, e);
	if (rc == 1)
		snprintf(state, n, "%s", db_col_text(st, 0));
	store_reset(st);
	if (rc == 0)
		return err_set(e, ERR_NOT_FOUND, "id", "no meeting request with id %" PRId64, id);
	return rc < 0 ? rc : 0;
}

int store_act_tx(struct store *s, int64_t id, const char *action, struct err *e)
{
	char state[16];
	int rc;
	int accept = strcmp(action, "accept") == 0;
	int decline = strcmp(action, "decline") == 0;
	int cancel = strcmp(action, "cancel") == 0;

	if (!accept && !decline && !cancel)
		return err_set(e, ERR_BAD_REQUEST, "action", "must be one of accept, decline, cancel");
	rc = read_state(s, id, state, sizeof(state), e);
	if (rc)
		return rc;
	if (strcmp(state, "requested") != 0 && !(cancel && strcmp(state, "accepted") == 0))
		return err_set(e, ERR_CONFLICT, "state",
			       "cannot %s meeting request %" PRId64 ": it is %s (only %s ones can be)",
			       action, id, state, cancel ? "requested or accepted" : "requested");
	if (cancel) {
		rc = store_exec(s, e, "DELETE FROM meetings WHERE request_id = ?1", "i", id);
		return rc ? rc : set_state(s, id, "cancelled", e);
	}
	rc = set_state(s, id, accept ? "accepted" : "declined", e);
	if (rc == 0 && accept)
		rc = meeting_create(s, id, e);
	return rc;
}

int store_meeting_request_act(struct store *s, int64_t id, const char *action, json_t **out,
			      struct err *e)
{
	int rc;

	*out = NULL;
	rc = store_tx_begin(s, e);
	if (rc)
		return rc;
	rc = store_act_tx(s, id, action ? action : "", e);
	if (rc == 0)
		rc = store_row_read(s, store_resdef(STORE_MEETING_REQUEST), id, STORE_VIEW_API, out,
				    e);
	rc = store_tx_end(s, rc, e);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

/* ---- placing meetings ------------------------------------------------------- */

struct placement {
	int64_t id, event, slot, table;
	int online;
	int locked;
};

static int check_slot_and_table(struct store *s, const struct placement *p, struct err *e)
{
	int64_t found = 0, tables = 0;
	int rc;

	if (p->table && !p->slot)
		return err_set(e, ERR_INVALID, "table", "needs slot_id: a table is taken in a slot");
	if (p->table && p->online)
		return err_set(e, ERR_INVALID, "table", "an online meeting has no table");
	if (p->slot && !p->table && !p->online)
		return err_set(e, ERR_INVALID, "slot_id",
			       "a scheduled meeting needs a table or online: true");
	if (p->locked && !p->slot)
		return err_set(e, ERR_INVALID, "locked", "only a scheduled meeting can be locked");
	if (p->slot) {
		rc = store_int(s, e, &found,
			       "SELECT 1 FROM event_slots WHERE id = ?1 AND event_id = ?2", "ii",
			       p->slot, p->event);
		if (rc < 0)
			return rc;
		if (!found)
			return err_set(e, ERR_INVALID, "slot_id",
				       "slot %" PRId64 " is not a slot of event %" PRId64, p->slot,
				       p->event);
	}
	rc = store_int(s, e, &tables, "SELECT coalesce(tables, 0) FROM events WHERE id = ?1", "i",
		       p->event);
	if (rc < 0)
		return rc;
	if (p->table > tables)
		return err_set(e, ERR_INVALID, "table",
			       "event %" PRId64 " has %" PRId64 " tables (numbered 1 to %" PRId64 ")",
			       p->event, tables, tables);
	return 0;
}

/* Attendance and availability of one participant. */
static int check_person(struct store *s, const struct placement *p, int64_t person,
			struct err *e)
{
	struct db_stmt *st;
	int rc, onsite = 0, available = 1;

	rc = store_prep(s,
			"SELECT attendance = 'onsite', available_slots IS NULL OR EXISTS (SELECT 1"
			" FROM registration_slots x WHERE x.registration_id = r.id"
			" AND x.slot_id = ?3) FROM registrations r"
			" WHERE r.event_id = ?1 AND r.person_id = ?2",
			&st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, p->event);
	db_bind_int64(st, 2, person);
	db_bind_int64(st, 3, p->slot);
	rc = store_step(s, st, e);
	if (rc == 1) {
		onsite = (int)db_col_int64(st, 0);
		available = (int)db_col_int64(st, 1);
	}
	store_reset(st);
	if (rc < 0)
		return rc;
	if (p->table && !onsite)
		return err_set(e, ERR_INVALID, "table",
			       "person %" PRId64 " attends online: the meeting must be online",
			       person);
	if (p->slot && !available)
		return err_set(e, ERR_INVALID, "slot_id",
			       "person %" PRId64 " is not available in slot %" PRId64, person,
			       p->slot);
	return 0;
}

static int check_clashes(struct store *s, const struct placement *p, int64_t person,
			 struct err *e)
{
	int64_t other = 0;
	int rc;

	rc = store_int(s, e, &other,
		       "SELECT meeting_id FROM meeting_participants WHERE person_id = ?1"
		       " AND slot_id = ?2 AND meeting_id <> ?3",
		       "iii", person, p->slot, p->id);
	if (rc < 0)
		return rc;
	if (other)
		return err_set(e, ERR_CONFLICT, "slot_id",
			       "person %" PRId64 " already has meeting %" PRId64 " in slot %" PRId64,
			       person, other, p->slot);
	return 0;
}

static int check_table_free(struct store *s, const struct placement *p, struct err *e)
{
	int64_t other = 0;
	int rc;

	if (!p->table)
		return 0;
	rc = store_int(s, e, &other,
		       "SELECT id FROM meetings WHERE slot_id = ?1 AND table_no = ?2 AND id <> ?3",
		       "iii", p->slot, p->table, p->id);
	if (rc < 0)
		return rc;
	if (other)
		return err_set(e, ERR_CONFLICT, "table",
			       "table %" PRId64 " is already used in slot %" PRId64 " by meeting %" PRId64,
			       p->table, p->slot, other);
	return 0;
}

static int meeting_validate(struct store *s, const struct store_resdef *rd, int64_t id,
			    const json_t *body, const json_t *old, struct err *e)
{
	struct placement p = {id, 0, int_of(body, "slot_id"), int_of(body, "table"),
			      json_is_true(json_object_get(body, "online")),
			      json_is_true(json_object_get(body, "locked"))};
	int64_t *people = NULL;
	size_t n = 0;
	int rc;

	(void)rd;
	(void)old;
	rc = store_int(s, e, &p.event, "SELECT event_id FROM meetings WHERE id = ?1", "i", id);
	if (rc < 0)
		return rc;
	rc = check_slot_and_table(s, &p, e);
	if (rc == 0)
		rc = store_ids(s, e, &people, &n,
			       "SELECT person_id FROM meeting_participants WHERE meeting_id = ?1"
			       " ORDER BY person_id",
			       id);
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = check_person(s, &p, people[i], e);
	for (size_t i = 0; rc == 0 && p.slot && i < n; i++)
		rc = check_clashes(s, &p, people[i], e);
	if (rc == 0 && p.slot)
		rc = check_table_free(s, &p, e);
	free(people);
	return rc;
}

static int meeting_write(struct store *s, int64_t id, const json_t *body, struct err *e)
{
	char now[32];

	store_now(now);
	return store_exec(s, e,
			  "UPDATE meetings SET slot_id = ?2, table_no = ?3, online = ?4,"
			  " outcome = ?5, updated_at = ?6, locked = ?7 WHERE id = ?1",
			  "izzitti", id, int_of(body, "slot_id"), int_of(body, "table"),
			  (int64_t)json_is_true(json_object_get(body, "online")),
			  json_string_value(json_object_get(body, "outcome")), now,
			  (int64_t)json_is_true(json_object_get(body, "locked")));
}

const struct store_hooks store_meeting_hooks = {
	.validate = meeting_validate,
	.write = meeting_write,
};
