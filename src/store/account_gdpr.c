/*
 * account_gdpr.c - a person's rights over their account (account.h): the
 * export of everything the store holds about them, and the deletion that
 * anonymises their person but keeps their meetings for the statistics.
 */
#include "store/account_int.h"

#include "core/jsonx.h"

#include <inttypes.h>
#include <stdlib.h>

/* The rows of res whose ids sql (?1 = arg) yields, as the API shows them (*out NULL on error). */
static int res_rows(struct store *s, enum store_res res, const char *sql, int64_t arg,
		    json_t **out, struct err *e)
{
	int64_t *ids;
	size_t n;
	int rc = store_ids(s, e, &ids, &n, sql, arg);

	*out = json_array();
	for (size_t i = 0; rc == 0 && i < n; i++) {
		json_t *row;

		rc = store_row_read(s, store_resdef(res), ids[i], STORE_VIEW_API, &row, e);
		if (rc == 0)
			json_array_append_new(*out, row);
	}
	free(ids);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

static int export_person(struct store *s, json_t *out, int64_t person, int64_t org,
			 struct err *e)
{
	json_t *v = NULL;
	int rc = store_row_read(s, store_resdef(STORE_PERSON), person, STORE_VIEW_API, &v, e);

	if (rc == 0 && json_object_set_new(out, "person", v) == 0 && org)
		rc = store_row_read(s, store_resdef(STORE_ORGANISATION), org, STORE_VIEW_API, &v, e);
	if (rc == 0 && org)
		json_object_set_new(out, "organisation", v);
	if (rc == 0)
		rc = res_rows(s, STORE_REGISTRATION,
			      "SELECT id FROM registrations WHERE person_id = ?1 ORDER BY id", person,
			      &v, e);
	json_object_set_new(out, "registrations", rc == 0 ? v : json_array());
	if (rc == 0)
		rc = res_rows(s, STORE_MEETING_REQUEST,
			      "SELECT id FROM meeting_requests WHERE requester_id = ?1"
			      " OR invitee_id = ?1 ORDER BY id",
			      person, &v, e);
	json_object_set_new(out, "meeting_requests", rc == 0 ? v : json_array());
	if (rc == 0)
		rc = res_rows(s, STORE_MEETING,
			      "SELECT meeting_id FROM meeting_participants WHERE person_id = ?1"
			      " ORDER BY meeting_id",
			      person, &v, e);
	json_object_set_new(out, "meetings", rc == 0 ? v : json_array());
	return rc;
}

static int export_own(struct store *s, json_t *out, int64_t id, const char *email,
		      struct err *e)
{
	json_t *tokens = NULL, *outbox = json_array(), *audit = json_array();
	int64_t sessions = 0;
	int rc = store_token_list(s, id, &tokens, e);

	if (rc == 0)
		json_object_set(out, "api_tokens", json_object_get(tokens, "items"));
	if (rc == 0)
		rc = store_int(s, e, &sessions, "SELECT count(*) FROM sessions WHERE account_id = ?1",
			       "i", id);
	if (rc >= 0)
		rc = acct_rows(s, outbox, e,
			       "SELECT id, to_email AS \"to\", kind, subject, body, by_account AS"
			       " \"by\", created_at FROM outbox WHERE to_email = ?1 COLLATE NOCASE"
			       " OR to_email = (SELECT p.email FROM accounts a JOIN people p"
			       " ON p.id = a.person_id WHERE a.id = ?2) COLLATE NOCASE ORDER BY id",
			       "ti", email, id);
	if (rc == 0)
		rc = acct_rows(s, audit, e,
			       "SELECT id, " ACCT_RFC3339("at") " AS at, account_id, email, action,"
			       " status, detail FROM audit_log WHERE account_id = ?1 ORDER BY id",
			       "i", id);
	json_object_set_new(out, "sessions", json_integer(sessions));
	json_object_set_new(out, "notifications", outbox);
	json_object_set_new(out, "audit", audit);
	json_decref(tokens);
	return rc;
}

static int export_tx(struct store *s, int64_t id, json_t **out, struct err *e)
{
	json_t *acc = NULL, *agreements = NULL;
	int64_t person, org;
	int rc = store_account_get(s, id, &acc, e);

	if (rc)
		return rc;
	person = json_integer_value(json_object_get(acc, "person_id"));
	org = json_integer_value(json_object_get(acc, "organisation_id"));
	*out = json_pack("{s:o}", "account", acc);
	if (person) {
		rc = export_person(s, *out, person, org, e);
	} else {
		json_object_set_new(*out, "registrations", json_array());
		json_object_set_new(*out, "meeting_requests", json_array());
		json_object_set_new(*out, "meetings", json_array());
	}
	if (rc == 0)
		rc = res_rows(s, STORE_AGREEMENT,
			      "SELECT agreement_id FROM agreement_parties WHERE organisation_id = ?1"
			      " ORDER BY agreement_id",
			      org, &agreements, e);
	json_object_set_new(*out, "agreements", rc == 0 ? agreements : json_array());
	if (rc == 0)
		rc = export_own(s, *out, id, jsonx_str(acc, "email"), e);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int store_account_export(struct store *s, int64_t id, json_t **out, struct err *e)
{
	int rc = store_read_begin(s, e);

	*out = NULL;
	if (rc)
		return rc;
	return store_read_end(s, export_tx(s, id, out, e), e);
}

/* ---- deletion ---------------------------------------------------------------- */

static int anonymise(struct store *s, int64_t person, struct err *e)
{
	int64_t *ids;
	size_t n;
	char now[32];
	json_t *patch;
	int rc = store_ids(s, e, &ids, &n,
			   "SELECT id FROM meeting_requests WHERE state = 'requested'"
			   " AND (requester_id = ?1 OR invitee_id = ?1) ORDER BY id",
			   person);

	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = store_act_tx(s, ids[i], "cancel", e);
	free(ids);
	if (rc)
		return rc;
	patch = json_pack("{s:s, s:n, s:n, s:n, s:n, s:n}", "name", "Deleted participant", "ref",
			  "role", "email", "phone", "languages");
	rc = store_update_tx(s, STORE_PERSON, person, patch, e);
	json_decref(patch);
	/* what they wrote to others goes too; the requests stay for the statistics */
	if (rc == 0)
		rc = store_exec(s, e, "UPDATE meeting_requests SET message = NULL"
				" WHERE requester_id = ?1 AND message IS NOT NULL", "i", person);
	store_now(now);
	if (rc == 0)
		rc = store_exec(s, e, "UPDATE people SET deleted_at = ?1 WHERE id = ?2", "ti", now,
				person);
	return rc;
}

static int delete_tx(struct store *s, int64_t id, struct err *e)
{
	int64_t person = 0;
	int rc = store_int(s, e, &person, "SELECT coalesce(person_id, 0) FROM accounts WHERE id = ?1",
			   "i", id);

	if (rc < 0)
		return rc;
	if (rc == 0)
		return err_set(e, ERR_NOT_FOUND, "id", "no account with id %" PRId64, id);
	rc = store_exec(s, e, "DELETE FROM sessions WHERE account_id = ?1", "i", id);
	if (rc == 0)
		rc = store_exec(s, e, "DELETE FROM api_tokens WHERE account_id = ?1", "i", id);
	if (rc == 0)
		rc = store_exec(s, e, "DELETE FROM reset_tokens WHERE account_id = ?1", "i", id);
	if (rc == 0)
		rc = store_exec(s, e, "DELETE FROM account_roles WHERE account_id = ?1", "i", id);
	/*
	 * Messages queued for them hold their address (the account's or their
	 * person's; maybe a reset code), and the meeting notices they caused
	 * quote their name and words.
	 */
	if (rc == 0)
		rc = store_exec(s, e, "DELETE FROM outbox WHERE to_email = (SELECT email FROM"
				" accounts WHERE id = ?1) COLLATE NOCASE OR to_email = (SELECT"
				" p.email FROM accounts a JOIN people p ON p.id = a.person_id"
				" WHERE a.id = ?1) COLLATE NOCASE OR (by_account = ?1 AND kind ="
				" 'meeting_request')", "i", id);
	/* the enquiries they opened at the desk, with their threads, are their words too */
	if (rc == 0)
		rc = store_exec(s, e, "DELETE FROM cases WHERE requester_id = ?1", "i", id);
	if (rc == 0)
		rc = store_exec(s, e, "DELETE FROM accounts WHERE id = ?1", "i", id);
	if (rc == 0 && person)
		rc = anonymise(s, person, e);
	return rc;
}

int store_account_delete(struct store *s, int64_t id, struct err *e)
{
	int rc = store_tx_begin(s, e);

	if (rc)
		return rc;
	return store_tx_end(s, delete_tx(s, id, e), e);
}
