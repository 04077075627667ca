/*
 * api_internal.h - helpers shared by the handlers of src/api/.
 */
#ifndef LIAISON_API_API_INTERNAL_H
#define LIAISON_API_API_INTERNAL_H

#include "api/api.h"

/* The resource named by the path segment after /api/v1/; -1 if none. */
int api_res_of(const struct http_req *req, enum store_res *res);

/*
 * Parses the {id} parameter: a positive integer, or the ref of a resource
 * that has refs (GET /organisations/cn-suzhou). On failure sets a 404
 * problem and returns -1.
 */
int api_id_param(const struct http_req *req, struct http_resp *resp, int64_t *id);

/* Parses the body as a JSON object (*out owned); on failure sets a 400 and returns -1. */
int api_body(const struct http_req *req, struct http_resp *resp, json_t **out);

/* rc == 0: status with out (stolen); else the problem for e (out released). */
void api_result(const struct http_req *req, struct http_resp *resp, int rc, int status,
		json_t *out, const struct err *e);

/* schedule.c: the meeting scheduler, the grid, meeting moves, agendas. */
void api_event_schedule(const struct http_req *req, struct http_resp *resp);
void api_event_grid(const struct http_req *req, struct http_resp *resp);
void api_meeting_patch(const struct http_req *req, struct http_resp *resp);
void api_person_agenda(const struct http_req *req, struct http_resp *resp);
void api_person_agenda_ics(const struct http_req *req, struct http_resp *resp);

/* recommend.c: ranked partners with reasons. */
void api_org_recommendations(const struct http_req *req, struct http_resp *resp);
void api_opportunity_matches(const struct http_req *req, struct http_resp *resp);

void api_health(const struct http_req *req, struct http_resp *resp);
void api_stats(const struct http_req *req, struct http_resp *resp);
void api_openapi(const struct http_req *req, struct http_resp *resp);

#endif
