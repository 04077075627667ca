/*
 * recommend.c - ranked partners with reasons over HTTP: GET
 * /organisations/{id}/recommendations and GET /opportunities/{id}/matches
 * (?top=K&lang=xx). The work, and the cache that keeps answers current
 * when profiles change, is in service/recommend.h.
 */
#include "api/api_internal.h"

#include "service/recommend.h"

typedef int (*recommend_fn)(struct service_conn *c, int64_t id, const struct service_recommend_opts *o,
			    json_t **out, struct err *e);

static void recommend(const struct http_req *req, struct http_resp *resp, recommend_fn fn)
{
	struct service_recommend_opts o;
	json_t *out = NULL;
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id))
		return;
	service_recommend_opts_init(&o);
	rc = service_recommend_opts_read(req->query, &o, &e);
	if (rc == 0)
		rc = fn(api_conn(req), id, &o, &out, &e);
	api_result(req, resp, rc, 200, out, &e);
}

void api_org_recommendations(const struct http_req *req, struct http_resp *resp)
{
	recommend(req, resp, service_recommend_org);
}

void api_opportunity_matches(const struct http_req *req, struct http_resp *resp)
{
	recommend(req, resp, service_recommend_opportunity);
}
