/*
 * cvegate/fetch.h - downloads with libcurl: https, http and file URLs,
 * bounded in size and time, TLS verification always on, retried politely.
 *
 * A fetcher holds one libcurl handle (connections are reused) and the
 * request pacing. It never writes a credential anywhere: the API key goes
 * only into the `apiKey` request header, and URLs in messages are the
 * caller's (which never hold the key).
 */
#ifndef CVEGATE_FETCH_H
#define CVEGATE_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include "cvegate/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cvg_fetch_options {
	const char *cacert;     /* a CA bundle (PEM file) to trust, or NULL: the system's */
	const char *api_key;    /* sent as the "apiKey" header, or NULL */
	long connect_timeout_s; /* 0: 30 s */
	long stall_timeout_s;   /* abort when no byte arrives for this long; 0: 60 s */
	size_t max_bytes;       /* a larger body is an error while it arrives; 0: 4 GiB */
	unsigned retries;       /* further attempts after 429, 5xx, 403 (API) and network
	                           errors, with backoff; Retry-After is honoured */
	double min_interval_s;  /* at least this long between the starts of two requests
	                           (the NVD API: 6 s without a key, 0.6 s with one) */
	double backoff_s;       /* the first retry's wait, doubled each time; 0: 2 s */
	cvg_warn_fn warn;       /* retries and waits are reported here, or NULL */
	void *payload;
	double max_wait_s;    /* the longest wait before a retry; a Retry-After asking
	                         for more is an error at once; 0: 600 s */
	long total_timeout_s; /* abort a request that takes longer than this; 0: no limit */
	/* Called at most twice a second while a body arrives, with the bytes so
	 * far and the expected total (0 when the server does not say), for
	 * progress on a terminal; NULL for none. */
	void (*on_bytes)(size_t received, size_t expected, void *payload);
	void *bytes_payload;
} cvg_fetch_options;

typedef struct cvg_fetcher cvg_fetcher;

/* Errors: CVG_EINVAL (unreadable CA bundle; an API key that is empty or
 * holds a character other than visible ASCII: the message never shows
 * the key), CVG_ENOMEM. */
int cvg_fetcher_new(cvg_fetcher **out, const cvg_fetch_options *opts);

void cvg_fetcher_free(cvg_fetcher *f);

/* What a transfer learned; conditional-request validators included. */
typedef struct cvg_fetch_info {
	long status;            /* HTTP status; 0 for file: URLs */
	bool not_modified;      /* 304: the validators matched, nothing was written */
	size_t bytes;           /* body bytes received */
	char etag[256];         /* the ETag header, or "" */
	char last_modified[64]; /* the Last-Modified header, or "" */
	unsigned attempts;      /* requests made, retries included (redirects not) */
} cvg_fetch_info;

/* Validators from an earlier fetch (either may be NULL or ""). */
typedef struct cvg_fetch_cond {
	const char *etag;
	const char *last_modified;
} cvg_fetch_cond;

/*
 * Download `url` into the new file `path` (created with mode 0600; an
 * existing file is an error), byte for byte as served (no content
 * decoding: a .json.gz arrives as the gzip the server holds). On any error
 * the file is removed, and on 304 (info->not_modified) no file is left
 * either. `cond` may be NULL; a validator holding a control character is
 * CVG_EINVAL. Errors: CVG_EIO (network, HTTP status, file system: the
 * message names the URL and what happened: "HTTP status 503",
 * "connection reset", "stalled: no data for 60 s", ... and, after retries,
 * "(gave up after N attempts)"), CVG_ELIMIT ("larger than the limit of N
 * bytes"), CVG_ENOTFOUND (404, 410 or a missing file), CVG_ENOMEM.
 */
int cvg_fetch_file(cvg_fetcher *f, const char *url, const char *path, const cvg_fetch_cond *cond,
        cvg_fetch_info *info);

/* The same into memory: *out (malloc'd, NUL-terminated; "" on 304) and
 * *len. Here the server may compress the transfer (Accept-Encoding), and
 * max_bytes bounds the decoded body. */
int cvg_fetch_memory(cvg_fetcher *f, const char *url, char **out, size_t *len,
        const cvg_fetch_cond *cond, cvg_fetch_info *info);

#ifdef __cplusplus
}
#endif
#endif
