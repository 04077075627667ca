/*
 * tokens.c - what an account signs in with besides its password
 * (account.h): sessions, personal API tokens, password-reset tokens and
 * invitations, each stored as the digest of its token only.
 */
#include "store/account_int.h"

#include "core/jsonx.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define TOKENS_MAX 20
#define TOKEN_NAME_MAX 100

static int check_digest(const char *digest, const char *field, struct err *e)
{
	if (!digest || strlen(digest) != 64 || strspn(digest, "0123456789abcdef") != 64)
		return err_set(e, ERR_INVALID, field, "must be a token digest (64 hex digits)");
	return 0;
}

int acct_principal_fill(struct store *s, int64_t id, struct auth_principal *p,
			struct err *e)
{
	struct db_stmt *st;
	int rc = store_prep(s,
			    "SELECT a.id, a.person_id, p.organisation_id, a.email,"
			    " EXISTS (SELECT 1 FROM account_roles r WHERE r.account_id = a.id"
			    "   AND r.role = 'admin')"
			    " FROM accounts a LEFT JOIN people p ON p.id = a.person_id WHERE a.id = ?1",
			    &st, e);

	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	rc = store_step(s, st, e);
	if (rc == 1) {
		p->account = db_col_int64(st, 0);
		p->person = db_col_int64(st, 1);
		p->organisation = db_col_int64(st, 2);
		snprintf(p->email, sizeof(p->email), "%s", db_col_text(st, 3));
		p->admin = (int)db_col_int64(st, 4);
	}
	store_reset(st);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return err_set(e, ERR_UNAUTHORIZED, NULL, "the account no longer exists");
	return 0;
}

/* ---- sessions ---------------------------------------------------------------- */

int store_session_create(struct store *s, const char *digest, const char *csrf,
			 int64_t account, int64_t expires, struct err *e)
{
	int rc = check_digest(digest, "session", e);

	if (rc)
		return rc;
	if (!csrf || !*csrf || strlen(csrf) >= sizeof(((struct auth_principal *)0)->csrf))
		return err_set(e, ERR_INVALID, "csrf", "must be a token of 1 to 47 bytes");
	return store_exec(s, e,
			  "INSERT INTO sessions(digest, account_id, csrf, created_at, expires_at)"
			  " VALUES (?1, ?2, ?3, unixepoch(), ?4)",
			  "titi", digest, account, csrf, expires);
}

int store_session_delete(struct store *s, const char *digest, struct err *e)
{
	return store_exec(s, e, "DELETE FROM sessions WHERE digest = ?1", "t", digest);
}

static int session_tx(struct store *s, const char *digest, int64_t now,
		      struct auth_principal *p, struct err *e)
{
	struct db_stmt *st;
	int64_t account = 0, expires = 0;
	int rc = store_prep(s, "SELECT account_id, csrf, expires_at FROM sessions WHERE digest = ?1",
			    &st, e);

	if (rc)
		return rc;
	db_bind_text(st, 1, digest, (size_t)-1);
	rc = store_step(s, st, e);
	if (rc == 1) {
		account = db_col_int64(st, 0);
		snprintf(p->csrf, sizeof(p->csrf), "%s", db_col_text(st, 1));
		expires = db_col_int64(st, 2);
	}
	store_reset(st);
	if (rc < 0)
		return rc;
	if (account && expires <= now) {
		rc = store_exec(s, e, "DELETE FROM sessions WHERE digest = ?1", "t", digest);
		if (rc)
			return rc;
	}
	if (!account || expires <= now)
		return err_set(e, ERR_UNAUTHORIZED, NULL, "the session is unknown or expired");
	snprintf(p->session, sizeof(p->session), "%s", digest);
	p->via = AUTH_VIA_SESSION;
	return acct_principal_fill(s, account, p, e);
}

int store_session_principal(struct store *s, const char *digest, int64_t now,
			    struct auth_principal *p, struct err *e)
{
	int rc;

	memset(p, 0, sizeof(*p));
	if (!digest)
		return err_set(e, ERR_UNAUTHORIZED, NULL, "the session is unknown or expired");
	/* reads only (every signed-in request comes here): no write transaction */
	rc = session_tx(s, digest, now, p, e);
	if (rc)
		memset(p, 0, sizeof(*p));
	return rc;
}

/* ---- API tokens -------------------------------------------------------------- */

static int token_create_tx(struct store *s, int64_t account, const char *name,
			   const char *digest, json_t **out, struct err *e)
{
	char now[32];
	int64_t n = 0;
	int rc = store_int(s, e, &n, "SELECT count(*) FROM api_tokens WHERE account_id = ?1", "i",
			   account);

	if (rc < 0)
		return rc;
	if (n >= TOKENS_MAX)
		return err_set(e, ERR_CONFLICT, NULL,
			       "an account has at most %d API tokens: delete one first", TOKENS_MAX);
	store_now(now);
	rc = store_exec(s, e,
			"INSERT INTO api_tokens(account_id, name, digest, created_at)"
			" VALUES (?1, ?2, ?3, ?4)",
			"ittt", account, name, digest, now);
	if (rc)
		return rc;
	*out = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)db_last_id(s->db),
			 "name", name, "created_at", now);
	return *out ? 0 : err_set(e, ERR_INTERNAL, NULL, "cannot build the token");
}

int store_token_create(struct store *s, int64_t account, const char *name, const char *digest,
		       json_t **out, struct err *e)
{
	size_t chars = name ? jsonx_utf8_chars(name) : 0;
	int rc;

	*out = NULL;
	if (chars < 1 || chars > TOKEN_NAME_MAX)
		return err_set(e, ERR_INVALID, "name", "must be 1 to %d characters",
			       TOKEN_NAME_MAX);
	rc = check_digest(digest, "token", e);
	if (rc == 0)
		rc = store_tx_begin(s, e);
	if (rc)
		return rc;
	return store_tx_end(s, token_create_tx(s, account, name, digest, out, e), e);
}

int store_token_list(struct store *s, int64_t account, json_t **out, struct err *e)
{
	json_t *items = json_array();
	int rc = acct_rows(s, items, e,
			   "SELECT id, name, created_at, last_used_at FROM api_tokens"
			   " WHERE account_id = ?1 ORDER BY id",
			   "i", account);

	*out = NULL;
	if (rc) {
		json_decref(items);
		return rc;
	}
	*out = json_pack("{s:o}", "items", items);
	return 0;
}

int store_token_delete(struct store *s, int64_t account, int64_t id, struct err *e)
{
	int rc = store_exec(s, e, "DELETE FROM api_tokens WHERE id = ?1 AND account_id = ?2", "ii",
			    id, account);

	if (rc == 0 && db_changes(s->db) == 0)
		rc = err_set(e, ERR_NOT_FOUND, "id", "you have no API token with id %" PRId64, id);
	return rc;
}

static int token_tx(struct store *s, const char *digest, struct auth_principal *p,
		    struct err *e)
{
	struct db_stmt *st;
	int64_t id = 0, account = 0, stale = 0;
	char now[32];
	/* last use is noted to the minute: a write per request would queue every reader */
	int rc = store_prep(s,
			    "SELECT id, account_id, last_used_at IS NULL OR last_used_at <"
			    " strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-60 seconds')"
			    " FROM api_tokens WHERE digest = ?1",
			    &st, e);

	if (rc)
		return rc;
	db_bind_text(st, 1, digest, (size_t)-1);
	rc = store_step(s, st, e);
	if (rc == 1) {
		id = db_col_int64(st, 0);
		account = db_col_int64(st, 1);
		stale = db_col_int64(st, 2);
	}
	store_reset(st);
	if (rc < 0)
		return rc;
	if (!id)
		return err_set(e, ERR_UNAUTHORIZED, NULL, "the API token is unknown or revoked");
	if (stale) {
		store_now(now);
		rc = store_exec(s, e, "UPDATE api_tokens SET last_used_at = ?1 WHERE id = ?2", "ti",
				now, id);
		if (rc)
			return rc;
	}
	p->via = AUTH_VIA_TOKEN;
	p->token = id;
	return acct_principal_fill(s, account, p, e);
}

int store_token_principal(struct store *s, const char *digest, struct auth_principal *p,
			  struct err *e)
{
	int rc;

	memset(p, 0, sizeof(*p));
	if (!digest)
		return err_set(e, ERR_UNAUTHORIZED, NULL, "the API token is unknown or revoked");
	rc = token_tx(s, digest, p, e);
	if (rc)
		memset(p, 0, sizeof(*p));
	return rc;
}

int store_token_revoke_all(struct store *s, int64_t account, struct err *e)
{
	return store_exec(s, e, "DELETE FROM api_tokens WHERE account_id = ?1", "i", account);
}

/* ---- password-reset tokens ----------------------------------------------------- */

int store_reset_create(struct store *s, int64_t account, const char *digest, int64_t expires,
		       struct err *e)
{
	int rc = check_digest(digest, "token", e);

	if (rc)
		return rc;
	return store_exec(s, e,
			  "INSERT INTO reset_tokens(digest, account_id, expires_at) VALUES (?1, ?2, ?3)",
			  "tii", digest, account, expires);
}

static int reset_tx(struct store *s, const char *digest, int64_t now, int64_t *account,
		    struct err *e)
{
	int rc = store_int(s, e, account,
			   "SELECT account_id FROM reset_tokens WHERE digest = ?1 AND used_at IS NULL"
			   " AND expires_at > ?2",
			   "ti", digest, now);

	if (rc < 0)
		return rc;
	if (rc == 0)
		return err_set(e, ERR_INVALID, "token", "is unknown, used or expired");
	return store_exec(s, e, "UPDATE reset_tokens SET used_at = ?1 WHERE digest = ?2", "it", now,
			  digest);
}

int store_reset_consume(struct store *s, const char *digest, int64_t now, int64_t *account,
			struct err *e)
{
	int rc;

	*account = 0;
	if (!digest)
		return err_set(e, ERR_INVALID, "token", "is unknown, used or expired");
	rc = store_tx_begin(s, e);
	if (rc)
		return rc;
	rc = store_tx_end(s, reset_tx(s, digest, now, account, e), e);
	if (rc)
		*account = 0;
	return rc;
}

/* ---- invitations ------------------------------------------------------------- */

static int invitation_check(struct store *s, const json_t *body, struct err *e)
{
	const json_t *org = json_object_get(body, "organisation_id");
	const json_t *name = json_object_get(body, "name");
	const json_t *rep = json_object_get(body, "representative");
	size_t chars;
	const char *key;
	json_t *v;
	int rc;

	if (!json_is_object(body))
		return err_set(e, ERR_INVALID, "", "the body must be a JSON object");
	json_object_foreach((json_t *)body, key, v)
		if (strcmp(key, "email") && strcmp(key, "organisation_id") && strcmp(key, "name") &&
		    strcmp(key, "representative"))
			return err_set(e, ERR_INVALID, key, "is not a field of an invitation");
	rc = acct_check_email(jsonx_str(body, "email"), "email", e);
	if (rc)
		return rc;
	if (!json_is_integer(org) || json_integer_value(org) <= 0)
		return err_set(e, ERR_INVALID, "organisation_id", "is required: an organisation id");
	rc = store_check_ref_id(s, STORE_ORGANISATION, json_integer_value(org), "organisation_id",
				e);
	if (rc)
		return rc;
	chars = json_is_string(name) ? jsonx_utf8_chars(json_string_value(name)) : 0;
	if (name && !json_is_null(name) && (chars < 1 || chars > 300))
		return err_set(e, ERR_INVALID, "name", "must be a string of 1 to 300 characters");
	if (rep && !json_is_boolean(rep))
		return err_set(e, ERR_INVALID, "representative", "must be true or false");
	return 0;
}

static int invitation_read(struct store *s, int64_t id, json_t **out, struct err *e)
{
	json_t *arr = json_array();
	int rc = acct_rows(s, arr, e,
			   "SELECT id, email, organisation_id, name, representative,"
			   " " ACCT_RFC3339("expires_at") " AS expires_at FROM invitations"
			   " WHERE id = ?1",
			   "i", id);

	*out = NULL;
	if (rc == 0 && json_array_size(arr) == 1) {
		json_t *rep = json_object_get(json_array_get(arr, 0), "representative");

		*out = json_incref(json_array_get(arr, 0));
		json_object_set_new(*out, "representative",
				    json_boolean(json_integer_value(rep) != 0));
	} else if (rc == 0) {
		rc = err_set(e, ERR_NOT_FOUND, "id", "no invitation with id %" PRId64, id);
	}
	json_decref(arr);
	return rc;
}

static int invitation_create_tx(struct store *s, const json_t *body, const char *digest,
				int64_t by, int64_t expires, json_t **out, struct err *e)
{
	char now[32];
	int rc = invitation_check(s, body, e);

	if (rc)
		return rc;
	store_now(now);
	rc = store_exec(s, e,
			"INSERT INTO invitations(digest, email, organisation_id, name, representative,"
			" invited_by, expires_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
			"ttitizit", digest, jsonx_str(body, "email"),
			(int64_t)json_integer_value(json_object_get(body, "organisation_id")),
			jsonx_str(body, "name"),
			(int64_t)json_is_true(json_object_get(body, "representative")), by, expires,
			now);
	if (rc)
		return rc;
	return invitation_read(s, db_last_id(s->db), out, e);
}

int store_invitation_create(struct store *s, const json_t *body, const char *digest,
			    int64_t by, int64_t expires, json_t **out, struct err *e)
{
	int rc = check_digest(digest, "token", e);

	*out = NULL;
	if (rc == 0)
		rc = store_tx_begin(s, e);
	if (rc)
		return rc;
	return store_tx_end(s, invitation_create_tx(s, body, digest, by, expires, out, e), e);
}

static int invitation_tx(struct store *s, const char *digest, int64_t now, json_t **out,
			 struct err *e)
{
	int64_t id = 0;
	int rc = store_int(s, e, &id,
			   "SELECT id FROM invitations WHERE digest = ?1 AND used_at IS NULL"
			   " AND expires_at > ?2",
			   "ti", digest, now);

	if (rc < 0)
		return rc;
	if (rc == 0)
		return err_set(e, ERR_INVALID, "invitation", "is unknown, used or expired");
	rc = store_exec(s, e, "UPDATE invitations SET used_at = ?1 WHERE id = ?2", "ii", now, id);
	return rc ? rc : invitation_read(s, id, out, e);
}

int store_invitation_consume(struct store *s, const char *digest, int64_t now, json_t **out,
			     struct err *e)
{
	int rc;

	*out = NULL;
	if (!digest)
		return err_set(e, ERR_INVALID, "invitation", "is unknown, used or expired");
	rc = store_tx_begin(s, e);
	if (rc)
		return rc;
	rc = store_tx_end(s, invitation_tx(s, digest, now, out, e), e);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}
