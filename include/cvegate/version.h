/*
 * cvegate/version.h - version comparison under the packaging schemes cvegate meets.
 *
 * One module for every comparison: Yocto/opkg, rpm (rpmvercmp with epoch and
 * release), dpkg (Debian policy, `~` before everything) and upstream versions
 * as the NVD writes them. NVD bounds are upstream versions, so a packaged
 * version is first reduced to its upstream part with cvg_version_upstream().
 * docs/matching.md lists every rule with its test vectors.
 */
#ifndef CVEGATE_VERSION_H
#define CVEGATE_VERSION_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum cvg_version_scheme {
	CVG_VERSION_UPSTREAM = 0, /* NVD / upstream release numbers */
	CVG_VERSION_RPM = 1,      /* [epoch:]version[-release], rpmvercmp */
	CVG_VERSION_DPKG = 2,     /* [epoch:]upstream[-revision], Debian policy 5.6.12 */
	CVG_VERSION_OPKG = 3,     /* Yocto/opkg: [epoch:]PV[-PR[.N]], dpkg ordering */
} cvg_version_scheme;

/*
 * Compare versions a and b under `scheme`; *out is <0, 0 or >0.
 * Returns 0, or CVG_EPARSE when the two cannot be compared meaningfully
 * (junk such as "branch_1-9" or "m4\/m5" under the upstream scheme); then
 * *out is 0 and the caller must treat the comparison as unknown.
 */
int cvg_version_cmp(int *out, const char *a, const char *b, cvg_version_scheme scheme);

/*
 * Reduce a packaged version to the upstream version NVD bounds are written
 * in: "1:2.27.1-6ubuntu3.3" -> "2.27.1", "2.9.14+dfsg-1.3~deb12u6" -> "2.9.14",
 * "1.2.3+gitAUTOINC+abc-r0.6" -> "1.2.3". *out is a new string the caller
 * frees. Returns 0, CVG_ENOMEM, or CVG_EPARSE for an empty result.
 */
int cvg_version_upstream(char **out, const char *packaged, cvg_version_scheme scheme);

/* "upstream", "rpm", "dpkg", "opkg" */
const char *cvg_version_scheme_name(cvg_version_scheme scheme);

#ifdef __cplusplus
}
#endif
#endif
