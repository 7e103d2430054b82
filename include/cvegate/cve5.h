/*
 * cvegate/cve5.h - streaming reader for CVE JSON 5 records (the CVE
 * Program's "CVE List v5", schema 5.0 to 5.2), and the version rules of
 * their affected[] entries.
 *
 * One record per JSON document, read from a single file, from a directory
 * tree laid out like github.com/CVEProject/cvelistV5 (cves/YYYY/NNxxx/
 * CVE-YYYY-NNNNN.json), or from the zip archives the CVE Program publishes
 * (the full "..._all_CVEs_at_midnight.zip.zip", a zip holding cves.zip, and
 * the delta zips). Each record is handed to a callback as soon as it is
 * read. What is kept, and from which container, is in the model below;
 * everything else in a record is skipped. docs/cve5.md describes the model,
 * the version rules and the limits.
 *
 * Every piece of a record (affected entry, CPE configuration, metric, CWE,
 * reference, KEV entry) names the container it came from: an index into
 * `containers`, whose element says whether it is the CNA container or an
 * ADP one and who provided it (providerMetadata).
 */
#ifndef CVEGATE_CVE5_H
#define CVEGATE_CVE5_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cvegate/cve.h"
#include "cvegate/version.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- The model ---- */

/* A version status of the schema, and the verdicts of
 * cvg_cve5_version_status() (which adds UNASSESSABLE). */
typedef enum cvg_cve5_status {
	CVG_CVE5_NONE = 0,         /* not given (defaultStatus absent: read as unknown) */
	CVG_CVE5_AFFECTED = 1,     /* "affected" */
	CVG_CVE5_UNAFFECTED = 2,   /* "unaffected" */
	CVG_CVE5_UNKNOWN = 3,      /* "unknown" */
	CVG_CVE5_UNASSESSABLE = 4, /* verdict only: the versions cannot be compared */
} cvg_cve5_status;

typedef struct cvg_cve5_change {
	char *at; /* the version at which the status changes */
	cvg_cve5_status status;
} cvg_cve5_change;

/* One versions[] element: a single version, or a range when less_than or
 * less_than_or_equal is set. Strings as given; NULL when absent. */
typedef struct cvg_cve5_version {
	char *version; /* the single version, or the start of the range ("0": none) */
	cvg_cve5_status status;
	char *version_type; /* "semver", "custom", "git", "rpm", ... */
	char *less_than;
	char *less_than_or_equal;
	cvg_cve5_change *changes;
	size_t nchanges;
} cvg_cve5_version;

typedef struct cvg_cve5_affected {
	size_t container; /* index into cvg_cve5.containers */
	char *vendor;
	char *product;
	char *package_name;
	char *collection_url;
	char *repo;
	char **cpes; /* CPE 2.2 or 2.3 names, as given */
	size_t ncpes;
	cvg_cve5_status default_status; /* NONE when absent */
	cvg_cve5_version *versions;
	size_t nversions;
} cvg_cve5_affected;

typedef struct cvg_cve5_container {
	bool adp;           /* false: the CNA container */
	char *org_id;       /* providerMetadata.orgId */
	char *short_name;   /* providerMetadata.shortName ("CISA-ADP", "Google", ...) */
	char *date_updated; /* providerMetadata.dateUpdated */
	char *title;
} cvg_cve5_container;

/* A CPE applicability statement (cpeApplicability[] element): the NVD
 * configuration model, evaluated by the same code as NVD configurations. */
typedef struct cvg_cve5_config {
	size_t container;
	cvg_config config;
} cvg_cve5_config;

/* A CVSS score (metrics[].cvssV2_0/V3_0/V3_1/V4_0). metric.source is the
 * container's shortName (orgId when it has none), metric.type is "CNA" or
 * "ADP" (never "Primary": that word belongs to the NVD). */
typedef struct cvg_cve5_metric {
	size_t container;
	cvg_metric metric;
} cvg_cve5_metric;

/* problemTypes[].descriptions[].cweId */
typedef struct cvg_cve5_cwe {
	size_t container;
	char *cwe; /* "CWE-787" */
} cvg_cve5_cwe;

typedef struct cvg_cve5_reference {
	size_t container;
	char *url;
	char *tags; /* comma-separated, or NULL */
} cvg_cve5_reference;

/* metrics[].other {type: "kev", content: {dateAdded, reference}}: CISA's
 * Known Exploited Vulnerabilities catalogue, as CISA's ADP container says. */
typedef struct cvg_cve5_kev {
	size_t container;
	char *date_added; /* "2025-09-29" */
	char *reference;
} cvg_cve5_kev;

typedef struct cvg_cve5 {
	char *id;           /* cveMetadata.cveId, checked: CVE-YYYY-NNNN... */
	bool rejected;      /* cveMetadata.state REJECTED (else PUBLISHED) */
	char *data_version; /* "5.0", "5.1", "5.2" */
	char *assigner_org_id;
	char *assigner; /* assignerShortName */
	char *date_published;
	char *date_updated;
	char *date_reserved;
	char *description; /* the CNA's English description; for a REJECTED
	                      record its English rejectedReasons text */
	char *title;       /* the CNA's title */

	cvg_cve5_container *containers;
	size_t ncontainers;
	cvg_cve5_affected *affected;
	size_t naffected;
	cvg_cve5_config *configs;
	size_t nconfigs;
	cvg_cve5_metric *metrics;
	size_t nmetrics;
	cvg_cve5_cwe *cwes;
	size_t ncwes;
	cvg_cve5_reference *references;
	size_t nreferences;
	cvg_cve5_kev *kevs;
	size_t nkevs;
} cvg_cve5;

/* Free a record and everything it owns. Accepts NULL. */
void cvg_cve5_free(cvg_cve5 *rec);

/* "affected", "unaffected", "unknown", "unassessable"; "none" for NONE. */
const char *cvg_cve5_status_name(cvg_cve5_status status);

/* The name a container goes by: shortName, else orgId, else "cna"/"adp".
 * `container` must be < rec->ncontainers. */
const char *cvg_cve5_container_name(const cvg_cve5 *rec, size_t container);

/* ---- Reading ---- */

typedef struct cvg_cve5_limits {
	size_t max_token;   /* bytes of one string, key or number */
	size_t max_depth;   /* JSON nesting depth */
	size_t max_record;  /* bytes of one record document */
	size_t max_files;   /* record files of a tree, members of an archive */
	uint64_t max_total; /* bytes of an archive's members together, inflated */
} cvg_cve5_limits;

/* 512 KiB token (the schema's longest field, supportingMedia, is 16 KiB),
 * depth 64, 16 MiB record, 4,000,000 files, 16 GiB inflated (docs/cve5.md).
 * A field left 0 takes its default. */
#define CVG_CVE5_LIMITS_DEFAULT                                                                    \
	{                                                                                          \
		512u << 10, 64, 16u << 20, 4000000u, 16ull << 30                                   \
	}

typedef struct cvg_cve5_info {
	size_t records;      /* records handed to the callback */
	size_t rejected;     /* of which REJECTED */
	size_t skipped;      /* files or members that are no CVE record by name (delta.json, ...),
	                        symlinks and special files */
	uint64_t json_bytes; /* bytes of record documents read */
} cvg_cve5_info;

/*
 * Called once per record. The callback owns `rec` (free it with
 * cvg_cve5_free). `where` names the document ("DIR/cves/2025/6xxx/
 * CVE-2025-6965.json", "ARCHIVE!cves.zip!cves/2025/...") and is valid only
 * during the call. A negative return stops the reader, which returns it.
 */
typedef int (*cvg_cve5_record_fn)(cvg_cve5 *rec, const char *where, void *payload);

/*
 * Parse one record document held in memory; `name` is used in messages
 * ("NAME: byte N: expected ..."). Errors: CVG_EPARSE (malformed JSON,
 * invalid UTF-8, a known key with a value of the wrong type, no cveId or
 * state, not dataVersion 5.x), CVG_ELIMIT, CVG_ENOMEM. On success *out is a
 * new record the caller frees.
 */
int cvg_cve5_parse(cvg_cve5 **out, const char *name, const char *data, size_t len,
        const cvg_cve5_limits *limits);

/*
 * Read a single record file, a directory tree (every regular file named
 * CVE-*.json below it, in sorted path order, hidden entries and symlinks
 * skipped, at most 8 levels), or a zip archive (detected by content; zip
 * members named *.zip are opened one level down, so the full archive's
 * cves.zip is read in the same pass). `limits` NULL means the defaults.
 * Errors: CVG_EIO, CVG_EPARSE (the message names the document and the
 * byte), CVG_ELIMIT (also a zip bomb: see docs/cve5.md), CVG_ENOMEM, or
 * the callback's. Records delivered before an error stay delivered: the
 * caller rolls back.
 */
int cvg_cve5_read_path(const char *path, const cvg_cve5_limits *limits, cvg_cve5_record_fn fn,
        void *payload, cvg_cve5_info *info);

/* The same for a zip archive held in memory; `name` is used in messages. */
int cvg_cve5_read_zip_mem(const char *name, const void *data, size_t len,
        const cvg_cve5_limits *limits, cvg_cve5_record_fn fn, void *payload, cvg_cve5_info *info);

/* ---- Writing (lib/cve5_write.c) ---- */

/*
 * Write `rec` as a compact CVE JSON 5 document (dataType CVE_RECORD,
 * cveMetadata, containers.cna and adp[] with providerMetadata, descriptions
 * or rejectedReasons, affected, cpeApplicability, metrics with KEV entries,
 * problemTypes, references, title) holding exactly what the model keeps:
 * cvg_cve5_parse() of it gives a record equal to `rec` when `rec` came
 * from cvg_cve5_parse(). The database stores records this way. *out is a
 * new NUL-terminated string of *len bytes the caller frees. Errors:
 * CVG_EINVAL (no id or dataVersion), CVG_ENOMEM.
 */
int cvg_cve5_write_json(char **out, size_t *len, const cvg_cve5 *rec);

/* ---- Version rules (lib/cve5_versions.c) ---- */

/*
 * The version.h scheme a versionType compares under: "semver" and "custom"
 * (and an absent type, NULL) compare as CVG_VERSION_UPSTREAM, "rpm" as
 * RPM, "deb"/"dpkg"/"debian" as DPKG, "opkg" as OPKG. Returns 0, or
 * CVG_EUNSUPPORTED for "git" and every other type (maven, python,
 * original_commit_for_fix, ...): such versions cannot be compared. Sets no
 * error message.
 */
int cvg_cve5_version_scheme(cvg_version_scheme *out, const char *version_type);

/* versions[] index meaning "no entry decided" in a verdict. */
#define CVG_CVE5_NO_ENTRY ((size_t)-1)

typedef struct cvg_cve5_verdict {
	cvg_cve5_status status; /* AFFECTED, UNAFFECTED, UNKNOWN or UNASSESSABLE */
	size_t entry;           /* the versions[] element that decided; CVG_CVE5_NO_ENTRY when
	                           defaultStatus did, or when nothing could */
	size_t uncompared;      /* versions[] elements passed over because they could not be
	                           compared (before the deciding one, if any) */
} cvg_cve5_verdict;

/*
 * The status of `version` under one affected entry, by the CVE JSON 5
 * rules (lib/cve5_versions.c cites them): the first versions[] element
 * that matches decides, with its `changes`; versions no element matches
 * take defaultStatus (absent: UNKNOWN). UNASSESSABLE when no element
 * matches but one that could not be compared (git or unknown versionType,
 * a version the scheme refuses, such as "n/a") might have, and would have
 * given another status.
 * `version` is the package's version as its packaging writes it, and
 * `scheme` that packaging (CVG_VERSION_UPSTREAM for a plain upstream
 * version): elements comparing as upstream see cvg_version_upstream() of
 * it, elements of another scheme only a package of that same scheme.
 * Returns 0, or CVG_ENOMEM. Reads nothing else; `aff` is not changed.
 */
int cvg_cve5_version_status(cvg_cve5_verdict *out, const cvg_cve5_affected *aff,
        const char *version, cvg_version_scheme scheme);

/* ---- Names (lib/cve5_names.c) ---- */

/* The longest name key cvg_cve5_name_key() writes, with its NUL. */
#define CVG_CVE5_NAME_KEY_MAX 256

/*
 * The key a vendor, product or package name is indexed and compared by, so
 * that the CNAs' free text ("SQLite", "Linux Kernel", "GNU C Library")
 * meets the NVD's names ("sqlite", "linux_kernel") and package names:
 * ASCII letters lowercased; every run of characters other than ASCII
 * letters, digits, '.' and '+' becomes one '_'; leading and trailing '_'
 * dropped ("Linux Kernel" -> "linux_kernel", "util-linux" ->
 * "util_linux", "node.js" -> "node.js"). Writes the key to out (size at
 * least CVG_CVE5_NAME_KEY_MAX) and returns its length; returns 0 for a
 * name that names nothing: NULL, empty, "n/a", "na", "unknown",
 * "unspecified", "none", "*", "-" (any case, after normalising), or a key
 * longer than CVG_CVE5_NAME_KEY_MAX - 1.
 */
size_t cvg_cve5_name_key(char *out, const char *name);

/* The prefix of description-word keys in the database's name index: a
 * record that names no product is indexed under "~" + the key of every
 * word of its description (docs/matching.md section 6). */
#define CVG_CVE5_WORD_PREFIX "~"

/* Words shorter than this (as keys) are not indexed or compared. */
#define CVG_CVE5_WORD_MIN 3

/*
 * Call fn with the name key of every whitespace-separated word of `text`,
 * leading and trailing dots dropped ("util-linux." -> "util_linux"), that
 * has at least CVG_CVE5_WORD_MIN bytes, a letter, and is not a common
 * English word ("the", "and", "via", ...), in order, repeats included. A negative return of fn
 * stops and is returned; a positive one stops and returns it too (found).
 */
int cvg_cve5_foreach_word(
        const char *text, int (*fn)(const char *key, void *payload), void *payload);

#ifdef __cplusplus
}
#endif
#endif
