/*
 * tests/unit/inv_expect.h - exact package lists for the inventory reader
 * tests (buildroot, solist, wmic): name, version, source, identity, the
 * first CPE product, the CPE version and the line, all asserted.
 * Include after <cmocka.h> and test_helpers.h.
 */
#ifndef CVG_TEST_INV_EXPECT_H
#define CVG_TEST_INV_EXPECT_H

#include "cvegate/inventory.h"
#include "lib/inventory/inventory_internal.h"

typedef struct expect_pkg {
	const char *name, *version;
	const char *source;     /* NULL: none */
	const char *ident_text; /* NULL: identified by name */
	const char *cpe;        /* "vendor:product" of the first CPE, or NULL */
	const char *cpe_version;
	size_t line;
} expect_pkg;

static inline void assert_str_or_null(const char *got, const char *want)
{
	if (want == NULL)
		assert_null(got);
	else {
		assert_non_null(got);
		assert_string_equal(got, want);
	}
}

static inline void assert_packages(
        const cvg_inventory *inv, const char *format, const expect_pkg *e, size_t n)
{
	assert_string_equal(inv->format, format);
	assert_int_equal(inv->npackages, n);
	for (size_t i = 0; i < n; i++) {
		const cvg_package *p = &inv->packages[i];
		char cpe[512] = "";
		assert_string_equal(p->name, e[i].name);
		assert_string_equal(p->version, e[i].version);
		assert_null(p->arch);
		assert_int_equal(p->scheme, CVG_VERSION_UPSTREAM);
		assert_str_or_null(p->source, e[i].source);
		assert_str_or_null(p->ident_text, e[i].ident_text);
		assert_int_equal(p->ident, e[i].ident_text ? CVG_IDENT_CPE : CVG_IDENT_NAME);
		if (p->ncpes)
			snprintf(cpe, sizeof(cpe), "%s:%s", p->cpes[0].vendor, p->cpes[0].product);
		assert_string_equal(cpe, e[i].cpe ? e[i].cpe : "");
		assert_str_or_null(p->cpe_version, e[i].cpe_version);
		assert_int_equal(p->line, e[i].line);
		assert_false(p->distro);
	}
}

static inline int parse_text(cvg_inventory **out, const char *format, const char *text, size_t len,
        unsigned flags, warnings *w)
{
	return cvg__inventory_parse(out, text, len, "t.txt", format, flags, w ? collect : NULL, w);
}

#endif
