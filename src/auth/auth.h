/*
 * auth.h - the secrets of accounts, on libsodium: Argon2id password
 * hashes, random tokens (sessions, CSRF, API tokens, reset and invitation
 * links), their digests for storage, and comparisons in constant time.
 *
 * Nothing here touches the database or HTTP. A token is shown to its owner
 * once and only its digest (BLAKE2b-256, hex) is stored, so a copy of the
 * database opens no session. Passwords are never kept, logged or returned:
 * only auth_password_hash's output is.
 */
#ifndef LIAISON_AUTH_AUTH_H
#define LIAISON_AUTH_AUTH_H

#include "core/err.h"

#include <stddef.h>
#include <stdint.h>

/* Who makes a request, as the server resolved it from a cookie or a token. */
struct auth_principal {
	int64_t account;      /* 0 = anonymous */
	int64_t person;       /* the account's person, 0 = none */
	int64_t organisation; /* that person's organisation, 0 = none */
	int admin;            /* holds the admin role */
	int via;              /* AUTH_VIA_* */
	int64_t token;        /* the API token's id when via == AUTH_VIA_TOKEN */
	char session[65];     /* the session's digest when via == AUTH_VIA_SESSION */
	char csrf[48];        /* that session's CSRF token, "" otherwise */
	char email[256];
};

#define AUTH_VIA_NONE 0
#define AUTH_VIA_SESSION 1
#define AUTH_VIA_TOKEN 2

/* Argon2id hash string, NUL included (crypto_pwhash_STRBYTES). */
#define AUTH_HASH_SIZE 128
/* A token: 32 random bytes in unpadded base64url (43 chars) and a NUL. */
#define AUTH_TOKEN_SIZE 44
/* A token's digest: 64 hex digits and a NUL. */
#define AUTH_DIGEST_SIZE 65

/* Password rules: 10 to 1024 bytes of valid UTF-8, not only white space. */
#define AUTH_PASSWORD_MIN 10
#define AUTH_PASSWORD_MAX 1024

/* Initialises libsodium; call once before the other functions (idempotent). */
int auth_init(struct err *e);

/*
 * Checks pw against the password rules: ERR_INVALID naming field ("password",
 * "new_password") and saying what is wrong, without quoting the password.
 */
int auth_password_check(const char *pw, const char *field, struct err *e);

/*
 * Hashes pw with Argon2id (libsodium's interactive limits) into out.
 * Checks the rules first (auth_password_check with field).
 * ERR_INTERNAL when libsodium runs out of memory.
 */
int auth_password_hash(const char *pw, const char *field, char out[AUTH_HASH_SIZE],
		       struct err *e);

/* 1 when pw matches hash, else 0 (also for a malformed hash). Slow on purpose. */
int auth_password_verify(const char *hash, const char *pw);

/*
 * Verifies against a fixed dummy hash and returns 0: for a sign-in with an
 * unknown e-mail, so that it takes as long as one with a wrong password.
 */
int auth_password_dummy_verify(const char *pw);

/* A new random token (unpadded base64url of 32 random bytes). */
void auth_token_new(char out[AUTH_TOKEN_SIZE]);

/* The digest stored for token: hex of BLAKE2b-256 of its bytes. */
void auth_token_digest(const char *token, char out[AUTH_DIGEST_SIZE]);

/* 1 when the n bytes at a and b are equal, in time independent of their contents. */
int auth_equal(const void *a, const void *b, size_t n);

/*
 * 1 when the strings a and b are equal (either may be NULL: then 0); the
 * time depends only on their lengths, not on where they differ.
 */
int auth_str_equal(const char *a, const char *b);

#endif
