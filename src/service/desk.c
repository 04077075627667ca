/*
 * desk.c - the desk around its cases (case.h): the summary of its lists,
 * its calendar and SLA, its staff, and the partners the matching engine
 * suggests for a case.
 */
#include "service/case.h"

#include "core/jsonx.h"
#include "core/time.h"
#include "core/workhours.h"
#include "service/recommend.h"
#include "service/service_int.h"
#include "store/cases.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

struct desk_run {
	const struct service_caller *who;
	int64_t id;
	const json_t *body;
	json_t *out;
};

static int staff_only(struct store *s, const struct service_caller *who, struct err *e)
{
	int yes = 0;
	struct service_conn c = {s, 0};
	int rc = service_desk_is_staff(&c, who, &yes, e);

	if (rc == 0 && !yes)
		rc = err_set(e, ERR_FORBIDDEN, NULL, "only the desk's staff may do this");
	return rc;
}

static int admin_only(const struct service_caller *who, struct err *e)
{
	return who->p->admin ? 0 : err_set(e, ERR_FORBIDDEN, NULL, "only an admin may do this");
}

static int finish(int rc, struct desk_run *x, json_t **out)
{
	if (rc) {
		json_decref(x->out);
		x->out = NULL;
	}
	*out = x->out;
	return rc;
}

/* ---- the summary ------------------------------------------------------------------- */

static int summary_fn(struct store *s, void *ctx, struct err *e)
{
	struct desk_run *x = ctx;
	struct service_conn c = {s, 0};
	int staff = 0;
	int rc = service_desk_is_staff(&c, x->who, &staff, e);

	if (rc == 0)
		rc = store_case_counts(s, (int64_t)time(NULL), staff ? 0 : x->who->p->account,
				       &x->out, e);
	if (rc == 0)
		json_object_set_new(x->out, "staff", json_boolean(staff));
	return rc;
}

int service_desk_summary(struct service_conn *c, const struct service_caller *who, json_t **out,
			 struct err *e)
{
	struct desk_run x = {.who = who};

	return finish(store_desk_read(c->store, summary_fn, &x, e), &x, out);
}

/* ---- the calendar and the SLA --------------------------------------------------- */

static int settings_fn(struct store *s, void *ctx, struct err *e)
{
	struct desk_run *x = ctx;
	int rc = staff_only(s, x->who, e);

	return rc ? rc : store_desk_settings(s, &x->out, e);
}

int service_desk_settings_get(struct service_conn *c, const struct service_caller *who,
			      json_t **out, struct err *e)
{
	struct desk_run x = {.who = who};

	return finish(store_desk_read(c->store, settings_fn, &x, e), &x, out);
}

/* "HH:MM" at key into *min (24:00 only when allow_24). */
static int read_hhmm(const json_t *b, const char *key, int allow_24, int32_t *min,
		     struct err *e)
{
	const char *v = jsonx_str(b, key);
	int h, m;

	if (!json_object_get(b, key))
		return 0;
	if (!v || strlen(v) != 5 || v[2] != ':' || sscanf(v, "%2d:%2d", &h, &m) != 2 || m > 59 ||
	    h > 24 || (h == 24 && (m || !allow_24)))
		return err_set(e, ERR_INVALID, key, "must be a time of day HH:MM");
	*min = h * 60 + m;
	return 0;
}

static int read_days(const json_t *b, unsigned *days, struct err *e)
{
	const json_t *v = json_object_get(b, "days_off");
	size_t i;
	json_t *d;

	if (!v)
		return 0;
	if (!json_is_array(v))
		return err_set(e, ERR_INVALID, "days_off", "must be an array of ISO weekdays 1-7");
	*days = 0;
	json_array_foreach(v, i, d) {
		if (!json_is_integer(d) || json_integer_value(d) < 1 || json_integer_value(d) > 7) {
			char f[32];

			snprintf(f, sizeof(f), "days_off[%zu]", i);
			return err_set(e, ERR_INVALID, f, "must be an ISO weekday, 1 (Monday) to 7");
		}
		*days |= WORK_DAY(json_integer_value(d));
	}
	if (*days == (WORK_DAY(1) | WORK_DAY(2) | WORK_DAY(3) | WORK_DAY(4) | WORK_DAY(5) |
		      WORK_DAY(6) | WORK_DAY(7)))
		return err_set(e, ERR_INVALID, "days_off", "leaves no working day");
	return 0;
}

static int check_holidays(const json_t *v, struct err *e)
{
	size_t i;
	json_t *h;
	char f[48];

	if (!json_is_array(v) || json_array_size(v) > 1000)
		return err_set(e, ERR_INVALID, "holidays", "must be an array of at most 1000 "
			       "{\"date\", \"name\"}");
	json_array_foreach(v, i, h) {
		const char *name = jsonx_str(h, "name");
		int32_t d;

		snprintf(f, sizeof(f), "holidays[%zu].date", i);
		if (!json_is_object(h) || work_date_parse(jsonx_str(h, "date"), &d))
			return err_set(e, ERR_INVALID, f, "must be a date YYYY-MM-DD");
		for (size_t j = 0; j < i; j++)
			if (strcmp(jsonx_str(json_array_get(v, j), "date"), jsonx_str(h, "date")) == 0)
				return err_set(e, ERR_INVALID, f, "is given twice");
		snprintf(f, sizeof(f), "holidays[%zu].name", i);
		if (json_object_get(h, "name") &&
		    (!name || jsonx_utf8_chars(name) < 1 || jsonx_utf8_chars(name) > 200))
			return err_set(e, ERR_INVALID, f, "must be a text of 1 to 200 characters");
	}
	return 0;
}

static int write_sla(struct store *s, const json_t *v, struct err *e)
{
	size_t i;
	json_t *r;
	char f[32];
	int rc = json_is_array(v) ? 0
				  : err_set(e, ERR_INVALID, "sla", "must be an array of "
					    "{\"category\", \"priority\", \"hours\"}");

	json_array_foreach(v, i, r) {
		const json_t *h = json_object_get(r, "hours");
		int64_t min = 0;

		if (rc)
			break;
		snprintf(f, sizeof(f), "sla[%zu].hours", i);
		if (!json_is_number(h) || json_number_value(h) <= 0 || json_number_value(h) > 1000)
			return err_set(e, ERR_INVALID, f, "must be a number of working hours, "
				       "above 0 and at most 1000");
		min = (int64_t)(json_number_value(h) * 60.0 + 0.5);
		rc = store_desk_sla(s, jsonx_str(r, "category") ? jsonx_str(r, "category") : "",
				    jsonx_str(r, "priority") ? jsonx_str(r, "priority") : "", &min,
				    e);
		if (rc) {
			snprintf(e->field, sizeof(e->field), "sla[%zu]", i);
			return rc;
		}
		rc = store_desk_sla_set(s, jsonx_str(r, "category"), jsonx_str(r, "priority"),
					(int64_t)(json_number_value(h) * 60.0 + 0.5), e);
	}
	return rc;
}

static int settings_put_fn(struct store *s, void *ctx, struct err *e)
{
	static const char *const fields[] = {"time_zone", "open", "close", "days_off",
					     "risk_percent", "holidays", "sla", NULL};
	struct desk_run *x = ctx;
	const json_t *b = x->body, *risk = json_object_get(b, "risk_percent");
	const json_t *hol = json_object_get(b, "holidays");
	struct store_desk_cal c;
	const char *key, *tz = jsonx_str(b, "time_zone");
	json_t *v;
	int rc = admin_only(x->who, e);

	if (rc)
		return rc;
	if (!json_is_object(b))
		return err_set(e, ERR_BAD_REQUEST, "", "the body must be a JSON object");
	json_object_foreach((json_t *)b, key, v) {
		int known = 0;

		for (const char *const *f = fields; *f; f++)
			known |= strcmp(*f, key) == 0;
		if (!known)
			return err_set(e, ERR_INVALID, key, "is not a setting of the desk");
	}
	rc = store_desk_cal_read(s, &c, e);
	if (rc)
		return rc;
	if (json_object_get(b, "time_zone") && (!tz || !time_zone_iana(tz)))
		rc = err_set(e, ERR_INVALID, "time_zone", "must be an IANA time zone such as "
			     "Asia/Shanghai");
	else if (tz)
		snprintf(c.time_zone, sizeof(c.time_zone), "%s", tz);
	if (rc == 0)
		rc = read_hhmm(b, "open", 0, &c.open_min, e);
	if (rc == 0)
		rc = read_hhmm(b, "close", 1, &c.close_min, e);
	if (rc == 0 && c.open_min >= c.close_min)
		rc = err_set(e, ERR_INVALID, json_object_get(b, "close") ? "close" : "open",
			     "the desk must close after it opens");
	if (rc == 0)
		rc = read_days(b, &c.days_off, e);
	if (rc == 0 && risk && (!json_is_integer(risk) || json_integer_value(risk) < 1 ||
				json_integer_value(risk) > 99))
		rc = err_set(e, ERR_INVALID, "risk_percent", "must be an integer from 1 to 99");
	else if (rc == 0 && risk)
		c.risk_percent = (int32_t)json_integer_value(risk);
	if (rc == 0 && hol)
		rc = check_holidays(hol, e);
	if (rc == 0)
		rc = store_desk_settings_write(s, &c, hol, e);
	store_desk_cal_release(&c);
	if (rc == 0 && json_object_get(b, "sla"))
		rc = write_sla(s, json_object_get(b, "sla"), e);
	return rc ? rc : store_desk_settings(s, &x->out, e);
}

int service_desk_settings_put(struct service_conn *c, const struct service_caller *who,
			      const json_t *body, json_t **out, struct err *e)
{
	struct desk_run x = {.who = who, .body = body};

	return finish(store_atomic(c->store, settings_put_fn, &x, e), &x, out);
}

/* ---- the staff --------------------------------------------------------------------- */

static int staff_fn(struct store *s, void *ctx, struct err *e)
{
	struct desk_run *x = ctx;
	int rc = staff_only(s, x->who, e);

	return rc ? rc : store_desk_staff(s, &x->out, e);
}

int service_desk_staff_list(struct service_conn *c, const struct service_caller *who,
			    json_t **out, struct err *e)
{
	struct desk_run x = {.who = who};

	return finish(store_desk_read(c->store, staff_fn, &x, e), &x, out);
}

static int staff_set_fn(struct store *s, void *ctx, struct err *e)
{
	struct desk_run *x = ctx;
	const json_t *team = json_object_get(x->body, "team");
	const char *key;
	json_t *v;
	int rc = admin_only(x->who, e);

	if (rc)
		return rc;
	if (x->body) {
		if (!json_is_object(x->body))
			return err_set(e, ERR_BAD_REQUEST, "", "the body must be a JSON object");
		json_object_foreach((json_t *)x->body, key, v)
			if (strcmp(key, "team") != 0)
				return err_set(e, ERR_INVALID, key, "is not a field here (team is)");
		if (team && !json_is_null(team) &&
		    (!json_is_string(team) || jsonx_utf8_chars(json_string_value(team)) < 1 ||
		     jsonx_utf8_chars(json_string_value(team)) > 100))
			return err_set(e, ERR_INVALID, "team", "must be a text of 1 to 100 "
				       "characters");
	}
	return store_desk_staff_set(s, x->id, json_string_value(team), x->body == NULL, e);
}

int service_desk_staff_set(struct service_conn *c, const struct service_caller *who,
			   int64_t account, const json_t *body, struct err *e)
{
	struct desk_run x = {.who = who, .id = account, .body = body};

	return store_atomic(c->store, staff_set_fn, &x, e);
}

/* ---- suggestions ------------------------------------------------------------------- */

static int case_org_fn(struct store *s, void *ctx, struct err *e)
{
	struct desk_run *x = ctx;
	int rc = staff_only(s, x->who, e);

	return rc ? rc : store_case_get(s, x->id, &x->out, e);
}

int service_case_suggestions(struct service_conn *c, const struct service_caller *who,
			     int64_t id, json_t **out, struct err *e)
{
	struct desk_run x = {.who = who, .id = id};
	struct service_recommend_opts o;
	json_t *rec = NULL;
	int64_t org;
	int rc = finish(store_desk_read(c->store, case_org_fn, &x, e), &x, out);

	if (rc)
		return rc;
	org = json_integer_value(json_object_get(*out, "organisation_id"));
	json_decref(*out);
	*out = json_pack("{s:I, s:o, s:[]}", "case_id", (json_int_t)id, "organisation_id",
			 org ? json_integer(org) : json_null(), "partners");
	if (!org)
		return 0;
	service_recommend_opts_init(&o);
	o.top = 5;
	if (who->lang[0] && text_lang_parse(who->lang, strlen(who->lang)) != TEXT_LANG_UNKNOWN)
		o.lang = text_lang_parse(who->lang, strlen(who->lang));
	rc = service_recommend_org(c, org, &o, &rec, e);
	if (rc) {
		json_decref(*out);
		*out = NULL;
		return rc;
	}
	json_object_set(*out, "partners", json_object_get(rec, "matches"));
	json_decref(rec);
	return 0;
}
