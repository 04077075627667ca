/*
 * checkin.h - the event day: check-in tokens, badges, the desk's check-in,
 * online attendees joining, and the attendance figures.
 *
 * A check-in token names one registration of one event and carries a MAC
 * of both under the server's own key (libsodium's HMAC-SHA-256, the key
 * made once per database: store_secret): "LC1-<event>-<registration>-<mac>"
 * with 128 bits of MAC in base64url. It cannot be guessed or forged from
 * another registration's, and it is good for one check-in.
 *
 * Conventions of service.h.
 */
#ifndef LIAISON_SERVICE_CHECKIN_H
#define LIAISON_SERVICE_CHECKIN_H

#include "core/buf.h"
#include "service/service.h"

/* Long enough for every token. */
#define SERVICE_TOKEN_LEN 96

/* The largest badge PDF (about 40 KB a badge; a fair of 11,000 fits). */
#define SERVICE_BADGES_MAX (512u * 1024 * 1024)

/* The check-in token of registration reg of event into out. */
int service_checkin_token(struct service_conn *c, int64_t event, int64_t reg,
			  char out[SERVICE_TOKEN_LEN], struct err *e);

/*
 * The desk: checks in the registration token names, on site, by who.
 * ERR_INVALID naming "token" for a malformed or forged token or one of
 * another event; ERR_CONFLICT naming "token" when it was already used.
 * *out = {"registration_id", "event_id", "person_id", "mode", "at",
 * "name", "organisation"?}.
 */
int service_checkin(struct service_conn *c, const struct service_caller *who, int64_t event,
		    const char *token, json_t **out, struct err *e);

/*
 * who joins event online: their registration is checked in "online" (once;
 * joining again answers the first check-in with "already": true).
 * ERR_NOT_FOUND naming "event" when they hold no registration of it.
 */
int service_join(struct service_conn *c, const struct service_caller *who, int64_t event,
		 json_t **out, struct err *e);

/* The figures of store_attendance (store/checkin.h) for the dashboard. */
int service_attendance(struct service_conn *c, int64_t event, json_t **out, struct err *e);

/*
 * Every check-in of event, by registration: [{"registration_id",
 * "person_id", "mode", "at"}]; a registration missing from it is a no-show.
 */
int service_attendance_list(struct service_conn *c, int64_t event, json_t **out,
			    struct err *e);

/*
 * The badges of every registration of event that is not rejected, one
 * page each, in registration order, as a PDF in b (initialised here; the
 * caller owns its text on success). ERR_INVALID naming "badges" when the
 * event has no participant.
 */
int service_badges_pdf(struct service_conn *c, int64_t event, struct buf *b, struct err *e);

#endif
