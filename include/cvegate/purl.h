/*
 * cvegate/purl.h - package URLs (purl, github.com/package-url/purl-spec):
 * "pkg:type/namespace/name@version?qualifiers#subpath".
 */
#ifndef CVEGATE_PURL_H
#define CVEGATE_PURL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Longest purl read, in bytes (CVG_ELIMIT above it). */
#define CVG_PURL_MAX 4096
/* Most qualifiers read (CVG_ELIMIT above it). */
#define CVG_PURL_MAX_QUALIFIERS 32

typedef struct cvg_purl_qualifier {
	char *key; /* lower case */
	char *value;
} cvg_purl_qualifier;

/* Every string percent-decoded; NULL when the purl has no such part. */
typedef struct cvg_purl {
	char *type; /* lower case: "deb", "rpm", "generic" */
	char *namespace_;
	char *name;
	char *version;
	cvg_purl_qualifier qualifiers[CVG_PURL_MAX_QUALIFIERS];
	size_t nqualifiers;
	char *subpath;
	char *storage_; /* one allocation holding every string above */
} cvg_purl;

/*
 * Parse s[0..len). Errors: CVG_EPARSE with what was expected (no "pkg:"
 * scheme, no type or name, a bad percent escape, a NUL or control byte),
 * CVG_ELIMIT, CVG_ENOMEM. On error *out needs no disposal.
 */
int cvg_purl_parse(cvg_purl *out, const char *s, size_t len);

/* The value of qualifier `key` (lower case), or NULL. */
const char *cvg_purl_qualifier_get(const cvg_purl *purl, const char *key);

void cvg_purl_dispose(cvg_purl *purl);

#ifdef __cplusplus
}
#endif
#endif
