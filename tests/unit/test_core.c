/*
 * test_core.c - unit tests of src/core: errors, buffers, JSON helpers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/jsonx.h"

#include "core/log.h"
#include "core/time.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* 1 when s is valid UTF-8 as far as jansson is concerned. */
static int text_ok(const char *s)
{
	json_t *v = json_string(s);
	int ok = v != NULL;

	json_decref(v);
	return ok;
}

static void test_buf_cap(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 8);
	assert_int_equal(buf_puts(&b, "1234"), 0);
	assert_int_equal(buf_puts(&b, "5678"), 0);
	assert_int_equal(buf_puts(&b, "9"), ERR_TOO_LARGE);
	assert_int_equal(b.len, 8);
	assert_string_equal(b.data, "12345678");
	buf_reset(&b);
	assert_int_equal(buf_printf(&b, "%d-%s", 42, "x"), 0);
	assert_string_equal(b.data, "42-x");
	buf_release(&b);
}

static void test_err_prefix(void **state)
{
	struct err e;

	(void)state;
	err_clear(&e);
	assert_int_equal(err_set(&e, ERR_INVALID, "country", "bad %s", "code"), ERR_INVALID);
	err_prefix_field(&e, "organisations[3]");
	assert_string_equal(e.field, "organisations[3].country");
	assert_string_equal(e.msg, "bad code");
	assert_int_equal(err_http_status(ERR_INVALID), 422);
	assert_int_equal(err_http_status(ERR_NOT_FOUND), 404);
	assert_int_equal(err_http_status(12345), 500);
}

static void test_json_parse(void **state)
{
	struct err e;
	json_t *v;
	const char bad_utf8[] = "{\"a\": \"\xff\"}";

	(void)state;
	assert_int_equal(jsonx_parse("{\"名\": \"交通\"}", strlen("{\"名\": \"交通\"}"), &v, &e), 0);
	assert_string_equal(jsonx_str(v, "名"), "交通");
	assert_int_equal(jsonx_utf8_chars(jsonx_str(v, "名")), 2);
	json_decref(v);
	assert_int_equal(jsonx_parse(bad_utf8, sizeof(bad_utf8) - 1, &v, &e), ERR_BAD_REQUEST);
	assert_non_null(strstr(e.msg, "UTF-8"));
	assert_int_equal(jsonx_parse("{\"a\": 1, \"a\": 2}", 16, &v, &e), ERR_BAD_REQUEST);
	assert_int_equal(jsonx_parse("{", 1, &v, &e), ERR_BAD_REQUEST);
	assert_null(v);
}

static void test_err_cut_utf8(void **state)
{
	struct err e;
	char long_cjk[600] = "";

	(void)state;
	for (int i = 0; i < 150; i++)
		snprintf(long_cjk + strlen(long_cjk), sizeof(long_cjk) - strlen(long_cjk), "交");
	err_set(&e, ERR_INVALID, long_cjk, "%s", long_cjk);
	/* cut at a character boundary: 127 bytes hold 42 three-byte characters */
	assert_int_equal(strlen(e.field), 126);
	assert_int_equal(strlen(e.msg) % 3, 0);
	assert_true(text_ok(e.msg));
	/* half a character inside the message (a quoted token cut by bytes) */
	err_set(&e, ERR_BAD_REQUEST, "x\xC3y", "invalid escape near '\"\\\xC3' (%s)", "\xB8ok");
	assert_string_equal(e.msg, "invalid escape near '\"\\?' (?ok)");
	assert_string_equal(e.field, "x?y");
	/* a JSON body with such an escape gets a valid message */
	{
		const char body[] = "{\"name\":\"\\\xC3\xB8\"}";
		json_t *v = NULL;

		assert_int_equal(jsonx_parse(body, sizeof(body) - 1, &v, &e), ERR_BAD_REQUEST);
		assert_true(text_ok(e.msg));
	}
}

static void *log_some(void *arg)
{
	long t = (long)arg;

	for (int i = 0; i < 3000; i++)
		log_info("thread %ld line %d end", t, i);
	return NULL;
}

/* Buffered lines from several threads come out whole, all of them, in order. */
static void test_log_buffered(void **state)
{
	FILE *tmp = tmpfile();
	int saved = dup(STDERR_FILENO);
	pthread_t th[4];
	int next[4] = {0, 0, 0, 0};
	char line[256];
	int lines = 0;
	int warns = 0;

	(void)state;
	assert_non_null(tmp);
	assert_true(saved >= 0);
	assert_int_equal(dup2(fileno(tmp), STDERR_FILENO), STDERR_FILENO);
	assert_int_equal(log_buffer_start(), 0);
	for (long t = 0; t < 4; t++)
		assert_int_equal(pthread_create(&th[t], NULL, log_some, (void *)t), 0);
	for (int t = 0; t < 4; t++)
		pthread_join(th[t], NULL);
	log_warn("a warning end");
	log_buffer_stop();
	assert_int_equal(dup2(saved, STDERR_FILENO), STDERR_FILENO);
	close(saved);
	rewind(tmp);
	while (fgets(line, sizeof(line), tmp)) {
		long t;
		int i;
		const char *p = strstr(line, " info thread ");

		assert_non_null(strstr(line, " end\n"));
		lines++;
		if (!p) {
			assert_non_null(strstr(line, " warn a warning end"));
			warns++;
			continue;
		}
		assert_int_equal(sscanf(p, " info thread %ld line %d", &t, &i), 2);
		assert_int_equal(i, next[t]); /* each thread's lines in order */
		next[t]++;
	}
	fclose(tmp);
	assert_int_equal(lines, 4 * 3000 + 1);
	assert_int_equal(warns, 1);
}

/* RFC 3339 parsing, dates, zones and wall times (core/time.h). */
static void test_time(void **state)
{
	struct time_zone *z;
	struct time_civil c;
	int64_t t;
	char s[TIME_RFC3339_LEN];

	(void)state;
	assert_int_equal(time_parse("2026-05-13T09:00:00+08:00", &t), 0);
	assert_int_equal(t, 1778634000);
	assert_int_equal(time_parse("2026-05-13T01:00:00.250Z", &t), 0);
	assert_int_equal(t, 1778634000);
	assert_int_equal(time_parse("2016-12-31T23:59:60Z", &t), 0);
	assert_int_equal(t, 1483228799);
	assert_int_equal(time_parse("2026-02-30T09:00:00Z", &t), ERR_INVALID);
	assert_int_equal(time_parse("2026-05-13 09:00:00Z", &t), ERR_INVALID);
	assert_int_equal(time_parse("2026-05-13T09:00:00", &t), ERR_INVALID);
	assert_int_equal(time_parse("2026-05-13T09:00:00+24:00", &t), ERR_INVALID);
	assert_true(time_valid_date("2024-02-29"));
	assert_false(time_valid_date("2026-02-29"));
	assert_false(time_valid_date("2026-05-13T"));
	assert_true(time_zone_known("Europe/Helsinki"));
	assert_true(time_zone_known("PST"));
	assert_false(time_zone_iana("PST"));
	assert_false(time_zone_iana("SystemV/EST5"));
	assert_true(time_zone_iana("Asia/Shanghai"));
	assert_false(time_zone_known("Mars/Olympus"));
	assert_false(time_zone_known(""));
	assert_null(time_zone_open(""));

	z = time_zone_open("Europe/Helsinki");
	assert_non_null(z);
	assert_int_equal(time_zone_local(z, 1778634000, &c), 0);
	time_format(&c, true, s, sizeof(s));
	assert_string_equal(s, "2026-05-13T04:00:00+03:00");
	assert_int_equal(time_zone_instant(z, 2026, 3, 28, 9, 0, 1, &t), 0);
	assert_int_equal(time_zone_local(z, t, &c), 0);
	time_format(&c, false, s, sizeof(s));
	assert_string_equal(s, "2026-03-29T09:00:00+03:00"); /* after the spring change */
	time_zone_free(z);
	z = time_zone_open("UTC");
	assert_int_equal(time_zone_local(z, 0, &c), 0);
	time_format(&c, true, s, sizeof(s));
	assert_string_equal(s, "1970-01-01T00:00:00Z");
	time_format(&c, false, s, sizeof(s));
	assert_string_equal(s, "1970-01-01T00:00:00+00:00");
	time_zone_free(z);
	time_zone_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_cap),
		cmocka_unit_test(test_err_prefix),
		cmocka_unit_test(test_json_parse),
		cmocka_unit_test(test_err_cut_utf8),
		cmocka_unit_test(test_log_buffered),
		cmocka_unit_test(test_time),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
