/*
 * cvegate/snapshot.h - database snapshots for fleets: `cvegate db export`.
 *
 * One host keeps its database current from the NVD and exports it; any
 * number of CI runners install it with `cvegate db update --mirror URL`
 * (docs/update.md, "Snapshots for fleets"). A snapshot is three files in one
 * directory:
 *
 *   cvegate-snapshot.db        a compact copy of the database (VACUUM INTO,
 *                              rollback-journal mode, no journal beside it)
 *   cvegate-snapshot.json      the manifest: format version, schema version,
 *                              size and sha256 of the .db, creation time, CVE count
 *   cvegate-snapshot.json.sig  with a signing key: the 64-byte Ed25519
 *                              signature of the manifest's exact bytes
 *
 * The manifest is what is signed; it names the database by size and sha256,
 * so one signature covers both.
 */
#ifndef CVEGATE_SNAPSHOT_H
#define CVEGATE_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>

#include "cvegate/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CVG_SNAPSHOT_DB "cvegate-snapshot.db"
#define CVG_SNAPSHOT_MANIFEST "cvegate-snapshot.json"
#define CVG_SNAPSHOT_SIGNATURE "cvegate-snapshot.json.sig"

/* The manifest's "format_version"; a reader refuses any other. */
#define CVG_SNAPSHOT_FORMAT_VERSION 1

/* What an export wrote. */
typedef struct cvg_snapshot_info {
	char sha256[65];         /* of the .db file, lowercase hex */
	unsigned long long size; /* bytes of the .db file */
	size_t cves;             /* CVEs in it (Rejected markers not counted) */
	int schema_version;      /* CVG_DB_SCHEMA_VERSION */
	bool is_signed;          /* a .sig was written */
} cvg_snapshot_info;

/*
 * Export the database at `db_path` as a snapshot into the directory `dir`
 * (created when missing; an earlier snapshot there is replaced, the
 * manifest last, each file through a temporary name, synced and renamed).
 * `sign_key` is a PEM Ed25519 private key file, or NULL for an unsigned
 * snapshot (a .sig left by an earlier export is then removed). `now` is the
 * manifest's creation time (seconds since the epoch). `out` may be NULL.
 * Errors: CVG_EDB (not a cvegate database, SQLite), CVG_EINVAL (the key is
 * unreadable or not Ed25519), CVG_EIO, CVG_ENOMEM. An error before the
 * renames leaves `dir` as it was; a rename failing half-way leaves a
 * manifest that does not match the .db, which every reader refuses.
 */
int cvg_db_export(cvg_snapshot_info *out, const char *db_path, const char *dir,
        const char *sign_key, long long now);

#ifdef __cplusplus
}
#endif
#endif
