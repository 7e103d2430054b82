/*
 * lib/report/report_util.c - helpers shared by the CycloneDX, OpenVEX and
 * HTML writers.
 *
 * Why it is built this way:
 *  - JSON goes through yajl's generator (quoting, escaping, nesting); the
 *    wrapper keeps the first error and makes later calls do nothing, so a
 *    writer lays its document out as straight-line code and checks once.
 *    Every string passes the util/utf8.h sanitiser before yajl sees it, and
 *    yajl's own UTF-8 validation stays on as a second guard.
 *  - Dates are computed by hand (days from the civil calendar, Howard
 *    Hinnant's algorithm) because timegm() is not POSIX and mktime() reads
 *    the local time zone: a report must not depend on the environment.
 *  - A VEX statement is one CVE with one status and one text for several
 *    components; ordering the findings so that such findings are adjacent
 *    gives both VEX writers the same statements.
 */
#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/report/report_util.h"
#include "util/text.h"
#include "util/error.h"
#include "util/sha256.h"
#include "util/utf8.h"

/* ---- Output ---- */

int cvg__report_write_all(FILE *fp, const char *data, size_t len)
{
	errno = 0;
	if ((len > 0 && fwrite(data, 1, len, fp) != len) || ferror(fp) || fflush(fp) != 0)
		return cvg__error(CVG_EIO, "writing report: %s", strerror(errno ? errno : EIO));
	return 0;
}

/* ---- Dates ---- */

int cvg__report_format_time(char *out, size_t size, long long seconds)
{
	time_t t = (time_t)seconds;
	struct tm tm;

	if ((long long)t != seconds || gmtime_r(&t, &tm) == NULL || tm.tm_year + 1900 > 9999 ||
	        tm.tm_year + 1900 < 0 || strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return cvg__error(CVG_EINVAL, "timestamp %lld is out of range", seconds);
	return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant, "chrono-
 * compatible low-level date algorithms", days_from_civil). */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

/* n digits at *p into *out; advances p. */
static bool digits(const char **p, int n, unsigned *out)
{
	unsigned v = 0;

	for (int i = 0; i < n; i++) {
		if ((*p)[i] < '0' || (*p)[i] > '9')
			return false;
		v = v * 10 + (unsigned)((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return true;
}

static bool lit(const char **p, char c)
{
	if (**p != c)
		return false;
	(*p)++;
	return true;
}

bool cvg__report_parse_time(long long *out, const char *s)
{
	static const unsigned mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	const char *p = s;
	unsigned y, mo, d, h, mi, sec = 0, oh = 0, om = 0;
	int sign = 0;

	if (s == NULL || !digits(&p, 4, &y) || !lit(&p, '-') || !digits(&p, 2, &mo) ||
	        !lit(&p, '-') || !digits(&p, 2, &d) || !lit(&p, 'T') || !digits(&p, 2, &h) ||
	        !lit(&p, ':') || !digits(&p, 2, &mi))
		return false;
	if (lit(&p, ':')) {
		if (!digits(&p, 2, &sec))
			return false;
		if (lit(&p, '.')) {
			if (*p < '0' || *p > '9')
				return false;
			while (*p >= '0' && *p <= '9')
				p++;
		}
	}
	if (*p == 'Z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p == '+' ? 1 : -1;
		p++;
		if (!digits(&p, 2, &oh) || !lit(&p, ':') || !digits(&p, 2, &om) || oh > 23 ||
		        om > 59)
			return false;
	}
	if (*p != '\0' || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 || mi > 59 ||
	        sec > 60)
		return false;
	*out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec -
	       sign * (long long)(oh * 3600 + om * 60);
	return true;
}

/* ---- JSON ---- */

const char *cvg__report_severity_lower(const char *severity)
{
	static const char *const names[] = {"critical", "high", "medium", "low", "none"};

	if (severity == NULL)
		return "unknown";
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		size_t n = strlen(names[i]), k;
		for (k = 0; k < n; k++) {
			char c = severity[k];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != names[i][k])
				break;
		}
		if (k == n && severity[n] == '\0')
			return names[i];
	}
	return "unknown";
}

static void jw_check(cvg__jw *w, yajl_gen_status st)
{
	if (st != yajl_gen_status_ok && w->error == 0)
		w->error = cvg__error(CVG_ERROR,
		        "writing the %s report: yajl generator failed (%d)", w->what, (int)st);
}

int cvg__jw_init(cvg__jw *w, const char *what)
{
	memset(w, 0, sizeof(*w));
	w->what = what;
	if ((w->g = yajl_gen_alloc(NULL)) == NULL)
		return w->error = cvg__error_oom();
	if (!yajl_gen_config(w->g, yajl_gen_beautify, 1) ||
	        !yajl_gen_config(w->g, yajl_gen_indent_string, "  ") ||
	        !yajl_gen_config(w->g, yajl_gen_validate_utf8, 1))
		return w->error = cvg__error(CVG_ERROR, "configuring the JSON generator failed");
	return 0;
}

void cvg__jw_dispose(cvg__jw *w)
{
	if (w->g)
		yajl_gen_free(w->g);
	w->g = NULL;
}

void cvg__jw_map_open(cvg__jw *w)
{
	if (w->error == 0)
		jw_check(w, yajl_gen_map_open(w->g));
}

void cvg__jw_map_close(cvg__jw *w)
{
	if (w->error == 0)
		jw_check(w, yajl_gen_map_close(w->g));
}

void cvg__jw_array_open(cvg__jw *w)
{
	if (w->error == 0)
		jw_check(w, yajl_gen_array_open(w->g));
}

void cvg__jw_array_close(cvg__jw *w)
{
	if (w->error == 0)
		jw_check(w, yajl_gen_array_close(w->g));
}

void cvg__jw_str(cvg__jw *w, const char *s)
{
	cvg_buf b = CVG_BUF_INIT(CVG__REPORT_TEXT_MAX);
	int rc;

	if (w->error)
		return;
	if (s == NULL) {
		jw_check(w, yajl_gen_null(w->g));
		return;
	}
	if ((rc = cvg__utf8_sanitize(&b, s, strlen(s))) < 0) {
		w->error = rc;
		cvg__buf_dispose(&b);
		return;
	}
	jw_check(w, yajl_gen_string(w->g, (const unsigned char *)(b.ptr ? b.ptr : ""), b.len));
	cvg__buf_dispose(&b);
}

void cvg__jw_kv(cvg__jw *w, const char *key, const char *value)
{
	if (value == NULL)
		return;
	cvg__jw_str(w, key);
	cvg__jw_str(w, value);
}

void cvg__jw_int(cvg__jw *w, long long n)
{
	if (w->error == 0)
		jw_check(w, yajl_gen_integer(w->g, n));
}

void cvg__jw_number(cvg__jw *w, const char *s)
{
	assert(cvg__json_is_number(s));
	if (w->error == 0)
		jw_check(w, yajl_gen_number(w->g, s, strlen(s)));
}

int cvg__jw_write(cvg__jw *w, FILE *fp)
{
	const unsigned char *data;
	size_t len;

	if (w->error)
		return w->error;
	jw_check(w, yajl_gen_get_buf(w->g, &data, &len));
	if (w->error)
		return w->error;
	return cvg__report_write_all(fp, (const char *)data, len);
}

/* ---- Several inventories ---- */

void cvg__report_totals(cvg_scan_result *out, const cvg_report_suite *suites, size_t nsuites)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < nsuites; i++) {
		const cvg_scan_result *r = suites[i].res;
		out->ncomponents += r->ncomponents;
		out->nfindings += r->nfindings;
		out->nfailing += r->nfailing;
		out->nignored += r->nignored;
		out->nconditional += r->nconditional;
		out->nbelow += r->nbelow;
		out->nexpired += r->nexpired;
		out->nnew += r->nnew;
		out->nknown += r->nknown;
		out->nresolved += r->nresolved;
		out->nunmapped += r->nunmapped;
		out->nunassessed += r->nunassessed;
	}
	if (nsuites > 0) {
		out->db_path = suites[0].res->db_path;
		out->db_updated = suites[0].res->db_updated;
	}
}

static bool same_inventory(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

int cvg__report_suite_label(cvg_buf *out, const cvg_report_suite *suites, size_t nsuites, size_t i)
{
	size_t same = 0;
	int error;

	assert(i < nsuites);
	(void)nsuites;
	cvg__buf_clear(out);
	for (size_t k = 0; k < i; k++)
		same += same_inventory(suites[k].inventory, suites[i].inventory);
	if (suites[i].inventory == NULL)
		return cvg__buf_printf(out, "inventory %zu", i + 1);
	if ((error = cvg__buf_puts(out, suites[i].inventory)) < 0 ||
	        (same > 0 && (error = cvg__buf_printf(out, " (%zu)", same + 1)) < 0))
		return error;
	return 0;
}

size_t cvg__report_component_base(const cvg_report_suite *suites, size_t i)
{
	size_t base = 0;

	for (size_t k = 0; k < i; k++)
		base += suites[k].res->ncomponents;
	return base;
}

/* ---- VEX statements ---- */

cvg__vex_class cvg__report_vex_class(const cvg_finding *f)
{
	if (f->ignored)
		return CVG__VEX_IGNORED;
	if (f->unassessed)
		return CVG__VEX_UNASSESSED;
	return f->conditional ? CVG__VEX_CONDITIONAL : CVG__VEX_MATCHED;
}

static int strcmp_null(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

/* The text that a statement carries besides its status. */
static const char *vex_text(const cvg_finding *f)
{
	switch (cvg__report_vex_class(f)) {
	case CVG__VEX_IGNORED:
		return f->ignored->reason;
	case CVG__VEX_CONDITIONAL:
		return f->condition;
	case CVG__VEX_UNASSESSED:
		return f->criterion;
	case CVG__VEX_MATCHED:
		break;
	}
	return NULL;
}

static int vex_key_cmp(const cvg_finding *a, const cvg_finding *b)
{
	int c;

	if ((c = strcmp_null(a->cve->id, b->cve->id)) != 0)
		return c;
	if ((c = (int)cvg__report_vex_class(a) - (int)cvg__report_vex_class(b)) != 0)
		return c;
	if ((c = (int)a->failing - (int)b->failing) != 0)
		return c;
	return strcmp_null(vex_text(a), vex_text(b));
}

bool cvg__report_vex_same(const cvg__vex_item *a, const cvg__vex_item *b)
{
	return vex_key_cmp(a->f, b->f) == 0;
}

static int vex_cmp(const void *pa, const void *pb)
{
	const cvg__vex_item *a = pa, *b = pb;
	int c;

	if ((c = vex_key_cmp(a->f, b->f)) != 0)
		return c;
	if (a->component != b->component)
		return a->component < b->component ? -1 : 1;
	/* the array order, so the sort is stable */
	return a->f < b->f ? -1 : (a->f > b->f);
}

int cvg__report_vex_order(
        cvg__vex_item **out, size_t *count, const cvg_report_suite *suites, size_t nsuites)
{
	size_t n = 0, k = 0;
	cvg__vex_item *items;

	for (size_t s = 0; s < nsuites; s++)
		n += suites[s].res->nfindings;
	if ((items = malloc((n ? n : 1) * sizeof(*items))) == NULL)
		return cvg__error_oom();
	for (size_t s = 0, base = 0; s < nsuites; base += suites[s++].res->ncomponents) {
		const cvg_scan_result *res = suites[s].res;
		for (size_t i = 0; i < res->nfindings; i++, k++) {
			assert(res->findings[i].component < res->ncomponents);
			items[k].f = &res->findings[i];
			items[k].c = &res->components[res->findings[i].component];
			items[k].component = base + res->findings[i].component;
			items[k].suite = s;
		}
	}
	qsort(items, n, sizeof(*items), vex_cmp);
	*out = items;
	*count = n;
	return 0;
}

/* ---- Identifiers ---- */

int cvg__report_uuid(char *out, const char *text, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	cvg_sha256 *h = NULL;
	char digest[CVG_SHA256_HEX_LEN + 1];
	char *o = out;
	int error;

	if ((error = cvg__sha256_new(&h)) < 0 || (error = cvg__sha256_update(h, text, len)) < 0 ||
	        (error = cvg__sha256_final_hex(h, digest)) < 0)
		goto done;
	/* the first 32 hex digits, with the version (5) and variant (10xx) bits set */
	digest[12] = '5';
	digest[16] = hex[8 + (strchr(hex, digest[16]) - hex) % 4];
	for (int i = 0; i < 32; i++) {
		if (i == 8 || i == 12 || i == 16 || i == 20)
			*o++ = '-';
		*o++ = digest[i];
	}
	*o = '\0';
done:
	cvg__sha256_free(h);
	return error;
}

/* purl-spec: a name or version is percent-encoded except for the
 * unreserved characters of RFC 3986. */
static int purl_encode(cvg_buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *clean = cvg__utf8_sanitize_dup(s);
	int error = 0;

	if (clean == NULL)
		return cvg__error_oom();
	for (const unsigned char *p = (const unsigned char *)clean; *p && error == 0; p++) {
		unsigned char c = *p;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		        c == '.' || c == '-' || c == '_' || c == '~') {
			error = cvg__buf_putc(out, (char)c);
		} else {
			char esc[3] = {'%', hex[c >> 4], hex[c & 15]};
			error = cvg__buf_put(out, esc, 3);
		}
	}
	free(clean);
	return error;
}

int cvg__report_generic_purl(cvg_buf *out, const char *name, const char *version)
{
	int error;

	if ((error = cvg__buf_puts(out, "pkg:generic/")) < 0 ||
	        (error = purl_encode(out, name ? name : "unknown")) < 0)
		return error;
	if (version && *version &&
	        ((error = cvg__buf_putc(out, '@')) < 0 || (error = purl_encode(out, version)) < 0))
		return error;
	return 0;
}
