/*
 * text.c - one-line English texts for reasons and pre-check warnings.
 */
#include "sched/sched.h"

#include <string.h>

static const char *person_id(const struct sched_input *in, int32_t p)
{
	return p >= 0 && (size_t)p < in->n_people ? in->people[p].id : "?";
}

static const char *slot_id(const struct sched_input *in, int32_t s)
{
	return s >= 0 && (size_t)s < in->n_slots ? in->slots[s].id : "?";
}

static const char *meeting_id(const struct sched_input *in, int32_t m)
{
	return m >= 0 && (size_t)m < in->n_meetings ? in->meetings[m].id : "?";
}

static int lock_text(const struct sched_input *in, const struct sched_reason *r, struct buf *b)
{
	const char *s = slot_id(in, r->slot), *p = person_id(in, r->person);

	switch (r->kind) {
	case SCHED_R_LOCK_UNAVAILABLE:
		return buf_printf(b, "locked in slot %s, but %s is not available then", s, p);
	case SCHED_R_LOCK_HOURS:
		return buf_printf(b, "locked online in slot %s, outside the online hours of %s", s, p);
	case SCHED_R_LOCK_MODE:
		return buf_printf(b, "locked %s in slot %s, but the meeting is held %s",
				  r->count ? "online" : "at a table", s,
				  r->count ? "on site" : "online");
	case SCHED_R_LOCK_TABLE:
		return buf_printf(b, "locked at table %d in slot %s, but tables are numbered 1 to %d",
				  r->count, s, in->tables);
	case SCHED_R_LOCK_CLASH:
		if (r->other >= 0 && r->person >= 0)
			return buf_printf(b, "locked in slot %s, where %s already has locked meeting %s",
					  s, p, meeting_id(in, r->other));
		if (r->other >= 0)
			return buf_printf(b, "locked in slot %s at the table of locked meeting %s", s,
					  meeting_id(in, r->other));
		return buf_printf(b, "locked in slot %s, where all %d tables are locked", s, r->count);
	case SCHED_R_LOCK_CAP:
		return buf_printf(b, "locked, but %s already has max_meetings locked meetings", p);
	default:
		return buf_printf(b, "unknown reason %d", r->kind);
	}
}

int sched_reason_text(const struct sched_input *in, const struct sched_reason *r, struct buf *b)
{
	const char *p = person_id(in, r->person);

	switch (r->kind) {
	case SCHED_R_NONE:
		return buf_puts(b, "scheduled");
	case SCHED_R_MODE:
		return buf_printf(b, "on-site meeting, but %s attends online", p);
	case SCHED_R_NO_COMMON_SLOT:
		return buf_puts(b, "the participants share no available slot");
	case SCHED_R_ONLINE_HOURS:
		return buf_printf(b, "no slot the participants share (%d) lies inside the online "
				  "hours of %s", r->count, p);
	case SCHED_R_NO_TABLES:
		return buf_puts(b, "on-site meeting, but the event has no tables");
	case SCHED_R_CAP_ZERO:
		return buf_printf(b, "%s accepts no meetings (max_meetings 0)", p);
	case SCHED_R_CAP:
		return buf_printf(b, "%s already has max_meetings (%d) heavier or equal meetings", p,
				  r->count);
	case SCHED_R_PERSON_BUSY:
		return buf_printf(b, "%s is busy with other meetings in every feasible slot (%d)", p,
				  r->count);
	case SCHED_R_TABLES_FULL:
		return buf_printf(b, "every table is taken in every feasible slot (%d)", r->count);
	case SCHED_R_CONFLICTS:
		return buf_printf(b, "every feasible slot (%d) is taken by other meetings of the "
				  "participants or has no free table", r->count);
	default:
		return lock_text(in, r, b);
	}
}

static void record_name(char *record, size_t size, const char *kind, const char *id)
{
	struct buf b;

	if (!record || size == 0)
		return;
	buf_init(&b, size - 1);
	if (buf_printf(&b, "%s \"%s\"", kind, id) == 0 && b.data)
		memcpy(record, b.data, b.len + 1);
	else
		record[0] = '\0';
	buf_release(&b);
}

int sched_warning_text(const struct sched_input *in, const struct sched_warning *w, struct buf *b,
		       char *record, size_t record_size)
{
	const char *p = person_id(in, w->index);

	switch (w->kind) {
	case SCHED_W_TABLES:
		record_name(record, record_size, "event", "tables");
		return buf_printf(b, "%lld on-site meetings, but slots x tables is %lld",
				  (long long)w->have, (long long)w->limit);
	case SCHED_W_PERSON_SLOTS:
		record_name(record, record_size, "participant", p);
		return buf_printf(b, "%s has %lld meetings but only %lld available slots", p,
				  (long long)w->have, (long long)w->limit);
	case SCHED_W_PERSON_CAP:
		record_name(record, record_size, "participant", p);
		return buf_printf(b, "%s has %lld meetings but max_meetings %lld", p,
				  (long long)w->have, (long long)w->limit);
	case SCHED_W_NO_WINDOW:
		record_name(record, record_size, "participant", p);
		return buf_printf(b, "%s has online meetings (%lld) but no available slot inside "
				  "their online hours", p, (long long)w->have);
	case SCHED_W_MEETING:
		record_name(record, record_size, "meeting", meeting_id(in, w->index));
		return sched_reason_text(in, &w->why, b);
	case SCHED_W_PREVIOUS:
		record_name(record, record_size, "meeting", meeting_id(in, w->index));
		if (buf_puts(b, "previous place dropped: "))
			return ERR_TOO_LARGE;
		return sched_reason_text(in, &w->why, b);
	default:
		return buf_printf(b, "unknown warning %d", w->kind);
	}
}
