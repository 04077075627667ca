/*
 * network.h - the desk's partner network and expert pool, store side
 * (tables of migrations 15 and 16): partners (associations and chambers
 * with a liaison agreement) and their activity log; experts, their full
 * text (expert_fts) and their assignments. The rules (who sees the
 * contacts, what a valid partner or expert is, renewals due) are the
 * service's (service/network.h); these functions only read and write,
 * inside the caller's transaction.
 *
 * Rows are JSON objects keyed by column name, NULL columns left out; the
 * JSON columns (countries, themes, contacts, concepts, expertise,
 * languages) are read back as JSON values, not as their text.
 */
#ifndef LIAISON_STORE_NETWORK_H
#define LIAISON_STORE_NETWORK_H

#include "core/err.h"

#include <jansson.h>
#include <stdint.h>

struct store;

/*
 * Writes partner p (every column of migration 15 but id and the times,
 * by name: absent = NULL; countries, themes and contacts as JSON arrays):
 * inserts it when *id is 0 (and sets *id), else replaces row *id.
 */
int store_partner_write(struct store *s, const json_t *p, int64_t *id, struct err *e);

/* Partner id ("organisation": the directory's name for organisation_id); ERR_NOT_FOUND ("id"). */
int store_partner_get(struct store *s, int64_t id, json_t **out, struct err *e);

/* What a list of partners asks for (NULL / 0 = any). */
struct store_partner_query {
	const char *q;       /* a part of the name (any case) */
	const char *country; /* the partner's country or one it covers */
	const char *theme;   /* a theme it covers */
	const char *kind;    /* association | chamber */
	int limit;           /* 1..200 */
	int64_t after;       /* cursor: ids above it */
};

/* {"items": [partners], "next": cursor | null}, by id. */
int store_partner_list(struct store *s, const struct store_partner_query *q, json_t **out,
		       struct err *e);

/* [partners] whose agreement expires on or before until (YYYY-MM-DD), soonest first. */
int store_partner_expiring(struct store *s, const char *until, json_t **out, struct err *e);

/* Adds to the activity log of partner: a {"kind", "date", "title", "note"?, "event_id"?, "case_id"?}. */
int store_partner_activity_add(struct store *s, int64_t partner, const json_t *a, int64_t by,
			       struct err *e);

/*
 * The activity log of partner, latest first: [{"id", "kind", "date",
 * "title", "note"?, "event_id"?, "event"?, "case_id"?, "created_by"?,
 * "created_at"}]; *counts = {"event": n, "delegation": n, ...}.
 */
int store_partner_activities(struct store *s, int64_t partner, json_t **out, json_t **counts,
			     struct err *e);

/*
 * Writes expert x (the columns of migration 16 but id and the times;
 * concepts and languages JSON arrays, expertise a JSON object) and its
 * full-text row (name, title, field and every expertise text): inserts
 * when *id is 0, else replaces row *id.
 */
int store_expert_write(struct store *s, const json_t *x, int64_t *id, struct err *e);

/* Expert id ("organisation": its name); ERR_NOT_FOUND ("id"). */
int store_expert_get(struct store *s, int64_t id, json_t **out, struct err *e);

/* What a search of experts asks for (NULL / 0 = any). */
struct store_expert_query {
	const char *q;            /* words of the full text, any language */
	const char *concept;      /* a thesaurus concept of their expertise */
	const char *lang;         /* a language they speak (a primary tag: "de" finds "de-AT") */
	const char *availability; /* available | limited | unavailable */
	const char *on;           /* YYYY-MM-DD: only those in term on that day */
	int limit;
	int64_t after;
};

/* {"items": [experts], "next": cursor | null}, by id. */
int store_expert_list(struct store *s, const struct store_expert_query *q, json_t **out,
		      struct err *e);

/*
 * Records expert assigned to a case, event or challenge (kind) with id
 * target; ERR_CONFLICT ("expert_id") when it already is.
 */
int store_expert_assign(struct store *s, int64_t expert, const char *kind, int64_t target,
			const char *role, int64_t by, struct err *e);

/*
 * The assignments of expert (expert > 0) or of the case (case_id > 0):
 * [{"id", "expert_id", "expert", "kind", "case_id"?, "event_id"?,
 * "challenge_id"?, "target": its subject or name, "role"?, "assigned_at"}].
 */
int store_expert_assignments(struct store *s, int64_t expert, int64_t case_id, json_t **out,
			     struct err *e);

/* *yes = 1 when the row id of table ("events", "challenges", "cases", "accounts") exists. */
int store_network_exists(struct store *s, const char *table, int64_t id, int *yes,
			 struct err *e);

/* *id = the partner (table "partners") or expert ("experts") named name (0 when none). */
int store_network_by_name(struct store *s, const char *table, const char *name, int64_t *id,
			  struct err *e);

/* *id = the first case whose subject is subject (0 when none): for the demo data. */
int store_case_by_subject(struct store *s, const char *subject, int64_t *id, struct err *e);

#endif
