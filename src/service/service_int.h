/*
 * service_int.h - helpers shared by the files of src/service (not a public
 * API): the connection, the notices, and JSON views of slots, places and
 * meetings of a struct service_event.
 */
#ifndef LIAISON_SERVICE_SERVICE_INT_H
#define LIAISON_SERVICE_SERVICE_INT_H

#include "service/schedule.h"
#include "service/service.h"
#include "core/buf.h"
#include "store/account.h"

/* A worker's connection (service.h): the store's, owned or borrowed. */
struct service_conn {
	struct store *store;
	int owned; /* service_conn_close closes store */
};

/*
 * privacy.c: what who may see of a row of res. service_view_item returns
 * 0 when who may see item (and strips what they may not, such as another
 * person's e-mail and phone), 1 when the row is hidden from them, or a
 * negative err code; service_view_list filters the "items" of a list in
 * place; service_view_written strips the contact details of a row who
 * just wrote but may not read.
 */
int service_view_item(struct store *s, const struct service_caller *who, enum store_res res,
		      json_t *item, struct err *e);
/*
 * Whether service_view_item may change or hide rows of res (lists filtered
 * row by row): every resource but the public ones, organisations,
 * opportunities and events, so a new resource is filtered until said otherwise.
 */
int service_view_filters(enum store_res res);
int service_view_list(struct store *s, const struct service_caller *who, enum store_res res,
		      json_t *list, struct err *e);
int service_view_written(struct store *s, const struct service_caller *who, enum store_res res,
			 json_t *item, struct err *e);

/*
 * privacy.c: the list parameters for who (*params owned): a participant's
 * list of meeting requests or meetings is their own unless they ask for a
 * person or for an event they organise.
 */
int service_list_params(struct store *s, const struct service_caller *who, enum store_res res,
			const json_t *query, json_t **params, struct err *e);

/*
 * privacy.c: what who may write beyond the access that let them in (may
 * change body: a new registration waits for validation). ERR_FORBIDDEN
 * naming a field only organisers set.
 */
int service_write_rules(struct store *s, const struct service_caller *who, enum store_res res,
			json_t *body, int create, struct err *e);

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

/*
 * statistics.c: the scope of GET /statistics and its report files from
 * query ("series", "from", "to": report.h's service_statistics), now for
 * the meetings held; ERR_BAD_REQUEST naming a bad parameter.
 */
struct store_stats_scope;
int service_stats_scope(const json_t *query, struct store_stats_scope *sc, struct err *e);

/*
 * agreement.c: around a write of an agreement in the caller's transaction.
 * service_agreement_prepare checks and completes body before the write
 * (id 0 = create: a new agreement starts as intent or signed; an update
 * that signs sets "date" to today when it has none) and copies the state
 * stored before it into old (n bytes; "" on create);
 * service_agreement_written appends the history row of a state change
 * made by who, the audit row of the write (its creation, its state change,
 * the fields body edited: store_audit_add) and reads *out again with them.
 */
int service_agreement_prepare(struct store *s, int64_t id, json_t *body, char *old, size_t n,
			      struct err *e);
int service_agreement_written(struct store *s, const struct service_caller *who, const char *old,
			      const json_t *body, json_t **out, struct err *e);

/*
 * notice_schedule.c: queues "your schedule is published" with the .ics of
 * their meetings there to every participant with a placed meeting at
 * event, inside the publishing transaction.
 */
int service_notice_schedule(struct store *s, int64_t event, const char *video_url, int64_t by,
			    struct err *e);

/* notice.c: the language of person's messages: "zh", "en", "fr" or "de" (the catalogues'). */
const char *service_notice_lang(const json_t *person);

/* notice.c: the catalogue's text of key in lang (key itself when unknown). */
const char *service_notice_msg(const char *lang, const char *key);

/*
 * notice.c: appends text with each {name} replaced by values' "name"
 * (a string or an integer; "-" when absent). 0 or ERR_TOO_LARGE.
 */
int service_notice_fill(struct buf *out, const char *text, const json_t *values);

/* notice.c: the name of person's organisation, a new reference ("" when unknown). */
json_t *service_notice_org(struct store *s, const json_t *person);

/* An attachment of a notice (texts borrowed). */
struct service_attachment {
	const char *name, *type, *content;
};

/*
 * notice.c: queues for reader (a person row; none without an e-mail) the
 * message of kind from the catalogue's subject_key and body_key in the
 * reader's language filled from values, as text and HTML, with att (may
 * be NULL), caused by account by. Inside the caller's transaction.
 */
int service_notice_queue(struct store *s, const json_t *reader, const char *kind,
			 const char *subject_key, const char *body_key, const json_t *values,
			 const struct service_attachment *att, int64_t by, struct err *e);

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
