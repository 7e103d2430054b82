/*
 * lib/update_api.c - `db update --source nvd-api`: download CVE pages from
 * the NVD API 2.0 (https://nvd.nist.gov/developers/vulnerabilities) into
 * files the importer reads (lib/nvd.c reads API pages as they come).
 *
 * How the API is used, and why:
 * - Paging: startIndex from 0, resultsPerPage=2000 (the maximum); the next
 *   startIndex is this one plus the records this page actually held, until
 *   totalResults is reached. A server may send fewer than asked for, so the
 *   count we advance by is the page's, never the one we asked.
 * - Incremental: lastModStartDate/lastModEndDate windows of at most 120
 *   days (the API's limit) from `since` to o->now. Dates are sent as
 *   "YYYY-MM-DDTHH:MM:SS.000+00:00" (the '+' encoded as %2B): the NVD's
 *   documentation calls the offset optional, but since 2025-07-24 the API
 *   answers 404 "Invalid ISO 8601 date/time format" without one (reported in
 *   vehemont/nvdlib#63 and aquasecurity/vuln-list-update#361).
 * - Pacing is the fetcher's: the caller creates it with min_interval_s 6
 *   without a key and 0.6 with one (the NVD allows 5 requests per rolling 30
 *   s window without a key and 50 with one, and asks clients to sleep about
 *   6 s between requests), and with retries, which honour Retry-After on 403,
 *   429 and 5xx. This function cannot change a fetcher's options and does
 *   not try: tests pass a fetcher with no pacing.
 * - The API key lives only in the fetcher, which sends it as the apiKey
 *   header. URLs built here never carry it, so no message, progress line,
 *   file name or page written here can contain it.
 * - Each page is checked before the next is asked for: it must be JSON, an
 *   NVD_CVE page for the startIndex asked, and its resultsPerPage,
 *   startIndex, totalResults and record count must agree. A page that fails
 *   is an error naming the URL, and every page already written is removed.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yajl/yajl_parse.h>

#include "cvegate/error.h"
#include "lib/update_api.h"
#include "lib/update_internal.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/gzfile.h"
#include "util/text.h"

/* More results than this in one query is not the NVD (about 300,000 CVEs
 * in 2025): a hostile server could otherwise keep us paging for ever. */
#define MAX_TOTAL_RESULTS 10000000LL

/* Pages one update may download: a full download is about 150. */
#define MAX_PAGES 20000u

#define CHECK_CHUNK (64u * 1024u)

/* ---- Times ---- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil algorithm). */
static long long days_from_civil(long long y, long long m, long long d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long long z, long long *y, long long *m, long long *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* n digits at *p into *out; advances *p. */
static bool digits(const char **p, int n, long long *out)
{
	long long v = 0;

	for (int i = 0; i < n; i++) {
		char c = (*p)[i];
		if (c < '0' || c > '9')
			return false;
		v = v * 10 + (c - '0');
	}
	*p += n;
	*out = v;
	return true;
}

static bool expect(const char **p, char c)
{
	if (**p != c)
		return false;
	(*p)++;
	return true;
}

int cvg__api_parse_time(long long *out, const char *s)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	const char *p = s;
	long long y, mo, d, h, mi, sec, days;
	bool leap;

	*out = 0;
	if (!digits(&p, 4, &y) || !expect(&p, '-') || !digits(&p, 2, &mo) || !expect(&p, '-') ||
	        !digits(&p, 2, &d) || !expect(&p, 'T') || !digits(&p, 2, &h) || !expect(&p, ':') ||
	        !digits(&p, 2, &mi) || !expect(&p, ':') || !digits(&p, 2, &sec))
		goto bad;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			goto bad;
		for (int i = 0; *p >= '0' && *p <= '9'; i++, p++)
			if (i == 9)
				goto bad;
	}
	if (*p == 'Z')
		p++;
	else if (strcmp(p, "+00:00") == 0)
		p += 6;
	if (*p != '\0')
		goto bad;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	        (mo == 2 && d == 29 && !leap) || h > 23 || mi > 59 || sec > 59)
		goto bad;
	days = days_from_civil(y, mo, d);
	*out = days * 86400 + h * 3600 + mi * 60 + sec;
	return 0;
bad:;
	char q[CVG__QUOTE_SIZE];
	cvg__quote(q, sizeof(q), s, strlen(s));
	return cvg__error(
	        CVG_EINVAL, "expected a UTC time as YYYY-MM-DDTHH:MM:SS[.000][Z], found \"%s\"", q);
}

void cvg__api_format_time(char out[CVG__API_TIME_SIZE], long long t)
{
	char tmp[96]; /* room for any long long, to keep -Wformat-truncation calm */
	long long y, m, d, s;

	if (t < 0)
		t = 0;
	s = t % 86400;
	civil_from_days(t / 86400, &y, &m, &d);
	snprintf(tmp, sizeof(tmp), "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.000", y % 10000, m, d,
	        s / 3600, s / 60 % 60, s % 60);
	memcpy(out, tmp, CVG__API_TIME_SIZE - 1);
	out[CVG__API_TIME_SIZE - 1] = '\0';
}

int cvg__api_windows(cvg__api_window **out, size_t *n, long long since, long long now)
{
	cvg__api_window *w;
	size_t count = 0, i;
	long long t;

	*out = NULL;
	*n = 0;
	if (since >= now)
		return 0;
	count = (size_t)((now - since + CVG__API_WINDOW_S - 1) / CVG__API_WINDOW_S);
	if ((w = calloc(count, sizeof(*w))) == NULL)
		return cvg__error_oom();
	for (i = 0, t = since; i < count; i++, t += CVG__API_WINDOW_S) {
		w[i].start = t;
		w[i].end = now - t > CVG__API_WINDOW_S ? t + CVG__API_WINDOW_S : now;
	}
	*out = w;
	*n = count;
	return 0;
}

/* ---- Checking a page ---- */

enum slot { S_NONE, S_PER_PAGE, S_START, S_TOTAL, S_FORMAT, S_VULNS };

typedef struct page_scan {
	size_t depth;      /* open containers */
	enum slot slot;    /* what the value after the current top-level key is */
	bool top_map;      /* the document is an object */
	bool in_vulns;     /* inside the top-level vulnerabilities array */
	bool seen_vulns;   /* it exists and is an array */
	unsigned seen;     /* bit per counter seen */
	bool format_ok;    /* format is "NVD_CVE" */
	long long nums[3]; /* resultsPerPage, startIndex, totalResults */
	size_t records;
} page_scan;

static int ps_value(page_scan *ps)
{
	/* a scalar at the top leaves top_map false: "not an API page" */
	if (ps->depth == 1)
		ps->slot = S_NONE;
	return 1;
}

static int ps_null(void *ctx)
{
	return ps_value(ctx);
}

static int ps_bool(void *ctx, int b)
{
	(void)b;
	return ps_value(ctx);
}

static int ps_integer(void *ctx, long long v)
{
	page_scan *ps = ctx;

	if (ps->depth == 1 && ps->slot >= S_PER_PAGE && ps->slot <= S_TOTAL) {
		ps->nums[ps->slot - S_PER_PAGE] = v;
		ps->seen |= 1u << (ps->slot - S_PER_PAGE);
	}
	return ps_value(ps);
}

static int ps_double(void *ctx, double v)
{
	(void)v;
	return ps_value(ctx);
}

static int ps_string(void *ctx, const unsigned char *s, size_t len)
{
	page_scan *ps = ctx;

	if (ps->depth == 1 && ps->slot == S_FORMAT)
		ps->format_ok = len == 7 && memcmp(s, "NVD_CVE", 7) == 0;
	return ps_value(ps);
}

static int ps_start_map(void *ctx)
{
	page_scan *ps = ctx;

	if (ps->depth == 0)
		ps->top_map = true;
	else if (ps->depth == 2 && ps->in_vulns)
		ps->records++;
	ps->depth++;
	return 1;
}

static int ps_key(void *ctx, const unsigned char *k, size_t len)
{
	page_scan *ps = ctx;

	if (ps->depth != 1)
		return 1;
#define KEY(name) (len == sizeof(name) - 1 && memcmp(k, name, len) == 0)
	ps->slot = KEY("resultsPerPage")    ? S_PER_PAGE
	           : KEY("startIndex")      ? S_START
	           : KEY("totalResults")    ? S_TOTAL
	           : KEY("format")          ? S_FORMAT
	           : KEY("vulnerabilities") ? S_VULNS
	                                    : S_NONE;
#undef KEY
	return 1;
}

static int ps_end(void *ctx)
{
	page_scan *ps = ctx;

	ps->depth--;
	if (ps->depth == 1) {
		ps->in_vulns = false;
		ps->slot = S_NONE;
	}
	return 1;
}

static int ps_start_array(void *ctx)
{
	page_scan *ps = ctx;

	if (ps->depth == 1 && ps->slot == S_VULNS) {
		ps->in_vulns = true;
		ps->seen_vulns = true;
	}
	ps->depth++;
	return 1;
}

static const yajl_callbacks page_callbacks = {
        ps_null,
        ps_bool,
        ps_integer,
        ps_double,
        NULL,
        ps_string,
        ps_start_map,
        ps_key,
        ps_end,
        ps_start_array,
        ps_end,
};

static int not_json(yajl_handle h, const char *url, const unsigned char *chunk, size_t len)
{
	unsigned char *msg = yajl_get_error(h, 0, chunk, len);
	char q[CVG__QUOTE_SIZE];
	int error;

	cvg__quote(q, sizeof(q), msg ? (const char *)msg : "", msg ? strlen((char *)msg) : 0);
	error = cvg__error(CVG_EPARSE, "%s: the NVD API sent a page that is not JSON (%s)", url, q);
	if (msg)
		yajl_free_error(h, msg);
	return error;
}

int cvg__api_check_page(
        cvg__api_page *out, const char *path, const char *url, long long start_index)
{
	static const char *const names[] = {"resultsPerPage", "startIndex", "totalResults"};
	page_scan ps;
	cvg_gzfile *gz = NULL;
	yajl_handle h = NULL;
	unsigned char *chunk = NULL;
	size_t n = 0;
	int error = 0;

	memset(out, 0, sizeof(*out));
	memset(&ps, 0, sizeof(ps));
	if ((chunk = malloc(CHECK_CHUNK)) == NULL ||
	        (h = yajl_alloc(&page_callbacks, NULL, &ps)) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	if ((error = cvg__gzfile_open(&gz, path, 0)) < 0)
		goto done;
	for (;;) {
		if ((error = cvg__gzfile_read(&n, gz, chunk, CHECK_CHUNK)) < 0)
			goto done;
		if (n == 0)
			break;
		if (yajl_parse(h, chunk, n) != yajl_status_ok) {
			error = not_json(h, url, chunk, n);
			goto done;
		}
	}
	if (yajl_complete_parse(h) != yajl_status_ok) {
		error = not_json(h, url, chunk, 0);
		goto done;
	}
	if (!ps.top_map || !ps.format_ok || !ps.seen_vulns) {
		error = cvg__error(CVG_EPARSE,
		        "%s: not an NVD API 2.0 CVE page (expected an object with \"format\": "
		        "\"NVD_CVE\" and a \"vulnerabilities\" array)",
		        url);
		goto done;
	}
	for (unsigned i = 0; i < 3; i++)
		if (!(ps.seen & (1u << i)) || ps.nums[i] < 0) {
			error = cvg__error(CVG_EPARSE,
			        "%s: not an NVD API 2.0 CVE page (expected a count \"%s\")", url,
			        names[i]);
			goto done;
		}
	out->results_per_page = ps.nums[0];
	out->start_index = ps.nums[1];
	out->total_results = ps.nums[2];
	out->records = ps.records;
	if (out->start_index != start_index) {
		error = cvg__error(CVG_EPARSE, "%s: expected startIndex %lld, found %lld", url,
		        start_index, out->start_index);
		goto done;
	}
	if (out->total_results > MAX_TOTAL_RESULTS) {
		error = cvg__error(CVG_ELIMIT,
		        "%s: totalResults %lld is more than the %lld accepted", url,
		        out->total_results, MAX_TOTAL_RESULTS);
		goto done;
	}
	/* resultsPerPage is the number of records in this page (the NVD says so
	 * on a short last page too); a server that echoes the number asked for
	 * is accepted on the last page only. */
	if ((long long)ps.records > out->results_per_page ||
	        (long long)ps.records + start_index > out->total_results ||
	        ((long long)ps.records < out->results_per_page &&
	                (long long)ps.records + start_index != out->total_results) ||
	        (ps.records == 0 && start_index < out->total_results)) {
		error = cvg__error(CVG_EPARSE,
		        "%s: inconsistent page: %zu records, resultsPerPage %lld, startIndex %lld, "
		        "totalResults %lld",
		        url, ps.records, out->results_per_page, start_index, out->total_results);
		goto done;
	}
done:
	cvg__gzfile_close(gz);
	if (h)
		yajl_free(h);
	free(chunk);
	return error;
}

/* ---- Downloading ---- */

typedef struct page_list {
	char **paths;
	size_t n;
	size_t cap;
} page_list;

static int list_push(page_list *l, char *path)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		char **p = realloc(l->paths, cap * sizeof(*p));
		if (p == NULL)
			return cvg__error_oom();
		l->paths = p;
		l->cap = cap;
	}
	l->paths[l->n++] = path;
	return 0;
}

static void list_dispose(page_list *l, bool remove_files)
{
	for (size_t i = 0; i < l->n; i++) {
		if (remove_files)
			unlink(l->paths[i]);
		free(l->paths[i]);
	}
	free(l->paths);
	memset(l, 0, sizeof(*l));
}

/* The fetcher says 404 for the API's "bad parameter" answers; say what it means. */
static int fetch_failed(int error)
{
	char msg[1024];

	if (error != CVG_ENOTFOUND)
		return error;
	snprintf(msg, sizeof(msg), "%s", cvg_error_last());
	return cvg__error(CVG_EIO,
	        "%s (the NVD API answers 404 to an invalid apiKey, date or parameter)", msg);
}

/* Download every page of one query: `window` NULL means every CVE. */
static int fetch_query(page_list *pages, cvg_fetcher *f, const cvg_update_options *o,
        const char *base, const cvg__api_window *window, size_t wi, size_t nw, const char *dir)
{
	char from[CVG__API_TIME_SIZE] = "", to[CVG__API_TIME_SIZE] = "";
	cvg_buf url = CVG_BUF_INIT(8192), path = CVG_BUF_INIT(8192);
	const char *sep = strchr(base, '?') ? "&" : "?";
	long long start = 0;
	cvg__api_page page;
	int error = 0;

	if (window) {
		cvg__api_format_time(from, window->start);
		cvg__api_format_time(to, window->end);
	}
	do {
		if (pages->n >= MAX_PAGES) {
			error = cvg__error(CVG_ELIMIT, "%s: more than %u pages in one update", base,
			        MAX_PAGES);
			goto done;
		}
		cvg__buf_clear(&url);
		cvg__buf_clear(&path);
		if ((error = cvg__buf_printf(&url, "%s%sstartIndex=%lld&resultsPerPage=%d", base,
		             sep, start, CVG__API_PAGE)) < 0 ||
		        (window &&
		                (error = cvg__buf_printf(&url,
		                         "&lastModStartDate=%s%%2B00:00&lastModEndDate=%s%%2B00:00",
		                         from, to)) < 0) ||
		        (error = cvg__buf_printf(
		                 &path, "%s/nvd-api-%04zu-%09lld.json", dir, wi, start)) < 0)
			goto done;
		if ((error = cvg_fetch_file(f, url.ptr, path.ptr, NULL, NULL)) < 0) {
			error = fetch_failed(error);
			goto done;
		}
		if ((error = list_push(pages, path.ptr)) < 0) {
			unlink(path.ptr);
			goto done;
		}
		path.ptr = NULL; /* owned by the list now */
		path.len = path.cap = 0;
		if ((error = cvg__api_check_page(
		             &page, pages->paths[pages->n - 1], url.ptr, start)) < 0)
			goto done;
		start += (long long)page.records;
		if (!o->quiet) {
			if (window)
				cvg__warnf(o->progress, o->payload,
				        "NVD API: changed %s to %s (window %zu of %zu): %lld of "
				        "%lld "
				        "CVEs",
				        from, to, wi + 1, nw, start, page.total_results);
			else
				cvg__warnf(o->progress, o->payload,
				        "NVD API: all CVEs: %lld of %lld", start,
				        page.total_results);
		}
	} while (start < page.total_results);
done:
	cvg__buf_dispose(&url);
	cvg__buf_dispose(&path);
	return error;
}

int cvg__update_api_fetch(cvg_fetcher *f, const cvg_update_options *o, const char *since,
        const char *dir, char ***files, size_t *nfiles, char **until)
{
	char end[CVG__API_TIME_SIZE];
	const char *base = o->mirror ? o->mirror : CVG__API_URL;
	cvg__api_window *windows = NULL;
	page_list pages = {NULL, 0, 0};
	size_t nw = 0;
	long long t0 = 0, last;
	int error = 0;

	*files = NULL;
	*nfiles = 0;
	*until = NULL;
	if (o->now < 0) {
		error = cvg__error(CVG_EINVAL, "NVD API: the current time is before 1970");
		goto done;
	}
	if (since && (error = cvg__api_parse_time(&t0, since)) < 0) {
		char msg[1024];
		snprintf(msg, sizeof(msg), "%s", cvg_error_last());
		error = cvg__error(CVG_EINVAL, "NVD API: time of the last update: %s", msg);
		goto done;
	}
	if (since) {
		if ((error = cvg__api_windows(&windows, &nw, t0, o->now)) < 0)
			goto done;
		for (size_t i = 0; i < nw; i++)
			if ((error = fetch_query(&pages, f, o, base, &windows[i], i, nw, dir)) < 0)
				goto done;
	} else if ((error = fetch_query(&pages, f, o, base, NULL, 0, 1, dir)) < 0) {
		goto done;
	}
	/* never move backwards when the clock did */
	last = since && t0 > o->now ? t0 : o->now;
	cvg__api_format_time(end, last);
	if ((*until = strdup(end)) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	*files = pages.paths;
	*nfiles = pages.n;
	pages.paths = NULL;
	pages.n = 0;
done:
	list_dispose(&pages, error < 0);
	free(windows);
	return error;
}
