/*
 * privacy.c - what a caller may see of the rows the store returns, and
 * what they may write beyond the access that let them in (the rules are
 * listed in service/resource.h).
 *
 * Seeing: a person's e-mail and phone only for themselves, admins, the
 * organisers of an event they registered for, and the people they have an
 * accepted meeting with (store_contact_visible); a profile that waits for
 * an organiser's validation only for them, admins, those organisers and
 * their organisation's representatives (store_person_public,
 * store_person_visible), and their registrations likewise; meeting
 * requests and meetings only for their people, the event's organisers and
 * admins; agreements only for the representatives of any of their
 * parties, the organisers of the event they came from and admins. A
 * hidden row is left out of lists and is a 404 on its own, as if
 * it did not exist.
 *
 * Writing: a registration's validation and check-in are the organisers'
 * to set; in an event that validates profiles a participant's own
 * registration starts "pending".
 */
#include "service/service_int.h"

#include <stdlib.h>
#include <string.h>

/* 1 when the caller organises event (admins organise every event). */
static int organises(struct store *s, const struct service_caller *who, int64_t event, int *yes,
		     struct err *e)
{
	const struct auth_principal *p = who->p;

	*yes = p->admin;
	if (*yes || !p->account || !event)
		return 0;
	return store_has_role(s, p->account, STORE_ROLE_ORGANISER, event, yes, e);
}

static int64_t int_field(const json_t *item, const char *name)
{
	return json_integer_value(json_object_get(item, name));
}

/* Removes item's e-mail and phone unless the caller may see person's. */
static int strip_contact(struct store *s, const struct service_caller *who, json_t *item,
			 int64_t person, struct err *e)
{
	const struct auth_principal *p = who->p;
	int yes = 0;
	int rc = p->account ? store_contact_visible(s, p, person, &yes, e) : 0;

	if (rc)
		return rc;
	if (!yes) {
		json_object_del(item, "email");
		json_object_del(item, "phone");
	}
	return 0;
}

int service_view_written(struct store *s, const struct service_caller *who, enum store_res res,
			 json_t *item, struct err *e)
{
	if (res != STORE_PERSON)
		return 0;
	return strip_contact(s, who, item, json_integer_value(json_object_get(item, "id")), e);
}

/* A person's profile: hidden (1), or shown with or without contact details (0). */
static int view_person(struct store *s, const struct service_caller *who, json_t *item,
		       int64_t person, int contact, struct err *e)
{
	const struct auth_principal *p = who->p;
	int yes = 0, rc;

	rc = store_person_public(s, person, &yes, e);
	if (!rc && !yes && p->account)
		rc = store_person_visible(s, p, person, &yes, e);
	if (rc || !yes)
		return rc ? rc : 1;
	return contact ? strip_contact(s, who, item, person, e) : 0;
}

/* A request or meeting: shown (0) to its people, the event's organisers, admins. */
static int view_parties(struct store *s, const struct service_caller *who, const json_t *item,
			const int64_t *people, size_t n, struct err *e)
{
	const struct auth_principal *p = who->p;
	int yes = 0, rc;

	for (size_t i = 0; i < n; i++)
		if (p->person && people[i] == p->person)
			return 0;
	rc = organises(s, who, int_field(item, "event_id"), &yes, e);
	if (rc)
		return rc;
	return yes ? 0 : 1;
}

/* An agreement: shown (0) to any party's representatives, the event's organisers, admins. */
static int view_agreement(struct store *s, const struct service_caller *who, const json_t *item,
			  struct err *e)
{
	int yes = 0, rc = organises(s, who, int_field(item, "event_id"), &yes, e);
	size_t i;
	json_t *v;

	json_array_foreach(json_object_get(item, "parties"), i, v) {
		if (rc || yes)
			break;
		if (json_integer_value(v) > 0) /* scope 0 would be any organisation */
			rc = store_has_role(s, who->p->account, STORE_ROLE_REPRESENTATIVE,
					    json_integer_value(v), &yes, e);
	}
	if (rc)
		return rc;
	return yes ? 0 : 1;
}

int service_view_item(struct store *s, const struct service_caller *who, enum store_res res,
		      json_t *item, struct err *e)
{
	int64_t people[8];
	size_t n = 0, i;
	json_t *v;

	switch (res) {
	case STORE_PERSON:
		return view_person(s, who, item, int_field(item, "id"), 1, e);
	case STORE_REGISTRATION:
		return view_person(s, who, item, int_field(item, "person_id"), 0, e);
	case STORE_MEETING_REQUEST:
		people[n++] = int_field(item, "requester_id");
		people[n++] = int_field(item, "invitee_id");
		return view_parties(s, who, item, people, n, e);
	case STORE_MEETING:
		json_array_foreach(json_object_get(item, "participants"), i, v) {
			if (n < sizeof(people) / sizeof(people[0]))
				people[n++] = json_integer_value(v);
		}
		return view_parties(s, who, item, people, n, e);
	case STORE_AGREEMENT:
		return view_agreement(s, who, item, e);
	default:
		return 0;
	}
}

int service_list_params(struct store *s, const struct service_caller *who, enum store_res res,
			const json_t *query, json_t **params, struct err *e)
{
	const struct auth_principal *p = who->p;
	const char *event = json_string_value(json_object_get(query, "event"));
	int yes = 0, rc;

	*params = json_incref((json_t *)query);
	if ((res != STORE_MEETING_REQUEST && res != STORE_MEETING) || p->admin || !p->person ||
	    json_object_get(query, "person"))
		return 0;
	rc = event ? organises(s, who, strtoll(event, NULL, 10), &yes, e) : 0;
	if (rc || yes)
		return rc;
	json_decref(*params);
	*params = json_copy((json_t *)query);
	json_object_set_new(*params, "person", json_sprintf("%lld", (long long)p->person));
	return 0;
}

int service_view_filters(enum store_res res)
{
	/* the ones service_view_item lets through as they are; any other is filtered */
	return res != STORE_ORGANISATION && res != STORE_OPPORTUNITY && res != STORE_EVENT;
}

int service_view_list(struct store *s, const struct service_caller *who, enum store_res res,
		      json_t *list, struct err *e)
{
	json_t *items = json_object_get(list, "items");
	size_t i = 0;

	if (!service_view_filters(res))
		return 0;
	/* the page keeps its cursor: a filtered page may hold fewer than limit */
	while (i < json_array_size(items)) {
		int rc = service_view_item(s, who, res, json_array_get(items, i), e);

		if (rc < 0)
			return rc;
		if (rc)
			json_array_remove(items, i);
		else
			i++;
	}
	return 0;
}

/* The registration rules: organisers' fields, a validation to wait for. */
static int registration_rules(struct store *s, const struct service_caller *who, json_t *body,
			      int create, struct err *e)
{
	static const char *const theirs[] = {"validation", "checked_in"};
	json_t *event = NULL;
	int rc;

	if (who->privileged)
		return 0;
	for (size_t i = 0; i < sizeof(theirs) / sizeof(theirs[0]); i++)
		if (json_object_get(body, theirs[i]))
			return err_set(e, ERR_FORBIDDEN, theirs[i],
				       "only the event's organisers set this");
	if (!create)
		return 0;
	rc = store_get(s, STORE_EVENT, int_field(body, "event_id"), &event, e);
	if (rc == ERR_NOT_FOUND) {
		err_clear(e);
		return 0; /* the store names the bad event_id */
	}
	if (rc)
		return rc;
	if (json_is_true(json_object_get(event, "profile_validation")))
		json_object_set_new(body, "validation", json_string("pending"));
	json_decref(event);
	return 0;
}

int service_write_rules(struct store *s, const struct service_caller *who, enum store_res res,
			json_t *body, int create, struct err *e)
{
	if (res == STORE_REGISTRATION)
		return registration_rules(s, who, body, create, e);
	return 0;
}
