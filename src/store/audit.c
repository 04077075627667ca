/*
 * audit.c - the notification outbox, the audit log and the attempt
 * counters of throttling (account.h), and the list and row helpers the
 * account files share (account_int.h).
 */
#include "store/account_int.h"
#include "store/outbox.h"

#include "core/jsonx.h"
#include "core/time.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_DEFAULT 50
#define TEXT_MAX 1000

/* ---- shared helpers ----------------------------------------------------------- */

int acct_check_email(const char *email, const char *field, struct err *e)
{
	if (!email || !*email)
		return err_set(e, ERR_INVALID, field, "is required");
	if (strlen(email) > 254)
		return err_set(e, ERR_INVALID, field, "must be at most 254 bytes");
	if (!store_valid_email(email))
		return err_set(e, ERR_INVALID, field,
			       "must be an e-mail address: one @ with text on both sides, no spaces");
	return 0;
}

static int check_filter(struct acct_param *p, const char *v, struct err *e)
{
	p->text = v;
	switch (p->kind) {
	case ACCT_P_ID:
		if (!store_parse_int(v, 1, INT64_MAX, &p->n))
			return err_set(e, ERR_BAD_REQUEST, p->name, "must be a positive integer id");
		return 0;
	case ACCT_P_TIME:
		if (time_parse(v, &p->n) != 0)
			return err_set(e, ERR_BAD_REQUEST, p->name,
				       "must be an RFC 3339 date-time such as 2026-05-13T09:00:00Z");
		return 0;
	case ACCT_P_ROLE:
		if (store_role_parse(v) < 0)
			return err_set(e, ERR_BAD_REQUEST, p->name,
				       "must be one of admin, organiser, representative, jury");
		return 0;
	case ACCT_P_EMAIL:
		if (acct_check_email(v, p->name, e))
			return err_set(e, ERR_BAD_REQUEST, p->name, "must be an e-mail address");
		return 0;
	default:
		if (!*v || jsonx_utf8_chars(v) > 254)
			return err_set(e, ERR_BAD_REQUEST, p->name, "must be 1 to 254 characters");
		return 0;
	}
}

static int unknown_param(const char *list, const struct acct_param *pp, int n, const char *key,
			 struct err *e)
{
	char names[256];
	size_t o = 0;

	names[0] = '\0';
	for (int i = 0; i < n && o < sizeof(names); i++)
		o += (size_t)snprintf(names + o, sizeof(names) - o, "%s, ", pp[i].name);
	if (o < sizeof(names))
		snprintf(names + o, sizeof(names) - o, "limit, cursor");
	return err_set(e, ERR_BAD_REQUEST, key, "is not a parameter of %s (known: %s)", list,
		       names);
}

static int page_param(const char *list, struct acct_param *pp, int n, struct acct_page *pg,
		      const char *key, const json_t *v, struct err *e)
{
	const char *str = json_string_value(v);
	int rc;

	if (!str)
		return err_set(e, ERR_BAD_REQUEST, key, "must be a string");
	rc = store_page_param(key, str, &pg->limit, &pg->after, e);
	if (rc)
		return rc < 0 ? rc : 0;
	for (int i = 0; i < n; i++)
		if (strcmp(key, pp[i].name) == 0)
			return check_filter(&pp[i], str, e);
	return unknown_param(list, pp, n, key, e);
}

int acct_page_parse(const json_t *params, const char *list, struct acct_param *pp, int n,
		    struct acct_page *pg, struct err *e)
{
	const char *key;
	json_t *v;
	int rc;

	pg->after = 0;
	pg->limit = PAGE_DEFAULT;
	for (int i = 0; i < n; i++)
		pp[i].text = NULL;
	if (!params)
		return 0;
	if (!json_is_object(params))
		return err_set(e, ERR_BAD_REQUEST, NULL, "the parameters must be an object");
	json_object_foreach((json_t *)params, key, v) {
		rc = page_param(list, pp, n, pg, key, v, e);
		if (rc)
			return rc;
	}
	return 0;
}

json_t *acct_row_json(struct db_stmt *st)
{
	json_t *obj = json_object();
	int n = db_col_count(st);

	for (int i = 0; i < n; i++) {
		const char *name = db_col_name(st, i);

		switch (db_col_type(st, i)) {
		case DB_INTEGER:
			json_object_set_new(obj, name, json_integer(db_col_int64(st, i)));
			break;
		case DB_NULL:
			break;
		default:
			json_object_set_new(obj, name,
					    json_stringn(db_col_text(st, i),
							 db_col_bytes(st, i)));
			break;
		}
	}
	return obj;
}

int acct_page_run(struct store *s, struct db_stmt *st, const struct acct_page *pg, json_t **out,
		  struct err *e)
{
	json_t *items = json_array();
	int64_t last = 0;
	int rc, more = 0;
	char next[32];

	while ((rc = store_step(s, st, e)) == 1) {
		if ((int)json_array_size(items) == pg->limit) {
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
	*out = json_object();
	json_object_set_new(*out, "items", items);
	snprintf(next, sizeof(next), "%" PRIx64, (uint64_t)last);
	json_object_set_new(*out, "next", more ? json_string(next) : json_null());
	return 0;
}

static int rows_v(struct store *s, json_t *arr, struct err *e, const char *sql, const char *fmt,
		  va_list ap)
{
	struct db_stmt *st;
	int rc = store_prep(s, sql, &st, e);

	if (rc)
		return rc;
	rc = store_bindv(s, st, fmt, ap, e);
	while (rc == 0 && (rc = store_step(s, st, e)) == 1)
		rc = json_array_append_new(arr, acct_row_json(st)) ? ERR_INTERNAL : 0;
	store_reset(st);
	return rc < 0 ? rc : 0;
}

int acct_rows(struct store *s, json_t *arr, struct err *e, const char *sql, const char *fmt,
	      ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = rows_v(s, arr, e, sql, fmt, ap);
	va_end(ap);
	return rc;
}

int acct_list(struct store *s, json_t **out, struct err *e, const char *sql, const char *fmt,
	      ...)
{
	json_t *arr = json_array();
	va_list ap;
	int rc = store_read_begin(s, e);

	*out = NULL;
	if (rc == 0) {
		va_start(ap, fmt);
		rc = rows_v(s, arr, e, sql, fmt, ap);
		va_end(ap);
		rc = store_read_end(s, rc, e);
	}
	if (rc) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

/* ---- outbox ------------------------------------------------------------------ */

static int check_text(const char *v, const char *field, size_t max, struct err *e)
{
	if (!v || !*v)
		return err_set(e, ERR_INVALID, field, "is required");
	if (strlen(v) > max)
		return err_set(e, ERR_INVALID, field, "must be at most %zu bytes", max);
	return 0;
}

int store_outbox_add(struct store *s, const char *to, const char *kind, const char *subject,
		     const char *body, int64_t by, struct err *e)
{
	struct store_mail m = {.to = to, .kind = kind, .subject = subject, .text = body, .by = by};

	return store_outbox_queue(s, &m, e);
}

int store_outbox_list(struct store *s, const json_t *params, json_t **out, struct err *e)
{
	struct acct_param pp[] = {
		{"to", ACCT_P_EMAIL, NULL, 0}, {"kind", ACCT_P_TEXT, NULL, 0},
		{"by", ACCT_P_ID, NULL, 0},
	};
	struct acct_page pg;
	struct db_stmt *st;
	int rc;

	*out = NULL;
	rc = acct_page_parse(params, "outbox", pp, 3, &pg, e);
	if (rc == 0)
		rc = store_prep(s,
				"SELECT id, to_email AS \"to\", kind, subject, body, by_account AS \"by\","
				" created_at, state, attempts, answer, sent_at FROM outbox WHERE id > ?1"
				" AND (?2 IS NULL OR to_email = ?2 COLLATE NOCASE)"
				" AND (?3 IS NULL OR kind = ?3) AND (?4 IS NULL OR by_account = ?4)"
				" ORDER BY id LIMIT ?5",
				&st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, pg.after);
	db_bind_text(st, 2, pp[0].text, (size_t)-1);
	db_bind_text(st, 3, pp[1].text, (size_t)-1);
	if (pp[2].text)
		db_bind_int64(st, 4, pp[2].n);
	db_bind_int64(st, 5, pg.limit + 1);
	rc = store_read_begin(s, e);
	if (rc) {
		store_reset(st);
		return rc;
	}
	return store_read_end(s, acct_page_run(s, st, &pg, out, e), e);
}

/* ---- audit log --------------------------------------------------------------- */

int store_audit_add(struct store *s, int64_t account, const char *email, const char *action,
		    int status, const char *detail, struct err *e)
{
	int rc = check_text(action, "action", TEXT_MAX, e);

	if (rc)
		return rc;
	rc = store_tx_begin(s, e);
	if (rc)
		return rc;
	rc = store_exec(s, e,
			"INSERT INTO audit_log(at, account_id, email, action, status, detail)"
			" VALUES (unixepoch(), ?1, ?2, ?3, ?4, ?5)",
			"zttit", account, email, action, (int64_t)status, detail);
	return store_tx_end(s, rc, e);
}

int store_audit_list(struct store *s, const json_t *params, json_t **out, struct err *e)
{
	struct acct_param pp[] = {
		{"account", ACCT_P_ID, NULL, 0}, {"since", ACCT_P_TIME, NULL, 0},
	};
	struct acct_page pg;
	struct db_stmt *st;
	int rc;

	*out = NULL;
	rc = acct_page_parse(params, "audit", pp, 2, &pg, e);
	if (rc == 0)
		rc = store_prep(s,
				"SELECT id, " ACCT_RFC3339("at") " AS at, account_id, email, action,"
				" status, detail FROM audit_log WHERE id > ?1"
				" AND (?2 IS NULL OR account_id = ?2) AND (?3 IS NULL OR at >= ?3)"
				" ORDER BY id LIMIT ?4",
				&st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, pg.after);
	if (pp[0].text)
		db_bind_int64(st, 2, pp[0].n);
	if (pp[1].text)
		db_bind_int64(st, 3, pp[1].n);
	db_bind_int64(st, 4, pg.limit + 1);
	rc = store_read_begin(s, e);
	if (rc) {
		store_reset(st);
		return rc;
	}
	return store_read_end(s, acct_page_run(s, st, &pg, out, e), e);
}

/* ---- throttling -------------------------------------------------------------- */

int store_throttle_count(struct store *s, const char *key, int64_t now, int64_t window,
			 int *count, struct err *e)
{
	int64_t n = 0;
	int rc;

	*count = 0;
	rc = store_tx_begin(s, e);
	if (rc)
		return rc;
	rc = store_exec(s, e, "DELETE FROM throttle WHERE key = ?1 AND at <= ?2", "ti", key,
			now - window);
	if (rc == 0)
		rc = store_int(s, e, &n, "SELECT count(*) FROM throttle WHERE key = ?1 AND at > ?2",
			       "ti", key, now - window);
	rc = store_tx_end(s, rc < 0 ? rc : 0, e);
	if (rc == 0)
		*count = (int)n;
	return rc;
}

int store_throttle_hit(struct store *s, const char *key, int64_t now, struct err *e)
{
	int rc = store_exec(s, e, "INSERT INTO throttle(key, at) VALUES (?1, ?2)", "ti", key, now);

	/* attempts older than any window (a day) go, whatever their key */
	if (rc == 0)
		rc = store_exec(s, e, "DELETE FROM throttle WHERE at <= ?1", "i",
				now - STORE_THROTTLE_KEEP);
	return rc;
}

static int take_tx(struct store *s, const char *key, int64_t now, int64_t window, int *count,
		   int64_t *ticket, struct err *e)
{
	int64_t n = 0;
	int rc = store_int(s, e, &n, "SELECT count(*) FROM throttle WHERE key = ?1 AND at > ?2",
			   "ti", key, now - window);

	if (rc < 0)
		return rc;
	rc = store_throttle_hit(s, key, now, e);
	if (rc)
		return rc;
	*count = (int)n;
	*ticket = db_last_id(s->db);
	return 0;
}

int store_throttle_take(struct store *s, const char *key, int64_t now, int64_t window,
			int *count, int64_t *ticket, struct err *e)
{
	int rc = store_tx_begin(s, e);

	*count = 0;
	*ticket = 0;
	if (rc)
		return rc;
	return store_tx_end(s, take_tx(s, key, now, window, count, ticket, e), e);
}

int store_throttle_forget(struct store *s, int64_t ticket, struct err *e)
{
	return store_exec(s, e, "DELETE FROM throttle WHERE rowid = ?1", "i", ticket);
}

int store_throttle_clear(struct store *s, const char *key, struct err *e)
{
	return store_exec(s, e, "DELETE FROM throttle WHERE key = ?1", "t", key);
}
