/*
 * err.h - one error vocabulary for the whole program.
 *
 * Fallible functions return 0 or a negative enum err_code, and fill an
 * optional struct err (it may be NULL) with the field at fault and a
 * readable message. One table (err_http_status) maps codes to HTTP status.
 */
#ifndef LIAISON_CORE_ERR_H
#define LIAISON_CORE_ERR_H

#include <stddef.h>

enum err_code {
	ERR_OK = 0,
	ERR_BAD_REQUEST = -1, /* malformed input: bad JSON, bad UTF-8 (400) */
	ERR_INVALID = -2,     /* well-formed but a field is wrong (422) */
	ERR_NOT_FOUND = -3,   /* no such resource (404) */
	ERR_CONFLICT = -4,    /* clashes with stored state (409) */
	ERR_TOO_LARGE = -5,   /* over a size limit (413) */
	ERR_IO = -6,          /* file or database I/O failed (500) */
	ERR_INTERNAL = -7,    /* a bug or an unexpected library failure (500) */
	ERR_BUSY = -8,        /* database locked for too long (503) */
	ERR_UNAUTHORIZED = -9, /* not signed in, or bad credentials (401) */
	ERR_FORBIDDEN = -10,  /* signed in, but not allowed (403) */
	ERR_TOO_MANY = -11,   /* a rate limit reached (429) */
	ERR_NO_SPACE = -12,   /* the database's disk is full (507) */
	ERR_READONLY = -13,   /* the database cannot be written (503) */
	ERR_UNAVAILABLE = -14, /* the database cannot be opened or reached (503) */
};

struct err {
	int code;        /* an enum err_code, 0 when nothing happened */
	char field[128]; /* JSON path of the offending field, "" if none */
	char msg[384];   /* one line, no trailing newline */
};

/* Resets e (may be NULL). */
void err_clear(struct err *e);

/*
 * Records an error in e (may be NULL) and returns code, so that callers can
 * write `return err_set(e, ERR_INVALID, "name", "must not be empty");`.
 * field may be NULL. The message is truncated to fit.
 */
int err_set(struct err *e, int code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Prefixes e->field with prefix ("organisations[3]" + "name"). */
void err_prefix_field(struct err *e, const char *prefix);

/* A short constant name for code: "invalid", "not found", ... */
const char *err_strerror(int code);

/* The HTTP status for code (500 for unknown codes). */
int err_http_status(int code);

#endif
