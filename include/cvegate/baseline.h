/*
 * cvegate/baseline.h - what is new since the last report: `scan --baseline
 * PREVIOUS.json` (a JSON report, schema cvegate-report/1, of an earlier
 * run) marks each finding new or known, lists the findings the earlier run
 * had and this one has not (resolved), and with --fail-on-new only new
 * findings fail. A finding is the same when its package (component name)
 * and CVE id are: an upgrade that is still vulnerable stays known. A
 * report over several inventories keeps them apart (cvg_baseline_apply).
 */
#ifndef CVEGATE_BASELINE_H
#define CVEGATE_BASELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "cvegate/error.h"
#include "cvegate/scan.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cvg_baseline cvg_baseline;

/* Reports larger than this are refused (CVG_ELIMIT). */
#define CVG_BASELINE_MAX_BYTES (256u << 20)

/*
 * Read a JSON report. Errors: CVG_EIO, CVG_EPARSE (not JSON, not a
 * cvegate-report/1, a finding without package or cve: the message says
 * which), CVG_ELIMIT (size, nesting over 64), CVG_ENOMEM.
 */
int cvg_baseline_load(cvg_baseline **out, const char *path);

void cvg_baseline_free(cvg_baseline *b);

/*
 * Mark res's findings (cvg_finding.novelty) and fill res->resolved, against
 * the baseline's section for `inventory` (the path as given; the run scans
 * `ninventories`): the section naming the same path, else the one that
 * shares the most trailing path components with it (the file name at
 * least) when no other shares as many, else, when the run and the baseline
 * both have one inventory, that one; with none, every finding is new and nothing is
 * resolved. With fail_on_new, a known finding that failed passes
 * (cvg_finding.known_pass) and res->nfailing drops accordingly.
 * 0 or CVG_ENOMEM.
 */
int cvg_baseline_apply(const cvg_baseline *b, cvg_scan_result *res, const char *inventory,
        size_t ninventories, bool fail_on_new);

#ifdef __cplusplus
}
#endif
#endif
