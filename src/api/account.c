/*
 * account.c - sign-up, a person's own data (export, deletion), and the
 * admins' views: accounts and their roles, the outbox, the audit log. The
 * workflows are the service's (service/account.h); here bodies are read
 * and answers shaped.
 */
#include "api/api_internal.h"

#include "service/account.h"

#include <string.h>

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
	const struct api_app *app = api_app_of(req);
	json_t *body;
	int64_t account = 0;
	struct err e;

	err_clear(&e);
	if (api_body(req, resp, &body))
		return;
	if (sign_up_check(body, &e) ||
	    service_sign_up(api_conn(req), body, req->client, app->open_registration, &account,
			    &e)) {
		json_decref(body);
		api_fail(req, resp, &e, SERVICE_HOUR);
		return;
	}
	json_decref(body);
	api_sign_in_as(req, resp, 201, account);
}

void api_me_export(const struct http_req *req, struct http_resp *resp)
{
	json_t *out = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	rc = service_me_export(api_conn(req), api_principal(req), &out, &e);
	api_result(req, resp, rc, 200, out, &e);
}

void api_me_delete(const struct http_req *req, struct http_resp *resp)
{
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
	} else if (service_me_delete(api_conn(req), api_principal(req), pw, &e)) {
		api_fail(req, resp, &e, SERVICE_SIGN_IN_WINDOW);
	} else {
		api_cookie_clear(req, resp);
		http_json(resp, 204, NULL);
	}
	json_decref(body);
}

void api_accounts_list(const struct http_req *req, struct http_resp *resp)
{
	api_read_query(req, resp, service_accounts_list);
}

void api_accounts_get(const struct http_req *req, struct http_resp *resp)
{
	api_read_id(req, resp, service_account_get);
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
		rc = service_account_roles(api_conn(req), id, roles, &out, &e);
	json_decref(body);
	api_result(req, resp, rc, 200, out, &e);
}

void api_outbox_list(const struct http_req *req, struct http_resp *resp)
{
	api_read_query(req, resp, service_outbox_list);
}

void api_audit_list(const struct http_req *req, struct http_resp *resp)
{
	api_read_query(req, resp, service_audit_list);
}
