/*
 * analyze.h - word analysis for matching: segment, fold, drop stop words,
 * stem.
 *
 * Unlike text_tokenize (text.h, for the full-text index, whose behaviour
 * the SQLite index depends on), this gives the words a reader sees:
 * - every script is segmented by ICU's word break iterator; Chinese and
 *   Japanese by its dictionaries ("城市交通" gives 城市 and 交通), never
 *   by bigrams; a Han, kana or Hangul word is flagged TEXT_TERM_CJK;
 * - words are folded like text_fold (NFKC, case fold, no diacritics on
 *   Latin, Greek and Cyrillic) and split at apostrophes ("l'économie");
 * - stop words of the text's language are dropped (Chinese and Japanese
 *   function words are dropped in every text), and so are one-letter
 *   Latin words;
 * - words of alphabetic scripts are stemmed with the Snowball stemmer of
 *   the text's language, before the diacritics go (the French stemmer
 *   needs "mobilités" to find "mobil"); Latin words in a Chinese,
 *   Japanese, Korean, Russian or Greek text use English's stemmer; Polish
 *   has no stemmer and is only folded;
 * - numbers are kept, flagged TEXT_TERM_NUMBER;
 * - where lemma.h has an analyser for the language (Hunspell, Voikko), a
 *   word is followed by TEXT_TERM_PART terms over the same bytes: the
 *   stem of its lemma when it differs from its own stem (also flagged
 *   TEXT_TERM_LEMMA), then each compound part (its stem, then its
 *   lemma's when different). Terms of several words are matched on the
 *   other terms only.
 *
 * An analyzer holds an ICU break iterator and the stemmers it has opened:
 * use one per thread.
 */
#ifndef LIAISON_TEXT_ANALYZE_H
#define LIAISON_TEXT_ANALYZE_H

#include "text/lang.h"

#include <stddef.h>

#define TEXT_TERM_CJK	 0x1 /* a Han, kana or Hangul word */
#define TEXT_TERM_NUMBER 0x2 /* a number ("2030", "3.5") */
/*
 * A part of the compound word just before it, with the same bytes
 * (start, end): "Steuerung" of "Bewässerungssteuerung" (lemma.h).
 */
#define TEXT_TERM_PART 0x4
/*
 * With TEXT_TERM_PART: the stem of the lemma of the word (or part) just
 * before it, when it differs from its stem ("kaupungit": kaupunki).
 */
#define TEXT_TERM_LEMMA 0x8

/* One analysed word. Strings are not NUL-terminated. */
struct text_term {
	const char *stem; /* folded and stemmed (a CJK word: folded) */
	size_t stem_len;
	const char *fold; /* folded only */
	size_t fold_len;
	size_t start, end;   /* the bytes [start, end) of the input */
	enum text_lang lang; /* the stemmer used; TEXT_LANG_UNKNOWN for none */
	int flags;	     /* TEXT_TERM_* */
};

/*
 * Receives one term, borrowed for the call only. Returns 0 to go on; any
 * other value stops text_analyze, which returns it.
 */
typedef int (*text_term_cb)(void *ctx, const struct text_term *term);

struct text_analyzer;

/* Creates an analyzer; ERR_INTERNAL when ICU has no data. */
int text_analyzer_new(struct text_analyzer **out);

/* Frees a (NULL is fine). */
void text_analyzer_free(struct text_analyzer *a);

/*
 * Analyses s[0..len), written in lang (TEXT_LANG_UNKNOWN: no stemming and
 * no stop words but the CJK ones), calling cb for every term in order.
 * Invalid UTF-8 separates words. Returns 0, the callback's value,
 * ERR_TOO_LARGE (len over TEXT_MAX_INPUT) or ERR_INTERNAL.
 */
int text_analyze(struct text_analyzer *a, const char *s, size_t len, enum text_lang lang,
		 text_term_cb cb, void *ctx);

/* The terms of one text, owned: their strings live in one pool. */
struct text_terms {
	struct text_term *v;
	size_t n, cap;
	char *pool;
	size_t pool_len, pool_cap;
};

/* Sets up an empty list (no allocation). */
void text_terms_init(struct text_terms *t);

/* Frees the contents; t can be used again after text_terms_init. */
void text_terms_release(struct text_terms *t);

/*
 * Replaces out's contents with the terms of s[0..len) (text_analyze's
 * rules). The strings stay valid until out is changed or released.
 */
int text_analyze_terms(struct text_analyzer *a, const char *s, size_t len, enum text_lang lang,
		       struct text_terms *out);

/*
 * Stems the single word w[0..wlen) as text_analyze would in lang, into
 * out (NUL-terminated, cut at outsize - 1 bytes on a character boundary);
 * a stop word gives "". Returns the length, or a negative enum err_code.
 */
int text_stem_word(struct text_analyzer *a, enum text_lang lang, const char *w, size_t wlen,
		   char *out, size_t outsize);

/* 1 when lang has a Snowball stemmer. */
int text_lang_has_stemmer(enum text_lang lang);

/* 1 when the folded word w[0..len) is a stop word of lang (or a CJK one). */
int text_is_stop_word(enum text_lang lang, const char *w, size_t len);

#endif
