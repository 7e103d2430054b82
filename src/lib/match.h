/*
 * lib/match.h - applicability logic: criteria against components, and the
 * three-valued evaluation of NVD configurations (library-internal).
 */
#ifndef CVG_LIB_MATCH_H
#define CVG_LIB_MATCH_H

#include "cvegate/cpe.h"
#include "cvegate/cve.h"
#include "cvegate/scan.h"

/* Kleene's three values: a platform the inventory does not list is UNKNOWN. */
typedef enum cvg__tri { CVG_TRI_FALSE = 0, CVG_TRI_TRUE = 1, CVG_TRI_UNKNOWN = 2 } cvg__tri;

typedef enum cvg__verdict {
	CVG_VERDICT_NO = 0, /* the version is outside the criterion */
	CVG_VERDICT_YES = 1,
	CVG_VERDICT_NA = 2,      /* criterion version is "-": not for versioned packages */
	CVG_VERDICT_UNKNOWN = 3, /* a version comparison could not be made */
} cvg__verdict;

/* The version part of a criterion: its version and update attributes and bounds. */
typedef struct cvg__version_spec {
	const cvg_cpe_attr *version;
	const cvg_cpe_attr *update;
	const char *start_incl, *start_excl, *end_incl, *end_excl;
} cvg__version_spec;

/*
 * Does upstream version `version` satisfy the version part of a criterion?
 * On YES, *kind says how. `version` NULL means the package version could not
 * be reduced to an upstream one: only an any-version criterion matches then.
 */
cvg__verdict cvg__match_version(
        cvg_match_kind *kind, const cvg__version_spec *spec, const char *version);

/* The truth of one cpe match, supplied by the caller. */
typedef cvg__tri (*cvg__truth_fn)(const cvg_cpe_match *m, void *payload);

/* Evaluate a configuration: operators and negation over nodes and matches. */
cvg__tri cvg__config_eval(const cvg_config *cfg, cvg__truth_fn truth, void *payload);

#endif
