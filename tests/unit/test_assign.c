/*
 * test_assign.c - unit tests of src/assign: the min-cost flow's total cost
 * against brute force on small random problems (every size of the first
 * graph, so that growing it and pricing pairs in are both exercised), no
 * conflict ever assigned, caps and distinct reviewers, infeasible
 * problems answered with the number of missing slots and no assignment,
 * fixed pairs and the re-run around them, the greedy baseline, and the
 * batch form: conflicts of every kind, costs from multilingual texts,
 * bad fields named.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "assign/assign.h"
#include "assign/batch.h"
#include "core/assets.h"
#include "text/thesaurus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXS 5
#define MAXR 5

static uint64_t rng = 12345;

static unsigned rnd(unsigned n)
{
	rng = rng * 6364136223846793005u + 1442695040888963407u;
	return (unsigned)((rng >> 33) % n);
}

/* Brute force: the most slots that can be filled and the least cost of a complete assignment. */
struct brute {
	const struct assign_problem *p;
	unsigned load[MAXR];
	long best_cost;
	size_t best_filled;
};

static int popcount(unsigned m)
{
	int n = 0;

	for (; m; m &= m - 1)
		n++;
	return n;
}

static void brute(struct brute *b, size_t s, size_t filled, long cost)
{
	const struct assign_problem *p = b->p;

	if (s == p->nsub) {
		if (filled > b->best_filled)
			b->best_filled = filled;
		if (filled == p->nsub * p->reviews && (b->best_cost < 0 || cost < b->best_cost))
			b->best_cost = cost;
		return;
	}
	for (unsigned m = 0; m < (1u << p->nrev); m++) {
		long c = cost;
		int ok = popcount(m) <= (int)p->reviews;

		for (size_t r = 0; ok && r < p->nrev; r++) {
			unsigned char k = p->pair[s * p->nrev + r];

			if (k == ASSIGN_FIXED && !(m & (1u << r)))
				ok = 0;
			if ((m & (1u << r)) && (k == ASSIGN_CONFLICT || b->load[r] >= p->cap[r]))
				ok = 0;
		}
		if (!ok)
			continue;
		for (size_t r = 0; r < p->nrev; r++)
			if (m & (1u << r)) {
				b->load[r]++;
				c += p->cost[s * p->nrev + r];
			}
		brute(b, s + 1, filled + (size_t)popcount(m), c);
		for (size_t r = 0; r < p->nrev; r++)
			if (m & (1u << r))
				b->load[r]--;
	}
}

/* A result that breaks no rule of p: distinct, ascending, no conflict, fixed kept, caps. */
static void check_valid(const struct assign_problem *p, const struct assign_result *r)
{
	unsigned load[MAXR + 300] = {0};
	long cost = 0;

	for (size_t s = 0; s < p->nsub; s++) {
		for (unsigned k = 0; k < p->reviews; k++) {
			uint32_t v = r->reviewer[s * p->reviews + k];

			assert_true(v < p->nrev);
			assert_int_not_equal(p->pair ? p->pair[s * p->nrev + v] : 0, ASSIGN_CONFLICT);
			if (k)
				assert_true(r->reviewer[s * p->reviews + k - 1] < v);
			load[v]++;
			cost += p->cost[s * p->nrev + v];
		}
		for (size_t v = 0; p->pair && v < p->nrev; v++)
			if (p->pair[s * p->nrev + v] == ASSIGN_FIXED) {
				unsigned k = 0;

				while (k < p->reviews && r->reviewer[s * p->reviews + k] != v)
					k++;
				assert_true(k < p->reviews);
			}
	}
	for (size_t v = 0; v < p->nrev; v++) {
		assert_true(load[v] <= p->cap[v]);
		assert_int_equal(load[v], r->load[v]);
	}
	assert_int_equal(cost, r->total_cost);
}

static void random_problem(struct assign_problem *p, unsigned *cap, int *cost,
			   unsigned char *pair)
{
	memset(p, 0, sizeof(*p));
	p->nsub = 1 + rnd(MAXS);
	p->nrev = 2 + rnd(MAXR - 1);
	p->reviews = 1 + rnd(2);
	p->candidates = 1 + rnd(3);
	for (size_t r = 0; r < p->nrev; r++)
		cap[r] = rnd(4);
	for (size_t k = 0; k < p->nsub * p->nrev; k++) {
		cost[k] = (int)rnd(ASSIGN_COST_MAX + 1);
		pair[k] = rnd(6) == 0 ? ASSIGN_CONFLICT : ASSIGN_FREE;
	}
	p->cap = cap;
	p->cost = cost;
	p->pair = pair;
}

static void test_brute_force(void **state)
{
	int complete = 0, infeasible = 0;

	(void)state;
	for (int i = 0; i < 400; i++) {
		unsigned cap[MAXR];
		int cost[MAXS * MAXR];
		unsigned char pair[MAXS * MAXR];
		struct assign_problem p;
		struct assign_result r, g;
		struct brute b = {&p, {0}, -1, 0};
		struct err e;
		int rc, grc;

		random_problem(&p, cap, cost, pair);
		if (i % 3 == 0) /* an organiser's override, where it is allowed */
			for (size_t k = 0; k < p.nsub * p.nrev; k++)
				if (pair[k] == ASSIGN_FREE && cap[k % p.nrev] > 0 && rnd(8) == 0) {
					pair[k] = ASSIGN_FIXED;
					break;
				}
		brute(&b, 0, 0, 0);
		rc = assign_solve(&p, &r, &e);
		grc = assign_greedy(&p, &g, &e);
		if (b.best_cost >= 0) {
			assert_int_equal(rc, 0);
			assert_int_equal(r.missing, 0);
			assert_int_equal(r.total_cost, b.best_cost);
			check_valid(&p, &r);
			if (grc == 0) {
				check_valid(&p, &g);
				assert_true(g.total_cost >= r.total_cost);
			}
			complete++;
		} else {
			assert_int_equal(rc, ERR_CONFLICT);
			assert_string_equal(e.field, "reviewers");
			assert_int_equal(r.missing, p.nsub * p.reviews - b.best_filled);
			assert_int_equal(r.total_cost, 0);
			for (size_t k = 0; k < p.nsub * p.reviews; k++)
				assert_int_equal(r.reviewer[k], UINT32_MAX);
			assert_int_equal(grc, ERR_CONFLICT);
			infeasible++;
		}
		assign_result_release(&r);
		assign_result_release(&g);
	}
	/* both kinds were drawn */
	assert_true(complete > 50);
	assert_true(infeasible > 50);
}

/* The first graph (candidates) changes the work, never the optimum. */
static void test_candidates_same_optimum(void **state)
{
	enum { S = 40, R = 30 };
	static int cost[S * R];
	static unsigned char pair[S * R];
	unsigned cap[R];
	int64_t first = -1;

	(void)state;
	for (size_t k = 0; k < S * R; k++) {
		/* a few reviewers are everybody's cheapest: the first graph is too small */
		cost[k] = (int)(k % R < 4 ? rnd(5) : 20 + rnd(81));
		pair[k] = rnd(10) == 0 ? ASSIGN_CONFLICT : ASSIGN_FREE;
	}
	for (size_t r = 0; r < R; r++)
		cap[r] = 5;
	for (size_t c = 1; c <= 40; c += 3) {
		struct assign_problem p = {S, R, 3, cap, cost, pair, c};
		struct assign_result out;
		struct err e;

		assert_int_equal(assign_solve(&p, &out, &e), 0);
		check_valid(&p, &out);
		if (first < 0)
			first = out.total_cost;
		assert_int_equal(out.total_cost, first);
		if (c == 1)
			assert_true(out.rounds > 1); /* grown or priced */
		assign_result_release(&out);
	}
}

static void test_infeasible_reason(void **state)
{
	unsigned cap[2] = {10, 10};
	int cost[6] = {0};
	struct assign_problem p = {3, 2, 3, cap, cost, NULL, 0};
	struct assign_result r;
	struct err e;

	(void)state;
	assert_int_equal(assign_solve(&p, &r, &e), ERR_CONFLICT);
	assert_int_equal(r.missing, 3);
	assert_non_null(strstr(e.msg, "3 of 9 review slots cannot be filled"));
	assert_non_null(strstr(e.msg, "submission 0 has 2 reviewers"));
	assign_result_release(&r);
	cap[0] = cap[1] = 1;
	p.reviews = 1;
	assert_int_equal(assign_solve(&p, &r, &e), ERR_CONFLICT);
	assert_int_equal(r.missing, 1);
	assert_non_null(strstr(e.msg, "load caps add up to 2"));
	assign_result_release(&r);
}

static void test_fixed_and_rerun(void **state)
{
	unsigned cap[3] = {2, 2, 2};
	int cost[6] = {0, 50, 100, 0, 50, 100};
	unsigned char pair[6] = {0};
	struct assign_problem p = {2, 3, 1, cap, cost, pair, 0};
	struct assign_result r;
	struct err e;

	(void)state;
	assert_int_equal(assign_solve(&p, &r, &e), 0);
	assert_int_equal(r.total_cost, 0);
	assign_result_release(&r);
	pair[0 * 3 + 2] = ASSIGN_FIXED; /* the organiser wants reviewer 2 on submission 0 */
	pair[1 * 3 + 0] = ASSIGN_CONFLICT; /* and not reviewer 0 on submission 1 */
	assert_int_equal(assign_solve(&p, &r, &e), 0);
	assert_int_equal(r.reviewer[0], 2);
	assert_int_equal(r.reviewer[1], 1);
	assert_int_equal(r.total_cost, 150);
	assign_result_release(&r);
	pair[0 * 3 + 1] = ASSIGN_FIXED; /* two fixed for one review */
	assert_int_equal(assign_solve(&p, &r, &e), ERR_INVALID);
	assert_string_equal(e.field, "fixed");
	assign_result_release(&r);
}

static void test_overlap_cost(void **state)
{
	uint32_t a[] = {1, 4, 7}, b[] = {4, 7, 9, 11}, none[] = {0};

	(void)state;
	assert_int_equal(assign_overlap_cost(a, 3, b, 4), 50);
	assert_int_equal(assign_overlap_cost(b, 4, b, 4), 0);
	assert_int_equal(assign_overlap_cost(a, 3, none, 0), ASSIGN_COST_MAX);
	assert_int_equal(assign_overlap_cost(none, 0, b, 4), ASSIGN_COST_MAX);
}

static struct text_thesaurus *th;

static int setup(void **state)
{
	struct asset a = assets_thesaurus();

	(void)state;
	return text_thesaurus_load(&th, a.data, a.len, NULL);
}

static int teardown(void **state)
{
	(void)state;
	text_thesaurus_free(th);
	return 0;
}

static const char batch_doc[] =
	"{\"reviews\": 1, \"load_cap\": 3, \"same_country\": true,"
	" \"reviewers\": ["
	"  {\"id\": \"care\", \"organisation\": \"lyon\", \"country\": \"FR\","
	"   \"expertise\": [\"elderly-care\"]},"
	"  {\"id\": \"parks\", \"organisation\": \"tju\", \"country\": \"CN\","
	"   \"expertise\": [\"industrial-park-renewal\"], \"conflicts\": [\"s4\"]},"
	"  {\"id\": \"any\", \"organisation\": \"aalto\", \"country\": \"FI\"}],"
	" \"submissions\": ["
	"  {\"id\": \"s1\", \"organisation\": \"x\", \"country\": \"DE\","
	"   \"abstract\": \"智慧养老 居家养老服务平台\"},"
	"  {\"id\": \"s2\", \"organisation\": \"lyon\", \"country\": \"ES\","
	"   \"title\": \"Renewal of old industrial parks\"},"
	"  {\"id\": \"s3\", \"organisation\": \"y\", \"country\": \"CN\","
	"   \"themes\": [\"industrial-park-renewal\"]},"
	"  {\"id\": \"s4\", \"organisation\": \"z\", \"country\": \"IT\","
	"   \"themes\": [\"industrial-park-renewal\"]},"
	"  {\"id\": \"s5\", \"organisation\": \"partner\", \"country\": \"PT\","
	"   \"themes\": [\"elderly-care\"]}],"
	" \"agreements\": [[\"partner\", \"lyon\"]]}";

static void test_batch_conflicts_and_costs(void **state)
{
	json_t *doc = json_loads(batch_doc, 0, NULL);
	struct assign_batch b;
	struct assign_result r;
	struct err e;

	(void)state;
	assert_non_null(doc);
	assert_int_equal(assign_batch_parse(&b, doc, th, NULL, &e), 0);
	assert_int_equal(b.conflicts[ASSIGN_BY_ORGANISATION], 1); /* s2 x care */
	assert_int_equal(b.conflicts[ASSIGN_BY_COUNTRY], 1);      /* s3 x parks */
	assert_int_equal(b.conflicts[ASSIGN_BY_DECLARED], 1);     /* s4 x parks */
	assert_int_equal(b.conflicts[ASSIGN_BY_AGREEMENT], 1);    /* s5 x care */
	/* the Chinese abstract is about elderly care */
	assert_int_equal(b.cost[0 * 3 + 0], 0);
	assert_true(b.cost[1 * 3 + 1] <= 50); /* parks, among the concepts of its title */
	assert_int_equal(assign_batch_solve(&b, &r, &e), 0);
	assert_int_equal(r.reviewer[0], 0); /* s1: care */
	assert_int_equal(r.reviewer[1], 1); /* s2: parks (care is of its organisation) */
	assert_int_not_equal(r.reviewer[2], 1); /* s3: not parks (same country) */
	assert_int_not_equal(r.reviewer[3], 1); /* s4: not parks (declared) */
	assert_int_not_equal(r.reviewer[4], 0); /* s5: not care (agreement) */
	assert_int_equal(r.total_cost, 0 + 50 + 100 + 100 + 100);
	assign_result_release(&r);
	assign_batch_release(&b);
	/* caps of one: "any" cannot take s3, s4 and s5 */
	json_object_set_new(doc, "load_cap", json_integer(1));
	assert_int_equal(assign_batch_parse(&b, doc, th, NULL, &e), 0);
	assert_int_equal(assign_batch_solve(&b, &r, &e), ERR_CONFLICT);
	assert_true(r.missing > 0);
	assert_non_null(strstr(e.msg, "review slots cannot be filled"));
	assign_result_release(&r);
	assign_batch_release(&b);
	json_decref(doc);
}

static void expect_bad(const char *patch_key, json_t *patch, const char *field)
{
	json_t *doc = json_loads(batch_doc, 0, NULL);
	struct assign_batch b;
	struct err e;

	json_object_set_new(doc, patch_key, patch);
	assert_int_equal(assign_batch_parse(&b, doc, th, NULL, &e), ERR_INVALID);
	assert_string_equal(e.field, field);
	assign_batch_release(&b);
	json_decref(doc);
}

static void test_batch_bad_input(void **state)
{
	(void)state;
	expect_bad("reviews", json_integer(0), "reviews");
	expect_bad("load_caps", json_integer(3), "load_caps");
	expect_bad("same_country", json_string("yes"), "same_country");
	expect_bad("reviewers", json_array(), "reviewers");
	expect_bad("reviewers", json_pack("[{s:s, s:[s]}]", "id", "r", "expertise", "nope"),
		   "reviewers[0].expertise[0]");
	expect_bad("reviewers", json_pack("[{s:s}, {s:s}]", "id", "r", "id", "r"), "reviewers[1].id");
	expect_bad("reviewers", json_pack("[{s:s, s:[s]}]", "id", "r", "conflicts", "s9"),
		   "reviewers[0].conflicts[0]");
	expect_bad("fixed", json_pack("[{s:s, s:s}]", "submission", "s2", "reviewer", "care"),
		   "fixed[0].reviewer");
	expect_bad("fixed", json_pack("[{s:s, s:s}]", "submission", "s0", "reviewer", "care"),
		   "fixed[0].submission");
	expect_bad("agreements", json_pack("[[s]]", "lyon"), "agreements[0]");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_brute_force),
	    cmocka_unit_test(test_candidates_same_optimum),
	    cmocka_unit_test(test_infeasible_reason),
	    cmocka_unit_test(test_fixed_and_rerun),
	    cmocka_unit_test(test_overlap_cost),
	    cmocka_unit_test(test_batch_conflicts_and_costs),
	    cmocka_unit_test(test_batch_bad_input),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
