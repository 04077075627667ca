/*
 * match.h - partner ranking with reasons, across languages (pure: no I/O).
 *
 * A corpus holds organisations (their descriptions, interests, pillar
 * industries, declared themes, SDGs and sectors, and their opportunities,
 * each an offer or a request). match_corpus_prepare analyses every text
 * (language identification, segmentation, stemming, thesaurus tagging)
 * and builds the inverted indexes; then match_run ranks partners for
 * every organisation, match_org for one, match_opportunity for one
 * opportunity. docs/matching.md explains the score; in short:
 *
 *   score = (0.8 concepts + 0.2 text) x kind preference x cross-border preference
 *
 * - concepts: the thesaurus concepts both sides have (whatever language
 *   each writes in), weighted by rarity, with partial credit for broader
 *   and related concepts; an offer meeting a request on a concept counts
 *   more than two offers (or two requests, except between two cities or
 *   regions: a shared challenge suits twinning);
 * - text: BM25 of the query's most telling words in the candidate's texts,
 *   within a shared language (Chinese and Japanese share their Han words);
 * - rules: never oneself (nor, for an opportunity, its own organisation);
 *   excluded pairs (already met, declined) never match; the kind of
 *   organisation is a soft preference, never a wall; China <-> Europe
 *   pairs are preferred unless options->cross_border is 0.
 *
 * Candidates come from the inverted indexes (concepts and words), at most
 * options->candidates per query, and are then scored exactly by the same
 * function the brute-force scorer uses. Output is deterministic: the same
 * corpus and options give the same results whatever the number of threads.
 *
 * Ownership: match_corpus_add copies what it keeps; the thesaurus and the
 * language identifier are borrowed and must outlive the corpus. Results
 * point into the corpus (evidence strings): release them before freeing it.
 *
 * Threads: a prepared corpus is read-only; match_org and match_opportunity
 * may run concurrently on it. Adding organisations or exclusions after
 * preparing makes the next query prepare again (not thread-safe then).
 */
#ifndef LIAISON_MATCH_MATCH_H
#define LIAISON_MATCH_MATCH_H

#include "core/err.h"
#include "text/lang.h"
#include "text/thesaurus.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

enum match_opp_type {
	MATCH_OFFER = 1,
	MATCH_REQUEST = 2,
};

/* An opportunity as given; strings are borrowed for the call. */
struct match_opp_in {
	const char *id; /* required */
	enum match_opp_type type;
	const char *title;	 /* may be NULL */
	const char *description; /* may be NULL */
	const char *const *themes;
	size_t nthemes;
	const int *sdgs;
	size_t nsdgs;
};

/* An organisation as given (the batch format's fields that matter). */
struct match_org_in {
	const char *id;	     /* required, unique in the corpus */
	const char *name;    /* required */
	const char *kind;    /* NULL or city, region, sme, company, park, university,
				institute, association, agency, other */
	const char *country; /* NULL or ISO 3166-1 alpha-2 */
	const char *const *languages;
	size_t nlanguages;
	const char *description; /* may be NULL */
	const char *const *themes;
	size_t nthemes;
	const int *sdgs;
	size_t nsdgs;
	const char *const *sectors; /* NACE codes: "H49", "H49.3", "H" */
	size_t nsectors;
	const char *const *interests;
	size_t ninterests;
	const char *const *pillar_industries;
	size_t npillar_industries;
	const struct match_opp_in *opps;
	size_t nopps;
};

struct match_options {
	size_t top;	   /* matches per query (default 10) */
	unsigned threads;  /* worker threads; 0 = online CPUs (default 0) */
	int cross_border;  /* prefer China <-> Europe pairs (default 1) */
	int brute_force;   /* score every pair, no index (default 0) */
	size_t candidates; /* candidates scored per query (default 100) */
	double min_score;  /* matches scoring less are left out (default 0.05) */
};

/* Sets the defaults above. */
void match_options_default(struct match_options *o);

struct match_corpus;

/* A new empty corpus; th is required, langid may be NULL (see lang.h). */
struct match_corpus *match_corpus_new(const struct text_thesaurus *th,
				      const struct text_langid *langid);

/* Frees c (NULL is fine). */
void match_corpus_free(struct match_corpus *c);

/*
 * Adds an organisation (copied). ERR_INVALID when id or name is missing or
 * empty, the id is taken, or an opportunity has no id or a bad type; the
 * error names the field ("id", "opportunities[2].type").
 */
int match_corpus_add(struct match_corpus *c, const struct match_org_in *org, struct err *e);

/*
 * Adds the organisations of a batch document (DESIGN.md, "Batch formats":
 * {"organisations": [...]}, every field of docs/data-format.md accepted)
 * and its optional "exclusions": [["id-a", "id-b"], ...] (pairs that must
 * never match). Checks every field first and adds nothing on error:
 * ERR_INVALID with e->field the JSON path ("organisations[3].
 * opportunities[0].type") and e->msg the problem ("must be one of offer,
 * request").
 */
int match_corpus_add_json(struct match_corpus *c, const json_t *batch, struct err *e);

/* Forbids the pair (either order). ERR_NOT_FOUND for an unknown id. */
int match_corpus_exclude(struct match_corpus *c, const char *a, const char *b, struct err *e);

/* The number of organisations; they are numbered 0.. in the order added. */
size_t match_corpus_count(const struct match_corpus *c);

/* The organisation whose id is id, or -1. */
int64_t match_corpus_find(const struct match_corpus *c, const char *id);

/* The id of organisation org. */
const char *match_corpus_id(const struct match_corpus *c, size_t org);

/* The number of opportunities of org, and the index of one by id (or -1). */
size_t match_corpus_opp_count(const struct match_corpus *c, size_t org);
int64_t match_corpus_find_opp(const struct match_corpus *c, size_t org, const char *id);

/*
 * Analyses every text and builds the indexes, with threads workers (0 =
 * online CPUs). Done by the match functions when needed; call it directly
 * to time it. Returns 0 or ERR_INTERNAL (ICU failure).
 */
int match_corpus_prepare(struct match_corpus *c, unsigned threads, struct err *e);

/* The concept that a "shared terms" reason carries. */
#define MATCH_REASON_TERMS UINT32_MAX

/* Why a pair matches: one concept (or the shared terms), with evidence. */
struct match_reason {
	uint32_t concept;      /* thesaurus concept, or MATCH_REASON_TERMS */
	uint32_t via;	       /* the query's own concept when linked to concept */
	int complementary;     /* an offer of one side meets a request of the other */
	double weight;	       /* its part of the concept score (0..1) */
	const char **evidence; /* nself phrases of the query, then nother of the match */
	size_t nself, nother;
	/*
	 * The opportunity (its id, scoped to its organisation) the query's and
	 * the match's evidence come from, or NULL (description, declared
	 * themes). Borrowed from the corpus.
	 */
	const char *self_opp, *other_opp;
};

struct match_hit {
	size_t org;   /* corpus index */
	double score; /* 0..1 */
	struct match_reason *reasons;
	size_t nreasons;
};

/* The ranked matches of one query, best first (ties by id). */
struct match_list {
	size_t org;  /* the query's organisation */
	int64_t opp; /* the query's opportunity, or -1 */
	struct match_hit *hits;
	size_t n;
};

struct match_results {
	struct match_list *lists; /* one per organisation, corpus order */
	size_t n;
};

/* Ranks partners for every organisation. */
int match_run(struct match_corpus *c, const struct match_options *o, struct match_results *out,
	      struct err *e);

/* Ranks partners for organisation org (recommendations). */
int match_org(struct match_corpus *c, size_t org, const struct match_options *o,
	      struct match_list *out, struct err *e);

/*
 * Ranks organisations for opportunity opp of organisation org (its own
 * organisation never matches).
 */
int match_opportunity(struct match_corpus *c, size_t org, size_t opp, const struct match_options *o,
		      struct match_list *out, struct err *e);

void match_list_release(struct match_list *l);
void match_results_release(struct match_results *r);

/*
 * DESIGN.md's output: {"results": [{"id", "matches": [{"id", "score",
 * "reasons": [{"concept", "label", "evidence"}]}]}]}. Scores are rounded
 * to 3 decimals (dump with JSON_REAL_PRECISION(6) for short numbers).
 * Reasons may add "via" (the query's concept, when linked) and
 * "complementary": true. Labels are in lang (English when absent).
 */
json_t *match_results_json(const struct match_corpus *c, const struct match_results *r,
			   enum text_lang lang);

/* One list as {"id": ..., "matches": [...]} ("opportunity" added if any). */
json_t *match_list_json(const struct match_corpus *c, const struct match_list *l,
			enum text_lang lang);

#endif
