/*
 * operator.h - the operator's workflows: what the command line does to a
 * whole database (migrate, load the demo set, import, export, back up,
 * count) and to the accounts of the platform (the first admin, a
 * password, a role). Each is one service function, as for the API.
 */
#ifndef LIAISON_SERVICE_OPERATOR_H
#define LIAISON_SERVICE_OPERATOR_H

#include "service/service.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Opens the database at path (created when missing) and applies the
 * pending migrations in one transaction: *applied gets how many, *version
 * the schema version after them.
 */
int service_migrate(const char *path, int *applied, int *version, struct err *e);

/*
 * Loads the embedded demo data set (data/demo/: organisations, events with
 * their people, requests, meetings and agreements, the demo accounts, the
 * cooperation desk, the city indicators) in one transaction when the
 * database holds no organisation and no event: *loaded 1; else nothing is
 * written and *loaded is 0.
 */
int service_demo_load(struct service_conn *c, int *loaded, struct err *e);

/*
 * Imports the organisations of in (the batch format of
 * docs/data-format.md), read as it goes; all or nothing, the first bad
 * record named by index and field. *count: organisations stored.
 */
int service_import_stream(struct service_conn *c, FILE *in, size_t *count, struct err *e);

/* Writes every organisation with its opportunities to out, in the batch format. */
int service_export_stream(struct service_conn *c, FILE *out, struct err *e);

/* Copies the whole database to path (SQLite's online backup). */
int service_backup(struct service_conn *c, const char *path, struct err *e);

/*
 * Accounts from the command line, each in one transaction with its audit
 * row ("liaison user ...", by the command line). hash: a password hash of
 * auth_password_hash.
 *
 * service_operator_account_add: a new account for email, linked to the
 * person that person names (id or ref; NULL for none: ERR_NOT_FOUND naming
 * "--person"), an admin when admin is 1; *id gets its id.
 */
int service_operator_account_add(struct service_conn *c, const char *email, const char *hash,
				 const char *person, int admin, int64_t *id, struct err *e);

/* A new password for the account of email; its sessions and reset codes end. */
int service_operator_password(struct service_conn *c, const char *email, const char *hash,
			      struct err *e);

/*
 * Grants (grant 1) or withdraws a role: role "admin" (scope NULL),
 * "organiser" (an event's id or ref, or "challenge:N"), "representative"
 * (an organisation's id or ref), "jury" ("challenge:N" or N). Errors name
 * "ROLE", "SCOPE" or "email".
 */
int service_operator_role(struct service_conn *c, const char *email, const char *role,
			  const char *scope, int grant, struct err *e);

#endif
