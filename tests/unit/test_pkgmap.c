/*
 * tests/unit/test_pkgmap.c - package name -> NVD product map, binary ->
 * source rules, auxiliary packages and the user map file parser.
 *
 * Vectors: OE-core CVE_PRODUCT rows (openembedded-core 35a2c6ed, 2026-08-22)
 * and vendor names checked against the NVD 1.1 feeds 2002-2018; binary
 * package names from a real Yocto kirkstone image manifest (libc6,
 * libcrypto3, libpcre2-16-0, systemd-conf ...) and a Debian 12 dpkg status
 * (libssl3, libglib2.0-0, zlib1g, libpcre2-8-0 ...).
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
#include "cvegate/pkgmap.h"
#include "lib/pkgmap_internal.h"

static int setup(void **state)
{
	cvg_pkgmap *map = NULL;

	if (cvg_pkgmap_new(&map) != 0)
		return -1;
	*state = map;
	return 0;
}

static int teardown(void **state)
{
	cvg_pkgmap_free(*state);
	return 0;
}

/* Render a lookup as "vendor:product vendor:product", "*" for any vendor. */
static void render(char *buf, size_t size, const cvg_product *p, size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		int w = snprintf(buf + used, size - used, "%s%s:%s", i ? " " : "",
		        p[i].vendor ? p[i].vendor : "*", p[i].product);
		assert_true(w > 0 && (size_t)w < size - used);
		used += (size_t)w;
	}
}

/* ---- The built-in tables ---- */

static void test_tables_sorted(void **state)
{
	(void)state;
	for (size_t i = 1; i < cvg__pkgmap_nbuiltins; i++)
		if (strcmp(cvg__pkgmap_builtins[i - 1].name, cvg__pkgmap_builtins[i].name) >= 0)
			fail_msg("builtins out of order at %s", cvg__pkgmap_builtins[i].name);
	for (size_t i = 1; i < cvg__pkgmap_nexact_rules; i++)
		if (strcmp(cvg__pkgmap_exact_rules[i - 1].pattern,
		            cvg__pkgmap_exact_rules[i].pattern) >= 0)
			fail_msg("exact rules out of order at %s",
			        cvg__pkgmap_exact_rules[i].pattern);
	for (size_t i = 1; i < cvg__pkgmap_nstem_rules; i++)
		if (strcmp(cvg__pkgmap_stem_rules[i - 1].pattern,
		            cvg__pkgmap_stem_rules[i].pattern) >= 0)
			fail_msg(
			        "stem rules out of order at %s", cvg__pkgmap_stem_rules[i].pattern);
	for (size_t i = 1; i < cvg__pkgmap_noptouts; i++)
		assert_true(strcmp(cvg__pkgmap_optouts[i - 1], cvg__pkgmap_optouts[i]) < 0);
	/* 106 OE rows with products + 1 "common" re-keyed as llvm + additions,
	 * 12 of them Debian 12 sources named with their version */
	assert_int_equal(cvg__pkgmap_nbuiltins, 170);
	assert_int_equal(cvg__pkgmap_noptouts, 4);
}

typedef struct lookup_vec {
	const char *name;
	const char *products; /* rendered */
	bool from_table;
} lookup_vec;

static const lookup_vec lookup_vecs[] = {
        /* required by the design, vendors checked against NVD 2002-2018 */
        {"openssl", "openssl:openssl", true},
        {"expat", "libexpat_project:libexpat james_clark:expat", true},
        {"linux-yocto", "linux:linux_kernel", true},
        {"linux-yocto-rt", "linux:linux_kernel", true},
        {"linux-yocto-tiny", "linux:linux_kernel", true},
        /* Debian 12 sources named with their version (debian12-dpkg-status) */
        {"boost1.74", "boost:boost", true},
        {"policykit-1", "polkit_project:polkit freedesktop:polkit", true},
        {"python3.11", "python:python python_software_foundation:python", true},
        {"boost1.83", "*:boost1.83", false},
        {"linux", "linux:linux_kernel", true},
        {"linux-kernel", "linux:linux_kernel", true},
        {"kernel", "linux:linux_kernel", true},
        {"dropbear", "dropbear_ssh_project:dropbear_ssh", true},
        {"sqlite3", "sqlite:sqlite", true},
        {"sqlite", "sqlite:sqlite", true},
        {"tiff", "libtiff:libtiff remotesensing:libtiff", true},
        {"libxml2", "xmlsoft:libxml2", true},
        {"xmlsec1", "xmlsec_project:xmlsec aleksey:xml_security_library", true},
        {"busybox", "busybox:busybox rob_landley:busybox", true},
        {"bash", "gnu:bash", true},
        {"glibc", "gnu:glibc", true},
        {"curl",
                "haxx:curl haxx:libcurl curl:curl curl:libcurl libcurl:libcurl "
                "daniel_stenberg:curl",
                true},
        {"openssh", "openbsd:openssh openssh:openssh", true},
        {"sudo", "gratisoft:sudo sudo:sudo sudo_project:sudo todd_miller:sudo", true},
        {"zlib", "zlib:zlib gnu:zlib", true},
        /* OE-core rows verbatim: bare products, "+=" expanded with the recipe */
        {"bluez5", "*:bluez", true},
        {"wpa-supplicant", "*:wpa_supplicant", true},
        {"dbus", "*:dbus d-bus_project:d-bus freedesktop:dbus freedesktop:libdbus", true},
        {"openmp", "*:openmp", true},
        {"libxkbcommon", "*:libxkbcommon xkbcommon:libxkbcommon", true},
        {"python3", "python:python python_software_foundation:python *:cpython", true},
        {"libpcre2", "*:pcre2", true},
        {"glibc-common", "*:glibc", true},
        {"u-boot", "denx:u-boot", true},
        {"llvm", "llvm:llvm", true},
        {"zstd", "*:zstandard", true},
        /* Debian source names agreeing with the NVD */
        {"glib2.0", "gnome:glib", true},
        {"pcre3", "pcre:pcre perl:pcre", true},
        {"pcre2", "pcre:pcre2", true},
        {"xz-utils", "tukaani:xz xz_project:xz", true},
        {"krb5", "mit:kerberos_5 mit:kerberos", true},
        /* in no table */
        {"hello", "*:hello", false},
        {"common", "*:common", false},
        {"OpenSSL", "*:OpenSSL", false},
        {"", "*:", false},
};

static void test_lookup(void **state)
{
	const cvg_pkgmap *map = *state;

	for (size_t i = 0; i < sizeof(lookup_vecs) / sizeof(lookup_vecs[0]); i++) {
		const lookup_vec *v = &lookup_vecs[i];
		const cvg_product *p = NULL;
		size_t n = 0;
		cvg_pkgmap_origin from = (cvg_pkgmap_origin)-1;
		char got[512];

		assert_int_equal(cvg_pkgmap_lookup(&p, &n, &from, map, v->name), 0);
		assert_true(n >= 1);
		render(got, sizeof(got), p, n);
		if (strcmp(got, v->products) != 0)
			fail_msg("%s: got \"%s\", want \"%s\"", v->name, got, v->products);
		assert_int_equal(from, v->from_table ? CVG_PKGMAP_BUILTIN : CVG_PKGMAP_NAME);
		if (!v->from_table)
			assert_ptr_equal(p[0].product, v->name);
	}
}

/* ---- Binary -> source ---- */

typedef struct source_vec {
	const char *binary, *source;
} source_vec;

static const source_vec source_vecs[] = {
        /* Yocto kirkstone image manifest */
        {"libc6", "glibc"},
        {"ldconfig", "glibc"},
        {"glibc-locale-en-gb", "glibc"},
        {"locale-base-en-gb", "glibc"},
        {"libcrypto3", "openssl"},
        {"libssl3", "openssl"},
        {"openssl-bin", "openssl"},
        {"openssl-ossl-module-legacy", "openssl"},
        {"libcurl4", "curl"},
        {"libxml2", "libxml2"},
        {"libexpat1", "expat"},
        {"libz1", "zlib"},
        {"libzstd1", "zstd"},
        {"libbz2-1", "bzip2"},
        {"liblzma5", "xz"},
        {"libdbus-1-3", "dbus"},
        {"dbus-1", "dbus"},
        {"dbus-tools", "dbus"},
        {"libsystemd0", "systemd"},
        {"libsystemd-shared", "systemd"},
        {"libudev1", "systemd"},
        {"udev", "systemd"},
        {"udev-hwdb", "systemd"},
        {"systemd-udev-rules", "systemd"},
        {"systemd-extra-utils", "systemd"},
        {"systemd-conf", "systemd-conf"},
        {"systemd-serialgetty", "systemd-serialgetty"},
        {"systemd-compat-units", "systemd-compat-units"},
        {"udev-extraconf", "udev-extraconf"},
        {"libpng16-16", "libpng"},
        {"libjpeg62", "libjpeg-turbo"},
        {"libncurses5", "ncurses"},
        {"libncursesw5", "ncurses"},
        {"libtinfo5", "ncurses"},
        {"ncurses-terminfo-base", "ncurses"},
        {"libreadline8", "readline"},
        {"libpcre1", "pcre"},
        {"libpcre2-16-0", "pcre2"},
        {"libblkid1", "util-linux"},
        {"libmount1", "util-linux"},
        {"libuuid1", "util-linux"},
        {"libsmartcols1", "util-linux"},
        {"libfdisk1", "util-linux"},
        {"util-linux-lsblk", "util-linux"},
        {"libext2fs2", "e2fsprogs"},
        {"libcom-err2", "e2fsprogs"},
        {"libss2", "e2fsprogs"},
        {"libe2p2", "e2fsprogs"},
        {"e2fsprogs-mke2fs", "e2fsprogs"},
        {"libglib-2.0-0", "glib-2.0"},
        {"libglib-2.0-locale-en-gb", "glib-2.0"},
        {"libx11-6", "libx11"},
        {"libx11-xcb1", "libx11"},
        {"libgcc1", "gcc"},
        {"libstdc++6", "gcc"},
        {"libcrypt2", "libxcrypt"},
        {"libnss-myhostname2", "systemd"},
        {"kernel-5.15.137-intel-pk-standard", "kernel"},
        {"kernel-image-bzimage-5.15.137-intel-pk-standard", "kernel"},
        {"kernel-module-i915-5.15.137-intel-pk-standard",
                "kernel-module-i915-5.15.137-intel-pk-standard"},
        {"iptables-module-xt-tee", "iptables"},
        {"openssh-sshd", "openssh"},
        {"sudo-lib", "sudo"},
        {"busybox-udhcpc", "busybox"},
        {"grub-efi", "grub"},
        {"grub-bootconf", "grub-bootconf"},
        {"perl-module-config-heavy", "perl"},
        {"libcap", "libcap"},
        {"libcap-ng", "libcap-ng"},
        {"libelf1", "elfutils"},
        {"libkmod2", "kmod"},
        /* Debian 12 */
        {"libc6-dev", "glibc"},
        {"libc-bin", "glibc"},
        {"libc-dev-bin", "glibc"},
        {"locales", "glibc"},
        {"libssl1.1", "openssl"},
        {"libssl-dev", "openssl"},
        {"libcurl3-gnutls", "curl"},
        {"libcurl4-openssl-dev", "curl"},
        {"libxml2-utils", "libxml2"},
        {"libsqlite3-0", "sqlite3"},
        {"zlib1g", "zlib"},
        {"zlib1g-dev", "zlib"},
        {"libgnutls30", "gnutls"},
        {"libgnutlsxx30", "gnutls"},
        {"libglib2.0-0", "glib-2.0"},
        {"libpcre3", "pcre"},
        {"libpcre2-8-0", "pcre2"},
        {"libpcrecpp0v5", "pcre"},
        {"libjpeg62-turbo", "libjpeg-turbo"},
        {"libncursesw6", "ncurses"},
        {"xz-utils", "xz"},
        {"bsdutils", "util-linux"},
        {"mount", "util-linux"},
        {"libpam-systemd", "systemd"},
        {"libpam0g", "libpam"},
        {"libpam-modules", "libpam"},
        {"libkrb5-3", "krb5"},
        {"libkrb5support0", "krb5"},
        {"libgssapi-krb5-2", "krb5"},
        {"libdb5.3", "db"},
        {"libpython3.11", "python3"},
        {"libssh2-1", "libssh2"},
        {"libssh-4", "libssh"},
        {"libgcrypt20", "libgcrypt"},
        {"libusb-1.0-0", "libusb1"},
        {"liblzo2-2", "lzo"},
        {"libjson-glib-1.0-0", "json-glib"},
        {"libmnl0", "libmnl"},
        /* near misses that must NOT match a stem */
        {"libcrypto++8", "libcrypto++8"},
        {"libzip4", "libzip4"},
        {"libdbus-glib-1-2", "libdbus-glib-1-2"},
        {"libatomic-ops", "libatomic-ops"},
        {"libsslfoo", "libsslfoo"},
        {"dbus-broker", "dbus-broker"},
        {"libc", "libc"},
        {"", ""},
        {"hello", "hello"},
};

static void test_source_name(void **state)
{
	const cvg_pkgmap *map = *state;

	for (size_t i = 0; i < sizeof(source_vecs) / sizeof(source_vecs[0]); i++) {
		const char *got = cvg_pkgmap_source_name(map, source_vecs[i].binary);
		if (strcmp(got, source_vecs[i].source) != 0)
			fail_msg("%s: got %s, want %s", source_vecs[i].binary, got,
			        source_vecs[i].source);
	}
	/* no rule: the caller's own string comes back */
	{
		const char *name = "hello";
		assert_ptr_equal(cvg_pkgmap_source_name(map, name), name);
	}
}

/* ---- Auxiliary ---- */

typedef struct aux_vec {
	const char *name;
	bool aux;
} aux_vec;

static const aux_vec aux_vecs[] = {
        {"openssl-lic", true},
        {"openssl-dbg", true},
        {"openssl-doc", true},
        {"openssl-dev", true},
        {"openssl-staticdev", true},
        {"openssl-src", true},
        {"openssl-ptest", true},
        {"libssl3-dbgsym", true},
        {"libc6-dev", true},
        {"linux-firmware-i915-license", true},
        {"libx11-locale", true},
        {"glibc-locale", true},
        {"glibc-locale-en-gb", true},
        {"libglib-2.0-locale-en-gb", true},
        {"mc-locale-pt-br", true},
        {"glibc-localedata-i18n", true},
        {"glibc-binary-localedata-en-us", true},
        {"glibc-charmap-utf-8", true},
        {"locale-base-en-gb", true},
        {"packagegroup-core-boot", true},
        {"glibc-mtrace", true},
        {"glibc-scripts", true},
        {"libx11-compose-data", true},
        /* real code */
        {"openssl", false},
        {"libc6", false},
        {"udev", false},
        {"dev", false},
        {"-dev", false},
        {"glibc-gconv-utf-16", false},
        {"perl-module-locale-maketext", false},
        {"locales", false},
        {"libdevmapper1.02.1", false},
        {"kernel-devsrc", false},
        {"", false},
};

static void test_is_auxiliary(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(aux_vecs) / sizeof(aux_vecs[0]); i++)
		if (cvg_pkgmap_is_auxiliary(aux_vecs[i].name) != aux_vecs[i].aux)
			fail_msg("%s: want %d", aux_vecs[i].name, aux_vecs[i].aux);
}

/* ---- User map files ---- */

static void expect_lookup(
        const cvg_pkgmap *map, const char *name, const char *want, cvg_pkgmap_origin origin)
{
	const cvg_product *p = NULL;
	size_t n = 0;
	cvg_pkgmap_origin from = (cvg_pkgmap_origin)-1;
	char got[512];

	assert_int_equal(cvg_pkgmap_lookup(&p, &n, &from, map, name), 0);
	render(got, sizeof(got), p, n);
	if (strcmp(got, want) != 0)
		fail_msg("%s: got \"%s\", want \"%s\"", name, got, want);
	assert_int_equal(from, origin);
}

static void test_user_buffer(void **state)
{
	cvg_pkgmap *map = *state;
	static const char text[] = "# a user map\n"
	                           "\n"
	                           "   # indented comment\n"
	                           "openssl\tmyvendor:openssl   openssl:openssl\r\n"
	                           "hello hello_project:hello # trailing comment\n"
	                           "anyvendor widget *:gadget\n"
	                           "hello gnu:hello\n"
	                           "last-line-without-newline acme:rocket";

	assert_int_equal(cvg__pkgmap_load_buffer(map, text, sizeof(text) - 1, "t.map"), 0);
	expect_lookup(map, "openssl", "myvendor:openssl openssl:openssl", CVG_PKGMAP_USER);
	/* the later line for the same name wins */
	expect_lookup(map, "hello", "gnu:hello", CVG_PKGMAP_USER);
	expect_lookup(map, "anyvendor", "*:widget *:gadget", CVG_PKGMAP_USER);
	expect_lookup(map, "last-line-without-newline", "acme:rocket", CVG_PKGMAP_USER);
	/* built-in entries still answer for names the user did not map */
	expect_lookup(map, "bash", "gnu:bash", CVG_PKGMAP_BUILTIN);

	/* a second load overrides the first, keeps the rest */
	assert_int_equal(cvg__pkgmap_load_buffer(map, "hello a:b\n", 10, "u.map"), 0);
	expect_lookup(map, "hello", "a:b", CVG_PKGMAP_USER);
	expect_lookup(map, "anyvendor", "*:widget *:gadget", CVG_PKGMAP_USER);
	/* an empty input changes nothing */
	assert_int_equal(cvg__pkgmap_load_buffer(map, "", 0, "empty.map"), 0);
	expect_lookup(map, "hello", "a:b", CVG_PKGMAP_USER);
}

typedef struct bad_map_vec {
	const char *text;
	const char *message;
} bad_map_vec;

static const bad_map_vec bad_map_vecs[] = {
        {"openssl a:b:c\n",
                "bad.map:1: expected vendor:product, found \"a:b:c\" (more than one ':')"},
        {"# ok\nopenssl :openssl\n", "bad.map:2: expected a vendor before ':', found \":openssl\""},
        {"openssl openssl:\n", "bad.map:1: expected a product after ':', found \"openssl:\""},
        {"openssl\n",
                "bad.map:1: expected vendor:product after \"openssl\", found the end of the line"},
        {"openssl   # nothing\n",
                "bad.map:1: expected vendor:product after \"openssl\", found the end of the line"},
        {"a:b c:d\n", "bad.map:1: expected a package name first, found \"a:b\""},
        {"openssl *\n", "bad.map:1: expected a product name, found \"*\""},
        {"openssl v:*\n", "bad.map:1: expected a product name, found \"v:*\""},
        {"ok a:b\nopenssl a\x01:b\n", "bad.map:2: expected a printable character, found byte 0x01"},
        {"openssl a:b\rc\n", "bad.map:1: expected a printable character, found byte 0x0d"},
};

static void test_user_errors(void **state)
{
	cvg_pkgmap *map = *state;

	for (size_t i = 0; i < sizeof(bad_map_vecs) / sizeof(bad_map_vecs[0]); i++) {
		const bad_map_vec *v = &bad_map_vecs[i];
		assert_int_equal(cvg__pkgmap_load_buffer(map, v->text, strlen(v->text), "bad.map"),
		        CVG_EPARSE);
		assert_string_equal(cvg_error_last(), v->message);
	}
	/* a NUL byte inside the buffer */
	assert_int_equal(
	        cvg__pkgmap_load_buffer(map, "ok a:b\nx\0y a:b\n", 15, "nul.map"), CVG_EPARSE);
	assert_string_equal(
	        cvg_error_last(), "nul.map:2: expected a printable character, found byte 0x00");
	/* a failed load leaves the map as it was: "ok" was on a good line */
	expect_lookup(map, "ok", "*:ok", CVG_PKGMAP_NAME);
	expect_lookup(map, "openssl", "openssl:openssl", CVG_PKGMAP_BUILTIN);
}

static void test_user_limit(void **state)
{
	cvg_pkgmap *map = *state;
	size_t len = 1024 * 1024 + 1;
	char *big = malloc(len);

	assert_non_null(big);
	memset(big, '#', len);
	assert_int_equal(cvg__pkgmap_load_buffer(map, big, len, "big.map"), CVG_ELIMIT);
	assert_string_equal(cvg_error_last(), "big.map: larger than 1 MiB");
	/* exactly 1 MiB of comment is fine */
	assert_int_equal(cvg__pkgmap_load_buffer(map, big, len - 1, "big.map"), 0);
	free(big);
}

static void test_user_files(void **state)
{
	cvg_pkgmap *map = *state;
	const char *dir = getenv("CVG_TEST_DATA");
	char path[1024];

	if (dir == NULL)
		dir = "tests/data";
	snprintf(path, sizeof(path), "%s/pkgmap/good.map", dir);
	assert_int_equal(cvg_pkgmap_load(map, path), 0);
	expect_lookup(map, "openssl", "openssl:openssl", CVG_PKGMAP_BUILTIN);
	expect_lookup(map, "linux-custom", "linux:linux_kernel", CVG_PKGMAP_USER);
	expect_lookup(map, "mylib", "*:mylib acme:mylib", CVG_PKGMAP_USER);
	expect_lookup(
	        map, "dropbear", "dropbear_ssh_project:dropbear_ssh *:dropbear", CVG_PKGMAP_USER);

	snprintf(path, sizeof(path), "%s/pkgmap/bad.map", dir);
	assert_int_equal(cvg_pkgmap_load(map, path), CVG_EPARSE);
	{
		char want[1200];
		snprintf(want, sizeof(want),
		        "%s:3: expected vendor:product, found \"a:b:c\" (more than one ':')", path);
		assert_string_equal(cvg_error_last(), want);
	}
	expect_lookup(map, "badfile-first", "*:badfile-first", CVG_PKGMAP_NAME);

	snprintf(path, sizeof(path), "%s/pkgmap/does-not-exist.map", dir);
	assert_int_equal(cvg_pkgmap_load(map, path), CVG_EIO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_tables_sorted),
	        cmocka_unit_test_setup_teardown(test_lookup, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_source_name, setup, teardown),
	        cmocka_unit_test(test_is_auxiliary),
	        cmocka_unit_test_setup_teardown(test_user_buffer, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_user_errors, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_user_limit, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_user_files, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
