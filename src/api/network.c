/*
 * network.c - the desk's partner network, expert pool and event series
 * (service/network.h): /partners, /partners/renewals, /partners/{id},
 * /partners/{id}/activities, /partners/{id}/renewal; /experts,
 * /experts/{id}, /experts/{id}/assignments, /cases/{id}/experts; /series,
 * /series/statistics.
 */
#include "api/api_internal.h"

#include "service/network.h"

void api_partners_list(const struct http_req *req, struct http_resp *resp)
{
	api_call_query(req, resp, service_partner_list);
}

void api_partners_create(const struct http_req *req, struct http_resp *resp)
{
	api_call_create(req, resp, "partners", "id", service_partner_create);
}

void api_partners_renewals(const struct http_req *req, struct http_resp *resp)
{
	api_call_query(req, resp, service_partner_renewals);
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
	api_call_query(req, resp, service_expert_list);
}

void api_experts_create(const struct http_req *req, struct http_resp *resp)
{
	api_call_create(req, resp, "experts", "id", service_expert_create);
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
	api_call_query(req, resp, service_series_get);
}
