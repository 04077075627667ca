/*
 * checkin.c - check-ins, attendance figures and the server's secrets
 * (checkin.h), in portable SQL (both drivers).
 */
#include "store/checkin.h"

#include "store/account_int.h"
#include "store/store_int.h"

#include <sodium.h>
#include <string.h>

int store_secret(struct store *s, const char *name, unsigned char out[32], struct err *e)
{
	unsigned char fresh[32];
	char hex[65], now[32];
	struct db_stmt *st;
	const char *v;
	size_t len = 0;
	int rc;

	randombytes_buf(fresh, sizeof(fresh));
	sodium_bin2hex(hex, sizeof(hex), fresh, sizeof(fresh));
	sodium_memzero(fresh, sizeof(fresh));
	store_now(now);
	rc = store_tx_begin(s, e);
	if (!rc)
		rc = store_exec(s, e,
				"INSERT INTO secrets(name, value, created_at) VALUES (?1, ?2, ?3)"
				" ON CONFLICT DO NOTHING",
				"ttt", name, hex, now);
	sodium_memzero(hex, sizeof(hex));
	if (!rc)
		rc = store_prep(s, "SELECT value FROM secrets WHERE name = ?1", &st, e);
	if (!rc) {
		db_bind_text(st, 1, name, (size_t)-1);
		rc = store_step(s, st, e);
		v = rc == 1 ? db_col_text(st, 0) : NULL;
		if (rc >= 0 && (!v || sodium_hex2bin(out, 32, v, strlen(v), NULL, &len, NULL) ||
				len != 32))
			rc = err_set(e, ERR_INTERNAL, "secrets", "the secret %s is damaged", name);
		else if (rc == 1)
			rc = 0;
		store_reset(st);
	}
	return store_tx_end(s, rc, e);
}

/* The first check-in of reg, for the conflict's message. */
static int checkin_conflict(struct store *s, int64_t reg, struct err *e)
{
	struct db_stmt *st;
	int rc = store_prep(s, "SELECT mode, at FROM check_ins WHERE registration_id = ?1", &st, e);

	if (rc)
		return rc;
	db_bind_int64(st, 1, reg);
	rc = store_step(s, st, e);
	if (rc == 1)
		rc = err_set(e, ERR_CONFLICT, "token", "already used: checked in (%s) at %s",
			     db_col_text(st, 0), db_col_text(st, 1));
	else if (rc == 0)
		rc = err_set(e, ERR_CONFLICT, "token", "already used");
	store_reset(st);
	return rc;
}

static int checkin_write(struct store *s, int64_t event, int64_t reg, const char *mode,
			 int64_t by, const char *now, int64_t *person, struct err *e)
{
	struct db_stmt *st;
	const char *validation;
	int rc = store_prep(s,
			    "SELECT person_id, validation FROM registrations"
			    " WHERE id = ?1 AND event_id = ?2",
			    &st, e);

	if (rc)
		return rc;
	db_bind_int64(st, 1, reg);
	db_bind_int64(st, 2, event);
	rc = store_step(s, st, e);
	if (rc == 0)
		rc = err_set(e, ERR_NOT_FOUND, "token", "names no registration of this event");
	if (rc == 1) {
		*person = db_col_int64(st, 0);
		validation = db_col_text(st, 1);
		rc = validation && strcmp(validation, "rejected") == 0 ?
			     err_set(e, ERR_CONFLICT, "token", "the registration was rejected") : 0;
	}
	store_reset(st);
	if (!rc && store_int(s, e, &(int64_t){0},
			     "SELECT 1 FROM check_ins WHERE registration_id = ?1", "i", reg) == 1)
		rc = checkin_conflict(s, reg, e);
	if (!rc)
		rc = store_exec(s, e,
				"INSERT INTO check_ins(registration_id, event_id, person_id, mode, at,"
				" by_account) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
				"iiittz", reg, event, *person, mode, now, by);
	if (!rc)
		rc = store_exec(s, e, "UPDATE registrations SET checked_in = 1 WHERE id = ?1", "i",
				reg);
	return rc;
}

int store_checkin_mark(struct store *s, int64_t event, int64_t reg, const char *mode,
		       int64_t by, const char *now, json_t **out, struct err *e)
{
	int64_t person = 0;
	int rc;

	*out = NULL;
	if (!mode || (strcmp(mode, "onsite") != 0 && strcmp(mode, "online") != 0))
		return err_set(e, ERR_INVALID, "mode", "must be onsite or online");
	rc = store_tx_begin(s, e);
	if (rc)
		return rc;
	rc = checkin_write(s, event, reg, mode, by, now, &person, e);
	rc = store_tx_end(s, rc, e);
	if (rc)
		return rc;
	*out = json_pack("{s:I, s:I, s:I, s:s, s:s}", "registration_id", (json_int_t)reg,
			 "event_id", (json_int_t)event, "person_id", (json_int_t)person, "mode", mode,
			 "at", now);
	return 0;
}

int store_registration_of(struct store *s, int64_t event, int64_t person, int64_t *reg,
			  struct err *e)
{
	int rc = store_int(s, e, reg,
			   "SELECT id FROM registrations WHERE event_id = ?1 AND person_id = ?2",
			   "ii", event, person);

	if (rc == 0)
		return err_set(e, ERR_NOT_FOUND, "event", "you are not registered for this event");
	return rc < 0 ? rc : 0;
}

int store_attendance(struct store *s, int64_t event, json_t **out, struct err *e)
{
	static const char *const sql[] = {
		("SELECT count(*) FROM registrations WHERE event_id = ?1"
		 " AND (validation IS NULL OR validation <> 'rejected')"),
		"SELECT count(*) FROM check_ins WHERE event_id = ?1",
		"SELECT count(*) FROM check_ins WHERE event_id = ?1 AND mode = 'onsite'",
		"SELECT count(*) FROM check_ins WHERE event_id = ?1 AND mode = 'online'",
	};
	static const char *const names[] = {"registered", "checked_in", "onsite", "online"};
	int64_t n = 0;
	int rc;

	*out = NULL;
	rc = store_read_begin(s, e);
	if (rc)
		return rc;
	rc = store_int(s, e, &n, "SELECT id FROM events WHERE id = ?1", "i", event);
	if (rc == 0)
		rc = err_set(e, ERR_NOT_FOUND, "id", "no event %lld", (long long)event);
	if (rc == 1) {
		rc = 0;
		*out = json_pack("{s:I}", "event_id", (json_int_t)event);
	}
	for (size_t i = 0; !rc && i < 4; i++) {
		rc = store_int(s, e, &n, sql[i], "i", event);
		if (rc >= 0)
			rc = json_object_set_new(*out, names[i], json_integer(n)) ? ERR_INTERNAL : 0;
	}
	rc = store_read_end(s, rc, e);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int store_attendance_list(struct store *s, int64_t event, json_t **out, struct err *e)
{
	return acct_list(s, out, e,
			 "SELECT registration_id, person_id, mode, at FROM check_ins"
			 " WHERE event_id = ?1 ORDER BY registration_id",
			 "i", event);
}
