/*
 * text_int.h - internals shared by the files of src/text (not a public API).
 *
 * Two helpers: UTF-8 -> UTF-16 conversion that remembers, for every UTF-16
 * unit, the byte offset it came from (tokens report ranges of the original
 * input), and a folder that turns UTF-16 text into folded UTF-8 using
 * buffers that live on the stack until they need to grow.
 */
#ifndef LIAISON_TEXT_TEXT_INT_H
#define LIAISON_TEXT_TEXT_INT_H

#include <stddef.h>
#include <stdint.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/utypes.h>

#define TEXT_U16_STACK	256
#define TEXT_FOLD_STACK 128

/* UTF-16 text converted from UTF-8; ill-formed sequences became U+FFFD. */
struct text_u16 {
	UChar *s; /* len units */
	int32_t len;
	size_t *off; /* NULL, or len + 1 entries: source byte offset of unit i */
	UChar s_stack[TEXT_U16_STACK];
	size_t off_stack[TEXT_U16_STACK + 1];
};

/*
 * Converts s[0..len) into u (caller-owned, not initialised before). With
 * want_off, u->off maps every unit to its source byte offset, and
 * u->off[u->len] == len. Returns 0 or ERR_TOO_LARGE (len > TEXT_MAX_INPUT).
 * Release u with text_u16_release in both cases.
 */
int text_u16_from_utf8(struct text_u16 *u, const char *s, size_t len, int want_off);

/* Frees what text_u16_from_utf8 allocated. */
void text_u16_release(struct text_u16 *u);

/* A UTF-16 scratch buffer: stack storage first, heap when it grows. */
struct text_u16buf {
	UChar *p;
	int32_t cap;
	UChar stack[TEXT_FOLD_STACK];
};

/* Folds UTF-16 strings to UTF-8; reusable, one per call of the public API. */
struct text_folder {
	const UNormalizer2 *nfkc_cf;
	const UNormalizer2 *nfd;
	const UNormalizer2 *nfc;
	struct text_u16buf a, b;
	char *out; /* the last result, out_len bytes, not NUL-terminated */
	int32_t out_len;
	int32_t out_cap;
	char out_stack[2 * TEXT_FOLD_STACK];
};

/* Sets f up (no allocation). Returns 0 or ERR_INTERNAL if ICU has no data. */
int text_folder_init(struct text_folder *f);

/* Frees f's heap buffers. */
void text_folder_release(struct text_folder *f);

/*
 * Folds src[0..n) (NFKC, full case fold, diacritics removed from Latin,
 * Greek and Cyrillic letters) into f->out / f->out_len, valid until the
 * next call. Returns 0 or ERR_INTERNAL.
 */
int text_folder_run(struct text_folder *f, const UChar *src, int32_t n);

/*
 * 1 for letters, marks and numbers of the Han, kana and Hangul scripts: the
 * characters of a CJK run, for the full-text tokenizer and the analyser.
 */
static inline int text_is_cjk(UChar32 c)
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

/* ' and its typographic form, which split words ("l'économie"). */
static inline int text_is_apostrophe(UChar32 c)
{
	return c == 0x27 || c == 0x2019;
}

#endif
