/*
 * tests/unit/test_inventory_lists.c - the "manifest" and "list" inventory
 * readers, as tables of vectors and small fixture files
 * (tests/data/inventory/lists/).
 *
 * Where the vectors come from:
 * - Manifest lines: the packages, archs and versions of the kirkstone
 *   nuc-image (intel-corei7-64) IMAGE.rootfs.manifest in
 *   ../shared/data/pkglists/yocto (base-files on the MACHINE arch
 *   intel_corei7_64, ca-certificates on "all", thermald on
 *   corei7-64-intel-common, systemd's epoch 1:250.14-r0, the kernel's
 *   5.15.137+git0+0b002d94af_b2769cf869-r0), as meta/lib/oe/manifest.py
 *   writes them: "name arch version".
 * - CSV: RFC 4180 section 2 (quoted fields, "" inside quotes, commas
 *   inside quotes, every record with the header's number of fields).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cvegate/inventory.h"
#include "lib/inventory/inventory_internal.h"

/* ---- Helpers ---- */

static int parse(
        cvg_inventory **out, const char *format, const char *text, unsigned flags, warnings *w)
{
	return cvg__inventory_parse(
	        out, text, strlen(text), "t.txt", format, flags, w ? collect : NULL, w);
}

/* A fixture of this test: tests/data/inventory/lists/NAME. */
static char *lists_path(const char *name)
{
	char rel[256];

	snprintf(rel, sizeof(rel), "inventory/lists/%s", name);
	return data_path(rel);
}

typedef struct expect_pkg {
	const char *name, *version, *arch; /* arch NULL: none */
	size_t line;
} expect_pkg;

static void assert_packages(const cvg_inventory *inv, const char *format, cvg_version_scheme scheme,
        const expect_pkg *e, size_t n)
{
	assert_string_equal(inv->format, format);
	assert_int_equal(inv->npackages, n);
	for (size_t i = 0; i < n; i++) {
		const cvg_package *p = &inv->packages[i];
		assert_string_equal(p->name, e[i].name);
		assert_string_equal(p->version, e[i].version);
		if (e[i].arch)
			assert_non_null(p->arch), assert_string_equal(p->arch, e[i].arch);
		else
			assert_null(p->arch);
		assert_int_equal(p->scheme, scheme);
		assert_int_equal(p->line, e[i].line);
		assert_null(p->source);
	}
}

/* Load a fixture strictly; expect CVG_EPARSE and "PATH" + msg. */
static void assert_load_error(const char *rel, const char *format, const char *msg)
{
	cvg_inventory *inv = NULL;
	char *path = lists_path(rel);
	char expect[1024];

	assert_int_equal(cvg_inventory_load(&inv, path, format, 0, NULL, NULL), CVG_EPARSE);
	assert_null(inv);
	snprintf(expect, sizeof(expect), "%s%s", path, msg);
	assert_string_equal(cvg_error_last(), expect);
	free(path);
}

/* ---- manifest ---- */

static void test_manifest_file(void **state)
{
	static const expect_pkg e[] = {
	        {"acl", "2.3.1-r0", "corei7-64", 1},
	        {"base-files", "3.0.14-r89", "intel_corei7_64", 2},
	        {"ca-certificates", "20211016-r0", "all", 3},
	        {"linux-intel", "5.15.137+git0+0b002d94af_b2769cf869-r0", "corei7-64", 4},
	        {"systemd", "1:250.14-r0", "corei7-64", 5},
	        {"thermald", "2.4.9-r0", "corei7-64-intel-common", 6},
	};
	cvg_inventory *inv = NULL;
	char *path = lists_path("image.rootfs.manifest");
	(void)state;

	/* explicitly and by auto-detection */
	for (int pass = 0; pass < 2; pass++) {
		assert_int_equal(
		        cvg_inventory_load(&inv, path, pass ? NULL : "manifest", 0, NULL, NULL), 0);
		assert_packages(inv, "manifest", CVG_VERSION_OPKG, e, sizeof(e) / sizeof(e[0]));
		assert_string_equal(inv->packages[0].file, path);
		cvg_inventory_free(inv);
	}
	free(path);
}

static void test_manifest_lines(void **state)
{
	static const expect_pkg e[] = {
	        {"busybox", "1.35.0-r0", "corei7-64", 3},
	        {"zlib", "1.2.11-r0", "all", 4},
	};
	static const struct {
		const char *text, *error;
	} bad[] = {
	        {"zlib 1.2.11-r0\n",
	                "t.txt:1: expected 'name arch version', found 'zlib 1.2.11-r0'"},
	        {"a b c d\n", "t.txt:1: expected 'name arch version', found 'a b c d'"},
	        {"a\n", "t.txt:1: expected 'name arch version', found 'a'"},
	        {"a b c\xc3\xa9\n",
	                "t.txt:1: expected 'name arch version', found 'a b c\\xc3\\xa9'"},
	};
	cvg_inventory *inv = NULL;
	(void)state;

	/* tabs, runs of spaces, CRLF, comments and blank lines */
	assert_int_equal(
	        parse(&inv, "manifest",
	                "# image\r\n\r\nbusybox\tcorei7-64  1.35.0-r0\r\n  zlib all 1.2.11-r0", 0,
	                NULL),
	        0);
	assert_packages(inv, "manifest", CVG_VERSION_OPKG, e, 2);
	cvg_inventory_free(inv);

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		inv = NULL;
		assert_int_equal(parse(&inv, "manifest", bad[i].text, 0, NULL), CVG_EPARSE);
		assert_null(inv);
		assert_string_equal(cvg_error_last(), bad[i].error);
	}
	/* a version that does not start with a digit reads when asked for */
	assert_int_equal(parse(&inv, "manifest", "foo all git-r0\n", 0, NULL), 0);
	assert_string_equal(inv->packages[0].version, "git-r0");
	cvg_inventory_free(inv);
}

static void test_manifest_two_fields(void **state)
{
	static const expect_pkg e[] = {
	        {"busybox", "1.35.0-r0", "corei7-64", 1},
	        {"acl", "2.3.1-r0", "corei7-64", 3},
	};
	cvg_inventory *inv = NULL;
	warnings w = {0};
	char *path = lists_path("two-fields.manifest");
	char expect[1024];
	(void)state;

	assert_load_error("two-fields.manifest", "manifest",
	        ":2: expected 'name arch version', found 'zlib 1.2.11-r0'");
	/* lenient: a warning, the other lines read */
	assert_int_equal(
	        cvg_inventory_load(&inv, path, "manifest", CVG_INVENTORY_LENIENT, collect, &w), 0);
	assert_packages(inv, "manifest", CVG_VERSION_OPKG, e, 2);
	assert_int_equal(w.n, 1);
	snprintf(expect, sizeof(expect),
	        "%s:2: expected 'name arch version', found 'zlib 1.2.11-r0'", path);
	assert_string_equal(w.msg[0], expect);
	cvg_inventory_free(inv);
	free(path);
}

/* ---- list: plain ---- */

static void test_list_plain_file(void **state)
{
	static const expect_pkg e[] = {
	        {"busybox", "1.35.0", NULL, 3},
	        {"openssl", "3.0.8", NULL, 4},
	        {"zlib", "1.2.13", NULL, 5},
	};
	cvg_inventory *inv = NULL;
	char *path = lists_path("plain.txt");
	(void)state;

	for (int pass = 0; pass < 2; pass++) {
		assert_int_equal(
		        cvg_inventory_load(&inv, path, pass ? "auto" : "list", 0, NULL, NULL), 0);
		assert_packages(inv, "list", CVG_VERSION_UPSTREAM, e, sizeof(e) / sizeof(e[0]));
		cvg_inventory_free(inv);
	}
	free(path);
}

static void test_list_plain_errors(void **state)
{
	static const struct {
		const char *text, *error;
	} bad[] = {
	        {"busybox\n", "t.txt:1: expected 'name version', found 'busybox'"},
	        {"a 1 2\n", "t.txt:1: expected 'name version', found 'a 1 2'"},
	        {"caf\xc3\xa9 1.0\n", "t.txt:1: expected a package name, found 'caf\\xc3\\xa9'"},
	        {"zlib 1.2\x01\n", "t.txt:1: expected a version, found '1.2\\x01'"},
	        {"a:b:c 1.0\n", "t.txt:1: expected a package name or vendor:product (two "
	                        "non-empty names without ':', '*' or '?'), found 'a:b:c'"},
	        {":openssl 1.0\n", "t.txt:1: expected a package name or vendor:product (two "
	                           "non-empty names without ':', '*' or '?'), found ':openssl'"},
	        {"openssl: 1.0\n", "t.txt:1: expected a package name or vendor:product (two "
	                           "non-empty names without ':', '*' or '?'), found 'openssl:'"},
	        {"*:openssl 1.0\n", "t.txt:1: expected a package name or vendor:product (two "
	                            "non-empty names without ':', '*' or '?'), found '*:openssl'"},
	};
	cvg_inventory *inv = NULL;
	(void)state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		inv = NULL;
		assert_int_equal(parse(&inv, "list", bad[i].text, 0, NULL), CVG_EPARSE);
		assert_null(inv);
		assert_string_equal(cvg_error_last(), bad[i].error);
	}
	assert_load_error("three-fields.txt", "list",
	        ":2: expected 'name version', found 'openssl corei7-64 3.0.8'");
}

/* "vendor:product version": the package is the product, identified by the pair */
static void test_list_vendor_product(void **state)
{
	static const struct {
		const char *text, *name, *version, *vendor, *product;
	} v[] = {
	        {"openssl:openssl 3.0.8\n", "openssl", "3.0.8", "openssl", "openssl"},
	        {"name,version\ngnu:glibc,2.36\n", "glibc", "2.36", "gnu", "glibc"},
	        {"busybox 1.36.1\n", "busybox", "1.36.1", NULL, NULL},
	};
	cvg_inventory *inv = NULL;
	char *path = lists_path("vendor-product.txt");
	(void)state;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		const cvg_package *p;
		if (parse(&inv, "list", v[i].text, 0, NULL) != 0)
			fail_msg("vector %zu: %s", i, cvg_error_last());
		assert_int_equal(inv->npackages, 1);
		p = &inv->packages[0];
		assert_string_equal(p->name, v[i].name);
		assert_string_equal(p->version, v[i].version);
		assert_null(p->cpe_version);
		if (v[i].vendor == NULL) {
			assert_int_equal(p->ident, CVG_IDENT_NAME);
			assert_int_equal(p->ncpes, 0);
		} else {
			char text[64];
			snprintf(text, sizeof(text), "%s:%s", v[i].vendor, v[i].product);
			assert_int_equal(p->ident, CVG_IDENT_CPE);
			assert_int_equal(p->ncpes, 1);
			assert_string_equal(p->cpes[0].vendor, v[i].vendor);
			assert_string_equal(p->cpes[0].product, v[i].product);
			assert_string_equal(p->ident_text, text);
		}
		cvg_inventory_free(inv);
	}
	/* the fixture, auto-detected as a list */
	assert_int_equal(cvg_inventory_load(&inv, path, NULL, 0, NULL, NULL), 0);
	assert_string_equal(inv->format, "list");
	assert_int_equal(inv->npackages, 1);
	assert_string_equal(inv->packages[0].name, "openssl");
	assert_string_equal(inv->packages[0].ident_text, "openssl:openssl");
	assert_int_equal(inv->packages[0].line, 1);
	cvg_inventory_free(inv);
	free(path);
}

/* ---- list: CSV ---- */

static void test_list_csv_file(void **state)
{
	static const expect_pkg e[] = {
	        {"busybox", "1.35.0", NULL, 2},
	        {"open\"ssl", "3.0.8", NULL, 3},
	        {"zlib", "1.2.13", NULL, 4},
	};
	cvg_inventory *inv = NULL;
	char *path = lists_path("quoted.csv");
	(void)state;

	for (int pass = 0; pass < 2; pass++) {
		assert_int_equal(
		        cvg_inventory_load(&inv, path, pass ? NULL : "list", 0, NULL, NULL), 0);
		assert_packages(inv, "list", CVG_VERSION_UPSTREAM, e, sizeof(e) / sizeof(e[0]));
		cvg_inventory_free(inv);
	}
	free(path);
}

static void test_list_csv_columns(void **state)
{
	static const struct {
		const char *text, *name, *version;
		size_t n;
	} v[] = {
	        {"version,name\n1.0,a\n", "a", "1.0", 1},
	        {"NAME,VERSION\na,1.0\n", "a", "1.0", 1},
	        {"product,Package,x,version\np,a,\"x,y\",1.0\n", "a", "1.0", 1},
	        {"\"name\",\"version\"\n\"a\",\"1.0\"\n\n# c\n", "a", "1.0", 1},
	        {"Product,Version\nbusybox,1.35.0\nzlib,1.2.13\n", "busybox", "1.35.0", 2},
	        {"name,version\n", NULL, NULL, 0},
	};
	(void)state;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		cvg_inventory *inv = NULL;
		if (parse(&inv, "list", v[i].text, 0, NULL) != 0)
			fail_msg("vector %zu: %s", i, cvg_error_last());
		assert_int_equal(inv->npackages, v[i].n);
		if (v[i].n) {
			assert_string_equal(inv->packages[0].name, v[i].name);
			assert_string_equal(inv->packages[0].version, v[i].version);
		}
		cvg_inventory_free(inv);
	}
}

static void test_list_csv_errors(void **state)
{
	static const struct {
		const char *text, *error;
	} bad[] = {
	        {"name,version\n\"a,1.0\n",
	                "t.txt:2: an unterminated quoted field (a quoted field cannot span "
	                "lines)"},
	        {"name,version\na\"b,1.0\n",
	                "t.txt:2: a '\"' inside an unquoted field (quote the field and double the "
	                "'\"')"},
	        {"name,version\n\"a\"b,1.0\n",
	                "t.txt:2: junk after a quoted field (expected ',' or the end of the line)"},
	        {"name,version\na,1.0,x\n",
	                "t.txt:2: expected 2 fields as in the CSV header, found 3"},
	        {"name,version\n,1.0\n", "t.txt:2: expected a package name, found ''"},
	        {"name,version\na,\n", "t.txt:2: expected a version, found ''"},
	        {"name,version\nbusybox,1 .0\n", "t.txt:2: expected a version, found '1 .0'"},
	        {"package,version\nopenssl:,3.0.8\n",
	                "t.txt:2: expected a package name or vendor:product (two non-empty names "
	                "without ':', '*' or '?'), found 'openssl:'"},
	        {"name,\"version\n", "t.txt:1: CSV header: an unterminated quoted field (a quoted "
	                             "field cannot span lines)"},
	        {"pkg,version\na,1\n",
	                "t.txt:1: CSV header 'pkg,version' has no 'name' column (expected 'name' "
	                "or 'package' or 'product', and 'version')"},
	};
	cvg_inventory *inv = NULL;
	warnings w = {0};
	(void)state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		inv = NULL;
		assert_int_equal(parse(&inv, "list", bad[i].text, 0, NULL), CVG_EPARSE);
		assert_null(inv);
		if (strcmp(cvg_error_last(), bad[i].error) != 0)
			fail_msg("vector %zu: %s", i, cvg_error_last());
	}
	assert_load_error("no-version.csv", "list",
	        ":1: CSV header 'name,license' has no 'version' column (expected 'name' or "
	        "'package' or 'product', and 'version')");
	assert_load_error(
	        "ragged.csv", NULL, ":3: expected 3 fields as in the CSV header, found 2");

	/* lenient: bad rows are warnings, a bad header is still an error */
	assert_int_equal(
	        parse(&inv, "list", "name,version\na,1,2\nb,2\n\"c,3\n", CVG_INVENTORY_LENIENT, &w),
	        0);
	assert_int_equal(inv->npackages, 1);
	assert_string_equal(inv->packages[0].name, "b");
	assert_int_equal(inv->packages[0].line, 3);
	assert_int_equal(w.n, 2);
	assert_string_equal(w.msg[0], "t.txt:2: expected 2 fields as in the CSV header, found 3");
	cvg_inventory_free(inv);
	inv = NULL;
	assert_int_equal(
	        parse(&inv, "list", "name,size\na,1\n", CVG_INVENTORY_LENIENT, NULL), CVG_EPARSE);
	assert_null(inv);
}

/* ---- Auto-detection among all formats ---- */

static void test_auto(void **state)
{
	static const struct {
		const char *text;
		const char *format; /* NULL: error */
	} v[] = {
	        {"busybox corei7-64 1.35.0-r0\nsystemd corei7-64 1:250.14-r0\n", "manifest"},
	        {"busybox 1.35.0\n", "list"},
	        {"# list\nbusybox\t1.35.0\nzlib 1.2.13\n", "list"},
	        {"name,version\nbusybox,1.35.0\n", "list"},
	        {"Package , Version,License\nbusybox,1.35.0,GPL\n", "list"},
	        {"busybox_1.35.0-r0_corei7-64.ipk\n", "yocto"},
	        {"bash-4.2.46-31.el7.x86_64\n", "rpm"},
	        /* not a list: a version not starting with a digit, mixed shapes */
	        {"busybox unknown\n", NULL},
	        {"busybox 1.35.0\nzlib all 1.2.13-r0\n", NULL},
	        {"busybox corei7-64 git-r0\n", NULL},
	        {"a,b\n1,2\n", NULL},
	};
	(void)state;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		cvg_inventory *inv = NULL;
		int rc = parse(&inv, NULL, v[i].text, 0, NULL);
		if (v[i].format) {
			if (rc != 0)
				fail_msg("vector %zu: %s", i, cvg_error_last());
			assert_string_equal(inv->format, v[i].format);
			cvg_inventory_free(inv);
		} else {
			if (rc != CVG_EPARSE)
				fail_msg("vector %zu: read as %s", i, inv ? inv->format : "?");
			assert_null(inv);
		}
	}
	{
		cvg_inventory *inv = NULL;
		assert_int_equal(parse(&inv, NULL, "busybox unknown\n", 0, NULL), CVG_EPARSE);
	}
	assert_string_equal(cvg_error_last(),
	        "t.txt:1: cannot tell the format: 'busybox unknown' has columns, but neither 'name "
	        "version' (list) nor 'name arch version' (manifest) with a version starting with a "
	        "digit; use --format (supported: " INVENTORY_FORMATS ")");
}

static void test_formats_list(void **state)
{
	const char *const *f = cvg_inventory_formats();
	bool manifest = false, list = false;
	(void)state;

	for (; *f; f++) {
		manifest = manifest || strcmp(*f, "manifest") == 0;
		list = list || strcmp(*f, "list") == 0;
	}
	assert_true(manifest);
	assert_true(list);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_manifest_file),
	        cmocka_unit_test(test_manifest_lines),
	        cmocka_unit_test(test_manifest_two_fields),
	        cmocka_unit_test(test_list_plain_file),
	        cmocka_unit_test(test_list_plain_errors),
	        cmocka_unit_test(test_list_vendor_product),
	        cmocka_unit_test(test_list_csv_file),
	        cmocka_unit_test(test_list_csv_columns),
	        cmocka_unit_test(test_list_csv_errors),
	        cmocka_unit_test(test_auto),
	        cmocka_unit_test(test_formats_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
