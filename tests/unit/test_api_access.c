/*
 * test_api_access.c - the access declaration of every route and the
 * decisions of the guard (src/api/guard.c) on an in-memory store: public,
 * signed-in, self, partner, representative, organiser and admin, judged
 * against path rows and bodies; routes that declare nobody are refused;
 * the audit hook logs admin and organiser writes only.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "api/api_internal.h"
#include "core/jsonx.h"
#include "store/account.h"

#include <stdio.h>
#include <string.h>

/* A small world: two organisations, three people, an event, a request. */
struct world {
	struct store *s;
	struct service_conn *c; /* over s: the server's per-worker context */
	int64_t org_a, org_b, alice, bob, carol, event, request;
	int64_t acc_alice, acc_bob, acc_carol, acc_org, acc_admin;
};

static struct world w;

static int64_t create(enum store_res res, const char *text)
{
	json_t *body = NULL, *out = NULL;
	struct err e;
	int64_t id;

	err_clear(&e);
	assert_int_equal(jsonx_parse(text, strlen(text), &body, &e), 0);
	if (store_create(w.s, res, body, &out, &e))
		fail_msg("create %s: %s: %s", text, e.field, e.msg);
	id = json_integer_value(json_object_get(out, "id"));
	json_decref(body);
	json_decref(out);
	return id;
}

static int64_t account(const char *email, int64_t person)
{
	struct err e;
	int64_t id = 0;

	err_clear(&e);
	assert_int_equal(store_account_create(w.s, email, "$argon2id$not-a-real-hash", person, &id,
					      &e),
			 0);
	return id;
}

static int setup(void **state)
{
	char text[512];
	struct err e;

	(void)state;
	err_clear(&e);
	memset(&w, 0, sizeof(w));
	assert_int_equal(store_open(&w.s, ":memory:", STORE_MIGRATE, &e), 0);
	w.c = service_conn_wrap(w.s);
	w.org_a = create(STORE_ORGANISATION, "{\"name\": \"Tampere\", \"kind\": \"city\", "
					     "\"country\": \"FI\"}");
	w.org_b = create(STORE_ORGANISATION, "{\"name\": \"成都\", \"kind\": \"city\", "
					     "\"country\": \"CN\"}");
	snprintf(text, sizeof(text), "{\"organisation_id\": %lld, \"name\": \"Alice\"}",
		 (long long)w.org_a);
	w.alice = create(STORE_PERSON, text);
	snprintf(text, sizeof(text), "{\"organisation_id\": %lld, \"name\": \"杨帆\"}",
		 (long long)w.org_b);
	w.bob = create(STORE_PERSON, text);
	w.carol = create(STORE_PERSON, text);
	w.event = create(STORE_EVENT, "{\"name\": \"Fair\", \"time_zone\": \"Asia/Shanghai\", "
				      "\"mode\": \"hybrid\"}");
	for (int i = 0; i < 2; i++) {
		snprintf(text, sizeof(text),
			 "{\"event_id\": %lld, \"person_id\": %lld, \"attendance\": \"onsite\"}",
			 (long long)w.event, (long long)(i ? w.bob : w.alice));
		create(STORE_REGISTRATION, text);
	}
	snprintf(text, sizeof(text),
		 "{\"event_id\": %lld, \"requester_id\": %lld, \"invitee_id\": %lld}",
		 (long long)w.event, (long long)w.alice, (long long)w.bob);
	w.request = create(STORE_MEETING_REQUEST, text);
	w.acc_alice = account("alice@example.fi", w.alice);
	w.acc_bob = account("bob@example.cn", w.bob);
	w.acc_carol = account("carol@example.cn", w.carol);
	w.acc_org = account("organiser@example.eu", 0);
	w.acc_admin = account("admin@example.eu", 0);
	assert_int_equal(store_account_role(w.s, w.acc_org, STORE_ROLE_ORGANISER, w.event, 0, 1, &e),
			 0);
	assert_int_equal(store_account_role(w.s, w.acc_admin, STORE_ROLE_ADMIN, 0, 0, 1, &e), 0);
	assert_int_equal(
		store_account_role(w.s, w.acc_carol, STORE_ROLE_REPRESENTATIVE, w.org_b, 0, 1, &e),
		0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	service_conn_close(w.c);
	store_close(w.s);
	return 0;
}

static const struct http_route *route_of(int method, const char *pattern)
{
	for (size_t i = 0; i < api_nroutes; i++)
		if ((api_routes[i].methods & method) && strcmp(api_routes[i].pattern, pattern) == 0)
			return &api_routes[i];
	fail_msg("no route %s", pattern);
	return NULL;
}

/*
 * Runs the guard's decision for the caller of account acc (0 = anonymous)
 * on method path (with {id} = id, body may be NULL); returns the status
 * (0 = let in).
 */
static int decide(int64_t acc, int method, const char *pattern, int64_t id, const char *body)
{
	const struct http_route *route = route_of(method, pattern);
	struct api_auth auth;
	struct http_req req;
	struct http_resp resp;
	char path[256], param[32];
	const char *brace = strstr(pattern, "{id}");
	struct err e;
	int rc;

	memset(&auth, 0, sizeof(auth));
	memset(&req, 0, sizeof(req));
	memset(&resp, 0, sizeof(resp));
	err_clear(&e);
	if (acc) {
		json_t *a = NULL;

		/* the principal a token or session would give */
		assert_int_equal(store_account_get(w.s, acc, &a, &e), 0);
		auth.p.account = acc;
		auth.p.person = json_integer_value(json_object_get(a, "person_id"));
		auth.p.organisation = json_integer_value(json_object_get(a, "organisation_id"));
		auth.p.admin = acc == w.acc_admin;
		auth.p.via = AUTH_VIA_TOKEN;
		json_decref(a);
	}
	snprintf(param, sizeof(param), "%lld", (long long)id);
	if (brace)
		snprintf(path, sizeof(path), "%.*s%s%s", (int)(brace - pattern), pattern, param,
			 brace + 4);
	else
		snprintf(path, sizeof(path), "%s", pattern);
	req.method = method;
	req.path = path;
	req.params[0] = param;
	req.nparams = brace ? 1 : 0;
	req.body = body;
	req.body_len = body ? strlen(body) : 0;
	req.worker = w.c;
	req.request_id = "test";
	req.auth = &auth;
	rc = api_authorize(&req, route, &resp);
	json_decref(resp.json);
	return rc ? resp.status : 0;
}

#define P "/api/v1/"

static void test_every_route_declares_who_may_call_it(void **state)
{
	(void)state;
	for (size_t i = 0; i < api_nroutes; i++) {
		if (!api_routes[i].access)
			fail_msg("%s declares no access", api_routes[i].pattern);
		if (api_routes[i].access >> API_ACCESS_COUNT)
			fail_msg("%s declares unknown access bits", api_routes[i].pattern);
	}
}

static void test_undeclared_route_is_refused(void **state)
{
	static const struct http_route nobody = {HTTP_GET, P "health", NULL, 0};
	struct api_auth auth;
	struct http_req req;
	struct http_resp resp;

	(void)state;
	memset(&auth, 0, sizeof(auth));
	memset(&req, 0, sizeof(req));
	memset(&resp, 0, sizeof(resp));
	req.method = HTTP_GET;
	req.path = P "health";
	req.worker = w.c;
	req.request_id = "test";
	req.auth = &auth;
	assert_int_not_equal(api_authorize(&req, &nobody, &resp), 0);
	assert_int_equal(resp.status, 401);
	json_decref(resp.json);
	memset(&resp, 0, sizeof(resp));
	auth.p.account = w.acc_admin;
	auth.p.admin = 1;
	assert_int_not_equal(api_authorize(&req, &nobody, &resp), 0);
	assert_int_equal(resp.status, 403); /* not even an admin */
	json_decref(resp.json);
}

static void test_public_and_signed_in(void **state)
{
	(void)state;
	assert_int_equal(decide(0, HTTP_GET, P "organisations", 0, NULL), 0);
	assert_int_equal(decide(0, HTTP_GET, P "meeting-requests", 0, NULL), 401);
	assert_int_equal(decide(w.acc_bob, HTTP_GET, P "meeting-requests", 0, NULL), 0);
	assert_int_equal(decide(0, HTTP_GET, P "audit", 0, NULL), 401);
	assert_int_equal(decide(w.acc_org, HTTP_GET, P "audit", 0, NULL), 403);
	assert_int_equal(decide(w.acc_admin, HTTP_GET, P "audit", 0, NULL), 0);
}

static void test_self_and_representative_on_path(void **state)
{
	(void)state;
	assert_int_equal(decide(w.acc_alice, HTTP_PATCH, P "people/{id}", w.alice, "{}"), 0);
	assert_int_equal(decide(w.acc_alice, HTTP_PATCH, P "people/{id}", w.bob, "{}"), 403);
	/* carol represents org_b: bob's profile is hers to edit, alice's is not */
	assert_int_equal(decide(w.acc_carol, HTTP_PATCH, P "people/{id}", w.bob, "{}"), 0);
	assert_int_equal(decide(w.acc_carol, HTTP_PATCH, P "people/{id}", w.alice, "{}"), 403);
	assert_int_equal(decide(w.acc_carol, HTTP_PATCH, P "organisations/{id}", w.org_b, "{}"), 0);
	assert_int_equal(decide(w.acc_bob, HTTP_PATCH, P "organisations/{id}", w.org_b, "{}"), 403);
	assert_int_equal(decide(w.acc_admin, HTTP_PATCH, P "organisations/{id}", w.org_a, "{}"), 0);
	/* an unknown row is a 404, whoever asks */
	assert_int_equal(decide(w.acc_carol, HTTP_PATCH, P "organisations/{id}", 999, "{}"), 404);
}

static void test_body_decides_posts_and_moves(void **state)
{
	char body[160];

	(void)state;
	snprintf(body, sizeof(body), "{\"organisation_id\": %lld, \"title\": \"x\"}",
		 (long long)w.org_b);
	assert_int_equal(decide(w.acc_carol, HTTP_POST, P "opportunities", 0, body), 0);
	assert_int_equal(decide(w.acc_bob, HTTP_POST, P "opportunities", 0, body), 403);
	/* a representative cannot move her colleague into another organisation */
	snprintf(body, sizeof(body), "{\"organisation_id\": %lld}", (long long)w.org_a);
	assert_int_equal(decide(w.acc_carol, HTTP_PATCH, P "people/{id}", w.bob, body), 403);
	/* meeting requests: only as oneself, or as the event's organiser */
	snprintf(body, sizeof(body),
		 "{\"event_id\": %lld, \"requester_id\": %lld, \"invitee_id\": %lld}",
		 (long long)w.event, (long long)w.bob, (long long)w.alice);
	assert_int_equal(decide(w.acc_bob, HTTP_POST, P "meeting-requests", 0, body), 0);
	assert_int_equal(decide(w.acc_alice, HTTP_POST, P "meeting-requests", 0, body), 403);
	assert_int_equal(decide(w.acc_org, HTTP_POST, P "meeting-requests", 0, body), 0);
	assert_int_equal(decide(w.acc_bob, HTTP_POST, P "meeting-requests", 0, "{\"event_id\": "),
			 400);
}

static void test_partner_and_organiser(void **state)
{
	(void)state;
	/* alice asked bob: bob accepts, alice cannot accept for him; both may cancel */
	assert_int_equal(decide(w.acc_bob, HTTP_POST, P "meeting-requests/{id}/accept", w.request,
				NULL),
			 0);
	assert_int_equal(decide(w.acc_alice, HTTP_POST, P "meeting-requests/{id}/accept",
				w.request, NULL),
			 403);
	assert_int_equal(decide(w.acc_alice, HTTP_POST, P "meeting-requests/{id}/cancel",
				w.request, NULL),
			 0);
	/* a stranger's: as if it did not exist, whatever the verb */
	assert_int_equal(decide(w.acc_carol, HTTP_GET, P "meeting-requests/{id}", w.request, NULL),
			 404);
	assert_int_equal(decide(w.acc_carol, HTTP_POST, P "meeting-requests/{id}/cancel", w.request,
				NULL),
			 404);
	assert_int_equal(decide(w.acc_org, HTTP_GET, P "meeting-requests/{id}", w.request, NULL),
			 0);
	assert_int_equal(decide(w.acc_org, HTTP_POST, P "events/{id}/schedule", w.event, "{}"), 0);
	assert_int_equal(decide(w.acc_bob, HTTP_POST, P "events/{id}/schedule", w.event, "{}"), 403);
	assert_int_equal(decide(w.acc_org, HTTP_DELETE, P "events/{id}", w.event, NULL), 403);
}

static void test_agreement_parties(void **state)
{
	char text[256];
	int64_t org_c, dave, acc_dave, agreement;
	struct err e;

	(void)state;
	err_clear(&e);
	org_c = create(STORE_ORGANISATION, "{\"name\": \"Porto\", \"kind\": \"city\", "
					   "\"country\": \"PT\"}");
	snprintf(text, sizeof(text), "{\"organisation_id\": %lld, \"name\": \"Dave\"}",
		 (long long)org_c);
	dave = create(STORE_PERSON, text);
	acc_dave = account("dave@example.pt", dave);
	assert_int_equal(
		store_account_role(w.s, acc_dave, STORE_ROLE_REPRESENTATIVE, org_c, 0, 1, &e), 0);
	snprintf(text, sizeof(text),
		 "{\"title\": \"MoU\", \"kind\": \"mou\", \"parties\": [%lld, %lld, %lld]}",
		 (long long)w.org_a, (long long)w.org_b, (long long)org_c);
	agreement = create(STORE_AGREEMENT, text);
	/* the third party's representative has the same rights as the first two's */
	assert_int_equal(decide(acc_dave, HTTP_PATCH, P "agreements/{id}", agreement, "{}"), 0);
	assert_int_equal(decide(w.acc_carol, HTTP_PATCH, P "agreements/{id}", agreement, "{}"), 0);
	/* to someone who represents no party (and organises no event of it), it does not exist */
	assert_int_equal(decide(w.acc_bob, HTTP_PATCH, P "agreements/{id}", agreement, "{}"), 404);
	assert_int_equal(decide(w.acc_bob, HTTP_GET, P "agreements/{id}", agreement, NULL), 404);
	assert_int_equal(decide(acc_dave, HTTP_GET, P "agreements/{id}", agreement, NULL), 0);
	/* and may not hand it to parties she does not represent alone */
	snprintf(text, sizeof(text), "{\"parties\": [%lld]}", (long long)w.org_a);
	assert_int_equal(decide(acc_dave, HTTP_PATCH, P "agreements/{id}", agreement, text), 403);
}

static void test_audit_hook(void **state)
{
	struct api_auth auth;
	struct http_req req;
	struct http_resp resp;
	json_t *log = NULL, *q = json_object();
	struct err e;

	(void)state;
	err_clear(&e);
	memset(&auth, 0, sizeof(auth));
	memset(&req, 0, sizeof(req));
	memset(&resp, 0, sizeof(resp));
	auth.p.account = w.acc_org;
	snprintf(auth.p.email, sizeof(auth.p.email), "organiser@example.eu");
	req.method = HTTP_PATCH;
	req.path = P "registrations/1";
	req.request_id = "r-1";
	req.worker = w.c;
	req.auth = &auth;
	resp.status = 200;
	auth.granted = API_SELF; /* a participant's own write: not logged */
	api_after(&req, NULL, &resp);
	auth.granted = API_ORGANISER;
	resp.status = 422; /* refused: not logged */
	api_after(&req, NULL, &resp);
	resp.status = 200;
	api_after(&req, NULL, &resp);
	assert_int_equal(store_audit_list(w.s, q, &log, &e), 0);
	assert_int_equal(json_array_size(json_object_get(log, "items")), 1);
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(json_object_get(log, "items"), 0), "action")),
			    "PATCH " P "registrations/1");
	json_decref(log);
	json_decref(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_route_declares_who_may_call_it),
		cmocka_unit_test(test_undeclared_route_is_refused),
		cmocka_unit_test(test_public_and_signed_in),
		cmocka_unit_test(test_self_and_representative_on_path),
		cmocka_unit_test(test_body_decides_posts_and_moves),
		cmocka_unit_test(test_partner_and_organiser),
		cmocka_unit_test(test_agreement_parties),
		cmocka_unit_test(test_audit_hook),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
