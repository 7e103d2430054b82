/*
 * tests/unit/test_cve5_names.c - the comparison key of CVE List v5 names
 * (cvg_cve5_name_key). The inputs are the vendor, product and package
 * names of the real records in ../shared/data/cvelist5 (CNA and CISA ADP
 * containers) and the NVD product names they must meet.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cvegate/cve5.h"

static void test_keys(void **state)
{
	static const struct {
		const char *name;
		const char *key; /* "" for no name */
	} v[] = {
	        {"SQLite", "sqlite"},               /* CVE-2025-6965, CNA Google */
	        {"Linux", "linux"},                 /* CVE-2024-26581, CNA Linux */
	        {"GNU C Library", "gnu_c_library"}, /* CVE-2024-2961, CNA glibc */
	        {"glibc", "glibc"},                 /* CVE-2024-2961, CISA ADP */
	        {"OpenSSL", "openssl"},             /* CVE-2024-12797 */
	        {"curl", "curl"},                   /* CVE-2025-10148 */
	        {"linux_kernel", "linux_kernel"},   /* an NVD product */
	        {"Linux Kernel", "linux_kernel"},   /* the same in prose */
	        {"util-linux", "util_linux"},       /* a package name */
	        {"util_linux", "util_linux"},       /* the NVD's */
	        {"node.js", "node.js"},             /* dots stay */
	        {"libstdc++", "libstdc++"},         /* pluses stay */
	        {"  Das U-Boot  ", "das_u_boot"},   /* outer runs dropped */
	        {"a -- b", "a_b"},                  /* one run, one '_' */
	        {"n/a", ""},                        /* mitre records */
	        {"N/A", ""}, {"unknown", ""}, {"Unspecified", ""}, {"*", ""}, {"-", ""}, {"", ""},
	        {"\xc3\xa9t\xc3\xa9", "t"}, /* non-ASCII bytes are separators */
	};
	char key[CVG_CVE5_NAME_KEY_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		size_t n = cvg_cve5_name_key(key, v[i].name);

		if (strcmp(key, v[i].key) != 0 || n != strlen(v[i].key))
			fail_msg(
			        "'%s': got '%s' (%zu), expected '%s'", v[i].name, key, n, v[i].key);
	}
	assert_int_equal(cvg_cve5_name_key(key, NULL), 0);
}

static void test_too_long(void **state)
{
	char name[CVG_CVE5_NAME_KEY_MAX + 1], key[CVG_CVE5_NAME_KEY_MAX];

	(void)state;
	memset(name, 'a', CVG_CVE5_NAME_KEY_MAX - 1);
	name[CVG_CVE5_NAME_KEY_MAX - 1] = '\0';
	assert_int_equal(cvg_cve5_name_key(key, name), CVG_CVE5_NAME_KEY_MAX - 1);
	name[CVG_CVE5_NAME_KEY_MAX - 1] = 'a';
	name[CVG_CVE5_NAME_KEY_MAX] = '\0';
	assert_int_equal(cvg_cve5_name_key(key, name), 0);
	assert_string_equal(key, "");
}

static int join_word(const char *key, void *payload)
{
	char *out = payload;

	if (*out)
		strcat(out, " ");
	strcat(out, key);
	return strcmp(key, "stop") == 0 ? 7 : 0;
}

/* Description words (CVE-2024-28085's text, abridged): keys, dots dropped,
 * short, numeric and common words left out; fn's non-zero return stops. */
static void test_words(void **state)
{
	char out[512] = "";

	(void)state;
	assert_int_equal(cvg_cve5_foreach_word("wall in util-linux through 2.40, often installed "
	                                       "with setgid tty permissions... (Specifically, "
	                                       ".bashrc U-Boot. the A",
	                         join_word, out),
	        0);
	assert_string_equal(out, "wall util_linux often installed setgid tty permissions "
	                         "specifically bashrc u_boot");
	out[0] = '\0';
	assert_int_equal(cvg_cve5_foreach_word("one stop more", join_word, out), 7);
	assert_string_equal(out, "one stop");
	assert_int_equal(cvg_cve5_foreach_word(NULL, join_word, out), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_keys),
	        cmocka_unit_test(test_too_long),
	        cmocka_unit_test(test_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
