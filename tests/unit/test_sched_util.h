/*
 * test_sched_util.h - helpers shared by the scheduler's unit tests: build
 * inputs by hand, run the validator on a result, brute-force optima.
 */
#ifndef LIAISON_TESTS_SCHED_UTIL_H
#define LIAISON_TESTS_SCHED_UTIL_H

#include "core/xalloc.h"
#include "sched/sched.h"
#include "sched/validate.h"

#include <stdlib.h>
#include <string.h>

static inline int64_t tu_days(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Unix time of a wall time at a fixed UTC offset (hours). */
static inline int64_t tu_time(int y, int mo, int d, int h, int mi, int offset_h)
{
	return tu_days(y, mo, d) * 86400 + h * 3600 + mi * 60 - offset_h * 3600;
}

static inline char *tu_id(const char *prefix, size_t i)
{
	char buf[32];
	size_t n = strlen(prefix), k = 0;
	char digits[20];

	do {
		digits[k++] = (char)('0' + i % 10);
		i /= 10;
	} while (i);
	memcpy(buf, prefix, n);
	while (k)
		buf[n++] = digits[--k];
	buf[n] = '\0';
	return xstrdup(buf);
}

/* An event with n_slots slots of `minutes`, starting at starts[i]. */
static inline void tu_event(struct sched_input *in, const char *tz, int tables,
			    const int64_t *starts, size_t n_slots, int minutes)
{
	sched_input_init(in);
	in->time_zone = xstrdup(tz);
	in->tables = tables;
	in->slots = xcalloc(n_slots + 1, sizeof(*in->slots));
	in->n_slots = n_slots;
	for (size_t i = 0; i < n_slots; i++) {
		in->slots[i].id = tu_id("s", i + 1);
		in->slots[i].start = starts[i];
		in->slots[i].minutes = minutes;
	}
}

/* Adds a person; returns its index. tz may be NULL. */
static inline int32_t tu_person(struct sched_input *in, enum sched_attendance att, const char *tz,
				int open, int close)
{
	struct sched_person *p;

	in->people = xreallocarray(in->people, in->n_people + 1, sizeof(*in->people));
	p = &in->people[in->n_people];
	memset(p, 0, sizeof(*p));
	p->id = tu_id("p", in->n_people + 1);
	p->attendance = att;
	p->time_zone = tz ? xstrdup(tz) : NULL;
	p->all_available = true;
	p->max_meetings = SCHED_NO_CAP;
	p->online_open = open;
	p->online_close = close;
	return (int32_t)in->n_people++;
}

/* Adds a two-person meeting; returns its index. */
static inline int32_t tu_meeting(struct sched_input *in, int32_t a, int32_t b, int64_t weight,
				 enum sched_mode mode)
{
	struct sched_meeting *m;

	in->meetings = xreallocarray(in->meetings, in->n_meetings + 1, sizeof(*in->meetings));
	m = &in->meetings[in->n_meetings];
	memset(m, 0, sizeof(*m));
	m->id = tu_id("m", in->n_meetings + 1);
	m->participants = xmalloc(2 * sizeof(int32_t));
	m->participants[0] = a;
	m->participants[1] = b;
	m->n_participants = 2;
	m->weight = weight;
	m->mode = mode;
	m->locked_slot = -1;
	return (int32_t)in->n_meetings++;
}

/* Sets person p's availability to the n slots listed. */
static inline void tu_available(struct sched_input *in, int32_t p, const int32_t *slots, size_t n)
{
	struct sched_person *ps = &in->people[p];

	free(ps->available);
	ps->all_available = false;
	ps->available = xmalloc((n + 1) * sizeof(int32_t));
	memcpy(ps->available, slots, n * sizeof(int32_t));
	ps->n_available = n;
}

/* Runs the validator on a result; returns the number of violations. */
static inline size_t tu_violations(const struct sched_input *in, const struct sched_result *r)
{
	struct sched_violation *v = NULL;
	size_t n = 0;

	sched_validate_result(in, r, &v, &n);
	free(v);
	return n;
}

#endif
