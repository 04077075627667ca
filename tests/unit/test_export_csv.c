/*
 * test_export_csv.c - unit tests of src/export/csv.c: the byte order
 * mark, RFC 4180 quoting (commas, quotes, line breaks, edge spaces), CRLF
 * rows, JSON values as fields, the formula guard (and phone numbers left
 * alone) and the size cap.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/err.h"
#include "export/csv.h"

#include <string.h>

static void test_quoting(void **state)
{
	static const char *const head[] = {"id", "name", NULL};
	struct buf b;

	(void)state;
	buf_init(&b, 4096);
	assert_int_equal(csv_begin(&b), 0);
	assert_int_equal(csv_header(&b, head), 0);
	assert_int_equal(csv_int(&b, 7, 1), 0);
	assert_int_equal(csv_field(&b, "北風水素 (Kitakaze, Ltd.)", 0), 0);
	assert_int_equal(csv_field(&b, "say \"hi\"", 0), 0);
	assert_int_equal(csv_field(&b, "two\nlines", 0), 0);
	assert_int_equal(csv_field(&b, " edge", 0), 0);
	assert_int_equal(csv_field(&b, NULL, 0), 0);
	assert_int_equal(csv_field(&b, "plain", 0), 0);
	assert_int_equal(csv_row_end(&b), 0);
	assert_string_equal(b.data, "\xef\xbb\xbfid,name\r\n"
				    "7,\"北風水素 (Kitakaze, Ltd.)\",\"say \"\"hi\"\"\",\"two\nlines\","
				    "\" edge\",,plain\r\n");
	buf_release(&b);
}

static void test_formulas(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 4096);
	assert_int_equal(csv_field(&b, "=HYPERLINK(\"x\")", 1), 0);
	assert_int_equal(csv_field(&b, "@SUM(A1)", 0), 0);
	assert_int_equal(csv_field(&b, "+1+cmd|x", 0), 0);
	assert_int_equal(csv_field(&b, "+86 28 8555 0102", 0), 0);
	assert_int_equal(csv_field(&b, "-12.5", 0), 0);
	assert_int_equal(csv_field(&b, "-", 0), 0);
	assert_string_equal(b.data, "\"'=HYPERLINK(\"\"x\"\")\",\"'@SUM(A1)\",\"'+1+cmd|x\","
				    "+86 28 8555 0102,-12.5,\"'-\"");
	buf_release(&b);
}

static void test_json_values(void **state)
{
	json_t *v = json_pack("{s:b, s:b, s:I, s:[s,s], s:n}", "t", 1, "f", 0, "n",
			      (json_int_t)42, "a", "zh", "en", "z");
	struct buf b;

	(void)state;
	buf_init(&b, 4096);
	assert_int_equal(csv_json(&b, json_object_get(v, "t"), 1), 0);
	assert_int_equal(csv_json(&b, json_object_get(v, "f"), 0), 0);
	assert_int_equal(csv_json(&b, json_object_get(v, "n"), 0), 0);
	assert_int_equal(csv_json(&b, json_object_get(v, "a"), 0), 0);
	assert_int_equal(csv_json(&b, json_object_get(v, "z"), 0), 0);
	assert_int_equal(csv_json(&b, json_object_get(v, "absent"), 0), 0);
	assert_string_equal(b.data, "yes,no,42,zh; en,,");
	buf_release(&b);
	json_decref(v);
}

static void test_cap(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 8);
	assert_int_equal(csv_field(&b, "1234567", 1), 0);
	assert_int_equal(csv_field(&b, "89", 0), ERR_TOO_LARGE);
	assert_true(b.len <= 8); /* incomplete: the caller throws it away */
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_formulas),
		cmocka_unit_test(test_json_values),
		cmocka_unit_test(test_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
