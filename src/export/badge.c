/*
 * badge.c - the badges' PDF (badge.h), drawn through pdf.h (one cairo
 * surface and pango font map set-up for reports and badges alike):
 * libqrencode makes the QR code's modules, ICU names the country.
 */
#include "export/badge.h"

#include "export/pdf.h"

#include <qrencode.h>
#include <stdio.h>
#include <string.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

/* A6 portrait in points, and the margins. */
#define BADGE_W 297.64
#define BADGE_H 419.53
#define BADGE_MARGIN 22.0
#define BADGE_QR 150.0
#define BADGE_TEXT_W (BADGE_W - 2 * BADGE_MARGIN)

/* "CN · China": the code and its English name (the code alone when ICU has none). */
static void country_line(const char *code, char *out, size_t size)
{
	UErrorCode st = U_ZERO_ERROR;
	char loc[8], name[128];
	UChar u[64];
	int32_t n;

	snprintf(loc, sizeof(loc), "_%s", code);
	n = uloc_getDisplayCountry(loc, "en", u, 64, &st);
	if (U_SUCCESS(st) && n > 0) {
		u_strToUTF8(name, sizeof(name), NULL, u, n, &st);
		if (U_SUCCESS(st) && strcmp(name, code) != 0) {
			snprintf(out, size, "%s · %s", code, name);
			return;
		}
	}
	snprintf(out, size, "%s", code);
}

/* The QR code of token, BADGE_QR points wide with its quiet zone, its top at y. */
static int qr_block(struct pdf *p, const char *token, double y)
{
	QRcode *q = QRcode_encodeString(token, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	double x0 = (BADGE_W - BADGE_QR) / 2, m;

	if (!q)
		return ERR_INTERNAL;
	m = BADGE_QR / (q->width + 8); /* four modules of quiet zone each side */
	pdf_box(p, x0, y, BADGE_QR, BADGE_QR, 0xffffff);
	pdf_cells(p, x0 + 4 * m, y + 4 * m, m, q->data, q->width, q->width, 0x000000);
	QRcode_free(q);
	return 0;
}

static int badge_page(struct pdf *p, const struct export_badge *b)
{
	static const struct pdf_font event_font = {11, 0, 0x404040, 1};
	static const struct pdf_font name_font = {26, 1, 0x000000, 1};
	static const struct pdf_font org_font = {14, 0, 0x000000, 1};
	static const struct pdf_font country_font = {12, 0, 0x000000, 1};
	static const struct pdf_font token_font = {7, 0, 0x4d4d4d, 1};
	char country[160];
	double y = BADGE_MARGIN;
	int rc;

	pdf_box(p, 0, 0, BADGE_W, 8, 0x1f4d8c);
	if (b->event)
		y += pdf_text(p, BADGE_MARGIN, y, BADGE_TEXT_W, b->event, &event_font, NULL) + 18;
	y += pdf_text(p, BADGE_MARGIN, y, BADGE_TEXT_W, b->name, &name_font, b->lang) + 8;
	if (b->organisation)
		y += pdf_text(p, BADGE_MARGIN, y, BADGE_TEXT_W, b->organisation, &org_font, NULL) +
		     4;
	if (b->country) {
		country_line(b->country, country, sizeof(country));
		pdf_text(p, BADGE_MARGIN, y, BADGE_TEXT_W, country, &country_font, NULL);
	}
	rc = qr_block(p, b->token, BADGE_H - BADGE_MARGIN - 14 - BADGE_QR);
	pdf_text(p, BADGE_MARGIN, BADGE_H - BADGE_MARGIN - 10, BADGE_TEXT_W, b->token,
		 &token_font, NULL);
	return rc;
}

int export_badges_pdf(const struct export_badge *b, size_t n, struct buf *out, struct err *e)
{
	struct pdf *p;
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		if (!b[i].name || !*b[i].name)
			return err_set(e, ERR_INVALID, "name", "badges[%zu]: a name is needed", i);
		if (!b[i].token || !*b[i].token)
			return err_set(e, ERR_INVALID, "token", "badges[%zu]: a token is needed", i);
	}
	if (n == 0)
		return err_set(e, ERR_INVALID, "badges", "there is no participant to print");
	rc = pdf_open(&p, BADGE_W, BADGE_H, out, e);
	if (rc)
		return rc;
	for (size_t i = 0; !rc && i < n; i++) {
		if (i)
			pdf_page(p);
		rc = badge_page(p, &b[i]);
	}
	if (rc) {
		pdf_close(p, e);
		return err_set(e, ERR_INTERNAL, "badges", "cannot draw the badges: libqrencode failed");
	}
	rc = pdf_close(p, e);
	if (rc == ERR_TOO_LARGE)
		return err_set(e, ERR_TOO_LARGE, "badges", "the PDF is larger than %zu bytes", out->max);
	return rc;
}
