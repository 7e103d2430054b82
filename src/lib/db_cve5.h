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
 * One record ready to be written: built by the import's reader thread
 * (serialising, compressing and computing names are the costly part), then
 * written by the writer thread.
 */
typedef struct cvg__cve5_item {
	cvg_cve5 *rec;        /* owned */
	unsigned char *blob;  /* zlib stream of the compact JSON; NULL for REJECTED */
	size_t blob_len;
	size_t json_len;      /* the JSON's length (record_len) */
	char **names;         /* cvg_cve5_name_key()s, sorted, unique; none for REJECTED */
	size_t nnames;
} cvg__cve5_item;

/* Build the item of a record, taking ownership of `rec` (freed on error). */
int cvg__cve5_item_make(cvg__cve5_item **out, cvg_cve5 *rec);
void cvg__cve5_item_free(cvg__cve5_item *item);

/* The name keys of a PUBLISHED record (docs/schema.md: cve5_name), sorted and
 * unique; *out is an array of new strings. */
int cvg__cve5_names(char ***out, size_t *n, const cvg_cve5 *rec);

#endif
