/*
 * rank.c - top-k partners of one query.
 *
 * Indexed: the postings of the query's concepts and words accumulate a
 * cheap estimate of the score for every organisation they reach (dense
 * arrays stamped per query, so nothing is cleared between queries); the
 * options->candidates best estimates are then scored exactly (score.c)
 * and the best options->top kept. To bound the work per query on large
 * corpora, the query's own themes and sectors are visited rarest first,
 * up to RANK_BUDGET postings in all (a list is cut at the budget; lists
 * are sorted by value, so the organisations the most about a concept come
 * first), and the postings of linked concepts and SDGs only when short
 * (RANK_LONG): the rare concepts tell most about who the candidates are;
 * the exact score still counts every concept. Words gather candidates
 * through the lists of the query's MATCH_GATHER_TERMS best words that are
 * in at most MATCH_GATHER_DF organisations. On corpora where the lists
 * are short, the candidates are exactly those of the brute force. Brute
 * force scores every organisation.
 * Ties go to the smaller id, so the output never depends on threads.
 */
#include "match/match_int.h"

#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define RANK_LONG   4096 /* linked concepts and SDGs: only postings this short */
#define RANK_BUDGET 4096 /* concept postings visited per query */
#define RANK_REFINE 4	 /* estimates refined per candidate scored exactly */

int m_scratch_init(struct m_scratch *s, size_t n, size_t k)
{
	memset(s, 0, sizeof(*s));
	if (n == 0)
		return 0;
	s->acc_t = xcalloc(n, sizeof(*s->acc_t));
	s->cand = xcalloc(n, sizeof(*s->cand));
	s->qw = xcalloc(k + 1, sizeof(*s->qw));
	s->stamp = xcalloc(n, sizeof(*s->stamp));
	s->touched = xcalloc(n, sizeof(*s->touched));
	return 0;
}

void m_scratch_release(struct m_scratch *s)
{
	free(s->acc_t);
	free(s->cand);
	free(s->qw);
	free(s->stamp);
	free(s->touched);
	text_analyzer_free(s->ana);
	memset(s, 0, sizeof(*s));
}

void m_org_query(const struct match_corpus *c, size_t org, struct m_query *q)
{
	q->org = org;
	q->p = &c->orgs[org];
}

/* ---- a bounded heap keeping the best entries ---- */

struct rank_entry {
	double key;
	uint32_t org;
};

struct rank_heap {
	struct rank_entry *v;
	size_t n, cap;
	const struct match_corpus *c; /* ties by id when set, else by index */
};

/* 1 when a ranks below b (the heap's root is the lowest). */
static int rank_below(const struct rank_heap *h, const struct rank_entry *a,
		      const struct rank_entry *b)
{
	if (a->key != b->key)
		return a->key < b->key;
	if (h->c)
		return strcmp(h->c->orgs[a->org].id, h->c->orgs[b->org].id) > 0;
	return a->org > b->org;
}

static void heap_swap(struct rank_entry *a, struct rank_entry *b)
{
	struct rank_entry t = *a;

	*a = *b;
	*b = t;
}

static void heap_down(struct rank_heap *h, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;

		if (l < h->n && rank_below(h, &h->v[l], &h->v[m]))
			m = l;
		if (r < h->n && rank_below(h, &h->v[r], &h->v[m]))
			m = r;
		if (m == i)
			return;
		heap_swap(&h->v[i], &h->v[m]);
		i = m;
	}
}

static void heap_push(struct rank_heap *h, double key, uint32_t org)
{
	struct rank_entry e = {key, org};
	size_t i;

	if (h->cap == 0)
		return;
	if (h->n == h->cap) {
		if (!rank_below(h, &h->v[0], &e))
			return;
		h->v[0] = e;
		heap_down(h, 0);
		return;
	}
	i = h->n++;
	h->v[i] = e;
	while (i > 0 && rank_below(h, &h->v[i], &h->v[(i - 1) / 2])) {
		heap_swap(&h->v[i], &h->v[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
}

/* Sorts the heap's entries best first (heap sort in place). */
static void heap_sort(struct rank_heap *h)
{
	size_t n = h->n;

	while (h->n > 1) {
		heap_swap(&h->v[0], &h->v[h->n - 1]);
		h->n--;
		heap_down(h, 0);
	}
	h->n = n;
}

/* ---- gathering candidates ---- */

static void touch(struct m_scratch *s, uint32_t b)
{
	if (s->stamp[b] != s->gen) {
		s->stamp[b] = s->gen;
		s->acc_t[b] = 0;
		s->touched[s->ntouched++] = b;
	}
}

/*
 * Touches the organisations of the first max postings of a concept, in
 * the order of key x the query's preference for the posting's region
 * (rf): a merge of the list's region segments.
 */
static size_t gather_posting(const struct match_corpus *c, const struct m_qc *qc, size_t max,
			     const double *rf, struct m_scratch *s)
{
	const size_t *seg = c->cseg + (size_t)qc->concept * MATCH_REGIONS;
	size_t p[MATCH_REGIONS], n = 0;

	if (c->coff[qc->concept + 1] - c->coff[qc->concept] <= max) {
		for (size_t k = c->coff[qc->concept]; k < c->coff[qc->concept + 1]; k++)
			touch(s, c->cpost[k].org);
		return c->coff[qc->concept + 1] - c->coff[qc->concept];
	}
	memcpy(p, seg, sizeof(p));
	while (n < max) {
		int best = -1;
		double bk = -1;

		for (int r = 0; r < MATCH_REGIONS; r++) {
			double key;

			if (p[r] >= seg[r + 1])
				continue;
			key = c->cpost[p[r]].key * rf[r];
			if (key > bk) {
				bk = key;
				best = r;
			}
		}
		if (best < 0)
			break;
		touch(s, c->cpost[p[best]++].org);
		n++;
	}
	return n;
}

/* The query's concept values, for estimates from the concept bit sets. */
static void query_bits(const struct match_corpus *c, const struct m_org *a, struct m_scratch *s,
		       int set)
{
	for (size_t i = 0; i < a->nqc; i++) {
		uint32_t k = a->qc[i].concept;

		if (k >= MATCH_HOT_CONCEPTS)
			continue;
		s->qw[k] = set ? a->qc[i].v : 0.0f;
		if (set)
			s->qbits[k / 64] |= (uint64_t)1 << (k % 64);
		else
			s->qbits[k / 64] = 0;
	}
	(void)c;
}

/* The sum of the query's values of the concepts b has too. */
static double shared_value(const struct m_scratch *s, const struct m_hot *h)
{
	double sum = 0;

	for (size_t w = 0; w < MATCH_HOT_CONCEPTS / 64; w++) {
		uint64_t x = s->qbits[w] & h->bits[w];

		while (x) {
			sum += s->qw[w * 64 + (size_t)__builtin_ctzll(x)];
			x &= x - 1;
		}
	}
	return sum;
}

static size_t posting_len(const struct match_corpus *c, uint32_t concept)
{
	return c->coff[concept + 1] - c->coff[concept];
}

/* Own themes and sectors, rarest first (ties by position). */
struct own_ref {
	size_t len, i;
};

static int own_ref_cmp(const void *x, const void *y)
{
	const struct own_ref *a = x, *b = y;

	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

/*
 * The query's own themes and sectors are visited rarest first, then the
 * short lists of linked concepts and SDGs, RANK_BUDGET postings in all;
 * the list where the budget runs out is visited from its top (the
 * organisations with the highest value for the concept).
 */
static void gather_concepts(const struct match_corpus *c, const struct m_query *q,
			    const struct match_options *o, struct m_scratch *s)
{
	const struct m_org *a = q->p;
	struct own_ref own[64];
	size_t nown = 0, visited = 0;
	double rf[MATCH_REGIONS];

	for (int r = 0; r < MATCH_REGIONS; r++)
		rf[r] = m_rule_factor_of(a->kind_group, a->region, KG_UNKNOWN, (uint8_t)r, o);

	for (size_t i = 0; i < a->nqc && nown < 64; i++) {
		const struct m_qc *qc = &a->qc[i];

		if (qc->via == qc->concept &&
		    text_concept_kind(c->th, qc->concept) != TEXT_CONCEPT_SDG)
			own[nown++] = (struct own_ref){posting_len(c, qc->concept), i};
	}
	qsort(own, nown, sizeof(*own), own_ref_cmp);
	for (size_t k = 0; k < nown && visited < RANK_BUDGET; k++)
		visited += gather_posting(c, &a->qc[own[k].i], RANK_BUDGET - visited, rf, s);
	for (size_t i = 0; i < a->nqc; i++) {
		const struct m_qc *qc = &a->qc[i];
		size_t len = posting_len(c, qc->concept);
		int own_theme = qc->via == qc->concept &&
				text_concept_kind(c->th, qc->concept) != TEXT_CONCEPT_SDG;

		if (own_theme || len > RANK_LONG || visited + len > RANK_BUDGET)
			continue;
		visited += gather_posting(c, qc, len, rf, s);
	}
}

static void gather_terms(const struct match_corpus *c, const struct m_query *q, struct m_scratch *s)
{
	const struct m_org *a = q->p;

	for (size_t i = 0; i < a->nqt; i++) {
		uint32_t t = a->qt[i].term;

		if (a->qt[i].rank >= MATCH_GATHER_TERMS ||
		    c->toff[t + 1] - c->toff[t] > MATCH_GATHER_DF)
			continue;
		float idf = a->qt[i].idf;

		for (size_t k = c->toff[t]; k < c->toff[t + 1]; k++) {
			const struct m_tpost *p = &c->tpost[k];
			float tf = (float)p->tf;

			touch(s, p->org);
			s->acc_t[p->org] +=
			    idf * tf * (float)(MATCH_BM25_K1 + 1.0) / (tf + c->hot[p->org].bm25k);
		}
	}
}

/* 1 when a ranks before b: higher estimate, then lower index. */
static int cand_before(const struct m_cand *a, const struct m_cand *b)
{
	return a->key > b->key || (a->key == b->key && a->org < b->org);
}

static void cand_swap(struct m_cand *a, struct m_cand *b)
{
	struct m_cand t = *a;

	*a = *b;
	*b = t;
}

/*
 * Moves the k best of v[0..n) to v[0..k) (in no order): quickselect with
 * a median-of-three pivot. The set is defined by the strict order of
 * cand_before, so it does not depend on how the selection goes.
 */
static void cand_select(struct m_cand *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n;

	while (hi - lo > 1 && k > lo && k < hi) {
		size_t mid = lo + (hi - lo) / 2, store = lo;
		struct m_cand pivot;

		if (cand_before(&v[hi - 1], &v[lo]))
			cand_swap(&v[hi - 1], &v[lo]);
		if (cand_before(&v[mid], &v[lo]))
			cand_swap(&v[mid], &v[lo]);
		if (cand_before(&v[hi - 1], &v[mid]))
			cand_swap(&v[hi - 1], &v[mid]);
		pivot = v[mid];
		cand_swap(&v[mid], &v[hi - 1]);
		for (size_t i = lo; i < hi - 1; i++)
			if (cand_before(&v[i], &pivot))
				cand_swap(&v[i], &v[store++]);
		cand_swap(&v[store], &v[hi - 1]);
		if (store == k)
			return;
		if (store < k)
			lo = store + 1;
		else
			hi = store;
	}
}

/*
 * The best RANK_REFINE x options->candidates of the n estimates get a
 * second one, with the exact concept part of the score (what the bit
 * sets miss: the candidate's own values, complementarity) and the exact
 * rule factor; returns how many are left.
 */
static size_t refine(const struct match_corpus *c, const struct m_query *q,
		     const struct match_options *o, struct m_scratch *s, size_t n, double tn)
{
	size_t keep = RANK_REFINE * o->candidates;

	if (n <= o->candidates)
		return n;
	if (keep < n) {
		cand_select(s->cand, n, keep);
		n = keep;
	}
	for (size_t i = 0; i < n; i++) {
		const struct m_org *b = &c->orgs[s->cand[i].org];

		s->cand[i].key = (MATCH_W_CONCEPT * m_concept_sim(q->p, b) +
				  tn * s->acc_t[s->cand[i].org]) *
				 m_rule_factor(q->p, b, o);
	}
	return n;
}

/*
 * The best options->candidates organisations by the gathered estimate,
 * in s->cand[0 .. *ncand).
 */
static void gather(const struct match_corpus *c, const struct m_query *q,
		   const struct match_options *o, struct m_scratch *s, size_t *ncand)
{
	const struct m_org *a = q->p;
	double cn = a->mass_a > 0 ? MATCH_W_CONCEPT / a->mass_a : 0;
	double tn = a->qmax > 0 ? MATCH_W_TEXT / (MATCH_TEXT_FULL * a->qmax) : 0;
	double rule[6][4];
	size_t n = 0;

	for (int kg = 0; kg < 6; kg++)
		for (int r = 0; r < 4; r++)
			rule[kg][r] =
			    m_rule_factor_of(a->kind_group, a->region, (uint8_t)kg, (uint8_t)r, o);
	s->gen++;
	s->ntouched = 0;
	query_bits(c, a, s, 1);
	gather_concepts(c, q, o, s);
	gather_terms(c, q, s);
	for (size_t i = 0; i < s->ntouched; i++) {
		uint32_t b = s->touched[i];
		const struct m_hot *h = &c->hot[b];
		double est;

		if (b == q->org)
			continue;
		est = (h->mass_b > 0 ? cn * shared_value(s, h) / h->mass_b : 0) + tn * s->acc_t[b];
		s->cand[n].key = est * rule[h->kind_group][h->region];
		s->cand[n++].org = b;
	}
	query_bits(c, a, s, 0);
	n = refine(c, q, o, s, n, tn);
	if (n > o->candidates) {
		cand_select(s->cand, n, o->candidates);
		n = o->candidates;
	}
	*ncand = n;
}

/* Scores candidate b exactly into the final heap. */
static void consider(const struct match_corpus *c, const struct m_query *q,
		     const struct match_options *o, uint32_t b, struct rank_heap *best)
{
	double score;

	if (b == q->org || m_excluded(c, q->org, b))
		return;
	score = m_score(c, q, b, o);
	if (score > 0 && score >= o->min_score)
		heap_push(best, score, b);
}

static void rank_fill(const struct match_corpus *c, const struct m_query *q, struct rank_heap *best,
		      struct match_list *out)
{
	heap_sort(best);
	out->hits = best->n ? xcalloc(best->n, sizeof(*out->hits)) : NULL;
	out->n = best->n;
	for (size_t i = 0; i < best->n; i++) {
		out->hits[i].org = best->v[i].org;
		out->hits[i].score = best->v[i].key;
		m_reasons(c, q, best->v[i].org, &out->hits[i]);
	}
}

void m_rank(const struct match_corpus *c, const struct m_query *q, const struct match_options *o,
	    int64_t opp, struct m_scratch *s, struct match_list *out)
{
	struct rank_heap best = {NULL, 0, o->top, c};

	out->org = q->org;
	out->opp = opp;
	out->hits = NULL;
	out->n = 0;
	best.v = o->top ? xmalloc(o->top * sizeof(*best.v)) : NULL;
	if (o->brute_force) {
		for (size_t b = 0; b < c->n; b++)
			consider(c, q, o, (uint32_t)b, &best);
	} else {
		size_t n;

		gather(c, q, o, s, &n);
		for (size_t i = 0; i < n; i++)
			consider(c, q, o, s->cand[i].org, &best);
	}
	rank_fill(c, q, &best, out);
	free(best.v);
}
