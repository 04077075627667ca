/*
 * expert.c - the desk's expert pool (network.h): appointments, search,
 * assignments to cases, events and challenge juries (the jury through
 * service_jury_put, inside the same transaction), and the experts the
 * matching engine suggests for a case (service_recommend_batch over the
 * case and the pool).
 */
#include "service/network_int.h"

#include "core/jsonx.h"
#include "service/challenge.h"
#include "service/recommend.h"
#include "store/cases.h"
#include "store/network.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SUGGEST_TOP 5

static const struct net_field expert_fields[] = {
	{"name", NET_TEXT, 1, 200, NULL, NULL},
	{"title", NET_TEXT, 0, 300, NULL, NULL},
	{"organisation_id", NET_ID, 0, 0, NULL, "organisations"},
	{"account_id", NET_ID, 0, 0, NULL, "accounts"},
	{"email", NET_EMAIL, 0, 0, NULL, NULL},
	{"country", NET_COUNTRY, 0, 0, NULL, NULL},
	{"letter_ref", NET_TEXT, 0, 100, NULL, NULL},
	{"letter_date", NET_DATE, 1, 0, NULL, NULL},
	{"term_end", NET_DATE, 1, 0, NULL, NULL},
	{"field", NET_TEXT, 1, 200, NULL, NULL},
	{"concepts", NET_CONCEPTS, 0, 0, NULL, NULL},
	{"expertise", NET_TEXTS, 1, 5000, NULL, NULL},
	{"languages", NET_LANGS, 1, 0, NULL, NULL},
	{"availability", NET_ENUM, 0, 0, "available|limited|unavailable", NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

/* The private parts of an expert: the desk's only. */
static const char *const private_cols[] = {"email", "account_id", NULL};

static void expert_shape(json_t *x, int staff, const char *today)
{
	const char *from = jsonx_str(x, "letter_date"), *to = jsonx_str(x, "term_end");

	json_object_set_new(x, "in_term", json_boolean(from && to && strcmp(from, today) <= 0 &&
						       strcmp(today, to) <= 0));
	if (!staff)
		for (const char *const *c = private_cols; *c; c++)
			json_object_del(x, *c);
}

static int expert_view(struct store *s, struct net_run *x, struct err *e)
{
	json_t *as = NULL;
	char today[16];
	int staff = 0;
	int rc = net_staff(s, x->who, &staff, e);

	if (rc == 0)
		rc = net_today(s, today, e);
	if (rc == 0)
		rc = store_expert_get(s, x->id, &x->out, e);
	if (rc == 0 && staff)
		rc = store_expert_assignments(s, x->id, 0, &as, e);
	if (rc)
		return rc;
	expert_shape(x->out, staff, today);
	if (staff)
		json_object_set_new(x->out, "assignments", as);
	return 0;
}

static int expert_check(const json_t *x, struct err *e)
{
	if (strcmp(jsonx_str(x, "term_end"), jsonx_str(x, "letter_date")) <= 0)
		return err_set(e, ERR_INVALID, "term_end", "must be after letter_date");
	if (json_array_size(json_object_get(x, "languages")) == 0)
		return err_set(e, ERR_INVALID, "languages", "must name one language at least");
	return 0;
}

static int expert_write_fn(struct store *s, void *ctx, struct err *e)
{
	struct net_run *x = ctx;
	json_t *row = NULL;
	int rc = net_staff_only(s, x->who, e);

	if (rc == 0 && x->id)
		rc = store_expert_get(s, x->id, &row, e);
	if (rc)
		return rc;
	if (!row)
		row = json_pack("{s:s, s:[]}", "availability", "available", "concepts");
	rc = net_merge(s, expert_fields, x->body, row, e);
	if (rc == 0)
		rc = expert_check(row, e);
	if (rc == 0)
		rc = store_expert_write(s, row, &x->id, e);
	json_decref(row);
	return rc ? rc : expert_view(s, x, e);
}

int service_expert_create(struct service_conn *c, const struct service_caller *who,
			  const json_t *body, json_t **out, struct err *e)
{
	struct net_run x = {.who = who, .body = body};

	return net_run(c, expert_write_fn, &x, 0, out, e);
}

int service_expert_update(struct service_conn *c, const struct service_caller *who, int64_t id,
			  const json_t *body, json_t **out, struct err *e)
{
	struct net_run x = {.who = who, .id = id, .body = body};

	return net_run(c, expert_write_fn, &x, 0, out, e);
}

static int expert_get_fn(struct store *s, void *ctx, struct err *e)
{
	return expert_view(s, ctx, e);
}

int service_expert_get(struct service_conn *c, const struct service_caller *who, int64_t id,
		       json_t **out, struct err *e)
{
	struct net_run x = {.who = who, .id = id};

	return net_run(c, expert_get_fn, &x, 1, out, e);
}

/* A primary language subtag or a tag: "de", "pt-BR". */
static int lang_param(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz");

	return n >= 2 && n <= 3 && (s[n] == '\0' || s[n] == '-') && strlen(s) <= 35 &&
	       !strpbrk(s, "\"%_");
}

static int concept_param(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= 64 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

static int expert_query(const json_t *query, const char *today, struct store_expert_query *q,
			struct err *e)
{
	const char *key;
	json_t *v;

	memset(q, 0, sizeof(*q));
	q->limit = 50;
	json_object_foreach((json_t *)query, key, v) {
		const char *s = json_string_value(v);

		if (!s)
			return err_set(e, ERR_BAD_REQUEST, key, "must be a string");
		if (strcmp(key, "q") == 0) {
			if (jsonx_utf8_chars(s) > 200)
				return err_set(e, ERR_BAD_REQUEST, "q", "must be at most 200 characters");
			q->q = s;
		} else if (strcmp(key, "concept") == 0) {
			if (!concept_param(s))
				return err_set(e, ERR_BAD_REQUEST, key, "must be a thesaurus concept id");
			q->concept = s;
		} else if (strcmp(key, "lang") == 0) {
			if (!lang_param(s))
				return err_set(e, ERR_BAD_REQUEST, key, "must be a language tag (de, zh)");
			q->lang = s;
		} else if (strcmp(key, "availability") == 0) {
			if (strcmp(s, "available") && strcmp(s, "limited") && strcmp(s, "unavailable"))
				return err_set(e, ERR_BAD_REQUEST, key, "must be one of available, "
					       "limited, unavailable");
			q->availability = s;
		} else if (strcmp(key, "in_term") == 0) {
			if (strcmp(s, "true") && strcmp(s, "false"))
				return err_set(e, ERR_BAD_REQUEST, key, "must be true or false");
			q->on = strcmp(s, "true") == 0 ? today : NULL;
		} else if (strcmp(key, "limit") == 0 || strcmp(key, "cursor") == 0) {
			if (net_page(key, s, &q->limit, &q->after, e))
				return ERR_BAD_REQUEST;
		} else {
			return err_set(e, ERR_BAD_REQUEST, key, "unknown parameter (q, concept, lang, "
				       "availability, in_term, limit and cursor are accepted)");
		}
	}
	return 0;
}

struct list_run {
	struct net_run x;
	char today[16];
};

static int expert_list_fn(struct store *s, void *ctx, struct err *e)
{
	struct list_run *l = ctx;
	struct net_run *x = &l->x;
	struct store_expert_query q;
	size_t i;
	json_t *it;
	int staff = 0;
	int rc = net_today(s, l->today, e);

	if (rc == 0)
		rc = expert_query(x->query, l->today, &q, e);
	if (rc == 0)
		rc = net_staff(s, x->who, &staff, e);
	if (rc == 0)
		rc = store_expert_list(s, &q, &x->out, e);
	if (rc)
		return rc;
	json_array_foreach(json_object_get(x->out, "items"), i, it)
		expert_shape(it, staff, l->today);
	return 0;
}

int service_expert_list(struct service_conn *c, const struct service_caller *who,
			const json_t *query, json_t **out, struct err *e)
{
	struct list_run l = {.x = {.who = who, .query = query}};

	return net_run(c, expert_list_fn, &l.x, 1, out, e);
}

/* ---- assignments ----------------------------------------------------------------------- */

/* Joins the jury of challenge ch through the challenges' own workflow (same transaction). */
static int join_jury(struct store *s, const struct service_caller *who, const json_t *expert,
		     int64_t ch, struct err *e)
{
	struct service_conn c = {s, 0};
	int64_t account = json_integer_value(json_object_get(expert, "account_id"));
	json_t *body, *out = NULL;
	int rc;

	if (!account)
		return err_set(e, ERR_INVALID, "challenge_id", "expert %" PRId64 " has no account: "
			       "a jury member signs in to review (set account_id)",
			       (int64_t)json_integer_value(json_object_get(expert, "id")));
	body = json_pack("{s:O, s:[]}", "expertise", json_object_get(expert, "concepts"),
			 "conflicts");
	rc = service_jury_put(&c, who, ch, account, body, &out, e);
	json_decref(body);
	json_decref(out);
	return rc;
}

static int assign_target(const json_t *b, const char **kind, int64_t *target, const char **table,
			 struct err *e)
{
	static const char *const keys[][3] = {{"case_id", "case", "cases"},
					      {"event_id", "event", "events"},
					      {"challenge_id", "challenge", "challenges"}};
	const char *key;
	json_t *v;
	int n = 0;

	if (!json_is_object(b))
		return err_set(e, ERR_BAD_REQUEST, "", "the body must be a JSON object");
	json_object_foreach((json_t *)b, key, v) {
		size_t i;

		if (strcmp(key, "role") == 0) {
			if (!json_is_string(v) || !json_string_length(v) ||
			    jsonx_utf8_chars(json_string_value(v)) > 200)
				return err_set(e, ERR_INVALID, "role", "must be a text of 1 to 200 "
					       "characters");
			continue;
		}
		for (i = 0; i < 3 && strcmp(keys[i][0], key) != 0; i++)
			;
		if (i == 3)
			return err_set(e, ERR_INVALID, key, "is not a field here");
		if (!json_is_integer(v) || json_integer_value(v) < 1)
			return err_set(e, ERR_INVALID, key, "must be an id");
		*kind = keys[i][1];
		*table = keys[i][2];
		*target = json_integer_value(v);
		n++;
	}
	if (n != 1)
		return err_set(e, ERR_INVALID, "case_id", "name one of case_id, event_id and "
			       "challenge_id");
	return 0;
}

static int assign_fn(struct store *s, void *ctx, struct err *e)
{
	struct net_run *x = ctx;
	const char *kind = NULL, *table = NULL;
	char field[32], note[400];
	json_t *expert = NULL;
	int64_t target = 0;
	int yes = 0;
	int rc = net_staff_only(s, x->who, e);

	if (rc == 0)
		rc = store_expert_get(s, x->id, &expert, e);
	if (rc == 0)
		rc = assign_target(x->body, &kind, &target, &table, e);
	if (rc == 0)
		rc = store_network_exists(s, table, target, &yes, e);
	snprintf(field, sizeof(field), "%s_id", kind ? kind : "case");
	if (rc == 0 && !yes)
		rc = err_set(e, ERR_INVALID, field, "no %s %" PRId64, kind, target);
	if (rc == 0 && strcmp(jsonx_str(expert, "availability"), "unavailable") == 0)
		rc = err_set(e, ERR_CONFLICT, "availability", "expert %" PRId64 " is unavailable",
			     x->id);
	if (rc == 0)
		rc = store_expert_assign(s, x->id, kind, target, jsonx_str(x->body, "role"),
					 x->who->p->account, e);
	if (rc == 0 && strcmp(kind, "challenge") == 0)
		rc = join_jury(s, x->who, expert, target, e);
	if (rc == 0 && strcmp(kind, "case") == 0) {
		snprintf(note, sizeof(note), "Expert assigned: %s (%s)", jsonx_str(expert, "name"),
			 jsonx_str(expert, "field"));
		rc = store_case_post(s, target, "note", x->who->p->account, NULL, note, "en", NULL,
				     NULL, e);
	}
	json_decref(expert);
	return rc ? rc : expert_view(s, x, e);
}

int service_expert_assign(struct service_conn *c, const struct service_caller *who, int64_t id,
			  const json_t *body, json_t **out, struct err *e)
{
	struct net_run x = {.who = who, .id = id, .body = body};

	return net_run(c, assign_fn, &x, 0, out, e);
}

/* ---- suggestions for a case --------------------------------------------------------------- */

/* The expertise texts of x joined, with its field. */
static char *expert_text(const json_t *x)
{
	const char *key;
	json_t *v;
	size_t n = strlen(jsonx_str(x, "field")) + 2;
	char *t;

	json_object_foreach((json_t *)json_object_get(x, "expertise"), key, v)
		n += json_string_length(v) + 2;
	t = malloc(n);
	if (!t)
		return NULL;
	snprintf(t, n, "%s", jsonx_str(x, "field"));
	json_object_foreach((json_t *)json_object_get(x, "expertise"), key, v)
		snprintf(t + strlen(t), n - strlen(t), "\n%s", json_string_value(v));
	return t;
}

/* The batch: the case as "case", each expert in term and not unavailable as its id. */
static json_t *suggest_batch(const json_t *cs, const json_t *themes, const json_t *pool,
			     const char *today)
{
	json_t *orgs = json_array(), *q;
	char *text;
	size_t i;
	json_t *x;

	q = json_pack("{s:s, s:s, s:s, s:[s]}", "id", "case", "name", jsonx_str(cs, "subject"),
		      "kind", "other", "languages", jsonx_str(cs, "lang"));
	json_object_set_new(q, "description", json_sprintf("%s\n%s", jsonx_str(cs, "subject"),
							   jsonx_str(cs, "body")));
	if (json_array_size(themes))
		json_object_set(q, "themes", (json_t *)themes);
	json_array_append_new(orgs, q);
	json_array_foreach(pool, i, x) {
		char id[24];
		json_t *o;

		if (strcmp(jsonx_str(x, "availability"), "unavailable") == 0 ||
		    strcmp(jsonx_str(x, "term_end"), today) < 0)
			continue;
		snprintf(id, sizeof(id), "%" PRId64, (int64_t)json_integer_value(json_object_get(x, "id")));
		text = expert_text(x);
		o = json_pack("{s:s, s:s, s:s, s:O, s:O, s:s?}", "id", id, "name", jsonx_str(x, "name"),
			      "kind", "institute", "languages", json_object_get(x, "languages"),
			      "themes", json_object_get(x, "concepts"), "description", text);
		free(text);
		if (o)
			json_array_append_new(orgs, o);
	}
	return json_pack("{s:o}", "organisations", orgs);
}

/* The experts of the pool by id, for the answer. */
static const json_t *pool_find(const json_t *pool, const char *id)
{
	size_t i;
	json_t *x;

	json_array_foreach(pool, i, x)
		if (json_integer_value(json_object_get(x, "id")) == strtoll(id, NULL, 10))
			return x;
	return NULL;
}

static int suggest_rank(const json_t *cs, const json_t *themes, const json_t *pool,
			const char *today, json_t **experts, struct err *e)
{
	json_t *batch = suggest_batch(cs, themes, pool, today), *ranked = NULL, *m;
	size_t i;
	int rc;

	*experts = json_array();
	if (json_array_size(json_object_get(batch, "organisations")) < 2) {
		json_decref(batch);
		return 0;
	}
	rc = service_recommend_batch(batch, "case", SUGGEST_TOP, TEXT_LANG_EN, &ranked, e);
	json_array_foreach(json_object_get(ranked, "matches"), i, m) {
		const json_t *x = pool_find(pool, jsonx_str(m, "id"));

		if (x)
			json_array_append_new(*experts, json_pack("{s:O, s:O, s:O, s:O, s:O, s:O}",
								  "id", json_object_get(x, "id"),
								  "name", json_object_get(x, "name"),
								  "field", json_object_get(x, "field"),
								  "availability",
								  json_object_get(x, "availability"),
								  "score", json_object_get(m, "score"),
								  "reasons",
								  json_object_get(m, "reasons")));
	}
	json_decref(ranked);
	json_decref(batch);
	return rc;
}

/* Every expert of the pool (pages of the store's list). */
static int whole_pool(struct store *s, json_t **pool, struct err *e)
{
	struct store_expert_query q = {.limit = 200};
	int rc = 0;

	*pool = json_array();
	for (;;) {
		json_t *page = NULL;
		const char *next;

		rc = store_expert_list(s, &q, &page, e);
		if (rc)
			break;
		json_array_extend(*pool, json_object_get(page, "items"));
		next = jsonx_str(page, "next");
		q.after = next ? strtoll(next, NULL, 10) : 0;
		json_decref(page);
		if (!next)
			break;
	}
	return rc;
}

static int case_experts_fn(struct store *s, void *ctx, struct err *e)
{
	struct net_run *x = ctx;
	json_t *cs = NULL, *org = NULL, *pool = NULL, *experts = NULL, *assigned = NULL;
	int64_t oid;
	char today[16];
	int rc = net_staff_only(s, x->who, e);

	if (rc == 0)
		rc = net_today(s, today, e);
	if (rc == 0)
		rc = store_case_get(s, x->id, &cs, e);
	oid = rc == 0 ? json_integer_value(json_object_get(cs, "organisation_id")) : 0;
	if (rc == 0 && oid)
		rc = store_get(s, STORE_ORGANISATION, oid, &org, e);
	if (rc == 0)
		rc = whole_pool(s, &pool, e);
	if (rc == 0)
		rc = suggest_rank(cs, json_object_get(org, "themes"), pool, today, &experts, e);
	if (rc == 0)
		rc = store_expert_assignments(s, 0, x->id, &assigned, e);
	if (rc == 0)
		x->out = json_pack("{s:I, s:o, s:o}", "case_id", (json_int_t)x->id, "experts",
				   experts, "assigned", assigned);
	else {
		json_decref(experts);
		json_decref(assigned);
	}
	json_decref(cs);
	json_decref(org);
	json_decref(pool);
	return rc;
}

int service_case_experts(struct service_conn *c, const struct service_caller *who, int64_t id,
			 json_t **out, struct err *e)
{
	struct net_run x = {.who = who, .id = id};

	return net_run(c, case_experts_fn, &x, 1, out, e);
}

/* ---- the demo pool ------------------------------------------------------------------------- */

int net_demo_expert(struct store *s, const json_t *d, const char *today, struct err *e)
{
	json_t *x = json_deep_copy(d), *as = json_incref(json_object_get(x, "assignments"));
	json_t *row = json_pack("{s:s, s:[]}", "availability", "available", "concepts");
	const char *acct = jsonx_str(d, "account"), *org = jsonx_str(d, "organisation");
	char date[16];
	int64_t id = 0, n = 0;
	size_t i;
	json_t *a;
	int rc = 0;

	json_object_del(x, "assignments");
	json_object_del(x, "account");
	json_object_del(x, "organisation");
	for (const char *const *k = (const char *const[]){"letter_date", "term_end", NULL}; *k; k++) {
		net_demo_date(jsonx_str(x, *k), today, date);
		json_object_set_new(x, *k, json_string(date));
	}
	if (acct)
		rc = store_account_by_email(s, acct, &n, e);
	if (rc == 0 && n)
		json_object_set_new(x, "account_id", json_integer(n));
	if (rc == 0 && org)
		rc = store_find_ref(s, STORE_ORGANISATION, org, &n, e);
	if (rc == 0 && org)
		json_object_set_new(x, "organisation_id", json_integer(n));
	if (rc == 0)
		rc = net_merge(s, expert_fields, x, row, e);
	if (rc == 0)
		rc = store_expert_write(s, row, &id, e);
	/* assignments to the demo desk's cases, by subject */
	json_array_foreach(as, i, a) {
		int64_t cid = 0;

		if (rc == 0)
			rc = store_case_by_subject(s, jsonx_str(a, "case"), &cid, e);
		if (rc == 0 && !cid)
			rc = err_set(e, ERR_INVALID, "assignments", "no demo case %s",
				     jsonx_str(a, "case"));
		if (rc == 0)
			rc = store_expert_assign(s, id, "case", cid, jsonx_str(a, "role"), 0, e);
	}
	json_decref(as);
	json_decref(row);
	json_decref(x);
	return rc;
}
