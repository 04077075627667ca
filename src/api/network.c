/*
 * network.c - the desk's partner network, expert pool and event series
 * (service/network.h): /partners, /partners/renewals, /partners/{id},
 * /partners/{id}/activities, /partners/{id}/renewal; /experts,
 * /experts/{id}, /experts/{id}/assignments, /cases/{id}/experts; /series,
 * /series/statistics.
 */
#include "api/api_internal.h"

#include "service/network.h"

typedef int (*query_fn)(struct service_conn *c, const struct service_caller *who,
			const json_t *query, json_t **out, struct err *e);

/* The caller and the query string to fn, then api_result. */
static void call_query(const struct http_req *req, struct http_resp *resp, query_fn fn)
{
	struct service_caller who;
	json_t *out = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	api_caller(req, &who);
	rc = fn(api_conn(req), &who, req->query, &out, &e);
	api_result(req, resp, rc, 200, out, &e);
}

/* A create: 201 with the new row's Location under base. */
static void create(const struct http_req *req, struct http_resp *resp, const char *base,
		   api_body_fn fn)
{
	struct service_caller who;
	json_t *body = NULL, *out = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_body(req, resp, &body))
		return;
	api_caller(req, &who);
	rc = fn(api_conn(req), &who, body, &out, &e);
	json_decref(body);
	if (rc == 0)
		snprintf(resp->location, sizeof(resp->location), "/api/v1/%s/%lld", base,
			 (long long)json_integer_value(json_object_get(out, "id")));
	api_result(req, resp, rc, 201, out, &e);
}

void api_partners_list(const struct http_req *req, struct http_resp *resp)
{
	call_query(req, resp, service_partner_list);
}

void api_partners_create(const struct http_req *req, struct http_resp *resp)
{
	create(req, resp, "partners", service_partner_create);
}

void api_partners_renewals(const struct http_req *req, struct http_resp *resp)
{
	call_query(req, resp, service_partner_renewals);
}

void api_partner_get(const struct http_req *req, struct http_resp *resp)
{
	api_call_id(req, resp, 200, service_partner_get);
}

void api_partner_patch(const struct http_req *req, struct http_resp *resp)
{
	api_call_id_body(req, resp, 200, service_partner_update);
}

void api_partner_activity(const struct http_req *req, struct http_resp *resp)
{
	api_call_id_body(req, resp, 201, service_partner_activity);
}

void api_partner_renew(const struct http_req *req, struct http_resp *resp)
{
	api_call_id_body(req, resp, 200, service_partner_renew);
}

void api_experts_list(const struct http_req *req, struct http_resp *resp)
{
	call_query(req, resp, service_expert_list);
}

void api_experts_create(const struct http_req *req, struct http_resp *resp)
{
	create(req, resp, "experts", service_expert_create);
}

void api_expert_get(const struct http_req *req, struct http_resp *resp)
{
	api_call_id(req, resp, 200, service_expert_get);
}

void api_expert_patch(const struct http_req *req, struct http_resp *resp)
{
	api_call_id_body(req, resp, 200, service_expert_update);
}

void api_expert_assign(const struct http_req *req, struct http_resp *resp)
{
	api_call_id_body(req, resp, 201, service_expert_assign);
}

void api_case_experts(const struct http_req *req, struct http_resp *resp)
{
	api_call_id(req, resp, 200, service_case_experts);
}

void api_series_list(const struct http_req *req, struct http_resp *resp)
{
	api_call(req, resp, 200, service_series_list);
}

void api_series_get(const struct http_req *req, struct http_resp *resp)
{
	call_query(req, resp, service_series_get);
}
