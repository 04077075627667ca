/*
 * rank.c - top-k partners of one query.
 *
 * Indexed: the postings of the query's concepts and words accumulate a
 * cheap estimate of the score for every organisation they reach (dense
 * arrays stamped per query, so nothing is cleared between queries); the
 * options->candidates best estimates are then scored exactly (score.c)
 * and the best options->top kept. Long postings (over RANK_LONG entries)
 * of SDGs and of linked (not own) concepts are skipped while gathering:
 * they add little to who the candidates are and most of the cost; the
 * exact score still counts them. Brute force scores every organisation.
 * Ties go to the smaller id, so the output never depends on threads.
 */
#include "match/match_int.h"

#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define RANK_LONG 4096

int m_scratch_init(struct m_scratch *s, size_t n)
{
	memset(s, 0, sizeof(*s));
	if (n == 0)
		return 0;
	s->acc_c = xcalloc(n, sizeof(*s->acc_c));
	s->acc_t = xcalloc(n, sizeof(*s->acc_t));
	s->stamp = xcalloc(n, sizeof(*s->stamp));
	s->touched = xcalloc(n, sizeof(*s->touched));
	return 0;
}

void m_scratch_release(struct m_scratch *s)
{
	free(s->acc_c);
	free(s->acc_t);
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
		s->acc_c[b] = 0;
		s->acc_t[b] = 0;
		s->touched[s->ntouched++] = b;
	}
}

static void gather_concepts(const struct match_corpus *c, const struct m_query *q,
			    struct m_scratch *s)
{
	const struct m_org *a = q->p;

	for (size_t i = 0; i < a->nqc; i++) {
		const struct m_qc *qc = &a->qc[i];
		size_t from = c->coff[qc->concept], to = c->coff[qc->concept + 1];
		int own = qc->via == qc->concept &&
			  text_concept_kind(c->th, qc->concept) != TEXT_CONCEPT_SDG;

		if (!own && to - from > RANK_LONG)
			continue;
		for (size_t k = from; k < to; k++) {
			const struct m_cpost *p = &c->cpost[k];

			touch(s, p->org);
			s->acc_c[p->org] += qc->v < p->v ? qc->v : p->v;
		}
	}
}

static void gather_terms(const struct match_corpus *c, const struct m_query *q,
			 struct m_scratch *s)
{
	const struct m_org *a = q->p;

	for (size_t i = 0; i < a->nqt; i++) {
		uint32_t t = a->qt[i].term;

		for (size_t k = c->toff[t]; k < c->toff[t + 1]; k++) {
			const struct m_tpost *p = &c->tpost[k];

			touch(s, p->org);
			s->acc_t[p->org] += a->qt[i].idf * m_bm25_tf(c, p->tf, c->orgs[p->org].dl);
		}
	}
}

/* The best options->candidates organisations by the gathered estimate. */
static void gather(const struct match_corpus *c, const struct m_query *q,
		   const struct match_options *o, struct m_scratch *s, struct rank_heap *cand)
{
	const struct m_org *a = q->p;

	s->gen++;
	s->ntouched = 0;
	gather_concepts(c, q, s);
	gather_terms(c, q, s);
	for (size_t i = 0; i < s->ntouched; i++) {
		uint32_t b = s->touched[i];
		const struct m_org *ob = &c->orgs[b];
		double est = 0;

		if (b == q->org)
			continue;
		if (a->mass_a > 0 && ob->mass_b > 0)
			est += MATCH_W_CONCEPT * s->acc_c[b] / (a->mass_a * ob->mass_b);
		if (a->qmax > 0)
			est += MATCH_W_TEXT * s->acc_t[b] / (MATCH_TEXT_FULL * a->qmax);
		heap_push(cand, est * m_rule_factor(a, ob, o), b);
	}
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

static void rank_fill(const struct match_corpus *c, const struct m_query *q,
		      struct rank_heap *best, struct match_list *out)
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
		struct rank_heap cand = {NULL, 0, o->candidates, NULL};

		cand.v = o->candidates ? xmalloc(o->candidates * sizeof(*cand.v)) : NULL;
		gather(c, q, o, s, &cand);
		for (size_t i = 0; i < cand.n; i++)
			consider(c, q, o, cand.v[i].org, &best);
		free(cand.v);
	}
	rank_fill(c, q, &best, out);
	free(best.v);
}
