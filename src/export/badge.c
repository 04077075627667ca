/*
 * badge.c - the badges' PDF (badge.h): cairo draws, pango lays out the
 * texts (the font for each script found by fontconfig), libqrencode makes
 * the QR code's modules, ICU names the country.
 */
#include "export/badge.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

/* A6 portrait in points, and the margins. */
#define BADGE_W 297.64
#define BADGE_H 419.53
#define BADGE_MARGIN 22.0
#define BADGE_QR 150.0
#define BADGE_FONT "Noto Sans CJK SC, Noto Sans, sans-serif"

/*
 * At exit: cairo's and fontconfig's caches given back (they are the
 * process's until then), so that a leak checker sees only real leaks.
 * Every PDF has its own pango font map (pango's default one is per thread
 * and would outlive the server's worker threads).
 */
static void badge_atexit(void)
{
	cairo_debug_reset_static_data();
	FcFini();
}

static pthread_once_t badge_once = PTHREAD_ONCE_INIT;

static void badge_init(void)
{
	atexit(badge_atexit);
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BADGE_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(BADGE_ASAN)
/*
 * For LeakSanitizer (read by its runtime at start): cairo 1.16 (Debian 12)
 * leaks 768 bytes per embedded font subset when a PDF surface finishes
 * (inside cairo_surface_finish, no liaison frame involved).
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libcairo.so\n";
}
#endif

static cairo_status_t pdf_write(void *arg, const unsigned char *data, unsigned int len)
{
	return buf_append(arg, data, len) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

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

/*
 * Draws text centred across the page's width from y down, at size points
 * (bold when bold), in language lang (may be NULL); returns the height used.
 */
static double text_block(cairo_t *cr, PangoContext *ctx, const char *text, double y,
			 double size, int bold, const char *lang)
{
	PangoLayout *layout = pango_layout_new(ctx);
	PangoFontDescription *fd = pango_font_description_from_string(BADGE_FONT);
	PangoAttrList *attrs = pango_attr_list_new();
	int w, h;

	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(layout, fd);
	if (lang)
		pango_attr_list_insert(attrs, pango_attr_language_new(pango_language_from_string(lang)));
	pango_layout_set_attributes(layout, attrs);
	pango_layout_set_width(layout, (int)((BADGE_W - 2 * BADGE_MARGIN) * PANGO_SCALE));
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
	pango_layout_set_text(layout, text, -1);
	pango_layout_get_size(layout, &w, &h);
	cairo_move_to(cr, BADGE_MARGIN, y);
	pango_cairo_update_layout(cr, layout);
	pango_cairo_show_layout(cr, layout);
	pango_attr_list_unref(attrs);
	pango_font_description_free(fd);
	g_object_unref(layout);
	return (double)h / PANGO_SCALE;
}

/* The QR code of token, BADGE_QR points wide with its quiet zone, its top at y. */
static int qr_block(cairo_t *cr, const char *token, double y)
{
	QRcode *q = QRcode_encodeString(token, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	double x0 = (BADGE_W - BADGE_QR) / 2, m;

	if (!q)
		return ERR_INTERNAL;
	m = BADGE_QR / (q->width + 8); /* four modules of quiet zone each side */
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, x0, y, BADGE_QR, BADGE_QR);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int r = 0; r < q->width; r++)
		for (int c = 0; c < q->width; c++)
			if (q->data[r * q->width + c] & 1)
				cairo_rectangle(cr, x0 + (c + 4) * m, y + (r + 4) * m, m, m);
	cairo_fill(cr);
	QRcode_free(q);
	return 0;
}

static int badge_page(cairo_t *cr, PangoContext *ctx, const struct export_badge *b)
{
	char country[160];
	double y = BADGE_MARGIN;
	int rc;

	cairo_set_source_rgb(cr, 0.12, 0.30, 0.55);
	cairo_rectangle(cr, 0, 0, BADGE_W, 8);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
	if (b->event)
		y += text_block(cr, ctx, b->event, y, 11, 0, NULL) + 18;
	cairo_set_source_rgb(cr, 0, 0, 0);
	y += text_block(cr, ctx, b->name, y, 26, 1, b->lang) + 8;
	if (b->organisation)
		y += text_block(cr, ctx, b->organisation, y, 14, 0, NULL) + 4;
	if (b->country) {
		country_line(b->country, country, sizeof(country));
		text_block(cr, ctx, country, y, 12, 0, NULL);
	}
	rc = qr_block(cr, b->token, BADGE_H - BADGE_MARGIN - 14 - BADGE_QR);
	cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
	text_block(cr, ctx, b->token, BADGE_H - BADGE_MARGIN - 10, 7, 0, NULL);
	cairo_show_page(cr);
	return rc;
}

int export_badges_pdf(const struct export_badge *b, size_t n, struct buf *out, struct err *e)
{
	PangoFontMap *fm;
	PangoContext *ctx;
	cairo_surface_t *pdf;
	cairo_status_t cs;
	cairo_t *cr;
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		if (!b[i].name || !*b[i].name)
			return err_set(e, ERR_INVALID, "name", "badges[%zu]: a name is needed", i);
		if (!b[i].token || !*b[i].token)
			return err_set(e, ERR_INVALID, "token", "badges[%zu]: a token is needed", i);
	}
	if (n == 0)
		return err_set(e, ERR_INVALID, "badges", "there is no participant to print");
	pthread_once(&badge_once, badge_init);
	pdf = cairo_pdf_surface_create_for_stream(pdf_write, out, BADGE_W, BADGE_H);
	cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR, "liaison");
	cr = cairo_create(pdf);
	fm = pango_cairo_font_map_new();
	ctx = pango_font_map_create_context(fm);
	pango_cairo_update_context(cr, ctx);
	for (size_t i = 0; !rc && i < n; i++)
		rc = badge_page(cr, ctx, &b[i]);
	g_object_unref(ctx);
	g_object_unref(fm);
	cairo_destroy(cr);
	cairo_surface_finish(pdf);
	cs = cairo_surface_status(pdf);
	cairo_surface_destroy(pdf);
	if (!rc && cs == CAIRO_STATUS_WRITE_ERROR)
		return err_set(e, ERR_TOO_LARGE, "badges", "the PDF is larger than %zu bytes", out->max);
	if (rc || cs != CAIRO_STATUS_SUCCESS)
		return err_set(e, ERR_INTERNAL, "badges", "cannot draw the badges: %s",
			       rc ? "libqrencode failed" : cairo_status_to_string(cs));
	return 0;
}
