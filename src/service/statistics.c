/*
 * statistics.c - the statistics of one event or of several (report.h):
 * the scope checked, the store's aggregates read.
 */
#include "service/report.h"

#include "core/time.h"
#include "service/service_int.h"
#include "store/statistics.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int service_event_statistics(struct service_conn *c, int64_t event, json_t **out,
			     struct err *e)
{
	struct store_stats_scope sc = {event, NULL, 0, 0, (int64_t)time(NULL)};
	int rc = store_statistics(c->store, &sc, out, e);

	if (rc == 0)
		json_object_set_new(*out, "scope", json_pack("{s:I}", "event_id", (json_int_t)event));
	return rc;
}

/* A date parameter ("YYYY-MM-DD") as UTC seconds at its midnight, plus days. */
static int date_param(const json_t *query, const char *name, int days, int64_t *epoch,
		      struct err *e)
{
	const char *v = json_string_value(json_object_get(query, name));
	char t[32];

	*epoch = 0;
	if (!v)
		return 0;
	if (strlen(v) != 10 || !time_valid_date(v))
		return err_set(e, ERR_BAD_REQUEST, name, "must be a date (YYYY-MM-DD)");
	snprintf(t, sizeof(t), "%sT00:00:00Z", v);
	if (time_parse(t, epoch))
		return err_set(e, ERR_BAD_REQUEST, name, "must be a date (YYYY-MM-DD)");
	*epoch += (int64_t)days * 86400;
	return 0;
}

int service_stats_scope(const json_t *query, struct store_stats_scope *sc, struct err *e)
{
	const char *key;
	json_t *v;
	int rc;

	memset(sc, 0, sizeof(*sc));
	sc->now = (int64_t)time(NULL);
	json_object_foreach((json_t *)query, key, v) {
		if (strcmp(key, "series") && strcmp(key, "from") && strcmp(key, "to"))
			return err_set(e, ERR_BAD_REQUEST, key, "is not a parameter of statistics "
				       "(series, from, to)");
	}
	sc->series = json_string_value(json_object_get(query, "series"));
	if (sc->series && !sc->series[0])
		return err_set(e, ERR_BAD_REQUEST, "series", "must not be empty");
	rc = date_param(query, "from", 0, &sc->from, e);
	if (rc == 0)
		rc = date_param(query, "to", 1, &sc->to, e);
	if (rc == 0 && sc->from && sc->to && sc->to <= sc->from)
		rc = err_set(e, ERR_BAD_REQUEST, "to", "must not be before from");
	return rc;
}

int service_statistics(struct service_conn *c, const json_t *query, json_t **out, struct err *e)
{
	struct store_stats_scope sc;
	const char *key;
	json_t *v, *scope;
	int rc = service_stats_scope(query, &sc, e);

	*out = NULL;
	if (rc == 0)
		rc = store_statistics(c->store, &sc, out, e);
	if (rc)
		return rc;
	scope = json_object();
	json_object_foreach((json_t *)query, key, v)
		json_object_set(scope, key, v);
	json_object_set_new(*out, "scope", scope);
	return 0;
}
