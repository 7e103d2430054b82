/*
 * lib/db_cve5.c - CVE List v5 records in the database: what the import
 * writes for a record (compressed JSON and name keys) and the lookups the
 * scanner and `cvegate show` make.
 *
 * A record is stored whole, as the compact CVE JSON 5 document of what the
 * reader keeps (cvg_cve5_write_json), zlib-compressed, in one row of `cve5`
 * (docs/schema.md). Loading it is uncompress + cvg_cve5_parse: the records
 * are small (5-6 KB of JSON, about 1.5 KB compressed), a scan loads only
 * the few that name its packages, and one model with one parser is simpler
 * and safer than a dozen tables mirroring the affected/versions/changes
 * tree. Finding those records is what the `cve5_name` table is for: the
 * cvg_cve5_name_key() of every product, packageName and CPE product a
 * record names, so a package name is one index range.
 *
 * The work of preparing a record is shared by the import's two threads
 * (db.c): the reader parses, serialises and computes names, the writer
 * compresses (zlib level 1, one deflate state reused) and binds. Each of
 * the three costly steps (parse, deflate, the rest) takes about a third.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>
#include <zlib.h>

#include "cvegate/cpe.h"
#include "cvegate/db.h"
#include "cvegate/error.h"
#include "lib/db_cve5.h"
#include "lib/db_internal.h"
#include "util/error.h"

/* Level 1: on the compact CVE JSON (2-5 KB) it compresses to 35-50 %, within
 * 5-8 % of level 6, in half the time. memLevel 5: a 4K-entry hash table,
 * which deflateReset clears for every record, instead of the default 32K;
 * the records are far smaller than that (measured, bench_db_cve5). */
#define CVE5_ZLIB_LEVEL 1
#define CVE5_ZLIB_MEMLEVEL 5

/* ---- Names ---- */

typedef struct names {
	char **v;
	size_t n, cap;
} names;

/* Append a copy of key, unless it repeats the last one: records name the
 * same product many times over (Linux: one entry per branch); the rest of
 * the repeats are sorted out at the end. */
static int names_push(names *ns, const char *key)
{
	if (ns->n > 0 && strcmp(ns->v[ns->n - 1], key) == 0)
		return 0;
	if (ns->n == ns->cap) {
		size_t cap = ns->cap ? ns->cap * 2 : 8;
		char **v = realloc(ns->v, cap * sizeof(*v));
		if (v == NULL)
			return cvg__error_oom();
		ns->v = v;
		ns->cap = cap;
	}
	if ((ns->v[ns->n] = strdup(key)) == NULL)
		return cvg__error_oom();
	ns->n++;
	return 0;
}

static int names_add(names *ns, const char *name)
{
	char key[CVG_CVE5_NAME_KEY_MAX];

	return cvg_cve5_name_key(key, name) ? names_push(ns, key) : 0;
}

/* The product of a CPE 2.3 formatted string or 2.2 URI; CPEs that do not
 * parse name nothing (CNA text is often loose). */
static int names_add_cpe(names *ns, const char *cpe)
{
	cvg_cpe_key key;
	char *fs = NULL;
	int error = 0;

	if (strncmp(cpe, "cpe:/", 5) == 0) {
		if ((error = cvg_cpe_uri_to_fs(&fs, cpe, strlen(cpe))) < 0) {
			cvg_error_clear();
			return error == CVG_ENOMEM ? error : 0;
		}
		cpe = fs;
	}
	if (cvg_cpe_key_parse(&key, cpe) == 0)
		error = names_add(ns, key.product);
	else
		cvg_error_clear();
	free(fs);
	return error;
}

/* The most description words a record that names nothing is indexed under. */
#define CVE5_WORDS_MAX 200

static int add_word(const char *key, void *payload)
{
	names *ns = payload;
	char word[CVG_CVE5_NAME_KEY_MAX + sizeof(CVG_CVE5_WORD_PREFIX)];

	if (ns->n >= CVE5_WORDS_MAX)
		return 1;
	snprintf(word, sizeof(word), CVG_CVE5_WORD_PREFIX "%s", key);
	return names_push(ns, word);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int cvg__cve5_names(char ***out, size_t *n, const cvg_cve5 *rec)
{
	names ns = {NULL, 0, 0};
	size_t i, j, k;
	int error = 0;

	*out = NULL;
	*n = 0;
	for (i = 0; i < rec->naffected && error == 0; i++) {
		const cvg_cve5_affected *a = &rec->affected[i];
		if ((error = names_add(&ns, a->product)) < 0 ||
		        (error = names_add(&ns, a->package_name)) < 0)
			break;
		for (j = 0; j < a->ncpes && error == 0; j++)
			error = names_add_cpe(&ns, a->cpes[j]);
	}
	for (i = 0; i < rec->nconfigs && error == 0; i++) {
		const cvg_config *c = &rec->configs[i].config;
		for (j = 0; j < c->nnodes && error == 0; j++)
			for (k = 0; k < c->nodes[j].nmatches && error == 0; k++)
				error = names_add_cpe(&ns, c->nodes[j].matches[k].criteria);
	}
	/* a record that names nothing ("n/a") is found by its description's words */
	if (error == 0 && ns.n == 0 && !rec->rejected) {
		error = cvg_cve5_foreach_word(rec->description, add_word, &ns);
		error = error > 0 ? 0 : error;
	}
	if (error < 0) {
		for (i = 0; i < ns.n; i++)
			free(ns.v[i]);
		free(ns.v);
		return error;
	}
	if (ns.n > 1) {
		qsort(ns.v, ns.n, sizeof(*ns.v), cmp_str);
		for (i = 1, j = 1; i < ns.n; i++) {
			if (strcmp(ns.v[i], ns.v[j - 1]) == 0)
				free(ns.v[i]);
			else
				ns.v[j++] = ns.v[i];
		}
		ns.n = j;
	}
	*out = ns.v;
	*n = ns.n;
	return 0;
}

/* ---- Items ---- */

void cvg__cve5_item_free(cvg__cve5_item *item)
{
	if (item == NULL)
		return;
	for (size_t i = 0; i < item->nnames; i++)
		free(item->names[i]);
	free(item->names);
	free(item->json);
	cvg_cve5_free(item->rec);
	free(item);
}

int cvg__cve5_item_make(cvg__cve5_item **out, cvg_cve5 *rec)
{
	cvg__cve5_item *item = NULL;
	int error = 0;

	*out = NULL;
	if ((item = calloc(1, sizeof(*item))) == NULL) {
		cvg_cve5_free(rec);
		return cvg__error_oom();
	}
	item->rec = rec;
	if (!rec->rejected &&
	        ((error = cvg_cve5_write_json(&item->json, &item->json_len, rec)) < 0 ||
	                (error = cvg__cve5_names(&item->names, &item->nnames, rec)) < 0)) {
		cvg__cve5_item_free(item);
		return error;
	}
	*out = item;
	return 0;
}

struct cvg__cve5_packer {
	z_stream zs;
	unsigned char *buf;
	size_t cap;
};

int cvg__cve5_packer_new(cvg__cve5_packer **out)
{
	cvg__cve5_packer *pk = calloc(1, sizeof(*pk));

	*out = NULL;
	if (pk == NULL)
		return cvg__error_oom();
	if (deflateInit2(&pk->zs, CVE5_ZLIB_LEVEL, Z_DEFLATED, 15, CVE5_ZLIB_MEMLEVEL,
	            Z_DEFAULT_STRATEGY) != Z_OK) {
		free(pk);
		return cvg__error_oom();
	}
	*out = pk;
	return 0;
}

void cvg__cve5_packer_free(cvg__cve5_packer *pk)
{
	if (pk == NULL)
		return;
	deflateEnd(&pk->zs);
	free(pk->buf);
	free(pk);
}

int cvg__cve5_pack(const unsigned char **blob, size_t *blob_len, cvg__cve5_packer *pk,
        const char *json, size_t len)
{
	uLong bound;

	*blob = NULL;
	*blob_len = 0;
	if (len > UINT32_MAX / 2 || deflateReset(&pk->zs) != Z_OK)
		return cvg__error(CVG_ELIMIT, "cannot compress a record of %zu bytes", len);
	bound = deflateBound(&pk->zs, (uLong)len);
	if (bound > pk->cap) {
		unsigned char *b = realloc(pk->buf, bound);
		if (b == NULL)
			return cvg__error_oom();
		pk->buf = b;
		pk->cap = bound;
	}
	pk->zs.next_in = (Bytef *)(uintptr_t)json;
	pk->zs.avail_in = (uInt)len;
	pk->zs.next_out = pk->buf;
	pk->zs.avail_out = (uInt)bound;
	if (deflate(&pk->zs, Z_FINISH) != Z_STREAM_END)
		return cvg__error(CVG_ERROR, "cannot compress a record of %zu bytes", len);
	*blob = pk->buf;
	*blob_len = bound - pk->zs.avail_out;
	return 0;
}

/* ---- Lookups ---- */

static int sql_fail(cvg_db *db, const char *what)
{
	return cvg__error(CVG_EDB, "database: %s: %s", what, sqlite3_errmsg(cvg__db_handle(db)));
}

/* Collect first, call after: fn may load records on the same connection. */
int cvg__db_cve5_foreach_name(
        cvg_db *db, const char *name, int (*fn)(int64_t id, void *payload), void *payload)
{
	static const char sql[] = "SELECT cve5 FROM cve5_name WHERE name=?1 ORDER BY cve5";
	sqlite3_stmt *st = NULL;
	int64_t *ids = NULL, *grown;
	size_t n = 0, cap = 0;
	int error = 0, rc;

	if (!cvg__db_has_cve5(db))
		return 0;
	if ((error = cvg__db_prepare(db, &st, sql)) < 0)
		return error;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((grown = realloc(ids, cap * sizeof(*ids))) == NULL) {
				error = cvg__error_oom();
				goto done;
			}
			ids = grown;
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	if (rc != SQLITE_DONE) {
		error = sql_fail(db, "looking up a CVE List name");
		goto done;
	}
	cvg__db_release(db, st);
	st = NULL;
	for (size_t i = 0; i < n && error >= 0; i++)
		error = fn(ids[i], payload);
	if (error > 0)
		error = 0;
done:
	cvg__db_release(db, st);
	free(ids);
	return error;
}

int cvg__db_cve5_load(cvg_cve5 **out, cvg_db *db, int64_t id)
{
	static const char sql[] = "SELECT cve_id, record, record_len FROM cve5"
	                          " WHERE id=?1 AND state='PUBLISHED'";
	const cvg_cve5_limits lim = CVG_CVE5_LIMITS_DEFAULT;
	sqlite3_stmt *st = NULL;
	char *json = NULL, name[128];
	const void *blob;
	sqlite3_int64 len;
	uLongf got;
	int error, rc;

	*out = NULL;
	if (!cvg__db_has_cve5(db))
		return cvg__error(CVG_ENOTFOUND, "no CVE List record %lld", (long long)id);
	if ((error = cvg__db_prepare(db, &st, sql)) < 0)
		return error;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		error = rc == SQLITE_DONE ? cvg__error(CVG_ENOTFOUND, "no CVE List record %lld",
		                                    (long long)id)
		                          : sql_fail(db, "loading a CVE List record");
		goto done;
	}
	snprintf(name, sizeof(name), "%s: %s", cvg_db_path(db),
	        (const char *)sqlite3_column_text(st, 0));
	len = sqlite3_column_int64(st, 2);
	blob = sqlite3_column_blob(st, 1);
	if (blob == NULL || len <= 0 || (uint64_t)len > lim.max_record) {
		error = cvg__error(CVG_EDB, "%s: database is inconsistent: record of %lld bytes",
		        name, (long long)len);
		goto done;
	}
	if ((json = malloc((size_t)len + 1)) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	got = (uLongf)len;
	if (uncompress((Bytef *)json, &got, blob, (uLong)sqlite3_column_bytes(st, 1)) != Z_OK ||
	        got != (uLongf)len) {
		error = cvg__error(
		        CVG_EDB, "%s: database is inconsistent: the record does not inflate", name);
		goto done;
	}
	json[len] = '\0';
	error = cvg_cve5_parse(out, name, json, (size_t)len, &lim);
done:
	cvg__db_release(db, st);
	free(json);
	return error;
}

int cvg__db_cve5_rejected(bool *out, cvg_db *db, const char *cve_id)
{
	static const char sql[] = "SELECT 1 FROM cve5 WHERE cve_id=?1 AND state='REJECTED'";
	sqlite3_stmt *st = NULL;
	int error, rc;

	*out = false;
	if (!cvg__db_has_cve5(db))
		return 0;
	if ((error = cvg__db_prepare(db, &st, sql)) < 0)
		return error;
	sqlite3_bind_text(st, 1, cve_id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = true;
	else if (rc != SQLITE_DONE)
		error = sql_fail(db, "looking up a CVE List marker");
	cvg__db_release(db, st);
	return error;
}

int cvg__db_cve5_any(bool *out, cvg_db *db)
{
	/* the name index, not the records: one index page, whatever the size */
	static const char sql[] = "SELECT 1 FROM cve5_name LIMIT 1";
	sqlite3_stmt *st = NULL;
	int error, rc;

	*out = false;
	if (!cvg__db_has_cve5(db))
		return 0;
	if ((error = cvg__db_prepare(db, &st, sql)) < 0)
		return error;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*out = true;
	else if (rc != SQLITE_DONE)
		error = sql_fail(db, "looking for CVE List records");
	cvg__db_release(db, st);
	return error;
}

int cvg_db_lookup_cve5(cvg_cve5 **out, bool *rejected, cvg_db *db, const char *id)
{
	static const char sql[] = "SELECT id, state FROM cve5 WHERE cve_id=?1";
	sqlite3_stmt *st = NULL;
	char upper[64];
	int64_t rowid = 0;
	bool is_rejected = false;
	size_t i;
	int error, rc;

	*out = NULL;
	if (rejected)
		*rejected = false;
	for (i = 0; id[i] && i < sizeof(upper) - 1; i++)
		upper[i] = (id[i] >= 'a' && id[i] <= 'z') ? (char)(id[i] - 32) : id[i];
	upper[i] = '\0';
	if (!cvg__db_has_cve5(db))
		return cvg__error(CVG_ENOTFOUND, "%s: not in the CVE List data", upper);
	if ((error = cvg__db_prepare(db, &st, sql)) < 0)
		return error;
	sqlite3_bind_text(st, 1, upper, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rowid = sqlite3_column_int64(st, 0);
		is_rejected = strcmp((const char *)sqlite3_column_text(st, 1), "REJECTED") == 0;
	} else if (rc != SQLITE_DONE) {
		error = sql_fail(db, "looking up a CVE List record");
	}
	cvg__db_release(db, st);
	if (error < 0)
		return error;
	if (rowid == 0 || is_rejected) {
		if (rejected)
			*rejected = is_rejected;
		return cvg__error(CVG_ENOTFOUND, "%s: %s", upper,
		        is_rejected ? "rejected in the CVE List" : "not in the CVE List data");
	}
	return cvg__db_cve5_load(out, db, rowid);
}
