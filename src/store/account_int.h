/*
 * account_int.h - helpers shared by the account files of src/store
 * (accounts.c, tokens.c, access.c, audit.c); not a public API.
 */
#ifndef LIAISON_STORE_ACCOUNT_INT_H
#define LIAISON_STORE_ACCOUNT_INT_H

#include "store/account.h"
#include "store/store_int.h"

/* SQL turning epoch seconds (column or parameter x) into RFC 3339 text. */
#define ACCT_RFC3339(x) "strftime('%Y-%m-%dT%H:%M:%SZ', " x ", 'unixepoch')"

/* One filter parameter of a list: its name and kind. */
enum acct_pkind {
	ACCT_P_TEXT,  /* any non-empty string */
	ACCT_P_EMAIL, /* an e-mail address */
	ACCT_P_ID,    /* a positive integer */
	ACCT_P_TIME,  /* RFC 3339, turned into epoch seconds */
	ACCT_P_ROLE,  /* a role name */
};

struct acct_param {
	const char *name;
	enum acct_pkind kind;
	const char *text; /* the value given, NULL when absent */
	int64_t n;        /* ACCT_P_ID, ACCT_P_TIME: the value */
};

/*
 * A page of a list, as store_list pages: ascending ids after the cursor
 * (the last id of the previous page in hexadecimal), limit 1-200 (50).
 */
struct acct_page {
	int64_t after;
	int limit;
};

/*
 * Parses params (a JSON object of strings, may be NULL) into pg and the
 * filters pp[0..n) with the errors of store_list (ERR_BAD_REQUEST naming
 * the parameter; an unknown one lists the known ones of list).
 */
int acct_page_parse(const json_t *params, const char *list, struct acct_param *pp, int n,
		    struct acct_page *pg, struct err *e);

/*
 * Runs st (prepared and bound by the caller, first column "id", at most
 * limit + 1 rows) and sets *out = {"items": [...], "next": cursor|null},
 * each item one row as acct_row_json makes it. Resets st.
 */
int acct_page_run(struct store *s, struct db_stmt *st, const struct acct_page *pg, json_t **out,
		  struct err *e);

/*
 * The current row of st as an object keyed by the column names: integers
 * and text as they are, NULL columns left out.
 */
json_t *acct_row_json(struct db_stmt *st);

/* Appends every row of sql (bound by fmt as store_exec) to arr as acct_row_json. */
int acct_rows(struct store *s, json_t *arr, struct err *e, const char *sql, const char *fmt,
	      ...);

/* *out = the array of acct_rows, read in one snapshot (NULL on failure). */
int acct_list(struct store *s, json_t **out, struct err *e, const char *sql, const char *fmt,
	      ...);

/* Checks an e-mail address given in field (required, at most 254 bytes). */
int acct_check_email(const char *email, const char *field, struct err *e);

/* Fills p (via left as it is) with account id's fields. ERR_UNAUTHORIZED when gone. */
int acct_principal_fill(struct store *s, int64_t id, struct auth_principal *p,
			struct err *e);

#endif
