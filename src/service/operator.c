/*
 * operator.c - the operator's workflows (operator.h): the command line's
 * door to the database and to the platform's accounts.
 */
#include "service/operator.h"

#include "core/assets.h"
#include "core/jsonx.h"
#include "service/case.h"
#include "service/challenge.h"
#include "service/indicator.h"
#include "service/network.h"
#include "service/service_int.h"
#include "store/store.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int service_migrate(const char *path, int *applied, int *version, struct err *e)
{
	struct store *s = NULL;
	int rc = store_open(&s, path, 0, e);

	*applied = 0;
	*version = 0;
	if (rc)
		return rc;
	rc = store_migrate(s, applied, e);
	if (!rc)
		rc = store_schema_version(s, version, e);
	store_close(s);
	return rc;
}

/* ---- the demo data set ------------------------------------------------------ */

struct demo {
	struct service_conn *c;
	json_t *orgs, *events, *accounts, *desk, *challenge;
	int loaded;
};

static int demo_tx(struct store *s, void *ctx, struct err *e)
{
	struct demo *d = ctx;
	struct asset ind = assets_demo_indicators();
	json_t *n = NULL;
	int empty = 0;
	int rc = store_is_empty(s, &empty, e);

	if (rc || !empty)
		return rc;
	rc = store_load_demo(s, d->orgs, d->events, e);
	if (!rc)
		rc = store_load_demo_accounts(s, d->accounts, e);
	if (!rc)
		rc = service_desk_load_demo(d->c, d->desk, e);
	if (!rc) {
		rc = service_indicators_import(d->c, NULL, ind.data, ind.len, 1, &n, e);
		if (rc)
			err_prefix_field(e, "indicators.csv");
	}
	if (!rc) {
		rc = service_challenge_load_demo(d->c, d->challenge, e);
		if (rc)
			err_prefix_field(e, "challenge.json");
	}
	if (!rc)
		rc = service_network_load_demo(d->c, e);
	json_decref(n);
	d->loaded = rc == 0;
	return rc;
}

int service_demo_load(struct service_conn *c, int *loaded, struct err *e)
{
	struct asset orgs = assets_demo_organisations();
	struct asset events = assets_demo_events();
	struct asset accounts = assets_demo_accounts();
	struct asset desk = assets_demo_desk();
	struct asset challenge = assets_demo_challenge();
	struct demo d = {c, NULL, NULL, NULL, NULL, NULL, 0};
	int rc = jsonx_parse(orgs.data, orgs.len, &d.orgs, e);

	if (!rc)
		rc = jsonx_parse(events.data, events.len, &d.events, e);
	if (!rc)
		rc = jsonx_parse(accounts.data, accounts.len, &d.accounts, e);
	if (!rc)
		rc = jsonx_parse(desk.data, desk.len, &d.desk, e);
	if (!rc)
		rc = jsonx_parse(challenge.data, challenge.len, &d.challenge, e);
	if (!rc)
		rc = store_atomic(c->store, demo_tx, &d, e);
	json_decref(d.orgs);
	json_decref(d.events);
	json_decref(d.accounts);
	json_decref(d.desk);
	json_decref(d.challenge);
	*loaded = rc == 0 && d.loaded;
	return rc;
}

/* ---- whole-database files --------------------------------------------------- */

int service_import_stream(struct service_conn *c, FILE *in, size_t *count, struct err *e)
{
	return store_import_stream(c->store, in, count, e);
}

int service_export_stream(struct service_conn *c, FILE *out, struct err *e)
{
	return store_export_stream(c->store, out, e);
}

int service_backup(struct service_conn *c, const char *path, struct err *e)
{
	return store_backup(c->store, path, e);
}

/* ---- accounts --------------------------------------------------------------- */

/* A row's id from "12" or a ref; ERR_NOT_FOUND naming field otherwise. */
static int find_id(struct store *s, enum store_res res, const char *v, int64_t *id,
		   const char *field, struct err *e)
{
	if (store_find_id(s, res, v, id, e) == 0)
		return 0;
	err_clear(e);
	return err_set(e, ERR_NOT_FOUND, field, "no %s with the id or ref %s",
		       res == STORE_EVENT ? "event" : res == STORE_PERSON ? "person" : "organisation",
		       v);
}

/* The audit row of a command: "liaison user WHAT EMAIL[ REST]". */
static int audit(struct store *s, const char *what, const char *email, const char *rest,
		 struct err *e)
{
	char action[400];

	snprintf(action, sizeof(action), "liaison user %s %s%s%s", what, email, rest ? " " : "",
		 rest ? rest : "");
	return store_audit_add(s, 0, NULL, action, 0, "command line", e);
}

struct account_op {
	const char *email, *hash, *person, *role, *scope;
	int admin, grant;
	int64_t id;
};

static int add_tx(struct store *s, void *ctx, struct err *e)
{
	struct account_op *op = ctx;
	int64_t person = 0;
	int rc = op->person ? find_id(s, STORE_PERSON, op->person, &person, "--person", e) : 0;

	if (!rc)
		rc = store_account_create(s, op->email, op->hash, person, &op->id, e);
	if (!rc && op->admin)
		rc = store_account_role(s, op->id, STORE_ROLE_ADMIN, 0, 0, 1, e);
	if (!rc)
		rc = audit(s, op->admin ? "add --admin" : "add", op->email, NULL, e);
	return rc;
}

int service_operator_account_add(struct service_conn *c, const char *email, const char *hash,
				 const char *person, int admin, int64_t *id, struct err *e)
{
	struct account_op op = {email, hash, person, NULL, NULL, admin, 0, 0};
	int rc = store_atomic(c->store, add_tx, &op, e);

	*id = rc ? 0 : op.id;
	return rc;
}

static int password_tx(struct store *s, void *ctx, struct err *e)
{
	struct account_op *op = ctx;
	int rc = store_account_find(s, op->email, &op->id, NULL, 0, e);

	/* every session and reset code of the account ends with the old password */
	if (!rc)
		rc = store_account_set_password(s, op->id, op->hash, NULL, e);
	if (!rc)
		rc = audit(s, "passwd", op->email, NULL, e);
	return rc;
}

int service_operator_password(struct service_conn *c, const char *email, const char *hash,
			      struct err *e)
{
	struct account_op op = {email, hash, NULL, NULL, NULL, 0, 0, 0};

	return store_atomic(c->store, password_tx, &op, e);
}

/* The scope of a role: an event, an organisation or "challenge:N". */
static int role_scope(struct store *s, enum store_role role, const char *v, int64_t *scope,
		      int *challenge, struct err *e)
{
	char *end;
	long long n;

	*scope = 0;
	*challenge = 0;
	if (role == STORE_ROLE_ADMIN)
		return v ? err_set(e, ERR_INVALID, "SCOPE", "admin takes no scope") : 0;
	if (!v)
		return err_set(e, ERR_INVALID, "SCOPE", "%s needs a scope", store_role_name(role));
	if (strncmp(v, "challenge:", 10) == 0 || role == STORE_ROLE_JURY) {
		const char *d = strncmp(v, "challenge:", 10) == 0 ? v + 10 : v;

		errno = 0;
		n = strtoll(d, &end, 10);
		if (role == STORE_ROLE_REPRESENTATIVE || errno || end == d || *end || n <= 0)
			return err_set(e, ERR_INVALID, "SCOPE", "not a challenge (challenge:N): %s",
				       v);
		*scope = n;
		*challenge = 1;
		return 0;
	}
	return find_id(s, role == STORE_ROLE_ORGANISER ? STORE_EVENT : STORE_ORGANISATION, v, scope,
		       "SCOPE", e);
}

static int role_tx(struct store *s, void *ctx, struct err *e)
{
	struct account_op *op = ctx;
	int role = store_role_parse(op->role);
	int64_t scope = 0;
	int challenge = 0, rc;
	char what[200];

	if (role < 0)
		return err_set(e, ERR_INVALID, "ROLE",
			       "must be admin, organiser, representative or jury, not %s", op->role);
	rc = store_account_find(s, op->email, &op->id, NULL, 0, e);
	if (!rc)
		rc = role_scope(s, (enum store_role)role, op->scope, &scope, &challenge, e);
	if (!rc)
		rc = store_account_role(s, op->id, (enum store_role)role, scope, challenge,
					op->grant, e);
	snprintf(what, sizeof(what), "%s%s%s", op->role, op->scope ? " " : "",
		 op->scope ? op->scope : "");
	if (!rc)
		rc = audit(s, op->grant ? "role" : "role --remove", op->email, what, e);
	return rc;
}

int service_operator_role(struct service_conn *c, const char *email, const char *role,
			  const char *scope, int grant, struct err *e)
{
	struct account_op op = {email, NULL, NULL, role, scope, 0, grant, 0};

	return store_atomic(c->store, role_tx, &op, e);
}
