/*
 * smtp.c - delivery of one built message to an SMTP server over libcurl
 * (mail.h): STARTTLS and authentication as configured, the connection
 * kept between messages, and each attempt's outcome classified from the
 * server's last reply (captured from libcurl's protocol trace) or from the
 * transport's error.
 */
#include "mail/mail.h"

#include "core/xalloc.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mail_smtp {
	CURL *curl;
	const struct mail_smtp_config *cfg;
	/* the message being sent */
	const char *data;
	size_t len, off;
	/* the server's last reply lines: a refusal (4xx, 5xx) and another */
	char reply[512];
	char refusal[512];
	char errbuf[CURL_ERROR_SIZE];
};

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static int curl_ready;

static void curl_start(void)
{
	curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

static size_t smtp_read(char *out, size_t size, size_t n, void *arg)
{
	struct mail_smtp *sm = arg;
	size_t k = size * n;

	if (k > sm->len - sm->off)
		k = sm->len - sm->off;
	memcpy(out, sm->data + sm->off, k);
	sm->off += k;
	return k;
}

/*
 * Keeps the last refusal and the last other reply the server sent (libcurl
 * traces replies as "header in"); the goodbye to QUIT is not an answer.
 */
static int smtp_trace(CURL *c, curl_infotype type, char *data, size_t size, void *arg)
{
	struct mail_smtp *sm = arg;
	size_t n = size;
	char *to;

	(void)c;
	if (type != CURLINFO_HEADER_IN || size < 3 || strncmp(data, "221", 3) == 0)
		return 0;
	to = data[0] == '4' || data[0] == '5' ? sm->refusal : sm->reply;
	while (n > 0 && (data[n - 1] == '\n' || data[n - 1] == '\r'))
		n--;
	if (n >= sizeof(sm->reply))
		n = sizeof(sm->reply) - 1;
	memcpy(to, data, n);
	to[n] = 0;
	return 0;
}

struct mail_smtp *mail_smtp_open(const struct mail_smtp_config *cfg)
{
	struct mail_smtp *sm;

	pthread_once(&curl_once, curl_start);
	if (!curl_ready)
		return NULL;
	sm = xcalloc(1, sizeof(*sm));
	sm->cfg = cfg;
	sm->curl = curl_easy_init();
	if (!sm->curl) {
		free(sm);
		return NULL;
	}
	return sm;
}

void mail_smtp_close(struct mail_smtp *sm)
{
	if (!sm)
		return;
	curl_easy_cleanup(sm->curl);
	free(sm);
}

static void smtp_setup(struct mail_smtp *sm, const char *from, struct curl_slist *rcpt)
{
	static const long tls[] = {
		[MAIL_TLS_TRY] = CURLUSESSL_TRY,
		[MAIL_TLS_REQUIRED] = CURLUSESSL_ALL,
		[MAIL_TLS_OFF] = CURLUSESSL_NONE,
	};
	CURL *c = sm->curl;
	char addr[300];

	snprintf(addr, sizeof(addr), "<%s>", from);
	curl_easy_setopt(c, CURLOPT_URL, sm->cfg->url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, addr);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, smtp_read);
	curl_easy_setopt(c, CURLOPT_READDATA, sm);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)sm->len);
	curl_easy_setopt(c, CURLOPT_USE_SSL, tls[sm->cfg->tls]);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, sm->errbuf);
	curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
	curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, smtp_trace);
	curl_easy_setopt(c, CURLOPT_DEBUGDATA, sm);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, sm->cfg->timeout_s > 0 ? sm->cfg->timeout_s : 30L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, sm->cfg->timeout_s > 0 ? sm->cfg->timeout_s : 30L);
	if (sm->cfg->user) {
		curl_easy_setopt(c, CURLOPT_USERNAME, sm->cfg->user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, sm->cfg->password ? sm->cfg->password : "");
	}
}

/* The outcome of a finished transfer from its code and the server's reply. */
static void smtp_classify(struct mail_smtp *sm, CURLcode cc, struct mail_result *r)
{
	long code = 0;

	curl_easy_getinfo(sm->curl, CURLINFO_RESPONSE_CODE, &code);
	r->code = code;
	if (cc == CURLE_OK) {
		r->outcome = MAIL_SENT;
		snprintf(r->answer, sizeof(r->answer), "%s", sm->reply);
		return;
	}
	/* a 5xx reply is final; a 4xx one, no reply or a broken connection is not */
	r->outcome = code >= 500 && code < 600 ? MAIL_PERMANENT : MAIL_TEMPORARY;
	if (code >= 400 && sm->refusal[0])
		snprintf(r->answer, sizeof(r->answer), "%s", sm->refusal);
	else
		snprintf(r->answer, sizeof(r->answer), "%s", sm->errbuf[0] ? sm->errbuf :
			 curl_easy_strerror(cc));
}

void mail_smtp_send(struct mail_smtp *sm, const char *from, const char *to, const char *data,
		    size_t len, struct mail_result *r)
{
	struct curl_slist *rcpt = NULL;
	char addr[300];
	CURLcode cc;

	memset(r, 0, sizeof(*r));
	sm->data = data;
	sm->len = len;
	sm->off = 0;
	sm->reply[0] = 0;
	sm->refusal[0] = 0;
	sm->errbuf[0] = 0;
	snprintf(addr, sizeof(addr), "<%s>", to);
	rcpt = curl_slist_append(NULL, addr);
	if (!rcpt) {
		r->outcome = MAIL_TEMPORARY;
		snprintf(r->answer, sizeof(r->answer), "out of memory");
		return;
	}
	smtp_setup(sm, from, rcpt);
	cc = curl_easy_perform(sm->curl);
	smtp_classify(sm, cc, r);
	curl_easy_setopt(sm->curl, CURLOPT_MAIL_RCPT, NULL);
	curl_slist_free_all(rcpt);
}
