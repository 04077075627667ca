/*
 * checkin.c - the event day over HTTP: the desk's check-in with a badge's
 * token, an online attendee joining, the attendance figures and the
 * badges' PDF. The work is in service/checkin.h.
 */
#include "api/api_internal.h"

#include "core/jsonx.h"
#include "service/checkin.h"

#include <inttypes.h>
#include <stdio.h>

void api_event_checkin(const struct http_req *req, struct http_resp *resp)
{
	struct service_caller who;
	json_t *body = NULL, *out = NULL;
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id) || api_body(req, resp, &body))
		return;
	api_caller(req, &who);
	if (!json_is_object(body) || !json_is_string(json_object_get(body, "token")))
		rc = err_set(&e, ERR_INVALID, "token", "is required (a string)");
	else
		rc = service_checkin(api_conn(req), &who, id, jsonx_str(body, "token"), &out, &e);
	json_decref(body);
	api_result(req, resp, rc, 200, out, &e);
}

void api_event_join(const struct http_req *req, struct http_resp *resp)
{
	api_call_id(req, resp, 200, service_join);
}

void api_event_attendance(const struct http_req *req, struct http_resp *resp)
{
	api_read_id(req, resp, service_attendance);
}

void api_event_badges(const struct http_req *req, struct http_resp *resp)
{
	struct buf b;
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id))
		return;
	rc = service_badges_pdf(api_conn(req), id, &b, &e);
	if (rc) {
		http_problem(req, resp, &e);
		return;
	}
	snprintf(resp->disposition, sizeof(resp->disposition),
		 "attachment; filename=\"event-%" PRId64 "-badges.pdf\"", id);
	resp->status = 200;
	resp->content_type = "application/pdf";
	resp->raw_free = buf_detach(&b, &resp->raw_len);
}
