/*
 * statistics.c - the figures of statistics.h. Every query starts from the
 * events in scope (the CTE ev, parameters ?1 to ?4) and aggregates in SQL
 * that both drivers run; only the median is taken in C, from the day
 * differences the last query lists.
 */
#include "store/statistics.h"

#include "core/time.h"
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The events in scope: ?1 event, ?2 series, ?3 from, ?4 to (0 / NULL = any). */
#define EV                                                                                    \
	"WITH ev AS (SELECT e.id FROM events e WHERE (?1 = 0 OR e.id = ?1)"                    \
	" AND (CAST(?2 AS TEXT) IS NULL OR e.series = CAST(?2 AS TEXT))"                       \
	" AND (?3 = 0 OR (SELECT min(x.start_utc) FROM event_slots x WHERE x.event_id = e.id)" \
	"   >= ?3)"                                                                            \
	" AND (?4 = 0 OR (SELECT min(x.start_utc) FROM event_slots x WHERE x.event_id = e.id)" \
	"   < ?4)) "

#define SIGNED_STATES "('signed', 'in_progress', 'completed')"

static const char *const outcome_names[] = {"did_not_take_place", "insufficient_interest",
					    "informative_no_cooperation",
					    "cooperation_possible", NULL};
static const char *const request_states[] = {"requested", "accepted", "declined", "cancelled",
					     NULL};
static const char *const agreement_kinds[] = {"letter_of_intent", "mou",
					      "cooperation_agreement", "contract",
					      "pilot_project", "joint_funding_application", NULL};
static const char *const agreement_states[] = {"intent", "signed", "in_progress", "completed",
					       "abandoned", NULL};

static json_t *zeros(const char *const *names)
{
	json_t *obj = json_object();

	for (const char *const *n = names; *n; n++)
		json_object_set_new(obj, *n, json_integer(0));
	return obj;
}

/* Prepares EV-prefixed sql with the scope bound (and ?5 = now when it uses it). */
static int scoped(struct store *s, const struct store_stats_scope *sc, const char *sql,
		  struct db_stmt **st, struct err *e)
{
	int rc = store_prep(s, sql, st, e);

	if (rc)
		return rc;
	db_bind_int64(*st, 1, sc->event);
	if (sc->series)
		db_bind_text(*st, 2, sc->series, strlen(sc->series));
	else
		db_bind_null(*st, 2);
	db_bind_int64(*st, 3, sc->from);
	db_bind_int64(*st, 4, sc->to);
	if (strstr(sql, "?5"))
		db_bind_int64(*st, 5, sc->now);
	return 0;
}

/* The integer columns of the one row of sql into v[0..n). */
static int ints(struct store *s, const struct store_stats_scope *sc, const char *sql,
		int64_t *v, int n, struct err *e)
{
	struct db_stmt *st;
	int rc = scoped(s, sc, sql, &st, e);

	if (rc)
		return rc;
	rc = store_step(s, st, e);
	for (int i = 0; i < n; i++)
		v[i] = rc == 1 ? db_col_int64(st, i) : 0;
	store_reset(st);
	return rc < 0 ? rc : 0;
}

/* (key, count) rows of sql into obj; a NULL key counts as "unknown". */
static int counts(struct store *s, const struct store_stats_scope *sc, const char *sql,
		  json_t *obj, struct err *e)
{
	struct db_stmt *st;
	int rc = scoped(s, sc, sql, &st, e);

	if (rc)
		return rc;
	while ((rc = store_step(s, st, e)) == 1) {
		const char *key = db_col_text(st, 0);

		json_object_set_new(obj, key ? key : "unknown", json_integer(db_col_int64(st, 1)));
	}
	store_reset(st);
	return rc < 0 ? rc : 0;
}

/* [{name: key, "people": n}] of sql, largest first (the query orders). */
static int ranked(struct store *s, const struct store_stats_scope *sc, const char *sql,
		  const char *name, json_t *arr, struct err *e)
{
	struct db_stmt *st;
	int rc = scoped(s, sc, sql, &st, e);

	if (rc)
		return rc;
	while ((rc = store_step(s, st, e)) == 1) {
		const char *key = db_col_text(st, 0);

		json_array_append_new(arr, json_pack("{s:s, s:I}", name, key ? key : "unknown",
						     "people", (json_int_t)db_col_int64(st, 1)));
	}
	store_reset(st);
	return rc < 0 ? rc : 0;
}

static int participants(struct store *s, const struct store_stats_scope *sc, json_t *out,
			struct err *e)
{
	json_t *by_country = json_array(), *by_kind = json_array(), *att = json_object();
	int64_t v[3] = {0, 0, 0};
	int rc = ints(s, sc, EV "SELECT count(*), count(DISTINCT r.person_id),"
		      " count(DISTINCT p.organisation_id) FROM registrations r"
		      " JOIN people p ON p.id = r.person_id WHERE r.event_id IN (SELECT id FROM ev)",
		      v, 3, e);

	if (rc == 0)
		rc = ranked(s, sc, EV "SELECT o.country, count(DISTINCT r.person_id) AS n"
			    " FROM registrations r JOIN people p ON p.id = r.person_id"
			    " LEFT JOIN organisations o ON o.id = p.organisation_id"
			    " WHERE r.event_id IN (SELECT id FROM ev) GROUP BY o.country"
			    " ORDER BY n DESC, o.country", "country", by_country, e);
	if (rc == 0)
		rc = ranked(s, sc, EV "SELECT o.kind, count(DISTINCT r.person_id) AS n"
			    " FROM registrations r JOIN people p ON p.id = r.person_id"
			    " LEFT JOIN organisations o ON o.id = p.organisation_id"
			    " WHERE r.event_id IN (SELECT id FROM ev) GROUP BY o.kind"
			    " ORDER BY n DESC, o.kind", "kind", by_kind, e);
	if (rc == 0)
		rc = counts(s, sc, EV "SELECT r.attendance, count(*) FROM registrations r"
			    " WHERE r.event_id IN (SELECT id FROM ev) GROUP BY r.attendance", att, e);
	json_object_set_new(out, "participants",
			    json_pack("{s:I, s:I, s:I, s:o, s:o, s:o}", "registrations",
				      (json_int_t)v[0], "people", (json_int_t)v[1], "organisations",
				      (json_int_t)v[2], "by_country", by_country, "by_kind", by_kind,
				      "by_attendance", att));
	return rc;
}

static int requests(struct store *s, const struct store_stats_scope *sc, json_t *out,
		    int64_t *total, struct err *e)
{
	json_t *by_state = zeros(request_states);
	int64_t acc, dec;
	int rc = counts(s, sc, EV "SELECT state, count(*) FROM meeting_requests"
			" WHERE event_id IN (SELECT id FROM ev) GROUP BY state", by_state, e);
	const char *key;
	json_t *v;

	*total = 0;
	json_object_foreach(by_state, key, v)
		*total += json_integer_value(v);
	acc = json_integer_value(json_object_get(by_state, "accepted"));
	dec = json_integer_value(json_object_get(by_state, "declined"));
	json_object_set_new(out, "requests",
			    json_pack("{s:I, s:o, s:o}", "total", (json_int_t)*total, "by_state",
				      by_state, "acceptance_rate",
				      acc + dec ? json_real((double)acc / (double)(acc + dec))
						: json_null()));
	return rc;
}

static int meetings(struct store *s, const struct store_stats_scope *sc, json_t *out,
		    int64_t *total, struct err *e)
{
	int64_t v[4] = {0, 0, 0, 0};
	int rc = ints(s, sc, EV "SELECT count(*),"
		      " coalesce(sum(CASE WHEN m.slot_id IS NOT NULL THEN 1 ELSE 0 END), 0),"
		      " coalesce(sum(CASE WHEN sl.start_utc + 60 * sl.minutes <= ?5 THEN 1 ELSE 0"
		      "   END), 0),"
		      " coalesce(sum(CASE WHEN sl.start_utc + 60 * sl.minutes <= ?5 AND NOT EXISTS"
		      "   (SELECT 1 FROM meeting_outcomes mo WHERE mo.meeting_id = m.id"
		      "   AND mo.outcome = 'did_not_take_place') THEN 1 ELSE 0 END), 0)"
		      " FROM meetings m LEFT JOIN event_slots sl ON sl.id = m.slot_id"
		      " WHERE m.event_id IN (SELECT id FROM ev)", v, 4, e);

	*total = v[0];
	json_object_set_new(out, "meetings",
			    json_pack("{s:I, s:I, s:I, s:I}", "total", (json_int_t)v[0],
				      "scheduled", (json_int_t)v[1], "ended", (json_int_t)v[2],
				      "held", (json_int_t)v[3]));
	return rc;
}

static int outcomes(struct store *s, const struct store_stats_scope *sc, json_t *out,
		    int64_t *cooperation, struct err *e)
{
	json_t *by = zeros(outcome_names);
	int64_t v[5] = {0, 0, 0, 0, 0};
	int rc = counts(s, sc, EV "SELECT mo.outcome, count(*) FROM meeting_outcomes mo"
			" JOIN meetings m ON m.id = mo.meeting_id"
			" WHERE m.event_id IN (SELECT id FROM ev) GROUP BY mo.outcome", by, e);

	if (rc == 0)
		rc = ints(s, sc, EV "SELECT count(*), coalesce(sum(mo.no_show), 0),"
			  " count(DISTINCT mo.meeting_id),"
			  " count(DISTINCT CASE WHEN mo.outcome = 'cooperation_possible'"
			  "   THEN mo.meeting_id END),"
			  " (SELECT count(*) FROM (SELECT o2.meeting_id FROM meeting_outcomes o2"
			  "   JOIN meetings m2 ON m2.id = o2.meeting_id"
			  "   WHERE m2.event_id IN (SELECT id FROM ev)"
			  "   GROUP BY o2.meeting_id HAVING count(*) >= 2) b)"
			  " FROM meeting_outcomes mo JOIN meetings m ON m.id = mo.meeting_id"
			  " WHERE m.event_id IN (SELECT id FROM ev)", v, 5, e);
	else
		memset(v, 0, sizeof(v));
	*cooperation = v[3];
	json_object_set_new(out, "outcomes",
			    json_pack("{s:I, s:o, s:I, s:I, s:I, s:I}", "answers", (json_int_t)v[0],
				      "by_outcome", by, "no_shows", (json_int_t)v[1],
				      "meetings_answered", (json_int_t)v[2],
				      "meetings_both_answered", (json_int_t)v[4],
				      "meetings_cooperation_possible", (json_int_t)v[3]));
	return rc;
}

static int cmp_int64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* The UTC day number of "YYYY-MM-DD" (days since 1970), or -1. */
static int64_t day_of(const char *date)
{
	char t[40];
	int64_t epoch;

	if (!date || strlen(date) != 10)
		return -1;
	memcpy(t, date, 10);
	memcpy(t + 10, "T00:00:00Z", 11);
	return time_parse(t, &epoch) ? -1 : epoch / 86400;
}

/* The median of the days from each signed agreement's meeting to its date. */
static int median_days(struct store *s, const struct store_stats_scope *sc, json_t *agr,
		       struct err *e)
{
	struct db_stmt *st;
	int64_t *days = NULL;
	size_t n = 0, cap = 0;
	int rc = scoped(s, sc, EV "SELECT sl.start_utc, a.date FROM agreements a"
			" JOIN meetings m ON m.id = a.meeting_id JOIN event_slots sl ON sl.id = m.slot_id"
			" WHERE a.event_id IN (SELECT id FROM ev) AND a.date IS NOT NULL"
			" AND coalesce(a.state, 'intent') IN " SIGNED_STATES, &st, e);

	if (rc)
		return rc;
	while ((rc = store_step(s, st, e)) == 1) {
		int64_t signed_day = day_of(db_col_text(st, 1));
		int64_t met = db_col_int64(st, 0);

		if (signed_day < 0)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			days = realloc(days, cap * sizeof(*days));
			if (!days)
				abort();
		}
		days[n++] = signed_day - (met >= 0 ? met / 86400 : (met - 86399) / 86400);
	}
	store_reset(st);
	if (n)
		qsort(days, n, sizeof(*days), cmp_int64);
	json_object_set_new(agr, "signed_after_meeting", json_integer((json_int_t)n));
	json_object_set_new(agr, "median_days_meeting_to_signature",
			    !n ? json_null()
			    : n % 2 ? json_integer(days[n / 2])
				    : json_real((double)(days[n / 2 - 1] + days[n / 2]) / 2.0));
	free(days);
	return rc < 0 ? rc : 0;
}

/* *total: every agreement (each starts as an intent); *sig: those signed or beyond. */
static int agreements(struct store *s, const struct store_stats_scope *sc, json_t *out,
		      int64_t *total, int64_t *sig, struct err *e)
{
	json_t *kinds = zeros(agreement_kinds), *states = zeros(agreement_states), *agr;
	int64_t v[2] = {0, 0};
	int rc = counts(s, sc, EV "SELECT kind, count(*) FROM agreements"
			" WHERE event_id IN (SELECT id FROM ev) GROUP BY kind", kinds, e);

	if (rc == 0)
		rc = counts(s, sc, EV "SELECT coalesce(state, 'intent'), count(*) FROM agreements"
			    " WHERE event_id IN (SELECT id FROM ev) GROUP BY coalesce(state, 'intent')",
			    states, e);
	if (rc == 0)
		rc = ints(s, sc, EV "SELECT count(*),"
			  " coalesce(sum(CASE WHEN coalesce(state, 'intent') IN " SIGNED_STATES
			  "   THEN 1 ELSE 0 END), 0)"
			  " FROM agreements WHERE event_id IN (SELECT id FROM ev)", v, 2, e);
	else
		memset(v, 0, sizeof(v));
	*total = v[0];
	*sig = v[1];
	agr = json_pack("{s:I, s:o, s:o, s:I}", "total", (json_int_t)v[0], "by_kind", kinds,
			"by_state", states, "signed", (json_int_t)v[1]);
	json_object_set_new(out, "agreements", agr);
	return rc ? rc : median_days(s, sc, agr, e);
}

static json_t *step(const char *name, int64_t n)
{
	return json_pack("{s:s, s:I}", "step", name, "count", (json_int_t)n);
}

/* An agreement a that reached its signature: signed or beyond now, or signed once. */
#define REACHED_SIGNED                                                                        \
	"(coalesce(a.state, 'intent') IN " SIGNED_STATES " OR EXISTS (SELECT 1"                \
	" FROM agreement_history h WHERE h.agreement_id = a.id AND h.to_state = 'signed'))"

/*
 * The funnel after the meetings, counted in meetings of the scope so that
 * each step is a part of the one before (docs/api.md, "Statistics"): v[0]
 * those where cooperation was possible (a side answered so, or an
 * agreement came from it), v[1] those from which an agreement came (each
 * starts as an intent: the letter-of-intent stage), v[2] those from which
 * an agreement came that reached its signature.
 */
static int funnel_meetings(struct store *s, const struct store_stats_scope *sc, int64_t v[3],
			   struct err *e)
{
	return ints(s, sc, EV "SELECT"
		    " coalesce(sum(CASE WHEN x.agr = 1 OR EXISTS (SELECT 1 FROM meeting_outcomes mo"
		    "   WHERE mo.meeting_id = x.id AND mo.outcome = 'cooperation_possible')"
		    "   THEN 1 ELSE 0 END), 0),"
		    " coalesce(sum(x.agr), 0), coalesce(sum(x.sig), 0)"
		    " FROM (SELECT m.id,"
		    "   CASE WHEN EXISTS (SELECT 1 FROM agreements a WHERE a.meeting_id = m.id)"
		    "     THEN 1 ELSE 0 END AS agr,"
		    "   CASE WHEN EXISTS (SELECT 1 FROM agreements a WHERE a.meeting_id = m.id"
		    "     AND " REACHED_SIGNED ") THEN 1 ELSE 0 END AS sig"
		    "   FROM meetings m WHERE m.event_id IN (SELECT id FROM ev)) x", v, 3, e);
}

static int all_figures(struct store *s, const struct store_stats_scope *sc, json_t *out,
		       struct err *e)
{
	int64_t req = 0, met = 0, coop = 0, agr = 0, sig = 0, v[2] = {0, 0}, f[3] = {0, 0, 0};
	int rc = ints(s, sc, EV "SELECT count(*), (SELECT coalesce(sum(views), 0) FROM event_views"
		      " WHERE event_id IN (SELECT id FROM ev)) FROM ev", v, 2, e);

	if (rc == 0 && sc->event && v[0] == 0)
		return err_set(e, ERR_NOT_FOUND, "id", "no such event: %lld", (long long)sc->event);
	json_object_set_new(out, "events", json_integer(v[0]));
	json_object_set_new(out, "page_views", json_integer(v[1]));
	if (rc == 0)
		rc = participants(s, sc, out, e);
	if (rc == 0)
		rc = requests(s, sc, out, &req, e);
	if (rc == 0)
		rc = meetings(s, sc, out, &met, e);
	if (rc == 0)
		rc = outcomes(s, sc, out, &coop, e);
	if (rc == 0)
		rc = agreements(s, sc, out, &agr, &sig, e);
	if (rc == 0)
		rc = funnel_meetings(s, sc, f, e);
	if (rc == 0)
		json_object_set_new(out, "funnel",
				    json_pack("[o, o, o, o, o]", step("requests", req),
					      step("meetings", met),
					      step("cooperation_possible", f[0]),
					      step("letters_of_intent", f[1]), step("signed", f[2])));
	return rc;
}

int store_statistics(struct store *s, const struct store_stats_scope *scope, json_t **out,
		     struct err *e)
{
	json_t *obj = json_object();
	int rc = store_read_begin(s, e);

	if (rc == 0)
		rc = store_read_end(s, all_figures(s, scope, obj, e), e);
	if (rc) {
		json_decref(obj);
		obj = NULL;
	}
	*out = obj;
	return rc;
}

int store_statistics_events(struct store *s, const struct store_stats_scope *scope,
			    json_t **out, struct err *e)
{
	struct db_stmt *st;
	json_t *arr = json_array();
	int rc = scoped(s, scope, EV "SELECT e.id, e.name, e.series, (SELECT min(x.start_utc)"
			" FROM event_slots x WHERE x.event_id = e.id) AS first_start FROM events e"
			" WHERE e.id IN (SELECT id FROM ev) ORDER BY first_start, e.id", &st, e);

	*out = NULL;
	if (rc) {
		json_decref(arr);
		return rc;
	}
	while ((rc = store_step(s, st, e)) == 1) {
		const char *series = db_col_text(st, 2);
		char day[16] = "";
		time_t t = (time_t)db_col_int64(st, 3);
		struct tm tm;

		if (db_col_type(st, 3) != DB_NULL && gmtime_r(&t, &tm))
			strftime(day, sizeof(day), "%Y-%m-%d", &tm);
		json_array_append_new(arr, json_pack("{s:I, s:s, s:o, s:o}", "id",
						     (json_int_t)db_col_int64(st, 0), "name",
						     db_col_text(st, 1), "series",
						     series ? json_string(series) : json_null(),
						     "first_day", day[0] ? json_string(day)
									 : json_null()));
	}
	store_reset(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

/* The day of UTC seconds column i of st into day ("" when NULL). */
static void col_day(struct db_stmt *st, int i, char day[16])
{
	time_t t = (time_t)db_col_int64(st, i);
	struct tm tm;

	day[0] = '\0';
	if (db_col_type(st, i) != DB_NULL && gmtime_r(&t, &tm))
		strftime(day, 16, "%Y-%m-%d", &tm);
}

int store_series_list(struct store *s, json_t **out, struct err *e)
{
	struct db_stmt *st;
	json_t *arr = json_array();
	int rc = store_prep(s, "SELECT e.series, count(*), min(f.first_start), max(f.first_start)"
			    " FROM events e LEFT JOIN (SELECT event_id, min(start_utc) AS first_start"
			    " FROM event_slots GROUP BY event_id) f ON f.event_id = e.id"
			    " WHERE e.series IS NOT NULL GROUP BY e.series ORDER BY e.series", &st, e);

	*out = NULL;
	if (rc) {
		json_decref(arr);
		return rc;
	}
	while ((rc = store_step(s, st, e)) == 1) {
		char first[16], last[16];

		col_day(st, 2, first);
		col_day(st, 3, last);
		json_array_append_new(arr, json_pack("{s:s, s:I, s:o, s:o}", "name",
						     db_col_text(st, 0), "events",
						     (json_int_t)db_col_int64(st, 1), "first_day",
						     first[0] ? json_string(first) : json_null(),
						     "last_day", last[0] ? json_string(last) : json_null()));
	}
	store_reset(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}
