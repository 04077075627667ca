/*
 * bound.c - a proven upper bound on the weight any schedule can reach.
 *
 * With the locked meetings in place, let C be the free meetings that still
 * have a slot where every participant is available, free, inside their
 * hours and (on site) a table is left. Any schedule keeps some K within C
 * and drops D = C \ K. Two families of facts bound w(D) from below:
 *
 *  - person p: the meetings of p that a schedule keeps go to distinct
 *    slots, each in its own feasible set, at most cap_p of them: a
 *    transversal matroid truncated at cap_p. Its heaviest independent set
 *    (greedy by weight, with augmenting paths) weighs B_p, so every
 *    schedule drops at least loss_p = w(C ∩ δ(p)) - B_p of p's meetings.
 *  - tables: at most K_t = sum over slots of the tables left of the
 *    on-site meetings are kept, so at least cap_loss = the weight of C's
 *    on-site meetings beyond the K_t heaviest is dropped.
 *
 * For any y >= 0, z >= 0 with sum_{p in m} y_p + z [m on site] <= 1 for
 * every meeting m (LP duality, weak form):
 *     w(D) >= sum_p y_p loss_p + z cap_loss.
 * We take y_p = min over p's meetings m of (1 - z [m on site]) / r_m, r_m
 * being the number of m's participants with loss > 0, which satisfies the
 * constraint, for z in {0, 1/4, 1/2, 3/4, 1}, and keep the best. The sums
 * are kept in integers scaled by 4 * lcm(1..16), so rounding cannot make
 * the bound wrong. UB = w(locked) + w(C) - ceil(max lower bound on w(D)).
 */
#include "sched/sched_internal.h"

#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define SCALE 720720 /* lcm(1..16): r_m divides it */

struct bound_work {
	const struct sched_state *st;
	uint64_t *cand;     /* nm * nw: residual feasible slots, empty = not in C */
	int32_t *match;     /* per rank: local meeting index, -1 */
	uint64_t *used;     /* nw: slots matched */
	uint64_t *seen;     /* nw: slots visited by the current search */
	int32_t *list;      /* p's candidate meetings, heaviest first */
	uint8_t *is_cand;   /* per meeting: in C */
	int64_t *loss;      /* per person */
};

static bool residual(const struct sched_state *st, int32_t m, uint64_t *out)
{
	const struct sched_model *md = st->md;
	const uint64_t *f = md->m_feas + (size_t)m * md->nw;
	bool any = false;

	for (int32_t w = 0; w < md->nw; w++)
		out[w] = f[w];
	for (int32_t k = md->m_poff[m]; k < md->m_poff[m + 1]; k++) {
		int32_t p = md->m_plist[k];

		if (st->count[p] >= md->p_cap[p]) {
			memset(out, 0, (size_t)md->nw * sizeof(*out));
			return false;
		}
		for (int32_t w = 0; w < md->nw; w++)
			out[w] &= ~st->busy[(size_t)p * md->nw + w];
	}
	for (int32_t s = 0; md->m_onsite[m] && s < md->nt; s++)
		if (st->s_n[s] >= st->s_cap[s])
			sched_bit_clear(out, s);
	for (int32_t w = 0; w < md->nw; w++)
		any |= out[w] != 0;
	return any;
}

/* Kuhn's augmenting path for list[i], over bitsets: free slot first. */
static bool augment_from(struct bound_work *bw, int32_t i)
{
	const struct sched_model *md = bw->st->md;
	const uint64_t *r = bw->cand + (size_t)bw->list[i] * md->nw;
	int32_t s;

	for (int32_t w = 0; w < md->nw; w++) {
		uint64_t x = r[w] & ~bw->used[w];

		if (x) {
			s = w * 64 + __builtin_ctzll(x);
			sched_bit_set(bw->used, s);
			bw->match[s] = i;
			return true;
		}
	}
	for (int32_t w = 0; w < md->nw; w++) {
		uint64_t x;

		while ((x = r[w] & ~bw->seen[w]) != 0) {
			s = w * 64 + __builtin_ctzll(x);
			sched_bit_set(bw->seen, s);
			if (augment_from(bw, bw->match[s])) {
				bw->match[s] = i;
				return true;
			}
		}
	}
	return false;
}

static void match_reset(struct bound_work *bw)
{
	memset(bw->used, 0, (size_t)bw->st->md->nw * sizeof(uint64_t));
}

static bool augment(struct bound_work *bw, int32_t i)
{
	memset(bw->seen, 0, (size_t)bw->st->md->nw * sizeof(uint64_t));
	return augment_from(bw, i);
}

static int weight_desc(const void *a, const void *b, const int64_t *w)
{
	int64_t x = w[*(const int32_t *)a], y = w[*(const int32_t *)b];

	return x > y ? -1 : x < y;
}

/* loss_p: weight of p's candidate meetings beyond the best keepable set. */
static int64_t person_loss(struct bound_work *bw, int32_t p)
{
	const struct sched_model *md = bw->st->md;
	int32_t n = 0, kept = 0, cap = md->p_cap[p] - bw->st->count[p];
	int64_t total = 0, best = 0;

	for (int32_t i = md->p_moff[p]; i < md->p_moff[p + 1]; i++) {
		int32_t m = md->p_mlist[i];

		if (md->m_kind[m] == MK_FREE && sched_popcount(bw->cand + (size_t)m * md->nw, md->nw))
			bw->list[n++] = m;
	}
	/* insertion sort by weight, heaviest first (lists are short) */
	for (int32_t i = 1; i < n; i++)
		for (int32_t j = i; j > 0 && weight_desc(&bw->list[j - 1], &bw->list[j], md->m_w) > 0;
		     j--) {
			int32_t t = bw->list[j];

			bw->list[j] = bw->list[j - 1];
			bw->list[j - 1] = t;
		}
	match_reset(bw);
	for (int32_t i = 0; i < n; i++) {
		total += md->m_w[bw->list[i]];
		if (kept >= cap)
			continue;
		if (augment(bw, i)) {
			kept++;
			best += md->m_w[bw->list[i]];
		}
	}
	return total - best;
}

static int cmp_w_desc(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x > y ? -1 : x < y;
}

/* Weight of the candidate on-site meetings beyond what the tables hold. */
static int64_t table_loss(const struct bound_work *bw)
{
	const struct sched_model *md = bw->st->md;
	int64_t *w = xmalloc(((size_t)md->nm + 1) * sizeof(int64_t));
	int64_t room = 0, loss = 0;
	int32_t n = 0;

	for (int32_t s = 0; s < md->nt; s++)
		room += bw->st->s_cap[s] - bw->st->s_n[s];
	for (int32_t m = 0; m < md->nm; m++)
		if (md->m_onsite[m] && md->m_kind[m] == MK_FREE &&
		    sched_popcount(bw->cand + (size_t)m * md->nw, md->nw))
			w[n++] = md->m_w[m];
	qsort(w, (size_t)n, sizeof(*w), cmp_w_desc);
	for (int32_t i = 0; i < n; i++)
		if (i >= room)
			loss += w[i];
	free(w);
	return loss;
}

/* max over z of sum_p y_p loss_p + z cap_loss, scaled by 4 * SCALE. */
static int64_t scaled_drop(const struct bound_work *bw, int64_t cap_loss)
{
	const struct sched_model *md = bw->st->md;
	int64_t best = 0;

	for (int64_t a = 0; a <= 4; a++) {
		int64_t sum = a * SCALE * cap_loss;

		for (int32_t p = 0; p < md->np; p++) {
			int64_t y = 4 * SCALE; /* y_p scaled */

			if (bw->loss[p] == 0)
				continue;
			for (int32_t i = md->p_moff[p]; i < md->p_moff[p + 1]; i++) {
				int32_t m = md->p_mlist[i], r = 0;

				if (md->m_kind[m] != MK_FREE ||
				    !sched_popcount(bw->cand + (size_t)m * md->nw, md->nw))
					continue;
				for (int32_t k = md->m_poff[m]; k < md->m_poff[m + 1]; k++)
					r += bw->loss[md->m_plist[k]] > 0;
				int64_t lim = (4 - (md->m_onsite[m] ? a : 0)) * (SCALE / r);
				if (lim < y)
					y = lim;
			}
			sum += y * bw->loss[p];
		}
		if (sum > best)
			best = sum;
	}
	return best;
}

/*
 * Lagrangian refinement. Split each candidate meeting's weight among its
 * "agents": its participants and, on site, the tables. Any split with
 * parts >= 0 summing to w_m gives a valid bound: a schedule's weight is the
 * sum over agents of the parts of the meetings it keeps, and each agent
 * keeps a set that is feasible for the agent alone (a person: the
 * truncated transversal matroid above; the tables: at most K_t meetings),
 * whose part-weight is at most that agent's best. So
 *     UB = sum over agents of best(parts).
 * The split starts from the y-rule above and moves, for a few rounds, part
 * of a meeting's weight from the agents that keep it in their best set to
 * those that do not (a projected subgradient step on the dual). Parts are
 * integers in units of 1/2^20, so the sum stays exact.
 */
#define UNIT ((int64_t)1 << 20)

struct tkey {
	int64_t part;
	int32_t m;
};

struct lagrange {
	struct bound_work *bw;
	int64_t *part;     /* per participation (m_poff index) */
	int64_t *tpart;    /* per meeting: the tables' part */
	uint8_t *sel;      /* per participation: kept by the person */
	uint8_t *tsel;     /* per meeting: kept by the tables */
	uint8_t *tight;    /* per person: not every candidate fits */
	int32_t *order;    /* scratch */
	struct tkey *keys; /* scratch */
	int64_t room;      /* tables left over all slots */
	int32_t *pk_off;   /* np + 1: person's candidate participations */
	int32_t *pk;       /* participation index */
	int32_t *pk_m;     /* its meeting */
};

static bool candidate(const struct bound_work *bw, int32_t m)
{
	return bw->is_cand[m] != 0;
}

static int cmp_tkey(const void *a, const void *b)
{
	const struct tkey *x = a, *y = b;

	if (x->part != y->part)
		return x->part > y->part ? -1 : 1;
	return x->m < y->m ? -1 : x->m > y->m;
}

/* Best set of person p under the current parts; returns its part-weight. */
static int64_t person_best(struct lagrange *lg, int32_t p)
{
	struct bound_work *bw = lg->bw;
	const struct sched_model *md = bw->st->md;
	int32_t n = 0, kept = 0, cap = md->p_cap[p] - bw->st->count[p];
	int64_t best = 0;
	int32_t *idx = lg->order;

	if (!lg->tight[p]) {
		for (int32_t i = lg->pk_off[p]; i < lg->pk_off[p + 1]; i++) {
			int32_t k = lg->pk[i];

			lg->sel[k] = lg->part[k] > 0;
			best += lg->part[k];
		}
		return best;
	}
	for (int32_t i = lg->pk_off[p]; i < lg->pk_off[p + 1]; i++) {
		int32_t k = lg->pk[i];

		lg->sel[k] = 0;
		if (lg->part[k] > 0) {
			lg->keys[n].part = lg->part[k];
			lg->keys[n].m = i;
			n++;
		}
	}
	qsort(lg->keys, (size_t)n, sizeof(*lg->keys), cmp_tkey);
	for (int32_t i = 0; i < n; i++) {
		idx[i] = lg->pk[lg->keys[i].m];
		bw->list[i] = lg->pk_m[lg->keys[i].m];
	}
	match_reset(bw);
	for (int32_t i = 0; i < n && kept < cap; i++) {
		if (augment(bw, i)) {
			kept++;
			lg->sel[idx[i]] = 1;
			best += lg->part[idx[i]];
		}
	}
	return best;
}

/* Each person's candidate participations (index into m_plist). */
static void index_people(struct lagrange *lg)
{
	const struct bound_work *bw = lg->bw;
	const struct sched_model *md = bw->st->md;
	int32_t n = 0;

	lg->pk_off = xmalloc(((size_t)md->np + 1) * sizeof(int32_t));
	lg->pk = xmalloc(((size_t)md->m_poff[md->nm] + 1) * sizeof(int32_t));
	lg->pk_m = xmalloc(((size_t)md->m_poff[md->nm] + 1) * sizeof(int32_t));
	for (int32_t p = 0; p < md->np; p++) {
		lg->pk_off[p] = n;
		for (int32_t i = md->p_moff[p]; i < md->p_moff[p + 1]; i++) {
			int32_t m = md->p_mlist[i];

			if (!candidate(bw, m))
				continue;
			for (int32_t k = md->m_poff[m]; k < md->m_poff[m + 1]; k++)
				if (md->m_plist[k] == p) {
					lg->pk[n] = k;
					lg->pk_m[n++] = m;
				}
		}
	}
	lg->pk_off[md->np] = n;
}

/* Moves the k first keys in cmp_tkey order to keys[0..k) (quickselect). */
static void select_top(struct tkey *keys, int32_t n, int32_t k)
{
	int32_t lo = 0, hi = n - 1;

	while (lo < hi) {
		struct tkey pivot = keys[lo + (hi - lo) / 2], t;
		int32_t i = lo, j = hi;

		while (i <= j) {
			while (cmp_tkey(&keys[i], &pivot) < 0)
				i++;
			while (cmp_tkey(&keys[j], &pivot) > 0)
				j--;
			if (i <= j) {
				t = keys[i];
				keys[i++] = keys[j];
				keys[j--] = t;
			}
		}
		if (k - 1 <= j)
			hi = j;
		else if (k - 1 >= i)
			lo = i;
		else
			return;
	}
}

/* Best set of the tables: the room heaviest on-site parts. */
static int64_t tables_best(struct lagrange *lg)
{
	const struct sched_model *md = lg->bw->st->md;
	int32_t n = 0;
	int64_t best = 0;

	for (int32_t m = 0; m < md->nm; m++) {
		lg->tsel[m] = 0;
		if (md->m_onsite[m] && lg->tpart[m] > 0 && candidate(lg->bw, m)) {
			lg->keys[n].part = lg->tpart[m];
			lg->keys[n++].m = m;
		}
	}
	if (n > lg->room) {
		select_top(lg->keys, n, (int32_t)lg->room);
		n = (int32_t)lg->room;
	}
	for (int32_t i = 0; i < n; i++) {
		lg->tsel[lg->keys[i].m] = 1;
		best += lg->keys[i].part;
	}
	return best;
}

/* Moves a share (num/den) of m's weight from keeping to dropping agents. */
static void shift(struct lagrange *lg, int32_t m, int64_t num, int64_t den)
{
	const struct sched_model *md = lg->bw->st->md;
	int32_t a = md->m_poff[m], b = md->m_poff[m + 1], kept = 0, dropped = 0;
	int64_t moved = 0, each, cap = md->m_w[m] * UNIT * num / den;
	bool tables = md->m_onsite[m] != 0;

	for (int32_t k = a; k < b; k++)
		kept += lg->sel[k], dropped += !lg->sel[k];
	if (tables)
		kept += lg->tsel[m], dropped += !lg->tsel[m];
	if (!kept || !dropped)
		return;
	each = cap / kept;
	for (int32_t k = a; k < b; k++) {
		int64_t d = lg->sel[k] ? (lg->part[k] < each ? lg->part[k] : each) : 0;

		lg->part[k] -= d;
		moved += d;
	}
	if (tables && lg->tsel[m]) {
		int64_t d = lg->tpart[m] < each ? lg->tpart[m] : each;

		lg->tpart[m] -= d;
		moved += d;
	}
	each = moved / dropped;
	for (int32_t k = a; k < b; k++)
		if (!lg->sel[k]) {
			lg->part[k] += each;
			moved -= each;
		}
	if (tables && !lg->tsel[m]) {
		lg->tpart[m] += each;
		moved -= each;
	}
	/* the remainder (< dropped units) to the first dropping agent */
	for (int32_t k = a; k < b && moved; k++)
		if (!lg->sel[k]) {
			lg->part[k] += moved;
			moved = 0;
		}
	if (moved)
		lg->tpart[m] += moved;
}

/* Initial split: to the participants without loss, else evenly. */
static void initial_split(struct lagrange *lg)
{
	const struct bound_work *bw = lg->bw;
	const struct sched_model *md = bw->st->md;

	for (int32_t m = 0; m < md->nm; m++) {
		int32_t a = md->m_poff[m], b = md->m_poff[m + 1], free_n = 0;
		int64_t total = md->m_w[m] * UNIT, each;

		if (!candidate(bw, m))
			continue;
		for (int32_t k = a; k < b; k++)
			free_n += bw->loss[md->m_plist[k]] == 0;
		each = total / (free_n ? free_n : b - a);
		for (int32_t k = a; k < b; k++) {
			bool take = free_n ? bw->loss[md->m_plist[k]] == 0 : true;

			lg->part[k] = take ? each : 0;
			total -= lg->part[k];
		}
		for (int32_t k = a; k < b && total; k++)
			if (lg->part[k]) {
				lg->part[k] += total;
				total = 0;
			}
	}
}

/* Weight (UNITs) of the meetings that some agents keep and others do not. */
static int64_t disagreement(const struct lagrange *lg)
{
	const struct sched_model *md = lg->bw->st->md;
	int64_t d = 0;

	for (int32_t m = 0; m < md->nm; m++) {
		int32_t kept = 0, n = md->m_poff[m + 1] - md->m_poff[m];

		if (!candidate(lg->bw, m))
			continue;
		for (int32_t k = md->m_poff[m]; k < md->m_poff[m + 1]; k++)
			kept += lg->sel[k];
		if (md->m_onsite[m])
			kept += lg->tsel[m], n++;
		if (kept > 0 && kept < n)
			d += md->m_w[m] * UNIT;
	}
	return d;
}

/*
 * The step, in thousandths of a meeting's weight: with a target (the
 * weight of a known schedule, in UNITs) a Polyak step that aims to close
 * lambda of the gap; otherwise a geometric decay.
 */
static int64_t next_step(const struct lagrange *lg, int64_t sum, int64_t target, double lambda,
			 int r)
{
	double f;
	int64_t d;

	if (target < 0) {
		f = 0.3;
		for (int i = 0; i < r; i++)
			f *= 0.9;
		return (int64_t)(f * 1000);
	}
	d = disagreement(lg);
	f = d > 0 ? lambda * (double)(sum - target) / (double)d : 0;
	f = f < 0.002 ? 0.002 : f > 0.5 ? 0.5 : f;
	return (int64_t)(f * 1000);
}

/* The Lagrangian bound on the candidates' weight, in UNITs. */
static int64_t lagrange_bound(struct bound_work *bw, int64_t room, int rounds, int64_t target)
{
	const struct sched_model *md = bw->st->md;
	size_t np = (size_t)md->m_poff[md->nm];
	struct lagrange lg;
	int64_t best = INT64_MAX, step;
	double lambda = 2.0;
	int stale = 0;

	memset(&lg, 0, sizeof(lg));
	lg.bw = bw;
	lg.room = room;
	lg.part = xcalloc(np + 1, sizeof(int64_t));
	lg.tpart = xcalloc((size_t)md->nm + 1, sizeof(int64_t));
	lg.sel = xcalloc(np + 1, 1);
	lg.tsel = xcalloc((size_t)md->nm + 1, 1);
	lg.tight = xcalloc((size_t)md->np + 1, 1);
	lg.order = xmalloc((np + (size_t)md->nm + 1) * sizeof(int32_t));
	lg.keys = xmalloc(((size_t)md->nm + 1) * sizeof(*lg.keys));
	for (int32_t p = 0; p < md->np; p++)
		lg.tight[p] = bw->loss[p] > 0;
	index_people(&lg);
	initial_split(&lg);
	for (int r = 0; r < rounds; r++) {
		int64_t sum = tables_best(&lg);

		for (int32_t p = 0; p < md->np; p++)
			sum += person_best(&lg, p);
		if (sum < best) {
			best = sum;
			stale = 0;
		} else if (++stale >= 2) {
			lambda /= 2;
			stale = 0;
		}
		step = next_step(&lg, sum, target, lambda, r);
		for (int32_t m = 0; m < md->nm; m++)
			if (candidate(bw, m))
				shift(&lg, m, step, 1000);
	}
	free(lg.pk_off);
	free(lg.pk);
	free(lg.pk_m);
	free(lg.keys);
	free(lg.order);
	free(lg.tight);
	free(lg.tsel);
	free(lg.sel);
	free(lg.tpart);
	free(lg.part);
	return best;
}

static int64_t table_room(const struct sched_state *st)
{
	int64_t room = 0;

	for (int32_t s = 0; s < st->md->nt; s++)
		room += st->s_cap[s] - st->s_n[s];
	return room;
}

int64_t sched_upper_bound(const struct sched_state *st, int rounds, int64_t target)
{
	const struct sched_model *md = st->md;
	struct bound_work bw;
	int64_t total = st->weight, drop, lag;

	memset(&bw, 0, sizeof(bw));
	bw.st = st;
	bw.cand = xcalloc((size_t)md->nm * md->nw + 1, sizeof(uint64_t));
	bw.match = xmalloc(((size_t)md->nt + 1) * sizeof(int32_t));
	bw.used = xcalloc((size_t)md->nw, sizeof(uint64_t));
	bw.seen = xcalloc((size_t)md->nw, sizeof(uint64_t));
	bw.list = xmalloc(((size_t)md->m_poff[md->nm] + 1) * sizeof(int32_t));
	bw.loss = xcalloc((size_t)md->np + 1, sizeof(int64_t));
	bw.is_cand = xcalloc((size_t)md->nm + 1, 1);
	for (int32_t m = 0; m < md->nm; m++)
		if (md->m_kind[m] == MK_FREE && st->slot[m] < 0 &&
		    residual(st, m, bw.cand + (size_t)m * md->nw)) {
			total += md->m_w[m];
			bw.is_cand[m] = 1;
		}
	for (int32_t p = 0; p < md->np; p++)
		bw.loss[p] = person_loss(&bw, p);
	drop = scaled_drop(&bw, table_loss(&bw));
	total -= (drop + 4 * SCALE - 1) / (4 * SCALE);
	target = target >= 0 ? (target - st->weight) * UNIT : -1;
	lag = st->weight + lagrange_bound(&bw, table_room(st), rounds, target) / UNIT;
	if (lag < total)
		total = lag;
	free(bw.is_cand);
	free(bw.loss);
	free(bw.list);
	free(bw.used);
	free(bw.seen);
	free(bw.match);
	free(bw.cand);
	return total;
}
