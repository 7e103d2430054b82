/*
 * tests/unit/test_inventory_buildroot.c - the "buildroot" inventory reader:
 * legal-info manifest.csv and make show-info JSON.
 *
 * Where the vectors come from:
 * - The fixtures in tests/data/inventory/buildroot/ are hand-written in
 *   the shapes Buildroot writes: the manifest.csv header and quoting of
 *   package/pkg-generic.mk's legal-manifest (all fields quoted since 2019,
 *   unquoted in older releases, seen in the CycloneDX/cyclonedx-buildroot
 *   test data), the show-info keys of package/pkg-utils.mk's json-info
 *   ("type", "name", "virtual", "version", "cpe-id", ...). The versions,
 *   commit ids and CPEs are those of the real samples in
 *   ../shared/data/pkglists/buildroot (busybox 1.36.1, glibc
 *   2.36-81-g4f4d7a13..., rpi-firmware 5476720d..., linux "custom").
 * - CSV quoting: RFC 4180 section 2 ("" inside quotes, commas inside).
 * - With CVG_SHARED_DATA set, the real samples are read completely and
 *   counted: manifest.csv 92 packages, raspi_manifest.csv 5,
 *   manifest_simple.csv 2, cpe_data_pp.json 53 entries of which 8 are
 *   target packages with a version (6 with a cpe-id), 35 host, 2 rootfs,
 *   3 virtual and 5 version-less.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include "inv_expect.h"

static char *br_path(const char *name)
{
	char rel[256];

	snprintf(rel, sizeof(rel), "inventory/buildroot/%s", name);
	return data_path(rel);
}

static void test_manifest_csv(void **state)
{
	static const expect_pkg e[] = {
	        {"busybox", "1.36.1", NULL, NULL, NULL, NULL, 2},
	        {"glibc", "2.36-81-g4f4d7a13edfd2fdc57c9d76e1fd6d017fb47550c", NULL, NULL, NULL,
	                NULL, 3},
	        {"linux", "custom", NULL, NULL, NULL, NULL, 5},
	        {"libopenssl", "1.1.1i", NULL, NULL, NULL, NULL, 6},
	};
	cvg_inventory *inv = NULL;
	char *path = br_path("manifest.csv");
	(void)state;

	for (int pass = 0; pass < 2; pass++) {
		assert_int_equal(
		        cvg_inventory_load(&inv, path, pass ? NULL : "buildroot", 0, NULL, NULL),
		        0);
		assert_packages(inv, "buildroot", e, sizeof(e) / sizeof(e[0]));
		assert_string_equal(inv->packages[0].file, path);
		cvg_inventory_free(inv);
	}
	free(path);
}

static void test_manifest_old_columns(void **state)
{
	static const expect_pkg e[] = {
	        {"libzlib", "1.2.11", NULL, NULL, NULL, NULL, 2},
	        {"tzdata", "2018e", NULL, NULL, NULL, NULL, 4},
	};
	cvg_inventory *inv = NULL;
	warnings w = {0};
	char *path = br_path("manifest-old.csv");
	char expect[1024];
	(void)state;

	assert_int_equal(cvg_inventory_load(&inv, path, NULL, 0, NULL, NULL), CVG_EPARSE);
	assert_null(inv);
	snprintf(expect, sizeof(expect), "%s:3: expected a VERSION, found 'bad version'", path);
	assert_string_equal(cvg_error_last(), expect);
	assert_int_equal(
	        cvg_inventory_load(&inv, path, NULL, CVG_INVENTORY_LENIENT, collect, &w), 0);
	assert_packages(inv, "buildroot", e, 2);
	assert_int_equal(w.n, 1);
	assert_string_equal(w.msg[0], expect);
	cvg_inventory_free(inv);
	free(path);
}

static void test_csv_errors(void **state)
{
	static const char hdr[] =
	        "PACKAGE,VERSION,LICENSE,LICENSE FILES,SOURCE ARCHIVE,SOURCE SITE\n";
	static const struct {
		const char *rows, *error;
	} bad[] = {
	        {"a,1,x,y,z\n", "t.txt:2: expected 6 fields as in the CSV header, found 5"},
	        {",1,x,y,z,w\n", "t.txt:2: expected a PACKAGE name, found ''"},
	        {"a,,x,y,z,w\n", "t.txt:2: expected a VERSION, found ''"},
	        {"\"a,1,x,y,z,w\n",
	                "t.txt:2: an unterminated quoted field (a quoted field cannot span "
	                "lines)"},
	        {"a\"b,1,x,y,z,w\n", "t.txt:2: a '\"' inside an unquoted field (quote the field "
	                             "and double the '\"')"},
	};
	char text[512];
	cvg_inventory *inv = NULL;
	(void)state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text), "%s%s", hdr, bad[i].rows);
		assert_int_equal(
		        parse_text(&inv, "buildroot", text, strlen(text), 0, NULL), CVG_EPARSE);
		assert_null(inv);
		if (strcmp(cvg_error_last(), bad[i].error) != 0)
			fail_msg("vector %zu: %s", i, cvg_error_last());
	}
	/* a header without PACKAGE is fatal, also when lenient */
	assert_int_equal(parse_text(&inv, "buildroot", "NAME,VERSION\na,1\n", 15,
	                         CVG_INVENTORY_LENIENT, NULL),
	        CVG_EPARSE);
	assert_string_equal(cvg_error_last(),
	        "t.txt:1: expected a Buildroot manifest.csv header with PACKAGE and VERSION "
	        "columns, found 'NAME,VERSION'");
	/* an empty manifest lists nothing */
	assert_int_equal(parse_text(&inv, "buildroot", "", 0, 0, NULL), 0);
	assert_int_equal(inv->npackages, 0);
	cvg_inventory_free(inv);
}

static void test_show_info(void **state)
{
	static const expect_pkg e[] = {
	        {"busybox", "1.36.1", NULL, "cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*",
	                "busybox:busybox", "1.36.1", 2},
	        {"rpi-firmware", "5476720d52cf579dc1627715262b30ba1242525e", NULL, NULL, NULL, NULL,
	                11},
	        {"linux", "custom", NULL, "cpe:2.3:o:linux:linux_kernel:custom:*:*:*:*:*:*:*",
	                "linux:linux_kernel", "custom", 13},
	        {"libopenssl", "3.3.2", NULL, "cpe:2.3:a:openssl:openssl:3.3.2:*:*:*:*:*:*:*",
	                "openssl:openssl", "3.3.2", 15},
	};
	cvg_inventory *inv = NULL;
	warnings w = {0};
	char *path = br_path("show-info.json");
	char expect[1024];
	(void)state;

	for (int pass = 0; pass < 2; pass++) {
		memset(&w, 0, sizeof(w));
		assert_int_equal(
		        cvg_inventory_load(&inv, path, pass ? NULL : "buildroot", 0, collect, &w),
		        0);
		assert_packages(inv, "buildroot", e, sizeof(e) / sizeof(e[0]));
		cvg_inventory_free(inv);
		assert_int_equal(w.n, 1);
		snprintf(expect, sizeof(expect),
		        "%s: skipped 1 host, 1 rootfs, 1 virtual and 1 version-less (Buildroot's "
		        "own) packages: not on the device or nothing to match",
		        path);
		assert_string_equal(w.msg[0], expect);
	}
	free(path);
}

static void test_show_info_entries(void **state)
{
	static const struct {
		const char *text, *name, *version, *cpe_version;
	} good[] = {
	        /* "name" wins over the key; a cpe-id with a version lets an empty version in */
	        {"{\"k\":{\"type\":\"target\",\"name\":\"n\",\"version\":\"1\"}}", "n", "1", NULL},
	        {"{\"k\":{\"type\":\"target\",\"version\":\"1\"}}", "k", "1", NULL},
	        {"{\"x\":{\"type\":\"target\",\"version\":\"\",\"cpe-id\":"
	         "\"cpe:2.3:a:v:p:2.0:*:*:*:*:*:*:*\"}}",
	                "x", "", "2.0"},
	        /* null is absent; unknown types are read; other keys are ignored */
	        {"{\"k\":{\"type\":\"bootloader\",\"version\":\"1\",\"cpe-id\":null,\"x\":[{\"a\":["
	         "1,"
	         "true,null]}]}}",
	                "k", "1", NULL},
	};
	static const struct {
		const char *text, *error;
	} bad[] = {
	        {"[]", "t.txt:1: expected a JSON object keyed by package name (make show-info)"},
	        {"{\"a\":1}", "t.txt:1: package 'a': expected an object"},
	        {"{\"a\":[]}", "t.txt:1: package 'a': expected an object"},
	        {"{\n\"a\":{\"version\":\"1\"}}", "t.txt:2: package 'a': expected a \"type\""},
	        {"{\"a\":{\"type\":\"target\",\"version\":1}}",
	                "t.txt:1: package 'a': expected a string for \"version\""},
	        {"{\"a\":{\"type\":\"target\",\"version\":[\"1\"]}}",
	                "t.txt:1: package 'a': expected a string for \"type\", \"name\", "
	                "\"version\" and \"cpe-id\", true or false for \"virtual\""},
	        {"{\"a\":{\"type\":\"target\",\"virtual\":\"no\",\"version\":\"1\"}}",
	                "t.txt:1: package 'a': expected true or false for \"virtual\""},
	        {"{\"a b\":{\"type\":\"target\",\"version\":\"1\"}}",
	                "t.txt:1: package 'a b': expected a package name without spaces or "
	                "control characters"},
	        {"{\"a\":{\"type\":\"target\",\"version\":\"1 2\"}}",
	                "t.txt:1: package 'a': expected a \"version\" without spaces or control "
	                "characters"},
	        {"{\"a\":{\"type\":\"target\",\"version\":\"1\",\"cpe-id\":\"cpe:2.3:a:v:*:1:*:*:*:"
	         "*:"
	         "*:*:*\"}}",
	                "t.txt:1: expected a CPE 2.2 URI or 2.3 formatted string, found "
	                "'cpe:2.3:a:v:*:1:*:*:*:*:*:*:*' (its product must be a concrete name and "
	                "its "
	                "vendor a name or '*', not '-' or a wildcard)"},
	        {"{\"a\":{\"type\":\"target\"",
	                "t.txt:1: malformed JSON at byte 21: parse error: premature EOF"},
	        {"{\"a\":{\"type\":\"target\",}}", "t.txt:1: malformed JSON at byte 23: parse "
	                                           "error: invalid object key (must be a "
	                                           "string)"},
	};
	cvg_inventory *inv = NULL;
	char deep[200];
	size_t n = 0;
	(void)state;

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		if (parse_text(&inv, "buildroot", good[i].text, strlen(good[i].text), 0, NULL) != 0)
			fail_msg("vector %zu: %s", i, cvg_error_last());
		assert_int_equal(inv->npackages, 1);
		assert_string_equal(inv->packages[0].name, good[i].name);
		assert_string_equal(inv->packages[0].version, good[i].version);
		assert_str_or_null(inv->packages[0].cpe_version, good[i].cpe_version);
		cvg_inventory_free(inv);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		inv = NULL;
		assert_int_equal(
		        parse_text(&inv, "buildroot", bad[i].text, strlen(bad[i].text), 0, NULL),
		        CVG_EPARSE);
		assert_null(inv);
		if (strcmp(cvg_error_last(), bad[i].error) != 0)
			fail_msg("vector %zu: %s", i, cvg_error_last());
	}
	/* lenient: a bad package is a warning, the others are read */
	{
		static const char t[] = "{\"a\":1,\"b\":{\"type\":\"target\",\"version\":\"2\"}}";
		warnings w = {0};
		assert_int_equal(
		        parse_text(&inv, "buildroot", t, strlen(t), CVG_INVENTORY_LENIENT, &w), 0);
		assert_int_equal(inv->npackages, 1);
		assert_string_equal(inv->packages[0].name, "b");
		assert_int_equal(w.n, 1);
		assert_string_equal(w.msg[0], "t.txt:1: package 'a': expected an object");
		cvg_inventory_free(inv);
	}
	/* nesting deeper than 32 is refused */
	n += (size_t)snprintf(deep, sizeof(deep), "{\"a\":{\"type\":\"target\",\"x\":");
	for (int i = 0; i < 40; i++)
		deep[n++] = '[';
	assert_int_equal(parse_text(&inv, "buildroot", deep, n, 0, NULL), CVG_ELIMIT);
	assert_string_equal(cvg_error_last(), "t.txt:1: nesting deeper than the limit of 32");
}

/* The real samples, read completely, when ../shared/data is at hand. */
static void test_real_samples(void **state)
{
	static const struct {
		const char *file;
		size_t n;
		const char *first, *last;
		size_t ncpe;
	} v[] = {
	        {"manifest.csv", 92, "toolchain-external-laird-arm", "weblcm-custom-css", 0},
	        {"raspi_manifest.csv", 5, "glibc", "linux", 0},
	        {"manifest_simple.csv", 2, "linux", "uboot", 0},
	        {"cpe_data_pp.json", 8, "busybox", "xz", 6},
	};
	const char *dir = getenv("CVG_SHARED_DATA");
	(void)state;

	if (dir == NULL)
		skip();
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char path[1024];
		cvg_inventory *inv = NULL;
		warnings w = {0};
		size_t ncpe = 0;
		snprintf(path, sizeof(path), "%s/pkglists/buildroot/%s", dir, v[i].file);
		if (cvg_inventory_load(&inv, path, NULL, 0, collect, &w) != 0)
			fail_msg("%s: %s", path, cvg_error_last());
		assert_string_equal(inv->format, "buildroot");
		assert_int_equal(inv->npackages, v[i].n);
		assert_string_equal(inv->packages[0].name, v[i].first);
		assert_string_equal(inv->packages[v[i].n - 1].name, v[i].last);
		for (size_t j = 0; j < inv->npackages; j++)
			ncpe += inv->packages[j].ident == CVG_IDENT_CPE;
		assert_int_equal(ncpe, v[i].ncpe);
		assert_int_equal(w.n, v[i].ncpe ? 1 : 0);
		if (v[i].ncpe)
			assert_non_null(
			        strstr(w.msg[0], "skipped 35 host, 2 rootfs, 3 virtual and 5 "
			                         "version-less"));
		cvg_inventory_free(inv);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_manifest_csv),
	        cmocka_unit_test(test_manifest_old_columns),
	        cmocka_unit_test(test_csv_errors),
	        cmocka_unit_test(test_show_info),
	        cmocka_unit_test(test_show_info_entries),
	        cmocka_unit_test(test_real_samples),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
