/*
 * test_service_resource.c - unit tests of the generic resource workflows
 * of src/service (resource.c, privacy.c) on an in-memory store: the
 * author of an organisation represents it, the fields only organisers
 * set, a registration waiting for validation (and its hidden profile),
 * contact details shown to their person only, meeting requests hidden
 * from third parties (alone and in lists), and the owners the access
 * checks read.
 */
#include "test_store_util.h"

#include "service/resource.h"
#include "store/account.h"

struct world {
	struct store *s;
	struct service_conn *c;
	int64_t acc, event, ana, ben, cleo;
};

static struct world w;

static int64_t person(const char *name)
{
	char text[200];

	snprintf(text, sizeof(text),
		 "{\"organisation_id\": 1, \"name\": \"%s\", \"email\": \"%s@example.pt\"}", name,
		 name);
	return tst_create_id(w.s, STORE_PERSON, text);
}

static int setup(void **state)
{
	struct err e;

	(void)state;
	err_clear(&e);
	w.s = tst_open();
	w.c = service_conn_wrap(w.s);
	tst_create_id(w.s, STORE_ORGANISATION,
		      "{\"name\": \"Porto\", \"country\": \"PT\", \"kind\": \"city\"}");
	w.ana = person("ana");
	w.ben = person("ben");
	w.cleo = person("cleo");
	assert_int_equal(store_account_create(w.s, "ana@example.pt", "$argon2id$x", w.ana, &w.acc,
					      &e),
			 0);
	w.event = tst_create_id(w.s, STORE_EVENT,
				"{\"name\": \"Fair\", \"time_zone\": \"Europe/Lisbon\", \"mode\": "
				"\"online\", \"profile_validation\": true}");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	service_conn_close(w.c);
	store_close(w.s);
	return 0;
}

static void caller(struct auth_principal *p, struct service_caller *who, int64_t account,
		   int64_t person_id)
{
	memset(p, 0, sizeof(*p));
	p->account = account;
	p->person = person_id;
	who->p = p;
	who->privileged = 0;
	who->lang[0] = '\0';
}

static void test_author_represents_new_organisation(void **state)
{
	struct auth_principal p;
	struct service_caller who;
	json_t *body = tst_json("{\"name\": \"Lisbon\", \"country\": \"PT\", \"kind\": \"city\"}");
	json_t *out = NULL;
	struct service_owner o;
	struct err e;
	int yes = 0;

	(void)state;
	caller(&p, &who, w.acc, w.ana);
	assert_int_equal(service_create(w.c, &who, SERVICE_ORGANISATION, body, &out, &e), 0);
	assert_int_equal(service_has_role(w.c, w.acc, SERVICE_ROLE_REPRESENTATIVE,
					  tst_int(out, "id"), &yes, &e),
			 0);
	assert_int_equal(yes, 1);
	assert_int_equal(service_owner(w.c, SERVICE_PERSON, w.ben, &o, &e), 0);
	assert_int_equal(o.organisation, 1);
	assert_int_equal(o.person, w.ben);
	json_decref(out);
	json_decref(body);
}

static void test_registration_rules_and_hidden_profile(void **state)
{
	struct auth_principal p;
	struct service_caller who;
	char text[200];
	json_t *body, *out = NULL;
	struct err e;

	(void)state;
	caller(&p, &who, w.acc, w.ben);
	snprintf(text, sizeof(text),
		 "{\"event_id\": %lld, \"person_id\": %lld, \"attendance\": \"online\", "
		 "\"validation\": \"accepted\"}",
		 (long long)w.event, (long long)w.ben);
	body = tst_json(text);
	assert_int_equal(service_create(w.c, &who, SERVICE_REGISTRATION, body, &out, &e),
			 ERR_FORBIDDEN);
	assert_string_equal(e.field, "validation");
	json_object_del(body, "validation");
	assert_int_equal(service_create(w.c, &who, SERVICE_REGISTRATION, body, &out, &e), 0);
	assert_string_equal(json_string_value(json_object_get(out, "validation")), "pending");
	json_decref(out);
	json_decref(body);
	/* ben's profile waits for validation: hidden from others, seen by ben */
	caller(&p, &who, 0, 0);
	assert_int_equal(service_get(w.c, &who, SERVICE_PERSON, w.ben, "ben", &out, &e),
			 ERR_NOT_FOUND);
	assert_string_equal(e.msg, "no such id: ben");
	caller(&p, &who, w.acc + 1, w.ben);
	assert_int_equal(service_get(w.c, &who, SERVICE_PERSON, w.ben, "2", &out, &e), 0);
	json_decref(out);
}

static void test_contact_details_and_requests(void **state)
{
	struct auth_principal p;
	struct service_caller who;
	char text[200];
	json_t *body, *out = NULL, *q;
	struct err e;
	int64_t id;

	(void)state;
	caller(&p, &who, 0, 0);
	assert_int_equal(service_get(w.c, &who, SERVICE_PERSON, w.cleo, "3", &out, &e), 0);
	assert_null(json_object_get(out, "email"));
	json_decref(out);
	caller(&p, &who, w.acc, w.ana);
	assert_int_equal(service_get(w.c, &who, SERVICE_PERSON, w.ana, "1", &out, &e), 0);
	assert_string_equal(json_string_value(json_object_get(out, "email")), "ana@example.pt");
	json_decref(out);

	/* an organiser's request between ana and cleo, who both register */
	who.privileged = 1;
	for (int i = 0; i < 2; i++) {
		snprintf(text, sizeof(text),
			 "{\"event_id\": %lld, \"person_id\": %lld, \"attendance\": \"online\"}",
			 (long long)w.event, (long long)(i ? w.cleo : w.ana));
		body = tst_json(text);
		assert_int_equal(service_create(w.c, &who, SERVICE_REGISTRATION, body, &out, &e), 0);
		json_decref(out);
		json_decref(body);
	}
	snprintf(text, sizeof(text),
		 "{\"event_id\": %lld, \"requester_id\": %lld, \"invitee_id\": %lld}",
		 (long long)w.event, (long long)w.ana, (long long)w.cleo);
	body = tst_json(text);
	assert_int_equal(service_request_create(w.c, &who, body, 0, &out, &e), 0);
	id = tst_int(out, "id");
	json_decref(out);
	json_decref(body);
	/* ben sees neither the request nor it in a list */
	caller(&p, &who, w.acc + 1, w.ben);
	assert_int_equal(service_get(w.c, &who, SERVICE_MEETING_REQUEST, id, "1", &out, &e),
			 ERR_NOT_FOUND);
	q = json_object();
	assert_int_equal(service_list(w.c, &who, SERVICE_MEETING_REQUEST, q, &out, &e), 0);
	assert_int_equal(json_array_size(json_object_get(out, "items")), 0);
	json_decref(out);
	caller(&p, &who, w.acc, w.cleo);
	assert_int_equal(service_list(w.c, &who, SERVICE_MEETING_REQUEST, q, &out, &e), 0);
	assert_int_equal(json_array_size(json_object_get(out, "items")), 1);
	json_decref(out);
	json_decref(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_author_represents_new_organisation),
		cmocka_unit_test(test_registration_rules_and_hidden_profile),
		cmocka_unit_test(test_contact_details_and_requests),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
