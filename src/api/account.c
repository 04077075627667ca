/*
 * account.c - sign-up, a person's own data (export, deletion), and the
 * admins' views: accounts and their roles, the outbox, the audit log.
 *
 * Sign-up makes a person and an account in one transaction. By invitation
 * (the code an admin or a representative sent) the organisation comes from
 * the invitation; with open registration (serve --registration open) the
 * body names an existing organisation ("organisation_id": the person joins
 * it as a participant) or describes a new one ("organisation": they become
 * its representative).
 */
#include "api/api_internal.h"

#include "auth/auth.h"

#include <string.h>
#include <strings.h>
#include <time.h>

/* Sign-up attempts one address may make in an hour. */
#define SIGN_UP_PER_ADDRESS 20

struct sign_up {
	const json_t *body;
	const char *email;
	const char *hash;
	const char *invitation; /* digest, or NULL */
	int64_t account;        /* out */
};

/* The organisation of a sign-up: *rep = 1 when the person will represent it. */
static int sign_up_org(struct store *s, struct sign_up *su, int64_t *org, int *rep,
		       struct err *e)
{
	const json_t *o = json_object_get(su->body, "organisation");
	const json_t *id = json_object_get(su->body, "organisation_id");
	json_t *inv = NULL, *made = NULL;
	int rc;

	*rep = 0;
	if (su->invitation) {
		rc = store_invitation_consume(s, su->invitation, (int64_t)time(NULL), &inv, e);
		if (rc)
			return rc;
		if (strcasecmp(json_string_value(json_object_get(inv, "email")), su->email) != 0)
			rc = err_set(e, ERR_INVALID, "email", "is not the invited e-mail address");
		*org = json_integer_value(json_object_get(inv, "organisation_id"));
		*rep = json_is_true(json_object_get(inv, "representative"));
		json_decref(inv);
		return rc;
	}
	if (o && id)
		return err_set(e, ERR_INVALID, "organisation",
			       "give either organisation_id or organisation, not both");
	if (json_is_integer(id) && json_integer_value(id) > 0) {
		*org = json_integer_value(id);
		return 0;
	}
	if (!o)
		return err_set(e, ERR_INVALID, "organisation_id",
			       "is required (or an \"organisation\" to create)");
	if (!json_is_object(o))
		return err_set(e, ERR_INVALID, "organisation", "must be an object");
	rc = store_create(s, STORE_ORGANISATION, o, &made, e);
	if (rc) {
		err_prefix_field(e, "organisation");
		return rc;
	}
	*org = json_integer_value(json_object_get(made, "id"));
	*rep = 1;
	json_decref(made);
	return 0;
}

static int sign_up_tx(struct store *s, void *ctx, struct err *e)
{
	struct sign_up *su = ctx;
	json_t *person = NULL, *made = NULL;
	int64_t org = 0;
	int rep = 0, rc;

	rc = sign_up_org(s, su, &org, &rep, e);
	if (rc)
		return rc;
	person = json_pack("{s:I, s:O, s:s}", "organisation_id", (json_int_t)org, "name",
			   json_object_get(su->body, "name"), "email", su->email);
	rc = store_create(s, STORE_PERSON, person, &made, e);
	if (!rc)
		rc = store_account_create(s, su->email, su->hash,
					  json_integer_value(json_object_get(made, "id")),
					  &su->account, e);
	if (!rc && rep)
		rc = store_account_role(s, su->account, STORE_ROLE_REPRESENTATIVE, org, 0, 1, e);
	json_decref(person);
	json_decref(made);
	return rc;
}

/* The fields of a sign-up body, checked before the slow password hash. */
static int sign_up_check(const json_t *body, struct err *e)
{
	static const char *const names[] = {"email",        "password",        "name",
					    "invitation",   "organisation_id", "organisation",
					    NULL};
	const json_t *v;

	if (api_fields_known(body, names, e))
		return e->code;
	for (size_t i = 0; i < 3; i++)
		if (!json_is_string(json_object_get(body, names[i])))
			return err_set(e, ERR_INVALID, names[i], "is required (a string)");
	v = json_object_get(body, "invitation");
	if (v && !json_is_string(v))
		return err_set(e, ERR_INVALID, "invitation", "must be a string (the code)");
	return 0;
}

void api_auth_register(const struct http_req *req, struct http_resp *resp)
{
	char hash[AUTH_HASH_SIZE], digest[AUTH_DIGEST_SIZE];
	struct sign_up su;
	const char *code;
	json_t *body;
	struct err e;

	err_clear(&e);
	memset(&su, 0, sizeof(su));
	if (api_body(req, resp, &body))
		return;
	code = json_string_value(json_object_get(body, "invitation"));
	if (sign_up_check(body, &e))
		goto fail;
	if (api_throttle_hit(req, resp, "sign-up address", API_HOUR, SIGN_UP_PER_ADDRESS)) {
		json_decref(body);
		return;
	}
	if (!code && !api_app_of(req)->open_registration) {
		err_set(&e, ERR_FORBIDDEN, "invitation",
			"this platform signs up by invitation only: give the invitation code");
		goto fail;
	}
	if (auth_password_hash(json_string_value(json_object_get(body, "password")), "password",
			       hash, &e))
		goto fail;
	if (code) {
		auth_token_digest(code, digest);
		su.invitation = digest;
	}
	su.body = body;
	su.email = json_string_value(json_object_get(body, "email"));
	su.hash = hash;
	if (store_atomic(api_store(req), sign_up_tx, &su, &e))
		goto fail;
	json_decref(body);
	api_sign_in_as(req, resp, 201, su.account);
	return;
fail:
	json_decref(body);
	http_problem(req, resp, &e);
}

void api_me_export(const struct http_req *req, struct http_resp *resp)
{
	json_t *out = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	rc = store_account_export(api_store(req), api_principal(req)->account, &out, &e);
	api_result(req, resp, rc, 200, out, &e);
}

void api_me_delete(const struct http_req *req, struct http_resp *resp)
{
	const struct auth_principal *p = api_principal(req);
	const char *pw;
	json_t *body;
	struct err e;

	err_clear(&e);
	if (api_body(req, resp, &body))
		return;
	pw = json_string_value(json_object_get(body, "password"));
	if (!pw || json_object_size(body) != 1) {
		http_problem_status(req, resp, 422, "password",
				    "is required (and nothing else): deleting an account asks "
				    "for its password");
	} else if (api_check_password(req, resp, pw, "password") == 0) {
		if (store_account_delete(api_store(req), p->account, &e)) {
			http_problem(req, resp, &e);
		} else {
			api_cookie_clear(req, resp);
			http_json(resp, 204, NULL);
		}
	}
	json_decref(body);
}

void api_accounts_list(const struct http_req *req, struct http_resp *resp)
{
	json_t *out = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	rc = store_account_list(api_store(req), req->query, &out, &e);
	api_result(req, resp, rc, 200, out, &e);
}

void api_accounts_get(const struct http_req *req, struct http_resp *resp)
{
	json_t *out = NULL;
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id))
		return;
	rc = store_account_get(api_store(req), id, &out, &e);
	api_result(req, resp, rc, 200, out, &e);
}

void api_accounts_roles(const struct http_req *req, struct http_resp *resp)
{
	json_t *body, *roles, *out = NULL;
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id) || api_body(req, resp, &body))
		return;
	roles = json_object_get(body, "roles");
	if (!json_is_array(roles) || json_object_size(body) != 1)
		rc = err_set(&e, ERR_INVALID, "roles", "is required: an array of roles");
	else
		rc = store_account_roles_set(api_store(req), id, roles, &e);
	if (!rc)
		rc = store_account_get(api_store(req), id, &out, &e);
	json_decref(body);
	api_result(req, resp, rc, 200, out, &e);
}

void api_outbox_list(const struct http_req *req, struct http_resp *resp)
{
	json_t *out = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	rc = store_outbox_list(api_store(req), req->query, &out, &e);
	api_result(req, resp, rc, 200, out, &e);
}

void api_audit_list(const struct http_req *req, struct http_resp *resp)
{
	json_t *out = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	rc = store_audit_list(api_store(req), req->query, &out, &e);
	api_result(req, resp, rc, 200, out, &e);
}
