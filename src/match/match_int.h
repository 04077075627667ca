/*
 * match_int.h - internals of src/match: the corpus, the prepared profiles
 * of organisations, the indexes, and the functions the files share.
 *
 * Profiles (built by prepare.c):
 * - concepts: per concept, the roles it has (general: description,
 *   interests, declared themes; offer; request: from opportunities), a
 *   strength in 0..1 (declared = 1, each text occurrence halves what is
 *   left), and the value strength x kind weight x idf used in scores;
 * - the query vector: the own concepts plus, for themes, the themes they
 *   link to (broader, narrower, related) at a fraction of the strength;
 * - words: (language, stem) terms with their counts, for BM25, and the
 *   query terms: the most telling ones (tf x idf), at most MATCH_QTERMS.
 * Evidence: up to MATCH_EVIDENCE phrases per concept, as written.
 */
#ifndef LIAISON_MATCH_MATCH_INT_H
#define LIAISON_MATCH_MATCH_INT_H

#include "match/match.h"
#include "text/analyze.h"
#include "text/intern.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#define MATCH_QTERMS	   32	/* query terms per organisation */
#define MATCH_GATHER_TERMS 16	/* of which the best gather candidates ... */
#define MATCH_GATHER_DF	   256	/* ... when in at most this many organisations */
#define MATCH_EVIDENCE	   3	/* evidence phrases per concept and side */
#define MATCH_REASONS	   5	/* reasons per match */
#define MATCH_SURFACES	   32	/* words whose first occurrence is kept */
#define MATCH_TERM_DF_MIN  64	/* query terms may be in this many orgs ... */
#define MATCH_TERM_DF_DIV  16	/* ... or in 1/16 of them ... */
#define MATCH_TERM_DF_MAX  1024 /* ... but never in more than this */

/* The score (docs/matching.md). */
#define MATCH_W_CONCEPT	 0.8 /* concept similarity's part */
#define MATCH_W_TEXT	 0.2 /* BM25's part */
#define MATCH_TEXT_FULL	 0.5 /* BM25 reaching this share of its maximum counts fully */
#define MATCH_QUERY_NORM 0.8 /* overlap / (mass_query^0.8 x mass_candidate^0.2) */
#define MATCH_BM25_K1	 1.2
#define MATCH_BM25_B	 0.75

enum m_role { ROLE_GENERAL, ROLE_OFFER, ROLE_REQUEST };
#define ROLE_BIT(r) (1u << (r))

enum m_kind_group { KG_UNKNOWN, KG_PUBLIC, KG_BUSINESS, KG_RESEARCH, KG_NETWORK, KG_OTHER };
enum m_region { REGION_UNKNOWN, REGION_CHINA, REGION_EUROPE, REGION_OTHER };

/* A text of an organisation (owned copy). */
struct m_text {
	char *s;
	size_t len;
	uint8_t role;
	int32_t opp; /* its opportunity, or -1 */
};

struct m_opp {
	char *id;
	uint8_t type;	    /* enum match_opp_type */
	int32_t text;	    /* its text (title + description), or -1 */
	uint32_t *declared; /* declared concepts (themes, SDGs) */
	size_t ndeclared;
};

/* A concept of a profile. */
struct m_cw {
	uint32_t concept;
	uint8_t roles; /* ROLE_BITs */
	float s;       /* strength, 0..1 */
	float v;       /* strength x kind weight x idf */
};

/* A concept of a query vector. */
struct m_qc {
	uint32_t concept;
	uint32_t via; /* the own concept it comes from (itself when direct) */
	uint8_t roles;
	float v;
};

/* Evidence phrases of one concept (NULL-padded). */
struct m_ev {
	uint32_t concept;
	int32_t opp; /* the first opportunity it appears in (offer or request), or -1 */
	const char *phrase[MATCH_EVIDENCE];
};

/* A word of a profile. */
struct m_tf {
	uint32_t term;
	uint32_t tf;
};

/* A query term with its weight and where it first appears. */
struct m_qt {
	uint32_t term;
	uint32_t rank; /* by weight among the query terms, 0 = the best */
	float idf;
	const char *surface; /* its first occurrence as written (org pool) */
};

/* A concept found while analysing (before aggregation). */
struct m_hit {
	uint32_t concept;
	uint8_t role;
	uint8_t declared; /* declared, not found in a text */
	int32_t text;	  /* the text of the evidence, -1 when declared */
	uint32_t start, end;
	int32_t opp; /* the opportunity it comes from, or -1 */
};

/* A word occurrence found while analysing (before interning). */
struct m_occ {
	uint32_t key_off; /* its key ("lang byte" + stem) in the org's scratch */
	uint16_t key_len;
	uint32_t text, start, end;
};

struct m_org {
	char *id, *name;
	uint8_t kind_group, region, is_place; /* is_place: city or region */
	enum text_lang hints[8];
	size_t nhints;
	struct m_text *texts;
	size_t ntexts;
	struct m_opp *opps;
	size_t nopps;
	uint32_t *declared; /* the organisation's declared concepts */
	size_t ndeclared;
	/* analysis results, freed once interned/aggregated */
	struct m_hit *hits;
	size_t nhits, cap_hits;
	struct m_occ *occ;
	size_t nocc, cap_occ;
	char *scratch; /* term keys */
	size_t scratch_len, scratch_cap;
	struct m_occ *first; /* per tf entry: its first occurrence (until profiled) */
	/* evidence strings: chunks, the last one filled up to pool_used */
	char **pool;
	size_t npool, pool_used, pool_size;
	/* the profile */
	struct m_cw *cw;
	size_t ncw;
	struct m_ev *ev;
	size_t nev;
	struct m_qc *qc;
	size_t nqc;
	struct m_tf *tf;
	size_t ntf;
	uint32_t dl; /* words in all texts */
	struct m_qt *qt;
	size_t nqt;
	double mass;	       /* sum of cw[].v */
	double mass_a, mass_b; /* mass^0.7 (as a query), mass^0.3 (as a candidate) */
	double qmax;	       /* the best BM25 its query terms can reach */
};

/* A posting of the concept index. */
struct m_cpost {
	uint32_t org;
	uint8_t roles;
	uint8_t region; /* the org's */
	float key;	/* value / mass_b: what the concept can give the org's score */
};

/* Regions of the concept index's segments (enum m_region). */
#define MATCH_REGIONS 4

/* Concepts in the bit sets of struct m_hot (later ones: exact score only). */
#define MATCH_HOT_CONCEPTS 256

/* What gathering candidates reads of every organisation, packed. */
struct m_hot {
	uint64_t bits[MATCH_HOT_CONCEPTS / 64]; /* bit k: has concept k */
	float mass_b;				/* mass^(1 - MATCH_QUERY_NORM) */
	float bm25k;				/* BM25's k1 x (1 - b + b x dl / avgdl) */
	uint8_t kind_group, region, is_place;
};

/* A posting of the word index. */
struct m_tpost {
	uint32_t org;
	uint32_t tf;
};

struct match_corpus {
	const struct text_thesaurus *th;
	const struct text_langid *langid;
	struct m_org *orgs;
	size_t n, cap;
	struct text_intern ids;	 /* organisation ids */
	struct text_intern excl; /* excluded pairs: "i:j" with i < j */
	int prepared;
	/* after prepare */
	struct text_intern terms;
	uint32_t *term_df;
	float *concept_idf; /* per thesaurus concept */
	uint32_t *concept_df;
	double avgdl;
	uint32_t max_df; /* words in more organisations are not query terms */
	/*
	 * concept index: postings of concept k are cpost[coff[k] .. coff[k+1]),
	 * in segments by region: cseg[k * MATCH_REGIONS + r] .. the next
	 * entry, each sorted by key, highest first
	 */
	size_t *coff;
	size_t *cseg;
	struct m_cpost *cpost;
	size_t *toff;
	struct m_tpost *tpost;
	struct m_hot *hot; /* per org */
	/* profiles of opportunities, built at their first query */
	pthread_mutex_t lock;
	struct m_org ***oppq; /* per org: nopps profiles (NULL until built) */
};

/* A query: an organisation's vectors, or an opportunity's. */
struct m_query {
	size_t org;	       /* the organisation asking (never its own match) */
	const struct m_org *p; /* its profile (the opportunity's for one) */
};

/* A candidate and its estimated score. */
struct m_cand {
	double key;
	uint32_t org;
};

/* Per-thread scratch for queries. */
struct m_scratch {
	struct m_cand *cand; /* per org */
	float *acc_t;	     /* per org: gathered BM25 */
	float *qw;	     /* per concept: the query's value (0 when absent) */
	uint64_t qbits[MATCH_HOT_CONCEPTS / 64]; /* the query's concepts */
	uint32_t *stamp;			 /* per org: the query that last touched it */
	uint32_t *touched;
	size_t ntouched;
	uint32_t gen;
	struct text_analyzer *ana;
};

/* ---- corpus.c ---- */
/* Frees the indexes and profiles, so that the next query prepares again. */
void m_corpus_unprepare(struct match_corpus *c);
/* Frees what prepare built for o (what was added stays). */
void m_org_release_profile(struct m_org *o);
/* Frees everything o holds. */
void m_org_release(struct m_org *o);
/* The corpus index of excluded pair (a, b). */
int m_excluded(const struct match_corpus *c, size_t a, size_t b);
/* Copies s into the org's evidence pool; returns the copy. */
const char *m_pool_add(struct m_org *o, const char *s, size_t len);
/* The thesaurus concept of a declared theme / SDG / NACE code, or -1. */
int64_t m_theme_concept(const struct match_corpus *c, const char *theme);
int64_t m_sdg_concept(const struct match_corpus *c, int sdg);
int64_t m_sector_concept(const struct match_corpus *c, const char *code);
/* Frees the analysis scratch of o. */
void m_org_drop_scratch(struct m_org *o);

/* ---- analyse.c ---- */
/*
 * Analyses the texts of o (language, words, concepts) with a, using terms
 * as scratch, then aggregates its concepts and evidence.
 */
int m_analyse_org(const struct match_corpus *c, struct m_org *o, struct text_analyzer *a,
		  struct text_terms *terms);
/*
 * Gives the word occurrences of o term ids (adding new words when add,
 * else dropping unknown ones) and makes o->tf and o->first.
 */
void m_intern_org(struct match_corpus *c, struct m_org *o, int add);

/* ---- profile.c ---- */
/*
 * Values of concepts, query vector, query terms (corpus statistics known);
 * query terms must be in at least min_df organisations (2 for a member of
 * the corpus: itself and another).
 */
void m_build_profile(const struct match_corpus *c, struct m_org *o, uint32_t min_df);
/* BM25's idf of a word in df organisations. */
double m_term_idf(const struct match_corpus *c, uint32_t df);

/* ---- score.c ---- */
/* The exact score of candidate b for query q (0 when nothing is shared). */
double m_score(const struct match_corpus *c, const struct m_query *q, size_t b,
	       const struct match_options *o);
/* The reasons of a match. */
void m_reasons(const struct match_corpus *c, const struct m_query *q, size_t b,
	       struct match_hit *hit);
/* BM25's saturated term frequency for tf in a text of dl words. */
double m_bm25_tf(const struct match_corpus *c, uint32_t tf, uint32_t dl);
/* The rule factor of a pair (kind and cross-border preferences). */
double m_rule_factor(const struct m_org *a, const struct m_org *b, const struct match_options *o);
/* The same from kind groups and regions. */
double m_rule_factor_of(uint8_t akg, uint8_t areg, uint8_t bkg, uint8_t breg,
			const struct match_options *o);
/* The concept similarity of query a and candidate b (the score's concepts part, 0..1). */
double m_concept_sim(const struct m_org *a, const struct m_org *b);
/* The complementarity of roles ra (query) and rb (candidate). */
double m_comp(uint8_t ra, uint8_t rb, int places);

/* ---- rank.c ---- */
/* Scratch for a corpus of n organisations and k concepts. */
int m_scratch_init(struct m_scratch *s, size_t n, size_t k);
void m_scratch_release(struct m_scratch *s);
/* Ranks candidates for q into out (indexed or brute force); out->opp = opp. */
void m_rank(const struct match_corpus *c, const struct m_query *q, const struct match_options *o,
	    int64_t opp, struct m_scratch *s, struct match_list *out);
/* The query of organisation org. */
void m_org_query(const struct match_corpus *c, size_t org, struct m_query *q);

/* ---- prepare.c ---- */
/* Runs fn(ctx, i, thread) for i in [0, n) on threads workers. */
int m_parallel(size_t n, unsigned threads, int (*fn)(void *ctx, size_t i, unsigned t), void *ctx);
/* The number of workers for a request of threads (0 = online CPUs). */
unsigned m_threads(unsigned threads);

#endif
