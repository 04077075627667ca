/*
 * thesaurus.c - the thesaurus loader: a line parser over the bytes of the
 * file (no I/O), building the concepts and the term keys of thes_int.h.
 * Links name concepts that may come later in the file, so they are kept
 * with their line numbers and resolved at the end.
 */
#include "text/thes_int.h"
#include "text/text.h"

#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A link as written, resolved once every concept is known. */
struct th_pending {
	uint32_t from;
	char *to;
	enum text_link_kind kind;
	int line;
};

/* The loader's state. */
struct th_load {
	struct text_thesaurus *th;
	struct text_analyzer *a;
	struct text_terms terms;
	struct th_toks toks;
	struct th_pending *links;
	size_t nlinks, cap;
	int line;
	int seen_header;
	struct err *e;
};

static int th_fail(struct th_load *l, int line, const char *fmt, const char *arg)
{
	char field[32];

	snprintf(field, sizeof(field), "line %d", line);
	return err_set(l->e, ERR_INVALID, field, fmt, arg ? arg : "");
}

/* ---- term keys ---- */

int th_key_append(char *key, size_t *len, const struct th_tok *t, int stem)
{
	const char *s = stem ? t->stem : t->fold;
	size_t n = stem ? t->stem_len : t->fold_len;

	if (*len + n + 3 > TH_KEY_MAX)
		return -1;
	if (*len > 1)
		key[(*len)++] = TH_SEP;
	if (stem)
		key[(*len)++] = (char)t->lang;
	memcpy(key + *len, s, n);
	*len += n;
	return 0;
}

static struct th_value *th_value(struct text_thesaurus *th, const char *key, size_t len)
{
	int added;
	uint32_t id = text_intern_add(&th->keys, key, len, &added);

	if (id >= th->nvals) {
		size_t n = th->nvals ? 2 * th->nvals : 256;

		while (n <= id)
			n *= 2;
		th->vals = xreallocarray(th->vals, n, sizeof(*th->vals));
		memset(th->vals + th->nvals, 0, (n - th->nvals) * sizeof(*th->vals));
		th->nvals = n;
	}
	return &th->vals[id];
}

static void th_value_add(struct th_value *v, uint32_t concept)
{
	for (uint32_t i = 0; i < v->n; i++)
		if (v->concepts[i] == concept)
			return;
	if (v->n == v->cap) {
		v->cap = v->cap ? 2 * v->cap : 2;
		v->concepts = xreallocarray(v->concepts, v->cap, sizeof(*v->concepts));
	}
	v->concepts[v->n++] = concept;
}

/* Stores the tokens under one spelling: every prefix, then the whole term. */
static void th_store(struct text_thesaurus *th, const struct th_toks *t, int stem, uint32_t concept)
{
	char key[TH_KEY_MAX];
	struct th_value *v;
	size_t len = 1;

	key[0] = stem ? 's' : 'f';
	for (size_t i = 0; i < t->n; i++) {
		if (th_key_append(key, &len, &t->v[i], stem) != 0)
			return; /* cannot happen: TH_MAX_TOKENS is checked first */
		if (i + 1 < t->n)
			th_value(th, key, len)->prefix = 1;
	}
	v = th_value(th, key, len);
	v->phrase = 1;
	th_value_add(v, concept);
}

/* An affix term: one alphabetic word of at least TH_AFFIX_MIN bytes. */
static int th_store_affix(struct th_load *l, uint32_t concept, const char *term, int suffix)
{
	struct text_thesaurus *th = l->th;
	const struct th_tok *t = &l->toks.v[0];
	char key[2 + TEXT_TOKEN_MAX];
	struct th_value *v;

	if (l->toks.n != 1 || t->cjk || t->fold_len < TH_AFFIX_MIN || t->fold_len > 63)
		return th_fail(l, l->line,
			       "'%s': an affix term is one alphabetic word of 4 letters or more",
			       term);
	key[0] = suffix ? 'x' : 'p';
	key[1] = (char)t->lang;
	memcpy(key + 2, t->fold, t->fold_len);
	v = th_value(th, key, 2 + t->fold_len);
	v->phrase = 1;
	th_value_add(v, concept);
	if (suffix)
		th->suflen[t->lang] |= (uint64_t)1 << t->fold_len;
	else
		th->prelen[t->lang] |= (uint64_t)1 << t->fold_len;
	return 0;
}

/* Analyses one term of a "terms" line and stores it. */
static int th_add_term(struct th_load *l, uint32_t concept, enum text_lang lang, char *term,
		       size_t len)
{
	struct text_thesaurus *th = l->th;
	int prefix = len > 0 && term[len - 1] == '*';
	int suffix = len > 0 && term[0] == '*';
	size_t folded = 0;
	int cjk = 1;

	if (prefix && suffix)
		return th_fail(l, l->line, "'%s': '*' goes at the start or at the end, not both",
			       term);
	if (memchr(term + suffix, '*', len - suffix - prefix))
		return th_fail(l, l->line, "'%s': '*' only at the start or the end", term);
	if (text_analyze_terms(l->a, term + suffix, len - suffix - prefix, lang, &l->terms) != 0)
		return th_fail(l, l->line, "'%s': cannot be analysed", term);
	th_tokens(&l->terms, lang, &l->toks);
	if (l->toks.n == 0)
		return th_fail(l, l->line, "'%s': no word left after analysis (stop words only?)",
			       term);
	if (l->toks.n > TH_MAX_TOKENS)
		return th_fail(l, l->line, "'%s': more than 32 words", term);
	th->nterms[lang]++;
	th->c[concept].nterms[lang]++;
	if (prefix || suffix)
		return th_store_affix(l, concept, term, suffix);
	for (size_t i = 0; i < l->toks.n; i++) {
		cjk &= l->toks.v[i].cjk;
		folded += l->toks.v[i].fold_len;
	}
	if (l->toks.n > th->max_tokens)
		th->max_tokens = l->toks.n;
	if (!cjk)
		th_store(th, &l->toks, 1, concept);
	if (cjk || l->toks.n > 1 || folded >= 6)
		th_store(th, &l->toks, 0, concept);
	return 0;
}

/* ---- directives ---- */

static char *th_trim(char *s, size_t *len)
{
	while (*len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		(*len)--;
	}
	while (*len > 0 && (s[*len - 1] == ' ' || s[*len - 1] == '\t' || s[*len - 1] == '\r'))
		(*len)--;
	s[*len] = '\0';
	return s;
}

/* Splits off the first word of *rest (NUL-terminated in place). */
static char *th_word(char **rest)
{
	char *s = *rest, *w;

	while (*s == ' ' || *s == '\t')
		s++;
	w = s;
	while (*s && *s != ' ' && *s != '\t')
		s++;
	if (*s)
		*s++ = '\0';
	*rest = s;
	return w;
}

static int th_valid_id(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 64)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'))
			return 0;
	}
	return 1;
}

static struct th_concept *th_current(struct th_load *l, const char *directive)
{
	if (l->th->n == 0) {
		th_fail(l, l->line, "'%s' before any 'concept' line", directive);
		return NULL;
	}
	return &l->th->c[l->th->n - 1];
}

static int th_concept(struct th_load *l, char *rest)
{
	static const char *const kinds[] = {"theme", "sdg", "sector"};
	struct text_thesaurus *th = l->th;
	char *id = th_word(&rest), *kind = th_word(&rest);
	struct th_concept *c;
	int added, k;

	if (!th->version)
		return th_fail(l, l->line, "'version' must come before the first concept%s", "");
	if (!th_valid_id(id))
		return th_fail(l, l->line, "'%s': a concept id is 1-64 of [a-z0-9.-]", id);
	k = 0;
	while (k < 3 && strcmp(kind, kinds[k]) != 0)
		k++;
	if (k == 3 || *th_word(&rest))
		return th_fail(l, l->line, "'concept %s': the kind must be theme, sdg or sector",
			       id);
	text_intern_add(&th->ids, id, strlen(id), &added);
	if (!added)
		return th_fail(l, l->line, "duplicate concept '%s'", id);
	if (th->n == th->cap) {
		th->cap = th->cap ? 2 * th->cap : 64;
		th->c = xreallocarray(th->c, th->cap, sizeof(*th->c));
	}
	c = &th->c[th->n++];
	memset(c, 0, sizeof(*c));
	c->id = xstrdup(id);
	c->kind = (enum text_concept_kind)k;
	c->line = l->line;
	return 0;
}

static int th_lang(struct th_load *l, const char *code, enum text_lang *out)
{
	*out = text_lang_parse(code, strlen(code));
	if (*out == TEXT_LANG_UNKNOWN)
		return th_fail(l, l->line, "unknown language '%s'", code);
	return 0;
}

static int th_label(struct th_load *l, char *rest)
{
	struct th_concept *c = th_current(l, "label");
	enum text_lang lang;
	char *code = th_word(&rest);
	size_t n = strlen(rest);

	if (!c)
		return ERR_INVALID;
	if (th_lang(l, code, &lang) != 0)
		return ERR_INVALID;
	rest = th_trim(rest, &n);
	if (n == 0)
		return th_fail(l, l->line, "empty label%s", "");
	if (c->label[lang])
		return th_fail(l, l->line, "second '%s' label for this concept", code);
	c->label[lang] = xstrdup(rest);
	return 0;
}

static int th_terms(struct th_load *l, char *rest)
{
	struct th_concept *c = th_current(l, "terms");
	enum text_lang lang;
	char *code = th_word(&rest);

	if (!c || th_lang(l, code, &lang) != 0)
		return ERR_INVALID;
	for (;;) {
		char *semi = strchr(rest, ';');
		size_t n = semi ? (size_t)(semi - rest) : strlen(rest);
		char *term = th_trim(rest, &n);
		int rc;

		if (n == 0)
			return th_fail(l, l->line, "empty term%s", "");
		rc = th_add_term(l, (uint32_t)(c - l->th->c), lang, term, n);
		if (rc != 0 || !semi)
			return rc;
		rest = semi + 1;
	}
}

static int th_links(struct th_load *l, char *rest, enum text_link_kind kind, const char *name)
{
	struct th_concept *c = th_current(l, name);
	size_t before = l->nlinks;
	char *id;

	if (!c)
		return ERR_INVALID;
	while (*(id = th_word(&rest))) {
		struct th_pending *p;

		if (l->nlinks == l->cap) {
			l->cap = l->cap ? 2 * l->cap : 64;
			l->links = xreallocarray(l->links, l->cap, sizeof(*l->links));
		}
		p = &l->links[l->nlinks++];
		p->from = (uint32_t)(c - l->th->c);
		p->to = xstrdup(id);
		p->kind = kind;
		p->line = l->line;
	}
	if (l->nlinks == before)
		return th_fail(l, l->line, "'%s' needs at least one concept id", name);
	return 0;
}

static int th_header(struct th_load *l, const char *word, char *rest)
{
	char *version = th_word(&rest);

	if (strcmp(word, "liaison-thesaurus") != 0 || !*version)
		return th_fail(l, l->line, "the first line must be 'liaison-thesaurus 1'%s", "");
	if (strcmp(version, "1") != 0 || *th_word(&rest))
		return th_fail(l, l->line, "unsupported format version '%s' (this build reads 1)",
			       version);
	l->seen_header = 1;
	return 0;
}

static int th_version(struct th_load *l, char *rest)
{
	size_t n = strlen(rest);

	rest = th_trim(rest, &n);
	if (l->th->version)
		return th_fail(l, l->line, "second 'version' line%s", "");
	if (n == 0 || strchr(rest, ' '))
		return th_fail(l, l->line, "'version' takes one word%s", "");
	l->th->version = xstrdup(rest);
	return 0;
}

static int th_directive(struct th_load *l, char *line)
{
	char *rest = line, *word = th_word(&rest);

	if (!l->seen_header)
		return th_header(l, word, rest);
	if (strcmp(word, "version") == 0)
		return th_version(l, rest);
	if (strcmp(word, "concept") == 0)
		return th_concept(l, rest);
	if (strcmp(word, "label") == 0)
		return th_label(l, rest);
	if (strcmp(word, "terms") == 0)
		return th_terms(l, rest);
	if (strcmp(word, "broader") == 0)
		return th_links(l, rest, TEXT_LINK_BROADER, "broader");
	if (strcmp(word, "related") == 0)
		return th_links(l, rest, TEXT_LINK_RELATED, "related");
	return th_fail(l, l->line, "unknown directive '%s'", word);
}

/* ---- links and final checks ---- */

static void th_link_add(struct th_concept *c, uint32_t to, enum text_link_kind kind)
{
	for (size_t i = 0; i < c->nlinks; i++) {
		if (c->links[i].concept == to) {
			/* broader/narrower say more than related */
			if (c->links[i].kind == TEXT_LINK_RELATED)
				c->links[i].kind = kind;
			return;
		}
	}
	if (c->nlinks == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 4;
		c->links = xreallocarray(c->links, c->cap, sizeof(*c->links));
	}
	c->links[c->nlinks++] = (struct text_link){to, kind};
}

static int th_link_cmp(const void *a, const void *b)
{
	const struct text_link *x = a, *y = b;

	return (x->concept > y->concept) - (x->concept < y->concept);
}

static int th_resolve(struct th_load *l)
{
	struct text_thesaurus *th = l->th;

	for (size_t i = 0; i < l->nlinks; i++) {
		struct th_pending *p = &l->links[i];
		int64_t to = text_intern_find(&th->ids, p->to, strlen(p->to));

		if (to < 0)
			return th_fail(l, p->line, "unknown concept '%s'", p->to);
		if ((uint32_t)to == p->from)
			return th_fail(l, p->line, "'%s' links to itself", p->to);
		th_link_add(&th->c[p->from], (uint32_t)to, p->kind);
		th_link_add(&th->c[to], p->from,
			    p->kind == TEXT_LINK_BROADER ? TEXT_LINK_NARROWER : TEXT_LINK_RELATED);
	}
	for (size_t i = 0; i < th->n; i++) {
		if (!th->c[i].label[TEXT_LANG_EN])
			return th_fail(l, th->c[i].line, "concept '%s' has no 'label en'",
				       th->c[i].id);
		if (th->c[i].nlinks > 1)
			qsort(th->c[i].links, th->c[i].nlinks, sizeof(*th->c[i].links),
			      th_link_cmp);
	}
	if (!th->version)
		return th_fail(l, l->line, "no 'version' line%s", "");
	return 0;
}

/* Parses every line of data[0..len). */
static int th_lines(struct th_load *l, const char *data, size_t len)
{
	size_t pos = 0;
	int rc = 0;

	while (rc == 0 && pos < len) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (data + pos)) : len - pos;
		char *copy, *line;

		l->line++;
		if (!text_utf8_valid(data + pos, n))
			return th_fail(l, l->line, "invalid UTF-8 (or a NUL byte)%s", "");
		copy = xstrndup(data + pos, n);
		line = th_trim(copy, &n);
		if (n > 0 && line[0] != '#')
			rc = th_directive(l, line);
		free(copy);
		pos = nl ? (size_t)(nl - data) + 1 : len;
	}
	if (rc == 0 && !l->seen_header)
		rc = th_fail(l, l->line ? l->line : 1,
			     "the first line must be 'liaison-thesaurus 1'%s", "");
	return rc;
}

int text_thesaurus_load(struct text_thesaurus **out, const char *data, size_t len, struct err *e)
{
	struct th_load l;
	int rc;

	*out = NULL;
	memset(&l, 0, sizeof(l));
	l.e = e;
	l.th = xcalloc(1, sizeof(*l.th));
	text_intern_init(&l.th->ids);
	text_intern_init(&l.th->keys);
	text_terms_init(&l.terms);
	rc = text_analyzer_new(&l.a);
	if (rc != 0)
		rc = err_set(e, ERR_INTERNAL, NULL, "ICU has no word break data");
	if (rc == 0)
		rc = th_lines(&l, data, len);
	if (rc == 0)
		rc = th_resolve(&l);
	for (size_t i = 0; i < l.nlinks; i++)
		free(l.links[i].to);
	free(l.links);
	free(l.toks.v);
	text_terms_release(&l.terms);
	text_analyzer_free(l.a);
	if (rc != 0) {
		text_thesaurus_free(l.th);
		return rc;
	}
	*out = l.th;
	return 0;
}

void text_thesaurus_free(struct text_thesaurus *th)
{
	if (!th)
		return;
	for (size_t i = 0; i < th->n; i++) {
		free(th->c[i].id);
		for (int k = 0; k < TEXT_LANG_COUNT; k++)
			free(th->c[i].label[k]);
		free(th->c[i].links);
	}
	for (size_t i = 0; i < th->nvals; i++)
		free(th->vals[i].concepts);
	free(th->vals);
	free(th->c);
	free(th->version);
	text_intern_release(&th->ids);
	text_intern_release(&th->keys);
	free(th);
}

/* ---- accessors ---- */

const char *text_thesaurus_version(const struct text_thesaurus *th)
{
	return th->version;
}

size_t text_thesaurus_count(const struct text_thesaurus *th)
{
	return th->n;
}

size_t text_thesaurus_term_count(const struct text_thesaurus *th, enum text_lang lang)
{
	return (int)lang >= 0 && lang < TEXT_LANG_COUNT ? th->nterms[lang] : 0;
}

size_t text_concept_term_count(const struct text_thesaurus *th, uint32_t c, enum text_lang lang)
{
	return (int)lang >= 0 && lang < TEXT_LANG_COUNT ? th->c[c].nterms[lang] : 0;
}

int64_t text_thesaurus_find(const struct text_thesaurus *th, const char *id, size_t len)
{
	return text_intern_find(&th->ids, id, len);
}

const char *text_concept_id(const struct text_thesaurus *th, uint32_t c)
{
	return th->c[c].id;
}

enum text_concept_kind text_concept_kind(const struct text_thesaurus *th, uint32_t c)
{
	return th->c[c].kind;
}

const char *text_concept_label(const struct text_thesaurus *th, uint32_t c, enum text_lang lang)
{
	if ((int)lang >= 0 && lang < TEXT_LANG_COUNT && th->c[c].label[lang])
		return th->c[c].label[lang];
	return th->c[c].label[TEXT_LANG_EN];
}

int text_concept_has_label(const struct text_thesaurus *th, uint32_t c, enum text_lang lang)
{
	return (int)lang >= 0 && lang < TEXT_LANG_COUNT && th->c[c].label[lang] != NULL;
}

size_t text_concept_links(const struct text_thesaurus *th, uint32_t c,
			  const struct text_link **links)
{
	*links = th->c[c].links;
	return th->c[c].nlinks;
}
