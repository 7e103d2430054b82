/*
 * lib/inventory/wmic.c - the installed products Windows Installer knows,
 * as `wmic product get name,version` prints them, in two shapes:
 *
 * 1. `/format:csv`: a header "Node,Name,Version" (wmic puts Node first and
 *    the properties in alphabetical order, so "Node,Name,Vendor,Version"
 *    when Vendor is asked for), then one row a product. The columns are
 *    found by name (any case, any order; Node and Vendor are optional,
 *    Name and Version required) and the rows read as RFC 4180 CSV
 *    (lib/inventory/csv.c). wmic does not quote: a name holding a comma
 *    gives a row with too many fields, which is a problem naming the line.
 * 2. The default table: a header of property names ("Name  Version"), each
 *    column as wide as its longest value plus two spaces. A row's fields
 *    are cut at the header's column starts, counted in characters (UTF-8
 *    code points, as wmic pads in UTF-16 units), and trimmed.
 *
 * Blank lines are skipped (wmic starts its output with one, and ends
 * lines with "\r\r\n"). Redirected wmic output is UTF-16LE with a byte
 * order mark; inventory.c turns UTF-16 with a BOM into UTF-8 before any
 * reader sees it, so this reader only sees UTF-8.
 *
 * Names are kept as listed, spaces and all ("Mozilla Firefox (x64 en-US)"):
 * they are the product's display name, nothing like an NVD product, and
 * any rewriting would be a guess. Since map files split on white space, a
 * name with spaces gets a source name with each run of white space as '_'
 * ("Mozilla_Firefox_(x64_en-US)"): the scan groups, maps and reports the
 * package by it, and a user map line with that key names the NVD product
 * (docs/formats.md). The Vendor column, when there, is checked like the
 * name but not used: the publisher's display name is no NVD vendor either.
 * A row with an empty name or version (products installed without one)
 * is a problem of that row. Versions are read as upstream release numbers.
 */
#include <stdint.h>
#include <string.h>

#include "lib/inventory/csv.h"
#include "lib/inventory/inventory_internal.h"
#include "util/buf.h"
#include "util/error.h"

/* The most columns the table shape has (Win32_Product has 27 properties). */
#define MAX_COLUMNS 32

/* A display name: not empty, no control characters (UTF-8 is fine). */
static bool display_name(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] == 0x7f)
			return false;
	return true;
}

/* Add one product: name and version as listed, a map key as source. */
static int add_product(cvg__inv_ctx *ctx, size_t lineno, const char *name, size_t nlen,
        const char *version, size_t vlen)
{
	cvg_buf key = CVG_BUF_INIT(CVG__LINE_MAX);
	int error;

	if (!display_name(name, nlen))
		return cvg__inv_bad_line(ctx, lineno, "a product Name", name, nlen);
	if (!cvg__inv_is_token(version, vlen))
		return cvg__inv_bad_line(ctx, lineno, "a Version without spaces", version, vlen);
	if ((error = cvg__inv_add(
	             ctx, name, nlen, version, vlen, NULL, 0, CVG_VERSION_UPSTREAM, lineno)) < 0)
		return error;
	if (memchr(name, ' ', nlen) == NULL && memchr(name, '\t', nlen) == NULL)
		return 0;
	for (size_t i = 0; i < nlen && error == 0; i++) {
		bool ws = name[i] == ' ' || name[i] == '\t';
		if (!ws)
			error = cvg__buf_putc(&key, name[i]);
		else if (i == 0 || (name[i - 1] != ' ' && name[i - 1] != '\t'))
			error = cvg__buf_putc(&key, '_');
	}
	if (error == 0)
		error = cvg__inv_set_source(ctx, key.ptr, key.len, NULL, 0);
	cvg__buf_dispose(&key);
	return error;
}

/* ---- /format:csv ---- */

typedef struct csv_header {
	size_t ncols, node, name, vendor, version;
} csv_header;

static int read_header(csv_header *h, const char *s, size_t n)
{
	cvg__csv c;
	char word[16];
	size_t wlen;
	int rc;

	h->ncols = 0;
	h->node = h->name = h->vendor = h->version = SIZE_MAX;
	cvg__csv_init(&c, s, n);
	while (!c.done) {
		if ((rc = cvg__csv_field(&c, word, sizeof(word), &wlen)) != CVG__CSV_OK)
			return rc;
		if (wlen > sizeof(word))
			wlen = sizeof(word);
		if (h->node == SIZE_MAX && cvg__csv_word_is(word, wlen, "node"))
			h->node = h->ncols;
		else if (h->name == SIZE_MAX && cvg__csv_word_is(word, wlen, "name"))
			h->name = h->ncols;
		else if (h->vendor == SIZE_MAX && cvg__csv_word_is(word, wlen, "vendor"))
			h->vendor = h->ncols;
		else if (h->version == SIZE_MAX && cvg__csv_word_is(word, wlen, "version"))
			h->version = h->ncols;
		h->ncols++;
	}
	return CVG__CSV_OK;
}

static int csv_parse(cvg__inv_ctx *ctx, cvg__lines *it, const char *line, size_t n)
{
	char name[CVG__LINE_MAX], version[CVG__LINE_MAX], vendor[CVG__LINE_MAX];
	char q[CVG__QUOTE_SIZE];
	csv_header h;
	int rc;

	if ((rc = read_header(&h, line, n)) != CVG__CSV_OK)
		return cvg__error(CVG_EPARSE, "%s:%zu: CSV header: %s", ctx->file, it->lineno,
		        cvg__csv_error(rc));
	if (h.name == SIZE_MAX || h.version == SIZE_MAX) {
		cvg__quote(q, sizeof(q), line, n);
		return cvg__error(CVG_EPARSE,
		        "%s:%zu: expected a wmic header with Name and Version columns "
		        "(wmic product get name,version /format:csv), found '%s'",
		        ctx->file, it->lineno, q);
	}
	while ((rc = cvg__inv_next_entry(ctx, it, &line, &n)) == 1) {
		size_t nlen = 0, vlen = 0, venlen = 0, col = 0, flen;
		cvg__csv c;
		int st = CVG__CSV_OK;

		cvg__csv_init(&c, line, n);
		while (!c.done && st == CVG__CSV_OK) {
			char *out = col == h.name      ? name
			            : col == h.version ? version
			            : col == h.vendor  ? vendor
			                               : NULL;
			st = cvg__csv_field(&c, out, CVG__LINE_MAX, &flen);
			if (col == h.name)
				nlen = flen;
			else if (col == h.version)
				vlen = flen;
			else if (col == h.vendor)
				venlen = flen;
			col++;
		}
		if (st != CVG__CSV_OK)
			rc = cvg__inv_problem(
			        ctx, "%s:%zu: %s", ctx->file, it->lineno, cvg__csv_error(st));
		else if (col != h.ncols)
			rc = cvg__inv_problem(ctx,
			        "%s:%zu: expected %zu fields as in the CSV header, found %zu (wmic "
			        "does not quote a name holding a comma)",
			        ctx->file, it->lineno, h.ncols, col);
		else if (h.vendor != SIZE_MAX && venlen > 0 && !display_name(vendor, venlen))
			rc = cvg__inv_bad_line(ctx, it->lineno, "a Vendor", vendor, venlen);
		else
			rc = add_product(ctx, it->lineno, name, nlen, version, vlen);
		if (rc < 0)
			return rc;
	}
	return rc;
}

/* ---- The default table ---- */

typedef struct table_header {
	size_t ncols, start[MAX_COLUMNS]; /* column starts in code points */
	size_t name, vendor, version;
} table_header;

static bool is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* A header line: words of letters (property names) separated by spaces,
 * Name and Version among them. The line is ASCII, so bytes are characters. */
static bool read_table_header(table_header *h, const char *s, size_t n)
{
	size_t i = 0;

	h->ncols = 0;
	h->name = h->vendor = h->version = SIZE_MAX;
	while (i < n) {
		size_t start;
		if (s[i] == ' ') {
			i++;
			continue;
		}
		if (!is_alpha(s[i]) || h->ncols == MAX_COLUMNS)
			return false;
		start = i;
		while (i < n && is_alpha(s[i]))
			i++;
		if (i < n && s[i] != ' ')
			return false;
		if (cvg__csv_word_is(s + start, i - start, "name"))
			h->name = h->ncols;
		else if (cvg__csv_word_is(s + start, i - start, "vendor"))
			h->vendor = h->ncols;
		else if (cvg__csv_word_is(s + start, i - start, "version"))
			h->version = h->ncols;
		h->start[h->ncols++] = start;
	}
	return h->name != SIZE_MAX && h->version != SIZE_MAX;
}

/* The byte offset of code point `cp` in s[0..n) (n when the line is shorter). */
static size_t byte_at(const char *s, size_t n, size_t cp)
{
	size_t i = 0, seen = 0;

	for (; i < n; i++) {
		if (((unsigned char)s[i] & 0xC0) == 0x80)
			continue; /* a continuation byte */
		if (seen++ == cp)
			return i;
	}
	return n;
}

/* Column `col` of a row, trimmed. */
static void cell(
        const table_header *h, size_t col, const char *s, size_t n, const char **out, size_t *olen)
{
	size_t from = byte_at(s, n, h->start[col]);
	size_t to = col + 1 < h->ncols ? byte_at(s, n, h->start[col + 1]) : n;

	*out = s + from;
	*olen = to - from;
	cvg__trim(out, olen);
}

/* The next line that is not blank, with trailing white space dropped
 * (leading spaces are kept: they are part of the first column). */
static int next_row(cvg__inv_ctx *ctx, cvg__lines *it, const char **line, size_t *len)
{
	const char *s;
	size_t n;
	int error;

	while (cvg__lines_next(it, &s, &n)) {
		const char *t = s;
		size_t tn = n;
		if (n > CVG__LINE_MAX) {
			if ((error = cvg__inv_problem(ctx, "%s:%zu: line longer than %d bytes",
			             ctx->file, it->lineno, CVG__LINE_MAX)) < 0)
				return error;
			continue;
		}
		cvg__trim(&t, &tn);
		if (tn == 0)
			continue;
		*line = s;
		*len = (size_t)(t + tn - s);
		return 1;
	}
	return 0;
}

static int table_parse(cvg__inv_ctx *ctx, cvg__lines *it, const table_header *h)
{
	const char *line;
	size_t n;
	int rc;

	while ((rc = next_row(ctx, it, &line, &n)) == 1) {
		const char *name, *version, *vendor;
		size_t nlen, vlen, venlen;

		cell(h, h->name, line, n, &name, &nlen);
		cell(h, h->version, line, n, &version, &vlen);
		if (h->vendor != SIZE_MAX) {
			cell(h, h->vendor, line, n, &vendor, &venlen);
			if (venlen > 0 && !display_name(vendor, venlen)) {
				if ((rc = cvg__inv_bad_line(
				             ctx, it->lineno, "a Vendor", vendor, venlen)) < 0)
					return rc;
				continue;
			}
		}
		if ((rc = add_product(ctx, it->lineno, name, nlen, version, vlen)) < 0)
			return rc;
	}
	return rc;
}

/* ---- The format ---- */

static int wmic_parse(cvg__inv_ctx *ctx, const char *data, size_t len)
{
	table_header th;
	cvg__lines it;
	const char *line;
	size_t n;
	int rc;

	cvg__lines_init(&it, data, len);
	if ((rc = cvg__inv_next_entry(ctx, &it, &line, &n)) <= 0)
		return rc; /* nothing listed */
	if (memchr(line, ',', n) != NULL)
		return csv_parse(ctx, &it, line, n);
	if (!read_table_header(&th, line, n)) {
		char q[CVG__QUOTE_SIZE];
		cvg__quote(q, sizeof(q), line, n);
		return cvg__error(CVG_EPARSE,
		        "%s:%zu: expected a wmic header naming Name and Version columns "
		        "('Node,Name,Version' or 'Name  Version'), found '%s'",
		        ctx->file, it.lineno, q);
	}
	return table_parse(ctx, &it, &th);
}

/*
 * 90 for a CSV header with Node, Name and Version columns (what
 * /format:csv writes; the plain list's CSV needs no Node); 50 for a table
 * header of property names with Name and Version followed by a row.
 */
static int wmic_sniff(const char *data, size_t len)
{
	cvg__lines it;
	const char *line;
	size_t n;
	bool header = false;

	cvg__lines_init(&it, data, len);
	while (cvg__lines_next(&it, &line, &n)) {
		cvg__trim(&line, &n);
		if (n == 0)
			continue;
		if (n > CVG__LINE_MAX)
			return 0;
		if (header)
			return 50;
		if (memchr(line, ',', n) != NULL) {
			csv_header h;
			return read_header(&h, line, n) == CVG__CSV_OK && h.node != SIZE_MAX &&
			                       h.name != SIZE_MAX && h.version != SIZE_MAX
			               ? 90
			               : 0;
		} else {
			table_header th;
			if (!read_table_header(&th, line, n))
				return 0;
			header = true;
		}
	}
	return 0;
}

const cvg__inv_format cvg__inv_wmic = {
        .name = "wmic",
        .summary = "Windows wmic product get output",
        .parse = wmic_parse,
        .sniff = wmic_sniff,
};
