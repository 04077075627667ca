/*
 * match_source.c - what the recommendations read (service/recommend.c):
 * every organisation with its opportunities in the matching engine's batch
 * format, the pairs of organisations that must never be proposed to each
 * other, and the change counter that tells a cached corpus is stale.
 *
 * Ids: "id" is the integer id as a string ("12") so that results map back
 * to API ids without ambiguity, and "ref" is added where one is set. The
 * other fields are those of the export (batch.c): stored values, no
 * defaults filled in.
 *
 * Exclusions: organisations A and B are excluded when a person of A and a
 * person of B have a meeting request between them (either direction, at
 * any event) that is accepted (they meet, or met: accepting creates the
 * meeting) or declined (one side said no). Requests still pending and
 * cancelled ones exclude nothing; nor do two people of one organisation.
 *
 * The change counter (table data_version, migration 3) is bumped once per
 * write transaction that touched organisations or opportunities (an
 * update hook marks the transaction, store_tx_end bumps), and by triggers
 * for meeting requests and people.
 *
 * Reading is two ordered scans merged (organisations by id, opportunities
 * by organisation then id) inside one read transaction, so that the
 * corpus, its exclusions and the data version are one snapshot.
 */
#include "store/store_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define SOURCE_SQL_MAX 2048

/*
 * The SELECT of every row of rd, columns in the order store_row_json
 * reads them (crud.c's single-row SELECT without its WHERE), then order.
 */
static void source_select(const struct store_resdef *rd, const char *order, struct buf *b)
{
	(void)buf_puts(b, "SELECT t.id");
	for (int i = 0; i < rd->nfields; i++) {
		const struct store_field *f = &rd->fields[i];

		if (f->kind == STORE_K_SPECIAL)
			continue;
		if (f->expr)
			(void)buf_printf(b, ", %s", f->expr);
		else
			(void)buf_printf(b, ", t.%s", f->name);
	}
	if (rd->has_times)
		(void)buf_puts(b, ", t.created_at, t.updated_at");
	(void)buf_printf(b, " FROM %s t ORDER BY %s", rd->table, order);
}

/* The export view of st's row with "id" = the integer id and "ref" = the ref. */
static json_t *source_row(const struct store_resdef *rd, struct db_stmt *st)
{
	json_t *obj = store_row_json(rd, st, STORE_VIEW_EXPORT);
	json_t *ref = json_object_get(obj, "id");
	char id[24];

	if (ref)
		json_object_set(obj, "ref", ref);
	snprintf(id, sizeof(id), "%" PRId64, (int64_t)db_col_int64(st, 0));
	json_object_set_new(obj, "id", json_string(id));
	return obj;
}

/* The column of field name in source_select's SELECT, or -1. */
static int source_column(const struct store_resdef *rd, const char *name)
{
	int col = 1;

	for (int i = 0; i < rd->nfields; i++) {
		if (rd->fields[i].kind == STORE_K_SPECIAL)
			continue;
		if (strcmp(rd->fields[i].name, name) == 0)
			return col;
		col++;
	}
	return -1;
}

/* The scan of one resource: its statement and whether it is on a row. */
struct source_scan {
	const struct store_resdef *rd;
	struct db_stmt *st;
	int row;       /* 1 on a row, 0 done, < 0 error */
	int owner_col; /* opportunities: the column of organisation_id */
};

static int scan_open(struct store *s, enum store_res res, const char *order, struct source_scan *sc,
		     struct err *e)
{
	struct buf sql;
	int rc;

	sc->rd = store_resdef(res);
	sc->st = NULL;
	sc->row = 0;
	sc->owner_col = source_column(sc->rd, "organisation_id");
	buf_init(&sql, SOURCE_SQL_MAX);
	source_select(sc->rd, order, &sql);
	rc = store_prep(s, sql.data, &sc->st, e);
	buf_release(&sql);
	if (rc)
		return rc;
	sc->row = store_step(s, sc->st, e);
	return sc->row < 0 ? sc->row : 0;
}

/* Adds the opportunities of org (opps' cursor is on or before them). */
static int source_opps(struct store *s, struct source_scan *opps, int64_t org, json_t *obj,
		       struct err *e)
{
	json_t *arr = NULL;

	while (opps->row == 1 && db_col_int64(opps->st, opps->owner_col) <= org) {
		if (db_col_int64(opps->st, opps->owner_col) == org) {
			json_t *opp = source_row(opps->rd, opps->st);

			json_object_del(opp, "organisation_id");
			if (!arr)
				arr = json_array();
			json_array_append_new(arr, opp);
		}
		opps->row = store_step(s, opps->st, e);
	}
	if (arr)
		json_object_set_new(obj, "opportunities", arr);
	return opps->row < 0 ? opps->row : 0;
}

static int source_orgs(struct store *s, json_t *list, struct err *e)
{
	struct source_scan orgs = {NULL, NULL, 0, -1}, opps = {NULL, NULL, 0, -1};
	int rc;

	rc = scan_open(s, STORE_ORGANISATION, "t.id", &orgs, e);
	if (rc == 0)
		rc = scan_open(s, STORE_OPPORTUNITY, "t.organisation_id, t.id", &opps, e);
	while (rc == 0 && orgs.row == 1) {
		json_t *obj = source_row(orgs.rd, orgs.st);

		rc = source_opps(s, &opps, db_col_int64(orgs.st, 0), obj, e);
		json_array_append_new(list, obj);
		if (rc == 0) {
			orgs.row = store_step(s, orgs.st, e);
			rc = orgs.row < 0 ? orgs.row : 0;
		}
	}
	store_reset(orgs.st);
	store_reset(opps.st);
	return rc;
}

static int source_exclusions(struct store *s, json_t *list, struct err *e)
{
	static const char sql[] = "SELECT DISTINCT min(a.organisation_id, b.organisation_id) AS x,"
				  " max(a.organisation_id, b.organisation_id) AS y"
				  " FROM meeting_requests r"
				  " JOIN people a ON a.id = r.requester_id"
				  " JOIN people b ON b.id = r.invitee_id"
				  " WHERE r.state IN ('accepted', 'declined')"
				  " AND a.organisation_id <> b.organisation_id"
				  " ORDER BY x, y";
	struct db_stmt *st;
	int rc = store_prep(s, sql, &st, e);

	while (rc == 0 && (rc = store_step(s, st, e)) == 1) {
		char a[24], b[24];

		snprintf(a, sizeof(a), "%" PRId64, (int64_t)db_col_int64(st, 0));
		snprintf(b, sizeof(b), "%" PRId64, (int64_t)db_col_int64(st, 1));
		json_array_append_new(list, json_pack("[ss]", a, b));
		rc = 0;
	}
	store_reset(st);
	return rc < 0 ? rc : 0;
}

/* ---- the change counter ------------------------------------------------------ */

static void version_hook(void *arg, const char *table)
{
	struct store *s = arg;

	if (strcmp(table, "organisations") == 0 || strcmp(table, "opportunities") == 0)
		s->version_dirty = 1;
}

void store_version_watch(struct store *s)
{
	db_watch(s->db, version_hook, s);
}

int store_version_flush(struct store *s, struct err *e)
{
	if (!s->version_dirty)
		return 0;
	s->version_dirty = 0;
	return store_exec(s, e, "UPDATE data_version SET n = n + 1 WHERE id = 1", "");
}

static int read_version(struct store *s, int64_t *version, struct err *e)
{
	int rc = store_int(s, e, version, "SELECT n FROM data_version WHERE id = 1", "");

	if (rc == 0)
		return err_set(e, ERR_INTERNAL, NULL, "the data version row is missing");
	return rc < 0 ? rc : 0;
}

int store_data_version(struct store *s, int64_t *version, struct err *e)
{
	*version = 0;
	return read_version(s, version, e);
}

int store_match_source(struct store *s, json_t **out, int64_t *version, struct err *e)
{
	json_t *orgs = json_array(), *excl = json_array();
	int64_t v = 0;
	int rc;

	*out = NULL;
	rc = store_read_begin(s, e);
	if (rc) {
		json_decref(orgs);
		json_decref(excl);
		return rc;
	}
	rc = read_version(s, &v, e);
	if (rc == 0)
		rc = source_orgs(s, orgs, e);
	if (rc == 0)
		rc = source_exclusions(s, excl, e);
	rc = store_read_end(s, rc, e);
	if (rc) {
		json_decref(orgs);
		json_decref(excl);
		return rc;
	}
	*out = json_pack("{soso}", "organisations", orgs, "exclusions", excl);
	if (version)
		*version = v;
	return 0;
}
