/*
 * profile.c - the vectors an organisation is scored with, once the corpus
 * statistics are known: concept values (strength x kind weight x idf), the
 * query vector (own concepts, and the themes linked to own themes and
 * sectors at a fraction of their strength), and the query terms (the
 * MATCH_QTERMS words with the highest (1 + log tf) x idf, found in at
 * least one other organisation and in at most c->max_df).
 */
#include "match/match_int.h"

#include "core/xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* SDGs are broad and often ticked generously; sectors say less than themes. */
static float kind_weight(enum text_concept_kind k)
{
	return k == TEXT_CONCEPT_THEME ? 1.0f : (k == TEXT_CONCEPT_SECTOR ? 0.6f : 0.4f);
}

/* The share of strength a linked theme gets. */
static float link_weight(enum text_link_kind k)
{
	return k == TEXT_LINK_BROADER ? 0.5f : 0.35f;
}

static int qc_cmp(const void *x, const void *y)
{
	const struct m_qc *a = x, *b = y;

	if (a->concept != b->concept)
	return a->concept < b->concept ? -1 : 1;
	if (a->v != b->v)
		return a->v > b->v ? -1 : 1;
	/* the direct entry first, then the lowest source */
	if ((a->via == a->concept) != (b->via == b->concept))
	return a->via == a->concept ? -1 : 1;
	return (a->via > b->via) - (a->via < b->via);
}

/* Adds the themes linked to cw (a theme or a sector) to v. */
static void expand_one(const struct match_corpus *c, const struct m_cw *cw, struct m_qc *v,
		       size_t *n)
{
	const struct text_link *links;
	size_t nl = text_concept_links(c->th, cw->concept, &links);

	for (size_t i = 0; i < nl; i++) {
		uint32_t k = links[i].concept;

		if (text_concept_kind(c->th, k) != TEXT_CONCEPT_THEME)
			continue;
		v[(*n)++] = (struct m_qc){k, cw->concept, cw->roles,
					  cw->s * link_weight(links[i].kind) * c->concept_idf[k]};
	}
}

static void build_query_concepts(const struct match_corpus *c, struct m_org *o)
{
	size_t cap = o->ncw, n = 0, k = 0;
	struct m_qc *v;

	for (size_t i = 0; i < o->ncw; i++) {
		const struct text_link *links;

		cap += text_concept_links(c->th, o->cw[i].concept, &links);
	}
	if (cap == 0)
		return;
	v = xmalloc(cap * sizeof(*v));
	for (size_t i = 0; i < o->ncw; i++) {
		const struct m_cw *cw = &o->cw[i];

		v[n++] = (struct m_qc){cw->concept, cw->concept, cw->roles, cw->v};
		if (text_concept_kind(c->th, cw->concept) != TEXT_CONCEPT_SDG)
			expand_one(c, cw, v, &n);
	}
	qsort(v, n, sizeof(*v), qc_cmp);
	for (size_t i = 0; i < n; i++)
		if (i == 0 || v[i].concept != v[i - 1].concept)
			v[k++] = v[i];
	o->qc = v;
	o->nqc = k;
}

/* A candidate query term. */
struct qt_cand {
	double w;
	size_t tf; /* index in o->tf */
};

static int qt_cand_cmp(const void *x, const void *y)
{
	const struct qt_cand *a = x, *b = y;

	if (a->w != b->w)
		return a->w > b->w ? -1 : 1;
	return (a->tf > b->tf) - (a->tf < b->tf);
}

static int qt_cmp(const void *x, const void *y)
{
	const struct m_qt *a = x, *b = y;

	return (a->term > b->term) - (a->term < b->term);
}

double m_term_idf(const struct match_corpus *c, uint32_t df)
{
	double n = (double)c->n;

	return log(1.0 + (n - df + 0.5) / (df + 0.5));
}

static void build_query_terms(const struct match_corpus *c, struct m_org *o, uint32_t min_df)
{
	struct qt_cand *cand = o->ntf ? xmalloc(o->ntf * sizeof(*cand)) : NULL;
	size_t n = 0;

	for (size_t i = 0; i < o->ntf; i++) {
		uint32_t df = c->term_df[o->tf[i].term];

		if (df < min_df || df > c->max_df)
			continue;
		cand[n].w = (1.0 + log((double)o->tf[i].tf)) * m_term_idf(c, df);
		cand[n++].tf = i;
	}
	if (n > 1)
		qsort(cand, n, sizeof(*cand), qt_cand_cmp);
	if (n > MATCH_QTERMS)
		n = MATCH_QTERMS;
	o->qt = n ? xmalloc(n * sizeof(*o->qt)) : NULL;
	o->nqt = n;
	o->qmax = 0;
	for (size_t i = 0; i < n; i++) {
		const struct m_tf *t = &o->tf[cand[i].tf];
		const struct m_occ *f = &o->first[cand[i].tf];

		o->qt[i].term = t->term;
		o->qt[i].rank = (uint32_t)i;
		o->qt[i].idf = (float)m_term_idf(c, c->term_df[t->term]);
		o->qt[i].surface = m_pool_add(o, o->texts[f->text].s + f->start, f->end - f->start);
		o->qmax += o->qt[i].idf * (MATCH_BM25_K1 + 1.0);
	}
	if (n > 1)
		qsort(o->qt, n, sizeof(*o->qt), qt_cmp);
	free(cand);
}

void m_build_profile(const struct match_corpus *c, struct m_org *o, uint32_t min_df)
{
	o->mass = 0;
	for (size_t i = 0; i < o->ncw; i++) {
		struct m_cw *cw = &o->cw[i];

		cw->v = cw->s * kind_weight(text_concept_kind(c->th, cw->concept)) *
			c->concept_idf[cw->concept];
		o->mass += cw->v;
	}
	o->mass_a = pow(o->mass, MATCH_QUERY_NORM);
	o->mass_b = pow(o->mass, 1.0 - MATCH_QUERY_NORM);
	build_query_concepts(c, o);
	build_query_terms(c, o, min_df);
	free(o->first);
	o->first = NULL;
}
