/*
 * parse.c - a received e-mail's sender, subject and text (mail.h), read
 * by GMime 3: the MIME tree, RFC 2047 encoded words, charsets and
 * transfer encodings are GMime's, never parsed here.
 */
#include "mail/mail.h"

#include "core/xalloc.h"

#include <gmime/gmime.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t gmime_once = PTHREAD_ONCE_INIT;

static void gmime_start(void)
{
	g_mime_init();
}

/* The decoded UTF-8 text of a leaf part, or NULL. */
static char *part_text(GMimeObject *obj)
{
	GMimeDataWrapper *w;
	GMimeStream *mem, *filtered;
	GMimeFilter *f;
	const char *charset;
	GByteArray *bytes;
	char *s;

	if (!GMIME_IS_PART(obj))
		return NULL;
	w = g_mime_part_get_content(GMIME_PART(obj));
	if (!w)
		return NULL;
	mem = g_mime_stream_mem_new();
	filtered = g_mime_stream_filter_new(mem);
	charset = g_mime_object_get_content_type_parameter(obj, "charset");
	if (charset && g_ascii_strcasecmp(charset, "utf-8") != 0) {
		f = g_mime_filter_charset_new(charset, "UTF-8");
		if (f) {
			g_mime_stream_filter_add(GMIME_STREAM_FILTER(filtered), f);
			g_object_unref(f);
		}
	}
	g_mime_data_wrapper_write_to_stream(w, filtered);
	g_mime_stream_flush(filtered);
	bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	s = xmalloc(bytes->len + 1);
	memcpy(s, bytes->data, bytes->len);
	s[bytes->len] = '\0';
	g_object_unref(filtered);
	g_object_unref(mem);
	return s;
}

/* The first part of type text/sub under obj (depth first), or NULL. */
static GMimeObject *find_part(GMimeObject *obj, const char *sub)
{
	GMimeContentType *ct = g_mime_object_get_content_type(obj);

	if (GMIME_IS_MULTIPART(obj)) {
		GMimeMultipart *mp = GMIME_MULTIPART(obj);
		int n = g_mime_multipart_get_count(mp);

		for (int i = 0; i < n; i++) {
			GMimeObject *hit = find_part(g_mime_multipart_get_part(mp, i), sub);

			if (hit)
				return hit;
		}
		return NULL;
	}
	if (GMIME_IS_MESSAGE_PART(obj)) {
		GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));

		return inner ? find_part(g_mime_message_get_mime_part(inner), sub) : NULL;
	}
	if (ct && g_mime_content_type_is_type(ct, "text", sub) &&
	    !(g_mime_object_get_content_disposition(obj) &&
	      g_mime_content_disposition_is_attachment(
		      g_mime_object_get_content_disposition(obj))))
		return obj;
	return NULL;
}

/* Drops the tags of an HTML text, crudely, for a message with no text/plain part. */
static void strip_tags(char *s)
{
	char *w = s;
	int in = 0;

	for (char *r = s; *r; r++) {
		if (*r == '<')
			in = 1;
		else if (*r == '>')
			in = 0;
		else if (!in)
			*w++ = *r;
	}
	*w = '\0';
}

static int sender(GMimeMessage *msg, struct mail_parsed *out)
{
	InternetAddressList *from = g_mime_message_get_from(msg);
	InternetAddress *a;
	const char *name;

	if (!from || internet_address_list_length(from) < 1)
		return -1;
	a = internet_address_list_get_address(from, 0);
	if (!INTERNET_ADDRESS_IS_MAILBOX(a))
		return -1;
	out->from = xstrdup(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a)));
	name = internet_address_get_name(a);
	out->from_name = name && *name ? xstrdup(name) : NULL;
	return 0;
}

int mail_parse(const char *raw, size_t len, struct mail_parsed *out, struct err *e)
{
	GMimeStream *stream;
	GMimeParser *parser;
	GMimeMessage *msg;
	GMimeObject *body, *part;
	const char *subject, *mid;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	pthread_once(&gmime_once, gmime_start);
	stream = g_mime_stream_mem_new_with_buffer(raw, len);
	parser = g_mime_parser_new_with_stream(stream);
	msg = g_mime_parser_construct_message(parser, NULL);
	g_object_unref(parser);
	g_object_unref(stream);
	if (!msg)
		return err_set(e, ERR_BAD_REQUEST, "message", "is not an RFC 5322 message");
	if (sender(msg, out))
		rc = err_set(e, ERR_BAD_REQUEST, "message", "has no sender address (From)");
	subject = g_mime_message_get_subject(msg);
	out->subject = subject && *subject ? xstrdup(subject) : NULL;
	mid = g_mime_message_get_message_id(msg);
	out->message_id = mid ? xstrdup(mid) : NULL;
	body = g_mime_message_get_mime_part(msg);
	part = body ? find_part(body, "plain") : NULL;
	if (part) {
		out->text = part_text(part);
	} else if (body && (part = find_part(body, "html"))) {
		out->text = part_text(part);
		if (out->text)
			strip_tags(out->text);
	}
	if (rc == 0 && (!out->text || !out->text[strspn(out->text, " \t\r\n")]))
		rc = err_set(e, ERR_BAD_REQUEST, "message", "has no text part");
	g_object_unref(msg);
	if (rc)
		mail_parsed_release(out);
	return rc;
}

void mail_parsed_release(struct mail_parsed *p)
{
	free(p->subject);
	free(p->from_name);
	free(p->from);
	free(p->text);
	free(p->message_id);
	memset(p, 0, sizeof(*p));
}
