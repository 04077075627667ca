/*
 * network.c - the partner network (network.h): partners, their renewals
 * and activity log; the event series pages; the demo network; and the
 * field checks and helpers the expert pool shares (network_int.h).
 */
#include "service/network_int.h"

#include "core/assets.h"
#include "core/jsonx.h"
#include "core/time.h"
#include "service/case.h"
#include "service/report.h"
#include "store/cases.h"
#include "store/network.h"
#include "store/statistics.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- field checks ------------------------------------------------------------------ */

static int blank(const char *s)
{
	return strspn(s, " \t\r\n") == strlen(s);
}

static int text_ok(const json_t *v, int max)
{
	const char *s = json_string_value(v);
	size_t n = s ? jsonx_utf8_chars(s) : 0;

	return s && n >= 1 && n <= (size_t)max && !blank(s);
}

static int country_ok(const char *s)
{
	return s && strlen(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

static int concept_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n < 1 || n > 64)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return 0;
	return 1;
}

/* A BCP 47 tag as the project writes them: "zh", "pt-BR", "zh-Hant", "de-AT". */
static int lang_ok(const char *s)
{
	size_t n = 0;

	if (!s)
		return 0;
	while (s[n] >= 'a' && s[n] <= 'z')
		n++;
	if (n < 2 || n > 3)
		return 0;
	for (s += n; *s == '-';) {
		size_t k = 1;

		while ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
		       (s[k] >= '0' && s[k] <= '9'))
			k++;
		if (k < 3 || k > 9)
			return 0;
		s += k;
	}
	return *s == '\0';
}

static int email_ok(const char *s)
{
	const char *at = s ? strchr(s, '@') : NULL;

	return at && at > s && at[1] && !strchr(at + 1, '@') && strlen(s) <= 254 &&
	       !strpbrk(s, " \t\r\n<>,;\"");
}

static int url_ok(const char *s)
{
	return s && strlen(s) <= 300 && !strpbrk(s, " \t\r\n\"<>") &&
	       ((strncmp(s, "https://", 8) == 0 && s[8]) || (strncmp(s, "http://", 7) == 0 && s[7]));
}

static int choice_ok(const char *s, const char *choices)
{
	size_t n = s ? strlen(s) : 0;

	for (const char *p = choices; n && p && *p;) {
		const char *bar = strchr(p, '|');
		size_t k = bar ? (size_t)(bar - p) : strlen(p);

		if (k == n && strncmp(p, s, n) == 0)
			return 1;
		p = bar ? bar + 1 : NULL;
	}
	return 0;
}

/* Each item of array v passes ok (a string); field[i] is named otherwise. */
static int strings_ok(const json_t *v, const char *field, int (*ok)(const char *), size_t max,
		      const char *what, struct err *e)
{
	size_t i;
	json_t *x;

	if (!json_is_array(v) || json_array_size(v) > max)
		return err_set(e, ERR_INVALID, field, "must be an array of at most %zu %s", max, what);
	json_array_foreach(v, i, x)
		if (!ok(json_string_value(x)))
			return err_set(e, ERR_INVALID, field, "[%zu] must be %s", i, what);
	return 0;
}

static int contact_check(const json_t *c, size_t i, struct err *e)
{
	static const char *const keys[] = {"name", "role", "email", "phone", "languages", NULL};
	char f[48];
	const char *key;
	json_t *v;

	if (!json_is_object(c))
		return err_set(e, ERR_INVALID, "contacts", "[%zu] must be an object", i);
	json_object_foreach((json_t *)c, key, v) {
		const char *const *k = keys;

		while (*k && strcmp(*k, key) != 0)
			k++;
		snprintf(f, sizeof(f), "contacts[%zu].%s", i, key);
		if (!*k)
			return err_set(e, ERR_INVALID, f, "is not a field of a contact person");
		if ((strcmp(key, "name") == 0 || strcmp(key, "role") == 0) && !text_ok(v, 200))
			return err_set(e, ERR_INVALID, f, "must be a text of 1 to 200 characters");
		if (strcmp(key, "email") == 0 && !email_ok(json_string_value(v)))
			return err_set(e, ERR_INVALID, f, "must be an e-mail address");
		if (strcmp(key, "phone") == 0 && !text_ok(v, 40))
			return err_set(e, ERR_INVALID, f, "must be a phone number");
		if (strcmp(key, "languages") == 0 &&
		    strings_ok(v, f, lang_ok, 20, "language tags", e))
			return ERR_INVALID;
	}
	if (!json_object_get(c, "name")) {
		snprintf(f, sizeof(f), "contacts[%zu].name", i);
		return err_set(e, ERR_INVALID, f, "is required");
	}
	return 0;
}

static int texts_check(const json_t *v, const struct net_field *f, struct err *e)
{
	const char *key;
	json_t *t;
	char name[64];

	if (!json_is_object(v) || json_object_size(v) == 0 || json_object_size(v) > 20)
		return err_set(e, ERR_INVALID, f->name, "must be an object of texts by language, "
			       "{\"en\": \"...\", \"zh\": \"...\"}");
	json_object_foreach((json_t *)v, key, t) {
		snprintf(name, sizeof(name), "%s.%s", f->name, key);
		if (!lang_ok(key))
			return err_set(e, ERR_INVALID, name, "is not a language tag");
		if (!text_ok(t, f->max))
			return err_set(e, ERR_INVALID, name, "must be a text of 1 to %d characters",
				       f->max);
	}
	return 0;
}

static int id_check(struct store *s, const json_t *v, const struct net_field *f,
		    struct err *e)
{
	int yes = 0;
	int rc;

	if (!json_is_integer(v) || json_integer_value(v) < 1)
		return err_set(e, ERR_INVALID, f->name, "must be an id");
	rc = store_network_exists(s, f->table, json_integer_value(v), &yes, e);
	if (rc == 0 && !yes)
		rc = err_set(e, ERR_INVALID, f->name, "no row %" PRId64 " in %s",
			     (int64_t)json_integer_value(v), f->table);
	return rc;
}

static int field_check(struct store *s, const struct net_field *f, const json_t *v,
		       struct err *e)
{
	size_t i;
	json_t *x;

	switch (f->kind) {
	case NET_TEXT:
		return text_ok(v, f->max) ? 0 : err_set(e, ERR_INVALID, f->name, "must be a text of "
							"1 to %d characters", f->max);
	case NET_ENUM:
		return choice_ok(json_string_value(v), f->choices)
			       ? 0 : err_set(e, ERR_INVALID, f->name, "must be one of %s", f->choices);
	case NET_DATE:
		return json_is_string(v) && strlen(json_string_value(v)) == 10 &&
				       time_valid_date(json_string_value(v))
			       ? 0 : err_set(e, ERR_INVALID, f->name, "must be a date YYYY-MM-DD");
	case NET_COUNTRY:
		return country_ok(json_string_value(v))
			       ? 0 : err_set(e, ERR_INVALID, f->name, "must be a country code (ISO "
					     "3166-1 alpha-2, e.g. FR)");
	case NET_COUNTRIES:
		return strings_ok(v, f->name, country_ok, 100, "country codes (FR)", e);
	case NET_CONCEPTS:
		return strings_ok(v, f->name, concept_ok, 50, "thesaurus concept ids (mobility)", e);
	case NET_LANGS:
		return strings_ok(v, f->name, lang_ok, 20, "language tags (zh, en, pt-BR)", e);
	case NET_TEXTS:
		return texts_check(v, f, e);
	case NET_CONTACTS:
		if (!json_is_array(v) || json_array_size(v) > 20)
			return err_set(e, ERR_INVALID, f->name, "must be an array of at most 20 "
				       "contact persons");
		json_array_foreach(v, i, x)
			if (contact_check(x, i, e))
				return ERR_INVALID;
		return 0;
	case NET_ID:
		return id_check(s, v, f, e);
	case NET_INT:
		return json_is_integer(v) && json_integer_value(v) >= 0 &&
				       json_integer_value(v) <= f->max
			       ? 0 : err_set(e, ERR_INVALID, f->name, "must be an integer from 0 to %d",
					     f->max);
	case NET_EMAIL:
		return email_ok(json_string_value(v))
			       ? 0 : err_set(e, ERR_INVALID, f->name, "must be an e-mail address");
	case NET_URL:
		return url_ok(json_string_value(v))
			       ? 0 : err_set(e, ERR_INVALID, f->name, "must be an http(s) URL");
	}
	return err_set(e, ERR_INTERNAL, f->name, "unknown kind of field");
}

int net_merge(struct store *s, const struct net_field *fields, const json_t *body, json_t *row,
	      struct err *e)
{
	const char *key;
	json_t *v;

	if (!json_is_object(body))
		return err_set(e, ERR_BAD_REQUEST, "", "the body must be a JSON object");
	json_object_foreach((json_t *)body, key, v) {
		const struct net_field *f = fields;
		int rc;

		while (f->name && strcmp(f->name, key) != 0)
			f++;
		if (!f->name)
			return err_set(e, ERR_INVALID, key, "is not a field here");
		if (json_is_null(v)) {
			if (f->required)
				return err_set(e, ERR_INVALID, key, "is required");
			json_object_del(row, key);
			continue;
		}
		rc = field_check(s, f, v, e);
		if (rc)
			return rc;
		json_object_set(row, key, v);
	}
	for (const struct net_field *f = fields; f->name; f++)
		if (f->required && !json_object_get(row, f->name))
			return err_set(e, ERR_INVALID, f->name, "is required");
	return 0;
}

/* ---- days -------------------------------------------------------------------------- */

int64_t net_day(const char *date)
{
	struct tm tm = {0};
	int y, m, d;

	if (!date || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return 0;
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	return (int64_t)(timegm(&tm) / 86400);
}

void net_date(int64_t d, char out[16])
{
	time_t t = (time_t)(d * 86400 + 43200);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

void net_demo_date(const char *v, const char *today, char out[16])
{
	if (v && (v[0] == '+' || v[0] == '-'))
		net_date(net_day(today) + strtoll(v, NULL, 10), out);
	else
		snprintf(out, 16, "%s", v ? v : "");
}

int net_today(struct store *s, char today[16], struct err *e)
{
	struct store_desk_cal cal;
	struct time_zone *z;
	struct time_civil c;
	int rc = store_desk_cal_read(s, &cal, e);

	if (rc)
		return rc;
	z = time_zone_open(cal.time_zone);
	store_desk_cal_release(&cal);
	if (!z || time_zone_local(z, (int64_t)time(NULL), &c)) {
		time_zone_free(z);
		return err_set(e, ERR_INTERNAL, "time_zone", "cannot read the desk's time zone");
	}
	time_zone_free(z);
	snprintf(today, 16, "%04d-%02d-%02d", (int)c.year, (int)c.month, (int)c.day);
	return 0;
}

/* ---- who and how -------------------------------------------------------------------- */

int net_staff(struct store *s, const struct service_caller *who, int *yes, struct err *e)
{
	struct service_conn c = {s, 0};

	return service_desk_is_staff(&c, who, yes, e);
}

int net_staff_only(struct store *s, const struct service_caller *who, struct err *e)
{
	int yes = 0;
	int rc = net_staff(s, who, &yes, e);

	if (rc == 0 && !yes)
		rc = err_set(e, ERR_FORBIDDEN, NULL, "only the desk's staff may do this");
	return rc;
}

int net_run(struct service_conn *c, int (*fn)(struct store *, void *, struct err *),
	    struct net_run *x, int read, json_t **out, struct err *e)
{
	int rc = read ? store_desk_read(c->store, fn, x, e) : store_atomic(c->store, fn, x, e);

	if (rc) {
		json_decref(x->out);
		x->out = NULL;
	}
	*out = x->out;
	return rc;
}

int net_page(const char *key, const char *v, int *limit, int64_t *after, struct err *e)
{
	char *end;
	long long n = strtoll(v, &end, 10);

	if (strcmp(key, "limit") == 0) {
		if (*end || end == v || n < 1 || n > 200)
			return err_set(e, ERR_BAD_REQUEST, "limit", "must be from 1 to 200");
		*limit = (int)n;
		return 0;
	}
	if (*end || end == v || n < 0)
		return err_set(e, ERR_BAD_REQUEST, "cursor", "is not a cursor of this list");
	*after = n;
	return 0;
}

/* ---- partners ----------------------------------------------------------------------- */

static const struct net_field partner_fields[] = {
	{"name", NET_TEXT, 1, 300, NULL, NULL},
	{"kind", NET_ENUM, 1, 0, "association|chamber", NULL},
	{"country", NET_COUNTRY, 1, 0, NULL, NULL},
	{"city", NET_TEXT, 0, 300, NULL, NULL},
	{"website", NET_URL, 0, 0, NULL, NULL},
	{"organisation_id", NET_ID, 0, 0, NULL, "organisations"},
	{"description", NET_TEXT, 0, 10000, NULL, NULL},
	{"countries", NET_COUNTRIES, 0, 0, NULL, NULL},
	{"themes", NET_CONCEPTS, 0, 0, NULL, NULL},
	{"contacts", NET_CONTACTS, 0, 0, NULL, NULL},
	{"signed_on", NET_DATE, 1, 0, NULL, NULL},
	{"expires_on", NET_DATE, 0, 0, NULL, NULL},
	{"notice_days", NET_INT, 0, 3650, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

/* Sets "renewal" of partner p as of today (none when open-ended). */
static void renewal_view(json_t *p, const char *today)
{
	const char *exp = jsonx_str(p, "expires_on");
	int64_t end = net_day(exp), now = net_day(today);
	int64_t due = end - json_integer_value(json_object_get(p, "notice_days"));
	char due_on[16];

	if (!exp)
		return;
	net_date(due, due_on);
	json_object_set_new(p, "renewal", json_pack("{s:s, s:b, s:b, s:I}", "due_on", due_on, "due",
						    now >= due, "overdue", now > end, "days_left",
						    (json_int_t)(end - now)));
}

/* What the public sees of a partner: no contact persons. */
static void partner_shape(json_t *p, int staff, const char *today)
{
	renewal_view(p, today);
	if (!staff)
		json_object_del(p, "contacts");
}

static int partner_dates(const json_t *p, struct err *e)
{
	const char *exp = jsonx_str(p, "expires_on");

	if (exp && strcmp(exp, jsonx_str(p, "signed_on")) <= 0)
		return err_set(e, ERR_INVALID, "expires_on", "must be after signed_on");
	return 0;
}

static int partner_view(struct store *s, struct net_run *x, struct err *e)
{
	json_t *acts = NULL, *counts = NULL;
	size_t i;
	json_t *a;
	char today[16];
	int staff = 0;
	int rc = net_staff(s, x->who, &staff, e);

	if (rc == 0)
		rc = net_today(s, today, e);
	if (rc == 0)
		rc = store_partner_get(s, x->id, &x->out, e);
	if (rc == 0)
		rc = store_partner_activities(s, x->id, &acts, &counts, e);
	if (rc)
		return rc;
	partner_shape(x->out, staff, today);
	json_array_foreach(acts, i, a)
		if (!staff) {
			json_object_del(a, "note");
			json_object_del(a, "case_id");
			json_object_del(a, "created_by");
		}
	json_object_set_new(x->out, "activity_counts", counts);
	json_object_set_new(x->out, "activities", acts);
	return 0;
}

static int partner_write_fn(struct store *s, void *ctx, struct err *e)
{
	struct net_run *x = ctx;
	json_t *row = NULL;
	int rc = net_staff_only(s, x->who, e);

	if (rc == 0 && x->id)
		rc = store_partner_get(s, x->id, &row, e);
	if (rc)
		return rc;
	if (!row)
		row = json_pack("{s:i, s:[], s:[], s:[]}", "notice_days", 90, "countries", "themes",
				"contacts");
	rc = net_merge(s, partner_fields, x->body, row, e);
	if (rc == 0)
		rc = partner_dates(row, e);
	if (rc == 0)
		rc = store_partner_write(s, row, &x->id, e);
	json_decref(row);
	return rc ? rc : partner_view(s, x, e);
}

int service_partner_create(struct service_conn *c, const struct service_caller *who,
			   const json_t *body, json_t **out, struct err *e)
{
	struct net_run x = {.who = who, .body = body};

	return net_run(c, partner_write_fn, &x, 0, out, e);
}

int service_partner_update(struct service_conn *c, const struct service_caller *who,
			   int64_t id, const json_t *body, json_t **out, struct err *e)
{
	struct net_run x = {.who = who, .id = id, .body = body};

	return net_run(c, partner_write_fn, &x, 0, out, e);
}

static int partner_get_fn(struct store *s, void *ctx, struct err *e)
{
	return partner_view(s, ctx, e);
}

int service_partner_get(struct service_conn *c, const struct service_caller *who, int64_t id,
			json_t **out, struct err *e)
{
	struct net_run x = {.who = who, .id = id};

	return net_run(c, partner_get_fn, &x, 1, out, e);
}

static int partner_query(const json_t *query, struct store_partner_query *q, struct err *e)
{
	const char *key;
	json_t *v;

	memset(q, 0, sizeof(*q));
	q->limit = 50;
	json_object_foreach((json_t *)query, key, v) {
		const char *s = json_string_value(v);

		if (!s)
			return err_set(e, ERR_BAD_REQUEST, key, "must be a string");
		if (strcmp(key, "q") == 0 && jsonx_utf8_chars(s) >= 1 && jsonx_utf8_chars(s) <= 200)
			q->q = s;
		else if (strcmp(key, "country") == 0 && country_ok(s))
			q->country = s;
		else if (strcmp(key, "theme") == 0 && concept_ok(s))
			q->theme = s;
		else if (strcmp(key, "kind") == 0 && choice_ok(s, "association|chamber"))
			q->kind = s;
		else if (strcmp(key, "limit") == 0 || strcmp(key, "cursor") == 0) {
			if (net_page(key, s, &q->limit, &q->after, e))
				return ERR_BAD_REQUEST;
		} else if (!strcmp(key, "q") || !strcmp(key, "country") || !strcmp(key, "theme") ||
			   !strcmp(key, "kind"))
			return err_set(e, ERR_BAD_REQUEST, key, "is not a valid %s", key);
		else
			return err_set(e, ERR_BAD_REQUEST, key, "unknown parameter (q, country, theme, "
				       "kind, limit and cursor are accepted)");
	}
	return 0;
}

static int partner_list_fn(struct store *s, void *ctx, struct err *e)
{
	struct net_run *x = ctx;
	struct store_partner_query q;
	char today[16];
	size_t i;
	json_t *p;
	int staff = 0;
	int rc = partner_query(x->query, &q, e);

	if (rc == 0)
		rc = net_staff(s, x->who, &staff, e);
	if (rc == 0)
		rc = net_today(s, today, e);
	if (rc == 0)
		rc = store_partner_list(s, &q, &x->out, e);
	if (rc)
		return rc;
	json_array_foreach(json_object_get(x->out, "items"), i, p)
		partner_shape(p, staff, today);
	return 0;
}

int service_partner_list(struct service_conn *c, const struct service_caller *who,
			 const json_t *query, json_t **out, struct err *e)
{
	struct net_run x = {.who = who, .query = query};

	return net_run(c, partner_list_fn, &x, 1, out, e);
}

static int renewals_fn(struct store *s, void *ctx, struct err *e)
{
	struct net_run *x = ctx;
	const char *key;
	json_t *v, *items = NULL, *p;
	long long within = 90;
	char today[16], until[16];
	size_t i;
	int rc = net_staff_only(s, x->who, e);

	json_object_foreach((json_t *)x->query, key, v) {
		const char *t = json_string_value(v);
		char *end = NULL;

		if (rc)
			break;
		if (strcmp(key, "within") != 0)
			rc = err_set(e, ERR_BAD_REQUEST, key, "unknown parameter (within is accepted)");
		else if (t)
			within = strtoll(t, &end, 10);
		if (rc == 0 && (!t || !end || *end || end == t || within < 1 || within > 3650))
			rc = err_set(e, ERR_BAD_REQUEST, "within", "must be a number of days from 1 to "
				     "3650");
	}
	if (rc == 0)
		rc = net_today(s, today, e);
	if (rc)
		return rc;
	net_date(net_day(today) + within, until);
	rc = store_partner_expiring(s, until, &items, e);
	if (rc)
		return rc;
	json_array_foreach(items, i, p)
		partner_shape(p, 1, today);
	x->out = json_pack("{s:s, s:I, s:o}", "today", today, "within", (json_int_t)within, "items",
			   items);
	return 0;
}

int service_partner_renewals(struct service_conn *c, const struct service_caller *who,
			     const json_t *query, json_t **out, struct err *e)
{
	struct net_run x = {.who = who, .query = query};

	return net_run(c, renewals_fn, &x, 1, out, e);
}

static const struct net_field activity_fields[] = {
	{"kind", NET_ENUM, 1, 0, "event|delegation|referral_made|referral_received", NULL},
	{"date", NET_DATE, 1, 0, NULL, NULL},
	{"title", NET_TEXT, 1, 300, NULL, NULL},
	{"note", NET_TEXT, 0, 5000, NULL, NULL},
	{"event_id", NET_ID, 0, 0, NULL, "events"},
	{"case_id", NET_ID, 0, 0, NULL, "cases"},
	{NULL, 0, 0, 0, NULL, NULL},
};

static int activity_fn(struct store *s, void *ctx, struct err *e)
{
	struct net_run *x = ctx;
	json_t *p = NULL, *a = json_object();
	int rc = net_staff_only(s, x->who, e);

	if (rc == 0)
		rc = store_partner_get(s, x->id, &p, e);
	if (rc == 0)
		rc = net_merge(s, activity_fields, x->body, a, e);
	if (rc == 0 && json_object_get(a, "case_id") &&
	    !choice_ok(jsonx_str(a, "kind"), "referral_made|referral_received"))
		rc = err_set(e, ERR_INVALID, "case_id", "names the case of a referral only");
	if (rc == 0)
		rc = store_partner_activity_add(s, x->id, a, x->who->p->account, e);
	json_decref(p);
	json_decref(a);
	return rc ? rc : partner_view(s, x, e);
}

int service_partner_activity(struct service_conn *c, const struct service_caller *who,
			     int64_t id, const json_t *body, json_t **out, struct err *e)
{
	struct net_run x = {.who = who, .id = id, .body = body};

	return net_run(c, activity_fn, &x, 0, out, e);
}

static const struct net_field renew_fields[] = {
	{"expires_on", NET_DATE, 1, 0, NULL, NULL},
	{"signed_on", NET_DATE, 0, 0, NULL, NULL},
	{"note", NET_TEXT, 0, 5000, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static int renew_fn(struct store *s, void *ctx, struct err *e)
{
	struct net_run *x = ctx;
	json_t *p = NULL, *r = json_object(), *act = NULL;
	const char *old, *exp;
	char today[16];
	int rc = net_staff_only(s, x->who, e);

	if (rc == 0)
		rc = net_today(s, today, e);
	if (rc == 0)
		rc = store_partner_get(s, x->id, &p, e);
	if (rc == 0)
		rc = net_merge(s, renew_fields, x->body, r, e);
	if (rc) {
		json_decref(p);
		json_decref(r);
		return rc;
	}
	old = jsonx_str(p, "expires_on");
	exp = jsonx_str(r, "expires_on");
	if ((old && strcmp(exp, old) <= 0) || strcmp(exp, today) <= 0)
		rc = err_set(e, ERR_INVALID, "expires_on", "must be after the current expiry (%s) "
			     "and after today (%s)", old ? old : "none", today);
	json_object_set_new(p, "signed_on", json_string(jsonx_str(r, "signed_on")
							 ? jsonx_str(r, "signed_on") : today));
	json_object_set(p, "expires_on", json_object_get(r, "expires_on"));
	if (rc == 0)
		rc = partner_dates(p, e);
	if (rc == 0)
		rc = store_partner_write(s, p, &x->id, e);
	act = json_pack("{s:s, s:s, s:s}", "kind", "renewal", "date", today, "title", exp);
	if (jsonx_str(r, "note"))
		json_object_set(act, "note", json_object_get(r, "note"));
	if (rc == 0)
		rc = store_partner_activity_add(s, x->id, act, x->who->p->account, e);
	json_decref(act);
	json_decref(p);
	json_decref(r);
	return rc ? rc : partner_view(s, x, e);
}

int service_partner_renew(struct service_conn *c, const struct service_caller *who, int64_t id,
			  const json_t *body, json_t **out, struct err *e)
{
	struct net_run x = {.who = who, .id = id, .body = body};

	return net_run(c, renew_fn, &x, 0, out, e);
}

/* ---- event series --------------------------------------------------------------------- */

static int series_list_fn(struct store *s, void *ctx, struct err *e)
{
	struct net_run *x = ctx;
	json_t *items = NULL;
	int rc = net_staff_only(s, x->who, e);

	if (rc == 0)
		rc = store_series_list(s, &items, e);
	if (rc == 0)
		x->out = json_pack("{s:o}", "items", items);
	return rc;
}

int service_series_list(struct service_conn *c, const struct service_caller *who,
			json_t **out, struct err *e)
{
	struct net_run x = {.who = who};

	return net_run(c, series_list_fn, &x, 1, out, e);
}

static int series_get_fn(struct store *s, void *ctx, struct err *e)
{
	struct net_run *x = ctx;
	struct store_stats_scope sc = {0, NULL, 0, 0, (int64_t)time(NULL)};
	const char *key;
	json_t *v, *all = NULL, *eds = NULL, *ed;
	size_t i;
	int rc = net_staff_only(s, x->who, e);

	json_object_foreach((json_t *)x->query, key, v)
		if (rc == 0 && strcmp(key, "name") != 0)
			rc = err_set(e, ERR_BAD_REQUEST, key, "unknown parameter (name is accepted)");
	sc.series = jsonx_str(x->query, "name");
	if (rc == 0 && (!sc.series || !sc.series[0]))
		rc = err_set(e, ERR_BAD_REQUEST, "name", "is required: the series' name");
	if (rc == 0)
		rc = store_statistics_events(s, &sc, &eds, e);
	if (rc == 0 && json_array_size(eds) == 0)
		rc = err_set(e, ERR_NOT_FOUND, "name", "no event of the series %s", sc.series);
	if (rc == 0)
		rc = store_statistics(s, &sc, &all, e);
	json_array_foreach(eds, i, ed) {
		struct store_stats_scope one = {json_integer_value(json_object_get(ed, "id")), NULL, 0,
						0, sc.now};
		json_t *st = NULL;

		if (rc == 0)
			rc = store_statistics(s, &one, &st, e);
		if (rc == 0)
			json_object_set_new(ed, "statistics", st);
	}
	if (rc) {
		json_decref(eds);
		json_decref(all);
		return rc;
	}
	x->out = json_pack("{s:s, s:o, s:o}", "name", sc.series, "statistics", all, "editions", eds);
	return 0;
}

int service_series_get(struct service_conn *c, const struct service_caller *who,
		       const json_t *query, json_t **out, struct err *e)
{
	struct net_run x = {.who = who, .query = query};

	return net_run(c, series_get_fn, &x, 1, out, e);
}

/* ---- the demo network ------------------------------------------------------------------- */

/* Turns the relative dates ("+30", "-400") of keys of o into dates. */
static void demo_dates(json_t *o, const char *const *keys, const char *today)
{
	char d[16];

	for (; *keys; keys++)
		if (jsonx_str(o, *keys)) {
			net_demo_date(jsonx_str(o, *keys), today, d);
			json_object_set_new(o, *keys, json_string(d));
		}
}

static int demo_partner(struct store *s, const json_t *d, const char *today, struct err *e)
{
	json_t *p = json_deep_copy(d), *acts = json_incref(json_object_get(p, "activities"));
	json_t *row = json_pack("{s:i, s:[], s:[], s:[]}", "notice_days", 90, "countries", "themes",
				"contacts");
	const char *org = jsonx_str(d, "organisation");
	int64_t id = 0, oid = 0;
	size_t i;
	json_t *a;
	int rc = 0;

	json_object_del(p, "activities");
	json_object_del(p, "organisation");
	demo_dates(p, (const char *const[]){"signed_on", "expires_on", NULL}, today);
	if (org)
		rc = store_find_ref(s, STORE_ORGANISATION, org, &oid, e);
	if (rc == 0 && oid)
		json_object_set_new(p, "organisation_id", json_integer(oid));
	if (rc == 0)
		rc = net_merge(s, partner_fields, p, row, e);
	if (rc == 0)
		rc = store_partner_write(s, row, &id, e);
	json_array_foreach(acts, i, a) {
		json_t *act = json_deep_copy(a), *ok = json_object();
		const char *ev = jsonx_str(act, "event");
		int64_t eid = 0;

		demo_dates(act, (const char *const[]){"date", NULL}, today);
		if (rc == 0 && ev) {
			rc = store_find_ref(s, STORE_EVENT, ev, &eid, e);
			json_object_del(act, "event");
			json_object_set_new(act, "event_id", json_integer(eid));
		}
		if (rc == 0)
			rc = net_merge(s, activity_fields, act, ok, e);
		if (rc == 0)
			rc = store_partner_activity_add(s, id, ok, 0, e);
		json_decref(act);
		json_decref(ok);
	}
	json_decref(acts);
	json_decref(row);
	json_decref(p);
	return rc;
}

static int demo_fn(struct store *s, void *ctx, struct err *e)
{
	const json_t *doc = ctx, *d;
	char today[16], where[32];
	size_t i;
	int rc = net_today(s, today, e);

	json_array_foreach(json_object_get(doc, "partners"), i, d) {
		if (rc)
			break;
		rc = demo_partner(s, d, today, e);
		snprintf(where, sizeof(where), "partners[%zu]", i);
		if (rc)
			err_prefix_field(e, where);
	}
	json_array_foreach(json_object_get(doc, "experts"), i, d) {
		if (rc)
			break;
		rc = net_demo_expert(s, d, today, e);
		snprintf(where, sizeof(where), "experts[%zu]", i);
		if (rc)
			err_prefix_field(e, where);
	}
	return rc;
}

int service_network_load_demo(struct service_conn *c, struct err *e)
{
	struct asset net = assets_demo_network(), ser = assets_demo_series();
	json_t *doc = NULL, *eds = NULL, *none = json_pack("{s:[]}", "organisations");
	int rc = jsonx_parse(ser.data, ser.len, &eds, e);

	if (!rc)
		rc = store_load_demo(c->store, none, eds, e);
	if (rc)
		err_prefix_field(e, "series.json");
	if (!rc) {
		rc = jsonx_parse(net.data, net.len, &doc, e);
		if (!rc)
			rc = store_atomic(c->store, demo_fn, doc, e);
		if (rc)
			err_prefix_field(e, "network.json");
	}
	json_decref(doc);
	json_decref(eds);
	json_decref(none);
	return rc;
}
