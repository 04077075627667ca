/*
 * account.h - what the store keeps for accounts, roles and privacy
 * (accounts.c, access.c, audit.c; migration 4).
 *
 * An account signs in with an e-mail and a password (only its Argon2id
 * hash is stored: auth/auth.h) and is usually linked to a person, which
 * makes it a participant; an admin account may have no person. Roles add
 * rights on top: admin (platform-wide), organiser of an event (or of a
 * challenge), representative of an organisation, jury member of a
 * challenge. Sessions, API tokens, password-reset tokens and invitations
 * are stored as digests of their tokens (auth_token_digest), never as the
 * tokens. Times are UTC seconds since 1970 (int64_t) in this interface.
 *
 * The conventions of store.h hold: 0 or a negative err code, struct err
 * naming the field, json_t ** results owned by the caller, one transaction
 * per write.
 */
#ifndef LIAISON_STORE_ACCOUNT_H
#define LIAISON_STORE_ACCOUNT_H

#include "auth/auth.h"
#include "store/store.h"

/* Roles, as stored and as the API names them. */
enum store_role {
	STORE_ROLE_ADMIN,          /* scope: none (scope_id 0) */
	STORE_ROLE_ORGANISER,      /* scope: an event id, or a challenge id */
	STORE_ROLE_REPRESENTATIVE, /* scope: an organisation id */
	STORE_ROLE_JURY,           /* scope: a challenge id */
	STORE_ROLE_COUNT
};

/* "admin", "organiser", "representative", "jury". */
const char *store_role_name(enum store_role role);

/* The role named name; -1 when none. */
int store_role_parse(const char *name);

/* Who makes a request: struct auth_principal (auth/auth.h). */

/* ---- accounts ---------------------------------------------------------- */

/*
 * Creates an account: email (required, a valid address of at most 254
 * bytes, unique without regard to ASCII case: ERR_CONFLICT naming "email"),
 * password_hash (required), person_id (optional, an existing person not yet
 * linked to another account: ERR_CONFLICT naming "person_id"). *id gets the
 * new id.
 */
int store_account_create(struct store *s, const char *email, const char *password_hash,
			 int64_t person, int64_t *id, struct err *e);

/*
 * Finds the account of email (any ASCII case): *id and, when hash is not
 * NULL, its password hash copied into hash (AUTH_HASH_SIZE bytes).
 * ERR_NOT_FOUND (field "email") when there is none.
 */
int store_account_find(struct store *s, const char *email, int64_t *id, char *hash,
		       size_t hash_len, struct err *e);

/*
 * The account as the API shows it (never its hash):
 * {"id", "email", "person_id"?, "organisation_id"?, "name"? (the person's),
 *  "roles": [{"role", "scope"? ("event", "challenge" or "organisation"),
 *  "scope_id"?}], "created_at", "last_sign_in_at"?} (times RFC 3339)
 * ERR_NOT_FOUND (field "id").
 */
int store_account_get(struct store *s, int64_t id, json_t **out, struct err *e);

/*
 * Lists accounts for admins: params as store_list ("limit", "cursor",
 * "q" matching the e-mail's start, "role"); {"items": [...], "next"}.
 */
int store_account_list(struct store *s, const json_t *params, json_t **out, struct err *e);

/*
 * Replaces the password hash and ends every session of the account except
 * keep_session (a session digest, or NULL for none) and every unused reset
 * token. Sets updated_at.
 */
int store_account_set_password(struct store *s, int64_t id, const char *password_hash,
			       const char *keep_session, struct err *e);

/* Records a successful sign-in (last_sign_in_at = now). */
int store_account_signed_in(struct store *s, int64_t id, struct err *e);

/*
 * Grants (grant = 1) or withdraws (0) a role. scope_id: 0 for admin; an
 * existing event id for organiser (or any positive challenge id when
 * challenge is 1); an existing organisation for representative; a positive
 * challenge id for jury. ERR_INVALID naming "role" or "scope_id".
 * Withdrawing a role the account does not hold is not an error.
 */
int store_account_role(struct store *s, int64_t id, enum store_role role, int64_t scope_id,
		       int challenge, int grant, struct err *e);

/*
 * Replaces all the roles of the account with roles, an array of
 * {"role": name, "scope_id"?: id, "scope"?: "event"|"challenge"}, checked
 * as store_account_role (errors name "roles[i].role" and so on).
 */
int store_account_roles_set(struct store *s, int64_t id, const json_t *roles, struct err *e);

/*
 * Every datum the store holds about the account, for the person's own
 * export (GDPR art. 15 and 20): {"account", "person"?, "organisation"?,
 * "registrations", "meeting_requests", "meetings", "agreements" (of the
 * organisation), "api_tokens" (id, name, dates: no digest), "sessions"
 * (count), "notifications" (outbox rows sent to the e-mail), "audit" (the
 * log rows of the account's own actions)}.
 */
int store_account_export(struct store *s, int64_t id, json_t **out, struct err *e);

/*
 * Deletes the account in one transaction: its sessions, tokens, reset
 * tokens and roles go; its person, when it has one, is anonymised (name
 * "Deleted participant", ref, role, e-mail, phone and languages cleared,
 * deleted_at set) and kept, so that meetings and statistics stay whole;
 * open meeting requests (requested) of that person are cancelled and the
 * messages they wrote in requests cleared; the outbox messages to their
 * address are deleted. The audit rows stay (a security record: they keep
 * the e-mail as it was).
 */
int store_account_delete(struct store *s, int64_t id, struct err *e);

/* ---- sessions and API tokens ----------------------------------------- */

/*
 * Stores a session: its digest, the CSRF token (plain: it is not a
 * credential by itself), the account and when it expires.
 */
int store_session_create(struct store *s, const char *digest, const char *csrf,
			 int64_t account, int64_t expires, struct err *e);

/* Ends the session of digest (absent is not an error). */
int store_session_delete(struct store *s, const char *digest, struct err *e);

/*
 * Fills p from the unexpired session of digest (via, session, csrf, and the
 * account's fields). ERR_UNAUTHORIZED when there is none or it expired
 * (an expired one is deleted).
 */
int store_session_principal(struct store *s, const char *digest, int64_t now,
			    struct auth_principal *p, struct err *e);

/*
 * Creates a personal API token named name (1 to 100 characters: ERR_INVALID
 * naming "name") with its digest; *out = {"id", "name", "created_at"}.
 * At most 20 per account (ERR_CONFLICT). digest: 64 hex digits.
 */
int store_token_create(struct store *s, int64_t account, const char *name, const char *digest,
		       json_t **out, struct err *e);

/* The account's tokens: {"items": [{"id", "name", "created_at", "last_used_at"?}]}. */
int store_token_list(struct store *s, int64_t account, json_t **out, struct err *e);

/* Revokes token id of account (ERR_NOT_FOUND naming "id" when not theirs). */
int store_token_delete(struct store *s, int64_t account, int64_t id, struct err *e);

/* Revokes every API token of account (after a password reset). */
int store_token_revoke_all(struct store *s, int64_t account, struct err *e);

/* Fills p from the token of digest (ERR_UNAUTHORIZED when none); notes its use. */
int store_token_principal(struct store *s, const char *digest, struct auth_principal *p,
			  struct err *e);

/* ---- reset tokens and invitations -------------------------------------- */

/* Stores a password-reset token digest for account, valid until expires. */
int store_reset_create(struct store *s, int64_t account, const char *digest, int64_t expires,
		       struct err *e);

/*
 * Uses the reset token of digest once: *account gets its account and the
 * token is spent. ERR_INVALID naming "token" ("is unknown, used or
 * expired") otherwise - the three are not told apart.
 */
int store_reset_consume(struct store *s, const char *digest, int64_t now, int64_t *account,
			struct err *e);

/*
 * Stores an invitation: {"email", "organisation_id", "name"?,
 * "representative"?: bool} checked (errors name the field), the digest of
 * its token, who invited (account id) and until when. *out = the
 * invitation without its digest: {"id", "email", "organisation_id",
 * "name"?, "representative", "expires_at" (RFC 3339)}.
 */
int store_invitation_create(struct store *s, const json_t *body, const char *digest,
			    int64_t by, int64_t expires, json_t **out, struct err *e);

/*
 * Spends the invitation of digest: *out = the invitation as above.
 * ERR_INVALID naming "invitation" when unknown, used or expired.
 */
int store_invitation_consume(struct store *s, const char *digest, int64_t now, json_t **out,
			     struct err *e);

/* ---- notification outbox ------------------------------------------------ */

/*
 * Queues a message for to (an e-mail address): kind ("password_reset",
 * "invitation", "meeting_request", ...), subject and body text, and who
 * caused it (account id, 0 = the system).
 */
int store_outbox_add(struct store *s, const char *to, const char *kind, const char *subject,
		     const char *body, int64_t by, struct err *e);

/*
 * Lists the outbox, newest last: params "to" (an e-mail), "kind", "by"
 * (account id), "limit", "cursor". Items {"id", "to", "kind", "subject",
 * "body", "by"?, "created_at"}.
 */
int store_outbox_list(struct store *s, const json_t *params, json_t **out, struct err *e);

/* ---- audit log and throttling ------------------------------------------ */

/*
 * Appends an audit row: account (0 for the command line), email (as it was),
 * the action ("POST /api/v1/events/3/schedule", "user role"), the status
 * and a detail (may be NULL).
 */
int store_audit_add(struct store *s, int64_t account, const char *email, const char *action,
		    int status, const char *detail, struct err *e);

/*
 * Lists the audit log: params "account", "since" (RFC 3339), "limit",
 * "cursor". Items {"id", "at", "account_id"?, "email"?, "action", "status",
 * "detail"?}.
 */
int store_audit_list(struct store *s, const json_t *params, json_t **out, struct err *e);

/*
 * Counts the attempts recorded under key since now - window seconds into
 * *count, after dropping the older ones of that key.
 */
int store_throttle_count(struct store *s, const char *key, int64_t now, int64_t window,
			 int *count, struct err *e);

/* How long attempts are kept: no throttle window may be longer (seconds). */
#define STORE_THROTTLE_KEEP 86400

/* Records an attempt under key at now, and forgets every attempt older than a day. */
int store_throttle_hit(struct store *s, const char *key, int64_t now, struct err *e);

/*
 * Counts the attempts under key since now - window into *count (the
 * earlier ones) and records this one (*ticket), in one write transaction:
 * parallel attempts each see the others, so none slips under a limit.
 */
int store_throttle_take(struct store *s, const char *key, int64_t now, int64_t window,
			int *count, int64_t *ticket, struct err *e);

/* Forgets the attempt of ticket (it was refused, or it succeeded). */
int store_throttle_forget(struct store *s, int64_t ticket, struct err *e);

/* Forgets the attempts of key (after a successful sign-in). */
int store_throttle_clear(struct store *s, const char *key, struct err *e);

/* ---- what the authorisation checks need (access.c) ---------------------- */

/*
 * *yes = 1 when account holds role on scope_id (admin: any role on any
 * scope). The scope is an event for organiser, an organisation for
 * representative, a challenge for jury (an organiser of a challenge is
 * not seen here); scope_id 0 asks for the role on any scope.
 */
int store_has_role(struct store *s, int64_t account, enum store_role role, int64_t scope_id,
		   int *yes, struct err *e);

/*
 * The owners of a stored row, for the authorisation checks: the
 * organisation, event and people it belongs to (0 when none).
 * organisations: organisation = id; people: organisation, person = id;
 * opportunities: organisation; events: event = id; registrations: event,
 * person, organisation (the person's); meeting requests and meetings:
 * event, person = requester, person2 = invitee (a meeting: its first two
 * participants); agreements: organisation and organisation2 = the first
 * two parties, event (when it came from one).
 * ERR_NOT_FOUND (field "id") when the row does not exist.
 */
struct store_owner {
	int64_t organisation;
	int64_t organisation2;
	int64_t event;
	int64_t person;
	int64_t person2;
};
int store_owner(struct store *s, enum store_res res, int64_t id, struct store_owner *o,
		struct err *e);

/*
 * Records that account made registration for another person (through the
 * API): such a registration does not count for store_contact_visible, so
 * that an organiser cannot open anyone's contact details by registering
 * them.
 */
int store_registration_added_by(struct store *s, int64_t registration, int64_t account,
				struct err *e);

/*
 * *yes = 1 when viewer may see person's e-mail and phone: it is their own
 * person, viewer is an admin, viewer organises an event person registered
 * for (themselves or by import: not by store_registration_added_by), or
 * viewer's person and person have an accepted meeting request.
 */
int store_contact_visible(struct store *s, const struct auth_principal *viewer,
			  int64_t person, int *yes, struct err *e);

/*
 * *yes = 1 when person's profile is public: not deleted, and no
 * registration of theirs waits for validation ("pending") or was
 * "rejected" in an event that validates profiles (profile_validation).
 * Otherwise only they, admins, the organisers of those events and the
 * representatives of their organisation see it.
 */
int store_person_public(struct store *s, int64_t person, int *yes, struct err *e);

/*
 * *yes = 1 when viewer may see the hidden person (see store_person_public):
 * self, admin, organiser of an event person registered for, representative
 * of person's organisation.
 */
int store_person_visible(struct store *s, const struct auth_principal *viewer, int64_t person,
			 int *yes, struct err *e);

/*
 * The meeting requests person made since now - 86400 (24 hours): the daily
 * cap is checked against it.
 */
int store_requests_today(struct store *s, int64_t person, int64_t now, int *count,
			 struct err *e);

/*
 * Creates the demo accounts listed in data/demo/accounts.json
 * ([{"email", "password", "person"? (a person ref), "roles": [{"role",
 * "scope"?: ref of an event or organisation, or "challenge:<n>"}]}]),
 * hashing each password; skips an e-mail that exists.
 */
int store_load_demo_accounts(struct store *s, const json_t *accounts, struct err *e);

#endif
