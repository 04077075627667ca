/*
 * thesaurus.h - the multilingual thesaurus of cooperation themes, SDGs and
 * industrial sectors, and the tagger that finds its concepts in any text.
 *
 * The file format (documented in data/thesaurus/README.md) is UTF-8 text,
 * one directive a line:
 *
 *     liaison-thesaurus 1            format name and version (first line)
 *     version 2026.05-1              the data's own version
 *     concept mobility theme         a concept: id and kind (theme|sdg|sector)
 *     label en Mobility & transport  its name in a language (en required)
 *     broader smart-city             links to other concepts (ids)
 *     related logistics new-energy-vehicles
 *     terms en mobility; urban mobility; transport*; *mobility
 *     terms zh 交通; 出行; 城市交通
 *
 * Terms are analysed like texts (analyze.h), so "mobilités" finds the
 * French term "mobilité", and "gestion des déchets" finds "gestion de
 * déchets". A term is found on its language's stems; a term of several
 * words or of six letters or more is also found, in a text of any
 * language, on its exact folded words ("smart city" in a German text).
 * Chinese, Japanese and Korean terms are found as character sequences
 * anywhere in a text ("交通" in "城市交通规划"). "word*" finds the words
 * that start with word and "*word" those that end with it (German and
 * Finnish compounds: "verkehr*", "*verkehr", "liiken*"), in texts of the
 * term's language only; such a term is one word of at least 4 letters.
 *
 * A loaded thesaurus is read-only: tagging may run in many threads (each
 * with its own analyzer).
 */
#ifndef LIAISON_TEXT_THESAURUS_H
#define LIAISON_TEXT_THESAURUS_H

#include "core/err.h"
#include "text/analyze.h"
#include "text/lang.h"

#include <stddef.h>
#include <stdint.h>

/* The format version this code reads ("liaison-thesaurus 1"). */
#define TEXT_THESAURUS_FORMAT 1

enum text_concept_kind {
	TEXT_CONCEPT_THEME,
	TEXT_CONCEPT_SDG,
	TEXT_CONCEPT_SECTOR,
};

enum text_link_kind {
	TEXT_LINK_BROADER,  /* the other concept is broader */
	TEXT_LINK_NARROWER, /* the other concept is narrower (inverse of broader) */
	TEXT_LINK_RELATED,  /* symmetric */
};

struct text_link {
	uint32_t concept;
	enum text_link_kind kind;
};

struct text_thesaurus;

/*
 * Parses a thesaurus file held in data[0..len). On success *out owns the
 * thesaurus. On a bad line: ERR_INVALID with e->field "line N" and a
 * message saying what is wrong (unknown directive, bad or duplicate id,
 * unknown language, empty or unusable term, link to an unknown concept,
 * concept without an English label, wrong format version, bad UTF-8).
 */
int text_thesaurus_load(struct text_thesaurus **out, const char *data, size_t len, struct err *e);

/* Frees th (NULL is fine). */
void text_thesaurus_free(struct text_thesaurus *th);

/* The data version (the "version" line). */
const char *text_thesaurus_version(const struct text_thesaurus *th);

/* The number of concepts; concepts are numbered 0..count-1 in file order. */
size_t text_thesaurus_count(const struct text_thesaurus *th);

/* The number of terms given for lang (all concepts). */
size_t text_thesaurus_term_count(const struct text_thesaurus *th, enum text_lang lang);

/* The number of terms of concept c given for lang. */
size_t text_concept_term_count(const struct text_thesaurus *th, uint32_t c, enum text_lang lang);

/* The concept whose id is id[0..len), or -1. */
int64_t text_thesaurus_find(const struct text_thesaurus *th, const char *id, size_t len);

const char *text_concept_id(const struct text_thesaurus *th, uint32_t c);
enum text_concept_kind text_concept_kind(const struct text_thesaurus *th, uint32_t c);

/* The label in lang, else the English one (never NULL). */
const char *text_concept_label(const struct text_thesaurus *th, uint32_t c, enum text_lang lang);

/* 1 when the concept has a label of its own in lang. */
int text_concept_has_label(const struct text_thesaurus *th, uint32_t c, enum text_lang lang);

/* The links of c (broader, narrower and related), sorted by concept. */
size_t text_concept_links(const struct text_thesaurus *th, uint32_t c,
			  const struct text_link **links);

/* One concept found in a text: the bytes [start, end) are the evidence. */
struct text_tag {
	uint32_t concept;
	size_t start, end;
};

/* Receives a tag; returns 0 to go on, any other value stops the tagger. */
typedef int (*text_tag_cb)(void *ctx, const struct text_tag *tag);

/*
 * Finds the concepts of an analysed text (terms of text_analyze_terms in
 * lang) and calls cb for each occurrence, in text order. A match inside a
 * longer match ("新能源" inside "新能源汽车") is not reported. Returns 0
 * or the callback's value.
 */
int text_thesaurus_tag(const struct text_thesaurus *th, const struct text_terms *terms,
		       enum text_lang lang, text_tag_cb cb, void *ctx);

/* Analyses s[0..len) with a and tags it. */
int text_thesaurus_tag_text(const struct text_thesaurus *th, struct text_analyzer *a, const char *s,
			    size_t len, enum text_lang lang, text_tag_cb cb, void *ctx);

#endif
