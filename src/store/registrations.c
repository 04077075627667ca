/*
 * registrations.c - the rules of registrations: one per person and event,
 * attendance that the event's mode allows, available slots that belong to
 * the event (kept in registration_slots too, where foreign keys hold them
 * to the event), and deletion refused while the person has meeting
 * requests at the event.
 */
#include "store/store_int.h"

#include "core/xalloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int attendance_fits(struct store *s, int64_t event, const char *attendance,
			   struct err *e)
{
	struct db_stmt *st;
	char mode[16] = "";
	int rc;

	rc = store_prep(s, "SELECT mode FROM events WHERE id = ?1", &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, event);
	rc = store_step(s, st, e);
	if (rc == 1)
		snprintf(mode, sizeof(mode), "%s", db_col_text(st, 0));
	store_reset(st);
	if (rc < 0)
		return rc;
	if (strcmp(mode, "online") == 0 && strcmp(attendance, "onsite") == 0)
		return err_set(e, ERR_INVALID, "attendance",
			       "must be online: event %" PRId64 " is held online only", event);
	if (strcmp(mode, "onsite") == 0 && strcmp(attendance, "online") == 0)
		return err_set(e, ERR_INVALID, "attendance",
			       "must be onsite: event %" PRId64 " is held on site only", event);
	return 0;
}

static int slots_of_event(struct store *s, int64_t event, const json_t *slots, struct err *e)
{
	char path[64];

	for (size_t i = 0; i < json_array_size(slots); i++) {
		int64_t slot = json_integer_value(json_array_get(slots, i));
		int64_t found = 0;
		int rc = store_int(s, e, &found,
				   "SELECT 1 FROM event_slots WHERE id = ?1 AND event_id = ?2", "ii",
				   slot, event);

		if (rc < 0)
			return rc;
		if (!found) {
			snprintf(path, sizeof(path), "available_slots[%zu]", i);
			return err_set(e, ERR_INVALID, path,
				       "slot %" PRId64 " is not a slot of event %" PRId64, slot,
				       event);
		}
	}
	return 0;
}

static int reg_validate(struct store *s, const struct store_resdef *rd, int64_t id,
			const json_t *body, const json_t *old, struct err *e)
{
	int64_t event = json_integer_value(json_object_get(body, "event_id"));
	int64_t person = json_integer_value(json_object_get(body, "person_id"));
	int64_t other = 0;
	int rc;

	(void)rd;
	(void)old;
	if (!id) {
		rc = store_int(s, e, &other,
			       "SELECT id FROM registrations WHERE event_id = ?1 AND person_id = ?2",
			       "ii", event, person);
		if (rc < 0)
			return rc;
		if (other)
			return err_set(e, ERR_CONFLICT, "person_id",
				       "person %" PRId64 " is already registered for event %" PRId64
				       " (registration %" PRId64 ")",
				       person, event, other);
	}
	rc = attendance_fits(s, event, json_string_value(json_object_get(body, "attendance")), e);
	if (rc == 0)
		rc = slots_of_event(s, event, json_object_get(body, "available_slots"), e);
	return rc;
}

static int reg_after_write(struct store *s, int64_t id, const json_t *body, const json_t *old,
			   struct err *e)
{
	int64_t event = json_integer_value(json_object_get(body, "event_id"));
	const json_t *slots = json_object_get(body, "available_slots");
	int rc = 0;

	if (old)
		rc = store_exec(s, e, "DELETE FROM registration_slots WHERE registration_id = ?1",
				"i", id);
	for (size_t i = 0; rc == 0 && i < json_array_size(slots); i++)
		rc = store_exec(s, e,
				"INSERT INTO registration_slots(registration_id, event_id, slot_id, pos)"
				" VALUES (?1, ?2, ?3, ?4)",
				"iiii", id, event, (int64_t)json_integer_value(json_array_get(slots, i)),
				(int64_t)i);
	return rc;
}

static int reg_before_delete(struct store *s, int64_t id, struct err *e)
{
	int64_t n = 0;
	int rc;

	rc = store_int(s, e, &n,
		       "SELECT count(*) FROM meeting_requests m JOIN registrations r"
		       " ON r.event_id = m.event_id AND (m.requester_id = r.person_id"
		       " OR m.invitee_id = r.person_id) WHERE r.id = ?1",
		       "i", id);
	if (rc < 0)
		return rc;
	if (n)
		return err_set(e, ERR_CONFLICT, "id",
			       "registration %" PRId64 " cannot be deleted: the person has %" PRId64
			       " meeting requests at this event; delete those first",
			       id, n);
	return 0;
}

const struct store_hooks store_reg_hooks = {
	.validate = reg_validate,
	.after_write = reg_after_write,
	.before_delete = reg_before_delete,
};
