/*
 * outcome.c - the outcomes of a meeting (service/outcome.h): GET
 * /meetings/{id}/outcomes, PUT /meetings/{id}/outcome (a participant's own
 * answer), POST /meetings/{id}/no-show (an organiser's record).
 */
#include "api/api_internal.h"

#include "service/outcome.h"

void api_meeting_outcomes(const struct http_req *req, struct http_resp *resp)
{
	api_call_id(req, resp, 200, service_outcomes_get);
}

void api_meeting_outcome_put(const struct http_req *req, struct http_resp *resp)
{
	api_call_id_body(req, resp, 200, service_outcome_record);
}

void api_meeting_no_show(const struct http_req *req, struct http_resp *resp)
{
	api_call_id_body(req, resp, 200, service_outcome_no_show);
}
