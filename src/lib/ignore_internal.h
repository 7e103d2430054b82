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

#endif
