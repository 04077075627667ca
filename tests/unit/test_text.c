/*
 * test_text.c - unit tests of src/text: folding per script, tokenising
 * (alphabetic scripts with byte offsets, CJK bigrams for index and query),
 * callbacks that stop, empty and invalid input, UTF-8 validation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/err.h"
#include "text/text.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* Collects tokens as "tok@start-end" separated by spaces, "+" for colocated. */
struct collect {
	const char *src;
	struct buf out;
	int count;
	int stop_after; /* stop (returning 42) after this many tokens, 0 never */
	/* positions, as FTS5 counts them, and the tokens */
	int npos;
	char toks[256][TEXT_TOKEN_MAX + 1];
	int pos[256];
};

static int collect_cb(void *ctx, int flags, const char *token, size_t len, size_t start, size_t end)
{
	struct collect *c = ctx;

	assert_true(len > 0 && len <= TEXT_TOKEN_MAX);
	assert_true(start < end);
	assert_true(text_utf8_valid(token, len));
	if (c->out.len > 0)
		assert_int_equal(buf_puts(&c->out, " "), 0);
	assert_int_equal(buf_printf(&c->out, "%s%.*s@%zu-%zu",
				    (flags & TEXT_TOKEN_COLOCATED) ? "+" : "", (int)len, token,
				    start, end),
			 0);
	if (!(flags & TEXT_TOKEN_COLOCATED))
		c->npos++;
	if (c->count < 256) {
		memcpy(c->toks[c->count], token, len);
		c->toks[c->count][len] = '\0';
		c->pos[c->count] = c->npos - 1;
	}
	c->count++;
	if (c->stop_after > 0 && c->count >= c->stop_after)
		return 42;
	return 0;
}

/* Tokenises s and returns the collected string (valid until collect_done). */
static const char *tok(struct collect *c, const char *s, enum text_mode mode)
{
	memset(c, 0, sizeof(*c));
	buf_init(&c->out, 1 << 20);
	c->src = s;
	assert_int_equal(text_tokenize(s, strlen(s), mode, collect_cb, c), 0);
	return c->out.data ? c->out.data : "";
}

static void collect_done(struct collect *c)
{
	buf_release(&c->out);
}

static void assert_tokens(const char *s, enum text_mode mode, const char *want)
{
	struct collect c;

	assert_string_equal(tok(&c, s, mode), want);
	collect_done(&c);
}

static void assert_fold(const char *s, const char *want)
{
	struct buf b;

	buf_init(&b, 4096);
	assert_int_equal(text_fold(s, strlen(s), &b), 0);
	assert_string_equal(b.data ? b.data : "", want);
	buf_release(&b);
}

static void test_fold_latin(void **state)
{
	(void)state;
	assert_fold("Mobilité", "mobilite");
	assert_fold("MÜNCHEN", "munchen");
	assert_fold("São Paulo", "sao paulo");
	assert_fold("Straße", "strasse");
	assert_fold("Élysée Noël Œuvre façade", "elysee noel œuvre facade");
	assert_fold("Jyväskylä Hämeenlinna Törmä", "jyvaskyla hameenlinna torma");
	assert_fold("España Año Señor", "espana ano senor");
	assert_fold("Città Perché Università", "citta perche universita");
	assert_fold("İstanbul", "istanbul");
	assert_fold("ＡＢＣ ｄｅｆ １２３", "abc def 123");
	assert_fold("ﬁnance", "finance");
	/* the same text decomposed (NFD) folds the same */
	assert_fold("Mobilite\xcc\x81", "mobilite");
	assert_fold("", "");
}

static void test_fold_greek_cyrillic(void **state)
{
	(void)state;
	assert_fold("ΆΘΗΝΑ", "αθηνα");
	assert_fold("Ёлка МОСКВА", "елка москва");
}

static void test_fold_cjk(void **state)
{
	(void)state;
	/* Chinese is unchanged */
	assert_fold("城市交通和新能源汽车", "城市交通和新能源汽车");
	/* dakuten and handakuten stay, precomposed or not */
	assert_fold("が パ ガ ぱ", "が パ ガ ぱ");
	assert_fold("か\xe3\x82\x99", "が");
	/* half-width katakana become full-width, voicing marks composed */
	assert_fold("ｻｰﾋﾞｽ ｶﾞ ﾊﾟ", "サービス ガ パ");
	assert_fold("서울 스마트시티", "서울 스마트시티");
	/* full-width punctuation is NFKC-normalised */
	assert_fold("（株）", "(株)");
}

static void test_fold_cap_and_invalid(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 4);
	assert_int_equal(text_fold("ABCDEFGH", 8, &b), ERR_TOO_LARGE);
	assert_int_equal(b.len, 0);
	assert_int_equal(text_fold("x", TEXT_MAX_INPUT + 1, &b), ERR_TOO_LARGE);
	buf_release(&b);
	/* ill-formed sequences become U+FFFD */
	assert_fold("a\377B", "a\357\277\275b");
	assert_fold("\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd");
}

static void test_tokenize_english(void **state)
{
	(void)state;
	assert_tokens("Smart mobility, for 2030: the EU's plan.", TEXT_MODE_INDEX,
		      "smart@0-5 mobility@6-14 for@16-19 2030@20-24 the@26-29 eu@30-32 "
		      "s@33-34 plan@35-39");
}

static void test_tokenize_french(void **state)
{
	(void)state;
	/* byte offsets count the two bytes of é */
	assert_tokens("L'économie de la Mobilité urbaine!", TEXT_MODE_INDEX,
		      "l@0-1 economie@2-11 de@12-14 la@15-17 mobilite@18-27 urbaine@28-35");
	assert_tokens("aujourd\xe2\x80\x99hui", TEXT_MODE_QUERY, "aujourd@0-7 hui@10-13");
}

static void test_tokenize_german(void **state)
{
	(void)state;
	assert_tokens("Die Straße in MÜNCHEN (Bayern).", TEXT_MODE_INDEX,
		      "die@0-3 strasse@4-11 in@12-14 munchen@15-23 bayern@25-31");
}

static void test_tokenize_chinese(void **state)
{
	(void)state;
	assert_tokens("城市交通和新能源汽车", TEXT_MODE_INDEX,
		      "城市@0-6 +城@0-3 市交@3-9 +市@3-6 交通@6-12 +交@6-9 通和@9-15 +通@9-12 "
		      "和新@12-18 +和@12-15 新能@15-21 +新@15-18 能源@18-24 +能@18-21 "
		      "源汽@21-27 +源@21-24 汽车@24-30 +汽@24-27 车@27-30");
	assert_tokens("城市交通和新能源汽车", TEXT_MODE_QUERY,
		      "城市@0-6 市交@3-9 交通@6-12 通和@9-15 和新@12-18 新能@15-21 "
		      "能源@18-24 源汽@21-27 汽车@24-30");
	assert_tokens("交", TEXT_MODE_QUERY, "交@0-3");
	assert_tokens("交", TEXT_MODE_INDEX, "交@0-3");
	/* punctuation ends a run */
	assert_tokens("城市，交通。", TEXT_MODE_QUERY, "城市@0-6 交通@9-15");
}

/* 1 when the tokens of query appear at consecutive positions in index. */
static int phrase_found(const struct collect *index, const struct collect *query)
{
	int i, k, p;

	for (p = 0; p < index->npos; p++) {
		for (k = 0; k < query->count; k++) {
			int hit = 0;

			for (i = 0; i < index->count && !hit; i++)
				hit = index->pos[i] == p + k &&
				      strcmp(index->toks[i], query->toks[k]) == 0;
			if (!hit)
				break;
		}
		if (k == query->count)
			return 1;
	}
	return 0;
}

static int phrase_in(const char *text, const char *query)
{
	struct collect ci, cq;
	int found;

	tok(&ci, text, TEXT_MODE_INDEX);
	tok(&cq, query, TEXT_MODE_QUERY);
	found = cq.count > 0 && phrase_found(&ci, &cq);
	collect_done(&ci);
	collect_done(&cq);
	return found;
}

static void test_tokenize_cjk_phrases(void **state)
{
	const char *text = "发展城市交通和新能源汽车。";

	(void)state;
	assert_true(phrase_in(text, "交通"));
	assert_true(phrase_in(text, "城市交通"));
	assert_true(phrase_in(text, "市交"));
	assert_true(phrase_in(text, "新能源汽车"));
	assert_true(phrase_in(text, "车"));
	assert_true(phrase_in(text, "城"));
	assert_false(phrase_in(text, "交城"));
	assert_false(phrase_in(text, "汽车交通"));
	assert_true(phrase_in("高齢者介護サービス と AI", "介護サービス"));
	assert_true(phrase_in("高齢者介護サービス と AI", "ｻｰﾋﾞｽ"));
	assert_true(phrase_in("서울시는 스마트 도시", "울시"));
}

static void test_tokenize_japanese(void **state)
{
	(void)state;
	assert_tokens("高齢者介護サービス と AI", TEXT_MODE_QUERY,
		      "高齢@0-6 齢者@3-9 者介@6-12 介護@9-15 護サ@12-18 サー@15-21 "
		      "ービ@18-24 ビス@21-27 と@28-31 ai@32-34");
	assert_tokens("介護ＡＩを導入", TEXT_MODE_INDEX,
		      "介護@0-6 +介@0-3 護@3-6 ai@6-12 を導@12-18 +を@12-15 導入@15-21 "
		      "+導@15-18 入@18-21");
	/* half-width katakana: offsets cover the source, voicing mark included */
	assert_tokens("ｶﾞｽ", TEXT_MODE_INDEX, "ガス@0-9 +ガ@0-6 ス@6-9");
	/* a digraph that NFKC expands gives two characters of the run */
	assert_tokens("ゟ", TEXT_MODE_INDEX, "より@0-3 +よ@0-3 り@0-3");
	assert_tokens("みゟ", TEXT_MODE_QUERY, "みよ@0-6 より@3-6");
}

static void test_tokenize_korean(void **state)
{
	(void)state;
	assert_tokens("서울시는 스마트 도시", TEXT_MODE_INDEX,
		      "서울@0-6 +서@0-3 울시@3-9 +울@3-6 시는@6-12 +시@6-9 는@9-12 "
		      "스마@13-19 +스@13-16 마트@16-22 +마@16-19 트@19-22 "
		      "도시@23-29 +도@23-26 시@26-29");
}

static void test_tokenize_mixed(void **state)
{
	(void)state;
	assert_tokens("Suzhou 苏州 smart-city 2030", TEXT_MODE_INDEX,
		      "suzhou@0-6 苏州@7-13 +苏@7-10 州@10-13 smart@14-19 city@20-24 2030@25-29");
	assert_tokens("Suzhou 苏州 smart-city 2030", TEXT_MODE_QUERY,
		      "suzhou@0-6 苏州@7-13 smart@14-19 city@20-24 2030@25-29");
	assert_tokens("3.5 GHz", TEXT_MODE_QUERY, "3.5@0-3 ghz@4-7");
}

/*
 * The edges of CJK runs, which tokenize.c segments without ICU when ICU
 * would surely break there: the outputs are ICU's (checked against the
 * tokenizer that ran ICU on the whole text).
 */
static void test_tokenize_cjk_edges(void **state)
{
	(void)state;
	/* digits, Latin letters, full-width letters, punctuation around runs */
	assert_tokens("2030年に", TEXT_MODE_INDEX, "2030@0-4 年に@4-10 +年@4-7 に@7-10");
	assert_tokens("AI介護 ロボット", TEXT_MODE_QUERY,
		      "ai@0-2 介護@2-8 ロボ@9-15 ボッ@12-18 ット@15-21");
	assert_tokens("Ｔシャツ", TEXT_MODE_INDEX,
		      "t@0-3 シャ@3-9 +シ@3-6 ャツ@6-12 +ャ@6-9 ツ@9-12");
	assert_tokens("中文、日本。", TEXT_MODE_QUERY, "中文@0-6 日本@9-15");
	assert_tokens("交@中", TEXT_MODE_INDEX, "交@0-3 @@3-4 中@4-7");
	assert_tokens("カ_a 中.a", TEXT_MODE_INDEX, "カ@0-3 _a@3-5 中@6-9 a@10-11");
	assert_tokens("abc한국", TEXT_MODE_QUERY, "abc@0-3 한국@3-9");
	/* half-width katakana, long vowel mark and voicing marks at the edges */
	assert_tokens("ｶﾞｰﾄﾞ", TEXT_MODE_INDEX, "ガー@0-9 +ガ@0-6 ード@6-15 +ー@6-9 ド@9-15");
	assert_tokens("ｰｶ", TEXT_MODE_QUERY, "ーカ@0-6");
	/* a combining mark after a space belongs to the space: no token */
	assert_tokens("中 \xcc\x88文", TEXT_MODE_INDEX, "中@0-3 文@6-9");
	/* ICU finds no word in a voicing mark after Hangul, nor in ㊀ or a
	 * lone 〻, and splits a conjoining jamo from kana */
	assert_tokens("한\xef\xbe\x9e국", TEXT_MODE_INDEX, "국@6-9");
	assert_tokens("か㊀はか", TEXT_MODE_QUERY, "か@0-3 はか@6-12");
	assert_tokens("〻", TEXT_MODE_INDEX, "");
	assert_tokens("国〻", TEXT_MODE_INDEX, "国〻@0-6 +国@0-3 〻@3-6");
	assert_tokens("人々 々", TEXT_MODE_INDEX, "人々@0-6 +人@0-3 々@3-6");
	assert_tokens("の\xe1\x85\xa1語", TEXT_MODE_QUERY, "のᅡ@0-6 ᅡ語@3-9");
}

static void test_tokenize_long_token(void **state)
{
	char s[200];
	struct collect c;

	(void)state;
	/* 100 ASCII letters: the token is cut at 64 bytes, the range is whole */
	memset(s, 'a', 100);
	s[100] = '\0';
	tok(&c, s, TEXT_MODE_INDEX);
	assert_int_equal(c.count, 1);
	assert_int_equal(strlen(c.toks[0]), TEXT_TOKEN_MAX);
	assert_string_equal(strstr(c.out.data, "@"), "@0-100");
	collect_done(&c);
	/* "x" then 40 × "ø" (81 bytes): the cut may not split a two-byte ø */
	s[0] = 'x';
	for (int i = 0; i < 40; i++)
		memcpy(s + 1 + 2 * i, "\xc3\xb8", 2);
	s[81] = '\0';
	tok(&c, s, TEXT_MODE_INDEX);
	assert_int_equal(c.count, 1);
	assert_int_equal(strlen(c.toks[0]), 63);
	assert_memory_equal(c.toks[0], s, 63);
	collect_done(&c);
	/* the limit applies to the folded form: Ü + 40 × é (82 bytes) gives 41 */
	memcpy(s, "\xc3\x9c", 2);
	for (int i = 0; i < 40; i++)
		memcpy(s + 2 + 2 * i, "\xc3\xa9", 2);
	s[82] = '\0';
	tok(&c, s, TEXT_MODE_INDEX);
	assert_int_equal(c.count, 1);
	assert_int_equal(strlen(c.toks[0]), 41);
	assert_string_equal(strstr(c.out.data, "@"), "@0-82");
	collect_done(&c);
}

static void test_tokenize_stop(void **state)
{
	const char *s = "one two three four";
	struct collect c;

	(void)state;
	memset(&c, 0, sizeof(c));
	buf_init(&c.out, 1024);
	c.stop_after = 2;
	assert_int_equal(text_tokenize(s, strlen(s), TEXT_MODE_INDEX, collect_cb, &c), 42);
	assert_int_equal(c.count, 2);
	assert_string_equal(c.out.data, "one@0-3 two@4-7");
	buf_release(&c.out);
	/* stopping inside a CJK run */
	memset(&c, 0, sizeof(c));
	buf_init(&c.out, 1024);
	c.stop_after = 3;
	s = "城市交通";
	assert_int_equal(text_tokenize(s, strlen(s), TEXT_MODE_INDEX, collect_cb, &c), 42);
	assert_string_equal(c.out.data, "城市@0-6 +城@0-3 市交@3-9");
	buf_release(&c.out);
}

static void test_tokenize_empty(void **state)
{
	(void)state;
	assert_tokens("", TEXT_MODE_INDEX, "");
	assert_tokens("  ,.;!? — «»", TEXT_MODE_QUERY, "");
	assert_int_equal(text_tokenize(NULL, 0, TEXT_MODE_INDEX, collect_cb, NULL), 0);
	/* the length is checked before anything is read */
	assert_int_equal(text_tokenize("x", TEXT_MAX_INPUT + 1, TEXT_MODE_INDEX, collect_cb, NULL),
			 ERR_TOO_LARGE);
}

static void test_tokenize_invalid(void **state)
{
	static const char s[] = "caf\351 ab\300\257cd \355\240\200x \364\220\200\200 城\377市";
	struct collect c;

	(void)state;
	memset(&c, 0, sizeof(c));
	buf_init(&c.out, 1024);
	assert_int_equal(text_tokenize(s, sizeof(s) - 1, TEXT_MODE_QUERY, collect_cb, &c), 0);
	assert_string_equal(c.out.data, "caf@0-3 ab@5-7 cd@9-11 x@15-16 城@22-25 市@26-29");
	buf_release(&c.out);
	/* a truncated sequence at the very end */
	memset(&c, 0, sizeof(c));
	buf_init(&c.out, 1024);
	assert_int_equal(text_tokenize("ab\xe5\x9f", 4, TEXT_MODE_INDEX, collect_cb, &c), 0);
	assert_string_equal(c.out.data, "ab@0-2");
	buf_release(&c.out);
}

/* A callback that tokenises again (the cached iterator must not be shared). */
static int nested_cb(void *ctx, int flags, const char *token, size_t len, size_t start, size_t end)
{
	struct collect *c = ctx;
	struct collect inner;

	(void)flags;
	(void)start;
	(void)end;
	tok(&inner, "alpha beta", TEXT_MODE_QUERY);
	assert_string_equal(inner.out.data, "alpha@0-5 beta@6-10");
	collect_done(&inner);
	if (c->out.len > 0)
		assert_int_equal(buf_puts(&c->out, " "), 0);
	return buf_append(&c->out, token, len);
}

static void test_tokenize_nested(void **state)
{
	const char *s = "gamma delta";
	struct collect c;

	(void)state;
	memset(&c, 0, sizeof(c));
	buf_init(&c.out, 1024);
	assert_int_equal(text_tokenize(s, strlen(s), TEXT_MODE_QUERY, nested_cb, &c), 0);
	assert_string_equal(c.out.data, "gamma delta");
	buf_release(&c.out);
}

static void *thread_main(void *arg)
{
	struct collect *c = arg;
	int i;

	for (i = 0; i < 20; i++) {
		tok(c, "新能源汽车 Mobilité", TEXT_MODE_QUERY);
		assert_string_equal(c->out.data,
				    "新能@0-6 能源@3-9 源汽@6-12 汽车@9-15 mobilite@16-25");
		collect_done(c);
	}
	return NULL;
}

static void test_tokenize_threads(void **state)
{
	static struct collect cs[4];
	pthread_t th[4];
	int i;

	(void)state;
	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&th[i], NULL, thread_main, &cs[i]), 0);
	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_join(th[i], NULL), 0);
}

static void test_utf8_valid(void **state)
{
	(void)state;
	assert_true(text_utf8_valid("", 0));
	assert_true(text_utf8_valid("abc", 3));
	assert_true(text_utf8_valid("城市 Mobilité \xf0\x9f\x98\x80", 21));
	assert_false(text_utf8_valid("a\0b", 3));
	assert_false(text_utf8_valid("\xc0\xaf", 2));	      /* overlong '/' */
	assert_false(text_utf8_valid("\xe0\x80\xaf", 3));     /* overlong '/' */
	assert_false(text_utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
	assert_false(text_utf8_valid("\xf4\x90\x80\x80", 4)); /* above U+10FFFF */
	assert_false(text_utf8_valid("\xe5\x9f", 2));	      /* truncated */
	assert_false(text_utf8_valid("\x80", 1));
	assert_false(text_utf8_valid("\xff", 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fold_latin),
	    cmocka_unit_test(test_fold_greek_cyrillic),
	    cmocka_unit_test(test_fold_cjk),
	    cmocka_unit_test(test_fold_cap_and_invalid),
	    cmocka_unit_test(test_tokenize_english),
	    cmocka_unit_test(test_tokenize_french),
	    cmocka_unit_test(test_tokenize_german),
	    cmocka_unit_test(test_tokenize_chinese),
	    cmocka_unit_test(test_tokenize_cjk_phrases),
	    cmocka_unit_test(test_tokenize_japanese),
	    cmocka_unit_test(test_tokenize_korean),
	    cmocka_unit_test(test_tokenize_mixed),
	    cmocka_unit_test(test_tokenize_cjk_edges),
	    cmocka_unit_test(test_tokenize_long_token),
	    cmocka_unit_test(test_tokenize_stop),
	    cmocka_unit_test(test_tokenize_empty),
	    cmocka_unit_test(test_tokenize_invalid),
	    cmocka_unit_test(test_tokenize_nested),
	    cmocka_unit_test(test_tokenize_threads),
	    cmocka_unit_test(test_utf8_valid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
