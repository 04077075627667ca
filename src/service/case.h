/*
 * case.h - the cooperation centre's desk: enquiries (cases) from opening
 * to closing.
 *
 * A case is opened by anyone signed in (for themselves), by the desk's
 * staff on behalf of a caller (a name and an e-mail, linked to the
 * caller's account when one has that e-mail), or from a forwarded e-mail
 * (service_case_import). Its language is detected from its text. States:
 * new -> assigned -> waiting_for_requester -> assigned ..., resolved from
 * new, assigned or waiting, closed from new or resolved; "reopen" brings
 * a resolved or closed case back (assigned when it has an owner, else
 * new) with a fresh SLA clock.
 *
 * The SLA: minutes of working time per category and priority
 * (desk_sla), counted in the desk's calendar (its zone, opening hours,
 * days off and holidays: core/workhours.h) from opening; the case is at
 * risk once less than risk_percent of it is left and overdue at its due
 * time. The clock stands still while the case waits for its requester:
 * what was left is kept and counted again from when it moves on.
 *
 * Who sees what: the desk's staff (desk_staff) and admins see and work
 * every case; a requester sees only their own cases (others are 404) and
 * never the internal notes of the thread, nor the owner's e-mail. Moving
 * a case, notes, reclassifying and assigning are for staff; a requester
 * writes messages (which bring a waiting case back to the desk), closes
 * or reopens their resolved case and rates it once it is resolved or
 * closed (satisfaction: asked by a notice when the case is resolved).
 *
 * Every workflow is one transaction. Conventions of service.h.
 */
#ifndef LIAISON_SERVICE_CASE_H
#define LIAISON_SERVICE_CASE_H

#include "service/service.h"

#include <stddef.h>

/* The longest subject and body, in characters. */
#define SERVICE_CASE_SUBJECT_MAX 300
#define SERVICE_CASE_BODY_MAX 20000

/*
 * Opens a case from body: {"subject", "body", "category", "priority"?
 * (normal), "organisation_id"?, "lang"? (else detected)} and, for staff
 * only, "requester": {"name"?, "email"} or "requester_id", "owner_id",
 * "team". *out is the case as service_case_get shows it.
 */
int service_case_open(struct service_conn *c, const struct service_caller *who,
		      const json_t *body, json_t **out, struct err *e);

/*
 * Opens a case from a forwarded e-mail (an RFC 5322 message of len
 * bytes, MIME parsed by GMime): subject, the text part as body, the
 * sender as requester; category and priority from query ("category",
 * "priority", "organisation_id": strings; other, normal by default).
 * Staff only. ERR_BAD_REQUEST naming "message" when it is not a message
 * with a sender and a text.
 */
int service_case_import(struct service_conn *c, const struct service_caller *who,
			const char *raw, size_t len, const json_t *query, json_t **out,
			struct err *e);

/*
 * Case id with its thread as who may see it: the case's fields, "due_at",
 * "at_risk_at" (RFC 3339 in the desk's zone), "overdue", "at_risk",
 * "paused", "sla_hours", "satisfaction": {"asked", "rating"?, "comment"?,
 * "at"?}, "moves": the states who may move it to, "messages": [...].
 */
int service_case_get(struct service_conn *c, const struct service_caller *who, int64_t id,
		     json_t **out, struct err *e);

/*
 * Lists cases: query "view" (open, overdue, at_risk, waiting, resolved,
 * closed, all; open by default), "q" (words), "category", "owner" (an
 * account id or "me"), "limit", "cursor". A requester gets only theirs.
 * {"items": [...], "next"}.
 */
int service_case_list(struct service_conn *c, const struct service_caller *who,
		      const json_t *query, json_t **out, struct err *e);

/* Staff: changes "owner_id" (staff; null unassigns), "team", "category", "priority". */
int service_case_update(struct service_conn *c, const struct service_caller *who, int64_t id,
			const json_t *body, json_t **out, struct err *e);

/* Adds to the thread: {"body", "internal"? (staff: a note)}. */
int service_case_post(struct service_conn *c, const struct service_caller *who, int64_t id,
		      const json_t *body, json_t **out, struct err *e);

/* Moves case id: {"state": assigned | waiting_for_requester | resolved | closed | reopen, "owner_id"?}. */
int service_case_move(struct service_conn *c, const struct service_caller *who, int64_t id,
		      const json_t *body, json_t **out, struct err *e);

/* The requester rates their resolved or closed case once: {"rating": 1..5, "comment"?}. */
int service_case_rate(struct service_conn *c, const struct service_caller *who, int64_t id,
		      const json_t *body, json_t **out, struct err *e);

/*
 * Staff: partners the matching engine suggests for case id (the
 * organisation concerned's recommendations): {"case_id", "organisation_id",
 * "partners": [...as service_recommend_org's matches...]}.
 */
int service_case_suggestions(struct service_conn *c, const struct service_caller *who,
			     int64_t id, json_t **out, struct err *e);

/* The number of cases in each view (a requester: theirs), and "staff": bool. */
int service_desk_summary(struct service_conn *c, const struct service_caller *who, json_t **out,
			 struct err *e);

/* The desk's calendar and SLA (store_desk_settings): staff read. */
int service_desk_settings_get(struct service_conn *c, const struct service_caller *who,
			      json_t **out, struct err *e);

/*
 * Admin: changes the calendar: {"time_zone"?, "open"? "HH:MM", "close"?,
 * "days_off"? [1..7], "risk_percent"?, "holidays"? [{"date", "name"?}],
 * "sla"? [{"category", "priority", "hours"}]}. Cases keep their due times.
 */
int service_desk_settings_put(struct service_conn *c, const struct service_caller *who,
			      const json_t *body, json_t **out, struct err *e);

/* Staff: the desk's staff. Admin: adds account ({"team"?}) or removes it (body NULL). */
int service_desk_staff_list(struct service_conn *c, const struct service_caller *who,
			    json_t **out, struct err *e);
int service_desk_staff_set(struct service_conn *c, const struct service_caller *who,
			   int64_t account, const json_t *body, struct err *e);

/*
 * Loads the demo desk (data/demo/desk.json: "staff" [{"email", "team"}],
 * "cases" [...]) in one transaction, after the demo accounts.
 */
int service_desk_load_demo(struct service_conn *c, const json_t *desk, struct err *e);

/* 1 in *yes when who works the desk (desk_staff) or is an admin. */
int service_desk_is_staff(struct service_conn *c, const struct service_caller *who, int *yes,
			  struct err *e);

#endif
