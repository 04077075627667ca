/*
 * challenges.c - the rows of innovation challenges (challenges.h):
 * challenges and their tracks, submissions, attachments.
 */
#include "store/challenges.h"

#include "core/jsonx.h"
#include "core/xalloc.h"
#include "store/store_int.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* obj[key] as compact JSON text (NULL when absent or null); free it. */
static char *json_text(const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);

	return v && !json_is_null(v) ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
}

/* Column i of st parsed as JSON, or JSON null. */
static json_t *col_json(struct db_stmt *st, int i)
{
	const char *t = db_col_text(st, i);
	json_t *v = t ? json_loadb(t, db_col_bytes(st, i), JSON_DECODE_ANY, NULL) : NULL;

	return v ? v : json_null();
}

static json_t *col_str(struct db_stmt *st, int i)
{
	const char *t = db_col_text(st, i);

	return t ? json_string(t) : json_null();
}

static int insert_track(struct store *s, int64_t challenge, size_t pos, const json_t *t,
			struct err *e)
{
	const json_t *pilot = json_object_get(t, "pilot");
	char *title = json_text(t, "title"), *desc = json_text(t, "description");
	int64_t host = json_integer_value(json_object_get(pilot, "host_organisation_id"));
	int rc = store_exec(s, e, "INSERT INTO challenge_tracks(challenge_id, pos, title,"
			    " description, pilot_host_id, pilot_city) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
			    "iittzt", challenge, (int64_t)pos, title, desc, host,
			    jsonx_str(pilot, "city"));

	free(title);
	free(desc);
	return rc;
}

int store_challenge_insert(struct store *s, const json_t *c, int64_t *id, struct err *e)
{
	const json_t *el = json_object_get(c, "eligibility"), *tracks = json_object_get(c, "tracks");
	char *f[8] = {json_text(c, "title"), json_text(c, "description"), json_text(c, "themes"),
		      json_text(c, "sdgs"), json_text(el, "kinds"), json_text(el, "countries"),
		      json_text(c, "criteria"), json_text(c, "prizes")};
	char now[32];
	size_t i;
	json_t *t;
	int rc = store_tx_begin(s, e);

	store_now(now);
	if (rc == 0)
		rc = store_exec(s, e, "INSERT INTO challenges(title, description, time_zone, opens_at,"
				" closes_at, state, themes, sdgs, eligible_kinds, eligible_countries,"
				" criteria, prizes, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5,"
				" 'draft', ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)", "tttttttttttt", f[0],
				f[1], jsonx_str(c, "time_zone"), jsonx_str(c, "opens_at"),
				jsonx_str(c, "closes_at"), f[2], f[3], f[4], f[5], f[6], f[7], now);
	if (rc == 0)
		*id = db_last_id(s->db);
	json_array_foreach(tracks, i, t) {
		if (rc)
			break;
		rc = insert_track(s, *id, i, t, e);
	}
	for (i = 0; i < 8; i++)
		free(f[i]);
	return store_tx_end(s, rc, e);
}

static int read_tracks(struct store *s, int64_t id, json_t *obj, struct err *e)
{
	json_t *arr = json_array();
	struct db_stmt *st;
	int rc = store_prep(s, "SELECT id, title, description, pilot_host_id, pilot_city"
			    " FROM challenge_tracks WHERE challenge_id = ?1 ORDER BY pos", &st, e);

	if (rc) {
		json_decref(arr);
		return rc;
	}
	db_bind_int64(st, 1, id);
	while ((rc = store_step(s, st, e)) == 1) {
		int64_t host = db_col_int64(st, 3);
		json_t *pilot = json_pack("{s:o, s:o}", "host_organisation_id",
					  host ? json_integer(host) : json_null(), "city",
					  col_str(st, 4));

		json_array_append_new(arr, json_pack("{s:I, s:o, s:o, s:o}", "id",
						     (json_int_t)db_col_int64(st, 0), "title",
						     col_json(st, 1), "description", col_json(st, 2),
						     "pilot", pilot));
	}
	store_reset(st);
	json_object_set_new(obj, "tracks", arr);
	return rc < 0 ? rc : 0;
}

#define CHALLENGE_COLS                                                                            \
	"id, title, description, time_zone, opens_at, closes_at, state, themes, sdgs,"           \
	" eligible_kinds, eligible_countries, criteria, prizes, created_at, updated_at"

static json_t *challenge_row(struct db_stmt *st)
{
	return json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:{s:o, s:o}, s:o, s:o,"
			 " s:o, s:o}", "id", (json_int_t)db_col_int64(st, 0), "title",
			 col_json(st, 1), "description", col_json(st, 2), "time_zone",
			 col_str(st, 3), "opens_at", col_str(st, 4), "closes_at", col_str(st, 5),
			 "state", col_str(st, 6), "themes", col_json(st, 7), "sdgs",
			 col_json(st, 8), "eligibility", "kinds", col_json(st, 9), "countries",
			 col_json(st, 10), "criteria", col_json(st, 11), "prizes",
			 col_json(st, 12), "created_at", col_str(st, 13), "updated_at",
			 col_str(st, 14));
}

int store_challenge_get(struct store *s, int64_t id, json_t **out, struct err *e)
{
	int rc = store_row_by_id(s, "SELECT " CHALLENGE_COLS " FROM challenges WHERE id = ?1", id,
				 challenge_row, "challenge", out, e);

	if (rc)
		return rc;
	rc = read_tracks(s, id, *out, e);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int store_challenge_list(struct store *s, int with_drafts, json_t **out, struct err *e)
{
	json_t *arr = json_array();
	struct db_stmt *st;
	size_t i;
	json_t *c;
	int rc = store_prep(s, "SELECT " CHALLENGE_COLS " FROM challenges WHERE ?1 = 1 OR state <>"
			    " 'draft' ORDER BY id DESC", &st, e);

	*out = NULL;
	if (rc) {
		json_decref(arr);
		return rc;
	}
	db_bind_int64(st, 1, with_drafts ? 1 : 0);
	while ((rc = store_step(s, st, e)) == 1)
		json_array_append_new(arr, challenge_row(st));
	store_reset(st);
	json_array_foreach(arr, i, c) {
		if (rc < 0)
			break;
		rc = read_tracks(s, json_integer_value(json_object_get(c, "id")), c, e);
	}
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

int store_challenge_set_state(struct store *s, int64_t id, const char *state, struct err *e)
{
	char now[32];

	store_now(now);
	return store_exec(s, e, "UPDATE challenges SET state = ?1, updated_at = ?2 WHERE id = ?3",
			  "tti", state, now, id);
}

int store_challenge_role(struct store *s, int64_t account, const char *role, int64_t id,
			 int *yes, struct err *e)
{
	int64_t n = 0;
	int rc = store_int(s, e, &n, "SELECT count(*) FROM account_roles WHERE account_id = ?1 AND"
			   " role = ?2 AND scope_kind = 'challenge' AND scope_id = ?3", "iti",
			   account, role, id);

	*yes = rc >= 0 && n > 0;
	return rc < 0 ? rc : 0;
}

int store_submission_insert(struct store *s, const json_t *sub, int64_t account, int64_t *id,
			    struct err *e)
{
	char *team = json_text(sub, "team"), *links = json_text(sub, "links");
	char now[32];
	int rc;

	store_now(now);
	rc = store_exec(s, e, "INSERT INTO challenge_submissions(challenge_id, track_id,"
			" organisation_id, title, abstract, team, links, state, submitted_by,"
			" created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'submitted', ?8,"
			" ?9, ?9)", "iiittttzt",
			json_integer_value(json_object_get(sub, "challenge_id")),
			json_integer_value(json_object_get(sub, "track_id")),
			json_integer_value(json_object_get(sub, "organisation_id")),
			jsonx_str(sub, "title"), jsonx_str(sub, "abstract"), team ? team : "[]",
			links ? links : "[]", account, now);
	if (rc == 0)
		*id = db_last_id(s->db);
	free(team);
	free(links);
	return rc;
}

int store_submission_update(struct store *s, int64_t id, const json_t *patch, struct err *e)
{
	char *team = json_text(patch, "team"), *links = json_text(patch, "links");
	char now[32];
	int rc;

	store_now(now);
	rc = store_exec(s, e, "UPDATE challenge_submissions SET"
			" track_id = coalesce(?1, track_id), title = coalesce(?2, title),"
			" abstract = coalesce(?3, abstract), team = coalesce(?4, team),"
			" links = coalesce(?5, links), updated_at = ?6 WHERE id = ?7", "zttttti",
			json_integer_value(json_object_get(patch, "track_id")),
			jsonx_str(patch, "title"), jsonx_str(patch, "abstract"), team, links, now,
			id);
	free(team);
	free(links);
	return rc;
}

int store_submission_set_state(struct store *s, int64_t id, const char *state, struct err *e)
{
	char now[32];

	store_now(now);
	return store_exec(s, e, "UPDATE challenge_submissions SET state = ?1, updated_at = ?2"
			  " WHERE id = ?3", "tti", state, now, id);
}

#define SUBMISSION_COLS                                                                           \
	"id, challenge_id, track_id, organisation_id, title, abstract, team, links, state,"      \
	" created_at, updated_at"

static json_t *submission_row(struct db_stmt *st)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id",
			 (json_int_t)db_col_int64(st, 0), "challenge_id",
			 (json_int_t)db_col_int64(st, 1), "track_id", (json_int_t)db_col_int64(st, 2),
			 "organisation_id", (json_int_t)db_col_int64(st, 3), "title",
			 col_str(st, 4), "abstract", col_str(st, 5), "team", col_json(st, 6),
			 "links", col_json(st, 7), "state", col_str(st, 8), "created_at",
			 col_str(st, 9), "updated_at", col_str(st, 10));
}

static int read_attachments(struct store *s, int64_t id, json_t *obj, struct err *e)
{
	json_t *arr = json_array();
	struct db_stmt *st;
	int rc = store_prep(s, "SELECT id, name, media_type, size, created_at FROM"
			    " challenge_attachments WHERE submission_id = ?1 ORDER BY id", &st, e);

	if (rc) {
		json_decref(arr);
		return rc;
	}
	db_bind_int64(st, 1, id);
	while ((rc = store_step(s, st, e)) == 1)
		json_array_append_new(arr, json_pack("{s:I, s:o, s:o, s:I, s:o}", "id",
						     (json_int_t)db_col_int64(st, 0), "name",
						     col_str(st, 1), "media_type", col_str(st, 2),
						     "size", (json_int_t)db_col_int64(st, 3),
						     "created_at", col_str(st, 4)));
	store_reset(st);
	json_object_set_new(obj, "attachments", arr);
	return rc < 0 ? rc : 0;
}

int store_submission_get(struct store *s, int64_t id, json_t **out, struct err *e)
{
	int rc = store_row_by_id(s, "SELECT " SUBMISSION_COLS " FROM challenge_submissions"
				 " WHERE id = ?1", id, submission_row, "submission", out, e);

	if (rc)
		return rc;
	rc = read_attachments(s, id, *out, e);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int store_submission_list(struct store *s, int64_t challenge, int64_t org, json_t **out,
			  struct err *e)
{
	json_t *arr = json_array();
	struct db_stmt *st;
	int rc = store_prep(s, "SELECT " SUBMISSION_COLS " FROM challenge_submissions"
			    " WHERE challenge_id = ?1 AND (?2 = 0 OR organisation_id = ?2) ORDER BY id",
			    &st, e);

	*out = NULL;
	if (rc) {
		json_decref(arr);
		return rc;
	}
	db_bind_int64(st, 1, challenge);
	db_bind_int64(st, 2, org);
	while ((rc = store_step(s, st, e)) == 1)
		json_array_append_new(arr, submission_row(st));
	store_reset(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

int store_attachment_insert(struct store *s, int64_t sub, const char *name,
			    const char *media_type, const void *data, size_t len, int64_t *id,
			    struct err *e)
{
	struct db_stmt *st;
	char now[32];
	int rc = store_prep(s, "INSERT INTO challenge_attachments(submission_id, name, media_type,"
			    " size, content, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &st, e);

	if (rc)
		return rc;
	store_now(now);
	db_bind_int64(st, 1, sub);
	db_bind_text(st, 2, name, strlen(name));
	db_bind_text(st, 3, media_type, strlen(media_type));
	db_bind_int64(st, 4, (int64_t)len);
	db_bind_blob(st, 5, data, len);
	db_bind_text(st, 6, now, strlen(now));
	rc = store_step(s, st, e);
	store_reset(st);
	if (rc < 0)
		return rc;
	*id = db_last_id(s->db);
	return 0;
}

int store_attachment_get(struct store *s, int64_t sub, int64_t id, json_t **meta, char **data,
			 size_t *len, struct err *e)
{
	struct db_stmt *st;
	int rc = store_prep(s, "SELECT name, media_type, content FROM challenge_attachments"
			    " WHERE id = ?1 AND submission_id = ?2", &st, e);

	*meta = NULL;
	*data = NULL;
	*len = 0;
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, sub);
	rc = store_step(s, st, e);
	if (rc == 1) {
		const char *bytes = db_col_text(st, 2);

		*len = db_col_bytes(st, 2);
		*data = xmalloc(*len + 1);
		memcpy(*data, bytes ? bytes : "", *len);
		*meta = json_pack("{s:I, s:o, s:o, s:I}", "id", (json_int_t)id, "name",
				  col_str(st, 0), "media_type", col_str(st, 1), "size",
				  (json_int_t)*len);
	}
	store_reset(st);
	if (rc == 0)
		return err_set(e, ERR_NOT_FOUND, "id", "no attachment %" PRId64 " of submission %"
			       PRId64, id, sub);
	return rc < 0 ? rc : 0;
}

/* ---- jury and reviews ----------------------------------------------------- */

int store_account_known(struct store *s, int64_t id, struct err *e)
{
	int64_t n = 0;
	int rc = store_int(s, e, &n, "SELECT count(*) FROM accounts WHERE id = ?1", "i", id);

	if (rc < 0)
		return rc;
	return n ? 0 : err_set(e, ERR_NOT_FOUND, "account_id", "no account %" PRId64, id);
}

int store_jury_put(struct store *s, int64_t id, int64_t account, const json_t *m,
		   struct err *e)
{
	char *exp = json_text(m, "expertise"), *conf = json_text(m, "conflicts");
	const json_t *cap = json_object_get(m, "cap");
	int rc = store_exec(s, e, "DELETE FROM challenge_jury WHERE challenge_id = ?1 AND"
			    " account_id = ?2", "ii", id, account);

	if (rc == 0)
		rc = store_exec(s, e, "INSERT INTO challenge_jury(challenge_id, account_id, expertise,"
				" conflicts, cap) VALUES (?1, ?2, ?3, ?4, ?5)", "iitt" "z", id, account,
				exp ? exp : "[]", conf ? conf : "[]",
				json_is_integer(cap) ? (int64_t)json_integer_value(cap) : 0);
	if (rc == 0 && !json_is_integer(cap))
		rc = store_exec(s, e, "UPDATE challenge_jury SET cap = NULL WHERE challenge_id = ?1"
				" AND account_id = ?2", "ii", id, account);
	else if (rc == 0 && json_integer_value(cap) == 0)
		rc = store_exec(s, e, "UPDATE challenge_jury SET cap = 0 WHERE challenge_id = ?1"
				" AND account_id = ?2", "ii", id, account);
	free(exp);
	free(conf);
	return rc;
}

static json_t *col_int_or_null(struct db_stmt *st, int i)
{
	return db_col_text(st, i) ? json_integer(db_col_int64(st, i)) : json_null();
}

int store_jury_list(struct store *s, int64_t id, json_t **out, struct err *e)
{
	json_t *arr = json_array();
	struct db_stmt *st;
	int rc = store_prep(s, "SELECT j.account_id, a.email, p.id, p.name, o.id, o.country,"
			    " j.expertise, j.conflicts, j.cap FROM challenge_jury j"
			    " JOIN accounts a ON a.id = j.account_id"
			    " LEFT JOIN people p ON p.id = a.person_id"
			    " LEFT JOIN organisations o ON o.id = p.organisation_id"
			    " WHERE j.challenge_id = ?1 ORDER BY j.account_id", &st, e);

	*out = NULL;
	if (rc) {
		json_decref(arr);
		return rc;
	}
	db_bind_int64(st, 1, id);
	while ((rc = store_step(s, st, e)) == 1)
		json_array_append_new(arr, json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
						     "account_id", (json_int_t)db_col_int64(st, 0),
						     "email", col_str(st, 1), "person_id",
						     col_int_or_null(st, 2), "name", col_str(st, 3),
						     "organisation_id", col_int_or_null(st, 4),
						     "country", col_str(st, 5), "expertise",
						     col_json(st, 6), "conflicts", col_json(st, 7),
						     "cap", col_int_or_null(st, 8)));
	store_reset(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

int store_agreement_pairs(struct store *s, json_t **out, struct err *e)
{
	json_t *arr = json_array();
	struct db_stmt *st;
	int rc = store_prep(s, "SELECT DISTINCT a.organisation_id, b.organisation_id"
			    " FROM agreement_parties a JOIN agreement_parties b"
			    " ON b.agreement_id = a.agreement_id AND b.organisation_id > a.organisation_id",
			    &st, e);

	*out = NULL;
	if (rc) {
		json_decref(arr);
		return rc;
	}
	while ((rc = store_step(s, st, e)) == 1)
		json_array_append_new(arr, json_pack("[I, I]", (json_int_t)db_col_int64(st, 0),
						     (json_int_t)db_col_int64(st, 1)));
	store_reset(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

int store_reviews_given(struct store *s, int64_t id, int64_t *n, struct err *e)
{
	int rc = store_int(s, e, n, "SELECT count(*) FROM challenge_reviews WHERE challenge_id = ?1"
			   " AND submitted_at IS NOT NULL", "i", id);

	return rc < 0 ? rc : 0;
}

int store_reviews_replace(struct store *s, int64_t id, const json_t *rows, struct err *e)
{
	size_t i;
	json_t *r;
	int rc = store_exec(s, e, "DELETE FROM challenge_reviews WHERE challenge_id = ?1", "i", id);

	json_array_foreach(rows, i, r) {
		if (rc)
			break;
		rc = store_exec(s, e, "INSERT INTO challenge_reviews(challenge_id, submission_id,"
				" account_id, fixed, cost) VALUES (?1, ?2, ?3, ?4, ?5)", "iiiii", id,
				(int64_t)json_integer_value(json_object_get(r, "submission_id")),
				(int64_t)json_integer_value(json_object_get(r, "account_id")),
				(int64_t)json_is_true(json_object_get(r, "fixed")),
				(int64_t)json_integer_value(json_object_get(r, "cost")));
	}
	return rc;
}

int store_reviews_list(struct store *s, int64_t id, int64_t account, json_t **out,
		       struct err *e)
{
	json_t *arr = json_array();
	struct db_stmt *st;
	int rc = store_prep(s, "SELECT id, submission_id, account_id, fixed, cost, scores,"
			    " comment_jury, comment_submitter, submitted_at FROM challenge_reviews"
			    " WHERE challenge_id = ?1 AND (?2 = 0 OR account_id = ?2)"
			    " ORDER BY submission_id, account_id", &st, e);

	*out = NULL;
	if (rc) {
		json_decref(arr);
		return rc;
	}
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, account);
	while ((rc = store_step(s, st, e)) == 1)
		json_array_append_new(arr, json_pack("{s:I, s:I, s:I, s:b, s:I, s:o, s:o, s:o, s:o}",
						     "id", (json_int_t)db_col_int64(st, 0),
						     "submission_id", (json_int_t)db_col_int64(st, 1),
						     "account_id", (json_int_t)db_col_int64(st, 2),
						     "fixed", (int)db_col_int64(st, 3), "cost",
						     (json_int_t)db_col_int64(st, 4), "scores",
						     col_json(st, 5), "comment_jury", col_str(st, 6),
						     "comment_submitter", col_str(st, 7),
						     "submitted_at", col_str(st, 8)));
	store_reset(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

int store_review_put(struct store *s, int64_t submission, int64_t account, const json_t *r,
		     struct err *e)
{
	char *scores = json_text(r, "scores");
	char now[32];
	int rc;

	store_now(now);
	rc = store_exec(s, e, "UPDATE challenge_reviews SET scores = ?1, comment_jury = ?2,"
			" comment_submitter = ?3, submitted_at = ?4 WHERE submission_id = ?5 AND"
			" account_id = ?6", "ttttii", scores, jsonx_str(r, "comment_jury"),
			jsonx_str(r, "comment_submitter"), now, submission, account);
	free(scores);
	return rc;
}

/* ---- decisions ------------------------------------------------------------ */

int store_decisions_put(struct store *s, int64_t id, int64_t track, const json_t *winners,
			struct err *e)
{
	size_t i;
	json_t *w;
	int rc = store_exec(s, e, "DELETE FROM challenge_decisions WHERE track_id = ?1", "i", track);

	json_array_foreach(winners, i, w) {
		if (rc)
			break;
		rc = store_exec(s, e, "INSERT INTO challenge_decisions(submission_id, challenge_id,"
				" track_id, rank) VALUES (?1, ?2, ?3, ?4)", "iiii",
				(int64_t)json_integer_value(w), id, track, (int64_t)i + 1);
	}
	return rc;
}

int store_decisions_list(struct store *s, int64_t id, json_t **out, struct err *e)
{
	json_t *arr = json_array();
	struct db_stmt *st;
	int rc = store_prep(s, "SELECT submission_id, track_id, rank, agreement_id FROM"
			    " challenge_decisions WHERE challenge_id = ?1 ORDER BY track_id, rank", &st, e);

	*out = NULL;
	if (rc) {
		json_decref(arr);
		return rc;
	}
	db_bind_int64(st, 1, id);
	while ((rc = store_step(s, st, e)) == 1)
		json_array_append_new(arr, json_pack("{s:I, s:I, s:I, s:o}", "submission_id",
						     (json_int_t)db_col_int64(st, 0), "track_id",
						     (json_int_t)db_col_int64(st, 1), "rank",
						     (json_int_t)db_col_int64(st, 2), "agreement_id",
						     col_int_or_null(st, 3)));
	store_reset(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

int store_decision_pilot(struct store *s, int64_t submission, int64_t agreement, struct err *e)
{
	return store_exec(s, e, "UPDATE challenge_decisions SET agreement_id = ?1 WHERE"
			  " submission_id = ?2", "ii", agreement, submission);
}
