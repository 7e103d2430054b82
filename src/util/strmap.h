/*
 * util/strmap.h - a string -> index hash map (open addressing, FNV-1a).
 *
 * For the places where a list from outside is matched against itself
 * (package names, CVE ids of an import), so their cost stays linear in the
 * size of the input whatever it is.
 */
#ifndef CVG_UTIL_STRMAP_H
#define CVG_UTIL_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct cvg__strmap {
	char **keys;
	size_t *values;
	size_t cap, count;
} cvg__strmap;

#define CVG__STRMAP_INIT                                                                           \
	{                                                                                          \
		NULL, NULL, 0, 0                                                                   \
	}

/* Insert key -> value unless the key is there; *found says which (may be
 * NULL). The key is copied. Returns 0 or CVG_ENOMEM. */
int cvg__strmap_add(cvg__strmap *m, const char *key, size_t value, bool *found);

/* The value of key in *value; false when absent. */
bool cvg__strmap_get(const cvg__strmap *m, const char *key, size_t *value);

void cvg__strmap_dispose(cvg__strmap *m);

#endif
