/*
 * report_pdf.h - the event report as a PDF page (A4, export/pdf.h): the
 * event's name and place, the headline figures, the conversion funnel as
 * bars, the outcomes and the participants by country as bar charts, and
 * the signed agreements with their parties, labels in English and
 * Chinese. Pure: figures in, PDF bytes out.
 */
#ifndef LIAISON_EXPORT_REPORT_PDF_H
#define LIAISON_EXPORT_REPORT_PDF_H

#include "core/buf.h"
#include "core/err.h"

#include <jansson.h>

/*
 * Appends the report to out: event is the event as the API shows it
 * ("name", "venue", "city", "time_zone", "slots"; "label" replaces the
 * "Event report" above the name), stats the figures of
 * store/statistics.h, agreements [{"title", "kind", "state", "date",
 * "parties": [names]}] (signed ones first; at most the first 12 are
 * drawn), today "YYYY-MM-DD" (borrowed, all of them).
 */
int export_report_pdf(const json_t *event, const json_t *stats, const json_t *agreements,
		      const char *today, struct buf *out, struct err *e);

#endif
