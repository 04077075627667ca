/*
 * report.c - the rows of an event's report tables (report.h).
 */
#include "store/report.h"

#include "core/buf.h"
#include "store/store_int.h"

#include <string.h>

#define CELLS_MAX 16

/* A table: its columns, the kind of each ('i' integer, 't' text, 'b' 0/1 as yes/no). */
struct table_def {
	const char *name;
	const char *const *columns;
	const char *kinds;
	const char *sql; /* ?1 = the event */
};

static const char *const reg_columns[] = {
	"registration_id", "person_id", "name", "organisation", "country", "kind", "attendance",
	"validation", "checked_in", "registered_at", NULL};
static const char *const req_columns[] = {
	"request_id", "state", "requester", "requester_organisation", "invitee",
	"invitee_organisation", "priority", "opportunity_id", "requested_at", "updated_at", NULL};
static const char *const meeting_columns[] = {
	"meeting_id", "start", "place", "participant_1", "organisation_1", "outcome_1",
	"no_show_1", "comment_1", "participant_2", "organisation_2", "outcome_2", "no_show_2",
	"comment_2", NULL};
static const char *const agreement_columns[] = {
	"agreement_id", "title", "kind", "state", "date", "parties", "sector", "value",
	"currency", "meeting_id", "parent_id", "created_at", NULL};

/* The person, organisation and outcome of side n (person id column x of mp). */
#define SIDE(x, n)                                                                             \
	" LEFT JOIN people p" n " ON p" n ".id = mp." x                                        \
	" LEFT JOIN organisations o" n " ON o" n ".id = p" n ".organisation_id"                \
	" LEFT JOIN meeting_outcomes r" n " ON r" n ".meeting_id = mp.mid AND r" n             \
	".person_id = mp." x

static const struct table_def tables[STORE_REPORT_TABLES] = {
	{"registrations", reg_columns, "iittttttbt",
	 "SELECT r.id, r.person_id, p.name, o.name, o.country, o.kind, r.attendance,"
	 " coalesce(r.validation, 'validated'), coalesce(r.checked_in, 0), r.created_at"
	 " FROM registrations r JOIN people p ON p.id = r.person_id"
	 " LEFT JOIN organisations o ON o.id = p.organisation_id"
	 " WHERE r.event_id = ?1 ORDER BY r.id"},
	{"requests", req_columns, "itttttiitt",
	 "SELECT q.id, q.state, pa.name, oa.name, pb.name, ob.name, q.priority, q.opportunity_id,"
	 " q.created_at, q.updated_at FROM meeting_requests q"
	 " JOIN people pa ON pa.id = q.requester_id"
	 " LEFT JOIN organisations oa ON oa.id = pa.organisation_id"
	 " JOIN people pb ON pb.id = q.invitee_id"
	 " LEFT JOIN organisations ob ON ob.id = pb.organisation_id"
	 " WHERE q.event_id = ?1 ORDER BY q.id"},
	{"meetings", meeting_columns, "itttttbttttbt",
	 "WITH mp AS (SELECT m.id AS mid,"
	 " (SELECT x.person_id FROM meeting_participants x WHERE x.meeting_id = m.id"
	 "   ORDER BY x.person_id LIMIT 1) AS a,"
	 " (SELECT x.person_id FROM meeting_participants x WHERE x.meeting_id = m.id"
	 "   ORDER BY x.person_id LIMIT 1 OFFSET 1) AS b"
	 " FROM meetings m WHERE m.event_id = ?1)"
	 " SELECT m.id, sl.start, CASE WHEN m.slot_id IS NULL THEN 'unscheduled'"
	 "   WHEN m.online = 1 THEN 'online' ELSE 'table ' || m.table_no END,"
	 " p1.name, o1.name, r1.outcome, r1.no_show, r1.comment,"
	 " p2.name, o2.name, r2.outcome, r2.no_show, r2.comment"
	 " FROM mp JOIN meetings m ON m.id = mp.mid LEFT JOIN event_slots sl ON sl.id = m.slot_id"
	 SIDE("a", "1") SIDE("b", "2")
	 " ORDER BY (sl.start_utc IS NULL), sl.start_utc, coalesce(m.table_no, 0), m.id"},
	{"agreements", agreement_columns, "ittttttitiit",
	 "SELECT a.id, a.title, a.kind, coalesce(a.state, 'intent'), a.date, NULL, a.sector,"
	 " a.value, a.currency, a.meeting_id, a.parent_id, a.created_at FROM agreements a"
	 " WHERE a.event_id = ?1 ORDER BY a.id"},
};

const char *store_report_name(enum store_report_table t)
{
	return tables[t].name;
}

const char *const *store_report_columns(enum store_report_table t)
{
	return tables[t].columns;
}

const char *store_report_sql(enum store_report_table t)
{
	return tables[t].sql;
}

/* The names of agreement id's parties, in order, joined with "; ". */
static int party_names(struct store *s, int64_t id, struct buf *b, struct err *e)
{
	struct db_stmt *st;
	int rc = store_prep(s, "SELECT o.name FROM agreement_parties ap"
			    " JOIN organisations o ON o.id = ap.organisation_id"
			    " WHERE ap.agreement_id = ?1 ORDER BY ap.pos", &st, e);
	int n = 0;

	buf_reset(b);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	while ((rc = store_step(s, st, e)) == 1)
		(void)buf_printf(b, "%s%s", n++ ? "; " : "", db_col_text(st, 0));
	store_reset(st);
	return rc < 0 ? rc : 0;
}

/* The cells of the current row of st into c. */
static void row_cells(struct db_stmt *st, const char *kinds, struct store_report_cell *c)
{
	for (int i = 0; kinds[i]; i++) {
		int null = db_col_type(st, i) == DB_NULL;

		memset(&c[i], 0, sizeof(c[i]));
		if (kinds[i] == 'i' && !null) {
			c[i].is_int = 1;
			c[i].i = db_col_int64(st, i);
		} else if (kinds[i] == 'b' && !null) {
			c[i].s = db_col_int64(st, i) ? "yes" : "no";
		} else if (kinds[i] == 't') {
			c[i].s = db_col_text(st, i);
		}
	}
}

static int rows(struct store *s, int64_t event, const struct table_def *t, store_report_fn fn,
		void *ctx, struct err *e)
{
	struct store_report_cell cells[CELLS_MAX];
	int n = (int)strlen(t->kinds), agreements = t->columns == agreement_columns;
	struct db_stmt *st;
	struct buf parties;
	int rc = store_prep(s, t->sql, &st, e);

	if (rc)
		return rc;
	buf_init(&parties, 64 * 1024);
	db_bind_int64(st, 1, event);
	while ((rc = store_step(s, st, e)) == 1) {
		row_cells(st, t->kinds, cells);
		rc = 0;
		if (agreements) {
			rc = party_names(s, cells[0].i, &parties, e);
			cells[5].s = parties.len ? parties.data : NULL;
		}
		if (rc == 0)
			rc = fn(ctx, cells, n, e);
		if (rc)
			break;
	}
	store_reset(st);
	buf_release(&parties);
	return rc < 0 ? rc : 0;
}

int store_report_rows(struct store *s, int64_t event, enum store_report_table t,
		      store_report_fn fn, void *ctx, struct err *e)
{
	int rc = store_read_begin(s, e);

	if (rc)
		return rc;
	return store_read_end(s, rows(s, event, &tables[t], fn, ctx, e), e);
}
