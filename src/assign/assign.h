/*
 * assign.h - review assignment for challenges: which jury members review
 * which submissions (pure: no I/O).
 *
 * The problem is a min-cost flow, solved by GLPK's graph API
 * (glp_mincost_okalg; no hand-written solver; glp_mincost_relax4 is
 * disabled in Debian's GLPK 5.0: it aborts): the source gives each
 * submission the reviews it still needs, each submission sends one unit
 * to each reviewer it may have (cost: how little the reviewer's expertise
 * covers the submission), each reviewer passes at most its remaining load
 * cap to the sink. A conflicted pair has no arc, so it is never assigned;
 * a fixed pair (an organiser's override) is taken out of the flow before
 * the solve and counted in the result, and the rest is solved around it.
 * The flow is integral, so the optimum is an assignment. The solver
 * starts on each submission's cheapest pairs and adds the pairs whose
 * reduced cost (from the optimum's node potentials) is negative until
 * none is: the same optimum as on every pair, on a fraction of the arcs.
 *
 * When the reviews cannot all be given (too few reviewers without a
 * conflict, caps too low) nothing is assigned: the result says how many
 * review slots are missing (from GLPK's max flow, glp_maxflow_ffalg) and
 * why, and assign_solve returns ERR_CONFLICT; it never returns a partial
 * assignment as a solution.
 *
 * GLPK: assign_solve frees the calling thread's GLPK environment before it
 * returns (glp_free_env: the server's threads live long), so a caller
 * must hold no GLPK object across the call.
 *
 * Indices: submissions 0..nsub-1 and reviewers 0..nrev-1, as in the
 * caller's arrays; pair (s, r) is entry s * nrev + r of the matrices.
 *
 * Ownership: the problem's arrays are the caller's (borrowed for the
 * call); a result owns its arrays (assign_result_release frees them).
 */
#ifndef LIAISON_ASSIGN_ASSIGN_H
#define LIAISON_ASSIGN_ASSIGN_H

#include "core/err.h"

#include <stddef.h>
#include <stdint.h>

/* The cost of a pair: 0 (the expertise covers the submission) to this. */
#define ASSIGN_COST_MAX 100
/* At most this many submissions x reviewers (a 2,000 x 300 call is 600,000). */
#define ASSIGN_MAX_PAIRS ((size_t)20000000)
#define ASSIGN_MAX_REVIEWS 50

enum assign_pair {
	ASSIGN_FREE = 0,     /* the solver decides */
	ASSIGN_CONFLICT = 1, /* never (declared, same organisation, country, agreement, override) */
	ASSIGN_FIXED = 2,    /* always (an organiser's override) */
};

struct assign_problem {
	size_t nsub, nrev;
	unsigned reviews;          /* reviews each submission gets, 1..ASSIGN_MAX_REVIEWS */
	const unsigned *cap;       /* [nrev]: each reviewer's load cap */
	const int *cost;           /* [nsub * nrev]: 0..ASSIGN_COST_MAX */
	const unsigned char *pair; /* [nsub * nrev]: enum assign_pair; NULL = all free */
	/* pairs per submission in the solver's first graph and added per
	 * round (0 = 8 x reviews); any value gives the same optimum */
	size_t candidates;
};

struct assign_result {
	size_t nsub, nrev;
	unsigned reviews;
	/* [nsub * reviews]: submission s's reviewers, ascending, in
	 * reviewer[s * reviews ...]; valid only when missing is 0 */
	uint32_t *reviewer;
	unsigned *load;     /* [nrev]: reviews given to each reviewer */
	int64_t total_cost; /* the sum of the costs of the assigned pairs */
	/* review slots that cannot be filled (0 = complete assignment) */
	size_t missing;
	/* [nsub]: reviewers each submission may have (no conflict, cap > 0) */
	uint32_t *eligible;
	/* when missing > 0: a submission with fewer eligible reviewers than
	 * reviews (the reason of e->msg), or -1 */
	long short_sub;
	/* the solver's work: min-cost flows solved, arcs of the last one */
	unsigned rounds;
	size_t arcs;
};

/*
 * Solves p into *out (initialised here; release it whatever the result).
 * 0 with a complete assignment of minimal total cost. ERR_CONFLICT when
 * some review slots cannot be filled: out->missing says how many and
 * e->msg why ("7 of 6000 review slots cannot be filled: ..."), naming
 * field "reviewers"; out->reviewer is then all UINT32_MAX. ERR_INVALID on
 * a bad problem (a cost out of range, more fixed pairs than reviews or
 * than a cap), naming the field.
 */
int assign_solve(const struct assign_problem *p, struct assign_result *out, struct err *e);

/*
 * The baseline of the benchmark: submissions in turn, each takes its
 * cheapest reviewers that still have room (fixed pairs first). Same
 * result and errors as assign_solve, except that it may fail where a
 * solution exists (ERR_CONFLICT, missing > 0) and its cost is not minimal.
 */
int assign_greedy(const struct assign_problem *p, struct assign_result *out, struct err *e);

/* Frees the arrays of r (a zeroed or released result is fine). */
void assign_result_release(struct assign_result *r);

/*
 * The cost of giving a submission with concepts sub[0..nsub) to a
 * reviewer with expertise exp[0..nexp) (both sorted ascending, without
 * duplicates): ASSIGN_COST_MAX x (1 - the share of the submission's
 * concepts the expertise has), rounded; ASSIGN_COST_MAX when the
 * submission has no concept.
 */
int assign_overlap_cost(const uint32_t *exp, size_t nexp, const uint32_t *sub, size_t nsub);

#endif
