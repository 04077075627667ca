/*
 * agreements.h - the agreement pipeline's store side (agreements.c): the
 * state machine every write of an agreement obeys, the history of its
 * states, and the rules of pilots. The generic CRUD (store.h) reads and
 * writes agreements; its hooks apply these rules, so that no path (the
 * API, the demo) writes an agreement that breaks them.
 *
 * States: intent -> signed -> in_progress -> completed, and abandoned from
 * any of the first three; completed and abandoned are final. A pilot is
 * an agreement of kind pilot_project whose parent_id names a signed (or
 * in progress) agreement.
 */
#ifndef LIAISON_STORE_AGREEMENTS_H
#define LIAISON_STORE_AGREEMENTS_H

#include "core/err.h"

#include <stdint.h>

struct store;

/* 1 when an agreement may move from state from to state to (from != to). */
int store_agreement_step_legal(const char *from, const char *to);

/*
 * Appends a row to agreement id's history: from (NULL for the state it
 * was created in) to to, at (an RFC 3339 time; NULL = now), by account
 * (0 = none) with its e-mail (may be NULL), inside the caller's
 * transaction.
 */
int store_agreement_history_add(struct store *s, int64_t id, const char *from, const char *to,
				const char *at, int64_t account, const char *email,
				struct err *e);

#endif
