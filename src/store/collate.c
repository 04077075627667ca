/*
 * collate.c - the ICU collations of SQL (ORDER BY name COLLATE
 * "icu:<collation>", the collations named by text_collation_of), through
 * the driver's db_set_collations: each connection opens one the first time
 * a statement asks for it, so that the set of names is ICU's, not the
 * callers'.
 */
#include "store/store_int.h"

#include "text/collate.h"

static void *icu_open(void *arg, const char *name)
{
	(void)arg;
	return text_collator_open(name);
}

static int icu_compare(void *coll, const char *a, size_t alen, const char *b, size_t blen)
{
	return text_collate(coll, a, alen, b, blen);
}

static void icu_close(void *coll)
{
	text_collator_free(coll);
}

static const struct db_collations icu = {STORE_COLLATION_PREFIX, icu_open, icu_compare,
					  icu_close, NULL};

int store_collate_register(struct store *s, struct err *e)
{
	return db_set_collations(s->db, &icu, e);
}
