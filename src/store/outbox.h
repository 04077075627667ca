/*
 * outbox.h - delivering the notification outbox: messages with their
 * parts, claimed by one sender at a time, and what became of each; the
 * per-person opt-outs by kind.
 *
 * A message's life: queued (due at due_at, Unix milliseconds) -> sending
 * (claimed by one sender until claimed_until) -> sent, or back to queued
 * for a later attempt, or failed with the server's answer. A message
 * whose kind its recipient opted out of becomes skipped when a sender
 * would claim it. A claim whose sender stopped (claimed_until passed) is
 * never delivered again: it becomes failed, since the message may or may
 * not have left (at most once).
 *
 * Claims are taken in one write transaction (SQLite: BEGIN IMMEDIATE;
 * PostgreSQL: the writers' lock), so two senders never hold the same row.
 * The SQL is portable (both drivers).
 */
#ifndef LIAISON_STORE_OUTBOX_H
#define LIAISON_STORE_OUTBOX_H

#include "core/err.h"
#include "store/store.h"

#include <jansson.h>
#include <stdint.h>

/* One message to queue: every text is borrowed, html and the attachment may be NULL. */
struct store_mail {
	const char *to;      /* an e-mail address */
	const char *kind;    /* "meeting_request", "reminder", ... */
	const char *subject; /* UTF-8 */
	const char *text;    /* the text/plain part, UTF-8 */
	const char *html;    /* the text/html part, or NULL */
	const char *attachment_name; /* "schedule.ics", or NULL */
	const char *attachment_type; /* "text/calendar; method=PUBLISH" */
	const char *attachment;      /* its content (text) */
	int64_t by;          /* the account that caused it, 0 = the system */
	int64_t due_ms;      /* not before (Unix ms), 0 = at once */
};

/* Queues m; ERR_INVALID naming the field when a text is missing or too long. */
int store_outbox_queue(struct store *s, const struct store_mail *m, struct err *e);

/*
 * Claims up to max queued messages due at now_ms for claim (a sender's
 * unique token) until now_ms + lease_ms, in one write transaction, after
 * marking skipped the queued messages their recipient opted out of and
 * failed the claims that lapsed. *out = [{"id", "to", "kind", "subject",
 * "body", "html"?, "attachment_name"?, "attachment_type"?, "attachment"?,
 * "attempts", "message_id"? (of an earlier attempt)}] by id (empty when
 * none is due).
 */
int store_outbox_claim(struct store *s, const char *claim, int64_t now_ms, int64_t lease_ms,
		       int max, json_t **out, struct err *e);

/* What became of one delivery attempt. */
enum store_outbox_outcome {
	STORE_OUTBOX_SENT,  /* accepted by the server */
	STORE_OUTBOX_RETRY, /* a temporary failure: queued again, due at retry_ms */
	STORE_OUTBOX_FAILED /* a permanent failure, or the last attempt */
};

/*
 * Records the outcome of the attempt on message id under claim: answer is
 * the server's last reply (or the transport error), message_id the
 * Message-ID it went out with. ERR_CONFLICT naming "claim" when the claim
 * is no longer held (lapsed and failed meanwhile).
 */
int store_outbox_finish(struct store *s, int64_t id, const char *claim,
			enum store_outbox_outcome outcome, int64_t retry_ms, const char *answer,
			const char *message_id, struct err *e);

/* Gives back, as queued and untried, the messages claim still holds (a sender stopping). */
int store_outbox_release(struct store *s, const char *claim, struct err *e);

/*
 * The earliest due_at of a queued message into *due_ms (-1 when none is
 * queued), and the number of messages being sent into *sending (may be
 * NULL).
 */
int store_outbox_next(struct store *s, int64_t *due_ms, int64_t *sending, struct err *e);

/* ---- reminders ---------------------------------------------------------- */

/*
 * The reminders due at now_s (Unix seconds): one row per participant of
 * each meeting of a published schedule whose slot starts after now_s and
 * no later than the event's reminder_minutes (absent: 15; 0: none) after
 * it, and who has had no reminder for that meeting at that start:
 * *out = [{"meeting_id", "event_id", "person_id", "start_utc", "minutes",
 * "reminder_minutes", "table"?, "online"}], by start.
 */
int store_reminders_due(struct store *s, int64_t now_s, json_t **out, struct err *e);

/*
 * Records the reminder of person for meeting starting at start_utc (inside
 * the caller's transaction, with the message queued): ERR_CONFLICT when
 * it was recorded already (another sender got there first).
 */
int store_reminder_mark(struct store *s, int64_t meeting, int64_t person, int64_t start_utc,
			struct err *e);

/* ---- surveys and nudges ------------------------------------------------ */

/*
 * The events whose published schedule ended (the end of their last slot)
 * before now_s and at most 7 days before it, and whose survey has not
 * gone: *out = [event ids] (new reference).
 */
int store_surveys_due(struct store *s, int64_t now_s, json_t **out, struct err *e);

/*
 * Marks event's survey sent (inside the caller's transaction, with the
 * messages queued): ERR_CONFLICT when it was marked already.
 */
int store_survey_mark(struct store *s, int64_t event, struct err *e);

/*
 * The people of event's placed meetings, *out = [person ids] (with_meetings
 * != 0), or the people of its registrations that are not rejected and who
 * have no meeting and no active (requested or accepted) meeting request
 * there (with_meetings == 0). By id.
 */
int store_event_people(struct store *s, int64_t event, int with_meetings, json_t **out,
		       struct err *e);

/* ---- opt-outs ---------------------------------------------------------- */

/*
 * Sets whether email receives messages of kind (off != 0: opted out).
 * kind must be one of store_outbox_optional_kinds.
 */
int store_optout_set(struct store *s, const char *email, const char *kind, int off,
		     struct err *e);

/* *out = ["reminder", ...], the kinds email opted out of, sorted. */
int store_optout_list(struct store *s, const char *email, json_t **out, struct err *e);

/* The kinds a person may opt out of (NULL-terminated); the others always go. */
extern const char *const store_outbox_optional_kinds[];

#endif
