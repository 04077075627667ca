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
	api_call(req, resp, 200, service_prefs_get);
}

void api_me_notifications_put(const struct http_req *req, struct http_resp *resp)
{
	api_call_body(req, resp, 200, service_prefs_set);
}

void api_event_announce(const struct http_req *req, struct http_resp *resp)
{
	api_call_id_body(req, resp, 202, service_announce);
}

void api_event_nudge(const struct http_req *req, struct http_resp *resp)
{
	api_call_id(req, resp, 202, service_nudge);
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
