/*
 * valid.c - checks of single values: refs, country codes (the ISO 3166-1
 * alpha-2 list), IANA time zones (ICU), URLs, dates and RFC 3339 times,
 * e-mail addresses, phone numbers, language tags, concept ids, NACE codes,
 * times of day ("HH:MM").
 *
 * Each returns 1 when the value is acceptable, 0 when not; the caller says
 * what is wrong.
 */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/ucal.h>
#include <unicode/ustring.h>

/* ISO 3166-1 alpha-2, officially assigned codes (249). */
static const char iso3166[] =
	"AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ "
	"BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ "
	"CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ "
	"DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR "
	"GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY "
	"HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP "
	"KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY "
	"MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ "
	"NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY "
	"QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ "
	"TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ "
	"VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

static int is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static int is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int store_valid_country(const char *s)
{
	if (strlen(s) != 2 || !is_upper(s[0]) || !is_upper(s[1]))
		return 0;
	for (size_t i = 0; i + 2 < sizeof(iso3166); i += 3)
		if (iso3166[i] == s[0] && iso3166[i + 1] == s[1])
			return 1;
	return 0;
}

int store_valid_ref(const char *s)
{
	size_t n = strlen(s);

	if (n < 1 || n > 64)
		return 0;
	for (; *s; s++)
		if (!is_upper(*s) && !is_lower(*s) && !is_digit(*s) && !strchr("._:-", *s))
			return 0;
	return 1;
}

int store_valid_concept(const char *s)
{
	size_t n = strlen(s);

	if (n < 1 || n > 64)
		return 0;
	for (; *s; s++)
		if (!is_lower(*s) && !is_digit(*s) && *s != '-')
			return 0;
	return 1;
}

/* ^[A-U]([0-9]{2}(\.[0-9]{1,2})?)?$ */
int store_valid_nace(const char *s)
{
	size_t n = strlen(s);

	if (n < 1 || s[0] < 'A' || s[0] > 'U')
		return 0;
	if (n == 1)
		return 1;
	if (n < 3 || !is_digit(s[1]) || !is_digit(s[2]))
		return 0;
	if (n == 3)
		return 1;
	if (s[3] != '.' || n < 5 || n > 6)
		return 0;
	return is_digit(s[4]) && (n == 5 || is_digit(s[5]));
}

/* ll or lll, then optionally -Ssss (script), then optionally -RR or -999. */
int store_valid_lang(const char *s)
{
	size_t n = 0;

	while (is_lower(s[n]))
		n++;
	if (n < 2 || n > 3)
		return 0;
	s += n;
	if (s[0] == '-' && is_upper(s[1]) && is_lower(s[2]) && is_lower(s[3]) &&
	    is_lower(s[4]) && (s[5] == '\0' || s[5] == '-'))
		s += 5;
	if (s[0] == '\0')
		return 1;
	if (s[0] != '-')
		return 0;
	s++;
	if (is_upper(s[0]) && is_upper(s[1]) && s[2] == '\0')
		return 1;
	return is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && s[3] == '\0';
}

/* ICU's legacy Java ids and SystemV zones, which are not IANA names. */
static const char *const tz_not_iana[] = {
	"ACT", "AET", "AGT", "ART", "AST", "BET", "BST", "CAT", "CNT", "CST", "CTT", "EAT", "ECT",
	"IET", "IST", "JST", "MIT", "NET", "NST", "PLT", "PNT", "PRT", "PST", "SST", "VST",
};

int store_valid_tz(const char *s)
{
	UChar id[128];
	UChar canon[128];
	UBool system = 0;
	UErrorCode status = U_ZERO_ERROR;
	size_t n = strlen(s);

	if (n == 0 || n >= 64 || strncmp(s, "SystemV/", 8) == 0)
		return 0;
	for (size_t i = 0; i < sizeof(tz_not_iana) / sizeof(tz_not_iana[0]); i++)
		if (strcmp(s, tz_not_iana[i]) == 0)
			return 0;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p >= 0x80 || *p <= ' ')
			return 0;
	u_uastrncpy(id, s, (int32_t)(sizeof(id) / sizeof(id[0])));
	ucal_getCanonicalTimeZoneID(id, (int32_t)n, canon, (int32_t)(sizeof(canon) / sizeof(canon[0])),
				    &system, &status);
	return U_SUCCESS(status) && system;
}

int store_valid_hhmm(const char *s)
{
	int h, m;

	if (strlen(s) != 5 || !is_digit(s[0]) || !is_digit(s[1]) || s[2] != ':' ||
	    !is_digit(s[3]) || !is_digit(s[4]))
		return 0;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	return m <= 59 && (h < 24 || (h == 24 && m == 0));
}

int store_valid_url(const char *s)
{
	const char *host;

	if (strncmp(s, "http://", 7) == 0)
		host = s + 7;
	else if (strncmp(s, "https://", 8) == 0)
		host = s + 8;
	else
		return 0;
	if (*host == '\0' || strchr("/?#:@", *host))
		return 0;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f || strchr("<>\"\\^`{|}", *p))
			return 0;
	return 1;
}

/*
 * The UTC instant of a civil date and time, from libc's calendar (timegm);
 * 0 when the date does not exist (2026-02-30): timegm normalises such a
 * date into another one, which shows in the fields it gives back.
 */
static int civil_epoch(int y, int m, int d, int h, int mi, int sec, int64_t *epoch)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	t = timegm(&tm);
	if (tm.tm_year != y - 1900 || tm.tm_mon != m - 1 || tm.tm_mday != d)
		return 0;
	*epoch = (int64_t)t;
	return 1;
}

/* Reads exactly n digits at s into *v. */
static int digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

/* YYYY-MM-DD at s (not necessarily the whole string). */
static int parse_date(const char *s, int *y, int *m, int *d)
{
	int64_t epoch;

	if (!digits(s, 4, y) || s[4] != '-' || !digits(s + 5, 2, m) || s[7] != '-' ||
	    !digits(s + 8, 2, d))
		return 0;
	return *m >= 1 && *m <= 12 && *d >= 1 && civil_epoch(*y, *m, *d, 0, 0, 0, &epoch);
}

int store_valid_date(const char *s)
{
	int y, m, d;

	return parse_date(s, &y, &m, &d) && s[10] == '\0';
}

/* The offset part: Z or +HH:MM / -HH:MM; *secs east of UTC. */
static int parse_offset(const char *s, int *secs)
{
	int oh, om;

	if ((s[0] == 'Z' || s[0] == 'z') && s[1] == '\0') {
		*secs = 0;
		return 1;
	}
	if ((s[0] != '+' && s[0] != '-') || !digits(s + 1, 2, &oh) || s[3] != ':' ||
	    !digits(s + 4, 2, &om) || s[6] != '\0' || oh > 23 || om > 59)
		return 0;
	*secs = (oh * 60 + om) * 60 * (s[0] == '-' ? -1 : 1);
	return 1;
}

int store_parse_time(const char *s, int64_t *epoch)
{
	int y, mo, d, h, mi, sec, off;
	const char *p;

	if (!parse_date(s, &y, &mo, &d) || (s[10] != 'T' && s[10] != 't'))
		return 0;
	p = s + 11;
	if (!digits(p, 2, &h) || p[2] != ':' || !digits(p + 3, 2, &mi) || p[5] != ':' ||
	    !digits(p + 6, 2, &sec) || h > 23 || mi > 59 || sec > 60)
		return 0;
	p += 8;
	if (*p == '.') {
		if (!is_digit(p[1]))
			return 0;
		for (p++; is_digit(*p); p++)
			;
	}
	if (!parse_offset(p, &off))
		return 0;
	if (sec == 60)
		sec = 59; /* a leap second sorts with the second before it */
	if (!civil_epoch(y, mo, d, h, mi, sec, epoch))
		return 0;
	*epoch -= off;
	return 1;
}

int store_valid_email(const char *s)
{
	const char *at = strchr(s, '@');

	if (!at || at == s || at[1] == '\0' || strchr(at + 1, '@'))
		return 0;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return 0;
	return 1;
}

int store_valid_phone(const char *s)
{
	int ndigits = 0;

	for (; *s; s++) {
		if (is_digit(*s))
			ndigits++;
		else if (!strchr(" +-()", *s))
			return 0;
	}
	return ndigits > 0;
}

int store_valid_choice(const char *s, const char *choices)
{
	size_t n = strlen(s);

	for (const char *p = choices; *p;) {
		size_t len = strcspn(p, "|");

		if (len == n && n && memcmp(p, s, n) == 0)
			return 1;
		p += len;
		if (*p == '|')
			p++;
	}
	return 0;
}

void store_choices_text(const char *choices, char *out, size_t n)
{
	size_t o = 0;

	if (n == 0)
		return;
	for (const char *p = choices; *p && o + 3 < n; p++) {
		if (*p == '|') {
			out[o++] = ',';
			out[o++] = ' ';
		} else {
			out[o++] = *p;
		}
	}
	out[o] = '\0';
}
