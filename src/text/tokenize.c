/*
 * tokenize.c - word segmentation with ICU's word break iterator (root
 * locale: rules for alphabetic scripts, dictionaries for Chinese, Japanese,
 * Thai, ...), folding of every word, and CJK bigrams (see text.h).
 *
 * The input is converted to UTF-16 once, with a map from UTF-16 units back
 * to byte offsets of the original UTF-8, since FTS5 highlights with them.
 * Inside a word, a "piece" is a maximal stretch of non-CJK characters (one
 * token) and a "unit" is one CJK character with the characters that NFKC
 * may compose with it (a half-width voicing mark, a combining mark). Units
 * are folded one by one into the current CJK run, which lasts as long as
 * units are adjacent in the text, across ICU's word boundaries; the run is
 * turned into bigrams when something else comes.
 *
 * ICU's CJK dictionary segmentation is costly and its word boundaries do
 * not matter here, so the text is first cut into maximal CJK runs and the
 * stretches between them: a run goes straight to bigrams when ICU would put
 * all its units in words and break at both of its edges whatever the text
 * around (tok_run_direct: plain letters, punctuation or a Latin letter or
 * digit beside Han and kana), and only the other runs and the stretches go
 * through the break iterator. The output is the same as segmenting the
 * whole text with ICU, which a differential test established over real
 * texts, random mixes of scripts and every code point in CJK contexts.
 *
 * ubrk_open is costly (rules and dictionaries are looked up), so each
 * thread keeps one iterator in a pthread key, closed when the thread ends.
 */
#include "text/text.h"
#include "text/text_int.h"

#include "core/err.h"
#include "core/xalloc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#define TOK_RUN_BYTES 512
#define TOK_RUN_CHARS 128

/* One folded CJK character of a run: bytes[off..off+len) of the run. */
struct tok_char {
	size_t off, len;
	size_t start, end; /* its byte range in the source */
};

/* The current CJK run. */
struct tok_run {
	char *bytes;
	size_t nbytes, cap_bytes;
	struct tok_char *chars;
	size_t n, cap;
	int32_t end16; /* UTF-16 index just after the run's last unit */
	char bytes_stack[TOK_RUN_BYTES];
	struct tok_char chars_stack[TOK_RUN_CHARS];
};

struct tok {
	struct text_u16 u;
	struct text_folder f;
	struct tok_run run;
	const UNormalizer2 *nfkc;
	enum text_mode mode;
	text_token_cb cb;
	void *ctx;
};

static pthread_once_t tok_key_once = PTHREAD_ONCE_INIT;
static pthread_key_t tok_key;
static int tok_key_ok;

static void tok_bi_destroy(void *bi)
{
	ubrk_close(bi);
}

static void tok_key_create(void)
{
	tok_key_ok = pthread_key_create(&tok_key, tok_bi_destroy) == 0;
}

/*
 * Takes this thread's cached iterator out of its slot (so that a callback
 * that tokenises again gets a fresh one), or opens one. NULL if ICU fails.
 */
static UBreakIterator *tok_bi_acquire(void)
{
	UErrorCode st = U_ZERO_ERROR;
	UBreakIterator *bi = NULL;

	if (pthread_once(&tok_key_once, tok_key_create) == 0 && tok_key_ok) {
		bi = pthread_getspecific(tok_key);
		if (bi && pthread_setspecific(tok_key, NULL) != 0)
			bi = NULL;
	}
	if (bi)
		return bi;
	bi = ubrk_open(UBRK_WORD, "", NULL, 0, &st);
	return U_FAILURE(st) ? NULL : bi;
}

/* Puts bi back in this thread's slot, or closes it if the slot is taken. */
static void tok_bi_release(UBreakIterator *bi)
{
	static const UChar empty[1];
	UErrorCode st = U_ZERO_ERROR;

	ubrk_setText(bi, empty, 0, &st);
	if (U_SUCCESS(st) && tok_key_ok && !pthread_getspecific(tok_key) &&
	    pthread_setspecific(tok_key, bi) == 0)
		return;
	ubrk_close(bi);
}

static void tok_run_init(struct tok_run *r)
{
	r->bytes = r->bytes_stack;
	r->cap_bytes = sizeof(r->bytes_stack);
	r->chars = r->chars_stack;
	r->cap = TOK_RUN_CHARS;
	r->nbytes = 0;
	r->n = 0;
	r->end16 = -1;
}

static void tok_run_release(struct tok_run *r)
{
	if (r->bytes != r->bytes_stack)
		free(r->bytes);
	if (r->chars != r->chars_stack)
		free(r->chars);
	tok_run_init(r);
}

/* Makes room for one more character of len bytes. */
static void tok_run_reserve(struct tok_run *r, size_t len)
{
	if (r->nbytes + len > r->cap_bytes) {
		size_t cap = 2 * (r->nbytes + len);
		char *p = xmalloc(cap);

		memcpy(p, r->bytes, r->nbytes);
		if (r->bytes != r->bytes_stack)
			free(r->bytes);
		r->bytes = p;
		r->cap_bytes = cap;
	}
	if (r->n == r->cap) {
		struct tok_char *p = xreallocarray(NULL, 2 * r->cap, sizeof(*p));

		memcpy(p, r->chars, r->n * sizeof(*p));
		if (r->chars != r->chars_stack)
			free(r->chars);
		r->chars = p;
		r->cap *= 2;
	}
}

static void tok_run_add(struct tok_run *r, const char *p, size_t len, size_t start, size_t end)
{
	struct tok_char *c;

	tok_run_reserve(r, len);
	c = &r->chars[r->n++];
	c->off = r->nbytes;
	c->len = len;
	c->start = start;
	c->end = end;
	memcpy(r->bytes + r->nbytes, p, len);
	r->nbytes += len;
}

/* Calls the callback, cutting long tokens at a character boundary. */
static int tok_emit(struct tok *t, int flags, const char *p, size_t len, size_t start, size_t end)
{
	if (len > TEXT_TOKEN_MAX) {
		len = TEXT_TOKEN_MAX;
		while (len > 0 && ((unsigned char)p[len] & 0xC0) == 0x80)
			len--;
	}
	if (len == 0)
		return 0;
	return t->cb(t->ctx, flags, p, len, start, end);
}

/* Emits characters i (and i + 1 when pair) of the run as one token. */
static int tok_emit_chars(struct tok *t, size_t i, int pair, int flags)
{
	const struct tok_char *a = &t->run.chars[i];
	const struct tok_char *b = pair ? a + 1 : a;

	return tok_emit(t, flags, t->run.bytes + a->off, b->off + b->len - a->off, a->start,
			b->end);
}

/* Turns the CJK run into tokens (see text.h for the order) and empties it. */
static int tok_run_flush(struct tok *t)
{
	size_t i, n = t->run.n;
	int index = t->mode == TEXT_MODE_INDEX;
	int rc = 0;

	if (n == 1)
		rc = tok_emit_chars(t, 0, 0, 0);
	for (i = 0; rc == 0 && i + 1 < n; i++) {
		rc = tok_emit_chars(t, i, 1, 0);
		if (rc == 0 && index)
			rc = tok_emit_chars(t, i, 0, TEXT_TOKEN_COLOCATED);
	}
	if (rc == 0 && n > 1 && index)
		rc = tok_emit_chars(t, n - 1, 0, 0);
	t->run.n = 0;
	t->run.nbytes = 0;
	return rc;
}

/* The end of the unit or piece character starting at i: NFKC may join marks. */
static int32_t tok_char_end(const struct tok *t, int32_t i, int32_t end)
{
	UChar32 c;

	U16_NEXT(t->u.s, i, end, c);
	while (i < end && t->u.s[i] >= 0x300) { /* NFKC starts anew below U+0300 */
		int32_t j = i;

		U16_NEXT(t->u.s, j, end, c);
		if (unorm2_hasBoundaryBefore(t->nfkc, c))
			break;
		i = j;
	}
	return i;
}

/*
 * Folds the CJK unit [i, end) and appends it to the run, one run character
 * per folded character (with its marks): the digraph ゟ gives よ and り.
 */
static int tok_cjk_unit(struct tok *t, int32_t i, int32_t end)
{
	const uint8_t *p;
	int32_t k = 0, from = 0;
	int rc;

	if (t->run.n > 0 && t->run.end16 != i) {
		rc = tok_run_flush(t);
		if (rc != 0)
			return rc;
	}
	rc = text_folder_run(&t->f, t->u.s + i, end - i);
	if (rc != 0)
		return rc;
	p = (const uint8_t *)t->f.out;
	while (k < t->f.out_len) {
		int32_t next = k;
		UChar32 c;

		U8_NEXT(p, next, t->f.out_len, c);
		if (k > 0 && c >= 0 && unorm2_hasBoundaryBefore(t->nfkc, c)) {
			tok_run_add(&t->run, t->f.out + from, (size_t)(k - from), t->u.off[i],
				    t->u.off[end]);
			from = k;
		}
		k = next;
	}
	if (k > from)
		tok_run_add(&t->run, t->f.out + from, (size_t)(k - from), t->u.off[i],
			    t->u.off[end]);
	t->run.end16 = end;
	return 0;
}

/* Folds and emits the non-CJK piece [i, end). */
static int tok_piece(struct tok *t, int32_t i, int32_t end)
{
	int rc = tok_run_flush(t);

	if (rc == 0)
		rc = text_folder_run(&t->f, t->u.s + i, end - i);
	if (rc == 0)
		rc = tok_emit(t, 0, t->f.out, (size_t)t->f.out_len, t->u.off[i], t->u.off[end]);
	return rc;
}

/* Splits the word [ws, we) into CJK units and non-CJK pieces. */
static int tok_word(struct tok *t, int32_t ws, int32_t we)
{
	int32_t i = ws;
	int rc = 0;

	while (rc == 0 && i < we) {
		int32_t j = i;
		UChar32 c;

		U16_GET(t->u.s, 0, i, we, c);
		if (text_is_cjk(c)) {
			j = tok_char_end(t, i, we);
			rc = tok_cjk_unit(t, i, j);
		} else if (text_is_apostrophe(c)) {
			U16_FWD_1(t->u.s, j, we);
		} else {
			while (j < we && !text_is_cjk(c) && !text_is_apostrophe(c)) {
				j = tok_char_end(t, j, we);
				if (j < we)
					U16_GET(t->u.s, 0, j, we, c);
			}
			rc = tok_piece(t, i, j);
		}
		i = j;
	}
	return rc;
}

/* Walks ICU's segments of the stretch at a, skipping those that are not words. */
static int tok_segments(struct tok *t, UBreakIterator *bi, int32_t a)
{
	int32_t start = ubrk_first(bi);
	int32_t end = ubrk_next(bi);
	int rc = 0;

	while (rc == 0 && end != UBRK_DONE) {
		if (ubrk_getRuleStatus(bi) >= UBRK_WORD_NONE_LIMIT)
			rc = tok_word(t, a + start, a + end);
		start = end;
		end = ubrk_next(bi);
	}
	return rc;
}

/* 1 for the characters that ICU's CJK dictionary segments (root word rules). */
static int tok_is_dict(UChar32 c)
{
	UErrorCode st = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript(c, &st);

	return sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA ||
	       u_getIntPropertyValue(c, UCHAR_WORD_BREAK) == U_WB_KATAKANA;
}

/* 1 for the scripts of ICU's dictionaries (CJK, and Thai & co.: Complex_Context). */
static int tok_is_cjk_script(UChar32 c)
{
	UErrorCode st = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript(c, &st);

	return sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA ||
	       sc == USCRIPT_HANGUL ||
	       u_getIntPropertyValue(c, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT;
}

/*
 * 1 when c is punctuation, a symbol or white space that ICU's word rules
 * always separate from its neighbours (Word_Break Other, or spaces), so that
 * a stretch ending or starting with c segments alone as it does in context.
 */
static int tok_is_fence(UChar32 c)
{
	int wb;

	if (c < 0x80)
		return c <= 0x20 || (c < 0x7F && strchr("!#$%&()*+-/<=>?[\\]^`{|}~", c) != NULL);
	if (!(U_GET_GC_MASK(c) & (U_GC_P_MASK | U_GC_S_MASK | U_GC_Z_MASK | U_GC_CC_MASK)))
		return 0;
	wb = u_getIntPropertyValue(c, UCHAR_WORD_BREAK);
	if (wb != U_WB_OTHER && wb != U_WB_CR && wb != U_WB_LF && wb != U_WB_NEWLINE &&
	    wb != U_WB_WSEGSPACE)
		return 0;
	return !u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) && !tok_is_cjk_script(c);
}

/*
 * 1 when ICU breaks between the CJK character cjk at the edge of a run and
 * its neighbour nb (U_SENTINEL: the text's edge) whatever surrounds them, so
 * that the run and the stretch beside it can be segmented apart.
 */
static int tok_edge_ok(UChar32 cjk, UChar32 nb)
{
	int wb = u_getIntPropertyValue(cjk, UCHAR_WORD_BREAK);

	/* ICU finds no word in a lone 々 or 〻 (Lm), nor in a lone mark */
	if (!(U_GET_GC_MASK(cjk) & U_GC_LO_MASK) && wb != U_WB_KATAKANA)
		return 0;
	if (nb == U_SENTINEL || tok_is_fence(nb))
		return 1;
	if (!tok_is_dict(cjk) || tok_is_dict(nb))
		return 0;
	/* Han and kana join no letter or digit in the word rules (ICU's
	 * dictionary runs are not ALetter), except through ExtendNumLet. */
	wb = u_getIntPropertyValue(nb, UCHAR_WORD_BREAK);
	if (wb == U_WB_EXTEND || wb == U_WB_FORMAT || wb == U_WB_ZWJ || wb == U_WB_EXTENDNUMLET ||
	    wb == U_WB_KATAKANA)
		return 0;
	return !tok_is_cjk_script(nb);
}

/* 1 for the Han and kana letters (Lo). */
static int tok_is_letter(UChar32 c)
{
	UErrorCode st = U_ZERO_ERROR;
	UScriptCode sc;

	if (c == U_SENTINEL || !(U_GET_GC_MASK(c) & U_GC_LO_MASK))
		return 0;
	sc = uscript_getScript(c, &st);
	return sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA;
}

/*
 * 1 for the characters that ICU always puts in words with their CJK
 * neighbours (prev and next, U_SENTINEL at the run's edges): Han, kana and
 * Hangul letters (Lo), the marks of length and repetition, 々 between Han or
 * kana letters and the kana voicing marks after one. ICU leaves others out
 * of words (㊀, 々 or a voicing mark after Hangul) or cuts units apart
 * (conjoining jamo).
 */
static int tok_is_plain(UChar32 c, UChar32 prev, UChar32 next)
{
	if (c == 0x3099 || c == 0x309A || c == 0xFF9E || c == 0xFF9F)
		return tok_is_letter(prev);
	if (c == 0x3005)
		return tok_is_letter(prev) && tok_is_letter(next);
	if (c >= 0xAC00 && c <= 0xD7A3)
		return 1;
	if (c == 0x309D || c == 0x309E || (c >= 0x30FC && c <= 0x30FE) || c == 0xFF70)
		return 1;
	return tok_is_letter(c);
}

/* 1 when the CJK run [a, b) can be cut out of the text before segmenting. */
static int tok_run_direct(const struct tok *t, int32_t a, int32_t b)
{
	UChar32 first, c, prev = U_SENTINEL, next = U_SENTINEL;
	int32_t i = a, j;

	U16_NEXT(t->u.s, i, b, first);
	c = first;
	for (;;) {
		next = U_SENTINEL;
		j = i;
		if (j < b)
			U16_NEXT(t->u.s, j, b, next);
		if (!tok_is_plain(c, prev, next))
			return 0;
		if (next == U_SENTINEL)
			break;
		prev = c;
		c = next;
		i = j;
	}
	/* c is the run's last character: now look at the neighbours */
	prev = next = U_SENTINEL;
	i = a;
	if (i > 0)
		U16_PREV(t->u.s, 0, i, prev);
	j = b;
	if (j < t->u.len)
		U16_NEXT(t->u.s, j, t->u.len, next);
	return tok_edge_ok(first, prev) && tok_edge_ok(c, next);
}

/* 1 when the stretch [a, b) is all fences: ICU would find no word in it. */
static int tok_all_fences(const struct tok *t, int32_t a, int32_t b)
{
	while (a < b) {
		UChar32 c;

		U16_NEXT(t->u.s, a, b, c);
		if (!tok_is_fence(c))
			return 0;
	}
	return 1;
}

/* Segments the non-CJK stretch [a, b) with ICU (*bi opened on first use). */
static int tok_stretch(struct tok *t, UBreakIterator **bi, int32_t a, int32_t b)
{
	UErrorCode st = U_ZERO_ERROR;

	if (a == b || tok_all_fences(t, a, b))
		return 0;
	if (!*bi)
		*bi = tok_bi_acquire();
	if (!*bi)
		return ERR_INTERNAL;
	ubrk_setText(*bi, t->u.s + a, b - a, &st);
	return U_FAILURE(st) ? ERR_INTERNAL : tok_segments(t, *bi, a);
}

/*
 * The start of the next CJK run at or after i (t->u.len if none). A CJK
 * character with which NFKC may compose the character before belongs to
 * that character's piece (tok_char_end); below U+1100 nothing is CJK.
 */
static int32_t tok_cjk_next(const struct tok *t, int32_t i)
{
	while (i < t->u.len) {
		int32_t j = i;
		UChar32 c;

		if (t->u.s[i] < 0x1100) {
			i++;
			continue;
		}
		U16_NEXT(t->u.s, j, t->u.len, c);
		if (text_is_cjk(c) && (i == 0 || unorm2_hasBoundaryBefore(t->nfkc, c)))
			return i;
		i = j;
	}
	return i;
}

/* The end of the CJK run starting at i (units, as tok_word cuts them). */
static int32_t tok_cjk_end(const struct tok *t, int32_t i)
{
	while (i < t->u.len) {
		UChar32 c;

		U16_GET(t->u.s, 0, i, t->u.len, c);
		if (!text_is_cjk(c))
			break;
		i = tok_char_end(t, i, t->u.len);
	}
	return i;
}

/* Adds the units of the CJK run [a, b) to the current run. */
static int tok_cjk_units(struct tok *t, int32_t a, int32_t b)
{
	int rc = 0;

	while (rc == 0 && a < b) {
		int32_t j = tok_char_end(t, a, b);

		rc = tok_cjk_unit(t, a, j);
		a = j;
	}
	return rc;
}

/*
 * Cuts the text into CJK runs and the stretches between them: runs whose
 * edges ICU always breaks at go straight to bigrams, the rest (stretches
 * and runs with other edges) through ICU's word break iterator, whose CJK
 * dictionary segmentation is costly and would be ignored.
 */
static int tok_all(struct tok *t, UBreakIterator **bi)
{
	int32_t i = 0, from = 0;
	int rc = 0;

	while (rc == 0 && (i = tok_cjk_next(t, i)) < t->u.len) {
		int32_t j = tok_cjk_end(t, i);

		if (tok_run_direct(t, i, j)) {
			rc = tok_stretch(t, bi, from, i);
			if (rc == 0)
				rc = tok_cjk_units(t, i, j);
			from = j;
		}
		i = j;
	}
	if (rc == 0)
		rc = tok_stretch(t, bi, from, t->u.len);
	if (rc == 0)
		rc = tok_run_flush(t);
	return rc;
}

/* Runs the segmentation, then returns the iterator if one was taken. */
static int tok_run_iterator(struct tok *t)
{
	UBreakIterator *bi = NULL;
	int rc = tok_all(t, &bi);

	if (bi)
		tok_bi_release(bi);
	return rc;
}

int text_tokenize(const char *s, size_t len, enum text_mode mode, text_token_cb cb, void *ctx)
{
	UErrorCode st = U_ZERO_ERROR;
	struct tok t;
	int rc;

	t.mode = mode;
	t.cb = cb;
	t.ctx = ctx;
	t.nfkc = unorm2_getNFKCInstance(&st);
	if (U_FAILURE(st))
		return ERR_INTERNAL;
	rc = text_u16_from_utf8(&t.u, s, len, 1);
	if (rc == 0 && t.u.len > 0)
		rc = text_folder_init(&t.f);
	if (rc == 0 && t.u.len > 0) {
		tok_run_init(&t.run);
		rc = tok_run_iterator(&t);
		tok_run_release(&t.run);
		text_folder_release(&t.f);
	}
	text_u16_release(&t.u);
	return rc;
}
