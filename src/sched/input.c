/*
 * input.c - lifecycle and invariant checks of struct sched_input, and the
 * option and result lifecycles.
 */
#include "sched/sched.h"

#include "core/time.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

void sched_input_init(struct sched_input *in)
{
	memset(in, 0, sizeof(*in));
}

void sched_input_release(struct sched_input *in)
{
	for (size_t i = 0; i < in->n_slots; i++)
		free(in->slots[i].id);
	for (size_t i = 0; i < in->n_people; i++) {
		free(in->people[i].id);
		free(in->people[i].time_zone);
		free(in->people[i].available);
	}
	for (size_t i = 0; i < in->n_meetings; i++) {
		free(in->meetings[i].id);
		free(in->meetings[i].participants);
	}
	free(in->slots);
	free(in->people);
	free(in->meetings);
	free(in->time_zone);
	sched_input_init(in);
}

void sched_options_init(struct sched_options *opt)
{
	memset(opt, 0, sizeof(*opt));
	opt->seed = 1;
	opt->time_limit = 10;
}

void sched_result_init(struct sched_result *r)
{
	memset(r, 0, sizeof(*r));
}

void sched_result_release(struct sched_result *r)
{
	free(r->places);
	free(r->warnings);
	sched_result_init(r);
}

static int check_event(const struct sched_input *in, struct err *e)
{
	if (!time_zone_known(in->time_zone))
		return err_set(e, ERR_INVALID, "event.time_zone", "unknown time zone \"%s\"",
			       in->time_zone ? in->time_zone : "");
	if (in->tables < 0 || in->tables > 1000000)
		return err_set(e, ERR_INVALID, "event.tables", "must be 0 to 1000000");
	if (in->n_slots > SCHED_MAX_SLOTS)
		return err_set(e, ERR_INVALID, "event.slots", "more than %d slots", SCHED_MAX_SLOTS);
	/* the solver keeps a person x slot table */
	if ((double)in->n_slots * (double)in->n_people > 5e7)
		return err_set(e, ERR_INVALID, "participants",
			       "participants x slots is over 50 million");
	return 0;
}

/* Writes "a[index]b" into out (n bytes), without stdio. */
static void field_name(char *out, size_t n, const char *a, size_t index, const char *b)
{
	char digits[24];
	size_t k = 0, len = 0;

	do {
		digits[k++] = (char)('0' + index % 10);
		index /= 10;
	} while (index && k < sizeof(digits));
	for (const char *c = a; *c && len + 1 < n; c++)
		out[len++] = *c;
	if (len + 1 < n)
		out[len++] = '[';
	while (k && len + 1 < n)
		out[len++] = digits[--k];
	if (len + 1 < n)
		out[len++] = ']';
	for (const char *c = b; *c && len + 1 < n; c++)
		out[len++] = *c;
	out[len] = '\0';
}

struct slot_key {
	int64_t start;
	int32_t index;
};

static int slot_key_cmp(const void *a, const void *b)
{
	const struct slot_key *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int check_slots(const struct sched_input *in, struct err *e)
{
	char field[64];
	struct slot_key *keys;
	int rc = 0;

	for (size_t i = 0; i < in->n_slots; i++) {
		if (in->slots[i].minutes < 1 || in->slots[i].minutes > 1440) {
			field_name(field, sizeof(field), "event.slots", i, ".minutes");
			return err_set(e, ERR_INVALID, field, "must be 1 to 1440");
		}
	}
	keys = xmalloc((in->n_slots + 1) * sizeof(*keys));
	for (size_t i = 0; i < in->n_slots; i++) {
		keys[i].start = in->slots[i].start;
		keys[i].index = (int32_t)i;
	}
	qsort(keys, in->n_slots, sizeof(*keys), slot_key_cmp);
	for (size_t i = 1; i < in->n_slots && rc == 0; i++) {
		const struct sched_slot *p = &in->slots[keys[i - 1].index];

		if (p->start + (int64_t)p->minutes * 60 > keys[i].start) {
			field_name(field, sizeof(field), "event.slots", (size_t)keys[i].index,
				   ".start");
			rc = err_set(e, ERR_INVALID, field, "overlaps slot \"%s\"", p->id);
		}
	}
	free(keys);
	return rc;
}

static int check_hours(int32_t open, int32_t close)
{
	if (open == SCHED_NO_HOURS && close == SCHED_NO_HOURS)
		return 0;
	if (open < 0 || open > 1440 || close < 0 || close > 1440 || open == close)
		return -1;
	return 0;
}

static int check_person(const struct sched_input *in, size_t i, struct err *e)
{
	const struct sched_person *p = &in->people[i];
	char field[96];

	if (p->time_zone && !time_zone_known(p->time_zone)) {
		field_name(field, sizeof(field), "participants", i, ".time_zone");
		return err_set(e, ERR_INVALID, field, "unknown time zone \"%s\"", p->time_zone);
	}
	if (p->max_meetings < 0 && p->max_meetings != SCHED_NO_CAP) {
		field_name(field, sizeof(field), "participants", i, ".max_meetings");
		return err_set(e, ERR_INVALID, field, "must be 0 or more");
	}
	if (check_hours(p->online_open, p->online_close)) {
		field_name(field, sizeof(field), "participants", i, ".online_hours");
		return err_set(e, ERR_INVALID, field,
			       "must be two different times from 00:00 to 24:00");
	}
	for (size_t k = 0; !p->all_available && k < p->n_available; k++) {
		if (p->available[k] < 0 || (size_t)p->available[k] >= in->n_slots) {
			field_name(field, sizeof(field), "participants", i, ".available");
			return err_set(e, ERR_INVALID, field, "slot index %d out of range",
				       p->available[k]);
		}
	}
	return 0;
}

static int check_participants(const struct sched_input *in, size_t i, struct err *e)
{
	const struct sched_meeting *m = &in->meetings[i];
	char field[96];

	if (m->n_participants < 2 || m->n_participants > SCHED_MAX_PARTICIPANTS) {
		field_name(field, sizeof(field), "meetings", i, ".participants");
		return err_set(e, ERR_INVALID, field, "must list 2 to %d people",
			       SCHED_MAX_PARTICIPANTS);
	}
	for (size_t k = 0; k < m->n_participants; k++) {
		int32_t p = m->participants[k];

		field_name(field, sizeof(field), "meetings", i, ".participants");
		if (p < 0 || (size_t)p >= in->n_people)
			return err_set(e, ERR_INVALID, field, "person index %d out of range", p);
		for (size_t j = 0; j < k; j++) {
			if (m->participants[j] == p) {
				size_t len = strlen(field);

				field_name(field + len, sizeof(field) - len, "", k, "");
				return err_set(e, ERR_INVALID, field, "\"%s\" is listed twice",
					       in->people[p].id);
			}
		}
	}
	return 0;
}

static int check_meeting(const struct sched_input *in, size_t i, struct err *e)
{
	const struct sched_meeting *m = &in->meetings[i];
	char field[96];
	int rc = check_participants(in, i, e);

	if (rc)
		return rc;
	if (m->weight < 1 || m->weight > SCHED_MAX_WEIGHT) {
		field_name(field, sizeof(field), "meetings", i, ".weight");
		return err_set(e, ERR_INVALID, field, "must be 1 to %d", SCHED_MAX_WEIGHT);
	}
	if (m->mode < SCHED_MODE_ANY || m->mode > SCHED_MODE_ONLINE) {
		field_name(field, sizeof(field), "meetings", i, ".mode");
		return err_set(e, ERR_INVALID, field, "must be onsite, online or any");
	}
	if (m->locked_slot < -1 || m->locked_slot >= (int64_t)in->n_slots) {
		field_name(field, sizeof(field), "meetings", i, ".locked.slot");
		return err_set(e, ERR_INVALID, field, "slot index out of range");
	}
	if (m->locked_slot >= 0 && (m->locked_table < 0 || (m->locked_table && m->locked_online))) {
		field_name(field, sizeof(field), "meetings", i, ".locked.table");
		return err_set(e, ERR_INVALID, field, "must be a table number, not with online");
	}
	return 0;
}

int sched_input_check(const struct sched_input *in, struct err *e)
{
	int rc = check_event(in, e);

	if (rc == 0)
		rc = check_slots(in, e);
	for (size_t i = 0; rc == 0 && i < in->n_people; i++)
		rc = check_person(in, i, e);
	for (size_t i = 0; rc == 0 && i < in->n_meetings; i++)
		rc = check_meeting(in, i, e);
	return rc;
}
