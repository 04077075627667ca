/*
 * indicators.c - the rows of city indicators (indicators.h). Values are
 * bound as text and read as text (the statement port has no doubles):
 * "%.17g" keeps every bit of a double.
 */
#include "store/indicators.h"

#include "store/account_int.h"
#include "store/store_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int store_indicators(struct store *s, json_t **out, struct err *e)
{
	json_t *arr = json_array();
	size_t i;
	json_t *it;
	int rc = acct_rows(s, arr, e, "SELECT id, ref, name, name_zh, unit, source, lower_is_better"
			   " FROM indicators ORDER BY id", "");

	if (rc) {
		json_decref(arr);
		*out = NULL;
		return rc;
	}
	json_array_foreach(arr, i, it)
		json_object_set_new(it, "lower_is_better",
				    json_boolean(json_integer_value(json_object_get(it, "lower_is_better"))));
	*out = arr;
	return 0;
}

int store_indicator_find(struct store *s, const char *text, int64_t *id, struct err *e)
{
	int64_t n = 0;
	int rc;

	*id = 0;
	if (store_parse_int(text, 1, INT64_MAX, &n))
		rc = store_int(s, e, id, "SELECT id FROM indicators WHERE id = ?1", "i", n);
	else
		rc = store_int(s, e, id, "SELECT id FROM indicators WHERE ref = ?1", "t", text);
	return rc < 0 ? rc : 0;
}

int store_indicator_add(struct store *s, const char *ref, const char *name, const char *name_zh,
			const char *unit, const char *source, int lower_is_better, int64_t *id,
			struct err *e)
{
	char now[32];
	int64_t found = 0;
	int rc = store_indicator_find(s, ref, &found, e);

	if (rc)
		return rc;
	if (found)
		return err_set(e, ERR_CONFLICT, "ref", "an indicator %s exists", ref);
	store_now(now);
	rc = store_exec(s, e, "INSERT INTO indicators(ref, name, name_zh, unit, source,"
			" lower_is_better, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", "tttttit",
			ref, name, name_zh, unit, source, (int64_t)(lower_is_better ? 1 : 0), now);
	if (rc == 0)
		*id = db_last_id(s->db);
	return rc;
}

int store_indicator_city(struct store *s, const char *text, int64_t *id, int *city,
			 struct err *e)
{
	struct db_stmt *st;
	int64_t n = 0;
	int rc;

	*id = 0;
	*city = 0;
	rc = store_prep(s, "SELECT id, coalesce(kind, '') FROM organisations"
			" WHERE ref = ?1 OR id = ?2", &st, e);
	if (rc)
		return rc;
	db_bind_text(st, 1, text, strlen(text));
	if (store_parse_int(text, 1, INT64_MAX, &n))
		db_bind_int64(st, 2, n);
	else
		db_bind_null(st, 2);
	rc = store_step(s, st, e);
	if (rc == 1) {
		*id = db_col_int64(st, 0);
		*city = strcmp(db_col_text(st, 1), "city") == 0;
	}
	store_reset(st);
	return rc < 0 ? rc : 0;
}

int store_indicator_put(struct store *s, int64_t indicator, int64_t city, int64_t year,
			double value, int demo, struct err *e)
{
	char v[40];

	snprintf(v, sizeof(v), "%.17g", value);
	if (!city)
		return store_exec(s, e, "INSERT INTO indicator_national(indicator_id, year, value, demo)"
				  " VALUES (?1, ?2, CAST(?3 AS DOUBLE PRECISION), ?4)"
				  " ON CONFLICT (indicator_id, year) DO UPDATE SET value = EXCLUDED.value,"
				  " demo = EXCLUDED.demo", "iiti", indicator, year, v, (int64_t)demo);
	return store_exec(s, e, "INSERT INTO indicator_values(indicator_id, city_id, year, value, demo)"
			  " VALUES (?1, ?2, ?3, CAST(?4 AS DOUBLE PRECISION), ?5)"
			  " ON CONFLICT (indicator_id, city_id, year) DO UPDATE SET"
			  " value = EXCLUDED.value, demo = EXCLUDED.demo", "iiiti", indicator, city,
			  year, v, (int64_t)demo);
}

static json_t *point(struct db_stmt *st, int col)
{
	return json_pack("{s:I, s:f, s:b}", "year", (json_int_t)db_col_int64(st, col), "value",
			 strtod(db_col_text(st, col + 1), NULL), "demo", (int)db_col_int64(st, col + 2));
}

int store_indicator_values(struct store *s, int64_t indicator, json_t **out, struct err *e)
{
	json_t *cities = json_array(), *national = json_array(), *cur = NULL;
	struct db_stmt *st;
	int64_t last = 0;
	int rc;

	*out = NULL;
	rc = store_prep(s, "SELECT o.id, o.ref, o.name, v.year, CAST(v.value AS TEXT), v.demo"
			" FROM indicator_values v JOIN organisations o ON o.id = v.city_id"
			" WHERE v.indicator_id = ?1 ORDER BY o.name, o.id, v.year", &st, e);
	if (rc == 0) {
		db_bind_int64(st, 1, indicator);
		while ((rc = store_step(s, st, e)) == 1) {
			if (db_col_int64(st, 0) != last) {
				last = db_col_int64(st, 0);
				cur = json_pack("{s:I, s:s, s:[]}", "id", (json_int_t)last, "name",
						db_col_text(st, 2), "values");
				if (db_col_text(st, 1))
					json_object_set_new(cur, "ref", json_string(db_col_text(st, 1)));
				json_array_append_new(cities, cur);
			}
			json_array_append_new(json_object_get(cur, "values"), point(st, 3));
		}
		store_reset(st);
	}
	if (rc == 0)
		rc = store_prep(s, "SELECT year, CAST(value AS TEXT), demo FROM indicator_national"
				" WHERE indicator_id = ?1 ORDER BY year", &st, e);
	if (rc == 0) {
		db_bind_int64(st, 1, indicator);
		while ((rc = store_step(s, st, e)) == 1)
			json_array_append_new(national, point(st, 0));
		store_reset(st);
	}
	if (rc < 0) {
		json_decref(cities);
		json_decref(national);
		return rc;
	}
	*out = json_pack("{s:o, s:o}", "cities", cities, "national", national);
	return 0;
}
