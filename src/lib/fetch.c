/*
 * lib/fetch.c - downloads with libcurl (https, http, file), for db update.
 *
 * Rules (docs/update.md):
 *  - TLS peer and host verification stay on; no option turns them off.
 *    --cacert names the CA bundle to trust instead of the system's.
 *  - Only https, http and file URLs are fetched; redirects may go to https
 *    or http only, never to a file.
 *  - Proxies come from the environment as libcurl reads them
 *    (https_proxy, http_proxy, no_proxy).
 *  - A body larger than max_bytes is stopped in the write callback, so a
 *    transfer of unknown length cannot grow without bound either.
 *  - A stall (under 1 byte/s for stall_timeout_s) and a slow connect abort.
 *  - 429, 5xx, 403 and network errors are retried up to `retries` times,
 *    waiting backoff_s, doubled each time, or the server's Retry-After
 *    (seconds, at most 10 minutes) when it is longer.
 *  - Requests start at least min_interval_s apart (the NVD API's limits).
 *  - The API key is only ever a request header; messages name the URL,
 *    which never holds it.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "cvegate/fetch.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"

#ifndef CVG_VERSION
#define CVG_VERSION "0"
#endif

#define DEFAULT_MAX_BYTES ((size_t)4 << 30)
#define RETRY_AFTER_MAX 600.0

struct cvg_fetcher {
	CURL *curl;
	cvg_fetch_options opts;
	char *api_header;  /* "apiKey: ..." */
	double last_start; /* monotonic seconds of the last request's start, or 0 */
};

/* What one attempt receives. */
typedef struct sink {
	cvg_fetcher *f;
	FILE *fp;     /* to a file, or */
	cvg_buf *mem; /* to memory */
	size_t bytes;
	bool too_big;
	bool write_failed;
	cvg_fetch_info *info;
	double retry_after; /* seconds, or 0 */
} sink;

static pthread_once_t global_once = PTHREAD_ONCE_INIT;
static CURLcode global_rc;

static void global_init(void)
{
	global_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void sleep_s(double s)
{
	struct timespec t;

	if (s <= 0)
		return;
	t.tv_sec = (time_t)s;
	t.tv_nsec = (long)((s - (double)t.tv_sec) * 1e9);
	while (nanosleep(&t, &t) != 0 && errno == EINTR)
		;
}

int cvg_fetcher_new(cvg_fetcher **out, const cvg_fetch_options *opts)
{
	cvg_fetcher *f;

	*out = NULL;
	pthread_once(&global_once, global_init);
	if (global_rc != CURLE_OK)
		return cvg__error(CVG_ERROR, "libcurl: %s", curl_easy_strerror(global_rc));
	if (opts->cacert && access(opts->cacert, R_OK) != 0)
		return cvg__error(CVG_EINVAL, "--cacert %s: %s", opts->cacert, strerror(errno));
	if ((f = calloc(1, sizeof(*f))) == NULL)
		return cvg__error_oom();
	f->opts = *opts;
	if (f->opts.connect_timeout_s <= 0)
		f->opts.connect_timeout_s = 30;
	if (f->opts.stall_timeout_s <= 0)
		f->opts.stall_timeout_s = 60;
	if (f->opts.max_bytes == 0)
		f->opts.max_bytes = DEFAULT_MAX_BYTES;
	if (f->opts.backoff_s <= 0)
		f->opts.backoff_s = 2;
	if (opts->api_key) {
		cvg_buf b = CVG_BUF_INIT(0);
		if (cvg__buf_printf(&b, "apiKey: %s", opts->api_key) < 0) {
			free(f);
			return cvg__error_oom();
		}
		f->api_header = cvg__buf_detach(&b);
	}
	if ((f->curl = curl_easy_init()) == NULL) {
		cvg_fetcher_free(f);
		return cvg__error_oom();
	}
	*out = f;
	return 0;
}

void cvg_fetcher_free(cvg_fetcher *f)
{
	if (f == NULL)
		return;
	if (f->curl)
		curl_easy_cleanup(f->curl);
	if (f->api_header) {
		/* the key leaves no copy behind in freed memory */
		memset(f->api_header, 0, strlen(f->api_header));
		free(f->api_header);
	}
	free(f);
}

static size_t on_body(char *data, size_t size, size_t n, void *payload)
{
	sink *s = payload;
	size_t len = size * n;

	if (len > s->f->opts.max_bytes - s->bytes) {
		s->too_big = true;
		return 0; /* aborts the transfer: CURLE_WRITE_ERROR */
	}
	if (s->fp && fwrite(data, 1, len, s->fp) != len) {
		s->write_failed = true;
		return 0;
	}
	if (s->mem && cvg__buf_put(s->mem, data, len) < 0) {
		s->write_failed = true;
		return 0;
	}
	s->bytes += len;
	return len;
}

/* Copy a header's value (trimmed) into out[size] when `line` is that header. */
static bool header_value(const char *line, size_t n, const char *name, char *out, size_t size)
{
	size_t k = strlen(name);
	const char *v;
	size_t vn;

	if (n <= k || strncasecmp(line, name, k) != 0 || line[k] != ':')
		return false;
	v = line + k + 1;
	vn = n - k - 1;
	cvg__trim(&v, &vn);
	if (vn >= size)
		vn = size - 1;
	memcpy(out, v, vn);
	out[vn] = '\0';
	return true;
}

static size_t on_header(char *data, size_t size, size_t n, void *payload)
{
	sink *s = payload;
	size_t len = size * n;
	char retry[32];

	if (header_value(data, len, "ETag", s->info->etag, sizeof(s->info->etag)) ||
	        header_value(data, len, "Last-Modified", s->info->last_modified,
	                sizeof(s->info->last_modified)))
		return len;
	if (header_value(data, len, "Retry-After", retry, sizeof(retry))) {
		char *end;
		double v = strtod(retry, &end);
		if (end != retry && *end == '\0' && v >= 0)
			s->retry_after = v < RETRY_AFTER_MAX ? v : RETRY_AFTER_MAX;
	}
	return len;
}

static bool retryable_status(long status)
{
	return status == 429 || status == 403 || (status >= 500 && status <= 599);
}

static bool retryable_curl(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_PARTIAL_FILE:
	case CURLE_GOT_NOTHING:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return true;
	default:
		return false;
	}
}

/* One attempt: 0 done, 1 retry (with *wait), or a CVG_E* code. */
static int attempt(
        cvg_fetcher *f, const char *url, const cvg_fetch_cond *cond, sink *s, double *wait)
{
	struct curl_slist *hdrs = NULL, *h;
	char line[512];
	CURLcode rc;
	long status = 0;
	int error = 0;

	CURL *c = f->curl;
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https,http,file");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https,http");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (f->opts.cacert)
		curl_easy_setopt(c, CURLOPT_CAINFO, f->opts.cacert);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "cvegate/" CVG_VERSION);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, f->opts.connect_timeout_s);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, f->opts.stall_timeout_s);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, ""); /* what libcurl can decode */
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, s);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, s);
	if (f->api_header && (h = curl_slist_append(hdrs, f->api_header)) != NULL)
		hdrs = h;
	if (cond && cond->etag && cond->etag[0]) {
		snprintf(line, sizeof(line), "If-None-Match: %s", cond->etag);
		if ((h = curl_slist_append(hdrs, line)) != NULL)
			hdrs = h;
	}
	if (cond && cond->last_modified && cond->last_modified[0]) {
		snprintf(line, sizeof(line), "If-Modified-Since: %s", cond->last_modified);
		if ((h = curl_slist_append(hdrs, line)) != NULL)
			hdrs = h;
	}
	if (hdrs)
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);

	if (f->last_start > 0)
		sleep_s(f->last_start + f->opts.min_interval_s - now_s());
	f->last_start = now_s();
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	s->info->status = status;
	curl_slist_free_all(hdrs);

	if (s->too_big)
		return cvg__error(CVG_ELIMIT, "%s: larger than the limit of %zu bytes", url,
		        f->opts.max_bytes);
	if (s->write_failed)
		return cvg__error(CVG_EIO, "%s: writing the download failed", url);
	if (rc == CURLE_FILE_COULDNT_READ_FILE || status == 404)
		return cvg__error(CVG_ENOTFOUND, "%s: not found", url);
	if (rc == CURLE_OK && status == 304) {
		s->info->not_modified = true;
		return 0;
	}
	if (rc == CURLE_OK && (status == 0 || (status >= 200 && status <= 299)))
		return 0;
	if ((rc == CURLE_OK && retryable_status(status)) ||
	        (rc != CURLE_OK && retryable_curl(rc))) {
		*wait = s->retry_after;
		if (rc == CURLE_OK)
			error = cvg__error(CVG_EIO, "%s: HTTP status %ld", url, status);
		else
			error = cvg__error(CVG_EIO, "%s: %s", url, curl_easy_strerror(rc));
		return 1;
	}
	if (rc != CURLE_OK)
		return cvg__error(CVG_EIO, "%s: %s", url, curl_easy_strerror(rc));
	return error ? error : cvg__error(CVG_EIO, "%s: HTTP status %ld", url, status);
}

/* Attempts with retries; `restart` empties what an attempt wrote. */
static int run(cvg_fetcher *f, const char *url, const cvg_fetch_cond *cond, sink *s,
        int (*restart)(sink *s))
{
	double backoff = f->opts.backoff_s;
	int rc;

	for (unsigned i = 0;; i++) {
		double wait = 0;

		memset(s->info, 0, sizeof(*s->info));
		s->bytes = 0;
		s->retry_after = 0;
		if ((rc = attempt(f, url, cond, s, &wait)) <= 0)
			break;
		if (i >= f->opts.retries)
			return CVG_EIO; /* the message of the last attempt stands */
		if (wait < backoff)
			wait = backoff;
		cvg__warnf(f->opts.warn, f->opts.payload, "%s; retrying in %.0f s (%u of %u)",
		        cvg_error_last(), wait, i + 1, f->opts.retries);
		sleep_s(wait);
		backoff *= 2;
		if ((rc = restart(s)) < 0)
			return rc;
	}
	if (rc == 0)
		s->info->bytes = s->bytes;
	return rc;
}

static int restart_file(sink *s)
{
	if (fflush(s->fp) != 0 || ftruncate(fileno(s->fp), 0) != 0 ||
	        fseek(s->fp, 0, SEEK_SET) != 0)
		return cvg__error(CVG_EIO, "restarting a download: %s", strerror(errno));
	return 0;
}

static int restart_mem(sink *s)
{
	cvg__buf_clear(s->mem);
	return 0;
}

int cvg_fetch_file(cvg_fetcher *f, const char *url, const char *path, const cvg_fetch_cond *cond,
        cvg_fetch_info *info)
{
	cvg_fetch_info local;
	sink s;
	int fd, error;

	memset(&s, 0, sizeof(s));
	s.f = f;
	s.info = info ? info : &local;
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0)
		return cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
	if ((s.fp = fdopen(fd, "wb")) == NULL) {
		close(fd);
		unlink(path);
		return cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
	}
	error = run(f, url, cond, &s, restart_file);
	if (error == 0 && (fflush(s.fp) != 0 || fsync(fileno(s.fp)) != 0))
		error = cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
	if (fclose(s.fp) != 0 && error == 0)
		error = cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
	if (error < 0)
		unlink(path);
	return error;
}

int cvg_fetch_memory(cvg_fetcher *f, const char *url, char **out, size_t *len,
        const cvg_fetch_cond *cond, cvg_fetch_info *info)
{
	cvg_fetch_info local;
	cvg_buf b = CVG_BUF_INIT(0);
	sink s;
	int error;

	*out = NULL;
	*len = 0;
	memset(&s, 0, sizeof(s));
	s.f = f;
	s.mem = &b;
	s.info = info ? info : &local;
	if ((error = run(f, url, cond, &s, restart_mem)) < 0 ||
	        (error = cvg__buf_putc(&b, '\0')) < 0) {
		cvg__buf_dispose(&b);
		return error;
	}
	*len = b.len - 1;
	*out = cvg__buf_detach(&b);
	return 0;
}
