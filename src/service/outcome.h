/*
 * outcome.h - what became of a meeting: each side's answer once the slot
 * has ended (did_not_take_place, insufficient_interest,
 * informative_no_cooperation, cooperation_possible) with an optional
 * comment for the event's organisers, and the no-shows an organiser (or
 * the check-in desk) records.
 *
 * The rules: only a participant of the meeting answers for their side,
 * only once, only after the meeting's slot has ended (an unscheduled
 * meeting has no outcome); an organiser may record that a participant did
 * not come (a no-show: their side reads did_not_take_place, replacing
 * what was there) once the slot has begun. A participant sees the other
 * side's answer only when both sides have answered, and never its
 * comment; organisers and admins see everything.
 *
 * Conventions of service.h.
 */
#ifndef LIAISON_SERVICE_OUTCOME_H
#define LIAISON_SERVICE_OUTCOME_H

#include "service/service.h"

/* The longest comment, in characters (code points). */
#define SERVICE_OUTCOME_COMMENT_MAX 2000

/*
 * The outcomes of meeting as who may see them: {"meeting_id", "event_id",
 * "ended": bool, "complete": bool (both sides answered), "sides":
 * [{"person_id", "answered": bool, and when visible "outcome", "comment",
 * "no_show", "source", "recorded_at"}]}. ERR_NOT_FOUND ("id") for no such
 * meeting; ERR_FORBIDDEN when who is neither a participant nor privileged.
 */
int service_outcomes_get(struct service_conn *c, const struct service_caller *who,
			 int64_t meeting, json_t **out, struct err *e);

/*
 * The caller's own answer for meeting: body {"outcome", "comment"?}. In
 * one transaction: ERR_FORBIDDEN when the caller is not a participant,
 * ERR_CONFLICT naming "slot_id" before the slot has ended (or with no
 * slot), ERR_CONFLICT naming "outcome" when they already answered. *out is
 * service_outcomes_get's view after the write.
 */
int service_outcome_record(struct service_conn *c, const struct service_caller *who,
			   int64_t meeting, const json_t *body, json_t **out, struct err *e);

/*
 * An organiser records that body's "person_id" (a participant of meeting)
 * did not come, with an optional "comment": their side becomes
 * did_not_take_place with no_show = true. ERR_CONFLICT ("slot_id") before
 * the slot has begun; ERR_INVALID ("person_id") for someone who is not a
 * participant. *out as service_outcomes_get for the organiser.
 */
int service_outcome_no_show(struct service_conn *c, const struct service_caller *who,
			    int64_t meeting, const json_t *body, json_t **out, struct err *e);

#endif
