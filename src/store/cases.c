/*
 * cases.c - the rows of the cooperation desk (cases.h): cases and their
 * thread, the search entries of cases (case_fts), the desk's calendar,
 * SLA and staff.
 */
#include "store/cases.h"

#include "core/buf.h"
#include "core/jsonx.h"
#include "core/workhours.h"
#include "core/xalloc.h"
#include "store/account_int.h"
#include "store/store_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the calendar, the SLA and the staff -------------------------------------- */

int store_desk_cal_read(struct store *s, struct store_desk_cal *c, struct err *e)
{
	struct db_stmt *st;
	size_t cap = 0;
	int rc;

	memset(c, 0, sizeof(*c));
	rc = store_prep(s, "SELECT time_zone, open_min, close_min, days_off, risk_percent"
			" FROM desk_settings WHERE id = 1", &st, e);
	if (rc)
		return rc;
	rc = store_step(s, st, e);
	if (rc == 1) {
		snprintf(c->time_zone, sizeof(c->time_zone), "%s", db_col_text(st, 0));
		c->open_min = (int32_t)db_col_int64(st, 1);
		c->close_min = (int32_t)db_col_int64(st, 2);
		c->days_off = (unsigned)db_col_int64(st, 3);
		c->risk_percent = (int32_t)db_col_int64(st, 4);
	}
	store_reset(st);
	if (rc == 0)
		return err_set(e, ERR_INTERNAL, NULL, "the desk's settings row is missing");
	if (rc < 0)
		return rc;
	rc = store_prep(s, "SELECT date FROM desk_holidays ORDER BY date", &st, e);
	if (rc)
		return rc;
	while ((rc = store_step(s, st, e)) == 1) {
		int32_t d;

		if (work_date_parse(db_col_text(st, 0), &d))
			continue;
		if (c->nholidays == cap) {
			cap = cap ? 2 * cap : 16;
			c->holidays = xrealloc(c->holidays, cap * sizeof(*c->holidays));
		}
		c->holidays[c->nholidays++] = d;
	}
	store_reset(st);
	if (rc < 0)
		store_desk_cal_release(c);
	return rc < 0 ? rc : 0;
}

void store_desk_cal_release(struct store_desk_cal *c)
{
	free(c->holidays);
	c->holidays = NULL;
	c->nholidays = 0;
}

static json_t *hhmm(int32_t min)
{
	char t[8];

	snprintf(t, sizeof(t), "%02d:%02d", min / 60, min % 60);
	return json_string(t);
}

int store_desk_settings(struct store *s, json_t **out, struct err *e)
{
	struct store_desk_cal c;
	json_t *days = json_array(), *hol = json_array(), *sla = json_array();
	int rc = store_desk_cal_read(s, &c, e);

	*out = NULL;
	if (rc == 0)
		rc = acct_rows(s, hol, e, "SELECT date, name FROM desk_holidays ORDER BY date", "");
	if (rc == 0)
		rc = acct_rows(s, sla, e, "SELECT category, priority, minutes FROM desk_sla"
			       " ORDER BY category, priority", "");
	if (rc) {
		json_decref(days);
		json_decref(hol);
		json_decref(sla);
		store_desk_cal_release(&c);
		return rc;
	}
	for (int d = 1; d <= 7; d++)
		if (c.days_off & WORK_DAY(d))
			json_array_append_new(days, json_integer(d));
	*out = json_pack("{s:s, s:o, s:o, s:o, s:i, s:o, s:o}", "time_zone", c.time_zone, "open",
			 hhmm(c.open_min), "close", hhmm(c.close_min), "days_off", days,
			 "risk_percent", (int)c.risk_percent, "holidays", hol, "sla", sla);
	store_desk_cal_release(&c);
	return 0;
}

int store_desk_settings_write(struct store *s, const struct store_desk_cal *c,
			      const json_t *holidays, struct err *e)
{
	size_t i;
	json_t *h;
	int rc = store_exec(s, e, "UPDATE desk_settings SET time_zone = ?1, open_min = ?2,"
			    " close_min = ?3, days_off = ?4, risk_percent = ?5 WHERE id = 1",
			    "tiiii", c->time_zone, (int64_t)c->open_min, (int64_t)c->close_min,
			    (int64_t)c->days_off, (int64_t)c->risk_percent);

	if (rc || !holidays)
		return rc;
	rc = store_exec(s, e, "DELETE FROM desk_holidays", "");
	json_array_foreach(holidays, i, h) {
		if (rc)
			break;
		rc = store_exec(s, e, "INSERT INTO desk_holidays(date, name) VALUES (?1, ?2)", "tt",
				jsonx_str(h, "date"), jsonx_str(h, "name"));
	}
	return rc;
}

int store_desk_sla_set(struct store *s, const char *category, const char *priority,
		       int64_t minutes, struct err *e)
{
	return store_exec(s, e, "UPDATE desk_sla SET minutes = ?3 WHERE category = ?1"
			  " AND priority = ?2", "tti", category, priority, minutes);
}

int store_desk_sla(struct store *s, const char *category, const char *priority,
		   int64_t *minutes, struct err *e)
{
	int rc = store_int(s, e, minutes, "SELECT minutes FROM desk_sla WHERE category = ?1"
			   " AND priority = ?2", "tt", category, priority);

	if (rc == 0)
		return err_set(e, ERR_INVALID, "category", "the desk has no SLA for %s and %s",
			       category, priority);
	return rc < 0 ? rc : 0;
}

int store_desk_is_staff(struct store *s, int64_t account, int *yes, char *team, size_t n,
			struct err *e)
{
	struct db_stmt *st;
	int rc;

	*yes = 0;
	if (team && n)
		team[0] = '\0';
	if (!account)
		return 0;
	rc = store_prep(s, "SELECT coalesce(team, '') FROM desk_staff WHERE account_id = ?1", &st,
			e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, account);
	rc = store_step(s, st, e);
	if (rc == 1) {
		*yes = 1;
		if (team && n)
			snprintf(team, n, "%s", db_col_text(st, 0));
	}
	store_reset(st);
	return rc < 0 ? rc : 0;
}

int store_desk_staff_set(struct store *s, int64_t account, const char *team, int remove,
			 struct err *e)
{
	int64_t found = 0;
	int rc = store_int(s, e, &found, "SELECT 1 FROM accounts WHERE id = ?1", "i", account);

	if (rc < 0)
		return rc;
	if (!found)
		return err_set(e, ERR_NOT_FOUND, "id", "no account with id %" PRId64, account);
	if (remove)
		return store_exec(s, e, "DELETE FROM desk_staff WHERE account_id = ?1", "i",
				  account);
	return store_exec(s, e, "INSERT INTO desk_staff(account_id, team) VALUES (?1, ?2)"
			  " ON CONFLICT (account_id) DO UPDATE SET team = EXCLUDED.team", "it",
			  account, team);
}

int store_desk_staff(struct store *s, json_t **out, struct err *e)
{
	json_t *arr = json_array();
	int rc = acct_rows(s, arr, e, "SELECT d.account_id, a.email, d.team, p.name"
			   " FROM desk_staff d JOIN accounts a ON a.id = d.account_id"
			   " LEFT JOIN people p ON p.id = a.person_id ORDER BY a.email", "");

	if (rc) {
		json_decref(arr);
		arr = NULL;
	}
	*out = arr;
	return rc;
}

int store_account_by_email(struct store *s, const char *email, int64_t *id, struct err *e)
{
	int rc = store_int(s, e, id, "SELECT id FROM accounts WHERE lower(email) = lower(?1)",
			   "t", email);

	return rc < 0 ? rc : 0;
}

int store_desk_account_exists(struct store *s, int64_t id, int *yes, struct err *e)
{
	int64_t found = 0;
	int rc = store_int(s, e, &found, "SELECT 1 FROM accounts WHERE id = ?1", "i", id);

	*yes = rc > 0;
	return rc < 0 ? rc : 0;
}

int store_desk_org_exists(struct store *s, int64_t id, int *yes, struct err *e)
{
	int64_t found = 0;
	int rc = store_int(s, e, &found, "SELECT 1 FROM organisations WHERE id = ?1", "i", id);

	*yes = rc > 0;
	return rc < 0 ? rc : 0;
}

int store_desk_read(struct store *s, int (*fn)(struct store *s, void *ctx, struct err *e),
		    void *ctx, struct err *e)
{
	int rc = store_read_begin(s, e);

	if (rc)
		return rc;
	return store_read_end(s, fn(s, ctx, e), e);
}

/* ---- cases ------------------------------------------------------------------- */

static int fts_add(struct store *s, int64_t id, const char *subject, const char *body,
		   struct err *e)
{
	struct buf text, lex;
	int rc;

	if (!s->pg)
		return store_exec(s, e, "INSERT INTO case_fts(rowid, subject, body)"
				  " VALUES (?1, ?2, ?3)", "itt", id, subject, body);
	buf_init(&text, 65536);
	buf_init(&lex, 1 << 20);
	rc = buf_printf(&text, "%s %s", subject, body);
	if (rc == 0)
		rc = store_fts_lexemes(s, text.data, text.len, &lex);
	if (rc)
		rc = err_set(e, ERR_INTERNAL, "body", "cannot index the text");
	else
		rc = store_exec(s, e, "INSERT INTO case_fts(rowid, tokens)"
				" VALUES (?1, CAST(?2 AS tsvector))", "it", id,
				lex.data ? lex.data : "");
	buf_release(&text);
	buf_release(&lex);
	return rc;
}

int store_case_insert(struct store *s, const struct store_case_new *c, int64_t *id,
		      struct err *e)
{
	char now[32], opened[32];
	time_t t = (time_t)c->opened_utc;
	struct tm tm;
	int rc;

	store_now(now);
	gmtime_r(&t, &tm);
	strftime(opened, sizeof(opened), "%Y-%m-%dT%H:%M:%SZ", &tm);
	rc = store_exec(s, e,
			"INSERT INTO cases(subject, body, lang, organisation_id, category, priority,"
			" state, owner_id, team, requester_id, requester_name, requester_email,"
			" channel, opened_by, opened_at, opened_utc, sla_minutes, due_utc, risk_utc,"
			" updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
			" ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
			"tttztttztztttztiiiit", c->subject, c->body, c->lang, c->organisation,
			c->category, c->priority, c->state, c->owner, c->team, c->requester,
			c->requester_name, c->requester_email, c->channel, c->opened_by, opened,
			c->opened_utc, c->sla_minutes, c->due_utc, c->risk_utc, now);
	if (rc)
		return rc;
	*id = db_last_id(s->db);
	return fts_add(s, *id, c->subject, c->body, e);
}

#define CASE_COLS                                                                                 \
	"c.id, c.subject, c.lang, c.organisation_id, o.name AS organisation, c.category,"         \
	" c.priority, c.state, c.owner_id, ow.email AS owner_email, c.team, c.requester_id,"     \
	" coalesce(c.requester_name, rp.name) AS requester_name,"                                \
	" coalesce(c.requester_email, ra.email) AS requester_email, c.channel, c.opened_by,"     \
	" c.opened_at, c.opened_utc, c.sla_minutes, c.due_utc, c.risk_utc, c.paused_left,"       \
	" c.resolved_at, c.closed_at, c.rating, c.rating_comment, c.rated_at, c.updated_at"
#define CASE_JOINS                                                                                \
	" LEFT JOIN organisations o ON o.id = c.organisation_id"                                  \
	" LEFT JOIN accounts ow ON ow.id = c.owner_id"                                            \
	" LEFT JOIN accounts ra ON ra.id = c.requester_id"                                        \
	" LEFT JOIN people rp ON rp.id = ra.person_id"
#define CASE_FROM " FROM cases c" CASE_JOINS

int store_case_get(struct store *s, int64_t id, json_t **out, struct err *e)
{
	return store_row_by_id(s, "SELECT " CASE_COLS ", c.body" CASE_FROM " WHERE c.id = ?1", id,
			       acct_row_json, "case with id", out, e);
}

/* The columns store_case_set may write, and how each is bound. */
static const char *const settable[][2] = {
	{"state", "t"},       {"owner_id", "i"},    {"team", "t"},        {"category", "t"},
	{"priority", "t"},    {"sla_minutes", "i"}, {"due_utc", "i"},     {"risk_utc", "i"},
	{"paused_left", "i"}, {"resolved_at", "t"}, {"closed_at", "t"},   {"rating", "i"},
	{"rating_comment", "t"}, {"rated_at", "t"},
};

int store_case_set(struct store *s, int64_t id, const json_t *row, struct err *e)
{
	char now[32];
	struct buf sql;
	struct db_stmt *st;
	int n = 1, rc;

	/* one UPDATE: the CHECKs over several columns hold after it, not between columns */
	buf_init(&sql, 2048);
	rc = buf_puts(&sql, "UPDATE cases SET updated_at = ?2");
	n = 2;
	for (size_t i = 0; rc == 0 && i < sizeof(settable) / sizeof(settable[0]); i++)
		if (json_object_get(row, settable[i][0]))
			rc = buf_printf(&sql, ", %s = ?%d", settable[i][0], ++n);
	if (rc == 0)
		rc = buf_puts(&sql, " WHERE id = ?1");
	if (rc == 0)
		rc = store_prep(s, sql.data, &st, e);
	buf_release(&sql);
	if (rc)
		return rc;
	store_now(now);
	db_bind_int64(st, 1, id);
	db_bind_text(st, 2, now, strlen(now));
	n = 2;
	for (size_t i = 0; i < sizeof(settable) / sizeof(settable[0]); i++) {
		const json_t *v = json_object_get(row, settable[i][0]);

		if (!v)
			continue;
		n++;
		if (json_is_null(v))
			db_bind_null(st, n);
		else if (settable[i][1][0] == 'i')
			db_bind_int64(st, n, json_integer_value(v));
		else
			db_bind_text(st, n, json_string_value(v), strlen(json_string_value(v)));
	}
	rc = store_step(s, st, e);
	store_reset(st);
	return rc < 0 ? rc : 0;
}

int store_case_post(struct store *s, int64_t id, const char *kind, int64_t author,
		    const char *author_name, const char *body, const char *lang,
		    const char *from, const char *to, struct err *e)
{
	char now[32];

	store_now(now);
	return store_exec(s, e, "INSERT INTO case_messages(case_id, kind, author_id, author_name,"
			  " body, lang, from_state, to_state, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
			  " ?7, ?8, ?9)", "itztttttt", id, kind, author, author_name, body, lang,
			  from, to, now);
}

int store_case_thread(struct store *s, int64_t id, int notes, json_t **out, struct err *e)
{
	json_t *arr = json_array();
	int rc = acct_rows(s, arr, e,
			   "SELECT m.id, m.kind, m.author_id, coalesce(m.author_name, p.name)"
			   " AS author_name, a.email AS author_email, m.body, m.lang, m.from_state,"
			   " m.to_state, m.at FROM case_messages m"
			   " LEFT JOIN accounts a ON a.id = m.author_id"
			   " LEFT JOIN people p ON p.id = a.person_id"
			   " WHERE m.case_id = ?1 AND (?2 = 1 OR m.kind <> 'note') ORDER BY m.id",
			   "ii", id, (int64_t)(notes ? 1 : 0));

	if (rc) {
		json_decref(arr);
		arr = NULL;
	}
	*out = arr;
	return rc;
}

/* The condition of each view (constants: they are spliced into the SQL). */
static const char *view_cond(const char *view)
{
	static const char *const views[][2] = {
		{"open", "c.state IN ('new', 'assigned', 'waiting_for_requester')"},
		{"overdue", "c.state IN ('new', 'assigned') AND c.due_utc <= ?1"},
		{"at_risk", "c.state IN ('new', 'assigned') AND c.risk_utc <= ?1 AND c.due_utc > ?1"},
		{"waiting", "c.state = 'waiting_for_requester'"},
		{"resolved", "c.state = 'resolved'"},
		{"closed", "c.state = 'closed'"},
		{"all", "?1 = ?1"},
	};

	for (size_t i = 0; i < sizeof(views) / sizeof(views[0]); i++)
		if (view && strcmp(view, views[i][0]) == 0)
			return views[i][1];
	return NULL;
}

int store_case_list(struct store *s, const struct store_case_query *q, json_t **out,
		    struct err *e)
{
	const char *cond = view_cond(q->view ? q->view : "open");
	struct buf sql, match;
	struct db_stmt *st;
	json_t *items;
	int64_t last = 0;
	int rc, more = 0;

	*out = NULL;
	if (!cond)
		return err_set(e, ERR_BAD_REQUEST, "view", "must be one of open, overdue, at_risk, "
			       "waiting, resolved, closed, all");
	buf_init(&sql, 8192);
	buf_init(&match, 65536);
	rc = q->q ? store_fts_query(q->q, "q", s->pg, &match, e) : 0;
	if (rc == 0)
		/*
		 * With words, the full-text rows drive in id order from the
		 * cursor (FTS5 walks its matches by rowid), so that a page stops
		 * at its end instead of gathering every match first.
		 */
		rc = buf_printf(&sql, "SELECT " CASE_COLS "%s WHERE %s"
				" AND (?2 IS NULL OR c.category = ?2)"
				" AND (?3 IS NULL OR c.owner_id = ?3)"
				" AND (?4 IS NULL OR c.requester_id = ?4) AND c.id > ?5%s"
				" ORDER BY %s LIMIT ?6", !q->q ? CASE_FROM
				: s->pg ? " FROM case_fts f JOIN cases c ON c.id = f.rowid" CASE_JOINS
					: " FROM case_fts f CROSS JOIN cases c ON c.id = f.rowid" CASE_JOINS,
				cond,
				!q->q ? ""
				: s->pg ? " AND f.tokens @@ CAST(?7 AS tsquery) AND f.rowid > ?5"
					: " AND case_fts MATCH ?7 AND f.rowid > ?5",
				!q->q ? "c.id" : "f.rowid");
	if (rc == 0)
		rc = store_prep(s, sql.data, &st, e);
	if (rc == 0) {
		db_bind_int64(st, 1, q->now);
		if (q->category)
			db_bind_text(st, 2, q->category, strlen(q->category));
		else
			db_bind_null(st, 2);
		if (q->owner)
			db_bind_int64(st, 3, q->owner);
		else
			db_bind_null(st, 3);
		if (q->requester)
			db_bind_int64(st, 4, q->requester);
		else
			db_bind_null(st, 4);
		db_bind_int64(st, 5, q->after);
		db_bind_int64(st, 6, q->limit + 1);
		if (q->q)
			db_bind_text(st, 7, match.data, match.len);
	}
	buf_release(&sql);
	buf_release(&match);
	if (rc)
		return rc;
	items = json_array();
	while ((rc = store_step(s, st, e)) == 1) {
		if ((int)json_array_size(items) == q->limit) {
			more = 1;
			break;
		}
		last = db_col_int64(st, 0);
		json_array_append_new(items, acct_row_json(st));
	}
	store_reset(st);
	if (rc < 0) {
		json_decref(items);
		return rc;
	}
	*out = json_pack("{s:o, s:o}", "items", items, "next",
			 more ? json_sprintf("%" PRId64, last) : json_null());
	return 0;
}

int store_case_counts(struct store *s, int64_t now, int64_t requester, json_t **out,
		      struct err *e)
{
	struct db_stmt *st;
	int rc = store_prep(s, "SELECT"
			    " sum(CASE WHEN state IN ('new', 'assigned', 'waiting_for_requester')"
			    "   THEN 1 ELSE 0 END),"
			    " sum(CASE WHEN state IN ('new', 'assigned') AND due_utc <= ?1"
			    "   THEN 1 ELSE 0 END),"
			    " sum(CASE WHEN state IN ('new', 'assigned') AND risk_utc <= ?1"
			    "   AND due_utc > ?1 THEN 1 ELSE 0 END),"
			    " sum(CASE WHEN state = 'waiting_for_requester' THEN 1 ELSE 0 END),"
			    " sum(CASE WHEN state = 'resolved' THEN 1 ELSE 0 END),"
			    " sum(CASE WHEN state = 'closed' THEN 1 ELSE 0 END)"
			    " FROM cases WHERE ?2 IS NULL OR requester_id = ?2", &st, e);
	static const char *const names[] = {"open", "overdue", "at_risk", "waiting", "resolved",
					    "closed"};

	*out = NULL;
	if (rc)
		return rc;
	db_bind_int64(st, 1, now);
	if (requester)
		db_bind_int64(st, 2, requester);
	else
		db_bind_null(st, 2);
	rc = store_step(s, st, e);
	if (rc == 1) {
		*out = json_object();
		for (int i = 0; i < 6; i++)
			json_object_set_new(*out, names[i], json_integer(db_col_int64(st, i)));
	}
	store_reset(st);
	return rc < 0 ? rc : 0;
}
