/*
 * views.c - the counters of event page views (views.h, table event_views
 * of migration 5).
 */
#include "store/views.h"

#include "store/store_int.h"

#include <string.h>

int store_event_view_add(struct store *s, int64_t event, const char *day, struct err *e)
{
	int64_t found = 0;
	int rc;

	if (strlen(day) != 10)
		return err_set(e, ERR_INTERNAL, "day", "not a day: %s", day);
	rc = store_tx_begin(s, e);
	if (rc)
		return rc;
	rc = store_int(s, e, &found, "SELECT 1 FROM events WHERE id = ?1", "i", event);
	if (rc == 0)
		rc = err_set(e, ERR_NOT_FOUND, "id", "no such event: %lld", (long long)event);
	else if (rc > 0)
		rc = store_exec(s, e,
				"INSERT INTO event_views(event_id, day, views) VALUES (?1, ?2, 1)"
				" ON CONFLICT(event_id, day) DO UPDATE SET views = views + 1",
				"it", event, day);
	return store_tx_end(s, rc, e);
}

int store_event_views(struct store *s, int64_t event, json_t **out, struct err *e)
{
	struct db_stmt *st;
	json_t *days = json_array();
	json_int_t total = 0;
	int rc;

	*out = NULL;
	rc = store_prep(s, "SELECT day, views FROM event_views WHERE event_id = ?1 ORDER BY day",
			&st, e);
	if (rc) {
		json_decref(days);
		return rc;
	}
	db_bind_int64(st, 1, event);
	while ((rc = store_step(s, st, e)) == 1) {
		json_int_t n = db_col_int64(st, 1);

		total += n;
		json_array_append_new(days, json_pack("{s:s, s:I}", "day",
						      db_col_text(st, 0),
						      "views", n));
	}
	store_reset(st);
	if (rc < 0) {
		json_decref(days);
		return rc;
	}
	*out = json_pack("{s:I, s:o}", "total", total, "days", days);
	return 0;
}
