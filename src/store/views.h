/*
 * views.h - page views of public event pages, counted per event and UTC
 * day. Nothing about the viewer is kept (no cookie, no address, no time
 * finer than the day): a view is one increment of a counter.
 */
#ifndef LIAISON_STORE_VIEWS_H
#define LIAISON_STORE_VIEWS_H

#include "store/store.h"

/*
 * Counts one view of event on day ("2026-05-13", UTC). The event must
 * exist: ERR_NOT_FOUND (field "id") otherwise.
 */
int store_event_view_add(struct store *s, int64_t event, const char *day, struct err *e);

/*
 * The views of event: *out = {"total": N, "days": [{"day": "2026-05-13",
 * "views": N}]}, days in ascending order, only days with views.
 */
int store_event_views(struct store *s, int64_t event, json_t **out, struct err *e);

#endif
