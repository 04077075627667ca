/*
 * analyze.c - words for matching (see analyze.h): ICU word segments, split
 * into CJK words and alphabetic pieces like tokenize.c does, folded with
 * the shared folder, filtered by the stop word lists and stemmed with
 * libstemmer.
 *
 * Stemming wants lower case with diacritics (Snowball's French and
 * Portuguese rules test é, ã, ...), so an alphabetic piece is case-folded
 * (NFKC_Casefold), stemmed, and only then stripped of its diacritics by
 * the folder. ASCII pieces skip the conversions.
 */
#include "text/analyze.h"
#include "text/intern.h"
#include "text/ja.h"
#include "text/lemma.h"
#include "text/text.h"
#include "text/text_int.h"

#include "core/err.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

/* Bytes of a stemmed or folded word: TEXT_TOKEN_MAX plus room to cut. */
#define ANA_WORD_MAX (TEXT_TOKEN_MAX + 8)
/* UTF-16 units of a word given to the stemmer; longer words are cut. */
#define ANA_WORD16_MAX 128
/* Words whose lemma an analyzer remembers; it forgets them all past this. */
#define ANA_LEMMA_CACHE 65536
#define ANA_PART_SEP	'\x1f'

static const char *const ana_stemmer_names[TEXT_LANG_COUNT] = {
    [TEXT_LANG_EN] = "english",	   [TEXT_LANG_FR] = "french",	 [TEXT_LANG_DE] = "german",
    [TEXT_LANG_PT] = "portuguese", [TEXT_LANG_ES] = "spanish",	 [TEXT_LANG_IT] = "italian",
    [TEXT_LANG_FI] = "finnish",	   [TEXT_LANG_NL] = "dutch",	 [TEXT_LANG_SV] = "swedish",
    [TEXT_LANG_DA] = "danish",	   [TEXT_LANG_NB] = "norwegian", [TEXT_LANG_RU] = "russian",
    [TEXT_LANG_EL] = "greek",
};

struct text_analyzer {
	UBreakIterator *bi;
	const UNormalizer2 *nfkc_cf;
	struct text_folder f;
	struct sb_stemmer *stemmers[TEXT_LANG_COUNT];
	unsigned char tried[TEXT_LANG_COUNT];
	UChar w16[ANA_WORD16_MAX * 3]; /* case-folded word, then the stem */
	char w8[ANA_WORD16_MAX * 9];   /* the case-folded word in UTF-8 */
	char fold[ANA_WORD_MAX];
	size_t fold_len;
	char stem[ANA_WORD_MAX];
	size_t stem_len;
	/* lemmas seen: key = language byte + lower-case word; value = the
	 * lemma ("" when unknown), then ANA_PART_SEP + each compound part */
	struct text_intern lem;
	char **lem_val;
	size_t lem_cap;
	struct text_ja *ja; /* MeCab for Japanese texts; NULL without IPADIC */
	int ja_tried;
};

/* One run of text_analyze. */
struct ana_run {
	struct text_analyzer *a;
	const char *s; /* the UTF-8 input */
	struct text_u16 u;
	enum text_lang lang;
	text_term_cb cb;
	void *ctx;
	/* a Japanese text's run of CJK words not given to MeCab yet: bytes */
	size_t ja_start, ja_end;
	int ja_pending;
};

int text_lang_has_stemmer(enum text_lang lang)
{
	return (int)lang >= 0 && lang < TEXT_LANG_COUNT && ana_stemmer_names[lang] != NULL;
}

int text_analyzer_new(struct text_analyzer **out)
{
	UErrorCode st = U_ZERO_ERROR;
	struct text_analyzer *a = xcalloc(1, sizeof(*a));

	*out = NULL;
	text_intern_init(&a->lem);
	a->nfkc_cf = unorm2_getNFKCCasefoldInstance(&st);
	if (U_SUCCESS(st))
		a->bi = ubrk_open(UBRK_WORD, "", NULL, 0, &st);
	if (U_FAILURE(st) || text_folder_init(&a->f) != 0) {
		text_analyzer_free(a);
		return ERR_INTERNAL;
	}
	*out = a;
	return 0;
}

void text_analyzer_free(struct text_analyzer *a)
{
	if (!a)
		return;
	if (a->bi)
		ubrk_close(a->bi);
	text_folder_release(&a->f);
	for (int i = 0; i < TEXT_LANG_COUNT; i++)
		sb_stemmer_delete(a->stemmers[i]);
	text_ja_free(a->ja);
	for (size_t i = 0; i < text_intern_count(&a->lem); i++)
		free(a->lem_val[i]);
	free(a->lem_val);
	text_intern_release(&a->lem);
	free(a);
}

/* The lemma entry of the lower-case word w[0..n) of lang (see lem). */
static const char *ana_lemma(struct text_analyzer *a, enum text_lang lang, const char *w, size_t n)
{
	char key[1 + ANA_WORD16_MAX * 9], val[sizeof(((struct text_lemma *)0)->buf) + 8];
	struct text_lemma l;
	size_t len = 0;
	uint32_t id;
	int64_t found;

	if (n + 1 > sizeof(key))
		return "";
	key[0] = (char)lang;
	memcpy(key + 1, w, n);
	found = text_intern_find(&a->lem, key, n + 1);
	if (found >= 0)
		return a->lem_val[found];
	if (text_intern_count(&a->lem) >= ANA_LEMMA_CACHE) {
		for (size_t i = 0; i < text_intern_count(&a->lem); i++)
			free(a->lem_val[i]);
		text_intern_release(&a->lem);
		text_intern_init(&a->lem);
	}
	val[0] = '\0';
	if (text_lemma_word(lang, w, n, &l) == 0) {
		len = (size_t)snprintf(val, sizeof(val), "%s", l.lemma ? l.lemma : "");
		for (size_t i = 0; i < l.nparts && len < sizeof(val); i++)
			len += (size_t)snprintf(val + len, sizeof(val) - len, "%c%s", ANA_PART_SEP,
						l.part[i]);
	}
	id = text_intern_add(&a->lem, key, n + 1, NULL);
	if (id >= a->lem_cap) {
		a->lem_cap = a->lem_cap ? 2 * a->lem_cap : 256;
		a->lem_val = xreallocarray(a->lem_val, a->lem_cap, sizeof(*a->lem_val));
	}
	a->lem_val[id] = xstrdup(val);
	return a->lem_val[id];
}

/* The stemmer of lang, opened at first use; NULL when there is none. */
static struct sb_stemmer *ana_stemmer(struct text_analyzer *a, enum text_lang lang)
{
	if (!text_lang_has_stemmer(lang))
		return NULL;
	if (!a->tried[lang]) {
		a->tried[lang] = 1;
		a->stemmers[lang] = sb_stemmer_new(ana_stemmer_names[lang], NULL);
	}
	return a->stemmers[lang];
}

/* The stemmer language for a word starting with c in a text in lang. */
static enum text_lang ana_word_lang(enum text_lang lang, UChar32 c)
{
	UErrorCode st = U_ZERO_ERROR;
	UScriptCode sc = c < 0x80 ? USCRIPT_LATIN : uscript_getScript(c, &st);

	if (sc == USCRIPT_LATIN)
		return text_lang_is_latin(lang) ? lang : TEXT_LANG_EN;
	if (sc == USCRIPT_CYRILLIC)
		return TEXT_LANG_RU;
	if (sc == USCRIPT_GREEK)
		return TEXT_LANG_EL;
	return TEXT_LANG_UNKNOWN;
}

/* Copies p[0..n) into dst (ANA_WORD_MAX bytes), cut at TEXT_TOKEN_MAX. */
static size_t ana_copy(char *dst, const char *p, size_t n)
{
	if (n > TEXT_TOKEN_MAX) {
		n = TEXT_TOKEN_MAX;
		while (n > 0 && ((unsigned char)p[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, p, n);
	return n;
}

/* Folds u16[i..j) into a->fold. */
static int ana_fold(struct text_analyzer *a, const UChar *s, int32_t n)
{
	int rc = text_folder_run(&a->f, s, n);

	if (rc == 0)
		a->fold_len = ana_copy(a->fold, a->f.out, (size_t)a->f.out_len);
	return rc;
}

/* Case-folds s[0..n) into a->w8 (UTF-8) for the stemmer; returns its length or -1. */
static int32_t ana_casefold_utf8(struct text_analyzer *a, const UChar *s, int32_t n)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n16, n8;

	if (n > ANA_WORD16_MAX)
		n = ANA_WORD16_MAX;
	n16 = unorm2_normalize(a->nfkc_cf, s, n, a->w16, (int32_t)(sizeof(a->w16) / 2), &st);
	if (U_SUCCESS(st))
		u_strToUTF8(a->w8, (int32_t)sizeof(a->w8), &n8, a->w16, n16, &st);
	return U_FAILURE(st) ? -1 : n8;
}

/* Folds UTF-8 p[0..n) into dst (ANA_WORD_MAX bytes), *dlen its length. */
static int ana_fold_utf8(struct text_analyzer *a, const char *p, int32_t n, char *dst,
			 size_t *dlen)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n16;
	int rc;

	u_strFromUTF8(a->w16, (int32_t)(sizeof(a->w16) / 2), &n16, p, n, &st);
	if (U_FAILURE(st))
		return ERR_INTERNAL;
	rc = text_folder_run(&a->f, a->w16, n16);
	if (rc == 0)
		*dlen = ana_copy(dst, a->f.out, (size_t)a->f.out_len);
	return rc;
}

/* Strips the diacritics of the stem in UTF-8 p[0..n) into a->stem. */
static int ana_fold_stem(struct text_analyzer *a, const char *p, int32_t n)
{
	return ana_fold_utf8(a, p, n, a->stem, &a->stem_len);
}

/* Stems the lower-case UTF-8 word p[0..n) into a->stem. */
static int ana_stem_utf8(struct text_analyzer *a, struct sb_stemmer *sb, const char *p, size_t n)
{
	const sb_symbol *r = sb_stemmer_stem(sb, (const sb_symbol *)p, (int)n);

	return r ? ana_fold_stem(a, (const char *)r, sb_stemmer_length(sb)) : ERR_INTERNAL;
}

/* Stems the piece s[0..n), whose folded form is in a->fold, into a->stem. */
static int ana_stem(struct text_analyzer *a, struct sb_stemmer *sb, const UChar *s, int32_t n)
{
	const sb_symbol *r;
	int32_t i, len;
	int ascii = 1;

	for (i = 0; i < n && ascii; i++)
		ascii = s[i] < 0x80;
	if (ascii) {
		r = sb_stemmer_stem(sb, (const sb_symbol *)a->fold, (int)a->fold_len);
		if (!r)
			return ERR_INTERNAL;
		a->stem_len = ana_copy(a->stem, (const char *)r, (size_t)sb_stemmer_length(sb));
		return 0;
	}
	len = ana_casefold_utf8(a, s, n);
	if (len < 0)
		return ERR_INTERNAL;
	r = sb_stemmer_stem(sb, (const sb_symbol *)a->w8, len);
	if (!r)
		return ERR_INTERNAL;
	return ana_fold_stem(a, (const char *)r, sb_stemmer_length(sb));
}

/* Emits the term over the input's bytes [start, end): a->fold, and a->stem unless plain. */
static int ana_emit_at(struct ana_run *r, enum text_lang wl, int flags, size_t start, size_t end)
{
	struct text_analyzer *a = r->a;
	struct text_term t;

	int plain = (flags & (TEXT_TERM_CJK | TEXT_TERM_NUMBER)) || wl == TEXT_LANG_UNKNOWN;

	t.fold = a->fold;
	t.fold_len = a->fold_len;
	t.stem = plain ? a->fold : a->stem;
	t.stem_len = plain ? a->fold_len : a->stem_len;
	t.start = start;
	t.end = end;
	t.lang = (flags & (TEXT_TERM_CJK | TEXT_TERM_NUMBER)) ? TEXT_LANG_UNKNOWN : wl;
	t.flags = flags;
	if (t.stem_len == 0)
		return 0;
	return r->cb(r->ctx, &t);
}

/* The word [i, j) of the UTF-16 text, a->fold and a->stem its forms. */
static int ana_emit(struct ana_run *r, enum text_lang wl, int flags, int32_t i, int32_t j)
{
	return ana_emit_at(r, wl, flags, r->u.off[i], r->u.off[j]);
}

/*
 * Emits the stem of lemma[0..n) as a TEXT_TERM_PART of the word [i, j)
 * just emitted (a->fold, a->stem hold it) when it differs from its stem.
 */
static int ana_alt(struct ana_run *r, struct sb_stemmer *sb, enum text_lang wl, const char *lemma,
		   size_t n, int32_t i, int32_t j)
{
	struct text_analyzer *a = r->a;
	char stem[ANA_WORD_MAX];
	size_t len = a->stem_len;
	int rc;

	memcpy(stem, a->stem, len);
	rc = ana_stem_utf8(a, sb, lemma, n);
	if (rc != 0 || (a->stem_len == len && memcmp(stem, a->stem, len) == 0))
		return rc;
	return ana_emit(r, wl, TEXT_TERM_PART | TEXT_TERM_LEMMA, i, j);
}

/* Emits compound part p[0..n) of the word [i, j): its stem, and its lemma's. */
static int ana_part(struct ana_run *r, struct sb_stemmer *sb, enum text_lang wl, const char *p,
		    size_t n, int32_t i, int32_t j)
{
	struct text_analyzer *a = r->a;
	char part[ANA_WORD_MAX];
	const char *lemma;
	size_t ln;
	int rc;

	if (n == 0 || n >= sizeof(part))
		return 0;
	memcpy(part, p, n);
	rc = ana_fold_utf8(a, part, (int32_t)n, a->fold, &a->fold_len);
	if (rc != 0 || text_is_stop_word(wl, a->fold, a->fold_len))
		return rc;
	rc = ana_stem_utf8(a, sb, part, n);
	if (rc == 0)
		rc = ana_emit(r, wl, TEXT_TERM_PART, i, j);
	lemma = ana_lemma(a, wl, part, n);
	ln = strcspn(lemma, "\x1f");
	return rc == 0 && ln ? ana_alt(r, sb, wl, lemma, ln, i, j) : rc;
}

/*
 * The piece [i, j) of a language with a lemmatiser (lemma.h): the
 * Snowball stem of its lemma (of the word itself when the dictionary does
 * not know it), then its compound parts as TEXT_TERM_PART terms.
 */
static int ana_alpha_lemma(struct ana_run *r, struct sb_stemmer *sb, enum text_lang wl, int32_t i,
			   int32_t j)
{
	struct text_analyzer *a = r->a;
	char word[ANA_WORD16_MAX * 9], entry[sizeof(((struct text_lemma *)0)->buf) + 8];
	const char *lemma, *p;
	size_t n, ln;
	int32_t n8;
	int rc;

	n8 = ana_casefold_utf8(a, r->u.s + i, j - i);
	if (n8 < 0)
		return ERR_INTERNAL;
	n = (size_t)n8;
	memcpy(word, a->w8, n);
	/* a copy: looking up the parts may empty the cache */
	snprintf(entry, sizeof(entry), "%s", ana_lemma(a, wl, word, n));
	lemma = entry;
	ln = strcspn(lemma, "\x1f");
	rc = ana_stem_utf8(a, sb, word, n);
	if (rc == 0)
		rc = ana_emit(r, wl, 0, i, j);
	if (rc == 0 && ln)
		rc = ana_alt(r, sb, wl, lemma, ln, i, j);
	for (p = lemma + ln; rc == 0 && *p == ANA_PART_SEP;) {
		size_t k = strcspn(p + 1, "\x1f");

		rc = ana_part(r, sb, wl, p + 1, k, i, j);
		p += 1 + k;
	}
	return rc;
}

/* One alphabetic piece [i, j) (no CJK, no apostrophe). */
static int ana_alpha(struct ana_run *r, int32_t i, int32_t j)
{
	struct text_analyzer *a = r->a;
	const UChar *s = r->u.s + i;
	enum text_lang wl;
	struct sb_stemmer *sb;
	UChar32 c;
	int32_t k = 0;
	int rc;

	U16_GET(s, 0, k, j - i, c);
	wl = ana_word_lang(r->lang, c);
	rc = ana_fold(a, s, j - i);
	if (rc != 0 || a->fold_len == 0)
		return rc;
	if (wl != TEXT_LANG_UNKNOWN && u_countChar32(s, j - i) < 2)
		return 0; /* one-letter words: articles, initials */
	if (text_is_stop_word(wl, a->fold, a->fold_len))
		return 0;
	sb = ana_stemmer(a, wl);
	if (!sb)
		return ana_emit(r, TEXT_LANG_UNKNOWN, 0, i, j);
	if (text_lemma_available(wl))
		return ana_alpha_lemma(r, sb, wl, i, j);
	rc = ana_stem(a, sb, s, j - i);
	return rc == 0 ? ana_emit(r, wl, 0, i, j) : rc;
}

/* One CJK word [i, j) or one number. */
static int ana_whole(struct ana_run *r, int flags, int32_t i, int32_t j)
{
	int rc = ana_fold(r->a, r->u.s + i, j - i);

	if (rc != 0 || r->a->fold_len == 0)
		return rc;
	if ((flags & TEXT_TERM_CJK) && text_is_stop_word(r->lang, r->a->fold, r->a->fold_len))
		return 0;
	return ana_emit(r, TEXT_LANG_UNKNOWN, flags, i, j);
}

/* Emits a Japanese term over the bytes [start, end) of the input, a->fold its word. */
static int ana_emit_bytes(struct ana_run *r, int flags, size_t start, size_t end)
{
	if (text_is_stop_word(TEXT_LANG_JA, r->a->fold, r->a->fold_len))
		return 0;
	return ana_emit_at(r, TEXT_LANG_UNKNOWN, flags, start, end);
}

/* One MeCab morpheme of the pending run: the word, then its base form when different. */
static int ana_ja_morph(void *ctx, const struct text_ja_morph *m)
{
	struct ana_run *r = ctx;
	struct text_analyzer *a = r->a;
	const char *p = r->s + r->ja_start + m->off;
	size_t start = r->ja_start + m->off, end = start + m->len;
	char word[ANA_WORD_MAX];
	size_t wlen;
	int rc;

	if (!m->content || m->len >= ANA_WORD16_MAX)
		return 0;
	rc = ana_fold_utf8(a, p, (int32_t)m->len, a->fold, &a->fold_len);
	if (rc == 0)
		rc = ana_emit_bytes(r, TEXT_TERM_CJK, start, end);
	if (rc != 0 || !m->base || (m->base_len == m->len && memcmp(m->base, p, m->len) == 0) ||
	    m->base_len >= ANA_WORD16_MAX)
		return rc;
	wlen = a->fold_len;
	memcpy(word, a->fold, wlen);
	rc = ana_fold_utf8(a, m->base, (int32_t)m->base_len, a->fold, &a->fold_len);
	if (rc != 0 || (a->fold_len == wlen && memcmp(word, a->fold, wlen) == 0))
		return rc;
	return ana_emit_bytes(r, TEXT_TERM_CJK | TEXT_TERM_PART | TEXT_TERM_LEMMA, start, end);
}

/* Gives the pending run of a Japanese text to MeCab. */
static int ana_ja_flush(struct ana_run *r)
{
	if (!r->ja_pending)
		return 0;
	r->ja_pending = 0;
	return text_ja_parse(r->a->ja, r->s + r->ja_start, r->ja_end - r->ja_start, ana_ja_morph,
			     r);
}

/*
 * A CJK word [i, j): in a Japanese text with MeCab, added to the pending
 * run (adjacent CJK words are parsed together, so that MeCab sees a verb
 * with its endings); else one word.
 */
static int ana_cjk(struct ana_run *r, int32_t i, int32_t j)
{
	size_t start = r->u.off[i], end = r->u.off[j];
	int rc;

	if (r->lang != TEXT_LANG_JA || !r->a->ja)
		return ana_whole(r, TEXT_TERM_CJK, i, j);
	if (r->ja_pending && r->ja_end == start) {
		r->ja_end = end;
		return 0;
	}
	rc = ana_ja_flush(r);
	r->ja_pending = 1;
	r->ja_start = start;
	r->ja_end = end;
	return rc;
}

/* Splits the word segment [ws, we) into CJK words, apostrophes and alphabetic pieces. */
static int ana_segment(struct ana_run *r, int32_t ws, int32_t we)
{
	const UChar *s = r->u.s;
	int32_t i = ws;
	int rc = 0;

	while (rc == 0 && i < we) {
		int32_t j = i, k;
		UChar32 c;

		U16_NEXT(s, j, we, c);
		if (text_is_apostrophe(c)) {
			i = j;
			continue;
		}
		k = j;
		while (j < we) {
			UChar32 d;

			U16_NEXT(s, k, we, d);
			if (text_is_apostrophe(d) || text_is_cjk(d) != text_is_cjk(c))
				break;
			j = k;
		}
		if (text_is_cjk(c))
			rc = ana_cjk(r, i, j);
		else if ((rc = ana_ja_flush(r)) == 0)
			rc = ana_alpha(r, i, j);
		i = j;
	}
	return rc;
}

static int ana_segments(struct ana_run *r)
{
	UBreakIterator *bi = r->a->bi;
	int32_t start = ubrk_first(bi);
	int32_t end = ubrk_next(bi);
	int rc = 0;

	while (rc == 0 && end != UBRK_DONE) {
		int32_t status = ubrk_getRuleStatus(bi);

		if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT) {
			rc = ana_ja_flush(r);
			if (rc == 0)
				rc = ana_whole(r, TEXT_TERM_NUMBER, start, end);
		} else if (status >= UBRK_WORD_NONE_LIMIT)
			rc = ana_segment(r, start, end);
		start = end;
		end = ubrk_next(bi);
	}
	return rc == 0 ? ana_ja_flush(r) : rc;
}

int text_analyze(struct text_analyzer *a, const char *s, size_t len, enum text_lang lang,
		 text_term_cb cb, void *ctx)
{
	static const UChar empty[1];
	UErrorCode st = U_ZERO_ERROR;
	struct ana_run r = {a, s, {0}, lang, cb, ctx, 0, 0, 0};
	int rc;

	if (lang == TEXT_LANG_JA && !a->ja_tried) {
		a->ja_tried = 1;
		text_ja_new(&a->ja);
	}

	rc = text_u16_from_utf8(&r.u, s, len, 1);
	if (rc == 0 && r.u.len > 0) {
		ubrk_setText(a->bi, r.u.s, r.u.len, &st);
		rc = U_FAILURE(st) ? ERR_INTERNAL : ana_segments(&r);
		ubrk_setText(a->bi, empty, 0, &st);
	}
	text_u16_release(&r.u);
	return rc;
}

void text_terms_init(struct text_terms *t)
{
	memset(t, 0, sizeof(*t));
}

void text_terms_release(struct text_terms *t)
{
	free(t->v);
	free(t->pool);
	text_terms_init(t);
}

/* Appends p[0..n) to the pool; returns its offset. */
static size_t terms_pool_add(struct text_terms *t, const char *p, size_t n)
{
	size_t off = t->pool_len;

	if (t->pool_len + n > t->pool_cap) {
		size_t cap = t->pool_cap ? 2 * t->pool_cap : 256;

		while (cap < t->pool_len + n)
			cap *= 2;
		t->pool = xrealloc(t->pool, cap);
		t->pool_cap = cap;
	}
	memcpy(t->pool + off, p, n);
	t->pool_len += n;
	return off;
}

/* Keeps a copy of the term; the string fields hold pool offsets until the end. */
static int terms_collect(void *ctx, const struct text_term *term)
{
	struct text_terms *t = ctx;
	struct text_term *v;

	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 32;
		t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
	}
	v = &t->v[t->n++];
	*v = *term;
	v->stem = (const char *)(uintptr_t)terms_pool_add(t, term->stem, term->stem_len);
	v->fold = (const char *)(uintptr_t)terms_pool_add(t, term->fold, term->fold_len);
	return 0;
}

int text_analyze_terms(struct text_analyzer *a, const char *s, size_t len, enum text_lang lang,
		       struct text_terms *out)
{
	int rc;

	out->n = 0;
	out->pool_len = 0;
	rc = text_analyze(a, s, len, lang, terms_collect, out);
	for (size_t i = 0; i < out->n; i++) {
		out->v[i].stem = out->pool + (uintptr_t)out->v[i].stem;
		out->v[i].fold = out->pool + (uintptr_t)out->v[i].fold;
	}
	if (rc != 0)
		out->n = 0;
	return rc;
}

struct stem_one {
	char *out;
	size_t size;
	int len;
};

static int stem_first(void *ctx, const struct text_term *term)
{
	struct stem_one *o = ctx;
	size_t n = term->stem_len;

	if (n >= o->size) {
		n = o->size - 1;
		while (n > 0 && ((unsigned char)term->stem[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(o->out, term->stem, n);
	o->out[n] = '\0';
	o->len = (int)n;
	return 1;
}

int text_stem_word(struct text_analyzer *a, enum text_lang lang, const char *w, size_t wlen,
		   char *out, size_t outsize)
{
	struct stem_one o = {out, outsize, 0};
	int rc;

	if (outsize == 0)
		return ERR_TOO_LARGE;
	out[0] = '\0';
	rc = text_analyze(a, w, wlen, lang, stem_first, &o);
	return rc < 0 ? rc : o.len;
}
