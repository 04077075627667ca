/*
 * report.h - what organisers read about one event beyond its grid: the
 * page views of its public page (counted per UTC day, without cookies or
 * personal data) and the CSV downloads of its registrations and meetings
 * (UTF-8 with a byte order mark, formula-injection guarded: export/csv.h).
 *
 * The CSV of registrations shows each person as the caller may see them
 * (resource.h's privacy: an organiser sees the contact details of the
 * people registered for their event); the CSV of meetings is the grid of
 * service_grid flattened, one row a meeting.
 *
 * Conventions of service.h. The CSV functions initialise b: on success
 * the caller owns its text (buf_detach or buf_release), on failure it is
 * already released.
 */
#ifndef LIAISON_SERVICE_REPORT_H
#define LIAISON_SERVICE_REPORT_H

#include "core/buf.h"
#include "service/service.h"

/* The largest CSV download: past it, ERR_TOO_LARGE (a fair of 11,000 companies fits). */
#define SERVICE_CSV_MAX (64u * 1024 * 1024)

/* Counts one view of event's public page today (UTC). ERR_NOT_FOUND ("id") for no event. */
int service_event_view_add(struct service_conn *c, int64_t event, struct err *e);

/* *out = {"total": N, "days": [{"day": "YYYY-MM-DD", "views": n}]}, oldest day first. */
int service_event_views(struct service_conn *c, int64_t event, json_t **out, struct err *e);

/*
 * The registrations of event as CSV in b, one row each with its person
 * and organisation as who may see them (a hidden person keeps only the
 * ids of the row). ERR_NOT_FOUND ("id") when there is no such event.
 */
int service_registrations_csv(struct service_conn *c, const struct service_caller *who,
			      int64_t event, struct buf *b, struct err *e);

/*
 * The meetings of event as CSV in b: by slot, tables then online, then the
 * unscheduled; room URLs from video_url (may be NULL: service_grid).
 */
int service_meetings_csv(struct service_conn *c, int64_t event, const char *video_url,
			 struct buf *b, struct err *e);

/* ---- report files (export.c) ----------------------------------------------------- */

/*
 * Table ("registrations", "requests", "meetings" with both sides'
 * outcomes and comments, "agreements" with their parties) of event as
 * CSV in b, with the UTF-8 byte order mark when bom. No contact details.
 * ERR_NOT_FOUND naming "id" (no such event) or "table".
 */
int service_event_table_csv(struct service_conn *c, int64_t event, const char *table, int bom,
			    struct buf *b, struct err *e);

/*
 * The workbook of event in b: a "summary" sheet (every figure of
 * service_event_statistics, one row each) and one sheet per table.
 */
int service_event_xlsx(struct service_conn *c, int64_t event, struct buf *b, struct err *e);

/*
 * The PDF report of event in b: the headline figures, the funnel and the
 * charts of export/report_pdf.h, the agreements with their parties.
 */
int service_event_pdf(struct service_conn *c, int64_t event, struct buf *b, struct err *e);

/*
 * The same files for the events of a scope (query as service_statistics'):
 * the workbook's "summary" sheet has the scope ("scope.series", ...) and
 * every figure over its events, then an "events" sheet (one row an event
 * with its own headline figures and funnel) and the "agreements" of them
 * all; the PDF is the event report's page over the scope (its name the
 * series, or all events; its days those of the first and last event, or
 * from and to). ERR_BAD_REQUEST naming a bad parameter.
 */
int service_scope_xlsx(struct service_conn *c, const json_t *query, struct buf *b,
		       struct err *e);
int service_scope_pdf(struct service_conn *c, const json_t *query, struct buf *b,
		      struct err *e);

/* ---- statistics (statistics.c) ------------------------------------------------ */

/*
 * The figures of event (docs/api.md, "Statistics"): participants by
 * country and kind, requests and the acceptance rate, meetings held,
 * outcomes, agreements by kind and state, the median days from a meeting
 * to its agreement's signature, the funnel and the page views.
 * ERR_NOT_FOUND ("id") for no such event.
 */
int service_event_statistics(struct service_conn *c, int64_t event, json_t **out,
			     struct err *e);

/*
 * The same figures over several events: query's "series" (an event
 * series' exact name), "from" and "to" (dates, YYYY-MM-DD: events whose
 * first slot starts on or after from and before the day after to, UTC);
 * none = every event (cumulative). A bad parameter is ERR_BAD_REQUEST
 * naming it. *out also has "scope": what was asked.
 */
int service_statistics(struct service_conn *c, const json_t *query, json_t **out, struct err *e);

#endif
