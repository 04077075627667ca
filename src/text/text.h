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
 */
#ifndef LIAISON_TEXT_TEXT_H
#define LIAISON_TEXT_TEXT_H

#include "core/buf.h"

#include <stddef.h>

enum text_mode {
	TEXT_MODE_INDEX, /* text being stored: bigrams and colocated unigrams */
	TEXT_MODE_QUERY, /* text being searched for: bigrams, or the lone unigram */
};

/* The token is at the same position as the one before (a synonym). */
#define TEXT_TOKEN_COLOCATED 0x1

/*
 * Receives one folded token: token[0..len) (not NUL-terminated, borrowed for
 * the call only), and the byte range [start, end) of the input it came from.
 * Returns 0 to go on; any other value stops text_tokenize, which returns it.
 */
typedef int (*text_token_cb)(void *ctx, int flags, const char *token, size_t len, size_t start,
			     size_t end);

/*
 * Splits s[0..len) into folded tokens and calls cb for each, in order.
 * Punctuation and white space give no tokens. Invalid UTF-8 is skipped.
 * Returns 0, the callback's non-zero value, or ERR_INTERNAL if ICU fails.
 */
int text_tokenize(const char *s, size_t len, enum text_mode mode, text_token_cb cb, void *ctx);

/*
 * Appends the folded form of s[0..len) to out (NFKC, case fold, no
 * diacritics). Returns 0, ERR_TOO_LARGE (out's cap) or ERR_INTERNAL.
 */
int text_fold(const char *s, size_t len, struct buf *out);

/* 1 when s[0..len) is valid UTF-8 without NUL bytes, else 0. */
int text_utf8_valid(const char *s, size_t len);

#endif
