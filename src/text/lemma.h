/*
 * lemma.h - dictionary forms and compound parts of words, from the
 * morphological analysers Debian ships: Hunspell (de, fr, it, es, pt, en
 * dictionaries of the hunspell-* packages) and libvoikko (Finnish,
 * voikko-fi).
 *
 * - Finnish: Voikko's base form ("liikenteen" -> "liikenne") and, for a
 *   compound, the base forms of its parts ("kiertovesilaitoksia" ->
 *   kiertää, vesi, laitos).
 * - German: Hunspell's stem of the word, and a compound's parts: the
 *   word is cut where both sides are words the dictionary accepts (the
 *   left one possibly with a linking "s": "Bewässerungssteuerung" ->
 *   Bewässerung, Steuerung), left side first, each part with its stem.
 * - French, Italian, Spanish, Portuguese, English: Hunspell's stem (the
 *   shortest of its stems: "fromagères" -> "fromager").
 *
 * The dictionaries are opened once per process, at the first word of
 * their language, and shared by every thread (calls are serialised per
 * dictionary); a missing dictionary means no lemmas for that language,
 * never an error. Words are given and returned in lower case UTF-8.
 */
#ifndef LIAISON_TEXT_LEMMA_H
#define LIAISON_TEXT_LEMMA_H

#include "text/lang.h"

#include <stddef.h>

#define TEXT_LEMMA_PARTS 4 /* compound parts kept */
#define TEXT_LEMMA_BYTES 256

/* What text_lemma_word found; strings point into buf. */
struct text_lemma {
	const char *lemma; /* NULL when the dictionary does not know the word */
	const char *part[TEXT_LEMMA_PARTS];
	size_t nparts; /* 0, or 2 and more */
	char buf[4 * TEXT_LEMMA_BYTES];
};

/* 1 when lang has an analyser here (opening it if needed). */
int text_lemma_available(enum text_lang lang);

/*
 * Analyses the lower-case word w[0..len) of lang into out. Returns 0 (out
 * may be empty: lemma NULL, no parts) or ERR_TOO_LARGE for a word of
 * TEXT_LEMMA_BYTES bytes or more (out empty).
 */
int text_lemma_word(enum text_lang lang, const char *w, size_t len, struct text_lemma *out);

/* The directory of Hunspell's dictionaries (LIAISON_HUNSPELL_DIR overrides). */
#define TEXT_LEMMA_HUNSPELL_DIR "/usr/share/hunspell"

#endif
