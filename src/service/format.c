/*
 * format.c - small texts of the scheduling service: local times in a
 * person's or an event's IANA time zone (ICU, so that daylight-saving
 * changes are right) and video-room URLs from the configured template.
 */
#include "service/schedule.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/ustring.h>

static UCalendar *calendar(const char *tz)
{
	UChar id[128];
	UErrorCode st = U_ZERO_ERROR;
	UCalendar *cal;
	size_t n = tz ? strlen(tz) : 0;

	if (n == 0 || n >= 64 || !sched_tz_known(tz)) /* ICU falls back to GMT silently */
		return NULL;
	u_uastrncpy(id, tz, (int32_t)n + 1);
	cal = ucal_open(id, (int32_t)n, "en_US_POSIX", UCAL_GREGORIAN, &st);
	return U_SUCCESS(st) ? cal : NULL;
}

static int format_with(UCalendar *cal, const char *tz, int64_t unix_s, char *out, size_t size)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t off, f[6];

	ucal_setMillis(cal, (UDate)unix_s * 1000.0, &st);
	off = (ucal_get(cal, UCAL_ZONE_OFFSET, &st) + ucal_get(cal, UCAL_DST_OFFSET, &st)) / 60000;
	f[0] = ucal_get(cal, UCAL_YEAR, &st);
	f[1] = ucal_get(cal, UCAL_MONTH, &st) + 1;
	f[2] = ucal_get(cal, UCAL_DATE, &st);
	f[3] = ucal_get(cal, UCAL_HOUR_OF_DAY, &st);
	f[4] = ucal_get(cal, UCAL_MINUTE, &st);
	f[5] = ucal_get(cal, UCAL_SECOND, &st);
	if (U_FAILURE(st))
		return ERR_INVALID;
	if (strcmp(tz, "UTC") == 0 && off == 0)
		snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02dZ", f[0], f[1], f[2], f[3], f[4],
			 f[5]);
	else
		snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", f[0], f[1], f[2],
			 f[3], f[4], f[5], off < 0 ? '-' : '+', abs(off) / 60, abs(off) % 60);
	return 0;
}

int service_time_format(const char *tz, int64_t unix_s, char *out, size_t size)
{
	UCalendar *cal = calendar(tz);
	int rc;

	if (!cal)
		return ERR_INVALID;
	rc = format_with(cal, tz, unix_s, out, size);
	ucal_close(cal);
	return rc;
}

int service_times_format(const char *tz, const int64_t *t, size_t n,
			 char (*out)[SERVICE_TIME_LEN])
{
	UCalendar *cal = calendar(tz);
	int rc = cal ? 0 : ERR_INVALID;

	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = format_with(cal, tz, t[i], out[i], SERVICE_TIME_LEN);
	if (cal)
		ucal_close(cal);
	return rc;
}

int service_room_url(const char *tmpl, int64_t event, int64_t meeting, struct buf *b)
{
	const char *p = tmpl ? tmpl : SERVICE_VIDEO_URL_DEFAULT;
	int rc = 0;

	while (*p && rc == 0) {
		if (strncmp(p, "{event}", 7) == 0) {
			rc = buf_printf(b, "%" PRId64, event);
			p += 7;
		} else if (strncmp(p, "{meeting}", 9) == 0) {
			rc = buf_printf(b, "%" PRId64, meeting);
			p += 9;
		} else {
			rc = buf_append(b, p++, 1);
		}
	}
	return rc;
}

int service_room_template_check(const char *tmpl, struct err *e)
{
	const char *host;
	int meeting = 0;

	if (!tmpl || (strncmp(tmpl, "https://", 8) != 0 && strncmp(tmpl, "http://", 7) != 0))
		return err_set(e, ERR_INVALID, "video_url", "must be an http:// or https:// URL");
	host = strstr(tmpl, "//") + 2;
	if (!*host || strchr("/?#{", *host) || strlen(tmpl) > 240)
		return err_set(e, ERR_INVALID, "video_url",
			       "must name a host and be at most 240 characters");
	for (const char *p = tmpl; *p; p++) {
		if ((unsigned char)*p <= ' ' || *p == 0x7f || strchr("<>\"\\^`|", *p))
			return err_set(e, ERR_INVALID, "video_url",
				       "must not contain spaces, quotes or control characters");
		if (*p == '}')
			return err_set(e, ERR_INVALID, "video_url", "has a '}' without '{'");
		if (*p != '{')
			continue;
		if (strncmp(p, "{meeting}", 9) == 0)
			meeting = 1;
		else if (strncmp(p, "{event}", 7) != 0)
			return err_set(e, ERR_INVALID, "video_url",
				       "the only placeholders are {event} and {meeting}");
		p = strchr(p, '}');
	}
	if (!meeting)
		return err_set(e, ERR_INVALID, "video_url",
			       "needs {meeting}, so that each meeting has its own room");
	return 0;
}
