/*
 * send.c - the outbox sender (send.h): claim, build, deliver, record, with
 * a rate limit between messages and an exponential back-off between the
 * attempts of one message.
 */
#include "service/send.h"

#include "service/service_int.h"
#include "store/outbox.h"

#include "core/jsonx.h"
#include "core/log.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The size cap of one built message (the outbox caps its parts below it). */
#define SEND_MESSAGE_MAX (4 * 1024 * 1024)

/* One run's state. */
struct send_run {
	struct service_conn *c;
	const struct service_sender *cfg;
	struct mail_smtp *sm;
	char claim[33];
	const char *domain;  /* for Message-IDs: the From address's domain */
	int64_t next_send;   /* the rate limit: not before (ms) */
	volatile sig_atomic_t *stop;
	struct service_send_stats *st;
};

static int64_t real_now_ms(void *arg)
{
	struct timespec ts;

	(void)arg;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t run_now(const struct send_run *r)
{
	return r->cfg->now_ms ? r->cfg->now_ms(r->cfg->clock_arg) : real_now_ms(NULL);
}

/* Sleeps ms milliseconds of real time in short steps, returning early on *stop. */
static void nap(volatile sig_atomic_t *stop, int64_t ms)
{
	while (ms > 0 && !(stop && *stop)) {
		int64_t step = ms < 100 ? ms : 100;
		struct timespec ts = {(time_t)(step / 1000), (long)(step % 1000) * 1000000L};

		nanosleep(&ts, NULL);
		ms -= step;
	}
}

void service_sender_defaults(struct service_sender *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->smtp.tls = MAIL_TLS_TRY;
	cfg->smtp.timeout_s = 30;
	cfg->max_attempts = 8;
	cfg->retry_ms = 60 * 1000;
	cfg->retry_max_ms = 6 * 3600 * 1000;
	cfg->batch = 20;
}

/* The back-off after attempt number n (1 = the first): retry_ms * 2^(n-1), capped. */
static int64_t backoff(const struct service_sender *cfg, int n)
{
	int64_t d = cfg->retry_ms;

	for (int i = 1; i < n && d < cfg->retry_max_ms; i++)
		d *= 2;
	return d < cfg->retry_max_ms ? d : cfg->retry_max_ms;
}

/* Builds message m of the outbox into out; *msgid gets its Message-ID. */
static int build(const struct send_run *r, const json_t *m, int64_t now, struct buf *out,
		 char *msgid, size_t idsize, struct err *e)
{
	char unsub[600];
	struct mail_msg msg = {
		.from_name = r->cfg->from_name,
		.from = r->cfg->from,
		.to = jsonx_str(m, "to"),
		.subject = jsonx_str(m, "subject"),
		.text = jsonx_str(m, "body"),
		.html = jsonx_str(m, "html"),
		.attachment_name = jsonx_str(m, "attachment_name"),
		.attachment_type = jsonx_str(m, "attachment_type"),
		.attachment = jsonx_str(m, "attachment"),
		.message_id = msgid,
		.date = now / 1000,
	};

	/* the same Message-ID on every attempt, so that a receiver can drop a repeat */
	if (jsonx_str(m, "message_id"))
		snprintf(msgid, idsize, "%s", jsonx_str(m, "message_id"));
	else
		mail_message_id(msgid, idsize, json_integer_value(json_object_get(m, "id")), r->domain);
	if (r->cfg->base_url) {
		/* one click (RFC 8058) for the kinds one may opt out of, else the account page */
		char url[512];
		int rc = service_unsubscribe_url(r->c, r->cfg->base_url, msg.to,
						 jsonx_str(m, "kind"), url, sizeof(url), e);

		if (rc < 0)
			return rc;
		msg.one_click = rc == 0;
		snprintf(unsub, sizeof(unsub), "<%s%s>", rc == 0 ? url : r->cfg->base_url,
			 rc == 0 ? "" : "/account");
		msg.list_unsubscribe = unsub;
	}
	return mail_build(&msg, out, e);
}

/* Waits for the rate limit's turn. */
static void rate_wait(struct send_run *r)
{
	int64_t now;

	if (r->cfg->rate <= 0)
		return;
	now = run_now(r);
	if (r->next_send > now)
		nap(r->stop, r->next_send - now);
	now = run_now(r);
	r->next_send = (r->next_send > now ? r->next_send : now) + (int64_t)(1000.0 / r->cfg->rate);
}

/* Records res for message m: sent, retried later or failed. */
static int record(struct send_run *r, const json_t *m, const struct mail_result *res,
		  const char *msgid, struct err *e)
{
	int64_t id = json_integer_value(json_object_get(m, "id"));
	int n = (int)json_integer_value(json_object_get(m, "attempts")) + 1;
	enum store_outbox_outcome oc = STORE_OUTBOX_SENT;
	char answer[600];
	int64_t due = 0;
	int rc;

	snprintf(answer, sizeof(answer), "%s", res->answer);
	if (res->outcome == MAIL_TEMPORARY && n < r->cfg->max_attempts) {
		oc = STORE_OUTBOX_RETRY;
		due = run_now(r) + backoff(r->cfg, n);
	} else if (res->outcome != MAIL_SENT) {
		oc = STORE_OUTBOX_FAILED;
		if (res->outcome == MAIL_TEMPORARY)
			snprintf(answer, sizeof(answer), "after %d attempts: %s", n, res->answer);
	}
	rc = store_outbox_finish(r->c->store, id, r->claim, oc, due, answer, msgid, e);
	if (rc == ERR_CONFLICT) {
		log_warn("outbox message %lld: %s", (long long)id, e->msg);
		r->st->lost_claims++;
		return 0;
	}
	if (rc)
		return rc;
	if (oc == STORE_OUTBOX_SENT)
		r->st->sent++;
	else if (oc == STORE_OUTBOX_RETRY)
		r->st->retried++;
	else
		r->st->failed++;
	log_debug("outbox message %lld to %s: %s (%s)", (long long)id, jsonx_str(m, "to"),
		  oc == STORE_OUTBOX_SENT ? "sent" : oc == STORE_OUTBOX_RETRY ? "retry" : "failed",
		  answer);
	return 0;
}

/* Sends one claimed message and records the outcome. */
static int deliver(struct send_run *r, const json_t *m, struct err *e)
{
	struct mail_result res;
	char msgid[200] = "";
	struct buf out;
	struct err be;
	int rc;

	buf_init(&out, SEND_MESSAGE_MAX);
	err_clear(&be);
	rc = build(r, m, run_now(r), &out, msgid, sizeof(msgid), &be);
	if (rc) {
		memset(&res, 0, sizeof(res));
		res.outcome = MAIL_PERMANENT;
		snprintf(res.answer, sizeof(res.answer), "cannot be built: %s: %s", be.field, be.msg);
	} else {
		rate_wait(r);
		mail_smtp_send(r->sm, r->cfg->from, jsonx_str(m, "to"), out.data, out.len, &res);
	}
	buf_release(&out);
	return record(r, m, &res, msgid, e);
}

/* One claim and its delivery; *claimed gets how many messages it held. */
static int send_batch(struct send_run *r, size_t *claimed, struct err *e)
{
	int64_t per = (r->cfg->smtp.timeout_s > 0 ? r->cfg->smtp.timeout_s : 30) * 1000 +
		      (r->cfg->rate > 0 ? (int64_t)(1000.0 / r->cfg->rate) : 0);
	json_t *batch = NULL;
	size_t i;
	int rc;

	rc = store_outbox_claim(r->c->store, r->claim, run_now(r), per * r->cfg->batch + 60000,
				r->cfg->batch, &batch, e);
	if (rc)
		return rc;
	*claimed = json_array_size(batch);
	for (i = 0; !rc && i < *claimed && !*r->stop; i++)
		rc = deliver(r, json_array_get(batch, i), e);
	json_decref(batch);
	if (i < *claimed) {
		struct err re;

		err_clear(&re);
		if (store_outbox_release(r->c->store, r->claim, &re))
			log_warn("outbox: cannot give back claimed messages: %s", re.msg);
	}
	return rc;
}

/* How long to wait before the next claim; -1 when once and nothing is queued. */
static int idle_wait(struct send_run *r, int once, int64_t poll_ms, int64_t *wait, struct err *e)
{
	int64_t due, sending = 0;
	int rc = store_outbox_next(r->c->store, &due, &sending, e);

	if (rc)
		return rc;
	if (once && due < 0 && sending == 0) {
		*wait = -1;
		return 0;
	}
	*wait = poll_ms;
	if (due >= 0 && due - run_now(r) < *wait)
		*wait = due - run_now(r) > 0 ? due - run_now(r) : 0;
	if (once && due < 0)
		*wait = 50; /* another sender's claims: they may come back */
	return 0;
}

int service_send_run(struct service_conn *c, const struct service_sender *cfg, int once,
		     int64_t poll_ms, volatile sig_atomic_t *stop, struct service_send_stats *st,
		     struct err *e)
{
	static volatile sig_atomic_t never;
	struct send_run r = {.c = c, .cfg = cfg, .stop = stop ? stop : &never, .st = st};
	unsigned char raw[16];
	const char *at = cfg->from ? strrchr(cfg->from, '@') : NULL;
	int rc = 0;

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(r.claim, sizeof(r.claim), raw, sizeof(raw));
	r.domain = at && at[1] ? at + 1 : "liaison.invalid";
	r.sm = mail_smtp_open(&cfg->smtp);
	if (!r.sm)
		return err_set(e, ERR_INTERNAL, "smtp", "libcurl cannot start");
	while (!rc && !*r.stop) {
		size_t claimed = 0;
		int64_t wait;
		int reminded = 0;

		rc = service_remind_due(c, run_now(&r) / 1000, &reminded, e);
		if (!rc && reminded)
			log_info("outbox: %d reminders queued", reminded);
		if (!rc)
			rc = service_survey_due(c, run_now(&r) / 1000, &reminded, e);
		if (!rc && reminded)
			log_info("outbox: %d outcome surveys queued", reminded);
		if (!rc)
			rc = send_batch(&r, &claimed, e);
		if (rc || claimed > 0)
			continue;
		rc = idle_wait(&r, once, poll_ms, &wait, e);
		if (rc || wait < 0)
			break;
		nap(r.stop, wait);
	}
	mail_smtp_close(r.sm);
	return rc;
}
