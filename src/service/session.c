/*
 * session.c - who calls and how they sign in: API tokens and session
 * cookies resolved to a principal, abuse limits (throttles), sign-in and
 * sign-out, sessions, and the checks of a current password.
 *
 * Throttles: an attempt is counted and recorded in one write transaction
 * (store_throttle_take), so parallel attempts each see the others; a
 * refused attempt is forgotten again, so that hammering does not prolong
 * the wait. Sign-in attempts count until one succeeds: they are taken
 * before the slow password check.
 */
#include "service/account.h"
#include "service/service_int.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define SIGN_IN_PER_ADDRESS 30

static int64_t now_s(void)
{
	return (int64_t)time(NULL);
}

int service_identify_token(struct service_conn *c, const char *token,
			   struct auth_principal *p, struct err *e)
{
	char digest[AUTH_DIGEST_SIZE];
	int rc;

	auth_token_digest(token, digest);
	rc = store_token_principal(c->store, digest, p, e);
	if (rc)
		memset(p, 0, sizeof(*p));
	return rc;
}

int service_identify_session(struct service_conn *c, const char *token,
			     struct auth_principal *p, struct err *e)
{
	char digest[AUTH_DIGEST_SIZE];
	int rc;

	auth_token_digest(token, digest);
	rc = store_session_principal(c->store, digest, now_s(), p, e);
	if (rc)
		memset(p, 0, sizeof(*p));
	return rc;
}

/* A throttle key: "what who", who lower-cased (ASCII). */
static void throttle_key(char *out, size_t len, const char *what, const char *who)
{
	size_t n = (size_t)snprintf(out, len, "%s ", what);

	for (; who && *who && n + 1 < len; who++)
		out[n++] = (char)tolower((unsigned char)*who);
	out[n < len ? n : len - 1] = '\0';
}

/* service_throttle on a ready key; *ticket gets the recorded attempt. */
static int take(struct store *s, const char *key, int64_t window, int max, const char *field,
		int64_t *ticket, struct err *e)
{
	int n = 0;
	int rc = store_throttle_take(s, key, now_s(), window, &n, ticket, e);

	if (rc)
		return rc;
	if (n < max)
		return 0;
	rc = store_throttle_forget(s, *ticket, e);
	*ticket = 0;
	if (rc)
		return rc;
	return err_set(e, ERR_TOO_MANY, field, "too many attempts: try again later");
}

int service_throttle(struct service_conn *c, const char *what, const char *who,
		     int64_t window, int max, const char *field, struct err *e)
{
	char key[300];
	int64_t ticket = 0;

	throttle_key(key, sizeof(key), what, who);
	return take(c->store, key, window, max, field, &ticket, e);
}

/* The slow check: ERR_UNAUTHORIZED when email and password do not match. */
static int sign_in_check(struct store *s, const char *email, const char *password,
			 int64_t *account, struct err *e)
{
	char hash[AUTH_HASH_SIZE];
	int rc = store_account_find(s, email, account, hash, sizeof(hash), e);
	int ok;

	if (rc == 0)
		ok = auth_password_verify(hash, password);
	else if (rc == ERR_NOT_FOUND)
		ok = auth_password_dummy_verify(password); /* as slow as a wrong password */
	else
		return rc;
	if (!ok)
		return err_set(e, ERR_UNAUTHORIZED, "password",
			       "the e-mail and password do not match an account");
	return 0;
}

int service_sign_in(struct service_conn *c, const char *email, const char *password,
		    const char *client, int64_t *account, struct err *e)
{
	char key_email[300], key_addr[100];
	int64_t t_email = 0, t_addr = 0;
	struct err tmp;
	int rc;

	*account = 0;
	throttle_key(key_email, sizeof(key_email), "sign-in email", email);
	throttle_key(key_addr, sizeof(key_addr), "sign-in address", client);
	rc = take(c->store, key_email, SERVICE_SIGN_IN_WINDOW, SERVICE_SIGN_IN_PER_EMAIL, "email",
		  &t_email, e);
	if (rc)
		return rc;
	rc = take(c->store, key_addr, SERVICE_SIGN_IN_WINDOW, SIGN_IN_PER_ADDRESS, NULL, &t_addr,
		  e);
	if (rc) {
		err_clear(&tmp);
		if (store_throttle_forget(c->store, t_email, &tmp) == 0)
			return rc; /* the address's limit */
		if (e)
			*e = tmp;
		return tmp.code;
	}
	rc = sign_in_check(c->store, email, password, account, e);
	if (!rc)
		rc = store_throttle_clear(c->store, key_email, e);
	if (!rc)
		rc = store_throttle_forget(c->store, t_addr, e);
	return rc;
}

struct session_new {
	const char *old_digest; /* NULL: none */
	const char *digest;
	const char *csrf;
	int64_t account;
	int64_t expires;
};

static int session_open_tx(struct store *s, void *ctx, struct err *e)
{
	const struct session_new *n = ctx;
	int rc = 0;

	if (n->old_digest)
		rc = store_session_delete(s, n->old_digest, e);
	if (!rc)
		rc = store_session_create(s, n->digest, n->csrf, n->account, n->expires, e);
	if (!rc)
		rc = store_account_signed_in(s, n->account, e);
	return rc;
}

int service_session_open(struct service_conn *c, const char *old, int64_t account,
			 int64_t seconds, char token[AUTH_TOKEN_SIZE], char csrf[AUTH_TOKEN_SIZE],
			 struct err *e)
{
	char old_digest[AUTH_DIGEST_SIZE], digest[AUTH_DIGEST_SIZE];
	struct session_new n = {NULL, digest, csrf, account, now_s() + seconds};

	if (old) {
		auth_token_digest(old, old_digest);
		n.old_digest = old_digest;
	}
	auth_token_new(token);
	auth_token_new(csrf);
	auth_token_digest(token, digest);
	return store_atomic(c->store, session_open_tx, &n, e);
}

int service_sign_out(struct service_conn *c, const struct auth_principal *p, struct err *e)
{
	if (p->via != AUTH_VIA_SESSION)
		return 0;
	return store_session_delete(c->store, p->session, e);
}

int service_password_verify(struct service_conn *c, const struct auth_principal *p,
			    const char *pw, const char *field, struct err *e)
{
	char hash[AUTH_HASH_SIZE], key[300];
	int64_t id = 0, ticket = 0;
	int rc;

	throttle_key(key, sizeof(key), "sign-in email", p->email);
	rc = take(c->store, key, SERVICE_SIGN_IN_WINDOW, SERVICE_SIGN_IN_PER_EMAIL, field, &ticket,
		  e);
	if (!rc)
		rc = store_account_find(c->store, p->email, &id, hash, sizeof(hash), e);
	if (rc)
		return rc;
	if (id == p->account && auth_password_verify(hash, pw))
		return store_throttle_forget(c->store, ticket, e);
	return err_set(e, ERR_FORBIDDEN, field, "is not your current password");
}

int service_password_change(struct service_conn *c, const struct auth_principal *p,
			    const char *current, const char *new_pw, struct err *e)
{
	char hash[AUTH_HASH_SIZE];
	int rc;

	/* the rules first, then the (throttled) current password, then the slow hash */
	rc = auth_password_check(new_pw, "new_password", e);
	if (!rc)
		rc = service_password_verify(c, p, current, "current_password", e);
	if (!rc)
		rc = auth_password_hash(new_pw, "new_password", hash, e);
	if (rc)
		return rc;
	/* every other session ends: whoever knew the old password is signed out */
	return store_account_set_password(c->store, p->account, hash,
					  p->via == AUTH_VIA_SESSION ? p->session : NULL, e);
}
