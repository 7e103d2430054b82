/*
 * lib/pkgmap_internal.h - what pkgmap.c and pkgmap_table.c share, and the
 * parse-from-memory entry point the fuzz target and unit tests use.
 */
#ifndef CVG_LIB_PKGMAP_INTERNAL_H
#define CVG_LIB_PKGMAP_INTERNAL_H

#include <stddef.h>

#include "cvegate/pkgmap.h"

/* A built-in mapping: a source/recipe name and its products written as in a
 * user map file ("vendor:product" or a bare "product", space-separated). */
typedef struct cvg__pkgmap_builtin {
	const char *name;
	const char *products;
} cvg__pkgmap_builtin;

/* How a source rule matches a binary package name. */
typedef enum cvg__pkgmap_rule_kind {
	CVG__PKGMAP_EXACT = 0, /* the whole name */
	CVG__PKGMAP_STEM = 1,  /* the name, or the name followed by [0-9.-] and anything */
} cvg__pkgmap_rule_kind;

/* A binary -> source rule. A NULL source means "no rule: keep the name";
 * it carves an exception out of a shorter stem (systemd-conf is its own
 * recipe, not systemd). */
typedef struct cvg__pkgmap_rule {
	const char *pattern;
	const char *source;
} cvg__pkgmap_rule;

/* Sorted by name (strcmp), no duplicates; checked by the unit test. */
extern const cvg__pkgmap_builtin cvg__pkgmap_builtins[];
extern const size_t cvg__pkgmap_nbuiltins;

/* Sorted by pattern (strcmp), no duplicates. */
extern const cvg__pkgmap_rule cvg__pkgmap_exact_rules[];
extern const size_t cvg__pkgmap_nexact_rules;
extern const cvg__pkgmap_rule cvg__pkgmap_stem_rules[];
extern const size_t cvg__pkgmap_nstem_rules;

/* Recipes whose OE-core CVE_PRODUCT is empty (they opt out of CVE checks);
 * sorted. cvg_pkgmap_is_auxiliary() is true for them. */
extern const char *const cvg__pkgmap_optouts[];
extern const size_t cvg__pkgmap_noptouts;

/*
 * Parse a user map held in memory (`len` bytes, need not be NUL-terminated)
 * and add it to `map`, as cvg_pkgmap_load() does for a file. `path` names the
 * input in messages. On error the map is unchanged. Returns 0, CVG_EPARSE,
 * CVG_ELIMIT (over 1 MiB) or CVG_ENOMEM.
 */
int cvg__pkgmap_load_buffer(cvg_pkgmap *map, const char *data, size_t len, const char *path);

#endif
