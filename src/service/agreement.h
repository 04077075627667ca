/*
 * agreement.h - the agreement pipeline's workflows beyond the generic
 * CRUD (resource.h): an agreement made from a meeting (its parties and
 * event filled in from the meeting) and the pilot a signed agreement
 * starts. The generic create and update of agreements keep the dated
 * history of their states (who, when, from, to: agreement.c, called by
 * resource.c in the same transaction) and the state machine of
 * store/agreements.h.
 *
 * Conventions of service.h.
 */
#ifndef LIAISON_SERVICE_AGREEMENT_H
#define LIAISON_SERVICE_AGREEMENT_H

#include "service/service.h"

/*
 * Creates an agreement from meeting: body as for POST /agreements but
 * without parties, event_id and meeting_id, which come from the meeting
 * (the organisations of its participants, in order). ERR_CONFLICT naming
 * "parties" when the participants are of fewer than two organisations;
 * ERR_INVALID naming a field the meeting fills. *out is the agreement.
 */
int service_agreement_from_meeting(struct service_conn *c, const struct service_caller *who,
				   int64_t meeting, const json_t *body, json_t **out,
				   struct err *e);

/*
 * Starts the pilot of agreement parent (signed or in progress, else
 * ERR_CONFLICT naming "parent_id"): an agreement of kind pilot_project
 * with the parent's parties, event, meeting and challenge, body giving
 * "title" (required) and any other field but those. *out is the pilot.
 */
int service_agreement_pilot(struct service_conn *c, const struct service_caller *who,
			    int64_t parent, const json_t *body, json_t **out, struct err *e);

#endif
