/*
 * tz.c - local wall times of slots in IANA time zones (ICU), and the
 * online-hours test. DST is ICU's business: each instant is converted on
 * its own, so a slot after the spring change reads one hour later.
 */
#include "sched/sched_internal.h"

#include <string.h>
#include <unicode/ucal.h>
#include <unicode/ustring.h>

static void local_of(UCalendar *cal, int64_t unix_s, int32_t *minutes, int32_t *date,
		     UErrorCode *st)
{
	ucal_setMillis(cal, (UDate)unix_s * 1000.0, st);
	*minutes = ucal_get(cal, UCAL_HOUR_OF_DAY, st) * 60 + ucal_get(cal, UCAL_MINUTE, st);
	*date = ucal_get(cal, UCAL_YEAR, st) * 10000 + (ucal_get(cal, UCAL_MONTH, st) + 1) * 100 +
		ucal_get(cal, UCAL_DATE, st);
}

int sched_tz_locals(const char *tz, const struct sched_model *md, struct sched_local *out)
{
	UChar id[128];
	UErrorCode st = U_ZERO_ERROR;
	UCalendar *cal;
	size_t n = strlen(tz);

	if (n >= 64)
		return ERR_INVALID;
	u_uastrncpy(id, tz, (int32_t)n + 1);
	cal = ucal_open(id, (int32_t)n, "en_US_POSIX", UCAL_GREGORIAN, &st);
	if (U_FAILURE(st))
		return ERR_INVALID;
	for (int32_t r = 0; r < md->nt && U_SUCCESS(st); r++) {
		const struct sched_slot *s = &md->in->slots[md->order[r]];
		int32_t end_date;

		local_of(cal, s->start, &out[r].start_min, &out[r].date, &st);
		local_of(cal, s->start + (int64_t)s->minutes * 60, &out[r].end_min, &end_date, &st);
		out[r].end_next_day = end_date != out[r].date;
		if (out[r].end_next_day && out[r].end_min == 0) {
			/* ends at midnight: 24:00 of the start's day */
			out[r].end_min = 1440;
			out[r].end_next_day = s->minutes > 1440;
		}
	}
	ucal_close(cal);
	return U_SUCCESS(st) ? 0 : ERR_INVALID;
}

bool sched_hours_contain(int32_t open, int32_t close, const struct sched_local *l)
{
	if (open == SCHED_NO_HOURS)
		return true;
	if (open < close)
		return !l->end_next_day && l->start_min >= open && l->end_min <= close &&
		       l->start_min <= l->end_min;
	/* the window wraps midnight: [open, 24:00] then [00:00, close] */
	if (!l->end_next_day)
		return (l->start_min >= open && l->end_min >= l->start_min) || l->end_min <= close;
	return l->start_min >= open && l->end_min <= close;
}
