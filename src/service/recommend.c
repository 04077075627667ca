/*
 * recommend.c - recommendations over the whole database: one prepared
 * matching corpus per process, rebuilt when the store's data version moves
 * (see recommend.h for the contract).
 *
 * Locking: rec.mu guards the cached corpus pointer and every corpus's
 * reference count, and is held only for pointer and counter updates.
 * rec.build serialises builds (and the one-time loading of the thesaurus
 * and language models); a build reads the database and prepares the new
 * corpus with rec.mu released, so queries on the old corpus go on. The
 * cache holds one reference and each running query one; the last release
 * frees a replaced corpus. A prepared corpus is read-only (match.h), so
 * queries rank on it concurrently.
 *
 * Ids: the corpus knows organisations and opportunities by their integer
 * ids as strings ("12"); rec_org keeps, by corpus index, what a match
 * shows besides the engine's score and reasons.
 */
#include "service/recommend.h"
#include "service/service_int.h"

#include "core/assets.h"
#include "core/jsonx.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "match/match.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* What a match shows of an organisation (strings owned, NULL when unset). */
struct rec_org {
	int64_t id;
	char *ref, *name, *kind, *country;
};

struct rec_corpus {
	struct match_corpus *c;
	struct rec_org *orgs; /* by corpus index */
	size_t n;
	size_t refused;	 /* organisations the engine refused (logged) */
	int64_t version; /* the data version it was read at */
	unsigned refs;	 /* under rec.mu */
};

static struct {
	pthread_mutex_t mu;    /* cur and every refs */
	pthread_mutex_t build; /* one build at a time; th, langid, loaded */
	struct rec_corpus *cur;
	struct text_thesaurus *th;
	struct text_langid *langid;
	int loaded;
	unsigned builds;
	double build_ms;
} rec = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, NULL, NULL, NULL, 0, 0, 0};

/* ---- options ------------------------------------------------------------------ */

void service_recommend_opts_init(struct service_recommend_opts *o)
{
	o->top = SERVICE_RECOMMEND_TOP_DEFAULT;
	o->lang = TEXT_LANG_EN;
}

static int read_top(const char *s, size_t *top, struct err *e)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > SERVICE_RECOMMEND_TOP_MAX)
		return err_set(e, ERR_BAD_REQUEST, "top", "must be an integer from 1 to %d",
			       SERVICE_RECOMMEND_TOP_MAX);
	*top = (size_t)v;
	return 0;
}

int service_recommend_opts_read(const json_t *query, struct service_recommend_opts *o,
				struct err *e)
{
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)query, key, v)
	{
		const char *s = json_string_value(v);

		if (!s)
			return err_set(e, ERR_BAD_REQUEST, key, "must be a string");
		if (strcmp(key, "top") == 0) {
			if (read_top(s, &o->top, e))
				return ERR_BAD_REQUEST;
		} else if (strcmp(key, "lang") == 0) {
			o->lang = text_lang_parse(s, strlen(s));
			if (o->lang == TEXT_LANG_UNKNOWN)
				return err_set(e, ERR_BAD_REQUEST, "lang",
					       "unknown language '%s' (a code such as en, zh, fr)",
					       s);
		} else {
			return err_set(e, ERR_BAD_REQUEST, key,
				       "unknown parameter (top and lang are accepted)");
		}
	}
	return 0;
}

/* ---- building a corpus ---------------------------------------------------------- */

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void rec_corpus_free(struct rec_corpus *rc)
{
	if (!rc)
		return;
	for (size_t i = 0; i < rc->n; i++) {
		free(rc->orgs[i].ref);
		free(rc->orgs[i].name);
		free(rc->orgs[i].kind);
		free(rc->orgs[i].country);
	}
	free(rc->orgs);
	match_corpus_free(rc->c);
	free(rc);
}

/* Loads the thesaurus and the language models once (under rec.build). */
static int load_text(struct err *e)
{
	struct asset a = assets_thesaurus();
	struct err le;
	int rc;

	if (rec.loaded)
		return 0;
	rc = text_thesaurus_load(&rec.th, a.data, a.len, e);
	if (rc) {
		err_prefix_field(e, "thesaurus");
		return ERR_INTERNAL;
	}
	err_clear(&le);
	if (text_langid_open(&rec.langid, NULL, &le) != 0)
		log_warn("recommendations: %s; languages are told by script and declared "
			 "languages only",
			 le.msg);
	rec.loaded = 1;
	return 0;
}

/* Removes "ref" from an organisation record and its opportunities (the engine has no refs). */
static void strip_refs(json_t *org)
{
	size_t i;
	json_t *opp;

	json_object_del(org, "ref");
	json_array_foreach(json_object_get(org, "opportunities"), i, opp)
	{
		json_object_del(opp, "ref");
	}
}

/* Adds one organisation record of store_match_source to the corpus; 1 when added. */
static int add_org(struct rec_corpus *rc, json_t *org)
{
	const char *validation = jsonx_str(org, "validation");
	struct rec_org *m;
	json_t *ref, *batch;
	struct err e;
	int added;

	if (validation && strcmp(validation, "rejected") == 0)
		return 0;
	if (!json_object_get(org, "description") && !json_object_get(org, "opportunities"))
		return 0;
	ref = json_incref(json_object_get(org, "ref"));
	strip_refs(org);
	batch = json_pack("{s:[O]}", "organisations", org);
	err_clear(&e);
	added = match_corpus_add_json(rc->c, batch, &e) == 0;
	json_decref(batch);
	if (!added && rc->refused++ < 5) /* the store checks the same rules: rare */
		log_warn("recommendations: organisation %s left out: %s: %s", jsonx_str(org, "id"),
			 e.field, e.msg);
	if (added) {
		m = &rc->orgs[rc->n++];
		m->id = strtoll(jsonx_str(org, "id"), NULL, 10);
		m->ref = dup_or_null(json_string_value(ref));
		m->name = dup_or_null(jsonx_str(org, "name"));
		m->kind = dup_or_null(jsonx_str(org, "kind"));
		m->country = dup_or_null(jsonx_str(org, "country"));
	}
	json_decref(ref);
	return added;
}

/* A prepared corpus from the document of store_match_source. */
static int corpus_from(json_t *doc, int64_t version, struct rec_corpus **out, struct err *e)
{
	const json_t *orgs = json_object_get(doc, "organisations");
	struct rec_corpus *rc = xcalloc(1, sizeof(*rc));
	size_t i;
	json_t *x;
	int r;

	rc->c = match_corpus_new(rec.th, rec.langid);
	rc->orgs = xcalloc(json_array_size(orgs) + 1, sizeof(*rc->orgs));
	rc->version = version;
	json_array_foreach(orgs, i, x)
	{
		(void)add_org(rc, x);
	}
	/* pairs naming an organisation left out have nothing to exclude */
	json_array_foreach(json_object_get(doc, "exclusions"), i, x)
	{
		const char *a = json_string_value(json_array_get(x, 0));
		const char *b = json_string_value(json_array_get(x, 1));

		(void)match_corpus_exclude(rc->c, a, b, NULL);
	}
	r = match_corpus_prepare(rc->c, 0, e);
	if (r) {
		rec_corpus_free(rc);
		return r;
	}
	*out = rc;
	return 0;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* Builds a corpus from the database (under rec.build). */
static int build(struct store *s, struct rec_corpus **out, struct err *e)
{
	double t0 = now_ms(), t1 = t0;
	json_t *doc = NULL;
	int64_t version = 0;
	int rc = load_text(e);

	if (rc == 0)
		rc = store_match_source(s, &doc, &version, e);
	if (rc == 0) {
		t1 = now_ms();
		rc = corpus_from(doc, version, out, e);
	}
	json_decref(doc);
	if (rc)
		return rc;
	rec.build_ms = now_ms() - t0;
	rec.builds++;
	log_info("recommendations: %zu organisations (data version %" PRId64 ", %zu refused) read "
		 "in %.0f ms, prepared in %.0f ms",
		 (*out)->n, version, (*out)->refused, t1 - t0, rec.build_ms - (t1 - t0));
	return 0;
}

/* ---- the cache -------------------------------------------------------------------- */

static void corpus_release(struct rec_corpus *rc)
{
	int last;

	if (!rc)
		return;
	pthread_mutex_lock(&rec.mu);
	last = --rc->refs == 0;
	pthread_mutex_unlock(&rec.mu);
	if (last)
		rec_corpus_free(rc);
}

/* The cached corpus with a new reference when it is at least as new as version. */
static struct rec_corpus *cached(int64_t version)
{
	struct rec_corpus *rc = NULL;

	pthread_mutex_lock(&rec.mu);
	if (rec.cur && rec.cur->version >= version) {
		rc = rec.cur;
		rc->refs++;
	}
	pthread_mutex_unlock(&rec.mu);
	return rc;
}

/* Makes rc the cached corpus; the caller keeps a reference too. */
static void install(struct rec_corpus *rc)
{
	struct rec_corpus *old;

	pthread_mutex_lock(&rec.mu);
	old = rec.cur;
	rec.cur = rc;
	rc->refs = 2;
	pthread_mutex_unlock(&rec.mu);
	corpus_release(old);
}

/* A corpus as new as the data s sees, with a reference to release. */
static int corpus_acquire(struct store *s, struct rec_corpus **out, struct err *e)
{
	int64_t version;
	int rc = store_data_version(s, &version, e);

	*out = NULL;
	if (rc)
		return rc;
	*out = cached(version);
	if (*out)
		return 0;
	pthread_mutex_lock(&rec.build);
	*out = cached(version); /* another query may have built it meanwhile */
	if (!*out) {
		rc = build(s, out, e);
		if (rc == 0)
			install(*out);
	}
	pthread_mutex_unlock(&rec.build);
	return rc;
}

json_t *service_recommend_status(void)
{
	json_t *o;

	pthread_mutex_lock(&rec.build);
	pthread_mutex_lock(&rec.mu);
	o = json_pack("{s:I, s:I, s:f, s:I}", "version",
		      (json_int_t)(rec.cur ? rec.cur->version : 0), "organisations",
		      (json_int_t)(rec.cur ? rec.cur->n : 0), "build_ms", rec.build_ms, "builds",
		      (json_int_t)rec.builds);
	pthread_mutex_unlock(&rec.mu);
	pthread_mutex_unlock(&rec.build);
	return o;
}

void service_recommend_cleanup(void)
{
	struct rec_corpus *old;

	pthread_mutex_lock(&rec.build);
	pthread_mutex_lock(&rec.mu);
	old = rec.cur;
	rec.cur = NULL;
	pthread_mutex_unlock(&rec.mu);
	corpus_release(old);
	text_langid_close(rec.langid);
	text_thesaurus_free(rec.th);
	rec.langid = NULL;
	rec.th = NULL;
	rec.loaded = 0;
	rec.builds = 0;
	rec.build_ms = 0;
	pthread_mutex_unlock(&rec.build);
}

/* ---- answers ------------------------------------------------------------------------ */

static void set_str(json_t *o, const char *key, const char *v)
{
	if (v)
		json_object_set_new(o, key, json_string(v));
}

/* The matches of l: the engine's score and reasons, with the API's ids and names. */
static json_t *matches_json(const struct rec_corpus *rc, const struct match_list *l,
			    enum text_lang lang)
{
	json_t *engine = match_list_json(rc->c, l, lang);
	json_t *arr = json_array();

	for (size_t i = 0; i < l->n; i++) {
		const json_t *m = json_array_get(json_object_get(engine, "matches"), i);
		const struct rec_org *org = &rc->orgs[l->hits[i].org];
		json_t *o = json_pack("{s:I}", "id", (json_int_t)org->id);

		set_str(o, "ref", org->ref);
		set_str(o, "name", org->name);
		set_str(o, "country", org->country);
		set_str(o, "kind", org->kind);
		json_object_set(o, "score", json_object_get(m, "score"));
		json_object_set(o, "reasons", json_object_get(m, "reasons"));
		json_array_append_new(arr, o);
	}
	json_decref(engine);
	return arr;
}

/* The corpus index of organisation id, or -1 when it takes no part. */
static int64_t find_org(const struct rec_corpus *rc, int64_t id)
{
	char key[24];

	snprintf(key, sizeof(key), "%" PRId64, id);
	return match_corpus_find(rc->c, key);
}

static void match_opts(const struct service_recommend_opts *o, struct match_options *mo)
{
	match_options_default(mo);
	mo->top = o->top;
}

/* {"id", "ref"?, then keys of row} for the head of an answer. */
static json_t *head_json(const json_t *row, const char *const *keys)
{
	json_t *o = json_pack("{s:O}", "id", json_object_get(row, "id"));

	for (; *keys; keys++)
		if (json_object_get(row, *keys))
			json_object_set(o, *keys, json_object_get(row, *keys));
	return o;
}

int service_recommend_org(struct service_conn *c, int64_t org,
			  const struct service_recommend_opts *o, json_t **out, struct err *e)
{
	struct store *s = c->store;
	static const char *const keys[] = {"ref", "name", NULL};
	struct rec_corpus *rc = NULL;
	struct match_options mo;
	struct match_list l = {0, -1, NULL, 0};
	json_t *row = NULL;
	int64_t idx = -1;
	int r;

	*out = NULL;
	r = store_get(s, STORE_ORGANISATION, org, &row, e);
	if (r == 0)
		r = corpus_acquire(s, &rc, e);
	if (r == 0)
		idx = find_org(rc, org);
	match_opts(o, &mo);
	if (r == 0 && idx >= 0)
		r = match_org(rc->c, (size_t)idx, &mo, &l, e);
	if (r == 0) {
		*out = head_json(row, keys);
		json_object_set_new(*out, "matches", matches_json(rc, &l, o->lang));
	}
	match_list_release(&l);
	corpus_release(rc);
	json_decref(row);
	return r;
}

/* Ranks for opportunity opp (a row of the store) of organisation org; [] when not matched. */
static int rank_opportunity(const struct rec_corpus *rc, int64_t org, int64_t opp,
			    const struct service_recommend_opts *o, json_t **matches, struct err *e)
{
	struct match_list l = {0, -1, NULL, 0};
	struct match_options mo;
	int64_t oi = find_org(rc, org), pi = -1;
	char key[24];
	int r = 0;

	snprintf(key, sizeof(key), "%" PRId64, opp);
	if (oi >= 0)
		pi = match_corpus_find_opp(rc->c, (size_t)oi, key);
	match_opts(o, &mo);
	if (pi >= 0)
		r = match_opportunity(rc->c, (size_t)oi, (size_t)pi, &mo, &l, e);
	*matches = r == 0 ? matches_json(rc, &l, o->lang) : NULL;
	match_list_release(&l);
	return r;
}

int service_recommend_opportunity(struct service_conn *c, int64_t opp,
				  const struct service_recommend_opts *o, json_t **out,
				  struct err *e)
{
	struct store *s = c->store;
	static const char *const keys[] = {"ref",   "title",	       "type",
					   "state", "organisation_id", NULL};
	struct rec_corpus *rc = NULL;
	json_t *row = NULL, *org = NULL, *matches = NULL;
	int64_t org_id = 0;
	int r;

	*out = NULL;
	r = store_get(s, STORE_OPPORTUNITY, opp, &row, e);
	if (r == 0) {
		org_id = json_integer_value(json_object_get(row, "organisation_id"));
		r = store_get(s, STORE_ORGANISATION, org_id, &org, e);
	}
	if (r == 0)
		r = corpus_acquire(s, &rc, e);
	if (r == 0)
		r = rank_opportunity(rc, org_id, opp, o, &matches, e);
	if (r == 0) {
		*out = head_json(row, keys);
		json_object_set(*out, "organisation", json_object_get(org, "name"));
		json_object_set_new(*out, "matches", matches);
	}
	corpus_release(rc);
	json_decref(row);
	json_decref(org);
	return r;
}

int service_recommend_batch(const json_t *batch, const char *query, size_t top,
			    enum text_lang lang, json_t **out, struct err *e)
{
	struct match_corpus *c;
	struct match_options mo;
	struct match_list l = {0, -1, NULL, 0};
	int64_t idx;
	int r;

	*out = NULL;
	pthread_mutex_lock(&rec.build);
	r = load_text(e);
	pthread_mutex_unlock(&rec.build);
	if (r)
		return r;
	c = match_corpus_new(rec.th, rec.langid);
	r = match_corpus_add_json(c, batch, e);
	idx = r == 0 ? match_corpus_find(c, query) : -1;
	if (r == 0 && idx < 0)
		r = err_set(e, ERR_INVALID, "id", "the batch has no %s", query);
	match_options_default(&mo);
	mo.top = top;
	mo.threads = 1;
	mo.cross_border = 0;
	if (r == 0)
		r = match_org(c, (size_t)idx, &mo, &l, e);
	if (r == 0)
		*out = match_list_json(c, &l, lang);
	match_list_release(&l);
	match_corpus_free(c);
	return r;
}
