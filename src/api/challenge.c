/*
 * challenge.c - innovation challenges (service/challenge.h): GET/POST
 * /challenges, GET /challenges/{id}, POST /challenges/{id}/state,
 * GET/POST /challenges/{id}/submissions, GET/PATCH /submissions/{id},
 * POST /submissions/{id}/withdraw, POST /submissions/{id}/attachments
 * ({"name", "content_base64"}), GET /submissions/{id}/attachments/{n}
 * (the bytes, as a download: Content-Disposition: attachment, with the
 * sniffed type; X-Content-Type-Options: nosniff is on every answer).
 */
#include "api/api_internal.h"

#include "core/jsonx.h"
#include "core/xalloc.h"
#include "service/challenge.h"

#include <curl/curl.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void api_challenges_list(const struct http_req *req, struct http_resp *resp)
{
	api_call(req, resp, 200, service_challenge_list);
}

void api_challenge_create(const struct http_req *req, struct http_resp *resp)
{
	api_call_create(req, resp, "challenges", "id", service_challenge_create);
}

void api_challenge_get(const struct http_req *req, struct http_resp *resp)
{
	api_call_id(req, resp, 200, service_challenge_get);
}

void api_challenge_state(const struct http_req *req, struct http_resp *resp)
{
	api_call_id_body(req, resp, 200, service_challenge_move);
}

void api_challenge_submissions(const struct http_req *req, struct http_resp *resp)
{
	api_call_id(req, resp, 200, service_submission_list);
}

void api_submission_create(const struct http_req *req, struct http_resp *resp)
{
	api_call_id_body(req, resp, 201, service_submission_create);
}

void api_submission_get(const struct http_req *req, struct http_resp *resp)
{
	api_call_id(req, resp, 200, service_submission_get);
}

void api_submission_patch(const struct http_req *req, struct http_resp *resp)
{
	api_call_id_body(req, resp, 200, service_submission_update);
}

void api_submission_withdraw(const struct http_req *req, struct http_resp *resp)
{
	api_call_id(req, resp, 200, service_submission_withdraw);
}

/* body {"name", "content_base64"} -> the bytes (libsodium's decoder); 0 or a problem. */
static int decode(const json_t *body, char **data, size_t *len, struct err *e)
{
	const char *b64 = jsonx_str(body, "content_base64"), *end = NULL;
	size_t n = b64 ? strlen(b64) : 0;

	*data = NULL;
	*len = 0;
	static const char *const known[] = {"name", "content_base64", NULL};
	int rc = api_fields_known(body, known, e);

	if (rc)
		return rc;
	if (!b64)
		return err_set(e, ERR_INVALID, "content_base64", "is required: the file's bytes in "
			       "base64");
	if (n / 4 * 3 > SERVICE_ATTACHMENT_MAX + 3)
		return err_set(e, ERR_TOO_LARGE, "content", "is over %d bytes: an attachment has "
			       "at most that", SERVICE_ATTACHMENT_MAX);
	*data = xmalloc(n / 4 * 3 + 4);
	if (sodium_base642bin((unsigned char *)*data, n / 4 * 3 + 4, b64, n, "\r\n", len, &end,
			      sodium_base64_VARIANT_ORIGINAL) != 0 || end != b64 + n) {
		free(*data);
		*data = NULL;
		return err_set(e, ERR_INVALID, "content_base64", "is not base64");
	}
	return 0;
}

void api_attachment_add(const struct http_req *req, struct http_resp *resp)
{
	struct service_caller who;
	json_t *body = NULL, *out = NULL;
	char *data = NULL;
	size_t len = 0;
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id) || api_body(req, resp, &body))
		return;
	api_caller(req, &who);
	rc = decode(body, &data, &len, &e);
	if (rc == 0)
		rc = service_attachment_add(api_conn(req), &who, id, jsonx_str(body, "name"), data,
					    len, &out, &e);
	free(data);
	json_decref(body);
	api_result(req, resp, rc, 201, out, &e);
}

/*
 * Content-Disposition: attachment, a plain ASCII filename made of the id
 * (the client's name is never a path, nor trusted in a header) and the
 * client's name in filename* (RFC 6266, percent-encoded by libcurl).
 */
static void disposition(struct http_resp *resp, const json_t *meta)
{
	const char *name = jsonx_str(meta, "name");
	char *esc = name ? curl_easy_escape(NULL, name, 0) : NULL;
	int64_t id = json_integer_value(json_object_get(meta, "id"));
	int n;

	n = snprintf(resp->disposition, sizeof(resp->disposition),
		     "attachment; filename=\"attachment-%" PRId64 "\"; filename*=UTF-8''%s", id,
		     esc ? esc : "");
	if (!esc || n < 0 || (size_t)n >= sizeof(resp->disposition))
		snprintf(resp->disposition, sizeof(resp->disposition),
			 "attachment; filename=\"attachment-%" PRId64 "\"", id);
	curl_free(esc);
}

void api_attachment_get(const struct http_req *req, struct http_resp *resp)
{
	struct service_caller who;
	json_t *meta = NULL;
	char *data = NULL, *end;
	size_t len = 0;
	int64_t id;
	long long aid;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id))
		return;
	aid = strtoll(req->params[1], &end, 10);
	if (*end || aid <= 0) {
		err_set(&e, ERR_NOT_FOUND, "id", "no attachment %s", req->params[1]);
		http_problem(req, resp, &e);
		return;
	}
	api_caller(req, &who);
	rc = service_attachment_get(api_conn(req), &who, id, aid, &meta, &data, &len, &e);
	if (rc) {
		http_problem(req, resp, &e);
		return;
	}
	resp->status = 200;
	resp->raw_free = data;
	resp->raw_len = len;
	/* the type sniffed at upload, from the allow-list: a constant string */
	resp->content_type = service_attachment_type(jsonx_str(meta, "media_type"));
	disposition(resp, meta);
	json_decref(meta);
}

/* ---- jury, assignment, reviews, ranking ----------------------------------- */

/* {n} (the second path parameter) as a positive id; a 404 problem otherwise. */
static int second_id(const struct http_req *req, struct http_resp *resp, int64_t *out)
{
	char *end;
	long long v = strtoll(req->params[1], &end, 10);
	struct err e;

	if (!*end && v > 0) {
		*out = v;
		return 0;
	}
	err_clear(&e);
	err_set(&e, ERR_NOT_FOUND, "id", "no such id %s", req->params[1]);
	http_problem(req, resp, &e);
	return -1;
}

void api_challenge_jury(const struct http_req *req, struct http_resp *resp)
{
	api_call_id(req, resp, 200, service_jury_list);
}

void api_challenge_jury_put(const struct http_req *req, struct http_resp *resp)
{
	struct service_caller who;
	json_t *body = NULL, *out = NULL;
	int64_t id, aid;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id) || second_id(req, resp, &aid) ||
	    api_body(req, resp, &body))
		return;
	api_caller(req, &who);
	rc = service_jury_put(api_conn(req), &who, id, aid, body, &out, &e);
	json_decref(body);
	api_result(req, resp, rc, 200, out, &e);
}

void api_challenge_assignment(const struct http_req *req, struct http_resp *resp)
{
	api_call_id_body(req, resp, 200, service_assignment_run);
}

void api_challenge_reviews(const struct http_req *req, struct http_resp *resp)
{
	api_call_id(req, resp, 200, service_reviews_list);
}

void api_challenge_ranking(const struct http_req *req, struct http_resp *resp)
{
	api_call_id(req, resp, 200, service_ranking);
}

void api_submission_review(const struct http_req *req, struct http_resp *resp)
{
	api_call_id_body(req, resp, 200, service_review_put);
}

void api_challenge_decisions(const struct http_req *req, struct http_resp *resp)
{
	api_call_id_body(req, resp, 200, service_decisions_put);
}

void api_challenge_results(const struct http_req *req, struct http_resp *resp)
{
	api_call_id(req, resp, 200, service_results);
}

void api_submission_pilot(const struct http_req *req, struct http_resp *resp)
{
	api_call_id_body(req, resp, 201, service_challenge_pilot);
}
