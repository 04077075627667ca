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
static void toks_cjk(const struct text_term *term, struct th_toks *out)
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

		if (term->flags & TEXT_TERM_CJK) {
			toks_cjk(term, out);
			continue;
		}
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
