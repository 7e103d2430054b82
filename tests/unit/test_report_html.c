/*
 * tests/unit/test_report_html.c - the HTML writer on a scan result built by
 * hand (report_fixture.h).
 *
 * The page is parsed back with libxml2's HTML parser and checked with
 * XPath: the sections, counts, rows, the chart, that nothing external is
 * referenced, and that hostile strings stay text. `test_report_html
 * --write-html FILE [hostile]` writes the fixture's page to FILE instead of
 * running the tests: tests/cli/html_browser.sh renders that file in
 * headless Chromium.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include "report_fixture.h"

static htmlDocPtr parse_html(const char *text, size_t len)
{
	htmlDocPtr doc = htmlReadMemory(text, (int)len, "report.html", "UTF-8",
	        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);

	assert_non_null(doc);
	return doc;
}

static char *xpath_string(htmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr obj;
	char *s;

	assert_non_null(ctx);
	obj = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	if (obj == NULL)
		fail_msg("bad XPath %s", expr);
	s = (char *)xmlXPathCastToString(obj);
	xmlXPathFreeObject(obj);
	xmlXPathFreeContext(ctx);
	assert_non_null(s);
	return s;
}

static void assert_xpath(htmlDocPtr doc, const char *expr, const char *expected)
{
	char *s = xpath_string(doc, expr);

	if (strcmp(s, expected) != 0)
		fail_msg("%s: got \"%s\", expected \"%s\"", expr, s, expected);
	xmlFree(s);
}

static void test_page(void **state)
{
	fixture fx;
	char *out = NULL, *again = NULL;
	size_t len = 0, again_len = 0;
	htmlDocPtr doc;

	(void)state;
	fixture_build(&fx);
	assert_int_equal(fx_render(&out, &len, cvg_report_write_html, &fx.res, &fx.info), 0);
	if (getenv("CVG_TEST_DUMP"))
		fwrite(out, 1, len, stderr);
	assert_int_equal(len, strlen(out));
	assert_memory_equal(out, "<!DOCTYPE html>\n", 16);
	doc = parse_html(out, len);

	assert_xpath(doc, "string(/html/@lang)", "en");
	assert_xpath(doc, "string(//head/title)", "cvegate report: build/image.manifest");
	assert_xpath(doc, "string(//meta/@charset)", "utf-8");
	/* self-contained: one inline script and style, nothing fetched */
	assert_xpath(doc, "string(count(//script))", "1");
	assert_xpath(doc, "string(count(//script[@src]))", "0");
	assert_xpath(doc, "string(count(//style))", "1");
	assert_xpath(doc, "string(count(//link|//img|//iframe|//object|//embed))", "0");
	assert_xpath(doc, "string(count(//@style))", "0");
	assert_xpath(doc,
	        "string(count(//a[not(starts-with(@href, "
	        "'https://nvd.nist.gov/vuln/detail/CVE-'))]))",
	        "0");

	/* header: the database and its age */
	assert_xpath(doc, "string(//table[@id='about']//tr[th='Report time (UTC)']/td)",
	        "2023-11-14T22:13:20Z");
	assert_xpath(doc, "string(//table[@id='about']//tr[th='Database updated']/td)",
	        "2023-11-04T22:13:20");
	assert_xpath(doc, "string(//table[@id='about']//tr[th='Database age']/td)",
	        "10 days: older than a week, run cvegate db update");

	/* summary counts */
	assert_xpath(doc, "string(//tr[@id='count-components']/td)", "5");
	assert_xpath(doc, "string(//tr[@id='count-findings']/td)", "6");
	assert_xpath(doc, "string(//tr[@id='count-failing']/td)", "3");
	assert_xpath(doc, "string(//tr[@id='count-open']/td)", "5");
	assert_xpath(doc, "string(//tr[@id='count-ignored']/td)", "1");
	assert_xpath(doc, "string(//tr[@id='count-unmapped']/td)", "1");
	assert_xpath(doc, "string(//tr[@id='count-auxiliary']/td)", "1");
	/* open findings per severity: 2 critical (one CVE in two packages), 1 high, 1 medium,
	 * 1 unscored; the ignored critical one is not counted */
	assert_xpath(
	        doc, "string(//table[@id='severity']//tr[@data-severity='critical']/td[1])", "2");
	assert_xpath(
	        doc, "string(//table[@id='severity']//tr[@data-severity='critical']/td[2])", "2");
	assert_xpath(doc, "string(//table[@id='severity']//tr[@data-severity='high']/td[1])", "1");
	assert_xpath(
	        doc, "string(//table[@id='severity']//tr[@data-severity='medium']/td[2])", "0");
	assert_xpath(
	        doc, "string(//table[@id='severity']//tr[@data-severity='unscored']/td[1])", "1");
	/* the chart: six bars, the longest for the largest count */
	assert_xpath(doc, "string(count(//svg[@id='severity-chart']//rect[@class='bar']))", "6");
	assert_xpath(doc, "string(//svg//g[@data-severity='critical']/rect[@class='bar']/@width)",
	        "300");
	assert_xpath(
	        doc, "string(//svg//g[@data-severity='high']/rect[@class='bar']/@width)", "150");
	assert_xpath(doc, "string(//svg//g[@data-severity='low']/rect[@class='bar']/@width)", "0");
	assert_xpath(doc, "string(//svg/title)", "Open findings per severity");

	/* findings: one table per package with open findings, components in order */
	assert_xpath(doc, "string(//p[@id='findings-count'])", "5 open findings in 3 packages.");
	assert_xpath(doc, "string(count(//div[@class='package']))", "3");
	assert_xpath(doc, "string(count(//table[@class='findings']/tbody/tr))", "5");
	assert_xpath(doc, "string(//div[@class='package'][1]/@data-package)", "busybox 1.24.1-r0");
	assert_xpath(doc, "string(//div[@class='package'][1]/h3)", "busybox 1.24.1-r0");
	assert_xpath(doc, "string(count(//div[@class='package'][1]//tbody/tr))", "2");
	assert_xpath(doc, "string(//div[@class='package'][1]//tbody/tr[1]/td[1])", "CVE-2016-2147");
	assert_xpath(doc, "string(//div[@class='package'][1]//tbody/tr[1]/td[1]/a/@href)",
	        "https://nvd.nist.gov/vuln/detail/CVE-2016-2147");
	assert_xpath(doc, "string(//div[@class='package'][1]//tbody/tr[1]/td[2])", "HIGH");
	assert_xpath(
	        doc, "string(//div[@class='package'][1]//tbody/tr[1]/td[3])", "7.5 (CVSS 3.1)");
	assert_xpath(doc, "string(//div[@class='package'][1]//tbody/tr[1]/td[5])", "failing");
	assert_xpath(
	        doc, "string(//div[@class='package'][1]//tbody/tr[2]/td[1])", "CVE-2022-37434");
	assert_xpath(
	        doc, "string(//div[@class='package'][1]//tbody/tr[2]/@data-severity)", "critical");
	assert_xpath(doc, "string(//div[@class='package'][1]/p)",
	        "identified: SBOM CPE (cpe:2.3:a:busybox:busybox:1.24.1:*:*:*:*:*:*:*); packages: "
	        "busybox, busybox-syslog"
	        "listed at build/image.manifest:3");
	assert_xpath(doc, "string(//div[@class='package'][2]//tbody/tr[1]/td[5])",
	        "below threshold: passes");
	assert_xpath(doc, "string(//div[@class='package'][2]//tbody/tr[2]/td[5])",
	        "conditional: passes");
	assert_xpath(doc, "string(//div[@class='package'][2]//tbody/tr[2]/td[6]/span)",
	        "if also present: cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*");
	assert_xpath(doc, "string(//div[@class='package'][2]//tbody/tr[2]/td[2])", "none");
	assert_xpath(doc, "string(//div[@class='package'][3]/h3)", "zlib 1.2.11-r0");

	/* the ignored finding with its reason */
	assert_xpath(doc, "string(count(//section[@id='ignored']//tbody/tr))", "1");
	assert_xpath(doc, "string(//section[@id='ignored']//tbody/tr/td[1])", "busybox 1.24.1-r0");
	assert_xpath(doc, "string(//section[@id='ignored']//tbody/tr/td[2])", "CVE-2016-2148");
	assert_xpath(doc, "string(//section[@id='ignored']//tbody/tr/td[4])",
	        "fixed by a backported patch");
	assert_xpath(doc, "string(//section[@id='ignored']//tbody/tr/td[5])", "4");

	/* coverage */
	assert_xpath(doc, "string(count(//table[@id='unmapped']/tbody/tr))", "1");
	assert_xpath(doc, "string(//table[@id='unmapped']/tbody/tr/td[1])", "mytool 2.0");
	assert_xpath(doc, "string(//table[@id='unmapped']/tbody/tr/td[2])", "*:mytool");
	assert_xpath(
	        doc, "string(//table[@id='unmapped']/tbody/tr/td[4])", "build/image.manifest:12");
	assert_xpath(doc, "string(count(//table[@class='skipped']/tbody/tr))", "1");
	assert_xpath(doc, "string(//table[@class='skipped']/tbody/tr/td[1])", "zlib 1.2.11-r0");

	assert_int_equal(
	        fx_render(&again, &again_len, cvg_report_write_html, &fx.res, &fx.info), 0);
	assert_int_equal(again_len, len);
	assert_memory_equal(again, out, len);

	xmlFreeDoc(doc);
	free(out);
	free(again);
	fixture_free(&fx);
}

static void test_empty(void **state)
{
	cvg_scan_result res = {0};
	fx_info info = {NULL, 0, NULL, false};
	char *out = NULL;
	size_t len = 0;
	htmlDocPtr doc;

	(void)state;
	assert_int_equal(fx_render(&out, &len, cvg_report_write_html, &res, &info), 0);
	doc = parse_html(out, len);
	assert_xpath(doc, "string(//head/title)", "cvegate report");
	assert_xpath(doc, "string(//p[@id='findings-count'])", "0 open findings in 0 packages.");
	assert_xpath(doc, "string(//section[@id='ignored']/p)", "No finding is ignored.");
	assert_xpath(doc, "string(//table[@id='about']//tr[th='Database age']/td)", "unknown");
	assert_xpath(doc, "string(//svg//g[@data-severity='high']/rect[@class='bar']/@width)", "0");
	xmlFreeDoc(doc);
	free(out);
}

/* ---- Hostile strings ---- */

static const char hostile[] = "<script>alert(1)</script> & \"q\" 'a' <img src=x onerror=y> "
                              "\x01 \xff \xc0\xaf \x1b[31m";
static const char clean[] =
        "<script>alert(1)</script> & \"q\" 'a' <img src=x onerror=y> " R " " R " " R R " " R "[31m";

static void make_hostile(fixture *fx)
{
	fx->comps[0].name = (char *)hostile;
	fx->comps[0].packages[0] = (char *)hostile;
	fx->comps[4].name = (char *)hostile;
	fx->comps[4].products = (char *)hostile;
	fx->ign.reason = (char *)hostile;
	fx_set(&fx->cves[0]->description, hostile);
	fx_set(&fx->cves[0]->metrics[0].vector, hostile);
	fx_set(&fx->cves[0]->id, "CVE-2016-2147\"><script>x</script>");
	fx->info.inventory = hostile;
	fx->res.db_updated = (char *)hostile;
}

static void test_hostile(void **state)
{
	fixture fx;
	char *out = NULL;
	size_t len = 0;
	htmlDocPtr doc;
	char expect[512];

	(void)state;
	fixture_build(&fx);
	make_hostile(&fx);
	assert_int_equal(fx_render(&out, &len, cvg_report_write_html, &fx.res, &fx.info), 0);
	if (getenv("CVG_TEST_DUMP"))
		fwrite(out, 1, len, stderr);
	fx_busybox_pkgs[0] = "busybox";
	doc = parse_html(out, len);
	/* markup from outside stays text: still one script, no img, no handler */
	assert_xpath(doc, "string(count(//script))", "1");
	assert_xpath(doc, "string(count(//img))", "0");
	assert_xpath(doc, "string(count(//@onerror))", "0");
	snprintf(expect, sizeof(expect), "cvegate report: %s", clean);
	assert_xpath(doc, "string(//head/title)", expect);
	snprintf(expect, sizeof(expect), "%s 1.24.1-r0", clean);
	assert_xpath(doc, "string(//div[@class='package'][1]/h3)", expect);
	assert_xpath(doc, "string(//div[@class='package'][1]/@data-package)", expect);
	assert_xpath(doc, "string(//div[@class='package'][1]//tbody/tr[1]/td[4])", clean);
	assert_xpath(doc, "string(//div[@class='package'][1]//tbody/tr[1]/td[8])", clean);
	assert_xpath(doc, "string(//div[@class='package'][1]//tbody/tr[1]/td[1])",
	        "CVE-2016-2147\"><script>x</script>");
	assert_xpath(doc, "string(//section[@id='ignored']//tbody/tr/td[4])", clean);
	assert_xpath(doc, "string(//table[@id='unmapped']/tbody/tr/td[2])", clean);
	assert_xpath(doc, "string(//table[@id='about']//tr[th='Database updated']/td)", clean);
	assert_xpath(doc, "string(//table[@id='about']//tr[th='Database age']/td)", "unknown");
	/* nothing raw reached the bytes */
	assert_null(memchr(out, '\x01', len));
	assert_null(memchr(out, '\xff', len));
	assert_null(memchr(out, '\x1b', len));
	assert_null(strstr(out, "<script>alert"));
	assert_null(strstr(out, "<img"));
	xmlFreeDoc(doc);
	free(out);
	fixture_free(&fx);
}

static void test_failures(void **state)
{
	fixture fx;
	FILE *full;
	char *out = NULL;
	size_t len = 0;

	(void)state;
	fixture_build(&fx);
	full = fopen("/dev/full", "w");
	if (full) {
		assert_int_equal(fx_write(cvg_report_write_html, full, &fx.res, &fx.info), CVG_EIO);
		fclose(full);
	}
	fx.info.timestamp = 253402300800LL;
	assert_int_equal(
	        fx_render(&out, &len, cvg_report_write_html, &fx.res, &fx.info), CVG_EINVAL);
	assert_int_equal(len, 0);
	free(out);
	fixture_free(&fx);
}

/* `--write-html FILE [hostile]`: the fixture's page, for the browser test. */
static int write_html(const char *path, bool make_it_hostile)
{
	fixture fx;
	FILE *fp;
	int rc;

	fixture_build(&fx);
	if (make_it_hostile)
		make_hostile(&fx);
	if ((fp = fopen(path, "w")) == NULL) {
		perror(path);
		return 1;
	}
	rc = fx_write(cvg_report_write_html, fp, &fx.res, &fx.info);
	if (fclose(fp) != 0 || rc != 0) {
		fprintf(stderr, "writing %s failed: %s\n", path, cvg_error_last());
		return 1;
	}
	fixture_free(&fx);
	return 0;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_page),
	        cmocka_unit_test(test_empty),
	        cmocka_unit_test(test_hostile),
	        cmocka_unit_test(test_failures),
	};
	if (argc >= 3 && strcmp(argv[1], "--write-html") == 0)
		return write_html(argv[2], argc >= 4 && strcmp(argv[3], "hostile") == 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
