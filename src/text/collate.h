/*
 * collate.h - the order of names in a reader's language (ICU collation):
 * which collation a BCP 47 language tag selects, and comparing two UTF-8
 * strings under it. Under "zh" Chinese sorts by pinyin; under "sv" Å and
 * Ö come after Z; "en", "de" and "fr" use the root order (CLDR has no
 * tailoring for them).
 *
 * Pure functions, no I/O. A struct text_collator is used by one thread at
 * a time (ICU collators are not thread-safe for use).
 */
#ifndef LIAISON_TEXT_COLLATE_H
#define LIAISON_TEXT_COLLATE_H

#include <stddef.h>

/* The longest language tag text_collation_of accepts. */
#define TEXT_LANG_TAG_MAX 64

/* The size of a collation name (see text_collation_of). */
#define TEXT_COLLATION_MAX 96

/*
 * The collation that language tag tag (BCP 47: "zh", "sv-SE",
 * "zh-u-co-stroke") selects, as ICU names it ("zh", "sv",
 * "zh@collation=stroke", "root" for a language without a tailoring): tags
 * that sort alike get the same name, so there are only as many names as
 * ICU has collations. Returns 0, or -1 when tag is not a well-formed
 * language tag (empty, too long, or not all of it parses).
 */
int text_collation_of(const char *tag, char out[TEXT_COLLATION_MAX]);

struct text_collator;

/* The collator of a name from text_collation_of (NULL if ICU has none). */
struct text_collator *text_collator_open(const char *collation);

/* Frees c (NULL is fine). */
void text_collator_free(struct text_collator *c);

/* <0, 0 or >0 as a[0..alen) sorts before, with or after b[0..blen). */
int text_collate(struct text_collator *c, const char *a, size_t alen, const char *b,
		 size_t blen);

#endif
