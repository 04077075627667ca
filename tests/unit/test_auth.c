/*
 * test_auth.c - unit tests of src/auth: password hashes and rules, tokens,
 * digests, constant-time comparisons.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "auth/auth.h"

#include <string.h>

static int setup(void **state)
{
	(void)state;
	return auth_init(NULL);
}

static void test_hash_round_trip(void **state)
{
	char hash[AUTH_HASH_SIZE];
	struct err e;

	(void)state;
	err_clear(&e);
	assert_int_equal(auth_password_hash("correct horse battery", "password", hash, &e), 0);
	assert_true(strncmp(hash, "$argon2id$", 10) == 0);
	assert_int_equal(auth_password_verify(hash, "correct horse battery"), 1);
	assert_int_equal(auth_password_verify(hash, "correct horse batterY"), 0);
	assert_int_equal(auth_password_verify(hash, ""), 0);
	assert_int_equal(auth_password_verify(NULL, "correct horse battery"), 0);
	assert_int_equal(auth_password_verify("not a hash", "correct horse battery"), 0);
	assert_int_equal(auth_password_verify("$argon2id$v=19$m=1,t=1,p=1$xx$yy",
					      "correct horse battery"),
			 0);
	assert_int_equal(auth_password_dummy_verify("whatever it is"), 0);
	assert_int_equal(auth_password_dummy_verify(NULL), 0);
}

static void test_hash_differs_per_call(void **state)
{
	char a[AUTH_HASH_SIZE], b[AUTH_HASH_SIZE];

	(void)state;
	assert_int_equal(auth_password_hash("same password", NULL, a, NULL), 0);
	assert_int_equal(auth_password_hash("same password", NULL, b, NULL), 0);
	assert_string_not_equal(a, b); /* salted */
	assert_int_equal(auth_password_verify(b, "same password"), 1);
}

static void expect_refused(const char *pw, const char *field, const char *words)
{
	char hash[AUTH_HASH_SIZE];
	struct err e;

	err_clear(&e);
	assert_int_equal(auth_password_check(pw, field, &e), ERR_INVALID);
	assert_string_equal(e.field, field);
	if (!strstr(e.msg, words))
		fail_msg("message '%s' lacks '%s'", e.msg, words);
	if (pw && *pw && strstr(e.msg, pw))
		fail_msg("message '%s' quotes the password", e.msg);
	err_clear(&e);
	assert_int_equal(auth_password_hash(pw, field, hash, &e), ERR_INVALID);
	assert_string_equal(e.field, field);
}

static void test_password_rules(void **state)
{
	char long_pw[AUTH_PASSWORD_MAX + 2];
	struct err e;

	(void)state;
	expect_refused("short1234", "password", "at least 10");
	expect_refused("", "new_password", "at least 10");
	expect_refused(NULL, "password", "required");
	memset(long_pw, 'x', sizeof(long_pw) - 1);
	long_pw[sizeof(long_pw) - 1] = '\0';
	expect_refused(long_pw, "password", "at most 1024");
	expect_refused("abcdefghij\xff", "new_password", "UTF-8");
	expect_refused("abcdefgh\xc3(", "password", "UTF-8");
	expect_refused("          ", "password", "white space");
	expect_refused(" \t \n \r    ", "password", "white space");
	err_clear(&e);
	long_pw[AUTH_PASSWORD_MAX] = '\0';
	assert_int_equal(auth_password_check(long_pw, "password", &e), 0);
	assert_int_equal(auth_password_check("exactly10!", "password", &e), 0);
	assert_int_equal(auth_password_check("密码密码密码x", "password", &e), 0); /* 19 bytes */
	assert_int_equal(auth_password_check("  spaced  out  ", "password", &e), 0);
}

static void test_error_never_quotes_password(void **state)
{
	static const char *const bad[] = {"secretpw", "secret\xffpassword", "topsecret"};
	struct err e;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err_clear(&e);
		assert_int_equal(auth_password_check(bad[i], "password", &e), ERR_INVALID);
		assert_null(strstr(e.msg, "secret"));
		assert_null(strstr(e.msg, bad[i]));
	}
}

static void test_tokens(void **state)
{
	static const char alphabet[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	char a[AUTH_TOKEN_SIZE], b[AUTH_TOKEN_SIZE];

	(void)state;
	auth_token_new(a);
	auth_token_new(b);
	assert_int_equal(strlen(a), 43);
	assert_int_equal(strlen(b), 43);
	assert_int_equal(strspn(a, alphabet), 43);
	assert_int_equal(strspn(b, alphabet), 43);
	assert_string_not_equal(a, b);
}

static void test_digest(void **state)
{
	char d1[AUTH_DIGEST_SIZE], d2[AUTH_DIGEST_SIZE], d3[AUTH_DIGEST_SIZE];

	(void)state;
	auth_token_digest("some-token", d1);
	auth_token_digest("some-token", d2);
	auth_token_digest("some-tokeN", d3);
	assert_int_equal(strlen(d1), 64);
	assert_int_equal(strspn(d1, "0123456789abcdef"), 64);
	assert_string_equal(d1, d2);
	assert_string_not_equal(d1, d3);
	/* BLAKE2b-256 of "abc" (RFC 7693 family, 32-byte output) */
	auth_token_digest("abc", d1);
	assert_string_equal(d1, "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
}

static void test_equal(void **state)
{
	(void)state;
	assert_int_equal(auth_equal("abcd", "abcd", 4), 1);
	assert_int_equal(auth_equal("abcd", "abce", 4), 0);
	assert_int_equal(auth_equal("abcd", "abce", 3), 1);
	assert_int_equal(auth_str_equal("token", "token"), 1);
	assert_int_equal(auth_str_equal("", ""), 1);
	assert_int_equal(auth_str_equal("token", "tokeN"), 0);
	assert_int_equal(auth_str_equal("token", "token2"), 0);
	assert_int_equal(auth_str_equal("token2", "token"), 0);
	assert_int_equal(auth_str_equal("", "x"), 0);
	assert_int_equal(auth_str_equal(NULL, "x"), 0);
	assert_int_equal(auth_str_equal("x", NULL), 0);
	assert_int_equal(auth_str_equal(NULL, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_round_trip),
		cmocka_unit_test(test_hash_differs_per_call),
		cmocka_unit_test(test_password_rules),
		cmocka_unit_test(test_error_never_quotes_password),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_digest),
		cmocka_unit_test(test_equal),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
