/*
 * tests/unit/test_report_cyclonedx.c - the CycloneDX 1.6 VEX writer on a
 * scan result built by hand (report_fixture.h), and the helpers it shares
 * with the OpenVEX and HTML writers (report_util.c).
 *
 * The output is parsed back with yajl_tree and its fields compared with
 * exact values. Field names and value sets come from the CycloneDX 1.6 JSON
 * schema (bom-1.6.schema.json: scoreMethod, severity, impactAnalysisState);
 * the date vectors from RFC 3339 and the NVD's own date shapes; the number
 * vectors from RFC 8259 section 6.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "lib/report/report_util.h"
#include "util/text.h"
#include "report_fixture.h"

/* ---- Shared helpers ---- */

static void test_parse_time(void **state)
{
	static const struct {
		const char *in;
		bool ok;
		long long t;
	} v[] = {
	        {"1970-01-01T00:00", true, 0},
	        {"2023-11-14T22:13:20", true, 1700000000},
	        {"2023-11-14T22:13:20Z", true, 1700000000},
	        {"2023-11-14T22:13:20.123", true, 1700000000},
	        {"2023-11-15T00:13:20+02:00", true, 1700000000},
	        {"2023-11-14T17:13:20-05:00", true, 1700000000},
	        {"2000-02-29T00:00", true, 951782400},
	        {"1969-12-31T23:59:59", true, -1},
	        {"2023-11-14", false, 0},
	        {"2023-13-01T00:00", false, 0},
	        {"2023-02-30T00:00", false, 0},
	        {"2023-11-14T24:00", false, 0},
	        {"2023-11-14T22:13:20.", false, 0},
	        {"2023-11-14T22:13:20+0200", false, 0},
	        {"2023-11-14T22:13:20 ", false, 0},
	        {"not a date", false, 0},
	        {"", false, 0},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		long long t = 42;
		bool ok = cvg__report_parse_time(&t, v[i].in);
		if (ok != v[i].ok || (ok && t != v[i].t))
			fail_msg("\"%s\": got %d %lld", v[i].in, ok, t);
	}
	assert_false(cvg__report_parse_time(&(long long){0}, NULL));
}

static void test_format_time(void **state)
{
	char s[32];

	(void)state;
	assert_int_equal(cvg__report_format_time(s, sizeof(s), 0), 0);
	assert_string_equal(s, "1970-01-01T00:00:00Z");
	assert_int_equal(cvg__report_format_time(s, sizeof(s), 1700000000), 0);
	assert_string_equal(s, "2023-11-14T22:13:20Z");
	assert_int_equal(cvg__report_format_time(s, sizeof(s), 253402300800LL), CVG_EINVAL);
}

static void test_json_number(void **state)
{
	static const struct {
		const char *in;
		bool ok;
	} v[] = {
	        {"9.8", true},
	        {"10.0", true},
	        {"0", true},
	        {"-1.5e+3", true},
	        {"5E2", true},
	        {"0.0", true},
	        {"", false},
	        {"9.", false},
	        {".5", false},
	        {"01", false},
	        {"+1", false},
	        {"NaN", false},
	        {"1e", false},
	        {"9.8 ", false},
	        {"9,8", false},
	        {"123456789012345678901234567890123", false},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (cvg__json_is_number(v[i].in) != v[i].ok)
			fail_msg("\"%s\": expected %d", v[i].in, v[i].ok);
	assert_false(cvg__json_is_number(NULL));
}

static void test_severity_and_purl(void **state)
{
	cvg_buf b = CVG_BUF_INIT(0);
	char uuid[48], again[48];

	(void)state;
	assert_string_equal(cvg__report_severity_lower("CRITICAL"), "critical");
	assert_string_equal(cvg__report_severity_lower("Medium"), "medium");
	assert_string_equal(cvg__report_severity_lower("NONE"), "none");
	assert_string_equal(cvg__report_severity_lower("HIGHER"), "unknown");
	assert_string_equal(cvg__report_severity_lower("HIG"), "unknown");
	assert_string_equal(cvg__report_severity_lower(NULL), "unknown");

	/* purl-spec: everything but RFC 3986 unreserved characters is percent-encoded */
	assert_int_equal(cvg__report_generic_purl(&b, "busybox", "1.24.1-r0"), 0);
	assert_string_equal(b.ptr, "pkg:generic/busybox@1.24.1-r0");
	cvg__buf_clear(&b);
	assert_int_equal(cvg__report_generic_purl(&b, "a b/c@<x>", "1:2.0+git~1"), 0);
	assert_string_equal(b.ptr, "pkg:generic/a%20b%2Fc%40%3Cx%3E@1%3A2.0%2Bgit~1");
	cvg__buf_clear(&b);
	/* invalid UTF-8 becomes U+FFFD first, then its encoding */
	assert_int_equal(cvg__report_generic_purl(&b, "x\xff", NULL), 0);
	assert_string_equal(b.ptr, "pkg:generic/x%EF%BF%BD");
	cvg__buf_dispose(&b);

	assert_int_equal(cvg__report_uuid(uuid, "abc", 3), 0);
	assert_int_equal(strlen(uuid), 36);
	assert_int_equal(uuid[14], '5');
	assert_non_null(strchr("89ab", uuid[19]));
	assert_int_equal(uuid[8], '-');
	assert_int_equal(uuid[23], '-');
	/* SHA-256("abc") = ba7816bf 8f01cfea 414140de 5dae2223 ... */
	assert_string_equal(uuid, "ba7816bf-8f01-5fea-8141-40de5dae2223");
	assert_int_equal(cvg__report_uuid(again, "abd", 3), 0);
	assert_string_not_equal(uuid, again);
}

/* ---- The document ---- */

static void test_document(void **state)
{
	fixture fx;
	char *out = NULL, *again = NULL;
	size_t len = 0, again_len = 0;
	yajl_val root;
	const char *serial;

	(void)state;
	fixture_build(&fx);
	assert_int_equal(fx_render(&out, &len, cvg_report_write_cyclonedx, &fx.res, &fx.info), 0);
	if (getenv("CVG_TEST_DUMP"))
		fwrite(out, 1, len, stderr);
	assert_int_equal(len, strlen(out));
	root = fx_parse_json(out);

	assert_jtext(root, "bomFormat", "CycloneDX");
	assert_jtext(root, "specVersion", "1.6");
	assert_jnumber(root, "version", "1");
	serial = jtext(root, "serialNumber");
	assert_int_equal(strlen(serial), 45);
	assert_memory_equal(serial, "urn:uuid:", 9);
	assert_jtext(root, "metadata/timestamp", "2023-11-14T22:13:20Z");
	assert_jtext(root, "metadata/tools/components/0/name", "cvegate");
	assert_jtext(root, "metadata/tools/components/0/type", "application");
	assert_jtext(root, "metadata/properties/0/name", "cvegate:inventory");
	assert_jtext(root, "metadata/properties/0/value", "build/image.manifest");
	assert_jtext(root, "metadata/properties/2/value", "2023-11-04T22:13:20");

	/* components: all five, in result order, with their identity */
	assert_int_equal(jlen(root, "components"), 5);
	assert_jtext(root, "components/0/bom-ref", "component-1");
	assert_jtext(root, "components/0/type", "library");
	assert_jtext(root, "components/0/name", "busybox");
	assert_jtext(root, "components/0/version", "1.24.1-r0");
	assert_jtext(root, "components/0/cpe", "cpe:2.3:a:busybox:busybox:1.24.1:*:*:*:*:*:*:*");
	assert_jabsent(root, "components/0/purl");
	assert_jtext(root, "components/0/properties/0/value", "SBOM CPE");
	assert_jtext(root, "components/0/properties/2/name", "cvegate:package");
	assert_jtext(root, "components/0/properties/3/value", "busybox-syslog");
	assert_jtext(root, "components/0/properties/4/value", "build/image.manifest:3");
	assert_jabsent(root, "components/1/cpe");
	assert_jabsent(root, "components/1/purl");
	assert_jtext(root, "components/2/properties/3/value", "auxiliary, not matched");
	assert_jtext(root, "components/3/bom-ref", "component-4");
	assert_jtext(root, "components/3/purl", "pkg:deb/debian/zlib@1.2.11-r0?arch=amd64");
	assert_jabsent(root, "components/3/cpe");
	assert_jtext(root, "components/4/properties/4/name", "cvegate:coverage");
	assert_jtext(root, "components/4/properties/4/value",
	        "unmapped: no NVD or CVE List record names it");

	/* vulnerabilities: one per CVE, sorted by id */
	assert_int_equal(jlen(root, "vulnerabilities"), 5);
	assert_jtext(root, "vulnerabilities/0/bom-ref", "vulnerability-1");
	assert_jtext(root, "vulnerabilities/0/id", "CVE-2016-2147");
	assert_jtext(root, "vulnerabilities/0/source/name", "NVD");
	assert_jtext(root, "vulnerabilities/0/source/url",
	        "https://nvd.nist.gov/vuln/detail/CVE-2016-2147");
	assert_int_equal(jlen(root, "vulnerabilities/0/ratings"), 2);
	assert_jnumber(root, "vulnerabilities/0/ratings/0/score", "7.5");
	assert_jtext(root, "vulnerabilities/0/ratings/0/method", "CVSSv31");
	assert_jtext(root, "vulnerabilities/0/ratings/0/severity", "high");
	assert_jtext(root, "vulnerabilities/0/ratings/0/source/name", "nvd@nist.gov");
	assert_jtext(root, "vulnerabilities/0/ratings/0/vector",
	        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H");
	/* the score as the source gave it: 10.0 stays 10.0 */
	assert_jnumber(root, "vulnerabilities/0/ratings/1/score", "10.0");
	assert_non_null(strstr(out, "\"score\": 10.0,"));
	assert_jtext(root, "vulnerabilities/0/ratings/1/method", "CVSSv2");
	/* CWE-190 twice (two sources) and NVD-CWE-Other: one entry */
	assert_int_equal(jlen(root, "vulnerabilities/0/cwes"), 1);
	assert_jnumber(root, "vulnerabilities/0/cwes/0", "190");
	assert_jtext(root, "vulnerabilities/0/description",
	        "Integer overflow in the DHCP client (udhcpc).");
	assert_jtext(root, "vulnerabilities/0/advisories/0/url", "https://example.org/advisory/1");
	assert_jtext(root, "vulnerabilities/0/published", "2017-02-09T20:59:00Z");
	assert_jtext(root, "vulnerabilities/0/updated", "2019-06-10T12:00:01Z");
	assert_jtext(root, "vulnerabilities/0/analysis/state", "in_triage");
	assert_jtext(root, "vulnerabilities/0/analysis/detail",
	        "cvegate: the version is in a range the NVD record lists as vulnerable; no "
	        "triage is recorded (fails the gate)");
	assert_jabsent(root, "vulnerabilities/0/analysis/justification");
	assert_int_equal(jlen(root, "vulnerabilities/0/affects"), 1);
	assert_jtext(root, "vulnerabilities/0/affects/0/ref", "component-1");
	assert_jtext(root, "vulnerabilities/0/properties/0/value", "failing");

	/* ignored: not_affected, the reason as detail, no invented justification */
	assert_jtext(root, "vulnerabilities/1/id", "CVE-2016-2148");
	assert_jtext(root, "vulnerabilities/1/analysis/state", "not_affected");
	assert_jtext(root, "vulnerabilities/1/analysis/detail", "fixed by a backported patch");
	assert_jabsent(root, "vulnerabilities/1/analysis/justification");
	assert_jtext(root, "vulnerabilities/1/ratings/0/method", "CVSSv4");
	assert_jtext(root, "vulnerabilities/1/ratings/0/severity", "critical");
	assert_jnumber(root, "vulnerabilities/1/ratings/0/score", "9.3");
	assert_jabsent(root, "vulnerabilities/1/cwes");
	assert_jabsent(root, "vulnerabilities/1/updated");
	assert_jtext(root, "vulnerabilities/1/properties/0/value", "ignored");
	assert_jtext(root, "vulnerabilities/1/properties/1/name", "cvegate:ignore.line");
	assert_jtext(root, "vulnerabilities/1/properties/1/value", "4");

	/* below the threshold: still in triage, passes the gate */
	assert_jtext(root, "vulnerabilities/2/id", "CVE-2019-25013");
	assert_jtext(root, "vulnerabilities/2/analysis/state", "in_triage");
	assert_jtext(root, "vulnerabilities/2/properties/0/value", "below_threshold");
	assert_jtext(root, "vulnerabilities/2/affects/0/ref", "component-2");

	/* conditional; no scores; an unreadable date is left out */
	assert_jtext(root, "vulnerabilities/3/id", "CVE-2020-1751");
	assert_jtext(root, "vulnerabilities/3/analysis/state", "in_triage");
	assert_jtext(root, "vulnerabilities/3/analysis/detail",
	        "cvegate: the NVD record makes this depend on "
	        "cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*, which the inventory does not list; "
	        "no triage is recorded (does not fail the gate)");
	assert_int_equal(jlen(root, "vulnerabilities/3/ratings"), 0);
	assert_jabsent(root, "vulnerabilities/3/published");
	assert_jtext(root, "vulnerabilities/3/properties/0/value", "conditional");

	/* one CVE in two components: one entry affecting both */
	assert_jtext(root, "vulnerabilities/4/id", "CVE-2022-37434");
	assert_int_equal(jlen(root, "vulnerabilities/4/affects"), 2);
	assert_jtext(root, "vulnerabilities/4/affects/0/ref", "component-1");
	assert_jtext(root, "vulnerabilities/4/affects/1/ref", "component-4");
	assert_jtext(root, "vulnerabilities/4/published", "2022-08-05T05:15:00Z");

	/* the same input gives the same bytes */
	assert_int_equal(
	        fx_render(&again, &again_len, cvg_report_write_cyclonedx, &fx.res, &fx.info), 0);
	assert_int_equal(again_len, len);
	assert_memory_equal(again, out, len);

	yajl_tree_free(root);
	free(out);
	free(again);
	fixture_free(&fx);
}

/* An ignored and an open finding of one CVE in two components: two entries. */
/* An ignore entry's justification, in CycloneDX's words. */
static void test_justification(void **state)
{
	fixture fx;
	char *out = NULL;
	size_t len = 0;
	yajl_val root;

	(void)state;
	fixture_build(&fx);
	fx.ign.justification = "inline_mitigations_already_exist"; /* OpenVEX's name */
	assert_int_equal(fx_render(&out, &len, cvg_report_write_cyclonedx, &fx.res, &fx.info), 0);
	root = fx_parse_json(out);
	assert_jtext(root, "vulnerabilities/1/analysis/state", "not_affected");
	assert_jtext(root, "vulnerabilities/1/analysis/justification",
	        "protected_by_mitigating_control");
	assert_jtext(root, "vulnerabilities/1/analysis/detail", "fixed by a backported patch");
	yajl_tree_free(root);
	free(out);
	fixture_free(&fx);
}

static void test_split_analysis(void **state)
{
	fixture fx;
	char *out = NULL;
	size_t len = 0;
	yajl_val root;

	(void)state;
	fixture_build(&fx);
	fx.f[5].ignored = &fx.ign;
	fx.f[5].failing = false;
	assert_int_equal(fx_render(&out, &len, cvg_report_write_cyclonedx, &fx.res, &fx.info), 0);
	root = fx_parse_json(out);
	assert_int_equal(jlen(root, "vulnerabilities"), 6);
	assert_jtext(root, "vulnerabilities/4/id", "CVE-2022-37434");
	assert_jtext(root, "vulnerabilities/4/analysis/state", "not_affected");
	assert_jtext(root, "vulnerabilities/4/affects/0/ref", "component-1");
	assert_jtext(root, "vulnerabilities/5/id", "CVE-2022-37434");
	assert_jtext(root, "vulnerabilities/5/bom-ref", "vulnerability-6");
	assert_jtext(root, "vulnerabilities/5/analysis/state", "in_triage");
	assert_jtext(root, "vulnerabilities/5/affects/0/ref", "component-4");
	yajl_tree_free(root);
	free(out);
	fixture_free(&fx);
}

static void test_empty(void **state)
{
	cvg_scan_result res = {0};
	fx_info info = {NULL, 0, NULL, false};
	char *out = NULL;
	size_t len = 0;
	yajl_val root;

	(void)state;
	assert_int_equal(fx_render(&out, &len, cvg_report_write_cyclonedx, &res, &info), 0);
	root = fx_parse_json(out);
	assert_int_equal(jlen(root, "components"), 0);
	assert_int_equal(jlen(root, "vulnerabilities"), 0);
	assert_jtext(root, "metadata/timestamp", "1970-01-01T00:00:00Z");
	assert_int_equal(jlen(root, "metadata/properties"), 0);
	yajl_tree_free(root);
	free(out);
}

/* ---- Hostile strings ---- */

static void test_hostile(void **state)
{
	static const char hostile[] =
	        "a \"q\" \\ </script> \x01 \xff \xc0\xaf \xed\xa0\x80 \x1b[31m";
	static const char clean[] = "a \"q\" \\ </script> " R " " R " " R R " " R R R " " R "[31m";
	fixture fx;
	char *out = NULL;
	size_t len = 0;
	yajl_val root;

	(void)state;
	fixture_build(&fx);
	fx.comps[0].name = (char *)hostile;
	fx.comps[0].version = (char *)hostile;
	fx.comps[3].ident_text = hostile;
	fx.ign.reason = (char *)hostile;
	fx_set(&fx.cves[0]->description, hostile);
	/* a score that is not a JSON number is left out, not pasted */
	fx_set(&fx.cves[0]->metrics[1].score, "10.0, \"x\": 1");
	fx_set(&fx.cves[0]->metrics[1].severity, "HIGH\xff");
	fx.info.inventory = hostile;
	assert_int_equal(fx_render(&out, &len, cvg_report_write_cyclonedx, &fx.res, &fx.info), 0);
	if (getenv("CVG_TEST_DUMP"))
		fwrite(out, 1, len, stderr);
	root = fx_parse_json(out);
	assert_jtext(root, "components/0/name", clean);
	assert_jtext(root, "components/0/version", clean);
	assert_jtext(root, "components/3/purl", clean);
	assert_jtext(root, "vulnerabilities/1/analysis/detail", clean);
	assert_jtext(root, "vulnerabilities/0/description", clean);
	assert_jtext(root, "metadata/properties/0/value", clean);
	assert_jabsent(root, "vulnerabilities/0/ratings/1/score");
	assert_jtext(root, "vulnerabilities/0/ratings/1/severity", "unknown");
	/* nothing raw reached the bytes */
	assert_null(memchr(out, '\x01', len));
	assert_null(memchr(out, '\xff', len));
	assert_null(memchr(out, '\x1b', len));
	yajl_tree_free(root);
	free(out);
	fixture_free(&fx);
}

/* ---- Failures ---- */

static void test_failures(void **state)
{
	fixture fx;
	FILE *full;

	(void)state;
	fixture_build(&fx);
	full = fopen("/dev/full", "w");
	if (full) {
		assert_int_equal(
		        fx_write(cvg_report_write_cyclonedx, full, &fx.res, &fx.info), CVG_EIO);
		fclose(full);
	}
	fx.info.timestamp = 253402300800LL; /* year 10000 */
	{
		char *out = NULL;
		size_t len = 0;
		assert_int_equal(
		        fx_render(&out, &len, cvg_report_write_cyclonedx, &fx.res, &fx.info),
		        CVG_EINVAL);
		assert_int_equal(len, 0);
		free(out);
	}
	fixture_free(&fx);
}

/* The format table names it. */
static void test_table(void **state)
{
	const cvg_report_format *f;

	(void)state;
	assert_non_null(f = cvg_report_find("cyclonedx"));
	assert_ptr_equal(f->write, cvg_report_write_cyclonedx);
	assert_true(f->full_records);
	assert_non_null(f = cvg_report_find("openvex"));
	assert_ptr_equal(f->write, cvg_report_write_openvex);
	assert_non_null(f = cvg_report_find("html"));
	assert_ptr_equal(f->write, cvg_report_write_html);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_parse_time),
	        cmocka_unit_test(test_format_time),
	        cmocka_unit_test(test_json_number),
	        cmocka_unit_test(test_severity_and_purl),
	        cmocka_unit_test(test_document),
	        cmocka_unit_test(test_split_analysis),
	        cmocka_unit_test(test_empty),
	        cmocka_unit_test(test_hostile),
	        cmocka_unit_test(test_failures),
	        cmocka_unit_test(test_table),
	        cmocka_unit_test(test_justification),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
