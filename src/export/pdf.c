/*
 * pdf.c - pages, pango text and boxes on cairo's PDF surface (pdf.h).
 */
#include "export/pdf.h"

#include "core/xalloc.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <stdlib.h>

/* The family pango asks fontconfig for; Noto CJK covers Latin as well. */
#define PDF_FAMILY "Noto Sans CJK SC, Noto Sans, sans-serif"

/*
 * Each document has its own font map and context (not pango's per-thread
 * default), so that closing it frees every font it loaded: a server's
 * worker threads keep no font caches, and LeakSanitizer sees none.
 */
struct pdf {
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoFontMap *fonts;
	PangoContext *context;
	struct buf *out;
	int too_large;
};

/*
 * At exit, cairo's and fontconfig's process-wide caches are released (the
 * server has stopped its workers by then), so that the sanitizer builds
 * report our leaks, not the libraries' caches (cairo 1.16's own leak in
 * finishing a PDF is suppressed below).
 */
static void release_caches(void)
{
	cairo_debug_reset_static_data();
	FcFini();
}

static void at_exit_once(void)
{
	atexit(release_caches);
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PDF_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(PDF_ASAN)
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

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
	struct pdf *p = closure;

	if (p->too_large || buf_append(p->out, data, len)) {
		p->too_large = 1;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

int pdf_open(struct pdf **out, double width, double height, struct buf *b, struct err *e)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	struct pdf *p = xcalloc(1, sizeof(*p));

	pthread_once(&once, at_exit_once);
	p->out = b;
	p->surface = cairo_pdf_surface_create_for_stream(write_out, p, width, height);
	p->cr = cairo_create(p->surface);
	if (cairo_status(p->cr) != CAIRO_STATUS_SUCCESS) {
		int rc = err_set(e, ERR_INTERNAL, NULL, "cairo: %s",
				 cairo_status_to_string(cairo_status(p->cr)));

		cairo_destroy(p->cr);
		cairo_surface_destroy(p->surface);
		free(p);
		*out = NULL;
		return rc;
	}
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, "liaison");
	p->fonts = pango_cairo_font_map_new();
	p->context = pango_font_map_create_context(p->fonts);
	*out = p;
	return 0;
}

void pdf_page(struct pdf *p)
{
	cairo_show_page(p->cr);
}

static void set_rgb(cairo_t *cr, uint32_t rgb)
{
	cairo_set_source_rgb(cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
			     (rgb & 0xff) / 255.0);
}

double pdf_text(struct pdf *p, double x, double y, double width, const char *utf8,
		const struct pdf_font *font, const char *lang)
{
	PangoLayout *layout;
	PangoFontDescription *fd = pango_font_description_from_string(PDF_FAMILY);
	PangoAttrList *attrs = pango_attr_list_new();
	PangoRectangle ink, logical;

	pango_cairo_update_context(p->cr, p->context);
	layout = pango_layout_new(p->context);
	pango_font_description_set_absolute_size(fd, font->size * PANGO_SCALE);
	pango_font_description_set_weight(fd, font->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(layout, fd);
	pango_attr_list_insert(attrs, pango_attr_language_new(
					      pango_language_from_string(lang ? lang : "en")));
	pango_layout_set_attributes(layout, attrs);
	pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(layout, font->align == 1   ? PANGO_ALIGN_CENTER
					   : font->align == 2 ? PANGO_ALIGN_RIGHT
							      : PANGO_ALIGN_LEFT);
	pango_layout_set_text(layout, utf8 ? utf8 : "", -1);
	set_rgb(p->cr, font->rgb);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, layout);
	pango_layout_get_pixel_extents(layout, &ink, &logical);
	pango_attr_list_unref(attrs);
	pango_font_description_free(fd);
	g_object_unref(layout);
	return logical.height;
}

void pdf_box(struct pdf *p, double x, double y, double w, double h, uint32_t rgb)
{
	set_rgb(p->cr, rgb);
	cairo_rectangle(p->cr, x, y, w, h);
	cairo_fill(p->cr);
}

void pdf_cells(struct pdf *p, double x, double y, double cell, const unsigned char *on,
	       int cols, int rows, uint32_t rgb)
{
	set_rgb(p->cr, rgb);
	for (int r = 0; r < rows; r++)
		for (int c = 0; c < cols; c++)
			if (on[r * cols + c] & 1)
				cairo_rectangle(p->cr, x + c * cell, y + r * cell, cell, cell);
	cairo_fill(p->cr);
}

int pdf_close(struct pdf *p, struct err *e)
{
	cairo_status_t st;
	int rc = 0;

	cairo_destroy(p->cr);
	g_object_unref(p->context);
	cairo_surface_finish(p->surface);
	st = cairo_surface_status(p->surface);
	if (p->too_large)
		rc = err_set(e, ERR_TOO_LARGE, NULL, "the PDF is too large");
	else if (st != CAIRO_STATUS_SUCCESS)
		rc = err_set(e, ERR_INTERNAL, NULL, "cairo: %s", cairo_status_to_string(st));
	cairo_surface_destroy(p->surface);
	g_object_unref(p->fonts);
	free(p);
	return rc;
}
