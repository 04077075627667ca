/*
 * mime.c - an RFC 5322 message with MIME parts from UTF-8 texts (mail.h):
 * RFC 2047 encoded words for headers, base64 bodies (libsodium's codec),
 * text parts in canonical CRLF form.
 */
#include "mail/mail.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Whether s is printable ASCII (space included) and holds no "=?". */
static int plain_ascii(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p > 0x7e || (p[0] == '=' && p[1] == '?'))
			return 0;
	return 1;
}

/* Whether s holds a control character (CR and LF included). */
static int has_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 1;
	return 0;
}

/* The length of the longest prefix of s, at most max bytes, that ends between UTF-8 sequences. */
static size_t utf8_cut(const char *s, size_t len, size_t max)
{
	size_t n;

	if (len <= max)
		return len;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return n ? n : max;
}

/* Appends the base64 of len bytes (no line breaks). */
static int b64_append(struct buf *out, const void *data, size_t len)
{
	char tmp[128];
	size_t need = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);

	if (need > sizeof(tmp))
		return ERR_INTERNAL;
	sodium_bin2base64(tmp, sizeof(tmp), data, len, sodium_base64_VARIANT_ORIGINAL);
	return buf_puts(out, tmp);
}

int mail_header_words(struct buf *out, const char *s, size_t used)
{
	size_t len = strlen(s);
	int rc = 0, first = 1;

	if (plain_ascii(s))
		return buf_puts(out, s);
	/* each line at most 76 characters: "=?UTF-8?B?" and "?=" take 12 */
	while (!rc && len > 0) {
		size_t room = used + 12 + 8 < 76 ? (76 - used - 12) / 4 * 3 : 6;
		size_t n = utf8_cut(s, len, room);

		if (!first)
			rc = buf_puts(out, "\r\n ");
		if (!rc)
			rc = buf_puts(out, "=?UTF-8?B?");
		if (!rc)
			rc = b64_append(out, s, n);
		if (!rc)
			rc = buf_puts(out, "?=");
		s += n;
		len -= n;
		first = 0;
		used = 1;
	}
	return rc;
}

/* Appends text in canonical form (every line end CRLF) as base64 lines of 76 characters. */
static int body_base64(struct buf *out, const char *text, int canonical)
{
	struct buf crlf;
	const char *p;
	size_t len;
	int rc = 0;

	buf_init(&crlf, 16 * 1024 * 1024);
	for (p = text; canonical && !rc && *p; p++) {
		if (*p == '\n' && (p == text || p[-1] != '\r'))
			rc = buf_append(&crlf, "\r", 1);
		if (!rc)
			rc = buf_append(&crlf, p, 1);
	}
	p = canonical ? crlf.data : text;
	len = canonical ? crlf.len : strlen(text);
	for (size_t off = 0; !rc && off < len; off += 57) {
		rc = b64_append(out, p + off, len - off < 57 ? len - off : 57);
		if (!rc)
			rc = buf_puts(out, "\r\n");
	}
	buf_release(&crlf);
	return rc;
}

static void boundary(char out[40], const char *tag)
{
	unsigned char r[12];
	char hex[25];

	randombytes_buf(r, sizeof(r));
	sodium_bin2hex(hex, sizeof(hex), r, sizeof(r));
	snprintf(out, 40, "=_%s_%s", tag, hex);
}

static void rfc5322_date(int64_t t, char out[64])
{
	static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	snprintf(out, 64, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday,
		 months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static int check_msg(const struct mail_msg *m, struct err *e)
{
	static const char name_ok[] =
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";

	if (!m->from || !*m->from || has_control(m->from) || strpbrk(m->from, "<>\" "))
		return err_set(e, ERR_INVALID, "from", "must be one e-mail address");
	if (!m->to || !*m->to || has_control(m->to) || strpbrk(m->to, "<>\" "))
		return err_set(e, ERR_INVALID, "to", "must be one e-mail address");
	if (!m->subject || !m->text)
		return err_set(e, ERR_INVALID, m->subject ? "text" : "subject", "is required");
	if ((m->from_name && has_control(m->from_name)) ||
	    (m->message_id && (has_control(m->message_id) || !plain_ascii(m->message_id))) ||
	    (m->list_unsubscribe && has_control(m->list_unsubscribe)))
		return err_set(e, ERR_INVALID, "headers", "must not hold line breaks");
	if (m->attachment && (!m->attachment_name || !*m->attachment_name ||
			      strspn(m->attachment_name, name_ok) != strlen(m->attachment_name)))
		return err_set(e, ERR_INVALID, "attachment_name", "must be letters, digits, . _ -");
	if (m->attachment && (!m->attachment_type || has_control(m->attachment_type) ||
			      !plain_ascii(m->attachment_type) || strchr(m->attachment_type, '"')))
		return err_set(e, ERR_INVALID, "attachment_type", "must be a MIME type");
	return 0;
}

/* From:, with the display name quoted (ASCII) or as encoded words. */
static int from_header(struct buf *out, const struct mail_msg *m)
{
	int rc = buf_puts(out, "From: ");

	if (!rc && m->from_name && *m->from_name) {
		if (plain_ascii(m->from_name) && !strpbrk(m->from_name, "\"\\")) {
			rc = buf_printf(out, "\"%s\"", m->from_name);
		} else {
			rc = mail_header_words(out, m->from_name, 6);
		}
		if (!rc)
			rc = buf_puts(out, " ");
	}
	if (!rc)
		rc = buf_printf(out, "<%s>\r\n", m->from);
	return rc;
}

static int headers(struct buf *out, const struct mail_msg *m)
{
	char date[64];
	int rc = from_header(out, m);

	rfc5322_date(m->date, date);
	if (!rc)
		rc = buf_printf(out, "To: <%s>\r\nSubject: ", m->to);
	if (!rc)
		rc = mail_header_words(out, m->subject, 9);
	if (!rc)
		rc = buf_printf(out, "\r\nDate: %s\r\n", date);
	if (!rc && m->message_id)
		rc = buf_printf(out, "Message-ID: %s\r\n", m->message_id);
	if (!rc && m->list_unsubscribe)
		rc = buf_printf(out, "List-Unsubscribe: %s\r\n", m->list_unsubscribe);
	if (!rc && m->list_unsubscribe && m->one_click)
		rc = buf_puts(out, "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
	if (!rc)
		rc = buf_puts(out, "MIME-Version: 1.0\r\nAuto-Submitted: auto-generated\r\n");
	return rc;
}

static int text_part(struct buf *out, const char *type, const char *text)
{
	int rc = buf_printf(out,
			    "Content-Type: %s; charset=UTF-8\r\n"
			    "Content-Transfer-Encoding: base64\r\n\r\n",
			    type);

	return rc ? rc : body_base64(out, text, 1);
}

/* The text and HTML parts: one part, or a multipart/alternative. */
static int alternative(struct buf *out, const struct mail_msg *m)
{
	char b[40];
	int rc;

	if (!m->html)
		return text_part(out, "text/plain", m->text);
	boundary(b, "alt");
	rc = buf_printf(out, "Content-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n--%s\r\n",
			b, b);
	if (!rc)
		rc = text_part(out, "text/plain", m->text);
	if (!rc)
		rc = buf_printf(out, "--%s\r\n", b);
	if (!rc)
		rc = text_part(out, "text/html", m->html);
	if (!rc)
		rc = buf_printf(out, "--%s--\r\n", b);
	return rc;
}

int mail_build(const struct mail_msg *m, struct buf *out, struct err *e)
{
	char b[40];
	int rc = check_msg(m, e);

	if (rc)
		return rc;
	rc = headers(out, m);
	if (!rc && !m->attachment)
		rc = alternative(out, m);
	if (!rc && m->attachment) {
		boundary(b, "mix");
		rc = buf_printf(out, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n--%s\r\n",
				b, b);
		if (!rc)
			rc = alternative(out, m);
		if (!rc)
			rc = buf_printf(out,
					"--%s\r\nContent-Type: %s; charset=UTF-8; name=\"%s\"\r\n"
					"Content-Disposition: attachment; filename=\"%s\"\r\n"
					"Content-Transfer-Encoding: base64\r\n\r\n",
					b, m->attachment_type, m->attachment_name, m->attachment_name);
		if (!rc)
			rc = body_base64(out, m->attachment, 0);
		if (!rc)
			rc = buf_printf(out, "--%s--\r\n", b);
	}
	if (rc == ERR_TOO_LARGE)
		return err_set(e, rc, "message", "is larger than %zu bytes", out->max);
	return rc ? err_set(e, rc, "message", "cannot be built") : 0;
}

void mail_message_id(char *out, size_t size, int64_t id, const char *domain)
{
	unsigned char r[8];
	char hex[17];

	randombytes_buf(r, sizeof(r));
	sodium_bin2hex(hex, sizeof(hex), r, sizeof(r));
	snprintf(out, size, "<liaison.%lld.%s@%s>", (long long)id, hex, domain);
}
