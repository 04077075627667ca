/*
 * nudge.c - the messages around an event's meetings (send.h): the nudge an
 * organiser sends to registered people who have no meeting yet, with the
 * three partners at the event the matching engine ranks best for their
 * organisation (service/recommend.h), and the outcome survey that the
 * sender queues once an event's schedule has ended.
 */
#include "service/send.h"

#include "service/recommend.h"
#include "service/service_int.h"
#include "store/outbox.h"

#include "core/jsonx.h"

#include <stdio.h>
#include <string.h>

/* ---- the outcome survey ----------------------------------------------------- */

struct survey {
	int64_t event;
	int queued;
};

static int survey_one(struct store *s, void *ctx, struct err *e)
{
	struct survey *x = ctx;
	json_t *people = NULL, *ev = NULL, *values = NULL;
	int rc = store_survey_mark(s, x->event, e);

	if (rc == ERR_CONFLICT) {
		err_clear(e);
		return 0; /* another sender queued it */
	}
	if (!rc)
		rc = store_get(s, STORE_EVENT, x->event, &ev, e);
	if (!rc)
		rc = store_event_people(s, x->event, 1, &people, e);
	for (size_t i = 0; !rc && i < json_array_size(people); i++) {
		json_t *person = NULL;

		rc = store_get(s, STORE_PERSON, json_integer_value(json_array_get(people, i)), &person,
			       e);
		if (!rc) {
			values = json_pack("{s:O, s:O}", "event", json_object_get(ev, "name"), "name",
					   json_object_get(person, "name"));
			rc = service_notice_queue(s, person, "survey", "survey.subject", "survey.body",
						  values, NULL, 0, e);
			x->queued += !rc && jsonx_str(person, "email");
			json_decref(values);
		}
		json_decref(person);
	}
	json_decref(people);
	json_decref(ev);
	return rc;
}

int service_survey_due(struct service_conn *c, int64_t now_s, int *queued, struct err *e)
{
	json_t *due = NULL;
	int rc = store_surveys_due(c->store, now_s, &due, e);

	*queued = 0;
	for (size_t i = 0; !rc && i < json_array_size(due); i++) {
		struct survey x = {json_integer_value(json_array_get(due, i)), 0};

		rc = store_atomic(c->store, survey_one, &x, e);
		*queued += x.queued;
	}
	json_decref(due);
	return rc;
}

/* ---- the nudge -------------------------------------------------------------- */

/* The organisations of event's registrations that are not rejected: a set of ids as text. */
static int event_orgs(struct store *s, int64_t event, json_t *set, struct err *e)
{
	json_t *people = NULL;
	int rc = store_event_people(s, event, 1, &people, e);
	json_t *idle = NULL;

	if (!rc)
		rc = store_event_people(s, event, 0, &idle, e);
	for (size_t k = 0; !rc && k < 2; k++) {
		json_t *list = k ? idle : people;

		for (size_t i = 0; !rc && i < json_array_size(list); i++) {
			json_t *p = NULL;
			char key[24];

			rc = store_get(s, STORE_PERSON, json_integer_value(json_array_get(list, i)), &p, e);
			snprintf(key, sizeof(key), "%" JSON_INTEGER_FORMAT,
				 json_integer_value(json_object_get(p, "organisation_id")));
			if (!rc)
				json_object_set_new(set, key, json_true());
			json_decref(p);
		}
	}
	json_decref(people);
	json_decref(idle);
	return rc;
}

/* The three best partners of org at the event (in orgs, not org itself) as lines of text. */
static int nudge_partners(struct service_conn *c, int64_t org, const char *lang,
			  const json_t *orgs, struct buf *out, struct err *e)
{
	struct service_recommend_opts o;
	json_t *q = json_pack("{s:s, s:s}", "top", "100", "lang", lang), *rec = NULL, *ms;
	int rc = service_recommend_opts_read(q, &o, e), n = 0;

	json_decref(q);
	if (!rc)
		rc = service_recommend_org(c, org, &o, &rec, e);
	ms = json_object_get(rec, "matches");
	for (size_t i = 0; !rc && n < 3 && i < json_array_size(ms); i++) {
		const json_t *m = json_array_get(ms, i);
		const json_t *reasons = json_object_get(m, "reasons");
		char key[24];

		snprintf(key, sizeof(key), "%" JSON_INTEGER_FORMAT,
			 json_integer_value(json_object_get(m, "id")));
		if (!json_object_get(orgs, key))
			continue;
		n++;
		rc = buf_printf(out, "%d. %s (%s)", n, jsonx_str(m, "name"),
				jsonx_str(m, "country") ? jsonx_str(m, "country") : "-");
		for (size_t r = 0; !rc && r < json_array_size(reasons) && r < 3; r++)
			rc = buf_printf(out, "%s%s", r ? ", " : ": ",
					jsonx_str(json_array_get(reasons, r), "label"));
		if (!rc)
			rc = buf_puts(out, "\n");
	}
	json_decref(rec);
	if (rc == ERR_TOO_LARGE && !e->msg[0])
		rc = err_set(e, ERR_TOO_LARGE, "nudge", "the list of partners is too long");
	return rc;
}

struct nudge {
	const struct service_caller *who;
	const json_t *ev;
	json_t *items; /* [{"person": row, "partners": text}] */
	int queued;
};

static int nudge_queue(struct store *s, void *ctx, struct err *e)
{
	struct nudge *x = ctx;
	int rc = 0;

	for (size_t i = 0; !rc && i < json_array_size(x->items); i++) {
		const json_t *it = json_array_get(x->items, i);
		json_t *values = json_pack("{s:O, s:O, s:O}", "event", json_object_get(x->ev, "name"),
					   "name", json_object_get(json_object_get(it, "person"), "name"),
					   "partners", json_object_get(it, "partners"));

		rc = service_notice_queue(s, json_object_get(it, "person"), "nudge", "nudge.subject",
					  "nudge.body", values, NULL, x->who->p->account, e);
		x->queued += !rc;
		json_decref(values);
	}
	return rc;
}

/* Reads who gets a nudge and their partners into x->items (outside any write transaction). */
static int nudge_collect(struct service_conn *c, struct nudge *x, int64_t event, struct err *e)
{
	json_t *idle = NULL, *orgs = json_object();
	int rc = store_event_people(c->store, event, 0, &idle, e);

	if (!rc)
		rc = event_orgs(c->store, event, orgs, e);
	for (size_t i = 0; !rc && i < json_array_size(idle); i++) {
		json_t *person = NULL;
		struct buf lines;

		rc = store_get(c->store, STORE_PERSON, json_integer_value(json_array_get(idle, i)),
			       &person, e);
		buf_init(&lines, 4000);
		if (!rc && jsonx_str(person, "email"))
			rc = nudge_partners(c, json_integer_value(json_object_get(person, "organisation_id")),
					    service_notice_lang(person), orgs, &lines, e);
		if (!rc && lines.data)
			json_array_append_new(x->items, json_pack("{s:O, s:s}", "person", person,
								  "partners", lines.data));
		buf_release(&lines);
		json_decref(person);
	}
	json_decref(idle);
	json_decref(orgs);
	return rc;
}

int service_nudge(struct service_conn *c, const struct service_caller *who, int64_t event,
		  json_t **out, struct err *e)
{
	struct nudge x = {who, NULL, json_array(), 0};
	json_t *ev = NULL;
	int rc = store_get(c->store, STORE_EVENT, event, &ev, e);

	*out = NULL;
	x.ev = ev;
	if (!rc)
		rc = nudge_collect(c, &x, event, e);
	if (!rc)
		rc = store_atomic(c->store, nudge_queue, &x, e);
	if (!rc)
		*out = json_pack("{s:i}", "queued", x.queued);
	json_decref(x.items);
	json_decref(ev);
	return rc;
}
