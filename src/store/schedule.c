/*
 * schedule.c - what the meeting scheduler reads and writes: everything of
 * one event (slots, tables, registrations with attendance, availability,
 * online hours and time zone, meetings with their participants, place and
 * lock), a person's placed meetings (the agenda), and the placements of a
 * published schedule, written in one transaction.
 *
 * Rows are read as JSON straight from SQLite (json_object), then unset
 * members (SQL NULL) are dropped, so that optional fields are absent as in
 * the rest of the API.
 */
#include "store/store_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static const char sql_event[] =
	"SELECT json_object('id', e.id, 'name', e.name, 'time_zone', e.time_zone,"
	" 'tables', coalesce(e.tables, 0), 'venue', e.venue, 'city', e.city, 'mode', e.mode,"
	" 'schedule_published_at', e.schedule_published_at)"
	" FROM events e WHERE e.id = ?1";

static const char sql_slots[] =
	"SELECT json_object('id', s.id, 'ref', s.ref, 'start', s.start, 'start_utc', s.start_utc,"
	" 'minutes', s.minutes)"
	" FROM event_slots s WHERE s.event_id = ?1 ORDER BY s.start_utc, s.id";

static const char sql_participants[] =
	"SELECT json_object('person_id', p.id, 'name', p.name, 'organisation_id', o.id,"
	" 'organisation', o.name, 'time_zone', p.time_zone, 'attendance', r.attendance,"
	" 'validation', coalesce(r.validation, 'validated'),"
	" 'available_slots', json(r.available_slots), 'online_hours', json(r.online_hours))"
	" FROM registrations r JOIN people p ON p.id = r.person_id"
	" JOIN organisations o ON o.id = p.organisation_id"
	" WHERE r.event_id = ?1 ORDER BY p.id";

static const char sql_meetings[] =
	"SELECT json_object('id', m.id, 'request_id', m.request_id,"
	" 'priority', coalesce(q.priority, 2),"
	" 'participants', json((SELECT json_group_array(x.person_id) FROM (SELECT person_id"
	"   FROM meeting_participants WHERE meeting_id = m.id ORDER BY person_id) x)),"
	" 'slot_id', m.slot_id, 'table', m.table_no,"
	" 'online', json(iif(m.online, 'true', 'false')),"
	" 'locked', json(iif(m.locked, 'true', 'false')))"
	" FROM meetings m LEFT JOIN meeting_requests q ON q.id = m.request_id"
	" WHERE m.event_id = ?1 ORDER BY m.id";

static const char sql_person[] =
	"SELECT json_object('id', p.id, 'name', p.name, 'organisation_id', o.id,"
	" 'organisation', o.name, 'time_zone', p.time_zone)"
	" FROM people p JOIN organisations o ON o.id = p.organisation_id WHERE p.id = ?1";

static const char sql_agenda[] =
	"SELECT json_object('id', m.id, 'event_id', e.id, 'event_name', e.name,"
	" 'event_time_zone', e.time_zone, 'venue', e.venue, 'city', e.city,"
	" 'slot_id', s.id, 'start_utc', s.start_utc, 'minutes', s.minutes,"
	" 'table', m.table_no, 'online', json(iif(m.online, 'true', 'false')),"
	" 'updated_at', m.updated_at,"
	" 'with', json((SELECT json_group_array(json_object('id', y.id, 'name', y.name,"
	"   'organisation_id', y.org_id, 'organisation', y.org)) FROM (SELECT p.id AS id,"
	"   p.name AS name, o.id AS org_id, o.name AS org FROM meeting_participants x"
	"   JOIN people p ON p.id = x.person_id JOIN organisations o ON o.id = p.organisation_id"
	"   WHERE x.meeting_id = m.id AND x.person_id <> ?1 ORDER BY p.id) y)))"
	" FROM meeting_participants mp JOIN meetings m ON m.id = mp.meeting_id"
	" JOIN event_slots s ON s.id = m.slot_id JOIN events e ON e.id = m.event_id"
	" WHERE mp.person_id = ?1 ORDER BY s.start_utc, m.id";

/* Removes the members of obj whose value is null. */
static void drop_nulls(json_t *obj)
{
	const char *key;
	json_t *v;
	void *tmp;

	json_object_foreach_safe(obj, tmp, key, v) {
		if (json_is_null(v))
			json_object_del(obj, key);
	}
}

static int parse_row(struct db_stmt *st, json_t **out, struct err *e)
{
	const char *text = db_col_text(st, 0);
	json_error_t je;

	*out = json_loadb(text ? text : "", db_col_bytes(st, 0), 0, &je);
	if (!*out || !json_is_object(*out)) {
		json_decref(*out);
		*out = NULL;
		return err_set(e, ERR_INTERNAL, NULL, "bad JSON row from the database: %s", je.text);
	}
	drop_nulls(*out);
	return 0;
}

/* Runs sql (?1 = arg); appends each row's JSON object to arr. */
static int rows_json(struct store *s, const char *sql, int64_t arg, json_t *arr, struct err *e)
{
	struct db_stmt *st;
	json_t *row;
	int rc = store_prep(s, sql, &st, e);

	if (rc)
		return rc;
	db_bind_int64(st, 1, arg);
	while ((rc = store_step(s, st, e)) == 1) {
		rc = parse_row(st, &row, e);
		if (rc)
			break;
		json_array_append_new(arr, row);
	}
	store_reset(st);
	return rc < 0 ? rc : 0;
}

/* The one row of sql (?1 = id) as *out; ERR_NOT_FOUND (field "id") when none. */
static int row_json(struct store *s, const char *sql, int64_t id, const char *noun,
		    json_t **out, struct err *e)
{
	json_t *arr = json_array();
	int rc = rows_json(s, sql, id, arr, e);

	*out = NULL;
	if (rc == 0 && json_array_size(arr) == 0)
		rc = err_set(e, ERR_NOT_FOUND, "id", "no %s with id %" PRId64, noun, id);
	if (rc == 0)
		*out = json_incref(json_array_get(arr, 0));
	json_decref(arr);
	return rc;
}

static int load_event(struct store *s, int64_t event, json_t *out, struct err *e)
{
	json_t *ev = NULL;
	int rc = row_json(s, sql_event, event, "event", &ev, e);
	json_t *slots = json_array(), *people = json_array(), *meetings = json_array();

	if (rc == 0)
		json_object_set_new(out, "event", ev);
	json_object_set_new(out, "slots", slots);
	json_object_set_new(out, "participants", people);
	json_object_set_new(out, "meetings", meetings);
	if (rc == 0)
		rc = rows_json(s, sql_slots, event, slots, e);
	if (rc == 0)
		rc = rows_json(s, sql_participants, event, people, e);
	if (rc == 0)
		rc = rows_json(s, sql_meetings, event, meetings, e);
	return rc;
}

int store_schedule_load(struct store *s, int64_t event, json_t **out, struct err *e)
{
	json_t *doc = json_object();
	int rc;

	*out = NULL;
	rc = store_read_begin(s, e);
	if (rc == 0)
		rc = store_read_end(s, load_event(s, event, doc, e), e);
	if (rc) {
		json_decref(doc);
		return rc;
	}
	*out = doc;
	return 0;
}

int store_person_agenda(struct store *s, int64_t person, json_t **out, struct err *e)
{
	json_t *doc = json_object(), *who = NULL, *meetings = json_array();
	int rc;

	*out = NULL;
	rc = store_read_begin(s, e);
	if (rc) {
		json_decref(doc);
		json_decref(meetings);
		return rc;
	}
	rc = row_json(s, sql_person, person, "person", &who, e);
	if (rc == 0)
		rc = rows_json(s, sql_agenda, person, meetings, e);
	rc = store_read_end(s, rc, e);
	json_object_set_new(doc, "person", who ? who : json_object());
	json_object_set_new(doc, "meetings", meetings);
	if (rc) {
		json_decref(doc);
		return rc;
	}
	*out = doc;
	return 0;
}

/* ---- publishing ------------------------------------------------------------- */

struct place {
	int64_t meeting, slot, table;
	int online;
};

static int place_read(const json_t *v, size_t i, struct place *p, struct err *e)
{
	const json_t *m = json_object_get(v, "meeting"), *slot = json_object_get(v, "slot_id");
	const json_t *table = json_object_get(v, "table"), *online = json_object_get(v, "online");
	char path[64];

	snprintf(path, sizeof(path), "places[%zu]", i);
	if (!json_is_object(v) || !json_is_integer(m) || (slot && !json_is_integer(slot)) ||
	    (table && !json_is_integer(table)) || (online && !json_is_boolean(online)))
		return err_set(e, ERR_INVALID, path,
			       "must be {\"meeting\", \"slot_id\"?, \"table\"?, \"online\"?}");
	p->meeting = json_integer_value(m);
	p->slot = json_integer_value(slot);
	p->table = json_integer_value(table);
	p->online = json_is_true(online);
	return 0;
}

/* 1 when meeting p's stored place differs from p, 0 when not, or an error. */
static int place_changes(struct store *s, int64_t event, const struct place *p, size_t i,
			 struct err *e)
{
	struct db_stmt *st;
	int rc, differs = 0;

	rc = store_prep(s, "SELECT coalesce(slot_id, 0), coalesce(table_no, 0), online FROM meetings"
			   " WHERE id = ?1 AND event_id = ?2", &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, p->meeting);
	db_bind_int64(st, 2, event);
	rc = store_step(s, st, e);
	if (rc == 1)
		differs = db_col_int64(st, 0) != p->slot ||
			  db_col_int64(st, 1) != p->table ||
			  (p->slot && (int)db_col_int64(st, 2) != p->online);
	store_reset(st);
	if (rc == 0) {
		char path[64];

		snprintf(path, sizeof(path), "places[%zu].meeting", i);
		return err_set(e, ERR_INVALID, path, "meeting %" PRId64 " is not a meeting of event %"
			       PRId64, p->meeting, event);
	}
	return rc < 0 ? rc : differs;
}

/*
 * Two passes, so that the UNIQUE constraints (a person once per slot, a
 * table once per slot) hold after every statement while meetings swap
 * places: first every meeting that moves leaves its place, then each takes
 * its new one.
 */
static int publish_places(struct store *s, int64_t event, const json_t *places, struct err *e)
{
	size_t n = json_array_size(places);
	struct place p;
	char now[32];
	int rc = 0, changed;

	store_now(now);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		rc = place_read(json_array_get(places, i), i, &p, e);
		changed = rc ? rc : place_changes(s, event, &p, i, e);
		if (changed <= 0) {
			rc = changed;
			continue;
		}
		rc = store_exec(s, e, "UPDATE meetings SET slot_id = NULL, table_no = NULL, locked = 0,"
				" updated_at = ?2 WHERE id = ?1", "it", p.meeting, now);
	}
	for (size_t i = 0; rc == 0 && i < n; i++) {
		rc = place_read(json_array_get(places, i), i, &p, e);
		if (rc == 0 && p.slot)
			rc = store_exec(s, e, "UPDATE meetings SET slot_id = ?2, table_no = ?3,"
					" online = ?4, updated_at = ?5 WHERE id = ?1"
					" AND slot_id IS NULL", "iizit", p.meeting, p.slot, p.table,
					(int64_t)p.online, now);
	}
	if (rc == 0)
		rc = store_exec(s, e, "UPDATE events SET schedule_published_at = ?2 WHERE id = ?1",
				"it", event, now);
	return rc;
}

int store_schedule_publish(struct store *s, int64_t event, const json_t *places, struct err *e)
{
	int64_t found = 0;
	int rc;

	if (!json_is_array(places))
		return err_set(e, ERR_INVALID, "places", "must be an array");
	rc = store_tx_begin(s, e);
	if (rc)
		return rc;
	rc = store_int(s, e, &found, "SELECT 1 FROM events WHERE id = ?1", "i", event);
	if (rc == 0)
		rc = err_set(e, ERR_NOT_FOUND, "id", "no event with id %" PRId64, event);
	if (rc == 1)
		rc = publish_places(s, event, places, e);
	return store_tx_end(s, rc, e);
}

int store_atomic(struct store *s, store_tx_fn fn, void *ctx, struct err *e)
{
	int rc = store_tx_begin(s, e);

	if (rc)
		return rc;
	return store_tx_end(s, fn(s, ctx, e), e);
}
