/*
 * kempe.c - idle gaps down at the same weight, by Kempe-chain exchanges.
 *
 * Take a scheduled meeting m at rank a and another rank b where it may be
 * held. Its chain is the closure of m under "shares a participant with a
 * chain meeting at the other rank": swapping the whole chain between a
 * and b keeps everybody in at most one meeting per rank and every count
 * the same, so only availability and tables need a check. One move shifts
 * many meetings at once (a whole slot's, when the chain is the slot), which
 * the ejection chains of search.c, one meeting at a time, cannot do.
 *
 * Simulated annealing over these moves on st->sec (idle gaps + people
 * without a meeting; the weight cannot change), with a temperature falling
 * geometrically; the best schedule seen is kept. Deterministic for the
 * state's random seed.
 */
#include "sched/sched_internal.h"

#include "core/xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CHAIN_MAX 96

struct kempe {
	struct sched_state *st;
	int32_t *stamp;   /* per meeting: the move that put it in the chain */
	int32_t tick;
	int32_t chain[CHAIN_MAX];
	int32_t n;
};

/* The chain of m between its rank and b, into k->chain; false when a chain
 * meeting cannot move (locked, not feasible at the other rank, too long, a
 * table short). */
static bool build_chain(struct kempe *k, int32_t m, int32_t b)
{
	struct sched_state *st = k->st;
	const struct sched_model *md = st->md;
	int32_t a = st->slot[m], to_b = 0, to_a = 0;

	k->tick++;
	k->n = 0;
	k->chain[k->n++] = m;
	k->stamp[m] = k->tick;
	for (int32_t i = 0; i < k->n; i++) {
		int32_t c = k->chain[i], here = st->slot[c], there = here == a ? b : a;

		if (md->m_kind[c] != MK_FREE || !sched_bit(md->m_feas + (size_t)c * md->nw, there))
			return false;
		if (md->m_onsite[c]) {
			to_b += here == a;
			to_a += here == b;
		}
		for (int32_t j = md->m_poff[c]; j < md->m_poff[c + 1]; j++) {
			int32_t o = st->occ[(size_t)md->m_plist[j] * md->nt + there];

			if (o < 0 || k->stamp[o] == k->tick)
				continue;
			if (k->n == CHAIN_MAX)
				return false;
			k->stamp[o] = k->tick;
			k->chain[k->n++] = o;
		}
	}
	return st->s_n[b] - to_a + to_b <= st->s_cap[b] && st->s_n[a] - to_b + to_a <= st->s_cap[a];
}

/* Swaps the chain between a and b (through the trail, so it can be undone). */
static void swap_chain(struct kempe *k, int32_t a, int32_t b)
{
	struct sched_state *st = k->st;
	int32_t to[CHAIN_MAX];

	for (int32_t i = 0; i < k->n; i++) {
		to[i] = st->slot[k->chain[i]] == a ? b : a;
		sched_state_unassign(st, k->chain[i]);
	}
	for (int32_t i = 0; i < k->n; i++)
		sched_state_assign(st, k->chain[i], to[i]);
}

/* A random rank other than m's own where m may be held, or -1. */
static int32_t other_rank(struct sched_state *st, int32_t m)
{
	const struct sched_model *md = st->md;
	const uint64_t *f = md->m_feas + (size_t)m * md->nw;
	int32_t n = md->m_nfeas[m], pick, s;

	if (n < 2)
		return -1;
	pick = (int32_t)(sched_rand(st) % (uint64_t)(n - 1));
	for (s = sched_next_bit(f, md->nw, 0); s >= 0; s = sched_next_bit(f, md->nw, s + 1)) {
		if (s == st->slot[m])
			continue;
		if (pick-- == 0)
			return s;
	}
	return -1;
}

/* Puts the free meetings back where best says. */
static void restore(struct sched_state *st, const int32_t *best)
{
	const struct sched_model *md = st->md;

	for (int32_t m = 0; m < md->nm; m++)
		if (md->m_kind[m] == MK_FREE && st->slot[m] >= 0 && st->slot[m] != best[m])
			sched_state_unassign(st, m);
	for (int32_t m = 0; m < md->nm; m++)
		if (md->m_kind[m] == MK_FREE && best[m] >= 0 && st->slot[m] != best[m])
			sched_state_assign(st, m, best[m]);
	st->trail_len = 0;
}

uint64_t sched_kempe(struct sched_state *st, uint64_t moves, int64_t goal_sec)
{
	const struct sched_model *md = st->md;
	struct kempe k;
	int32_t *sched = xmalloc(((size_t)md->nm + 1) * sizeof(int32_t)), ns = 0;
	int32_t *best = xmalloc(((size_t)md->nm + 1) * sizeof(int32_t));
	int64_t best_sec = st->sec;
	double temp = 1.0, cool; /* to 0.1: a gap more is taken 1 time in e^10 */
	uint64_t i;

	memset(&k, 0, sizeof(k));
	k.st = st;
	k.stamp = xcalloc((size_t)md->nm + 1, sizeof(int32_t));
	memcpy(best, st->slot, (size_t)md->nm * sizeof(int32_t));
	for (int32_t m = 0; m < md->nm; m++)
		if (md->m_kind[m] == MK_FREE && st->slot[m] >= 0)
			sched[ns++] = m;
	cool = moves ? pow(0.1 / temp, 1.0 / (double)moves) : 1;
	st->trail_len = 0;
	for (i = 0; i < moves && ns > 0 && best_sec > goal_sec; i++, temp *= cool) {
		int32_t m = sched[sched_rand(st) % (uint64_t)ns], a = st->slot[m];
		int32_t b = other_rank(st, m);
		int64_t before = st->sec, delta;

		if (b < 0 || !build_chain(&k, m, b))
			continue;
		swap_chain(&k, a, b);
		delta = st->sec - before;
		if (delta > 0 &&
		    (double)(sched_rand(st) >> 11) / 9007199254740992.0 >= exp(-(double)delta / temp)) {
			sched_state_undo(st, 0);
			continue;
		}
		st->trail_len = 0;
		if (st->sec < best_sec) {
			best_sec = st->sec;
			memcpy(best, st->slot, (size_t)md->nm * sizeof(int32_t));
		}
	}
	if (st->sec > best_sec)
		restore(st, best);
	free(k.stamp);
	free(best);
	free(sched);
	return i;
}
