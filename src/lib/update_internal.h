/*
 * lib/update_internal.h - the parts of db update that live in their own
 * modules (library-internal). update.c holds the lock, chooses what to do,
 * imports and installs; these fetch and verify.
 */
#ifndef CVG_LIB_UPDATE_INTERNAL_H
#define CVG_LIB_UPDATE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "cvegate/fetch.h"
#include "cvegate/update.h"

/*
 * NVD API 2.0 (update_api.c): download every page of CVEs changed since
 * `since` (an ISO 8601 UTC time, e.g. "2024-01-01T00:00:00.000"; NULL: all
 * CVEs) up to o->now, in windows of at most 120 days, 2,000 results a page,
 * into the directory `dir` as files the importer reads (API pages).
 * *files (malloc'd array of malloc'd paths, in import order) and *nfiles;
 * *until (malloc'd) is the end of the last window, the next `since`.
 * Errors as cvg_update(); on error nothing is returned.
 */
int cvg__update_api_fetch(cvg_fetcher *f, const cvg_update_options *o, const char *since,
        const char *dir, char ***files, size_t *nfiles, char **until);

/*
 * Snapshots (snapshot.c). Look for a snapshot manifest at the mirror
 * o->mirror; when there is one, download the snapshot into `dir`, check its
 * sha256 and schema version against the manifest and, when o->trust_key
 * is set, the manifest's Ed25519 signature, and return the verified
 * database file's path in *path (malloc'd). CVG_ENOTFOUND when the mirror
 * holds no snapshot (it is then a feed folder); CVG_EVERIFY when a check
 * fails.
 */
int cvg__snapshot_fetch(cvg_fetcher *f, const cvg_update_options *o, const char *dir, char **path);

/*
 * The CVE List v5 releases (update_cvelist.c). Read the release listing
 * (the GitHub releases API of CVEProject/cvelistV5, paged, when `base` is
 * NULL; else the single file base + "releases.json", `base` being a
 * folder URL ending in '/'), choose the archives from the recorded
 * source:cvelist:cursor `cursor` (NULL: first update), download them into
 * the directory `dir` from their browser_download_url (https only) or,
 * with a mirror, from base + NAME, and check each one's size and sha256
 * against the listing. Errors as cvg_update(); on error nothing is
 * returned and the files already downloaded are left for the caller's
 * directory cleanup.
 */
typedef struct cvg__cvelist_fetched {
	char **files; /* downloaded archives, in import order (malloc'd) */
	size_t nfiles;
	bool full;           /* the first one is a full archive */
	char *cursor;        /* new source:cvelist:cursor, or NULL: nothing new */
	char *release;       /* new source:cvelist:release (newest archive taken) */
	char *last_modified; /* ISO 8601 UTC time that archive stands for */
	size_t checked;      /* listing documents read */
	size_t fetched;      /* archives downloaded */
	size_t bytes;
} cvg__cvelist_fetched;

int cvg__update_cvelist_fetch(cvg__cvelist_fetched *out, const cvg_update_options *o,
        const char *base, const char *cursor, const char *dir);

void cvg__update_cvelist_fetched_dispose(cvg__cvelist_fetched *r);

#endif
