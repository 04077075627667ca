/*
 * event.c - one event of the store as the scheduler's input: slots in time
 * order, participants with attendance, time zone, availability and online
 * hours, meetings with weights from their request's priority, locks, and
 * the places already stored (the previous schedule of incremental runs).
 */
#include "service/service_int.h"

#include "core/xalloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Maps decimal ids to indices: {"41": 0, ...}. */
static void map_set(json_t *map, int64_t id, int64_t index)
{
	char key[32];

	snprintf(key, sizeof(key), "%" PRId64, id);
	json_object_set_new(map, key, json_integer(index));
}

static int32_t map_get(const json_t *map, int64_t id)
{
	char key[32];
	const json_t *v;

	snprintf(key, sizeof(key), "%" PRId64, id);
	v = json_object_get(map, key);
	return v ? (int32_t)json_integer_value(v) : -1;
}

static int64_t int_of(const json_t *obj, const char *key)
{
	return json_integer_value(json_object_get(obj, key));
}

static char *id_text(const char *prefix, int64_t id)
{
	char s[48];

	snprintf(s, sizeof(s), "%s%" PRId64, prefix, id);
	return xstrdup(s);
}

static void build_slots(struct service_event *ev, json_t *slot_map)
{
	const json_t *slots = json_object_get(ev->data, "slots");
	size_t n = json_array_size(slots);

	ev->in.slots = xcalloc(n + 1, sizeof(*ev->in.slots));
	for (size_t i = 0; i < n; i++) {
		const json_t *s = json_array_get(slots, i);
		struct sched_slot *out = &ev->in.slots[ev->in.n_slots++];

		out->id = id_text("", int_of(s, "id"));
		out->start = int_of(s, "start_utc");
		out->minutes = (int32_t)int_of(s, "minutes");
		map_set(slot_map, int_of(s, "id"), (int64_t)i);
	}
}

/* "HH:MM" into minutes, -1 when malformed (the store checked it). */
static int32_t hhmm(const json_t *v)
{
	const char *s = json_string_value(v);

	if (!s || strlen(s) != 5 || s[2] != ':')
		return -1;
	return (int32_t)((s[0] - '0') * 600 + (s[1] - '0') * 60 + (s[3] - '0') * 10 + (s[4] - '0'));
}

static void build_hours(const json_t *reg, struct sched_person *p)
{
	const json_t *h = json_object_get(reg, "online_hours");

	p->online_open = p->online_close = SCHED_NO_HOURS;
	if (json_array_size(h) == 2) {
		p->online_open = hhmm(json_array_get(h, 0));
		p->online_close = hhmm(json_array_get(h, 1));
		if (p->online_open < 0 || p->online_close < 0)
			p->online_open = p->online_close = SCHED_NO_HOURS;
	} else if (p->attendance == SCHED_ONLINE) {
		p->online_open = SERVICE_DEFAULT_OPEN;
		p->online_close = SERVICE_DEFAULT_CLOSE;
	}
}

static void build_person(const json_t *reg, const json_t *slot_map, struct sched_person *p)
{
	const json_t *av = json_object_get(reg, "available_slots");
	const char *tz = json_string_value(json_object_get(reg, "time_zone"));
	const char *att = json_string_value(json_object_get(reg, "attendance"));

	p->id = id_text("person ", int_of(reg, "person_id"));
	p->attendance = att && strcmp(att, "online") == 0 ? SCHED_ONLINE : SCHED_ONSITE;
	p->time_zone = xstrdup(tz ? tz : "UTC");
	p->max_meetings = SCHED_NO_CAP;
	p->all_available = av == NULL;
	p->available = xcalloc(json_array_size(av) + 1, sizeof(int32_t));
	for (size_t k = 0; k < json_array_size(av); k++) {
		int32_t s = map_get(slot_map, json_integer_value(json_array_get(av, k)));

		if (s >= 0)
			p->available[p->n_available++] = s;
	}
	build_hours(reg, p);
}

/* people: index by person id; rejected registrations are marked -2. */
static void build_people(struct service_event *ev, const json_t *slot_map, json_t *people)
{
	const json_t *regs = json_object_get(ev->data, "participants");
	size_t n = json_array_size(regs);

	ev->in.people = xcalloc(n + 1, sizeof(*ev->in.people));
	for (size_t i = 0; i < n; i++) {
		const json_t *reg = json_array_get(regs, i);
		const char *v = json_string_value(json_object_get(reg, "validation"));

		if (v && strcmp(v, "rejected") == 0) {
			map_set(people, int_of(reg, "person_id"), -2);
			continue;
		}
		map_set(people, int_of(reg, "person_id"), (int64_t)ev->in.n_people);
		build_person(reg, slot_map, &ev->in.people[ev->in.n_people++]);
	}
}

static void leave_out(struct service_event *ev, int64_t meeting, const char *why, int64_t person)
{
	char reason[160];

	snprintf(reason, sizeof(reason), why, person);
	json_array_append_new(ev->left_out, json_pack("{s:I, s:s}", "meeting", (json_int_t)meeting,
						      "reason", reason));
}

/* The participants of m as person indices; 0, or -1 when m is left out. */
static int meeting_people(struct service_event *ev, const json_t *m, const json_t *people,
			  struct sched_meeting *out)
{
	const json_t *ps = json_object_get(m, "participants");
	size_t n = json_array_size(ps);

	if (n < 2 || n > SCHED_MAX_PARTICIPANTS) {
		leave_out(ev, int_of(m, "id"), "the meeting has %" PRId64 " participants",
			  (int64_t)n);
		return -1;
	}
	out->participants = xcalloc(n + 1, sizeof(int32_t));
	for (size_t k = 0; k < n; k++) {
		int64_t pid = json_integer_value(json_array_get(ps, k));
		int32_t p = map_get(people, pid);

		if (p < 0) {
			leave_out(ev, int_of(m, "id"),
				  p == -2 ? "the registration of person %" PRId64 " is rejected"
					  : "person %" PRId64 " is not registered for the event",
				  pid);
			return -1;
		}
		out->participants[out->n_participants++] = p;
	}
	return 0;
}

static void build_lock(const json_t *m, const json_t *slot_map, struct sched_meeting *out)
{
	out->locked_slot = -1;
	if (!json_is_true(json_object_get(m, "locked")))
		return;
	out->locked_slot = map_get(slot_map, int_of(m, "slot_id"));
	out->locked_online = json_is_true(json_object_get(m, "online"));
	out->locked_table = out->locked_online ? 0 : (int32_t)int_of(m, "table");
}

static void add_current(struct service_event *ev, const json_t *m, const json_t *slot_map,
			int32_t k)
{
	int32_t s = map_get(slot_map, int_of(m, "slot_id"));
	struct sched_entry *c;

	if (s < 0)
		return;
	ev->current_at[k] = (int32_t)ev->n_current;
	c = &ev->current[ev->n_current++];
	c->meeting = k;
	c->slot = s;
	c->online = json_is_true(json_object_get(m, "online"));
	c->table = c->online ? 0 : (int32_t)int_of(m, "table");
}

static void build_meetings(struct service_event *ev, const json_t *slot_map, const json_t *people)
{
	const json_t *ms = json_object_get(ev->data, "meetings");
	size_t n = json_array_size(ms);

	ev->in.meetings = xcalloc(n + 1, sizeof(*ev->in.meetings));
	ev->row = xcalloc(n + 1, sizeof(size_t));
	ev->meeting_of_row = xcalloc(n + 1, sizeof(int32_t));
	ev->current = xcalloc(n + 1, sizeof(*ev->current));
	ev->current_at = xcalloc(n + 1, sizeof(int32_t));
	for (size_t i = 0; i < n; i++) {
		const json_t *m = json_array_get(ms, i);
		struct sched_meeting *out = &ev->in.meetings[ev->in.n_meetings];
		int64_t priority = int_of(m, "priority");

		ev->meeting_of_row[i] = -1;
		ev->current_at[ev->in.n_meetings] = -1;
		if (meeting_people(ev, m, people, out)) {
			free(out->participants);
			memset(out, 0, sizeof(*out));
			continue;
		}
		out->id = id_text("", int_of(m, "id"));
		out->weight = priority >= 1 && priority <= 3 ? 4 - priority : 2;
		out->mode = SCHED_MODE_ANY;
		build_lock(m, slot_map, out);
		ev->row[ev->in.n_meetings] = i;
		ev->meeting_of_row[i] = (int32_t)ev->in.n_meetings;
		if (json_object_get(m, "slot_id"))
			add_current(ev, m, slot_map, (int32_t)ev->in.n_meetings);
		ev->in.n_meetings++;
	}
}

/* The start and end of every slot in the event's time zone ("" if unknown). */
static void slot_times(struct service_event *ev)
{
	size_t n = ev->in.n_slots;
	int64_t *t = xcalloc(2 * n + 1, sizeof(int64_t));

	ev->times = xcalloc(2 * n + 1, sizeof(*ev->times));
	for (size_t i = 0; i < n; i++) {
		t[2 * i] = ev->in.slots[i].start;
		t[2 * i + 1] = ev->in.slots[i].start + (int64_t)ev->in.slots[i].minutes * 60;
	}
	if (service_times_format(ev->in.time_zone, t, 2 * n, ev->times))
		memset(ev->times, 0, (2 * n + 1) * sizeof(*ev->times));
	free(t);
}

int service_event_build(const json_t *data, struct service_event *ev, struct err *e)
{
	const json_t *event = json_object_get(data, "event");
	json_t *slot_map = json_object(), *people = json_object();
	const char *tz = json_string_value(json_object_get(event, "time_zone"));
	struct err why;
	int rc;

	memset(ev, 0, sizeof(*ev));
	sched_input_init(&ev->in);
	ev->data = json_incref((json_t *)data);
	ev->left_out = json_array();
	ev->in.time_zone = xstrdup(tz ? tz : "UTC");
	ev->in.tables = (int32_t)int_of(event, "tables");
	build_slots(ev, slot_map);
	build_people(ev, slot_map, people);
	build_meetings(ev, slot_map, people);
	json_decref(slot_map);
	json_decref(people);
	slot_times(ev);
	err_clear(&why);
	rc = sched_input_check(&ev->in, &why);
	if (rc)
		return err_set(e, ERR_INTERNAL, why.field,
			       "the stored event is not a valid scheduler input: %s", why.msg);
	return 0;
}

int service_event_load(struct store *s, int64_t event, struct service_event *ev, struct err *e)
{
	json_t *data = NULL;
	int rc = store_schedule_load(s, event, &data, e);

	memset(ev, 0, sizeof(*ev));
	sched_input_init(&ev->in);
	if (rc)
		return rc;
	rc = service_event_build(data, ev, e);
	json_decref(data);
	return rc;
}

void service_event_release(struct service_event *ev)
{
	sched_input_release(&ev->in);
	json_decref(ev->data);
	json_decref(ev->left_out);
	free(ev->row);
	free(ev->meeting_of_row);
	free(ev->current);
	free(ev->current_at);
	free(ev->times);
	memset(ev, 0, sizeof(*ev));
	sched_input_init(&ev->in);
}
