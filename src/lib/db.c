/*
 * lib/db.c - the SQLite vulnerability database: schema, import, lookups.
 *
 * Layout (docs/schema.md): one row per CVE in `cve`; its metrics,
 * weaknesses, references and the whole applicability tree (config -> node
 * -> cpe_match) in tables whose integer keys are cve << 24 | position, so a
 * record's rows are one key range, appended in import order. The only
 * secondary index that matters for scanning is cpe_match_product, which
 * covers what a scan reads: looking up one product touches only that
 * product's index pages.
 *
 * Import is one transaction for all files. A second thread decompresses and
 * parses (nvd.c) while this thread writes, so the two cores share the work;
 * records pass through a small bounded queue, which keeps memory flat, and
 * go back to the reader to be freed once stored. Into
 * an empty database the product index is built once at the end (a sort is
 * much cheaper than 1.3M random B-tree inserts).
 *
 * Record rules: a record replaces the stored one when its lastModified is
 * the same or newer and is ignored when older. A Rejected record deletes
 * the CVE and leaves a marker in `rejected` with its lastModified, so older
 * data imported later cannot bring it back.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sqlite3.h>

#include "cvegate/cpe.h"
#include "cvegate/db.h"
#include "cvegate/nvd.h"
#include "cvegate/version.h"
#include "lib/db_cve5.h"
#include "lib/db_internal.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/strmap.h"

/* 'CVGT' in PRAGMA application_id marks a cvegate database. */
#define CVG_DB_APPLICATION_ID 0x43564754

/* Lookup statements are prepared once per connection: a scan loads
 * hundreds of records, and preparing costs more than running them. */
#define STMT_CACHE_SIZE 32

struct cvg_db {
	sqlite3 *sql;
	char *path;
	bool cve5;                     /* the file has the CVE List tables (schema 3) */
	bool read_txn;                 /* cvg__db_read_begin opened a transaction */
	sqlite3_stmt *product_stmt[2]; /* cached for scans: all rows, keyed rows */
	struct {
		const char *sql; /* the literal the statement was prepared from */
		sqlite3_stmt *st;
	} cache[STMT_CACHE_SIZE];
	size_t ncache;
};

static const char schema_sql[] =
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
        "CREATE TABLE cve("
        "  id INTEGER PRIMARY KEY,"
        "  cve_id TEXT NOT NULL UNIQUE,"
        "  source_id TEXT, published TEXT, last_modified TEXT NOT NULL,"
        "  status TEXT, description TEXT,"
        "  kev_added TEXT, kev_due TEXT, kev_action TEXT, kev_name TEXT,"
        "  simple INTEGER NOT NULL);"
        "CREATE TABLE rejected(cve_id TEXT PRIMARY KEY, last_modified TEXT NOT NULL)"
        "  WITHOUT ROWID;"
        "CREATE TABLE metric(cve INTEGER NOT NULL, seq INTEGER NOT NULL,"
        "  version TEXT NOT NULL, source TEXT, type TEXT, score TEXT, vector TEXT,"
        "  severity TEXT, id INTEGER PRIMARY KEY);"
        "CREATE TABLE weakness(cve INTEGER NOT NULL, seq INTEGER NOT NULL,"
        "  cwe TEXT NOT NULL, source TEXT, type TEXT, id INTEGER PRIMARY KEY);"
        "CREATE TABLE reference(cve INTEGER NOT NULL, seq INTEGER NOT NULL,"
        "  url TEXT NOT NULL, source TEXT, tags TEXT, id INTEGER PRIMARY KEY);"
        "CREATE TABLE config(cve INTEGER NOT NULL, cfg INTEGER NOT NULL,"
        "  operator TEXT NOT NULL, negate INTEGER NOT NULL, id INTEGER PRIMARY KEY);"
        "CREATE TABLE node(cve INTEGER NOT NULL, cfg INTEGER NOT NULL, node INTEGER NOT NULL,"
        "  operator TEXT NOT NULL, negate INTEGER NOT NULL, id INTEGER PRIMARY KEY);"
        "CREATE TABLE cpe_match(cve INTEGER NOT NULL, cfg INTEGER NOT NULL,"
        "  node INTEGER NOT NULL, seq INTEGER NOT NULL, vulnerable INTEGER NOT NULL,"
        "  criteria TEXT NOT NULL, match_id TEXT, vendor TEXT NOT NULL, product TEXT NOT NULL,"
        "  cpe_version TEXT NOT NULL, cpe_update TEXT NOT NULL, cpe_plain TEXT,"
        "  start_incl TEXT, start_excl TEXT, end_incl TEXT, end_excl TEXT, vkey INTEGER,"
        "  id INTEGER PRIMARY KEY);";

/*
 * The product index covers every column a scan reads from a product's rows
 * (the version and update attributes are stored apart from the criteria for
 * that), so a lookup reads only the index pages of that product: without
 * them each row would be a random read into a table clustered by CVE.
 *
 * vkey is the leading number of an exact criterion's version
 * (cvg_version_upstream_key: 2 for linux_kernel:2.6.32) and NULL for every
 * other row (ranges, any-version, wildcards, versions that do not parse).
 * A version can only equal a criterion with its own key, so a scan reads
 * the NULL-keyed rows and the rows of its key, not the others: for
 * linux_kernel 6.1 that skips 83,000 of 86,000 vulnerable rows.
 */
static const char product_index_sql[] =
        "CREATE INDEX IF NOT EXISTS cpe_match_product ON cpe_match(product, vulnerable, vkey,"
        " vendor, cpe_version, cpe_update, cpe_plain, start_incl, start_excl, end_incl,"
        " end_excl)";

/* ---- Helpers ---- */

static double now_seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int sql_error(sqlite3 *sql, const char *what)
{
	return cvg__error(CVG_EDB, "database: %s: %s", what, sqlite3_errmsg(sql));
}

static int exec(sqlite3 *sql, const char *stmt)
{
	char *msg = NULL;
	int error = 0;

	if (sqlite3_exec(sql, stmt, NULL, NULL, &msg) != SQLITE_OK) {
		error = cvg__error(CVG_EDB, "database: %s", msg ? msg : sqlite3_errmsg(sql));
		sqlite3_free(msg);
	}
	return error;
}

static int query_int(sqlite3 *sql, const char *stmt, int64_t *out)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(sql, stmt, -1, &st, NULL) != SQLITE_OK)
		return sql_error(sql, stmt);
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : sql_error(sql, stmt);
}

static void bind_text(sqlite3_stmt *st, int col, const char *s)
{
	if (s)
		sqlite3_bind_text(st, col, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, col);
}

static char *column_dup(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);
	return s ? strdup((const char *)s) : NULL;
}

/* Run a statement that returns no rows, then reset it for reuse. */
static int step_done(sqlite3 *sql, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : sql_error(sql, sqlite3_sql(st));
}

/*
 * Compare two NVD timestamps. 1.1 writes "2014-04-07T22:55Z", 2.0
 * "2014-04-07T22:55:03.000": compare their digits, the shorter padded with
 * zeros, so the same instant in both shapes compares equal.
 */
static int ts_cmp(const char *a, const char *b)
{
	char da[18], db[18];
	size_t i, n;

	memset(da, '0', sizeof(da) - 1);
	memset(db, '0', sizeof(db) - 1);
	da[17] = db[17] = '\0';
	for (i = 0, n = 0; a && a[i] && n < 17; i++)
		if (a[i] >= '0' && a[i] <= '9')
			da[n++] = a[i];
	for (i = 0, n = 0; b && b[i] && n < 17; i++)
		if (b[i] >= '0' && b[i] <= '9')
			db[n++] = b[i];
	return strcmp(da, db);
}

/*
 * Child rows (metrics, weaknesses, references, configurations, nodes, cpe
 * matches) have INTEGER PRIMARY KEY ids made of the CVE's rowid and the
 * row's position in the record: id = cve << 24 | position. A record's rows
 * are one id range, inserted in ascending order (cheap appends, no
 * composite-key comparisons), read and deleted as a range.
 */
#define ID_SHIFT 24
#define ID_MAX_POSITION ((1 << ID_SHIFT) - 1)

static int64_t child_id(int64_t cve, size_t position)
{
	return (int64_t)((uint64_t)cve << ID_SHIFT) | (int64_t)position;
}

static void bind_range(sqlite3_stmt *st, int64_t cve)
{
	sqlite3_bind_int64(st, 1, child_id(cve, 0));
	sqlite3_bind_int64(st, 2, child_id(cve + 1, 0));
}

/* ---- Opening ---- */

int cvg_db_default_path(char **out)
{
	const char *env = getenv("CVEGATE_DB");
	cvg_buf b = CVG_BUF_INIT(4096);
	int error;

	*out = NULL;
	if (env && *env)
		error = cvg__buf_puts(&b, env);
	else if ((env = getenv("XDG_DATA_HOME")) && *env)
		error = cvg__buf_printf(&b, "%s/cvegate/cvegate.db", env);
	else if ((env = getenv("HOME")) && *env)
		error = cvg__buf_printf(&b, "%s/.local/share/cvegate/cvegate.db", env);
	else
		error = cvg__error(CVG_EINVAL,
		        "no database path: set --db, CVEGATE_DB, XDG_DATA_HOME or HOME");
	if (error == 0)
		*out = cvg__buf_detach(&b);
	cvg__buf_dispose(&b);
	return error;
}

/* mkdir -p for the directories above `path`. */
static int make_parents(const char *path)
{
	char *copy = strdup(path);
	int error = 0;

	if (copy == NULL)
		return cvg__error_oom();
	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0755) != 0 && errno != EEXIST) {
			error = cvg__error(
			        CVG_EIO, "%s: cannot create directory: %s", copy, strerror(errno));
			break;
		}
		*p = '/';
	}
	free(copy);
	return error;
}

/*
 * Schema 3 only adds the CVE List tables: a version-2 file opened for
 * writing gets them in one transaction (re-checking the version inside it,
 * in case another process migrated first); read-only it is read as having
 * no CVE List data.
 */
static int migrate_2_to_3(cvg_db *db, bool writable)
{
	int64_t version = 0;
	char pragma[64];
	int error;

	if (!writable)
		return 0;
	if ((error = exec(db->sql, "BEGIN IMMEDIATE")) < 0)
		return error;
	if ((error = query_int(db->sql, "PRAGMA user_version", &version)) < 0)
		goto done;
	if (version == 2) {
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version=%d", CVG_DB_SCHEMA_VERSION);
		if ((error = exec(db->sql, CVG__DB_CVE5_SCHEMA_SQL)) < 0 ||
		        (error = exec(db->sql, pragma)) < 0)
			goto done;
	} else if (version != CVG_DB_SCHEMA_VERSION) {
		error = cvg__error(CVG_EDB,
		        "%s: database schema version %lld changed while opening", db->path,
		        (long long)version);
		goto done;
	}
	error = exec(db->sql, "COMMIT");
done:
	if (error < 0) {
		char saved[1024];
		snprintf(saved, sizeof(saved), "%s", cvg_error_last());
		exec(db->sql, "ROLLBACK");
		return cvg__error(error, "%s", saved);
	}
	db->cve5 = true;
	return 0;
}

static int check_or_create_schema(cvg_db *db, bool writable)
{
	int64_t version = 0, app = 0, tables = 0;
	int error;

	if ((error = query_int(db->sql, "PRAGMA user_version", &version)) < 0 ||
	        (error = query_int(db->sql, "PRAGMA application_id", &app)) < 0 ||
	        (error = query_int(db->sql, "SELECT count(*) FROM sqlite_schema", &tables)) < 0)
		return error;
	if (tables == 0 && writable) {
		char pragmas[128];
		snprintf(pragmas, sizeof(pragmas),
		        "PRAGMA application_id=%d; PRAGMA user_version=%d;", CVG_DB_APPLICATION_ID,
		        CVG_DB_SCHEMA_VERSION);
		if ((error = exec(db->sql, "PRAGMA page_size=65536")) < 0 ||
		        (error = exec(db->sql, "BEGIN IMMEDIATE")) < 0)
			return error;
		if ((error = exec(db->sql, schema_sql)) < 0 ||
		        (error = exec(db->sql, CVG__DB_CVE5_SCHEMA_SQL)) < 0 ||
		        (error = exec(db->sql, product_index_sql)) < 0 ||
		        (error = exec(db->sql, pragmas)) < 0) {
			exec(db->sql, "ROLLBACK");
			return error;
		}
		if ((error = exec(db->sql, "COMMIT")) == 0)
			db->cve5 = true;
		return error;
	}
	if (app != CVG_DB_APPLICATION_ID)
		return cvg__error(CVG_EDB, "%s: not a cvegate database", db->path);
	if (version == 2)
		return migrate_2_to_3(db, writable);
	db->cve5 = true;
	if (version != CVG_DB_SCHEMA_VERSION)
		return cvg__error(CVG_EDB,
		        "%s: database schema version %lld, this cvegate reads version %d; "
		        "import into a new database file",
		        db->path, (long long)version, CVG_DB_SCHEMA_VERSION);
	return 0;
}

int cvg_db_open(cvg_db **out, const char *path, unsigned flags)
{
	bool writable = (flags & CVG_DB_WRITE) != 0;
	cvg_db *db = NULL;
	struct stat st;
	int error = 0;

	*out = NULL;
	if (!writable && stat(path, &st) != 0)
		return cvg__error(CVG_EDB,
		        "%s: no database here; create it with 'cvegate db import FEED...'", path);
	if (writable && (error = make_parents(path)) < 0)
		return error;
	if ((db = calloc(1, sizeof(*db))) == NULL || (db->path = strdup(path)) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	/* NOMUTEX: a handle is used by one thread at a time (the scan opens one
	 * connection per worker), so SQLite's per-connection mutex is pure cost:
	 * it was a fifth of a scan's time. */
	if (sqlite3_open_v2(path, &db->sql,
	            (writable ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY) |
	                    SQLITE_OPEN_NOMUTEX,
	            NULL) != SQLITE_OK) {
		error = cvg__error(CVG_EDB, "%s: cannot open database: %s", path,
		        db->sql ? sqlite3_errmsg(db->sql) : "out of memory");
		goto done;
	}
	sqlite3_busy_timeout(db->sql, 10000);
	sqlite3_extended_result_codes(db->sql, 1);
	if ((error = exec(db->sql, "PRAGMA foreign_keys=OFF; PRAGMA synchronous=FULL")) < 0 ||
	        (error = check_or_create_schema(db, writable)) < 0) {
		/* SQLite opens anything lazily: say plainly when it is not a database */
		if (strstr(cvg_error_last(), "file is not a database"))
			cvg__error(CVG_EDB, "%s: not a cvegate database (not SQLite)", path);
		goto done;
	}
	*out = db;
	db = NULL;
done:
	cvg_db_close(db);
	return error;
}

void cvg_db_close(cvg_db *db)
{
	if (db == NULL)
		return;
	sqlite3_finalize(db->product_stmt[0]);
	sqlite3_finalize(db->product_stmt[1]);
	for (size_t i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].st);
	sqlite3_close(db->sql);
	free(db->path);
	free(db);
}

const char *cvg_db_path(const cvg_db *db)
{
	return db->path;
}

sqlite3 *cvg__db_handle(cvg_db *db)
{
	return db->sql;
}

/* ---- Import: statements ---- */

enum {
	ST_FIND_CVE,
	ST_FIND_REJECTED,
	ST_DEL_CVE,
	ST_DEL_METRIC,
	ST_DEL_WEAKNESS,
	ST_DEL_REFERENCE,
	ST_DEL_CONFIG,
	ST_DEL_NODE,
	ST_DEL_MATCH,
	ST_DEL_REJECTED,
	ST_PUT_REJECTED,
	ST_PUT_CVE,
	ST_PUT_METRIC,
	ST_PUT_WEAKNESS,
	ST_PUT_REFERENCE,
	ST_PUT_CONFIG,
	ST_PUT_NODE,
	ST_PUT_MATCH,
	ST_PUT_META,
	ST_C5_FIND,
	ST_C5_DEL_NAMES,
	ST_C5_UPDATE,
	ST_C5_INSERT,
	ST_C5_PUT_NAME,
	ST_COUNT
};

static const char *const import_sql[ST_COUNT] = {
        [ST_FIND_CVE] = "SELECT id, last_modified FROM cve WHERE cve_id=?1",
        [ST_FIND_REJECTED] = "SELECT last_modified FROM rejected WHERE cve_id=?1",
        [ST_DEL_CVE] = "DELETE FROM cve WHERE id=?1",
        [ST_DEL_METRIC] = "DELETE FROM metric WHERE id>=?1 AND id<?2",
        [ST_DEL_WEAKNESS] = "DELETE FROM weakness WHERE id>=?1 AND id<?2",
        [ST_DEL_REFERENCE] = "DELETE FROM reference WHERE id>=?1 AND id<?2",
        [ST_DEL_CONFIG] = "DELETE FROM config WHERE id>=?1 AND id<?2",
        [ST_DEL_NODE] = "DELETE FROM node WHERE id>=?1 AND id<?2",
        [ST_DEL_MATCH] = "DELETE FROM cpe_match WHERE id>=?1 AND id<?2",
        [ST_DEL_REJECTED] = "DELETE FROM rejected WHERE cve_id=?1",
        [ST_PUT_REJECTED] = "INSERT OR REPLACE INTO rejected(cve_id, last_modified) VALUES(?1,?2)",
        [ST_PUT_CVE] = "INSERT INTO cve(cve_id, source_id, published, last_modified, status,"
                       " description, kev_added, kev_due, kev_action, kev_name, simple)"
                       " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
        [ST_PUT_METRIC] = "INSERT INTO metric VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)",
        [ST_PUT_WEAKNESS] = "INSERT INTO weakness VALUES(?1,?2,?3,?4,?5,?6)",
        [ST_PUT_REFERENCE] = "INSERT INTO reference VALUES(?1,?2,?3,?4,?5,?6)",
        [ST_PUT_CONFIG] = "INSERT INTO config VALUES(?1,?2,?3,?4,?5)",
        [ST_PUT_NODE] = "INSERT INTO node VALUES(?1,?2,?3,?4,?5,?6)",
        [ST_PUT_MATCH] = ("INSERT INTO cpe_match"
                          " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?17,?12,?13,?14,?15,?18,"
                          "?16)"),
        [ST_PUT_META] = "INSERT OR REPLACE INTO meta(key, value) VALUES(?1,?2)",
        [ST_C5_FIND] = "SELECT id, state, coalesce(date_updated, date_published) FROM cve5"
                       " WHERE cve_id=?1",
        [ST_C5_DEL_NAMES] = "DELETE FROM cve5_name WHERE cve5=?1",
        [ST_C5_UPDATE] = "UPDATE cve5 SET state=?2, assigner=?3, date_published=?4,"
                         " date_updated=?5, record=?6, record_len=?7 WHERE id=?1",
        [ST_C5_INSERT] = "INSERT INTO cve5(cve_id, state, assigner, date_published,"
                         " date_updated, record, record_len) VALUES(?1,?2,?3,?4,?5,?6,?7)",
        [ST_C5_PUT_NAME] = "INSERT OR IGNORE INTO cve5_name(name, cve5) VALUES(?1,?2)",
};

/* ---- Import: the set of ids seen in this run ---- */

/*
 * Into an empty database, a record needs a lookup only when the same id
 * came earlier in this import (a year feed and a modified feed): a hash
 * map of the ids seen answers that without touching SQLite.
 */

/* ---- Import: the reader thread and its queue ---- */

#define QUEUE_CAP 512 /* records in flight between reader and writer */
#define QUEUE_WAKE 32 /* records queued before the reader wakes the writer */

typedef struct feed_result {
	bool cve5; /* read as CVE List v5 data */
	cvg_nvd_file_info info;
	cvg_cve5_info cve5_info;
} feed_result;

/* One record in flight: an NVD record, or a CVE List record ready to be written. */
typedef struct qitem {
	cvg_cve *cve;
	cvg__cve5_item *c5;
} qitem;

static void qitem_free(qitem it)
{
	cvg_cve_free(it.cve);
	cvg__cve5_item_free(it.c5);
}

typedef struct import_queue {
	pthread_mutex_t mu;
	pthread_cond_t not_empty, not_full;
	qitem items[QUEUE_CAP];
	size_t head, count;
	qitem done[QUEUE_CAP]; /* stored records going back to the reader to be freed */
	size_t ndone;
	bool reader_done;
	bool writer_failed;
	int reader_error;
	char reader_message[1024];
	const char *const *paths;
	size_t npaths;
	feed_result *results;
} import_queue;

/*
 * Called by the reader for each record. It also takes back the records the
 * writer has stored and frees them here: the thread that allocated them
 * frees them, and the work stays off the writer, which bounds the import.
 */
static int queue_put(import_queue *q, qitem it)
{
	qitem done[QUEUE_CAP];
	size_t ndone;
	int error = 0;

	pthread_mutex_lock(&q->mu);
	ndone = q->ndone;
	memcpy(done, q->done, ndone * sizeof(qitem));
	q->ndone = 0;
	while (q->count == QUEUE_CAP && !q->writer_failed)
		pthread_cond_wait(&q->not_full, &q->mu);
	if (q->writer_failed) {
		error = cvg__error(CVG_ERROR, "import cancelled");
		qitem_free(it);
	} else {
		q->items[(q->head + q->count) % QUEUE_CAP] = it;
		q->count++;
		/* wake the writer for a batch, not for every record: a context
		 * switch per record cost more than writing a CVE List record */
		if (q->count == QUEUE_WAKE)
			pthread_cond_signal(&q->not_empty);
	}
	pthread_mutex_unlock(&q->mu);
	for (size_t i = 0; i < ndone; i++)
		qitem_free(done[i]);
	return error;
}

static int queue_push(cvg_cve *cve, void *payload)
{
	qitem it = {cve, NULL};
	return queue_put(payload, it);
}

/* A CVE List record: serialised and named here, in the reader thread; the
 * writer compresses it. */
static int queue_push_cve5(cvg_cve5 *rec, const char *where, void *payload)
{
	import_queue *q = payload;
	qitem it = {NULL, NULL};
	int error;

	if ((error = cvg__cve5_item_make(&it.c5, rec)) < 0) {
		char saved[512];
		snprintf(saved, sizeof(saved), "%s", cvg_error_last());
		return cvg__error(error, "%s: %s", where, saved);
	}
	return queue_put(q, it);
}

/* The writer hands stored records back; what does not fit it frees itself. */
static void queue_done(import_queue *q, qitem *items, size_t n)
{
	size_t i = 0;

	pthread_mutex_lock(&q->mu);
	for (; i < n && q->ndone < QUEUE_CAP; i++)
		q->done[q->ndone++] = items[i];
	pthread_mutex_unlock(&q->mu);
	for (; i < n; i++)
		qitem_free(items[i]);
}

/* Find `lit` in buf[0..n); its offset, or n when absent. */
static size_t find(const char *buf, size_t n, const char *lit)
{
	size_t m = strlen(lit);

	for (size_t i = 0; i + m <= n; i++)
		if (buf[i] == lit[0] && memcmp(buf + i, lit, m) == 0)
			return i;
	return n;
}

static size_t min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

/*
 * Is `path` CVE List data? A directory (a cvelistV5 tree, any directory of
 * CVE-*.json), a zip archive (by content), or a JSON file whose first
 * SNIFF_BYTES show a CVE record ("dataType": "CVE_RECORD" or a
 * "cveMetadata" key) before any key of the NVD formats. Everything else,
 * including a file that cannot be opened, goes to the NVD reader as before.
 */
#define SNIFF_BYTES 4096

static bool is_cve5_path(const char *path)
{
	static const char *const nvd_keys[] = {"\"CVE_Items\"", "\"CVE_data_",
	        "\"vulnerabilities\"", "\"resultsPerPage\"", "\"format\""};
	char buf[SNIFF_BYTES];
	struct stat st;
	size_t n, cve5 = SNIFF_BYTES, nvd = SNIFF_BYTES, at;
	FILE *f;

	if (stat(path, &st) != 0)
		return false;
	if (S_ISDIR(st.st_mode))
		return true;
	if ((f = fopen(path, "rb")) == NULL)
		return false;
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	if (n >= 4 && memcmp(buf, "PK", 2) == 0 &&
	        ((buf[2] == 3 && buf[3] == 4) || (buf[2] == 5 && buf[3] == 6)))
		return true;
	cve5 = find(buf, n, "\"cveMetadata\"");
	for (size_t from = 0; from < n;) {
		at = from + find(buf + from, n - from, "\"dataType\"");
		if (at >= n)
			break;
		from = at + 10;
		for (at = from; at < n && (buf[at] == ' ' || buf[at] == '\t' || buf[at] == '\n' ||
		                                  buf[at] == '\r' || buf[at] == ':');
		        at++)
			;
		if (n - at >= 12 && memcmp(buf + at, "\"CVE_RECORD\"", 12) == 0) {
			cve5 = min_size(cve5, from - 10);
			break;
		}
	}
	for (size_t i = 0; i < sizeof(nvd_keys) / sizeof(nvd_keys[0]); i++)
		nvd = min_size(nvd, find(buf, n, nvd_keys[i]));
	return cve5 < n && cve5 < nvd;
}

static void *reader_main(void *arg)
{
	import_queue *q = arg;
	int error = 0;

	for (size_t i = 0; i < q->npaths && error == 0; i++) {
		feed_result *r = &q->results[i];
		if ((r->cve5 = is_cve5_path(q->paths[i]))) {
			error = cvg_cve5_read_path(
			        q->paths[i], NULL, queue_push_cve5, q, &r->cve5_info);
		} else {
			error = cvg_nvd_read_file(q->paths[i], NULL, queue_push, q, &r->info);
		}
	}
	pthread_mutex_lock(&q->mu);
	if (error < 0) {
		/* the message lives in this thread: hand it to the writer */
		q->reader_error = error;
		snprintf(q->reader_message, sizeof(q->reader_message), "%s", cvg_error_last());
	}
	q->reader_done = true;
	pthread_cond_signal(&q->not_empty);
	pthread_mutex_unlock(&q->mu);
	return NULL;
}

/* Take up to `max` records; 0 means the reader has finished. */
static size_t queue_pop(import_queue *q, qitem *out, size_t max)
{
	size_t n = 0;

	pthread_mutex_lock(&q->mu);
	while (q->count == 0 && !q->reader_done)
		pthread_cond_wait(&q->not_empty, &q->mu);
	while (q->count > 0 && n < max) {
		out[n++] = q->items[q->head];
		q->head = (q->head + 1) % QUEUE_CAP;
		q->count--;
	}
	pthread_cond_signal(&q->not_full);
	pthread_mutex_unlock(&q->mu);
	return n;
}

/* ---- Import: writing one record ---- */

typedef struct importer {
	cvg_db *db;
	sqlite3_stmt *st[ST_COUNT];
	bool empty_at_start;
	cvg__strmap seen;
	cvg_import_stats *stats;
	cvg__cve5_packer *packer; /* made at the first CVE List record */
} importer;

static int delete_cve(importer *im, int64_t rowid)
{
	static const int order[] = {ST_DEL_METRIC, ST_DEL_WEAKNESS, ST_DEL_REFERENCE, ST_DEL_MATCH,
	        ST_DEL_NODE, ST_DEL_CONFIG, ST_DEL_CVE};
	int error;

	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if (order[i] == ST_DEL_CVE)
			sqlite3_bind_int64(im->st[order[i]], 1, rowid);
		else
			bind_range(im->st[order[i]], rowid);
		if ((error = step_done(im->db->sql, im->st[order[i]])) < 0)
			return error;
	}
	return 0;
}

/* Every child row's position must fit the id scheme (ID_SHIFT bits). */
static int check_positions(const cvg_cve *cve)
{
	size_t nodes = 0, matches = 0;

	for (size_t c = 0; c < cve->nconfigs; c++) {
		nodes += cve->configs[c].nnodes;
		for (size_t n = 0; n < cve->configs[c].nnodes; n++)
			matches += cve->configs[c].nodes[n].nmatches;
	}
	if (cve->nconfigs > ID_MAX_POSITION || nodes > ID_MAX_POSITION ||
	        matches > ID_MAX_POSITION || cve->nmetrics > ID_MAX_POSITION ||
	        cve->nweaknesses > ID_MAX_POSITION || cve->nreferences > ID_MAX_POSITION)
		return cvg__error(CVG_ELIMIT, "%s: more than %d rows of one kind in one record",
		        cve->id, ID_MAX_POSITION);
	return 0;
}

/*
 * The vkey of a vulnerable criterion (see product_index_sql): set only for
 * an exact version with no range, whose version and update joined (as the
 * matcher joins them, lib/match.c) parse as an upstream version.
 */
static bool exact_key(long long *out, const cvg_cpe_key *key, const cvg_cpe_match *cm)
{
	cvg_cpe_attr v, u;
	char vbuf[256], ubuf[256], joined[512];

	if (cm->start_incl || cm->start_excl || cm->end_incl || cm->end_excl)
		return false;
	if (cvg_cpe_attr_from_raw(&v, vbuf, sizeof(vbuf), key->version, CVG_CPE_VERSION) < 0 ||
	        cvg_cpe_attr_from_raw(&u, ubuf, sizeof(ubuf), key->update, CVG_CPE_UPDATE) < 0)
		return false;
	if (v.kind != CVG_CPE_VALUE || v.wildcard)
		return false;
	if (snprintf(joined, sizeof(joined), "%s%s", v.value,
	            u.kind == CVG_CPE_VALUE && !u.wildcard ? u.value : "") >= (int)sizeof(joined))
		return false;
	return cvg_version_upstream_key(out, joined) == 0;
}

static int put_configs(importer *im, const cvg_cve *cve, int64_t rowid)
{
	sqlite3 *sql = im->db->sql;
	cvg_cpe_key key;
	long long vkey;
	size_t nodes = 0, matches = 0;
	int error;

	for (size_t c = 0; c < cve->nconfigs; c++) {
		const cvg_config *cfg = &cve->configs[c];
		sqlite3_stmt *st = im->st[ST_PUT_CONFIG];

		sqlite3_bind_int64(st, 1, rowid);
		sqlite3_bind_int64(st, 2, (int64_t)c);
		bind_text(st, 3, cfg->op == CVG_OP_AND ? "AND" : "OR");
		sqlite3_bind_int(st, 4, cfg->negate);
		sqlite3_bind_int64(st, 5, child_id(rowid, c));
		if ((error = step_done(sql, st)) < 0)
			return error;
		for (size_t n = 0; n < cfg->nnodes; n++) {
			const cvg_node *node = &cfg->nodes[n];

			st = im->st[ST_PUT_NODE];
			sqlite3_bind_int64(st, 1, rowid);
			sqlite3_bind_int64(st, 2, (int64_t)c);
			sqlite3_bind_int64(st, 3, (int64_t)n);
			bind_text(st, 4, node->op == CVG_OP_AND ? "AND" : "OR");
			sqlite3_bind_int(st, 5, node->negate);
			sqlite3_bind_int64(st, 6, child_id(rowid, nodes++));
			if ((error = step_done(sql, st)) < 0)
				return error;
			st = im->st[ST_PUT_MATCH];
			for (size_t m = 0; m < node->nmatches; m++) {
				const cvg_cpe_match *cm = &node->matches[m];

				if (cvg_cpe_key_parse(&key, cm->criteria) < 0)
					return cvg__error(CVG_EPARSE, "%s: criterion '%.200s': %s",
					        cve->id, cm->criteria, cvg_error_last());
				sqlite3_bind_int64(st, 1, rowid);
				sqlite3_bind_int64(st, 2, (int64_t)c);
				sqlite3_bind_int64(st, 3, (int64_t)n);
				sqlite3_bind_int64(st, 4, (int64_t)m);
				sqlite3_bind_int(st, 5, cm->vulnerable);
				bind_text(st, 6, cm->criteria);
				bind_text(st, 7, cm->match_id);
				bind_text(st, 8, key.vendor);
				bind_text(st, 9, key.product);
				bind_text(st, 10, key.version);
				bind_text(st, 11, key.update);
				bind_text(st, 12, cm->start_incl);
				bind_text(st, 13, cm->start_excl);
				bind_text(st, 14, cm->end_incl);
				bind_text(st, 15, cm->end_excl);
				sqlite3_bind_int64(st, 16, child_id(rowid, matches++));
				if (key.plain)
					sqlite3_bind_text(st, 17, &key.part, 1, SQLITE_TRANSIENT);
				else
					sqlite3_bind_null(st, 17);
				if (cm->vulnerable && exact_key(&vkey, &key, cm))
					sqlite3_bind_int64(st, 18, vkey);
				else
					sqlite3_bind_null(st, 18);
				if ((error = step_done(sql, st)) < 0)
					return error;
				im->stats->cpe_matches++;
			}
		}
	}
	return 0;
}

static int put_details(importer *im, const cvg_cve *cve, int64_t rowid)
{
	sqlite3 *sql = im->db->sql;
	sqlite3_stmt *st;
	int error;

	st = im->st[ST_PUT_METRIC];
	for (size_t i = 0; i < cve->nmetrics; i++) {
		const cvg_metric *m = &cve->metrics[i];
		sqlite3_bind_int64(st, 1, rowid);
		sqlite3_bind_int64(st, 2, (int64_t)i);
		bind_text(st, 3, cvg_cvss_version_name(m->version));
		bind_text(st, 4, m->source);
		bind_text(st, 5, m->type);
		bind_text(st, 6, m->score);
		bind_text(st, 7, m->vector);
		bind_text(st, 8, m->severity);
		sqlite3_bind_int64(st, 9, child_id(rowid, i));
		if ((error = step_done(sql, st)) < 0)
			return error;
	}
	st = im->st[ST_PUT_WEAKNESS];
	for (size_t i = 0; i < cve->nweaknesses; i++) {
		const cvg_weakness *w = &cve->weaknesses[i];
		if (w->cwe == NULL)
			continue;
		sqlite3_bind_int64(st, 1, rowid);
		sqlite3_bind_int64(st, 2, (int64_t)i);
		bind_text(st, 3, w->cwe);
		bind_text(st, 4, w->source);
		bind_text(st, 5, w->type);
		sqlite3_bind_int64(st, 6, child_id(rowid, i));
		if ((error = step_done(sql, st)) < 0)
			return error;
	}
	st = im->st[ST_PUT_REFERENCE];
	for (size_t i = 0; i < cve->nreferences; i++) {
		const cvg_reference *r = &cve->references[i];
		if (r->url == NULL)
			continue;
		sqlite3_bind_int64(st, 1, rowid);
		sqlite3_bind_int64(st, 2, (int64_t)i);
		bind_text(st, 3, r->url);
		bind_text(st, 4, r->source);
		bind_text(st, 5, r->tags);
		sqlite3_bind_int64(st, 6, child_id(rowid, i));
		if ((error = step_done(sql, st)) < 0)
			return error;
	}
	return 0;
}

/*
 * A record is simple when every configuration is a plain OR of plain OR
 * nodes of vulnerable matches: then any one matching criterion makes it
 * apply, and a scan need not load its tree to evaluate it.
 */
static bool is_simple(const cvg_cve *cve)
{
	for (size_t c = 0; c < cve->nconfigs; c++) {
		const cvg_config *cfg = &cve->configs[c];
		if (cfg->op != CVG_OP_OR || cfg->negate)
			return false;
		for (size_t n = 0; n < cfg->nnodes; n++) {
			const cvg_node *node = &cfg->nodes[n];
			if (node->op != CVG_OP_OR || node->negate)
				return false;
			for (size_t m = 0; m < node->nmatches; m++)
				if (!node->matches[m].vulnerable)
					return false;
		}
	}
	return true;
}

/* What is stored for `id`: the row (rowid > 0) or a Rejected marker. */
static int find_stored(importer *im, const char *id, int64_t *rowid, char **last_modified)
{
	sqlite3_stmt *st = im->st[ST_FIND_CVE];
	int rc;

	*rowid = 0;
	*last_modified = NULL;
	bind_text(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*rowid = sqlite3_column_int64(st, 0);
		*last_modified = column_dup(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sql_error(im->db->sql, "looking up a CVE");
	if (*rowid)
		return *last_modified ? 0 : cvg__error_oom();
	st = im->st[ST_FIND_REJECTED];
	bind_text(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*last_modified = column_dup(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sql_error(im->db->sql, "looking up a rejected CVE");
	return 0;
}

static int put_cve(importer *im, const cvg_cve *cve)
{
	sqlite3 *sql = im->db->sql;
	sqlite3_stmt *st;
	char *stored_lm = NULL;
	int64_t rowid = 0;
	bool seen = false, had_marker = false;
	int error;

	if (cve->id == NULL || cve->last_modified == NULL)
		return cvg__error(CVG_EPARSE, "record %s has no %s", cve->id ? cve->id : "(no id)",
		        cve->id ? "lastModified date" : "id");
	im->stats->records++;
	if ((error = cvg__strmap_add(&im->seen, cve->id, 0, &seen)) < 0)
		return error;
	if (seen || !im->empty_at_start) {
		if ((error = find_stored(im, cve->id, &rowid, &stored_lm)) < 0)
			goto done;
		had_marker = rowid == 0 && stored_lm != NULL;
		if (stored_lm && ts_cmp(cve->last_modified, stored_lm) < 0) {
			im->stats->older++;
			goto done;
		}
		if (rowid && (error = delete_cve(im, rowid)) < 0)
			goto done;
	}
	if (cve->rejected) {
		st = im->st[ST_PUT_REJECTED];
		bind_text(st, 1, cve->id);
		bind_text(st, 2, cve->last_modified);
		if ((error = step_done(sql, st)) == 0)
			im->stats->rejected++;
		goto done;
	}
	if (had_marker) {
		st = im->st[ST_DEL_REJECTED];
		bind_text(st, 1, cve->id);
		if ((error = step_done(sql, st)) < 0)
			goto done;
	}
	if ((error = check_positions(cve)) < 0)
		goto done;
	st = im->st[ST_PUT_CVE];
	bind_text(st, 1, cve->id);
	bind_text(st, 2, cve->source_id);
	bind_text(st, 3, cve->published);
	bind_text(st, 4, cve->last_modified);
	bind_text(st, 5, cve->status);
	bind_text(st, 6, cve->description);
	bind_text(st, 7, cve->kev_added);
	bind_text(st, 8, cve->kev_due);
	bind_text(st, 9, cve->kev_action);
	bind_text(st, 10, cve->kev_name);
	sqlite3_bind_int(st, 11, is_simple(cve));
	if ((error = step_done(sql, st)) < 0)
		goto done;
	rowid = sqlite3_last_insert_rowid(sql);
	if ((error = put_details(im, cve, rowid)) < 0 || (error = put_configs(im, cve, rowid)) < 0)
		goto done;
	if (stored_lm && !had_marker)
		im->stats->replaced++;
	else
		im->stats->inserted++;
done:
	free(stored_lm);
	return error;
}

/*
 * A CVE List record replaces the stored one (PUBLISHED or marker) when its
 * dateUpdated (datePublished when it has none) is the same or newer, by the
 * digits as for NVD dates; older is ignored. REJECTED keeps or puts the row
 * as a marker: state REJECTED, no record, no names. The row keeps its rowid.
 */
static int put_cve5(importer *im, const cvg__cve5_item *it)
{
	const cvg_cve5 *rec = it->rec;
	const char *age = rec->date_updated ? rec->date_updated : rec->date_published;
	sqlite3 *sql = im->db->sql;
	sqlite3_stmt *st = im->st[ST_C5_FIND];
	const unsigned char *blob = NULL;
	size_t blob_len = 0;
	int64_t rowid = 0;
	bool stored_published = false, older = false;
	int error, rc;

	im->stats->cve5_records++;
	bind_text(st, 1, rec->id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *state = sqlite3_column_text(st, 1);
		rowid = sqlite3_column_int64(st, 0);
		stored_published = state && strcmp((const char *)state, "PUBLISHED") == 0;
		older = ts_cmp(age, (const char *)sqlite3_column_text(st, 2)) < 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sql_error(sql, "looking up a CVE List record");
	if (older) {
		im->stats->cve5_older++;
		return 0;
	}
	if (it->json) {
		if (im->packer == NULL && (error = cvg__cve5_packer_new(&im->packer)) < 0)
			return error;
		if ((error = cvg__cve5_pack(&blob, &blob_len, im->packer, it->json, it->json_len)) <
		        0)
			return error;
	}
	if (rowid) {
		st = im->st[ST_C5_DEL_NAMES];
		sqlite3_bind_int64(st, 1, rowid);
		if ((error = step_done(sql, st)) < 0)
			return error;
		st = im->st[ST_C5_UPDATE];
		sqlite3_bind_int64(st, 1, rowid);
	} else {
		st = im->st[ST_C5_INSERT];
		bind_text(st, 1, rec->id);
	}
	bind_text(st, 2, rec->rejected ? "REJECTED" : "PUBLISHED");
	bind_text(st, 3, rec->assigner);
	bind_text(st, 4, rec->date_published);
	bind_text(st, 5, rec->date_updated);
	if (blob) {
		sqlite3_bind_blob(st, 6, blob, (int)blob_len, SQLITE_STATIC);
		sqlite3_bind_int64(st, 7, (int64_t)it->json_len);
	} else {
		sqlite3_bind_null(st, 6);
		sqlite3_bind_null(st, 7);
	}
	if ((error = step_done(sql, st)) < 0)
		return error;
	if (rowid == 0)
		rowid = sqlite3_last_insert_rowid(sql);
	if (rec->rejected) {
		im->stats->cve5_rejected++;
		return 0;
	}
	st = im->st[ST_C5_PUT_NAME];
	for (size_t i = 0; i < it->nnames; i++) {
		bind_text(st, 1, it->names[i]);
		sqlite3_bind_int64(st, 2, rowid);
		if ((error = step_done(sql, st)) < 0)
			return error;
	}
	if (stored_published)
		im->stats->cve5_replaced++;
	else
		im->stats->cve5_inserted++;
	return 0;
}

static int put_meta(importer *im, const char *key, const char *value)
{
	sqlite3_stmt *st = im->st[ST_PUT_META];

	bind_text(st, 1, key);
	bind_text(st, 2, value);
	return step_done(im->db->sql, st);
}

static int record_feeds(importer *im, const char *const *paths, const feed_result *res, size_t n)
{
	char key[512], now[32];
	time_t t = time(NULL);
	struct tm tm;
	int error;

	for (size_t i = 0; i < n; i++) {
		const char *base = strrchr(paths[i], '/');
		base = base ? base + 1 : paths[i];
		if (res[i].info.verified)
			im->stats->verified++;
		if (res[i].info.timestamp[0] == '\0')
			continue;
		snprintf(key, sizeof(key), "feed:%s", base);
		if ((error = put_meta(im, key, res[i].info.timestamp)) < 0)
			return error;
	}
	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return put_meta(im, "last_import", now);
}

int cvg_db_import(cvg_db *db, const char *const *paths, size_t npaths, cvg_import_stats *stats)
{
	import_queue q;
	importer im;
	pthread_t reader;
	bool reader_started = false, in_tx = false, nested = false;
	qitem batch[64];
	size_t n = 0, i;
	int64_t count = 0;
	double t0 = now_seconds();
	int error = 0;

	memset(&q, 0, sizeof(q));
	memset(&im, 0, sizeof(im));
	memset(stats, 0, sizeof(*stats));
	pthread_mutex_init(&q.mu, NULL);
	pthread_cond_init(&q.not_empty, NULL);
	pthread_cond_init(&q.not_full, NULL);
	im.db = db;
	im.stats = stats;
	stats->files = npaths;
	q.paths = paths;
	q.npaths = npaths;
	if ((q.results = calloc(npaths ? npaths : 1, sizeof(feed_result))) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	/* 32 MiB of page cache: more only makes the bulk import slower (cache spills) and bigger */
	/* inside the caller's transaction (db update: data and its meta rows
	 * commit together) the import is a savepoint of it */
	nested = !sqlite3_get_autocommit(db->sql);
	if ((error = exec(db->sql, "PRAGMA cache_size=-32768; PRAGMA threads=2")) < 0 ||
	        (error = exec(db->sql, nested ? "SAVEPOINT cvg_import" : "BEGIN IMMEDIATE")) < 0)
		goto done;
	in_tx = true;
	if ((error = query_int(db->sql,
	             "SELECT (SELECT count(*) FROM cve) +"
	             " (SELECT count(*) FROM rejected)",
	             &count)) < 0)
		goto done;
	im.empty_at_start = count == 0;
	if (im.empty_at_start &&
	        (error = exec(db->sql, "DROP INDEX IF EXISTS cpe_match_product")) < 0)
		goto done;
	for (i = 0; i < ST_COUNT; i++) {
		if (sqlite3_prepare_v3(db->sql, import_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
		            &im.st[i], NULL) != SQLITE_OK) {
			error = sql_error(db->sql, import_sql[i]);
			goto done;
		}
	}
	if (pthread_create(&reader, NULL, reader_main, &q) != 0) {
		error = cvg__error(CVG_ERROR, "cannot start the reader thread");
		goto done;
	}
	reader_started = true;
	while ((n = queue_pop(&q, batch, sizeof(batch) / sizeof(batch[0]))) > 0) {
		for (i = 0; i < n && error == 0; i++)
			error = batch[i].c5 ? put_cve5(&im, batch[i].c5)
			                    : put_cve(&im, batch[i].cve);
		queue_done(&q, batch, n);
		if (error < 0)
			break;
	}
done:
	if (reader_started) {
		pthread_mutex_lock(&q.mu);
		if (error < 0)
			q.writer_failed = true;
		pthread_cond_broadcast(&q.not_full);
		pthread_mutex_unlock(&q.mu);
		pthread_join(reader, NULL);
		while (q.count > 0) {
			qitem_free(q.items[q.head]);
			q.head = (q.head + 1) % QUEUE_CAP;
			q.count--;
		}
		for (i = 0; i < q.ndone; i++)
			qitem_free(q.done[i]);
		/* a reader error is the first cause; report it rather than "cancelled" */
		if (q.reader_error < 0)
			error = cvg__error(q.reader_error, "%s", q.reader_message);
	}
	stats->rows_seconds = now_seconds() - t0;
	t0 = now_seconds();
	if (error == 0 && im.empty_at_start)
		error = exec(db->sql, product_index_sql);
	stats->index_seconds = now_seconds() - t0;
	if (error == 0)
		error = record_feeds(&im, paths, q.results, npaths);
	for (i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(im.st[i]);
	cvg__cve5_packer_free(im.packer);
	if (in_tx) {
		t0 = now_seconds();
		if (error == 0)
			error = exec(db->sql, nested ? "RELEASE cvg_import" : "COMMIT");
		stats->commit_seconds = now_seconds() - t0;
		if (error < 0) {
			char saved[1024];
			snprintf(saved, sizeof(saved), "%s", cvg_error_last());
			exec(db->sql,
			        nested ? "ROLLBACK TO cvg_import; RELEASE cvg_import" : "ROLLBACK");
			cvg__error(error, "%s", saved);
		}
	}
	cvg__strmap_dispose(&im.seen);
	free(q.results);
	pthread_mutex_destroy(&q.mu);
	pthread_cond_destroy(&q.not_empty);
	pthread_cond_destroy(&q.not_full);
	return error;
}

/* ---- Lookups ---- */

static cvg_op parse_op(const unsigned char *s)
{
	return s && strcmp((const char *)s, "AND") == 0 ? CVG_OP_AND : CVG_OP_OR;
}

/* A statement for a literal SQL string, from the cache when it was prepared before. */
static int prepare(cvg_db *db, sqlite3_stmt **st, const char *sql)
{
	for (size_t i = 0; i < db->ncache; i++) {
		if (db->cache[i].sql == sql) {
			*st = db->cache[i].st;
			return 0;
		}
	}
	if (sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
		return sql_error(db->sql, sql);
	if (db->ncache < STMT_CACHE_SIZE) {
		db->cache[db->ncache].sql = sql;
		db->cache[db->ncache].st = *st;
		db->ncache++;
	}
	return 0;
}

/* Done with a statement from prepare(): reset a cached one, finalize others. */
static void release(cvg_db *db, sqlite3_stmt *st)
{
	if (st == NULL)
		return;
	for (size_t i = 0; i < db->ncache; i++) {
		if (db->cache[i].st == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return;
		}
	}
	sqlite3_finalize(st);
}

int cvg__db_prepare(cvg_db *db, sqlite3_stmt **st, const char *sql)
{
	return prepare(db, st, sql);
}

void cvg__db_release(cvg_db *db, sqlite3_stmt *st)
{
	release(db, st);
}

int cvg__db_read_begin(cvg_db *db)
{
	if (!sqlite3_get_autocommit(db->sql))
		return 0; /* the caller's transaction serves */
	if (sqlite3_exec(db->sql, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return sql_error(db->sql, "starting a read transaction");
	db->read_txn = true;
	return 0;
}

void cvg__db_read_end(cvg_db *db)
{
	if (db && db->read_txn) {
		sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);
		db->read_txn = false;
	}
}

bool cvg__db_has_cve5(const cvg_db *db)
{
	return db->cve5;
}

int cvg__db_nvd_state(int64_t *rowid, bool *analysed, cvg_db *db, const char *cve_id)
{
	sqlite3_stmt *st = NULL;
	char upper[64];
	size_t i;
	int error, rc;

	*rowid = 0;
	*analysed = false;
	for (i = 0; cve_id[i] && i < sizeof(upper) - 1; i++)
		upper[i] =
		        (cve_id[i] >= 'a' && cve_id[i] <= 'z') ? (char)(cve_id[i] - 32) : cve_id[i];
	upper[i] = '\0';
	if ((error = prepare(db, &st, "SELECT id FROM cve WHERE cve_id=?1")) < 0)
		return error;
	bind_text(st, 1, upper);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*rowid = sqlite3_column_int64(st, 0);
	release(db, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sql_error(db->sql, "looking up a CVE");
	if (*rowid == 0)
		return 0;
	if ((error = prepare(db, &st, "SELECT 1 FROM config WHERE id>=?1 AND id<?2 LIMIT 1")) < 0)
		return error;
	bind_range(st, *rowid);
	rc = sqlite3_step(st);
	*analysed = rc == SQLITE_ROW;
	release(db, st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
	                                             : sql_error(db->sql, "reading configurations");
}

static cvg_cvss_version parse_cvss_version(const unsigned char *s)
{
	if (s == NULL)
		return CVG_CVSS_V2;
	if (strcmp((const char *)s, "4.0") == 0)
		return CVG_CVSS_V40;
	if (strcmp((const char *)s, "3.1") == 0)
		return CVG_CVSS_V31;
	if (strcmp((const char *)s, "3.0") == 0)
		return CVG_CVSS_V30;
	return CVG_CVSS_V2;
}

static int corrupt(cvg_db *db, const char *what)
{
	return cvg__error(CVG_EDB, "%s: database is inconsistent: %s", db->path, what);
}

#define DUP_OR_FAIL(field, st, col)                                                                \
	do {                                                                                       \
		if (sqlite3_column_type(st, col) != SQLITE_NULL &&                                 \
		        ((field) = column_dup(st, col)) == NULL) {                                 \
			error = cvg__error_oom();                                                  \
			goto done;                                                                 \
		}                                                                                  \
	} while (0)

static int load_applicability(cvg_cve *cve, cvg_db *db, int64_t rowid)
{
	sqlite3_stmt *st = NULL;
	int error = 0, rc;

	if ((error = prepare(db, &st,
	             "SELECT operator, negate FROM config WHERE id>=?1 AND id<?2 ORDER BY id")) < 0)
		goto done;
	bind_range(st, rowid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cvg_config *c = cvg_cve_add_config(cve);
		if (c == NULL) {
			error = CVG_ENOMEM;
			goto done;
		}
		c->op = parse_op(sqlite3_column_text(st, 0));
		c->negate = sqlite3_column_int(st, 1) != 0;
	}
	release(db, st);
	st = NULL;
	if (rc != SQLITE_DONE) {
		error = sql_error(db->sql, "loading configurations");
		goto done;
	}
	if ((error = prepare(db, &st,
	             "SELECT cfg, node, operator, negate FROM node WHERE id>=?1 AND id<?2 ORDER BY "
	             "id")) < 0)
		goto done;
	bind_range(st, rowid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t c = sqlite3_column_int64(st, 0);
		cvg_node *n;
		if (c < 0 || (size_t)c >= cve->nconfigs) {
			error = corrupt(db, "node without configuration");
			goto done;
		}
		if ((n = cvg_config_add_node(&cve->configs[c])) == NULL) {
			error = CVG_ENOMEM;
			goto done;
		}
		n->op = parse_op(sqlite3_column_text(st, 2));
		n->negate = sqlite3_column_int(st, 3) != 0;
	}
	release(db, st);
	st = NULL;
	if (rc != SQLITE_DONE) {
		error = sql_error(db->sql, "loading nodes");
		goto done;
	}
	if ((error = prepare(db, &st,
	             "SELECT cfg, node, vulnerable, criteria, match_id, start_incl, start_excl,"
	             " end_incl, end_excl FROM cpe_match WHERE id>=?1 AND id<?2 ORDER BY id")) < 0)
		goto done;
	bind_range(st, rowid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t c = sqlite3_column_int64(st, 0), n = sqlite3_column_int64(st, 1);
		cvg_cpe_match *m;
		if (c < 0 || (size_t)c >= cve->nconfigs || n < 0 ||
		        (size_t)n >= cve->configs[c].nnodes) {
			error = corrupt(db, "cpe_match without node");
			goto done;
		}
		if ((m = cvg_node_add_match(&cve->configs[c].nodes[n])) == NULL) {
			error = CVG_ENOMEM;
			goto done;
		}
		m->vulnerable = sqlite3_column_int(st, 2) != 0;
		DUP_OR_FAIL(m->criteria, st, 3);
		DUP_OR_FAIL(m->match_id, st, 4);
		DUP_OR_FAIL(m->start_incl, st, 5);
		DUP_OR_FAIL(m->start_excl, st, 6);
		DUP_OR_FAIL(m->end_incl, st, 7);
		DUP_OR_FAIL(m->end_excl, st, 8);
	}
	if (rc != SQLITE_DONE)
		error = sql_error(db->sql, "loading cpe matches");
done:
	release(db, st);
	return error;
}

static int load_details(cvg_cve *cve, cvg_db *db, int64_t rowid, bool metrics_only)
{
	sqlite3_stmt *st = NULL;
	int error = 0, rc;

	if ((error = prepare(db, &st,
	             "SELECT version, source, type, score, vector, severity"
	             " FROM metric WHERE id>=?1 AND id<?2 ORDER BY id")) < 0)
		goto done;
	bind_range(st, rowid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cvg_metric *m = cvg_cve_add_metric(cve);
		if (m == NULL) {
			error = CVG_ENOMEM;
			goto done;
		}
		m->version = parse_cvss_version(sqlite3_column_text(st, 0));
		DUP_OR_FAIL(m->source, st, 1);
		DUP_OR_FAIL(m->type, st, 2);
		DUP_OR_FAIL(m->score, st, 3);
		DUP_OR_FAIL(m->vector, st, 4);
		DUP_OR_FAIL(m->severity, st, 5);
	}
	release(db, st);
	st = NULL;
	if (rc != SQLITE_DONE) {
		error = sql_error(db->sql, "loading metrics");
		goto done;
	}
	if (metrics_only)
		goto done;
	if ((error = prepare(db, &st,
	             "SELECT cwe, source, type FROM weakness WHERE id>=?1 AND id<?2 ORDER BY id")) <
	        0)
		goto done;
	bind_range(st, rowid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cvg_weakness *w = cvg_cve_add_weakness(cve);
		if (w == NULL) {
			error = CVG_ENOMEM;
			goto done;
		}
		DUP_OR_FAIL(w->cwe, st, 0);
		DUP_OR_FAIL(w->source, st, 1);
		DUP_OR_FAIL(w->type, st, 2);
	}
	release(db, st);
	st = NULL;
	if (rc != SQLITE_DONE) {
		error = sql_error(db->sql, "loading weaknesses");
		goto done;
	}
	if ((error = prepare(db, &st,
	             "SELECT url, source, tags FROM reference WHERE id>=?1 AND id<?2 ORDER BY "
	             "id")) < 0)
		goto done;
	bind_range(st, rowid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cvg_reference *r = cvg_cve_add_reference(cve);
		if (r == NULL) {
			error = CVG_ENOMEM;
			goto done;
		}
		DUP_OR_FAIL(r->url, st, 0);
		DUP_OR_FAIL(r->source, st, 1);
		DUP_OR_FAIL(r->tags, st, 2);
	}
	if (rc != SQLITE_DONE)
		error = sql_error(db->sql, "loading references");
done:
	release(db, st);
	return error;
}

int cvg__db_load_cve(cvg_cve **out, cvg_db *db, int64_t rowid, unsigned flags)
{
	sqlite3_stmt *st = NULL;
	cvg_cve *cve = NULL;
	bool simple;
	int error, rc;

	*out = NULL;
	if ((error = cvg_cve_new(&cve)) < 0)
		goto done;
	if ((error = prepare(db, &st,
	             "SELECT cve_id, source_id, published, last_modified, status, description,"
	             " kev_added, kev_due, kev_action, kev_name, simple FROM cve WHERE id=?1")) < 0)
		goto done;
	sqlite3_bind_int64(st, 1, rowid);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		error = rc == SQLITE_DONE ? cvg__error(CVG_ENOTFOUND, "no such record")
		                          : sql_error(db->sql, "loading a CVE");
		goto done;
	}
	DUP_OR_FAIL(cve->id, st, 0);
	DUP_OR_FAIL(cve->source_id, st, 1);
	DUP_OR_FAIL(cve->published, st, 2);
	DUP_OR_FAIL(cve->last_modified, st, 3);
	DUP_OR_FAIL(cve->status, st, 4);
	DUP_OR_FAIL(cve->description, st, 5);
	DUP_OR_FAIL(cve->kev_added, st, 6);
	DUP_OR_FAIL(cve->kev_due, st, 7);
	DUP_OR_FAIL(cve->kev_action, st, 8);
	DUP_OR_FAIL(cve->kev_name, st, 9);
	simple = sqlite3_column_int(st, 10) != 0;
	if ((error = load_details(cve, db, rowid, (flags & CVG__LOAD_METRICS_ONLY) != 0)) < 0)
		goto done;
	if (!(simple && (flags & CVG__LOAD_SKIP_SIMPLE)) &&
	        (error = load_applicability(cve, db, rowid)) < 0)
		goto done;
	*out = cve;
	cve = NULL;
done:
	release(db, st);
	cvg_cve_free(cve);
	return error;
}

int cvg_db_lookup_cve(cvg_cve **out, bool *rejected, cvg_db *db, const char *id)
{
	sqlite3_stmt *st = NULL;
	char upper[64];
	size_t i;
	int error = 0, rc;

	*out = NULL;
	if (rejected)
		*rejected = false;
	for (i = 0; id[i] && i < sizeof(upper) - 1; i++)
		upper[i] = (id[i] >= 'a' && id[i] <= 'z') ? (char)(id[i] - 32) : id[i];
	upper[i] = '\0';
	if ((error = prepare(db, &st, "SELECT id FROM cve WHERE cve_id=?1")) < 0)
		goto done;
	bind_text(st, 1, upper);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		error = cvg__db_load_cve(out, db, sqlite3_column_int64(st, 0), 0);
		goto done;
	}
	if (rc != SQLITE_DONE) {
		error = sql_error(db->sql, "looking up a CVE");
		goto done;
	}
	release(db, st);
	st = NULL;
	if ((error = prepare(db, &st, "SELECT 1 FROM rejected WHERE cve_id=?1")) < 0)
		goto done;
	bind_text(st, 1, upper);
	rc = sqlite3_step(st);
	if (rejected)
		*rejected = rc == SQLITE_ROW;
	error = cvg__error(CVG_ENOTFOUND, "%s: %s", upper,
	        rc == SQLITE_ROW ? "rejected by the NVD" : "not in the database");
done:
	release(db, st);
	return error;
}

int cvg__db_foreach_product_match(
        cvg_db *db, const char *product, const long long *key, cvg__match_row_fn fn, void *payload)
{
	sqlite3_stmt *st;
	int error = 0, rc;

#define PRODUCT_COLUMNS                                                                            \
	"SELECT id, vulnerable, vendor, product, cpe_version, cpe_update, start_incl, start_excl," \
	" end_incl, end_excl, cpe_plain FROM cpe_match"
	/* With a key, two index ranges: (product, 1, NULL) and (product, 1,
	 * key); without, the whole (product, 1) range. test_db.c checks the
	 * query plans. */
	static const char *const sql[2] = {
	        PRODUCT_COLUMNS " WHERE product=?1 AND vulnerable=1",
	        PRODUCT_COLUMNS " WHERE product=?1 AND vulnerable=1 AND vkey IS NULL"
	                        " UNION ALL " PRODUCT_COLUMNS
	                        " WHERE product=?1 AND vulnerable=1 AND vkey=?2",
	};
#undef PRODUCT_COLUMNS
	int which = key != NULL;

	if (db->product_stmt[which] == NULL &&
	        sqlite3_prepare_v3(db->sql, sql[which], -1, SQLITE_PREPARE_PERSISTENT,
	                &db->product_stmt[which], NULL) != SQLITE_OK)
		return sql_error(db->sql, "preparing the product lookup");
	st = db->product_stmt[which];
	bind_text(st, 1, product);
	if (key)
		sqlite3_bind_int64(st, 2, *key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cvg__match_row row;
		row.id = sqlite3_column_int64(st, 0);
		row.cve = row.id >> ID_SHIFT;
		row.vulnerable = sqlite3_column_int(st, 1) != 0;
		row.vendor = (const char *)sqlite3_column_text(st, 2);
		row.product = (const char *)sqlite3_column_text(st, 3);
		row.version = (const char *)sqlite3_column_text(st, 4);
		row.update = (const char *)sqlite3_column_text(st, 5);
		row.start_incl = (const char *)sqlite3_column_text(st, 6);
		row.start_excl = (const char *)sqlite3_column_text(st, 7);
		row.end_incl = (const char *)sqlite3_column_text(st, 8);
		row.end_excl = (const char *)sqlite3_column_text(st, 9);
		row.plain_part = (const char *)sqlite3_column_text(st, 10);
		if (row.vendor == NULL || row.product == NULL || row.version == NULL ||
		        row.update == NULL) {
			error = corrupt(db, "cpe_match row without its key");
			break;
		}
		if ((error = fn(&row, payload)) < 0)
			break;
	}
	if (error == 0 && rc != SQLITE_DONE)
		error = sql_error(db->sql, "looking up a product");
	sqlite3_reset(st);
	return error;
}

int cvg__db_count_product(size_t *out, cvg_db *db, const char *product, const char *vendor)
{
	sqlite3_stmt *st = NULL;
	int error, rc;

	*out = 0;
	if ((error = prepare(db, &st,
	             "SELECT count(*) FROM cpe_match WHERE product=?1 AND"
	             " (?2 IS NULL OR vendor=?2 COLLATE NOCASE)")) < 0)
		return error;
	bind_text(st, 1, product);
	bind_text(st, 2, vendor);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*out = (size_t)sqlite3_column_int64(st, 0);
	else
		error = sql_error(db->sql, "counting a product's criteria");
	release(db, st);
	return error;
}

int cvg__db_criteria(char **out, cvg_db *db, const cvg__match_row *row)
{
	sqlite3_stmt *st = NULL;
	int error, rc;

	*out = NULL;
	if ((error = prepare(db, &st, "SELECT criteria FROM cpe_match WHERE id=?1")) < 0)
		return error;
	sqlite3_bind_int64(st, 1, row->id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		error = (*out = column_dup(st, 0)) ? 0 : cvg__error_oom();
	else
		error = rc == SQLITE_DONE ? corrupt(db, "cpe_match row vanished")
		                          : sql_error(db->sql, "reading a criterion");
	release(db, st);
	return error;
}

int cvg__db_cve_id(char **out, cvg_db *db, int64_t rowid)
{
	sqlite3_stmt *st = NULL;
	int error = 0, rc;

	*out = NULL;
	if ((error = prepare(db, &st, "SELECT cve_id FROM cve WHERE id=?1")) < 0)
		return error;
	sqlite3_bind_int64(st, 1, rowid);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		error = (*out = column_dup(st, 0)) ? 0 : cvg__error_oom();
	else
		error = rc == SQLITE_DONE ? corrupt(db, "cpe_match row without cve")
		                          : sql_error(db->sql, "looking up a CVE id");
	release(db, st);
	return error;
}

int cvg__db_newest_feed(char **out, cvg_db *db)
{
	sqlite3_stmt *st = NULL;
	int error, rc;

	*out = NULL;
	if ((error = prepare(db, &st, "SELECT max(value) FROM meta WHERE key LIKE 'feed:%'")) < 0)
		return error;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL &&
	        (*out = column_dup(st, 0)) == NULL)
		error = cvg__error_oom();
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		error = sql_error(db->sql, "reading the feed dates");
	release(db, st);
	return error;
}

int cvg_db_info_get(cvg_db_info *out, cvg_db *db)
{
	sqlite3_stmt *st = NULL;
	int64_t n;
	int error;

	memset(out, 0, sizeof(*out));
	if ((error = query_int(db->sql, "SELECT count(*) FROM cve", &n)) < 0)
		return error;
	out->cves = (size_t)n;
	if ((error = query_int(db->sql, "SELECT count(*) FROM rejected", &n)) < 0)
		return error;
	out->rejected = (size_t)n;
	if ((error = query_int(db->sql, "SELECT count(*) FROM cpe_match", &n)) < 0)
		return error;
	out->cpe_matches = (size_t)n;
	if (db->cve5) {
		if ((error = query_int(
		             db->sql, "SELECT count(*) FROM cve5 WHERE state='PUBLISHED'", &n)) < 0)
			return error;
		out->cve5_records = (size_t)n;
		if ((error = query_int(
		             db->sql, "SELECT count(*) FROM cve5 WHERE state='REJECTED'", &n)) < 0)
			return error;
		out->cve5_rejected = (size_t)n;
	}
	if ((error = prepare(db, &st,
	             "SELECT (SELECT max(value) FROM meta WHERE key LIKE 'feed:%'),"
	             " (SELECT value FROM meta WHERE key='last_import')")) < 0)
		return error;
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->newest_feed = column_dup(st, 0);
		out->last_import = column_dup(st, 1);
	}
	release(db, st);
	return 0;
}

void cvg_db_info_dispose(cvg_db_info *info)
{
	free(info->newest_feed);
	free(info->last_import);
	info->newest_feed = info->last_import = NULL;
}
