/*
 * events.c - the rules of events: meeting slots (RFC 3339 starts, 5-240
 * minutes, no overlap, sorted by start in responses), numbered tables, the
 * mode against existing registrations, and deletion (refused while meeting
 * requests or agreements refer to the event).
 *
 * A PATCH with "slots" replaces them all. A new slot keeps the id of the
 * stored slot it matches - the one named by its "id", else the one with
 * its ref, else the one with the same start - so that availabilities and
 * meetings keep pointing at it; stored slots left unmatched are deleted,
 * which is refused (409) while a registration or a meeting uses them.
 */
#include "store/store_int.h"

#include "core/time.h"
#include "core/xalloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS_MAX 2000

struct slot {
	int64_t id;       /* stored slot it replaces (0: new) */
	const char *ref;  /* NULL when none */
	const char *start;
	int64_t epoch;
	int64_t minutes;
	size_t index;     /* position in the body */
};

struct stored_slot {
	int64_t id;
	char *ref;
	int64_t epoch;
	int matched;
};

struct slots {
	struct slot *v;
	size_t n;
	struct stored_slot *old;
	size_t nold;
};

static void slots_release(struct slots *sl)
{
	for (size_t i = 0; i < sl->nold; i++)
		free(sl->old[i].ref);
	free(sl->v);
	free(sl->old);
	memset(sl, 0, sizeof(*sl));
}

static int slot_key_ok(const char *key, int update)
{
	return strcmp(key, "ref") == 0 || strcmp(key, "start") == 0 ||
	       strcmp(key, "minutes") == 0 || (update && strcmp(key, "id") == 0);
}

/* Reads body slot i into *sl; paths name "slots[i].field". */
static int slot_parse(const json_t *o, size_t i, int update, struct slot *sl, struct err *e)
{
	char path[64];
	const char *key;
	json_t *v;

	memset(sl, 0, sizeof(*sl));
	sl->index = i;
	snprintf(path, sizeof(path), "slots[%zu]", i);
	if (!json_is_object(o))
		return err_set(e, ERR_INVALID, path, "must be an object with start and minutes");
	json_object_foreach((json_t *)o, key, v) {
		if (!slot_key_ok(key, update)) {
			snprintf(path, sizeof(path), "slots[%zu].%s", i, key);
			return err_set(e, ERR_INVALID, path, "is not a field of a slot");
		}
	}
	v = json_object_get(o, "ref");
	snprintf(path, sizeof(path), "slots[%zu].ref", i);
	if (v && !(json_is_string(v) && store_valid_ref(json_string_value(v))))
		return err_set(e, ERR_INVALID, path,
			       "must be 1 to 64 characters among A-Z, a-z, 0-9, '.', '_', ':' and '-'");
	sl->ref = json_string_value(v);
	v = json_object_get(o, "start");
	snprintf(path, sizeof(path), "slots[%zu].start", i);
	if (!v)
		return err_set(e, ERR_INVALID, path, "is required");
	if (!json_is_string(v) || time_parse(json_string_value(v), &sl->epoch) != 0)
		return err_set(e, ERR_INVALID, path,
			       "must be an RFC 3339 time with offset, such as "
			       "2026-05-13T09:00:00+08:00");
	sl->start = json_string_value(v);
	v = json_object_get(o, "minutes");
	snprintf(path, sizeof(path), "slots[%zu].minutes", i);
	if (!v)
		return err_set(e, ERR_INVALID, path, "is required");
	if (!json_is_integer(v) || json_integer_value(v) < 5 || json_integer_value(v) > 240)
		return err_set(e, ERR_INVALID, path, "must be an integer between 5 and 240");
	sl->minutes = json_integer_value(v);
	v = json_object_get(o, "id");
	snprintf(path, sizeof(path), "slots[%zu].id", i);
	if (v && (!json_is_integer(v) || json_integer_value(v) < 1))
		return err_set(e, ERR_INVALID, path, "must be the id of a slot of this event");
	sl->id = json_integer_value(v);
	return 0;
}

static int slot_cmp(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;

	if (x->epoch != y->epoch)
		return x->epoch < y->epoch ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Duplicate refs and overlaps (on the slots sorted by start). */
static int slots_consistent(struct slots *sl, struct err *e)
{
	char path[64];

	for (size_t i = 0; i < sl->n; i++)
		for (size_t j = 0; sl->v[i].ref && j < i; j++)
			if (sl->v[j].ref && strcmp(sl->v[i].ref, sl->v[j].ref) == 0) {
				snprintf(path, sizeof(path), "slots[%zu].ref", sl->v[i].index);
				return err_set(e, ERR_INVALID, path, "duplicates slots[%zu].ref",
					       sl->v[j].index);
			}
	qsort(sl->v, sl->n, sizeof(*sl->v), slot_cmp);
	for (size_t i = 1; i < sl->n; i++) {
		const struct slot *a = &sl->v[i - 1], *b = &sl->v[i];

		if (a->epoch + a->minutes * 60 > b->epoch) {
			size_t later = a->index > b->index ? a->index : b->index;
			size_t other = a->index > b->index ? b->index : a->index;

			snprintf(path, sizeof(path), "slots[%zu].start", later);
			return err_set(e, ERR_INVALID, path, "overlaps slots[%zu]", other);
		}
	}
	return 0;
}

static int stored_slots(struct store *s, int64_t event, struct slots *sl, struct err *e)
{
	struct db_stmt *st;
	size_t cap = 0;
	int rc;

	rc = store_prep(s, "SELECT id, ref, start_utc FROM event_slots WHERE event_id = ?1", &st,
			e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, event);
	while ((rc = store_step(s, st, e)) == 1) {
		const char *ref = db_col_text(st, 1);

		if (sl->nold == cap) {
			cap = cap ? cap * 2 : 16;
			sl->old = xreallocarray(sl->old, cap, sizeof(*sl->old));
		}
		sl->old[sl->nold].id = db_col_int64(st, 0);
		sl->old[sl->nold].ref = ref ? xstrdup(ref) : NULL;
		sl->old[sl->nold].epoch = db_col_int64(st, 2);
		sl->old[sl->nold].matched = 0;
		sl->nold++;
	}
	store_reset(st);
	return rc < 0 ? rc : 0;
}

static struct stored_slot *match_one(struct slots *sl, const struct slot *x)
{
	for (size_t k = 0; k < sl->nold; k++) {
		struct stored_slot *o = &sl->old[k];

		if (o->matched)
			continue;
		if (x->id ? o->id == x->id
			  : x->ref ? o->ref && strcmp(o->ref, x->ref) == 0 : o->epoch == x->epoch)
			return o;
	}
	return NULL;
}

/* Pairs new slots with stored ones (see the top of the file). */
static int slots_match(struct slots *sl, struct err *e)
{
	char path[64];

	for (size_t i = 0; i < sl->n; i++) {
		struct slot *x = &sl->v[i];
		struct stored_slot *o = match_one(sl, x);

		if (!o && x->id) {
			snprintf(path, sizeof(path), "slots[%zu].id", x->index);
			return err_set(e, ERR_INVALID, path, "is not a slot of this event");
		}
		if (!o && x->ref) {
			struct slot by_start = *x;

			by_start.ref = NULL;
			o = match_one(sl, &by_start);
		}
		if (o) {
			o->matched = 1;
			x->id = o->id;
		}
	}
	return 0;
}

/* 409 when a stored slot that would go away is in use. */
static int slots_removable(struct store *s, const struct slots *sl, struct err *e)
{
	for (size_t k = 0; k < sl->nold; k++) {
		int64_t n = 0;
		int rc;

		if (sl->old[k].matched)
			continue;
		rc = store_int(s, e, &n,
			       "SELECT (SELECT count(*) FROM registration_slots WHERE slot_id = ?1)"
			       " + (SELECT count(*) FROM meetings WHERE slot_id = ?1)",
			       "i", sl->old[k].id);
		if (rc < 0)
			return rc;
		if (n > 0)
			return err_set(e, ERR_CONFLICT, "slots",
				       "slot %" PRId64 " would go away but registrations or meetings "
				       "use it",
				       sl->old[k].id);
	}
	return 0;
}

static int slots_load(struct store *s, int64_t event, const json_t *arr, struct slots *sl,
		      struct err *e)
{
	size_t n = json_array_size(arr);
	int rc = 0;

	memset(sl, 0, sizeof(*sl));
	if (n > SLOTS_MAX)
		return err_set(e, ERR_INVALID, "slots", "must have at most %d elements", SLOTS_MAX);
	sl->v = xcalloc(n ? n : 1, sizeof(*sl->v));
	for (size_t i = 0; rc == 0 && i < n; i++, sl->n++)
		rc = slot_parse(json_array_get(arr, i), i, event != 0, &sl->v[i], e);
	if (rc == 0)
		rc = slots_consistent(sl, e);
	if (rc == 0 && event)
		rc = stored_slots(s, event, sl, e);
	if (rc == 0 && event)
		rc = slots_match(sl, e);
	return rc;
}

static int mode_fits(struct store *s, int64_t id, const char *mode, struct err *e)
{
	const char *bad = strcmp(mode, "online") == 0   ? "onsite"
			  : strcmp(mode, "onsite") == 0 ? "online"
							: NULL;
	int64_t n = 0;
	int rc;

	if (!id || !bad)
		return 0;
	rc = store_int(s, e, &n,
		       "SELECT count(*) FROM registrations WHERE event_id = ?1 AND attendance = ?2",
		       "it", id, bad);
	if (rc < 0)
		return rc;
	if (n > 0)
		return err_set(e, ERR_CONFLICT, "mode",
			       "cannot become %s: %" PRId64 " registrations attend %s", mode, n, bad);
	return 0;
}

static int tables_fit(struct store *s, int64_t id, int64_t tables, struct err *e)
{
	int64_t used = 0;
	int rc;

	if (!id)
		return 0;
	rc = store_int(s, e, &used, "SELECT max(table_no) FROM meetings WHERE event_id = ?1", "i",
		       id);
	if (rc < 0)
		return rc;
	if (used > tables)
		return err_set(e, ERR_CONFLICT, "tables",
			       "table %" PRId64 " is used by a meeting; tables cannot be fewer",
			       used);
	return 0;
}

static int event_validate(struct store *s, const struct store_resdef *rd, int64_t id,
			  const json_t *body, const json_t *old, struct err *e)
{
	const json_t *slots = json_object_get(body, "slots");
	struct slots sl;
	int rc;

	(void)rd;
	(void)old;
	rc = mode_fits(s, id, json_string_value(json_object_get(body, "mode")), e);
	if (rc == 0)
		rc = tables_fit(s, id, json_integer_value(json_object_get(body, "tables")), e);
	if (rc || !slots)
		return rc;
	rc = slots_load(s, id, slots, &sl, e);
	if (rc == 0 && id)
		rc = slots_removable(s, &sl, e);
	slots_release(&sl);
	return rc;
}

static int slots_write(struct store *s, int64_t event, struct slots *sl, struct err *e)
{
	int rc = 0;

	for (size_t k = 0; rc == 0 && k < sl->nold; k++)
		if (!sl->old[k].matched)
			rc = store_exec(s, e, "DELETE FROM event_slots WHERE id = ?1", "i",
					sl->old[k].id);
	if (rc == 0)
		rc = store_exec(s, e, "UPDATE event_slots SET ref = NULL WHERE event_id = ?1", "i",
				event);
	for (size_t i = 0; rc == 0 && i < sl->n; i++) {
		const struct slot *x = &sl->v[i];

		if (x->id)
			rc = store_exec(s, e,
					"UPDATE event_slots SET ref = ?2, start = ?3, start_utc = ?4,"
					" minutes = ?5 WHERE id = ?1",
					"ittii", x->id, x->ref, x->start, x->epoch, x->minutes);
		else
			rc = store_exec(s, e,
					"INSERT INTO event_slots(event_id, ref, start, start_utc, minutes)"
					" VALUES (?1, ?2, ?3, ?4, ?5)",
					"ittii", event, x->ref, x->start, x->epoch, x->minutes);
	}
	return rc;
}

static int tables_write(struct store *s, int64_t event, int64_t tables, struct err *e)
{
	int rc = store_exec(s, e, "DELETE FROM event_tables WHERE event_id = ?1 AND number > ?2",
			    "ii", event, tables);

	if (rc == 0)
		rc = store_exec(s, e,
				"WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n"
				" WHERE x < ?2) INSERT INTO event_tables(event_id, number)"
				" SELECT ?1, x FROM n WHERE x <= ?2 ON CONFLICT DO NOTHING",
				"ii", event, tables);
	return rc;
}

static int event_after_write(struct store *s, int64_t id, const json_t *body, const json_t *old,
			     struct err *e)
{
	const json_t *slots = json_object_get(body, "slots");
	struct slots sl;
	int rc;

	rc = tables_write(s, id, json_integer_value(json_object_get(body, "tables")), e);
	if (rc || !slots)
		return rc;
	rc = slots_load(s, old ? id : 0, slots, &sl, e);
	if (rc == 0)
		rc = slots_write(s, id, &sl, e);
	slots_release(&sl);
	return rc;
}

static int event_read_extra(struct store *s, int64_t id, json_t *obj, struct err *e)
{
	struct db_stmt *st;
	json_t *arr = json_array();
	int rc;

	rc = store_prep(s,
			"SELECT id, ref, start, minutes FROM event_slots WHERE event_id = ?1"
			" ORDER BY start_utc, id",
			&st, e);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	db_bind_int64(st, 1, id);
	while ((rc = store_step(s, st, e)) == 1) {
		json_t *slot = json_object();
		const char *ref = db_col_text(st, 1);

		json_object_set_new(slot, "id", json_integer(db_col_int64(st, 0)));
		if (ref)
			json_object_set_new(slot, "ref", json_string(ref));
		json_object_set_new(slot, "start",
				    json_string(db_col_text(st, 2)));
		json_object_set_new(slot, "minutes", json_integer(db_col_int64(st, 3)));
		json_array_append_new(arr, slot);
	}
	store_reset(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	json_object_set_new(obj, "slots", arr);
	return 0;
}

static int event_before_delete(struct store *s, int64_t id, struct err *e)
{
	int64_t requests = 0, agreements = 0;
	int rc;

	rc = store_int(s, e, &requests, "SELECT count(*) FROM meeting_requests WHERE event_id = ?1",
		       "i", id);
	if (rc >= 0)
		rc = store_int(s, e, &agreements,
			       "SELECT count(*) FROM agreements WHERE event_id = ?1", "i", id);
	if (rc < 0)
		return rc;
	if (requests || agreements)
		return err_set(e, ERR_CONFLICT, "id",
			       "event %" PRId64 " cannot be deleted: %" PRId64
			       " meeting requests and %" PRId64 " agreements refer to it",
			       id, requests, agreements);
	return 0;
}

const struct store_hooks store_event_hooks = {
	.validate = event_validate,
	.after_write = event_after_write,
	.read_extra = event_read_extra,
	.before_delete = event_before_delete,
};
