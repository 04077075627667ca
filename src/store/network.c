/*
 * network.c - the rows of the desk's partner network and expert pool
 * (network.h): partners and their activity log, experts with their
 * full-text rows (expert_fts, as case_fts: FTS5 over the project's
 * tokenizer on SQLite, tsvectors of the same tokens on PostgreSQL) and
 * their assignments.
 */
#include "store/network.h"

#include "core/buf.h"
#include "core/jsonx.h"
#include "store/account_int.h"
#include "store/store_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- shared ------------------------------------------------------------------- */

/* Replaces the text of each JSON column of row by the value it holds. */
static void json_cols(json_t *row, const char *const *cols)
{
	for (; *cols; cols++) {
		const char *t = jsonx_str(row, *cols);
		json_t *v = t ? json_loads(t, JSON_DECODE_ANY, NULL) : NULL;

		if (v)
			json_object_set_new(row, *cols, v);
	}
}

static void json_cols_all(json_t *arr, const char *const *cols)
{
	size_t i;
	json_t *row;

	json_array_foreach(arr, i, row)
		json_cols(row, cols);
}

/* The JSON text of row[key] (NULL when absent or null); free it. */
static char *dump_col(const json_t *row, const char *key)
{
	const json_t *v = json_object_get(row, key);

	return v && !json_is_null(v) ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
}

static int64_t int_col(const json_t *row, const char *key)
{
	return json_integer_value(json_object_get(row, key));
}

/* Runs st (bound, at most limit + 1 rows) into {"items", "next"}; resets st. */
static int page_run(struct store *s, struct db_stmt *st, int limit, const char *const *cols,
		    json_t **out, struct err *e)
{
	json_t *items = json_array();
	int64_t last = 0;
	int rc, more = 0;

	while ((rc = store_step(s, st, e)) == 1) {
		if ((int)json_array_size(items) == limit) {
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
	json_cols_all(items, cols);
	*out = json_pack("{s:o, s:o}", "items", items, "next",
			 more ? json_sprintf("%" PRId64, last) : json_null());
	return 0;
}

static void bind_opt(struct db_stmt *st, int n, const char *v)
{
	if (v)
		db_bind_text(st, n, v, strlen(v));
	else
		db_bind_null(st, n);
}

int store_network_exists(struct store *s, const char *table, int64_t id, int *yes,
			 struct err *e)
{
	static const char *const tables[] = {"events", "challenges", "cases", "accounts",
					     "organisations", NULL};
	char sql[96];
	int64_t found = 0;
	int rc;

	*yes = 0;
	for (const char *const *t = tables; *t; t++)
		if (strcmp(*t, table) == 0) {
			snprintf(sql, sizeof(sql), "SELECT 1 FROM %s WHERE id = ?1", *t);
			rc = store_int(s, e, &found, sql, "i", id);
			*yes = rc > 0;
			return rc < 0 ? rc : 0;
		}
	return err_set(e, ERR_INTERNAL, NULL, "no table %s here", table);
}

int store_network_by_name(struct store *s, const char *table, const char *name, int64_t *id,
			  struct err *e)
{
	int rc;

	*id = 0;
	if (strcmp(table, "partners") == 0)
		rc = store_int(s, e, id, "SELECT min(id) FROM partners WHERE name = ?1", "t", name);
	else if (strcmp(table, "experts") == 0)
		rc = store_int(s, e, id, "SELECT min(id) FROM experts WHERE name = ?1", "t", name);
	else
		return err_set(e, ERR_INTERNAL, NULL, "no table %s here", table);
	return rc < 0 ? rc : 0;
}

int store_case_by_subject(struct store *s, const char *subject, int64_t *id, struct err *e)
{
	int rc = store_int(s, e, id, "SELECT min(id) FROM cases WHERE subject = ?1", "t", subject);

	return rc < 0 ? rc : 0;
}

/* ---- partners ------------------------------------------------------------------- */

static const char *const partner_json[] = {"countries", "themes", "contacts", NULL};

#define PARTNER_COLS                                                                              \
	"p.id, p.name, p.kind, p.country, p.city, p.website, p.organisation_id,"                  \
	" o.name AS organisation, p.description, p.countries, p.themes, p.contacts,"             \
	" p.signed_on, p.expires_on, p.notice_days, p.created_at, p.updated_at"
#define PARTNER_FROM " FROM partners p LEFT JOIN organisations o ON o.id = p.organisation_id"

int store_partner_write(struct store *s, const json_t *p, int64_t *id, struct err *e)
{
	char now[32];
	char *countries = dump_col(p, "countries"), *themes = dump_col(p, "themes");
	char *contacts = dump_col(p, "contacts");
	int rc;

	store_now(now);
	if (*id)
		rc = store_exec(s, e, "UPDATE partners SET name = ?2, kind = ?3, country = ?4,"
				" city = ?5, website = ?6, organisation_id = ?7, description = ?8,"
				" countries = ?9, themes = ?10, contacts = ?11, signed_on = ?12,"
				" expires_on = ?13, notice_days = ?14, updated_at = ?15 WHERE id = ?1",
				"ittttztttttttit", *id, jsonx_str(p, "name"), jsonx_str(p, "kind"),
				jsonx_str(p, "country"), jsonx_str(p, "city"), jsonx_str(p, "website"),
				int_col(p, "organisation_id"), jsonx_str(p, "description"),
				countries ? countries : "[]", themes ? themes : "[]",
				contacts ? contacts : "[]", jsonx_str(p, "signed_on"),
				jsonx_str(p, "expires_on"), int_col(p, "notice_days"), now);
	else
		rc = store_exec(s, e, "INSERT INTO partners(name, kind, country, city, website,"
				" organisation_id, description, countries, themes, contacts, signed_on,"
				" expires_on, notice_days, created_at, updated_at) VALUES (?1, ?2, ?3,"
				" ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
				"tttttzttttttit", jsonx_str(p, "name"), jsonx_str(p, "kind"),
				jsonx_str(p, "country"), jsonx_str(p, "city"), jsonx_str(p, "website"),
				int_col(p, "organisation_id"), jsonx_str(p, "description"),
				countries ? countries : "[]", themes ? themes : "[]",
				contacts ? contacts : "[]", jsonx_str(p, "signed_on"),
				jsonx_str(p, "expires_on"), int_col(p, "notice_days"), now);
	free(countries);
	free(themes);
	free(contacts);
	if (rc == 0 && !*id)
		*id = db_last_id(s->db);
	return rc;
}

int store_partner_get(struct store *s, int64_t id, json_t **out, struct err *e)
{
	int rc = store_row_by_id(s, "SELECT " PARTNER_COLS PARTNER_FROM " WHERE p.id = ?1", id,
				 acct_row_json, "partner", out, e);

	if (rc == 0)
		json_cols(*out, partner_json);
	return rc;
}

int store_partner_list(struct store *s, const struct store_partner_query *q, json_t **out,
		       struct err *e)
{
	struct db_stmt *st;
	int rc = store_prep(s, "SELECT " PARTNER_COLS PARTNER_FROM " WHERE p.id > ?1"
			    " AND (CAST(?2 AS TEXT) IS NULL"
			    "   OR lower(p.name) LIKE '%' || lower(CAST(?2 AS TEXT)) || '%')"
			    " AND (CAST(?3 AS TEXT) IS NULL OR p.country = CAST(?3 AS TEXT)"
			    "   OR p.countries LIKE '%\"' || CAST(?3 AS TEXT) || '\"%')"
			    " AND (CAST(?4 AS TEXT) IS NULL OR p.themes LIKE '%\"' || CAST(?4 AS TEXT) || '\"%')"
			    " AND (CAST(?5 AS TEXT) IS NULL OR p.kind = CAST(?5 AS TEXT))"
			    " ORDER BY p.id LIMIT ?6", &st, e);

	*out = NULL;
	if (rc)
		return rc;
	db_bind_int64(st, 1, q->after);
	bind_opt(st, 2, q->q);
	bind_opt(st, 3, q->country);
	bind_opt(st, 4, q->theme);
	bind_opt(st, 5, q->kind);
	db_bind_int64(st, 6, q->limit + 1);
	return page_run(s, st, q->limit, partner_json, out, e);
}

int store_partner_expiring(struct store *s, const char *until, json_t **out, struct err *e)
{
	json_t *arr = json_array();
	int rc = acct_rows(s, arr, e, "SELECT " PARTNER_COLS PARTNER_FROM
			   " WHERE p.expires_on IS NOT NULL AND p.expires_on <= ?1"
			   " ORDER BY p.expires_on, p.id", "t", until);

	if (rc) {
		json_decref(arr);
		arr = NULL;
	} else {
		json_cols_all(arr, partner_json);
	}
	*out = arr;
	return rc;
}

int store_partner_activity_add(struct store *s, int64_t partner, const json_t *a, int64_t by,
			       struct err *e)
{
	char now[32];

	store_now(now);
	return store_exec(s, e, "INSERT INTO partner_activities(partner_id, kind, date, title, note,"
			  " event_id, case_id, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5,"
			  " ?6, ?7, ?8, ?9)", "ittttzzzt", partner, jsonx_str(a, "kind"),
			  jsonx_str(a, "date"), jsonx_str(a, "title"), jsonx_str(a, "note"),
			  int_col(a, "event_id"), int_col(a, "case_id"), by, now);
}

int store_partner_activities(struct store *s, int64_t partner, json_t **out, json_t **counts,
			     struct err *e)
{
	static const char *const kinds[] = {"event", "delegation", "referral_made",
					    "referral_received", "renewal", NULL};
	json_t *arr = json_array();
	size_t i;
	json_t *a;
	int rc = acct_rows(s, arr, e, "SELECT a.id, a.kind, a.date, a.title, a.note, a.event_id,"
			   " ev.name AS event, a.case_id, a.created_by, a.created_at"
			   " FROM partner_activities a LEFT JOIN events ev ON ev.id = a.event_id"
			   " WHERE a.partner_id = ?1 ORDER BY a.date DESC, a.id DESC", "i", partner);

	*out = *counts = NULL;
	if (rc) {
		json_decref(arr);
		return rc;
	}
	*counts = json_object();
	for (const char *const *k = kinds; *k; k++)
		json_object_set_new(*counts, *k, json_integer(0));
	json_array_foreach(arr, i, a) {
		const char *k = jsonx_str(a, "kind");

		json_object_set_new(*counts, k,
				    json_integer(json_integer_value(json_object_get(*counts, k)) + 1));
	}
	*out = arr;
	return 0;
}

/* ---- experts --------------------------------------------------------------------- */

static const char *const expert_json[] = {"concepts", "expertise", "languages", NULL};

#define EXPERT_COLS                                                                               \
	"x.id, x.name, x.title, x.organisation_id, o.name AS organisation, x.account_id,"         \
	" x.email, x.country, x.letter_ref, x.letter_date, x.term_end, x.field, x.concepts,"     \
	" x.expertise, x.languages, x.availability, x.created_at, x.updated_at"
#define EXPERT_FROM " FROM experts x LEFT JOIN organisations o ON o.id = x.organisation_id"

/* The searchable text of x: name, title, field and every expertise text. */
static int expert_text(const json_t *x, struct buf *out)
{
	const char *key;
	json_t *v;
	int rc = buf_printf(out, "%s\n%s\n%s", jsonx_str(x, "name"),
			    jsonx_str(x, "title") ? jsonx_str(x, "title") : "",
			    jsonx_str(x, "field"));

	json_object_foreach((json_t *)json_object_get(x, "expertise"), key, v)
		if (rc == 0 && json_is_string(v))
			rc = buf_printf(out, "\n%s", json_string_value(v));
	return rc;
}

static int expert_fts(struct store *s, int64_t id, const json_t *x, struct err *e)
{
	struct buf text, lex;
	int rc = store_exec(s, e, "DELETE FROM expert_fts WHERE rowid = ?1", "i", id);

	if (rc)
		return rc;
	buf_init(&text, 65536);
	buf_init(&lex, 1 << 20);
	rc = expert_text(x, &text);
	if (rc == 0 && s->pg)
		rc = store_fts_lexemes(s, text.data, text.len, &lex);
	if (rc)
		rc = err_set(e, ERR_INTERNAL, "expertise", "cannot index the text");
	else if (s->pg)
		rc = store_exec(s, e, "INSERT INTO expert_fts(rowid, tokens)"
				" VALUES (?1, CAST(?2 AS tsvector))", "it", id,
				lex.data ? lex.data : "");
	else
		rc = store_exec(s, e, "INSERT INTO expert_fts(rowid, text) VALUES (?1, ?2)", "it", id,
				text.data);
	buf_release(&text);
	buf_release(&lex);
	return rc;
}

int store_expert_write(struct store *s, const json_t *x, int64_t *id, struct err *e)
{
	char now[32];
	char *concepts = dump_col(x, "concepts"), *expertise = dump_col(x, "expertise");
	char *languages = dump_col(x, "languages");
	int rc;

	store_now(now);
	if (*id)
		rc = store_exec(s, e, "UPDATE experts SET name = ?2, title = ?3, organisation_id = ?4,"
				" account_id = ?5, email = ?6, country = ?7, letter_ref = ?8,"
				" letter_date = ?9, term_end = ?10, field = ?11, concepts = ?12,"
				" expertise = ?13, languages = ?14, availability = ?15, updated_at = ?16"
				" WHERE id = ?1", "ittzzttttttttttt", *id, jsonx_str(x, "name"),
				jsonx_str(x, "title"), int_col(x, "organisation_id"),
				int_col(x, "account_id"), jsonx_str(x, "email"),
				jsonx_str(x, "country"), jsonx_str(x, "letter_ref"),
				jsonx_str(x, "letter_date"), jsonx_str(x, "term_end"),
				jsonx_str(x, "field"), concepts ? concepts : "[]",
				expertise ? expertise : "{}", languages ? languages : "[]",
				jsonx_str(x, "availability"), now);
	else
		rc = store_exec(s, e, "INSERT INTO experts(name, title, organisation_id, account_id,"
				" email, country, letter_ref, letter_date, term_end, field, concepts,"
				" expertise, languages, availability, created_at, updated_at) VALUES"
				" (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
				"ttzztttttttttt" "t", jsonx_str(x, "name"), jsonx_str(x, "title"),
				int_col(x, "organisation_id"), int_col(x, "account_id"),
				jsonx_str(x, "email"), jsonx_str(x, "country"),
				jsonx_str(x, "letter_ref"), jsonx_str(x, "letter_date"),
				jsonx_str(x, "term_end"), jsonx_str(x, "field"),
				concepts ? concepts : "[]", expertise ? expertise : "{}",
				languages ? languages : "[]", jsonx_str(x, "availability"), now);
	free(concepts);
	free(expertise);
	free(languages);
	if (rc == 0 && !*id)
		*id = db_last_id(s->db);
	return rc ? rc : expert_fts(s, *id, x, e);
}

int store_expert_get(struct store *s, int64_t id, json_t **out, struct err *e)
{
	int rc = store_row_by_id(s, "SELECT " EXPERT_COLS EXPERT_FROM " WHERE x.id = ?1", id,
				 acct_row_json, "expert", out, e);

	if (rc == 0)
		json_cols(*out, expert_json);
	return rc;
}

int store_expert_list(struct store *s, const struct store_expert_query *q, json_t **out,
		      struct err *e)
{
	struct buf sql, match;
	struct db_stmt *st;
	int rc;

	*out = NULL;
	buf_init(&sql, 8192);
	buf_init(&match, 65536);
	rc = q->q ? store_fts_query(q->q, "q", s->pg, &match, e) : 0;
	/*
	 * With words, the full-text rows drive in id order (the cursor bounds
	 * them), so a page stops at its end instead of gathering every match.
	 */
	if (rc == 0)
		rc = buf_printf(&sql, "SELECT " EXPERT_COLS "%s WHERE x.id > ?1"
				" AND (CAST(?2 AS TEXT) IS NULL"
				"   OR x.concepts LIKE '%%\"' || CAST(?2 AS TEXT) || '\"%%')"
				" AND (CAST(?3 AS TEXT) IS NULL"
				"   OR x.languages LIKE '%%\"' || CAST(?3 AS TEXT) || '\"%%'"
				"   OR x.languages LIKE '%%\"' || CAST(?3 AS TEXT) || '-%%')"
				" AND (CAST(?4 AS TEXT) IS NULL OR x.availability = CAST(?4 AS TEXT))"
				" AND (CAST(?5 AS TEXT) IS NULL OR (x.letter_date <= CAST(?5 AS TEXT)"
				"   AND x.term_end >= CAST(?5 AS TEXT)))%s"
				" ORDER BY x.id LIMIT ?6",
				!q->q ? EXPERT_FROM
				: s->pg ? " FROM expert_fts f JOIN experts x ON x.id = f.rowid"
					  " LEFT JOIN organisations o ON o.id = x.organisation_id"
					: " FROM expert_fts f CROSS JOIN experts x ON x.id = f.rowid"
					  " LEFT JOIN organisations o ON o.id = x.organisation_id",
				!q->q ? ""
				: s->pg ? " AND f.tokens @@ CAST(?7 AS tsquery) AND f.rowid > ?1"
					: " AND expert_fts MATCH ?7 AND f.rowid > ?1");
	if (rc == 0)
		rc = store_prep(s, sql.data, &st, e);
	if (rc == 0) {
		db_bind_int64(st, 1, q->after);
		bind_opt(st, 2, q->concept);
		bind_opt(st, 3, q->lang);
		bind_opt(st, 4, q->availability);
		bind_opt(st, 5, q->on);
		db_bind_int64(st, 6, q->limit + 1);
		if (q->q)
			db_bind_text(st, 7, match.data, match.len);
	}
	buf_release(&sql);
	buf_release(&match);
	if (rc)
		return rc;
	return page_run(s, st, q->limit, expert_json, out, e);
}

int store_expert_assign(struct store *s, int64_t expert, const char *kind, int64_t target,
			const char *role, int64_t by, struct err *e)
{
	char now[32];
	int64_t found = 0;
	int rc = store_int(s, e, &found, "SELECT 1 FROM expert_assignments WHERE expert_id = ?1"
			   " AND kind = ?2 AND coalesce(case_id, event_id, challenge_id) = ?3", "iti",
			   expert, kind, target);

	if (rc < 0)
		return rc;
	if (found)
		return err_set(e, ERR_CONFLICT, "expert_id", "expert %" PRId64 " is already assigned "
			       "to that %s", expert, kind);
	store_now(now);
	return store_exec(s, e, "INSERT INTO expert_assignments(expert_id, kind, case_id, event_id,"
			  " challenge_id, role, assigned_by, assigned_at) VALUES (?1, ?2, ?3, ?4, ?5,"
			  " ?6, ?7, ?8)", "itzzztzt", expert, kind,
			  strcmp(kind, "case") == 0 ? target : 0,
			  strcmp(kind, "event") == 0 ? target : 0,
			  strcmp(kind, "challenge") == 0 ? target : 0, role, by, now);
}

int store_expert_assignments(struct store *s, int64_t expert, int64_t case_id, json_t **out,
			     struct err *e)
{
	json_t *arr = json_array();
	size_t i;
	json_t *a;
	int rc = acct_rows(s, arr, e, "SELECT a.id, a.expert_id, x.name AS expert, a.kind,"
			   " a.case_id, a.event_id, a.challenge_id,"
			   " coalesce(c.subject, ev.name, ch.title) AS target, a.role, a.assigned_at"
			   " FROM expert_assignments a JOIN experts x ON x.id = a.expert_id"
			   " LEFT JOIN cases c ON c.id = a.case_id"
			   " LEFT JOIN events ev ON ev.id = a.event_id"
			   " LEFT JOIN challenges ch ON ch.id = a.challenge_id"
			   " WHERE (?1 = 0 OR a.expert_id = ?1) AND (?2 = 0 OR a.case_id = ?2)"
			   " ORDER BY a.id", "ii", expert, case_id);

	if (rc) {
		json_decref(arr);
		arr = NULL;
	} else {
		/* a challenge's title is its titles by language */
		json_array_foreach(arr, i, a)
			if (json_object_get(a, "challenge_id"))
				json_cols(a, (const char *const[]){"target", NULL});
	}
	*out = arr;
	return rc;
}
