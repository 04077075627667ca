/*
 * problem.c - RFC 9457 problem details and JSON responses.
 */
#include "http/http.h"

#include "core/log.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <unicode/utf8.h>

static const char *problem_title(int status)
{
	switch (status) {
	case 400: return "Bad request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not found";
	case 405: return "Method not allowed";
	case 409: return "Conflict";
	case 413: return "Payload too large";
	case 414: return "URI too long";
	case 415: return "Unsupported media type";
	case 422: return "Invalid field";
	case 429: return "Too many requests";
	case 503: return "Service unavailable";
	case 507: return "Insufficient storage";
	default: return status >= 500 ? "Internal server error" : "Error";
	}
}

static const char *problem_slug(int status)
{
	switch (status) {
	case 400: return "bad-request";
	case 401: return "unauthorized";
	case 403: return "forbidden";
	case 404: return "not-found";
	case 405: return "method-not-allowed";
	case 409: return "conflict";
	case 413: return "too-large";
	case 414: return "uri-too-long";
	case 415: return "unsupported-media-type";
	case 422: return "invalid";
	case 429: return "too-many-requests";
	case 503: return "unavailable";
	case 507: return "insufficient-storage";
	default: return status >= 500 ? "internal" : "error";
	}
}

/*
 * Copies s into out (len bytes, NUL-terminated) as valid UTF-8, each
 * ill-formed sequence turned into '?', cutting only between characters.
 * Details quote what the client sent (a path segment, a parameter name)
 * and err_set truncates at a byte count, so a detail may hold bytes that
 * jansson refuses; the problem must have a body all the same.
 */
static void utf8_copy(const char *s, char *out, size_t len)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t n = strlen(s);
	size_t i = 0, o = 0;

	while (i < n) {
		size_t start = i;
		UChar32 c;

		U8_NEXT(p, i, n, c);
		if (c < 0) {
			if (o + 1 >= len)
				break;
			out[o++] = '?';
			continue;
		}
		if (o + (i - start) >= len)
			break;
		memcpy(out + o, s + start, i - start);
		o += i - start;
	}
	out[o] = '\0';
}

void http_json(struct http_resp *resp, int status, json_t *json)
{
	resp->status = status;
	json_decref(resp->json);
	resp->json = json;
	resp->raw = NULL;
	resp->content_type = "application/json";
}

void http_problem_status(const struct http_req *req, struct http_resp *resp, int status,
			 const char *field, const char *detail)
{
	char type[128];
	char raw[768];
	char full[768];
	char name[256];
	json_t *p;

	snprintf(type, sizeof(type), "https://liaison.example/problems/%s", problem_slug(status));
	utf8_copy(field ? field : "", name, sizeof(name));
	if (name[0])
		snprintf(raw, sizeof(raw), "%s: %s", name, detail);
	else
		snprintf(raw, sizeof(raw), "%s", detail);
	utf8_copy(raw, full, sizeof(full));
	p = json_pack("{s:s, s:s, s:i, s:s}", "type", type, "title", problem_title(status),
		      "status", status, "detail", full);
	if (name[0])
		json_object_set_new(p, "field", json_string(name));
	if (req && req->path && json_object_set_new(p, "instance", json_string(req->path)))
		json_object_del(p, "instance"); /* path was not valid UTF-8 */
	if (req && req->request_id)
		json_object_set_new(p, "request_id", json_string(req->request_id));
	http_json(resp, status, p);
	resp->content_type = "application/problem+json";
}

void http_problem(const struct http_req *req, struct http_resp *resp, const struct err *e)
{
	/* a failure that left e empty is a bug, not a success: 500, never 200 */
	int status = e->code ? err_http_status(e->code) : 500;
	const char *detail = e->msg[0] ? e->msg : e->code ? err_strerror(e->code)
							   : "an error with no message";

	/* a full disk, a read-only or a vanished database is the operator's to fix: say so */
	if (e->code == ERR_NO_SPACE || e->code == ERR_READONLY || e->code == ERR_UNAVAILABLE) {
		log_error("request %s: %s", req && req->request_id ? req->request_id : "-", detail);
	} else if (status >= 500 && e->code != ERR_BUSY) {
		log_error("request %s: %s", req && req->request_id ? req->request_id : "-", detail);
		detail = "internal error (see the server log)";
	}
	http_problem_status(req, resp, status, e->field, detail);
}
