/*
 * intern.h - a string interner: byte strings <-> dense ids 0, 1, 2, ...
 *
 * The dictionaries of text analysis and matching (thesaurus phrases, stop
 * words, index terms, organisation ids) are all "give this string a number
 * and find it again". Ids are handed out in insertion order, so a table
 * filled in the same order always gives the same ids. Strings are copied;
 * lookups of a finished table are read-only and may run in many threads.
 */
#ifndef LIAISON_TEXT_INTERN_H
#define LIAISON_TEXT_INTERN_H

#include <stddef.h>
#include <stdint.h>

struct text_intern {
	uint32_t *slots; /* nslots entries: id + 1, 0 when empty */
	size_t nslots;	 /* a power of two, or 0 before the first add */
	uint64_t *hash;	 /* per id */
	size_t *off;	 /* per id: offset of its string in pool */
	uint32_t *len;	 /* per id */
	size_t n, cap;
	char *pool; /* the strings, each followed by a NUL */
	size_t pool_len, pool_cap;
};

/* Sets up an empty table (no allocation). */
void text_intern_init(struct text_intern *t);

/* Frees the contents; t can be used again after text_intern_init. */
void text_intern_release(struct text_intern *t);

/*
 * The id of s[0..len), adding it when new (*added = 1, else 0; added may
 * be NULL). Ids are below 2^32 - 1.
 */
uint32_t text_intern_add(struct text_intern *t, const char *s, size_t len, int *added);

/* The id of s[0..len), or -1 when absent. */
int64_t text_intern_find(const struct text_intern *t, const char *s, size_t len);

/*
 * Like text_intern_find with the string's hash computed beforehand with
 * text_hash (saves hashing twice when the caller needs the hash anyway).
 */
int64_t text_intern_find_hashed(const struct text_intern *t, const char *s, size_t len, uint64_t h);

/*
 * The string of id (NUL-terminated; *len gets its length, len may be NULL).
 * Valid until the next text_intern_add.
 */
const char *text_intern_str(const struct text_intern *t, uint32_t id, size_t *len);

/* The number of strings. */
size_t text_intern_count(const struct text_intern *t);

/* A 64-bit hash of s[0..len) (the one the table uses). */
uint64_t text_hash(const char *s, size_t len);

#endif
