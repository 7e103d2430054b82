/*
 * Unit tests for lib/update_cvelist.c: the CVE List v5 source of db update.
 *
 * Asset names follow the CVEProject/cvelistV5 releases (README "Releases":
 * YYYY-MM-DD_all_CVEs_at_midnight.zip, hourly YYYY-MM-DD_delta_CVEs_at_
 * HHMMZ.zip holding the changes since midnight; the published baseline is
 * named ..._all_CVEs_at_midnight.zip.zip, and ..._delta_CVEs_at_end_of_day
 * .zip closes a day). Day numbers are days since 1970-01-01 from Python's
 * datetime.date; times from datetime.timestamp(). The listings are in the
 * shape of the GitHub REST "List releases" answer (tag_name, draft,
 * assets[].name/size/browser_download_url/digest). The plans are the
 * rules of docs/update.md written out as exact choices. The downloads run
 * against a file: mirror built in a temporary directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "cvegate/error.h"
#include "cvegate/update.h"
#include "lib/update_cvelist.h"
#include "lib/update_internal.h"
#include "util/sha256.h"

/* ---- Names ---- */

static const struct {
	const char *name;
	cvg__cl_kind kind;
	long day;
	int part;
} name_vectors[] = {
        {"2025-07-01_delta_CVEs_at_1300Z.zip", CVG__CL_DELTA, 20270, 780},
        {"2025-07-01_delta_CVEs_at_0000Z.zip", CVG__CL_DELTA, 20270, 0},
        {"2025-07-01_delta_CVEs_at_2359Z.zip", CVG__CL_DELTA, 20270, 1439},
        {"2025-07-01_delta_CVEs_at_end_of_day.zip", CVG__CL_DELTA, 20270, CVG__CL_PART_EOD},
        {"2025-07-01_all_CVEs_at_midnight.zip.zip", CVG__CL_FULL, 20270, CVG__CL_PART_FULL},
        {"2025-07-01_all_CVEs_at_midnight.zip", CVG__CL_FULL, 20270, CVG__CL_PART_FULL},
        {"2024-02-29_delta_CVEs_at_0100Z.zip", CVG__CL_DELTA, 19782, 60}, /* leap day */
        {"1970-01-01_delta_CVEs_at_0100Z.zip", CVG__CL_DELTA, 0, 60},
        {"2025-02-29_delta_CVEs_at_0100Z.zip", CVG__CL_OTHER, 0, 0}, /* no such day */
        {"2025-13-01_delta_CVEs_at_0100Z.zip", CVG__CL_OTHER, 0, 0},
        {"2025-07-01_delta_CVEs_at_2400Z.zip", CVG__CL_OTHER, 0, 0},
        {"2025-07-01_delta_CVEs_at_1360Z.zip", CVG__CL_OTHER, 0, 0},
        {"2025-07-01_delta_CVEs_at_130Z.zip", CVG__CL_OTHER, 0, 0},
        {"2025-07-01_delta_CVEs_at_1300z.zip", CVG__CL_OTHER, 0, 0},
        {"2025-07-01_delta_CVEs_at_1300Z.zip.sig", CVG__CL_OTHER, 0, 0},
        {"2025-07-01_all_CVEs_at_midnight.zip.zip.zip", CVG__CL_OTHER, 0, 0},
        {"../2025-07-01_delta_CVEs_at_1300Z.zip", CVG__CL_OTHER, 0, 0},
        {"2025-07-01/delta_CVEs_at_1300Z.zip", CVG__CL_OTHER, 0, 0},
        {"release_notes.md", CVG__CL_OTHER, 0, 0},
        {"", CVG__CL_OTHER, 0, 0},
        {"checkout", CVG__CL_OTHER, 0, 0},
};

static void test_names(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(name_vectors) / sizeof(name_vectors[0]); i++) {
		cvg__cl_name n = cvg__cvelist_name(name_vectors[i].name);
		if (n.kind != name_vectors[i].kind)
			fail_msg("%s: kind %d, expected %d", name_vectors[i].name, (int)n.kind,
			        (int)name_vectors[i].kind);
		if (n.kind == CVG__CL_OTHER)
			continue;
		assert_int_equal(n.day, name_vectors[i].day);
		assert_int_equal(n.part, name_vectors[i].part);
	}
	assert_int_equal(cvg__cvelist_name(NULL).kind, CVG__CL_OTHER);
}

/* ---- The listing parser ---- */

#define H64 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static void test_parse(void **state)
{
	static const char doc[] =
	        "[{\"url\":\"x\",\"author\":{\"login\":\"cve-bot\",\"nested\":[[{\"a\":[1,{}]}]]},"
	        "\"assets\":[{\"name\":\"2025-07-01_delta_CVEs_at_1300Z.zip\",\"size\":1234,"
	        "\"digest\":\"sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789"
	        "abcdef\",\"browser_download_url\":\"https://github.com/d.zip\",\"uploader\":"
	        "{\"name\":\"x\"}},"
	        "{\"name\":\"2025-07-01_all_CVEs_at_midnight.zip.zip\",\"size\":99,"
	        "\"digest\":null,\"browser_download_url\":\"https://github.com/f.zip\"},"
	        "{\"name\":\"release_notes.md\",\"size\":5}],"
	        "\"tag_name\":\"cve_2025-07-01_1300Z\",\"draft\":false,\"body\":\"CVEs: "
	        "[\\\"x\\\"]\"},"
	        "{\"tag_name\":\"cve_2025-07-01_1400Z\",\"draft\":true,\"assets\":"
	        "[{\"name\":\"2025-07-01_delta_CVEs_at_1400Z.zip\",\"size\":1}]},"
	        "{\"tag_name\":\"cve_2025-06-30_at_end_of_day\",\"assets\":"
	        "[{\"name\":\"2025-06-30_delta_CVEs_at_end_of_day.zip\"}]}]";
	cvg__cl_listing l;
	size_t rel = 0;

	(void)state;
	memset(&l, 0, sizeof(l));
	assert_int_equal(cvg__cvelist_parse(&l, &rel, "L", doc, strlen(doc)), 0);
	assert_int_equal(rel, 3);
	assert_int_equal(l.releases, 3);
	assert_int_equal(l.n, 3); /* notes and the draft's delta are not kept */
	assert_string_equal(l.assets[0].name, "2025-07-01_delta_CVEs_at_1300Z.zip");
	assert_string_equal(l.assets[0].tag, "cve_2025-07-01_1300Z");
	assert_string_equal(l.assets[0].url, "https://github.com/d.zip");
	assert_true(l.assets[0].has_size);
	assert_int_equal(l.assets[0].size, 1234);
	assert_true(l.assets[0].has_digest);
	assert_string_equal(l.assets[0].sha256, H64);
	assert_int_equal(l.assets[0].what.part, 780);
	assert_int_equal(l.assets[1].what.kind, CVG__CL_FULL);
	assert_false(l.assets[1].has_digest);
	assert_string_equal(l.assets[2].name, "2025-06-30_delta_CVEs_at_end_of_day.zip");
	assert_false(l.assets[2].has_size);
	assert_null(l.assets[2].url);
	/* a second page appends */
	assert_int_equal(cvg__cvelist_parse(&l, &rel, "L2", "[]", 2), 0);
	assert_int_equal(rel, 0);
	assert_int_equal(l.n, 3);
	cvg__cvelist_listing_dispose(&l);
}

static const struct {
	const char *doc;
	int error;
	const char *message; /* a part of it */
} bad_listings[] = {
        {"", CVG_EPARSE, "malformed JSON"},
        {"{\"message\":\"API rate limit exceeded\"}", CVG_EPARSE, "expected an array of releases"},
        {"[1]", CVG_EPARSE, "expected a release object, found a number"},
        {"[{\"assets\":{}}]", CVG_EPARSE, "assets is an object, expected an array"},
        {"[{\"assets\":[\"x\"]}]", CVG_EPARSE, "expected an asset object, found a string"},
        {"[{\"tag_name\":5}]", CVG_EPARSE, "tag_name is a number"},
        {"[{\"draft\":\"no\"}]", CVG_EPARSE, "draft is a string"},
        {"[{\"assets\":[{\"size\":1}]}]", CVG_EPARSE, "an asset without a name"},
        {"[{\"assets\":[{\"name\":7}]}]", CVG_EPARSE, "asset name is a number"},
        {"[{\"assets\":[{\"name\":\"a\",\"size\":\"12\"}]}]", CVG_EPARSE, "asset size is a string"},
        {"[{\"assets\":[{\"name\":\"a\",\"size\":-1}]}]", CVG_EPARSE, "not a whole number"},
        {"[{\"assets\":[{\"name\":\"a\",\"size\":1.5}]}]", CVG_EPARSE, "not a whole number"},
        {"[{\"assets\":[{\"name\":\"a\",\"size\":1e3}]}]", CVG_EPARSE, "not a whole number"},
        {"[{\"assets\":[{\"name\":\"a\",\"size\":99999999999999999}]}]", CVG_EPARSE,
                "not a whole number"},
        {"[{\"assets\":[{\"name\":\"a\",\"digest\":\"sha512:" H64 H64 "\"}]}]", CVG_EPARSE,
                "digest is not \"sha256:\""},
        {"[{\"assets\":[{\"name\":\"a\",\"digest\":\"sha256:" H64 "0\"}]}]", CVG_EPARSE,
                "digest is not"},
        {"[{\"assets\":[{\"name\":\"a\",\"digest\":\"sha256:g123456789abcdef0123456789abcdef"
         "0123456789abcdef0123456789abcdef\"}]}]",
                CVG_EPARSE, "digest is not"},
        {"[{\"assets\":[{\"name\":\"a\",\"digest\":1}]}]", CVG_EPARSE, "digest is a number"},
        {"[{\"assets\":[{\"name\":\"a\",\"browser_download_url\":[]}]}]", CVG_EPARSE,
                "browser_download_url is an array"},
        {"[{\"assets\":[{\"name\":\"a\\u0000b\"}]}]", CVG_EPARSE, "NUL"},
        {"[] []", CVG_EPARSE, "malformed JSON"},
        {"[{\"tag_name\":\"x\"}", CVG_EPARSE, "malformed JSON"},
        {"[\"\xff\"]", CVG_EPARSE, "malformed JSON"},
};

static void test_parse_errors(void **state)
{
	cvg__cl_listing l;
	static const char good[] =
	        "[{\"assets\":[{\"name\":\"2025-07-01_delta_CVEs_at_1300Z.zip\",\"size\":3}]}]";

	(void)state;
	memset(&l, 0, sizeof(l));
	assert_int_equal(cvg__cvelist_parse(&l, NULL, "G", good, strlen(good)), 0);
	for (size_t i = 0; i < sizeof(bad_listings) / sizeof(bad_listings[0]); i++) {
		int rc = cvg__cvelist_parse(
		        &l, NULL, "B", bad_listings[i].doc, strlen(bad_listings[i].doc));
		if (rc != bad_listings[i].error ||
		        !strstr(cvg_error_last(), bad_listings[i].message))
			fail_msg("listing %zu: %d \"%s\", expected %d with \"%s\"", i, rc,
			        cvg_error_last(), bad_listings[i].error, bad_listings[i].message);
		/* what was there before is kept, nothing of the bad document */
		assert_int_equal(l.n, 1);
	}
	cvg__cvelist_listing_dispose(&l);
}

static void test_parse_limits(void **state)
{
	cvg__cl_listing l;
	char *doc;
	size_t n = 0;

	(void)state;
	memset(&l, 0, sizeof(l));
	/* nesting in a skipped field */
	doc = malloc(1000);
	assert_non_null(doc);
	n = (size_t)snprintf(doc, 1000, "[{\"body\":");
	for (int i = 0; i < 70; i++)
		doc[n++] = '[';
	for (int i = 0; i < 70; i++)
		doc[n++] = ']';
	doc[n++] = '}';
	doc[n++] = ']';
	assert_int_equal(cvg__cvelist_parse(&l, NULL, "D", doc, n), CVG_ELIMIT);
	assert_non_null(strstr(cvg_error_last(), "nested deeper than 64"));
	free(doc);
	/* a kept string over 4,096 bytes */
	doc = malloc(6000);
	assert_non_null(doc);
	n = (size_t)snprintf(doc, 6000, "[{\"tag_name\":\"");
	memset(doc + n, 'a', 5000);
	n += 5000;
	n += (size_t)snprintf(doc + n, 6000 - n, "\"}]");
	assert_int_equal(cvg__cvelist_parse(&l, NULL, "S", doc, n), CVG_ELIMIT);
	/* a skipped string of that size is fine: the same document with "body"
	 * (and four spaces) for "tag_name" */
	memcpy(doc, "[{\"body\":    \"", 14);
	assert_int_equal(cvg__cvelist_parse(&l, NULL, "S", doc, n), 0);
	free(doc);
	/* the size limit of a document */
	assert_int_equal(
	        cvg__cvelist_parse(&l, NULL, "Z", "[]", CVG__CL_LISTING_MAX + 1), CVG_ELIMIT);
	cvg__cvelist_listing_dispose(&l);
}

/* ---- The plan ---- */

/* A listing of the named archives, in the order given (newest first). */
static void listing_of(cvg__cl_listing *l, const char *names)
{
	const char *p = names;

	memset(l, 0, sizeof(*l));
	while (*p) {
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		cvg__cl_asset *a = realloc(l->assets, (l->n + 1) * sizeof(*a));
		assert_non_null(a);
		l->assets = a;
		a += l->n++;
		memset(a, 0, sizeof(*a));
		a->name = strndup(p, len);
		assert_non_null(a->name);
		a->what = cvg__cvelist_name(a->name);
		assert_int_not_equal(a->what.kind, CVG__CL_OTHER);
		p += len;
		while (*p == ' ')
			p++;
	}
}

/* Short names: "D3@0500" is 2025-07-03_delta_CVEs_at_0500Z.zip, "D2@eod"
 * its end-of-day delta, "F3" the full archive of 2025-07-03. */
static void expand(char *out, size_t size, const char *shorts)
{
	size_t n = 0;

	out[0] = '\0';
	for (const char *p = shorts; *p;) {
		int day = p[1] - '0';
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char date[16];
		/* D1..D9: 2025-07-0N; D0 is 2025-06-30; "Dm20" etc. are June */
		if (p[1] == 'm')
			snprintf(date, sizeof(date), "2025-06-%.2s", p + 2);
		else if (day == 0)
			snprintf(date, sizeof(date), "2025-06-30");
		else
			snprintf(date, sizeof(date), "2025-07-0%d", day);
		const char *at = memchr(p, '@', len);
		if (p[0] == 'F')
			n += (size_t)snprintf(out + n, size - n,
			        "%s%s_all_CVEs_at_midnight.zip.zip", n ? " " : "", date);
		else if (at && strncmp(at + 1, "eod", 3) == 0)
			n += (size_t)snprintf(out + n, size - n,
			        "%s%s_delta_CVEs_at_end_of_day.zip", n ? " " : "", date);
		else
			n += (size_t)snprintf(out + n, size - n, "%s%s_delta_CVEs_at_%.4sZ.zip",
			        n ? " " : "", date, at + 1);
		p += len;
		while (*p == ' ')
			p++;
	}
}

static const struct {
	const char *what;
	const char *listing; /* short names, newest first */
	const char *cursor;  /* short name, NULL: first update, "!x": literally x */
	int error;
	bool full;
	const char *take;       /* short names in import order; "" nothing */
	const char *new_cursor; /* short name */
	long long last_modified;
} plans[] = {
        {"first update: the newest full archive and its day's delta",
                "D3@0500 F3 D2@eod D2@2300 F2 D1@eod F1", NULL, 0, true, "F3 D3@0500", "D3@0500",
                1751518800},
        {"a later hour of the cursor's day", "D3@0600 D3@0500 F3 D2@eod F2", "D3@0500", 0, false,
                "D3@0600", "D3@0600", 1751522400},
        {"nothing newer", "D3@0600 D3@0500 F3 D2@eod F2", "D3@0600", 0, false, "", "D3@0600", 0},
        {"the cursor's day closed, the next day begun", "D3@0500 F3 D2@eod D2@2300 F2", "D2@1300",
                0, false, "D2@eod D3@0500", "D3@0500", 1751518800},
        {"the end of day not published yet: the cursor stays on the open day",
                "D3@0100 F3 D2@2300 D2@2200 F2", "D2@2300", 0, false, "D3@0100", "D2@2300",
                1751504400},
        {"then it is: the open day closes, the next is taken again", "D3@0100 D2@eod F3 D2@2300 F2",
                "D2@2300", 0, false, "D2@eod D3@0100", "D3@0100", 1751504400},
        {"the cursor at an end of day, nothing new", "D2@eod D2@2300 F2", "D2@eod", 0, false, "",
                "D2@eod", 0},
        {"the cursor at an end of day, the next day begun", "D3@0200 F3 D2@eod D2@2300 F2",
                "D2@eod", 0, false, "D3@0200", "D3@0200", 1751508000},
        {"several days at once", "D5@0300 F5 D4@eod D3@eod D2@eod D2@1000", "D2@0900", 0, false,
                "D2@eod D3@eod D4@eod D5@0300", "D5@0300", 1751684400},
        {"more than 7 days behind: full", "D3@0100 F3 D2@eod D1@eod F1", "Dm20@eod", 0, true,
                "F3 D3@0100", "D3@0100", 1751504400},
        {"exactly 7 days behind: deltas",
                "D3@0100 F3 D2@eod D1@eod D0@eod Dm29@eod Dm28@eod Dm27@eod Dm26@eod", "Dm26@eod",
                0, false, "Dm27@eod Dm28@eod Dm29@eod D0@eod D1@eod D2@eod D3@0100", "D3@0100",
                1751504400},
        {"a day without a delta: full", "D3@0100 F3 D1@eod F1", "D1@1300", 0, true, "F3 D3@0100",
                "D3@0100", 1751504400},
        {"the listing does not reach back to the cursor's day: full",
                "D3@0100 F3 D2@eod D2@0100 F2", "D1@1300", 0, true, "F3 D3@0100", "D3@0100",
                1751504400},
        {"a full archive whose day has no delta yet", "F3 D2@eod D2@2300 F2", NULL, 0, true, "F3",
                "F3", 1751500800},
        {"then its first delta", "D3@0100 F3 D2@eod F2", "F3", 0, false, "D3@0100", "D3@0100",
                1751504400},
        {"a full archive standing for its day when later days follow", "D3@0100 F3 F2", "F2", 0,
                false, "D3@0100", "D3@0100", 1751504400},
        {"the same full archive listed by every release is taken once",
                "D3@0200 F3 D3@0100 F3 D3@0000 F3", NULL, 0, true, "F3 D3@0200", "D3@0200",
                1751508000},
        {"a cursor that is no archive name: full", "D3@0100 F3", "!checkout", 0, true, "F3 D3@0100",
                "D3@0100", 1751504400},
        {"an empty cursor (after a checkout): full", "D3@0100 F3", "!", 0, true, "F3 D3@0100",
                "D3@0100", 1751504400},
        {"a cursor newer than the listing: nothing", "D2@0100 F2", "D3@0500", 0, false, "",
                "D3@0500", 0},
        {"only full archives, a newer one", "F3 F2", "D2@0500", 0, true, "F3", "F3", 1751500800},
        {"only full archives, none newer", "F2", "D2@0500", 0, false, "", "D2@0500", 0},
        {"no full archive for a first update", "D3@0100 D2@eod", NULL, CVG_ENOTFOUND, false, NULL,
                NULL, 0},
        {"a day missing after the full archive", "D3@0100 F1", NULL, CVG_ENOTFOUND, false, NULL,
                NULL, 0},
};

static void short_or_literal(char *out, size_t size, const char *s)
{
	if (s[0] == '!')
		snprintf(out, size, "%s", s + 1);
	else
		expand(out, size, s);
}

static void test_plan(void **state)
{
	char names[4096], want[4096], got[4096], cur[256], want_cur[256];

	(void)state;
	for (size_t i = 0; i < sizeof(plans) / sizeof(plans[0]); i++) {
		cvg__cl_listing l;
		cvg__cl_plan p;
		size_t n = 0;
		int rc;

		expand(names, sizeof(names), plans[i].listing);
		listing_of(&l, names);
		if (plans[i].cursor)
			short_or_literal(cur, sizeof(cur), plans[i].cursor);
		rc = cvg__cvelist_plan(&p, &l, plans[i].cursor ? cur : NULL);
		if (rc != plans[i].error)
			fail_msg("%s: %d (%s), expected %d", plans[i].what, rc, cvg_error_last(),
			        plans[i].error);
		if (rc == 0) {
			got[0] = '\0';
			for (size_t k = 0; k < p.ntake; k++)
				n += (size_t)snprintf(got + n, sizeof(got) - n, "%s%s",
				        k ? " " : "", l.assets[p.take[k]].name);
			expand(want, sizeof(want), plans[i].take);
			if (strcmp(got, want) != 0)
				fail_msg("%s: took \"%s\", expected \"%s\"", plans[i].what, got,
				        want);
			expand(want_cur, sizeof(want_cur), plans[i].new_cursor);
			if (p.cursor == NULL || strcmp(p.cursor, want_cur) != 0)
				fail_msg("%s: cursor %s, expected %s", plans[i].what,
				        p.cursor ? p.cursor : "(null)", want_cur);
			if (p.full != plans[i].full)
				fail_msg("%s: full %d", plans[i].what, p.full);
			assert_int_equal(p.nothing, p.ntake == 0);
			if (!p.nothing) {
				/* the release is the newest archive taken */
				const char *last = strrchr(want, ' ');
				assert_string_equal(p.release, last ? last + 1 : want);
				if (p.last_modified != plans[i].last_modified)
					fail_msg("%s: last_modified %lld", plans[i].what,
					        p.last_modified);
			}
			cvg__cvelist_plan_dispose(&p);
		}
		cvg__cvelist_listing_dispose(&l);
	}
}

/* ---- Paging ---- */

static const struct {
	const char *what;
	const char *listing;
	size_t last_page, pages;
	const char *cursor;
	bool more;
} paging[] = {
        {"a short page is the last", "D3@0100 F3", 40, 1, NULL, false},
        {"ten pages at most", "D3@0100 F3", 100, 10, NULL, false},
        {"no delta seen yet", "F3", 100, 1, NULL, true},
        {"first update: the full archive's day not yet passed", "D3@0100 D3@0000 F3", 100, 1, NULL,
                true},
        {"first update: an older day listed", "D3@0100 F3 D2@eod", 100, 1, NULL, false},
        {"first update: no full archive yet", "D3@0100 D2@eod", 100, 1, NULL, true},
        {"the cursor's day not yet passed", "D3@0100 F3 D2@eod D2@1200", 100, 1, "D1@1300", true},
        {"the cursor's day passed", "D3@0100 F3 D2@eod D1@eod Dm30@eod", 100, 2, "D1@1300", false},
        {"far behind: the full archive's day is enough", "D3@0100 F3 D2@eod", 100, 1, "Dm01@eod",
                false},
        {"far behind, no full archive yet", "D3@0100 D2@eod", 100, 1, "Dm01@eod", true},
        {"older than any gap matters", "D3@0100 F3 D3@0000 Dm20@eod", 100, 3, "Dm19@0100", false},
};

static void test_need_more(void **state)
{
	char names[2048], cur[256];

	(void)state;
	for (size_t i = 0; i < sizeof(paging) / sizeof(paging[0]); i++) {
		cvg__cl_listing l;
		expand(names, sizeof(names), paging[i].listing);
		listing_of(&l, names);
		if (paging[i].cursor)
			expand(cur, sizeof(cur), paging[i].cursor);
		bool more = cvg__cvelist_need_more(
		        &l, paging[i].last_page, paging[i].pages, paging[i].cursor ? cur : NULL);
		if (more != paging[i].more)
			fail_msg("%s: %d", paging[i].what, more);
		cvg__cvelist_listing_dispose(&l);
	}
}

/* ---- Downloads from a file: mirror ---- */

static void write_bytes(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

static void hex_of(char hex[65], const char *data, size_t len)
{
	cvg_sha256 *h = NULL;
	assert_int_equal(cvg__sha256_new(&h), 0);
	assert_int_equal(cvg__sha256_update(h, data, len), 0);
	assert_int_equal(cvg__sha256_final_hex(h, hex), 0);
	cvg__sha256_free(h);
}

static void make_mirror(const char *dir, const char *bad_digest_of, long size_delta)
{
	static const char full[] = "PK full archive bytes", delta[] = "PK delta bytes";
	char path[512], hf[65], hd[65], doc[2048];

	hex_of(hf, full, sizeof(full) - 1);
	hex_of(hd, delta, sizeof(delta) - 1);
	if (bad_digest_of && strcmp(bad_digest_of, "delta") == 0)
		hd[0] = hd[0] == '0' ? '1' : '0';
	snprintf(path, sizeof(path), "%s/2025-07-03_all_CVEs_at_midnight.zip.zip", dir);
	write_bytes(path, full, sizeof(full) - 1);
	snprintf(path, sizeof(path), "%s/2025-07-03_delta_CVEs_at_0500Z.zip", dir);
	write_bytes(path, delta, sizeof(delta) - 1);
	snprintf(doc, sizeof(doc),
	        "[{\"tag_name\":\"cve_2025-07-03_0500Z\",\"assets\":["
	        "{\"name\":\"2025-07-03_delta_CVEs_at_0500Z.zip\",\"size\":%ld,"
	        "\"digest\":\"sha256:%s\",\"browser_download_url\":\"https://example.invalid/d\"},"
	        "{\"name\":\"2025-07-03_all_CVEs_at_midnight.zip.zip\",\"size\":%zu,"
	        "\"digest\":\"sha256:%s\",\"browser_download_url\":\"https://example.invalid/f\"}"
	        "]},{\"tag_name\":\"cve_2025-07-02_at_end_of_day\",\"assets\":["
	        "{\"name\":\"2025-07-02_delta_CVEs_at_end_of_day.zip\",\"size\":1}]}]",
	        (long)(sizeof(delta) - 1) + size_delta, hd, sizeof(full) - 1, hf);
	snprintf(path, sizeof(path), "%s/releases.json", dir);
	write_bytes(path, doc, strlen(doc));
}

static void test_fetch_mirror(void **state)
{
	char root[] = "/tmp/cvg-cvelist-XXXXXX", mirror[256], dl[256], base[300], path[400];
	cvg_update_options o;
	cvg__cvelist_fetched r;
	struct stat st;

	(void)state;
	assert_non_null(mkdtemp(root));
	snprintf(mirror, sizeof(mirror), "%s/m", root);
	assert_int_equal(mkdir(mirror, 0755), 0);
	snprintf(base, sizeof(base), "file://%s/", mirror);
	memset(&o, 0, sizeof(o));
	o.quiet = true;

	/* first update: the full archive and the delta, verified */
	make_mirror(mirror, NULL, 0);
	snprintf(dl, sizeof(dl), "%s/d1", root);
	assert_int_equal(mkdir(dl, 0700), 0);
	assert_int_equal(cvg__update_cvelist_fetch(&r, &o, base, NULL, dl), 0);
	assert_true(r.full);
	assert_int_equal(r.nfiles, 2);
	snprintf(path, sizeof(path), "%s/2025-07-03_all_CVEs_at_midnight.zip.zip", dl);
	assert_string_equal(r.files[0], path);
	assert_int_equal(stat(path, &st), 0);
	assert_string_equal(r.cursor, "2025-07-03_delta_CVEs_at_0500Z.zip");
	assert_string_equal(r.release, "2025-07-03_delta_CVEs_at_0500Z.zip");
	assert_string_equal(r.last_modified, "2025-07-03T05:00:00Z");
	assert_int_equal(r.fetched, 2);
	assert_int_equal(r.checked, 1);
	assert_int_equal(r.bytes, 21 + 14);
	cvg__update_cvelist_fetched_dispose(&r);

	/* second update from that cursor: nothing */
	snprintf(dl, sizeof(dl), "%s/d2", root);
	assert_int_equal(mkdir(dl, 0700), 0);
	assert_int_equal(
	        cvg__update_cvelist_fetch(&r, &o, base, "2025-07-03_delta_CVEs_at_0500Z.zip", dl),
	        0);
	assert_int_equal(r.nfiles, 0);
	assert_null(r.cursor);
	cvg__update_cvelist_fetched_dispose(&r);

	/* a digest that does not match */
	make_mirror(mirror, "delta", 0);
	snprintf(dl, sizeof(dl), "%s/d3", root);
	assert_int_equal(mkdir(dl, 0700), 0);
	assert_int_equal(
	        cvg__update_cvelist_fetch(&r, &o, base, "2025-07-03_delta_CVEs_at_0100Z.zip", dl),
	        CVG_EVERIFY);
	assert_non_null(strstr(cvg_error_last(), "does not match the listing's digest"));
	snprintf(path, sizeof(path), "%s/2025-07-03_delta_CVEs_at_0500Z.zip", dl);
	assert_int_not_equal(stat(path, &st), 0); /* removed */

	/* a listed size larger and smaller than the file */
	make_mirror(mirror, NULL, 5);
	assert_int_equal(
	        cvg__update_cvelist_fetch(&r, &o, base, "2025-07-03_delta_CVEs_at_0100Z.zip", dl),
	        CVG_EVERIFY);
	assert_non_null(strstr(cvg_error_last(), "14 bytes, the listing says 19"));
	make_mirror(mirror, NULL, -4);
	assert_int_equal(
	        cvg__update_cvelist_fetch(&r, &o, base, "2025-07-03_delta_CVEs_at_0100Z.zip", dl),
	        CVG_EVERIFY);
	assert_non_null(strstr(cvg_error_last(), "larger than the listed size 10"));

	snprintf(path, sizeof(path), "rm -rf '%s'", root);
	assert_int_equal(system(path), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_names),
	        cmocka_unit_test(test_parse),
	        cmocka_unit_test(test_parse_errors),
	        cmocka_unit_test(test_parse_limits),
	        cmocka_unit_test(test_plan),
	        cmocka_unit_test(test_need_more),
	        cmocka_unit_test(test_fetch_mirror),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
