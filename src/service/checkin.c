/*
 * checkin.c - check-in tokens, the desk, online joins, attendance and
 * badges (checkin.h).
 */
#include "service/checkin.h"

#include "export/badge.h"
#include "service/service_int.h"
#include "store/checkin.h"

#include "core/jsonx.h"
#include "core/xalloc.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The current UTC time as RFC 3339 ("2026-05-13T01:00:00Z"). */
static void utc_now(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The MAC's bytes in a token (base64url: 22 characters). */
#define TOKEN_MAC 16

static int token_mac(struct store *s, int64_t event, int64_t reg, char out[32], struct err *e)
{
	unsigned char key[32], mac[crypto_auth_hmacsha256_BYTES];
	char msg[80];
	int rc = store_secret(s, "checkin", key, e);

	if (rc)
		return rc;
	snprintf(msg, sizeof(msg), "liaison-checkin:%" PRId64 ":%" PRId64, event, reg);
	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, strlen(msg), key);
	sodium_memzero(key, sizeof(key));
	sodium_bin2base64(out, 32, mac, TOKEN_MAC, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return 0;
}

int service_checkin_token(struct service_conn *c, int64_t event, int64_t reg,
			  char out[SERVICE_TOKEN_LEN], struct err *e)
{
	char mac[32];
	int rc = token_mac(c->store, event, reg, mac, e);

	if (!rc)
		snprintf(out, SERVICE_TOKEN_LEN, "LC1-%" PRId64 "-%" PRId64 "-%s", event, reg, mac);
	return rc;
}

/* A positive decimal at *p up to the next '-': *v, *p moved past the '-'. */
static int token_number(const char **p, int64_t *v)
{
	char *end;

	if (**p < '1' || **p > '9')
		return -1;
	*v = strtoll(*p, &end, 10);
	if (*end != '-' || end - *p > 18)
		return -1;
	*p = end + 1;
	return 0;
}

/* Reads token into *event and *reg when its MAC is right; ERR_INVALID naming "token" when not. */
static int token_read(struct store *s, const char *token, int64_t *event, int64_t *reg,
		      struct err *e)
{
	const char *p = token;
	char want[32];
	int rc;

	if (!token || strncmp(token, "LC1-", 4) != 0)
		return err_set(e, ERR_INVALID, "token", "is not a liaison check-in token");
	p += 4;
	if (token_number(&p, event) || token_number(&p, reg) || strlen(p) != 22)
		return err_set(e, ERR_INVALID, "token", "is not a liaison check-in token");
	rc = token_mac(s, *event, *reg, want, e);
	if (rc)
		return rc;
	if (sodium_memcmp(want, p, 22) != 0)
		return err_set(e, ERR_INVALID, "token", "is forged or damaged: its signature is wrong");
	return 0;
}

/* Adds the person's name and organisation to a check-in row (for the desk's screen). */
static void checkin_names(struct store *s, json_t *row)
{
	json_t *person = NULL, *org = NULL;
	struct err e;

	err_clear(&e);
	if (store_get(s, STORE_PERSON, json_integer_value(json_object_get(row, "person_id")),
		      &person, &e))
		return;
	json_object_set(row, "name", json_object_get(person, "name"));
	if (!store_get(s, STORE_ORGANISATION,
		       json_integer_value(json_object_get(person, "organisation_id")), &org, &e))
		json_object_set(row, "organisation", json_object_get(org, "name"));
	json_decref(org);
	json_decref(person);
}

int service_checkin(struct service_conn *c, const struct service_caller *who, int64_t event,
		    const char *token, json_t **out, struct err *e)
{
	int64_t tev = 0, reg = 0;
	char now[32];
	int rc;

	*out = NULL;
	if (!token || !*token)
		return err_set(e, ERR_INVALID, "token", "is required");
	rc = token_read(c->store, token, &tev, &reg, e);
	if (!rc && tev != event)
		rc = err_set(e, ERR_INVALID, "token", "is for another event (%" PRId64 ")", tev);
	if (rc)
		return rc;
	utc_now(now);
	rc = store_checkin_mark(c->store, event, reg, "onsite", who->p->account, now, out, e);
	if (!rc)
		checkin_names(c->store, *out);
	return rc;
}

int service_join(struct service_conn *c, const struct service_caller *who, int64_t event,
		 json_t **out, struct err *e)
{
	int64_t reg = 0;
	char now[32];
	int rc;

	*out = NULL;
	if (!who->p->person)
		return err_set(e, ERR_NOT_FOUND, "event", "your account has no person to register");
	rc = store_registration_of(c->store, event, who->p->person, &reg, e);
	if (rc)
		return rc;
	utc_now(now);
	rc = store_checkin_mark(c->store, event, reg, "online", who->p->account, now, out, e);
	if (rc == ERR_CONFLICT && strncmp(e->msg, "already used", 12) == 0) {
		err_clear(e);
		*out = json_pack("{s:I, s:I, s:b}", "registration_id", (json_int_t)reg, "event_id",
				 (json_int_t)event, "already", 1);
		return 0;
	}
	return rc;
}

int service_attendance(struct service_conn *c, int64_t event, json_t **out, struct err *e)
{
	return store_attendance(c->store, event, out, e);
}

int service_attendance_list(struct service_conn *c, int64_t event, json_t **out, struct err *e)
{
	return store_attendance_list(c->store, event, out, e);
}

/* ---- badges ------------------------------------------------------------------ */

/* What the badges are drawn from: rows kept alive until the PDF is made. */
struct badge_set {
	struct export_badge *b;
	size_t n, cap;
	json_t *keep; /* the people and organisations read */
	char (*tokens)[SERVICE_TOKEN_LEN];
};

static int badge_add(struct service_conn *c, struct badge_set *set, const json_t *ev,
		     const json_t *reg, struct err *e)
{
	int64_t rid = json_integer_value(json_object_get(reg, "id"));
	json_t *person = NULL, *org = NULL, *langs;
	struct export_badge *b;
	int rc;

	if (jsonx_str(reg, "validation") && strcmp(jsonx_str(reg, "validation"), "rejected") == 0)
		return 0;
	rc = store_get(c->store, STORE_PERSON,
		       json_integer_value(json_object_get(reg, "person_id")), &person, e);
	if (rc)
		return rc;
	json_array_append_new(set->keep, person);
	if (!store_get(c->store, STORE_ORGANISATION,
		       json_integer_value(json_object_get(person, "organisation_id")), &org, e))
		json_array_append_new(set->keep, org);
	err_clear(e);
	if (set->n == set->cap) {
		set->cap = set->cap ? 2 * set->cap : 16;
		set->b = xrealloc(set->b, set->cap * sizeof(*set->b));
		set->tokens = xrealloc(set->tokens, set->cap * sizeof(*set->tokens));
	}
	rc = service_checkin_token(c, json_integer_value(json_object_get(ev, "id")), rid,
				   set->tokens[set->n], e);
	if (rc)
		return rc;
	b = &set->b[set->n];
	langs = json_object_get(person, "languages");
	*b = (struct export_badge){
		.event = jsonx_str(ev, "name"),
		.name = jsonx_str(person, "name"),
		.organisation = org ? jsonx_str(org, "name") : NULL,
		.country = org ? jsonx_str(org, "country") : NULL,
		.lang = json_string_value(json_array_get(langs, 0)),
		.token = NULL, /* set->tokens moves as it grows: pointed to at the end */
	};
	set->n++;
	return 0;
}

/* Every registration of ev, page after page, into set. */
static int badge_rows(struct service_conn *c, struct badge_set *set, const json_t *ev,
		      struct err *e)
{
	json_t *page = NULL;
	char id[24], next[64] = "";
	int rc = 0;

	snprintf(id, sizeof(id), "%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(ev, "id")));
	do {
		json_t *params = json_pack("{s:s, s:s}", "event", id, "limit", "200");
		json_t *items;

		if (next[0])
			json_object_set_new(params, "cursor", json_string(next));
		rc = store_list(c->store, STORE_REGISTRATION, params, &page, e);
		json_decref(params);
		items = json_object_get(page, "items");
		for (size_t i = 0; !rc && i < json_array_size(items); i++)
			rc = badge_add(c, set, ev, json_array_get(items, i), e);
		snprintf(next, sizeof(next), "%s", rc ? "" : jsonx_str(page, "next") ? jsonx_str(page, "next") : "");
		json_decref(page);
		page = NULL;
	} while (!rc && next[0]);
	return rc;
}

int service_badges_pdf(struct service_conn *c, int64_t event, struct buf *b, struct err *e)
{
	struct badge_set set = {.keep = json_array()};
	json_t *ev = NULL;
	int rc;

	buf_init(b, SERVICE_BADGES_MAX);
	rc = store_get(c->store, STORE_EVENT, event, &ev, e);
	if (!rc)
		rc = badge_rows(c, &set, ev, e);
	for (size_t i = 0; !rc && i < set.n; i++)
		set.b[i].token = set.tokens[i];
	if (!rc)
		rc = export_badges_pdf(set.b, set.n, b, e);
	json_decref(ev);
	json_decref(set.keep);
	free(set.b);
	free(set.tokens);
	if (rc)
		buf_release(b);
	return rc;
}
