/*
 * bench_sched.c - benchmark of the meeting scheduler (not a test).
 *
 *  1. small instances (P <= 60, M <= 300): the default solver against the
 *     exact mode (GLPK): share of instances at the optimum, worst gap;
 *  2. large instances (P 5,000, M 40,000, T 24, L 400): weight / upper
 *     bound, time on one core, peak memory, validator verdict;
 *  3. a first-come-first-served greedy (requests in arrival order, each in
 *     the earliest slot where everybody is free: what self-scheduling
 *     does) on the same instances: ratios of meetings scheduled and idle
 *     gaps.
 *
 *  4. medium instances (P 250-750, M 2,000-6,000, 0-60% online): weight
 *     against the best bound proven (ours, or GLPK's weight MIP given a
 *     time limit here only) and against the weight-ordered greedy;
 *  5. the idle-gaps event (P 60, M 240, T 16 in one day, L 15, everyone
 *     on site all day), two sets of six seeds: gaps against the greedy's
 *     and the fewest known (long runs, then GLPK's gaps MIP).
 * Every schedule goes through the validator.
 *
 * usage: bench_sched [--quick | --large | --medium | --gaps | --small] [LIMIT]
 *   (LIMIT: GLPK's seconds per instance for --medium and --gaps)
 */
#include "sched/gen.h"
#include "sched/sched.h"
#include "sched/sched_internal.h"
#include "sched/validate.h"

#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU time of this process: what one core spends, whatever the load. */
static double cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* First come, first served: arrival order, earliest slot that fits. */
static void fcfs(const struct sched_input *in, struct sched_stats *sx)
{
	struct sched_model md;
	struct sched_state st;

	memset(sx, 0, sizeof(*sx));
	if (sched_model_build(&md, in, NULL))
		return;
	sched_state_init(&st, &md, 1);
	for (int32_t m = 0; m < md.nm; m++) {
		if (md.m_kind[m] != MK_FREE)
			continue;
		for (int32_t s = 0; s < md.nt && st.slot[m] < 0; s++)
			if (sched_state_fits(&st, m, s))
				sched_state_assign(&st, m, s);
	}
	st.trail_len = 0;
	sched_assign_tables(&st);
	sched_state_measure(&st, sx);
	sched_state_release(&st);
	sched_model_release(&md);
}

/* The weight-ordered greedy alone (the construction, no search). */
static void greedy_only(const struct sched_input *in, struct sched_stats *sx)
{
	struct sched_model md;
	struct sched_state st;

	memset(sx, 0, sizeof(*sx));
	if (sched_model_build(&md, in, NULL))
		return;
	sched_state_init(&st, &md, 1);
	sched_greedy(&st);
	sched_assign_tables(&st);
	sched_state_measure(&st, sx);
	sched_state_release(&st);
	sched_model_release(&md);
}

/* The fewest idle gaps known at the best weight known: the weight MIP, then
 * the gaps MIP with that weight kept, from the result r. */
static void fewest_gaps(const struct sched_input *in, const struct sched_result *r, double limit,
			int64_t *weight, int64_t *gaps, int64_t *gaps_bound, int64_t *w_bound,
			bool *w_opt)
{
	struct sched_model md;
	struct sched_state st;
	double gap;

	if (sched_model_build(&md, in, NULL))
		return;
	sched_state_init(&st, &md, 1);
	for (int32_t m = 0; m < md.nm; m++)
		if (r->places[m].slot >= 0)
			sched_state_assign(&st, m, md.rank[r->places[m].slot]);
	st.trail_len = 0;
	*w_opt = r->stats.weight >= r->stats.upper_bound;
	if (!*w_opt) {
		struct sched_state alt;

		sched_state_init(&alt, &md, 1);
		for (int32_t m = 0; m < md.nm; m++)
			if (r->places[m].slot >= 0)
				sched_state_assign(&alt, m, md.rank[r->places[m].slot]);
		alt.trail_len = 0;
		sched_exact(&alt, limit, w_opt, &gap, w_bound, NULL);
		if (alt.weight > st.weight) {
			sched_state_release(&st);
			st = alt;
		} else {
			sched_state_release(&alt);
		}
	}
	sched_exact_gaps(&st, limit, 0, gaps_bound, NULL);
	struct sched_stats sx;

	sched_state_measure(&st, &sx);
	*weight = st.weight;
	*gaps = (int64_t)sx.idle_gaps;
	sched_state_release(&st);
	sched_model_release(&md);
}

static size_t violations(const struct sched_input *in, const struct sched_result *r)
{
	struct sched_violation *v = NULL;
	size_t n = 0;

	sched_validate_result(in, r, &v, &n);
	free(v);
	return n;
}

static void small(int count)
{
	int at_opt = 0, proven = 0, bad = 0;
	double worst = 0, t_def = 0, t_ex = 0;

	for (int i = 0; i < count; i++) {
		struct sched_gen_params g;
		struct sched_input in;
		struct sched_result a, b;
		struct sched_options opt;
		double t0;

		sched_gen_defaults(&g);
		g.seed = (uint64_t)i + 1;
		g.people = 20 + (i * 7) % 41;
		g.meetings = g.people * (3 + i % 3);
		if (g.meetings > 300)
			g.meetings = 300;
		g.slots = 8 + (i % 3) * 4;
		g.days = 2;
		g.tables = 3 + i % 6;
		g.online_share = (i % 4) * 0.15;
		sched_input_init(&in);
		sched_result_init(&a);
		sched_result_init(&b);
		if (sched_gen(&g, &in, NULL))
			continue;
		sched_options_init(&opt);
		t0 = now();
		sched_solve(&in, &opt, &a, NULL);
		t_def += now() - t0;
		opt.exact = true;
		opt.time_limit = 20;
		t0 = now();
		sched_solve(&in, &opt, &b, NULL);
		t_ex += now() - t0;
		bad += violations(&in, &a) > 0 || violations(&in, &b) > 0;
		if (b.stats.exact_optimal) {
			double gap = (double)(b.stats.weight - a.stats.weight) / (double)b.stats.weight;

			proven++;
			at_opt += a.stats.weight >= b.stats.weight;
			if (a.stats.weight < b.stats.weight)
				printf("small: instance %d (P %d M %d T %d L %d online %.2f): %lld < %lld\n",
				       i, g.people, g.meetings, g.slots, g.tables, g.online_share,
				       (long long)a.stats.weight, (long long)b.stats.weight);
			if (gap > worst)
				worst = gap;
		}
		sched_result_release(&a);
		sched_result_release(&b);
		sched_input_release(&in);
	}
	printf("small: instances %d, exact proved optimal %d\n", count, proven);
	printf("small: default solver at the optimum %d / %d = %.1f%%\n", at_opt, proven,
	       proven ? 100.0 * at_opt / proven : 0);
	printf("small: worst gap to the optimum %.4f\n", worst);
	printf("small: time default %.3f s, exact %.3f s in total\n", t_def, t_ex);
	printf("small: schedules with violations %d\n", bad);
}

static void large(const char *name, double online_share, uint64_t seed)
{
	struct sched_gen_params g;
	struct sched_input in;
	struct sched_result r;
	struct sched_stats f, gr;
	double t0, t1, c0, c1;

	sched_gen_defaults(&g);
	g.seed = seed;
	g.people = 5000;
	g.meetings = 40000;
	g.slots = 24;
	g.tables = 400;
	g.online_share = online_share;
	sched_input_init(&in);
	sched_result_init(&r);
	if (sched_gen(&g, &in, NULL))
		return;
	t0 = now();
	c0 = cpu();
	sched_solve(&in, NULL, &r, NULL);
	c1 = cpu();
	t1 = now();
	fcfs(&in, &f);
	greedy_only(&in, &gr);
	printf("large %s: P 5000 M 40000 T 24 L 400, online share %.2f\n", name, online_share);
	printf("large %s: time %.3f s CPU (one thread), %.3f s wall\n", name, c1 - c0, t1 - t0);
	printf("large %s: scheduled %zu (%zu on site, %zu online), weight %lld, upper bound %lld, "
	       "ratio %.4f\n", name, r.stats.scheduled, r.stats.onsite, r.stats.online,
	       (long long)r.stats.weight, (long long)r.stats.upper_bound,
	       (double)r.stats.weight / (double)r.stats.upper_bound);
	printf("large %s: idle gaps %zu, people without a meeting %zu, table changes %zu\n", name,
	       r.stats.idle_gaps, r.stats.unmet_people, r.stats.table_changes);
	printf("large %s: fcfs scheduled %zu, weight %lld, idle gaps %zu\n", name, f.scheduled,
	       (long long)f.weight, f.idle_gaps);
	printf("large %s: ratio scheduled ours/fcfs %.3f, weight %.3f, idle gaps ours/fcfs %.3f\n",
	       name, (double)r.stats.scheduled / (double)f.scheduled,
	       (double)r.stats.weight / (double)f.weight,
	       f.idle_gaps ? (double)r.stats.idle_gaps / (double)f.idle_gaps : 0.0);
	printf("large %s: weight-ordered greedy weight %lld (/bound %.4f), idle gaps %zu; ours/greedy "
	       "weight %.4f, idle gaps %.3f\n", name, (long long)gr.weight,
	       (double)gr.weight / (double)r.stats.upper_bound, gr.idle_gaps,
	       (double)r.stats.weight / (double)gr.weight,
	       gr.idle_gaps ? (double)r.stats.idle_gaps / (double)gr.idle_gaps : 0.0);
	printf("large %s: validator violations %zu\n", name, violations(&in, &r));
	sched_result_release(&r);
	sched_input_release(&in);
}

/* The weight MIP (GLPK, limit seconds) from r: its best and its bound. */
static void mip_bound(const struct sched_input *in, const struct sched_result *r, double limit,
		      int64_t *best, int64_t *bound, bool *opt)
{
	struct sched_model md;
	struct sched_state st;
	double gap;

	*best = r->stats.weight;
	*bound = r->stats.upper_bound;
	*opt = false;
	if (sched_model_build(&md, in, NULL))
		return;
	sched_state_init(&st, &md, 1);
	for (int32_t m = 0; m < md.nm; m++)
		if (r->places[m].slot >= 0)
			sched_state_assign(&st, m, md.rank[r->places[m].slot]);
	st.trail_len = 0;
	sched_exact(&st, limit, opt, &gap, bound, NULL);
	*best = st.weight;
	if (r->stats.upper_bound < *bound)
		*bound = r->stats.upper_bound;
	sched_state_release(&st);
	sched_model_release(&md);
}

/* Medium events (2,000-6,000 meetings): ours (1 core, CPU) against the
 * weight-ordered greedy, the best bound (ours or GLPK's given limit s). */
static void medium(int32_t people, int32_t meetings, int32_t tables, double online,
		   uint64_t seed, double limit)
{
	struct sched_gen_params g;
	struct sched_input in;
	struct sched_result r;
	struct sched_stats gr;
	int64_t best, bound;
	bool opt;
	double c0, c1;

	sched_gen_defaults(&g);
	g.seed = seed;
	g.people = people;
	g.meetings = meetings;
	g.slots = 24;
	g.tables = tables;
	g.online_share = online;
	sched_input_init(&in);
	sched_result_init(&r);
	if (sched_gen(&g, &in, NULL))
		return;
	c0 = cpu();
	sched_solve(&in, NULL, &r, NULL);
	c1 = cpu();
	greedy_only(&in, &gr);
	mip_bound(&in, &r, limit, &best, &bound, &opt);
	printf("medium P %d M %d L %d online %.1f seed %llu: weight %lld, ours bound %lld, "
	       "%.3f s CPU, gaps %zu | greedy %lld gaps %zu | GLPK %.0f s best %lld bound %lld%s | "
	       "weight/bound %.4f, /GLPK best %.4f, greedy/bound %.4f | violations %zu\n",
	       people, meetings, tables, online, (unsigned long long)seed,
	       (long long)r.stats.weight, (long long)r.stats.upper_bound, c1 - c0,
	       r.stats.idle_gaps, (long long)gr.weight, gr.idle_gaps, limit, (long long)best,
	       (long long)bound, opt ? " optimal" : "", (double)r.stats.weight / (double)bound,
	       (double)r.stats.weight / (double)best, (double)gr.weight / (double)bound,
	       violations(&in, &r));
	fflush(stdout);
	sched_result_release(&r);
	sched_input_release(&in);
}

/* A pure on-site event: P 60, M 240, T 16 (one day), L 15, everyone
 * available all day, no caps. Idle gaps at the optimum weight: ours, the
 * weight-ordered greedy's, and the fewest known (three runs at 10 times
 * the effort, then the gaps MIP from the best, limit seconds). */
static void gaps_event(uint64_t seed, double skew, double limit)
{
	struct sched_gen_params g;
	struct sched_input in;
	struct sched_result r, lr, best;
	struct sched_options o;
	struct sched_stats gr;
	int64_t fw = 0, fg = 0, gb = 0, wb = 0;
	bool wopt = false;
	double c0, c1;

	sched_gen_defaults(&g);
	g.seed = seed;
	g.people = 60;
	g.meetings = 240;
	g.slots = 16;
	g.days = 1;
	g.tables = 15;
	g.online_share = 0;
	g.partial_share = 0;
	g.cap_share = 0;
	g.skew = skew;
	sched_input_init(&in);
	sched_result_init(&r);
	sched_result_init(&best);
	if (sched_gen(&g, &in, NULL))
		return;
	c0 = cpu();
	sched_solve(&in, NULL, &r, NULL);
	c1 = cpu();
	greedy_only(&in, &gr);
	sched_options_init(&o);
	o.effort = 1000;
	for (o.seed = 1; o.seed <= 3; o.seed++) {
		sched_result_init(&lr);
		sched_solve(&in, &o, &lr, NULL);
		if (best.n_places == 0 || lr.stats.weight > best.stats.weight ||
		    (lr.stats.weight == best.stats.weight && lr.stats.idle_gaps < best.stats.idle_gaps)) {
			sched_result_release(&best);
			best = lr;
		} else {
			sched_result_release(&lr);
		}
	}
	fewest_gaps(&in, &best, limit, &fw, &fg, &gb, &wb, &wopt);
	if (fw == r.stats.weight && (int64_t)r.stats.idle_gaps < fg)
		fg = (int64_t)r.stats.idle_gaps;
	printf("gaps seed %llu skew %.1f: weight %lld / bound %lld, idle gaps %zu, %.3f s CPU | "
	       "greedy weight %lld gaps %zu | fewest known: weight %lld%s gaps %lld (GLPK bound "
	       "%lld) | gaps / fewest %.2f, / greedy %.2f | violations %zu\n",
	       (unsigned long long)seed, skew, (long long)r.stats.weight,
	       (long long)r.stats.upper_bound, r.stats.idle_gaps, c1 - c0, (long long)gr.weight,
	       gr.idle_gaps, (long long)fw, wopt ? " (optimal)" : "", (long long)fg, (long long)gb,
	       fg ? (double)r.stats.idle_gaps / (double)fg : 0.0,
	       gr.idle_gaps ? (double)r.stats.idle_gaps / (double)gr.idle_gaps : 0.0,
	       violations(&in, &r));
	fflush(stdout);
	sched_result_release(&best);
	sched_result_release(&r);
	sched_input_release(&in);
}

static void gaps_events(double limit)
{
	/* two sets of seeds, popular people (skew 0.6) and uniform demand */
	for (uint64_t seed = 1; seed <= 6; seed++)
		gaps_event(seed, 0.6, limit);
	for (uint64_t seed = 1; seed <= 6; seed++)
		gaps_event(seed, 0.0, limit);
}

static void medium_events(double limit)
{
	for (int k = 0; k < 3; k++) {
		medium(250, 2000, 20, 0.3 * k, 11 + (uint64_t)k, limit);
		medium(500, 4000, 40, 0.3 * k, 21 + (uint64_t)k, limit);
		medium(750, 6000, 60, 0.3 * k, 31 + (uint64_t)k, limit);
	}
}

int main(int argc, char **argv)
{
	struct rusage ru;
	const char *what = argc > 1 ? argv[1] : "";
	double limit = argc > 2 ? strtod(argv[2], NULL) : 0;
	bool quick = strcmp(what, "--quick") == 0, all = !*what || quick;

	if (all || strcmp(what, "--large") == 0) {
		large("onsite", 0.0, 2);
		large("hybrid30", 0.3, 3);
		large("hybrid50", 0.5, 1);
	}
	if (all || strcmp(what, "--medium") == 0)
		medium_events(limit > 0 ? limit : quick ? 5 : 30);
	if (all || strcmp(what, "--gaps") == 0)
		gaps_events(limit > 0 ? limit : quick ? 2 : 10);
	if (all || strcmp(what, "--small") == 0)
		small(quick ? 10 : 60);
	getrusage(RUSAGE_SELF, &ru);
	printf("peak memory (ru_maxrss) %ld MiB\n", ru.ru_maxrss / 1024);
	return 0;
}
