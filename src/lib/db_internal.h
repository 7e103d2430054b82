/* lib/db_internal.h - database access for other library modules (scan). */
#ifndef CVG_LIB_DB_INTERNAL_H
#define CVG_LIB_DB_INTERNAL_H

#include <stdint.h>

#include "cvegate/db.h"

typedef struct cvg__match_row {
	int64_t cve;          /* rowid of the cve table */
	const char *cve_id;
	bool vulnerable;
	const char *criteria;
	const char *vendor;   /* unescaped */
	const char *product;
	const char *start_incl, *start_excl, *end_incl, *end_excl;
} cvg__match_row;

typedef int (*cvg__match_row_fn)(const cvg__match_row *row, void *payload);

/* Call fn for every cpe_match row of `product` (unescaped NVD product name). */
int cvg__db_foreach_product_match(cvg_db *db, const char *product, cvg__match_row_fn fn,
                                  void *payload);

/* Load a whole record by its rowid. */
int cvg__db_load_cve(cvg_cve **out, cvg_db *db, int64_t rowid);

#endif
