/*
 * search.c - local search by ejection chains.
 *
 * A root move puts a meeting m into a slot; the meetings in the way (the
 * participants' meetings in that slot, an on-site meeting when every table
 * is taken, a meeting of a participant at their cap) are ejected and must
 * find a place in turn, recursively up to a depth. The search is a bounded
 * depth-first search over these choices that stops at the first state
 * better than the root's (more weight, or as much weight and fewer idle
 * gaps + people without meetings), and undoes everything otherwise. Moved
 * meetings are tabu for the rest of the chain, so chains cannot cycle.
 * Swaps of two meetings and Kempe-like moves are chains of length 2.
 */
#include "sched/sched_internal.h"

#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define MAX_PENDING 256
#define MAX_EJECT (SCHED_MAX_PARTICIPANTS * 2 + 1)
#define MAX_CHOICES 12
#define TABLE_SAMPLE 6

struct search {
	struct sched_state *st;
	int64_t base_w, base_sec;
	uint64_t nodes, node_cap;
	int32_t forbid_m, forbid_s;
	bool plateau;       /* accept a state as good as the root's */
	bool any_sec;       /* and one with its weight, whatever the gaps */
	int32_t pend[MAX_PENDING];
	int32_t npend;
	int64_t pend_w;
};

struct choice {
	int64_t cost;
	int32_t slot;
	int32_t n;
	int32_t ej[MAX_EJECT];
};

static bool movable(const struct search *sr, int32_t c)
{
	return sr->st->md->m_kind[c] == MK_FREE && !sr->st->tabu[c];
}

static bool in_set(const int32_t *a, int32_t n, int32_t x)
{
	for (int32_t i = 0; i < n; i++)
		if (a[i] == x)
			return true;
	return false;
}

/* The lightest movable on-site meeting of rank s not in ch (sampled). */
static int32_t table_victim(struct search *sr, int32_t s, const struct choice *ch)
{
	struct sched_state *st = sr->st;
	int32_t n = st->s_n[s], best = -1;
	int32_t start = n ? (int32_t)(sched_rand(st) % (uint64_t)n) : 0;

	for (int32_t i = 0; i < n && i < TABLE_SAMPLE * 4; i++) {
		int32_t c = st->s_items[s][(start + i) % n];

		if (!movable(sr, c) || in_set(ch->ej, ch->n, c))
			continue;
		if (best < 0 || st->md->m_w[c] < st->md->m_w[best])
			best = c;
		if (i >= TABLE_SAMPLE && best >= 0)
			break;
	}
	return best;
}

/* The lightest movable meeting of person p not in ch. */
static int32_t cap_victim(struct search *sr, int32_t p, const struct choice *ch)
{
	const struct sched_model *md = sr->st->md;
	const uint64_t *b = sr->st->busy + (size_t)p * md->nw;
	int32_t best = -1;

	for (int32_t s = sched_next_bit(b, md->nw, 0); s >= 0; s = sched_next_bit(b, md->nw, s + 1)) {
		int32_t c = sr->st->occ[(size_t)p * md->nt + s];

		if (!movable(sr, c) || in_set(ch->ej, ch->n, c))
			continue;
		if (best < 0 || md->m_w[c] < md->m_w[best])
			best = c;
	}
	return best;
}

/* What must leave rank s for m to go there; false when impossible. */
static bool ejections(struct search *sr, int32_t m, int32_t s, struct choice *ch)
{
	struct sched_state *st = sr->st;
	const struct sched_model *md = st->md;
	int32_t onsite_out = 0;

	ch->n = 0;
	ch->slot = s;
	ch->cost = 0;
	for (int32_t k = md->m_poff[m]; k < md->m_poff[m + 1]; k++) {
		int32_t c = st->occ[(size_t)md->m_plist[k] * md->nt + s];

		if (c < 0 || in_set(ch->ej, ch->n, c))
			continue;
		if (!movable(sr, c))
			return false;
		ch->ej[ch->n++] = c;
		onsite_out += md->m_onsite[c];
	}
	if (md->m_onsite[m] && st->s_n[s] - onsite_out >= st->s_cap[s]) {
		int32_t c = table_victim(sr, s, ch);

		if (c < 0)
			return false;
		ch->ej[ch->n++] = c;
	}
	for (int32_t k = md->m_poff[m]; k < md->m_poff[m + 1]; k++) {
		int32_t p = md->m_plist[k], cnt = st->count[p];

		for (int32_t i = 0; i < ch->n; i++)
			for (int32_t j = md->m_poff[ch->ej[i]]; j < md->m_poff[ch->ej[i] + 1]; j++)
				cnt -= md->m_plist[j] == p;
		if (cnt >= md->p_cap[p]) {
			int32_t c = cap_victim(sr, p, ch);

			if (c < 0)
				return false;
			ch->ej[ch->n++] = c;
		}
	}
	for (int32_t i = 0; i < ch->n; i++)
		ch->cost += md->m_w[ch->ej[i]] * 8 + 1;
	return ch->n > 0;
}

static bool improved(const struct search *sr)
{
	const struct sched_state *st = sr->st;

	if (st->weight == sr->base_w && st->sec == sr->base_sec)
		return sr->plateau;
	if (st->weight == sr->base_w && sr->any_sec)
		return true;
	return st->weight > sr->base_w || (st->weight == sr->base_w && st->sec < sr->base_sec);
}

static bool dfs(struct search *sr, int depth);

/* The feasible free rank with the best change of idle gaps, or -1. */
static int32_t direct_slot(struct search *sr, int32_t m)
{
	struct sched_state *st = sr->st;
	const struct sched_model *md = st->md;
	uint64_t f[SCHED_MAX_SLOTS / 64];
	int32_t best = -1;
	int64_t best_d = 0;

	if (!sched_state_fit_mask(st, m, f))
		return -1;
	for (int32_t s = sched_next_bit(f, md->nw, 0); s >= 0; s = sched_next_bit(f, md->nw, s + 1)) {
		int64_t d;

		if (m == sr->forbid_m && s == sr->forbid_s)
			continue;
		d = sched_state_sec_delta(st, m, s);
		if (best < 0 || d < best_d) {
			best = s;
			best_d = d;
		}
	}
	return best;
}

static int choice_cmp(const void *a, const void *b)
{
	const struct choice *x = a, *y = b;

	if (x->cost != y->cost)
		return x->cost < y->cost ? -1 : 1;
	return x->slot < y->slot ? -1 : x->slot > y->slot;
}

static int32_t gather_choices(struct search *sr, int32_t m, struct choice *out)
{
	const struct sched_model *md = sr->st->md;
	const uint64_t *f = md->m_feas + (size_t)m * md->nw;
	struct choice ch;
	int32_t n = 0;

	for (int32_t s = sched_next_bit(f, md->nw, 0); s >= 0; s = sched_next_bit(f, md->nw, s + 1)) {
		if ((m == sr->forbid_m && s == sr->forbid_s) || !ejections(sr, m, s, &ch))
			continue;
		if (n < MAX_CHOICES) {
			out[n++] = ch;
			continue;
		}
		/* keep the MAX_CHOICES cheapest: replace the dearest */
		int32_t worst = 0;

		for (int32_t i = 1; i < n; i++)
			if (choice_cmp(&out[i], &out[worst]) > 0)
				worst = i;
		if (choice_cmp(&ch, &out[worst]) < 0)
			out[worst] = ch;
	}
	qsort(out, (size_t)n, sizeof(*out), choice_cmp);
	return n;
}

static bool try_choice(struct search *sr, int32_t m, const struct choice *ch, int depth)
{
	struct sched_state *st = sr->st;
	int32_t npend = sr->npend;
	int64_t pend_w = sr->pend_w;

	if (sr->npend + ch->n > MAX_PENDING)
		return false;
	for (int32_t i = 0; i < ch->n; i++) {
		sched_state_unassign(st, ch->ej[i]);
		sched_state_tabu(st, ch->ej[i]);
		sr->pend[sr->npend++] = ch->ej[i];
		sr->pend_w += st->md->m_w[ch->ej[i]];
	}
	sched_state_assign(st, m, ch->slot);
	if (dfs(sr, depth - 1))
		return true;
	sr->npend = npend;
	sr->pend_w = pend_w;
	return false;
}

/* Places the last pending meeting, directly, by ejection, or drops it. */
static bool dfs(struct search *sr, int depth)
{
	struct sched_state *st = sr->st;
	struct choice choices[MAX_CHOICES];
	size_t mark = st->trail_len;
	int32_t m, s, n;

	if (sr->npend == 0)
		return improved(sr);
	if (sr->nodes++ >= sr->node_cap || st->weight + sr->pend_w < sr->base_w)
		return false;
	m = sr->pend[--sr->npend];
	sr->pend_w -= st->md->m_w[m];
	s = direct_slot(sr, m);
	if (s >= 0) {
		sched_state_assign(st, m, s);
		if (dfs(sr, depth))
			return true;
		sched_state_undo(st, mark);
	}
	n = depth > 0 ? gather_choices(sr, m, choices) : 0;
	for (int32_t i = 0; i < n; i++) {
		if (try_choice(sr, m, &choices[i], depth))
			return true;
		sched_state_undo(st, mark);
		if (sr->nodes >= sr->node_cap)
			break;
	}
	if (dfs(sr, depth))
		return true;
	sr->pend[sr->npend++] = m;
	sr->pend_w += st->md->m_w[m];
	return false;
}

/* Makes the moves of a successful chain permanent. */
static void commit(struct sched_state *st)
{
	for (size_t i = 0; i < st->trail_len; i += 2)
		if ((st->trail[i] & 3) == 2)
			st->tabu[st->trail[i] >> 2] = 0;
	st->trail_len = 0;
}

/* The lightest weight among the movable on-site meetings placed. */
static int64_t lightest_onsite(const struct sched_state *st)
{
	const struct sched_model *md = st->md;
	int64_t w = INT64_MAX;

	for (int32_t m = 0; m < md->nm; m++)
		if (st->slot[m] >= 0 && md->m_onsite[m] && md->m_kind[m] == MK_FREE && md->m_w[m] < w)
			w = md->m_w[m];
	return w;
}

/* A meeting no lighter on-site meeting could make room for: skip it
 * (unless it would give somebody their first meeting). */
static bool hopeless(const struct sched_state *st, int32_t m, int64_t lightest)
{
	const struct sched_model *md = st->md;
	const uint64_t *f = md->m_feas + (size_t)m * md->nw;

	if (!md->m_onsite[m] || md->m_w[m] > lightest)
		return false;
	for (int32_t w = 0; w < md->nw; w++)
		if (f[w] & st->room[w])
			return false;
	for (int32_t k = md->m_poff[m]; k < md->m_poff[m + 1]; k++)
		if (st->count[md->m_plist[k]] == 0)
			return md->m_w[m] < lightest;
	return true;
}

/* One root move: place m (unscheduled, or taken out of rank from). */
static bool root(struct sched_state *st, int32_t m, int32_t from, int depth, uint64_t cap,
		 uint64_t *spent)
{
	struct search sr;
	bool ok;

	memset(&sr, 0, sizeof(sr));
	sr.st = st;
	sr.base_w = st->weight;
	sr.base_sec = st->sec;
	sr.node_cap = cap;
	sr.forbid_m = from >= 0 ? m : -1;
	sr.forbid_s = from;
	if (from >= 0)
		sched_state_unassign(st, m);
	sched_state_tabu(st, m);
	sr.pend[sr.npend++] = m;
	sr.pend_w = st->md->m_w[m];
	ok = dfs(&sr, depth);
	if (!ok)
		sched_state_undo(st, 0);
	commit(st);
	*spent += sr.nodes;
	return ok;
}

/* Ruin and recreate around person p: p's meetings all taken out and
 * placed again, scarcest first, with the unscheduled ones. */
static bool person_root(struct sched_state *st, int32_t p, uint64_t cap, uint64_t *spent)
{
	const struct sched_model *md = st->md;
	struct search sr;
	bool ok;

	memset(&sr, 0, sizeof(sr));
	sr.st = st;
	sr.base_w = st->weight;
	sr.base_sec = st->sec;
	sr.node_cap = cap;
	sr.forbid_m = -1;
	for (int32_t i = md->p_moff[p]; i < md->p_moff[p + 1] && sr.npend < MAX_PENDING; i++) {
		int32_t m = md->p_mlist[i];

		if (md->m_kind[m] != MK_FREE)
			continue;
		if (st->slot[m] >= 0)
			sched_state_unassign(st, m);
		sched_state_tabu(st, m);
		sr.pend[sr.npend++] = m;
		sr.pend_w += md->m_w[m];
	}
	/* the stack pops from the end: most flexible first in the array */
	for (int32_t i = 1; i < sr.npend; i++)
		for (int32_t j = i; j > 0 && md->m_nfeas[sr.pend[j - 1]] * md->m_w[sr.pend[j]] <
						md->m_nfeas[sr.pend[j]] * md->m_w[sr.pend[j - 1]];
		     j--) {
			int32_t t = sr.pend[j];

			sr.pend[j] = sr.pend[j - 1];
			sr.pend[j - 1] = t;
		}
	ok = dfs(&sr, 1);
	if (!ok)
		sched_state_undo(st, 0);
	commit(st);
	*spent += sr.nodes;
	return ok;
}

/* Adds the free meetings of p to the pending stack (taking them out). */
static void ruin_person(struct search *sr, int32_t p)
{
	struct sched_state *st = sr->st;
	const struct sched_model *md = st->md;

	for (int32_t i = md->p_moff[p]; i < md->p_moff[p + 1] && sr->npend < MAX_PENDING; i++) {
		int32_t m = md->p_mlist[i];

		if (md->m_kind[m] != MK_FREE || st->tabu[m])
			continue;
		if (st->slot[m] >= 0)
			sched_state_unassign(st, m);
		sched_state_tabu(st, m);
		sr->pend[sr->npend++] = m;
		sr->pend_w += md->m_w[m];
	}
}

/* Random ruin and recreate (large neighbourhood search): the meetings of a
 * person and of one of their partners come out and go back in a random
 * order; the result is kept when it is no worse, so the search can walk
 * across plateaus of equal weight (weight_only: whatever the idle gaps, a
 * wider walk for the weight alone). Stops at the goal (a proven optimum). */
uint64_t sched_lns(struct sched_state *st, uint64_t budget, int64_t goal_w, int64_t goal_sec,
		   bool weight_only)
{
	const struct sched_model *md = st->md;
	uint64_t spent = 0;

	int32_t *lost = xmalloc(((size_t)md->nm + 1) * sizeof(int32_t)), nlost = 0;

	while (spent < budget && md->np > 0 &&
	       (st->weight < goal_w || (!weight_only && st->sec > goal_sec))) {
		int32_t p = (int32_t)(sched_rand(st) % (uint64_t)md->np), deg, q;
		struct search sr;

		if ((spent & 1023) == 0 || nlost == 0) {
			nlost = 0;
			for (int32_t m = 0; m < md->nm; m++)
				if (md->m_kind[m] == MK_FREE && st->slot[m] < 0)
					lost[nlost++] = m;
		}
		if (nlost && sched_rand(st) % 2) {
			int32_t m = lost[sched_rand(st) % (uint64_t)nlost];

			p = md->m_plist[md->m_poff[m] + (int32_t)(sched_rand(st) % 2)];
		}
		deg = md->p_moff[p + 1] - md->p_moff[p];
		spent++;
		if (deg == 0)
			continue;
		memset(&sr, 0, sizeof(sr));
		sr.st = st;
		sr.base_w = st->weight;
		sr.base_sec = st->sec;
		sr.node_cap = 400;
		sr.forbid_m = -1;
		sr.plateau = true;
		sr.any_sec = weight_only;
		q = md->p_mlist[md->p_moff[p] + (int32_t)(sched_rand(st) % (uint64_t)deg)];
		q = md->m_plist[md->m_poff[q]] == p ? md->m_plist[md->m_poff[q] + 1]
						     : md->m_plist[md->m_poff[q]];
		ruin_person(&sr, p);
		ruin_person(&sr, q);
		for (int32_t i = sr.npend - 1; i > 0; i--) {
			int32_t j = (int32_t)(sched_rand(st) % (uint64_t)(i + 1)), t = sr.pend[i];

			sr.pend[i] = sr.pend[j];
			sr.pend[j] = t;
		}
		if (!dfs(&sr, 1))
			sched_state_undo(st, 0);
		commit(st);
		spent += sr.nodes;
	}
	free(lost);
	return spent;
}

uint64_t sched_improve_people(struct sched_state *st, uint64_t budget)
{
	const struct sched_model *md = st->md;
	uint64_t spent = 0;

	for (int pass = 0; pass < 3 && spent < budget; pass++) {
		bool any = false;

		for (int32_t p = 0; p < md->np && spent < budget; p++) {
			bool lost = false;

			for (int32_t i = md->p_moff[p]; i < md->p_moff[p + 1] && !lost; i++)
				lost = md->m_kind[md->p_mlist[i]] == MK_FREE &&
				       st->slot[md->p_mlist[i]] < 0;
			if (lost && person_root(st, p, 200, &spent))
				any = true;
		}
		if (!any)
			break;
	}
	return spent;
}

uint64_t sched_improve(struct sched_state *st, uint64_t budget)
{
	const struct sched_model *md = st->md;
	int32_t *order = xmalloc(((size_t)md->nm + 1) * sizeof(int32_t));
	int32_t n = sched_order(md, order);
	uint64_t spent = 0;

	/* cheap chains (ejected meetings placed directly) first, then deeper */
	for (int pass = 0; pass < 6 && spent < budget; pass++) {
		int depth = pass < 3 ? 1 : 2;
		uint64_t cap = pass < 3 ? 60 : 300;
		int64_t lightest = lightest_onsite(st);
		bool any = false;

		for (int32_t i = 0; i < n && spent < budget; i++) {
			int32_t m = order[i];

			if (st->slot[m] >= 0 || hopeless(st, m, lightest))
				continue;
			if (root(st, m, -1, depth, cap, &spent))
				any = true;
		}
		if (!any && pass >= 3)
			break;
		if (!any)
			pass = 2;
	}
	free(order);
	return spent;
}

/* True when a participant of m has idle gaps on the day of m's slot. */
static bool has_gap(const struct sched_state *st, int32_t m)
{
	const struct sched_model *md = st->md;
	int32_t d = md->day[st->slot[m]];

	for (int32_t k = md->m_poff[m]; k < md->m_poff[m + 1]; k++)
		if (sched_state_gaps(st, md->m_plist[k], d) > 0)
			return true;
	return false;
}

void sched_compact(struct sched_state *st, uint64_t budget)
{
	const struct sched_model *md = st->md;
	uint64_t spent = 0;
	int depth = 1;

	/* moves and swaps first (depth 1), then longer chains (depth 2) */
	for (int pass = 0; pass < 12 && spent < budget; pass++) {
		bool any = false;

		for (int32_t m = 0; m < md->nm && spent < budget; m++) {
			if (md->m_kind[m] != MK_FREE || st->slot[m] < 0 || !has_gap(st, m))
				continue;
			if (root(st, m, st->slot[m], depth, depth == 1 ? 200 : 300, &spent))
				any = true;
		}
		if (!any && depth == 2)
			break;
		if (!any)
			depth = 2;
	}
}
