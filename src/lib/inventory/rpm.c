/*
 * lib/inventory/rpm.c - the output of `rpm -qa`.
 *
 * rpm's default query format is %{NAME}-%{VERSION}-%{RELEASE}.%{ARCH}:
 *
 *   openssl-libs-1.0.2k-16.el7.x86_64     kernel-3.10.0-957.el7.x86_64
 *   tzdata-2018e-3.el7.noarch             gpg-pubkey-f4a80eb5-53a7ff4b
 *
 * (gpg-pubkey has no arch, and lists made with a query format without
 * %{ARCH} have none either). A name may hold any number of '-', a release
 * any number of '.', so the line is split from the right: the last
 * '.'-suffix is the arch only when it is an architecture name rpm or Yocto
 * uses (cvg__inv_is_arch: a table with prefix patterns such as armv*,
 * cortexa*); otherwise the line has no arch and that suffix belongs to the
 * release. Then the release is after the last '-' and the version after
 * the '-' before it. A query format with %{EPOCH}: gives "N:" before the
 * version, kept: the version stored is [epoch:]version-release, read with
 * rpmvercmp (CVG_VERSION_RPM). ".(none)" (the arch of gpg-pubkey in such a
 * format) means no arch.
 *
 * A version must contain a digit: that refuses lists of bare names such as
 * "packagegroup-core-boot", which would otherwise split into a nonsense
 * name-version-release.
 */
#include <string.h>

#include "lib/inventory/inventory_internal.h"
#include "util/error.h"

#define EXPECTED "NAME-VERSION-RELEASE[.ARCH] as rpm -qa prints it"

typedef struct rpm_parts {
	const char *name, *version, *arch;
	size_t nlen, vlen, alen;
} rpm_parts;

static bool parse_line(rpm_parts *out, const char *s, size_t n)
{
	const char *dot, *dash2, *dash1, *v, *colon;
	size_t rest = n;
	bool digit = false;

	if (!cvg__inv_is_token(s, n))
		return false;
	out->arch = NULL;
	out->alen = 0;
	if ((dot = cvg__memrchr(s, '.', n)) != NULL) {
		size_t alen = (size_t)(s + n - dot - 1);
		if (alen == 6 && memcmp(dot + 1, "(none)", 6) == 0) {
			rest = (size_t)(dot - s);
		} else if (cvg__inv_is_arch(dot + 1, alen)) {
			out->arch = dot + 1;
			out->alen = alen;
			rest = (size_t)(dot - s);
		}
	}
	if ((dash2 = cvg__memrchr(s, '-', rest)) == NULL || dash2 + 1 == s + rest)
		return false;
	if ((dash1 = cvg__memrchr(s, '-', (size_t)(dash2 - s))) == NULL || dash1 == s ||
	        dash1 + 1 == dash2)
		return false;
	/* [epoch:]version: an epoch is digits, the version has a digit */
	v = dash1 + 1;
	if ((colon = memchr(v, ':', (size_t)(dash2 - v))) != NULL) {
		if (colon == v)
			return false;
		for (const char *p = v; p < colon; p++)
			if (*p < '0' || *p > '9')
				return false;
		v = colon + 1;
	}
	for (const char *p = v; p < dash2; p++)
		digit = digit || (*p >= '0' && *p <= '9');
	if (!digit)
		return false;
	out->name = s;
	out->nlen = (size_t)(dash1 - s);
	out->version = dash1 + 1;
	out->vlen = (size_t)(s + rest - dash1 - 1);
	return true;
}

static int rpm_parse(cvg__inv_ctx *ctx, const char *data, size_t len)
{
	cvg__lines it;
	const char *line;
	size_t n;
	int rc;

	cvg__lines_init(&it, data, len);
	while ((rc = cvg__inv_next_entry(ctx, &it, &line, &n)) == 1) {
		rpm_parts p;
		if (!parse_line(&p, line, n)) {
			if ((rc = cvg__inv_bad_line(ctx, it.lineno, EXPECTED, line, n)) < 0)
				return rc;
			continue;
		}
		if ((rc = cvg__inv_add(ctx, p.name, p.nlen, p.version, p.vlen, p.arch, p.alen,
		             CVG_VERSION_RPM, it.lineno)) < 0)
			return rc;
	}
	return rc;
}

/* The first entries (up to 50) all have the rpm -qa shape: likely. */
static bool rpm_fits(const char *line, size_t n)
{
	rpm_parts p;

	return parse_line(&p, line, n);
}

static int rpm_sniff(const char *data, size_t len)
{
	return cvg__inv_sniff_lines(data, len, rpm_fits) ? 50 : 0;
}

const cvg__inv_format cvg__inv_rpm = {
        .name = "rpm",
        .summary = "rpm -qa output",
        .parse = rpm_parse,
        .sniff = rpm_sniff,
        .distro = true,
};
