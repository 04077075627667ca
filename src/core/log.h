/*
 * log.h - one-line log records on stderr.
 *
 * Lines from concurrent threads never interleave: each is written whole,
 * either by one write(2) or, while buffering is on, through one buffer.
 */
#ifndef LIAISON_CORE_LOG_H
#define LIAISON_CORE_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR, LOG_OFF };

/* Records below level are dropped. The default is LOG_INFO. */
void log_set_level(enum log_level level);

/* Parses "debug", "info", "warn", "error", "off"; returns 0 or -1. */
int log_parse_level(const char *s, enum log_level *out);

/*
 * Buffers lines (flushed every 100 ms, when full, and at once for warnings
 * and errors) until log_buffer_stop, which writes out the rest. For busy
 * servers. Returns 0, or -1 when the flusher thread cannot start (lines
 * are then written unbuffered).
 */
int log_buffer_start(void);
void log_buffer_stop(void);

void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)
#define log_info(...)  log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)

#endif
