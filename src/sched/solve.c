/*
 * solve.c - sched_solve: model, locks and previous places, construction,
 * search (or the exact MIP), tables, then reasons, warnings and stats.
 */
#include "sched/sched_internal.h"

#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct solve_ctx {
	const struct sched_input *in;
	const struct sched_options *opt;
	struct sched_model md;
	struct sched_state st;
	struct sched_result *out;
	uint8_t *from_prev; /* lock comes from the previous schedule */
	size_t warn_room;
};

static struct sched_warning *add_warning(struct solve_ctx *cx, int kind, int32_t index,
					 int64_t have, int64_t limit)
{
	struct sched_result *r = cx->out;
	struct sched_warning *w;

	if (r->n_warnings == cx->warn_room) {
		cx->warn_room = cx->warn_room ? cx->warn_room * 2 : 16;
		r->warnings = xreallocarray(r->warnings, cx->warn_room, sizeof(*r->warnings));
	}
	w = &r->warnings[r->n_warnings++];
	memset(w, 0, sizeof(*w));
	w->kind = kind;
	w->index = index;
	w->have = have;
	w->limit = limit;
	w->why.person = w->why.slot = w->why.other = -1;
	return w;
}

static int apply_previous(struct solve_ctx *cx, struct err *e)
{
	struct sched_model *md = &cx->md;

	for (size_t i = 0; i < cx->opt->n_previous; i++) {
		const struct sched_entry *pe = &cx->opt->previous[i];
		struct sched_reason r;
		int32_t m = pe->meeting, s;

		if (m < 0 || m >= md->nm || pe->slot < -1 || pe->slot >= md->nt)
			return err_set(e, ERR_INVALID, "previous", "entry %zu is out of range", i);
		if (pe->slot < 0 || md->m_kind[m] == MK_LOCKED)
			continue;
		s = md->rank[pe->slot];
		if (md->m_kind[m] == MK_OUT) {
			add_warning(cx, SCHED_W_PREVIOUS, m, 0, 0)->why = md->m_why[m];
			continue;
		}
		if (sched_model_place_check(md, m, s, pe->online ? 0 : pe->table, pe->online, &r)) {
			add_warning(cx, SCHED_W_PREVIOUS, m, 0, 0)->why = r;
			continue;
		}
		if (cx->opt->previous_free) {
			md->prev_slot[m] = s;
			continue;
		}
		md->m_kind[m] = MK_LOCKED;
		md->m_lock[m] = s;
		md->m_lock_table[m] = pe->online ? 0 : pe->table;
		cx->from_prev[m] = 1;
	}
	return 0;
}

/* A lock that cannot be honoured: out with reason, or free if only previous. */
static void reject_lock(struct solve_ctx *cx, int32_t m, int kind, int32_t other, int32_t person)
{
	struct sched_model *md = &cx->md;
	struct sched_reason r = {kind, person, md->m_lock[m], other, 0};

	if (kind == SCHED_R_LOCK_CLASH && other < 0)
		r.count = md->tables;
	if (cx->from_prev[m]) {
		md->m_kind[m] = MK_FREE;
		add_warning(cx, SCHED_W_PREVIOUS, m, 0, 0)->why = r;
	} else {
		md->m_kind[m] = MK_OUT;
		md->m_why[m] = r;
	}
	md->m_lock[m] = -1;
}

/* The locked meeting already at table t of rank s, or -1. */
static int32_t table_holder(const struct solve_ctx *cx, int32_t s, int32_t t)
{
	for (int32_t i = 0; t > 0 && i < cx->st.s_n[s]; i++)
		if (cx->st.table[cx->st.s_items[s][i]] == t)
			return cx->st.s_items[s][i];
	return -1;
}

static void place_one_lock(struct solve_ctx *cx, int32_t m)
{
	struct sched_model *md = &cx->md;
	struct sched_state *st = &cx->st;
	int32_t s = md->m_lock[m], holder;

	for (int32_t k = md->m_poff[m]; k < md->m_poff[m + 1]; k++) {
		int32_t p = md->m_plist[k], c = st->occ[(size_t)p * md->nt + s];

		if (c >= 0) {
			reject_lock(cx, m, SCHED_R_LOCK_CLASH, c, p);
			return;
		}
		if (st->count[p] >= md->p_cap[p]) {
			reject_lock(cx, m, SCHED_R_LOCK_CAP, -1, p);
			return;
		}
	}
	if (md->m_onsite[m]) {
		holder = table_holder(cx, s, md->m_lock_table[m]);
		if (holder >= 0 || st->s_n[s] >= st->s_cap[s]) {
			reject_lock(cx, m, SCHED_R_LOCK_CLASH, holder, -1);
			return;
		}
	}
	sched_state_assign(st, m, s);
	st->table[m] = md->m_lock_table[m];
}

/* Input locks first, then previous places; tables fixed before "any". */
static void place_locks(struct solve_ctx *cx)
{
	struct sched_model *md = &cx->md;

	for (int pass = 0; pass < 4; pass++)
		for (int32_t m = 0; m < md->nm; m++) {
			bool prev = cx->from_prev[m], fixed = md->m_lock_table[m] > 0;

			if (md->m_kind[m] != MK_LOCKED || (pass >> 1) != prev ||
			    (pass & 1) == fixed)
				continue;
			place_one_lock(cx, m);
		}
	cx->st.trail_len = 0;
}

/* Places whatever still fits directly (after moves freed room). */
static void fill(struct sched_state *st)
{
	const struct sched_model *md = st->md;
	int32_t *order = xmalloc(((size_t)md->nm + 1) * sizeof(int32_t));
	int32_t n = sched_order(md, order);

	for (int32_t i = 0; i < n; i++) {
		int32_t m = order[i];
		const uint64_t *f = md->m_feas + (size_t)m * md->nw;

		for (int32_t s = sched_next_bit(f, md->nw, 0); st->slot[m] < 0 && s >= 0;
		     s = sched_next_bit(f, md->nw, s + 1))
			if (sched_state_fits(st, m, s))
				sched_state_assign(st, m, s);
	}
	st->trail_len = 0;
	free(order);
}

/* Why free meeting m is still unscheduled. */
static struct sched_reason why_unscheduled(const struct sched_state *st, int32_t m)
{
	const struct sched_model *md = st->md;
	const uint64_t *f = md->m_feas + (size_t)m * md->nw;
	struct sched_reason r = {SCHED_R_CONFLICTS, -1, -1, -1, md->m_nfeas[m]};
	int32_t blocker = -2, tables_only = 1;

	for (int32_t k = md->m_poff[m]; k < md->m_poff[m + 1]; k++) {
		int32_t p = md->m_plist[k];

		if (st->count[p] >= md->p_cap[p]) {
			r.kind = SCHED_R_CAP;
			r.person = p;
			r.count = md->p_cap[p];
			return r;
		}
	}
	for (int32_t s = sched_next_bit(f, md->nw, 0); s >= 0; s = sched_next_bit(f, md->nw, s + 1)) {
		int32_t who = -1;

		for (int32_t k = md->m_poff[m]; k < md->m_poff[m + 1] && who < 0; k++)
			if (sched_bit(st->busy + (size_t)md->m_plist[k] * md->nw, s))
				who = md->m_plist[k];
		if (who >= 0)
			tables_only = 0;
		if (blocker == -2)
			blocker = who;
		else if (blocker != who)
			blocker = -1;
	}
	if (blocker >= 0) {
		r.kind = SCHED_R_PERSON_BUSY;
		r.person = blocker;
	} else if (tables_only && md->m_onsite[m]) {
		r.kind = SCHED_R_TABLES_FULL;
	}
	return r;
}

static void prechecks(struct solve_ctx *cx)
{
	const struct sched_model *md = &cx->md;
	int64_t onsite = 0;

	for (int32_t m = 0; m < md->nm; m++) {
		if (md->m_kind[m] == MK_OUT)
			add_warning(cx, SCHED_W_MEETING, m, 0, 0)->why = md->m_why[m];
		else
			onsite += md->m_onsite[m];
	}
	if (onsite > (int64_t)md->nt * md->tables)
		add_warning(cx, SCHED_W_TABLES, -1, onsite, (int64_t)md->nt * md->tables);
	for (int32_t p = 0; p < md->np; p++) {
		int64_t n = 0, online = 0;
		const uint64_t *a = md->p_avail + (size_t)p * md->nw;
		const uint64_t *h = md->p_hours + (size_t)p * md->nw;
		int32_t avail = sched_popcount(a, md->nw), inside = 0;

		for (int32_t i = md->p_moff[p]; i < md->p_moff[p + 1]; i++) {
			int32_t m = md->p_mlist[i];

			n += md->m_kind[m] != MK_OUT;
			online += !md->m_onsite[m];
		}
		for (int32_t w = 0; w < md->nw; w++)
			inside += sched_pop64(a[w] & h[w]);
		if (n > avail)
			add_warning(cx, SCHED_W_PERSON_SLOTS, p, n, avail);
		if (n > md->p_cap[p])
			add_warning(cx, SCHED_W_PERSON_CAP, p, n, md->p_cap[p]);
		if (online > 0 && inside == 0)
			add_warning(cx, SCHED_W_NO_WINDOW, p, online, 0);
	}
}

void sched_state_measure(const struct sched_state *st, struct sched_stats *sx)
{
	const struct sched_model *md = st->md;

	sx->meetings = (size_t)md->nm;
	sx->scheduled = sx->onsite = sx->online = 0;
	sx->total_weight = sx->weight = 0;
	sx->idle_gaps = sx->unmet_people = sx->table_changes = 0;
	for (int32_t m = 0; m < md->nm; m++) {
		sx->total_weight += md->m_w[m];
		if (st->slot[m] < 0)
			continue;
		sx->scheduled++;
		sx->weight += md->m_w[m];
		if (md->m_onsite[m])
			sx->onsite++;
		else
			sx->online++;
	}
	for (int32_t p = 0; p < md->np; p++) {
		const uint64_t *b = st->busy + (size_t)p * md->nw;
		int32_t last = 0;

		for (int32_t d = 0; d < md->nd; d++)
			sx->idle_gaps += (size_t)sched_state_gaps(st, p, d);
		if (st->count[p] == 0 && md->p_moff[p + 1] > md->p_moff[p])
			sx->unmet_people++;
		for (int32_t s = sched_next_bit(b, md->nw, 0); s >= 0; s = sched_next_bit(b, md->nw, s + 1)) {
			int32_t t = st->table[st->occ[(size_t)p * md->nt + s]];

			if (t > 0 && last > 0 && t != last)
				sx->table_changes++;
			if (t > 0)
				last = t;
		}
	}
}

void sched_measure(const struct sched_input *in, const struct sched_place *places,
		   struct sched_stats *sx)
{
	struct sched_model md;
	struct sched_state st;

	memset(sx, 0, sizeof(*sx));
	if (sched_model_build(&md, in, NULL))
		return;
	sched_state_init(&st, &md, 1);
	for (int32_t m = 0; m < md.nm; m++) {
		if (places[m].slot < 0 || places[m].slot >= md.nt)
			continue;
		sched_state_assign(&st, m, md.rank[places[m].slot]);
		st.table[m] = places[m].table;
	}
	sched_state_measure(&st, sx);
	sched_state_release(&st);
	sched_model_release(&md);
}

static void write_places(struct solve_ctx *cx)
{
	const struct sched_model *md = &cx->md;
	struct sched_result *r = cx->out;

	r->n_places = (size_t)md->nm;
	r->places = xcalloc((size_t)md->nm + 1, sizeof(*r->places));
	for (int32_t m = 0; m < md->nm; m++) {
		struct sched_place *pl = &r->places[m];
		int32_t s = cx->st.slot[m];

		pl->slot = s >= 0 ? md->order[s] : -1;
		pl->online = s >= 0 && !md->m_onsite[m];
		pl->table = s >= 0 && md->m_onsite[m] ? cx->st.table[m] : 0;
		pl->why.kind = SCHED_R_NONE;
		pl->why.person = pl->why.slot = pl->why.other = -1;
		if (s >= 0)
			continue;
		pl->why = md->m_kind[m] == MK_OUT ? md->m_why[m] : why_unscheduled(&cx->st, m);
		if (pl->why.slot >= 0)
			pl->why.slot = md->order[pl->why.slot];
	}
	for (size_t i = 0; i < r->n_warnings; i++)
		if (r->warnings[i].why.slot >= 0)
			r->warnings[i].why.slot = md->order[r->warnings[i].why.slot];
}

static void count_previous(struct solve_ctx *cx)
{
	struct sched_stats *sx = &cx->out->stats;

	for (size_t i = 0; i < cx->opt->n_previous; i++) {
		const struct sched_entry *pe = &cx->opt->previous[i];
		const struct sched_place *pl = &cx->out->places[pe->meeting];

		if (pe->slot < 0)
			continue;
		if (pl->slot == pe->slot && pl->online == pe->online &&
		    (pe->online || pl->table == pe->table))
			sx->kept++;
		else
			sx->moved++;
	}
}

/* People who cannot meet anybody: the least idle gaps + unmet people. */
static int64_t sec_floor(const struct sched_model *md)
{
	int64_t n = 0;

	for (int32_t p = 0; p < md->np; p++) {
		bool any = md->p_moff[p + 1] > md->p_moff[p], ok = false;

		for (int32_t i = md->p_moff[p]; i < md->p_moff[p + 1]; i++)
			ok |= md->m_kind[md->p_mlist[i]] != MK_OUT;
		n += any && !ok;
	}
	return n;
}

/* Ejection chains and ruin-and-recreate, in rounds while they gain, then
 * random ruin and recreate until the budget or a proven optimum. */
static void search(struct sched_state *st, uint64_t budget, int64_t bound)
{
	uint64_t spent = 0;

	for (int round = 0; round < 8 && spent < budget; round++) {
		int64_t w = st->weight, sec = st->sec;
		uint64_t part = (budget - spent) / (round == 0 ? 1 : 2);

		spent += sched_improve(st, part * 3 / 5);
		spent += sched_improve_people(st, part * 2 / 5);
		if (st->weight == w && st->sec == sec)
			break;
	}
	/* the weight first (gaps may grow on the way), then the gaps */
	if (spent < budget)
		spent += sched_lns(st, (budget - spent) * 2 / 3, bound, 0, true);
	if (spent < budget)
		sched_lns(st, budget - spent, bound, sec_floor(st->md), false);
}

/* The gap of the exact mode against the best bound proven (GLPK's or
 * ours): reaching our bound proves optimality too. */
static void exact_gap(struct sched_stats *sx, int64_t weight)
{
	if (weight >= sx->upper_bound)
		sx->exact_optimal = true;
	if (sx->exact_optimal || sx->upper_bound <= 0)
		sx->exact_gap = 0;
	else
		sx->exact_gap = (double)(sx->upper_bound - weight) / (double)sx->upper_bound;
}

/* The bound again, its steps aimed at the weight st reached. */
static int64_t final_bound(const struct sched_state *st, int64_t first)
{
	const struct sched_model *md = st->md;
	struct sched_state locks;
	int64_t b;

	sched_state_init(&locks, md, 1);
	for (int32_t m = 0; m < md->nm; m++)
		if (md->m_kind[m] == MK_LOCKED && st->slot[m] >= 0)
			sched_state_assign(&locks, m, st->slot[m]);
	locks.trail_len = 0;
	b = sched_upper_bound(&locks, 40, st->weight);
	sched_state_release(&locks);
	return b < first ? b : first;
}

static int run(struct solve_ctx *cx, struct err *e)
{
	struct sched_state *st = &cx->st;
	uint64_t effort = cx->opt->effort ? cx->opt->effort : 100;
	uint64_t nm = (uint64_t)cx->md.nm;
	int64_t bound;
	int rc = 0;

	cx->out->stats.upper_bound = sched_upper_bound(st, nm < 5000 ? 30 : 8, -1);
	sched_greedy(st);
	search(st, effort * (nm * 60 > 3000000 ? nm * 60 : 3000000) / 100,
	       cx->out->stats.upper_bound);
	if (cx->opt->exact) {
		rc = sched_exact(st, cx->opt->time_limit > 0 ? cx->opt->time_limit : 10,
				 &cx->out->stats.exact_optimal, &cx->out->stats.exact_gap, &bound, e);
		if (rc)
			return rc;
		cx->out->stats.exact = true;
		if (bound < cx->out->stats.upper_bound)
			cx->out->stats.upper_bound = bound;
	}
	fill(st);
	if (st->weight < cx->out->stats.upper_bound)
		cx->out->stats.upper_bound = final_bound(st, cx->out->stats.upper_bound);
	sched_kempe(st, effort * (nm * 4000 < 1000000 ? nm * 4000 : 1000000) / 100,
		    sec_floor(&cx->md));
	sched_compact(st, effort * (10 * nm + 500000) / 100);
	fill(st);
	sched_assign_tables(st);
	if (cx->opt->exact)
		exact_gap(&cx->out->stats, st->weight);
	return 0;
}

int sched_solve(const struct sched_input *in, const struct sched_options *opt,
		struct sched_result *out, struct err *e)
{
	struct solve_ctx cx;
	struct sched_options defaults;
	int rc;

	sched_result_release(out);
	if (!opt) {
		sched_options_init(&defaults);
		opt = &defaults;
	}
	memset(&cx, 0, sizeof(cx));
	cx.in = in;
	cx.opt = opt;
	cx.out = out;
	rc = sched_input_check(in, e);
	if (rc == 0)
		rc = sched_model_build(&cx.md, in, e);
	if (rc)
		return rc;
	cx.from_prev = xcalloc((size_t)cx.md.nm + 1, 1);
	rc = apply_previous(&cx, e);
	if (rc == 0) {
		sched_state_init(&cx.st, &cx.md, opt->seed);
		place_locks(&cx);
		prechecks(&cx);
		rc = run(&cx, e);
		if (rc == 0) {
			write_places(&cx);
			sched_state_measure(&cx.st, &out->stats);
			count_previous(&cx);
		}
		sched_state_release(&cx.st);
	}
	free(cx.from_prev);
	sched_model_release(&cx.md);
	if (rc)
		sched_result_release(out);
	return rc;
}
