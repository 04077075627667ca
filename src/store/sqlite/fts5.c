/*
 * fts5.c - the "liaison" FTS5 tokenizer of the SQLite driver: FTS5 calls
 * it for the search tables of the migrations, and it hands the text to the
 * tokenizer that src/store registered (db_set_tokenizer: the project's own
 * analyser, so that the index folds case and accents and indexes CJK text
 * as bigrams).
 */
#include "store/sqlite/sqlite_int.h"

#include "core/xalloc.h"
#include "text/text.h"

#include <stdlib.h>

struct fts_call {
	void *ctx;
	int (*token)(void *ctx, int flags, const char *tok, int len, int start, int end);
};

static int fts_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	(void)argv;
	(void)argc;
	*out = (Fts5Tokenizer *)ctx; /* the connection: it has no other settings */
	return SQLITE_OK;
}

static void fts_delete(Fts5Tokenizer *t)
{
	(void)t;
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
	struct db *db = (struct db *)t;
	struct fts_call c = {ctx, token};
	int rc;

	if (len <= 0 || !SQ(db)->tok)
		return SQLITE_OK;
	rc = SQ(db)->tok->tokenize(SQ(db)->tok->arg, (flags & FTS5_TOKENIZE_QUERY) != 0, text, (size_t)len,
			       fts_emit, &c);
	if (rc < 0)
		return SQLITE_ERROR; /* ICU failed (an err_code) */
	return rc;
}

static fts5_api *fts_api(sqlite3 *h)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v3(h, "SELECT fts5(?1)", -1, 0, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	(void)sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

int sq_set_tokenizer(struct db *db, const struct db_tokenizer *t, struct err *e)
{
	static fts5_tokenizer tok = {fts_create, fts_delete, fts_tokenize};
	fts5_api *api = fts_api(SQ(db)->h);

	if (!api || api->iVersion < 2)
		return err_set(e, ERR_INTERNAL, NULL, "SQLite has no FTS5");
	SQ(db)->tok = t;
	if (api->xCreateTokenizer(api, "liaison", db, &tok, NULL) != SQLITE_OK)
		return db_sqlite_err(db, sqlite3_errcode(SQ(db)->h), e);
	return 0;
}
