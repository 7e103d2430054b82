/*
 * tests/unit/report_fixture.h - a scan result built by hand for the report
 * writer tests (CycloneDX, OpenVEX, HTML), and a path walker for parsed
 * JSON. Include after <cmocka.h>.
 *
 * The records, scores and texts are synthetic fixtures shaped like NVD
 * data (the same shapes as test_report_junit.c); they are not quotes of the
 * real CVE entries. One of each case a writer must handle: a failing
 * finding with two scores and CWEs, an ignored one, a below-threshold one,
 * a conditional one, one CVE in two components, an auxiliary component, an
 * unmapped one, components named by CPE, by purl and by name only.
 */
#ifndef CVG_REPORT_FIXTURE_H
#define CVG_REPORT_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_tree.h>

#include "cvegate/report.h"
#include "cve_build.h"
#include "report_one.h"

#define R "\xEF\xBF\xBD" /* U+FFFD */

enum { FX_NCVES = 5, FX_NFINDINGS = 6, FX_NCOMPONENTS = 5 };

typedef struct fixture {
	cvg_cve *cves[FX_NCVES];
	cvg_finding f[FX_NFINDINGS];
	cvg_component comps[FX_NCOMPONENTS];
	cvg_ignore_entry ign;
	cvg_scan_result res;
	fx_info info;
} fixture;

static char *fx_busybox_pkgs[] = {"busybox", "busybox-syslog"};
static char *fx_glibc_pkgs[] = {"glibc"};
static char *fx_locale_pkgs[] = {"glibc-locale-en-gb"};
static char *fx_zlib_pkgs[] = {"zlib"};
static char *fx_mytool_pkgs[] = {"mytool"};
static char *fx_zlib_skipped[] = {"CVE-2018-25032 cpe:2.3:a:zlib:zlib:1.2.11.1:*:*:*:*:*:*:*: "
                                  "incomparable version"};

static inline void fx_weakness(cvg_cve *cve, const char *cwe, const char *source)
{
	cvg_weakness *w = cvg_cve_add_weakness(cve);

	assert_non_null(w);
	fx_set(&w->cwe, cwe);
	fx_set(&w->source, source);
}

static inline void fx_reference(cvg_cve *cve, const char *url)
{
	cvg_reference *r = cvg_cve_add_reference(cve);

	assert_non_null(r);
	fx_set(&r->url, url);
}

static inline void fixture_build(fixture *fx)
{
	const cvg_metric *m0;
	cvg_cve **c = fx->cves;

	memset(fx, 0, sizeof(*fx));
	fx->comps[0] = (cvg_component){.name = "busybox",
	        .version = "1.24.1-r0",
	        .upstream = "1.24.1",
	        .packages = fx_busybox_pkgs,
	        .npackages = 2,
	        .file = "build/image.manifest",
	        .line = 3,
	        .products = "busybox:busybox",
	        .ident = CVG_IDENT_CPE,
	        .ident_text = "cpe:2.3:a:busybox:busybox:1.24.1:*:*:*:*:*:*:*",
	        .nrows = 120};
	fx->comps[1] = (cvg_component){.name = "glibc",
	        .version = "2.31-r0",
	        .upstream = "2.31",
	        .packages = fx_glibc_pkgs,
	        .npackages = 1,
	        .file = "build/image.manifest",
	        .line = 7,
	        .products = "gnu:glibc",
	        .origin = CVG_PKGMAP_BUILTIN,
	        .distro = true,
	        .distro_version = "2.31-0ubuntu9.2",
	        .nrows = 300};
	fx->comps[2] = (cvg_component){.name = "glibc-locale",
	        .version = "2.31-r0",
	        .packages = fx_locale_pkgs,
	        .npackages = 1,
	        .file = "build/image.manifest",
	        .line = 9,
	        .auxiliary = true};
	fx->comps[3] = (cvg_component){.name = "zlib",
	        .version = "1.2.11-r0",
	        .upstream = "1.2.11",
	        .packages = fx_zlib_pkgs,
	        .npackages = 1,
	        .products = "zlib:zlib",
	        .ident = CVG_IDENT_PURL,
	        .ident_text = "pkg:deb/debian/zlib@1.2.11-r0?arch=amd64",
	        .origin = CVG_PKGMAP_BUILTIN,
	        .nrows = 12,
	        .nskipped = 1,
	        .skipped = fx_zlib_skipped};
	fx->comps[4] = (cvg_component){.name = "mytool",
	        .version = "2.0",
	        .packages = fx_mytool_pkgs,
	        .npackages = 1,
	        .products = "*:mytool",
	        .file = "build/image.manifest",
	        .line = 12};

	c[0] = fx_cve("CVE-2016-2147", "Integer overflow in the DHCP client (udhcpc).",
	        "2017-02-09T20:59", "2019-06-10T12:00:01.123");
	fx_metric(c[0], CVG_CVSS_V31, "nvd@nist.gov", "Primary", "7.5",
	        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", "HIGH");
	fx_metric(c[0], CVG_CVSS_V2, "nvd@nist.gov", "Primary", "10.0",
	        "AV:N/AC:L/Au:N/C:C/I:C/A:C", "HIGH");
	m0 = &c[0]->metrics[0]; /* after the last append: appending moves the array */
	fx_weakness(c[0], "CWE-190", "nvd@nist.gov");
	fx_weakness(c[0], "NVD-CWE-Other", "nvd@nist.gov");
	fx_weakness(c[0], "CWE-190", "cna@example.org");
	fx_reference(c[0], "https://example.org/advisory/1");
	c[1] = fx_cve("CVE-2016-2148", "Heap overflow in udhcpc.", "2017-02-09T20:59", NULL);
	fx_metric(c[1], CVG_CVSS_V40, "cna@example.org", "Secondary", "9.3",
	        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "CRITICAL");
	c[2] = fx_cve("CVE-2019-25013", "iconv reads past the buffer.", "2021-01-04T18:15", NULL);
	c[3] = fx_cve("CVE-2020-1751", "Out-of-bounds write on PowerPC.", "not a date", NULL);
	c[4] = fx_cve("CVE-2022-37434", "inflateGetHeader heap overflow.",
	        "2022-08-05T07:15:00.000+02:00", NULL);
	fx->ign = (cvg_ignore_entry){
	        .cve = "CVE-2016-2148", .reason = "fixed by a backported patch", .line = 4};

	fx->f[0] = (cvg_finding){.component = 0,
	        .cve = c[0],
	        .kind = CVG_MATCH_RANGE,
	        .criterion = "cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:* versions < 1.25.0",
	        .vendor = "busybox",
	        .product = "busybox",
	        .metric = m0,
	        .failing = true};
	fx->f[1] = (cvg_finding){.component = 0,
	        .cve = c[1],
	        .kind = CVG_MATCH_RANGE,
	        .criterion = "cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:* versions < 1.25.0",
	        .metric = &c[1]->metrics[0],
	        .ignored = &fx->ign};
	fx->f[2] = (cvg_finding){.component = 1,
	        .cve = c[2],
	        .kind = CVG_MATCH_EXACT,
	        .criterion = "cpe:2.3:a:gnu:glibc:2.31:*:*:*:*:*:*:*",
	        .metric = fx_metric(c[2], CVG_CVSS_V31, "nvd@nist.gov", "Primary", "5.9",
	                "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H", "MEDIUM"),
	        .below_threshold = true};
	fx->f[3] = (cvg_finding){.component = 1,
	        .cve = c[3],
	        .kind = CVG_MATCH_ANY,
	        .criterion = "cpe:2.3:a:gnu:glibc:*:*:*:*:*:*:*:*",
	        .conditional = true,
	        .condition = "cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*"};
	/* one CVE in two components; listed zlib first to check the grouping sorts */
	fx->f[4] = (cvg_finding){.component = 3,
	        .cve = c[4],
	        .kind = CVG_MATCH_RANGE,
	        .criterion = "cpe:2.3:a:zlib:zlib:*:*:*:*:*:*:*:* versions < 1.2.13",
	        .metric = fx_metric(c[4], CVG_CVSS_V31, "nvd@nist.gov", "Primary", "9.8",
	                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CRITICAL"),
	        .failing = true};
	fx->f[5] = (cvg_finding){.component = 0,
	        .cve = c[4],
	        .kind = CVG_MATCH_RANGE,
	        .criterion = "cpe:2.3:a:zlib:zlib:*:*:*:*:*:*:*:* versions < 1.2.13",
	        .metric = &c[4]->metrics[0],
	        .failing = true};
	fx->res = (cvg_scan_result){.components = fx->comps,
	        .ncomponents = FX_NCOMPONENTS,
	        .findings = fx->f,
	        .nfindings = FX_NFINDINGS,
	        .cves = fx->cves,
	        .ncves = FX_NCVES,
	        .nfailing = 3,
	        .nignored = 1,
	        .nconditional = 1,
	        .nbelow = 1,
	        .nunmapped = 1,
	        .db_path = "nvd.sqlite",
	        .db_updated = "2023-11-04T22:13:20"};
	/* 2023-11-14T22:13:20Z: ten days after the database */
	fx->info = (fx_info){"build/image.manifest", 1700000000, "builder", false};
}

static inline void fixture_free(fixture *fx)
{
	for (size_t i = 0; i < FX_NCVES; i++)
		cvg_cve_free(fx->cves[i]);
}

typedef fx_suite_writer fx_writer;

/* Run a writer into memory; returns its code, *out the bytes written. */
static inline int fx_render(
        char **out, size_t *len, fx_writer write, const cvg_scan_result *res, const fx_info *info)
{
	FILE *fp = open_memstream(out, len);
	int rc;

	assert_non_null(fp);
	rc = fx_write(write, fp, res, info);
	assert_int_equal(fclose(fp), 0);
	return rc;
}

/* ---- JSON paths: "a/0/b" walks keys and array indexes ---- */

static inline yajl_val fx_parse_json(const char *text)
{
	char err[256] = "";
	yajl_val v = yajl_tree_parse(text, err, sizeof(err));

	if (v == NULL)
		fail_msg("output is not JSON: %s", err);
	return v;
}

static inline yajl_val jpath(yajl_val v, const char *path)
{
	char part[128];

	while (v && *path) {
		size_t n = strcspn(path, "/");
		assert_true(n < sizeof(part));
		memcpy(part, path, n);
		part[n] = '\0';
		path += n + (path[n] == '/');
		if (YAJL_IS_ARRAY(v)) {
			size_t i = strtoul(part, NULL, 10);
			v = i < v->u.array.len ? v->u.array.values[i] : NULL;
		} else if (YAJL_IS_OBJECT(v)) {
			yajl_val found = NULL;
			for (size_t i = 0; i < v->u.object.len; i++)
				if (strcmp(v->u.object.keys[i], part) == 0)
					found = v->u.object.values[i];
			v = found;
		} else {
			v = NULL;
		}
	}
	return v;
}

/* A string's value or a number's text at path; fails when absent. */
static const char *jtext(yajl_val root, const char *path)
{
	yajl_val v = jpath(root, path);

	if (v == NULL)
		fail_msg("%s: absent", path);
	if (YAJL_IS_STRING(v))
		return v->u.string;
	if (YAJL_IS_NUMBER(v))
		return v->u.number.r;
	fail_msg("%s: neither a string nor a number", path);
	return NULL;
}

static inline void assert_jtext(yajl_val root, const char *path, const char *expected)
{
	const char *got = jtext(root, path);

	if (strcmp(got, expected) != 0)
		fail_msg("%s: got \"%s\", expected \"%s\"", path, got, expected);
}

static inline void assert_jnumber(yajl_val root, const char *path, const char *expected)
{
	yajl_val v = jpath(root, path);

	if (v == NULL || !YAJL_IS_NUMBER(v))
		fail_msg("%s: not a number", path);
	assert_jtext(root, path, expected);
}

static inline size_t jlen(yajl_val root, const char *path)
{
	yajl_val v = jpath(root, path);

	if (v == NULL || !YAJL_IS_ARRAY(v))
		fail_msg("%s: not an array", path);
	return v->u.array.len;
}

static inline void assert_jabsent(yajl_val root, const char *path)
{
	if (jpath(root, path) != NULL)
		fail_msg("%s: present", path);
}

#endif
