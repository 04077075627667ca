/*
 * view.c - JSON views shared by the schedule, the grid and the meeting
 * patch: participants with their names and organisations, slot times in
 * the event's time zone, and a meeting's place with its video room.
 */
#include "service/service_int.h"

#include <inttypes.h>
#include <stdio.h>

json_t *service_people_index(const json_t *data)
{
	const json_t *regs = json_object_get(data, "participants");
	json_t *index = json_object();
	char key[32];

	for (size_t i = 0; i < json_array_size(regs); i++) {
		json_t *reg = json_array_get(regs, i);

		snprintf(key, sizeof(key), "%" JSON_INTEGER_FORMAT,
			 json_integer_value(json_object_get(reg, "person_id")));
		json_object_set(index, key, reg);
	}
	return index;
}

static json_t *person_json(json_int_t id, const json_t *reg, bool full)
{
	json_t *o = json_pack("{s:I}", "id", id);
	static const char *const brief[] = {"name", "organisation", NULL};
	static const char *const more[] = {"attendance", "time_zone", NULL};

	for (const char *const *k = brief; reg && *k; k++)
		json_object_set(o, *k, json_object_get(reg, *k));
	for (const char *const *k = more; reg && full && *k; k++)
		if (json_object_get(reg, *k))
			json_object_set(o, *k, json_object_get(reg, *k));
	if (reg && full && !json_object_get(reg, "time_zone"))
		json_object_set_new(o, "time_zone", json_string("UTC"));
	return o;
}

json_t *service_participants_json(const json_t *m, const json_t *people, bool full)
{
	const json_t *ps = json_object_get(m, "participants");
	json_t *arr = json_array();
	char key[32];

	for (size_t k = 0; k < json_array_size(ps); k++) {
		json_int_t id = json_integer_value(json_array_get(ps, k));

		snprintf(key, sizeof(key), "%" JSON_INTEGER_FORMAT, id);
		json_array_append_new(arr, person_json(id, json_object_get(people, key), full));
	}
	return arr;
}

void service_slot_times(const struct service_event *ev, int32_t s, json_t *obj)
{
	if (!ev->times || !ev->times[2 * s][0])
		return;
	json_object_set_new(obj, "start", json_string(ev->times[2 * s]));
	json_object_set_new(obj, "end", json_string(ev->times[2 * s + 1]));
}

int64_t service_slot_id(const struct service_event *ev, int32_t s)
{
	const json_t *slots = json_object_get(ev->data, "slots");

	return json_integer_value(json_object_get(json_array_get(slots, (size_t)s), "id"));
}

const json_t *service_meeting_row(const struct service_event *ev, int32_t k)
{
	return json_array_get(json_object_get(ev->data, "meetings"), ev->row[k]);
}

void service_place_json(const struct service_event *ev, int64_t meeting, int32_t slot,
			int32_t table, bool online, const char *video_url, json_t *obj)
{
	int64_t event = json_integer_value(json_object_get(json_object_get(ev->data, "event"), "id"));
	struct buf b;

	if (slot < 0)
		return;
	json_object_set_new(obj, "slot_id", json_integer(service_slot_id(ev, slot)));
	service_slot_times(ev, slot, obj);
	if (!online) {
		json_object_set_new(obj, "table", json_integer(table));
		return;
	}
	json_object_set_new(obj, "online", json_true());
	buf_init(&b, 4096);
	if (service_room_url(video_url, event, meeting, &b) == 0 && b.data)
		json_object_set_new(obj, "room_url", json_string(b.data));
	buf_release(&b);
}
