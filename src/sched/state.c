/*
 * state.c - the search state: who meets when, table use per slot, and the
 * objective kept up to date on every move (weight; idle gaps plus people
 * without a meeting). Every move is written to a trail so that a failed
 * ejection chain can be undone exactly.
 */
#include "sched/sched_internal.h"

#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

enum { OP_ASSIGN = 0, OP_UNASSIGN = 1, OP_TABU = 2 };

uint64_t sched_rand(struct sched_state *st)
{
	uint64_t z = (st->rng += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

void sched_state_init(struct sched_state *st, const struct sched_model *md, uint64_t seed)
{
	size_t nm = (size_t)md->nm, np = (size_t)md->np, nt = (size_t)md->nt;

	memset(st, 0, sizeof(*st));
	st->md = md;
	st->slot = xmalloc((nm + 1) * sizeof(int32_t));
	st->table = xcalloc(nm + 1, sizeof(int32_t));
	st->m_pos = xcalloc(nm + 1, sizeof(int32_t));
	st->tabu = xcalloc(nm + 1, 1);
	for (size_t m = 0; m < nm; m++)
		st->slot[m] = -1;
	st->occ = xmalloc((np * nt + 1) * sizeof(int32_t));
	for (size_t i = 0; i < np * nt; i++)
		st->occ[i] = -1;
	st->busy = xcalloc(np * (size_t)md->nw + 1, sizeof(uint64_t));
	st->count = xcalloc(np + 1, sizeof(int32_t));
	st->s_cap = xmalloc((nt + 1) * sizeof(int32_t));
	st->s_n = xcalloc(nt + 1, sizeof(int32_t));
	st->s_items = xcalloc(nt + 1, sizeof(int32_t *));
	st->s_room = xcalloc(nt + 1, sizeof(int32_t));
	st->room = xcalloc((size_t)md->nw, sizeof(uint64_t));
	for (size_t s = 0; s < nt; s++) {
		st->s_cap[s] = md->tables;
		if (md->tables > 0)
			sched_bit_set(st->room, (int32_t)s);
	}
	for (size_t p = 0; p < np; p++)
		if (md->p_moff[p + 1] > md->p_moff[p])
			st->sec++;
	st->rng = seed;
}

void sched_state_release(struct sched_state *st)
{
	for (int32_t s = 0; s < st->md->nt; s++)
		free(st->s_items[s]);
	free(st->s_items);
	free(st->s_room);
	free(st->room);
	free(st->s_n);
	free(st->s_cap);
	free(st->count);
	free(st->busy);
	free(st->occ);
	free(st->tabu);
	free(st->m_pos);
	free(st->table);
	free(st->slot);
	free(st->trail);
	memset(st, 0, sizeof(*st));
}

static inline uint64_t range_mask(int32_t w, int32_t lo, int32_t hi)
{
	int32_t base = w * 64;
	uint64_t m = ~(uint64_t)0;

	if (lo > base)
		m &= ~(uint64_t)0 << (lo - base);
	if (hi < base + 64)
		m &= hi - base <= 0 ? 0 : (~(uint64_t)0 >> (64 - (hi - base)));
	return m;
}

/* gaps_core for one-word bitsets, the common case. */
static inline int32_t gaps_word(uint64_t busy, uint64_t avail, int32_t a, int32_t b, int32_t plus)
{
	uint64_t x = busy | (plus >= 0 ? (uint64_t)1 << plus : 0);
	int32_t first, last;

	x &= range_mask(0, a, b);
	if (!x || !(x & (x - 1)))
		return 0;
	first = __builtin_ctzll(x);
	last = 63 - __builtin_clzll(x);
	return sched_pop64(avail & ~x & range_mask(0, first, last + 1));
}

/* Idle gaps of one person in ranks [a, b), with `plus` added (-1: none). */
static int32_t gaps_core(const uint64_t *busy, const uint64_t *avail, int32_t a, int32_t b,
			 int32_t plus)
{
	int32_t first = -1, last = -1, n = 0;

	if (b <= 64)
		return gaps_word(busy[0], avail[0], a, b, plus);
	for (int32_t w = a >> 6; w <= (b - 1) >> 6; w++) {
		uint64_t x = busy[w];

		if (plus >= w * 64 && plus < w * 64 + 64)
			x |= (uint64_t)1 << (plus & 63);
		x &= range_mask(w, a, b);
		if (!x)
			continue;
		if (first < 0)
			first = w * 64 + __builtin_ctzll(x);
		last = w * 64 + 63 - __builtin_clzll(x);
	}
	if (first < 0 || first == last)
		return 0;
	for (int32_t w = first >> 6; w <= last >> 6; w++) {
		uint64_t x = busy[w];

		if (plus >= w * 64 && plus < w * 64 + 64)
			x |= (uint64_t)1 << (plus & 63);
		n += sched_pop64(avail[w] & ~x & range_mask(w, first, last + 1));
	}
	return n;
}

int32_t sched_state_gaps(const struct sched_state *st, int32_t p, int32_t d)
{
	const struct sched_model *md = st->md;
	size_t o = (size_t)p * md->nw;

	return gaps_core(st->busy + o, md->p_avail + o, md->day_first[d], md->day_first[d + 1], -1);
}

int64_t sched_state_sec_delta(const struct sched_state *st, int32_t m, int32_t s)
{
	const struct sched_model *md = st->md;
	int32_t d = md->day[s], a = md->day_first[d], b = md->day_first[d + 1];
	int64_t delta = 0;

	for (int32_t k = md->m_poff[m]; k < md->m_poff[m + 1]; k++) {
		int32_t p = md->m_plist[k];
		size_t o = (size_t)p * md->nw;

		if (st->count[p] == 0) {
			delta--;
			continue;
		}
		delta += gaps_core(st->busy + o, md->p_avail + o, a, b, s) -
			 gaps_core(st->busy + o, md->p_avail + o, a, b, -1);
	}
	return delta;
}

bool sched_state_fits(const struct sched_state *st, int32_t m, int32_t s)
{
	const struct sched_model *md = st->md;

	if (!sched_bit(md->m_feas + (size_t)m * md->nw, s))
		return false;
	if (md->m_onsite[m] && st->s_n[s] >= st->s_cap[s])
		return false;
	for (int32_t k = md->m_poff[m]; k < md->m_poff[m + 1]; k++) {
		int32_t p = md->m_plist[k];

		if (sched_bit(st->busy + (size_t)p * md->nw, s) || st->count[p] >= md->p_cap[p])
			return false;
	}
	return true;
}

bool sched_state_fit_mask(const struct sched_state *st, int32_t m, uint64_t *out)
{
	const struct sched_model *md = st->md;
	const uint64_t *f = md->m_feas + (size_t)m * md->nw;
	bool any = false;

	for (int32_t w = 0; w < md->nw; w++)
		out[w] = md->m_onsite[m] ? f[w] & st->room[w] : f[w];
	for (int32_t k = md->m_poff[m]; k < md->m_poff[m + 1]; k++) {
		int32_t p = md->m_plist[k];
		const uint64_t *b = st->busy + (size_t)p * md->nw;

		if (st->count[p] >= md->p_cap[p])
			return false;
		for (int32_t w = 0; w < md->nw; w++)
			out[w] &= ~b[w];
	}
	for (int32_t w = 0; w < md->nw; w++)
		any |= out[w] != 0;
	return any;
}

static void trail_push(struct sched_state *st, int32_t op, int32_t value)
{
	if (st->trail_len + 2 > st->trail_room) {
		st->trail_room = st->trail_room ? st->trail_room * 2 : 1024;
		st->trail = xreallocarray(st->trail, st->trail_room, sizeof(int32_t));
	}
	st->trail[st->trail_len++] = op;
	st->trail[st->trail_len++] = value;
}

static void person_move(struct sched_state *st, int32_t p, int32_t m, int32_t s, bool on)
{
	const struct sched_model *md = st->md;
	size_t o = (size_t)p * md->nw;
	int32_t d = md->day[s], a = md->day_first[d], b = md->day_first[d + 1];
	int32_t before = gaps_core(st->busy + o, md->p_avail + o, a, b, -1);

	if (on) {
		sched_bit_set(st->busy + o, s);
		st->occ[(size_t)p * md->nt + s] = m;
		if (st->count[p]++ == 0)
			st->sec--;
	} else {
		sched_bit_clear(st->busy + o, s);
		st->occ[(size_t)p * md->nt + s] = -1;
		if (--st->count[p] == 0)
			st->sec++;
	}
	st->sec += gaps_core(st->busy + o, md->p_avail + o, a, b, -1) - before;
}

static void raw_assign(struct sched_state *st, int32_t m, int32_t s)
{
	const struct sched_model *md = st->md;

	for (int32_t k = md->m_poff[m]; k < md->m_poff[m + 1]; k++)
		person_move(st, md->m_plist[k], m, s, true);
	if (md->m_onsite[m]) {
		if (st->s_n[s] >= st->s_room[s]) {
			st->s_room[s] = st->s_room[s] ? st->s_room[s] * 2 : 16;
			st->s_items[s] = xreallocarray(st->s_items[s], (size_t)st->s_room[s],
						       sizeof(int32_t));
		}
		st->m_pos[m] = st->s_n[s];
		st->s_items[s][st->s_n[s]++] = m;
		if (st->s_n[s] >= st->s_cap[s])
			sched_bit_clear(st->room, s);
	}
	st->slot[m] = s;
	st->weight += md->m_w[m];
}

static void raw_unassign(struct sched_state *st, int32_t m)
{
	const struct sched_model *md = st->md;
	int32_t s = st->slot[m];

	for (int32_t k = md->m_poff[m]; k < md->m_poff[m + 1]; k++)
		person_move(st, md->m_plist[k], m, s, false);
	if (md->m_onsite[m]) {
		int32_t last = st->s_items[s][--st->s_n[s]];

		st->s_items[s][st->m_pos[m]] = last;
		st->m_pos[last] = st->m_pos[m];
		if (st->s_n[s] < st->s_cap[s])
			sched_bit_set(st->room, s);
	}
	st->slot[m] = -1;
	st->weight -= md->m_w[m];
}

void sched_state_assign(struct sched_state *st, int32_t m, int32_t s)
{
	raw_assign(st, m, s);
	trail_push(st, m * 4 + OP_ASSIGN, s);
}

void sched_state_unassign(struct sched_state *st, int32_t m)
{
	trail_push(st, m * 4 + OP_UNASSIGN, st->slot[m]);
	raw_unassign(st, m);
}

void sched_state_tabu(struct sched_state *st, int32_t m)
{
	st->tabu[m] = 1;
	trail_push(st, m * 4 + OP_TABU, 0);
}

void sched_state_undo(struct sched_state *st, size_t mark)
{
	while (st->trail_len > mark) {
		int32_t value = st->trail[--st->trail_len];
		int32_t op = st->trail[--st->trail_len];
		int32_t m = op >> 2;

		if ((op & 3) == OP_ASSIGN)
			raw_unassign(st, m);
		else if ((op & 3) == OP_UNASSIGN)
			raw_assign(st, m, value);
		else
			st->tabu[m] = 0;
	}
}
