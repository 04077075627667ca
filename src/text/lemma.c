/*
 * lemma.c - lemmas and compound parts from Hunspell and libvoikko (see
 * lemma.h). One handle per language for the whole process, opened at the
 * first word of the language under a lock, each call under the handle's
 * own lock: neither library promises that one handle serves two threads.
 * The handles stay open until the process ends.
 */
#include "text/lemma.h"

#include "core/err.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hunspell.h>
#include <libvoikko/voikko.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#define LEM_SPLIT_MIN  8 /* German words shorter than this are not split */
#define LEM_LEFT_MIN   3 /* characters of a compound's left part */
#define LEM_RIGHT_MIN  4 /* ... and of its right part */

static const char *const lem_hunspell[TEXT_LANG_COUNT] = {
    [TEXT_LANG_DE] = "de_DE", [TEXT_LANG_FR] = "fr_FR", [TEXT_LANG_IT] = "it_IT",
    [TEXT_LANG_ES] = "es_ES", [TEXT_LANG_PT] = "pt_PT", [TEXT_LANG_EN] = "en_GB",
};

struct lem_dict {
	pthread_mutex_t lock;
	int opened; /* tried to open */
	Hunhandle *hun;
	struct VoikkoHandle *voikko;
};

static pthread_mutex_t lem_open_lock = PTHREAD_MUTEX_INITIALIZER;
static struct lem_dict lem_dicts[TEXT_LANG_COUNT];

static int lem_file_exists(const char *path)
{
	FILE *f = fopen(path, "rb");

	if (f)
		fclose(f);
	return f != NULL;
}

static void lem_open(enum text_lang lang, struct lem_dict *d)
{
	const char *dir = getenv("LIAISON_HUNSPELL_DIR");
	char aff[512], dic[512];

	pthread_mutex_init(&d->lock, NULL);
	if (lang == TEXT_LANG_FI) {
		const char *msg = NULL;

		d->voikko = voikkoInit(&msg, "fi", NULL);
		return;
	}
	if (!lem_hunspell[lang])
		return;
	if (!dir || !*dir)
		dir = TEXT_LEMMA_HUNSPELL_DIR;
	snprintf(aff, sizeof(aff), "%s/%s.aff", dir, lem_hunspell[lang]);
	snprintf(dic, sizeof(dic), "%s/%s.dic", dir, lem_hunspell[lang]);
	if (lem_file_exists(aff) && lem_file_exists(dic))
		d->hun = Hunspell_create(aff, dic);
}

/* The dictionary of lang, opened at first use; NULL when there is none. */
static struct lem_dict *lem_dict(enum text_lang lang)
{
	struct lem_dict *d;

	if ((int)lang < 0 || lang >= TEXT_LANG_COUNT)
		return NULL;
	d = &lem_dicts[lang];
	pthread_mutex_lock(&lem_open_lock);
	if (!d->opened) {
		lem_open(lang, d);
		d->opened = 1;
	}
	pthread_mutex_unlock(&lem_open_lock);
	return d->hun || d->voikko ? d : NULL;
}

int text_lemma_available(enum text_lang lang)
{
	return lem_dict(lang) != NULL;
}

/* Output space of one analysis. */
struct lem_out {
	struct text_lemma *l;
	size_t used;
};

/* Copies s[0..n) into the buffer, lower-cased; NULL when it does not fit. */
static const char *lem_keep(struct lem_out *o, const char *s, size_t n)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar u[TEXT_LEMMA_BYTES], v[TEXT_LEMMA_BYTES];
	int32_t nu, nv, n8;
	char *dst = o->l->buf + o->used;
	size_t room = sizeof(o->l->buf) - o->used;

	if (n == 0 || n >= TEXT_LEMMA_BYTES)
		return NULL;
	u_strFromUTF8(u, TEXT_LEMMA_BYTES, &nu, s, (int32_t)n, &st);
	nv = U_SUCCESS(st) ? u_strToLower(v, TEXT_LEMMA_BYTES, u, nu, "", &st) : 0;
	if (U_FAILURE(st) || room < 2)
		return NULL;
	u_strToUTF8(dst, (int32_t)room - 1, &n8, v, nv, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING || (size_t)n8 >= room)
		return NULL;
	dst[n8] = '\0';
	o->used += (size_t)n8 + 1;
	return dst;
}

static void lem_part(struct lem_out *o, const char *s, size_t n)
{
	const char *p;

	if (o->l->nparts == TEXT_LEMMA_PARTS)
		return;
	p = lem_keep(o, s, n);
	if (p)
		o->l->part[o->l->nparts++] = p;
}

/* ---- Finnish (Voikko) ---- */

/* The parts of WORDBASES ("+kier(kiertää)+to(+to)+vesi(vesi)"): their bases. */
static void lem_voikko_parts(struct lem_out *o, const char *wb)
{
	const char *p = wb;

	while (*p) {
		const char *open, *close;
		char base[TEXT_LEMMA_BYTES];
		size_t n = 0;

		if (*p != '+') {
			p++;
			continue;
		}
		open = strchr(p, '(');
		close = open ? strchr(open, ')') : NULL;
		if (!close)
			return;
		for (const char *q = open + 1; q < close && n + 1 < sizeof(base); q++)
			if (*q != '=')
				base[n++] = *q;
		if (n > 0 && base[0] != '+' && base[0] != '-')
			lem_part(o, base, n);
		p = close + 1;
	}
}

static void lem_voikko(struct lem_dict *d, const char *w, struct lem_out *o)
{
	struct voikko_mor_analysis **a;

	pthread_mutex_lock(&d->lock);
	a = voikkoAnalyzeWordCstr(d->voikko, w);
	if (a && a[0]) {
		char *base = voikko_mor_analysis_value_cstr(a[0], "BASEFORM");
		char *wb = voikko_mor_analysis_value_cstr(a[0], "WORDBASES");

		if (base)
			o->l->lemma = lem_keep(o, base, strlen(base));
		if (wb)
			lem_voikko_parts(o, wb);
		if (o->l->nparts < 2)
			o->l->nparts = 0;
		voikko_free_mor_analysis_value_cstr(base);
		voikko_free_mor_analysis_value_cstr(wb);
	}
	if (a)
		voikko_free_mor_analysis(a);
	pthread_mutex_unlock(&d->lock);
}

/* ---- Hunspell ---- */

/* w[0..n) with its first letter upper-cased, NUL-terminated, into out. */
static int lem_capital(const char *w, size_t n, char *out, size_t size)
{
	int32_t i = 0, k = 0;
	UChar32 c;
	UBool err = 0;

	if (n + 4 >= size)
		return -1;
	U8_NEXT(w, i, (int32_t)n, c);
	if (c < 0)
		return -1;
	U8_APPEND((uint8_t *)out, k, (int32_t)size, u_toupper(c), err);
	if (err)
		return -1;
	memcpy(out + k, w + i, n - (size_t)i);
	out[k + (int32_t)(n - (size_t)i)] = '\0';
	return 0;
}

/* 1 when Hunspell accepts w[0..n) (German: capitalised, as nouns are written). */
static int lem_known(Hunhandle *h, enum text_lang lang, const char *w, size_t n)
{
	char buf[TEXT_LEMMA_BYTES + 8];

	if (lang == TEXT_LANG_DE) {
		if (lem_capital(w, n, buf, sizeof(buf)) != 0)
			return 0;
	} else {
		if (n >= sizeof(buf))
			return 0;
		memcpy(buf, w, n);
		buf[n] = '\0';
	}
	return Hunspell_spell(h, buf) != 0;
}

/* The shortest of Hunspell's stems of w (as spelled in buf), into o. */
static const char *lem_hunspell_stem(Hunhandle *h, enum text_lang lang, const char *w, size_t n,
				     struct lem_out *o)
{
	char buf[TEXT_LEMMA_BYTES + 8];
	char **list = NULL;
	int cnt, best = -1;
	const char *r = NULL;

	if (lang == TEXT_LANG_DE ? lem_capital(w, n, buf, sizeof(buf)) != 0 : n >= sizeof(buf))
		return NULL;
	if (lang != TEXT_LANG_DE) {
		memcpy(buf, w, n);
		buf[n] = '\0';
	}
	cnt = Hunspell_stem(h, &list, buf);
	for (int i = 0; i < cnt; i++)
		if (best < 0 || strlen(list[i]) < strlen(list[best]))
			best = i;
	if (best >= 0)
		r = lem_keep(o, list[best], strlen(list[best]));
	Hunspell_free_list(h, &list, cnt);
	return r;
}

/* The character offsets of w[0..n) (byte offset of each character). */
static size_t lem_chars(const char *w, size_t n, int32_t *off, size_t max)
{
	int32_t i = 0;
	size_t k = 0;

	while ((size_t)i < n && k < max) {
		UChar32 c;

		off[k++] = i;
		U8_NEXT(w, i, (int32_t)n, c);
		if (c < 0)
			return 0;
	}
	return (size_t)i == n ? k : 0;
}

/* A left part as Hunspell knows it: itself, or without a linking s / es. */
static size_t lem_left(Hunhandle *h, const char *w, size_t n)
{
	if (lem_known(h, TEXT_LANG_DE, w, n))
		return n;
	if (n > 4 && w[n - 1] == 's' && lem_known(h, TEXT_LANG_DE, w, n - 1))
		return n - 1;
	if (n > 5 && w[n - 1] == 's' && w[n - 2] == 'e' && lem_known(h, TEXT_LANG_DE, w, n - 2))
		return n - 2;
	return 0;
}

/*
 * Splits the German word w[0..n) into parts, the shortest right part
 * first; returns 1 and adds the parts when a split exists.
 */
static int lem_split(Hunhandle *h, const char *w, size_t n, struct lem_out *o, int depth)
{
	int32_t off[TEXT_LEMMA_BYTES];
	size_t nc = lem_chars(w, n, off, TEXT_LEMMA_BYTES);

	if (nc < LEM_LEFT_MIN + LEM_RIGHT_MIN || depth > 2)
		return 0;
	for (size_t i = nc - LEM_RIGHT_MIN; i >= LEM_LEFT_MIN; i--) {
		size_t cut = (size_t)off[i], left;

		if (!lem_known(h, TEXT_LANG_DE, w + cut, n - cut))
			continue;
		left = lem_left(h, w, cut);
		if (!left)
			continue;
		if (!lem_split(h, w, left, o, depth + 1))
			lem_part(o, w, left);
		lem_part(o, w + cut, n - cut);
		return 1;
	}
	return 0;
}

static void lem_hun(struct lem_dict *d, enum text_lang lang, const char *w, size_t n,
		    struct lem_out *o)
{
	int32_t off[TEXT_LEMMA_BYTES];

	pthread_mutex_lock(&d->lock);
	o->l->lemma = lem_hunspell_stem(d->hun, lang, w, n, o);
	if (lang == TEXT_LANG_DE && lem_chars(w, n, off, TEXT_LEMMA_BYTES) >= LEM_SPLIT_MIN) {
		lem_split(d->hun, w, n, o, 0);
		if (o->l->nparts < 2)
			o->l->nparts = 0;
	}
	pthread_mutex_unlock(&d->lock);
}

int text_lemma_word(enum text_lang lang, const char *w, size_t len, struct text_lemma *out)
{
	struct lem_dict *d;
	struct lem_out o = {out, 0};
	char word[TEXT_LEMMA_BYTES];

	out->lemma = NULL;
	out->nparts = 0;
	if (len >= TEXT_LEMMA_BYTES)
		return ERR_TOO_LARGE;
	d = lem_dict(lang);
	if (!d || len == 0)
		return 0;
	memcpy(word, w, len);
	word[len] = '\0';
	if (d->voikko)
		lem_voikko(d, word, &o);
	else
		lem_hun(d, lang, word, len, &o);
	return 0;
}
