/*
 * indicator.c - city indicators (service/indicator.h): GET /indicators,
 * POST /indicators, GET /indicators/{id} (with the values), POST
 * /indicators/import (text/csv).
 */
#include "api/api_internal.h"

#include "service/indicator.h"

void api_indicators_list(const struct http_req *req, struct http_resp *resp)
{
	json_t *out = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	rc = service_indicators_list(api_conn(req), &out, &e);
	api_result(req, resp, rc, 200, out, &e);
}

void api_indicators_create(const struct http_req *req, struct http_resp *resp)
{
	api_call_create(req, resp, "indicators", "ref", service_indicator_create);
}

void api_indicator_get(const struct http_req *req, struct http_resp *resp)
{
	json_t *out = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	rc = service_indicator_values(api_conn(req), req->params[0], &out, &e);
	api_result(req, resp, rc, 200, out, &e);
}

void api_indicators_import(const struct http_req *req, struct http_resp *resp)
{
	struct service_caller who;
	json_t *out = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	api_caller(req, &who);
	rc = service_indicators_import(api_conn(req), &who, req->body ? req->body : "",
				       req->body_len, 0, &out, &e);
	api_result(req, resp, rc, 200, out, &e);
}
