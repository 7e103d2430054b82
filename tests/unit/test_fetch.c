/*
 * Unit tests for lib/fetch.c against tests/tools/nvd_server.py on loopback:
 * every injected fault (503 then success, 429 with Retry-After in both RFC
 * 9110 forms, a reset mid-body, a stall, a 2 GiB body of unknown length,
 * 404, redirects) gives an exact result, message and number of attempts;
 * conditional requests give 304; file: URLs work; pacing holds; the API key
 * goes only into the apiKey header of requests to the caller's origin and
 * into no message. The server is found from CVG_TEST_DATA (<src>/tests/data);
 * without python3 every test is skipped. Waits are set small (backoff 0.1 s,
 * stall 1 s, Retry-After 1 s) so the whole file runs in a few seconds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "cvegate/error.h"
#include "cvegate/fetch.h"
#include "test_helpers.h"

#define DATA_LEN 100000
#define KEY "SECRET-KEY-123"

static pid_t server_pid = -1;
static char base[128];   /* http://127.0.0.1:PORT */
static char tmpdir[256]; /* holds data.bin, the body every path serves */
static char data_file[300];
static char data[DATA_LEN];

/* ---- The server ---- */

/* Faults per path (tests/tools/nvd_server.py --fault PATH=SPEC). */
static const char *const faults[][2] = {
        {"/r503", "503x2"},
        {"/r503all", "503"},
        {"/r403", "403x1"},
        {"/r400", "400"},
        {"/r429", "429x1:Retry-After=1"},
        {"/r429date", "429x1:Retry-After=date+2"},
        {"/r429long", "429:Retry-After=3600"},
        {"/reset1", "reset-mid-bodyx1"},
        {"/reset1f", "reset-mid-bodyx1"},
        {"/resetall", "reset-mid-body"},
        {"/drop1", "dropx1"},
        {"/stall", "stall"},
        {"/stallmid", "stall-mid-body"},
        {"/stallhead", "stall-before-headers"},
        {"/huge", "huge"},
        {"/gone", "410"},
        {"/trunc", "truncate-gzip"},
        {"/redir", "redirect:/ok"},
        {"/redirfile", "redirect:file:///etc/passwd"},
        {"/redirloop", "redirect:/redirloop"},
        {"/redirother", "redirect:http://localhost:{port}/echo"},
        {"/echo", "echo"},
};

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The script: $CVG_SOURCE_DIR, or CVG_TEST_DATA's grandparent, or "." */
static void script_path(char *out, size_t size)
{
	const char *src = getenv("CVG_SOURCE_DIR");
	const char *td = getenv("CVG_TEST_DATA");

	if (src)
		snprintf(out, size, "%s/tests/tools/nvd_server.py", src);
	else if (td)
		snprintf(out, size, "%s/../tools/nvd_server.py", td);
	else
		snprintf(out, size, "tests/tools/nvd_server.py");
}

/* Start the server with argv; its address into out ("http://127.0.0.1:N"
 * with `scheme`). Returns the pid, or -1 (then the tests skip). */
static pid_t spawn(char **argv, const char *scheme, char *out, size_t size)
{
	char line[64];
	int p[2];
	struct pollfd pfd;
	size_t got = 0;
	pid_t pid;

	if (pipe(p) != 0 || (pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execvp("python3", argv);
		_exit(127);
	}
	close(p[1]);
	/* "PORT <n>\n" within 10 s */
	pfd.fd = p[0];
	pfd.events = POLLIN;
	while (got < sizeof(line) - 1 && poll(&pfd, 1, 10000) == 1) {
		ssize_t n = read(p[0], line + got, 1);
		if (n <= 0 || line[got] == '\n')
			break;
		got++;
	}
	line[got] = '\0';
	close(p[0]);
	if (strncmp(line, "PORT ", 5) != 0) {
		kill(pid, SIGTERM);
		waitpid(pid, NULL, 0);
		return -1;
	}
	snprintf(out, size, "%s://127.0.0.1:%s", scheme, line + 5);
	return pid;
}

static int start_server(void **state)
{
	enum { NF = sizeof(faults) / sizeof(faults[0]) };
	static char args[2 * NF + 8][320];
	char *argv[4 * NF + 16];
	static char script[512];
	int argc = 0, a = 0;
	FILE *fp;

	(void)state;
	setenv("no_proxy", "*", 1); /* never through a proxy from the environment */
	for (size_t i = 0; i < DATA_LEN; i++)
		data[i] = (char)((i * 7 + i / 251) % 256);
	snprintf(tmpdir, sizeof(tmpdir), "%s/cvegate-test-fetch-XXXXXX",
	        getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	snprintf(data_file, sizeof(data_file), "%s/data.bin", tmpdir);
	if ((fp = fopen(data_file, "wb")) == NULL || fwrite(data, 1, DATA_LEN, fp) != DATA_LEN ||
	        fclose(fp) != 0)
		return -1;

	script_path(script, sizeof(script));
	if (access(script, R_OK) != 0)
		return 0; /* tests skip */
	argv[argc++] = "python3";
	argv[argc++] = script;
	argv[argc++] = "--file";
	snprintf(args[a], sizeof(args[a]), "/ok=%s", data_file);
	argv[argc++] = args[a++];
	for (size_t i = 0; i < NF; i++) {
		argv[argc++] = "--file";
		snprintf(args[a], sizeof(args[a]), "%s=%s", faults[i][0], data_file);
		argv[argc++] = args[a++];
		argv[argc++] = "--fault";
		snprintf(args[a], sizeof(args[a]), "%s=%s", faults[i][0], faults[i][1]);
		argv[argc++] = args[a++];
	}
	argv[argc] = NULL;
	server_pid = spawn(argv, "http", base, sizeof(base));
	return 0;
}

static int stop_server(void **state)
{
	char path[320];

	(void)state;
	if (server_pid > 0) {
		kill(server_pid, SIGTERM);
		waitpid(server_pid, NULL, 0);
	}
	unlink(data_file);
	snprintf(path, sizeof(path), "%s/out", tmpdir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/cert.pem", tmpdir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/key.pem", tmpdir);
	unlink(path);
	rmdir(tmpdir);
	return 0;
}

#define NEED_SERVER()                                                                              \
	do {                                                                                       \
		if (server_pid <= 0)                                                               \
			skip();                                                                    \
	} while (0)

static char *url(const char *path)
{
	static char u[8][256];
	static int next;

	next = (next + 1) % 8;
	snprintf(u[next], sizeof(u[next]), "%s%s", base, path);
	return u[next];
}

static cvg_fetch_options options(warnings *w)
{
	cvg_fetch_options o;

	memset(&o, 0, sizeof(o));
	o.retries = 2;
	o.backoff_s = 0.1;
	o.stall_timeout_s = 1;
	o.connect_timeout_s = 2;
	o.warn = collect;
	o.payload = w;
	return o;
}

/* ---- Faults: one row each ---- */

enum body { NONE, FULL, HALF };

typedef struct fault_case {
	const char *path;
	unsigned retries;
	size_t max_bytes; /* 0: default */
	int rc;
	const char *msg; /* the error message with %s for the URL, or NULL */
	unsigned attempts;
	enum body body;
	const char *warn[2]; /* the warnings with %s for the URL; NULL: none more */
	double min_s, max_s; /* elapsed time bounds */
} fault_case;

/* Waits: backoff 0.1 s doubled; Retry-After 1 s; stall 1 s (low speed over
 * a whole second, so up to 2 s). */
static const fault_case fault_cases[] = {
        {"/ok", 2, 0, 0, NULL, 1, FULL, {NULL, NULL}, 0, 1},
        {"/r503", 2, 0, 0, NULL, 3, FULL,
                {"%s: HTTP status 503; retrying in 0.1 s (retry 1 of 2)",
                        "%s: HTTP status 503; retrying in 0.2 s (retry 2 of 2)"},
                0.3, 2},
        {"/r503all", 1, 0, CVG_EIO, "%s: HTTP status 503 (gave up after 2 attempts)", 2, NONE,
                {"%s: HTTP status 503; retrying in 0.1 s (retry 1 of 1)", NULL}, 0.1, 2},
        {"/r503all", 0, 0, CVG_EIO, "%s: HTTP status 503", 1, NONE, {NULL, NULL}, 0, 1},
        {"/r403", 1, 0, 0, NULL, 2, FULL,
                {"%s: HTTP status 403; retrying in 0.1 s (retry 1 of 1)", NULL}, 0.1, 2},
        {"/r400", 3, 0, CVG_EIO, "%s: HTTP status 400", 1, NONE, {NULL, NULL}, 0, 1},
        {"/r429", 1, 0, 0, NULL, 2, FULL,
                {"%s: HTTP status 429; retrying in 1.0 s (retry 1 of 1)", NULL}, 1.0, 3},
        {"/r429date", 1, 0, 0, NULL, 2, FULL, {NULL, NULL}, 1.0, 4},
        {"/r429long", 3, 0, CVG_EIO,
                "%s: HTTP status 429; the server asks to wait 3600 s, longer than 600 s", 1, NONE,
                {NULL, NULL}, 0, 1},
        {"/reset1", 1, 0, 0, NULL, 2, FULL,
                {"%s: connection reset; retrying in 0.1 s (retry 1 of 1)", NULL}, 0.1, 2},
        {"/resetall", 1, 0, CVG_EIO, "%s: connection reset (gave up after 2 attempts)", 2, NONE,
                {"%s: connection reset; retrying in 0.1 s (retry 1 of 1)", NULL}, 0.1, 2},
        {"/drop1", 1, 0, 0, NULL, 2, FULL,
                {"%s: connection closed without a response; retrying in 0.1 s (retry 1 of 1)",
                        NULL},
                0.1, 2},
        {"/stall", 0, 0, CVG_EIO, "%s: stalled: no data for 1 s", 1, NONE, {NULL, NULL}, 0.9, 3},
        {"/stallmid", 0, 0, CVG_EIO, "%s: stalled: no data for 1 s", 1, NONE, {NULL, NULL}, 0.9, 3},
        {"/stallhead", 0, 0, CVG_EIO, "%s: stalled: no data for 1 s", 1, NONE, {NULL, NULL}, 0.9,
                3},
        /* 2 GiB without Content-Length: stopped in the write callback, not retried */
        {"/huge", 2, 1 << 20, CVG_ELIMIT, "%s: larger than the limit of 1048576 bytes", 1, NONE,
                {NULL, NULL}, 0, 2},
        /* a Content-Length above the limit: stopped before the body */
        {"/ok", 2, 1000, CVG_ELIMIT, "%s: larger than the limit of 1000 bytes", 1, NONE,
                {NULL, NULL}, 0, 1},
        {"/ok", 2, DATA_LEN, 0, NULL, 1, FULL, {NULL, NULL}, 0, 1},
        {"/missing", 2, 0, CVG_ENOTFOUND, "%s: not found", 1, NONE, {NULL, NULL}, 0, 1},
        {"/gone", 2, 0, CVG_ENOTFOUND, "%s: not found", 1, NONE, {NULL, NULL}, 0, 1},
        {"/trunc", 2, 0, 0, NULL, 1, HALF, {NULL, NULL}, 0, 1},
        {"/redir", 2, 0, 0, NULL, 1, FULL, {NULL, NULL}, 0, 1},
        {"/redirfile", 2, 0, CVG_EIO,
                "%s: redirect to file:///etc/passwd refused: only https and http are followed", 1,
                NONE, {NULL, NULL}, 0, 1},
        {"/redirloop", 2, 0, CVG_EIO, "%s: more than 5 redirects", 1, NONE, {NULL, NULL}, 0, 1},
};

static void check_msg(const char *fmt, const char *u, const char *got)
{
	char want[1024];

	snprintf(want, sizeof(want), fmt, u);
	assert_string_equal(got, want);
}

static void test_faults(void **state)
{
	(void)state;
	NEED_SERVER();
	for (size_t i = 0; i < sizeof(fault_cases) / sizeof(fault_cases[0]); i++) {
		const fault_case *c = &fault_cases[i];
		const char *u = url(c->path);
		cvg_fetcher *f = NULL;
		cvg_fetch_info info;
		cvg_fetch_options o;
		warnings w = {0};
		char *out = NULL;
		size_t len = 99;
		double t0, dt;
		int rc;

		print_message(
		        "%s (retries %u, max_bytes %zu)\n", c->path, c->retries, c->max_bytes);
		o = options(&w);
		o.retries = c->retries;
		o.max_bytes = c->max_bytes;
		assert_int_equal(cvg_fetcher_new(&f, &o), 0);
		t0 = now_s();
		rc = cvg_fetch_memory(f, u, &out, &len, NULL, &info);
		dt = now_s() - t0;
		assert_int_equal(rc, c->rc);
		if (c->msg)
			check_msg(c->msg, u, cvg_error_last());
		assert_int_equal(info.attempts, c->attempts);
		if (c->body == NONE) {
			assert_null(out);
			assert_int_equal(len, 0);
		} else {
			size_t want = c->body == FULL ? DATA_LEN : DATA_LEN / 2;
			assert_int_equal(info.status, 200);
			assert_false(info.not_modified);
			assert_int_equal(len, want);
			assert_int_equal(info.bytes, want);
			assert_memory_equal(out, data, want);
			assert_int_equal(out[len], '\0');
		}
		for (int k = 0; k < 2; k++) {
			if (c->warn[k])
				check_msg(c->warn[k], u, w.msg[k]);
		}
		assert_int_equal(w.n, (int)c->attempts - 1); /* one warning per retry */
		if (dt < c->min_s || dt > c->max_s)
			fail_msg("%s took %.2f s, expected %.1f-%.1f s", c->path, dt, c->min_s,
			        c->max_s);
		free(out);
		cvg_fetcher_free(f);
	}
}

/* ---- Conditional requests ---- */

static void test_conditional(void **state)
{
	cvg_fetcher *f = NULL;
	cvg_fetch_info info, again;
	cvg_fetch_cond cond = {NULL, NULL};
	cvg_fetch_options o;
	warnings w = {0};
	char *out = NULL, path[320];
	size_t len;
	struct stat st;

	(void)state;
	NEED_SERVER();
	o = options(&w);
	assert_int_equal(cvg_fetcher_new(&f, &o), 0);
	assert_int_equal(cvg_fetch_memory(f, url("/ok"), &out, &len, NULL, &info), 0);
	free(out);
	assert_int_equal(info.etag[0], '"');
	assert_true(strlen(info.last_modified) == 29); /* "Wed, 25 Nov 2026 22:21:13 GMT" */

	/* If-None-Match alone, If-Modified-Since alone, and both */
	for (int k = 0; k < 3; k++) {
		cond.etag = k != 1 ? info.etag : NULL;
		cond.last_modified = k != 0 ? info.last_modified : NULL;
		assert_int_equal(cvg_fetch_memory(f, url("/ok"), &out, &len, &cond, &again), 0);
		assert_int_equal(again.status, 304);
		assert_true(again.not_modified);
		assert_int_equal(len, 0);
		assert_string_equal(out, "");
		assert_int_equal(again.bytes, 0);
		free(out);
	}
	/* a stale ETag: the whole body */
	cond.etag = "\"0-0\"";
	cond.last_modified = NULL;
	assert_int_equal(cvg_fetch_memory(f, url("/ok"), &out, &len, &cond, &again), 0);
	assert_int_equal(again.status, 200);
	assert_false(again.not_modified);
	assert_int_equal(len, DATA_LEN);
	assert_string_equal(again.etag, info.etag);
	free(out);

	/* to a file: 304 leaves no file behind */
	snprintf(path, sizeof(path), "%s/out", tmpdir);
	cond.etag = info.etag;
	assert_int_equal(cvg_fetch_file(f, url("/ok"), path, &cond, &again), 0);
	assert_true(again.not_modified);
	assert_int_equal(stat(path, &st), -1);

	/* a validator that would smuggle a header in */
	cond.etag = "\"x\"\r\napiKey: y";
	assert_int_equal(cvg_fetch_memory(f, url("/ok"), &out, &len, &cond, &again), CVG_EINVAL);
	assert_null(out);
	assert_int_equal(w.n, 0);
	cvg_fetcher_free(f);
}

/* ---- Files and file: URLs ---- */

static void test_files(void **state)
{
	cvg_fetcher *f = NULL;
	cvg_fetch_info info;
	cvg_fetch_options o;
	warnings w = {0};
	char path[320], u[400], *out = NULL;
	size_t len;
	struct stat st;
	FILE *fp;

	(void)state;
	o = options(&w);
	assert_int_equal(cvg_fetcher_new(&f, &o), 0);
	snprintf(path, sizeof(path), "%s/out", tmpdir);

	/* file: URL into memory and into a file */
	snprintf(u, sizeof(u), "file://%s", data_file);
	assert_int_equal(cvg_fetch_memory(f, u, &out, &len, NULL, &info), 0);
	assert_int_equal(info.status, 0);
	assert_int_equal(len, DATA_LEN);
	assert_memory_equal(out, data, DATA_LEN);
	free(out);
	assert_int_equal(cvg_fetch_file(f, u, path, NULL, &info), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, DATA_LEN);
	assert_int_equal(st.st_mode & 0777, 0600);

	/* an existing file is not overwritten */
	assert_int_equal(cvg_fetch_file(f, u, path, NULL, &info), CVG_EIO);
	check_msg("%s: File exists", path, cvg_error_last());
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, DATA_LEN);
	assert_int_equal(unlink(path), 0);

	/* a missing file */
	snprintf(u, sizeof(u), "file://%s/nope.json.gz", tmpdir);
	assert_int_equal(cvg_fetch_memory(f, u, &out, &len, NULL, &info), CVG_ENOTFOUND);
	check_msg("%s: not found", u, cvg_error_last());
	assert_int_equal(info.attempts, 1);
	assert_int_equal(cvg_fetch_file(f, u, path, NULL, &info), CVG_ENOTFOUND);
	assert_int_equal(stat(path, &st), -1);

	/* other schemes are refused */
	assert_int_equal(
	        cvg_fetch_memory(f, "ftp://127.0.0.1/x", &out, &len, NULL, &info), CVG_EINVAL);
	assert_string_equal(
	        cvg_error_last(), "ftp://127.0.0.1/x: only https, http and file URLs are fetched");
	assert_int_equal(w.n, 0);
	cvg_fetcher_free(f);

	/* the limit holds for file: URLs too */
	o.max_bytes = 4096;
	assert_int_equal(cvg_fetcher_new(&f, &o), 0);
	snprintf(u, sizeof(u), "file://%s", data_file);
	assert_int_equal(cvg_fetch_memory(f, u, &out, &len, NULL, &info), CVG_ELIMIT);
	check_msg("%s: larger than the limit of 4096 bytes", u, cvg_error_last());
	cvg_fetcher_free(f);

	if (server_pid <= 0)
		return;
	/* a download that fails leaves no file; one that succeeds is whole */
	assert_int_equal(cvg_fetcher_new(&f, &o), 0);
	assert_int_equal(cvg_fetch_file(f, url("/huge"), path, NULL, &info), CVG_ELIMIT);
	assert_int_equal(stat(path, &st), -1);
	assert_int_equal(cvg_fetch_file(f, url("/missing"), path, NULL, &info), CVG_ENOTFOUND);
	assert_int_equal(stat(path, &st), -1);
	cvg_fetcher_free(f);
	o.max_bytes = 0;
	o.retries = 1;
	assert_int_equal(cvg_fetcher_new(&f, &o), 0);
	assert_int_equal(cvg_fetch_file(f, url("/reset1f"), path, NULL, &info), 0);
	assert_int_equal(info.attempts, 2);
	assert_int_equal(info.bytes, DATA_LEN);
	assert_non_null(fp = fopen(path, "rb"));
	out = malloc(DATA_LEN + 1);
	assert_int_equal(fread(out, 1, DATA_LEN + 1, fp), DATA_LEN);
	assert_memory_equal(out, data, DATA_LEN);
	fclose(fp);
	free(out);
	unlink(path);
	cvg_fetcher_free(f);
}

/* ---- Pacing ---- */

static void test_pacing(void **state)
{
	cvg_fetcher *f = NULL;
	cvg_fetch_options o;
	warnings w = {0};
	char *out;
	size_t len;
	double t0, dt;

	(void)state;
	NEED_SERVER();
	o = options(&w);
	o.min_interval_s = 0.3;
	assert_int_equal(cvg_fetcher_new(&f, &o), 0);
	t0 = now_s();
	for (int i = 0; i < 3; i++) {
		assert_int_equal(cvg_fetch_memory(f, url("/ok"), &out, &len, NULL, NULL), 0);
		free(out);
	}
	dt = now_s() - t0;
	if (dt < 0.6 || dt > 1.5)
		fail_msg("3 requests 0.3 s apart took %.2f s", dt);
	cvg_fetcher_free(f);
}

/* A stall on a connection kept alive from the request before. */
/* on_bytes reports what has arrived, never more than the body, and the
 * expected size the server declares. */
typedef struct bytes_seen {
	int calls;
	size_t last, expected;
} bytes_seen;

static void count_bytes(size_t received, size_t expected, void *payload)
{
	bytes_seen *b = payload;

	b->calls++;
	b->last = received;
	b->expected = expected;
}

static void test_progress(void **state)
{
	cvg_fetcher *f = NULL;
	cvg_fetch_options o;
	warnings w = {0};
	bytes_seen b = {0};
	char *out;
	size_t len;

	(void)state;
	NEED_SERVER();
	o = options(&w);
	o.on_bytes = count_bytes;
	o.bytes_payload = &b;
	assert_int_equal(cvg_fetcher_new(&f, &o), 0);
	assert_int_equal(cvg_fetch_memory(f, url("/ok"), &out, &len, NULL, NULL), 0);
	assert_true(b.calls >= 1);
	assert_true(b.last > 0 && b.last <= len);
	assert_int_equal(b.expected, len);
	free(out);
	cvg_fetcher_free(f);
}

static void test_stall_reused(void **state)
{
	cvg_fetcher *f = NULL;
	cvg_fetch_options o;
	warnings w = {0};
	char *out;
	size_t len;
	double t0, dt;

	(void)state;
	NEED_SERVER();
	o = options(&w);
	o.retries = 0;
	assert_int_equal(cvg_fetcher_new(&f, &o), 0);
	assert_int_equal(cvg_fetch_memory(f, url("/ok"), &out, &len, NULL, NULL), 0);
	free(out);
	t0 = now_s();
	assert_int_equal(cvg_fetch_memory(f, url("/stall"), &out, &len, NULL, NULL), CVG_EIO);
	dt = now_s() - t0;
	check_msg("%s: stalled: no data for 1 s", url("/stall"), cvg_error_last());
	if (dt < 0.9 || dt > 3)
		fail_msg("stall of 1 s took %.2f s", dt);
	cvg_fetcher_free(f);
}

/* ---- The API key ---- */

static void test_api_key(void **state)
{
	/* every failure a key could leak through: messages and warnings */
	static const char *const failing[] = {"/r503all", "/resetall", "/stall", "/huge",
	        "/missing", "/redirfile", "/redirloop", "/r429long", "/r400", "/drop1"};
	cvg_fetcher *f = NULL;
	cvg_fetch_options o;
	warnings w = {0};
	char *out = NULL;
	size_t len;

	(void)state;
	o = options(&w);
	o.api_key = "bad key";
	assert_int_equal(cvg_fetcher_new(&f, &o), CVG_EINVAL);
	assert_null(f);
	assert_string_equal(cvg_error_last(),
	        "the API key is empty or holds a character other than visible ASCII");
	o.api_key = "SECRET\r\nX-Injected: 1";
	assert_int_equal(cvg_fetcher_new(&f, &o), CVG_EINVAL);
	assert_null(strstr(cvg_error_last(), "SECRET"));
	o.api_key = "";
	assert_int_equal(cvg_fetcher_new(&f, &o), CVG_EINVAL);

	NEED_SERVER();
	o.api_key = KEY;
	o.retries = 1;
	o.max_bytes = 1 << 20;
	assert_int_equal(cvg_fetcher_new(&f, &o), 0);

	/* sent in the apiKey header, with the User-Agent */
	assert_int_equal(cvg_fetch_memory(f, url("/echo"), &out, &len, NULL, NULL), 0);
	assert_non_null(strstr(out, "\r\napiKey: " KEY "\r\n"));
	assert_non_null(strstr(out, "\r\nUser-Agent: cvegate/"));
	assert_null(strstr(out, "GET /echo?")); /* not in the URL */
	free(out);
	/* not sent to another origin a redirect names (localhost is not 127.0.0.1) */
	assert_int_equal(cvg_fetch_memory(f, url("/redirother"), &out, &len, NULL, NULL), 0);
	assert_non_null(strstr(out, "GET /echo HTTP/1.1\r\n"));
	assert_null(strstr(out, "apiKey"));
	assert_null(strstr(out, KEY));
	free(out);

	for (size_t i = 0; i < sizeof(failing) / sizeof(failing[0]); i++) {
		int rc = cvg_fetch_memory(f, url(failing[i]), &out, &len, NULL, NULL);
		if (strcmp(failing[i], "/drop1") != 0)
			assert_true(rc < 0);
		free(out);
		assert_non_null(strstr(cvg_error_last(), base));
		if (strstr(cvg_error_last(), "SECRET"))
			fail_msg("%s: key in \"%s\"", failing[i], cvg_error_last());
	}
	assert_int_equal(w.n, 3); /* the retries of /r503all, /resetall and /stall */
	for (int i = 0; i < w.n && i < 8; i++) {
		if (strstr(w.msg[i], "SECRET"))
			fail_msg("key in warning \"%s\"", w.msg[i]);
	}
	cvg_fetcher_free(f);
}

/* ---- TLS ---- */

/* A self-signed certificate for 127.0.0.1 made with the openssl tool: not
 * trusted by default, trusted with cacert. */
static void test_tls(void **state)
{
	char cmd[1200], cert[320], key[320], files[700], script[512], https[128];
	char *argv[] = {"python3", script, "--tls", files, "--file", cmd, NULL};
	cvg_fetcher *f = NULL;
	cvg_fetch_options o;
	cvg_fetch_info info;
	warnings w = {0};
	char *out = NULL;
	size_t len;
	pid_t pid;
	int rc;

	(void)state;
	NEED_SERVER();
	snprintf(cert, sizeof(cert), "%s/cert.pem", tmpdir);
	snprintf(key, sizeof(key), "%s/key.pem", tmpdir);
	snprintf(cmd, sizeof(cmd),
	        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
	        "-keyout %s -out %s -days 2 -subj /CN=127.0.0.1 "
	        "-addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1",
	        key, cert);
	if (system(cmd) != 0)
		skip();
	snprintf(files, sizeof(files), "%s,%s", cert, key);
	snprintf(cmd, sizeof(cmd), "/ok=%s", data_file);
	script_path(script, sizeof(script));
	if ((pid = spawn(argv, "https", https, sizeof(https))) < 0)
		fail_msg("the https server did not start");
	strncat(https, "/ok", sizeof(https) - strlen(https) - 1);

	/* not trusted: refused, and not retried */
	o = options(&w);
	assert_int_equal(cvg_fetcher_new(&f, &o), 0);
	rc = cvg_fetch_memory(f, https, &out, &len, NULL, &info);
	cvg_fetcher_free(f);
	assert_int_equal(rc, CVG_EIO);
	assert_int_equal(info.attempts, 1);
	/* libcurl's words, then OpenSSL's ("self-signed certificate" in 3.x) */
	snprintf(cmd, sizeof(cmd), "%s: SSL certificate problem: self", https);
	assert_true(strncmp(cvg_error_last(), cmd, strlen(cmd)) == 0);

	/* trusted through cacert */
	o.cacert = cert;
	assert_int_equal(cvg_fetcher_new(&f, &o), 0);
	assert_int_equal(cvg_fetch_memory(f, https, &out, &len, NULL, &info), 0);
	assert_int_equal(len, DATA_LEN);
	assert_memory_equal(out, data, DATA_LEN);
	free(out);
	cvg_fetcher_free(f);

	/* an unreadable bundle is a usage error */
	o.cacert = "/nonexistent/ca.pem";
	assert_int_equal(cvg_fetcher_new(&f, &o), CVG_EINVAL);
	assert_string_equal(
	        cvg_error_last(), "--cacert /nonexistent/ca.pem: No such file or directory");

	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	unlink(cert);
	unlink(key);
	assert_int_equal(w.n, 0);
}

/* ---- Connect timeout ---- */

/* A listening socket whose accept queue is full and never served: SYNs go
 * unanswered, so connecting hangs. Not a server: it accepts nothing. */
static void test_connect_timeout(void **state)
{
	struct sockaddr_in sa;
	socklen_t sl = sizeof(sa);
	int ls, fill[4], nfill = 0;
	cvg_fetcher *f = NULL;
	cvg_fetch_options o;
	warnings w = {0};
	char u[64], *out = NULL;
	size_t len;
	double t0, dt;
	int rc;

	(void)state;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_true((ls = socket(AF_INET, SOCK_STREAM, 0)) >= 0);
	assert_int_equal(bind(ls, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(ls, 0), 0);
	assert_int_equal(getsockname(ls, (struct sockaddr *)&sa, &sl), 0);
	for (int i = 0; i < 4; i++) {
		if ((fill[nfill] = socket(AF_INET, SOCK_STREAM, 0)) < 0)
			break;
		fcntl(fill[nfill], F_SETFL, O_NONBLOCK);
		connect(fill[nfill], (struct sockaddr *)&sa, sizeof(sa));
		nfill++;
	}
	nanosleep(&(struct timespec){0, 100000000}, NULL);
	snprintf(u, sizeof(u), "http://127.0.0.1:%d/x", ntohs(sa.sin_port));
	o = options(&w);
	o.connect_timeout_s = 1;
	o.retries = 0;
	assert_int_equal(cvg_fetcher_new(&f, &o), 0);
	t0 = now_s();
	rc = cvg_fetch_memory(f, u, &out, &len, NULL, NULL);
	dt = now_s() - t0;
	for (int i = 0; i < nfill; i++)
		close(fill[i]);
	close(ls);
	cvg_fetcher_free(f);
	if (rc == CVG_EIO && strstr(cvg_error_last(), "stalled"))
		skip(); /* this kernel completed the handshake anyway */
	assert_int_equal(rc, CVG_EIO);
	check_msg("%s: could not connect within 1 s", u, cvg_error_last());
	if (dt < 0.9 || dt > 2.5)
		fail_msg("connect timeout of 1 s took %.2f s", dt);

	/* nothing listening: refused at once */
	assert_int_equal(cvg_fetcher_new(&f, &o), 0);
	assert_int_equal(cvg_fetch_memory(f, u, &out, &len, NULL, NULL), CVG_EIO);
	check_msg("%s: could not connect (Connection refused)", u, cvg_error_last());
	cvg_fetcher_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_faults),
	        cmocka_unit_test(test_conditional),
	        cmocka_unit_test(test_files),
	        cmocka_unit_test(test_pacing),
	        cmocka_unit_test(test_progress),
	        cmocka_unit_test(test_stall_reused),
	        cmocka_unit_test(test_api_key),
	        cmocka_unit_test(test_tls),
	        cmocka_unit_test(test_connect_timeout),
	};

	return cmocka_run_group_tests(tests, start_server, stop_server);
}
