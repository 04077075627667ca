/*
 * collate.c - the collations of the SQLite driver (sq_set_collations): a
 * statement that names an unknown collation with the registered prefix
 * makes SQLite ask for it (sqlite3_collation_needed), and the driver
 * registers the caller's on that connection.
 */
#include "store/sqlite/sqlite_int.h"

#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct coll_call {
	const struct db_collations *c;
	void *coll;
};

static int coll_compare(void *ctx, int alen, const void *a, int blen, const void *b)
{
	struct coll_call *k = ctx;

	return k->c->compare(k->coll, a, (size_t)alen, b, (size_t)blen);
}

static void coll_free(void *ctx)
{
	struct coll_call *k = ctx;

	k->c->close(k->coll);
	free(k);
}

static void coll_needed(void *arg, sqlite3 *h, int rep, const char *name)
{
	const struct db_collations *c = arg;
	size_t n = strlen(c->prefix);
	struct coll_call *k;
	void *coll;

	(void)rep;
	if (strncmp(name, c->prefix, n) != 0)
		return;
	coll = c->open(c->arg, name + n);
	if (!coll)
		return; /* the statement fails: no such collation sequence */
	k = xmalloc(sizeof(*k));
	k->c = c;
	k->coll = coll;
	/* on failure xDestroy is not called: free here */
	if (sqlite3_create_collation_v2(h, name, SQLITE_UTF8, k, coll_compare, coll_free) !=
	    SQLITE_OK)
		coll_free(k);
}

int sq_set_collations(struct db *db, const struct db_collations *c, struct err *e)
{
	if (sqlite3_collation_needed(SQ(db)->h, (void *)c, coll_needed) != SQLITE_OK)
		return db_sqlite_err(db, sqlite3_errcode(SQ(db)->h), e);
	return 0;
}
