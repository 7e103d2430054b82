/*
 * tests/unit/test_inventory_solist.c - the "solist" inventory reader
 * (shared library file names, one a line).
 *
 * Where the vectors come from: hand-written lists (tests/data/inventory/
 * solist/libs.txt is labelled so) using real library file names: the
 * libxml2.so.2.9.4, libssl.so.1.0.2k (CentOS 7's openssl-libs) and
 * libz.so.1.2.11 of the brief, libssl.so.1.1/libcrypto.so.1.1 (OpenSSL
 * 1.1's SONAME), libc.so.6 (glibc's SONAME) and libglib-2.0.so.0.7200.0
 * (GLib 2.72.0's file name, which libtool's -version-info makes so).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include "inv_expect.h"

static void test_file(void **state)
{
	static const expect_pkg e[] = {
	        {"libxml2", "2.9.4", NULL, NULL, NULL, NULL, 2},
	        {"libz", "1.2.11", NULL, NULL, NULL, NULL, 3},
	        /* line 4, libz.so.1, is the link name: skipped */
	        {"libssl", "1.1", NULL, NULL, NULL, NULL, 5},
	        {"libcrypto", "1.1", NULL, NULL, NULL, NULL, 6},
	        {"libc", "6", NULL, NULL, NULL, NULL, 7},
	        {"libglib-2.0", "0.7200.0", NULL, NULL, NULL, NULL, 8},
	        {"libssl", "1.0.2k", NULL, NULL, NULL, NULL, 9},
	};
	cvg_inventory *inv = NULL;
	char *path = data_path("inventory/solist/libs.txt");
	char expect[1024];
	(void)state;

	for (int pass = 0; pass < 2; pass++) {
		warnings w = {0};
		assert_int_equal(
		        cvg_inventory_load(&inv, path, pass ? NULL : "solist", 0, collect, &w), 0);
		assert_packages(inv, "solist", e, sizeof(e) / sizeof(e[0]));
		cvg_inventory_free(inv);
		assert_int_equal(w.n, 1);
		snprintf(expect, sizeof(expect),
		        "%s: skipped 1 link name whose version is the start of another listed "
		        "version of the same library (libz.so.1 beside libz.so.1.2.11)",
		        path);
		assert_string_equal(w.msg[0], expect);
	}
	free(path);
}

static void test_lines(void **state)
{
	static const struct {
		const char *text;
		const char *names; /* "name version;..." of what is read */
	} v[] = {
	        {"libfoo.so.1\n", "libfoo 1;"},
	        {"/a/b.so.dir/libfoo.so.1\n", "libfoo 1;"},
	        {"libfoo.sock.so.2.0\n", "libfoo.sock 2.0;"},
	        {"ld-linux-armhf.so.3\n", "ld-linux-armhf 3;"},
	        /* links: every shorter dotted start goes, equal duplicates stay */
	        {"libz.so.1\nlibz.so.1.2\nlibz.so.1.2.11\nlibz.so.1.2.11\n",
	                "libz 1.2.11;libz 1.2.11;"},
	        /* "1.1" is not the start of "1.10" nor of "1.0.2k" */
	        {"libssl.so.1.1\nlibssl.so.1.10\nlibssl.so.1.0.2k\n",
	                "libssl 1.1;libssl 1.10;libssl 1.0.2k;"},
	        /* a lone short name is kept; other names do not count */
	        {"libcrypto.so.3\nlibssl.so.3.0.2\n", "libcrypto 3;libssl 3.0.2;"},
	        {"# c\n\n  libfoo.so.1  \r\n", "libfoo 1;"},
	};
	static const struct {
		const char *text, *error;
	} bad[] = {
	        {"libfoo.so\n", "t.txt:1: 'libfoo.so' has no version after '.so' (expected "
	                        "NAME.so.VERSION; list the versioned file)"},
	        {"/usr/lib/libfoo.so\n", "t.txt:1: '/usr/lib/libfoo.so' has no version after "
	                                 "'.so' (expected NAME.so.VERSION; list the versioned "
	                                 "file)"},
	        {"libfoo.a\n", "t.txt:1: expected a shared library file name NAME.so.VERSION or "
	                       "its path, found 'libfoo.a'"},
	        {".so.1\n", "t.txt:1: expected a shared library file name NAME.so.VERSION or its "
	                    "path, found '.so.1'"},
	        {"libfoo.so.1..2\n", "t.txt:1: expected a shared library file name "
	                             "NAME.so.VERSION or its path, found 'libfoo.so.1..2'"},
	        {"libfoo.so.x1\n", "t.txt:1: expected a shared library file name "
	                           "NAME.so.VERSION or its path, found 'libfoo.so.x1'"},
	        {"libfoo.so.1.\n", "t.txt:1: expected a shared library file name "
	                           "NAME.so.VERSION or its path, found 'libfoo.so.1.'"},
	        {"libfoo.so.1\n-rwxr-xr-x 1 root root 1 libbar.so.2\n",
	                "t.txt:2: expected a shared library file name NAME.so.VERSION or its "
	                "path, found '-rwxr-xr-x 1 root root 1 libbar.so.2'"},
	};
	cvg_inventory *inv = NULL;
	(void)state;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char got[512] = "";
		size_t n = 0;
		if (parse_text(&inv, "solist", v[i].text, strlen(v[i].text), 0, NULL) != 0)
			fail_msg("vector %zu: %s", i, cvg_error_last());
		for (size_t j = 0; j < inv->npackages; j++)
			n += (size_t)snprintf(got + n, sizeof(got) - n, "%s %s;",
			        inv->packages[j].name, inv->packages[j].version);
		if (strcmp(got, v[i].names) != 0)
			fail_msg("vector %zu: %s", i, got);
		cvg_inventory_free(inv);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		inv = NULL;
		assert_int_equal(
		        parse_text(&inv, "solist", bad[i].text, strlen(bad[i].text), 0, NULL),
		        CVG_EPARSE);
		assert_null(inv);
		if (strcmp(cvg_error_last(), bad[i].error) != 0)
			fail_msg("vector %zu: %s", i, cvg_error_last());
	}
	/* lenient: the bad line is a warning */
	{
		static const char t[] = "libfoo.so\nlibbar.so.2\n";
		warnings w = {0};
		assert_int_equal(
		        parse_text(&inv, "solist", t, strlen(t), CVG_INVENTORY_LENIENT, &w), 0);
		assert_int_equal(inv->npackages, 1);
		assert_string_equal(inv->packages[0].name, "libbar");
		assert_int_equal(inv->packages[0].line, 2);
		assert_int_equal(w.n, 1);
		cvg_inventory_free(inv);
	}
}

static void test_auto(void **state)
{
	cvg_inventory *inv = NULL;
	(void)state;

	assert_int_equal(
	        parse_text(&inv, NULL, "libz.so.1.2.13\n/lib/libc.so.6\n", 30, 0, NULL), 0);
	assert_string_equal(inv->format, "solist");
	cvg_inventory_free(inv);
	/* one line that is not a library name: not detected */
	assert_int_equal(
	        parse_text(&inv, NULL, "libz.so.1.2.13\nlibfoo.so\n", 25, 0, NULL), CVG_EPARSE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_file),
	        cmocka_unit_test(test_lines),
	        cmocka_unit_test(test_auto),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
