/*
 * tests/unit/test_inventory_spdx.c - the SPDX 2.x readers: JSON ("spdx")
 * and tag-value ("spdx-tv"), as tables of vectors.
 *
 * Where the vectors come from:
 * - tests/data/inventory/spdx/yocto-*.spdx.json: written after what
 *   openembedded-core's create-spdx-2.2.bbclass and meta/lib/oe/sbom.py
 *   write (kirkstone to scarthgap): a recipe document (package PN with
 *   versionInfo PV, SPDXID SPDXRef-Recipe-PN, cpe23Type references with
 *   the RDF URI as referenceType, download packages PN-source-N without a
 *   version), the compact kirkstone form whose CPE names vendor "*"
 *   (get_cpe_ids for a CVE_PRODUCT without "vendor:"), a binary package
 *   document (SPDXRef-Package-PKG) and an image document (SPDXRef-Image-).
 * - mixed-refs.spdx.json: the reference types of SPDX 2.3 annex F (cpe22Type,
 *   cpe23Type, purl) with the category spelled as 2.2 JSON (PACKAGE_MANAGER)
 *   and 2.3 (PACKAGE-MANAGER) do, a Debian purl as trivy writes it.
 * - text-blocks.spdx: SPDX 2.3 tag-value <text> blocks, one of them
 *   unclosed on its first line as cve-bin-tool's spdx_test.spdx has it
 *   (LicenseRef-Beerware-4.2), closed by a later line's </text>.
 * - The real samples under ../shared/data/pkglists/sbom (cve-bin-tool's
 *   test SBOMs and trivy's centos-7 fixture), when CVG_SHARED_DATA or the
 *   usual checkout layout gives them.
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
#include <sys/stat.h>

#include "cvegate/inventory.h"
#include "lib/inventory/inventory_internal.h"

/* ---- Helpers ---- */

#define N CVG_IDENT_NAME
#define C CVG_IDENT_CPE
#define P CVG_IDENT_PURL

typedef struct pkg {
	const char *name, *version;
	cvg_ident ident;
	const char *text; /* ident_text or NULL */
	const char *cpes; /* "vendor:product vendor:product" or NULL */
	const char *cpe_version, *source, *source_version;
	bool distro;
	size_t line;
} pkg;

static void assert_str_or_null(const char *got, const char *want)
{
	if (want == NULL)
		assert_null(got);
	else
		assert_non_null(got), assert_string_equal(got, want);
}

static void assert_pkg(const cvg_package *p, const pkg *e)
{
	char cpes[512] = "";
	size_t n = 0;

	assert_string_equal(p->name, e->name);
	assert_string_equal(p->version, e->version);
	assert_null(p->arch);
	if (p->ident != e->ident)
		fail_msg("%s: ident %d, expected %d", p->name, (int)p->ident, (int)e->ident);
	assert_str_or_null(p->ident_text, e->text);
	for (size_t i = 0; i < p->ncpes; i++)
		n += (size_t)snprintf(cpes + n, sizeof(cpes) - n, "%s%s:%s", i ? " " : "",
		        p->cpes[i].vendor ? p->cpes[i].vendor : "*", p->cpes[i].product);
	assert_string_equal(cpes, e->cpes ? e->cpes : "");
	assert_str_or_null(p->cpe_version, e->cpe_version);
	assert_str_or_null(p->source, e->source);
	assert_str_or_null(p->source_version, e->source_version);
	assert_int_equal(p->distro, e->distro);
	if (p->line != e->line)
		fail_msg("%s: line %zu, expected %zu", p->name, p->line, e->line);
}

#define MAXP 8
#define MAXW 3

typedef struct file_vec {
	const char *file; /* under inventory/spdx/ */
	const char *format;
	pkg p[MAXP];
	size_t n;
	const char *warnings[MAXW]; /* after "PATH: " */
} file_vec;

/* Load `path` by auto-detection and by name; check packages and warnings. */
static void check_file(const char *path, const file_vec *v)
{
	for (int pass = 0; pass < 2; pass++) {
		cvg_inventory *inv = NULL;
		warnings w = {0};
		int rc = cvg_inventory_load(&inv, path, pass ? v->format : NULL, 0, collect, &w);
		size_t nw = 0;

		if (rc != 0)
			fail_msg("%s: %s", v->file, cvg_error_last());
		assert_string_equal(inv->format, v->format);
		if (inv->npackages != v->n)
			fail_msg("%s: %zu packages, expected %zu", v->file, inv->npackages, v->n);
		for (size_t k = 0; k < v->n; k++) {
			assert_pkg(&inv->packages[k], &v->p[k]);
			assert_string_equal(inv->packages[k].file, path);
		}
		while (nw < MAXW && v->warnings[nw])
			nw++;
		if ((size_t)w.n != nw)
			fail_msg("%s: %d warnings, expected %zu (%s)", v->file, w.n, nw,
			        w.n ? w.msg[0] : "");
		for (size_t k = 0; k < nw; k++) {
			char want[1024];
			snprintf(want, sizeof(want), "%s: %s", path, v->warnings[k]);
			assert_string_equal(w.msg[k], want);
		}
		cvg_inventory_free(inv);
	}
}

static const char no_version1[] =
        "1 package without a version (and no CPE or purl giving one), skipped";
static const char no_version2[] =
        "2 packages without a version (and no CPE or purl giving one), skipped";
static const char root1[] = "1 package standing for the scanned image itself, skipped";

/* ---- Fixtures ---- */

static void test_files(void **state)
{
	static const file_vec v[] = {
	        {"yocto-recipe-openssl.spdx.json", "spdx",
	                {{"openssl", "3.2.1", C, "cpe:2.3:a:openssl:openssl:3.2.1:*:*:*:*:*:*:*",
	                        "openssl:openssl", "3.2.1", NULL, NULL, false, 17}},
	                1, {no_version1}},
	        {"yocto-recipe-busybox.spdx.json", "spdx",
	                /* Yocto's vendorless CVE_PRODUCT: busybox under any vendor */
	                {{"busybox", "1.35.0", C, "cpe:2.3:*:*:busybox:1.35.0:*:*:*:*:*:*:*",
	                        "*:busybox", "1.35.0", NULL, NULL, false, 1}},
	                1, {no_version2}},
	        {"yocto-package-libssl3.spdx.json", "spdx",
	                {{"libssl3", "3.2.1", N, NULL, NULL, NULL, NULL, NULL, false, 17}}, 1, {0}},
	        {"yocto-image.spdx.json", "spdx", {{0}}, 0, {root1}},
	        {"mixed-refs.spdx.json", "spdx",
	                {{"bash", "5.2.15", C, "cpe:/a:gnu:bash:5.2.15", "gnu:bash", "5.2.15", NULL,
	                         NULL, false, 7},
	                        {"zlib1g", "1:1.2.13.dfsg-1", P,
	                                "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&upstream="
	                                "zlib&distro=debian-12",
	                                NULL, NULL, "zlib", "1:1.2.13.dfsg-1", true, 15},
	                        {"curl", "8.4.0", C, "cpe:2.3:a:haxx:curl:8.4.0:*:*:*:*:*:*:*",
	                                "haxx:curl haxx:libcurl", "8.4.0", NULL, NULL, false, 24},
	                        {"sqlite", "", C, "cpe:2.3:a:sqlite:sqlite:3.45.1:*:*:*:*:*:*:*",
	                                "sqlite:sqlite", "3.45.1", NULL, NULL, false, 33},
	                        {"jackson-databind", "", P,
	                                "pkg:maven/com.fasterxml.jackson.core/"
	                                "jackson-databind@2.15.2",
	                                NULL, NULL, "jackson-databind", "2.15.2", false, 39},
	                        {"libxml2", "2.9.14", N, NULL, NULL, NULL, NULL, NULL, false, 54}},
	                6, {no_version1}},
	        {"text-blocks.spdx", "spdx-tv",
	                {{"openssl", "3.0.11", C, "cpe:2.3:a:openssl:openssl:3.0.11:*:*:*:*:*:*:*",
	                         "openssl:openssl", "3.0.11", NULL, NULL, false, 11},
	                        {"zlib", "1.3", P, "pkg:generic/zlib@1.3", NULL, NULL, "zlib",
	                                "1.3", false, 20}},
	                2, {no_version1, root1}},
	};
	(void)state;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char rel[256];
		char *path;

		snprintf(rel, sizeof(rel), "inventory/spdx/%s", v[i].file);
		path = data_path(rel);
		check_file(path, &v[i]);
		free(path);
	}
}

/* A malformed CPE is a problem of its package: strict reading stops at
 * it, lenient reading warns and keeps the package, matched by name. */
static void test_bad_cpe(void **state)
{
	char *path = data_path("inventory/spdx/bad-cpe.spdx.json");
	cvg_inventory *inv = NULL;
	warnings w = {0};
	char want[1024];
	(void)state;

	snprintf(want, sizeof(want),
	        "%s:15: expected a CPE 2.2 URI or 2.3 formatted string, found 'cpe:2.3:a:busted' "
	        "(CPE name: expected 11 attributes after \"cpe:2.3:\", found 2)",
	        path);
	assert_int_equal(cvg_inventory_load(&inv, path, NULL, 0, NULL, NULL), CVG_EPARSE);
	assert_string_equal(cvg_error_last(), want);
	assert_null(inv);
	assert_int_equal(
	        cvg_inventory_load(&inv, path, "spdx", CVG_INVENTORY_LENIENT, collect, &w), 0);
	assert_int_equal(w.n, 1);
	assert_string_equal(w.msg[0], want);
	assert_int_equal(inv->npackages, 3);
	{
		static const pkg e[] = {
		        {"good", "1.0", N, NULL, NULL, NULL, NULL, NULL, false, 4},
		        {"busted", "2.0", N, NULL, NULL, NULL, NULL, NULL, false, 8},
		        {"last", "3.0", N, NULL, NULL, NULL, NULL, NULL, false, 19},
		};
		for (size_t i = 0; i < 3; i++)
			assert_pkg(&inv->packages[i], &e[i]);
	}
	cvg_inventory_free(inv);
	free(path);
}

/* ---- Inline vectors: errors, problems, shapes ---- */

typedef struct vec {
	const char *text;
	const char *format; /* NULL: auto */
	unsigned flags;
	int rc;
	const char *message; /* the error, or the first warning; NULL: none */
	size_t npackages;
	const char *first; /* "name version line" of the first package */
} vec;

static void run_vectors(const vec *v, size_t n, const char *want_format)
{
	for (size_t i = 0; i < n; i++) {
		cvg_inventory *inv = NULL;
		warnings w = {0};
		int rc = cvg__inventory_parse(&inv, v[i].text, strlen(v[i].text), "t", v[i].format,
		        v[i].flags, collect, &w);

		if (rc != v[i].rc)
			fail_msg("%s vector %zu: rc %d: %s", want_format, i, rc, cvg_error_last());
		if (rc < 0) {
			assert_null(inv);
			if (strcmp(cvg_error_last(), v[i].message) != 0)
				fail_msg("%s vector %zu: '%s'", want_format, i, cvg_error_last());
			continue;
		}
		if (v[i].message) {
			if (w.n < 1)
				fail_msg("%s vector %zu: no warning", want_format, i);
			if (strcmp(w.msg[0], v[i].message) != 0)
				fail_msg("%s vector %zu: warning '%s'", want_format, i, w.msg[0]);
		} else if (w.n != 0) {
			fail_msg("%s vector %zu: warning '%s'", want_format, i, w.msg[0]);
		}
		assert_string_equal(inv->format, want_format);
		if (inv->npackages != v[i].npackages)
			fail_msg("%s vector %zu: %zu packages", want_format, i, inv->npackages);
		if (v[i].first) {
			char got[512];
			snprintf(got, sizeof(got), "%s %s %zu", inv->packages[0].name,
			        inv->packages[0].version, inv->packages[0].line);
			assert_string_equal(got, v[i].first);
		}
		cvg_inventory_free(inv);
	}
}

#define L CVG_INVENTORY_LENIENT

static void test_json_vectors(void **state)
{
	static const vec v[] = {
	        /* shapes */
	        {"{\"spdxVersion\":\"SPDX-2.3\",\"packages\":[{\"name\":\"a\",\"versionInfo\":"
	         "\"1\"}]}",
	                NULL, 0, 0, NULL, 1, "a 1 1"},
	        {"\xEF\xBB\xBF\n\n{\"packages\":[\n{\"versionInfo\":\"1\",\n\"name\":\"a\"}],"
	         "\"spdxVersion\":\"SPDX-2.2\"}",
	                NULL, 0, 0, NULL, 1, "a 1 4"},
	        {"{\"spdxVersion\":\"SPDX-2.3\"}", NULL, 0, 0, NULL, 0, NULL},
	        {"{\"spdxVersion\":\"SPDX-2.3\",\"packages\":[{\"name\":\"a\",\"versionInfo\":"
	         "\"1\",\"x\":{\"name\":\"b\",\"packages\":[{\"name\":\"c\"}]}}],"
	         "\"other\":{\"packages\":[{\"name\":\"d\",\"versionInfo\":\"2\"}]}}",
	                NULL, 0, 0, NULL, 1, "a 1 1"},
	        {"{\"spdxVersion\":\"SPDX-2.3\",\"packages\":[{\"name\":\"a\",\"versionInfo\":"
	         "\"1\","
	         "\"externalRefs\":[{\"referenceType\":\"cpe23Type\",\"referenceLocator\":"
	         "\"cpe:2.3:a:v:p:*:*:*:*:*:*:*:*\"}]}]}",
	                NULL, 0, 0, NULL, 1, "a 1 1"},
	        {"{\"spdxVersion\":\"SPDX-2.3\",\"packages\":[{\"name\":\"a\",\"externalRefs\":"
	         "[{\"referenceType\":\"cpe23Type\",\"referenceLocator\":\"cpe:2.3:a:v:p:-:*:*:*:*:"
	         "*:*:*"
	         "\"}]}]}",
	                NULL, 0, 0,
	                "t: 1 package without a version (and no CPE or purl giving one), skipped",
	                0, NULL},
	        {"{\"spdxVersion\":\"SPDX-2.3\",\"packages\":[{\"name\":\"a\",\"versionInfo\":"
	         "\"NONE\","
	         "\"externalRefs\":[{\"referenceType\":\"purl\",\"referenceLocator\":\"pkg:npm/"
	         "a\"}]}]}",
	                NULL, 0, 0,
	                "t: 1 package without a version (and no CPE or purl giving one), skipped",
	                0, NULL},
	        /* the document */
	        {"{\"spdxVersion\":\"SPDX-3.0\",\"packages\":[]}", NULL, 0, CVG_EUNSUPPORTED,
	                "t:1: expected \"spdxVersion\": \"SPDX-2.x\", found 'SPDX-3.0' (only SPDX "
	                "2.x "
	                "documents are supported)",
	                0, NULL},
	        {"{\"packages\":[]}", "spdx", 0, CVG_EPARSE,
	                "t: expected an SPDX 2.x JSON document, found no top-level \"spdxVersion\"",
	                0, NULL},
	        {"{\"spdxVersion\":2.2}", "spdx", 0, CVG_EPARSE,
	                "t:1: expected \"spdxVersion\": \"SPDX-2.x\", found a number", 0, NULL},
	        {"{\"spdxVersion\":\"SPDX-2.2\",\n\"packages\":{}}", NULL, 0, CVG_EPARSE,
	                "t:2: expected an array for \"packages\", found an object", 0, NULL},
	        {"[{\"spdxVersion\":\"SPDX-2.2\"}]", "spdx", 0, CVG_EPARSE,
	                "t:1: expected an SPDX document (a JSON object), found an array", 0, NULL},
	        {"{\"spdxVersion\":\"SPDX-2.2\",\n\"packages\":[\n{\"name\":\"a\",}]}", NULL, 0,
	                CVG_EPARSE,
	                "t:3: malformed JSON at byte 53: parse error: invalid object key (must be "
	                "a "
	                "string)",
	                0, NULL},
	        {"{\"spdxVersion\":\"SPDX-2.2\",\"packages\":[{\"name\":\"a\",\"versionInfo\":"
	         "\"1\"}",
	                NULL, 0, CVG_EPARSE,
	                "t:1: malformed JSON at byte 68: parse error: premature EOF", 0, NULL},
	        {"\n\n{\"spdxVersion\":\"SPDX-2.2\",\n\"packages\":[]}\nx\n", "spdx", 0, CVG_EPARSE,
	                "t:5: malformed JSON at byte 45: parse error: trailing garbage", 0, NULL},
	        {"{\"spdxVersion\":\"SPDX-2.2\"} {}", "spdx", 0, CVG_EPARSE,
	                "t:1: malformed JSON at byte 28: parse error: trailing garbage", 0, NULL},
	        /* entries */
	        {"{\"spdxVersion\":\"SPDX-2.2\",\"packages\":[\n\"a\",\n{\"name\":\"b\","
	         "\"versionInfo\":"
	         "\"2\"}]}",
	                NULL, 0, CVG_EPARSE,
	                "t:2: expected a package object in \"packages\", found a string", 0, NULL},
	        {"{\"spdxVersion\":\"SPDX-2.2\",\"packages\":[\n[],\n{\"name\":\"b\","
	         "\"versionInfo\":"
	         "\"2\"}]}",
	                NULL, L, 0,
	                "t:2: expected a package object in \"packages\", found an array", 1,
	                "b 2 3"},
	        {"{\"spdxVersion\":\"SPDX-2.2\",\"packages\":[\n{\"name\":\n7,\"versionInfo\":"
	         "\"1\"},"
	         "\n{\"name\":\"b\",\"versionInfo\":\"2\"}]}",
	                NULL, L, 0, "t:3: expected a string for \"name\", found a number", 1,
	                "b 2 4"},
	        {"{\"spdxVersion\":\"SPDX-2.2\",\"packages\":[\n{\"versionInfo\":\"1\"}]}", NULL, 0,
	                CVG_EPARSE, "t:2: expected a package name (\"name\"), found none", 0, NULL},
	        {"{\"spdxVersion\":\"SPDX-2.2\",\"packages\":[\n{\"name\":\" "
	         "\",\"versionInfo\":\"1\"}]}",
	                NULL, 0, CVG_EPARSE, "t:2: expected a package name (\"name\"), found ''", 0,
	                NULL},
	        {"{\"spdxVersion\":\"SPDX-2.2\",\"packages\":[{\"name\":\"a\\u0000b\","
	         "\"versionInfo\":"
	         "\"1\"}]}",
	                NULL, 0, CVG_EPARSE,
	                "t:1: expected \"name\" without control characters, found 'a\\x00b'", 0,
	                NULL},
	        {"{\"spdxVersion\":\"SPDX-2.2\",\"packages\":[{\"name\":\"a\",\"versionInfo\":{}}]"
	         "}",
	                NULL, 0, CVG_EPARSE,
	                "t:1: expected a string for \"versionInfo\", found an object", 0, NULL},
	        {"{\"spdxVersion\":\"SPDX-2.2\",\"packages\":[{\"name\":\"a\",\"versionInfo\":"
	         "\"1\","
	         "\"externalRefs\":{}}]}",
	                NULL, 0, CVG_EPARSE,
	                "t:1: expected an array for \"externalRefs\", found an object", 0, NULL},
	        {"{\"spdxVersion\":\"SPDX-2.2\",\"packages\":[{\"name\":\"a\",\"versionInfo\":"
	         "\"1\","
	         "\"externalRefs\":[\n{\"referenceType\":\"purl\"}]}]}",
	                NULL, 0, CVG_EPARSE,
	                "t:2: expected a \"referenceLocator\" in the purl reference, found none", 0,
	                NULL},
	        {"{\"spdxVersion\":\"SPDX-2.2\",\"packages\":[{\"name\":\"a\",\"versionInfo\":"
	         "\"1\","
	         "\"externalRefs\":[{\"referenceType\":\"purl\",\"referenceLocator\":\"\"}]}]}",
	                NULL, 0, CVG_EPARSE, "t:1: expected a purl reference locator, found none",
	                0, NULL},
	        {"{\"spdxVersion\":\"SPDX-2.2\",\"packages\":[{\"name\":\"a\",\"versionInfo\":"
	         "\"1\","
	         "\"externalRefs\":[{\"referenceType\":\"purl\",\"referenceLocator\":\"npm/"
	         "a@1\"}]}]}",
	                NULL, L, 0,
	                "t:1: expected a purl 'pkg:TYPE/NAME@VERSION', found 'npm/a@1' (purl: "
	                "expected it "
	                "to start with 'pkg:')",
	                1, "a 1 1"},
	        {"{\"spdxVersion\":\"SPDX-2.2\",\"packages\":[{\"name\":\"a\",\"versionInfo\":"
	         "\"1\","
	         "\"externalRefs\":[{\"referenceType\":\"cpe23Type\",\"referenceLocator\":"
	         "\"cpe:2.3:a:v:*:1:*:*:*:*:*:*:*\"}]}]}",
	                NULL, 0, CVG_EPARSE,
	                "t:1: expected a CPE 2.2 URI or 2.3 formatted string, found "
	                "'cpe:2.3:a:v:*:1:*:*:*:*:*:*:*' (its product must be a concrete name and "
	                "its "
	                "vendor a name or '*', not '-' or a wildcard)",
	                0, NULL},
	};
	(void)state;
	run_vectors(v, sizeof(v) / sizeof(v[0]), "spdx");
}

static void test_tv_vectors(void **state)
{
	static const vec v[] = {
	        {"SPDXVersion: SPDX-2.2\nPackageName: a\nPackageVersion: 1\n", NULL, 0, 0, NULL, 1,
	                "a 1 2"},
	        {"# comment\r\n\r\nSPDXVersion: SPDX-2.3\r\n  PackageName:  a b  \r\n"
	         "PackageVersion:1.0 beta\r\n",
	                NULL, 0, 0, NULL, 1, "a b 1.0 beta 4"},
	        /* PackageVersion after FileName belongs to no package */
	        {"SPDXVersion: SPDX-2.2\nPackageName: a\nPackageVersion: 1\nFileName: f\n"
	         "PackageVersion: 2\n",
	                "spdx-tv", 0, CVG_EPARSE,
	                "t:5: PackageVersion outside a package (no PackageName before it)", 0,
	                NULL},
	        {"SPDXVersion: SPDX-2.2\nPackageName: a\nPackageVersion: 1\nPackageVersion: 2\n",
	                NULL, 0, CVG_EPARSE,
	                "t:4: PackageVersion repeated in the package of line 2", 0, NULL},
	        {"SPDXVersion: SPDX-2.2\nPackageName: a\nPackageVersion: 1\n"
	         "ExternalRef: SECURITY cpe23Type\nPackageName: b\nPackageVersion: 2\n",
	                NULL, L, 0,
	                "t:4: expected ExternalRef: CATEGORY TYPE LOCATOR, found 'SECURITY "
	                "cpe23Type'",
	                1, "b 2 5"},
	        {"SPDXVersion: SPDX-2.2\nPackageName: a\nPackageVersion: 1\n"
	         "ExternalRef: OTHER swh swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2 "
	         "extra\n",
	                NULL, 0, 0, NULL, 1, "a 1 2"},
	        {"SPDXVersion: SPDX-2.2\nPackageName: a\nPackageVersion: 1\njust words\n", NULL, 0,
	                CVG_EPARSE, "t:4: expected a 'Tag: value' line, found 'just words'", 0,
	                NULL},
	        {"SPDXVersion: SPDX-2.2\nPackageName: a\nPackageVersion: 1\n"
	         "PackageComment: <text>never closed\nPackageName: b\nPackageVersion: 2\n",
	                NULL, L, 0, "t:4: <text> not closed by </text> before the end", 1, "a 1 2"},
	        {"SPDXVersion: SPDX-2.2\nPackageName: a\nPackageVersion: <text>1\n2</text>\n"
	         "PackageName: b\nPackageVersion: 2\n",
	                NULL, L, 0,
	                "t:3: expected a single-line PackageVersion value, found 'PackageVersion: "
	                "<text>1'",
	                1, "b 2 5"},
	        {"SPDXVersion: SPDX-2.2\nPackageName: <text>a</text>\nPackageVersion: 1\n", NULL, 0,
	                0, NULL, 1, "a 1 2"},
	        {"SPDXVersion: SPDX-2.2\nPackageName:\nPackageVersion: 1\n", NULL, 0, CVG_EPARSE,
	                "t:2: expected a package name (PackageName), found ''", 0, NULL},
	        {"SPDXVersion: SPDX-1.2\nPackageName: a\nPackageVersion: 1\n", NULL, 0,
	                CVG_EUNSUPPORTED,
	                "t:1: expected SPDXVersion: SPDX-2.x, found 'SPDX-1.2' (only SPDX 2.x "
	                "documents are supported)",
	                0, NULL},
	        {"PackageName: a\nPackageVersion: 1\n", "spdx-tv", 0, CVG_EPARSE,
	                "t: expected an SPDX 2.x tag-value document, found no SPDXVersion: line", 0,
	                NULL},
	        /* Yocto's vendorless CPE names the product under any vendor */
	        {"SPDXVersion: SPDX-2.2\nPackageName: a\nPackageVersion: 1\n"
	         "ExternalRef: SECURITY cpe23Type cpe:2.3:*:*:a:1:*:*:*:*:*:*:*\n",
	                NULL, 0, 0, NULL, 1, "a 1 2"},
	        /* a CPE whose vendor is NA names nothing: ignored with a warning */
	        {"SPDXVersion: SPDX-2.2\nPackageName: a\nPackageVersion: 1\n"
	         "ExternalRef: SECURITY cpe23Type cpe:2.3:a:-:a:1:*:*:*:*:*:*:*\n",
	                NULL, 0, 0,
	                "t: 1 CPE naming no vendor ('-'), ignored: its package is matched by name",
	                1, "a 1 2"},
	};
	(void)state;
	run_vectors(v, sizeof(v) / sizeof(v[0]), "spdx-tv");
}

/* Long lines: a tag that is read must fit CVG__LINE_MAX; others may not. */
static void test_tv_long_lines(void **state)
{
	static const char head[] = "SPDXVersion: SPDX-2.2\nPackageName: a\nPackageVersion: 1\n";
	size_t fill = 5000;
	char *text = malloc(sizeof(head) + fill + 64);
	cvg_inventory *inv = NULL;
	size_t n;
	(void)state;

	assert_non_null(text);
	/* a long license text line is skipped */
	n = (size_t)snprintf(text, sizeof(head) + 64, "%sPackageDescription: ", head);
	memset(text + n, 'x', fill);
	text[n + fill] = '\0';
	assert_int_equal(
	        cvg__inventory_parse(&inv, text, strlen(text), "t", NULL, 0, NULL, NULL), 0);
	assert_int_equal(inv->npackages, 1);
	cvg_inventory_free(inv);
	/* a long PackageVersion line is a problem */
	n = (size_t)snprintf(text, sizeof(head) + 64, "%sPackageName: b\nPackageVersion: ", head);
	memset(text + n, '1', fill);
	text[n + fill] = '\0';
	assert_int_equal(cvg__inventory_parse(&inv, text, strlen(text), "t", NULL, 0, NULL, NULL),
	        CVG_EPARSE);
	assert_string_equal(cvg_error_last(),
	        "t:5: expected a PackageVersion line of at most 4096 bytes, found 'PackageVersion: "
	        "1111111111111111111111111111111111111111111111111111111111111111...'");
	free(text);
}

/* JSON nesting: 64 levels are read, 65 refused. */
static void test_json_depth(void **state)
{
	static const char head[] = "{\"spdxVersion\":\"SPDX-2.2\",\"packages\":[{\"name\":\"a\","
	                           "\"versionInfo\":\"1\",\"x\":";
	static const char tail[] = "}]}";
	(void)state;

	for (int depth = 64; depth <= 65; depth++) {
		/* head opens 3 levels (document, packages, package) */
		int extra = depth - 3;
		size_t len = sizeof(head) + (size_t)extra * 2 + sizeof(tail);
		char *text = malloc(len);
		cvg_inventory *inv = NULL;
		size_t n = 0;
		int rc;

		assert_non_null(text);
		memcpy(text, head, sizeof(head) - 1);
		n = sizeof(head) - 1;
		for (int i = 0; i < extra; i++)
			text[n++] = '[';
		for (int i = 0; i < extra; i++)
			text[n++] = ']';
		memcpy(text + n, tail, sizeof(tail));
		rc = cvg__inventory_parse(&inv, text, strlen(text), "t", NULL, 0, NULL, NULL);
		if (depth == 64) {
			assert_int_equal(rc, 0);
			assert_int_equal(inv->npackages, 1);
			cvg_inventory_free(inv);
		} else {
			assert_int_equal(rc, CVG_ELIMIT);
			assert_string_equal(
			        cvg_error_last(), "t:1: JSON nested deeper than 64 levels");
		}
		free(text);
	}
}

/* ---- Other serialisations: recognised, refused with a hint ---- */

static void test_other_serialisations(void **state)
{
	static const char hint[] = " is not supported; convert it to SPDX JSON (e.g. with the "
	                           "spdx-tools 'pyspdxtools' converter: pyspdxtools -i FILE -o "
	                           "FILE.spdx.json)";
	static const struct {
		const char *text;
		const char *what; /* NULL: not SPDX, so the SPDX sniffers score 0 */
	} v[] = {
	        /* cve-bin-tool's spdx_test.spdx.yaml opens so */
	        {"---\nSPDXID: \"SPDXRef-DOCUMENT\"\nspdxVersion: \"SPDX-2.2\"\n", "SPDX YAML"},
	        {"# comment\nspdxVersion: SPDX-2.3\nname: x\n", "SPDX YAML"},
	        /* the SPDX tools' XML (cve-bin-tool's spdx_test.spdx.xml) */
	        {"<?xml version='1.0' encoding='UTF-8'?>\n<Document>\n  <SPDXID>SPDXRef-DOCUMENT"
	         "</SPDXID>\n  <spdxVersion>SPDX-2.2</spdxVersion>\n</Document>\n",
	                "SPDX XML"},
	        /* RDF/XML as SPDX 2.x annex (spdx:SpdxDocument in rdf:RDF) */
	        {"<?xml version=\"1.0\"?>\n<!-- an SPDX document -->\n<rdf:RDF "
	         "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
	         "xmlns:spdx=\"http://spdx.org/rdf/terms#\">\n<spdx:SpdxDocument "
	         "rdf:about=\"#SPDXRef-DOCUMENT\"><spdx:specVersion>SPDX-2.2</spdx:specVersion>"
	         "</spdx:SpdxDocument></rdf:RDF>\n",
	                "SPDX RDF/XML"},
	        {"<spdx:SpdxDocument xmlns:spdx=\"http://spdx.org/rdf/terms#\"/>", "SPDX RDF/XML"},
	        /* CycloneDX XML naming SPDX license ids and the SPDX schema */
	        {"<?xml version=\"1.0\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\" "
	         "xmlns:spdx=\"http://cyclonedx.org/schema/spdx\"><components><component "
	         "type=\"library\"><name>Document</name><licenses><license><id>MIT</id></license>"
	         "</licenses><description>spdxVersion: SPDX-2.2 &lt;spdxVersion&gt;SPDX-2.2"
	         "</description></component></components></bom>\n",
	                NULL},
	        {"<SoftwareIdentity name=\"Document\" version=\"1\" "
	         "xmlns=\"http://standards.iso.org/iso/19770/-2/2015/schema.xsd\"/>\n",
	                NULL},
	        /* RDF that is no SPDX */
	        {"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>", NULL},
	        /* CycloneDX JSON */
	        {"{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":[]}", NULL},
	};
	(void)state;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		size_t len = strlen(v[i].text);
		cvg_inventory *inv = NULL;
		char want[512];

		assert_int_equal(cvg__inv_spdx_tv.sniff(v[i].text, len), 0);
		if (v[i].what == NULL) {
			if (cvg__inv_spdx.sniff(v[i].text, len) != 0)
				fail_msg("vector %zu: taken for SPDX", i);
			continue;
		}
		assert_int_equal(cvg__inv_spdx.sniff(v[i].text, len), 100);
		snprintf(want, sizeof(want), "t: %s%s", v[i].what, hint);
		for (int pass = 0; pass < 2; pass++) {
			assert_int_equal(cvg__inventory_parse(&inv, v[i].text, len, "t",
			                         pass ? "spdx" : NULL, 0, NULL, NULL),
			        CVG_EUNSUPPORTED);
			assert_string_equal(cvg_error_last(), want);
		}
	}
}

/* ---- The real samples ---- */

static void test_shared_samples(void **state)
{
	static const file_vec v[] = {
	        {"pkglists/sbom/cve-bin-tool/spdx_test.spdx.json", "spdx",
	                {{"glibc", "2.11.1", C, "cpe:2.3:a:gnu:glibc:2.11.1:*:*:*:*:*:*:*",
	                         "gnu:glibc", "2.11.1", NULL, NULL, false, 61},
	                        {"Jena", "3.12.0", P,
	                                "pkg:maven/org.apache.jena/apache-jena@3.12.0", NULL, NULL,
	                                "apache-jena", "3.12.0", false, 120},
	                        {"Saxon", "8.8", N, NULL, NULL, NULL, NULL, NULL, false, 135}},
	                3, {no_version1}},
	        {"pkglists/sbom/cve-bin-tool/spdx_mixed_test.spdx.json", "spdx",
	                {{"GLIBC", "2.11.1", C, "cpe:2.3:a:gnu:glibc:2.11.1:*:*:*:*:*:*:*",
	                         "gnu:glibc", "2.11.1", NULL, NULL, false, 61},
	                        {"Jena", "3.12.0", P,
	                                "pkg:maven/org.apache.jena/apache-jena@3.12.0", NULL, NULL,
	                                "apache-jena", "3.12.0", false, 120},
	                        {"Saxon", "8.8", N, NULL, NULL, NULL, NULL, NULL, false, 135}},
	                3, {no_version1}},
	        {"pkglists/sbom/cve-bin-tool/spdx_test.spdx", "spdx-tv",
	                {{"glibc", "2.11.1", C, "cpe:2.3:a:gnu:glibc:2.11.1:*:*:*:*:*:*:*",
	                         "gnu:glibc", "2.11.1", NULL, NULL, false, 71},
	                        {"Jena", "3.12.0", P,
	                                "pkg:maven/org.apache.jena/apache-jena@3.12.0", NULL, NULL,
	                                "apache-jena", "3.12.0", false, 167},
	                        {"Saxon", "8.8", N, NULL, NULL, NULL, NULL, NULL, false, 179}},
	                3, {no_version1}},
	        {"pkglists/sbom/trivy/centos-7-spdx.json", "spdx",
	                {{"centos", "7.6.1810", N, NULL, NULL, NULL, NULL, NULL, false, 26},
	                        {"bash", "4.2.46", P,
	                                "pkg:rpm/centos/"
	                                "bash@4.2.46-31.el7?arch=x86_64&distro=centos-"
	                                "7.6.1810",
	                                NULL, NULL, "bash", "4.2.46-31.el7", true, 32},
	                        {"openssl-libs", "1:1.0.2k-19.el7", P,
	                                "pkg:rpm/centos/"
	                                "openssl-libs@1.0.2k-16.el7?arch=x86_64&epoch="
	                                "1&distro=centos-7.6.1810",
	                                NULL, NULL, "openssl-libs", "1:1.0.2k-16.el7", true, 53}},
	                3, {root1}},
	};
	static const char *const refused[] = {
	        "pkglists/sbom/cve-bin-tool/spdx_test.spdx.yaml",
	        "pkglists/sbom/cve-bin-tool/spdx_test.spdx.xml",
	};
	char *dir = shared_data_path("");
	(void)state;

	if (dir == NULL)
		skip();
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char path[1024];
		snprintf(path, sizeof(path), "%s/%s", dir, v[i].file);
		check_file(path, &v[i]);
	}
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		char path[1024];
		cvg_inventory *inv = NULL;
		snprintf(path, sizeof(path), "%s/%s", dir, refused[i]);
		assert_int_equal(
		        cvg_inventory_load(&inv, path, NULL, 0, NULL, NULL), CVG_EUNSUPPORTED);
	}
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_files),
	        cmocka_unit_test(test_bad_cpe),
	        cmocka_unit_test(test_json_vectors),
	        cmocka_unit_test(test_tv_vectors),
	        cmocka_unit_test(test_tv_long_lines),
	        cmocka_unit_test(test_json_depth),
	        cmocka_unit_test(test_other_serialisations),
	        cmocka_unit_test(test_shared_samples),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
