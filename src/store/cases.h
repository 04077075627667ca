/*
 * cases.h - the cooperation desk's store side (tables of migration 9):
 * enquiries (cases), their thread, the desk's calendar and SLA, and the
 * desk's staff. The rules (who may see and do what, the state machine,
 * the SLA clock) are the service's (service/case.h); these functions only
 * read and write, inside the caller's transaction.
 */
#ifndef LIAISON_STORE_CASES_H
#define LIAISON_STORE_CASES_H

#include "core/err.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct store;

/* The desk's calendar (desk_settings, desk_holidays); holidays malloc'd (store_desk_cal_release). */
struct store_desk_cal {
	char time_zone[64];
	int32_t open_min, close_min;
	unsigned days_off;     /* ISO weekday bits, 1 << 1 Monday .. 1 << 7 Sunday */
	int32_t risk_percent;  /* at risk when less than this share of the SLA is left */
	int32_t *holidays;     /* yyyymmdd, ascending */
	size_t nholidays;
};

/* Reads the calendar into *c (store_desk_cal_release frees it). */
int store_desk_cal_read(struct store *s, struct store_desk_cal *c, struct err *e);
void store_desk_cal_release(struct store_desk_cal *c);

/*
 * The settings as the API shows them: {"time_zone", "open": "HH:MM",
 * "close": "HH:MM", "days_off": [6, 7], "risk_percent", "holidays":
 * [{"date", "name"?}], "sla": [{"category", "priority", "hours"}]}.
 */
int store_desk_settings(struct store *s, json_t **out, struct err *e);

/* Writes the calendar row of c and, when holidays is not NULL, replaces the holidays with it ([{"date", "name"?}], checked by the caller). */
int store_desk_settings_write(struct store *s, const struct store_desk_cal *c,
			      const json_t *holidays, struct err *e);

/* Sets the SLA of category x priority to minutes of working time. */
int store_desk_sla_set(struct store *s, const char *category, const char *priority,
		       int64_t minutes, struct err *e);

/* *minutes = the SLA of category x priority (ERR_INVALID naming "category" when none). */
int store_desk_sla(struct store *s, const char *category, const char *priority,
		   int64_t *minutes, struct err *e);

/* *yes = 1 when account works the desk; team (may be NULL, n bytes) gets its team or "". */
int store_desk_is_staff(struct store *s, int64_t account, int *yes, char *team, size_t n,
			struct err *e);

/* Adds (team may be NULL) or, when remove, removes account from the desk's staff. */
int store_desk_staff_set(struct store *s, int64_t account, const char *team, int remove,
			 struct err *e);

/* [{"account_id", "email", "team"?, "name"?}] of the staff, by e-mail. */
int store_desk_staff(struct store *s, json_t **out, struct err *e);

/* A new case as stored (strings borrowed; NULL = unset). */
struct store_case_new {
	const char *subject, *body, *lang;
	int64_t organisation;
	const char *category, *priority, *state;
	int64_t owner;
	const char *team;
	int64_t requester;
	const char *requester_name, *requester_email;
	const char *channel; /* web | staff | email */
	int64_t opened_by;
	int64_t opened_utc, sla_minutes, due_utc, risk_utc;
};

/* Inserts c (and its search entry); *id gets the new case's id. */
int store_case_insert(struct store *s, const struct store_case_new *c, int64_t *id,
		      struct err *e);

/*
 * The row of case id, every column by its name (NULLs left out) plus
 * "organisation" (its name), "owner_email", "requester_account_email";
 * ERR_NOT_FOUND ("id") when there is none.
 */
int store_case_get(struct store *s, int64_t id, json_t **out, struct err *e);

/*
 * Sets the columns of case id that row names (any of state, owner_id,
 * team, category, priority, sla_minutes, due_utc, risk_utc, paused_left,
 * resolved_at, closed_at, rating, rating_comment, rated_at; a JSON null
 * clears it) and updated_at.
 */
int store_case_set(struct store *s, int64_t id, const json_t *row, struct err *e);

/* Appends to the thread of case id (kind message | note | state; strings may be NULL). */
int store_case_post(struct store *s, int64_t id, const char *kind, int64_t author,
		    const char *author_name, const char *body, const char *lang,
		    const char *from, const char *to, struct err *e);

/*
 * The thread of case id in order: [{"id", "kind", "author_id"?,
 * "author_name"?, "author_email"?, "body"?, "lang"?, "from_state"?,
 * "to_state"?, "at"}]; notes left out unless notes.
 */
int store_case_thread(struct store *s, int64_t id, int notes, json_t **out, struct err *e);

/* What a list of cases asks for. */
struct store_case_query {
	const char *view;      /* open | overdue | at_risk | waiting | resolved | closed | all */
	const char *q;         /* words of the subject and body (NULL = any) */
	const char *category;  /* NULL = any */
	int64_t owner;         /* 0 = any */
	int64_t requester;     /* 0 = any: staff; else only this account's cases */
	int64_t now;           /* UTC seconds, for overdue and at_risk */
	int limit;             /* 1..STORE_LIST_MAX */
	int64_t after;         /* cursor: ids above it */
};

/* {"items": [rows as store_case_get without body], "next": cursor | null}, by id. */
int store_case_list(struct store *s, const struct store_case_query *q, json_t **out,
		    struct err *e);

/*
 * The number of cases in each view at now: {"open", "overdue", "at_risk",
 * "waiting", "resolved", "closed"} (requester 0 = all cases).
 */
int store_case_counts(struct store *s, int64_t now, int64_t requester, json_t **out,
		      struct err *e);

/* *yes = 1 when there is an account (organisation) with id id. */
int store_desk_account_exists(struct store *s, int64_t id, int *yes, struct err *e);
int store_desk_org_exists(struct store *s, int64_t id, int *yes, struct err *e);

/*
 * Runs fn(s, ctx, e) in one read transaction (a snapshot that does not
 * hold other writers back, unlike store_atomic): for the desk's reads.
 */
int store_desk_read(struct store *s, int (*fn)(struct store *s, void *ctx, struct err *e),
		    void *ctx, struct err *e);

/* *id = the account whose e-mail is email (0 when none). */
int store_account_by_email(struct store *s, const char *email, int64_t *id, struct err *e);

#endif
