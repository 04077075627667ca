/*
 * outcome.c - the outcomes of a meeting (service/outcome.h): GET
 * /meetings/{id}/outcomes, PUT /meetings/{id}/outcome (a participant's own
 * answer), POST /meetings/{id}/no-show (an organiser's record).
 */
#include "api/api_internal.h"

#include "service/outcome.h"

void api_meeting_outcomes(const struct http_req *req, struct http_resp *resp)
{
	struct service_caller who;
	json_t *out = NULL;
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id))
		return;
	api_caller(req, &who);
	rc = service_outcomes_get(api_conn(req), &who, id, &out, &e);
	api_result(req, resp, rc, 200, out, &e);
}

typedef int (*outcome_write_fn)(struct service_conn *c, const struct service_caller *who,
				int64_t meeting, const json_t *body, json_t **out, struct err *e);

static void outcome_write(const struct http_req *req, struct http_resp *resp, outcome_write_fn fn)
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
	rc = fn(api_conn(req), &who, id, body, &out, &e);
	json_decref(body);
	api_result(req, resp, rc, 200, out, &e);
}

void api_meeting_outcome_put(const struct http_req *req, struct http_resp *resp)
{
	outcome_write(req, resp, service_outcome_record);
}

void api_meeting_no_show(const struct http_req *req, struct http_resp *resp)
{
	outcome_write(req, resp, service_outcome_no_show);
}
