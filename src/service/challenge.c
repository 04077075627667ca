/*
 * challenge.c - the challenge workflows (challenge.h): checks of a call,
 * its state machine, who may see and write what, the deadline in the
 * caller's time zone, and attachments sniffed by libmagic.
 */
#include "service/challenge.h"
#include "service/challenge_int.h"

#include "assign/batch.h"
#include "core/assets.h"
#include "core/jsonx.h"
#include "core/time.h"
#include "service/service_int.h"
#include "store/challenges.h"
#include "store/store.h"
#include "text/thesaurus.h"

#include <inttypes.h>
#include <magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const states[] = {"draft",     "open",    "closed",
				     "in_review", "decided", "announced"};
#define NSTATES (sizeof(states) / sizeof(states[0]))

static const char *const org_kinds[] = {"city", "region",    "sme",         "company", "park",
					"university", "institute", "association", "agency",  "other"};

static int state_index(const char *st)
{
	for (size_t i = 0; st && i < NSTATES; i++)
		if (strcmp(states[i], st) == 0)
			return (int)i;
	return -1;
}

/* ---- checks of a call ------------------------------------------------------- */

/* ERR_INVALID naming the first key of body not in known (NULL-terminated). */
static int fields_known(const json_t *body, const char *const *known, struct err *e)
{
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)body, key, v) {
		const char *const *k = known;

		while (*k && strcmp(*k, key) != 0)
			k++;
		if (!*k)
			return err_set(e, ERR_INVALID, key, "is not a field here");
	}
	return 0;
}

/* {"en": "...", "zh": "..."}: one text or more, by language tag. */
static int check_texts(const json_t *v, const char *field, int required, size_t max,
		       struct err *e)
{
	const char *lang;
	json_t *t;

	if (!v || json_is_null(v))
		return required ? err_set(e, ERR_INVALID, field, "is required: an object of texts "
					  "by language, such as {\"en\": \"...\", \"zh\": \"...\"}")
				: 0;
	if (!json_is_object(v) || !json_object_size(v))
		return err_set(e, ERR_INVALID, field, "must be an object of texts by language, "
			       "such as {\"en\": \"...\", \"zh\": \"...\"}");
	json_object_foreach((json_t *)v, lang, t) {
		size_t n = json_is_string(t) ? jsonx_utf8_chars(json_string_value(t)) : 0;
		size_t k = strlen(lang);
		char path[64];

		snprintf(path, sizeof(path), "%s.%s", field, lang);
		if (k < 2 || k > 12 || strspn(lang, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-") != k)
			return err_set(e, ERR_INVALID, path, "is not a language tag (en, zh, "
				       "pt-BR, ...)");
		if (n < 1 || n > max)
			return err_set(e, ERR_INVALID, path, "must be a text of 1 to %zu characters",
				       max);
	}
	return 0;
}

/* An RFC 3339 instant in body[key], rewritten in UTC ("...Z") into out. */
static int check_instant(json_t *body, const char *key, int64_t *epoch, struct err *e)
{
	const char *s = jsonx_str(body, key);
	struct time_civil c;
	char utc[TIME_RFC3339_LEN + 8];
	struct time_zone *z;

	if (!s || time_parse(s, epoch))
		return err_set(e, ERR_INVALID, key, "must be an instant with its offset "
			       "(RFC 3339: 2027-03-31T23:59:59+08:00)");
	z = time_zone_open("UTC");
	if (!z || time_zone_local(z, *epoch, &c)) {
		time_zone_free(z);
		return err_set(e, ERR_INTERNAL, key, "ICU cannot convert the instant");
	}
	time_zone_free(z);
	time_format(&c, true, utc, sizeof(utc));
	json_object_set_new(body, key, json_string(utc));
	return 0;
}

static int in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; s && i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

static int check_eligibility(const json_t *el, struct err *e)
{
	const json_t *kinds = json_object_get(el, "kinds"), *countries = json_object_get(el, "countries");
	size_t i;
	json_t *v;

	if (!el || json_is_null(el))
		return 0;
	if (!json_is_object(el))
		return err_set(e, ERR_INVALID, "eligibility", "must be {\"kinds\", \"countries\"}");
	if (kinds && !json_is_array(kinds))
		return err_set(e, ERR_INVALID, "eligibility.kinds", "must be an array");
	json_array_foreach(kinds, i, v)
		if (!in_list(json_string_value(v), org_kinds, 10))
			return err_set(e, ERR_INVALID, "eligibility.kinds", "must hold organisation "
				       "kinds (university, institute, company, sme, ...)");
	if (countries && !json_is_array(countries))
		return err_set(e, ERR_INVALID, "eligibility.countries", "must be an array");
	json_array_foreach(countries, i, v) {
		const char *c = json_string_value(v);

		if (!c || strlen(c) != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z')
			return err_set(e, ERR_INVALID, "eligibility.countries", "must hold ISO "
				       "3166-1 codes (CN, FI, ...)");
	}
	return 0;
}

/* [{"id", "label", "weight" > 0}], at least one. */
static int check_criteria(const json_t *cr, struct err *e)
{
	size_t i;
	json_t *v;

	if (!json_is_array(cr) || !json_array_size(cr) || json_array_size(cr) > 20)
		return err_set(e, ERR_INVALID, "criteria", "must be 1 to 20 criteria "
			       "[{\"id\", \"label\", \"weight\"}]");
	json_array_foreach(cr, i, v) {
		const char *id = jsonx_str(v, "id");
		const json_t *w = json_object_get(v, "weight");
		char path[48];
		int rc;

		snprintf(path, sizeof(path), "criteria[%zu].id", i);
		if (!id || !id[0] || strlen(id) > 64)
			return err_set(e, ERR_INVALID, path, "must be a string of 1 to 64 bytes");
		snprintf(path, sizeof(path), "criteria[%zu].weight", i);
		if (!json_is_number(w) || !(json_number_value(w) > 0) || json_number_value(w) > 100)
			return err_set(e, ERR_INVALID, path, "must be a number above 0, at most 100");
		snprintf(path, sizeof(path), "criteria[%zu].label", i);
		rc = check_texts(json_object_get(v, "label"), path, 1, 300, e);
		if (rc)
			return rc;
	}
	return 0;
}

static int check_track(struct store *s, const json_t *t, size_t i, struct err *e)
{
	const json_t *pilot = json_object_get(t, "pilot");
	const json_t *host = json_object_get(pilot, "host_organisation_id");
	const char *city = jsonx_str(pilot, "city");
	char path[64];
	json_t *org = NULL;
	int rc;

	snprintf(path, sizeof(path), "tracks[%zu].title", i);
	rc = check_texts(json_object_get(t, "title"), path, 1, 300, e);
	snprintf(path, sizeof(path), "tracks[%zu].description", i);
	if (rc == 0)
		rc = check_texts(json_object_get(t, "description"), path, 0, 10000, e);
	if (rc || !pilot || json_is_null(pilot))
		return rc;
	snprintf(path, sizeof(path), "tracks[%zu].pilot.city", i);
	if (city && (jsonx_utf8_chars(city) < 1 || jsonx_utf8_chars(city) > 300))
		return err_set(e, ERR_INVALID, path, "must be a text of 1 to 300 characters");
	if (!host || json_is_null(host))
		return 0;
	snprintf(path, sizeof(path), "tracks[%zu].pilot.host_organisation_id", i);
	if (!json_is_integer(host) ||
	    store_get(s, STORE_ORGANISATION, json_integer_value(host), &org, NULL))
		return err_set(e, ERR_INVALID, path, "is not the id of an organisation");
	json_decref(org);
	return 0;
}

static int check_challenge(struct store *s, json_t *b, struct err *e)
{
	static const char *const known[] = {"title", "description", "time_zone", "opens_at",
					    "closes_at", "themes", "sdgs", "eligibility",
					    "criteria", "prizes", "tracks", NULL};
	const json_t *tracks = json_object_get(b, "tracks");
	int64_t open = 0, close = 0;
	size_t i;
	json_t *t;
	int rc = fields_known(b, known, e);

	if (rc == 0)
		rc = check_texts(json_object_get(b, "title"), "title", 1, 300, e);
	if (rc == 0)
		rc = check_texts(json_object_get(b, "description"), "description", 0, 10000, e);
	if (rc == 0 && !(jsonx_str(b, "time_zone") && time_zone_iana(jsonx_str(b, "time_zone"))))
		rc = err_set(e, ERR_INVALID, "time_zone", "must be an IANA time zone "
			     "(Asia/Shanghai, Europe/Helsinki, ...)");
	if (rc == 0)
		rc = check_instant(b, "opens_at", &open, e);
	if (rc == 0)
		rc = check_instant(b, "closes_at", &close, e);
	if (rc == 0 && close <= open)
		rc = err_set(e, ERR_INVALID, "closes_at", "must be after opens_at");
	if (rc == 0)
		rc = check_eligibility(json_object_get(b, "eligibility"), e);
	if (rc == 0)
		rc = check_criteria(json_object_get(b, "criteria"), e);
	if (rc == 0 && (!json_is_array(tracks) || !json_array_size(tracks) ||
			json_array_size(tracks) > 20))
		rc = err_set(e, ERR_INVALID, "tracks", "must be 1 to 20 tracks");
	json_array_foreach(tracks, i, t) {
		if (rc)
			break;
		rc = check_track(s, t, i, e);
	}
	return rc;
}

/* ---- who -------------------------------------------------------------------- */

static int manages(struct store *s, const struct service_caller *who, int64_t id, int *yes,
		   struct err *e)
{
	*yes = who->p->admin;
	if (*yes || !who->p->account)
		return 0;
	return store_challenge_role(s, who->p->account, "organiser", id, yes, e);
}

static int judges(struct store *s, const struct service_caller *who, int64_t id, int *yes,
		  struct err *e)
{
	*yes = 0;
	if (!who->p->account)
		return 0;
	return store_challenge_role(s, who->p->account, "jury", id, yes, e);
}

static int represents(struct store *s, const struct service_caller *who, int64_t org, int *yes,
		      struct err *e)
{
	*yes = 0;
	if (!who->p->account || !org)
		return 0;
	return store_has_role(s, who->p->account, STORE_ROLE_REPRESENTATIVE, org, yes, e);
}

/* ---- time ------------------------------------------------------------------- */

/* instant (UTC "...Z") in time zone tz as RFC 3339 with its offset. */
static void local_time(const char *instant, const char *tz, char *out, size_t n)
{
	struct time_zone *z = time_zone_open(tz);
	struct time_civil c;
	int64_t t;

	snprintf(out, n, "%s", instant);
	if (z && time_parse(instant, &t) == 0 && time_zone_local(z, t, &c) == 0)
		time_format(&c, false, out, n);
	time_zone_free(z);
}

/* The caller's time zone (their person's), else the challenge's. */
static void caller_zone(struct store *s, const struct service_caller *who, const json_t *ch,
			char *out, size_t n)
{
	json_t *person = NULL;
	const char *tz = NULL;

	if (who->p->person && store_get(s, STORE_PERSON, who->p->person, &person, NULL) == 0)
		tz = jsonx_str(person, "time_zone");
	snprintf(out, n, "%s", tz && time_zone_known(tz) ? tz : jsonx_str(ch, "time_zone"));
	json_decref(person);
}

/* A shown challenge: its instants also in the organiser's time zone. */
static void show_challenge(json_t *ch)
{
	const char *tz = jsonx_str(ch, "time_zone");
	char t[TIME_RFC3339_LEN + 8];

	local_time(jsonx_str(ch, "opens_at"), tz, t, sizeof(t));
	json_object_set_new(ch, "opens_at_local", json_string(t));
	local_time(jsonx_str(ch, "closes_at"), tz, t, sizeof(t));
	json_object_set_new(ch, "closes_at_local", json_string(t));
}

/*
 * 0 when challenge ch takes submissions and their changes now: open, and
 * from opens_at to before closes_at (the exact second of closes_at is
 * already late). The refusal names the deadline in the caller's zone.
 */
static int taking(struct store *s, const struct service_caller *who, const json_t *ch,
		  struct err *e)
{
	const char *st = jsonx_str(ch, "state");
	int64_t open = 0, close = 0, now;
	struct timespec ts;
	char tz[64], at[TIME_RFC3339_LEN + 8];

	/* not time(): Linux answers it from a coarse clock, a tick behind the second */
	clock_gettime(CLOCK_REALTIME, &ts);
	now = (int64_t)ts.tv_sec;
	(void)time_parse(jsonx_str(ch, "opens_at"), &open);
	(void)time_parse(jsonx_str(ch, "closes_at"), &close);
	caller_zone(s, who, ch, tz, sizeof(tz));
	if (now >= close) {
		local_time(jsonx_str(ch, "closes_at"), tz, at, sizeof(at));
		return err_set(e, ERR_CONFLICT, "closes_at", "the deadline has passed: the call "
			       "closed at %s (%s time); submissions cannot be made or changed "
			       "after it", at, tz);
	}
	if (strcmp(st, "open") != 0)
		return err_set(e, ERR_CONFLICT, "state", "challenge %" PRId64 " is %s: it takes "
			       "submissions only while open",
			       (int64_t)json_integer_value(json_object_get(ch, "id")), st);
	if (now < open) {
		local_time(jsonx_str(ch, "opens_at"), tz, at, sizeof(at));
		return err_set(e, ERR_CONFLICT, "opens_at", "the call opens at %s (%s time)", at,
			       tz);
	}
	return 0;
}

/* ---- challenges ------------------------------------------------------------- */

struct run {
	const struct service_caller *who;
	int64_t id, aid;
	const json_t *body;
	const char *name;
	const void *data;
	size_t len;
	json_t *out;
};

static int create_fn(struct store *s, void *ctx, struct err *e)
{
	struct run *x = ctx;
	json_t *b = json_is_object(x->body) ? json_deep_copy(x->body) : NULL;
	int64_t id = 0;
	int rc;

	if (!x->who->p->admin)
		return err_set(e, ERR_FORBIDDEN, NULL, "only an admin creates a challenge");
	if (!b)
		return err_set(e, ERR_INVALID, "", "the body must be a JSON object");
	rc = check_challenge(s, b, e);
	if (rc == 0)
		rc = store_challenge_insert(s, b, &id, e);
	if (rc == 0)
		rc = store_challenge_get(s, id, &x->out, e);
	if (rc == 0)
		show_challenge(x->out);
	json_decref(b);
	return rc;
}

static int run_tx(struct service_conn *c, store_tx_fn fn, struct run *x, json_t **out,
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

int service_challenge_create(struct service_conn *c, const struct service_caller *who,
			     const json_t *body, json_t **out, struct err *e)
{
	struct run x = {who, 0, 0, body, NULL, NULL, 0, NULL};

	return run_tx(c, create_fn, &x, out, e);
}

/* The challenge as the caller may see it (a draft: managers only). */
static int visible(struct store *s, const struct service_caller *who, int64_t id, json_t **ch,
		   int *manager, struct err *e)
{
	int rc = store_challenge_get(s, id, ch, e);

	*manager = 0;
	if (rc == 0)
		rc = manages(s, who, id, manager, e);
	if (rc == 0 && !*manager && strcmp(jsonx_str(*ch, "state"), "draft") == 0)
		rc = err_set(e, ERR_NOT_FOUND, "id", "no challenge %" PRId64, id);
	if (rc) {
		json_decref(*ch);
		*ch = NULL;
	}
	return rc;
}

static int get_fn(struct store *s, void *ctx, struct err *e)
{
	struct run *x = ctx;
	int manager;
	int rc = visible(s, x->who, x->id, &x->out, &manager, e);

	if (rc == 0)
		show_challenge(x->out);
	return rc;
}

int service_challenge_get(struct service_conn *c, const struct service_caller *who, int64_t id,
			  json_t **out, struct err *e)
{
	struct run x = {who, id, 0, NULL, NULL, NULL, 0, NULL};

	return run_tx(c, get_fn, &x, out, e);
}

static int list_fn(struct store *s, void *ctx, struct err *e)
{
	struct run *x = ctx;
	json_t *all = NULL, *items = json_array(), *ch;
	size_t i;
	int rc = store_challenge_list(s, 1, &all, e);

	json_array_foreach(all, i, ch) {
		int manager = 0;

		if (rc)
			break;
		rc = manages(s, x->who, json_integer_value(json_object_get(ch, "id")), &manager, e);
		if (rc || (!manager && strcmp(jsonx_str(ch, "state"), "draft") == 0))
			continue;
		show_challenge(ch);
		json_array_append(items, ch);
	}
	json_decref(all);
	if (rc) {
		json_decref(items);
		return rc;
	}
	x->out = json_pack("{s:o}", "items", items);
	return 0;
}

int service_challenge_list(struct service_conn *c, const struct service_caller *who,
			   json_t **out, struct err *e)
{
	struct run x = {who, 0, 0, NULL, NULL, NULL, 0, NULL};

	return run_tx(c, list_fn, &x, out, e);
}

static int move_fn(struct store *s, void *ctx, struct err *e)
{
	struct run *x = ctx;
	const char *to = jsonx_str(x->body, "state");
	json_t *ch = NULL;
	int manager, from, want, rc = visible(s, x->who, x->id, &ch, &manager, e);

	if (rc == 0 && !manager)
		rc = err_set(e, ERR_FORBIDDEN, NULL, "only the challenge's organisers move it");
	want = state_index(to);
	if (rc == 0 && want < 0)
		rc = err_set(e, ERR_INVALID, "state", "must be one of draft, open, closed, "
			     "in_review, decided, announced");
	from = rc ? -1 : state_index(jsonx_str(ch, "state"));
	if (rc == 0 && want != from + 1)
		rc = from + 1 < (int)NSTATES
			     ? err_set(e, ERR_CONFLICT, "state", "challenge %" PRId64 " is %s: it "
				       "can move to %s, not %s", x->id, states[from],
				       states[from + 1], to)
			     : err_set(e, ERR_CONFLICT, "state", "challenge %" PRId64 " is %s: it "
				       "is final", x->id, states[from]);
	if (rc == 0)
		rc = store_challenge_set_state(s, x->id, to, e);
	if (rc == 0)
		rc = store_challenge_get(s, x->id, &x->out, e);
	if (rc == 0)
		show_challenge(x->out);
	json_decref(ch);
	return rc;
}

int service_challenge_move(struct service_conn *c, const struct service_caller *who, int64_t id,
			   const json_t *body, json_t **out, struct err *e)
{
	struct run x = {who, id, 0, body, NULL, NULL, 0, NULL};

	return run_tx(c, move_fn, &x, out, e);
}

/* ---- submissions ------------------------------------------------------------ */

static int check_links(const json_t *links, struct err *e)
{
	size_t i;
	json_t *v;

	if (!links || json_is_null(links))
		return 0;
	if (!json_is_array(links) || json_array_size(links) > 20)
		return err_set(e, ERR_INVALID, "links", "must be an array of at most 20 URLs");
	json_array_foreach(links, i, v) {
		const char *u = json_string_value(v);
		char path[32];

		snprintf(path, sizeof(path), "links[%zu]", i);
		if (!u || strlen(u) > 300 ||
		    !(strncmp(u, "https://", 8) == 0 || strncmp(u, "http://", 7) == 0) ||
		    strlen(u) < 10)
			return err_set(e, ERR_INVALID, path, "must be an http:// or https:// URL");
	}
	return 0;
}

static int check_team(const json_t *team, struct err *e)
{
	size_t i;
	json_t *v;

	if (!team || json_is_null(team))
		return 0;
	if (!json_is_array(team) || json_array_size(team) > 50)
		return err_set(e, ERR_INVALID, "team", "must be an array of at most 50 members");
	json_array_foreach(team, i, v) {
		const char *name = jsonx_str(v, "name"), *role = jsonx_str(v, "role");
		char path[32];

		snprintf(path, sizeof(path), "team[%zu].name", i);
		if (!name || jsonx_utf8_chars(name) < 1 || jsonx_utf8_chars(name) > 300)
			return err_set(e, ERR_INVALID, path, "must be a name of 1 to 300 characters");
		snprintf(path, sizeof(path), "team[%zu].role", i);
		if (json_object_get(v, "role") && (!role || jsonx_utf8_chars(role) > 300))
			return err_set(e, ERR_INVALID, path, "must be a text of at most 300 "
				       "characters");
	}
	return 0;
}

/* The fields of a submission body (create: title and abstract required). */
static int check_submission(struct store *s, const json_t *b, const json_t *ch, int create,
			    struct err *e)
{
	static const char *const create_known[] = {"track_id", "organisation_id", "title",
						   "abstract", "team", "links", NULL};
	static const char *const update_known[] = {"track_id", "title", "abstract", "team",
						   "links", NULL};
	const json_t *track = json_object_get(b, "track_id"), *t;
	const char *title = jsonx_str(b, "title"), *abstract = jsonx_str(b, "abstract");
	int rc = fields_known(b, create ? create_known : update_known, e);
	int found = 0;
	size_t i;

	(void)s;
	if (rc)
		return rc;
	if ((create || json_object_get(b, "title")) &&
	    (!title || jsonx_utf8_chars(title) < 1 || jsonx_utf8_chars(title) > 300))
		return err_set(e, ERR_INVALID, "title", "must be a text of 1 to 300 characters");
	if ((create || json_object_get(b, "abstract")) &&
	    (!abstract || jsonx_utf8_chars(abstract) < 1 || jsonx_utf8_chars(abstract) > 10000))
		return err_set(e, ERR_INVALID, "abstract", "must be a text of 1 to 10000 "
			       "characters");
	json_array_foreach(json_object_get(ch, "tracks"), i, t)
		found |= json_equal(json_object_get(t, "id"), (json_t *)track);
	if ((create || track) && !found)
		return err_set(e, ERR_INVALID, "track_id", "is not a track of challenge %" PRId64,
			       (int64_t)json_integer_value(json_object_get(ch, "id")));
	rc = check_team(json_object_get(b, "team"), e);
	return rc ? rc : check_links(json_object_get(b, "links"), e);
}

/* The call's eligibility for organisation org. */
static int eligible(struct store *s, const json_t *ch, int64_t org, struct err *e)
{
	const json_t *el = json_object_get(ch, "eligibility");
	const json_t *kinds = json_object_get(el, "kinds"), *countries = json_object_get(el, "countries");
	json_t *o = NULL, *v;
	const char *kind, *country;
	int ok_kind = !json_array_size(kinds), ok_country = !json_array_size(countries), rc;
	size_t i;

	rc = store_get(s, STORE_ORGANISATION, org, &o, e);
	if (rc)
		return rc == ERR_NOT_FOUND ? err_set(e, ERR_INVALID, "organisation_id", "is not "
						     "the id of an organisation")
					   : rc;
	kind = jsonx_str(o, "kind");
	country = jsonx_str(o, "country");
	json_array_foreach(kinds, i, v)
		ok_kind |= kind && strcmp(kind, json_string_value(v)) == 0;
	json_array_foreach(countries, i, v)
		ok_country |= country && strcmp(country, json_string_value(v)) == 0;
	if (!ok_kind)
		rc = err_set(e, ERR_INVALID, "organisation_id", "organisation %" PRId64 " is %s %s: "
			     "this call is open to other kinds of organisations", org,
			     kind ? "of kind" : "of no", kind ? kind : "kind");
	else if (!ok_country)
		rc = err_set(e, ERR_INVALID, "organisation_id", "organisation %" PRId64 " is in %s: "
			     "this call is open to organisations of other countries", org,
			     country ? country : "no country");
	json_decref(o);
	return rc;
}

int service_challenge_check(struct store *s, json_t *body, struct err *e)
{
	return check_challenge(s, body, e);
}

int service_submission_check(struct store *s, const json_t *body, const json_t *ch,
			     struct err *e)
{
	int64_t org = json_integer_value(json_object_get(body, "organisation_id"));
	int rc = org > 0 ? eligible(s, ch, org, e)
			 : err_set(e, ERR_INVALID, "organisation_id", "is required: the "
				   "organisation that submits");

	return rc ? rc : check_submission(s, body, ch, 1, e);
}

static int sub_create_fn(struct store *s, void *ctx, struct err *e)
{
	struct run *x = ctx;
	int64_t org = json_integer_value(json_object_get(x->body, "organisation_id")), id = 0;
	json_t *ch = NULL;
	int manager, rep = 0, rc = visible(s, x->who, x->id, &ch, &manager, e);

	if (rc == 0 && !json_is_object(x->body))
		rc = err_set(e, ERR_INVALID, "", "the body must be a JSON object");
	if (rc == 0 && org <= 0)
		rc = err_set(e, ERR_INVALID, "organisation_id", "is required: the organisation "
			     "that submits");
	if (rc == 0)
		rc = represents(s, x->who, org, &rep, e);
	if (rc == 0 && !rep)
		rc = err_set(e, ERR_FORBIDDEN, "organisation_id", "you do not represent "
			     "organisation %" PRId64, org);
	if (rc == 0)
		rc = taking(s, x->who, ch, e);
	if (rc == 0)
		rc = eligible(s, ch, org, e);
	if (rc == 0)
		rc = check_submission(s, x->body, ch, 1, e);
	if (rc == 0) {
		json_t *b = json_copy((json_t *)x->body);

		json_object_set_new(b, "challenge_id", json_integer(x->id));
		rc = store_submission_insert(s, b, x->who->p->account, &id, e);
		json_decref(b);
	}
	if (rc == 0)
		rc = store_submission_get(s, id, &x->out, e);
	json_decref(ch);
	return rc;
}

int service_submission_create(struct service_conn *c, const struct service_caller *who,
			      int64_t id, const json_t *body, json_t **out, struct err *e)
{
	struct run x = {who, id, 0, body, NULL, NULL, 0, NULL};

	return run_tx(c, sub_create_fn, &x, out, e);
}

/*
 * Submission id and its challenge as the caller may see them: managers
 * and jury read all, representatives their organisation's (write = 1:
 * representatives only); anyone else: ERR_NOT_FOUND.
 */
static int sub_visible(struct store *s, const struct service_caller *who, int64_t id, int write,
		       json_t **sub, json_t **ch, struct err *e)
{
	int64_t cid, org;
	int yes = 0, rc = store_submission_get(s, id, sub, e);

	*ch = NULL;
	if (rc)
		return rc;
	cid = json_integer_value(json_object_get(*sub, "challenge_id"));
	org = json_integer_value(json_object_get(*sub, "organisation_id"));
	rc = store_challenge_get(s, cid, ch, e);
	if (rc == 0)
		rc = represents(s, who, org, &yes, e);
	if (rc == 0 && !yes && !write)
		rc = manages(s, who, cid, &yes, e);
	if (rc == 0 && !yes && !write)
		rc = judges(s, who, cid, &yes, e);
	if (rc == 0 && !yes)
		rc = err_set(e, ERR_NOT_FOUND, "id", "no submission %" PRId64, id);
	if (rc) {
		json_decref(*sub);
		json_decref(*ch);
		*sub = *ch = NULL;
	}
	return rc;
}

/*
 * Once the challenge is decided, the reviewers' words to the submitter
 * ("feedback", in the reviews' order), never who wrote them nor the scores.
 */
static int sub_feedback(struct store *s, const json_t *ch, json_t *sub, struct err *e)
{
	const char *state = jsonx_str(ch, "state");
	int64_t id = json_integer_value(json_object_get(sub, "id"));
	json_t *reviews = NULL, *words, *r;
	size_t i;
	int rc;

	if (!state || (strcmp(state, "decided") != 0 && strcmp(state, "announced") != 0))
		return 0;
	rc = store_reviews_list(s, json_integer_value(json_object_get(ch, "id")), 0, &reviews, e);
	if (rc)
		return rc;
	words = json_array();
	json_array_foreach(reviews, i, r) {
		const json_t *c = json_object_get(r, "comment_submitter");

		if (json_integer_value(json_object_get(r, "submission_id")) == id &&
		    json_is_string(c))
			json_array_append(words, (json_t *)c);
	}
	json_decref(reviews);
	json_object_set_new(sub, "feedback", words);
	return 0;
}

static int sub_get_fn(struct store *s, void *ctx, struct err *e)
{
	struct run *x = ctx;
	json_t *ch = NULL;
	int rc = sub_visible(s, x->who, x->id, 0, &x->out, &ch, e);

	if (rc == 0)
		rc = sub_feedback(s, ch, x->out, e);
	json_decref(ch);
	return rc;
}

int service_submission_get(struct service_conn *c, const struct service_caller *who, int64_t id,
			   json_t **out, struct err *e)
{
	struct run x = {who, id, 0, NULL, NULL, NULL, 0, NULL};

	return run_tx(c, sub_get_fn, &x, out, e);
}

static int sub_list_fn(struct store *s, void *ctx, struct err *e)
{
	struct run *x = ctx;
	json_t *ch = NULL, *all = NULL, *items = json_array(), *sub;
	int manager = 0, jury = 0, rc = visible(s, x->who, x->id, &ch, &manager, e);
	size_t i;

	if (rc == 0 && !manager)
		rc = judges(s, x->who, x->id, &jury, e);
	if (rc == 0)
		rc = store_submission_list(s, x->id, 0, &all, e);
	json_array_foreach(all, i, sub) {
		int rep = manager || jury;

		if (rc)
			break;
		if (!rep)
			rc = represents(s, x->who,
					json_integer_value(json_object_get(sub, "organisation_id")),
					&rep, e);
		if (rep)
			json_array_append(items, sub);
	}
	json_decref(all);
	json_decref(ch);
	if (rc) {
		json_decref(items);
		return rc;
	}
	x->out = json_pack("{s:o}", "items", items);
	return 0;
}

int service_submission_list(struct service_conn *c, const struct service_caller *who,
			    int64_t id, json_t **out, struct err *e)
{
	struct run x = {who, id, 0, NULL, NULL, NULL, 0, NULL};

	return run_tx(c, sub_list_fn, &x, out, e);
}

/* Submission x->id, writable now by the caller (a representative, before the deadline). */
static int writable(struct store *s, struct run *x, json_t **sub, json_t **ch, struct err *e)
{
	int rc = sub_visible(s, x->who, x->id, 1, sub, ch, e);

	if (rc == 0 && strcmp(jsonx_str(*sub, "state"), "withdrawn") == 0)
		rc = err_set(e, ERR_CONFLICT, "state", "submission %" PRId64 " is withdrawn",
			     x->id);
	if (rc == 0)
		rc = taking(s, x->who, *ch, e);
	return rc;
}

static int sub_update_fn(struct store *s, void *ctx, struct err *e)
{
	struct run *x = ctx;
	json_t *sub = NULL, *ch = NULL;
	int rc = writable(s, x, &sub, &ch, e);

	if (rc == 0 && !json_is_object(x->body))
		rc = err_set(e, ERR_INVALID, "", "the body must be a JSON object");
	if (rc == 0)
		rc = check_submission(s, x->body, ch, 0, e);
	if (rc == 0)
		rc = store_submission_update(s, x->id, x->body, e);
	if (rc == 0)
		rc = store_submission_get(s, x->id, &x->out, e);
	json_decref(sub);
	json_decref(ch);
	return rc;
}

int service_submission_update(struct service_conn *c, const struct service_caller *who,
			      int64_t id, const json_t *body, json_t **out, struct err *e)
{
	struct run x = {who, id, 0, body, NULL, NULL, 0, NULL};

	return run_tx(c, sub_update_fn, &x, out, e);
}

static int withdraw_fn(struct store *s, void *ctx, struct err *e)
{
	struct run *x = ctx;
	json_t *sub = NULL, *ch = NULL;
	int rc = sub_visible(s, x->who, x->id, 1, &sub, &ch, e);

	if (rc == 0 && strcmp(jsonx_str(sub, "state"), "withdrawn") == 0)
		rc = err_set(e, ERR_CONFLICT, "state", "submission %" PRId64 " is already "
			     "withdrawn", x->id);
	if (rc == 0 && state_index(jsonx_str(ch, "state")) >= state_index("decided"))
		rc = err_set(e, ERR_CONFLICT, "state", "challenge %" PRId64 " is %s: a submission "
			     "is withdrawn until it is decided",
			     (int64_t)json_integer_value(json_object_get(ch, "id")),
			     jsonx_str(ch, "state"));
	if (rc == 0)
		rc = store_submission_set_state(s, x->id, "withdrawn", e);
	if (rc == 0)
		rc = store_submission_get(s, x->id, &x->out, e);
	json_decref(sub);
	json_decref(ch);
	return rc;
}

int service_submission_withdraw(struct service_conn *c, const struct service_caller *who,
				int64_t id, json_t **out, struct err *e)
{
	struct run x = {who, id, 0, NULL, NULL, NULL, 0, NULL};

	return run_tx(c, withdraw_fn, &x, out, e);
}

/* ---- attachments ------------------------------------------------------------ */

static const char *const allowed_types[] = {
	"application/pdf",
	"image/png",
	"image/jpeg",
	"application/vnd.oasis.opendocument.text",
	"application/vnd.oasis.opendocument.presentation",
	"application/vnd.oasis.opendocument.spreadsheet",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"application/vnd.openxmlformats-officedocument.presentationml.presentation",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

const char *service_attachment_type(const char *t)
{
	for (size_t i = 0; t && i < sizeof(allowed_types) / sizeof(allowed_types[0]); i++)
		if (strcmp(t, allowed_types[i]) == 0)
			return allowed_types[i];
	return "application/octet-stream";
}

/* The media type libmagic reads in data (never the client's name or header). */
static int sniff(const void *data, size_t len, char *out, size_t n, struct err *e)
{
	magic_t m = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS);
	const char *t;

	if (!m || magic_load(m, NULL) != 0) {
		if (m)
			magic_close(m);
		return err_set(e, ERR_INTERNAL, "content", "libmagic cannot load its database");
	}
	t = magic_buffer(m, data, len);
	snprintf(out, n, "%s", t ? t : "application/octet-stream");
	magic_close(m);
	return 0;
}

/* The client's name, kept as metadata: 1 to 255 bytes of UTF-8 without controls. */
static int check_name(const char *name, struct err *e)
{
	size_t n = name ? strlen(name) : 0;
	json_t *utf8 = n ? json_string(name) : NULL; /* NULL for bad UTF-8 */
	int ok = utf8 != NULL;

	json_decref(utf8);
	if (n < 1 || n > 255 || !ok)
		return err_set(e, ERR_INVALID, "name", "must be the file's name, 1 to 255 bytes "
			       "of UTF-8");
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			return err_set(e, ERR_INVALID, "name", "must not hold control characters");
	return 0;
}

static int attach_fn(struct store *s, void *ctx, struct err *e)
{
	struct run *x = ctx;
	json_t *sub = NULL, *ch = NULL;
	char type[128];
	int64_t aid = 0;
	int rc = writable(s, x, &sub, &ch, e);
	size_t i, ntypes = sizeof(allowed_types) / sizeof(allowed_types[0]);

	if (rc == 0)
		rc = check_name(x->name, e);
	if (rc == 0 && json_array_size(json_object_get(sub, "attachments")) >= SERVICE_ATTACHMENTS_MAX)
		rc = err_set(e, ERR_CONFLICT, "attachments", "a submission has at most %d "
			     "attachments", SERVICE_ATTACHMENTS_MAX);
	if (rc == 0 && x->len == 0)
		rc = err_set(e, ERR_INVALID, "content", "is empty: send the file's bytes as the body");
	if (rc == 0 && x->len > SERVICE_ATTACHMENT_MAX)
		rc = err_set(e, ERR_TOO_LARGE, "content", "is %zu bytes: an attachment has at most "
			     "%d", x->len, SERVICE_ATTACHMENT_MAX);
	if (rc == 0)
		rc = sniff(x->data, x->len, type, sizeof(type), e);
	for (i = 0; rc == 0 && i < ntypes && strcmp(type, allowed_types[i]) != 0; i++)
		;
	if (rc == 0 && i == ntypes)
		rc = err_set(e, ERR_INVALID, "content", "is %s by its content: an attachment is a "
			     "PDF, PNG or JPEG file or an OpenDocument or Office document", type);
	if (rc == 0)
		rc = store_attachment_insert(s, x->id, x->name, type, x->data, x->len, &aid, e);
	if (rc == 0)
		x->out = json_pack("{s:I, s:I, s:s, s:s, s:I}", "id", (json_int_t)aid,
				   "submission_id", (json_int_t)x->id, "name", x->name,
				   "media_type", type, "size", (json_int_t)x->len);
	json_decref(sub);
	json_decref(ch);
	return rc;
}

int service_attachment_add(struct service_conn *c, const struct service_caller *who,
			   int64_t id, const char *name, const void *data, size_t len,
			   json_t **out, struct err *e)
{
	struct run x = {who, id, 0, NULL, name, data, len, NULL};

	return run_tx(c, attach_fn, &x, out, e);
}

struct attachment_run {
	const struct service_caller *who;
	int64_t id, aid;
	json_t *meta;
	char *data;
	size_t len;
};

static int attachment_get_fn(struct store *s, void *ctx, struct err *e)
{
	struct attachment_run *x = ctx;
	json_t *sub = NULL, *ch = NULL;
	int rc = sub_visible(s, x->who, x->id, 0, &sub, &ch, e);

	if (rc == 0)
		rc = store_attachment_get(s, x->id, x->aid, &x->meta, &x->data, &x->len, e);
	json_decref(sub);
	json_decref(ch);
	return rc;
}

int service_attachment_get(struct service_conn *c, const struct service_caller *who, int64_t id,
			   int64_t aid, json_t **meta, char **data, size_t *len, struct err *e)
{
	struct attachment_run x = {who, id, aid, NULL, NULL, 0};
	int rc = store_atomic(c->store, attachment_get_fn, &x, e);

	if (rc) {
		json_decref(x.meta);
		free(x.data);
		x.meta = NULL;
		x.data = NULL;
		x.len = 0;
	}
	*meta = x.meta;
	*data = x.data;
	*len = x.len;
	return rc;
}

/* ---- jury ------------------------------------------------------------------- */

/* The challenge x->id for its managers only (others: ERR_NOT_FOUND or ERR_FORBIDDEN). */
static int managed(struct store *s, const struct service_caller *who, int64_t id, json_t **ch,
		   struct err *e)
{
	int manager, rc = visible(s, who, id, ch, &manager, e);

	if (rc == 0 && !manager) {
		json_decref(*ch);
		*ch = NULL;
		rc = err_set(e, ERR_FORBIDDEN, NULL, "only the challenge's organisers do this");
	}
	return rc;
}

static int check_jury(const json_t *b, struct err *e)
{
	static const char *const known[] = {"expertise", "conflicts", "cap", NULL};
	const json_t *exp = json_object_get(b, "expertise"), *conf = json_object_get(b, "conflicts");
	const json_t *cap = json_object_get(b, "cap");
	size_t i;
	json_t *v;
	int rc = json_is_object(b) ? fields_known(b, known, e)
				   : err_set(e, ERR_INVALID, "", "the body must be a JSON object");

	if (rc)
		return rc;
	if (exp && !json_is_array(exp))
		return err_set(e, ERR_INVALID, "expertise", "must be an array of thesaurus concepts");
	json_array_foreach(exp, i, v)
		if (!json_is_string(v) || !json_string_length(v) || json_string_length(v) > 64)
			return err_set(e, ERR_INVALID, "expertise", "must be an array of thesaurus "
				       "concept ids");
	if (conf && !json_is_array(conf))
		return err_set(e, ERR_INVALID, "conflicts", "must be an array of submission ids");
	json_array_foreach(conf, i, v)
		if (!json_is_integer(v) || json_integer_value(v) <= 0)
			return err_set(e, ERR_INVALID, "conflicts", "must be an array of submission "
				       "ids");
	if (cap && !json_is_null(cap) &&
	    (!json_is_integer(cap) || json_integer_value(cap) < 0 || json_integer_value(cap) > 10000))
		return err_set(e, ERR_INVALID, "cap", "must be an integer from 0 to 10000");
	return 0;
}

static int jury_list_fn(struct store *s, void *ctx, struct err *e)
{
	struct run *x = ctx;
	json_t *ch = NULL, *items = NULL;
	int rc = managed(s, x->who, x->id, &ch, e);

	if (rc == 0)
		rc = store_jury_list(s, x->id, &items, e);
	if (rc == 0)
		x->out = json_pack("{s:o}", "items", items);
	json_decref(ch);
	return rc;
}

static int jury_put_fn(struct store *s, void *ctx, struct err *e)
{
	struct run *x = ctx;
	json_t *ch = NULL;
	int rc = managed(s, x->who, x->id, &ch, e);

	if (rc == 0)
		rc = check_jury(x->body, e);
	if (rc == 0)
		rc = store_account_known(s, x->aid, e);
	if (rc == 0)
		rc = store_account_role(s, x->aid, STORE_ROLE_JURY, x->id, 1, 1, e);
	if (rc == ERR_CONFLICT) /* already a member */
		rc = 0;
	if (rc == 0)
		rc = store_jury_put(s, x->id, x->aid, x->body, e);
	json_decref(ch);
	return rc ? rc : jury_list_fn(s, ctx, e);
}

int service_jury_put(struct service_conn *c, const struct service_caller *who, int64_t id,
		     int64_t aid, const json_t *body, json_t **out, struct err *e)
{
	struct run x = {who, id, aid, body, NULL, NULL, 0, NULL};

	return run_tx(c, jury_put_fn, &x, out, e);
}

int service_jury_list(struct service_conn *c, const struct service_caller *who, int64_t id,
		      json_t **out, struct err *e)
{
	struct run x = {who, id, 0, NULL, NULL, NULL, 0, NULL};

	return run_tx(c, jury_list_fn, &x, out, e);
}

/* ---- assignment ------------------------------------------------------------- */

static json_t *id_str(int64_t id)
{
	char b[24];

	snprintf(b, sizeof(b), "%" PRId64, id);
	return json_string(b);
}

/* The submission's organisation and country, into the batch record r. */
static int sub_record(struct store *s, const json_t *sub, json_t **out, struct err *e)
{
	int64_t org = json_integer_value(json_object_get(sub, "organisation_id"));
	json_t *o = NULL, *r;
	int rc = store_get(s, STORE_ORGANISATION, org, &o, e);

	if (rc)
		return rc;
	r = json_pack("{s:o, s:o, s:O, s:O}", "id",
		      id_str(json_integer_value(json_object_get(sub, "id"))), "organisation",
		      id_str(org), "title", json_object_get(sub, "title"), "abstract",
		      json_object_get(sub, "abstract"));
	if (jsonx_str(o, "country"))
		json_object_set_new(r, "country", json_string(jsonx_str(o, "country")));
	json_decref(o);
	*out = r;
	return 0;
}

static json_t *jury_record(const json_t *m, const json_t *known_subs)
{
	json_t *r = json_pack("{s:o, s:O}", "id",
			      id_str(json_integer_value(json_object_get(m, "account_id"))),
			      "expertise", json_object_get(m, "expertise"));
	json_t *conf = json_array(), *v;
	size_t i;

	if (json_is_integer(json_object_get(m, "organisation_id")))
		json_object_set_new(r, "organisation",
				    id_str(json_integer_value(json_object_get(m, "organisation_id"))));
	if (jsonx_str(m, "country"))
		json_object_set_new(r, "country", json_string(jsonx_str(m, "country")));
	if (json_is_integer(json_object_get(m, "cap")))
		json_object_set(r, "cap", json_object_get(m, "cap"));
	json_array_foreach(json_object_get(m, "conflicts"), i, v) {
		json_t *sid = id_str(json_integer_value(v));

		if (json_object_get(known_subs, json_string_value(sid)))
			json_array_append(conf, sid);
		json_decref(sid);
	}
	json_object_set_new(r, "conflicts", conf);
	return r;
}

/* body's "fixed" or "forbidden" ([{"submission_id", "account_id"}]) in batch form. */
static int overrides(const json_t *body, const char *key, json_t *doc, struct err *e)
{
	const json_t *arr = json_object_get(body, key);
	json_t *out = json_array(), *v;
	size_t i;

	if (arr && !json_is_array(arr)) {
		json_decref(out);
		return err_set(e, ERR_INVALID, key, "must be an array of {\"submission_id\", "
			       "\"account_id\"}");
	}
	json_array_foreach(arr, i, v)
		json_array_append_new(out, json_pack("{s:o, s:o}", "submission",
			id_str(json_integer_value(json_object_get(v, "submission_id"))), "reviewer",
			id_str(json_integer_value(json_object_get(v, "account_id")))));
	json_object_set_new(doc, key, out);
	return 0;
}

/* The batch document of docs/data-format.md for challenge id from the database. */
static int batch_doc(struct store *s, int64_t id, const json_t *body, json_t **out,
		     struct err *e)
{
	static const char *const known[] = {"reviews", "load_cap", "same_country", "fixed",
					    "forbidden", NULL};
	json_t *subs = NULL, *jury = NULL, *pairs = NULL, *doc, *arr, *v, *names = json_object();
	size_t i;
	int rc = json_is_object(body) ? fields_known(body, known, e)
				      : err_set(e, ERR_INVALID, "", "the body must be a JSON object");

	*out = NULL;
	if (rc == 0)
		rc = store_submission_list(s, id, 0, &subs, e);
	if (rc == 0)
		rc = store_jury_list(s, id, &jury, e);
	if (rc == 0)
		rc = store_agreement_pairs(s, &pairs, e);
	doc = json_pack("{s:O, s:[], s:[]}", "reviews",
			json_object_get(body, "reviews") ? json_object_get(body, "reviews")
							 : json_null(),
			"submissions", "reviewers");
	if (json_object_get(body, "load_cap"))
		json_object_set(doc, "load_cap", json_object_get(body, "load_cap"));
	if (json_object_get(body, "same_country"))
		json_object_set(doc, "same_country", json_object_get(body, "same_country"));
	arr = json_object_get(doc, "submissions");
	json_array_foreach(subs, i, v) {
		json_t *r = NULL;

		if (rc || strcmp(jsonx_str(v, "state"), "withdrawn") == 0)
			continue;
		rc = sub_record(s, v, &r, e);
		if (rc == 0) {
			json_object_set_new(names, jsonx_str(r, "id"), json_true());
			json_array_append_new(arr, r);
		}
	}
	arr = json_object_get(doc, "reviewers");
	json_array_foreach(jury, i, v)
		json_array_append_new(arr, jury_record(v, names));
	arr = json_array();
	json_array_foreach(pairs, i, v)
		json_array_append_new(arr, json_pack("[o, o]",
			id_str(json_integer_value(json_array_get(v, 0))),
			id_str(json_integer_value(json_array_get(v, 1)))));
	json_object_set_new(doc, "agreements", arr);
	if (rc == 0)
		rc = overrides(body, "fixed", doc, e);
	if (rc == 0)
		rc = overrides(body, "forbidden", doc, e);
	json_decref(subs);
	json_decref(jury);
	json_decref(pairs);
	json_decref(names);
	if (rc)
		json_decref(doc);
	else
		*out = doc;
	return rc;
}

static json_int_t num(const json_t *s)
{
	return (json_int_t)strtoll(json_string_value(s), NULL, 10);
}

/* The engine's answer with numeric ids, and the review rows it makes. */
static json_t *numeric(json_t *res, json_t *rows)
{
	json_t *a, *r;
	size_t i, k;

	json_array_foreach(json_object_get(res, "assignments"), i, a) {
		json_int_t sid = num(json_object_get(a, "submission"));

		json_object_set_new(a, "submission", json_integer(sid));
		json_array_foreach(json_object_get(a, "reviewers"), k, r) {
			json_int_t acc = num(json_object_get(r, "id"));

			json_object_set_new(r, "id", json_integer(acc));
			json_array_append_new(rows, json_pack("{s:I, s:I, s:O, s:O}", "submission_id",
							      sid, "account_id", acc, "fixed",
							      json_object_get(r, "fixed"), "cost",
							      json_object_get(r, "cost")));
		}
	}
	json_array_foreach(json_object_get(res, "reviewers"), i, r)
		json_object_set_new(r, "id", json_integer(num(json_object_get(r, "id"))));
	return res;
}

static int solve(const json_t *doc, json_t **res, struct err *e)
{
	struct asset a = assets_thesaurus();
	struct text_thesaurus *th = NULL;
	struct assign_batch b;
	struct assign_result r;
	int rc = text_thesaurus_load(&th, a.data, a.len, e);

	memset(&b, 0, sizeof(b));
	memset(&r, 0, sizeof(r));
	*res = NULL;
	if (rc == 0)
		rc = assign_batch_parse(&b, doc, th, NULL, e);
	if (rc == 0 && b.p.nsub == 0)
		rc = err_set(e, ERR_CONFLICT, "submissions", "the challenge has no submission to "
			     "review");
	if (rc == 0)
		rc = assign_batch_solve(&b, &r, e);
	if (rc == 0)
		*res = assign_result_json(&b, &r);
	assign_result_release(&r);
	assign_batch_release(&b);
	text_thesaurus_free(th);
	return rc;
}

static int assign_fn(struct store *s, void *ctx, struct err *e)
{
	struct run *x = ctx;
	json_t *ch = NULL, *doc = NULL, *res = NULL, *rows = json_array();
	int64_t given = 0;
	int rc = managed(s, x->who, x->id, &ch, e);

	if (rc == 0 && strcmp(jsonx_str(ch, "state"), "in_review") != 0)
		rc = err_set(e, ERR_CONFLICT, "state", "challenge %" PRId64 " is %s: reviews are "
			     "assigned while it is in_review", x->id, jsonx_str(ch, "state"));
	if (rc == 0)
		rc = store_reviews_given(s, x->id, &given, e);
	if (rc == 0 && given)
		rc = err_set(e, ERR_CONFLICT, "reviews", "%" PRId64 " reviews are already given: "
			     "the assignment is kept", given);
	if (rc == 0)
		rc = batch_doc(s, x->id, x->body, &doc, e);
	if (rc == 0)
		rc = solve(doc, &res, e);
	if (rc == 0)
		x->out = numeric(res, rows);
	if (rc == 0)
		rc = store_reviews_replace(s, x->id, rows, e);
	json_decref(rows);
	json_decref(doc);
	json_decref(ch);
	return rc;
}

int service_assignment_run(struct service_conn *c, const struct service_caller *who, int64_t id,
			   const json_t *body, json_t **out, struct err *e)
{
	struct run x = {who, id, 0, body, NULL, NULL, 0, NULL};

	return run_tx(c, assign_fn, &x, out, e);
}

/* ---- reviews and ranking ---------------------------------------------------- */

static int reviews_fn(struct store *s, void *ctx, struct err *e)
{
	struct run *x = ctx;
	json_t *ch = NULL, *items = NULL, *r;
	int manager = 0, jury = 0, rc = visible(s, x->who, x->id, &ch, &manager, e);
	size_t i;

	if (rc == 0 && !manager)
		rc = judges(s, x->who, x->id, &jury, e);
	if (rc == 0 && !manager && !jury)
		rc = err_set(e, ERR_FORBIDDEN, NULL, "only the challenge's organisers and jury "
			     "read its reviews");
	if (rc == 0)
		rc = store_reviews_list(s, x->id, manager ? 0 : x->who->p->account, &items, e);
	json_array_foreach(items, i, r) {
		json_t *sub = NULL;

		if (rc)
			break;
		rc = store_submission_get(s, json_integer_value(json_object_get(r, "submission_id")),
					  &sub, e);
		if (rc == 0) {
			json_object_set(r, "title", json_object_get(sub, "title"));
			json_object_set(r, "abstract", json_object_get(sub, "abstract"));
			json_object_set(r, "track_id", json_object_get(sub, "track_id"));
			json_object_set(r, "attachments", json_object_get(sub, "attachments"));
		}
		json_decref(sub);
	}
	if (rc == 0)
		x->out = json_pack("{s:O, s:o}", "criteria", json_object_get(ch, "criteria"),
				   "items", items);
	else
		json_decref(items);
	json_decref(ch);
	return rc;
}

int service_reviews_list(struct service_conn *c, const struct service_caller *who, int64_t id,
			 json_t **out, struct err *e)
{
	struct run x = {who, id, 0, NULL, NULL, NULL, 0, NULL};

	return run_tx(c, reviews_fn, &x, out, e);
}

/* body's "scores": every criterion of ch, each an integer 0..10. */
static int check_scores(const json_t *body, const json_t *ch, struct err *e)
{
	static const char *const known[] = {"scores", "comment_jury", "comment_submitter", NULL};
	const json_t *scores = json_object_get(body, "scores"), *c;
	const char *key;
	size_t i;
	json_t *v;
	int rc = json_is_object(body) ? fields_known(body, known, e)
				      : err_set(e, ERR_INVALID, "", "the body must be a JSON object");

	if (rc)
		return rc;
	if (!json_is_object(scores))
		return err_set(e, ERR_INVALID, "scores", "must be {criterion: score from 0 to 10}");
	json_array_foreach(json_object_get(ch, "criteria"), i, c) {
		const json_t *sc = json_object_get(scores, jsonx_str(c, "id"));
		char path[96];

		snprintf(path, sizeof(path), "scores.%s", jsonx_str(c, "id"));
		if (!json_is_integer(sc) || json_integer_value(sc) < 0 || json_integer_value(sc) > 10)
			return err_set(e, ERR_INVALID, path, "must be an integer from 0 to 10");
	}
	json_object_foreach((json_t *)scores, key, v) {
		int found = 0;

		json_array_foreach(json_object_get(ch, "criteria"), i, c)
			found |= strcmp(jsonx_str(c, "id"), key) == 0;
		if (!found) {
			char path[96];

			snprintf(path, sizeof(path), "scores.%s", key);
			return err_set(e, ERR_INVALID, path, "is not a criterion of this challenge");
		}
	}
	for (const char *const *k = known + 1; *k; k++) {
		const char *t = jsonx_str(body, *k);

		if (json_object_get(body, *k) && (!t || jsonx_utf8_chars(t) > 5000))
			return err_set(e, ERR_INVALID, *k, "must be a text of at most 5000 characters");
	}
	return 0;
}

static int review_put_fn(struct store *s, void *ctx, struct err *e)
{
	struct run *x = ctx;
	json_t *sub = NULL, *ch = NULL, *mine = NULL, *r;
	int64_t cid;
	size_t i;
	int found = 0, rc = store_submission_get(s, x->id, &sub, e);

	if (rc)
		return rc;
	cid = json_integer_value(json_object_get(sub, "challenge_id"));
	rc = store_challenge_get(s, cid, &ch, e);
	if (rc == 0)
		rc = store_reviews_list(s, cid, x->who->p->account, &mine, e);
	json_array_foreach(mine, i, r)
		found |= json_integer_value(json_object_get(r, "submission_id")) == x->id;
	if (rc == 0 && !found)
		rc = err_set(e, ERR_NOT_FOUND, "id", "no submission %" PRId64 " assigned to you",
			     x->id);
	if (rc == 0 && strcmp(jsonx_str(ch, "state"), "in_review") != 0)
		rc = err_set(e, ERR_CONFLICT, "state", "challenge %" PRId64 " is %s: reviews are "
			     "given while it is in_review", cid, jsonx_str(ch, "state"));
	if (rc == 0)
		rc = check_scores(x->body, ch, e);
	if (rc == 0)
		rc = store_review_put(s, x->id, x->who->p->account, x->body, e);
	json_decref(mine);
	mine = NULL;
	if (rc == 0)
		rc = store_reviews_list(s, cid, x->who->p->account, &mine, e);
	json_array_foreach(mine, i, r)
		if (rc == 0 && !x->out && json_integer_value(json_object_get(r, "submission_id")) == x->id)
			x->out = json_incref(r);
	json_decref(mine);
	json_decref(sub);
	json_decref(ch);
	return rc;
}

int service_review_put(struct service_conn *c, const struct service_caller *who, int64_t id,
		       const json_t *body, json_t **out, struct err *e)
{
	struct run x = {who, id, 0, body, NULL, NULL, 0, NULL};

	return run_tx(c, review_put_fn, &x, out, e);
}

/* One reviewer's weighted score of a review (0..10), by the criteria's weights. */
static double weighted(const json_t *scores, const json_t *criteria)
{
	double sum = 0, w = 0;
	size_t i;
	json_t *c;

	json_array_foreach(criteria, i, c) {
		double wi = json_number_value(json_object_get(c, "weight"));

		sum += wi * (double)json_integer_value(json_object_get(scores, jsonx_str(c, "id")));
		w += wi;
	}
	return w > 0 ? sum / w : 0;
}

static int cmp_score(const void *a, const void *b)
{
	double x = json_real_value(json_object_get(*(json_t *const *)a, "score"));
	double y = json_real_value(json_object_get(*(json_t *const *)b, "score"));

	return (x < y) - (x > y);
}

/* The ranked submissions of track t: [{"submission_id", "title", "score", ...}]. */
static json_t *rank_track(const json_t *t, const json_t *subs, const json_t *reviews,
			  const json_t *criteria)
{
	json_t *rows[512], *out = json_array(), *sub, *r;
	size_t i, k, n = 0;

	json_array_foreach(subs, i, sub) {
		double lo = 11, hi = -1, sum = 0;
		int given = 0, assigned = 0;

		if (!json_equal(json_object_get(sub, "track_id"), json_object_get(t, "id")) ||
		    strcmp(jsonx_str(sub, "state"), "withdrawn") == 0 || n == 512)
			continue;
		json_array_foreach(reviews, k, r) {
			double w;

			if (!json_equal(json_object_get(r, "submission_id"), json_object_get(sub, "id")))
				continue;
			assigned++;
			if (!json_is_object(json_object_get(r, "scores")))
				continue;
			w = weighted(json_object_get(r, "scores"), criteria);
			given++;
			sum += w;
			lo = w < lo ? w : lo;
			hi = w > hi ? w : hi;
		}
		rows[n++] = json_pack("{s:O, s:O, s:O, s:f, s:f, s:b, s:i, s:i}", "submission_id",
				      json_object_get(sub, "id"), "organisation_id",
				      json_object_get(sub, "organisation_id"), "title",
				      json_object_get(sub, "title"), "score",
				      given ? sum / given : 0.0, "spread", given ? hi - lo : 0.0,
				      "disagreement", given > 1 && hi - lo >= 3.0, "reviews", given,
				      "assigned", assigned);
	}
	qsort(rows, n, sizeof(rows[0]), cmp_score);
	for (i = 0; i < n; i++) {
		json_object_set_new(rows[i], "rank", json_integer((json_int_t)i + 1));
		json_array_append_new(out, rows[i]);
	}
	return out;
}

static int ranking_fn(struct store *s, void *ctx, struct err *e)
{
	struct run *x = ctx;
	json_t *ch = NULL, *subs = NULL, *reviews = NULL, *tracks = json_array(), *t;
	size_t i;
	int rc = managed(s, x->who, x->id, &ch, e);

	if (rc == 0)
		rc = store_submission_list(s, x->id, 0, &subs, e);
	if (rc == 0)
		rc = store_reviews_list(s, x->id, 0, &reviews, e);
	json_array_foreach(json_object_get(ch, "tracks"), i, t)
		if (rc == 0)
			json_array_append_new(tracks, json_pack("{s:O, s:O, s:o}", "track_id",
				json_object_get(t, "id"), "title", json_object_get(t, "title"),
				"ranking", rank_track(t, subs, reviews, json_object_get(ch, "criteria"))));
	if (rc == 0)
		x->out = json_pack("{s:I, s:o}", "challenge_id", (json_int_t)x->id, "tracks", tracks);
	else
		json_decref(tracks);
	json_decref(ch);
	json_decref(subs);
	json_decref(reviews);
	return rc;
}

int service_ranking(struct service_conn *c, const struct service_caller *who, int64_t id,
		    json_t **out, struct err *e)
{
	struct run x = {who, id, 0, NULL, NULL, NULL, 0, NULL};

	return run_tx(c, ranking_fn, &x, out, e);
}

/* ---- decisions, results, pilots ------------------------------------------- */

static int decisions_fn(struct store *s, void *ctx, struct err *e)
{
	struct run *x = ctx;
	const json_t *winners = json_object_get(x->body, "winners");
	json_t *track = json_object_get(x->body, "track_id"), *ch = NULL, *items = NULL, *t, *w;
	static const char *const known[] = {"track_id", "winners", NULL};
	int found = 0, st, rc = managed(s, x->who, x->id, &ch, e);
	size_t i;

	st = rc ? -1 : state_index(jsonx_str(ch, "state"));
	if (rc == 0 && st != state_index("in_review") && st != state_index("decided"))
		rc = err_set(e, ERR_CONFLICT, "state", "challenge %" PRId64 " is %s: decisions are "
			     "made while it is in_review or decided", x->id, states[st]);
	if (rc == 0)
		rc = json_is_object(x->body) ? fields_known(x->body, known, e)
					     : err_set(e, ERR_INVALID, "", "the body must be a JSON "
						       "object");
	json_array_foreach(json_object_get(ch, "tracks"), i, t)
		found |= json_equal(json_object_get(t, "id"), track);
	if (rc == 0 && !found)
		rc = err_set(e, ERR_INVALID, "track_id", "is not a track of challenge %" PRId64,
			     x->id);
	if (rc == 0 && (!json_is_array(winners) || json_array_size(winners) > 100))
		rc = err_set(e, ERR_INVALID, "winners", "must be an array of submission ids, the "
			     "first the winner");
	json_array_foreach(winners, i, w) {
		json_t *sub = NULL;
		char path[32];

		if (rc)
			break;
		snprintf(path, sizeof(path), "winners[%zu]", i);
		if (!json_is_integer(w) ||
		    store_submission_get(s, json_integer_value(w), &sub, NULL) != 0 ||
		    !json_equal(json_object_get(sub, "track_id"), track) ||
		    strcmp(jsonx_str(sub, "state"), "withdrawn") == 0)
			rc = err_set(e, ERR_INVALID, path, "is not a submission of this track");
		for (size_t k = 0; rc == 0 && k < i; k++)
			if (json_equal(json_array_get(winners, k), w))
				rc = err_set(e, ERR_INVALID, path, "is given twice");
		json_decref(sub);
	}
	if (rc == 0)
		rc = store_decisions_put(s, x->id, json_integer_value(track), winners, e);
	if (rc == 0)
		rc = store_decisions_list(s, x->id, &items, e);
	if (rc == 0)
		x->out = json_pack("{s:o}", "items", items);
	json_decref(ch);
	return rc;
}

int service_decisions_put(struct service_conn *c, const struct service_caller *who, int64_t id,
			  const json_t *body, json_t **out, struct err *e)
{
	struct run x = {who, id, 0, body, NULL, NULL, 0, NULL};

	return run_tx(c, decisions_fn, &x, out, e);
}

/* One winner as the public sees it. */
static int public_winner(struct store *s, const json_t *d, json_t **out, struct err *e)
{
	json_t *sub = NULL, *org = NULL;
	int rc = store_submission_get(s, json_integer_value(json_object_get(d, "submission_id")),
				      &sub, e);

	if (rc == 0)
		rc = store_get(s, STORE_ORGANISATION,
			       json_integer_value(json_object_get(sub, "organisation_id")), &org, e);
	if (rc == 0)
		*out = json_pack("{s:O, s:O, s:O, s:{s:O, s:O, s:O}, s:O}", "rank",
				 json_object_get(d, "rank"), "submission_id",
				 json_object_get(d, "submission_id"), "title",
				 json_object_get(sub, "title"), "organisation", "id",
				 json_object_get(org, "id"), "name", json_object_get(org, "name"),
				 "country", json_object_get(org, "country") ? json_object_get(org, "country")
									    : json_null(),
				 "pilot_agreement_id", json_object_get(d, "agreement_id"));
	json_decref(sub);
	json_decref(org);
	return rc;
}

static int results_fn(struct store *s, void *ctx, struct err *e)
{
	struct run *x = ctx;
	json_t *ch = NULL, *dec = NULL, *tracks = json_array(), *t, *d;
	size_t i, k;
	int manager, rc = visible(s, x->who, x->id, &ch, &manager, e);

	if (rc == 0 && strcmp(jsonx_str(ch, "state"), "announced") != 0)
		rc = err_set(e, ERR_NOT_FOUND, "state", "challenge %" PRId64 " is %s: its results "
			     "are public once announced", x->id, jsonx_str(ch, "state"));
	if (rc == 0)
		rc = store_decisions_list(s, x->id, &dec, e);
	json_array_foreach(json_object_get(ch, "tracks"), i, t) {
		json_t *winners = json_array();

		json_array_foreach(dec, k, d) {
			json_t *w = NULL;

			if (rc || !json_equal(json_object_get(d, "track_id"), json_object_get(t, "id")))
				continue;
			rc = public_winner(s, d, &w, e);
			if (rc == 0)
				json_array_append_new(winners, w);
		}
		json_array_append_new(tracks, json_pack("{s:O, s:O, s:O, s:o}", "track_id",
							json_object_get(t, "id"), "title",
							json_object_get(t, "title"), "pilot",
							json_object_get(t, "pilot"), "winners", winners));
	}
	if (rc == 0) {
		show_challenge(ch);
		x->out = json_pack("{s:I, s:O, s:O, s:o}", "challenge_id", (json_int_t)x->id,
				   "title", json_object_get(ch, "title"), "closes_at_local",
				   json_object_get(ch, "closes_at_local"), "tracks", tracks);
	} else {
		json_decref(tracks);
	}
	json_decref(dec);
	json_decref(ch);
	return rc;
}

int service_results(struct service_conn *c, const struct service_caller *who, int64_t id,
		    json_t **out, struct err *e)
{
	struct run x = {who, id, 0, NULL, NULL, NULL, 0, NULL};

	return run_tx(c, results_fn, &x, out, e);
}

/* The decision of submission sub among dec, or NULL. */
static const json_t *decision_of(const json_t *dec, int64_t sub)
{
	size_t i;
	json_t *d;

	json_array_foreach(dec, i, d)
		if (json_integer_value(json_object_get(d, "submission_id")) == sub)
			return d;
	return NULL;
}

/* The pilot host of track tid of ch, 0 when the track offers none. */
static int64_t pilot_host(const json_t *ch, const json_t *tid)
{
	size_t i;
	json_t *t;

	json_array_foreach(json_object_get(ch, "tracks"), i, t)
		if (json_equal(json_object_get(t, "id"), tid))
			return json_integer_value(
				json_object_get(json_object_get(t, "pilot"), "host_organisation_id"));
	return 0;
}

/* The agreement, through the pipeline's rules and history (agreement.c). */
static int create_pilot(struct store *s, const struct service_caller *who, json_t *body,
			json_t **out, struct err *e)
{
	struct service_caller as = *who;
	char state[16] = "";
	int rc;

	as.privileged = 1; /* the challenge's rules were checked here */
	rc = service_write_rules(s, &as, STORE_AGREEMENT, body, 1, e);
	if (rc == 0)
		rc = service_agreement_prepare(s, 0, body, state, sizeof(state), e);
	if (rc == 0)
		rc = store_create(s, STORE_AGREEMENT, body, out, e);
	if (rc == 0)
		rc = service_agreement_written(s, &as, state, body, out, e);
	return rc;
}

static int pilot_fn(struct store *s, void *ctx, struct err *e)
{
	static const char *const filled[] = {"parties", "kind", "challenge_id", NULL};
	struct run *x = ctx;
	json_t *sub = NULL, *ch = NULL, *dec = NULL, *body = NULL;
	const json_t *d;
	int64_t cid = 0, org = 0, host = 0;
	int ok = 0, st, rc = store_submission_get(s, x->id, &sub, e);

	if (rc == 0) {
		cid = json_integer_value(json_object_get(sub, "challenge_id"));
		org = json_integer_value(json_object_get(sub, "organisation_id"));
		rc = represents(s, x->who, org, &ok, e);
	}
	if (rc == 0 && !ok)
		rc = manages(s, x->who, cid, &ok, e);
	if (rc == 0 && !ok)
		rc = err_set(e, ERR_NOT_FOUND, "id", "no submission %" PRId64, x->id);
	if (rc == 0)
		rc = store_challenge_get(s, cid, &ch, e);
	st = rc ? -1 : state_index(jsonx_str(ch, "state"));
	if (rc == 0 && st < state_index("decided"))
		rc = err_set(e, ERR_CONFLICT, "state", "challenge %" PRId64 " is %s: pilots start "
			     "once it is decided", cid, states[st]);
	if (rc == 0)
		rc = store_decisions_list(s, cid, &dec, e);
	d = rc ? NULL : decision_of(dec, x->id);
	if (rc == 0 && !d)
		rc = err_set(e, ERR_CONFLICT, "id", "submission %" PRId64 " is not a winner", x->id);
	if (rc == 0 && json_is_integer(json_object_get(d, "agreement_id")))
		rc = err_set(e, ERR_CONFLICT, "id", "the pilot of submission %" PRId64 " is already "
			     "agreement %" PRId64, x->id,
			     (int64_t)json_integer_value(json_object_get(d, "agreement_id")));
	host = rc ? 0 : pilot_host(ch, json_object_get(sub, "track_id"));
	if (rc == 0 && !host)
		rc = err_set(e, ERR_CONFLICT, "id", "the track of submission %" PRId64 " offers no "
			     "pilot host", x->id);
	if (rc == 0 && host == org)
		rc = err_set(e, ERR_CONFLICT, "id", "the winner is the pilot's host itself");
	if (rc == 0 && !json_is_object(x->body))
		rc = err_set(e, ERR_INVALID, "", "the body must be a JSON object");
	for (const char *const *k = filled; rc == 0 && *k; k++)
		if (json_object_get(x->body, *k))
			rc = err_set(e, ERR_INVALID, *k, "comes from the challenge");
	if (rc == 0) {
		body = json_copy((json_t *)x->body);
		json_object_set_new(body, "kind", json_string("pilot_project"));
		json_object_set_new(body, "parties", json_pack("[I, I]", (json_int_t)org,
							       (json_int_t)host));
		json_object_set_new(body, "challenge_id", json_integer(cid));
		rc = create_pilot(s, x->who, body, &x->out, e);
	}
	if (rc == 0)
		rc = store_decision_pilot(s, x->id,
					  json_integer_value(json_object_get(x->out, "id")), e);
	json_decref(body);
	json_decref(dec);
	json_decref(sub);
	json_decref(ch);
	return rc;
}

int service_challenge_pilot(struct service_conn *c, const struct service_caller *who,
			    int64_t id, const json_t *body, json_t **out, struct err *e)
{
	struct run x = {who, id, 0, body, NULL, NULL, 0, NULL};

	return run_tx(c, pilot_fn, &x, out, e);
}

/* ---- the access guard's questions ----------------------------------------- */

struct access_run {
	int64_t account, challenge, submission, org;
	int draft, organiser, jury;
};

static int access_fn(struct store *s, void *ctx, struct err *e)
{
	struct access_run *x = ctx;
	json_t *row = NULL;
	int rc = 0;

	if (x->submission) {
		rc = store_submission_get(s, x->submission, &row, e);
		if (rc == 0) {
			x->challenge = json_integer_value(json_object_get(row, "challenge_id"));
			x->org = json_integer_value(json_object_get(row, "organisation_id"));
		}
		json_decref(row);
		row = NULL;
	}
	if (rc == 0)
		rc = store_challenge_get(s, x->challenge, &row, e);
	if (rc == 0)
		x->draft = strcmp(jsonx_str(row, "state"), "draft") == 0;
	json_decref(row);
	if (rc == 0 && x->account)
		rc = store_challenge_role(s, x->account, "organiser", x->challenge, &x->organiser, e);
	if (rc == 0 && x->account)
		rc = store_challenge_role(s, x->account, "jury", x->challenge, &x->jury, e);
	return rc;
}

int service_challenge_access(struct service_conn *c, int64_t account, int64_t challenge,
			     int64_t submission, int64_t *org, int *draft, int *organiser,
			     int *jury, struct err *e)
{
	struct access_run x = {account, challenge, submission, 0, 0, 0, 0};
	int rc = store_atomic(c->store, access_fn, &x, e);

	*org = x.org;
	*draft = x.draft;
	*organiser = x.organiser;
	*jury = x.jury;
	return rc;
}
