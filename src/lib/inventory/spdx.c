/*
 * lib/inventory/spdx.c - SPDX 2.2 and 2.3 documents in JSON (format
 * "spdx"), as trivy, syft, cve-bin-tool, the SPDX tools and Yocto's
 * create-spdx class (kirkstone to scarthgap, "SPDX-2.2") write them.
 *
 * Only the top-level "spdxVersion" (it must say SPDX-2.x; trivy writes it
 * last, so it is checked at the end) and the "packages" array are read;
 * of each package its "name", "versionInfo", "SPDXID" and the
 * "externalRefs" objects' "referenceType" and "referenceLocator". The
 * rules turning an entry into a package are shared with the tag-value
 * reader (spdx_common.c); docs/formats.md says what they are.
 *
 * The document goes through yajl's streaming parser in one call, with
 * callbacks that keep only one package at a time, so memory stays at one
 * entry plus the packages found. Keys may come in any order, so a package
 * is decided when its object closes. Positions: yajl says how many bytes
 * it consumed when a callback runs; newlines are counted up to there
 * (always forward), so a package's line is the line of its '{' and a
 * problem names the line of the value at fault. Objects and arrays nested
 * deeper than MAX_DEPTH are refused (CVG_ELIMIT); kept strings are bounded
 * by CVG__SPDX_VALUE_MAX.
 *
 * SPDX YAML, SPDX XML and RDF/XML documents are recognised (sniff) so that
 * "auto" and "spdx" say plainly that they are not supported and how to
 * convert them, instead of "cannot tell the format". The XML test looks at
 * the root element only (rdf:RDF naming the SPDX terms namespace, or an
 * SPDX <Document> with <spdxVersion>), so CycloneDX <bom> and SWID tags
 * never match it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "lib/inventory/spdx_common.h"
#include "util/error.h"
#include "util/text.h"

/* JSON nesting deeper than this is refused; SPDX documents need 5 levels. */
#define MAX_DEPTH 64

/* How far the sniffers look for YAML keys and XML roots (64 KiB). */
#define SNIFF_WINDOW 65536

/* ---- Recognising other SPDX serialisations ---- */

enum other_kind { OTHER_NONE, OTHER_YAML, OTHER_XML, OTHER_RDF };

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The first byte after a UTF-8 BOM and white space. */
static size_t skip_start(const char *data, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && is_ws(data[i]))
		i++;
	return i;
}

static const char *find(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);

	for (; (size_t)(end - p) >= n; p++)
		if (*p == s[0] && memcmp(p, s, n) == 0)
			return p;
	return NULL;
}

/* Whether a line (at col 0) says spdxVersion: SPDX-2 the YAML way. */
static bool yaml_version_line(const char *line, size_t n)
{
	static const char *const keys[] = {"spdxVersion:", "\"spdxVersion\":", "'spdxVersion':"};

	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		size_t kl = strlen(keys[k]);
		if (n > kl && memcmp(line, keys[k], kl) == 0) {
			const char *v = line + kl;
			size_t vn = n - kl;
			cvg__trim(&v, &vn);
			if (vn > 0 && (v[0] == '"' || v[0] == '\''))
				v++, vn--;
			return vn >= 5 && memcmp(v, "SPDX-", 5) == 0;
		}
	}
	return false;
}

/* The root element's name of an XML document (after the prolog), or "". */
static void xml_root(const char *p, const char *end, char *name, size_t size)
{
	size_t n = 0;

	name[0] = '\0';
	while (p < end) {
		const char *q;
		while (p < end && is_ws(*p))
			p++;
		if (p == end || *p != '<')
			return;
		if ((size_t)(end - p) >= 4 && memcmp(p, "<!--", 4) == 0) {
			if ((q = find(p + 4, end, "-->")) == NULL)
				return;
			p = q + 3;
		} else if ((size_t)(end - p) >= 2 && (p[1] == '?' || p[1] == '!')) {
			if ((q = memchr(p, '>', (size_t)(end - p))) == NULL)
				return;
			p = q + 1;
		} else {
			break;
		}
	}
	if (p >= end)
		return;
	for (p++; p < end && n + 1 < size && !is_ws(*p) && *p != '>' && *p != '/'; p++)
		name[n++] = *p;
	name[n] = '\0';
}

static enum other_kind other_kind(const char *data, size_t len)
{
	size_t i = skip_start(data, len);
	const char *end = data + (len < SNIFF_WINDOW ? len : SNIFF_WINDOW);
	cvg__lines it;
	const char *line;
	size_t n;
	char root[64];

	if (i == len || data[i] == '{')
		return OTHER_NONE;
	if (data[i] == '<') {
		const char *colon;
		xml_root(data + i, end, root, sizeof(root));
		colon = strchr(root, ':');
		if ((strcmp(root, "rdf:RDF") == 0 || strcmp(root, "RDF") == 0 ||
		            (colon && strcmp(colon + 1, "SpdxDocument") == 0)) &&
		        find(data + i, end, "http://spdx.org/rdf/terms"))
			return OTHER_RDF;
		if (strcmp(root, "Document") == 0 && find(data + i, end, "<spdxVersion>SPDX-"))
			return OTHER_XML;
		return OTHER_NONE;
	}
	cvg__lines_init(&it, data, (size_t)(end - data));
	while (cvg__lines_next(&it, &line, &n))
		if (yaml_version_line(line, n))
			return OTHER_YAML;
	return OTHER_NONE;
}

static int refuse_other(const char *file, enum other_kind kind)
{
	static const char *const what[] = {"", "SPDX YAML", "SPDX XML", "SPDX RDF/XML"};

	return cvg__error(CVG_EUNSUPPORTED,
	        "%s: %s is not supported; convert it to SPDX JSON (e.g. with the spdx-tools "
	        "'pyspdxtools' converter: pyspdxtools -i FILE -o FILE.spdx.json)",
	        file, what[kind]);
}

/* ---- The JSON document ---- */

typedef enum role { R_DOC, R_PACKAGES, R_PACKAGE, R_REFS, R_REF, R_SKIP } role;

typedef enum key {
	K_OTHER,
	K_SPDXVERSION,
	K_PACKAGES,
	K_NAME,
	K_VERSION,
	K_SPDXID,
	K_REFS,
	K_TYPE,
	K_LOCATOR,
} key;

typedef struct frame {
	role role;
	bool is_map;
	key key; /* maps: the key whose value comes next */
} frame;

typedef struct state {
	cvg__inv_ctx *ctx;
	yajl_handle h;
	const char *data; /* the document after a BOM and white space */
	size_t len;
	size_t base;             /* where data starts in the file, for byte offsets */
	cvg__line_counter lines; /* over the whole file */
	frame stack[MAX_DEPTH];
	int depth;
	bool seen_version;
	cvg__spdx_pkg pkg;
	cvg__spdx_skips skips;
	/* the reference object being read */
	cvg_buf rtype, rloc;
	bool has_rtype, has_rloc;
	size_t rloc_line;
	int error; /* why a callback stopped the parse */
} state;

/* The line of the last byte yajl consumed (the end of the current token). */
static size_t cur_line(state *st)
{
	size_t off = yajl_get_bytes_consumed(st->h);

	return cvg__line_at(&st->lines, st->base + (off > 0 ? off - 1 : 0));
}

static const char *json_type(int t)
{
	static const char *const names[] = {
	        "null", "a boolean", "a number", "a string", "an object", "an array"};
	return names[t];
}
enum { J_NULL, J_BOOL, J_NUMBER, J_STRING, J_MAP, J_ARRAY };

/* Stop the parse with a document-level error (not an entry problem). */
static int stop(state *st, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int stop(state *st, int code, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	st->error = cvg__error(code, "%s", msg);
	return 0;
}

/* An entry of "packages" that is no object: its own problem. */
static int bad_entry(state *st, int t)
{
	int error = cvg__inv_problem(st->ctx,
	        "%s:%zu: expected a package object in \"packages\", found %s", st->ctx->file,
	        cur_line(st), json_type(t));
	if (error < 0) {
		st->error = error;
		return 0;
	}
	return 1;
}

static void pkg_type_problem(state *st, const char *field, const char *want, int t)
{
	cvg__spdx_pkg_problem(&st->pkg, "%s:%zu: expected %s for \"%s\", found %s", st->ctx->file,
	        cur_line(st), want, field, json_type(t));
}

static const char *key_name(key k)
{
	switch (k) {
	case K_NAME:
		return "name";
	case K_VERSION:
		return "versionInfo";
	case K_SPDXID:
		return "SPDXID";
	case K_REFS:
		return "externalRefs";
	case K_TYPE:
		return "referenceType";
	case K_LOCATOR:
		return "referenceLocator";
	default:
		return "?";
	}
}

/* A value of JSON type t (string s[0..n) when t is J_STRING) in the
 * current container; 1 to go on, 0 to stop. */
static int on_value(state *st, int t, const char *s, size_t n)
{
	frame *f;
	int error = 0;

	if (st->depth == 0)
		return stop(st, CVG_EPARSE,
		        "%s:%zu: expected an SPDX document (a JSON object), found %s",
		        st->ctx->file, cur_line(st), json_type(t));
	f = &st->stack[st->depth - 1];
	switch (f->role) {
	case R_DOC:
		if (f->key == K_SPDXVERSION) {
			char q[CVG__QUOTE_SIZE];
			st->seen_version = true;
			if (t != J_STRING)
				return stop(st, CVG_EPARSE,
				        "%s:%zu: expected \"spdxVersion\": \"SPDX-2.x\", found %s",
				        st->ctx->file, cur_line(st), json_type(t));
			if (!cvg__spdx_is_v2(s, n)) {
				cvg__quote(q, sizeof(q), s, n);
				return stop(st, CVG_EUNSUPPORTED,
				        "%s:%zu: expected \"spdxVersion\": \"SPDX-2.x\", found "
				        "'%s' (only "
				        "SPDX 2.x documents are supported)",
				        st->ctx->file, cur_line(st), q);
			}
		} else if (f->key == K_PACKAGES) {
			return stop(st, CVG_EPARSE,
			        "%s:%zu: expected an array for \"packages\", found %s",
			        st->ctx->file, cur_line(st), json_type(t));
		}
		return 1;
	case R_PACKAGES:
		return bad_entry(st, t);
	case R_PACKAGE:
		if (f->key == K_NAME || f->key == K_VERSION || f->key == K_SPDXID) {
			cvg_buf *b = f->key == K_NAME      ? &st->pkg.name
			             : f->key == K_VERSION ? &st->pkg.version
			                                   : &st->pkg.spdxid;
			char what[32];
			if (t == J_NULL)
				return 1; /* as if absent */
			if (t != J_STRING) {
				pkg_type_problem(st, key_name(f->key), "a string", t);
				return 1;
			}
			snprintf(what, sizeof(what), "\"%s\"", key_name(f->key));
			error = cvg__spdx_pkg_set(
			        &st->pkg, b, st->ctx->file, what, s, n, cur_line(st));
		} else if (f->key == K_REFS && t != J_NULL) {
			pkg_type_problem(st, "externalRefs", "an array", t);
		}
		break;
	case R_REFS:
		cvg__spdx_pkg_problem(&st->pkg,
		        "%s:%zu: expected an object in \"externalRefs\", found %s", st->ctx->file,
		        cur_line(st), json_type(t));
		return 1;
	case R_REF:
		if (f->key == K_TYPE || f->key == K_LOCATOR) {
			if (t != J_STRING) {
				pkg_type_problem(st, key_name(f->key), "a string", t);
				return 1;
			}
			if (f->key == K_TYPE) {
				st->has_rtype = true;
				cvg__buf_clear(&st->rtype);
				error = cvg__buf_put(&st->rtype, s, n < 256 ? n : 256);
			} else {
				st->has_rloc = true;
				st->rloc_line = cur_line(st);
				cvg__buf_clear(&st->rloc);
				if (n > CVG__SPDX_VALUE_MAX)
					cvg__spdx_pkg_problem(&st->pkg,
					        "%s:%zu: reference locator longer than %d bytes",
					        st->ctx->file, st->rloc_line, CVG__SPDX_VALUE_MAX);
				else
					error = cvg__buf_put(&st->rloc, s, n);
			}
		}
		break;
	case R_SKIP:
		break;
	}
	if (error < 0) {
		st->error = error;
		return 0;
	}
	return 1;
}

static int on_null(void *ctx)
{
	return on_value(ctx, J_NULL, NULL, 0);
}

static int on_boolean(void *ctx, int b)
{
	(void)b;
	return on_value(ctx, J_BOOL, NULL, 0);
}

static int on_number(void *ctx, const char *s, size_t n)
{
	(void)s;
	(void)n;
	return on_value(ctx, J_NUMBER, NULL, 0);
}

static int on_string(void *ctx, const unsigned char *s, size_t n)
{
	return on_value(ctx, J_STRING, (const char *)s, n);
}

static int on_key(void *ctx, const unsigned char *s, size_t n)
{
	static const struct {
		role role;
		const char *name;
		key key;
	} keys[] = {
	        {R_DOC, "spdxVersion", K_SPDXVERSION},
	        {R_DOC, "packages", K_PACKAGES},
	        {R_PACKAGE, "name", K_NAME},
	        {R_PACKAGE, "versionInfo", K_VERSION},
	        {R_PACKAGE, "SPDXID", K_SPDXID},
	        {R_PACKAGE, "externalRefs", K_REFS},
	        {R_REF, "referenceType", K_TYPE},
	        {R_REF, "referenceLocator", K_LOCATOR},
	};
	state *st = ctx;
	frame *f = &st->stack[st->depth - 1];

	f->key = K_OTHER;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (keys[i].role == f->role && strlen(keys[i].name) == n &&
		        memcmp(keys[i].name, s, n) == 0)
			f->key = keys[i].key;
	return 1;
}

/* The role of a new object (is_map) or array in the current container. */
static role child_role(state *st, bool is_map, bool *go_on)
{
	frame *f = st->depth ? &st->stack[st->depth - 1] : NULL;
	int t = is_map ? J_MAP : J_ARRAY;

	*go_on = true;
	if (f == NULL) {
		if (is_map)
			return R_DOC;
		*go_on = stop(st, CVG_EPARSE,
		        "%s:%zu: expected an SPDX document (a JSON object), found an array",
		        st->ctx->file, cur_line(st));
		return R_SKIP;
	}
	switch (f->role) {
	case R_DOC:
		if (f->key == K_PACKAGES && !is_map)
			return R_PACKAGES;
		if (f->key == K_PACKAGES)
			*go_on = stop(st, CVG_EPARSE,
			        "%s:%zu: expected an array for \"packages\", found an object",
			        st->ctx->file, cur_line(st));
		else if (f->key == K_SPDXVERSION)
			*go_on = stop(st, CVG_EPARSE,
			        "%s:%zu: expected \"spdxVersion\": \"SPDX-2.x\", found %s",
			        st->ctx->file, cur_line(st), json_type(t));
		return R_SKIP;
	case R_PACKAGES:
		if (is_map) {
			cvg__spdx_pkg_reset(&st->pkg, cur_line(st));
			return R_PACKAGE;
		}
		*go_on = bad_entry(st, t) != 0;
		return R_SKIP;
	case R_PACKAGE:
		if (f->key == K_REFS && !is_map)
			return R_REFS;
		if (f->key != K_OTHER)
			pkg_type_problem(st, key_name(f->key),
			        f->key == K_REFS ? "an array" : "a string", t);
		return R_SKIP;
	case R_REFS:
		if (is_map) {
			st->has_rtype = st->has_rloc = false;
			cvg__buf_clear(&st->rtype);
			cvg__buf_clear(&st->rloc);
			return R_REF;
		}
		cvg__spdx_pkg_problem(&st->pkg,
		        "%s:%zu: expected an object in \"externalRefs\", found %s", st->ctx->file,
		        cur_line(st), json_type(t));
		return R_SKIP;
	case R_REF:
		if (f->key != K_OTHER)
			pkg_type_problem(st, key_name(f->key), "a string", t);
		return R_SKIP;
	case R_SKIP:
		break;
	}
	return R_SKIP;
}

static int on_start(state *st, bool is_map)
{
	bool go_on;
	role r;

	if (st->depth == MAX_DEPTH)
		return stop(st, CVG_ELIMIT, "%s:%zu: JSON nested deeper than %d levels",
		        st->ctx->file, cur_line(st), MAX_DEPTH);
	r = child_role(st, is_map, &go_on);
	if (!go_on)
		return 0;
	st->stack[st->depth].role = r;
	st->stack[st->depth].is_map = is_map;
	st->stack[st->depth].key = K_OTHER;
	st->depth++;
	return 1;
}

static int on_start_map(void *ctx)
{
	return on_start(ctx, true);
}

static int on_start_array(void *ctx)
{
	return on_start(ctx, false);
}

/* The reference object closed: keep it when it is a CPE or purl. */
static int end_ref(state *st)
{
	cvg__spdx_ref_kind kind;

	if (!st->has_rtype)
		return 0;
	kind = cvg__spdx_ref_kind_of(st->rtype.ptr ? st->rtype.ptr : "", st->rtype.len);
	if (kind == CVG__SPDX_REF_OTHER)
		return 0;
	if (!st->has_rloc) {
		cvg__spdx_pkg_problem(&st->pkg,
		        "%s:%zu: expected a \"referenceLocator\" in the %s reference, found none",
		        st->ctx->file, cur_line(st), st->rtype.ptr);
		return 0;
	}
	return cvg__spdx_pkg_add_ref(&st->pkg, st->ctx->file, kind,
	        st->rloc.ptr ? st->rloc.ptr : "", st->rloc.len, st->rloc_line);
}

static int on_end(void *ctx)
{
	state *st = ctx;
	role r = st->stack[--st->depth].role;
	int error = 0;

	if (r == R_REF)
		error = end_ref(st);
	else if (r == R_PACKAGE)
		error = cvg__spdx_pkg_finish(st->ctx, &st->pkg, &st->skips);
	if (error < 0) {
		st->error = error;
		return 0;
	}
	return 1;
}

static const yajl_callbacks callbacks = {
        on_null,
        on_boolean,
        NULL, /* yajl_integer: NULL so that yajl_number gets the raw text */
        NULL, /* yajl_double */
        on_number,
        on_string,
        on_start_map,
        on_key,
        on_end,
        on_start_array,
        on_end,
};

/* A yajl failure after `off` bytes of st->data (yajl's bytes consumed, or
 * all of them when the end is the place). */
static int parse_error(state *st, yajl_status ys, size_t off)
{
	if (ys != yajl_status_client_canceled)
		st->error =
		        cvg__inv_json_error(st->ctx, st->h, st->data - st->base, st->base + off);
	return st->error;
}

static int spdx_parse(cvg__inv_ctx *ctx, const char *data, size_t len)
{
	enum other_kind kind = other_kind(data, len);
	size_t start = skip_start(data, len);
	state st;
	yajl_status ys;
	int error = 0;

	if (kind != OTHER_NONE)
		return refuse_other(ctx->file, kind);
	memset(&st, 0, sizeof(st));
	st.ctx = ctx;
	st.data = data + start;
	st.len = len - start;
	st.base = start;
	cvg__line_counter_init(&st.lines, data, len);
	st.rtype.max = 257;
	st.rloc.max = CVG__SPDX_VALUE_MAX + 1;
	cvg__spdx_pkg_init(&st.pkg, "\"name\"", "\"versionInfo\"");
	if ((st.h = yajl_alloc(&callbacks, NULL, &st)) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	ys = yajl_parse(st.h, (const unsigned char *)st.data, st.len);
	if (ys != yajl_status_ok) {
		error = parse_error(&st, ys, yajl_get_bytes_consumed(st.h));
		goto done;
	}
	/* yajl's bytes consumed do not count here: the end is the place */
	if ((ys = yajl_complete_parse(st.h)) != yajl_status_ok) {
		error = parse_error(&st, ys, st.len);
		goto done;
	}
	if (!st.seen_version) {
		error = cvg__error(CVG_EPARSE,
		        "%s: expected an SPDX 2.x JSON document, found no top-level "
		        "\"spdxVersion\"",
		        ctx->file);
		goto done;
	}
	cvg__spdx_report_skips(ctx, &st.skips);
done:
	if (st.h)
		yajl_free(st.h);
	cvg__spdx_pkg_dispose(&st.pkg);
	cvg__buf_dispose(&st.rtype);
	cvg__buf_dispose(&st.rloc);
	return error;
}

/* ---- Sniffing ---- */

/* Whether data holds "spdxVersion" : "SPDX-  (JSON). */
static bool json_has_version(const char *data, size_t len)
{
	const char *p = data, *end = data + len;

	while ((p = find(p, end, "\"spdxVersion\"")) != NULL) {
		p += 13;
		while (p < end && is_ws(*p))
			p++;
		if (p == end || *p != ':')
			continue;
		p++;
		while (p < end && is_ws(*p))
			p++;
		if ((size_t)(end - p) >= 6 && memcmp(p, "\"SPDX-", 6) == 0)
			return true;
	}
	return false;
}

/* A JSON object with "spdxVersion": "SPDX-..." anywhere (trivy writes it
 * last), or an SPDX serialisation we refuse with a message: certain. */
static int spdx_sniff(const char *data, size_t len)
{
	size_t i = skip_start(data, len);

	if (i < len && data[i] == '{')
		return json_has_version(data + i, len - i) ? 100 : 0;
	return other_kind(data, len) != OTHER_NONE ? 100 : 0;
}

const cvg__inv_format cvg__inv_spdx = {
        .name = "spdx",
        .summary = "SPDX 2.2/2.3 JSON",
        .parse = spdx_parse,
        .sniff = spdx_sniff,
};
