/*
 * case.c - the cooperation desk (service/case.h): /cases (open, list),
 * /cases/import (a forwarded e-mail), /cases/{id} (read, change),
 * /cases/{id}/messages, /state, /satisfaction, /suggestions, and
 * /desk/summary, /desk/settings, /desk/staff.
 */
#include "api/api_internal.h"

#include "service/case.h"

void api_cases_open(const struct http_req *req, struct http_resp *resp)
{
	api_call_create(req, resp, "cases", "id", service_case_open);
}

void api_cases_import(const struct http_req *req, struct http_resp *resp)
{
	struct service_caller who;
	json_t *out = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	api_caller(req, &who);
	rc = service_case_import(api_conn(req), &who, req->body ? req->body : "", req->body_len,
				 req->query, &out, &e);
	if (rc == 0)
		api_created(resp, "cases", "id", out);
	api_result(req, resp, rc, 201, out, &e);
}

void api_cases_list(const struct http_req *req, struct http_resp *resp)
{
	api_call_query(req, resp, service_case_list);
}

void api_case_get(const struct http_req *req, struct http_resp *resp)
{
	api_call_id(req, resp, 200, service_case_get);
}

void api_case_patch(const struct http_req *req, struct http_resp *resp)
{
	api_call_id_body(req, resp, 200, service_case_update);
}

void api_case_post(const struct http_req *req, struct http_resp *resp)
{
	api_call_id_body(req, resp, 200, service_case_post);
}

void api_case_move(const struct http_req *req, struct http_resp *resp)
{
	api_call_id_body(req, resp, 200, service_case_move);
}

void api_case_rate(const struct http_req *req, struct http_resp *resp)
{
	api_call_id_body(req, resp, 200, service_case_rate);
}

void api_case_suggestions(const struct http_req *req, struct http_resp *resp)
{
	api_call_id(req, resp, 200, service_case_suggestions);
}

void api_desk_summary(const struct http_req *req, struct http_resp *resp)
{
	api_call(req, resp, 200, service_desk_summary);
}

void api_desk_settings_get(const struct http_req *req, struct http_resp *resp)
{
	api_call(req, resp, 200, service_desk_settings_get);
}

void api_desk_settings_put(const struct http_req *req, struct http_resp *resp)
{
	api_call_body(req, resp, 200, service_desk_settings_put);
}

void api_desk_staff_list(const struct http_req *req, struct http_resp *resp)
{
	struct service_caller who;
	json_t *out = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	api_caller(req, &who);
	rc = service_desk_staff_list(api_conn(req), &who, &out, &e);
	if (rc == 0)
		out = json_pack("{s:o}", "items", out);
	api_result(req, resp, rc, 200, out, &e);
}

void api_desk_staff_put(const struct http_req *req, struct http_resp *resp)
{
	struct service_caller who;
	json_t *body = NULL;
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id))
		return;
	if (req->body && api_body(req, resp, &body))
		return;
	if (!body)
		body = json_object();
	api_caller(req, &who);
	rc = service_desk_staff_set(api_conn(req), &who, id, body, &e);
	json_decref(body);
	api_result(req, resp, rc, 204, NULL, &e);
}

void api_desk_staff_delete(const struct http_req *req, struct http_resp *resp)
{
	struct service_caller who;
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id))
		return;
	api_caller(req, &who);
	rc = service_desk_staff_set(api_conn(req), &who, id, NULL, &e);
	api_result(req, resp, rc, 204, NULL, &e);
}
