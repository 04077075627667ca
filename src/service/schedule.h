/*
 * schedule.h - the scheduling workflow of an event: the store's data turned
 * into the scheduler's input, a run of the scheduler (preview or publish),
 * the grid of slots x tables, moving and locking one meeting with the
 * independent validator, and a participant's agenda in their own time
 * zone.
 *
 * Ids: the scheduler sees slots as "41" (the slot id), people as
 * "person 7" and meetings as "12", so that its English texts read
 * "person 7 is busy with other meetings in each of the 5 feasible slots";
 * every JSON result carries the store's integer ids.
 *
 * Ownership: json_t ** results are new references; json_t * parameters are
 * borrowed. Errors name the field (core/err.h): ERR_NOT_FOUND (field "id")
 * for an unknown event, meeting or person; ERR_INVALID for a bad option or
 * patch field; ERR_CONFLICT for a move that breaks a constraint of the
 * event (the message names the clash).
 */
#ifndef LIAISON_SERVICE_SCHEDULE_H
#define LIAISON_SERVICE_SCHEDULE_H

#include "core/buf.h"
#include "core/err.h"
#include "sched/sched.h"
#include "service/service.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SERVICE_TIME_LEN 40

/* Online hours of an online participant who gave none (their time zone). */
#define SERVICE_DEFAULT_OPEN (8 * 60)
#define SERVICE_DEFAULT_CLOSE (19 * 60)

/* The video-room URL template when none is configured. */
#define SERVICE_VIDEO_URL_DEFAULT "https://video.example.org/liaison-{event}-{meeting}"

/*
 * One event as the scheduler sees it. data is store_schedule_load's
 * document; in is built from it; meeting k of in is data.meetings[row[k]].
 * Meetings that cannot be given to the scheduler (a participant not
 * registered, or whose registration is rejected) are in left_out as
 * [{"meeting": id, "reason": "..."}]. current holds the stored places
 * (meeting and slot as indices of in), current_at finds them by meeting.
 */
struct service_event {
	json_t *data;
	struct sched_input in;
	size_t *row;
	int32_t *meeting_of_row; /* data.meetings index -> meeting of in, -1 = left out */
	json_t *left_out;
	struct sched_entry *current;
	size_t n_current;
	int32_t *current_at; /* meeting of in -> index in current, -1 = not placed */
	char (*times)[SERVICE_TIME_LEN]; /* slot i starts at times[2i], ends at times[2i+1] */
};

/*
 * Builds ev (which needs no initialisation) from data (borrowed; ev keeps a
 * reference): slots, tables, participants (time zone "UTC" when unset;
 * online hours as given, else 08:00-19:00 for online attendance), meetings
 * with weight 4 - priority (priority 1 weighs 3), mode any, locks. Returns
 * 0, or ERR_INTERNAL when the stored data do not make a valid input.
 * Release ev with service_event_release, on success or failure.
 */
int service_event_build(const json_t *data, struct service_event *ev, struct err *e);

/* store_schedule_load then service_event_build. */
int service_event_load(struct store *s, int64_t event, struct service_event *ev, struct err *e);

/* Frees everything ev holds; ev can be built again. */
void service_event_release(struct service_event *ev);

/* The options of POST /events/{id}/schedule. */
struct service_schedule_opts {
	bool publish;        /* write the placements (else a preview) */
	bool exact;          /* GLPK's exact mode */
	double time_limit;   /* seconds for the exact mode, 1..300 */
	bool keep_published; /* placed meetings stay where they are */
};

/* Defaults: preview, heuristic, 10 s, keep_published. */
void service_schedule_opts_init(struct service_schedule_opts *o);

/*
 * Reads body (an object, or NULL for the defaults) into o. An unknown
 * field or a value of the wrong type or range is ERR_INVALID naming it.
 */
int service_schedule_opts_read(const json_t *body, struct service_schedule_opts *o,
			       struct err *e);

/*
 * Runs the scheduler on event. *out = DESIGN.md's output document with
 * store ids ({"scheduled": [{"meeting", "slot", "table" | "online"}],
 * "unscheduled": [{"meeting", "reason"}], "warnings", "stats"}) plus
 * "event_id", "published", "schedule_published_at"? and "meetings" (one
 * per meeting: participants with names, times in the event's time zone,
 * table or online room, lock, previous place, change). With o->publish
 * the placements are written, in the same transaction as the read.
 * video_url is the room template (see service_room_url).
 */
int service_schedule_run(struct service_conn *c, int64_t event,
			 const struct service_schedule_opts *o, const char *video_url, json_t **out,
			 struct err *e);

/*
 * The grid of event: {"event": {...}, "slots": [{"id", "ref"?, "start",
 * "end", "tables": [null | meeting, ... one per table], "online": [meeting,
 * ...]}], "unscheduled": [meeting, ...]}; a meeting is {"id", "locked",
 * "participants": [{"id", "name", "organisation"}]} (online ones add
 * "room_url"); times in the event's time zone.
 */
int service_grid(struct service_conn *c, int64_t event, const char *video_url, json_t **out,
		 struct err *e);

/*
 * Moves or locks meeting id: patch holds "slot_id" (id or null), "table",
 * "online", "locked" and "outcome" (merge-patch semantics: a new slot_id
 * needs "table" or "online": true; "table" or "online" alone stay in the
 * slot). The new place is checked by sched_validate against the whole
 * event (ERR_CONFLICT: "person 12 already meets in slot 5", "table 3 is
 * taken in slot 5", "online hours of person 7 (Europe/Helsinki) do not
 * cover 03:00-03:20", ...), then written by store_update, whose rules and
 * the schema's constraints are the last guard, in one transaction. A locked
 * meeting moves only when the patch says "locked". *out is the meeting.
 */
int service_meeting_patch(struct service_conn *c, int64_t id, const json_t *patch, json_t **out,
			  struct err *e);

/*
 * The agenda of person: {"person": {"id", "name", "organisation",
 * "time_zone"}, "meetings": [{"id", "event": {"id", "name", "time_zone"},
 * "slot_id", "start", "end" (the person's time zone), "event_start",
 * "event_end" (the event's), "start_utc", "end_utc", "with": [{"id",
 * "name", "organisation"}], "table" and "location" ("Table 12, venue") or
 * "online" and "room_url", "updated_at"}]} in time order.
 */
int service_agenda(struct service_conn *c, int64_t person, const char *video_url, json_t **out,
		   struct err *e);

/*
 * Appends to b the room URL of meeting at event: template with "{event}"
 * and "{meeting}" replaced by the ids (NULL template: the default).
 */
int service_room_url(const char *tmpl, int64_t event, int64_t meeting, struct buf *b);

/*
 * Checks a room URL template: an http(s) URL whose only placeholders are
 * {event} and {meeting}, with {meeting} present. ERR_INVALID otherwise.
 */
int service_room_template_check(const char *tmpl, struct err *e);

/*
 * Writes unix_s as RFC 3339 local time in time zone tz with its offset at
 * that instant ("2026-05-13T08:30:00+03:00"; "Z" for tz "UTC") into out.
 * Returns 0 or ERR_INVALID for an unknown zone.
 */
int service_time_format(const char *tz, int64_t unix_s, char *out, size_t size);

/* service_time_format of n instants t into out[0..n-1] (one calendar). */
int service_times_format(const char *tz, const int64_t *t, size_t n,
			 char (*out)[SERVICE_TIME_LEN]);

#endif
