/*
 * service.h - the one door to domain behaviour.
 *
 * Each workflow is one service_* function: it opens one transaction on
 * the caller's connection, applies every rule of the workflow, writes, and
 * queues the notices it sends (the outbox) in that same transaction, so
 * that a rule checked is still true when the write lands and a notice is
 * queued exactly when its cause is stored. Callers above (api/, cli/)
 * parse, call one service function and shape the answer; they never reach
 * the store.
 *
 * Connections: a struct service_conn is one worker's own connection to
 * the database. Use it from one thread at a time; open one per thread.
 *
 * Conventions: 0 or a negative err code (core/err.h) with e naming the
 * field; json_t * parameters are borrowed, json_t ** results are new
 * references the caller releases (NULL on failure).
 */
#ifndef LIAISON_SERVICE_SERVICE_H
#define LIAISON_SERVICE_SERVICE_H

#include "auth/auth.h"
#include "core/err.h"
#include "text/collate.h"

#include <jansson.h>
#include <stdint.h>

struct store;
struct service_conn;

/* Open flags of service_conn_open. */
#define SERVICE_MIGRATE 0x1 /* apply pending migrations while opening */

/*
 * Opens a connection to the database at path (":memory:" works). *out
 * owns it; close it with service_conn_close.
 */
int service_conn_open(const char *path, int flags, struct service_conn **out, struct err *e);

/*
 * A connection over an open store connection s (borrowed: it must outlive
 * the result, and service_conn_close leaves it open). For the command
 * line and the tests, which already hold a store.
 */
struct service_conn *service_conn_wrap(struct store *s);

/* Closes c (NULL is fine). */
void service_conn_close(struct service_conn *c);

/*
 * 1 when c, opened by service_conn_open, should be closed and opened
 * again: the database was read-only when it opened, or its server dropped
 * it (store_stale).
 */
int service_conn_stale(const struct service_conn *c);

/*
 * Who acts. p is never NULL (an anonymous principal has account 0).
 * privileged: the caller acts by organiser or admin rights, which lift the
 * participants' limits (the daily cap of meeting requests, the fields
 * only organisers set). lang: the language the caller reads (for the API,
 * Accept-Language's first tag), which orders names when a list is sorted
 * by name without a sort_lang of its own; an ill-formed one is ignored.
 */
struct service_caller {
	const struct auth_principal *p;
	int privileged;
	char lang[TEXT_LANG_TAG_MAX + 1]; /* the reader's language (BCP 47), "" when unknown */
};

/* ---- meeting requests (request.c) ---------------------------------------- */

/* Meeting requests one person may make in 24 hours when none is configured. */
#define SERVICE_REQUESTS_PER_DAY 20

/*
 * Makes a meeting request from body (the store's fields), in one write
 * transaction: the requester's daily cap (cap requests in the last 24
 * hours; cap <= 0 means SERVICE_REQUESTS_PER_DAY; not for a privileged
 * caller) is counted inside it, so parallel requests cannot pass the cap;
 * then the request is stored and the invitee's notice queued. The cap
 * reached is ERR_TOO_MANY naming "requester_id" (nothing is written).
 * *out is the request as the API shows it.
 */
int service_request_create(struct service_conn *c, const struct service_caller *who,
			   const json_t *body, int cap, json_t **out, struct err *e);

/*
 * Moves meeting request id along its state machine (action "accept",
 * "decline" or "cancel"; see store_meeting_request_act) and queues the
 * notice of the other side, in one transaction. *out is the request.
 */
int service_request_act(struct service_conn *c, const struct service_caller *who, int64_t id,
			const char *action, json_t **out, struct err *e);

#endif
