/*
 * lib/cve5_match.h - which CVE List v5 data names a component, and what it
 * says about the component's version (library-internal; scan.c drives it).
 * The rules are written down in docs/matching.md section 6.
 */
#ifndef CVG_LIB_CVE5_MATCH_H
#define CVG_LIB_CVE5_MATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "cvegate/cve.h"
#include "cvegate/cve5.h"
#include "cvegate/pkgmap.h"
#include "cvegate/scan.h"

/* A component as the CVE List matching sees it. */
typedef struct cvg__cve5_target {
	const char *name;      /* recipe or source name */
	char *const *packages; /* its binary packages */
	size_t npackages;
	const cvg_product *products; /* its NVD vendor:product names (vendor NULL: any) */
	size_t nproducts;
	const char *version; /* as its packaging writes it */
	cvg_version_scheme scheme;
} cvg__cve5_target;

/*
 * The name keys (cvg_cve5_name_key) a target is looked up by: its products,
 * its name and its packages, without repeats. Writes at most `max` keys of
 * CVG_CVE5_NAME_KEY_MAX bytes each into keys[]; returns how many.
 */
size_t cvg__cve5_target_keys(
        char (*keys)[CVG_CVE5_NAME_KEY_MAX], size_t max, const cvg__cve5_target *t);

/*
 * Does an affected entry name the target? Through one of its CPEs (vendor
 * and product equal to one of the target's products), its product (name
 * key equal to a target product's or to the target's name; vendors are not
 * compared), or its packageName (equal to the target's name or a
 * package's). On a hit *product says which target product, or NULL when
 * the match was by name.
 */
bool cvg__cve5_entry_names(
        const cvg_cve5_affected *a, const cvg__cve5_target *t, const cvg_product **product);

/* Does a vulnerable criterion of a configuration name one of the target's products? */
bool cvg__cve5_config_names(const cvg_config *cfg, const cvg__cve5_target *t);

typedef enum cvg__cve5_outcome {
	CVG__CVE5_NOT_NAMED = 0, /* no entry of the layer names the target */
	CVG__CVE5_NOT_AFFECTED = 1,
	CVG__CVE5_AFFECTED = 2,
	CVG__CVE5_UNASSESSED = 3,
} cvg__cve5_outcome;

typedef struct cvg__cve5_decision {
	cvg__cve5_outcome outcome;
	size_t entry;               /* the affected[] entry that decided (outcomes 2 and 3) */
	cvg_match_kind kind;        /* AFFECTED: range, exact version, or every version */
	char *criterion;            /* AFFECTED and UNASSESSED: readable, a new string */
	const cvg_product *product; /* the target product the entry named, or NULL */
} cvg__cve5_decision;

/*
 * What the affected entries of the ADP containers (adp true) or of the CNA
 * container say about the target. Of the entries naming it: one that finds
 * the version affected decides; else one that finds it unaffected; else one
 * whose versions cannot be compared, or that has no version data, makes it
 * unassessed; else (comparable ranges that do not contain it, no
 * defaultStatus) it is not affected. Returns 0 or CVG_ENOMEM; free
 * out->criterion.
 */
int cvg__cve5_decide(
        cvg__cve5_decision *out, const cvg_cve5 *rec, bool adp, const cvg__cve5_target *t);

/*
 * The record a finding from the CVE List points at, in the NVD model the
 * reports read: id, the CNA's description and title, its dates, assigner,
 * KEV date, CWE ids and references; metrics in the order the score is
 * chosen by: the NVD's Primary ones (from `nvd`, the NVD's unanalysed
 * record, when given), then the CNA's (type "CNA"), then the ADPs' (type
 * "ADP"), each with its container's name as source. Errors: CVG_ENOMEM.
 */
int cvg__cve5_to_cve(cvg_cve **out, const cvg_cve5 *rec, const cvg_cve *nvd);

#endif
