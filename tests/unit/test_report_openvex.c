/*
 * tests/unit/test_report_openvex.c - the OpenVEX 0.2.0 writer on a scan
 * result built by hand (report_fixture.h), parsed back with yajl_tree.
 *
 * Field names and status values come from the OpenVEX specification v0.2.0
 * (github.com/openvex/spec, OPENVEX-SPEC.md): a not_affected statement needs
 * a justification or an impact_statement, an affected one an
 * action_statement; products are named by an IRI in @id.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "report_fixture.h"

static void test_document(void **state)
{
	fixture fx;
	char *out = NULL, *again = NULL;
	size_t len = 0, again_len = 0;
	yajl_val root;
	const char *id;

	(void)state;
	fixture_build(&fx);
	assert_int_equal(fx_render(&out, &len, cvg_report_write_openvex, &fx.res, &fx.info), 0);
	if (getenv("CVG_TEST_DUMP"))
		fwrite(out, 1, len, stderr);
	assert_int_equal(len, strlen(out));
	root = fx_parse_json(out);

	assert_jtext(root, "@context", "https://openvex.dev/ns/v0.2.0");
	id = jtext(root, "@id");
	assert_int_equal(strlen(id), 45);
	assert_memory_equal(id, "urn:uuid:", 9);
	assert_jtext(root, "author", "cvegate");
	assert_jtext(root, "timestamp", "2023-11-14T22:13:20Z");
	assert_jnumber(root, "version", "1");
	assert_memory_equal(jtext(root, "tooling"), "cvegate ", 8);

	/* statements sorted by CVE id; one per CVE and status */
	assert_int_equal(jlen(root, "statements"), 5);

	assert_jtext(root, "statements/0/vulnerability/name", "CVE-2016-2147");
	assert_jtext(root, "statements/0/vulnerability/@id",
	        "https://nvd.nist.gov/vuln/detail/CVE-2016-2147");
	assert_jtext(root, "statements/0/vulnerability/description",
	        "Integer overflow in the DHCP client (udhcpc).");
	assert_jtext(root, "statements/0/status", "affected");
	assert_jtext(root, "statements/0/action_statement",
	        "Update to a version the NVD record does not list as vulnerable, or record in the "
	        "ignore list why it does not apply (a backported fix, code not built or not "
	        "reachable)");
	assert_jtext(root, "statements/0/status_notes",
	        "cvegate: the version is in a range the NVD record lists as vulnerable; fails the "
	        "gate");
	/* named by CPE in the inventory: a generic purl; no CPE key (spec and schema differ) */
	assert_int_equal(jlen(root, "statements/0/products"), 1);
	assert_jtext(root, "statements/0/products/0/@id", "pkg:generic/busybox@1.24.1-r0");
	assert_jtext(
	        root, "statements/0/products/0/identifiers/purl", "pkg:generic/busybox@1.24.1-r0");
	assert_jabsent(root, "statements/0/products/0/identifiers/cpe23");
	assert_int_equal(jpath(root, "statements/0/products/0/identifiers")->u.object.len, 1);

	/* ignored: not_affected with the reason; no invented justification */
	assert_jtext(root, "statements/1/vulnerability/name", "CVE-2016-2148");
	assert_jtext(root, "statements/1/status", "not_affected");
	assert_jtext(root, "statements/1/impact_statement", "fixed by a backported patch");
	assert_jabsent(root, "statements/1/justification");
	assert_jabsent(root, "statements/1/action_statement");

	/* below the threshold: affected all the same, the note says it passes */
	assert_jtext(root, "statements/2/vulnerability/name", "CVE-2019-25013");
	assert_jtext(root, "statements/2/status", "affected");
	assert_jtext(root, "statements/2/status_notes",
	        "cvegate: the version is in a range the NVD record lists as vulnerable; does not "
	        "fail the gate (score below the threshold)");
	assert_jtext(root, "statements/2/products/0/@id", "pkg:generic/glibc@2.31-r0");
	assert_jabsent(root, "statements/2/products/0/identifiers/cpe23");

	/* conditional: under_investigation */
	assert_jtext(root, "statements/3/vulnerability/name", "CVE-2020-1751");
	assert_jtext(root, "statements/3/status", "under_investigation");
	assert_jtext(root, "statements/3/status_notes",
	        "cvegate: the NVD record makes this depend on "
	        "cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*, which the inventory does not list; "
	        "does not fail the gate");
	assert_jabsent(root, "statements/3/action_statement");

	/* one CVE in two components: one statement, both products; the purl as given */
	assert_jtext(root, "statements/4/vulnerability/name", "CVE-2022-37434");
	assert_int_equal(jlen(root, "statements/4/products"), 2);
	assert_jtext(root, "statements/4/products/0/@id", "pkg:generic/busybox@1.24.1-r0");
	assert_jtext(
	        root, "statements/4/products/1/@id", "pkg:deb/debian/zlib@1.2.11-r0?arch=amd64");

	assert_int_equal(
	        fx_render(&again, &again_len, cvg_report_write_openvex, &fx.res, &fx.info), 0);
	assert_int_equal(again_len, len);
	assert_memory_equal(again, out, len);

	/* another timestamp is another document */
	fx.info.timestamp++;
	free(again);
	again = NULL;
	assert_int_equal(
	        fx_render(&again, &again_len, cvg_report_write_openvex, &fx.res, &fx.info), 0);
	{
		yajl_val other = fx_parse_json(again);
		assert_string_not_equal(jtext(other, "@id"), id);
		yajl_tree_free(other);
	}

	yajl_tree_free(root);
	free(out);
	free(again);
	fixture_free(&fx);
}

/* An ignore entry's justification, in OpenVEX's words; the reason moves to
 * status_notes (a justification and an impact statement exclude each other). */
static void test_justification(void **state)
{
	fixture fx;
	char *out = NULL;
	size_t len = 0;
	yajl_val root;

	(void)state;
	fixture_build(&fx);
	fx.ign.justification = "code_not_reachable"; /* CycloneDX's name */
	assert_int_equal(fx_render(&out, &len, cvg_report_write_openvex, &fx.res, &fx.info), 0);
	root = fx_parse_json(out);
	assert_jtext(root, "statements/1/status", "not_affected");
	assert_jtext(root, "statements/1/justification", "vulnerable_code_not_in_execute_path");
	assert_jtext(root, "statements/1/status_notes", "fixed by a backported patch");
	assert_jabsent(root, "statements/1/impact_statement");
	yajl_tree_free(root);
	free(out);
	fixture_free(&fx);
}

static void test_empty(void **state)
{
	cvg_scan_result res = {0};
	fx_info info = {NULL, 86400, NULL, false};
	char *out = NULL;
	size_t len = 0;
	yajl_val root;

	(void)state;
	assert_int_equal(fx_render(&out, &len, cvg_report_write_openvex, &res, &info), 0);
	root = fx_parse_json(out);
	assert_int_equal(jlen(root, "statements"), 0);
	assert_jtext(root, "timestamp", "1970-01-02T00:00:00Z");
	yajl_tree_free(root);
	free(out);
}

static void test_hostile(void **state)
{
	static const char hostile[] = "a \"q\" \\ <b> \x01 \xff \xc0\xaf \x1b[31m";
	static const char clean[] = "a \"q\" \\ <b> " R " " R " " R R " " R "[31m";
	fixture fx;
	char *out = NULL;
	size_t len = 0;
	yajl_val root;

	(void)state;
	fixture_build(&fx);
	fx.comps[0].name = "busy box@<1>";
	fx.comps[0].version = "1.0+\xff";
	fx.comps[0].ident_text = hostile;
	fx.comps[3].ident_text = hostile;
	fx.ign.reason = (char *)hostile;
	fx_set(&fx.cves[0]->description, hostile);
	assert_int_equal(fx_render(&out, &len, cvg_report_write_openvex, &fx.res, &fx.info), 0);
	if (getenv("CVG_TEST_DUMP"))
		fwrite(out, 1, len, stderr);
	root = fx_parse_json(out);
	assert_jtext(root, "statements/0/products/0/@id",
	        "pkg:generic/busy%20box%40%3C1%3E@1.0%2B%EF%BF%BD");
	assert_jtext(root, "statements/0/vulnerability/description", clean);
	assert_jtext(root, "statements/1/impact_statement", clean);
	assert_jtext(root, "statements/4/products/1/@id", clean);
	assert_null(memchr(out, '\x01', len));
	assert_null(memchr(out, '\xff', len));
	assert_null(memchr(out, '\x1b', len));
	yajl_tree_free(root);
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
		assert_int_equal(
		        fx_write(cvg_report_write_openvex, full, &fx.res, &fx.info), CVG_EIO);
		fclose(full);
	}
	fx.info.timestamp = -62167219201LL; /* before year 0 */
	assert_int_equal(
	        fx_render(&out, &len, cvg_report_write_openvex, &fx.res, &fx.info), CVG_EINVAL);
	assert_int_equal(len, 0);
	free(out);
	fixture_free(&fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_document),
	        cmocka_unit_test(test_justification),
	        cmocka_unit_test(test_empty),
	        cmocka_unit_test(test_hostile),
	        cmocka_unit_test(test_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
