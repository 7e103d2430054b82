/*
 * tests/unit/test_version.c - vectors for version comparison and upstream
 * extraction under every scheme.
 *
 * Tables, one row per fact, each with its source: rpm's tests/rpmvercmp.at,
 * dpkg's lib/dpkg/t/t-version.c and scripts/t/Dpkg_Version.t (every dpkg row
 * was also checked with `dpkg --compare-versions` 1.21.22), Debian policy
 * 5.6.12, OE-core's oeqa selftest cve_check.py (test_version_compare,
 * test_convert_cve_version), and the rules cvegate decided for NVD versions
 * (src/lib/version.c, docs/versions.md). Every comparison row is also run
 * with its sides swapped, expecting the opposite sign.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cvegate/error.h"
#include "cvegate/version.h"

#define U CVG_VERSION_UPSTREAM
#define R CVG_VERSION_RPM
#define D CVG_VERSION_DPKG
#define O CVG_VERSION_OPKG
#define ERR 99 /* expect CVG_EPARSE */

typedef struct cmp_vector {
	const char *a, *b;
	cvg_version_scheme scheme;
	int expect; /* -1, 0, 1 or ERR */
	const char *source;
} cmp_vector;

static const cmp_vector cmp_vectors[] = {
        /* ---- rpm: tests/rpmvercmp.at (rpm 4.15+) ---- */
        {"1.0", "1.0", R, 0, "rpmvercmp.at"},
        {"1.0", "2.0", R, -1, "rpmvercmp.at"},
        {"2.0.1", "2.0.1", R, 0, "rpmvercmp.at"},
        {"2.0", "2.0.1", R, -1, "rpmvercmp.at"},
        {"2.0.1a", "2.0.1a", R, 0, "rpmvercmp.at"},
        {"2.0.1a", "2.0.1", R, 1, "rpmvercmp.at"},
        {"5.5p1", "5.5p1", R, 0, "rpmvercmp.at"},
        {"5.5p1", "5.5p2", R, -1, "rpmvercmp.at"},
        {"5.5p10", "5.5p10", R, 0, "rpmvercmp.at"},
        {"5.5p1", "5.5p10", R, -1, "rpmvercmp.at"},
        {"10xyz", "10.1xyz", R, -1, "rpmvercmp.at"},
        {"xyz10", "xyz10", R, 0, "rpmvercmp.at"},
        {"xyz10", "xyz10.1", R, -1, "rpmvercmp.at"},
        {"xyz.4", "xyz.4", R, 0, "rpmvercmp.at"},
        {"xyz.4", "8", R, -1, "rpmvercmp.at"},
        {"xyz.4", "2", R, -1, "rpmvercmp.at"},
        {"5.5p2", "5.6p1", R, -1, "rpmvercmp.at"},
        {"5.6p1", "6.5p1", R, -1, "rpmvercmp.at"},
        {"6.0.rc1", "6.0", R, 1, "rpmvercmp.at"},
        {"10b2", "10a1", R, 1, "rpmvercmp.at"},
        {"10a2", "10b2", R, -1, "rpmvercmp.at"},
        {"1.0aa", "1.0aa", R, 0, "rpmvercmp.at"},
        {"1.0a", "1.0aa", R, -1, "rpmvercmp.at"},
        {"10.0001", "10.0001", R, 0, "rpmvercmp.at"},
        {"10.0001", "10.1", R, 0, "rpmvercmp.at"},
        {"10.0001", "10.0039", R, -1, "rpmvercmp.at"},
        {"4.999.9", "5.0", R, -1, "rpmvercmp.at"},
        {"20101121", "20101121", R, 0, "rpmvercmp.at"},
        {"20101121", "20101122", R, -1, "rpmvercmp.at"},
        {"2_0", "2_0", R, 0, "rpmvercmp.at"},
        {"2.0", "2_0", R, 0, "rpmvercmp.at"},
        {"a", "a", R, 0, "rpmvercmp.at RhBug:178798"},
        {"a+", "a+", R, 0, "rpmvercmp.at RhBug:178798"},
        {"a+", "a_", R, 0, "rpmvercmp.at RhBug:178798"},
        {"+a", "+a", R, 0, "rpmvercmp.at RhBug:178798"},
        {"+a", "_a", R, 0, "rpmvercmp.at RhBug:178798"},
        {"+_", "+_", R, 0, "rpmvercmp.at RhBug:178798"},
        {"_+", "+_", R, 0, "rpmvercmp.at RhBug:178798"},
        {"+", "_", R, 0, "rpmvercmp.at RhBug:178798"},
        {"1.0~rc1", "1.0~rc1", R, 0, "rpmvercmp.at tilde"},
        {"1.0~rc1", "1.0", R, -1, "rpmvercmp.at tilde"},
        {"1.0~rc1", "1.0~rc2", R, -1, "rpmvercmp.at tilde"},
        {"1.0~rc1~git123", "1.0~rc1~git123", R, 0, "rpmvercmp.at tilde"},
        {"1.0~rc1~git123", "1.0~rc1", R, -1, "rpmvercmp.at tilde"},
        {"1.0^", "1.0^", R, 0, "rpmvercmp.at caret"},
        {"1.0^", "1.0", R, 1, "rpmvercmp.at caret"},
        {"1.0^git1", "1.0^git1", R, 0, "rpmvercmp.at caret"},
        {"1.0^git1", "1.0", R, 1, "rpmvercmp.at caret"},
        {"1.0^git1", "1.0^git2", R, -1, "rpmvercmp.at caret"},
        {"1.0^git1", "1.01", R, -1, "rpmvercmp.at caret"},
        {"1.0^20160101", "1.0^20160101", R, 0, "rpmvercmp.at caret"},
        {"1.0^20160101", "1.0.1", R, -1, "rpmvercmp.at caret"},
        {"1.0^20160101^git1", "1.0^20160101^git1", R, 0, "rpmvercmp.at caret"},
        {"1.0^20160102", "1.0^20160101^git1", R, 1, "rpmvercmp.at caret"},
        {"1.0~rc1^git1", "1.0~rc1^git1", R, 0, "rpmvercmp.at tilde+caret"},
        {"1.0~rc1^git1", "1.0~rc1", R, 1, "rpmvercmp.at tilde+caret"},
        {"1.0^git1~pre", "1.0^git1~pre", R, 0, "rpmvercmp.at tilde+caret"},
        {"1.0^git1", "1.0^git1~pre", R, 1, "rpmvercmp.at tilde+caret"},
        {"1b.fc17", "1b.fc17", R, 0, "rpmvercmp.at oddities (RhBug:811992)"},
        {"1b.fc17", "1.fc17", R, -1, "rpmvercmp.at oddities (RhBug:811992)"},
        {"1g.fc17", "1.fc17", R, 1, "rpmvercmp.at oddities (RhBug:811992)"},
        /* rpm EVR: epoch (missing = 0), version, release (only if both have one) */
        {"1:1.0-1", "2.0-1", R, 1, "rpm rpmverCmp: epoch first"},
        {"0:1.0-1", "1.0-1", R, 0, "rpm rpmverCmp: missing epoch is 0"},
        {"1:2.3.4-5.el7", "1:2.3.4-6.el7", R, -1, "rpm rpmverCmp: release"},
        {"1:2.3.4-5.el7", "1:2.3.4", R, 0, "rpm rpmverCmp: one release missing"},
        {"2.3.4-5.el7_9.1", "2.3.4-5.el7", R, 1, "rpm rpmverCmp: release"},
        {"1.0-1", "1.0~rc1-9", R, 1, "rpm rpmverCmp: version before release"},
        {"", "1.0", R, ERR, "cvegate: empty"},
        {"-1", "1.0", R, ERR, "cvegate: empty version part"},
        {"1.0 ", "1.0", R, ERR, "cvegate: blank"},

        /* ---- dpkg: Dpkg_Version.t, t-version.c, policy 5.6.12 ---- */
        {"1.0-1", "2.0-2", D, -1, "Dpkg_Version.t"},
        {"2.2~rc-4", "2.2-1", D, -1, "Dpkg_Version.t"},
        {"1.0000-1", "1.0-1", D, 0, "Dpkg_Version.t"},
        {"1", "0:1", D, 0, "Dpkg_Version.t"},
        {"0", "0:0-0", D, 0, "Dpkg_Version.t"},
        {"2:2.5", "1:7.5", D, 1, "Dpkg_Version.t"},
        {"1:0foo", "0foo", D, 1, "Dpkg_Version.t"},
        {"0:0foo", "0foo", D, 0, "Dpkg_Version.t"},
        {"0foo", "0fo", D, 1, "Dpkg_Version.t"},
        {"0foo-0", "0foo+", D, -1, "Dpkg_Version.t (0foo- is an error since dpkg 1.17)"},
        {"0foo~1", "0foo", D, -1, "Dpkg_Version.t"},
        {"0foo~foo+Bar", "0foo~foo+bar", D, -1, "Dpkg_Version.t"},
        {"0foo~~", "0foo~", D, -1, "Dpkg_Version.t"},
        {"1~", "1", D, -1, "Dpkg_Version.t"},
        {"12345+that-really-is-some-ver-0", "12345+that-really-is-some-ver-10", D, -1,
                "Dpkg_Version.t"},
        {"0foo-0", "0foo-01", D, -1, "Dpkg_Version.t"},
        {"0foo.bar", "0foobar", D, 1, "Dpkg_Version.t"},
        {"0foo.bar", "0foo1bar", D, 1, "Dpkg_Version.t"},
        {"0foo1bar-1", "0foobar-1", D, -1, "Dpkg_Version.t"},
        {"0foo2.0", "0foo2", D, 1, "Dpkg_Version.t"},
        {"0foo2.0.0", "0foo2.10.0", D, -1, "Dpkg_Version.t"},
        {"0foo2.0", "0foo2.0.0", D, -1, "Dpkg_Version.t"},
        {"0foo2.1", "0foo2.10", D, -1, "Dpkg_Version.t"},
        {"1.09", "1.9", D, 0, "Dpkg_Version.t"},
        {"1.0.8+nmu1", "1.0.8", D, 1, "Dpkg_Version.t"},
        {"3.11", "3.10+nmu1", D, 1, "Dpkg_Version.t"},
        {"0.9j-20080306-4", "0.9i-20070324-2", D, 1, "Dpkg_Version.t"},
        {"1.2.0~b7-1", "1.2.0~b6-1", D, 1, "Dpkg_Version.t"},
        {"1.011-1", "1.06-2", D, 1, "Dpkg_Version.t"},
        {"0.0.9+dfsg1-1", "0.0.8+dfsg1-3", D, 1, "Dpkg_Version.t"},
        {"4.6.99+svn6582-1", "4.6.99+svn6496-1", D, 1, "Dpkg_Version.t"},
        {"0.9.9~pre122-1", "0.9.9~pre111-1", D, 1, "Dpkg_Version.t"},
        {"2:2.3.2-2+lenny2", "2:2.3.2-2", D, 1, "Dpkg_Version.t"},
        {"1:3.8.1-1", "3.8.GA-1", D, 1, "Dpkg_Version.t"},
        {"1.0.1+gpl-1", "1.0.1-2", D, 1, "Dpkg_Version.t"},
        {"1a", "1000a", D, -1, "Dpkg_Version.t"},
        {"0:0-0", "0:0-0", D, 0, "t-version.c"},
        {"0:0-00", "0:00-0", D, 0, "t-version.c"},
        {"1:2-3", "1:2-3", D, 0, "t-version.c"},
        {"0:0-0", "1:0-0", D, -1, "t-version.c"},
        {"0:0-0-0", "0:0-0-0", D, 0, "t-version.c: multiple dashes"},
        {"0:0:0-0", "0:0:0-0", D, 0, "t-version.c: multiple colons"},
        {"0:azAZ09.-+~:-0", "0:azAZ09.-+~:-0", D, 0, "t-version.c: upstream characters"},
        {"0:0-azAZ09.+~", "0:0-azAZ09.+~", D, 0, "t-version.c: revision characters"},
        {"a:0-0", "0", D, ERR, "t-version.c: epoch characters"},
        {"A:0-0", "0", D, ERR, "t-version.c: epoch characters"},
        {"0:!#@$%&/|\\<>()[]{};,=*^'-0", "0", D, ERR, "t-version.c: upstream characters"},
        {"0:0-0:0", "0", D, ERR, "t-version.c: revision characters"},
        {"1.0~rc1", "1.0", D, -1, "policy 5.6.12: ~ before the end"},
        {"1:1.0", "2.0", D, 1, "policy 5.6.12: epoch first"},
        {"1.0-1", "1.0-2", D, -1, "policy 5.6.12: revision"},
        {"1.0", "1.0-0", D, 0, "dpkg: absent revision equals 0"},
        {"2.9.14+dfsg-1.3~deb12u6", "2.9.14+dfsg-1.3", D, -1, "policy 5.6.12: ~ in revision"},
        {"1.0", "1.0~~", D, 1, "policy 5.6.12"},
        {"1.0~~a", "1.0~~", D, 1, "policy 5.6.12"},
        {"1.0a", "1.0+", D, -1, "policy 5.6.12: letters before other characters"},
        {"1.0-1-2", "1.0-1-3", D, -1, "dpkg --compare-versions"},
        {"1:2.27.1-6ubuntu3.3", "1:2.27.1-6ubuntu3.10", D, -1, "dpkg --compare-versions"},
        {":1.0", "1", D, ERR, "dpkg: epoch is empty"},
        {"1.0-", "1", D, ERR, "dpkg: revision is empty"},
        {"1:", "1", D, ERR, "dpkg: nothing after colon"},
        {"99999999999:1", "1", D, ERR, "dpkg: epoch is too big"},
        {"1.0_1", "1.0", D, ERR, "policy 5.6.12: '_' is not allowed (dpkg warns)"},

        /* ---- opkg (Yocto): dpkg ordering, PV-PR ---- */
        {"1.24.1-r0.6", "1.24.1-r0.7", O, -1, "opkg: PR suffix"},
        {"1.24.1-r1", "1.24.1-r0.6", O, 1, "opkg: PR"},
        {"1:250.14-r0", "251.1-r0", O, 1, "opkg: epoch"},
        {"1.2.3+gitAUTOINC+abc123-r0.6", "1.2.3-r0.6", O, 1, "opkg: +git after release"},
        {"1.0_beta-r0", "1.0-r0", O, 1, "opkg: '_' accepted, sorts after the end like dpkg"},
        {"1.0~rc1-r0", "1.0-r0", O, -1, "opkg: ~"},
        {"", "1", O, ERR, "opkg: empty"},

        /* ---- upstream: the rules, OE-core cve_check selftests ---- */
        {"1.2", "1.2.0", U, 0, "cvegate: trailing zero components"},
        {"1.2", "1.2.0.0", U, 0, "cvegate: trailing zero components"},
        {"1.2.0.1", "1.2", U, 1, "cvegate"},
        {"1.10", "1.9", U, 1, "cvegate: numeric"},
        {"1_2_3", "1.2.3", U, 0, "cvegate: separators . - _"},
        {"1.0.1f", "1.0.1", U, 1, "cvegate: letter release"},
        {"1.0.1f", "1.0.1e", U, 1, "cvegate: letter release"},
        {"1.0.1f", "1.0.2", U, -1, "cvegate: letter release"},
        {"1.1.0a", "1.1.0", U, 1, "cvegate: letter release (1.1.0a)"},
        {"7.4p1", "7.4", U, 1, "cvegate: patch level"},
        {"7.4p2", "7.4p1", U, 1, "cvegate: patch level"},
        {"7.4p1", "7.5", U, -1, "cvegate: patch level"},
        {"8.3_p1", "8.3p1", U, 0, "OE-core test_convert_cve_version"},
        {"3.7.0b2", "3.7.0", U, -1, "cvegate: pre-release"},
        {"1.2rc1", "1.2", U, -1, "cvegate: pre-release"},
        {"1.2rc1", "1.2.0rc1", U, 0, "cvegate: zeros before a word"},
        {"2.0alpha3", "2.0", U, -1, "cvegate: pre-release"},
        {"1.0beta", "1.0", U, -1, "cvegate: pre-release"},
        {"1.0alpha", "1.0beta", U, -1, "cvegate: alpha < beta"},
        {"1.0beta", "1.0pre", U, -1, "cvegate: beta < pre"},
        {"1.0pre", "1.0rc", U, -1, "cvegate: pre < rc"},
        {"1.0rc1", "1.0rc2", U, -1, "cvegate: rc number"},
        {"1.0a1", "1.0alpha1", U, 0, "cvegate: a+digit is alpha"},
        {"1.0a", "1.0", U, 1, "cvegate: a alone is a letter release"},
        {"1.0RC1", "1.0rc1", U, 0, "cvegate: case-insensitive"},
        {"1.0dev", "1.0alpha", U, -1, "cvegate: dev first"},
        {"1.0.0.Final", "1.0", U, 0, "cvegate: neutral words"},
        {"1.0rc1", "1.0.1", U, -1, "cvegate: pre-release of 1.0"},
        {"9.10.3-P4", "9.10.3p4", U, 0, "cvegate: NVD update joined"},
        {"1.8.0update_20", "1.8.0p20", U, 0, "cvegate: update is a patch level"},
        {"v1.2", "1.2", U, 0, "cvegate: leading v"},
        {"20230101", "1.2", U, 1, "cvegate: dates are numbers"},
        {"1.00000000000000000000000000001", "1.1", U, 0, "cvegate: leading zeros, long runs"},
        {"1.123456789012345678901234567890", "1.123456789012345678901234567891", U, -1,
                "cvegate: long runs"},
        {"100", "99", U, 1, "OE-core test_version_compare"},
        {"2.3.1", "2.2.3", U, 1, "OE-core test_version_compare"},
        {"2021-01-21", "2020-12-25", U, 1, "OE-core test_version_compare"},
        {"1.2-20200910", "1.2-20200920", U, -1, "OE-core test_version_compare"},
        {"1.0", "1.0beta", U, 1, "OE-core test_version_compare"},
        {"1.0-rc2", "1.0-rc1", U, 1, "OE-core test_version_compare"},
        {"1.0.alpha1", "1.0", U, -1, "OE-core test_version_compare"},
        {"1.0_dev", "1.0", U, -1, "OE-core test_version_compare"},
        {"1.0b", "1.0r", U, -1, "OE-core test_version_compare (alphabetical)"},
        {"1.0b", "1.0", U, 1, "OE-core test_version_compare (alphabetical)"},
        {"1.0", "1.0p1", U, -1, "OE-core test_version_compare (patch)"},
        {"1.0_patch2", "1.0_patch3", U, -1, "OE-core test_version_compare (patch)"},
        {"6.2-rc8", "6.2", U, -1, "OE-core test_convert_cve_version (kernel)"},
        /* junk: cannot be compared */
        {"branch_1-9", "1.0", U, ERR, "NVD junk"},
        {"m4\\/m5", "1.0", U, ERR, "NVD junk"},
        {"pre0.59s_r11", "1.0", U, ERR, "NVD junk"},
        {"*", "1.0", U, ERR, "CPE ANY is not a version"},
        {"-", "1.0", U, ERR, "CPE NA is not a version"},
        {"", "1.0", U, ERR, "empty"},
        {"1.0 beta", "1.0", U, ERR, "blank"},
        {"v", "1.0", U, ERR, "v alone"},
        {"1.0\xc3\xa9", "1.0", U, ERR, "non-ASCII"},
};

static const char *scheme_label(cvg_version_scheme s)
{
	return cvg_version_scheme_name(s);
}

static void check_one(
        const char *a, const char *b, cvg_version_scheme scheme, int expect, const char *source)
{
	int out = 42, rc = cvg_version_cmp(&out, a, b, scheme);

	if (expect == ERR) {
		if (rc != CVG_EPARSE || out != 0)
			fail_msg("%s: cmp(\"%s\", \"%s\") under %s: expected EPARSE, got rc %d out "
			         "%d",
			        source, a, b, scheme_label(scheme), rc, out);
		return;
	}
	if (rc != 0)
		fail_msg("%s: cmp(\"%s\", \"%s\") under %s: rc %d (%s)", source, a, b,
		        scheme_label(scheme), rc, cvg_error_last());
	if ((out > 0) - (out < 0) != expect)
		fail_msg("%s: cmp(\"%s\", \"%s\") under %s: expected %d, got %d", source, a, b,
		        scheme_label(scheme), expect, out);
}

static void test_cmp_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cmp_vectors) / sizeof(cmp_vectors[0]); i++) {
		const cmp_vector *v = &cmp_vectors[i];
		check_one(v->a, v->b, v->scheme, v->expect, v->source);
		check_one(v->b, v->a, v->scheme, v->expect == ERR ? ERR : -v->expect, v->source);
	}
}

/* Every version equals itself; a version that cannot be compared is junk on
 * both sides. */
static void test_cmp_reflexive(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cmp_vectors) / sizeof(cmp_vectors[0]); i++) {
		const cmp_vector *v = &cmp_vectors[i];
		int out;
		if (cvg_version_cmp(&out, v->a, v->a, v->scheme) == 0)
			assert_int_equal(out, 0);
	}
}

/* Sorted chains: every earlier element is less than every later one. */
static void test_cmp_chains(void **state)
{
	static const char *const upstream_chain[] = {"1.0dev1", "1.0a1", "1.0alpha2", "1.0b1",
	        "1.0beta2", "1.0pre1", "1.0rc1", "1.0rc2", "1.0", "1.0a", "1.0b", "1.0p1", "1.0p2",
	        "1.0.1", "1.0.1e", "1.0.1f", "1.0.2", "1.1", "2"};
	static const char *const dpkg_chain[] = {
	        "1.0~~", "1.0~~a", "1.0~", "1.0", "1.0a", "1.0+", "1.0.1", "1:0.1"};
	static const char *const rpm_chain[] = {
	        "1.0~rc1", "1.0~rc1^git1", "1.0", "1.0^git1", "1.0^git2", "1.0a", "1.0.1", "1.01"};
	struct {
		const char *const *list;
		size_t n;
		cvg_version_scheme scheme;
	} chains[] = {
	        {upstream_chain, sizeof(upstream_chain) / sizeof(upstream_chain[0]), U},
	        {dpkg_chain, sizeof(dpkg_chain) / sizeof(dpkg_chain[0]), D},
	        {rpm_chain, sizeof(rpm_chain) / sizeof(rpm_chain[0]), R},
	};
	(void)state;
	for (size_t c = 0; c < sizeof(chains) / sizeof(chains[0]); c++)
		for (size_t i = 0; i < chains[c].n; i++)
			for (size_t j = i + 1; j < chains[c].n; j++)
				check_one(chains[c].list[i], chains[c].list[j], chains[c].scheme,
				        -1, "chain");
}

static void test_cmp_limits(void **state)
{
	char big[CVG_VERSION_MAX + 2];
	int out = 42;
	(void)state;

	memset(big, '1', sizeof(big) - 1);
	big[CVG_VERSION_MAX] = '\0'; /* exactly the limit: compared */
	for (int s = U; s <= O; s++) {
		assert_int_equal(cvg_version_cmp(&out, big, "1", (cvg_version_scheme)s), 0);
		assert_true(out > 0);
	}
	big[CVG_VERSION_MAX] = '1';
	big[CVG_VERSION_MAX + 1] = '\0'; /* one over: refused */
	for (int s = U; s <= O; s++) {
		out = 42;
		assert_int_equal(
		        cvg_version_cmp(&out, big, "1", (cvg_version_scheme)s), CVG_EPARSE);
		assert_int_equal(out, 0);
	}
	out = 42;
	assert_int_equal(cvg_version_cmp(&out, "1", "1", (cvg_version_scheme)7), CVG_EINVAL);
	assert_int_equal(out, 0);
}

typedef struct upstream_vector {
	const char *packaged;
	cvg_version_scheme scheme;
	const char *expect; /* NULL: CVG_EPARSE */
	const char *source;
} upstream_vector;

static const upstream_vector upstream_vectors[] = {
        {"1:2.27.1-6ubuntu3.3", D, "2.27.1", "issue: Ubuntu util-linux"},
        {"2.9.14+dfsg-1.3~deb12u6", D, "2.9.14", "issue: Debian libxml2"},
        {"1.0~rc1-2", D, "1.0rc1", "cvegate: ~ is a pre-release marker"},
        {"2.0+really1.9-1", D, "1.9", "cvegate: +really"},
        {"1:9.10.3.dfsg.P4-12.3+deb9u4", D, "9.10.3.P4", "cvegate: .dfsg dropped (bind9)"},
        {"1.2~dfsg1-1", D, "1.2", "cvegate: ~dfsg cut"},
        {"0.9.8~git20200101.abc-1", D, "0.9.8", "cvegate: ~git cut"},
        {"3.0.11-1~deb12u2", D, "3.0.11", "cvegate: revision dropped"},
        {"1.2.3", D, "1.2.3", "cvegate: no revision"},
        {"1.2.3+deb12u1", D, "1.2.3", "cvegate: native package suffix"},
        {"1.2.3+gitAUTOINC+abc123-r0.6", O, "1.2.3", "issue: Yocto +git"},
        {"1.2.3+git999-r0", O, "1.2.3", "issue: Yocto +git"},
        {"1.24.1-r0.6", O, "1.24.1", "issue: Yocto PR"},
        {"1:250.14-r0", O, "250.14", "issue: Yocto epoch"},
        {"2.0-beta", O, "2.0-beta", "cvegate: not a PR, part of PV"},
        {"2.0-beta-r3", O, "2.0-beta", "cvegate: PR after a dashed PV"},
        {"1.1.1t-r0", O, "1.1.1t", "cvegate: letter release kept"},
        {"1:2.3.4-5.el7", R, "2.3.4", "issue: rpm"},
        {"1.0^20200101git1-1.fc33", R, "1.0", "cvegate: ^ cut"},
        {"1.0~rc2-0.1.fc33", R, "1.0rc2", "cvegate: ~ dropped"},
        {"7.4p1-21.el7", R, "7.4p1", "cvegate: patch level kept"},
        {"1.0.1f", U, "1.0.1f", "upstream unchanged"},
        {"1.0~rc1", U, "1.0~rc1", "upstream unchanged"},
        {"", D, NULL, "empty"},
        {"+dfsg-1", D, NULL, "empty result"},
        {"1:-1", D, NULL, "empty result"},
        {"~git1-r0", O, NULL, "empty result"},
        {"", U, NULL, "empty"},
};

static void test_upstream_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(upstream_vectors) / sizeof(upstream_vectors[0]); i++) {
		const upstream_vector *v = &upstream_vectors[i];
		char *out = (char *)v; /* must be overwritten */
		int rc = cvg_version_upstream(&out, v->packaged, v->scheme);

		if (v->expect == NULL) {
			if (rc != CVG_EPARSE || out != NULL)
				fail_msg("%s: upstream(\"%s\", %s): expected EPARSE, got %d",
				        v->source, v->packaged, scheme_label(v->scheme), rc);
			continue;
		}
		if (rc != 0)
			fail_msg("%s: upstream(\"%s\", %s): rc %d (%s)", v->source, v->packaged,
			        scheme_label(v->scheme), rc, cvg_error_last());
		if (strcmp(out, v->expect) != 0)
			fail_msg("%s: upstream(\"%s\", %s): expected \"%s\", got \"%s\"", v->source,
			        v->packaged, scheme_label(v->scheme), v->expect, out);
		free(out);
	}
}

/* The pipeline cvegate runs: reduce, then compare with an NVD bound. */
static void test_upstream_then_cmp(void **state)
{
	char *up = NULL;
	int out = 42;
	(void)state;

	assert_int_equal(cvg_version_upstream(&up, "1:7.4p1-21ubuntu0.3", D), 0);
	assert_string_equal(up, "7.4p1");
	assert_int_equal(cvg_version_cmp(&out, up, "7.4p2", U), 0);
	assert_true(out < 0);
	free(up);
	up = NULL;
	assert_int_equal(cvg_version_upstream(&up, "3.0.0~beta2-1", D), 0);
	assert_int_equal(cvg_version_cmp(&out, up, "3.0.0", U), 0);
	assert_true(out < 0);
	free(up);
	up = NULL;
	assert_int_equal(cvg_version_upstream(&up, "x", (cvg_version_scheme)9), CVG_EINVAL);
	assert_null(up);
}

/* ---- Upstream keys: the leading number the database indexes exact criteria by ---- */

typedef struct key_vector {
	const char *v;
	int rc;
	long long key;
} key_vector;

static const key_vector key_vectors[] = {
        {"6.1.76", 0, 6},
        {"2.6.32", 0, 2},
        {"v2.6", 0, 2},
        {"V10", 0, 10},
        {"0.9.8", 0, 0},
        {"00.9.8", 0, 0},
        {"0rc1", 0, 0},
        {"007", 0, 7},
        {"20230101", 0, 20230101},
        {"123456789012345678", 0, 123456789012345678LL},
        {"0000123456789012345678.1", 0, 123456789012345678LL},
        {"1234567890123456789", CVG_ELIMIT, 0},
        {"vv1", CVG_EPARSE, 0},
        {"rc1", CVG_EPARSE, 0},
        {"*", CVG_EPARSE, 0},
        {"1.0(beta)", CVG_EPARSE, 0},
        {"", CVG_EPARSE, 0},
};

static void test_upstream_key(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(key_vectors) / sizeof(key_vectors[0]); i++) {
		const key_vector *k = &key_vectors[i];
		long long got = -1;
		int rc = cvg_version_upstream_key(&got, k->v);

		if (rc != k->rc || (rc == 0 && got != k->key))
			fail_msg("'%s': got rc %d key %lld, want rc %d key %lld", k->v, rc, got,
			        k->rc, k->key);
	}
}

/*
 * The property the index relies on: every pair the upstream table finds
 * equal has one key, so a criterion keyed differently can never match.
 */
static void test_upstream_key_equal_pairs(void **state)
{
	size_t checked = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(cmp_vectors) / sizeof(cmp_vectors[0]); i++) {
		const cmp_vector *v = &cmp_vectors[i];
		long long ka, kb;

		if (v->scheme != U || v->expect != 0)
			continue;
		if (cvg_version_upstream_key(&ka, v->a) != 0 ||
		        cvg_version_upstream_key(&kb, v->b) != 0)
			fail_msg("'%s' == '%s' but one has no key", v->a, v->b);
		if (ka != kb)
			fail_msg("'%s' == '%s' but keys %lld and %lld", v->a, v->b, ka, kb);
		checked++;
	}
	assert_true(checked >= 5);
}

static void test_scheme_names(void **state)
{
	(void)state;
	assert_string_equal(cvg_version_scheme_name(U), "upstream");
	assert_string_equal(cvg_version_scheme_name(R), "rpm");
	assert_string_equal(cvg_version_scheme_name(D), "dpkg");
	assert_string_equal(cvg_version_scheme_name(O), "opkg");
	assert_string_equal(cvg_version_scheme_name((cvg_version_scheme)5), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_cmp_table),
	        cmocka_unit_test(test_cmp_reflexive),
	        cmocka_unit_test(test_cmp_chains),
	        cmocka_unit_test(test_cmp_limits),
	        cmocka_unit_test(test_upstream_table),
	        cmocka_unit_test(test_upstream_then_cmp),
	        cmocka_unit_test(test_scheme_names),
	        cmocka_unit_test(test_upstream_key),
	        cmocka_unit_test(test_upstream_key_equal_pairs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
