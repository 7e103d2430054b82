/*
 * tests/unit/test_purl.c - package URLs. Vectors follow the purl
 * specification's test suite (github.com/package-url/purl-spec,
 * test-suite-data.json) and the purls real SBOMs carry (Trivy's CentOS 7
 * CycloneDX, syft's Debian ones, Yocto's pkg:yocto).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cvegate/error.h"
#include "cvegate/purl.h"

typedef struct purl_vec {
	const char *purl;
	int rc;
	const char *type, *ns, *name, *version, *subpath;
	const char *qualifiers; /* "k=v&k=v" as parsed, in order */
} purl_vec;

static const purl_vec vecs[] = {
        {"pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie", 0, "deb", "debian", "curl",
                "7.50.3-1", NULL, "arch=i386&distro=jessie"},
        {"pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25", 0, "rpm", "fedora", "curl",
                "7.50.3-1.fc25", NULL, "arch=i386&distro=fedora-25"},
        {"pkg:rpm/centos/openssl-libs@1.0.2k-16.el7?arch=x86_64&epoch=1&distro=centos-7.6.1810", 0,
                "rpm", "centos", "openssl-libs", "1.0.2k-16.el7", NULL,
                "arch=x86_64&epoch=1&distro=centos-7.6.1810"},
        {"pkg:npm/%40angular/animation@12.3.1", 0, "npm", "@angular", "animation", "12.3.1", NULL,
                ""},
        {"pkg:maven/org.apache.commons/io", 0, "maven", "org.apache.commons", "io", NULL, NULL, ""},
        {"pkg:golang/google.golang.org/genproto#googleapis/api/annotations", 0, "golang",
                "google.golang.org", "genproto", NULL, "googleapis/api/annotations", ""},
        {"pkg:GitHub/package-url/purl-spec@244fd47e07d1004f0aed9c", 0, "github", "package-url",
                "purl-spec", "244fd47e07d1004f0aed9c", NULL, ""},
        {"pkg:generic/openssl@1.1.10g?download_url=https://openssl.org/source/"
         "openssl-1.1.0g.tar.gz&checksum=sha256:de4d501267da",
                0, "generic", NULL, "openssl", "1.1.10g", NULL,
                "download_url=https://openssl.org/source/openssl-1.1.0g.tar.gz&checksum=sha256:"
                "de4d501267da"},
        {"pkg:yocto/openembedded-core/glibc@9400e1e9?PV=2.35&repository_url=git.openembedded."
         "org#meta/recipes-core/",
                0, "yocto", "openembedded-core", "glibc", "9400e1e9", "meta/recipes-core",
                "pv=2.35&repository_url=git.openembedded.org"},
        /* leading slashes after the scheme, empty qualifier values, a trailing slash */
        {"pkg:///deb/debian/bash@5.2?arch=&distro=bookworm", 0, "deb", "debian", "bash", "5.2",
                NULL, "distro=bookworm"},
        {"pkg:generic/zlib@1.2.13/", 0, "generic", NULL, "zlib", "1.2.13", NULL, ""},
        {"PKG:generic/a%20b@1%2B2", 0, "generic", NULL, "a b", "1+2", NULL, ""},
        /* refused */
        {"EnterpriseLibrary.Common@6.0.1304", CVG_EPARSE, NULL, NULL, NULL, NULL, NULL, NULL},
        {"pkg:maven/@1.3.4", CVG_EPARSE, NULL, NULL, NULL, NULL, NULL, NULL},
        {"pkg:nameonly", CVG_EPARSE, NULL, NULL, NULL, NULL, NULL, NULL},
        {"pkg:1type/x@1", CVG_EPARSE, NULL, NULL, NULL, NULL, NULL, NULL},
        {"pkg:deb/debian/cu%0arl@1", CVG_EPARSE, NULL, NULL, NULL, NULL, NULL, NULL},
        {"pkg:deb/debian/curl@7%", CVG_EPARSE, NULL, NULL, NULL, NULL, NULL, NULL},
        {"pkg:deb/debian/curl?arch", CVG_EPARSE, NULL, NULL, NULL, NULL, NULL, NULL},
        {"pkg:deb/deb%2fian/curl", CVG_EPARSE, NULL, NULL, NULL, NULL, NULL, NULL},
};

static void qualifiers_text(char *out, size_t size, const cvg_purl *u)
{
	size_t n = 0;

	out[0] = '\0';
	for (size_t i = 0; i < u->nqualifiers; i++)
		n += (size_t)snprintf(out + n, size - n, "%s%s=%s", i ? "&" : "",
		        u->qualifiers[i].key, u->qualifiers[i].value);
}

static void expect_str(const char *purl, const char *what, const char *got, const char *want)
{
	if ((got == NULL) != (want == NULL) || (got && strcmp(got, want) != 0))
		fail_msg("%s: %s: got '%s', want '%s'", purl, what, got ? got : "(null)",
		        want ? want : "(null)");
}

static void test_parse(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(vecs) / sizeof(vecs[0]); i++) {
		const purl_vec *v = &vecs[i];
		cvg_purl u;
		char q[1024];
		int rc = cvg_purl_parse(&u, v->purl, strlen(v->purl));

		if (rc != v->rc)
			fail_msg("%s: got %d (%s), want %d", v->purl, rc, cvg_error_last(), v->rc);
		if (rc != 0)
			continue;
		expect_str(v->purl, "type", u.type, v->type);
		expect_str(v->purl, "namespace", u.namespace_, v->ns);
		expect_str(v->purl, "name", u.name, v->name);
		expect_str(v->purl, "version", u.version, v->version);
		expect_str(v->purl, "subpath", u.subpath, v->subpath);
		qualifiers_text(q, sizeof(q), &u);
		expect_str(v->purl, "qualifiers", q, v->qualifiers);
		cvg_purl_dispose(&u);
	}
}

static void test_qualifier_get(void **state)
{
	static const char s[] = "pkg:rpm/centos/bash@4.2.46?Epoch=1&arch=x86_64";
	cvg_purl u;

	(void)state;
	assert_int_equal(cvg_purl_parse(&u, s, sizeof(s) - 1), 0);
	assert_string_equal(cvg_purl_qualifier_get(&u, "epoch"), "1");
	assert_string_equal(cvg_purl_qualifier_get(&u, "arch"), "x86_64");
	assert_null(cvg_purl_qualifier_get(&u, "distro"));
	cvg_purl_dispose(&u);
}

static void test_limits(void **state)
{
	char big[CVG_PURL_MAX + 2];
	cvg_purl u;
	size_t n;

	(void)state;
	memset(big, 'a', sizeof(big));
	memcpy(big, "pkg:generic/", 12);
	assert_int_equal(cvg_purl_parse(&u, big, CVG_PURL_MAX), 0);
	assert_int_equal(strlen(u.name), CVG_PURL_MAX - 12);
	cvg_purl_dispose(&u);
	assert_int_equal(cvg_purl_parse(&u, big, CVG_PURL_MAX + 1), CVG_ELIMIT);
	assert_string_equal(cvg_error_last(), "purl: longer than 4096 bytes");

	/* 33 qualifiers */
	n = (size_t)snprintf(big, sizeof(big), "pkg:generic/x@1?");
	for (int i = 0; i < CVG_PURL_MAX_QUALIFIERS + 1; i++)
		n += (size_t)snprintf(big + n, sizeof(big) - n, "%sk%d=v", i ? "&" : "", i);
	assert_int_equal(cvg_purl_parse(&u, big, n), CVG_ELIMIT);
	assert_string_equal(cvg_error_last(), "purl: more than 32 qualifiers");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_parse),
	        cmocka_unit_test(test_qualifier_get),
	        cmocka_unit_test(test_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
