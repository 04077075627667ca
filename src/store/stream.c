/*
 * stream.c - import and export of the batch format through a FILE, one
 * organisation at a time, so that memory stays small whatever the size of
 * the file (100,000 organisations are ~160 MB of JSON, several times that
 * as a jansson tree).
 *
 * The reader scans the outer {"organisations": [ ... ]} itself and hands
 * each element's text to jansson; an element's JSON errors are reported
 * with the line of the file they are on.
 *
 * Import is a pipeline on two threads: a reader parses the records and
 * tokenises their texts ahead (pretok.c), the writer validates and stores
 * them in file order, its FTS tokenizer replaying the tokens. The first
 * error in file order wins, whichever thread found it.
 */
#include "store/store_int.h"

#include "core/jsonx.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RECORD_MAX (16u << 20) /* one organisation's JSON text */

struct scan {
	FILE *f;
	char buf[65536];
	size_t pos, len;
	size_t line;     /* of the next character, from 1 */
	int err;         /* a read error happened */
};

static int sc_peek(struct scan *sc)
{
	if (sc->pos == sc->len) {
		sc->len = fread(sc->buf, 1, sizeof(sc->buf), sc->f);
		sc->pos = 0;
		if (sc->len == 0) {
			sc->err = ferror(sc->f);
			return -1;
		}
	}
	return (unsigned char)sc->buf[sc->pos];
}

static int sc_get(struct scan *sc)
{
	int c = sc_peek(sc);

	if (c >= 0) {
		sc->pos++;
		if (c == '\n')
			sc->line++;
	}
	return c;
}

static int sc_ws(struct scan *sc)
{
	int c;

	while ((c = sc_peek(sc)) == ' ' || c == '\t' || c == '\n' || c == '\r')
		sc_get(sc);
	return c;
}

static int sc_bad(struct scan *sc, const char *what, struct err *e)
{
	if (sc->err)
		return err_set(e, ERR_IO, NULL, "cannot read the batch: %s", strerror(errno));
	return err_set(e, ERR_BAD_REQUEST, NULL, "invalid JSON at line %zu: %s", sc->line, what);
}

/* Copies one JSON string (the opening quote is next) into out. */
static int sc_string(struct scan *sc, struct buf *out)
{
	int c = sc_get(sc);
	char ch;

	do {
		ch = (char)c;
		if (buf_append(out, &ch, 1))
			return ERR_TOO_LARGE;
		if (c == '\\') {
			c = sc_get(sc);
			if (c < 0)
				return -1;
			ch = (char)c;
			if (buf_append(out, &ch, 1))
				return ERR_TOO_LARGE;
		}
		c = sc_get(sc);
	} while (c >= 0 && c != '"');
	if (c < 0)
		return -1;
	return buf_append(out, "\"", 1) ? ERR_TOO_LARGE : 0;
}

/* Where a value's scan is: inside a string, after a backslash, nesting. */
struct value_state {
	int depth;
	int in_string;
	int escaped;
	int started;
};

/*
 * Advances over buf[from..len) until the value ends; returns the index just
 * after its last byte, or len when it goes on.
 */
static size_t value_span(struct value_state *v, const char *buf, size_t from, size_t len)
{
	for (size_t i = from; i < len; i++) {
		char c = buf[i];

		if (v->in_string) {
			if (v->escaped)
				v->escaped = 0;
			else if (c == '\\')
				v->escaped = 1;
			else if (c == '"' && (v->in_string = 0, v->depth == 0))
				return i + 1;
			continue;
		}
		if (v->started && v->depth == 0 && strchr(",]} \t\r\n", c))
			return i; /* the end of a number or literal */
		v->started = 1;
		if (c == '"')
			v->in_string = 1;
		else if (c == '{' || c == '[')
			v->depth++;
		else if ((c == '}' || c == ']') && --v->depth <= 0)
			return i + 1;
	}
	return len;
}

/*
 * Copies one JSON value's text into out, a run of bytes at a time:
 * brackets are counted outside strings, jansson checks the rest. Returns 0,
 * -1 at a premature end, or ERR_TOO_LARGE.
 */
static int sc_value(struct scan *sc, struct buf *out)
{
	struct value_state v = {0, 0, 0, 0};

	buf_reset(out);
	for (;;) {
		size_t from = sc->pos, to;

		if (sc_peek(sc) < 0)
			return v.started && v.depth == 0 && !v.in_string ? 0 : -1;
		from = sc->pos;
		to = value_span(&v, sc->buf, from, sc->len);
		for (size_t i = from; i < to; i++)
			sc->line += sc->buf[i] == '\n';
		if (buf_append(out, sc->buf + from, to - from))
			return ERR_TOO_LARGE;
		sc->pos = to;
		if (to < sc->len)
			return 0;
	}
}

static int parse_record(struct buf *text, size_t index, size_t line, json_t **rec,
			struct err *e)
{
	char field[48];
	json_error_t je;

	snprintf(field, sizeof(field), "organisations[%zu]", index);
	*rec = json_loadb(text->data ? text->data : "", text->len,
			  JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
	if (!*rec)
		return err_set(e, ERR_BAD_REQUEST, field, "invalid JSON at line %zu: %s",
			       line + (size_t)(je.line > 0 ? je.line - 1 : 0), je.text);
	return 0;
}

/* Receives each parsed record (and owns it). */
typedef int (*record_fn)(void *ctx, json_t *rec, size_t index, struct err *e);

/* The elements of the "organisations" array ('[' is next). */
static int read_orgs(struct scan *sc, record_fn fn, void *ctx, struct buf *text,
		     struct err *e)
{
	size_t index = 0;
	int c, rc;

	sc_get(sc);
	if (sc_ws(sc) == ']') {
		sc_get(sc);
		return 0;
	}
	for (;;) {
		size_t line = (sc_ws(sc), sc->line);
		json_t *rec;

		rc = sc_value(sc, text);
		if (rc == ERR_TOO_LARGE)
			return err_set(e, ERR_TOO_LARGE, NULL,
				       "organisations[%zu] is larger than %u bytes", index, RECORD_MAX);
		if (rc)
			return sc_bad(sc, "the batch ends too early", e);
		rc = parse_record(text, index, line, &rec, e);
		if (rc == 0)
			rc = fn(ctx, rec, index, e);
		if (rc)
			return rc;
		index++;
		c = sc_ws(sc);
		sc_get(sc);
		if (c == ']')
			return 0;
		if (c != ',')
			return sc_bad(sc, "expected , or ] after an organisation", e);
	}
}

/* The member name ('"' is next), decoded. */
static int read_key(struct scan *sc, struct buf *text, char *key, size_t n, struct err *e)
{
	json_t *v;

	buf_reset(text);
	if (sc_string(sc, text))
		return sc_bad(sc, "unterminated member name", e);
	v = json_loadb(text->data, text->len, JSON_DECODE_ANY, NULL);
	if (!json_is_string(v)) {
		json_decref(v);
		return sc_bad(sc, "invalid member name", e);
	}
	snprintf(key, n, "%s", json_string_value(v));
	json_decref(v);
	return 0;
}

static int read_batch(struct scan *sc, record_fn fn, void *ctx, struct buf *text,
		      struct err *e)
{
	char key[128];
	int seen = 0;
	int c, rc;

	if (sc_ws(sc) != '{')
		return err_set(e, ERR_INVALID, "",
			       "a batch must be an object {\"organisations\": [...]}");
	sc_get(sc);
	c = sc_ws(sc);
	while (c == '"') {
		rc = read_key(sc, text, key, sizeof(key), e);
		if (rc)
			return rc;
		if (strcmp(key, "organisations") != 0)
			return err_set(e, ERR_INVALID, key,
				       "is not a field of a batch (only organisations)");
		if (seen++)
			return sc_bad(sc, "organisations appears twice", e);
		if (sc_ws(sc) != ':' || (sc_get(sc), sc_ws(sc)) != '[')
			return err_set(e, ERR_INVALID, "organisations", "must be an array");
		rc = read_orgs(sc, fn, ctx, text, e);
		if (rc)
			return rc;
		c = sc_ws(sc);
		if (c == ',' && (sc_get(sc), sc_ws(sc)) == '"')
			c = '"';
	}
	if (c != '}')
		return sc_bad(sc, "expected a member name or }", e);
	sc_get(sc);
	if (sc_ws(sc) >= 0)
		return sc_bad(sc, "text after the batch", e);
	if (sc->err)
		return sc_bad(sc, "", e);
	if (!seen)
		return err_set(e, ERR_INVALID, "organisations", "is required");
	return 0;
}

/* ---- the pipeline: a reader thread parses and tokenises ahead ---------------- */

#define PIPE_DEPTH 64   /* records parsed ahead of the writer */
#define PIPE_DROP 256   /* the writer frees old pre-tokenised texts this often */

struct pipe_item {
	json_t *rec;
	size_t index;
};

struct pipe {
	pthread_mutex_t mu;
	pthread_cond_t changed;
	struct pipe_item q[PIPE_DEPTH];
	size_t head, n;
	int done, stop; /* the reader finished; the writer failed */
	int rc;         /* the reader's result, with e */
	struct err e;
	struct scan sc;
	struct buf text;
	struct store_pretok *pt;
};

static void pretok_join(struct store_pretok *pt, const json_t *arr, size_t index)
{
	struct buf b;
	size_t i;
	json_t *v;

	buf_init(&b, RECORD_MAX);
	json_array_foreach(arr, i, v) {
		if (!json_is_string(v) || (i && buf_puts(&b, " ")) ||
		    buf_puts(&b, json_string_value(v))) {
			buf_release(&b);
			return;
		}
	}
	store_pretok_add(pt, b.data, b.len, index);
	buf_release(&b);
}

static void pretok_str(struct store_pretok *pt, const json_t *v, size_t index)
{
	if (json_is_string(v))
		store_pretok_add(pt, json_string_value(v), json_string_length(v), index);
}

/*
 * Tokenises the texts a record gives the organisation FTS table (those of
 * the organisation_search view: pillar industries and interests joined by
 * a space, its opportunities as "title description" joined by a space).
 * The opportunities' own rows are left to the writer: the reader also
 * parses, and this shares the work about evenly between the two threads.
 */
static void pretok_record(struct store_pretok *pt, const json_t *rec, size_t index)
{
	const json_t *opps = json_object_get(rec, "opportunities");
	struct buf all;
	size_t i;
	json_t *o;

	pretok_str(pt, json_object_get(rec, "name"), index);
	pretok_str(pt, json_object_get(rec, "description"), index);
	pretok_str(pt, json_object_get(rec, "city"), index);
	pretok_join(pt, json_object_get(rec, "pillar_industries"), index);
	pretok_join(pt, json_object_get(rec, "interests"), index);
	buf_init(&all, RECORD_MAX);
	json_array_foreach(opps, i, o) {
		const char *title = jsonx_str(o, "title");
		const char *desc = jsonx_str(o, "description");

		(void)buf_printf(&all, "%s%s %s", i ? " " : "", title ? title : "", desc ? desc : "");
	}
	if (json_array_size(opps))
		store_pretok_add(pt, all.data, all.len, index);
	buf_release(&all);
}

static int pipe_push(void *ctx, json_t *rec, size_t index, struct err *e)
{
	struct pipe *p = ctx;

	pretok_record(p->pt, rec, index);
	pthread_mutex_lock(&p->mu);
	while (p->n == PIPE_DEPTH && !p->stop)
		pthread_cond_wait(&p->changed, &p->mu);
	if (p->stop) {
		pthread_mutex_unlock(&p->mu);
		json_decref(rec);
		return err_set(e, ERR_INTERNAL, NULL, "stopped");
	}
	p->q[(p->head + p->n) % PIPE_DEPTH] = (struct pipe_item){rec, index};
	p->n++;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->mu);
	return 0;
}

static void *pipe_reader(void *arg)
{
	struct pipe *p = arg;
	struct err e;
	int rc;

	err_clear(&e);
	rc = read_batch(&p->sc, pipe_push, p, &p->text, &e);
	pthread_mutex_lock(&p->mu);
	p->done = 1;
	p->rc = rc;
	p->e = e;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* The next record in file order: 1, or 0 once the reader is done. */
static int pipe_pop(struct pipe *p, struct pipe_item *it)
{
	int got = 0;

	pthread_mutex_lock(&p->mu);
	while (p->n == 0 && !p->done)
		pthread_cond_wait(&p->changed, &p->mu);
	if (p->n) {
		*it = p->q[p->head];
		p->head = (p->head + 1) % PIPE_DEPTH;
		p->n--;
		got = 1;
		pthread_cond_broadcast(&p->changed);
	}
	pthread_mutex_unlock(&p->mu);
	return got;
}

static void pipe_stop(struct pipe *p)
{
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->mu);
}

/* The writer: imports the records in file order; stops the reader on error. */
static int pipe_write(struct pipe *p, struct store_importer *imp, struct err *e)
{
	struct pipe_item it;
	int rc = 0;

	while (pipe_pop(p, &it)) {
		if (rc == 0) {
			rc = store_importer_add(imp, it.rec, it.index, e);
			if (rc)
				pipe_stop(p);
		}
		json_decref(it.rec);
		if (it.index % PIPE_DROP == PIPE_DROP - 1)
			store_pretok_drop(p->pt, it.index);
	}
	if (rc == 0 && p->rc) {
		rc = p->rc;
		if (e)
			*e = p->e;
	}
	return rc;
}

static int import_piped(struct store *s, struct pipe *p, struct store_importer *imp,
			struct err *e)
{
	pthread_t reader;
	int rc;

	if (pthread_create(&reader, NULL, pipe_reader, p) != 0)
		return read_batch(&p->sc, store_importer_add_owned, imp, &p->text, e);
	s->pretok = p->pt;
	rc = pipe_write(p, imp, e);
	pthread_join(reader, NULL);
	s->pretok = NULL;
	return rc;
}

int store_import_stream(struct store *s, FILE *in, size_t *count, struct err *e)
{
	struct store_importer *imp;
	struct pipe *p = calloc(1, sizeof(*p));
	int rc;

	if (count)
		*count = 0;
	if (!p)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->changed, NULL);
	p->sc.f = in;
	p->sc.line = 1;
	p->pt = store_pretok_new();
	buf_init(&p->text, RECORD_MAX);
	rc = store_importer_begin(s, &imp, e);
	if (rc == 0)
		rc = store_importer_end(imp, import_piped(s, p, imp, e), count, e);
	buf_release(&p->text);
	store_pretok_free(p->pt);
	pthread_cond_destroy(&p->changed);
	pthread_mutex_destroy(&p->mu);
	free(p);
	return rc;
}

/* ---- export --------------------------------------------------------------- */

static int put(FILE *out, const char *text, struct err *e)
{
	if (fputs(text, out) == EOF)
		return err_set(e, ERR_IO, NULL, "cannot write the export: %s", strerror(errno));
	return 0;
}

static int write_org(void *ctx, json_t *org, size_t index, struct err *e)
{
	FILE *out = ctx;
	char *text = jsonx_dump(org, 0, NULL);
	int rc = put(out, index ? ",\n" : "\n", e);

	if (rc == 0)
		rc = put(out, text, e);
	free(text);
	return rc;
}

int store_export_stream(struct store *s, FILE *out, struct err *e)
{
	int rc = put(out, "{\"organisations\": [", e);

	if (rc == 0)
		rc = store_export_each(s, write_org, out, e);
	if (rc == 0)
		rc = put(out, "\n]}\n", e);
	if (rc == 0 && fflush(out) != 0)
		rc = err_set(e, ERR_IO, NULL, "cannot write the export: %s", strerror(errno));
	return rc;
}
