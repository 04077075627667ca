/*
 * ja.c - MeCab over IPADIC (see ja.h). The model is opened under a
 * pthread_once and stays open until the process ends, like the Hunspell
 * handles of lemma.c.
 *
 * IPADIC's feature string is CSV: part of speech, three sub-categories,
 * conjugation type and form, base form, reading, pronunciation
 * ("動詞,自立,*,*,五段・マ行,連用タ接続,進む,ススン,ススン"). Particles,
 * auxiliary verbs, symbols and fillers are not content words.
 */
#include "text/ja.h"

#include "core/err.h"
#include "core/xalloc.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mecab.h>

struct text_ja {
	mecab_t *tagger;
	mecab_lattice_t *lattice;
};

static pthread_once_t ja_once = PTHREAD_ONCE_INIT;
static mecab_model_t *ja_model;

static void ja_open(void)
{
	const char *dir = getenv("LIAISON_MECAB_DICDIR");
	char arg[600];
	FILE *f;

	if (!dir || !*dir)
		dir = TEXT_JA_DICDIR;
	snprintf(arg, sizeof(arg), "%s/sys.dic", dir);
	f = fopen(arg, "rb");
	if (!f)
		return;
	fclose(f);
	/* no mecabrc needed: the dictionary's own dicrc is enough */
	snprintf(arg, sizeof(arg), "-r /dev/null -d %s", dir);
	ja_model = mecab_model_new2(arg);
}

int text_ja_new(struct text_ja **out)
{
	struct text_ja *j;

	*out = NULL;
	pthread_once(&ja_once, ja_open);
	if (!ja_model)
		return 0;
	j = xcalloc(1, sizeof(*j));
	j->tagger = mecab_model_new_tagger(ja_model);
	j->lattice = mecab_model_new_lattice(ja_model);
	if (!j->tagger || !j->lattice) {
		text_ja_free(j);
		return 0;
	}
	*out = j;
	return 0;
}

void text_ja_free(struct text_ja *j)
{
	if (!j)
		return;
	if (j->lattice)
		mecab_lattice_destroy(j->lattice);
	if (j->tagger)
		mecab_destroy(j->tagger);
	free(j);
}

/* The n-th (0-based) comma-separated field of f, *len its length; NULL if none. */
static const char *ja_field(const char *f, int n, size_t *len)
{
	for (int i = 0; i < n && f; i++) {
		f = strchr(f, ',');
		if (f)
			f++;
	}
	if (!f)
		return NULL;
	*len = strcspn(f, ",");
	return f;
}

static int ja_is_content(const char *feature)
{
	static const char *const skip[] = {"助詞", "助動詞", "記号", "フィラー", "その他"};
	size_t n = strcspn(feature, ",");

	size_t sub_len = 0;
	const char *sub = ja_field(feature, 1, &sub_len);

	for (size_t i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		if (strlen(skip[i]) == n && memcmp(feature, skip[i], n) == 0)
			return 0;
	/* dependent words: いる, こと, もの, ... */
	return !(sub && sub_len == strlen("非自立") && memcmp(sub, "非自立", sub_len) == 0);
}

int text_ja_parse(struct text_ja *j, const char *s, size_t len, text_ja_cb cb, void *ctx)
{
	const mecab_node_t *node;
	int rc = 0;

	mecab_lattice_set_sentence2(j->lattice, s, len);
	if (!mecab_parse_lattice(j->tagger, j->lattice))
		return ERR_INTERNAL;
	for (node = mecab_lattice_get_bos_node(j->lattice); node && rc == 0; node = node->next) {
		struct text_ja_morph m;
		size_t blen = 0;
		const char *base;

		if (node->stat == MECAB_BOS_NODE || node->stat == MECAB_EOS_NODE ||
		    node->length == 0)
			continue;
		m.off = (size_t)(node->surface - s);
		m.len = node->length;
		base = node->feature ? ja_field(node->feature, 6, &blen) : NULL;
		m.base = base && !(blen == 1 && base[0] == '*') ? base : NULL;
		m.base_len = m.base ? blen : 0;
		m.content = node->feature ? ja_is_content(node->feature) : 1;
		rc = cb(ctx, &m);
	}
	mecab_lattice_clear(j->lattice);
	return rc;
}
