/*
 * lib/fetch.c - downloads with libcurl (https, http, file), for db update.
 *
 * Rules (docs/update.md, "Downloads"):
 *  - TLS peer and host verification stay on; no option turns them off.
 *    --cacert names the CA bundle to trust instead of the system's.
 *  - Only https, http and file URLs are fetched. Redirects are followed
 *    here, not by libcurl, so that each hop is checked: at most 5, to https
 *    or http only (never file), never from https down to http, and the API
 *    key goes only to the origin (scheme, host, port) the caller named.
 *    libcurl would send a custom header such as apiKey to any host a
 *    redirect names.
 *  - Proxies come from the environment as libcurl reads them
 *    (https_proxy, http_proxy, no_proxy...).
 *  - A body larger than max_bytes is stopped in the write callback, so a
 *    transfer of unknown length cannot grow without bound either; a
 *    Content-Length above it fails before the body (CURLOPT_MAXFILESIZE).
 *  - A stall (no byte for stall_timeout_s, measured here in the progress
 *    callback: libcurl's low-speed limit averages over 5 s, so a stall after
 *    a burst would take seconds longer than the message says) and a slow
 *    connect abort.
 *  - 429, 5xx, 403 and network errors are retried up to `retries` times,
 *    waiting backoff_s, doubled each time, or the server's Retry-After
 *    (seconds or an HTTP-date) when it is longer. No wait exceeds
 *    max_wait_s: a Retry-After asking for more is an error at once.
 *  - Requests start at least min_interval_s apart (the NVD API's limits).
 *  - Files are stored as served (no Accept-Encoding: the .meta sizes and
 *    sha256 describe the served bytes); memory fetches (API pages) accept
 *    compression, bounded after decoding.
 *  - The API key is only ever a request header; messages name the URL,
 *    which never holds it, and never quote headers.
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
#define DEFAULT_MAX_WAIT 600.0 /* 10 minutes: longer waits fail, for CI */
#define MAX_REDIRECTS 5
#define VALIDATOR_MAX 1024 /* an ETag or date a caller passes back */
#define MSG_URL_MAX 512    /* the part of a server-chosen URL a message shows */

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
	int write_error; /* 0, or CVG_EIO / CVG_ENOMEM */
	int write_errno;
	cvg_fetch_info *info;
	double retry_after; /* seconds, or -1: none */
	double last_data;   /* monotonic seconds of the last byte received */
	double last_report; /* monotonic seconds of the last on_bytes call */
	bool connected;     /* the request went out on a new or reused connection */
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

/* Visible ASCII only: what may go into a header value without smuggling
 * another header in. */
static bool header_safe(const char *s, bool allow_space)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c > 0x7e || c < 0x20 || (c == ' ' && !allow_space))
			return false;
	}
	return true;
}

/* A server-chosen string, cut and with control bytes replaced, for messages. */
static void safe_copy(char *out, size_t size, const char *s)
{
	size_t o = 0;

	for (; s && *s && o + 1 < size; s++)
		out[o++] = ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f) ? *s : '?';
	out[o] = '\0';
}

/* ---- The fetcher ---- */

int cvg_fetcher_new(cvg_fetcher **out, const cvg_fetch_options *opts)
{
	cvg_fetcher *f = NULL;
	cvg_buf b = CVG_BUF_INIT(0);
	int error = 0;

	*out = NULL;
	pthread_once(&global_once, global_init);
	if (global_rc != CURLE_OK)
		return cvg__error(CVG_ERROR, "libcurl: %s", curl_easy_strerror(global_rc));
	if (opts->cacert && access(opts->cacert, R_OK) != 0)
		return cvg__error(CVG_EINVAL, "--cacert %s: %s", opts->cacert, strerror(errno));
	/* the key itself never goes into a message */
	if (opts->api_key && (opts->api_key[0] == '\0' || !header_safe(opts->api_key, false)))
		return cvg__error(CVG_EINVAL, "the API key is empty or holds a character other "
		                              "than visible ASCII");
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
	if (f->opts.max_wait_s <= 0)
		f->opts.max_wait_s = DEFAULT_MAX_WAIT;
	if (f->opts.total_timeout_s < 0)
		f->opts.total_timeout_s = 0;
	f->opts.api_key = NULL; /* the header below is the only copy kept */
	if (opts->api_key) {
		if ((error = cvg__buf_printf(&b, "apiKey: %s", opts->api_key)) < 0)
			goto done;
		f->api_header = cvg__buf_detach(&b);
	}
	if ((f->curl = curl_easy_init()) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	*out = f;
	f = NULL;
done:
	cvg__buf_dispose(&b);
	cvg_fetcher_free(f);
	return error;
}

void cvg_fetcher_free(cvg_fetcher *f)
{
	if (f == NULL)
		return;
	if (f->curl)
		curl_easy_cleanup(f->curl);
	if (f->api_header) {
		/* the key leaves no copy behind in freed memory */
		volatile char *p = f->api_header;
		while (*p)
			*p++ = '\0';
		free(f->api_header);
	}
	free(f);
}

/* ---- libcurl callbacks ---- */

static size_t on_body(char *data, size_t size, size_t n, void *payload)
{
	sink *s = payload;
	size_t len = size * n;
	int rc;

	s->last_data = now_s();
	if (len > s->f->opts.max_bytes - s->bytes) {
		s->too_big = true;
		return 0; /* aborts the transfer: CURLE_WRITE_ERROR */
	}
	if (s->fp && fwrite(data, 1, len, s->fp) != len) {
		s->write_error = CVG_EIO;
		s->write_errno = errno;
		return 0;
	}
	if (s->mem && (rc = cvg__buf_put(s->mem, data, len)) < 0) {
		s->write_error = rc == CVG_ENOMEM ? CVG_ENOMEM : CVG_EIO;
		s->write_errno = ENOMEM;
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

/* Retry-After (RFC 9110 10.2.3): delay-seconds or an HTTP-date; -1 if neither. */
static double parse_retry_after(const char *v)
{
	double secs = 0;
	time_t when;

	if (*v >= '0' && *v <= '9') {
		for (; *v >= '0' && *v <= '9'; v++)
			if (secs < 1e9)
				secs = secs * 10 + (*v - '0');
		return *v == '\0' ? secs : -1;
	}
	if ((when = curl_getdate(v, NULL)) == -1)
		return -1;
	secs = difftime(when, time(NULL));
	return secs > 0 ? secs : 0;
}

static size_t on_header(char *data, size_t size, size_t n, void *payload)
{
	sink *s = payload;
	size_t len = size * n;
	char retry[128];

	s->last_data = now_s();
	/* a new response (a redirect's, 100 Continue's): forget the last one's */
	if (len >= 5 && memcmp(data, "HTTP/", 5) == 0) {
		s->info->etag[0] = '\0';
		s->info->last_modified[0] = '\0';
		s->retry_after = -1;
		return len;
	}
	if (header_value(data, len, "ETag", s->info->etag, sizeof(s->info->etag)) ||
	        header_value(data, len, "Last-Modified", s->info->last_modified,
	                sizeof(s->info->last_modified)))
		return len;
	if (header_value(data, len, "Retry-After", retry, sizeof(retry)))
		s->retry_after = parse_retry_after(retry);
	return len;
}

/* Called once a connection is made or reused, just before the request goes
 * out: from here the stall timer runs (before, the connect timeout does). */
static int on_connected(void *payload, char *ip, char *local_ip, int port, int local_port)
{
	sink *s = payload;

	(void)ip, (void)local_ip, (void)port, (void)local_port;
	s->connected = true;
	s->last_data = now_s();
	return CURL_PREREQFUNC_OK;
}

/* Called about once a second and after each read: aborts a transfer that
 * has received nothing for stall_timeout_s since its request went out. */
static int on_progress(
        void *payload, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
	sink *s = payload;
	double t = now_s();

	(void)ultotal, (void)ulnow;
	if (s->connected && t - s->last_data >= (double)s->f->opts.stall_timeout_s)
		return 1; /* CURLE_ABORTED_BY_CALLBACK */
	if (s->f->opts.on_bytes && dlnow > 0 && t - s->last_report >= 0.5) {
		s->last_report = t;
		s->f->opts.on_bytes(
		        (size_t)dlnow, dltotal > 0 ? (size_t)dltotal : 0, s->f->opts.bytes_payload);
	}
	return 0;
}

/* ---- One request ---- */

static bool retryable_status(long status)
{
	return status == 429 || status == 403 || (status >= 500 && status <= 599);
}

static bool retryable_curl(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_ABORTED_BY_CALLBACK:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_PARTIAL_FILE:
	case CURLE_GOT_NOTHING:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_SSL_CONNECT_ERROR:
		return true;
	default:
		return false;
	}
}

/* The parts of a URL that make its origin; false if it does not parse. */
static bool origin_of(const char *url, char **scheme, char **host, char **port)
{
	CURLU *u = curl_url();
	bool ok;

	*scheme = *host = *port = NULL;
	ok = u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	     curl_url_get(u, CURLUPART_SCHEME, scheme, 0) == CURLUE_OK &&
	     curl_url_get(u, CURLUPART_HOST, host, 0) == CURLUE_OK &&
	     curl_url_get(u, CURLUPART_PORT, port, CURLU_DEFAULT_PORT) == CURLUE_OK;
	curl_url_cleanup(u);
	return ok;
}

static void origin_free(char *scheme, char *host, char *port)
{
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
}

static bool same_origin(const char *a, const char *b)
{
	char *s1, *h1, *p1, *s2, *h2, *p2;
	bool same;

	same = origin_of(a, &s1, &h1, &p1) && origin_of(b, &s2, &h2, &p2) &&
	       strcasecmp(s1, s2) == 0 && strcasecmp(h1, h2) == 0 && strcmp(p1, p2) == 0;
	origin_free(s1, h1, p1);
	origin_free(s2, h2, p2);
	return same;
}

static bool has_scheme(const char *url, const char *scheme)
{
	size_t n = strlen(scheme);

	return strncasecmp(url, scheme, n) == 0 && url[n] == ':';
}

/* Append "Name: value" to *hdrs; a failure is out of memory. */
static int add_header(struct curl_slist **hdrs, const char *name, const char *value)
{
	cvg_buf b = CVG_BUF_INIT(0);
	struct curl_slist *h;
	int error;

	if ((error = cvg__buf_printf(&b, "%s: %s", name, value)) < 0)
		return error;
	h = curl_slist_append(*hdrs, b.ptr);
	cvg__buf_dispose(&b);
	if (h == NULL)
		return cvg__error_oom();
	*hdrs = h;
	return 0;
}

static void setup(cvg_fetcher *f, const char *url, bool first_hop, bool decode, sink *s)
{
	CURL *c = f->curl;

	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, first_hop ? "https,http,file" : "https,http");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L); /* followed in fetch_once() */
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (f->opts.cacert) {
		/* replaces the system's trust: Debian's libcurl also reads a CA
		 * directory (/etc/ssl/certs) by default, which would add to it */
		curl_easy_setopt(c, CURLOPT_CAINFO, f->opts.cacert);
		curl_easy_setopt(c, CURLOPT_CAPATH, NULL);
	}
	curl_easy_setopt(c, CURLOPT_USERAGENT, "cvegate/" CVG_VERSION);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, f->opts.connect_timeout_s);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(c, CURLOPT_XFERINFODATA, s);
	curl_easy_setopt(c, CURLOPT_PREREQFUNCTION, on_connected);
	curl_easy_setopt(c, CURLOPT_PREREQDATA, s);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, f->opts.total_timeout_s);
	curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)f->opts.max_bytes);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (decode)
		curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, ""); /* what libcurl can decode */
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, s);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, s);
}

/* The message for a failed transfer: what happened, in words a user can act on. */
static int transfer_error(
        cvg_fetcher *f, const sink *s, const char *url, CURLcode rc, const char *errbuf)
{
	char why[CURL_ERROR_SIZE + 64];
	long oserr = 0;

	safe_copy(why, sizeof(why), errbuf[0] ? errbuf : curl_easy_strerror(rc));
	curl_easy_getinfo(f->curl, CURLINFO_OS_ERRNO, &oserr);
	switch (rc) {
	case CURLE_ABORTED_BY_CALLBACK: /* on_progress: the only one that aborts */
		return cvg__error(
		        CVG_EIO, "%s: stalled: no data for %ld s", url, f->opts.stall_timeout_s);
	case CURLE_OPERATION_TIMEDOUT:
		if (!s->connected)
			return cvg__error(CVG_EIO, "%s: could not connect within %ld s", url,
			        f->opts.connect_timeout_s);
		return cvg__error(
		        CVG_EIO, "%s: took longer than %ld s", url, f->opts.total_timeout_s);
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
		if (oserr == ECONNRESET)
			return cvg__error(CVG_EIO, "%s: connection reset", url);
		return cvg__error(CVG_EIO, "%s: %s", url, why);
	case CURLE_PARTIAL_FILE:
		return cvg__error(CVG_EIO, "%s: connection closed early (%s)", url, why);
	case CURLE_GOT_NOTHING:
		return cvg__error(CVG_EIO, "%s: connection closed without a response", url);
	case CURLE_COULDNT_CONNECT:
		return cvg__error(CVG_EIO, "%s: could not connect (%s)", url,
		        oserr ? strerror((int)oserr) : why);
	case CURLE_COULDNT_RESOLVE_HOST:
		return cvg__error(CVG_EIO, "%s: could not resolve the host name", url);
	case CURLE_UNSUPPORTED_PROTOCOL:
		return cvg__error(
		        CVG_EINVAL, "%s: only https, http and file URLs are fetched", url);
	default:
		return cvg__error(CVG_EIO, "%s: %s", url, why);
	}
}

/*
 * One attempt, redirects included: 0 done, 1 retry (after *wait seconds,
 * or -1: none asked), or a CVG_E* code. The message is set in both latter
 * cases.
 */
static int fetch_once(cvg_fetcher *f, const char *url, const cvg_fetch_cond *cond, sink *s,
        bool decode, int (*restart)(sink *s), double *wait)
{
	struct curl_slist *hdrs = NULL;
	char errbuf[CURL_ERROR_SIZE];
	char shown[MSG_URL_MAX];
	char *hop = NULL, *next;
	CURLcode rc = CURLE_OK;
	long status = 0;
	int error = 0;

	if ((hop = strdup(url)) == NULL)
		return cvg__error_oom();
	for (int hops = 0;; hops++) {
		curl_slist_free_all(hdrs);
		hdrs = NULL;
		setup(f, hop, hops == 0, decode, s);
		errbuf[0] = '\0';
		curl_easy_setopt(f->curl, CURLOPT_ERRORBUFFER, errbuf);
		/* the key goes to the origin the caller named, nowhere else */
		if (f->api_header && (hops == 0 || same_origin(url, hop))) {
			struct curl_slist *h = curl_slist_append(hdrs, f->api_header);
			if (h == NULL) {
				error = cvg__error_oom();
				goto done;
			}
			hdrs = h;
		}
		if (cond && cond->etag && cond->etag[0] &&
		        (error = add_header(&hdrs, "If-None-Match", cond->etag)) < 0)
			goto done;
		if (cond && cond->last_modified && cond->last_modified[0] &&
		        (error = add_header(&hdrs, "If-Modified-Since", cond->last_modified)) < 0)
			goto done;
		if (hdrs)
			curl_easy_setopt(f->curl, CURLOPT_HTTPHEADER, hdrs);

		if (f->last_start > 0)
			sleep_s(f->last_start + f->opts.min_interval_s - now_s());
		f->last_start = now_s();
		s->retry_after = -1;
		s->connected = false;
		s->last_data = now_s();
		rc = curl_easy_perform(f->curl);
		status = 0;
		curl_easy_getinfo(f->curl, CURLINFO_RESPONSE_CODE, &status);
		s->info->status = status;
		if (rc != CURLE_OK || (status != 301 && status != 302 && status != 303 &&
		                              status != 307 && status != 308))
			break;

		next = NULL;
		curl_easy_getinfo(f->curl, CURLINFO_REDIRECT_URL, &next);
		if (next == NULL)
			break; /* a 3xx without Location: an HTTP status error below */
		safe_copy(shown, sizeof(shown), next);
		if (hops + 1 > MAX_REDIRECTS) {
			error = cvg__error(
			        CVG_EIO, "%s: more than %d redirects", url, MAX_REDIRECTS);
			goto done;
		}
		if (!has_scheme(next, "https") && !has_scheme(next, "http")) {
			error = cvg__error(CVG_EIO,
			        "%s: redirect to %s refused: only https and http are followed", url,
			        shown);
			goto done;
		}
		if (has_scheme(hop, "https") && !has_scheme(next, "https")) {
			error = cvg__error(
			        CVG_EIO, "%s: redirect from https to %s refused", url, shown);
			goto done;
		}
		free(hop);
		if ((hop = strdup(next)) == NULL) {
			error = cvg__error_oom();
			goto done;
		}
		/* the redirect's own body is not the download */
		if ((error = restart(s)) < 0)
			goto done;
		s->bytes = 0;
	}

	if (s->too_big || rc == CURLE_FILESIZE_EXCEEDED) {
		error = cvg__error(CVG_ELIMIT, "%s: larger than the limit of %zu bytes", url,
		        f->opts.max_bytes);
	} else if (s->write_error) {
		error = s->write_error == CVG_ENOMEM
		                ? cvg__error_oom()
		                : cvg__error(CVG_EIO, "%s: writing the download failed: %s", url,
		                          strerror(s->write_errno));
	} else if (rc == CURLE_FILE_COULDNT_READ_FILE ||
	           (rc == CURLE_OK && (status == 404 || status == 410))) {
		error = cvg__error(CVG_ENOTFOUND, "%s: not found", url);
	} else if (rc == CURLE_OK && status == 304) {
		s->info->not_modified = true;
	} else if (rc == CURLE_OK && (status == 0 || (status >= 200 && status <= 299))) {
		error = 0;
	} else if (rc == CURLE_OK) {
		error = cvg__error(CVG_EIO, "%s: HTTP status %ld", url, status);
		if (retryable_status(status)) {
			*wait = s->retry_after;
			error = 1;
		}
	} else {
		error = transfer_error(f, s, url, rc, errbuf);
		if (error == CVG_EIO && retryable_curl(rc)) {
			*wait = -1;
			error = 1;
		}
	}
done:
	curl_easy_setopt(f->curl, CURLOPT_ERRORBUFFER, NULL);
	curl_easy_setopt(f->curl, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(hdrs);
	free(hop);
	return error;
}

/* ---- Retries ---- */

static bool validator_ok(const char *v)
{
	return v == NULL || (strlen(v) < VALIDATOR_MAX && header_safe(v, true));
}

/* Attempts with retries; `restart` empties what an attempt wrote. */
static int run(cvg_fetcher *f, const char *url, const cvg_fetch_cond *cond, sink *s, bool decode,
        int (*restart)(sink *s))
{
	double backoff = f->opts.backoff_s;
	char msg[1024];
	int rc;

	if (cond && (!validator_ok(cond->etag) || !validator_ok(cond->last_modified)))
		return cvg__error(CVG_EINVAL,
		        "%s: a conditional-request validator is too long or "
		        "holds a control character",
		        url);
	for (unsigned i = 0;; i++) {
		double wait = -1;

		memset(s->info, 0, sizeof(*s->info));
		s->info->attempts = i + 1;
		s->bytes = 0;
		if ((rc = fetch_once(f, url, cond, s, decode, restart, &wait)) <= 0)
			break;
		snprintf(msg, sizeof(msg), "%s", cvg_error_last());
		if (wait > f->opts.max_wait_s)
			return cvg__error(CVG_EIO,
			        "%s; the server asks to wait %.0f s, longer than %.0f s", msg, wait,
			        f->opts.max_wait_s);
		if (i >= f->opts.retries) {
			if (i == 0)
				return CVG_EIO; /* the attempt's message stands */
			return cvg__error(CVG_EIO, "%s (gave up after %u attempts)", msg, i + 1);
		}
		if (wait < backoff)
			wait = backoff;
		if (wait > f->opts.max_wait_s)
			wait = f->opts.max_wait_s;
		cvg__warnf(f->opts.warn, f->opts.payload, "%s; retrying in %.1f s (retry %u of %u)",
		        msg, wait, i + 1, f->opts.retries);
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

/* ---- Public ---- */

int cvg_fetch_file(cvg_fetcher *f, const char *url, const char *path, const cvg_fetch_cond *cond,
        cvg_fetch_info *info)
{
	cvg_fetch_info local;
	sink s;
	int fd, error;

	memset(&s, 0, sizeof(s));
	s.f = f;
	s.info = info ? info : &local;
	memset(s.info, 0, sizeof(*s.info));
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0)
		return cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
	if ((s.fp = fdopen(fd, "wb")) == NULL) {
		error = cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
		close(fd);
		unlink(path);
		return error;
	}
	error = run(f, url, cond, &s, false, restart_file);
	if (error == 0 && (fflush(s.fp) != 0 || fsync(fileno(s.fp)) != 0))
		error = cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
	if (fclose(s.fp) != 0 && error == 0)
		error = cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
	if (error < 0 || s.info->not_modified)
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
	memset(s.info, 0, sizeof(*s.info));
	if ((error = run(f, url, cond, &s, true, restart_mem)) < 0 ||
	        (error = cvg__buf_putc(&b, '\0')) < 0) {
		cvg__buf_dispose(&b);
		return error;
	}
	*len = b.len - 1;
	*out = cvg__buf_detach(&b);
	return 0;
}
