/*
 * challenges.h - innovation challenges in the store (challenges.c): the
 * call with its tracks, the submissions of organisations and their
 * attachments (bytes kept in the database). The rules (who, when, which
 * state) are the workflows' (service/challenge.c); the schema refuses
 * impossible rows (migration 10).
 *
 * JSON shapes are those of docs/api.md, "Challenges". Results are new
 * references; ERR_NOT_FOUND names "id" when there is no such row.
 */
#ifndef LIAISON_STORE_CHALLENGES_H
#define LIAISON_STORE_CHALLENGES_H

#include "core/err.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct store;

/*
 * Inserts challenge c (checked: "title", "description"?, "time_zone",
 * "opens_at", "closes_at" in UTC "…Z", "themes"?, "sdgs"?,
 * "eligibility"?: {"kinds"?, "countries"?}, "criteria", "prizes"?,
 * "tracks": [{"title", "description"?, "pilot"?: {"host_organisation_id"?,
 * "city"?}}]) in state draft; *id is its id.
 */
int store_challenge_insert(struct store *s, const json_t *c, int64_t *id, struct err *e);

/* The challenge with its tracks (in order, each with its "id"). */
int store_challenge_get(struct store *s, int64_t id, json_t **out, struct err *e);

/* Every challenge (drafts when with_drafts), newest first, as store_challenge_get. */
int store_challenge_list(struct store *s, int with_drafts, json_t **out, struct err *e);

int store_challenge_set_state(struct store *s, int64_t id, const char *state, struct err *e);

/* *yes = 1 when account holds role ("organiser", "jury") on challenge id. */
int store_challenge_role(struct store *s, int64_t account, const char *role, int64_t id,
			 int *yes, struct err *e);

/*
 * Inserts submission sub ("challenge_id", "track_id", "organisation_id",
 * "title", "abstract", "team", "links") in state submitted, by account.
 */
int store_submission_insert(struct store *s, const json_t *sub, int64_t account, int64_t *id,
			    struct err *e);

/* Sets the fields of patch ("track_id", "title", "abstract", "team", "links"). */
int store_submission_update(struct store *s, int64_t id, const json_t *patch, struct err *e);

int store_submission_set_state(struct store *s, int64_t id, const char *state, struct err *e);

/* The submission with "attachments": [{"id", "name", "media_type", "size", "created_at"}]. */
int store_submission_get(struct store *s, int64_t id, json_t **out, struct err *e);

/*
 * The submissions of challenge id, of organisation org only when org > 0,
 * oldest first (as store_submission_get, without attachments).
 */
int store_submission_list(struct store *s, int64_t challenge, int64_t org, json_t **out,
			  struct err *e);

/* Stores an attachment of submission sub: data[0..len), its sniffed type, the client's name. */
int store_attachment_insert(struct store *s, int64_t sub, const char *name,
			    const char *media_type, const void *data, size_t len, int64_t *id,
			    struct err *e);

/*
 * Attachment id of submission sub: *meta {"id", "name", "media_type",
 * "size"}, *data its bytes (malloc'd, the caller frees), *len their count.
 */
int store_attachment_get(struct store *s, int64_t sub, int64_t id, json_t **meta, char **data,
			 size_t *len, struct err *e);

/* ---- jury and reviews (migration 12) ------------------------------------ */

/* 0 when account id exists, else ERR_NOT_FOUND naming "account_id". */
int store_account_known(struct store *s, int64_t id, struct err *e);

/* Sets member account of challenge id: m {"expertise", "conflicts", "cap"?}. */
int store_jury_put(struct store *s, int64_t id, int64_t account, const json_t *m,
		   struct err *e);

/*
 * The jury of challenge id: [{"account_id", "email", "person_id",
 * "name", "organisation_id", "country", "expertise", "conflicts", "cap"}]
 * (person fields null when the account has none).
 */
int store_jury_list(struct store *s, int64_t id, json_t **out, struct err *e);

/* The pairs [[a, b]] of organisations that share an agreement (a < b). */
int store_agreement_pairs(struct store *s, json_t **out, struct err *e);

/* The number of reviews of challenge id already given (scores set). */
int store_reviews_given(struct store *s, int64_t id, int64_t *n, struct err *e);

/* Replaces the reviews of challenge id by rows [{"submission_id", "account_id", "fixed", "cost"}]. */
int store_reviews_replace(struct store *s, int64_t id, const json_t *rows, struct err *e);

/*
 * The reviews of challenge id ([{"id", "submission_id", "account_id",
 * "fixed", "cost", "scores", "comment_jury", "comment_submitter",
 * "submitted_at"}]), of account only when account > 0.
 */
int store_reviews_list(struct store *s, int64_t id, int64_t account, json_t **out,
		       struct err *e);

/* Records review (submission, account): r {"scores", "comment_jury"?, "comment_submitter"?}. */
int store_review_put(struct store *s, int64_t submission, int64_t account, const json_t *r,
		     struct err *e);

/* ---- decisions (migration 14) ------------------------------------------- */

/* Replaces the winners of track (of challenge id) by submissions winners[] in rank order. */
int store_decisions_put(struct store *s, int64_t id, int64_t track, const json_t *winners,
			struct err *e);

/* The winners of challenge id: [{"submission_id", "track_id", "rank", "agreement_id"}]. */
int store_decisions_list(struct store *s, int64_t id, json_t **out, struct err *e);

/* Links winner submission's decision to agreement. */
int store_decision_pilot(struct store *s, int64_t submission, int64_t agreement, struct err *e);

#endif
