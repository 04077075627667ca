/*
 * greedy.c - the baseline of bench/bench_assign.c (assign.h): each
 * submission in turn takes its cheapest reviewers with room left; and the
 * cost of a pair from the concepts both sides have.
 */
#include "assign/assign_int.h"

#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* The cheapest free reviewer with room for submission s not yet taken, or -1. */
static long cheapest(const struct assign_problem *p, size_t s, const unsigned *room,
		     const uint32_t *mine, size_t nmine)
{
	long best = -1;

	for (size_t r = 0; r < p->nrev; r++) {
		size_t k;

		if (!room[r] || (p->pair && p->pair[s * p->nrev + r] != ASSIGN_FREE))
			continue;
		for (k = 0; k < nmine && mine[k] != r; k++)
			;
		if (k < nmine)
			continue;
		if (best < 0 || p->cost[s * p->nrev + r] < p->cost[s * p->nrev + (size_t)best])
			best = (long)r;
	}
	return best;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* Fixed pairs first; 0, or ERR_INVALID when they exceed reviews or a cap. */
static int take_fixed(const struct assign_problem *p, struct assign_result *out, unsigned *room,
		      unsigned *got, struct err *e)
{
	for (size_t s = 0; s < p->nsub; s++)
		for (size_t r = 0; r < p->nrev; r++) {
			unsigned char k = p->pair ? p->pair[s * p->nrev + r] : ASSIGN_FREE;

			if (k != ASSIGN_CONFLICT && p->cap[r] > 0)
				out->eligible[s]++;
			if (k != ASSIGN_FIXED)
				continue;
			if (got[s] == p->reviews || !room[r])
				return err_set(e, ERR_INVALID, "fixed", "submission %zu or reviewer "
					       "%zu has too many fixed pairs", s, r);
			out->reviewer[s * p->reviews + got[s]++] = (uint32_t)r;
			out->load[r]++;
			out->total_cost += p->cost[s * p->nrev + r];
			room[r]--;
		}
	return 0;
}

int assign_greedy(const struct assign_problem *p, struct assign_result *out, struct err *e)
{
	unsigned *room = xcalloc(p->nrev + 1, sizeof(unsigned));
	unsigned *got = xcalloc(p->nsub + 1, sizeof(unsigned));
	size_t filled = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	out->nsub = p->nsub;
	out->nrev = p->nrev;
	out->reviews = p->reviews;
	out->short_sub = -1;
	out->reviewer = xmalloc((p->nsub * p->reviews + 1) * sizeof(uint32_t));
	memset(out->reviewer, 0xff, (p->nsub * p->reviews + 1) * sizeof(uint32_t));
	out->load = xcalloc(p->nrev + 1, sizeof(unsigned));
	out->eligible = xcalloc(p->nsub + 1, sizeof(uint32_t));
	for (size_t r = 0; r < p->nrev; r++)
		room[r] = p->cap[r];
	rc = take_fixed(p, out, room, got, e);
	for (size_t s = 0; rc == 0 && s < p->nsub; s++) {
		uint32_t *mine = out->reviewer + s * p->reviews;

		while (got[s] < p->reviews) {
			long r = cheapest(p, s, room, mine, got[s]);

			if (r < 0)
				break;
			mine[got[s]++] = (uint32_t)r;
			out->load[r]++;
			out->total_cost += p->cost[s * p->nrev + (size_t)r];
			room[r]--;
		}
		filled += got[s];
		qsort(mine, got[s], sizeof(uint32_t), cmp_u32);
	}
	if (rc == 0 && filled < p->nsub * p->reviews)
		rc = assign_infeasible(p, out, filled, p->nsub * p->reviews, e);
	free(room);
	free(got);
	return rc;
}

int assign_overlap_cost(const uint32_t *exp, size_t nexp, const uint32_t *sub, size_t nsub)
{
	size_t i = 0, j = 0, both = 0;

	if (!nsub)
		return ASSIGN_COST_MAX;
	while (i < nexp && j < nsub) {
		if (exp[i] == sub[j]) {
			both++;
			i++;
			j++;
		} else if (exp[i] < sub[j]) {
			i++;
		} else {
			j++;
		}
	}
	return (int)(ASSIGN_COST_MAX - (ASSIGN_COST_MAX * both + nsub / 2) / nsub);
}
