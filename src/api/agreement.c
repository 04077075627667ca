/*
 * agreement.c - agreements made from a meeting and pilots started from a
 * signed agreement (service/agreement.h): POST /meetings/{id}/agreement,
 * POST /agreements/{id}/pilot. Both answer 201 with the new agreement.
 */
#include "api/api_internal.h"

#include "service/agreement.h"

typedef int (*derive_fn)(struct service_conn *c, const struct service_caller *who, int64_t from,
			 const json_t *body, json_t **out, struct err *e);

static void derive(const struct http_req *req, struct http_resp *resp, derive_fn fn)
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
	api_result(req, resp, rc, 201, out, &e);
}

void api_meeting_agreement(const struct http_req *req, struct http_resp *resp)
{
	derive(req, resp, service_agreement_from_meeting);
}

void api_agreement_pilot(const struct http_req *req, struct http_resp *resp)
{
	derive(req, resp, service_agreement_pilot);
}
