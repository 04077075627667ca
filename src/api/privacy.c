/*
 * privacy.c - what a caller may see of the rows the store returns, and
 * what they may write beyond the route's access.
 *
 * Seeing: a person's e-mail and phone only for themselves, admins, the
 * organisers of an event they registered for, and the people they have an
 * accepted meeting with (store_contact_visible); a profile that waits for
 * an organiser's validation only for them, admins, those organisers and
 * their organisation's representatives (store_person_public,
 * store_person_visible), and their registrations likewise; meeting
 * requests and meetings only for their people, the event's organisers and
 * admins. A hidden row is left out of lists and is a 404 on its own, as if
 * it did not exist.
 *
 * Writing: a registration's validation and check-in are the organisers'
 * to set; in an event that validates profiles a participant's own
 * registration starts "pending". (The daily cap of a participant's
 * meeting requests is the service's: service_request_create.)
 */
#include "api/api_internal.h"

#include <stdlib.h>
#include <string.h>

/* 1 when the caller organises event (admins organise every event). */
static int organises(const struct http_req *req, int64_t event, int *yes, struct err *e)
{
	const struct auth_principal *p = api_principal(req);

	*yes = p->admin;
	if (*yes || !p->account || !event)
		return 0;
	return store_has_role(api_store(req), p->account, STORE_ROLE_ORGANISER, event, yes, e);
}

static int64_t int_field(const json_t *item, const char *name)
{
	return json_integer_value(json_object_get(item, name));
}

/* Removes item's e-mail and phone unless the caller may see person's. */
static int strip_contact(const struct http_req *req, json_t *item, int64_t person,
			 struct err *e)
{
	const struct auth_principal *p = api_principal(req);
	int yes = 0;

	if (p->account && store_contact_visible(api_store(req), p, person, &yes, e))
		return e->code ? e->code : ERR_INTERNAL;
	if (!yes) {
		json_object_del(item, "email");
		json_object_del(item, "phone");
	}
	return 0;
}

int api_view_written(const struct http_req *req, enum store_res res, json_t *item,
		     struct err *e)
{
	if (res != STORE_PERSON)
		return 0;
	return strip_contact(req, item, json_integer_value(json_object_get(item, "id")), e);
}

/* A person's profile: hidden (1), or shown with or without contact details (0). */
static int view_person(const struct http_req *req, json_t *item, int64_t person, int contact,
		       struct err *e)
{
	const struct auth_principal *p = api_principal(req);
	int yes = 0, rc;

	rc = store_person_public(api_store(req), person, &yes, e);
	if (!rc && !yes && p->account)
		rc = store_person_visible(api_store(req), p, person, &yes, e);
	if (rc || !yes)
		return rc ? rc : 1;
	return contact ? strip_contact(req, item, person, e) : 0;
}

/* A request or meeting: shown (0) to its people, the event's organisers, admins. */
static int view_parties(const struct http_req *req, const json_t *item, const int64_t *people,
			size_t n, struct err *e)
{
	const struct auth_principal *p = api_principal(req);
	int yes = 0;

	for (size_t i = 0; i < n; i++)
		if (p->person && people[i] == p->person)
			return 0;
	if (organises(req, int_field(item, "event_id"), &yes, e))
		return e->code ? e->code : ERR_INTERNAL;
	return yes ? 0 : 1;
}

int api_view_item(const struct http_req *req, enum store_res res, json_t *item, struct err *e)
{
	int64_t people[8];
	size_t n = 0, i;
	json_t *v;

	switch (res) {
	case STORE_PERSON:
		return view_person(req, item, int_field(item, "id"), 1, e);
	case STORE_REGISTRATION:
		return view_person(req, item, int_field(item, "person_id"), 0, e);
	case STORE_MEETING_REQUEST:
		people[n++] = int_field(item, "requester_id");
		people[n++] = int_field(item, "invitee_id");
		return view_parties(req, item, people, n, e);
	case STORE_MEETING:
		json_array_foreach(json_object_get(item, "participants"), i, v) {
			if (n < sizeof(people) / sizeof(people[0]))
				people[n++] = json_integer_value(v);
		}
		return view_parties(req, item, people, n, e);
	default:
		return 0;
	}
}

int api_list_params(const struct http_req *req, enum store_res res, json_t **params,
		    struct err *e)
{
	const struct auth_principal *p = api_principal(req);
	const char *event = json_string_value(json_object_get(req->query, "event"));
	int yes = 0;

	*params = json_incref(req->query);
	if ((res != STORE_MEETING_REQUEST && res != STORE_MEETING) || p->admin || !p->person ||
	    json_object_get(req->query, "person"))
		return 0;
	if (event && organises(req, strtoll(event, NULL, 10), &yes, e))
		return e->code ? e->code : ERR_INTERNAL;
	if (yes)
		return 0;
	json_decref(*params);
	*params = json_copy(req->query);
	json_object_set_new(*params, "person", json_sprintf("%lld", (long long)p->person));
	return 0;
}

int api_view_list(const struct http_req *req, enum store_res res, json_t *list, struct err *e)
{
	json_t *items = json_object_get(list, "items");
	size_t i = 0;

	if (res != STORE_PERSON && res != STORE_REGISTRATION && res != STORE_MEETING_REQUEST &&
	    res != STORE_MEETING)
		return 0;
	/* the page keeps its cursor: a filtered page may hold fewer than limit */
	while (i < json_array_size(items)) {
		int rc = api_view_item(req, res, json_array_get(items, i), e);

		if (rc < 0)
			return rc;
		if (rc)
			json_array_remove(items, i);
		else
			i++;
	}
	return 0;
}

/* Does the caller's access to this write come from organising or admin rights? */
static int privileged(const struct http_req *req)
{
	const struct api_auth *a = req->auth;

	return a && (a->granted & (API_ORGANISER | API_ADMIN));
}

static int registration_rules(const struct http_req *req, struct http_resp *resp,
			      json_t *body, int create)
{
	static const char *const theirs[] = {"validation", "checked_in"};
	json_t *event = NULL;
	struct err e;
	int rc;

	if (privileged(req))
		return 0;
	for (size_t i = 0; i < sizeof(theirs) / sizeof(theirs[0]); i++) {
		if (json_object_get(body, theirs[i])) {
			http_problem_status(req, resp, 403, theirs[i],
					    "only the event's organisers set this");
			return -1;
		}
	}
	if (!create)
		return 0;
	err_clear(&e);
	rc = store_get(api_store(req), STORE_EVENT, int_field(body, "event_id"), &event, &e);
	if (rc == ERR_NOT_FOUND)
		return 0; /* the store names the bad event_id */
	if (rc) {
		http_problem(req, resp, &e);
		return -1;
	}
	if (json_is_true(json_object_get(event, "profile_validation")))
		json_object_set_new(body, "validation", json_string("pending"));
	json_decref(event);
	return 0;
}

int api_write_rules(const struct http_req *req, struct http_resp *resp, enum store_res res,
		    json_t *body, int create)
{
	if (res == STORE_REGISTRATION)
		return registration_rules(req, resp, body, create);
	return 0;
}
