/*
 * test_text_collate.c - unit tests of src/text/collate.c: which collation
 * a language tag selects (tags that sort alike share one name, ill-formed
 * tags are refused) and the orders ICU gives under zh (pinyin), sv (Å and
 * Ö after Z) and root, ties and invalid UTF-8 included.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "text/collate.h"

#include <stdlib.h>
#include <string.h>

static void expect_collation(const char *tag, const char *want)
{
	char got[TEXT_COLLATION_MAX];

	assert_int_equal(text_collation_of(tag, got), 0);
	assert_string_equal(got, want);
}

static void test_collation_names(void **state)
{
	char got[TEXT_COLLATION_MAX];
	char long_tag[TEXT_LANG_TAG_MAX + 8];

	(void)state;
	expect_collation("zh", "zh");
	expect_collation("zh-CN", "zh");
	expect_collation("zh-Hans-CN", "zh");
	expect_collation("sv-SE", "sv");
	expect_collation("en", "root");
	expect_collation("en-GB", "root");
	expect_collation("de", "root");
	expect_collation("fr", "root");
	expect_collation("root", "root");
	expect_collation("zh-u-co-stroke", "zh@collation=stroke");
	assert_int_equal(text_collation_of("", got), -1);
	assert_int_equal(text_collation_of("!!", got), -1);
	assert_int_equal(text_collation_of("zh_CN", got), -1);
	assert_int_equal(text_collation_of("en-", got), -1);
	memset(long_tag, 'a', sizeof(long_tag) - 1);
	long_tag[sizeof(long_tag) - 1] = '\0';
	assert_int_equal(text_collation_of(long_tag, got), -1);
}

static struct text_collator *coll;

static int by_coll(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;

	return text_collate(coll, x, strlen(x), y, strlen(y));
}

/* Sorts the five names of the API test under collation and checks want. */
static void expect_order(const char *collation, const char *const want[5])
{
	const char *names[5] = {"Zürich", "安", "Apple", "北京", "Ångström"};

	coll = text_collator_open(collation);
	assert_non_null(coll);
	qsort(names, 5, sizeof(*names), by_coll);
	for (int i = 0; i < 5; i++)
		assert_string_equal(names[i], want[i]);
	text_collator_free(coll);
}

static void test_orders(void **state)
{
	static const char *const zh[5] = {"安", "北京", "Ångström", "Apple", "Zürich"};
	static const char *const sv[5] = {"Apple", "Zürich", "Ångström", "北京", "安"};
	static const char *const root[5] = {"Ångström", "Apple", "Zürich", "北京", "安"};

	(void)state;
	expect_order("zh", zh);
	expect_order("sv", sv);
	expect_order("root", root);
}

static void test_ties_and_bad_utf8(void **state)
{
	struct text_collator *c = text_collator_open("root");

	(void)state;
	assert_non_null(c);
	assert_int_equal(text_collate(c, "abc", 3, "abc", 3), 0);
	assert_true(text_collate(c, "abc", 3, "abd", 3) < 0);
	assert_true(text_collate(c, "b", 1, "A", 1) > 0);
	/* a lone continuation byte: still an answer, and antisymmetric */
	assert_int_equal(text_collate(c, "\x80", 1, "a", 1), -text_collate(c, "a", 1, "\x80", 1));
	text_collator_free(c);
	text_collator_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_collation_names),
		cmocka_unit_test(test_orders),
		cmocka_unit_test(test_ties_and_bad_utf8),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
