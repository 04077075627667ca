/*
 * ical.c - a participant's agenda as iCalendar: libical builds the
 * components and writes the text (escaping, line folding, CRLF).
 */
#include "export/ical.h"

#include "core/buf.h"
#include "core/xalloc.h"

#include <inttypes.h>
#include <libical/ical.h>
#include <stdio.h>
#include <string.h>

#define PRODID "-//liaison//meeting agenda " LIAISON_VERSION "//EN"

static int two(const char *s, int *out)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	*out = (s[0] - '0') * 10 + (s[1] - '0');
	return 0;
}

/* "2026-05-13T05:30:00Z" (UTC, as service_time_format writes it) into t. */
static int utc_time(const char *s, struct icaltimetype *t)
{
	int c, y, mo, d, h, mi, se;

	if (!s || strlen(s) != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
	    s[16] != ':' || s[19] != 'Z' || two(s, &c) || two(s + 2, &y) || two(s + 5, &mo) ||
	    two(s + 8, &d) || two(s + 11, &h) || two(s + 14, &mi) || two(s + 17, &se))
		return -1;
	*t = icaltime_null_time();
	t->year = c * 100 + y;
	t->month = mo;
	t->day = d;
	t->hour = h;
	t->minute = mi;
	t->second = se;
	t->zone = icaltimezone_get_utc_timezone();
	return icaltime_is_valid_time(*t) ? 0 : -1;
}

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* "Name (Organisation), Name (Organisation)" */
static void parties(const json_t *with, struct buf *b)
{
	for (size_t i = 0; i < json_array_size(with); i++) {
		const json_t *p = json_array_get(with, i);

		(void)buf_printf(b, "%s%s", i ? ", " : "", str(p, "name"));
		if (json_object_get(p, "organisation"))
			(void)buf_printf(b, " (%s)", str(p, "organisation"));
	}
}

static char *summary(const json_t *m)
{
	struct buf b;

	buf_init(&b, 8192);
	(void)buf_puts(&b, "Meeting with ");
	parties(json_object_get(m, "with"), &b);
	return buf_detach(&b, NULL);
}

/* "13:30" of an RFC 3339 local time. */
static const char *clock_of(const char *t)
{
	return strlen(t) >= 16 ? t + 11 : t;
}

static char *description(const json_t *m, const char *tz)
{
	const json_t *ev = json_object_get(m, "event");
	struct buf b;

	buf_init(&b, 16384);
	(void)buf_printf(&b, "%s\nWith: ", str(ev, "name"));
	parties(json_object_get(m, "with"), &b);
	(void)buf_printf(&b, "\nTime: %.5s-%.5s (%s)", clock_of(str(m, "start")),
		   clock_of(str(m, "end")), tz);
	if (strcmp(tz, str(ev, "time_zone")) != 0)
		(void)buf_printf(&b, ", %.5s-%.5s at the event (%s)", clock_of(str(m, "event_start")),
			   clock_of(str(m, "event_end")), str(ev, "time_zone"));
	if (json_is_true(json_object_get(m, "online")))
		(void)buf_printf(&b, "\nOnline: %s", str(m, "room_url"));
	else
		(void)buf_printf(&b, "\n%s", str(m, "location"));
	return buf_detach(&b, NULL);
}

static int times(const json_t *m, size_t i, struct icaltimetype t[3], struct err *e)
{
	static const char *const keys[] = {"start_utc", "end_utc"};
	char path[64];

	for (int k = 0; k < 2; k++)
		if (utc_time(json_string_value(json_object_get(m, keys[k])), &t[k])) {
			snprintf(path, sizeof(path), "meetings[%zu].%s", i, keys[k]);
			return err_set(e, ERR_INVALID, path, "must be a UTC time such as "
				       "2026-05-13T05:30:00Z");
		}
	if (utc_time(json_string_value(json_object_get(m, "updated_at")), &t[2]))
		t[2] = icaltime_current_time_with_zone(icaltimezone_get_utc_timezone());
	return 0;
}

static void add_text(icalcomponent *ev, icalproperty *(*make)(const char *), char *text)
{
	if (text && *text)
		icalcomponent_add_property(ev, make(text));
	free(text);
}

static int add_event(icalcomponent *cal, const json_t *m, size_t i, const char *tz, struct err *e)
{
	struct icaltimetype t[3];
	icalcomponent *ev;
	char uid[64];

	if (times(m, i, t, e))
		return ERR_INVALID;
	snprintf(uid, sizeof(uid), "meeting-%" JSON_INTEGER_FORMAT "@liaison",
		 json_integer_value(json_object_get(m, "id")));
	ev = icalcomponent_vanew(ICAL_VEVENT_COMPONENT, icalproperty_new_uid(uid),
				 icalproperty_new_dtstamp(t[2]), icalproperty_new_dtstart(t[0]),
				 icalproperty_new_dtend(t[1]), (void *)0);
	add_text(ev, icalproperty_new_summary, summary(m));
	add_text(ev, icalproperty_new_location, xstrdup(str(m, "location")));
	if (json_is_true(json_object_get(m, "online")) && json_object_get(m, "room_url"))
		icalcomponent_add_property(ev, icalproperty_new_url(str(m, "room_url")));
	add_text(ev, icalproperty_new_description, description(m, tz));
	icalcomponent_add_property(ev, icalproperty_new_status(ICAL_STATUS_CONFIRMED));
	icalcomponent_add_component(cal, ev);
	return 0;
}

int export_ical_agenda(const json_t *agenda, char **out, size_t *len, struct err *e)
{
	const json_t *ms = json_object_get(agenda, "meetings");
	const char *tz = str(json_object_get(agenda, "person"), "time_zone");
	icalcomponent *cal;
	char *text;
	int rc = 0;

	*out = NULL;
	*len = 0;
	if (!json_is_array(ms))
		return err_set(e, ERR_INVALID, "meetings", "must be an array");
	cal = icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"),
				  icalproperty_new_prodid(PRODID),
				  icalproperty_new_calscale("GREGORIAN"), (void *)0);
	for (size_t i = 0; rc == 0 && i < json_array_size(ms); i++)
		rc = add_event(cal, json_array_get(ms, i), i, tz, e);
	if (rc == 0) {
		text = icalcomponent_as_ical_string_r(cal);
		if (!text)
			rc = err_set(e, ERR_INTERNAL, NULL, "libical could not write the calendar");
		else {
			*len = strlen(text);
			*out = xstrndup(text, *len);
			icalmemory_free_buffer(text);
		}
	}
	icalcomponent_free(cal);
	return rc;
}
