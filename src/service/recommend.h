/*
 * recommend.h - ranked partners with reasons for one organisation or one
 * opportunity (GET /organisations/{id}/recommendations and GET
 * /opportunities/{id}/matches), from the matching engine (match/match.h)
 * over everything the database holds.
 *
 * The engine ranks within a prepared corpus of every organisation, and
 * preparing one (analysing every text) is the slow part; so the process
 * keeps one prepared corpus, tagged with the store's data version it was
 * read at (store_data_version). A query first reads the version on its own
 * connection; when it differs from the cached corpus's, the corpus is
 * rebuilt before answering (one build at a time: concurrent queries wait
 * for it rather than build their own), so that a changed profile,
 * opportunity or meeting request shows in the very next answer. Queries
 * rank concurrently on the cached corpus; a replaced corpus is freed when
 * the last query using it ends. The thesaurus (compiled into the binary)
 * and the language models are loaded once, at the first query.
 *
 * What is matched: every organisation except those whose validation is
 * "rejected", each with its open opportunities; an organisation with
 * neither a description nor an opportunity is left out (it has no text to
 * match on), and so is one the engine refuses (logged as a warning).
 * Such an organisation, or a closed opportunity, gets an empty list.
 * Pairs whose people have an accepted or a declined meeting request
 * between them are never proposed (store_match_source).
 *
 * Threads: every function may be called from any thread at any time,
 * except service_recommend_cleanup (once no query runs, e.g. after the
 * server has stopped). Results are new references.
 */
#ifndef LIAISON_SERVICE_RECOMMEND_H
#define LIAISON_SERVICE_RECOMMEND_H

#include "core/err.h"
#include "service/service.h"
#include "text/lang.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#define SERVICE_RECOMMEND_TOP_DEFAULT 10
#define SERVICE_RECOMMEND_TOP_MAX     100

struct service_recommend_opts {
	size_t top;	     /* matches to return, 1..SERVICE_RECOMMEND_TOP_MAX */
	enum text_lang lang; /* language of the reasons' labels (English default) */
};

/* Sets the defaults: top 10, labels in English. */
void service_recommend_opts_init(struct service_recommend_opts *o);

/*
 * Reads the query parameters (strings, as the HTTP layer gives them):
 * "top" (an integer from 1 to 100) and "lang" (a language tag: "zh",
 * "fr", "pt-BR"; a language without a label of its own falls back to
 * English). ERR_BAD_REQUEST naming the parameter when one is malformed,
 * out of range, an unknown language, or any other parameter.
 */
int service_recommend_opts_read(const json_t *query, struct service_recommend_opts *o,
				struct err *e);

/*
 * The partners of organisation org:
 * {"id": 12, "ref"?: "fi-mobisync", "name": "...",
 *  "matches": [{"id": 40, "ref"?: "cn-chengdu", "name", "country"?, "kind"?,
 *               "score": 0.82, "reasons": [{"concept", "label",
 *               "evidence": [...], "via"?, "complementary"?}]}]}
 * best first (ties by id), never org itself. Reasons are the engine's
 * (match_list_json): the query's evidence phrases first, then the match's.
 * ERR_NOT_FOUND (field "id") for an unknown organisation.
 */
int service_recommend_org(struct service_conn *c, int64_t org,
			  const struct service_recommend_opts *o, json_t **out, struct err *e);

/*
 * The organisations that suit opportunity opp, ranked on that
 * opportunity's own text, themes and type (an offer meets requests):
 * {"id": 7, "ref"?, "title", "type", "state", "organisation_id": 12,
 *  "organisation": "<name>", "matches": [... as above ...]}; its own
 * organisation never matches, and a closed opportunity has no matches.
 * ERR_NOT_FOUND (field "id") for an unknown opportunity.
 */
int service_recommend_opportunity(struct service_conn *c, int64_t opp,
				  const struct service_recommend_opts *o, json_t **out,
				  struct err *e);

/*
 * Ranks the organisations of batch (DESIGN.md's batch format, made by the
 * caller: the expert pool against a case, service/expert.c) for the one
 * whose id is query, with the thesaurus and language models of the
 * recommendations (loaded once); no cross-border preference. *out =
 * match_list_json's {"id", "matches": [{"id", "score", "reasons"}]}, best
 * first. ERR_INVALID naming the batch's field when the engine refuses it.
 */
int service_recommend_batch(const json_t *batch, const char *query, size_t top,
			    enum text_lang lang, json_t **out, struct err *e);

/*
 * Facts about the cached corpus for logs and benchmarks: {"version",
 * "organisations", "build_ms", "builds"}; {"organisations": 0, "builds": 0}
 * before the first query.
 */
json_t *service_recommend_status(void);

/* Frees the cached corpus, the thesaurus and the language models. */
void service_recommend_cleanup(void);

#endif
