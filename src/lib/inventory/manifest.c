/*
 * lib/inventory/manifest.c - Yocto's image manifest, IMAGE.rootfs.manifest.
 *
 * The image class (meta/lib/oe/manifest.py, via the package manager's
 * list_pkgs) writes one installed package a line as "name arch version",
 * separated by single spaces:
 *
 *   busybox corei7-64 1.35.0-r0
 *   base-files intel_corei7_64 3.0.14-r89
 *   systemd corei7-64 1:250.14-r0
 *   linux-intel corei7-64 5.15.137+git0+0b002d94af_b2769cf869-r0
 *
 * The version is the whole packaged one ([epoch:]PV-PR[.N]), read under the
 * opkg scheme like buildhistory's file names (yocto.c). The arch is kept as
 * written and not checked against the architecture table: a MACHINE arch
 * (intel_corei7_64, raspberrypi4_64, ...) can be any machine name.
 *
 * Any run of spaces or tabs separates fields, so a hand-edited file with
 * tabs still reads; a line with other than three fields is an error naming
 * it. Blank lines and '#' lines are skipped like in every line-based list.
 */
#include <string.h>

#include "lib/inventory/inventory_internal.h"
#include "util/error.h"

#define EXPECTED "'name arch version'"

/* Whether a line is name, arch and version, each a printable token. */
static bool parse_line(const char *s, size_t n, const char **f, size_t *fl)
{
	if (cvg__split_fields(s, n, f, fl, 3) != 3)
		return false;
	for (size_t i = 0; i < 3; i++)
		if (!cvg__inv_is_token(f[i], fl[i]))
			return false;
	return true;
}

static int manifest_parse(cvg__inv_ctx *ctx, const char *data, size_t len)
{
	cvg__lines it;
	const char *line;
	size_t n;
	int rc;

	cvg__lines_init(&it, data, len);
	while ((rc = cvg__inv_next_entry(ctx, &it, &line, &n)) == 1) {
		const char *f[3];
		size_t fl[3];
		if (!parse_line(line, n, f, fl)) {
			if ((rc = cvg__inv_bad_line(ctx, it.lineno, EXPECTED, line, n)) < 0)
				return rc;
			continue;
		}
		if ((rc = cvg__inv_add(ctx, f[0], fl[0], f[2], fl[2], f[1], fl[1], CVG_VERSION_OPKG,
		             it.lineno)) < 0)
			return rc;
	}
	return rc;
}

/* The first entries (up to 50) are all "name arch version" with a version
 * that starts with a digit (an epoch "N:" does too): likely. */
static bool manifest_fits(const char *line, size_t n)
{
	const char *f[3];
	size_t fl[3];

	return parse_line(line, n, f, fl) && f[2][0] >= '0' && f[2][0] <= '9';
}

static int manifest_sniff(const char *data, size_t len)
{
	return cvg__inv_sniff_lines(data, len, manifest_fits) ? 60 : 0;
}

const cvg__inv_format cvg__inv_manifest = {
        .name = "manifest",
        .summary = "Yocto IMAGE.rootfs.manifest",
        .parse = manifest_parse,
        .sniff = manifest_sniff,
};
