/*
 * resource.h - the directory, events and the cooperation that follows, as
 * resources: create, read, update, delete and list with the rules the
 * store cannot know (who may see a row or its contact details, what only
 * organisers set, who represents a new organisation), the owners of a row
 * and the roles of an account for the access checks, and the health and
 * figures of the platform.
 *
 * Privacy (privacy.c): a person's e-mail and phone are shown only to
 * themselves, admins, the organisers of an event they registered for, and
 * the people they have an accepted meeting with; a profile that waits for
 * an organiser's validation only to them, admins, those organisers and
 * their organisation's representatives, and their registrations likewise;
 * meeting requests and meetings only to their people, the event's
 * organisers and admins. A hidden row is left out of lists and is
 * ERR_NOT_FOUND on its own, as if it did not exist.
 *
 * Writing: a registration's validation and check-in are the organisers'
 * to set (ERR_FORBIDDEN naming the field for anyone else); in an event
 * that validates profiles a participant's own registration starts
 * "pending"; whoever (not an admin) creates an organisation represents it;
 * a registration made for someone else records who made it.
 *
 * Conventions of service.h. Meeting requests are made with
 * service_request_create (service.h), which adds the daily cap.
 */
#ifndef LIAISON_SERVICE_RESOURCE_H
#define LIAISON_SERVICE_RESOURCE_H

#include "service/service.h"

#include <stddef.h>

/* The resources of the API, in the order of their routes (store/store.h's). */
enum service_res {
	SERVICE_ORGANISATION,
	SERVICE_PERSON,
	SERVICE_OPPORTUNITY,
	SERVICE_EVENT,
	SERVICE_REGISTRATION,
	SERVICE_MEETING_REQUEST,
	SERVICE_MEETING,
	SERVICE_AGREEMENT,
	SERVICE_RES_COUNT
};

/* The route name of res: "organisations", "meeting-requests", ... */
const char *service_res_name(enum service_res res);

/* The resource whose route name is name[0..len); -1 when none. */
int service_res_find(const char *name, size_t len, enum service_res *res);

/*
 * The id that text names: a positive decimal id as it is, else for a
 * resource with refs the id of the row whose ref is text (res
 * SERVICE_RES_COUNT: ids only). ERR_NOT_FOUND (field "id") when none.
 */
int service_find_id(struct service_conn *c, enum service_res res, const char *text,
		    int64_t *id, struct err *e);

/*
 * Lists res for who: query holds the query-string parameters as strings
 * (the store validates them). A participant's list of meeting requests
 * or meetings is their own unless they name a person or an event they
 * organise; rows hidden from who are left out (a page keeps its cursor, so
 * it may hold fewer than its limit). *out = {"items", "next"}.
 */
int service_list(struct service_conn *c, const struct service_caller *who,
		 enum service_res res, const json_t *query, json_t **out, struct err *e);

/*
 * The same page as service_list as JSON text (*out, *len; the caller's):
 * written by the database where no row is filtered (organisations,
 * opportunities, events, ...), else service_list's page dumped.
 */
int service_list_text(struct service_conn *c, const struct service_caller *who,
		      enum service_res res, const json_t *query, char **out, size_t *len,
		      struct err *e);

/*
 * Creates a row of res (not a meeting request) from body with the writing
 * rules above, in one transaction. *out is the row as who may see it.
 */
int service_create(struct service_conn *c, const struct service_caller *who,
		   enum service_res res, const json_t *body, json_t **out, struct err *e);

/*
 * Row id of res as who may see it. A row hidden from who is ERR_NOT_FOUND
 * (field "id") saying "no such id: <named>" (named: the id as the caller
 * wrote it).
 */
int service_get(struct service_conn *c, const struct service_caller *who, enum service_res res,
		int64_t id, const char *named, json_t **out, struct err *e);

/* service_get as JSON text (*out, *len; the caller's), as service_list_text writes it. */
int service_get_text(struct service_conn *c, const struct service_caller *who,
		     enum service_res res, int64_t id, const char *named, char **out, size_t *len,
		     struct err *e);

/* Applies patch (a JSON merge patch) to row id with the writing rules. */
int service_update(struct service_conn *c, const struct service_caller *who,
		   enum service_res res, int64_t id, const json_t *patch, json_t **out,
		   struct err *e);

/*
 * Deletes row id of res (ERR_CONFLICT when other rows still need it: an
 * organisation or a person with meeting requests, an organisation that is
 * party to an agreement).
 */
int service_delete(struct service_conn *c, enum service_res res, int64_t id, struct err *e);

/* ---- what the access checks need ------------------------------------------- */

/*
 * The owners of a row (0 when none): organisations: organisation = id;
 * people: organisation, person = id; opportunities: organisation; events:
 * event = id; registrations: event, person, organisation (the person's);
 * meeting requests and meetings: event, person = requester, person2 =
 * invitee; agreements: organisation and organisation2 (the first two
 * parties), event. ERR_NOT_FOUND (field "id") when the row does not exist.
 */
struct service_owner {
	int64_t organisation;
	int64_t organisation2;
	int64_t event;
	int64_t person;
	int64_t person2;
};
int service_owner(struct service_conn *c, enum service_res res, int64_t id,
		  struct service_owner *o, struct err *e);

/* The roles the access checks ask about. */
enum service_role {
	SERVICE_ROLE_ORGANISER,      /* of an event */
	SERVICE_ROLE_REPRESENTATIVE, /* of an organisation */
};

/* *yes = 1 when account holds role on scope (an admin holds every role). */
int service_has_role(struct service_conn *c, int64_t account, enum service_role role,
		     int64_t scope, int *yes, struct err *e);

/* *yes = 1 when account represents one of the parties of agreement id. */
int service_represents_party(struct service_conn *c, int64_t account, int64_t agreement,
			     int *yes, struct err *e);

/* ---- the platform ------------------------------------------------------------ */

/* Checks the database answers; *schema gets its schema version. */
int service_health(struct service_conn *c, int *schema, struct err *e);

/* The figures of GET /api/v1/stats (docs/api.md). */
int service_stats(struct service_conn *c, json_t **out, struct err *e);

#endif
