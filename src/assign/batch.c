/*
 * batch.c - the batch document of a review assignment (batch.h): its
 * checks, the conflicts and costs it implies, and the result as JSON.
 */
#include "assign/batch.h"

#include "core/jsonx.h"
#include "core/xalloc.h"
#include "text/analyze.h"
#include "text/lang.h"
#include "text/thesaurus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ID_MAX 64

struct concepts {
	uint32_t *c;
	size_t n, size;
};

/* One side (a submission or a reviewer) while parsing. */
struct side {
	long org; /* index into the organisation map, -1 = none */
	char country[3];
	struct concepts k;
};

struct parse {
	struct assign_batch *b;
	const struct text_thesaurus *th;
	const struct text_langid *langid;
	struct text_analyzer *an;
	json_t *orgs;  /* organisation id -> index */
	json_t *subs;  /* submission id -> index */
	json_t *revs;  /* reviewer id -> index */
	struct side *s, *r;
	char path[96];
};

static int failf(struct parse *x, struct err *e, const char *field, const char *msg)
{
	char path[160];

	snprintf(path, sizeof(path), "%s%s%s", x->path, x->path[0] && field[0] ? "." : "", field);
	return err_set(e, ERR_INVALID, path, "%s", msg);
}

static int check_keys(struct parse *x, const json_t *obj, const char *const *known, struct err *e)
{
	const char *key;
	json_t *v;

	if (!json_is_object(obj))
		return failf(x, e, "", "must be an object");
	json_object_foreach((json_t *)obj, key, v) {
		const char *const *k = known;

		while (*k && strcmp(*k, key) != 0)
			k++;
		if (!*k)
			return failf(x, e, key, "is not a field of this record");
	}
	return 0;
}

static void concepts_add(struct concepts *k, uint32_t c)
{
	size_t i = 0;

	while (i < k->n && k->c[i] < c)
		i++;
	if (i < k->n && k->c[i] == c)
		return;
	if (k->n == k->size) {
		k->size = k->size ? 2 * k->size : 8;
		k->c = xreallocarray(k->c, k->size, sizeof(uint32_t));
	}
	memmove(k->c + i + 1, k->c + i, (k->n - i) * sizeof(uint32_t));
	k->c[i] = c;
	k->n++;
}

/* An id: a string of 1 to ID_MAX bytes, unique in map (index i). */
static int read_id(struct parse *x, const json_t *obj, json_t *map, size_t i, char **out,
		   struct err *e)
{
	const char *id = jsonx_str(obj, "id");

	if (!id || !id[0] || strlen(id) > ID_MAX)
		return failf(x, e, "id", "must be a string of 1 to 64 bytes");
	if (json_object_get(map, id))
		return failf(x, e, "id", "is given twice");
	json_object_set_new(map, id, json_integer((json_int_t)i));
	*out = xstrdup(id);
	return 0;
}

static int read_org(struct parse *x, const json_t *obj, struct side *sd, struct err *e)
{
	const json_t *o = json_object_get(obj, "organisation"), *c = json_object_get(obj, "country");
	const char *cs;

	sd->org = -1;
	if (o && !json_is_null(o)) {
		const char *id = json_string_value(o);
		json_t *at;

		if (!id || !id[0] || strlen(id) > ID_MAX)
			return failf(x, e, "organisation", "must be a string of 1 to 64 bytes");
		at = json_object_get(x->orgs, id);
		if (!at) {
			at = json_integer((json_int_t)json_object_size(x->orgs));
			json_object_set_new(x->orgs, id, at);
		}
		sd->org = (long)json_integer_value(at);
	}
	if (!c || json_is_null(c))
		return 0;
	cs = json_string_value(c);
	if (!cs || strlen(cs) != 2 || cs[0] < 'A' || cs[0] > 'Z' || cs[1] < 'A' || cs[1] > 'Z')
		return failf(x, e, "country", "must be an ISO 3166-1 code such as CN or FI");
	memcpy(sd->country, cs, 3);
	return 0;
}

/* obj[key]: an array of thesaurus concept ids, into k. */
static int read_concepts(struct parse *x, const json_t *obj, const char *key, struct concepts *k,
			 struct err *e)
{
	const json_t *arr = json_object_get(obj, key);
	char field[48];
	size_t i;
	json_t *v;

	if (!arr || json_is_null(arr))
		return 0;
	if (!json_is_array(arr))
		return failf(x, e, key, "must be an array of thesaurus concept ids");
	json_array_foreach(arr, i, v) {
		const char *id = json_string_value(v);
		int64_t c = id ? text_thesaurus_find(x->th, id, strlen(id)) : -1;

		snprintf(field, sizeof(field), "%s[%zu]", key, i);
		if (c < 0)
			return failf(x, e, field, "is not a concept of the thesaurus");
		concepts_add(k, (uint32_t)c);
	}
	return 0;
}

static int on_tag(void *ctx, const struct text_tag *tag)
{
	concepts_add(ctx, tag->concept);
	return 0;
}

/* The concepts the thesaurus finds in obj[key] (a string), into k. */
static int tag_text(struct parse *x, const json_t *obj, const char *key, enum text_lang lang,
		    struct concepts *k, struct err *e)
{
	const json_t *v = json_object_get(obj, key);
	const char *s = json_string_value(v);
	size_t n;

	if (!v || json_is_null(v))
		return 0;
	if (!s)
		return failf(x, e, key, "must be a string");
	n = strlen(s);
	if (lang == TEXT_LANG_UNKNOWN)
		lang = text_lang_detect(x->langid, s, n, NULL, 0);
	text_thesaurus_tag_text(x->th, x->an, s, n, lang, on_tag, k);
	return 0;
}

static int read_submission(struct parse *x, const json_t *obj, size_t i, struct err *e)
{
	static const char *const known[] = {"id", "organisation", "country", "track", "title",
					    "abstract", "themes", "language", NULL};
	const char *lang = jsonx_str(obj, "language");
	enum text_lang l = TEXT_LANG_UNKNOWN;
	struct side *sd = &x->s[i];
	int rc;

	snprintf(x->path, sizeof(x->path), "submissions[%zu]", i);
	rc = check_keys(x, obj, known, e);
	if (rc == 0)
		rc = read_id(x, obj, x->subs, i, &x->b->sub_id[i], e);
	if (rc == 0)
		rc = read_org(x, obj, sd, e);
	if (rc == 0 && lang) {
		l = text_lang_parse(lang, strlen(lang));
		if (l == TEXT_LANG_UNKNOWN)
			rc = failf(x, e, "language", "is not a language code this build knows");
	}
	if (rc == 0)
		rc = read_concepts(x, obj, "themes", &sd->k, e);
	if (rc == 0)
		rc = tag_text(x, obj, "title", l, &sd->k, e);
	if (rc == 0)
		rc = tag_text(x, obj, "abstract", l, &sd->k, e);
	return rc;
}

static int read_cap(struct parse *x, const json_t *obj, const char *key, unsigned *out,
		    struct err *e)
{
	const json_t *v = json_object_get(obj, key);

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 1000000)
		return failf(x, e, key, "must be an integer from 0 to 1000000");
	*out = (unsigned)json_integer_value(v);
	return 0;
}

static int read_reviewer(struct parse *x, const json_t *obj, size_t i, unsigned cap,
			 struct err *e)
{
	static const char *const known[] = {"id", "name", "organisation", "country", "expertise",
					    "cap", "conflicts", NULL};
	int rc;

	snprintf(x->path, sizeof(x->path), "reviewers[%zu]", i);
	x->b->cap[i] = cap;
	rc = check_keys(x, obj, known, e);
	if (rc == 0)
		rc = read_id(x, obj, x->revs, i, &x->b->rev_id[i], e);
	if (rc == 0)
		rc = read_org(x, obj, &x->r[i], e);
	if (rc == 0)
		rc = read_concepts(x, obj, "expertise", &x->r[i].k, e);
	if (rc == 0)
		rc = read_cap(x, obj, "cap", &x->b->cap[i], e);
	return rc;
}

static void conflict(struct assign_batch *b, size_t s, size_t r, enum assign_reason why)
{
	size_t k = s * b->p.nrev + r;

	if (b->pair[k] == ASSIGN_CONFLICT)
		return;
	b->pair[k] = ASSIGN_CONFLICT;
	b->why[k] = (unsigned char)why;
	b->conflicts[why]++;
}

/* A reviewer's "conflicts": submission ids. */
static int read_declared(struct parse *x, const json_t *obj, size_t r, struct err *e)
{
	const json_t *arr = json_object_get(obj, "conflicts");
	char field[48];
	size_t i;
	json_t *v;

	snprintf(x->path, sizeof(x->path), "reviewers[%zu]", r);
	if (!arr || json_is_null(arr))
		return 0;
	if (!json_is_array(arr))
		return failf(x, e, "conflicts", "must be an array of submission ids");
	json_array_foreach(arr, i, v) {
		const char *id = json_string_value(v);
		json_t *at = id ? json_object_get(x->subs, id) : NULL;

		snprintf(field, sizeof(field), "conflicts[%zu]", i);
		if (!at)
			return failf(x, e, field, "is not the id of a submission");
		conflict(x->b, (size_t)json_integer_value(at), r, ASSIGN_BY_DECLARED);
	}
	return 0;
}

/* The organisation of an agreement's party, or -1 when no record has it. */
static long org_of(struct parse *x, const json_t *v)
{
	const char *id = json_string_value(v);
	json_t *at = id ? json_object_get(x->orgs, id) : NULL;

	return at ? (long)json_integer_value(at) : -1;
}

static int read_agreements(struct parse *x, const json_t *doc, struct err *e)
{
	const json_t *arr = json_object_get(doc, "agreements");
	struct assign_batch *b = x->b;
	size_t i;
	json_t *v;

	x->path[0] = '\0';
	if (!arr || json_is_null(arr))
		return 0;
	if (!json_is_array(arr))
		return failf(x, e, "agreements", "must be an array of [organisation, organisation]");
	json_array_foreach(arr, i, v) {
		long a = org_of(x, json_array_get(v, 0)), c = org_of(x, json_array_get(v, 1));

		snprintf(x->path, sizeof(x->path), "agreements[%zu]", i);
		if (!json_is_array(v) || json_array_size(v) != 2 ||
		    !json_is_string(json_array_get(v, 0)) || !json_is_string(json_array_get(v, 1)))
			return failf(x, e, "", "must be [organisation, organisation] (two strings)");
		if (a < 0 || c < 0)
			continue; /* an organisation of no submission nor reviewer */
		for (size_t s = 0; s < b->p.nsub; s++) {
			long other = x->s[s].org == a ? c : x->s[s].org == c ? a : -1;

			for (size_t r = 0; other >= 0 && r < b->p.nrev; r++)
				if (x->r[r].org == other)
					conflict(b, s, r, ASSIGN_BY_AGREEMENT);
		}
	}
	return 0;
}

/* "fixed" or "forbidden": [{"submission", "reviewer"}]. */
static int read_overrides(struct parse *x, const json_t *doc, const char *key, struct err *e)
{
	const json_t *arr = json_object_get(doc, key);
	struct assign_batch *b = x->b;
	size_t i;
	json_t *v;

	x->path[0] = '\0';
	if (!arr || json_is_null(arr))
		return 0;
	if (!json_is_array(arr))
		return failf(x, e, key, "must be an array of {\"submission\", \"reviewer\"}");
	json_array_foreach(arr, i, v) {
		const char *sid = jsonx_str(v, "submission"), *rid = jsonx_str(v, "reviewer");
		json_t *s = sid ? json_object_get(x->subs, sid) : NULL;
		json_t *r = rid ? json_object_get(x->revs, rid) : NULL;
		size_t k;

		snprintf(x->path, sizeof(x->path), "%s[%zu]", key, i);
		if (!s)
			return failf(x, e, "submission", "is not the id of a submission");
		if (!r)
			return failf(x, e, "reviewer", "is not the id of a reviewer");
		k = (size_t)json_integer_value(s) * b->p.nrev + (size_t)json_integer_value(r);
		if (strcmp(key, "forbidden") == 0) {
			conflict(b, (size_t)json_integer_value(s), (size_t)json_integer_value(r),
				 ASSIGN_BY_OVERRIDE);
		} else if (b->pair[k] == ASSIGN_CONFLICT) {
			return failf(x, e, "reviewer", "has a conflict with this submission: a "
				     "conflicted pair is never assigned");
		} else if (b->pair[k] != ASSIGN_FIXED) {
			b->pair[k] = ASSIGN_FIXED;
			b->fixed++;
		}
	}
	return 0;
}

/* Organisation, country, costs. */
static void pairs(struct parse *x, int same_country)
{
	struct assign_batch *b = x->b;

	for (size_t s = 0; s < b->p.nsub; s++)
		for (size_t r = 0; r < b->p.nrev; r++) {
			const struct side *a = &x->s[s], *c = &x->r[r];

			b->cost[s * b->p.nrev + r] = assign_overlap_cost(c->k.c, c->k.n, a->k.c, a->k.n);
			if (a->org >= 0 && a->org == c->org)
				conflict(b, s, r, ASSIGN_BY_ORGANISATION);
			else if (same_country && a->country[0] && strcmp(a->country, c->country) == 0)
				conflict(b, s, r, ASSIGN_BY_COUNTRY);
		}
}

static int read_top(struct parse *x, const json_t *doc, unsigned *cap, int *same_country,
		    struct err *e)
{
	static const char *const known[] = {"reviews", "load_cap", "same_country", "reviewers",
					    "submissions", "agreements", "fixed", "forbidden", NULL};
	const json_t *n = json_object_get(doc, "reviews"), *sc = json_object_get(doc, "same_country");
	int rc = check_keys(x, doc, known, e);

	if (rc)
		return rc;
	if (!json_is_integer(n) || json_integer_value(n) < 1 ||
	    json_integer_value(n) > ASSIGN_MAX_REVIEWS)
		return failf(x, e, "reviews", "must be an integer from 1 to 50 (reviews per "
			     "submission)");
	x->b->p.reviews = (unsigned)json_integer_value(n);
	if (sc && !json_is_boolean(sc))
		return failf(x, e, "same_country", "must be true or false");
	*same_country = json_is_true(sc);
	if (!json_is_array(json_object_get(doc, "reviewers")) ||
	    !json_array_size(json_object_get(doc, "reviewers")))
		return failf(x, e, "reviewers", "must be a non-empty array");
	if (!json_is_array(json_object_get(doc, "submissions")))
		return failf(x, e, "submissions", "must be an array");
	*cap = (unsigned)json_array_size(json_object_get(doc, "submissions"));
	return read_cap(x, doc, "load_cap", cap, e);
}

static void alloc(struct assign_batch *b, size_t nsub, size_t nrev)
{
	b->p.nsub = nsub;
	b->p.nrev = nrev;
	b->sub_id = xcalloc(nsub + 1, sizeof(char *));
	b->rev_id = xcalloc(nrev + 1, sizeof(char *));
	b->cap = xcalloc(nrev + 1, sizeof(unsigned));
	b->cost = xcalloc(nsub * nrev + 1, sizeof(int));
	b->pair = xcalloc(nsub * nrev + 1, 1);
	b->why = xcalloc(nsub * nrev + 1, 1);
	b->p.cap = b->cap;
	b->p.cost = b->cost;
	b->p.pair = b->pair;
}

static int read_all(struct parse *x, const json_t *doc, struct err *e)
{
	const json_t *subs = json_object_get(doc, "submissions"), *revs;
	unsigned cap = 0;
	int same_country = 0, rc = read_top(x, doc, &cap, &same_country, e);
	size_t nsub, nrev;

	if (rc)
		return rc;
	revs = json_object_get(doc, "reviewers");
	nsub = json_array_size(subs);
	nrev = json_array_size(revs);
	if (nsub > ASSIGN_MAX_PAIRS / nrev)
		return failf(x, e, "submissions", "too many submissions x reviewers");
	alloc(x->b, nsub, nrev);
	x->s = xcalloc(nsub + 1, sizeof(struct side));
	x->r = xcalloc(nrev + 1, sizeof(struct side));
	for (size_t i = 0; rc == 0 && i < nsub; i++)
		rc = read_submission(x, json_array_get(subs, i), i, e);
	for (size_t i = 0; rc == 0 && i < nrev; i++)
		rc = read_reviewer(x, json_array_get(revs, i), i, cap, e);
	if (rc)
		return rc;
	pairs(x, same_country);
	for (size_t i = 0; rc == 0 && i < nrev; i++)
		rc = read_declared(x, json_array_get(revs, i), i, e);
	if (rc == 0)
		rc = read_agreements(x, doc, e);
	if (rc == 0)
		rc = read_overrides(x, doc, "forbidden", e);
	if (rc == 0)
		rc = read_overrides(x, doc, "fixed", e);
	return rc;
}

int assign_batch_parse(struct assign_batch *b, const json_t *doc, const struct text_thesaurus *th,
		       const struct text_langid *langid, struct err *e)
{
	struct parse x;
	int rc;

	memset(b, 0, sizeof(*b));
	memset(&x, 0, sizeof(x));
	x.b = b;
	x.th = th;
	x.langid = langid;
	if (!json_is_object(doc))
		return err_set(e, ERR_INVALID, "", "the batch must be a JSON object");
	if (text_analyzer_new(&x.an) != 0)
		return err_set(e, ERR_INTERNAL, NULL, "cannot start the text analyser");
	x.orgs = json_object();
	x.subs = json_object();
	x.revs = json_object();
	rc = read_all(&x, doc, e);
	for (size_t i = 0; x.s && i < b->p.nsub; i++)
		free(x.s[i].k.c);
	for (size_t i = 0; x.r && i < b->p.nrev; i++)
		free(x.r[i].k.c);
	free(x.s);
	free(x.r);
	json_decref(x.orgs);
	json_decref(x.subs);
	json_decref(x.revs);
	text_analyzer_free(x.an);
	return rc;
}

void assign_batch_release(struct assign_batch *b)
{
	for (size_t i = 0; b->sub_id && i < b->p.nsub; i++)
		free(b->sub_id[i]);
	for (size_t i = 0; b->rev_id && i < b->p.nrev; i++)
		free(b->rev_id[i]);
	free(b->sub_id);
	free(b->rev_id);
	free(b->cap);
	free(b->cost);
	free(b->pair);
	free(b->why);
	memset(b, 0, sizeof(*b));
}

static json_t *assignment_json(const struct assign_batch *b, const struct assign_result *r,
			       size_t s)
{
	json_t *revs = json_array();
	json_int_t total = 0;

	for (unsigned k = 0; k < r->reviews; k++) {
		uint32_t v = r->reviewer[s * r->reviews + k];
		int c = b->cost[s * b->p.nrev + v];

		total += c;
		json_array_append_new(revs, json_pack("{s:s, s:i, s:b}", "id", b->rev_id[v], "cost",
						      c, "fixed",
						      b->pair[s * b->p.nrev + v] == ASSIGN_FIXED));
	}
	return json_pack("{s:s, s:o, s:I}", "submission", b->sub_id[s], "reviewers", revs, "cost",
			 total);
}

json_t *assign_result_json(const struct assign_batch *b, const struct assign_result *r)
{
	json_t *as = json_array(), *rs = json_array();

	for (size_t s = 0; s < b->p.nsub; s++)
		json_array_append_new(as, assignment_json(b, r, s));
	for (size_t v = 0; v < b->p.nrev; v++)
		json_array_append_new(rs, json_pack("{s:s, s:i, s:i}", "id", b->rev_id[v], "load",
						    (int)r->load[v], "cap", (int)b->cap[v]));
	return json_pack("{s:o, s:o, s:{s:I, s:I, s:i, s:I, s:I, s:I, s:{s:I, s:I, s:I, s:I, s:I}}}",
			 "assignments", as, "reviewers", rs, "stats", "submissions",
			 (json_int_t)b->p.nsub, "reviewers", (json_int_t)b->p.nrev, "reviews",
			 (int)b->p.reviews, "slots", (json_int_t)(b->p.nsub * b->p.reviews),
			 "total_cost", (json_int_t)r->total_cost, "fixed", (json_int_t)b->fixed,
			 "conflicts", "declared", (json_int_t)b->conflicts[ASSIGN_BY_DECLARED],
			 "organisation", (json_int_t)b->conflicts[ASSIGN_BY_ORGANISATION], "country",
			 (json_int_t)b->conflicts[ASSIGN_BY_COUNTRY], "agreement",
			 (json_int_t)b->conflicts[ASSIGN_BY_AGREEMENT], "override",
			 (json_int_t)b->conflicts[ASSIGN_BY_OVERRIDE]);
}

int assign_batch_solve(const struct assign_batch *b, struct assign_result *r, struct err *e)
{
	int rc = assign_solve(&b->p, r, e);
	const char *colon;

	if (rc != ERR_CONFLICT || r->short_sub < 0 || !e)
		return rc;
	colon = strchr(e->msg, ':');
	if (colon)
		snprintf(e->msg + (colon - e->msg), sizeof(e->msg) - (size_t)(colon - e->msg),
			 ": submission %s has %u reviewers without a conflict for %u reviews",
			 b->sub_id[r->short_sub], r->eligible[r->short_sub], r->reviews);
	return rc;
}
