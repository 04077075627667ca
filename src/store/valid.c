/*
 * valid.c - checks of single values: refs, country codes (the ISO 3166-1
 * alpha-2 list), IANA time zones and dates (core/time.h), URLs,
 * e-mail addresses, phone numbers, language tags, concept ids, NACE codes,
 * times of day ("HH:MM").
 *
 * Each returns 1 when the value is acceptable, 0 when not; the caller says
 * what is wrong.
 */
#include "store/store_int.h"

#include "core/time.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int store_valid_tz(const char *s)
{
	return time_zone_iana(s);
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

int store_valid_date(const char *s)
{
	return time_valid_date(s);
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
