/*
 * tz.c - local wall times of slots in IANA time zones (ICU), and the
 * online-hours test. DST is ICU's business: each instant is converted on
 * its own, so a slot after the spring change reads one hour later.
 */
#include "sched/sched_internal.h"

#include "core/time.h"

#include <string.h>

/* Minutes since local midnight and the local date (yyyymmdd) of unix_s in z. */
static int local_of(struct time_zone *z, int64_t unix_s, int32_t *minutes, int32_t *date)
{
	struct time_civil c = {0};
	int rc = time_zone_local(z, unix_s, &c);

	*minutes = c.hour * 60 + c.minute;
	*date = c.year * 10000 + c.month * 100 + c.day;
	return rc;
}

int sched_tz_locals(const char *tz, const struct sched_model *md, struct sched_local *out)
{
	struct time_zone *z = time_zone_open(tz);
	int rc = 0;

	if (!z)
		return ERR_INVALID;
	for (int32_t r = 0; r < md->nt && rc == 0; r++) {
		const struct sched_slot *s = &md->in->slots[md->order[r]];
		int32_t end_date = 0;

		rc = local_of(z, s->start, &out[r].start_min, &out[r].date);
		if (rc == 0)
			rc = local_of(z, s->start + (int64_t)s->minutes * 60, &out[r].end_min,
				      &end_date);
		out[r].end_next_day = end_date != out[r].date;
		if (out[r].end_next_day && out[r].end_min == 0) {
			/* ends at midnight: 24:00 of the start's day */
			out[r].end_min = 1440;
			out[r].end_next_day = s->minutes > 1440;
		}
	}
	time_zone_free(z);
	return rc;
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
