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
	json_t *out = NULL;
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id))
		return;
	rc = service_event_views(api_conn(req), id, &out, &e);
	api_result(req, resp, rc, 200, out, &e);
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
	json_t *out = NULL;
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id))
		return;
	rc = service_event_statistics(api_conn(req), id, &out, &e);
	api_result(req, resp, rc, 200, out, &e);
}

void api_statistics(const struct http_req *req, struct http_resp *resp)
{
	json_t *out = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	rc = service_statistics(api_conn(req), req->query, &out, &e);
	api_result(req, resp, rc, 200, out, &e);
}
