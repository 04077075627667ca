/*
 * prepare.c - analysing a corpus and building its indexes, on worker
 * threads where the work is per organisation.
 *
 * 1. analyse every organisation (parallel): languages, words, concepts;
 * 2. give words their ids (one thread, in corpus order, so that ids and
 *    therefore every tie are the same whatever the number of threads);
 * 3. corpus statistics: document frequencies, idf, average length;
 * 4. profiles (parallel): concept values, query vectors, query terms;
 * 5. postings (CSR arrays): concept -> organisations, word ->
 *    organisations (only words that can be query terms).
 */
#include "match/match_int.h"

#include "core/xalloc.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PAR_CHUNK 8
#define PAR_MAX	  64

unsigned m_threads(unsigned threads)
{
	long n;

	if (threads)
		return threads > PAR_MAX ? PAR_MAX : threads;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : (n > PAR_MAX ? PAR_MAX : (unsigned)n);
}

struct par {
	size_t n;
	atomic_size_t next;
	atomic_int rc;
	int (*fn)(void *ctx, size_t i, unsigned t);
	void *ctx;
};

struct par_worker {
	struct par *p;
	unsigned t;
};

static void *par_main(void *arg)
{
	struct par_worker *w = arg;
	struct par *p = w->p;

	for (;;) {
		size_t i = atomic_fetch_add(&p->next, PAR_CHUNK);

		if (i >= p->n)
			break;
		for (size_t j = i; j < i + PAR_CHUNK && j < p->n; j++) {
			int rc;

			if (atomic_load(&p->rc) != 0)
				return NULL;
			rc = p->fn(p->ctx, j, w->t);
			if (rc != 0) {
				int zero = 0;

				atomic_compare_exchange_strong(&p->rc, &zero, rc);
			}
		}
	}
	return NULL;
}

int m_parallel(size_t n, unsigned threads, int (*fn)(void *ctx, size_t i, unsigned t), void *ctx)
{
	struct par p;
	struct par_worker w[PAR_MAX];
	pthread_t tid[PAR_MAX];
	unsigned started = 1;

	p.n = n;
	atomic_init(&p.next, 0);
	atomic_init(&p.rc, 0);
	p.fn = fn;
	p.ctx = ctx;
	if (threads > PAR_MAX)
		threads = PAR_MAX;
	if ((size_t)threads > (n + PAR_CHUNK - 1) / PAR_CHUNK)
		threads = (unsigned)((n + PAR_CHUNK - 1) / PAR_CHUNK);
	w[0].p = &p;
	w[0].t = 0;
	for (unsigned t = 1; t < threads; t++) {
		w[t].p = &p;
		w[t].t = t;
		if (pthread_create(&tid[t], NULL, par_main, &w[t]) != 0)
			break; /* fewer workers: slower, same result */
		started++;
	}
	par_main(&w[0]);
	for (unsigned t = 1; t < started; t++)
		pthread_join(tid[t], NULL);
	return atomic_load(&p.rc);
}

/* ---- steps ---- */

struct prep_ctx {
	struct match_corpus *c;
	struct text_analyzer *ana[PAR_MAX];
	struct text_terms terms[PAR_MAX];
};

static int prep_analyse(void *ctx, size_t i, unsigned t)
{
	struct prep_ctx *p = ctx;

	if (!p->ana[t] && text_analyzer_new(&p->ana[t]) != 0)
		return ERR_INTERNAL;
	return m_analyse_org(p->c, &p->c->orgs[i], p->ana[t], &p->terms[t]);
}

static int prep_profile(void *ctx, size_t i, unsigned t)
{
	struct prep_ctx *p = ctx;

	(void)t;
	m_build_profile(p->c, &p->c->orgs[i], 2);
	return 0;
}

static void prep_stats(struct match_corpus *c)
{
	size_t nterms = text_intern_count(&c->terms), nconcepts = text_thesaurus_count(c->th);
	double words = 0;

	c->term_df = xcalloc(nterms + 1, sizeof(*c->term_df));
	c->concept_df = xcalloc(nconcepts + 1, sizeof(*c->concept_df));
	c->concept_idf = xcalloc(nconcepts + 1, sizeof(*c->concept_idf));
	for (size_t i = 0; i < c->n; i++) {
		const struct m_org *o = &c->orgs[i];

		for (size_t k = 0; k < o->ntf; k++)
			c->term_df[o->tf[k].term]++;
		for (size_t k = 0; k < o->ncw; k++)
			c->concept_df[o->cw[k].concept]++;
		words += o->dl;
	}
	for (size_t k = 0; k < nconcepts; k++)
		c->concept_idf[k] =
		    c->concept_df[k] ? (float)log(1.0 + (double)c->n / c->concept_df[k]) : 0.0f;
	c->avgdl = c->n ? words / (double)c->n : 0;
	c->max_df = (uint32_t)(c->n / MATCH_TERM_DF_DIV);
	if (c->max_df > MATCH_TERM_DF_MAX)
		c->max_df = MATCH_TERM_DF_MAX;
	if (c->max_df < MATCH_TERM_DF_MIN)
		c->max_df = MATCH_TERM_DF_MIN;
}

/* The packed per-organisation data that gathering reads. */
static void prep_hot(struct match_corpus *c)
{
	c->hot = xcalloc(c->n + 1, sizeof(*c->hot));
	for (size_t i = 0; i < c->n; i++) {
		const struct m_org *o = &c->orgs[i];
		struct m_hot *h = &c->hot[i];

		for (size_t k = 0; k < o->ncw; k++)
			if (o->cw[k].concept < MATCH_HOT_CONCEPTS)
				h->bits[o->cw[k].concept / 64] |= (uint64_t)1
								  << (o->cw[k].concept % 64);
		h->mass_b = (float)o->mass_b;
		h->bm25k =
		    (float)(MATCH_BM25_K1 * (1.0 - MATCH_BM25_B +
					     MATCH_BM25_B * o->dl / (c->avgdl > 0 ? c->avgdl : 1)));
		h->kind_group = o->kind_group;
		h->region = o->region;
		h->is_place = o->is_place;
	}
}

/* Postings by region, then key, highest first (ties: corpus order). */
static int cpost_cmp(const void *x, const void *y)
{
	const struct m_cpost *a = x, *b = y;

	if (a->region != b->region)
		return a->region < b->region ? -1 : 1;
	if (a->key != b->key)
		return a->key > b->key ? -1 : 1;
	return (a->org > b->org) - (a->org < b->org);
}

/* The region segments of every concept's postings (cseg). */
static void prep_segments(struct match_corpus *c, size_t k)
{
	c->cseg = xcalloc(k * MATCH_REGIONS + 1, sizeof(*c->cseg));
	for (size_t j = 0; j < k; j++) {
		size_t p = c->coff[j];

		for (size_t r = 0; r < MATCH_REGIONS; r++) {
			c->cseg[j * MATCH_REGIONS + r] = p;
			while (p < c->coff[j + 1] && c->cpost[p].region == r)
				p++;
		}
	}
	c->cseg[k * MATCH_REGIONS] = c->coff[k];
}

/*
 * The concept postings, each list in region segments sorted by what the
 * concept can give an organisation's score (its value over mass^0.2):
 * when a query may visit only part of a long list (rank.c), it sees
 * first, in the regions it prefers, the organisations that may score the
 * highest through the concept.
 */
static void prep_concept_index(struct match_corpus *c)
{
	size_t k = text_thesaurus_count(c->th), total = 0;
	size_t *fill;

	c->coff = xcalloc(k + 2, sizeof(*c->coff));
	for (size_t i = 0; i < c->n; i++)
		for (size_t j = 0; j < c->orgs[i].ncw; j++)
			c->coff[c->orgs[i].cw[j].concept + 1]++;
	for (size_t j = 0; j < k; j++)
		c->coff[j + 1] += c->coff[j];
	total = c->coff[k];
	c->cpost = xmalloc((total + 1) * sizeof(*c->cpost));
	fill = xmalloc((k + 1) * sizeof(*fill));
	memcpy(fill, c->coff, (k + 1) * sizeof(*fill));
	for (size_t i = 0; i < c->n; i++) {
		for (size_t j = 0; j < c->orgs[i].ncw; j++) {
			const struct m_cw *w = &c->orgs[i].cw[j];

			double mb = c->orgs[i].mass_b;

			c->cpost[fill[w->concept]++] = (struct m_cpost){
			    (uint32_t)i, w->roles, c->orgs[i].region,
			    (float)(mb > 0 ? w->v / mb : 0)};
		}
	}
	for (size_t j = 0; j < k; j++)
		if (c->coff[j + 1] - c->coff[j] > 1)
			qsort(c->cpost + c->coff[j], c->coff[j + 1] - c->coff[j], sizeof(*c->cpost),
			      cpost_cmp);
	prep_segments(c, k);
	free(fill);
}

/* 1 when a word can be a query term (see profile.c). */
static int prep_queryable(const struct match_corpus *c, uint32_t term)
{
	return c->term_df[term] >= 2 && c->term_df[term] <= c->max_df;
}

static void prep_term_index(struct match_corpus *c)
{
	size_t k = text_intern_count(&c->terms);
	size_t *fill;

	c->toff = xcalloc(k + 2, sizeof(*c->toff));
	for (size_t i = 0; i < c->n; i++)
		for (size_t j = 0; j < c->orgs[i].ntf; j++)
			if (prep_queryable(c, c->orgs[i].tf[j].term))
				c->toff[c->orgs[i].tf[j].term + 1]++;
	for (size_t j = 0; j < k; j++)
		c->toff[j + 1] += c->toff[j];
	c->tpost = xmalloc((c->toff[k] + 1) * sizeof(*c->tpost));
	fill = xmalloc((k + 1) * sizeof(*fill));
	memcpy(fill, c->toff, (k + 1) * sizeof(*fill));
	for (size_t i = 0; i < c->n; i++) {
		for (size_t j = 0; j < c->orgs[i].ntf; j++) {
			const struct m_tf *t = &c->orgs[i].tf[j];

			if (prep_queryable(c, t->term))
				c->tpost[fill[t->term]++] = (struct m_tpost){(uint32_t)i, t->tf};
		}
	}
	free(fill);
}

int match_corpus_prepare(struct match_corpus *c, unsigned threads, struct err *e)
{
	struct prep_ctx *p;
	unsigned nt = m_threads(threads);
	int rc;

	if (c->prepared)
		return 0;
	p = xcalloc(1, sizeof(*p));
	p->c = c;
	for (unsigned t = 0; t < PAR_MAX; t++)
		text_terms_init(&p->terms[t]);
	rc = m_parallel(c->n, nt, prep_analyse, p);
	for (unsigned t = 0; t < PAR_MAX; t++) {
		text_analyzer_free(p->ana[t]);
		text_terms_release(&p->terms[t]);
	}
	if (rc == 0) {
		for (size_t i = 0; i < c->n; i++)
			m_intern_org(c, &c->orgs[i], 1);
		prep_stats(c);
		rc = m_parallel(c->n, nt, prep_profile, p);
	}
	free(p);
	if (rc != 0) {
		m_corpus_unprepare(c);
		return err_set(e, ERR_INTERNAL, NULL, "text analysis failed (ICU)");
	}
	prep_concept_index(c);
	prep_term_index(c);
	prep_hot(c);
	c->prepared = 1;
	return 0;
}
