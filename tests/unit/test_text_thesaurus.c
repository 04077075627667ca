/*
 * test_text_thesaurus.c - unit tests of the thesaurus loader and tagger of
 * src/text: a good file (concepts, labels, links both ways, counts), every
 * kind of bad line with its line number, tagging (inflected forms, CJK
 * substrings, nested matches, compound affixes, terms found across
 * languages or not), and the embedded data/thesaurus file itself (every
 * theme in nine languages, the demo's theme ids, SDGs and NACE codes).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/assets.h"
#include "text/thesaurus.h"

#include <stdio.h>
#include <string.h>

static const char good[] = "# a comment\n"
			   "liaison-thesaurus 1\n"
			   "version t-1\n"
			   "\n"
			   "concept mobility theme\n"
			   "label en Mobility & transport\n"
			   "label fr Mobilité\n"
			   "broader smart-city\n"
			   "related nev\n"
			   "terms en mobility; urban mobility; public transport\n"
			   "terms fr mobilité; mobilité urbaine\n"
			   "terms de verkehr*; *verkehr\n"
			   "terms fi liiken*\n"
			   "terms zh 交通; 城市交通\n"
			   "concept smart-city theme\r\n"
			   "label en Smart cities\n"
			   "terms en smart city; IoT\n"
			   "concept nev theme\n"
			   "label en NEV\n"
			   "terms zh 新能源汽车\n"
			   "concept energy theme\n"
			   "label en Energy\n"
			   "terms zh 新能源\n"
			   "terms en wind power\n";

static struct text_analyzer *ana;

static int setup(void **state)
{
	(void)state;
	return text_analyzer_new(&ana);
}

static int teardown(void **state)
{
	(void)state;
	text_analyzer_free(ana);
	return 0;
}

static struct text_thesaurus *load_ok(const char *src, size_t len)
{
	struct text_thesaurus *th = NULL;
	struct err e;

	err_clear(&e);
	if (text_thesaurus_load(&th, src, len, &e) != 0)
		fail_msg("load: %s: %s", e.field, e.msg);
	return th;
}

static uint32_t concept(const struct text_thesaurus *th, const char *id)
{
	int64_t c = text_thesaurus_find(th, id, strlen(id));

	if (c < 0)
		fail_msg("no concept %s", id);
	return (uint32_t)c;
}

/* Tags s and returns "concept=evidence" items joined by ", ". */
struct tags {
	const struct text_thesaurus *th;
	const char *src;
	char out[1024];
	size_t n;
	int stop_after;
};

static int tags_cb(void *ctx, const struct text_tag *t)
{
	struct tags *g = ctx;
	int w = snprintf(g->out + g->n, sizeof(g->out) - g->n, "%s%s=%.*s", g->n ? ", " : "",
			 text_concept_id(g->th, t->concept), (int)(t->end - t->start),
			 g->src + t->start);

	assert_true(w > 0 && (size_t)w < sizeof(g->out) - g->n);
	g->n += (size_t)w;
	return g->stop_after && --g->stop_after == 0 ? 7 : 0;
}

static const char *tag(const struct text_thesaurus *th, enum text_lang lang, const char *s)
{
	static struct tags g;

	memset(&g, 0, sizeof(g));
	g.th = th;
	g.src = s;
	assert_int_equal(text_thesaurus_tag_text(th, ana, s, strlen(s), lang, tags_cb, &g), 0);
	return g.out;
}

static void test_load_good(void **state)
{
	struct text_thesaurus *th = load_ok(good, sizeof(good) - 1);
	const struct text_link *links;
	uint32_t mob, sc, nev;
	size_t n;

	(void)state;
	assert_string_equal(text_thesaurus_version(th), "t-1");
	assert_int_equal(text_thesaurus_count(th), 4);
	mob = concept(th, "mobility");
	sc = concept(th, "smart-city");
	nev = concept(th, "nev");
	assert_int_equal(mob, 0);
	assert_int_equal(text_thesaurus_find(th, "nope", 4), -1);
	assert_int_equal(text_concept_kind(th, mob), TEXT_CONCEPT_THEME);
	assert_string_equal(text_concept_label(th, mob, TEXT_LANG_FR), "Mobilité");
	assert_string_equal(text_concept_label(th, mob, TEXT_LANG_DE), "Mobility & transport");
	assert_true(text_concept_has_label(th, mob, TEXT_LANG_FR));
	assert_false(text_concept_has_label(th, mob, TEXT_LANG_DE));
	/* links, sorted by concept; the inverse links exist */
	n = text_concept_links(th, mob, &links);
	assert_int_equal(n, 2);
	assert_int_equal(links[0].concept, sc);
	assert_int_equal(links[0].kind, TEXT_LINK_BROADER);
	assert_int_equal(links[1].concept, nev);
	assert_int_equal(links[1].kind, TEXT_LINK_RELATED);
	n = text_concept_links(th, sc, &links);
	assert_int_equal(n, 1);
	assert_int_equal(links[0].kind, TEXT_LINK_NARROWER);
	n = text_concept_links(th, nev, &links);
	assert_int_equal(n, 1);
	assert_int_equal(links[0].kind, TEXT_LINK_RELATED);
	assert_int_equal(text_thesaurus_term_count(th, TEXT_LANG_EN), 6);
	assert_int_equal(text_concept_term_count(th, mob, TEXT_LANG_ZH), 2);
	assert_int_equal(text_concept_term_count(th, sc, TEXT_LANG_ZH), 0);
	text_thesaurus_free(th);
}

struct bad_case {
	const char *src;
	int line;
	const char *msg; /* a part of the message */
};

#define HDR "liaison-thesaurus 1\nversion 1\n"
#define C1  "concept a theme\nlabel en A\n"

static void test_load_bad_lines(void **state)
{
	static const struct bad_case cases[] = {
	    {"", 1, "first line must be"},
	    {"# only a comment\nversion 1\n", 2, "first line must be"},
	    {"liaison-thesaurus 2\n", 1, "unsupported format version '2'"},
	    {"liaison-thesaurus 1 extra\n", 1, "unsupported format version"},
	    {HDR C1 "lable en A\n", 5, "unknown directive 'lable'"},
	    {"liaison-thesaurus 1\n" C1, 2, "'version' must come before"},
	    {HDR "version 2\n", 3, "second 'version'"},
	    {HDR "concept Mobility theme\n", 3, "a concept id is"},
	    {HDR "concept a topic\n", 3, "kind must be theme, sdg or sector"},
	    {HDR C1 "concept a sdg\n", 5, "duplicate concept 'a'"},
	    {HDR "label en A\n", 3, "'label' before any 'concept'"},
	    {HDR C1 "label xx Foo\n", 5, "unknown language 'xx'"},
	    {HDR C1 "label fr   \n", 5, "empty label"},
	    {HDR C1 "label en B\n", 5, "second 'en' label"},
	    {HDR C1 "terms en mobility;; transport\n", 5, "empty term"},
	    {HDR C1 "terms en the\n", 5, "no word left"},
	    {HDR C1 "terms en urban mob*\n", 5, "an affix term is one alphabetic word"},
	    {HDR C1 "terms en bus*\n", 5, "4 letters or more"},
	    {HDR C1 "terms zh 交通*\n", 5, "an affix term"},
	    {HDR C1 "terms en mo*bility\n", 5, "only at the start or the end"},
	    {HDR C1 "terms en *mobility*\n", 5, "not both"},
	    {HDR C1 "related\n", 5, "needs at least one concept id"},
	    {HDR C1 "related b\nconcept c theme\nlabel en C\n", 5, "unknown concept 'b'"},
	    {HDR C1 "broader a\n", 5, "links to itself"},
	    {HDR C1 "concept b theme\nlabel fr B\n", 5, "concept 'b' has no 'label en'"},
	    {HDR C1 "label fr \xc3\x28\n", 5, "invalid UTF-8"},
	    {"liaison-thesaurus 1\n", 1, "no 'version' line"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct text_thesaurus *th = (void *)1;
		char field[32];
		struct err e;
		int rc;

		err_clear(&e);
		rc = text_thesaurus_load(&th, cases[i].src, strlen(cases[i].src), &e);
		snprintf(field, sizeof(field), "line %d", cases[i].line);
		if (rc != ERR_INVALID || th != NULL || strcmp(e.field, field) != 0 ||
		    !strstr(e.msg, cases[i].msg))
			fail_msg("case %zu: rc %d, %s: %s (want %s: ...%s...)", i, rc, e.field,
				 e.msg, field, cases[i].msg);
	}
}

static void test_tag_inflections_and_scripts(void **state)
{
	struct text_thesaurus *th = load_ok(good, sizeof(good) - 1);

	(void)state;
	assert_string_equal(tag(th, TEXT_LANG_FR, "Les mobilités urbaines de Lyon"),
			    "mobility=mobilités urbaines");
	assert_string_equal(tag(th, TEXT_LANG_EN, "Public transportation and Urban Mobility"),
			    "mobility=Public transportation, mobility=Urban Mobility");
	assert_string_equal(tag(th, TEXT_LANG_DE, "Planung des Verkehrs und Stadtverkehr"),
			    "mobility=Verkehrs, mobility=Stadtverkehr");
	assert_string_equal(tag(th, TEXT_LANG_FI, "Kestävän liikenteen ratkaisut"),
			    "mobility=liikenteen");
	/* CJK terms are found inside longer runs */
	assert_string_equal(tag(th, TEXT_LANG_ZH, "发展苏州城市交通规划"), "mobility=城市交通");
	text_thesaurus_free(th);
}

static void test_tag_nested_and_languages(void **state)
{
	struct text_thesaurus *th = load_ok(good, sizeof(good) - 1);

	(void)state;
	/* 新能源 inside 新能源汽车 is not reported */
	assert_string_equal(tag(th, TEXT_LANG_ZH, "推广新能源汽车和新能源"),
			    "nev=新能源汽车, energy=新能源");
	/* multi-word and long terms are found in any language, exact words */
	assert_string_equal(tag(th, TEXT_LANG_DE, "Die Smart City braucht wind power"),
			    "smart-city=Smart City, energy=wind power");
	assert_string_equal(tag(th, TEXT_LANG_FR, "la mobility en ville"), "mobility=mobility");
	/* short single words and affixes only in their language */
	assert_string_equal(tag(th, TEXT_LANG_FR, "les IoT de la ville"), "");
	assert_string_equal(tag(th, TEXT_LANG_EN, "IoT for cities"), "smart-city=IoT");
	assert_string_equal(tag(th, TEXT_LANG_EN, "Stadtverkehr"), "");
	assert_string_equal(tag(th, TEXT_LANG_EN, ""), "");
	text_thesaurus_free(th);
}

/* Terms found among compound parts and lemmas (lemma.h), unless the whole word is a term. */
static void test_tag_compound_parts(void **state)
{
	static const char src[] = "liaison-thesaurus 1\nversion t\n"
				  "concept water theme\nlabel en Water\n"
				  "terms de Wasser; Bewässerung\nterms fi vesi\n"
				  "concept hydrogen theme\nlabel en Hydrogen\nterms de Wasserstoff\n"
				  "concept control theme\nlabel en Control\n"
				  "terms de Bewässerung Steuerung\n"
				  "concept city theme\nlabel en City\nterms fi kaupunki\n";
	struct text_thesaurus *th = load_ok(src, sizeof(src) - 1);

	(void)state;
	assert_string_equal(tag(th, TEXT_LANG_DE, "Tropfbewässerung im Feld"),
			    "water=Tropfbewässerung");
	/* parts in a row make a term of several words */
	assert_string_equal(tag(th, TEXT_LANG_DE, "die Bewässerungssteuerung"),
			    "control=Bewässerungssteuerung");
	/* the whole word is a term: its parts say less */
	assert_string_equal(tag(th, TEXT_LANG_DE, "Wasserstoffbusse und Wasserstoff"),
			    "water=Wasserstoffbusse, hydrogen=Wasserstoff");
	/* Finnish: parts and base forms (Voikko) */
	assert_string_equal(tag(th, TEXT_LANG_FI, "kiertovesilaitoksia kaupungeissa"),
			    "water=kiertovesilaitoksia, city=kaupungeissa");
	text_thesaurus_free(th);
}

static void test_tag_callback_stops(void **state)
{
	struct text_thesaurus *th = load_ok(good, sizeof(good) - 1);
	const char *s = "urban mobility, public transport, smart city";
	struct tags g;

	(void)state;
	memset(&g, 0, sizeof(g));
	g.th = th;
	g.src = s;
	g.stop_after = 2;
	assert_int_equal(text_thesaurus_tag_text(th, ana, s, strlen(s), TEXT_LANG_EN, tags_cb, &g),
			 7);
	assert_string_equal(g.out, "mobility=urban mobility, mobility=public transport");
	text_thesaurus_free(th);
}

/* ---- the thesaurus of the repository ---- */

static struct text_thesaurus *embedded(void)
{
	struct asset a = assets_thesaurus();

	return load_ok(a.data, a.len);
}

static void test_embedded_languages(void **state)
{
	static const enum text_lang need[] = {TEXT_LANG_EN, TEXT_LANG_ZH, TEXT_LANG_JA,
					      TEXT_LANG_FR, TEXT_LANG_DE, TEXT_LANG_PT,
					      TEXT_LANG_ES, TEXT_LANG_IT, TEXT_LANG_FI};
	struct text_thesaurus *th = embedded();
	size_t themes = 0;

	(void)state;
	assert_non_null(text_thesaurus_version(th));
	for (uint32_t c = 0; c < text_thesaurus_count(th); c++) {
		for (size_t l = 0; l < sizeof(need) / sizeof(need[0]); l++) {
			if (!text_concept_has_label(th, c, need[l]))
				fail_msg("%s: no %s label", text_concept_id(th, c),
					 text_lang_code(need[l]));
			if (text_concept_kind(th, c) == TEXT_CONCEPT_THEME &&
			    text_concept_term_count(th, c, need[l]) < 3)
				fail_msg("%s: fewer than 3 %s terms", text_concept_id(th, c),
					 text_lang_code(need[l]));
		}
		themes += text_concept_kind(th, c) == TEXT_CONCEPT_THEME;
	}
	assert_true(themes >= 25);
	text_thesaurus_free(th);
}

static void test_embedded_ids(void **state)
{
	static const char *const ids[] = {
	    "mobility",
	    "circular-economy",
	    "climate-adaptation",
	    "sustainable-tourism",
	    "cultural-heritage",
	    "social-cohesion",
	    "smart-city",
	    "energy-transition",
	    "hydrogen",
	    "energy-storage",
	    "new-energy-vehicles",
	    "green-buildings",
	    "industrial-park-renewal",
	    "water",
	    "waste",
	    "air-quality",
	    "agri-food",
	    "blue-economy",
	    "elderly-care",
	    "education",
	    "industrial-modernisation",
	    "logistics",
	    "digital-economy",
	    "carbon-neutrality",
	    "nace-h49",
	    "nace-d35",
	    "nace-c29",
	    "nace-m72",
	    "nace-e38",
	    "nace-f41",
	    "nace-j62",
	    "nace-q87",
	    "nace-p85",
	    "nace-a01",
	    "nace-c28",
	    "nace-h",
	};
	struct text_thesaurus *th = embedded();
	char id[16];

	(void)state;
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
	concept(th, ids[i]);
	for (int n = 1; n <= 17; n++) {
		snprintf(id, sizeof(id), "sdg-%d", n);
		assert_int_equal(text_concept_kind(th, concept(th, id)), TEXT_CONCEPT_SDG);
	}
	text_thesaurus_free(th);
}

static void test_embedded_tags(void **state)
{
	struct text_thesaurus *th = embedded();
	const char *s;

	(void)state;
	s = tag(th, TEXT_LANG_FR, "des mobilités douces");
	assert_non_null(strstr(s, "mobility=mobilités"));
	s = tag(th, TEXT_LANG_DE, "Planung des Verkehrs");
	assert_non_null(strstr(s, "mobility=Verkehrs"));
	s = tag(th, TEXT_LANG_FI, "liikenteen päästöt");
	assert_non_null(strstr(s, "mobility=liikenteen"));
	s = tag(th, TEXT_LANG_ZH, "苏州希望发展城市交通，推进充电桩建设");
	assert_non_null(strstr(s, "mobility=城市交通"));
	assert_non_null(strstr(s, "ev-charging=充电桩"));
	s = tag(th, TEXT_LANG_JA, "在宅介護サービスを提供");
	assert_non_null(strstr(s, "elderly-care="));
	s = tag(th, TEXT_LANG_PT, "valorização de resíduos e economia circular");
	assert_non_null(strstr(s, "waste=resíduos"));
	assert_non_null(strstr(s, "circular-economy=economia circular"));
	text_thesaurus_free(th);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_load_good),
	    cmocka_unit_test(test_load_bad_lines),
	    cmocka_unit_test(test_tag_inflections_and_scripts),
	    cmocka_unit_test(test_tag_nested_and_languages),
	    cmocka_unit_test(test_tag_compound_parts),
	    cmocka_unit_test(test_tag_callback_stops),
	    cmocka_unit_test(test_embedded_languages),
	    cmocka_unit_test(test_embedded_ids),
	    cmocka_unit_test(test_embedded_tags),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
