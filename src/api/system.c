/*
 * system.c - health, statistics and the OpenAPI document.
 */
#include "api/api_internal.h"

#include "core/assets.h"
#include "service/resource.h"

void api_health(const struct http_req *req, struct http_resp *resp)
{
	struct err e;
	int version = 0;

	err_clear(&e);
	if (service_health(api_conn(req), &version, &e)) {
		err_set(&e, ERR_BUSY, NULL, "the database does not answer: %s", e.msg);
		http_problem(req, resp, &e);
		return;
	}
	http_json(resp, 200,
		  json_pack("{s:s, s:s, s:i}", "status", "ok", "version", LIAISON_VERSION, "schema",
			    version));
}

void api_stats(const struct http_req *req, struct http_resp *resp)
{
	json_t *out = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	rc = service_stats(api_conn(req), &out, &e);
	api_result(req, resp, rc, 200, out, &e);
}

void api_openapi(const struct http_req *req, struct http_resp *resp)
{
	struct asset a = assets_openapi_json();

	(void)req;
	resp->status = 200;
	resp->raw = a.data;
	resp->raw_len = a.len;
	resp->content_type = "application/json";
}
