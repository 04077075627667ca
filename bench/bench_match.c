/*
 * bench_match.c - `liaison match` at scale: generated multilingual corpora
 * of 1,000, 10,000 and 100,000 organisations, a full top-10 run over each
 * (analysis, indexes, ranking), with wall time, peak memory and the
 * speed-up over the brute-force all-pairs scorer run in the same process.
 *
 * usage: bench_match [--threads N] [--sizes 1000,10000,100000]
 *                    [--candidates N] [--brute-sample N] [--seed S]
 *
 * Organisations are generated from the thesaurus's own terms (so texts
 * speak of the same fields in nine languages) mixed with filler words
 * drawn from a Zipf distribution over a synthetic vocabulary per
 * language (so that word statistics look like real text); 40% Chinese,
 * 10% Japanese, 50% European, each writing in its language, a third of
 * them declaring a second one. The brute force scores every pair; above
 * --brute-sample queries (default 1000) it runs on an evenly spread
 * sample of queries and its full time is extrapolated, marked "est.".
 * Peak memory is VmHWM, reset before each size (/proc/self/clear_refs).
 */
#include "core/assets.h"
#include "core/xalloc.h"
#include "match/match.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define GEN_VOCAB   20000 /* synthetic words per language */
#define GEN_MAXLANG 9
#define GEN_THEMES  64

static const char *const gen_langs[GEN_MAXLANG] = {"zh", "ja", "en", "fr", "de",
						   "it", "es", "pt", "fi"};
static const char *const gen_eu_countries[] = {"FR", "DE", "IT", "ES", "PT", "FI", "NL", "SE"};
static const char *const gen_kinds[] = {"city",	      "sme",	 "sme",		"sme",
					"sme",	      "company", "company",	"institute",
					"university", "park",	 "association", "agency"};
static const char *const gen_sectors[] = {"H49", "D35", "C29", "M72", "E38", "F41",
					  "J62", "Q87", "P85", "A01", "C28", "H52"};

/* A tiny deterministic generator (PCG-like LCG, top bits). */
static uint32_t gen_rand(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(*s >> 33);
}

/* Surface terms of one theme in one language (from the thesaurus file). */
struct gen_terms {
	char **v;
	size_t n;
};

struct gen {
	char *theme_id[GEN_THEMES];
	struct gen_terms terms[GEN_THEMES][GEN_MAXLANG];
	size_t nthemes;
	char **vocab[GEN_MAXLANG]; /* GEN_VOCAB words each */
	double *zipf;		   /* cumulative weights over GEN_VOCAB */
	uint64_t seed;
};

/* ---- the thesaurus's terms ---- */

static int gen_lang_index(const char *code, size_t len)
{
	for (int i = 0; i < GEN_MAXLANG; i++)
		if (strlen(gen_langs[i]) == len && memcmp(gen_langs[i], code, len) == 0)
			return i;
	return -1;
}

static void gen_add_terms(struct gen_terms *t, const char *list)
{
	const char *p = list;

	while (*p) {
		const char *end = strchr(p, ';');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		while (n > 0 && (*p == ' '))
			p++, n--;
		while (n > 0 && p[n - 1] == ' ')
			n--;
		if (n > 0 && !memchr(p, '*', n)) {
			t->v = xreallocarray(t->v, t->n + 1, sizeof(*t->v));
			t->v[t->n++] = xstrndup(p, n);
		}
		if (!end)
			break;
		p = end + 1;
	}
}

/* Reads "concept ID theme" and "terms LANG ..." lines of the thesaurus. */
static void gen_load_terms(struct gen *g)
{
	struct asset a = assets_thesaurus();
	const char *p = a.data, *end = a.data + a.len;
	int cur = -1;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *line = xstrndup(p, n);

		if (strncmp(line, "concept ", 8) == 0) {
			char *sp = strchr(line + 8, ' ');

			cur = -1;
			if (sp && strcmp(sp + 1, "theme") == 0 && g->nthemes < GEN_THEMES) {
				cur = (int)g->nthemes++;
				g->theme_id[cur] = xstrndup(line + 8, (size_t)(sp - line - 8));
			}
		} else if (cur >= 0 && strncmp(line, "terms ", 6) == 0) {
			char *sp = strchr(line + 6, ' ');
			int l = sp ? gen_lang_index(line + 6, (size_t)(sp - line - 6)) : -1;

			if (l >= 0)
				gen_add_terms(&g->terms[cur][l], sp + 1);
		}
		free(line);
		p = nl ? nl + 1 : end;
	}
}

/* ---- synthetic vocabularies ---- */

static const char *const latin_syl[] = {"ka", "lo",  "ven", "tri", "mar", "sol", "den", "ri",
					"ta", "no",  "bel", "sa",  "ru",  "mi",	 "tor", "va",
					"li", "per", "gan", "do",  "ce",  "fu",	 "lam", "zo"};
static const char *const kana_syl[] = {"カ", "ロ", "ベ", "ト", "マ", "ソ", "デ", "リ",
				       "タ", "ノ", "サ", "ル", "ミ", "バ", "ニ", "ホ"};
static const char hanzi[] = "天地人山水火木金土日月光明新华中国东南西北大小高长安平和"
			    "兴盛发展科技智能数字绿色生态环境能源工业城市农业海洋文化"
			    "旅游教育健康医疗养老交通物流港口制造服务创新合作研究设计";

static char *gen_word(uint64_t *s, int lang)
{
	char buf[64];
	size_t n = 0, syl = 2 + gen_rand(s) % 3;

	buf[0] = '\0';
	for (size_t k = 0; k < syl; k++) {
		const char *x;

		if (lang == 0) { /* two or three hanzi */
			size_t nh = (sizeof(hanzi) - 1) / 3, at = (gen_rand(s) % nh) * 3;

			if (k == 2)
				break;
			memcpy(buf + n, hanzi + at, 3);
			n += 3;
			continue;
		}
		x = lang == 1 ? kana_syl[gen_rand(s) % 16] : latin_syl[gen_rand(s) % 24];
		memcpy(buf + n, x, strlen(x));
		n += strlen(x);
	}
	buf[n] = '\0';
	return xstrdup(buf);
}

static void gen_vocab(struct gen *g)
{
	double sum = 0;

	for (int l = 0; l < GEN_MAXLANG; l++) {
		uint64_t s = g->seed + (uint64_t)l * 7919;

		g->vocab[l] = xcalloc(GEN_VOCAB, sizeof(char *));
		for (size_t i = 0; i < GEN_VOCAB; i++)
			g->vocab[l][i] = gen_word(&s, l);
	}
	g->zipf = xcalloc(GEN_VOCAB, sizeof(double));
	for (size_t i = 0; i < GEN_VOCAB; i++) {
		sum += 1.0 / (double)(i + 1);
		g->zipf[i] = sum;
	}
	for (size_t i = 0; i < GEN_VOCAB; i++)
		g->zipf[i] /= sum;
}

static const char *gen_filler(struct gen *g, int lang)
{
	double u = (gen_rand(&g->seed) + 0.5) / 4294967296.0;
	size_t lo = 0, hi = GEN_VOCAB - 1;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (g->zipf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return g->vocab[lang][lo];
}

static void gen_free(struct gen *g)
{
	for (size_t t = 0; t < g->nthemes; t++) {
		free(g->theme_id[t]);
		for (int l = 0; l < GEN_MAXLANG; l++) {
			for (size_t i = 0; i < g->terms[t][l].n; i++)
				free(g->terms[t][l].v[i]);
			free(g->terms[t][l].v);
		}
	}
	for (int l = 0; l < GEN_MAXLANG; l++) {
		for (size_t i = 0; g->vocab[l] && i < GEN_VOCAB; i++)
			free(g->vocab[l][i]);
		free(g->vocab[l]);
	}
	free(g->zipf);
	free(g);
}

/* ---- organisations ---- */

/* Appends a sentence: filler words and one term of theme t. */
static void gen_sentence(struct gen *g, int lang, int t, char *out, size_t size, size_t *n)
{
	const struct gen_terms *terms = &g->terms[t][lang];
	size_t words = 6 + gen_rand(&g->seed) % 8, at = gen_rand(&g->seed) % words;
	const char *sep = lang <= 1 ? "" : " ";

	for (size_t w = 0; w < words; w++) {
		const char *x = w == at && terms->n ? terms->v[gen_rand(&g->seed) % terms->n]
						    : gen_filler(g, lang);
		int r = snprintf(out + *n, size - *n, "%s%s", w ? sep : "", x);

		if (r < 0 || (size_t)r >= size - *n)
			return;
		*n += (size_t)r;
	}
	if (*n + 4 < size) {
		const char *end = lang <= 1 ? "。" : ". ";

		memcpy(out + *n, end, strlen(end) + 1);
		*n += strlen(end);
	}
}

static int gen_theme(struct gen *g)
{
	/* Zipf-like over themes: the first ones are the most common */
	uint32_t r = gen_rand(&g->seed) % 1000;

	return (int)((double)g->nthemes * (r / 1000.0) * (r / 1000.0));
}

struct gen_org {
	char id[32], name[32], desc[2048], title[2][256], odesc[2][1024];
	const char *langs[2];
	const char *themes[1];
	int sdgs[2];
	const char *sectors[1];
	struct match_opp_in opps[2];
	char oid[2][40];
	struct match_org_in in;
};

static void gen_opps(struct gen *g, struct gen_org *o, int lang, int t)
{
	size_t nopps = 1 + gen_rand(&g->seed) % 2;

	for (size_t k = 0; k < nopps; k++) {
		size_t n = 0, m = 0;
		int tk = k == 0 ? t : gen_theme(g);

		gen_sentence(g, lang, tk, o->title[k], sizeof(o->title[k]), &n);
		gen_sentence(g, lang, tk, o->odesc[k], sizeof(o->odesc[k]), &m);
		snprintf(o->oid[k], sizeof(o->oid[k]), "%s-%zu", o->id, k);
		o->opps[k] = (struct match_opp_in){
		    o->oid[k],	 gen_rand(&g->seed) % 2 ? MATCH_OFFER : MATCH_REQUEST,
		    o->title[k], o->odesc[k],
		    NULL,	 0,
		    NULL,	 0};
	}
	o->in.opps = o->opps;
	o->in.nopps = nopps;
}

static void gen_org(struct gen *g, size_t i, struct gen_org *o)
{
	uint32_t r = gen_rand(&g->seed) % 10;
	int lang = r < 4 ? 0 : (r == 4 ? 1 : 2 + (int)(gen_rand(&g->seed) % 7));
	int t = gen_theme(g), t2 = gen_theme(g);
	size_t n = 0;

	memset(o, 0, sizeof(*o));
	snprintf(o->id, sizeof(o->id), "org-%07zu", i);
	snprintf(o->name, sizeof(o->name), "Organisation %zu", i);
	o->in.id = o->id;
	o->in.name = o->name;
	o->in.kind = gen_kinds[gen_rand(&g->seed) % 12];
	o->in.country = lang == 0   ? "CN"
			: lang == 1 ? "JP"
				    : gen_eu_countries[gen_rand(&g->seed) % 8];
	o->langs[0] = gen_langs[lang];
	o->langs[1] = "en";
	o->in.languages = o->langs;
	o->in.nlanguages = lang != 2 && gen_rand(&g->seed) % 3 == 0 ? 2 : 1;
	for (int s = 0; s < 3; s++)
		gen_sentence(g, lang, s == 1 ? t2 : t, o->desc, sizeof(o->desc), &n);
	o->in.description = o->desc;
	if (gen_rand(&g->seed) % 2) {
		o->themes[0] = g->theme_id[t];
		o->in.themes = o->themes;
		o->in.nthemes = 1;
	}
	if (gen_rand(&g->seed) % 3 == 0) {
		o->sdgs[0] = 1 + (int)(gen_rand(&g->seed) % 17);
		o->in.sdgs = o->sdgs;
		o->in.nsdgs = 1;
		o->sectors[0] = gen_sectors[gen_rand(&g->seed) % 12];
		o->in.sectors = o->sectors;
		o->in.nsectors = 1;
	}
	gen_opps(g, o, lang, t);
}

/* ---- measuring ---- */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU seconds used by the process so far (all threads). */
static double cpu(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return 0;
	return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
	       ru.ru_stime.tv_usec / 1e6;
}

static void peak_reset(void)
{
	FILE *f = fopen("/proc/self/clear_refs", "w");

	if (f) {
		fputs("5", f);
		fclose(f);
	}
}

/* Peak resident memory (VmHWM) in MB, or -1. */
static double peak_mb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	double kb = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "VmHWM:", 6) == 0)
			kb = strtod(line + 6, NULL);
	fclose(f);
	return kb < 0 ? -1 : kb / 1024.0;
}

/* Queries scored by one worker of the brute-force / indexed sample. */
struct sample {
	struct match_corpus *c;
	const size_t *q;
	size_t nq;
	unsigned t, nt;
	int brute;
	size_t candidates;
	size_t *top;   /* nq x 10 org indexes (SIZE_MAX = none) */
	double *score; /* nq: the sum of the top 10's scores */
};

static void *sample_main(void *arg)
{
	struct sample *s = arg;
	struct match_options o;
	struct err e;

	match_options_default(&o);
	o.brute_force = s->brute;
	o.candidates = s->candidates;
	for (size_t i = s->t; i < s->nq; i += s->nt) {
		struct match_list l;

		if (match_org(s->c, s->q[i], &o, &l, &e) != 0)
			continue;
		s->score[i] = 0;
		for (size_t k = 0; k < 10; k++) {
			s->top[i * 10 + k] = k < l.n ? l.hits[k].org : SIZE_MAX;
			s->score[i] += k < l.n ? l.hits[k].score : 0;
		}
		match_list_release(&l);
	}
	return NULL;
}

/* Runs the sample on nt threads; returns the wall time. */
static double run_sample(struct match_corpus *c, const size_t *q, size_t nq, unsigned nt, int brute,
			 size_t candidates, size_t *top, double *score)
{
	struct sample s[64];
	pthread_t tid[64];
	double t0 = now();

	for (unsigned t = 0; t < nt; t++) {
		s[t] = (struct sample){c, q, nq, t, nt, brute, candidates, top, score};
		if (t > 0 && pthread_create(&tid[t], NULL, sample_main, &s[t]) != 0) {
			fprintf(stderr, "bench_match: pthread_create: %s\n", strerror(errno));
			exit(1);
		}
	}
	sample_main(&s[0]);
	for (unsigned t = 1; t < nt; t++)
		pthread_join(tid[t], NULL);
	return now() - t0;
}

struct bench_opts {
	unsigned threads;
	size_t candidates;
	size_t sizes[8], nsizes;
	size_t brute_sample;
	uint64_t seed;
};

/* Compares the indexed top 10 of a sample of queries with the brute force's. */
struct agreement {
	size_t same;	/* identical lists */
	double overlap; /* sum over queries of |indexed & brute| / |brute| */
	size_t n;
};

static void agree(const size_t *ti, const size_t *tb, size_t nq, struct agreement *a)
{
	memset(a, 0, sizeof(*a));
	for (size_t i = 0; i < nq; i++) {
		const size_t *x = ti + i * 10, *y = tb + i * 10;
		size_t both = 0, nb = 0;

		a->same += memcmp(x, y, 10 * sizeof(*x)) == 0;
		for (size_t k = 0; k < 10 && y[k] != SIZE_MAX; k++) {
			nb++;
			for (size_t j = 0; j < 10; j++)
				both += x[j] == y[k];
		}
		a->overlap += nb ? (double)both / (double)nb : 1.0;
		a->n++;
	}
}

static void bench_brute(struct match_corpus *c, size_t n, const struct bench_opts *b,
			double rank_time)
{
	size_t nq = n < b->brute_sample ? n : b->brute_sample;
	size_t *q = xcalloc(nq, sizeof(*q));
	size_t *ti = xcalloc(nq * 10, sizeof(*ti)), *tb = xcalloc(nq * 10, sizeof(*tb));
	double *si = xcalloc(nq, sizeof(*si)), *sb = xcalloc(nq, sizeof(*sb));
	double t, full, sum_i = 0, sum_b = 0;
	struct agreement a;

	for (size_t i = 0; i < nq; i++)
		q[i] = i * n / nq;
	run_sample(c, q, nq, b->threads, 0, b->candidates, ti, si);
	t = run_sample(c, q, nq, b->threads, 1, b->candidates, tb, sb);
	full = t * (double)n / (double)nq;
	agree(ti, tb, nq, &a);
	for (size_t i = 0; i < nq; i++) {
		sum_i += si[i];
		sum_b += sb[i];
	}
	printf("  brute force %9.2f s%s  speed-up %6.1fx  vs brute force: same top 10 for %.1f%%"
	       " of %zu queries, %.1f%% of its top 10 found, %.1f%% of its top-10 score\n",
	       full, nq < n ? " (est.)" : "       ", full / rank_time, 100.0 * a.same / nq, nq,
	       100.0 * a.overlap / nq, sum_b > 0 ? 100.0 * sum_i / sum_b : 100.0);
	free(si);
	free(sb);
	if (nq < n)
		printf("              (brute force timed on %zu of %zu queries, scaled by %.0f)\n",
		       nq, n, (double)n / nq);
	free(q);
	free(ti);
	free(tb);
}

static int bench_size(struct gen *g, const struct text_thesaurus *th, const struct text_langid *id,
		      size_t n, const struct bench_opts *b)
{
	struct match_corpus *c = match_corpus_new(th, id);
	struct match_options o;
	struct match_results r;
	struct gen_org *go = xmalloc(sizeof(*go));
	double t0, t1, t2, t3, c1, c2, c3;
	struct err e;
	size_t hits = 0;

	peak_reset();
	err_clear(&e);
	t0 = now();
	for (size_t i = 0; i < n; i++) {
		gen_org(g, i, go);
		if (match_corpus_add(c, &go->in, &e) != 0) {
			fprintf(stderr, "bench_match: %s: %s\n", e.field, e.msg);
			return 1;
		}
	}
	free(go);
	t1 = now();
	c1 = cpu();
	match_options_default(&o);
	o.threads = b->threads;
	o.candidates = b->candidates;
	if (match_corpus_prepare(c, b->threads, &e) != 0)
		return 1;
	t2 = now();
	c2 = cpu();
	if (match_run(c, &o, &r, &e) != 0)
		return 1;
	t3 = now();
	c3 = cpu();
	for (size_t i = 0; i < r.n; i++)
		hits += r.lists[i].n;
	printf("%7zu orgs  analyse+index %7.2f s  rank %7.2f s  total %7.2f s  peak %7.0f MB"
	       "  (CPU %.2f + %.2f s; %.1f matches/org; generating took %.2f s)\n",
	       n, t2 - t1, t3 - t2, t3 - t1, peak_mb(), c2 - c1, c3 - c2, (double)hits / (double)n,
	       t1 - t0);
	match_results_release(&r);
	bench_brute(c, n, b, t3 - t2);
	fflush(stdout);
	match_corpus_free(c);
	return 0;
}

static int parse_args(int argc, char **argv, struct bench_opts *b)
{
	b->threads = 2;
	b->candidates = 100;
	b->sizes[0] = 1000;
	b->sizes[1] = 10000;
	b->sizes[2] = 100000;
	b->nsizes = 3;
	b->brute_sample = 1000;
	b->seed = 20260513;
	for (int i = 1; i < argc; i += 2) {
		char *end = NULL, *p = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(argv[i], "--help") == 0 || !p)
			; /* usage below: --help, or an option without its value */
		else if (strcmp(argv[i], "--threads") == 0)
			b->threads = (unsigned)strtoul(p, &end, 10);
		else if (strcmp(argv[i], "--candidates") == 0)
			b->candidates = strtoul(p, &end, 10);
		else if (strcmp(argv[i], "--brute-sample") == 0)
			b->brute_sample = strtoul(p, &end, 10);
		else if (strcmp(argv[i], "--seed") == 0)
			b->seed = strtoull(p, &end, 10);
		else if (strcmp(argv[i], "--sizes") == 0) {
			b->nsizes = 0;
			while (b->nsizes < 8 && *p) {
				b->sizes[b->nsizes++] = strtoul(p, &end, 10);
				p = *end == ',' ? end + 1 : end;
				if (end == argv[i + 1] || (*end && *end != ','))
					break;
			}
			end = p;
		}
		if (!p || !end || *end || b->threads < 1 || b->threads > 64 || b->brute_sample < 1) {
			fprintf(stderr, "usage: bench_match [--threads N] [--sizes 1000,10000] "
					"[--candidates N] [--brute-sample N] [--seed S]\n");
			return strcmp(argv[i], "--help") == 0 ? 1 : -1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct asset a = assets_thesaurus();
	struct text_thesaurus *th = NULL;
	struct text_langid *id = NULL;
	struct bench_opts b;
	struct gen *g = xcalloc(1, sizeof(*g));
	struct err e;
	int rc = 0;

	rc = parse_args(argc, argv, &b);
	if (rc != 0) {
		free(g);
		return rc > 0 ? 0 : 2;
	}
	err_clear(&e);
	if (text_thesaurus_load(&th, a.data, a.len, &e) != 0 ||
	    text_langid_open(&id, NULL, &e) != 0) {
		fprintf(stderr, "bench_match: %s %s\n", e.field, e.msg);
		free(g);
		return 1;
	}
	g->seed = b.seed;
	gen_load_terms(g);
	gen_vocab(g);
	printf("liaison match benchmark: %u thread(s), top 10, thesaurus %s, %zu themes\n",
	       b.threads, text_thesaurus_version(th), g->nthemes);
	for (size_t i = 0; i < b.nsizes && rc == 0; i++)
		rc = bench_size(g, th, id, b.sizes[i], &b);
	gen_free(g);
	text_langid_close(id);
	text_thesaurus_free(th);
	return rc;
}
