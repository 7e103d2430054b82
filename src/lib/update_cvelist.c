/*
 * lib/update_cvelist.c - the CVE List v5 source of `cvegate db update`:
 * which of the CVE Program's release archives to download, downloading
 * and verifying them. update.c holds the lock, imports and commits.
 *
 * The CVE Program publishes github.com/CVEProject/cvelistV5 releases every
 * hour (tags cve_YYYY-MM-DD_HHMMZ, and cve_YYYY-MM-DD_at_end_of_day), each
 * with the midnight baseline YYYY-MM-DD_all_CVEs_at_midnight.zip.zip (a zip
 * holding cves.zip) and a delta YYYY-MM-DD_delta_CVEs_at_HHMMZ.zip holding
 * every record changed since midnight: cumulative within the day, so the
 * latest delta of a day (its end-of-day one once published) replaces all
 * earlier ones. docs/update.md cites the sources of these facts.
 *
 * Built this way:
 *  - The listing is hostile input: a streaming yajl parse (no DOM, so no
 *    recursion on free) with a nesting limit, a size limit per document,
 *    bounded kept strings, and only full and delta assets kept.
 *  - The plan is a pure function of the listing and the recorded cursor,
 *    so the unit tests give it listings and check the exact choice.
 *  - Every download goes through fetch.c, capped at the listed size; the
 *    size and the sha256 "digest" the API lists (since June 2025) are
 *    checked before anything is imported.
 *  - Taking too much is harmless (the importer keeps the record with the
 *    newest dateUpdated), taking too little loses records silently: every
 *    doubtful case takes more.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <yajl/yajl_parse.h>

#include "cvegate/fetch.h"
#include "lib/update_cvelist.h"
#include "lib/update_internal.h"
#include "util/error.h"
#include "util/isotime.h"
#include "util/sha256.h"
#include "util/text.h"

/* A kept string (name, tag, URL, digest) longer than this is refused. */
#define KEPT_MAX 4096
/* Without a listed size a download is bounded by this. */
#define ASSET_MAX_BYTES ((size_t)4 << 30)
#define URL_MAX 8192

/* ---- Asset names ---- */

static bool digits(const char *s, size_t n, int *out)
{
	int v = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static bool parse_day(const char *s, long *out)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d;

	if (strlen(s) < 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4, &y) ||
	        !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
		return false;
	if (y < 1970 || m < 1 || m > 12 || d < 1)
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d > mdays[m - 1] + (m == 2 && leap))
		return false;
	*out = days_from_civil(y, m, d);
	return true;
}

cvg__cl_name cvg__cvelist_name(const char *name)
{
	cvg__cl_name r = {CVG__CL_OTHER, 0, 0};
	const char *rest;
	int hh, mm;
	long day;

	if (name == NULL || !parse_day(name, &day))
		return r;
	rest = name + 10;
	if (strcmp(rest, "_all_CVEs_at_midnight.zip") == 0 ||
	        strcmp(rest, "_all_CVEs_at_midnight.zip.zip") == 0) {
		r.kind = CVG__CL_FULL;
		r.part = CVG__CL_PART_FULL;
	} else if (strcmp(rest, "_delta_CVEs_at_end_of_day.zip") == 0) {
		r.kind = CVG__CL_DELTA;
		r.part = CVG__CL_PART_EOD;
	} else if (strncmp(rest, "_delta_CVEs_at_", 15) == 0 && strlen(rest) == 15 + 9 &&
	           digits(rest + 15, 2, &hh) && digits(rest + 17, 2, &mm) &&
	           strcmp(rest + 19, "Z.zip") == 0 && hh < 24 && mm < 60) {
		r.kind = CVG__CL_DELTA;
		r.part = hh * 60 + mm;
	} else {
		return r;
	}
	r.day = day;
	return r;
}

/* ---- The listing parser ---- */

enum ctx { K_TOP, K_RELEASES, K_RELEASE, K_ASSETS, K_ASSET, K_SKIP };
enum key { KEY_OTHER, KEY_TAG, KEY_DRAFT, KEY_ASSETS, KEY_NAME, KEY_SIZE, KEY_URL, KEY_DIGEST };
enum vtype { V_NULL, V_BOOL, V_NUM, V_STR, V_MAP, V_ARR };

typedef struct parser {
	yajl_handle h;
	const char *name;
	cvg__cl_listing *out;
	int error;
	unsigned char kind[CVG__CL_MAX_DEPTH + 1];
	size_t depth;
	int key;
	size_t releases;
	/* the release being read */
	char *tag;
	bool draft;
	cvg__cl_asset *rel;
	size_t nrel;
	/* the asset being read */
	cvg__cl_asset cur;
	bool digest_bad;
} parser;

static int fail(parser *p, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(parser *p, int code, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	p->error = cvg__error(code, "%s: byte %llu: %s", p->name,
	        (unsigned long long)yajl_get_bytes_consumed(p->h), what);
	return 0;
}

static void asset_dispose(cvg__cl_asset *a)
{
	free(a->name);
	free(a->tag);
	free(a->url);
	memset(a, 0, sizeof(*a));
}

static int keep(parser *p, char **field, const unsigned char *s, size_t len, const char *what)
{
	if (len > KEPT_MAX)
		return fail(p, CVG_ELIMIT, "%s is longer than %d bytes", what, KEPT_MAX);
	if (memchr(s, '\0', len))
		return fail(p, CVG_EPARSE, "%s holds a NUL character", what);
	free(*field);
	if ((*field = cvg__strndup((const char *)s, len)) == NULL) {
		p->error = cvg__error_oom();
		return 0;
	}
	return 1;
}

static int push(parser *p, enum ctx k)
{
	if (p->depth == CVG__CL_MAX_DEPTH)
		return fail(p, CVG_ELIMIT, "nested deeper than %d", CVG__CL_MAX_DEPTH);
	p->kind[++p->depth] = (unsigned char)k;
	p->key = KEY_OTHER;
	return 1;
}

static int set_digest(parser *p, const unsigned char *s, size_t len)
{
	if (len != 7 + 64 || memcmp(s, "sha256:", 7) != 0)
		return fail(p, CVG_EPARSE, "asset %s: digest is not \"sha256:\" and 64 hex digits",
		        p->cur.name ? p->cur.name : "?");
	for (size_t i = 0; i < 64; i++) {
		char c = (char)s[7 + i];
		if (c >= 'A' && c <= 'F')
			c = (char)(c - 'A' + 'a');
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return fail(p, CVG_EPARSE,
			        "asset %s: digest is not \"sha256:\" and 64 hex digits",
			        p->cur.name ? p->cur.name : "?");
		p->cur.sha256[i] = c;
	}
	p->cur.sha256[64] = '\0';
	p->cur.has_digest = true;
	return 1;
}

static int set_size(parser *p, const unsigned char *s, size_t len)
{
	uint64_t v = 0;

	/* a whole number up to 2^53 (JSON numbers beyond are not exact) */
	if (len == 0 || len > 16)
		goto bad;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			goto bad;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (v > ((uint64_t)1 << 53))
		goto bad;
	p->cur.size = v;
	p->cur.has_size = true;
	return 1;
bad:
	return fail(p, CVG_EPARSE, "asset %s: size is not a whole number of bytes",
	        p->cur.name ? p->cur.name : "?");
}

static const char *type_name(enum vtype t)
{
	static const char *const names[] = {
	        "null", "a boolean", "a number", "a string", "an object", "an array"};
	return names[t];
}

/* Every value goes through here: where it is decides what it means. */
static int on_value(parser *p, enum vtype t, const unsigned char *s, size_t len, int b)
{
	int key = p->key;

	p->key = KEY_OTHER;
	switch (p->kind[p->depth]) {
	case K_TOP:
		if (t != V_ARR)
			return fail(p, CVG_EPARSE,
			        "expected an array of releases (the GitHub releases API's "
			        "shape), found %s",
			        type_name(t));
		return push(p, K_RELEASES);
	case K_RELEASES:
		if (t != V_MAP)
			return fail(
			        p, CVG_EPARSE, "expected a release object, found %s", type_name(t));
		p->releases++;
		p->draft = false;
		return push(p, K_RELEASE);
	case K_RELEASE:
		if (key == KEY_TAG) {
			if (t != V_STR)
				return fail(p, CVG_EPARSE, "tag_name is %s, expected a string",
				        type_name(t));
			return keep(p, &p->tag, s, len, "tag_name");
		}
		if (key == KEY_DRAFT) {
			if (t != V_BOOL)
				return fail(p, CVG_EPARSE, "draft is %s, expected a boolean",
				        type_name(t));
			p->draft = b != 0;
			return 1;
		}
		if (key == KEY_ASSETS) {
			if (t != V_ARR)
				return fail(p, CVG_EPARSE, "assets is %s, expected an array",
				        type_name(t));
			return push(p, K_ASSETS);
		}
		break;
	case K_ASSETS:
		if (t != V_MAP)
			return fail(
			        p, CVG_EPARSE, "expected an asset object, found %s", type_name(t));
		asset_dispose(&p->cur);
		return push(p, K_ASSET);
	case K_ASSET:
		switch (key) {
		case KEY_NAME:
			if (t != V_STR)
				return fail(p, CVG_EPARSE, "asset name is %s, expected a string",
				        type_name(t));
			return keep(p, &p->cur.name, s, len, "asset name");
		case KEY_URL:
			if (t == V_NULL)
				return 1;
			if (t != V_STR)
				return fail(p, CVG_EPARSE,
				        "browser_download_url is %s, expected a string",
				        type_name(t));
			return keep(p, &p->cur.url, s, len, "browser_download_url");
		case KEY_SIZE:
			if (t != V_NUM)
				return fail(p, CVG_EPARSE, "asset size is %s, expected a number",
				        type_name(t));
			return set_size(p, s, len);
		case KEY_DIGEST:
			if (t == V_NULL) /* assets uploaded before June 2025 have none */
				return 1;
			if (t != V_STR)
				return fail(p, CVG_EPARSE, "digest is %s, expected a string",
				        type_name(t));
			if (len > KEPT_MAX)
				return fail(
				        p, CVG_ELIMIT, "digest is longer than %d bytes", KEPT_MAX);
			return set_digest(p, s, len);
		default:
			break;
		}
		break;
	default:
		break;
	}
	/* anything else is skipped, containers included */
	if (t == V_MAP || t == V_ARR)
		return push(p, K_SKIP);
	return 1;
}

static int cb_null(void *ctx)
{
	return on_value(ctx, V_NULL, NULL, 0, 0);
}

static int cb_bool(void *ctx, int b)
{
	return on_value(ctx, V_BOOL, NULL, 0, b);
}

static int cb_number(void *ctx, const char *s, size_t len)
{
	return on_value(ctx, V_NUM, (const unsigned char *)s, len, 0);
}

static int cb_string(void *ctx, const unsigned char *s, size_t len)
{
	return on_value(ctx, V_STR, s, len, 0);
}

static int cb_start_map(void *ctx)
{
	return on_value(ctx, V_MAP, NULL, 0, 0);
}

static int cb_start_array(void *ctx)
{
	return on_value(ctx, V_ARR, NULL, 0, 0);
}

static int cb_key(void *ctx, const unsigned char *s, size_t len)
{
	parser *p = ctx;
	static const struct {
		enum ctx in;
		const char *name;
		enum key key;
	} keys[] = {
	        {K_RELEASE, "tag_name", KEY_TAG},
	        {K_RELEASE, "draft", KEY_DRAFT},
	        {K_RELEASE, "assets", KEY_ASSETS},
	        {K_ASSET, "name", KEY_NAME},
	        {K_ASSET, "size", KEY_SIZE},
	        {K_ASSET, "browser_download_url", KEY_URL},
	        {K_ASSET, "digest", KEY_DIGEST},
	};

	p->key = KEY_OTHER;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (p->kind[p->depth] == keys[i].in && strlen(keys[i].name) == len &&
		        memcmp(keys[i].name, s, len) == 0)
			p->key = keys[i].key;
	return 1;
}

/* An asset object ends: keep it for its release when it is an archive. */
static int end_asset(parser *p)
{
	cvg__cl_asset *a;

	if (p->cur.name == NULL) {
		asset_dispose(&p->cur);
		return fail(p, CVG_EPARSE, "an asset without a name");
	}
	p->cur.what = cvg__cvelist_name(p->cur.name);
	if (p->cur.what.kind == CVG__CL_OTHER) {
		asset_dispose(&p->cur);
		return 1;
	}
	if (p->out->n + p->nrel >= CVG__CL_MAX_ASSETS)
		return fail(p, CVG_ELIMIT, "more than %d archives", CVG__CL_MAX_ASSETS);
	if ((a = realloc(p->rel, (p->nrel + 1) * sizeof(*a))) == NULL) {
		p->error = cvg__error_oom();
		return 0;
	}
	p->rel = a;
	p->rel[p->nrel++] = p->cur;
	memset(&p->cur, 0, sizeof(p->cur));
	return 1;
}

/* A release object ends: its archives join the listing unless it is a draft. */
static int end_release(parser *p)
{
	cvg__cl_asset *a;

	if (!p->draft && p->nrel > 0) {
		a = realloc(p->out->assets, (p->out->n + p->nrel) * sizeof(*a));
		if (a == NULL) {
			p->error = cvg__error_oom();
			return 0;
		}
		p->out->assets = a;
		for (size_t i = 0; i < p->nrel; i++) {
			if (p->tag && (p->rel[i].tag = strdup(p->tag)) == NULL) {
				p->error = cvg__error_oom();
				return 0;
			}
			a[p->out->n++] = p->rel[i];
			memset(&p->rel[i], 0, sizeof(p->rel[i]));
		}
	}
	for (size_t i = 0; i < p->nrel; i++)
		asset_dispose(&p->rel[i]);
	p->nrel = 0;
	free(p->tag);
	p->tag = NULL;
	return 1;
}

static int cb_end(void *ctx)
{
	parser *p = ctx;
	int k = p->kind[p->depth], rc = 1;

	if (k == K_ASSET)
		rc = end_asset(p);
	else if (k == K_RELEASE)
		rc = end_release(p);
	p->depth--;
	p->key = KEY_OTHER;
	return rc;
}

static const yajl_callbacks callbacks = {
        cb_null,
        cb_bool,
        NULL,
        NULL,
        cb_number,
        cb_string,
        cb_start_map,
        cb_key,
        cb_end,
        cb_start_array,
        cb_end,
};

void cvg__cvelist_listing_dispose(cvg__cl_listing *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++)
		asset_dispose(&l->assets[i]);
	free(l->assets);
	memset(l, 0, sizeof(*l));
}

int cvg__cvelist_parse(
        cvg__cl_listing *l, size_t *releases_out, const char *name, const char *data, size_t len)
{
	parser p;
	yajl_status st;
	size_t n0 = l->n;
	int error = 0;

	if (releases_out)
		*releases_out = 0;
	if (len > CVG__CL_LISTING_MAX)
		return cvg__error(CVG_ELIMIT, "%s: %zu bytes, longer than the limit of %zu", name,
		        len, CVG__CL_LISTING_MAX);
	memset(&p, 0, sizeof(p));
	p.name = name;
	p.out = l;
	p.kind[0] = K_TOP;
	if ((p.h = yajl_alloc(&callbacks, NULL, &p)) == NULL)
		return cvg__error_oom();
	st = yajl_parse(p.h, (const unsigned char *)data, len);
	if (st == yajl_status_ok)
		st = yajl_complete_parse(p.h);
	if (st != yajl_status_ok) {
		if (st == yajl_status_client_canceled) {
			error = p.error;
		} else {
			unsigned char *text = yajl_get_error(p.h, 0, NULL, 0);
			size_t tn = text ? strlen((char *)text) : 0;
			while (tn > 0 && (text[tn - 1] == '\n' || text[tn - 1] == ' '))
				tn--;
			error = cvg__error(CVG_EPARSE, "%s: byte %llu: malformed JSON: %.*s", name,
			        (unsigned long long)yajl_get_bytes_consumed(p.h), (int)tn,
			        text ? (char *)text : "");
			if (text)
				yajl_free_error(p.h, text);
		}
	} else if (p.depth != 0 || p.kind[1] != K_RELEASES) {
		error = cvg__error(CVG_EPARSE, "%s: expected an array of releases", name);
	}
	yajl_free(p.h);
	asset_dispose(&p.cur);
	for (size_t i = 0; i < p.nrel; i++)
		asset_dispose(&p.rel[i]);
	free(p.rel);
	free(p.tag);
	if (error < 0) {
		for (size_t i = n0; i < l->n; i++)
			asset_dispose(&l->assets[i]);
		l->n = n0;
		return error;
	}
	if (releases_out)
		*releases_out = p.releases;
	l->releases += p.releases;
	return 0;
}

/* ---- The plan ---- */

/* The best delta of each day, days ascending. */
typedef struct day_best {
	long day;
	size_t idx;
} day_best;

static int cmp_day(const void *a, const void *b)
{
	long x = ((const day_best *)a)->day, y = ((const day_best *)b)->day;
	return x < y ? -1 : x > y;
}

static int collect_days(day_best **out, size_t *n, const cvg__cl_listing *l)
{
	day_best *d = NULL;
	size_t nd = 0;

	for (size_t i = 0; i < l->n; i++) {
		const cvg__cl_name *w = &l->assets[i].what;
		size_t j;
		if (w->kind != CVG__CL_DELTA)
			continue;
		for (j = 0; j < nd && d[j].day != w->day; j++)
			;
		if (j == nd) {
			day_best *p = realloc(d, (nd + 1) * sizeof(*p));
			if (p == NULL) {
				free(d);
				return cvg__error_oom();
			}
			d = p;
			d[nd].day = w->day;
			d[nd++].idx = i;
		} else if (w->part > l->assets[d[j].idx].what.part) {
			d[j].idx = i; /* the first of equal names is kept */
		}
	}
	if (nd > 1)
		qsort(d, nd, sizeof(*d), cmp_day);
	*out = d;
	*n = nd;
	return 0;
}

static const day_best *find_day(const day_best *d, size_t n, long day)
{
	for (size_t i = 0; i < n; i++)
		if (d[i].day == day)
			return &d[i];
	return NULL;
}

static long long name_time(const cvg__cl_name *w)
{
	long long t = (long long)w->day * 86400;
	return w->part > 0 ? t + (long long)w->part * 60 : t;
}

static int take(cvg__cl_plan *p, size_t idx)
{
	size_t *t = realloc(p->take, (p->ntake + 1) * sizeof(*t));

	if (t == NULL)
		return cvg__error_oom();
	p->take = t;
	t[p->ntake++] = idx;
	return 0;
}

static bool later(const cvg__cl_name *a, const cvg__cl_name *b)
{
	return a->day > b->day || (a->day == b->day && a->part > b->part);
}

/* After the taken assets: the release (newest taken) and last_modified. */
static void finish(cvg__cl_plan *p, const cvg__cl_listing *l)
{
	const cvg__cl_asset *newest = NULL;

	for (size_t i = 0; i < p->ntake; i++) {
		const cvg__cl_asset *a = &l->assets[p->take[i]];
		if (newest == NULL || later(&a->what, &newest->what))
			newest = a;
	}
	if (newest) {
		p->release = newest->name;
		p->last_modified = name_time(&newest->what);
	}
	p->nothing = p->ntake == 0;
}

static int plan_full(cvg__cl_plan *out, const cvg__cl_listing *l, const day_best *d, size_t nd)
{
	const cvg__cl_asset *full = NULL;
	size_t fi = 0;
	int error;

	for (size_t i = 0; i < l->n; i++)
		if (l->assets[i].what.kind == CVG__CL_FULL &&
		        (full == NULL || l->assets[i].what.day > full->what.day)) {
			full = &l->assets[i];
			fi = i;
		}
	if (full == NULL)
		return cvg__error(CVG_ENOTFOUND,
		        "no full archive (*_all_CVEs_at_midnight.zip.zip) in the listing");
	out->full = true;
	if ((error = take(out, fi)) < 0)
		return error;
	out->cursor = full->name;
	long last = nd > 0 ? d[nd - 1].day : full->what.day;
	bool open = false; /* a day before this one is not complete */
	for (long day = full->what.day; day <= last; day++) {
		const day_best *b = find_day(d, nd, day);
		if (b == NULL) {
			/* the full archive stands for its own day when later days follow */
			if (day == full->what.day)
				continue;
			return cvg__error(CVG_ENOTFOUND,
			        "no delta archive for day %ld after the full archive %s in the "
			        "listing",
			        day, full->name);
		}
		if ((error = take(out, b->idx)) < 0)
			return error;
		if (!open)
			out->cursor = l->assets[b->idx].name;
		if (l->assets[b->idx].what.part < CVG__CL_PART_EOD)
			open = true;
	}
	return 0;
}

int cvg__cvelist_plan(cvg__cl_plan *out, const cvg__cl_listing *l, const char *cursor)
{
	cvg__cl_name c = cvg__cvelist_name(cursor);
	day_best *d = NULL;
	size_t nd = 0;
	int error;

	memset(out, 0, sizeof(*out));
	out->why = "";
	if ((error = collect_days(&d, &nd, l)) < 0)
		return error;
	if (c.kind == CVG__CL_OTHER) {
		out->why = cursor && cursor[0] ? "the recorded cursor is no archive name"
		                               : "first update";
		goto full;
	}
	if (nd == 0) {
		/* no delta at all: a newer full archive, else nothing */
		for (size_t i = 0; i < l->n; i++)
			if (l->assets[i].what.day > c.day) {
				out->why = "a newer full archive and no delta";
				goto full;
			}
		goto done;
	}
	if (d[nd - 1].day - c.day > CVG__CL_MAX_GAP_DAYS) {
		out->why = "more than 7 days behind";
		goto full;
	}
	out->cursor = cursor;
	bool open = false; /* a day before this one is not complete */
	long last = d[nd - 1].day;
	for (long day = c.day; day <= last; day++) {
		const day_best *b = find_day(d, nd, day);
		const cvg__cl_asset *a = b ? &l->assets[b->idx] : NULL;
		const char *name_after; /* what stands for this day after the update */
		int part_after;
		if (day == c.day && !(a && a->what.part > c.part)) {
			name_after = cursor;
			part_after = c.part;
			if (a == NULL && day < last) {
				if (c.part == CVG__CL_PART_FULL) {
					/* a full archive stands for its day when later days follow
					 */
					part_after = CVG__CL_PART_EOD;
				} else if (c.part != CVG__CL_PART_EOD) {
					out->why = "the listing does not reach back to the "
					           "cursor's day";
					goto full;
				}
			}
		} else if (a == NULL) {
			out->why = "a day without a delta in the listing";
			goto full;
		} else {
			if ((error = take(out, b->idx)) < 0)
				goto done;
			name_after = a->name;
			part_after = a->what.part;
		}
		if (!open)
			out->cursor = name_after;
		if (part_after < CVG__CL_PART_EOD)
			open = true;
	}
	goto done;
full:
	out->ntake = 0;
	out->cursor = NULL;
	error = plan_full(out, l, d, nd);
done:
	free(d);
	if (error < 0) {
		cvg__cvelist_plan_dispose(out);
		return error;
	}
	finish(out, l);
	if (out->nothing)
		out->cursor = cursor;
	return 0;
}

void cvg__cvelist_plan_dispose(cvg__cl_plan *p)
{
	if (p == NULL)
		return;
	free(p->take);
	memset(p, 0, sizeof(*p));
}

bool cvg__cvelist_need_more(
        const cvg__cl_listing *l, size_t last_page_releases, size_t pages, const char *cursor)
{
	cvg__cl_name c = cvg__cvelist_name(cursor);
	long oldest = 0, newest = 0, full_day = 0;
	bool any_delta = false, any_full = false;

	if (last_page_releases < CVG__CL_PER_PAGE || pages >= CVG__CL_MAX_PAGES)
		return false;
	for (size_t i = 0; i < l->n; i++) {
		const cvg__cl_name *w = &l->assets[i].what;
		if (w->kind == CVG__CL_FULL) {
			if (!any_full || w->day > full_day)
				full_day = w->day;
			any_full = true;
		} else {
			if (!any_delta || w->day < oldest)
				oldest = w->day;
			if (!any_delta || w->day > newest)
				newest = w->day;
			any_delta = true;
		}
	}
	if (!any_delta)
		return true;
	/* nothing older than this can matter: past it a full archive is taken */
	if (oldest < newest - CVG__CL_MAX_GAP_DAYS - 1)
		return false;
	bool continuing = c.kind != CVG__CL_OTHER && newest - c.day <= CVG__CL_MAX_GAP_DAYS;
	if (!continuing && !any_full)
		return true;
	long target = continuing ? c.day : full_day;
	if (any_full && full_day < target)
		target = full_day;
	/* every archive of the target day is listed once an older day shows */
	return oldest >= target;
}

/* ---- Downloading ---- */

typedef struct dl {
	const cvg_update_options *o;
	const char *name;
	struct timespec t0;
} dl;

static void progress(const cvg_update_options *o, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
static void progress(const cvg_update_options *o, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	if (o->quiet || o->progress == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	o->progress(line, o->payload);
}

static double since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void on_bytes(size_t received, size_t expected, void *payload)
{
	dl *d = payload;
	double secs = since(&d->t0), rate = secs > 0 ? (double)received / secs : 0;

	if (expected > 0 && rate > 0)
		progress(d->o, "%s: %.1f of %.1f MB, %.1f MB/s, %.0f s left", d->name,
		        (double)received / 1e6, (double)expected / 1e6, rate / 1e6,
		        (double)(expected > received ? expected - received : 0) / rate);
	else
		progress(d->o, "%s: %.1f MB, %.1f MB/s", d->name, (double)received / 1e6,
		        rate / 1e6);
}

static int file_sha256(char hex[65], const char *path)
{
	cvg_sha256 *h = NULL;
	char buf[1 << 16];
	int fd = -1, error;

	if ((error = cvg__sha256_new(&h)) < 0)
		return error;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		error = cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
		goto done;
	}
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			error = cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
			goto done;
		}
		if (n == 0)
			break;
		if ((error = cvg__sha256_update(h, buf, (size_t)n)) < 0)
			goto done;
	}
	error = cvg__sha256_final_hex(h, hex);
done:
	if (fd >= 0)
		close(fd);
	cvg__sha256_free(h);
	return error;
}

/* A URL from the listing: https only, no space or control character. */
static bool url_ok(const char *u)
{
	if (strncmp(u, "https://", 8) != 0)
		return false;
	for (const char *p = u; *p; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7f)
			return false;
	return true;
}

static int download(cvg__cvelist_fetched *out, const cvg_update_options *o, const char *base,
        const cvg__cl_asset *a, const char *dir, size_t index, size_t count)
{
	cvg_fetch_options fo;
	cvg_fetch_info info;
	cvg_fetcher *f = NULL;
	char url[URL_MAX], hex[65], *path = NULL, **files;
	dl d;
	int error;

	if (base) {
		snprintf(url, sizeof(url), "%s%s", base, a->name);
	} else {
		if (a->url == NULL || !url_ok(a->url) || strlen(a->url) >= sizeof(url))
			return cvg__error(CVG_EPARSE,
			        "the listing's browser_download_url of %s is not an https URL",
			        a->name);
		snprintf(url, sizeof(url), "%s", a->url);
	}
	if ((path = malloc(strlen(dir) + strlen(a->name) + 2)) == NULL)
		return cvg__error_oom();
	snprintf(path, strlen(dir) + strlen(a->name) + 2, "%s/%s", dir, a->name);
	memset(&fo, 0, sizeof(fo));
	fo.cacert = o->cacert;
	fo.retries = 3;
	fo.warn = o->quiet ? NULL : o->progress;
	fo.payload = o->payload;
	/* the listing says how big the archive is: nothing larger is accepted */
	fo.max_bytes = a->has_size && a->size > 0 && a->size < ASSET_MAX_BYTES ? (size_t)a->size
	                                                                       : ASSET_MAX_BYTES;
	d.o = o;
	d.name = a->name;
	clock_gettime(CLOCK_MONOTONIC, &d.t0);
	if (o->live_progress && !o->quiet) {
		fo.on_bytes = on_bytes;
		fo.bytes_payload = &d;
	}
	if ((error = cvg_fetcher_new(&f, &fo)) < 0)
		goto done;
	if ((error = cvg_fetch_file(f, url, path, NULL, &info)) < 0) {
		if (error == CVG_ELIMIT && a->has_size)
			error = cvg__error(CVG_EVERIFY, "%s: larger than the listed size %llu", url,
			        (unsigned long long)a->size);
		goto done;
	}
	if (a->has_size && info.bytes != a->size) {
		error = cvg__error(CVG_EVERIFY, "%s: %zu bytes, the listing says %llu", url,
		        info.bytes, (unsigned long long)a->size);
		goto fail_file;
	}
	if (a->has_digest) {
		if ((error = file_sha256(hex, path)) < 0)
			goto fail_file;
		if (strcmp(hex, a->sha256) != 0) {
			error = cvg__error(CVG_EVERIFY,
			        "%s: sha256 %s does not match the listing's digest sha256:%s", url,
			        hex, a->sha256);
			goto fail_file;
		}
	}
	out->fetched++;
	out->bytes += info.bytes;
	progress(o, "downloaded %s (%zu of %zu): %zu bytes in %.2f s%s", a->name, index, count,
	        info.bytes, since(&d.t0), a->has_digest ? ", sha256 verified" : "");
	if ((files = realloc(out->files, (out->nfiles + 1) * sizeof(*files))) == NULL) {
		error = cvg__error_oom();
		goto fail_file;
	}
	out->files = files;
	files[out->nfiles++] = path;
	path = NULL;
	goto done;
fail_file:
	unlink(path);
done:
	cvg_fetcher_free(f);
	free(path);
	return error;
}

static int set_str(char **field, const char *value)
{
	free(*field);
	*field = NULL;
	if (value && (*field = strdup(value)) == NULL)
		return cvg__error_oom();
	return 0;
}

int cvg__update_cvelist_fetch(cvg__cvelist_fetched *out, const cvg_update_options *o,
        const char *base, const char *cursor, const char *dir)
{
	cvg__cl_listing l;
	cvg__cl_plan plan;
	cvg_fetch_options fo;
	cvg_fetcher *f = NULL;
	char url[URL_MAX], *text = NULL, iso[40];
	size_t len = 0, nrel = 0, pages = 0;
	int error;

	memset(out, 0, sizeof(*out));
	memset(&l, 0, sizeof(l));
	memset(&plan, 0, sizeof(plan));
	memset(&fo, 0, sizeof(fo));
	fo.cacert = o->cacert;
	fo.retries = 3;
	fo.max_bytes = CVG__CL_LISTING_MAX;
	fo.warn = o->quiet ? NULL : o->progress;
	fo.payload = o->payload;
	if ((error = cvg_fetcher_new(&f, &fo)) < 0)
		goto done;
	do {
		if (base)
			snprintf(url, sizeof(url), "%s%s", base, CVG__CL_MIRROR_LISTING);
		else
			snprintf(url, sizeof(url), "%s?per_page=%d&page=%zu", CVG__CL_API_URL,
			        CVG__CL_PER_PAGE, pages + 1);
		if ((error = cvg_fetch_memory(f, url, &text, &len, NULL, NULL)) < 0 ||
		        (error = cvg__cvelist_parse(&l, &nrel, url, text, len)) < 0)
			goto done;
		free(text);
		text = NULL;
		pages++;
		out->checked++;
	} while (base == NULL && cvg__cvelist_need_more(&l, nrel, pages, cursor));
	if ((error = cvg__cvelist_plan(&plan, &l, cursor)) < 0)
		goto done;
	if (plan.nothing) {
		progress(o, "%zu releases listed at %s: nothing newer than %s", l.releases,
		        base ? base : CVG__CL_API_URL, cursor ? cursor : "-");
		goto done;
	}
	progress(o, "%zu releases listed at %s: %s%s%s%s: %zu archives to download", l.releases,
	        base ? base : CVG__CL_API_URL, plan.full ? "the full archive" : "deltas",
	        plan.why[0] ? " (" : "", plan.why, plan.why[0] ? ")" : "", plan.ntake);
	out->full = plan.full;
	for (size_t i = 0; i < plan.ntake; i++)
		if ((error = download(
		             out, o, base, &l.assets[plan.take[i]], dir, i + 1, plan.ntake)) < 0)
			goto done;
	cvg__isotime_format(iso, sizeof(iso), plan.last_modified);
	if ((error = set_str(&out->cursor, plan.cursor)) < 0 ||
	        (error = set_str(&out->release, plan.release)) < 0 ||
	        (error = set_str(&out->last_modified, iso)) < 0)
		goto done;
done:
	if (error < 0)
		cvg__update_cvelist_fetched_dispose(out);
	cvg__cvelist_plan_dispose(&plan);
	cvg__cvelist_listing_dispose(&l);
	cvg_fetcher_free(f);
	free(text);
	return error;
}

void cvg__update_cvelist_fetched_dispose(cvg__cvelist_fetched *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nfiles; i++)
		free(r->files[i]);
	free(r->files);
	free(r->cursor);
	free(r->release);
	free(r->last_modified);
	memset(r, 0, sizeof(*r));
}
