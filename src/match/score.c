/*
 * score.c - the score of one pair and its reasons (docs/matching.md).
 *
 * concepts = sum over shared concepts of min(query value, candidate value)
 *            x complementarity of their roles,
 *            divided by mass(query)^0.7 x mass(candidate)^0.3 (at most 1);
 * text     = BM25 of the query terms in the candidate, divided by half the
 *            most the query terms can reach (at most 1);
 * score    = (0.8 concepts + 0.2 text) x kind preference x cross-border
 *            preference.
 * The index (rank.c) only chooses which candidates to score; every score
 * comes from m_score, so indexed and brute-force runs agree exactly.
 */
#include "match/match_int.h"

#include "core/xalloc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Complementarity [query role][candidate role]: general, offer, request. */
static const double comp_any[3][3] = {
    {0.8, 0.8, 0.8},
    {0.8, 0.6, 1.0},
    {0.8, 1.0, 0.6},
};
/* Between two cities or regions a shared interest or need suits twinning. */
static const double comp_places[3][3] = {
    {1.0, 0.9, 0.9},
    {0.9, 0.6, 1.0},
    {0.9, 1.0, 1.0},
};

/* comp[places][ra][rb] for every pair of role sets, built once. */
static double comp_table[2][8][8];
static pthread_once_t comp_once = PTHREAD_ONCE_INIT;

static void comp_build(void)
{
	for (int p = 0; p < 2; p++) {
		const double(*t)[3] = p ? comp_places : comp_any;

		for (int ra = 0; ra < 8; ra++) {
			for (int rb = 0; rb < 8; rb++) {
				double best = 0;

				for (int i = 0; i < 3; i++)
					for (int j = 0; j < 3; j++)
						if ((ra & (1 << i)) && (rb & (1 << j)) &&
						    t[i][j] > best)
							best = t[i][j];
				comp_table[p][ra][rb] = best;
			}
		}
	}
}

double m_comp(uint8_t ra, uint8_t rb, int places)
{
	pthread_once(&comp_once, comp_build);
	return comp_table[places != 0][ra & 7][rb & 7];
}

static int m_comp_is_complementary(uint8_t ra, uint8_t rb)
{
	return ((ra & ROLE_BIT(ROLE_OFFER)) && (rb & ROLE_BIT(ROLE_REQUEST))) ||
	       ((ra & ROLE_BIT(ROLE_REQUEST)) && (rb & ROLE_BIT(ROLE_OFFER)));
}

/*
 * Kind preference [query group][candidate group]: unknown, public,
 * business, research, network, other. Never a wall: the lowest is 0.85.
 */
static const double kind_pref[6][6] = {
    {1.00, 1.00, 1.00, 1.00, 1.00, 1.00}, {1.00, 1.00, 1.00, 0.95, 0.85, 0.90},
    {1.00, 1.00, 0.95, 0.95, 0.85, 0.90}, {1.00, 0.95, 1.00, 1.00, 0.85, 0.90},
    {1.00, 0.95, 0.95, 0.90, 0.85, 0.90}, {1.00, 0.95, 0.95, 0.95, 0.90, 0.95},
};

double m_rule_factor_of(uint8_t akg, uint8_t areg, uint8_t bkg, uint8_t breg,
			const struct match_options *o)
{
	double f = kind_pref[akg][bkg];

	if (!o->cross_border)
		return f;
	if ((areg == REGION_CHINA && breg == REGION_EUROPE) ||
	    (areg == REGION_EUROPE && breg == REGION_CHINA))
		return f;
	if (areg == breg && areg != REGION_UNKNOWN && areg != REGION_OTHER)
		return f * 0.6;
	return f * 0.9;
}

double m_rule_factor(const struct m_org *a, const struct m_org *b, const struct match_options *o)
{
	return m_rule_factor_of(a->kind_group, a->region, b->kind_group, b->region, o);
}

/* Calls fn for every concept of the query vector the candidate has. */
static double overlap(const struct m_org *a, const struct m_org *b, int places,
		      void (*fn)(void *ctx, const struct m_qc *q, const struct m_cw *w, double x),
		      void *ctx)
{
	size_t i = 0, j = 0;
	double sum = 0;

	while (i < a->nqc && j < b->ncw) {
		const struct m_qc *q = &a->qc[i];
		const struct m_cw *w = &b->cw[j];

		if (q->concept < w->concept) {
			i++;
		} else if (q->concept > w->concept) {
			j++;
		} else {
			double x = (q->v < w->v ? q->v : w->v) * m_comp(q->roles, w->roles, places);

			sum += x;
			if (fn)
				fn(ctx, q, w, x);
			i++;
			j++;
		}
	}
	return sum;
}

double m_concept_sim(const struct m_org *a, const struct m_org *b)
{
	double ov = overlap(a, b, a->is_place && b->is_place, NULL, NULL), cs = 0;

	if (ov > 0 && a->mass_a > 0 && b->mass_b > 0) {
		cs = ov / (a->mass_a * b->mass_b);
		if (cs > 1)
			cs = 1;
	}
	return cs;
}

/* The tf of term in b, or 0. */
static uint32_t tf_of(const struct m_org *b, uint32_t term)
{
	size_t lo = 0, hi = b->ntf;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (b->tf[mid].term < term)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < b->ntf && b->tf[lo].term == term ? b->tf[lo].tf : 0;
}

double m_bm25_tf(const struct match_corpus *c, uint32_t tf, uint32_t dl)
{
	double k = MATCH_BM25_K1 * (1.0 - MATCH_BM25_B + MATCH_BM25_B * dl / c->avgdl);

	return tf * (MATCH_BM25_K1 + 1.0) / (tf + k);
}

/* BM25 of a's query terms in b: a merge of two lists sorted by term. */
static double bm25(const struct match_corpus *c, const struct m_org *a, const struct m_org *b)
{
	size_t i = 0, j = 0;
	double sum = 0;

	while (i < a->nqt && j < b->ntf) {
		if (a->qt[i].term < b->tf[j].term) {
			i++;
		} else if (a->qt[i].term > b->tf[j].term) {
			j++;
		} else {
			sum += a->qt[i].idf * m_bm25_tf(c, b->tf[j].tf, b->dl);
			i++;
			j++;
		}
	}
	return sum;
}

/* The two similarities of a pair, before the rules. */
static void similarities(const struct match_corpus *c, const struct m_org *a, const struct m_org *b,
			 double *cs, double *ts)
{
	double ov = overlap(a, b, a->is_place && b->is_place, NULL, NULL);

	*cs = 0;
	*ts = 0;
	if (ov > 0 && a->mass_a > 0 && b->mass_b > 0) {
		*cs = ov / (a->mass_a * b->mass_b);
		if (*cs > 1)
			*cs = 1;
	}
	if (a->qmax > 0 && c->avgdl > 0) {
		*ts = bm25(c, a, b) / (MATCH_TEXT_FULL * a->qmax);
		if (*ts > 1)
			*ts = 1;
	}
}

double m_score(const struct match_corpus *c, const struct m_query *q, size_t b,
	       const struct match_options *o)
{
	const struct m_org *cand = &c->orgs[b];
	double cs, ts, base;

	similarities(c, q->p, cand, &cs, &ts);
	base = MATCH_W_CONCEPT * cs + MATCH_W_TEXT * ts;
	return base > 0 ? base * m_rule_factor(q->p, cand, o) : 0;
}

/* ---- reasons ---- */

struct reason_ctx {
	struct match_reason r[64];
	size_t n;
};

static void reason_cb(void *ctx, const struct m_qc *q, const struct m_cw *w, double x)
{
	struct reason_ctx *r = ctx;
	struct match_reason *m;

	if (r->n == 64 || x <= 0)
		return;
	m = &r->r[r->n++];
	memset(m, 0, sizeof(*m));
	m->concept = w->concept;
	m->via = q->via;
	m->complementary = m_comp_is_complementary(q->roles, w->roles);
	m->weight = x;
}

static int reason_cmp(const void *x, const void *y)
{
	const struct match_reason *a = x, *b = y;

	if (a->weight != b->weight)
		return a->weight > b->weight ? -1 : 1;
	return (a->concept > b->concept) - (a->concept < b->concept);
}

static const struct m_ev *ev_of(const struct m_org *o, uint32_t concept)
{
	size_t lo = 0, hi = o->nev;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (o->ev[mid].concept < concept)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < o->nev && o->ev[lo].concept == concept ? &o->ev[lo] : NULL;
}

/* Fills the evidence of r: the query's phrases for via, the match's for concept. */
static void reason_evidence(const struct m_org *a, const struct m_org *b, struct match_reason *r)
{
	const struct m_ev *ea = ev_of(a, r->via), *eb = ev_of(b, r->concept);

	r->evidence = xcalloc(2 * MATCH_EVIDENCE, sizeof(*r->evidence));
	for (size_t k = 0; ea && k < MATCH_EVIDENCE && ea->phrase[k]; k++)
		r->evidence[r->nself++] = ea->phrase[k];
	for (size_t k = 0; eb && k < MATCH_EVIDENCE && eb->phrase[k]; k++)
		r->evidence[r->nself + r->nother++] = eb->phrase[k];
	r->self_opp = ea && ea->opp >= 0 ? a->opps[ea->opp].id : NULL;
	r->other_opp = eb && eb->opp >= 0 ? b->opps[eb->opp].id : NULL;
}

/* The surface of term in b's query terms, or NULL. */
static const char *surface_of(const struct m_org *b, uint32_t term)
{
	size_t lo = 0, hi = b->nqt;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (b->qt[mid].term < term)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < b->nqt && b->qt[lo].term == term ? b->qt[lo].surface : NULL;
}

/* The shared-words reason: words of the query found in the match. */
static int reason_terms(const struct m_org *a, const struct m_org *b, struct match_reason *r)
{
	const char *self[MATCH_EVIDENCE], *other[MATCH_EVIDENCE];
	size_t ns = 0, no = 0;

	for (size_t i = 0; i < a->nqt && ns < MATCH_EVIDENCE; i++) {
		const char *s;

		if (!tf_of(b, a->qt[i].term))
			continue;
		self[ns++] = a->qt[i].surface;
		s = surface_of(b, a->qt[i].term);
		if (s && no < MATCH_EVIDENCE)
			other[no++] = s;
	}
	if (ns == 0)
		return 0;
	memset(r, 0, sizeof(*r));
	r->concept = r->via = MATCH_REASON_TERMS;
	r->evidence = xcalloc(ns + no, sizeof(*r->evidence));
	memcpy(r->evidence, self, ns * sizeof(*self));
	memcpy(r->evidence + ns, other, no * sizeof(*other));
	r->nself = ns;
	r->nother = no;
	return 1;
}

void m_reasons(const struct match_corpus *c, const struct m_query *q, size_t b,
	       struct match_hit *hit)
{
	const struct m_org *a = q->p, *cand = &c->orgs[b];
	struct reason_ctx r;
	double total;
	size_t n;

	r.n = 0;
	total = overlap(a, cand, a->is_place && cand->is_place, reason_cb, &r);
	if (r.n > 1)
		qsort(r.r, r.n, sizeof(r.r[0]), reason_cmp);
	n = r.n < MATCH_REASONS ? r.n : MATCH_REASONS;
	hit->reasons = xcalloc(n + 1, sizeof(*hit->reasons));
	for (size_t i = 0; i < n; i++) {
		hit->reasons[i] = r.r[i];
		hit->reasons[i].weight = total > 0 ? r.r[i].weight / total : 0;
		reason_evidence(a, cand, &hit->reasons[i]);
	}
	hit->nreasons = n;
	if (n < 2 && reason_terms(a, cand, &hit->reasons[n]))
		hit->nreasons++;
}
