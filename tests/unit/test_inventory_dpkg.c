/*
 * tests/unit/test_inventory_dpkg.c - the dpkg format reader (status files,
 * Packages indexes, dpkg -l, dpkg-query -W), as tables of vectors.
 *
 * Kept apart from test_inventory.c so the format can be merged on its own.
 * Where the vectors come from:
 * - Stanzas: the bash, bsdutils and zlib1g entries of a Debian 12 status
 *   file (../shared/data/pkglists/debian: Source with and without a
 *   version, an epoch), Status values from deb-status(5) ("deinstall ok
 *   config-files", "purge ok not-installed", "hold ok installed"), opkg's
 *   "install user installed" and Yocto's PR revisions (-r0, -r0.6), and
 *   the field layout of a Debian bookworm Packages index.
 * - dpkg -l: dpkg 1.21's header and columns (ii, rc, hi; multiarch names).
 * - dpkg-query -W: the default ${binary:Package}\t${Version}\n format, a
 *   ${Source} column, and the ${Status} column of the Ubuntu 12.04 dump in
 *   ../shared/data/pkglists/ubuntu1204/dpkg-list-installed.txt.
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

static void assert_str_or_null(const char *got, const char *want)
{
	if (want == NULL)
		assert_null(got);
	else
		assert_non_null(got), assert_string_equal(got, want);
}

#define D CVG_VERSION_DPKG
#define O CVG_VERSION_OPKG

typedef struct pkg {
	const char *name, *version, *arch, *source, *source_version;
	cvg_version_scheme scheme;
	size_t line;
} pkg;

#define MAXP 6

/* ---- Files, read by auto-detection and by name ---- */

static void test_files(void **state)
{
	static const struct {
		const char *file;
		pkg p[MAXP];
		size_t n;
		const char *warning; /* after the directory prefix; NULL: none */
	} v[] = {
	        {"status",
	                {{"bash", "5.2.15-2+b8", "amd64", "bash", "5.2.15-2", D, 1},
	                        {"bsdutils", "1:2.38.1-5+deb12u3", "amd64", "util-linux",
	                                "2.38.1-5+deb12u3", D, 17},
	                        {"zlib1g", "1:1.2.13.dfsg-1", "amd64", "zlib", NULL, D, 28}},
	                3, "status: 2 stanzas not installed, skipped"},
	        {"opkg-status",
	                {{"busybox", "1.35.0-r0", "core2-64", NULL, NULL, O, 1},
	                        {"libc6", "2.35-r0.6", "core2-64", NULL, NULL, O, 8}},
	                2, NULL},
	        {"Packages",
	                {{"0ad", "0.0.26-3", "amd64", NULL, NULL, D, 1},
	                        {"0ad-data", "0.0.26-1", "all", "0ad-data", NULL, D, 12}},
	                2, NULL},
	        {"dpkg-l.txt",
	                {{"adduser", "3.134", "all", NULL, NULL, D, 6},
	                        {"libc6", "2.36-9+deb12u4", "amd64", NULL, NULL, D, 8},
	                        {"zlib1g", "1:1.2.13.dfsg-1", "amd64", NULL, NULL, D, 9}},
	                3, "dpkg-l.txt: 1 line not installed, skipped"},
	        {"dpkg-query-2col.txt",
	                {{"adduser", "3.134", NULL, NULL, NULL, D, 1},
	                        {"libc6", "2.36-9+deb12u4", "amd64", NULL, NULL, D, 2},
	                        {"zlib1g", "1:1.2.13.dfsg-1", "amd64", NULL, NULL, D, 4}},
	                3, "dpkg-query-2col.txt: 1 line not installed, skipped"},
	        {"dpkg-query-3col.txt",
	                {{"adduser", "3.134", NULL, NULL, NULL, D, 1},
	                        {"bsdutils", "1:2.38.1-5+deb12u3", NULL, "util-linux",
	                                "2.38.1-5+deb12u3", D, 2},
	                        {"libc6", "2.36-9+deb12u4", "amd64", "glibc", NULL, D, 3}},
	                3, NULL},
	        {"dpkg-query-status.txt",
	                {{"adduser", "3.113ubuntu2", NULL, NULL, NULL, D, 1},
	                        {"apparmor", "2.7.102-0ubuntu3", NULL, NULL, NULL, D, 3}},
	                2, "dpkg-query-status.txt: 1 line not installed, skipped"},
	};
	(void)state;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char rel[256];
		char *path;

		snprintf(rel, sizeof(rel), "inventory/dpkg/%s", v[i].file);
		path = data_path(rel);
		for (int pass = 0; pass < 2; pass++) {
			cvg_inventory *inv = NULL;
			warnings w = {0};
			int rc = cvg_inventory_load(
			        &inv, path, pass ? "dpkg" : NULL, 0, collect, &w);

			if (rc != 0)
				fail_msg("%s: %s", v[i].file, cvg_error_last());
			assert_string_equal(inv->format, "dpkg");
			if (inv->npackages != v[i].n)
				fail_msg("%s: %zu packages", v[i].file, inv->npackages);
			for (size_t k = 0; k < v[i].n; k++) {
				const cvg_package *p = &inv->packages[k];
				const pkg *e = &v[i].p[k];
				assert_string_equal(p->name, e->name);
				assert_string_equal(p->version, e->version);
				assert_str_or_null(p->arch, e->arch);
				assert_str_or_null(p->source, e->source);
				assert_str_or_null(p->source_version, e->source_version);
				assert_int_equal(p->scheme, e->scheme);
				assert_int_equal(p->line, e->line);
				assert_string_equal(p->file, path);
			}
			if (v[i].warning) {
				char want[1024];
				snprintf(want, sizeof(want), "%s/inventory/dpkg/%s",
				        getenv("CVG_TEST_DATA") ? getenv("CVG_TEST_DATA")
				                                : "tests/data",
				        v[i].warning);
				assert_int_equal(w.n, 1);
				assert_string_equal(w.msg[0], want);
			} else {
				assert_int_equal(w.n, 0);
			}
			cvg_inventory_free(inv);
		}
		free(path);
	}
}

/* The malformed fixture: strict fails at the first bad stanza, lenient
 * warns for each and keeps the good ones. */
static void test_malformed_file(void **state)
{
	char *path = data_path("inventory/dpkg/malformed");
	cvg_inventory *inv = NULL;
	warnings w = {0};
	char want[1024];
	(void)state;

	assert_int_equal(cvg_inventory_load(&inv, path, NULL, 0, NULL, NULL), CVG_EPARSE);
	snprintf(want, sizeof(want), "%s:4: stanza without a Version: field", path);
	assert_string_equal(cvg_error_last(), want);
	assert_null(inv);

	assert_int_equal(
	        cvg_inventory_load(&inv, path, "dpkg", CVG_INVENTORY_LENIENT, collect, &w), 0);
	assert_int_equal(inv->npackages, 2);
	assert_string_equal(inv->packages[0].name, "good");
	assert_int_equal(inv->packages[0].line, 1);
	assert_string_equal(inv->packages[1].name, "last");
	assert_string_equal(inv->packages[1].version, "3.0-1");
	assert_int_equal(inv->packages[1].line, 10);
	assert_int_equal(w.n, 2);
	assert_string_equal(w.msg[0], want);
	snprintf(want, sizeof(want), "%s:7: stanza without a Package: field", path);
	assert_string_equal(w.msg[1], want);
	cvg_inventory_free(inv);
	free(path);
}

/* ---- Inline vectors: errors, warnings, shapes ---- */

static void test_vectors(void **state)
{
	static const struct {
		const char *text;
		const char *format; /* "dpkg" or NULL (auto) */
		unsigned flags;
		int rc;
		const char *message; /* the error, or the first warning; NULL: none */
		size_t npackages;
		const char *first; /* "name version source source_version" of the first */
	} v[] = {
	        /* stanzas */
	        {"\n\nPackage: a\nVersion: 1.0\n", NULL, 0, 0, NULL, 1, "a 1.0 - -"},
	        {"Package: a\r\nVersion: 1.0\r\nSource: b (0.9)\r\n", NULL, 0, 0, NULL, 1,
	                "a 1.0 b 0.9"},
	        {"PACKAGE: a\nversion: 1:1.0-1\nsource:b\n", NULL, 0, 0, NULL, 1, "a 1:1.0-1 b -"},
	        {"Package: a\nVersion: 1.0\nSource: b (0.9\n", "dpkg", 0, CVG_EPARSE,
	                "t.txt:3: expected Source: NAME or NAME (VERSION), found 'b (0.9'", 0,
	                NULL},
	        {"Package: a\nVersion: 1.0\nSource: b (0.9\n", "dpkg", CVG_INVENTORY_LENIENT, 0,
	                "t.txt:3: expected Source: NAME or NAME (VERSION), found 'b (0.9'", 1,
	                "a 1.0 - -"},
	        {"Package: a\nVersion: 1.0\nPackage: b\n", "dpkg", 0, CVG_EPARSE,
	                "t.txt:3: field 'package' repeated in the stanza of line 1", 0, NULL},
	        {"Package: a\nVersion: 1 0\n", "dpkg", 0, CVG_EPARSE,
	                "t.txt:2: expected Version: VERSION, found '1 0'", 0, NULL},
	        {"Package: a\nno colon here\nVersion: 1\n", "dpkg", 0, CVG_EPARSE,
	                "t.txt:2: expected a 'Field: value' line, found 'no colon here'", 0, NULL},
	        {"Package: a\nVersion: 1\n\n continued\n", "dpkg", 0, CVG_EPARSE,
	                "t.txt:4: expected a 'Field: value' line, found 'continued'", 0, NULL},
	        {"Package: a\nStatus: install ok unpacked\nVersion: 1\n", NULL, 0, 0,
	                "t.txt: 1 stanza not installed, skipped", 0, NULL},
	        {"Package: a\nStatus: install reinstreq half-installed\nVersion: 1\n\n"
	         "Package: b\nStatus: install ok installed\nVersion: 2\n",
	                NULL, 0, 0, "t.txt: 1 stanza not installed, skipped", 1, "b 2 - -"},
	        {"Package: a\nVersion: 1.0-r1\n", "dpkg", 0, 0, NULL, 1, "a 1.0-r1 - -"},
	        /* dpkg -l */
	        {"||/ Name Version Architecture Description\n"
	         "+++-====-=======-============-===========\n"
	         "ii  libc6:i386 2.36-9 i386 GNU C Library\n",
	                NULL, 0, 0, NULL, 1, "libc6 2.36-9 - -"},
	        {"Desired=Unknown/Install/Remove/Purge/Hold\n"
	         "ii  foo 1.0 description\nXX  bar 2.0 b\n",
	                NULL, 0, CVG_EPARSE,
	                "t.txt:3: expected 'STATUS NAME VERSION [ARCH] DESCRIPTION' as dpkg -l "
	                "prints it, found 'XX  bar 2.0 b'",
	                0, NULL},
	        {"ii  foo 1.0 amd64 d\nun  bar <none> <none> (no description available)\n", "dpkg",
	                0, 0, "t.txt: 1 line not installed, skipped", 1, "foo 1.0 - -"},
	        /* dpkg-query -W */
	        {"foo\t1.0\n", NULL, 0, 0, NULL, 1, "foo 1.0 - -"},
	        {"foo\t1.0\tbar (0.9)\n", NULL, 0, 0, NULL, 1, "foo 1.0 bar 0.9"},
	        {"foo\t1.0\tbar\tbaz\n", "dpkg", 0, CVG_EPARSE,
	                "t.txt:1: expected NAME<TAB>VERSION[<TAB>SOURCE or STATUS] as dpkg-query "
	                "-W prints it, found 'foo\\x091.0\\x09bar\\x09baz'",
	                0, NULL},
	        {"foo\t1.0\tbar (0.9\n", "dpkg", CVG_INVENTORY_LENIENT, 0,
	                "t.txt:1: expected NAME<TAB>VERSION[<TAB>SOURCE or STATUS] as dpkg-query "
	                "-W prints it, found 'foo\\x091.0\\x09bar (0.9'",
	                0, NULL},
	        /* not this format: auto-detection leaves it to the others */
	        {"foo\tbar\n", NULL, 0, CVG_EPARSE,
	                "t.txt:1: cannot tell the format: 'foo\\x09bar' has columns, but neither "
	                "'name version' (list) nor 'name arch version' (manifest) with a version "
	                "starting with a digit; use --format (supported: yocto (buildhistory "
	                "installed-packages.txt), rpm (rpm -qa output), dpkg (dpkg/opkg status, "
	                "Packages, dpkg -l or dpkg-query -W output), swid (ISO/IEC 19770-2 SWID "
	                "tags), manifest (Yocto IMAGE.rootfs.manifest), list ('name version' lines "
	                "or CSV), buildroot (legal-info manifest.csv or make show-info JSON), "
	                "solist (shared library file names), wmic (wmic product get "
	                "name,version [/format:csv]))",
	                0, NULL},
	        {"", "dpkg", 0, 0, NULL, 0, NULL},
	};
	(void)state;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		cvg_inventory *inv = NULL;
		warnings w = {0};
		int rc = cvg__inventory_parse(&inv, v[i].text, strlen(v[i].text), "t.txt",
		        v[i].format, v[i].flags, collect, &w);

		if (rc != v[i].rc)
			fail_msg("vector %zu: rc %d: %s", i, rc, cvg_error_last());
		if (rc < 0) {
			assert_null(inv);
			assert_string_equal(cvg_error_last(), v[i].message);
			continue;
		}
		if (v[i].message) {
			if (w.n != 1)
				fail_msg("vector %zu: %d warnings", i, w.n);
			assert_string_equal(w.msg[0], v[i].message);
		} else if (w.n != 0) {
			fail_msg("vector %zu: warning %s", i, w.msg[0]);
		}
		assert_string_equal(inv->format, "dpkg");
		if (inv->npackages != v[i].npackages)
			fail_msg("vector %zu: %zu packages", i, inv->npackages);
		if (v[i].first) {
			const cvg_package *p = &inv->packages[0];
			char got[512];
			snprintf(got, sizeof(got), "%s %s %s %s", p->name, p->version,
			        p->source ? p->source : "-",
			        p->source_version ? p->source_version : "-");
			assert_string_equal(got, v[i].first);
		}
		cvg_inventory_free(inv);
	}
}

/* The scheme: dpkg ordering, opkg only for a Yocto PR revision. */
static void test_scheme(void **state)
{
	static const struct {
		const char *version;
		cvg_version_scheme scheme;
	} v[] = {
	        {"1.0-r0", O},
	        {"1.24.1-r0.6", O},
	        {"1:250.14-r12", O},
	        {"1.0-r", D},
	        {"1.0-rc1", D},
	        {"1.0-r0a", D},
	        {"1.0", D},
	        {"r0", D},
	        {"2.36-9+deb12u4", D},
	        {"1.0-1-r0", O},
	};
	(void)state;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char text[128];
		cvg_inventory *inv = NULL;

		snprintf(text, sizeof(text), "p\t%s\n", v[i].version);
		assert_int_equal(cvg__inventory_parse(
		                         &inv, text, strlen(text), "t.txt", "dpkg", 0, NULL, NULL),
		        0);
		assert_int_equal(inv->npackages, 1);
		if (inv->packages[0].scheme != v[i].scheme)
			fail_msg("%s: scheme %d", v[i].version, (int)inv->packages[0].scheme);
		cvg_inventory_free(inv);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_files),
	        cmocka_unit_test(test_malformed_file),
	        cmocka_unit_test(test_vectors),
	        cmocka_unit_test(test_scheme),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
