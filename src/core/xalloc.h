/*
 * xalloc.h - allocation that never returns NULL.
 *
 * Out of memory is not an error liaison recovers from: these abort with a
 * message instead, so callers need no NULL checks.
 */
#ifndef LIAISON_CORE_XALLOC_H
#define LIAISON_CORE_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grows an array of nmemb elements of size bytes, checking for overflow. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
