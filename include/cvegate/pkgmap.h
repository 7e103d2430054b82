/*
 * cvegate/pkgmap.h - from package names to NVD vendor:product names.
 *
 * Three layers, first hit wins: the user's map file (--map FILE), the
 * built-in table (names that differ from the NVD product or are ambiguous,
 * built from OE-core CVE_PRODUCT and Debian's CPE list facts), and finally
 * the name itself as a product under any vendor.
 * It also knows how binary package names relate to their source (recipe):
 * libc6 -> glibc, libssl3 -> openssl, and which sub-packages (-dbg, -dev,
 * -doc, -lic, locales) never carry findings of their own.
 */
#ifndef CVEGATE_PKGMAP_H
#define CVEGATE_PKGMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "cvegate/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cvg_pkgmap cvg_pkgmap;

typedef struct cvg_product {
	const char *vendor; /* NULL: any vendor */
	const char *product;
} cvg_product;

/* A map holding the built-in table. Returns 0 or CVG_ENOMEM. */
int cvg_pkgmap_new(cvg_pkgmap **out);

/*
 * Add a user map file: lines `name vendor:product [vendor:product ...]`,
 * `#` comments and blank lines allowed; a bare `product` means any vendor.
 * User entries take precedence over the built-in table. A malformed line
 * is CVG_EPARSE with FILE:LINE and what was expected. Max 1 MiB.
 */
int cvg_pkgmap_load(cvg_pkgmap *map, const char *path);

void cvg_pkgmap_free(cvg_pkgmap *map);

/* Which layer answered a lookup. */
typedef enum cvg_pkgmap_origin {
	CVG_PKGMAP_NAME = 0,    /* no table knows the name: it is taken as the product */
	CVG_PKGMAP_BUILTIN = 1, /* the built-in table */
	CVG_PKGMAP_USER = 2,    /* the user's map file */
} cvg_pkgmap_origin;

/*
 * The NVD products for a source/recipe name. *out points into the map (valid
 * until it is freed), *count >= 1. A name in no table yields one entry
 * {NULL, name}, held per thread until its next lookup and pointing at the
 * caller's `name`. `*origin` says which layer gave it. Returns 0.
 */
int cvg_pkgmap_lookup(const cvg_product **out, size_t *count, cvg_pkgmap_origin *origin,
        const cvg_pkgmap *map, const char *name);

/* "plain name", "mapping table", "user map". */
const char *cvg_pkgmap_origin_name(cvg_pkgmap_origin origin);

/*
 * The source (recipe) name for a binary package name when a fixed rule knows
 * it: libc6/libc6-dev/glibc-* -> glibc, libssl3/libcrypto3 -> openssl,
 * libcurl4 -> curl, and the like. Returns a string owned by the map or by
 * the caller's `name` argument (the name itself when no rule applies).
 */
const char *cvg_pkgmap_source_name(const cvg_pkgmap *map, const char *name);

/*
 * True for sub-packages that never carry findings of their own:
 * -lic, -dbg, -doc, -dev, -staticdev, -src, -ptest, -locale-*, -localedata-*.
 */
bool cvg_pkgmap_is_auxiliary(const char *name);

#ifdef __cplusplus
}
#endif
#endif
