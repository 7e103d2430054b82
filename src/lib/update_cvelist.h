/*
 * lib/update_cvelist.h - the testable parts of the CVE List v5 source of
 * `db update --source cvelist` (library-internal): the release listing
 * parser, the asset names, the plan (which archives to take) and when to
 * stop paging. The download itself is cvg__update_cvelist_fetch() in
 * lib/update_internal.h; docs/update.md ("CVE List v5") gives the rules.
 */
#ifndef CVG_LIB_UPDATE_CVELIST_H
#define CVG_LIB_UPDATE_CVELIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The GitHub releases API of CVEProject/cvelistV5; "per_page ... (max 100)"
 * (docs.github.com, REST "List releases"). */
#define CVG__CL_API_URL "https://api.github.com/repos/CVEProject/cvelistV5/releases"
#define CVG__CL_PER_PAGE 100
/* GitHub lists at most the first 1,000 releases of a repository. */
#define CVG__CL_MAX_PAGES 10
/* A mirror's listing: one file in the releases API's shape. */
#define CVG__CL_MIRROR_LISTING "releases.json"
/* One listing document (a page of 100 releases, release notes included). */
#define CVG__CL_LISTING_MAX ((size_t)32 << 20)
/* Archives kept from all pages together (about 25 a day are listed). */
#define CVG__CL_MAX_ASSETS 20000
/* More days than this between the database's cursor and the newest delta:
 * the newest full archive again instead of the deltas. */
#define CVG__CL_MAX_GAP_DAYS 7
/* JSON nesting accepted in a listing (the API's is 4 deep). */
#define CVG__CL_MAX_DEPTH 64

/* Parts of a day: a full archive has applied nothing of its day's deltas;
 * an hourly delta HHMMZ is HH * 60 + MM; the end-of-day delta is the whole
 * day. */
#define CVG__CL_PART_FULL (-1)
#define CVG__CL_PART_EOD 1440

typedef enum cvg__cl_kind {
	CVG__CL_OTHER = 0, /* release notes, anything else: ignored */
	CVG__CL_FULL = 1,  /* YYYY-MM-DD_all_CVEs_at_midnight.zip[.zip] */
	CVG__CL_DELTA = 2, /* YYYY-MM-DD_delta_CVEs_at_HHMMZ.zip, ..._at_end_of_day.zip */
} cvg__cl_kind;

/* What an asset name says: kind, day (days since 1970-01-01) and part. */
typedef struct cvg__cl_name {
	cvg__cl_kind kind;
	long day;
	int part;
} cvg__cl_name;

/* Parse an asset name; OTHER for any name not of the two forms (a date
 * that does not exist, 2400Z, ... included). */
cvg__cl_name cvg__cvelist_name(const char *name);

typedef struct cvg__cl_asset {
	char *name;
	char *tag; /* the release's tag_name, or NULL */
	char *url; /* browser_download_url, or NULL */
	bool has_size;
	uint64_t size;
	bool has_digest;   /* digest was "sha256:" and 64 hex digits */
	char sha256[65];   /* lower case */
	cvg__cl_name what; /* never OTHER: other assets are not kept */
} cvg__cl_asset;

typedef struct cvg__cl_listing {
	cvg__cl_asset *assets; /* in listing order (newest release first on GitHub) */
	size_t n;
	size_t releases; /* release objects read, drafts included */
} cvg__cl_listing;

/*
 * Parse one listing document (a JSON array of release objects, as the
 * GitHub API returns them) and append its full and delta assets to `l`.
 * Draft releases are skipped. Read: tag_name, draft, assets[].name, size,
 * browser_download_url and digest; everything else is skipped. `name`
 * is used in messages. *releases_out (may be NULL) is the number of
 * release objects in this document. Errors: CVG_EPARSE (not JSON, not an
 * array of objects, a field of the wrong type, a digest that is not
 * "sha256:" with 64 hex digits or another "ALGO:..." form), CVG_ELIMIT
 * (nesting, a kept string over 4,096 bytes, more than CVG__CL_MAX_ASSETS
 * assets), CVG_ENOMEM. On error `l` holds what it held before.
 */
int cvg__cvelist_parse(
        cvg__cl_listing *l, size_t *releases_out, const char *name, const char *data, size_t len);

void cvg__cvelist_listing_dispose(cvg__cl_listing *l);

/* The plan: which assets to download, and what to record afterwards. */
typedef struct cvg__cl_plan {
	bool full;    /* a full archive is the first asset taken */
	bool nothing; /* nothing new: no asset, meta rows unchanged */
	size_t *take; /* indices into the listing, in import order */
	size_t ntake;
	const char *cursor;      /* new source:cvelist:cursor (an asset name in the listing) */
	const char *release;     /* new source:cvelist:release: the newest asset taken */
	long long last_modified; /* seconds since the epoch the newest asset taken stands for */
	const char *why;         /* for the progress line: why a full archive, or "" */
} cvg__cl_plan;

/*
 * Choose what to take (docs/update.md, "CVE List v5"). `cursor` is the
 * recorded source:cvelist:cursor or NULL (first update). A later update
 * takes, for the cursor's day, its best delta when newer than the cursor
 * and, for every later day, its best delta (end of day, else the latest
 * hour); when the cursor cannot be continued (unparseable, more than
 * CVG__CL_MAX_GAP_DAYS behind, a day without any delta in the listing) it
 * takes the newest full archive and the best delta of every day from the
 * archive's day on. Errors: CVG_ENOTFOUND (a full archive is needed and
 * the listing has none, or a day after it has no delta), CVG_ENOMEM.
 */
int cvg__cvelist_plan(cvg__cl_plan *out, const cvg__cl_listing *l, const char *cursor);

void cvg__cvelist_plan_dispose(cvg__cl_plan *p);

/*
 * Paging the GitHub API: whether another (older) page is needed, after
 * the pages read so far (`last_page_releases` releases on the last one).
 */
bool cvg__cvelist_need_more(
        const cvg__cl_listing *l, size_t last_page_releases, size_t pages, const char *cursor);

#endif
