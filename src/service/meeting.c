/*
 * meeting.c - PATCH /meetings/{id}: an organiser moves, unschedules or
 * locks one meeting. The new place is checked by the scheduler's
 * independent validator against the whole event, so that the answer names
 * the clash ("person 12 already meets in slot 5"); then store_update writes
 * it, with its own checks and the schema's constraints as the last guard,
 * all in one transaction.
 */
#include "service/service_int.h"

#include "core/xalloc.h"
#include "sched/validate.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct target {
	int64_t slot, table; /* 0 = none */
	bool online, locked;
};

struct patch_run {
	int64_t id;
	const json_t *patch;
	json_t *out;
};

static int read_target(const json_t *m, struct target *t)
{
	t->slot = json_integer_value(json_object_get(m, "slot_id"));
	t->table = json_integer_value(json_object_get(m, "table"));
	t->online = json_is_true(json_object_get(m, "online"));
	t->locked = json_is_true(json_object_get(m, "locked"));
	return 0;
}

static int check_types(const json_t *patch, struct err *e)
{
	static const char *const ints[] = {"slot_id", "table", NULL};
	static const char *const flags[] = {"online", "locked", NULL};

	if (!json_is_object(patch))
		return err_set(e, ERR_INVALID, "", "the body must be a JSON object");
	for (const char *const *k = ints; *k; k++) {
		const json_t *v = json_object_get(patch, *k);

		if (v && !json_is_null(v) && (!json_is_integer(v) || json_integer_value(v) < 1))
			return err_set(e, ERR_INVALID, *k, "must be a positive integer or null");
	}
	for (const char *const *k = flags; *k; k++) {
		const json_t *v = json_object_get(patch, *k);

		if (v && !json_is_boolean(v))
			return err_set(e, ERR_INVALID, *k, "must be true or false");
	}
	return 0;
}

/* The place the patch asks for, from the stored one (merge-patch rules). */
static int apply_patch(const json_t *patch, const struct target *was, struct target *t,
		       struct err *e)
{
	const json_t *slot = json_object_get(patch, "slot_id"), *table = json_object_get(patch, "table");
	const json_t *online = json_object_get(patch, "online"), *locked = json_object_get(patch, "locked");

	*t = *was;
	if (slot)
		t->slot = json_integer_value(slot);
	if (slot && t->slot && t->slot != was->slot && !table && !online)
		return err_set(e, ERR_INVALID, "slot_id",
			       "a new slot needs \"table\" or \"online\": true");
	if (table)
		t->table = json_integer_value(table);
	if (online)
		t->online = json_is_true(online);
	else if (table && t->table)
		t->online = false;
	if (t->online && table && t->table)
		return err_set(e, ERR_INVALID, "table", "an online meeting has no table");
	if (t->online)
		t->table = 0;
	if (t->slot && !t->online && !t->table)
		return err_set(e, ERR_INVALID, "table", "a meeting on site needs a table");
	if (!t->slot)
		t->table = 0;
	t->locked = locked ? json_is_true(locked) : was->locked && t->slot;
	if (t->locked && !t->slot)
		return err_set(e, ERR_INVALID, "locked", "only a scheduled meeting can be locked");
	return 0;
}

static bool same_place(const struct target *a, const struct target *b)
{
	return a->slot == b->slot && a->table == b->table && (!a->slot || a->online == b->online);
}

/* ---- the validator's findings as answers -------------------------------------- */

static int64_t person_id(const struct service_event *ev, int32_t p)
{
	const char *id = ev->in.people[p].id;

	return strtoll(id + strlen("person "), NULL, 10);
}

static int64_t meeting_of(const struct service_event *ev, int32_t k)
{
	return json_integer_value(json_object_get(service_meeting_row(ev, k), "id"));
}

static int hours_clash(const struct service_event *ev, const struct sched_violation *v,
		       struct err *e)
{
	const struct sched_person *p = &ev->in.people[v->person];
	const struct sched_slot *s = &ev->in.slots[v->slot];
	char a[40] = "", b[40] = "";

	if (service_time_format(p->time_zone, s->start, a, sizeof(a)) ||
	    service_time_format(p->time_zone, s->start + (int64_t)s->minutes * 60, b, sizeof(b)))
		return err_set(e, ERR_CONFLICT, "slot_id", "outside the online hours of person %" PRId64,
			       person_id(ev, v->person));
	return err_set(e, ERR_CONFLICT, "slot_id",
		       "online hours of person %" PRId64 " (%s) do not cover %.5s\u2013%.5s",
		       person_id(ev, v->person), p->time_zone, a + 11, b + 11);
}

static int clash_error(const struct service_event *ev, const struct sched_violation *v, int32_t k,
		       struct err *e)
{
	int32_t other = v->meeting == k ? v->other : v->meeting;
	int64_t slot = v->slot >= 0 ? service_slot_id(ev, v->slot) : 0;

	switch (v->kind) {
	case SCHED_V_PERSON_TWICE:
		return err_set(e, ERR_CONFLICT, "slot_id", "person %" PRId64 " already meets in slot %"
			       PRId64 " (meeting %" PRId64 ")", person_id(ev, v->person), slot,
			       meeting_of(ev, other));
	case SCHED_V_TABLE_TWICE:
		return err_set(e, ERR_CONFLICT, "table", "table %" PRId64 " is taken in slot %" PRId64
			       " (meeting %" PRId64 ")", v->value, slot, meeting_of(ev, other));
	case SCHED_V_ONSITE_ONLINE_PERSON:
		return err_set(e, ERR_CONFLICT, "table", "person %" PRId64 " attends online: the "
			       "meeting must be online", person_id(ev, v->person));
	case SCHED_V_MODE:
		return err_set(e, ERR_CONFLICT, "online", "every participant attends on site: the "
			       "meeting is held at a table");
	case SCHED_V_UNAVAILABLE:
		return err_set(e, ERR_CONFLICT, "slot_id", "person %" PRId64 " is not available in "
			       "slot %" PRId64, person_id(ev, v->person), slot);
	case SCHED_V_HOURS:
		return hours_clash(ev, v, e);
	default:
		return err_set(e, ERR_CONFLICT, "slot_id", "the move breaks a rule of the event "
			       "(violation %d)", v->kind);
	}
}

/* The first violation about meeting k, the ones about k alone first. */
static const struct sched_violation *first_about(const struct sched_violation *v, size_t n,
						 int32_t k)
{
	static const int order[] = {SCHED_V_ONSITE_ONLINE_PERSON, SCHED_V_MODE, SCHED_V_UNAVAILABLE,
				    SCHED_V_HOURS, SCHED_V_PERSON_TWICE, SCHED_V_TABLE_TWICE, 0};

	for (const int *kind = order; *kind; kind++)
		for (size_t i = 0; i < n; i++)
			if (v[i].kind == *kind && (v[i].meeting == k || v[i].other == k))
				return &v[i];
	for (size_t i = 0; i < n; i++)
		if (v[i].meeting == k || v[i].other == k)
			return &v[i];
	return NULL;
}

/* ---- checking a place against the event ---------------------------------------- */

static int32_t slot_index(const struct service_event *ev, int64_t slot)
{
	for (size_t i = 0; i < ev->in.n_slots; i++)
		if (service_slot_id(ev, (int32_t)i) == slot)
			return (int32_t)i;
	return -1;
}

static int32_t meeting_index(const struct service_event *ev, int64_t id, struct err *e)
{
	const json_t *rows = json_object_get(ev->data, "meetings");

	for (size_t i = 0; i < json_array_size(rows); i++) {
		if (json_integer_value(json_object_get(json_array_get(rows, i), "id")) != id)
			continue;
		if (ev->meeting_of_row[i] >= 0)
			return ev->meeting_of_row[i];
		for (size_t j = 0; j < json_array_size(ev->left_out); j++) {
			const json_t *o = json_array_get(ev->left_out, j);

			if (json_integer_value(json_object_get(o, "meeting")) == id)
				return err_set(e, ERR_CONFLICT, "slot_id", "%s",
					       json_string_value(json_object_get(o, "reason")));
		}
	}
	return err_set(e, ERR_NOT_FOUND, "id", "no meeting with id %" PRId64, id);
}

/* Runs the validator on the stored schedule with meeting k at entry. */
static int validate_move(struct service_event *ev, int32_t k, const struct sched_entry *entry,
			 struct err *e)
{
	struct sched_entry *entries = xcalloc(ev->n_current + 1, sizeof(*entries));
	int32_t *unscheduled = xcalloc(ev->in.n_meetings + 1, sizeof(int32_t));
	bool *placed = xcalloc(ev->in.n_meetings + 1, sizeof(bool));
	struct sched_schedule sc = {entries, 0, unscheduled, 0};
	struct sched_violation *v = NULL;
	const struct sched_violation *bad;
	size_t n = 0;
	int rc = 0;

	for (size_t i = 0; i < ev->n_current; i++)
		if (ev->current[i].meeting != k)
			entries[sc.n_entries++] = ev->current[i];
	entries[sc.n_entries++] = *entry;
	for (size_t i = 0; i < sc.n_entries; i++)
		placed[entries[i].meeting] = true;
	for (size_t m = 0; m < ev->in.n_meetings; m++)
		if (!placed[m])
			unscheduled[sc.n_unscheduled++] = (int32_t)m;
	ev->in.meetings[k].locked_slot = -1; /* its lock moves with it */
	sched_validate(&ev->in, &sc, &v, &n);
	bad = first_about(v, n, k);
	if (bad)
		rc = clash_error(ev, bad, k, e);
	free(v);
	free(placed);
	free(unscheduled);
	free(entries);
	return rc;
}

static int check_place(struct store *s, int64_t event, int64_t id, const struct target *t,
		       struct err *e)
{
	struct service_event ev;
	struct sched_entry entry;
	int32_t k;
	int rc = service_event_load(s, event, &ev, e);

	k = rc ? -1 : meeting_index(&ev, id, e);
	if (rc == 0 && k < 0)
		rc = k;
	entry.meeting = k;
	entry.slot = rc ? -1 : slot_index(&ev, t->slot);
	entry.table = (int32_t)t->table;
	entry.online = t->online;
	if (rc == 0 && entry.slot < 0)
		rc = err_set(e, ERR_INVALID, "slot_id", "slot %" PRId64 " is not a slot of event %"
			     PRId64, t->slot, event);
	if (rc == 0 && !t->online && t->table > ev.in.tables)
		rc = err_set(e, ERR_INVALID, "table", "event %" PRId64 " has %d tables (numbered 1 to "
			     "%d)", event, ev.in.tables, ev.in.tables);
	if (rc == 0)
		rc = validate_move(&ev, k, &entry, e);
	service_event_release(&ev);
	return rc;
}

/* ---- the patch ---------------------------------------------------------------- */

static json_t *full_patch(const json_t *patch, const struct target *t)
{
	json_t *p = json_copy((json_t *)patch);

	json_object_set_new(p, "slot_id", t->slot ? json_integer(t->slot) : json_null());
	json_object_set_new(p, "table", t->table ? json_integer(t->table) : json_null());
	if (t->slot || json_object_get(patch, "online"))
		json_object_set_new(p, "online", json_boolean(t->online));
	json_object_set_new(p, "locked", json_boolean(t->locked));
	return p;
}

static int patch_fn(struct store *s, void *ctx, struct err *e)
{
	struct patch_run *x = ctx;
	struct target was = {0, 0, false, false}, t = was;
	json_t *m = NULL, *full;
	int rc = store_get(s, STORE_MEETING, x->id, &m, e);

	if (rc == 0)
		rc = check_types(x->patch, e);
	if (rc == 0)
		rc = read_target(m, &was);
	if (rc == 0)
		rc = apply_patch(x->patch, &was, &t, e);
	if (rc == 0 && was.locked && !same_place(&was, &t) && !json_object_get(x->patch, "locked"))
		rc = err_set(e, ERR_CONFLICT, "locked", "meeting %" PRId64 " is locked: unlock it "
			     "first, or send \"locked\" with the move", x->id);
	if (rc == 0 && t.slot && !same_place(&was, &t))
		rc = check_place(s, json_integer_value(json_object_get(m, "event_id")), x->id, &t, e);
	json_decref(m);
	if (rc)
		return rc;
	full = full_patch(x->patch, &t);
	rc = store_update(s, STORE_MEETING, x->id, full, &x->out, e);
	json_decref(full);
	return rc;
}

int service_meeting_patch(struct service_conn *c, int64_t id, const json_t *patch, json_t **out,
			  struct err *e)
{
	struct store *s = c->store;
	struct patch_run x = {id, patch, NULL};
	int rc = store_atomic(s, patch_fn, &x, e);

	if (rc) {
		json_decref(x.out);
		x.out = NULL;
	}
	*out = x.out;
	return rc;
}
