/*
 * test_text_analysis.c - unit tests of the matching analysis of src/text:
 * word segmentation (Chinese and Japanese by dictionary words, apostrophes,
 * numbers, byte offsets), stemming in every supported language, stop
 * words, language codes, script detection and libexttextcat
 * identification with hints, and the string interner.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/buf.h"
#include "text/analyze.h"
#include "text/intern.h"
#include "text/lang.h"
#include "text/lemma.h"

#include <stdio.h>
#include <string.h>

static struct text_analyzer *ana;
static struct text_langid *langid;

static int setup(void **state)
{
	struct err e;

	(void)state;
	err_clear(&e);
	if (text_analyzer_new(&ana) != 0)
		return -1;
	return text_langid_open(&langid, NULL, &e);
}

static int teardown(void **state)
{
	(void)state;
	text_analyzer_free(ana);
	text_langid_close(langid);
	return 0;
}

/*
 * Analyses s and returns its stems joined by '|' (CJK words marked '~',
 * compound parts and lemmas, TEXT_TERM_PART, '+').
 */
static const char *stems(enum text_lang lang, const char *s)
{
	static char out[1024];
	struct text_terms t;
	size_t n = 0;

	text_terms_init(&t);
	assert_int_equal(text_analyze_terms(ana, s, strlen(s), lang, &t), 0);
	out[0] = '\0';
	for (size_t i = 0; i < t.n; i++) {
		int w = snprintf(out + n, sizeof(out) - n, "%s%s%s%.*s", i ? "|" : "",
				 (t.v[i].flags & TEXT_TERM_CJK) ? "~" : "",
				 (t.v[i].flags & TEXT_TERM_PART) ? "+" : "", (int)t.v[i].stem_len,
				 t.v[i].stem);

		assert_true(w > 0 && (size_t)w < sizeof(out) - n);
		n += (size_t)w;
	}
	text_terms_release(&t);
	return out;
}

static void test_segment_chinese_dictionary_words(void **state)
{
	(void)state;
	/* dictionary words, not bigrams; 和 is a stop word */
	assert_string_equal(stems(TEXT_LANG_ZH, "城市交通和公共交通"), "~城市|~交通|~公共|~交通");
	assert_string_equal(stems(TEXT_LANG_ZH, "老旧工业园区改造"), "~老旧|~工业|~园区|~改造");
}

static void test_segment_japanese_dictionary_words(void **state)
{
	(void)state;
	/* kanji words, katakana words, particles (と, の, を) dropped */
	assert_string_equal(stems(TEXT_LANG_JA, "高齢者介護サービスとスマートシティのモビリティ"),
			    "~高齢|~者|~介護|~サービス|~スマート|~シティ|~モビリティ");
	/* half-width katakana is folded to full width */
	assert_string_equal(stems(TEXT_LANG_JA, "ｻｰﾋﾞｽ"), "~サービス");
}

/* MeCab (ja.h): Japanese words with their base forms ('+'), endings and particles dropped */
static void test_japanese_base_forms(void **state)
{
	(void)state;
	assert_string_equal(
	    stems(TEXT_LANG_JA, "高齢化が進んでいる地域で、新しい介護を導入し、水を再利用した。"),
	    "~高齢|~化|~進ん|~+進む|~地域|~新しい|~介護|~導入|~水|~再|~利用");
	assert_string_equal(stems(TEXT_LANG_JA, "美しく古い町並みを守りたい"),
			    "~美しく|~+美しい|~古い|~町並み|~守り|~+守る");
	/* Chinese texts keep ICU's dictionary words */
	assert_string_equal(stems(TEXT_LANG_ZH, "城市交通"), "~城市|~交通");
}

static void test_segment_latin_inside_cjk_uses_english(void **state)
{
	(void)state;
	assert_string_equal(stems(TEXT_LANG_ZH, "建设Smart Cities的5G网络"),
			    "~建设|smart|citi|5g|~网络");
}

static void test_segment_offsets_and_flags(void **state)
{
	const char *s = "L'économie: 2030, 交通!";
	struct text_terms t;

	(void)state;
	text_terms_init(&t);
	assert_int_equal(text_analyze_terms(ana, s, strlen(s), TEXT_LANG_FR, &t), 0);
	assert_int_equal(t.n, 3);
	/* "L'" is an elided article: gone */
	assert_int_equal(t.v[0].start, 2);
	assert_int_equal(t.v[0].end, 11);
	assert_memory_equal(t.v[0].fold, "economie", 8);
	assert_int_equal(t.v[0].lang, TEXT_LANG_FR);
	assert_int_equal(t.v[1].flags, TEXT_TERM_NUMBER);
	assert_memory_equal(s + t.v[1].start, "2030", 4);
	assert_int_equal(t.v[2].flags, TEXT_TERM_CJK);
	assert_memory_equal(s + t.v[2].start, "交通", t.v[2].end - t.v[2].start);
	text_terms_release(&t);
}

static void test_segment_empty_and_invalid(void **state)
{
	(void)state;
	assert_string_equal(stems(TEXT_LANG_EN, ""), "");
	assert_string_equal(stems(TEXT_LANG_EN, " ,.;!? "), "");
	/* an ill-formed byte separates words */
	assert_string_equal(stems(TEXT_LANG_EN, "smart\xff"
						"cities"),
			    "smart|citi");
}

struct stem_case {
	enum text_lang lang;
	const char *word, *stem;
};

static void test_stem_every_language(void **state)
{
	static const struct stem_case cases[] = {
	    {TEXT_LANG_EN, "transportation", "transport"},
	    {TEXT_LANG_EN, "Cities", "citi"},
	    {TEXT_LANG_FR, "Mobilités", "mobil"}, /* stemmed before the accents go */
	    {TEXT_LANG_FR, "mobilité", "mobil"},
	    {TEXT_LANG_FR, "l'économie", "econom"},
	    {TEXT_LANG_DE, "Verkehrs", "verkehr"},
	    {TEXT_LANG_DE, "Städte", "stadt"},
	    {TEXT_LANG_DE, "Straße", "strass"},
	    {TEXT_LANG_PT, "soluções", "soluco"},
	    {TEXT_LANG_PT, "Mobilidade", "mobil"},
	    {TEXT_LANG_ES, "movilidad", "movil"},
	    {TEXT_LANG_ES, "Ciudades", "ciudad"},
	    {TEXT_LANG_IT, "mobilità", "mobil"},
	    {TEXT_LANG_IT, "città", "citt"},
	    {TEXT_LANG_FI, "liikenteen", "liikent"},
	    {TEXT_LANG_FI, "kaupungeille", "kaupung"},
	    {TEXT_LANG_NL, "steden", "sted"},
	    {TEXT_LANG_SV, "kollektivtrafiken", "kollektivtrafik"},
	    {TEXT_LANG_SV, "städer", "stad"},
	    {TEXT_LANG_DA, "byerne", "byern"},
	    {TEXT_LANG_NB, "bærekraftig", "bærekraft"},
	    {TEXT_LANG_PL, "zrównoważony", "zrownowazony"}, /* no stemmer: folded */
	    {TEXT_LANG_RU, "транспорта", "транспорт"},
	    {TEXT_LANG_EL, "μεταφορές", "μεταφορ"},
	    {TEXT_LANG_ZH, "交通", "交通"},
	    {TEXT_LANG_JA, "モビリティ", "モビリティ"},
	};
	char out[80];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct stem_case *c = &cases[i];
		int n = text_stem_word(ana, c->lang, c->word, strlen(c->word), out, sizeof(out));

		if (n < 0 || strcmp(out, c->stem) != 0)
			fail_msg("%s %s: got '%s', want '%s'", text_lang_code(c->lang), c->word,
				 out, c->stem);
	}
	assert_int_equal(text_lang_has_stemmer(TEXT_LANG_PL), 0);
	assert_int_equal(text_lang_has_stemmer(TEXT_LANG_FI), 1);
	assert_int_equal(text_lang_has_stemmer(TEXT_LANG_ZH), 0);
}

static void test_stem_inflections_meet(void **state)
{
	(void)state;
	/* the forms a matcher must bring together */
	assert_string_equal(stems(TEXT_LANG_FR, "mobilités urbaines"),
			    stems(TEXT_LANG_FR, "mobilité urbaine"));
	assert_string_equal(stems(TEXT_LANG_DE, "des Verkehrs"), stems(TEXT_LANG_DE, "Verkehr"));
	assert_string_equal(stems(TEXT_LANG_EN, "electric buses"),
			    stems(TEXT_LANG_EN, "Electric Buses"));
}

/* Lemmas and compound parts (lemma.h): Hunspell, Voikko. */
static void test_lemmas_and_compound_parts(void **state)
{
	struct text_terms t;

	(void)state;
	/* German compounds: the whole word's stem, then each part's (and its lemma's) */
	assert_string_equal(stems(TEXT_LANG_DE, "Käsereianlagen"), "kasereianlag|+kaserei|+anlag");
	assert_string_equal(stems(TEXT_LANG_DE, "Anlagen"), "anlag");
	assert_non_null(strstr(stems(TEXT_LANG_DE, "Bewässerungssteuerung"), "|+bewasser|"));
	assert_non_null(strstr(stems(TEXT_LANG_DE, "Bewässerungssteuerung"), "|+steuer"));
	assert_string_equal(stems(TEXT_LANG_DE, "Pflegefachkräften"),
			    "pflegefachkraft|+pfleg|+fach|+kraft");
	assert_string_equal(stems(TEXT_LANG_DE, "Stadt"), "stadt"); /* short: never split */
	/* Finnish: Voikko's base form and the parts of compounds */
	assert_string_equal(stems(TEXT_LANG_FI, "kylmäketjua"), "kylmaketju|+kylm|+ketju");
	assert_non_null(strstr(stems(TEXT_LANG_FI, "kiertovesilaitoksia"), "|+vesi|+laitos"));
	/* Romance languages: Hunspell's stem when its Snowball stem differs */
	assert_string_equal(stems(TEXT_LANG_FR, "fromagères"), "fromager|+fromag");
	/* a part covers the bytes of its word */
	text_terms_init(&t);
	assert_int_equal(text_analyze_terms(ana, "die Käsereianlagen", 19, TEXT_LANG_DE, &t), 0);
	assert_int_equal(t.n, 3);
	assert_int_equal(t.v[2].flags & TEXT_TERM_PART, TEXT_TERM_PART);
	assert_int_equal(t.v[2].start, t.v[0].start);
	assert_int_equal(t.v[2].end, t.v[0].end);
	assert_int_equal(t.v[0].start, 4);
	text_terms_release(&t);
	assert_int_equal(text_lemma_available(TEXT_LANG_DE), 1);
	assert_int_equal(text_lemma_available(TEXT_LANG_FI), 1);
	assert_int_equal(text_lemma_available(TEXT_LANG_NL), 0);
}

static void test_stop_words(void **state)
{
	(void)state;
	assert_string_equal(stems(TEXT_LANG_EN, "the city of the future"), "citi|futur");
	assert_string_equal(stems(TEXT_LANG_FR, "la gestion des déchets"), "gestion|dechet");
	assert_string_equal(stems(TEXT_LANG_DE, "für die Städte und Gemeinden"), "stadt|gemeind");
	assert_string_equal(stems(TEXT_LANG_FI, "ja myös kaupungit"), "kaupung|+kaupunk");
	assert_true(text_is_stop_word(TEXT_LANG_FR, "ou", 2)); /* où, folded */
	assert_true(text_is_stop_word(TEXT_LANG_EN, "的", 3)); /* CJK list: every text */
	assert_false(text_is_stop_word(TEXT_LANG_EN, "city", 4));
	/* the same word is a stop word in one language only */
	assert_true(text_is_stop_word(TEXT_LANG_DE, "die", 3));
	assert_false(text_is_stop_word(TEXT_LANG_EN, "die", 3));
}

static void test_lang_codes(void **state)
{
	(void)state;
	assert_int_equal(text_lang_parse("zh-Hans", 7), TEXT_LANG_ZH);
	assert_int_equal(text_lang_parse("PT-br", 5), TEXT_LANG_PT);
	assert_int_equal(text_lang_parse("no", 2), TEXT_LANG_NB);
	assert_int_equal(text_lang_parse("nn", 2), TEXT_LANG_NB);
	assert_int_equal(text_lang_parse("fil", 3), TEXT_LANG_UNKNOWN);
	assert_int_equal(text_lang_parse("english", 7), TEXT_LANG_UNKNOWN);
	assert_int_equal(text_lang_parse("", 0), TEXT_LANG_UNKNOWN);
	assert_string_equal(text_lang_code(TEXT_LANG_FI), "fi");
	assert_string_equal(text_lang_code(TEXT_LANG_UNKNOWN), "und");
	for (int l = 1; l < TEXT_LANG_COUNT; l++) {
		const char *c = text_lang_code((enum text_lang)l);

		assert_int_equal(text_lang_parse(c, strlen(c)), l);
	}
}

static void test_lang_script(void **state)
{
	(void)state;
	assert_int_equal(text_lang_script("城市交通规划", 18), TEXT_LANG_ZH);
	assert_int_equal(text_lang_script("高齢者の介護", 18), TEXT_LANG_JA);
	assert_int_equal(text_lang_script("스마트 시티 교통", 23), TEXT_LANG_KO);
	assert_int_equal(text_lang_script("Городской транспорт", 37), TEXT_LANG_RU);
	assert_int_equal(text_lang_script("Αστικές μεταφορές", 33), TEXT_LANG_EL);
	assert_int_equal(text_lang_script("Urban mobility", 14), TEXT_LANG_UNKNOWN);
	/* a Chinese text naming a European company is still Chinese */
	assert_int_equal(text_lang_script("与Helsinki Mobility Oy合作推进城市交通", 48),
			 TEXT_LANG_ZH);
}

struct detect_case {
	const char *text;
	enum text_lang want;
};

static void test_lang_detect_models(void **state)
{
	static const struct detect_case cases[] = {
	    {"We develop mobility as a service platforms for cities and public transport "
	     "operators.",
	     TEXT_LANG_EN},
	    {"Nous développons des solutions de mobilité urbaine pour les villes.", TEXT_LANG_FR},
	    {"Wir entwickeln Lösungen für den öffentlichen Verkehr und die Elektromobilität.",
	     TEXT_LANG_DE},
	    {"Desenvolvemos soluções de economia circular para a indústria portuguesa.",
	     TEXT_LANG_PT},
	    {"Desarrollamos soluciones de movilidad sostenible para las ciudades españolas.",
	     TEXT_LANG_ES},
	    {"Sviluppiamo soluzioni per la mobilità sostenibile e il turismo nelle città.",
	     TEXT_LANG_IT},
	    {"Kehitämme kestävän liikenteen ratkaisuja suomalaisille kaupungeille.", TEXT_LANG_FI},
	    {"Wij ontwikkelen oplossingen voor duurzame mobiliteit in Nederlandse steden.",
	     TEXT_LANG_NL},
	    {"Vi utvecklar lösningar för hållbar kollektivtrafik i svenska städer.", TEXT_LANG_SV},
	    {"苏州希望发展城市交通。", TEXT_LANG_ZH},
	    {"高齢者の介護サービス", TEXT_LANG_JA},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *s = cases[i].text;
		enum text_lang got = text_lang_detect(langid, s, strlen(s), NULL, 0);

		if (got != cases[i].want)
			fail_msg("'%s': got %s, want %s", s, text_lang_code(got),
				 text_lang_code(cases[i].want));
	}
}

static void test_lang_detect_hints(void **state)
{
	static const char es_pt[] =
	    "Desarrollamos soluciones de movilidad sostenible para ciudades.";
	enum text_lang pt = TEXT_LANG_PT, fi_en[] = {TEXT_LANG_FI, TEXT_LANG_EN};
	enum text_lang ja = TEXT_LANG_JA;
	const char *en = "Our company builds charging stations for electric buses in Finland.";

	(void)state;
	/* a hint wins only among the close candidates */
	assert_int_equal(text_lang_detect(langid, es_pt, strlen(es_pt), NULL, 0), TEXT_LANG_ES);
	assert_int_equal(text_lang_detect(langid, es_pt, strlen(es_pt), &pt, 1), TEXT_LANG_PT);
	assert_int_equal(text_lang_detect(langid, en, strlen(en), fi_en, 2), TEXT_LANG_EN);
	/* a pure-kanji title of a Japanese organisation */
	assert_int_equal(text_lang_detect(langid, "高齢者介護", 15, &ja, 1), TEXT_LANG_JA);
	assert_int_equal(text_lang_detect(langid, "高齢者介護", 15, NULL, 0), TEXT_LANG_ZH);
	/* short texts and no models: the first Latin-script hint, else English */
	assert_int_equal(text_lang_detect(langid, "Bussi", 5, fi_en, 2), TEXT_LANG_FI);
	assert_int_equal(text_lang_detect(NULL, en, strlen(en), fi_en, 2), TEXT_LANG_FI);
	assert_int_equal(text_lang_detect(NULL, en, strlen(en), &ja, 1), TEXT_LANG_EN);
	assert_int_equal(text_lang_detect(NULL, "", 0, NULL, 0), TEXT_LANG_EN);
}

static void test_langid_bad_dir(void **state)
{
	struct text_langid *id = NULL;
	struct err e;

	(void)state;
	err_clear(&e);
	assert_int_equal(text_langid_open(&id, "/nonexistent", &e), ERR_IO);
	assert_null(id);
	assert_non_null(strstr(e.msg, "/nonexistent"));
}

static void test_intern(void **state)
{
	struct text_intern t;
	char word[16];
	int added;
	size_t len;

	(void)state;
	text_intern_init(&t);
	assert_int_equal(text_intern_find(&t, "x", 1), -1);
	for (int i = 0; i < 1000; i++) {
		int n = snprintf(word, sizeof(word), "w%d", i);

		assert_int_equal(text_intern_add(&t, word, (size_t)n, &added), (uint32_t)i);
		assert_true(added);
	}
	assert_int_equal(text_intern_add(&t, "w17", 3, &added), 17);
	assert_false(added);
	assert_int_equal(text_intern_find(&t, "w999", 4), 999);
	assert_int_equal(text_intern_find(&t, "w1000", 5), -1);
	assert_string_equal(text_intern_str(&t, 42, &len), "w42");
	assert_int_equal(len, 3);
	/* embedded NUL bytes are part of the key */
	assert_int_equal(text_intern_add(&t, "a\0b", 3, &added), 1000);
	assert_int_equal(text_intern_find(&t, "a\0c", 3), -1);
	assert_int_equal(text_intern_count(&t), 1001);
	text_intern_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_segment_chinese_dictionary_words),
	    cmocka_unit_test(test_segment_japanese_dictionary_words),
	    cmocka_unit_test(test_segment_latin_inside_cjk_uses_english),
	    cmocka_unit_test(test_segment_offsets_and_flags),
	    cmocka_unit_test(test_segment_empty_and_invalid),
	    cmocka_unit_test(test_stem_every_language),
	    cmocka_unit_test(test_stem_inflections_meet),
	    cmocka_unit_test(test_lemmas_and_compound_parts),
	    cmocka_unit_test(test_japanese_base_forms),
	    cmocka_unit_test(test_stop_words),
	    cmocka_unit_test(test_lang_codes),
	    cmocka_unit_test(test_lang_script),
	    cmocka_unit_test(test_lang_detect_models),
	    cmocka_unit_test(test_lang_detect_hints),
	    cmocka_unit_test(test_langid_bad_dir),
	    cmocka_unit_test(test_intern),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
