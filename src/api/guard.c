/*
 * guard.c - who calls, and may they: the server runs api_guard before every
 * handler (struct http_config.guard).
 *
 * Who: an "Authorization: Bearer <token>" header names a personal API
 * token (a bad one is a 401: a program should hear that its token is
 * wrong); else the session cookie names a session (an unknown or expired
 * one counts as no session, and the response clears the cookie); else the
 * caller is anonymous.
 *
 * May they: the route's access (api.h) lists the relations that let a
 * caller in. Relations to a target are judged against the owners of the
 * row the path names (service_owner) and, for a POST or PATCH, of the rows
 * its body names. Cookie-authenticated writes must carry the session's
 * CSRF token in X-CSRF-Token (a cross-site form can send the cookie but
 * cannot read the token).
 */
#include "api/api_internal.h"

#include "service/account.h"
#include "service/case.h"
#include "service/challenge.h"

#include "auth/auth.h"
#include "core/log.h"
#include "core/xalloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const access_names[API_ACCESS_COUNT] = {
	"public", "signed-in", "self", "partner", "representative", "organiser", "admin", "desk",
	"jury",
};

const char *api_access_name(int i)
{
	return i >= 0 && i < API_ACCESS_COUNT ? access_names[i] : "?";
}

const struct auth_principal *api_principal(const struct http_req *req)
{
	static const struct auth_principal anonymous;
	const struct api_auth *a = req->auth;

	return a ? &a->p : &anonymous;
}

void api_auth_free(void *auth)
{
	free(auth);
}

/* Bearer token or session cookie -> a->p; a 401 problem for a bad token. */
static int identify(struct http_req *req, struct api_auth *a, struct http_resp *resp)
{
	const char *h = http_header(req, "Authorization");
	const char *cookie = http_cookie(req, API_SESSION_COOKIE);
	struct err e;

	err_clear(&e);
	if (h) {
		if (strncasecmp(h, "Bearer ", 7) != 0 || !h[7]) {
			err_set(&e, ERR_UNAUTHORIZED, "Authorization",
				"must be \"Bearer\" and a personal API token");
		} else {
			if (service_identify_token(api_conn(req), h + 7, &a->p, &e) == 0)
				return 0;
			if (e.code == ERR_UNAUTHORIZED)
				snprintf(e.field, sizeof(e.field), "Authorization");
		}
		memset(&a->p, 0, sizeof(a->p));
		resp->www_authenticate = 1;
		http_problem(req, resp, &e);
		return -1;
	}
	if (!cookie)
		return 0;
	if (service_identify_session(api_conn(req), cookie, &a->p, &e)) {
		if (e.code != ERR_UNAUTHORIZED) {
			http_problem(req, resp, &e);
			return -1;
		}
		a->clear_cookie = 1; /* stale: tell the browser to forget it */
	}
	return 0;
}

static int has_role(struct http_req *req, enum service_role role, int64_t scope, int *yes)
{
	struct err e;

	*yes = 0;
	if (!scope)
		return 0;
	err_clear(&e);
	if (service_has_role(api_conn(req), api_principal(req)->account, role, scope, yes, &e) == 0)
		return 0;
	log_error("request %s: access check: %s", req->request_id, e.msg);
	return -1;
}

/* The relations of access (bits beyond public and signed-in) that hold for o. */
static int relations(struct http_req *req, const struct service_owner *o, unsigned access,
		     unsigned *held)
{
	const struct auth_principal *p = api_principal(req);
	int yes = 0;

	*held = 0;
	if (p->person && (access & API_SELF) && o->person == p->person)
		*held |= API_SELF;
	if (p->person && (access & API_PARTNER) && o->person2 == p->person)
		*held |= API_PARTNER;
	if (access & API_REP) {
		if (has_role(req, SERVICE_ROLE_REPRESENTATIVE, o->organisation, &yes))
			return -1;
		if (!yes && has_role(req, SERVICE_ROLE_REPRESENTATIVE, o->organisation2, &yes))
			return -1;
		if (yes)
			*held |= API_REP;
	}
	if (access & API_ORGANISER) {
		if (has_role(req, SERVICE_ROLE_ORGANISER, o->event, &yes))
			return -1;
		if (yes)
			*held |= API_ORGANISER;
	}
	return 0;
}

/* The integer field name of body, 0 when absent or not a positive integer. */
static int64_t body_id(const json_t *body, const char *name)
{
	const json_t *v = json_object_get(body, name);

	return json_is_integer(v) && json_integer_value(v) > 0 ? json_integer_value(v) : 0;
}

/* The owners named by a body's reference fields (a person's organisation too). */
static int body_owner(struct http_req *req, const json_t *body, struct service_owner *o,
		      struct err *e)
{
	struct service_owner po;
	int64_t person = body_id(body, "person_id");

	memset(o, 0, sizeof(*o));
	o->organisation = body_id(body, "organisation_id");
	o->event = body_id(body, "event_id");
	o->person = person ? person : body_id(body, "requester_id");
	o->person2 = body_id(body, "invitee_id");
	if (person && !o->organisation) {
		int rc = service_owner(api_conn(req), SERVICE_PERSON, person, &po, e);

		if (rc && rc != ERR_NOT_FOUND)
			return rc;
		o->organisation = rc ? 0 : po.organisation;
	}
	return 0;
}

/* 1 when the caller represents one of the organisations of a "parties" array. */
static int represents_a_party(struct http_req *req, const json_t *body, int *yes)
{
	const json_t *parties = json_object_get(body, "parties");
	size_t i;
	json_t *v;

	*yes = 0;
	json_array_foreach(parties, i, v) {
		if (!json_is_integer(v))
			continue;
		if (has_role(req, SERVICE_ROLE_REPRESENTATIVE, json_integer_value(v), yes))
			return -1;
		if (*yes)
			return 0;
	}
	return 0;
}

/*
 * The relations the body of a POST or PATCH grants. *named = 1 when the
 * body names an owner that counts: for a POST any; for a PATCH (path is
 * the row's owners) another organisation than the row's, or parties (the
 * other owner fields cannot change: the store refuses it).
 */
static int body_relations(struct http_req *req, const json_t *body, unsigned access,
			  const struct service_owner *path, unsigned *held, int *named)
{
	struct service_owner o;
	struct err e;
	int yes = 0;

	err_clear(&e);
	if (body_owner(req, body, &o, &e)) {
		log_error("request %s: access check: %s", req->request_id, e.msg);
		return -1;
	}
	if (relations(req, &o, access, held))
		return -1;
	if (path)
		*named = (o.organisation && o.organisation != path->organisation &&
			  o.organisation != path->organisation2) ||
			 json_object_get(body, "parties");
	else
		*named = o.organisation || o.event || o.person || o.person2 ||
			 json_object_get(body, "parties");
	if ((access & API_REP) && json_object_get(body, "parties")) {
		if (represents_a_party(req, body, &yes))
			return -1;
		*held = yes ? *held | API_REP : *held & ~(unsigned)API_REP;
	}
	return 0;
}

/* Adds API_REP to *held when the caller represents any party of agreement id. */
static int agreement_party(struct http_req *req, int64_t id, unsigned *held)
{
	struct err e;
	int yes = 0, rc;

	err_clear(&e);
	rc = service_represents_party(api_conn(req), api_principal(req)->account, id, &yes, &e);
	if (rc)
		log_error("request %s: access check: %s", req->request_id, e.msg);
	if (yes)
		*held |= API_REP;
	return rc ? -1 : 0;
}

/*
 * A challenge route's row: 1 for /challenges/{id}..., 2 for
 * /submissions/{id}..., 0 for the others (*id the path's id).
 */
static int challenge_path(const struct http_req *req, int64_t *id)
{
	static const char ch[] = "/api/v1/challenges/", sub[] = "/api/v1/submissions/";
	int kind = strncmp(req->path, ch, sizeof(ch) - 1) == 0	  ? 1
		   : strncmp(req->path, sub, sizeof(sub) - 1) == 0 ? 2
								   : 0;
	char *end;
	long long v;

	*id = 0;
	if (!kind || !req->nparams)
		return 0;
	v = strtoll(req->params[0], &end, 10);
	*id = *end || v <= 0 ? 0 : v;
	return kind;
}

/*
 * The relations of a challenge's row: organiser or jury of its challenge,
 * representative of a submission's organisation (service/challenge.h).
 * *hidden = 1 when the row is hidden from a caller without a relation: a
 * draft, or any submission (as the service answers: it does not exist).
 */
static int challenge_relations(struct http_req *req, struct http_resp *resp, int kind,
			       int64_t id, unsigned access, unsigned *held, int *hidden)
{
	int64_t org = 0;
	int draft = 0, organiser = 0, jury = 0, rep = 0;
	struct err e;

	err_clear(&e);
	*held = 0;
	if (!id)
		err_set(&e, ERR_NOT_FOUND, "id", "no such id %s", req->params[0]);
	if (!id || service_challenge_access(api_conn(req), api_principal(req)->account,
					    kind == 1 ? id : 0, kind == 2 ? id : 0, &org, &draft,
					    &organiser, &jury, &e)) {
		http_problem(req, resp, &e);
		return -1;
	}
	if ((access & API_REP) && org && has_role(req, SERVICE_ROLE_REPRESENTATIVE, org, &rep))
		return -1;
	if (organiser && (access & API_ORGANISER))
		*held |= API_ORGANISER;
	if (jury && (access & API_JURY))
		*held |= API_JURY;
	if (rep)
		*held |= API_REP;
	*hidden = kind == 2 ? !organiser && !jury && !rep : draft && !organiser;
	return 0;
}

/* The relations the row of the path's {id} grants; a 404 problem when none. */
static int path_relations(struct http_req *req, struct http_resp *resp, unsigned access,
			  struct service_owner *o, unsigned *held)
{
	enum service_res res;
	int64_t id;
	struct err e;

	int hidden = 0, kind = challenge_path(req, &id);

	*held = 0;
	memset(o, 0, sizeof(*o));
	if (kind)
		return challenge_relations(req, resp, kind, id, access, held, &hidden);
	if (!req->nparams || api_res_of(req, &res))
		return 0;
	if (api_id_param(req, resp, &id))
		return -1;
	err_clear(&e);
	if (service_owner(api_conn(req), res, id, o, &e)) {
		http_problem(req, resp, &e);
		return -1;
	}
	if (relations(req, o, access, held))
		return -1;
	if (res == SERVICE_AGREEMENT && (access & API_REP) && !(*held & API_REP))
		return agreement_party(req, id, held);
	return 0;
}

/*
 * Judges the relations of route for a signed-in caller: *held gets those
 * that hold. A POST to a collection is judged by its body, a POST to a row
 * (accept, schedule) by the row. A PATCH is judged by the row and, when
 * its body moves the row to another organisation (or other parties), the
 * caller must also hold a relation to that one. Returns -1 with resp
 * filled when it cannot tell (no such row, a body that is not JSON).
 */
static int judge(struct http_req *req, const struct http_route *route, struct http_resp *resp,
		 unsigned *held)
{
	unsigned access = route->access, by_path = 0, by_body = 0;
	struct service_owner po;
	json_t *body = NULL;
	int named = 0, rc;

	rc = path_relations(req, resp, access, &po, &by_path);
	if (rc || (req->method != HTTP_POST && req->method != HTTP_PATCH) ||
	    (req->nparams && req->method == HTTP_POST)) {
		*held = by_path;
		return rc;
	}
	if (api_body(req, resp, &body))
		return -1;
	rc = body_relations(req, body, access, req->method == HTTP_PATCH ? &po : NULL, &by_body,
			    &named);
	json_decref(body);
	if (req->method == HTTP_POST)
		*held = by_body;
	else
		*held = named && !by_body ? 0 : by_path;
	return rc;
}

static int csrf_ok(const struct http_req *req, const struct auth_principal *p)
{
	if (p->via != AUTH_VIA_SESSION || req->method == HTTP_GET || req->method == HTTP_HEAD)
		return 1;
	return auth_str_equal(http_header(req, "X-CSRF-Token"), p->csrf);
}

static int deny(struct http_req *req, struct http_resp *resp, const struct auth_principal *p)
{
	if (!p->account) {
		resp->www_authenticate = 1;
		http_problem_status(req, resp, 401, NULL,
				    "sign in (session cookie) or send a personal API token");
	} else {
		http_problem_status(req, resp, 403, NULL, "your account may not do this here");
	}
	return -1;
}

/*
 * 1 when the path names a row whose very existence is hidden from the
 * caller: a meeting request or meeting that is not theirs nor of an event
 * they organise, an agreement none of whose parties they represent nor of
 * an event they organise (privacy.c hides it from their lists likewise).
 */
static int hidden_row(struct http_req *req)
{
	struct service_owner o;
	enum service_res res;
	unsigned seen = 0, look = API_SELF | API_PARTNER | API_ORGANISER;
	int64_t id;
	struct err e;

	err_clear(&e);
	if (challenge_path(req, &id)) {
		unsigned held = 0;
		int hidden = 0;
		struct http_resp scratch;

		int rc;

		memset(&scratch, 0, sizeof(scratch));
		rc = challenge_relations(req, &scratch, challenge_path(req, &id), id,
					 API_REP | API_ORGANISER | API_JURY, &held, &hidden);
		json_decref(scratch.json);
		free(scratch.raw_free);
		return rc == 0 && hidden;
	}
	if (!req->nparams || api_res_of(req, &res) ||
	    (res != SERVICE_MEETING_REQUEST && res != SERVICE_MEETING &&
	     res != SERVICE_AGREEMENT))
		return 0;
	if (res == SERVICE_AGREEMENT)
		look = API_REP | API_ORGANISER;
	if (api_id_lookup(req, &id, &e) || service_owner(api_conn(req), res, id, &o, &e) ||
	    relations(req, &o, look, &seen))
		return 0;
	if (!seen && res == SERVICE_AGREEMENT && agreement_party(req, id, &seen))
		return 0;
	return !seen;
}

int api_authorize(struct http_req *req, const struct http_route *route, struct http_resp *resp)
{
	struct api_auth *a = req->auth;
	unsigned held = 0;

	if (!route->access)
		return deny(req, resp, &a->p);
	if (route->access & API_PUBLIC) {
		a->granted = API_PUBLIC;
		return 0;
	}
	if (!a->p.account)
		return deny(req, resp, &a->p);
	if (!csrf_ok(req, &a->p)) {
		http_problem_status(req, resp, 403, "X-CSRF-Token",
				    "a write with a session cookie must send the session's CSRF token "
				    "(from sign-in or GET /api/v1/auth/me)");
		return -1;
	}
	if (a->p.admin && (route->access & API_ADMIN)) {
		a->granted = API_ADMIN;
		return 0;
	}
	if (route->access & API_USER) {
		a->granted = API_USER;
		return 0;
	}
	if (route->access & API_DESK) {
		struct service_caller who = {.p = &a->p};
		struct err e;
		int yes = 0;

		err_clear(&e);
		if (service_desk_is_staff(api_conn(req), &who, &yes, &e)) {
			log_error("request %s: access check: %s", req->request_id, e.msg);
			http_problem_status(req, resp, 500, NULL, "cannot check access");
			return -1;
		}
		if (yes) {
			a->granted = API_DESK;
			return 0;
		}
		if (!(route->access & ~(unsigned)(API_DESK | API_ADMIN)))
			return deny(req, resp, &a->p);
	}
	if (judge(req, route, resp, &held)) {
		if (!resp->status)
			http_problem_status(req, resp, 500, NULL, "cannot check access");
		return -1;
	}
	if (!held && hidden_row(req)) {
		/* as privacy.c answers a hidden row: it does not exist for them */
		http_problem_status(req, resp, 404, "id", "no such id");
		return -1;
	}
	if (!held)
		return deny(req, resp, &a->p);
	a->granted = held;
	return 0;
}

int api_guard(struct http_req *req, const struct http_route *route, struct http_resp *resp)
{
	struct api_auth *a = xcalloc(1, sizeof(*a));

	req->auth = a;
	if (identify(req, a, resp))
		return -1;
	if (a->clear_cookie)
		api_cookie_clear(req, resp);
	return api_authorize(req, route, resp);
}

/*
 * The audit log: every write by an admin, and every one an organiser's
 * right let through, that succeeded, with who did it. Writes that only concern the caller
 * (their own profile, requests, tokens) are not audit material.
 */
void api_after(const struct http_req *req, const struct http_route *route,
	       const struct http_resp *resp)
{
	const struct api_auth *a = req->auth;
	char detail[96];
	char action[320];
	struct err e;

	(void)route;
	if (!a || req->method == HTTP_GET || req->method == HTTP_HEAD || resp->status >= 400 ||
	    !(a->p.admin || (a->granted & (API_ADMIN | API_ORGANISER))))
		return;
	err_clear(&e);
	snprintf(action, sizeof(action), "%s %s",
		 req->method == HTTP_POST    ? "POST"
		 : req->method == HTTP_PATCH ? "PATCH"
		 : req->method == HTTP_PUT   ? "PUT"
					     : "DELETE",
		 req->path);
	snprintf(detail, sizeof(detail), "request %s, as %s", req->request_id,
		 a->p.admin ? "admin" : "organiser");
	if (service_audit_add(api_conn(req), &a->p, action, resp->status, detail, &e))
		log_error("audit log: %s", e.msg);
}

json_t *api_access_table(void)
{
	static const struct {
		int bit;
		const char *name;
	} methods[] = {{HTTP_GET, "GET"},     {HTTP_POST, "POST"},     {HTTP_PUT, "PUT"},
		       {HTTP_PATCH, "PATCH"}, {HTTP_DELETE, "DELETE"}};
	json_t *out = json_array();

	for (size_t i = 0; i < api_nroutes; i++) {
		for (size_t m = 0; m < sizeof(methods) / sizeof(methods[0]); m++) {
			json_t *who = json_array();

			if (!(api_routes[i].methods & methods[m].bit)) {
				json_decref(who);
				continue;
			}
			for (int b = 0; b < API_ACCESS_COUNT; b++)
				if (api_routes[i].access & (1u << b))
					json_array_append_new(who, json_string(access_names[b]));
			json_array_append_new(out, json_pack("{s:s, s:s, s:o}", "method",
							     methods[m].name, "path",
							     api_routes[i].pattern, "access", who));
		}
	}
	return out;
}
