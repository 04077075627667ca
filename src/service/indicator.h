/*
 * indicator.h - city sustainability indicators: energy, water and CO2 per
 * unit of GDP, R&D spending as a share of GDP, high-tech firms (seeded)
 * and any other an organiser defines, each with its unit and source; the
 * value of each city (an organisation of kind city) per year, and the
 * national average as the reference.
 *
 * The CSV import (RFC 4180, read by libcsv): a header row naming the
 * columns indicator, city, year and value (in any order; no other
 * column), then one row a value: indicator is an indicator's ref, city an
 * organisation's ref (or id) of kind city or the word "national" for the
 * national average, year 1900-2100, value a finite decimal number. All or
 * nothing: the first bad row is ERR_INVALID naming "rows[N].column" (N the
 * row's number in the file, the header being row 1) and saying what is
 * wrong; a row given twice is ERR_INVALID naming "rows[N]".
 *
 * Conventions of service.h.
 */
#ifndef LIAISON_SERVICE_INDICATOR_H
#define LIAISON_SERVICE_INDICATOR_H

#include "service/service.h"

#include <stddef.h>

/* Rows one import may hold. */
#define SERVICE_INDICATOR_ROWS_MAX 100000

/* The indicators: {"items": [...]} (store/indicators.h). */
int service_indicators_list(struct service_conn *c, json_t **out, struct err *e);

/*
 * Defines an indicator: {"ref" (a-z, 0-9, _ and -, 1-64), "name",
 * "name_zh"?, "unit", "source"?, "lower_is_better"?}. Desk staff or admin.
 */
int service_indicator_create(struct service_conn *c, const struct service_caller *who,
			     const json_t *body, json_t **out, struct err *e);

/*
 * The indicator named by text (ref or id) with its values: the
 * indicator's fields, "cities" and "national" (store_indicator_values).
 * ERR_NOT_FOUND naming "id".
 */
int service_indicator_values(struct service_conn *c, const char *text, json_t **out,
			     struct err *e);

/*
 * Imports csv[0..len) as above in one transaction; demo marks the values
 * as demo data. *out = {"imported": rows}. Desk staff or admin (who NULL:
 * the demo loader).
 */
int service_indicators_import(struct service_conn *c, const struct service_caller *who,
			      const char *csv, size_t len, int demo, json_t **out, struct err *e);

#endif
