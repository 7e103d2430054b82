/*
 * cvegate/ignore.h - the ignore list: `CVE-ID , reason` a line.
 *
 * LibScanner's format: blank lines and `#` comments allowed, the reason may
 * itself contain commas, a bare CVE-ID gets the reason "N/A" and a warning.
 * A line without a valid CVE id is CVG_EPARSE with FILE:LINE.
 */
#ifndef CVEGATE_IGNORE_H
#define CVEGATE_IGNORE_H

#include <stddef.h>

#include "cvegate/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cvg_ignore_entry {
	char *cve;    /* "CVE-2014-0160", upper case */
	char *reason; /* trimmed; "N/A" when none was given */
	size_t line;
	size_t used; /* how many findings it suppressed; set by the caller */
} cvg_ignore_entry;

typedef struct cvg_ignore {
	char *file;
	cvg_ignore_entry *entries; /* sorted by cve for lookup */
	size_t nentries;
} cvg_ignore;

/* Max 16 MiB. Errors: CVG_EIO, CVG_EPARSE, CVG_ELIMIT, CVG_ENOMEM. */
int cvg_ignore_load(cvg_ignore **out, const char *path, cvg_warn_fn warn, void *payload);

/* The entry for a CVE id, or NULL. */
cvg_ignore_entry *cvg_ignore_lookup(const cvg_ignore *ign, const char *cve);

void cvg_ignore_free(cvg_ignore *ign);

#ifdef __cplusplus
}
#endif
#endif
