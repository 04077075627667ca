/*
 * model.c - turns a checked sched_input into the solver's model: slots in
 * time order, days, availability and online-hours bitsets, the resolved
 * mode and feasible slots of every meeting, and the meetings that cannot
 * be held at all (with the reason) or are locked.
 */
#include "sched/sched_internal.h"

#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

int32_t sched_popcount(const uint64_t *b, int32_t nw)
{
	int32_t n = 0;

	for (int32_t w = 0; w < nw; w++)
		n += sched_pop64(b[w]);
	return n;
}

int32_t sched_next_bit(const uint64_t *b, int32_t nw, int32_t i)
{
	int32_t w = i >> 6;
	uint64_t x;

	if (w >= nw)
		return -1;
	x = b[w] & (~(uint64_t)0 << (i & 63));
	while (!x) {
		if (++w >= nw)
			return -1;
		x = b[w];
	}
	return w * 64 + __builtin_ctzll(x);
}

struct rank_key {
	int64_t start;
	int32_t index;
};

static int rank_key_cmp(const void *a, const void *b)
{
	const struct rank_key *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int build_slots(struct sched_model *md, struct err *e)
{
	struct rank_key *keys = xmalloc(((size_t)md->nt + 1) * sizeof(*keys));
	struct sched_local *loc = xmalloc(((size_t)md->nt + 1) * sizeof(*loc));
	int rc;

	for (int32_t i = 0; i < md->nt; i++) {
		keys[i].start = md->in->slots[i].start;
		keys[i].index = i;
	}
	qsort(keys, (size_t)md->nt, sizeof(*keys), rank_key_cmp);
	for (int32_t r = 0; r < md->nt; r++) {
		md->order[r] = keys[r].index;
		md->rank[keys[r].index] = r;
	}
	free(keys);
	rc = sched_tz_locals(md->in->time_zone, md, loc);
	if (rc) {
		free(loc);
		return err_set(e, rc, "event.time_zone", "unknown time zone");
	}
	md->nd = 0;
	for (int32_t r = 0; r < md->nt; r++) {
		if (r == 0 || loc[r].date != loc[r - 1].date)
			md->day_first[md->nd++] = r;
		md->day[r] = md->nd - 1;
	}
	md->day_first[md->nd] = md->nt;
	free(loc);
	return 0;
}

/* Online-hours bitsets, computing local times once per distinct zone. */
static int build_hours(struct sched_model *md, struct err *e)
{
	const struct sched_input *in = md->in;
	const char **zones = xcalloc((size_t)md->np + 1, sizeof(*zones));
	struct sched_local **locs = xcalloc((size_t)md->np + 1, sizeof(*locs));
	size_t nz = 0;
	int rc = 0;

	for (int32_t p = 0; p < md->np && rc == 0; p++) {
		const struct sched_person *ps = &in->people[p];
		const char *tz = ps->time_zone ? ps->time_zone : in->time_zone;
		uint64_t *h = md->p_hours + (size_t)p * md->nw;
		size_t z = 0;

		if (ps->online_open == SCHED_NO_HOURS) {
			for (int32_t r = 0; r < md->nt; r++)
				sched_bit_set(h, r);
			continue;
		}
		while (z < nz && strcmp(zones[z], tz) != 0)
			z++;
		if (z == nz) {
			zones[nz] = tz;
			locs[nz] = xmalloc(((size_t)md->nt + 1) * sizeof(**locs));
			rc = sched_tz_locals(tz, md, locs[nz++]);
			if (rc)
				rc = err_set(e, rc, "participants", "unknown time zone \"%s\"", tz);
		}
		for (int32_t r = 0; r < md->nt && rc == 0; r++)
			if (sched_hours_contain(ps->online_open, ps->online_close, &locs[z][r]))
				sched_bit_set(h, r);
	}
	for (size_t z = 0; z < nz; z++)
		free(locs[z]);
	free(locs);
	free(zones);
	return rc;
}

static void build_people(struct sched_model *md)
{
	const struct sched_input *in = md->in;
	int32_t *fill;

	for (int32_t p = 0; p < md->np; p++) {
		const struct sched_person *ps = &in->people[p];
		uint64_t *a = md->p_avail + (size_t)p * md->nw;

		for (int32_t r = 0; ps->all_available && r < md->nt; r++)
			sched_bit_set(a, r);
		for (size_t k = 0; !ps->all_available && k < ps->n_available; k++)
			sched_bit_set(a, md->rank[ps->available[k]]);
		md->p_cap[p] = ps->max_meetings == SCHED_NO_CAP ? INT32_MAX : ps->max_meetings;
	}
	md->m_poff[0] = 0;
	for (int32_t m = 0; m < md->nm; m++) {
		const struct sched_meeting *ms = &in->meetings[m];

		md->m_poff[m + 1] = md->m_poff[m] + (int32_t)ms->n_participants;
		for (size_t k = 0; k < ms->n_participants; k++)
			md->p_moff[ms->participants[k] + 1]++;
	}
	md->m_plist = xmalloc(((size_t)md->m_poff[md->nm] + 1) * sizeof(int32_t));
	md->p_mlist = xmalloc(((size_t)md->m_poff[md->nm] + 1) * sizeof(int32_t));
	for (int32_t p = 0; p < md->np; p++)
		md->p_moff[p + 1] += md->p_moff[p];
	fill = xcalloc((size_t)md->np + 1, sizeof(*fill));
	for (int32_t m = 0; m < md->nm; m++) {
		const struct sched_meeting *ms = &in->meetings[m];

		for (size_t k = 0; k < ms->n_participants; k++) {
			int32_t p = ms->participants[k];

			md->m_plist[md->m_poff[m] + (int32_t)k] = p;
			md->p_mlist[md->p_moff[p] + fill[p]++] = m;
		}
	}
	free(fill);
}

static void set_reason(struct sched_reason *r, int kind, int32_t person, int32_t slot,
		       int32_t count)
{
	r->kind = kind;
	r->person = person;
	r->slot = slot;
	r->other = -1;
	r->count = count;
}

/* Mode, tables and caps: reasons that hold whatever the slot. */
static int meeting_static_reason(const struct sched_model *md, int32_t m, struct sched_reason *r)
{
	const struct sched_input *in = md->in;

	for (int32_t k = md->m_poff[m]; k < md->m_poff[m + 1]; k++) {
		int32_t p = md->m_plist[k];

		if (md->m_onsite[m] && in->people[p].attendance == SCHED_ONLINE) {
			set_reason(r, SCHED_R_MODE, p, -1, 0);
			return r->kind;
		}
		if (md->p_cap[p] == 0) {
			set_reason(r, SCHED_R_CAP_ZERO, p, -1, 0);
			return r->kind;
		}
	}
	if (md->m_onsite[m] && md->tables == 0) {
		set_reason(r, SCHED_R_NO_TABLES, -1, -1, 0);
		return r->kind;
	}
	set_reason(r, SCHED_R_NONE, -1, -1, 0);
	return SCHED_R_NONE;
}

/* Feasible slots of m; fills r when there are none. */
static void meeting_feasible(struct sched_model *md, int32_t m, struct sched_reason *r)
{
	uint64_t *f = md->m_feas + (size_t)m * md->nw;
	int32_t worst = -1, worst_n = INT32_MAX, common;

	set_reason(r, SCHED_R_NONE, -1, -1, 0);
	for (int32_t w = 0; w < md->nw; w++)
		f[w] = ~(uint64_t)0;
	for (int32_t k = md->m_poff[m]; k < md->m_poff[m + 1]; k++) {
		const uint64_t *a = md->p_avail + (size_t)md->m_plist[k] * md->nw;

		for (int32_t w = 0; w < md->nw; w++)
			f[w] &= a[w];
	}
	for (int32_t r0 = md->nt; r0 < md->nw * 64; r0++)
		sched_bit_clear(f, r0);
	common = sched_popcount(f, md->nw);
	if (common == 0) {
		set_reason(r, SCHED_R_NO_COMMON_SLOT, -1, -1, 0);
		return;
	}
	for (int32_t k = md->m_poff[m]; !md->m_onsite[m] && k < md->m_poff[m + 1]; k++) {
		const uint64_t *h = md->p_hours + (size_t)md->m_plist[k] * md->nw;
		int32_t n = 0;

		for (int32_t w = 0; w < md->nw; w++)
			n += sched_pop64(h[w] & f[w]);
		if (n < worst_n) {
			worst_n = n;
			worst = md->m_plist[k];
		}
	}
	for (int32_t k = md->m_poff[m]; !md->m_onsite[m] && k < md->m_poff[m + 1]; k++) {
		const uint64_t *h = md->p_hours + (size_t)md->m_plist[k] * md->nw;

		for (int32_t w = 0; w < md->nw; w++)
			f[w] &= h[w];
	}
	md->m_nfeas[m] = sched_popcount(f, md->nw);
	if (md->m_nfeas[m] == 0)
		set_reason(r, SCHED_R_ONLINE_HOURS, worst, -1, common);
}

int sched_model_place_check(const struct sched_model *md, int32_t m, int32_t s, int32_t table,
			    bool online, struct sched_reason *r)
{
	if (meeting_static_reason(md, m, r))
		return r->kind;
	if (online != !md->m_onsite[m]) {
		set_reason(r, SCHED_R_LOCK_MODE, -1, s, md->m_onsite[m]);
		return r->kind;
	}
	if (!online && (table < 0 || table > md->tables)) {
		set_reason(r, SCHED_R_LOCK_TABLE, -1, s, table);
		return r->kind;
	}
	for (int32_t k = md->m_poff[m]; k < md->m_poff[m + 1]; k++) {
		int32_t p = md->m_plist[k];

		if (!sched_bit(md->p_avail + (size_t)p * md->nw, s)) {
			set_reason(r, SCHED_R_LOCK_UNAVAILABLE, p, s, 0);
			return r->kind;
		}
		if (online && !sched_bit(md->p_hours + (size_t)p * md->nw, s)) {
			set_reason(r, SCHED_R_LOCK_HOURS, p, s, 0);
			return r->kind;
		}
	}
	return SCHED_R_NONE;
}

static void build_meetings(struct sched_model *md)
{
	const struct sched_input *in = md->in;

	for (int32_t m = 0; m < md->nm; m++) {
		const struct sched_meeting *ms = &in->meetings[m];
		struct sched_reason *r = &md->m_why[m], fr;
		bool all_onsite = true;

		for (size_t k = 0; k < ms->n_participants; k++)
			if (in->people[ms->participants[k]].attendance != SCHED_ONSITE)
				all_onsite = false;
		md->m_w[m] = ms->weight;
		md->m_onsite[m] = ms->mode == SCHED_MODE_ONSITE ||
				  (ms->mode == SCHED_MODE_ANY && all_onsite);
		md->m_lock[m] = -1;
		md->prev_slot[m] = -1;
		meeting_feasible(md, m, &fr);
		if (meeting_static_reason(md, m, r) == SCHED_R_NONE)
			*r = fr;
		md->m_kind[m] = MK_FREE;
		if (ms->locked_slot >= 0) {
			int32_t s = md->rank[ms->locked_slot];
			bool online = ms->locked_online || (ms->locked_table == 0 && !md->m_onsite[m]);

			md->m_kind[m] = MK_LOCKED;
			md->m_lock[m] = s;
			md->m_lock_table[m] = online ? 0 : ms->locked_table;
			sched_model_place_check(md, m, s, md->m_lock_table[m], online, r);
		}
		if (r->kind != SCHED_R_NONE) {
			md->m_kind[m] = MK_OUT;
			md->m_lock[m] = -1;
		}
	}
}

int sched_model_build(struct sched_model *md, const struct sched_input *in, struct err *e)
{
	size_t np = in->n_people, nm = in->n_meetings, nt = in->n_slots;
	int rc;

	memset(md, 0, sizeof(*md));
	md->in = in;
	md->np = (int32_t)np;
	md->nm = (int32_t)nm;
	md->nt = (int32_t)nt;
	md->nw = (int32_t)((nt + 63) / 64) + (nt == 0);
	md->tables = in->tables;
	md->order = xcalloc(nt + 1, sizeof(int32_t));
	md->rank = xcalloc(nt + 1, sizeof(int32_t));
	md->day = xcalloc(nt + 1, sizeof(int32_t));
	md->day_first = xcalloc(nt + 2, sizeof(int32_t));
	md->p_avail = xcalloc(np * (size_t)md->nw + 1, sizeof(uint64_t));
	md->p_hours = xcalloc(np * (size_t)md->nw + 1, sizeof(uint64_t));
	md->p_cap = xcalloc(np + 1, sizeof(int32_t));
	md->p_moff = xcalloc(np + 2, sizeof(int32_t));
	md->m_poff = xcalloc(nm + 2, sizeof(int32_t));
	md->m_w = xcalloc(nm + 1, sizeof(int64_t));
	md->m_onsite = xcalloc(nm + 1, 1);
	md->m_kind = xcalloc(nm + 1, 1);
	md->m_feas = xcalloc(nm * (size_t)md->nw + 1, sizeof(uint64_t));
	md->m_nfeas = xcalloc(nm + 1, sizeof(int32_t));
	md->m_lock = xcalloc(nm + 1, sizeof(int32_t));
	md->m_lock_table = xcalloc(nm + 1, sizeof(int32_t));
	md->m_why = xcalloc(nm + 1, sizeof(struct sched_reason));
	md->prev_slot = xcalloc(nm + 1, sizeof(int32_t));
	rc = build_slots(md, e);
	if (rc == 0) {
		build_people(md);
		rc = build_hours(md, e);
	}
	if (rc == 0)
		build_meetings(md);
	if (rc)
		sched_model_release(md);
	return rc;
}

void sched_model_release(struct sched_model *md)
{
	free(md->order);
	free(md->rank);
	free(md->day);
	free(md->day_first);
	free(md->p_avail);
	free(md->p_hours);
	free(md->p_cap);
	free(md->p_moff);
	free(md->p_mlist);
	free(md->m_poff);
	free(md->m_plist);
	free(md->m_w);
	free(md->m_onsite);
	free(md->m_kind);
	free(md->m_feas);
	free(md->m_nfeas);
	free(md->m_lock);
	free(md->m_lock_table);
	free(md->m_why);
	free(md->prev_slot);
	memset(md, 0, sizeof(*md));
}
