/*
 * cvegate/ignore.h - the ignore list: `CVE-ID , reason` a line, with
 * optional trailing fields `, package=NAME|vendor:product`,
 * `, expires=YYYY-MM-DD` and `, justification=VALUE`.
 *
 * LibScanner's format keeps working: blank lines and `#` comments allowed,
 * the reason may itself contain commas, a bare CVE-ID gets the reason "N/A"
 * and a warning. A line without a valid CVE id, a bad date or an unknown
 * justification is CVG_EPARSE with FILE:LINE (docs/triage.md).
 */
#ifndef CVEGATE_IGNORE_H
#define CVEGATE_IGNORE_H

#include <stdbool.h>
#include <stddef.h>

#include "cvegate/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cvg_ignore_entry {
	char *cve;            /* "CVE-2014-0160", upper case */
	char *reason;         /* trimmed; "N/A" when none was given */
	bool no_reason;       /* none was given (an error under --require-reason) */
	char *package;        /* package=: a package or component name or vendor:product, or
	                         NULL: every package */
	char *expires;        /* expires=: "YYYY-MM-DD" (inclusive, UTC), or NULL */
	long long expires_at; /* the first second after that day, or 0 */
	char *justification;  /* justification=: a CycloneDX or OpenVEX value, or NULL */
	char *file;           /* the list or VEX document it came from */
	size_t line;          /* its line there; 0 for a JSON document */
	size_t used;          /* how many findings it suppressed; set by the scan */
	size_t expired;       /* how many findings it no longer suppressed; set by the scan */
} cvg_ignore_entry;

typedef struct cvg_ignore {
	char *file;                /* the first file read */
	cvg_ignore_entry *entries; /* sorted by cve, then package, for lookup */
	size_t nentries;
	size_t cap_; /* allocated entries */
} cvg_ignore;

/* Max 16 MiB. Errors: CVG_EIO, CVG_EPARSE, CVG_ELIMIT, CVG_ENOMEM. */
int cvg_ignore_load(cvg_ignore **out, const char *path, cvg_warn_fn warn, void *payload);

/*
 * Add the judgements of a VEX document or Yocto CVE record to *ign (a new
 * list when *ign is NULL) - docs/triage.md, "VEX documents":
 *  - OpenVEX (0.2.0 and earlier): not_affected and fixed statements
 *    suppress, with the justification and the impact statement as reason;
 *  - CycloneDX VEX: vulnerabilities whose analysis.state is not_affected,
 *    false_positive, resolved or resolved_with_pedigree suppress;
 *  - Yocto's cve-check JSON and the vex class's JSON: issues whose status is
 *    Patched or Ignored suppress for that recipe, with the detail and
 *    description as reason.
 * Statements that keep a finding (affected, exploitable, in_triage,
 * under_investigation, Unpatched) add nothing. Max 16 MiB, nesting 64.
 * Errors: CVG_EIO, CVG_EPARSE (not JSON, or none of these documents),
 * CVG_ELIMIT, CVG_ENOMEM; on error *ign is unchanged.
 */
int cvg_ignore_load_vex(cvg_ignore **ign, const char *path, cvg_warn_fn warn, void *payload);

/* The first entry for a CVE id (entries of one id are adjacent), or NULL. */
cvg_ignore_entry *cvg_ignore_lookup(const cvg_ignore *ign, const char *cve);

/*
 * The entry that applies to `cve` in a component known by the names in
 * names[0..n) (its name, its packages, its vendor:product products): an
 * entry naming one of them wins over an entry without package=; NULL when
 * none applies. Expiry is the caller's to check (cvg_ignore_expired).
 */
cvg_ignore_entry *cvg_ignore_find(
        const cvg_ignore *ign, const char *cve, const char *const *names, size_t n);

/* Whether the entry has expired at `now` (seconds since the epoch). */
bool cvg_ignore_expired(const cvg_ignore_entry *e, long long now);

/* Whether `value` is a justification CycloneDX or OpenVEX defines. */
bool cvg_ignore_justification_known(const char *value);

/*
 * A justification (either list's) as CycloneDX's and as OpenVEX's value,
 * or NULL when that list has no equivalent (docs/triage.md has the table).
 */
const char *cvg_ignore_justification_cyclonedx(const char *value);
const char *cvg_ignore_justification_openvex(const char *value);

void cvg_ignore_free(cvg_ignore *ign);

#ifdef __cplusplus
}
#endif
#endif
