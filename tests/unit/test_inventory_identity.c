/*
 * tests/unit/test_inventory_identity.c - what an SBOM entry says it is:
 * CPEs, purls and plain vendor:product names recorded on a package
 * (lib/inventory/identity.c). The purls are the shapes real SBOMs carry:
 * Trivy's CentOS 7 CycloneDX (rpm with an epoch qualifier), syft's Debian
 * ones (deb with "upstream"), Yocto's pkg:yocto with a PV qualifier.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cvegate/error.h"
#include "lib/inventory/inventory_internal.h"
#include "test_helpers.h"

typedef enum kind { CPE, PURL, PRODUCT } kind;

typedef struct ident_vec {
	kind kind;
	const char *text; /* the CPE, purl or "vendor:product" */
	bool distro;      /* the format's default */
	int rc;           /* without CVG_INVENTORY_LENIENT */
	cvg_ident ident;  /* after */
	const char *cpes; /* "vendor:product ..." */
	const char *cpe_version;
	const char *source, *source_version;
	cvg_version_scheme scheme;
	bool is_distro;
	const char *message; /* for a refused one */
} ident_vec;

static const ident_vec vecs[] = {
        {CPE, "cpe:2.3:a:openssl:openssl:1.0.1f:*:*:*:*:*:*:*", false, 0, CVG_IDENT_CPE,
                "openssl:openssl", "1.0.1f", NULL, NULL, CVG_VERSION_OPKG, false, NULL},
        {CPE, "cpe:/a:gnu:bash:4.3", false, 0, CVG_IDENT_CPE, "gnu:bash", "4.3", NULL, NULL,
                CVG_VERSION_OPKG, false, NULL},
        /* an escaped vendor is stored unescaped; ANY version leaves the listed one */
        {CPE, "cpe:2.3:a:node\\.js:node\\.js:*:*:*:*:*:*:*:*", false, 0, CVG_IDENT_CPE,
                "node.js:node.js", NULL, NULL, NULL, CVG_VERSION_OPKG, false, NULL},
        /* "*" as vendor (Yocto's CVE_PRODUCT without a vendor): any vendor */
        {CPE, "cpe:2.3:*:*:busybox:1.36.1:*:*:*:*:*:*:*", false, 0, CVG_IDENT_CPE, "*:busybox",
                "1.36.1", NULL, NULL, CVG_VERSION_OPKG, false, NULL},
        {CPE, "cpe:2.3:a:-:busybox:1.36.1:*:*:*:*:*:*:*", false, CVG_EPARSE, CVG_IDENT_NAME, "",
                NULL, NULL, NULL, CVG_VERSION_OPKG, false,
                "f.json:7: expected a CPE 2.2 URI or 2.3 formatted string, found "
                "'cpe:2.3:a:-:busybox:1.36.1:*:*:*:*:*:*:*' (its product must be a concrete "
                "name and its vendor a name or '*', not '-' or a wildcard)"},
        {CPE, "cpe:2.3:a:busybox:bu*:1.36.1:*:*:*:*:*:*:*", false, CVG_EPARSE, CVG_IDENT_NAME, "",
                NULL, NULL, NULL, CVG_VERSION_OPKG, false,
                "f.json:7: expected a CPE 2.2 URI or 2.3 formatted string, found "
                "'cpe:2.3:a:busybox:bu*:1.36.1:*:*:*:*:*:*:*' (its product must be a concrete "
                "name and its vendor a name or '*', not '-' or a wildcard)"},
        {CPE, "cpe:2.3:a:busybox:busybox", false, CVG_EPARSE, CVG_IDENT_NAME, "", NULL, NULL, NULL,
                CVG_VERSION_OPKG, false,
                "f.json:7: expected a CPE 2.2 URI or 2.3 formatted string, found "
                "'cpe:2.3:a:busybox:busybox' (CPE name: expected 11 attributes after "
                "\"cpe:2.3:\", found 3)"},
        {PURL, "pkg:rpm/centos/openssl-libs@1.0.2k-16.el7?arch=x86_64&epoch=1&distro=centos-7",
                false, 0, CVG_IDENT_PURL, "", NULL, "openssl-libs", "1:1.0.2k-16.el7",
                CVG_VERSION_RPM, true, NULL},
        {PURL, "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&upstream=openssl", false, 0,
                CVG_IDENT_PURL, "", NULL, "openssl", "3.0.11-1~deb12u2", CVG_VERSION_DPKG, true,
                NULL},
        {PURL, "pkg:deb/debian/libc6@2.36-9?upstream=glibc%402.36-9%2Bdeb12u4", false, 0,
                CVG_IDENT_PURL, "", NULL, "glibc", "2.36-9+deb12u4", CVG_VERSION_DPKG, true, NULL},
        {PURL, "pkg:yocto/openembedded-core/busybox@a1b2c3d?PV=1.36.1", false, 0, CVG_IDENT_PURL,
                "", NULL, "busybox", "1.36.1", CVG_VERSION_UPSTREAM, false, NULL},
        {PURL, "pkg:generic/zlib@1.2.13", false, 0, CVG_IDENT_PURL, "", NULL, "zlib", "1.2.13",
                CVG_VERSION_UPSTREAM, false, NULL},
        /* the format says distribution (an opkg status file): a purl keeps it */
        {PURL, "pkg:generic/zlib@1.2.13", true, 0, CVG_IDENT_PURL, "", NULL, "zlib", "1.2.13",
                CVG_VERSION_UPSTREAM, true, NULL},
        {PURL, "pkg:deb/debian/curl@7%", false, CVG_EPARSE, CVG_IDENT_NAME, "", NULL, NULL, NULL,
                CVG_VERSION_OPKG, false,
                "f.json:7: expected a purl 'pkg:TYPE/NAME@VERSION', found "
                "'pkg:deb/debian/curl@7%' (purl: expected two hex digits after '%' in the "
                "version)"},
        {PRODUCT, "haxx:curl", false, 0, CVG_IDENT_CPE, "haxx:curl", NULL, NULL, NULL,
                CVG_VERSION_OPKG, false, NULL},
        {PRODUCT, "haxx:cu*rl", false, CVG_EPARSE, CVG_IDENT_NAME, "", NULL, NULL, NULL,
                CVG_VERSION_OPKG, false,
                "f.json:7: expected vendor:product, found 'haxx:cu*rl' (both must be non-empty "
                "names without spaces, '*' or '?')"},
};

static int apply(cvg__inv_ctx *ctx, const ident_vec *v)
{
	size_t n = strlen(v->text);

	switch (v->kind) {
	case CPE:
		return cvg__inv_set_cpe(ctx, v->text, n, 7);
	case PURL:
		return cvg__inv_set_purl(ctx, v->text, n, 7);
	case PRODUCT: {
		const char *colon = strchr(v->text, ':');
		return cvg__inv_set_product(
		        ctx, v->text, (size_t)(colon - v->text), colon + 1, strlen(colon + 1), 7);
	}
	}
	return -1;
}

static void render_cpes(char *out, size_t size, const cvg_package *p)
{
	size_t n = 0;

	out[0] = '\0';
	for (size_t i = 0; i < p->ncpes; i++)
		n += (size_t)snprintf(out + n, size - n, "%s%s:%s", i ? " " : "",
		        p->cpes[i].vendor ? p->cpes[i].vendor : "*", p->cpes[i].product);
}

static void dispose(cvg__inv_ctx *ctx)
{
	cvg_inventory *inv = calloc(1, sizeof(*inv));

	assert_non_null(inv);
	inv->packages = ctx->packages;
	inv->npackages = ctx->npackages;
	cvg_inventory_free(inv);
}

static void test_vectors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(vecs) / sizeof(vecs[0]); i++) {
		const ident_vec *v = &vecs[i];
		cvg__inv_ctx ctx = {"f.json", 0, NULL, NULL, NULL, 0, 0, v->distro};
		const cvg_package *p;
		char cpes[512];
		int rc;

		assert_int_equal(
		        cvg__inv_add(&ctx, "pkg", 3, "1.0-r0", 6, NULL, 0, CVG_VERSION_OPKG, 7), 0);
		rc = apply(&ctx, v);
		p = &ctx.packages[0];
		if (rc != v->rc)
			fail_msg("%s: got %d (%s), want %d", v->text, rc, cvg_error_last(), v->rc);
		if (v->message && strcmp(cvg_error_last(), v->message) != 0)
			fail_msg("%s: message\n got  %s\n want %s", v->text, cvg_error_last(),
			        v->message);
		assert_int_equal(p->ident, v->ident);
		render_cpes(cpes, sizeof(cpes), p);
		if (strcmp(cpes, v->cpes) != 0)
			fail_msg("%s: cpes '%s', want '%s'", v->text, cpes, v->cpes);
#define EXPECT(field, want)                                                                        \
	if ((p->field == NULL) != ((want) == NULL) || (p->field && strcmp(p->field, (want)) != 0)) \
		fail_msg("%s: " #field " '%s', want '%s'", v->text,                                \
		        p->field ? p->field : "(null)", (want) ? (want) : "(null)");
		EXPECT(cpe_version, v->cpe_version)
		EXPECT(source, v->source)
		EXPECT(source_version, v->source_version)
#undef EXPECT
		assert_int_equal(p->scheme, v->scheme);
		assert_int_equal(p->distro, v->is_distro);
		if (v->rc == 0)
			assert_string_equal(p->ident_text, v->text);
		dispose(&ctx);
	}
}

/* CPE wins over purl in either order; several CPEs add products; the first
 * concrete version is kept. */
static void test_precedence(void **state)
{
	static const char purl[] = "pkg:generic/busybox@1.35.0";
	static const char cpe1[] = "cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*";
	static const char cpe2[] = "cpe:2.3:a:busybox_project:busybox:1.37.0:*:*:*:*:*:*:*";
	cvg__inv_ctx ctx = {"f.json", 0, NULL, NULL, NULL, 0, 0, false};
	const cvg_package *p;
	char cpes[256];

	(void)state;
	assert_int_equal(
	        cvg__inv_add(&ctx, "busybox", 7, "1.36.1", 6, NULL, 0, CVG_VERSION_UPSTREAM, 3), 0);
	assert_int_equal(cvg__inv_set_purl(&ctx, purl, sizeof(purl) - 1, 3), 0);
	assert_int_equal(cvg__inv_set_cpe(&ctx, cpe1, sizeof(cpe1) - 1, 3), 0);
	assert_int_equal(cvg__inv_set_cpe(&ctx, cpe2, sizeof(cpe2) - 1, 3), 0);
	assert_int_equal(cvg__inv_set_purl(&ctx, purl, sizeof(purl) - 1, 3), 0);
	p = &ctx.packages[0];
	assert_int_equal(p->ident, CVG_IDENT_CPE);
	assert_string_equal(p->ident_text, cpe1);
	render_cpes(cpes, sizeof(cpes), p);
	assert_string_equal(cpes, "busybox:busybox busybox_project:busybox");
	assert_string_equal(p->cpe_version, "1.36.1");
	dispose(&ctx);
}

/* Lenient: a bad identity warns, and the package stays, named by its name. */
static void test_lenient(void **state)
{
	static const char bad[] = "cpe:2.3:a:x";
	warnings w = {0};
	cvg__inv_ctx ctx = {"f.json", CVG_INVENTORY_LENIENT, collect, &w, NULL, 0, 0, false};

	(void)state;
	assert_int_equal(cvg__inv_add(&ctx, "x", 1, "1", 1, NULL, 0, CVG_VERSION_UPSTREAM, 2), 0);
	assert_int_equal(cvg__inv_set_cpe(&ctx, bad, sizeof(bad) - 1, 2), 0);
	assert_int_equal(w.n, 1);
	assert_string_equal(w.msg[0], "f.json:2: expected a CPE 2.2 URI or 2.3 formatted string, "
	                              "found 'cpe:2.3:a:x' (CPE name: expected 11 attributes "
	                              "after \"cpe:2.3:\", found 2)");
	assert_int_equal(ctx.packages[0].ident, CVG_IDENT_NAME);
	assert_null(ctx.packages[0].ident_text);
	dispose(&ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_vectors),
	        cmocka_unit_test(test_precedence),
	        cmocka_unit_test(test_lenient),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
