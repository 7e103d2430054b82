/*
 * cvegate/scan.h - match an inventory against the database: findings.
 *
 * Packages built from one recipe or source package at one version are
 * grouped into a component; each CVE is reported once per component.
 * The rules are written down in docs/matching.md.
 */
#ifndef CVEGATE_SCAN_H
#define CVEGATE_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "cvegate/cve.h"
#include "cvegate/ignore.h"
#include "cvegate/inventory.h"
#include "cvegate/pkgmap.h"
#include "cvegate/version.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cvg_db cvg_db;

typedef enum cvg_match_kind {
	CVG_MATCH_RANGE = 0, /* a version range of the criterion contains it */
	CVG_MATCH_EXACT = 1, /* the criterion names this exact version */
	CVG_MATCH_ANY = 2,   /* the criterion's version is `*` with no range */
} cvg_match_kind;

typedef struct cvg_component {
	char *name;     /* recipe or source name: "busybox", "glibc" */
	char *version;  /* packaged version: "1.24.1-r0" */
	char *upstream; /* what NVD bounds are compared with: "1.24.1" */
	cvg_version_scheme scheme;
	char **packages; /* binary packages it covers, in inventory order */
	size_t npackages;
	const char *file; /* where its first package was listed */
	size_t line;
	char *products;              /* "vendor:product ..." looked up; "*:name" for any vendor */
	cvg_ident ident;             /* how its first package named it: CPE, purl or name */
	const char *ident_text;      /* that CPE or purl as given (the inventory's), or NULL */
	const cvg_package_cpe *cpes; /* CVG_IDENT_CPE: the products, the inventory's */
	size_t ncpes;
	cvg_pkgmap_origin origin;   /* which mapping layer named the products (not for CPEs) */
	bool distro;                /* a distribution's build: the fix may be backported */
	const char *distro_version; /* the full version of its first distribution package */
	size_t nrows;               /* criteria rows of its products in the database: 0 means no
	                               record names them, a likely naming gap ("unmapped") */
	size_t nrecords;            /* CVE List records indexed under one of its names (its
	                               products, its name, its packages; a record counted once
	                               per name): with nrows 0 and this 0 it is unmapped */
	bool auxiliary;             /* only -dbg/-dev/-doc/-lic/locale packages: not matched */
	size_t nskipped;            /* criteria skipped: incomparable versions, NA versions */
	char **skipped;             /* one line each: "CVE-ID criterion: reason" */
	bool explained;             /* it holds the package cvg_scan_options.explain names */
	size_t ntried; /* explained: vulnerable criteria of its products compared with it */
	char **tried;  /* "CVE-ID criterion bounds: verdict", the first CVG_SCAN_TRIED_MAX */
} cvg_component;

/* The most criteria an explained component lists (the rest are only counted). */
#define CVG_SCAN_TRIED_MAX 100000

/* Against a --baseline report (cvegate/baseline.h). */
typedef enum cvg_novelty {
	CVG_NOVELTY_NONE = 0,  /* no baseline given */
	CVG_NOVELTY_NEW = 1,   /* not in the baseline */
	CVG_NOVELTY_KNOWN = 2, /* the baseline had it too */
} cvg_novelty;

/* Where a finding's applicability came from, in the order the merge of the
 * two sources tries them per CVE (docs/matching.md section 6): the NVD's
 * configurations when the NVD has analysed the CVE; otherwise, from the CVE
 * List v5 record, an ADP container's affected entries and CPEs, else the
 * CNA's cpeApplicability, else the CNA's affected entries. */
typedef enum cvg_origin {
	CVG_ORIGIN_NVD = 0,     /* NVD configurations */
	CVG_ORIGIN_ADP = 1,     /* an ADP container's affected entries (CISA's above all) */
	CVG_ORIGIN_CNA_CPE = 2, /* the CNA's cpeApplicability */
	CVG_ORIGIN_CNA = 3,     /* the CNA's affected entries and their version ranges */
} cvg_origin;

/* "nvd", "adp", "cna-cpe", "cna". */
const char *cvg_origin_name(cvg_origin origin);

typedef struct cvg_finding {
	size_t component;   /* index into cvg_scan_result.components */
	const cvg_cve *cve; /* owned by the result */
	cvg_match_kind kind;
	bool conditional; /* a "running on"/"used with" part is absent */
	char *criterion;  /* matched criterion and its bounds, readable */
	char *vendor;     /* vendor:product that matched */
	char *product;
	char *condition;                 /* conditional: the platform part the inventory lacks */
	const cvg_metric *metric;        /* the score used by the gate, or NULL */
	const cvg_ignore_entry *ignored; /* the ignore entry that suppresses it, or NULL */
	const cvg_ignore_entry *expired; /* an entry that would, had it not expired, or NULL */
	bool below_threshold;            /* passes only because its score is under -a */
	cvg_novelty novelty;             /* against a --baseline report, when given */
	bool known_pass;      /* would fail, but passes: known since the baseline (--fail-on-new) */
	bool failing;         /* fails the gate */
	cvg_origin origin;    /* where its applicability came from */
	const char *provider; /* CVE List origins: the container that gave it ("CISA-ADP",
	                         "Google", "mitre"), owned by the result; NULL for the NVD */
	bool unassessed;      /* the record names this product, but its version data cannot be
	                         compared with this version (git ranges, no versions, a
	                         version scheme cvegate does not know): listed in every report,
	                         passes unless cvg_scan_options.fail_on_unassessed; `criterion`
	                         says why. The score in `metric` is not checked against -a for it */
} cvg_finding;

/* Severity on the CVSS v3 scale, which the gate applies to every version:
 * low 0.1-3.9, medium 4.0-6.9, high 7.0-8.9, critical 9.0-10.0. */
typedef enum cvg_severity {
	CVG_SEV_NONE = 0,
	CVG_SEV_LOW = 1,
	CVG_SEV_MEDIUM = 2,
	CVG_SEV_HIGH = 3,
	CVG_SEV_CRITICAL = 4,
} cvg_severity;

/* The severity of a score ("9.8"); CVG_SEV_NONE for 0.0 or no score. */
cvg_severity cvg_severity_of_score(const char *score);

/* "low", "medium", "high", "critical", "none". */
const char *cvg_severity_name(cvg_severity s);

typedef struct cvg_scan_options {
	const cvg_pkgmap *map;    /* required */
	const cvg_ignore *ignore; /* may be NULL */
	double min_score;         /* -a: fail only at or above; < 0 means unset */
	bool strict;              /* conditional findings fail too */
	bool full_records;        /* also load CWE ids and references into the records (for
	                             reports that show them); JUnit needs only description,
	                             dates and scores */
	const char *explain;      /* a package or component name: its components record
	                             every criterion tried (cvg_component.tried), or NULL */
	long long now;            /* seconds since the epoch, for ignore entries' expiry;
	                             0: the clock */
	int cvss;                 /* --cvss: 4, 3 or 2 picks the score version the gate uses
	                             (cvg_scan_pick_metric); 0: the newest */
	cvg_severity fail_on;     /* --fail-on: fail only at or above; CVG_SEV_NONE: unset */
	bool unscored_pass;       /* --unscored pass: findings without a score pass */
	bool fail_on_unassessed;  /* --fail-on-unassessed: unassessed findings fail */
} cvg_scan_options;

typedef struct cvg_scan_result {
	cvg_component *components; /* sorted by name, version */
	size_t ncomponents;
	cvg_finding *findings; /* sorted by component, then CVE id */
	size_t nfindings;
	cvg_cve **cves; /* the records the findings point into */
	size_t ncves;
	size_t nfailing;
	size_t nignored;
	size_t nconditional;
	size_t nbelow;
	size_t nexpired;     /* findings that fail because their ignore entry expired */
	size_t nnew, nknown; /* against a baseline */
	char **resolved;     /* "PACKAGE CVE-ID" the baseline had and this scan has not */
	size_t nresolved;
	size_t nunmapped;   /* components no record names (cvg_component_unmapped) */
	size_t nunassessed; /* findings whose versions could not be compared */
	const char *db_path;
	char *db_updated; /* newest feed timestamp in the database, or NULL */
} cvg_scan_result;

/* Errors: CVG_EDB, CVG_ENOMEM. */
int cvg_scan(
        cvg_scan_result **out, cvg_db *db, const cvg_inventory *inv, const cvg_scan_options *opts);

void cvg_scan_result_free(cvg_scan_result *res);

/*
 * The score the gate uses: the Primary metric of the newest CVSS version
 * present (4.0, 3.1, 3.0, 2.0), else a Secondary or CNA one (type
 * "Secondary" or "CNA") of the newest version, else an ADP one (type
 * "ADP"); NULL when the record has no score.
 */
const cvg_metric *cvg_scan_gate_metric(const cvg_cve *cve);

/*
 * The score the gate uses under --cvss `version` (4, 3 or 2; 0 means
 * cvg_scan_gate_metric()): the Primary metric of that version, else a
 * Secondary/CNA one, else an ADP one (3 takes 3.1 before 3.0); when the record has none of
 * that version, the newest it has (cvg_scan_gate_metric()), so a finding is
 * never left unscored while a score exists. NULL when it has no score.
 */
const cvg_metric *cvg_scan_pick_metric(const cvg_cve *cve, int version);

const char *cvg_match_kind_name(cvg_match_kind kind);

/* What the gate made of a finding, one word for every report:
 * "ignored", "failing", "conditional", "unassessed", "below_threshold",
 * "known" (passes under --fail-on-new), "passing". */
const char *cvg_finding_status(const cvg_finding *f);

/* How a component was identified, for reports: "SBOM CPE", "purl, mapping
 * table", "mapping table", "user map", "plain name". */
const char *cvg_component_identified(const cvg_component *c);

/* A component that is matched but that no record names: no NVD criterion
 * names its products and no CVE List record is indexed under its names. */
bool cvg_component_unmapped(const cvg_component *c);

#ifdef __cplusplus
}
#endif
#endif
