/*
 * statistics.h - what happened at events, counted by SQL aggregates
 * (statistics.c): participants by country and kind, meeting requests and
 * their acceptance, meetings held, outcomes, agreements by kind and state,
 * the median days from a meeting to the signature of its agreement, the
 * conversion funnel and the page views. One read snapshot.
 */
#ifndef LIAISON_STORE_STATISTICS_H
#define LIAISON_STORE_STATISTICS_H

#include "core/err.h"

#include <jansson.h>
#include <stdint.h>

struct store;

/*
 * Which events count: all of those that match every given member (an
 * empty scope is every event, the cumulative figures).
 */
struct store_stats_scope {
	int64_t event;      /* one event; 0 = any */
	const char *series; /* events of this series (exact name); NULL = any */
	int64_t from, to;   /* events whose first slot starts in [from, to), UTC seconds; 0 = open */
	int64_t now;        /* UTC seconds: meetings whose slot ended by now were held */
};

/*
 * *out = the figures of the events in scope (docs/api.md, "Statistics").
 * An event id that does not exist is ERR_NOT_FOUND ("id").
 */
int store_statistics(struct store *s, const struct store_stats_scope *scope, json_t **out,
		     struct err *e);

/*
 * *out = the events in scope by their first slot, [{"id", "name", "series"
 * (may be null), "first_day": "YYYY-MM-DD" (UTC; null without slots)}].
 */
int store_statistics_events(struct store *s, const struct store_stats_scope *scope,
			    json_t **out, struct err *e);

/*
 * *out = the event series (events.series), by name: [{"name", "events",
 * "first_day", "last_day" (of their first slots, UTC; null without
 * slots)}].
 */
int store_series_list(struct store *s, json_t **out, struct err *e);

#endif
