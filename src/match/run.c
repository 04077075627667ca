/*
 * run.c - the entry points: every organisation on worker threads (one
 * scratch per worker, results written to each organisation's own slot, so
 * the output does not depend on scheduling), one organisation, one
 * opportunity (profiled at its first query as a one-text organisation of
 * its own, kept in the corpus so that its evidence outlives the results).
 */
#include "match/match_int.h"

#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

static int ensure_prepared(struct match_corpus *c, const struct match_options *o, struct err *e)
{
	return c->prepared ? 0 : match_corpus_prepare(c, o->threads, e);
}

struct run_ctx {
	const struct match_corpus *c;
	const struct match_options *o;
	struct match_list *lists;
	struct m_scratch *s; /* per worker */
};

static int run_one(void *ctx, size_t i, unsigned t)
{
	struct run_ctx *r = ctx;
	struct m_query q;

	if (!r->s[t].stamp && r->c->n > 0)
		m_scratch_init(&r->s[t], r->c->n, text_thesaurus_count(r->c->th));
	m_org_query(r->c, i, &q);
	m_rank(r->c, &q, r->o, -1, &r->s[t], &r->lists[i]);
	return 0;
}

int match_run(struct match_corpus *c, const struct match_options *o, struct match_results *out,
	      struct err *e)
{
	unsigned nt = m_threads(o->threads);
	struct run_ctx r;
	int rc;

	out->lists = NULL;
	out->n = 0;
	rc = ensure_prepared(c, o, e);
	if (rc != 0)
		return rc;
	r.c = c;
	r.o = o;
	r.lists = c->n ? xcalloc(c->n, sizeof(*r.lists)) : NULL;
	r.s = xcalloc(nt, sizeof(*r.s));
	rc = m_parallel(c->n, nt, run_one, &r);
	for (unsigned t = 0; t < nt; t++)
		m_scratch_release(&r.s[t]);
	free(r.s);
	out->lists = r.lists;
	out->n = c->n;
	return rc;
}

int match_org(struct match_corpus *c, size_t org, const struct match_options *o,
	      struct match_list *out, struct err *e)
{
	struct m_scratch s;
	struct m_query q;
	int rc;

	memset(out, 0, sizeof(*out));
	if (org >= c->n)
		return err_set(e, ERR_NOT_FOUND, "id", "no organisation %zu", org);
	rc = ensure_prepared(c, o, e);
	if (rc != 0)
		return rc;
	m_scratch_init(&s, c->n, text_thesaurus_count(c->th));
	m_org_query(c, org, &q);
	m_rank(c, &q, o, -1, &s, out);
	m_scratch_release(&s);
	return 0;
}

/* Builds the profile of opportunity opp of org as an organisation of its own. */
static struct m_org *opp_profile(struct match_corpus *c, size_t org, size_t opp)
{
	const struct m_org *par = &c->orgs[org];
	const struct m_opp *op = &par->opps[opp];
	struct m_org *sh = xcalloc(1, sizeof(*sh));
	struct text_analyzer *a = NULL;
	struct text_terms terms;

	sh->id = xstrdup(par->id);
	sh->name = xstrdup(par->name);
	sh->kind_group = par->kind_group;
	sh->region = par->region;
	sh->is_place = par->is_place;
	memcpy(sh->hints, par->hints, sizeof(sh->hints));
	sh->nhints = par->nhints;
	if (op->text >= 0) {
		const struct m_text *t = &par->texts[op->text];

		sh->texts = xcalloc(1, sizeof(*sh->texts));
		sh->texts[0] = (struct m_text){xstrndup(t->s, t->len), t->len, t->role, 0};
		sh->ntexts = 1;
	}
	sh->opps = xcalloc(1, sizeof(*sh->opps));
	sh->opps[0] = (struct m_opp){xstrdup(op->id), op->type, sh->ntexts ? 0 : -1, NULL, 0};
	if (op->ndeclared) {
		sh->opps[0].declared = xmalloc(op->ndeclared * sizeof(*op->declared));
		memcpy(sh->opps[0].declared, op->declared, op->ndeclared * sizeof(*op->declared));
		sh->opps[0].ndeclared = op->ndeclared;
	}
	sh->nopps = 1;
	text_terms_init(&terms);
	if (text_analyzer_new(&a) != 0 || m_analyse_org(c, sh, a, &terms) != 0) {
		text_analyzer_free(a);
		text_terms_release(&terms);
		m_org_release(sh);
		free(sh);
		return NULL;
	}
	text_analyzer_free(a);
	text_terms_release(&terms);
	m_intern_org(c, sh, 0);
	m_build_profile(c, sh, 1);
	return sh;
}

/* The cached profile of an opportunity, built once (under the lock). */
static const struct m_org *opp_profile_cached(struct match_corpus *c, size_t org, size_t opp)
{
	const struct m_org *p;

	pthread_mutex_lock(&c->lock);
	if (!c->oppq)
		c->oppq = xcalloc(c->n, sizeof(*c->oppq));
	if (!c->oppq[org])
		c->oppq[org] = xcalloc(c->orgs[org].nopps, sizeof(**c->oppq));
	if (!c->oppq[org][opp])
		c->oppq[org][opp] = opp_profile(c, org, opp);
	p = c->oppq[org][opp];
	pthread_mutex_unlock(&c->lock);
	return p;
}

int match_opportunity(struct match_corpus *c, size_t org, size_t opp, const struct match_options *o,
		      struct match_list *out, struct err *e)
{
	struct m_scratch s;
	struct m_query q;
	int rc;

	memset(out, 0, sizeof(*out));
	if (org >= c->n || opp >= c->orgs[org].nopps)
		return err_set(e, ERR_NOT_FOUND, "id", "no such opportunity");
	rc = ensure_prepared(c, o, e);
	if (rc != 0)
		return rc;
	q.org = org;
	q.p = opp_profile_cached(c, org, opp);
	if (!q.p)
		return err_set(e, ERR_INTERNAL, NULL, "text analysis failed (ICU)");
	m_scratch_init(&s, c->n, text_thesaurus_count(c->th));
	m_rank(c, &q, o, (int64_t)opp, &s, out);
	m_scratch_release(&s);
	return 0;
}

void match_list_release(struct match_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		for (size_t k = 0; k < l->hits[i].nreasons; k++)
			free(l->hits[i].reasons[k].evidence);
		free(l->hits[i].reasons);
	}
	free(l->hits);
	l->hits = NULL;
	l->n = 0;
}

void match_results_release(struct match_results *r)
{
	for (size_t i = 0; i < r->n; i++)
		match_list_release(&r->lists[i]);
	free(r->lists);
	r->lists = NULL;
	r->n = 0;
}
