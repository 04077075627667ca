/*
 * sched_json.c - the `liaison schedule` batch format <-> sched structs:
 * reading and checking an input document record by record, writing the
 * output document, reading a schedule back (for --check and --previous).
 */
#include "cli/sched_json.h"

#include "core/jsonx.h"
#include "core/time.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- times ---- */

static int digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int sched_json_parse_time(const char *s, int64_t *out)
{
	return time_parse(s, out) == 0 ? 0 : -1;
}

/* "HH:MM" (00:00 to 24:00) into minutes; -1 when malformed. */
static int32_t parse_hhmm(const char *s)
{
	int h, m;

	if (!s || strlen(s) != 5 || digits(s, 2, &h) || s[2] != ':' || digits(s + 3, 2, &m))
		return -1;
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return -1;
	return h * 60 + m;
}

/* ---- reading the input ---- */

struct reader {
	struct sched_input *in;
	json_t *slot_ids;    /* id -> index */
	json_t *person_ids;
	json_t *meeting_ids;
	struct err *e;
	char field[128];
};

static const char *fld(struct reader *r, const char *fmt, size_t i, const char *rest)
{
	snprintf(r->field, sizeof(r->field), fmt, i, rest);
	return r->field;
}

static int bad(struct reader *r, const char *msg, const char *arg)
{
	if (arg)
		return err_set(r->e, ERR_INVALID, r->field, msg, arg);
	return err_set(r->e, ERR_INVALID, r->field, "%s", msg);
}

/* A required non-empty string member, unique among ids when ids != NULL. */
static int read_id(struct reader *r, const json_t *obj, json_t *ids, size_t index, char **out)
{
	const json_t *v = json_object_get(obj, "id");
	const char *s = json_string_value(v);

	if (!v)
		return bad(r, "is required", NULL);
	if (!s || !*s)
		return bad(r, "must be a non-empty string", NULL);
	if (jsonx_utf8_chars(s) > 300)
		return bad(r, "must be at most 300 characters", NULL);
	if (json_object_get(ids, s))
		return bad(r, "duplicate id \"%s\"", s);
	json_object_set_new(ids, s, json_integer((json_int_t)index));
	*out = xstrdup(s);
	return 0;
}

static int read_int(struct reader *r, const json_t *v, int64_t lo, int64_t hi, int64_t *out)
{
	char msg[96];

	if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi) {
		snprintf(msg, sizeof(msg), "must be an integer from %lld to %lld", (long long)lo,
			 (long long)hi);
		return bad(r, msg, NULL);
	}
	*out = json_integer_value(v);
	return 0;
}

static int read_event(struct reader *r, const json_t *ev)
{
	const json_t *tz = json_object_get(ev, "time_zone"), *tables = json_object_get(ev, "tables");
	int64_t n = 0;

	snprintf(r->field, sizeof(r->field), "event");
	if (!json_is_object(ev))
		return bad(r, ev ? "must be an object" : "is required", NULL);
	snprintf(r->field, sizeof(r->field), "event.time_zone");
	if (!json_is_string(tz))
		return bad(r, tz ? "must be a string" : "is required", NULL);
	if (!time_zone_known(json_string_value(tz)))
		return bad(r, "unknown time zone \"%s\"", json_string_value(tz));
	r->in->time_zone = xstrdup(json_string_value(tz));
	snprintf(r->field, sizeof(r->field), "event.tables");
	if (tables && read_int(r, tables, 0, 1000000, &n))
		return ERR_INVALID;
	r->in->tables = (int32_t)n;
	return 0;
}

static int read_slot(struct reader *r, const json_t *v, size_t i)
{
	struct sched_slot *s = &r->in->slots[i];
	const json_t *start = json_object_get(v, "start"), *minutes = json_object_get(v, "minutes");
	int64_t n = 0;

	fld(r, "event.slots[%zu]%s", i, "");
	if (!json_is_object(v))
		return bad(r, "must be an object", NULL);
	fld(r, "event.slots[%zu]%s", i, ".id");
	if (read_id(r, v, r->slot_ids, i, &s->id))
		return ERR_INVALID;
	fld(r, "event.slots[%zu]%s", i, ".start");
	if (!json_is_string(start))
		return bad(r, start ? "must be an RFC 3339 time" : "is required", NULL);
	if (sched_json_parse_time(json_string_value(start), &s->start))
		return bad(r, "\"%s\" is not an RFC 3339 time with an offset",
			   json_string_value(start));
	fld(r, "event.slots[%zu]%s", i, ".minutes");
	if (!minutes)
		return bad(r, "is required", NULL);
	if (read_int(r, minutes, 1, 1440, &n))
		return ERR_INVALID;
	s->minutes = (int32_t)n;
	return 0;
}

static int read_slots(struct reader *r, const json_t *ev)
{
	const json_t *slots = json_object_get(ev, "slots");
	size_t n = json_array_size(slots);

	snprintf(r->field, sizeof(r->field), "event.slots");
	if (!json_is_array(slots))
		return bad(r, slots ? "must be an array" : "is required", NULL);
	if (n > SCHED_MAX_SLOTS)
		return err_set(r->e, ERR_INVALID, r->field, "more than %d slots", SCHED_MAX_SLOTS);
	r->in->slots = xcalloc(n + 1, sizeof(*r->in->slots));
	for (size_t i = 0; i < n; i++) {
		r->in->n_slots = i + 1;
		if (read_slot(r, json_array_get(slots, i), i))
			return ERR_INVALID;
	}
	return 0;
}

static int read_available(struct reader *r, const json_t *av, struct sched_person *p, size_t i)
{
	size_t n = json_array_size(av);

	fld(r, "participants[%zu]%s", i, ".available");
	if (!av) {
		p->all_available = true;
		return 0;
	}
	if (!json_is_array(av))
		return bad(r, "must be an array of slot ids", NULL);
	p->available = xcalloc(n + 1, sizeof(int32_t));
	for (size_t k = 0; k < n; k++) {
		const char *id = json_string_value(json_array_get(av, k));
		const json_t *idx = id ? json_object_get(r->slot_ids, id) : NULL;

		snprintf(r->field, sizeof(r->field), "participants[%zu].available[%zu]", i, k);
		if (!id)
			return bad(r, "must be a slot id", NULL);
		if (!idx)
			return bad(r, "unknown slot \"%s\"", id);
		p->available[p->n_available++] = (int32_t)json_integer_value(idx);
	}
	return 0;
}

static int read_hours(struct reader *r, const json_t *h, struct sched_person *p, size_t i)
{
	fld(r, "participants[%zu]%s", i, ".online_hours");
	p->online_open = p->online_close = SCHED_NO_HOURS;
	if (!h)
		return 0;
	if (!json_is_array(h) || json_array_size(h) != 2)
		return bad(r, "must be two times [\"HH:MM\", \"HH:MM\"]", NULL);
	p->online_open = parse_hhmm(json_string_value(json_array_get(h, 0)));
	p->online_close = parse_hhmm(json_string_value(json_array_get(h, 1)));
	if (p->online_open < 0 || p->online_close < 0 || p->online_open == p->online_close)
		return bad(r, "must be two different times from \"00:00\" to \"24:00\"", NULL);
	return 0;
}

static int read_person(struct reader *r, const json_t *v, size_t i)
{
	struct sched_person *p = &r->in->people[i];
	const char *att = jsonx_str(v, "attendance");
	const json_t *tz = json_object_get(v, "time_zone"), *cap = json_object_get(v, "max_meetings");
	int64_t n = 0;

	p->max_meetings = SCHED_NO_CAP;
	p->online_open = p->online_close = SCHED_NO_HOURS;
	fld(r, "participants[%zu]%s", i, "");
	if (!json_is_object(v))
		return bad(r, "must be an object", NULL);
	fld(r, "participants[%zu]%s", i, ".id");
	if (read_id(r, v, r->person_ids, i, &p->id))
		return ERR_INVALID;
	fld(r, "participants[%zu]%s", i, ".attendance");
	if (!json_object_get(v, "attendance"))
		return bad(r, "is required", NULL);
	if (!att || (strcmp(att, "onsite") != 0 && strcmp(att, "online") != 0))
		return bad(r, "must be \"onsite\" or \"online\"", NULL);
	p->attendance = strcmp(att, "online") == 0 ? SCHED_ONLINE : SCHED_ONSITE;
	fld(r, "participants[%zu]%s", i, ".time_zone");
	if (tz && !json_is_string(tz))
		return bad(r, "must be a string", NULL);
	if (tz && !time_zone_known(json_string_value(tz)))
		return bad(r, "unknown time zone \"%s\"", json_string_value(tz));
	if (tz)
		p->time_zone = xstrdup(json_string_value(tz));
	fld(r, "participants[%zu]%s", i, ".max_meetings");
	if (cap && read_int(r, cap, 0, 100000, &n))
		return ERR_INVALID;
	if (cap)
		p->max_meetings = (int32_t)n;
	if (read_available(r, json_object_get(v, "available"), p, i))
		return ERR_INVALID;
	return read_hours(r, json_object_get(v, "online_hours"), p, i);
}

static int read_people(struct reader *r, const json_t *doc)
{
	const json_t *people = json_object_get(doc, "participants");
	size_t n = json_array_size(people);

	snprintf(r->field, sizeof(r->field), "participants");
	if (!json_is_array(people))
		return bad(r, people ? "must be an array" : "is required", NULL);
	r->in->people = xcalloc(n + 1, sizeof(*r->in->people));
	for (size_t i = 0; i < n; i++) {
		r->in->n_people = i + 1;
		if (read_person(r, json_array_get(people, i), i))
			return ERR_INVALID;
	}
	return 0;
}

static int read_participants(struct reader *r, const json_t *ps, struct sched_meeting *m, size_t i)
{
	size_t n = json_array_size(ps);

	fld(r, "meetings[%zu]%s", i, ".participants");
	if (!ps)
		return bad(r, "is required", NULL);
	if (!json_is_array(ps) || n < 2 || n > SCHED_MAX_PARTICIPANTS)
		return err_set(r->e, ERR_INVALID, r->field, "must be an array of 2 to %d participant ids",
			       SCHED_MAX_PARTICIPANTS);
	m->participants = xcalloc(n + 1, sizeof(int32_t));
	for (size_t k = 0; k < n; k++) {
		const char *id = json_string_value(json_array_get(ps, k));
		const json_t *idx = id ? json_object_get(r->person_ids, id) : NULL;

		snprintf(r->field, sizeof(r->field), "meetings[%zu].participants[%zu]", i, k);
		if (!id)
			return bad(r, "must be a participant id", NULL);
		if (!idx)
			return bad(r, "unknown participant \"%s\"", id);
		for (size_t j = 0; j < k; j++)
			if (m->participants[j] == (int32_t)json_integer_value(idx))
				return bad(r, "\"%s\" is listed twice", id);
		m->participants[m->n_participants++] = (int32_t)json_integer_value(idx);
	}
	return 0;
}

static int read_lock(struct reader *r, const json_t *lk, struct sched_meeting *m, size_t i)
{
	const char *slot = jsonx_str(lk, "slot");
	const json_t *table = json_object_get(lk, "table"), *online = json_object_get(lk, "online");
	const json_t *idx;
	int64_t t = 0;

	m->locked_slot = -1;
	if (!lk)
		return 0;
	fld(r, "meetings[%zu]%s", i, ".locked");
	if (!json_is_object(lk))
		return bad(r, "must be an object {\"slot\", \"table\"} or {\"slot\", \"online\"}", NULL);
	fld(r, "meetings[%zu]%s", i, ".locked.slot");
	if (!slot)
		return bad(r, json_object_get(lk, "slot") ? "must be a slot id" : "is required", NULL);
	idx = json_object_get(r->slot_ids, slot);
	if (!idx)
		return bad(r, "unknown slot \"%s\"", slot);
	m->locked_slot = (int32_t)json_integer_value(idx);
	fld(r, "meetings[%zu]%s", i, ".locked.online");
	if (online && !json_is_boolean(online))
		return bad(r, "must be true or false", NULL);
	m->locked_online = json_is_true(online);
	fld(r, "meetings[%zu]%s", i, ".locked.table");
	if (table && m->locked_online)
		return bad(r, "an online meeting has no table", NULL);
	if (table && read_int(r, table, 1, 1000000, &t))
		return ERR_INVALID;
	m->locked_table = (int32_t)t;
	return 0;
}

static int read_meeting(struct reader *r, const json_t *v, size_t i)
{
	struct sched_meeting *m = &r->in->meetings[i];
	const json_t *w = json_object_get(v, "weight"), *mode = json_object_get(v, "mode");
	const char *ms = json_string_value(mode);
	int64_t n = 1;

	m->locked_slot = -1;
	fld(r, "meetings[%zu]%s", i, "");
	if (!json_is_object(v))
		return bad(r, "must be an object", NULL);
	fld(r, "meetings[%zu]%s", i, ".id");
	if (read_id(r, v, r->meeting_ids, i, &m->id))
		return ERR_INVALID;
	if (read_participants(r, json_object_get(v, "participants"), m, i))
		return ERR_INVALID;
	fld(r, "meetings[%zu]%s", i, ".weight");
	if (w && read_int(r, w, 1, SCHED_MAX_WEIGHT, &n))
		return ERR_INVALID;
	m->weight = n;
	fld(r, "meetings[%zu]%s", i, ".mode");
	if (mode && (!ms || (strcmp(ms, "any") && strcmp(ms, "onsite") && strcmp(ms, "online"))))
		return bad(r, "must be \"onsite\", \"online\" or \"any\"", NULL);
	m->mode = !ms || !strcmp(ms, "any") ? SCHED_MODE_ANY
		  : !strcmp(ms, "onsite")   ? SCHED_MODE_ONSITE
					    : SCHED_MODE_ONLINE;
	return read_lock(r, json_object_get(v, "locked"), m, i);
}

static int read_meetings(struct reader *r, const json_t *doc)
{
	const json_t *ms = json_object_get(doc, "meetings");
	size_t n = json_array_size(ms);

	snprintf(r->field, sizeof(r->field), "meetings");
	if (!json_is_array(ms))
		return bad(r, ms ? "must be an array" : "is required", NULL);
	r->in->meetings = xcalloc(n + 1, sizeof(*r->in->meetings));
	for (size_t i = 0; i < n; i++) {
		r->in->n_meetings = i + 1;
		if (read_meeting(r, json_array_get(ms, i), i))
			return ERR_INVALID;
	}
	return 0;
}

int sched_json_read_input(const json_t *doc, struct sched_input *in, struct err *e)
{
	struct reader r;
	int rc;

	memset(&r, 0, sizeof(r));
	r.in = in;
	r.e = e;
	r.slot_ids = json_object();
	r.person_ids = json_object();
	r.meeting_ids = json_object();
	if (!json_is_object(doc))
		rc = err_set(e, ERR_INVALID, NULL, "the input must be a JSON object");
	else
		rc = read_event(&r, json_object_get(doc, "event"));
	if (rc == 0)
		rc = read_slots(&r, json_object_get(doc, "event"));
	if (rc == 0)
		rc = read_people(&r, doc);
	if (rc == 0)
		rc = read_meetings(&r, doc);
	if (rc == 0)
		rc = sched_input_check(in, e);
	json_decref(r.slot_ids);
	json_decref(r.person_ids);
	json_decref(r.meeting_ids);
	if (rc)
		sched_input_release(in);
	return rc;
}

/* ---- writing ---- */


struct order_item {
	int64_t start;
	int32_t online;
	int32_t table;
	int32_t m;
};

static int order_cmp(const void *a, const void *b)
{
	const struct order_item *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->online != y->online)
		return x->online - y->online;
	if (x->table != y->table)
		return x->table < y->table ? -1 : 1;
	return x->m < y->m ? -1 : x->m > y->m;
}

static json_t *write_scheduled(const struct sched_input *in, const struct sched_result *r)
{
	struct order_item *items = xcalloc(r->n_places + 1, sizeof(*items));
	json_t *arr = json_array();
	size_t n = 0;

	for (size_t m = 0; m < r->n_places; m++) {
		const struct sched_place *p = &r->places[m];

		if (p->slot < 0)
			continue;
		items[n].start = in->slots[p->slot].start;
		items[n].online = p->online;
		items[n].table = p->table;
		items[n++].m = (int32_t)m;
	}
	qsort(items, n, sizeof(*items), order_cmp);
	for (size_t i = 0; i < n; i++) {
		const struct sched_place *p = &r->places[items[i].m];
		json_t *o = json_object();

		json_object_set_new(o, "meeting", json_string(in->meetings[items[i].m].id));
		json_object_set_new(o, "slot", json_string(in->slots[p->slot].id));
		if (p->online)
			json_object_set_new(o, "online", json_true());
		else
			json_object_set_new(o, "table", json_integer(p->table));
		json_array_append_new(arr, o);
	}
	free(items);
	return arr;
}

static json_t *write_unscheduled(const struct sched_input *in, const struct sched_result *r)
{
	json_t *arr = json_array();
	struct buf b;

	buf_init(&b, 4096);
	for (size_t m = 0; m < r->n_places; m++) {
		json_t *o;

		if (r->places[m].slot >= 0)
			continue;
		buf_reset(&b);
		sched_reason_text(in, &r->places[m].why, &b);
		o = json_object();
		json_object_set_new(o, "meeting", json_string(in->meetings[m].id));
		json_object_set_new(o, "reason", json_string(b.data ? b.data : ""));
		json_array_append_new(arr, o);
	}
	buf_release(&b);
	return arr;
}

static json_t *write_warnings(const struct sched_input *in, const struct sched_result *r)
{
	json_t *arr = json_array();
	struct buf b;
	char record[160];

	buf_init(&b, 4096);
	for (size_t i = 0; i < r->n_warnings; i++) {
		json_t *o = json_object();

		buf_reset(&b);
		record[0] = '\0';
		sched_warning_text(in, &r->warnings[i], &b, record, sizeof(record));
		json_object_set_new(o, "record", json_string(record));
		json_object_set_new(o, "message", json_string(b.data ? b.data : ""));
		json_array_append_new(arr, o);
	}
	buf_release(&b);
	return arr;
}

static json_t *write_stats(const struct sched_stats *s)
{
	json_t *o = json_object();

	json_object_set_new(o, "meetings", json_integer((json_int_t)s->meetings));
	json_object_set_new(o, "scheduled", json_integer((json_int_t)s->scheduled));
	json_object_set_new(o, "weight", json_integer(s->weight));
	json_object_set_new(o, "idle_gaps", json_integer((json_int_t)s->idle_gaps));
	json_object_set_new(o, "upper_bound", json_integer(s->upper_bound));
	json_object_set_new(o, "total_weight", json_integer(s->total_weight));
	json_object_set_new(o, "onsite", json_integer((json_int_t)s->onsite));
	json_object_set_new(o, "online", json_integer((json_int_t)s->online));
	json_object_set_new(o, "unmet_people", json_integer((json_int_t)s->unmet_people));
	json_object_set_new(o, "table_changes", json_integer((json_int_t)s->table_changes));
	if (s->kept || s->moved) {
		json_object_set_new(o, "kept", json_integer((json_int_t)s->kept));
		json_object_set_new(o, "moved", json_integer((json_int_t)s->moved));
	}
	if (s->exact)
		json_object_set_new(o, "exact", json_pack("{s:b, s:f}", "optimal", s->exact_optimal,
							  "gap", s->exact_gap));
	return o;
}

json_t *sched_json_write_result(const struct sched_input *in, const struct sched_result *r)
{
	json_t *doc = json_object();

	json_object_set_new(doc, "scheduled", write_scheduled(in, r));
	json_object_set_new(doc, "unscheduled", write_unscheduled(in, r));
	json_object_set_new(doc, "warnings", write_warnings(in, r));
	json_object_set_new(doc, "stats", write_stats(&r->stats));
	return doc;
}

/* RFC 3339 local time with the zone's offset at that instant; NULL when ICU fails. */
static json_t *format_time(struct time_zone *z, int64_t t)
{
	struct time_civil c;
	char s[TIME_RFC3339_LEN];

	if (time_zone_local(z, t, &c) != 0)
		return NULL;
	time_format(&c, false, s, sizeof(s));
	return json_string(s);
}

static json_t *write_event(const struct sched_input *in)
{
	struct time_zone *z = time_zone_open(in->time_zone);
	json_t *ev = json_object(), *slots = json_array(), *start;

	json_object_set_new(ev, "time_zone", json_string(in->time_zone));
	json_object_set_new(ev, "tables", json_integer(in->tables));
	for (size_t i = 0; z && i < in->n_slots; i++) {
		start = format_time(z, in->slots[i].start);
		if (!start)
			break;
		json_array_append_new(slots, json_pack("{s:s, s:o, s:i}", "id", in->slots[i].id,
						       "start", start, "minutes",
						       (int)in->slots[i].minutes));
	}
	time_zone_free(z);
	json_object_set_new(ev, "slots", slots);
	return ev;
}

static json_t *write_person(const struct sched_input *in, const struct sched_person *p)
{
	json_t *o = json_pack("{s:s, s:s}", "id", p->id, "attendance",
			      p->attendance == SCHED_ONLINE ? "online" : "onsite");
	char h[2][8];

	if (p->time_zone)
		json_object_set_new(o, "time_zone", json_string(p->time_zone));
	if (!p->all_available) {
		json_t *av = json_array();

		for (size_t k = 0; k < p->n_available; k++)
			json_array_append_new(av, json_string(in->slots[p->available[k]].id));
		json_object_set_new(o, "available", av);
	}
	if (p->max_meetings != SCHED_NO_CAP)
		json_object_set_new(o, "max_meetings", json_integer(p->max_meetings));
	if (p->online_open != SCHED_NO_HOURS) {
		snprintf(h[0], sizeof(h[0]), "%02d:%02d", p->online_open / 60, p->online_open % 60);
		snprintf(h[1], sizeof(h[1]), "%02d:%02d", p->online_close / 60, p->online_close % 60);
		json_object_set_new(o, "online_hours", json_pack("[s, s]", h[0], h[1]));
	}
	return o;
}

static json_t *write_meeting(const struct sched_input *in, const struct sched_meeting *m)
{
	static const char *const modes[] = {"any", "onsite", "online"};
	json_t *ps = json_array(), *o;

	for (size_t k = 0; k < m->n_participants; k++)
		json_array_append_new(ps, json_string(in->people[m->participants[k]].id));
	o = json_pack("{s:s, s:o, s:I, s:s}", "id", m->id, "participants", ps, "weight",
		      (json_int_t)m->weight, "mode", modes[m->mode]);
	if (m->locked_slot >= 0) {
		json_t *lk = json_pack("{s:s}", "slot", in->slots[m->locked_slot].id);

		if (m->locked_online)
			json_object_set_new(lk, "online", json_true());
		else if (m->locked_table > 0)
			json_object_set_new(lk, "table", json_integer(m->locked_table));
		json_object_set_new(o, "locked", lk);
	}
	return o;
}

json_t *sched_json_write_input(const struct sched_input *in)
{
	json_t *doc = json_object(), *people = json_array(), *meetings = json_array();

	json_object_set_new(doc, "event", write_event(in));
	for (size_t i = 0; i < in->n_people; i++)
		json_array_append_new(people, write_person(in, &in->people[i]));
	for (size_t i = 0; i < in->n_meetings; i++)
		json_array_append_new(meetings, write_meeting(in, &in->meetings[i]));
	json_object_set_new(doc, "participants", people);
	json_object_set_new(doc, "meetings", meetings);
	return doc;
}

/* ---- reading a schedule back ---- */

static json_t *id_map_meetings(const struct sched_input *in)
{
	json_t *map = json_object();

	for (size_t i = 0; i < in->n_meetings; i++)
		json_object_set_new(map, in->meetings[i].id, json_integer((json_int_t)i));
	return map;
}

static json_t *id_map_slots(const struct sched_input *in)
{
	json_t *map = json_object();

	for (size_t i = 0; i < in->n_slots; i++)
		json_object_set_new(map, in->slots[i].id, json_integer((json_int_t)i));
	return map;
}

static int problem(struct sched_json_schedule *out, bool strict, const char *field,
		   const char *msg, const char *arg)
{
	if (!strict)
		return 0;
	buf_printf(&out->problems, "%s: %s%s%s%s\n", field, msg, arg ? " \"" : "", arg ? arg : "",
		   arg ? "\"" : "");
	out->n_problems++;
	return 0;
}

static int32_t lookup(const json_t *map, const json_t *obj, const char *key)
{
	const char *id = jsonx_str(obj, key);
	const json_t *v = id ? json_object_get(map, id) : NULL;

	return v ? (int32_t)json_integer_value(v) : -1;
}

static int read_entry(const json_t *v, size_t i, const json_t *mmap, const json_t *smap,
		       bool strict, struct sched_json_schedule *out)
{
	struct sched_entry *e = &out->entries[out->n_entries];
	const json_t *table = json_object_get(v, "table"), *online = json_object_get(v, "online");
	char field[64];

	snprintf(field, sizeof(field), "scheduled[%zu]", i);
	if (!json_is_object(v))
		return problem(out, strict, field, "must be an object", NULL);
	e->meeting = lookup(mmap, v, "meeting");
	e->slot = lookup(smap, v, "slot");
	snprintf(field, sizeof(field), "scheduled[%zu].meeting", i);
	if (e->meeting < 0)
		return problem(out, strict, field, "unknown meeting", jsonx_str(v, "meeting"));
	snprintf(field, sizeof(field), "scheduled[%zu].slot", i);
	if (e->slot < 0 && !strict) { /* --previous: the meeting moves */
		buf_printf(&out->problems, "meeting \"%s\": slot \"%s\" no longer exists\n",
			   jsonx_str(v, "meeting"), jsonx_str(v, "slot") ? jsonx_str(v, "slot") : "");
		out->n_problems++;
		return 0;
	}
	if (e->slot < 0)
		return problem(out, strict, field, "unknown slot", jsonx_str(v, "slot"));
	snprintf(field, sizeof(field), "scheduled[%zu].online", i);
	if (online && !json_is_boolean(online))
		return problem(out, strict, field, "must be true or false", NULL);
	e->online = json_is_true(online);
	snprintf(field, sizeof(field), "scheduled[%zu].table", i);
	if (table && (!json_is_integer(table) || json_integer_value(table) < 0 ||
		      json_integer_value(table) > INT32_MAX))
		return problem(out, strict, field, "must be a table number", NULL);
	e->table = table ? (int32_t)json_integer_value(table) : 0;
	out->n_entries++;
	return 0;
}

int sched_json_read_schedule(const json_t *doc, const struct sched_input *in, bool strict,
			     struct sched_json_schedule *out, struct err *e)
{
	const json_t *sc = json_object_get(doc, "scheduled"), *un = json_object_get(doc, "unscheduled");
	json_t *mmap, *smap;
	char field[64];

	memset(out, 0, sizeof(*out));
	buf_init(&out->problems, (size_t)1 << 26);
	if (!json_is_object(doc) || !json_is_array(sc))
		return err_set(e, ERR_INVALID, "scheduled", "a schedule needs a \"scheduled\" array");
	if (un && !json_is_array(un))
		return err_set(e, ERR_INVALID, "unscheduled", "must be an array");
	mmap = id_map_meetings(in);
	smap = id_map_slots(in);
	out->entries = xcalloc(json_array_size(sc) + 1, sizeof(*out->entries));
	out->unscheduled = xcalloc(json_array_size(un) + 1, sizeof(int32_t));
	for (size_t i = 0; i < json_array_size(sc); i++)
		read_entry(json_array_get(sc, i), i, mmap, smap, strict, out);
	for (size_t i = 0; i < json_array_size(un); i++) {
		int32_t m = lookup(mmap, json_array_get(un, i), "meeting");

		snprintf(field, sizeof(field), "unscheduled[%zu].meeting", i);
		if (m < 0)
			problem(out, strict, field, "unknown meeting",
				jsonx_str(json_array_get(un, i), "meeting"));
		else
			out->unscheduled[out->n_unscheduled++] = m;
	}
	json_decref(mmap);
	json_decref(smap);
	return 0;
}

void sched_json_schedule_release(struct sched_json_schedule *s)
{
	free(s->entries);
	free(s->unscheduled);
	buf_release(&s->problems);
	memset(s, 0, sizeof(*s));
}
