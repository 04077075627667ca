/*
 * resource.c - the generic workflows of every resource (service/resource.h):
 * the store's CRUD with the privacy and writing rules of privacy.c around
 * it, one transaction per write; the owners and roles the access checks
 * read; the platform's health and figures.
 */
#include "service/resource.h"
#include "service/service_int.h"

#include "core/jsonx.h"

#include <stdio.h>
#include <string.h>

/* The service numbers resources as the store does: a cast converts. */
_Static_assert((int)SERVICE_ORGANISATION == (int)STORE_ORGANISATION, "resource numbering");
_Static_assert((int)SERVICE_PERSON == (int)STORE_PERSON, "resource numbering");
_Static_assert((int)SERVICE_OPPORTUNITY == (int)STORE_OPPORTUNITY, "resource numbering");
_Static_assert((int)SERVICE_EVENT == (int)STORE_EVENT, "resource numbering");
_Static_assert((int)SERVICE_REGISTRATION == (int)STORE_REGISTRATION, "resource numbering");
_Static_assert((int)SERVICE_MEETING_REQUEST == (int)STORE_MEETING_REQUEST, "resource numbering");
_Static_assert((int)SERVICE_MEETING == (int)STORE_MEETING, "resource numbering");
_Static_assert((int)SERVICE_AGREEMENT == (int)STORE_AGREEMENT, "resource numbering");
_Static_assert((int)SERVICE_RES_COUNT == (int)STORE_RES_COUNT, "resource numbering");

static enum store_res to_store(enum service_res res)
{
	return (enum store_res)res;
}

const char *service_res_name(enum service_res res)
{
	return store_res_name(to_store(res));
}

int service_res_find(const char *name, size_t len, enum service_res *res)
{
	for (int r = 0; r < SERVICE_RES_COUNT; r++) {
		const char *n = service_res_name((enum service_res)r);

		if (strlen(n) == len && memcmp(name, n, len) == 0) {
			*res = (enum service_res)r;
			return 0;
		}
	}
	return -1;
}

int service_find_id(struct service_conn *c, enum service_res res, const char *text,
		    int64_t *id, struct err *e)
{
	return store_find_id(c->store, to_store(res), text, id, e);
}

/*
 * With sort and no sort_lang, the caller's language orders the names (the
 * root order when it is not a language tag). *params may be replaced.
 */
static void sort_lang_default(const struct service_caller *who, json_t **params)
{
	char coll[TEXT_COLLATION_MAX];
	json_t *copy;

	if (!json_object_get(*params, "sort") || json_object_get(*params, "sort_lang") ||
	    !who->lang[0] || text_collation_of(who->lang, coll))
		return;
	copy = json_copy(*params);
	json_object_set_new(copy, "sort_lang", json_string(who->lang));
	json_decref(*params);
	*params = copy;
}

int service_list(struct service_conn *c, const struct service_caller *who,
		 enum service_res res, const json_t *query, json_t **out, struct err *e)
{
	json_t *params = NULL;
	int rc = service_list_params(c->store, who, to_store(res), query, &params, e);

	*out = NULL;
	if (!rc)
		sort_lang_default(who, &params);
	if (!rc)
		rc = store_list(c->store, to_store(res), params, out, e);
	if (!rc)
		rc = service_view_list(c->store, who, to_store(res), *out, e);
	json_decref(params);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int service_list_text(struct service_conn *c, const struct service_caller *who,
		      enum service_res res, const json_t *query, char **out, size_t *len,
		      struct err *e)
{
	json_t *params = NULL, *page;
	int rc;

	*out = NULL;
	*len = 0;
	if (service_view_filters(to_store(res))) {
		rc = service_list(c, who, res, query, &page, e);
		if (!rc)
			*out = jsonx_dump(page, 0, len);
		json_decref(page);
		return rc;
	}
	rc = service_list_params(c->store, who, to_store(res), query, &params, e);
	if (!rc)
		sort_lang_default(who, &params);
	if (!rc)
		rc = store_list_text(c->store, to_store(res), params, out, len, e);
	json_decref(params);
	return rc;
}

struct write {
	const struct service_caller *who;
	enum store_res res;
	int64_t id;   /* 0 = create */
	json_t *body; /* a copy: the writing rules may change it */
	json_t *out;
};

/*
 * Who represents a new organisation, and who made a registration for
 * someone else (store_registration_added_by), after the row is created.
 */
static int after_create(struct store *s, const struct write *w, struct err *e)
{
	const struct auth_principal *p = w->who->p;
	int64_t id = json_integer_value(json_object_get(w->out, "id"));
	int64_t person = json_integer_value(json_object_get(w->body, "person_id"));

	if (w->res == STORE_ORGANISATION && !p->admin && p->account)
		return store_account_role(s, p->account, STORE_ROLE_REPRESENTATIVE, id, 0, 1, e);
	if (w->res == STORE_REGISTRATION && person != p->person && p->account)
		return store_registration_added_by(s, id, p->account, e);
	return 0;
}

static int write_tx(struct store *s, void *ctx, struct err *e)
{
	struct write *w = ctx;
	char state[32] = "";
	int rc = service_write_rules(s, w->who, w->res, w->body, w->id == 0, e);

	if (!rc && w->res == STORE_AGREEMENT)
		rc = service_agreement_prepare(s, w->id, w->body, state, sizeof(state), e);
	if (rc)
		return rc;
	if (w->id)
		rc = store_update(s, w->res, w->id, w->body, &w->out, e);
	else
		rc = store_create(s, w->res, w->body, &w->out, e);
	if (!rc && !w->id)
		rc = after_create(s, w, e);
	if (!rc && w->res == STORE_AGREEMENT)
		rc = service_agreement_written(s, w->who, state, w->body, &w->out, e);
	if (!rc)
		rc = service_view_written(s, w->who, w->res, w->out, e);
	return rc;
}

/* Creates (id 0) or updates row id of res in one transaction. */
static int write_row(struct service_conn *c, const struct service_caller *who,
		     enum service_res res, int64_t id, const json_t *body, json_t **out,
		     struct err *e)
{
	struct write w = {who, to_store(res), id, json_copy((json_t *)body), NULL};
	int rc = store_atomic(c->store, write_tx, &w, e);

	json_decref(w.body);
	if (rc) {
		json_decref(w.out);
		w.out = NULL;
	}
	*out = w.out;
	return rc;
}

int service_create(struct service_conn *c, const struct service_caller *who,
		   enum service_res res, const json_t *body, json_t **out, struct err *e)
{
	return write_row(c, who, res, 0, body, out, e);
}

int service_update(struct service_conn *c, const struct service_caller *who,
		   enum service_res res, int64_t id, const json_t *patch, json_t **out,
		   struct err *e)
{
	return write_row(c, who, res, id, patch, out, e);
}

int service_get(struct service_conn *c, const struct service_caller *who, enum service_res res,
		int64_t id, const char *named, json_t **out, struct err *e)
{
	int rc = store_get(c->store, to_store(res), id, out, e);

	if (!rc)
		rc = service_view_item(c->store, who, to_store(res), *out, e);
	if (rc > 0)
		rc = err_set(e, ERR_NOT_FOUND, "id", "no such id: %s", named);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int service_get_text(struct service_conn *c, const struct service_caller *who,
		     enum service_res res, int64_t id, const char *named, char **out, size_t *len,
		     struct err *e)
{
	json_t *obj;
	int rc;

	if (!service_view_filters(to_store(res)))
		return store_get_text(c->store, to_store(res), id, out, len, e);
	*out = NULL;
	*len = 0;
	rc = service_get(c, who, res, id, named, &obj, e);
	if (rc == 0)
		*out = jsonx_dump(obj, 0, len);
	json_decref(obj);
	return rc;
}

int service_delete(struct service_conn *c, enum service_res res, int64_t id, struct err *e)
{
	return store_delete(c->store, to_store(res), id, e);
}

/* ---- what the access checks need -------------------------------------------- */

int service_owner(struct service_conn *c, enum service_res res, int64_t id,
		  struct service_owner *o, struct err *e)
{
	struct store_owner so;
	int rc = store_owner(c->store, to_store(res), id, &so, e);

	memset(o, 0, sizeof(*o));
	if (rc)
		return rc;
	o->organisation = so.organisation;
	o->organisation2 = so.organisation2;
	o->event = so.event;
	o->person = so.person;
	o->person2 = so.person2;
	return 0;
}

int service_has_role(struct service_conn *c, int64_t account, enum service_role role,
		     int64_t scope, int *yes, struct err *e)
{
	enum store_role r = role == SERVICE_ROLE_ORGANISER ? STORE_ROLE_ORGANISER
							   : STORE_ROLE_REPRESENTATIVE;

	return store_has_role(c->store, account, r, scope, yes, e);
}

int service_represents_party(struct service_conn *c, int64_t account, int64_t agreement,
			     int *yes, struct err *e)
{
	json_t *row = NULL, *v;
	size_t i;
	int rc = store_get(c->store, STORE_AGREEMENT, agreement, &row, e);

	*yes = 0;
	json_array_foreach(json_object_get(row, "parties"), i, v) {
		if (rc || *yes)
			break;
		if (json_is_integer(v))
			rc = store_has_role(c->store, account, STORE_ROLE_REPRESENTATIVE,
					    json_integer_value(v), yes, e);
	}
	json_decref(row);
	return rc;
}

/* ---- the platform ------------------------------------------------------------- */

int service_health(struct service_conn *c, int *schema, struct err *e)
{
	int rc = store_ping(c->store, e);

	*schema = 0;
	return rc ? rc : store_schema_version(c->store, schema, e);
}

int service_stats(struct service_conn *c, json_t **out, struct err *e)
{
	return store_stats(c->store, out, e);
}
