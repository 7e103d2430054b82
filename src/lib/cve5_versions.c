/*
 * lib/cve5_versions.c - the version rules of CVE JSON 5 affected[] entries:
 * is package version V affected, unaffected, unknown, or can it not be told?
 *
 * The rules, from CVEProject/cve-schema, schema/v5.0/docs/versions.md
 * ("CVE 5.0 Product and Version Encodings", sections "Version Status
 * Decisions", "Versions and Version Ranges", "Version Status Changes",
 * "Version Objects") and the version object's field descriptions in the
 * record schema (CVE_Record_Format.json, 5.0-5.2):
 *  1. "for entry in product.versions { if entry matches V { return status
 *     specified by entry for V } } return product.defaultStatus", and
 *     "When defaultStatus is itself omitted, it defaults to unknown".
 *  2. A version object with only `version` (and `status`) matches that one
 *     version. With `lessThan` it matches version <= V < lessThan, with
 *     `lessThanOrEqual` version <= V <= lessThanOrEqual.
 *  3. "by convention, "version": "0" means that the range has no lower
 *     bound, and a * in an upper bound denotes infinity": "lessThan": "*"
 *     has no upper bound, and "lessThan": "2.*" takes in the whole 2.X
 *     series ("* is infinity, not a wildcard pattern"; the kernel CNA
 *     writes the same with lessThanOrEqual, "6.1.*" in CVE-2024-26581).
 *  4. Within a matched range, `changes` switch the status: "status =
 *     entry.status; for change in entry.changes, sorted in increasing
 *     order { if change.at <= V { status = change.status } }", and clients
 *     "must re-sort the list themselves": the change with the greatest
 *     `at` <= V wins (the last one listed among equal ones).
 *  5. "The version type custom ... means that the version status algorithm
 *     cannot be executed"; git versions are ordered by ancestry in a
 *     repository, which a package version cannot be placed in.
 *
 * What cvegate decides on top of the text (docs/cve5.md):
 *  - versionType onto version.h schemes: semver and custom (and an absent
 *    type) compare as upstream versions, rpm as rpm, deb/dpkg/debian as
 *    dpkg, opkg as opkg. `custom` against rule 5 because the CNAs that
 *    matter here (glibc, sudo, U-Boot, Dropbear, OpenSSL 1.1.1) write plain
 *    release numbers under it; the upstream comparison refuses what it
 *    cannot order ("n/a", ">= 1.6.0, < 1.6.51"), and a refusal is treated
 *    like any uncomparable entry. git and every other type cannot be
 *    compared.
 *  - An entry that cannot be compared (that type, a refused version, a
 *    '*' anywhere but at the end of an upper bound, a packaged version of
 *    another scheme) is passed over. If no comparable entry matches, the
 *    fallback (defaultStatus) stands only when no passed-over entry could
 *    have given another status (its status and every change status equal
 *    the fallback); otherwise the verdict is UNASSESSABLE. Entries should
 *    be disjoint (versions.md), so a comparable match decides alone.
 *  - "P.*" as an upper bound: V is below it when V cut to as many
 *    '.'-separated parts as P has compares <= P ("6.1.80" -> "6.1" <= "6.1";
 *    "6.10.1" -> "6.10" > "6.1"); lessThan and lessThanOrEqual alike.
 *  - `changes` of a single-version entry are ignored (such an entry "must
 *    specify both version and status, and no other fields").
 * The package version: an entry compared as upstream sees
 * cvg_version_upstream() of it (the packaging's revision and epoch
 * dropped), an entry of another scheme the whole packaged version, and
 * only when the package uses that scheme.
 */
#include <stdlib.h>
#include <string.h>

#include "cvegate/cve5.h"
#include "cvegate/error.h"
#include "util/error.h"

int cvg_cve5_version_scheme(cvg_version_scheme *out, const char *t)
{
	*out = CVG_VERSION_UPSTREAM;
	if (t == NULL || strcmp(t, "semver") == 0 || strcmp(t, "custom") == 0)
		return 0;
	if (strcmp(t, "rpm") == 0) {
		*out = CVG_VERSION_RPM;
		return 0;
	}
	if (strcmp(t, "deb") == 0 || strcmp(t, "dpkg") == 0 || strcmp(t, "debian") == 0) {
		*out = CVG_VERSION_DPKG;
		return 0;
	}
	if (strcmp(t, "opkg") == 0) {
		*out = CVG_VERSION_OPKG;
		return 0;
	}
	return CVG_EUNSUPPORTED;
}

/* The package version as one entry sees it. */
struct pkg {
	const char *packaged;
	cvg_version_scheme scheme;
	char *upstream; /* cvg_version_upstream(packaged), made on first use */
	bool upstream_tried;
};

/* Results of comparing: below, equal, above, or could not. */
enum { LT = -1, EQ = 0, GT = 1, CANNOT = 2, NOMEM = 3 };

static int cmp3(const char *a, const char *b, cvg_version_scheme scheme)
{
	int c;

	if (strchr(a, '*') || strchr(b, '*') || cvg_version_cmp(&c, a, b, scheme) < 0)
		return CANNOT;
	return c < 0 ? LT : c > 0 ? GT : EQ;
}

/* V against an upper bound: LT, EQ, GT, CANNOT or NOMEM, '*' read as infinity. */
static int cmp_upper(const char *v, const char *bound, cvg_version_scheme scheme)
{
	size_t n = strlen(bound), parts = 1, i;
	const char *cut;
	char *prefix, *vcut;
	int c;

	if (strcmp(bound, "*") == 0)
		return LT;
	if (n < 3 || bound[n - 1] != '*' || bound[n - 2] != '.' ||
	        memchr(bound, '*', n - 1) != NULL)
		return cmp3(v, bound, scheme);
	/* "P.*": V is below it when V cut to P's number of parts is <= P */
	for (i = 0; i < n - 2; i++)
		parts += bound[i] == '.';
	for (cut = v; parts > 0; parts--) {
		const char *dot = strchr(cut, '.');
		if (dot == NULL || parts == 1) {
			cut = dot ? dot : cut + strlen(cut);
			break;
		}
		cut = dot + 1;
	}
	prefix = malloc(n - 1);
	vcut = malloc((size_t)(cut - v) + 1);
	if (prefix == NULL || vcut == NULL) {
		free(prefix);
		free(vcut);
		return NOMEM;
	}
	memcpy(prefix, bound, n - 2);
	prefix[n - 2] = '\0';
	memcpy(vcut, v, (size_t)(cut - v));
	vcut[cut - v] = '\0';
	c = cmp3(vcut, prefix, scheme);
	free(prefix);
	free(vcut);
	/* inside the series is below infinity */
	return c == EQ ? LT : c;
}

/* The version string entry scheme `s` compares, or NULL: cannot. */
static int pkg_version(const char **out, struct pkg *pkg, cvg_version_scheme s)
{
	int error;

	*out = NULL;
	if (s != CVG_VERSION_UPSTREAM) {
		if (pkg->scheme == s)
			*out = pkg->packaged;
		return 0;
	}
	if (!pkg->upstream_tried) {
		pkg->upstream_tried = true;
		error = cvg_version_upstream(&pkg->upstream, pkg->packaged, pkg->scheme);
		if (error == CVG_ENOMEM)
			return error;
	}
	*out = pkg->upstream;
	return 0;
}

/* Does entry e match? *match: 1 yes, 0 no, -1 cannot tell. On yes,
 * *status is the entry's status for V after its changes. */
static int entry_match(
        int *match, cvg_cve5_status *status, const cvg_cve5_version *e, struct pkg *pkg)
{
	cvg_version_scheme s;
	const char *v, *upper = e->less_than ? e->less_than : e->less_than_or_equal;
	const char *best = NULL;
	int c, error;

	*match = -1;
	*status = e->status ? e->status : CVG_CVE5_UNKNOWN;
	if (e->version == NULL || cvg_cve5_version_scheme(&s, e->version_type) < 0)
		return 0;
	if ((error = pkg_version(&v, pkg, s)) < 0)
		return error;
	if (v == NULL)
		return 0;
	if (upper == NULL) {
		if ((c = cmp3(v, e->version, s)) == CANNOT)
			return 0;
		*match = c == EQ;
		return 0;
	}
	/* the range version <= V (<|<=) upper; "0" has no lower bound */
	if (strcmp(e->version, "0") != 0) {
		if ((c = cmp3(v, e->version, s)) == CANNOT)
			return 0;
		if (c == LT) {
			*match = 0;
			return 0;
		}
	}
	if ((c = cmp_upper(v, upper, s)) == NOMEM)
		return cvg__error_oom();
	if (c == CANNOT)
		return 0;
	if (c == GT || (c == EQ && e->less_than != NULL)) {
		*match = 0;
		return 0;
	}
	/* the greatest change at <= V decides; equal ones: the last listed */
	for (size_t i = 0; i < e->nchanges; i++) {
		const cvg_cve5_change *ch = &e->changes[i];
		if (ch->at == NULL || (c = cmp3(v, ch->at, s)) == CANNOT)
			return 0;
		if (c == LT)
			continue;
		if (best != NULL) {
			int d = cmp3(ch->at, best, s);
			if (d == CANNOT)
				return 0;
			if (d == LT)
				continue;
		}
		best = ch->at;
		*status = ch->status ? ch->status : CVG_CVE5_UNKNOWN;
	}
	*match = 1;
	return 0;
}

/* Could entry e give a status other than `fallback`? */
static bool could_differ(const cvg_cve5_version *e, cvg_cve5_status fallback)
{
	if ((e->status ? e->status : CVG_CVE5_UNKNOWN) != fallback)
		return true;
	if (e->less_than == NULL && e->less_than_or_equal == NULL)
		return false;
	for (size_t i = 0; i < e->nchanges; i++)
		if ((e->changes[i].status ? e->changes[i].status : CVG_CVE5_UNKNOWN) != fallback)
			return true;
	return false;
}

int cvg_cve5_version_status(cvg_cve5_verdict *out, const cvg_cve5_affected *aff,
        const char *version, cvg_version_scheme scheme)
{
	struct pkg pkg = {version, scheme, NULL, false};
	cvg_cve5_status fallback = aff->default_status ? aff->default_status : CVG_CVE5_UNKNOWN;
	bool uncertain = false;
	int error = 0;

	out->status = fallback;
	out->entry = CVG_CVE5_NO_ENTRY;
	out->uncompared = 0;
	for (size_t i = 0; i < aff->nversions; i++) {
		cvg_cve5_status st;
		int match;

		if ((error = entry_match(&match, &st, &aff->versions[i], &pkg)) < 0)
			goto done;
		if (match == 1) {
			out->status = st;
			out->entry = i;
			goto done;
		}
		if (match < 0) {
			out->uncompared++;
			uncertain = uncertain || could_differ(&aff->versions[i], fallback);
		}
	}
	if (uncertain)
		out->status = CVG_CVE5_UNASSESSABLE;
done:
	free(pkg.upstream);
	return error;
}
