/*
 * lib/inventory/swid.c - ISO/IEC 19770-2 software identification (SWID) tags.
 *
 * Two shapes of tag are read, whatever namespace they declare (seen in
 * practice: .../19770/-2/2015/schema.xsd, the 2014 draft's
 * .../-2/2014/schema.xsd and .../-2/2014-DRAFT/schema.xsd, and the 2009
 * edition's .../-2/2009/schema.xsd or 2008):
 *
 *   2014/2015: <SoftwareIdentity name="accountsservice" version="0.6.15-2ubuntu9" ...>
 *              the name and version attributes; a supplemental="true" tag only
 *              adds to another tag, so it gives no package.
 *   2009:      <software_identification_tag> with <product_title>NAME</product_title>
 *              and <product_version><name>VERSION</name>...</product_version>.
 *
 * A file may hold one tag, or several XML documents one after another
 * (strongSwan's swidGenerator prints them so). The documents are found by
 * a small scanner that knows only XML's lexical boundaries (tags with quoted
 * attribute values, comments, processing instructions, CDATA) and counts
 * element depth: a document ends where its root element closes, or where
 * another <?xml declaration begins. Each piece is then parsed on its own by
 * libxml2; nothing is read out of the XML by string matching.
 *
 * The parser runs with network access off (XML_PARSE_NONET), without DTD
 * loading or entity substitution, and any DOCTYPE is refused before
 * parsing ("DOCTYPE not allowed"): SWID tags have none, and refusing them
 * closes the door on entity expansion attacks. libxml2's own messages never
 * reach stderr: a structured error handler in the SAX handler keeps the
 * first error, reported as FILE:LINE: message, LINE counted in the file,
 * and the thread's generic handler (which encoding errors use) is silenced
 * while parsing. UTF-16 tags hold NUL bytes and are refused with every
 * other binary input (inventory.c); declared 8-bit encodings are converted.
 * A directory of .swidtag files is read in name order (inventory.c).
 *
 * A package's line is the line where its document starts. Its version
 * scheme: tags made from dpkg databases carry dpkg versions
 * ("1:2.27.1-6ubuntu3.3", "1.0.25+dfsg-0ubuntu1.1"), so a version with '-'
 * or ':' is read as dpkg; any other as an upstream version.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "lib/inventory/inventory_internal.h"
#include "util/buf.h"
#include "util/error.h"

/* ---- Splitting a file into XML documents ---- */

typedef struct piece {
	const char *start;
	size_t len;
	size_t line;         /* line of start in the file */
	size_t doctype_line; /* line of a <!DOCTYPE, or 0 */
	bool unclosed;       /* it ended before its root element closed */
} piece;

typedef struct splitter {
	const char *p, *end;
	const char *counted; /* newlines counted up to here */
	size_t line;         /* line number at `counted` */
} splitter;

static size_t line_at(splitter *sp, const char *at)
{
	for (; sp->counted < at; sp->counted++)
		sp->line += *sp->counted == '\n';
	return sp->line;
}

static bool starts(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);

	return (size_t)(end - p) >= n && memcmp(p, s, n) == 0;
}

/* The position after the first `s` at or after p, or end. */
static const char *skip_past(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);

	for (; (size_t)(end - p) >= n; p++)
		if (memcmp(p, s, n) == 0)
			return p + n;
	return end;
}

/* The position after the '>' closing a tag at p, skipping quoted values;
 * with `subset`, also skipping a DOCTYPE's [ internal subset ]. */
static const char *skip_tag(const char *p, const char *end, bool subset)
{
	int brackets = 0;

	for (p++; p < end; p++) {
		if (*p == '"' || *p == '\'') {
			const char *q = memchr(p + 1, *p, (size_t)(end - p - 1));
			if (q == NULL)
				return end;
			p = q;
		} else if (subset && *p == '[') {
			brackets++;
		} else if (subset && *p == ']' && brackets > 0) {
			brackets--;
		} else if (*p == '>' && brackets == 0) {
			return p + 1;
		}
	}
	return end;
}

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The next document in *out; false when only white space is left. */
static bool next_piece(splitter *sp, piece *out)
{
	const char *p = sp->p, *end = sp->end;
	int depth = 0;

	while (p < end && is_ws(*p))
		p++;
	if (p == end)
		return false;
	memset(out, 0, sizeof(*out));
	out->start = p;
	out->line = line_at(sp, p);
	while (p < end) {
		if (*p != '<') {
			const char *lt = memchr(p, '<', (size_t)(end - p));
			p = lt ? lt : end;
			continue;
		}
		if (starts(p, end, "<?xml") && p != out->start &&
		        (p + 5 == end || is_ws(p[5]) || p[5] == '?')) {
			break; /* another document begins */
		} else if (starts(p, end, "<?")) {
			p = skip_past(p + 2, end, "?>");
		} else if (starts(p, end, "<!--")) {
			p = skip_past(p + 4, end, "-->");
		} else if (starts(p, end, "<![CDATA[")) {
			p = skip_past(p + 9, end, "]]>");
		} else if (starts(p, end, "<!DOCTYPE")) {
			if (out->doctype_line == 0)
				out->doctype_line = line_at(sp, p);
			p = skip_tag(p, end, true);
		} else if (starts(p, end, "<!")) {
			p = skip_tag(p, end, false);
		} else if (starts(p, end, "</")) {
			p = skip_tag(p, end, false);
			if (--depth <= 0)
				break;
		} else {
			const char *q = skip_tag(p, end, false);
			bool empty = q - p >= 2 && q[-1] == '>' && q[-2] == '/';
			p = q;
			if (!empty)
				depth++;
			else if (depth == 0)
				break;
		}
	}
	out->len = (size_t)(p - out->start);
	out->unclosed = depth > 0;
	sp->p = p;
	return true;
}

/* ---- Parsing one document ---- */

/*
 * Each document goes through libxml2's SAX2 interface rather than into a
 * tree: the whole document is still parsed and checked for well-formedness,
 * but only the few values a package needs are kept, which makes the large
 * file-payload tags several times cheaper to read.
 */

/* Longest name or version kept from an element's text (2009 tags). */
#define TEXT_MAX 4096

enum root_kind { ROOT_NONE, ROOT_SWID, ROOT_2009, ROOT_OTHER };
enum capture { CAPTURE_NONE, CAPTURE_TITLE, CAPTURE_VERSION };

typedef struct tag_state {
	/* the first error libxml2 reported */
	cvg__xml_error err;
	bool doctype;
	int depth;
	enum root_kind kind;
	char root_name[81];
	bool supplemental;
	bool has_name, has_version;
	cvg_buf name, version;
	/* 2009 tags: which element's text is being collected, and where */
	enum capture capture;
	int capture_depth;
	bool in_product_version;
	int product_version_depth;
} tag_state;

/* Keep libxml2's first error instead of printing it. */
static void on_xml_error(void *data, xmlErrorPtr e)
{
	tag_state *st = data;

	if (st != NULL)
		cvg__inv_keep_xml_error(&st->err, e);
}

static void on_internal_subset(
        void *data, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id)
{
	tag_state *st = data;

	(void)name;
	(void)external_id;
	(void)system_id;
	st->doctype = true;
}

static bool is_name(const xmlChar *s, const char *name)
{
	return strcmp((const char *)s, name) == 0;
}

/* Note a value that does not fit its buffer as the document's error. */
static void too_long(tag_state *st, const char *what)
{
	if (st->err.set)
		return;
	st->err.set = true;
	snprintf(st->err.message, sizeof(st->err.message), "%s longer than %d bytes", what,
	        TEXT_MAX);
}

/*
 * Copy an attribute value (SAX2 gives it as [start, end)) into b. Without
 * entity substitution libxml2 hands an '&' (from &amp; or &#38;) over as
 * "&#38;", for a tree builder to decode later; a bare '&' cannot occur in a
 * well-formed value, so every "&#38;" here stands for one '&'.
 */
static void take_value(tag_state *st, cvg_buf *b, const xmlChar *start, const xmlChar *end)
{
	const char *p = (const char *)start, *e = (const char *)end;

	cvg__buf_clear(b);
	while (p < e) {
		const char *amp = memchr(p, '&', (size_t)(e - p));
		size_t n = amp ? (size_t)(amp - p) : (size_t)(e - p);
		if (cvg__buf_put(b, p, n) < 0)
			goto toolong;
		if (amp == NULL)
			break;
		if (cvg__buf_putc(b, '&') < 0)
			goto toolong;
		p = (e - amp >= 5 && memcmp(amp, "&#38;", 5) == 0) ? amp + 5 : amp + 1;
	}
	return;
toolong:
	too_long(st, "attribute value");
}

static void on_start(void *data, const xmlChar *localname, const xmlChar *prefix,
        const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
        int nb_defaulted, const xmlChar **attributes)
{
	tag_state *st = data;
	int depth = st->depth++;

	(void)prefix;
	(void)uri;
	(void)nb_namespaces;
	(void)namespaces;
	(void)nb_defaulted;
	if (depth == 0) {
		size_t n = strlen((const char *)localname);
		if (n >= sizeof(st->root_name))
			n = sizeof(st->root_name) - 1;
		memcpy(st->root_name, localname, n);
		st->root_name[n] = '\0';
		if (is_name(localname, "SoftwareIdentity")) {
			st->kind = ROOT_SWID;
			/* five pointers an attribute: localname, prefix, URI, value, end */
			for (int i = 0; i < nb_attributes; i++) {
				const xmlChar **a = attributes + 5 * i;
				if (a[1] != NULL)
					continue; /* a namespaced attribute is another one */
				if (is_name(a[0], "name")) {
					st->has_name = true;
					take_value(st, &st->name, a[3], a[4]);
				} else if (is_name(a[0], "version")) {
					st->has_version = true;
					take_value(st, &st->version, a[3], a[4]);
				} else if (is_name(a[0], "supplemental")) {
					st->supplemental =
					        a[4] - a[3] == 4 && memcmp(a[3], "true", 4) == 0;
				}
			}
		} else if (is_name(localname, "software_identification_tag")) {
			st->kind = ROOT_2009;
		} else {
			st->kind = ROOT_OTHER;
		}
		return;
	}
	if (st->kind != ROOT_2009 || st->capture != CAPTURE_NONE)
		return;
	if (depth == 1 && is_name(localname, "product_title") && !st->has_name) {
		st->capture = CAPTURE_TITLE;
		st->capture_depth = depth;
		st->has_name = true;
	} else if (depth == 1 && is_name(localname, "product_version") && !st->has_version) {
		st->in_product_version = true;
		st->product_version_depth = depth;
	} else if (st->in_product_version && depth == st->product_version_depth + 1 &&
	           is_name(localname, "name")) {
		st->capture = CAPTURE_VERSION;
		st->capture_depth = depth;
		st->has_version = true;
	}
}

static void on_end(void *data, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	tag_state *st = data;

	(void)localname;
	(void)prefix;
	(void)uri;
	st->depth--;
	if (st->capture != CAPTURE_NONE && st->depth == st->capture_depth)
		st->capture = CAPTURE_NONE;
	if (st->in_product_version && st->depth == st->product_version_depth)
		st->in_product_version = false;
}

static void on_text(void *data, const xmlChar *ch, int len)
{
	tag_state *st = data;
	cvg_buf *b = st->capture == CAPTURE_TITLE     ? &st->name
	             : st->capture == CAPTURE_VERSION ? &st->version
	                                              : NULL;

	if (b && len > 0 && cvg__buf_put(b, (const char *)ch, (size_t)len) < 0)
		too_long(st, "element text");
}

static cvg_version_scheme scheme_of(const char *v, size_t n)
{
	return memchr(v, '-', n) || memchr(v, ':', n) ? CVG_VERSION_DPKG : CVG_VERSION_UPSTREAM;
}

/* Add the package a parsed tag describes. */
static int add_tag(cvg__inv_ctx *ctx, tag_state *st, size_t line)
{
	const char *what = NULL, *n = st->name.ptr ? st->name.ptr : "",
	           *v = st->version.ptr ? st->version.ptr : "";
	size_t nlen = st->name.len, vlen = st->version.len;

	if (st->kind == ROOT_OTHER || st->kind == ROOT_NONE)
		return cvg__inv_problem(ctx,
		        "%s:%zu: expected a SWID tag (<SoftwareIdentity> or "
		        "<software_identification_tag>), found <%s>",
		        ctx->file, line, st->root_name);
	if (st->kind == ROOT_SWID && st->supplemental)
		return 0;
	cvg__trim(&n, &nlen);
	cvg__trim(&v, &vlen);
	if (st->kind == ROOT_SWID && !st->has_name)
		what = "a name attribute on <SoftwareIdentity>";
	else if (st->kind == ROOT_SWID && !st->has_version)
		what = "a version attribute on <SoftwareIdentity>";
	else if (!st->has_name)
		what = "<product_title> in <software_identification_tag>";
	else if (!st->has_version)
		what = "<product_version><name> in <software_identification_tag>";
	else if (nlen == 0)
		what = "a non-empty software name";
	else if (vlen == 0)
		what = "a non-empty version";
	if (what)
		return cvg__inv_problem(ctx, "%s:%zu: expected %s", ctx->file, line, what);
	return cvg__inv_add(ctx, n, nlen, v, vlen, NULL, 0, scheme_of(v, vlen), line);
}

static int parse_piece(cvg__inv_ctx *ctx, const piece *pc)
{
	xmlSAXHandler sax;
	xmlParserCtxtPtr pctx = NULL;
	tag_state st;
	int error = 0;

	memset(&st, 0, sizeof(st));
	st.name.max = TEXT_MAX;
	st.version.max = TEXT_MAX;
	if (pc->doctype_line) {
		error = cvg__inv_problem(ctx, "%s:%zu: DOCTYPE not allowed in SWID tags", ctx->file,
		        pc->doctype_line);
		goto done;
	}
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.characters = on_text;
	sax.cdataBlock = on_text;
	sax.internalSubset = on_internal_subset;
	sax.serror = on_xml_error;
	if ((pctx = xmlCreatePushParserCtxt(&sax, &st, NULL, 0, NULL)) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	/* no network, no DTD loading, no entity substitution, no stderr */
	xmlCtxtUseOptions(pctx, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlParseChunk(pctx, pc->start, (int)pc->len, 1);
	if (st.doctype) {
		error = cvg__inv_problem(
		        ctx, "%s:%zu: DOCTYPE not allowed in SWID tags", ctx->file, pc->line);
		goto done;
	}
	if (!pctx->wellFormed || st.err.set) {
		size_t line = pc->line + (st.err.line > 0 ? (size_t)st.err.line - 1 : 0);
		char note[96] = "";
		if (pc->unclosed)
			snprintf(note, sizeof(note),
			        " (the document starting at line %zu ends before its root element "
			        "is closed)",
			        pc->line);
		error = cvg__inv_problem(ctx, "%s:%zu: %s%s", ctx->file, line,
		        st.err.set ? st.err.message : "malformed XML", note);
		goto done;
	}
	error = add_tag(ctx, &st, pc->line);
done:
	xmlFreeParserCtxt(pctx);
	cvg__buf_dispose(&st.name);
	cvg__buf_dispose(&st.version);
	return error;
}

/* A generic error handler that drops the message. */
static void silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static int swid_parse(cvg__inv_ctx *ctx, const char *data, size_t len)
{
	splitter sp = {data, data + len, data, 1};
	xmlGenericErrorFunc saved_fn;
	void *saved_ctx;
	piece pc;
	int error;

	/* a UTF-8 byte order mark before the first document */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		sp.p += 3;
	xmlInitParser();
	/* Some libxml2 errors (encoding conversion) bypass the parser context
	 * and go to the generic handler, which prints; silence it meanwhile.
	 * The handler is per thread in libxml2, so this is thread-safe. */
	saved_ctx = xmlGenericErrorContext;
	saved_fn = xmlGenericError;
	xmlSetGenericErrorFunc(NULL, silent);
	error = 0;
	while (error == 0 && next_piece(&sp, &pc))
		error = parse_piece(ctx, &pc);
	xmlSetGenericErrorFunc(saved_ctx, saved_fn);
	return error;
}

/* XML naming a SWID root in its first 64 KiB: certain. Other XML: still
 * ours, so that the message says which root element was found. */
static int swid_sniff(const char *data, size_t len)
{
	size_t i = 0, window = len < 65536 ? len : 65536;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && is_ws(data[i]))
		i++;
	if (i == len || data[i] != '<')
		return 0;
	if (cvg__memmem(data, window, "SoftwareIdentity") ||
	        cvg__memmem(data, window, "software_identification_tag"))
		return 100;
	return 20;
}

const cvg__inv_format cvg__inv_swid = {
        .name = "swid",
        .summary = "ISO/IEC 19770-2 SWID tags",
        .parse = swid_parse,
        .sniff = swid_sniff,
        .reads_directories = true,
        .dir_suffix = ".swidtag",
};
