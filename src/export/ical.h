/*
 * ical.h - iCalendar (RFC 5545) export of a participant's agenda, written
 * with libical.
 *
 * The input is the agenda document of service_agenda (service/schedule.h);
 * only its JSON is read, so this module does not depend on the service.
 */
#ifndef LIAISON_EXPORT_ICAL_H
#define LIAISON_EXPORT_ICAL_H

#include "core/err.h"

#include <jansson.h>
#include <stddef.h>

/*
 * Writes agenda (borrowed) as one VCALENDAR with a VEVENT per meeting:
 * UID "meeting-<id>@liaison" (stable across exports), DTSTAMP the
 * meeting's updated_at, DTSTART and DTEND in UTC, SUMMARY "Meeting with
 * <name> (<organisation>)", LOCATION ("Table 12, <venue>" or the room URL),
 * URL for online meetings, and a DESCRIPTION with the event, the local
 * times and the other party. *out is malloc'd text with CRLF line ends
 * (caller frees), *len its length. ERR_INVALID naming "meetings[i].<field>"
 * when a meeting lacks its times.
 */
int export_ical_agenda(const json_t *agenda, char **out, size_t *len, struct err *e);

#endif
