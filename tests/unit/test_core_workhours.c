/*
 * test_core_workhours.c - the working-hours clock (core/workhours.h):
 * due times across weekends, public holidays, before opening and after
 * closing, and across both daylight-saving changes of a European zone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/err.h"
#include "core/time.h"
#include "core/workhours.h"

static int64_t at(const char *rfc3339)
{
	int64_t t = 0;

	assert_int_equal(time_parse(rfc3339, &t), 0);
	return t;
}

/* Adds hours of working time from `from` in the calendar and checks the instant. */
static void check_add(const struct work_calendar *c, const char *from, int64_t hours,
		      const char *want)
{
	int64_t due = 0;

	assert_int_equal(work_add(c, at(from), hours * 3600, &due), 0);
	assert_int_equal(due, at(want));
}

static void test_weekday(void **state)
{
	(void)state;
	assert_int_equal(work_weekday(1970, 1, 1), 4);
	assert_int_equal(work_weekday(2000, 1, 1), 6);
	assert_int_equal(work_weekday(2026, 12, 7), 1);
	assert_int_equal(work_weekday(2026, 3, 29), 7);
	assert_int_equal(work_weekday(2024, 2, 29), 4);
}

static void test_weekend(void **state)
{
	struct time_zone *z = time_zone_open("Asia/Shanghai");
	struct work_calendar c = {z, 9 * 60, 18 * 60, WORK_WEEKEND, NULL, 0};

	(void)state;
	/* Friday 16:00: two hours on Friday, two on Monday */
	check_add(&c, "2026-12-04T16:00:00+08:00", 4, "2026-12-07T11:00:00+08:00");
	/* the same day */
	check_add(&c, "2026-12-07T09:30:00+08:00", 3, "2026-12-07T12:30:00+08:00");
	/* opened on Saturday: the clock starts on Monday morning */
	check_add(&c, "2026-12-05T10:00:00+08:00", 1, "2026-12-07T10:00:00+08:00");
	/* before opening, and after closing */
	check_add(&c, "2026-12-08T07:00:00+08:00", 2, "2026-12-08T11:00:00+08:00");
	check_add(&c, "2026-12-08T20:00:00+08:00", 2, "2026-12-09T11:00:00+08:00");
	/* exactly a day's work ends at closing time, not the next morning */
	check_add(&c, "2026-12-08T09:00:00+08:00", 9, "2026-12-08T18:00:00+08:00");
	/* zero seconds outside the hours is the next opening */
	check_add(&c, "2026-12-04T19:00:00+08:00", 0, "2026-12-07T09:00:00+08:00");
	/* 40 working hours: a whole week and a bit */
	check_add(&c, "2026-12-07T09:00:00+08:00", 40, "2026-12-11T13:00:00+08:00");
	time_zone_free(z);
}

static void test_holidays(void **state)
{
	static const int32_t days[] = {20261001, 20261002, 20261005, 20261207};
	struct time_zone *z = time_zone_open("Asia/Shanghai");
	struct work_calendar c = {z, 9 * 60, 18 * 60, WORK_WEEKEND, days, 4};
	int32_t d = 0;

	(void)state;
	assert_false(work_is_working_day(&c, 2026, 12, 7));
	assert_true(work_is_working_day(&c, 2026, 12, 8));
	/* Friday 16:00, Monday a holiday: due on Tuesday */
	check_add(&c, "2026-12-04T16:00:00+08:00", 4, "2026-12-08T11:00:00+08:00");
	/* a holiday week (Thursday, Friday, then Monday off): Wednesday 30 Sep 17:00 + 2 h */
	check_add(&c, "2026-09-30T17:00:00+08:00", 2, "2026-10-06T10:00:00+08:00");
	assert_int_equal(work_date_parse("2026-10-01", &d), 0);
	assert_int_equal(d, 20261001);
	assert_int_equal(work_date_parse("2026-02-30", &d), ERR_INVALID);
	assert_int_equal(work_date_parse("1 May", &d), ERR_INVALID);
	time_zone_free(z);
}

static void test_dst(void **state)
{
	struct time_zone *hel = time_zone_open("Europe/Helsinki");
	struct time_zone *par = time_zone_open("Europe/Paris");
	struct work_calendar h = {hel, 9 * 60, 17 * 60, WORK_WEEKEND, NULL, 0};
	struct work_calendar p = {par, 9 * 60, 18 * 60, WORK_WEEKEND, NULL, 0};

	(void)state;
	/* spring: Friday 27 March 16:00 EET, clocks go forward on Sunday 29th;
	   Monday's 12:00 is EEST (+03:00), 09:00 UTC, not 10:00 UTC */
	check_add(&h, "2026-03-27T16:00:00+02:00", 4, "2026-03-30T12:00:00+03:00");
	check_add(&h, "2026-03-27T14:00:00Z", 4, "2026-03-30T09:00:00Z");
	/* autumn: Friday 23 October 17:00 CEST, clocks go back on Sunday 25th */
	check_add(&p, "2026-10-23T17:00:00+02:00", 2, "2026-10-26T10:00:00+01:00");
	check_add(&p, "2026-10-23T15:00:00Z", 2, "2026-10-26T09:00:00Z");
	time_zone_free(hel);
	time_zone_free(par);
}

static void test_between(void **state)
{
	static const int32_t days[] = {20261207};
	struct time_zone *z = time_zone_open("Asia/Shanghai");
	struct time_zone *hel = time_zone_open("Europe/Helsinki");
	struct work_calendar c = {z, 9 * 60, 18 * 60, WORK_WEEKEND, NULL, 0};
	struct work_calendar hol = {z, 9 * 60, 18 * 60, WORK_WEEKEND, days, 1};
	struct work_calendar h = {hel, 9 * 60, 17 * 60, WORK_WEEKEND, NULL, 0};
	int64_t s = -1;

	(void)state;
	assert_int_equal(work_between(&c, at("2026-12-04T16:00:00+08:00"),
				      at("2026-12-07T11:00:00+08:00"), &s), 0);
	assert_int_equal(s, 4 * 3600);
	assert_int_equal(work_between(&hol, at("2026-12-04T16:00:00+08:00"),
				      at("2026-12-08T11:00:00+08:00"), &s), 0);
	assert_int_equal(s, 4 * 3600);
	/* inside a weekend: nothing */
	assert_int_equal(work_between(&c, at("2026-12-05T10:00:00+08:00"),
				      at("2026-12-06T20:00:00+08:00"), &s), 0);
	assert_int_equal(s, 0);
	/* backwards: nothing */
	assert_int_equal(work_between(&c, at("2026-12-08T10:00:00+08:00"),
				      at("2026-12-08T09:00:00+08:00"), &s), 0);
	assert_int_equal(s, 0);
	/* across the spring change: the inverse of work_add */
	assert_int_equal(work_between(&h, at("2026-03-27T14:00:00Z"), at("2026-03-30T09:00:00Z"),
				      &s), 0);
	assert_int_equal(s, 4 * 3600);
	time_zone_free(z);
	time_zone_free(hel);
}

static void test_no_work(void **state)
{
	struct time_zone *z = time_zone_open("Asia/Shanghai");
	struct work_calendar all_off = {z, 9 * 60, 18 * 60, 0xfe, NULL, 0};
	struct work_calendar bad_hours = {z, 18 * 60, 9 * 60, WORK_WEEKEND, NULL, 0};
	int64_t due = 0;

	(void)state;
	assert_int_equal(work_add(&all_off, at("2026-12-07T10:00:00+08:00"), 3600, &due),
			 ERR_INVALID);
	assert_int_equal(work_add(&bad_hours, at("2026-12-07T10:00:00+08:00"), 3600, &due),
			 ERR_INVALID);
	time_zone_free(z);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weekday),  cmocka_unit_test(test_weekend),
		cmocka_unit_test(test_holidays), cmocka_unit_test(test_dst),
		cmocka_unit_test(test_between),  cmocka_unit_test(test_no_work),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
