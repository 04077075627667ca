/*
 * auth.c - password hashes, tokens, digests and constant-time comparisons
 * on libsodium (auth.h). No state but libsodium's own and the lazily made
 * dummy hash of auth_password_dummy_verify.
 */
#include "auth/auth.h"

#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <string.h>
#include <unicode/utf8.h>

#define TOKEN_BYTES 32
#define DIGEST_BYTES 32

_Static_assert(AUTH_HASH_SIZE == crypto_pwhash_STRBYTES, "AUTH_HASH_SIZE");
_Static_assert(AUTH_DIGEST_SIZE == DIGEST_BYTES * 2 + 1, "AUTH_DIGEST_SIZE");

int auth_init(struct err *e)
{
	if (sodium_init() < 0)
		return err_set(e, ERR_INTERNAL, NULL, "libsodium could not be initialised");
	return 0;
}

/* 1 when the n bytes at s are valid UTF-8 with no NUL. */
static int utf8_valid(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0;

	while (i < n) {
		UChar32 c;

		U8_NEXT(p, i, n, c);
		if (c <= 0)
			return 0;
	}
	return 1;
}

static int only_space(const char *s)
{
	for (; *s; s++)
		if (!strchr(" \t\r\n\v\f", *s))
			return 0;
	return 1;
}

int auth_password_check(const char *pw, const char *field, struct err *e)
{
	size_t n;

	if (!field)
		field = "password";
	if (!pw)
		return err_set(e, ERR_INVALID, field, "is required");
	n = strlen(pw);
	if (n < AUTH_PASSWORD_MIN)
		return err_set(e, ERR_INVALID, field, "must be at least %d bytes long",
			       AUTH_PASSWORD_MIN);
	if (n > AUTH_PASSWORD_MAX)
		return err_set(e, ERR_INVALID, field, "must be at most %d bytes long",
			       AUTH_PASSWORD_MAX);
	if (!utf8_valid(pw, n))
		return err_set(e, ERR_INVALID, field, "must be valid UTF-8");
	if (only_space(pw))
		return err_set(e, ERR_INVALID, field, "must not be only white space");
	return 0;
}

int auth_password_hash(const char *pw, const char *field, char out[AUTH_HASH_SIZE],
		       struct err *e)
{
	int rc = auth_password_check(pw, field, e);

	if (rc)
		return rc;
	if (crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory hashing a password");
	return 0;
}

int auth_password_verify(const char *hash, const char *pw)
{
	if (!hash || !pw || strnlen(hash, AUTH_HASH_SIZE) == AUTH_HASH_SIZE)
		return 0;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy_hash[AUTH_HASH_SIZE];

static void dummy_make(void)
{
	static const char fixed[] = "liaison dummy password";

	if (crypto_pwhash_str(dummy_hash, fixed, sizeof(fixed) - 1,
			      crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		dummy_hash[0] = '\0';
}

int auth_password_dummy_verify(const char *pw)
{
	(void)pthread_once(&dummy_once, dummy_make);
	(void)auth_password_verify(dummy_hash, pw ? pw : "");
	return 0;
}

void auth_token_new(char out[AUTH_TOKEN_SIZE])
{
	unsigned char raw[TOKEN_BYTES];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, AUTH_TOKEN_SIZE, raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

void auth_token_digest(const char *token, char out[AUTH_DIGEST_SIZE])
{
	unsigned char d[DIGEST_BYTES];

	crypto_generichash(d, sizeof(d), (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, AUTH_DIGEST_SIZE, d, sizeof(d));
}

int auth_equal(const void *a, const void *b, size_t n)
{
	return sodium_memcmp(a, b, n) == 0;
}

int auth_str_equal(const char *a, const char *b)
{
	size_t na, nb, n;
	volatile unsigned char diff;

	if (!a || !b)
		return 0;
	na = strlen(a);
	nb = strlen(b);
	diff = na != nb;
	n = na < nb ? na : nb;
	/* every byte of the shorter one is compared: no exit where they differ */
	for (size_t i = 0; i < n; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}
