/*
 * schedule.c - POST /events/{id}/schedule: the scheduler run on an event's
 * accepted meetings, as a preview or published.
 *
 * Placed meetings are the previous schedule of sched's incremental mode:
 * with keep_published they stay where they are (unless no longer valid,
 * which is a warning), without it they are only the search's start.
 * Locked meetings are locks of the input. Publishing solves outside the
 * write transaction (a solve may take seconds; other writers would wait
 * past their busy timeout) and, inside it, reads the event again: the
 * schedule is written only when what the solve read is still what is
 * there, else it is solved again; the fourth attempt solves inside the
 * transaction (the old way: under a steady stream of accepts every solve
 * outside would be stale), so nothing changes underneath. The publishes
 * of one process take turns (a mutex): parallel ones would only make each
 * other's solves stale; those of other nodes are caught by the re-read.
 */
#include "service/service_int.h"

#include "core/log.h"
#include "core/xalloc.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void service_schedule_opts_init(struct service_schedule_opts *o)
{
	o->publish = false;
	o->exact = false;
	o->time_limit = 10;
	o->keep_published = true;
}

static int read_flag(const char *key, const json_t *v, bool *out, struct err *e)
{
	if (!json_is_boolean(v))
		return err_set(e, ERR_INVALID, key, "must be true or false");
	*out = json_is_true(v);
	return 0;
}

int service_schedule_opts_read(const json_t *body, struct service_schedule_opts *o,
			       struct err *e)
{
	const char *key;
	json_t *v;
	int rc = 0;

	if (!body)
		return 0;
	if (!json_is_object(body))
		return err_set(e, ERR_INVALID, "", "the body must be a JSON object");
	json_object_foreach((json_t *)body, key, v) {
		if (strcmp(key, "publish") == 0)
			rc = read_flag(key, v, &o->publish, e);
		else if (strcmp(key, "exact") == 0)
			rc = read_flag(key, v, &o->exact, e);
		else if (strcmp(key, "keep_published") == 0)
			rc = read_flag(key, v, &o->keep_published, e);
		else if (strcmp(key, "time_limit") != 0)
			rc = err_set(e, ERR_INVALID, key, "is not an option of the scheduler (publish, "
				     "exact, time_limit, keep_published)");
		else if (!json_is_number(v) || json_number_value(v) < 1 || json_number_value(v) > 300)
			rc = err_set(e, ERR_INVALID, key, "must be a number of seconds from 1 to 300");
		else
			o->time_limit = json_number_value(v);
		if (rc)
			return rc;
	}
	return 0;
}

/* ---- the output ------------------------------------------------------------- */

struct run {
	int64_t event;
	const struct service_schedule_opts *o;
	const char *video_url;
	struct service_event ev;
	struct sched_result r;
	json_t *out;
};

static int64_t meeting_id(const struct run *x, int32_t k)
{
	return json_integer_value(json_object_get(service_meeting_row(&x->ev, k), "id"));
}

/* Sort key of a scheduled meeting: slot (slots are in time order), online last, table. */
struct order_item {
	int32_t slot, online, table, k;
};

static int order_cmp(const void *a, const void *b)
{
	const struct order_item *x = a, *y = b;

	if (x->slot != y->slot)
		return x->slot < y->slot ? -1 : 1;
	if (x->online != y->online)
		return x->online - y->online;
	if (x->table != y->table)
		return x->table < y->table ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

/* The scheduled meetings in slot, then table order. */
static json_t *scheduled_json(const struct run *x)
{
	size_t n = 0;
	struct order_item *order = xcalloc(x->r.n_places + 1, sizeof(*order));
	json_t *arr = json_array();

	for (size_t k = 0; k < x->r.n_places; k++) {
		const struct sched_place *p = &x->r.places[k];

		if (p->slot >= 0)
			order[n++] = (struct order_item){p->slot, p->online, p->table, (int32_t)k};
	}
	qsort(order, n, sizeof(*order), order_cmp);
	for (size_t i = 0; i < n; i++) {
		const struct sched_place *p = &x->r.places[order[i].k];
		json_t *o = json_pack("{s:I, s:I}", "meeting", (json_int_t)meeting_id(x, order[i].k),
				      "slot", (json_int_t)service_slot_id(&x->ev, p->slot));

		if (p->online)
			json_object_set_new(o, "online", json_true());
		else
			json_object_set_new(o, "table", json_integer(p->table));
		json_array_append_new(arr, o);
	}
	free(order);
	return arr;
}

static json_t *reason_json(const struct run *x, int32_t k)
{
	struct buf b;
	json_t *s;

	buf_init(&b, 4096);
	sched_reason_text(&x->ev.in, &x->r.places[k].why, &b);
	s = json_string(b.data ? b.data : "");
	buf_release(&b);
	return s;
}

static json_t *unscheduled_json(const struct run *x)
{
	json_t *arr = json_array();

	for (size_t k = 0; k < x->r.n_places; k++)
		if (x->r.places[k].slot < 0)
			json_array_append_new(arr, json_pack("{s:I, s:o}", "meeting",
							     (json_int_t)meeting_id(x, (int32_t)k),
							     "reason", reason_json(x, (int32_t)k)));
	json_array_extend(arr, x->ev.left_out);
	return arr;
}

static json_t *warnings_json(const struct run *x)
{
	json_t *arr = json_array();
	struct buf b;
	char record[160];

	buf_init(&b, 4096);
	for (size_t i = 0; i < x->r.n_warnings; i++) {
		buf_reset(&b);
		record[0] = '\0';
		sched_warning_text(&x->ev.in, &x->r.warnings[i], &b, record, sizeof(record));
		json_array_append_new(arr, json_pack("{s:s, s:s}", "record", record, "message",
						     b.data ? b.data : ""));
	}
	buf_release(&b);
	return arr;
}

static json_t *stats_json(const struct run *x)
{
	const struct sched_stats *s = &x->r.stats;
	size_t out = json_array_size(x->ev.left_out);
	json_t *o = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
			      "meetings", (json_int_t)(s->meetings + out), "scheduled",
			      (json_int_t)s->scheduled, "weight", (json_int_t)s->weight,
			      "idle_gaps", (json_int_t)s->idle_gaps, "upper_bound",
			      (json_int_t)s->upper_bound, "total_weight", (json_int_t)s->total_weight,
			      "onsite", (json_int_t)s->onsite, "online", (json_int_t)s->online,
			      "unmet_people", (json_int_t)s->unmet_people, "table_changes",
			      (json_int_t)s->table_changes, "kept", (json_int_t)s->kept, "moved",
			      (json_int_t)s->moved);

	if (s->exact)
		json_object_set_new(o, "exact", json_pack("{s:b, s:f}", "optimal", s->exact_optimal,
							  "gap", s->exact_gap));
	return o;
}

/* ---- per meeting -------------------------------------------------------------- */

static const struct sched_entry *current_of(const struct run *x, int32_t k)
{
	int32_t i = x->ev.current_at[k];

	return i >= 0 ? &x->ev.current[i] : NULL;
}

static const char *change_of(const struct sched_entry *was, const struct sched_place *p)
{
	if (!was)
		return p->slot >= 0 ? "placed" : "unscheduled";
	if (p->slot < 0)
		return "dropped";
	if (was->slot == p->slot && was->online == p->online && (p->online || was->table == p->table))
		return "kept";
	return "moved";
}

static void previous_json(const struct run *x, const struct sched_entry *was, json_t *o)
{
	json_t *prev;

	if (!was)
		return;
	prev = json_pack("{s:I}", "slot_id", (json_int_t)service_slot_id(&x->ev, was->slot));
	if (was->online)
		json_object_set_new(prev, "online", json_true());
	else
		json_object_set_new(prev, "table", json_integer(was->table));
	json_object_set_new(o, "previous", prev);
}

static json_t *meeting_json(const struct run *x, int32_t k, const json_t *people)
{
	const json_t *row = service_meeting_row(&x->ev, k);
	const struct sched_place *p = &x->r.places[k];
	const struct sched_entry *was = current_of(x, k);
	int64_t id = meeting_id(x, k);
	json_t *o = json_pack("{s:I, s:o, s:I}", "id", (json_int_t)id, "participants",
			      service_participants_json(row, people, true), "weight",
			      (json_int_t)x->ev.in.meetings[k].weight);

	if (json_object_get(row, "request_id"))
		json_object_set(o, "request_id", json_object_get(row, "request_id"));
	json_object_set(o, "priority", json_object_get(row, "priority"));
	service_place_json(&x->ev, id, p->slot, p->table, p->online, x->video_url, o);
	json_object_set_new(o, "locked", json_boolean(x->ev.in.meetings[k].locked_slot >= 0 &&
						     p->slot >= 0));
	json_object_set_new(o, "change", json_string(change_of(was, p)));
	previous_json(x, was, o);
	if (p->slot < 0)
		json_object_set_new(o, "reason", reason_json(x, k));
	return o;
}

/* Every meeting of the event in id order, the ones left out included. */
static json_t *meetings_json(const struct run *x)
{
	const json_t *rows = json_object_get(x->ev.data, "meetings");
	json_t *people = service_people_index(x->ev.data), *arr = json_array();
	size_t out = 0;

	for (size_t i = 0; i < json_array_size(rows); i++) {
		const json_t *row = json_array_get(rows, i);
		int32_t k = x->ev.meeting_of_row[i];
		json_t *o;

		if (k >= 0) {
			json_array_append_new(arr, meeting_json(x, k, people));
			continue;
		}
		o = json_pack("{s:O, s:o, s:O, s:b, s:s}", "id", json_object_get(row, "id"),
			      "participants", service_participants_json(row, people, true),
			      "priority", json_object_get(row, "priority"), "locked", 0, "change",
			      "unscheduled");
		json_object_set(o, "reason", json_object_get(json_array_get(x->ev.left_out, out++),
							     "reason"));
		json_array_append_new(arr, o);
	}
	json_decref(people);
	return arr;
}

/* ---- the run ------------------------------------------------------------------ */

/* The placements to publish: every meeting, the ones left out unscheduled. */
static json_t *places_json(const struct run *x)
{
	json_t *arr = json_array();

	for (size_t k = 0; k < x->r.n_places; k++) {
		const struct sched_place *p = &x->r.places[k];
		json_t *o = json_pack("{s:I}", "meeting", (json_int_t)meeting_id(x, (int32_t)k));

		if (p->slot >= 0) {
			json_object_set_new(o, "slot_id", json_integer(service_slot_id(&x->ev, p->slot)));
			json_object_set_new(o, "online", json_boolean(p->online));
			if (!p->online)
				json_object_set_new(o, "table", json_integer(p->table));
		}
		json_array_append_new(arr, o);
	}
	for (size_t i = 0; i < json_array_size(x->ev.left_out); i++)
		json_array_append_new(arr, json_pack("{s:O}", "meeting",
						     json_object_get(json_array_get(x->ev.left_out, i),
								     "meeting")));
	return arr;
}

static int solve(struct run *x, struct err *e)
{
	struct sched_options opt;

	sched_options_init(&opt);
	opt.exact = x->o->exact;
	opt.time_limit = x->o->time_limit;
	opt.previous = x->ev.current;
	opt.n_previous = x->ev.n_current;
	opt.previous_free = !x->o->keep_published;
	return sched_solve(&x->ev.in, &opt, &x->r, e);
}

static int published_at(struct store *s, struct run *x, struct err *e)
{
	json_t *ev = NULL;
	int rc = store_get(s, STORE_EVENT, x->event, &ev, e);

	if (rc == 0 && json_object_get(ev, "schedule_published_at"))
		json_object_set(x->out, "schedule_published_at",
				json_object_get(ev, "schedule_published_at"));
	json_decref(ev);
	return rc;
}

/* The response of a run, once solved (and published). */
static int output(struct store *s, struct run *x, struct err *e)
{
	x->out = json_pack("{s:I, s:b}", "event_id", (json_int_t)x->event, "published",
			   x->o->publish);
	json_object_set_new(x->out, "scheduled", scheduled_json(x));
	json_object_set_new(x->out, "unscheduled", unscheduled_json(x));
	json_object_set_new(x->out, "warnings", warnings_json(x));
	json_object_set_new(x->out, "stats", stats_json(x));
	json_object_set_new(x->out, "meetings", meetings_json(x));
	return published_at(s, x, e);
}

static int load_and_solve(struct store *s, struct run *x, struct err *e)
{
	int rc;

	service_event_release(&x->ev);
	sched_result_release(&x->r);
	rc = service_event_load(s, x->event, &x->ev, e);
	return rc ? rc : solve(x, e);
}

static int publish(struct store *s, struct run *x, struct err *e)
{
	json_t *places = places_json(x);
	int rc = store_schedule_publish(s, x->event, places, e);

	json_decref(places);
	if (rc == 0)
		rc = service_notice_schedule(s, x->event, x->video_url, 0, e);
	return rc ? rc : output(s, x, e);
}

#define SCHEDULE_STALE 1 /* publish_fn: the event changed since the solve */
#define SCHEDULE_TRIES 3 /* solves outside the transaction before one inside */

/* Inside the write transaction: publishes x's solve if its data still holds. */
static int publish_fn(struct store *s, void *ctx, struct err *e)
{
	struct run *x = ctx;
	json_t *now = NULL;
	int rc = store_schedule_load(s, x->event, &now, e);

	if (rc == 0 && !json_equal(now, x->ev.data))
		rc = SCHEDULE_STALE;
	json_decref(now);
	return rc ? rc : publish(s, x, e);
}

/* Inside the write transaction: reads, solves and publishes. */
static int solve_publish_fn(struct store *s, void *ctx, struct err *e)
{
	struct run *x = ctx;
	int rc = load_and_solve(s, x, e);

	return rc ? rc : publish(s, x, e);
}

static pthread_mutex_t publishing = PTHREAD_MUTEX_INITIALIZER;

static int run_publish(struct store *s, struct run *x, struct err *e)
{
	int rc = SCHEDULE_STALE;

	pthread_mutex_lock(&publishing);
	for (int i = 0; i < SCHEDULE_TRIES && rc == SCHEDULE_STALE; i++) {
		rc = load_and_solve(s, x, e);
		if (rc == 0)
			rc = store_atomic(s, publish_fn, x, e);
		if (rc == SCHEDULE_STALE)
			log_debug("event %" PRId64 " changed while its schedule was solved: "
				  "solving again", x->event);
		if (rc) {
			json_decref(x->out);
			x->out = NULL;
		}
	}
	if (rc == SCHEDULE_STALE)
		rc = store_atomic(s, solve_publish_fn, x, e);
	pthread_mutex_unlock(&publishing);
	return rc;
}

int service_schedule_run(struct service_conn *c, int64_t event,
			 const struct service_schedule_opts *o, const char *video_url, json_t **out,
			 struct err *e)
{
	struct store *s = c->store;
	struct run x;
	int rc;

	memset(&x, 0, sizeof(x));
	x.event = event;
	x.o = o;
	x.video_url = video_url;
	sched_result_init(&x.r);
	if (o->publish)
		rc = run_publish(s, &x, e);
	else
		rc = load_and_solve(s, &x, e);
	if (rc == 0 && !o->publish)
		rc = output(s, &x, e);
	service_event_release(&x.ev);
	sched_result_release(&x.r);
	if (rc) {
		json_decref(x.out);
		x.out = NULL;
	}
	*out = x.out;
	return rc;
}
