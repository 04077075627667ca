/*
 * collate.c - ICU collators by language tag (collate.h).
 */
#include "text/collate.h"

#include "core/xalloc.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/uloc.h>

struct text_collator {
	UCollator *ucol;
};

int text_collation_of(const char *tag, char out[TEXT_COLLATION_MAX])
{
	char locale[ULOC_FULLNAME_CAPACITY];
	size_t n = strlen(tag);
	int32_t parsed = 0;
	UErrorCode st = U_ZERO_ERROR;
	UCollator *c;
	const char *actual;

	if (n == 0 || n > TEXT_LANG_TAG_MAX)
		return -1;
	uloc_forLanguageTag(tag, locale, (int32_t)sizeof(locale), &parsed, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING || parsed != (int32_t)n)
		return -1;
	c = ucol_open(locale, &st);
	if (U_FAILURE(st))
		return -1;
	actual = ucol_getLocaleByType(c, ULOC_ACTUAL_LOCALE, &st);
	if (U_FAILURE(st) || !actual || !*actual)
		actual = "root";
	n = (size_t)snprintf(out, TEXT_COLLATION_MAX, "%s", actual);
	ucol_close(c);
	return n < TEXT_COLLATION_MAX ? 0 : -1;
}

struct text_collator *text_collator_open(const char *collation)
{
	UErrorCode st = U_ZERO_ERROR;
	UCollator *u = ucol_open(strcmp(collation, "root") == 0 ? "" : collation, &st);
	struct text_collator *c;

	if (U_FAILURE(st))
		return NULL;
	c = xmalloc(sizeof(*c));
	c->ucol = u;
	return c;
}

void text_collator_free(struct text_collator *c)
{
	if (!c)
		return;
	ucol_close(c->ucol);
	free(c);
}

int text_collate(struct text_collator *c, const char *a, size_t alen, const char *b,
		 size_t blen)
{
	UErrorCode st = U_ZERO_ERROR;
	UCollationResult r;

	if (alen > INT32_MAX || blen > INT32_MAX)
		return 0;
	r = ucol_strcollUTF8(c->ucol, a, (int32_t)alen, b, (int32_t)blen, &st);
	if (U_FAILURE(st)) { /* invalid UTF-8 cannot be stored; keep a total order anyway */
		int m = memcmp(a, b, alen < blen ? alen : blen);

		return m ? m : (alen > blen) - (alen < blen);
	}
	return r < 0 ? -1 : r > 0;
}
