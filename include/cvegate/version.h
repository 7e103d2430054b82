/*
 * cvegate/version.h - version comparison under the packaging schemes cvegate meets.
 *
 * One module for every comparison: Yocto/opkg, rpm (rpmvercmp with epoch and
 * release), dpkg (Debian policy, `~` before everything) and upstream versions
 * as the NVD writes them. NVD bounds are upstream versions, so a packaged
 * version is first reduced to its upstream part with cvg_version_upstream().
 * docs/versions.md lists every rule with an example; src/lib/version.c's
 * opening comment states them precisely.
 */
#ifndef CVEGATE_VERSION_H
#define CVEGATE_VERSION_H

#include <stddef.h>

/* Longest version compared or reduced, in bytes; longer ones are CVG_EPARSE. */
#define CVG_VERSION_MAX 256

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
 * UPSTREAM compares upstream strings (NVD bounds: "1.0.1f" > "1.0.1",
 * "7.4p1" > "7.4", "3.7.0b2" < "3.7.0", "1.2" == "1.2.0"); RPM, DPKG and
 * OPKG compare whole packaged versions with epoch and release/revision.
 * Returns 0, or CVG_EPARSE when the two cannot be compared meaningfully
 * (empty, longer than CVG_VERSION_MAX, junk such as "branch_1-9" or "m4\/m5"
 * or "*" under the upstream scheme, a bad epoch under dpkg); then *out is 0
 * and the caller must treat the comparison as unknown. CVG_EINVAL for an
 * unknown scheme. a and b must not be NULL. Allocates nothing.
 */
int cvg_version_cmp(int *out, const char *a, const char *b, cvg_version_scheme scheme);

/*
 * Reduce a packaged version to the upstream version NVD bounds are written
 * in: "1:2.27.1-6ubuntu3.3" -> "2.27.1", "2.9.14+dfsg-1.3~deb12u6" -> "2.9.14",
 * "1.2.3+gitAUTOINC+abc-r0.6" -> "1.2.3", "1.0~rc1-1" -> "1.0rc1".
 * Under CVG_VERSION_UPSTREAM the input is returned unchanged. *out is a new
 * string the caller frees (NULL on error). Returns 0, CVG_ENOMEM, CVG_EINVAL
 * for an unknown scheme, or CVG_EPARSE for an empty result or an input longer
 * than CVG_VERSION_MAX.
 */
int cvg_version_upstream(char **out, const char *packaged, cvg_version_scheme scheme);

/* "upstream", "rpm", "dpkg", "opkg"; "unknown" for any other value. */
const char *cvg_version_scheme_name(cvg_version_scheme scheme);

/*
 * The leading number of an upstream version (after one optional 'v'),
 * leading zeros ignored: "6.1.76" -> 6, "v2.6" -> 2, "0.9.8" -> 0. Two
 * versions that cvg_version_cmp() finds equal under CVG_VERSION_UPSTREAM
 * always have the same key (zero runs are dropped only after the leading
 * number or when they lead to a word, which leaves the key at 0 on both
 * sides), so the database can index exact criteria by it. Returns 0,
 * CVG_EPARSE when `v` is not a valid upstream version, CVG_ELIMIT when the
 * number has more than 18 significant digits.
 */
int cvg_version_upstream_key(long long *out, const char *v);

#ifdef __cplusplus
}
#endif
#endif
