/*
 * cvegate/inventory.h - package lists as a device's build writes them.
 *
 * Each format is one file under src/lib/inventory/ and one line in the
 * format table (inventory.c). Every package remembers where it came from.
 */
#ifndef CVEGATE_INVENTORY_H
#define CVEGATE_INVENTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "cvegate/error.h"
#include "cvegate/version.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How an inventory entry names its software (docs/mapping.md). */
typedef enum cvg_ident {
	CVG_IDENT_NAME = 0, /* only a name: it goes through the mapping tables */
	CVG_IDENT_CPE = 1,  /* CPE names the inventory gives: matched as they are */
	CVG_IDENT_PURL = 2, /* a purl: its name goes through the mapping tables */
} cvg_ident;

/* An NVD vendor and product a CPE names (unescaped). */
typedef struct cvg_package_cpe {
	char *vendor; /* NULL: any vendor (the CPE's vendor was "*") */
	char *product;
} cvg_package_cpe;

typedef struct cvg_package {
	char *name;           /* package name as listed: "busybox-syslog", "libc6" */
	char *version;        /* packaged version, whole: "1:2.27.1-6ubuntu3.3", "1.24.1-r0.6" */
	char *arch;           /* architecture, or NULL */
	char *source;         /* source package or recipe the list names (dpkg Source:), or NULL */
	char *source_version; /* its version when the list gives one, or NULL */
	cvg_version_scheme scheme; /* how `version` is to be read */
	char *file;                /* the inventory file (or the tag file in a directory) */
	size_t line;               /* 1-based line where the entry starts; 0 if none */
	cvg_ident ident;           /* CPE wins over purl, purl over the name */
	char *ident_text;          /* the first CPE or the purl as the entry gives it, or NULL */
	cvg_package_cpe *cpes;     /* CVG_IDENT_CPE: the products it names */
	size_t ncpes;
	char *cpe_version; /* the CPEs' version when they give one: matched instead of `version` */
	bool distro;       /* a distribution's build (dpkg, rpm, opkg, or a purl that
	                      names a distribution): fixes may be backported */
} cvg_package;

typedef struct cvg_inventory {
	char *format; /* the format that was read: "yocto", "rpm", "swid" */
	cvg_package *packages;
	size_t npackages;
} cvg_inventory;

#define CVG_INVENTORY_LENIENT 1u /* unparsable lines warn instead of failing */

/* Inventory files larger than this are refused (CVG_ELIMIT). */
#define CVG_INVENTORY_MAX_BYTES (64u << 20)

/*
 * Read `path` (a file, or for SWID a directory of .swidtag files; for the
 * JSON SBOM formats also an archive or a directory tree of documents,
 * docs/formats.md) in `format` ("auto", "yocto", "rpm", "dpkg", "swid",
 * "spdx3", ...; NULL means auto). Errors:
 * CVG_EIO, CVG_EPARSE with FILE:LINE: what was expected, CVG_ELIMIT,
 * CVG_EINVAL for an unknown format name, CVG_ENOMEM.
 */
int cvg_inventory_load(cvg_inventory **out, const char *path, const char *format, unsigned flags,
        cvg_warn_fn warn, void *payload);

void cvg_inventory_free(cvg_inventory *inv);

/* The format names, NULL-terminated, for usage text. */
const char *const *cvg_inventory_formats(void);

#ifdef __cplusplus
}
#endif
#endif
