/*
 * resources.c - create, read, update, delete and list for every resource.
 *
 * One generic handler per verb: the resource is the path segment after
 * /api/v1/, looked up by its name (service_res_find), so adding a resource
 * to the service adds it to the API. Rows are filtered by what the caller
 * may see in the service (service/resource.h).
 */
#include "api/api_internal.h"
#include "api/views.h"

#include "core/jsonx.h"
#include "service/resource.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define API_PREFIX "/api/v1/"

int api_res_of(const struct http_req *req, enum service_res *res)
{
	const char *seg = req->path + strlen(API_PREFIX);

	return service_res_find(seg, strcspn(seg, "/"), res);
}

int api_id_lookup(const struct http_req *req, int64_t *id, struct err *e)
{
	enum service_res res = SERVICE_RES_COUNT; /* /accounts/{id}: ids only */

	if (api_res_of(req, &res))
		res = SERVICE_RES_COUNT;
	return service_find_id(api_conn(req), res, req->params[0], id, e);
}

int api_id_param(const struct http_req *req, struct http_resp *resp, int64_t *id)
{
	struct err e;

	err_clear(&e);
	if (api_id_lookup(req, id, &e) == 0)
		return 0;
	http_problem(req, resp, &e);
	return -1;
}

int api_body(const struct http_req *req, struct http_resp *resp, json_t **out)
{
	struct err e;

	err_clear(&e);
	if (!req->body) {
		err_set(&e, ERR_BAD_REQUEST, "body", "a JSON object is required");
	} else if (jsonx_parse(req->body, req->body_len, out, &e) == 0) {
		if (json_is_object(*out))
			return 0;
		json_decref(*out);
		err_set(&e, ERR_BAD_REQUEST, "body", "must be a JSON object");
	}
	*out = NULL;
	http_problem(req, resp, &e);
	return -1;
}

void api_result(const struct http_req *req, struct http_resp *resp, int rc, int status,
		json_t *out, const struct err *e)
{
	if (rc) {
		json_decref(out);
		http_problem(req, resp, e);
		return;
	}
	http_json(resp, status, out);
}

/* The resource of a CRUD route: its table only routes existing resources. */
static enum service_res route_res(const struct http_req *req)
{
	enum service_res res = SERVICE_ORGANISATION;
	int rc = api_res_of(req, &res);

	assert(rc == 0);
	(void)rc;
	return res;
}

static void collection_get(const struct http_req *req, struct http_resp *resp)
{
	struct service_caller who;
	struct err e;

	err_clear(&e);
	api_caller(req, &who);
	if (service_list_text(api_conn(req), &who, route_res(req), req->query, &resp->raw_free,
			      &resp->raw_len, &e)) {
		http_problem(req, resp, &e);
		return;
	}
	resp->status = 200;
}

/* The caller as the service sees them (privileged: by organiser or admin rights). */
/*
 * The first language tag of an Accept-Language header ("zh-CN,zh;q=0.9"
 * gives "zh-CN") into out; "" when there is none, it is "*" or it does
 * not fit (the service checks that it is a tag).
 */
static void accept_language(const char *h, char *out, size_t size)
{
	size_t n;

	out[0] = '\0';
	if (!h)
		return;
	h += strspn(h, " \t");
	n = strcspn(h, ",; \t");
	if (n == 0 || n >= size || (n == 1 && *h == '*'))
		return;
	memcpy(out, h, n);
	out[n] = '\0';
}

void api_caller(const struct http_req *req, struct service_caller *who)
{
	const struct api_auth *a = req->auth;

	who->p = api_principal(req);
	who->privileged = a && (a->granted & (API_ORGANISER | API_ADMIN));
	accept_language(http_header(req, "Accept-Language"), who->lang, sizeof(who->lang));
}

static void collection_post(const struct http_req *req, struct http_resp *resp)
{
	enum service_res res = route_res(req);
	struct service_caller who;
	json_t *body, *out = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_body(req, resp, &body))
		return;
	api_caller(req, &who);
	/* a meeting request adds the daily cap and the invitee's notice */
	if (res == SERVICE_MEETING_REQUEST)
		rc = service_request_create(api_conn(req), &who, body,
					    api_app_of(req)->requests_per_day, &out, &e);
	else
		rc = service_create(api_conn(req), &who, res, body, &out, &e);
	json_decref(body);
	if (rc == ERR_TOO_MANY)
		resp->retry_after = 3600;
	if (!rc)
		api_created(resp, service_res_name(res), "id", out);
	api_result(req, resp, rc, 201, out, &e);
}

static void item_get(const struct http_req *req, struct http_resp *resp)
{
	struct service_caller who;
	int64_t id;
	struct err e;

	err_clear(&e);
	if (api_id_param(req, resp, &id))
		return;
	api_caller(req, &who);
	if (service_get_text(api_conn(req), &who, route_res(req), id, req->params[0],
			     &resp->raw_free, &resp->raw_len, &e)) {
		http_problem(req, resp, &e);
		return;
	}
	resp->status = 200;
}

static void item_patch(const struct http_req *req, struct http_resp *resp)
{
	struct service_caller who;
	int64_t id;
	json_t *body;
	json_t *out = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id) || api_body(req, resp, &body))
		return;
	api_caller(req, &who);
	rc = service_update(api_conn(req), &who, route_res(req), id, body, &out, &e);
	json_decref(body);
	api_result(req, resp, rc, 200, out, &e);
}

static void item_delete(const struct http_req *req, struct http_resp *resp)
{
	int64_t id;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id))
		return;
	rc = service_delete(api_conn(req), route_res(req), id, &e);
	api_result(req, resp, rc, 204, NULL, &e);
}

static void request_act(const struct http_req *req, struct http_resp *resp)
{
	const char *action = strrchr(req->path, '/') + 1;
	struct service_caller who;
	int64_t id;
	json_t *out = NULL;
	struct err e;
	int rc;

	err_clear(&e);
	if (api_id_param(req, resp, &id))
		return;
	api_caller(req, &who);
	rc = service_request_act(api_conn(req), &who, id, action, &out, &e);
	api_result(req, resp, rc, 200, out, &e);
}

#define CRUD(name, list, create, get, update, remove)                                     \
	{HTTP_GET, API_PREFIX name, collection_get, list},                                 \
		{HTTP_POST, API_PREFIX name, collection_post, create},                     \
		{HTTP_GET, API_PREFIX name "/{id}", item_get, get},                        \
		{HTTP_PATCH, API_PREFIX name "/{id}", item_patch, update},                 \
		{HTTP_DELETE, API_PREFIX name "/{id}", item_delete, remove}

#define PUB API_PUBLIC
#define USER API_USER
#define ADMIN API_ADMIN
#define ORG (API_ORGANISER | API_ADMIN)
#define REP (API_REP | API_ADMIN)
#define DESK (API_DESK | API_ADMIN)
#define JURY API_JURY
#define PARTIES (API_SELF | API_PARTNER | API_ORGANISER | API_ADMIN)

/*
 * Every endpoint and who may call it (api.h, "Who may call an endpoint").
 * Rows are then filtered by what the caller may see (privacy.c): contact
 * details, profiles awaiting validation, other people's requests.
 */
const struct http_route api_routes[] = {
	{HTTP_GET, API_PREFIX "health", api_health, PUB},
	{HTTP_GET, API_PREFIX "stats", api_stats, PUB},
	{HTTP_GET, API_PREFIX "openapi.json", api_openapi, PUB},
	/* accounts */
	{HTTP_POST, API_PREFIX "auth/register", api_auth_register, PUB},
	{HTTP_POST, API_PREFIX "auth/sign-in", api_auth_sign_in, PUB},
	{HTTP_POST, API_PREFIX "auth/sign-out", api_auth_sign_out, USER},
	{HTTP_GET, API_PREFIX "auth/me", api_auth_me, USER},
	{HTTP_GET, API_PREFIX "auth/session", api_auth_session, PUB},
	{HTTP_POST, API_PREFIX "auth/password", api_auth_password, USER},
	{HTTP_POST, API_PREFIX "auth/password-reset", api_auth_reset_request, PUB},
	{HTTP_POST, API_PREFIX "auth/password-reset/confirm", api_auth_reset_confirm, PUB},
	{HTTP_GET, API_PREFIX "auth/tokens", api_auth_tokens_list, USER},
	{HTTP_POST, API_PREFIX "auth/tokens", api_auth_tokens_create, USER},
	{HTTP_DELETE, API_PREFIX "auth/tokens/{id}", api_auth_tokens_delete, USER},
	{HTTP_POST, API_PREFIX "auth/invitations", api_auth_invite, REP},
	{HTTP_GET, API_PREFIX "me/export", api_me_export, USER},
	{HTTP_POST, API_PREFIX "me/delete", api_me_delete, USER},
	{HTTP_GET, API_PREFIX "me/notifications", api_me_notifications_get, USER},
	{HTTP_PUT, API_PREFIX "me/notifications", api_me_notifications_put, USER},
	{HTTP_POST, API_PREFIX "unsubscribe", api_unsubscribe, PUB},
	{HTTP_GET, API_PREFIX "accounts", api_accounts_list, ADMIN},
	{HTTP_GET, API_PREFIX "accounts/{id}", api_accounts_get, ADMIN},
	{HTTP_PUT, API_PREFIX "accounts/{id}/roles", api_accounts_roles, ADMIN},
	{HTTP_GET, API_PREFIX "outbox", api_outbox_list, ADMIN},
	{HTTP_GET, API_PREFIX "audit", api_audit_list, ADMIN},
	/* the directory, events and the cooperation that follows */
	CRUD("organisations", PUB, USER, PUB, REP, ADMIN),
	CRUD("people", PUB, REP, PUB, API_SELF | REP, ADMIN),
	CRUD("opportunities", PUB, REP, PUB, REP, REP),
	CRUD("events", PUB, ADMIN, PUB, ORG, ADMIN),
	CRUD("registrations", USER, API_SELF | ORG, USER, API_SELF | ORG, API_SELF | ORG),
	CRUD("meeting-requests", USER, API_SELF | ORG, PARTIES, API_SELF | ORG, ORG),
	{HTTP_POST, API_PREFIX "meeting-requests/{id}/accept", request_act, API_PARTNER | ORG},
	{HTTP_POST, API_PREFIX "meeting-requests/{id}/decline", request_act, API_PARTNER | ORG},
	{HTTP_POST, API_PREFIX "meeting-requests/{id}/cancel", request_act, PARTIES},
	{HTTP_GET, API_PREFIX "meetings", collection_get, USER},
	{HTTP_GET, API_PREFIX "meetings/{id}", item_get, PARTIES},
	CRUD("agreements", USER, REP, REP | ORG, REP, REP),
	{HTTP_POST, API_PREFIX "events/{id}/schedule", api_event_schedule, ORG},
	{HTTP_GET, API_PREFIX "events/{id}/grid", api_event_grid, ORG},
	{HTTP_POST, API_PREFIX "events/{id}/views", api_event_view_add, PUB},
	{HTTP_GET, API_PREFIX "events/{id}/views", api_event_views, ORG},
	{HTTP_GET, API_PREFIX "events/{id}/registrations.csv", api_event_registrations_csv, ORG},
	{HTTP_GET, API_PREFIX "events/{id}/meetings.csv", api_event_meetings_csv, ORG},
	{HTTP_GET, API_PREFIX "events/{id}/statistics", api_event_statistics, ORG},
	{HTTP_GET, API_PREFIX "events/{id}/requests.csv", api_event_table_csv, ORG},
	{HTTP_GET, API_PREFIX "events/{id}/outcomes.csv", api_event_table_csv, ORG},
	{HTTP_GET, API_PREFIX "events/{id}/agreements.csv", api_event_table_csv, ORG},
	{HTTP_GET, API_PREFIX "events/{id}/report.xlsx", api_event_report_xlsx, ORG},
	{HTTP_GET, API_PREFIX "events/{id}/report.pdf", api_event_report_pdf, ORG},
	{HTTP_GET, API_PREFIX "statistics", api_statistics, ADMIN},
	{HTTP_GET, API_PREFIX "statistics/report.xlsx", api_statistics_report, ADMIN},
	{HTTP_GET, API_PREFIX "statistics/report.pdf", api_statistics_report, ADMIN},
	{HTTP_GET, API_PREFIX "events/{id}/badges.pdf", api_event_badges, ORG},
	{HTTP_POST, API_PREFIX "events/{id}/check-in", api_event_checkin, ORG},
	{HTTP_POST, API_PREFIX "events/{id}/join", api_event_join, USER},
	{HTTP_GET, API_PREFIX "events/{id}/attendance", api_event_attendance, ORG},
	{HTTP_POST, API_PREFIX "events/{id}/announcements", api_event_announce, ORG},
	{HTTP_POST, API_PREFIX "events/{id}/nudges", api_event_nudge, ORG},
	{HTTP_PATCH, API_PREFIX "meetings/{id}", api_meeting_patch, ORG},
	{HTTP_GET, API_PREFIX "meetings/{id}/outcomes", api_meeting_outcomes, PARTIES},
	{HTTP_PUT, API_PREFIX "meetings/{id}/outcome", api_meeting_outcome_put,
	 API_SELF | API_PARTNER},
	{HTTP_POST, API_PREFIX "meetings/{id}/no-show", api_meeting_no_show, ORG},
	{HTTP_POST, API_PREFIX "meetings/{id}/agreement", api_meeting_agreement, PARTIES},
	{HTTP_POST, API_PREFIX "agreements/{id}/pilot", api_agreement_pilot, REP},
	{HTTP_GET, API_PREFIX "people/{id}/agenda", api_person_agenda, API_SELF | ADMIN},
	{HTTP_GET, API_PREFIX "people/{id}/agenda.ics", api_person_agenda_ics, API_SELF | ADMIN},
	{HTTP_GET, API_PREFIX "organisations/{id}/recommendations", api_org_recommendations, USER},
	{HTTP_GET, API_PREFIX "opportunities/{id}/matches", api_opportunity_matches, USER},
	/* the cooperation desk: who sees which case is service/case.c's */
	{HTTP_GET, API_PREFIX "cases", api_cases_list, USER},
	{HTTP_POST, API_PREFIX "cases", api_cases_open, USER},
	{HTTP_POST, API_PREFIX "cases/import", api_cases_import, DESK},
	{HTTP_GET, API_PREFIX "cases/{id}", api_case_get, USER},
	{HTTP_PATCH, API_PREFIX "cases/{id}", api_case_patch, DESK},
	{HTTP_POST, API_PREFIX "cases/{id}/messages", api_case_post, USER},
	{HTTP_POST, API_PREFIX "cases/{id}/state", api_case_move, USER},
	{HTTP_POST, API_PREFIX "cases/{id}/satisfaction", api_case_rate, USER},
	{HTTP_GET, API_PREFIX "cases/{id}/suggestions", api_case_suggestions, DESK},
	{HTTP_GET, API_PREFIX "desk/summary", api_desk_summary, USER},
	{HTTP_GET, API_PREFIX "desk/settings", api_desk_settings_get, DESK},
	{HTTP_PUT, API_PREFIX "desk/settings", api_desk_settings_put, ADMIN},
	{HTTP_GET, API_PREFIX "desk/staff", api_desk_staff_list, DESK},
	{HTTP_PUT, API_PREFIX "desk/staff/{id}", api_desk_staff_put, ADMIN},
	{HTTP_DELETE, API_PREFIX "desk/staff/{id}", api_desk_staff_delete, ADMIN},
	/* the desk's partner network, expert pool and event series (service/network.h) */
	{HTTP_GET, API_PREFIX "partners", api_partners_list, PUB},
	{HTTP_POST, API_PREFIX "partners", api_partners_create, DESK},
	{HTTP_GET, API_PREFIX "partners/renewals", api_partners_renewals, DESK},
	{HTTP_GET, API_PREFIX "partners/{id}", api_partner_get, PUB},
	{HTTP_PATCH, API_PREFIX "partners/{id}", api_partner_patch, DESK},
	{HTTP_POST, API_PREFIX "partners/{id}/activities", api_partner_activity, DESK},
	{HTTP_POST, API_PREFIX "partners/{id}/renewal", api_partner_renew, DESK},
	{HTTP_GET, API_PREFIX "experts", api_experts_list, PUB},
	{HTTP_POST, API_PREFIX "experts", api_experts_create, DESK},
	{HTTP_GET, API_PREFIX "experts/{id}", api_expert_get, PUB},
	{HTTP_PATCH, API_PREFIX "experts/{id}", api_expert_patch, DESK},
	{HTTP_POST, API_PREFIX "experts/{id}/assignments", api_expert_assign, DESK},
	{HTTP_GET, API_PREFIX "cases/{id}/experts", api_case_experts, DESK},
	{HTTP_GET, API_PREFIX "series", api_series_list, DESK},
	{HTTP_GET, API_PREFIX "series/statistics", api_series_get, DESK},
	/* city sustainability indicators */
	{HTTP_GET, API_PREFIX "indicators", api_indicators_list, PUB},
	{HTTP_POST, API_PREFIX "indicators", api_indicators_create, DESK},
	{HTTP_POST, API_PREFIX "indicators/import", api_indicators_import, DESK},
	{HTTP_GET, API_PREFIX "indicators/{id}", api_indicator_get, PUB},
	/*
	 * challenges: organisers and jury of the path's challenge (or of a
	 * submission's), representatives of a submission's organisation; a draft
	 * and another organisation's submission answer 404 (as the service does)
	 */
	{HTTP_GET, API_PREFIX "challenges", api_challenges_list, PUB},
	{HTTP_POST, API_PREFIX "challenges", api_challenge_create, ADMIN},
	{HTTP_GET, API_PREFIX "challenges/{id}", api_challenge_get, PUB},
	{HTTP_POST, API_PREFIX "challenges/{id}/state", api_challenge_state, ORG},
	{HTTP_GET, API_PREFIX "challenges/{id}/submissions", api_challenge_submissions, USER},
	{HTTP_POST, API_PREFIX "challenges/{id}/submissions", api_submission_create, USER},
	{HTTP_GET, API_PREFIX "submissions/{id}", api_submission_get, REP | ORG | JURY},
	{HTTP_PATCH, API_PREFIX "submissions/{id}", api_submission_patch, API_REP},
	{HTTP_POST, API_PREFIX "submissions/{id}/withdraw", api_submission_withdraw, API_REP},
	{HTTP_POST, API_PREFIX "submissions/{id}/attachments", api_attachment_add, API_REP},
	{HTTP_GET, API_PREFIX "submissions/{id}/attachments/{n}", api_attachment_get,
	 REP | ORG | JURY},
	{HTTP_GET, API_PREFIX "challenges/{id}/jury", api_challenge_jury, ORG},
	{HTTP_PUT, API_PREFIX "challenges/{id}/jury/{n}", api_challenge_jury_put, ORG},
	{HTTP_POST, API_PREFIX "challenges/{id}/assignment", api_challenge_assignment, ORG},
	{HTTP_GET, API_PREFIX "challenges/{id}/reviews", api_challenge_reviews, ORG | JURY},
	{HTTP_GET, API_PREFIX "challenges/{id}/ranking", api_challenge_ranking, ORG},
	{HTTP_PUT, API_PREFIX "submissions/{id}/review", api_submission_review, JURY},
	{HTTP_PUT, API_PREFIX "challenges/{id}/decisions", api_challenge_decisions, ORG},
	{HTTP_GET, API_PREFIX "challenges/{id}/results", api_challenge_results, PUB},
	{HTTP_POST, API_PREFIX "submissions/{id}/pilot", api_submission_pilot, REP | ORG},
};

const size_t api_nroutes = sizeof(api_routes) / sizeof(api_routes[0]);

const char *const api_body_types[][2] = {
	{API_PREFIX "cases/import", "message/rfc822"},
	{API_PREFIX "indicators/import", "text/csv"},
	{API_PREFIX "unsubscribe", "application/x-www-form-urlencoded"}, /* RFC 8058 */
	{NULL, NULL},
};
