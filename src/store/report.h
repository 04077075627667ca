/*
 * report.h - the tables of an event's report, row by row (report.c):
 * registrations, meeting requests, meetings with both sides' outcomes,
 * agreements with their parties' names. One SQL query per table (the
 * parties of an agreement: one more per agreement), streamed to a
 * callback, so that 30,000 meetings cost one row of memory. Contact
 * details are not part of any table.
 */
#ifndef LIAISON_STORE_REPORT_H
#define LIAISON_STORE_REPORT_H

#include "core/err.h"

#include <stdint.h>

struct store;

enum store_report_table {
	STORE_REPORT_REGISTRATIONS,
	STORE_REPORT_REQUESTS,
	STORE_REPORT_MEETINGS,
	STORE_REPORT_AGREEMENTS,
	STORE_REPORT_TABLES
};

/* A cell: an integer (is_int), else text s (NULL = empty). */
struct store_report_cell {
	int is_int;
	int64_t i;
	const char *s;
};

/* Called once per row with its n cells (borrowed for the call); non-zero stops. */
typedef int (*store_report_fn)(void *ctx, const struct store_report_cell *cells, int n,
			       struct err *e);

/* The table's name ("registrations", ...) and its NULL-terminated column names. */
const char *store_report_name(enum store_report_table t);
const char *const *store_report_columns(enum store_report_table t);

/* The SQL of table t (?1 = the event), for the benchmark's baseline. */
const char *store_report_sql(enum store_report_table t);

/*
 * Streams the rows of table t of event to fn, in one read snapshot;
 * returns 0, fn's error, or the store's.
 */
int store_report_rows(struct store *s, int64_t event, enum store_report_table t,
		      store_report_fn fn, void *ctx, struct err *e);

#endif
