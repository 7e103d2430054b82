/*
 * tests/unit/test_report_junit.c - the JUnit writer on scan results built by hand.
 *
 * The records, scores and texts below are synthetic fixtures shaped like NVD
 * data; they are not quotes of the real CVE entries. The expected document of
 * test_exact is the writer's own format (docs/junit.md), so it is compared
 * byte for byte. The other tests parse the output back with libxml2 and look
 * at it with XPath: counts, hostile strings, and a write to /dev/full.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "cve_build.h"
#include "report_one.h"

#include "cvegate/report.h"

#define R "\xEF\xBF\xBD" /* U+FFFD */

/* ---- Building results by hand ---- */

static void free_cves(cvg_cve **cves, size_t n)
{
	for (size_t i = 0; i < n; i++)
		cvg_cve_free(cves[i]);
}

/* Run the writer into memory; returns its code, *out the bytes written. */
static int render(char **out, size_t *len, const cvg_scan_result *res, const fx_info *info)
{
	FILE *fp = open_memstream(out, len);
	int rc;

	assert_non_null(fp);
	rc = fx_write(cvg_report_write_junit, fp, res, info);
	assert_int_equal(fclose(fp), 0);
	return rc;
}

/* ---- Parsing the output back ---- */

static int parse_errors;

static void count_error(void *ctx, const xmlError *e)
{
	(void)ctx;
	(void)e;
	parse_errors++;
}

static xmlDocPtr parse(const char *xml, size_t len)
{
	xmlDocPtr doc;

	parse_errors = 0;
	xmlSetStructuredErrorFunc(NULL, (xmlStructuredErrorFunc)count_error);
	doc = xmlReadMemory(xml, (int)len, "report.xml", NULL, XML_PARSE_NONET);
	xmlSetStructuredErrorFunc(NULL, NULL);
	assert_non_null(doc);
	assert_int_equal(parse_errors, 0);
	return doc;
}

/* The string value of an XPath expression; caller frees. */
static char *xpath_string(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr obj;
	char *s;

	assert_non_null(ctx);
	obj = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	assert_non_null(obj);
	s = (char *)xmlXPathCastToString(obj);
	xmlXPathFreeObject(obj);
	xmlXPathFreeContext(ctx);
	assert_non_null(s);
	return s;
}

static void assert_xpath(xmlDocPtr doc, const char *expr, const char *expected)
{
	char *s = xpath_string(doc, expr);

	if (strcmp(s, expected) != 0)
		fail_msg("%s: got \"%s\", expected \"%s\"", expr, s, expected);
	xmlFree(s);
}

/* ---- A small result: one of each kind of test case ---- */

static char *busybox_pkgs[] = {"busybox", "busybox-syslog", "busybox-udhcpc"};
static char *glibc_pkgs[] = {"glibc"};
static char *locale_pkgs[] = {"glibc-locale-en-gb", "glibc-locale-de-de"};
static char *zlib_pkgs[] = {"zlib"};
static char *mytool_pkgs[] = {"mytool"};
static char *zlib_skipped[] = {"CVE-2018-25032 cpe:2.3:a:zlib:zlib:1.2.11.1:*:*:*:*:*:*:*: "
                               "incomparable version"};

static const char expected_exact[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"cvegate\" tests=\"8\" failures=\"1\" skipped=\"1\" errors=\"0\" "
        "time=\"0\">\n"
        "  <testsuite name=\"cvegate: build/image.manifest\" tests=\"8\" failures=\"1\" "
        "skipped=\"1\" errors=\"0\" time=\"0\" timestamp=\"2023-11-14T22:13:20\" "
        "hostname=\"builder\">\n"
        "    <properties>\n"
        "      <property name=\"inventory\" value=\"build/image.manifest\"/>\n"
        "      <property name=\"database\" value=\"nvd.sqlite\"/>\n"
        "      <property name=\"database.updated\" value=\"2024-01-02T03:04:05\"/>\n"
        "      <property name=\"coverage.components\" value=\"5\"/>\n"
        "      <property name=\"coverage.unmapped\" value=\"1\"/>\n"
        "    </properties>\n"
        "    <testcase classname=\"busybox 1.24.1-r0\" name=\"CVE-2016-2147\" "
        "file=\"build/image.manifest\" line=\"3\" time=\"0\">\n"
        "      <failure message=\"CVE-2016-2147: HIGH 7.5 "
        "(CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H)\" type=\"HIGH\">CVE-2016-2147: HIGH 7.5 "
        "(CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H)\n"
        "severity: HIGH\n"
        "score: 7.5\n"
        "CVSS 3.1: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H (source nvd@nist.gov, Primary)\n"
        "match: range: cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:* versions &lt; 1.25.0\n"
        "product: busybox:busybox\n"
        "identified: SBOM CPE (cpe:2.3:a:busybox:busybox:1.24.1:*:*:*:*:*:*:*)\n"
        "packages: busybox, busybox-syslog, busybox-udhcpc\n"
        "description: Integer overflow in the DHCP client (udhcpc).\n"
        "published: 2017-02-09T20:59\n"
        "https://nvd.nist.gov/vuln/detail/CVE-2016-2147\n"
        "</failure>\n"
        "    </testcase>\n"
        "    <testcase classname=\"busybox 1.24.1-r0\" name=\"CVE-2016-2148\" "
        "file=\"build/image.manifest\" line=\"3\" time=\"0\">\n"
        "      <skipped message=\"ignored: fixed by a backported patch\">ignored: fixed by a "
        "backported patch</skipped>\n"
        "    </testcase>\n"
        "    <testcase classname=\"glibc 2.31-r0\" name=\"CVE-2019-25013\" "
        "file=\"build/image.manifest\" line=\"7\" time=\"0\">\n"
        "      <system-out>score 5.9 is below the -a threshold\n"
        "severity: MEDIUM\n"
        "score: 5.9\n"
        "CVSS 3.1: CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H (source nvd@nist.gov, Primary)\n"
        "match: exact: cpe:2.3:a:gnu:glibc:2.31:*:*:*:*:*:*:*\n"
        "product: gnu:glibc\n"
        "identified: mapping table\n"
        "distribution build 2.31-0ubuntu9.2: the fix may be backported, check the "
        "distribution's advisory\n"
        "packages: glibc\n"
        "https://nvd.nist.gov/vuln/detail/CVE-2019-25013\n"
        "</system-out>\n"
        "    </testcase>\n"
        "    <testcase classname=\"glibc 2.31-r0\" name=\"CVE-2020-1751\" "
        "file=\"build/image.manifest\" line=\"7\" time=\"0\">\n"
        "      <system-out>conditional: the NVD makes this depend on "
        "cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*, which the inventory does not list; fails "
        "only with --strict\n"
        "severity: none (the record has no CVSS score)\n"
        "match: any-version: cpe:2.3:a:gnu:glibc:*:*:*:*:*:*:*:*\n"
        "identified: mapping table\n"
        "distribution build 2.31-0ubuntu9.2: the fix may be backported, check the "
        "distribution's advisory\n"
        "condition: cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*\n"
        "packages: glibc\n"
        "https://nvd.nist.gov/vuln/detail/CVE-2020-1751\n"
        "</system-out>\n"
        "    </testcase>\n"
        "    <testcase classname=\"glibc 2.31-r0\" name=\"criteria not evaluated\" "
        "file=\"build/image.manifest\" line=\"7\" time=\"0\">\n"
        "      <system-out>1 criterion could not be evaluated:\n"
        "CVE-2021-0001 cpe:2.3:a:gnu:glibc:2.31a:*:*:*:*:*:*:*: incomparable version\n"
        "</system-out>\n"
        "    </testcase>\n"
        "    <testcase classname=\"glibc-locale 2.31-r0\" name=\"not matched (auxiliary package)\" "
        "file=\"build/image.manifest\" line=\"9\" time=\"0\"/>\n"
        "    <testcase classname=\"zlib 1.2.11-r0\" name=\"no known CVE\" time=\"0\">\n"
        "      <system-out>products: zlib:zlib\n"
        "identified: user map\n"
        "criteria in the database: 12\n"
        "1 criterion could not be evaluated:\n"
        "CVE-2018-25032 cpe:2.3:a:zlib:zlib:1.2.11.1:*:*:*:*:*:*:*: incomparable version\n"
        "</system-out>\n"
        "    </testcase>\n"
        "    <testcase classname=\"mytool 2.0\" name=\"unmapped: no NVD or CVE List record names "
        "it\" "
        "file=\"build/image.manifest\" line=\"12\" time=\"0\">\n"
        "      <system-out>products: *:mytool\n"
        "identified: plain name\n"
        "criteria in the database: 0\n"
        "no CVE record names these products: if the NVD knows this software under another "
        "name, map it with --map (docs/mapping.md)\n"
        "</system-out>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n";

static void test_exact(void **state)
{
	cvg_cve *cves[4];
	char *glibc_skipped[] = {"CVE-2021-0001 cpe:2.3:a:gnu:glibc:2.31a:*:*:*:*:*:*:*: "
	                         "incomparable version"};
	cvg_component comps[5] = {
	        {.name = "busybox",
	                .version = "1.24.1-r0",
	                .upstream = "1.24.1",
	                .packages = busybox_pkgs,
	                .npackages = 3,
	                .file = "build/image.manifest",
	                .line = 3,
	                .ident = CVG_IDENT_CPE,
	                .ident_text = "cpe:2.3:a:busybox:busybox:1.24.1:*:*:*:*:*:*:*",
	                .nrows = 120},
	        {.name = "glibc",
	                .version = "2.31-r0",
	                .upstream = "2.31",
	                .packages = glibc_pkgs,
	                .npackages = 1,
	                .file = "build/image.manifest",
	                .line = 7,
	                .origin = CVG_PKGMAP_BUILTIN,
	                .distro = true,
	                .distro_version = "2.31-0ubuntu9.2",
	                .nrows = 300,
	                .nskipped = 1,
	                .skipped = glibc_skipped},
	        {.name = "glibc-locale",
	                .version = "2.31-r0",
	                .upstream = "2.31",
	                .packages = locale_pkgs,
	                .npackages = 2,
	                .file = "build/image.manifest",
	                .line = 9,
	                .auxiliary = true},
	        /* no file: no file or line attribute */
	        {.name = "zlib",
	                .version = "1.2.11-r0",
	                .upstream = "1.2.11",
	                .packages = zlib_pkgs,
	                .npackages = 1,
	                .products = "zlib:zlib",
	                .origin = CVG_PKGMAP_USER,
	                .nrows = 12,
	                .nskipped = 1,
	                .skipped = zlib_skipped},
	        /* a name no record knows: unmapped */
	        {.name = "mytool",
	                .version = "2.0",
	                .upstream = "2.0",
	                .packages = mytool_pkgs,
	                .npackages = 1,
	                .products = "*:mytool",
	                .file = "build/image.manifest",
	                .line = 12},
	};
	cvg_ignore_entry ign = {
	        .cve = "CVE-2016-2148", .reason = "fixed by a backported patch", .line = 4};
	cvg_finding f[4];
	cvg_scan_result res;
	fx_info info = {"build/image.manifest", 1700000000, "builder", false};
	char *out = NULL;
	size_t len = 0;

	(void)state;
	cves[0] = fx_cve("CVE-2016-2147", "Integer overflow in the DHCP client (udhcpc).",
	        "2017-02-09T20:59", NULL);
	cves[1] = fx_cve("CVE-2016-2148", "Heap overflow in udhcpc.", "2017-02-09T20:59", NULL);
	cves[2] = fx_cve("CVE-2019-25013", NULL, NULL, NULL);
	cves[3] = fx_cve("CVE-2020-1751", NULL, NULL, NULL);
	memset(f, 0, sizeof(f));
	f[0] = (cvg_finding){.component = 0,
	        .cve = cves[0],
	        .kind = CVG_MATCH_RANGE,
	        .criterion = "cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:* versions < 1.25.0",
	        .vendor = "busybox",
	        .product = "busybox",
	        .metric = fx_metric(cves[0], CVG_CVSS_V31, "nvd@nist.gov", "Primary", "7.5",
	                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", "HIGH"),
	        .failing = true};
	f[1] = (cvg_finding){.component = 0,
	        .cve = cves[1],
	        .kind = CVG_MATCH_RANGE,
	        .criterion = "cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:* versions < 1.25.0",
	        .vendor = "busybox",
	        .product = "busybox",
	        .ignored = &ign};
	f[2] = (cvg_finding){.component = 1,
	        .cve = cves[2],
	        .kind = CVG_MATCH_EXACT,
	        .criterion = "cpe:2.3:a:gnu:glibc:2.31:*:*:*:*:*:*:*",
	        .vendor = "gnu",
	        .product = "glibc",
	        .metric = fx_metric(cves[2], CVG_CVSS_V31, "nvd@nist.gov", "Primary", "5.9",
	                "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H", "MEDIUM"),
	        .below_threshold = true};
	f[3] = (cvg_finding){.component = 1,
	        .cve = cves[3],
	        .kind = CVG_MATCH_ANY,
	        .criterion = "cpe:2.3:a:gnu:glibc:*:*:*:*:*:*:*:*",
	        .conditional = true,
	        .condition = "cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*"};
	res = (cvg_scan_result){.components = comps,
	        .ncomponents = 5,
	        .nunmapped = 1,
	        .findings = f,
	        .nfindings = 4,
	        .cves = cves,
	        .ncves = 4,
	        .nfailing = 1,
	        .nignored = 1,
	        .nconditional = 1,
	        .nbelow = 1,
	        .db_path = "nvd.sqlite",
	        .db_updated = "2024-01-02T03:04:05"};

	assert_int_equal(render(&out, &len, &res, &info), 0);
	if (getenv("CVG_TEST_DUMP"))
		fwrite(out, 1, len, stderr);
	assert_int_equal(len, strlen(out));
	assert_string_equal(out, expected_exact);
	xmlFreeDoc(parse(out, len));

	/* the same input gives the same bytes */
	{
		char *again = NULL;
		size_t again_len = 0;
		assert_int_equal(render(&again, &again_len, &res, &info), 0);
		assert_int_equal(again_len, len);
		assert_memory_equal(again, out, len);
		free(again);
	}
	free(out);
	free_cves(cves, 4);
}

/* ---- Counts ---- */

static void test_counts(void **state)
{
	/* component i gets findings per the table; statuses cycle through the kinds */
	static const struct {
		size_t component;
		int status; /* 0 failing, 1 ignored, 2 conditional, 3 below, 4 failing conditional
		             */
	} table[] = {
	        {0, 0},
	        {0, 0},
	        {0, 1},
	        {2, 2},
	        {2, 3},
	        {2, 4},
	        {2, 1},
	        {3, 0},
	};
	enum { NF = sizeof(table) / sizeof(table[0]) };
	cvg_cve *cves[NF];
	cvg_finding f[NF];
	char *pkgs[] = {"p"};
	char *skipped[] = {"CVE-2000-0001 x: y", "CVE-2000-0002 x: y"};
	cvg_component comps[5] = {
	        {.name = "a", .version = "1", .packages = pkgs, .npackages = 1, .nrows = 1},
	        {.name = "b", .version = "1", .packages = pkgs, .npackages = 1, .nrows = 1},
	        {.name = "c",
	                .version = "1",
	                .packages = pkgs,
	                .npackages = 1,
	                .nrows = 1,
	                .nskipped = 2,
	                .skipped = skipped},
	        {.name = "d", .version = "1", .packages = pkgs, .npackages = 1, .nrows = 1},
	        {.name = "e", .version = "1", .packages = pkgs, .npackages = 1, .auxiliary = true},
	};
	cvg_ignore_entry ign = {.cve = "CVE-2000-0000", .reason = "not used"};
	cvg_scan_result res;
	fx_info info = {NULL, 0, NULL, false};
	char *out = NULL;
	size_t len = 0;
	xmlDocPtr doc;

	(void)state;
	memset(f, 0, sizeof(f));
	for (size_t i = 0; i < NF; i++) {
		char id[32];
		snprintf(id, sizeof(id), "CVE-2000-%04zu", i + 1);
		cves[i] = fx_cve(id, "d", NULL, NULL);
		f[i].component = table[i].component;
		f[i].cve = cves[i];
		f[i].failing = table[i].status == 0 || table[i].status == 4;
		f[i].ignored = table[i].status == 1 ? &ign : NULL;
		f[i].conditional = table[i].status == 2 || table[i].status == 4;
		f[i].below_threshold = table[i].status == 3;
	}
	res = (cvg_scan_result){.components = comps,
	        .ncomponents = 5,
	        .findings = f,
	        .nfindings = NF,
	        .cves = cves,
	        .ncves = NF};
	assert_int_equal(render(&out, &len, &res, &info), 0);
	doc = parse(out, len);
	/* 8 findings + b "no known CVE" + c "criteria not evaluated" + e auxiliary */
	assert_xpath(doc, "string(/testsuites/@tests)", "11");
	assert_xpath(doc, "string(/testsuites/@failures)", "4");
	assert_xpath(doc, "string(/testsuites/@skipped)", "2");
	assert_xpath(doc, "string(/testsuites/testsuite/@tests)", "11");
	assert_xpath(doc, "string(/testsuites/testsuite/@failures)", "4");
	assert_xpath(doc, "string(/testsuites/testsuite/@skipped)", "2");
	assert_xpath(doc, "string(count(//testcase))", "11");
	assert_xpath(doc, "string(count(//testcase/failure))", "4");
	assert_xpath(doc, "string(count(//testcase/skipped))", "2");
	assert_xpath(doc, "string(/testsuites/testsuite/@name)", "cvegate");
	assert_xpath(doc, "string(/testsuites/testsuite/@timestamp)", "1970-01-01T00:00:00");
	assert_xpath(doc, "string(count(//@hostname))", "0");
	/* only the coverage counts are given */
	assert_xpath(doc, "string(count(//property))", "2");
	assert_xpath(doc, "string(//property[@name='coverage.components']/@value)", "5");
	/* order: components in the given order, findings in the given order */
	assert_xpath(doc, "string(//testcase[1]/@name)", "CVE-2000-0001");
	assert_xpath(doc, "string(//testcase[4]/@classname)", "b 1");
	assert_xpath(doc, "string(//testcase[4]/@name)", "no known CVE");
	assert_xpath(doc, "string(//testcase[9]/@name)", "criteria not evaluated");
	assert_xpath(doc, "string(//testcase[9]/system-out)",
	        "2 criteria could not be evaluated:\nCVE-2000-0001 x: y\nCVE-2000-0002 x: y\n");
	assert_xpath(doc, "string(//testcase[10]/@classname)", "d 1");
	assert_xpath(doc, "string(//testcase[11]/@name)", "not matched (auxiliary package)");
	/* a failing conditional finding (--strict) is a failure naming its condition */
	assert_xpath(doc, "string(//testcase[@name='CVE-2000-0006']/failure/@type)", "UNSCORED");
	assert_xpath(doc, "string(//testcase[@name='CVE-2000-0006']/failure/@message)",
	        "CVE-2000-0006: no CVSS score");
	xmlFreeDoc(doc);
	free(out);
	free_cves(cves, NF);
}

/* Findings out of component order are still grouped under their component. */
static void test_unsorted_findings(void **state)
{
	cvg_cve *cves[3];
	cvg_finding f[3];
	char *pkgs[] = {"p"};
	cvg_component comps[2] = {
	        {.name = "a", .version = "1", .packages = pkgs, .npackages = 1},
	        {.name = "b", .version = "2", .packages = pkgs, .npackages = 1},
	};
	cvg_scan_result res;
	fx_info info = {"inv", 0, NULL, false};
	char *out = NULL;
	size_t len = 0;
	xmlDocPtr doc;

	(void)state;
	cves[0] = fx_cve("CVE-2001-0001", NULL, NULL, NULL);
	cves[1] = fx_cve("CVE-2001-0002", NULL, NULL, NULL);
	cves[2] = fx_cve("CVE-2001-0003", NULL, NULL, NULL);
	memset(f, 0, sizeof(f));
	f[0] = (cvg_finding){.component = 1, .cve = cves[0], .failing = true};
	f[1] = (cvg_finding){.component = 0, .cve = cves[1], .failing = true};
	f[2] = (cvg_finding){.component = 1, .cve = cves[2], .failing = true};
	res = (cvg_scan_result){.components = comps,
	        .ncomponents = 2,
	        .findings = f,
	        .nfindings = 3,
	        .cves = cves,
	        .ncves = 3};
	assert_int_equal(render(&out, &len, &res, &info), 0);
	doc = parse(out, len);
	assert_xpath(doc, "string(//testcase[1]/@name)", "CVE-2001-0002");
	assert_xpath(doc, "string(//testcase[2]/@name)", "CVE-2001-0001");
	assert_xpath(doc, "string(//testcase[3]/@name)", "CVE-2001-0003");
	assert_xpath(doc, "string(//testcase[3]/@classname)", "b 2");
	assert_xpath(doc, "string(count(//testcase))", "3");
	xmlFreeDoc(doc);
	free(out);
	free_cves(cves, 3);
}

/* ---- Hostile strings ---- */

static void test_hostile(void **state)
{
	static const char hostile[] = "a & b < c ]]> d \" ' \x01 e \xff f\tg\nh\ri";
	static const char clean[] = "a & b < c ]]> d \" ' " R " e " R " f\tg\nh\ri";
	cvg_cve *cves[2];
	char *pkgs[] = {"pkg<&>\xC0\xAF", "second\x1b[31m"};
	char *skipped[] = {"CVE-2002-0001 ]]>\x02: x"};
	cvg_component comps[1] = {
	        {.name = "na<me&\"",
	                .version = "1.0\xed\xa0\x80",
	                .packages = pkgs,
	                .npackages = 2,
	                .file = "dir/in\x01ventory\xff.txt",
	                .line = 12,
	                .nskipped = 1,
	                .skipped = skipped},
	};
	cvg_ignore_entry ign = {.cve = "CVE-2002-0002", .reason = (char *)hostile};
	cvg_finding f[2];
	cvg_scan_result res;
	fx_info info = {"inv<\xfe>", 86400, "host&\x7f\x0b", false};
	char *out = NULL;
	size_t len = 0;
	xmlDocPtr doc;
	char expect[512];

	(void)state;
	cves[0] = fx_cve("CVE-2002-0001", hostile, "2002-01-01T00:00", NULL);
	cves[1] = fx_cve("CVE-2002-0002", NULL, NULL, NULL);
	memset(f, 0, sizeof(f));
	f[0] = (cvg_finding){.component = 0,
	        .cve = cves[0],
	        .criterion = (char *)hostile,
	        .metric = fx_metric(cves[0], CVG_CVSS_V2, NULL, NULL, "10.0",
	                "AV:N/AC:L/Au:N/C:C/I:C/A:C<\x01>", "HIGH\xc3"),
	        .failing = true};
	f[1] = (cvg_finding){.component = 0, .cve = cves[1], .ignored = &ign};
	res = (cvg_scan_result){.components = comps,
	        .ncomponents = 1,
	        .findings = f,
	        .nfindings = 2,
	        .cves = cves,
	        .ncves = 2,
	        .db_path = "db\xff",
	        .db_updated = NULL};
	assert_int_equal(render(&out, &len, &res, &info), 0);
	if (getenv("CVG_TEST_DUMP"))
		fwrite(out, 1, len, stderr);
	doc = parse(out, len);

	snprintf(expect, sizeof(expect), "ignored: %s", clean);
	assert_xpath(doc, "string(//testcase[@name='CVE-2002-0002']/skipped/@message)", expect);
	assert_xpath(doc, "string(//testcase[@name='CVE-2002-0002']/skipped)", expect);
	assert_xpath(doc, "string(//testcase[1]/@classname)", "na<me&\" 1.0" R R R);
	assert_xpath(doc, "string(//testcase[1]/@file)", "dir/in" R "ventory" R ".txt");
	assert_xpath(doc, "string(//testcase[1]/@line)", "12");
	assert_xpath(doc, "string(//testcase[1]/failure/@type)", "HIGH" R);
	assert_xpath(doc, "string(//testcase[1]/failure/@message)",
	        "CVE-2002-0001: HIGH" R " 10.0 (AV:N/AC:L/Au:N/C:C/I:C/A:C<" R ">)");
	assert_xpath(doc, "string(/testsuites/testsuite/@name)", "cvegate: inv<" R ">");
	assert_xpath(doc, "string(/testsuites/testsuite/@hostname)", "host&\x7f" R);
	assert_xpath(doc, "string(/testsuites/testsuite/@timestamp)", "1970-01-02T00:00:00");
	assert_xpath(doc, "string(//property[@name='database']/@value)", "db" R);
	assert_xpath(doc, "string(count(//property))", "4");
	assert_xpath(doc, "string(//testcase[last()]/system-out)",
	        "1 criterion could not be evaluated:\nCVE-2002-0001 ]]>" R ": x\n");
	{
		/* the failure text carries every line, sanitised */
		char *body = xpath_string(doc, "string(//testcase[1]/failure)");
		snprintf(expect, sizeof(expect), "\nmatch: range: %s\n", clean);
		assert_non_null(strstr(body, expect));
		snprintf(expect, sizeof(expect), "\ndescription: %s\n", clean);
		assert_non_null(strstr(body, expect));
		assert_non_null(strstr(body,
		        "\nCVSS 2.0: AV:N/AC:L/Au:N/C:C/I:C/A:C<" R "> (source NVD, Primary)\n"));
		assert_non_null(strstr(body, "\npackages: pkg<&>" R R ", second" R "[31m\n"));
		xmlFree(body);
	}
	/* and nothing raw reached the bytes */
	assert_null(memchr(out, '\x01', len));
	assert_null(memchr(out, '\xff', len));
	assert_null(strstr(out, "]]>"));
	xmlFreeDoc(doc);
	free(out);
	free_cves(cves, 2);
}

/* ---- Failures ---- */

static void test_write_failure(void **state)
{
	char *pkgs[] = {"p"};
	cvg_component comps[1] = {
	        {.name = "a", .version = "1", .packages = pkgs, .npackages = 1},
	};
	cvg_scan_result res = {.components = comps, .ncomponents = 1};
	fx_info info = {"inv", 0, NULL, false};
	FILE *fp = fopen("/dev/full", "w");

	(void)state;
	if (fp == NULL)
		skip();
	assert_int_equal(fx_write(cvg_report_write_junit, fp, &res, &info), CVG_EIO);
	assert_string_equal(cvg_error_last(), "writing report: No space left on device");
	fclose(fp);
}

static void test_bad_timestamp(void **state)
{
	cvg_scan_result res = {0};
	fx_info info = {"inv", 0x7fffffffffffffffLL, NULL, false};
	char *out = NULL;
	size_t len = 0;

	(void)state;
	assert_int_equal(render(&out, &len, &res, &info), CVG_EINVAL);
	assert_int_equal(len, 0);
	free(out);
}

static void test_empty(void **state)
{
	cvg_scan_result res = {0};
	fx_info info = {"empty.manifest", 1700000000, NULL, false};
	char *out = NULL;
	size_t len = 0;

	(void)state;
	assert_int_equal(render(&out, &len, &res, &info), 0);
	assert_string_equal(out,
	        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	        "<testsuites name=\"cvegate\" tests=\"0\" failures=\"0\" skipped=\"0\" "
	        "errors=\"0\" "
	        "time=\"0\">\n"
	        "  <testsuite name=\"cvegate: empty.manifest\" tests=\"0\" failures=\"0\" "
	        "skipped=\"0\" errors=\"0\" time=\"0\" timestamp=\"2023-11-14T22:13:20\">\n"
	        "    <properties>\n"
	        "      <property name=\"inventory\" value=\"empty.manifest\"/>\n"
	        "      <property name=\"coverage.components\" value=\"0\"/>\n"
	        "      <property name=\"coverage.unmapped\" value=\"0\"/>\n"
	        "    </properties>\n"
	        "  </testsuite>\n"
	        "</testsuites>\n");
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_exact),
	        cmocka_unit_test(test_counts),
	        cmocka_unit_test(test_unsorted_findings),
	        cmocka_unit_test(test_hostile),
	        cmocka_unit_test(test_write_failure),
	        cmocka_unit_test(test_bad_timestamp),
	        cmocka_unit_test(test_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
