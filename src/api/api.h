/*
 * api.h - the JSON API under /api/v1: the route table the HTTP server
 * serves. Handlers parse a request, call one service function
 * (service/) on the worker's connection (http_req.worker, a struct
 * service_conn) and shape its result into a response; the rules live in
 * the service and the store validates, so handlers stay thin.
 */
#ifndef LIAISON_API_API_H
#define LIAISON_API_API_H

#include "http/http.h"

#include <stddef.h>

/*
 * What the handlers need from the command line, passed as the server's app
 * pointer (req->app; NULL means every default).
 */
struct api_app {
	const char *video_url; /* video-room URL template; NULL = the default */
	int open_registration; /* 1: anyone may sign up; 0: by invitation only */
	int secure_cookies;    /* 1: cookies carry Secure (served behind TLS) */
	int requests_per_day;  /* meeting requests one person may make a day; 0 = 20 */
	int session_hours;     /* how long a session lasts; 0 = 168 (a week) */
};

/*
 * Who may call an endpoint: the access of its route (struct http_route) is
 * a set of these, and the caller is let in when any of them holds. The
 * relations (self, partner, representative, organiser) are judged against
 * the route's target: the row named by {id}, or for a POST to a collection
 * the rows its body names (organisation_id, event_id, person_id,
 * requester_id, invitee_id, parties). A PATCH whose body names another
 * organisation needs the relation to that one too. This table is the only
 * declaration: the server enforces it (api_guard), `liaison routes` prints
 * it, docs/access.md lists it and the tests are driven by it.
 */
#define API_PUBLIC 0x01    /* anyone, signed in or not */
#define API_USER 0x02      /* any signed-in account */
#define API_SELF 0x04      /* the target's person (a request's requester) */
#define API_PARTNER 0x08   /* the other person of a request or meeting (the invitee) */
#define API_REP 0x10       /* a representative of the target's organisation */
#define API_ORGANISER 0x20 /* an organiser of the target's event or challenge */
#define API_ADMIN 0x40     /* a platform admin */
#define API_DESK 0x80      /* the cooperation desk's staff (service/case.h) */
#define API_JURY 0x100     /* a jury member of the target's challenge */
#define API_ACCESS_COUNT 9

/* The name of access bit number i (0 = "public" ... 6 = "admin", 7 = "desk", 8 = "jury"). */
const char *api_access_name(int i);

/* The guard, after hook and release function of struct http_config. */
int api_guard(struct http_req *req, const struct http_route *route, struct http_resp *resp);
void api_after(const struct http_req *req, const struct http_route *route,
	       const struct http_resp *resp);
void api_auth_free(void *auth);

/*
 * The access table as JSON, for `liaison routes`: [{"method", "path",
 * "access": ["public", ...]}], one item per method of each route.
 */
json_t *api_access_table(void);

/* The routes of /api/v1, and how many there are. */
extern const struct http_route api_routes[];
extern const size_t api_nroutes;
/* The routes that take a body of another media type than JSON (http_config.body_types). */
extern const char *const api_body_types[][2];

#endif
