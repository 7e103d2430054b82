/*
 * lib/match.c - the NVD applicability rules, written down in docs/matching.md.
 *
 * A criterion (CPE 2.3 name plus up to four version bounds) matches an
 * upstream version when:
 *   - bounds present: every given bound holds (start <= / <, end <= / <);
 *     a bound that cannot be compared makes the answer UNKNOWN;
 *   - version `*` and no bounds: every version (kind ANY);
 *   - version `-` (NA): never a versioned package, per the CPE matching rules
 *     (NISTIR 7696: NA matches only NA); reported as NA so it is counted;
 *   - a concrete version: equal to the package version, the update field
 *     continuing it (`8.3` + `p1` is `8.3p1`) unless it is `*` or `-`;
 *     wildcards in the version use CPE name matching.
 * Configurations are evaluated with Kleene's three-valued logic, so that a
 * platform the inventory does not list stays "unknown" rather than false:
 * that is what makes a finding conditional instead of silently dropped.
 */
#include <stdio.h>
#include <string.h>

#include "cvegate/version.h"
#include "lib/match.h"

/* Compare with a bound; false with *unknown set when it cannot be compared. */
static bool bound_holds(
        const char *version, const char *bound, int want_min, int want_max, bool *unknown)
{
	int cmp;

	if (bound == NULL)
		return true;
	if (version == NULL || cvg_version_cmp(&cmp, version, bound, CVG_VERSION_UPSTREAM) < 0) {
		*unknown = true;
		return false;
	}
	return cmp >= want_min && cmp <= want_max;
}

cvg__verdict cvg__match_version(
        cvg_match_kind *kind, const cvg__version_spec *spec, const char *version)
{
	const cvg_cpe_attr *v = spec->version;
	const cvg_cpe_attr *u = spec->update;
	bool ranged = spec->start_incl || spec->start_excl || spec->end_incl || spec->end_excl;
	bool unknown = false;
	char joined[512];
	int cmp;

	if (v->kind == CVG_CPE_NA)
		return CVG_VERDICT_NA;
	if (v->kind == CVG_CPE_ANY) {
		if (!ranged) {
			*kind = CVG_MATCH_ANY;
			return CVG_VERDICT_YES;
		}
		if (bound_holds(version, spec->start_incl, 0, 1, &unknown) &&
		        bound_holds(version, spec->start_excl, 1, 1, &unknown) &&
		        bound_holds(version, spec->end_incl, -1, 0, &unknown) &&
		        bound_holds(version, spec->end_excl, -1, -1, &unknown)) {
			*kind = CVG_MATCH_RANGE;
			return CVG_VERDICT_YES;
		}
		return unknown ? CVG_VERDICT_UNKNOWN : CVG_VERDICT_NO;
	}
	if (version == NULL)
		return CVG_VERDICT_UNKNOWN;
	*kind = CVG_MATCH_EXACT;
	if (v->wildcard)
		return cvg_cpe_attr_match(v, version) ? CVG_VERDICT_YES : CVG_VERDICT_NO;
	if (snprintf(joined, sizeof(joined), "%s%s", v->value,
	            u->kind == CVG_CPE_VALUE && !u->wildcard ? u->value : "") >=
	        (int)sizeof(joined))
		return CVG_VERDICT_UNKNOWN;
	if (cvg_version_cmp(&cmp, version, joined, CVG_VERSION_UPSTREAM) < 0)
		return CVG_VERDICT_UNKNOWN;
	return cmp == 0 ? CVG_VERDICT_YES : CVG_VERDICT_NO;
}

static cvg__tri tri_not(cvg__tri t)
{
	return t == CVG_TRI_UNKNOWN ? t : (t == CVG_TRI_TRUE ? CVG_TRI_FALSE : CVG_TRI_TRUE);
}

/* Fold one more value into an OR or AND accumulator. */
static cvg__tri tri_fold(cvg_op op, cvg__tri acc, cvg__tri t)
{
	cvg__tri dominant = op == CVG_OP_OR ? CVG_TRI_TRUE : CVG_TRI_FALSE;

	if (acc == dominant || t == dominant)
		return dominant;
	if (acc == CVG_TRI_UNKNOWN || t == CVG_TRI_UNKNOWN)
		return CVG_TRI_UNKNOWN;
	return acc;
}

cvg__tri cvg__config_eval(const cvg_config *cfg, cvg__truth_fn truth, void *payload)
{
	cvg__tri acc = cfg->op == CVG_OP_OR ? CVG_TRI_FALSE : CVG_TRI_TRUE;

	for (size_t n = 0; n < cfg->nnodes; n++) {
		const cvg_node *node = &cfg->nodes[n];
		cvg__tri nacc = node->op == CVG_OP_OR ? CVG_TRI_FALSE : CVG_TRI_TRUE;

		for (size_t m = 0; m < node->nmatches; m++)
			nacc = tri_fold(node->op, nacc, truth(&node->matches[m], payload));
		if (node->negate)
			nacc = tri_not(nacc);
		acc = tri_fold(cfg->op, acc, nacc);
	}
	return cfg->negate ? tri_not(acc) : acc;
}
