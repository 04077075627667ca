/*
 * thes_int.h - internals shared by thesaurus.c (loader) and tag.c (tagger):
 * the loaded thesaurus and the keys under which its terms are found.
 *
 * A text, like a term, becomes a sequence of tokens: its analysed words,
 * with CJK words split into characters. Every token has two spellings: the
 * stem spelling (a language byte, then the stem) and the fold spelling
 * (the folded word). A term of n tokens is stored under the key "s" + its
 * stem spellings joined by TH_SEP, and, when it may be found in any
 * language, under "f" + its fold spellings; every shorter run of its first
 * tokens is stored too, flagged as a prefix, so that the tagger stops
 * extending a run as soon as no term can continue it. Affix terms are
 * stored under "p" (prefix) or "x" (suffix) + language byte + fold.
 */
#ifndef LIAISON_TEXT_THES_INT_H
#define LIAISON_TEXT_THES_INT_H

#include "text/intern.h"
#include "text/text.h"
#include "text/thesaurus.h"

#include <stddef.h>
#include <stdint.h>

#define TH_SEP	      '\x1f'
#define TH_MAX_TOKENS 32
#define TH_KEY_MAX    (2 + TH_MAX_TOKENS * (TEXT_TOKEN_MAX + 2))
#define TH_AFFIX_MIN  4 /* bytes of an affix term */

struct th_concept {
	char *id;
	enum text_concept_kind kind;
	char *label[TEXT_LANG_COUNT];
	struct text_link *links;
	size_t nlinks, cap;
	unsigned nterms[TEXT_LANG_COUNT];
	int line;
};

/* What a key leads to. */
struct th_value {
	uint32_t *concepts; /* the concepts of the terms stored under the key */
	uint32_t n, cap;
	unsigned char phrase; /* a whole term */
	unsigned char prefix; /* the first tokens of a longer term */
};

struct text_thesaurus {
	char *version;
	struct th_concept *c;
	size_t n, cap;
	struct text_intern ids;
	struct text_intern keys;
	struct th_value *vals; /* per key id */
	size_t nvals;
	size_t max_tokens;
	size_t nterms[TEXT_LANG_COUNT];
	/* bit k: an affix of k bytes exists (prefix, suffix), per language */
	uint64_t prelen[TEXT_LANG_COUNT], suflen[TEXT_LANG_COUNT];
};

/* One token of a text or term. */
struct th_tok {
	const char *stem, *fold;
	size_t stem_len, fold_len;
	size_t start, end;  /* bytes of the source text */
	unsigned char lang; /* the stem spelling's language byte */
	unsigned char cjk;
	uint32_t term; /* its analysed term (index in the text_terms) */
};

struct th_toks {
	struct th_tok *v;
	size_t n, cap;
};

/*
 * Turns analysed terms of a text in lang into tokens (CJK words split into
 * characters; compound parts, TEXT_TERM_PART, left out: the tagger looks
 * at them word by word). The tokens point into terms. Release with
 * free(out->v).
 */
void th_tokens(const struct text_terms *terms, enum text_lang lang, struct th_toks *out);

/* Appends token t's spelling (stem when stem, else fold) to key[*len..]. */
int th_key_append(char *key, size_t *len, const struct th_tok *t, int stem);

#endif
