/*
 * account.c - the account workflows that write: sign-up (a person and an
 * account in one transaction; by invitation the organisation comes from
 * the invitation, with open registration the body names an existing one
 * or describes a new one its author will represent), password resets,
 * API tokens, invitations, a person's own data, and the admins' views.
 *
 * A message carrying a code (reset, invitation) is queued in the outbox in
 * the transaction that stores the code's digest: no code without its
 * message, no message with a code that was never stored.
 */
#include "service/account.h"
#include "service/service_int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define SIGN_UP_PER_ADDRESS 20
#define RESET_PER_ADDRESS 5
#define RESET_CONFIRM_PER_ADDRESS 20
#define RESET_SECONDS 3600
#define INVITATION_SECONDS (14 * 86400)

static int64_t now_s(void)
{
	return (int64_t)time(NULL);
}

/* ---- sign-up ---------------------------------------------------------------- */

struct sign_up {
	const json_t *body;
	const char *email;
	const char *hash;
	const char *invitation; /* digest, or NULL */
	int64_t account;        /* out */
};

/* The organisation an invitation names: its e-mail must be the sign-up's. */
static int sign_up_invited(struct store *s, struct sign_up *su, int64_t *org, int *rep,
			   struct err *e)
{
	json_t *inv = NULL;
	int rc = store_invitation_consume(s, su->invitation, now_s(), &inv, e);

	if (rc)
		return rc;
	if (strcasecmp(json_string_value(json_object_get(inv, "email")), su->email) != 0)
		rc = err_set(e, ERR_INVALID, "email", "is not the invited e-mail address");
	*org = json_integer_value(json_object_get(inv, "organisation_id"));
	*rep = json_is_true(json_object_get(inv, "representative"));
	json_decref(inv);
	return rc;
}

/* The organisation of a sign-up: *rep = 1 when the person will represent it. */
static int sign_up_org(struct store *s, struct sign_up *su, int64_t *org, int *rep,
		       struct err *e)
{
	const json_t *o = json_object_get(su->body, "organisation");
	const json_t *id = json_object_get(su->body, "organisation_id");
	json_t *made = NULL;
	int rc;

	*rep = 0;
	if (su->invitation)
		return sign_up_invited(s, su, org, rep, e);
	if (o && id)
		return err_set(e, ERR_INVALID, "organisation",
			       "give either organisation_id or organisation, not both");
	if (json_is_integer(id) && json_integer_value(id) > 0) {
		*org = json_integer_value(id);
		return 0;
	}
	if (!o)
		return err_set(e, ERR_INVALID, "organisation_id",
			       "is required (or an \"organisation\" to create)");
	if (!json_is_object(o))
		return err_set(e, ERR_INVALID, "organisation", "must be an object");
	rc = store_create(s, STORE_ORGANISATION, o, &made, e);
	if (rc) {
		err_prefix_field(e, "organisation");
		return rc;
	}
	*org = json_integer_value(json_object_get(made, "id"));
	*rep = 1;
	json_decref(made);
	return 0;
}

static int sign_up_tx(struct store *s, void *ctx, struct err *e)
{
	struct sign_up *su = ctx;
	json_t *person = NULL, *made = NULL;
	int64_t org = 0;
	int rep = 0, rc;

	rc = sign_up_org(s, su, &org, &rep, e);
	if (rc)
		return rc;
	person = json_pack("{s:I, s:O, s:s}", "organisation_id", (json_int_t)org, "name",
			   json_object_get(su->body, "name"), "email", su->email);
	rc = store_create(s, STORE_PERSON, person, &made, e);
	if (!rc)
		rc = store_account_create(s, su->email, su->hash,
					  json_integer_value(json_object_get(made, "id")),
					  &su->account, e);
	if (!rc && rep)
		rc = store_account_role(s, su->account, STORE_ROLE_REPRESENTATIVE, org, 0, 1, e);
	json_decref(person);
	json_decref(made);
	return rc;
}

int service_sign_up(struct service_conn *c, const json_t *body, const char *client, int open,
		    int64_t *account, struct err *e)
{
	const char *code = json_string_value(json_object_get(body, "invitation"));
	char hash[AUTH_HASH_SIZE], digest[AUTH_DIGEST_SIZE];
	struct sign_up su;
	int rc;

	*account = 0;
	memset(&su, 0, sizeof(su));
	rc = service_throttle(c, "sign-up address", client, SERVICE_HOUR, SIGN_UP_PER_ADDRESS,
			      NULL, e);
	if (rc)
		return rc;
	if (!code && !open)
		return err_set(e, ERR_FORBIDDEN, "invitation",
			       "this platform signs up by invitation only: give the invitation "
			       "code");
	rc = auth_password_hash(json_string_value(json_object_get(body, "password")), "password",
				hash, e);
	if (rc)
		return rc;
	if (code) {
		auth_token_digest(code, digest);
		su.invitation = digest;
	}
	su.body = body;
	su.email = json_string_value(json_object_get(body, "email"));
	su.hash = hash;
	rc = store_atomic(c->store, sign_up_tx, &su, e);
	if (!rc)
		*account = su.account;
	return rc;
}

/* ---- messages with a code ---------------------------------------------------- */

/* Queues a message with a code for to, inside the caller's transaction. */
static int send_code(struct store *s, const char *to, const char *kind, const char *subject,
		     const char *what, const char *code, const char *request_id, int64_t by,
		     struct err *e)
{
	char text[1024];

	snprintf(text, sizeof(text),
		 "%s\n\nYour code: %s\n\n(liaison, request %s. If you did not ask for this, "
		 "ignore this message.)",
		 what, code, request_id ? request_id : "-");
	return store_outbox_add(s, to, kind, subject, text, by, e);
}

/* ---- password reset ------------------------------------------------------------ */

struct reset_new {
	const char *email;
	const char *request_id;
	int64_t by;
	int64_t account;
};

static int reset_request_tx(struct store *s, void *ctx, struct err *e)
{
	const struct reset_new *r = ctx;
	char code[AUTH_TOKEN_SIZE], digest[AUTH_DIGEST_SIZE];
	int rc;

	auth_token_new(code);
	auth_token_digest(code, digest);
	rc = store_reset_create(s, r->account, digest, now_s() + RESET_SECONDS, e);
	if (!rc)
		rc = send_code(s, r->email, "password_reset", "Reset your liaison password",
			       "Someone asked to reset the password of this account. Send this "
			       "code with a new password to POST /api/v1/auth/password-reset/"
			       "confirm within one hour; it works once.",
			       code, r->request_id, r->by, e);
	return rc;
}

int service_reset_request(struct service_conn *c, const struct auth_principal *p,
			  const char *email, const char *client, const char *request_id,
			  struct err *e)
{
	struct reset_new r = {email, request_id, p->account, 0};
	int rc = service_throttle(c, "reset address", client, SERVICE_HOUR, RESET_PER_ADDRESS,
				  NULL, e);

	if (rc)
		return rc;
	rc = store_account_find(c->store, email, &r.account, NULL, 0, e);
	if (rc == ERR_NOT_FOUND) {
		err_clear(e);
		return 0; /* the same answer whether or not the account exists */
	}
	if (rc)
		return rc;
	return store_atomic(c->store, reset_request_tx, &r, e);
}

struct reset {
	const char *digest;
	const char *hash;
};

/*
 * Spends the code and sets the password in one transaction: a failure
 * leaves the code usable. The account's sessions and API tokens end too:
 * a reset is what someone does who fears their password is known.
 */
static int reset_tx(struct store *s, void *ctx, struct err *e)
{
	struct reset *r = ctx;
	int64_t account = 0;
	int rc = store_reset_consume(s, r->digest, now_s(), &account, e);

	if (!rc)
		rc = store_account_set_password(s, account, r->hash, NULL, e);
	if (!rc)
		rc = store_token_revoke_all(s, account, e);
	return rc;
}

int service_reset_confirm(struct service_conn *c, const char *token, const char *new_pw,
			  const char *client, struct err *e)
{
	char digest[AUTH_DIGEST_SIZE], hash[AUTH_HASH_SIZE];
	struct reset r = {digest, hash};
	int rc;

	/* throttled before the slow hash: each guess costs an Argon2 run */
	rc = auth_password_check(new_pw, "new_password", e);
	if (!rc)
		rc = service_throttle(c, "reset-confirm address", client, SERVICE_HOUR,
				      RESET_CONFIRM_PER_ADDRESS, NULL, e);
	if (!rc)
		rc = auth_password_hash(new_pw, "new_password", hash, e);
	if (rc)
		return rc;
	auth_token_digest(token, digest);
	return store_atomic(c->store, reset_tx, &r, e);
}

/* ---- API tokens ---------------------------------------------------------------- */

int service_tokens_list(struct service_conn *c, const struct auth_principal *p, json_t **out,
			struct err *e)
{
	return store_token_list(c->store, p->account, out, e);
}

int service_token_create(struct service_conn *c, const struct auth_principal *p,
			 const char *name, json_t **out, struct err *e)
{
	char token[AUTH_TOKEN_SIZE], digest[AUTH_DIGEST_SIZE];
	int rc;

	auth_token_new(token);
	auth_token_digest(token, digest);
	rc = store_token_create(c->store, p->account, name, digest, out, e);
	if (!rc)
		json_object_set_new(*out, "token", json_string(token)); /* shown this once */
	return rc;
}

int service_token_delete(struct service_conn *c, const struct auth_principal *p, int64_t id,
			 struct err *e)
{
	return store_token_delete(c->store, p->account, id, e);
}

/* ---- invitations ------------------------------------------------------------------ */

struct invite {
	const struct auth_principal *p;
	const json_t *body;
	const char *request_id;
	json_t *out;
};

static int invite_tx(struct store *s, void *ctx, struct err *e)
{
	struct invite *iv = ctx;
	char code[AUTH_TOKEN_SIZE], digest[AUTH_DIGEST_SIZE];
	int rc;

	auth_token_new(code);
	auth_token_digest(code, digest);
	rc = store_invitation_create(s, iv->body, digest, iv->p->account,
				     now_s() + INVITATION_SECONDS, &iv->out, e);
	if (!rc)
		rc = send_code(s, json_string_value(json_object_get(iv->out, "email")),
			       "invitation", "You are invited to liaison",
			       "You are invited to join liaison, the China-Europe cooperation "
			       "platform. Sign up with this invitation code (POST /api/v1/auth/"
			       "register, field \"invitation\") within 14 days.",
			       code, iv->request_id, iv->p->account, e);
	return rc;
}

int service_invite(struct service_conn *c, const struct auth_principal *p, const json_t *body,
		   const char *request_id, json_t **out, struct err *e)
{
	struct invite iv = {p, body, request_id, NULL};
	int rc = store_atomic(c->store, invite_tx, &iv, e);

	if (rc) {
		json_decref(iv.out);
		iv.out = NULL;
	}
	*out = iv.out;
	return rc;
}

/* ---- accounts ---------------------------------------------------------------------- */

int service_account_get(struct service_conn *c, int64_t id, json_t **out, struct err *e)
{
	return store_account_get(c->store, id, out, e);
}

int service_accounts_list(struct service_conn *c, const json_t *params, json_t **out,
			  struct err *e)
{
	return store_account_list(c->store, params, out, e);
}

int service_account_roles(struct service_conn *c, int64_t id, const json_t *roles,
			  json_t **out, struct err *e)
{
	int rc = store_account_roles_set(c->store, id, roles, e);

	*out = NULL;
	return rc ? rc : store_account_get(c->store, id, out, e);
}

int service_me_export(struct service_conn *c, const struct auth_principal *p, json_t **out,
		      struct err *e)
{
	return store_account_export(c->store, p->account, out, e);
}

int service_me_delete(struct service_conn *c, const struct auth_principal *p, const char *pw,
		      struct err *e)
{
	int rc = service_password_verify(c, p, pw, "password", e);

	return rc ? rc : store_account_delete(c->store, p->account, e);
}

/* ---- outbox and audit log ------------------------------------------------------------ */

int service_outbox_list(struct service_conn *c, const json_t *params, json_t **out,
			struct err *e)
{
	return store_outbox_list(c->store, params, out, e);
}

int service_audit_list(struct service_conn *c, const json_t *params, json_t **out,
		       struct err *e)
{
	return store_audit_list(c->store, params, out, e);
}

int service_audit_add(struct service_conn *c, const struct auth_principal *p,
		      const char *action, int status, const char *detail, struct err *e)
{
	return store_audit_add(c->store, p->account, p->email, action, status, detail, e);
}
