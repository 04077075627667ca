/*
 * challenge_int.h - the checks of challenge.c that the demo loader
 * (challenge_demo.c) applies too; inside the caller's transaction on s.
 */
#ifndef LIAISON_SERVICE_CHALLENGE_INT_H
#define LIAISON_SERVICE_CHALLENGE_INT_H

#include "core/err.h"

#include <jansson.h>

struct store;

/* Checks a challenge body (docs/api.md), rewriting its instants in UTC. */
int service_challenge_check(struct store *s, json_t *body, struct err *e);

/* Checks a new submission body for challenge ch: its fields and the call's eligibility. */
int service_submission_check(struct store *s, const json_t *body, const json_t *ch,
			     struct err *e);

#endif
