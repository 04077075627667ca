/*
 * test_service_request.c - unit tests of the meeting-request workflows of
 * src/service (request.c, notice.c): the daily cap counted inside the
 * creating transaction (exactly N of many parallel requests, made from
 * several threads on their own connections to one database file, pass),
 * privileged callers above the cap, and notices queued in the same
 * transaction as what they tell of (none when the write fails).
 */
#include "test_store_util.h"

#include "service/service.h"
#include "store/account.h"

#include <pthread.h>
#include <unistd.h>

#define INVITEES 40
#define THREADS 8
#define PER_THREAD 5
#define CAP 7

/* One event, a requester (person[0]) and INVITEES invitees, all registered. */
struct fair {
	char dir[64];
	char path[96];
	int64_t event;
	int64_t person[INVITEES + 1];
};

static struct fair f;

static int setup(void **state)
{
	struct store *s = NULL;
	char text[256];
	struct err e;

	(void)state;
	memset(&f, 0, sizeof(f));
	snprintf(f.dir, sizeof(f.dir), "/tmp/liaison-test-XXXXXX");
	assert_non_null(mkdtemp(f.dir));
	snprintf(f.path, sizeof(f.path), "%s/db.sqlite", f.dir);
	err_clear(&e);
	assert_int_equal(store_open(&s, f.path, STORE_MIGRATE, &e), 0);
	tst_create_id(s, STORE_ORGANISATION,
		      "{\"name\": \"Chengdu\", \"country\": \"CN\", \"kind\": \"city\"}");
	f.event = tst_create_id(s, STORE_EVENT,
				"{\"name\": \"Fair\", \"time_zone\": \"Asia/Shanghai\", \"mode\": "
				"\"hybrid\", \"tables\": 2}");
	for (int i = 0; i <= INVITEES; i++) {
		snprintf(text, sizeof(text),
			 "{\"organisation_id\": 1, \"name\": \"Person %d\", \"email\": "
			 "\"p%d@example.cn\"}",
			 i, i);
		f.person[i] = tst_create_id(s, STORE_PERSON, text);
		snprintf(text, sizeof(text),
			 "{\"event_id\": %lld, \"person_id\": %lld, \"attendance\": \"online\"}",
			 (long long)f.event, (long long)f.person[i]);
		tst_create_id(s, STORE_REGISTRATION, text);
	}
	store_close(s);
	return 0;
}

static int teardown(void **state)
{
	char file[128];

	(void)state;
	unlink(f.path);
	snprintf(file, sizeof(file), "%s-wal", f.path);
	unlink(file);
	snprintf(file, sizeof(file), "%s-shm", f.path);
	unlink(file);
	rmdir(f.dir);
	return 0;
}

static json_t *request_body(int invitee)
{
	return json_pack("{s:I, s:I, s:I, s:s}", "event_id", (json_int_t)f.event, "requester_id",
			 (json_int_t)f.person[0], "invitee_id", (json_int_t)f.person[invitee],
			 "message", "shall we meet?");
}

/* The outbox messages of kind meeting_request to e-mail to ("" = any). */
static size_t notices(struct store *s, const char *to)
{
	json_t *params = json_pack("{s:s, s:s}", "kind", "meeting_request", "limit", "100");
	json_t *out = NULL;
	struct err e;
	size_t n;

	if (*to)
		json_object_set_new(params, "to", json_string(to));
	err_clear(&e);
	if (store_outbox_list(s, params, &out, &e))
		fail_msg("outbox: %s: %s", e.field, e.msg);
	n = json_array_size(json_object_get(out, "items"));
	json_decref(out);
	json_decref(params);
	return n;
}

struct worker {
	int first;   /* the first invitee this thread asks */
	int made;    /* requests stored */
	int refused; /* ERR_TOO_MANY answers */
	int other;   /* any other answer: a failure of the test */
	char msg[400];
};

static void *worker_run(void *arg)
{
	struct auth_principal p;
	struct service_caller who = {&p, 0, ""};
	struct worker *w = arg;
	struct service_conn *c = NULL;
	struct err e;

	memset(&p, 0, sizeof(p));
	p.person = f.person[0];
	err_clear(&e);
	if (service_conn_open(f.path, 0, &c, &e)) {
		w->other = PER_THREAD;
		snprintf(w->msg, sizeof(w->msg), "open: %s", e.msg);
		return NULL;
	}
	for (int k = 0; k < PER_THREAD; k++) {
		json_t *body = request_body(w->first + k), *out = NULL;
		int rc = service_request_create(c, &who, body, CAP, &out, &e);

		if (rc == 0)
			w->made++;
		else if (rc == ERR_TOO_MANY)
			w->refused++;
		else {
			w->other++;
			snprintf(w->msg, sizeof(w->msg), "%d %s: %s", rc, e.field, e.msg);
		}
		json_decref(out);
		json_decref(body);
	}
	service_conn_close(c);
	return NULL;
}

static void test_cap_holds_under_parallel_requests(void **state)
{
	pthread_t t[THREADS];
	struct worker w[THREADS];
	struct store *s = NULL;
	int made = 0, refused = 0;
	struct err e;

	(void)state;
	memset(w, 0, sizeof(w));
	for (int i = 0; i < THREADS; i++) {
		w[i].first = 1 + i * PER_THREAD;
		assert_int_equal(pthread_create(&t[i], NULL, worker_run, &w[i]), 0);
	}
	for (int i = 0; i < THREADS; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		if (w[i].other)
			fail_msg("thread %d: %s", i, w[i].msg);
		made += w[i].made;
		refused += w[i].refused;
	}
	assert_int_equal(made, CAP);
	assert_int_equal(refused, THREADS * PER_THREAD - CAP);
	/* one notice per stored request: queued in the request's transaction */
	err_clear(&e);
	assert_int_equal(store_open(&s, f.path, 0, &e), 0);
	assert_int_equal(tst_count(s, STORE_MEETING_REQUEST, "{\"limit\": \"100\"}"), CAP);
	assert_int_equal(notices(s, ""), CAP);
	store_close(s);
}

/* The requests of an in-memory world: a fresh database per test. */
static struct store *memory_fair(void)
{
	struct store *s = tst_open();
	char text[256];

	tst_create_id(s, STORE_ORGANISATION,
		      "{\"name\": \"Aalto\", \"country\": \"FI\", \"kind\": \"university\"}");
	f.event = tst_create_id(s, STORE_EVENT,
				"{\"name\": \"Fair\", \"time_zone\": \"Europe/Helsinki\", \"mode\": "
				"\"online\"}");
	for (int i = 0; i <= 3; i++) {
		snprintf(text, sizeof(text), "{\"organisation_id\": 1, \"name\": \"P%d\"%s}", i,
			 i == 3 ? "" : ", \"email\": \"x@example.fi\"");
		f.person[i] = tst_create_id(s, STORE_PERSON, text);
		snprintf(text, sizeof(text),
			 "{\"event_id\": %lld, \"person_id\": %lld, \"attendance\": \"online\"}",
			 (long long)f.event, (long long)f.person[i]);
		tst_create_id(s, STORE_REGISTRATION, text);
	}
	return s;
}

static void test_cap_and_privileged_callers(void **state)
{
	struct store *s = memory_fair();
	struct service_conn *c = service_conn_wrap(s);
	struct auth_principal p;
	struct service_caller who = {&p, 0, ""};
	json_t *body, *out = NULL;
	struct err e;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.person = f.person[0];
	body = request_body(1);
	assert_int_equal(service_request_create(c, &who, body, 1, &out, &e), 0);
	assert_int_equal(tst_int(out, "invitee_id"), f.person[1]);
	json_decref(out);
	json_decref(body);
	body = request_body(2);
	assert_int_equal(service_request_create(c, &who, body, 1, &out, &e), ERR_TOO_MANY);
	assert_null(out);
	assert_string_equal(e.field, "requester_id");
	/* an organiser acting for the requester is not capped */
	who.privileged = 1;
	assert_int_equal(service_request_create(c, &who, body, 1, &out, &e), 0);
	json_decref(out);
	json_decref(body);
	assert_int_equal(notices(s, ""), 2);
	service_conn_close(c);
	store_close(s);
}

static void test_notices_share_the_transaction(void **state)
{
	struct store *s = memory_fair();
	struct service_conn *c = service_conn_wrap(s);
	struct auth_principal p;
	struct service_caller who = {&p, 0, ""};
	json_t *body, *out = NULL;
	int64_t id;
	struct err e;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.person = f.person[0];
	/* a refused request queues nothing */
	body = json_pack("{s:I, s:I, s:I}", "event_id", (json_int_t)f.event, "requester_id",
			 (json_int_t)f.person[0], "invitee_id", (json_int_t)f.person[0]);
	assert_int_equal(service_request_create(c, &who, body, 0, &out, &e), ERR_INVALID);
	json_decref(body);
	assert_int_equal(notices(s, ""), 0);
	/* a request to someone without an e-mail is stored without a notice */
	body = request_body(3);
	assert_int_equal(service_request_create(c, &who, body, 0, &out, &e), 0);
	json_decref(out);
	json_decref(body);
	assert_int_equal(notices(s, ""), 0);
	body = request_body(1);
	assert_int_equal(service_request_create(c, &who, body, 0, &out, &e), 0);
	id = tst_int(out, "id");
	json_decref(out);
	json_decref(body);
	assert_int_equal(notices(s, ""), 1);
	/* the invitee accepts: the requester hears of it */
	p.person = f.person[1];
	assert_int_equal(service_request_act(c, &who, id, "accept", &out, &e), 0);
	assert_string_equal(json_string_value(json_object_get(out, "state")), "accepted");
	json_decref(out);
	assert_int_equal(notices(s, ""), 2);
	/* an impossible move writes nothing, notice included */
	assert_int_equal(service_request_act(c, &who, id, "decline", &out, &e), ERR_CONFLICT);
	assert_null(out);
	assert_int_equal(notices(s, ""), 2);
	service_conn_close(c);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cap_holds_under_parallel_requests, setup,
						teardown),
		cmocka_unit_test(test_cap_and_privileged_callers),
		cmocka_unit_test(test_notices_share_the_transaction),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
