/*
 * lang.h - the languages liaison analyses, and language identification.
 *
 * A text's language chooses its stemmer and stop words (analyze.h). When
 * the language is not given, text_lang_detect finds it: the script first
 * (Han, kana, Hangul, Cyrillic, Greek decide alone), then, for Latin-script
 * text, libexttextcat's n-gram models restricted to the Latin-script
 * languages of enum text_lang, with the organisation's declared languages
 * as hints that break ties.
 *
 * Loading the models reads files (the only I/O of src/text): do it once at
 * start with text_langid_open; the handle is then read-only and may be
 * shared by threads.
 */
#ifndef LIAISON_TEXT_LANG_H
#define LIAISON_TEXT_LANG_H

#include "core/err.h"

#include <stddef.h>

enum text_lang {
	TEXT_LANG_UNKNOWN = 0,
	/* Latin script, with a Snowball stemmer except Polish */
	TEXT_LANG_EN,
	TEXT_LANG_FR,
	TEXT_LANG_DE,
	TEXT_LANG_PT,
	TEXT_LANG_ES,
	TEXT_LANG_IT,
	TEXT_LANG_FI,
	TEXT_LANG_NL,
	TEXT_LANG_SV,
	TEXT_LANG_DA,
	TEXT_LANG_NB,
	TEXT_LANG_PL,
	/* told apart by script alone */
	TEXT_LANG_RU,
	TEXT_LANG_EL,
	TEXT_LANG_ZH,
	TEXT_LANG_JA,
	TEXT_LANG_KO,
	TEXT_LANG_COUNT
};

/* Where the models of the Debian package libexttextcat-data live. */
#define TEXT_LANGID_DEFAULT_DIR "/usr/share/libexttextcat"

/* The ISO 639-1 code of lang ("en", "zh", ...); "und" for unknown. */
const char *text_lang_code(enum text_lang lang);

/*
 * Parses a language tag's primary subtag: "zh", "zh-Hans", "pt-BR", "no",
 * "nn" and "nb" (all Norwegian) ... Case-insensitive; s[0..len) need not
 * be NUL-terminated. TEXT_LANG_UNKNOWN for anything else.
 */
enum text_lang text_lang_parse(const char *s, size_t len);

/* 1 for the languages written in Latin script (EN .. PL). */
int text_lang_is_latin(enum text_lang lang);

/*
 * The language that the script of s[0..len) alone decides: JA when kana
 * are present, KO for Hangul, ZH for Han without kana, RU for Cyrillic, EL
 * for Greek; TEXT_LANG_UNKNOWN when Latin letters dominate or there are no
 * letters. Letters of each script are counted (a CJK character counts as
 * three Latin letters, since it carries a word's meaning).
 */
enum text_lang text_lang_script(const char *s, size_t len);

struct text_langid;

/*
 * Loads the n-gram models of the Latin-script languages from dir (NULL
 * for TEXT_LANGID_DEFAULT_DIR). On success *out owns the handle. ERR_IO
 * when the models cannot be read.
 */
int text_langid_open(struct text_langid **out, const char *dir, struct err *e);

/* Frees the handle (NULL is fine). */
void text_langid_close(struct text_langid *id);

/*
 * The language of s[0..len). The script decides when it can (a pure-Han
 * text is JA rather than ZH when hints name Japanese and not Chinese).
 * For Latin-script text, id's models rank the candidates and the best one
 * among hints[0..nhints) wins when the models put it close to the top; when
 * id is NULL, or the text is too short to tell, the first Latin-script hint
 * is taken, else English. Never returns TEXT_LANG_UNKNOWN. Thread-safe
 * (id is only read).
 */
enum text_lang text_lang_detect(const struct text_langid *id, const char *s, size_t len,
				const enum text_lang *hints, size_t nhints);

#endif
