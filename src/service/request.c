/*
 * request.c - meeting requests: make one (the daily cap, the request and
 * the invitee's notice in one write transaction) and move one along its
 * state machine (accept, decline, cancel) with the other side's notice.
 *
 * Why one transaction: the cap is "fewer than N requests in the last 24
 * hours"; counted outside the transaction that inserts, parallel requests
 * would each see N - 1 and all pass. store_atomic begins IMMEDIATE, so a
 * second writer waits until the first one's count and insert are
 * committed and then counts them.
 */
#include "service/service_int.h"

#include <time.h>

struct request_new {
	const struct service_caller *who;
	const json_t *body;
	int cap;
	json_t *out;
};

/* ERR_TOO_MANY when the requester of body reached the cap. */
static int check_cap(struct store *s, const struct request_new *r, struct err *e)
{
	int64_t person = json_integer_value(json_object_get(r->body, "requester_id"));
	int n = 0;
	int rc;

	if (r->who->privileged)
		return 0;
	rc = store_requests_today(s, person, (int64_t)time(NULL), &n, e);
	if (rc)
		return rc;
	if (n < r->cap)
		return 0;
	return err_set(e, ERR_TOO_MANY, "requester_id",
		       "has made as many meeting requests as one person may in a day");
}

static int request_create_tx(struct store *s, void *ctx, struct err *e)
{
	struct request_new *r = ctx;
	int rc = check_cap(s, r, e);

	if (!rc)
		rc = store_create(s, STORE_MEETING_REQUEST, r->body, &r->out, e);
	if (!rc)
		rc = service_notice_request(s, r->who->p, r->out, "created", e);
	return rc;
}

int service_request_create(struct service_conn *c, const struct service_caller *who,
			   const json_t *body, int cap, json_t **out, struct err *e)
{
	struct request_new r = {who, body, cap > 0 ? cap : SERVICE_REQUESTS_PER_DAY, NULL};
	int rc = store_atomic(c->store, request_create_tx, &r, e);

	if (rc) {
		json_decref(r.out);
		r.out = NULL;
	}
	*out = r.out;
	return rc;
}

struct request_act {
	const struct service_caller *who;
	int64_t id;
	const char *action;
	json_t *out;
};

static int request_act_tx(struct store *s, void *ctx, struct err *e)
{
	struct request_act *a = ctx;
	int rc = store_meeting_request_act(s, a->id, a->action, &a->out, e);

	if (!rc)
		rc = service_notice_request(s, a->who->p, a->out, a->action, e);
	return rc;
}

int service_request_act(struct service_conn *c, const struct service_caller *who, int64_t id,
			const char *action, json_t **out, struct err *e)
{
	struct request_act a = {who, id, action, NULL};
	int rc = store_atomic(c->store, request_act_tx, &a, e);

	if (rc) {
		json_decref(a.out);
		a.out = NULL;
	}
	*out = a.out;
	return rc;
}
