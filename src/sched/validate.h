/*
 * validate.h - the independent schedule validator.
 *
 * Checks any schedule (ours, an organiser's edit, another tool's) against
 * the hard constraints of its input. It shares nothing with the solver but
 * the input structs: its own slot, table and time-zone checks, so that a
 * solver bug cannot hide behind a shared helper.
 */
#ifndef LIAISON_SCHED_VALIDATE_H
#define LIAISON_SCHED_VALIDATE_H

#include "sched/sched.h"

enum sched_violation_kind {
	SCHED_V_BAD_MEETING = 1, /* entry names no meeting of the input */
	SCHED_V_BAD_SLOT,        /* entry's slot is not a slot of the event */
	SCHED_V_TWICE,           /* meeting listed twice */
	SCHED_V_MISSING,         /* meeting neither scheduled nor unscheduled */
	SCHED_V_PERSON_TWICE,    /* person in two meetings of one slot */
	SCHED_V_TABLE_TWICE,     /* table used by two meetings of one slot */
	SCHED_V_TABLE_RANGE,     /* table outside 1..tables */
	SCHED_V_NO_TABLE,        /* on-site meeting without a table */
	SCHED_V_TABLE_ONLINE,    /* online meeting with a table */
	SCHED_V_ONSITE_ONLINE_PERSON, /* on-site meeting, a person online */
	SCHED_V_MODE,            /* held on site/online against its mode */
	SCHED_V_UNAVAILABLE,     /* person not available in the slot */
	SCHED_V_HOURS,           /* online meeting outside person's hours */
	SCHED_V_CAP,             /* person over max_meetings */
	SCHED_V_LOCK_MOVED,      /* locked meeting elsewhere than its lock */
	SCHED_V_LOCK_DROPPED,    /* valid lock left unscheduled */
};

struct sched_violation {
	int kind;        /* enum sched_violation_kind */
	int32_t meeting; /* -1 when not about one meeting */
	int32_t other;   /* the other meeting of a clash, -1 if none */
	int32_t person;  /* -1 if none */
	int32_t slot;    /* -1 if none */
	int64_t value;   /* the table, the count, the entry index */
};

/* A schedule to check: the entries placed and the meetings declared unscheduled. */
struct sched_schedule {
	const struct sched_entry *entries; /* slot >= 0 */
	size_t n_entries;
	const int32_t *unscheduled;        /* meeting indices */
	size_t n_unscheduled;
};

/*
 * Checks s against in (which passed sched_input_check). Every violation
 * found is appended to *out (malloc'd, caller frees; NULL when none) and
 * counted in *n_out. Entries may hold any values: out-of-range meeting or
 * slot indices are violations, not errors. Returns 0.
 */
int sched_validate(const struct sched_input *in, const struct sched_schedule *s,
		   struct sched_violation **out, size_t *n_out);

/*
 * sched_validate on a solver's result (its places, one per meeting): the
 * placed meetings become entries, the others are declared unscheduled.
 */
int sched_validate_result(const struct sched_input *in, const struct sched_result *r,
			  struct sched_violation **out, size_t *n_out);

/* Appends a one-line English text for v to b. */
int sched_violation_text(const struct sched_input *in, const struct sched_violation *v,
			 struct buf *b);

#endif
