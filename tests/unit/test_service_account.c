/*
 * test_service_account.c - unit tests of the account workflows of
 * src/service (account.c, session.c) on an in-memory store: sign-up open
 * and by invitation (the invitation's message queued with its code, the
 * code spent once, the e-mail checked), sign-in with its limits, sessions
 * (the old one ended), password change and reset (the code works once;
 * a reset ends sessions and API tokens), and the GDPR deletion behind the
 * password.
 */
#include "test_store_util.h"

#include "service/account.h"
#include "store/account.h"

#define PW "correct horse battery"

struct world {
	struct store *s;
	struct service_conn *c;
	int64_t org;
};

static struct world w;

static int setup(void **state)
{
	struct err e;

	(void)state;
	err_clear(&e);
	assert_int_equal(auth_init(&e), 0);
	w.s = tst_open();
	w.c = service_conn_wrap(w.s);
	w.org = tst_create_id(w.s, STORE_ORGANISATION,
			      "{\"name\": \"Suzhou\", \"country\": \"CN\", \"kind\": \"city\"}");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	service_conn_close(w.c);
	store_close(w.s);
	return 0;
}

/* The code of the newest outbox message of kind to to. */
static void last_code(const char *kind, const char *to, char *code, size_t len)
{
	json_t *params = json_pack("{s:s, s:s, s:s}", "kind", kind, "to", to, "limit", "100");
	json_t *out = NULL, *items;
	const char *body, *at;
	struct err e;

	err_clear(&e);
	assert_int_equal(service_outbox_list(w.c, params, &out, &e), 0);
	items = json_object_get(out, "items");
	assert_true(json_array_size(items) > 0);
	body = json_string_value(json_object_get(json_array_get(items, json_array_size(items) - 1),
						 "body"));
	at = strstr(body, "Your code: ");
	assert_non_null(at);
	snprintf(code, len, "%.43s", at + strlen("Your code: "));
	json_decref(out);
	json_decref(params);
}

static json_t *sign_up_body(const char *email, const char *invitation)
{
	json_t *b = json_pack("{s:s, s:s, s:s}", "email", email, "password", PW, "name", "Li Wei");

	if (invitation)
		json_object_set_new(b, "invitation", json_string(invitation));
	else
		json_object_set_new(b, "organisation",
				    json_pack("{s:s, s:s, s:s}", "name", "Wuhu Park", "country",
					      "CN", "kind", "park"));
	return b;
}

static void test_sign_up_open_and_by_invitation(void **state)
{
	struct auth_principal admin;
	json_t *body, *inv = NULL, *acc = NULL;
	char code[64];
	int64_t id = 0;
	struct err e;

	(void)state;
	body = sign_up_body("li@example.cn", NULL);
	assert_int_equal(service_sign_up(w.c, body, "10.0.0.1", 0, &id, &e), ERR_FORBIDDEN);
	assert_string_equal(e.field, "invitation");
	assert_int_equal(service_sign_up(w.c, body, "10.0.0.1", 1, &id, &e), 0);
	json_decref(body);
	/* the author of a new organisation represents it */
	assert_int_equal(service_account_get(w.c, id, &acc, &e), 0);
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(json_object_get(acc, "roles"), 0), "role")),
			    "representative");
	json_decref(acc);

	memset(&admin, 0, sizeof(admin));
	body = json_pack("{s:s, s:I}", "email", "wang@example.cn", "organisation_id",
			 (json_int_t)w.org);
	assert_int_equal(service_invite(w.c, &admin, body, "r-1", &inv, &e), 0);
	assert_null(json_object_get(inv, "token"));
	json_decref(inv);
	json_decref(body);
	last_code("invitation", "wang@example.cn", code, sizeof(code));
	body = sign_up_body("other@example.cn", code);
	assert_int_equal(service_sign_up(w.c, body, "10.0.0.1", 0, &id, &e), ERR_INVALID);
	assert_string_equal(e.field, "email");
	json_decref(body);
	/* that failure left the code usable */
	body = sign_up_body("Wang@example.cn", code);
	assert_int_equal(service_sign_up(w.c, body, "10.0.0.1", 0, &id, &e), 0);
	assert_true(id > 0);
	assert_int_equal(service_sign_up(w.c, body, "10.0.0.1", 0, &id, &e), ERR_INVALID);
	assert_string_equal(e.field, "invitation");
	json_decref(body);
}

static void test_sign_in_limits_and_sessions(void **state)
{
	char token[AUTH_TOKEN_SIZE], csrf[AUTH_TOKEN_SIZE], token2[AUTH_TOKEN_SIZE];
	struct auth_principal p;
	int64_t id = 0;
	struct err e;

	(void)state;
	assert_int_equal(service_sign_in(w.c, "li@example.cn", "wrong password!", "10.0.0.2", &id,
					 &e),
			 ERR_UNAUTHORIZED);
	assert_string_equal(e.field, "password");
	assert_int_equal(service_sign_in(w.c, "nobody@example.cn", PW, "10.0.0.2", &id, &e),
			 ERR_UNAUTHORIZED);
	assert_int_equal(service_sign_in(w.c, "LI@example.cn", PW, "10.0.0.2", &id, &e), 0);
	assert_true(id > 0);
	/* success cleared the e-mail's failures: four more fail, the fifth is refused */
	for (int i = 0; i < SERVICE_SIGN_IN_PER_EMAIL; i++)
		assert_int_equal(service_sign_in(w.c, "li@example.cn", "wrong password!",
						 "10.0.0.2", &id, &e),
				 ERR_UNAUTHORIZED);
	assert_int_equal(service_sign_in(w.c, "li@example.cn", PW, "10.0.0.2", &id, &e),
			 ERR_TOO_MANY);
	assert_string_equal(e.field, "email");

	assert_int_equal(service_session_open(w.c, NULL, 1, 3600, token, csrf, &e), 0);
	assert_int_equal(service_identify_session(w.c, token, &p, &e), 0);
	assert_int_equal(p.account, 1);
	assert_string_equal(p.csrf, csrf);
	/* a new session ends the one the request came with */
	assert_int_equal(service_session_open(w.c, token, 1, 3600, token2, csrf, &e), 0);
	assert_int_equal(service_identify_session(w.c, token, &p, &e), ERR_UNAUTHORIZED);
	assert_int_equal(p.account, 0);
	assert_int_equal(service_identify_session(w.c, token2, &p, &e), 0);
	assert_int_equal(service_sign_out(w.c, &p, &e), 0);
	assert_int_equal(service_identify_session(w.c, token2, &p, &e), ERR_UNAUTHORIZED);
}

static void test_password_reset_and_deletion(void **state)
{
	struct auth_principal p, anon;
	json_t *tok = NULL;
	char code[64];
	int64_t id = 0;
	struct err e;

	(void)state;
	memset(&anon, 0, sizeof(anon));
	/* an unknown e-mail gets the same answer and no message */
	assert_int_equal(service_reset_request(w.c, &anon, "nobody@example.cn", "10.0.0.3", "r-2",
					       &e),
			 0);
	assert_int_equal(service_reset_request(w.c, &anon, "wang@example.cn", "10.0.0.3", "r-3",
					       &e),
			 0);
	last_code("password_reset", "wang@example.cn", code, sizeof(code));
	assert_int_equal(service_sign_in(w.c, "wang@example.cn", PW, "10.0.0.3", &id, &e), 0);
	memset(&p, 0, sizeof(p));
	p.account = id;
	snprintf(p.email, sizeof(p.email), "wang@example.cn");
	assert_int_equal(service_token_create(w.c, &p, "laptop", &tok, &e), 0);
	assert_int_equal(service_identify_token(w.c, json_string_value(json_object_get(tok,
								 "token")),
						 &p, &e),
			 0);
	assert_int_equal(service_reset_confirm(w.c, code, "short", "10.0.0.3", &e), ERR_INVALID);
	assert_string_equal(e.field, "new_password");
	assert_int_equal(service_reset_confirm(w.c, code, "a new long password", "10.0.0.3", &e),
			 0);
	assert_int_equal(service_reset_confirm(w.c, code, "a third long password", "10.0.0.3",
					       &e),
			 ERR_INVALID);
	assert_string_equal(e.field, "token");
	/* the reset revoked the API token */
	assert_int_equal(service_identify_token(w.c, json_string_value(json_object_get(tok,
								 "token")),
						 &p, &e),
			 ERR_UNAUTHORIZED);
	json_decref(tok);
	p.account = id;
	snprintf(p.email, sizeof(p.email), "wang@example.cn");
	assert_int_equal(service_password_change(w.c, &p, PW, "yet another password", &e),
			 ERR_FORBIDDEN);
	assert_string_equal(e.field, "current_password");
	assert_int_equal(service_me_delete(w.c, &p, PW, &e), ERR_FORBIDDEN);
	assert_int_equal(service_me_delete(w.c, &p, "a new long password", &e), 0);
	assert_int_equal(service_sign_in(w.c, "wang@example.cn", "a new long password",
					 "10.0.0.4", &id, &e),
			 ERR_UNAUTHORIZED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sign_up_open_and_by_invitation),
		cmocka_unit_test(test_sign_in_limits_and_sessions),
		cmocka_unit_test(test_password_reset_and_deletion),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
