/*
 * tables.c - numbers the tables once every meeting has its slot.
 *
 * Tables are interchangeable within a slot, so the solver only counts
 * them; here each slot, in time order, gives its on-site meetings table
 * numbers: a locked table first, then the table a participant sat at last
 * (the participant with more on-site meetings first, since they are the
 * likely host), then the free table that nobody sat at last.
 */
#include "sched/sched_internal.h"

#include "core/xalloc.h"

#include <stdlib.h>

struct table_pass {
	struct sched_state *st;
	int32_t *last;    /* per person: last table, 0 none */
	int32_t *claims;  /* per table: people whose last table it is */
	int32_t *used;    /* per table: rank + 1 when taken in that rank */
	int32_t *degree;  /* per person: on-site meetings */
};

static void seat(struct table_pass *tp, int32_t m, int32_t s, int32_t t)
{
	const struct sched_model *md = tp->st->md;

	tp->st->table[m] = t;
	tp->used[t] = s + 1;
	for (int32_t k = md->m_poff[m]; k < md->m_poff[m + 1]; k++) {
		int32_t p = md->m_plist[k];

		if (tp->last[p])
			tp->claims[tp->last[p]]--;
		tp->last[p] = t;
		tp->claims[t]++;
	}
}

/* The free last table of m's most loyal participant, or 0. */
static int32_t preferred(const struct table_pass *tp, int32_t m, int32_t s)
{
	const struct sched_model *md = tp->st->md;
	int32_t best = 0, best_deg = -1;

	for (int32_t k = md->m_poff[m]; k < md->m_poff[m + 1]; k++) {
		int32_t p = md->m_plist[k], t = tp->last[p];

		if (t && tp->used[t] != s + 1 && tp->degree[p] > best_deg) {
			best = t;
			best_deg = tp->degree[p];
		}
	}
	return best;
}

static int32_t free_table(const struct table_pass *tp, int32_t s)
{
	int32_t best = 0;

	for (int32_t t = 1; t <= tp->st->md->tables; t++) {
		if (tp->used[t] == s + 1)
			continue;
		if (!best || tp->claims[t] < tp->claims[best])
			best = t;
		if (tp->claims[best] == 0)
			break;
	}
	return best;
}

static void seat_slot(struct table_pass *tp, int32_t s)
{
	struct sched_state *st = tp->st;
	int32_t n = st->s_n[s];
	int32_t *items = st->s_items[s];

	for (int32_t i = 0; i < n; i++)
		if (st->table[items[i]] > 0)
			seat(tp, items[i], s, st->table[items[i]]);
	for (int32_t i = 0; i < n; i++) {
		int32_t m = items[i], t;

		if (st->table[m] > 0)
			continue;
		t = preferred(tp, m, s);
		if (t)
			seat(tp, m, s, t);
	}
	for (int32_t i = 0; i < n; i++) {
		int32_t m = items[i];

		if (st->table[m] == 0)
			seat(tp, m, s, free_table(tp, s));
	}
}

void sched_assign_tables(struct sched_state *st)
{
	const struct sched_model *md = st->md;
	struct table_pass tp;

	tp.st = st;
	tp.last = xcalloc((size_t)md->np + 1, sizeof(int32_t));
	tp.degree = xcalloc((size_t)md->np + 1, sizeof(int32_t));
	tp.claims = xcalloc((size_t)md->tables + 1, sizeof(int32_t));
	tp.used = xcalloc((size_t)md->tables + 1, sizeof(int32_t));
	for (int32_t m = 0; m < md->nm; m++) {
		if (st->slot[m] < 0 || !md->m_onsite[m])
			continue;
		if (md->m_kind[m] != MK_LOCKED)
			st->table[m] = 0;
		for (int32_t k = md->m_poff[m]; k < md->m_poff[m + 1]; k++)
			tp.degree[md->m_plist[k]]++;
	}
	for (int32_t s = 0; s < md->nt; s++)
		seat_slot(&tp, s);
	free(tp.used);
	free(tp.claims);
	free(tp.degree);
	free(tp.last);
}
