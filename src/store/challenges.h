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

#endif
