/*
 * text.h - multilingual text analysis (ICU): folding and tokenising.
 *
 * Pure functions: no I/O, no SQL. Strings are UTF-8 with an explicit length.
 * Tokens are "folded": NFKC-normalised, case-folded and stripped of
 * diacritics, so "Mobilité", "MOBILITE" and "mobilite" give one token.
 *
 * Segmentation uses ICU word break iterators for every script. Runs of Han,
 * Hiragana, Katakana and Hangul are indexed as overlapping character bigrams
 * (plus single characters, colocated) so that a query for any substring of
 * two or more CJK characters finds the text whatever the dictionary
 * segmentation was; queries produce the bigrams only (or the lone character).
 * The tokens are those of ICU's word break iterator; as a shortcut, CJK runs
 * whose edges ICU is known to break at (tokenize.c, tested against ICU 72)
 * go straight to the bigram code without running ICU's dictionary.
 *
 * CJK runs: a maximal sequence of adjacent Han/Hiragana/Katakana/Hangul
 * characters (no space or punctuation between), even when ICU split it into
 * several words, so that 市交 finds 城市交通. For the run c1..cn (n >= 2),
 * index mode emits, position by position, the bigram c(i)c(i+1) followed by
 * the unigram c(i) flagged TEXT_TOKEN_COLOCATED, and ends with the unigram
 * cn at a position of its own: bigram i sits at position i, so the bigrams
 * of a query are consecutive FTS5 positions in the index. A bigram's byte
 * range covers both characters.
 *
 * Apostrophes (U+0027, U+2019) inside words separate tokens, so that
 * "l'économie" gives "l" and "economie" (French/Italian elision).
 *
 * Thread-safe: each thread keeps one ICU word break iterator (opening one
 * costs more than tokenising a short text), closed when the thread exits.
 */
#ifndef LIAISON_TEXT_TEXT_H
#define LIAISON_TEXT_TEXT_H

#include "core/buf.h"

#include <stddef.h>

enum text_mode {
	TEXT_MODE_INDEX, /* text being stored: bigrams and colocated unigrams */
	TEXT_MODE_QUERY, /* text being searched for: bigrams, or the lone unigram */
};

/* The token is at the same position as the one before (a synonym); the
 * same value as FTS5_TOKEN_COLOCATED. */
#define TEXT_TOKEN_COLOCATED 0x1

/* Longer folded tokens are cut (at a character boundary) to this many bytes. */
#define TEXT_TOKEN_MAX 64

/* Inputs longer than this are refused with ERR_TOO_LARGE. */
#define TEXT_MAX_INPUT ((size_t)1 << 30)

/*
 * Receives one folded token: token[0..len) (not NUL-terminated, borrowed for
 * the call only), and the byte range [start, end) of the input it came from.
 * Returns 0 to go on; any other value stops text_tokenize, which returns it.
 */
typedef int (*text_token_cb)(void *ctx, int flags, const char *token, size_t len, size_t start,
			     size_t end);

/*
 * Splits s[0..len) into folded tokens and calls cb for each, in order.
 * Punctuation and white space give no tokens. Invalid UTF-8 is skipped
 * (each ill-formed sequence separates words, like a space).
 * Returns 0, the callback's non-zero value, ERR_TOO_LARGE (len over
 * TEXT_MAX_INPUT) or ERR_INTERNAL if ICU fails.
 */
int text_tokenize(const char *s, size_t len, enum text_mode mode, text_token_cb cb, void *ctx);

/*
 * Appends the folded form of s[0..len) to out (NFKC, case fold, no
 * diacritics on Latin, Greek and Cyrillic letters; kana voicing marks and
 * the marks of other scripts are kept). Ill-formed UTF-8 sequences become
 * U+FFFD. Returns 0, ERR_TOO_LARGE (out's cap, or len over TEXT_MAX_INPUT)
 * or ERR_INTERNAL; on error out is left as it was.
 */
int text_fold(const char *s, size_t len, struct buf *out);

/* 1 when s[0..len) is valid UTF-8 without NUL bytes, else 0. */
int text_utf8_valid(const char *s, size_t len);

#endif
