/*
 * time.c - RFC 3339 times and dates (libc's timegm for the calendar
 * arithmetic of UTC), IANA time zones and local wall times (ICU, so that
 * daylight-saving changes are right). See time.h.
 */
#include "core/time.h"

#include "core/err.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/ucal.h>
#include <unicode/ustring.h>

struct time_zone {
	UCalendar *cal;
};

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * The UTC instant of a civil date and time, from libc's calendar (timegm);
 * 0 when the date does not exist (2026-02-30): timegm normalises such a
 * date into another one, which shows in the fields it gives back.
 */
static int civil_epoch(int y, int m, int d, int h, int mi, int sec, int64_t *epoch)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	t = timegm(&tm);
	if (tm.tm_year != y - 1900 || tm.tm_mon != m - 1 || tm.tm_mday != d)
		return 0;
	*epoch = (int64_t)t;
	return 1;
}

/* Reads exactly n digits at s into *v. */
static int digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

/* YYYY-MM-DD at s (not necessarily the whole string). */
static int parse_date(const char *s, int *y, int *m, int *d)
{
	int64_t epoch;

	if (!digits(s, 4, y) || s[4] != '-' || !digits(s + 5, 2, m) || s[7] != '-' ||
	    !digits(s + 8, 2, d))
		return 0;
	return *m >= 1 && *m <= 12 && *d >= 1 && civil_epoch(*y, *m, *d, 0, 0, 0, &epoch);
}

bool time_valid_date(const char *s)
{
	int y, m, d;

	return parse_date(s, &y, &m, &d) && s[10] == '\0';
}

/* The offset part: Z or +HH:MM / -HH:MM; *secs east of UTC. */
static int parse_offset(const char *s, int *secs)
{
	int oh, om;

	if ((s[0] == 'Z' || s[0] == 'z') && s[1] == '\0') {
		*secs = 0;
		return 1;
	}
	if ((s[0] != '+' && s[0] != '-') || !digits(s + 1, 2, &oh) || s[3] != ':' ||
	    !digits(s + 4, 2, &om) || s[6] != '\0' || oh > 23 || om > 59)
		return 0;
	*secs = (oh * 60 + om) * 60 * (s[0] == '-' ? -1 : 1);
	return 1;
}

int time_parse(const char *s, int64_t *epoch)
{
	int y, mo, d, h, mi, sec, off;
	const char *p;

	if (!parse_date(s, &y, &mo, &d) || (s[10] != 'T' && s[10] != 't'))
		return ERR_INVALID;
	p = s + 11;
	if (!digits(p, 2, &h) || p[2] != ':' || !digits(p + 3, 2, &mi) || p[5] != ':' ||
	    !digits(p + 6, 2, &sec) || h > 23 || mi > 59 || sec > 60)
		return ERR_INVALID;
	p += 8;
	if (*p == '.') {
		if (!is_digit(p[1]))
			return ERR_INVALID;
		for (p++; is_digit(*p); p++)
			;
	}
	if (!parse_offset(p, &off))
		return ERR_INVALID;
	if (sec == 60)
		sec = 59; /* a leap second sorts with the second before it */
	if (!civil_epoch(y, mo, d, h, mi, sec, epoch))
		return ERR_INVALID;
	*epoch -= off;
	return 0;
}

bool time_zone_known(const char *tz)
{
	UChar id[128], canon[128];
	UErrorCode st = U_ZERO_ERROR;
	UBool system = 0;
	size_t n = tz ? strlen(tz) : 0;

	if (n == 0 || n >= 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)tz[i] >= 0x80)
			return false;
	u_uastrncpy(id, tz, (int32_t)n + 1);
	ucal_getCanonicalTimeZoneID(id, (int32_t)n, canon, 128, &system, &st);
	return U_SUCCESS(st) && system;
}

/* ICU's legacy Java ids and SystemV zones, which are not IANA names. */
static const char *const tz_not_iana[] = {
	"ACT", "AET", "AGT", "ART", "AST", "BET", "BST", "CAT", "CNT", "CST", "CTT", "EAT", "ECT",
	"IET", "IST", "JST", "MIT", "NET", "NST", "PLT", "PNT", "PRT", "PST", "SST", "VST",
};

bool time_zone_iana(const char *tz)
{
	if (!tz || strncmp(tz, "SystemV/", 8) == 0)
		return false;
	for (size_t i = 0; i < sizeof(tz_not_iana) / sizeof(tz_not_iana[0]); i++)
		if (strcmp(tz, tz_not_iana[i]) == 0)
			return false;
	for (const char *p = tz; *p; p++)
		if (*p <= ' ')
			return false;
	return time_zone_known(tz);
}

struct time_zone *time_zone_open(const char *tz)
{
	UChar id[128];
	UErrorCode st = U_ZERO_ERROR;
	UCalendar *cal;
	struct time_zone *z;
	size_t n = tz ? strlen(tz) : 0;

	if (n == 0 || n >= 64)
		return NULL;
	u_uastrncpy(id, tz, (int32_t)n + 1);
	cal = ucal_open(id, (int32_t)n, "en_US_POSIX", UCAL_GREGORIAN, &st);
	if (U_FAILURE(st)) {
		if (cal)
			ucal_close(cal);
		return NULL;
	}
	z = xmalloc(sizeof(*z));
	z->cal = cal;
	return z;
}

void time_zone_free(struct time_zone *z)
{
	if (!z)
		return;
	ucal_close(z->cal);
	free(z);
}

int time_zone_local(struct time_zone *z, int64_t unix_s, struct time_civil *out)
{
	UErrorCode st = U_ZERO_ERROR;
	UCalendar *cal = z->cal;

	ucal_setMillis(cal, (UDate)unix_s * 1000.0, &st);
	out->offset_min =
		(ucal_get(cal, UCAL_ZONE_OFFSET, &st) + ucal_get(cal, UCAL_DST_OFFSET, &st)) / 60000;
	out->year = ucal_get(cal, UCAL_YEAR, &st);
	out->month = ucal_get(cal, UCAL_MONTH, &st) + 1;
	out->day = ucal_get(cal, UCAL_DATE, &st);
	out->hour = ucal_get(cal, UCAL_HOUR_OF_DAY, &st);
	out->minute = ucal_get(cal, UCAL_MINUTE, &st);
	out->second = ucal_get(cal, UCAL_SECOND, &st);
	return U_SUCCESS(st) ? 0 : ERR_INVALID;
}

int time_zone_instant(struct time_zone *z, int32_t y, int32_t m, int32_t d, int32_t h,
		      int32_t mi, int32_t add_days, int64_t *out)
{
	UErrorCode st = U_ZERO_ERROR;

	ucal_clear(z->cal);
	ucal_setDateTime(z->cal, y, m - 1, d, h, mi, 0, &st);
	ucal_add(z->cal, UCAL_DATE, add_days, &st);
	*out = (int64_t)(ucal_getMillis(z->cal, &st) / 1000.0);
	return U_SUCCESS(st) ? 0 : ERR_INVALID;
}

void time_format(const struct time_civil *c, bool utc_z, char *out, size_t size)
{
	int32_t off = c->offset_min;

	if (utc_z && off == 0)
		snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02dZ", c->year, c->month, c->day,
			 c->hour, c->minute, c->second);
	else
		snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", c->year, c->month,
			 c->day, c->hour, c->minute, c->second, off < 0 ? '-' : '+', abs(off) / 60,
			 abs(off) % 60);
}
