/*
 * lib/inventory/spdx_common.c - the package rules shared by the SPDX 2.x
 * JSON and tag-value readers (docs/formats.md, "SPDX 2.2/2.3 (JSON and
 * tag-value)").
 *
 * Both readers collect one package entry field by field (fields may come
 * in any order in JSON, and a tag-value package ends only where the next
 * element begins) and hand it here when it is complete:
 *  - A package without a name, or with a malformed field, is a problem of
 *    that entry (an error, or a warning under CVG_INVENTORY_LENIENT).
 *  - SPDX makes the version optional (versionInfo, PackageVersion) and
 *    real documents leave it out: Yocto's download packages
 *    ("<PN>-source-1"), trivy's container image package. Such an entry is
 *    skipped, counted in one warning per document, unless a CPE (when it
 *    has any) or else its purl gives the version; NOASSERTION and NONE
 *    count as no version.
 *  - Packages that stand for the scanned thing as a whole are skipped,
 *    counted in a warning: their SPDXID starts with SPDXRef-Image-
 *    (Yocto's image document), SPDXRef-DocumentRoot- (syft) or
 *    SPDXRef-ContainerImage- (trivy). A package the document merely
 *    DESCRIBES is kept: Yocto's recipe documents describe the recipe.
 *  - A CPE naming ANY vendor ("cpe:2.3:*:*:busybox:1.36.1:...", what Yocto
 *    writes for a CVE_PRODUCT without "vendor:") names that product under
 *    any vendor (identity.c). One naming NA as vendor ("-") cannot say which
 *    product it is; it is ignored, counted in a warning, and the package is
 *    matched by its name.
 *  - cpe22Type and cpe23Type references become CPEs (every one, in order),
 *    then the first purl reference becomes the purl (ignored by the
 *    identity rules when a CPE is given). The type decides, not the
 *    category: writers spell it SECURITY, PACKAGE-MANAGER, PACKAGE_MANAGER
 *    or in RDF's lower case, and SPDX defines these types in one category
 *    only. Other references are ignored.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cvegate/cpe.h"
#include "cvegate/purl.h"
#include "lib/inventory/spdx_common.h"
#include "util/error.h"
#include "util/text.h"

/* Longest problem message kept for an entry. */
#define PROBLEM_MAX 1024

void cvg__spdx_pkg_init(cvg__spdx_pkg *pkg, const char *name_field, const char *version_field)
{
	memset(pkg, 0, sizeof(*pkg));
	pkg->name_field = name_field;
	pkg->version_field = version_field;
	pkg->name.max = CVG__SPDX_VALUE_MAX + 1;
	pkg->version.max = CVG__SPDX_VALUE_MAX + 1;
	pkg->spdxid.max = CVG__SPDX_VALUE_MAX + 1;
	pkg->locators.max = (CVG__SPDX_VALUE_MAX + 1) * CVG__SPDX_MAX_REFS;
	pkg->problem.max = PROBLEM_MAX;
}

void cvg__spdx_pkg_reset(cvg__spdx_pkg *pkg, size_t line)
{
	pkg->line = line;
	pkg->has_name = pkg->has_version = false;
	cvg__buf_clear(&pkg->name);
	cvg__buf_clear(&pkg->version);
	cvg__buf_clear(&pkg->spdxid);
	cvg__buf_clear(&pkg->locators);
	pkg->nrefs = 0;
	cvg__buf_clear(&pkg->problem);
}

void cvg__spdx_pkg_dispose(cvg__spdx_pkg *pkg)
{
	cvg__buf_dispose(&pkg->name);
	cvg__buf_dispose(&pkg->version);
	cvg__buf_dispose(&pkg->spdxid);
	cvg__buf_dispose(&pkg->locators);
	cvg__buf_dispose(&pkg->problem);
}

void cvg__spdx_pkg_problem(cvg__spdx_pkg *pkg, const char *fmt, ...)
{
	char msg[PROBLEM_MAX];
	va_list ap;

	if (pkg->problem.len > 0)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* the buffer is empty and msg fits its maximum: only OOM can fail,
	 * and then the entry is reported with the generic message below */
	if (cvg__buf_puts(&pkg->problem, msg) < 0)
		cvg__buf_clear(&pkg->problem);
}

static bool has_control(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return true;
	return false;
}

int cvg__spdx_pkg_set(cvg__spdx_pkg *pkg, cvg_buf *field, const char *file, const char *what,
        const char *s, size_t len, size_t line)
{
	char q[CVG__QUOTE_SIZE];

	cvg__trim(&s, &len);
	if (len > CVG__SPDX_VALUE_MAX) {
		cvg__spdx_pkg_problem(pkg, "%s:%zu: %s longer than %d bytes", file, line, what,
		        CVG__SPDX_VALUE_MAX);
		return 0;
	}
	if (has_control(s, len)) {
		cvg__quote(q, sizeof(q), s, len);
		cvg__spdx_pkg_problem(pkg,
		        "%s:%zu: expected %s without control characters, found '%s'", file, line,
		        what, q);
		return 0;
	}
	cvg__buf_clear(field);
	if (field == &pkg->name)
		pkg->has_name = true;
	else if (field == &pkg->version)
		pkg->has_version = true;
	return len ? cvg__buf_put(field, s, len) : 0;
}

cvg__spdx_ref_kind cvg__spdx_ref_kind_of(const char *type, size_t len)
{
	static const char uri[] = "http://spdx.org/rdf/references/";
	size_t n = sizeof(uri) - 1;

	cvg__trim(&type, &len);
	/* Yocto's create-spdx writes the RDF URI form of the type */
	if (len > n && memcmp(type, uri, n) == 0) {
		type += n;
		len -= n;
	}
	if ((len == 9 && memcmp(type, "cpe22Type", 9) == 0) ||
	        (len == 9 && memcmp(type, "cpe23Type", 9) == 0))
		return CVG__SPDX_REF_CPE;
	if (len == 4 && memcmp(type, "purl", 4) == 0)
		return CVG__SPDX_REF_PURL;
	return CVG__SPDX_REF_OTHER;
}

int cvg__spdx_pkg_add_ref(cvg__spdx_pkg *pkg, const char *file, cvg__spdx_ref_kind kind,
        const char *loc, size_t len, size_t line)
{
	cvg__spdx_ref *r;
	int error;

	if (kind == CVG__SPDX_REF_OTHER)
		return 0;
	cvg__trim(&loc, &len);
	if (len == 0) {
		cvg__spdx_pkg_problem(pkg, "%s:%zu: expected a %s reference locator, found none",
		        file, line, kind == CVG__SPDX_REF_CPE ? "CPE" : "purl");
		return 0;
	}
	if (len > CVG__SPDX_VALUE_MAX) {
		cvg__spdx_pkg_problem(pkg, "%s:%zu: reference locator longer than %d bytes", file,
		        line, CVG__SPDX_VALUE_MAX);
		return 0;
	}
	if (pkg->nrefs == CVG__SPDX_MAX_REFS) {
		cvg__spdx_pkg_problem(pkg,
		        "%s:%zu: more than %d CPE and purl references in a package", file, line,
		        CVG__SPDX_MAX_REFS);
		return 0;
	}
	r = &pkg->refs[pkg->nrefs];
	r->kind = kind;
	r->off = pkg->locators.len;
	r->len = len;
	r->line = line;
	if ((error = cvg__buf_put(&pkg->locators, loc, len)) < 0)
		return error == CVG_ELIMIT ? 0 : error; /* cannot happen: bounded above */
	pkg->nrefs++;
	return 0;
}

bool cvg__spdx_is_v2(const char *s, size_t len)
{
	return len > 7 && memcmp(s, "SPDX-2.", 7) == 0;
}

/* ---- Finishing an entry ---- */

static bool no_value(const cvg_buf *b)
{
	return b->len == 0 || strcmp(b->ptr, "NOASSERTION") == 0 || strcmp(b->ptr, "NONE") == 0;
}

/*
 * Read the CPE s[0..len): whether it is well-formed, names ANY vendor
 * ("*", as Yocto writes for a CVE_PRODUCT without "vendor:"), and names a
 * concrete version.
 */
static bool cpe_info(const char *s, size_t len, bool *vendor_any, bool *has_version)
{
	char *fs = NULL, vbuf[256];
	cvg_cpe_key key;
	cvg_cpe_attr ver;
	bool ok = false;

	*vendor_any = *has_version = false;
	if (len >= 5 && (memcmp(s, "cpe:/", 5) == 0 || memcmp(s, "CPE:/", 5) == 0)) {
		if (cvg_cpe_uri_to_fs(&fs, s, len) < 0)
			return false;
	} else if ((fs = cvg__strndup(s, len)) == NULL) {
		return false;
	}
	if (cvg_cpe_key_parse(&key, fs) == 0 && cvg_cpe_attr_from_raw(&ver, vbuf, sizeof(vbuf),
	                                                key.version, CVG_CPE_VERSION) == 0) {
		ok = true;
		*vendor_any = strcmp(key.vendor, "-") == 0;
		*has_version = ver.kind == CVG_CPE_VALUE && !ver.wildcard;
	}
	free(fs);
	return ok;
}

static bool purl_has_version(const char *s, size_t len)
{
	cvg_purl u;
	bool ok;

	if (cvg_purl_parse(&u, s, len) < 0)
		return false;
	ok = (u.version && u.version[0]) || cvg_purl_qualifier_get(&u, "pv") != NULL;
	cvg_purl_dispose(&u);
	return ok;
}

/*
 * Sort out the entry's CPEs: a well-formed CPE naming ANY vendor cannot
 * identify a product (identity.c refuses it), so it is dropped and
 * counted; the package keeps its name identity. Then whether the CPEs
 * left (when there are any, as they win) or else the first purl give a
 * version.
 */
static bool sort_refs(cvg__spdx_pkg *pkg, size_t *vendorless)
{
	bool any_cpe = false, versioned = false;
	size_t kept = 0;

	for (size_t i = 0; i < pkg->nrefs; i++) {
		cvg__spdx_ref *r = &pkg->refs[i];
		bool vendor_any = false, has_version = false;
		if (r->kind == CVG__SPDX_REF_CPE) {
			cpe_info(pkg->locators.ptr + r->off, r->len, &vendor_any, &has_version);
			if (vendor_any) {
				(*vendorless)++;
				continue;
			}
			any_cpe = true;
			versioned = versioned || has_version;
		}
		pkg->refs[kept++] = *r;
	}
	pkg->nrefs = kept;
	if (any_cpe)
		return versioned;
	for (size_t i = 0; i < pkg->nrefs; i++) {
		const cvg__spdx_ref *r = &pkg->refs[i];
		if (r->kind == CVG__SPDX_REF_PURL)
			return purl_has_version(pkg->locators.ptr + r->off, r->len);
	}
	return false;
}

static bool is_root(const cvg_buf *spdxid)
{
	static const char *const prefixes[] = {
	        "SPDXRef-Image-",          /* Yocto create-spdx: the image */
	        "SPDXRef-DocumentRoot-",   /* syft: the scanned image or directory */
	        "SPDXRef-ContainerImage-", /* trivy: the scanned image */
	};

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (spdxid->len > strlen(prefixes[i]) &&
		        memcmp(spdxid->ptr, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	return false;
}

int cvg__spdx_pkg_finish(cvg__inv_ctx *ctx, cvg__spdx_pkg *pkg, cvg__spdx_skips *skips)
{
	const char *version = "";
	size_t vlen = 0;
	size_t vendorless = 0;
	bool refs_versioned;
	int error;

	if (pkg->problem.len > 0)
		return cvg__inv_problem(ctx, "%s", pkg->problem.ptr);
	if (!pkg->has_name || pkg->name.len == 0)
		return cvg__inv_problem(ctx, "%s:%zu: expected a package name (%s), found %s",
		        ctx->file, pkg->line, pkg->name_field, pkg->has_name ? "''" : "none");
	if (is_root(&pkg->spdxid)) {
		skips->roots++;
		return 0;
	}
	refs_versioned = sort_refs(pkg, &vendorless);
	if (pkg->has_version && !no_value(&pkg->version)) {
		version = pkg->version.ptr;
		vlen = pkg->version.len;
	} else if (!refs_versioned) {
		skips->unversioned++;
		return 0;
	}
	if (ctx->npackages >= CVG__SPDX_MAX_PACKAGES)
		return cvg__error(CVG_ELIMIT, "%s:%zu: more than %d packages", ctx->file, pkg->line,
		        CVG__SPDX_MAX_PACKAGES);
	skips->vendorless += vendorless;
	if ((error = cvg__inv_add(ctx, pkg->name.ptr, pkg->name.len, version, vlen, NULL, 0,
	             CVG_VERSION_UPSTREAM, pkg->line)) < 0)
		return error;
	for (size_t i = 0; i < pkg->nrefs; i++) {
		const cvg__spdx_ref *r = &pkg->refs[i];
		if (r->kind == CVG__SPDX_REF_CPE &&
		        (error = cvg__inv_set_cpe(
		                 ctx, pkg->locators.ptr + r->off, r->len, r->line)) < 0)
			return error;
	}
	for (size_t i = 0; i < pkg->nrefs; i++) {
		const cvg__spdx_ref *r = &pkg->refs[i];
		if (r->kind == CVG__SPDX_REF_PURL)
			return cvg__inv_set_purl(ctx, pkg->locators.ptr + r->off, r->len, r->line);
	}
	return 0;
}

void cvg__spdx_report_skips(cvg__inv_ctx *ctx, const cvg__spdx_skips *skips)
{
	if (skips->unversioned)
		cvg__warnf(ctx->warn, ctx->payload,
		        "%s: %zu package%s without a version (and no CPE or purl giving one), "
		        "skipped",
		        ctx->file, skips->unversioned, skips->unversioned == 1 ? "" : "s");
	if (skips->roots)
		cvg__warnf(ctx->warn, ctx->payload,
		        "%s: %zu package%s standing for the scanned image itself, skipped",
		        ctx->file, skips->roots, skips->roots == 1 ? "" : "s");
	if (skips->vendorless)
		cvg__warnf(ctx->warn, ctx->payload,
		        "%s: %zu CPE%s naming no vendor ('-'), ignored: %s matched by name",
		        ctx->file, skips->vendorless, skips->vendorless == 1 ? "" : "s",
		        skips->vendorless == 1 ? "its package is" : "their packages are");
}
