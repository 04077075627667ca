/*
 * access.c - the facts the authorisation checks need (account.h): roles
 * held, who owns a row, who may see a person's contact details and hidden
 * profile, how many meeting requests a person made today. Read-only.
 */
#include "store/account_int.h"

#include <inttypes.h>
#include <string.h>

/* The scope kind a role is checked on in store_has_role. */
static const char *const role_scope[STORE_ROLE_COUNT] = {"", "event", "organisation",
							 "challenge"};

int store_has_role(struct store *s, int64_t account, enum store_role role, int64_t scope_id,
		   int *yes, struct err *e)
{
	int64_t found = 0;
	int rc;

	*yes = 0;
	if ((int)role < 0 || role >= STORE_ROLE_COUNT)
		return err_set(e, ERR_INTERNAL, "role", "unknown role %d", (int)role);
	if (account <= 0)
		return 0;
	rc = store_int(s, e, &found,
		       "SELECT 1 FROM account_roles WHERE account_id = ?1 AND (role = 'admin'"
		       " OR (role = ?2 AND scope_kind = ?3 AND (?4 = 0 OR scope_id = ?4)))",
		       "itti", account, store_role_name(role), role_scope[role], scope_id);
	if (rc < 0)
		return rc;
	*yes = found != 0;
	return 0;
}

/* ---- owners ------------------------------------------------------------------ */

/* Runs sql (?1 = id) whose row gives up to 5 owner columns in struct order. */
static int owner_row(struct store *s, enum store_res res, const char *sql, int64_t id,
		     int64_t *cols[5], struct err *e)
{
	struct db_stmt *st;
	int rc = store_prep(s, sql, &st, e);

	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	rc = store_step(s, st, e);
	if (rc == 1)
		for (int i = 0; i < 5 && i < db_col_count(st); i++)
			if (cols[i])
				*cols[i] = db_col_int64(st, i);
	store_reset(st);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return err_set(e, ERR_NOT_FOUND, "id", "no %s with id %" PRId64,
			       store_resdef(res)->noun, id);
	return 0;
}

int store_owner(struct store *s, enum store_res res, int64_t id, struct store_owner *o,
		struct err *e)
{
	int64_t *org[5] = {&o->organisation, NULL, NULL, NULL, NULL};
	int64_t *person[5] = {&o->organisation, &o->person, NULL, NULL, NULL};
	int64_t *event[5] = {&o->event, NULL, NULL, NULL, NULL};
	int64_t *reg[5] = {&o->event, &o->person, &o->organisation, NULL, NULL};
	int64_t *req[5] = {&o->event, &o->person, &o->person2, NULL, NULL};
	int64_t *agr[5] = {&o->event, &o->organisation, &o->organisation2, NULL, NULL};

	memset(o, 0, sizeof(*o));
	switch (res) {
	case STORE_ORGANISATION:
		return owner_row(s, res, "SELECT id FROM organisations WHERE id = ?1", id, org, e);
	case STORE_PERSON:
		return owner_row(s, res, "SELECT organisation_id, id FROM people WHERE id = ?1", id,
				 person, e);
	case STORE_OPPORTUNITY:
		return owner_row(s, res, "SELECT organisation_id FROM opportunities WHERE id = ?1", id,
				 org, e);
	case STORE_EVENT:
		return owner_row(s, res, "SELECT id FROM events WHERE id = ?1", id, event, e);
	case STORE_REGISTRATION:
		return owner_row(s, res,
				 "SELECT r.event_id, r.person_id, (SELECT p.organisation_id FROM"
				 " people p WHERE p.id = r.person_id) FROM registrations r"
				 " WHERE r.id = ?1",
				 id, reg, e);
	case STORE_MEETING_REQUEST:
		return owner_row(s, res,
				 "SELECT event_id, requester_id, invitee_id FROM meeting_requests"
				 " WHERE id = ?1",
				 id, req, e);
	case STORE_MEETING:
		return owner_row(s, res,
				 "SELECT m.event_id, (SELECT person_id FROM meeting_participants"
				 " WHERE meeting_id = m.id ORDER BY person_id LIMIT 1),"
				 " (SELECT person_id FROM meeting_participants WHERE meeting_id = m.id"
				 " ORDER BY person_id LIMIT 1 OFFSET 1) FROM meetings m WHERE m.id = ?1",
				 id, req, e);
	case STORE_AGREEMENT:
		return owner_row(s, res,
				 "SELECT a.event_id, (SELECT organisation_id FROM agreement_parties"
				 " WHERE agreement_id = a.id ORDER BY pos LIMIT 1),"
				 " (SELECT organisation_id FROM agreement_parties WHERE agreement_id ="
				 " a.id ORDER BY pos LIMIT 1 OFFSET 1) FROM agreements a WHERE a.id = ?1",
				 id, agr, e);
	default:
		return err_set(e, ERR_INTERNAL, NULL, "unknown resource %d", (int)res);
	}
}

/* ---- privacy ----------------------------------------------------------------- */

/*
 * viewer organises an event person registered for (themselves, or by
 * import: not a registration someone else made for them in the API).
 */
#define ORGANISES                                                                                  \
	"EXISTS (SELECT 1 FROM registrations g JOIN account_roles r ON r.account_id = ?1"          \
	" AND r.role = 'organiser' AND r.scope_kind = 'event' AND r.scope_id = g.event_id"         \
	" WHERE g.person_id = ?2 AND g.added_by IS NULL)"

int store_registration_added_by(struct store *s, int64_t registration, int64_t account,
				struct err *e)
{
	return store_exec(s, e, "UPDATE registrations SET added_by = ?2 WHERE id = ?1", "ii",
			  registration, account);
}

static int ask(struct store *s, const char *sql, int64_t a, int64_t b, int *yes, struct err *e)
{
	int64_t v = 0;
	int rc = store_int(s, e, &v, sql, "ii", a, b);

	if (rc < 0)
		return rc;
	*yes = v != 0;
	return 0;
}

int store_contact_visible(struct store *s, const struct auth_principal *viewer,
			  int64_t person, int *yes, struct err *e)
{
	int rc;

	*yes = 0;
	if (!viewer || viewer->account <= 0 || person <= 0)
		return 0;
	if (viewer->admin || viewer->person == person) {
		*yes = 1;
		return 0;
	}
	rc = ask(s, "SELECT " ORGANISES, viewer->account, person, yes, e);
	if (rc || *yes || viewer->person <= 0)
		return rc;
	return ask(s,
		   "SELECT EXISTS (SELECT 1 FROM meeting_requests WHERE state = 'accepted'"
		   " AND ((requester_id = ?1 AND invitee_id = ?2)"
		   " OR (requester_id = ?2 AND invitee_id = ?1)))",
		   viewer->person, person, yes, e);
}

int store_person_public(struct store *s, int64_t person, int *yes, struct err *e)
{
	int64_t v = 0;
	int rc = store_int(s, e, &v,
			   "SELECT p.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM registrations g"
			   " JOIN events ev ON ev.id = g.event_id WHERE g.person_id = p.id"
			   " AND ev.profile_validation = 1"
			   " AND coalesce(g.validation, 'validated') IN ('pending', 'rejected'))"
			   " FROM people p WHERE p.id = ?1",
			   "i", person);

	*yes = 0;
	if (rc < 0)
		return rc;
	if (rc == 0)
		return err_set(e, ERR_NOT_FOUND, "id", "no person with id %" PRId64, person);
	*yes = v != 0;
	return 0;
}

int store_person_visible(struct store *s, const struct auth_principal *viewer, int64_t person,
			 int *yes, struct err *e)
{
	int rc;

	*yes = 0;
	if (!viewer || viewer->account <= 0 || person <= 0)
		return 0;
	if (viewer->admin || viewer->person == person) {
		*yes = 1;
		return 0;
	}
	rc = ask(s, "SELECT " ORGANISES, viewer->account, person, yes, e);
	if (rc || *yes)
		return rc;
	return ask(s,
		   "SELECT EXISTS (SELECT 1 FROM people p JOIN account_roles r ON r.account_id = ?1"
		   " AND r.role = 'representative' AND r.scope_kind = 'organisation'"
		   " AND r.scope_id = p.organisation_id WHERE p.id = ?2)",
		   viewer->account, person, yes, e);
}

int store_requests_today(struct store *s, int64_t person, int64_t now, int *count,
			 struct err *e)
{
	int64_t n = 0;
	int rc = store_int(s, e, &n,
			   "SELECT count(*) FROM meeting_requests WHERE requester_id = ?1"
			   " AND created_at > " ACCT_RFC3339("?2 - 86400"),
			   "ii", person, now);

	*count = 0;
	if (rc < 0)
		return rc;
	*count = (int)n;
	return 0;
}
