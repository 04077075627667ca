/*
 * test_store_accounts.c - accounts, roles, sessions, tokens, invitations,
 * outbox, audit log, throttling, owners, privacy, export and deletion of
 * src/store (account.h), the demo accounts and migration 4.
 */
#include "test_store_util.h"

#include "auth/auth.h"
#include "store/account_int.h"

#include <inttypes.h>
#include <time.h>

#define HASH "$argon2id$v=19$m=65536,t=2,p=1$fake$fake"
#define DIGEST_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define DIGEST_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define DIGEST_C "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"

/* Two organisations, five people of the first but p[4], two events, p[0..3] registered at ev. */
struct fx {
	struct store *s;
	int64_t org, org2, ev, ev2;
	int64_t p[5];
};

static void fx_make(struct fx *f)
{
	char body[256];

	f->s = tst_open();
	f->org = tst_create_id(f->s, STORE_ORGANISATION, "{\"name\": \"Org A\", \"ref\": \"org-a\"}");
	f->org2 = tst_create_id(f->s, STORE_ORGANISATION, "{\"name\": \"Org B\"}");
	for (int i = 0; i < 5; i++) {
		snprintf(body, sizeof(body),
			 "{\"organisation_id\": %" PRId64 ", \"name\": \"Person %d\", \"email\":"
			 " \"p%d@example.org\", \"phone\": \"+49 30 %d\", \"languages\": [\"en\"]}",
			 i == 4 ? f->org2 : f->org, i, i, i);
		f->p[i] = tst_create_id(f->s, STORE_PERSON, body);
	}
	f->ev = tst_create_id(f->s, STORE_EVENT,
			      "{\"name\": \"Fair\", \"time_zone\": \"UTC\", \"mode\": \"online\"}");
	f->ev2 = tst_create_id(f->s, STORE_EVENT,
			       "{\"name\": \"Other\", \"time_zone\": \"UTC\", \"mode\": \"online\"}");
	for (int i = 0; i < 4; i++) {
		snprintf(body, sizeof(body),
			 "{\"event_id\": %" PRId64 ", \"person_id\": %" PRId64
			 ", \"attendance\": \"online\"}",
			 f->ev, f->p[i]);
		tst_create_id(f->s, STORE_REGISTRATION, body);
	}
}

static int64_t request(struct fx *f, int a, int b, const char *action)
{
	char body[256];
	json_t *out;
	int64_t id;
	struct err e;

	snprintf(body, sizeof(body),
		 "{\"event_id\": %" PRId64 ", \"requester_id\": %" PRId64 ", \"invitee_id\": %" PRId64
		 "}",
		 f->ev, f->p[a], f->p[b]);
	id = tst_create_id(f->s, STORE_MEETING_REQUEST, body);
	if (action) {
		err_clear(&e);
		if (store_meeting_request_act(f->s, id, action, &out, &e))
			fail_msg("%s: %s", action, e.msg);
		json_decref(out);
	}
	return id;
}

static int64_t account(struct store *s, const char *email, int64_t person)
{
	int64_t id = 0;
	struct err e;

	err_clear(&e);
	if (store_account_create(s, email, HASH, person, &id, &e))
		fail_msg("account %s: %s: %s", email, e.field, e.msg);
	return id;
}

static int64_t sql_int(struct store *s, const char *sql, int64_t arg)
{
	int64_t v = -1;

	assert_true(store_int(s, NULL, &v, sql, "i", arg) >= 0);
	return v;
}

/* The error of the last expect_err. */
static struct err E_;
#define E (&E_)

#define expect_err(call, code, fieldname)                                                          \
	do {                                                                                       \
		int rc_;                                                                           \
		err_clear(&E_);                                                                    \
		rc_ = (call);                                                                      \
		if (rc_ != (code) || strcmp(E_.field, fieldname) != 0)                              \
			fail_msg("%s: expected %d on '%s', got %d on '%s': %s", #call, code,         \
				 fieldname, rc_, E_.field, E_.msg);                                 \
	} while (0)

static void test_account_create(void **state)
{
	struct fx f;
	int64_t id, other, found;
	char hash[AUTH_HASH_SIZE];
	json_t *acc;
	struct err e;

	(void)state;
	fx_make(&f);
	id = account(f.s, "Anna@Example.org", f.p[0]);
	err_clear(&e);
	assert_int_equal(store_account_find(f.s, "anna@EXAMPLE.ORG", &found, hash, sizeof(hash), &e),
			 0);
	assert_int_equal(found, id);
	assert_string_equal(hash, HASH);
	expect_err(store_account_find(f.s, "nobody@example.org", &found, NULL, 0, E), ERR_NOT_FOUND,
		   "email");
	expect_err(store_account_create(f.s, "ANNA@example.ORG", HASH, 0, &other, E),
		   ERR_CONFLICT, "email");
	expect_err(store_account_create(f.s, "not an email", HASH, 0, &other, E), ERR_INVALID,
		   "email");
	expect_err(store_account_create(f.s, "no-at.example.org", HASH, 0, &other, E), ERR_INVALID,
		   "email");
	expect_err(store_account_create(f.s, NULL, HASH, 0, &other, E), ERR_INVALID, "email");
	expect_err(store_account_create(f.s, "b@example.org", HASH, f.p[0], &other, E),
		   ERR_CONFLICT, "person_id");
	expect_err(store_account_create(f.s, "b@example.org", HASH, 9999, &other, E), ERR_INVALID,
		   "person_id");
	expect_err(store_account_create(f.s, "b@example.org", NULL, 0, &other, E), ERR_INVALID,
		   "password_hash");
	assert_int_equal(sql_int(f.s, "SELECT count(*) FROM accounts WHERE id > ?1", 0), 1);
	assert_int_equal(store_account_get(f.s, id, &acc, &e), 0);
	assert_string_equal(jsonx_str(acc, "email"), "Anna@Example.org");
	assert_int_equal(tst_int(acc, "person_id"), f.p[0]);
	assert_int_equal(tst_int(acc, "organisation_id"), f.org);
	assert_string_equal(jsonx_str(acc, "name"), "Person 0");
	assert_int_equal(json_array_size(json_object_get(acc, "roles")), 0);
	assert_null(json_object_get(acc, "password_hash"));
	assert_null(json_object_get(acc, "last_sign_in_at"));
	json_decref(acc);
	assert_int_equal(store_account_signed_in(f.s, id, &e), 0);
	assert_int_equal(store_account_get(f.s, id, &acc, &e), 0);
	assert_non_null(jsonx_str(acc, "last_sign_in_at"));
	json_decref(acc);
	expect_err(store_account_get(f.s, 777, &acc, E), ERR_NOT_FOUND, "id");
	store_close(f.s);
}

static void test_roles(void **state)
{
	struct fx f;
	int64_t a, b;
	json_t *acc, *roles, *list;
	int yes;
	struct err e;

	(void)state;
	fx_make(&f);
	a = account(f.s, "a@example.org", f.p[0]);
	b = account(f.s, "admin@example.org", 0);
	err_clear(&e);
	assert_int_equal(store_account_role(f.s, a, STORE_ROLE_ORGANISER, f.ev, 0, 1, &e), 0);
	assert_int_equal(store_account_role(f.s, a, STORE_ROLE_ORGANISER, f.ev, 0, 1, &e), 0);
	assert_int_equal(store_account_role(f.s, a, STORE_ROLE_ORGANISER, 7, 1, 1, &e), 0);
	assert_int_equal(store_account_role(f.s, a, STORE_ROLE_REPRESENTATIVE, f.org, 0, 1, &e), 0);
	assert_int_equal(store_account_role(f.s, a, STORE_ROLE_JURY, 3, 0, 1, &e), 0);
	assert_int_equal(store_account_role(f.s, b, STORE_ROLE_ADMIN, 0, 0, 1, &e), 0);
	expect_err(store_account_role(f.s, a, STORE_ROLE_ADMIN, 5, 0, 1, E), ERR_INVALID,
		   "scope_id");
	expect_err(store_account_role(f.s, a, STORE_ROLE_ORGANISER, 999, 0, 1, E), ERR_INVALID,
		   "scope_id");
	expect_err(store_account_role(f.s, a, STORE_ROLE_ORGANISER, 0, 0, 1, E), ERR_INVALID,
		   "scope_id");
	expect_err(store_account_role(f.s, a, STORE_ROLE_JURY, 0, 0, 1, E), ERR_INVALID,
		   "scope_id");
	expect_err(store_account_role(f.s, a, STORE_ROLE_REPRESENTATIVE, 999, 0, 1, E),
		   ERR_INVALID, "scope_id");
	expect_err(store_account_role(f.s, a, (enum store_role)9, 1, 0, 1, E), ERR_INVALID, "role");
	expect_err(store_account_role(f.s, 999, STORE_ROLE_ADMIN, 0, 0, 1, E), ERR_NOT_FOUND, "id");
	assert_int_equal(store_account_get(f.s, a, &acc, &e), 0);
	roles = json_object_get(acc, "roles");
	assert_int_equal(json_array_size(roles), 4);
	assert_string_equal(jsonx_str(json_array_get(roles, 0), "role"), "organiser");
	assert_string_equal(jsonx_str(json_array_get(roles, 0), "scope"), "challenge");
	assert_int_equal(tst_int(json_array_get(roles, 1), "scope_id"), f.ev);
	assert_string_equal(jsonx_str(json_array_get(roles, 1), "scope"), "event");
	/* the roles as shown can be sent back as they are */
	assert_int_equal(store_account_roles_set(f.s, a, roles, &e), 0);
	json_decref(acc);
	assert_int_equal(store_account_get(f.s, a, &acc, &e), 0);
	assert_int_equal(json_array_size(json_object_get(acc, "roles")), 4);
	json_decref(acc);
	roles = tst_json("[{\"role\": \"admin\", \"scope\": \"event\"}]");
	expect_err(store_account_roles_set(f.s, a, roles, E), ERR_INVALID, "roles[0].scope");
	json_decref(roles);
	roles = tst_json("[{\"role\": \"representative\", \"scope\": \"event\", \"scope_id\": 1}]");
	expect_err(store_account_roles_set(f.s, a, roles, E), ERR_INVALID, "roles[0].scope");
	json_decref(roles);

	/* store_has_role */
	assert_int_equal(store_has_role(f.s, a, STORE_ROLE_ORGANISER, f.ev, &yes, &e), 0);
	assert_int_equal(yes, 1);
	assert_int_equal(store_has_role(f.s, a, STORE_ROLE_ORGANISER, f.ev2, &yes, &e), 0);
	assert_int_equal(yes, 0);
	assert_int_equal(store_has_role(f.s, a, STORE_ROLE_ORGANISER, 0, &yes, &e), 0);
	assert_int_equal(yes, 1);
	assert_int_equal(store_has_role(f.s, a, STORE_ROLE_REPRESENTATIVE, f.org2, &yes, &e), 0);
	assert_int_equal(yes, 0);
	assert_int_equal(store_has_role(f.s, a, STORE_ROLE_JURY, 3, &yes, &e), 0);
	assert_int_equal(yes, 1);
	assert_int_equal(store_has_role(f.s, a, STORE_ROLE_ADMIN, 0, &yes, &e), 0);
	assert_int_equal(yes, 0);
	assert_int_equal(store_has_role(f.s, b, STORE_ROLE_REPRESENTATIVE, f.org2, &yes, &e), 0);
	assert_int_equal(yes, 1);
	assert_int_equal(store_has_role(f.s, 0, STORE_ROLE_ADMIN, 0, &yes, &e), 0);
	assert_int_equal(yes, 0);

	/* withdraw, replace */
	assert_int_equal(store_account_role(f.s, a, STORE_ROLE_ORGANISER, f.ev, 0, 0, &e), 0);
	assert_int_equal(store_account_role(f.s, a, STORE_ROLE_ORGANISER, f.ev, 0, 0, &e), 0);
	assert_int_equal(store_has_role(f.s, a, STORE_ROLE_ORGANISER, f.ev, &yes, &e), 0);
	assert_int_equal(yes, 0);
	roles = tst_json("[{\"role\": \"jury\", \"scope_id\": 2},"
			 " {\"role\": \"organiser\", \"scope_id\": 4, \"scope\": \"challenge\"}]");
	assert_int_equal(store_account_roles_set(f.s, a, roles, &e), 0);
	json_decref(roles);
	assert_int_equal(store_account_get(f.s, a, &acc, &e), 0);
	assert_int_equal(json_array_size(json_object_get(acc, "roles")), 2);
	json_decref(acc);
	roles = tst_json("[{\"role\": \"admin\"}, {\"role\": \"boss\"}]");
	expect_err(store_account_roles_set(f.s, a, roles, E), ERR_INVALID, "roles[1].role");
	json_decref(roles);
	roles = tst_json("[{\"role\": \"organiser\", \"scope_id\": 12345}]");
	expect_err(store_account_roles_set(f.s, a, roles, E), ERR_INVALID, "roles[0].scope_id");
	json_decref(roles);
	roles = tst_json("[{\"role\": \"jury\", \"scope_id\": 1, \"colour\": 1}]");
	expect_err(store_account_roles_set(f.s, a, roles, E), ERR_INVALID, "roles[0].colour");
	json_decref(roles);
	assert_int_equal(store_has_role(f.s, a, STORE_ROLE_JURY, 2, &yes, &e), 0);
	assert_int_equal(yes, 1); /* refused replacements changed nothing */

	/* the list */
	list = NULL;
	roles = tst_json("{\"role\": \"admin\"}");
	assert_int_equal(store_account_list(f.s, roles, &list, &e), 0);
	assert_int_equal(json_array_size(json_object_get(list, "items")), 1);
	assert_int_equal(tst_int(json_array_get(json_object_get(list, "items"), 0), "id"), b);
	json_decref(list);
	json_decref(roles);
	roles = tst_json("{\"q\": \"ADM\"}");
	assert_int_equal(store_account_list(f.s, roles, &list, &e), 0);
	assert_int_equal(json_array_size(json_object_get(list, "items")), 1);
	json_decref(list);
	json_decref(roles);
	roles = tst_json("{\"limit\": \"1\"}");
	assert_int_equal(store_account_list(f.s, roles, &list, &e), 0);
	assert_int_equal(json_array_size(json_object_get(list, "items")), 1);
	assert_string_equal(jsonx_str(list, "next"), "1");
	json_decref(list);
	json_decref(roles);
	roles = tst_json("{\"limit\": \"0\"}");
	expect_err(store_account_list(f.s, roles, &list, E), ERR_BAD_REQUEST, "limit");
	json_decref(roles);
	roles = tst_json("{\"cursor\": \"zz\"}");
	expect_err(store_account_list(f.s, roles, &list, E), ERR_BAD_REQUEST, "cursor");
	json_decref(roles);
	roles = tst_json("{\"colour\": \"red\"}");
	expect_err(store_account_list(f.s, roles, &list, E), ERR_BAD_REQUEST, "colour");
	json_decref(roles);
	store_close(f.s);
}

static void test_sessions(void **state)
{
	struct fx f;
	struct auth_principal p;
	int64_t a;
	struct err e;

	(void)state;
	fx_make(&f);
	a = account(f.s, "a@example.org", f.p[1]);
	assert_int_equal(store_account_role(f.s, a, STORE_ROLE_ADMIN, 0, 0, 1, NULL), 0);
	err_clear(&e);
	assert_int_equal(store_session_create(f.s, DIGEST_A, "csrf-a", a, 1000, &e), 0);
	assert_int_equal(store_session_create(f.s, DIGEST_B, "csrf-b", a, 1000, &e), 0);
	assert_int_equal(store_session_create(f.s, DIGEST_C, "csrf-c", a, 500, &e), 0);
	expect_err(store_session_create(f.s, "short", "x", a, 500, E), ERR_INVALID, "session");
	assert_int_equal(store_session_principal(f.s, DIGEST_A, 900, &p, &e), 0);
	assert_int_equal(p.account, a);
	assert_int_equal(p.person, f.p[1]);
	assert_int_equal(p.organisation, f.org);
	assert_int_equal(p.admin, 1);
	assert_int_equal(p.via, AUTH_VIA_SESSION);
	assert_string_equal(p.session, DIGEST_A);
	assert_string_equal(p.csrf, "csrf-a");
	assert_string_equal(p.email, "a@example.org");
	/* expired: refused and deleted */
	expect_err(store_session_principal(f.s, DIGEST_C, 500, &p, E), ERR_UNAUTHORIZED, "");
	assert_int_equal(p.account, 0);
	assert_int_equal(sql_int(f.s, "SELECT count(*) FROM sessions WHERE account_id = ?1", a), 2);
	expect_err(store_session_principal(f.s, DIGEST_C, 0, &p, E), ERR_UNAUTHORIZED, "");
	/* a new password ends the other sessions and the unused reset tokens */
	assert_int_equal(store_reset_create(f.s, a, DIGEST_C, 2000, &e), 0);
	assert_int_equal(store_account_set_password(f.s, a, HASH "2", DIGEST_A, &e), 0);
	assert_int_equal(store_session_principal(f.s, DIGEST_A, 900, &p, &e), 0);
	expect_err(store_session_principal(f.s, DIGEST_B, 900, &p, E), ERR_UNAUTHORIZED, "");
	assert_int_equal(sql_int(f.s, "SELECT count(*) FROM reset_tokens WHERE account_id = ?1", a),
			 0);
	assert_int_equal(store_account_set_password(f.s, a, HASH, NULL, &e), 0);
	expect_err(store_session_principal(f.s, DIGEST_A, 900, &p, E), ERR_UNAUTHORIZED, "");
	expect_err(store_account_set_password(f.s, 999, HASH, NULL, E), ERR_NOT_FOUND, "id");
	assert_int_equal(store_session_create(f.s, DIGEST_B, "csrf-b", a, 1000, &e), 0);
	assert_int_equal(store_session_delete(f.s, DIGEST_B, &e), 0);
	assert_int_equal(store_session_delete(f.s, DIGEST_B, &e), 0);
	expect_err(store_session_principal(f.s, DIGEST_B, 900, &p, E), ERR_UNAUTHORIZED, "");
	store_close(f.s);
}

static void test_tokens(void **state)
{
	struct fx f;
	struct auth_principal p;
	int64_t a, b, tid;
	json_t *out, *list;
	char digest[AUTH_DIGEST_SIZE], name[16];
	struct err e;

	(void)state;
	fx_make(&f);
	a = account(f.s, "a@example.org", f.p[0]);
	b = account(f.s, "b@example.org", 0);
	err_clear(&e);
	assert_int_equal(store_token_create(f.s, a, "CI", DIGEST_A, &out, &e), 0);
	tid = tst_int(out, "id");
	assert_string_equal(jsonx_str(out, "name"), "CI");
	assert_null(json_object_get(out, "digest"));
	json_decref(out);
	expect_err(store_token_create(f.s, a, "", DIGEST_B, &out, E), ERR_INVALID, "name");
	expect_err(store_token_create(f.s, a, NULL, DIGEST_B, &out, E), ERR_INVALID, "name");
	assert_int_equal(store_token_principal(f.s, DIGEST_A, &p, &e), 0);
	assert_int_equal(p.account, a);
	assert_int_equal(p.via, AUTH_VIA_TOKEN);
	assert_int_equal(p.token, tid);
	assert_int_equal(p.person, f.p[0]);
	expect_err(store_token_principal(f.s, DIGEST_B, &p, E), ERR_UNAUTHORIZED, "");
	assert_int_equal(store_token_list(f.s, a, &list, &e), 0);
	assert_int_equal(json_array_size(json_object_get(list, "items")), 1);
	out = json_array_get(json_object_get(list, "items"), 0);
	assert_non_null(jsonx_str(out, "last_used_at"));
	assert_null(json_object_get(out, "digest"));
	json_decref(list);
	expect_err(store_token_delete(f.s, b, tid, E), ERR_NOT_FOUND, "id");
	assert_int_equal(store_token_delete(f.s, a, tid, &e), 0);
	expect_err(store_token_principal(f.s, DIGEST_A, &p, E), ERR_UNAUTHORIZED, "");
	/* at most 20 */
	for (int i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "t%d", i);
		snprintf(digest, sizeof(digest), "%064d", i);
		assert_int_equal(store_token_create(f.s, a, name, digest, &out, &e), 0);
		json_decref(out);
	}
	expect_err(store_token_create(f.s, a, "one more", DIGEST_C, &out, E), ERR_CONFLICT, "");
	assert_int_equal(store_token_create(f.s, b, "b's", DIGEST_C, &out, &e), 0);
	json_decref(out);
	store_close(f.s);
}

static void test_reset_and_invitations(void **state)
{
	struct fx f;
	int64_t a, got;
	json_t *body, *out;
	char msg[384];
	struct err e;

	(void)state;
	fx_make(&f);
	a = account(f.s, "a@example.org", 0);
	err_clear(&e);
	assert_int_equal(store_reset_create(f.s, a, DIGEST_A, 1000, &e), 0);
	assert_int_equal(store_reset_create(f.s, a, DIGEST_B, 1000, &e), 0);
	assert_int_equal(store_reset_consume(f.s, DIGEST_A, 999, &got, &e), 0);
	assert_int_equal(got, a);
	expect_err(store_reset_consume(f.s, DIGEST_A, 999, &got, E), ERR_INVALID, "token");
	snprintf(msg, sizeof(msg), "%s", E_.msg);
	assert_int_equal(got, 0);
	expect_err(store_reset_consume(f.s, DIGEST_B, 1000, &got, E), ERR_INVALID, "token");
	assert_string_equal(E_.msg, msg);
	expect_err(store_reset_consume(f.s, DIGEST_C, 10, &got, E), ERR_INVALID, "token");
	assert_string_equal(E_.msg, msg);

	body = json_pack("{s:s, s:I}", "email", "new@example.org", "organisation_id",
			 (json_int_t)f.org);
	assert_int_equal(store_invitation_create(f.s, body, DIGEST_A, a, 86400, &out, &e), 0);
	assert_string_equal(jsonx_str(out, "email"), "new@example.org");
	assert_int_equal(tst_int(out, "organisation_id"), f.org);
	assert_true(json_is_false(json_object_get(out, "representative")));
	assert_string_equal(jsonx_str(out, "expires_at"), "1970-01-02T00:00:00Z");
	assert_null(json_object_get(out, "digest"));
	json_decref(out);
	json_decref(body);
	body = json_pack("{s:s, s:I, s:s, s:b}", "email", "rep@example.org", "organisation_id",
			 (json_int_t)f.org, "name", "Rep", "representative", 1);
	assert_int_equal(store_invitation_create(f.s, body, DIGEST_B, a, 100, &out, &e), 0);
	assert_true(json_is_true(json_object_get(out, "representative")));
	json_decref(out);
	json_decref(body);
	body = json_pack("{s:s, s:I}", "email", "bad", "organisation_id", (json_int_t)f.org);
	expect_err(store_invitation_create(f.s, body, DIGEST_C, a, 100, &out, E), ERR_INVALID,
		   "email");
	json_decref(body);
	body = json_pack("{s:s, s:I}", "email", "x@example.org", "organisation_id", (json_int_t)999);
	expect_err(store_invitation_create(f.s, body, DIGEST_C, a, 100, &out, E), ERR_INVALID,
		   "organisation_id");
	json_decref(body);
	body = json_pack("{s:s, s:I, s:s}", "email", "x@example.org", "organisation_id",
			 (json_int_t)f.org, "role", "boss");
	expect_err(store_invitation_create(f.s, body, DIGEST_C, a, 100, &out, E), ERR_INVALID,
		   "role");
	json_decref(body);
	assert_int_equal(store_invitation_consume(f.s, DIGEST_A, 50, &out, &e), 0);
	assert_string_equal(jsonx_str(out, "email"), "new@example.org");
	json_decref(out);
	expect_err(store_invitation_consume(f.s, DIGEST_A, 50, &out, E), ERR_INVALID, "invitation");
	expect_err(store_invitation_consume(f.s, DIGEST_B, 100, &out, E), ERR_INVALID,
		   "invitation");
	expect_err(store_invitation_consume(f.s, DIGEST_C, 1, &out, E), ERR_INVALID, "invitation");
	assert_null(out);
	store_close(f.s);
}

static json_t *list_with(struct store *s, int outbox, const char *params)
{
	json_t *p = tst_json(params), *out = NULL;
	struct err e;

	err_clear(&e);
	if ((outbox ? store_outbox_list(s, p, &out, &e) : store_audit_list(s, p, &out, &e)) != 0)
		fail_msg("%s: %s: %s", params, e.field, e.msg);
	json_decref(p);
	return out;
}

static size_t items(json_t *page)
{
	size_t n = json_array_size(json_object_get(page, "items"));

	json_decref(page);
	return n;
}

static void test_outbox_audit_throttle(void **state)
{
	struct fx f;
	int64_t a;
	json_t *page, *p;
	char params[64];
	int n;
	struct err e;

	(void)state;
	fx_make(&f);
	a = account(f.s, "a@example.org", 0);
	err_clear(&e);
	assert_int_equal(store_outbox_add(f.s, "x@example.org", "password_reset", "Reset", "Link",
					  0, &e),
			 0);
	assert_int_equal(store_outbox_add(f.s, "y@example.org", "invitation", "Hi", "Join", a, &e),
			 0);
	assert_int_equal(store_outbox_add(f.s, "X@example.org", "invitation", "Hi", "Join", a, &e),
			 0);
	expect_err(store_outbox_add(f.s, "nobody", "invitation", "Hi", "Join", a, E), ERR_INVALID,
		   "to");
	expect_err(store_outbox_add(f.s, "x@example.org", "", "Hi", "Join", a, E), ERR_INVALID,
		   "kind");
	assert_int_equal(items(list_with(f.s, 1, "{}")), 3);
	assert_int_equal(items(list_with(f.s, 1, "{\"to\": \"x@EXAMPLE.org\"}")), 2);
	assert_int_equal(items(list_with(f.s, 1, "{\"kind\": \"invitation\"}")), 2);
	snprintf(params, sizeof(params), "{\"by\": \"%" PRId64 "\"}", a);
	assert_int_equal(items(list_with(f.s, 1, params)), 2);
	page = list_with(f.s, 1, "{\"limit\": \"2\"}");
	p = json_array_get(json_object_get(page, "items"), 0);
	assert_string_equal(jsonx_str(p, "to"), "x@example.org");
	assert_string_equal(jsonx_str(p, "subject"), "Reset");
	assert_null(json_object_get(p, "by"));
	assert_int_equal(tst_int(json_array_get(json_object_get(page, "items"), 1), "by"), a);
	snprintf(params, sizeof(params), "{\"cursor\": \"%s\"}", jsonx_str(page, "next"));
	assert_int_equal(items(page), 2);
	page = list_with(f.s, 1, params);
	assert_true(json_is_null(json_object_get(page, "next")));
	assert_int_equal(items(page), 1);
	p = tst_json("{\"limit\": \"201\"}");
	expect_err(store_outbox_list(f.s, p, &page, E), ERR_BAD_REQUEST, "limit");
	json_decref(p);
	p = tst_json("{\"sender\": \"1\"}");
	expect_err(store_outbox_list(f.s, p, &page, E), ERR_BAD_REQUEST, "sender");
	assert_non_null(strstr(E_.msg, "known: to, kind, by, limit, cursor"));
	json_decref(p);

	/* audit */
	assert_int_equal(store_audit_add(f.s, a, "a@example.org", "user role", 200, NULL, &e), 0);
	assert_int_equal(store_audit_add(f.s, 0, NULL, "POST /api/v1/events", 201, "x", &e), 0);
	page = list_with(f.s, 0, "{}");
	p = json_array_get(json_object_get(page, "items"), 0);
	assert_string_equal(jsonx_str(p, "action"), "user role");
	assert_int_equal(tst_int(p, "status"), 200);
	assert_int_equal(tst_int(p, "account_id"), a);
	assert_int_equal(strlen(jsonx_str(p, "at")), 20);
	assert_null(json_object_get(json_array_get(json_object_get(page, "items"), 1),
				    "account_id"));
	assert_int_equal(items(page), 2);
	snprintf(params, sizeof(params), "{\"account\": \"%" PRId64 "\"}", a);
	assert_int_equal(items(list_with(f.s, 0, params)), 1);
	assert_int_equal(items(list_with(f.s, 0, "{\"since\": \"2999-01-01T00:00:00Z\"}")), 0);
	assert_int_equal(items(list_with(f.s, 0, "{\"since\": \"2000-01-01T00:00:00+08:00\"}")), 2);
	p = tst_json("{\"since\": \"yesterday\"}");
	expect_err(store_audit_list(f.s, p, &page, E), ERR_BAD_REQUEST, "since");
	json_decref(p);

	/* throttle */
	assert_int_equal(store_throttle_hit(f.s, "ip:1", 100, &e), 0);
	assert_int_equal(store_throttle_hit(f.s, "ip:1", 150, &e), 0);
	assert_int_equal(store_throttle_hit(f.s, "ip:1", 200, &e), 0);
	assert_int_equal(store_throttle_hit(f.s, "ip:2", 200, &e), 0);
	assert_int_equal(store_throttle_count(f.s, "ip:1", 210, 1000, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_int_equal(store_throttle_count(f.s, "ip:1", 210, 100, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(store_throttle_count(f.s, "ip:1", 210, 1000, &n, &e), 0);
	assert_int_equal(n, 2); /* the older one was dropped */
	assert_int_equal(store_throttle_clear(f.s, "ip:1", &e), 0);
	assert_int_equal(store_throttle_count(f.s, "ip:1", 210, 1000, &n, &e), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_throttle_count(f.s, "ip:2", 210, 1000, &n, &e), 0);
	assert_int_equal(n, 1);
	/* a hit a day later forgets every older attempt, of any key */
	assert_int_equal(store_throttle_hit(f.s, "ip:3", 200 + STORE_THROTTLE_KEEP, &e), 0);
	assert_int_equal(sql_int(f.s, "SELECT count(*) FROM throttle WHERE ?1 = 0", 0), 1);
	store_close(f.s);
}

static void test_owner(void **state)
{
	struct fx f;
	struct store_owner o;
	int64_t opp, reg, req, meeting, agr;
	char body[256];
	struct err e;

	(void)state;
	fx_make(&f);
	err_clear(&e);
	snprintf(body, sizeof(body),
		 "{\"organisation_id\": %" PRId64 ", \"type\": \"offer\", \"title\": \"T\"}", f.org2);
	opp = tst_create_id(f.s, STORE_OPPORTUNITY, body);
	req = request(&f, 2, 1, "accept");
	meeting = sql_int(f.s, "SELECT id FROM meetings WHERE request_id = ?1", req);
	reg = sql_int(f.s, "SELECT id FROM registrations WHERE person_id = ?1", f.p[3]);
	snprintf(body, sizeof(body),
		 "{\"title\": \"MoU\", \"kind\": \"mou\", \"parties\": [%" PRId64 ", %" PRId64
		 "], \"event_id\": %" PRId64 "}",
		 f.org2, f.org, f.ev);
	agr = tst_create_id(f.s, STORE_AGREEMENT, body);

	assert_int_equal(store_owner(f.s, STORE_ORGANISATION, f.org, &o, &e), 0);
	assert_int_equal(o.organisation, f.org);
	assert_int_equal(store_owner(f.s, STORE_PERSON, f.p[4], &o, &e), 0);
	assert_int_equal(o.organisation, f.org2);
	assert_int_equal(o.person, f.p[4]);
	assert_int_equal(store_owner(f.s, STORE_OPPORTUNITY, opp, &o, &e), 0);
	assert_int_equal(o.organisation, f.org2);
	assert_int_equal(o.person, 0);
	assert_int_equal(store_owner(f.s, STORE_EVENT, f.ev2, &o, &e), 0);
	assert_int_equal(o.event, f.ev2);
	assert_int_equal(store_owner(f.s, STORE_REGISTRATION, reg, &o, &e), 0);
	assert_int_equal(o.event, f.ev);
	assert_int_equal(o.person, f.p[3]);
	assert_int_equal(o.organisation, f.org);
	assert_int_equal(store_owner(f.s, STORE_MEETING_REQUEST, req, &o, &e), 0);
	assert_int_equal(o.event, f.ev);
	assert_int_equal(o.person, f.p[2]);
	assert_int_equal(o.person2, f.p[1]);
	assert_int_equal(store_owner(f.s, STORE_MEETING, meeting, &o, &e), 0);
	assert_int_equal(o.event, f.ev);
	assert_int_equal(o.person, f.p[1]);
	assert_int_equal(o.person2, f.p[2]);
	assert_int_equal(store_owner(f.s, STORE_AGREEMENT, agr, &o, &e), 0);
	assert_int_equal(o.event, f.ev);
	assert_int_equal(o.organisation, f.org2);
	assert_int_equal(o.organisation2, f.org);
	for (int r = 0; r < STORE_RES_COUNT; r++)
		expect_err(store_owner(f.s, (enum store_res)r, 9999, &o, E), ERR_NOT_FOUND, "id");
	store_close(f.s);
}

static int contact(struct fx *f, int64_t account, int64_t person)
{
	struct auth_principal p;
	int yes = -1;

	memset(&p, 0, sizeof(p));
	if (account && acct_principal_fill(f->s, account, &p, NULL))
		fail_msg("principal %" PRId64, account);
	assert_int_equal(store_contact_visible(f->s, &p, person, &yes, NULL), 0);
	return yes;
}

static int visible(struct fx *f, int64_t account, int64_t person)
{
	struct auth_principal p;
	int yes = -1;

	memset(&p, 0, sizeof(p));
	if (account && acct_principal_fill(f->s, account, &p, NULL))
		fail_msg("principal %" PRId64, account);
	assert_int_equal(store_person_visible(f->s, &p, person, &yes, NULL), 0);
	return yes;
}

static void test_contact_visible(void **state)
{
	struct fx f;
	int64_t a0, a3, a4, admin, org, other;
	char body[160];

	(void)state;
	fx_make(&f);
	snprintf(body, sizeof(body),
		 "{\"event_id\": %" PRId64 ", \"person_id\": %" PRId64 ", \"attendance\": \"online\"}",
		 f.ev, f.p[4]);
	tst_create_id(f.s, STORE_REGISTRATION, body);
	a0 = account(f.s, "a0@example.org", f.p[0]);
	a3 = account(f.s, "a3@example.org", f.p[3]);
	a4 = account(f.s, "a4@example.org", f.p[4]);
	admin = account(f.s, "admin@example.org", 0);
	org = account(f.s, "org@example.org", 0);
	other = account(f.s, "other@example.org", 0);
	assert_int_equal(store_account_role(f.s, admin, STORE_ROLE_ADMIN, 0, 0, 1, NULL), 0);
	assert_int_equal(store_account_role(f.s, org, STORE_ROLE_ORGANISER, f.ev, 0, 1, NULL), 0);
	assert_int_equal(store_account_role(f.s, other, STORE_ROLE_ORGANISER, f.ev2, 0, 1, NULL), 0);
	assert_int_equal(store_account_role(f.s, other, STORE_ROLE_REPRESENTATIVE, f.org, 0, 1, NULL),
			 0);
	request(&f, 0, 1, "accept");  /* p0 -> p1 accepted */
	request(&f, 2, 0, "accept");  /* p2 -> p0 accepted: the other direction */
	request(&f, 0, 3, NULL);      /* requested */
	request(&f, 4, 0, "decline"); /* declined */

	assert_int_equal(contact(&f, a0, f.p[0]), 1);    /* self */
	assert_int_equal(contact(&f, admin, f.p[3]), 1); /* admin */
	assert_int_equal(contact(&f, org, f.p[3]), 1);   /* organiser of p3's event */
	assert_int_equal(contact(&f, other, f.p[3]), 0); /* organiser of another event */
	assert_int_equal(contact(&f, a0, f.p[1]), 1);    /* accepted, p0 asked */
	assert_int_equal(contact(&f, a0, f.p[2]), 1);    /* accepted, p2 asked */
	assert_int_equal(contact(&f, a0, f.p[3]), 0);    /* requested */
	assert_int_equal(contact(&f, a3, f.p[0]), 0);    /* requested, either side */
	assert_int_equal(contact(&f, a0, f.p[4]), 0);    /* declined */
	assert_int_equal(contact(&f, a4, f.p[0]), 0);
	assert_int_equal(contact(&f, a3, f.p[1]), 0);    /* stranger */
	assert_int_equal(contact(&f, 0, f.p[1]), 0);     /* anonymous */
	/* an organiser who registered p5 themselves does not get p5's contact so */
	{
		char reg[160];
		int64_t p5, r5;
		struct err e;

		err_clear(&e);
		snprintf(reg, sizeof(reg), "{\"organisation_id\": %" PRId64 ", \"name\": \"P5\"}",
			 f.org);
		p5 = tst_create_id(f.s, STORE_PERSON, reg);
		snprintf(reg, sizeof(reg),
			 "{\"event_id\": %" PRId64 ", \"person_id\": %" PRId64
			 ", \"attendance\": \"online\"}",
			 f.ev2, p5);
		r5 = tst_create_id(f.s, STORE_REGISTRATION, reg);
		assert_int_equal(contact(&f, other, p5), 1);
		assert_int_equal(store_registration_added_by(f.s, r5, other, &e), 0);
		assert_int_equal(contact(&f, other, p5), 0);
	}

	assert_int_equal(visible(&f, other, f.p[1]), 1); /* representative of p1's organisation */
	assert_int_equal(visible(&f, other, f.p[4]), 0);
	assert_int_equal(visible(&f, org, f.p[4]), 1);   /* organiser */
	assert_int_equal(visible(&f, a3, f.p[4]), 0);
	assert_int_equal(visible(&f, a3, f.p[3]), 1);
	assert_int_equal(visible(&f, 0, f.p[3]), 0);
	store_close(f.s);
}

static int public_of(struct fx *f, int64_t person)
{
	int yes = -1;

	assert_int_equal(store_person_public(f->s, person, &yes, NULL), 0);
	return yes;
}

static void test_person_public(void **state)
{
	struct fx f;
	json_t *patch, *out;
	int64_t reg;
	int yes;
	struct err e;

	(void)state;
	fx_make(&f);
	err_clear(&e);
	assert_int_equal(store_get(f.s, STORE_EVENT, f.ev, &out, &e), 0);
	assert_true(json_is_false(json_object_get(out, "profile_validation")));
	json_decref(out);
	reg = sql_int(f.s, "SELECT id FROM registrations WHERE person_id = ?1", f.p[1]);
	patch = tst_json("{\"validation\": \"pending\"}");
	assert_int_equal(store_update(f.s, STORE_REGISTRATION, reg, patch, &out, &e), 0);
	json_decref(out);
	json_decref(patch);
	assert_int_equal(public_of(&f, f.p[1]), 1); /* the event does not validate profiles */
	patch = tst_json("{\"profile_validation\": true}");
	assert_int_equal(store_update(f.s, STORE_EVENT, f.ev, patch, &out, &e), 0);
	assert_true(json_is_true(json_object_get(out, "profile_validation")));
	json_decref(out);
	json_decref(patch);
	assert_int_equal(public_of(&f, f.p[1]), 0);
	assert_int_equal(public_of(&f, f.p[2]), 1); /* validated by default */
	assert_int_equal(public_of(&f, f.p[4]), 1); /* no registration */
	patch = tst_json("{\"validation\": \"rejected\"}");
	assert_int_equal(store_update(f.s, STORE_REGISTRATION, reg, patch, &out, &e), 0);
	json_decref(out);
	json_decref(patch);
	assert_int_equal(public_of(&f, f.p[1]), 0);
	patch = tst_json("{\"validation\": \"validated\"}");
	assert_int_equal(store_update(f.s, STORE_REGISTRATION, reg, patch, &out, &e), 0);
	json_decref(out);
	json_decref(patch);
	assert_int_equal(public_of(&f, f.p[1]), 1);
	patch = tst_json("{\"profile_validation\": 1}");
	expect_err(store_update(f.s, STORE_EVENT, f.ev, patch, &out, E), ERR_INVALID,
		   "profile_validation");
	json_decref(patch);
	expect_err(store_person_public(f.s, 9999, &yes, E), ERR_NOT_FOUND, "id");
	store_close(f.s);
}

static void test_delete_and_export(void **state)
{
	struct fx f;
	int64_t a, accepted, asked, asking, meeting, count;
	json_t *out, *x;
	int yes, n;
	struct err e;

	(void)state;
	fx_make(&f);
	a = account(f.s, "p0@example.org", f.p[0]);
	accepted = request(&f, 0, 1, "accept");
	asked = request(&f, 2, 0, NULL);
	asking = request(&f, 0, 3, NULL);
	meeting = sql_int(f.s, "SELECT id FROM meetings WHERE request_id = ?1", accepted);
	err_clear(&e);
	assert_int_equal(store_requests_today(f.s, f.p[0], (int64_t)time(NULL), &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(store_requests_today(f.s, f.p[0], (int64_t)time(NULL) + 90000, &n, &e), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_outbox_add(f.s, "P0@example.org", "meeting_request", "S", "B", 0, &e),
			 0);
	assert_int_equal(store_audit_add(f.s, a, "p0@example.org", "act", 200, NULL, &e), 0);
	assert_int_equal(store_session_create(f.s, DIGEST_A, "c", a, 1000, &e), 0);
	assert_int_equal(store_exec(f.s, &e, "UPDATE meeting_requests SET message = 'hello'", ""),
			 0);

	assert_int_equal(store_account_export(f.s, a, &out, &e), 0);
	assert_int_equal(tst_int(json_object_get(out, "account"), "id"), a);
	assert_string_equal(jsonx_str(json_object_get(out, "person"), "email"), "p0@example.org");
	assert_int_equal(tst_int(json_object_get(out, "organisation"), "id"), f.org);
	x = json_object_get(out, "registrations");
	assert_int_equal(json_array_size(x), 1);
	assert_int_equal(tst_int(json_array_get(x, 0), "event_id"), f.ev);
	assert_int_equal(json_array_size(json_object_get(out, "meeting_requests")), 3);
	assert_int_equal(json_array_size(json_object_get(out, "meetings")), 1);
	assert_int_equal(json_array_size(json_object_get(out, "agreements")), 0);
	assert_int_equal(tst_int(out, "sessions"), 1);
	assert_int_equal(json_array_size(json_object_get(out, "notifications")), 1);
	assert_int_equal(json_array_size(json_object_get(out, "audit")), 1);
	assert_int_equal(json_array_size(json_object_get(out, "api_tokens")), 0);
	json_decref(out);

	assert_int_equal(store_account_delete(f.s, a, &e), 0);
	expect_err(store_account_delete(f.s, a, E), ERR_NOT_FOUND, "id");
	expect_err(store_account_find(f.s, "p0@example.org", &count, NULL, 0, E), ERR_NOT_FOUND,
		   "email");
	assert_int_equal(sql_int(f.s, "SELECT count(*) FROM sessions WHERE account_id = ?1", a), 0);
	/* what they wrote and what was queued for them is gone; others' words stay */
	assert_int_equal(sql_int(f.s, "SELECT count(*) FROM outbox WHERE ?1 = 0", 0), 0);
	assert_int_equal(sql_int(f.s, "SELECT count(*) FROM meeting_requests WHERE message IS NOT"
				      " NULL AND requester_id = ?1", f.p[0]), 0);
	assert_int_equal(sql_int(f.s, "SELECT count(*) FROM meeting_requests WHERE message IS NOT"
				      " NULL AND requester_id <> ?1", f.p[0]), 1);
	assert_int_equal(store_get(f.s, STORE_PERSON, f.p[0], &out, &e), 0);
	assert_string_equal(jsonx_str(out, "name"), "Deleted participant");
	assert_null(json_object_get(out, "email"));
	assert_null(json_object_get(out, "phone"));
	assert_null(json_object_get(out, "languages"));
	assert_null(json_object_get(out, "deleted_at"));
	json_decref(out);
	assert_int_equal(sql_int(f.s, "SELECT deleted_at IS NOT NULL FROM people WHERE id = ?1",
				 f.p[0]),
			 1);
	assert_int_equal(sql_int(f.s, "SELECT count(*) FROM people WHERE email LIKE 'p0@%' OR ?1",
				 0),
			 0);
	assert_int_equal(store_get(f.s, STORE_MEETING, meeting, &out, &e), 0);
	json_decref(out);
	assert_int_equal(store_get(f.s, STORE_MEETING_REQUEST, accepted, &out, &e), 0);
	assert_string_equal(jsonx_str(out, "state"), "accepted");
	json_decref(out);
	assert_int_equal(store_get(f.s, STORE_MEETING_REQUEST, asked, &out, &e), 0);
	assert_string_equal(jsonx_str(out, "state"), "cancelled");
	json_decref(out);
	assert_int_equal(store_get(f.s, STORE_MEETING_REQUEST, asking, &out, &e), 0);
	assert_string_equal(jsonx_str(out, "state"), "cancelled");
	json_decref(out);
	assert_int_equal(store_person_public(f.s, f.p[0], &yes, &e), 0);
	assert_int_equal(yes, 0);
	assert_int_equal(tst_count(f.s, STORE_PERSON, "{\"q\": \"Deleted\"}"), 1);
	assert_int_equal(tst_count(f.s, STORE_PERSON, "{\"q\": \"Person\"}"), 4);
	/* an account without a person */
	a = account(f.s, "solo@example.org", 0);
	assert_int_equal(store_account_export(f.s, a, &out, &e), 0);
	assert_null(json_object_get(out, "person"));
	assert_int_equal(json_array_size(json_object_get(out, "meetings")), 0);
	json_decref(out);
	assert_int_equal(store_account_delete(f.s, a, &e), 0);
	store_close(f.s);
}

static json_t *load_demo_file(const char *name)
{
	const char *dir = getenv("LIAISON_SOURCE_DIR");
	char path[1024];
	json_t *v;
	struct err e;

	snprintf(path, sizeof(path), "%s/data/demo/%s", dir ? dir : ".", name);
	if (jsonx_load_file(path, 1 << 26, &v, &e))
		fail_msg("%s: %s", path, e.msg);
	return v;
}

static void test_demo_accounts(void **state)
{
	json_t *orgs = load_demo_file("organisations.json");
	json_t *events = load_demo_file("events.json");
	json_t *accounts = load_demo_file("accounts.json");
	struct store *s = tst_open();
	int64_t id, ev = 0, org = 0;
	char hash[AUTH_HASH_SIZE];
	int yes;
	struct err e;

	(void)state;
	err_clear(&e);
	assert_int_equal(auth_init(&e), 0);
	if (store_load_demo(s, orgs, events, &e))
		fail_msg("load demo: %s: %s", e.field, e.msg);
	if (store_load_demo_accounts(s, accounts, &e))
		fail_msg("demo accounts: %s: %s", e.field, e.msg);
	/* one account per entry of accounts.json (the challenge's jury adds three) */
	assert_int_equal(json_array_size(accounts), 10);
	assert_int_equal(sql_int(s, "SELECT count(*) FROM accounts WHERE id > ?1", 0), 10);
	assert_int_equal(store_load_demo_accounts(s, accounts, &e), 0); /* idempotent */
	assert_int_equal(sql_int(s, "SELECT count(*) FROM accounts WHERE id > ?1", 0), 10);
	assert_int_equal(sql_int(s, "SELECT count(*) FROM account_roles WHERE scope_id >= ?1", 0), 5);
	assert_int_equal(store_account_find(s, "admin@demo.liaison.example", &id, hash,
					    sizeof(hash), &e),
			 0);
	assert_int_equal(auth_password_verify(hash, "demo-admin-pass"), 1);
	assert_int_equal(store_has_role(s, id, STORE_ROLE_ADMIN, 0, &yes, &e), 0);
	assert_int_equal(yes, 1);
	assert_int_equal(store_find_ref(s, STORE_EVENT, "eu-cn-fair-2026", &ev, &e), 0);
	assert_int_equal(store_find_ref(s, STORE_ORGANISATION, "fi-mobisync", &org, &e), 0);
	assert_int_equal(store_account_find(s, "organiser@demo.liaison.example", &id, NULL, 0, &e),
			 0);
	assert_int_equal(store_has_role(s, id, STORE_ROLE_ORGANISER, ev, &yes, &e), 0);
	assert_int_equal(yes, 1);
	assert_int_equal(sql_int(s, "SELECT count(*) FROM account_roles WHERE account_id = ?1"
				 " AND scope_kind = 'challenge' AND scope_id = 1", id), 1);
	assert_int_equal(store_account_find(s, "rep@demo.liaison.example", &id, NULL, 0, &e), 0);
	assert_int_equal(store_has_role(s, id, STORE_ROLE_REPRESENTATIVE, org, &yes, &e), 0);
	assert_int_equal(yes, 1);
	assert_int_equal(store_account_find(s, "jury@demo.liaison.example", &id, NULL, 0, &e), 0);
	assert_int_equal(store_has_role(s, id, STORE_ROLE_JURY, 1, &yes, &e), 0);
	assert_int_equal(yes, 1);
	assert_int_equal(store_account_find(s, "participant@demo.liaison.example", &id, NULL, 0, &e),
			 0);
	assert_true(sql_int(s, "SELECT person_id FROM accounts WHERE id = ?1", id) > 0);
	assert_int_equal(sql_int(s, "SELECT count(*) FROM account_roles WHERE account_id = ?1", id),
			 0);
	json_decref(orgs);
	json_decref(events);
	json_decref(accounts);
	store_close(s);
}

static void test_demo_accounts_refused(void **state)
{
	struct store *s = tst_open();
	json_t *bad = tst_json("[{\"email\": \"x@example.org\", \"password\": \"long enough pw\","
			       " \"person\": \"nobody\", \"roles\": []}]");

	(void)state;
	expect_err(store_load_demo_accounts(s, bad, E), ERR_INVALID, "accounts[0].person");
	json_decref(bad);
	bad = tst_json("[{\"email\": \"x@example.org\", \"password\": \"short\", \"roles\": []}]");
	expect_err(store_load_demo_accounts(s, bad, E), ERR_INVALID, "accounts[0].password");
	json_decref(bad);
	bad = tst_json("[{\"email\": \"x@example.org\", \"password\": \"long enough pw\","
		       " \"roles\": [{\"role\": \"organiser\", \"scope\": \"no-such-event\"}]}]");
	expect_err(store_load_demo_accounts(s, bad, E), ERR_INVALID, "accounts[0].roles[0].scope");
	json_decref(bad);
	assert_int_equal(sql_int(s, "SELECT count(*) FROM accounts WHERE id > ?1", 0), 0);
	store_close(s);
}

static const char *pragma_text(struct store *s, const char *sql, char *out, size_t n)
{
	struct db_stmt *st;

	assert_int_equal(store_prep(s, sql, &st, NULL), 0);
	assert_int_equal(store_step(s, st, NULL), 1);
	snprintf(out, n, "%s", db_col_text(st, 0));
	store_reset(st);
	return out;
}

/* Migration 4 over a database made by migrations 1-3 that holds data. */
static void test_migration_4(void **state)
{
	struct store *s = NULL;
	char text[64];
	int applied = 0, version = 0;
	json_t *out;
	struct err e;

	(void)state;
	err_clear(&e);
	assert_int_equal(store_open(&s, ":memory:", 0, &e), 0);
	assert_int_equal(store_script(s, "CREATE TABLE schema_migrations (version INTEGER PRIMARY"
				      " KEY, applied_at TEXT NOT NULL)", &e), 0);
	for (int v = 1; v <= 3; v++) {
		assert_int_equal(store_script(s, store_migrations[v - 1], &e), 0);
		assert_int_equal(store_exec(s, &e, "INSERT INTO schema_migrations VALUES (?1, 'x')",
					    "i", (int64_t)v), 0);
	}
	assert_int_equal(store_exec(s, &e, "INSERT INTO events(name, time_zone, mode, created_at,"
				    " updated_at) VALUES ('Old', 'UTC', 'online', 'x', 'x')", ""), 0);
	assert_int_equal(store_migrate(s, &applied, &e), 0);
	assert_int_equal(applied, store_migration_count - 3);
	assert_int_equal(store_schema_version(s, &version, &e), 0);
	assert_true(version >= 4);
	assert_int_equal(store_get(s, STORE_EVENT, 1, &out, &e), 0);
	assert_true(json_is_false(json_object_get(out, "profile_validation")));
	json_decref(out);
	assert_string_equal(pragma_text(s, "PRAGMA integrity_check", text, sizeof(text)), "ok");
	assert_string_equal(pragma_text(s, "SELECT count(*) FROM pragma_foreign_key_check", text,
					sizeof(text)), "0");
	store_close(s);
	/* a fresh database with accounts in it stays whole */
	s = tst_open();
	account(s, "a@example.org", 0);
	assert_int_equal(store_account_role(s, 1, STORE_ROLE_JURY, 3, 0, 1, &e), 0);
	assert_int_equal(store_session_create(s, DIGEST_A, "c", 1, 10, &e), 0);
	assert_int_equal(store_reset_create(s, 1, DIGEST_B, 10, &e), 0);
	assert_string_equal(pragma_text(s, "PRAGMA integrity_check", text, sizeof(text)), "ok");
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_account_create),
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_sessions),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_reset_and_invitations),
		cmocka_unit_test(test_outbox_audit_throttle),
		cmocka_unit_test(test_owner),
		cmocka_unit_test(test_contact_visible),
		cmocka_unit_test(test_person_public),
		cmocka_unit_test(test_delete_and_export),
		cmocka_unit_test(test_demo_accounts),
		cmocka_unit_test(test_demo_accounts_refused),
		cmocka_unit_test(test_migration_4),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
