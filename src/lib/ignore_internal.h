/* lib/ignore_internal.h - parse an ignore list held in memory (library-internal). */
#ifndef CVG_LIB_IGNORE_INTERNAL_H
#define CVG_LIB_IGNORE_INTERNAL_H

#include <stddef.h>

#include "cvegate/ignore.h"

/* Ignore lists larger than this are refused (CVG_ELIMIT); see ignore.h. */
#define CVG__IGNORE_MAX_BYTES (16u << 20)

/*
 * Parse data[0..len) as cvg_ignore_load() parses a file; `file` names it in
 * messages and in the result. The entry point of the fuzzer and the unit
 * tests. Errors: CVG_EPARSE, CVG_ELIMIT, CVG_ENOMEM.
 */
int cvg__ignore_parse(cvg_ignore **out, const char *data, size_t len, const char *file,
        cvg_warn_fn warn, void *payload);

/*
 * Add an entry (strings copied; package and justification may be NULL) for
 * `cve`, which must be a CVE id (else CVG_EPARSE, and nothing is added);
 * the list must be sorted again with cvg__ignore_sort() before lookups.
 */
int cvg__ignore_add(cvg_ignore *ign, const char *file, size_t line, const char *cve,
        const char *reason, const char *package, const char *justification);

/* Sort for lookups; of two entries for the same CVE and package the later
 * one stays, with a warning. */
void cvg__ignore_sort(cvg_ignore *ign, cvg_warn_fn warn, void *payload);

/* Parse a VEX or Yocto JSON document held in memory into ign (vex.c); on
 * error ign is as it was. */
int cvg__ignore_parse_vex(cvg_ignore *ign, const char *data, size_t len, const char *file,
        cvg_warn_fn warn, void *payload);

#endif
