/*
 * lib/inventory/inventory_internal.h - the format table and the helpers the
 * format readers share (library-internal).
 *
 * A format is one file under src/lib/inventory/ exporting one
 * cvg__inv_format, plus its line in the table in inventory.c (the names
 * in messages and usage texts come from the table). A reader gets
 * the whole file in memory (size-checked, no NUL bytes) and appends packages
 * to a cvg__inv_ctx; malformed entries go through cvg__inv_problem(), which
 * fails or, under CVG_INVENTORY_LENIENT, warns and lets the reader skip.
 */
#ifndef CVG_LIB_INVENTORY_INTERNAL_H
#define CVG_LIB_INVENTORY_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "cvegate/inventory.h"
#include "util/text.h"

/* The packages being collected, and where problems are reported. */
typedef struct cvg__inv_ctx {
	const char *file; /* the file being read: messages and cvg_package.file */
	unsigned flags;   /* CVG_INVENTORY_* */
	cvg_warn_fn warn;
	void *payload;
	cvg_package *packages;
	size_t npackages;
	size_t cap;
	bool distro; /* packages added are a distribution's builds (the format's default) */
} cvg__inv_ctx;

typedef struct cvg__inv_format {
	const char *name;
	const char *summary; /* what it reads, for messages: "rpm -qa output" */
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
	/* Its packages are a distribution's builds (dpkg, rpm, opkg): findings
	 * say the fix may be backported. */
	bool distro;
} cvg__inv_format;

extern const cvg__inv_format cvg__inv_yocto;
extern const cvg__inv_format cvg__inv_rpm;
extern const cvg__inv_format cvg__inv_dpkg;
extern const cvg__inv_format cvg__inv_swid;
extern const cvg__inv_format cvg__inv_manifest;
extern const cvg__inv_format cvg__inv_list;
extern const cvg__inv_format cvg__inv_spdx;
extern const cvg__inv_format cvg__inv_spdx_tv;
extern const cvg__inv_format cvg__inv_cyclonedx;
extern const cvg__inv_format cvg__inv_spdx3;
extern const cvg__inv_format cvg__inv_buildroot;
extern const cvg__inv_format cvg__inv_solist;
extern const cvg__inv_format cvg__inv_wmic;

/*
 * Parse an inventory held in memory, as cvg_inventory_load() does for a
 * file: `file` names it in messages and packages. Same errors as the load,
 * CVG_ELIMIT above CVG_INVENTORY_MAX_BYTES, CVG_EPARSE for NUL bytes.
 * The entry point of the fuzzers and the unit tests.
 */
int cvg__inventory_parse(cvg_inventory **out, const char *data, size_t len, const char *file,
        const char *format, unsigned flags, cvg_warn_fn warn, void *payload);

/* A format of the table by name, or NULL (inventory.c). */
const cvg__inv_format *cvg__inv_find_format(const char *name);

/* ---- SBOM archives and directories (archive.c) ---- */

/*
 * Whether data starts as a tar or zip archive or a gzip, zstd or xz
 * stream does (magic numbers; every one holds a byte no text file has).
 */
bool cvg__inv_is_archive(const char *data, size_t len);

/* Whether fmt's documents are read from archives and directories (the
 * JSON SBOM formats: spdx3, spdx, cyclonedx). */
bool cvg__inv_is_document_format(const cvg__inv_format *fmt);

/* Whether `dir` holds a file (not hidden) whose name ends in `suffix`. */
bool cvg__inv_dir_holds(const char *dir, const char *suffix);

/*
 * Parse the SBOM documents (*.json members) of the archive data[0..len)
 * into ctx, each with `fmt` or, when it is NULL, the document format it is
 * detected as; ctx->file names the archive, "ARCHIVE!MEMBER" each member
 * in messages and packages. *format is the documents' format name, or
 * "mixed". Errors: CVG_EPARSE (an unreadable archive, a member path that
 * is absolute or holds "..", no SBOM document), CVG_ELIMIT (member count,
 * decompressed size), and those of the readers.
 */
int cvg__inv_read_archive(cvg__inv_ctx *ctx, const char *data, size_t len,
        const cvg__inv_format *fmt, const char **format);

/* The same for the *.json files of a directory tree ("DIR/PATH" in
 * messages); also CVG_EIO. */
int cvg__inv_read_document_dir(
        cvg__inv_ctx *ctx, const char *dir, const cvg__inv_format *fmt, const char **format);

/* ---- Helpers the format readers share (inventory.c) ---- */

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
 * CVG__LINE_MAX are a problem (cvg__inv_problem). Returns 1 with a
 * line, 0 at the end, or a CVG_E* code.
 */
int cvg__inv_next_entry(cvg__inv_ctx *ctx, cvg__lines *it, const char **line, size_t *len);

/* Append a package; strings are copied (arch may be NULL). 0 or CVG_ENOMEM. */
int cvg__inv_add(cvg__inv_ctx *ctx, const char *name, size_t nlen, const char *version, size_t vlen,
        const char *arch, size_t alen, cvg_version_scheme scheme, size_t line);

/*
 * Record the source package (and its version, which may be NULL) of the
 * package added last, as dpkg's `Source: glibc (2.36-9)` gives it. The
 * scan groups and matches by source when one is given. 0 or CVG_ENOMEM.
 */
int cvg__inv_set_source(
        cvg__inv_ctx *ctx, const char *name, size_t nlen, const char *version, size_t vlen);

/*
 * Identity of the package added last, from a CPE (a 2.2 URI "cpe:/..." or a
 * 2.3 formatted string) that the entry at `line` gives. Several CPEs may
 * be given; each adds a product. The vendor and product must be concrete
 * values; the first concrete version becomes cpe_version. A malformed CPE
 * is a problem (cvg__inv_problem) naming FILE:LINE and what was wrong.
 * 0 or a CVG_E* code.
 */
int cvg__inv_set_cpe(cvg__inv_ctx *ctx, const char *cpe, size_t len, size_t line);

/*
 * Identity of the package added last from an NVD vendor and product named
 * plainly (a "vendor:product version" list line), as a CPE would give them.
 * Both must be non-empty printable ASCII without spaces, '*' or '?'.
 * A bad one is a problem naming FILE:LINE. 0 or a CVG_E* code.
 */
int cvg__inv_set_product(cvg__inv_ctx *ctx, const char *vendor, size_t vlen, const char *product,
        size_t plen, size_t line);

/*
 * Identity of the package added last from a purl (ignored when a CPE
 * already identifies it). The purl's name becomes the package's source
 * (so it goes through the mapping tables), its version the source
 * version, and its type sets the version scheme: deb -> dpkg, rpm -> rpm
 * (with the epoch qualifier), apk -> opkg-style, yocto/openembedded ->
 * upstream (the PV qualifier wins over a commit id), others upstream.
 * deb, rpm and apk purls naming a distribution mark the package as a
 * distribution build. A malformed purl is a problem naming FILE:LINE.
 * 0 or a CVG_E* code.
 */
int cvg__inv_set_purl(cvg__inv_ctx *ctx, const char *purl, size_t len, size_t line);

/*
 * For sniff functions: whether the first entry lines (up to 50; blank and
 * '#' lines skipped, each trimmed) all satisfy `fits`, and there is one.
 */
bool cvg__inv_sniff_lines(const char *data, size_t len, bool (*fits)(const char *line, size_t n));

/*
 * A JSON reader's yajl failure (not a canceled parse): sets and returns
 * CVG_EPARSE "FILE:LINE: malformed JSON at byte OFF: MESSAGE", with yajl's
 * one-line message. `h` is a yajl_handle; `off` is where yajl stopped in
 * data (its bytes consumed, or the length when the document ended early).
 */
int cvg__inv_json_error(cvg__inv_ctx *ctx, void *h, const char *data, size_t off);

/* libxml2's first error of a parse, kept rather than printed. */
typedef struct cvg__xml_error {
	bool set;
	int line;
	char message[512]; /* without libxml2's trailing newline */
} cvg__xml_error;

/*
 * For a reader's libxml2 structured-error handler: keep `err` (a
 * const xmlError *) in *e when it is the first error (warnings are
 * ignored).
 */
void cvg__inv_keep_xml_error(cvg__xml_error *e, const void *err);

/* Whether s[0..len) is an architecture name rpm or Yocto writes
 * ("x86_64", "noarch", "armv7hl", "cortexa9hf_neon", "core2_64", ...). */
bool cvg__inv_is_arch(const char *s, size_t len);

/* Whether every byte of s[0..len) is printable ASCII other than space. */
bool cvg__inv_is_token(const char *s, size_t len);

#endif
