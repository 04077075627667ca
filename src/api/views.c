/*
 * views.c - an event's page views and its CSV downloads (views.h).
 *
 * The CSV of registrations shows each person as the caller may see them
 * (privacy.c: an organiser sees the contact details of the people
 * registered for their event); the CSV of meetings is the grid of
 * service_grid flattened, one row a meeting. Both are UTF-8 with a byte
 * order mark (export/csv.h) and come as attachments.
 */
#include "api/views.h"

#include "api/api_internal.h"
#include "core/jsonx.h"
#include "export/csv.h"
#include "service/schedule.h"
#include "store/views.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* The largest CSV download: past it, 413 (a fair of 11,000 companies fits). */
#define CSV_MAX (64u * 1024 * 1024)

void api_event_view_add(const struct http_req *req, struct http_resp *resp)
{
	char day[16];
	time_t now = time(NULL);
	struct tm tm;
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id))
		return;
	gmtime_r(&now, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	rc = store_event_view_add(api_store(req), id, day, &e);
	api_result(req, resp, rc, 204, NULL, &e);
}

void api_event_views(const struct http_req *req, struct http_resp *resp)
{
	json_t *out = NULL;
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id))
		return;
	rc = store_event_views(api_store(req), id, &out, &e);
	api_result(req, resp, rc, 200, out, &e);
}

/* Answers with the CSV in b (taken) as the attachment "event-<id>-<what>.csv". */
static void csv_reply(struct http_resp *resp, struct buf *b, int64_t event, const char *what)
{
	snprintf(resp->disposition, sizeof(resp->disposition),
		 "attachment; filename=\"event-%" PRId64 "-%s.csv\"", event, what);
	resp->status = 200;
	resp->content_type = "text/csv; charset=utf-8";
	resp->raw_free = buf_detach(b, &resp->raw_len);
}

/* The name of organisation id, read once per download (cache: {"<id>": "name"}). */
static const char *org_name(const struct http_req *req, json_t *cache, json_int_t id,
			    const char **country, const char **kind)
{
	char key[32];
	json_t *org;
	struct err e;

	snprintf(key, sizeof(key), "%" JSON_INTEGER_FORMAT, id);
	org = json_object_get(cache, key);
	if (!org) {
		err_clear(&e);
		if (id <= 0 || store_get(api_store(req), STORE_ORGANISATION, id, &org, &e))
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

/* One row of registrations.csv: reg with its person as the caller may see them. */
static int reg_row(const struct http_req *req, struct buf *b, const json_t *reg, json_t *orgs)
{
	json_int_t pid = json_integer_value(json_object_get(reg, "person_id"));
	const char *country = NULL, *kind = NULL, *org = NULL;
	json_t *person = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	if (store_get(api_store(req), STORE_PERSON, pid, &person, &e) == 0 &&
	    api_view_item(req, STORE_PERSON, person, &e) != 0) {
		json_decref(person);
		person = NULL; /* hidden from the caller: the row keeps its ids */
	}
	if (person)
		org = org_name(req, orgs, json_integer_value(json_object_get(person,
									     "organisation_id")),
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

/* Appends every registration of event, page after page. */
static int reg_rows(const struct http_req *req, struct buf *b, int64_t event, struct err *e)
{
	json_t *orgs = json_object(), *page = NULL;
	char ev[24];
	const char *next = NULL;
	int rc = 0;

	snprintf(ev, sizeof(ev), "%" PRId64, event);
	rc = store_get(api_store(req), STORE_EVENT, event, &page, e); /* 404 for no such event */
	while (!rc) {
		json_t *params = json_pack("{s:s, s:s}", "event", ev, "limit", "200");
		json_t *items;

		if (next)
			json_object_set_new(params, "cursor", json_string(next));
		json_decref(page);
		page = NULL;
		rc = store_list(api_store(req), STORE_REGISTRATION, params, &page, e);
		json_decref(params);
		items = json_object_get(page, "items");
		for (size_t i = 0; !rc && i < json_array_size(items); i++)
			if (reg_row(req, b, json_array_get(items, i), orgs))
				rc = err_set(e, ERR_TOO_LARGE, NULL, "the CSV is larger than %u bytes",
					     CSV_MAX);
		next = rc ? NULL : json_string_value(json_object_get(page, "next"));
		if (!next)
			break;
	}
	json_decref(page);
	json_decref(orgs);
	return rc;
}

void api_event_registrations_csv(const struct http_req *req, struct http_resp *resp)
{
	struct buf b;
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id))
		return;
	buf_init(&b, CSV_MAX);
	rc = csv_begin(&b) || csv_header(&b, reg_columns);
	rc = rc ? err_set(&e, ERR_TOO_LARGE, NULL, "the CSV is too large")
		: reg_rows(req, &b, id, &e);
	if (rc) {
		buf_release(&b);
		http_problem(req, resp, &e);
		return;
	}
	csv_reply(resp, &b, id, "registrations");
}

static const char *const meeting_columns[] = {
	"meeting_id", "slot", "start", "end", "time_zone", "place", "table", "participant_1",
	"organisation_1", "participant_2", "organisation_2", "locked", "room_url", NULL};

/* One row of meetings.csv: cell m of slot (NULL when unscheduled) at table (0 = none). */
static int meeting_row(struct buf *b, const json_t *m, const json_t *slot, const char *tz,
		       json_int_t table)
{
	const json_t *who = json_object_get(m, "participants");
	char place[32];
	int rc;

	if (!slot)
		snprintf(place, sizeof(place), "unscheduled");
	else if (table)
		snprintf(place, sizeof(place), "table %" JSON_INTEGER_FORMAT, table);
	else
		snprintf(place, sizeof(place), "online");
	rc = csv_json(b, json_object_get(m, "id"), 1);
	if (!rc)
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

void api_event_meetings_csv(const struct http_req *req, struct http_resp *resp)
{
	const struct api_app *app = req->app;
	json_t *grid = NULL;
	struct buf b;
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id))
		return;
	rc = service_grid(api_store(req), id, app ? app->video_url : NULL, &grid, &e);
	if (rc) {
		http_problem(req, resp, &e);
		return;
	}
	buf_init(&b, CSV_MAX);
	rc = csv_begin(&b) || csv_header(&b, meeting_columns) || meeting_rows(&b, grid);
	json_decref(grid);
	if (rc) {
		buf_release(&b);
		err_set(&e, ERR_TOO_LARGE, NULL, "the CSV is larger than %u bytes", CSV_MAX);
		http_problem(req, resp, &e);
		return;
	}
	csv_reply(resp, &b, id, "meetings");
}
