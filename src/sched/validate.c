/*
 * validate.c - the independent validator: every hard constraint of a
 * schedule, checked from the input alone (see validate.h). Double bookings
 * are found by sorting (person, slot) and (slot, table) pairs; local times
 * come from ICU directly, one calendar per time zone.
 */
#include "sched/validate.h"

#include "core/time.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct zone {
	const char *name;
	struct time_zone *cal;
};

struct vctx {
	const struct sched_input *in;
	struct sched_violation *out;
	size_t n, room;
	struct zone *zones;
	size_t nzones;
	int32_t *place; /* per meeting: entry index, -1 */
	bool *listed;
};

struct pair {
	int64_t key;
	int32_t meeting;
};

static void add(struct vctx *v, int kind, int32_t m, int32_t other, int32_t person, int32_t slot,
		int64_t value)
{
	struct sched_violation *x;

	if (v->n == v->room) {
		v->room = v->room ? v->room * 2 : 16;
		v->out = xreallocarray(v->out, v->room, sizeof(*v->out));
	}
	x = &v->out[v->n++];
	x->kind = kind;
	x->meeting = m;
	x->other = other;
	x->person = person;
	x->slot = slot;
	x->value = value;
}

static struct time_zone *zone_cal(struct vctx *v, const char *tz)
{
	for (size_t i = 0; i < v->nzones; i++)
		if (strcmp(v->zones[i].name, tz) == 0)
			return v->zones[i].cal;
	if (strlen(tz) >= 64)
		return NULL;
	v->zones = xreallocarray(v->zones, v->nzones + 1, sizeof(*v->zones));
	v->zones[v->nzones].name = tz;
	v->zones[v->nzones].cal = time_zone_open(tz);
	return v->zones[v->nzones++].cal;
}

/* Minutes since the local midnight of the start's date (may pass 1440). */
static int64_t local_minutes(struct time_zone *cal, int64_t unix_s, int32_t *ymd)
{
	struct time_civil c;
	int32_t date;
	int64_t mins;

	if (time_zone_local(cal, unix_s, &c) != 0)
		return -100000;
	mins = c.hour * 60 + c.minute;
	date = c.year * 10000 + c.month * 100 + c.day;
	if (*ymd && date != *ymd)
		mins += 1440; /* slots are at most a day long */
	*ymd = date;
	return mins;
}

/* Is [start, end] of slot s inside person p's online hours? */
static bool inside_hours(struct vctx *v, int32_t p, int32_t s)
{
	const struct sched_person *ps = &v->in->people[p];
	const struct sched_slot *sl = &v->in->slots[s];
	struct time_zone *cal;
	int32_t ymd = 0;
	int64_t a, b, open = ps->online_open, close = ps->online_close;

	if (open == SCHED_NO_HOURS)
		return true;
	cal = zone_cal(v, ps->time_zone ? ps->time_zone : v->in->time_zone);
	if (!cal)
		return false;
	a = local_minutes(cal, sl->start, &ymd);
	b = local_minutes(cal, sl->start + (int64_t)sl->minutes * 60, &ymd);
	if (a < 0 || b < a)
		return false;
	if (close < open)
		close += 1440; /* the window runs past midnight */
	if (a >= open && b <= close)
		return true;
	/* a wrapping window also covers [00:00, close] of the start's day */
	return ps->online_close < open && b <= ps->online_close;
}

static bool available(const struct sched_person *p, int32_t s)
{
	if (p->all_available)
		return true;
	for (size_t i = 0; i < p->n_available; i++)
		if (p->available[i] == s)
			return true;
	return false;
}

static bool all_onsite(const struct sched_input *in, const struct sched_meeting *m)
{
	for (size_t k = 0; k < m->n_participants; k++)
		if (in->people[m->participants[k]].attendance != SCHED_ONSITE)
			return false;
	return true;
}

/* Checks meeting m held in slot s, table t (0 = unknown when !strict). */
static size_t check_place(struct vctx *v, int32_t m, int32_t s, int32_t t, bool online,
			  bool strict)
{
	const struct sched_input *in = v->in;
	const struct sched_meeting *mt = &in->meetings[m];
	bool all = all_onsite(in, mt);
	size_t before = v->n;

	if ((mt->mode == SCHED_MODE_ONSITE && online) || (mt->mode == SCHED_MODE_ONLINE && !online) ||
	    (mt->mode == SCHED_MODE_ANY && all == online))
		add(v, SCHED_V_MODE, m, -1, -1, s, online);
	if (!online && t == 0 && strict)
		add(v, SCHED_V_NO_TABLE, m, -1, -1, s, 0);
	if (!online && (t < 0 || t > in->tables))
		add(v, SCHED_V_TABLE_RANGE, m, -1, -1, s, t);
	if (online && t != 0)
		add(v, SCHED_V_TABLE_ONLINE, m, -1, -1, s, t);
	for (size_t k = 0; k < mt->n_participants; k++) {
		int32_t p = mt->participants[k];

		if (!online && in->people[p].attendance != SCHED_ONSITE)
			add(v, SCHED_V_ONSITE_ONLINE_PERSON, m, -1, p, s, 0);
		if (!available(&in->people[p], s))
			add(v, SCHED_V_UNAVAILABLE, m, -1, p, s, 0);
		if (online && !inside_hours(v, p, s))
			add(v, SCHED_V_HOURS, m, -1, p, s, 0);
		if (!strict && in->people[p].max_meetings == 0)
			add(v, SCHED_V_CAP, m, -1, p, -1, 1);
	}
	return v->n - before;
}

static int pair_cmp(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->meeting < y->meeting ? -1 : x->meeting > y->meeting;
}

/* Sorted pairs with equal keys are clashes; returns how many. */
static size_t clashes(struct vctx *v, struct pair *pairs, size_t n, int kind, int64_t mod,
		      bool report)
{
	size_t found = 0;

	qsort(pairs, n, sizeof(*pairs), pair_cmp);
	for (size_t i = 1; i < n; i++) {
		if (pairs[i].key != pairs[i - 1].key)
			continue;
		found++;
		if (!report)
			continue;
		if (kind == SCHED_V_PERSON_TWICE)
			add(v, kind, pairs[i].meeting, pairs[i - 1].meeting,
			    (int32_t)(pairs[i].key / mod), (int32_t)(pairs[i].key % mod), 0);
		else
			add(v, kind, pairs[i].meeting, pairs[i - 1].meeting, -1,
			    (int32_t)(pairs[i].key / mod), pairs[i].key % mod);
	}
	return found;
}

static void read_entries(struct vctx *v, const struct sched_schedule *s)
{
	const struct sched_input *in = v->in;

	for (size_t i = 0; i < s->n_entries; i++) {
		const struct sched_entry *e = &s->entries[i];

		if (e->meeting < 0 || (size_t)e->meeting >= in->n_meetings) {
			add(v, SCHED_V_BAD_MEETING, -1, -1, -1, -1, (int64_t)i);
		} else if (e->slot < 0 || (size_t)e->slot >= in->n_slots) {
			add(v, SCHED_V_BAD_SLOT, e->meeting, -1, -1, -1, (int64_t)i);
			v->listed[e->meeting] = true;
		} else if (v->listed[e->meeting]) {
			add(v, SCHED_V_TWICE, e->meeting, -1, -1, e->slot, (int64_t)i);
		} else {
			v->listed[e->meeting] = true;
			v->place[e->meeting] = (int32_t)i;
		}
	}
	for (size_t i = 0; i < s->n_unscheduled; i++) {
		int32_t m = s->unscheduled[i];

		if (m < 0 || (size_t)m >= in->n_meetings)
			add(v, SCHED_V_BAD_MEETING, -1, -1, -1, -1, (int64_t)(s->n_entries + i));
		else if (v->listed[m])
			add(v, SCHED_V_TWICE, m, -1, -1, -1, (int64_t)(s->n_entries + i));
		else
			v->listed[m] = true;
	}
	for (size_t m = 0; m < in->n_meetings; m++)
		if (!v->listed[m])
			add(v, SCHED_V_MISSING, (int32_t)m, -1, -1, -1, 0);
}

/* People twice in a slot, tables twice in a slot, caps. */
static void check_clashes(struct vctx *v, const struct sched_schedule *s)
{
	const struct sched_input *in = v->in;
	int64_t ns = (int64_t)in->n_slots + 1, nt = (int64_t)in->tables + 1;
	struct pair *pp = xmalloc((s->n_entries * SCHED_MAX_PARTICIPANTS + 1) * sizeof(*pp));
	struct pair *tp = xmalloc((s->n_entries + 1) * sizeof(*tp));
	int32_t *count = xcalloc(in->n_people + 1, sizeof(int32_t));
	size_t np = 0, ntp = 0;

	for (size_t m = 0; m < in->n_meetings; m++) {
		const struct sched_meeting *mt = &in->meetings[m];
		const struct sched_entry *e;

		if (v->place[m] < 0)
			continue;
		e = &s->entries[v->place[m]];
		for (size_t k = 0; k < mt->n_participants; k++) {
			pp[np].key = (int64_t)mt->participants[k] * ns + e->slot;
			pp[np++].meeting = (int32_t)m;
			count[mt->participants[k]]++;
		}
		if (!e->online && e->table > 0 && e->table <= in->tables) {
			tp[ntp].key = (int64_t)e->slot * nt + e->table;
			tp[ntp++].meeting = (int32_t)m;
		}
	}
	clashes(v, pp, np, SCHED_V_PERSON_TWICE, ns, true);
	clashes(v, tp, ntp, SCHED_V_TABLE_TWICE, nt, true);
	for (size_t p = 0; p < in->n_people; p++)
		if (in->people[p].max_meetings != SCHED_NO_CAP &&
		    count[p] > in->people[p].max_meetings)
			add(v, SCHED_V_CAP, -1, -1, (int32_t)p, -1, count[p]);
	free(count);
	free(tp);
	free(pp);
}

/* Does locked meeting m clash with other locks (people, tables, caps)? */
static bool lock_clashes(const struct vctx *v, int32_t m, const int32_t *locks, bool online)
{
	const struct sched_input *in = v->in;
	const struct sched_meeting *mt = &in->meetings[m];
	int32_t onsite = 0;

	for (size_t k = 0; k < mt->n_participants; k++) {
		const struct sched_person *ps = &in->people[mt->participants[k]];

		if (ps->max_meetings != SCHED_NO_CAP && locks[mt->participants[k]] > ps->max_meetings)
			return true;
	}
	for (size_t o = 0; o < in->n_meetings; o++) {
		const struct sched_meeting *ot = &in->meetings[o];

		if ((int32_t)o == m || ot->locked_slot != mt->locked_slot)
			continue;
		onsite += !ot->locked_online && (ot->locked_table > 0 || ot->mode == SCHED_MODE_ONSITE ||
						 (ot->mode == SCHED_MODE_ANY && all_onsite(in, ot)));
		if (mt->locked_table > 0 && ot->locked_table == mt->locked_table)
			return true;
		for (size_t k = 0; k < mt->n_participants; k++)
			for (size_t j = 0; j < ot->n_participants; j++)
				if (ot->participants[j] == mt->participants[k])
					return true;
	}
	return !online && onsite >= in->tables;
}

static void check_locks(struct vctx *v, const struct sched_schedule *s)
{
	const struct sched_input *in = v->in;
	int32_t *locks = xcalloc(in->n_people + 1, sizeof(int32_t));

	for (size_t m = 0; m < in->n_meetings; m++)
		for (size_t k = 0; in->meetings[m].locked_slot >= 0 &&
				   k < in->meetings[m].n_participants; k++)
			locks[in->meetings[m].participants[k]]++;
	for (size_t m = 0; m < in->n_meetings; m++) {
		const struct sched_meeting *mt = &in->meetings[m];
		bool online = mt->locked_online ||
			      (mt->locked_table == 0 && (mt->mode == SCHED_MODE_ONLINE ||
							 (mt->mode == SCHED_MODE_ANY && !all_onsite(in, mt))));
		size_t mark = v->n, found;

		if (mt->locked_slot < 0 || !v->listed[m])
			continue;
		if (v->place[m] >= 0) {
			const struct sched_entry *e = &s->entries[v->place[m]];

			if (e->slot != mt->locked_slot || (mt->locked_online && !e->online) ||
			    (mt->locked_table > 0 && (e->online || e->table != mt->locked_table)))
				add(v, SCHED_V_LOCK_MOVED, (int32_t)m, -1, -1, mt->locked_slot,
				    mt->locked_table);
			continue;
		}
		/* unscheduled: fine only if the lock is wrong on its own or clashes */
		found = check_place(v, (int32_t)m, mt->locked_slot, mt->locked_table, online, false);
		v->n = mark;
		if (found == 0 && !lock_clashes(v, (int32_t)m, locks, online))
			add(v, SCHED_V_LOCK_DROPPED, (int32_t)m, -1, -1, mt->locked_slot, 0);
	}
	free(locks);
}

int sched_validate(const struct sched_input *in, const struct sched_schedule *s,
		   struct sched_violation **out, size_t *n_out)
{
	struct vctx v;

	memset(&v, 0, sizeof(v));
	v.in = in;
	v.place = xmalloc((in->n_meetings + 1) * sizeof(int32_t));
	v.listed = xcalloc(in->n_meetings + 1, sizeof(bool));
	for (size_t m = 0; m < in->n_meetings; m++)
		v.place[m] = -1;
	read_entries(&v, s);
	for (size_t m = 0; m < in->n_meetings; m++) {
		const struct sched_entry *e;

		if (v.place[m] < 0)
			continue;
		e = &s->entries[v.place[m]];
		check_place(&v, (int32_t)m, e->slot, e->table, e->online, true);
	}
	check_clashes(&v, s);
	check_locks(&v, s);
	for (size_t i = 0; i < v.nzones; i++)
		time_zone_free(v.zones[i].cal);
	free(v.zones);
	free(v.listed);
	free(v.place);
	*out = v.out;
	*n_out = v.n;
	return 0;
}

static const char *id_or(const char *id)
{
	return id ? id : "?";
}

int sched_violation_text(const struct sched_input *in, const struct sched_violation *v,
			 struct buf *b)
{
	const char *m = v->meeting >= 0 ? id_or(in->meetings[v->meeting].id) : "?";
	const char *o = v->other >= 0 ? id_or(in->meetings[v->other].id) : "?";
	const char *p = v->person >= 0 ? id_or(in->people[v->person].id) : "?";
	const char *s = v->slot >= 0 ? id_or(in->slots[v->slot].id) : "?";
	long long x = (long long)v->value;

	switch (v->kind) {
	case SCHED_V_BAD_MEETING:
		return buf_printf(b, "entry %lld: no such meeting", x);
	case SCHED_V_BAD_SLOT:
		return buf_printf(b, "meeting %s: no such slot", m);
	case SCHED_V_TWICE:
		return buf_printf(b, "meeting %s: listed more than once", m);
	case SCHED_V_MISSING:
		return buf_printf(b, "meeting %s: neither scheduled nor unscheduled", m);
	case SCHED_V_PERSON_TWICE:
		return buf_printf(b, "slot %s: %s is in meetings %s and %s", s, p, o, m);
	case SCHED_V_TABLE_TWICE:
		return buf_printf(b, "slot %s: table %lld holds meetings %s and %s", s, x, o, m);
	case SCHED_V_TABLE_RANGE:
		return buf_printf(b, "meeting %s: table %lld is not one of 1..%d", m, x, in->tables);
	case SCHED_V_NO_TABLE:
		return buf_printf(b, "meeting %s: on site in slot %s without a table", m, s);
	case SCHED_V_TABLE_ONLINE:
		return buf_printf(b, "meeting %s: online but given table %lld", m, x);
	case SCHED_V_ONSITE_ONLINE_PERSON:
		return buf_printf(b, "meeting %s: on site, but %s attends online", m, p);
	case SCHED_V_MODE:
		return buf_printf(b, "meeting %s: held %s against its mode", m,
				  x ? "online" : "on site");
	case SCHED_V_UNAVAILABLE:
		return buf_printf(b, "meeting %s: %s is not available in slot %s", m, p, s);
	case SCHED_V_HOURS:
		return buf_printf(b, "meeting %s: slot %s is outside the online hours of %s", m, s, p);
	case SCHED_V_CAP:
		return buf_printf(b, "%s: %lld meetings, more than max_meetings", p, x);
	case SCHED_V_LOCK_MOVED:
		return buf_printf(b, "meeting %s: locked in slot %s but placed elsewhere", m, s);
	case SCHED_V_LOCK_DROPPED:
		return buf_printf(b, "meeting %s: locked in slot %s but left unscheduled", m, s);
	default:
		return buf_printf(b, "unknown violation %d", v->kind);
	}
}

int sched_validate_result(const struct sched_input *in, const struct sched_result *r,
			  struct sched_violation **out, size_t *n_out)
{
	struct sched_entry *e = xcalloc(r->n_places + 1, sizeof(*e));
	int32_t *u = xcalloc(r->n_places + 1, sizeof(*u));
	struct sched_schedule s = {e, 0, u, 0};
	int rc;

	for (size_t m = 0; m < r->n_places; m++) {
		if (r->places[m].slot < 0) {
			u[s.n_unscheduled++] = (int32_t)m;
			continue;
		}
		e[s.n_entries].meeting = (int32_t)m;
		e[s.n_entries].slot = r->places[m].slot;
		e[s.n_entries].table = r->places[m].table;
		e[s.n_entries++].online = r->places[m].online;
	}
	rc = sched_validate(in, &s, out, n_out);
	free(u);
	free(e);
	return rc;
}
