/*
 * lib/scan.c - from an inventory and the database to findings.
 *
 * Steps (docs/matching.md has each rule with a real record):
 *  1. Group packages into components: a binary package belongs to the
 *     recipe/source that a fixed rule names (libc6 -> glibc), or else to
 *     another listed package whose name is its prefix up to a '-' and that
 *     has the same version (busybox-syslog -> busybox). -dbg, -dev, -doc,
 *     -lic and locale packages carry no findings of their own.
 *  2. Map each component to NVD products (pkgmap) and read that product's
 *     cpe_match rows through the product index. A vulnerable row whose
 *     version part matches the component makes its CVE a candidate.
 *  3. Load each candidate record once and evaluate its configurations with
 *     three-valued logic: a cpe match is TRUE when a listed component
 *     matches it, FALSE when none does, and UNKNOWN when it names a
 *     non-vulnerable platform the inventory does not list at all. A Linux
 *     kernel platform is TRUE for an inventory that lists no kernel (every
 *     inventory cvegate reads is a Linux system). TRUE gives a finding,
 *     UNKNOWN a conditional finding.
 *  4. Score, ignore list and threshold decide which findings fail the gate.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cvegate/cpe.h"
#include "cvegate/db.h"
#include "cvegate/scan.h"
#include "lib/cve5_match.h"
#include "lib/db_internal.h"
#include "lib/match.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/strmap.h"

/* ---- Working state ---- */

/* One (component, product) pair, for finding the components a criterion names. */
typedef struct product_ref {
	const char *product; /* NVD product, owned by the map or the component */
	const char *vendor;  /* NULL: any vendor */
	size_t component;
} product_ref;

/* A CVE that matched a component through one of its vulnerable rows. */
typedef struct candidate {
	size_t component;
	int64_t cve;
	char *vendor;
	char *product;
	cvg__match_row row;  /* its key (the strings in it are not kept) */
	char *version;       /* the row's raw version and update, to rebuild a plain */
	char *update;        /* criteria without reading it */
	char plain;          /* the CPE part when plain, else 0 */
	cvg_match_kind kind; /* how the row below matched */
	cvg_cpe_match match; /* the first vulnerable row that matched; criteria read when needed */
} candidate;

static void candidate_dispose(candidate *c)
{
	free(c->version);
	free(c->update);
	free(c->vendor);
	free(c->product);
	free(c->match.criteria);
	free(c->match.start_incl);
	free(c->match.start_excl);
	free(c->match.end_incl);
	free(c->match.end_excl);
}

/* Copy a string that may be NULL; false when out of memory. */
static bool dup_opt(char **out, const char *s)
{
	*out = s ? strdup(s) : NULL;
	return s == NULL || *out != NULL;
}

/* A CVE List record (cve5 rowid) the name index pairs with a component (step 5). */
typedef struct cve5_pair {
	int64_t rec;
	size_t component;
	bool by_words; /* found under its description's words: the import found
	                  that the record names no product */
} cve5_pair;

typedef struct cve5_pairs {
	cve5_pair *v;
	size_t n, cap;
	size_t component; /* while collecting */
	bool by_words;    /* while collecting */
} cve5_pairs;

typedef struct scan_state {
	cvg_scan_result *res;
	const cvg_scan_options *opts;
	cvg_db *db;
	product_ref *refs; /* sorted by product */
	size_t nrefs;
	product_ref *by_component; /* the same refs sorted by component, then product */
	size_t *component_refs;    /* component i's refs: by_component[c_r[i] .. c_r[i+1]) */
	bool has_kernel;
	candidate *cands;
	size_t ncands, capcands;
	/* loaded records: rowid -> index into res->cves */
	int64_t *loaded_ids;
	size_t nloaded;
	/* during a product query: the refs naming that product */
	const product_ref *cur_refs;
	size_t ncur_refs;
	/* during evaluation */
	size_t eval_component;
	bool eval_hit; /* a vulnerable match of eval_component was seen */
	cvg_match_kind eval_kind;
	const cvg_cpe_match *eval_match;
	const cvg_cpe_match *eval_absent; /* first platform match found UNKNOWN */
	/* step 5 */
	bool cve5;     /* the database holds CVE List records */
	cve5_pairs c5; /* (record, component) pairs from the name index */
} scan_state;

static int push_string(char ***array, size_t *count, char *s)
{
	char **p;

	if (s == NULL)
		return cvg__error_oom();
	if ((p = realloc(*array, (*count + 1) * sizeof(char *))) == NULL) {
		free(s);
		return cvg__error_oom();
	}
	p[(*count)++] = s;
	*array = p;
	return 0;
}

/* ---- Step 1: components ---- */

/* The map key of a (name, version) pair: "<length of name>:" name version. */
static char *pair_key(const char *name, size_t nlen, const char *version)
{
	cvg_buf b = CVG_BUF_INIT(0);

	if (cvg__buf_printf(&b, "%zu:%.*s%s", nlen, (int)nlen, name, version) < 0) {
		cvg__buf_dispose(&b);
		return NULL;
	}
	return cvg__buf_detach(&b);
}

/*
 * The recipe/source a package belongs to (a borrowed string), or NULL when
 * out of memory. `listed` maps every listed (name, version) to its package.
 */
static const char *group_name(const cvg_inventory *inv, size_t i, const cvg_pkgmap *map,
        const cvg__strmap *listed, bool *oom)
{
	const cvg_package *p = &inv->packages[i];
	const char *source = cvg_pkgmap_source_name(map, p->name);
	const cvg_product *prods;
	size_t nprods, j;
	cvg_pkgmap_origin origin;

	if (p->ident == CVG_IDENT_CPE) /* the inventory says what it is */
		return p->cpes[0].product;
	if (p->source) /* the list names the source package itself */
		return cvg_pkgmap_source_name(map, p->source);
	if (source != p->name && strcmp(source, p->name) != 0)
		return source;
	/* a name the mapping tables know is its own product, never a sub-package */
	if (cvg_pkgmap_lookup(&prods, &nprods, &origin, map, p->name) == 0 &&
	        origin != CVG_PKGMAP_NAME)
		return p->name;
	/* the longest listed prefix up to a '-' with the same version */
	for (size_t len = strlen(p->name); len-- > 1;) {
		char *key;
		bool hit;

		if (p->name[len] != '-')
			continue;
		if ((key = pair_key(p->name, len, p->version)) == NULL) {
			*oom = true;
			return NULL;
		}
		hit = cvg__strmap_get(listed, key, &j);
		free(key);
		if (hit)
			return cvg_pkgmap_source_name(map, inv->packages[j].name);
	}
	return p->name;
}

/* The map key of a component: CPE-identified ones apart from named ones. */
static char *component_key(const cvg_package *p, const char *name, const char *version)
{
	cvg_buf b = CVG_BUF_INIT(0);
	int error = 0;

	if (p->ident != CVG_IDENT_CPE)
		return pair_key(name, strlen(name), version);
	for (size_t k = 0; k < p->ncpes && error == 0; k++)
		error = cvg__buf_printf(&b, "%s%s:%s", k ? " " : "cpe ",
		        p->cpes[k].vendor ? p->cpes[k].vendor : "*", p->cpes[k].product);
	if (error == 0)
		error = cvg__buf_printf(&b, "\n%s", version);
	if (error < 0) {
		cvg__buf_dispose(&b);
		return NULL;
	}
	return cvg__buf_detach(&b);
}

static int cmp_components(const void *a, const void *b)
{
	const cvg_component *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : strcmp(x->version, y->version);
}

static int build_components(scan_state *s, const cvg_inventory *inv)
{
	cvg_scan_result *res = s->res;
	cvg__strmap listed = CVG__STRMAP_INIT, comps = CVG__STRMAP_INIT;
	bool oom = false;
	char *key = NULL;
	int error = 0;

	if (inv->npackages == 0)
		return 0;
	if ((res->components = calloc(inv->npackages, sizeof(cvg_component))) == NULL)
		return cvg__error_oom();
	for (size_t i = 0; i < inv->npackages && error == 0; i++) {
		const cvg_package *p = &inv->packages[i];
		if ((key = pair_key(p->name, strlen(p->name), p->version)) == NULL)
			error = cvg__error_oom();
		else
			error = cvg__strmap_add(&listed, key, i, NULL);
		free(key);
		key = NULL;
	}
	for (size_t i = 0; i < inv->npackages && error == 0; i++) {
		const cvg_package *p = &inv->packages[i];
		const char *name = group_name(inv, i, s->opts->map, &listed, &oom);
		const char *version = p->cpe_version      ? p->cpe_version
		                      : p->source_version ? p->source_version
		                                          : p->version;
		bool aux = p->ident == CVG_IDENT_NAME && cvg_pkgmap_is_auxiliary(p->name), found;
		size_t at;
		cvg_component *c;

		if (oom || (key = component_key(p, name, version)) == NULL ||
		        cvg__strmap_add(&comps, key, res->ncomponents, &found) < 0) {
			error = cvg__error_oom();
			break;
		}
		cvg__strmap_get(&comps, key, &at);
		free(key);
		key = NULL;
		if (!found) {
			c = &res->components[res->ncomponents++];
			c->name = strdup(name);
			c->version = strdup(version);
			if (c->name == NULL || c->version == NULL) {
				error = cvg__error_oom();
				break;
			}
			c->scheme = p->cpe_version ? CVG_VERSION_UPSTREAM : p->scheme;
			c->file = p->file;
			c->line = p->line;
			c->ident = p->ident;
			c->ident_text = p->ident_text;
			c->cpes = p->cpes;
			c->ncpes = p->ncpes;
			c->auxiliary = true;
			/* a version that cannot be reduced stays NULL: only
			 * any-version criteria can match it, others are counted */
			if (cvg_version_upstream(&c->upstream, version, c->scheme) < 0)
				c->upstream = NULL;
		} else {
			c = &res->components[at];
		}
		if (p->distro && !c->distro) {
			c->distro = true;
			c->distro_version = p->version;
		}
		c->auxiliary = c->auxiliary && aux;
		if (s->opts->explain && (strcmp(p->name, s->opts->explain) == 0 ||
		                                strcmp(name, s->opts->explain) == 0))
			c->explained = true;
		error = push_string(&c->packages, &c->npackages, strdup(p->name));
	}
	free(key);
	cvg__strmap_dispose(&listed);
	cvg__strmap_dispose(&comps);
	return error;
}

/* ---- Step 2: products and candidates ---- */

static int cmp_refs(const void *a, const void *b)
{
	const product_ref *x = a, *y = b;
	return strcmp(x->product, y->product);
}

static int cmp_refs_by_component(const void *a, const void *b)
{
	const product_ref *x = a, *y = b;

	if (x->component != y->component)
		return x->component < y->component ? -1 : 1;
	return strcmp(x->product, y->product);
}

/* The refs again, grouped by component, for collecting per component. */
static int index_by_component(scan_state *s)
{
	size_t n = s->res->ncomponents;

	s->by_component = malloc((s->nrefs ? s->nrefs : 1) * sizeof(product_ref));
	s->component_refs = calloc(n + 1, sizeof(size_t));
	if (s->by_component == NULL || s->component_refs == NULL)
		return cvg__error_oom();
	if (s->nrefs)
		memcpy(s->by_component, s->refs, s->nrefs * sizeof(product_ref));
	qsort(s->by_component, s->nrefs, sizeof(product_ref), cmp_refs_by_component);
	for (size_t r = 0; r < s->nrefs; r++)
		s->component_refs[s->by_component[r].component + 1]++;
	for (size_t c = 0; c < n; c++)
		s->component_refs[c + 1] += s->component_refs[c];
	return 0;
}

static int build_product_refs(scan_state *s)
{
	cvg_scan_result *res = s->res;
	cvg_buf names = CVG_BUF_INIT(1u << 16);
	int error = 0;

	for (size_t i = 0; i < res->ncomponents; i++) {
		cvg_component *c = &res->components[i];
		const cvg_product *prods;
		cvg_product *own = NULL;
		size_t n;

		if (c->auxiliary)
			continue;
		if (c->ident == CVG_IDENT_CPE) {
			/* the refs borrow the inventory's strings */
			if ((own = calloc(c->ncpes, sizeof(*own))) == NULL) {
				error = cvg__error_oom();
				goto done;
			}
			for (size_t k = 0; k < c->ncpes; k++) {
				own[k].vendor = c->cpes[k].vendor;
				own[k].product = c->cpes[k].product;
			}
			prods = own;
			n = c->ncpes;
		} else if ((error = cvg_pkgmap_lookup(
		                    &prods, &n, &c->origin, s->opts->map, c->name)) < 0) {
			goto done;
		}
		cvg__buf_clear(&names);
		for (size_t k = 0; k < n && error == 0; k++) {
			product_ref *r = realloc(s->refs, (s->nrefs + 1) * sizeof(product_ref));
			if (r == NULL) {
				error = cvg__error_oom();
				break;
			}
			s->refs = r;
			s->refs[s->nrefs].product = prods[k].product;
			s->refs[s->nrefs].vendor = prods[k].vendor;
			s->refs[s->nrefs].component = i;
			s->nrefs++;
			if (strcmp(prods[k].product, "linux_kernel") == 0)
				s->has_kernel = true;
			error = cvg__buf_printf(&names, "%s%s:%s", k ? " " : "",
			        prods[k].vendor ? prods[k].vendor : "*", prods[k].product);
		}
		free(own);
		if (error < 0)
			goto done;
		if ((c->products = strdup(names.ptr ? names.ptr : "")) == NULL) {
			error = cvg__error_oom();
			goto done;
		}
	}
	if (s->nrefs)
		qsort(s->refs, s->nrefs, sizeof(product_ref), cmp_refs);
	if ((error = index_by_component(s)) < 0)
		goto done;
done:
	cvg__buf_dispose(&names);
	return error;
}

static int note_skipped(scan_state *s, cvg_component *c, const cvg__match_row *row, cvg__verdict v)
{
	cvg_buf b = CVG_BUF_INIT(4096);
	char *cve_id = NULL, *criteria = NULL;
	int error;

	if ((error = cvg__db_cve_id(&cve_id, s->db, row->cve)) < 0 ||
	        (error = cvg__db_criteria(&criteria, s->db, row)) < 0)
		goto done;
	error = cvg__buf_printf(&b, "%s %s: %s", cve_id, criteria,
	        v == CVG_VERDICT_NA ? "criterion version is '-' (not applicable)"
	                            : "version comparison not possible");
	if (error == 0) {
		for (size_t i = 0; i < c->nskipped; i++) {
			if (strcmp(c->skipped[i], b.ptr) == 0)
				goto done;
		}
		error = push_string(&c->skipped, &c->nskipped, cvg__buf_detach(&b));
	}
done:
	free(cve_id);
	free(criteria);
	cvg__buf_dispose(&b);
	return error;
}

/* Explaining: " from A (including)" and the like, as the row bounds it. */
static int add_row_bounds(cvg_buf *b, const cvg__match_row *row)
{
	int error = 0;

	if (row->start_incl)
		error = cvg__buf_printf(b, " from %s (including)", row->start_incl);
	if (error == 0 && row->start_excl)
		error = cvg__buf_printf(b, " from %s (excluding)", row->start_excl);
	if (error == 0 && row->end_incl)
		error = cvg__buf_printf(b, " up to %s (including)", row->end_incl);
	if (error == 0 && row->end_excl)
		error = cvg__buf_printf(b, " up to %s (excluding)", row->end_excl);
	return error;
}

/* Explaining: one line per vulnerable criterion compared with the component. */
static int note_tried(scan_state *s, cvg_component *c, const cvg__match_row *row, cvg__verdict v,
        cvg_match_kind kind)
{
	cvg_buf b = CVG_BUF_INIT(4096);
	char *cve_id = NULL, *criteria = NULL;
	const char *verdict = "does not match this version";
	int error;

	if (c->ntried >= CVG_SCAN_TRIED_MAX) {
		c->ntried++;
		return 0;
	}
	if (v == CVG_VERDICT_YES)
		verdict = kind == CVG_MATCH_ANY     ? "matches: any version"
		          : kind == CVG_MATCH_EXACT ? "matches: the same version"
		                                    : "matches: inside the range";
	else if (v == CVG_VERDICT_NA)
		verdict = "not evaluated: the criterion's version is '-'";
	else if (v != CVG_VERDICT_NO)
		verdict = "not evaluated: the versions cannot be compared";
	if ((error = cvg__db_cve_id(&cve_id, s->db, row->cve)) < 0 ||
	        (error = cvg__db_criteria(&criteria, s->db, row)) < 0 ||
	        (error = cvg__buf_printf(&b, "%s %s", cve_id, criteria)) < 0 ||
	        (error = add_row_bounds(&b, row)) < 0 ||
	        (error = cvg__buf_printf(&b, ": %s", verdict)) < 0)
		goto done;
	error = push_string(&c->tried, &c->ntried, cvg__buf_detach(&b));
done:
	free(cve_id);
	free(criteria);
	cvg__buf_dispose(&b);
	return error;
}

static int add_candidate(
        scan_state *s, size_t component, const cvg__match_row *row, cvg_match_kind kind)
{
	candidate *c;

	if (s->ncands == s->capcands) {
		size_t cap = s->capcands ? s->capcands * 2 : 64;
		if ((c = realloc(s->cands, cap * sizeof(candidate))) == NULL)
			return cvg__error_oom();
		s->cands = c;
		s->capcands = cap;
	}
	c = &s->cands[s->ncands];
	memset(c, 0, sizeof(*c));
	c->component = component;
	c->cve = row->cve;
	c->row = *row;
	c->kind = kind;
	c->match.vulnerable = true;
	c->plain = row->plain_part ? row->plain_part[0] : 0;
	if (!dup_opt(&c->vendor, row->vendor) || !dup_opt(&c->product, row->product) ||
	        !dup_opt(&c->version, row->version) || !dup_opt(&c->update, row->update) ||
	        !dup_opt(&c->match.start_incl, row->start_incl) ||
	        !dup_opt(&c->match.start_excl, row->start_excl) ||
	        !dup_opt(&c->match.end_incl, row->end_incl) ||
	        !dup_opt(&c->match.end_excl, row->end_excl)) {
		candidate_dispose(c);
		return cvg__error_oom();
	}
	s->ncands++;
	return 0;
}

/* One row of a product: a candidate for every component it matches. */
static int product_row(const cvg__match_row *row, void *payload)
{
	scan_state *s = payload;
	cvg_cpe_attr version, update;
	char vbuf[256], ubuf[256];
	bool parsed = false, bad = false;
	int error;

	for (size_t i = 0; i < s->ncur_refs; i++) {
		const product_ref *ref = &s->cur_refs[i];
		cvg_component *c = &s->res->components[ref->component];
		cvg_match_kind kind;
		cvg__verdict v;

		if (ref->vendor && strcasecmp(ref->vendor, row->vendor) != 0)
			continue;
		if (!parsed) {
			parsed = true;
			bad = cvg_cpe_attr_from_raw(&version, vbuf, sizeof(vbuf), row->version,
			              CVG_CPE_VERSION) < 0 ||
			      cvg_cpe_attr_from_raw(
			              &update, ubuf, sizeof(ubuf), row->update, CVG_CPE_UPDATE) < 0;
		}
		if (bad) {
			v = CVG_VERDICT_UNKNOWN;
		} else {
			cvg__version_spec spec = {&version, &update, row->start_incl,
			        row->start_excl, row->end_incl, row->end_excl};
			v = cvg__match_version(&kind, &spec, c->upstream);
		}
		if (c->explained && (error = note_tried(s, c, row, v, kind)) < 0)
			return error;
		if (v == CVG_VERDICT_YES)
			error = add_candidate(s, ref->component, row, kind);
		else if (v == CVG_VERDICT_NO)
			error = 0;
		else
			error = note_skipped(s, c, row, v);
		if (error < 0)
			return error;
	}
	return 0;
}

/* Order candidates by component, CVE, then row, to keep one per pair. */
static int cmp_component_cve(const void *a, const void *b)
{
	const candidate *x = a, *y = b;

	if (x->component != y->component)
		return x->component < y->component ? -1 : 1;
	if (x->cve != y->cve)
		return x->cve < y->cve ? -1 : 1;
	return x->row.id < y->row.id ? -1 : x->row.id > y->row.id;
}

/* Candidates of one component: each of its products' rows read once. */
static int collect_component(scan_state *s, size_t component)
{
	const product_ref *own = &s->by_component[s->component_refs[component]];
	size_t n = s->component_refs[component + 1] - s->component_refs[component];
	cvg_component *c = &s->res->components[component];
	long long key;
	bool keyed;
	int error = 0;

	/* Exact criteria with another leading number cannot match: the index
	 * skips them. A version without a key (or none) reads every row, so
	 * the criteria it cannot compare are still reported. */
	keyed = c->upstream && cvg_version_upstream_key(&key, c->upstream) == 0;
	for (size_t r = 0; r < n && error == 0; r++) {
		size_t count;
		if ((error = cvg__db_count_product(&count, s->db, own[r].product, own[r].vendor)) ==
		        0)
			c->nrows += count;
	}
	for (size_t r = 0, e; r < n && error == 0; r = e) {
		for (e = r + 1; e < n && strcmp(own[e].product, own[r].product) == 0; e++)
			;
		s->cur_refs = &own[r];
		s->ncur_refs = e - r;
		error = cvg__db_foreach_product_match(
		        s->db, own[r].product, keyed ? &key : NULL, product_row, s);
	}
	return error;
}

/* Keep one candidate per component and CVE: the one from the first row in id order. */
static void dedupe_candidates(scan_state *s)
{
	size_t kept = 0;

	if (s->ncands)
		qsort(s->cands, s->ncands, sizeof(candidate), cmp_component_cve);
	for (size_t i = 0; i < s->ncands; i++) {
		if (kept > 0 && s->cands[kept - 1].component == s->cands[i].component &&
		        s->cands[kept - 1].cve == s->cands[i].cve) {
			candidate_dispose(&s->cands[i]);
			continue;
		}
		s->cands[kept++] = s->cands[i];
	}
	s->ncands = kept;
}

/* ---- Step 3: evaluation ---- */

/* Does component i match the criterion of m? */
static cvg__verdict component_matches(
        const cvg_component *c, const cvg_cpe *cpe, const cvg_cpe_match *m, cvg_match_kind *kind)
{
	cvg__version_spec spec = {&cpe->attr[CVG_CPE_VERSION], &cpe->attr[CVG_CPE_UPDATE],
	        m->start_incl, m->start_excl, m->end_incl, m->end_excl};

	return cvg__match_version(kind, &spec, c->upstream);
}

/* An attribute as the database keys it: unescaped, or "*" / "-". */
static const char *attr_text(const cvg_cpe_attr *a)
{
	return a->value ? a->value : a->raw;
}

static cvg__tri truth(const cvg_cpe_match *m, void *payload)
{
	scan_state *s = payload;
	const char *vendor, *product;
	product_ref key = {NULL, NULL, 0};
	product_ref *r;
	cvg_cpe *cpe = NULL;
	bool listed = false, unknown = false, yes = false, kernel;

	if (cvg_cpe_parse(&cpe, m->criteria) < 0)
		return m->vulnerable ? CVG_TRI_FALSE : CVG_TRI_UNKNOWN;
	vendor = attr_text(&cpe->attr[CVG_CPE_VENDOR]);
	product = key.product = attr_text(&cpe->attr[CVG_CPE_PRODUCT]);
	r = s->nrefs ? bsearch(&key, s->refs, s->nrefs, sizeof(product_ref), cmp_refs) : NULL;
	while (r && r > s->refs && strcmp((r - 1)->product, product) == 0)
		r--;
	for (; r && r < s->refs + s->nrefs && strcmp(r->product, product) == 0; r++) {
		const cvg_component *c = &s->res->components[r->component];
		cvg_match_kind kind;
		cvg__verdict v;

		if (r->vendor && strcasecmp(r->vendor, vendor) != 0)
			continue;
		listed = true;
		v = component_matches(c, cpe, m, &kind);
		/* a platform named without a version ("linux_kernel:-") is the
		 * platform as such: any listed version of it satisfies it */
		if (v == CVG_VERDICT_NA && !m->vulnerable)
			v = CVG_VERDICT_YES;
		if (v == CVG_VERDICT_YES) {
			yes = true;
			if (m->vulnerable && r->component == s->eval_component && !s->eval_hit) {
				s->eval_hit = true;
				s->eval_kind = kind;
				s->eval_match = m;
			}
		} else if (v != CVG_VERDICT_NO) {
			unknown = true;
		}
	}
	kernel = strcmp(product, "linux_kernel") == 0 && strcmp(vendor, "linux") == 0;
	cvg_cpe_free(cpe);
	if (yes)
		return CVG_TRI_TRUE;
	if (m->vulnerable)
		return CVG_TRI_FALSE;
	/* a non-vulnerable platform part ("running on" / "used with") */
	if (!listed && kernel && !s->has_kernel)
		return CVG_TRI_TRUE;
	if (!listed || unknown) {
		if (s->eval_absent == NULL)
			s->eval_absent = m;
		return CVG_TRI_UNKNOWN;
	}
	return CVG_TRI_FALSE;
}

static int load_cve(const cvg_cve **out, scan_state *s, int64_t rowid)
{
	cvg_scan_result *res = s->res;
	cvg_cve *cve = NULL, **cves;
	int64_t *ids;
	int error;

	for (size_t i = 0; i < s->nloaded; i++) {
		if (s->loaded_ids[i] == rowid) {
			*out = res->cves[i];
			return 0;
		}
	}
	if ((error = cvg__db_load_cve(&cve, s->db, rowid,
	             CVG__LOAD_SKIP_SIMPLE |
	                     (s->opts->full_records ? 0 : CVG__LOAD_METRICS_ONLY))) < 0)
		return error;
	cves = realloc(res->cves, (res->ncves + 1) * sizeof(cvg_cve *));
	if (cves)
		res->cves = cves;
	ids = realloc(s->loaded_ids, (s->nloaded + 1) * sizeof(int64_t));
	if (ids)
		s->loaded_ids = ids;
	if (cves == NULL || ids == NULL) {
		cvg_cve_free(cve);
		return cvg__error_oom();
	}
	res->cves[res->ncves++] = cve;
	s->loaded_ids[s->nloaded++] = rowid;
	*out = cve;
	return 0;
}

/* Readable form of a criterion and its bounds. */
static char *describe_match(const cvg_cpe_match *m)
{
	cvg_buf b = CVG_BUF_INIT(8192);
	int error = cvg__buf_puts(&b, m->criteria);

	if (error == 0 && m->start_incl)
		error = cvg__buf_printf(&b, " from %s (including)", m->start_incl);
	if (error == 0 && m->start_excl)
		error = cvg__buf_printf(&b, " from %s (excluding)", m->start_excl);
	if (error == 0 && m->end_incl)
		error = cvg__buf_printf(&b, " up to %s (including)", m->end_incl);
	if (error == 0 && m->end_excl)
		error = cvg__buf_printf(&b, " up to %s (excluding)", m->end_excl);
	if (error < 0) {
		cvg__buf_dispose(&b);
		return NULL;
	}
	return cvg__buf_detach(&b);
}

/*
 * Whose score is preferred: the NVD's own (Primary, or 1.1's untyped), then
 * the CNA's (the NVD's Secondary scores are the CNA's too), then an ADP's.
 */
static int metric_rank(const cvg_metric *m)
{
	if (m->type == NULL || strcmp(m->type, "Primary") == 0)
		return 0;
	if (strcmp(m->type, "ADP") == 0)
		return 2;
	return 1;
}

/* The better of two scores of the wanted CVSS major version (0: any). */
static const cvg_metric *pick_metric(const cvg_cve *cve, int major_wanted)
{
	const cvg_metric *best = NULL;

	for (size_t i = 0; i < cve->nmetrics; i++) {
		const cvg_metric *m = &cve->metrics[i];
		int major = m->version == CVG_CVSS_V40 ? 4 : m->version == CVG_CVSS_V2 ? 2 : 3;

		if (m->score == NULL || (major_wanted && major != major_wanted))
			continue;
		/* the preferred source first; then the newest CVSS version */
		if (best == NULL || metric_rank(m) < metric_rank(best) ||
		        (metric_rank(m) == metric_rank(best) && m->version > best->version))
			best = m;
	}
	return best;
}

const cvg_metric *cvg_scan_gate_metric(const cvg_cve *cve)
{
	return pick_metric(cve, 0);
}

const cvg_metric *cvg_scan_pick_metric(const cvg_cve *cve, int version)
{
	const cvg_metric *m = version ? pick_metric(cve, version) : NULL;

	return m ? m : pick_metric(cve, 0);
}

cvg_severity cvg_severity_of_score(const char *score)
{
	double v;
	char *end;

	if (score == NULL)
		return CVG_SEV_NONE;
	v = strtod(score, &end);
	if (end == score || v <= 0)
		return CVG_SEV_NONE;
	return v >= 9.0   ? CVG_SEV_CRITICAL
	       : v >= 7.0 ? CVG_SEV_HIGH
	       : v >= 4.0 ? CVG_SEV_MEDIUM
	                  : CVG_SEV_LOW;
}

const char *cvg_severity_name(cvg_severity s)
{
	static const char *const names[] = {"none", "low", "medium", "high", "critical"};

	return (unsigned)s < 5 ? names[s] : "none";
}

const char *cvg_match_kind_name(cvg_match_kind kind)
{
	switch (kind) {
	case CVG_MATCH_RANGE:
		return "range";
	case CVG_MATCH_EXACT:
		return "exact";
	case CVG_MATCH_ANY:
		return "any-version";
	}
	return "?";
}

/* Whether a score reaches the gate: -a and --fail-on both, when given. */
static bool passes_threshold(const cvg_scan_options *o, const cvg_metric *m)
{
	if (o->min_score >= 0 && strtod(m->score, NULL) < o->min_score)
		return false;
	if (o->fail_on != CVG_SEV_NONE && cvg_severity_of_score(m->score) < o->fail_on)
		return false;
	return true;
}

/* The ignore entry for a CVE in component c: matched against its name, its
 * binary packages and its vendor:product products. */
static cvg_ignore_entry *find_ignore(const cvg_ignore *ign, const char *cve, const cvg_component *c)
{
	const char *names[64];
	char products[1024];
	size_t n = 0;

	names[n++] = c->name;
	for (size_t i = 0; i < c->npackages && n < 32; i++)
		names[n++] = c->packages[i];
	snprintf(products, sizeof(products), "%s", c->products ? c->products : "");
	for (char *p = products, *sp; *p && n < 64; p = sp) {
		if ((sp = strchr(p, ' ')) != NULL)
			*sp++ = '\0';
		else
			sp = p + strlen(p);
		names[n++] = p;
	}
	return cvg_ignore_find(ign, cve, names, n);
}

/*
 * Append a finding of component `component` in record `cve` and let the
 * gate judge it. `criterion`, `condition` and `provider` are taken over
 * (freed here on failure); vendor and product are copied.
 */
static int push_finding(scan_state *s, cvg_finding *tmpl, char *criterion, char *condition,
        char *provider, const char *vendor, const char *product)
{
	cvg_scan_result *res = s->res;
	const cvg_scan_options *o = s->opts;
	cvg_finding *f, *p;

	if ((p = realloc(res->findings, (res->nfindings + 1) * sizeof(cvg_finding))) == NULL)
		goto oom;
	res->findings = p;
	f = &res->findings[res->nfindings];
	*f = *tmpl;
	f->criterion = criterion;
	f->condition = condition;
	f->provider = provider;
	f->vendor = vendor ? strdup(vendor) : NULL;
	f->product = product ? strdup(product) : NULL;
	if (criterion == NULL || (vendor && f->vendor == NULL) || (product && f->product == NULL)) {
		free(f->vendor);
		free(f->product);
		goto oom;
	}
	res->nfindings++;
	f->metric = cvg_scan_pick_metric(f->cve, o->cvss);
	if (o->ignore) {
		cvg_ignore_entry *e =
		        find_ignore(o->ignore, f->cve->id, &res->components[f->component]);
		if (e && cvg_ignore_expired(e, o->now ? o->now : (long long)time(NULL)))
			f->expired = e;
		else
			f->ignored = e;
	}
	if (f->ignored) {
		res->nignored++;
		return 0;
	}
	if (f->expired) {
		/* a judgement that ran out is due again: it fails whatever else holds */
		f->failing = true;
		res->nfailing++;
		res->nexpired++;
		return 0;
	}
	if (f->unassessed) {
		/* no verdict on the version: listed, failing only when asked */
		res->nunassessed++;
		if (o->fail_on_unassessed) {
			f->failing = true;
			res->nfailing++;
		}
		return 0;
	}
	if (f->conditional)
		res->nconditional++;
	if (f->conditional && !o->strict)
		return 0;
	if (f->metric ? !passes_threshold(o, f->metric) : o->unscored_pass) {
		f->below_threshold = true;
		res->nbelow++;
		return 0;
	}
	f->failing = true;
	res->nfailing++;
	return 0;
oom:
	free(criterion);
	free(condition);
	free(provider);
	return cvg__error_oom();
}

static int add_finding(scan_state *s, const candidate *cand, const cvg_cve *cve, bool conditional)
{
	cvg_finding f;
	char *condition = NULL;
	bool rejected = false;
	int error;

	/* the CVE Program rejected it: the NVD's copy may not know yet */
	if ((error = cvg__db_cve5_rejected(&rejected, s->db, cve->id)) < 0 || rejected)
		return error;
	memset(&f, 0, sizeof(f));
	f.component = cand->component;
	f.cve = cve;
	f.kind = s->eval_kind;
	f.conditional = conditional;
	f.origin = CVG_ORIGIN_NVD;
	if (conditional && s->eval_absent && (condition = describe_match(s->eval_absent)) == NULL)
		return cvg__error_oom();
	return push_finding(
	        s, &f, describe_match(s->eval_match), condition, NULL, cand->vendor, cand->product);
}

/* The criteria string of a candidate's row: rebuilt when plain, else read. */
static int candidate_criteria(scan_state *s, candidate *cand)
{
	char buf[1100]; /* four attributes of at most 255 bytes and the rest */
	int error;

	if (!cand->plain)
		return cvg__db_criteria(&cand->match.criteria, s->db, &cand->row);
	if ((error = cvg_cpe_key_format(buf, sizeof(buf), cand->plain, cand->vendor, cand->product,
	             cand->version, cand->update)) < 0)
		return error;
	return (cand->match.criteria = strdup(buf)) ? 0 : cvg__error_oom();
}

/* The best configuration so far for one component: one that holds beats
 * one that holds only conditionally (UNKNOWN), which beats none. */
typedef struct config_best {
	cvg__tri best; /* FALSE until a configuration holds */
	cvg_match_kind kind;
	const cvg_cpe_match *match;  /* its vulnerable criterion that named the component */
	const cvg_cpe_match *absent; /* conditional: its platform the inventory lacks */
} config_best;

#define CONFIG_BEST_INIT                                                                           \
	{                                                                                          \
		CVG_TRI_FALSE, CVG_MATCH_ANY, NULL, NULL                                           \
	}

/* Evaluate one configuration for `component`; true when it beats *b (then
 * *b holds it). */
static bool config_better(scan_state *s, size_t component, const cvg_config *cfg, config_best *b)
{
	cvg__tri t;

	s->eval_component = component;
	s->eval_hit = false;
	s->eval_absent = NULL;
	t = cvg__config_eval(cfg, truth, s);
	if (!s->eval_hit || t == CVG_TRI_FALSE ||
	        (t == CVG_TRI_UNKNOWN && b->best != CVG_TRI_FALSE))
		return false;
	b->best = t;
	b->kind = s->eval_kind;
	b->match = s->eval_match;
	b->absent = s->eval_absent;
	return true;
}

static int evaluate(scan_state *s, candidate *cand)
{
	const cvg_cve *cve = NULL;
	config_best b = CONFIG_BEST_INIT;
	int error;

	if ((error = load_cve(&cve, s, cand->cve)) < 0)
		return error;
	if (cve->nconfigs == 0) {
		/* a simple record: the vulnerable row that matched decides */
		if (cand->match.criteria == NULL && (error = candidate_criteria(s, cand)) < 0)
			return error;
		s->eval_kind = cand->kind;
		s->eval_match = &cand->match;
		s->eval_absent = NULL;
		return add_finding(s, cand, cve, false);
	}
	for (size_t i = 0; i < cve->nconfigs && b.best != CVG_TRI_TRUE; i++)
		config_better(s, cand->component, &cve->configs[i], &b);
	if (b.best == CVG_TRI_FALSE)
		return 0;
	s->eval_kind = b.kind;
	s->eval_match = b.match;
	s->eval_absent = b.absent;
	return add_finding(s, cand, cve, b.best == CVG_TRI_UNKNOWN);
}

static int cmp_candidates(const void *a, const void *b)
{
	const candidate *x = a, *y = b;

	if (x->cve != y->cve)
		return x->cve < y->cve ? -1 : 1;
	return x->component < y->component ? -1 : x->component > y->component;
}

/* CVE ids in numeric order: CVE-2014-999 before CVE-2014-1000. */
static int cmp_cve_ids(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (strncmp(a, b, 9) != 0 || la == lb)
		return strcmp(a, b);
	return la < lb ? -1 : 1;
}

static int cmp_findings(const void *a, const void *b)
{
	const cvg_finding *x = a, *y = b;

	if (x->component != y->component)
		return x->component < y->component ? -1 : 1;
	return cmp_cve_ids(x->cve->id, y->cve->id);
}

/* ---- Step 5: the CVE List v5 ---- */

/*
 * The second source (docs/matching.md section 6). Records are found through
 * the name index (cvg_cve5_name_key of their products, package names and
 * CPE products; for records that name nothing, the words of their
 * description); a record the NVD has analysed is left to the NVD, which
 * steps 2-4 handled. For the others, per component, the first of these
 * that names it decides: the ADP containers' affected entries, the CNA's
 * cpeApplicability, the CNA's affected entries. A record that names no
 * product at all but whose description names the component gives an
 * unassessed finding.
 */

static int cve5_pair_add(int64_t id, void *payload)
{
	cve5_pairs *p = payload;

	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		cve5_pair *v = realloc(p->v, cap * sizeof(*v));
		if (v == NULL)
			return cvg__error_oom();
		p->v = v;
		p->cap = cap;
	}
	p->v[p->n].rec = id;
	p->v[p->n].component = p->component;
	p->v[p->n].by_words = p->by_words;
	p->n++;
	return 0;
}

static int cmp_cve5_pairs(const void *a, const void *b)
{
	const cve5_pair *x = a, *y = b;

	if (x->rec != y->rec)
		return x->rec < y->rec ? -1 : 1;
	return x->component < y->component ? -1 : x->component > y->component;
}

/* Component i as the CVE List matching sees it; `prods` holds its products. */
static int cve5_target(scan_state *s, size_t i, cvg__cve5_target *t, cvg_product **prods)
{
	const cvg_component *c = &s->res->components[i];
	const product_ref *own = &s->by_component[s->component_refs[i]];
	size_t n = s->component_refs[i + 1] - s->component_refs[i];

	if ((*prods = calloc(n ? n : 1, sizeof(cvg_product))) == NULL)
		return cvg__error_oom();
	for (size_t k = 0; k < n; k++) {
		(*prods)[k].vendor = own[k].vendor;
		(*prods)[k].product = own[k].product;
	}
	memset(t, 0, sizeof(*t));
	t->name = c->name;
	t->packages = c->packages;
	t->npackages = c->npackages;
	t->products = *prods;
	t->nproducts = n;
	t->version = c->version;
	t->scheme = c->scheme;
	return 0;
}

/* The CVE List records indexed under component i's names, into s->c5
 * (phase 1, by the worker that took the component). */
static int cve5_collect(scan_state *s, size_t i)
{
	char keys[64][CVG_CVE5_NAME_KEY_MAX];
	char word[CVG_CVE5_NAME_KEY_MAX + sizeof(CVG_CVE5_WORD_PREFIX)];
	cve5_pairs *pairs = &s->c5;
	cvg__cve5_target t;
	cvg_product *prods = NULL;
	size_t n, own;
	int error;

	if ((error = cve5_target(s, i, &t, &prods)) < 0)
		return error;
	/* descriptions name products and projects, rarely binary packages
	 * ("libsqlite3-0"): their words are looked up by the first keys only */
	t.npackages = 0;
	own = cvg__cve5_target_keys(keys, 64, &t);
	t.npackages = s->res->components[i].npackages;
	n = cvg__cve5_target_keys(keys, 64, &t);
	pairs->component = i;
	for (size_t k = 0; k < n && error == 0; k++) {
		size_t before = pairs->n;

		pairs->by_words = false;
		if ((error = cvg__db_cve5_foreach_name(s->db, keys[k], cve5_pair_add, pairs)) == 0)
			s->res->components[i].nrecords += pairs->n - before;
		if (error == 0 && k < own) {
			snprintf(word, sizeof(word), CVG_CVE5_WORD_PREFIX "%s", keys[k]);
			pairs->by_words = true;
			error = cvg__db_cve5_foreach_name(s->db, word, cve5_pair_add, pairs);
		}
	}
	free(prods);
	return error;
}

typedef struct word_search {
	char (*keys)[CVG_CVE5_NAME_KEY_MAX];
	size_t nkeys;
	const char *found;
} word_search;

static int word_is_key(const char *key, void *payload)
{
	word_search *w = payload;

	for (size_t i = 0; i < w->nkeys; i++) {
		if (strcmp(key, w->keys[i]) == 0) {
			w->found = w->keys[i];
			return 1;
		}
	}
	return 0;
}

/* The first of the target's keys that is a word of the description, or NULL. */
static const char *cve5_described(
        const cvg_cve5 *rec, char (*keys)[CVG_CVE5_NAME_KEY_MAX], size_t nkeys)
{
	word_search w = {keys, nkeys, NULL};

	cvg_cve5_foreach_word(rec->description, word_is_key, &w);
	return w.found;
}

typedef struct cve5_eval {
	const cvg_cve5 *rec;
	const cvg_cve *nvd; /* the NVD's unanalysed record, or NULL */
	const cvg_cve *cve; /* the merged record findings point at, built once */
} cve5_eval;

static int cve5_finding(scan_state *s, cve5_eval *e, size_t component, cvg_origin origin,
        size_t container, cvg_match_kind kind, bool unassessed, bool conditional, char *criterion,
        char *condition, const cvg_product *product)
{
	const cvg_component *c = &s->res->components[component];
	const char *provider = cvg_cve5_container_name(e->rec, container);
	char *prov;
	cvg_finding f;
	int error;

	if (e->cve == NULL) {
		cvg_cve *cve = NULL, **cves;
		if ((error = cvg__cve5_to_cve(&cve, e->rec, e->nvd)) < 0) {
			free(criterion);
			free(condition);
			return error;
		}
		if ((cves = realloc(s->res->cves, (s->res->ncves + 1) * sizeof(cvg_cve *))) ==
		        NULL) {
			cvg_cve_free(cve);
			free(criterion);
			free(condition);
			return cvg__error_oom();
		}
		s->res->cves = cves;
		s->res->cves[s->res->ncves++] = cve;
		e->cve = cve;
	}
	memset(&f, 0, sizeof(f));
	f.component = component;
	f.cve = e->cve;
	f.kind = kind;
	f.conditional = conditional;
	f.unassessed = unassessed;
	f.origin = origin;
	if ((prov = strdup(provider)) == NULL) {
		free(criterion);
		free(condition);
		return cvg__error_oom();
	}
	return push_finding(s, &f, criterion, condition, prov,
	        product && product->vendor ? product->vendor : NULL,
	        product ? product->product : c->name);
}

/* Explaining: what the CVE List said about an explained component. */
static int cve5_note(scan_state *s, size_t component, const cvg_cve5 *rec, const char *what)
{
	cvg_component *c = &s->res->components[component];
	cvg_buf b = CVG_BUF_INIT(1u << 16);

	if (!c->explained)
		return 0;
	if (c->ntried >= CVG_SCAN_TRIED_MAX) {
		c->ntried++;
		return 0;
	}
	if (cvg__buf_printf(&b, "%s [CVE List] %s", rec->id, what) < 0) {
		cvg__buf_dispose(&b);
		return cvg__error_oom();
	}
	return push_string(&c->tried, &c->ntried, cvg__buf_detach(&b));
}

/* The CNA's cpeApplicability for one component, evaluated like NVD configurations. */
static int cve5_configs(
        scan_state *s, cve5_eval *e, size_t component, const cvg__cve5_target *t, bool *named)
{
	const cvg_cve5 *rec = e->rec;
	config_best b = CONFIG_BEST_INIT;
	cvg_product prod = {NULL, NULL};
	cvg_cpe *cpe = NULL;
	char *condition = NULL;
	size_t container = 0;
	int error;

	*named = false;
	for (size_t i = 0; i < rec->nconfigs && b.best != CVG_TRI_TRUE; i++) {
		const cvg_cve5_config *cf = &rec->configs[i];

		if (rec->containers[cf->container].adp || !cvg__cve5_config_names(&cf->config, t))
			continue;
		*named = true;
		if (config_better(s, component, &cf->config, &b))
			container = cf->container;
	}
	if (!*named)
		return 0;
	if (b.best == CVG_TRI_FALSE)
		return cve5_note(
		        s, component, rec, "CNA cpeApplicability: does not match this version");
	if (b.best == CVG_TRI_UNKNOWN && b.absent && (condition = describe_match(b.absent)) == NULL)
		return cvg__error_oom();
	/* the finding names the vendor and product of the criterion that matched */
	if (cvg_cpe_parse(&cpe, b.match->criteria) == 0) {
		prod.vendor = attr_text(&cpe->attr[CVG_CPE_VENDOR]);
		prod.product = attr_text(&cpe->attr[CVG_CPE_PRODUCT]);
	}
	if ((error = cve5_note(s, component, rec, "CNA cpeApplicability: matches")) == 0)
		error = cve5_finding(s, e, component, CVG_ORIGIN_CNA_CPE, container, b.kind, false,
		        b.best == CVG_TRI_UNKNOWN, describe_match(b.match), condition,
		        cpe ? &prod : NULL);
	else
		free(condition);
	cvg_cpe_free(cpe);
	return error;
}

/* The affected entries of the ADPs or the CNA for one component; *named when any names it. */
static int cve5_entries(scan_state *s, cve5_eval *e, size_t component, const cvg__cve5_target *t,
        bool adp, bool *named)
{
	cvg__cve5_decision d;
	cvg_origin origin = adp ? CVG_ORIGIN_ADP : CVG_ORIGIN_CNA;
	int error;

	if ((error = cvg__cve5_decide(&d, e->rec, adp, t)) < 0)
		return error;
	*named = d.outcome != CVG__CVE5_NOT_NAMED;
	if (d.outcome == CVG__CVE5_NOT_NAMED)
		return 0;
	if (d.outcome == CVG__CVE5_NOT_AFFECTED)
		return cve5_note(s, component, e->rec,
		        adp ? "ADP affected entries: not this version"
		            : "CNA affected entries: not this version");
	if ((error = cve5_note(s, component, e->rec, d.criterion)) < 0) {
		free(d.criterion);
		return error;
	}
	return cve5_finding(s, e, component, origin, e->rec->affected[d.entry].container, d.kind,
	        d.outcome == CVG__CVE5_UNASSESSED, false, d.criterion, NULL, d.product);
}

/* One record against the components the index paired it with. */
static int cve5_record(scan_state *s, const cve5_pair *pairs, size_t n)
{
	cvg_cve5 *rec = NULL;
	cvg_cve *nvd = NULL;
	cve5_eval e = {NULL, NULL, NULL};
	char keys[64][CVG_CVE5_NAME_KEY_MAX];
	int64_t rowid = 0;
	bool analysed = false;
	int error;

	if ((error = cvg__db_cve5_load(&rec, s->db, pairs[0].rec)) < 0)
		return error == CVG_ENOTFOUND ? 0 : error;
	if ((error = cvg__db_nvd_state(&rowid, &analysed, s->db, rec->id)) < 0 || analysed)
		goto done; /* the NVD's configurations decide (steps 2-4) */
	if (rowid && (error = cvg__db_load_cve(&nvd, s->db, rowid, CVG__LOAD_METRICS_ONLY)) < 0)
		goto done;
	e.rec = rec;
	e.nvd = nvd;
	for (size_t i = 0; i < n && error == 0; i++) {
		size_t component = pairs[i].component;
		cvg__cve5_target t;
		cvg_product *prods = NULL;
		bool named = false;
		const char *word;

		if ((error = cve5_target(s, component, &t, &prods)) < 0)
			break;
		if ((error = cve5_entries(s, &e, component, &t, true, &named)) == 0 && !named &&
		        (error = cve5_configs(s, &e, component, &t, &named)) == 0 && !named)
			error = cve5_entries(s, &e, component, &t, false, &named);
		if (error == 0 && !named && pairs[i].by_words &&
		        (word = cve5_described(rec, keys, cvg__cve5_target_keys(keys, 64, &t)))) {
			cvg_buf b = CVG_BUF_INIT(1u << 16);
			if (cvg__buf_printf(&b,
			            "%s: no product named (n/a); the description names '%s'",
			            cvg_cve5_container_name(rec, 0), word) < 0)
				error = cvg__error_oom();
			else if ((error = cve5_note(s, component, rec, b.ptr)) == 0)
				error = cve5_finding(s, &e, component, CVG_ORIGIN_CNA, 0,
				        CVG_MATCH_ANY, true, false, cvg__buf_detach(&b), NULL,
				        NULL);
			cvg__buf_dispose(&b);
		}
		free(prods);
	}
done:
	cvg_cve_free(nvd);
	cvg_cve5_free(rec);
	return error;
}

/* Step 5: every record the workers paired with components, once. */
static int cve5_pass(scan_state *s)
{
	cve5_pairs *pairs = &s->c5;
	size_t kept = 1;
	int error = 0;

	if (pairs->n == 0)
		return 0;
	qsort(pairs->v, pairs->n, sizeof(cve5_pair), cmp_cve5_pairs);
	for (size_t i = 1; i < pairs->n; i++)
		if (cmp_cve5_pairs(&pairs->v[i], &pairs->v[kept - 1]) != 0)
			pairs->v[kept++] = pairs->v[i];
	pairs->n = kept;
	for (size_t i = 0, j; i < pairs->n && error == 0; i = j) {
		for (j = i + 1; j < pairs->n && pairs->v[j].rec == pairs->v[i].rec; j++)
			;
		error = cve5_record(s, &pairs->v[i], j - i);
	}
	return error;
}

/* ---- Two workers ---- */

/*
 * A scan is mostly independent database reads, so two workers share it,
 * each with its own SQLite connection and partial result: first they take
 * components in turn and collect their candidates; then each evaluates one
 * half of the candidates in rowid order. Everything they share (components,
 * product refs, options) is read-only while they run; a component's
 * skipped-criteria list is written only by the worker that took it.
 */
#define NWORKERS 2

typedef struct worker {
	scan_state s;            /* own connection, candidates, partial result */
	_Atomic size_t *next;    /* next component to take (phase 1) */
	const candidate *shared; /* phase 2: the merged candidates ... */
	size_t from, to;         /* ... this worker evaluates */
	int phase;
	int error;
	char message[1024];
} worker;

static int worker_collect(worker *w)
{
	scan_state *s = &w->s;
	size_t c;
	int error;

	while ((c = (*w->next)++) < s->res->ncomponents) {
		if (s->res->components[c].auxiliary)
			continue;
		if ((error = collect_component(s, c)) < 0 ||
		        (s->cve5 && (error = cve5_collect(s, c)) < 0))
			return error;
	}
	return 0;
}

static int worker_evaluate(worker *w)
{
	int error;

	for (size_t i = w->from; i < w->to; i++)
		if ((error = evaluate(&w->s, (candidate *)&w->shared[i])) < 0)
			return error;
	return 0;
}

static void *worker_main(void *arg)
{
	worker *w = arg;

	w->error = w->phase == 1 ? worker_collect(w) : worker_evaluate(w);
	if (w->error < 0) /* messages are per thread: keep it for the caller */
		snprintf(w->message, sizeof(w->message), "%s", cvg_error_last());
	return NULL;
}

/* Run one phase on all workers: worker 0 in this thread, the others in threads. */
static int run_phase(worker *ws, int phase)
{
	pthread_t threads[NWORKERS];
	bool started[NWORKERS] = {false};
	int error = 0;

	for (int i = 1; i < NWORKERS; i++) {
		ws[i].phase = phase;
		started[i] = pthread_create(&threads[i], NULL, worker_main, &ws[i]) == 0;
	}
	ws[0].phase = phase;
	worker_main(&ws[0]);
	for (int i = 1; i < NWORKERS; i++) {
		if (started[i])
			pthread_join(threads[i], NULL);
		else
			worker_main(&ws[i]); /* no thread: do its share here */
	}
	for (int i = 0; i < NWORKERS && error == 0; i++)
		if ((error = ws[i].error) < 0)
			cvg__error(error, "%s", ws[i].message);
	return error;
}

/* Append src[0..n) to *dst holding *count elements of `size` bytes. */
static int append_all(void *dst_ptr, size_t *count, const void *src, size_t n, size_t size)
{
	void **dst = dst_ptr;
	char *p;

	if (n == 0)
		return 0;
	if ((p = realloc(*dst, (*count + n) * size)) == NULL)
		return cvg__error_oom();
	memcpy(p + *count * size, src, n * size);
	*dst = p;
	*count += n;
	return 0;
}

/* Move a worker's findings and records into the result; counters add up. */
static int merge_partial(cvg_scan_result *res, cvg_scan_result *part)
{
	int error;

	if ((error = append_all(&res->findings, &res->nfindings, part->findings, part->nfindings,
	             sizeof(cvg_finding))) < 0 ||
	        (error = append_all(
	                 &res->cves, &res->ncves, part->cves, part->ncves, sizeof(cvg_cve *))) < 0)
		return error;
	free(part->findings);
	free(part->cves);
	part->findings = NULL;
	part->cves = NULL;
	part->nfindings = part->ncves = 0;
	res->nfailing += part->nfailing;
	res->nignored += part->nignored;
	res->nexpired += part->nexpired;
	res->nconditional += part->nconditional;
	res->nbelow += part->nbelow;
	res->nunassessed += part->nunassessed;
	return 0;
}

static void worker_dispose(worker *w)
{
	for (size_t i = 0; i < w->s.ncands; i++)
		candidate_dispose(&w->s.cands[i]);
	free(w->s.cands);
	free(w->s.loaded_ids);
	free(w->s.c5.v);
	if (w->s.res) {
		w->s.res->components = NULL; /* shared, owned by the result */
		w->s.res->ncomponents = 0;
		cvg_scan_result_free(w->s.res);
	}
}

/* ---- Entry points ---- */

int cvg_scan(
        cvg_scan_result **out, cvg_db *db, const cvg_inventory *inv, const cvg_scan_options *opts)
{
	_Atomic size_t next = 0;
	worker ws[NWORKERS];
	scan_state s;
	size_t half;
	int error;

	memset(&s, 0, sizeof(s));
	memset(ws, 0, sizeof(ws));
	*out = NULL;
	if ((s.res = calloc(1, sizeof(cvg_scan_result))) == NULL)
		return cvg__error_oom();
	s.opts = opts;
	s.db = db;
	s.res->db_path = cvg_db_path(db);
	if ((error = build_components(&s, inv)) < 0)
		goto done;
	if (s.res->ncomponents)
		qsort(s.res->components, s.res->ncomponents, sizeof(cvg_component), cmp_components);
	if ((error = build_product_refs(&s)) < 0 || (error = cvg__db_cve5_any(&s.cve5, db)) < 0)
		goto done;
	for (int i = 0; i < NWORKERS; i++) {
		ws[i].s = s; /* shared: options, refs, kernel flag */
		ws[i].s.cands = NULL;
		ws[i].s.ncands = ws[i].s.capcands = 0;
		ws[i].next = &next;
		if ((ws[i].s.res = calloc(1, sizeof(cvg_scan_result))) == NULL) {
			error = cvg__error_oom();
			goto done;
		}
		ws[i].s.res->components = s.res->components;
		ws[i].s.res->ncomponents = s.res->ncomponents;
		if (i > 0 &&
		        (error = cvg_db_open(&ws[i].s.db, cvg_db_path(db), CVG_DB_READONLY)) < 0)
			goto done;
		if ((error = cvg__db_read_begin(ws[i].s.db)) < 0)
			goto done;
	}
	if ((error = run_phase(ws, 1)) < 0)
		goto done;
	for (int i = 0; i < NWORKERS; i++) {
		if ((error = append_all(&s.cands, &s.ncands, ws[i].s.cands, ws[i].s.ncands,
		             sizeof(candidate))) < 0)
			goto done;
		free(ws[i].s.cands); /* moved, not copied: the strings now belong to s */
		ws[i].s.cands = NULL;
		ws[i].s.ncands = 0;
		if ((error = append_all(
		             &s.c5.v, &s.c5.n, ws[i].s.c5.v, ws[i].s.c5.n, sizeof(cve5_pair))) < 0)
			goto done;
	}
	dedupe_candidates(&s);
	/* records in rowid order: neighbours share database pages */
	if (s.ncands)
		qsort(s.cands, s.ncands, sizeof(candidate), cmp_candidates);
	half = s.ncands / 2;
	for (int i = 0; i < NWORKERS; i++) {
		ws[i].shared = s.cands;
		ws[i].from = i == 0 ? 0 : half;
		ws[i].to = i == 0 ? half : s.ncands;
	}
	if ((error = run_phase(ws, 2)) < 0)
		goto done;
	for (int i = 0; i < NWORKERS; i++)
		if ((error = merge_partial(s.res, ws[i].s.res)) < 0)
			goto done;
	if ((error = cve5_pass(&s)) < 0)
		goto done;
	for (size_t i = 0; i < s.res->nfindings; i++)
		if (s.res->findings[i].ignored)
			((cvg_ignore_entry *)s.res->findings[i].ignored)->used++;
		else if (s.res->findings[i].expired)
			((cvg_ignore_entry *)s.res->findings[i].expired)->expired++;
	if (s.res->nfindings)
		qsort(s.res->findings, s.res->nfindings, sizeof(cvg_finding), cmp_findings);
	for (size_t i = 0; i < s.res->ncomponents; i++)
		s.res->nunmapped += cvg_component_unmapped(&s.res->components[i]);
	if ((error = cvg__db_newest_feed(&s.res->db_updated, db)) < 0)
		goto done;
	*out = s.res;
	s.res = NULL;
done:
	for (int i = 0; i < NWORKERS; i++) {
		cvg__db_read_end(ws[i].s.db);
		if (i > 0)
			cvg_db_close(ws[i].s.db);
		worker_dispose(&ws[i]);
	}
	for (size_t i = 0; i < s.ncands; i++)
		candidate_dispose(&s.cands[i]);
	free(s.cands);
	free(s.c5.v);
	free(s.refs);
	free(s.by_component);
	free(s.component_refs);
	cvg_scan_result_free(s.res);
	return error;
}

const char *cvg_finding_status(const cvg_finding *f)
{
	if (f->ignored)
		return "ignored";
	if (f->failing)
		return "failing";
	if (f->conditional)
		return "conditional";
	if (f->unassessed)
		return "unassessed";
	if (f->below_threshold)
		return "below_threshold";
	if (f->known_pass)
		return "known";
	return "passing";
}

const char *cvg_origin_name(cvg_origin origin)
{
	static const char *const names[] = {"nvd", "adp", "cna-cpe", "cna"};

	return (unsigned)origin < 4 ? names[origin] : "nvd";
}

const char *cvg_component_identified(const cvg_component *c)
{
	if (c->ident == CVG_IDENT_CPE)
		return "SBOM CPE";
	if (c->ident == CVG_IDENT_PURL) {
		switch (c->origin) {
		case CVG_PKGMAP_BUILTIN:
			return "purl, mapping table";
		case CVG_PKGMAP_USER:
			return "purl, user map";
		case CVG_PKGMAP_NAME:
			break;
		}
		return "purl, plain name";
	}
	return cvg_pkgmap_origin_name(c->origin);
}

bool cvg_component_unmapped(const cvg_component *c)
{
	return !c->auxiliary && c->nrows == 0 && c->nrecords == 0;
}

void cvg_scan_result_free(cvg_scan_result *res)
{
	if (res == NULL)
		return;
	for (size_t i = 0; i < res->ncomponents; i++) {
		cvg_component *c = &res->components[i];
		free(c->name);
		free(c->version);
		free(c->upstream);
		for (size_t k = 0; k < c->npackages; k++)
			free(c->packages[k]);
		free(c->packages);
		free(c->products);
		for (size_t k = 0; k < c->nskipped; k++)
			free(c->skipped[k]);
		free(c->skipped);
		for (size_t k = 0; k < c->ntried && k < CVG_SCAN_TRIED_MAX; k++)
			free(c->tried[k]);
		free(c->tried);
	}
	free(res->components);
	for (size_t i = 0; i < res->nfindings; i++) {
		free(res->findings[i].criterion);
		free(res->findings[i].vendor);
		free(res->findings[i].product);
		free(res->findings[i].condition);
		free((char *)res->findings[i].provider);
	}
	free(res->findings);
	for (size_t i = 0; i < res->nresolved; i++)
		free(res->resolved[i]);
	free(res->resolved);
	for (size_t i = 0; i < res->ncves; i++)
		cvg_cve_free(res->cves[i]);
	free(res->cves);
	free(res->db_updated);
	free(res);
}
