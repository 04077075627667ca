/*
 * tag.c - finding the thesaurus's terms in an analysed text.
 *
 * At every token, the run of tokens starting there is extended one token
 * at a time under both spellings (thes_int.h) while the key is a known
 * prefix, recording each whole term met; each alphabetic token is also
 * tried against the affix terms of its language, only for the affix
 * lengths that exist. Matches strictly inside a longer match are dropped,
 * the rest reported in text order.
 */
#include "text/thes_int.h"

#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

/* Above this many matches in one text, inner matches are kept (cost). */
#define TAG_NEST_MAX 2048

struct tag_match {
	uint32_t concept;
	uint32_t from, to; /* tokens [from, to] */
	size_t start, end; /* bytes */
};

struct tag_run {
	const struct text_thesaurus *th;
	const struct th_toks *toks;
	struct tag_match *m;
	size_t n, cap;
};

static void toks_push(struct th_toks *out, const struct th_tok *t)
{
	if (out->n == out->cap) {
		out->cap = out->cap ? 2 * out->cap : 64;
		out->v = xreallocarray(out->v, out->cap, sizeof(*out->v));
	}
	out->v[out->n++] = *t;
}

/* Splits a CJK term into one token per character. */
static void toks_cjk(const struct text_term *term, uint32_t index, struct th_toks *out)
{
	const uint8_t *p = (const uint8_t *)term->fold;
	size_t i = 0, n = term->fold_len;
	int exact = term->end - term->start == n; /* folding kept the bytes */

	while (i < n) {
		size_t k = i;
		struct th_tok t;
		UChar32 c;

		U8_NEXT(p, k, n, c);
		(void)c;
		t.stem = t.fold = term->fold + i;
		t.stem_len = t.fold_len = k - i;
		t.start = exact ? term->start + i : term->start;
		t.end = exact ? term->start + k : term->end;
		t.lang = 0;
		t.cjk = 1;
		t.term = index;
		toks_push(out, &t);
		i = k;
	}
}

void th_tokens(const struct text_terms *terms, enum text_lang lang, struct th_toks *out)
{
	out->n = 0;
	for (size_t i = 0; i < terms->n; i++) {
		const struct text_term *term = &terms->v[i];
		struct th_tok t;

		if (term->flags & TEXT_TERM_PART)
			continue;
		if (term->flags & TEXT_TERM_CJK) {
			toks_cjk(term, (uint32_t)i, out);
			continue;
		}
		t.term = (uint32_t)i;
		t.stem = term->stem;
		t.stem_len = term->stem_len;
		t.fold = term->fold;
		t.fold_len = term->fold_len;
		t.start = term->start;
		t.end = term->end;
		t.lang = (unsigned char)(term->lang != TEXT_LANG_UNKNOWN ? term->lang : lang);
		t.cjk = 0;
		toks_push(out, &t);
	}
}

static void tag_add(struct tag_run *r, const struct th_value *v, size_t from, size_t to)
{
	for (uint32_t i = 0; i < v->n; i++) {
		struct tag_match *m;

		if (r->n == r->cap) {
			r->cap = r->cap ? 2 * r->cap : 16;
			r->m = xreallocarray(r->m, r->cap, sizeof(*r->m));
		}
		m = &r->m[r->n++];
		m->concept = v->concepts[i];
		m->from = (uint32_t)from;
		m->to = (uint32_t)to;
		m->start = r->toks->v[from].start;
		m->end = r->toks->v[to].end;
	}
}

/* The terms starting at token p under one spelling. */
static void tag_walk(struct tag_run *r, size_t p, int stem)
{
	const struct text_thesaurus *th = r->th;
	char key[TH_KEY_MAX];
	size_t len = 1, q;

	key[0] = stem ? 's' : 'f';
	for (q = p; q < r->toks->n && q - p < th->max_tokens; q++) {
		const struct th_value *v;
		int64_t id;

		if (th_key_append(key, &len, &r->toks->v[q], stem) != 0)
			return;
		id = text_intern_find(&th->keys, key, len);
		if (id < 0)
			return;
		v = &th->vals[id];
		if (v->phrase)
			tag_add(r, v, p, q);
		if (!v->prefix)
			return;
	}
}

/* Looks up one affix key: kind, language byte, bytes s[0..n). */
static void tag_affix_one(struct tag_run *r, char kind, unsigned char lang, const char *s, size_t n,
			  size_t p)
{
	char key[2 + TEXT_TOKEN_MAX];
	int64_t id;

	key[0] = kind;
	key[1] = (char)lang;
	memcpy(key + 2, s, n);
	id = text_intern_find(&r->th->keys, key, n + 2);
	if (id >= 0)
		tag_add(r, &r->th->vals[id], p, p);
}

static int tag_inside(const struct tag_match *a, const struct tag_match *b);

/* 1 when a match found so far covers token p. */
static int tag_covered(const struct tag_run *r, size_t p)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->m[i].from <= p && p <= r->m[i].to)
			return 1;
	return 0;
}

/*
 * The terms found among the compound parts of token p (lemma.h): "Steuerung"
 * in "Bewässerungssteuerung", "Wasser Wiederverwendung" in
 * "Wasserwiederverwendung". They count as matches of token p, and only
 * when no term covers the whole word: a compound the thesaurus knows
 * (Wasserstoff, hydrogen) says more than its parts (Wasser, water).
 */
/* Walks every token of seq (both spellings) into r's matches; seq's indexes. */
static void tag_walk_seq(struct tag_run *r, const struct th_toks *seq)
{
	const struct th_toks *main = r->toks;

	r->toks = seq;
	for (size_t k = 0; k < seq->n; k++) {
		tag_walk(r, k, 0);
		tag_walk(r, k, 1);
	}
	r->toks = main;
}

static struct th_tok tag_part_tok(const struct text_term *term, const struct th_tok *w, size_t i)
{
	struct th_tok t = {term->stem, term->fold, term->stem_len, term->fold_len, w->start,
			   w->end,     w->lang,	   0,		   (uint32_t)i};

	return t;
}

/*
 * Splits the TEXT_TERM_PART terms after word w into the word's own lemma
 * (whole), its parts as written (seq) and its parts as lemmas (alt: a
 * part's lemma when it has one, else the part).
 */
static void tag_part_seqs(const struct text_terms *terms, const struct th_tok *w,
			  struct th_toks *whole, struct th_toks *seq, struct th_toks *alt)
{
	for (size_t i = w->term + 1; i < terms->n && (terms->v[i].flags & TEXT_TERM_PART); i++) {
		struct th_tok t = tag_part_tok(&terms->v[i], w, i);

		if (!(terms->v[i].flags & TEXT_TERM_LEMMA)) {
			toks_push(seq, &t);
			toks_push(alt, &t);
		} else if (seq->n == 0) {
			toks_push(whole, &t);
		} else {
			alt->v[alt->n - 1] = t;
		}
	}
}

/* Drops the matches from before on that lie inside another one of them. */
static void tag_drop_inner(struct tag_run *r, size_t before)
{
	size_t kept = before;

	for (size_t k = before; k < r->n; k++) {
		int inner = 0;

		for (size_t x = before; x < r->n && !inner; x++)
			inner = tag_inside(&r->m[k], &r->m[x]);
		if (!inner)
			r->m[kept++] = r->m[k];
	}
	r->n = kept;
}

static void tag_parts(struct tag_run *r, const struct text_terms *terms, size_t p)
{
	const struct th_tok *w = &r->toks->v[p];
	struct th_toks whole = {NULL, 0, 0}, seq = {NULL, 0, 0}, alt = {NULL, 0, 0};
	size_t before = r->n, mid;

	if (p + 1 < r->toks->n && r->toks->v[p + 1].term == w->term + 1)
		return; /* no part follows */
	tag_part_seqs(terms, w, &whole, &seq, &alt);
	if ((whole.n || seq.n) && !tag_covered(r, p)) {
		tag_walk_seq(r, &whole);
		mid = r->n;
		for (size_t k = before; k < mid; k++) /* the whole word's lemma: every part */
			r->m[k].to = seq.n ? (uint32_t)(seq.n - 1) : 0;
		tag_walk_seq(r, &seq);
		tag_walk_seq(r, &alt);
		tag_drop_inner(r, before);
		for (size_t k = before; k < r->n; k++) {
			r->m[k].from = r->m[k].to = (uint32_t)p;
			r->m[k].start = w->start;
			r->m[k].end = w->end;
		}
	}
	free(whole.v);
	free(seq.v);
	free(alt.v);
}

/* The prefix and suffix terms that token p starts or ends with. */
static void tag_affix(struct tag_run *r, size_t p)
{
	const struct th_tok *t = &r->toks->v[p];
	uint64_t pre, suf;

	if (t->lang >= TEXT_LANG_COUNT)
		return;
	pre = r->th->prelen[t->lang];
	suf = r->th->suflen[t->lang];
	for (size_t k = TH_AFFIX_MIN; k < 64 && k <= t->fold_len && (pre | suf) >> k; k++) {
		int boundary_pre = k == t->fold_len || ((unsigned char)t->fold[k] & 0xC0) != 0x80;
		size_t from = t->fold_len - k;
		int boundary_suf = ((unsigned char)t->fold[from] & 0xC0) != 0x80;

		if (((pre >> k) & 1) && boundary_pre)
			tag_affix_one(r, 'p', t->lang, t->fold, k, p);
		if (((suf >> k) & 1) && boundary_suf)
			tag_affix_one(r, 'x', t->lang, t->fold + from, k, p);
	}
}

/* 1 when a's tokens lie strictly inside b's. */
static int tag_inside(const struct tag_match *a, const struct tag_match *b)
{
	return b->from <= a->from && a->to <= b->to && (b->from != a->from || b->to != a->to);
}

static int tag_cmp(const void *x, const void *y)
{
	const struct tag_match *a = x, *b = y;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return (a->concept > b->concept) - (a->concept < b->concept);
}

/* Drops nested matches, sorts and reports the rest. */
static int tag_report(struct tag_run *r, text_tag_cb cb, void *ctx)
{
	size_t i, j, kept = 0;
	int rc = 0;

	for (i = 0; i < r->n; i++) {
		int inner = 0;

		for (j = 0; j < r->n && !inner && r->n <= TAG_NEST_MAX; j++)
			inner = tag_inside(&r->m[i], &r->m[j]);
		if (!inner)
			r->m[kept++] = r->m[i];
	}
	if (kept > 1)
		qsort(r->m, kept, sizeof(*r->m), tag_cmp);
	for (i = 0; i < kept && rc == 0; i++) {
		struct text_tag t = {r->m[i].concept, r->m[i].start, r->m[i].end};

		if (i > 0 && tag_cmp(&r->m[i], &r->m[i - 1]) == 0)
			continue; /* the same term under both spellings */
		rc = cb(ctx, &t);
	}
	return rc;
}

int text_thesaurus_tag(const struct text_thesaurus *th, const struct text_terms *terms,
		       enum text_lang lang, text_tag_cb cb, void *ctx)
{
	struct th_toks toks = {NULL, 0, 0};
	struct tag_run r = {th, &toks, NULL, 0, 0};
	int rc;

	th_tokens(terms, lang, &toks);
	for (size_t p = 0; p < toks.n; p++) {
		tag_walk(&r, p, 0);
		if (!toks.v[p].cjk) {
			tag_walk(&r, p, 1);
			tag_affix(&r, p);
			tag_parts(&r, terms, p);
		}
	}
	rc = tag_report(&r, cb, ctx);
	free(r.m);
	free(toks.v);
	return rc;
}

int text_thesaurus_tag_text(const struct text_thesaurus *th, struct text_analyzer *a, const char *s,
			    size_t len, enum text_lang lang, text_tag_cb cb, void *ctx)
{
	struct text_terms terms;
	int rc;

	text_terms_init(&terms);
	rc = text_analyze_terms(a, s, len, lang, &terms);
	if (rc == 0)
		rc = text_thesaurus_tag(th, &terms, lang, cb, ctx);
	text_terms_release(&terms);
	return rc;
}
