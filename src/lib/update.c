/*
 * lib/update.c - `cvegate db update`: keep the database current from the
 * NVD's feed folder (or a mirror of it), verified, incremental, crash-safe.
 *
 * One update (docs/update.md):
 *  1. Take the lock DB.lock (O_CREAT|O_EXCL: works on NFS, unlike flock on
 *     some of them), holding pid, host and start time. A lock whose pid is
 *     gone on this host, or older than LOCK_STALE_S, is broken.
 *  2. Read what the database recorded: last_update and every feed's .meta
 *     (meta keys feed-meta:NAME = "SHA256 LASTMODIFIED").
 *  3. Fetch every .meta of the folder (a few hundred bytes each), detecting
 *     the 2.0 or the archival 1.1 layout, and choose what to download:
 *     first update (no database, a database never updated, another schema):
 *     every year plus `modified`, built as a new file; later: the `modified`
 *     feed when its sha256 changed, and the years whose sha256 changed unless
 *     the database is younger than the 8 days `modified` covers. Nothing
 *     changed: only last_update is written (the .meta fetches are the cost).
 *  4. Download into a private directory beside the database (same file
 *     system, so the rename in 5 is atomic), each X.json.gz with its X.meta
 *     beside it: the importer checks sha256 and size against that sidecar,
 *     and the download's size is checked against gzSize here.
 *  5. Apply. Incremental: one transaction in place (synchronous=FULL,
 *     rollback journal): the data and the meta rows commit together or not
 *     at all, and readers keep their snapshot. Full: a new file, built with
 *     no journal (it is thrown away on any failure), closed, fsync'd, and
 *     renamed over the old one, then the directory fsync'd; scans holding
 *     the old file keep reading its inode. The rename is refused while
 *     DB-journal or DB-wal exists: replacing a database under its hot
 *     journal is SQLite's documented way to corrupt it.
 *
 * The NVD API and snapshot sources live in update_api.c and snapshot.c;
 * their dispatch is the two small functions under "Other sources".
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "cvegate/db.h"
#include "cvegate/fetch.h"
#include "cvegate/update.h"
#include "lib/db_internal.h"
#include "lib/nvd_meta.h"
#include "lib/update_internal.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/isotime.h"
#include "util/text.h"

#define DEFAULT_BASE "https://nvd.nist.gov/feeds/json/cve/2.0/"
/* The NVD's first yearly feed is 2002 (it holds the CVE-1999..2002 ids). */
#define FIRST_YEAR 2002
/* The `modified` feed holds the changes of the last eight days (NVD data feeds page). */
#define MODIFIED_SPAN_S (8LL * 86400)
/* A lock older than this is taken for abandoned (a full update takes minutes). */
#define LOCK_STALE_S (6LL * 3600)
/* A lock file whose contents cannot be read is stale after this long (a
 * crash between creating and writing it). */
#define LOCK_UNREADABLE_STALE_S 60
/* Without a gzSize in the .meta a feed download is bounded by this. */
#define FEED_MAX_BYTES ((size_t)1 << 30)
#define LOCK_MAX 512
/* 'CVGT': PRAGMA application_id of a cvegate database (db.c). */
#define APPLICATION_ID 0x43564754
#define URL_MAX 4096

/* ---- Small helpers ---- */

static char *strf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *strf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *s;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || (s = malloc((size_t)n + 1)) == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

static double mono_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static bool exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

static int fsync_path(const char *path, bool dir)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC), rc;

	if (fd < 0)
		return cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
	rc = fsync(fd);
	close(fd);
	if (rc != 0 && !(dir && (errno == EINVAL || errno == EBADF)))
		return cvg__error(CVG_EIO, "%s: fsync: %s", path, strerror(errno));
	return 0;
}

/* The directory part of path ("." when none), as a new string. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strf("%.*s", (int)(slash - path), path);
}

static const char *base_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static int make_dirs(const char *dir)
{
	char *copy = strdup(dir);
	int error = 0;

	if (copy == NULL)
		return cvg__error_oom();
	for (char *p = copy + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(copy, 0755) != 0 && errno != EEXIST) {
			error = cvg__error(
			        CVG_EIO, "%s: cannot create directory: %s", copy, strerror(errno));
			break;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	free(copy);
	return error;
}

/* Remove a directory this module made, and the plain files in it. */
static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *p = strf("%s/%s", dir, e->d_name);
		if (p)
			unlink(p);
		free(p);
	}
	closedir(d);
	rmdir(dir);
}

static int write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	size_t off = 0;

	if (fd < 0)
		return cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = errno;
			close(fd);
			return cvg__error(CVG_EIO, "%s: %s", path, strerror(e));
		}
		off += (size_t)n;
	}
	if (close(fd) != 0)
		return cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
	return 0;
}

/* ---- The lock ---- */

/*
 * DB.lock holds "pid=N\nhost=NAME\nstarted=SECONDS\n". It is created with
 * O_EXCL, which NFS v3 and later implement atomically on the server.
 * Breaking a stale lock renames it aside first and checks that what was
 * renamed is the lock judged stale, so two updates breaking the same
 * stale lock at once cannot both win.
 */
typedef struct lock_info {
	long pid;
	char host[256];
	long long started;
} lock_info;

static bool parse_lock(lock_info *out, const char *text)
{
	const char *p = text;

	memset(out, 0, sizeof(*out));
	out->pid = -1;
	out->started = -1;
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		if (n > 4 && memcmp(p, "pid=", 4) == 0) {
			long v = 0;
			for (size_t i = 4; i < n && i < 16; i++)
				if (p[i] >= '0' && p[i] <= '9')
					v = v * 10 + (p[i] - '0');
			out->pid = v;
		} else if (n > 5 && memcmp(p, "host=", 5) == 0 && n - 5 < sizeof(out->host)) {
			memcpy(out->host, p + 5, n - 5);
			out->host[n - 5] = '\0';
		} else if (n > 8 && memcmp(p, "started=", 8) == 0) {
			char tmp[32];
			size_t k = n - 8 < sizeof(tmp) - 1 ? n - 8 : sizeof(tmp) - 1;
			memcpy(tmp, p + 8, k);
			tmp[k] = '\0';
			if (!cvg__isotime_parse_any(&out->started, tmp))
				out->started = -1;
		}
		p = eol ? eol + 1 : p + n;
	}
	return out->pid > 0 && out->host[0] && out->started >= 0;
}

static int read_small(char *buf, size_t size, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -EIO;
	buf[n] = '\0';
	return 0;
}

static void host_name(char *out, size_t size)
{
	if (gethostname(out, size) != 0)
		snprintf(out, size, "unknown");
	out[size - 1] = '\0';
}

/* Why the lock at `path` (contents `text`) is stale, or NULL when it is held. */
static const char *stale_reason(const lock_info *li, bool readable, const char *path)
{
	char host[256];
	long long t = (long long)time(NULL);
	struct stat st;

	if (!readable) {
		if (stat(path, &st) == 0 && t - (long long)st.st_mtime > LOCK_UNREADABLE_STALE_S)
			return "unreadable and old";
		return NULL;
	}
	host_name(host, sizeof(host));
	if (strcmp(host, li->host) == 0 && li->pid > 0 && kill((pid_t)li->pid, 0) != 0 &&
	        errno == ESRCH)
		return "its process is gone";
	if (t - li->started > LOCK_STALE_S)
		return "older than 6 hours";
	return NULL;
}

static int lock_take(char **out_text, const char *path, cvg_warn_fn warn, void *payload)
{
	char host[256], text[LOCK_MAX], old[LOCK_MAX], again[LOCK_MAX];
	int error = 0;

	*out_text = NULL;
	host_name(host, sizeof(host));
	snprintf(text, sizeof(text), "pid=%ld\nhost=%s\nstarted=%lld\n", (long)getpid(), host,
	        (long long)time(NULL));
	for (int attempt = 0; attempt < 3; attempt++) {
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd >= 0) {
			size_t len = strlen(text);
			bool ok = write(fd, text, len) == (ssize_t)len && fsync(fd) == 0;
			if (close(fd) != 0 || !ok) {
				error = cvg__error(
				        CVG_EIO, "%s: writing the lock: %s", path, strerror(errno));
				unlink(path);
				return error;
			}
			if ((*out_text = strdup(text)) == NULL) {
				unlink(path);
				return cvg__error_oom();
			}
			return 0;
		}
		if (errno != EEXIST)
			return cvg__error(
			        CVG_EIO, "%s: cannot create the lock: %s", path, strerror(errno));
		lock_info li;
		int rc = read_small(old, sizeof(old), path);
		if (rc == -ENOENT)
			continue; /* released meanwhile */
		bool readable = rc == 0 && parse_lock(&li, old);
		const char *why = stale_reason(&li, readable, path);
		if (why == NULL)
			return cvg__error(CVG_EINVAL,
			        "%s: another update is running (pid %ld on %s, started %lld s "
			        "ago); "
			        "wait for it, or remove the lock if it is certainly dead",
			        path, readable ? li.pid : -1L, readable ? li.host : "?",
			        readable ? (long long)time(NULL) - li.started : -1LL);
		/* break it: rename aside, check it is the one judged stale */
		char *aside = strf("%s.stale.%ld", path, (long)getpid());
		if (aside == NULL)
			return cvg__error_oom();
		if (rename(path, aside) == 0) {
			if (read_small(again, sizeof(again), aside) == 0 &&
			        strcmp(again, old) == 0) {
				unlink(aside);
				cvg__warnf(
				        warn, payload, "%s: removed a stale lock (%s)", path, why);
			} else {
				/* a fresh lock was taken meanwhile: put it back */
				rename(aside, path);
			}
		}
		free(aside);
	}
	return cvg__error(
	        CVG_EINVAL, "%s: could not take the lock (another update is starting)", path);
}

static void lock_release(const char *path, const char *text)
{
	char cur[LOCK_MAX];

	if (text && read_small(cur, sizeof(cur), path) == 0 && strcmp(cur, text) == 0)
		unlink(path);
}

struct cvg_update_lock {
	char *path;
	char *text;
};

int cvg_update_lock_take(
        cvg_update_lock **out, const char *db_path, cvg_warn_fn warn, void *payload)
{
	cvg_update_lock *l;
	int error;

	*out = NULL;
	if ((l = calloc(1, sizeof(*l))) == NULL || (l->path = strf("%s.lock", db_path)) == NULL) {
		free(l);
		return cvg__error_oom();
	}
	if ((error = lock_take(&l->text, l->path, warn, payload)) < 0) {
		free(l->path);
		free(l);
		return error;
	}
	*out = l;
	return 0;
}

void cvg_update_lock_release(cvg_update_lock *lock)
{
	if (lock == NULL)
		return;
	lock_release(lock->path, lock->text);
	free(lock->path);
	free(lock->text);
	free(lock);
}

/* ---- State ---- */

typedef struct feed {
	char name[40]; /* "nvdcve-2.0-2018" */
	bool is_year;  /* else modified or recent */
	bool present;  /* its .meta was found */
	char *meta_text;
	size_t meta_len;
	cvg__nvd_meta meta;
	long long lm;   /* lastModifiedDate in seconds, or -1 */
	char *recorded; /* "SHA256 LASTMODIFIED" from the database, or NULL */
	bool fetch;
} feed;

typedef struct meta_kv {
	char *key, *value;
} meta_kv;

typedef struct updater {
	const cvg_update_options *o;
	cvg_update_stats *st;
	const char *source;
	long long now;
	char *db_dir, *lock_path, *lock_text, *tmp;
	char *base;         /* feed folder URL ending in '/' */
	const char *layout; /* "2.0" or "1.1" */
	cvg_fetcher *meta_f;
	int year_from, year_to;

	/* what the database holds */
	bool db_exists;
	bool db_empty;          /* an empty file: built from scratch */
	bool db_current_schema; /* a cvegate database of this schema */
	long long last_update;  /* -1: never updated */
	meta_kv *rec;
	size_t nrec;

	feed *feeds;
	size_t nfeeds;

	/* CVE List v5 */
	char *checkout;          /* --mirror DIR of a cvelistV5 checkout: DIR/cves */
	bool cl_checkout;        /* importing it now */
	cvg_update_mode cl_mode; /* what the cvelist update did */

	/* the plan */
	bool full;
	char **files;
	size_t nfiles;
	meta_kv *put;
	size_t nput;
} updater;

static void progress(updater *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void progress(updater *u, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	if (u->o->quiet || u->o->progress == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	u->o->progress(line, u->o->payload);
}

/* Live progress of one download (o->live_progress). */
typedef struct live {
	updater *u;
	const char *name;
	double t0;
} live;

static void on_bytes(size_t received, size_t expected, void *payload)
{
	live *l = payload;
	double secs = mono_s() - l->t0, rate = secs > 0 ? (double)received / secs : 0;

	if (expected > 0 && rate > 0)
		progress(l->u, "%s.json.gz: %.1f of %.1f MB, %.1f MB/s, %.0f s left", l->name,
		        (double)received / 1e6, (double)expected / 1e6, rate / 1e6,
		        (double)(expected > received ? expected - received : 0) / rate);
	else
		progress(l->u, "%s.json.gz: %.1f MB, %.1f MB/s", l->name, (double)received / 1e6,
		        rate / 1e6);
}

static const char *recorded(const updater *u, const char *key)
{
	for (size_t i = 0; i < u->nrec; i++)
		if (strcmp(u->rec[i].key, key) == 0)
			return u->rec[i].value;
	return NULL;
}

static int put_meta(updater *u, const char *key, const char *value)
{
	meta_kv *p = realloc(u->put, (u->nput + 1) * sizeof(*p));

	if (p == NULL)
		return cvg__error_oom();
	u->put = p;
	p[u->nput].key = strdup(key);
	p[u->nput].value = strdup(value);
	if (p[u->nput].key == NULL || p[u->nput].value == NULL) {
		free(p[u->nput].key);
		free(p[u->nput].value);
		return cvg__error_oom();
	}
	u->nput++;
	return 0;
}

static int add_file(updater *u, char *path)
{
	char **p = realloc(u->files, (u->nfiles + 1) * sizeof(*p));

	if (p == NULL) {
		free(path);
		return cvg__error_oom();
	}
	u->files = p;
	p[u->nfiles++] = path;
	return 0;
}

/* ---- Reading the database's state ---- */

static int sql_fail(sqlite3 *db, const char *path)
{
	return cvg__error(CVG_EDB, "%s: %s", path, db ? sqlite3_errmsg(db) : "out of memory");
}

/*
 * Open the existing database directly (read-write, so a hot journal left
 * by a crash is rolled back now) and read its identity and meta rows.
 */
static int read_state(updater *u)
{
	const char *path = u->o->db_path;
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long long app = 0, version = 0, tables = 0;
	int error = 0, rc;

	u->last_update = -1;
	if (!exists(path))
		return 0;
	u->db_exists = true;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		error = sql_fail(db, path);
		goto done;
	}
	sqlite3_busy_timeout(db, 10000);
	const char *q = "SELECT (SELECT application_id FROM pragma_application_id),"
	                " (SELECT user_version FROM pragma_user_version),"
	                " (SELECT count(*) FROM sqlite_schema)";
	if (sqlite3_prepare_v2(db, q, -1, &st, NULL) != SQLITE_OK ||
	        sqlite3_step(st) != SQLITE_ROW) {
		error = sql_fail(db, path);
		if (strstr(cvg_error_last(), "not a database"))
			error = cvg__error(CVG_EDB,
			        "%s: not a cvegate database (not SQLite); not replaced", path);
		goto done;
	}
	app = sqlite3_column_int64(st, 0);
	version = sqlite3_column_int64(st, 1);
	tables = sqlite3_column_int64(st, 2);
	sqlite3_finalize(st);
	st = NULL;
	if (tables == 0) { /* an empty file: built from scratch */
		u->db_empty = true;
		goto done;
	}
	if (app != APPLICATION_ID) {
		error = cvg__error(CVG_EDB, "%s: not a cvegate database; not replaced", path);
		goto done;
	}
	/* schema 2 lacks only the CVE List tables: cvg_db_open adds them in place */
	if (version != CVG_DB_SCHEMA_VERSION && version != 2) {
		progress(u, "%s: schema version %lld, rebuilding as version %d", path, version,
		        CVG_DB_SCHEMA_VERSION);
		goto done;
	}
	u->db_current_schema = true;
	if (sqlite3_prepare_v2(db,
	            "SELECT key, value FROM meta WHERE key = 'last_update'"
	            " OR key LIKE 'feed-meta:%' OR key LIKE 'source:%'",
	            -1, &st, NULL) != SQLITE_OK) {
		error = sql_fail(db, path);
		goto done;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 0);
		const char *v = (const char *)sqlite3_column_text(st, 1);
		meta_kv *p = realloc(u->rec, (u->nrec + 1) * sizeof(*p));
		if (p == NULL) {
			error = cvg__error_oom();
			goto done;
		}
		u->rec = p;
		p[u->nrec].key = strdup(k ? k : "");
		p[u->nrec].value = strdup(v ? v : "");
		u->nrec++;
		if (p[u->nrec - 1].key == NULL || p[u->nrec - 1].value == NULL) {
			error = cvg__error_oom();
			goto done;
		}
	}
	if (rc != SQLITE_DONE) {
		error = sql_fail(db, path);
		goto done;
	}
	const char *lu = recorded(u, "last_update");
	if (lu && !cvg__isotime_parse(&u->last_update, lu))
		u->last_update = -1;
done:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return error;
}

/* ---- Feeds: .meta files and the plan ---- */

static int fetch_meta(updater *u, feed *fd)
{
	char url[URL_MAX];
	char *text = NULL;
	size_t len = 0;
	int error;

	snprintf(url, sizeof(url), "%s%s.meta", u->base, fd->name);
	if ((error = cvg_fetch_memory(u->meta_f, url, &text, &len, NULL, NULL)) < 0)
		return error;
	u->st->files_checked++;
	if ((error = cvg__nvd_meta_parse(&fd->meta, url, text, len)) < 0) {
		free(text);
		return error;
	}
	fd->present = true;
	fd->meta_text = text;
	fd->meta_len = len;
	fd->lm = -1;
	if (fd->meta.last_modified[0] && !cvg__isotime_parse(&fd->lm, fd->meta.last_modified))
		fd->lm = -1;
	return 0;
}

static void feed_name(feed *fd, const char *layout, const char *what)
{
	snprintf(fd->name, sizeof(fd->name), "nvdcve-%s-%s", layout, what);
}

/* Fetch every .meta; the layout is the first of 2.0 and (mirrors) 1.1 that has one. */
static int fetch_metas(updater *u)
{
	static const char *const layouts[] = {"2.0", "1.1"};
	size_t nlayouts = u->o->mirror ? 2 : 1, n = (size_t)(u->year_to - u->year_from + 1) + 2;
	char year[16];
	int error = CVG_ENOTFOUND;

	if ((u->feeds = calloc(n, sizeof(feed))) == NULL)
		return cvg__error_oom();
	u->nfeeds = n;
	/* probe: modified first (the one an incremental update needs), then the first year */
	for (size_t l = 0; l < nlayouts && error == CVG_ENOTFOUND; l++) {
		feed *probe[2] = {&u->feeds[n - 2], &u->feeds[0]};
		feed_name(probe[0], layouts[l], "modified");
		snprintf(year, sizeof(year), "%d", u->year_from);
		feed_name(probe[1], layouts[l], year);
		for (int i = 0; i < 2 && error == CVG_ENOTFOUND; i++) {
			error = fetch_meta(u, probe[i]);
			if (error == 0)
				u->layout = layouts[l];
		}
	}
	if (error == CVG_ENOTFOUND)
		return cvg__error(CVG_ENOTFOUND,
		        "%s: no feed here (neither nvdcve-2.0-modified.meta nor "
		        "nvdcve-2.0-%d.meta%s)",
		        u->base, u->year_from, u->o->mirror ? ", nor their nvdcve-1.1 forms" : "");
	if (error < 0)
		return error;
	for (size_t i = 0; i < n; i++) {
		feed *fd = &u->feeds[i];
		if (i < n - 2) {
			snprintf(year, sizeof(year), "%d", u->year_from + (int)i);
			fd->is_year = true;
		}
		feed_name(fd, u->layout, i < n - 2 ? year : i == n - 2 ? "modified" : "recent");
		if (fd->present)
			continue;
		error = fetch_meta(u, fd);
		if (error == CVG_ENOTFOUND && !fd->is_year) {
			error = 0; /* modified and recent are optional on a mirror */
			continue;
		}
		if (error < 0)
			return error;
	}
	return 0;
}

static bool changed(const feed *fd)
{
	return fd->recorded == NULL || strncmp(fd->recorded, fd->meta.sha256, 64) != 0;
}

static int plan_feeds(updater *u)
{
	feed *mod = &u->feeds[u->nfeeds - 2];
	char key[80], value[128];
	size_t nyears = u->nfeeds - 2, nchanged = 0;
	bool young = false;
	int error;

	for (size_t i = 0; i < u->nfeeds; i++) {
		feed *fd = &u->feeds[i];
		snprintf(key, sizeof(key), "feed-meta:%s", fd->name);
		fd->recorded = (char *)recorded(u, key);
		if (fd->is_year && changed(fd))
			nchanged++;
	}
	u->full = !u->db_current_schema || u->last_update < 0;
	if (!u->full && mod->present && mod->recorded && mod->lm >= 0) {
		/* the database missed nothing that `modified` does not hold: updated
		 * within its 8 days, and the feed it saw last is within 8 days of this one */
		long long seen_lm = -1;
		const char *sp = strchr(mod->recorded, ' ');
		young = u->now - u->last_update < MODIFIED_SPAN_S && sp &&
		        cvg__isotime_parse(&seen_lm, sp + 1) && mod->lm - seen_lm < MODIFIED_SPAN_S;
	}
	for (size_t i = 0; i < u->nfeeds; i++) {
		feed *fd = &u->feeds[i];
		if (!fd->present)
			continue;
		if (u->full)
			fd->fetch = fd->is_year || fd == mod;
		else if (fd == mod)
			fd->fetch = changed(fd);
		else if (fd->is_year)
			fd->fetch =
			        fd->recorded == NULL || (changed(fd) && (!young || !changed(mod)));
	}
	/* every year changed: a new file is as quick and leaves nothing stale behind */
	if (!u->full && nyears > 0 && nchanged == nyears && !young) {
		u->full = true;
		mod->fetch = mod->present;
	}
	if (u->full)
		progress(u, "full update: %zu years (%d-%d)%s", nyears, u->year_from, u->year_to,
		        mod->present ? " and the modified feed" : "");
	else if (young)
		progress(u, "database updated %.1f days ago: the modified feed covers it",
		        (double)(u->now - u->last_update) / 86400.0);
	/* record every .meta seen: after this update the data is that of these feeds */
	for (size_t i = 0; i < u->nfeeds; i++) {
		feed *fd = &u->feeds[i];
		if (!fd->present)
			continue;
		snprintf(key, sizeof(key), "feed-meta:%s", fd->name);
		snprintf(value, sizeof(value), "%s %s", fd->meta.sha256,
		        fd->meta.last_modified[0] ? fd->meta.last_modified : "-");
		if ((error = put_meta(u, key, value)) < 0)
			return error;
	}
	return 0;
}

static int download(updater *u, feed *fd, size_t index, size_t count)
{
	char url[URL_MAX];
	cvg_fetch_options fo;
	cvg_fetch_info info;
	cvg_fetcher *f = NULL;
	char *path = NULL, *meta_path = NULL;
	double t0 = mono_s();
	live lv;
	int error;

	snprintf(url, sizeof(url), "%s%s.json.gz", u->base, fd->name);
	if ((path = strf("%s/%s.json.gz", u->tmp, fd->name)) == NULL ||
	        (meta_path = strf("%s/%s.meta", u->tmp, fd->name)) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	memset(&fo, 0, sizeof(fo));
	fo.cacert = u->o->cacert;
	fo.retries = 3;
	fo.warn = u->o->quiet ? NULL : u->o->progress;
	fo.payload = u->o->payload;
	if (u->o->live_progress && !u->o->quiet) {
		lv.u = u;
		lv.name = fd->name;
		lv.t0 = t0;
		fo.on_bytes = on_bytes;
		fo.bytes_payload = &lv;
	}
	/* the .meta says how big the download is: nothing larger is accepted */
	fo.max_bytes =
	        fd->meta.has_gz_size && fd->meta.gz_size > 0 && fd->meta.gz_size < FEED_MAX_BYTES
	                ? (size_t)fd->meta.gz_size
	                : FEED_MAX_BYTES;
	if ((error = cvg_fetcher_new(&f, &fo)) < 0 ||
	        (error = cvg_fetch_file(f, url, path, NULL, &info)) < 0) {
		if (error == CVG_ELIMIT && fd->meta.has_gz_size)
			error = cvg__error(CVG_EVERIFY,
			        "%s: larger than the gzSize %llu of its .meta", url,
			        (unsigned long long)fd->meta.gz_size);
		goto done;
	}
	if (fd->meta.has_gz_size && info.bytes != fd->meta.gz_size) {
		error = cvg__error(CVG_EVERIFY, "%s: %zu bytes, its .meta says gzSize %llu", url,
		        info.bytes, (unsigned long long)fd->meta.gz_size);
		goto done;
	}
	/* the importer checks sha256 and size against this sidecar */
	if ((error = write_file(meta_path, fd->meta_text, fd->meta_len)) < 0)
		goto done;
	u->st->files_fetched++;
	u->st->bytes_fetched += info.bytes;
	progress(u, "downloaded %s.json.gz (%zu of %zu): %zu bytes in %.2f s", fd->name, index,
	        count, info.bytes, mono_s() - t0);
	error = add_file(u, path);
	path = NULL;
done:
	cvg_fetcher_free(f);
	free(path);
	free(meta_path);
	return error;
}

static int run_feeds(updater *u)
{
	cvg_fetch_options fo;
	char value[64];
	long long newest = -1;
	size_t count = 0, index = 0;
	int error;

	memset(&fo, 0, sizeof(fo));
	fo.cacert = u->o->cacert;
	fo.retries = 3;
	fo.max_bytes = CVG_NVD_META_MAX;
	fo.warn = u->o->quiet ? NULL : u->o->progress;
	fo.payload = u->o->payload;
	if ((error = cvg_fetcher_new(&u->meta_f, &fo)) < 0 || (error = fetch_metas(u)) < 0 ||
	        (error = plan_feeds(u)) < 0)
		return error;
	for (size_t i = 0; i < u->nfeeds; i++) {
		count += u->feeds[i].fetch;
		if (u->feeds[i].present && u->feeds[i].lm > newest)
			newest = u->feeds[i].lm;
	}
	progress(u, "%zu .meta files checked at %s (layout %s): %zu feeds to download",
	        u->st->files_checked, u->base, u->layout, count);
	/* years in order, then modified: the importer keeps the newest of each record anyway */
	for (size_t i = 0; i < u->nfeeds; i++)
		if (u->feeds[i].fetch && (error = download(u, &u->feeds[i], ++index, count)) < 0)
			return error;
	if (newest >= 0) {
		cvg__isotime_format(value, sizeof(value), newest);
		if ((error = put_meta(u, "source:nvd:last_modified", value)) < 0)
			return error;
	}
	if ((error = put_meta(u, "source:nvd:url", u->base)) < 0)
		return error;
	return 0;
}

/* ---- Other sources ---- */

/* The NVD API (update_api.c) and snapshots (snapshot.c) fetch and verify;
 * this file imports and installs what they return. */
static int other_api_fetch(
        updater *u, cvg_fetcher *f, const char *since, char ***files, size_t *nfiles, char **until)
{
	return cvg__update_api_fetch(f, u->o, since, u->tmp, files, nfiles, until);
}

static int other_snapshot_fetch(updater *u, cvg_fetcher *f, char **path)
{
	cvg_update_options o = *u->o;

	o.mirror = u->base; /* a plain path given as --mirror is a file: URL by now */
	return cvg__snapshot_fetch(f, &o, u->tmp, path);
}

static int run_api(updater *u)
{
	cvg_fetch_options fo;
	cvg_fetcher *f = NULL;
	char **files = NULL, *until = NULL;
	size_t nfiles = 0;
	const char *since = NULL;
	int error;

	u->full = !u->db_current_schema || u->last_update < 0 ||
	          (since = recorded(u, "source:nvd-api:until")) == NULL;
	if (u->full)
		since = NULL;
	memset(&fo, 0, sizeof(fo));
	fo.cacert = u->o->cacert;
	fo.api_key = u->o->api_key;
	fo.retries = 5;
	/* NVD: 5 requests per rolling 30 s without a key, 50 with one */
	fo.min_interval_s = u->o->api_key ? 0.6 : 6.0;
	fo.warn = u->o->quiet ? NULL : u->o->progress;
	fo.payload = u->o->payload;
	if ((error = cvg_fetcher_new(&f, &fo)) < 0 ||
	        (error = other_api_fetch(u, f, since, &files, &nfiles, &until)) < 0)
		goto done;
	for (size_t i = 0; i < nfiles; i++) {
		if ((error = add_file(u, files[i])) < 0) {
			for (size_t j = i + 1; j < nfiles; j++)
				free(files[j]);
			goto done;
		}
		u->st->files_fetched++;
	}
	u->st->files_checked = nfiles;
	if (until && ((error = put_meta(u, "source:nvd-api:until", until)) < 0 ||
	                     (error = put_meta(u, "source:nvd-api:last_modified", until)) < 0))
		goto done;
done:
	free(files);
	free(until);
	cvg_fetcher_free(f);
	return error;
}

/* ---- CVE List v5 ---- */

/*
 * The CVE Program's release archives (update_cvelist.c chooses, downloads
 * and verifies them), or a local cvelistV5 checkout. Applied in place in
 * one transaction like an incremental NVD update: the archives do not
 * replace the NVD data beside them. Only a database that does not exist
 * yet (or an empty file) is built as a new file.
 */
static int run_cvelist(updater *u)
{
	cvg__cvelist_fetched r;
	const char *cursor = NULL;
	int error = 0;

	memset(&r, 0, sizeof(r));
	if (u->db_exists && !u->db_empty && !u->db_current_schema)
		return cvg__error(CVG_EDB,
		        "%s: not of schema version %d; rebuild it with 'cvegate db update "
		        "--source nvd' (or all) first, not changed",
		        u->o->db_path, CVG_DB_SCHEMA_VERSION);
	u->full = !u->db_exists || u->db_empty;
	if (u->checkout) {
		char *path = strdup(u->checkout);
		if (path == NULL)
			return cvg__error_oom();
		progress(u, "importing the cvelistV5 checkout %s", u->checkout);
		u->cl_checkout = true;
		u->cl_mode = CVG_UPDATE_FULL;
		/* the checkout's data is no release: the next release update starts
		 * from a full archive (an empty cursor) */
		if ((error = add_file(u, path)) < 0 ||
		        (error = put_meta(u, "source:cvelist:cursor", "")) < 0 ||
		        (error = put_meta(u, "source:cvelist:release", "checkout")) < 0 ||
		        (error = put_meta(u, "source:cvelist:url", u->base)) < 0)
			return error;
		return 0;
	}
	if (u->db_current_schema)
		cursor = recorded(u, "source:cvelist:cursor");
	if ((error = cvg__update_cvelist_fetch(
	             &r, u->o, u->o->mirror ? u->base : NULL, cursor, u->tmp)) < 0)
		goto done;
	u->st->files_checked += r.checked;
	u->st->files_fetched += r.fetched;
	u->st->bytes_fetched += r.bytes;
	for (size_t i = 0; i < r.nfiles; i++) {
		if ((error = add_file(u, r.files[i])) < 0) {
			for (size_t j = i + 1; j < r.nfiles; j++)
				free(r.files[j]);
			r.nfiles = 0;
			goto done;
		}
	}
	r.nfiles = 0;
	u->cl_mode = u->nfiles == 0 ? CVG_UPDATE_NOTHING
	             : r.full       ? CVG_UPDATE_FULL
	                            : CVG_UPDATE_INCREMENTAL;
	if (r.cursor && u->nfiles > 0 &&
	        ((error = put_meta(u, "source:cvelist:cursor", r.cursor)) < 0 ||
	                (error = put_meta(u, "source:cvelist:release", r.release)) < 0 ||
	                (error = put_meta(u, "source:cvelist:last_modified", r.last_modified)) < 0))
		goto done;
	error = put_meta(u, "source:cvelist:url",
	        u->o->mirror ? u->base : "https://github.com/CVEProject/cvelistV5/releases");
done:
	cvg__update_cvelist_fetched_dispose(&r);
	return error;
}

/* ---- Applying ---- */

static int exec_sql(sqlite3 *db, const char *sql, const char *path)
{
	char *msg = NULL;
	int error = 0;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		error = cvg__error(CVG_EDB, "%s: %s", path, msg ? msg : sqlite3_errmsg(db));
	sqlite3_free(msg);
	return error;
}

static int write_metas(updater *u, sqlite3 *db, const char *path)
{
	sqlite3_stmt *st = NULL;
	int error = 0;

	if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)", -1,
	            &st, NULL) != SQLITE_OK)
		return sql_fail(db, path);
	for (size_t i = 0; i < u->nput && error == 0; i++) {
		sqlite3_bind_text(st, 1, u->put[i].key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, u->put[i].value, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			error = sql_fail(db, path);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return error;
}

static int import_files(updater *u, cvg_db *db)
{
	cvg_import_stats is;
	double t0 = mono_s();
	int error;

	if (u->nfiles == 0)
		return 0;
	progress(u, "importing %zu files", u->nfiles);
	if ((error = cvg_db_import(db, (const char *const *)u->files, u->nfiles, &is)) < 0)
		return error;
	/* a checkout says nothing of its age but its records' dateUpdated */
	if (u->cl_checkout &&
	        (error = exec_sql(cvg__db_handle(db),
	                 "INSERT OR REPLACE INTO meta(key, value)"
	                 " SELECT 'source:cvelist:last_modified', max(date_updated) FROM cve5"
	                 " HAVING max(date_updated) IS NOT NULL",
	                 cvg_db_path(db))) < 0)
		return error;
	u->st->records += is.records;
	progress(u, "imported %zu records (%zu new, %zu replaced, %zu rejected) in %.2f s",
	        is.records, is.inserted, is.replaced, is.rejected, mono_s() - t0);
	return 0;
}

/* One transaction in place: data and meta rows together. */
static int apply_incremental(updater *u)
{
	cvg_db *db = NULL;
	sqlite3 *h;
	bool in_tx = false;
	int error;

	if ((error = cvg_db_open(&db, u->o->db_path, CVG_DB_WRITE)) < 0)
		goto done;
	h = cvg__db_handle(db);
	if ((error = exec_sql(h, "PRAGMA synchronous=FULL; BEGIN IMMEDIATE", u->o->db_path)) < 0)
		goto done;
	in_tx = true;
	if ((error = import_files(u, db)) < 0 || (error = write_metas(u, h, u->o->db_path)) < 0)
		goto done;
	error = exec_sql(h, "COMMIT", u->o->db_path);
	in_tx = error < 0;
done:
	if (in_tx) {
		char saved[1024];
		snprintf(saved, sizeof(saved), "%s", cvg_error_last());
		sqlite3_exec(cvg__db_handle(db), "ROLLBACK", NULL, NULL, NULL);
		cvg__error(error, "%s", saved);
	}
	cvg_db_close(db);
	return error;
}

/* Refuse to replace a database that has a journal beside it. */
static int check_no_journal(const char *db_path)
{
	static const char *const suffixes[] = {"-journal", "-wal"};
	char path[PATH_MAX];

	for (size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s%s", db_path, suffixes[i]);
		if (exists(path))
			return cvg__error(CVG_EDB,
			        "%s exists: another program is writing the database or crashed "
			        "while writing; replacing the file now would corrupt it (open it "
			        "once "
			        "with 'cvegate db info' to roll the journal back), not replaced",
			        path);
	}
	return 0;
}

/* Sync a finished database file and rename it over the database. */
static int install(updater *u, const char *new_path)
{
	int error;

	if ((error = check_no_journal(new_path)) < 0 || (error = fsync_path(new_path, false)) < 0 ||
	        (error = check_no_journal(u->o->db_path)) < 0)
		return error;
	if (rename(new_path, u->o->db_path) != 0)
		return cvg__error(CVG_EIO, "%s: cannot replace the database: %s", u->o->db_path,
		        strerror(errno));
	return fsync_path(u->db_dir, true);
}

/* A new file beside the database, built with no journal, then installed. */
/*
 * A full NVD build starts a new file; the CVE List data and its source's
 * meta rows of the database it replaces come along, in the transaction that
 * writes the NVD meta, so an NVD rebuild never drops the other source. A
 * file without CVE List tables (schema 2), or that is no database, has
 * nothing to carry. SQLite attaches only outside a transaction: `attach`
 * true attaches the old file as "old" and sets *has when it holds CVE List
 * tables (else it is detached again); false copies, inside the
 * transaction, when *has.
 */
static int carry_cvelist(updater *u, sqlite3 *h, const char *path, bool attach, bool *has)
{
	sqlite3_stmt *st = NULL;
	char *sql;
	int error;

	if (!attach)
		return *has ? exec_sql(h,
		                      "INSERT INTO cve5 SELECT id, cve_id, state, assigner,"
		                      " date_published, date_updated, record, record_len FROM "
		                      "old.cve5;"
		                      "INSERT INTO cve5_name SELECT name, cve5 FROM old.cve5_name;"
		                      "INSERT OR REPLACE INTO meta SELECT key, value FROM old.meta"
		                      " WHERE key LIKE 'source:cvelist:%'",
		                      path)
		            : 0;
	*has = false;
	if (access(u->o->db_path, F_OK) != 0)
		return 0;
	if ((sql = sqlite3_mprintf("ATTACH %Q AS old", u->o->db_path)) == NULL)
		return cvg__error_oom();
	error = exec_sql(h, sql, u->o->db_path);
	sqlite3_free(sql);
	if (error < 0)
		return error;
	if (sqlite3_prepare_v2(h,
	            "SELECT 1 FROM old.sqlite_master WHERE type='table' AND name='cve5_name'", -1,
	            &st, NULL) == SQLITE_OK)
		*has = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return *has ? 0 : exec_sql(h, "DETACH old", path);
}

static int apply_full(updater *u)
{
	cvg_db *db = NULL;
	char *path = NULL;
	bool has = false;
	sqlite3 *h;
	int error;

	if ((path = strf("%s/new.db", u->tmp)) == NULL)
		return cvg__error_oom();
	if ((error = cvg_db_open(&db, path, CVG_DB_WRITE)) < 0)
		goto done;
	h = cvg__db_handle(db);
	/* the file is thrown away on any failure and synced before it is used */
	if ((error = exec_sql(h, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF", path)) < 0 ||
	        (error = import_files(u, db)) < 0 ||
	        (error = carry_cvelist(u, h, path, true, &has)) < 0 ||
	        (error = exec_sql(h, "BEGIN IMMEDIATE", path)) < 0 ||
	        (error = carry_cvelist(u, h, path, false, &has)) < 0 ||
	        (error = write_metas(u, h, path)) < 0 ||
	        (error = exec_sql(h, "COMMIT", path)) < 0 ||
	        (has && (error = exec_sql(h, "DETACH old", path)) < 0))
		goto done;
	cvg_db_close(db);
	db = NULL;
	error = install(u, path);
done:
	cvg_db_close(db);
	free(path);
	return error;
}

/* A verified snapshot: stamp it, then install it like a full build. */
static int apply_snapshot(updater *u, const char *path)
{
	cvg_db *db = NULL;
	int error;

	if ((error = cvg_db_open(&db, path, CVG_DB_WRITE)) < 0)
		goto done;
	if ((error = exec_sql(cvg__db_handle(db), "BEGIN IMMEDIATE", path)) < 0 ||
	        (error = write_metas(u, cvg__db_handle(db), path)) < 0 ||
	        (error = exec_sql(cvg__db_handle(db), "COMMIT", path)) < 0)
		goto done;
	cvg_db_close(db);
	db = NULL;
	error = install(u, path);
done:
	cvg_db_close(db);
	return error;
}

/* ---- The update ---- */

/* Temporary directories of updates that crashed: ".DBNAME.update-*". */
static void remove_leftovers(const updater *u)
{
	char prefix[PATH_MAX];
	DIR *d = opendir(u->db_dir);
	struct dirent *e;

	if (d == NULL)
		return;
	snprintf(prefix, sizeof(prefix), ".%s.update-", base_of(u->o->db_path));
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, prefix, strlen(prefix)) != 0)
			continue;
		char *p = strf("%s/%s", u->db_dir, e->d_name);
		if (p)
			remove_tree(p);
		free(p);
	}
	closedir(d);
}

static int check_options(updater *u)
{
	const cvg_update_options *o = u->o;
	time_t t;
	struct tm tm;

	if (o->db_path == NULL || o->db_path[0] == '\0')
		return cvg__error(CVG_EINVAL, "db update: no database path");
	u->source = o->source ? o->source : "nvd";
	if (strcmp(u->source, "nvd") != 0 && strcmp(u->source, "nvd-api") != 0 &&
	        strcmp(u->source, "cvelist") != 0 && strcmp(u->source, "all") != 0)
		return cvg__error(CVG_EINVAL, "--source %s: expected nvd, nvd-api, cvelist or all",
		        u->source);
	if (strcmp(u->source, "all") == 0 && o->mirror)
		return cvg__error(CVG_EINVAL,
		        "--source all --mirror: a mirror serves one source; update the sources "
		        "one at a time (--source nvd --mirror ..., --source cvelist --mirror ...)");
	u->now = o->now > 0 ? o->now : (long long)time(NULL);
	t = (time_t)u->now;
	gmtime_r(&t, &tm);
	u->year_from = o->year_from > 0 ? o->year_from : FIRST_YEAR;
	u->year_to = o->year_to > 0 ? o->year_to : tm.tm_year + 1900;
	if (u->year_from < 1999 || u->year_to > 9999 || u->year_from > u->year_to)
		return cvg__error(CVG_EINVAL, "--years %d-%d: expected FROM-TO, 1999 <= FROM <= TO",
		        u->year_from, u->year_to);
	if (o->mirror) {
		const char *m = o->mirror;
		bool url = strncmp(m, "https://", 8) == 0 || strncmp(m, "http://", 7) == 0 ||
		           strncmp(m, "file://", 7) == 0;
		if (!url && m[0] != '/')
			return cvg__error(CVG_EINVAL,
			        "--mirror %s: expected an https, http or file URL, or an absolute "
			        "directory",
			        m);
		if (strlen(m) > URL_MAX - 64)
			return cvg__error(
			        CVG_EINVAL, "--mirror: longer than %d bytes", URL_MAX - 64);
		u->base =
		        strf("%s%s%s", url ? "" : "file://", m, m[strlen(m) - 1] == '/' ? "" : "/");
		if (!url && strcmp(u->source, "cvelist") == 0) {
			struct stat sb;
			char *cves = strf("%s/cves", m);
			if (cves == NULL)
				return cvg__error_oom();
			if (stat(cves, &sb) == 0 && S_ISDIR(sb.st_mode))
				u->checkout = cves; /* a local cvelistV5 checkout */
			else
				free(cves);
		}
	} else {
		u->base = strdup(DEFAULT_BASE);
	}
	return u->base ? 0 : cvg__error_oom();
}

/* Forget what one source's run read, planned and downloaded (--source all
 * runs two under one lock). */
static void reset_run(updater *u)
{
	if (u->tmp)
		remove_tree(u->tmp);
	free(u->tmp);
	u->tmp = NULL;
	cvg_fetcher_free(u->meta_f);
	u->meta_f = NULL;
	for (size_t i = 0; i < u->nfeeds; i++)
		free(u->feeds[i].meta_text);
	free(u->feeds);
	u->feeds = NULL;
	u->nfeeds = 0;
	for (size_t i = 0; i < u->nrec; i++) {
		free(u->rec[i].key);
		free(u->rec[i].value);
	}
	free(u->rec);
	u->rec = NULL;
	u->nrec = 0;
	for (size_t i = 0; i < u->nput; i++) {
		free(u->put[i].key);
		free(u->put[i].value);
	}
	free(u->put);
	u->put = NULL;
	u->nput = 0;
	for (size_t i = 0; i < u->nfiles; i++)
		free(u->files[i]);
	free(u->files);
	u->files = NULL;
	u->nfiles = 0;
	u->layout = NULL;
	u->db_exists = u->db_empty = u->db_current_schema = false;
	u->last_update = -1;
	u->full = u->cl_checkout = false;
	u->cl_mode = CVG_UPDATE_NOTHING;
}

/* One source, under the lock: read the state, fetch, apply. */
static int run_one(updater *u)
{
	const cvg_update_options *o = u->o;
	char now_iso[40], key[64], *snapshot = NULL;
	bool cvelist = strcmp(u->source, "cvelist") == 0;
	int error;

	if ((u->tmp = strf("%s/.%s.update-XXXXXX", u->db_dir, base_of(o->db_path))) == NULL)
		return cvg__error_oom();
	if (mkdtemp(u->tmp) == NULL) {
		error = cvg__error(CVG_EIO, "%s: cannot create a temporary directory: %s",
		        u->db_dir, strerror(errno));
		free(u->tmp);
		u->tmp = NULL;
		return error;
	}
	if ((error = read_state(u)) < 0)
		goto done;

	if (cvelist) {
		error = run_cvelist(u);
	} else if (strcmp(u->source, "nvd-api") == 0) {
		error = run_api(u);
	} else {
		if (o->mirror) {
			cvg_fetch_options fo;
			cvg_fetcher *f = NULL;
			memset(&fo, 0, sizeof(fo));
			fo.cacert = o->cacert;
			fo.retries = 3;
			fo.warn = o->quiet ? NULL : o->progress;
			fo.payload = o->payload;
			if ((error = cvg_fetcher_new(&f, &fo)) == 0)
				error = other_snapshot_fetch(u, f, &snapshot);
			cvg_fetcher_free(f);
			if (error == CVG_ENOTFOUND)
				error = 0;
			if (error < 0)
				goto done;
		}
		if (snapshot == NULL)
			error = run_feeds(u);
	}
	if (error < 0)
		goto done;

	cvg__isotime_format(now_iso, sizeof(now_iso), u->now);
	snprintf(key, sizeof(key), "source:%s:last_update", snapshot ? "snapshot" : u->source);
	/* last_update is the NVD's: its incremental plan trusts it to say when the
	 * NVD data was last brought up to date (docs/update.md) */
	if ((!cvelist && (error = put_meta(u, "last_update", now_iso)) < 0) ||
	        (error = put_meta(u, key, now_iso)) < 0)
		goto done;
	if (snapshot) {
		u->st->mode = CVG_UPDATE_SNAPSHOT;
		error = apply_snapshot(u, snapshot);
	} else if (u->full) {
		u->st->mode = cvelist ? u->cl_mode : CVG_UPDATE_FULL;
		error = apply_full(u);
	} else {
		u->st->mode = cvelist         ? u->cl_mode
		              : u->nfiles > 0 ? CVG_UPDATE_INCREMENTAL
		                              : CVG_UPDATE_NOTHING;
		error = apply_incremental(u);
	}
done:
	free(snapshot);
	return error;
}

int cvg_update(cvg_update_stats *st, const cvg_update_options *o)
{
	static const char *const all[] = {"nvd", "cvelist"};
	updater u;
	double t0 = mono_s();
	bool locked = false;
	int error;

	memset(st, 0, sizeof(*st));
	memset(&u, 0, sizeof(u));
	u.o = o;
	u.st = st;
	u.last_update = -1;
	if ((error = check_options(&u)) < 0)
		goto done;
	if ((u.db_dir = dir_of(o->db_path)) == NULL ||
	        (u.lock_path = strf("%s.lock", o->db_path)) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	if ((error = make_dirs(u.db_dir)) < 0 ||
	        (error = lock_take(
	                 &u.lock_text, u.lock_path, o->quiet ? NULL : o->progress, o->payload)) < 0)
		goto done;
	locked = true;
	remove_leftovers(&u);
	if (strcmp(u.source, "all") != 0) {
		error = run_one(&u);
		goto done;
	}
	/* --source all: the NVD, then the CVE List, each atomic on its own */
	for (size_t i = 0; i < 2; i++) {
		cvg_update_stats one;
		memset(&one, 0, sizeof(one));
		u.st = &one;
		u.source = all[i];
		progress(&u, "source %s", all[i]);
		error = run_one(&u);
		reset_run(&u);
		st->files_checked += one.files_checked;
		st->files_fetched += one.files_fetched;
		st->bytes_fetched += one.bytes_fetched;
		st->records += one.records;
		if (one.mode > st->mode)
			st->mode = one.mode;
		if (error < 0) {
			char saved[1024];
			snprintf(saved, sizeof(saved), "%s", cvg_error_last());
			cvg__error(error, "--source all: %s failed%s: %s", all[i],
			        i == 0 ? " (cvelist not tried)" : " (the nvd update was kept)",
			        saved);
			goto done;
		}
	}
done:
	u.st = st;
	reset_run(&u);
	if (locked)
		lock_release(u.lock_path, u.lock_text);
	free(u.checkout);
	free(u.base);
	free(u.lock_text);
	free(u.lock_path);
	free(u.db_dir);
	st->seconds = mono_s() - t0;
	return error;
}

/* ---- Status ---- */

int cvg_update_now(long long *out)
{
	static const char *const vars[] = {"CVEGATE_NOW", "SOURCE_DATE_EPOCH"};

	for (size_t i = 0; i < 2; i++) {
		const char *v = getenv(vars[i]);
		if (v == NULL || v[0] == '\0')
			continue;
		if (strlen(v) > 64 || !cvg__isotime_parse_any(out, v))
			return cvg__error(CVG_EINVAL,
			        "%s=%.64s: expected seconds since the epoch or an ISO 8601 time",
			        vars[i], v);
		return 0;
	}
	*out = (long long)time(NULL);
	return 0;
}

static int status_source(cvg_update_status *out, const char *name)
{
	for (size_t i = 0; i < out->nsources; i++)
		if (strcmp(out->sources[i].name, name) == 0)
			return (int)i;
	if (out->nsources == CVG_UPDATE_SOURCES_MAX)
		return -1;
	if ((out->sources[out->nsources].name = strdup(name)) == NULL)
		return -2;
	out->sources[out->nsources].updated = -1;
	return (int)out->nsources++;
}

int cvg_update_status_get(cvg_update_status *out, cvg_db *db)
{
	sqlite3 *h = cvg__db_handle(db);
	sqlite3_stmt *st = NULL;
	long long imported = -1;
	int error = 0, rc;

	memset(out, 0, sizeof(*out));
	out->updated = -1;
	if (sqlite3_prepare_v2(h,
	            "SELECT key, value FROM meta WHERE key IN ('last_update', 'last_import')"
	            " OR key LIKE 'source:%:last_update' OR key LIKE 'source:%:last_modified'"
	            " UNION ALL SELECT 'cves', count(*) FROM cve ORDER BY 1",
	            -1, &st, NULL) != SQLITE_OK) {
		error = sql_fail(h, cvg_db_path(db));
		goto done;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 0);
		const char *v = (const char *)sqlite3_column_text(st, 1);
		long long t;
		if (k == NULL || v == NULL)
			continue;
		if (strcmp(k, "cves") == 0) {
			out->cves = (size_t)sqlite3_column_int64(st, 1);
		} else if (strcmp(k, "last_update") == 0) {
			if (cvg__isotime_parse(&t, v))
				out->updated = t;
		} else if (strcmp(k, "last_import") == 0) {
			if (cvg__isotime_parse(&t, v))
				imported = t;
		} else {
			/* source:NAME:last_update | source:NAME:last_modified */
			const char *name = k + 7, *colon = strrchr(k, ':');
			char buf[64];
			int i;
			if (colon <= name || (size_t)(colon - name) >= sizeof(buf))
				continue;
			snprintf(buf, sizeof(buf), "%.*s", (int)(colon - name), name);
			if ((i = status_source(out, buf)) == -2) {
				error = cvg__error_oom();
				goto done;
			}
			if (i < 0)
				continue;
			char **slot = strcmp(colon + 1, "last_update") == 0
			                      ? &out->sources[i].last_update
			                      : &out->sources[i].last_modified;
			free(*slot);
			if ((*slot = strdup(v)) == NULL) {
				error = cvg__error_oom();
				goto done;
			}
			if (slot == &out->sources[i].last_update &&
			        !cvg__isotime_parse(&out->sources[i].updated, v))
				out->sources[i].updated = -1;
		}
	}
	if (rc != SQLITE_DONE) {
		error = sql_fail(h, cvg_db_path(db));
		goto done;
	}
	if (out->updated < 0 && imported >= 0) {
		out->updated = imported;
		out->imported_only = true;
	}
done:
	sqlite3_finalize(st);
	if (error < 0)
		cvg_update_status_dispose(out);
	return error;
}

void cvg_update_status_dispose(cvg_update_status *st)
{
	if (st == NULL)
		return;
	for (size_t i = 0; i < st->nsources; i++) {
		free(st->sources[i].name);
		free(st->sources[i].last_update);
		free(st->sources[i].last_modified);
	}
	st->nsources = 0;
}
