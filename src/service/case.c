/*
 * case.c - the desk's cases (case.h): the state machine, the SLA clock
 * (core/workhours.h over the desk's calendar), who sees and does what,
 * each workflow in one transaction; the rows in store/cases.c.
 */
#include "service/case.h"

#include "core/jsonx.h"
#include "core/log.h"
#include "core/time.h"
#include "core/workhours.h"
#include "core/xalloc.h"
#include "mail/mail.h"
#include "service/service_int.h"
#include "store/cases.h"
#include "text/lang.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const categories[] = {"market_entry", "investment", "partner_search",
					 "regulation", "visa_and_stay", "events", "other", NULL};
static const char *const priorities[] = {"low", "normal", "high", "urgent", NULL};

/* ---- small helpers --------------------------------------------------------------- */

static int one_of(const char *v, const char *const *names)
{
	for (; v && *names; names++)
		if (strcmp(v, *names) == 0)
			return 1;
	return 0;
}

static int check_enum(const json_t *body, const char *key, const char *const *names,
		      const char *list, int required, struct err *e)
{
	const json_t *v = json_object_get(body, key);

	if (!v)
		return required ? err_set(e, ERR_INVALID, key, "is required: one of %s", list) : 0;
	if (!one_of(json_string_value(v), names))
		return err_set(e, ERR_INVALID, key, "must be one of %s", list);
	return 0;
}

#define CATEGORY_LIST                                                                             \
	"market_entry, investment, partner_search, regulation, visa_and_stay, events, other"
#define PRIORITY_LIST "low, normal, high, urgent"

/* A string of 1..max characters at key (required or not). */
static int check_text(const json_t *body, const char *key, size_t max, int required,
		      struct err *e)
{
	const json_t *v = json_object_get(body, key);
	size_t n;

	if (!v || json_is_null(v))
		return required ? err_set(e, ERR_INVALID, key, "is required") : 0;
	n = json_is_string(v) ? jsonx_utf8_chars(json_string_value(v)) : 0;
	if (!json_is_string(v) || n < 1 || n > max ||
	    strspn(json_string_value(v), " \t\r\n") == strlen(json_string_value(v)))
		return err_set(e, ERR_INVALID, key, "must be a text of 1 to %zu characters", max);
	return 0;
}

/* Enough of an address to deliver to: one @ with text on both sides, no space. */
static int email_ok(const char *s)
{
	const char *at = s ? strchr(s, '@') : NULL;

	return at && at > s && at[1] && !strchr(at + 1, '@') && strlen(s) <= 254 &&
	       !strpbrk(s, " \t\r\n<>,;\"");
}

static int64_t now_utc(void)
{
	return (int64_t)time(NULL);
}

/* The current UTC time as RFC 3339 ("2026-05-13T01:00:00Z"). */
static void now_stamp(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int known_fields(const json_t *body, const char *const *names, struct err *e)
{
	const char *key;
	json_t *v;

	if (!json_is_object(body))
		return err_set(e, ERR_BAD_REQUEST, "", "the body must be a JSON object");
	json_object_foreach((json_t *)body, key, v)
		if (!one_of(key, names))
			return err_set(e, ERR_INVALID, key, "is not a field here");
	return 0;
}

/* ---- language -------------------------------------------------------------------- */

static struct text_langid *langid;
static pthread_once_t langid_once = PTHREAD_ONCE_INIT;

static void langid_load(void)
{
	struct err e;

	err_clear(&e);
	if (text_langid_open(&langid, NULL, &e))
		log_warn("cases: %s; languages are told by script only", e.msg);
}

static const char *detect(const char *a, const char *b)
{
	char buf[4096];
	int n;

	pthread_once(&langid_once, langid_load);
	n = snprintf(buf, sizeof(buf), "%s\n%s", a ? a : "", b ? b : "");
	if (n < 0)
		return "und";
	return text_lang_code(text_lang_detect(langid, buf, strlen(buf), NULL, 0));
}

/* ---- the clock ------------------------------------------------------------------- */

struct clock {
	struct store_desk_cal cal;
	struct time_zone *zone;
	struct work_calendar wc;
};

static int clock_open(struct store *s, struct clock *k, struct err *e)
{
	int rc = store_desk_cal_read(s, &k->cal, e);

	k->zone = NULL;
	if (rc)
		return rc;
	k->zone = time_zone_open(k->cal.time_zone);
	if (!k->zone) {
		store_desk_cal_release(&k->cal);
		return err_set(e, ERR_INTERNAL, "time_zone", "cannot open the desk's time zone");
	}
	k->wc = (struct work_calendar){k->zone, k->cal.open_min, k->cal.close_min,
				       k->cal.days_off, k->cal.holidays, k->cal.nholidays};
	return 0;
}

static void clock_close(struct clock *k)
{
	time_zone_free(k->zone);
	store_desk_cal_release(&k->cal);
}

/* Due and at-risk instants of left working seconds from t, for an SLA of sla seconds. */
static int clock_due(const struct clock *k, int64_t t, int64_t left, int64_t sla, int64_t *due,
		     int64_t *risk, struct err *e)
{
	int64_t margin = sla * k->cal.risk_percent / 100;

	*risk = t; /* less than the margin left: at risk already */
	if (work_add(&k->wc, t, left, due) ||
	    (left > margin && work_add(&k->wc, t, left - margin, risk)))
		return err_set(e, ERR_CONFLICT, "time_zone", "the desk's calendar has no working "
			       "hours: check its days off and holidays");
	return 0;
}

static void local_time(const struct clock *k, int64_t t, char out[TIME_RFC3339_LEN])
{
	struct time_civil c;

	if (time_zone_local(k->zone, t, &c) == 0)
		time_format(&c, false, out, TIME_RFC3339_LEN);
	else
		snprintf(out, TIME_RFC3339_LEN, "%" PRId64, t);
}

/* ---- who ------------------------------------------------------------------------- */

static int is_staff(struct store *s, const struct service_caller *who, int *yes, struct err *e)
{
	*yes = 0;
	if (!who->p->account)
		return 0;
	if (who->p->admin) {
		*yes = 1;
		return 0;
	}
	return store_desk_is_staff(s, who->p->account, yes, NULL, 0, e);
}

int service_desk_is_staff(struct service_conn *c, const struct service_caller *who, int *yes,
			  struct err *e)
{
	return is_staff(c->store, who, yes, e);
}

static int staff_only(struct store *s, const struct service_caller *who, int *staff,
		      struct err *e)
{
	int rc = is_staff(s, who, staff, e);

	if (rc == 0 && !*staff)
		rc = err_set(e, ERR_FORBIDDEN, NULL, "only the desk's staff may do this");
	return rc;
}

/* The case row if who may see it (requesters their own; others are not found). */
static int case_row(struct store *s, const struct service_caller *who, int64_t id, int staff,
		    json_t **row, struct err *e)
{
	int rc = store_case_get(s, id, row, e);

	if (rc)
		return rc;
	if (staff || (who->p->account &&
		      json_integer_value(json_object_get(*row, "requester_id")) == who->p->account))
		return 0;
	json_decref(*row);
	*row = NULL;
	return err_set(e, ERR_NOT_FOUND, "id", "no case with id %" PRId64, id);
}

/* ---- the state machine ----------------------------------------------------------- */

/* The moves: from, to, who (1 staff, 2 requester, 3 both). */
static const struct {
	const char *from, *to;
	int who;
} moves[] = {
	{"new", "assigned", 1},
	{"new", "resolved", 1},
	{"new", "closed", 1},
	{"assigned", "waiting_for_requester", 1},
	{"assigned", "resolved", 1},
	{"waiting_for_requester", "assigned", 1},
	{"waiting_for_requester", "resolved", 1},
	{"resolved", "closed", 3},
	{"resolved", "reopen", 3},
	{"closed", "reopen", 3},
};

static int move_legal(const char *from, const char *to, int as)
{
	for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]); i++)
		if (strcmp(moves[i].from, from) == 0 && strcmp(moves[i].to, to) == 0 &&
		    (moves[i].who & as))
			return 1;
	return 0;
}

static json_t *moves_of(const char *from, int as)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]); i++)
		if (strcmp(moves[i].from, from) == 0 && (moves[i].who & as))
			json_array_append_new(arr, json_string(moves[i].to));
	return arr;
}

/* ---- the view -------------------------------------------------------------------- */

static const char *const internal_cols[] = {"opened_utc", "due_utc", "risk_utc", "paused_left",
					    "sla_minutes", "rating", "rating_comment", "rated_at",
					    NULL};

/* Shapes row (a case row of the store) in place for who. */
static void case_shape(const struct clock *k, json_t *row, int staff, int requester,
		       int64_t now)
{
	const char *state = jsonx_str(row, "state");
	int64_t due = json_integer_value(json_object_get(row, "due_utc"));
	int64_t risk = json_integer_value(json_object_get(row, "risk_utc"));
	int64_t sla = json_integer_value(json_object_get(row, "sla_minutes"));
	const json_t *left = json_object_get(row, "paused_left");
	int running = one_of(state, (const char *const[]){"new", "assigned", NULL});
	const json_t *rating = json_object_get(row, "rating");
	char t[TIME_RFC3339_LEN];
	json_t *sat;

	local_time(k, due, t);
	json_object_set_new(row, "due_at", json_string(t));
	local_time(k, risk, t);
	json_object_set_new(row, "at_risk_at", json_string(t));
	json_object_set_new(row, "sla_hours", json_real((double)sla / 60.0));
	json_object_set_new(row, "overdue", json_boolean(running && due <= now));
	json_object_set_new(row, "at_risk", json_boolean(running && risk <= now && due > now));
	json_object_set_new(row, "paused", json_boolean(left != NULL));
	if (left)
		json_object_set_new(row, "left_minutes",
				    json_integer(json_integer_value(left) / 60));
	sat = json_pack("{s:b}", "asked", one_of(state, (const char *const[]){"resolved",
								       "closed", NULL}));
	if (rating) {
		json_object_set(sat, "rating", (json_t *)rating);
		if (json_object_get(row, "rating_comment"))
			json_object_set(sat, "comment", json_object_get(row, "rating_comment"));
		json_object_set(sat, "at", json_object_get(row, "rated_at"));
	}
	json_object_set_new(row, "satisfaction", sat);
	json_object_set_new(row, "moves", moves_of(state, (staff ? 1 : 0) | (requester ? 2 : 0)));
	for (const char *const *c = internal_cols; *c; c++)
		json_object_del(row, *c);
	if (!staff) {
		json_object_del(row, "owner_email");
		json_object_del(row, "opened_by");
	}
}

/* The whole view of case id for who, read on s. */
static int case_view(struct store *s, const struct service_caller *who, int64_t id, int staff,
		     json_t **out, struct err *e)
{
	struct clock k;
	json_t *row = NULL, *thread = NULL;
	int requester, rc = case_row(s, who, id, staff, &row, e);

	*out = NULL;
	if (rc == 0)
		rc = store_case_thread(s, id, staff, &thread, e);
	if (rc == 0)
		rc = clock_open(s, &k, e);
	if (rc) {
		json_decref(row);
		json_decref(thread);
		return rc;
	}
	requester = who->p->account &&
		    json_integer_value(json_object_get(row, "requester_id")) == who->p->account;
	case_shape(&k, row, staff, requester, now_utc());
	if (!staff) {
		size_t i;
		json_t *m;

		json_array_foreach(thread, i, m)
			json_object_del(m, "author_email");
	}
	json_object_set_new(row, "messages", thread);
	clock_close(&k);
	*out = row;
	return 0;
}

/* ---- a workflow in one transaction ------------------------------------------------- */

struct case_run {
	const struct service_caller *who;
	int64_t id;
	const json_t *body;
	const json_t *query;
	int staff;
	json_t *out;
	/* import */
	const char *subject, *text, *from_name, *from_email;
};

static int run(struct service_conn *c, store_tx_fn fn, struct case_run *x, json_t **out,
	       struct err *e)
{
	int rc = store_atomic(c->store, fn, x, e);

	if (rc) {
		json_decref(x->out);
		x->out = NULL;
	}
	*out = x->out;
	return rc;
}

/* Reads the view after a write, into x->out. */
static int reread(struct store *s, struct case_run *x, struct err *e)
{
	return case_view(s, x->who, x->id, x->staff, &x->out, e);
}

/* ---- opening --------------------------------------------------------------------- */

static int check_owner(struct store *s, int64_t owner, const char *field, struct err *e)
{
	int yes = 0;
	int rc = store_desk_is_staff(s, owner, &yes, NULL, 0, e);

	if (rc == 0 && !yes)
		rc = err_set(e, ERR_INVALID, field, "account %" PRId64 " is not of the desk's staff",
			     owner);
	return rc;
}

/* The requester of a case opened by staff: "requester" {name?, email} or "requester_id". */
static int staff_requester(struct store *s, const json_t *body, struct store_case_new *n,
			   struct err *e)
{
	const json_t *r = json_object_get(body, "requester");
	const json_t *rid = json_object_get(body, "requester_id");
	int found = 0;
	int rc;

	if (rid) {
		if (!json_is_integer(rid) || json_integer_value(rid) < 1)
			return err_set(e, ERR_INVALID, "requester_id", "must be an account id");
		rc = store_desk_account_exists(s, json_integer_value(rid), &found, e);
		if (rc)
			return rc;
		if (!found)
			return err_set(e, ERR_INVALID, "requester_id", "no account with id %" PRId64,
				       (int64_t)json_integer_value(rid));
		n->requester = json_integer_value(rid);
		return 0;
	}
	if (!r)
		return err_set(e, ERR_INVALID, "requester", "is required when the desk opens a case "
			       "for a caller: {\"name\", \"email\"}");
	if (!json_is_object(r) || !email_ok(jsonx_str(r, "email")))
		return err_set(e, ERR_INVALID, "requester.email", "must be an e-mail address");
	if (json_object_get(r, "name") && check_text(r, "name", 200, 0, e)) {
		snprintf(e->field, sizeof(e->field), "requester.name");
		return ERR_INVALID;
	}
	n->requester_email = jsonx_str(r, "email");
	n->requester_name = jsonx_str(r, "name");
	rc = store_account_by_email(s, n->requester_email, &n->requester, e);
	return rc;
}

static int check_org(struct store *s, const json_t *v, int64_t *org, struct err *e)
{
	int found = 0;
	int rc;

	*org = 0;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < 1)
		return err_set(e, ERR_INVALID, "organisation_id", "must be an organisation id");
	rc = store_desk_org_exists(s, json_integer_value(v), &found, e);
	if (rc)
		return rc;
	if (!found)
		return err_set(e, ERR_INVALID, "organisation_id", "no organisation with id %" PRId64,
			       (int64_t)json_integer_value(v));
	*org = json_integer_value(v);
	return 0;
}

/* Stores case n (its clock set from now) and the first row of its thread. */
static int open_case(struct store *s, struct case_run *x, struct store_case_new *n,
		     struct err *e)
{
	struct clock k;
	int rc = store_desk_sla(s, n->category, n->priority, &n->sla_minutes, e);

	if (rc == 0)
		rc = clock_open(s, &k, e);
	if (rc)
		return rc;
	n->opened_utc = now_utc();
	rc = clock_due(&k, n->opened_utc, n->sla_minutes * 60, n->sla_minutes * 60, &n->due_utc,
		       &n->risk_utc, e);
	clock_close(&k);
	n->state = n->owner ? "assigned" : "new";
	n->opened_by = x->who->p->account;
	if (rc == 0)
		rc = store_case_insert(s, n, &x->id, e);
	if (rc == 0)
		rc = store_case_post(s, x->id, "state", x->who->p->account, NULL, NULL, NULL, NULL,
				     n->state, e);
	return rc ? rc : reread(s, x, e);
}

static int open_fn(struct store *s, void *ctx, struct err *e)
{
	static const char *const fields[] = {"subject", "body", "category", "priority",
					     "organisation_id", "lang", "requester",
					     "requester_id", "owner_id", "team", NULL};
	struct case_run *x = ctx;
	const json_t *b = x->body;
	struct store_case_new n = {0};
	const char *lang;
	int rc = known_fields(b, fields, e);

	if (rc == 0)
		rc = is_staff(s, x->who, &x->staff, e);
	if (rc == 0)
		rc = check_text(b, "subject", SERVICE_CASE_SUBJECT_MAX, 1, e);
	if (rc == 0)
		rc = check_text(b, "body", SERVICE_CASE_BODY_MAX, 1, e);
	if (rc == 0)
		rc = check_enum(b, "category", categories, CATEGORY_LIST, 1, e);
	if (rc == 0)
		rc = check_enum(b, "priority", priorities, PRIORITY_LIST, 0, e);
	if (rc == 0)
		rc = check_org(s, json_object_get(b, "organisation_id"), &n.organisation, e);
	if (rc)
		return rc;
	for (const char *const *f = (const char *const[]){"requester", "requester_id", "owner_id",
							   "team", NULL}; *f; f++)
		if (!x->staff && json_object_get(b, *f))
			return err_set(e, ERR_FORBIDDEN, *f, "only the desk's staff open a case for "
				       "someone else or assign it");
	lang = jsonx_str(b, "lang");
	if (json_object_get(b, "lang") &&
	    (!lang || text_lang_parse(lang, strlen(lang)) == TEXT_LANG_UNKNOWN))
		return err_set(e, ERR_INVALID, "lang", "must be a language code such as en or zh");
	n.subject = jsonx_str(b, "subject");
	n.body = jsonx_str(b, "body");
	n.lang = lang ? text_lang_code(text_lang_parse(lang, strlen(lang)))
		      : detect(n.subject, n.body);
	n.category = jsonx_str(b, "category");
	n.priority = jsonx_str(b, "priority") ? jsonx_str(b, "priority") : "normal";
	n.channel = x->staff && (json_object_get(b, "requester") ||
				 json_object_get(b, "requester_id")) ? "staff" : "web";
	if (strcmp(n.channel, "staff") == 0)
		rc = staff_requester(s, b, &n, e);
	else
		n.requester = x->who->p->account;
	if (rc == 0 && json_object_get(b, "owner_id")) {
		n.owner = json_integer_value(json_object_get(b, "owner_id"));
		rc = check_owner(s, n.owner, "owner_id", e);
	}
	if (rc == 0 && json_object_get(b, "team"))
		rc = check_text(b, "team", 100, 0, e);
	n.team = jsonx_str(b, "team");
	return rc ? rc : open_case(s, x, &n, e);
}

int service_case_open(struct service_conn *c, const struct service_caller *who,
		      const json_t *body, json_t **out, struct err *e)
{
	struct case_run x = {.who = who, .body = body};

	return run(c, open_fn, &x, out, e);
}

/* ---- reading --------------------------------------------------------------------- */

static int get_fn(struct store *s, void *ctx, struct err *e)
{
	struct case_run *x = ctx;
	int rc = is_staff(s, x->who, &x->staff, e);

	return rc ? rc : reread(s, x, e);
}

/* Runs fn in one read snapshot; *out = x->out. */
static int read_run(struct service_conn *c, int (*fn)(struct store *, void *, struct err *),
		    struct case_run *x, json_t **out, struct err *e)
{
	int rc = store_desk_read(c->store, fn, x, e);

	if (rc) {
		json_decref(x->out);
		x->out = NULL;
	}
	*out = x->out;
	return rc;
}

int service_case_get(struct service_conn *c, const struct service_caller *who, int64_t id,
		     json_t **out, struct err *e)
{
	struct case_run x = {.who = who, .id = id};

	return read_run(c, get_fn, &x, out, e);
}

static int parse_query(const json_t *query, int staff, int64_t account,
		       struct store_case_query *q, struct err *e)
{
	const char *key;
	json_t *v;
	int64_t n;

	memset(q, 0, sizeof(*q));
	q->limit = 50;
	q->now = now_utc();
	q->requester = staff ? 0 : account;
	json_object_foreach((json_t *)query, key, v) {
		const char *s = json_string_value(v);
		char *end;

		if (!s)
			return err_set(e, ERR_BAD_REQUEST, key, "must be a string");
		if (strcmp(key, "view") == 0) {
			q->view = s;
		} else if (strcmp(key, "q") == 0) {
			if (jsonx_utf8_chars(s) > 200)
				return err_set(e, ERR_BAD_REQUEST, "q", "must be at most 200 characters");
			q->q = s;
		} else if (strcmp(key, "category") == 0) {
			if (!one_of(s, categories))
				return err_set(e, ERR_BAD_REQUEST, "category", "must be one of %s",
					       CATEGORY_LIST);
			q->category = s;
		} else if (strcmp(key, "owner") == 0) {
			n = strcmp(s, "me") == 0 ? account : strtoll(s, &end, 10);
			if (n < 1 || (strcmp(s, "me") != 0 && *end))
				return err_set(e, ERR_BAD_REQUEST, "owner", "must be an account id or me");
			q->owner = n;
		} else if (strcmp(key, "limit") == 0) {
			n = strtoll(s, &end, 10);
			if (*end || end == s || n < 1 || n > 200)
				return err_set(e, ERR_BAD_REQUEST, "limit", "must be from 1 to 200");
			q->limit = (int)n;
		} else if (strcmp(key, "cursor") == 0) {
			n = strtoll(s, &end, 10);
			if (*end || end == s || n < 0)
				return err_set(e, ERR_BAD_REQUEST, "cursor", "is not a cursor of this list");
			q->after = n;
		} else {
			return err_set(e, ERR_BAD_REQUEST, key, "unknown parameter (view, q, category, "
				       "owner, limit and cursor are accepted)");
		}
	}
	return 0;
}

static int list_fn(struct store *s, void *ctx, struct err *e)
{
	struct case_run *x = ctx;
	struct store_case_query q;
	struct clock k;
	size_t i;
	json_t *it;
	int rc = is_staff(s, x->who, &x->staff, e);

	if (rc == 0)
		rc = parse_query(x->query, x->staff, x->who->p->account, &q, e);
	if (rc == 0)
		rc = store_case_list(s, &q, &x->out, e);
	if (rc == 0)
		rc = clock_open(s, &k, e);
	if (rc)
		return rc;
	json_array_foreach(json_object_get(x->out, "items"), i, it)
		case_shape(&k, it, x->staff,
			   json_integer_value(json_object_get(it, "requester_id")) ==
				   x->who->p->account,
			   q.now);
	clock_close(&k);
	return 0;
}

int service_case_list(struct service_conn *c, const struct service_caller *who,
		      const json_t *query, json_t **out, struct err *e)
{
	struct case_run x = {.who = who, .query = query};

	return read_run(c, list_fn, &x, out, e);
}

/* ---- changing ---------------------------------------------------------------------- */

static int update_fn(struct store *s, void *ctx, struct err *e)
{
	static const char *const fields[] = {"owner_id", "team", "category", "priority", NULL};
	struct case_run *x = ctx;
	const json_t *b = x->body;
	json_t *row = NULL, *set;
	const json_t *owner = json_object_get(b, "owner_id");
	int rc = known_fields(b, fields, e);

	if (rc == 0)
		rc = staff_only(s, x->who, &x->staff, e);
	if (rc == 0)
		rc = check_enum(b, "category", categories, CATEGORY_LIST, 0, e);
	if (rc == 0)
		rc = check_enum(b, "priority", priorities, PRIORITY_LIST, 0, e);
	if (rc == 0 && json_object_get(b, "team") && !json_is_null(json_object_get(b, "team")))
		rc = check_text(b, "team", 100, 0, e);
	if (rc == 0 && owner && !json_is_null(owner))
		rc = json_is_integer(owner) ? check_owner(s, json_integer_value(owner), "owner_id", e)
					    : err_set(e, ERR_INVALID, "owner_id", "must be an "
						      "account id or null");
	if (rc == 0)
		rc = store_case_get(s, x->id, &row, e);
	if (rc)
		return rc;
	set = json_deep_copy(b);
	if (json_object_get(b, "category") || json_object_get(b, "priority")) {
		const char *cat = jsonx_str(b, "category") ? jsonx_str(b, "category")
							   : jsonx_str(row, "category");
		const char *pri = jsonx_str(b, "priority") ? jsonx_str(b, "priority")
							   : jsonx_str(row, "priority");
		int64_t sla = 0, due = 0, risk = 0;
		struct clock k;

		if (json_object_get(row, "paused_left"))
			rc = err_set(e, ERR_CONFLICT, "state", "the case waits for its requester: "
				     "reclassify it once it is back at the desk");
		if (rc == 0)
			rc = store_desk_sla(s, cat, pri, &sla, e);
		if (rc == 0)
			rc = clock_open(s, &k, e);
		if (rc == 0) {
			rc = clock_due(&k, json_integer_value(json_object_get(row, "opened_utc")),
				       sla * 60, sla * 60, &due, &risk, e);
			clock_close(&k);
		}
		json_object_set_new(set, "sla_minutes", json_integer(sla));
		json_object_set_new(set, "due_utc", json_integer(due));
		json_object_set_new(set, "risk_utc", json_integer(risk));
	}
	if (rc == 0 && owner && json_is_integer(owner) &&
	    strcmp(jsonx_str(row, "state"), "new") == 0) {
		json_object_set_new(set, "state", json_string("assigned"));
		rc = store_case_post(s, x->id, "state", x->who->p->account, NULL, NULL, NULL, "new",
				     "assigned", e);
	}
	if (rc == 0)
		rc = store_case_set(s, x->id, set, e);
	json_decref(set);
	json_decref(row);
	return rc ? rc : reread(s, x, e);
}

int service_case_update(struct service_conn *c, const struct service_caller *who, int64_t id,
			const json_t *body, json_t **out, struct err *e)
{
	struct case_run x = {.who = who, .id = id, .body = body};

	return run(c, update_fn, &x, out, e);
}

/* The requester of row as a reader of notices ({"email", "languages"}); NULL without an e-mail. */
static json_t *requester_reader(const json_t *row)
{
	const char *email = jsonx_str(row, "requester_email");

	if (!email || !email_ok(email))
		return NULL;
	return json_pack("{s:s, s:[s]}", "email", email, "languages", jsonx_str(row, "lang"));
}

/*
 * Moves the case of row from its state to to (a stored state), keeping
 * the clock: stopped on entering waiting_for_requester, started again on
 * leaving it; a reopened case gets a fresh SLA from now.
 */
static int apply_move(struct store *s, struct case_run *x, const json_t *row, const char *to,
		      int reopen, struct err *e)
{
	const char *from = jsonx_str(row, "state");
	int64_t now = now_utc(), due = json_integer_value(json_object_get(row, "due_utc"));
	int64_t sla = json_integer_value(json_object_get(row, "sla_minutes")) * 60;
	const json_t *left = json_object_get(row, "paused_left");
	json_t *set = json_pack("{s:s}", "state", to);
	char stamp[32];
	struct clock k;
	int rc = clock_open(s, &k, e);

	if (rc) {
		json_decref(set);
		return rc;
	}
	now_stamp(stamp);
	if (strcmp(to, "waiting_for_requester") == 0) {
		int64_t l = 0;

		if (work_between(&k.wc, now, due, &l))
			rc = err_set(e, ERR_INTERNAL, "time_zone", "cannot count the working hours");
		json_object_set_new(set, "paused_left", json_integer(l));
	} else if (left || reopen) {
		int64_t d = 0, r = 0;

		rc = clock_due(&k, now, reopen ? sla : json_integer_value(left), sla, &d, &r, e);
		json_object_set_new(set, "due_utc", json_integer(d));
		json_object_set_new(set, "risk_utc", json_integer(r));
		json_object_set_new(set, "paused_left", json_null());
	}
	clock_close(&k);
	if (strcmp(to, "resolved") == 0)
		json_object_set_new(set, "resolved_at", json_string(stamp));
	if (strcmp(to, "closed") == 0) {
		json_object_set_new(set, "closed_at", json_string(stamp));
		if (!json_object_get(row, "resolved_at"))
			json_object_set_new(set, "resolved_at", json_string(stamp));
	}
	if (reopen) {
		json_object_set_new(set, "resolved_at", json_null());
		json_object_set_new(set, "closed_at", json_null());
	}
	if (rc == 0)
		rc = store_case_set(s, x->id, set, e);
	json_decref(set);
	if (rc == 0)
		rc = store_case_post(s, x->id, "state", x->who->p->account, NULL, NULL, NULL, from,
				     to, e);
	if (rc == 0 && strcmp(to, "resolved") == 0) {
		json_t *reader = requester_reader(row);
		json_t *values = json_pack("{s:I, s:s}", "id", (json_int_t)x->id, "subject",
					   jsonx_str(row, "subject"));

		if (reader)
			rc = service_notice_queue(s, reader, "case", "case.resolved.subject",
						  "case.resolved.body", values, NULL,
						  x->who->p->account, e);
		json_decref(reader);
		json_decref(values);
	}
	return rc;
}

static int move_fn(struct store *s, void *ctx, struct err *e)
{
	static const char *const fields[] = {"state", "owner_id", NULL};
	struct case_run *x = ctx;
	const json_t *b = x->body;
	const char *to = jsonx_str(b, "state"), *from;
	const json_t *owner = json_object_get(b, "owner_id");
	json_t *row = NULL, *moves_now;
	int requester, as, reopen, rc = is_staff(s, x->who, &x->staff, e);
	char list[160] = "";

	if (rc == 0)
		rc = case_row(s, x->who, x->id, x->staff, &row, e);
	if (rc)
		return rc;
	rc = known_fields(b, fields, e);
	if (rc) {
		json_decref(row);
		return rc;
	}
	requester = x->who->p->account &&
		    json_integer_value(json_object_get(row, "requester_id")) == x->who->p->account;
	as = (x->staff ? 1 : 0) | (requester ? 2 : 0);
	from = jsonx_str(row, "state");
	if (!to) {
		rc = err_set(e, ERR_INVALID, "state", "is required");
	} else if (!move_legal(from, to, as)) {
		size_t i;
		json_t *m;

		moves_now = moves_of(from, as);
		json_array_foreach(moves_now, i, m)
			snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
				 i ? ", " : "", json_string_value(m));
		json_decref(moves_now);
		rc = err_set(e, one_of(to, (const char *const[]){"new", "assigned",
					  "waiting_for_requester", "resolved", "closed", "reopen",
					  NULL}) ? ERR_CONFLICT : ERR_INVALID,
			     "state", "case %" PRId64 " is %s: %s may move it to %s", x->id, from,
			     x->staff ? "the desk" : "you", list[0] ? list : "no other state");
	} else if (owner && (!x->staff || !json_is_integer(owner))) {
		rc = err_set(e, x->staff ? ERR_INVALID : ERR_FORBIDDEN, "owner_id",
			     x->staff ? "must be an account id" : "only the desk's staff assign");
	}
	if (rc == 0 && owner)
		rc = check_owner(s, json_integer_value(owner), "owner_id", e);
	if (rc == 0 && strcmp(to, "assigned") == 0 && !owner &&
	    !json_object_get(row, "owner_id")) {
		/* the one who takes it */
		json_t *me = json_pack("{s:I}", "owner_id", (json_int_t)x->who->p->account);

		rc = check_owner(s, x->who->p->account, "owner_id", e);
		if (rc == 0)
			rc = store_case_set(s, x->id, me, e);
		json_decref(me);
	} else if (rc == 0 && owner) {
		json_t *o = json_pack("{s:O}", "owner_id", owner);

		rc = store_case_set(s, x->id, o, e);
		json_decref(o);
	}
	reopen = to && strcmp(to, "reopen") == 0;
	if (rc == 0)
		rc = apply_move(s, x, row,
				reopen ? (json_object_get(row, "owner_id") ? "assigned" : "new") : to,
				reopen, e);
	json_decref(row);
	return rc ? rc : reread(s, x, e);
}

int service_case_move(struct service_conn *c, const struct service_caller *who, int64_t id,
		      const json_t *body, json_t **out, struct err *e)
{
	struct case_run x = {.who = who, .id = id, .body = body};

	return run(c, move_fn, &x, out, e);
}

static int post_fn(struct store *s, void *ctx, struct err *e)
{
	static const char *const fields[] = {"body", "internal", NULL};
	struct case_run *x = ctx;
	const json_t *b = x->body, *internal = json_object_get(b, "internal");
	json_t *row = NULL;
	const char *state;
	int note, rc = is_staff(s, x->who, &x->staff, e);

	/* a case one may not see is not found, whatever the body says */
	if (rc == 0)
		rc = case_row(s, x->who, x->id, x->staff, &row, e);
	if (rc == 0)
		rc = known_fields(b, fields, e);
	if (rc == 0)
		rc = check_text(b, "body", SERVICE_CASE_BODY_MAX, 1, e);
	if (rc == 0 && internal && !json_is_boolean(internal))
		rc = err_set(e, ERR_INVALID, "internal", "must be true or false");
	note = json_is_true(internal);
	if (rc == 0 && note && !x->staff)
		rc = err_set(e, ERR_FORBIDDEN, "internal", "only the desk's staff write internal "
			     "notes");
	state = rc == 0 ? jsonx_str(row, "state") : "";
	if (rc == 0 && strcmp(state, "closed") == 0 && !note)
		rc = err_set(e, ERR_CONFLICT, "state", "case %" PRId64 " is closed: reopen it to "
			     "write", x->id);
	if (rc == 0)
		rc = store_case_post(s, x->id, note ? "note" : "message", x->who->p->account, NULL,
				     jsonx_str(b, "body"), detect(NULL, jsonx_str(b, "body")), NULL,
				     NULL, e);
	/* the requester answered: the case is back at the desk */
	if (rc == 0 && !x->staff && strcmp(state, "waiting_for_requester") == 0)
		rc = apply_move(s, x, row, json_object_get(row, "owner_id") ? "assigned" : "new", 0,
				e);
	else if (rc == 0) {
		json_t *touch = json_object(); /* updated_at only */

		rc = store_case_set(s, x->id, touch, e);
		json_decref(touch);
	}
	json_decref(row);
	return rc ? rc : reread(s, x, e);
}

int service_case_post(struct service_conn *c, const struct service_caller *who, int64_t id,
		      const json_t *body, json_t **out, struct err *e)
{
	struct case_run x = {.who = who, .id = id, .body = body};

	return run(c, post_fn, &x, out, e);
}

/* Whether account may rate the case of row with body b: the requester, once, once resolved. */
static int rate_check(const json_t *row, const json_t *b, int64_t account, int64_t id,
		      struct err *e)
{
	const json_t *rating = json_object_get(b, "rating");

	if (json_integer_value(json_object_get(row, "requester_id")) != account)
		return err_set(e, ERR_FORBIDDEN, NULL, "only the requester rates a case");
	if (!one_of(jsonx_str(row, "state"), (const char *const[]){"resolved", "closed", NULL}))
		return err_set(e, ERR_CONFLICT, "state", "case %" PRId64 " is %s: it is rated "
			       "once resolved", id, jsonx_str(row, "state"));
	if (json_object_get(row, "rating"))
		return err_set(e, ERR_CONFLICT, "rating", "case %" PRId64 " is already rated", id);
	if (!json_is_integer(rating) || json_integer_value(rating) < 1 ||
	    json_integer_value(rating) > 5)
		return err_set(e, ERR_INVALID, "rating", "must be an integer from 1 to 5");
	return check_text(b, "comment", 2000, 0, e);
}

static int rate_fn(struct store *s, void *ctx, struct err *e)
{
	static const char *const fields[] = {"rating", "comment", NULL};
	struct case_run *x = ctx;
	const json_t *b = x->body, *rating = json_object_get(b, "rating");
	json_t *row = NULL, *set;
	char now[32];
	int rc = is_staff(s, x->who, &x->staff, e);

	if (rc == 0)
		rc = case_row(s, x->who, x->id, x->staff, &row, e);
	if (rc)
		return rc;
	rc = known_fields(b, fields, e);
	if (rc == 0)
		rc = rate_check(row, b, x->who->p->account, x->id, e);
	json_decref(row);
	if (rc)
		return rc;
	now_stamp(now);
	set = json_pack("{s:O, s:s}", "rating", rating, "rated_at", now);
	if (jsonx_str(b, "comment"))
		json_object_set(set, "rating_comment", json_object_get(b, "comment"));
	rc = store_case_set(s, x->id, set, e);
	json_decref(set);
	return rc ? rc : reread(s, x, e);
}

int service_case_rate(struct service_conn *c, const struct service_caller *who, int64_t id,
		      const json_t *body, json_t **out, struct err *e)
{
	struct case_run x = {.who = who, .id = id, .body = body};

	return run(c, rate_fn, &x, out, e);
}

/* ---- a forwarded e-mail ------------------------------------------------------------ */

static int import_fn(struct store *s, void *ctx, struct err *e)
{
	struct case_run *x = ctx;
	struct store_case_new n = {0};
	const char *cat = jsonx_str(x->query, "category"), *pri = jsonx_str(x->query, "priority");
	const char *org = jsonx_str(x->query, "organisation_id");
	const char *key;
	json_t *v, *orgv = NULL;
	int rc = staff_only(s, x->who, &x->staff, e);

	json_object_foreach((json_t *)x->query, key, v)
		if (rc == 0 && !one_of(key, (const char *const[]){"category", "priority",
								  "organisation_id", NULL}))
			rc = err_set(e, ERR_BAD_REQUEST, key, "unknown parameter (category, priority "
				     "and organisation_id are accepted)");
	if (rc == 0 && cat && !one_of(cat, categories))
		rc = err_set(e, ERR_BAD_REQUEST, "category", "must be one of %s", CATEGORY_LIST);
	if (rc == 0 && pri && !one_of(pri, priorities))
		rc = err_set(e, ERR_BAD_REQUEST, "priority", "must be one of %s", PRIORITY_LIST);
	if (rc == 0 && org) {
		char *end;
		long long id = strtoll(org, &end, 10);

		orgv = *end || id < 1 ? json_string(org) : json_integer(id);
		rc = check_org(s, orgv, &n.organisation, e);
		json_decref(orgv);
	}
	if (rc)
		return rc;
	if (jsonx_utf8_chars(x->text) > SERVICE_CASE_BODY_MAX)
		return err_set(e, ERR_TOO_LARGE, "message", "the text is longer than %d characters",
			       SERVICE_CASE_BODY_MAX);
	n.subject = x->subject;
	n.body = x->text;
	n.lang = detect(n.subject, n.body);
	n.category = cat ? cat : "other";
	n.priority = pri ? pri : "normal";
	n.channel = "email";
	n.requester_email = x->from_email;
	n.requester_name = x->from_name;
	rc = store_account_by_email(s, n.requester_email, &n.requester, e);
	return rc ? rc : open_case(s, x, &n, e);
}

/* The subject cut to SERVICE_CASE_SUBJECT_MAX characters (whole UTF-8 sequences) in place. */
static void cut_subject(char *s)
{
	size_t chars = 0, i = 0;

	for (; s[i]; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > SERVICE_CASE_SUBJECT_MAX)
			break;
		if (s[i] == '\r' || s[i] == '\n' || s[i] == '\t')
			s[i] = ' ';
	}
	s[i] = '\0';
}

int service_case_import(struct service_conn *c, const struct service_caller *who,
			const char *raw, size_t len, const json_t *query, json_t **out,
			struct err *e)
{
	struct case_run x = {.who = who, .query = query};
	struct mail_parsed m;
	int rc;

	*out = NULL;
	if (!len)
		return err_set(e, ERR_BAD_REQUEST, "message", "is empty: send the forwarded e-mail "
			       "as message/rfc822");
	rc = mail_parse(raw, len, &m, e);
	if (rc)
		return rc;
	if (!email_ok(m.from)) {
		mail_parsed_release(&m);
		return err_set(e, ERR_BAD_REQUEST, "message", "the sender's address is not one "
			       "the desk can answer");
	}
	if (!m.subject || !m.subject[strspn(m.subject, " \t\r\n")]) {
		free(m.subject);
		m.subject = xstrdup("(no subject)");
	}
	cut_subject(m.subject);
	x.subject = m.subject;
	x.text = m.text;
	x.from_email = m.from;
	x.from_name = m.from_name;
	rc = run(c, import_fn, &x, out, e);
	mail_parsed_release(&m);
	return rc;
}

/* ---- the demo desk ------------------------------------------------------------------ */

/* The account of e-mail s; ERR_INVALID naming field when there is none. */
static int demo_account(struct store *s, const char *email, const char *field, int64_t *id,
			struct err *e)
{
	int rc = store_account_by_email(s, email ? email : "", id, e);

	if (rc == 0 && !*id)
		rc = err_set(e, ERR_INVALID, field, "no account %s", email ? email : "(none)");
	return rc;
}

/* Case n of the demo: its clock as if elapsed working hours of its SLA had passed. */
static int demo_clock(struct store *s, const json_t *d, struct store_case_new *n,
		      struct err *e)
{
	int64_t now = now_utc(), used = json_integer_value(json_object_get(d, "elapsed_hours")) * 3600;
	int64_t sla, margin, left;
	struct clock k;
	int rc = store_desk_sla(s, n->category, n->priority, &n->sla_minutes, e);

	if (rc == 0)
		rc = clock_open(s, &k, e);
	if (rc)
		return rc;
	sla = n->sla_minutes * 60;
	margin = sla * k.cal.risk_percent / 100;
	left = sla - used;
	/* about 9 working hours a calendar day */
	n->opened_utc = now - used * 24 / 9;
	if (left > 0) {
		rc = clock_due(&k, now, left, sla, &n->due_utc, &n->risk_utc, e);
	} else {
		n->due_utc = now + left * 24 / 9;
		n->risk_utc = n->due_utc - margin * 24 / 9;
	}
	clock_close(&k);
	return rc;
}

static int demo_case(struct store *s, const json_t *d, size_t i, struct err *e)
{
	const json_t *req = json_object_get(d, "requester");
	struct store_case_new n = {0};
	struct case_run x = {0};
	const char *state = jsonx_str(d, "state") ? jsonx_str(d, "state") : "new";
	const char *org = jsonx_str(d, "organisation");
	json_t *set, *m;
	int64_t left;
	char where[32];
	size_t j;
	int rc = 0;

	n.subject = jsonx_str(d, "subject");
	n.body = jsonx_str(d, "body");
	n.lang = detect(n.subject, n.body);
	n.category = jsonx_str(d, "category");
	n.priority = jsonx_str(d, "priority");
	n.channel = jsonx_str(d, "channel") ? jsonx_str(d, "channel") : "web";
	n.state = "new"; /* then moved on with the rows that go with its state */
	if (org)
		rc = store_find_ref(s, STORE_ORGANISATION, org, &n.organisation, e);
	if (rc == 0 && json_is_string(req))
		rc = demo_account(s, json_string_value(req), "requester", &n.requester, e);
	else if (rc == 0) {
		n.requester_name = jsonx_str(req, "name");
		n.requester_email = jsonx_str(req, "email");
	}
	if (rc == 0 && jsonx_str(d, "owner"))
		rc = demo_account(s, jsonx_str(d, "owner"), "owner", &n.owner, e);
	if (rc == 0)
		rc = demo_clock(s, d, &n, e);
	left = n.sla_minutes * 60 - json_integer_value(json_object_get(d, "elapsed_hours")) * 3600;
	if (rc == 0)
		rc = store_case_insert(s, &n, &x.id, e);
	if (rc == 0)
		rc = store_case_post(s, x.id, "state", 0, NULL, NULL, NULL, NULL, "new", e);
	if (rc == 0 && strcmp(state, "new") != 0)
		rc = store_case_post(s, x.id, "state", n.owner, NULL, NULL, NULL, "new", state, e);
	json_array_foreach(json_object_get(d, "messages"), j, m) {
		int64_t by = 0;

		if (rc == 0)
			rc = demo_account(s, jsonx_str(m, "by"), "by", &by, e);
		if (rc == 0)
			rc = store_case_post(s, x.id, json_is_true(json_object_get(m, "internal"))
					     ? "note" : "message", by, NULL, jsonx_str(m, "body"),
					     detect(NULL, jsonx_str(m, "body")), NULL, NULL, e);
	}
	set = json_pack("{s:s}", "state", state);
	if (strcmp(state, "waiting_for_requester") == 0)
		json_object_set_new(set, "paused_left",
				    json_integer(left > 0 ? left : 0));
	if (strcmp(state, "resolved") == 0 || strcmp(state, "closed") == 0) {
		char stamp[32];

		now_stamp(stamp);
		json_object_set_new(set, "resolved_at", json_string(stamp));
		if (strcmp(state, "closed") == 0)
			json_object_set_new(set, "closed_at", json_string(stamp));
	}
	if (json_object_get(d, "rating")) {
		char stamp[32];

		now_stamp(stamp);
		json_object_set(set, "rating", json_object_get(d, "rating"));
		json_object_set(set, "rating_comment", json_object_get(d, "rating_comment"));
		json_object_set_new(set, "rated_at", json_string(stamp));
	}
	if (rc == 0 && json_object_size(set))
		rc = store_case_set(s, x.id, set, e);
	json_decref(set);
	snprintf(where, sizeof(where), "cases[%zu]", i);
	if (rc)
		err_prefix_field(e, where);
	return rc;
}

static int demo_fn(struct store *s, void *ctx, struct err *e)
{
	const json_t *desk = ctx, *d;
	size_t i;
	int64_t account;
	int rc = 0;

	json_array_foreach(json_object_get(desk, "staff"), i, d) {
		if (rc == 0)
			rc = demo_account(s, jsonx_str(d, "email"), "staff", &account, e);
		if (rc == 0)
			rc = store_desk_staff_set(s, account, jsonx_str(d, "team"), 0, e);
	}
	json_array_foreach(json_object_get(desk, "cases"), i, d)
		if (rc == 0)
			rc = demo_case(s, d, i, e);
	return rc;
}

int service_desk_load_demo(struct service_conn *c, const json_t *desk, struct err *e)
{
	return store_atomic(c->store, demo_fn, (void *)desk, e);
}
