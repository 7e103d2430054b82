/*
 * tests/unit/test_vex.c - judgements from VEX documents and Yocto's CVE
 * records (lib/vex.c): which statements suppress, with which reason,
 * package and justification; what keeps a finding; hostile documents.
 * The documents are hand-written in the shapes the OpenVEX 0.2.0 and
 * CycloneDX 1.6 specifications and OE-core's cve-check class define.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cvegate/error.h"
#include "cvegate/ignore.h"
#include "lib/ignore_internal.h"
#include "test_helpers.h"

static cvg_ignore *parse(const char *json, int want_rc)
{
	cvg_ignore *ign = calloc(1, sizeof(*ign));
	int rc;

	assert_non_null(ign);
	rc = cvg__ignore_parse_vex(ign, json, strlen(json), "v.json", NULL, NULL);
	if (rc != want_rc)
		fail_msg("rc %d (%s), want %d", rc, cvg_error_last(), want_rc);
	cvg__ignore_sort(ign, NULL, NULL);
	return ign;
}

static void expect_entry(const cvg_ignore_entry *e, const char *cve, const char *package,
        const char *reason, const char *justification)
{
	assert_string_equal(e->cve, cve);
	if ((e->package == NULL) != (package == NULL) || (package && strcmp(e->package, package)))
		fail_msg("%s: package '%s', want '%s'", cve, e->package ? e->package : "(null)",
		        package ? package : "(null)");
	assert_string_equal(e->reason, reason);
	if ((e->justification == NULL) != (justification == NULL) ||
	        (justification && strcmp(e->justification, justification)))
		fail_msg("%s: justification '%s'", cve, e->justification ? e->justification : "");
	assert_string_equal(e->file, "v.json");
	assert_int_equal(e->line, 0);
}

static void test_openvex(void **state)
{
	cvg_ignore *ign = parse(
	        "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"statements\":["
	        "{\"vulnerability\":{\"name\":\"CVE-2023-0001\"},\"products\":[{\"@id\":"
	        "\"pkg:deb/debian/libssl3@3.0.11?arch=amd64\"},{\"@id\":\"busybox\"}],"
	        "\"status\":\"not_affected\",\"justification\":\"vulnerable_code_not_present\"},"
	        "{\"vulnerability\":\"cve-2023-0002\",\"status\":\"fixed\"},"
	        "{\"vulnerability\":{\"name\":\"CVE-2023-0003\"},\"status\":\"affected\"},"
	        "{\"vulnerability\":{\"name\":\"CVE-2023-0004\"},\"status\":\"under_"
	        "investigation\"},"
	        "{\"vulnerability\":{\"name\":\"CVE-2023-0005\"},\"status\":\"not_affected\","
	        "\"justification\":\"because\",\"impact_statement\":\"not on the device\"}]}",
	        0);

	(void)state;
	assert_int_equal(ign->nentries, 4);
	expect_entry(&ign->entries[0], "CVE-2023-0001", "busybox",
	        "OpenVEX not_affected: vulnerable_code_not_present", "vulnerable_code_not_present");
	expect_entry(&ign->entries[1], "CVE-2023-0001", "libssl3",
	        "OpenVEX not_affected: vulnerable_code_not_present", "vulnerable_code_not_present");
	expect_entry(&ign->entries[2], "CVE-2023-0002", NULL, "OpenVEX fixed: fixed", NULL);
	/* an unknown justification is dropped; the impact statement is the reason */
	expect_entry(&ign->entries[3], "CVE-2023-0005", NULL,
	        "OpenVEX not_affected: not on the device", NULL);
	cvg_ignore_free(ign);
}

static void test_cyclonedx(void **state)
{
	cvg_ignore *ign = parse(
	        "{\"bomFormat\":\"CycloneDX\",\"components\":[{\"bom-ref\":\"r1\",\"name\":"
	        "\"zlib\"}],"
	        "\"vulnerabilities\":[{\"id\":\"CVE-2022-37434\",\"affects\":[{\"ref\":\"r1\"},{"
	        "\"ref\":"
	        "\"pkg:generic/minizip@1.3\"}],\"analysis\":{\"state\":\"not_affected\","
	        "\"justification\":\"code_not_reachable\",\"detail\":\"inflateGetHeader unused\"}},"
	        "{\"id\":\"CVE-2023-1111\",\"analysis\":{\"state\":\"false_positive\"}},"
	        "{\"id\":\"CVE-2023-2222\",\"analysis\":{\"state\":\"exploitable\"}},"
	        "{\"id\":\"CVE-2023-3333\",\"analysis\":{\"state\":\"in_triage\"}},"
	        "{\"id\":\"CVE-2023-4444\"}]}",
	        0);

	(void)state;
	assert_int_equal(ign->nentries, 3);
	expect_entry(&ign->entries[0], "CVE-2022-37434", "minizip",
	        "CycloneDX VEX not_affected: inflateGetHeader unused", "code_not_reachable");
	expect_entry(&ign->entries[1], "CVE-2022-37434", "zlib",
	        "CycloneDX VEX not_affected: inflateGetHeader unused", "code_not_reachable");
	expect_entry(&ign->entries[2], "CVE-2023-1111", NULL,
	        "CycloneDX VEX false_positive: no detail", NULL);
	cvg_ignore_free(ign);
}

static void test_yocto(void **state)
{
	cvg_ignore *ign = parse(
	        "{\"version\":\"1\",\"package\":[{\"name\":\"busybox\",\"issue\":["
	        "{\"id\":\"CVE-2022-28391\",\"status\":\"Patched\",\"detail\":\"backported-patch\","
	        "\"description\":\"0001-libbb-sockaddr2str.patch\"},"
	        "{\"id\":\"CVE-2022-48174\",\"status\":\"Unpatched\",\"detail\":\"version-in-"
	        "range\"},"
	        "{\"id\":\"CVE-2021-42380\",\"status\":\"Ignored\",\"detail\":\"cpe-incorrect\"}]}]"
	        "}",
	        0);

	(void)state;
	assert_int_equal(ign->nentries, 2);
	expect_entry(&ign->entries[0], "CVE-2021-42380", "busybox", "Yocto Ignored: cpe-incorrect",
	        NULL);
	expect_entry(&ign->entries[1], "CVE-2022-28391", "busybox",
	        "Yocto Patched: backported-patch - 0001-libbb-sockaddr2str.patch", NULL);
	cvg_ignore_free(ign);
}

static void test_refused(void **state)
{
	char deep[300];
	cvg_ignore *ign;

	(void)state;
	ign = parse("[1, 2]", CVG_EPARSE);
	assert_string_equal(
	        cvg_error_last(), "v.json: expected a JSON VEX document: not a JSON object");
	assert_int_equal(ign->nentries, 0);
	cvg_ignore_free(ign);
	ign = parse("{\"hello\": 1}", CVG_EPARSE);
	assert_string_equal(cvg_error_last(),
	        "v.json: expected an OpenVEX document, a CycloneDX VEX "
	        "document or Yocto's cve-check JSON");
	cvg_ignore_free(ign);
	memset(deep, '[', sizeof(deep) - 1);
	deep[sizeof(deep) - 1] = '\0';
	ign = parse(deep, CVG_ELIMIT);
	assert_string_equal(cvg_error_last(), "v.json: JSON nested deeper than 64 levels");
	cvg_ignore_free(ign);
}

/* Added to a list that already holds entries: the package entry wins. */
static void test_with_list(void **state)
{
	char *path = data_path("vex/yocto-cve-check.json");
	cvg_ignore *ign = NULL;
	const char *foo[] = {"foo"};
	cvg_ignore_entry *e;

	(void)state;
	assert_int_equal(cvg__ignore_parse(&ign, "CVE-2099-0001 , general reason\n", 31, "ign.txt",
	                         NULL, NULL),
	        0);
	assert_int_equal(cvg_ignore_load_vex(&ign, path, NULL, NULL), 0);
	assert_int_equal(ign->nentries, 3);
	e = cvg_ignore_find(ign, "CVE-2099-0001", foo, 1);
	assert_string_equal(e->reason,
	        "Yocto Patched: backported-patch - 0001-fix-overflow.patch (hand-written fixture)");
	assert_string_equal(e->file, path);
	/* a missing file changes nothing */
	assert_int_equal(cvg_ignore_load_vex(&ign, "/nonexistent.json", NULL, NULL), CVG_EIO);
	assert_int_equal(ign->nentries, 3);
	cvg_ignore_free(ign);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_openvex),
	        cmocka_unit_test(test_cyclonedx),
	        cmocka_unit_test(test_yocto),
	        cmocka_unit_test(test_refused),
	        cmocka_unit_test(test_with_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
