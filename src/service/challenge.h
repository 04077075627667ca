/*
 * challenge.h - the workflows of innovation challenges (challenge.c):
 * the call and its states, submissions by eligible organisations until
 * the deadline, their attachments. Each is one transaction that applies
 * every rule; the routes let any signed-in caller in and these functions
 * decide (docs/api.md, "Challenges"):
 * - a challenge's managers are admins and its organisers (role organiser
 *   on the challenge); a draft is hidden (404) from everybody else;
 * - its jury members (role jury on it) read its submissions;
 * - a submission is read and written by the representatives of its
 *   organisation, who never see the other organisations' submissions
 *   (404, as if they did not exist).
 *
 * States: draft -> open -> closed -> in_review -> decided -> announced.
 * Submissions are taken, edited and given attachments while the
 * challenge is open and before closes_at (refused from that exact second
 * on, naming the deadline in the caller's time zone); withdrawn until it
 * is decided.
 *
 * Conventions of service.h.
 */
#ifndef LIAISON_SERVICE_CHALLENGE_H
#define LIAISON_SERVICE_CHALLENGE_H

#include "service/service.h"

/* An attachment's largest size in bytes; and the most a submission has. */
#define SERVICE_ATTACHMENT_MAX (512 * 1024)
#define SERVICE_ATTACHMENTS_MAX 10

/* Creates a challenge (admins) in state draft from body; *out is it. */
int service_challenge_create(struct service_conn *c, const struct service_caller *who,
			     const json_t *body, json_t **out, struct err *e);

/* The challenge (a draft for its managers only: ERR_NOT_FOUND otherwise). */
int service_challenge_get(struct service_conn *c, const struct service_caller *who, int64_t id,
			  json_t **out, struct err *e);

/* {"items": [...]}: the challenges the caller may see, newest first. */
int service_challenge_list(struct service_conn *c, const struct service_caller *who,
			   json_t **out, struct err *e);

/*
 * Moves challenge id to body's "state" (its managers): ERR_CONFLICT
 * naming "state" for a step the state machine has not ("challenge 3 is
 * draft: it can move to open"), ERR_INVALID for an unknown state.
 */
int service_challenge_move(struct service_conn *c, const struct service_caller *who, int64_t id,
			   const json_t *body, json_t **out, struct err *e);

/*
 * Submits body ({"track_id", "organisation_id", "title", "abstract",
 * "team"?, "links"?}) to challenge id for an organisation the caller
 * represents (ERR_FORBIDDEN naming "organisation_id" otherwise) that the
 * call's eligibility admits (ERR_INVALID naming "organisation_id").
 */
int service_submission_create(struct service_conn *c, const struct service_caller *who,
			      int64_t id, const json_t *body, json_t **out, struct err *e);

int service_submission_get(struct service_conn *c, const struct service_caller *who, int64_t id,
			   json_t **out, struct err *e);

/* {"items": [...]}: the submissions of challenge id the caller may see. */
int service_submission_list(struct service_conn *c, const struct service_caller *who,
			    int64_t id, json_t **out, struct err *e);

/* Changes "track_id", "title", "abstract", "team", "links" of submission id. */
int service_submission_update(struct service_conn *c, const struct service_caller *who,
			      int64_t id, const json_t *body, json_t **out, struct err *e);

int service_submission_withdraw(struct service_conn *c, const struct service_caller *who,
				int64_t id, json_t **out, struct err *e);

/*
 * Adds data[0..len) to submission id as an attachment named name (the
 * client's name: metadata only). Its type is sniffed from the content
 * (libmagic) and must be PDF, PNG, JPEG, or an OpenDocument or Office
 * Open XML document (ERR_INVALID naming "content"); over
 * SERVICE_ATTACHMENT_MAX is ERR_TOO_LARGE. *out is the attachment's
 * metadata.
 */
int service_attachment_add(struct service_conn *c, const struct service_caller *who,
			   int64_t id, const char *name, const void *data, size_t len,
			   json_t **out, struct err *e);

/* Attachment aid of submission id: *meta {"name", "media_type", "size"}, *data its bytes. */
int service_attachment_get(struct service_conn *c, const struct service_caller *who, int64_t id,
			   int64_t aid, json_t **meta, char **data, size_t *len, struct err *e);

/* ---- jury, assignment, reviews, ranking -------------------------------- */

/*
 * Makes account aid a jury member of challenge id (its managers; grants
 * the jury role on it): body {"expertise": [concept ids], "conflicts":
 * [submission ids], "cap"?: n}. *out is the jury (as service_jury_list).
 */
int service_jury_put(struct service_conn *c, const struct service_caller *who, int64_t id,
		     int64_t aid, const json_t *body, json_t **out, struct err *e);

/* {"items": [...]}: the jury of challenge id (its managers). */
int service_jury_list(struct service_conn *c, const struct service_caller *who, int64_t id,
		      json_t **out, struct err *e);

/*
 * Assigns the jury to the submissions of challenge id (its managers,
 * while in_review, before any review is given): body {"reviews",
 * "load_cap"?, "same_country"?, "fixed"?: [{"submission_id",
 * "account_id"}], "forbidden"?: [...]}. Conflicts: declared, same
 * organisation, same country when asked, an agreement between the two
 * organisations. The review assignment of src/assign/ (a min-cost flow);
 * the previous assignment is replaced. An assignment that cannot be
 * complete is ERR_CONFLICT naming "reviewers" with the missing slots, and
 * changes nothing. *out {"assignments", "reviewers", "stats"} (ids as
 * numbers).
 */
int service_assignment_run(struct service_conn *c, const struct service_caller *who, int64_t id,
			   const json_t *body, json_t **out, struct err *e);

/*
 * {"items": [reviews]}: all of challenge id for its managers; for a jury
 * member, theirs with each submission's title and abstract.
 */
int service_reviews_list(struct service_conn *c, const struct service_caller *who, int64_t id,
			 json_t **out, struct err *e);

/*
 * The caller's review of submission id (a jury member assigned to it,
 * while the challenge is in_review): body {"scores": {criterion: 0..10}
 * for every criterion, "comment_jury"?, "comment_submitter"?}.
 */
int service_review_put(struct service_conn *c, const struct service_caller *who, int64_t id,
		       const json_t *body, json_t **out, struct err *e);

/*
 * The ranking of challenge id (its managers): per track, submissions by
 * weighted score (the mean over their given reviews of sum(weight x
 * score) / sum(weight), 0 to 10), with the spread (highest minus lowest
 * reviewer's score) and "disagreement" when it is 3 or more.
 */
int service_ranking(struct service_conn *c, const struct service_caller *who, int64_t id,
		    json_t **out, struct err *e);

/*
 * The winners of one track of challenge id (its managers, while
 * in_review or decided): body {"track_id", "winners": [submission ids, in
 * rank order]} (submissions of that track, not withdrawn). *out is
 * {"items": [decisions]}.
 */
int service_decisions_put(struct service_conn *c, const struct service_caller *who, int64_t id,
			  const json_t *body, json_t **out, struct err *e);

/*
 * The public results of challenge id once announced (else ERR_NOT_FOUND
 * naming "state"): per track its winners' rank, title and organisation
 * (id and name) and the pilot agreement started; never reviews nor
 * reviewers.
 */
int service_results(struct service_conn *c, const struct service_caller *who, int64_t id,
		    json_t **out, struct err *e);

/*
 * Starts the pilot of winner submission id (its organisation's
 * representatives or the challenge's managers, once the challenge is
 * decided or announced): an agreement of kind pilot_project between the
 * winner's organisation and its track's pilot host, with the challenge's
 * id, through the agreement pipeline (its history and rules). body gives
 * "title" and any agreement field but parties, kind and challenge_id.
 * ERR_CONFLICT naming "id" when the submission is no winner, the track
 * offers no pilot or the pilot is already started.
 */
int service_challenge_pilot(struct service_conn *c, const struct service_caller *who,
			    int64_t id, const json_t *body, json_t **out, struct err *e);

/*
 * Loads the demo challenge (data/demo/challenge.json, challenge_demo.c) in
 * one transaction: the call, its state, submissions and jury.
 */
int service_challenge_load_demo(struct service_conn *c, const json_t *demo, struct err *e);

/*
 * The access guard's view of a challenge route's row (api/guard.c): for a
 * challenge id (submission 0) its id; for a submission id its challenge and
 * organisation. *draft = 1 when the challenge is a draft; *organiser and
 * *jury when account holds that role on it. ERR_NOT_FOUND naming "id"
 * when there is no such row.
 */
int service_challenge_access(struct service_conn *c, int64_t account, int64_t challenge,
			     int64_t submission, int64_t *org, int *draft, int *organiser,
			     int *jury, struct err *e);

/* The allow-list's constant spelling of media type t (application/octet-stream if none). */
const char *service_attachment_type(const char *t);

#endif
