/*
 * store.h - everything liaison keeps, in SQLite (WAL, foreign keys on).
 *
 * All SQL lives in src/store/. The interface speaks JSON (jansson) because
 * every caller - the HTTP API, the CLI import/export, the demo loader - has
 * JSON in hand; the store validates every field itself, so a struct err
 * from here always names the offending field (e->field, a JSON path such
 * as "organisations[3].country" or "slots[2].start") and says what is wrong.
 *
 * Ownership: json_t * parameters are borrowed; json_t ** results are new
 * references the caller must json_decref. A struct store is one database
 * connection: use it from one thread at a time (the server opens one per
 * worker thread). Every write runs in one transaction: on error nothing of
 * it is stored.
 *
 * Error codes (core/err.h): ERR_BAD_REQUEST for a malformed list parameter
 * or cursor; ERR_INVALID for a body field that is missing, unknown, of the
 * wrong type, too long, out of range or not one of the allowed values;
 * ERR_NOT_FOUND for an unknown id (e->field "id"), or an unknown referenced
 * id inside a body (e->field names that field, code ERR_INVALID);
 * ERR_CONFLICT for a uniqueness clash, a duplicate meeting request, a cap
 * reached, an impossible state transition, or deleting a row still
 * referenced; ERR_BUSY when the database stays locked past the busy
 * timeout; ERR_IO / ERR_INTERNAL for the rest.
 */
#ifndef LIAISON_STORE_STORE_H
#define LIAISON_STORE_STORE_H

#include "core/err.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct store;

/* The resources of the API, in the order of their routes. */
enum store_res {
	STORE_ORGANISATION,
	STORE_PERSON,
	STORE_OPPORTUNITY,
	STORE_EVENT,
	STORE_REGISTRATION,
	STORE_MEETING_REQUEST,
	STORE_MEETING,
	STORE_AGREEMENT,
	STORE_RES_COUNT
};

/* Open flags. */
#define STORE_MIGRATE 0x1  /* apply pending migrations while opening */
#define STORE_READONLY 0x2 /* open read-only (never with STORE_MIGRATE) */

/*
 * Opens (creating if needed) the database at path (":memory:" works) with
 * WAL, foreign keys, a busy timeout and the FTS tokenizer registered.
 * On success *out owns the connection; close it with store_close.
 */
int store_open(struct store **out, const char *path, int flags, struct err *e);

/* Closes the connection and frees s (NULL is fine). */
void store_close(struct store *s);

/* 1 when s should be closed and opened again (db_stale): outside a transaction only. */
int store_stale(struct store *s);

/* Applies pending migrations in one transaction; *applied gets how many. */
int store_migrate(struct store *s, int *applied, struct err *e);

/* The schema version now in the database (0 when empty). */
int store_schema_version(struct store *s, int *version, struct err *e);

/* Checks the connection answers (SELECT 1). */
int store_ping(struct store *s, struct err *e);

/* *empty = 1 when the database holds no organisation and no event. */
int store_is_empty(struct store *s, int *empty, struct err *e);

/*
 * CRUD on one resource. Bodies are JSON objects with the fields listed in
 * docs/api.md; read-only fields (id, created_at, updated_at) are refused in
 * bodies. store_update applies a partial update (JSON merge patch: a field
 * set to null clears an optional field). Results are the stored resource
 * as the API returns it.
 */
int store_create(struct store *s, enum store_res res, const json_t *body, json_t **out,
		 struct err *e);
int store_get(struct store *s, enum store_res res, int64_t id, json_t **out, struct err *e);
/* store_get as JSON text (*out, *len; the caller's), written by the database (store_list_text). */
int store_get_text(struct store *s, enum store_res res, int64_t id, char **out, size_t *len,
		   struct err *e);
int store_update(struct store *s, enum store_res res, int64_t id, const json_t *patch,
		 json_t **out, struct err *e);
int store_delete(struct store *s, enum store_res res, int64_t id, struct err *e);

/*
 * Lists a resource. params is a JSON object of the query-string parameters
 * as strings, exactly as they came ({"q": "交通", "limit": "20"}); the store
 * validates them (an unknown or malformed one is ERR_BAD_REQUEST naming it).
 * *out = {"items": [...], "next": "<cursor>" | null}, in ascending id order.
 */
int store_list(struct store *s, enum store_res res, const json_t *params, json_t **out,
	       struct err *e);

/*
 * The same page as store_list, as JSON text (*out, *len; owned by the
 * caller): the database writes each row's JSON in the page's one query,
 * so nothing is parsed or built in between (resources whose rows have
 * extra parts, events and agreements, are read as store_list reads them).
 */
int store_list_text(struct store *s, enum store_res res, const json_t *params, char **out,
		    size_t *len, struct err *e);

/*
 * Moves a meeting request along its state machine: action is "accept",
 * "decline" or "cancel" (requested -> accepted | declined; requested or
 * accepted -> cancelled). Accepting creates the meeting (unscheduled);
 * cancelling an accepted request removes its meeting. *out is the request.
 */
int store_meeting_request_act(struct store *s, int64_t id, const char *action, json_t **out,
			      struct err *e);

/* The figures of GET /api/v1/stats (see docs/api.md). */
int store_stats(struct store *s, json_t **out, struct err *e);

/*
 * Imports the batch format of DESIGN.md ({"organisations": [...]}, each with
 * its opportunities), all or nothing; organisations and opportunities are
 * matched by their batch "id" (kept as "ref") and replaced when they exist.
 * The first bad record is named by index and field. *count gets the number
 * of organisations imported.
 */
int store_import(struct store *s, const json_t *batch, size_t *count, struct err *e);

/*
 * store_import reading the batch from in, one organisation at a time, so
 * that memory stays small whatever the file's size: use it for files.
 * Invalid JSON is ERR_BAD_REQUEST naming the record ("organisations[7]")
 * and the line of the file.
 */
int store_import_stream(struct store *s, FILE *in, size_t *count, struct err *e);

/* The inverse of store_import: every organisation with its opportunities. */
int store_export(struct store *s, json_t **out, struct err *e);

/*
 * store_export written to out as it is read (one organisation per line),
 * in constant memory. ERR_IO when out cannot be written.
 */
int store_export_stream(struct store *s, FILE *out, struct err *e);

/*
 * Loads the demo data set (data/demo/): orgs in the batch format, events as
 * described in docs/data-format.md (people, events with slots, registrations,
 * meeting requests in every state, scheduled meetings, agreements), in one
 * transaction.
 */
int store_load_demo(struct store *s, const json_t *orgs, const json_t *events, struct err *e);

/* Copies the whole database to path with SQLite's online backup API. */
int store_backup(struct store *s, const char *path, struct err *e);

/*
 * Finds the id of the resource whose ref is ref (organisations, people,
 * opportunities, events, agreements): GET /organisations/{id} accepts a
 * ref. ERR_NOT_FOUND (field "id") when there is none.
 */
int store_find_ref(struct store *s, enum store_res res, const char *ref, int64_t *id,
		   struct err *e);

/*
 * The id that text names: a positive decimal id as it is (whether or not
 * such a row exists), else, for a resource with refs, the id of the row
 * whose ref text is (res STORE_RES_COUNT: ids only). ERR_NOT_FOUND (field
 * "id") when it names none.
 */
int store_find_id(struct store *s, enum store_res res, const char *text, int64_t *id,
		  struct err *e);

/* The route name of a resource: "organisations", "meeting-requests", ... */
const char *store_res_name(enum store_res res);

/* ---- the recommendations' data (match_source.c) ---- */

/*
 * A counter that changes whenever what matching reads changes: any write
 * to an organisation or an opportunity, a meeting request entering or
 * leaving the accepted or declined state, a person moving to another
 * organisation. Cheap (one row): call it before each query to know
 * whether a cached corpus is stale.
 */
int store_data_version(struct store *s, int64_t *version, struct err *e);

/*
 * The matching corpus in one snapshot, in the batch format of `liaison
 * match` (match/match.h): {"organisations": [{"id": "12", "ref"?: "...",
 * ...the export's fields..., "opportunities"?: [{"id": "40", "ref"?, ...}]}],
 * "exclusions": [["12", "40"], ...]}, organisations by id. "id" is the
 * integer id as a string, "ref" the ref where one is set. Exclusions are
 * the pairs of organisations (smaller id first) whose people have an
 * accepted or a declined meeting request between them (already meeting or
 * met; declined). *version (may be NULL) gets store_data_version's value
 * in the same snapshot. *out is a new reference.
 */
int store_match_source(struct store *s, json_t **out, int64_t *version, struct err *e);

/* ---- the meeting scheduler's data (schedule.c) ---- */

/*
 * Everything the scheduler needs of event, read in one snapshot:
 * {"event": {"id", "name", "time_zone", "tables", "venue"?, "city"?, "mode",
 *            "schedule_published_at"?},
 *  "slots": [{"id", "ref"?, "start", "start_utc", "minutes"}] (by start),
 *  "participants": [{"person_id", "name", "organisation_id", "organisation",
 *                    "time_zone"?, "attendance", "validation",
 *                    "available_slots"? (absent = all), "online_hours"?}],
 *  "meetings": [{"id", "request_id"?, "priority" (1-3), "participants": [person ids],
 *                "slot_id"?, "table"?, "online", "locked"}]}
 * (participants are the event's registrations, by person id; meetings by id).
 * ERR_NOT_FOUND (field "id") when there is no such event.
 */
int store_schedule_load(struct store *s, int64_t event, json_t **out, struct err *e);

/*
 * Writes a published schedule of event in one transaction: places is an
 * array of {"meeting": id, "slot_id"?: id, "table"?: n, "online"?: bool}
 * (no slot_id = unscheduled); a meeting that moves or is unscheduled loses
 * its lock; meetings not listed keep their place. Sets the event's
 * schedule_published_at to now. The schema's constraints hold after each
 * row (ERR_CONFLICT otherwise, and nothing is written); a meeting of
 * another event is ERR_INVALID naming "places[i].meeting".
 */
int store_schedule_publish(struct store *s, int64_t event, const json_t *places, struct err *e);

/*
 * The placed meetings of person, in time order, across events:
 * {"person": {"id", "name", "organisation_id", "organisation", "time_zone"?},
 *  "meetings": [{"id", "event_id", "event_name", "event_time_zone", "venue"?,
 *                "city"?, "slot_id", "start_utc", "minutes", "table"?,
 *                "online", "updated_at",
 *                "with": [{"id", "name", "organisation_id", "organisation"}]}]}
 * ERR_NOT_FOUND (field "id") when there is no such person.
 */
int store_person_agenda(struct store *s, int64_t person, json_t **out, struct err *e);

/*
 * Runs fn(s, ctx, e) inside one write transaction (BEGIN IMMEDIATE): the
 * store calls fn makes join it, so that what fn read is still true when it
 * writes. Committed when fn returns 0, else rolled back. Returns fn's code
 * or the commit's error. Other writers wait while fn runs.
 */
typedef int (*store_tx_fn)(struct store *s, void *ctx, struct err *e);
int store_atomic(struct store *s, store_tx_fn fn, void *ctx, struct err *e);

#endif
