/*
 * intern.c - open addressing (linear probing) over ids, with the hash of
 * every string kept so that growing never rehashes strings and probes
 * compare 64-bit hashes before bytes.
 */
#include "text/intern.h"

#include "core/xalloc.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

void text_intern_init(struct text_intern *t)
{
	memset(t, 0, sizeof(*t));
}

void text_intern_release(struct text_intern *t)
{
	free(t->slots);
	free(t->hash);
	free(t->off);
	free(t->len);
	free(t->pool);
	text_intern_init(t);
}

/* FNV-1a over 8-byte words, then a final avalanche (splitmix64's). */
uint64_t text_hash(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ len;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0x100000001b3ULL;
		h ^= h >> 29;
	}
	for (; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return h;
}

static int intern_equal(const struct text_intern *t, uint32_t id, const char *s, size_t len,
			uint64_t h)
{
	return t->hash[id] == h && t->len[id] == len && memcmp(t->pool + t->off[id], s, len) == 0;
}

int64_t text_intern_find_hashed(const struct text_intern *t, const char *s, size_t len, uint64_t h)
{
	size_t mask, i;

	if (t->nslots == 0)
		return -1;
	mask = t->nslots - 1;
	for (i = (size_t)h & mask; t->slots[i] != 0; i = (i + 1) & mask) {
		uint32_t id = t->slots[i] - 1;

		if (intern_equal(t, id, s, len, h))
			return id;
	}
	return -1;
}

int64_t text_intern_find(const struct text_intern *t, const char *s, size_t len)
{
	return text_intern_find_hashed(t, s, len, text_hash(s, len));
}

/* Doubles the slot array (load factor stays under 1/2). */
static void intern_grow_slots(struct text_intern *t)
{
	size_t n = t->nslots ? 2 * t->nslots : 64, mask = n - 1;

	free(t->slots);
	t->slots = xcalloc(n, sizeof(*t->slots));
	t->nslots = n;
	for (size_t id = 0; id < t->n; id++) {
		size_t i = (size_t)t->hash[id] & mask;

		while (t->slots[i] != 0)
			i = (i + 1) & mask;
		t->slots[i] = (uint32_t)id + 1;
	}
}

static void intern_store(struct text_intern *t, const char *s, size_t len, uint64_t h)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		t->hash = xreallocarray(t->hash, t->cap, sizeof(*t->hash));
		t->off = xreallocarray(t->off, t->cap, sizeof(*t->off));
		t->len = xreallocarray(t->len, t->cap, sizeof(*t->len));
	}
	if (t->pool_len + len + 1 > t->pool_cap) {
		size_t cap = t->pool_cap ? 2 * t->pool_cap : 1024;

		while (cap < t->pool_len + len + 1)
			cap *= 2;
		t->pool = xrealloc(t->pool, cap);
		t->pool_cap = cap;
	}
	memcpy(t->pool + t->pool_len, s, len);
	t->pool[t->pool_len + len] = '\0';
	t->hash[t->n] = h;
	t->off[t->n] = t->pool_len;
	t->len[t->n] = (uint32_t)len;
	t->pool_len += len + 1;
	t->n++;
}

uint32_t text_intern_add(struct text_intern *t, const char *s, size_t len, int *added)
{
	uint64_t h = text_hash(s, len);
	int64_t found = text_intern_find_hashed(t, s, len, h);
	size_t mask, i;

	if (added)
		*added = found < 0;
	if (found >= 0)
		return (uint32_t)found;
	assert(len < UINT32_MAX && t->n < UINT32_MAX - 1);
	intern_store(t, s, len, h);
	if (2 * t->n > t->nslots) {
		intern_grow_slots(t);
		return (uint32_t)(t->n - 1);
	}
	mask = t->nslots - 1;
	i = (size_t)h & mask;
	while (t->slots[i] != 0)
		i = (i + 1) & mask;
	t->slots[i] = (uint32_t)t->n;
	return (uint32_t)(t->n - 1);
}

const char *text_intern_str(const struct text_intern *t, uint32_t id, size_t *len)
{
	assert(id < t->n);
	if (len)
		*len = t->len[id];
	return t->pool + t->off[id];
}

size_t text_intern_count(const struct text_intern *t)
{
	return t->n;
}
