/*
 * checkin.h - attendance at events: one check-in per registration (on
 * site at the desk, or online when the participant joins), the figures
 * the organiser's dashboard shows, and the server's secrets (the key that
 * signs check-in tokens), made once per database.
 *
 * Attendance is what the meeting outcomes read to tell no-shows: a
 * registration without a check-in did not come (store_attendance_list).
 */
#ifndef LIAISON_STORE_CHECKIN_H
#define LIAISON_STORE_CHECKIN_H

#include "core/err.h"
#include "store/store.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The secret called name (32 random bytes into out), made by the first
 * caller and the same for every process on this database afterwards.
 */
int store_secret(struct store *s, const char *name, unsigned char out[32], struct err *e);

/*
 * Checks in registration reg of event, mode "onsite" or "online", by
 * account (0: the system), at now (RFC 3339). *out = {"registration_id",
 * "event_id", "person_id", "mode", "at"}. ERR_NOT_FOUND naming "token"
 * when event has no such registration; ERR_CONFLICT naming "token" with
 * the time of the first check-in when it already has one (a token is
 * good once); a rejected registration is ERR_CONFLICT too.
 */
int store_checkin_mark(struct store *s, int64_t event, int64_t reg, const char *mode,
		       int64_t by, const char *now, json_t **out, struct err *e);

/* The registration of person for event into *reg; ERR_NOT_FOUND naming "event" when none. */
int store_registration_of(struct store *s, int64_t event, int64_t person, int64_t *reg,
			  struct err *e);

/*
 * The figures of event: *out = {"event_id", "registered" (not rejected),
 * "checked_in", "onsite", "online", "last_at"?}. ERR_NOT_FOUND ("id") for
 * no such event.
 */
int store_attendance(struct store *s, int64_t event, json_t **out, struct err *e);

/*
 * Every check-in of event, by registration id: *out = [{"registration_id",
 * "person_id", "mode", "at"}].
 */
int store_attendance_list(struct store *s, int64_t event, json_t **out, struct err *e);

#endif
