/*
 * bound.c - a proven upper bound on the weight any schedule can reach.
 *
 * With the locked meetings in place, let C be the free meetings that still
 * have a slot where every participant is available, free, inside their
 * hours and (on site) a table is left. Any schedule keeps some K within C
 * and drops D = C \ K. Two families of facts bound w(D) from below:
 *
 *  - person p: the meetings of p that a schedule keeps go to distinct
 *    slots, each in its own feasible set, at most cap_p of them: a
 *    transversal matroid truncated at cap_p. Its heaviest independent set
 *    (greedy by weight, with augmenting paths) weighs B_p, so every
 *    schedule drops at least loss_p = w(C ∩ δ(p)) - B_p of p's meetings.
 *  - tables: at most K_t = sum over slots of the tables left of the
 *    on-site meetings are kept, so at least cap_loss = the weight of C's
 *    on-site meetings beyond the K_t heaviest is dropped.
 *
 * For any y >= 0, z >= 0 with sum_{p in m} y_p + z [m on site] <= 1 for
 * every meeting m (LP duality, weak form):
 *     w(D) >= sum_p y_p loss_p + z cap_loss.
 * We take y_p = min over p's meetings m of (1 - z [m on site]) / r_m, r_m
 * being the number of m's participants with loss > 0, which satisfies the
 * constraint, for z in {0, 1/4, 1/2, 3/4, 1}, and keep the best. The sums
 * are kept in integers scaled by 4 * lcm(1..16), so rounding cannot make
 * the bound wrong. UB = w(locked) + w(C) - ceil(max lower bound on w(D)).
 */
#include "sched/sched_internal.h"

#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define SCALE 720720 /* lcm(1..16): r_m divides it */

struct bound_work {
	const struct sched_state *st;
	uint64_t *cand;     /* nm * nw: residual feasible slots, empty = not in C */
	int32_t *match;     /* per rank: local meeting index, -1 */
	int32_t *visit;     /* per rank: stamp */
	int32_t stamp;
	int32_t *list;      /* p's candidate meetings, heaviest first */
	int64_t *loss;      /* per person */
};

static bool residual(const struct sched_state *st, int32_t m, uint64_t *out)
{
	const struct sched_model *md = st->md;
	const uint64_t *f = md->m_feas + (size_t)m * md->nw;
	bool any = false;

	for (int32_t w = 0; w < md->nw; w++)
		out[w] = f[w];
	for (int32_t k = md->m_poff[m]; k < md->m_poff[m + 1]; k++) {
		int32_t p = md->m_plist[k];

		if (st->count[p] >= md->p_cap[p]) {
			memset(out, 0, (size_t)md->nw * sizeof(*out));
			return false;
		}
		for (int32_t w = 0; w < md->nw; w++)
			out[w] &= ~st->busy[(size_t)p * md->nw + w];
	}
	for (int32_t s = 0; md->m_onsite[m] && s < md->nt; s++)
		if (st->s_n[s] >= st->s_cap[s])
			sched_bit_clear(out, s);
	for (int32_t w = 0; w < md->nw; w++)
		any |= out[w] != 0;
	return any;
}

static bool augment(struct bound_work *bw, int32_t i)
{
	const struct sched_model *md = bw->st->md;
	const uint64_t *r = bw->cand + (size_t)bw->list[i] * md->nw;

	for (int32_t s = sched_next_bit(r, md->nw, 0); s >= 0; s = sched_next_bit(r, md->nw, s + 1)) {
		if (bw->visit[s] == bw->stamp)
			continue;
		bw->visit[s] = bw->stamp;
		if (bw->match[s] < 0 || augment(bw, bw->match[s])) {
			bw->match[s] = i;
			return true;
		}
	}
	return false;
}

static int weight_desc(const void *a, const void *b, const int64_t *w)
{
	int64_t x = w[*(const int32_t *)a], y = w[*(const int32_t *)b];

	return x > y ? -1 : x < y;
}

/* loss_p: weight of p's candidate meetings beyond the best keepable set. */
static int64_t person_loss(struct bound_work *bw, int32_t p)
{
	const struct sched_model *md = bw->st->md;
	int32_t n = 0, kept = 0, cap = md->p_cap[p] - bw->st->count[p];
	int64_t total = 0, best = 0;

	for (int32_t i = md->p_moff[p]; i < md->p_moff[p + 1]; i++) {
		int32_t m = md->p_mlist[i];

		if (md->m_kind[m] == MK_FREE && sched_popcount(bw->cand + (size_t)m * md->nw, md->nw))
			bw->list[n++] = m;
	}
	/* insertion sort by weight, heaviest first (lists are short) */
	for (int32_t i = 1; i < n; i++)
		for (int32_t j = i; j > 0 && weight_desc(&bw->list[j - 1], &bw->list[j], md->m_w) > 0;
		     j--) {
			int32_t t = bw->list[j];

			bw->list[j] = bw->list[j - 1];
			bw->list[j - 1] = t;
		}
	for (int32_t s = 0; s < md->nt; s++)
		bw->match[s] = -1;
	for (int32_t i = 0; i < n; i++) {
		total += md->m_w[bw->list[i]];
		if (kept >= cap)
			continue;
		bw->stamp++;
		if (augment(bw, i)) {
			kept++;
			best += md->m_w[bw->list[i]];
		}
	}
	return total - best;
}

static int cmp_w_desc(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x > y ? -1 : x < y;
}

/* Weight of the candidate on-site meetings beyond what the tables hold. */
static int64_t table_loss(const struct bound_work *bw)
{
	const struct sched_model *md = bw->st->md;
	int64_t *w = xmalloc(((size_t)md->nm + 1) * sizeof(int64_t));
	int64_t room = 0, loss = 0;
	int32_t n = 0;

	for (int32_t s = 0; s < md->nt; s++)
		room += bw->st->s_cap[s] - bw->st->s_n[s];
	for (int32_t m = 0; m < md->nm; m++)
		if (md->m_onsite[m] && md->m_kind[m] == MK_FREE &&
		    sched_popcount(bw->cand + (size_t)m * md->nw, md->nw))
			w[n++] = md->m_w[m];
	qsort(w, (size_t)n, sizeof(*w), cmp_w_desc);
	for (int32_t i = 0; i < n; i++)
		if (i >= room)
			loss += w[i];
	free(w);
	return loss;
}

/* max over z of sum_p y_p loss_p + z cap_loss, scaled by 4 * SCALE. */
static int64_t scaled_drop(const struct bound_work *bw, int64_t cap_loss)
{
	const struct sched_model *md = bw->st->md;
	int64_t best = 0;

	for (int64_t a = 0; a <= 4; a++) {
		int64_t sum = a * SCALE * cap_loss;

		for (int32_t p = 0; p < md->np; p++) {
			int64_t y = 4 * SCALE; /* y_p scaled */

			if (bw->loss[p] == 0)
				continue;
			for (int32_t i = md->p_moff[p]; i < md->p_moff[p + 1]; i++) {
				int32_t m = md->p_mlist[i], r = 0;

				if (md->m_kind[m] != MK_FREE ||
				    !sched_popcount(bw->cand + (size_t)m * md->nw, md->nw))
					continue;
				for (int32_t k = md->m_poff[m]; k < md->m_poff[m + 1]; k++)
					r += bw->loss[md->m_plist[k]] > 0;
				int64_t lim = (4 - (md->m_onsite[m] ? a : 0)) * (SCALE / r);
				if (lim < y)
					y = lim;
			}
			sum += y * bw->loss[p];
		}
		if (sum > best)
			best = sum;
	}
	return best;
}

int64_t sched_upper_bound(const struct sched_state *st)
{
	const struct sched_model *md = st->md;
	struct bound_work bw;
	int64_t total = st->weight, drop;

	memset(&bw, 0, sizeof(bw));
	bw.st = st;
	bw.cand = xcalloc((size_t)md->nm * md->nw + 1, sizeof(uint64_t));
	bw.match = xmalloc(((size_t)md->nt + 1) * sizeof(int32_t));
	bw.visit = xcalloc((size_t)md->nt + 1, sizeof(int32_t));
	bw.list = xmalloc(((size_t)md->m_poff[md->nm] + 1) * sizeof(int32_t));
	bw.loss = xcalloc((size_t)md->np + 1, sizeof(int64_t));
	for (int32_t m = 0; m < md->nm; m++)
		if (md->m_kind[m] == MK_FREE && st->slot[m] < 0 &&
		    residual(st, m, bw.cand + (size_t)m * md->nw))
			total += md->m_w[m];
	for (int32_t p = 0; p < md->np; p++)
		bw.loss[p] = person_loss(&bw, p);
	drop = scaled_drop(&bw, table_loss(&bw));
	total -= (drop + 4 * SCALE - 1) / (4 * SCALE);
	free(bw.loss);
	free(bw.list);
	free(bw.visit);
	free(bw.match);
	free(bw.cand);
	return total;
}
