/*
 * xlsx.h - spreadsheets (Office Open XML) through libxlsxwriter: one
 * workbook of named sheets, each a header row and typed cells, written
 * row by row in libxlsxwriter's constant-memory mode (a sheet of 30,000
 * rows costs one row of memory) to a temporary file, then read into the
 * caller's buffer. Text is UTF-8 as it is (Chinese and Japanese included);
 * cells are written as strings or numbers, never as formulas.
 *
 * Errors: ERR_TOO_LARGE past the buffer's cap, ERR_IO or ERR_INTERNAL
 * when the library or the temporary file fail; after an error call
 * xlsx_free only.
 */
#ifndef LIAISON_EXPORT_XLSX_H
#define LIAISON_EXPORT_XLSX_H

#include "core/buf.h"
#include "core/err.h"

#include <stddef.h>
#include <stdint.h>

struct xlsx;

/* What a cell holds. */
enum xlsx_kind {
	XLSX_EMPTY,
	XLSX_TEXT, /* s: UTF-8 */
	XLSX_INT,  /* i */
	XLSX_REAL, /* d */
};

struct xlsx_cell {
	enum xlsx_kind kind;
	const char *s;
	int64_t i;
	double d;
};

/* A new workbook in a temporary file (in $TMPDIR, else /tmp). */
int xlsx_open(struct xlsx **out, struct err *e);

/*
 * Starts a sheet called name (at most 31 characters, unique) with a bold
 * header row of columns (NULL-terminated); rows follow with xlsx_row.
 */
int xlsx_sheet(struct xlsx *x, const char *name, const char *const *columns, struct err *e);

/* Appends one row of n cells to the current sheet. */
int xlsx_row(struct xlsx *x, const struct xlsx_cell *cells, size_t n, struct err *e);

/*
 * Closes the workbook and appends the file's bytes to out (initialised by
 * the caller); frees x and removes the temporary file either way.
 */
int xlsx_finish(struct xlsx *x, struct buf *out, struct err *e);

/* Frees x without writing (NULL is fine); removes the temporary file. */
void xlsx_free(struct xlsx *x);

#endif
