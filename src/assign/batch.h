/*
 * batch.h - the batch form of a review assignment (docs/data-format.md,
 * "liaison assign"): JSON in, the problem of assign.h, JSON out. Used by
 * `liaison assign FILE` and by the challenge workflows, which write the
 * same document from the database.
 *
 * Conflicts (pairs never assigned) come from: a reviewer's declared
 * "conflicts" (submission ids), the same organisation, the same country
 * when "same_country" is true, an agreement between the two
 * organisations ("agreements": [["org-a", "org-b"], ...]) and the
 * organiser's "forbidden" pairs. "fixed" pairs are always assigned (a
 * fixed pair that is also a conflict is refused). The cost of a pair is
 * assign_overlap_cost of the reviewer's "expertise" (thesaurus concept
 * ids) and the submission's concepts: its "themes" and the concepts the
 * thesaurus tags in its title and abstract (in any language).
 *
 * Ownership: a batch owns every array and string; the thesaurus and the
 * language identifier are borrowed for the parse only.
 */
#ifndef LIAISON_ASSIGN_BATCH_H
#define LIAISON_ASSIGN_BATCH_H

#include "assign/assign.h"

#include <jansson.h>

struct text_thesaurus;
struct text_langid;

enum assign_reason {
	ASSIGN_BY_DECLARED,
	ASSIGN_BY_ORGANISATION,
	ASSIGN_BY_COUNTRY,
	ASSIGN_BY_AGREEMENT,
	ASSIGN_BY_OVERRIDE,
	ASSIGN_REASONS
};

struct assign_batch {
	struct assign_problem p; /* its arrays point into the fields below */
	char **sub_id, **rev_id; /* [nsub], [nrev] */
	unsigned *cap;
	int *cost;
	unsigned char *pair;
	unsigned char *why;               /* [nsub * nrev]: enum assign_reason of a conflict */
	size_t conflicts[ASSIGN_REASONS]; /* conflicted pairs, by first reason */
	size_t fixed;
};

/*
 * Reads doc into *b (initialised here; release it whatever the result).
 * ERR_INVALID naming the JSON path of the first bad field
 * ("reviewers[3].expertise[0]": "is not a concept of the thesaurus").
 * langid may be NULL (languages are then told by script, else English).
 */
int assign_batch_parse(struct assign_batch *b, const json_t *doc, const struct text_thesaurus *th,
		       const struct text_langid *langid, struct err *e);

/*
 * assign_solve on b's problem, the reason of an infeasible one naming the
 * submission by its id.
 */
int assign_batch_solve(const struct assign_batch *b, struct assign_result *r, struct err *e);

void assign_batch_release(struct assign_batch *b);

/*
 * The result as {"assignments": [{"submission", "reviewers": [{"id",
 * "cost"}], "cost"}], "reviewers": [{"id", "load", "cap"}], "stats":
 * {"submissions", "reviewers", "reviews", "slots", "total_cost",
 * "fixed", "conflicts": {"declared", "organisation", "country",
 * "agreement", "override"}}} (a new reference). r must be complete
 * (missing 0).
 */
json_t *assign_result_json(const struct assign_batch *b, const struct assign_result *r);

#endif
