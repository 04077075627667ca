/*
 * account.h - the account workflows: sign-up (open or by invitation),
 * sign-in and sessions, API tokens, passwords and their reset,
 * invitations, a person's own data (GDPR export and deletion), abuse
 * limits, and the admins' views of accounts, the outbox and the audit log.
 *
 * Secrets: passwords are checked, hashed (auth/auth.h) and forgotten,
 * never logged, stored or returned; tokens (session, API, reset,
 * invitation) are stored as digests and shown to their owner once.
 * Messages with a token (reset, invitation) are queued in the outbox in
 * the transaction that stores the token.
 *
 * Abuse limits count attempts per key in the database (so that they hold
 * across workers): failed sign-ins per e-mail (SERVICE_SIGN_IN_PER_EMAIL
 * in SERVICE_SIGN_IN_WINDOW) and per address; sign-ups and reset requests
 * per address and hour. A limit reached is ERR_TOO_MANY; the caller may
 * answer Retry-After with the window named below.
 *
 * Conventions of service.h: 0 or a negative err code naming the field,
 * json_t ** results owned by the caller, times as UTC seconds.
 */
#ifndef LIAISON_SERVICE_ACCOUNT_H
#define LIAISON_SERVICE_ACCOUNT_H

#include "service/service.h"

#include <stddef.h>

#define SERVICE_HOUR 3600
#define SERVICE_SIGN_IN_WINDOW 900  /* seconds over which failed sign-ins count */
#define SERVICE_SIGN_IN_PER_EMAIL 5 /* failed sign-ins per e-mail in the window */

/* ---- who calls ----------------------------------------------------------- */

/*
 * Fills p from the personal API token token (as the client sent it).
 * ERR_UNAUTHORIZED when it names none; p is then zeroed.
 */
int service_identify_token(struct service_conn *c, const char *token,
			   struct auth_principal *p, struct err *e);

/*
 * Fills p from the unexpired session of the cookie value token.
 * ERR_UNAUTHORIZED when there is none (an expired one is deleted); p is
 * then zeroed.
 */
int service_identify_session(struct service_conn *c, const char *token,
			     struct auth_principal *p, struct err *e);

/*
 * Counts an attempt at what ("sign-up address") from who (an address or an
 * e-mail, compared without ASCII case): 0 while fewer than max were made in
 * window seconds (the attempt is recorded), else ERR_TOO_MANY naming field
 * (may be NULL) and the attempt forgotten.
 */
int service_throttle(struct service_conn *c, const char *what, const char *who,
		     int64_t window, int max, const char *field, struct err *e);

/* ---- sign-up, sign-in, sessions ----------------------------------------- */

/*
 * Signs up: body {"email", "password", "name", "invitation"? (the code),
 * "organisation_id"? | "organisation"? (a new one to represent)} with its
 * fields already checked for presence and type by the caller. Throttled
 * per client address; without an invitation only when open is 1
 * (ERR_FORBIDDEN naming "invitation"); the password rules (ERR_INVALID
 * naming "password"); then one transaction spends the invitation (its
 * e-mail must be the body's), creates the organisation when asked, the
 * person and the account, and the representative role. *account gets the
 * new account.
 */
int service_sign_up(struct service_conn *c, const json_t *body, const char *client, int open,
		    int64_t *account, struct err *e);

/*
 * Checks email and password (throttled per e-mail and per client address;
 * every attempt counts until one succeeds, which clears the e-mail's
 * count). A wrong pair is ERR_UNAUTHORIZED naming "password", as slow for
 * an unknown e-mail as for a wrong password. *account gets the account.
 */
int service_sign_in(struct service_conn *c, const char *email, const char *password,
		    const char *client, int64_t *account, struct err *e);

/*
 * Opens a session of seconds for account, in one transaction: the session
 * of the cookie old (may be NULL) ends first (no fixation), the new one is
 * stored by digest, the sign-in noted. token and csrf get the new session
 * token (for the cookie) and its CSRF token.
 */
int service_session_open(struct service_conn *c, const char *old, int64_t account,
			 int64_t seconds, char token[AUTH_TOKEN_SIZE], char csrf[AUTH_TOKEN_SIZE],
			 struct err *e);

/* Ends the session p came with (nothing for a token or no session). */
int service_sign_out(struct service_conn *c, const struct auth_principal *p, struct err *e);

/* ---- passwords ------------------------------------------------------------ */

/*
 * 0 when pw is the password of p's account; else ERR_FORBIDDEN naming
 * field ("is not your current password"). Throttled as sign-ins of p's
 * e-mail (ERR_TOO_MANY naming field).
 */
int service_password_verify(struct service_conn *c, const struct auth_principal *p,
			    const char *pw, const char *field, struct err *e);

/*
 * Changes p's password: the rules of new_pw (ERR_INVALID naming
 * "new_password"), then current checked as service_password_verify
 * ("current_password"), then the hash stored; every other session of the
 * account ends.
 */
int service_password_change(struct service_conn *c, const struct auth_principal *p,
			    const char *current, const char *new_pw, struct err *e);

/*
 * Asks for a reset code for email on behalf of p (who may be anonymous;
 * throttled per client address). When
 * an account has that e-mail, the code's digest and its message (which
 * names request_id) are stored in one transaction; when none has, nothing
 * happens and 0 is returned all the same.
 */
int service_reset_request(struct service_conn *c, const struct auth_principal *p,
			  const char *email, const char *client, const char *request_id,
			  struct err *e);

/*
 * Sets a new password with a reset code: the rules (ERR_INVALID naming
 * "new_password"), a throttle per client address, then in one transaction
 * the code is spent (ERR_INVALID naming "token" when unknown, used or
 * expired), the password set and every session and API token of the
 * account ended. A failure leaves the code usable.
 */
int service_reset_confirm(struct service_conn *c, const char *token, const char *new_pw,
			  const char *client, struct err *e);

/* ---- API tokens and invitations ------------------------------------------- */

/* p's API tokens: {"items": [{"id", "name", "created_at", "last_used_at"?}]}. */
int service_tokens_list(struct service_conn *c, const struct auth_principal *p, json_t **out,
			struct err *e);

/*
 * A new API token named name for p: *out = {"id", "name", "created_at",
 * "token"} (the token, shown this once).
 */
int service_token_create(struct service_conn *c, const struct auth_principal *p,
			 const char *name, json_t **out, struct err *e);

/* Revokes p's token id (ERR_NOT_FOUND naming "id" when not theirs). */
int service_token_delete(struct service_conn *c, const struct auth_principal *p, int64_t id,
			 struct err *e);

/*
 * Invites someone on behalf of p: body {"email", "organisation_id",
 * "name"?, "representative"?}; the invitation and its message (with the
 * code, naming request_id) are stored in one transaction. *out is the
 * invitation without its code.
 */
int service_invite(struct service_conn *c, const struct auth_principal *p, const json_t *body,
		   const char *request_id, json_t **out, struct err *e);

/* ---- accounts -------------------------------------------------------------- */

/* The account as the API shows it (store_account_get); ERR_NOT_FOUND naming "id". */
int service_account_get(struct service_conn *c, int64_t id, json_t **out, struct err *e);

/* The accounts for admins: params as the query string ("limit", "cursor", "q", "role"). */
int service_accounts_list(struct service_conn *c, const json_t *params, json_t **out,
			  struct err *e);

/* Replaces the roles of account id with roles (an array); *out = the account. */
int service_account_roles(struct service_conn *c, int64_t id, const json_t *roles,
			  json_t **out, struct err *e);

/* Every datum held about p's account (GDPR art. 15 and 20: store_account_export). */
int service_me_export(struct service_conn *c, const struct auth_principal *p, json_t **out,
		      struct err *e);

/*
 * Deletes p's account (GDPR art. 17) once pw is checked as
 * service_password_verify ("password"): store_account_delete's rules.
 */
int service_me_delete(struct service_conn *c, const struct auth_principal *p, const char *pw,
		      struct err *e);

/* ---- the outbox and the audit log ------------------------------------------ */

/* The outbox for admins: params "to", "kind", "by", "limit", "cursor". */
int service_outbox_list(struct service_conn *c, const json_t *params, json_t **out,
			struct err *e);

/* The audit log for admins: params "account", "since", "limit", "cursor". */
int service_audit_list(struct service_conn *c, const json_t *params, json_t **out,
		       struct err *e);

/* Appends an audit row for what p did (action, the answer's status, detail). */
int service_audit_add(struct service_conn *c, const struct auth_principal *p,
		      const char *action, int status, const char *detail, struct err *e);

#endif
