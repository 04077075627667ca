/*
 * network_int.h - what the files of the partner network and the expert
 * pool share (network.c, expert.c): the checks of their fields, the
 * desk's today, and the run of a workflow. Not a public API.
 */
#ifndef LIAISON_SERVICE_NETWORK_INT_H
#define LIAISON_SERVICE_NETWORK_INT_H

#include "service/network.h"
#include "service/service_int.h"

/* The kinds of field a body may hold. */
enum net_kind {
	NET_TEXT,      /* a string of 1..max characters, not blank */
	NET_ENUM,      /* one of choices ("a|b|c") */
	NET_DATE,      /* YYYY-MM-DD */
	NET_COUNTRY,   /* ISO 3166-1 alpha-2 */
	NET_COUNTRIES, /* an array of those */
	NET_CONCEPTS,  /* an array of thesaurus concept ids */
	NET_LANGS,     /* an array of language tags */
	NET_TEXTS,     /* {lang: text of 1..max characters}, one at least */
	NET_CONTACTS,  /* [{"name", "role"?, "email"?, "phone"?, "languages"?}] */
	NET_ID,        /* the id of a row of table */
	NET_INT,       /* an integer of 0..max */
	NET_EMAIL,
	NET_URL,
};

struct net_field {
	const char *name;
	enum net_kind kind;
	int required;
	int max;
	const char *choices; /* NET_ENUM */
	const char *table;   /* NET_ID */
};

/*
 * Merges body into *row (the stored row, or an empty object on create)
 * after checking every field of body against fields (an unknown one, or
 * a required one set to null, is ERR_INVALID naming it), then checks
 * that the merged row has every required field.
 */
int net_merge(struct store *s, const struct net_field *fields, const json_t *body, json_t *row,
	      struct err *e);

/* The desk's day today (its time zone) as YYYY-MM-DD. */
int net_today(struct store *s, char today[16], struct err *e);

/* Day numbers (days since 1970-01-01) of a YYYY-MM-DD date; 0 on a bad one. */
int64_t net_day(const char *date);

/* The date of day number d as YYYY-MM-DD. */
void net_date(int64_t d, char out[16]);

/* A demo date: "+N" / "-N" days from today, else the date as it is. */
void net_demo_date(const char *v, const char *today, char out[16]);

/* 1 when who is of the desk's staff or an admin (errors in rc). */
int net_staff(struct store *s, const struct service_caller *who, int *yes, struct err *e);
int net_staff_only(struct store *s, const struct service_caller *who, struct err *e);

/* A workflow's context. */
struct net_run {
	const struct service_caller *who;
	int64_t id;
	const json_t *body;
	const json_t *query;
	json_t *out;
};

/* Runs fn in one write transaction (read: one read snapshot); *out = x->out. */
int net_run(struct service_conn *c, int (*fn)(struct store *, void *, struct err *),
	    struct net_run *x, int read, json_t **out, struct err *e);

/* Reads query "limit" (1..200, 50) and "cursor" into *limit and *after. */
int net_page(const char *key, const char *v, int *limit, int64_t *after, struct err *e);

/* expert.c: stores expert d of the demo network (network.h) with its assignments. */
int net_demo_expert(struct store *s, const json_t *d, const char *today, struct err *e);

#endif
