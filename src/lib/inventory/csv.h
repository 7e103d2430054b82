/*
 * lib/inventory/csv.h - one line of RFC 4180 CSV, field by field, for the
 * inventory readers that take CSV (list, buildroot, wmic). Library-internal.
 *
 * Kept simple on purpose: a record is one line (a quoted field spanning
 * lines is an error; no inventory needs one), fields may be quoted with '"'
 * ("" is a quote inside, commas may sit inside quotes), and spaces and tabs
 * around a field are dropped.
 */
#ifndef CVG_LIB_INVENTORY_CSV_H
#define CVG_LIB_INVENTORY_CSV_H

#include <stdbool.h>
#include <stddef.h>

/* What cvg__csv_field() returns. */
enum { CVG__CSV_OK = 0, CVG__CSV_UNTERMINATED, CVG__CSV_QUOTE_IN_FIELD, CVG__CSV_AFTER_QUOTE };

typedef struct cvg__csv {
	const char *p, *end;
	bool done; /* the last field has been read */
} cvg__csv;

void cvg__csv_init(cvg__csv *c, const char *s, size_t n);

/*
 * Read the next field into out[0..cap) (out may be NULL to skip it), its
 * whole unquoted length in *olen (more than cap when cut). Returns
 * CVG__CSV_OK or the CVG__CSV_* problem; c->done is set after the last.
 */
int cvg__csv_field(cvg__csv *c, char *out, size_t cap, size_t *olen);

/* The message for a CVG__CSV_* problem ("an unterminated quoted field ..."). */
const char *cvg__csv_error(int rc);

/* Whether s[0..n) is `word` (lower case), ignoring ASCII case. */
bool cvg__csv_word_is(const char *s, size_t n, const char *word);

#endif
