/*
 * time.h - instants and wall times: RFC 3339 parsing and formatting, dates,
 * IANA time zones (ICU), local civil times of instants in a zone.
 *
 * Instants are int64_t seconds since 1970 UTC. A struct time_zone is one ICU
 * calendar in one zone; it is not thread-safe (one per thread or per call).
 * ICU falls back to GMT silently for an unknown id: check it with
 * time_zone_known (or time_zone_iana) before time_zone_open when it comes
 * from input.
 */
#ifndef LIAISON_CORE_TIME_H
#define LIAISON_CORE_TIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A wall time in some zone; month 1-12; offset_min east of UTC. */
struct time_civil {
	int32_t year, month, day;
	int32_t hour, minute, second;
	int32_t offset_min;
};

/* Long enough for every string time_format writes. */
#define TIME_RFC3339_LEN 40

/*
 * Parses an RFC 3339 date-time with offset exactly ("2026-05-13T09:00:00+08:00",
 * "...Z", fractions of a second ignored, a leap second read as :59); *epoch
 * gets the UTC seconds since 1970. Returns 0, or ERR_INVALID (no message:
 * the caller names the field).
 */
int time_parse(const char *s, int64_t *epoch);

/* Whether s is exactly an existing date written YYYY-MM-DD. */
bool time_valid_date(const char *s);

/* Whether ICU knows tz (ASCII, under 64 bytes) as a system time zone. */
bool time_zone_known(const char *tz);

/*
 * Whether tz is an IANA time zone name: time_zone_known, without ICU's
 * legacy three-letter Java ids ("PST") and SystemV zones.
 */
bool time_zone_iana(const char *tz);

/* Opens a calendar in tz; NULL when tz is empty, 64 bytes or longer, or ICU fails. */
struct time_zone *time_zone_open(const char *tz);

/* Closes z (NULL is fine). */
void time_zone_free(struct time_zone *z);

/* The wall time of unix_s in z. Returns 0 or ERR_INVALID (ICU failed). */
int time_zone_local(struct time_zone *z, int64_t unix_s, struct time_civil *out);

/*
 * The instant of the wall time y-m-d h:mi:00 in z, plus add_days calendar
 * days (ICU's rules for gaps and folds at daylight-saving changes).
 * Returns 0 or ERR_INVALID.
 */
int time_zone_instant(struct time_zone *z, int32_t y, int32_t m, int32_t d, int32_t h,
		      int32_t mi, int32_t add_days, int64_t *out);

/*
 * Writes c as RFC 3339 with its offset ("2026-05-13T09:00:00+08:00"), or
 * with "Z" when utc_z and the offset is 0. size >= TIME_RFC3339_LEN.
 */
void time_format(const struct time_civil *c, bool utc_z, char *out, size_t size);

#endif
