/*
 * api_internal.h - helpers shared by the handlers of src/api/.
 */
#ifndef LIAISON_API_API_INTERNAL_H
#define LIAISON_API_API_INTERNAL_H

#include "api/api.h"

#include "service/resource.h"
#include "service/service.h"

/* The worker's connection to the domain (the server's per-thread context). */
static inline struct service_conn *api_conn(const struct http_req *req)
{
	return req->worker;
}

/* The session cookie's name. */
#define API_SESSION_COOKIE "liaison_session"

/* What the guard learnt about the caller (req->auth, freed by api_auth_free). */
struct api_auth {
	struct auth_principal p;
	unsigned granted;  /* the access bits that let the request in */
	int clear_cookie;  /* the session cookie named no live session */
};

/*
 * The decision of api_guard once it knows the caller (req->auth, a struct
 * api_auth): 0 when route->access lets them in (auth->granted set), else
 * resp filled (401, 403, 404 for an unknown target, 400 for a body that
 * is not JSON when the body decides) and -1.
 */
int api_authorize(struct http_req *req, const struct http_route *route, struct http_resp *resp);

/* The caller (anonymous when the guard did not run). Never NULL. */
const struct auth_principal *api_principal(const struct http_req *req);

/* The app settings (defaults when the server was given none). */
const struct api_app *api_app_of(const struct http_req *req);

/* Sets a cookie that makes the browser forget the session (auth.c). */
void api_cookie_clear(const struct http_req *req, struct http_resp *resp);

/*
 * auth.c: opens a new session for account - ends the one the request came
 * with (no fixation), sets the cookie and replies status with the account
 * and its CSRF token.
 */
void api_sign_in_as(const struct http_req *req, struct http_resp *resp, int status,
		    int64_t account);

/*
 * auth.c: the problem for e; when a limit was reached (ERR_TOO_MANY) a
 * Retry-After of window seconds too.
 */
void api_fail(const struct http_req *req, struct http_resp *resp, const struct err *e,
	      int window);

/* resources.c: the caller as the service sees them (service.h). */
void api_caller(const struct http_req *req, struct service_caller *who);

/* auth.c: accounts, sessions, tokens, invitations, personal data. */
void api_auth_register(const struct http_req *req, struct http_resp *resp);
void api_auth_sign_in(const struct http_req *req, struct http_resp *resp);
void api_auth_sign_out(const struct http_req *req, struct http_resp *resp);
void api_auth_me(const struct http_req *req, struct http_resp *resp);
void api_auth_session(const struct http_req *req, struct http_resp *resp);
void api_auth_password(const struct http_req *req, struct http_resp *resp);
void api_auth_reset_request(const struct http_req *req, struct http_resp *resp);
void api_auth_reset_confirm(const struct http_req *req, struct http_resp *resp);
void api_auth_tokens_list(const struct http_req *req, struct http_resp *resp);
void api_auth_tokens_create(const struct http_req *req, struct http_resp *resp);
void api_auth_tokens_delete(const struct http_req *req, struct http_resp *resp);
void api_auth_invite(const struct http_req *req, struct http_resp *resp);
void api_me_export(const struct http_req *req, struct http_resp *resp);
void api_me_delete(const struct http_req *req, struct http_resp *resp);
void api_accounts_list(const struct http_req *req, struct http_resp *resp);
void api_accounts_get(const struct http_req *req, struct http_resp *resp);
void api_accounts_roles(const struct http_req *req, struct http_resp *resp);
void api_outbox_list(const struct http_req *req, struct http_resp *resp);

/* checkin.c: the event day (service/checkin.h). */
void api_event_checkin(const struct http_req *req, struct http_resp *resp);
void api_event_join(const struct http_req *req, struct http_resp *resp);
void api_event_attendance(const struct http_req *req, struct http_resp *resp);
void api_event_badges(const struct http_req *req, struct http_resp *resp);

/* notify.c: opt-outs and announcements (service/send.h). */
void api_me_notifications_get(const struct http_req *req, struct http_resp *resp);
void api_me_notifications_put(const struct http_req *req, struct http_resp *resp);
void api_unsubscribe(const struct http_req *req, struct http_resp *resp);
void api_event_announce(const struct http_req *req, struct http_resp *resp);
void api_event_nudge(const struct http_req *req, struct http_resp *resp);
void api_audit_list(const struct http_req *req, struct http_resp *resp);

/* The resource named by the path segment after /api/v1/; -1 if none. */
int api_res_of(const struct http_req *req, enum service_res *res);

/*
 * Parses the {id} parameter: a positive integer, or the ref of a resource
 * that has refs (GET /organisations/cn-suzhou). On failure sets a 404
 * problem and returns -1.
 */
int api_id_param(const struct http_req *req, struct http_resp *resp, int64_t *id);

/* api_id_param without the problem: ERR_NOT_FOUND (field "id") in e. */
int api_id_lookup(const struct http_req *req, int64_t *id, struct err *e);

/* Parses the body as a JSON object (*out owned); on failure sets a 400 and returns -1. */
int api_body(const struct http_req *req, struct http_resp *resp, json_t **out);

/* 0 when every field of body is one of names (NULL-terminated); else ERR_INVALID naming it. */
int api_fields_known(const json_t *body, const char *const *names, struct err *e);

/* rc == 0: status with out (stolen); else the problem for e (out released). */
void api_result(const struct http_req *req, struct http_resp *resp, int rc, int status,
		json_t *out, const struct err *e);

/*
 * The handlers that are one service call (call.c): the caller, then the
 * {id} of the path and/or the JSON body as the function takes them, the
 * answer with status, or the problem. A bad id or body is answered first.
 */
typedef int (*api_fn)(struct service_conn *c, const struct service_caller *who, json_t **out,
		      struct err *e);
typedef int (*api_id_fn)(struct service_conn *c, const struct service_caller *who, int64_t id,
			 json_t **out, struct err *e);
typedef int (*api_body_fn)(struct service_conn *c, const struct service_caller *who,
			   const json_t *body, json_t **out, struct err *e);
typedef int (*api_id_body_fn)(struct service_conn *c, const struct service_caller *who,
			      int64_t id, const json_t *body, json_t **out, struct err *e);
void api_call(const struct http_req *req, struct http_resp *resp, int status, api_fn fn);
void api_call_id(const struct http_req *req, struct http_resp *resp, int status, api_id_fn fn);
void api_call_body(const struct http_req *req, struct http_resp *resp, int status,
		   api_body_fn fn);
void api_call_id_body(const struct http_req *req, struct http_resp *resp, int status,
		      api_id_body_fn fn);

/*
 * A create's answer: Location is the row of base that out's member key
 * names ("id", or "ref" for rows named by a ref; api_created);
 * api_call_create is the whole handler: the caller and the JSON body to
 * fn, then 201 with Location. api_call_query gives fn the caller and the query's parameters.
 */
typedef int (*api_query_fn)(struct service_conn *c, const struct service_caller *who,
			    const json_t *query, json_t **out, struct err *e);
void api_created(struct http_resp *resp, const char *base, const char *key, const json_t *out);
void api_call_create(const struct http_req *req, struct http_resp *resp, const char *base,
		     const char *key, api_body_fn fn);
void api_call_query(const struct http_req *req, struct http_resp *resp, api_query_fn fn);

/*
 * Reads that need no caller (the route table has already let them in):
 * by the path's {id}, or by the query's parameters; 200 with the answer.
 */
typedef int (*api_read_id_fn)(struct service_conn *c, int64_t id, json_t **out, struct err *e);
typedef int (*api_read_query_fn)(struct service_conn *c, const json_t *query, json_t **out,
				 struct err *e);
void api_read_id(const struct http_req *req, struct http_resp *resp, api_read_id_fn fn);
void api_read_query(const struct http_req *req, struct http_resp *resp, api_read_query_fn fn);

/* schedule.c: the meeting scheduler, the grid, meeting moves, agendas. */
void api_event_schedule(const struct http_req *req, struct http_resp *resp);
void api_event_grid(const struct http_req *req, struct http_resp *resp);
void api_meeting_patch(const struct http_req *req, struct http_resp *resp);
void api_person_agenda(const struct http_req *req, struct http_resp *resp);
void api_person_agenda_ics(const struct http_req *req, struct http_resp *resp);

/* outcome.c: what became of a meeting, side by side. */
void api_meeting_outcomes(const struct http_req *req, struct http_resp *resp);
void api_meeting_outcome_put(const struct http_req *req, struct http_resp *resp);
void api_meeting_no_show(const struct http_req *req, struct http_resp *resp);

/* agreement.c: agreements from a meeting, pilots from an agreement. */
void api_meeting_agreement(const struct http_req *req, struct http_resp *resp);
void api_agreement_pilot(const struct http_req *req, struct http_resp *resp);

/* case.c: the cooperation desk's cases (service/case.h). */
void api_cases_open(const struct http_req *req, struct http_resp *resp);
void api_cases_import(const struct http_req *req, struct http_resp *resp);
void api_cases_list(const struct http_req *req, struct http_resp *resp);
void api_case_get(const struct http_req *req, struct http_resp *resp);
void api_case_patch(const struct http_req *req, struct http_resp *resp);
void api_case_post(const struct http_req *req, struct http_resp *resp);
void api_case_move(const struct http_req *req, struct http_resp *resp);
void api_case_rate(const struct http_req *req, struct http_resp *resp);
void api_case_suggestions(const struct http_req *req, struct http_resp *resp);
void api_desk_summary(const struct http_req *req, struct http_resp *resp);
void api_desk_settings_get(const struct http_req *req, struct http_resp *resp);
void api_desk_settings_put(const struct http_req *req, struct http_resp *resp);
void api_desk_staff_list(const struct http_req *req, struct http_resp *resp);
void api_desk_staff_put(const struct http_req *req, struct http_resp *resp);
void api_desk_staff_delete(const struct http_req *req, struct http_resp *resp);

/* network.c: the desk's partner network, expert pool and event series (service/network.h). */
void api_partners_list(const struct http_req *req, struct http_resp *resp);
void api_partners_create(const struct http_req *req, struct http_resp *resp);
void api_partners_renewals(const struct http_req *req, struct http_resp *resp);
void api_partner_get(const struct http_req *req, struct http_resp *resp);
void api_partner_patch(const struct http_req *req, struct http_resp *resp);
void api_partner_activity(const struct http_req *req, struct http_resp *resp);
void api_partner_renew(const struct http_req *req, struct http_resp *resp);
void api_experts_list(const struct http_req *req, struct http_resp *resp);
void api_experts_create(const struct http_req *req, struct http_resp *resp);
void api_expert_get(const struct http_req *req, struct http_resp *resp);
void api_expert_patch(const struct http_req *req, struct http_resp *resp);
void api_expert_assign(const struct http_req *req, struct http_resp *resp);
void api_case_experts(const struct http_req *req, struct http_resp *resp);
void api_series_list(const struct http_req *req, struct http_resp *resp);
void api_series_get(const struct http_req *req, struct http_resp *resp);

/* indicator.c: city sustainability indicators (service/indicator.h). */
void api_indicators_list(const struct http_req *req, struct http_resp *resp);
void api_indicators_create(const struct http_req *req, struct http_resp *resp);
void api_indicator_get(const struct http_req *req, struct http_resp *resp);
void api_indicators_import(const struct http_req *req, struct http_resp *resp);

/* recommend.c: ranked partners with reasons. */
void api_org_recommendations(const struct http_req *req, struct http_resp *resp);
void api_opportunity_matches(const struct http_req *req, struct http_resp *resp);

/* challenge.c: innovation challenges, their submissions and attachments */
void api_challenges_list(const struct http_req *req, struct http_resp *resp);
void api_challenge_create(const struct http_req *req, struct http_resp *resp);
void api_challenge_get(const struct http_req *req, struct http_resp *resp);
void api_challenge_state(const struct http_req *req, struct http_resp *resp);
void api_challenge_submissions(const struct http_req *req, struct http_resp *resp);
void api_submission_create(const struct http_req *req, struct http_resp *resp);
void api_submission_get(const struct http_req *req, struct http_resp *resp);
void api_submission_patch(const struct http_req *req, struct http_resp *resp);
void api_submission_withdraw(const struct http_req *req, struct http_resp *resp);
void api_attachment_add(const struct http_req *req, struct http_resp *resp);
void api_attachment_get(const struct http_req *req, struct http_resp *resp);
void api_challenge_jury(const struct http_req *req, struct http_resp *resp);
void api_challenge_jury_put(const struct http_req *req, struct http_resp *resp);
void api_challenge_assignment(const struct http_req *req, struct http_resp *resp);
void api_challenge_reviews(const struct http_req *req, struct http_resp *resp);
void api_challenge_ranking(const struct http_req *req, struct http_resp *resp);
void api_submission_review(const struct http_req *req, struct http_resp *resp);
void api_challenge_decisions(const struct http_req *req, struct http_resp *resp);
void api_challenge_results(const struct http_req *req, struct http_resp *resp);
void api_submission_pilot(const struct http_req *req, struct http_resp *resp);

void api_health(const struct http_req *req, struct http_resp *resp);
void api_stats(const struct http_req *req, struct http_resp *resp);
void api_openapi(const struct http_req *req, struct http_resp *resp);

#endif
