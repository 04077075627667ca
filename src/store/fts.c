/*
 * fts.c - the "liaison" FTS5 tokenizer (text_tokenize from src/text, so
 * the index folds case and accents and indexes CJK text as bigrams), and
 * the translation of a user's q into a MATCH expression that FTS5 cannot
 * misread: each token becomes a double-quoted string, joined by AND.
 */
#include "store/store_int.h"

#include "core/xalloc.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

/* The tokenizer has no settings; it knows its connection (pre-tokenised texts). */
struct fts_tok {
	struct store *s;
};

struct fts_call {
	void *ctx;
	int (*token)(void *ctx, int flags, const char *tok, int len, int start, int end);
};

static int fts_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	struct fts_tok *t = xcalloc(1, sizeof(*t));

	(void)argv;
	(void)argc;
	t->s = ctx;
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void fts_delete(Fts5Tokenizer *t)
{
	free(t);
}

static int fts_emit(void *ctx, int flags, const char *token, size_t len, size_t start,
		    size_t end)
{
	struct fts_call *c = ctx;
	int tflags = (flags & TEXT_TOKEN_COLOCATED) ? FTS5_TOKEN_COLOCATED : 0;

	if (len > 1000)
		return SQLITE_OK; /* not a word: FTS5 limits terms anyway */
	return c->token(c->ctx, tflags, token, (int)len, (int)start, (int)end);
}

static int fts_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
			int (*token)(void *, int, const char *, int, int, int))
{
	struct fts_call c = {ctx, token};
	enum text_mode mode = (flags & FTS5_TOKENIZE_QUERY) ? TEXT_MODE_QUERY : TEXT_MODE_INDEX;
	int rc;

	if (len <= 0)
		return SQLITE_OK;
	if (mode == TEXT_MODE_INDEX && ((struct fts_tok *)t)->s->pretok &&
	    store_pretok_replay(((struct fts_tok *)t)->s->pretok, text, (size_t)len, fts_emit, &c,
				&rc))
		return rc < 0 ? SQLITE_ERROR : rc;
	rc = text_tokenize(text, (size_t)len, mode, fts_emit, &c);
	if (rc < 0)
		return SQLITE_ERROR; /* ICU failed (an err_code) */
	return rc;
}

static fts5_api *fts_api(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v3(db, "SELECT fts5(?1)", -1, 0, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	(void)sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

int store_fts_register(struct store *s, struct err *e)
{
	static fts5_tokenizer tok = {fts_create, fts_delete, fts_tokenize};
	fts5_api *api = fts_api(s->db);

	if (!api || api->iVersion < 2)
		return err_set(e, ERR_INTERNAL, NULL, "SQLite has no FTS5");
	if (api->xCreateTokenizer(api, "liaison", s, &tok, NULL) != SQLITE_OK)
		return store_sqlerr(s, sqlite3_errcode(s->db), e);
	return 0;
}

/* ---- q -> MATCH ------------------------------------------------------------ */

struct fts_query {
	struct buf *out;
	int terms;
	int group_open; /* a "(a OR b" group of colocated tokens is open */
	size_t last_at; /* where the last term starts in out */
};

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
			rc = buf_puts(q->out, " OR ");
		return rc ? rc : quote_token(q->out, tok, len);
	}
	if (q->group_open) {
		rc = buf_puts(q->out, ")");
		q->group_open = 0;
	}
	if (rc == 0 && q->terms > 0)
		rc = buf_puts(q->out, " AND ");
	q->terms++;
	q->last_at = q->out->len;
	return rc ? rc : quote_token(q->out, tok, len);
}

int store_fts_query(const char *q, const char *field, struct buf *out, struct err *e)
{
	struct fts_query fq = {out, 0, 0, 0};
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
