/*
 * indicators.h - city sustainability indicators (migration 13): their
 * definitions, each city's value per year and the national average as
 * the reference. Rules and the CSV format are the service's
 * (service/indicator.h); these functions read and write inside the
 * caller's transaction.
 */
#ifndef LIAISON_STORE_INDICATORS_H
#define LIAISON_STORE_INDICATORS_H

#include "core/err.h"

#include <jansson.h>
#include <stdint.h>

struct store;

/* [{"id", "ref", "name", "name_zh"?, "unit", "source"?, "lower_is_better"}] by id. */
int store_indicators(struct store *s, json_t **out, struct err *e);

/* *id = the indicator whose ref (or decimal id) is text; 0 when none. */
int store_indicator_find(struct store *s, const char *text, int64_t *id, struct err *e);

/* Adds an indicator (strings borrowed; name_zh and source may be NULL); *id its id. */
int store_indicator_add(struct store *s, const char *ref, const char *name, const char *name_zh,
			const char *unit, const char *source, int lower_is_better, int64_t *id,
			struct err *e);

/*
 * *id = the organisation whose ref (or decimal id) is text, *city = 1
 * when it is of kind city; *id 0 when none.
 */
int store_indicator_city(struct store *s, const char *text, int64_t *id, int *city,
			 struct err *e);

/* Writes (or replaces) the value of indicator for city (0: the national average) in year. */
int store_indicator_put(struct store *s, int64_t indicator, int64_t city, int64_t year,
			double value, int demo, struct err *e);

/*
 * The values of indicator: {"cities": [{"id", "ref"?, "name", "values":
 * [{"year", "value", "demo"}]}] (by name), "national": [{"year", "value",
 * "demo"}]}, years ascending.
 */
int store_indicator_values(struct store *s, int64_t indicator, json_t **out, struct err *e);

#endif
