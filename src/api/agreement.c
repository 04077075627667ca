/*
 * agreement.c - agreements made from a meeting and pilots started from a
 * signed agreement (service/agreement.h): POST /meetings/{id}/agreement,
 * POST /agreements/{id}/pilot. Both answer 201 with the new agreement.
 */
#include "api/api_internal.h"

#include "service/agreement.h"

void api_meeting_agreement(const struct http_req *req, struct http_resp *resp)
{
	api_call_id_body(req, resp, 201, service_agreement_from_meeting);
}

void api_agreement_pilot(const struct http_req *req, struct http_resp *resp)
{
	api_call_id_body(req, resp, 201, service_agreement_pilot);
}
