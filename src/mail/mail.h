/*
 * mail.h - e-mail out: an RFC 5322 / MIME message built from UTF-8 parts
 * (mime.c), and its delivery to one SMTP server over libcurl (smtp.c).
 *
 * The message: From, To, Subject (RFC 2047 encoded words when not plain
 * ASCII), Date, Message-ID, MIME-Version, Auto-Submitted and, when given,
 * List-Unsubscribe; a multipart/alternative of text/plain and text/html
 * (UTF-8, base64), inside a multipart/mixed with the attachment when there
 * is one. Base64 is libsodium's. No header takes a CR or LF from its input.
 */
#ifndef LIAISON_MAIL_MAIL_H
#define LIAISON_MAIL_MAIL_H

#include "core/buf.h"
#include "core/err.h"

#include <stddef.h>
#include <stdint.h>

/* One message; every text is borrowed UTF-8, the optional ones may be NULL. */
struct mail_msg {
	const char *from_name; /* "liaison" (optional) */
	const char *from;      /* the sender's address */
	const char *to;        /* the recipient's address */
	const char *subject;
	const char *text; /* the text/plain part */
	const char *html; /* the text/html part (optional) */
	const char *attachment_name; /* "schedule.ics" (optional) */
	const char *attachment_type; /* "text/calendar; method=PUBLISH" */
	const char *attachment;      /* its content */
	const char *message_id;      /* "<...@...>" */
	const char *list_unsubscribe; /* "<https://...>" (optional) */
	int one_click;                /* List-Unsubscribe-Post: List-Unsubscribe=One-Click (RFC 8058) */
	int64_t date;                 /* Unix seconds */
};

/*
 * Appends the whole message, CRLF line ends, to out. ERR_INVALID naming
 * the field for a missing part or an address or name with a line break;
 * ERR_TOO_LARGE past out's cap.
 */
int mail_build(const struct mail_msg *m, struct buf *out, struct err *e);

/*
 * Appends s as the value of a header: as it is when it is printable
 * ASCII, else as RFC 2047 "=?UTF-8?B?...?=" words of at most 75
 * characters, split between UTF-8 sequences, folded onto new lines.
 * used: the length of the header line so far ("Subject: " = 9).
 */
int mail_header_words(struct buf *out, const char *s, size_t used);

/* A Message-ID "<liaison.ID.RANDOM@domain>" for outbox message id, into out. */
void mail_message_id(char *out, size_t size, int64_t id, const char *domain);

/* ---- SMTP (smtp.c) ------------------------------------------------------ */

enum mail_tls {
	MAIL_TLS_TRY,      /* STARTTLS when the server offers it (default) */
	MAIL_TLS_REQUIRED, /* STARTTLS or fail (smtps:// URLs are TLS from the start) */
	MAIL_TLS_OFF,      /* plain text */
};

struct mail_smtp_config {
	const char *url;      /* smtp://host:port or smtps://host:port */
	const char *user;     /* NULL: no authentication */
	const char *password; /* with user */
	enum mail_tls tls;
	long timeout_s; /* per message, connection included */
};

/* What an attempt came to. */
enum mail_outcome {
	MAIL_SENT,      /* the server accepted the message (250 after DATA) */
	MAIL_TEMPORARY, /* try again later: 4xx, no connection, dropped, timed out */
	MAIL_PERMANENT, /* never again: 5xx */
};

struct mail_result {
	enum mail_outcome outcome;
	long code;         /* the server's last reply code, 0 when none */
	char answer[512];  /* the server's last reply line, or the transport's error */
};

struct mail_smtp;

/*
 * A connection to the server of cfg (strings borrowed: they must outlive
 * it), kept open between messages. NULL when libcurl cannot start.
 */
struct mail_smtp *mail_smtp_open(const struct mail_smtp_config *cfg);

/* Frees sm and closes its connection (NULL is fine). */
void mail_smtp_close(struct mail_smtp *sm);

/* Sends the message data (len bytes, as mail_build made it) from from to to. */
void mail_smtp_send(struct mail_smtp *sm, const char *from, const char *to, const char *data,
		    size_t len, struct mail_result *r);

/* ---- e-mail in (parse.c, GMime) ------------------------------------------ */

/* What a received message says; strings malloc'd UTF-8 (mail_parsed_release). */
struct mail_parsed {
	char *subject;    /* NULL when none */
	char *from_name;  /* the sender's display name, NULL when none */
	char *from;       /* the sender's address */
	char *text;       /* the first text/plain part (else text/html's text), charset-decoded */
	char *message_id; /* without angle brackets, NULL when none */
};

/*
 * Parses an RFC 5322 message of len bytes (MIME, encoded words, charsets
 * and transfer encodings decoded by GMime). ERR_BAD_REQUEST naming
 * "message" when it is not a message, has no sender address or no text.
 */
int mail_parse(const char *raw, size_t len, struct mail_parsed *out, struct err *e);

/* Frees the strings of p (safe on a zeroed or released one). */
void mail_parsed_release(struct mail_parsed *p);

#endif
