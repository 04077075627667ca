/*
 * outbox.c - the outbox's delivery (outbox.h): queueing with parts,
 * claims, outcomes, and the opt-outs every claim honours.
 */
#include "store/outbox.h"

#include "store/account_int.h"
#include "store/store_int.h"

#include <string.h>

const char *const store_outbox_optional_kinds[] = {
	"meeting_request", "schedule", "reminder", "nudge", "survey", "announcement", NULL,
};

static int mail_text(const char *v, const char *field, size_t max, int required, struct err *e)
{
	if (!v || !*v)
		return required ? err_set(e, ERR_INVALID, field, "is required") : 0;
	if (strlen(v) > max)
		return err_set(e, ERR_INVALID, field, "must be at most %zu bytes", max);
	return 0;
}

static int mail_check(const struct store_mail *m, struct err *e)
{
	int rc = acct_check_email(m->to, "to", e);

	if (!rc)
		rc = mail_text(m->kind, "kind", 64, 1, e);
	if (!rc)
		rc = mail_text(m->subject, "subject", 998, 1, e);
	if (!rc)
		rc = mail_text(m->text, "body", 200000, 1, e);
	if (!rc)
		rc = mail_text(m->html, "html", 400000, 0, e);
	if (!rc)
		rc = mail_text(m->attachment_name, "attachment_name", 200, !!m->attachment, e);
	if (!rc)
		rc = mail_text(m->attachment_type, "attachment_type", 200, !!m->attachment, e);
	if (!rc)
		rc = mail_text(m->attachment, "attachment", 1000000, 0, e);
	return rc;
}

int store_outbox_queue(struct store *s, const struct store_mail *m, struct err *e)
{
	char now[32];
	int rc = mail_check(m, e);

	if (rc)
		return rc;
	store_now(now);
	rc = store_tx_begin(s, e);
	if (rc)
		return rc;
	rc = store_exec(s, e,
			"INSERT INTO outbox(to_email, kind, subject, body, by_account, created_at,"
			" html, attachment_name, attachment_type, attachment, due_at)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
			"ttttzttttti", m->to, m->kind, m->subject, m->text, m->by, now, m->html,
			m->attachment ? m->attachment_name : NULL,
			m->attachment ? m->attachment_type : NULL, m->attachment, m->due_ms);
	return store_tx_end(s, rc, e);
}

/* The opt-outs and lapsed claims, before a claim (inside its transaction). */
static int claim_sweep(struct store *s, int64_t now_ms, struct err *e)
{
	int rc = store_exec(s, e,
			    "UPDATE outbox SET state = 'skipped', answer = 'the recipient opted out'"
			    " WHERE state = 'queued' AND EXISTS (SELECT 1 FROM notice_optouts n"
			    " WHERE n.email = lower(outbox.to_email) AND n.kind = outbox.kind)",
			    "");

	if (!rc)
		rc = store_exec(s, e,
				"UPDATE outbox SET state = 'failed', claim = NULL, answer ="
				" 'the sender stopped while delivering: not sent again (at most once)'"
				" WHERE state = 'sending' AND claimed_until < ?1",
				"i", now_ms);
	return rc;
}

static int claim_read(struct store *s, const char *claim, json_t *arr, struct err *e)
{
	return acct_rows(s, arr, e,
			 "SELECT id, to_email AS \"to\", kind, subject, body, html, attachment_name,"
			 " attachment_type, attachment, attempts, message_id FROM outbox"
			 " WHERE claim = ?1 AND state = 'sending' ORDER BY id",
			 "t", claim);
}

int store_outbox_claim(struct store *s, const char *claim, int64_t now_ms, int64_t lease_ms,
		       int max, json_t **out, struct err *e)
{
	json_t *arr = json_array();
	int rc;

	*out = NULL;
	if (!claim || !*claim || max < 1)
		return err_set(e, ERR_INVALID, "claim", "needs a token and a positive count");
	rc = store_tx_begin(s, e);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	rc = claim_sweep(s, now_ms, e);
	if (!rc)
		rc = store_exec(s, e,
				"UPDATE outbox SET state = 'sending', claim = ?1, claimed_until = ?2"
				" WHERE id IN (SELECT id FROM outbox WHERE state = 'queued'"
				" AND due_at <= ?3 ORDER BY id LIMIT ?4)",
				"tiii", claim, now_ms + lease_ms, now_ms, (int64_t)max);
	if (!rc)
		rc = claim_read(s, claim, arr, e);
	rc = store_tx_end(s, rc, e);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

int store_outbox_finish(struct store *s, int64_t id, const char *claim,
			enum store_outbox_outcome outcome, int64_t retry_ms, const char *answer,
			const char *message_id, struct err *e)
{
	char now[32];
	int rc;

	store_now(now);
	rc = store_tx_begin(s, e);
	if (rc)
		return rc;
	if (outcome == STORE_OUTBOX_SENT)
		rc = store_exec(s, e,
				"UPDATE outbox SET state = 'sent', claim = NULL, attempts = attempts + 1,"
				" answer = ?3, message_id = ?4, sent_at = ?5"
				" WHERE id = ?1 AND claim = ?2 AND state = 'sending'",
				"itttt", id, claim, answer, message_id, now);
	else if (outcome == STORE_OUTBOX_RETRY)
		rc = store_exec(s, e,
				"UPDATE outbox SET state = 'queued', claim = NULL, attempts = attempts + 1,"
				" answer = ?3, due_at = ?4, message_id = ?5"
				" WHERE id = ?1 AND claim = ?2 AND state = 'sending'",
				"ittit", id, claim, answer, retry_ms, message_id);
	else
		rc = store_exec(s, e,
				"UPDATE outbox SET state = 'failed', claim = NULL, attempts = attempts + 1,"
				" answer = ?3, message_id = ?4"
				" WHERE id = ?1 AND claim = ?2 AND state = 'sending'",
				"ittt", id, claim, answer, message_id);
	if (!rc && db_changes(s->db) != 1)
		rc = err_set(e, ERR_CONFLICT, "claim",
			     "message %lld is no longer claimed by this sender", (long long)id);
	return store_tx_end(s, rc, e);
}

int store_outbox_release(struct store *s, const char *claim, struct err *e)
{
	int rc = store_tx_begin(s, e);

	if (!rc)
		rc = store_exec(s, e,
				"UPDATE outbox SET state = 'queued', claim = NULL"
				" WHERE claim = ?1 AND state = 'sending'",
				"t", claim);
	return store_tx_end(s, rc, e);
}

int store_outbox_next(struct store *s, int64_t *due_ms, int64_t *sending, struct err *e)
{
	int64_t n = 0;
	int rc = store_read_begin(s, e);

	*due_ms = -1;
	if (rc)
		return rc;
	rc = store_int(s, e, due_ms, "SELECT min(due_at) FROM outbox WHERE state = 'queued'", "");
	if (rc == 1 && store_int(s, e, &n, "SELECT count(*) FROM outbox WHERE state = 'queued'",
				 "") == 1 && n == 0)
		*due_ms = -1;
	if (rc >= 0 && sending)
		rc = store_int(s, e, sending, "SELECT count(*) FROM outbox WHERE state = 'sending'", "");
	return store_read_end(s, rc < 0 ? rc : 0, e);
}

/* ---- reminders ---------------------------------------------------------- */

int store_reminders_due(struct store *s, int64_t now_s, json_t **out, struct err *e)
{
	return acct_list(s, out, e,
			 "SELECT m.id AS meeting_id, m.event_id, p.person_id, sl.start_utc, sl.minutes,"
			 " coalesce(ev.reminder_minutes, 15) AS reminder_minutes, m.table_no AS \"table\","
			 " m.online FROM meetings m"
			 " JOIN meeting_participants p ON p.meeting_id = m.id"
			 " JOIN event_slots sl ON sl.id = m.slot_id"
			 " JOIN events ev ON ev.id = m.event_id"
			 " WHERE ev.schedule_published_at IS NOT NULL"
			 " AND coalesce(ev.reminder_minutes, 15) > 0"
			 " AND sl.start_utc > ?1"
			 " AND sl.start_utc <= ?1 + 60 * coalesce(ev.reminder_minutes, 15)"
			 " AND NOT EXISTS (SELECT 1 FROM reminders_sent r WHERE r.meeting_id = m.id"
			 " AND r.person_id = p.person_id AND r.start_utc = sl.start_utc)"
			 " ORDER BY sl.start_utc, m.id, p.person_id",
			 "i", now_s);
}

int store_reminder_mark(struct store *s, int64_t meeting, int64_t person, int64_t start_utc,
			struct err *e)
{
	char now[32];
	int rc;

	store_now(now);
	rc = store_tx_begin(s, e);
	if (!rc)
		rc = store_exec(s, e,
				"INSERT INTO reminders_sent(meeting_id, person_id, start_utc, sent_at)"
				" VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
				"iiit", meeting, person, start_utc, now);
	if (!rc && db_changes(s->db) == 0)
		rc = err_set(e, ERR_CONFLICT, "reminder", "already sent");
	return store_tx_end(s, rc, e);
}

/* ---- surveys and nudges ------------------------------------------------ */

/* Runs sql (?1 = arg) and collects the first column of every row into *out. */
static int id_list(struct store *s, const char *sql, int64_t arg, json_t **out, struct err *e)
{
	json_t *arr = json_array();
	struct db_stmt *st;
	int rc = store_prep(s, sql, &st, e);

	*out = NULL;
	if (rc) {
		json_decref(arr);
		return rc;
	}
	db_bind_int64(st, 1, arg);
	rc = store_read_begin(s, e);
	while (!rc && (rc = store_step(s, st, e)) == 1)
		rc = json_array_append_new(arr, json_integer(db_col_int64(st, 0))) ? ERR_INTERNAL : 0;
	store_reset(st);
	rc = store_read_end(s, rc < 0 ? rc : 0, e);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

int store_surveys_due(struct store *s, int64_t now_s, json_t **out, struct err *e)
{
	return id_list(s,
		       "SELECT ev.id FROM events ev WHERE ev.schedule_published_at IS NOT NULL"
		       " AND ev.survey_sent_at IS NULL"
		       " AND (SELECT max(sl.start_utc + 60 * sl.minutes) FROM event_slots sl"
		       " WHERE sl.event_id = ev.id) BETWEEN ?1 - 7 * 86400 AND ?1 - 1"
		       " ORDER BY ev.id",
		       now_s, out, e);
}

int store_survey_mark(struct store *s, int64_t event, struct err *e)
{
	char now[32];
	int rc;

	store_now(now);
	rc = store_tx_begin(s, e);
	if (!rc)
		rc = store_exec(s, e,
				"UPDATE events SET survey_sent_at = ?2 WHERE id = ?1"
				" AND survey_sent_at IS NULL",
				"it", event, now);
	if (!rc && db_changes(s->db) == 0)
		rc = err_set(e, ERR_CONFLICT, "survey", "already sent");
	return store_tx_end(s, rc, e);
}

int store_event_people(struct store *s, int64_t event, int with_meetings, json_t **out,
		       struct err *e)
{
	if (with_meetings)
		return id_list(s,
			       "SELECT DISTINCT p.person_id FROM meeting_participants p"
			       " JOIN meetings m ON m.id = p.meeting_id"
			       " WHERE m.event_id = ?1 AND m.slot_id IS NOT NULL ORDER BY p.person_id",
			       event, out, e);
	return id_list(s,
		       "SELECT r.person_id FROM registrations r WHERE r.event_id = ?1"
		       " AND (r.validation IS NULL OR r.validation <> 'rejected')"
		       " AND NOT EXISTS (SELECT 1 FROM meeting_participants p"
		       " JOIN meetings m ON m.id = p.meeting_id"
		       " WHERE m.event_id = r.event_id AND p.person_id = r.person_id)"
		       " AND NOT EXISTS (SELECT 1 FROM meeting_requests q WHERE q.event_id = r.event_id"
		       " AND q.state IN ('requested', 'accepted')"
		       " AND (q.requester_id = r.person_id OR q.invitee_id = r.person_id))"
		       " ORDER BY r.person_id",
		       event, out, e);
}

/* ---- opt-outs ---------------------------------------------------------- */

static int optout_kind(const char *kind, struct err *e)
{
	for (int i = 0; kind && store_outbox_optional_kinds[i]; i++)
		if (strcmp(kind, store_outbox_optional_kinds[i]) == 0)
			return 0;
	return err_set(e, ERR_INVALID, "kind",
		       "must be one of meeting_request, schedule, reminder, nudge, survey,"
		       " announcement");
}

/* email in lower case into out (ASCII folding: what lower() does in SQL). */
static void optout_email(const char *email, char out[256])
{
	size_t i;

	for (i = 0; email[i] && i < 255; i++)
		out[i] = (email[i] >= 'A' && email[i] <= 'Z') ? (char)(email[i] + 32) : email[i];
	out[i] = 0;
}

int store_optout_set(struct store *s, const char *email, const char *kind, int off,
		     struct err *e)
{
	char low[256], now[32];
	int rc = acct_check_email(email, "email", e);

	if (!rc)
		rc = optout_kind(kind, e);
	if (rc)
		return rc;
	optout_email(email, low);
	store_now(now);
	rc = store_tx_begin(s, e);
	if (rc)
		return rc;
	if (off)
		rc = store_exec(s, e,
				"INSERT INTO notice_optouts(email, kind, created_at) VALUES (?1, ?2, ?3)"
				" ON CONFLICT DO NOTHING",
				"ttt", low, kind, now);
	else
		rc = store_exec(s, e, "DELETE FROM notice_optouts WHERE email = ?1 AND kind = ?2",
				"tt", low, kind);
	return store_tx_end(s, rc, e);
}

int store_optout_list(struct store *s, const char *email, json_t **out, struct err *e)
{
	json_t *arr = json_array();
	struct db_stmt *st;
	char low[256];
	int rc;

	*out = NULL;
	optout_email(email ? email : "", low);
	rc = store_prep(s, "SELECT kind FROM notice_optouts WHERE email = ?1 ORDER BY kind", &st, e);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	db_bind_text(st, 1, low, (size_t)-1);
	rc = store_read_begin(s, e);
	while (!rc && (rc = store_step(s, st, e)) == 1) {
		json_array_append_new(arr, json_string(db_col_text(st, 0)));
		rc = 0;
	}
	store_reset(st);
	rc = store_read_end(s, rc < 0 ? rc : 0, e);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}
