/*
 * send.h - the outbox sender: claims due messages (store/outbox.h),
 * builds each as MIME and delivers it over SMTP (mail/mail.h), and
 * records what became of it: sent, queued again after an exponential
 * back-off for a temporary failure, or failed with the server's answer
 * (a 5xx reply, or the last attempt). Several senders may run on one
 * database: each message is claimed by one of them, and a claim whose
 * sender died is never sent again (at most once).
 *
 * Before each claim the sender queues the reminders that are due
 * (service_remind_due). The recipient's opt-outs are honoured by every
 * claim. The clock is injectable (now_ms), so that tests decide what is
 * due.
 */
#ifndef LIAISON_SERVICE_SEND_H
#define LIAISON_SERVICE_SEND_H

#include "mail/mail.h"
#include "service/service.h"

#include <signal.h>
#include <stdint.h>

struct service_sender {
	struct mail_smtp_config smtp;
	const char *from;      /* the envelope and From: address */
	const char *from_name; /* may be NULL */
	const char *base_url;  /* the UI's address for List-Unsubscribe (may be NULL) */
	int max_attempts;      /* attempts before a temporary failure is final (>= 1) */
	int64_t retry_ms;      /* the first back-off; doubled each attempt */
	int64_t retry_max_ms;  /* the longest back-off */
	double rate;           /* most messages per second, 0 = no limit */
	int batch;             /* messages claimed at once */
	int64_t (*now_ms)(void *arg); /* the clock (NULL: the real one) */
	void *clock_arg;
};

/* Counts of one run. */
struct service_send_stats {
	long sent, retried, failed, lost_claims;
};

/* Fills cfg with the defaults (8 attempts, 1 minute doubling to 6 hours, batches of 20). */
void service_sender_defaults(struct service_sender *cfg);

/*
 * Delivers what is due: claims batches and sends them until none is due
 * (once: until nothing is queued at all, waiting for the retries), or
 * until *stop becomes non-zero (then the messages claimed and not yet
 * tried are given back). Polls every poll_ms when idle and not once.
 * Counts go to *st (added to). Returns 0, or the store's error.
 */
int service_send_run(struct service_conn *c, const struct service_sender *cfg, int once,
		     int64_t poll_ms, volatile sig_atomic_t *stop, struct service_send_stats *st,
		     struct err *e);

/*
 * Queues the reminders due at now_s (store_reminders_due), each recorded
 * with its message in one transaction; *queued gets how many. The sender
 * calls it before each claim.
 */
int service_remind_due(struct service_conn *c, int64_t now_s, int *queued, struct err *e);

/*
 * Queues the outcome survey of every event whose published schedule ended
 * in the last 7 days (before now_s) and whose survey has not gone, to each
 * participant with a placed meeting there, once per event; *queued gets
 * how many messages. The sender calls it before each claim.
 */
int service_survey_due(struct service_conn *c, int64_t now_s, int *queued, struct err *e);

/*
 * The organiser's nudge (nudge.c): every registration of event that is not
 * rejected and whose person has no meeting and no active meeting request
 * there gets a message with the three partners at the event that rank
 * best for their organisation. *out = {"queued": n}.
 */
int service_nudge(struct service_conn *c, const struct service_caller *who, int64_t event,
		  json_t **out, struct err *e);

/* ---- notification preferences and announcements (prefs.c) ---- */

/*
 * The caller's notification preferences: *out = {"kinds": [every kind one
 * may opt out of], "off": [the kinds they opted out of]}.
 */
int service_prefs_get(struct service_conn *c, const struct service_caller *who, json_t **out,
		      struct err *e);

/*
 * Sets the caller's opt-outs to body's "off" (an array of kinds, each one
 * of "kinds"); ERR_INVALID naming "off" or "off[i]". *out as
 * service_prefs_get.
 */
int service_prefs_set(struct service_conn *c, const struct service_caller *who,
		      const json_t *body, json_t **out, struct err *e);

/*
 * RFC 8058's one-click unsubscribe from messages of kind to email: the
 * URL base + "/api/v1/unsubscribe?e=<the e-mail, lower case, base64url>
 * &k=<kind>&s=<HMAC-SHA256 of both under the "unsubscribe" secret,
 * base64url>" into out (n bytes). 1 when kind is not one a person may opt
 * out of (out is then ""), 0 when made.
 */
int service_unsubscribe_url(struct service_conn *c, const char *base, const char *email,
			    const char *kind, char *out, size_t n, struct err *e);

/*
 * The one-click POST of such a URL (query {"e", "k", "s"}, no session):
 * records that the e-mail opts out of kind, as PUT /me/notifications
 * would. ERR_BAD_REQUEST naming "e", "k" or "s" for a missing or damaged
 * parameter or a signature that is not ours. *out = {"kind", "off": true}.
 */
int service_unsubscribe(struct service_conn *c, const json_t *query, json_t **out,
			struct err *e);

/*
 * An organiser's announcement to the participants of event: body
 * {"subject" (1-200 characters), "body" (1-10,000)} queued, as written,
 * to every registration that is not rejected and whose person has an
 * e-mail, in one transaction. *out = {"queued": n}.
 */
int service_announce(struct service_conn *c, const struct service_caller *who, int64_t event,
		     const json_t *body, json_t **out, struct err *e);

#endif
