/*
 * gen.h - a seeded generator of scheduling instances, for tests and
 * benchmarks, with the parameters of the published B2B meeting-scheduling
 * benchmarks (participants P, meetings M, slots T, tables L) and hybrid
 * events: a share of participants online from European time zones with
 * online hours 08:00-19:00 for an event in Asia/Shanghai, on dates that
 * span the last Sunday of March (the European change to summer time).
 *
 * Pure: the same parameters give the same instance.
 */
#ifndef LIAISON_SCHED_GEN_H
#define LIAISON_SCHED_GEN_H

#include "sched/sched.h"

struct sched_gen_params {
	uint64_t seed;
	int32_t people;       /* P >= 2 */
	int32_t meetings;     /* M, at most what distinct pairs allow */
	int32_t slots;        /* T */
	int32_t tables;       /* L */
	int32_t days;         /* the slots are spread over this many days */
	int32_t minutes;      /* slot length */
	double online_share;  /* share of participants attending online */
	bool hybrid;          /* online people in European zones, 08:00-19:00 */
	double partial_share; /* share of people available in part of the slots */
	double cap_share;     /* share of people with a max_meetings */
	double skew;          /* popularity: 0 uniform, 1 Zipf-like */
	int32_t max_weight;   /* weights 1..max_weight, light ones more common */
	const char *time_zone; /* the event's zone */
	int32_t year, month, day; /* the first day */
};

/*
 * Defaults: P 60, M 200, T 24, L 15 over 2 days of 30-minute slots from
 * 2027-03-27 in Asia/Shanghai, 30% online (hybrid), skew 0.6, weights 1..3.
 */
void sched_gen_defaults(struct sched_gen_params *g);

/*
 * Fills out (initialised, empty) with an instance. Returns 0, or
 * ERR_INVALID when the parameters are out of range (message says which).
 */
int sched_gen(const struct sched_gen_params *g, struct sched_input *out, struct err *e);

#endif
