/*
 * format.c - small texts of the scheduling service: local times in a
 * person's or an event's IANA time zone (ICU, so that daylight-saving
 * changes are right) and video-room URLs from the configured template.
 */
#include "service/schedule.h"

#include "core/time.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A calendar in tz; NULL when tz is not a zone ICU knows (it would fall back to GMT silently). */
static struct time_zone *calendar(const char *tz)
{
	if (!time_zone_known(tz))
		return NULL;
	return time_zone_open(tz);
}

static int format_with(struct time_zone *z, const char *tz, int64_t unix_s, char *out,
		       size_t size)
{
	struct time_civil c;

	if (time_zone_local(z, unix_s, &c) != 0)
		return ERR_INVALID;
	time_format(&c, strcmp(tz, "UTC") == 0, out, size);
	return 0;
}

int service_time_format(const char *tz, int64_t unix_s, char *out, size_t size)
{
	struct time_zone *z = calendar(tz);
	int rc;

	if (!z)
		return ERR_INVALID;
	rc = format_with(z, tz, unix_s, out, size);
	time_zone_free(z);
	return rc;
}

int service_times_format(const char *tz, const int64_t *t, size_t n,
			 char (*out)[SERVICE_TIME_LEN])
{
	struct time_zone *z = calendar(tz);
	int rc = z ? 0 : ERR_INVALID;

	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = format_with(z, tz, t[i], out[i], SERVICE_TIME_LEN);
	time_zone_free(z);
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
