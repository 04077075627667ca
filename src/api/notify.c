/*
 * notify.c - messages to the people a meeting request concerns, queued in
 * the notification outbox (store_outbox_add; e-mail sending comes later):
 * the invitee hears of a new request, the requester of an answer, the other
 * side of a cancellation.
 *
 * The request is already stored when this runs: a message that cannot be
 * queued is logged, and the request stands.
 */
#include "api/api_internal.h"

#include "core/jsonx.h"
#include "core/log.h"

#include <stdio.h>
#include <string.h>

static json_t *row(const struct http_req *req, enum store_res res, int64_t id)
{
	json_t *out = NULL;
	struct err e;

	err_clear(&e);
	if (store_get(req->store, res, id, &out, &e))
		log_warn("notification: %s %lld: %s", store_res_name(res), (long long)id, e.msg);
	return out;
}

void api_notify_request(const struct http_req *req, const json_t *request, const char *what)
{
	int64_t from = json_integer_value(json_object_get(request, "requester_id"));
	int64_t to = json_integer_value(json_object_get(request, "invitee_id"));
	json_t *author, *reader, *event;
	char subject[400], body[1200];
	const char *email;
	struct err e;

	/*
	 * The invitee hears of a new request, the requester of an answer, and
	 * of a cancellation the side that did not cancel (the invitee when an
	 * organiser did).
	 */
	if (strcmp(what, "accept") == 0 || strcmp(what, "decline") == 0 ||
	    (strcmp(what, "cancel") == 0 && api_principal(req)->person == to)) {
		int64_t t = from;

		from = to;
		to = t;
	}
	author = row(req, STORE_PERSON, from);
	reader = row(req, STORE_PERSON, to);
	event = row(req, STORE_EVENT, json_integer_value(json_object_get(request, "event_id")));
	email = jsonx_str(reader, "email");
	if (author && reader && event && email) {
		snprintf(subject, sizeof(subject), "%s: meeting request %s by %s",
			 jsonx_str(event, "name"),
			 strcmp(what, "created") == 0 ? "made"
			 : strcmp(what, "accept") == 0 ? "accepted"
			 : strcmp(what, "decline") == 0 ? "declined"
							: "cancelled",
			 jsonx_str(author, "name"));
		snprintf(body, sizeof(body),
			 "Meeting request %lld at %s.\n\nFrom: %s\nMessage: %s\n\n"
			 "See GET /api/v1/meeting-requests/%lld.",
			 (long long)json_integer_value(json_object_get(request, "id")),
			 jsonx_str(event, "name"), jsonx_str(author, "name"),
			 jsonx_str(request, "message") ? jsonx_str(request, "message") : "-",
			 (long long)json_integer_value(json_object_get(request, "id")));
		err_clear(&e);
		if (store_outbox_add(req->store, email, "meeting_request", subject, body,
				     api_principal(req)->account, &e))
			log_warn("notification of request %lld: %s", (long long)json_integer_value(
						 json_object_get(request, "id")), e.msg);
	}
	json_decref(author);
	json_decref(reader);
	json_decref(event);
}
