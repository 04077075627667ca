/*
 * workhours.h - a working-hours clock: service-level due times counted in
 * the working hours of one time zone and calendar (opening and closing
 * time of day, days of the week off, public holidays), so that "8 working
 * hours" opened on a Friday afternoon falls due on Monday, skips a
 * holiday, and stays right across a daylight-saving change (each day's
 * opening and closing instants come from ICU's calendar, time.h).
 *
 * Instants are int64_t seconds since 1970 UTC; durations are seconds of
 * working time. The calendar borrows its zone and holidays.
 */
#ifndef LIAISON_CORE_WORKHOURS_H
#define LIAISON_CORE_WORKHOURS_H

#include "core/time.h"

#include <stddef.h>
#include <stdint.h>

/* Bits of work_calendar.days_off: WORK_DAY(1) is Monday ... WORK_DAY(7) Sunday. */
#define WORK_DAY(iso) (1u << (iso))
#define WORK_WEEKEND (WORK_DAY(6) | WORK_DAY(7))

/* How far a computation looks ahead before it gives up (a calendar with no work). */
#define WORK_DAYS_MAX 3660

struct work_calendar {
	struct time_zone *zone;   /* borrowed; the centre's zone */
	int32_t open_min;         /* minutes after local midnight the day starts, 0..1439 */
	int32_t close_min;        /* and ends, open_min < close_min <= 1440 */
	unsigned days_off;        /* WORK_DAY bits of the days of the week off */
	const int32_t *holidays;  /* borrowed: dates off as yyyymmdd, ascending */
	size_t nholidays;
};

/* The ISO day of the week (1 = Monday .. 7 = Sunday) of a proleptic Gregorian date. */
int work_weekday(int32_t y, int32_t m, int32_t d);

/* 1 when y-m-d is a working day of c (not a day off of the week, not a holiday). */
int work_is_working_day(const struct work_calendar *c, int32_t y, int32_t m, int32_t d);

/*
 * *due = the instant when seconds of working time have passed from the
 * instant from (seconds >= 0; 0 gives from itself when it is inside
 * working hours, else the next opening). ERR_INVALID when c has no
 * working time in WORK_DAYS_MAX days or ICU fails.
 */
int work_add(const struct work_calendar *c, int64_t from, int64_t seconds, int64_t *due);

/*
 * *seconds = the working time between the instants from and to (0 when
 * to <= from). ERR_INVALID when ICU fails or the span exceeds
 * WORK_DAYS_MAX days.
 */
int work_between(const struct work_calendar *c, int64_t from, int64_t to, int64_t *seconds);

/*
 * Parses "YYYY-MM-DD" into yyyymmdd (*out); 0, or ERR_INVALID when it is
 * not an existing date.
 */
int work_date_parse(const char *s, int32_t *out);

#endif
