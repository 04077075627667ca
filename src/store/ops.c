/*
 * ops.c - the public create / get / update / delete of store.h: each write
 * validates the body (fields.c and the resource's hooks), writes the row
 * and its link tables (crud.c), keeps the FTS rows in step, and runs in one
 * transaction so that a failure stores nothing.
 */
#include "store/store_int.h"

#include "core/jsonx.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static const struct store_hooks no_hooks;

static const struct store_hooks *hooks_of(const struct store_resdef *rd)
{
	return rd->hooks ? rd->hooks : &no_hooks;
}

static int check_ref_unique(struct store *s, const struct store_resdef *rd, const json_t *body,
			    int64_t id, struct err *e)
{
	const char *ref = json_string_value(json_object_get(body, "ref"));
	int64_t other = 0;
	int rc;

	if (!rd->has_ref || !ref)
		return 0;
	rc = store_ref_find(s, rd->res, ref, &other, e);
	if (rc)
		return rc;
	if (other && other != id)
		return err_set(e, ERR_CONFLICT, "ref", "%s is already the ref of %s %" PRId64, ref,
			       rd->noun, other);
	return 0;
}

/* The organisation whose FTS row includes this resource's text (0: none). */
static int64_t parent_of(const struct store_resdef *rd, const json_t *body)
{
	if (!rd->fts_parent || !body)
		return 0;
	return json_integer_value(json_object_get(body, rd->fts_parent));
}

/* Removes (add == 0) or adds the FTS rows of organisations a and b. */
static int parent_fts(struct store *s, int64_t a, int64_t b, int add, struct err *e)
{
	const struct store_resdef *org = store_resdef(STORE_ORGANISATION);
	int rc = 0;

	if (a)
		rc = store_fts_row(s, org, a, add, e);
	if (rc == 0 && b && b != a)
		rc = store_fts_row(s, org, b, add, e);
	return rc;
}

int store_create_tx(struct store *s, enum store_res res, const json_t *body, int64_t *id,
		    struct err *e)
{
	const struct store_resdef *rd = store_resdef(res);
	const struct store_hooks *h = hooks_of(rd);
	int rc;

	*id = 0;
	if (rd->no_write)
		return err_set(e, ERR_BAD_REQUEST, NULL,
			       "%s cannot be created directly: accept a meeting request", rd->name);
	rc = store_fields_check(s, rd, body, STORE_CHECK_FULL, NULL, e);
	if (rc == 0)
		rc = check_ref_unique(s, rd, body, 0, e);
	if (rc == 0 && h->validate)
		rc = h->validate(s, rd, 0, body, NULL, e);
	if (rc == 0)
		rc = parent_fts(s, parent_of(rd, body), 0, 0, e);
	if (rc == 0)
		rc = store_row_write(s, rd, 0, body, id, e);
	if (rc == 0 && h->after_write)
		rc = h->after_write(s, *id, body, NULL, e);
	if (rc == 0)
		rc = store_fts_row(s, rd, *id, 1, e);
	if (rc == 0)
		rc = parent_fts(s, parent_of(rd, body), 0, 1, e);
	return rc;
}

/* A fixed field in a patch must keep its stored value. */
static int check_fixed(const struct store_resdef *rd, const json_t *patch, const json_t *old,
		       struct err *e)
{
	for (int i = 0; i < rd->nfields; i++) {
		const struct store_field *f = &rd->fields[i];
		const json_t *v = json_object_get(patch, f->name);
		const json_t *was = json_object_get(old, f->name);

		if (!(f->flags & STORE_F_FIXED) || !v)
			continue;
		if (json_is_null(v) ? was != NULL : !was || !json_equal(v, was))
			return err_set(e, ERR_INVALID, f->name, "cannot be changed once set");
	}
	return 0;
}

static json_t *merge_patch(const json_t *old, const json_t *patch)
{
	json_t *merged = json_copy((json_t *)old);
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)patch, key, v) {
		if (json_is_null(v))
			json_object_del(merged, key);
		else
			json_object_set(merged, key, v);
	}
	return merged;
}

static int update_write(struct store *s, const struct store_resdef *rd, int64_t id,
			const json_t *merged, const json_t *old, struct err *e)
{
	const struct store_hooks *h = hooks_of(rd);
	int64_t p_old = parent_of(rd, old), p_new = parent_of(rd, merged);
	int rc;

	rc = store_fts_row(s, rd, id, 0, e);
	if (rc == 0)
		rc = parent_fts(s, p_old, p_new, 0, e);
	if (rc == 0 && h->write)
		rc = h->write(s, id, merged, e);
	else if (rc == 0)
		rc = store_row_write(s, rd, id, merged, NULL, e);
	if (rc == 0 && h->after_write)
		rc = h->after_write(s, id, merged, old, e);
	if (rc == 0)
		rc = store_fts_row(s, rd, id, 1, e);
	if (rc == 0)
		rc = parent_fts(s, p_old, p_new, 1, e);
	return rc;
}

int store_update_tx(struct store *s, enum store_res res, int64_t id, const json_t *patch,
		    struct err *e)
{
	const struct store_resdef *rd = store_resdef(res);
	const struct store_hooks *h = hooks_of(rd);
	json_t *old = NULL, *merged = NULL;
	int rc;

	if (!json_is_object(patch))
		return err_set(e, ERR_INVALID, "", "the body must be a JSON object");
	rc = store_row_read(s, rd, id, STORE_VIEW_RAW, &old, e);
	if (rc == 0)
		rc = store_fields_check(s, rd, patch, 0, NULL, e);
	if (rc == 0)
		rc = check_fixed(rd, patch, old, e);
	if (rc == 0) {
		merged = merge_patch(old, patch);
		rc = store_fields_check(s, rd, merged, STORE_CHECK_FULL | STORE_CHECK_HIDDEN, NULL,
					e);
	}
	if (rc == 0)
		rc = check_ref_unique(s, rd, merged, id, e);
	if (rc == 0 && h->validate)
		rc = h->validate(s, rd, id, merged, old, e);
	if (rc == 0)
		rc = update_write(s, rd, id, merged, old, e);
	json_decref(old);
	json_decref(merged);
	return rc;
}

int store_delete_tx(struct store *s, enum store_res res, int64_t id, struct err *e)
{
	const struct store_resdef *rd = store_resdef(res);
	const struct store_hooks *h = hooks_of(rd);
	char sql[128];
	int64_t parent = 0;
	int rc;

	if (rd->no_write)
		return err_set(e, ERR_BAD_REQUEST, NULL,
			       "%s cannot be deleted directly: cancel the meeting request",
			       rd->name);
	rc = store_exists(s, res, id, e);
	if (rc == 0)
		return err_set(e, ERR_NOT_FOUND, "id", "no %s with id %" PRId64, rd->noun, id);
	if (rc < 0)
		return rc;
	rc = h->before_delete ? h->before_delete(s, id, e) : 0;
	if (rc == 0 && rd->fts_parent) {
		snprintf(sql, sizeof(sql), "SELECT %s FROM %s WHERE id = ?1", rd->fts_parent,
			 rd->table);
		rc = store_int(s, e, &parent, sql, "i", id);
		rc = rc < 0 ? rc : 0;
	}
	if (rc == 0)
		rc = store_fts_row(s, rd, id, 0, e);
	if (rc == 0)
		rc = parent_fts(s, parent, 0, 0, e);
	if (rc == 0) {
		snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE id = ?1", rd->table);
		rc = store_exec(s, e, sql, "i", id);
		if (rc == ERR_CONFLICT)
			rc = err_set(e, ERR_CONFLICT, "id",
				     "%s %" PRId64 " is still referenced and cannot be deleted",
				     rd->noun, id);
	}
	if (rc == 0)
		rc = parent_fts(s, parent, 0, 1, e);
	return rc;
}

/* ---- public ---------------------------------------------------------------- */

static int check_res(enum store_res res, struct err *e)
{
	if (!store_resdef(res))
		return err_set(e, ERR_INTERNAL, NULL, "unknown resource %d", (int)res);
	return 0;
}

int store_create(struct store *s, enum store_res res, const json_t *body, json_t **out,
		 struct err *e)
{
	int64_t id = 0;
	int rc;

	*out = NULL;
	rc = check_res(res, e);
	if (rc == 0)
		rc = store_tx_begin(s, e);
	if (rc)
		return rc;
	rc = store_create_tx(s, res, body, &id, e);
	if (rc == 0)
		rc = store_row_read(s, store_resdef(res), id, STORE_VIEW_API, out, e);
	rc = store_tx_end(s, rc, e);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int store_get(struct store *s, enum store_res res, int64_t id, json_t **out, struct err *e)
{
	int rc;

	*out = NULL;
	rc = check_res(res, e);
	if (rc)
		return rc;
	return store_row_read(s, store_resdef(res), id, STORE_VIEW_API, out, e);
}

int store_get_text(struct store *s, enum store_res res, int64_t id, char **out, size_t *len,
		   struct err *e)
{
	const struct store_resdef *rd;
	struct buf b;
	json_t *obj;
	int rc;

	*out = NULL;
	*len = 0;
	rc = check_res(res, e);
	if (rc)
		return rc;
	rd = store_resdef(res);
	if (rd->hooks && rd->hooks->read_extra) {
		rc = store_row_read(s, rd, id, STORE_VIEW_API, &obj, e);
		if (rc == 0)
			*out = jsonx_dump(obj, 0, len);
		json_decref(obj);
		return rc;
	}
	buf_init(&b, (size_t)1 << 26);
	rc = store_row_text(s, rd, id, &b, e);
	if (rc == 0)
		*out = buf_detach(&b, len);
	buf_release(&b);
	return rc;
}

int store_update(struct store *s, enum store_res res, int64_t id, const json_t *patch,
		 json_t **out, struct err *e)
{
	int rc;

	*out = NULL;
	rc = check_res(res, e);
	if (rc == 0)
		rc = store_tx_begin(s, e);
	if (rc)
		return rc;
	rc = store_update_tx(s, res, id, patch, e);
	if (rc == 0)
		rc = store_row_read(s, store_resdef(res), id, STORE_VIEW_API, out, e);
	rc = store_tx_end(s, rc, e);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int store_delete(struct store *s, enum store_res res, int64_t id, struct err *e)
{
	int rc = check_res(res, e);

	if (rc == 0)
		rc = store_tx_begin(s, e);
	if (rc)
		return rc;
	rc = store_delete_tx(s, res, id, e);
	return store_tx_end(s, rc, e);
}

int store_find_id(struct store *s, enum store_res res, const char *text, int64_t *id,
		  struct err *e)
{
	if (store_parse_int(text, 1, INT64_MAX, id))
		return 0;
	if (res >= 0 && res < STORE_RES_COUNT)
		return store_find_ref(s, res, text, id, e);
	*id = 0;
	return err_set(e, ERR_NOT_FOUND, "id", "no such id: %s", text);
}

int store_find_ref(struct store *s, enum store_res res, const char *ref, int64_t *id,
		   struct err *e)
{
	const struct store_resdef *rd;
	int rc = check_res(res, e);

	*id = 0;
	if (rc)
		return rc;
	rd = store_resdef(res);
	if (!rd->has_ref || !store_valid_ref(ref))
		return err_set(e, ERR_NOT_FOUND, "id", "no %s with ref %s", rd->noun, ref);
	rc = store_ref_find(s, res, ref, id, e);
	if (rc == 0 && *id == 0)
		rc = err_set(e, ERR_NOT_FOUND, "id", "no %s with ref %s", rd->noun, ref);
	return rc;
}
