/*
 * export.c - the report files of an event (report.h): the tables of
 * store/report.h as CSV (export/csv.h) or as the sheets of one workbook
 * (export/xlsx.h) after a summary sheet of the statistics, and the PDF
 * report (export/report_pdf.h); the same files for the events of a scope
 * (a series, a period, all of them: GET /statistics/report.xlsx, .pdf).
 */
#include "service/report.h"

#include "core/jsonx.h"
#include "export/csv.h"
#include "export/report_pdf.h"
#include "export/xlsx.h"
#include "service/service_int.h"
#include "store/report.h"
#include "store/statistics.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static int table_of(const char *name, enum store_report_table *t, struct err *e)
{
	for (int i = 0; i < STORE_REPORT_TABLES; i++)
		if (strcmp(store_report_name((enum store_report_table)i), name) == 0) {
			*t = (enum store_report_table)i;
			return 0;
		}
	return err_set(e, ERR_NOT_FOUND, "table", "no report table %s (registrations, requests, "
		       "meetings, agreements)", name);
}

static int event_exists(struct service_conn *c, int64_t event, json_t **row, struct err *e)
{
	json_t *ev = NULL;
	int rc = store_get(c->store, STORE_EVENT, event, &ev, e);

	if (row)
		*row = ev;
	else
		json_decref(ev);
	return rc;
}

/* ---- CSV ------------------------------------------------------------------------ */

static int csv_row(void *ctx, const struct store_report_cell *cells, int n, struct err *e)
{
	struct buf *b = ctx;
	int rc = 0;

	for (int i = 0; i < n && !rc; i++)
		rc = cells[i].is_int ? csv_int(b, cells[i].i, i == 0)
				     : csv_field(b, cells[i].s, i == 0);
	if (!rc)
		rc = csv_row_end(b);
	return rc ? err_set(e, ERR_TOO_LARGE, NULL, "the CSV is larger than %u bytes",
			    SERVICE_CSV_MAX)
		  : 0;
}

int service_event_table_csv(struct service_conn *c, int64_t event, const char *table, int bom,
			    struct buf *b, struct err *e)
{
	enum store_report_table t = STORE_REPORT_REGISTRATIONS;
	int rc = table_of(table, &t, e);

	buf_init(b, SERVICE_CSV_MAX);
	if (rc == 0)
		rc = event_exists(c, event, NULL, e);
	if (rc == 0 && ((bom && csv_begin(b)) || csv_header(b, store_report_columns(t))))
		rc = err_set(e, ERR_TOO_LARGE, NULL, "the CSV is too large");
	if (rc == 0)
		rc = store_report_rows(c->store, event, t, csv_row, b, e);
	if (rc)
		buf_release(b);
	return rc;
}

/* ---- XLSX ----------------------------------------------------------------------- */

static int xlsx_row_of(void *ctx, const struct store_report_cell *cells, int n, struct err *e)
{
	struct xlsx_cell out[16];

	for (int i = 0; i < n && i < 16; i++) {
		out[i].kind = cells[i].is_int ? XLSX_INT : cells[i].s ? XLSX_TEXT : XLSX_EMPTY;
		out[i].i = cells[i].i;
		out[i].s = cells[i].s;
		out[i].d = 0;
	}
	return xlsx_row(ctx, out, (size_t)n, e);
}

/* One summary row: a label and a number (a real when real). */
static int summary_row(struct xlsx *x, const char *label, const json_t *v, struct err *e)
{
	struct xlsx_cell c[2] = {{XLSX_TEXT, label, 0, 0}, {XLSX_EMPTY, NULL, 0, 0}};

	if (json_is_integer(v)) {
		c[1].kind = XLSX_INT;
		c[1].i = json_integer_value(v);
	} else if (json_is_real(v)) {
		c[1].kind = XLSX_REAL;
		c[1].d = json_real_value(v);
	} else if (json_is_string(v)) {
		c[1].kind = XLSX_TEXT;
		c[1].s = json_string_value(v);
	}
	return xlsx_row(x, c, 2, e);
}

/* Every number of stats, "section.key" by "section.key", objects flattened one level. */
static int summary_rows(struct xlsx *x, const json_t *event, const json_t *stats, struct err *e)
{
	const char *sec, *key;
	json_t *v, *w;
	char label[128];
	int rc = summary_row(x, "event", json_object_get(event, "name"), e);

	json_object_foreach((json_t *)stats, sec, v) {
		if (rc)
			break;
		if (json_is_number(v)) {
			rc = summary_row(x, sec, v, e);
			continue;
		}
		if (strcmp(sec, "funnel") == 0) {
			size_t i;

			json_array_foreach(v, i, w) {
				snprintf(label, sizeof(label), "funnel.%s",
					 json_string_value(json_object_get(w, "step")));
				if (!rc)
					rc = summary_row(x, label, json_object_get(w, "count"), e);
			}
			continue;
		}
		json_object_foreach(v, key, w) {
			const char *k2;
			json_t *u;

			if (rc)
				break;
			snprintf(label, sizeof(label), "%s.%s", sec, key);
			if (!json_is_object(w)) {
				if (!json_is_array(w))
					rc = summary_row(x, label, w, e);
				continue;
			}
			json_object_foreach(w, k2, u) {
				snprintf(label, sizeof(label), "%s.%s.%s", sec, key, k2);
				if (!rc)
					rc = summary_row(x, label, u, e);
			}
		}
	}
	return rc;
}

static int stats_of(struct service_conn *c, int64_t event, json_t **out, struct err *e)
{
	struct store_stats_scope sc = {event, NULL, 0, 0, (int64_t)time(NULL)};

	return store_statistics(c->store, &sc, out, e);
}

int service_event_xlsx(struct service_conn *c, int64_t event, struct buf *b, struct err *e)
{
	static const char *const summary[] = {"figure", "value", NULL};
	json_t *ev = NULL, *stats = NULL;
	struct xlsx *x = NULL;
	int rc = event_exists(c, event, &ev, e);

	buf_init(b, SERVICE_CSV_MAX);
	if (rc == 0)
		rc = stats_of(c, event, &stats, e);
	if (rc == 0)
		rc = xlsx_open(&x, e);
	if (rc == 0)
		rc = xlsx_sheet(x, "summary", summary, e);
	if (rc == 0)
		rc = summary_rows(x, ev, stats, e);
	for (int t = 0; rc == 0 && t < STORE_REPORT_TABLES; t++) {
		rc = xlsx_sheet(x, store_report_name((enum store_report_table)t),
				store_report_columns((enum store_report_table)t), e);
		if (rc == 0)
			rc = store_report_rows(c->store, event, (enum store_report_table)t,
					       xlsx_row_of, x, e);
	}
	if (rc == 0) {
		rc = xlsx_finish(x, b, e);
		x = NULL;
	}
	xlsx_free(x);
	json_decref(ev);
	json_decref(stats);
	if (rc)
		buf_release(b);
	return rc;
}

/* ---- PDF ------------------------------------------------------------------------ */

/* Collects the agreements for the PDF: signed (or further) first, then the others. */
struct agreement_rows {
	json_t *signed_ones, *others;
};

static int agreement_row(void *ctx, const struct store_report_cell *cells, int n, struct err *e)
{
	struct agreement_rows *x = ctx;
	const char *state = cells[3].s;
	json_t *a;

	(void)n;
	(void)e;
	a = json_pack("{s:s?, s:s?, s:s?, s:s?, s:[s?]}", "title", cells[1].s, "kind", cells[2].s,
		      "state", state, "date", cells[4].s, "parties", cells[5].s);
	if (!a)
		return 0;
	if (state && (strcmp(state, "signed") == 0 || strcmp(state, "in_progress") == 0 ||
		      strcmp(state, "completed") == 0))
		json_array_append_new(x->signed_ones, a);
	else
		json_array_append_new(x->others, a);
	return 0;
}

int service_event_pdf(struct service_conn *c, int64_t event, struct buf *b, struct err *e)
{
	struct agreement_rows rows = {json_array(), json_array()};
	json_t *ev = NULL, *stats = NULL;
	char day[16];
	time_t now = time(NULL);
	struct tm tm;
	int rc = event_exists(c, event, &ev, e);

	buf_init(b, SERVICE_CSV_MAX);
	gmtime_r(&now, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	if (rc == 0)
		rc = stats_of(c, event, &stats, e);
	if (rc == 0)
		rc = store_report_rows(c->store, event, STORE_REPORT_AGREEMENTS, agreement_row, &rows,
				       e);
	if (rc == 0) {
		json_array_extend(rows.signed_ones, rows.others);
		rc = export_report_pdf(ev, stats, rows.signed_ones, day, b, e);
	}
	json_decref(rows.signed_ones);
	json_decref(rows.others);
	json_decref(ev);
	json_decref(stats);
	if (rc)
		buf_release(b);
	return rc;
}

/* ---- several events: a series, a period, all of them ------------------------------- */

/* A scope's report: its figures, its events, and a head the PDF shows as its event. */
struct scope_report {
	struct store_stats_scope sc;
	json_t *stats, *events, *head;
};

/* {"name", "label", "city", "slots"}: the series (or all events), their count and days. */
static json_t *scope_head(const json_t *query, const json_t *events)
{
	const char *series = json_string_value(json_object_get(query, "series"));
	const char *from = json_string_value(json_object_get(query, "from"));
	const char *to = json_string_value(json_object_get(query, "to"));
	size_t n = json_array_size(events);
	const json_t *first = json_object_get(json_array_get(events, 0), "first_day");
	const json_t *last = json_object_get(json_array_get(events, n ? n - 1 : 0), "first_day");
	char count[64];

	snprintf(count, sizeof(count), "%zu event%s \u00b7 %zu \u573a\u6d3b\u52a8", n,
		 n == 1 ? "" : "s", n);
	return json_pack("{s:s, s:s, s:s, s:[{s:s?}, {s:s?}]}", "name",
			 series ? series : "All events \u00b7 \u5168\u90e8\u6d3b\u52a8", "label",
			 series ? "Series report \u00b7 \u7cfb\u5217\u62a5\u544a"
				: "Report \u00b7 \u62a5\u544a",
			 "city", count, "slots", "start", from ? from : json_string_value(first),
			 "start", to ? to : json_string_value(last));
}

static void scope_release(struct scope_report *r)
{
	json_decref(r->stats);
	json_decref(r->events);
	json_decref(r->head);
}

static int scope_read(struct service_conn *c, const json_t *query, struct scope_report *r,
		      struct err *e)
{
	int rc = service_stats_scope(query, &r->sc, e);

	r->stats = r->events = r->head = NULL;
	if (rc == 0)
		rc = store_statistics(c->store, &r->sc, &r->stats, e);
	if (rc == 0)
		rc = store_statistics_events(c->store, &r->sc, &r->events, e);
	if (rc == 0)
		r->head = scope_head(query, r->events);
	if (rc)
		scope_release(r);
	return rc;
}

/* The "events" sheet: an event and its figures (section.key of the statistics). */
static const char *const event_columns[] = {
	"event_id", "name", "series", "first_day", "participants.people", "requests.total",
	"meetings.total", "meetings.held", "agreements.total", "agreements.signed",
	"funnel.cooperation_possible", "funnel.letters_of_intent", "funnel.signed", "page_views",
	NULL};

/* The integer figure "section.key" (or "funnel.step", or a top-level key) of st. */
static int64_t figure(const json_t *st, const char *name)
{
	const char *dot = strchr(name, '.');
	char sec[32];
	size_t i;
	json_t *v;

	if (!dot)
		return json_integer_value(json_object_get(st, name));
	snprintf(sec, sizeof(sec), "%.*s", (int)(dot - name), name);
	if (strcmp(sec, "funnel") != 0)
		return json_integer_value(json_object_get(json_object_get(st, sec), dot + 1));
	json_array_foreach(json_object_get(st, "funnel"), i, v)
		if (strcmp(jsonx_str(v, "step") ? jsonx_str(v, "step") : "", dot + 1) == 0)
			return json_integer_value(json_object_get(v, "count"));
	return 0;
}

static int event_row(struct service_conn *c, struct xlsx *x, const json_t *ev, struct err *e)
{
	const char *series = jsonx_str(ev, "series"), *day = jsonx_str(ev, "first_day");
	int64_t id = json_integer_value(json_object_get(ev, "id"));
	struct xlsx_cell row[16] = {{XLSX_INT, NULL, id, 0},
				    {XLSX_TEXT, jsonx_str(ev, "name"), 0, 0},
				    {series ? XLSX_TEXT : XLSX_EMPTY, series, 0, 0},
				    {day ? XLSX_TEXT : XLSX_EMPTY, day, 0, 0}};
	json_t *st = NULL;
	size_t n = 4;
	int rc = stats_of(c, id, &st, e);

	for (; rc == 0 && event_columns[n]; n++)
		row[n] = (struct xlsx_cell){XLSX_INT, NULL, figure(st, event_columns[n]), 0};
	if (rc == 0)
		rc = xlsx_row(x, row, n, e);
	json_decref(st);
	return rc;
}

int service_scope_xlsx(struct service_conn *c, const json_t *query, struct buf *b,
		       struct err *e)
{
	static const char *const summary[] = {"figure", "value", NULL};
	struct scope_report r;
	struct xlsx *x = NULL;
	const char *key;
	json_t *v;
	size_t i;
	int rc = scope_read(c, query, &r, e);

	buf_init(b, SERVICE_CSV_MAX);
	if (rc)
		return rc;
	rc = xlsx_open(&x, e);
	if (rc == 0)
		rc = xlsx_sheet(x, "summary", summary, e);
	json_object_foreach((json_t *)query, key, v) {
		char label[64];

		snprintf(label, sizeof(label), "scope.%s", key);
		if (rc == 0)
			rc = summary_row(x, label, v, e);
	}
	if (rc == 0)
		rc = summary_rows(x, r.head, r.stats, e);
	if (rc == 0)
		rc = xlsx_sheet(x, "events", event_columns, e);
	json_array_foreach(r.events, i, v)
		if (rc == 0)
			rc = event_row(c, x, v, e);
	if (rc == 0)
		rc = xlsx_sheet(x, "agreements", store_report_columns(STORE_REPORT_AGREEMENTS), e);
	json_array_foreach(r.events, i, v)
		if (rc == 0)
			rc = store_report_rows(c->store, json_integer_value(json_object_get(v, "id")),
					       STORE_REPORT_AGREEMENTS, xlsx_row_of, x, e);
	if (rc == 0) {
		rc = xlsx_finish(x, b, e);
		x = NULL;
	}
	xlsx_free(x);
	scope_release(&r);
	if (rc)
		buf_release(b);
	return rc;
}

int service_scope_pdf(struct service_conn *c, const json_t *query, struct buf *b,
		      struct err *e)
{
	struct agreement_rows rows = {json_array(), json_array()};
	struct scope_report r;
	char day[16];
	time_t now = time(NULL);
	struct tm tm;
	size_t i;
	json_t *v;
	int rc = scope_read(c, query, &r, e);

	buf_init(b, SERVICE_CSV_MAX);
	gmtime_r(&now, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	if (rc == 0) {
		json_array_foreach(r.events, i, v)
			if (rc == 0)
				rc = store_report_rows(c->store,
						       json_integer_value(json_object_get(v, "id")),
						       STORE_REPORT_AGREEMENTS, agreement_row, &rows, e);
		if (rc == 0) {
			json_array_extend(rows.signed_ones, rows.others);
			rc = export_report_pdf(r.head, r.stats, rows.signed_ones, day, b, e);
		}
		scope_release(&r);
	}
	json_decref(rows.signed_ones);
	json_decref(rows.others);
	if (rc)
		buf_release(b);
	return rc;
}
