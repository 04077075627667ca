/*
 * pdf.h - a small drawing API for PDF documents: pages, text laid out by
 * pango (wrapping, bold, the system's fonts with Noto CJK for Chinese
 * and Japanese: the language of a text picks its glyphs) and filled
 * boxes, on cairo's PDF surface, written into the caller's buffer.
 * Coordinates are PostScript points (1/72 inch) from the page's top left.
 * The reports (report_pdf.c) and the badges (badge.c) draw through it.
 *
 * Errors: drawing calls record the first failure and do nothing after it;
 * pdf_close reports it (ERR_TOO_LARGE past the buffer's cap, ERR_INTERNAL
 * for cairo).
 */
#ifndef LIAISON_EXPORT_PDF_H
#define LIAISON_EXPORT_PDF_H

#include "core/buf.h"
#include "core/err.h"

#include <stdint.h>

struct pdf;

/* A4 in points. */
#define PDF_A4_WIDTH 595.276
#define PDF_A4_HEIGHT 841.89

/* A text's look: size in points, bold, colour 0xRRGGBB, alignment. */
struct pdf_font {
	double size;
	int bold;
	uint32_t rgb;
	int align; /* 0 left, 1 centre, 2 right */
};

/* Starts a document of pages of width x height points writing into out (borrowed). */
int pdf_open(struct pdf **out, double width, double height, struct buf *b, struct err *e);

/* Ends the current page and starts the next. */
void pdf_page(struct pdf *p);

/*
 * Draws utf8 at (x, y) within width points (wrapping at words, or at any
 * character in CJK), in font; lang ("zh", "ja", "en"; NULL = "en") picks
 * the glyphs. Returns the height it took.
 */
double pdf_text(struct pdf *p, double x, double y, double width, const char *utf8,
		const struct pdf_font *font, const char *lang);

/* Fills the box (x, y, w, h) with colour 0xRRGGBB. */
void pdf_box(struct pdf *p, double x, double y, double w, double h, uint32_t rgb);

/*
 * Fills, with colour 0xRRGGBB, the cells of a grid of rows x cols cells
 * of cell points from (x, y) whose byte in on (row by row) has bit 0 set:
 * a QR code's modules, as one path.
 */
void pdf_cells(struct pdf *p, double x, double y, double cell, const unsigned char *on,
	       int cols, int rows, uint32_t rgb);

/* Finishes the document into the buffer and frees p; 0 or the first error. */
int pdf_close(struct pdf *p, struct err *e);

#endif
