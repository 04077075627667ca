/*
 * sched_internal.h - the solver's shared model and search state.
 *
 * Not part of the public API (sched.h). Slots are re-indexed
 * chronologically: a "rank" is a slot's position in time order, and every
 * slot set is a bitset over ranks of nw 64-bit words. A day is a run of
 * consecutive ranks with one calendar date in the event's time zone.
 */
#ifndef LIAISON_SCHED_SCHED_INTERNAL_H
#define LIAISON_SCHED_SCHED_INTERNAL_H

#include "sched/sched.h"

#include <stdint.h>

enum sched_mkind { MK_FREE = 0, MK_LOCKED = 1, MK_OUT = 2 };

struct sched_model {
	const struct sched_input *in;
	int32_t np, nm, nt, nw, nd;
	int32_t tables;
	int32_t *order;     /* rank -> input slot index */
	int32_t *rank;      /* input slot index -> rank */
	int32_t *day;       /* rank -> day */
	int32_t *day_first; /* nd + 1 entries: day d is [day_first[d], day_first[d+1]) */
	uint64_t *p_avail;  /* np * nw */
	uint64_t *p_hours;  /* np * nw: slots inside the person's online hours */
	int32_t *p_cap;     /* INT32_MAX when no cap */
	int32_t *p_moff;    /* np + 1: meetings of p are p_mlist[p_moff[p]..p_moff[p+1]) */
	int32_t *p_mlist;
	int32_t *m_poff;    /* nm + 1: participants of m */
	int32_t *m_plist;
	int64_t *m_w;
	uint8_t *m_onsite;  /* resolved mode */
	uint8_t *m_kind;    /* enum sched_mkind */
	uint64_t *m_feas;   /* nm * nw: slots where m may be held */
	int32_t *m_nfeas;
	int32_t *m_lock;    /* rank of the locked slot, -1 */
	int32_t *m_lock_table;
	struct sched_reason *m_why; /* for MK_OUT meetings */
	int32_t *prev_slot; /* warm start rank per meeting (--free), -1 */
};

struct sched_state {
	const struct sched_model *md;
	int32_t *slot;     /* per meeting: rank or -1 */
	int32_t *table;    /* per meeting: table, 0 until assigned */
	int32_t *occ;      /* np * nt: the person's meeting in that rank, -1 */
	uint64_t *busy;    /* np * nw */
	int32_t *count;    /* scheduled meetings per person */
	int32_t *s_cap;    /* per rank: tables left for solver-placed meetings */
	int32_t *s_n;      /* per rank: on-site meetings placed */
	int32_t **s_items; /* per rank: those meetings */
	int32_t *s_room;   /* per rank: allocated length of s_items */
	int32_t *m_pos;    /* position of an on-site meeting in s_items */
	uint64_t *room;    /* nw: ranks with a table left */
	uint8_t *tabu;
	int64_t weight;
	int64_t sec;       /* idle gaps + people without any meeting */
	int32_t *trail;    /* pairs (op, value) for undo */
	size_t trail_len, trail_room;
	uint64_t rng;
};

/* bitset helpers over nw words */
static inline int sched_bit(const uint64_t *b, int32_t i)
{
	return (int)((b[i >> 6] >> (i & 63)) & 1u);
}

static inline void sched_bit_set(uint64_t *b, int32_t i)
{
	b[i >> 6] |= (uint64_t)1 << (i & 63);
}

static inline void sched_bit_clear(uint64_t *b, int32_t i)
{
	b[i >> 6] &= ~((uint64_t)1 << (i & 63));
}

/* Portable popcount: no libgcc call when the CPU flags are generic. */
static inline int32_t sched_pop64(uint64_t x)
{
	x = x - ((x >> 1) & 0x5555555555555555ull);
	x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
	return (int32_t)((x * 0x0101010101010101ull) >> 56);
}

int32_t sched_popcount(const uint64_t *b, int32_t nw);

/* Slots a meeting may be moved to without ejecting anything, into out
 * (nw words); false when a participant is at their cap. */
bool sched_state_fit_mask(const struct sched_state *st, int32_t m, uint64_t *out);

/* Next set bit at or after i, or -1. */
int32_t sched_next_bit(const uint64_t *b, int32_t nw, int32_t i);

/* model.c: builds md from in (checked); returns 0 or a negative err code. */
int sched_model_build(struct sched_model *md, const struct sched_input *in, struct err *e);
void sched_model_release(struct sched_model *md);

/*
 * Why meeting m cannot stay at rank s with table (0 = any) and online:
 * fills r and returns its kind, or SCHED_R_NONE when the place is valid
 * for m on its own (other meetings are not looked at).
 */
int sched_model_place_check(const struct sched_model *md, int32_t m, int32_t s, int32_t table,
			    bool online, struct sched_reason *r);

/* Local wall time of instants in one IANA zone. */
struct sched_local {
	int32_t start_min; /* minutes after local midnight at the start */
	int32_t end_min;   /* at the end */
	int32_t date;      /* local date of the start, yyyymmdd */
	bool end_next_day; /* the end falls on a later local date */
};

/* tz.c: local times of every slot (by rank) in tz; 0 or ERR_INVALID. */
int sched_tz_locals(const char *tz, const struct sched_model *md, struct sched_local *out);

/* True when a slot with local times l lies inside the hours [open, close]. */
bool sched_hours_contain(int32_t open, int32_t close, const struct sched_local *l);

/* state.c */
void sched_state_init(struct sched_state *st, const struct sched_model *md, uint64_t seed);
void sched_state_release(struct sched_state *st);
bool sched_state_fits(const struct sched_state *st, int32_t m, int32_t s);
void sched_state_assign(struct sched_state *st, int32_t m, int32_t s);
void sched_state_unassign(struct sched_state *st, int32_t m);
void sched_state_tabu(struct sched_state *st, int32_t m);
/* Undoes the trail down to length mark. */
void sched_state_undo(struct sched_state *st, size_t mark);
/* Change of st->sec if m were assigned to s (m unassigned, s fits). */
int64_t sched_state_sec_delta(const struct sched_state *st, int32_t m, int32_t s);
int32_t sched_state_gaps(const struct sched_state *st, int32_t p, int32_t d);
uint64_t sched_rand(struct sched_state *st);

/* solve.c: the counters of stats from a state. */
void sched_state_measure(const struct sched_state *st, struct sched_stats *sx);

/* greedy.c: free meetings, heaviest and scarcest first; returns how many. */
int32_t sched_order(const struct sched_model *md, int32_t *out);

/* greedy.c: places every free meeting it can, heaviest and scarcest first. */
void sched_greedy(struct sched_state *st);

/* search.c: improves weight, then idle gaps; budget in search nodes;
 * the improving passes return the nodes spent. */
uint64_t sched_improve(struct sched_state *st, uint64_t budget);
void sched_compact(struct sched_state *st, uint64_t budget);
uint64_t sched_improve_people(struct sched_state *st, uint64_t budget);
uint64_t sched_lns(struct sched_state *st, uint64_t budget, int64_t goal_w, int64_t goal_sec,
		   bool weight_only);

/* kempe.c: simulated annealing of idle gaps by Kempe-chain exchanges at
 * the same weight, at most `moves` moves or until st->sec reaches goal_sec;
 * st gets the best schedule seen. Returns the moves made. */
uint64_t sched_kempe(struct sched_state *st, uint64_t moves, int64_t goal_sec);

/* tables.c: numbers the on-site tables, slot by slot, keeping people put. */
void sched_assign_tables(struct sched_state *st);

/* bound.c: the proven upper bound on the schedulable weight. */
/*
 * st holds the locked meetings only. rounds of the Lagrangian refinement;
 * target: the weight of a known schedule (steers the steps), or -1.
 */
int64_t sched_upper_bound(const struct sched_state *st, int rounds, int64_t target);

/* exact.c: solves the weight MIP from st's solution; st gets the best one. */
int sched_exact(struct sched_state *st, double time_limit, bool *optimal, double *gap,
		int64_t *bound, struct err *e);

/*
 * exact.c: the gaps MIP: keeps st's weight (or more) and minimises idle
 * gaps plus people without a meeting, from st's schedule; st gets the best
 * one found within time_limit seconds and node_limit nodes (0: none).
 * sec_bound gets the proven lower bound on that count at that weight
 * (0 when the LP did not end in time).
 */
int sched_exact_gaps(struct sched_state *st, double time_limit, uint64_t node_limit,
		     int64_t *sec_bound, struct err *e);

#endif
