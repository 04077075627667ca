/*
 * outcome.c - meeting outcomes and no-shows (outcome.h): the rules here,
 * the rows in store/outcomes.c, each write in one transaction.
 */
#include "service/outcome.h"

#include "core/jsonx.h"
#include "service/service_int.h"
#include "store/outcomes.h"
#include "store/store.h"

#include <inttypes.h>
#include <string.h>
#include <time.h>

static const char *const outcome_names[] = {"did_not_take_place", "insufficient_interest",
					    "informative_no_cooperation",
					    "cooperation_possible", NULL};

/* One run of a workflow inside store_atomic. */
struct outcome_run {
	const struct service_caller *who;
	int64_t meeting;
	const json_t *body;
	json_t *out;
};

static int side_of(const struct store_meeting_facts *f, int64_t person)
{
	for (int i = 0; i < 2; i++)
		if (person && f->people[i] == person)
			return i;
	return -1;
}

/* The answer of side row r as the caller may see it. */
static json_t *side_json(const json_t *r, int64_t person, int full, int comment)
{
	json_t *o = json_pack("{s:I, s:b}", "person_id", (json_int_t)person, "answered", r != NULL);

	if (!r || !full)
		return o;
	json_object_set(o, "outcome", json_object_get(r, "outcome"));
	json_object_set(o, "no_show", json_object_get(r, "no_show"));
	json_object_set(o, "source", json_object_get(r, "source"));
	json_object_set(o, "recorded_at", json_object_get(r, "recorded_at"));
	if (comment)
		json_object_set(o, "comment", json_object_get(r, "comment"));
	return o;
}

static const json_t *row_of(const json_t *rows, int64_t person)
{
	size_t i;
	const json_t *r;

	json_array_foreach(rows, i, r)
		if (json_integer_value(json_object_get(r, "person_id")) == person)
			return r;
	return NULL;
}

/* The view of outcomes.h for who, read inside the caller's transaction. */
static int outcomes_view(struct store *s, const struct service_caller *who, int64_t meeting,
			 json_t **out, struct err *e)
{
	struct store_meeting_facts f;
	json_t *rows = NULL, *sides;
	int mine, n = 0, rc = store_meeting_facts(s, meeting, &f, e);

	*out = NULL;
	if (rc)
		return rc;
	mine = side_of(&f, who->p->person);
	if (!who->privileged && mine < 0)
		return err_set(e, ERR_FORBIDDEN, NULL, "only the meeting's participants and the "
			       "event's organisers see its outcomes");
	rc = store_outcomes(s, meeting, &rows, e);
	if (rc)
		return rc;
	for (int i = 0; i < 2; i++)
		n += f.people[i] && row_of(rows, f.people[i]);
	sides = json_array();
	for (int i = 0; i < 2; i++) {
		int full = who->privileged || i == mine || n == 2;

		if (f.people[i])
			json_array_append_new(sides, side_json(row_of(rows, f.people[i]),
							       f.people[i], full,
							       who->privileged || i == mine));
	}
	json_decref(rows);
	*out = json_pack("{s:I, s:I, s:b, s:b, s:o}", "meeting_id", (json_int_t)meeting,
			 "event_id", (json_int_t)f.event, "ended",
			 f.end_utc && f.end_utc <= (int64_t)time(NULL), "complete", n == 2,
			 "sides", sides);
	return 0;
}

static int get_fn(struct store *s, void *ctx, struct err *e)
{
	struct outcome_run *x = ctx;

	return outcomes_view(s, x->who, x->meeting, &x->out, e);
}

/* A run of fn in one transaction; *out gets its view (NULL on failure). */
static int run(struct service_conn *c, store_tx_fn fn, struct outcome_run *x, json_t **out,
	       struct err *e)
{
	int rc = store_atomic(c->store, fn, x, e);

	if (rc) {
		json_decref(x->out);
		x->out = NULL;
	}
	*out = x->out;
	return rc;
}

int service_outcomes_get(struct service_conn *c, const struct service_caller *who,
			 int64_t meeting, json_t **out, struct err *e)
{
	struct outcome_run x = {who, meeting, NULL, NULL};

	return run(c, get_fn, &x, out, e);
}

/* "comment": absent, null, or 1 to SERVICE_OUTCOME_COMMENT_MAX characters. */
static int check_comment(const json_t *body, const char **comment, struct err *e)
{
	const json_t *v = json_object_get(body, "comment");
	size_t n;

	*comment = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return err_set(e, ERR_INVALID, "comment", "must be a string or null");
	n = jsonx_utf8_chars(json_string_value(v));
	if (n > SERVICE_OUTCOME_COMMENT_MAX)
		return err_set(e, ERR_INVALID, "comment", "must be at most %d characters (has %zu)",
			       SERVICE_OUTCOME_COMMENT_MAX, n);
	*comment = n ? json_string_value(v) : NULL;
	return 0;
}

/* The fields of body are names only; each is checked by its reader. */
static int check_fields(const json_t *body, const char *const *names, struct err *e)
{
	const char *key;
	json_t *v;

	if (!json_is_object(body))
		return err_set(e, ERR_INVALID, "", "the body must be a JSON object");
	json_object_foreach((json_t *)body, key, v) {
		const char *const *n = names;

		while (*n && strcmp(*n, key) != 0)
			n++;
		if (!*n)
			return err_set(e, ERR_INVALID, key, "is not a field of this request");
	}
	return 0;
}

static int check_outcome(const json_t *body, const char **outcome, struct err *e)
{
	const json_t *v = json_object_get(body, "outcome");

	*outcome = json_string_value(v);
	for (const char *const *n = outcome_names; *outcome && *n; n++)
		if (strcmp(*n, *outcome) == 0)
			return 0;
	return err_set(e, ERR_INVALID, "outcome", "%s did_not_take_place, insufficient_interest, "
		       "informative_no_cooperation, cooperation_possible",
		       v ? "must be one of" : "is required: one of");
}

static int record_fn(struct store *s, void *ctx, struct err *e)
{
	static const char *const fields[] = {"outcome", "comment", NULL};
	struct outcome_run *x = ctx;
	struct store_meeting_facts f;
	struct store_outcome o = {x->meeting, x->who->p->person, NULL, NULL, "participant", 0,
				  x->who->p->account};
	int rc = check_fields(x->body, fields, e);

	if (rc == 0)
		rc = check_outcome(x->body, &o.outcome, e);
	if (rc == 0)
		rc = check_comment(x->body, &o.comment, e);
	if (rc == 0)
		rc = store_meeting_facts(s, x->meeting, &f, e);
	if (rc)
		return rc;
	if (side_of(&f, o.person) < 0)
		return err_set(e, ERR_FORBIDDEN, NULL, "only the meeting's participants record its "
			       "outcome");
	if (!f.end_utc)
		return err_set(e, ERR_CONFLICT, "slot_id", "meeting %" PRId64 " is not scheduled: "
			       "it has no outcome", x->meeting);
	if (f.end_utc > (int64_t)time(NULL))
		return err_set(e, ERR_CONFLICT, "slot_id", "meeting %" PRId64 " has not ended yet: "
			       "record its outcome after its slot", x->meeting);
	rc = store_outcome_write(s, &o, 0, e);
	return rc ? rc : outcomes_view(s, x->who, x->meeting, &x->out, e);
}

int service_outcome_record(struct service_conn *c, const struct service_caller *who,
			   int64_t meeting, const json_t *body, json_t **out, struct err *e)
{
	struct outcome_run x = {who, meeting, body, NULL};

	return run(c, record_fn, &x, out, e);
}

static int no_show_fn(struct store *s, void *ctx, struct err *e)
{
	static const char *const fields[] = {"person_id", "comment", NULL};
	struct outcome_run *x = ctx;
	const json_t *pid = json_object_get(x->body, "person_id");
	struct store_meeting_facts f;
	struct store_outcome o = {x->meeting, 0, "did_not_take_place", NULL, "organiser", 1,
				  x->who->p->account};
	int rc = check_fields(x->body, fields, e);

	if (rc == 0 && (!json_is_integer(pid) || json_integer_value(pid) < 1))
		rc = err_set(e, ERR_INVALID, "person_id", pid ? "must be a positive integer"
							      : "is required");
	if (rc == 0)
		rc = check_comment(x->body, &o.comment, e);
	if (rc == 0)
		rc = store_meeting_facts(s, x->meeting, &f, e);
	if (rc)
		return rc;
	o.person = json_integer_value(pid);
	if (side_of(&f, o.person) < 0)
		return err_set(e, ERR_INVALID, "person_id", "person %" PRId64 " is not a participant "
			       "of meeting %" PRId64, o.person, x->meeting);
	if (!f.start_utc)
		return err_set(e, ERR_CONFLICT, "slot_id", "meeting %" PRId64 " is not scheduled",
			       x->meeting);
	if (f.start_utc > (int64_t)time(NULL))
		return err_set(e, ERR_CONFLICT, "slot_id", "meeting %" PRId64 " has not begun yet",
			       x->meeting);
	rc = store_outcome_write(s, &o, 1, e);
	return rc ? rc : outcomes_view(s, x->who, x->meeting, &x->out, e);
}

int service_outcome_no_show(struct service_conn *c, const struct service_caller *who,
			    int64_t meeting, const json_t *body, json_t **out, struct err *e)
{
	struct outcome_run x = {who, meeting, body, NULL};

	return run(c, no_show_fn, &x, out, e);
}
