/*
 * gen.c - the instance generator (see gen.h).
 *
 * Days run 09:00-12:00 and from 14:00 in the event's zone. Meetings pair a
 * uniformly drawn requester with an invitee drawn by popularity (a few
 * people are asked a lot, as at real fairs), without repeating a pair.
 */
#include "sched/gen.h"

#include "core/time.h"
#include "core/xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const gen_eu_zones[] = {
	"Europe/Helsinki", "Europe/Berlin", "Europe/Paris", "Europe/Madrid",
	"Europe/Rome", "Europe/Warsaw", "Europe/Lisbon", "Europe/London",
	"Europe/Athens", "Europe/Amsterdam", "Europe/Stockholm", "Europe/Vienna",
};

#define N_EU_ZONES (sizeof(gen_eu_zones) / sizeof(gen_eu_zones[0]))

struct gen {
	uint64_t state;
};

static uint64_t gen_next(struct gen *g)
{
	uint64_t z = (g->state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static double gen_unit(struct gen *g)
{
	return (double)(gen_next(g) >> 11) / 9007199254740992.0;
}

static uint32_t gen_below(struct gen *g, uint32_t n)
{
	return n ? (uint32_t)(gen_next(g) % n) : 0;
}

void sched_gen_defaults(struct sched_gen_params *g)
{
	memset(g, 0, sizeof(*g));
	g->seed = 1;
	g->people = 60;
	g->meetings = 200;
	g->slots = 24;
	g->tables = 15;
	g->days = 2;
	g->minutes = 30;
	g->online_share = 0.3;
	g->hybrid = true;
	g->partial_share = 0.1;
	g->cap_share = 0.1;
	g->skew = 0.6;
	g->max_weight = 3;
	g->time_zone = "Asia/Shanghai";
	g->year = 2027;
	g->month = 3;
	g->day = 27;
}

static char *gen_id(char prefix, int64_t n)
{
	char tmp[24];
	size_t k = sizeof(tmp);

	tmp[--k] = '\0';
	do {
		tmp[--k] = (char)('0' + n % 10);
		n /= 10;
	} while (n && k > 1);
	tmp[--k] = prefix;
	return xstrdup(tmp + k);
}

static int gen_slots(const struct sched_gen_params *p, struct sched_input *in)
{
	struct time_zone *z = time_zone_open(p->time_zone);
	int32_t per_day = (p->slots + p->days - 1) / p->days, morning = 180 / p->minutes;
	int rc = 0;

	if (!z)
		return ERR_INVALID;
	in->slots = xcalloc((size_t)p->slots + 1, sizeof(*in->slots));
	in->n_slots = (size_t)p->slots;
	for (int32_t i = 0; i < p->slots && rc == 0; i++) {
		int32_t d = i / per_day, k = i % per_day;
		int32_t start = k < morning ? 540 + k * p->minutes : 840 + (k - morning) * p->minutes;

		in->slots[i].id = gen_id('s', i + 1);
		rc = time_zone_instant(z, p->year, p->month, p->day, start / 60, start % 60, d,
				       &in->slots[i].start);
		in->slots[i].minutes = p->minutes;
	}
	time_zone_free(z);
	return rc;
}

static void gen_person(const struct sched_gen_params *p, struct gen *g, struct sched_person *ps,
		       int32_t i)
{
	ps->id = gen_id('p', i + 1);
	ps->attendance = gen_unit(g) < p->online_share ? SCHED_ONLINE : SCHED_ONSITE;
	ps->all_available = true;
	ps->max_meetings = SCHED_NO_CAP;
	ps->online_open = ps->online_close = SCHED_NO_HOURS;
	if (ps->attendance == SCHED_ONLINE && p->hybrid) {
		ps->time_zone = xstrdup(gen_eu_zones[gen_below(g, N_EU_ZONES)]);
		ps->online_open = 8 * 60;
		ps->online_close = 19 * 60;
	}
	if (gen_unit(g) < p->partial_share) {
		int32_t per_day = (p->slots + p->days - 1) / p->days;
		int32_t away = p->days > 1 ? (int32_t)gen_below(g, (uint32_t)p->days) : -1;

		ps->all_available = false;
		ps->available = xmalloc(((size_t)p->slots + 1) * sizeof(int32_t));
		for (int32_t s = 0; s < p->slots; s++)
			if (away >= 0 ? s / per_day != away : gen_unit(g) < 0.75)
				ps->available[ps->n_available++] = s;
	}
	if (gen_unit(g) < p->cap_share)
		ps->max_meetings = p->slots / 3 + (int32_t)gen_below(g, (uint32_t)(p->slots / 3 + 1));
}

static int gen_check(const struct sched_gen_params *p, struct err *e)
{
	if (p->people < 2 || p->slots < 1 || p->tables < 0 || p->days < 1 || p->days > p->slots)
		return err_set(e, ERR_INVALID, "gen", "people >= 2, slots >= 1, 1 <= days <= slots");
	if (p->minutes < 5 || p->minutes > 180 || p->max_weight < 1 ||
	    p->max_weight > SCHED_MAX_WEIGHT)
		return err_set(e, ERR_INVALID, "gen", "minutes 5..180, max_weight 1..%d",
			       SCHED_MAX_WEIGHT);
	if (p->meetings < 0 || (double)p->meetings > (double)p->people * (p->people - 1) / 4)
		return err_set(e, ERR_INVALID, "gen", "meetings must be <= P(P-1)/4");
	if (!time_zone_known(p->time_zone))
		return err_set(e, ERR_INVALID, "gen", "unknown time zone");
	return 0;
}

struct pair_set {
	uint64_t *keys; /* 0 = empty */
	size_t mask;
};

static bool pair_add(struct pair_set *ps, uint64_t key)
{
	size_t h = (size_t)((key * 0x9e3779b97f4a7c15ull) >> 17) & ps->mask;

	while (ps->keys[h]) {
		if (ps->keys[h] == key)
			return false;
		h = (h + 1) & ps->mask;
	}
	ps->keys[h] = key;
	return true;
}

/* Popularity by rank, rank r weighing 1 / (r + 1)^skew, ranks shuffled. */
static int32_t pick_popular(struct gen *g, const double *cum, const int32_t *perm, int32_t n)
{
	double u = gen_unit(g) * cum[n - 1];
	int32_t lo = 0, hi = n - 1;

	while (lo < hi) {
		int32_t mid = (lo + hi) / 2;

		if (cum[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return perm[lo];
}

static void gen_meetings(const struct sched_gen_params *p, struct gen *g, struct sched_input *in)
{
	int32_t n = p->people;
	double *cum = xmalloc((size_t)n * sizeof(double));
	int32_t *perm = xmalloc((size_t)n * sizeof(int32_t));
	struct pair_set set;
	size_t size = 16;

	while (size < (size_t)p->meetings * 2 + 16)
		size *= 2;
	set.keys = xcalloc(size, sizeof(uint64_t));
	set.mask = size - 1;
	for (int32_t i = 0; i < n; i++) {
		int32_t j = (int32_t)gen_below(g, (uint32_t)i + 1);

		perm[i] = perm[j];
		perm[j] = i;
		cum[i] = (i ? cum[i - 1] : 0) + pow(i + 1.0, -p->skew);
	}
	in->meetings = xcalloc((size_t)p->meetings + 1, sizeof(*in->meetings));
	while (in->n_meetings < (size_t)p->meetings) {
		int32_t a = (int32_t)gen_below(g, (uint32_t)n), b = pick_popular(g, cum, perm, n);
		struct sched_meeting *m;
		double u = gen_unit(g), mode = gen_unit(g);

		if (a == b || !pair_add(&set, (uint64_t)(a < b ? a : b) * (uint64_t)n +
						       (uint64_t)(a < b ? b : a) + 1))
			continue;
		m = &in->meetings[in->n_meetings];
		m->id = gen_id('m', (int64_t)++in->n_meetings);
		m->participants = xmalloc(2 * sizeof(int32_t));
		m->participants[0] = a;
		m->participants[1] = b;
		m->n_participants = 2;
		m->weight = 1 + (int64_t)(p->max_weight * u * u);
		if (m->weight > p->max_weight)
			m->weight = p->max_weight;
		m->mode = mode < 0.05 ? SCHED_MODE_ONLINE : SCHED_MODE_ANY;
		m->locked_slot = -1;
	}
	free(set.keys);
	free(perm);
	free(cum);
}

int sched_gen(const struct sched_gen_params *p, struct sched_input *out, struct err *e)
{
	struct gen g = {p->seed * 0x2545f4914f6cdd1dull + 17};
	int rc = gen_check(p, e);

	if (rc)
		return rc;
	out->time_zone = xstrdup(p->time_zone);
	out->tables = p->tables;
	if (gen_slots(p, out)) {
		sched_input_release(out);
		return err_set(e, ERR_INVALID, "gen", "cannot lay out the slots");
	}
	out->people = xcalloc((size_t)p->people + 1, sizeof(*out->people));
	out->n_people = (size_t)p->people;
	for (int32_t i = 0; i < p->people; i++)
		gen_person(p, &g, &out->people[i], i);
	gen_meetings(p, &g, out);
	return 0;
}
