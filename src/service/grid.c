/*
 * grid.c - GET /events/{id}/grid: the stored schedule of an event as slots
 * x tables (one cell per table, null when free) plus the online meetings of
 * each slot and the meetings not yet placed, with the participants' names
 * and organisations; times in the event's time zone.
 */
#include "service/service_int.h"

#include <inttypes.h>
#include <stdio.h>

static json_t *event_json(const json_t *ev)
{
	static const char *const keys[] = {"id", "name", "time_zone", "tables", "venue", "city",
					   "schedule_published_at", NULL};
	json_t *o = json_object();

	for (const char *const *k = keys; *k; k++)
		if (json_object_get(ev, *k))
			json_object_set(o, *k, json_object_get(ev, *k));
	return o;
}

static json_t *slot_json(const struct service_event *ev, int32_t i)
{
	const json_t *row = json_array_get(json_object_get(ev->data, "slots"), (size_t)i);
	json_t *o = json_pack("{s:O}", "id", json_object_get(row, "id")), *tables = json_array();

	if (json_object_get(row, "ref"))
		json_object_set(o, "ref", json_object_get(row, "ref"));
	service_slot_times(ev, i, o);
	json_object_set(o, "minutes", json_object_get(row, "minutes"));
	for (int32_t t = 0; t < ev->in.tables; t++)
		json_array_append_new(tables, json_null());
	json_object_set_new(o, "tables", tables);
	json_object_set_new(o, "online", json_array());
	return o;
}

static json_t *cell_json(const struct service_event *ev, const json_t *m, const json_t *people,
			 const char *video_url)
{
	json_int_t id = json_integer_value(json_object_get(m, "id"));
	json_t *o = json_pack("{s:I, s:o, s:O}", "id", id, "participants",
			      service_participants_json(m, people, false), "locked",
			      json_object_get(m, "locked"));
	struct buf b;

	if (!json_is_true(json_object_get(m, "online")) || !json_object_get(m, "slot_id"))
		return o;
	buf_init(&b, 4096);
	if (service_room_url(video_url,
			     json_integer_value(json_object_get(json_object_get(ev->data, "event"),
								"id")),
			     id, &b) == 0 && b.data)
		json_object_set_new(o, "room_url", json_string(b.data));
	buf_release(&b);
	return o;
}

/* Puts meeting row m in its cell of slots (an array parallel to ev->in.slots). */
static void place_cell(const struct service_event *ev, const json_t *slot_index, json_t *slots,
		       json_t *unscheduled, const json_t *m, json_t *cell)
{
	char key[32];
	const json_t *at;
	json_t *slot;
	json_int_t table = json_integer_value(json_object_get(m, "table"));

	snprintf(key, sizeof(key), "%" JSON_INTEGER_FORMAT,
		 json_integer_value(json_object_get(m, "slot_id")));
	at = json_object_get(slot_index, key);
	if (!at) {
		json_array_append_new(unscheduled, cell);
		return;
	}
	slot = json_array_get(slots, (size_t)json_integer_value(at));
	if (json_is_true(json_object_get(m, "online")) || table < 1 || table > ev->in.tables)
		json_array_append_new(json_object_get(slot, "online"), cell);
	else
		json_array_set_new(json_object_get(slot, "tables"), (size_t)table - 1, cell);
}

static json_t *grid_json(const struct service_event *ev, const char *video_url)
{
	const json_t *rows = json_object_get(ev->data, "meetings");
	json_t *people = service_people_index(ev->data), *slot_index = json_object();
	json_t *slots = json_array(), *unscheduled = json_array(), *out;
	char key[32];

	for (size_t i = 0; i < ev->in.n_slots; i++) {
		snprintf(key, sizeof(key), "%" PRId64, service_slot_id(ev, (int32_t)i));
		json_object_set_new(slot_index, key, json_integer((json_int_t)i));
		json_array_append_new(slots, slot_json(ev, (int32_t)i));
	}
	for (size_t i = 0; i < json_array_size(rows); i++) {
		const json_t *m = json_array_get(rows, i);

		place_cell(ev, slot_index, slots, unscheduled, m,
			   cell_json(ev, m, people, video_url));
	}
	out = json_pack("{s:o, s:o, s:o}", "event",
			event_json(json_object_get(ev->data, "event")), "slots", slots,
			"unscheduled", unscheduled);
	json_decref(people);
	json_decref(slot_index);
	return out;
}

int service_grid(struct service_conn *c, int64_t event, const char *video_url, json_t **out,
		 struct err *e)
{
	struct store *s = c->store;
	struct service_event ev;
	int rc = service_event_load(s, event, &ev, e);

	*out = rc ? NULL : grid_json(&ev, video_url);
	service_event_release(&ev);
	return rc;
}
