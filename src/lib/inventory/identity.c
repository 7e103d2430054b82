/*
 * lib/inventory/identity.c - what an SBOM entry says it is: CPE names and
 * package URLs, recorded on the package so the scan matches on them
 * instead of guessing from the name (docs/mapping.md, "Identity from the
 * inventory").
 *
 * Rules:
 *  - A CPE wins over a purl, a purl over the bare name. An entry may carry
 *    several CPEs (Yocto writes one per CVE_PRODUCT); each names a product.
 *  - A CPE must name a concrete product: "*", "-" or a wildcard there
 *    would match products nobody listed, so it is refused. Its vendor is a
 *    concrete name or "*", which means any vendor of that product, as a
 *    bare product in the mapping tables does: Yocto writes
 *    "cpe:2.3:*:*:zlib:..." for a CVE_PRODUCT without a vendor, and OE-core's
 *    own check matches those against every vendor.
 *  - A CPE's concrete version (not "*" or "-") is what the scan compares;
 *    otherwise the entry's own version is.
 *  - A purl's name is the package's source name and goes through the
 *    mapping tables like any package name; its type chooses the version
 *    scheme, and deb/rpm/apk purls that name a distribution (a namespace
 *    or a "distro" qualifier) mark the package as a distribution build.
 *    A deb purl's "upstream" qualifier ("openssl" or "openssl@1.1.1n-0")
 *    names the source package, as Debian's Source: field does.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cvegate/cpe.h"
#include "cvegate/purl.h"
#include "lib/inventory/inventory_internal.h"
#include "util/buf.h"
#include "util/error.h"

static cvg_package *last_package(cvg__inv_ctx *ctx)
{
	assert(ctx->npackages > 0);
	return &ctx->packages[ctx->npackages - 1];
}

/* A problem with an identity string: FILE:LINE: expected WHAT, found 'S' (why). */
static int bad_identity(cvg__inv_ctx *ctx, size_t line, const char *what, const char *s, size_t len,
        const char *why)
{
	char q[CVG__QUOTE_SIZE];

	cvg__quote(q, sizeof(q), s, len);
	return cvg__inv_problem(
	        ctx, "%s:%zu: expected %s, found '%s' (%s)", ctx->file, line, what, q, why);
}

static bool concrete(const char *v)
{
	return v[0] != '\0' && strcmp(v, "*") != 0 && strcmp(v, "-") != 0 &&
	       strpbrk(v, "*?") == NULL;
}

/* Add vendor:product (copied; vendor NULL: any vendor) to the package's CPE products. */
static int add_product(cvg_package *p, const char *vendor, size_t vlen, const char *product,
        size_t plen, const char *text, size_t tlen)
{
	cvg_package_cpe *n;

	if ((n = realloc(p->cpes, (p->ncpes + 1) * sizeof(*n))) == NULL)
		return cvg__error_oom();
	p->cpes = n;
	n = &p->cpes[p->ncpes];
	n->vendor = vendor ? cvg__strndup(vendor, vlen) : NULL;
	n->product = cvg__strndup(product, plen);
	if ((vendor && n->vendor == NULL) || n->product == NULL) {
		free(n->vendor);
		free(n->product);
		return cvg__error_oom();
	}
	p->ncpes++;
	if (p->ident != CVG_IDENT_CPE) {
		free(p->ident_text);
		if ((p->ident_text = cvg__strndup(text, tlen)) == NULL)
			return cvg__error_oom();
		p->ident = CVG_IDENT_CPE;
	}
	return 0;
}

int cvg__inv_set_product(cvg__inv_ctx *ctx, const char *vendor, size_t vlen, const char *product,
        size_t plen, size_t line)
{
	cvg_package *p = last_package(ctx);
	cvg_buf text = CVG_BUF_INIT(0);
	int error;

	if ((error = cvg__buf_printf(&text, "%.*s:%.*s", (int)vlen, vendor, (int)plen, product)) <
	        0)
		return error;
	if (!cvg__inv_is_token(vendor, vlen) || !cvg__inv_is_token(product, plen) ||
	        memchr(vendor, ':', vlen) || memchr(product, ':', plen) ||
	        strpbrk(text.ptr, "*?") != NULL)
		error = bad_identity(ctx, line, "vendor:product", text.ptr, text.len,
		        "both must be non-empty names without spaces, '*' or '?'");
	else
		error = add_product(p, vendor, vlen, product, plen, text.ptr, text.len);
	cvg__buf_dispose(&text);
	return error;
}

int cvg__inv_set_cpe(cvg__inv_ctx *ctx, const char *cpe, size_t len, size_t line)
{
	static const char what[] = "a CPE 2.2 URI or 2.3 formatted string";
	cvg_package *p = last_package(ctx);
	cvg_cpe_key key;
	cvg_cpe_attr ver;
	char *fs = NULL, vbuf[256];
	bool any_vendor;
	int error;

	if (len >= 5 && strncasecmp(cpe, "cpe:/", 5) == 0) {
		if ((error = cvg_cpe_uri_to_fs(&fs, cpe, len)) == CVG_ENOMEM)
			return error;
	} else {
		fs = cvg__strndup(cpe, len);
		error = fs ? 0 : cvg__error_oom();
		if (error == CVG_ENOMEM)
			return error;
	}
	if (error == 0)
		error = cvg_cpe_key_parse(&key, fs);
	if (error == 0 && ((!concrete(key.vendor) && strcmp(key.vendor, "*") != 0) ||
	                          !concrete(key.product))) {
		free(fs);
		return bad_identity(ctx, line, what, cpe, len,
		        "its product must be a concrete name and its vendor a name or '*', not '-' "
		        "or a wildcard");
	}
	if (error == 0)
		error = cvg_cpe_attr_from_raw(
		        &ver, vbuf, sizeof(vbuf), key.version, CVG_CPE_VERSION);
	free(fs);
	if (error < 0)
		return bad_identity(ctx, line, what, cpe, len, cvg_error_last());
	any_vendor = strcmp(key.vendor, "*") == 0;
	if ((error = add_product(p, any_vendor ? NULL : key.vendor, strlen(key.vendor), key.product,
	             strlen(key.product), cpe, len)) < 0)
		return error;
	if (p->cpe_version == NULL && ver.kind == CVG_CPE_VALUE && !ver.wildcard &&
	        (p->cpe_version = strdup(ver.value)) == NULL)
		return cvg__error_oom();
	return 0;
}

/* The version a purl gives, in the scheme its type implies, into b. */
static int purl_version(cvg_buf *b, const cvg_purl *u, cvg_version_scheme *scheme)
{
	const char *v = u->version;

	*scheme = CVG_VERSION_UPSTREAM;
	if (strcmp(u->type, "deb") == 0) {
		*scheme = CVG_VERSION_DPKG;
	} else if (strcmp(u->type, "rpm") == 0) {
		const char *epoch = cvg_purl_qualifier_get(u, "epoch");
		*scheme = CVG_VERSION_RPM;
		if (v && epoch && strchr(v, ':') == NULL)
			return cvg__buf_printf(b, "%s:%s", epoch, v);
	} else if (strcmp(u->type, "apk") == 0) {
		*scheme = CVG_VERSION_OPKG; /* 1.36.1-r2: a release suffix as Yocto's */
	} else if (strcmp(u->type, "yocto") == 0 || strcmp(u->type, "openembedded") == 0) {
		const char *pv = cvg_purl_qualifier_get(u, "pv");
		if (pv)
			v = pv; /* the version may be a commit id; PV is the release */
	}
	return v ? cvg__buf_puts(b, v) : 0;
}

static bool names_distribution(const cvg_purl *u)
{
	if (strcmp(u->type, "deb") != 0 && strcmp(u->type, "rpm") != 0 &&
	        strcmp(u->type, "apk") != 0)
		return false;
	return u->namespace_ != NULL || cvg_purl_qualifier_get(u, "distro") != NULL;
}

int cvg__inv_set_purl(cvg__inv_ctx *ctx, const char *purl, size_t len, size_t line)
{
	cvg_package *p = last_package(ctx);
	cvg_buf ver = CVG_BUF_INIT(0);
	cvg_version_scheme scheme;
	const char *name, *upstream;
	size_t nlen;
	cvg_purl u;
	int error;

	if ((error = cvg_purl_parse(&u, purl, len)) < 0) {
		if (error == CVG_ENOMEM)
			return error;
		return bad_identity(
		        ctx, line, "a purl 'pkg:TYPE/NAME@VERSION'", purl, len, cvg_error_last());
	}
	if (p->ident == CVG_IDENT_CPE) { /* a CPE already says what it is */
		cvg_purl_dispose(&u);
		return 0;
	}
	if ((error = purl_version(&ver, &u, &scheme)) < 0)
		goto done;
	name = u.name;
	nlen = strlen(name);
	if (strcmp(u.type, "deb") == 0 && (upstream = cvg_purl_qualifier_get(&u, "upstream"))) {
		const char *at = strchr(upstream, '@');
		name = upstream;
		nlen = at ? (size_t)(at - upstream) : strlen(upstream);
		if (at && at[1] != '\0') {
			cvg__buf_clear(&ver);
			if ((error = cvg__buf_puts(&ver, at + 1)) < 0)
				goto done;
		}
	}
	if (nlen == 0) {
		error = bad_identity(ctx, line, "a purl 'pkg:TYPE/NAME@VERSION'", purl, len,
		        "its upstream qualifier names no package");
		goto done;
	}
	if ((error = cvg__inv_set_source(ctx, name, nlen, ver.ptr, ver.ptr ? ver.len : 0)) < 0)
		goto done;
	if (ver.ptr)
		p->scheme = scheme;
	p->distro = p->distro || names_distribution(&u);
	free(p->ident_text);
	if ((p->ident_text = cvg__strndup(purl, len)) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	p->ident = CVG_IDENT_PURL;
done:
	cvg__buf_dispose(&ver);
	cvg_purl_dispose(&u);
	return error;
}
