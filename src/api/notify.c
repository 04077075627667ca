/*
 * notify.c - notifications over HTTP: the caller's opt-outs by kind, the
 * one-click unsubscribe of RFC 8058 (no session: the link's signature
 * says who) and an organiser's announcement to an event's participants
 * (service/send.h).
 */
#include "api/api_internal.h"

#include "service/send.h"

#include <string.h>

void api_me_notifications_get(const struct http_req *req, struct http_resp *resp)
{
	struct service_caller who;
	json_t *out = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	api_caller(req, &who);
	rc = service_prefs_get(api_conn(req), &who, &out, &e);
	api_result(req, resp, rc, 200, out, &e);
}

void api_me_notifications_put(const struct http_req *req, struct http_resp *resp)
{
	struct service_caller who;
	json_t *body = NULL, *out = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_body(req, resp, &body))
		return;
	api_caller(req, &who);
	rc = service_prefs_set(api_conn(req), &who, body, &out, &e);
	json_decref(body);
	api_result(req, resp, rc, 200, out, &e);
}

void api_event_announce(const struct http_req *req, struct http_resp *resp)
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
	rc = service_announce(api_conn(req), &who, id, body, &out, &e);
	json_decref(body);
	api_result(req, resp, rc, 202, out, &e);
}

void api_event_nudge(const struct http_req *req, struct http_resp *resp)
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
	rc = service_nudge(api_conn(req), &who, id, &out, &e);
	api_result(req, resp, rc, 202, out, &e);
}

/*
 * POST /unsubscribe?e=&k=&s=, the body "List-Unsubscribe=One-Click"
 * (RFC 8058 section 3.1), form-encoded as mail clients send it.
 */
void api_unsubscribe(const struct http_req *req, struct http_resp *resp)
{
	static const char one_click[] = "List-Unsubscribe=One-Click";
	size_t n = req->body ? strcspn(req->body, "\r\n") : 0;
	json_t *out = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	if (n != sizeof(one_click) - 1 || strncmp(req->body, one_click, n) != 0 ||
	    req->body[n + strspn(req->body + n, "\r\n")]) {
		http_problem_status(req, resp, 400, "List-Unsubscribe",
				    "the body must be List-Unsubscribe=One-Click (RFC 8058)");
		return;
	}
	rc = service_unsubscribe(api_conn(req), req->query, &out, &e);
	api_result(req, resp, rc, 200, out, &e);
}
