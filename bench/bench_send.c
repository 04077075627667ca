/*
 * bench_send.c - sending throughput of the outbox sender (not a test).
 *
 * Against the SMTP server at URL (bench/send.sh starts aiosmtpd's sink on
 * 127.0.0.1):
 *  1. baseline: one built message sent N times over one libcurl
 *     connection (mail_smtp_send alone: the transport's own rate);
 *  2. the sender: N messages queued in a fresh SQLite outbox (Chinese
 *     subject and text, an HTML part), delivered by service_send_run with
 *     one sender, then with two senders (threads, each its own connection)
 *     on N more: claims, MIME building and outcome writes included.
 * Prints messages per second for each and the sender's share of the
 * baseline.
 *
 * usage: bench_send URL [N]   (N default 2000)
 */
#include "mail/mail.h"
#include "service/send.h"
#include "service/service.h"
#include "store/outbox.h"
#include "store/store.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char text[] =
	"您好，沈佳怡：\n\n杨帆（成都）请求与您会面：一起聊聊城市交通。\n"
	"Hello, 杨帆 (Chengdu) asks to meet you: urban mobility.\n";
static const char html[] =
	"<p>您好，沈佳怡：</p><p>杨帆（成都）请求与您会面：一起聊聊城市交通。</p>";

static double baseline(const char *url, int n)
{
	struct mail_smtp_config cfg = {.url = url, .tls = MAIL_TLS_OFF, .timeout_s = 30};
	struct mail_msg m = {.from = "bench@liaison.example", .to = "p@x.example",
			     .subject = "会议请求 meeting request", .text = text, .html = html,
			     .message_id = "<bench@liaison.example>", .date = 1778634000};
	struct mail_smtp *sm = mail_smtp_open(&cfg);
	struct mail_result r;
	struct buf b;
	struct err e;
	double t0;

	buf_init(&b, 1 << 20);
	err_clear(&e);
	if (!sm || mail_build(&m, &b, &e)) {
		fprintf(stderr, "bench_send: cannot build: %s\n", e.msg);
		exit(1);
	}
	t0 = now();
	for (int i = 0; i < n; i++) {
		mail_smtp_send(sm, m.from, m.to, b.data, b.len, &r);
		if (r.outcome != MAIL_SENT) {
			fprintf(stderr, "bench_send: baseline send failed: %s\n", r.answer);
			exit(1);
		}
	}
	t0 = now() - t0;
	buf_release(&b);
	mail_smtp_close(sm);
	return n / t0;
}

static void queue(const char *db, int n)
{
	struct store *s;
	struct err e;
	char to[64];

	err_clear(&e);
	if (store_open(&s, db, STORE_MIGRATE, &e)) {
		fprintf(stderr, "bench_send: %s\n", e.msg);
		exit(1);
	}
	for (int i = 0; i < n; i++) {
		struct store_mail m = {.to = to, .kind = "meeting_request",
				       .subject = "会议请求 meeting request", .text = text, .html = html};

		snprintf(to, sizeof(to), "p%d@x.example", i);
		if (store_outbox_queue(s, &m, &e)) {
			fprintf(stderr, "bench_send: %s\n", e.msg);
			exit(1);
		}
	}
	store_close(s);
}

struct worker {
	const char *db;
	struct service_sender cfg;
	struct service_send_stats st;
	int rc;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	struct service_conn *c;
	struct err e;

	err_clear(&e);
	w->rc = service_conn_open(w->db, 0, &c, &e);
	if (!w->rc)
		w->rc = service_send_run(c, &w->cfg, 1, 100, NULL, &w->st, &e);
	if (w->rc)
		fprintf(stderr, "bench_send: %s\n", e.msg);
	service_conn_close(c);
	return NULL;
}

static double senders(const char *url, const char *db, int n, int k)
{
	struct worker w[2];
	pthread_t t[2];
	long sent = 0;
	double t0;

	queue(db, n);
	for (int i = 0; i < k; i++) {
		memset(&w[i], 0, sizeof(w[i]));
		w[i].db = db;
		service_sender_defaults(&w[i].cfg);
		w[i].cfg.smtp.url = url;
		w[i].cfg.smtp.tls = MAIL_TLS_OFF;
		w[i].cfg.from = "bench@liaison.example";
	}
	t0 = now();
	for (int i = 0; i < k; i++)
		pthread_create(&t[i], NULL, work, &w[i]);
	for (int i = 0; i < k; i++) {
		pthread_join(t[i], NULL);
		sent += w[i].st.sent;
		if (w[i].rc || w[i].st.failed || w[i].st.retried)
			exit(1);
	}
	t0 = now() - t0;
	if (sent != n) {
		fprintf(stderr, "bench_send: %ld sent of %d\n", sent, n);
		exit(1);
	}
	return n / t0;
}

int main(int argc, char **argv)
{
	char dir[] = "/tmp/bench-send-XXXXXX", db[64];
	int n = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 2000;
	double base, one, two;

	if (argc < 2 || n < 1) {
		fprintf(stderr, "usage: bench_send URL [N]\n");
		return 2;
	}
	if (!mkdtemp(dir))
		return 1;
	snprintf(db, sizeof(db), "%s/bench.db", dir);
	base = baseline(argv[1], n);
	one = senders(argv[1], db, n, 1);
	two = senders(argv[1], db, n, 2);
	printf("send: %d messages to %s\n", n, argv[1]);
	printf("  baseline (one connection, one built message): %8.0f messages/s\n", base);
	printf("  liaison send, one sender:                     %8.0f messages/s (%.0f%% of baseline)\n",
	       one, 100 * one / base);
	printf("  liaison send, two senders on one database:    %8.0f messages/s (%.0f%% of baseline)\n",
	       two, 100 * two / base);
	unlink(db);
	snprintf(db, sizeof(db), "%s/bench.db-wal", dir);
	unlink(db);
	snprintf(db, sizeof(db), "%s/bench.db-shm", dir);
	unlink(db);
	rmdir(dir);
	return 0;
}
