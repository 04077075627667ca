/*
 * notice.c - the messages a workflow queues in the notification outbox
 * (store_outbox_add; the mail sender delivers them), written inside the
 * workflow's own transaction: a notice is queued exactly when what it
 * tells of is stored.
 *
 * Meeting requests: the invitee hears of a new request, the requester of
 * an answer, and of a cancellation the side that did not cancel.
 */
#include "service/service_int.h"

#include "core/jsonx.h"

#include <stdio.h>
#include <string.h>

static const char *past_tense(const char *what)
{
	if (strcmp(what, "created") == 0)
		return "made";
	if (strcmp(what, "accept") == 0)
		return "accepted";
	if (strcmp(what, "decline") == 0)
		return "declined";
	return "cancelled";
}

/* The rows a notice is written from: *author, *reader and *event, owned. */
static int notice_rows(struct store *s, const json_t *request, int64_t from, int64_t to,
		       json_t **author, json_t **reader, json_t **event, struct err *e)
{
	int64_t ev = json_integer_value(json_object_get(request, "event_id"));
	int rc;

	*author = *reader = *event = NULL;
	rc = store_get(s, STORE_PERSON, from, author, e);
	if (!rc)
		rc = store_get(s, STORE_PERSON, to, reader, e);
	if (!rc)
		rc = store_get(s, STORE_EVENT, ev, event, e);
	return rc;
}

int service_notice_request(struct store *s, const struct auth_principal *by,
			   const json_t *request, const char *what, struct err *e)
{
	int64_t from = json_integer_value(json_object_get(request, "requester_id"));
	int64_t to = json_integer_value(json_object_get(request, "invitee_id"));
	int64_t id = json_integer_value(json_object_get(request, "id"));
	const char *message = jsonx_str(request, "message");
	json_t *author, *reader, *event;
	char subject[400], body[1200];
	int rc;

	if (strcmp(what, "accept") == 0 || strcmp(what, "decline") == 0 ||
	    (strcmp(what, "cancel") == 0 && by->person == to)) {
		int64_t t = from;

		from = to;
		to = t;
	}
	rc = notice_rows(s, request, from, to, &author, &reader, &event, e);
	if (!rc && jsonx_str(reader, "email")) {
		snprintf(subject, sizeof(subject), "%s: meeting request %s by %s",
			 jsonx_str(event, "name"), past_tense(what), jsonx_str(author, "name"));
		snprintf(body, sizeof(body),
			 "Meeting request %lld at %s.\n\nFrom: %s\nMessage: %s\n\n"
			 "See GET /api/v1/meeting-requests/%lld.",
			 (long long)id, jsonx_str(event, "name"), jsonx_str(author, "name"),
			 message ? message : "-", (long long)id);
		rc = store_outbox_add(s, jsonx_str(reader, "email"), "meeting_request", subject,
				      body, by->account, e);
	}
	json_decref(author);
	json_decref(reader);
	json_decref(event);
	return rc;
}
