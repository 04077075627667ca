/*
 * network.h - the cooperation centre's partner network, its expert pool
 * and its event series.
 *
 * Partners are the associations and chambers the centre keeps a liaison
 * agreement with: signed on a day, expiring on another (or open-ended),
 * its renewal due notice_days before it expires; the countries and
 * themes (thesaurus concepts) they cover; their contact persons; an
 * activity log (events co-organised, delegations, referrals made and
 * received, renewals), each dated. Everyone reads the network; only the
 * desk's staff (and admins) see the contact persons, the notes of the log
 * and the cases it names, list the renewals coming due, and write.
 * "Today" is the day in the desk's time zone (desk_settings).
 *
 * Experts are appointed by a letter (its reference, date and field) for a
 * term; their expertise is thesaurus concepts and free text by language
 * ({"en": ..., "zh": ...}); they speak languages and are available,
 * limited or unavailable. Everyone reads the pool (search: full text in
 * every language, the same on SQLite and PostgreSQL); their e-mail,
 * account and assignments are the desk's. The desk assigns an expert to
 * a case, an event, or a challenge's jury (the challenge's organisers do
 * the last: it goes through service_jury_put, in the same transaction),
 * and asks the matching engine which experts suit a case.
 *
 * An event series is the events sharing events.series; its page is the
 * statistics of the whole series (service/report.h's, scope series) and
 * of each edition, for the desk's staff.
 *
 * Every workflow is one transaction. Conventions of service.h.
 */
#ifndef LIAISON_SERVICE_NETWORK_H
#define LIAISON_SERVICE_NETWORK_H

#include "service/service.h"

/*
 * Adds a partner from body: {"name", "kind": association | chamber,
 * "country", "city"?, "website"?, "organisation_id"?, "description"?,
 * "countries"? [ISO codes], "themes"? [concepts], "contacts"? [{"name",
 * "role"?, "email"?, "phone"?, "languages"?}], "signed_on": YYYY-MM-DD,
 * "expires_on"?, "notice_days"? (90)}. Desk staff. *out as service_partner_get.
 */
int service_partner_create(struct service_conn *c, const struct service_caller *who,
			   const json_t *body, json_t **out, struct err *e);

/* Changes the fields body names (as create; null clears an optional one). Desk staff. */
int service_partner_update(struct service_conn *c, const struct service_caller *who,
			   int64_t id, const json_t *body, json_t **out, struct err *e);

/*
 * Partner id with "renewal": {"due_on", "due", "overdue", "days_left"}
 * (none when open-ended), "activity_counts" and "activities" (latest
 * first); contacts, notes and case ids for the desk only.
 */
int service_partner_get(struct service_conn *c, const struct service_caller *who, int64_t id,
			json_t **out, struct err *e);

/* Lists partners: query "q" (a part of the name), "country", "theme", "kind", "limit", "cursor". */
int service_partner_list(struct service_conn *c, const struct service_caller *who,
			 const json_t *query, json_t **out, struct err *e);

/*
 * The renewals coming due: the partners whose agreement expires within
 * query "within" days (90 by default, 1..3650) or has expired, soonest
 * (so the overdue) first: {"today", "within", "items": [partners with
 * "renewal"]}. Desk staff.
 */
int service_partner_renewals(struct service_conn *c, const struct service_caller *who,
			     const json_t *query, json_t **out, struct err *e);

/*
 * Logs an activity of partner id: {"kind": event | delegation |
 * referral_made | referral_received, "date", "title", "note"?,
 * "event_id"?, "case_id"?}. Desk staff. *out is the partner.
 */
int service_partner_activity(struct service_conn *c, const struct service_caller *who,
			     int64_t id, const json_t *body, json_t **out, struct err *e);

/*
 * Renews the agreement of partner id: {"expires_on" (after the current
 * expiry, or today), "signed_on"? (today), "note"?}; logs a renewal.
 * Desk staff. *out is the partner.
 */
int service_partner_renew(struct service_conn *c, const struct service_caller *who, int64_t id,
			  const json_t *body, json_t **out, struct err *e);

/*
 * Appoints an expert from body: {"name", "title"?, "organisation_id"?,
 * "account_id"?, "email"?, "country"?, "letter_ref"?, "letter_date",
 * "term_end", "field", "concepts"? [concepts], "expertise" {lang: text},
 * "languages" [tags], "availability"? (available)}. Desk staff.
 */
int service_expert_create(struct service_conn *c, const struct service_caller *who,
			  const json_t *body, json_t **out, struct err *e);

/* Changes the fields body names. Desk staff. */
int service_expert_update(struct service_conn *c, const struct service_caller *who, int64_t id,
			  const json_t *body, json_t **out, struct err *e);

/* Expert id with "in_term" and, for the desk, "assignments". */
int service_expert_get(struct service_conn *c, const struct service_caller *who, int64_t id,
		       json_t **out, struct err *e);

/*
 * Searches experts: query "q" (words, any language), "concept", "lang",
 * "availability", "in_term" ("true": in term today), "limit", "cursor".
 */
int service_expert_list(struct service_conn *c, const struct service_caller *who,
			const json_t *query, json_t **out, struct err *e);

/*
 * Assigns expert id: {"case_id" | "event_id" | "challenge_id", "role"?}.
 * A case gets an internal note naming the expert; a challenge's jury is
 * joined through service_jury_put (the caller must manage the challenge,
 * the expert must have an account; their concepts are the jury's
 * expertise). Desk staff. *out is the expert.
 */
int service_expert_assign(struct service_conn *c, const struct service_caller *who, int64_t id,
			  const json_t *body, json_t **out, struct err *e);

/*
 * The experts the matching engine suggests for case id (its subject and
 * body, and the themes of its organisation, against each available
 * expert's expertise and concepts): {"case_id", "experts": [{"id",
 * "name", "field", "availability", "score", "reasons"}], "assigned":
 * [assignments of the case]}. Desk staff.
 */
int service_case_experts(struct service_conn *c, const struct service_caller *who, int64_t id,
			 json_t **out, struct err *e);

/* The event series: {"items": [{"name", "events", "first_day", "last_day"}]}. Desk staff. */
int service_series_list(struct service_conn *c, const struct service_caller *who,
			json_t **out, struct err *e);

/*
 * Series query "name": {"name", "statistics" (the whole series),
 * "editions": [{"id", "name", "first_day", "statistics"}]} by first day.
 * ERR_NOT_FOUND naming "name" when no event has that series. Desk staff.
 */
int service_series_get(struct service_conn *c, const struct service_caller *who,
		       const json_t *query, json_t **out, struct err *e);

/*
 * Loads the demo network (data/demo/network.json: "partners" with their
 * "activities", dates relative to today as "+30" / "-400" days; "experts"
 * with their "assignments" by case subject) and the fair's past editions
 * (data/demo/series.json, an events file) inside the demo's transaction,
 * after the demo desk.
 */
int service_network_load_demo(struct service_conn *c, struct err *e);

#endif
