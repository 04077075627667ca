/*
 * lang.c - language codes, script-based identification, and libexttextcat
 * for Latin-script text.
 *
 * libexttextcat reads a configuration file that lists the model files; we
 * want only our Latin-script languages (fewer candidates, fewer confusions
 * with languages nobody writes here), so the configuration is written into
 * a pipe and read back through /dev/fd/N: no temporary file. Classifying
 * with textcat_ClassifyFull and a candidate array of our own only reads the
 * handle, so one handle serves every thread.
 */
#include "text/lang.h"

#include "core/buf.h"
#include "core/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <textcat.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

/* Bytes of a text given to the models: plenty to tell a language. */
#define LANG_SAMPLE_MAX 1000

static const char *const lang_codes[TEXT_LANG_COUNT] = {
    "und", "en", "fr", "de", "pt", "es", "it", "fi", "nl",
    "sv",  "da", "nb", "pl", "ru", "el", "zh", "ja", "ko",
};

struct text_langid {
	void *tc; /* the libexttextcat handle */
	size_t ncand;
};

const char *text_lang_code(enum text_lang lang)
{
	if ((int)lang < 0 || lang >= TEXT_LANG_COUNT)
		return lang_codes[0];
	return lang_codes[lang];
}

enum text_lang text_lang_parse(const char *s, size_t len)
{
	char primary[4];
	size_t n = 0;

	while (n < len && s[n] != '-' && s[n] != '_') {
		if (n == 3)
			return TEXT_LANG_UNKNOWN;
		primary[n] = (char)((s[n] >= 'A' && s[n] <= 'Z') ? s[n] + ('a' - 'A') : s[n]);
		n++;
	}
	primary[n] = '\0';
	if (strcmp(primary, "no") == 0 || strcmp(primary, "nn") == 0)
		return TEXT_LANG_NB;
	for (int i = 1; i < TEXT_LANG_COUNT; i++)
		if (strcmp(primary, lang_codes[i]) == 0)
			return (enum text_lang)i;
	return TEXT_LANG_UNKNOWN;
}

int text_lang_is_latin(enum text_lang lang)
{
	return lang >= TEXT_LANG_EN && lang <= TEXT_LANG_PL;
}

/* Letters counted per script by text_lang_script. */
struct script_count {
	size_t latin, han, kana, hangul, cyrillic, greek;
};

static void script_count_char(struct script_count *n, UChar32 c)
{
	UErrorCode st = U_ZERO_ERROR;
	UScriptCode sc;

	if (c < 0x80) {
		n->latin += (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		return;
	}
	if (!u_isalpha(c))
		return;
	sc = uscript_getScript(c, &st);
	if (U_FAILURE(st))
		return;
	switch (sc) {
	case USCRIPT_LATIN:
		n->latin++;
		break;
	case USCRIPT_HAN:
		n->han++;
		break;
	case USCRIPT_HIRAGANA:
	case USCRIPT_KATAKANA:
		n->kana++;
		break;
	case USCRIPT_HANGUL:
		n->hangul++;
		break;
	case USCRIPT_CYRILLIC:
		n->cyrillic++;
		break;
	case USCRIPT_GREEK:
		n->greek++;
		break;
	default:
		/* ー and the like belong to several scripts */
		if (uscript_hasScript(c, USCRIPT_KATAKANA))
			n->kana++;
		break;
	}
}

enum text_lang text_lang_script(const char *s, size_t len)
{
	const uint8_t *p = (const uint8_t *)s;
	struct script_count n = {0, 0, 0, 0, 0, 0};
	size_t i = 0, cjk, best;
	UChar32 c;

	while (i < len) {
		U8_NEXT(p, i, len, c);
		if (c > 0)
			script_count_char(&n, c);
	}
	cjk = 3 * (n.han + n.kana + n.hangul);
	best = n.latin;
	if (cjk > best && cjk >= n.cyrillic && cjk >= n.greek) {
		if (n.hangul > n.han + n.kana)
			return TEXT_LANG_KO;
		return n.kana > 0 ? TEXT_LANG_JA : TEXT_LANG_ZH;
	}
	if (n.cyrillic > best && n.cyrillic >= n.greek)
		return TEXT_LANG_RU;
	if (n.greek > best)
		return TEXT_LANG_EL;
	return TEXT_LANG_UNKNOWN;
}

/* Writes the configuration into a pipe; *fd_out is its read end. */
static int langid_conf_pipe(int *fd_out)
{
	char conf[512];
	int fd[2], n = 0;
	ssize_t w;

	for (int i = TEXT_LANG_EN; i <= TEXT_LANG_PL; i++) {
		int r = snprintf(conf + n, sizeof(conf) - (size_t)n, "%s.lm %s\n", lang_codes[i],
				 lang_codes[i]);

		if (r < 0 || (size_t)r >= sizeof(conf) - (size_t)n)
			return -1;
		n += r;
	}
	if (pipe(fd) != 0)
		return -1;
	w = write(fd[1], conf, (size_t)n);
	close(fd[1]);
	if (w != n) {
		close(fd[0]);
		return -1;
	}
	*fd_out = fd[0];
	return 0;
}

int text_langid_open(struct text_langid **out, const char *dir, struct err *e)
{
	char conf_path[64], prefix[512];
	struct text_langid *id;
	int fd;

	*out = NULL;
	if (!dir)
		dir = TEXT_LANGID_DEFAULT_DIR;
	if (snprintf(prefix, sizeof(prefix), "%s/", dir) >= (int)sizeof(prefix))
		return err_set(e, ERR_IO, NULL, "language model directory name too long");
	/* checked first: libexttextcat leaks on a missing model, and prints */
	for (int i = TEXT_LANG_EN; i <= TEXT_LANG_PL; i++) {
		char path[600];

		snprintf(path, sizeof(path), "%s%s.lm", prefix, lang_codes[i]);
		if (access(path, R_OK) != 0)
			return err_set(e, ERR_IO, NULL, "cannot read the language model %s: %s",
				       path, strerror(errno));
	}
	if (langid_conf_pipe(&fd) != 0)
		return err_set(e, ERR_IO, NULL, "cannot create a pipe: %s", strerror(errno));
	snprintf(conf_path, sizeof(conf_path), "/dev/fd/%d", fd);
	id = xcalloc(1, sizeof(*id));
	id->tc = special_textcat_Init(conf_path, prefix);
	close(fd);
	if (!id->tc) {
		free(id);
		return err_set(e, ERR_IO, NULL, "cannot load the language models of %s", dir);
	}
	id->ncand = TEXT_LANG_PL - TEXT_LANG_EN + 1;
	*out = id;
	return 0;
}

void text_langid_close(struct text_langid *id)
{
	if (!id)
		return;
	textcat_Done(id->tc);
	free(id);
}

static int lang_in(enum text_lang l, const enum text_lang *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == l)
			return 1;
	return 0;
}

/* The first Latin-script hint, else English. */
static enum text_lang lang_default_latin(const enum text_lang *hints, size_t nhints)
{
	for (size_t i = 0; i < nhints; i++)
		if (text_lang_is_latin(hints[i]))
			return hints[i];
	return TEXT_LANG_EN;
}

/* Ranks the Latin-script candidates of s with the models. */
static enum text_lang lang_models(const struct text_langid *id, const char *s, size_t len,
				  const enum text_lang *hints, size_t nhints)
{
	candidate_t cand[TEXT_LANG_COUNT];
	enum text_lang best = TEXT_LANG_UNKNOWN;
	int n;

	if (len > LANG_SAMPLE_MAX) {
		len = LANG_SAMPLE_MAX;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	n = textcat_ClassifyFull(id->tc, s, len, cand);
	for (int i = 0; i < n; i++) {
		enum text_lang l = text_lang_parse(cand[i].name, strlen(cand[i].name));

		if (best == TEXT_LANG_UNKNOWN)
			best = l;
		if (lang_in(l, hints, nhints))
			return l;
	}
	return best != TEXT_LANG_UNKNOWN ? best : lang_default_latin(hints, nhints);
}

enum text_lang text_lang_detect(const struct text_langid *id, const char *s, size_t len,
				const enum text_lang *hints, size_t nhints)
{
	enum text_lang l = text_lang_script(s, len);

	if (l == TEXT_LANG_ZH && lang_in(TEXT_LANG_JA, hints, nhints) &&
	    !lang_in(TEXT_LANG_ZH, hints, nhints))
		return TEXT_LANG_JA;
	if (l != TEXT_LANG_UNKNOWN)
		return l;
	if (!id || len < 20)
		return lang_default_latin(hints, nhints);
	return lang_models(id, s, len, hints, nhints);
}
