/* lib/db_cve5.h - CVE List records as the database stores them (db.c, db_cve5.c). */
#ifndef CVG_LIB_DB_CVE5_H
#define CVG_LIB_DB_CVE5_H

#include <stddef.h>

#include "cvegate/cve5.h"

/* The tables of schema 3 (docs/schema.md), created with the others or by the
 * migration of a schema-2 file. */
#define CVG__DB_CVE5_SCHEMA_SQL                                                                    \
	"CREATE TABLE cve5(id INTEGER PRIMARY KEY, cve_id TEXT NOT NULL UNIQUE,"                   \
	"  state TEXT NOT NULL, assigner TEXT, date_published TEXT, date_updated TEXT,"            \
	"  record BLOB, record_len INTEGER);"                                                      \
	"CREATE TABLE cve5_name(name TEXT NOT NULL, cve5 INTEGER NOT NULL,"                        \
	"  PRIMARY KEY (name, cve5)) WITHOUT ROWID;"                                               \
	"CREATE INDEX cve5_name_cve5 ON cve5_name(cve5);"

/*
 * One record ready to be written: serialised and named by the import's
 * reader thread; the writer thread compresses it (cvg__cve5_pack) and
 * writes it, which balances the two threads' work.
 */
typedef struct cvg__cve5_item {
	cvg_cve5 *rec;   /* owned */
	char *json;      /* the compact JSON; NULL for REJECTED */
	size_t json_len; /* its length (record_len) */
	char **names;    /* cvg_cve5_name_key()s, sorted, unique; none for REJECTED */
	size_t nnames;
} cvg__cve5_item;

/* Build the item of a record, taking ownership of `rec` (freed on error). */
int cvg__cve5_item_make(cvg__cve5_item **out, cvg_cve5 *rec);

/* What the writer reuses from record to record: the deflate state (zlib
 * allocates a few hundred KB per stream, more than compressing costs) and
 * the output buffer. */
typedef struct cvg__cve5_packer cvg__cve5_packer;
int cvg__cve5_packer_new(cvg__cve5_packer **out);
void cvg__cve5_packer_free(cvg__cve5_packer *pk);

/* Compress json[len] (zlib format, uncompress() reads it); *blob points
 * into the packer, valid until its next use. */
int cvg__cve5_pack(const unsigned char **blob, size_t *blob_len, cvg__cve5_packer *pk,
        const char *json, size_t len);
void cvg__cve5_item_free(cvg__cve5_item *item);

/* The name keys of a PUBLISHED record (docs/schema.md: cve5_name), sorted and
 * unique; *out is an array of new strings. */
int cvg__cve5_names(char ***out, size_t *n, const cvg_cve5 *rec);

#endif
