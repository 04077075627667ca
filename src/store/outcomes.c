/*
 * outcomes.c - the rows of meeting_outcomes (outcomes.h).
 */
#include "store/outcomes.h"

#include "store/store_int.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

int store_meeting_facts(struct store *s, int64_t id, struct store_meeting_facts *f,
			struct err *e)
{
	struct db_stmt *st;
	int64_t *ids = NULL;
	size_t n = 0;
	int rc;

	memset(f, 0, sizeof(*f));
	rc = store_prep(s, "SELECT m.event_id, sl.start_utc, sl.start_utc + 60 * sl.minutes FROM meetings m"
			" LEFT JOIN event_slots sl ON sl.id = m.slot_id WHERE m.id = ?1", &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	rc = store_step(s, st, e);
	if (rc == 1) {
		f->event = db_col_int64(st, 0);
		f->start_utc = db_col_int64(st, 1);
		f->end_utc = db_col_int64(st, 2);
	}
	store_reset(st);
	if (rc == 0)
		return err_set(e, ERR_NOT_FOUND, "id", "no meeting with id %" PRId64, id);
	if (rc < 0)
		return rc;
	rc = store_ids(s, e, &ids, &n, "SELECT person_id FROM meeting_participants"
		       " WHERE meeting_id = ?1 ORDER BY person_id", id);
	for (size_t i = 0; rc == 0 && i < n && i < 2; i++)
		f->people[i] = ids[i];
	free(ids);
	return rc;
}

int store_outcome_write(struct store *s, const struct store_outcome *o, int replace,
			struct err *e)
{
	char now[32];
	int64_t found = 0;
	int rc;

	store_now(now);
	rc = store_int(s, e, &found, "SELECT 1 FROM meeting_outcomes WHERE meeting_id = ?1"
		       " AND person_id = ?2", "ii", o->meeting, o->person);
	if (rc > 0 && !replace)
		return err_set(e, ERR_CONFLICT, "outcome", "person %" PRId64 " has already recorded "
			       "the outcome of meeting %" PRId64, o->person, o->meeting);
	if (rc > 0)
		rc = store_exec(s, e, "DELETE FROM meeting_outcomes WHERE meeting_id = ?1"
				" AND person_id = ?2", "ii", o->meeting, o->person);
	if (rc < 0)
		return rc;
	return store_exec(s, e, "INSERT INTO meeting_outcomes(meeting_id, person_id, outcome,"
			  " comment, source, no_show, recorded_by, recorded_at)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", "iitttizt", o->meeting,
			  o->person, o->outcome, o->comment, o->source, (int64_t)o->no_show, o->by,
			  now);
}

int store_outcomes(struct store *s, int64_t id, json_t **out, struct err *e)
{
	struct db_stmt *st;
	json_t *rows = json_array();
	int rc;

	*out = NULL;
	rc = store_prep(s, "SELECT person_id, outcome, comment, source, no_show, recorded_by,"
			" recorded_at FROM meeting_outcomes WHERE meeting_id = ?1 ORDER BY person_id",
			&st, e);
	if (rc) {
		json_decref(rows);
		return rc;
	}
	db_bind_int64(st, 1, id);
	while ((rc = store_step(s, st, e)) == 1) {
		const char *comment = db_col_text(st, 2);
		int64_t by = db_col_int64(st, 5);

		json_array_append_new(
			rows, json_pack("{s:I, s:s, s:o, s:s, s:b, s:o, s:s}", "person_id",
					(json_int_t)db_col_int64(st, 0), "outcome", db_col_text(st, 1),
					"comment", comment ? json_string(comment) : json_null(),
					"source", db_col_text(st, 3), "no_show",
					(int)db_col_int64(st, 4), "recorded_by",
					by ? json_integer(by) : json_null(), "recorded_at",
					db_col_text(st, 6)));
	}
	store_reset(st);
	if (rc < 0) {
		json_decref(rows);
		return rc;
	}
	*out = rows;
	return 0;
}
