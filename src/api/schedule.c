/*
 * schedule.c - the meeting scheduler over HTTP: run it on an event
 * (preview or publish), read the grid, move or lock a meeting, and a
 * participant's agenda as JSON or iCalendar. The work is in
 * service/schedule.h; the iCalendar text in export/ical.h.
 */
#include "api/api_internal.h"

#include "export/ical.h"
#include "service/schedule.h"

#include <stdlib.h>

static const char *video_url(const struct http_req *req)
{
	const struct api_app *app = req->app;

	return app ? app->video_url : NULL;
}

void api_event_schedule(const struct http_req *req, struct http_resp *resp)
{
	struct service_schedule_opts o;
	json_t *body = NULL, *out = NULL;
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id) || (req->body && api_body(req, resp, &body)))
		return;
	service_schedule_opts_init(&o);
	rc = service_schedule_opts_read(body, &o, &e);
	json_decref(body);
	if (rc == 0)
		rc = service_schedule_run(api_conn(req), id, &o, video_url(req), &out, &e);
	api_result(req, resp, rc, 200, out, &e);
}

typedef int (*view_fn)(struct service_conn *c, int64_t id, const char *video_url, json_t **out,
		       struct err *e);

/* GET of a read-only view of the {id} resource (the grid, an agenda). */
static void view_get(const struct http_req *req, struct http_resp *resp, view_fn fn)
{
	json_t *out = NULL;
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id))
		return;
	rc = fn(api_conn(req), id, video_url(req), &out, &e);
	api_result(req, resp, rc, 200, out, &e);
}

void api_event_grid(const struct http_req *req, struct http_resp *resp)
{
	view_get(req, resp, service_grid);
}

void api_meeting_patch(const struct http_req *req, struct http_resp *resp)
{
	json_t *body = NULL, *out = NULL;
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id) || api_body(req, resp, &body))
		return;
	rc = service_meeting_patch(api_conn(req), id, body, &out, &e);
	json_decref(body);
	api_result(req, resp, rc, 200, out, &e);
}

void api_person_agenda(const struct http_req *req, struct http_resp *resp)
{
	view_get(req, resp, service_agenda);
}

void api_person_agenda_ics(const struct http_req *req, struct http_resp *resp)
{
	json_t *agenda = NULL;
	char *text = NULL;
	size_t len = 0;
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id))
		return;
	rc = service_agenda(api_conn(req), id, video_url(req), &agenda, &e);
	if (rc == 0)
		rc = export_ical_agenda(agenda, &text, &len, &e);
	json_decref(agenda);
	if (rc) {
		http_problem(req, resp, &e);
		return;
	}
	resp->status = 200;
	resp->raw_free = text;
	resp->raw_len = len;
	resp->content_type = "text/calendar; charset=utf-8";
}
