/*
 * batch.c - import and export of the organisations batch format
 * (docs/data-format.md): {"organisations": [{"id": ref, ..., "opportunities":
 * [{"id": ref, ...}]}]}.
 *
 * Import runs in one transaction and checks each record as the API does;
 * the first bad one fails the whole import, named by index and field. An
 * organisation (or opportunity) whose ref exists is replaced in place (its
 * id, people and meeting requests stay); the organisation's opportunities
 * that the record no longer lists are deleted. Each organisation's FTS row
 * (which includes its opportunities' text) is written once, after them.
 *
 * Speed: every write is a single-row statement (a multi-row one would run
 * under a statement savepoint, where FTS5 flushes its pending terms), and
 * refs are looked up only when the database held rows before.
 *
 * Export writes every organisation in id order, fields as stored (unset
 * ones left out, no defaults filled in), so import -> export gives back
 * the same records.
 */
#include "store/store_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BATCH_OPPS_MAX 10000

struct batch {
	json_t *seen_orgs; /* ref -> index, to refuse duplicates */
	json_t *seen_opps;
	int existing;      /* the database had organisations or opportunities */
};

/* The record's "id" (its ref): required, a valid ref, not seen before. */
static int record_ref(const json_t *rec, json_t *seen, const char *what, size_t index,
		      const char **ref, struct err *e)
{
	const json_t *id = json_object_get(rec, "id");
	const json_t *prev;

	if (!json_is_object(rec))
		return err_set(e, ERR_INVALID, "", "must be an object");
	if (json_object_get(rec, "ref"))
		return err_set(e, ERR_INVALID, "ref",
			       "is not a field of a batch record: its id is its ref");
	if (!id)
		return err_set(e, ERR_INVALID, "id", "is required");
	if (!json_is_string(id) || !store_valid_ref(json_string_value(id)))
		return err_set(e, ERR_INVALID, "id",
			       "must be a string of 1 to 64 characters among A-Z, a-z, 0-9, '.', "
			       "'_', ':' and '-'");
	*ref = json_string_value(id);
	prev = json_object_get(seen, *ref);
	if (prev)
		return err_set(e, ERR_INVALID, "id", "duplicates the id of %s[%" JSON_INTEGER_FORMAT "]",
			       what, json_integer_value(prev));
	json_object_set_new(seen, *ref, json_integer((json_int_t)index));
	return 0;
}

/* A shallow copy of rec as an API body: "id" becomes "ref". */
static json_t *record_body(const json_t *rec, const char *ref)
{
	json_t *body = json_copy((json_t *)rec);

	json_object_del(body, "id");
	json_object_del(body, "opportunities");
	json_object_set_new(body, "ref", json_string(ref));
	return body;
}

static int import_opp(struct store *s, struct batch *b, int64_t org, const json_t *rec,
		      size_t index, int64_t *id, struct err *e)
{
	const struct store_resdef *rd = store_resdef(STORE_OPPORTUNITY);
	const char *ref;
	json_t *body;
	int64_t prev_org = 0;
	int rc;

	*id = 0;
	rc = record_ref(rec, b->seen_opps, "opportunities", index, &ref, e);
	if (rc == 0 && json_object_get(rec, "organisation_id"))
		rc = err_set(e, ERR_INVALID, "organisation_id",
			     "is not a field of a batch opportunity: it belongs to its organisation");
	if (rc)
		return rc;
	body = record_body(rec, ref);
	json_object_set_new(body, "organisation_id", json_integer(org));
	rc = store_fields_check(s, rd, body, STORE_CHECK_FULL, NULL, e);
	if (rc == 0 && b->existing)
		rc = store_ref_find(s, STORE_OPPORTUNITY, ref, id, e);
	if (rc == 0 && *id) { /* replaced in place, perhaps moving from another organisation */
		rc = store_int(s, e, &prev_org,
			       "SELECT organisation_id FROM opportunities WHERE id = ?1", "i", *id);
		rc = rc < 0 ? rc : 0;
		if (rc == 0 && prev_org != org)
			rc = store_fts_row(s, store_resdef(STORE_ORGANISATION), prev_org, 0, e);
		if (rc == 0)
			rc = store_fts_row(s, rd, *id, 0, e);
	}
	if (rc == 0)
		rc = store_row_write(s, rd, *id, body, id, e);
	if (rc == 0)
		rc = store_fts_row(s, rd, *id, 1, e);
	if (rc == 0 && prev_org && prev_org != org)
		rc = store_fts_row(s, store_resdef(STORE_ORGANISATION), prev_org, 1, e);
	json_decref(body);
	return rc;
}

/* Deletes the opportunities of org not in keep[0..n). */
static int drop_unlisted(struct store *s, int64_t org, const int64_t *keep, size_t n,
			 struct err *e)
{
	int64_t *ids;
	size_t nids;
	int rc = store_ids(s, e, &ids, &nids, "SELECT id FROM opportunities WHERE organisation_id = ?1",
			   org);

	for (size_t i = 0; rc == 0 && i < nids; i++) {
		int kept = 0;

		for (size_t j = 0; j < n && !kept; j++)
			kept = keep[j] == ids[i];
		/* the organisation's FTS row is out while it is being imported */
		if (!kept)
			rc = store_fts_row(s, store_resdef(STORE_OPPORTUNITY), ids[i], 0, e);
		if (!kept && rc == 0)
			rc = store_exec(s, e, "DELETE FROM opportunities WHERE id = ?1", "i", ids[i]);
	}
	free(ids);
	return rc;
}

static int import_opps(struct store *s, struct batch *b, int64_t org, const json_t *opps,
		       int replace, struct err *e)
{
	size_t n = json_array_size(opps);
	int64_t *ids = calloc(n ? n : 1, sizeof(*ids));
	char prefix[48];
	int rc = 0;

	if (!ids)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	for (size_t j = 0; rc == 0 && j < n; j++) {
		rc = import_opp(s, b, org, json_array_get(opps, j), j, &ids[j], e);
		if (rc) {
			snprintf(prefix, sizeof(prefix), "opportunities[%zu]", j);
			err_prefix_field(e, prefix);
		}
	}
	if (rc == 0 && replace)
		rc = drop_unlisted(s, org, ids, n, e);
	free(ids);
	return rc;
}

static int check_org_record(const json_t *rec, const json_t *opps, struct err *e)
{
	const json_t *desc = json_object_get(rec, "description");

	if (opps && !json_is_array(opps))
		return err_set(e, ERR_INVALID, "opportunities", "must be an array");
	if (json_array_size(opps) > BATCH_OPPS_MAX)
		return err_set(e, ERR_INVALID, "opportunities", "must have at most %d elements",
			       BATCH_OPPS_MAX);
	if ((!desc || json_is_null(desc)) && json_array_size(opps) == 0)
		return err_set(e, ERR_INVALID, "description",
			       "is required when there are no opportunities");
	return 0;
}

static int import_org(struct store *s, struct batch *b, const json_t *rec, size_t index,
		      struct err *e)
{
	const struct store_resdef *rd = store_resdef(STORE_ORGANISATION);
	const json_t *opps = json_object_get(rec, "opportunities");
	const char *ref;
	json_t *body = NULL;
	int64_t id = 0;
	int rc;

	rc = record_ref(rec, b->seen_orgs, "organisations", index, &ref, e);
	if (rc == 0)
		rc = check_org_record(rec, opps, e);
	if (rc)
		return rc;
	body = record_body(rec, ref);
	rc = store_fields_check(s, rd, body, STORE_CHECK_FULL, NULL, e);
	if (rc == 0 && b->existing)
		rc = store_ref_find(s, STORE_ORGANISATION, ref, &id, e);
	if (rc == 0 && id)
		rc = store_fts_row(s, rd, id, 0, e);
	if (rc == 0) {
		int replace = id != 0;

		if (opps) /* so that export writes "opportunities": [] back */
			json_object_set_new(body, "lists_opportunities", json_true());
		rc = store_row_write(s, rd, id, body, &id, e);
		if (rc == 0)
			rc = import_opps(s, b, id, opps, replace, e);
	}
	if (rc == 0)
		rc = store_fts_row(s, rd, id, 1, e);
	json_decref(body);
	return rc;
}

struct store_importer {
	struct store *s;
	struct batch b;
	size_t count;
};

int store_importer_begin(struct store *s, struct store_importer **out, struct err *e)
{
	struct store_importer *imp;
	int64_t any = 0;
	int rc;

	*out = NULL;
	rc = store_tx_begin(s, e);
	if (rc)
		return rc;
	rc = store_int(s, e, &any,
		       "SELECT EXISTS (SELECT 1 FROM organisations) OR EXISTS (SELECT 1 FROM"
		       " opportunities)",
		       "");
	if (rc < 0)
		return store_tx_end(s, rc, e);
	imp = calloc(1, sizeof(*imp));
	if (!imp)
		return store_tx_end(s, err_set(e, ERR_INTERNAL, NULL, "out of memory"), e);
	imp->s = s;
	imp->b.seen_orgs = json_object();
	imp->b.seen_opps = json_object();
	imp->b.existing = any != 0;
	*out = imp;
	return 0;
}

int store_importer_add(struct store_importer *imp, const json_t *rec, size_t index,
		       struct err *e)
{
	char prefix[48];
	int rc = import_org(imp->s, &imp->b, rec, index, e);

	if (rc) {
		snprintf(prefix, sizeof(prefix), "organisations[%zu]", index);
		err_prefix_field(e, prefix);
		return rc;
	}
	imp->count++;
	return 0;
}

int store_importer_add_owned(void *imp, json_t *rec, size_t index, struct err *e)
{
	int rc = store_importer_add(imp, rec, index, e);

	json_decref(rec);
	return rc;
}

int store_importer_end(struct store_importer *imp, int rc, size_t *count, struct err *e)
{
	size_t n = imp->count;

	rc = store_tx_end(imp->s, rc, e);
	json_decref(imp->b.seen_orgs);
	json_decref(imp->b.seen_opps);
	free(imp);
	if (count)
		*count = rc ? 0 : n;
	return rc;
}

int store_import(struct store *s, const json_t *batch, size_t *count, struct err *e)
{
	const json_t *orgs = json_object_get(batch, "organisations");
	struct store_importer *imp;
	const char *key;
	json_t *v;
	int rc = 0;

	if (count)
		*count = 0;
	if (!json_is_object(batch))
		return err_set(e, ERR_INVALID, "", "a batch must be an object {\"organisations\": [...]}");
	json_object_foreach((json_t *)batch, key, v)
		if (strcmp(key, "organisations") != 0)
			return err_set(e, ERR_INVALID, key,
				       "is not a field of a batch (only organisations)");
	if (!json_is_array(orgs))
		return err_set(e, ERR_INVALID, "organisations", orgs ? "must be an array" : "is required");
	rc = store_importer_begin(s, &imp, e);
	if (rc)
		return rc;
	for (size_t i = 0; rc == 0 && i < json_array_size(orgs); i++)
		rc = store_importer_add(imp, json_array_get(orgs, i), i, e);
	return store_importer_end(imp, rc, count, e);
}

/* ---- export ----------------------------------------------------------------- */

static int export_opps(struct store *s, int64_t org, int listed, json_t *obj, struct err *e)
{
	const struct store_resdef *rd = store_resdef(STORE_OPPORTUNITY);
	int64_t *ids;
	size_t n;
	json_t *arr;
	int rc;

	rc = store_ids(s, e, &ids, &n,
		       "SELECT id FROM opportunities WHERE organisation_id = ?1 ORDER BY id", org);
	if (rc || (n == 0 && !listed)) {
		free(ids);
		return rc;
	}
	arr = json_array();
	for (size_t i = 0; rc == 0 && i < n; i++) {
		json_t *opp;

		rc = store_row_read(s, rd, ids[i], STORE_VIEW_EXPORT, &opp, e);
		if (rc == 0) {
			json_object_del(opp, "organisation_id");
			json_array_append_new(arr, opp);
		}
	}
	free(ids);
	json_object_set_new(obj, "opportunities", arr);
	return rc;
}

int store_export_each(struct store *s, store_org_cb cb, void *ctx, struct err *e)
{
	const struct store_resdef *rd = store_resdef(STORE_ORGANISATION);
	struct db_stmt *st;
	size_t index = 0;
	int rc;

	rc = store_read_begin(s, e);
	if (rc)
		return rc;
	rc = store_prep(s, "SELECT id, lists_opportunities FROM organisations ORDER BY id", &st, e);
	while (rc == 0 && (rc = store_step(s, st, e)) == 1) {
		int64_t id = db_col_int64(st, 0);
		json_t *obj;

		rc = store_row_read(s, rd, id, STORE_VIEW_EXPORT, &obj, e);
		if (rc)
			break;
		rc = export_opps(s, id, (int)db_col_int64(st, 1), obj, e);
		if (rc == 0)
			rc = cb(ctx, obj, index++, e);
		json_decref(obj);
	}
	store_reset(st);
	return store_read_end(s, rc < 0 ? rc : 0, e);
}

static int collect(void *ctx, json_t *org, size_t index, struct err *e)
{
	(void)index;
	(void)e;
	json_array_append(ctx, org);
	return 0;
}

int store_export(struct store *s, json_t **out, struct err *e)
{
	json_t *list = json_array();
	int rc = store_export_each(s, collect, list, e);

	*out = NULL;
	if (rc) {
		json_decref(list);
		return rc;
	}
	*out = json_object();
	json_object_set_new(*out, "organisations", list);
	return 0;
}
