/*
 * sched.h - the meeting scheduler: places accepted one-to-one (or small
 * group) meetings of a brokerage event into time slots and tables.
 *
 * Pure engine: structs in, structs out, no I/O. Time-zone arithmetic uses
 * ICU. The batch format of `liaison schedule` (DESIGN.md) maps one to one
 * onto these structs; docs/scheduler.md explains the algorithm.
 *
 * Indices: slots, people and meetings are referred to by their index in
 * the input arrays (int32_t, -1 = none). Tables are numbered 1..tables;
 * 0 means "no table" (online or unscheduled).
 *
 * Ownership: struct sched_input owns every array and string it points to
 * (sched_input_release frees them all, so build it with xmalloc/xstrdup).
 * struct sched_result owns its arrays. Nothing keeps pointers into the
 * caller's data after a call returns.
 */
#ifndef LIAISON_SCHED_SCHED_H
#define LIAISON_SCHED_SCHED_H

#include "core/buf.h"
#include "core/err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SCHED_NO_CAP (-1)   /* max_meetings: no cap */
#define SCHED_NO_HOURS (-1) /* online_open/close: no limit */
#define SCHED_MAX_PARTICIPANTS 16
#define SCHED_MAX_WEIGHT 1000000
#define SCHED_MAX_SLOTS 4096

enum sched_attendance { SCHED_ONSITE = 0, SCHED_ONLINE = 1 };

/* any = on site when every participant attends on site, otherwise online */
enum sched_mode { SCHED_MODE_ANY = 0, SCHED_MODE_ONSITE = 1, SCHED_MODE_ONLINE = 2 };

struct sched_slot {
	char *id;
	int64_t start;   /* Unix time in seconds */
	int32_t minutes; /* 1..1440 */
};

struct sched_person {
	char *id;
	enum sched_attendance attendance;
	char *time_zone;      /* IANA name; NULL = the event's time zone */
	bool all_available;   /* true: every slot (available is ignored) */
	int32_t *available;   /* slot indices, when !all_available */
	size_t n_available;
	int32_t max_meetings; /* >= 0, or SCHED_NO_CAP */
	/* minutes after local midnight, 0..1440; open > close wraps midnight */
	int32_t online_open;  /* SCHED_NO_HOURS = no limit */
	int32_t online_close;
};

struct sched_meeting {
	char *id;
	int32_t *participants; /* person indices, 2..SCHED_MAX_PARTICIPANTS, distinct */
	size_t n_participants;
	int64_t weight;        /* 1..SCHED_MAX_WEIGHT */
	enum sched_mode mode;
	int32_t locked_slot;   /* -1 = not locked */
	int32_t locked_table;  /* with locked_slot: 0 = any table */
	bool locked_online;    /* with locked_slot: locked as an online meeting */
};

struct sched_input {
	char *time_zone; /* the event's IANA time zone */
	int32_t tables;  /* on-site tables per slot, >= 0 */
	struct sched_slot *slots;
	size_t n_slots;
	struct sched_person *people;
	size_t n_people;
	struct sched_meeting *meetings;
	size_t n_meetings;
};

/* Sets up an empty input. No allocation. */
void sched_input_init(struct sched_input *in);

/* Frees every array and string of in; in can be initialised again. */
void sched_input_release(struct sched_input *in);

/*
 * Checks the input's invariants: known time zones, ranges, indices,
 * distinct participants, slots that do not overlap. Returns 0 or
 * ERR_INVALID with e->field naming the record in the batch format's terms
 * ("meetings[3].participants[1]", "event.slots[2].start").
 */
int sched_input_check(const struct sched_input *in, struct err *e);

/* One placement, as read from or written to a schedule. */
struct sched_entry {
	int32_t meeting;
	int32_t slot;  /* -1 = unscheduled */
	int32_t table; /* 1..tables on site, 0 online */
	bool online;
};

struct sched_options {
	bool exact;           /* solve the MIP with GLPK (small events) */
	double time_limit;    /* seconds for the exact solver; <= 0: 10 s */
	uint64_t seed;        /* search tie-breaks; same seed, same schedule */
	uint32_t effort;      /* search budget, percent of the default; 0 = 100 */
	/* a schedule published before; borrowed for the call */
	const struct sched_entry *previous;
	size_t n_previous;
	bool previous_free;   /* previous places are a start, not locks */
};

/* Sets the defaults (heuristic, seed 1, no previous schedule). */
void sched_options_init(struct sched_options *opt);

/* Why a meeting is left unscheduled (or a lock rejected). */
enum sched_reason_kind {
	SCHED_R_NONE = 0,
	SCHED_R_MODE,            /* on-site meeting, person attends online */
	SCHED_R_NO_COMMON_SLOT,  /* participants share no available slot */
	SCHED_R_ONLINE_HOURS,    /* no common slot inside person's online hours */
	SCHED_R_NO_TABLES,       /* on-site meeting, the event has no tables */
	SCHED_R_CAP_ZERO,        /* person's max_meetings is 0 */
	SCHED_R_CAP,             /* person reached max_meetings */
	SCHED_R_PERSON_BUSY,     /* person busy in every feasible slot */
	SCHED_R_TABLES_FULL,     /* every table taken in every free slot */
	SCHED_R_CONFLICTS,       /* every feasible slot blocked (people, tables) */
	SCHED_R_LOCK_UNAVAILABLE, /* locked slot outside person's availability */
	SCHED_R_LOCK_HOURS,      /* locked online, outside person's hours */
	SCHED_R_LOCK_MODE,       /* locked on site/online against the mode */
	SCHED_R_LOCK_TABLE,      /* locked table outside 1..tables */
	SCHED_R_LOCK_CLASH,      /* clashes with locked meeting `other` */
	SCHED_R_LOCK_CAP,        /* locks exceed person's max_meetings */
};

struct sched_reason {
	int kind;       /* enum sched_reason_kind */
	int32_t person; /* -1 when not about one person */
	int32_t slot;   /* -1 when not about one slot */
	int32_t other;  /* another meeting, -1 if none */
	int32_t count;  /* a count the text quotes (feasible slots, cap) */
};

struct sched_place {
	int32_t slot;  /* -1 = unscheduled */
	int32_t table; /* 1..tables on site, 0 otherwise */
	bool online;
	struct sched_reason why; /* when unscheduled */
};

/* Pre-check findings: the instance cannot be scheduled in full. */
enum sched_warning_kind {
	SCHED_W_TABLES = 1,     /* on-site meetings > slots x tables */
	SCHED_W_PERSON_SLOTS,   /* person: meetings > available slots */
	SCHED_W_PERSON_CAP,     /* person: meetings > max_meetings */
	SCHED_W_NO_WINDOW,      /* person: online meetings, no slot in hours */
	SCHED_W_MEETING,        /* meeting: no feasible slot (why says why) */
	SCHED_W_PREVIOUS,       /* meeting: previous place no longer valid */
};

struct sched_warning {
	int kind;       /* enum sched_warning_kind */
	int32_t index;  /* person or meeting index, -1 for the event */
	int64_t have;   /* what is asked */
	int64_t limit;  /* what fits */
	struct sched_reason why; /* SCHED_W_MEETING, SCHED_W_PREVIOUS */
};

struct sched_stats {
	size_t meetings;      /* in the input */
	size_t scheduled;
	size_t onsite;        /* scheduled on site */
	size_t online;        /* scheduled online */
	int64_t total_weight; /* of every meeting */
	int64_t weight;       /* of the scheduled ones */
	int64_t upper_bound;  /* proven: no schedule has more weight */
	size_t idle_gaps;     /* empty available slots inside a person's day */
	size_t unmet_people;  /* people with meetings asked, none scheduled */
	size_t table_changes; /* a person's on-site meeting at another table */
	size_t kept;          /* previous places kept */
	size_t moved;         /* previous places changed */
	bool exact;           /* the exact solver ran */
	bool exact_optimal;   /* it proved optimality (of the weight) */
	double exact_gap;     /* relative gap to its bound, 0 when optimal */
};

struct sched_result {
	struct sched_place *places; /* one per input meeting */
	size_t n_places;
	struct sched_warning *warnings;
	size_t n_warnings;
	struct sched_stats stats;
};

/* Sets up an empty result. No allocation. */
void sched_result_init(struct sched_result *r);

/* Frees the result's arrays. */
void sched_result_release(struct sched_result *r);

/*
 * Schedules in into out (initialised; previous contents are released).
 * Deterministic for given options. Returns 0, ERR_INVALID when the input
 * fails sched_input_check or the previous schedule is out of range, or
 * ERR_INTERNAL when the exact solver fails.
 */
int sched_solve(const struct sched_input *in, const struct sched_options *opt,
		struct sched_result *out, struct err *e);

/* Appends a one-line English text for r to b ("p2 is busy in every ..."). */
int sched_reason_text(const struct sched_input *in, const struct sched_reason *r, struct buf *b);

/* Appends the text of w to b; record gets "participants[3]" or the like. */
int sched_warning_text(const struct sched_input *in, const struct sched_warning *w, struct buf *b,
		       char *record, size_t record_size);

/* The counters of a schedule, as sched_solve computes them in stats. */
void sched_measure(const struct sched_input *in, const struct sched_place *places,
		   struct sched_stats *st);

#endif
