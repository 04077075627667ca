/*
 * outcomes.h - what became of a meeting, side by side (table
 * meeting_outcomes of migration 7): one row per participant, written once
 * by that participant, or by an organiser or the check-in desk for a
 * no-show. The rules (after the slot, who may write, what a participant
 * sees of the other side) are the service's (service/outcome.h); these
 * functions only read and write, inside the caller's transaction.
 */
#ifndef LIAISON_STORE_OUTCOMES_H
#define LIAISON_STORE_OUTCOMES_H

#include "core/err.h"

#include <jansson.h>
#include <stdint.h>

struct store;

/* What the outcome rules need to know of a meeting. */
struct store_meeting_facts {
	int64_t event;
	int64_t start_utc; /* UTC seconds when its slot begins; 0 = not scheduled */
	int64_t end_utc;   /* and when it ends */
	int64_t people[2]; /* its participants by ascending id; 0 = none */
};

/* The facts of meeting id; ERR_NOT_FOUND ("id") when there is none. */
int store_meeting_facts(struct store *s, int64_t id, struct store_meeting_facts *f,
			struct err *e);

/* One side's answer, as written. comment may be NULL; by is an account id (0 = none). */
struct store_outcome {
	int64_t meeting, person;
	const char *outcome; /* did_not_take_place | insufficient_interest | ... */
	const char *comment;
	const char *source; /* participant | organiser | attendance */
	int no_show;
	int64_t by;
};

/*
 * Stores o as its side's answer. replace = 0: ERR_CONFLICT ("outcome")
 * when that side already answered; replace = 1 overwrites it.
 */
int store_outcome_write(struct store *s, const struct store_outcome *o, int replace,
			struct err *e);

/*
 * *out = the answers of meeting id, by person id: [{"person_id",
 * "outcome", "comment" (or null), "source", "no_show", "recorded_by",
 * "recorded_at"}].
 */
int store_outcomes(struct store *s, int64_t id, json_t **out, struct err *e);

#endif
