/*
 * output.c - results as DESIGN.md's JSON: {"results": [{"id", "matches":
 * [{"id", "score", "reasons": [{"concept", "label", "evidence"}]}]}]}.
 * The query's evidence comes first in "evidence", then the match's.
 */
#include "match/match_int.h"

#include <math.h>
#include <string.h>

static const char *reason_label(const struct match_corpus *c, uint32_t k, enum text_lang lang)
{
	return k == MATCH_REASON_TERMS ? "Shared words" : text_concept_label(c->th, k, lang);
}

static const char *reason_id(const struct match_corpus *c, uint32_t k)
{
	return k == MATCH_REASON_TERMS ? "shared-words" : text_concept_id(c->th, k);
}

/* {"organisation": org, "id": opp}: an opportunity id is scoped to its organisation. */
static json_t *opp_ref(const char *org, const char *opp)
{
	json_t *o = json_object();

	json_object_set_new(o, "organisation", json_string(org));
	json_object_set_new(o, "id", json_string(opp));
	return o;
}

static json_t *reason_json(const struct match_corpus *c, const struct match_reason *r,
			   const char *self, const char *other, enum text_lang lang)
{
	json_t *ev = json_array(), *o = json_object();

	for (size_t i = 0; i < r->nself + r->nother; i++) {
		size_t k = 0;

		while (k < i && strcmp(r->evidence[k], r->evidence[i]) != 0)
			k++;
		if (k == i) /* both sides may give the same phrase: once is enough */
			json_array_append_new(ev, json_string(r->evidence[i]));
	}
	json_object_set_new(o, "concept", json_string(reason_id(c, r->concept)));
	json_object_set_new(o, "label", json_string(reason_label(c, r->concept, lang)));
	json_object_set_new(o, "evidence", ev);
	if (r->via != r->concept)
		json_object_set_new(o, "via", json_string(reason_id(c, r->via)));
	if (r->complementary)
		json_object_set_new(o, "complementary", json_true());
	if (r->self_opp || r->other_opp) {
		json_t *ops = json_array();

		if (r->self_opp)
			json_array_append_new(ops, opp_ref(self, r->self_opp));
		if (r->other_opp)
			json_array_append_new(ops, opp_ref(other, r->other_opp));
		json_object_set_new(o, "opportunities", ops);
	}
	return o;
}

static json_t *hit_json(const struct match_corpus *c, const struct match_hit *h, const char *self,
			enum text_lang lang)
{
	json_t *o = json_object(), *reasons = json_array();

	for (size_t i = 0; i < h->nreasons; i++)
		json_array_append_new(
		    reasons, reason_json(c, &h->reasons[i], self, c->orgs[h->org].id, lang));
	json_object_set_new(o, "id", json_string(c->orgs[h->org].id));
	json_object_set_new(o, "score", json_real(round(h->score * 1000.0) / 1000.0));
	json_object_set_new(o, "reasons", reasons);
	return o;
}

json_t *match_list_json(const struct match_corpus *c, const struct match_list *l,
			enum text_lang lang)
{
	json_t *o = json_object(), *matches = json_array();

	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(matches, hit_json(c, &l->hits[i], c->orgs[l->org].id, lang));
	json_object_set_new(o, "id", json_string(c->orgs[l->org].id));
	if (l->opp >= 0)
		json_object_set_new(o, "opportunity", json_string(c->orgs[l->org].opps[l->opp].id));
	json_object_set_new(o, "matches", matches);
	return o;
}

json_t *match_results_json(const struct match_corpus *c, const struct match_results *r,
			   enum text_lang lang)
{
	json_t *o = json_object(), *results = json_array();

	for (size_t i = 0; i < r->n; i++)
		json_array_append_new(results, match_list_json(c, &r->lists[i], lang));
	json_object_set_new(o, "results", results);
	return o;
}
