/*
 * workhours.c - the working-hours clock (workhours.h): a walk over the
 * local days of the centre's zone, each working day contributing the span
 * between its opening and closing instants as ICU computes them.
 */
#include "core/workhours.h"

#include "core/err.h"

#include <stdio.h>
#include <stdlib.h>

int work_weekday(int32_t y, int32_t m, int32_t d)
{
	/* days from civil (H. Hinnant): day 0 is 1970-01-01, a Thursday */
	int64_t yy = m <= 2 ? y - 1 : y;
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	int64_t days = era * 146097 + doe - 719468;
	int64_t wd = (days + 3) % 7; /* 0 = Monday */

	if (wd < 0)
		wd += 7;
	return (int)wd + 1;
}

static int cmp_date(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return x < y ? -1 : x > y;
}

int work_is_working_day(const struct work_calendar *c, int32_t y, int32_t m, int32_t d)
{
	int32_t key = y * 10000 + m * 100 + d;

	if (c->days_off & WORK_DAY(work_weekday(y, m, d)))
		return 0;
	return !(c->nholidays &&
		 bsearch(&key, c->holidays, c->nholidays, sizeof(key), cmp_date));
}

/* One local day of the walk: its date and its working span (0, 0 when off). */
struct work_day {
	int32_t y, m, d;
	int64_t open, close;
};

static int day_at(const struct work_calendar *c, struct work_day *w)
{
	w->open = w->close = 0;
	if (!work_is_working_day(c, w->y, w->m, w->d))
		return 0;
	if (time_zone_instant(c->zone, w->y, w->m, w->d, c->open_min / 60, c->open_min % 60, 0,
			      &w->open) ||
	    time_zone_instant(c->zone, w->y, w->m, w->d, c->close_min / 60, c->close_min % 60, 0,
			      &w->close))
		return ERR_INVALID;
	return 0;
}

/* The local day of instant t. */
static int day_of(const struct work_calendar *c, int64_t t, struct work_day *w)
{
	struct time_civil tc;

	if (time_zone_local(c->zone, t, &tc))
		return ERR_INVALID;
	w->y = tc.year;
	w->m = tc.month;
	w->d = tc.day;
	return day_at(c, w);
}

/* The day after w (noon of the next calendar day, so that no DST change skips one). */
static int day_next(const struct work_calendar *c, struct work_day *w)
{
	int64_t noon;

	if (time_zone_instant(c->zone, w->y, w->m, w->d, 12, 0, 1, &noon))
		return ERR_INVALID;
	return day_of(c, noon, w);
}

static int calendar_ok(const struct work_calendar *c)
{
	return c->zone && c->open_min >= 0 && c->open_min < c->close_min && c->close_min <= 1440 &&
	       (c->days_off & 0xfeu) != 0xfeu;
}

int work_add(const struct work_calendar *c, int64_t from, int64_t seconds, int64_t *due)
{
	struct work_day w;
	int64_t t = from, left = seconds < 0 ? 0 : seconds;

	if (!calendar_ok(c) || day_of(c, from, &w))
		return ERR_INVALID;
	for (int n = 0; n < WORK_DAYS_MAX; n++) {
		if (w.close > w.open && t < w.close) {
			if (t < w.open)
				t = w.open;
			if (left <= w.close - t) {
				*due = t + left;
				return 0;
			}
			left -= w.close - t;
		}
		if (day_next(c, &w))
			return ERR_INVALID;
	}
	return ERR_INVALID;
}

int work_between(const struct work_calendar *c, int64_t from, int64_t to, int64_t *seconds)
{
	struct work_day w;
	int64_t sum = 0;

	*seconds = 0;
	if (to <= from)
		return 0;
	if (!calendar_ok(c) || day_of(c, from, &w))
		return ERR_INVALID;
	for (int n = 0; n < WORK_DAYS_MAX; n++) {
		if (w.close > w.open) {
			int64_t a = from > w.open ? from : w.open;
			int64_t b = to < w.close ? to : w.close;

			if (b > a)
				sum += b - a;
			if (to <= w.close) {
				*seconds = sum;
				return 0;
			}
		} else if (w.open == 0) {
			int64_t midnight;

			/* a day off: stop once the walk has passed to */
			if (time_zone_instant(c->zone, w.y, w.m, w.d, 0, 0, 1, &midnight))
				return ERR_INVALID;
			if (to <= midnight) {
				*seconds = sum;
				return 0;
			}
		}
		if (day_next(c, &w))
			return ERR_INVALID;
	}
	return ERR_INVALID;
}

int work_date_parse(const char *s, int32_t *out)
{
	int y, m, d;

	if (!s || !time_valid_date(s) || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return ERR_INVALID;
	*out = y * 10000 + m * 100 + d;
	return 0;
}
