/*
 * hooks.c - the rules of organisations and people that span
 * tables: what deleting them takes with it or is refused by.
 *
 * Deleting an organisation deletes its opportunities, its people (with
 * their registrations) and its challenge submissions (with their
 * attachments, reviews and decisions: the organisation's data goes with it,
 * GDPR erasure included), unless one of its people has meeting requests,
 * the organisation is a party to an agreement (a winner's pilot is one) or
 * it hosts the pilot of a challenge's track (409). Deleting a person
 * deletes their registrations, unless they have meeting requests (409).
 */
#include "store/store_int.h"

#include <inttypes.h>
#include <stdlib.h>

/* 409 when sql (counting with ?1 = id) finds rows. */
static int refuse_if(struct store *s, int64_t id, const char *sql, const char *what,
		     const char *noun, struct err *e)
{
	int64_t n = 0;
	int rc = store_int(s, e, &n, sql, "i", id);

	if (rc < 0)
		return rc;
	if (n > 0)
		return err_set(e, ERR_CONFLICT, "id", "%s %" PRId64 " cannot be deleted: %s %" PRId64
			       " %s; delete those first", noun, id, what, n,
			       n == 1 ? "meeting request" : "meeting requests");
	return 0;
}

/* Removes the FTS rows of the children that a cascade will delete. */
static int drop_children_fts(struct store *s, enum store_res res, const char *sql, int64_t id,
			     struct err *e)
{
	int64_t *ids;
	size_t n;
	int rc = store_ids(s, e, &ids, &n, sql, id);

	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = store_fts_row(s, store_resdef(res), ids[i], 0, e);
	free(ids);
	return rc;
}

static int org_before_delete(struct store *s, int64_t id, struct err *e)
{
	int64_t n = 0;
	int rc;

	rc = refuse_if(s, id,
		       "SELECT count(*) FROM meeting_requests WHERE requester_id IN"
		       " (SELECT id FROM people WHERE organisation_id = ?1) OR invitee_id IN"
		       " (SELECT id FROM people WHERE organisation_id = ?1)",
		       "its people have", "organisation", e);
	if (rc)
		return rc;
	rc = store_int(s, e, &n, "SELECT count(*) FROM agreement_parties WHERE organisation_id = ?1",
		       "i", id);
	if (rc < 0)
		return rc;
	if (n > 0)
		return err_set(e, ERR_CONFLICT, "id",
			       "organisation %" PRId64 " cannot be deleted: it is a party to %" PRId64
			       " %s",
			       id, n, n == 1 ? "agreement" : "agreements");
	rc = store_int(s, e, &n, "SELECT count(*) FROM challenge_tracks WHERE pilot_host_id = ?1",
		       "i", id);
	if (rc < 0)
		return rc;
	if (n > 0)
		return err_set(e, ERR_CONFLICT, "id",
			       "organisation %" PRId64 " cannot be deleted: it hosts the pilot of %" PRId64
			       " challenge %s",
			       id, n, n == 1 ? "track" : "tracks");
	/* attachments, reviews and decisions go with them (ON DELETE CASCADE) */
	rc = store_exec(s, e, "DELETE FROM challenge_submissions WHERE organisation_id = ?1", "i",
			id);
	if (rc == 0)
		rc = drop_children_fts(s, STORE_OPPORTUNITY,
				       "SELECT id FROM opportunities WHERE organisation_id = ?1", id, e);
	if (rc == 0)
		rc = drop_children_fts(s, STORE_PERSON,
				       "SELECT id FROM people WHERE organisation_id = ?1", id, e);
	return rc;
}

static int person_before_delete(struct store *s, int64_t id, struct err *e)
{
	return refuse_if(s, id,
			 "SELECT count(*) FROM meeting_requests WHERE requester_id = ?1"
			 " OR invitee_id = ?1",
			 "they have", "person", e);
}

const struct store_hooks store_org_hooks = {
	.before_delete = org_before_delete,
};

const struct store_hooks store_person_hooks = {
	.before_delete = person_before_delete,
};
