/*
 * pretok.c - texts tokenised ahead of time by another thread, for the FTS5
 * tokenizer to replay.
 *
 * The streaming import parses records on a reader thread, which also
 * tokenises the texts each record will give the FTS tables (the same calls
 * of text_tokenize, in index mode) and keeps the tokens here, keyed by the
 * text itself. When FTS5 asks the "liaison" tokenizer for a text it finds
 * here (same length, hash and bytes), the tokens are replayed instead of
 * computed; any other text is tokenised as usual, so a miss costs time,
 * never correctness. Entries carry the index of their record and are
 * dropped once the writer is past it, which bounds the memory.
 */
#include "store/store_int.h"

#include "core/xalloc.h"
#include "text/text.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define PRETOK_BUCKETS 4096

struct pretok_token {
	int flags;
	size_t off, len; /* in bytes */
	size_t start, end;
};

struct pretok_entry {
	struct pretok_entry *next; /* in its bucket */
	uint64_t hash;
	size_t index; /* of the record */
	size_t len;
	char *text;
	struct pretok_token *tok;
	size_t ntok, captok;
	struct buf bytes;
};

struct store_pretok {
	pthread_mutex_t mu;
	struct pretok_entry *bucket[PRETOK_BUCKETS];
};

static uint64_t pretok_hash(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h ^ len;
}

static void entry_free(struct pretok_entry *x)
{
	free(x->text);
	free(x->tok);
	buf_release(&x->bytes);
	free(x);
}

struct store_pretok *store_pretok_new(void)
{
	struct store_pretok *p = xcalloc(1, sizeof(*p));

	pthread_mutex_init(&p->mu, NULL);
	return p;
}

void store_pretok_free(struct store_pretok *p)
{
	if (!p)
		return;
	store_pretok_drop(p, (size_t)-1);
	pthread_mutex_destroy(&p->mu);
	free(p);
}

static int collect(void *ctx, int flags, const char *token, size_t len, size_t start,
		   size_t end)
{
	struct pretok_entry *x = ctx;

	if (x->ntok == x->captok) {
		x->captok = x->captok ? 2 * x->captok : 64;
		x->tok = xreallocarray(x->tok, x->captok, sizeof(*x->tok));
	}
	x->tok[x->ntok] = (struct pretok_token){flags, x->bytes.len, len, start, end};
	if (buf_append(&x->bytes, token, len))
		return ERR_TOO_LARGE;
	x->ntok++;
	return 0;
}

void store_pretok_add(struct store_pretok *p, const char *text, size_t len, size_t index)
{
	struct pretok_entry *x;
	size_t b;

	if (!p || !text || len == 0)
		return;
	x = xcalloc(1, sizeof(*x));
	buf_init(&x->bytes, (size_t)1 << 30);
	if (text_tokenize(text, len, TEXT_MODE_INDEX, collect, x) != 0) {
		entry_free(x); /* the writer will tokenise it itself */
		return;
	}
	x->hash = pretok_hash(text, len);
	x->index = index;
	x->len = len;
	x->text = xstrndup(text, len);
	b = x->hash % PRETOK_BUCKETS;
	pthread_mutex_lock(&p->mu);
	x->next = p->bucket[b];
	p->bucket[b] = x;
	pthread_mutex_unlock(&p->mu);
}

/* Takes the entry of text out of p (the caller frees it), or NULL. */
static struct pretok_entry *pretok_take(struct store_pretok *p, const char *text, size_t len)
{
	uint64_t h = pretok_hash(text, len);
	struct pretok_entry **at, *x = NULL;

	pthread_mutex_lock(&p->mu);
	for (at = &p->bucket[h % PRETOK_BUCKETS]; *at; at = &(*at)->next) {
		if ((*at)->hash == h && (*at)->len == len && memcmp((*at)->text, text, len) == 0) {
			x = *at;
			*at = x->next;
			break;
		}
	}
	pthread_mutex_unlock(&p->mu);
	return x;
}

int store_pretok_replay(struct store_pretok *p, const char *text, size_t len,
			text_token_cb cb, void *ctx, int *rc)
{
	struct pretok_entry *x = pretok_take(p, text, len);

	if (!x)
		return 0;
	*rc = 0;
	for (size_t i = 0; i < x->ntok && *rc == 0; i++) {
		const struct pretok_token *t = &x->tok[i];

		*rc = cb(ctx, t->flags, x->bytes.data + t->off, t->len, t->start, t->end);
	}
	entry_free(x);
	return 1;
}

void store_pretok_drop(struct store_pretok *p, size_t upto)
{
	pthread_mutex_lock(&p->mu);
	for (size_t b = 0; b < PRETOK_BUCKETS; b++) {
		struct pretok_entry **at = &p->bucket[b];

		while (*at) {
			struct pretok_entry *x = *at;

			if (x->index <= upto) {
				*at = x->next;
				entry_free(x);
			} else {
				at = &x->next;
			}
		}
	}
	pthread_mutex_unlock(&p->mu);
}
