/*
 * greedy.c - the construction: meetings in order of weight (heaviest
 * first), then scarcity (fewest feasible slots first); each goes to the
 * free slot that its participants' other meetings need least, with a
 * nudge towards slots next to their meetings of the same day.
 */
#include "sched/sched_internal.h"

#include "core/xalloc.h"

#include <stdlib.h>

struct order_key {
	int64_t weight;
	int32_t nfeas;
	int32_t m;
};

static int order_cmp(const void *a, const void *b)
{
	const struct order_key *x = a, *y = b;

	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	if (x->nfeas != y->nfeas)
		return x->nfeas < y->nfeas ? -1 : 1;
	return x->m < y->m ? -1 : x->m > y->m;
}

/* Free meetings, heaviest and scarcest first; returns how many. */
int32_t sched_order(const struct sched_model *md, int32_t *out)
{
	struct order_key *keys = xmalloc(((size_t)md->nm + 1) * sizeof(*keys));
	int32_t n = 0;

	for (int32_t m = 0; m < md->nm; m++) {
		if (md->m_kind[m] != MK_FREE)
			continue;
		keys[n].weight = md->m_w[m];
		keys[n].nfeas = md->m_nfeas[m];
		keys[n++].m = m;
	}
	qsort(keys, (size_t)n, sizeof(*keys), order_cmp);
	for (int32_t i = 0; i < n; i++)
		out[i] = keys[i].m;
	free(keys);
	return n;
}

/* How much the participants' unplaced meetings (other than m) need rank s. */
static double person_need(const struct sched_state *st, int32_t m, int32_t s)
{
	const struct sched_model *md = st->md;
	double need = 0;

	for (int32_t k = md->m_poff[m]; k < md->m_poff[m + 1]; k++) {
		int32_t p = md->m_plist[k];

		for (int32_t i = md->p_moff[p]; i < md->p_moff[p + 1]; i++) {
			int32_t o = md->p_mlist[i];

			if (o == m || st->slot[o] >= 0 || md->m_kind[o] != MK_FREE)
				continue;
			if (sched_bit(md->m_feas + (size_t)o * md->nw, s))
				need += (double)md->m_w[o] / md->m_nfeas[o];
		}
	}
	return need;
}

static int32_t best_slot(struct sched_state *st, int32_t m, const double *demand)
{
	const struct sched_model *md = st->md;
	uint64_t f[SCHED_MAX_SLOTS / 64];
	int32_t best = -1;
	double best_score = 0;

	if (!sched_state_fit_mask(st, m, f))
		return -1;
	for (int32_t s = sched_next_bit(f, md->nw, 0); s >= 0; s = sched_next_bit(f, md->nw, s + 1)) {
		double score;

		score = person_need(st, m, s) + 0.5 * (double)sched_state_sec_delta(st, m, s);
		if (md->m_onsite[m])
			score += demand[s] / (double)(st->s_cap[s] - st->s_n[s]);
		if (best < 0 || score < best_score) {
			best = s;
			best_score = score;
		}
	}
	return best;
}

void sched_greedy(struct sched_state *st)
{
	const struct sched_model *md = st->md;
	int32_t *order = xmalloc(((size_t)md->nm + 1) * sizeof(int32_t));
	double *demand = xcalloc((size_t)md->nt + 1, sizeof(double));
	int32_t n = sched_order(md, order);

	/* on-site demand per slot, for the table pressure */
	for (int32_t i = 0; i < n; i++) {
		int32_t m = order[i];
		const uint64_t *f = md->m_feas + (size_t)m * md->nw;

		for (int32_t s = sched_next_bit(f, md->nw, 0); md->m_onsite[m] && s >= 0;
		     s = sched_next_bit(f, md->nw, s + 1))
			demand[s] += (double)md->m_w[m] / md->m_nfeas[m];
	}
	for (int32_t i = 0; i < n; i++) {
		int32_t m = order[i], s = md->prev_slot[m];

		if (s >= 0 && sched_state_fits(st, m, s))
			sched_state_assign(st, m, s);
	}
	for (int32_t i = 0; i < n; i++) {
		int32_t m = order[i], s;
		const uint64_t *f = md->m_feas + (size_t)m * md->nw;

		if (st->slot[m] < 0) {
			s = best_slot(st, m, demand);
			if (s >= 0)
				sched_state_assign(st, m, s);
		}
		for (s = sched_next_bit(f, md->nw, 0); md->m_onsite[m] && s >= 0;
		     s = sched_next_bit(f, md->nw, s + 1))
			demand[s] -= (double)md->m_w[m] / md->m_nfeas[m];
	}
	st->trail_len = 0;
	free(demand);
	free(order);
}
