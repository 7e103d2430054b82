/*
 * util/isotime.c - ISO 8601 UTC times to and from seconds since the epoch.
 *
 * The conversion between a civil date and a day count is the proleptic
 * Gregorian calendar's arithmetic (the algorithm Howard Hinnant published
 * as days_from_civil/civil_from_days), so no time zone database or
 * process-wide TZ setting is involved: CVEGATE_NOW and the NVD's
 * lastModifiedDate ("2023-12-30T03:02:38-05:00") mean the same instant on
 * every machine.
 */
#include <stdio.h>
#include <string.h>

#include "util/isotime.h"

static long long days_from_civil(long long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

/* n decimal digits at *p into *out; advances *p. */
static bool digits(const char **p, unsigned n, unsigned *out)
{
	unsigned v = 0;

	for (unsigned i = 0; i < n; i++) {
		char c = (*p)[i];
		if (c < '0' || c > '9')
			return false;
		v = v * 10 + (unsigned)(c - '0');
	}
	*p += n;
	*out = v;
	return true;
}

static bool leap(unsigned y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool cvg__isotime_parse(long long *out, const char *s)
{
	static const unsigned mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	unsigned y, mo, d, h = 0, mi = 0, sec = 0, zh = 0, zm = 0;
	int sign = 0;
	const char *p = s;

	if (!digits(&p, 4, &y) || *p++ != '-' || !digits(&p, 2, &mo) || *p++ != '-' ||
	        !digits(&p, 2, &d))
		return false;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] + (mo == 2 && leap(y)))
		return false;
	if (*p == 'T' || *p == ' ') {
		p++;
		if (!digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &mi))
			return false;
		if (*p == ':') {
			p++;
			if (!digits(&p, 2, &sec))
				return false;
			if (*p == '.') {
				p++;
				if (*p < '0' || *p > '9')
					return false;
				while (*p >= '0' && *p <= '9')
					p++;
			}
		}
		if (h > 23 || mi > 59 || sec > 60)
			return false;
		if (*p == 'Z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			sign = *p++ == '+' ? 1 : -1;
			if (!digits(&p, 2, &zh))
				return false;
			if (*p == ':')
				p++;
			if (!digits(&p, 2, &zm) || zh > 23 || zm > 59)
				return false;
		}
	}
	if (*p != '\0')
		return false;
	*out = days_from_civil(y, mo, d) * 86400 + (long long)h * 3600 + (long long)mi * 60 +
	       (long long)sec - (long long)sign * ((long long)zh * 3600 + (long long)zm * 60);
	return true;
}

bool cvg__isotime_parse_any(long long *out, const char *s)
{
	long long v = 0;
	size_t i, n = strlen(s);

	if (n > 0 && n <= 15 && strspn(s, "0123456789") == n) {
		for (i = 0; i < n; i++)
			v = v * 10 + (s[i] - '0');
		*out = v;
		return true;
	}
	return cvg__isotime_parse(out, s);
}

void cvg__isotime_format(char *out, size_t size, long long t)
{
	long long z = (t >= 0 ? t : t - 86399) / 86400, secs = t - z * 86400;
	long long era, y;
	unsigned doe, yoe, doy, mp, d, m;

	/* civil_from_days */
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = (long long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	snprintf(out, size, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", y, m, d, secs / 3600,
	        secs % 3600 / 60, secs % 60);
}
