/*
 * input.c - the batch document of `liaison match` (DESIGN.md, "Batch
 * formats"; every field of docs/data-format.md) into a corpus.
 *
 * A "ref" (the API's batch id, which the store's readers add next to the
 * numeric "id") is accepted and not used.
 *
 * Every field is checked before anything is added, and the first problem
 * is reported with its JSON path, as the import does:
 * "organisations[3].opportunities[0].type: must be one of offer, request".
 * Strings are borrowed from the JSON document while adding (the corpus
 * copies them). Closed opportunities take no part in matching.
 */
#include "match/match_int.h"

#include "core/jsonx.h"
#include "core/xalloc.h"
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IN_NAME_MAX  300
#define IN_TEXT_MAX  10000
#define IN_SHORT_MAX 300

/* One organisation converted, with the arrays match_org_in points to. */
struct in_org {
	struct match_org_in in;
	const char **strs; /* languages, themes, sectors, interests, pillars */
	int *sdgs;
	struct match_opp_in *opps;
	const char **opp_strs;
	int *opp_sdgs;
};

static int in_fail(struct err *e, const char *path, const char *msg)
{
	return err_set(e, ERR_INVALID, path, "%s", msg);
}

/* path + "." + key (or "[i]") into out. */
static void in_path(char *out, size_t size, const char *path, const char *key)
{
	snprintf(out, size, "%s%s%s", path, *path ? "." : "", key);
}

static int in_charset(const char *s, const char *extra)
{
	for (; *s; s++) {
		char ch = *s;

		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || strchr(extra, ch)))
			return 0;
	}
	return 1;
}

static int in_ref(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= 64 && in_charset(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ._:-");
}

static int in_concept_id(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= 64 && in_charset(s, "-");
}

static int in_nace(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || s[0] < 'A' || s[0] > 'U')
		return 0;
	if (n == 1)
		return 1;
	if (n < 3 || s[1] < '0' || s[1] > '9' || s[2] < '0' || s[2] > '9')
		return 0;
	if (n == 3)
		return 1;
	if (s[3] != '.' || n < 5 || n > 6)
		return 0;
	return s[4] >= '0' && s[4] <= '9' && (n == 5 || (s[5] >= '0' && s[5] <= '9'));
}

static int in_country(const char *s)
{
	return strlen(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

static int in_choice(const char *s, const char *const *choices)
{
	for (size_t i = 0; choices[i]; i++)
		if (strcmp(s, choices[i]) == 0)
			return 1;
	return 0;
}

/* A string of at most max characters (min 1 when nonempty). */
static int in_string(const json_t *v, const char *path, size_t max, int nonempty, struct err *e)
{
	char msg[64];
	size_t n;

	if (!json_is_string(v))
		return in_fail(e, path, "must be a string");
	n = jsonx_utf8_chars(json_string_value(v));
	if (nonempty && n == 0)
		return in_fail(e, path, "must not be empty");
	if (n > max) {
		snprintf(msg, sizeof(msg), "must be at most %zu characters", max);
		return in_fail(e, path, msg);
	}
	if (strlen(json_string_value(v)) != json_string_length(v))
		return in_fail(e, path, "must not contain NUL characters");
	return 0;
}

/* An array of strings, each checked by ok (NULL: at most IN_SHORT_MAX chars). */
static int in_strings(const json_t *v, const char *path, int (*ok)(const char *), const char *what,
		      int unique, struct err *e)
{
	char p[256];
	size_t i;
	json_t *x;

	if (!json_is_array(v))
		return in_fail(e, path, "must be an array of strings");
	json_array_foreach(v, i, x)
	{
		snprintf(p, sizeof(p), "%s[%zu]", path, i);
		if (in_string(x, p, IN_SHORT_MAX, 1, e) != 0)
			return ERR_INVALID;
		if (ok && !ok(json_string_value(x)))
			return in_fail(e, p, what);
		for (size_t k = 0; unique && k < i; k++)
			if (strcmp(json_string_value(json_array_get(v, k)), json_string_value(x)) ==
			    0)
				return in_fail(e, p, "duplicate value");
	}
	return 0;
}

static int in_sdgs(const json_t *v, const char *path, struct err *e)
{
	char p[256];
	size_t i;
	json_t *x;

	if (!json_is_array(v))
		return in_fail(e, path, "must be an array of integers");
	json_array_foreach(v, i, x)
	{
		snprintf(p, sizeof(p), "%s[%zu]", path, i);
		if (!json_is_integer(x) || json_integer_value(x) < 1 || json_integer_value(x) > 17)
			return in_fail(e, p, "must be an integer from 1 to 17");
		for (size_t k = 0; k < i; k++)
			if (json_integer_value(json_array_get(v, k)) == json_integer_value(x))
				return in_fail(e, p, "duplicate value");
	}
	return 0;
}

static int in_date(const char *s)
{
	int y, m, d;
	char tail;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return 0;
	return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static int in_url(const char *s)
{
	return (strncmp(s, "http://", 7) == 0 && s[7]) || (strncmp(s, "https://", 8) == 0 && s[8]);
}

/* ---- fields ---- */

static const char *const kinds[] = {"city",   "region",	    "sme",	 "company",
				    "park",   "university", "institute", "association",
				    "agency", "other",	    NULL};
static const char *const sizes[] = {"micro", "small", "medium", "large", NULL};
static const char *const validations[] = {"pending", "validated", "rejected", NULL};
static const char *const types[] = {"offer", "request", NULL};
static const char *const categories[] = {"business", "technology", "research", "city", NULL};
static const char *const states[] = {"open", "closed", NULL};

/* A string field that must be one of choices (message lists them). */
static int in_enum(const json_t *v, const char *path, const char *const *choices, struct err *e)
{
	char msg[200] = "must be one of ";
	size_t n = strlen(msg);

	if (json_is_string(v) && in_choice(json_string_value(v), choices))
		return 0;
	for (size_t i = 0; choices[i]; i++) {
		int w = snprintf(msg + n, sizeof(msg) - n, "%s%s", i ? ", " : "", choices[i]);

		if (w < 0 || (size_t)w >= sizeof(msg) - n)
			break;
		n += (size_t)w;
	}
	return in_fail(e, path, msg);
}

static int in_opp_field(const char *key, const json_t *v, const char *p, struct err *e)
{
	if (!strcmp(key, "id") || !strcmp(key, "ref"))
		return json_is_string(v) && in_ref(json_string_value(v))
			   ? 0
			   : in_fail(e, p, "must be 1-64 of A-Z a-z 0-9 . _ : -");
	if (!strcmp(key, "type"))
		return in_enum(v, p, types, e);
	if (!strcmp(key, "category"))
		return in_enum(v, p, categories, e);
	if (!strcmp(key, "state"))
		return in_enum(v, p, states, e);
	if (!strcmp(key, "title"))
		return in_string(v, p, IN_NAME_MAX, 1, e);
	if (!strcmp(key, "description"))
		return in_string(v, p, IN_TEXT_MAX, 0, e);
	if (!strcmp(key, "themes"))
		return in_strings(v, p, in_concept_id, "must match [a-z0-9-]{1,64}", 1, e);
	if (!strcmp(key, "sdgs"))
		return in_sdgs(v, p, e);
	if (!strcmp(key, "partnership"))
		return in_strings(v, p, in_concept_id, "must match [a-z0-9-]{1,64}", 0, e);
	if (!strcmp(key, "target_countries"))
		return in_strings(v, p, in_country, "must be an ISO 3166-1 alpha-2 code", 1, e);
	if (!strcmp(key, "deadline"))
		return json_is_string(v) && in_date(json_string_value(v))
			   ? 0
			   : in_fail(e, p, "must be a date (YYYY-MM-DD)");
	return in_fail(e, p, "unknown field");
}

typedef int (*in_field_fn)(const char *key, const json_t *v, const char *p, struct err *e);

/* v is an object whose every member passes field (called with its path). */
static int in_fields(const json_t *v, const char *path, in_field_fn field, struct err *e)
{
	char p[256];
	const char *key;
	json_t *x;

	if (!json_is_object(v))
		return in_fail(e, path, "must be an object");
	json_object_foreach((json_t *)v, key, x)
	{
		in_path(p, sizeof(p), path, key);
		if (field(key, x, p, e) != 0)
			return ERR_INVALID;
	}
	return 0;
}

/* Fails with msg at path.key when v has no member key. */
static int in_require(const json_t *v, const char *path, const char *key, const char *msg,
		      struct err *e)
{
	char p[256];

	if (json_object_get(v, key))
		return 0;
	in_path(p, sizeof(p), path, key);
	return in_fail(e, p, msg);
}

static int in_opp(const json_t *v, const char *path, struct err *e)
{
	if (in_fields(v, path, in_opp_field, e) || in_require(v, path, "id", "is required", e) ||
	    in_require(v, path, "type", "is required (offer or request)", e) ||
	    in_require(v, path, "title", "is required", e))
		return ERR_INVALID;
	return 0;
}

static int in_opps(const json_t *v, const char *path, struct err *e)
{
	char p[256];
	size_t i;
	json_t *x;

	if (!json_is_array(v))
		return in_fail(e, path, "must be an array of opportunities");
	json_array_foreach(v, i, x)
	{
		snprintf(p, sizeof(p), "%s[%zu]", path, i);
		if (in_opp(x, p, e) != 0)
			return ERR_INVALID;
	}
	return 0;
}

static int in_org_text_field(const char *key, const json_t *v, const char *p, struct err *e)
{
	if (!strcmp(key, "name"))
		return in_string(v, p, IN_NAME_MAX, 1, e);
	if (!strcmp(key, "description"))
		return in_string(v, p, IN_TEXT_MAX, 0, e);
	if (!strcmp(key, "city"))
		return in_string(v, p, IN_SHORT_MAX, 0, e);
	if (!strcmp(key, "website"))
		return json_is_string(v) && in_url(json_string_value(v)) &&
			       strlen(json_string_value(v)) <= IN_SHORT_MAX
			   ? 0
			   : in_fail(e, p, "must be an http:// or https:// URL");
	if (!strcmp(key, "population"))
		return json_is_integer(v) && json_integer_value(v) >= 0
			   ? 0
			   : in_fail(e, p, "must be an integer >= 0");
	return 1; /* not one of these */
}

static int in_org_field(const char *key, const json_t *v, const char *p, struct err *e)
{
	int rc = in_org_text_field(key, v, p, e);

	if (rc <= 0)
		return rc;
	if (!strcmp(key, "id") || !strcmp(key, "ref"))
		return json_is_string(v) && in_ref(json_string_value(v))
			   ? 0
			   : in_fail(e, p, "must be 1-64 of A-Z a-z 0-9 . _ : -");
	if (!strcmp(key, "kind"))
		return in_enum(v, p, kinds, e);
	if (!strcmp(key, "size"))
		return in_enum(v, p, sizes, e);
	if (!strcmp(key, "validation"))
		return in_enum(v, p, validations, e);
	if (!strcmp(key, "country"))
		return json_is_string(v) && in_country(json_string_value(v))
			   ? 0
			   : in_fail(e, p, "must be an ISO 3166-1 alpha-2 code");
	if (!strcmp(key, "languages"))
		return in_strings(v, p, NULL, NULL, 1, e);
	if (!strcmp(key, "themes"))
		return in_strings(v, p, in_concept_id, "must match [a-z0-9-]{1,64}", 1, e);
	if (!strcmp(key, "sdgs"))
		return in_sdgs(v, p, e);
	if (!strcmp(key, "sectors"))
		return in_strings(v, p, in_nace, "must be a NACE code (H, H49, H49.3)", 1, e);
	if (!strcmp(key, "interests") || !strcmp(key, "pillar_industries"))
		return in_strings(v, p, NULL, NULL, 0, e);
	if (!strcmp(key, "opportunities"))
		return in_opps(v, p, e);
	return in_fail(e, p, "unknown field");
}

static int in_org(const json_t *v, const char *path, struct err *e)
{
	const json_t *desc, *opps;

	if (in_fields(v, path, in_org_field, e) || in_require(v, path, "id", "is required", e) ||
	    in_require(v, path, "name", "is required", e))
		return ERR_INVALID;
	desc = json_object_get(v, "description");
	opps = json_object_get(v, "opportunities");
	if (!desc && (!opps || json_array_size(opps) == 0))
		return in_fail(e, path, "needs a description or opportunities");
	return 0;
}

/* The organisation ids seen so far in the batch. */
struct in_seen {
	struct text_intern orgs;
};

/*
 * Organisation i's id is new, and its opportunities' ids are distinct
 * within it: an opportunity id is scoped to its organisation (DESIGN.md),
 * so two organisations may both have an "o1".
 */
static int in_unique(const struct match_corpus *c, struct in_seen *seen, const json_t *org,
		     size_t i, struct err *e)
{
	const char *id = json_string_value(json_object_get(org, "id"));
	char p[256];
	size_t k;
	json_t *y;
	int added;

	text_intern_add(&seen->orgs, id, strlen(id), &added);
	snprintf(p, sizeof(p), "organisations[%zu].id", i);
	if (!added || match_corpus_find(c, id) >= 0)
		return err_set(e, ERR_INVALID, p, "duplicate id '%s'", id);
	json_array_foreach(json_object_get(org, "opportunities"), k, y)
	{
		const char *oid = json_string_value(json_object_get(y, "id"));

		for (size_t j = 0; j < k; j++) {
			json_t *z = json_array_get(json_object_get(org, "opportunities"), j);

			if (strcmp(json_string_value(json_object_get(z, "id")), oid) != 0)
				continue;
			snprintf(p, sizeof(p), "organisations[%zu].opportunities[%zu].id", i, k);
			return err_set(e, ERR_INVALID, p, "duplicate id '%s' in this organisation",
				       oid);
		}
	}
	return 0;
}

/* ---- conversion ---- */

/* Points out[0..n) at the strings of array v (may be absent). */
static size_t in_collect(const json_t *v, const char **out)
{
	size_t i, n = 0;
	json_t *x;

	json_array_foreach(v, i, x) out[n++] = json_string_value(x);
	return n;
}

static size_t in_collect_ints(const json_t *v, int *out)
{
	size_t i, n = 0;
	json_t *x;

	json_array_foreach(v, i, x) out[n++] = (int)json_integer_value(x);
	return n;
}

static void in_convert_opps(const json_t *arr, struct in_org *o)
{
	size_t i, nstr = 0, nint = 0, n = 0;
	json_t *x;

	json_array_foreach(arr, i, x)
	{
		nstr += json_array_size(json_object_get(x, "themes"));
		nint += json_array_size(json_object_get(x, "sdgs"));
	}
	o->opps = xcalloc(json_array_size(arr) + 1, sizeof(*o->opps));
	o->opp_strs = xcalloc(nstr + 1, sizeof(*o->opp_strs));
	o->opp_sdgs = xcalloc(nint + 1, sizeof(*o->opp_sdgs));
	nstr = nint = 0;
	json_array_foreach(arr, i, x)
	{
		struct match_opp_in *p = &o->opps[n];
		const char *state = jsonx_str(x, "state");

		if (state && strcmp(state, "closed") == 0)
			continue;
		p->id = jsonx_str(x, "id");
		p->type = strcmp(jsonx_str(x, "type"), "offer") == 0 ? MATCH_OFFER : MATCH_REQUEST;
		p->title = jsonx_str(x, "title");
		p->description = jsonx_str(x, "description");
		p->themes = o->opp_strs + nstr;
		p->nthemes = in_collect(json_object_get(x, "themes"), o->opp_strs + nstr);
		nstr += p->nthemes;
		p->sdgs = o->opp_sdgs + nint;
		p->nsdgs = in_collect_ints(json_object_get(x, "sdgs"), o->opp_sdgs + nint);
		nint += p->nsdgs;
		n++;
	}
	o->in.opps = o->opps;
	o->in.nopps = n;
}

static void in_convert(const json_t *v, struct in_org *o)
{
	static const char *const lists[] = {"languages", "themes", "sectors", "interests",
					    "pillar_industries"};
	const char *const **dst[] = {&o->in.languages, &o->in.themes, &o->in.sectors,
				     &o->in.interests, &o->in.pillar_industries};
	size_t *cnt[] = {&o->in.nlanguages, &o->in.nthemes, &o->in.nsectors, &o->in.ninterests,
			 &o->in.npillar_industries};
	size_t total = 0, at = 0;

	memset(o, 0, sizeof(*o));
	for (size_t k = 0; k < 5; k++)
		total += json_array_size(json_object_get(v, lists[k]));
	o->strs = xcalloc(total + 1, sizeof(*o->strs));
	for (size_t k = 0; k < 5; k++) {
		*dst[k] = o->strs + at;
		*cnt[k] = in_collect(json_object_get(v, lists[k]), o->strs + at);
		at += *cnt[k];
	}
	o->sdgs = xcalloc(json_array_size(json_object_get(v, "sdgs")) + 1, sizeof(*o->sdgs));
	o->in.sdgs = o->sdgs;
	o->in.nsdgs = in_collect_ints(json_object_get(v, "sdgs"), o->sdgs);
	o->in.id = jsonx_str(v, "id");
	o->in.name = jsonx_str(v, "name");
	o->in.kind = jsonx_str(v, "kind");
	o->in.country = jsonx_str(v, "country");
	o->in.description = jsonx_str(v, "description");
	in_convert_opps(json_object_get(v, "opportunities"), o);
}

static void in_release(struct in_org *o)
{
	free(o->strs);
	free(o->sdgs);
	free(o->opps);
	free(o->opp_strs);
	free(o->opp_sdgs);
}

/* "exclusions": [["a", "b"], ...] naming known organisations. */
static int in_exclusions(const struct match_corpus *c, const json_t *v, const json_t *orgs,
			 struct err *e)
{
	char p[64];
	size_t i, k;
	json_t *x, *y;

	if (!json_is_array(v))
		return in_fail(e, "exclusions", "must be an array of pairs of organisation ids");
	json_array_foreach(v, i, x)
	{
		snprintf(p, sizeof(p), "exclusions[%zu]", i);
		if (!json_is_array(x) || json_array_size(x) != 2 ||
		    !json_is_string(json_array_get(x, 0)) || !json_is_string(json_array_get(x, 1)))
			return in_fail(e, p, "must be a pair of organisation ids");
		for (size_t j = 0; j < 2; j++) {
			const char *id = json_string_value(json_array_get(x, j));
			int found = match_corpus_find(c, id) >= 0;

			json_array_foreach(orgs, k, y) found |= strcmp(jsonx_str(y, "id"), id) == 0;
			snprintf(p, sizeof(p), "exclusions[%zu][%zu]", i, j);
			if (!found)
				return err_set(e, ERR_INVALID, p, "unknown organisation '%s'", id);
		}
	}
	return 0;
}

static int in_check(const struct match_corpus *c, const json_t *batch, struct err *e)
{
	const json_t *orgs = json_object_get(batch, "organisations");
	struct in_seen seen;
	const char *key;
	char p[64];
	size_t i;
	json_t *x;
	int rc = 0;

	if (!json_is_object(batch))
		return in_fail(e, NULL,
			       "the batch must be a JSON object {\"organisations\": [...]}");
	json_object_foreach((json_t *)batch, key,
			    x) if (strcmp(key, "organisations") != 0 &&
				   strcmp(key, "exclusions") != 0) return in_fail(e, key,
										  "unknown field");
	if (!json_is_array(orgs))
		return in_fail(e, "organisations", "must be an array of organisations");
	text_intern_init(&seen.orgs);
	json_array_foreach(orgs, i, x)
	{
		snprintf(p, sizeof(p), "organisations[%zu]", i);
		rc = in_org(x, p, e);
		if (rc == 0)
			rc = in_unique(c, &seen, x, i, e);
		if (rc != 0)
			break;
	}
	text_intern_release(&seen.orgs);
	if (rc != 0)
		return rc;
	x = json_object_get(batch, "exclusions");
	return x ? in_exclusions(c, x, orgs, e) : 0;
}

int match_corpus_add_json(struct match_corpus *c, const json_t *batch, struct err *e)
{
	const json_t *orgs, *excl;
	size_t i;
	json_t *x;
	int rc;

	rc = in_check(c, batch, e);
	if (rc != 0)
		return rc;
	orgs = json_object_get(batch, "organisations");
	json_array_foreach(orgs, i, x)
	{
		struct in_org o;

		in_convert(x, &o);
		rc = match_corpus_add(c, &o.in, e);
		in_release(&o);
		if (rc != 0) {
			char p[64];

			snprintf(p, sizeof(p), "organisations[%zu]", i);
			err_prefix_field(e, p);
			return rc;
		}
	}
	excl = json_object_get(batch, "exclusions");
	json_array_foreach(excl, i, x) match_corpus_exclude(
	    c, json_string_value(json_array_get(x, 0)), json_string_value(json_array_get(x, 1)), e);
	return 0;
}
