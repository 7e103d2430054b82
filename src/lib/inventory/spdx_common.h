/*
 * lib/inventory/spdx_common.h - what the SPDX 2.x JSON (spdx.c) and
 * tag-value (spdx_tv.c) readers share: one package entry as it is collected
 * field by field, and the rules that turn it into an inventory package
 * (docs/formats.md, "SPDX 2.2/2.3 (JSON and tag-value)"). Library-internal.
 */
#ifndef CVG_LIB_INVENTORY_SPDX_COMMON_H
#define CVG_LIB_INVENTORY_SPDX_COMMON_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/inventory/inventory_internal.h"
#include "util/buf.h"

/* Longest name, version, SPDXID or reference locator kept (longer: a problem). */
#define CVG__SPDX_VALUE_MAX 4096
/* Identity references (CPEs, purls) kept per package (more: a problem). */
#define CVG__SPDX_MAX_REFS 64
/* Packages read from one document (more: CVG_ELIMIT). */
#define CVG__SPDX_MAX_PACKAGES 1000000

typedef enum cvg__spdx_ref_kind {
	CVG__SPDX_REF_OTHER = 0, /* not an identity: ignored */
	CVG__SPDX_REF_CPE,       /* cpe22Type or cpe23Type */
	CVG__SPDX_REF_PURL,      /* purl */
} cvg__spdx_ref_kind;

typedef struct cvg__spdx_ref {
	cvg__spdx_ref_kind kind;
	size_t off, len; /* the locator, in cvg__spdx_pkg.locators */
	size_t line;
} cvg__spdx_ref;

/* One package entry being collected. */
typedef struct cvg__spdx_pkg {
	const char *name_field;    /* "\"name\"" or "PackageName", for messages */
	const char *version_field; /* "\"versionInfo\"" or "PackageVersion" */
	size_t line;               /* where the entry starts */
	bool has_name, has_version;
	cvg_buf name, version, spdxid;
	cvg_buf locators;
	cvg__spdx_ref refs[CVG__SPDX_MAX_REFS];
	size_t nrefs;
	cvg_buf problem; /* the entry's first problem, or empty */
} cvg__spdx_pkg;

/* Entries read but left out, for the warnings at the end of a document. */
typedef struct cvg__spdx_skips {
	size_t unversioned; /* no version, and no CPE or purl giving one */
	size_t roots;       /* the scanned image or directory itself */
	size_t vendorless;  /* CPEs naming ANY vendor, ignored */
} cvg__spdx_skips;

void cvg__spdx_pkg_init(cvg__spdx_pkg *pkg, const char *name_field, const char *version_field);
/* Start a new entry at `line`, forgetting the previous one. */
void cvg__spdx_pkg_reset(cvg__spdx_pkg *pkg, size_t line);
void cvg__spdx_pkg_dispose(cvg__spdx_pkg *pkg);

/* Record the entry's first problem (later ones are dropped). */
void cvg__spdx_pkg_problem(cvg__spdx_pkg *pkg, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

/*
 * Set one of the entry's fields (pkg->name, pkg->version or pkg->spdxid)
 * from s[0..len) given at `line` as `what`: trimmed; longer than
 * CVG__SPDX_VALUE_MAX or holding control characters is a problem of the
 * entry. 0 or CVG_ENOMEM.
 */
int cvg__spdx_pkg_set(cvg__spdx_pkg *pkg, cvg_buf *field, const char *file, const char *what,
        const char *s, size_t len, size_t line);

/* What an external reference's type names: the SPDX 2.x types cpe22Type,
 * cpe23Type and purl, also as the RDF URI .../references/cpe23Type. */
cvg__spdx_ref_kind cvg__spdx_ref_kind_of(const char *type, size_t len);

/*
 * Keep an identity reference (kind CPE or PURL) whose locator is
 * loc[0..len) at `line`. Too many or too long is a problem of the entry.
 * 0 or CVG_ENOMEM.
 */
int cvg__spdx_pkg_add_ref(cvg__spdx_pkg *pkg, const char *file, cvg__spdx_ref_kind kind,
        const char *loc, size_t len, size_t line);

/*
 * The entry is complete: report its problem, skip it (counted in `skips`)
 * when it has no version or stands for the scanned image, or add it to
 * ctx with its CPEs and purl. 0 or a CVG_E* code.
 */
int cvg__spdx_pkg_finish(cvg__inv_ctx *ctx, cvg__spdx_pkg *pkg, cvg__spdx_skips *skips);

/* Pass one warning for each kind of skipped entry to ctx->warn. */
void cvg__spdx_report_skips(cvg__inv_ctx *ctx, const cvg__spdx_skips *skips);

/* Whether s[0..len) starts with "SPDX-2." (the version SPDX 2.x documents give). */
bool cvg__spdx_is_v2(const char *s, size_t len);

#endif
