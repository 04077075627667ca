/*
 * test_sched.c - unit tests of the scheduler: time zones across the March
 * DST change, pre-checks and reasons, locked meetings, incremental
 * re-scheduling, the exact mode and the default solver against brute
 * force, idle-gap compaction (Kempe chains, the gaps MIP), and property
 * tests on random instances.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sched/gen.h"
#include "sched/sched_internal.h"
#include "test_sched_util.h"

#define H(x) ((x) * 60)

/* Chengdu event (Asia/Shanghai): hourly slots 08:00-19:00 on 2027-03-27
 * (Helsinki UTC+2) and 2027-03-29 (Helsinki UTC+3, after the change). */
static void chengdu_event(struct sched_input *in, int tables)
{
	int64_t starts[24];

	for (int d = 0; d < 2; d++)
		for (int h = 0; h < 12; h++)
			starts[d * 12 + h] = tu_time(2027, 3, d ? 29 : 27, 8 + h, 0, 8);
	tu_event(in, "Asia/Shanghai", tables, starts, 24, 60);
}

static int helsinki_offset(const struct sched_slot *s)
{
	return s->start >= tu_time(2027, 3, 28, 1, 0, 0) ? 3 : 2;
}

static void test_helsinki_online_hours_across_dst(void **state)
{
	struct sched_input in;
	struct sched_result r;
	int32_t fi;

	(void)state;
	chengdu_event(&in, 10);
	fi = tu_person(&in, SCHED_ONLINE, "Europe/Helsinki", H(8), H(19));
	for (int i = 0; i < 20; i++)
		tu_meeting(&in, fi, tu_person(&in, SCHED_ONSITE, NULL, SCHED_NO_HOURS, SCHED_NO_HOURS),
			   1 + i % 3, SCHED_MODE_ANY);
	sched_result_init(&r);
	assert_int_equal(sched_input_check(&in, NULL), 0);
	assert_int_equal(sched_solve(&in, NULL, &r, NULL), 0);
	assert_int_equal(tu_violations(&in, &r), 0);
	/* Helsinki 08:00-19:00 is Shanghai 14:00-01:00 before the change (6
	 * slots up to 20:00) and 13:00-00:00 after it (7 slots): 13 fit. */
	assert_int_equal(r.stats.scheduled, 13);
	for (size_t m = 0; m < r.n_places; m++) {
		const struct sched_slot *s;
		int64_t local;

		if (r.places[m].slot < 0)
			continue;
		assert_true(r.places[m].online);
		s = &in.slots[r.places[m].slot];
		local = ((s->start + helsinki_offset(s) * 3600) % 86400) / 60;
		assert_true(local >= H(8));
		assert_true(local + s->minutes <= H(19));
	}
	sched_result_release(&r);
	sched_input_release(&in);
}

static void test_lock_outside_hours_is_rejected(void **state)
{
	struct sched_input in;
	struct sched_result r;
	int32_t fi, cn;

	(void)state;
	chengdu_event(&in, 2);
	fi = tu_person(&in, SCHED_ONLINE, "Europe/Helsinki", H(8), H(19));
	cn = tu_person(&in, SCHED_ONSITE, NULL, SCHED_NO_HOURS, SCHED_NO_HOURS);
	/* 13:00 Shanghai: 07:00 in Helsinki on 03-27, 08:00 on 03-29; 09:00
	 * Shanghai on 03-27 is 03:00 in Helsinki. */
	tu_meeting(&in, fi, cn, 1, SCHED_MODE_ANY);
	in.meetings[0].locked_slot = 5;
	tu_meeting(&in, fi, cn, 1, SCHED_MODE_ANY);
	in.meetings[1].locked_slot = 17;
	tu_meeting(&in, fi, cn, 1, SCHED_MODE_ANY);
	in.meetings[2].locked_slot = 1;
	sched_result_init(&r);
	assert_int_equal(sched_solve(&in, NULL, &r, NULL), 0);
	assert_int_equal(r.places[0].slot, -1);
	assert_int_equal(r.places[0].why.kind, SCHED_R_LOCK_HOURS);
	assert_int_equal(r.places[0].why.person, fi);
	assert_int_equal(r.places[1].slot, 17);
	assert_true(r.places[1].online);
	assert_int_equal(r.places[2].slot, -1);
	assert_int_equal(r.places[2].why.kind, SCHED_R_LOCK_HOURS);
	assert_int_equal(tu_violations(&in, &r), 0);
	sched_result_release(&r);
	sched_input_release(&in);
}

static bool has_warning(const struct sched_result *r, int kind, int32_t index)
{
	for (size_t i = 0; i < r->n_warnings; i++)
		if (r->warnings[i].kind == kind && r->warnings[i].index == index)
			return true;
	return false;
}

static void test_prechecks_and_reasons(void **state)
{
	struct sched_input in;
	struct sched_result r;
	int64_t starts[3] = {tu_time(2026, 5, 13, 9, 0, 8), tu_time(2026, 5, 13, 10, 0, 8),
			     tu_time(2026, 5, 13, 11, 0, 8)};
	int32_t p[8], only0 = 0, only1 = 1;

	(void)state;
	tu_event(&in, "Asia/Shanghai", 1, starts, 3, 30);
	for (int i = 0; i < 8; i++)
		p[i] = tu_person(&in, i == 5 || i == 6 ? SCHED_ONLINE : SCHED_ONSITE,
				 i == 6 ? "Europe/Lisbon" : NULL, i == 6 ? H(8) : SCHED_NO_HOURS,
				 i == 6 ? H(19) : SCHED_NO_HOURS);
	/* p0 asked for 4 meetings, 3 slots; with one table, 5 on-site meetings */
	for (int i = 1; i <= 4; i++)
		tu_meeting(&in, p[0], p[i], 1, SCHED_MODE_ANY);
	tu_meeting(&in, p[1], p[2], 1, SCHED_MODE_ANY);
	tu_available(&in, p[3], &only0, 1);
	tu_available(&in, p[4], &only1, 1);
	tu_meeting(&in, p[3], p[4], 1, SCHED_MODE_ANY);           /* m6: no common slot */
	tu_meeting(&in, p[5], p[2], 1, SCHED_MODE_ONSITE);        /* m7: p5 online */
	tu_meeting(&in, p[6], p[7], 1, SCHED_MODE_ANY);           /* m8: Lisbon 01:00-04:00 */
	in.people[7].max_meetings = 0;
	tu_meeting(&in, p[7], p[1], 1, SCHED_MODE_ANY);           /* m9: cap 0 */
	sched_result_init(&r);
	assert_int_equal(sched_solve(&in, NULL, &r, NULL), 0);
	assert_true(has_warning(&r, SCHED_W_PERSON_SLOTS, p[0]));
	assert_true(has_warning(&r, SCHED_W_TABLES, -1));
	assert_true(has_warning(&r, SCHED_W_NO_WINDOW, p[6]));
	assert_true(has_warning(&r, SCHED_W_MEETING, 5));
	assert_int_equal(r.places[5].why.kind, SCHED_R_NO_COMMON_SLOT);
	assert_int_equal(r.places[6].why.kind, SCHED_R_MODE);
	assert_int_equal(r.places[6].why.person, p[5]);
	assert_int_equal(r.places[7].why.kind, SCHED_R_CAP_ZERO);
	assert_int_equal(r.places[8].why.kind, SCHED_R_CAP_ZERO);
	/* three slots, one table: three of the five on-site meetings */
	assert_int_equal(r.stats.scheduled, 3);
	assert_true(r.stats.upper_bound >= 3 && r.stats.upper_bound <= 3);
	for (size_t m = 0; m < r.n_places; m++) {
		struct buf b;

		if (r.places[m].slot >= 0)
			continue;
		assert_int_not_equal(r.places[m].why.kind, SCHED_R_NONE);
		buf_init(&b, 1024);
		assert_int_equal(sched_reason_text(&in, &r.places[m].why, &b), 0);
		assert_non_null(b.data);
		buf_release(&b);
	}
	assert_int_equal(tu_violations(&in, &r), 0);
	sched_result_release(&r);
	sched_input_release(&in);
}

static void test_online_hours_meeting_reason(void **state)
{
	struct sched_input in;
	struct sched_result r;
	int64_t start = tu_time(2027, 3, 27, 9, 0, 8);
	int32_t a, b;

	(void)state;
	tu_event(&in, "Asia/Shanghai", 1, &start, 1, 30);
	a = tu_person(&in, SCHED_ONLINE, "Europe/Paris", H(8), H(19));
	b = tu_person(&in, SCHED_ONSITE, NULL, SCHED_NO_HOURS, SCHED_NO_HOURS);
	tu_meeting(&in, a, b, 1, SCHED_MODE_ANY);
	sched_result_init(&r);
	assert_int_equal(sched_solve(&in, NULL, &r, NULL), 0);
	assert_int_equal(r.places[0].why.kind, SCHED_R_ONLINE_HOURS);
	assert_int_equal(r.places[0].why.person, a);
	assert_int_equal(r.stats.upper_bound, 0);
	sched_result_release(&r);
	sched_input_release(&in);
}

/* Hours that wrap midnight: New York 20:00-02:00 for a Shanghai event in
 * May (EDT, UTC-4): 09:00 Shanghai is 21:00 the day before in New York,
 * 13:00 is 01:00, 15:00 is 03:00. */
static void test_hours_wrapping_midnight(void **state)
{
	struct sched_input in;
	struct sched_result r;
	int64_t starts[3] = {tu_time(2026, 5, 13, 9, 0, 8), tu_time(2026, 5, 13, 13, 0, 8),
			     tu_time(2026, 5, 13, 15, 0, 8)};
	int32_t ny, cn;

	(void)state;
	tu_event(&in, "Asia/Shanghai", 1, starts, 3, 60);
	ny = tu_person(&in, SCHED_ONLINE, "America/New_York", H(20), H(2));
	cn = tu_person(&in, SCHED_ONSITE, NULL, SCHED_NO_HOURS, SCHED_NO_HOURS);
	for (int i = 0; i < 3; i++)
		tu_meeting(&in, ny, cn, 1, SCHED_MODE_ANY);
	sched_result_init(&r);
	assert_int_equal(sched_solve(&in, NULL, &r, NULL), 0);
	assert_int_equal(r.stats.scheduled, 2);
	assert_int_equal(r.stats.upper_bound, 2);
	for (size_t m = 0; m < r.n_places; m++)
		assert_true(r.places[m].slot != 2);
	assert_int_equal(tu_violations(&in, &r), 0);
	sched_result_release(&r);
	sched_input_release(&in);
}

static void small_event(struct sched_input *in, int slots, int tables)
{
	int64_t starts[16];

	for (int i = 0; i < slots; i++)
		starts[i] = tu_time(2026, 5, 13, 9 + i, 0, 8);
	tu_event(in, "Asia/Shanghai", tables, starts, (size_t)slots, 30);
}

static void test_locked_meetings(void **state)
{
	struct sched_input in;
	struct sched_result r;
	struct sched_options opt;
	int32_t p[6], unavailable = 2;

	(void)state;
	small_event(&in, 4, 2);
	for (int i = 0; i < 6; i++)
		p[i] = tu_person(&in, SCHED_ONSITE, NULL, SCHED_NO_HOURS, SCHED_NO_HOURS);
	tu_meeting(&in, p[0], p[1], 1, SCHED_MODE_ANY);
	in.meetings[0].locked_slot = 3;
	in.meetings[0].locked_table = 2;
	tu_meeting(&in, p[0], p[2], 1, SCHED_MODE_ANY); /* clashes with m1 */
	in.meetings[1].locked_slot = 3;
	tu_meeting(&in, p[3], p[4], 1, SCHED_MODE_ANY); /* p4 not available */
	tu_available(&in, p[4], &unavailable, 1);
	in.meetings[2].locked_slot = 0;
	tu_meeting(&in, p[3], p[5], 1, SCHED_MODE_ANY); /* table 3 of 2 */
	in.meetings[3].locked_slot = 1;
	in.meetings[3].locked_table = 3;
	for (int i = 1; i < 6; i++)
		tu_meeting(&in, p[0], p[i], 5, SCHED_MODE_ANY);
	sched_result_init(&r);
	assert_int_equal(sched_solve(&in, NULL, &r, NULL), 0);
	assert_int_equal(r.places[0].slot, 3);
	assert_int_equal(r.places[0].table, 2);
	assert_int_equal(r.places[1].slot, -1);
	assert_int_equal(r.places[1].why.kind, SCHED_R_LOCK_CLASH);
	assert_int_equal(r.places[1].why.other, 0);
	assert_int_equal(r.places[2].why.kind, SCHED_R_LOCK_UNAVAILABLE);
	assert_int_equal(r.places[2].why.person, p[4]);
	assert_int_equal(r.places[3].why.kind, SCHED_R_LOCK_TABLE);
	/* p0 has slots 0..2 left for its five heavy meetings */
	assert_int_equal(r.stats.scheduled, 4);
	assert_int_equal(r.stats.weight, 16);
	assert_int_equal(r.stats.upper_bound, 16);
	assert_int_equal(tu_violations(&in, &r), 0);
	/* the exact mode keeps the locks too */
	sched_options_init(&opt);
	opt.exact = true;
	assert_int_equal(sched_solve(&in, &opt, &r, NULL), 0);
	assert_true(r.stats.exact_optimal);
	assert_int_equal(r.stats.weight, 16);
	assert_int_equal(r.places[0].slot, 3);
	assert_int_equal(r.places[0].table, 2);
	assert_int_equal(tu_violations(&in, &r), 0);
	sched_result_release(&r);
	sched_input_release(&in);
}

static void to_entries(const struct sched_result *r, struct sched_entry *e, size_t *n)
{
	*n = 0;
	for (size_t m = 0; m < r->n_places; m++) {
		if (r->places[m].slot < 0)
			continue;
		e[*n].meeting = (int32_t)m;
		e[*n].slot = r->places[m].slot;
		e[*n].table = r->places[m].table;
		e[(*n)++].online = r->places[m].online;
	}
}

static void test_incremental(void **state)
{
	struct sched_gen_params g;
	struct sched_input in;
	struct sched_result r1, r2;
	struct sched_options opt;
	struct sched_entry *prev;
	size_t n_prev, kept = 0;
	int32_t moved_person, none = 0;

	(void)state;
	sched_gen_defaults(&g);
	g.people = 40;
	g.meetings = 120;
	g.tables = 6;
	sched_input_init(&in);
	assert_int_equal(sched_gen(&g, &in, NULL), 0);
	sched_result_init(&r1);
	sched_result_init(&r2);
	sched_options_init(&opt);
	opt.effort = 5;
	assert_int_equal(sched_solve(&in, &opt, &r1, NULL), 0);
	prev = xcalloc(in.n_meetings + 1, sizeof(*prev));
	to_entries(&r1, prev, &n_prev);
	assert_true(n_prev > 10);
	/* late change: the first scheduled meeting's first participant is now
	 * only available in slot 0 (a changed availability) */
	moved_person = in.meetings[prev[0].meeting].participants[0];
	none = prev[0].slot == 0 ? 1 : 0;
	tu_available(&in, moved_person, &none, 1);
	opt.previous = prev;
	opt.n_previous = n_prev;
	assert_int_equal(sched_solve(&in, &opt, &r2, NULL), 0);
	assert_int_equal(tu_violations(&in, &r2), 0);
	assert_true(has_warning(&r2, SCHED_W_PREVIOUS, prev[0].meeting));
	for (size_t i = 0; i < n_prev; i++) {
		const struct sched_meeting *m = &in.meetings[prev[i].meeting];
		bool touched = m->participants[0] == moved_person || m->participants[1] == moved_person;

		if (touched)
			continue;
		/* every other published meeting stays where it was */
		assert_int_equal(r2.places[prev[i].meeting].slot, prev[i].slot);
		assert_int_equal(r2.places[prev[i].meeting].table, prev[i].table);
		kept++;
	}
	assert_true(r2.stats.kept >= kept);
	assert_true(r2.stats.moved >= 1);
	/* --free: the previous places are only a start */
	opt.previous_free = true;
	assert_int_equal(sched_solve(&in, &opt, &r2, NULL), 0);
	assert_int_equal(tu_violations(&in, &r2), 0);
	free(prev);
	sched_result_release(&r1);
	sched_result_release(&r2);
	sched_input_release(&in);
}

/* ---- brute force on tiny instances ---- */

struct brute {
	const struct sched_input *in;
	bool ok[16][8];     /* meeting m alone in slot s passes the validator */
	bool online[16][8]; /* and is held online there */
	int busy[16][8];    /* person x slot */
	int count[16];
	int tables[8];
	int64_t best;
};

static void brute_singles(struct brute *b)
{
	const struct sched_input *in = b->in;
	int32_t others[16];

	for (size_t m = 0; m < in->n_meetings; m++) {
		size_t nu = 0;

		for (size_t o = 0; o < in->n_meetings; o++)
			if (o != m)
				others[nu++] = (int32_t)o;
		for (size_t s = 0; s < in->n_slots; s++) {
			for (int online = 0; online < 2; online++) {
				struct sched_entry e = {(int32_t)m, (int32_t)s, online ? 0 : 1, online};
				struct sched_schedule sc = {&e, 1, others, nu};
				struct sched_violation *v;
				size_t n;

				sched_validate(in, &sc, &v, &n);
				free(v);
				if (n == 0) {
					b->ok[m][s] = true;
					b->online[m][s] = online;
				}
			}
		}
	}
}

static void brute_walk(struct brute *b, size_t m, int64_t weight)
{
	const struct sched_input *in = b->in;
	const struct sched_meeting *mt;

	if (m == in->n_meetings) {
		if (weight > b->best)
			b->best = weight;
		return;
	}
	brute_walk(b, m + 1, weight);
	mt = &in->meetings[m];
	for (size_t s = 0; s < in->n_slots; s++) {
		int32_t x = mt->participants[0], y = mt->participants[1];
		bool table = !b->online[m][s];

		if (!b->ok[m][s] || b->busy[x][s] || b->busy[y][s] || (table && b->tables[s] >= in->tables))
			continue;
		if ((in->people[x].max_meetings >= 0 && b->count[x] >= in->people[x].max_meetings) ||
		    (in->people[y].max_meetings >= 0 && b->count[y] >= in->people[y].max_meetings))
			continue;
		b->busy[x][s] = b->busy[y][s] = 1;
		b->count[x]++, b->count[y]++;
		b->tables[s] += table;
		brute_walk(b, m + 1, weight + mt->weight);
		b->busy[x][s] = b->busy[y][s] = 0;
		b->count[x]--, b->count[y]--;
		b->tables[s] -= table;
	}
}

static int64_t brute_optimum(const struct sched_input *in)
{
	struct brute b;

	memset(&b, 0, sizeof(b));
	b.in = in;
	brute_singles(&b);
	brute_walk(&b, 0, 0);
	return b.best;
}

static void tiny_instance(struct sched_input *in, uint64_t seed)
{
	struct sched_gen_params g;

	sched_gen_defaults(&g);
	g.seed = seed;
	g.people = 6 + (int32_t)(seed % 3);
	g.meetings = 6 + (int32_t)(seed % 2);
	g.slots = 3 + (int32_t)(seed % 2);
	g.days = 1;
	g.minutes = 60;
	g.tables = 1 + (int32_t)(seed % 2);
	g.online_share = 0.25;
	g.partial_share = 0.3;
	g.cap_share = 0.3;
	g.max_weight = 4;
	/* from 13:00 Shanghai some slots are inside European hours */
	g.day = 28;
	sched_input_init(in);
	assert_int_equal(sched_gen(&g, in, NULL), 0);
	for (size_t i = 0; i < in->n_slots; i++)
		in->slots[i].start += 4 * 3600;
}

static void test_exact_and_default_match_brute_force(void **state)
{
	int agree = 0;

	(void)state;
	for (uint64_t seed = 1; seed <= 40; seed++) {
		struct sched_input in;
		struct sched_result a, b;
		struct sched_options opt;
		int64_t best;

		tiny_instance(&in, seed);
		best = brute_optimum(&in);
		sched_result_init(&a);
		sched_result_init(&b);
		sched_options_init(&opt);
		opt.effort = 5;
		assert_int_equal(sched_solve(&in, &opt, &a, NULL), 0);
		opt.exact = true;
		opt.time_limit = 5;
		assert_int_equal(sched_solve(&in, &opt, &b, NULL), 0);
		assert_true(b.stats.exact);
		assert_true(b.stats.exact_optimal);
		assert_int_equal(b.stats.weight, best);
		assert_true(a.stats.weight <= best);
		agree += a.stats.weight == best;
		assert_true(a.stats.upper_bound >= best);
		assert_true(b.stats.upper_bound >= best);
		assert_int_equal(tu_violations(&in, &a), 0);
		assert_int_equal(tu_violations(&in, &b), 0);
		sched_result_release(&a);
		sched_result_release(&b);
		sched_input_release(&in);
	}
	/* the default solver reaches the optimum on every tiny instance */
	assert_int_equal(agree, 40);
}

/* ---- properties on random instances ---- */

static void random_locks(struct sched_input *in, uint64_t seed)
{
	for (size_t m = 0; m < in->n_meetings; m += 7 + seed % 5) {
		in->meetings[m].locked_slot = (int32_t)((m * 31 + seed) % in->n_slots);
		if (m % 3 == 0)
			in->meetings[m].locked_table = 1 + (int32_t)(m % 4);
	}
}

static void test_random_instances_validate(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 16; seed++) {
		struct sched_gen_params g;
		struct sched_input in;
		struct sched_result a, b;
		struct sched_options opt;

		sched_gen_defaults(&g);
		g.seed = seed;
		g.people = 20 + (int32_t)(seed * 13 % 100);
		g.meetings = g.people * (2 + (int32_t)(seed % 4));
		g.slots = 6 + (int32_t)(seed * 5 % 30);
		g.days = 1 + (int32_t)(seed % 3);
		g.tables = 1 + (int32_t)(seed * 7 % 12);
		g.online_share = (double)(seed % 5) / 5;
		g.hybrid = seed % 2 == 0;
		g.max_weight = 1 + (int32_t)(seed % 5);
		sched_input_init(&in);
		assert_int_equal(sched_gen(&g, &in, NULL), 0);
		if (seed % 3 == 0)
			random_locks(&in, seed);
		sched_result_init(&a);
		sched_result_init(&b);
		sched_options_init(&opt);
		opt.effort = 3;
		assert_int_equal(sched_solve(&in, &opt, &a, NULL), 0);
		assert_int_equal(tu_violations(&in, &a), 0);
		assert_true(a.stats.weight <= a.stats.upper_bound);
		assert_true(a.stats.upper_bound <= a.stats.total_weight);
		for (size_t m = 0; m < a.n_places; m++)
			assert_true(a.places[m].slot >= 0 || a.places[m].why.kind != SCHED_R_NONE);
		/* deterministic */
		assert_int_equal(sched_solve(&in, &opt, &b, NULL), 0);
		assert_memory_equal(a.places, b.places, a.n_places * sizeof(*a.places));
		sched_result_release(&a);
		sched_result_release(&b);
		sched_input_release(&in);
	}
}

/* A line p1-p2-p3-p4 of meetings over 4 slots of one morning, started as
 * m1 at 09:00, m2 at 12:00, m3 at 10:00 (3 idle gaps); 0 is reachable. */
static void line_event(struct sched_input *in, struct sched_model *md, struct sched_state *st)
{
	int64_t starts[4];

	for (int i = 0; i < 4; i++)
		starts[i] = tu_time(2027, 3, 27, 9 + i, 0, 8);
	tu_event(in, "Asia/Shanghai", 4, starts, 4, 60);
	for (int i = 0; i < 4; i++)
		tu_person(in, SCHED_ONSITE, NULL, SCHED_NO_HOURS, SCHED_NO_HOURS);
	for (int i = 0; i < 3; i++)
		tu_meeting(in, i, i + 1, 1, SCHED_MODE_ONSITE);
	assert_int_equal(sched_model_build(md, in, NULL), 0);
	sched_state_init(st, md, 7);
	sched_state_assign(st, 0, 0);
	sched_state_assign(st, 1, 3);
	sched_state_assign(st, 2, 1);
	st->trail_len = 0;
	assert_int_equal(st->sec, 3);
}

static void test_gap_compaction(void **state)
{
	struct sched_input in;
	struct sched_model md;
	struct sched_state st;
	int64_t bound = -1;

	(void)state;
	line_event(&in, &md, &st);
	sched_kempe(&st, 20000, 0);
	assert_int_equal(st.weight, 3);
	assert_int_equal(st.sec, 0);
	sched_state_release(&st);
	sched_model_release(&md);
	sched_input_release(&in);

	line_event(&in, &md, &st);
	assert_int_equal(sched_exact_gaps(&st, 10, 0, &bound, NULL), 0);
	assert_int_equal(st.weight, 3);
	assert_int_equal(st.sec, 0);
	assert_int_equal(bound, 0);
	sched_state_release(&st);
	sched_model_release(&md);
	sched_input_release(&in);
}

static void test_input_check(void **state)
{
	struct sched_input in;
	struct err e;
	int32_t a, b;

	(void)state;
	small_event(&in, 2, 1);
	a = tu_person(&in, SCHED_ONSITE, NULL, SCHED_NO_HOURS, SCHED_NO_HOURS);
	b = tu_person(&in, SCHED_ONLINE, "Mars/Olympus", H(8), H(19));
	tu_meeting(&in, a, b, 1, SCHED_MODE_ANY);
	assert_int_equal(sched_input_check(&in, &e), ERR_INVALID);
	assert_string_equal(e.field, "participants[1].time_zone");
	free(in.people[1].time_zone);
	in.people[1].time_zone = xstrdup("Europe/Helsinki");
	in.meetings[0].participants[1] = a;
	assert_int_equal(sched_input_check(&in, &e), ERR_INVALID);
	assert_string_equal(e.field, "meetings[0].participants[1]");
	in.meetings[0].participants[1] = b;
	in.slots[1].start = in.slots[0].start + 600;
	assert_int_equal(sched_input_check(&in, &e), ERR_INVALID);
	assert_string_equal(e.field, "event.slots[1].start");
	in.slots[1].start = in.slots[0].start + 3600;
	in.people[1].online_open = H(19);
	in.people[1].online_close = H(19);
	assert_int_equal(sched_input_check(&in, &e), ERR_INVALID);
	assert_string_equal(e.field, "participants[1].online_hours");
	in.people[1].online_close = H(8);
	assert_int_equal(sched_input_check(&in, &e), 0);
	sched_input_release(&in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_helsinki_online_hours_across_dst),
		cmocka_unit_test(test_lock_outside_hours_is_rejected),
		cmocka_unit_test(test_prechecks_and_reasons),
		cmocka_unit_test(test_online_hours_meeting_reason),
		cmocka_unit_test(test_hours_wrapping_midnight),
		cmocka_unit_test(test_locked_meetings),
		cmocka_unit_test(test_incremental),
		cmocka_unit_test(test_exact_and_default_match_brute_force),
		cmocka_unit_test(test_random_instances_validate),
		cmocka_unit_test(test_gap_compaction),
		cmocka_unit_test(test_input_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
