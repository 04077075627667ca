/*
 * call.c - the handlers that are one service call: the caller, the path's
 * {id} and the JSON body as the service function takes them, then
 * api_result (api_internal.h); creates with their Location, and the reads
 * that take no caller.
 */
#include "api/api_internal.h"

/* One of the four kinds of service function; the one set is called. */
struct call {
	api_fn plain;
	api_id_fn id;
	api_body_fn body;
	api_id_body_fn id_body;
};

static void call(const struct http_req *req, struct http_resp *resp, int status,
		 const struct call *f)
{
	struct service_caller who;
	json_t *body = NULL, *out = NULL;
	int64_t id = 0;
	struct err e;
	int rc;

	err_clear(&e);
	if (((f->id || f->id_body) && api_id_param(req, resp, &id)) ||
	    ((f->body || f->id_body) && api_body(req, resp, &body)))
		return;
	api_caller(req, &who);
	if (f->id_body)
		rc = f->id_body(api_conn(req), &who, id, body, &out, &e);
	else if (f->body)
		rc = f->body(api_conn(req), &who, body, &out, &e);
	else if (f->id)
		rc = f->id(api_conn(req), &who, id, &out, &e);
	else
		rc = f->plain(api_conn(req), &who, &out, &e);
	json_decref(body);
	api_result(req, resp, rc, status, out, &e);
}

void api_call(const struct http_req *req, struct http_resp *resp, int status, api_fn fn)
{
	call(req, resp, status, &(struct call){.plain = fn});
}

void api_call_id(const struct http_req *req, struct http_resp *resp, int status, api_id_fn fn)
{
	call(req, resp, status, &(struct call){.id = fn});
}

void api_call_body(const struct http_req *req, struct http_resp *resp, int status,
		   api_body_fn fn)
{
	call(req, resp, status, &(struct call){.body = fn});
}

void api_call_id_body(const struct http_req *req, struct http_resp *resp, int status,
		      api_id_body_fn fn)
{
	call(req, resp, status, &(struct call){.id_body = fn});
}

void api_read_id(const struct http_req *req, struct http_resp *resp, api_read_id_fn fn)
{
	json_t *out = NULL;
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id))
		return;
	rc = fn(api_conn(req), id, &out, &e);
	api_result(req, resp, rc, 200, out, &e);
}

void api_read_query(const struct http_req *req, struct http_resp *resp, api_read_query_fn fn)
{
	json_t *out = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	rc = fn(api_conn(req), req->query, &out, &e); /* before out is read */
	api_result(req, resp, rc, 200, out, &e);
}

void api_created(struct http_resp *resp, const char *base, const char *key, const json_t *out)
{
	const json_t *id = json_object_get(out, key);

	if (json_is_integer(id))
		snprintf(resp->location, sizeof(resp->location), "/api/v1/%s/%lld", base,
			 (long long)json_integer_value(id));
	else
		snprintf(resp->location, sizeof(resp->location), "/api/v1/%s/%s", base,
			 json_string_value(id));
}

void api_call_create(const struct http_req *req, struct http_resp *resp, const char *base,
		     const char *key, api_body_fn fn)
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
		api_created(resp, base, key, out);
	api_result(req, resp, rc, 201, out, &e);
}

void api_call_query(const struct http_req *req, struct http_resp *resp, api_query_fn fn)
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
