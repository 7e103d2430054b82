/*
 * lib/inventory/cyclonedx.c - CycloneDX SBOMs (specification 1.3 to 1.6),
 * in JSON or in XML, as one format that takes either encoding: a document
 * starting with '{' is JSON, one starting with '<' is XML.
 *
 * What is read (docs/formats.md, "CycloneDX", says the same for users):
 *  - Every component in the BOM's `components`, and in the `components` of
 *    a component, to NEST_MAX levels (deeper is refused). Components under
 *    other keys - pedigree ancestors/descendants/variants, metadata.tools,
 *    formulation - are not software on the device and are not read.
 *  - metadata.component, the thing the SBOM describes, only when it has a
 *    version and a cpe or purl: tools name it after the image or the scan
 *    ("centos-7.tar.gz", "SBOM_CVEBINTOOL-..."), which the scan can do
 *    nothing with; when its identity is given, it is a product like any.
 *  - From a component: name, version, cpe, purl, type, bom-ref. The cpe is
 *    given to cvg__inv_set_cpe and the purl to cvg__inv_set_purl, both with
 *    the component's line; a CPE wins over a purl (identity.c), so with
 *    both (cve-bin-tool's cyclonedx_ext_ref_priority.json) the CPE names
 *    the product and its version is matched, the purl is only checked.
 *    `group` is not used: it is a Maven group or npm scope
 *    ("org.apache.tomcat"), not an NVD vendor, and the purl carries it.
 *    externalReferences, swid, evidence and properties are not read.
 *  - Components of type file, data, machine-learning-model or
 *    cryptographic-asset name no software release NVD lists; without a cpe
 *    or purl they are skipped and counted in one warning. Every other type
 *    (application, library, framework, operating-system, firmware,
 *    container, platform, device, device-driver, and types a later
 *    specification adds) is read.
 *  - A component without a version (or with an empty one) is read only
 *    when its CPE gives a version (the package's version is then ""). One
 *    that groups others - has nested components, or a non-empty dependsOn
 *    in `dependencies` - is skipped and counted in a warning: cve-bin-tool
 *    writes such a versionless "product" component above the ones it
 *    found. Any other versionless component is a problem naming its line
 *    and name. As dependencies come after the components, those with a
 *    bom-ref are judged at the end of the document.
 *  - Under CVG_INVENTORY_LENIENT a malformed cpe or purl is a warning and
 *    the component is still read by its name and version (dropping it
 *    would hide it from the scan); if only the CPE gave a version, it is
 *    dropped with a second warning.
 *  - Package versions are read as upstream versions unless the purl's type
 *    says otherwise (identity.c: deb, rpm, apk). A component is read when
 *    it closes, so nested components come before the one holding them.
 *    Its line is that of its '{' (JSON) or its start tag (XML).
 *
 * JSON goes through yajl's event parser (never a tree, so a 64 MiB BOM
 * costs only the packages kept), with strict UTF-8 checking, and depth
 * counted against JSON_DEPTH_MAX in the callbacks. "bomFormat" must be
 * "CycloneDX" and "specVersion", when given, 1.x. Lines in messages are
 * counted up to yajl_get_bytes_consumed().
 *
 * XML goes through libxml2's SAX2 interface as swid.c does it: network off
 * (XML_PARSE_NONET), no DTD loading, no entity substitution, and a DOCTYPE
 * stops the parser at once and is refused ("DOCTYPE not allowed"), which
 * closes the door on external entities (XXE) and entity expansion (billion
 * laughs) alike. libxml2's messages are kept, not printed. The document
 * is fed in XML_CHUNK pieces, as libxml2's push parser refuses to look
 * ahead over more than 10 MB at once; lines come from the parser
 * (xmlSAX2GetLineNumber), as xmlGetLineNo would give them. The root must be
 * <bom> in a namespace http://cyclonedx.org/schema/bom/1.x; elements in
 * other namespaces (extensions) are not read.
 *
 * Limits: VALUE_MAX bytes for each kept value (a longer one makes its
 * component malformed; values that are not kept, such as license texts or
 * attachments, are bounded only by the file size), COMPONENTS_MAX
 * components, NEST_MAX levels of nested components, JSON_DEPTH_MAX levels
 * of JSON objects and arrays, XML_DEPTH_MAX levels of XML elements.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <yajl/yajl_parse.h>

#include "lib/inventory/inventory_internal.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"

/* ---- Limits ---- */

/* Bytes of one kept value (name, version, cpe, purl, type, bom-ref). */
#define VALUE_MAX 65536
/* Components in one document, skipped ones included. */
#define COMPONENTS_MAX 1000000
/* Levels of components inside components (a top-level one is level 1). */
#define NEST_MAX 32
/* JSON objects and arrays inside each other: NEST_MAX components take
 * 2 * NEST_MAX + 1 (root, then an array and an object a level), plus a few
 * inside the innermost component (licenses, hashes, properties). */
#define JSON_DEPTH_MAX 100
/* XML elements inside each other: 2 * NEST_MAX + 1 the same way. */
#define XML_DEPTH_MAX 100

#define CDX_NS "http://cyclonedx.org/schema/bom/1."

/* Bytes handed to libxml2's push parser at a time. */
#define XML_CHUNK 65536

/* ---- Components, whichever encoding they came in ---- */

typedef struct comp {
	size_t line;
	bool metadata;     /* metadata.component */
	bool has_children; /* nested components were seen */
	char bad[160];     /* why the component is malformed, or "" */
	cvg_buf name, version, type, cpe, purl, ref;
} comp;

/* A versionless component with a bom-ref: judged once the dependencies
 * are known. */
typedef struct pending {
	char *name;
	char *ref;
	size_t line;
} pending;

typedef struct bom {
	cvg__inv_ctx *ctx;
	int error;            /* the first hard error; parsing stops */
	comp comps[NEST_MAX]; /* the open components, outermost first */
	int ncomps;
	size_t seen;          /* components started */
	size_t skipped_type;  /* file/data/... without cpe or purl */
	size_t skipped_group; /* versionless groups of others */
	pending *pend;
	size_t npend, pend_cap;
	char **groups; /* refs with a non-empty dependsOn */
	size_t ngroups, groups_cap;
	/* the dependency being read */
	cvg_buf dep_ref;
	bool dep_has_ref, dep_has_children;
} bom;

static void bom_init(bom *b, cvg__inv_ctx *ctx)
{
	memset(b, 0, sizeof(*b));
	b->ctx = ctx;
	for (int i = 0; i < NEST_MAX; i++) {
		comp *c = &b->comps[i];
		c->name.max = c->version.max = c->type.max = VALUE_MAX;
		c->cpe.max = c->purl.max = c->ref.max = VALUE_MAX;
	}
	b->dep_ref.max = VALUE_MAX;
}

static void bom_dispose(bom *b)
{
	for (int i = 0; i < NEST_MAX; i++) {
		comp *c = &b->comps[i];
		cvg__buf_dispose(&c->name);
		cvg__buf_dispose(&c->version);
		cvg__buf_dispose(&c->type);
		cvg__buf_dispose(&c->cpe);
		cvg__buf_dispose(&c->purl);
		cvg__buf_dispose(&c->ref);
	}
	for (size_t i = 0; i < b->npend; i++) {
		free(b->pend[i].name);
		free(b->pend[i].ref);
	}
	free(b->pend);
	for (size_t i = 0; i < b->ngroups; i++)
		free(b->groups[i]);
	free(b->groups);
	cvg__buf_dispose(&b->dep_ref);
}

/* Keep the first hard error; returns it. */
static int fail(bom *b, int error)
{
	if (b->error == 0)
		b->error = error;
	return b->error;
}

static int comp_open(bom *b, size_t line, bool metadata)
{
	comp *c;

	if (b->ncomps == NEST_MAX)
		return fail(
		        b, cvg__error(CVG_ELIMIT, "%s:%zu: components nested deeper than %d levels",
		                   b->ctx->file, line, NEST_MAX));
	if (b->seen == COMPONENTS_MAX)
		return fail(b, cvg__error(CVG_ELIMIT, "%s:%zu: more than %d components",
		                       b->ctx->file, line, COMPONENTS_MAX));
	b->seen++;
	if (b->ncomps > 0)
		b->comps[b->ncomps - 1].has_children = true;
	c = &b->comps[b->ncomps++];
	c->line = line;
	c->metadata = metadata;
	c->has_children = false;
	c->bad[0] = '\0';
	cvg__buf_clear(&c->name);
	cvg__buf_clear(&c->version);
	cvg__buf_clear(&c->type);
	cvg__buf_clear(&c->cpe);
	cvg__buf_clear(&c->purl);
	cvg__buf_clear(&c->ref);
	return 0;
}

static comp *comp_top(bom *b)
{
	return b->ncomps > 0 ? &b->comps[b->ncomps - 1] : NULL;
}

/* Note why a component is malformed (the first reason wins). */
static void comp_bad(comp *c, const char *fmt, const char *what)
{
	if (c->bad[0] == '\0')
		snprintf(c->bad, sizeof(c->bad), fmt, what);
}

/* Append to a kept value; too long makes the component malformed. */
static int comp_put(bom *b, comp *c, cvg_buf *dst, const char *what, const char *s, size_t n)
{
	int error = cvg__buf_put(dst, s, n);

	if (error == CVG_ELIMIT) {
		comp_bad(c, "its %s is longer than 65536 bytes", what); /* VALUE_MAX */
		/* keep what fits, for the message to quote */
		error = cvg__buf_put(dst, s, dst->max > dst->len ? dst->max - dst->len : 0);
	}
	return error < 0 ? fail(b, error) : 0;
}

/* The value of a buffer, trimmed. */
static void value(const cvg_buf *v, const char **s, size_t *n)
{
	*s = v->ptr ? v->ptr : "";
	*n = v->len;
	cvg__trim(s, n);
}

static bool is(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && memcmp(s, word, n) == 0;
}

/* Types that name no software release NVD lists. */
static bool skipped_type(const char *t, size_t n)
{
	return is(t, n, "file") || is(t, n, "data") || is(t, n, "machine-learning-model") ||
	       is(t, n, "cryptographic-asset");
}

/* Forget the package added last (through the public free function, which
 * knows every field of a package). */
static int drop_last(cvg__inv_ctx *ctx)
{
	cvg_inventory *tmp = calloc(1, sizeof(*tmp));

	if (tmp == NULL || (tmp->packages = malloc(sizeof(*tmp->packages))) == NULL) {
		free(tmp);
		return cvg__error_oom();
	}
	tmp->packages[0] = ctx->packages[--ctx->npackages];
	tmp->npackages = 1;
	cvg_inventory_free(tmp);
	return 0;
}

static int no_version(cvg__inv_ctx *ctx, const char *name, size_t nlen, size_t line)
{
	char q[CVG__QUOTE_SIZE];

	cvg__quote(q, sizeof(q), name, nlen);
	return cvg__inv_problem(ctx,
	        "%s:%zu: component '%s' has no version; expected a \"version\" or a CPE with a "
	        "version",
	        ctx->file, line, q);
}

static int defer(bom *b, const char *name, size_t nlen, const char *ref, size_t rlen, size_t line)
{
	pending *p;

	if (b->npend == b->pend_cap) {
		size_t cap = b->pend_cap ? b->pend_cap * 2 : 16;
		pending *np = realloc(b->pend, cap * sizeof(*np));
		if (np == NULL)
			return cvg__error_oom();
		b->pend = np;
		b->pend_cap = cap;
	}
	p = &b->pend[b->npend];
	p->name = cvg__strndup(name, nlen);
	p->ref = cvg__strndup(ref, rlen);
	p->line = line;
	if (p->name == NULL || p->ref == NULL) {
		free(p->name);
		free(p->ref);
		return cvg__error_oom();
	}
	b->npend++;
	return 0;
}

/* The innermost open component closes: add its package, or say why not. */
static int comp_close(bom *b)
{
	cvg__inv_ctx *ctx = b->ctx;
	comp *c = &b->comps[--b->ncomps];
	const char *name, *ver, *type, *cpe, *purl, *ref;
	size_t nlen, vlen, tlen, clen, plen, rlen;
	char q[CVG__QUOTE_SIZE];
	int error;

	value(&c->name, &name, &nlen);
	value(&c->version, &ver, &vlen);
	value(&c->type, &type, &tlen);
	value(&c->cpe, &cpe, &clen);
	value(&c->purl, &purl, &plen);
	value(&c->ref, &ref, &rlen);
	if (c->metadata && (vlen == 0 || (clen == 0 && plen == 0)))
		return 0; /* what the SBOM describes, without an identity */
	if (c->bad[0]) {
		cvg__quote(q, sizeof(q), name, nlen);
		return cvg__inv_problem(
		        ctx, "%s:%zu: component '%s': %s", ctx->file, c->line, q, c->bad);
	}
	if (clen == 0 && plen == 0 && skipped_type(type, tlen)) {
		b->skipped_type++;
		return 0;
	}
	if (nlen == 0)
		return cvg__inv_problem(
		        ctx, "%s:%zu: expected a component \"name\"", ctx->file, c->line);
	if (vlen > 0 || clen > 0) {
		if ((error = cvg__inv_add(ctx, name, nlen, ver, vlen, NULL, 0, CVG_VERSION_UPSTREAM,
		             c->line)) < 0)
			return error;
		if (clen > 0 && (error = cvg__inv_set_cpe(ctx, cpe, clen, c->line)) < 0)
			return error;
		if (plen > 0 && (error = cvg__inv_set_purl(ctx, purl, plen, c->line)) < 0)
			return error;
		if (vlen > 0 || ctx->packages[ctx->npackages - 1].cpe_version != NULL)
			return 0;
		if ((error = drop_last(ctx)) < 0)
			return error;
	}
	if (c->has_children) {
		b->skipped_group++;
		return 0;
	}
	if (rlen > 0)
		return defer(b, name, nlen, ref, rlen, c->line);
	return no_version(ctx, name, nlen, c->line);
}

/* A dependency closes: remember its ref if it lists others. */
static int dep_close(bom *b)
{
	const char *ref;
	size_t rlen;
	char *copy;

	value(&b->dep_ref, &ref, &rlen);
	if (!b->dep_has_ref || !b->dep_has_children || rlen == 0)
		return 0;
	if (b->ngroups == b->groups_cap) {
		size_t cap = b->groups_cap ? b->groups_cap * 2 : 16;
		char **ng = realloc(b->groups, cap * sizeof(*ng));
		if (ng == NULL)
			return cvg__error_oom();
		b->groups = ng;
		b->groups_cap = cap;
	}
	if ((copy = cvg__strndup(ref, rlen)) == NULL)
		return cvg__error_oom();
	b->groups[b->ngroups++] = copy;
	return 0;
}

static void dep_open(bom *b)
{
	cvg__buf_clear(&b->dep_ref);
	b->dep_has_ref = b->dep_has_children = false;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

/* The end of the document: judge the deferred components, warn. */
static int bom_finish(bom *b)
{
	cvg__inv_ctx *ctx = b->ctx;
	int error;

	if (b->ngroups > 1)
		qsort(b->groups, b->ngroups, sizeof(*b->groups), cmp_str);
	for (size_t i = 0; i < b->npend; i++) {
		const pending *p = &b->pend[i];
		if (b->ngroups &&
		        bsearch(&p->ref, b->groups, b->ngroups, sizeof(*b->groups), cmp_str)) {
			b->skipped_group++;
			continue;
		}
		if ((error = no_version(ctx, p->name, strlen(p->name), p->line)) < 0)
			return error;
	}
	if (b->skipped_type)
		cvg__warnf(ctx->warn, ctx->payload,
		        "%s: %zu component%s of type file, data, machine-learning-model or "
		        "cryptographic-asset without a cpe or purl skipped",
		        ctx->file, b->skipped_type, plural(b->skipped_type));
	if (b->skipped_group)
		cvg__warnf(ctx->warn, ctx->payload,
		        "%s: %zu component%s without a version that only group others skipped",
		        ctx->file, b->skipped_group, plural(b->skipped_group));
	return 0;
}

/* ---- JSON ---- */

enum jrole { J_IGNORE, J_ROOT, J_METADATA, J_COMPONENTS, J_COMPONENT, J_DEPS, J_DEP, J_DEPENDS_ON };

enum jkey {
	K_OTHER,
	K_BOMFORMAT,
	K_SPECVERSION,
	K_METADATA,
	K_COMPONENT,
	K_COMPONENTS,
	K_DEPENDENCIES,
	K_NAME,
	K_VERSION,
	K_TYPE,
	K_CPE,
	K_PURL,
	K_BOMREF,
	K_REF,
	K_DEPENDSON,
};

typedef struct jframe {
	unsigned char role; /* enum jrole */
	unsigned char key;  /* enum jkey: the key whose value comes next */
	bool map;
} jframe;

typedef struct jstate {
	bom *b;
	yajl_handle h;
	const char *data;
	size_t len;
	cvg__line_counter lines;
	jframe stack[JSON_DEPTH_MAX];
	int depth;
	bool bom_format; /* "bomFormat": "CycloneDX" was seen */
} jstate;

/* The line of the byte yajl is at. */
static size_t jline(jstate *js)
{
	return cvg__line_at(&js->lines, yajl_get_bytes_consumed(js->h));
}

static enum jkey key_of(enum jrole role, const char *k, size_t n)
{
	switch (role) {
	case J_ROOT:
		return is(k, n, "bomFormat")      ? K_BOMFORMAT
		       : is(k, n, "specVersion")  ? K_SPECVERSION
		       : is(k, n, "metadata")     ? K_METADATA
		       : is(k, n, "components")   ? K_COMPONENTS
		       : is(k, n, "dependencies") ? K_DEPENDENCIES
		                                  : K_OTHER;
	case J_METADATA:
		return is(k, n, "component") ? K_COMPONENT : K_OTHER;
	case J_COMPONENT:
		return is(k, n, "name")         ? K_NAME
		       : is(k, n, "version")    ? K_VERSION
		       : is(k, n, "type")       ? K_TYPE
		       : is(k, n, "cpe")        ? K_CPE
		       : is(k, n, "purl")       ? K_PURL
		       : is(k, n, "bom-ref")    ? K_BOMREF
		       : is(k, n, "components") ? K_COMPONENTS
		                                : K_OTHER;
	case J_DEP:
		return is(k, n, "ref") ? K_REF : is(k, n, "dependsOn") ? K_DEPENDSON : K_OTHER;
	default:
		return K_OTHER;
	}
}

static const char *key_name(enum jkey k)
{
	switch (k) {
	case K_NAME:
		return "name";
	case K_VERSION:
		return "version";
	case K_TYPE:
		return "type";
	case K_CPE:
		return "cpe";
	case K_PURL:
		return "purl";
	case K_BOMREF:
		return "bom-ref";
	default:
		return "value";
	}
}

static cvg_buf *comp_field(comp *c, enum jkey k)
{
	switch (k) {
	case K_NAME:
		return &c->name;
	case K_VERSION:
		return &c->version;
	case K_TYPE:
		return &c->type;
	case K_CPE:
		return &c->cpe;
	case K_PURL:
		return &c->purl;
	case K_BOMREF:
		return &c->ref;
	default:
		return NULL;
	}
}

/* The key a value in the top frame belongs to (consumed), or K_OTHER. */
static enum jkey take_key(jstate *js, jframe **top)
{
	jframe *f;
	enum jkey k;

	*top = js->depth > 0 ? &js->stack[js->depth - 1] : NULL;
	f = *top;
	if (f == NULL || !f->map)
		return K_OTHER;
	k = (enum jkey)f->key;
	f->key = K_OTHER;
	return k;
}

/* A scalar value (s is NULL unless it is a string). */
static int jscalar(jstate *js, const char *s, size_t n)
{
	bom *b = js->b;
	jframe *f;
	enum jkey k = take_key(js, &f);
	char q[CVG__QUOTE_SIZE];

	if (f == NULL) {
		fail(b, cvg__error(CVG_EPARSE, "%s:%zu: expected a CycloneDX BOM (a JSON object)",
		                b->ctx->file, jline(js)));
		return 0;
	}
	if (f->role == J_DEPENDS_ON) {
		b->dep_has_children = true;
		return 1;
	}
	if (f->role == J_ROOT && k == K_BOMFORMAT) {
		if (s == NULL || !is(s, n, "CycloneDX")) {
			cvg__quote(q, sizeof(q), s ? s : "(not a string)", s ? n : 14);
			fail(b, cvg__error(CVG_EPARSE,
			                "%s:%zu: expected \"bomFormat\": \"CycloneDX\", found '%s'",
			                b->ctx->file, jline(js), q));
			return 0;
		}
		js->bom_format = true;
	} else if (f->role == J_ROOT && k == K_SPECVERSION) {
		if (s == NULL || n < 3 || memcmp(s, "1.", 2) != 0) {
			cvg__quote(q, sizeof(q), s ? s : "(not a string)", s ? n : 14);
			fail(b, cvg__error(CVG_EUNSUPPORTED,
			                "%s:%zu: CycloneDX specVersion '%s' is not supported (1.x "
			                "is "
			                "read)",
			                b->ctx->file, jline(js), q));
			return 0;
		}
	} else if (f->role == J_COMPONENT && k != K_OTHER && k != K_COMPONENTS) {
		comp *c = comp_top(b);
		cvg_buf *dst = comp_field(c, k);
		if (s == NULL) {
			comp_bad(c, "expected a string for \"%s\"", key_name(k));
			return 1;
		}
		cvg__buf_clear(dst);
		if (comp_put(b, c, dst, key_name(k), s, n) < 0)
			return 0;
	} else if (f->role == J_DEP && k == K_REF && s != NULL) {
		int error;
		cvg__buf_clear(&b->dep_ref);
		if ((error = cvg__buf_put(&b->dep_ref, s, n)) == CVG_ENOMEM) {
			fail(b, error);
			return 0;
		}
		b->dep_has_ref = error == 0; /* a ref too long for any bom-ref */
	}
	return 1;
}

static int j_null(void *ctx)
{
	return jscalar(ctx, NULL, 0);
}

static int j_boolean(void *ctx, int v)
{
	(void)v;
	return jscalar(ctx, NULL, 0);
}

static int j_number(void *ctx, const char *s, size_t n)
{
	(void)s;
	(void)n;
	return jscalar(ctx, NULL, 0);
}

static int j_string(void *ctx, const unsigned char *s, size_t n)
{
	return jscalar(ctx, (const char *)s, n);
}

static int j_key(void *ctx, const unsigned char *k, size_t n)
{
	jstate *js = ctx;
	jframe *f = &js->stack[js->depth - 1];

	f->key = (unsigned char)key_of((enum jrole)f->role, (const char *)k, n);
	return 1;
}

/* An object or array starts: its role comes from where it is. */
static int jopen(jstate *js, bool map)
{
	bom *b = js->b;
	jframe *parent;
	enum jkey k = take_key(js, &parent);
	enum jrole pr = parent ? (enum jrole)parent->role : J_IGNORE, role = J_IGNORE;

	if (js->depth == JSON_DEPTH_MAX) {
		fail(b, cvg__error(CVG_ELIMIT, "%s:%zu: JSON nested deeper than %d levels",
		                b->ctx->file, jline(js), JSON_DEPTH_MAX));
		return 0;
	}
	if (parent == NULL && !map) {
		fail(b, cvg__error(CVG_EPARSE, "%s:%zu: expected a CycloneDX BOM (a JSON object)",
		                b->ctx->file, jline(js)));
		return 0;
	}
	if (parent == NULL) {
		role = J_ROOT;
	} else if (map) {
		if (pr == J_ROOT && k == K_METADATA) {
			role = J_METADATA;
		} else if ((pr == J_METADATA && k == K_COMPONENT) || pr == J_COMPONENTS) {
			role = J_COMPONENT;
			if (comp_open(b, jline(js), pr == J_METADATA) < 0)
				return 0;
		} else if (pr == J_DEPS) {
			role = J_DEP;
			dep_open(b);
		}
	} else {
		if ((pr == J_ROOT || pr == J_COMPONENT) && k == K_COMPONENTS)
			role = J_COMPONENTS;
		else if (pr == J_ROOT && k == K_DEPENDENCIES)
			role = J_DEPS;
		else if (pr == J_DEP && k == K_DEPENDSON)
			role = J_DEPENDS_ON;
	}
	if (pr == J_COMPONENT && comp_field(comp_top(b), k) != NULL)
		comp_bad(comp_top(b), "expected a string for \"%s\"", key_name(k));
	if (pr == J_DEPENDS_ON)
		b->dep_has_children = true;
	js->stack[js->depth].role = (unsigned char)role;
	js->stack[js->depth].key = K_OTHER;
	js->stack[js->depth].map = map;
	js->depth++;
	return 1;
}

static int jclose(jstate *js)
{
	bom *b = js->b;
	enum jrole role = (enum jrole)js->stack[--js->depth].role;
	int error = 0;

	if (role == J_COMPONENT)
		error = comp_close(b);
	else if (role == J_DEP)
		error = dep_close(b);
	else if (role == J_ROOT && !js->bom_format)
		error = cvg__error(CVG_EPARSE,
		        "%s:%zu: expected a CycloneDX BOM: no \"bomFormat\": \"CycloneDX\" in the "
		        "top-level object",
		        b->ctx->file, jline(js));
	if (error < 0) {
		fail(b, error);
		return 0;
	}
	return 1;
}

static int j_start_map(void *ctx)
{
	return jopen(ctx, true);
}

static int j_start_array(void *ctx)
{
	return jopen(ctx, false);
}

static int j_end(void *ctx)
{
	return jclose(ctx);
}

static const yajl_callbacks jcallbacks = {
        .yajl_null = j_null,
        .yajl_boolean = j_boolean,
        .yajl_number = j_number,
        .yajl_string = j_string,
        .yajl_start_map = j_start_map,
        .yajl_map_key = j_key,
        .yajl_end_map = j_end,
        .yajl_start_array = j_start_array,
        .yajl_end_array = j_end,
};

static int parse_json(bom *b, const char *data, size_t len)
{
	jstate js;
	yajl_status st;
	int error = 0;
	bool finishing = false;

	memset(&js, 0, sizeof(js));
	js.b = b;
	js.data = data;
	js.len = len;
	cvg__line_counter_init(&js.lines, data, len);
	if ((js.h = yajl_alloc(&jcallbacks, NULL, &js)) == NULL)
		return cvg__error_oom();
	/* strict JSON: no comments, one value, UTF-8 checked (yajl's defaults) */
	st = yajl_parse(js.h, (const unsigned char *)data, len);
	if (st == yajl_status_ok) {
		finishing = true;
		st = yajl_complete_parse(js.h);
	}
	if (b->error) {
		error = b->error;
	} else if (st != yajl_status_ok) {
		error = cvg__inv_json_error(
		        b->ctx, js.h, data, finishing ? len : yajl_get_bytes_consumed(js.h));
	}
	yajl_free(js.h);
	return error;
}

/* ---- XML ---- */

enum xrole {
	X_IGNORE,
	X_BOM,
	X_METADATA,
	X_COMPONENTS,
	X_COMPONENT,
	X_FIELD,
	X_DEPS,
	X_DEP,
	X_DEP_CHILD
};

typedef struct xstate {
	bom *b;
	xmlParserCtxtPtr pctx;
	unsigned char roles[XML_DEPTH_MAX]; /* enum xrole of each open element */
	int depth;
	char ns[64]; /* the root's namespace */
	cvg_buf *field;
	const char *field_name;
	size_t doctype_line; /* a DOCTYPE was seen there; 0 if not */
	/* the first error libxml2 reported */
	cvg__xml_error err;
} xstate;

static size_t xline(xstate *xs)
{
	int line = xmlSAX2GetLineNumber(xs->pctx);

	return line > 0 ? (size_t)line : 1;
}

static void xstop(xstate *xs, int error)
{
	fail(xs->b, error);
	xmlStopParser(xs->pctx);
}

/* Keep libxml2's first error instead of printing it. */
static void on_xml_error(void *data, xmlErrorPtr e)
{
	xstate *xs = data;

	if (xs != NULL)
		cvg__inv_keep_xml_error(&xs->err, e);
}

/* A DOCTYPE: stop before its internal subset is read. */
static void on_internal_subset(
        void *data, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id)
{
	xstate *xs = data;

	(void)name;
	(void)external_id;
	(void)system_id;
	xs->doctype_line = xline(xs);
	xmlStopParser(xs->pctx);
}

static bool xis(const xmlChar *s, const char *name)
{
	return strcmp((const char *)s, name) == 0;
}

/*
 * Copy an attribute value (SAX2 gives it as [start, end)) into dst.
 * Without entity substitution libxml2 hands an '&' (from &amp; or &#38;)
 * over as "&#38;"; a bare '&' cannot occur in a well-formed value, so each
 * "&#38;" stands for one '&' (as in swid.c). 0 or a cvg__buf_put() error.
 */
static int attr_value(cvg_buf *dst, const xmlChar *start, const xmlChar *end)
{
	const char *p = (const char *)start, *e = (const char *)end;
	int error;

	cvg__buf_clear(dst);
	while (p < e) {
		const char *amp = memchr(p, '&', (size_t)(e - p));
		size_t n = amp ? (size_t)(amp - p) : (size_t)(e - p);
		if ((error = cvg__buf_put(dst, p, n)) < 0)
			return error;
		if (amp == NULL)
			break;
		if ((error = cvg__buf_putc(dst, '&')) < 0)
			return error;
		p = (e - amp >= 5 && memcmp(amp, "&#38;", 5) == 0) ? amp + 5 : amp + 1;
	}
	return 0;
}

/* A component's attribute into dst; too long makes it malformed. */
static void comp_attr(bom *b, comp *c, cvg_buf *dst, const char *what, const xmlChar **a)
{
	int error = attr_value(dst, a[3], a[4]);

	if (error == CVG_ELIMIT)
		comp_bad(c, "its %s is longer than 65536 bytes", what);
	else if (error < 0)
		fail(b, error);
}

static void on_start(void *data, const xmlChar *localname, const xmlChar *prefix,
        const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
        int nb_defaulted, const xmlChar **attributes)
{
	xstate *xs = data;
	bom *b = xs->b;
	enum xrole parent = xs->depth > 0 ? (enum xrole)xs->roles[xs->depth - 1] : X_IGNORE;
	enum xrole role = X_IGNORE;
	bool ours = uri != NULL && xs->ns[0] != '\0' && xis(uri, xs->ns);

	(void)prefix;
	(void)nb_namespaces;
	(void)namespaces;
	(void)nb_defaulted;
	if (b->error)
		return;
	if (xs->depth == XML_DEPTH_MAX) {
		xstop(xs,
		        cvg__error(CVG_ELIMIT, "%s:%zu: XML elements nested deeper than %d levels",
		                b->ctx->file, xline(xs), XML_DEPTH_MAX));
		return;
	}
	if (xs->depth == 0) {
		size_t n = uri ? strlen((const char *)uri) : 0;
		if (!xis(localname, "bom") || n <= strlen(CDX_NS) || n >= sizeof(xs->ns) ||
		        memcmp(uri, CDX_NS, strlen(CDX_NS)) != 0) {
			char q[CVG__QUOTE_SIZE];
			cvg__quote(q, sizeof(q), uri ? (const char *)uri : "", n);
			xstop(xs, cvg__error(CVG_EPARSE,
			                  "%s:%zu: expected a CycloneDX <bom> root element in "
			                  "namespace " CDX_NS "x, found <%s> in namespace '%s'",
			                  b->ctx->file, xline(xs), (const char *)localname, q));
			return;
		}
		memcpy(xs->ns, uri, n + 1);
		role = X_BOM;
	} else if (ours) {
		switch (parent) {
		case X_BOM:
			role = xis(localname, "components")     ? X_COMPONENTS
			       : xis(localname, "metadata")     ? X_METADATA
			       : xis(localname, "dependencies") ? X_DEPS
			                                        : X_IGNORE;
			break;
		case X_METADATA:
		case X_COMPONENTS:
			if (xis(localname, "component"))
				role = X_COMPONENT;
			break;
		case X_COMPONENT: {
			comp *c = comp_top(b);
			cvg_buf *f = xis(localname, "name")      ? &c->name
			             : xis(localname, "version") ? &c->version
			             : xis(localname, "cpe")     ? &c->cpe
			             : xis(localname, "purl")    ? &c->purl
			                                         : NULL;
			if (f) {
				role = X_FIELD;
				cvg__buf_clear(f);
				xs->field = f;
				xs->field_name = (const char *)localname;
			} else if (xis(localname, "components")) {
				role = X_COMPONENTS;
			}
			break;
		}
		case X_DEPS:
			if (xis(localname, "dependency")) {
				role = X_DEP;
				dep_open(b);
			}
			break;
		case X_DEP:
			if (xis(localname, "dependency")) {
				role = X_DEP_CHILD;
				b->dep_has_children = true;
			}
			break;
		default:
			break;
		}
	}
	if (role == X_COMPONENT) {
		comp *c;
		if (comp_open(b, xline(xs), parent == X_METADATA) < 0) {
			xmlStopParser(xs->pctx);
			return;
		}
		c = comp_top(b);
		/* five pointers an attribute: localname, prefix, URI, value, end */
		for (int i = 0; i < nb_attributes; i++) {
			const xmlChar **a = attributes + 5 * i;
			if (a[2] != NULL)
				continue; /* a namespaced attribute is another one */
			if (xis(a[0], "type"))
				comp_attr(b, c, &c->type, "type", a);
			else if (xis(a[0], "bom-ref"))
				comp_attr(b, c, &c->ref, "bom-ref", a);
		}
	} else if (role == X_DEP) {
		for (int i = 0; i < nb_attributes; i++) {
			const xmlChar **a = attributes + 5 * i;
			if (a[2] == NULL && xis(a[0], "ref")) {
				int error = attr_value(&b->dep_ref, a[3], a[4]);
				if (error == CVG_ENOMEM)
					fail(b, error);
				b->dep_has_ref = error == 0;
			}
		}
	}
	if (b->error) {
		xmlStopParser(xs->pctx);
		return;
	}
	xs->roles[xs->depth++] = (unsigned char)role;
}

static void on_end(void *data, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	xstate *xs = data;
	bom *b = xs->b;
	int error = 0;

	(void)localname;
	(void)prefix;
	(void)uri;
	if (b->error || xs->depth == 0)
		return;
	switch ((enum xrole)xs->roles[--xs->depth]) {
	case X_COMPONENT:
		error = comp_close(b);
		break;
	case X_DEP:
		error = dep_close(b);
		break;
	case X_FIELD:
		xs->field = NULL;
		break;
	default:
		break;
	}
	if (error < 0)
		xstop(xs, error);
}

static void on_text(void *data, const xmlChar *ch, int len)
{
	xstate *xs = data;

	if (xs->b->error || xs->field == NULL || xs->depth == 0 ||
	        xs->roles[xs->depth - 1] != X_FIELD || len <= 0)
		return;
	if (comp_put(xs->b, comp_top(xs->b), xs->field, xs->field_name, (const char *)ch,
	            (size_t)len) < 0)
		xmlStopParser(xs->pctx);
}

/* A generic error handler that drops the message. */
static void silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static int parse_xml(bom *b, const char *data, size_t len)
{
	xmlSAXHandler sax;
	xmlParserCtxtPtr pctx = NULL;
	xmlGenericErrorFunc saved_fn;
	void *saved_ctx;
	xstate xs;
	int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
	int error = 0;

#ifdef XML_PARSE_NO_XXE
	options |= XML_PARSE_NO_XXE;
#endif
	memset(&xs, 0, sizeof(xs));
	xs.b = b;
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.characters = on_text;
	sax.cdataBlock = on_text;
	sax.internalSubset = on_internal_subset;
	sax.serror = on_xml_error;
	xmlInitParser();
	/* encoding errors go to the generic handler, which prints: silence it
	 * meanwhile (per thread in libxml2) */
	saved_ctx = xmlGenericErrorContext;
	saved_fn = xmlGenericError;
	xmlSetGenericErrorFunc(NULL, silent);
	if ((pctx = xmlCreatePushParserCtxt(&sax, &xs, NULL, 0, NULL)) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	xs.pctx = pctx;
	/* no network, no DTD loading, no entity substitution, no stderr */
	xmlCtxtUseOptions(pctx, options);
	/* in chunks: libxml2's push parser refuses to look ahead over more
	 * than 10 MB at once ("Huge input lookup") */
	for (size_t off = 0; off < len || len == 0;) {
		size_t n = len - off < XML_CHUNK ? len - off : XML_CHUNK;
		bool last = off + n == len;
		xmlParseChunk(pctx, data + off, (int)n, last);
		/* stopped by a callback, or a fatal error (its message is kept) */
		if (last || xs.doctype_line || b->error || pctx->disableSAX)
			break;
		off += n;
	}
	if (xs.doctype_line) {
		error = cvg__error(CVG_EPARSE,
		        "%s:%zu: DOCTYPE not allowed in a CycloneDX BOM (DTDs and entity "
		        "declarations are refused)",
		        b->ctx->file, xs.doctype_line);
	} else if (b->error) {
		error = b->error;
	} else if (!pctx->wellFormed || xs.err.set) {
		error = cvg__error(CVG_EPARSE, "%s:%d: %s", b->ctx->file,
		        xs.err.line > 0 ? xs.err.line : 1,
		        xs.err.set ? xs.err.message : "malformed XML");
	}
done:
	xmlFreeParserCtxt(pctx);
	xmlSetGenericErrorFunc(saved_ctx, saved_fn);
	return error;
}

/* ---- The format ---- */

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The offset after a UTF-8 byte order mark, if any. */
static size_t skip_bom(const char *data, size_t len)
{
	return len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

static int cdx_parse(cvg__inv_ctx *ctx, const char *data, size_t len)
{
	size_t i = skip_bom(data, len);
	bom b;
	int error;

	bom_init(&b, ctx);
	while (i < len && is_ws(data[i]))
		i++;
	if (i < len && (data[i] == '{' || data[i] == '[')) {
		i = skip_bom(data, len); /* yajl reads no byte order mark */
		error = parse_json(&b, data + i, len - i);
	} else if (i < len && data[i] == '<') {
		error = parse_xml(&b, data, len);
	} else {
		error = cvg__error(CVG_EPARSE,
		        "%s:1: expected a CycloneDX BOM in JSON ('{') or XML ('<')", ctx->file);
	}
	if (error == 0)
		error = bom_finish(&b);
	bom_dispose(&b);
	return error;
}

/* JSON with "bomFormat": "CycloneDX", or XML naming the CycloneDX
 * namespace, in the first 64 KiB: certain. */
static int cdx_sniff(const char *data, size_t len)
{
	size_t i = skip_bom(data, len), window = len < 65536 ? len : 65536;
	const char *p, *end = data + window;

	while (i < len && is_ws(data[i]))
		i++;
	if (i == len)
		return 0;
	if (data[i] == '<')
		return cvg__memmem(data, window, CDX_NS) ? 100 : 0;
	if (data[i] != '{')
		return 0;
	for (p = data; (p = cvg__memmem(p, (size_t)(end - p), "\"bomFormat\"")) != NULL;) {
		p += 11;
		while (p < end && is_ws(*p))
			p++;
		if (p == end || *p != ':')
			continue;
		p++;
		while (p < end && is_ws(*p))
			p++;
		if ((size_t)(end - p) >= 11 && memcmp(p, "\"CycloneDX\"", 11) == 0)
			return 100;
	}
	return 0;
}

const cvg__inv_format cvg__inv_cyclonedx = {
        .name = "cyclonedx",
        .summary = "CycloneDX 1.3-1.6 SBOM, JSON or XML",
        .parse = cdx_parse,
        .sniff = cdx_sniff,
};
