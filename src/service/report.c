/*
 * report.c - an event's page views and its CSV downloads (report.h).
 */
#include "service/report.h"

#include "core/jsonx.h"
#include "export/csv.h"
#include "service/service_int.h"
#include "store/views.h"

#include <inttypes.h>
#include <stdio.h>
#include <time.h>

int service_event_view_add(struct service_conn *c, int64_t event, struct err *e)
{
	char day[16];
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	return store_event_view_add(c->store, event, day, e);
}

int service_event_views(struct service_conn *c, int64_t event, json_t **out, struct err *e)
{
	return store_event_views(c->store, event, out, e);
}

static int too_large(struct err *e)
{
	return err_set(e, ERR_TOO_LARGE, NULL, "the CSV is larger than %u bytes", SERVICE_CSV_MAX);
}

/* The name of organisation id, read once per download (cache: {"<id>": org}). */
static const char *org_name(struct store *s, json_t *cache, json_int_t id, const char **country,
			    const char **kind)
{
	char key[32];
	json_t *org;
	struct err e;

	snprintf(key, sizeof(key), "%" JSON_INTEGER_FORMAT, id);
	org = json_object_get(cache, key);
	if (!org) {
		err_clear(&e);
		if (id <= 0 || store_get(s, STORE_ORGANISATION, id, &org, &e))
			org = json_object();
		json_object_set_new(cache, key, org);
	}
	*country = jsonx_str(org, "country");
	*kind = jsonx_str(org, "kind");
	return jsonx_str(org, "name");
}

static const char *const reg_columns[] = {
	"registration_id", "person_id", "name", "organisation", "country", "kind", "role",
	"email", "phone", "attendance", "validation", "checked_in", "registered_at", NULL};

/* The columns after kind: of the person, then of the registration. */
static const char *const person_fields[] = {"role", "email", "phone", NULL};
static const char *const reg_fields[] = {"attendance", "validation", "checked_in", "created_at",
					 NULL};

/* A registrations download: the caller, the text, and the organisations read. */
struct reg_csv {
	struct store *s;
	const struct service_caller *who;
	struct buf *b;
	json_t *orgs;
};

/* Person pid as the caller may see them; NULL when hidden or gone. */
static json_t *visible_person(const struct reg_csv *x, json_int_t pid)
{
	json_t *person = NULL;
	struct err e;

	err_clear(&e);
	if (store_get(x->s, STORE_PERSON, pid, &person, &e))
		return NULL;
	if (service_view_item(x->s, x->who, STORE_PERSON, person, &e) != 0) {
		json_decref(person);
		return NULL; /* hidden from the caller: the row keeps its ids */
	}
	return person;
}

/* One row of registrations.csv: reg with its person as the caller may see them. */
static int reg_row(struct reg_csv *x, const json_t *reg)
{
	json_int_t pid = json_integer_value(json_object_get(reg, "person_id"));
	const char *country = NULL, *kind = NULL, *org = NULL;
	json_t *person = visible_person(x, pid);
	struct buf *b = x->b;
	int rc;

	if (person)
		org = org_name(x->s, x->orgs,
			       json_integer_value(json_object_get(person, "organisation_id")),
			       &country, &kind);
	rc = csv_json(b, json_object_get(reg, "id"), 1);
	if (!rc)
		rc = csv_int(b, pid, 0);
	if (!rc)
		rc = csv_json(b, json_object_get(person, "name"), 0);
	if (!rc)
		rc = csv_field(b, org, 0);
	if (!rc)
		rc = csv_field(b, country, 0);
	if (!rc)
		rc = csv_field(b, kind, 0);
	for (size_t i = 0; person_fields[i] && !rc; i++)
		rc = csv_json(b, json_object_get(person, person_fields[i]), 0);
	for (size_t i = 0; reg_fields[i] && !rc; i++)
		rc = csv_json(b, json_object_get(reg, reg_fields[i]), 0);
	json_decref(person);
	return rc ? rc : csv_row_end(b);
}

/* Appends every registration of event that the caller may see, page after page. */
static int reg_rows(struct reg_csv *x, int64_t event, struct err *e)
{
	json_t *page = NULL;
	char ev[24];
	const char *next = NULL;
	int rc;

	snprintf(ev, sizeof(ev), "%" PRId64, event);
	rc = store_get(x->s, STORE_EVENT, event, &page, e); /* ERR_NOT_FOUND for no such event */
	while (!rc) {
		json_t *params = json_pack("{s:s, s:s}", "event", ev, "limit", "200");
		json_t *items;

		if (next)
			json_object_set_new(params, "cursor", json_string(next));
		json_decref(page);
		page = NULL;
		rc = store_list(x->s, STORE_REGISTRATION, params, &page, e);
		json_decref(params);
		if (!rc)
			rc = service_view_list(x->s, x->who, STORE_REGISTRATION, page, e);
		items = json_object_get(page, "items");
		for (size_t i = 0; !rc && i < json_array_size(items); i++)
			if (reg_row(x, json_array_get(items, i)))
				rc = too_large(e);
		next = rc ? NULL : json_string_value(json_object_get(page, "next"));
		if (!next)
			break;
	}
	json_decref(page);
	return rc;
}

int service_registrations_csv(struct service_conn *c, const struct service_caller *who,
			      int64_t event, struct buf *b, struct err *e)
{
	struct reg_csv x = {c->store, who, b, json_object()};
	int rc;

	buf_init(b, SERVICE_CSV_MAX);
	rc = csv_begin(b) || csv_header(b, reg_columns) ? too_large(e) : reg_rows(&x, event, e);
	json_decref(x.orgs);
	if (rc)
		buf_release(b);
	return rc;
}

static const char *const meeting_columns[] = {
	"meeting_id", "slot", "start", "end", "time_zone", "place", "table", "participant_1",
	"organisation_1", "participant_2", "organisation_2", "locked", "room_url", NULL};

/* The columns of meetings.csv from "slot" to "table". */
static int meeting_place(struct buf *b, const json_t *slot, const char *tz, json_int_t table)
{
	char place[32];
	int rc;

	if (!slot)
		snprintf(place, sizeof(place), "unscheduled");
	else if (table)
		snprintf(place, sizeof(place), "table %" JSON_INTEGER_FORMAT, table);
	else
		snprintf(place, sizeof(place), "online");
	rc = csv_json(b, json_object_get(slot, "ref"), 0);
	if (!rc)
		rc = csv_json(b, json_object_get(slot, "start"), 0);
	if (!rc)
		rc = csv_json(b, json_object_get(slot, "end"), 0);
	if (!rc)
		rc = csv_field(b, tz, 0);
	if (!rc)
		rc = csv_field(b, place, 0);
	if (!rc)
		rc = table ? csv_int(b, table, 0) : csv_field(b, NULL, 0);
	return rc;
}

/* One row of meetings.csv: cell m of slot (NULL when unscheduled) at table (0 = none). */
static int meeting_row(struct buf *b, const json_t *m, const json_t *slot, const char *tz,
		       json_int_t table)
{
	const json_t *who = json_object_get(m, "participants");
	int rc = csv_json(b, json_object_get(m, "id"), 1);

	if (!rc)
		rc = meeting_place(b, slot, tz, table);
	for (size_t i = 0; i < 2 && !rc; i++) {
		const json_t *p = json_array_get(who, i);

		rc = csv_json(b, json_object_get(p, "name"), 0);
		if (!rc)
			rc = csv_json(b, json_object_get(p, "organisation"), 0);
	}
	if (!rc)
		rc = csv_json(b, json_object_get(m, "locked"), 0);
	if (!rc)
		rc = csv_json(b, json_object_get(m, "room_url"), 0);
	return rc ? rc : csv_row_end(b);
}

/* Every meeting of the grid: by slot, tables then online; then the unscheduled. */
static int meeting_rows(struct buf *b, const json_t *grid)
{
	const json_t *slots = json_object_get(grid, "slots");
	const json_t *unscheduled = json_object_get(grid, "unscheduled");
	const char *tz = jsonx_str(json_object_get(grid, "event"), "time_zone");
	int rc = 0;

	for (size_t s = 0; s < json_array_size(slots) && !rc; s++) {
		const json_t *slot = json_array_get(slots, s);
		const json_t *tables = json_object_get(slot, "tables");
		const json_t *online = json_object_get(slot, "online");

		for (size_t t = 0; t < json_array_size(tables) && !rc; t++)
			if (json_is_object(json_array_get(tables, t)))
				rc = meeting_row(b, json_array_get(tables, t), slot, tz,
						 (json_int_t)t + 1);
		for (size_t i = 0; i < json_array_size(online) && !rc; i++)
			rc = meeting_row(b, json_array_get(online, i), slot, tz, 0);
	}
	for (size_t i = 0; i < json_array_size(unscheduled) && !rc; i++)
		rc = meeting_row(b, json_array_get(unscheduled, i), NULL, tz, 0);
	return rc;
}

int service_meetings_csv(struct service_conn *c, int64_t event, const char *video_url,
			 struct buf *b, struct err *e)
{
	json_t *grid = NULL;
	int rc = service_grid(c, event, video_url, &grid, e);

	buf_init(b, SERVICE_CSV_MAX);
	if (rc)
		return rc;
	rc = csv_begin(b) || csv_header(b, meeting_columns) || meeting_rows(b, grid);
	json_decref(grid);
	if (rc) {
		buf_release(b);
		return too_large(e);
	}
	return 0;
}
