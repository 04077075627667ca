/*
 * xlsx.c - workbooks through libxlsxwriter (xlsx.h).
 */
#include "export/xlsx.h"

#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

struct xlsx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold;
	lxw_row_t row;
	char path[256];
};

int xlsx_open(struct xlsx **out, struct err *e)
{
	const char *dir = getenv("TMPDIR");
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
	struct xlsx *x = xcalloc(1, sizeof(*x));
	int fd;

	*out = NULL;
	snprintf(x->path, sizeof(x->path), "%s/liaison-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(x->path);
	if (fd < 0) {
		free(x);
		return err_set(e, ERR_IO, NULL, "cannot make a temporary file for the workbook");
	}
	close(fd);
	x->wb = workbook_new_opt(x->path, &opt);
	if (!x->wb) {
		xlsx_free(x);
		return err_set(e, ERR_INTERNAL, NULL, "libxlsxwriter cannot start a workbook");
	}
	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	*out = x;
	return 0;
}

int xlsx_sheet(struct xlsx *x, const char *name, const char *const *columns, struct err *e)
{
	x->ws = workbook_add_worksheet(x->wb, name);
	if (!x->ws)
		return err_set(e, ERR_INTERNAL, NULL, "libxlsxwriter refuses the sheet name %s", name);
	x->row = 0;
	for (lxw_col_t c = 0; columns[c]; c++)
		if (worksheet_write_string(x->ws, 0, c, columns[c], x->bold) != LXW_NO_ERROR)
			return err_set(e, ERR_INTERNAL, NULL, "libxlsxwriter cannot write a header");
	worksheet_freeze_panes(x->ws, 1, 0);
	x->row = 1;
	return 0;
}

int xlsx_row(struct xlsx *x, const struct xlsx_cell *cells, size_t n, struct err *e)
{
	lxw_error rc = LXW_NO_ERROR;

	for (size_t c = 0; c < n && rc == LXW_NO_ERROR; c++) {
		const struct xlsx_cell *v = &cells[c];

		if (v->kind == XLSX_TEXT && v->s && *v->s)
			rc = worksheet_write_string(x->ws, x->row, (lxw_col_t)c, v->s, NULL);
		else if (v->kind == XLSX_INT)
			rc = worksheet_write_number(x->ws, x->row, (lxw_col_t)c, (double)v->i, NULL);
		else if (v->kind == XLSX_REAL)
			rc = worksheet_write_number(x->ws, x->row, (lxw_col_t)c, v->d, NULL);
	}
	if (rc != LXW_NO_ERROR)
		return err_set(e, rc == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE ? ERR_TOO_LARGE
									     : ERR_INTERNAL,
			       NULL, "libxlsxwriter: %s", lxw_strerror(rc));
	x->row++;
	return 0;
}

/* Appends the file at path to out. */
static int slurp(const char *path, struct buf *out, struct err *e)
{
	char chunk[65536];
	FILE *f = fopen(path, "rb");
	size_t n;
	int rc = 0;

	if (!f)
		return err_set(e, ERR_IO, NULL, "cannot read the workbook back");
	while (rc == 0 && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_append(out, chunk, n))
			rc = err_set(e, ERR_TOO_LARGE, NULL, "the workbook is too large");
	if (rc == 0 && ferror(f))
		rc = err_set(e, ERR_IO, NULL, "cannot read the workbook back");
	fclose(f);
	return rc;
}

int xlsx_finish(struct xlsx *x, struct buf *out, struct err *e)
{
	lxw_error lrc = workbook_close(x->wb);
	int rc;

	x->wb = NULL;
	rc = lrc == LXW_NO_ERROR ? slurp(x->path, out, e)
				 : err_set(e, ERR_IO, NULL, "libxlsxwriter: %s", lxw_strerror(lrc));
	xlsx_free(x);
	return rc;
}

void xlsx_free(struct xlsx *x)
{
	if (!x)
		return;
	if (x->wb) {
		/* close writes what it has; the file goes anyway */
		workbook_close(x->wb);
	}
	unlink(x->path);
	free(x);
}
