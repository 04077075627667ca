/*
 * bench_assign.c - benchmark of the review assignment (not a test):
 * 2,000 submissions x 300 reviewers, 3 reviews each, load cap 25, solved
 * as a min-cost flow by GLPK (assign_solve) and by the greedy baseline
 * (each submission in turn takes its cheapest reviewers with room left)
 * in the same run: time, peak memory, total cost, and a check of the
 * solution (three distinct reviewers each, no conflict, no cap exceeded).
 *
 * The instance is deterministic (fixed seed): 40 concepts of which a few
 * are popular (most submissions are about smart cities and energy, as in
 * real calls), 2 to 4 per submission, 3 to 6 per reviewer; reviewers of
 * 120 organisations, submissions of 900, a quarter of the reviewers'
 * organisations also submitting (same-organisation conflicts), and 1 %
 * of pairs declared as conflicts.
 *
 * usage: bench_assign [SUBMISSIONS REVIEWERS]
 */
#include "assign/assign.h"

#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define CONCEPTS 40
#define REVIEWS 3
#define CAP 25

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static long peak_mib(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss / 1024;
}

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

/* A concept, the first ones far more often (a skewed call). */
static uint32_t concept(void)
{
	uint32_t a = rnd(CONCEPTS), b = rnd(CONCEPTS);

	return a < b ? a : b;
}

/* n distinct concepts, sorted, into c. */
static size_t concepts(uint32_t *c, size_t n)
{
	size_t k = 0;

	while (k < n) {
		uint32_t v = concept();
		size_t i = 0;

		while (i < k && c[i] < v)
			i++;
		if (i < k && c[i] == v)
			continue;
		memmove(c + i + 1, c + i, (k - i) * sizeof(uint32_t));
		c[i] = v;
		k++;
	}
	return k;
}

/* Distinct reviewers, none conflicted, no cap exceeded; the number of faults. */
static size_t faults(const struct assign_problem *p, const struct assign_result *r)
{
	unsigned *load = xcalloc(p->nrev, sizeof(unsigned));
	size_t bad = 0;

	for (size_t s = 0; s < p->nsub; s++)
		for (unsigned k = 0; k < p->reviews; k++) {
			uint32_t v = r->reviewer[s * p->reviews + k];

			if (v >= p->nrev || p->pair[s * p->nrev + v] == ASSIGN_CONFLICT ||
			    (k && r->reviewer[s * p->reviews + k - 1] >= v)) {
				bad++;
				continue;
			}
			load[v]++;
		}
	for (size_t v = 0; v < p->nrev; v++)
		bad += load[v] > p->cap[v];
	free(load);
	return bad;
}

static void build(struct assign_problem *p, size_t nsub, size_t nrev)
{
	uint32_t (*sc)[4] = xcalloc(nsub, sizeof(*sc)), (*rc)[6] = xcalloc(nrev, sizeof(*rc));
	size_t *sn = xcalloc(nsub, sizeof(size_t)), *rn = xcalloc(nrev, sizeof(size_t));
	uint32_t *sorg = xcalloc(nsub, sizeof(uint32_t)), *rorg = xcalloc(nrev, sizeof(uint32_t));
	unsigned *cap = xcalloc(nrev, sizeof(unsigned));
	int *cost = xcalloc(nsub * nrev, sizeof(int));
	unsigned char *pair = xcalloc(nsub * nrev, 1);

	for (size_t s = 0; s < nsub; s++) {
		sn[s] = concepts(sc[s], 2 + rnd(3));
		sorg[s] = rnd(4) == 0 ? rnd(120) : 1000 + rnd(900);
	}
	for (size_t r = 0; r < nrev; r++) {
		rn[r] = concepts(rc[r], 3 + rnd(4));
		rorg[r] = rnd(120);
		cap[r] = CAP;
	}
	for (size_t s = 0; s < nsub; s++)
		for (size_t r = 0; r < nrev; r++) {
			cost[s * nrev + r] = assign_overlap_cost(rc[r], rn[r], sc[s], sn[s]);
			if (sorg[s] == rorg[r] || rnd(100) == 0)
				pair[s * nrev + r] = ASSIGN_CONFLICT;
		}
	memset(p, 0, sizeof(*p));
	p->nsub = nsub;
	p->nrev = nrev;
	p->reviews = REVIEWS;
	p->cap = cap;
	p->cost = cost;
	p->pair = pair;
	free(sc);
	free(rc);
	free(sn);
	free(rn);
	free(sorg);
	free(rorg);
}

int main(int argc, char **argv)
{
	size_t nsub = argc == 3 ? (size_t)strtoul(argv[1], NULL, 10) : 2000;
	size_t nrev = argc == 3 ? (size_t)strtoul(argv[2], NULL, 10) : 300;
	struct assign_problem p;
	struct assign_result g, o;
	struct err e;
	double t0, c0, tg, cg, to, co;
	long m0, mg, mo;
	int rg, ro;

	build(&p, nsub, nrev);
	m0 = peak_mib();
	printf("assign: %zu submissions x %zu reviewers, %d reviews each, load cap %d\n", nsub,
	       nrev, REVIEWS, CAP);
	t0 = now();
	c0 = cpu();
	rg = assign_greedy(&p, &g, &e);
	tg = now() - t0;
	cg = cpu() - c0;
	mg = peak_mib();
	t0 = now();
	c0 = cpu();
	ro = assign_solve(&p, &o, &e);
	to = now() - t0;
	co = cpu() - c0;
	mo = peak_mib();
	printf("assign: peak memory (ru_maxrss) %ld MiB with the instance, %ld MiB after greedy, "
	       "%ld MiB after the min-cost flow\n", m0, mg, mo);
	if (rg)
		printf("greedy: no complete assignment: %zu review slots missing\n", g.missing);
	else
		printf("greedy: total cost %lld, time %.3f s wall, %.3f s CPU, faults %zu\n",
		       (long long)g.total_cost, tg, cg, faults(&p, &g));
	if (ro) {
		printf("min-cost flow: failed: %s: %s\n", e.field, e.msg);
		return 1;
	}
	printf("min-cost flow (glp_mincost_okalg): total cost %lld, time %.3f s wall, %.3f s CPU, "
	       "faults %zu\n", (long long)o.total_cost, to, co, faults(&p, &o));
	printf("min-cost flow: %u solves, %zu arcs in the last (of %zu pairs)\n", o.rounds, o.arcs,
	       nsub * nrev);
	if (!rg)
		printf("ratio: cost min-cost flow / greedy %.3f (%.1f %% lower), mean cost per review "
		       "%.2f vs %.2f\n", (double)o.total_cost / (double)g.total_cost,
		       100.0 * (double)(g.total_cost - o.total_cost) / (double)g.total_cost,
		       (double)o.total_cost / (double)(nsub * REVIEWS),
		       (double)g.total_cost / (double)(nsub * REVIEWS));
	assign_result_release(&g);
	assign_result_release(&o);
	free((void *)p.cap);
	free((void *)p.cost);
	free((void *)p.pair);
	return 0;
}
