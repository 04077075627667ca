/*
 * analyse.c - from an organisation's texts to its concepts and words.
 *
 * Every text gets its language (lang.h: the script, else the models, with
 * the organisation's declared languages as hints), is analysed once
 * (analyze.h) and the same terms serve twice: the thesaurus tags them
 * (concepts, with the phrases as evidence) and they become the words of
 * BM25, keyed by (language, stem) so that words of different languages
 * never meet; Han, kana and Hangul words get one key whatever the
 * language, so Chinese and Japanese share 交通. Numbers and one-character
 * CJK words are left out of BM25 (too vague), not of tagging.
 *
 * Then the hits are aggregated per concept: the roles it appears with,
 * its strength (declared: 1; found n times in texts: 1 - 2^-n) and up to
 * MATCH_EVIDENCE distinct phrases (declared ones last, as "SDG 11").
 */
#include "match/match_int.h"

#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The tagging callback's context. */
struct hit_ctx {
	struct m_org *o;
	uint8_t role;
	int32_t text;
};

static void hit_push(struct m_org *o, const struct m_hit *h)
{
	if (o->nhits == o->cap_hits) {
		o->cap_hits = o->cap_hits ? 2 * o->cap_hits : 16;
		o->hits = xreallocarray(o->hits, o->cap_hits, sizeof(*o->hits));
	}
	o->hits[o->nhits++] = *h;
}

static int hit_cb(void *ctx, const struct text_tag *t)
{
	struct hit_ctx *h = ctx;
	struct m_hit hit = {t->concept, h->role, 0, h->text, (uint32_t)t->start, (uint32_t)t->end,
			    h->o->texts[h->text].opp};

	hit_push(h->o, &hit);
	return 0;
}

static void hits_declared(struct m_org *o, const uint32_t *v, size_t n, uint8_t role,
			  int32_t opp)
{
	for (size_t i = 0; i < n; i++) {
		struct m_hit hit = {v[i], role, 1, -1, 0, 0, opp};

		hit_push(o, &hit);
	}
}

/* Appends a word occurrence with its key (language byte + stem). */
static void occ_push(struct m_org *o, const struct text_term *t, enum text_lang lang, uint32_t text)
{
	size_t need = o->scratch_len + 1 + t->stem_len;
	struct m_occ *oc;

	if (need > o->scratch_cap) {
		o->scratch_cap = o->scratch_cap ? 2 * o->scratch_cap : 512;
		while (o->scratch_cap < need)
			o->scratch_cap *= 2;
		o->scratch = xrealloc(o->scratch, o->scratch_cap);
	}
	if (o->nocc == o->cap_occ) {
		o->cap_occ = o->cap_occ ? 2 * o->cap_occ : 64;
		o->occ = xreallocarray(o->occ, o->cap_occ, sizeof(*o->occ));
	}
	oc = &o->occ[o->nocc++];
	oc->key_off = (uint32_t)o->scratch_len;
	oc->key_len = (uint16_t)(1 + t->stem_len);
	oc->text = text;
	oc->start = (uint32_t)t->start;
	oc->end = (uint32_t)t->end;
	o->scratch[o->scratch_len++] = (t->flags & TEXT_TERM_CJK) ? 'C' : (char)('a' + lang);
	memcpy(o->scratch + o->scratch_len, t->stem, t->stem_len);
	o->scratch_len += t->stem_len;
}

/* The words of one analysed text. */
static void words_of(struct m_org *o, const struct text_terms *terms, enum text_lang lang,
		     uint32_t text)
{
	for (size_t i = 0; i < terms->n; i++) {
		const struct text_term *t = &terms->v[i];

		if (t->flags & TEXT_TERM_NUMBER)
			continue;
		if ((t->flags & TEXT_TERM_CJK) && t->fold_len <= 3)
			continue; /* one BMP character */
		occ_push(o, t, t->lang != TEXT_LANG_UNKNOWN ? t->lang : lang, text);
	}
}

/*
 * The language of a text: the one declared language when the text is in
 * Latin script and that language is written in it (the language is given:
 * no need to guess), else what text_lang_detect finds.
 */
static enum text_lang text_language(const struct match_corpus *c, const struct m_org *o,
				    const struct m_text *t)
{
	if (o->nhints == 1 && text_lang_is_latin(o->hints[0]) &&
	    text_lang_script(t->s, t->len) == TEXT_LANG_UNKNOWN)
		return o->hints[0];
	return text_lang_detect(c->langid, t->s, t->len, o->hints, o->nhints);
}

static int analyse_text(const struct match_corpus *c, struct m_org *o, size_t i,
			struct text_analyzer *a, struct text_terms *terms)
{
	const struct m_text *t = &o->texts[i];
	enum text_lang lang = text_language(c, o, t);
	struct hit_ctx h = {o, t->role, (int32_t)i};
	int rc;

	rc = text_analyze_terms(a, t->s, t->len, lang, terms);
	if (rc != 0)
		return ERR_INTERNAL;
	text_thesaurus_tag(c->th, terms, lang, hit_cb, &h);
	words_of(o, terms, lang, (uint32_t)i);
	return 0;
}

/* Orders hits by concept, then text hits in text order, declared last. */
static int hit_cmp(const void *x, const void *y)
{
	const struct m_hit *a = x, *b = y;

	if (a->concept != b->concept)
	return a->concept < b->concept ? -1 : 1;
	if (a->declared != b->declared)
		return a->declared - b->declared;
	if (a->text != b->text)
		return a->text < b->text ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->role - b->role;
}

/* The phrase shown for a declared concept: "mobility", "SDG 11", "NACE H49". */
static size_t declared_phrase(const struct match_corpus *c, uint32_t k, char *buf, size_t size)
{
	const char *id = text_concept_id(c->th, k);
	int n;

	switch (text_concept_kind(c->th, k)) {
	case TEXT_CONCEPT_SDG:
		n = snprintf(buf, size, "SDG %s", id + 4);
		break;
	case TEXT_CONCEPT_SECTOR:
		n = snprintf(buf, size, "NACE %s", id + 5);
		for (int i = 5; i < n && (size_t)i < size; i++)
			if (buf[i] >= 'a' && buf[i] <= 'z')
				buf[i] = (char)(buf[i] - ('a' - 'A'));
		break;
	default:
		n = snprintf(buf, size, "%s", id);
		break;
	}
	return n < 0 ? 0 : ((size_t)n < size ? (size_t)n : size - 1);
}

/* Adds the phrase of hit h to ev unless it is there already (any case). */
static void ev_add(const struct match_corpus *c, struct m_org *o, struct m_ev *ev,
		   const struct m_hit *h)
{
	char buf[80];
	const char *p;
	size_t len, k;

	if (h->declared) {
		len = declared_phrase(c, h->concept, buf, sizeof(buf));
		p = buf;
	} else {
		p = o->texts[h->text].s + h->start;
		len = h->end - h->start;
	}
	for (k = 0; k < MATCH_EVIDENCE && ev->phrase[k]; k++)
		if (strlen(ev->phrase[k]) == len && strncasecmp(ev->phrase[k], p, len) == 0)
			return;
	if (k < MATCH_EVIDENCE && len > 0)
		ev->phrase[k] = m_pool_add(o, p, len);
}

/* Aggregates the hits of one concept, hits[i..j). */
static void aggregate_one(const struct match_corpus *c, struct m_org *o, size_t i, size_t j)
{
	struct m_cw *cw = &o->cw[o->ncw++];
	struct m_ev *ev = &o->ev[o->nev++];
	double left = 1.0;
	int declared = 0;

	memset(cw, 0, sizeof(*cw));
	memset(ev, 0, sizeof(*ev));
	cw->concept = ev->concept = o->hits[i].concept;
	ev->opp = -1;
	for (size_t k = i; k < j; k++) {
		if (ev->opp < 0)
			ev->opp = o->hits[k].opp;
		cw->roles |= (uint8_t)ROLE_BIT(o->hits[k].role);
		declared |= o->hits[k].declared;
		if (!o->hits[k].declared)
			left /= 2;
		ev_add(c, o, ev, &o->hits[k]);
	}
	cw->s = declared ? 1.0f : (float)(1.0 - left);
}

/* Turns the hits of o into o->cw and o->ev, sorted by concept. */
static void aggregate_hits(const struct match_corpus *c, struct m_org *o)
{
	size_t i = 0, distinct = 0;

	if (o->nhits > 1)
		qsort(o->hits, o->nhits, sizeof(*o->hits), hit_cmp);
	for (size_t k = 0; k < o->nhits; k++)
	distinct += k == 0 || o->hits[k].concept != o->hits[k - 1].concept;
	o->cw = distinct ? xcalloc(distinct, sizeof(*o->cw)) : NULL;
	o->ev = distinct ? xcalloc(distinct, sizeof(*o->ev)) : NULL;
	while (i < o->nhits) {
		size_t j = i + 1;

		while (j < o->nhits && o->hits[j].concept == o->hits[i].concept)
			j++;
		aggregate_one(c, o, i, j);
		i = j;
	}
	free(o->hits);
	o->hits = NULL;
	o->nhits = o->cap_hits = 0;
}

int m_analyse_org(const struct match_corpus *c, struct m_org *o, struct text_analyzer *a,
		  struct text_terms *terms)
{
	for (size_t i = 0; i < o->ntexts; i++) {
		int rc = analyse_text(c, o, i, a, terms);

		if (rc != 0)
			return rc;
	}
	hits_declared(o, o->declared, o->ndeclared, ROLE_GENERAL, -1);
	for (size_t i = 0; i < o->nopps; i++)
		hits_declared(o, o->opps[i].declared, o->opps[i].ndeclared,
			      o->opps[i].type == MATCH_OFFER ? ROLE_OFFER : ROLE_REQUEST,
			      (int32_t)i);
	aggregate_hits(c, o);
	return 0;
}

/* A word occurrence with its term id, for sorting. */
struct occ_id {
	uint32_t term;
	uint32_t occ;
};

static int occ_id_cmp(const void *x, const void *y)
{
	const struct occ_id *a = x, *b = y;

	if (a->term != b->term)
		return a->term < b->term ? -1 : 1;
	return (a->occ > b->occ) - (a->occ < b->occ);
}

void m_intern_org(struct match_corpus *c, struct m_org *o, int add)
{
	struct occ_id *v = o->nocc ? xmalloc(o->nocc * sizeof(*v)) : NULL;
	size_t n = 0, k = 0;

	for (size_t i = 0; i < o->nocc; i++) {
		const char *key = o->scratch + o->occ[i].key_off;
		int64_t id = add ? (int64_t)text_intern_add(&c->terms, key, o->occ[i].key_len, NULL)
				 : text_intern_find(&c->terms, key, o->occ[i].key_len);

		if (id >= 0)
			v[n++] = (struct occ_id){(uint32_t)id, (uint32_t)i};
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), occ_id_cmp);
	o->tf = n ? xmalloc(n * sizeof(*o->tf)) : NULL;
	o->first = n ? xmalloc(n * sizeof(*o->first)) : NULL;
	o->dl = (uint32_t)n;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && v[i].term == v[i - 1].term) {
			o->tf[k - 1].tf++;
			continue;
		}
		o->tf[k] = (struct m_tf){v[i].term, 1};
		o->first[k++] = o->occ[v[i].occ];
	}
	o->ntf = k;
	free(v);
	free(o->occ);
	free(o->scratch);
	o->occ = NULL;
	o->scratch = NULL;
	o->nocc = o->cap_occ = o->scratch_len = o->scratch_cap = 0;
}
