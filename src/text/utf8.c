/*
 * utf8.c - UTF-8 validation and UTF-8 -> UTF-16 conversion with a map of
 * byte offsets, both on ICU's U8_NEXT (which refuses overlong forms,
 * surrogates and code points above U+10FFFF).
 */
#include "text/text.h"
#include "text/text_int.h"

#include "core/err.h"
#include "core/xalloc.h"

#include <stdlib.h>

#include <unicode/utf16.h>
#include <unicode/utf8.h>

int text_utf8_valid(const char *s, size_t len)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0;
	UChar32 c;

	while (i < len) {
		U8_NEXT(p, i, len, c);
		if (c <= 0)
			return 0;
	}
	return 1;
}

static void text_u16_reserve(struct text_u16 *u, size_t units, int want_off)
{
	u->s = u->s_stack;
	u->off = want_off ? u->off_stack : NULL;
	if (units > TEXT_U16_STACK) {
		u->s = xreallocarray(NULL, units, sizeof(*u->s));
		if (want_off)
			u->off = xreallocarray(NULL, units + 1, sizeof(*u->off));
	}
}

int text_u16_from_utf8(struct text_u16 *u, const char *s, size_t len, int want_off)
{
	const uint8_t *p = (const uint8_t *)s;
	int32_t i = 0, j = 0, n = (int32_t)len;
	UChar32 c;

	u->s = NULL;
	u->off = NULL;
	u->len = 0;
	if (len > TEXT_MAX_INPUT)
		return ERR_TOO_LARGE;
	/* every byte gives at most one UTF-16 unit (4 bytes give 2) */
	text_u16_reserve(u, len, want_off);
	while (i < n) {
		int32_t start = i;

		U8_NEXT(p, i, n, c);
		if (c < 0)
			c = 0xFFFD;
		if (u->off) {
			u->off[j] = (size_t)start;
			if (c > 0xFFFF)
				u->off[j + 1] = (size_t)start;
		}
		U16_APPEND_UNSAFE(u->s, j, c);
	}
	if (u->off)
		u->off[j] = len;
	u->len = j;
	return 0;
}

void text_u16_release(struct text_u16 *u)
{
	if (u->s != u->s_stack)
		free(u->s);
	if (u->off != u->off_stack)
		free(u->off);
	u->s = NULL;
	u->off = NULL;
	u->len = 0;
}
