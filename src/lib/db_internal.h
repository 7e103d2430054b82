/* lib/db_internal.h - database access for other library modules (scan). */
#ifndef CVG_LIB_DB_INTERNAL_H
#define CVG_LIB_DB_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "cvegate/cve5.h"
#include "cvegate/db.h"

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;

/*
 * The connection, for db update (update.c), which wraps cvg_db_import in
 * its own transaction so the data and its meta rows commit together: an
 * import inside an open transaction runs as a savepoint of it.
 */
sqlite3 *cvg__db_handle(cvg_db *db);

/*
 * Hold one read transaction on the connection until cvg__db_read_end: a
 * scan's thousands of statements then share it, instead of each starting
 * its own (SQLite checks the file system for a hot journal and revalidates
 * its page cache at the start of every read transaction), and all of them
 * read one state of the database even while an update commits. Within a
 * transaction the caller opened, that one serves. Returns 0 or CVG_EDB.
 * cvg__db_read_end ends only a transaction cvg__db_read_begin opened.
 */
int cvg__db_read_begin(cvg_db *db);
void cvg__db_read_end(cvg_db *db);

/* A cpe_match row as the product index holds it (no criteria string). */
typedef struct cvg__match_row {
	int64_t cve; /* rowid of the cve table */
	int64_t id;  /* the row's id (docs/schema.md) */
	bool vulnerable;
	const char *vendor; /* unescaped */
	const char *product;
	const char *version; /* raw CPE version attribute, escapes kept */
	const char *update;  /* raw CPE update attribute */
	const char *start_incl, *start_excl, *end_incl, *end_excl;
	const char *plain_part; /* the CPE part when the criteria rebuilds from the key, or NULL */
} cvg__match_row;

typedef int (*cvg__match_row_fn)(const cvg__match_row *row, void *payload);

/*
 * Call fn for the vulnerable cpe_match rows of `product` (unescaped NVD
 * product name) that a version with upstream key *key
 * (cvg_version_upstream_key) can match: every row without a key and the
 * rows of that key. key NULL: every vulnerable row.
 */
int cvg__db_foreach_product_match(
        cvg_db *db, const char *product, const long long *key, cvg__match_row_fn fn, void *payload);

/*
 * How many cpe_match rows (vulnerable or not) name `product`, by `vendor`
 * when it is not NULL (compared case-insensitively).
 */
int cvg__db_count_product(size_t *out, cvg_db *db, const char *product, const char *vendor);

/* The criteria string of a row (*out is a new string): rebuilt from the
 * key when the row is plain, read from the table otherwise. */
int cvg__db_criteria(char **out, cvg_db *db, const cvg__match_row *row);

/* The CVE id ("CVE-2014-0160") of a rowid; *out is a new string. */
int cvg__db_cve_id(char **out, cvg_db *db, int64_t rowid);

/* The newest feed timestamp imported, or NULL in *out when none. */
int cvg__db_newest_feed(char **out, cvg_db *db);

/* Leave the configurations out when the record is simple (db.c: is_simple). */
#define CVG__LOAD_SKIP_SIMPLE 1u
/* Leave weaknesses and references out: of the details only the metrics. */
#define CVG__LOAD_METRICS_ONLY 2u

/*
 * Load a record by its rowid. With CVG__LOAD_SKIP_SIMPLE a simple record
 * comes back without configurations (nconfigs 0): any vulnerable criterion
 * of it that matches decides.
 */
int cvg__db_load_cve(cvg_cve **out, cvg_db *db, int64_t rowid, unsigned flags);

/* ---- CVE List v5 records (lib/db_cve5.c, docs/schema.md) ----
 * Each takes a cvg_db of its own per thread (statements are cached per
 * connection). A schema-2 file opened read-only holds no CVE List data:
 * every call answers as for an empty table. */

/*
 * Call fn(id) for the rowids of the PUBLISHED records indexed under `name`
 * (a cvg_cve5_name_key()), in ascending order. The ids are read first, so
 * fn may load records on the same connection. A negative return of fn
 * stops and is returned.
 */
int cvg__db_cve5_foreach_name(
        cvg_db *db, const char *name, int (*fn)(int64_t id, void *payload), void *payload);

/* Load a PUBLISHED record by rowid (uncompress + cvg_cve5_parse); *out is
 * new. CVG_ENOTFOUND when there is no such PUBLISHED row; CVG_EDB when the
 * stored record is damaged. */
int cvg__db_cve5_load(cvg_cve5 **out, cvg_db *db, int64_t id);

/* The NVD's record of cve_id ("CVE-2025-6965", case-insensitive): its cve
 * rowid (0 when absent, *analysed false), and whether it has at least one
 * configuration. */
int cvg__db_nvd_state(int64_t *rowid, bool *analysed, cvg_db *db, const char *cve_id);

/* Does the CVE List hold a REJECTED marker for cve_id (exact, upper case)? */
int cvg__db_cve5_rejected(bool *out, cvg_db *db, const char *cve_id);

/* Whether any PUBLISHED CVE List record is stored, by its name index (false
 * for a schema-2 file); a scan skips the second source otherwise. */
int cvg__db_cve5_any(bool *out, cvg_db *db);

/* For db_cve5.c: a statement for a literal SQL string, cached per
 * connection; cvg__db_release resets it (or finalizes an uncached one). */
int cvg__db_prepare(cvg_db *db, sqlite3_stmt **st, const char *sql);
void cvg__db_release(cvg_db *db, sqlite3_stmt *st);
/* Does the file have the CVE List tables (schema 3)? */
bool cvg__db_has_cve5(const cvg_db *db);

#endif
