/*
 * views.h - what organisers read about one event beyond its grid: page
 * views of the public event page (counted without cookies or personal
 * data) and the CSV downloads of its registrations and meetings.
 */
#ifndef LIAISON_API_VIEWS_H
#define LIAISON_API_VIEWS_H

#include "http/http.h"

/* POST /events/{id}/views: counts one view (today, UTC); 204. */
void api_event_view_add(const struct http_req *req, struct http_resp *resp);

/* GET /events/{id}/views: {"total": N, "days": [{"day", "views"}]}. */
void api_event_views(const struct http_req *req, struct http_resp *resp);

/* GET /events/{id}/registrations.csv: one row per registration, with the person. */
void api_event_registrations_csv(const struct http_req *req, struct http_resp *resp);

/* GET /events/{id}/meetings.csv: one row per meeting, scheduled or not. */
void api_event_meetings_csv(const struct http_req *req, struct http_resp *resp);

/* GET /events/{id}/statistics: the figures of one event (service/report.h). */
void api_event_statistics(const struct http_req *req, struct http_resp *resp);

/* GET /statistics?series=&from=&to=: the figures of several events, or all. */
void api_statistics(const struct http_req *req, struct http_resp *resp);
void api_statistics_report(const struct http_req *req, struct http_resp *resp);

/* GET /events/{id}/requests.csv, agreements.csv, outcomes.csv (?bom=false): a report table. */
void api_event_table_csv(const struct http_req *req, struct http_resp *resp);

/* GET /events/{id}/report.xlsx: the workbook; GET /events/{id}/report.pdf: the PDF report. */
void api_event_report_xlsx(const struct http_req *req, struct http_resp *resp);
void api_event_report_pdf(const struct http_req *req, struct http_resp *resp);

#endif
