/*
 * lib/inventory/buildroot.c - what a Buildroot build says it put on the
 * device, in the two shapes Buildroot writes:
 *
 * 1. `make legal-info`'s output/legal-info/manifest.csv (written by
 *    package/pkg-generic.mk's legal-manifest): CSV with the header
 *    "PACKAGE","VERSION","LICENSE","LICENSE FILES","SOURCE ARCHIVE",
 *    "SOURCE SITE" and, since Buildroot 2019.02, "DEPENDENCIES WITH
 *    LICENSES". Fields are RFC 4180-quoted (newer Buildroot quotes every
 *    field; older ones only those with commas), and the columns are found
 *    by header name, so their order does not matter. Every row must have
 *    the header's number of fields (lib/inventory/csv.c reads the quoting).
 *    A row with an empty name or version is a problem of that row.
 *    legal-info also writes host-manifest.csv, the same format for the
 *    build machine's tools: nothing in the file tells them apart, so it is
 *    the user's choice not to scan that one.
 * 2. `make show-info` (package/pkg-utils.mk, json-info): one JSON object
 *    keyed by package name, each value an object with "type" ("target",
 *    "host" or "rootfs"), "name", "virtual", "version", "cpe-id" (a CPE 2.3
 *    formatted string, when the package sets one) and much else that is
 *    ignored. Only what ends up on the device is read: "host" packages
 *    (build tools), "rootfs" entries (filesystem images) and virtual
 *    packages (toolchain, skeleton: placeholders for a provider listed on
 *    its own) are skipped, and so are packages with an empty version,
 *    which in Buildroot are the ones whose files live in Buildroot's own
 *    tree (skeleton-init-*, initscripts, ifupdown-scripts, urandom-scripts:
 *    no upstream, no NVD product) unless their cpe-id gives a version. All
 *    skips are counted in one warning. Any other type is read as a target
 *    package: missing a package on the device is worse than one too many.
 *    The cpe-id becomes the package's identity (cvg__inv_set_cpe), so
 *    Buildroot's own CPE_ID_VENDOR/PRODUCT facts are used as given.
 *    JSON is read with yajl's streaming parser (no tree: a big build's
 *    show-info is several MB), nesting limited to JSON_MAX_DEPTH; a
 *    package's line is the line of its key. Problems name FILE:LINE and
 *    the package; yajl's syntax errors name the byte offset.
 *
 * The encoding is chosen by the first byte that is not white space: '{'
 * (or '[', to say it is the wrong JSON) is JSON, anything else CSV.
 * Versions are kept as listed ("custom", "2.36-81-g4f4d7a1...", a commit
 * id, "v3.3-rc0") and read as upstream release numbers: the scan reduces
 * what it can and says what it cannot.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "cvegate/cpe.h"
#include "lib/inventory/csv.h"
#include "lib/inventory/inventory_internal.h"
#include "util/buf.h"
#include "util/error.h"

/* Buildroot's show-info nests 5 deep (package, downloads, a download, its
 * uris); 32 leaves room for additions and refuses pathological input. */
#define JSON_MAX_DEPTH 32

/* The sniffer looks this far into a file. */
#define SNIFF_BYTES 65536

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The first byte that is not white space (after a UTF-8 BOM), or NULL. */
static const char *first_byte(const char *data, size_t len)
{
	const char *p = data, *end = data + len;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (p < end && is_ws(*p))
		p++;
	return p < end ? p : NULL;
}

/* ---- legal-info manifest.csv ---- */

/* The header's columns: how many, and which hold PACKAGE and VERSION
 * (SIZE_MAX when absent), and whether the legal-info ones are there. */
typedef struct csv_header {
	size_t ncols, name, version;
	bool license_files, source_archive;
} csv_header;

static int read_header(csv_header *h, const char *s, size_t n)
{
	cvg__csv c;
	char word[32];
	size_t wlen;
	int rc;

	memset(h, 0, sizeof(*h));
	h->name = h->version = SIZE_MAX;
	cvg__csv_init(&c, s, n);
	while (!c.done) {
		if ((rc = cvg__csv_field(&c, word, sizeof(word), &wlen)) != CVG__CSV_OK)
			return rc;
		if (wlen > sizeof(word))
			wlen = sizeof(word); /* long names match nothing below */
		if (h->name == SIZE_MAX && cvg__csv_word_is(word, wlen, "package"))
			h->name = h->ncols;
		else if (h->version == SIZE_MAX && cvg__csv_word_is(word, wlen, "version"))
			h->version = h->ncols;
		else if (cvg__csv_word_is(word, wlen, "license files"))
			h->license_files = true;
		else if (cvg__csv_word_is(word, wlen, "source archive"))
			h->source_archive = true;
		h->ncols++;
	}
	return CVG__CSV_OK;
}

static int csv_row(
        cvg__inv_ctx *ctx, const csv_header *h, size_t lineno, const char *line, size_t n)
{
	char name[CVG__LINE_MAX], version[CVG__LINE_MAX];
	size_t nlen = 0, vlen = 0, col = 0, flen;
	cvg__csv c;
	int st = CVG__CSV_OK;

	cvg__csv_init(&c, line, n);
	while (!c.done && st == CVG__CSV_OK) {
		char *out = col == h->name ? name : col == h->version ? version : NULL;
		st = cvg__csv_field(&c, out, CVG__LINE_MAX, &flen);
		if (col == h->name)
			nlen = flen;
		else if (col == h->version)
			vlen = flen;
		col++;
	}
	if (st != CVG__CSV_OK)
		return cvg__inv_problem(ctx, "%s:%zu: %s", ctx->file, lineno, cvg__csv_error(st));
	if (col != h->ncols)
		return cvg__inv_problem(ctx,
		        "%s:%zu: expected %zu fields as in the CSV header, found %zu", ctx->file,
		        lineno, h->ncols, col);
	/* fields are at most a line long, so nlen and vlen fit their buffers */
	if (!cvg__inv_is_token(name, nlen))
		return cvg__inv_bad_line(ctx, lineno, "a PACKAGE name", name, nlen);
	if (!cvg__inv_is_token(version, vlen))
		return cvg__inv_bad_line(ctx, lineno, "a VERSION", version, vlen);
	return cvg__inv_add(ctx, name, nlen, version, vlen, NULL, 0, CVG_VERSION_UPSTREAM, lineno);
}

static int csv_parse(cvg__inv_ctx *ctx, const char *data, size_t len)
{
	char q[CVG__QUOTE_SIZE];
	cvg__lines it;
	const char *line;
	size_t n;
	csv_header h;
	int rc;

	cvg__lines_init(&it, data, len);
	if ((rc = cvg__inv_next_entry(ctx, &it, &line, &n)) <= 0)
		return rc; /* an empty file lists nothing */
	/* A header problem is fatal even when lenient: nothing can be read. */
	if ((rc = read_header(&h, line, n)) != CVG__CSV_OK)
		return cvg__error(CVG_EPARSE, "%s:%zu: CSV header: %s", ctx->file, it.lineno,
		        cvg__csv_error(rc));
	if (h.name == SIZE_MAX || h.version == SIZE_MAX) {
		cvg__quote(q, sizeof(q), line, n);
		return cvg__error(CVG_EPARSE,
		        "%s:%zu: expected a Buildroot manifest.csv header with PACKAGE and VERSION "
		        "columns, found '%s'",
		        ctx->file, it.lineno, q);
	}
	while ((rc = cvg__inv_next_entry(ctx, &it, &line, &n)) == 1)
		if ((rc = csv_row(ctx, &h, it.lineno, line, n)) < 0)
			return rc;
	return rc;
}

/* ---- show-info JSON ---- */

enum field { F_NONE, F_TYPE, F_NAME, F_VERSION, F_CPE, F_VIRTUAL };

static const char *const field_names[] = {"", "type", "name", "version", "cpe-id", "virtual"};

typedef struct json_parser {
	cvg__inv_ctx *ctx;
	yajl_handle h;
	size_t depth;
	int error; /* set when a callback stopped the parse */
	cvg__line_counter lines;
	/* the package being read (depth 2) */
	cvg_buf key, type, name, version, cpe;
	bool has[F_VIRTUAL + 1], is_virtual, bad;
	enum field field;
	size_t entry_line;
	/* what was skipped */
	size_t host, rootfs, virt, noversion;
} json_parser;

static size_t line_now(json_parser *p)
{
	return cvg__line_at(&p->lines, yajl_get_bytes_consumed(p->h));
}

/* A problem of the current package: 1 to go on (lenient), 0 to stop. */
static int entry_problem(json_parser *p, const char *what)
{
	char q[CVG__QUOTE_SIZE];

	cvg__quote(q, sizeof(q), p->key.ptr ? p->key.ptr : "", p->key.len);
	p->bad = true;
	p->error = cvg__inv_problem(
	        p->ctx, "%s:%zu: package '%s': expected %s", p->ctx->file, p->entry_line, q, what);
	return p->error < 0 ? 0 : 1;
}

/* A problem of the document as a whole: always fatal. */
static int doc_problem(json_parser *p, const char *what)
{
	p->error = cvg__error(CVG_EPARSE, "%s:%zu: expected %s", p->ctx->file, line_now(p), what);
	return 0;
}

static int put_string(json_parser *p, cvg_buf *b, const unsigned char *s, size_t len)
{
	int error;

	cvg__buf_clear(b);
	if ((error = cvg__buf_put(b, (const char *)s, len)) == 0)
		return 1;
	if (error == CVG_ENOMEM) {
		p->error = error;
		return 0;
	}
	return entry_problem(p, "a value of at most 4096 bytes");
}

/* A scalar value: where it may be, and whether it is what the field needs. */
static int scalar(json_parser *p, bool is_string, const unsigned char *s, size_t len)
{
	if (p->depth == 0)
		return doc_problem(p, "a JSON object keyed by package name (make show-info)");
	if (p->depth == 1)
		return entry_problem(p, "an object");
	if (p->depth > 2 || p->field == F_NONE || p->bad)
		return 1;
	p->has[p->field] = true;
	if (p->field == F_VIRTUAL)
		return entry_problem(p, "true or false for \"virtual\"");
	if (!is_string) {
		char what[64];
		snprintf(what, sizeof(what), "a string for \"%s\"", field_names[p->field]);
		return entry_problem(p, what);
	}
	switch (p->field) {
	case F_TYPE:
		return put_string(p, &p->type, s, len);
	case F_NAME:
		return put_string(p, &p->name, s, len);
	case F_VERSION:
		return put_string(p, &p->version, s, len);
	default:
		return put_string(p, &p->cpe, s, len);
	}
}

static int cb_null(void *ctx)
{
	json_parser *p = ctx;

	if (p->depth == 2 && p->field != F_NONE)
		return 1; /* as if absent */
	return scalar(p, false, NULL, 0);
}

static int cb_boolean(void *ctx, int value)
{
	json_parser *p = ctx;

	if (p->depth == 2 && p->field == F_VIRTUAL && !p->bad) {
		p->has[F_VIRTUAL] = true;
		p->is_virtual = value != 0;
		return 1;
	}
	return scalar(p, false, NULL, 0);
}

static int cb_number(void *ctx, const char *s, size_t len)
{
	(void)s;
	(void)len;
	return scalar(ctx, false, NULL, 0);
}

static int cb_string(void *ctx, const unsigned char *s, size_t len)
{
	return scalar(ctx, true, s, len);
}

static int cb_map_key(void *ctx, const unsigned char *s, size_t len)
{
	json_parser *p = ctx;

	if (p->depth == 1) {
		p->entry_line = line_now(p);
		p->bad = false;
		if (put_string(p, &p->key, s, len) == 0)
			return 0;
	} else if (p->depth == 2) {
		p->field = F_NONE;
		for (size_t i = 1; i < sizeof(field_names) / sizeof(field_names[0]); i++)
			if (strlen(field_names[i]) == len && memcmp(field_names[i], s, len) == 0)
				p->field = (enum field)i;
	}
	return 1;
}

static int cb_start_map(void *ctx)
{
	json_parser *p = ctx;

	if (++p->depth > JSON_MAX_DEPTH) {
		p->error = cvg__error(CVG_ELIMIT, "%s:%zu: nesting deeper than the limit of %d",
		        p->ctx->file, line_now(p), JSON_MAX_DEPTH);
		return 0;
	}
	if (p->depth == 3 && p->field != F_NONE && !p->bad)
		return entry_problem(p, "a string for \"type\", \"name\", \"version\" and "
		                        "\"cpe-id\", true or false for \"virtual\"");
	if (p->depth == 2) {
		cvg__buf_clear(&p->type);
		cvg__buf_clear(&p->name);
		cvg__buf_clear(&p->version);
		cvg__buf_clear(&p->cpe);
		memset(p->has, 0, sizeof(p->has));
		p->is_virtual = false;
		p->field = F_NONE;
	}
	return 1;
}

static int cb_start_array(void *ctx)
{
	json_parser *p = ctx;

	if (p->depth == 0)
		return doc_problem(p, "a JSON object keyed by package name (make show-info)");
	if (p->depth == 1) {
		p->depth++; /* skipped like any nested value */
		return entry_problem(p, "an object");
	}
	if (++p->depth > JSON_MAX_DEPTH) {
		p->error = cvg__error(CVG_ELIMIT, "%s:%zu: nesting deeper than the limit of %d",
		        p->ctx->file, line_now(p), JSON_MAX_DEPTH);
		return 0;
	}
	if (p->depth == 3 && p->field != F_NONE && !p->bad)
		return entry_problem(p, "a string for \"type\", \"name\", \"version\" and "
		                        "\"cpe-id\", true or false for \"virtual\"");
	return 1;
}

/* Whether a CPE 2.3 string gives a concrete version. */
static bool cpe_has_version(const char *fs)
{
	cvg_cpe_key key;

	return cvg_cpe_key_parse(&key, fs) == 0 && key.version[0] != '\0' &&
	       strcmp(key.version, "*") != 0 && strcmp(key.version, "-") != 0;
}

static bool buf_is(const cvg_buf *b, const char *s)
{
	return b->len == strlen(s) && memcmp(b->ptr, s, b->len) == 0;
}

/* The package object has ended: add it, skip it or say what is wrong. */
static int finish_entry(json_parser *p)
{
	const cvg_buf *name = p->has[F_NAME] && p->name.len ? &p->name : &p->key;
	bool cpe = p->has[F_CPE] && p->cpe.len > 0;
	int error;

	if (p->bad)
		return 1;
	if (!p->has[F_TYPE])
		return entry_problem(p, "a \"type\"");
	if (buf_is(&p->type, "host")) {
		p->host++;
		return 1;
	}
	if (buf_is(&p->type, "rootfs")) {
		p->rootfs++;
		return 1;
	}
	if (p->is_virtual) {
		p->virt++;
		return 1;
	}
	if (p->version.len == 0 && !(cpe && cpe_has_version(p->cpe.ptr))) {
		p->noversion++;
		return 1;
	}
	if (!cvg__inv_is_token(name->ptr, name->len))
		return entry_problem(p, "a package name without spaces or control characters");
	if (p->version.len && !cvg__inv_is_token(p->version.ptr, p->version.len))
		return entry_problem(p, "a \"version\" without spaces or control characters");
	if ((error = cvg__inv_add(p->ctx, name->ptr, name->len,
	             p->version.ptr ? p->version.ptr : "", p->version.len, NULL, 0,
	             CVG_VERSION_UPSTREAM, p->entry_line)) < 0 ||
	        (cpe && (error = cvg__inv_set_cpe(p->ctx, p->cpe.ptr, p->cpe.len, p->entry_line)) <
	                        0)) {
		p->error = error;
		return 0;
	}
	return 1;
}

static int cb_end_map(void *ctx)
{
	json_parser *p = ctx;
	int rc = 1;

	if (p->depth == 2)
		rc = finish_entry(p);
	p->depth--;
	return rc;
}

static int cb_end_array(void *ctx)
{
	json_parser *p = ctx;

	p->depth--;
	return 1;
}

static const yajl_callbacks callbacks = {
        cb_null,
        cb_boolean,
        NULL, /* integer */
        NULL, /* double */
        cb_number,
        cb_string,
        cb_start_map,
        cb_map_key,
        cb_end_map,
        cb_start_array,
        cb_end_array,
};

static int json_parse(cvg__inv_ctx *ctx, const char *data, size_t len)
{
	json_parser p;
	yajl_status st;
	size_t off;
	int error = 0;

	memset(&p, 0, sizeof(p));
	p.ctx = ctx;
	cvg__line_counter_init(&p.lines, data, len);
	p.key = p.type = p.name = p.version = p.cpe = (cvg_buf)CVG_BUF_INIT(CVG__LINE_MAX);
	if ((p.h = yajl_alloc(&callbacks, NULL, &p)) == NULL)
		return cvg__error_oom();
	st = yajl_parse(p.h, (const unsigned char *)data, len);
	off = yajl_get_bytes_consumed(p.h);
	if (st == yajl_status_ok) {
		st = yajl_complete_parse(p.h);
		off = len; /* the document ended too early */
	}
	if (st == yajl_status_client_canceled) {
		error = p.error;
	} else if (st != yajl_status_ok) {
		error = cvg__inv_json_error(ctx, p.h, data, off);
	} else if (p.host + p.rootfs + p.virt + p.noversion > 0) {
		cvg__warnf(ctx->warn, ctx->payload,
		        "%s: skipped %zu host, %zu rootfs, %zu virtual and %zu version-less "
		        "(Buildroot's own) packages: not on the device or nothing to match",
		        ctx->file, p.host, p.rootfs, p.virt, p.noversion);
	}
	yajl_free(p.h);
	cvg__buf_dispose(&p.key);
	cvg__buf_dispose(&p.type);
	cvg__buf_dispose(&p.name);
	cvg__buf_dispose(&p.version);
	cvg__buf_dispose(&p.cpe);
	return error;
}

/* ---- The format ---- */

static int buildroot_parse(cvg__inv_ctx *ctx, const char *data, size_t len)
{
	const char *first = first_byte(data, len);

	if (first != NULL && (*first == '{' || *first == '['))
		return json_parse(ctx, data, len);
	return csv_parse(ctx, data, len);
}

/* Whether `p` (at a '"type"' key) is followed by : "target"|"host"|"rootfs". */
static bool type_value_at(const char *p, const char *end)
{
	static const char *const types[] = {"\"target\"", "\"host\"", "\"rootfs\""};

	p += 6;
	while (p < end && is_ws(*p))
		p++;
	if (p == end || *p++ != ':')
		return false;
	while (p < end && is_ws(*p))
		p++;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		size_t n = strlen(types[i]);
		if ((size_t)(end - p) >= n && memcmp(p, types[i], n) == 0)
			return true;
	}
	return false;
}

/*
 * 90 for a legal-info header (PACKAGE, VERSION, LICENSE FILES and SOURCE
 * ARCHIVE columns), or for a JSON object whose first 64 KiB hold a "type"
 * of target, host or rootfs and a "dependencies" key (show-info writes
 * both for every package).
 */
static int buildroot_sniff(const char *data, size_t len)
{
	const char *first = first_byte(data, len), *end;
	cvg__lines it;
	const char *line;
	size_t n;

	if (first == NULL)
		return 0;
	if (*first == '{') {
		end = first + ((size_t)(data + len - first) < SNIFF_BYTES
		                              ? (size_t)(data + len - first)
		                              : SNIFF_BYTES);
		if (!cvg__memmem(first, (size_t)(end - first), "\"dependencies\""))
			return 0;
		for (const char *p = first; (size_t)(end - p) >= 6; p++)
			if (*p == '"' && memcmp(p, "\"type\"", 6) == 0 && type_value_at(p, end))
				return 90;
		return 0;
	}
	cvg__lines_init(&it, data, len);
	while (cvg__lines_next(&it, &line, &n)) {
		csv_header h;
		cvg__trim(&line, &n);
		if (n == 0 || line[0] == '#')
			continue;
		return n <= CVG__LINE_MAX && read_header(&h, line, n) == CVG__CSV_OK &&
		                       h.name != SIZE_MAX && h.version != SIZE_MAX &&
		                       h.license_files && h.source_archive
		               ? 90
		               : 0;
	}
	return 0;
}

const cvg__inv_format cvg__inv_buildroot = {
        .name = "buildroot",
        .summary = "Buildroot legal-info manifest.csv or make show-info JSON",
        .parse = buildroot_parse,
        .sniff = buildroot_sniff,
};
