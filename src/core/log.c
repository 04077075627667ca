/*
 * log.c - timestamped log lines.
 *
 * Unbuffered, each line is one write(2). A busy server writes one line per
 * request, and a system call per line is a sizeable share of a small
 * request's cost, so the server turns buffering on: lines gather in one
 * buffer (whole lines only, in order) that a flusher thread writes out
 * every LOG_FLUSH_MS, or sooner when it fills; warnings and errors go out
 * at once, after what was buffered before them.
 */
#include "core/log.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define LOG_BUF_SIZE (64 * 1024)
#define LOG_FLUSH_MS 100

static _Atomic int log_level = LOG_INFO;

/* The buffer of log_buffer_start; all of it guarded by lock. */
static struct {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t flusher;
	bool on;       /* lines are buffered */
	bool stopping; /* the flusher should exit */
	size_t len;
	char data[LOG_BUF_SIZE];
} log_buf = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

static void log_write_all(const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(STDERR_FILENO, p, n);

		if (w <= 0)
			return; /* nowhere left to report it */
		p += w;
		n -= (size_t)w;
	}
}

/* Writes out what is buffered; the caller holds log_buf.lock. */
static void log_flush_locked(void)
{
	log_write_all(log_buf.data, log_buf.len);
	log_buf.len = 0;
}

static void *log_flusher(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&log_buf.lock);
	while (!log_buf.stopping) {
		struct timespec until;

		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += LOG_FLUSH_MS * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&log_buf.wake, &log_buf.lock, &until);
		log_flush_locked();
	}
	pthread_mutex_unlock(&log_buf.lock);
	return NULL;
}

int log_buffer_start(void)
{
	int rc;

	pthread_mutex_lock(&log_buf.lock);
	if (log_buf.on) {
		pthread_mutex_unlock(&log_buf.lock);
		return 0;
	}
	log_buf.stopping = false;
	rc = pthread_create(&log_buf.flusher, NULL, log_flusher, NULL);
	log_buf.on = rc == 0;
	pthread_mutex_unlock(&log_buf.lock);
	return rc == 0 ? 0 : -1;
}

void log_buffer_stop(void)
{
	pthread_mutex_lock(&log_buf.lock);
	if (!log_buf.on) {
		pthread_mutex_unlock(&log_buf.lock);
		return;
	}
	log_buf.stopping = true;
	pthread_cond_signal(&log_buf.wake);
	pthread_mutex_unlock(&log_buf.lock);
	pthread_join(log_buf.flusher, NULL);
	pthread_mutex_lock(&log_buf.lock);
	log_buf.on = false;
	log_flush_locked();
	pthread_mutex_unlock(&log_buf.lock);
}

/* Sends one whole line out, through the buffer when it is on. */
static void log_emit(enum log_level level, const char *line, size_t n)
{
	pthread_mutex_lock(&log_buf.lock);
	if (!log_buf.on) {
		pthread_mutex_unlock(&log_buf.lock);
		log_write_all(line, n);
		return;
	}
	if (log_buf.len + n > sizeof(log_buf.data))
		log_flush_locked();
	memcpy(log_buf.data + log_buf.len, line, n);
	log_buf.len += n;
	if (level >= LOG_WARN)
		log_flush_locked();
	pthread_mutex_unlock(&log_buf.lock);
}

static const char *const log_names[] = {"debug", "info", "warn", "error", "off"};

void log_set_level(enum log_level level)
{
	log_level = (int)level;
}

int log_parse_level(const char *s, enum log_level *out)
{
	for (int i = LOG_DEBUG; i <= LOG_OFF; i++) {
		if (strcmp(s, log_names[i]) == 0) {
			*out = (enum log_level)i;
			return 0;
		}
	}
	return -1;
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	char line[2048];
	struct timespec ts;
	struct tm tm;
	va_list ap;
	int n;

	if ((int)level < log_level || level >= LOG_OFF)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	n = snprintf(line, sizeof(line), "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ %s ",
		     tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
		     tm.tm_sec, ts.tv_nsec / 1000000L, log_names[level]);
	va_start(ap, fmt);
	n += vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	log_emit(level, line, (size_t)n);
}
