/*
 * conn.c - a worker's connection to the domain: one store connection,
 * opened here or borrowed from a caller that already holds one.
 */
#include "service/service_int.h"

#include "core/xalloc.h"

#include <stdlib.h>

int service_conn_open(const char *path, int flags, struct service_conn **out, struct err *e)
{
	struct store *s = NULL;
	int rc = store_open(&s, path, (flags & SERVICE_MIGRATE) ? STORE_MIGRATE : 0, e);

	*out = NULL;
	if (rc)
		return rc;
	*out = xcalloc(1, sizeof(**out));
	(*out)->store = s;
	(*out)->owned = 1;
	return 0;
}

struct service_conn *service_conn_wrap(struct store *s)
{
	struct service_conn *c = xcalloc(1, sizeof(*c));

	c->store = s;
	return c;
}

int service_conn_stale(const struct service_conn *c)
{
	return c->owned && store_stale(c->store);
}

void service_conn_close(struct service_conn *c)
{
	if (!c)
		return;
	if (c->owned)
		store_close(c->store);
	free(c);
}
