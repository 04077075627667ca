/*
 * fields.c - validation of request bodies against the field descriptors of
 * resdefs.c: unknown and read-only fields, JSON types, lengths counted in
 * characters, ranges, allowed values, patterns, arrays (size, duplicates),
 * and ids that must name an existing row. Every error names the JSON path
 * of the value at fault ("themes[2]").
 */
#include "store/store_int.h"

#include "core/jsonx.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static const struct {
	enum store_check check;
	int (*ok)(const char *s);
	const char *msg;
} string_checks[] = {
	{STORE_C_REF, store_valid_ref,
	 "must be 1 to 64 characters among A-Z, a-z, 0-9, '.', '_', ':' and '-'"},
	{STORE_C_COUNTRY, store_valid_country,
	 "must be an ISO 3166-1 alpha-2 country code in upper case, such as CN or FI"},
	{STORE_C_TZ, store_valid_tz, "must be an IANA time zone such as Europe/Helsinki"},
	{STORE_C_URL, store_valid_url, "must be an http:// or https:// URL"},
	{STORE_C_DATE, store_valid_date, "must be a valid date written YYYY-MM-DD"},
	{STORE_C_EMAIL, store_valid_email,
	 "must be an e-mail address: one @ with text on both sides, no spaces"},
	{STORE_C_PHONE, store_valid_phone,
	 "must be a phone number: digits, spaces and + - ( ) only"},
	{STORE_C_LANG, store_valid_lang,
	 "must be an ISO 639 language code, optionally with a script or region, such as zh, "
	 "fi, zh-Hant or pt-BR"},
	{STORE_C_CONCEPT, store_valid_concept,
	 "must be 1 to 64 characters among a-z, 0-9 and '-'"},
	{STORE_C_NACE, store_valid_nace, "must be a NACE code such as C, C26, C26.1 or C26.11"},
	{STORE_C_HHMM, store_valid_hhmm, "must be a time of day \"HH:MM\" from 00:00 to 24:00"},
};

int store_check_ref_id(struct store *s, enum store_res target, int64_t id, const char *path,
		       struct err *e)
{
	int rc = store_exists(s, target, id, e);

	if (rc < 0)
		return rc;
	if (rc == 0)
		return err_set(e, ERR_INVALID, path, "%s %" PRId64 " does not exist",
			       store_resdef(target)->noun, id);
	return 0;
}

static int check_string(const struct store_field *f, const json_t *v, const char *path,
			struct err *e)
{
	const char *str = json_string_value(v);
	size_t chars;
	char choices[256];

	if (!json_is_string(v))
		return err_set(e, ERR_INVALID, path, "must be a string");
	if (strlen(str) != json_string_length(v))
		return err_set(e, ERR_INVALID, path, "must not contain NUL characters");
	chars = jsonx_utf8_chars(str);
	if (chars == 0 && (f->flags & STORE_F_NOEMPTY))
		return err_set(e, ERR_INVALID, path, "must not be empty");
	if (f->check == STORE_C_ENUM) {
		if (store_valid_choice(str, f->choices))
			return 0;
		store_choices_text(f->choices, choices, sizeof(choices));
		return err_set(e, ERR_INVALID, path, "must be one of %s", choices);
	}
	if (f->max && chars > (size_t)f->max)
		return err_set(e, ERR_INVALID, path, "must be at most %" PRId64 " characters",
			       f->max);
	for (size_t i = 0; i < sizeof(string_checks) / sizeof(string_checks[0]); i++)
		if (string_checks[i].check == f->check && !string_checks[i].ok(str))
			return err_set(e, ERR_INVALID, path, "%s", string_checks[i].msg);
	return 0;
}

static int check_integer(struct store *s, const struct store_field *f, const json_t *v,
			 const char *path, struct err *e)
{
	json_int_t n;

	if (!json_is_integer(v))
		return err_set(e, ERR_INVALID, path, "must be an integer");
	n = json_integer_value(v);
	if (n < f->min || n > f->max) {
		if (f->max == INT64_MAX)
			return err_set(e, ERR_INVALID, path, "must be at least %" PRId64, f->min);
		return err_set(e, ERR_INVALID, path, "must be between %" PRId64 " and %" PRId64,
			       f->min, f->max);
	}
	if (f->check == STORE_C_ID)
		return store_check_ref_id(s, (enum store_res)f->target, n, path, e);
	return 0;
}

/* Checks a scalar value, or an element of an array field. */
static int check_scalar(struct store *s, const struct store_field *f, enum store_kind kind,
			const json_t *v, const char *path, struct err *e)
{
	switch (kind) {
	case STORE_K_STR:
		return check_string(f, v, path, e);
	case STORE_K_INT:
		return check_integer(s, f, v, path, e);
	case STORE_K_BOOL:
		if (!json_is_boolean(v))
			return err_set(e, ERR_INVALID, path, "must be true or false");
		return 0;
	default:
		return 0;
	}
}

static int check_array(struct store *s, const struct store_field *f, const json_t *v,
		       const char *path, struct err *e)
{
	enum store_kind ek = f->kind == STORE_K_STRS ? STORE_K_STR : STORE_K_INT;
	char epath[sizeof(e->field)];
	size_t n = json_array_size(v);
	int rc;

	if (!json_is_array(v))
		return err_set(e, ERR_INVALID, path, "must be an array");
	if (f->max_items && n > (size_t)f->max_items)
		return err_set(e, ERR_INVALID, path, "must have at most %d elements",
			       f->max_items);
	if (n < (size_t)f->min_items)
		return err_set(e, ERR_INVALID, path, "must have at least %d elements",
			       f->min_items);
	for (size_t i = 0; i < n; i++) {
		const json_t *x = json_array_get(v, i);

		snprintf(epath, sizeof(epath), "%s[%zu]", path, i);
		rc = check_scalar(s, f, ek, x, epath, e);
		if (rc)
			return rc;
		for (size_t j = 0; j < i; j++)
			if (json_equal(x, json_array_get(v, j)))
				return err_set(e, ERR_INVALID, epath, "duplicates %s[%zu]", path,
					       j);
	}
	return 0;
}

int store_field_check(struct store *s, const struct store_field *f, const json_t *v,
		      const char *path, struct err *e)
{
	if (f->kind == STORE_K_STRS || f->kind == STORE_K_INTS)
		return check_array(s, f, v, path, e);
	if (f->kind == STORE_K_SPECIAL)
		return json_is_array(v) ? 0 : err_set(e, ERR_INVALID, path, "must be an array");
	return check_scalar(s, f, f->kind, v, path, e);
}

static int in_list(const char *key, const char *const *list)
{
	for (; list && *list; list++)
		if (strcmp(key, *list) == 0)
			return 1;
	return 0;
}

static const char *const read_only_keys[] = {"id", "created_at", "updated_at", NULL};

static int check_key(struct store *s, const struct store_resdef *rd, const char *key,
		     const json_t *v, int mode, struct err *e)
{
	const struct store_field *f;

	if (in_list(key, read_only_keys))
		return err_set(e, ERR_INVALID, key, "is read-only");
	f = store_field_find(rd, key);
	if (f && (f->flags & STORE_F_HIDDEN))
		f = (mode & STORE_CHECK_HIDDEN) ? f : NULL;
	if (!f)
		return err_set(e, ERR_INVALID, key, "is not a field of %s", rd->name);
	if (f->flags & STORE_F_READONLY)
		return err_set(e, ERR_INVALID, key, "is read-only");
	if (json_is_null(v))
		return 0;
	return store_field_check(s, f, v, key, e);
}

int store_fields_check(struct store *s, const struct store_resdef *rd, const json_t *body,
		       int mode, const char *const *skip, struct err *e)
{
	const char *key;
	json_t *v;
	int rc;

	if (!json_is_object(body))
		return err_set(e, ERR_INVALID, "", "the body must be a JSON object");
	json_object_foreach((json_t *)body, key, v) {
		if (in_list(key, skip))
			continue;
		rc = check_key(s, rd, key, v, mode, e);
		if (rc)
			return rc;
	}
	if (!(mode & STORE_CHECK_FULL))
		return 0;
	for (int i = 0; i < rd->nfields; i++) {
		const struct store_field *f = &rd->fields[i];
		const json_t *v2 = json_object_get(body, f->name);

		if ((f->flags & STORE_F_REQUIRED) && (!v2 || json_is_null(v2)))
			return err_set(e, ERR_INVALID, f->name, "is required");
	}
	return 0;
}
