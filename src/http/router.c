/*
 * router.c - matching request paths against route patterns.
 *
 * A pattern is a path whose segments are literal or "{name}"; a {name}
 * segment matches any one non-empty segment. Matching is exact (no
 * trailing slash tolerance), so every route has one spelling.
 */
#include "http/http.h"

#include <stdio.h>
#include <string.h>

static const struct {
	int bit;
	const char *name;
} http_methods[] = {
	{HTTP_GET, "GET"},     {HTTP_HEAD, "HEAD"},     {HTTP_POST, "POST"},
	{HTTP_PUT, "PUT"},     {HTTP_PATCH, "PATCH"},   {HTTP_DELETE, "DELETE"},
	{HTTP_OPTIONS, "OPTIONS"},
};

void http_allow_string(int methods, char *out, size_t len)
{
	size_t used = 0;

	out[0] = '\0';
	if (methods & HTTP_GET)
		methods |= HTTP_HEAD;
	for (size_t i = 0; i < sizeof(http_methods) / sizeof(http_methods[0]); i++) {
		int n;

		if (!(methods & http_methods[i].bit))
			continue;
		n = snprintf(out + used, len - used, "%s%s", used ? ", " : "",
			     http_methods[i].name);
		if (n < 0 || (size_t)n >= len - used)
			return;
		used += (size_t)n;
	}
}

/*
 * Matches path (a writable copy, split in place) against pattern. On a
 * match returns 1 and fills params with the {x} segments.
 */
static int route_matches(const char *pattern, char *path, const char **params, size_t *nparams)
{
	const char *p = pattern;
	char *s = path;

	*nparams = 0;
	while (*p && *s) {
		if (*p != '/' || *s != '/')
			return 0;
		p++;
		s++;
		const char *pend = strchr(p, '/');
		char *send = strchr(s, '/');
		size_t plen = pend ? (size_t)(pend - p) : strlen(p);
		size_t slen = send ? (size_t)(send - s) : strlen(s);

		if (plen > 1 && p[0] == '{' && p[plen - 1] == '}') {
			if (slen == 0 || *nparams == HTTP_MAX_PARAMS)
				return 0;
			params[(*nparams)++] = s;
		} else if (plen != slen || memcmp(p, s, plen) != 0) {
			return 0;
		}
		p += plen;
		s += slen;
	}
	return *p == '\0' && *s == '\0';
}

/* Cuts the {x} segments captured in params at their closing slash. */
static void route_terminate(const char **params, size_t nparams)
{
	for (size_t i = 0; i < nparams; i++) {
		char *slash = strchr(params[i], '/');

		if (slash)
			*slash = '\0';
	}
}

const struct http_route *http_route_match(const struct http_route *routes, size_t nroutes,
					  int method, const char *path, char *scratch,
					  size_t scratch_len, const char **params, size_t *nparams,
					  int *allow)
{
	int want = method == HTTP_HEAD ? HTTP_GET : method;

	*allow = 0;
	*nparams = 0;
	if (strlen(path) >= scratch_len)
		return NULL;
	for (size_t i = 0; i < nroutes; i++) {
		snprintf(scratch, scratch_len, "%s", path);
		if (!route_matches(routes[i].pattern, scratch, params, nparams))
			continue;
		if (routes[i].methods & want) {
			route_terminate(params, *nparams);
			return &routes[i];
		}
		*allow |= routes[i].methods;
	}
	*nparams = 0;
	return NULL;
}
