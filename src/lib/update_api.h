/*
 * lib/update_api.h - the testable parts of the NVD API 2.0 client
 * (library-internal): times, 120-day windows and the page check. The
 * download itself is cvg__update_api_fetch() in lib/update_internal.h.
 */
#ifndef CVG_LIB_UPDATE_API_H
#define CVG_LIB_UPDATE_API_H

#include <stddef.h>

/* The API's endpoint for CVEs. */
#define CVG__API_URL "https://services.nvd.nist.gov/rest/json/cves/2.0"

/* "The maximum allowable range when using any date range parameters is 120
 * consecutive days" (nvd.nist.gov/developers/vulnerabilities). */
#define CVG__API_WINDOW_S (120LL * 86400)

/* "resultsPerPage ... maximum allowable limit of 2,000" (same page). */
#define CVG__API_PAGE 2000

/* A time as the importer and cvg__update_api_fetch() exchange it:
 * "YYYY-MM-DDTHH:MM:SS.000", UTC; 23 characters and the NUL. */
#define CVG__API_TIME_SIZE 24

typedef struct cvg__api_window {
	long long start; /* seconds since the epoch, UTC */
	long long end;
} cvg__api_window;

/*
 * Parse "YYYY-MM-DDTHH:MM:SS", optionally followed by a fraction
 * (".000", dropped) and "Z" or "+00:00" (other offsets are refused: the
 * caller's times are UTC). Years 1970-9999. Returns 0 or CVG_EINVAL.
 */
int cvg__api_parse_time(long long *out, const char *s);

/* Format t as "YYYY-MM-DDTHH:MM:SS.000" (UTC). t must be >= 0. */
void cvg__api_format_time(char out[CVG__API_TIME_SIZE], long long t);

/*
 * Cut [since, now] into consecutive windows of at most CVG__API_WINDOW_S
 * seconds, each starting where the previous one ended (the API's bounds are
 * inclusive, so a record changed at a boundary comes twice, which the
 * importer absorbs). since >= now gives no window. *out (malloc'd) and *n.
 * Returns 0 or CVG_ENOMEM.
 */
int cvg__api_windows(cvg__api_window **out, size_t *n, long long since, long long now);

/* What the envelope of an API page says, and how many records it holds. */
typedef struct cvg__api_page {
	long long results_per_page;
	long long start_index;
	long long total_results;
	size_t records; /* elements of vulnerabilities[] */
} cvg__api_page;

/*
 * Read the API page in the file `path` (plain or gzip JSON) and check that
 * it is a CVE API page (format "NVD_CVE", the three counters, a
 * vulnerabilities array) asked for at `start_index`, and that its counters
 * agree with each other and with the records it holds. Messages name `url`.
 * Returns 0, CVG_EPARSE (not JSON, not an API page, inconsistent), CVG_EIO,
 * CVG_ENOMEM.
 */
int cvg__api_check_page(
        cvg__api_page *out, const char *path, const char *url, long long start_index);

#endif
