/*
 * fold.c - folding: NFKC + full case folding (ICU's NFKC_Casefold), then
 * diacritics removed by decomposing (NFD), dropping the nonspacing marks
 * (general category Mn) that follow a Latin, Greek or Cyrillic letter, and
 * recomposing (NFC). Marks on other scripts stay: the kana voicing marks
 * U+3099/U+309A that NFD splits off が or パ are recomposed, and Thai or
 * Devanagari vowel signs are letters of their words.
 *
 * Each step is skipped when ICU's quick check says it would change nothing,
 * and ASCII takes a direct path, since most tokens are plain ASCII.
 */
#include "text/text.h"
#include "text/text_int.h"

#include "core/err.h"
#include "core/xalloc.h"

#include <assert.h>
#include <stdlib.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

static void u16buf_init(struct text_u16buf *b)
{
	b->p = b->stack;
	b->cap = TEXT_FOLD_STACK;
}

static void u16buf_release(struct text_u16buf *b)
{
	if (b->p != b->stack)
		free(b->p);
	u16buf_init(b);
}

/* Makes room for need units; the contents are not kept. */
static void u16buf_reserve(struct text_u16buf *b, int32_t need)
{
	if (need <= b->cap)
		return;
	if (b->p != b->stack)
		free(b->p);
	b->p = xreallocarray(NULL, (size_t)need, sizeof(*b->p));
	b->cap = need;
}

int text_folder_init(struct text_folder *f)
{
	UErrorCode st = U_ZERO_ERROR;

	f->nfkc_cf = unorm2_getNFKCCasefoldInstance(&st);
	f->nfd = unorm2_getNFDInstance(&st);
	f->nfc = unorm2_getNFCInstance(&st);
	u16buf_init(&f->a);
	u16buf_init(&f->b);
	f->out = f->out_stack;
	f->out_cap = (int32_t)sizeof(f->out_stack);
	f->out_len = 0;
	return U_FAILURE(st) ? ERR_INTERNAL : 0;
}

void text_folder_release(struct text_folder *f)
{
	u16buf_release(&f->a);
	u16buf_release(&f->b);
	if (f->out != f->out_stack)
		free(f->out);
	f->out = f->out_stack;
	f->out_cap = (int32_t)sizeof(f->out_stack);
	f->out_len = 0;
}

/* Normalises src[0..n) into dst; *out_len gets the result's length. */
static int fold_normalize(const UNormalizer2 *nz, const UChar *src, int32_t n,
			  struct text_u16buf *dst, int32_t *out_len)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t r;

	assert(src != dst->p);
	r = unorm2_normalize(nz, src, n, dst->p, dst->cap, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		u16buf_reserve(dst, r);
		st = U_ZERO_ERROR;
		r = unorm2_normalize(nz, src, n, dst->p, dst->cap, &st);
	}
	if (U_FAILURE(st))
		return ERR_INTERNAL;
	*out_len = r;
	return 0;
}

/* 1 when nonspacing marks after c are diacritics to drop. */
static int fold_strips_marks_of(UChar32 c)
{
	UErrorCode st = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript(c, &st);

	return sc == USCRIPT_LATIN || sc == USCRIPT_GREEK || sc == USCRIPT_CYRILLIC;
}

/*
 * Copies src[0..n) (NFD) into dst without the diacritics; returns the
 * number of units dropped and the new length in *out_len.
 */
static int32_t fold_strip(const UChar *src, int32_t n, struct text_u16buf *dst, int32_t *out_len)
{
	int32_t i = 0, j = 0;
	int strip = 0;
	UChar32 c;

	assert(src != dst->p);
	u16buf_reserve(dst, n);
	while (i < n) {
		int32_t start = i;
		int8_t gc;

		U16_NEXT(src, i, n, c);
		gc = u_charType(c);
		if (gc == U_NON_SPACING_MARK && strip)
			continue;
		if (gc != U_NON_SPACING_MARK && gc != U_COMBINING_SPACING_MARK &&
		    gc != U_ENCLOSING_MARK)
			strip = fold_strips_marks_of(c);
		while (start < i)
			dst->p[j++] = src[start++];
	}
	*out_len = j;
	return n - j;
}

/* Stores src[0..n) as UTF-8 in f->out. */
static int fold_to_utf8(struct text_folder *f, const UChar *src, int32_t n)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t r;

	u_strToUTF8(f->out, f->out_cap, &r, src, n, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		if (f->out != f->out_stack)
			free(f->out);
		f->out = xmalloc((size_t)r);
		f->out_cap = r;
		st = U_ZERO_ERROR;
		u_strToUTF8(f->out, f->out_cap, &r, src, n, &st);
	}
	if (U_FAILURE(st))
		return ERR_INTERNAL;
	f->out_len = r;
	return 0;
}

/* The fast path: ASCII only needs its capitals lowered. */
static int fold_ascii(struct text_folder *f, const UChar *src, int32_t n)
{
	int32_t i;

	for (i = 0; i < n; i++) {
		if (src[i] >= 0x80)
			return 0;
	}
	if (n > f->out_cap) {
		if (f->out != f->out_stack)
			free(f->out);
		f->out = xmalloc((size_t)n);
		f->out_cap = n;
	}
	for (i = 0; i < n; i++) {
		UChar c = src[i];

		f->out[i] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
	}
	f->out_len = n;
	return 1;
}

/* The text between two steps of text_folder_run. */
struct fold_text {
	const UChar *p;
	int32_t n;
	struct text_u16buf *in; /* the buffer of the folder holding p, NULL for the input */
};

/* The buffer of f that does not hold t, where the next step writes. */
static struct text_u16buf *fold_other(struct text_folder *f, const struct fold_text *t)
{
	return t->in == &f->a ? &f->b : &f->a;
}

/* Runs nz on t, always or unless ICU's quick check says t is normal already. */
static int fold_step(struct text_folder *f, const UNormalizer2 *nz, struct fold_text *t, int always,
		     int *changed)
{
	UErrorCode st = U_ZERO_ERROR;
	struct text_u16buf *dst = fold_other(f, t);
	int rc;

	*changed = always || unorm2_spanQuickCheckYes(nz, t->p, t->n, &st) < t->n;
	if (U_FAILURE(st))
		return ERR_INTERNAL;
	if (!*changed)
		return 0;
	rc = fold_normalize(nz, t->p, t->n, dst, &t->n);
	t->p = dst->p;
	t->in = dst;
	return rc;
}

int text_folder_run(struct text_folder *f, const UChar *src, int32_t n)
{
	struct fold_text t = {src, n, NULL};
	struct text_u16buf *dst;
	int decomposed, stripped, unused, rc;

	if (fold_ascii(f, src, n))
		return 0;
	rc = fold_step(f, f->nfkc_cf, &t, 0, &unused);
	if (rc == 0)
		rc = fold_step(f, f->nfd, &t, 0, &decomposed);
	if (rc != 0)
		return rc;
	dst = fold_other(f, &t);
	stripped = fold_strip(t.p, t.n, dst, &t.n) > 0;
	if (stripped || decomposed) {
		t.p = dst->p;
		t.in = dst;
		rc = fold_step(f, f->nfc, &t, 1, &unused);
		if (rc != 0)
			return rc;
	}
	return fold_to_utf8(f, t.p, t.n);
}

int text_fold(const char *s, size_t len, struct buf *out)
{
	struct text_u16 u;
	struct text_folder f;
	int rc;

	rc = text_u16_from_utf8(&u, s, len, 0);
	if (rc == 0)
		rc = text_folder_init(&f);
	if (rc == 0) {
		rc = text_folder_run(&f, u.s, u.len);
		if (rc == 0 && f.out_len > 0)
			rc = buf_append(out, f.out, (size_t)f.out_len);
		text_folder_release(&f);
	}
	text_u16_release(&u);
	return rc;
}
