/*
 * ja.h - Japanese morphemes and their base forms from MeCab with the
 * IPADIC dictionary (Debian libmecab2, mecab-ipadic-utf8).
 *
 * The dictionary (the model) is opened once per process, at the first
 * Japanese text, and shared; each analyzer has its own tagger and lattice
 * (MeCab's model is thread-safe, a tagger is not). A missing dictionary
 * only means no MeCab: the analyzer then keeps ICU's segmentation.
 */
#ifndef LIAISON_TEXT_JA_H
#define LIAISON_TEXT_JA_H

#include <stddef.h>

/* The IPADIC directory (LIAISON_MECAB_DICDIR overrides). */
#define TEXT_JA_DICDIR "/var/lib/mecab/dic/ipadic-utf8"

/* One morpheme: bytes [off, off + len) of the parsed run. */
struct text_ja_morph {
	size_t off, len;
	const char *base; /* IPADIC's base form (原形), NULL when unknown */
	size_t base_len;
	int content; /* a content word: noun, verb, adjective, adverb, ... */
};

/* Receives one morpheme, borrowed for the call. Non-zero stops the parse. */
typedef int (*text_ja_cb)(void *ctx, const struct text_ja_morph *m);

struct text_ja;

/*
 * A tagger over the process's model; *out is NULL (and 0 returned) when
 * the dictionary cannot be opened.
 */
int text_ja_new(struct text_ja **out);

/* Frees j (NULL is fine). */
void text_ja_free(struct text_ja *j);

/*
 * Parses the UTF-8 run s[0..len) and calls cb for every morpheme in
 * order. Returns 0, the callback's value, or ERR_INTERNAL.
 */
int text_ja_parse(struct text_ja *j, const char *s, size_t len, text_ja_cb cb, void *ctx);

#endif
