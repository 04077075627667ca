/*
 * fts.c - the tokenizer of the "liaison" search index (text_tokenize from
 * src/text, so the index folds case and accents and indexes CJK text as
 * bigrams; the driver calls it), and the translation of a user's q into a
 * MATCH expression that FTS5 cannot misread: each token becomes a
 * double-quoted string, joined by AND.
 */
#include "store/store_int.h"

#include "core/xalloc.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

/*
 * The tokenizer of the search index (db.h): texts that a streaming import
 * tokenised ahead are replayed, the others go through text_tokenize.
 */
static int fts_tokenize(void *arg, int query, const char *text, size_t len, db_token_fn emit,
			void *ctx)
{
	struct store *s = arg;
	int rc;

	if (!query && s->pretok && store_pretok_replay(s->pretok, text, len, emit, ctx, &rc))
		return rc;
	return text_tokenize(text, len, query ? TEXT_MODE_QUERY : TEXT_MODE_INDEX, emit, ctx);
}

int store_fts_register(struct store *s, struct err *e)
{
	s->tokenizer.tokenize = fts_tokenize;
	s->tokenizer.arg = s;
	return db_set_tokenizer(s->db, &s->tokenizer, e);
}

/* ---- q -> MATCH ------------------------------------------------------------ */

struct fts_query {
	struct buf *out;
	int pg;    /* a tsquery ('a' & ('b' | 'c')), not an FTS5 expression */
	int terms;
	int group_open; /* a "(a OR b" group of colocated tokens is open */
	size_t last_at; /* where the last term starts in out */
};

/* A lexeme of a tsvector or a tsquery: 'tok', with ' and \ doubled or escaped. */
static int quote_lexeme(struct buf *out, const char *tok, size_t len)
{
	int rc = buf_puts(out, "'");

	for (size_t i = 0; rc == 0 && i < len; i++)
		rc = tok[i] == '\'' ? buf_puts(out, "''")
		     : tok[i] == '\\' ? buf_puts(out, "\\\\")
					: buf_append(out, tok + i, 1);
	return rc ? rc : buf_puts(out, "'");
}

static int quote_token(struct buf *out, const char *tok, size_t len)
{
	int rc = buf_puts(out, "\"");

	for (size_t i = 0; rc == 0 && i < len; i++)
		rc = tok[i] == '"' ? buf_puts(out, "\"\"") : buf_append(out, tok + i, 1);
	return rc ? rc : buf_puts(out, "\"");
}

static int query_token(void *ctx, int flags, const char *tok, size_t len, size_t start,
		       size_t end)
{
	struct fts_query *q = ctx;
	int rc = 0;

	(void)start;
	(void)end;
	if (len == 0)
		return 0;
	if ((flags & TEXT_TOKEN_COLOCATED) && q->terms > 0) {
		/* an alternative form of the previous token: (prev OR this) */
		if (!q->group_open) {
			/* reopen the last term as a group */
			size_t at = q->last_at;
			char *copy = xstrndup(q->out->data + at, q->out->len - at);

			q->out->len = at;
			rc = buf_printf(q->out, "(%s", copy);
			free(copy);
			q->group_open = 1;
		}
		if (rc == 0)
			rc = buf_puts(q->out, q->pg ? " | " : " OR ");
		if (rc)
			return rc;
		return q->pg ? quote_lexeme(q->out, tok, len) : quote_token(q->out, tok, len);
	}
	if (q->group_open) {
		rc = buf_puts(q->out, ")");
		q->group_open = 0;
	}
	if (rc == 0 && q->terms > 0)
		rc = buf_puts(q->out, q->pg ? " & " : " AND ");
	q->terms++;
	q->last_at = q->out->len;
	if (rc)
		return rc;
	return q->pg ? quote_lexeme(q->out, tok, len) : quote_token(q->out, tok, len);
}

int store_fts_query(const char *q, const char *field, int pg, struct buf *out, struct err *e)
{
	struct fts_query fq = {out, pg, 0, 0, 0};
	int rc;

	buf_reset(out);
	rc = buf_puts(out, "");
	if (rc == 0)
		rc = text_tokenize(q, strlen(q), TEXT_MODE_QUERY, query_token, &fq);
	if (rc == 0 && fq.group_open)
		rc = buf_puts(out, ")");
	if (rc == ERR_TOO_LARGE)
		return err_set(e, ERR_BAD_REQUEST, field, "is too long");
	if (rc)
		return err_set(e, ERR_INTERNAL, field, "cannot analyse the search text");
	if (fq.terms == 0)
		return err_set(e, ERR_BAD_REQUEST, field, "has no word to search for");
	return 0;
}

/* ---- tsvector (PostgreSQL) ---------------------------------------------------- */

static int lexeme_token(void *ctx, int flags, const char *tok, size_t len, size_t start,
			size_t end)
{
	struct buf *out = ctx;
	int rc;

	(void)flags;
	(void)start;
	(void)end;
	if (len == 0 || len > 1000)
		return 0; /* not a word: FTS5 drops them too */
	rc = buf_puts(out, " ");
	return rc ? rc : quote_lexeme(out, tok, len);
}

int store_fts_lexemes(struct store *s, const char *text, size_t len, struct buf *out)
{
	if (len == 0)
		return 0;
	return fts_tokenize(s, 0, text, len, lexeme_token, out);
}
