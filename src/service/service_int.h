/*
 * service_int.h - helpers shared by the files of src/service (not a public
 * API): the connection, the notices, and JSON views of slots, places and
 * meetings of a struct service_event.
 */
#ifndef LIAISON_SERVICE_SERVICE_INT_H
#define LIAISON_SERVICE_SERVICE_INT_H

#include "service/schedule.h"
#include "service/service.h"
#include "store/account.h"

/* A worker's connection (service.h): the store's, owned or borrowed. */
struct service_conn {
	struct store *store;
	int owned; /* service_conn_close closes store */
};

/*
 * notice.c: queues, inside the caller's transaction on s, the message about
 * meeting request (as the API shows it) for the side that hears of what:
 * "created" (the invitee), "accept" or "decline" (the requester), "cancel"
 * (the side that did not cancel: the invitee when by is neither). by is
 * who acted (their person and account). A person without an e-mail gets
 * no message. Returns 0 or the store's error.
 */
int service_notice_request(struct store *s, const struct auth_principal *by,
			   const json_t *request, const char *what, struct err *e);

/* {"7": participant row, ...} over data.participants (borrowed rows). */
json_t *service_people_index(const json_t *data);

/*
 * [{"id", "name", "organisation"}] of meeting row m (with "attendance" and
 * "time_zone" when full); people not registered give {"id"} only.
 */
json_t *service_participants_json(const json_t *m, const json_t *people, bool full);

/* Sets "start" and "end" of slot s (index of ev->in) in the event's time zone. */
void service_slot_times(const struct service_event *ev, int32_t s, json_t *obj);

/*
 * Sets the place of meeting id at event on obj: "slot_id", "start", "end",
 * and "table" or "online": true with "room_url". slot < 0 sets nothing.
 */
void service_place_json(const struct service_event *ev, int64_t meeting, int32_t slot,
			int32_t table, bool online, const char *video_url, json_t *obj);

/* The store id of slot s of ev->in. */
int64_t service_slot_id(const struct service_event *ev, int32_t s);

/* The data row of meeting k of ev->in. */
const json_t *service_meeting_row(const struct service_event *ev, int32_t k);

#endif
