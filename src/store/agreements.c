/*
 * agreements.c - the rules and the extra rows of agreements
 * (agreements.h): the state machine, pilots and their parents, value and
 * currency, the documents (agreement_documents) and the history
 * (agreement_history) read into every agreement.
 */
#include "store/agreements.h"

#include "core/jsonx.h"
#include "core/time.h"
#include "store/store_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The legal steps of the state machine. */
static const char *const steps[][2] = {
	{"intent", "signed"},          {"intent", "abandoned"},     {"signed", "in_progress"},
	{"signed", "abandoned"},       {"in_progress", "completed"}, {"in_progress", "abandoned"},
};

#define DOCUMENTS_MAX 50

int store_agreement_step_legal(const char *from, const char *to)
{
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (strcmp(steps[i][0], from) == 0 && strcmp(steps[i][1], to) == 0)
			return 1;
	return 0;
}

/* The states one may move to from state from, as "a, b" ("none" when final). */
static void next_states(const char *from, char *out, size_t n)
{
	size_t o = 0;

	out[0] = '\0';
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (strcmp(steps[i][0], from) == 0)
			o += (size_t)snprintf(out + o, o < n ? n - o : 0, "%s%s", o ? ", " : "",
					      steps[i][1]);
	if (!out[0])
		snprintf(out, n, "none (it is final)");
}

static const char *state_of(const json_t *row)
{
	const char *st = jsonx_str(row, "state");

	return st ? st : "intent";
}

int store_agreement_history_add(struct store *s, int64_t id, const char *from, const char *to,
				const char *at, int64_t account, const char *email,
				struct err *e)
{
	char now[32];
	int64_t t;
	time_t tt;
	struct tm tm;

	store_now(now);
	if (at && time_parse(at, &t) != 0)
		return err_set(e, ERR_INVALID, "at", "must be an RFC 3339 date-time");
	if (at) {
		tt = (time_t)t;
		gmtime_r(&tt, &tm);
		strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	}
	return store_exec(s, e, "INSERT INTO agreement_history(agreement_id, from_state, to_state,"
			  " at, account_id, email) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", "itttzt", id,
			  from, to, now, account, email);
}

static int check_step(int64_t id, const json_t *body, const json_t *old, struct err *e)
{
	const char *from = state_of(old), *to = state_of(body);
	char next[96];

	if (!old || strcmp(from, to) == 0 || store_agreement_step_legal(from, to))
		return 0;
	next_states(from, next, sizeof(next));
	return err_set(e, ERR_CONFLICT, "state", "agreement %" PRId64 " is %s: it can move to %s",
		       id, from, next);
}

/* A pilot's parent: set on a pilot_project, signed or in progress, not itself. */
static int check_parent(struct store *s, int64_t id, const json_t *body, const json_t *old,
			struct err *e)
{
	int64_t parent = json_integer_value(json_object_get(body, "parent_id"));
	const char *kind = jsonx_str(body, "kind");
	char state[32] = "";
	struct db_stmt *st;
	int rc;

	if (!parent)
		return 0;
	if (!kind || strcmp(kind, "pilot_project") != 0)
		return err_set(e, ERR_INVALID, json_object_get(old, "parent_id") ? "kind" : "parent_id",
			       "only an agreement of kind pilot_project has a parent agreement");
	if (parent == id)
		return err_set(e, ERR_INVALID, "parent_id", "an agreement cannot be its own parent");
	if (old && json_integer_value(json_object_get(old, "parent_id")) == parent)
		return 0; /* the parent may have moved on since */
	rc = store_prep(s, "SELECT coalesce(state, 'intent') FROM agreements WHERE id = ?1", &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, parent);
	rc = store_step(s, st, e);
	if (rc == 1)
		snprintf(state, sizeof(state), "%s", db_col_text(st, 0));
	store_reset(st);
	if (rc < 0)
		return rc;
	if (strcmp(state, "signed") != 0 && strcmp(state, "in_progress") != 0)
		return err_set(e, ERR_CONFLICT, "parent_id", "agreement %" PRId64 " is %s: only a "
			       "signed agreement starts a pilot", parent, state);
	return 0;
}

static int check_value(const json_t *body, struct err *e)
{
	const char *cur = jsonx_str(body, "currency");

	if (cur && !(strlen(cur) == 3 && cur[0] >= 'A' && cur[0] <= 'Z' && cur[1] >= 'A' &&
		     cur[1] <= 'Z' && cur[2] >= 'A' && cur[2] <= 'Z'))
		return err_set(e, ERR_INVALID, "currency", "must be an ISO 4217 code such as EUR "
			       "or CNY");
	if (json_is_integer(json_object_get(body, "value")) && !cur)
		return err_set(e, ERR_INVALID, "currency", "is required with value");
	return 0;
}

/* documents[i]: {"title": 1-300 characters, "date": YYYY-MM-DD or absent}. */
static int check_document(const json_t *d, size_t i, struct err *e)
{
	const json_t *title = json_object_get(d, "title"), *date = json_object_get(d, "date");
	char path[48];
	const char *key;
	json_t *v;
	size_t n;

	snprintf(path, sizeof(path), "documents[%zu]", i);
	if (!json_is_object(d))
		return err_set(e, ERR_INVALID, path, "must be an object {\"title\", \"date\"}");
	json_object_foreach((json_t *)d, key, v)
		if (strcmp(key, "title") && strcmp(key, "date")) {
			snprintf(path, sizeof(path), "documents[%zu].%s", i, key);
			return err_set(e, ERR_INVALID, path, "is not a field of a document");
		}
	snprintf(path, sizeof(path), "documents[%zu].title", i);
	n = json_is_string(title) ? jsonx_utf8_chars(json_string_value(title)) : 0;
	if (n < 1 || n > 300)
		return err_set(e, ERR_INVALID, path, "must be a string of 1 to 300 characters");
	snprintf(path, sizeof(path), "documents[%zu].date", i);
	if (date && !json_is_null(date) &&
	    !(json_is_string(date) && store_valid_date(json_string_value(date))))
		return err_set(e, ERR_INVALID, path, "must be a date (YYYY-MM-DD)");
	return 0;
}

static int check_documents(const json_t *body, struct err *e)
{
	const json_t *docs = json_object_get(body, "documents");
	size_t i;
	json_t *d;

	if (!docs || json_is_null(docs))
		return 0;
	if (json_array_size(docs) > DOCUMENTS_MAX)
		return err_set(e, ERR_INVALID, "documents", "must have at most %d elements",
			       DOCUMENTS_MAX);
	json_array_foreach(docs, i, d) {
		int rc = check_document(d, i, e);

		if (rc)
			return rc;
	}
	return 0;
}

static int agreement_validate(struct store *s, const struct store_resdef *rd, int64_t id,
			      const json_t *body, const json_t *old, struct err *e)
{
	int64_t event = json_integer_value(json_object_get(body, "event_id"));
	int64_t meeting = json_integer_value(json_object_get(body, "meeting_id"));
	int64_t at = 0;
	int rc;

	(void)rd;
	rc = check_step(id, body, old, e);
	if (rc == 0)
		rc = check_value(body, e);
	if (rc == 0)
		rc = check_documents(body, e);
	if (rc == 0)
		rc = check_parent(s, id, body, old, e);
	if (rc || !event || !meeting)
		return rc;
	rc = store_int(s, e, &at, "SELECT event_id FROM meetings WHERE id = ?1", "i", meeting);
	if (rc < 0)
		return rc;
	if (at != event)
		return err_set(e, ERR_INVALID, "meeting_id",
			       "meeting %" PRId64 " is not at event %" PRId64, meeting, event);
	return 0;
}

static int agreement_after_write(struct store *s, int64_t id, const json_t *body,
				 const json_t *old, struct err *e)
{
	const json_t *docs = json_object_get(body, "documents");
	size_t i;
	json_t *d;
	int rc;

	(void)old;
	if (!docs)
		return 0;
	rc = store_exec(s, e, "DELETE FROM agreement_documents WHERE agreement_id = ?1", "i", id);
	json_array_foreach(docs, i, d) {
		if (rc)
			break;
		rc = store_exec(s, e, "INSERT INTO agreement_documents(agreement_id, pos, title, date)"
				" VALUES (?1, ?2, ?3, ?4)", "iitt", id, (int64_t)i,
				jsonx_str(d, "title"), jsonx_str(d, "date"));
	}
	return rc;
}

static int read_documents(struct store *s, int64_t id, json_t *obj, struct err *e)
{
	struct db_stmt *st;
	json_t *arr = json_array();
	int rc = store_prep(s, "SELECT title, date FROM agreement_documents WHERE agreement_id = ?1"
			    " ORDER BY pos", &st, e);

	if (rc) {
		json_decref(arr);
		return rc;
	}
	db_bind_int64(st, 1, id);
	while ((rc = store_step(s, st, e)) == 1) {
		const char *date = db_col_text(st, 1);
		json_t *d = json_pack("{s:s}", "title", db_col_text(st, 0));

		if (date)
			json_object_set_new(d, "date", json_string(date));
		json_array_append_new(arr, d);
	}
	store_reset(st);
	json_object_set_new(obj, "documents", arr);
	return rc < 0 ? rc : 0;
}

static int read_history(struct store *s, int64_t id, json_t *obj, struct err *e)
{
	struct db_stmt *st;
	json_t *arr = json_array();
	int rc = store_prep(s, "SELECT from_state, to_state, at, account_id, email"
			    " FROM agreement_history WHERE agreement_id = ?1 ORDER BY id", &st, e);

	if (rc) {
		json_decref(arr);
		return rc;
	}
	db_bind_int64(st, 1, id);
	while ((rc = store_step(s, st, e)) == 1) {
		const char *from = db_col_text(st, 0), *email = db_col_text(st, 4);
		int64_t by = db_col_int64(st, 3);

		json_array_append_new(
			arr, json_pack("{s:o, s:s, s:s, s:o, s:o}", "from",
				       from ? json_string(from) : json_null(), "to",
				       db_col_text(st, 1), "at", db_col_text(st, 2), "by",
				       by ? json_integer(by) : json_null(), "by_email",
				       email ? json_string(email) : json_null()));
	}
	store_reset(st);
	json_object_set_new(obj, "history", arr);
	return rc < 0 ? rc : 0;
}

static int agreement_read_extra(struct store *s, int64_t id, json_t *obj, struct err *e)
{
	int rc = read_documents(s, id, obj, e);

	return rc ? rc : read_history(s, id, obj, e);
}

const struct store_hooks store_agreement_hooks = {
	.validate = agreement_validate,
	.after_write = agreement_after_write,
	.read_extra = agreement_read_extra,
};
