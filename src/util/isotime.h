/*
 * util/isotime.h - ISO 8601 UTC times and seconds since the epoch, without
 * the C library's local time zone (timegm is not C11 and mktime is local).
 */
#ifndef CVG_UTIL_ISOTIME_H
#define CVG_UTIL_ISOTIME_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Parse "YYYY-MM-DD", optionally followed by "THH:MM", ":SS", ".fraction"
 * (ignored) and a zone "Z", "+HH:MM", "-HH:MM" or "+HHMM"; no zone means
 * UTC (the NVD's 2.0 timestamps have none). A space may stand for the 'T'.
 * Returns true and *out (seconds since 1970-01-01T00:00:00Z) when the whole
 * string has that shape with fields in range, false otherwise.
 */
bool cvg__isotime_parse(long long *out, const char *s);

/* Seconds or an ISO 8601 time (CVEGATE_NOW accepts both): true on success. */
bool cvg__isotime_parse_any(long long *out, const char *s);

/* Format t as "YYYY-MM-DDTHH:MM:SSZ" into out (at least 32 bytes). */
void cvg__isotime_format(char *out, size_t size, long long t);

#endif
