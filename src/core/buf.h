/*
 * buf.h - a growable byte buffer with a mandatory size cap.
 *
 * The cap is the input limit: appending past it fails with ERR_TOO_LARGE and
 * leaves the buffer as it was. data is always NUL-terminated once anything
 * has been appended, and is NULL before that.
 */
#ifndef LIAISON_CORE_BUF_H
#define LIAISON_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max; /* the most bytes len may reach */
};

/* Sets up an empty buffer that may hold at most max bytes. No allocation. */
void buf_init(struct buf *b, size_t max);

/* Frees the contents; the buffer can be used again after buf_init. */
void buf_release(struct buf *b);

/* Empties the buffer, keeping its memory. */
void buf_reset(struct buf *b);

/* Appends len bytes; returns 0 or ERR_TOO_LARGE. */
int buf_append(struct buf *b, const void *data, size_t len);

/* Appends a NUL-terminated string; returns 0 or ERR_TOO_LARGE. */
int buf_puts(struct buf *b, const char *s);

/* Appends formatted text; returns 0 or ERR_TOO_LARGE. */
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Takes the contents out (caller frees; may be NULL if empty), resets b. */
char *buf_detach(struct buf *b, size_t *len);

#endif
