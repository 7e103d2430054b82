/*
 * lib/inventory/spdx3.c - SPDX 3.0 SBOMs in JSON-LD, as Yocto's
 * create-spdx-3.0 class writes them (OE-core scarthgap and later,
 * meta/lib/oe/spdx30_tasks.py) and as other SPDX 3 tools do.
 *
 * The document is a JSON-LD object whose "@context" names the SPDX 3
 * context ("https://spdx.org/rdf/3.0.1/spdx-context.jsonld"; 3.0.0 in the
 * first Yocto releases) and whose "@graph" lists elements, each with a
 * "type". A package is an element of type "software_Package":
 *
 *   {"type": "software_Package", "spdxId": "http://spdx.org/.../package/busybox",
 *    "name": "busybox", "software_packageVersion": "1.36.1",
 *    "software_primaryPurpose": "install",
 *    "software_packageUrl": "pkg:yocto/core/busybox@1.36.1",           (optional)
 *    "externalIdentifier": [{"type": "ExternalIdentifier",
 *        "externalIdentifierType": "cpe23",
 *        "identifier": "cpe:2.3:*:busybox:busybox:1.36.1:*:*:*:*:*:*:*"}]}
 *
 * What Yocto puts in a software_Package (spdx30_tasks.py):
 *  - every binary package of a recipe (busybox, busybox-syslog, libssl3):
 *    name PKG, version PV (SPDX_PACKAGE_VERSION in later releases), purpose
 *    "install", one cpe23 identifier per CVE_PRODUCT entry with CVE_VERSION,
 *    and a software_packageUrl when SPDX_PACKAGE_URL is set;
 *  - every download of a recipe (a tarball, a git repository): name the file
 *    name, purpose "source" or "patch", no version;
 *  - the root file system and SDK: name the image, purpose "archive", no
 *    version.
 * Later tools add recipe-level packages with a purl. All of these are read
 * the same way; a recipe and its binary packages share a version and CPE,
 * and the scan groups packages by name and version, so reading both counts
 * nothing twice that matters. The rules:
 *  - the name is required (a problem otherwise);
 *  - the version is software_packageVersion; without one, a package is read
 *    with an empty version only when one of its CPEs gives a concrete
 *    version (the scan compares that one). Otherwise it is skipped: quietly
 *    when its purpose is "source", "patch" or "archive" (Yocto's downloads
 *    and images, whose content is listed as packages of its own), and with
 *    one counted warning per document for any other;
 *  - cpe23 and cpe22 identifiers become CPE identities; Yocto writes
 *    "cpe:2.3:*:*:PRODUCT:..." for a CVE_PRODUCT without a vendor, which
 *    names that product under any vendor (identity.c). One whose vendor is
 *    NA ("-") names no product: it is not used (one counted warning) and
 *    the package is matched by name or purl instead;
 *  - the purl is software_packageUrl, else the first packageUrl identifier.
 * An identifier without externalIdentifierType is typed by its prefix
 * ("cpe:2.3:", "cpe:/", "pkg:"). Types, purposes and identifier types may
 * be written compact ("cpe23") or as full IRIs (".../ExternalIdentifierType/
 * cpe23"); only the part after the last '/' is compared.
 *
 * Parsing streams through yajl: a Yocto image SBOM with file-level detail
 * runs to tens of megabytes, and a tree would cost several times that. A
 * stack of frames, one per open container, remembers the few keys that
 * matter for each object; an object is judged when it closes, so the
 * order of keys does not matter, and packages are found at any depth (a
 * JSON-LD node may be written inline). Nesting deeper than SPDX3_MAX_DEPTH
 * is refused. A package's line is the line of its '{'.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <yajl/yajl_parse.h>

#include "cvegate/cpe.h"
#include "lib/inventory/inventory_internal.h"
#include "util/buf.h"
#include "util/error.h"

/* JSON-LD graphs are shallow (document, @graph, element, identifier list,
 * identifier: 5); anything deeper than this is not an SPDX 3 SBOM. */
#define SPDX3_MAX_DEPTH 64

/* A kept string (name, version, identifier) longer than this is a problem. */
#define SPDX3_MAX_STRING CVG__LINE_MAX

/* External identifiers kept for one package (Yocto writes one per
 * CVE_PRODUCT entry, rarely more than three). */
#define SPDX3_MAX_IDS 256

/* The bytes the sniffer looks at, from the start and from the end. */
#define SNIFF_HEAD 65536
#define SNIFF_TAIL 4096

/* ---- Frames ---- */

enum key {
	K_OTHER = 0,
	K_CONTEXT,    /* "@context" */
	K_TYPE,       /* "type" or "@type" */
	K_NAME,       /* "name" */
	K_VERSION,    /* "software_packageVersion" */
	K_PURL,       /* "software_packageUrl" */
	K_PURPOSE,    /* "software_primaryPurpose" */
	K_EXTIDS,     /* "externalIdentifier" */
	K_EXTID_TYPE, /* "externalIdentifierType" */
	K_IDENTIFIER, /* "identifier" */
	K_NKEYS
};

static const char *const key_names[K_NKEYS] = {
        NULL,
        "@context",
        "type",
        "name",
        "software_packageVersion",
        "software_packageUrl",
        "software_primaryPurpose",
        "externalIdentifier",
        "externalIdentifierType",
        "identifier",
};

/* The fields of an object kept in its frame. */
enum field { F_TYPE, F_NAME, F_VERSION, F_PURL, F_PURPOSE, F_IDTYPE, F_IDENT, F_NFIELDS };

typedef struct frame {
	bool is_map;
	enum key key;  /* a map: the key whose value is being read */
	size_t line;   /* where the container starts */
	unsigned have; /* bit per field set */
	cvg_buf f[F_NFIELDS];
	cvg_buf ids; /* a package's identifiers: "TYPE\0IDENTIFIER\0" pairs */
	size_t nids;
} frame;

typedef struct parser {
	cvg__inv_ctx *ctx;
	yajl_handle h;
	const char *data;
	size_t len;
	int error;

	cvg__line_counter lines;

	frame st[SPDX3_MAX_DEPTH];
	size_t depth;

	bool context_seen, context_ok;
	/* skipped, for the warnings at the end */
	size_t no_version, vendorless;
	char first_no_version[CVG__QUOTE_SIZE];
	size_t first_no_version_line;
	char first_vendorless[CVG__QUOTE_SIZE];
} parser;

static size_t line_now(parser *p)
{
	return cvg__line_at(&p->lines, yajl_get_bytes_consumed(p->h));
}

/* The part of an IRI after its last '/', or the whole compact term. */
static void term(const char **s, size_t *n)
{
	const char *slash = cvg__memrchr(*s, '/', *n);

	if (slash) {
		*n -= (size_t)(slash + 1 - *s);
		*s = slash + 1;
	}
}

static bool field_is(const frame *f, enum field k, const char *want)
{
	const char *s;
	size_t n;

	if (!(f->have & (1u << k)))
		return false;
	s = f->f[k].ptr;
	n = f->f[k].len;
	term(&s, &n);
	return n == strlen(want) && memcmp(s, want, n) == 0;
}

/* ---- Identifiers ---- */

enum idkind { ID_OTHER, ID_CPE, ID_PURL };

static enum idkind id_kind(const char *type, const char *ident)
{
	size_t n = strlen(type);

	term(&type, &n);
	if (n == 0) { /* no type given: by the identifier's own prefix */
		if (strncasecmp(ident, "cpe:2.3:", 8) == 0 || strncasecmp(ident, "cpe:/", 5) == 0)
			return ID_CPE;
		return strncmp(ident, "pkg:", 4) == 0 ? ID_PURL : ID_OTHER;
	}
	if ((n == 5 && memcmp(type, "cpe23", 5) == 0) || (n == 5 && memcmp(type, "cpe22", 5) == 0))
		return ID_CPE;
	if (n == 10 && memcmp(type, "packageUrl", 10) == 0)
		return ID_PURL;
	return ID_OTHER;
}

/*
 * What a CPE gives before it is recorded: whether it names a vendor (Yocto's
 * "cpe:2.3:*:*:busybox:..." does not) and whether its version is concrete.
 * A CPE that does not parse counts as usable, so that cvg__inv_set_cpe()
 * reports it with the identity module's message.
 */
static int cpe_survey(const char *cpe, bool *usable, bool *versioned)
{
	cvg_cpe_key key;
	cvg_cpe_attr ver;
	char *fs = NULL, vbuf[256];
	int error;

	*usable = true;
	*versioned = false;
	if (strncasecmp(cpe, "cpe:/", 5) == 0) {
		if ((error = cvg_cpe_uri_to_fs(&fs, cpe, strlen(cpe))) == CVG_ENOMEM)
			return error;
		if (error < 0)
			return 0;
	} else if ((fs = cvg__strndup(cpe, strlen(cpe))) == NULL) {
		return cvg__error_oom();
	}
	if (cvg_cpe_key_parse(&key, fs) == 0) {
		if (strcmp(key.vendor, "-") == 0)
			*usable = false;
		else if (cvg_cpe_attr_from_raw(
		                 &ver, vbuf, sizeof(vbuf), key.version, CVG_CPE_VERSION) == 0)
			*versioned = ver.kind == CVG_CPE_VALUE && !ver.wildcard;
	}
	free(fs);
	return 0;
}

/* The next "TYPE\0IDENTIFIER\0" pair of a package's list at *pos; false at the end. */
static bool next_id(const frame *f, size_t *pos, const char **type, const char **id)
{
	if (*pos >= f->ids.len)
		return false;
	*type = f->ids.ptr + *pos;
	*id = *type + strlen(*type) + 1;
	*pos = (size_t)(*id + strlen(*id) + 1 - f->ids.ptr);
	return true;
}

/* ---- Judging a closed object ---- */

static bool printable(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

static int package_problem(parser *p, const frame *f, const char *what)
{
	char q[CVG__QUOTE_SIZE] = "";

	if (f->have & (1u << F_NAME))
		cvg__quote(q, sizeof(q), f->f[F_NAME].ptr, f->f[F_NAME].len);
	return cvg__inv_problem(p->ctx, "%s:%zu: software_Package%s%s%s: expected %s", p->ctx->file,
	        f->line, q[0] ? " '" : "", q, q[0] ? "'" : "", what);
}

/* A software_Package closed: add it, with its identities. */
static int add_package(parser *p, frame *f)
{
	const char *name = f->f[F_NAME].ptr, *version = f->f[F_VERSION].ptr;
	size_t nlen = f->f[F_NAME].len, vlen = f->f[F_VERSION].len;
	const char *purl = NULL, *t, *id;
	bool cpe_versioned = false, usable, versioned;
	size_t pos;
	int error;

	if (!(f->have & (1u << F_NAME)) || nlen == 0)
		return package_problem(p, f, "a \"name\"");
	if (!printable(name, nlen))
		return package_problem(p, f, "a name without control characters");
	if (!(f->have & (1u << F_VERSION)))
		vlen = 0;
	if (vlen > 0 && !printable(version, vlen))
		return package_problem(
		        p, f, "a software_packageVersion without control characters");
	/* survey the identifiers: usable CPEs, a concrete CPE version */
	for (pos = 0; next_id(f, &pos, &t, &id);) {
		if (id_kind(t, id) == ID_CPE) {
			if ((error = cpe_survey(id, &usable, &versioned)) < 0)
				return error;
			cpe_versioned = cpe_versioned || (usable && versioned);
		}
	}
	if (vlen == 0 && !cpe_versioned) {
		if (field_is(f, F_PURPOSE, "source") || field_is(f, F_PURPOSE, "patch") ||
		        field_is(f, F_PURPOSE, "archive"))
			return 0; /* a download or an image: its content is listed itself */
		if (p->no_version++ == 0) {
			cvg__quote(p->first_no_version, sizeof(p->first_no_version), name, nlen);
			p->first_no_version_line = f->line;
		}
		return 0;
	}
	if ((error = cvg__inv_add(p->ctx, name, nlen, vlen ? version : "", vlen, NULL, 0,
	             CVG_VERSION_UPSTREAM, f->line)) < 0)
		return error;
	for (pos = 0; next_id(f, &pos, &t, &id);) {
		enum idkind kind = id_kind(t, id);
		if (kind == ID_PURL && purl == NULL)
			purl = id;
		if (kind != ID_CPE)
			continue;
		if ((error = cpe_survey(id, &usable, &versioned)) < 0)
			return error;
		if (!usable) {
			if (p->vendorless++ == 0)
				cvg__quote(p->first_vendorless, sizeof(p->first_vendorless), id,
				        strlen(id));
			continue;
		}
		if ((error = cvg__inv_set_cpe(p->ctx, id, strlen(id), f->line)) < 0)
			return error;
	}
	if (f->have & (1u << F_PURL))
		purl = f->f[F_PURL].ptr;
	if (purl && (error = cvg__inv_set_purl(p->ctx, purl, strlen(purl), f->line)) < 0)
		return error;
	return 0;
}

/* An ExternalIdentifier closed: hand it to the package that lists it. */
static int add_identifier(parser *p, frame *f)
{
	frame *owner = NULL;
	int error;

	if (p->depth >= 2 && p->st[p->depth - 2].is_map && p->st[p->depth - 2].key == K_EXTIDS)
		owner = &p->st[p->depth - 2];
	else if (p->depth >= 3 && !p->st[p->depth - 2].is_map && p->st[p->depth - 3].is_map &&
	         p->st[p->depth - 3].key == K_EXTIDS)
		owner = &p->st[p->depth - 3];
	if (owner == NULL || !(f->have & (1u << F_IDENT)))
		return 0;
	if (owner->nids == SPDX3_MAX_IDS)
		return cvg__inv_problem(p->ctx,
		        "%s:%zu: expected at most %d externalIdentifier entries", p->ctx->file,
		        owner->line, SPDX3_MAX_IDS);
	if ((error = cvg__buf_put(&owner->ids, f->f[F_IDTYPE].ptr ? f->f[F_IDTYPE].ptr : "",
	             (f->have & (1u << F_IDTYPE)) ? f->f[F_IDTYPE].len : 0)) < 0 ||
	        (error = cvg__buf_putc(&owner->ids, '\0')) < 0 ||
	        (error = cvg__buf_put(&owner->ids, f->f[F_IDENT].ptr, f->f[F_IDENT].len)) < 0 ||
	        (error = cvg__buf_putc(&owner->ids, '\0')) < 0)
		return error;
	owner->nids++;
	return 0;
}

/* ---- yajl callbacks (1 goes on, 0 stops with p->error set) ---- */

static int stop(parser *p, int error)
{
	p->error = error;
	return error < 0 ? 0 : 1;
}

static int open_container(parser *p, bool is_map)
{
	frame *f;

	if (p->depth == SPDX3_MAX_DEPTH)
		return stop(p, cvg__error(CVG_ELIMIT,
		                       "%s:%zu: JSON nested deeper than %d levels; not an SPDX 3 "
		                       "document",
		                       p->ctx->file, line_now(p), SPDX3_MAX_DEPTH));
	f = &p->st[p->depth++];
	f->is_map = is_map;
	f->key = K_OTHER;
	f->line = line_now(p);
	f->have = 0;
	f->nids = 0;
	cvg__buf_clear(&f->ids);
	return 1;
}

static int on_start_map(void *ctx)
{
	return open_container(ctx, true);
}

static int on_start_array(void *ctx)
{
	return open_container(ctx, false);
}

static int on_end_map(void *ctx)
{
	parser *p = ctx;
	frame *f = &p->st[p->depth - 1];
	int error = 0;

	if (field_is(f, F_TYPE, "software_Package") || field_is(f, F_TYPE, "Package"))
		error = add_package(p, f);
	else if (f->have & ((1u << F_IDTYPE) | (1u << F_IDENT)))
		error = add_identifier(p, f);
	p->depth--;
	return stop(p, error);
}

static int on_end_array(void *ctx)
{
	parser *p = ctx;

	p->depth--;
	return 1;
}

static int on_map_key(void *ctx, const unsigned char *s, size_t n)
{
	parser *p = ctx;
	frame *f = &p->st[p->depth - 1];

	f->key = K_OTHER;
	if (n == 5 && memcmp(s, "@type", 5) == 0) {
		f->key = K_TYPE;
		return 1;
	}
	for (int k = 1; k < K_NKEYS; k++)
		if (strlen(key_names[k]) == n && memcmp(key_names[k], s, n) == 0)
			f->key = (enum key)k;
	return 1;
}

static bool is_spdx3_context(const unsigned char *s, size_t n)
{
	static const char *const prefixes[] = {"https://spdx.org/rdf/3.", "http://spdx.org/rdf/3."};

	for (size_t i = 0; i < 2; i++) {
		size_t m = strlen(prefixes[i]);
		if (n > m && memcmp(s, prefixes[i], m) == 0)
			return true;
	}
	return false;
}

static int on_string(void *ctx, const unsigned char *s, size_t n)
{
	static const enum field fields[K_NKEYS] = {[K_TYPE] = F_TYPE,
	        [K_NAME] = F_NAME,
	        [K_VERSION] = F_VERSION,
	        [K_PURL] = F_PURL,
	        [K_PURPOSE] = F_PURPOSE,
	        [K_EXTID_TYPE] = F_IDTYPE,
	        [K_IDENTIFIER] = F_IDENT};
	parser *p = ctx;
	frame *f;
	enum field k;
	int error;

	if (p->depth == 0)
		return 1; /* a bare string document: judged at the end */
	f = &p->st[p->depth - 1];
	if (!f->is_map) {
		/* "@context": [ "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", {...} ] */
		if (p->depth == 2 && p->st[0].key == K_CONTEXT && is_spdx3_context(s, n))
			p->context_ok = true;
		return 1;
	}
	if (f->key == K_CONTEXT && p->depth == 1) {
		p->context_ok = p->context_ok || is_spdx3_context(s, n);
		return 1;
	}
	if (f->key == K_OTHER || f->key == K_CONTEXT || f->key == K_EXTIDS)
		return 1;
	k = fields[f->key];
	if (n > SPDX3_MAX_STRING) {
		char q[CVG__QUOTE_SIZE];
		cvg__quote(q, sizeof(q), (const char *)s, n);
		return stop(p,
		        cvg__inv_problem(p->ctx,
		                "%s:%zu: expected a \"%s\" of at most %d bytes, found '%s'",
		                p->ctx->file, line_now(p), key_names[f->key], SPDX3_MAX_STRING, q));
	}
	cvg__buf_clear(&f->f[k]);
	if ((error = cvg__buf_put(&f->f[k], (const char *)s, n)) < 0)
		return stop(p, error);
	/* an identifier holding NUL would be cut short: keep it out */
	if (memchr(s, '\0', n) != NULL)
		return stop(p, cvg__inv_problem(p->ctx, "%s:%zu: expected a \"%s\" without NUL",
		                       p->ctx->file, line_now(p), key_names[f->key]));
	f->have |= 1u << k;
	return 1;
}

static int on_scalar(void *ctx)
{
	(void)ctx;
	return 1;
}

static int on_boolean(void *ctx, int b)
{
	(void)b;
	return on_scalar(ctx);
}

static int on_number(void *ctx, const char *s, size_t n)
{
	(void)s;
	(void)n;
	return on_scalar(ctx);
}

static const yajl_callbacks callbacks = {
        .yajl_null = on_scalar,
        .yajl_boolean = on_boolean,
        .yajl_number = on_number,
        .yajl_string = on_string,
        .yajl_start_map = on_start_map,
        .yajl_map_key = on_map_key,
        .yajl_end_map = on_end_map,
        .yajl_start_array = on_start_array,
        .yajl_end_array = on_end_array,
};

/* ---- The format ---- */

static int json_error(parser *p, yajl_status st, size_t off)
{
	if (st != yajl_status_client_canceled)
		p->error = cvg__inv_json_error(p->ctx, p->h, p->data, off);
	return p->error;
}

static int spdx3_parse(cvg__inv_ctx *ctx, const char *data, size_t len)
{
	parser *p = calloc(1, sizeof(*p));
	yajl_status st;
	size_t off;
	int error = 0;

	if (p == NULL)
		return cvg__error_oom();
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3; /* a UTF-8 byte order mark, which yajl does not take */
		len -= 3;
	}
	p->ctx = ctx;
	p->data = data;
	p->len = len;
	cvg__line_counter_init(&p->lines, data, len);
	for (size_t i = 0; i < SPDX3_MAX_DEPTH; i++) {
		for (size_t k = 0; k < F_NFIELDS; k++)
			p->st[i].f[k].max = SPDX3_MAX_STRING + 1;
		p->st[i].ids.max = SPDX3_MAX_IDS * (2 * SPDX3_MAX_STRING + 2);
	}
	if ((p->h = yajl_alloc(&callbacks, NULL, p)) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	st = yajl_parse(p->h, (const unsigned char *)data, len);
	off = yajl_get_bytes_consumed(p->h);
	if (st == yajl_status_ok) {
		st = yajl_complete_parse(p->h);
		off = len; /* the document ended too early */
	}
	if (st != yajl_status_ok) {
		error = json_error(p, st, off);
		goto done;
	}
	if (!p->context_ok) {
		error = cvg__error(CVG_EPARSE,
		        "%s: expected an SPDX 3 JSON-LD document (\"@context\": "
		        "\"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\")",
		        ctx->file);
		goto done;
	}
	if (p->no_version)
		cvg__warnf(ctx->warn, ctx->payload,
		        "%s: %zu software_Package element%s without a version (and without a CPE "
		        "giving one) skipped, the first '%s' at line %zu",
		        ctx->file, p->no_version, p->no_version == 1 ? "" : "s",
		        p->first_no_version, p->first_no_version_line);
	if (p->vendorless)
		cvg__warnf(ctx->warn, ctx->payload,
		        "%s: %zu CPE%s with the vendor '-' (as '%s') not used: such a CPE names "
		        "no product; those packages are matched by name or purl",
		        ctx->file, p->vendorless, p->vendorless == 1 ? "" : "s",
		        p->first_vendorless);
done:
	if (p->h)
		yajl_free(p->h);
	for (size_t i = 0; i < SPDX3_MAX_DEPTH; i++) {
		for (size_t k = 0; k < F_NFIELDS; k++)
			cvg__buf_dispose(&p->st[i].f[k]);
		cvg__buf_dispose(&p->st[i].ids);
	}
	free(p);
	return error;
}

/* An object naming the SPDX 3 context, in its first 64 KiB or last 4 KiB
 * (the context may follow a long @graph when keys are not sorted). */
static int spdx3_sniff(const char *data, size_t len)
{
	size_t i = 0, head = len < SNIFF_HEAD ? len : SNIFF_HEAD;
	size_t tail = len < SNIFF_TAIL ? len : SNIFF_TAIL;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
		i++;
	if (i == len || data[i] != '{')
		return 0;
	if ((cvg__memmem(data, head, "\"@context\"") &&
	            cvg__memmem(data, head, "spdx.org/rdf/3.")) ||
	        (cvg__memmem(data + len - tail, tail, "\"@context\"") &&
	                cvg__memmem(data + len - tail, tail, "spdx.org/rdf/3.")))
		return 90;
	return 0;
}

const cvg__inv_format cvg__inv_spdx3 = {
        .name = "spdx3",
        .summary = "SPDX 3.0 JSON-LD, as Yocto writes it",
        .parse = spdx3_parse,
        .sniff = spdx3_sniff,
};
