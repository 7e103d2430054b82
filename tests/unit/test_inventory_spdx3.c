/*
 * tests/unit/test_inventory_spdx3.c - the SPDX 3.0 JSON-LD reader, as
 * tables of vectors.
 *
 * Where the vectors come from: the element shapes OE-core's create-spdx-3.0
 * class writes (meta/lib/oe/spdx30_tasks.py: binary packages with
 * software_packageVersion = PV, purpose "install" and cpe23 identifiers
 * "cpe:2.3:*:VENDOR:PRODUCT:PV:*:*:*:*:*:*:*", vendor "*" for a CVE_PRODUCT
 * without one; downloads with purpose "source" and no version; the rootfs
 * with purpose "archive"), the SPDX 3.0 model's ExternalIdentifierType
 * values (cpe22, cpe23, packageUrl, swid) and the JSON-LD freedoms a
 * serializer may take (full IRIs, a context array, inline nodes). The
 * fixtures under tests/data/inventory/spdx3 are hand-written (README.txt
 * there).
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
#include "util/buf.h"

/* ---- Helpers ---- */

static int parse(
        cvg_inventory **out, const char *format, const char *text, unsigned flags, warnings *w)
{
	return cvg__inventory_parse(
	        out, text, strlen(text), "t.json", format, flags, w ? collect : NULL, w);
}

static void assert_str_or_null(const char *got, const char *want)
{
	if (want == NULL)
		assert_null(got);
	else
		assert_non_null(got), assert_string_equal(got, want);
}

/* What one package should be. */
typedef struct pkg {
	const char *name, *version;
	size_t line;
	cvg_ident ident;
	const char *ident_text;
	const char *vendor, *product; /* the first CPE product, or NULL */
	const char *cpe_version;
	const char *source, *source_version;
} pkg;

static void assert_pkg(const cvg_package *p, const pkg *w)
{
	assert_string_equal(p->name, w->name);
	assert_string_equal(p->version, w->version);
	assert_null(p->arch);
	assert_int_equal(p->scheme, CVG_VERSION_UPSTREAM);
	assert_int_equal(p->line, w->line);
	assert_int_equal(p->ident, w->ident);
	assert_str_or_null(p->ident_text, w->ident_text);
	if (w->vendor) {
		assert_true(p->ncpes >= 1);
		assert_string_equal(p->cpes[0].vendor ? p->cpes[0].vendor : "*", w->vendor);
		assert_string_equal(p->cpes[0].product, w->product);
	} else {
		assert_int_equal(p->ncpes, 0);
	}
	assert_str_or_null(p->cpe_version, w->cpe_version);
	assert_str_or_null(p->source, w->source);
	assert_str_or_null(p->source_version, w->source_version);
	assert_false(p->distro);
}

#define CPE CVG_IDENT_CPE
#define PURL CVG_IDENT_PURL
#define NAME CVG_IDENT_NAME

/* ---- The Yocto-shaped image document ---- */

static void test_yocto_image(void **state)
{
	static const pkg want[] = {
	        {"busybox", "1.36.1", 18, CPE, "cpe:2.3:*:busybox:busybox:1.36.1:*:*:*:*:*:*:*",
	                "busybox", "busybox", "1.36.1", NULL, NULL},
	        {"busybox-syslog", "1.36.1", 33, CPE,
	                "cpe:2.3:*:busybox:busybox:1.36.1:*:*:*:*:*:*:*", "busybox", "busybox",
	                "1.36.1", NULL, NULL},
	        {"libssl3", "3.2.1", 48, CPE, "cpe:2.3:*:openssl:openssl:3.2.1:*:*:*:*:*:*:*",
	                "openssl", "openssl", "3.2.1", NULL, NULL},
	        /* the vendorless CPE names zlib under any vendor, and wins over the purl */
	        {"zlib", "1.3.1", 64, CPE, "cpe:2.3:*:*:zlib:1.3.1:*:*:*:*:*:*:*", "*", "zlib",
	                "1.3.1", NULL, NULL},
	};
	char *path = data_path("inventory/spdx3/yocto-image.spdx.json");
	char expect[1][512];
	cvg_inventory *inv = NULL;
	warnings w = {0};
	(void)state;

	assert_int_equal(cvg_inventory_load(&inv, path, NULL, 0, collect, &w), 0);
	assert_string_equal(inv->format, "spdx3");
	assert_int_equal(inv->npackages, 4);
	for (size_t i = 0; i < 4; i++) {
		assert_pkg(&inv->packages[i], &want[i]);
		assert_string_equal(inv->packages[i].file, path);
	}
	/* the download (line 84, "source") and the rootfs (line 112,
	 * "archive") are skipped quietly; the unversioned one is counted */
	assert_int_equal(w.n, 1);
	snprintf(expect[0], sizeof(expect[0]),
	        "%s: 1 software_Package element without a version (and without a CPE giving "
	        "one) skipped, the first 'unversioned-thing' at line 119",
	        path);
	assert_string_equal(w.msg[0], expect[0]);
	cvg_inventory_free(inv);

	/* by name, the same */
	assert_int_equal(cvg_inventory_load(&inv, path, "spdx3", 0, NULL, NULL), 0);
	assert_int_equal(inv->npackages, 4);
	cvg_inventory_free(inv);
	free(path);
}

/* ---- JSON-LD shapes ---- */

static void test_shapes(void **state)
{
	static const pkg want[] = {
	        /* full IRI type, identifier typed by its prefix, a 2.2 URI */
	        {"dropbear", "2022.83", 3, CPE, "cpe:/a:dropbear_ssh_project:dropbear_ssh:2022.83",
	                "dropbear_ssh_project", "dropbear_ssh", "2022.83", NULL, NULL},
	        /* no version: the CPE's (an IRI identifier type) */
	        {"linux-yocto", "", 6, CPE, "cpe:2.3:o:linux:linux_kernel:6.6.23:*:*:*:*:*:*:*",
	                "linux", "linux_kernel", "6.6.23", NULL, NULL},
	        /* inline in a relationship; one identifier object, not a list */
	        {"sqlite3", "3.45.1", 10, PURL, "pkg:generic/sqlite@3.45.1", NULL, NULL, NULL,
	                "sqlite", "3.45.1"},
	        /* swid ignored, cpe22 read */
	        {"libpcre2", "10.42", 13, CPE, "cpe:/a:pcre:pcre2:10.42", "pcre", "pcre2", "10.42",
	                NULL, NULL},
	};
	char *path = data_path("inventory/spdx3/shapes.spdx3.json");
	cvg_inventory *inv = NULL;
	warnings w = {0};
	(void)state;

	/* the context comes last, as an array */
	assert_int_equal(cvg_inventory_load(&inv, path, NULL, 0, collect, &w), 0);
	assert_string_equal(inv->format, "spdx3");
	assert_int_equal(w.n, 0);
	assert_int_equal(inv->npackages, 4);
	for (size_t i = 0; i < 4; i++)
		assert_pkg(&inv->packages[i], &want[i]);
	cvg_inventory_free(inv);
	free(path);
}

/* ---- Vectors: one document, one package or the exact error ---- */

#define CTX "\"@context\":\"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\""
#define DOC(graph) "{" CTX ",\"@graph\":[" graph "]}"

typedef struct vec {
	const char *json;
	pkg p;             /* p.name NULL: no package */
	int rc;            /* 0, or the error */
	const char *error; /* exact, or a prefix when it ends in '*' */
} vec;

static const vec vectors[] = {
        {DOC("{\"type\":\"software_Package\",\"name\":\"a\",\"software_packageVersion\":\"1.0\"}"),
                {"a", "1.0", 1, NAME, NULL, NULL, NULL, NULL, NULL, NULL}, 0, NULL},
        /* a UTF-8 byte order mark */
        {"\xEF\xBB\xBF" DOC("{\"type\":\"software_Package\",\"name\":\"a\","
                            "\"software_packageVersion\":\"1\"}"),
                {"a", "1", 1, NAME, NULL, NULL, NULL, NULL, NULL, NULL}, 0, NULL},
        /* "@type" and a full IRI; the purpose does not matter with a version */
        {DOC("{\"@type\":\"https://spdx.org/rdf/3.0.1/terms/Software/Package\",\"name\":\"b\","
             "\"software_packageVersion\":\"2\",\"software_primaryPurpose\":\"source\"}"),
                {"b", "2", 1, NAME, NULL, NULL, NULL, NULL, NULL, NULL}, 0, NULL},
        /* the http context, a number version is no version */
        {"{\"@context\":\"http://spdx.org/rdf/3.0.1/spdx-context.jsonld\",\"@graph\":[{\"type\":"
         "\"software_Package\",\"name\":\"c\",\"software_packageVersion\":3}]}",
                {NULL, NULL, 0, NAME, NULL, NULL, NULL, NULL, NULL, NULL}, 0, NULL},
        /* a source download without a version: quietly nothing */
        {DOC("{\"type\":\"software_Package\",\"name\":\"x.tar.gz\","
             "\"software_primaryPurpose\":\"source\"}"),
                {NULL, NULL, 0, NAME, NULL, NULL, NULL, NULL, NULL, NULL}, 0, NULL},
        /* a vendorless CPE gives the version too */
        {DOC("{\"type\":\"software_Package\",\"name\":\"z\",\"externalIdentifier\":[{"
             "\"externalIdentifierType\":\"cpe23\",\"identifier\":"
             "\"cpe:2.3:*:*:zlib:1.3:*:*:*:*:*:*:*\"}]}"),
                {"z", "", 1, CPE, "cpe:2.3:*:*:zlib:1.3:*:*:*:*:*:*:*", "*", "zlib", "1.3", NULL,
                        NULL},
                0, NULL},
        /* a CPE whose vendor is NA is not used, and gives no version */
        {DOC("{\"type\":\"software_Package\",\"name\":\"z\",\"externalIdentifier\":[{"
             "\"externalIdentifierType\":\"cpe23\",\"identifier\":"
             "\"cpe:2.3:a:-:zlib:1.3:*:*:*:*:*:*:*\"}]}"),
                {NULL, NULL, 0, NAME, NULL, NULL, NULL, NULL, NULL, NULL}, 0, NULL},
        /* nor a CPE with "*" as version */
        {DOC("{\"type\":\"software_Package\",\"name\":\"z\",\"externalIdentifier\":[{"
             "\"externalIdentifierType\":\"cpe23\",\"identifier\":"
             "\"cpe:2.3:a:zlib:zlib:*:*:*:*:*:*:*:*\"}]}"),
                {NULL, NULL, 0, NAME, NULL, NULL, NULL, NULL, NULL, NULL}, 0, NULL},
        /* software_packageUrl wins over a packageUrl identifier */
        {DOC("{\"type\":\"software_Package\",\"name\":\"libc6\",\"software_packageVersion\":"
             "\"2.39\",\"externalIdentifier\":[{\"externalIdentifierType\":\"packageUrl\","
             "\"identifier\":\"pkg:generic/other@1\"}],\"software_packageUrl\":"
             "\"pkg:yocto/core/glibc@2.39\"}"),
                {"libc6", "2.39", 1, PURL, "pkg:yocto/core/glibc@2.39", NULL, NULL, NULL, "glibc",
                        "2.39"},
                0, NULL},
        /* elements that are not packages are passed over */
        {DOC("{\"type\":\"software_File\",\"name\":\"f\",\"software_packageVersion\":\"1\"},"
             "{\"type\":\"Relationship\",\"from\":\"a\",\"to\":[\"b\"]}"),
                {NULL, NULL, 0, NAME, NULL, NULL, NULL, NULL, NULL, NULL}, 0, NULL},
        /* lines: the package's '{' */
        {"{\n" CTX ",\n\"@graph\": [\n\n  {\"type\": \"software_Package\",\n \"name\": \"d\",\n"
         "\"software_packageVersion\": \"4\"}\n]}\n",
                {"d", "4", 5, NAME, NULL, NULL, NULL, NULL, NULL, NULL}, 0, NULL},
        /* errors */
        {"{\"@graph\":[{\"type\":\"software_Package\",\"name\":\"a\",\"software_packageVersion\":"
         "\"1\"}]}",
                {NULL, NULL, 0, NAME, NULL, NULL, NULL, NULL, NULL, NULL}, CVG_EPARSE,
                "t.json: expected an SPDX 3 JSON-LD document (\"@context\": "
                "\"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\")"},
        {"{\"@context\":\"https://spdx.org/rdf/2.3/x.jsonld\",\"@graph\":[]}",
                {NULL, NULL, 0, NAME, NULL, NULL, NULL, NULL, NULL, NULL}, CVG_EPARSE,
                "t.json: expected an SPDX 3 JSON-LD document*"},
        /* the context of a nested object is not the document's */
        {"{\"@graph\":[{\"@context\":\"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\"}]}",
                {NULL, NULL, 0, NAME, NULL, NULL, NULL, NULL, NULL, NULL}, CVG_EPARSE,
                "t.json: expected an SPDX 3 JSON-LD document*"},
        {"[1,2]", {NULL, NULL, 0, NAME, NULL, NULL, NULL, NULL, NULL, NULL}, CVG_EPARSE,
                "t.json: expected an SPDX 3 JSON-LD document*"},
        {DOC("{\"type\":\"software_Package\",\"software_packageVersion\":\"1\"}"),
                {NULL, NULL, 0, NAME, NULL, NULL, NULL, NULL, NULL, NULL}, CVG_EPARSE,
                "t.json:1: software_Package: expected a \"name\""},
        {DOC("{\"type\":\"software_Package\",\"name\":\"\",\"software_packageVersion\":\"1\"}"),
                {NULL, NULL, 0, NAME, NULL, NULL, NULL, NULL, NULL, NULL}, CVG_EPARSE,
                "t.json:1: software_Package: expected a \"name\""},
        {DOC("{\"type\":\"software_Package\",\"name\":\"a\\tb\",\"software_packageVersion\":"
             "\"1\"}"),
                {NULL, NULL, 0, NAME, NULL, NULL, NULL, NULL, NULL, NULL}, CVG_EPARSE,
                "t.json:1: software_Package 'a\\x09b': expected a name without control "
                "characters"},
        {DOC("{\"type\":\"software_Package\",\"name\":\"a\",\"software_packageVersion\":"
             "\"1\\u0000\"}"),
                {NULL, NULL, 0, NAME, NULL, NULL, NULL, NULL, NULL, NULL}, CVG_EPARSE,
                "t.json:1: expected a \"software_packageVersion\" without NUL"},
        {DOC("{\"type\":\"software_Package\",\"name\":\"a\",\"software_packageVersion\":\"1\","
             "\"externalIdentifier\":[{\"externalIdentifierType\":\"cpe23\",\"identifier\":"
             "\"cpe:2.3:a:x\"}]}"),
                {NULL, NULL, 0, NAME, NULL, NULL, NULL, NULL, NULL, NULL}, CVG_EPARSE,
                "t.json:1: expected a CPE 2.2 URI or 2.3 formatted string, found "
                "'cpe:2.3:a:x' (*"},
        {DOC("{\"type\":\"software_Package\",\"name\":\"a\",\"software_packageVersion\":\"1\","
             "\"software_packageUrl\":\"pkg:\"}"),
                {NULL, NULL, 0, NAME, NULL, NULL, NULL, NULL, NULL, NULL}, CVG_EPARSE,
                "t.json:1: expected a purl 'pkg:TYPE/NAME@VERSION', found 'pkg:' (*"},
        {DOC("{\"type\":\"software_Package\",\"name\":\"a\""),
                {NULL, NULL, 0, NAME, NULL, NULL, NULL, NULL, NULL, NULL}, CVG_EPARSE,
                "t.json:1: malformed JSON at byte *"},
        {"{\"a\":\"\xff\"}", {NULL, NULL, 0, NAME, NULL, NULL, NULL, NULL, NULL, NULL}, CVG_EPARSE,
                "t.json:1: malformed JSON at byte *"},
        {"", {NULL, NULL, 0, NAME, NULL, NULL, NULL, NULL, NULL, NULL}, CVG_EPARSE,
                "t.json:1: malformed JSON at byte *"},
};

static bool error_matches(const char *got, const char *want)
{
	size_t n = strlen(want);

	if (n > 0 && want[n - 1] == '*')
		return strncmp(got, want, n - 1) == 0;
	return strcmp(got, want) == 0;
}

static void test_vectors(void **state)
{
	(void)state;

	for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		const vec *v = &vectors[i];
		cvg_inventory *inv = NULL;
		int rc = parse(&inv, "spdx3", v->json, 0, NULL);
		if (rc != v->rc || (v->error && !error_matches(cvg_error_last(), v->error)))
			fail_msg("vector %zu: rc %d, '%s'", i, rc, rc ? cvg_error_last() : "");
		if (rc != 0) {
			assert_null(inv);
			continue;
		}
		if (v->p.name == NULL) {
			assert_int_equal(inv->npackages, 0);
		} else {
			assert_int_equal(inv->npackages, 1);
			assert_pkg(&inv->packages[0], &v->p);
		}
		cvg_inventory_free(inv);
	}
}

/* ---- Lenient reading, limits ---- */

static void test_lenient(void **state)
{
	static const char text[] = DOC(
	        "{\"type\":\"software_Package\",\"software_packageVersion\":\"1\"},"
	        "{\"type\":\"software_Package\",\"name\":\"ok\",\"software_packageVersion\":\"2\","
	        "\"externalIdentifier\":[{\"externalIdentifierType\":\"cpe23\",\"identifier\":"
	        "\"cpe:2.3:a:-:ok:2:*:*:*:*:*:*:*\"},{\"externalIdentifierType\":\"cpe23\","
	        "\"identifier\":\"cpe:2.3:a:okvendor:ok:2:*:*:*:*:*:*:*\"}]}");
	cvg_inventory *inv = NULL;
	warnings w = {0};
	(void)state;

	assert_int_equal(parse(&inv, NULL, text, CVG_INVENTORY_LENIENT, &w), 0);
	assert_string_equal(inv->format, "spdx3");
	assert_int_equal(inv->npackages, 1);
	assert_string_equal(inv->packages[0].name, "ok");
	assert_int_equal(inv->packages[0].ncpes, 1);
	assert_string_equal(inv->packages[0].cpes[0].vendor, "okvendor");
	assert_int_equal(w.n, 2);
	assert_string_equal(w.msg[0], "t.json:1: software_Package: expected a \"name\"");
	assert_string_equal(w.msg[1],
	        "t.json: 1 CPE with the vendor '-' (as 'cpe:2.3:a:-:ok:2:*:*:*:*:*:*:*') not used: "
	        "such a CPE names no product; those packages are matched by name or purl");
	cvg_inventory_free(inv);
}

static void test_limits(void **state)
{
	cvg_buf b = CVG_BUF_INIT(0);
	cvg_inventory *inv = NULL;
	warnings w = {0};
	(void)state;

	/* 64 levels are fine, 65 are refused */
	assert_int_equal(cvg__buf_puts(&b, "{" CTX ",\"x\":"), 0);
	for (int i = 0; i < 63; i++)
		assert_int_equal(cvg__buf_putc(&b, '['), 0);
	for (int i = 0; i < 63; i++)
		assert_int_equal(cvg__buf_putc(&b, ']'), 0);
	assert_int_equal(cvg__buf_putc(&b, '}'), 0);
	assert_int_equal(parse(&inv, "spdx3", b.ptr, 0, NULL), 0);
	cvg_inventory_free(inv);
	cvg__buf_clear(&b);
	assert_int_equal(cvg__buf_puts(&b, "{" CTX ",\"x\":"), 0);
	for (int i = 0; i < 64; i++)
		assert_int_equal(cvg__buf_putc(&b, '['), 0);
	assert_int_equal(parse(&inv, "spdx3", b.ptr, 0, NULL), CVG_ELIMIT);
	assert_string_equal(cvg_error_last(),
	        "t.json:1: JSON nested deeper than 64 levels; not an SPDX 3 document");

	/* a name of 4,097 bytes is a problem; 4,096 are fine */
	for (size_t n = 4096; n <= 4097; n++) {
		cvg__buf_clear(&b);
		assert_int_equal(
		        cvg__buf_puts(&b, "{" CTX ",\"@graph\":[{\"type\":"
		                          "\"software_Package\",\"software_packageVersion\":"
		                          "\"1\",\"name\":\""),
		        0);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(cvg__buf_putc(&b, 'n'), 0);
		assert_int_equal(cvg__buf_puts(&b, "\"}]}"), 0);
		w.n = 0;
		if (n == 4096) {
			assert_int_equal(parse(&inv, "spdx3", b.ptr, 0, NULL), 0);
			assert_int_equal(strlen(inv->packages[0].name), 4096);
			cvg_inventory_free(inv);
		} else {
			assert_int_equal(parse(&inv, "spdx3", b.ptr, 0, NULL), CVG_EPARSE);
			assert_true(
			        error_matches(cvg_error_last(), "t.json:1: expected a \"name\" of "
			                                        "at most 4096 bytes, found 'nnn*"));
			/* leniently: the element has no name then, a second problem */
			assert_int_equal(parse(&inv, "spdx3", b.ptr, CVG_INVENTORY_LENIENT, &w), 0);
			assert_int_equal(inv->npackages, 0);
			assert_int_equal(w.n, 2);
			cvg_inventory_free(inv);
		}
	}
	cvg__buf_dispose(&b);
}

/* ---- Auto-detection ---- */

static void test_sniff(void **state)
{
	static const struct {
		const char *text;
		int score;
	} v[] = {
	        {DOC(""), 90},
	        {"\n  " DOC(""), 90},
	        {"\xEF\xBB\xBF" DOC(""), 90},
	        /* SPDX 2 JSON and CycloneDX are not SPDX 3 */
	        {"{\"spdxVersion\":\"SPDX-2.3\",\"SPDXID\":\"SPDXRef-DOCUMENT\",\"packages\":[]}",
	                0},
	        {"{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":[]}", 0},
	        /* an SPDX 2 document mentioning the URL in a comment, without @context */
	        {"{\"comment\":\"see https://spdx.org/rdf/3.0.1/\"}", 0},
	        {"[" CTX "]", 0},
	        {"", 0},
	};
	const cvg__inv_format *f = cvg__inv_find_format("spdx3");
	(void)state;

	assert_non_null(f);
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (f->sniff(v[i].text, strlen(v[i].text)) != v[i].score)
			fail_msg("sniff vector %zu", i);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_yocto_image),
	        cmocka_unit_test(test_shapes),
	        cmocka_unit_test(test_vectors),
	        cmocka_unit_test(test_lenient),
	        cmocka_unit_test(test_limits),
	        cmocka_unit_test(test_sniff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
