/*
 * stats.c - the figures of GET /api/v1/stats (docs/api.md): totals, and
 * counts by country, kind and state with every enum value listed (zeros
 * included). Read in one snapshot.
 */
#include "store/store_int.h"

#include <string.h>

/* {"a": 0, "b": 0, ...} from "a|b|...". */
static json_t *zeros(const char *choices)
{
	json_t *obj = json_object();

	for (const char *p = choices; *p;) {
		size_t len = strcspn(p, "|");

		json_object_setn_new(obj, p, len, json_integer(0));
		p += len;
		if (*p == '|')
			p++;
	}
	return obj;
}

/* Adds the (key, count) rows of sql to obj. */
static int counts(struct store *s, const char *sql, json_t *obj, struct err *e)
{
	struct db_stmt *st;
	int rc = store_prep(s, sql, &st, e);

	if (rc)
		return rc;
	while ((rc = store_step(s, st, e)) == 1) {
		const char *key = db_col_text(st, 0);

		if (key)
			json_object_set_new(obj, key, json_integer(db_col_int64(st, 1)));
	}
	store_reset(st);
	return rc < 0 ? rc : 0;
}

static int total(struct store *s, const char *sql, json_t *obj, const char *key, struct err *e)
{
	int64_t n = 0;
	int rc = store_int(s, e, &n, sql, "");

	if (rc < 0)
		return rc;
	json_object_set_new(obj, key, json_integer(n));
	return 0;
}

static const char *choices_of(enum store_res res, const char *field)
{
	return store_field_find(store_resdef(res), field)->choices;
}

static int stats_orgs(struct store *s, json_t *out, struct err *e)
{
	json_t *o = json_object();
	json_t *by_country = json_object();
	json_t *by_kind = zeros(choices_of(STORE_ORGANISATION, "kind"));
	int rc;

	json_object_set_new(out, "organisations", o);
	rc = total(s, "SELECT count(*) FROM organisations", o, "total", e);
	json_object_set_new(o, "by_country", by_country);
	json_object_set_new(o, "by_kind", by_kind);
	if (rc == 0)
		rc = counts(s,
			    "SELECT country, count(*) FROM organisations WHERE country IS NOT NULL"
			    " GROUP BY country ORDER BY country",
			    by_country, e);
	if (rc == 0)
		rc = counts(s, "SELECT kind, count(*) FROM organisations GROUP BY kind", by_kind, e);
	return rc;
}

static int stats_opps(struct store *s, json_t *out, struct err *e)
{
	json_t *o = json_object();
	int rc;

	json_object_set_new(out, "opportunities", o);
	rc = total(s, "SELECT count(*) FROM opportunities", o, "total", e);
	if (rc == 0)
		rc = total(s, "SELECT count(*) FROM opportunities WHERE type = 'offer'", o, "offers",
			   e);
	if (rc == 0)
		rc = total(s, "SELECT count(*) FROM opportunities WHERE type = 'request'", o,
			   "requests", e);
	return rc;
}

static int stats_meetings(struct store *s, json_t *out, struct err *e)
{
	json_t *r = json_object();
	json_t *by_state = zeros("requested|accepted|declined|cancelled");
	json_t *m = json_object();
	int rc;

	json_object_set_new(out, "meeting_requests", r);
	rc = total(s, "SELECT count(*) FROM meeting_requests", r, "total", e);
	json_object_set_new(r, "by_state", by_state);
	if (rc == 0)
		rc = counts(s, "SELECT state, count(*) FROM meeting_requests GROUP BY state",
			    by_state, e);
	json_object_set_new(out, "meetings", m);
	if (rc == 0)
		rc = total(s, "SELECT count(*) FROM meetings", m, "total", e);
	if (rc == 0)
		rc = total(s, "SELECT count(*) FROM meetings WHERE slot_id IS NOT NULL", m,
			   "scheduled", e);
	return rc;
}

static int stats_agreements(struct store *s, json_t *out, struct err *e)
{
	json_t *a = json_object();
	json_t *by_kind = zeros(choices_of(STORE_AGREEMENT, "kind"));
	json_t *by_state = zeros(choices_of(STORE_AGREEMENT, "state"));
	int rc;

	json_object_set_new(out, "agreements", a);
	rc = total(s, "SELECT count(*) FROM agreements", a, "total", e);
	json_object_set_new(a, "by_kind", by_kind);
	json_object_set_new(a, "by_state", by_state);
	if (rc == 0)
		rc = counts(s, "SELECT kind, count(*) FROM agreements GROUP BY kind", by_kind, e);
	if (rc == 0)
		rc = counts(s,
			    "SELECT coalesce(state, 'intent'), count(*) FROM agreements"
			    " GROUP BY coalesce(state, 'intent')",
			    by_state, e);
	return rc;
}

static int stats_all(struct store *s, json_t *out, struct err *e)
{
	int rc = stats_orgs(s, out, e);

	if (rc == 0)
		rc = total(s, "SELECT count(*) FROM people", out, "people", e);
	if (rc == 0)
		rc = stats_opps(s, out, e);
	if (rc == 0)
		rc = total(s, "SELECT count(*) FROM events", out, "events", e);
	if (rc == 0)
		rc = stats_meetings(s, out, e);
	if (rc == 0)
		rc = stats_agreements(s, out, e);
	return rc;
}

int store_stats(struct store *s, json_t **out, struct err *e)
{
	json_t *obj = json_object();
	int rc;

	*out = NULL;
	rc = store_read_begin(s, e);
	if (rc == 0)
		rc = store_read_end(s, stats_all(s, obj, e), e);
	if (rc) {
		json_decref(obj);
		return rc;
	}
	*out = obj;
	return 0;
}
