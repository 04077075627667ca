/*
 * auth.c - accounts over HTTP: sign-in and out, passwords and their reset,
 * personal API tokens and invitations. The workflows and their rules (the
 * abuse limits included) are the service's (service/account.h); this
 * file reads the bodies, sets and clears the session cookie, and shapes
 * the answers.
 *
 * Sessions: sign-in makes a new random session token (the cookie, HttpOnly
 * and SameSite=Strict; Secure behind TLS) and a CSRF token (in the body,
 * for X-CSRF-Token); the session a request came with is ended first, so a
 * token planted before sign-in never becomes a signed-in session
 * (fixation). A password is never logged, stored or returned.
 */
#include "api/api_internal.h"

#include "service/account.h"

#include <stdio.h>
#include <string.h>

const struct api_app *api_app_of(const struct http_req *req)
{
	static const struct api_app defaults;

	return req->app ? req->app : &defaults;
}

static int session_seconds(const struct http_req *req)
{
	int h = api_app_of(req)->session_hours;

	return (h > 0 ? h : 168) * 3600;
}

static void cookie_set(const struct http_req *req, struct http_resp *resp, const char *value,
		       int max_age)
{
	snprintf(resp->cookie[0], sizeof(resp->cookie[0]),
		 "%s=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Strict%s", API_SESSION_COOKIE,
		 value, max_age, api_app_of(req)->secure_cookies ? "; Secure" : "");
}

void api_cookie_clear(const struct http_req *req, struct http_resp *resp)
{
	cookie_set(req, resp, "", 0);
}

/* A required string field of body; a 422 problem naming it when missing. */
static const char *need_str(const struct http_req *req, struct http_resp *resp,
			    const json_t *body, const char *name)
{
	const json_t *v = json_object_get(body, name);

	if (json_is_string(v) && json_string_length(v) > 0)
		return json_string_value(v);
	http_problem_status(req, resp, 422, name,
			    v ? "must be a non-empty string" : "is required");
	return NULL;
}

/* Refuses fields of body not in names (NULL-terminated); a 422 naming one. */
int api_fields_known(const json_t *body, const char *const *names, struct err *e)
{
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)body, key, v) {
		size_t i;

		for (i = 0; names[i] && strcmp(names[i], key) != 0; i++)
			;
		if (!names[i])
			return err_set(e, ERR_INVALID, key, "is not a field of this request");
	}
	return 0;
}

/* api_fields_known answered as a 422 problem. */
static int only_fields(const struct http_req *req, struct http_resp *resp, const json_t *body,
		       const char *const *names)
{
	struct err e;

	err_clear(&e);
	if (api_fields_known(body, names, &e) == 0)
		return 0;
	http_problem(req, resp, &e);
	return -1;
}

/*
 * The problem for e; a limit reached (ERR_TOO_MANY) also says when to try
 * again: after window seconds.
 */
void api_fail(const struct http_req *req, struct http_resp *resp, const struct err *e,
	      int window)
{
	if (e->code == ERR_TOO_MANY)
		resp->retry_after = window;
	http_problem(req, resp, e);
}

/* The account as the API shows it, with the session's CSRF token. */
static void account_reply(const struct http_req *req, struct http_resp *resp, int status,
			  int64_t account, const char *csrf)
{
	json_t *out = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	rc = service_account_get(api_conn(req), account, &out, &e);
	if (!rc && csrf && *csrf)
		json_object_set_new(out, "csrf_token", json_string(csrf));
	api_result(req, resp, rc, status, out, &e);
}

void api_sign_in_as(const struct http_req *req, struct http_resp *resp, int status,
		    int64_t account)
{
	char token[AUTH_TOKEN_SIZE], csrf[AUTH_TOKEN_SIZE];
	struct err e;

	err_clear(&e);
	if (service_session_open(api_conn(req), http_cookie(req, API_SESSION_COOKIE), account,
				 session_seconds(req), token, csrf, &e)) {
		http_problem(req, resp, &e);
		return;
	}
	cookie_set(req, resp, token, session_seconds(req));
	account_reply(req, resp, status, account, csrf);
}

void api_auth_sign_in(const struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"email", "password", NULL};
	const char *email, *pw;
	json_t *body;
	int64_t account = 0;
	struct err e;

	err_clear(&e);
	if (api_body(req, resp, &body))
		return;
	if (only_fields(req, resp, body, fields) || !(email = need_str(req, resp, body, "email")) ||
	    !(pw = need_str(req, resp, body, "password")))
		goto out;
	if (service_sign_in(api_conn(req), email, pw, req->client, &account, &e))
		api_fail(req, resp, &e, SERVICE_SIGN_IN_WINDOW);
	else
		api_sign_in_as(req, resp, 200, account);
out:
	json_decref(body);
}

void api_auth_sign_out(const struct http_req *req, struct http_resp *resp)
{
	struct err e;

	err_clear(&e);
	if (service_sign_out(api_conn(req), api_principal(req), &e)) {
		http_problem(req, resp, &e);
		return;
	}
	api_cookie_clear(req, resp);
	http_json(resp, 204, NULL);
}

void api_auth_me(const struct http_req *req, struct http_resp *resp)
{
	const struct auth_principal *p = api_principal(req);

	account_reply(req, resp, 200, p->account, p->csrf);
}

/*
 * GET /auth/session: like /auth/me, with "signed_in": true, for anyone; a
 * visitor without a (valid) session gets 200 {"signed_in": false} rather
 * than 401, so a page can ask who is there without an error.
 */
void api_auth_session(const struct http_req *req, struct http_resp *resp)
{
	const struct auth_principal *p = api_principal(req);
	json_t *out = NULL;
	struct err e;
	int rc;

	if (!p->account) {
		http_json(resp, 200, json_pack("{s:b}", "signed_in", 0));
		return;
	}
	err_clear(&e);
	rc = service_account_get(api_conn(req), p->account, &out, &e);
	if (!rc) {
		json_object_set_new(out, "signed_in", json_true());
		if (p->csrf[0])
			json_object_set_new(out, "csrf_token", json_string(p->csrf));
	}
	api_result(req, resp, rc, 200, out, &e);
}

void api_auth_password(const struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"current_password", "new_password", NULL};
	const char *cur, *pw;
	json_t *body;
	struct err e;

	err_clear(&e);
	if (api_body(req, resp, &body))
		return;
	if (only_fields(req, resp, body, fields) ||
	    !(cur = need_str(req, resp, body, "current_password")) ||
	    !(pw = need_str(req, resp, body, "new_password")))
		goto out;
	if (service_password_change(api_conn(req), api_principal(req), cur, pw, &e))
		api_fail(req, resp, &e, SERVICE_SIGN_IN_WINDOW);
	else
		http_json(resp, 204, NULL);
out:
	json_decref(body);
}

void api_auth_reset_request(const struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"email", NULL};
	const char *email;
	json_t *body;
	struct err e;

	err_clear(&e);
	if (api_body(req, resp, &body))
		return;
	if (only_fields(req, resp, body, fields) || !(email = need_str(req, resp, body, "email")))
		goto out;
	if (service_reset_request(api_conn(req), api_principal(req), email, req->client,
				  req->request_id, &e)) {
		api_fail(req, resp, &e, SERVICE_HOUR);
		goto out;
	}
	/* the same answer whether or not the account exists */
	http_json(resp, 202,
		  json_pack("{s:s}", "detail",
			    "if an account has this e-mail, a reset code is on its way"));
out:
	json_decref(body);
}

void api_auth_reset_confirm(const struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"token", "new_password", NULL};
	const char *token, *pw;
	json_t *body;
	struct err e;

	err_clear(&e);
	if (api_body(req, resp, &body))
		return;
	if (only_fields(req, resp, body, fields) || !(token = need_str(req, resp, body, "token")) ||
	    !(pw = need_str(req, resp, body, "new_password")))
		goto out;
	if (service_reset_confirm(api_conn(req), token, pw, req->client, &e))
		api_fail(req, resp, &e, SERVICE_HOUR);
	else
		http_json(resp, 204, NULL);
out:
	json_decref(body);
}

void api_auth_tokens_list(const struct http_req *req, struct http_resp *resp)
{
	json_t *out = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	rc = service_tokens_list(api_conn(req), api_principal(req), &out, &e);
	api_result(req, resp, rc, 200, out, &e);
}

void api_auth_tokens_create(const struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"name", NULL};
	json_t *body, *out = NULL;
	const char *name;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_body(req, resp, &body))
		return;
	if (only_fields(req, resp, body, fields) || !(name = need_str(req, resp, body, "name"))) {
		json_decref(body);
		return;
	}
	rc = service_token_create(api_conn(req), api_principal(req), name, &out, &e);
	json_decref(body);
	api_result(req, resp, rc, 201, out, &e);
}

void api_auth_tokens_delete(const struct http_req *req, struct http_resp *resp)
{
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id))
		return;
	rc = service_token_delete(api_conn(req), api_principal(req), id, &e);
	api_result(req, resp, rc, 204, NULL, &e);
}

void api_auth_invite(const struct http_req *req, struct http_resp *resp)
{
	json_t *body, *out = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_body(req, resp, &body))
		return;
	rc = service_invite(api_conn(req), api_principal(req), body, req->request_id, &out, &e);
	json_decref(body);
	api_result(req, resp, rc, 201, out, &e);
}
