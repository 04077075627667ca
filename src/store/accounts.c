/*
 * accounts.c - accounts and their roles (account.h): create, find, show,
 * list, change the password, grant and withdraw roles, and the demo
 * accounts. Export and deletion are in account_gdpr.c, sessions and
 * tokens in tokens.c.
 */
#include "store/account_int.h"

#include "auth/auth.h"
#include "core/jsonx.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const role_names[STORE_ROLE_COUNT] = {"admin", "organiser", "representative",
							 "jury"};

const char *store_role_name(enum store_role role)
{
	if ((int)role < 0 || role >= STORE_ROLE_COUNT)
		return "unknown";
	return role_names[role];
}

int store_role_parse(const char *name)
{
	for (int i = 0; name && i < STORE_ROLE_COUNT; i++)
		if (strcmp(name, role_names[i]) == 0)
			return i;
	return -1;
}

/* ---- accounts ---------------------------------------------------------------- */

static int check_person(struct store *s, int64_t person, struct err *e)
{
	int64_t other = 0;
	int rc;

	if (person < 0)
		return err_set(e, ERR_INVALID, "person_id", "must be a positive integer id");
	if (person == 0)
		return 0;
	rc = store_check_ref_id(s, STORE_PERSON, person, "person_id", e);
	if (rc)
		return rc;
	rc = store_int(s, e, &other, "SELECT id FROM accounts WHERE person_id = ?1", "i", person);
	if (rc < 0)
		return rc;
	if (other)
		return err_set(e, ERR_CONFLICT, "person_id",
			       "person %" PRId64 " already has an account", person);
	return 0;
}

static int create_tx(struct store *s, const char *email, const char *hash, int64_t person,
		     int64_t *id, struct err *e)
{
	char now[32];
	int64_t other = 0;
	int rc = store_int(s, e, &other, "SELECT id FROM accounts WHERE email = ?1", "t", email);

	if (rc < 0)
		return rc;
	if (other)
		return err_set(e, ERR_CONFLICT, "email", "an account with this e-mail exists");
	rc = check_person(s, person, e);
	if (rc)
		return rc;
	store_now(now);
	rc = store_exec(s, e,
			"INSERT INTO accounts(email, password_hash, person_id, created_at, updated_at)"
			" VALUES (?1, ?2, ?3, ?4, ?4)",
			"ttzt", email, hash, person, now);
	if (rc == 0)
		*id = db_last_id(s->db);
	return rc;
}

int store_account_create(struct store *s, const char *email, const char *password_hash,
			 int64_t person, int64_t *id, struct err *e)
{
	int rc = acct_check_email(email, "email", e);

	*id = 0;
	if (rc)
		return rc;
	if (!password_hash || !*password_hash || strlen(password_hash) >= AUTH_HASH_SIZE)
		return err_set(e, ERR_INVALID, "password_hash", "is required");
	rc = store_tx_begin(s, e);
	if (rc)
		return rc;
	rc = store_tx_end(s, create_tx(s, email, password_hash, person, id, e), e);
	if (rc)
		*id = 0;
	return rc;
}

int store_account_find(struct store *s, const char *email, int64_t *id, char *hash,
		       size_t hash_len, struct err *e)
{
	struct db_stmt *st;
	int rc;

	*id = 0;
	if (hash && hash_len)
		hash[0] = '\0';
	rc = store_prep(s, "SELECT id, password_hash FROM accounts WHERE email = ?1", &st, e);
	if (rc)
		return rc;
	db_bind_text(st, 1, email ? email : "", (size_t)-1);
	rc = store_step(s, st, e);
	if (rc == 1) {
		*id = db_col_int64(st, 0);
		if (hash && hash_len)
			snprintf(hash, hash_len, "%s", db_col_text(st, 1));
	}
	store_reset(st);
	if (rc < 0)
		return rc;
	if (!*id)
		return err_set(e, ERR_NOT_FOUND, "email", "no account has this e-mail");
	return 0;
}

/* The account's roles: [{"role", "scope"?, "scope_id"?}] by role, kind and scope. */
static int roles_json(struct store *s, int64_t id, json_t **out, struct err *e)
{
	*out = json_array();
	return acct_rows(s, *out, e,
			 "SELECT role, nullif(scope_kind, '') AS scope, nullif(scope_id, 0) AS scope_id"
			 " FROM account_roles WHERE account_id = ?1"
			 " ORDER BY CASE role WHEN 'admin' THEN 0 WHEN 'organiser' THEN 1"
			 " WHEN 'representative' THEN 2 ELSE 3 END, scope_kind, scope_id",
			 "i", id);
}

static int account_row(struct store *s, int64_t id, json_t **out, struct err *e)
{
	json_t *arr = json_array();
	int rc = acct_rows(s, arr, e,
			   "SELECT a.id, a.email, a.person_id, p.organisation_id, p.name,"
			   " a.created_at, a.last_sign_in_at FROM accounts a"
			   " LEFT JOIN people p ON p.id = a.person_id WHERE a.id = ?1",
			   "i", id);

	*out = NULL;
	if (rc == 0 && json_array_size(arr) == 0)
		rc = err_set(e, ERR_NOT_FOUND, "id", "no account with id %" PRId64, id);
	if (rc == 0)
		*out = json_incref(json_array_get(arr, 0));
	json_decref(arr);
	return rc;
}

/* store_account_get inside an open transaction. */
static int account_get_tx(struct store *s, int64_t id, json_t **out, struct err *e)
{
	json_t *roles = NULL;
	int rc = account_row(s, id, out, e);

	if (rc == 0)
		rc = roles_json(s, id, &roles, e);
	if (rc == 0) {
		json_object_set_new(*out, "roles", roles);
		return 0;
	}
	json_decref(roles);
	json_decref(*out);
	*out = NULL;
	return rc;
}

int store_account_get(struct store *s, int64_t id, json_t **out, struct err *e)
{
	int rc = store_read_begin(s, e);

	*out = NULL;
	if (rc)
		return rc;
	return store_read_end(s, account_get_tx(s, id, out, e), e);
}

/* Replaces each item (a row with "id") by the whole account. */
static int expand_accounts(struct store *s, json_t *page, struct err *e)
{
	json_t *items = json_object_get(page, "items");
	size_t i;
	json_t *v;

	json_array_foreach(items, i, v) {
		json_t *acc;
		int rc = account_get_tx(s, json_integer_value(json_object_get(v, "id")), &acc, e);

		if (rc)
			return rc;
		json_array_set_new(items, i, acc);
	}
	return 0;
}

static int account_list_tx(struct store *s, const struct acct_param *pp,
			   const struct acct_page *pg, json_t **out, struct err *e)
{
	struct db_stmt *st;
	int rc = store_prep(s,
			    "SELECT a.id FROM accounts a WHERE a.id > ?1"
			    " AND (?2 IS NULL OR lower(substr(a.email, 1, length(?2))) = lower(?2))"
			    " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM account_roles r"
			    "   WHERE r.account_id = a.id AND r.role = ?3))"
			    " ORDER BY a.id LIMIT ?4",
			    &st, e);

	if (rc)
		return rc;
	db_bind_int64(st, 1, pg->after);
	db_bind_text(st, 2, pp[0].text, (size_t)-1);
	db_bind_text(st, 3, pp[1].text, (size_t)-1);
	db_bind_int64(st, 4, pg->limit + 1);
	rc = acct_page_run(s, st, pg, out, e);
	if (rc == 0)
		rc = expand_accounts(s, *out, e);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int store_account_list(struct store *s, const json_t *params, json_t **out, struct err *e)
{
	struct acct_param pp[] = {
		{"q", ACCT_P_TEXT, NULL, 0},
		{"role", ACCT_P_ROLE, NULL, 0},
	};
	struct acct_page pg;
	int rc;

	*out = NULL;
	rc = acct_page_parse(params, "accounts", pp, 2, &pg, e);
	if (rc == 0)
		rc = store_read_begin(s, e);
	if (rc)
		return rc;
	return store_read_end(s, account_list_tx(s, pp, &pg, out, e), e);
}

static int set_password_tx(struct store *s, int64_t id, const char *hash, const char *keep,
			   struct err *e)
{
	char now[32];
	int rc;

	store_now(now);
	rc = store_exec(s, e, "UPDATE accounts SET password_hash = ?1, updated_at = ?2 WHERE id = ?3",
			"tti", hash, now, id);
	if (rc == 0 && db_changes(s->db) == 0)
		rc = err_set(e, ERR_NOT_FOUND, "id", "no account with id %" PRId64, id);
	if (rc == 0)
		rc = store_exec(s, e,
				"DELETE FROM sessions WHERE account_id = ?1 AND digest IS NOT ?2",
				"it", id, keep);
	if (rc == 0)
		rc = store_exec(s, e,
				"DELETE FROM reset_tokens WHERE account_id = ?1 AND used_at IS NULL",
				"i", id);
	return rc;
}

int store_account_set_password(struct store *s, int64_t id, const char *password_hash,
			       const char *keep_session, struct err *e)
{
	int rc;

	if (!password_hash || !*password_hash || strlen(password_hash) >= AUTH_HASH_SIZE)
		return err_set(e, ERR_INVALID, "password_hash", "is required");
	rc = store_tx_begin(s, e);
	if (rc)
		return rc;
	return store_tx_end(s, set_password_tx(s, id, password_hash, keep_session, e), e);
}

int store_account_signed_in(struct store *s, int64_t id, struct err *e)
{
	char now[32];
	int rc;

	store_now(now);
	rc = store_exec(s, e, "UPDATE accounts SET last_sign_in_at = ?1 WHERE id = ?2", "ti", now,
			id);
	if (rc == 0 && db_changes(s->db) == 0)
		rc = err_set(e, ERR_NOT_FOUND, "id", "no account with id %" PRId64, id);
	return rc;
}

/* ---- roles ------------------------------------------------------------------- */

/* Checks role on scope_id: *kind gets the stored scope kind. */
static int check_scope(struct store *s, enum store_role role, int64_t scope_id, int challenge,
		       const char **kind, struct err *e)
{
	int rc;

	if ((int)role < 0 || role >= STORE_ROLE_COUNT)
		return err_set(e, ERR_INVALID, "role",
			       "must be one of admin, organiser, representative, jury");
	*kind = "";
	if (role == STORE_ROLE_ADMIN)
		return scope_id == 0 ? 0
				     : err_set(e, ERR_INVALID, "scope_id",
					       "must be absent for the admin role");
	if (scope_id <= 0)
		return err_set(e, ERR_INVALID, "scope_id", "is required for the %s role: a positive id",
			       role_names[role]);
	if (role == STORE_ROLE_JURY || (role == STORE_ROLE_ORGANISER && challenge)) {
		*kind = "challenge";
		return 0;
	}
	*kind = role == STORE_ROLE_ORGANISER ? "event" : "organisation";
	rc = store_exists(s, role == STORE_ROLE_ORGANISER ? STORE_EVENT : STORE_ORGANISATION,
			  scope_id, e);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return err_set(e, ERR_INVALID, "scope_id", "%s %" PRId64 " does not exist", *kind,
			       scope_id);
	return 0;
}

static int role_tx(struct store *s, int64_t id, enum store_role role, int64_t scope_id,
		   int challenge, int grant, struct err *e)
{
	const char *kind = "";
	int64_t found = 0;
	int rc = store_int(s, e, &found, "SELECT 1 FROM accounts WHERE id = ?1", "i", id);
	if (rc < 0)
		return rc;
	if (!found)
		return err_set(e, ERR_NOT_FOUND, "id", "no account with id %" PRId64, id);
	rc = check_scope(s, role, scope_id, challenge, &kind, e);
	if (rc)
		return rc;
	if (grant)
		return store_exec(s, e,
				  "INSERT INTO account_roles(account_id, role, scope_kind, scope_id)"
				  " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
				  "itti", id, role_names[role], kind, scope_id);
	return store_exec(s, e,
			  "DELETE FROM account_roles WHERE account_id = ?1 AND role = ?2"
			  " AND scope_kind = ?3 AND scope_id = ?4",
			  "itti", id, role_names[role], kind, scope_id);
}

int store_account_role(struct store *s, int64_t id, enum store_role role, int64_t scope_id,
		       int challenge, int grant, struct err *e)
{
	int rc = store_tx_begin(s, e);

	if (rc)
		return rc;
	return store_tx_end(s, role_tx(s, id, role, scope_id, challenge, grant, e), e);
}

/* 1 when scope (a scope kind) fits role. */
static int role_kind_ok(enum store_role role, const char *scope)
{
	if (!scope)
		return 0;
	switch (role) {
	case STORE_ROLE_ORGANISER:
		return strcmp(scope, "event") == 0 || strcmp(scope, "challenge") == 0;
	case STORE_ROLE_REPRESENTATIVE:
		return strcmp(scope, "organisation") == 0;
	case STORE_ROLE_JURY:
		return strcmp(scope, "challenge") == 0;
	default:
		return 0;
	}
}

/* Reads roles[i] into its parts; errors name "roles[i].<key>". */
static int role_item(const json_t *v, enum store_role *role, int64_t *scope_id, int *challenge,
		     struct err *e)
{
	const json_t *sid = json_object_get(v, "scope_id");
	const char *scope = jsonx_str(v, "scope");
	const char *key;
	json_t *x;
	int r;

	if (!json_is_object(v))
		return err_set(e, ERR_INVALID, "", "must be an object");
	json_object_foreach((json_t *)v, key, x)
		if (strcmp(key, "role") && strcmp(key, "scope_id") && strcmp(key, "scope"))
			return err_set(e, ERR_INVALID, key, "is not a field of a role");
	r = store_role_parse(jsonx_str(v, "role"));
	if (r < 0)
		return err_set(e, ERR_INVALID, "role",
			       "must be one of admin, organiser, representative, jury");
	if (sid && !json_is_integer(sid))
		return err_set(e, ERR_INVALID, "scope_id", "must be an integer id");
	/* the kinds GET /accounts/{id} shows, so that its roles can be sent back */
	if (json_object_get(v, "scope") && !json_is_null(json_object_get(v, "scope")) &&
	    !role_kind_ok((enum store_role)r, scope))
		return err_set(e, ERR_INVALID, "scope", "%s",
			       r == STORE_ROLE_ADMIN		? "must be absent for the admin role"
			       : r == STORE_ROLE_ORGANISER	? "must be event or challenge"
			       : r == STORE_ROLE_REPRESENTATIVE ? "must be organisation"
								: "must be challenge");
	*role = (enum store_role)r;
	*scope_id = json_integer_value(sid);
	*challenge = scope && strcmp(scope, "challenge") == 0;
	return 0;
}

static int roles_set_tx(struct store *s, int64_t id, const json_t *roles, struct err *e)
{
	int64_t found = 0;
	size_t i;
	json_t *v;
	char path[32];
	int rc = store_int(s, e, &found, "SELECT 1 FROM accounts WHERE id = ?1", "i", id);

	if (rc < 0)
		return rc;
	if (!found)
		return err_set(e, ERR_NOT_FOUND, "id", "no account with id %" PRId64, id);
	rc = store_exec(s, e, "DELETE FROM account_roles WHERE account_id = ?1", "i", id);
	if (rc)
		return rc;
	json_array_foreach(roles, i, v) {
		enum store_role role = STORE_ROLE_ADMIN;
		int64_t scope_id = 0;
		int challenge = 0;

		rc = role_item(v, &role, &scope_id, &challenge, e);
		if (rc == 0)
			rc = role_tx(s, id, role, scope_id, challenge, 1, e);
		if (rc) {
			snprintf(path, sizeof(path), "roles[%zu]", i);
			if (rc == ERR_INVALID)
				err_prefix_field(e, path);
			return rc;
		}
	}
	return 0;
}

int store_account_roles_set(struct store *s, int64_t id, const json_t *roles, struct err *e)
{
	int rc;

	if (!json_is_array(roles))
		return err_set(e, ERR_INVALID, "roles", "must be an array");
	rc = store_tx_begin(s, e);
	if (rc)
		return rc;
	return store_tx_end(s, roles_set_tx(s, id, roles, e), e);
}

/* ---- demo accounts ----------------------------------------------------------- */

/* Reads "challenge:<n>" into *id; 0 when scope is not of that form. */
static int challenge_scope(const char *scope, int64_t *id)
{
	char *end;
	long long v;

	if (!scope || strncmp(scope, "challenge:", 10) != 0 || scope[10] < '1' || scope[10] > '9')
		return 0;
	v = strtoll(scope + 10, &end, 10);
	if (*end || v <= 0)
		return 0;
	*id = v;
	return 1;
}

/* One {"role", "scope"?} of a demo account: a ref or "challenge:<n>". */
static int demo_role(struct store *s, int64_t id, const json_t *v, struct err *e)
{
	const char *scope = jsonx_str(v, "scope");
	int role = store_role_parse(jsonx_str(v, "role"));
	int64_t scope_id = 0;
	int challenge = challenge_scope(scope, &scope_id);
	int rc = 0;

	if (role < 0)
		return err_set(e, ERR_INVALID, "role",
			       "must be one of admin, organiser, representative, jury");
	if (scope && !challenge) {
		rc = store_ref_find(s,
				    role == STORE_ROLE_REPRESENTATIVE ? STORE_ORGANISATION : STORE_EVENT,
				    scope, &scope_id, e);
		if (rc == 0 && !scope_id)
			rc = err_set(e, ERR_INVALID, "scope", "no row has the ref %s", scope);
	}
	if (rc == 0)
		rc = role_tx(s, id, (enum store_role)role, scope_id, challenge, 1, e);
	return rc;
}

static int demo_account_tx(struct store *s, const json_t *rec, const char *hash,
			   struct err *e)
{
	const char *ref = jsonx_str(rec, "person");
	int64_t person = 0, id = 0;
	size_t i;
	json_t *v;
	char path[32];
	int rc = ref ? store_ref_find(s, STORE_PERSON, ref, &person, e) : 0;

	if (rc == 0 && ref && !person)
		rc = err_set(e, ERR_INVALID, "person", "no person has the ref %s", ref);
	if (rc == 0)
		rc = create_tx(s, jsonx_str(rec, "email"), hash, person, &id, e);
	json_array_foreach(json_object_get(rec, "roles"), i, v) {
		if (rc)
			break;
		rc = demo_role(s, id, v, e);
		snprintf(path, sizeof(path), "roles[%zu]", i);
		if (rc)
			err_prefix_field(e, path);
	}
	return rc;
}

/* Loads accounts[i] unless its e-mail exists. */
static int demo_account(struct store *s, const json_t *rec, struct err *e)
{
	const char *email = jsonx_str(rec, "email");
	char hash[AUTH_HASH_SIZE];
	int64_t other = 0;
	int rc = acct_check_email(email, "email", e);

	if (rc == 0)
		rc = store_int(s, e, &other, "SELECT id FROM accounts WHERE email = ?1", "t", email);
	if (rc < 0 || other)
		return rc < 0 ? rc : 0;
	rc = auth_password_hash(jsonx_str(rec, "password"), "password", hash, e);
	if (rc == 0)
		rc = store_tx_begin(s, e);
	if (rc == 0)
		rc = store_tx_end(s, demo_account_tx(s, rec, hash, e), e);
	return rc;
}

int store_load_demo_accounts(struct store *s, const json_t *accounts, struct err *e)
{
	size_t i;
	json_t *v;
	char path[32];

	if (!json_is_array(accounts))
		return err_set(e, ERR_INVALID, "accounts", "must be an array");
	json_array_foreach(accounts, i, v) {
		int rc = json_is_object(v) ? demo_account(s, v, e)
					   : err_set(e, ERR_INVALID, "", "must be an object");

		if (rc) {
			snprintf(path, sizeof(path), "accounts[%zu]", i);
			err_prefix_field(e, path);
			return rc;
		}
	}
	return 0;
}
