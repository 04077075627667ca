/*
 * corpus.c - the organisations of a match corpus: copying them in, their
 * kinds and regions, declared themes, SDGs and sectors as thesaurus
 * concepts, excluded pairs, and the evidence pools.
 */
#include "match/match_int.h"

#include "core/buf.h"
#include "core/xalloc.h"
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define POOL_CHUNK 1024

void match_options_default(struct match_options *o)
{
	o->top = 10;
	o->threads = 0;
	o->cross_border = 1;
	o->brute_force = 0;
	o->candidates = 100;
	o->min_score = 0.05;
}

struct match_corpus *match_corpus_new(const struct text_thesaurus *th,
				      const struct text_langid *langid)
{
	struct match_corpus *c = xcalloc(1, sizeof(*c));

	c->th = th;
	c->langid = langid;
	pthread_mutex_init(&c->lock, NULL);
	text_intern_init(&c->ids);
	text_intern_init(&c->excl);
	text_intern_init(&c->terms);
	return c;
}

const char *m_pool_add(struct m_org *o, const char *s, size_t len)
{
	char *p;

	if (o->npool == 0 || o->pool_used + len + 1 > o->pool_size) {
		size_t size = len + 1 > POOL_CHUNK ? len + 1 : POOL_CHUNK;

		o->pool = xreallocarray(o->pool, o->npool + 1, sizeof(*o->pool));
		o->pool[o->npool++] = xmalloc(size);
		o->pool_size = size;
		o->pool_used = 0;
	}
	p = o->pool[o->npool - 1] + o->pool_used;
	memcpy(p, s, len);
	p[len] = '\0';
	o->pool_used += len + 1;
	return p;
}

void m_org_drop_scratch(struct m_org *o)
{
	free(o->hits);
	free(o->occ);
	free(o->scratch);
	free(o->first);
	o->hits = NULL;
	o->occ = NULL;
	o->scratch = NULL;
	o->first = NULL;
	o->nhits = o->cap_hits = o->nocc = o->cap_occ = 0;
	o->scratch_len = o->scratch_cap = 0;
}

void m_org_release_profile(struct m_org *o)
{
	m_org_drop_scratch(o);
	for (size_t i = 0; i < o->npool; i++)
		free(o->pool[i]);
	free(o->pool);
	free(o->cw);
	free(o->ev);
	free(o->qc);
	free(o->tf);
	free(o->qt);
	o->pool = NULL;
	o->npool = o->pool_used = o->pool_size = 0;
	o->cw = NULL;
	o->ev = NULL;
	o->qc = NULL;
	o->tf = NULL;
	o->qt = NULL;
	o->ncw = o->nev = o->nqc = o->ntf = o->nqt = 0;
	o->dl = 0;
	o->mass = o->qmax = 0;
}

void m_org_release(struct m_org *o)
{
	m_org_release_profile(o);
	free(o->id);
	free(o->name);
	for (size_t i = 0; i < o->ntexts; i++)
		free(o->texts[i].s);
	free(o->texts);
	for (size_t i = 0; i < o->nopps; i++) {
		free(o->opps[i].id);
		free(o->opps[i].declared);
	}
	free(o->opps);
	free(o->declared);
}

void m_corpus_unprepare(struct match_corpus *c)
{
	for (size_t i = 0; i < c->n; i++) {
		m_org_release_profile(&c->orgs[i]);
		for (size_t k = 0; c->oppq && c->oppq[i] && k < c->orgs[i].nopps; k++) {
			if (c->oppq[i][k])
				m_org_release(c->oppq[i][k]);
			free(c->oppq[i][k]);
		}
		if (c->oppq)
			free(c->oppq[i]);
	}
	free(c->oppq);
	c->oppq = NULL;
	text_intern_release(&c->terms);
	free(c->term_df);
	free(c->concept_idf);
	free(c->concept_df);
	free(c->coff);
	free(c->cseg);
	c->cseg = NULL;
	free(c->cpost);
	free(c->toff);
	free(c->tpost);
	free(c->hot);
	c->hot = NULL;
	c->term_df = NULL;
	c->concept_idf = NULL;
	c->concept_df = NULL;
	c->coff = c->toff = NULL;
	c->cpost = NULL;
	c->tpost = NULL;
	c->prepared = 0;
}

void match_corpus_free(struct match_corpus *c)
{
	if (!c)
		return;
	m_corpus_unprepare(c);
	for (size_t i = 0; i < c->n; i++)
		m_org_release(&c->orgs[i]);
	free(c->orgs);
	text_intern_release(&c->ids);
	text_intern_release(&c->excl);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

size_t match_corpus_count(const struct match_corpus *c)
{
	return c->n;
}

int64_t match_corpus_find(const struct match_corpus *c, const char *id)
{
	return text_intern_find(&c->ids, id, strlen(id));
}

const char *match_corpus_id(const struct match_corpus *c, size_t org)
{
	return c->orgs[org].id;
}

size_t match_corpus_opp_count(const struct match_corpus *c, size_t org)
{
	return c->orgs[org].nopps;
}

int64_t match_corpus_find_opp(const struct match_corpus *c, size_t org, const char *id)
{
	const struct m_org *o = &c->orgs[org];

	for (size_t i = 0; i < o->nopps; i++)
		if (strcmp(o->opps[i].id, id) == 0)
			return (int64_t)i;
	return -1;
}

/* ---- kinds, regions, declared concepts ---- */

static const struct {
	const char *name;
	uint8_t group;
} kinds[] = {
    {"city", KG_PUBLIC},	 {"region", KG_PUBLIC},	     {"agency", KG_PUBLIC},
    {"sme", KG_BUSINESS},	 {"company", KG_BUSINESS},   {"park", KG_BUSINESS},
    {"university", KG_RESEARCH}, {"institute", KG_RESEARCH}, {"association", KG_NETWORK},
    {"other", KG_OTHER},
};

/* The kind group of kind (NULL: unknown); -1 for a word that is no kind. */
static int org_kind_group(const char *kind)
{
	if (!kind)
		return KG_UNKNOWN;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kind, kinds[i].name) == 0)
			return kinds[i].group;
	return -1;
}

/* European countries: the EU, the EEA, and the rest of the continent. */
static const char europe[] = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL "
			     "PT RO SK SI ES SE IS LI NO CH GB AD MC SM VA AL BA ME MK RS MD "
			     "UA BY TR FO GI IM JE GG XK";

static uint8_t org_region(const char *country)
{
	if (!country)
		return REGION_UNKNOWN;
	if (strcmp(country, "CN") == 0 || strcmp(country, "HK") == 0 || strcmp(country, "MO") == 0)
		return REGION_CHINA;
	for (const char *p = europe; *p; p += p[2] ? 3 : 2)
		if (p[0] == country[0] && p[1] == country[1])
			return REGION_EUROPE;
	return REGION_OTHER;
}

static int valid_country(const char *s)
{
	return s && strlen(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

int64_t m_theme_concept(const struct match_corpus *c, const char *theme)
{
	return text_thesaurus_find(c->th, theme, strlen(theme));
}

int64_t m_sdg_concept(const struct match_corpus *c, int sdg)
{
	char id[16];
	int n = snprintf(id, sizeof(id), "sdg-%d", sdg);

	return text_thesaurus_find(c->th, id, (size_t)n);
}

/* "H49.3" -> nace-h49.3, else nace-h49, else nace-h. */
int64_t m_sector_concept(const struct match_corpus *c, const char *code)
{
	char id[32] = "nace-";
	size_t n = 5, lens[3];
	const char *dot;

	for (const char *p = code; *p && n + 1 < sizeof(id); p++)
		id[n++] = (char)((*p >= 'A' && *p <= 'Z') ? *p + ('a' - 'A') : *p);
	id[n] = '\0';
	if (n == 5)
		return -1;
	dot = strchr(id, '.');
	lens[0] = n;				/* nace-h49.3 */
	lens[1] = dot ? (size_t)(dot - id) : n; /* nace-h49 */
	lens[2] = 6;				/* nace-h */
	for (size_t i = 0; i < 3; i++) {
		int64_t k = text_thesaurus_find(c->th, id, lens[i]);

		if (k >= 0)
			return k;
	}
	return -1;
}

/* Appends concept k to a declared list, once. */
static void declared_add(uint32_t **v, size_t *n, int64_t k)
{
	if (k < 0)
		return;
	for (size_t i = 0; i < *n; i++)
		if ((*v)[i] == (uint32_t)k)
			return;
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = (uint32_t)k;
}

static void declared_themes_sdgs(const struct match_corpus *c, const char *const *themes,
				 size_t nthemes, const int *sdgs, size_t nsdgs, uint32_t **v,
				 size_t *n)
{
	for (size_t i = 0; i < nthemes; i++)
		if (themes[i])
			declared_add(v, n, m_theme_concept(c, themes[i]));
	for (size_t i = 0; i < nsdgs; i++)
		if (sdgs[i] >= 1 && sdgs[i] <= 17)
			declared_add(v, n, m_sdg_concept(c, sdgs[i]));
}

/* ---- adding ---- */

static int32_t org_add_text(struct m_org *o, const char *s, size_t len, uint8_t role, int32_t opp)
{
	struct m_text *t;

	if (len == 0)
		return -1;
	o->texts = xreallocarray(o->texts, o->ntexts + 1, sizeof(*o->texts));
	t = &o->texts[o->ntexts];
	t->s = xstrndup(s, len);
	t->len = len;
	t->role = role;
	t->opp = opp;
	return (int32_t)o->ntexts++;
}

/* Joins list[0..n) with newlines into one general text. */
static void org_add_list(struct m_org *o, const char *const *list, size_t n)
{
	struct buf b;

	buf_init(&b, (size_t)1 << 30);
	for (size_t i = 0; i < n; i++) {
		if (!list[i] || !*list[i])
			continue;
		if ((b.len && buf_puts(&b, "\n") != 0) || buf_puts(&b, list[i]) != 0)
			break;
	}
	if (b.len)
		org_add_text(o, b.data, b.len, ROLE_GENERAL, -1);
	buf_release(&b);
}

static int org_add_opps(const struct match_corpus *c, struct m_org *o,
			const struct match_org_in *in, struct err *e)
{
	o->opps = in->nopps ? xcalloc(in->nopps, sizeof(*o->opps)) : NULL;
	for (size_t i = 0; i < in->nopps; i++) {
		const struct match_opp_in *p = &in->opps[i];
		struct m_opp *q = &o->opps[o->nopps];
		char field[64];
		struct buf b;

		snprintf(field, sizeof(field), "opportunities[%zu].id", i);
		if (!p->id || !*p->id)
			return err_set(e, ERR_INVALID, field, "must not be empty");
		snprintf(field, sizeof(field), "opportunities[%zu].type", i);
		if (p->type != MATCH_OFFER && p->type != MATCH_REQUEST)
			return err_set(e, ERR_INVALID, field, "must be one of offer, request");
		snprintf(field, sizeof(field), "opportunities[%zu]", i);
		if ((p->title && !text_utf8_valid(p->title, strlen(p->title))) ||
		    (p->description && !text_utf8_valid(p->description, strlen(p->description))))
			return err_set(e, ERR_INVALID, field, "invalid UTF-8");
		o->nopps++;
		q->id = xstrdup(p->id);
		q->type = (uint8_t)p->type;
		buf_init(&b, (size_t)1 << 30);
		if (p->title && buf_puts(&b, p->title) == 0 && p->description)
			buf_puts(&b, "\n");
		if (p->description)
			buf_puts(&b, p->description);
		q->text = b.len ? org_add_text(o, b.data, b.len,
					       p->type == MATCH_OFFER ? ROLE_OFFER : ROLE_REQUEST,
					       (int32_t)i)
				: -1;
		buf_release(&b);
		declared_themes_sdgs(c, p->themes, p->nthemes, p->sdgs, p->nsdgs, &q->declared,
				     &q->ndeclared);
	}
	return 0;
}

/* Checks what match_corpus_add refuses before anything is copied. */
static int org_check(const struct match_corpus *c, const struct match_org_in *in, int *kg,
		     struct err *e)
{
	if (!in->id || !*in->id)
		return err_set(e, ERR_INVALID, "id", "must not be empty");
	if (!in->name || !*in->name)
		return err_set(e, ERR_INVALID, "name", "must not be empty");
	if (text_intern_find(&c->ids, in->id, strlen(in->id)) >= 0)
		return err_set(e, ERR_INVALID, "id", "duplicate id '%s'", in->id);
	*kg = org_kind_group(in->kind);
	if (*kg < 0)
		return err_set(e, ERR_INVALID, "kind",
			       "must be one of city, region, sme, company, park, university, "
			       "institute, association, agency, other");
	if (in->country && !valid_country(in->country))
		return err_set(e, ERR_INVALID, "country", "must be an ISO 3166-1 alpha-2 code");
	if (!text_utf8_valid(in->id, strlen(in->id)) ||
	    !text_utf8_valid(in->name, strlen(in->name)))
		return err_set(e, ERR_INVALID, "id", "invalid UTF-8");
	if (in->description && !text_utf8_valid(in->description, strlen(in->description)))
		return err_set(e, ERR_INVALID, "description", "invalid UTF-8");
	return 0;
}

static void org_add_declared(const struct match_corpus *c, struct m_org *o,
			     const struct match_org_in *in)
{
	declared_themes_sdgs(c, in->themes, in->nthemes, in->sdgs, in->nsdgs, &o->declared,
			     &o->ndeclared);
	for (size_t i = 0; i < in->nsectors; i++)
		if (in->sectors[i])
			declared_add(&o->declared, &o->ndeclared,
				     m_sector_concept(c, in->sectors[i]));
	for (size_t i = 0; i < in->nlanguages && o->nhints < 8; i++) {
		enum text_lang l = in->languages[i]
				       ? text_lang_parse(in->languages[i], strlen(in->languages[i]))
				       : TEXT_LANG_UNKNOWN;

		if (l != TEXT_LANG_UNKNOWN)
			o->hints[o->nhints++] = l;
	}
}

int match_corpus_add(struct match_corpus *c, const struct match_org_in *in, struct err *e)
{
	struct m_org *o;
	int kg = KG_UNKNOWN, rc;

	rc = org_check(c, in, &kg, e);
	if (rc != 0)
		return rc;
	if (c->prepared)
		m_corpus_unprepare(c);
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->orgs = xreallocarray(c->orgs, c->cap, sizeof(*c->orgs));
	}
	o = &c->orgs[c->n];
	memset(o, 0, sizeof(*o));
	o->id = xstrdup(in->id);
	o->name = xstrdup(in->name);
	o->kind_group = (uint8_t)kg;
	o->is_place = in->kind && (!strcmp(in->kind, "city") || !strcmp(in->kind, "region"));
	o->region = org_region(in->country);
	if (in->description)
		org_add_text(o, in->description, strlen(in->description), ROLE_GENERAL, -1);
	org_add_list(o, in->interests, in->ninterests);
	org_add_list(o, in->pillar_industries, in->npillar_industries);
	rc = org_add_opps(c, o, in, e);
	if (rc != 0) {
		m_org_release(o);
		return rc;
	}
	org_add_declared(c, o, in);
	text_intern_add(&c->ids, in->id, strlen(in->id), NULL);
	c->n++;
	return 0;
}

/* The key of pair (a, b) in the exclusion table. */
static int excl_key(char *key, size_t size, size_t a, size_t b)
{
	return snprintf(key, size, "%zu:%zu", a < b ? a : b, a < b ? b : a);
}

int match_corpus_exclude(struct match_corpus *c, const char *a, const char *b, struct err *e)
{
	int64_t i = match_corpus_find(c, a), j = match_corpus_find(c, b);
	char key[48];
	int n;

	if (i < 0)
		return err_set(e, ERR_NOT_FOUND, NULL, "unknown organisation '%s'", a);
	if (j < 0)
		return err_set(e, ERR_NOT_FOUND, NULL, "unknown organisation '%s'", b);
	n = excl_key(key, sizeof(key), (size_t)i, (size_t)j);
	text_intern_add(&c->excl, key, (size_t)n, NULL);
	return 0;
}

int m_excluded(const struct match_corpus *c, size_t a, size_t b)
{
	char key[48];
	int n;

	if (text_intern_count(&c->excl) == 0)
		return 0;
	n = excl_key(key, sizeof(key), a, b);
	return text_intern_find(&c->excl, key, (size_t)n) >= 0;
}
