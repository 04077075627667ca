/*
 * eval_match.c - the quality of `liaison match` on the labelled set of
 * data/eval/ (README.md there): nDCG@10 and recall@10 overall and on
 * cross-language pairs, on the tune half, the held-out half and both,
 * next to a plain BM25 baseline scored in the same run.
 *
 * usage: eval_match [--show tune|test|all] [DIR...]
 * DIR defaults to $LIAISON_SOURCE_DIR/data/eval, else data/eval; with
 * several (make eval-match: data/eval and data/eval2), each set is scored
 * in turn in the same run, so that no figure is reported without the
 * others. Columns: every labelled partner, the partners writing in
 * another language than the query, those writing in the same one.
 * --show prints every query of a split with its top 10 and their grades.
 */
#include "core/assets.h"
#include "core/jsonx.h"
#include "core/xalloc.h"
#include "match/match.h"
#include "text/analyze.h"
#include "text/intern.h"
#include "text/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EVAL_K	  10
#define EVAL_MAXF ((size_t)64 << 20)

/* A ranking: corpus indexes, best first. */
struct ranking {
	size_t *v;
	size_t n;
};

struct query {
	size_t org;
	int test; /* held out */
	size_t *partner;
	int *grade;
	size_t n;
};

struct eval {
	const char *dir;
	struct match_corpus *c;
	const json_t *orgs;
	enum text_lang *lang; /* per org: the language of its texts */
	struct query *q;
	size_t nq;
	struct ranking *match, *bm25; /* per org */
};

/* ---- the plain BM25 baseline ---- */

struct bm25_doc {
	uint32_t *term, *tf;
	size_t n;
	double len;
};

struct bm25 {
	struct text_intern terms;
	struct bm25_doc *doc;
	uint32_t *df;
	double avgdl;
};

struct bm25_bag {
	struct text_intern *terms;
	uint32_t *count; /* per term id, grown as needed */
	size_t cap;
	double len;
};

static int bag_term(void *ctx, const struct text_term *t)
{
	struct bm25_bag *b = ctx;
	char key[TEXT_TOKEN_MAX + 2];
	uint32_t id;

	/* the plain baseline: the words as written, not their parts or lemmas */
	if ((t->flags & (TEXT_TERM_NUMBER | TEXT_TERM_PART)) ||
	    ((t->flags & TEXT_TERM_CJK) && t->fold_len <= 3))
		return 0;
	key[0] = (t->flags & TEXT_TERM_CJK) ? 'C' : (char)('a' + t->lang);
	memcpy(key + 1, t->stem, t->stem_len);
	id = text_intern_add(b->terms, key, t->stem_len + 1, NULL);
	if (id >= b->cap) {
		size_t cap = 2 * (id + 1);

		b->count = xreallocarray(b->count, cap, sizeof(*b->count));
		memset(b->count + b->cap, 0, (cap - b->cap) * sizeof(*b->count));
		b->cap = cap;
	}
	b->count[id]++;
	b->len++;
	return 0;
}

static void bag_text(struct bm25_bag *b, struct text_analyzer *a, const struct text_langid *id,
		     const char *s, const enum text_lang *hints, size_t nh)
{
	if (!s || !*s)
		return;
	text_analyze(a, s, strlen(s), text_lang_detect(id, s, strlen(s), hints, nh), bag_term, b);
}

/* Every text of one organisation of the batch into a bag of words. */
static void bag_org(struct bm25_bag *b, struct text_analyzer *a, const struct text_langid *id,
		    const json_t *o)
{
	enum text_lang hints[8];
	size_t nh = 0, i;
	json_t *x;

	json_array_foreach(json_object_get(o, "languages"), i, x) if (nh < 8) hints[nh++] =
	    text_lang_parse(json_string_value(x), strlen(json_string_value(x)));
	bag_text(b, a, id, jsonx_str(o, "description"), hints, nh);
	json_array_foreach(json_object_get(o, "interests"), i, x)
	    bag_text(b, a, id, json_string_value(x), hints, nh);
	json_array_foreach(json_object_get(o, "pillar_industries"), i, x)
	    bag_text(b, a, id, json_string_value(x), hints, nh);
	json_array_foreach(json_object_get(o, "opportunities"), i, x)
	{
		const char *state = jsonx_str(x, "state");

		if (state && strcmp(state, "closed") == 0)
			continue;
		bag_text(b, a, id, jsonx_str(x, "title"), hints, nh);
		bag_text(b, a, id, jsonx_str(x, "description"), hints, nh);
	}
}

static void bm25_build(struct bm25 *m, const json_t *orgs, const struct text_langid *id)
{
	size_t n = json_array_size(orgs);
	struct text_analyzer *a;
	double total = 0;

	text_intern_init(&m->terms);
	m->doc = xcalloc(n, sizeof(*m->doc));
	if (text_analyzer_new(&a) != 0)
		abort();
	for (size_t i = 0; i < n; i++) {
		struct bm25_bag b = {&m->terms, NULL, 0, 0};
		struct bm25_doc *d = &m->doc[i];

		bag_org(&b, a, id, json_array_get(orgs, i));
		d->term = xcalloc(b.cap + 1, sizeof(*d->term));
		d->tf = xcalloc(b.cap + 1, sizeof(*d->tf));
		for (size_t t = 0; t < b.cap; t++) {
			if (b.count[t]) {
				d->term[d->n] = (uint32_t)t;
				d->tf[d->n++] = b.count[t];
			}
		}
		d->len = b.len;
		total += b.len;
		free(b.count);
	}
	text_analyzer_free(a);
	m->df = xcalloc(text_intern_count(&m->terms) + 1, sizeof(*m->df));
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < m->doc[i].n; k++)
			m->df[m->doc[i].term[k]]++;
	m->avgdl = n ? total / (double)n : 1;
}

static double bm25_score(const struct bm25 *m, size_t n, const struct bm25_doc *q,
			 const struct bm25_doc *d)
{
	double s = 0;
	size_t i = 0, j = 0;

	while (i < q->n && j < d->n) {
		if (q->term[i] < d->term[j]) {
			i++;
		} else if (q->term[i] > d->term[j]) {
			j++;
		} else {
			double df = m->df[d->term[j]], tf = d->tf[j];
			double idf = log(1.0 + ((double)n - df + 0.5) / (df + 0.5));
			double k = 1.2 * (1.0 - 0.75 + 0.75 * d->len / m->avgdl);

			s += q->tf[i] * idf * tf * 2.2 / (tf + k);
			i++;
			j++;
		}
	}
	return s;
}

struct scored {
	double s;
	size_t org;
	const char *id;
};

static int scored_cmp(const void *x, const void *y)
{
	const struct scored *a = x, *b = y;

	if (a->s != b->s)
		return a->s > b->s ? -1 : 1;
	return strcmp(a->id, b->id);
}

static void bm25_rank(const struct bm25 *m, const struct match_corpus *c, size_t n, size_t q,
		      struct ranking *out)
{
	struct scored *v = xcalloc(n, sizeof(*v));
	size_t k = 0;

	for (size_t d = 0; d < n; d++) {
		double s = d == q ? 0 : bm25_score(m, n, &m->doc[q], &m->doc[d]);

		if (s > 0)
			v[k++] = (struct scored){s, d, match_corpus_id(c, d)};
	}
	qsort(v, k, sizeof(*v), scored_cmp);
	out->v = xcalloc(k + 1, sizeof(*out->v));
	out->n = k;
	for (size_t i = 0; i < k; i++)
		out->v[i] = v[i].org;
	free(v);
}

/* ---- metrics ---- */

static int grade_of(const struct query *q, size_t org)
{
	for (size_t i = 0; i < q->n; i++)
		if (q->partner[i] == org)
			return q->grade[i];
	return 0;
}

/* Which candidates count: every one, another language's, the query's language's. */
enum pairs { PAIRS_ALL, PAIRS_CROSS, PAIRS_SAME };

/* 1 when org counts for this query. */
static int counts(const struct eval *ev, const struct query *q, size_t org, int cross)
{
	switch (cross) {
	case PAIRS_CROSS:
		return ev->lang[org] != ev->lang[q->org];
	case PAIRS_SAME:
		return ev->lang[org] == ev->lang[q->org];
	default:
		return 1;
	}
}

static int grade_desc(const void *x, const void *y)
{
	return *(const int *)y - *(const int *)x;
}

struct metric {
	double ndcg, recall1, recall2;
	size_t n, n2; /* queries counted; with grade >= 2 partners */
};

/* Adds one query's figures; returns 0 when it has no partner that counts. */
static int eval_query(const struct eval *ev, const struct query *q, const struct ranking *r,
		      int cross, struct metric *m)
{
	int ideal[256];
	size_t ni = 0, rel1 = 0, rel2 = 0, hit1 = 0, hit2 = 0, shown = 0;
	double dcg = 0, idcg = 0;

	for (size_t i = 0; i < q->n && ni < 256; i++)
		if (counts(ev, q, q->partner[i], cross))
			ideal[ni++] = q->grade[i];
	if (ni == 0)
		return 0;
	qsort(ideal, ni, sizeof(*ideal), grade_desc);
	for (size_t i = 0; i < ni; i++) {
		rel1 += ideal[i] >= 1;
		rel2 += ideal[i] >= 2;
		if (i < EVAL_K)
			idcg += (pow(2, ideal[i]) - 1) / log2((double)i + 2);
	}
	for (size_t i = 0; i < r->n && shown < EVAL_K; i++) {
		int g;

		if (!counts(ev, q, r->v[i], cross))
			continue;
		g = grade_of(q, r->v[i]);
		dcg += (pow(2, g) - 1) / log2((double)shown + 2);
		hit1 += g >= 1;
		hit2 += g >= 2;
		shown++;
	}
	m->ndcg += idcg > 0 ? dcg / idcg : 0;
	m->recall1 += (double)hit1 / (double)rel1;
	if (rel2) {
		m->recall2 += (double)hit2 / (double)rel2;
		m->n2++;
	}
	m->n++;
	return 1;
}

/* split: 0 tune, 1 test, 2 both. */
static struct metric eval_system(const struct eval *ev, const struct ranking *r, int split,
				 int cross)
{
	struct metric m = {0, 0, 0, 0, 0};

	for (size_t i = 0; i < ev->nq; i++)
		if (split == 2 || split == ev->q[i].test)
			eval_query(ev, &ev->q[i], &r[ev->q[i].org], cross, &m);
	if (m.n) {
		m.ndcg /= (double)m.n;
		m.recall1 /= (double)m.n;
	}
	if (m.n2)
		m.recall2 /= (double)m.n2;
	return m;
}

static void print_row(const char *system, const char *split, struct metric a, struct metric x,
		      struct metric s)
{
	printf("%-8s %-9s %7.3f %9.3f %9.3f %4zu | %7.3f %9.3f %4zu | %7.3f %9.3f %4zu\n", system,
	       split, a.ndcg, a.recall1, a.recall2, a.n, x.ndcg, x.recall1, x.n, s.ndcg, s.recall1,
	       s.n);
}

static void print_table(const struct eval *ev)
{
	static const char *const splits[] = {"tune", "held-out", "all"};
	const struct ranking *sys[] = {ev->match, ev->bm25};
	static const char *const names[] = {"matcher", "BM25"};

	printf("%-8s %-9s %7s %9s %9s %4s | %7s %9s %4s | %7s %9s %4s\n", "", "", "nDCG@10",
	       "recall@10", "R@10(>=2)", "n", "nDCG@10", "recall@10", "n", "nDCG@10", "recall@10",
	       "n");
	printf("%-18s %-33s | %-22s | %s\n", "", "overall", "cross-language pairs",
	       "same-language pairs");
	for (int s = 0; s < 2; s++)
		for (int k = 0; k < 3; k++)
			print_row(names[s], splits[k], eval_system(ev, sys[s], k, PAIRS_ALL),
				  eval_system(ev, sys[s], k, PAIRS_CROSS),
				  eval_system(ev, sys[s], k, PAIRS_SAME));
}

/* --show: each query's top 10 with grades. */
static void show(const struct eval *ev, int split)
{
	for (size_t i = 0; i < ev->nq; i++) {
		const struct query *q = &ev->q[i];
		const struct ranking *r = &ev->match[q->org];
		struct metric m = {0, 0, 0, 0, 0};

		if (split != 2 && q->test != split)
			continue;
		eval_query(ev, q, r, 0, &m);
		printf("%.3f %s:", m.ndcg, match_corpus_id(ev->c, q->org));
		for (size_t k = 0; k < r->n && k < EVAL_K; k++)
			printf(" %s=%d", match_corpus_id(ev->c, r->v[k]), grade_of(q, r->v[k]));
		printf("\n   missed:");
		for (size_t k = 0; k < q->n; k++) {
			size_t at = 0;

			while (at < r->n && at < EVAL_K && r->v[at] != q->partner[k])
				at++;
			if (at == r->n || at == EVAL_K)
				printf(" %s=%d", match_corpus_id(ev->c, q->partner[k]),
				       q->grade[k]);
		}
		printf("\n");
	}
}

/* ---- loading ---- */

static int load_queries(struct eval *ev, const json_t *labels)
{
	const json_t *qs = json_object_get(labels, "queries");
	size_t i;
	json_t *x;

	ev->nq = json_array_size(qs);
	ev->q = xcalloc(ev->nq + 1, sizeof(*ev->q));
	json_array_foreach(qs, i, x)
	{
		struct query *q = &ev->q[i];
		int64_t org = match_corpus_find(ev->c, jsonx_str(x, "id"));
		const char *pid;
		json_t *g;

		if (org < 0) {
			fprintf(stderr, "eval_match: unknown query %s\n", jsonx_str(x, "id"));
			return -1;
		}
		q->org = (size_t)org;
		q->test = strcmp(jsonx_str(x, "split"), "test") == 0;
		q->partner = xcalloc(json_object_size(json_object_get(x, "partners")) + 1,
				     sizeof(*q->partner));
		q->grade = xcalloc(json_object_size(json_object_get(x, "partners")) + 1,
				   sizeof(*q->grade));
		json_object_foreach(json_object_get(x, "partners"), pid, g)
		{
			int64_t p = match_corpus_find(ev->c, pid);

			if (p < 0) {
				fprintf(stderr, "eval_match: unknown partner %s\n", pid);
				return -1;
			}
			q->partner[q->n] = (size_t)p;
			q->grade[q->n++] = (int)json_integer_value(g);
		}
	}
	return 0;
}

static int run_matcher(struct eval *ev)
{
	struct match_options o;
	struct match_results r;
	struct err e;

	match_options_default(&o);
	o.top = match_corpus_count(ev->c);
	o.min_score = 1e-9;
	err_clear(&e);
	if (match_run(ev->c, &o, &r, &e) != 0) {
		fprintf(stderr, "eval_match: %s\n", e.msg);
		return -1;
	}
	ev->match = xcalloc(r.n + 1, sizeof(*ev->match));
	for (size_t i = 0; i < r.n; i++) {
		ev->match[i].v = xcalloc(r.lists[i].n + 1, sizeof(size_t));
		ev->match[i].n = r.lists[i].n;
		for (size_t k = 0; k < r.lists[i].n; k++)
			ev->match[i].v[k] = r.lists[i].hits[k].org;
	}
	match_results_release(&r);
	return 0;
}

static int load(struct eval *ev, const char *dir, const struct text_thesaurus *th,
		const struct text_langid *id, json_t **orgs, json_t **labels)
{
	char path[1024];
	struct err e;
	size_t i;
	json_t *x;

	err_clear(&e);
	snprintf(path, sizeof(path), "%s/organisations.json", dir);
	if (jsonx_load_file(path, EVAL_MAXF, orgs, &e) != 0)
		goto fail;
	snprintf(path, sizeof(path), "%s/labels.json", dir);
	if (jsonx_load_file(path, EVAL_MAXF, labels, &e) != 0)
		goto fail;
	ev->c = match_corpus_new(th, id);
	if (match_corpus_add_json(ev->c, *orgs, &e) != 0)
		goto fail;
	ev->orgs = json_object_get(*orgs, "organisations");
	ev->lang = xcalloc(json_array_size(ev->orgs) + 1, sizeof(*ev->lang));
	json_array_foreach(ev->orgs, i, x)
	{
		const char *l =
		    json_string_value(json_array_get(json_object_get(x, "languages"), 0));

		ev->lang[i] = l ? text_lang_parse(l, strlen(l)) : TEXT_LANG_UNKNOWN;
	}
	return load_queries(ev, *labels);
fail:
	fprintf(stderr, "eval_match: %s%s%s\n", e.field, e.field[0] ? ": " : "", e.msg);
	return -1;
}

static const char *default_dir(char *buf, size_t size)
{
	const char *src = getenv("LIAISON_SOURCE_DIR");

	if (!src || !*src)
		return "data/eval";
	snprintf(buf, size, "%s/data/eval", src);
	return buf;
}

static void eval_free(struct eval *ev)
{
	size_t n = ev->c ? match_corpus_count(ev->c) : 0;

	for (size_t i = 0; i < ev->nq; i++) {
		free(ev->q[i].partner);
		free(ev->q[i].grade);
	}
	for (size_t i = 0; i < n; i++) {
		if (ev->match)
			free(ev->match[i].v);
		if (ev->bm25)
			free(ev->bm25[i].v);
	}
	free(ev->q);
	free(ev->match);
	free(ev->bm25);
	free(ev->lang);
	match_corpus_free(ev->c);
}

static void bm25_free(struct bm25 *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(m->doc[i].term);
		free(m->doc[i].tf);
	}
	free(m->doc);
	free(m->df);
	text_intern_release(&m->terms);
}

static int evaluate(struct eval *ev, const struct text_langid *id, int show_split)
{
	size_t n = match_corpus_count(ev->c);
	struct bm25 m;

	if (run_matcher(ev) != 0)
		return -1;
	bm25_build(&m, ev->orgs, id);
	ev->bm25 = xcalloc(n + 1, sizeof(*ev->bm25));
	for (size_t i = 0; i < n; i++)
		bm25_rank(&m, ev->c, n, i, &ev->bm25[i]);
	bm25_free(&m, n);
	printf("liaison match evaluation of %s: %zu organisations, %zu queries\n\n", ev->dir, n,
	       ev->nq);
	print_table(ev);
	if (show_split >= 0)
		show(ev, show_split);
	return 0;
}

int main(int argc, char **argv)
{
	struct asset a = assets_thesaurus();
	struct text_thesaurus *th = NULL;
	struct text_langid *id = NULL;
	char buf[1024];
	const char *dirs[16];
	size_t ndirs = 0;
	int show_split = -1, rc = 0;
	struct err e;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--show") == 0 && i + 1 < argc) {
			i++;
			show_split = !strcmp(argv[i], "tune")	? 0
				     : !strcmp(argv[i], "test") ? 1
								: 2;
		} else if (ndirs < sizeof(dirs) / sizeof(dirs[0])) {
			dirs[ndirs++] = argv[i];
		}
	}
	if (ndirs == 0)
		dirs[ndirs++] = default_dir(buf, sizeof(buf));
	err_clear(&e);
	if (text_thesaurus_load(&th, a.data, a.len, &e) != 0 ||
	    text_langid_open(&id, NULL, &e) != 0) {
		fprintf(stderr, "eval_match: %s %s\n", e.field, e.msg);
		rc = 1;
	}
	for (size_t d = 0; rc == 0 && d < ndirs; d++) {
		struct eval ev;
		json_t *orgs = NULL, *labels = NULL;

		memset(&ev, 0, sizeof(ev));
		ev.dir = dirs[d];
		if (d > 0)
			printf("\n");
		if (load(&ev, dirs[d], th, id, &orgs, &labels) != 0 ||
		    evaluate(&ev, id, show_split) != 0)
			rc = 1;
		eval_free(&ev);
		json_decref(orgs);
		json_decref(labels);
	}
	text_langid_close(id);
	text_thesaurus_free(th);
	return rc;
}
