/*
 * lib/inventory/yocto.c - Yocto buildhistory's installed-packages.txt.
 *
 * buildhistory (meta/classes/buildhistory.bbclass) writes one package FILE
 * NAME a line, as the image's package backend named the file:
 *
 *   rpm: NAME-VERSION-RELEASE.ARCH.rpm    busybox-1.24.1-r0.cortexa9hf_neon.rpm
 *   ipk: NAME_VERSION_ARCH.ipk            busybox_1.24.1-r0.6_core2-64.ipk
 *   deb: NAME_VERSION_ARCH.deb            busybox_1.24.1-r0_armhf.deb
 *
 * A line may also be a path into the deploy directory; its base name is
 * used. The version kept is the whole packaged one (PV-PR[.N], with an
 * epoch when the name has one), read under the opkg scheme.
 *
 * rpm names are split from the right: ".rpm", the arch after the last '.',
 * the release after the last '-', the version after the '-' before it; the
 * rest is the name, which may hold any number of '-'.
 *
 * ipk/deb names: the package name never holds '_' (Debian policy 5.6.1
 * allows [a-z0-9+.-]; Yocto's package names follow it), so it ends at the
 * first '_'. The version may itself hold '_' (a kernel's PV such as
 * 5.15.137+git0+0b002d94af_b2769cf869) and so may the arch (the MACHINE
 * arch intel_corei7_64), so the version ends at the first '_' after which
 * the version so far contains the '-' that separates PV from PR; a version
 * without any '-' ends at the first '_'. An epoch is written as "N:" or,
 * URL-encoded as in feed file names, "N%3a"; both become "N:".
 *
 * installed-package-names.txt (names only) is refused with a pointer to
 * installed-packages.txt, since a name without a version cannot be checked.
 */
#include <string.h>

#include "lib/inventory/inventory_internal.h"
#include "util/error.h"

#define EXPECTED                                                                                   \
	"a package file name (NAME-VERSION-RELEASE.ARCH.rpm, NAME_VERSION_ARCH.ipk or "            \
	"NAME_VERSION_ARCH.deb)"

static bool ends_with(const char *s, size_t len, const char *suffix)
{
	size_t m = strlen(suffix);

	return len > m && memcmp(s + len - m, suffix, m) == 0;
}

static bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '+' || c == '-' || c == '.' || c == '_';
}

/* A line of installed-package-names.txt: a bare package name. */
static bool looks_like_name(const char *s, size_t len)
{
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!is_name_char(s[i]))
			return false;
	return true;
}

/* NAME-VERSION-RELEASE.ARCH (".rpm" already removed). */
static int parse_rpm_name(cvg__inv_ctx *ctx, const char *s, size_t n, size_t lineno)
{
	const char *dot, *dash2, *dash1;
	size_t rest;

	if ((dot = cvg__memrchr(s, '.', n)) == NULL || dot + 1 == s + n)
		return 1;
	rest = (size_t)(dot - s);
	if ((dash2 = cvg__memrchr(s, '-', rest)) == NULL || dash2 + 1 == dot)
		return 1;
	if ((dash1 = cvg__memrchr(s, '-', (size_t)(dash2 - s))) == NULL || dash1 + 1 == dash2 ||
	        dash1 == s)
		return 1;
	return cvg__inv_add(ctx, s, (size_t)(dash1 - s), dash1 + 1, (size_t)(dot - dash1 - 1),
	        dot + 1, (size_t)(s + n - dot - 1), CVG_VERSION_OPKG, lineno);
}

/* NAME_VERSION_ARCH (".ipk"/".deb" already removed). */
static int parse_deb_name(cvg__inv_ctx *ctx, const char *s, size_t n, size_t lineno)
{
	const char *us = memchr(s, '_', n), *ver, *end = s + n, *split = NULL, *first;
	char version[CVG__LINE_MAX + 1];
	size_t vlen = 0;

	if (us == NULL || us == s)
		return 1;
	ver = us + 1;
	if ((first = memchr(ver, '_', (size_t)(end - ver))) == NULL)
		return 1;
	for (const char *p = first; p != NULL; p = memchr(p + 1, '_', (size_t)(end - p - 1))) {
		if (memchr(ver, '-', (size_t)(p - ver)) != NULL) {
			split = p;
			break;
		}
	}
	if (split == NULL)
		split = first;
	if (split == ver || split + 1 == end)
		return 1;
	/* the epoch, "N:" or URL-encoded "N%3a" */
	for (const char *p = ver; p < split; p++) {
		if (p > ver && p + 3 <= split && p[0] == '%' && p[1] == '3' &&
		        (p[2] == 'a' || p[2] == 'A') && vlen == (size_t)(p - ver)) {
			bool digits = true;
			for (const char *q = ver; q < p; q++)
				digits = digits && *q >= '0' && *q <= '9';
			if (digits) {
				version[vlen++] = ':';
				p += 2;
				continue;
			}
		}
		version[vlen++] = *p;
	}
	return cvg__inv_add(ctx, s, (size_t)(us - s), version, vlen, split + 1,
	        (size_t)(end - split - 1), CVG_VERSION_OPKG, lineno);
}

static int yocto_parse(cvg__inv_ctx *ctx, const char *data, size_t len)
{
	cvg__lines it;
	const char *line, *base;
	size_t n, bn;
	bool first = true;
	int rc;

	cvg__lines_init(&it, data, len);
	while ((rc = cvg__inv_next_entry(ctx, &it, &line, &n)) == 1) {
		const char *slash = cvg__memrchr(line, '/', n);

		base = slash ? slash + 1 : line;
		bn = (size_t)(line + n - base);
		if (!cvg__inv_is_token(line, n))
			rc = 1;
		else if (ends_with(base, bn, ".rpm"))
			rc = parse_rpm_name(ctx, base, bn - 4, it.lineno);
		else if (ends_with(base, bn, ".ipk") || ends_with(base, bn, ".deb"))
			rc = parse_deb_name(ctx, base, bn - 4, it.lineno);
		else if (first && looks_like_name(line, n))
			return cvg__error(CVG_EPARSE,
			        "%s:%zu: this looks like installed-package-names.txt, which has "
			        "no versions; use installed-packages.txt",
			        ctx->file, it.lineno);
		else
			rc = 1;
		if (rc < 0)
			return rc;
		if (rc == 1 && (rc = cvg__inv_bad_line(ctx, it.lineno, EXPECTED, line, n)) < 0)
			return rc;
		first = false;
	}
	return rc;
}

/* The first entry is a package file name: near certain. */
static int yocto_sniff(const char *data, size_t len)
{
	cvg__lines it;
	const char *line;
	size_t n;

	cvg__lines_init(&it, data, len);
	while (cvg__lines_next(&it, &line, &n)) {
		cvg__trim(&line, &n);
		if (n == 0 || line[0] == '#')
			continue;
		if (cvg__inv_is_token(line, n) &&
		        (ends_with(line, n, ".rpm") || ends_with(line, n, ".ipk") ||
		                ends_with(line, n, ".deb")))
			return 90;
		return 0;
	}
	return 0;
}

const cvg__inv_format cvg__inv_yocto = {
        .name = "yocto",
        .summary = "buildhistory installed-packages.txt",
        .parse = yocto_parse,
        .sniff = yocto_sniff,
};
