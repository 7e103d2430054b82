/*
 * cvegate/db.h - the local vulnerability database (one SQLite file).
 *
 * The schema is versioned with PRAGMA user_version and documented in
 * docs/schema.md. Imports are one transaction: all files or none.
 */
#ifndef CVEGATE_DB_H
#define CVEGATE_DB_H

#include <stdbool.h>
#include <stddef.h>

#include "cvegate/cve.h"
#include "cvegate/cve5.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cvg_db cvg_db;

/* The schema version this build reads and writes (PRAGMA user_version).
 * A version-2 file (no CVE List tables) is upgraded in place when opened
 * for writing, and read as holding no CVE List data when opened read-only. */
#define CVG_DB_SCHEMA_VERSION 3

#define CVG_DB_READONLY 0u /* open an existing database for reading */
#define CVG_DB_WRITE 1u    /* open for writing, creating file and schema if needed */

/*
 * Open the database at `path`. Errors: CVG_EDB (not a cvegate database,
 * wrong schema version, SQLite error, or read-only and the file does not
 * exist), CVG_ENOMEM.
 */
int cvg_db_open(cvg_db **out, const char *path, unsigned flags);

/* Close and free. Accepts NULL. */
void cvg_db_close(cvg_db *db);

/* The path the database was opened with. */
const char *cvg_db_path(const cvg_db *db);

/*
 * The default database path: $CVEGATE_DB, else $XDG_DATA_HOME/cvegate/cvegate.db,
 * else $HOME/.local/share/cvegate/cvegate.db. *out is a new string. Errors:
 * CVG_EINVAL when neither XDG_DATA_HOME nor HOME is set, CVG_ENOMEM.
 */
int cvg_db_default_path(char **out);

typedef struct cvg_import_stats {
	size_t files;
	size_t records;       /* records read from the files */
	size_t inserted;      /* new CVEs stored */
	size_t replaced;      /* stored CVEs replaced by same or newer data */
	size_t older;         /* records ignored because the stored one is newer */
	size_t rejected;      /* records that were Rejected (CVE removed, marker kept) */
	size_t cpe_matches;   /* cpe_match rows written */
	size_t verified;      /* files checked against their .meta */
	double rows_seconds;  /* reading and writing the records (the two overlap) */
	double index_seconds; /* building the product index (into an empty database) */
	double commit_seconds;
	/* CVE List v5 records (docs/schema.md: cve5) */
	size_t cve5_records;  /* records read */
	size_t cve5_inserted; /* new records stored (also a marker restored) */
	size_t cve5_replaced; /* stored records replaced by same or newer ones */
	size_t cve5_older;    /* records ignored because the stored one is newer */
	size_t cve5_rejected; /* REJECTED records stored as markers */
} cvg_import_stats;

/*
 * Import NVD files (JSON 1.1 feeds, 2.0 feeds, API 2.0 pages; plain or
 * gzip) and CVE List v5 records (a directory such as a cvelistV5 tree, a
 * zip archive of the CVE Program, or one CVE JSON 5 record file: see
 * docs/schema.md for how a path is recognised) in one transaction.
 * Reading runs in a second thread while this one writes. On any error
 * nothing is changed; the message names the file and the record or byte
 * offset. Errors: those of cvg_nvd_read_file and cvg_cve5_read_path,
 * CVG_EDB.
 */
int cvg_db_import(cvg_db *db, const char *const *paths, size_t npaths, cvg_import_stats *stats);

/*
 * Load one stored record by id ("CVE-2014-0160", case-insensitive). Returns
 * 0, CVG_ENOTFOUND (with *rejected set when a Rejected marker exists),
 * CVG_EDB, CVG_ENOMEM. `rejected` may be NULL.
 */
int cvg_db_lookup_cve(cvg_cve **out, bool *rejected, cvg_db *db, const char *id);

/*
 * Load one stored CVE List record by id ("CVE-2025-6965",
 * case-insensitive). Returns 0, CVG_ENOTFOUND (with *rejected set when the
 * CVE List holds a REJECTED marker), CVG_EDB, CVG_ENOMEM, CVG_EPARSE (a
 * damaged record). `rejected` may be NULL. *out is freed with
 * cvg_cve5_free.
 */
int cvg_db_lookup_cve5(cvg_cve5 **out, bool *rejected, cvg_db *db, const char *id);

typedef struct cvg_db_info {
	size_t cves;
	size_t rejected;
	size_t cpe_matches;
	size_t cve5_records;  /* PUBLISHED CVE List records */
	size_t cve5_rejected; /* CVE List REJECTED markers */
	char *newest_feed;    /* newest feed timestamp imported, or NULL */
	char *last_import;    /* UTC time of the last import, or NULL */
} cvg_db_info;

/* Counts and dates. Free the strings with cvg_db_info_dispose. */
int cvg_db_info_get(cvg_db_info *out, cvg_db *db);
void cvg_db_info_dispose(cvg_db_info *info);

#ifdef __cplusplus
}
#endif
#endif
