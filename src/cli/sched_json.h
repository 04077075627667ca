/*
 * sched_json.h - the `liaison schedule` batch format (DESIGN.md) <->
 * the structs of sched/sched.h.
 *
 * Ownership: json_t * results are new references; json_t * parameters are
 * borrowed; struct sched_input filled here owns its strings (copies).
 */
#ifndef LIAISON_CLI_SCHED_JSON_H
#define LIAISON_CLI_SCHED_JSON_H

#include "core/buf.h"
#include "core/err.h"
#include "sched/sched.h"
#include "sched/validate.h"

#include <jansson.h>

/*
 * Reads an input document into in (initialised, empty). Every record is
 * checked; the first problem gives ERR_INVALID with e->field naming the
 * record and field ("meetings[3].participants[1]") and in released.
 */
int sched_json_read_input(const json_t *doc, struct sched_input *in, struct err *e);

/* Writes in as an input document (the generator's dump). */
json_t *sched_json_write_input(const struct sched_input *in);

/* Writes a result as DESIGN.md's output document. */
json_t *sched_json_write_result(const struct sched_input *in, const struct sched_result *r);

/* A schedule read back from an output document. */
struct sched_json_schedule {
	struct sched_entry *entries;
	size_t n_entries;
	int32_t *unscheduled;
	size_t n_unscheduled;
	struct buf problems; /* one line per entry that names nothing known */
	size_t n_problems;
};

/*
 * Reads an output document against in. Entries naming an unknown meeting
 * or slot, or malformed, are not errors: each adds a line to problems
 * (with strict, as for --check) or is skipped (for --previous, where only
 * an unknown slot of a known meeting adds a line). Returns
 * ERR_INVALID only when doc is not an object with a "scheduled" array.
 * Release with sched_json_schedule_release.
 */
int sched_json_read_schedule(const json_t *doc, const struct sched_input *in, bool strict,
			     struct sched_json_schedule *out, struct err *e);

void sched_json_schedule_release(struct sched_json_schedule *s);

/* Parses RFC 3339 ("2026-05-13T09:00:00+08:00", "...Z") into Unix seconds. */
int sched_json_parse_time(const char *s, int64_t *out);

#endif
