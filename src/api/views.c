/*
 * views.c - an event's page views and its CSV downloads (views.h): the
 * id parsed, one call of service/report.h, the answer shaped (the CSV as
 * an attachment "event-<id>-<what>.csv").
 */
#include "api/views.h"

#include "api/api_internal.h"
#include "service/report.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void api_event_view_add(const struct http_req *req, struct http_resp *resp)
{
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id))
		return;
	rc = service_event_view_add(api_conn(req), id, &e);
	api_result(req, resp, rc, 204, NULL, &e);
}

void api_event_views(const struct http_req *req, struct http_resp *resp)
{
	api_read_id(req, resp, service_event_views);
}

/* rc == 0: the CSV in b (taken) as the attachment; else the problem for e. */
static void csv_reply(const struct http_req *req, struct http_resp *resp, int rc, struct buf *b,
		      int64_t event, const char *what, const struct err *e)
{
	if (rc) {
		http_problem(req, resp, e);
		return;
	}
	snprintf(resp->disposition, sizeof(resp->disposition),
		 "attachment; filename=\"event-%" PRId64 "-%s.csv\"", event, what);
	resp->status = 200;
	resp->content_type = "text/csv; charset=utf-8";
	resp->raw_free = buf_detach(b, &resp->raw_len);
}

void api_event_registrations_csv(const struct http_req *req, struct http_resp *resp)
{
	struct service_caller who;
	struct buf b;
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id))
		return;
	api_caller(req, &who);
	rc = service_registrations_csv(api_conn(req), &who, id, &b, &e);
	csv_reply(req, resp, rc, &b, id, "registrations", &e);
}

void api_event_meetings_csv(const struct http_req *req, struct http_resp *resp)
{
	struct buf b;
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id))
		return;
	rc = service_meetings_csv(api_conn(req), id, api_app_of(req)->video_url, &b, &e);
	csv_reply(req, resp, rc, &b, id, "meetings", &e);
}

void api_event_statistics(const struct http_req *req, struct http_resp *resp)
{
	api_read_id(req, resp, service_event_statistics);
}

void api_statistics(const struct http_req *req, struct http_resp *resp)
{
	api_read_query(req, resp, service_statistics);
}

/* A report file in b (taken) as the attachment "event-<id>-<what>". */
static void file_reply(const struct http_req *req, struct http_resp *resp, int rc, struct buf *b,
		       int64_t event, const char *what, const char *type, const struct err *e)
{
	if (rc) {
		http_problem(req, resp, e);
		return;
	}
	snprintf(resp->disposition, sizeof(resp->disposition),
		 "attachment; filename=\"event-%" PRId64 "-%s\"", event, what);
	resp->status = 200;
	resp->content_type = type;
	resp->raw_free = buf_detach(b, &resp->raw_len);
}

/* ?bom=false leaves the byte order mark out; 1 when it stays, -1 for a bad value. */
static int bom_param(const struct http_req *req, struct err *e)
{
	const char *v = json_string_value(json_object_get(req->query, "bom"));

	if (!v || strcmp(v, "true") == 0)
		return 1;
	if (strcmp(v, "false") == 0)
		return 0;
	err_set(e, ERR_BAD_REQUEST, "bom", "must be true or false");
	return -1;
}

void api_event_table_csv(const struct http_req *req, struct http_resp *resp)
{
	const char *file = strrchr(req->path, '/') + 1;
	char table[32], what[48];
	struct buf b;
	int64_t id;
	struct err e;
	int bom, rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id))
		return;
	snprintf(table, sizeof(table), "%.*s", (int)strcspn(file, "."), file);
	snprintf(what, sizeof(what), "%s.csv", table);
	if (strcmp(table, "outcomes") == 0)
		snprintf(table, sizeof(table), "meetings");
	bom = bom_param(req, &e);
	rc = bom < 0 ? e.code : service_event_table_csv(api_conn(req), id, table, bom, &b, &e);
	file_reply(req, resp, rc, &b, id, what, "text/csv; charset=utf-8", &e);
}

void api_event_report_xlsx(const struct http_req *req, struct http_resp *resp)
{
	struct buf b;
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id))
		return;
	rc = service_event_xlsx(api_conn(req), id, &b, &e);
	file_reply(req, resp, rc, &b, id, "report.xlsx",
		   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", &e);
}

void api_event_report_pdf(const struct http_req *req, struct http_resp *resp)
{
	struct buf b;
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id))
		return;
	rc = service_event_pdf(api_conn(req), id, &b, &e);
	file_reply(req, resp, rc, &b, id, "report.pdf", "application/pdf", &e);
}

/* GET /statistics/report.xlsx and report.pdf: the scope's files (admins). */
void api_statistics_report(const struct http_req *req, struct http_resp *resp)
{
	int pdf = strcmp(strrchr(req->path, '.'), ".pdf") == 0;
	struct buf b;
	struct err e;
	int rc;

	err_clear(&e);
	rc = pdf ? service_scope_pdf(api_conn(req), req->query, &b, &e)
		 : service_scope_xlsx(api_conn(req), req->query, &b, &e);
	if (rc) {
		http_problem(req, resp, &e);
		return;
	}
	snprintf(resp->disposition, sizeof(resp->disposition),
		 "attachment; filename=\"statistics-report.%s\"", pdf ? "pdf" : "xlsx");
	resp->status = 200;
	resp->content_type = pdf ? "application/pdf"
				 : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	resp->raw_free = buf_detach(&b, &resp->raw_len);
}
