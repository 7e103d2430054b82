/*
 * Unit tests for lib/snapshot.c: `db export` and the snapshot check of
 * `db update --mirror`. A database is built from the five hand-written
 * records of tests/data/update_api/five.json; Ed25519 (RFC 8032) and P-256
 * keys are generated at test time with OpenSSL; the mirror is a file: URL.
 * Each tampering case must end in CVG_EVERIFY with the download removed.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "cvegate/db.h"
#include "cvegate/error.h"
#include "cvegate/fetch.h"
#include "cvegate/snapshot.h"
#include "lib/update_internal.h"
#include "test_helpers.h"
#include "util/sha256.h"

#define NOW 1727740800LL /* 2024-10-01T00:00:00Z (date -u -d 2024-10-01 +%s) */

static char root[64];
static char db_path[128], key1[128], pub1[128], pub2[128], eckey[128];

static void pathf(char *out, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void pathf(char *out, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out, n, fmt, ap);
	va_end(ap);
}

static void write_key(const char *path, EVP_PKEY *k, int private_key)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	assert_int_equal(private_key ? PEM_write_PrivateKey(fp, k, NULL, NULL, 0, NULL, NULL)
	                             : PEM_write_PUBKEY(fp, k),
	        1);
	fclose(fp);
}

static int setup(void **state)
{
	char *five = data_path("update_api/five.json");
	const char *files[1] = {five};
	EVP_PKEY *k1, *k2, *ec;
	cvg_import_stats st;
	cvg_db *db = NULL;

	(void)state;
	snprintf(root, sizeof(root), "/tmp/cvegate-test-snap-XXXXXX");
	if (mkdtemp(root) == NULL)
		return -1;
	pathf(db_path, sizeof(db_path), "%s/source.db", root);
	pathf(key1, sizeof(key1), "%s/k1.pem", root);
	pathf(pub1, sizeof(pub1), "%s/k1.pub.pem", root);
	pathf(pub2, sizeof(pub2), "%s/k2.pub.pem", root);
	pathf(eckey, sizeof(eckey), "%s/ec.pem", root);
	if (cvg_db_open(&db, db_path, CVG_DB_WRITE) != 0 || cvg_db_import(db, files, 1, &st) != 0)
		return -1;
	cvg_db_close(db);
	free(five);
	k1 = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	k2 = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	ec = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	if (!k1 || !k2 || !ec)
		return -1;
	write_key(key1, k1, 1);
	write_key(pub1, k1, 0);
	write_key(pub2, k2, 0);
	write_key(eckey, ec, 1);
	EVP_PKEY_free(k1);
	EVP_PKEY_free(k2);
	EVP_PKEY_free(ec);
	return 0;
}

static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[512];
	struct stat st;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			remove_tree(p);
		else
			unlink(p);
	}
	closedir(d);
	rmdir(dir);
}

static int teardown(void **state)
{
	(void)state;
	remove_tree(root);
	return 0;
}

static size_t entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = malloc(1 << 21);
	size_t n;

	assert_non_null(fp);
	assert_non_null(buf);
	n = fread(buf, 1, (1 << 21) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	if (len)
		*len = n;
	return buf;
}

static void spill(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	fclose(fp);
}

/* Replace the first `from` in the file with `to` (same length or not). */
static void edit(const char *path, const char *from, const char *to)
{
	size_t len;
	char *s = slurp(path, &len), *p = strstr(s, from);
	char *out = malloc(len + strlen(to) + 1);
	size_t head;

	assert_non_null(p);
	assert_non_null(out);
	head = (size_t)(p - s);
	memcpy(out, s, head);
	memcpy(out + head, to, strlen(to));
	memcpy(out + head + strlen(to), p + strlen(from), len - head - strlen(from));
	spill(path, out, len - strlen(from) + strlen(to));
	free(out);
	free(s);
}

/* Sign dir's manifest with key1 as the exporter would. */
static void resign(const char *dir)
{
	char p[256];
	size_t len, siglen = 64;
	char *m;
	unsigned char sig[64];
	FILE *fp;
	EVP_PKEY *k;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();

	pathf(p, sizeof(p), "%s/%s", dir, CVG_SNAPSHOT_MANIFEST);
	m = slurp(p, &len);
	fp = fopen(key1, "r");
	assert_non_null(fp);
	k = PEM_read_PrivateKey(fp, NULL, NULL, NULL);
	fclose(fp);
	assert_non_null(k);
	assert_int_equal(EVP_DigestSignInit(ctx, NULL, NULL, NULL, k), 1);
	assert_int_equal(EVP_DigestSign(ctx, sig, &siglen, (unsigned char *)m, len), 1);
	pathf(p, sizeof(p), "%s/%s", dir, CVG_SNAPSHOT_SIGNATURE);
	spill(p, (char *)sig, siglen);
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(k);
	free(m);
}

static void sha_hex(char hex[65], const char *path)
{
	size_t len;
	char *s = slurp(path, &len);
	cvg_sha256 *h = NULL;

	assert_int_equal(cvg__sha256_new(&h), 0);
	assert_int_equal(cvg__sha256_update(h, s, len), 0);
	assert_int_equal(cvg__sha256_final_hex(h, hex), 0);
	cvg__sha256_free(h);
	free(s);
}

/* Export into ROOT/name (emptied first); returns the directory. */
static const char *export_to(const char *name, const char *key, cvg_snapshot_info *info)
{
	static char dir[128];

	pathf(dir, sizeof(dir), "%s/%s", root, name);
	remove_tree(dir);
	if (cvg_db_export(info, db_path, dir, key, NOW) != 0)
		fail_msg("export: %s", cvg_error_last());
	return dir;
}

typedef struct got {
	int error;
	char *path;
	char dest[160];
	warnings warn;
} got;

/* cvg__snapshot_fetch from file://mirror into ROOT/dest (emptied first). */
static void fetch(got *g, const char *mirror, const char *trust)
{
	cvg_fetch_options fo;
	cvg_update_options o;
	cvg_fetcher *f = NULL;
	char url[256];

	memset(g, 0, sizeof(*g));
	pathf(g->dest, sizeof(g->dest), "%s/dest", root);
	remove_tree(g->dest);
	assert_int_equal(mkdir(g->dest, 0700), 0);
	memset(&fo, 0, sizeof(fo));
	assert_int_equal(cvg_fetcher_new(&f, &fo), 0);
	pathf(url, sizeof(url), "file://%s", mirror);
	memset(&o, 0, sizeof(o));
	o.db_path = "unused.db";
	o.mirror = url;
	o.trust_key = trust;
	o.now = NOW;
	o.progress = collect;
	o.payload = &g->warn;
	g->error = cvg__snapshot_fetch(f, &o, g->dest, &g->path);
	cvg_fetcher_free(f);
	if (g->error < 0) {
		assert_null(g->path);
		assert_int_equal(entries(g->dest), 0); /* the download is gone */
	}
}

static size_t count_cves(const char *path)
{
	cvg_db *db = NULL;
	cvg_db_info info;
	size_t n;

	assert_int_equal(cvg_db_open(&db, path, CVG_DB_READONLY), 0);
	assert_int_equal(cvg_db_info_get(&info, db), 0);
	n = info.cves;
	cvg_db_info_dispose(&info);
	cvg_db_close(db);
	return n;
}

static void expect_verify(const got *g, const char *fragment)
{
	assert_int_equal(g->error, CVG_EVERIFY);
	if (strstr(cvg_error_last(), fragment) == NULL)
		fail_msg("expected '%s' in '%s'", fragment, cvg_error_last());
}

/* ---- Export ---- */

static void test_export_unsigned(void **state)
{
	cvg_snapshot_info info;
	const char *dir = export_to("u", NULL, &info);
	char p[256], expected[1024];
	unsigned char header[20];
	struct stat st;
	char *m;
	FILE *fp;
	got g;

	(void)state;
	assert_int_equal(info.cves, 5);
	assert_int_equal(info.schema_version, CVG_DB_SCHEMA_VERSION);
	assert_false(info.is_signed);
	assert_int_equal(entries(dir), 2);
	pathf(p, sizeof(p), "%s/%s", dir, CVG_SNAPSHOT_DB);
	assert_int_equal(stat(p, &st), 0);
	assert_true((unsigned long long)st.st_size == info.size);
	assert_true((st.st_mode & 0777) == 0644);
	/* rollback-journal mode: header bytes 18 and 19 are 1 (sqlite.org/fileformat.html) */
	fp = fopen(p, "rb");
	assert_non_null(fp);
	assert_int_equal(fread(header, 1, 20, fp), 20);
	fclose(fp);
	assert_int_equal(header[18], 1);
	assert_int_equal(header[19], 1);
	assert_int_equal(count_cves(p), 5);
	pathf(p, sizeof(p), "%s/%s", dir, CVG_SNAPSHOT_MANIFEST);
	m = slurp(p, NULL);
	pathf(expected, sizeof(expected),
	        "{\n  \"format\": \"cvegate-snapshot\",\n  \"format_version\": 1,\n"
	        "  \"schema_version\": %d,\n  \"file\": \"cvegate-snapshot.db\",\n"
	        "  \"size\": %llu,\n  \"sha256\": \"%s\",\n"
	        "  \"created\": \"2024-10-01T00:00:00Z\",\n  \"cves\": 5\n}\n",
	        CVG_DB_SCHEMA_VERSION, info.size, info.sha256);
	assert_string_equal(m, expected);
	free(m);

	/* installs without a trust key */
	fetch(&g, dir, NULL);
	assert_int_equal(g.error, 0);
	pathf(p, sizeof(p), "%s/%s", g.dest, CVG_SNAPSHOT_DB);
	assert_string_equal(g.path, p);
	assert_int_equal(count_cves(g.path), 5);
	assert_int_equal(g.warn.n, 1);
	assert_non_null(strstr(g.warn.msg[0], ": 5 CVEs, created 2024-10-01T00:00:00Z, not "
	                                      "signature-checked (no --trust-key)"));
	free(g.path);
}

static void test_export_signed(void **state)
{
	cvg_snapshot_info info;
	const char *dir = export_to("s", key1, &info);
	char p[256];
	got g;

	(void)state;
	assert_true(info.is_signed);
	assert_int_equal(entries(dir), 3);
	fetch(&g, dir, pub1);
	assert_int_equal(g.error, 0);
	assert_int_equal(count_cves(g.path), 5);
	assert_non_null(strstr(g.warn.msg[0], "signature verified"));
	free(g.path);

	/* an unsigned export over it removes the old signature */
	assert_int_equal(cvg_db_export(&info, db_path, dir, NULL, NOW), 0);
	assert_int_equal(entries(dir), 2);
	pathf(p, sizeof(p), "%s/%s", dir, CVG_SNAPSHOT_SIGNATURE);
	assert_int_not_equal(access(p, F_OK), 0);
}

static void test_export_errors(void **state)
{
	char dir[128], missing[128];

	(void)state;
	pathf(dir, sizeof(dir), "%s/err", root);
	pathf(missing, sizeof(missing), "%s/no-such.pem", root);
	assert_int_equal(cvg_db_export(NULL, db_path, dir, eckey, NOW), CVG_EINVAL);
	assert_non_null(strstr(cvg_error_last(), "expected an Ed25519 private key, found"));
	assert_int_equal(cvg_db_export(NULL, db_path, dir, pub1, NOW), CVG_EINVAL);
	assert_non_null(strstr(cvg_error_last(), "not a PEM private key"));
	assert_int_equal(cvg_db_export(NULL, db_path, dir, missing, NOW), CVG_EINVAL);
	assert_int_equal(cvg_db_export(NULL, key1, dir, NULL, NOW), CVG_EDB);
	assert_int_equal(entries(dir), 0); /* nothing was written */
}

/* ---- Fetch and verify ---- */

static void test_not_found(void **state)
{
	char dir[128];
	got g;

	(void)state;
	pathf(dir, sizeof(dir), "%s/empty", root);
	mkdir(dir, 0755);
	fetch(&g, dir, NULL);
	assert_int_equal(g.error, CVG_ENOTFOUND);
	assert_non_null(strstr(cvg_error_last(), "cvegate-snapshot.json: no snapshot here"));
}

static void test_tampered_db(void **state)
{
	cvg_snapshot_info info;
	const char *dir = export_to("t", key1, &info);
	char p[256];
	size_t len;
	char *db;
	got g;

	(void)state;
	pathf(p, sizeof(p), "%s/%s", dir, CVG_SNAPSHOT_DB);
	db = slurp(p, &len);
	db[len - 100] ^= 1; /* one bit, in the last page */
	spill(p, db, len);
	free(db);
	fetch(&g, dir, pub1); /* the signature is good: it covers the manifest */
	expect_verify(&g, "cvegate-snapshot.db: sha256 ");
	expect_verify(&g, ", the manifest says ");
	fetch(&g, dir, NULL);
	expect_verify(&g, "sha256");

	/* shorter than the manifest says */
	pathf(p, sizeof(p), "%s/%s", dir, CVG_SNAPSHOT_DB);
	assert_int_equal(truncate(p, (off_t)(info.size - 4096)), 0);
	fetch(&g, dir, pub1);
	expect_verify(&g, "bytes, the manifest says");
}

static void test_tampered_manifest(void **state)
{
	cvg_snapshot_info info;
	const char *dir = export_to("m", key1, &info);
	char p[256];
	got g;

	(void)state;
	pathf(p, sizeof(p), "%s/%s", dir, CVG_SNAPSHOT_MANIFEST);
	edit(p, "\"cves\": 5", "\"cves\": 6");
	fetch(&g, dir, pub1);
	expect_verify(&g, "cvegate-snapshot.json.sig: the snapshot's signature does not verify "
	                  "with the trusted key");
	expect_verify(&g, "a doctored snapshot would silence CVEs across a fleet");
}

static void test_wrong_key(void **state)
{
	cvg_snapshot_info info;
	const char *dir = export_to("w", key1, &info);
	char p[256];
	got g;

	(void)state;
	fetch(&g, dir, pub2);
	expect_verify(&g, "signature does not verify");
	/* a signature of the wrong length */
	pathf(p, sizeof(p), "%s/%s", dir, CVG_SNAPSHOT_SIGNATURE);
	assert_int_equal(truncate(p, 32), 0);
	fetch(&g, dir, pub1);
	expect_verify(&g, "signature does not verify");
	/* a trust key that is not an Ed25519 public key is a usage error */
	fetch(&g, dir, eckey);
	assert_int_equal(g.error, CVG_EINVAL);
}

static void test_unsigned_refused(void **state)
{
	cvg_snapshot_info info;
	const char *dir = export_to("n", NULL, &info);
	got g;

	(void)state;
	fetch(&g, dir, pub1);
	expect_verify(&g, "the snapshot is not signed (no cvegate-snapshot.json.sig), and "
	                  "--trust-key refuses unsigned snapshots: a doctored snapshot would "
	                  "silence CVEs across a fleet");
}

static void test_schema_mismatch(void **state)
{
	cvg_snapshot_info info;
	const char *dir = export_to("v", key1, &info);
	char p[256], hex[65];
	unsigned char *db;
	size_t len;
	got g;

	(void)state;
	/* the manifest says schema 4, signed: refused all the same */
	pathf(p, sizeof(p), "%s/%s", dir, CVG_SNAPSHOT_MANIFEST);
	edit(p, "\"schema_version\": 3", "\"schema_version\": 4");
	resign(dir);
	fetch(&g, dir, pub1);
	expect_verify(&g, "snapshot of database schema version 4, this cvegate reads version 3");

	/* the manifest says 3, the database's user_version (offset 60) says 4 */
	dir = export_to("v", key1, &info);
	pathf(p, sizeof(p), "%s/%s", dir, CVG_SNAPSHOT_DB);
	db = (unsigned char *)slurp(p, &len);
	assert_int_equal(db[63], 3);
	db[63] = 4;
	spill(p, (char *)db, len);
	free(db);
	sha_hex(hex, p);
	pathf(p, sizeof(p), "%s/%s", dir, CVG_SNAPSHOT_MANIFEST);
	edit(p, info.sha256, hex);
	resign(dir);
	fetch(&g, dir, pub1);
	expect_verify(&g, "database schema version 4, this cvegate reads version 3");

	/* another format version */
	dir = export_to("v", NULL, &info);
	pathf(p, sizeof(p), "%s/%s", dir, CVG_SNAPSHOT_MANIFEST);
	edit(p, "\"format_version\": 1", "\"format_version\": 2");
	fetch(&g, dir, NULL);
	expect_verify(&g, "snapshot format version 2, this cvegate reads version 1");
}

static void test_bad_manifest(void **state)
{
	static const struct {
		const char *from, *to, *message;
	} v[] = {
	        {"{", "[", "not a snapshot manifest (not a JSON object"},
	        {"\"size\": ", "\"size\": -", "not a snapshot manifest (expected format"},
	        {"\"sha256\": \"", "\"sha256\": \"X", "not a snapshot manifest (expected format"},
	        {"cvegate-snapshot.db", "../../etc/passwd", "not a snapshot manifest"},
	        {"\"format\": \"cvegate-snapshot\"", "\"format\": \"other\"",
	                "not a snapshot manifest"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		cvg_snapshot_info info;
		const char *dir = export_to("b", NULL, &info);
		char p[256];
		got g;

		pathf(p, sizeof(p), "%s/%s", dir, CVG_SNAPSHOT_MANIFEST);
		edit(p, v[i].from, v[i].to);
		fetch(&g, dir, NULL);
		expect_verify(&g, v[i].message);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_export_unsigned),
	        cmocka_unit_test(test_export_signed),
	        cmocka_unit_test(test_export_errors),
	        cmocka_unit_test(test_not_found),
	        cmocka_unit_test(test_tampered_db),
	        cmocka_unit_test(test_tampered_manifest),
	        cmocka_unit_test(test_wrong_key),
	        cmocka_unit_test(test_unsigned_refused),
	        cmocka_unit_test(test_schema_mismatch),
	        cmocka_unit_test(test_bad_manifest),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
