/*
 * cvegate/update.h - keeping the database current: `cvegate db update`.
 *
 * Sources: the NVD 2.0 feeds with their .meta files (the default, from the
 * NVD or a mirror laid out like its feed folder, the archival 1.1 layout
 * included), the NVD API 2.0, a signed snapshot that `db export` wrote, or
 * the CVE Program's CVE List v5 release archives (or a cvelistV5 checkout).
 * An update is verified before anything is kept, holds a lock against a
 * second update, and leaves the old or the new database whole whatever
 * happens (docs/update.md).
 */
#ifndef CVEGATE_UPDATE_H
#define CVEGATE_UPDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "cvegate/db.h"
#include "cvegate/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cvg_update_options {
	const char *db_path;   /* required */
	const char *source;    /* "nvd" (feeds; NULL means this), "nvd-api", "cvelist"
	                          (the CVE List v5 releases) or "all" (nvd, then cvelist) */
	const char *mirror;    /* base URL (https, http or file) of a feed folder, a
	                          snapshot or (cvelist) a releases.json folder, or an
	                          absolute directory (cvelist: also a cvelistV5 checkout);
	                          NULL: the NVD, or GitHub for cvelist. Not with "all" */
	const char *cacert;    /* CA bundle for a private mirror, or NULL */
	const char *api_key;   /* for nvd-api, or NULL; never written anywhere */
	const char *trust_key; /* PEM Ed25519 public key a snapshot must be signed with */
	int year_from;         /* first feed year; 0: 2002 */
	int year_to;           /* last feed year; 0: the current one */
	long long now;         /* seconds since the epoch (CVEGATE_NOW, SOURCE_DATE_EPOCH
	                          or the clock), for ages and the choice of feeds */
	bool quiet;
	bool live_progress;   /* on a terminal: bytes, rate and ETA while downloading */
	cvg_warn_fn progress; /* progress and retry lines, or NULL */
	void *payload;
} cvg_update_options;

typedef enum cvg_update_mode {
	CVG_UPDATE_NOTHING = 0,     /* everything was current */
	CVG_UPDATE_INCREMENTAL = 1, /* changed feeds or API windows applied in place */
	CVG_UPDATE_FULL = 2,        /* a new database built and installed */
	CVG_UPDATE_SNAPSHOT = 3,    /* a verified snapshot installed */
} cvg_update_mode;

typedef struct cvg_update_stats {
	cvg_update_mode mode;
	size_t files_checked; /* .meta files or API pages looked at */
	size_t files_fetched; /* feeds, pages or snapshots downloaded */
	size_t bytes_fetched;
	size_t records; /* records imported */
	double seconds;
} cvg_update_stats;

/*
 * Update the database at o->db_path. Errors: CVG_EIO (network, files: the
 * message names the URL or path), CVG_EVERIFY (a download does not match
 * its .meta, a snapshot's signature or checksum, or a CVE List archive the
 * size or sha256 digest of its listing), CVG_EPARSE (malformed data),
 * CVG_ENOTFOUND (nothing to update from), CVG_EDB, CVG_EINVAL (options;
 * another update holds the lock), CVG_ENOMEM. On every error the database
 * is as it was; with "all", a failing cvelist update keeps the nvd update
 * that succeeded before it (the message names the source that failed).
 */
int cvg_update(cvg_update_stats *st, const cvg_update_options *o);

/*
 * The current time for ages and the choice of feeds: $CVEGATE_NOW (seconds
 * since the epoch or an ISO 8601 time, "2024-01-02T14:00:00Z"), else
 * $SOURCE_DATE_EPOCH, else the clock. Errors: CVG_EINVAL (a variable that
 * is set but malformed; the message names it).
 */
int cvg_update_now(long long *out);

/*
 * The lock `db update` holds (DB.lock: pid, host and start time, created
 * exclusively; a lock whose process is dead on this host, or older than 6
 * hours, is stale and broken with a warning; docs/update.md), for other
 * writers of the same database: `db import` takes it too, so an import
 * cannot write into a file that an update is about to replace. Errors:
 * CVG_EINVAL (a live update or import holds it; the message names it),
 * CVG_EIO, CVG_ENOMEM. Release with cvg_update_lock_release (NULL is fine).
 */
typedef struct cvg_update_lock cvg_update_lock;
int cvg_update_lock_take(
        cvg_update_lock **out, const char *db_path, cvg_warn_fn warn, void *payload);
void cvg_update_lock_release(cvg_update_lock *lock);

/* One source's dates (meta keys source:NAME:*, docs/schema.md). */
typedef struct cvg_update_source {
	char *name;          /* "nvd", "nvd-api", "snapshot", "cvelist" */
	char *last_update;   /* ISO 8601 UTC of its last successful update, or NULL */
	char *last_modified; /* the newest change time its data carried, or NULL */
	long long updated;   /* last_update in seconds since the epoch; -1: none or unreadable */
} cvg_update_source;

#define CVG_UPDATE_SOURCES_MAX 8

/* What `db status` prints and `scan --max-db-age` checks. */
typedef struct cvg_update_status {
	size_t cves;
	long long updated;  /* seconds since the epoch of the last successful update
	                       (meta last_update), else of the last `db import`; -1: unknown */
	bool imported_only; /* `updated` is a `db import` time: never updated */
	cvg_update_source sources[CVG_UPDATE_SOURCES_MAX];
	size_t nsources;
} cvg_update_status;

/*
 * Read the update dates of an open database. Free with
 * cvg_update_status_dispose. Errors: CVG_EDB, CVG_ENOMEM.
 */
int cvg_update_status_get(cvg_update_status *out, cvg_db *db);
void cvg_update_status_dispose(cvg_update_status *st);

#ifdef __cplusplus
}
#endif
#endif
