/*
 * notice_schedule.c - "your schedule is published": when an event's
 * schedule is published, every participant with a placed meeting there
 * gets their meetings of that event (times in their own time zone, the
 * other party, table or room) and the same as an .ics attachment
 * (export/ical.h), queued in the publishing transaction.
 */
#include "service/service_int.h"

#include "core/jsonx.h"
#include "export/ical.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The meetings of agenda at event, as lines of text for lang, into out. */
static int agenda_lines(struct buf *out, const json_t *meetings, const char *lang)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < json_array_size(meetings); i++) {
		const json_t *m = json_array_get(meetings, i);
		const json_t *with = json_array_get(json_object_get(m, "with"), 0);
		const char *start = jsonx_str(m, "start");
		const char *where = jsonx_str(m, "location");

		rc = buf_printf(out, "- %.10s %.5s  %s (%s)  %s\n", start ? start : "",
				start && strlen(start) > 16 ? start + 11 : "", jsonx_str(with, "name") ?
				jsonx_str(with, "name") : "-", jsonx_str(with, "organisation") ?
				jsonx_str(with, "organisation") : "-",
				where ? where : service_notice_msg(lang, "place.online"));
	}
	return rc;
}

/* Keeps the meetings of agenda at event only; returns how many are left. */
static size_t agenda_of_event(json_t *agenda, int64_t event)
{
	json_t *ms = json_object_get(agenda, "meetings");

	for (size_t i = json_array_size(ms); i-- > 0;) {
		const json_t *ev = json_object_get(json_array_get(ms, i), "event");

		if (json_integer_value(json_object_get(ev, "id")) != event)
			json_array_remove(ms, i);
	}
	return json_array_size(ms);
}

static int schedule_one(struct store *s, const json_t *ev, int64_t person, const char *video_url,
			int64_t by, struct err *e)
{
	struct service_conn *c = service_conn_wrap(s);
	json_t *agenda = NULL, *row = NULL, *values = NULL;
	struct service_attachment att = {"schedule.ics", "text/calendar; method=PUBLISH", NULL};
	struct buf lines;
	char *ics = NULL;
	size_t len = 0;
	int rc = service_agenda(c, person, video_url, &agenda, e);

	buf_init(&lines, 200000);
	if (!rc)
		rc = store_get(s, STORE_PERSON, person, &row, e);
	if (!rc && jsonx_str(row, "email") &&
	    agenda_of_event(agenda, json_integer_value(json_object_get(ev, "id"))) > 0) {
		rc = export_ical_agenda(agenda, &ics, &len, e);
		if (!rc)
			rc = agenda_lines(&lines, json_object_get(agenda, "meetings"),
					  service_notice_lang(row)) ?
				     err_set(e, ERR_TOO_LARGE, "schedule", "too many meetings to mail") :
				     0;
		values = json_pack("{s:O, s:O, s:I, s:s, s:s}", "event", json_object_get(ev, "name"),
				   "name", json_object_get(row, "name"), "count",
				   (json_int_t)json_array_size(json_object_get(agenda, "meetings")),
				   "meetings", lines.data ? lines.data : "",
				   "zone", jsonx_str(json_object_get(agenda, "person"), "time_zone"));
		att.content = ics;
		if (!rc)
			rc = service_notice_queue(s, row, "schedule", "schedule.subject", "schedule.body",
						  values, &att, by, e);
	}
	free(ics);
	buf_release(&lines);
	json_decref(values);
	json_decref(row);
	json_decref(agenda);
	service_conn_close(c);
	return rc;
}

/* The people with a placed meeting at event: the keys of *set (person ids as text). */
static int placed_people(struct store *s, int64_t event, json_t *set, struct err *e)
{
	char ev[24], next[64] = "";
	int rc;

	snprintf(ev, sizeof(ev), "%lld", (long long)event);
	do {
		json_t *params = json_pack("{s:s, s:s}", "event", ev, "limit", "200");
		json_t *page = NULL, *items;

		if (next[0])
			json_object_set_new(params, "cursor", json_string(next));
		rc = store_list(s, STORE_MEETING, params, &page, e);
		json_decref(params);
		items = json_object_get(page, "items");
		for (size_t i = 0; !rc && i < json_array_size(items); i++) {
			const json_t *m = json_array_get(items, i);
			const json_t *who = json_object_get(m, "participants");

			if (!json_object_get(m, "slot_id"))
				continue;
			for (size_t j = 0; j < json_array_size(who); j++) {
				char key[24];

				snprintf(key, sizeof(key), "%020lld",
					 (long long)json_integer_value(json_array_get(who, j)));
				json_object_set_new(set, key, json_true());
			}
		}
		snprintf(next, sizeof(next), "%s",
			 !rc && jsonx_str(page, "next") ? jsonx_str(page, "next") : "");
		json_decref(page);
	} while (!rc && next[0]);
	return rc;
}

int service_notice_schedule(struct store *s, int64_t event, const char *video_url, int64_t by,
			    struct err *e)
{
	json_t *ev = NULL, *people = json_object();
	const char *key;
	json_t *v;
	int rc = store_get(s, STORE_EVENT, event, &ev, e);

	if (!rc)
		rc = placed_people(s, event, people, e);
	json_object_foreach(people, key, v) {
		if (rc)
			break;
		rc = schedule_one(s, ev, strtoll(key, NULL, 10), video_url, by, e);
	}
	json_decref(people);
	json_decref(ev);
	return rc;
}
