/*
 * remind.c - reminders before meetings (send.h): at each turn of the
 * sender, every participant of a meeting of a published schedule that
 * starts within its event's reminder time gets one message, in their
 * language, with the start in their own time zone (ICU: daylight saving
 * included). The reminder is recorded in the transaction that queues it,
 * so it goes once, whichever sender and however often they look.
 */
#include "service/send.h"

#include "service/service_int.h"
#include "store/outbox.h"

#include "core/jsonx.h"
#include "core/time.h"

#include <stdio.h>
#include <string.h>

/* "2026-05-13 09:00" and "Asia/Shanghai, UTC+08:00" of start in zone tz. */
static int local_time(const char *tz, int64_t start, char *when, size_t wsize, char *zone,
		      size_t zsize)
{
	struct time_zone *z = time_zone_open(tz);
	struct time_civil c;
	int rc = z ? time_zone_local(z, start, &c) : ERR_INVALID;
	int off;

	time_zone_free(z);
	if (rc)
		return rc;
	off = c.offset_min < 0 ? -c.offset_min : c.offset_min;
	snprintf(when, wsize, "%04d-%02d-%02d %02d:%02d", c.year, c.month, c.day, c.hour, c.minute);
	snprintf(zone, zsize, "%s, UTC%c%02d:%02d", tz, c.offset_min < 0 ? '-' : '+', off / 60,
		 off % 60);
	return 0;
}

/* What one reminder is written from. */
struct remind {
	const json_t *row;
	int queued; /* 1 when this reminder was queued (0: another sender had it) */
};

/* The values of the reminder for person in meeting m of event ev. */
static json_t *remind_values(struct store *s, const struct remind *r, const json_t *person,
			     const json_t *ev, const json_t *partner, struct err *e)
{
	const char *lang = service_notice_lang(person);
	const char *tz = jsonx_str(person, "time_zone");
	json_int_t table = json_integer_value(json_object_get(r->row, "table"));
	char when[40], zone[100];
	struct buf place;
	json_t *v;

	if (!tz || !time_zone_known(tz))
		tz = jsonx_str(ev, "time_zone");
	if (local_time(tz, json_integer_value(json_object_get(r->row, "start_utc")), when,
		       sizeof(when), zone, sizeof(zone))) {
		err_set(e, ERR_INTERNAL, "time_zone", "cannot read the time in %s", tz);
		return NULL;
	}
	v = json_pack("{s:I}", "table", table);
	buf_init(&place, 400);
	service_notice_fill(&place, service_notice_msg(lang, table ? "place.table" : "place.online"),
			    v);
	json_decref(v);
	v = json_pack("{s:O, s:O, s:o, s:s, s:s, s:O, s:s}", "event", json_object_get(ev, "name"),
		      "name", json_object_get(partner, "name"), "organisation",
		      service_notice_org(s, partner), "time", when, "zone", zone, "minutes",
		      json_object_get(r->row, "reminder_minutes"), "place", place.data ? place.data : "-");
	buf_release(&place);
	return v;
}

/* In one write transaction: records the reminder of r->row, then queues its message. */
static int remind_one(struct store *s, void *ctx, struct err *e)
{
	struct remind *r = ctx;
	int64_t meeting = json_integer_value(json_object_get(r->row, "meeting_id"));
	int64_t pid = json_integer_value(json_object_get(r->row, "person_id"));
	json_t *person = NULL, *ev = NULL, *m = NULL, *partner = NULL, *values = NULL;
	const json_t *who;
	int rc;

	rc = store_reminder_mark(s, meeting, pid,
				 json_integer_value(json_object_get(r->row, "start_utc")), e);
	if (rc == ERR_CONFLICT) {
		err_clear(e);
		return 0; /* another sender queued it */
	}
	if (!rc)
		rc = store_get(s, STORE_PERSON, pid, &person, e);
	if (!rc)
		rc = store_get(s, STORE_EVENT, json_integer_value(json_object_get(r->row, "event_id")),
			       &ev, e);
	if (!rc)
		rc = store_get(s, STORE_MEETING, meeting, &m, e);
	who = json_object_get(m, "participants");
	for (size_t i = 0; !rc && !partner && i < json_array_size(who); i++)
		if (json_integer_value(json_array_get(who, i)) != pid)
			rc = store_get(s, STORE_PERSON, json_integer_value(json_array_get(who, i)),
				       &partner, e);
	if (!rc && partner)
		values = remind_values(s, r, person, ev, partner, e);
	if (!rc && partner && !values)
		rc = e->code ? e->code : ERR_INTERNAL;
	if (!rc && values)
		rc = service_notice_queue(s, person, "reminder", "reminder.subject", "reminder.body",
					  values, NULL, 0, e);
	r->queued = !rc && values;
	json_decref(values);
	json_decref(partner);
	json_decref(m);
	json_decref(ev);
	json_decref(person);
	return rc;
}

int service_remind_due(struct service_conn *c, int64_t now_s, int *queued, struct err *e)
{
	json_t *due = NULL;
	int rc = store_reminders_due(c->store, now_s, &due, e);

	*queued = 0;
	for (size_t i = 0; !rc && i < json_array_size(due); i++) {
		struct remind r = {json_array_get(due, i), 0};

		rc = store_atomic(c->store, remind_one, &r, e);
		*queued += r.queued;
	}
	json_decref(due);
	return rc;
}
