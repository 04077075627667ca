/*
 * csv.h - CSV text (RFC 4180) for spreadsheet downloads: UTF-8 with a
 * byte order mark, so that Excel reads Chinese and accented names right;
 * CRLF line ends; a field is quoted when it holds a comma, a quote, a line
 * break or leading/trailing space, quotes doubled. A field that a
 * spreadsheet would run as a formula (starting with =, +, -, @, tab or CR)
 * gets a leading apostrophe (CSV injection); + or - followed by digits,
 * spaces and ()./- only (a phone number, a negative number) is left alone.
 *
 * The table is built in a struct buf the caller owns (its cap is the size
 * limit of the download); every function returns 0 or ERR_TOO_LARGE,
 * after which the table is incomplete: throw it away.
 */
#ifndef LIAISON_EXPORT_CSV_H
#define LIAISON_EXPORT_CSV_H

#include "core/buf.h"
#include "core/err.h"

#include <stddef.h>

#include <jansson.h>
#include <stdint.h>

/* Starts the text: the UTF-8 byte order mark. */
int csv_begin(struct buf *b);

/* Appends one field of the current row (s NULL = empty); first = 1 for a row's first field. */
int csv_field(struct buf *b, const char *s, int first);

/* Appends an integer field. */
int csv_int(struct buf *b, int64_t v, int first);

/*
 * Appends a JSON value as a field: strings as they are, integers and reals
 * in decimal, true/false as "yes"/"no", null or absent as empty, arrays
 * joined with "; ".
 */
int csv_json(struct buf *b, const json_t *v, int first);

/* Ends the current row (CRLF). */
int csv_row_end(struct buf *b);

/* Appends a whole row of NULL-terminated header names. */
int csv_header(struct buf *b, const char *const *names);

/* ---- reading (libcsv) ------------------------------------------------------ */

/* The most fields a row of csv_read may have. */
#define CSV_READ_FIELDS 32

/*
 * One row of csv_read: line is the row's number (the first row is 1),
 * fields[0..n) its fields, NUL-terminated UTF-8 (borrowed for the call).
 * Returns 0 to go on, or a negative err code (with e filled) to stop.
 */
typedef int (*csv_row_fn)(void *ctx, long line, const char *const *fields, size_t n,
			  struct err *e);

/*
 * Reads the RFC 4180 text data[0..len) (a leading UTF-8 byte order mark
 * skipped, CRLF or LF line ends) with libcsv in strict mode and calls cb
 * for every row. ERR_BAD_REQUEST naming "rows[N]" for a malformed row
 * (a stray quote, more than CSV_READ_FIELDS fields, bytes that are not
 * UTF-8); cb's code when it stops.
 */
int csv_read(const char *data, size_t len, csv_row_fn cb, void *ctx, struct err *e);

#endif
