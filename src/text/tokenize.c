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

/* 1 for letters, marks and numbers of the Han, kana and Hangul scripts. */
static int tok_is_cjk(UChar32 c)
{
	UErrorCode st = U_ZERO_ERROR;
	UScriptCode sc;

	if (c < 0x1100)
		return 0;
	if (!(U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)))
		return 0;
	sc = uscript_getScript(c, &st);
	if (sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA ||
	    sc == USCRIPT_HANGUL)
		return 1;
	if (sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED)
		return 0;
	/* ー, the voicing marks: shared by scripts (Script_Extensions) */
	return uscript_hasScript(c, USCRIPT_HAN) || uscript_hasScript(c, USCRIPT_HIRAGANA) ||
	       uscript_hasScript(c, USCRIPT_KATAKANA) || uscript_hasScript(c, USCRIPT_HANGUL);
}

static int tok_is_apostrophe(UChar32 c)
{
	return c == 0x27 || c == 0x2019;
}

/* The end of the unit or piece character starting at i: NFKC may join marks. */
static int32_t tok_char_end(const struct tok *t, int32_t i, int32_t end)
{
	UChar32 c;

	U16_NEXT(t->u.s, i, end, c);
	while (i < end) {
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
		if (tok_is_cjk(c)) {
			j = tok_char_end(t, i, we);
			rc = tok_cjk_unit(t, i, j);
		} else if (tok_is_apostrophe(c)) {
			U16_FWD_1(t->u.s, j, we);
		} else {
			while (j < we && !tok_is_cjk(c) && !tok_is_apostrophe(c)) {
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

/* Walks ICU's segments, skipping those that are not words. */
static int tok_segments(struct tok *t, UBreakIterator *bi)
{
	int32_t start = ubrk_first(bi);
	int32_t end = ubrk_next(bi);
	int rc = 0;

	while (rc == 0 && end != UBRK_DONE) {
		if (ubrk_getRuleStatus(bi) >= UBRK_WORD_NONE_LIMIT)
			rc = tok_word(t, start, end);
		start = end;
		end = ubrk_next(bi);
	}
	if (rc == 0)
		rc = tok_run_flush(t);
	return rc;
}

/* Sets the break iterator on the converted text and runs the segments. */
static int tok_run_iterator(struct tok *t)
{
	UErrorCode st = U_ZERO_ERROR;
	UBreakIterator *bi = tok_bi_acquire();
	int rc;

	if (!bi)
		return ERR_INTERNAL;
	ubrk_setText(bi, t->u.s, t->u.len, &st);
	rc = U_FAILURE(st) ? ERR_INTERNAL : tok_segments(t, bi);
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
