/*
 * solve.c - review assignment as a min-cost flow (assign.h) on GLPK's
 * graph API: glp_mincost_okalg (out-of-kilter) for the optimum,
 * glp_maxflow_ffalg for the number of missing slots when there is none.
 * The solve starts on the cheapest pairs of each submission and adds the
 * pairs whose reduced cost is negative until there is none (run, below):
 * exact, and on 2,000 x 300 about a tenth of the arcs.
 * Not glp_mincost_relax4: Debian's GLPK 5.0 ships it disabled: it
 * aborts ("temporarily disabled due to licensing problems").
 *
 * Vertices (1-based, GLPK's): 1 the source, 2..nsub+1 the submissions,
 * nsub+2..nsub+nrev+1 the reviewers, nsub+nrev+2 the sink.
 */
#include "assign/assign_int.h"

#include "core/xalloc.h"

#include <glpk.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vdata {
	double rhs, pi;
};

struct adata {
	double low, cap, cost, x;
};

/* What is left of the problem once the fixed pairs are taken out. */
struct rest {
	unsigned *need; /* [nsub] */
	unsigned *room; /* [nrev] */
	size_t total;   /* sum of need */
};

static int check(const struct assign_problem *p, struct err *e)
{
	if (p->reviews < 1 || p->reviews > ASSIGN_MAX_REVIEWS)
		return err_set(e, ERR_INVALID, "reviews", "must be from 1 to %d",
			       ASSIGN_MAX_REVIEWS);
	if (p->nrev && p->nsub > ASSIGN_MAX_PAIRS / p->nrev)
		return err_set(e, ERR_INVALID, "submissions", "%zu submissions x %zu reviewers "
			       "is over the limit of %zu pairs", p->nsub, p->nrev, ASSIGN_MAX_PAIRS);
	for (size_t k = 0; k < p->nsub * p->nrev; k++)
		if (p->cost[k] < 0 || p->cost[k] > ASSIGN_COST_MAX)
			return err_set(e, ERR_INVALID, "cost", "must be from 0 to %d",
				       ASSIGN_COST_MAX);
	return 0;
}

static unsigned char pair_of(const struct assign_problem *p, size_t s, size_t r)
{
	return p->pair ? p->pair[s * p->nrev + r] : ASSIGN_FREE;
}

static void result_init(const struct assign_problem *p, struct assign_result *out)
{
	memset(out, 0, sizeof(*out));
	out->nsub = p->nsub;
	out->nrev = p->nrev;
	out->reviews = p->reviews;
	out->short_sub = -1;
	out->reviewer = xmalloc((p->nsub * p->reviews + 1) * sizeof(uint32_t));
	out->load = xcalloc(p->nrev + 1, sizeof(unsigned));
	out->eligible = xcalloc(p->nsub + 1, sizeof(uint32_t));
	memset(out->reviewer, 0xff, (p->nsub * p->reviews + 1) * sizeof(uint32_t));
}

void assign_result_release(struct assign_result *r)
{
	free(r->reviewer);
	free(r->load);
	free(r->eligible);
	memset(r, 0, sizeof(*r));
}

/* Takes the fixed pairs out: into out, and what is left into *x. */
static int fix_pairs(const struct assign_problem *p, struct assign_result *out, struct rest *x,
		     struct err *e)
{
	x->need = xcalloc(p->nsub + 1, sizeof(unsigned));
	x->room = xcalloc(p->nrev + 1, sizeof(unsigned));
	x->total = 0;
	for (size_t r = 0; r < p->nrev; r++)
		x->room[r] = p->cap[r];
	for (size_t s = 0; s < p->nsub; s++) {
		unsigned got = 0;

		for (size_t r = 0; r < p->nrev; r++) {
			unsigned char k = pair_of(p, s, r);

			if (k != ASSIGN_CONFLICT && p->cap[r] > 0)
				out->eligible[s]++;
			if (k != ASSIGN_FIXED)
				continue;
			if (got == p->reviews)
				return err_set(e, ERR_INVALID, "fixed", "submission %zu has more "
					       "fixed reviewers than its %u reviews", s, p->reviews);
			if (x->room[r] == 0)
				return err_set(e, ERR_INVALID, "fixed", "reviewer %zu has more "
					       "fixed submissions than its cap of %u", r, p->cap[r]);
			out->reviewer[s * p->reviews + got++] = (uint32_t)r;
			out->load[r]++;
			out->total_cost += p->cost[s * p->nrev + r];
			x->room[r]--;
		}
		x->need[s] = p->reviews - got;
		x->total += x->need[s];
	}
	return 0;
}

#define A_LOW offsetof(struct adata, low)
#define A_CAP offsetof(struct adata, cap)
#define A_COST offsetof(struct adata, cost)
#define A_X offsetof(struct adata, x)

static glp_arc *arc(glp_graph *g, int from, int to, double cap, double cost)
{
	glp_arc *a = glp_add_arc(g, from, to);
	struct adata *d = a->data;

	d->low = 0;
	d->cap = cap;
	d->cost = cost;
	d->x = 0;
	return a;
}

/* 1 when pair (s, r) may carry flow at all. */
static int open_pair(const struct assign_problem *p, const struct rest *x, size_t s, size_t r)
{
	return pair_of(p, s, r) == ASSIGN_FREE && x->room[r] && x->need[s];
}

/* The graph over the pairs marked in in[] (all open pairs when in is NULL). */
static glp_graph *build(const struct assign_problem *p, const struct rest *x,
			const unsigned char *in)
{
	int ns = (int)p->nsub, nr = (int)p->nrev, sink = ns + nr + 2;
	glp_graph *g = glp_create_graph(sizeof(struct vdata), sizeof(struct adata));

	glp_add_vertices(g, sink);
	for (int v = 1; v <= sink; v++)
		((struct vdata *)g->v[v]->data)->rhs = 0;
	((struct vdata *)g->v[1]->data)->rhs = (double)x->total;
	((struct vdata *)g->v[sink]->data)->rhs = -(double)x->total;
	for (int s = 0; s < ns; s++) {
		if (!x->need[s])
			continue;
		arc(g, 1, s + 2, x->need[s], 0);
		for (int r = 0; r < nr; r++) {
			size_t k = (size_t)s * p->nrev + (size_t)r;

			if ((in ? in[k] : 1) && open_pair(p, x, (size_t)s, (size_t)r))
				arc(g, s + 2, ns + 2 + r, 1, p->cost[k]);
		}
	}
	for (int r = 0; r < nr; r++)
		if (x->room[r])
			arc(g, ns + 2 + r, sink, x->room[r], 0);
	return g;
}

/* Pairs per submission in the first graph, and added per round. */
static size_t candidates(const struct assign_problem *p)
{
	return p->candidates ? p->candidates : 8 * (size_t)p->reviews;
}

/*
 * Marks in in[] the want cheapest open pairs of each submission (costs
 * are 0..ASSIGN_COST_MAX: a histogram gives the threshold); returns the
 * number of open pairs left unmarked.
 */
static size_t cheapest_pairs(const struct assign_problem *p, const struct rest *x, size_t want,
			     unsigned char *in)
{
	size_t left = 0;

	for (size_t s = 0; s < p->nsub; s++) {
		size_t hist[ASSIGN_COST_MAX + 1] = {0}, below = 0, tie;
		int t = 0;

		for (size_t r = 0; r < p->nrev; r++)
			if (open_pair(p, x, s, r))
				hist[p->cost[s * p->nrev + r]]++;
		while (t < ASSIGN_COST_MAX && below + hist[t] < want)
			below += hist[t++];
		tie = want - below;
		for (size_t r = 0; r < p->nrev; r++) {
			int c = p->cost[s * p->nrev + r];

			if (!open_pair(p, x, s, r))
				continue;
			if (c > t || (c == t && !tie)) {
				left += !in[s * p->nrev + r];
				continue;
			}
			if (c == t)
				tie--;
			in[s * p->nrev + r] = 1;
		}
	}
	return left;
}

static double pi_of(const glp_graph *g, int v)
{
	return ((const struct vdata *)g->v[v]->data)->pi;
}

/* The reduced cost of pair (s, r) under the potentials of g's optimum. */
static double reduced(const struct assign_problem *p, const glp_graph *g, size_t s, size_t r)
{
	return (double)p->cost[s * p->nrev + r] - pi_of(g, (int)s + 2) +
	       pi_of(g, (int)(p->nsub + 2 + r));
}

/*
 * Adds to in[], for each submission, its candidates(p) open pairs
 * left out with the most negative reduced costs under the potentials of
 * g's optimum; returns how many. None means that optimum is optimal for
 * the whole problem (the left-out arcs, at flow 0, satisfy the
 * optimality conditions).
 */
static size_t price_out(const struct assign_problem *p, const struct rest *x, glp_graph *g,
			unsigned char *in)
{
	size_t added = 0;

	for (size_t s = 0; s < p->nsub; s++) {
		for (size_t n = 0; x->need[s] && n < candidates(p); n++) {
			double best = -1e-9;
			size_t pick = p->nrev;

			for (size_t r = 0; r < p->nrev; r++) {
				double d;

				if (in[s * p->nrev + r] || !open_pair(p, x, s, r))
					continue;
				d = reduced(p, g, s, r);
				if (d < best) {
					best = d;
					pick = r;
				}
			}
			if (pick == p->nrev)
				break;
			in[s * p->nrev + pick] = 1;
			added++;
		}
	}
	return added;
}

/* Reads the flow of the submission -> reviewer arcs into out. */
static void read_flow(const struct assign_problem *p, glp_graph *g, struct assign_result *out)
{
	int ns = (int)p->nsub;

	for (int s = 0; s < ns; s++) {
		size_t k = (size_t)s * p->reviews, end = k + p->reviews;

		while (k < end && out->reviewer[k] != UINT32_MAX)
			k++;
		for (glp_arc *a = g->v[s + 2]->out; a; a = a->t_next) {
			const struct adata *d = a->data;
			size_t r = (size_t)(a->head->i - ns - 2);

			if (d->x < 0.5 || k >= end)
				continue;
			out->reviewer[k++] = (uint32_t)r;
			out->load[r]++;
			out->total_cost += p->cost[(size_t)s * p->nrev + r];
		}
	}
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

static void sort_reviewers(struct assign_result *out)
{
	for (size_t s = 0; s < out->nsub; s++)
		qsort(out->reviewer + s * out->reviews, out->reviews, sizeof(uint32_t), cmp_u32);
}

/* The first submission with fewer eligible reviewers than reviews, or -1. */
static long short_submission(const struct assign_problem *p, const struct assign_result *out)
{
	for (size_t s = 0; s < p->nsub; s++)
		if (out->eligible[s] < p->reviews)
			return (long)s;
	return -1;
}

/* Sets out->missing (> 0) and the message; nothing stays assigned. */
int assign_infeasible(const struct assign_problem *p, struct assign_result *out, size_t flow,
		      size_t total, struct err *e)
{
	size_t want = p->nsub * p->reviews, caps = 0;
	long s = short_submission(p, out);
	char why[200];

	for (size_t r = 0; r < p->nrev; r++)
		caps += p->cap[r];
	out->missing = total - flow;
	out->short_sub = caps < want ? -1 : s;
	if (caps < want)
		snprintf(why, sizeof(why), "the reviewers' load caps add up to %zu", caps);
	else if (s >= 0)
		snprintf(why, sizeof(why), "submission %ld has %u reviewers without a conflict "
			 "for %u reviews", s, out->eligible[s], p->reviews);
	else
		snprintf(why, sizeof(why), "the reviewers without a conflict do not have room "
			 "enough");
	memset(out->reviewer, 0xff, (p->nsub * p->reviews + 1) * sizeof(uint32_t));
	memset(out->load, 0, (p->nrev + 1) * sizeof(unsigned));
	out->total_cost = 0;
	return err_set(e, ERR_CONFLICT, "reviewers", "%zu of %zu review slots cannot be filled: %s",
		       out->missing, want, why);
}

static int maxflow_missing(const struct assign_problem *p, glp_graph *g, size_t total,
			   struct assign_result *out, struct err *e)
{
	double sol = 0;
	int rc = glp_maxflow_ffalg(g, 1, g->nv, A_CAP, &sol, A_X, -1);

	if (rc)
		return err_set(e, ERR_INTERNAL, NULL, "glp_maxflow_ffalg failed (%d)", rc);
	return assign_infeasible(p, out, (size_t)(sol + 0.5), total, e);
}

static int okalg(glp_graph *g, struct err *e)
{
	double sol = 0;
	int rc = glp_mincost_okalg(g, offsetof(struct vdata, rhs), A_LOW, A_CAP, A_COST, &sol, A_X,
				   offsetof(struct vdata, pi));

	if (rc && rc != GLP_ENOPFS)
		return err_set(e, ERR_INTERNAL, NULL, "glp_mincost_okalg failed (%d)", rc);
	return rc;
}

/*
 * The min-cost flow over the cheapest pairs of each submission first
 * (twice as many each time the graph cannot carry every review, until it
 * has every open pair: then its max flow counts the missing slots), then
 * with the pairs whose reduced cost says they would lower the cost, until
 * none does: the optimum of the whole problem on a fraction of its arcs.
 */
static int run(const struct assign_problem *p, const struct rest *x, struct assign_result *out,
	       struct err *e)
{
	unsigned char *in = xcalloc(p->nsub * p->nrev + 1, 1);
	size_t want = candidates(p), left = cheapest_pairs(p, x, want, in);
	glp_graph *g;
	int rc;

	for (;;) {
		g = build(p, x, in);
		out->rounds++;
		out->arcs = (size_t)g->na;
		rc = okalg(g, e);
		if (rc == GLP_ENOPFS && left) {
			want *= 2;
			left = cheapest_pairs(p, x, want, in);
		} else if (rc || price_out(p, x, g, in) == 0) {
			break;
		}
		glp_delete_graph(g);
	}
	if (rc == GLP_ENOPFS)
		rc = maxflow_missing(p, g, x->total, out, e);
	if (rc == 0)
		read_flow(p, g, out);
	glp_delete_graph(g);
	free(in);
	return rc;
}

int assign_solve(const struct assign_problem *p, struct assign_result *out, struct err *e)
{
	struct rest x = {NULL, NULL, 0};
	int rc;

	result_init(p, out);
	rc = check(p, e);
	if (rc == 0)
		rc = fix_pairs(p, out, &x, e);
	if (rc == 0)
		rc = x.total ? run(p, &x, out, e) : 0;
	if (rc == 0)
		sort_reviewers(out);
	free(x.need);
	free(x.room);
	/* GLPK keeps an environment per thread; the server's threads live long */
	glp_free_env();
	return rc;
}
