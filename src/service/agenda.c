/*
 * agenda.c - GET /people/{id}/agenda: a participant's placed meetings in
 * time order, each with its times in the person's own time zone (RFC 3339
 * with their offset at that date, so a Helsinki participant reads 08:30
 * for a 13:30 Shanghai slot in May), in the event's and in UTC, the other
 * party, and the table or the online room.
 */
#include "service/service_int.h"

#include <inttypes.h>
#include <stdio.h>

static void set_time(json_t *o, const char *key, const char *tz, int64_t t)
{
	char s[40];

	if (service_time_format(tz, t, s, sizeof(s)) == 0)
		json_object_set_new(o, key, json_string(s));
}

static void set_location(json_t *o, const json_t *row, const char *video_url)
{
	const char *venue = json_string_value(json_object_get(row, "venue"));
	json_int_t table = json_integer_value(json_object_get(row, "table"));
	struct buf b;

	buf_init(&b, 4096);
	if (json_is_true(json_object_get(row, "online"))) {
		json_object_set_new(o, "online", json_true());
		if (service_room_url(video_url, json_integer_value(json_object_get(row, "event_id")),
				     json_integer_value(json_object_get(row, "id")), &b) == 0 &&
		    b.data) {
			json_object_set_new(o, "room_url", json_string(b.data));
			json_object_set_new(o, "location", json_string(b.data));
		}
	} else {
		json_object_set_new(o, "table", json_integer(table));
		if (buf_printf(&b, "Table %" JSON_INTEGER_FORMAT "%s%s", table, venue ? ", " : "",
			       venue ? venue : "") == 0)
			json_object_set_new(o, "location", json_string(b.data));
	}
	buf_release(&b);
}

static json_t *item_json(const json_t *row, const char *tz, const char *video_url)
{
	const char *etz = json_string_value(json_object_get(row, "event_time_zone"));
	int64_t start = json_integer_value(json_object_get(row, "start_utc"));
	int64_t end = start + json_integer_value(json_object_get(row, "minutes")) * 60;
	json_t *o = json_pack("{s:O, s:{s:O, s:O, s:O}, s:O}", "id", json_object_get(row, "id"),
			      "event", "id", json_object_get(row, "event_id"), "name",
			      json_object_get(row, "event_name"), "time_zone",
			      json_object_get(row, "event_time_zone"), "slot_id",
			      json_object_get(row, "slot_id"));

	set_time(o, "start", tz, start);
	set_time(o, "end", tz, end);
	set_time(o, "event_start", etz, start);
	set_time(o, "event_end", etz, end);
	set_time(o, "start_utc", "UTC", start);
	set_time(o, "end_utc", "UTC", end);
	json_object_set(o, "with", json_object_get(row, "with"));
	set_location(o, row, video_url);
	json_object_set(o, "updated_at", json_object_get(row, "updated_at"));
	return o;
}

int service_agenda(struct service_conn *c, int64_t person, const char *video_url, json_t **out,
		   struct err *e)
{
	struct store *s = c->store;
	json_t *doc = NULL, *who, *items;
	const json_t *rows;
	const char *tz;
	int rc = store_person_agenda(s, person, &doc, e);

	*out = NULL;
	if (rc)
		return rc;
	who = json_object_get(doc, "person");
	if (!json_object_get(who, "time_zone"))
		json_object_set_new(who, "time_zone", json_string("UTC"));
	tz = json_string_value(json_object_get(who, "time_zone"));
	rows = json_object_get(doc, "meetings");
	items = json_array();
	for (size_t i = 0; i < json_array_size(rows); i++)
		json_array_append_new(items, item_json(json_array_get(rows, i), tz, video_url));
	*out = json_pack("{s:O, s:o}", "person", who, "meetings", items);
	json_decref(doc);
	return 0;
}
