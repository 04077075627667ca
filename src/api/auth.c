/*
 * auth.c - accounts over HTTP: sign-up, sign-in and out, passwords and
 * their reset, personal API tokens, invitations, a person's own data, and
 * the admins' views of accounts, the outbox and the audit log.
 *
 * Sessions: sign-in makes a new random session token (the cookie, HttpOnly
 * and SameSite=Strict; Secure behind TLS) and a CSRF token (in the body,
 * for X-CSRF-Token); the session a request came with is ended first, so a
 * token planted before sign-in never becomes a signed-in session
 * (fixation). Only digests of tokens are stored (auth/auth.h).
 *
 * Abuse limits: failed sign-ins are counted per e-mail (5 in 15 minutes)
 * and per address (30); sign-ups and reset requests per address. A
 * password is checked, hashed and forgotten: it is never logged, stored or
 * returned.
 */
#include "api/api_internal.h"

#include "auth/auth.h"
#include "core/log.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define SIGN_IN_WINDOW 900
#define SIGN_IN_PER_EMAIL 5
#define SIGN_IN_PER_ADDRESS 30
#define RESET_PER_ADDRESS 5
#define RESET_CONFIRM_PER_ADDRESS 20
#define RESET_SECONDS 3600
#define INVITATION_SECONDS (14 * 86400)

const struct api_app *api_app_of(const struct http_req *req)
{
	static const struct api_app defaults;

	return req->app ? req->app : &defaults;
}

static int64_t now_s(void)
{
	return (int64_t)time(NULL);
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

/* A throttle key: "what address-or-email", the e-mail lower-cased (ASCII). */
static void throttle_key(char *out, size_t len, const char *what, const char *who)
{
	size_t n = (size_t)snprintf(out, len, "%s ", what);

	for (; *who && n + 1 < len; who++)
		out[n++] = (char)tolower((unsigned char)*who);
	out[n < len ? n : len - 1] = '\0';
}

/*
 * Records an attempt under key (*ticket) when fewer than max were made in
 * window; else forgets it again (a refused attempt does not prolong the
 * wait), answers 429 and returns -1. Count and record are one
 * transaction: parallel attempts cannot all slip under the limit.
 */
static int take(const struct http_req *req, struct http_resp *resp, const char *key,
		int64_t window, int max, const char *field, int64_t *ticket)
{
	struct err e;
	int n = 0;

	err_clear(&e);
	if (store_throttle_take(api_store(req), key, now_s(), window, &n, ticket, &e)) {
		http_problem(req, resp, &e);
		return -1;
	}
	if (n < max)
		return 0;
	if (store_throttle_forget(api_store(req), *ticket, &e))
		log_warn("throttle: %s", e.msg);
	*ticket = 0;
	resp->retry_after = (int)window;
	http_problem_status(req, resp, 429, field, "too many attempts: try again later");
	return -1;
}

int api_throttle_hit(const struct http_req *req, struct http_resp *resp, const char *what,
		     int64_t window, int max)
{
	char key[100];
	int64_t ticket;

	throttle_key(key, sizeof(key), what, req->client);
	return take(req, resp, key, window, max, NULL, &ticket);
}

/* The account as the API shows it, with the session's CSRF token. */
static void account_reply(const struct http_req *req, struct http_resp *resp, int status,
			  int64_t account, const char *csrf)
{
	json_t *out = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	rc = store_account_get(api_store(req), account, &out, &e);
	if (!rc && csrf && *csrf)
		json_object_set_new(out, "csrf_token", json_string(csrf));
	api_result(req, resp, rc, status, out, &e);
}

void api_sign_in_as(const struct http_req *req, struct http_resp *resp, int status,
			 int64_t account)
{
	const char *old = http_cookie(req, API_SESSION_COOKIE);
	char token[AUTH_TOKEN_SIZE], csrf[AUTH_TOKEN_SIZE], digest[AUTH_DIGEST_SIZE];
	struct err e;

	err_clear(&e);
	if (old) {
		auth_token_digest(old, digest);
		if (store_session_delete(api_store(req), digest, &e)) {
			http_problem(req, resp, &e);
			return;
		}
	}
	auth_token_new(token);
	auth_token_new(csrf);
	auth_token_digest(token, digest);
	if (store_session_create(api_store(req), digest, csrf, account,
				 now_s() + session_seconds(req), &e) ||
	    store_account_signed_in(api_store(req), account, &e)) {
		http_problem(req, resp, &e);
		return;
	}
	cookie_set(req, resp, token, session_seconds(req));
	account_reply(req, resp, status, account, csrf);
}

void api_auth_sign_in(const struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"email", "password", NULL};
	char key_email[300], key_addr[100], hash[AUTH_HASH_SIZE];
	const char *email, *pw;
	json_t *body;
	int64_t account = 0, t_email = 0, t_addr = 0;
	struct err e;
	int ok;

	err_clear(&e);
	if (api_body(req, resp, &body))
		return;
	if (only_fields(req, resp, body, fields) || !(email = need_str(req, resp, body, "email")) ||
	    !(pw = need_str(req, resp, body, "password")))
		goto out;
	throttle_key(key_email, sizeof(key_email), "sign-in email", email);
	throttle_key(key_addr, sizeof(key_addr), "sign-in address", req->client);
	/* every attempt counts until it succeeds: taken before the slow check */
	if (take(req, resp, key_email, SIGN_IN_WINDOW, SIGN_IN_PER_EMAIL, "email", &t_email))
		goto out;
	if (take(req, resp, key_addr, SIGN_IN_WINDOW, SIGN_IN_PER_ADDRESS, NULL, &t_addr)) {
		if (store_throttle_forget(api_store(req), t_email, &e))
			goto fail;
		goto out;
	}
	if (store_account_find(api_store(req), email, &account, hash, sizeof(hash), &e) == 0)
		ok = auth_password_verify(hash, pw);
	else if (e.code == ERR_NOT_FOUND)
		ok = auth_password_dummy_verify(pw); /* as slow as a wrong password */
	else
		goto fail;
	if (!ok) {
		http_problem_status(req, resp, 401, "password",
				    "the e-mail and password do not match an account");
		goto out;
	}
	if (store_throttle_clear(api_store(req), key_email, &e) ||
	    store_throttle_forget(api_store(req), t_addr, &e))
		goto fail;
	api_sign_in_as(req, resp, 200, account);
	goto out;
fail:
	http_problem(req, resp, &e);
out:
	json_decref(body);
}

void api_auth_sign_out(const struct http_req *req, struct http_resp *resp)
{
	const struct auth_principal *p = api_principal(req);
	struct err e;

	err_clear(&e);
	if (p->via == AUTH_VIA_SESSION && store_session_delete(api_store(req), p->session, &e)) {
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

/* The password rules (cheap); a 422 naming field when pw breaks one. */
static int rules_ok(const struct http_req *req, struct http_resp *resp, const char *pw,
		    const char *field)
{
	struct err e;

	err_clear(&e);
	if (auth_password_check(pw, field, &e) == 0)
		return 0;
	http_problem(req, resp, &e);
	return -1;
}

/* The password check and hash of a new password; a 422 naming field when it breaks a rule. */
static int new_hash(const struct http_req *req, struct http_resp *resp, const char *pw,
		    const char *field, char hash[AUTH_HASH_SIZE])
{
	struct err e;

	err_clear(&e);
	if (auth_password_hash(pw, field, hash, &e) == 0)
		return 0;
	http_problem(req, resp, &e);
	return -1;
}

int api_check_password(const struct http_req *req, struct http_resp *resp,
			      const char *pw, const char *field)
{
	const struct auth_principal *p = api_principal(req);
	char hash[AUTH_HASH_SIZE], key[300];
	int64_t id = 0, ticket = 0;
	struct err e;

	err_clear(&e);
	throttle_key(key, sizeof(key), "sign-in email", p->email);
	if (take(req, resp, key, SIGN_IN_WINDOW, SIGN_IN_PER_EMAIL, field, &ticket))
		return -1;
	if (store_account_find(api_store(req), p->email, &id, hash, sizeof(hash), &e)) {
		http_problem(req, resp, &e);
		return -1;
	}
	if (id == p->account && auth_password_verify(hash, pw)) {
		if (store_throttle_forget(api_store(req), ticket, &e) == 0)
			return 0;
		http_problem(req, resp, &e);
		return -1;
	}
	http_problem_status(req, resp, 403, field, "is not your current password");
	return -1;
}

void api_auth_password(const struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"current_password", "new_password", NULL};
	const struct auth_principal *p = api_principal(req);
	char hash[AUTH_HASH_SIZE];
	const char *cur, *pw;
	json_t *body;
	struct err e;

	err_clear(&e);
	if (api_body(req, resp, &body))
		return;
	/* the rules first, then the (throttled) current password, then the slow hash */
	if (only_fields(req, resp, body, fields) ||
	    !(cur = need_str(req, resp, body, "current_password")) ||
	    !(pw = need_str(req, resp, body, "new_password")) ||
	    rules_ok(req, resp, pw, "new_password") ||
	    api_check_password(req, resp, cur, "current_password") ||
	    new_hash(req, resp, pw, "new_password", hash))
		goto out;
	/* every other session ends: whoever knew the old password is signed out */
	if (store_account_set_password(api_store(req), p->account, hash,
				       p->via == AUTH_VIA_SESSION ? p->session : NULL, &e))
		http_problem(req, resp, &e);
	else
		http_json(resp, 204, NULL);
out:
	json_decref(body);
}

/* Queues a message with a token for to. */
static int send_token(const struct http_req *req, const char *to, const char *kind,
		      const char *subject, const char *what, const char *token, struct err *e)
{
	char text[1024];

	snprintf(text, sizeof(text),
		 "%s\n\nYour code: %s\n\n(liaison, request %s. If you did not ask for this, "
		 "ignore this message.)",
		 what, token, req->request_id);
	return store_outbox_add(api_store(req), to, kind, subject, text,
				api_principal(req)->account, e);
}

void api_auth_reset_request(const struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"email", NULL};
	char token[AUTH_TOKEN_SIZE], digest[AUTH_DIGEST_SIZE];
	const char *email;
	json_t *body;
	int64_t account = 0;
	struct err e;

	err_clear(&e);
	if (api_body(req, resp, &body))
		return;
	if (only_fields(req, resp, body, fields) || !(email = need_str(req, resp, body, "email")) ||
	    api_throttle_hit(req, resp, "reset address", API_HOUR, RESET_PER_ADDRESS))
		goto out;
	if (store_account_find(api_store(req), email, &account, NULL, 0, &e) == 0) {
		auth_token_new(token);
		auth_token_digest(token, digest);
		if (store_reset_create(api_store(req), account, digest, now_s() + RESET_SECONDS, &e) ||
		    send_token(req, email, "password_reset", "Reset your liaison password",
			       "Someone asked to reset the password of this account. Send this "
			       "code with a new password to POST /api/v1/auth/password-reset/"
			       "confirm within one hour; it works once.",
			       token, &e))
			goto fail;
	} else if (e.code != ERR_NOT_FOUND) {
		goto fail;
	}
	/* the same answer whether or not the account exists */
	http_json(resp, 202,
		  json_pack("{s:s}", "detail",
			    "if an account has this e-mail, a reset code is on its way"));
	goto out;
fail:
	http_problem(req, resp, &e);
out:
	json_decref(body);
}

struct reset {
	const char *digest;
	const char *hash;
};

/*
 * Spends the code and sets the password in one transaction: a failure
 * leaves the code usable. The account's sessions and API tokens end too:
 * a reset is what someone does who fears their password is known.
 */
static int reset_tx(struct store *s, void *ctx, struct err *e)
{
	struct reset *r = ctx;
	int64_t account = 0;
	int rc = store_reset_consume(s, r->digest, now_s(), &account, e);

	if (!rc)
		rc = store_account_set_password(s, account, r->hash, NULL, e);
	if (!rc)
		rc = store_token_revoke_all(s, account, e);
	return rc;
}

void api_auth_reset_confirm(const struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"token", "new_password", NULL};
	char digest[AUTH_DIGEST_SIZE], hash[AUTH_HASH_SIZE];
	struct reset r = {digest, hash};
	const char *token, *pw;
	json_t *body;
	struct err e;

	err_clear(&e);
	if (api_body(req, resp, &body))
		return;
	/* throttled before the slow hash: each guess costs an Argon2 run */
	if (only_fields(req, resp, body, fields) || !(token = need_str(req, resp, body, "token")) ||
	    !(pw = need_str(req, resp, body, "new_password")) ||
	    rules_ok(req, resp, pw, "new_password") ||
	    api_throttle_hit(req, resp, "reset-confirm address", API_HOUR,
			     RESET_CONFIRM_PER_ADDRESS) ||
	    new_hash(req, resp, pw, "new_password", hash))
		goto out;
	auth_token_digest(token, digest);
	if (store_atomic(api_store(req), reset_tx, &r, &e))
		http_problem(req, resp, &e);
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
	rc = store_token_list(api_store(req), api_principal(req)->account, &out, &e);
	api_result(req, resp, rc, 200, out, &e);
}

void api_auth_tokens_create(const struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"name", NULL};
	char token[AUTH_TOKEN_SIZE], digest[AUTH_DIGEST_SIZE];
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
	auth_token_new(token);
	auth_token_digest(token, digest);
	rc = store_token_create(api_store(req), api_principal(req)->account, name, digest, &out, &e);
	if (!rc)
		json_object_set_new(out, "token", json_string(token)); /* shown this once */
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
	rc = store_token_delete(api_store(req), api_principal(req)->account, id, &e);
	api_result(req, resp, rc, 204, NULL, &e);
}

struct invite {
	const struct http_req *req;
	const json_t *body;
	json_t *out;
};

/* The invitation and its message, in one transaction. */
static int invite_tx(struct store *s, void *ctx, struct err *e)
{
	struct invite *iv = ctx;
	char token[AUTH_TOKEN_SIZE], digest[AUTH_DIGEST_SIZE];
	int rc;

	auth_token_new(token);
	auth_token_digest(token, digest);
	rc = store_invitation_create(s, iv->body, digest, api_principal(iv->req)->account,
				     now_s() + INVITATION_SECONDS, &iv->out, e);
	if (!rc)
		rc = send_token(iv->req, json_string_value(json_object_get(iv->out, "email")),
				"invitation", "You are invited to liaison",
				"You are invited to join liaison, the China-Europe cooperation "
				"platform. Sign up with this invitation code (POST /api/v1/auth/"
				"register, field \"invitation\") within 14 days.",
				token, e);
	return rc;
}

void api_auth_invite(const struct http_req *req, struct http_resp *resp)
{
	struct invite iv = {req, NULL, NULL};
	json_t *body;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_body(req, resp, &body))
		return;
	iv.body = body;
	rc = store_atomic(api_store(req), invite_tx, &iv, &e);
	json_decref(body);
	api_result(req, resp, rc, 201, iv.out, &e);
}
