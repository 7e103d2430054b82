/*
 * lib/inventory/inventory_internal.h - the format table and the helpers the
 * format readers share (library-internal).
 *
 * A format is one file under src/lib/inventory/ exporting one
 * cvg__inv_format, plus its line in the table in inventory.c. A reader gets
 * the whole file in memory (size-checked, no NUL bytes) and appends packages
 * to a cvg__inv_ctx; malformed entries go through cvg__inv_problem(), which
 * fails or, under CVG_INVENTORY_LENIENT, warns and lets the reader skip.
 */
#ifndef CVG_LIB_INVENTORY_INTERNAL_H
#define CVG_LIB_INVENTORY_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "cvegate/inventory.h"

/* Longest line a line-based list may have; longer lines are errors. */
#define CVG__INV_LINE_MAX 4096

/* Longest excerpt of a bad line quoted in a message (before escaping). */
#define CVG__INV_QUOTE_MAX 80

/* Room for a quoted excerpt: every byte may become \xNN, plus "...". */
#define CVG__INV_QUOTE_SIZE (CVG__INV_QUOTE_MAX * 4 + 4)

/* The packages being collected, and where problems are reported. */
typedef struct cvg__inv_ctx {
	const char *file; /* the file being read: messages and cvg_package.file */
	unsigned flags;   /* CVG_INVENTORY_* */
	cvg_warn_fn warn;
	void *payload;
	cvg_package *packages;
	size_t npackages;
	size_t cap;
} cvg__inv_ctx;

typedef struct cvg__inv_format {
	const char *name;
	/* Parse data[0..len) (no NUL bytes, len <= CVG_INVENTORY_MAX_BYTES)
	 * into ctx. Returns 0 or a CVG_E* code with the message set. */
	int (*parse)(cvg__inv_ctx *ctx, const char *data, size_t len);
	/* How sure the format is that data is its own: 0 (not at all) to
	 * 100, for "auto". The highest non-zero score wins. */
	int (*sniff)(const char *data, size_t len);
	/* Whether `path` may be a directory of files (one parse per file). */
	bool reads_directories;
	/* The file name suffix read from a directory, e.g. ".swidtag". */
	const char *dir_suffix;
} cvg__inv_format;

extern const cvg__inv_format cvg__inv_yocto;
extern const cvg__inv_format cvg__inv_rpm;
extern const cvg__inv_format cvg__inv_swid;

/*
 * Parse an inventory held in memory, as cvg_inventory_load() does for a
 * file: `file` names it in messages and packages. Same errors as the load,
 * CVG_ELIMIT above CVG_INVENTORY_MAX_BYTES, CVG_EPARSE for NUL bytes.
 * The entry point of the fuzzers and the unit tests.
 */
int cvg__inventory_parse(cvg_inventory **out, const char *data, size_t len, const char *file,
        const char *format, unsigned flags, cvg_warn_fn warn, void *payload);

/* ---- Shared helpers (inventory.c); also used by lib/ignore.c ---- */

/*
 * Read a whole regular file of at most `max` bytes into a new
 * NUL-terminated buffer (*out, caller frees; *len excludes the NUL).
 * Errors: CVG_EIO (message names the file and errno), CVG_ELIMIT, CVG_ENOMEM.
 */
int cvg__read_file(char **out, size_t *len, const char *path, size_t max);

/* Iterates the lines of a buffer: LF or CRLF ends a line, a leading UTF-8
 * byte order mark is skipped, a last line without LF counts. */
typedef struct cvg__lines {
	const char *p;
	const char *end;
	size_t lineno; /* 1-based number of the line last returned */
} cvg__lines;

void cvg__lines_init(cvg__lines *it, const char *data, size_t len);

/* The next line (without its terminator) in *line and *len; false at the end. */
bool cvg__lines_next(cvg__lines *it, const char **line, size_t *len);

/* Strip ASCII white space (space, tab, CR, LF, VT, FF) at both ends. */
void cvg__trim(const char **s, size_t *len);

/* Write s[0..len) for a message: at most CVG__INV_QUOTE_MAX bytes, bytes
 * outside printable ASCII as \xNN, "..." when cut. out has outsize bytes
 * (CVG__INV_QUOTE_SIZE is enough). */
void cvg__quote(char *out, size_t outsize, const char *s, size_t len);

/* Format a message and pass it to `warn` (nothing when warn is NULL). */
void cvg__warnf(cvg_warn_fn warn, void *payload, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/*
 * A malformed entry: without CVG_INVENTORY_LENIENT, set the message and
 * return CVG_EPARSE; with it, pass the same message to the warn callback
 * and return 0 so the reader skips the entry.
 */
int cvg__inv_problem(cvg__inv_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* cvg__inv_problem() with "FILE:LINE: expected WHAT, found 'LINE'". */
int cvg__inv_bad_line(
        cvg__inv_ctx *ctx, size_t lineno, const char *what, const char *s, size_t len);

/*
 * The next entry line of a line-based list: trimmed, skipping blank lines
 * and lines whose first non-blank character is '#'. Lines longer than
 * CVG__INV_LINE_MAX are a problem (cvg__inv_problem). Returns 1 with a
 * line, 0 at the end, or a CVG_E* code.
 */
int cvg__inv_next_entry(cvg__inv_ctx *ctx, cvg__lines *it, const char **line, size_t *len);

/* Append a package; strings are copied (arch may be NULL). 0 or CVG_ENOMEM. */
int cvg__inv_add(cvg__inv_ctx *ctx, const char *name, size_t nlen, const char *version, size_t vlen,
        const char *arch, size_t alen, cvg_version_scheme scheme, size_t line);

/* Whether s[0..len) is an architecture name rpm or Yocto writes
 * ("x86_64", "noarch", "armv7hl", "cortexa9hf_neon", "core2_64", ...). */
bool cvg__inv_is_arch(const char *s, size_t len);

/* Whether every byte of s[0..len) is printable ASCII other than space. */
bool cvg__inv_is_token(const char *s, size_t len);

/* The last occurrence of c in s[0..len), or NULL. */
const char *cvg__memrchr(const char *s, int c, size_t len);

#endif
