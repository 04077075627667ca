/*
 * challenge_demo.c - loads the demo challenge (data/demo/challenge.json):
 * the call with its tracks and pilot hosts (organisations by ref), its
 * instants relative to the day it is loaded, its state, the submissions
 * of demo organisations and the jury (accounts by e-mail, a declared
 * conflict by the index of a submission), in one transaction and through
 * the workflows' own checks. Errors name the record: "submissions[2].title".
 */
#include "service/challenge.h"
#include "service/challenge_int.h"

#include "core/jsonx.h"
#include "core/time.h"
#include "service/service_int.h"
#include "store/cases.h"
#include "store/challenges.h"
#include "store/store.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static int org_id(struct store *s, const json_t *ref, const char *field, int64_t *id,
		  struct err *e)
{
	int rc = json_is_string(ref) ? store_find_ref(s, STORE_ORGANISATION,
						      json_string_value(ref), id, e)
				     : err_set(e, ERR_INVALID, field, "must be an organisation's ref");

	if (rc == 0 && !*id)
		rc = err_set(e, ERR_INVALID, field, "no organisation has the ref %s",
			     json_string_value(ref));
	return rc;
}

/* instant (epoch) as RFC 3339 in UTC into body[key]. */
static void put_instant(json_t *body, const char *key, int64_t t)
{
	struct time_zone *z = time_zone_open("UTC");
	struct time_civil c;
	char out[TIME_RFC3339_LEN + 8] = "";

	if (z && time_zone_local(z, t, &c) == 0)
		time_format(&c, true, out, sizeof(out));
	time_zone_free(z);
	json_object_set_new(body, key, json_string(out));
}

/*
 * opens_days_ago and closes_in_days -> opens_at (09:00) and closes_at
 * (23:59:59) in the challenge's time zone, counted from today there.
 */
static int demo_instants(json_t *b, struct err *e)
{
	const char *tz = jsonx_str(b, "time_zone");
	struct time_zone *z = tz ? time_zone_open(tz) : NULL;
	json_int_t ago = json_integer_value(json_object_get(b, "opens_days_ago"));
	json_int_t in = json_integer_value(json_object_get(b, "closes_in_days"));
	struct time_civil today;
	int64_t open = 0, close = 0;
	int rc = z ? time_zone_local(z, (int64_t)time(NULL), &today) : -1;

	if (rc == 0)
		rc = time_zone_instant(z, today.year, today.month, today.day, 9, 0,
				       (int32_t)-ago, &open);
	if (rc == 0)
		rc = time_zone_instant(z, today.year, today.month, today.day, 23, 59, (int32_t)in,
				       &close);
	time_zone_free(z);
	if (rc || in <= 0)
		return err_set(e, ERR_INVALID, "challenge.closes_in_days", "needs a time_zone and "
			       "a number of days above 0");
	json_object_del(b, "opens_days_ago");
	json_object_del(b, "closes_in_days");
	put_instant(b, "opens_at", open);
	put_instant(b, "closes_at", close + 59);
	return 0;
}

/* Track pilots' "host" refs become host_organisation_id. */
static int demo_hosts(struct store *s, json_t *b, struct err *e)
{
	json_t *t;
	size_t i;
	int rc = 0;

	json_array_foreach(json_object_get(b, "tracks"), i, t) {
		json_t *pilot = json_object_get(t, "pilot"), *host = json_object_get(pilot, "host");
		int64_t id = 0;
		char path[64];

		if (rc || !host)
			continue;
		snprintf(path, sizeof(path), "challenge.tracks[%zu].pilot.host", i);
		rc = org_id(s, host, path, &id, e);
		if (rc == 0) {
			json_object_set_new(pilot, "host_organisation_id", json_integer(id));
			json_object_del(pilot, "host");
		}
	}
	return rc;
}

/* The call, checked as POST /challenges checks it, brought to its state. */
static int demo_call(struct store *s, const json_t *d, int64_t *id, json_t **ch,
		     struct err *e)
{
	static const char *const states[] = {"open", "closed", "in_review", "decided",
					     "announced", NULL};
	json_t *b = json_deep_copy(json_object_get(d, "challenge"));
	const char *state = jsonx_str(d, "state");
	int rc = json_is_object(b) ? demo_instants(b, e)
				   : err_set(e, ERR_INVALID, "challenge", "must be an object");

	if (rc == 0)
		rc = demo_hosts(s, b, e);
	if (rc == 0) {
		rc = service_challenge_check(s, b, e);
		if (rc)
			err_prefix_field(e, "challenge");
	}
	if (rc == 0)
		rc = store_challenge_insert(s, b, id, e);
	for (const char *const *st = states; rc == 0 && state && strcmp(state, "draft") != 0 && *st;
	     st++) {
		rc = store_challenge_set_state(s, *id, *st, e);
		if (strcmp(*st, state) == 0)
			break;
	}
	if (rc == 0)
		rc = store_challenge_get(s, *id, ch, e);
	json_decref(b);
	return rc;
}

/* Submission i: {"organisation": ref, "track": index, "title", "abstract", "team", "links"}. */
static int demo_submission(struct store *s, int64_t cid, const json_t *ch, const json_t *r,
			   int64_t *id, struct err *e)
{
	const json_t *track = json_array_get(json_object_get(ch, "tracks"),
					     (size_t)json_integer_value(json_object_get(r, "track")));
	json_t *b = json_object();
	const char *key;
	json_t *v;
	int64_t org = 0;
	int rc = org_id(s, json_object_get(r, "organisation"), "organisation", &org, e);

	json_object_foreach((json_t *)r, key, v)
		if (strcmp(key, "organisation") && strcmp(key, "track"))
			json_object_set(b, key, v);
	json_object_set_new(b, "organisation_id", json_integer(org));
	json_object_set(b, "track_id", track ? json_object_get(track, "id") : json_null());
	if (rc == 0 && !track)
		rc = err_set(e, ERR_INVALID, "track", "is not the index of a track");
	if (rc == 0)
		rc = service_submission_check(s, b, ch, e);
	json_object_set_new(b, "challenge_id", json_integer(cid));
	if (rc == 0)
		rc = store_submission_insert(s, b, 0, id, e);
	json_decref(b);
	return rc;
}

/* Member {"email", "expertise", "cap"?, "conflicts"?: [submission indexes]}. */
static int demo_member(struct store *s, int64_t cid, const json_t *r, const int64_t *subs,
		       size_t nsubs, struct err *e)
{
	json_t *exp = json_object_get(r, "expertise");
	json_t *m = json_pack("{s:o, s:[]}", "expertise", exp ? json_incref(exp) : json_array(),
			      "conflicts");
	int64_t account = 0;
	size_t i;
	json_t *v;
	int rc = store_account_by_email(s, jsonx_str(r, "email") ? jsonx_str(r, "email") : "",
					&account, e);

	if (rc == 0 && !account)
		rc = err_set(e, ERR_INVALID, "email", "no account %s", jsonx_str(r, "email"));
	json_array_foreach(json_object_get(r, "conflicts"), i, v) {
		json_int_t k = json_integer_value(v);

		if (rc == 0 && (!json_is_integer(v) || k < 0 || (size_t)k >= nsubs))
			rc = err_set(e, ERR_INVALID, "conflicts", "must hold indexes of submissions");
		if (rc == 0)
			json_array_append_new(json_object_get(m, "conflicts"), json_integer(subs[k]));
	}
	if (json_object_get(r, "cap"))
		json_object_set(m, "cap", json_object_get(r, "cap"));
	if (rc == 0)
		rc = store_account_role(s, account, STORE_ROLE_JURY, cid, 1, 1, e);
	if (rc == ERR_CONFLICT) /* the role came with the demo accounts */
		rc = 0;
	if (rc == 0)
		rc = store_jury_put(s, cid, account, m, e);
	json_decref(m);
	return rc;
}

#define DEMO_SUBS_MAX 64

static int demo_fn(struct store *s, void *ctx, struct err *e)
{
	const json_t *d = ctx, *r;
	json_t *ch = NULL;
	int64_t cid = 0, subs[DEMO_SUBS_MAX];
	size_t i, n = json_array_size(json_object_get(d, "submissions"));
	char where[48];
	int rc = n <= DEMO_SUBS_MAX ? demo_call(s, d, &cid, &ch, e)
				    : err_set(e, ERR_INVALID, "submissions", "at most %d",
					      DEMO_SUBS_MAX);

	json_array_foreach(json_object_get(d, "submissions"), i, r) {
		if (rc)
			break;
		rc = demo_submission(s, cid, ch, r, &subs[i], e);
		snprintf(where, sizeof(where), "submissions[%zu]", i);
		if (rc)
			err_prefix_field(e, where);
	}
	json_array_foreach(json_object_get(d, "jury"), i, r) {
		if (rc)
			break;
		rc = demo_member(s, cid, r, subs, n, e);
		snprintf(where, sizeof(where), "jury[%zu]", i);
		if (rc)
			err_prefix_field(e, where);
	}
	json_decref(ch);
	return rc;
}

int service_challenge_load_demo(struct service_conn *c, const json_t *demo, struct err *e)
{
	if (!json_is_object(demo))
		return err_set(e, ERR_INVALID, "", "the challenge file must be an object");
	return store_atomic(c->store, demo_fn, (void *)demo, e);
}
