/*
 * api.h - the JSON API under /api/v1: the route table the HTTP server
 * serves. Handlers turn requests into store calls and store results into
 * responses; the store validates, so handlers stay thin.
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
};

/* The routes of /api/v1, and how many there are. */
extern const struct http_route api_routes[];
extern const size_t api_nroutes;

#endif
