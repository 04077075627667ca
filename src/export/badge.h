/*
 * badge.h - printable badges: one A6 page per participant in one PDF
 * (cairo's PDF surface, text laid out by pango with the system's fonts,
 * Noto CJK for Chinese and Japanese names), with the event's name, the
 * participant's name in its own script, organisation and country, and a
 * QR code (libqrencode) of their check-in token with the token printed
 * under it for typing.
 */
#ifndef LIAISON_EXPORT_BADGE_H
#define LIAISON_EXPORT_BADGE_H

#include "core/buf.h"
#include "core/err.h"

#include <stddef.h>

/* One badge; every text borrowed UTF-8, organisation, country and lang may be NULL. */
struct export_badge {
	const char *event;
	const char *name;
	const char *organisation;
	const char *country; /* ISO 3166-1 alpha-2: printed with its English name */
	const char *lang;    /* the name's language ("zh", "ja"), for its glyphs */
	const char *token;   /* the check-in token the QR code holds */
};

/*
 * Appends the PDF of n badges (n >= 1) to out. ERR_INVALID naming
 * "badges[i].<field>" for a missing name or token; ERR_TOO_LARGE past
 * out's cap; ERR_INTERNAL when cairo or libqrencode fail.
 */
int export_badges_pdf(const struct export_badge *b, size_t n, struct buf *out, struct err *e);

#endif
