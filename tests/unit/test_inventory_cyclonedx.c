/*
 * tests/unit/test_inventory_cyclonedx.c - the CycloneDX reader (JSON and
 * XML), as tables of vectors.
 *
 * Where the vectors come from:
 * - The fixtures under tests/data/inventory/cyclonedx/ are hand-written
 *   after the CycloneDX 1.4-1.6 JSON and XML schemas (bom-1.x.schema.json,
 *   bom-1.x.xsd): component fields name/version/group/cpe/purl/type/
 *   bom-ref, nested `components`, metadata.component and metadata.tools,
 *   pedigree ancestors, `dependencies` with ref/dependsOn (JSON) and nested
 *   <dependency ref> (XML). The CPEs and purls follow NISTIR 7695 and the
 *   purl specification (deb upstream= qualifier, rpm epoch=).
 * - The shape of cve-bin-tool's test SBOMs (a versionless "product"
 *   component that dependsOn the ones it found, malformed CPEs such as an
 *   empty vendor) and of Trivy's (metadata.component for the image).
 * - The hostile XML documents are the classic XXE and "billion laughs"
 *   (entity expansion) payloads.
 * - When the shared data is present (env CVG_SHARED_DATA, else
 *   ../shared/data next to the checkout), the real cve-bin-tool and Trivy
 *   SBOMs are read and counted; otherwise that test is skipped.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cvegate/inventory.h"
#include "lib/inventory/inventory_internal.h"

/* ---- Helpers ---- */

#define U CVG_VERSION_UPSTREAM
#define D CVG_VERSION_DPKG
#define R CVG_VERSION_RPM
#define NAME CVG_IDENT_NAME
#define CPE CVG_IDENT_CPE
#define PURL CVG_IDENT_PURL

typedef struct pkg {
	const char *name, *version;
	size_t line;
	cvg_ident ident;
	const char *ident_text;          /* NULL if none */
	const char *vendor, *product;    /* the first CPE product, or NULL */
	const char *cpe_version;         /* or NULL */
	const char *source, *source_ver; /* from a purl, or NULL */
	cvg_version_scheme scheme;
	bool distro;
} pkg;

static void assert_str_or_null(const char *got, const char *want, const char *what, size_t k)
{
	if (want == NULL && got == NULL)
		return;
	if (want == NULL || got == NULL || strcmp(got, want) != 0)
		fail_msg("package %zu: %s is '%s', expected '%s'", k, what, got ? got : "(null)",
		        want ? want : "(null)");
}

static void assert_packages(const cvg_inventory *inv, const pkg *want, size_t n)
{
	if (inv->npackages != n)
		fail_msg("%zu packages, expected %zu", inv->npackages, n);
	assert_string_equal(inv->format, "cyclonedx");
	for (size_t k = 0; k < n; k++) {
		const cvg_package *p = &inv->packages[k];
		const pkg *e = &want[k];
		assert_str_or_null(p->name, e->name, "name", k);
		assert_str_or_null(p->version, e->version, "version", k);
		if (p->line != e->line)
			fail_msg("package %zu (%s): line %zu, expected %zu", k, e->name, p->line,
			        e->line);
		assert_int_equal(p->ident, e->ident);
		assert_str_or_null(p->ident_text, e->ident_text, "ident_text", k);
		if (e->vendor) {
			assert_int_equal(p->ncpes, 1);
			assert_str_or_null(p->cpes[0].vendor, e->vendor, "vendor", k);
			assert_str_or_null(p->cpes[0].product, e->product, "product", k);
		} else {
			assert_int_equal(p->ncpes, 0);
		}
		assert_str_or_null(p->cpe_version, e->cpe_version, "cpe_version", k);
		assert_str_or_null(p->source, e->source, "source", k);
		assert_str_or_null(p->source_version, e->source_ver, "source_version", k);
		assert_int_equal(p->scheme, e->scheme);
		assert_int_equal(p->distro, e->distro);
		assert_null(p->arch);
	}
}

/* The message after "DIR/" (fixture paths are absolute). */
static const char *after_dir(const char *msg)
{
	const char *s = strstr(msg, "cyclonedx/");

	return s ? s + strlen("cyclonedx/") : msg;
}

static const char *const skipped_type_1 =
        ": 1 component of type file, data, machine-learning-model or cryptographic-asset "
        "without a cpe or purl skipped";

/* ---- Fixtures that read ---- */

static const pkg nested_json[] = {
        {"acme-router-fw", "2.4.1", 12, CPE, "cpe:2.3:o:acme:router_firmware:2.4.1:*:*:*:*:*:*:*",
                "acme", "router_firmware", "2.4.1", NULL, NULL, U, false},
        {"libssl3", "3.0.11-1~deb12u2", 21, CPE, "cpe:2.3:a:openssl:openssl:3.0.11:*:*:*:*:*:*:*",
                "openssl", "openssl", "3.0.11", NULL, NULL, U, false},
        {"zlib1g", "1:1.2.13.dfsg-1", 36, PURL,
                "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?upstream=zlib", NULL, NULL, NULL, "zlib",
                "1:1.2.13.dfsg-1", D, true},
        {"busybox", "", 47, CPE, "cpe:/a:busybox:busybox:1.36.1", "busybox", "busybox", "1.36.1",
                NULL, NULL, U, false},
        {"tzdata", "2024a", 57, PURL, "pkg:generic/tzdata@2024a", NULL, NULL, NULL, "tzdata",
                "2024a", U, false},
        {"debian", "12.5", 65, NAME, NULL, NULL, NULL, NULL, NULL, NULL, U, false},
};

static const pkg nested_xml[] = {
        {"curl", "8.5.0", 15, CPE, "cpe:2.3:a:haxx:curl:8.5.0:*:*:*:*:*:*:*", "haxx", "curl",
                "8.5.0", NULL, NULL, U, false},
        {"AT&T lib", "1.0", 25, NAME, NULL, NULL, NULL, NULL, NULL, NULL, U, false},
        {"u-boot", "2023.10", 31, PURL, "pkg:generic/u-boot@2023.10", NULL, NULL, NULL, "u-boot",
                "2023.10", U, false},
};

static void test_nested(void **state)
{
	static const struct {
		const char *file;
		const pkg *p;
		size_t n;
	} v[] = {
	        {"nested.json", nested_json, sizeof(nested_json) / sizeof(nested_json[0])},
	        {"nested.xml", nested_xml, sizeof(nested_xml) / sizeof(nested_xml[0])},
	};
	(void)state;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char rel[256], want[256];
		char *path;

		snprintf(rel, sizeof(rel), "inventory/cyclonedx/%s", v[i].file);
		path = data_path(rel);
		/* by name, by detection, and leniently: the same packages */
		for (int pass = 0; pass < 3; pass++) {
			cvg_inventory *inv = NULL;
			warnings w = {0};
			int rc = cvg_inventory_load(&inv, path, pass == 1 ? NULL : "cyclonedx",
			        pass == 2 ? CVG_INVENTORY_LENIENT : 0, collect, &w);

			if (rc != 0)
				fail_msg("%s: %s", v[i].file, cvg_error_last());
			assert_packages(inv, v[i].p, v[i].n);
			assert_int_equal(w.n, 2);
			snprintf(want, sizeof(want), "%s%s", v[i].file, skipped_type_1);
			assert_string_equal(after_dir(w.msg[0]), want);
			snprintf(want, sizeof(want),
			        "%s: 2 components without a version that only group others skipped",
			        v[i].file);
			assert_string_equal(after_dir(w.msg[1]), want);
			cvg_inventory_free(inv);
		}
		free(path);
	}
}

/* ---- Fixtures that fail, strictly and leniently ---- */

static void test_refused(void **state)
{
	static const struct {
		const char *file;
		int code;
		const char *message;   /* strict, after the directory */
		const char *lenient;   /* NULL: the same error leniently */
		size_t nwarn;          /* lenient: warnings */
		const char *last_warn; /* lenient: the last warning, after the directory */
		size_t npkg;           /* lenient: packages read */
	} v[] = {
	        {"xxe.xml", CVG_EPARSE,
	                "xxe.xml:2: DOCTYPE not allowed in a CycloneDX BOM (DTDs and entity "
	                "declarations are refused)",
	                NULL, 0, NULL, 0},
	        {"billion-laughs.xml", CVG_EPARSE,
	                "billion-laughs.xml:2: DOCTYPE not allowed in a CycloneDX BOM (DTDs and "
	                "entity declarations are refused)",
	                NULL, 0, NULL, 0},
	        {"undeclared-entity.xml", CVG_EPARSE,
	                "undeclared-entity.xml:5: Entity 'xxe' not defined", NULL, 0, NULL, 0},
	        {"deep-components.json", CVG_ELIMIT,
	                "deep-components.json:34: components nested deeper than 32 levels", NULL, 0,
	                NULL, 0},
	        {"bad-cpe.json", CVG_EPARSE,
	                "bad-cpe.json:11: expected a CPE 2.2 URI or 2.3 formatted string, found "
	                "'cpe:2.3:a:libexpat_project::2.5.0:*:*:*:*:*:*:*' (CPE name: expected a "
	                "value in the product attribute, found an empty attribute)",
	                "", 3,
	                "bad-cpe.json:17: component 'jpeg' has no version; expected a \"version\" "
	                "or a CPE with a version",
	                3},
	        {"no-version.json", CVG_EPARSE,
	                "no-version.json:4: component 'xz' has no version; expected a \"version\" "
	                "or a CPE with a version",
	                "", 4,
	                "no-version.json:3: component 'lz4' has no version; expected a "
	                "\"version\" or a CPE with a version",
	                1},
	};
	(void)state;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char rel[256];
		char *path;
		cvg_inventory *inv = NULL;
		warnings w = {0};
		int rc;

		snprintf(rel, sizeof(rel), "inventory/cyclonedx/%s", v[i].file);
		path = data_path(rel);
		rc = cvg_inventory_load(&inv, path, "cyclonedx", 0, collect, &w);
		if (rc != v[i].code)
			fail_msg("%s: rc %d (%s)", v[i].file, rc, rc ? cvg_error_last() : "");
		assert_null(inv);
		assert_string_equal(after_dir(cvg_error_last()), v[i].message);
		assert_int_equal(w.n, 0);
		/* leniently */
		rc = cvg_inventory_load(&inv, path, NULL, CVG_INVENTORY_LENIENT, collect, &w);
		if (v[i].lenient == NULL) {
			assert_int_equal(rc, v[i].code);
			assert_string_equal(after_dir(cvg_error_last()), v[i].message);
			assert_int_equal(w.n, 0);
		} else {
			if (rc != 0)
				fail_msg("%s: %s", v[i].file, cvg_error_last());
			assert_int_equal(w.n, v[i].nwarn);
			assert_string_equal(after_dir(w.msg[0]), v[i].message);
			assert_string_equal(after_dir(w.msg[w.n - 1]), v[i].last_warn);
			assert_int_equal(inv->npackages, v[i].npkg);
			cvg_inventory_free(inv);
		}
		free(path);
	}
}

/* Lenient reading keeps a component whose CPE or purl is malformed, by
 * its name and version; one whose only version was in the CPE is dropped. */
static void test_lenient_packages(void **state)
{
	static const pkg bad_cpe[] = {
	        {"zlib", "1.3", 5, CPE, "cpe:/a:zlib:zlib:1.3", "zlib", "zlib", "1.3", NULL, NULL,
	                U, false},
	        {"expat", "2.5.0", 11, NAME, NULL, NULL, NULL, NULL, NULL, NULL, U, false},
	        {"pcre2", "10.42", 22, PURL, "pkg:deb//pcre2@10.42", NULL, NULL, NULL, "pcre2",
	                "10.42", D, false},
	};
	char *path = data_path("inventory/cyclonedx/bad-cpe.json");
	cvg_inventory *inv = NULL;
	warnings w = {0};
	(void)state;

	assert_int_equal(
	        cvg_inventory_load(&inv, path, "cyclonedx", CVG_INVENTORY_LENIENT, collect, &w), 0);
	assert_packages(inv, bad_cpe, 3);
	assert_string_equal(after_dir(w.msg[1]),
	        "bad-cpe.json:17: expected a CPE 2.2 URI or 2.3 formatted string, found "
	        "'cpe:2.3:a:ijg:*:9e:*:*:*:*:*:*:*' (its product must be a concrete name and its "
	        "vendor a name or '*', not '-' or a wildcard)");
	cvg_inventory_free(inv);
	free(path);
}

/* ---- Documents in memory ---- */

typedef struct doc {
	const char *text;
	int code;            /* strict */
	const char *message; /* strict: the error, or the first warning leniently */
	size_t npkg;         /* packages read (strict when code is 0, else lenient) */
} doc;

static void run_docs(const doc *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		cvg_inventory *inv = NULL;
		warnings w = {0};
		int rc = cvg__inventory_parse(
		        &inv, v[i].text, strlen(v[i].text), "mem.cdx", "cyclonedx", 0, collect, &w);

		if (rc != v[i].code)
			fail_msg("doc %zu: rc %d, expected %d (%s)", i, rc, v[i].code,
			        rc ? cvg_error_last() : "");
		if (rc == 0) {
			assert_int_equal(inv->npackages, v[i].npkg);
			if (v[i].message) {
				assert_true(w.n > 0);
				assert_string_equal(w.msg[0], v[i].message);
			}
			cvg_inventory_free(inv);
			continue;
		}
		if (strcmp(cvg_error_last(), v[i].message) != 0)
			fail_msg("doc %zu: '%s'", i, cvg_error_last());
		if (v[i].code == CVG_EPARSE && v[i].npkg != (size_t)-1) {
			/* a problem of one component: leniently, a warning */
			w.n = 0;
			rc = cvg__inventory_parse(&inv, v[i].text, strlen(v[i].text), "mem.cdx",
			        "cyclonedx", CVG_INVENTORY_LENIENT, collect, &w);
			if (rc != 0)
				fail_msg("doc %zu leniently: %s", i, cvg_error_last());
			assert_int_equal(inv->npackages, v[i].npkg);
			assert_true(w.n > 0);
			assert_string_equal(w.msg[0], v[i].message);
			cvg_inventory_free(inv);
		}
	}
}

#define HEAD "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":["
#define DOC_LEVEL (size_t) - 1 /* a document-level error: lenient fails too */

static void test_json_docs(void **state)
{
	static const doc v[] = {
	        /* the smallest BOM, and one with a byte order mark */
	        {"{\"bomFormat\":\"CycloneDX\"}", 0, NULL, 0},
	        {"\xEF\xBB\xBF" HEAD "{\"name\":\"a\",\"version\":\"1\"}]}", 0, NULL, 1},
	        /* keys in any order, nested components before the later cpe */
	        {HEAD "{\"components\":[{\"name\":\"in\",\"version\":\"2\"}],\"name\":\"out\","
	              "\"cpe\":\"cpe:/a:v:p:3\"}]}",
	                0, NULL, 2},
	        /* unknown types are read; ignored keys may hold anything */
	        {HEAD "{\"type\":\"quantum-widget\",\"name\":\"q\",\"version\":\"1\","
	              "\"properties\":[{\"name\":\"x\",\"value\":[1,2.5e3,true,null,{}]}]}]}",
	                0, NULL, 1},
	        /* machine-learning-model without identity: skipped */
	        {HEAD "{\"type\":\"machine-learning-model\",\"name\":\"m\",\"version\":\"1\"}]}", 0,
	                "mem.cdx: 1 component of type file, data, machine-learning-model or "
	                "cryptographic-asset without a cpe or purl skipped",
	                0},
	        /* metadata.component without an identity is not read; with one it is */
	        {"{\"bomFormat\":\"CycloneDX\",\"metadata\":{\"component\":{\"name\":\"img\","
	         "\"version\":\"1\"}}}",
	                0, NULL, 0},
	        {"{\"bomFormat\":\"CycloneDX\",\"metadata\":{\"component\":{\"name\":\"img\","
	         "\"version\":\"1\",\"purl\":\"pkg:generic/img@1\"}}}",
	                0, NULL, 1},
	        /* a versionless ref not in dependencies, or with an empty dependsOn */
	        {HEAD "{\"bom-ref\":\"r\",\"name\":\"g\"}],\"dependencies\":[{\"ref\":\"r\","
	              "\"dependsOn\":[]}]}",
	                CVG_EPARSE,
	                "mem.cdx:1: component 'g' has no version; expected a \"version\" or a CPE "
	                "with a version",
	                0},
	        {HEAD "{\"bom-ref\":\"r\",\"name\":\"g\"}],\"dependencies\":[{\"dependsOn\":[\"x\"]"
	              ","
	              "\"ref\":\"r\"}]}",
	                0, "mem.cdx: 1 component without a version that only group others skipped",
	                0},
	        /* not strings where strings belong */
	        {HEAD "{\"name\":[\"a\"],\"version\":\"1\"}]}", CVG_EPARSE,
	                "mem.cdx:1: component '': expected a string for \"name\"", 0},
	        {HEAD "{\"name\":\"a\",\"version\":\"1\",\"cpe\":null}]}", CVG_EPARSE,
	                "mem.cdx:1: component 'a': expected a string for \"cpe\"", 0},
	        /* lines: the component's opening brace */
	        {HEAD "\n\n{\"name\":\"a\",\n\"version\":\"\"}]}", CVG_EPARSE,
	                "mem.cdx:3: component 'a' has no version; expected a \"version\" or a CPE "
	                "with a version",
	                0},
	        /* document-level errors */
	        {"[]", CVG_EPARSE, "mem.cdx:1: expected a CycloneDX BOM (a JSON object)",
	                DOC_LEVEL},
	        {"{\"spdxVersion\":\"SPDX-2.3\"}", CVG_EPARSE,
	                "mem.cdx:1: expected a CycloneDX BOM: no \"bomFormat\": \"CycloneDX\" in "
	                "the "
	                "top-level object",
	                DOC_LEVEL},
	        {"{\"bomFormat\":\"SPDX\"}", CVG_EPARSE,
	                "mem.cdx:1: expected \"bomFormat\": \"CycloneDX\", found 'SPDX'",
	                DOC_LEVEL},
	        {"{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"2.0\"}", CVG_EUNSUPPORTED,
	                "mem.cdx:1: CycloneDX specVersion '2.0' is not supported (1.x is read)",
	                DOC_LEVEL},
	        {HEAD "\n{\"name\":\"a\",}]}", CVG_EPARSE,
	                "mem.cdx:2: malformed JSON at byte 73: parse error: invalid object key "
	                "(must "
	                "be a string)",
	                DOC_LEVEL},
	        {HEAD "\n{\"name\":\"a\"", CVG_EPARSE,
	                "mem.cdx:2: malformed JSON at byte 71: parse error: premature EOF",
	                DOC_LEVEL},
	        {"{\"bomFormat\":\"CycloneDX\",\"x\":\"\xC3\x28\"}", CVG_EPARSE,
	                "mem.cdx:1: malformed JSON at byte 32: lexical error: invalid bytes in "
	                "UTF8 "
	                "string.",
	                DOC_LEVEL},
	        {"bomFormat: CycloneDX", CVG_EPARSE,
	                "mem.cdx:1: expected a CycloneDX BOM in JSON ('{') or XML ('<')",
	                DOC_LEVEL},
	};
	(void)state;

	run_docs(v, sizeof(v) / sizeof(v[0]));
}

static void test_xml_docs(void **state)
{
	static const doc v[] = {
	        {"<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"/>", 0, NULL, 0},
	        /* a prefixed namespace, a 1.3 BOM; <version> before <name> */
	        {"<c:bom xmlns:c=\"http://cyclonedx.org/schema/bom/1.3\"><c:components>"
	         "<c:component type=\"library\"><c:version>1</c:version><c:name>x</c:name>"
	         "</c:component></c:components></c:bom>",
	                0, NULL, 1},
	        /* elements of the BOM's namespace only */
	        {"<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"><components>"
	         "<component xmlns=\"urn:other\"><name>x</name><version>1</version></component>"
	         "</components></bom>",
	                0, NULL, 0},
	        /* a BOM quoting a SWID tag is still a BOM */
	        {"<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\"><components><component "
	         "type=\"library\"><name>x</name><version>1</version><swid tagId=\"t\" name=\"x\">"
	         "<text>&lt;SoftwareIdentity name=\"x\"/&gt;</text></swid></component>"
	         "</components></bom>",
	                0, NULL, 1},
	        {"<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components>\n"
	         "<component type=\"library\"><name>x</name></component></components></bom>",
	                CVG_EPARSE,
	                "mem.cdx:2: component 'x' has no version; expected a \"version\" or a CPE "
	                "with a version",
	                0},
	        {"<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components>\n"
	         "<component><name>x</name><version>1</version><cpe>cpe:/a:*:x:1</cpe>"
	         "</component></components></bom>",
	                CVG_EPARSE,
	                "mem.cdx:2: expected a CPE 2.2 URI or 2.3 formatted string, found "
	                "'cpe:/a:*:x:1' (CPE URI: expected '%02' or '%01' for a wildcard in the "
	                "vendor attribute, found '*')",
	                1},
	        /* document-level errors */
	        {"<SoftwareIdentity "
	         "xmlns=\"http://standards.iso.org/iso/19770/-2/2015/schema.xsd\"/>",
	                CVG_EPARSE,
	                "mem.cdx:1: expected a CycloneDX <bom> root element in namespace "
	                "http://cyclonedx.org/schema/bom/1.x, found <SoftwareIdentity> in "
	                "namespace "
	                "'http://standards.iso.org/iso/19770/-2/2015/schema.xsd'",
	                DOC_LEVEL},
	        {"<bom xmlns=\"http://cyclonedx.org/schema/bom/2.0\"/>", CVG_EPARSE,
	                "mem.cdx:1: expected a CycloneDX <bom> root element in namespace "
	                "http://cyclonedx.org/schema/bom/1.x, found <bom> in namespace "
	                "'http://cyclonedx.org/schema/bom/2.0'",
	                DOC_LEVEL},
	        {"<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">\n<components>\n</bom>",
	                CVG_EPARSE,
	                "mem.cdx:3: Opening and ending tag mismatch: components line 2 and bom",
	                DOC_LEVEL},
	        {"<!DOCTYPE bom SYSTEM \"http://example.com/bom.dtd\">\n"
	         "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"/>",
	                CVG_EPARSE,
	                "mem.cdx:1: DOCTYPE not allowed in a CycloneDX BOM (DTDs and entity "
	                "declarations are refused)",
	                DOC_LEVEL},
	};
	(void)state;

	run_docs(v, sizeof(v) / sizeof(v[0]));
}

/* ---- Limits, built in memory ---- */

static char *nested_json_doc(int levels)
{
	size_t cap = 200 + (size_t)levels * 80;
	char *s = malloc(cap);
	size_t n = 0;

	assert_non_null(s);
	n += (size_t)snprintf(s + n, cap - n, HEAD);
	for (int i = 0; i < levels; i++)
		n += (size_t)snprintf(s + n, cap - n,
		        "{\"name\":\"l%d\",\"version\":\"%d\",\"components\":[", i + 1, i + 1);
	for (int i = 0; i < levels; i++)
		n += (size_t)snprintf(s + n, cap - n, "]}");
	snprintf(s + n, cap - n, "]}");
	return s;
}

static char *nested_xml_doc(int levels)
{
	size_t cap = 200 + (size_t)levels * 120;
	char *s = malloc(cap);
	size_t n = 0;

	assert_non_null(s);
	n += (size_t)snprintf(
	        s + n, cap - n, "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components>");
	for (int i = 0; i < levels; i++)
		n += (size_t)snprintf(s + n, cap - n,
		        "<component><name>l%d</name><version>1</version><components>", i + 1);
	for (int i = 0; i < levels; i++)
		n += (size_t)snprintf(s + n, cap - n, "</components></component>");
	snprintf(s + n, cap - n, "</components></bom>");
	return s;
}

static void test_limits(void **state)
{
	cvg_inventory *inv = NULL;
	char *s;
	size_t n;
	(void)state;

	/* 32 levels of components read, 33 are refused, in JSON and XML */
	for (int xml = 0; xml < 2; xml++) {
		s = xml ? nested_xml_doc(32) : nested_json_doc(32);
		assert_int_equal(
		        cvg__inventory_parse(&inv, s, strlen(s), "m", NULL, 0, NULL, NULL), 0);
		assert_int_equal(inv->npackages, 32);
		assert_string_equal(inv->packages[0].name, "l32"); /* innermost first */
		assert_string_equal(inv->packages[31].name, "l1");
		cvg_inventory_free(inv);
		free(s);
		s = xml ? nested_xml_doc(33) : nested_json_doc(33);
		assert_int_equal(cvg__inventory_parse(&inv, s, strlen(s), "m", "cyclonedx",
		                         CVG_INVENTORY_LENIENT, NULL, NULL),
		        CVG_ELIMIT);
		assert_string_equal(
		        cvg_error_last(), "m:1: components nested deeper than 32 levels");
		free(s);
	}

	/* JSON nesting anywhere: 100 levels read, 101 refused */
	s = malloc(400);
	assert_non_null(s);
	for (int depth = 100; depth <= 101; depth++) {
		n = (size_t)snprintf(s, 400, "{\"bomFormat\":\"CycloneDX\",\"x\":");
		for (int i = 1; i < depth; i++)
			s[n++] = '[';
		for (int i = 1; i < depth; i++)
			s[n++] = ']';
		s[n++] = '}';
		s[n] = '\0';
		if (depth == 100) {
			assert_int_equal(
			        cvg__inventory_parse(&inv, s, n, "m", "cyclonedx", 0, NULL, NULL),
			        0);
			cvg_inventory_free(inv);
		} else {
			assert_int_equal(
			        cvg__inventory_parse(&inv, s, n, "m", "cyclonedx", 0, NULL, NULL),
			        CVG_ELIMIT);
			assert_string_equal(
			        cvg_error_last(), "m:1: JSON nested deeper than 100 levels");
		}
	}
	free(s);

	/* XML elements: 100 levels read, 101 refused */
	s = malloc(2000);
	assert_non_null(s);
	for (int depth = 100; depth <= 101; depth++) {
		n = (size_t)snprintf(
		        s, 2000, "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">");
		for (int i = 1; i < depth; i++)
			n += (size_t)snprintf(s + n, 2000 - n, "<a>");
		for (int i = 1; i < depth; i++)
			n += (size_t)snprintf(s + n, 2000 - n, "</a>");
		n += (size_t)snprintf(s + n, 2000 - n, "</bom>");
		if (depth == 100) {
			assert_int_equal(
			        cvg__inventory_parse(&inv, s, n, "m", "cyclonedx", 0, NULL, NULL),
			        0);
			cvg_inventory_free(inv);
		} else {
			assert_int_equal(
			        cvg__inventory_parse(&inv, s, n, "m", "cyclonedx", 0, NULL, NULL),
			        CVG_ELIMIT);
			assert_string_equal(cvg_error_last(),
			        "m:1: XML elements nested deeper than 100 levels");
		}
	}
	free(s);
}

/* The kept-value limit, with a buffer sized for it. */
static void test_value_limit(void **state)
{
	(void)state;
	for (size_t len = 65536; len <= 65537; len++) {
		size_t cap = 2 * len + 400, n;
		char *s = malloc(cap);
		cvg_inventory *inv = NULL;
		warnings w = {0};
		int rc;

		assert_non_null(s);
		n = (size_t)snprintf(s, cap, HEAD "{\"version\":\"1\",\"description\":\"");
		memset(s + n, 'd', len + 10); /* not kept: no limit but the file's */
		n += len + 10;
		n += (size_t)snprintf(s + n, cap - n, "\",\"name\":\"");
		memset(s + n, 'a', len);
		n += len;
		n += (size_t)snprintf(s + n, cap - n, "\"}]}");
		rc = cvg__inventory_parse(
		        &inv, s, n, "m", "cyclonedx", CVG_INVENTORY_LENIENT, collect, &w);
		assert_int_equal(rc, 0);
		if (len == 65536) {
			assert_int_equal(inv->npackages, 1);
			assert_int_equal(strlen(inv->packages[0].name), len);
			assert_int_equal(w.n, 0);
		} else {
			assert_int_equal(inv->npackages, 0);
			assert_int_equal(w.n, 1);
			assert_non_null(strstr(w.msg[0], "': its name is longer than 65536 bytes"));
			assert_memory_equal(w.msg[0], "m:1: component 'aaa", 19);
		}
		cvg_inventory_free(inv);
		free(s);
	}
}

/* An XML BOM over 10 MB: libxml2's push parser refuses a lookahead that
 * long, so the reader feeds it in chunks; every component is read, also
 * those cut by a chunk boundary. */
static void test_large_xml(void **state)
{
	const size_t count = 60000, cap = count * 200 + 200;
	char *s = malloc(cap);
	cvg_inventory *inv = NULL;
	size_t n;
	(void)state;

	assert_non_null(s);
	n = (size_t)snprintf(
	        s, cap, "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"><components>\n");
	for (size_t i = 0; i < count; i++)
		n += (size_t)snprintf(s + n, cap - n,
		        "<component type=\"library\"><name>package-number-%zu</name><version>1.%zu"
		        "</version><cpe>cpe:2.3:a:vendor:package-number-%zu:1.%zu:*:*:*:*:*:*:*</"
		        "cpe>"
		        "</component>\n",
		        i, i, i, i);
	n += (size_t)snprintf(s + n, cap - n, "</components></bom>\n");
	assert_true(n > 10u * 1000 * 1000);
	assert_int_equal(cvg__inventory_parse(&inv, s, n, "m", NULL, 0, NULL, NULL), 0);
	assert_int_equal(inv->npackages, count);
	assert_string_equal(inv->packages[count - 1].name, "package-number-59999");
	assert_string_equal(inv->packages[count - 1].cpe_version, "1.59999");
	assert_int_equal(inv->packages[count - 1].line, count + 1);
	cvg_inventory_free(inv);
	free(s);
}

/* ---- Detection ---- */

static void test_sniff(void **state)
{
	static const struct {
		const char *text;
		int score;
	} v[] = {
	        {"{\"bomFormat\":\"CycloneDX\"}", 100},
	        {"\xEF\xBB\xBF  {\n  \"specVersion\": \"1.5\",\n  \"bomFormat\" :\t\"CycloneDX\"}",
	                100},
	        {"{\"bomFormat\":\"SPDX\"}", 0},
	        {"{\"spdxVersion\":\"SPDX-2.3\"}", 0},
	        {"{\"x\":\"bomFormat\", \"y\": \"CycloneDX\"}", 0},
	        {"<?xml version=\"1.0\"?><bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\"/>",
	                100},
	        {"<SoftwareIdentity name=\"x\" version=\"1\"/>", 0},
	        {"busybox 1.36.1", 0},
	        {"", 0},
	};
	(void)state;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (cvg__inv_cyclonedx.sniff(v[i].text, strlen(v[i].text)) != v[i].score)
			fail_msg("sniff %zu: %d", i,
			        cvg__inv_cyclonedx.sniff(v[i].text, strlen(v[i].text)));
}

/* ---- The real samples (../shared/data), when present ---- */

static void test_real_samples(void **state)
{
	static const struct {
		const char *file;
		int code;                 /* strictly */
		size_t line;              /* of the error */
		size_t npkg;              /* strictly, or leniently when code != 0 */
		size_t nwarn;             /* warnings leniently */
		const char *first, *last; /* names of the first and last package */
	} v[] = {
	        {"cve-bin-tool/cyclonedx_test.json", 0, 0, 3, 0, "Acme Application", "glibc"},
	        {"cve-bin-tool/cyclonedx_test2.json", 0, 0, 5, 0, "Acme Application", "boot-prom"},
	        {"cve-bin-tool/cyclonedx_mixed_test.json", 0, 0, 4, 0, "Acme Application",
	                "invalid_purl_package"},
	        {"cve-bin-tool/cyclonedx_test.xml", 0, 0, 3, 0, "Acme Application", "glibc"},
	        {"cve-bin-tool/cyclonedx_ext_ref_priority.json", 0, 0, 4, 1, "libjpeg-3", "zlib"},
	        {"cve-bin-tool/test_triage_cyclonedx_sbom.json", 0, 0, 2, 1, "archive", "dio"},
	        {"cve-bin-tool/cyclonedx_bad_cpe22.json", CVG_EPARSE, 30, 4, 4, "libjpeg-novendor",
	                "zlib"},
	        {"cve-bin-tool/cyclonedx_bad_cpe23.json", CVG_EPARSE, 30, 4, 4, "libjpeg-novendor",
	                "zlib"},
	        {"cve-bin-tool/cyclonedx_bad_purl.json", CVG_EPARSE, 40, 4, 2, "libjpeg-novendor",
	                "zlib"},
	        {"trivy/centos-7-cyclonedx.json", 0, 0, 3, 0, "bash", "centos"},
	};
	char *probe = shared_data_path("pkglists/sbom/cve-bin-tool/cyclonedx_test.json");
	(void)state;

	if (probe == NULL)
		skip();
	free(probe);
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char rel[256];
		char *path;
		cvg_inventory *inv = NULL;
		warnings w = {0};
		int rc;

		snprintf(rel, sizeof(rel), "pkglists/sbom/%s", v[i].file);
		path = shared_data_path(rel);
		assert_non_null(path);
		rc = cvg_inventory_load(&inv, path, NULL, 0, collect, &w);
		if (rc != v[i].code)
			fail_msg("%s: rc %d (%s)", v[i].file, rc, rc ? cvg_error_last() : "");
		if (rc != 0) {
			char want[64];
			snprintf(want, sizeof(want), ".json:%zu: expected a ", v[i].line);
			if (strstr(cvg_error_last(), want) == NULL)
				fail_msg("%s: %s", v[i].file, cvg_error_last());
			w.n = 0;
			rc = cvg_inventory_load(
			        &inv, path, NULL, CVG_INVENTORY_LENIENT, collect, &w);
			assert_int_equal(rc, 0);
		}
		if (inv->npackages != v[i].npkg || (size_t)w.n != v[i].nwarn)
			fail_msg("%s: %zu packages, %d warnings", v[i].file, inv->npackages, w.n);
		assert_string_equal(inv->format, "cyclonedx");
		assert_string_equal(inv->packages[0].name, v[i].first);
		assert_string_equal(inv->packages[inv->npackages - 1].name, v[i].last);
		cvg_inventory_free(inv);
		free(path);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_nested),
	        cmocka_unit_test(test_refused),
	        cmocka_unit_test(test_lenient_packages),
	        cmocka_unit_test(test_json_docs),
	        cmocka_unit_test(test_xml_docs),
	        cmocka_unit_test(test_limits),
	        cmocka_unit_test(test_value_limit),
	        cmocka_unit_test(test_large_xml),
	        cmocka_unit_test(test_sniff),
	        cmocka_unit_test(test_real_samples),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
