/*
 * prefs.c - who receives which messages (send.h): a person's opt-outs by
 * kind (the sender skips what they opted out of), also by the signed
 * one-click URL of RFC 8058 in each message, and an organiser's
 * announcement to the participants of an event.
 */
#include "service/send.h"

#include "service/service_int.h"
#include "store/outbox.h"

#include "core/jsonx.h"
#include "store/checkin.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static int prefs_read(struct store *s, const char *email, json_t **out, struct err *e)
{
	json_t *kinds = json_array(), *off = NULL;
	int rc;

	for (int i = 0; store_outbox_optional_kinds[i]; i++)
		json_array_append_new(kinds, json_string(store_outbox_optional_kinds[i]));
	rc = store_optout_list(s, email, &off, e);
	if (rc) {
		json_decref(kinds);
		*out = NULL;
		return rc;
	}
	*out = json_pack("{s:o, s:o}", "kinds", kinds, "off", off);
	return 0;
}

/*
 * The addresses of who's messages, into emails[0..1]: their person's
 * (notices of events go there) and their account's; *person owned.
 */
static int prefs_emails(struct store *s, const struct service_caller *who, json_t **person,
			const char *emails[2], struct err *e)
{
	*person = NULL;
	emails[0] = emails[1] = NULL;
	if (who->p->person && store_get(s, STORE_PERSON, who->p->person, person, e) == 0)
		emails[0] = jsonx_str(*person, "email");
	err_clear(e);
	if (who->p->email[0])
		emails[emails[0] ? 1 : 0] = who->p->email;
	if (!emails[0])
		return err_set(e, ERR_NOT_FOUND, "account", "your account has no e-mail");
	return 0;
}

int service_prefs_get(struct service_conn *c, const struct service_caller *who, json_t **out,
		      struct err *e)
{
	const char *emails[2];
	json_t *person;
	int rc = prefs_emails(c->store, who, &person, emails, e);

	*out = NULL;
	if (!rc)
		rc = prefs_read(c->store, emails[0], out, e);
	json_decref(person);
	return rc;
}

struct prefs_set {
	const char *emails[2];
	const json_t *off;
};

static int prefs_write(struct store *s, void *ctx, struct err *e)
{
	struct prefs_set *p = ctx;
	int rc = 0;

	for (int i = 0; !rc && store_outbox_optional_kinds[i]; i++) {
		const char *kind = store_outbox_optional_kinds[i];
		int off = 0;

		for (size_t j = 0; j < json_array_size(p->off); j++)
			off |= strcmp(json_string_value(json_array_get(p->off, j)), kind) == 0;
		for (int k = 0; !rc && k < 2 && p->emails[k]; k++)
			rc = store_optout_set(s, p->emails[k], kind, off, e);
	}
	return rc;
}

int service_prefs_set(struct service_conn *c, const struct service_caller *who,
		      const json_t *body, json_t **out, struct err *e)
{
	struct prefs_set p = {{NULL, NULL}, json_object_get(body, "off")};
	json_t *person = NULL;
	const char *key;
	json_t *v;
	int rc;

	*out = NULL;
	if (!json_is_object(body) || !json_is_array(p.off))
		return err_set(e, ERR_INVALID, "off", "must be an array of kinds");
	json_object_foreach((json_t *)body, key, v)
		if (strcmp(key, "off") != 0)
			return err_set(e, ERR_INVALID, key, "is not a field of the preferences");
	for (size_t j = 0; j < json_array_size(p.off); j++) {
		const char *k = json_string_value(json_array_get(p.off, j));
		int known = 0;

		for (int i = 0; k && store_outbox_optional_kinds[i]; i++)
			known |= strcmp(k, store_outbox_optional_kinds[i]) == 0;
		if (!known)
			return err_set(e, ERR_INVALID, "off", "off[%zu]: not a kind one may opt out of",
				       j);
	}
	rc = prefs_emails(c->store, who, &person, p.emails, e);
	if (!rc)
		rc = store_atomic(c->store, prefs_write, &p, e);
	if (!rc)
		rc = prefs_read(c->store, p.emails[0], out, e);
	json_decref(person);
	return rc;
}

/* ---- one-click unsubscribe (RFC 8058) --------------------------------------- */

/* The MAC bytes in the URL's "s" (base64url: 22 characters). */
#define UNSUB_MAC 16
#define UNSUB_EMAIL_MAX 254

static int optional_kind(const char *kind)
{
	for (int i = 0; kind && store_outbox_optional_kinds[i]; i++)
		if (strcmp(kind, store_outbox_optional_kinds[i]) == 0)
			return 1;
	return 0;
}

/* The "s" of email (lower case) and kind, base64url, into out. */
static int unsub_mac(struct store *s, const char *email, const char *kind, char out[32],
		     struct err *e)
{
	unsigned char key[32], mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st;
	int rc = store_secret(s, "unsubscribe", key, e);

	if (rc)
		return rc;
	crypto_auth_hmacsha256_init(&st, key, sizeof(key));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)"liaison-unsubscribe:", 20);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)kind, strlen(kind) + 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)email, strlen(email));
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_memzero(key, sizeof(key));
	sodium_bin2base64(out, 32, mac, UNSUB_MAC, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return 0;
}

static void lower_ascii(const char *in, char out[UNSUB_EMAIL_MAX + 1])
{
	size_t i;

	for (i = 0; in[i] && i < UNSUB_EMAIL_MAX; i++)
		out[i] = (in[i] >= 'A' && in[i] <= 'Z') ? (char)(in[i] + 32) : in[i];
	out[i] = '\0';
}

int service_unsubscribe_url(struct service_conn *c, const char *base, const char *email,
			    const char *kind, char *out, size_t n, struct err *e)
{
	char low[UNSUB_EMAIL_MAX + 1], b64[sodium_base64_ENCODED_LEN(
					      UNSUB_EMAIL_MAX, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
	char mac[32];
	int rc;

	out[0] = '\0';
	if (!optional_kind(kind) || !email || strlen(email) > UNSUB_EMAIL_MAX)
		return 1;
	lower_ascii(email, low);
	rc = unsub_mac(c->store, low, kind, mac, e);
	if (rc)
		return rc;
	sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)low, strlen(low),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	snprintf(out, n, "%s/api/v1/unsubscribe?e=%s&k=%s&s=%s", base, b64, kind, mac);
	return 0;
}

static int unsub_write(struct store *s, void *ctx, struct err *e)
{
	const char *const *ek = ctx;

	return store_optout_set(s, ek[0], ek[1], 1, e);
}

int service_unsubscribe(struct service_conn *c, const json_t *query, json_t **out,
			struct err *e)
{
	const char *b64 = jsonx_str(query, "e"), *kind = jsonx_str(query, "k");
	const char *sig = jsonx_str(query, "s");
	char email[UNSUB_EMAIL_MAX + 1], want[32];
	const char *ek[2] = {email, kind};
	size_t len = 0;
	int rc;

	*out = NULL;
	if (!b64 || sodium_base642bin((unsigned char *)email, UNSUB_EMAIL_MAX, b64, strlen(b64),
				      NULL, &len, NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING))
		return err_set(e, ERR_BAD_REQUEST, "e", "must be the e-mail of the link (base64url)");
	email[len] = '\0';
	if (strlen(email) != len)
		return err_set(e, ERR_BAD_REQUEST, "e", "must be the e-mail of the link (base64url)");
	if (!optional_kind(kind))
		return err_set(e, ERR_BAD_REQUEST, "k", "must be a kind one may opt out of");
	if (!sig || strlen(sig) != 22)
		return err_set(e, ERR_BAD_REQUEST, "s", "must be the signature of the link");
	rc = unsub_mac(c->store, email, kind, want, e);
	if (rc)
		return rc;
	if (sodium_memcmp(want, sig, 22) != 0)
		return err_set(e, ERR_BAD_REQUEST, "s", "is forged or damaged: the signature is wrong");
	rc = store_atomic(c->store, unsub_write, (void *)ek, e);
	if (rc == ERR_INVALID) /* a stored address the e-mail check refuses: not ours */
		return err_set(e, ERR_BAD_REQUEST, "e", "is not an e-mail address");
	if (rc == 0)
		*out = json_pack("{s:s, s:b}", "kind", kind, "off", 1);
	return rc;
}

/* ---- announcements ---------------------------------------------------------- */

struct announce {
	const struct service_caller *who;
	int64_t event;
	json_t *values;
	int queued;
};

/* Queues the announcement to the people of one page of registrations. */
static int announce_page(struct store *s, struct announce *a, const json_t *items,
			 struct err *e)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < json_array_size(items); i++) {
		const json_t *reg = json_array_get(items, i);
		json_t *person = NULL;

		if (jsonx_str(reg, "validation") &&
		    strcmp(jsonx_str(reg, "validation"), "rejected") == 0)
			continue;
		rc = store_get(s, STORE_PERSON, json_integer_value(json_object_get(reg, "person_id")),
			       &person, e);
		if (!rc && jsonx_str(person, "email")) {
			rc = service_notice_queue(s, person, "announcement", "announcement.subject",
						  "announcement.body", a->values, NULL,
						  a->who->p->account, e);
			a->queued += !rc;
		}
		json_decref(person);
	}
	return rc;
}

static int announce_all(struct store *s, void *ctx, struct err *e)
{
	struct announce *a = ctx;
	char ev[24], next[64] = "";
	int rc;

	snprintf(ev, sizeof(ev), "%lld", (long long)a->event);
	do {
		json_t *params = json_pack("{s:s, s:s}", "event", ev, "limit", "200");
		json_t *page = NULL;

		if (next[0])
			json_object_set_new(params, "cursor", json_string(next));
		rc = store_list(s, STORE_REGISTRATION, params, &page, e);
		json_decref(params);
		if (!rc)
			rc = announce_page(s, a, json_object_get(page, "items"), e);
		snprintf(next, sizeof(next), "%s",
			 !rc && jsonx_str(page, "next") ? jsonx_str(page, "next") : "");
		json_decref(page);
	} while (!rc && next[0]);
	return rc;
}

static int announce_check(const json_t *body, struct err *e)
{
	const char *subject = jsonx_str(body, "subject"), *text = jsonx_str(body, "body");
	const char *key;
	json_t *v;

	if (!json_is_object(body))
		return err_set(e, ERR_INVALID, "subject", "is required");
	json_object_foreach((json_t *)body, key, v)
		if (strcmp(key, "subject") != 0 && strcmp(key, "body") != 0)
			return err_set(e, ERR_INVALID, key, "is not a field of an announcement");
	if (!subject || !*subject || strlen(subject) > 600 || strpbrk(subject, "\r\n"))
		return err_set(e, ERR_INVALID, "subject", "must be one line of 1 to 600 bytes");
	if (!text || !*text || strlen(text) > 40000)
		return err_set(e, ERR_INVALID, "body", "must be 1 to 40,000 bytes");
	return 0;
}

int service_announce(struct service_conn *c, const struct service_caller *who, int64_t event,
		     const json_t *body, json_t **out, struct err *e)
{
	struct announce a = {who, event, NULL, 0};
	json_t *ev = NULL;
	int rc;

	*out = NULL;
	rc = store_get(c->store, STORE_EVENT, event, &ev, e);
	if (!rc)
		rc = announce_check(body, e);
	if (rc) {
		json_decref(ev);
		return rc;
	}
	a.values = json_pack("{s:O, s:O, s:O}", "event", json_object_get(ev, "name"), "subject",
			     json_object_get(body, "subject"), "text", json_object_get(body, "body"));
	rc = store_atomic(c->store, announce_all, &a, e);
	json_decref(a.values);
	json_decref(ev);
	if (!rc)
		*out = json_pack("{s:i}", "queued", a.queued);
	return rc;
}
