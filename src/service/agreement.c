/*
 * agreement.c - the agreement workflows (agreement.h) and the history
 * kept around every write of an agreement (service_int.h).
 */
#include "service/agreement.h"

#include "core/jsonx.h"
#include "service/service_int.h"
#include "store/agreements.h"
#include "store/outcomes.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static void today(char out[16])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

static const char *state_or_intent(const json_t *row)
{
	const char *st = jsonx_str(row, "state");

	return st ? st : "intent";
}

int service_agreement_prepare(struct store *s, int64_t id, json_t *body, char *old, size_t n,
			      struct err *e)
{
	const char *to = jsonx_str(body, "state");
	json_t *row = NULL;
	char day[16];
	int rc;

	old[0] = '\0';
	if (!id) {
		if (to && strcmp(to, "intent") != 0 && strcmp(to, "signed") != 0)
			return err_set(e, ERR_INVALID, "state", "a new agreement is intent or signed; "
				       "it moves on from there");
		if (to && strcmp(to, "signed") == 0 && !json_object_get(body, "date")) {
			today(day);
			json_object_set_new(body, "date", json_string(day));
		}
		return 0;
	}
	rc = store_get(s, STORE_AGREEMENT, id, &row, e);
	if (rc)
		return rc;
	snprintf(old, n, "%s", state_or_intent(row));
	if (to && strcmp(to, "signed") == 0 && strcmp(old, "signed") != 0 &&
	    !json_object_get(body, "date") && !jsonx_str(row, "date")) {
		today(day);
		json_object_set_new(body, "date", json_string(day));
	}
	json_decref(row);
	return 0;
}

/*
 * The audit row of a write of agreement id: "agreement 7 created" (as
 * intent or signed), "agreement 7 intent -> signed", "agreement 7 edited",
 * with the fields body gave as its detail.
 */
static int audit(struct store *s, const struct service_caller *who, int64_t id, const char *old,
		 const char *to, const json_t *body, struct err *e)
{
	char action[96], detail[512];
	const char *k;
	size_t n = 0;
	json_t *v;

	if (!old[0])
		snprintf(action, sizeof(action), "agreement %" PRId64 " created as %s", id, to);
	else if (strcmp(old, to) != 0)
		snprintf(action, sizeof(action), "agreement %" PRId64 " %s -> %s", id, old, to);
	else
		snprintf(action, sizeof(action), "agreement %" PRId64 " edited", id);
	detail[0] = '\0';
	json_object_foreach((json_t *)body, k, v) {
		int w = snprintf(detail + n, sizeof(detail) - n, "%s%s", n ? ", " : "fields: ", k);

		if (w < 0 || (size_t)w >= sizeof(detail) - n)
			break; /* the fields that fit */
		n += (size_t)w;
	}
	return store_audit_add(s, who->p->account, who->p->email[0] ? who->p->email : NULL,
			       action, old[0] ? 200 : 201, detail[0] ? detail : NULL, e);
}

int service_agreement_written(struct store *s, const struct service_caller *who, const char *old,
			      const json_t *body, json_t **out, struct err *e)
{
	int64_t id = json_integer_value(json_object_get(*out, "id"));
	const char *to = state_or_intent(*out);
	json_t *again = NULL;
	int rc = audit(s, who, id, old, to, body, e);

	if (rc || (old[0] && strcmp(old, to) == 0))
		return rc;
	rc = store_agreement_history_add(s, id, old[0] ? old : NULL, to, NULL, who->p->account,
					 who->p->email[0] ? who->p->email : NULL, e);
	if (rc == 0)
		rc = store_get(s, STORE_AGREEMENT, id, &again, e);
	if (rc == 0)
		rc = service_view_written(s, who, STORE_AGREEMENT, again, e);
	if (rc) {
		json_decref(again);
		return rc;
	}
	json_decref(*out);
	*out = again;
	return 0;
}

/* One creation in one transaction: body completed by fill, then stored. */
struct derive_run {
	const struct service_caller *who;
	int64_t from; /* the meeting or the parent agreement */
	const json_t *body;
	json_t *out;
};

/* ERR_INVALID naming the first of names that body gives. */
static int refuse_given(const json_t *body, const char *const *names, const char *why,
			struct err *e)
{
	if (!json_is_object(body))
		return err_set(e, ERR_INVALID, "", "the body must be a JSON object");
	for (const char *const *k = names; *k; k++)
		if (json_object_get(body, *k))
			return err_set(e, ERR_INVALID, *k, "%s", why);
	return 0;
}

static int create_derived(struct store *s, struct derive_run *x, json_t *body, struct err *e)
{
	char state[4] = "";
	int rc = service_write_rules(s, x->who, STORE_AGREEMENT, body, 1, e);

	if (rc == 0)
		rc = service_agreement_prepare(s, 0, body, state, sizeof(state), e);
	if (rc == 0)
		rc = store_create(s, STORE_AGREEMENT, body, &x->out, e);
	if (rc == 0)
		rc = service_agreement_written(s, x->who, state, body, &x->out, e);
	return rc;
}

/* The organisations of the people of meeting f, distinct, in order. */
static int meeting_parties(struct store *s, const struct store_meeting_facts *f, json_t *parties,
			   struct err *e)
{
	for (int i = 0; i < 2 && f->people[i]; i++) {
		json_t *person = NULL;
		json_t *org;
		int rc = store_get(s, STORE_PERSON, f->people[i], &person, e);

		if (rc)
			return rc;
		org = json_object_get(person, "organisation_id");
		if (json_is_integer(org) &&
		    !(json_array_size(parties) &&
		      json_equal(json_array_get(parties, 0), org)))
			json_array_append(parties, org);
		json_decref(person);
	}
	return 0;
}

static int from_meeting_fn(struct store *s, void *ctx, struct err *e)
{
	static const char *const filled[] = {"parties", "event_id", "meeting_id", NULL};
	struct derive_run *x = ctx;
	struct store_meeting_facts f;
	json_t *body, *parties;
	int rc = refuse_given(x->body, filled, "comes from the meeting", e);

	if (rc == 0)
		rc = store_meeting_facts(s, x->from, &f, e);
	if (rc)
		return rc;
	parties = json_array();
	rc = meeting_parties(s, &f, parties, e);
	if (rc == 0 && json_array_size(parties) < 2)
		rc = err_set(e, ERR_CONFLICT, "parties", "the participants of meeting %" PRId64
			     " are of one organisation: an agreement needs two parties", x->from);
	if (rc) {
		json_decref(parties);
		return rc;
	}
	body = json_copy((json_t *)x->body);
	json_object_set_new(body, "parties", parties);
	json_object_set_new(body, "event_id", json_integer(f.event));
	json_object_set_new(body, "meeting_id", json_integer(x->from));
	rc = create_derived(s, x, body, e);
	json_decref(body);
	return rc;
}

static int pilot_fn(struct store *s, void *ctx, struct err *e)
{
	static const char *const filled[] = {"parties", "event_id", "meeting_id", "challenge_id",
					     "parent_id", "kind", NULL};
	static const char *const inherited[] = {"parties", "event_id", "meeting_id",
						"challenge_id", "sector", "themes", "sdgs", NULL};
	struct derive_run *x = ctx;
	json_t *parent = NULL, *body;
	const char *st;
	int rc = refuse_given(x->body, filled, "comes from the parent agreement", e);

	if (rc == 0)
		rc = store_get(s, STORE_AGREEMENT, x->from, &parent, e);
	if (rc)
		return rc;
	st = state_or_intent(parent);
	if (strcmp(st, "signed") != 0 && strcmp(st, "in_progress") != 0) {
		rc = err_set(e, ERR_CONFLICT, "parent_id", "agreement %" PRId64 " is %s: only a "
			     "signed agreement starts a pilot", x->from, st);
		json_decref(parent);
		return rc;
	}
	body = json_copy((json_t *)x->body);
	for (const char *const *k = inherited; *k; k++) {
		const json_t *v = json_object_get(parent, *k);

		if (v && !json_is_null(v) && !json_object_get(body, *k))
			json_object_set(body, *k, (json_t *)v);
	}
	json_object_set_new(body, "kind", json_string("pilot_project"));
	json_object_set_new(body, "parent_id", json_integer(x->from));
	json_decref(parent);
	rc = create_derived(s, x, body, e);
	json_decref(body);
	return rc;
}

static int derive(struct service_conn *c, store_tx_fn fn, struct derive_run *x, json_t **out,
		  struct err *e)
{
	int rc = store_atomic(c->store, fn, x, e);

	if (rc) {
		json_decref(x->out);
		x->out = NULL;
	}
	*out = x->out;
	return rc;
}

int service_agreement_from_meeting(struct service_conn *c, const struct service_caller *who,
				   int64_t meeting, const json_t *body, json_t **out,
				   struct err *e)
{
	struct derive_run x = {who, meeting, body, NULL};

	return derive(c, from_meeting_fn, &x, out, e);
}

int service_agreement_pilot(struct service_conn *c, const struct service_caller *who,
			    int64_t parent, const json_t *body, json_t **out, struct err *e)
{
	struct derive_run x = {who, parent, body, NULL};

	return derive(c, pilot_fn, &x, out, e);
}
