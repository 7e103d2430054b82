/*
 * lib/snapshot.c - database snapshots for fleets: `cvegate db export`
 * writes one, `cvegate db update --mirror URL` installs one
 * (cvg__snapshot_fetch, called by lib/update.c).
 *
 * Why it is built this way:
 * - The copy is SQLite's VACUUM INTO: a consistent, defragmented copy made
 *   under a read transaction, so an export can run while scans do. The copy
 *   is then set to rollback-journal mode (header bytes 18-19 = 1), so an
 *   installed snapshot never needs a -wal beside it, and it leaves no
 *   journal behind.
 * - The manifest is small JSON written by us with fixed key order; its exact
 *   bytes are what Ed25519 signs (OpenSSL EVP_DigestSign, "pure" Ed25519,
 *   RFC 8032: no separate digest). The .sig is the raw 64-byte signature, so
 *   `openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -in
 *   cvegate-snapshot.json -sigfile cvegate-snapshot.json.sig` checks it too.
 * - The manifest names the database by size and sha256, so the signature
 *   covers it. A reader checks, in order: signature (with a trust key; an
 *   unsigned or badly signed snapshot is refused, because a doctored
 *   snapshot would silence CVEs across a fleet), the manifest's format and
 *   schema version, then the downloaded file's size, sha256 and SQLite header
 *   (magic, journal mode, application id, user_version). Every failure is
 *   CVG_EVERIFY and removes the download.
 * - Files are written under temporary names, synced, renamed (database,
 *   signature, manifest last) and the directory synced: a reader sees the
 *   old manifest or the new one, and a mismatched pair fails its checks.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sqlite3.h>
#include <yajl/yajl_tree.h>

#include "cvegate/db.h"
#include "cvegate/error.h"
#include "cvegate/snapshot.h"
#include "lib/update_internal.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/sha256.h"
#include "util/text.h"

/* A manifest is a few hundred bytes; a key file a few hundred too. */
#define MANIFEST_MAX (64u * 1024u)
#define KEY_MAX (64u * 1024u)
#define SIG_LEN 64 /* Ed25519 (RFC 8032 section 5.1.6) */

#define FORMAT_NAME "cvegate-snapshot"

/* 'CVGT', PRAGMA application_id of a cvegate database (lib/db.c). */
#define CVG_APPLICATION_ID 0x43564754u

#define SNAPSHOT_LOSS "a doctored snapshot would silence CVEs across a fleet"

/* ---- Keys and signatures ---- */

/* Load a PEM key file: private (for signing) or public. */
static int load_key(EVP_PKEY **out, const char *path, bool private_key)
{
	char *pem = NULL;
	size_t len = 0;
	BIO *bio = NULL;
	EVP_PKEY *key = NULL;
	int error;

	*out = NULL;
	if ((error = cvg__read_file(&pem, &len, path, KEY_MAX)) < 0) {
		char msg[1024];
		snprintf(msg, sizeof(msg), "%s", cvg_error_last());
		error = cvg__error(CVG_EINVAL, "%s", msg);
		goto done;
	}
	if ((bio = BIO_new_mem_buf(pem, (int)len)) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	key = private_key ? PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL)
	                  : PEM_read_bio_PUBKEY(bio, NULL, NULL, NULL);
	if (key == NULL) {
		error = cvg__error(CVG_EINVAL, "%s: not a PEM %s key", path,
		        private_key ? "private" : "public");
		goto done;
	}
	if (EVP_PKEY_id(key) != EVP_PKEY_ED25519) {
		error = cvg__error(CVG_EINVAL, "%s: expected an Ed25519 %s key, found %s", path,
		        private_key ? "private" : "public", OBJ_nid2sn(EVP_PKEY_id(key)));
		goto done;
	}
	*out = key;
	key = NULL;
done:
	EVP_PKEY_free(key);
	BIO_free(bio);
	if (pem) {
		OPENSSL_cleanse(pem, len);
		free(pem);
	}
	return error;
}

static int sign(unsigned char sig[SIG_LEN], EVP_PKEY *key, const char *msg, size_t len)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	size_t siglen = SIG_LEN;
	int error = 0;

	if (ctx == NULL)
		return cvg__error_oom();
	if (EVP_DigestSignInit(ctx, NULL, NULL, NULL, key) != 1 ||
	        EVP_DigestSign(ctx, sig, &siglen, (const unsigned char *)msg, len) != 1 ||
	        siglen != SIG_LEN)
		error = cvg__error(CVG_ERROR, "Ed25519 signing failed (OpenSSL)");
	EVP_MD_CTX_free(ctx);
	return error;
}

/* 1: good, 0: bad, <0: error. */
static int verify(EVP_PKEY *key, const char *sig, size_t siglen, const char *msg, size_t len)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int rc;

	if (ctx == NULL)
		return cvg__error_oom();
	if (siglen != SIG_LEN) {
		EVP_MD_CTX_free(ctx);
		return 0;
	}
	rc = EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, key) == 1 &&
	     EVP_DigestVerify(
	             ctx, (const unsigned char *)sig, siglen, (const unsigned char *)msg, len) == 1;
	EVP_MD_CTX_free(ctx);
	return rc;
}

/* ---- Files ---- */

static int hash_file(char hex[CVG_SHA256_HEX_LEN + 1], unsigned long long *size, const char *path)
{
	cvg_sha256 *h = NULL;
	unsigned char *buf = NULL;
	FILE *fp = NULL;
	size_t n;
	int error;

	*size = 0;
	if ((error = cvg__sha256_new(&h)) < 0)
		goto done;
	if ((buf = malloc(1u << 16)) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	if ((fp = fopen(path, "rb")) == NULL) {
		error = cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
		goto done;
	}
	while ((n = fread(buf, 1, 1u << 16, fp)) > 0) {
		if ((error = cvg__sha256_update(h, buf, n)) < 0)
			goto done;
		*size += n;
	}
	if (ferror(fp)) {
		error = cvg__error(CVG_EIO, "%s: read error", path);
		goto done;
	}
	error = cvg__sha256_final_hex(h, hex);
done:
	if (fp)
		fclose(fp);
	free(buf);
	cvg__sha256_free(h);
	return error;
}

static int sync_path(const char *path, bool dir)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
	int error = 0;

	if (fd < 0)
		return cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
	if (fsync(fd) != 0)
		error = cvg__error(CVG_EIO, "%s: fsync: %s", path, strerror(errno));
	close(fd);
	return error;
}

/* Write a new file (mode 0644: snapshots are published), synced. */
static int write_file(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	const char *p = data;
	int error = 0;

	if (fd < 0)
		return cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			error = cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
			break;
		}
		p += w;
		len -= (size_t)w;
	}
	if (error == 0 && fsync(fd) != 0)
		error = cvg__error(CVG_EIO, "%s: fsync: %s", path, strerror(errno));
	if (close(fd) != 0 && error == 0)
		error = cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
	if (error < 0)
		unlink(path);
	return error;
}

static int path_join(cvg_buf *b, const char *dir, const char *name, const char *suffix)
{
	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		n--;
	cvg__buf_clear(b);
	if (cvg__buf_put(b, dir, n) < 0 || cvg__buf_printf(b, "/%s%s", name, suffix) < 0)
		return cvg__error_oom();
	return 0;
}

/* ---- Export ---- */

static int sql_error(sqlite3 *db, const char *path, const char *what)
{
	return cvg__error(
	        CVG_EDB, "%s: %s: %s", path, what, db ? sqlite3_errmsg(db) : "out of memory");
}

/* VACUUM INTO `tmp`, then make the copy a rollback-journal database. */
static int copy_database(const char *db_path, const char *tmp)
{
	sqlite3 *src = NULL, *dst = NULL;
	sqlite3_stmt *st = NULL;
	int error = 0;

	if (sqlite3_open_v2(db_path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		error = sql_error(src, db_path, "cannot open");
		goto done;
	}
	sqlite3_busy_timeout(src, 10000);
	if (sqlite3_prepare_v2(src, "VACUUM INTO ?1", -1, &st, NULL) != SQLITE_OK ||
	        sqlite3_bind_text(st, 1, tmp, -1, SQLITE_STATIC) != SQLITE_OK ||
	        sqlite3_step(st) != SQLITE_DONE) {
		error = sql_error(src, db_path, "VACUUM INTO failed");
		goto done;
	}
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	        sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		error = sql_error(dst, tmp, "cannot set the journal mode");
		goto done;
	}
done:
	sqlite3_finalize(st);
	sqlite3_close(src);
	sqlite3_close(dst);
	return error;
}

static void format_utc(char out[32], long long t)
{
	long long days = t / 86400, s = t % 86400;
	long long z = days + 719468, era, doe, yoe, doy, mp, d, m, y;
	char tmp[96];

	/* civil_from_days (H. Hinnant) */
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	y = yoe + era * 400 + (m <= 2);
	snprintf(tmp, sizeof(tmp), "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", y % 10000, m, d,
	        s / 3600, s / 60 % 60, s % 60);
	memcpy(out, tmp, 20);
	out[20] = '\0';
}

int cvg_db_export(cvg_snapshot_info *out, const char *db_path, const char *dir,
        const char *sign_key, long long now)
{
	cvg_buf tmp_db = CVG_BUF_INIT(0), tmp_man = CVG_BUF_INIT(0), tmp_sig = CVG_BUF_INIT(0);
	cvg_buf fin = CVG_BUF_INIT(0), manifest = CVG_BUF_INIT(MANIFEST_MAX);
	cvg_snapshot_info info;
	unsigned char sig[SIG_LEN];
	char created[32];
	EVP_PKEY *key = NULL;
	cvg_db *db = NULL;
	cvg_db_info dbi;
	bool have_info = false;
	int error;

	memset(&info, 0, sizeof(info));
	if (now < 0)
		now = 0;
	if (sign_key && (error = load_key(&key, sign_key, true)) < 0)
		goto done;
	/* a cvegate database of this schema, and its CVE count */
	if ((error = cvg_db_open(&db, db_path, CVG_DB_READONLY)) < 0 ||
	        (error = cvg_db_info_get(&dbi, db)) < 0)
		goto done;
	have_info = true;
	info.cves = dbi.cves;
	info.schema_version = CVG_DB_SCHEMA_VERSION;
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		error = cvg__error(CVG_EIO, "%s: %s", dir, strerror(errno));
		goto done;
	}
	{
		char suffix[48];
		snprintf(suffix, sizeof(suffix), ".tmp-%ld", (long)getpid());
		if ((error = path_join(&tmp_db, dir, CVG_SNAPSHOT_DB, suffix)) < 0 ||
		        (error = path_join(&tmp_man, dir, CVG_SNAPSHOT_MANIFEST, suffix)) < 0 ||
		        (error = path_join(&tmp_sig, dir, CVG_SNAPSHOT_SIGNATURE, suffix)) < 0)
			goto done;
	}
	unlink(tmp_db.ptr); /* left by a crashed export of this pid */
	if ((error = copy_database(db_path, tmp_db.ptr)) < 0 ||
	        (error = sync_path(tmp_db.ptr, false)) < 0 ||
	        (error = hash_file(info.sha256, &info.size, tmp_db.ptr)) < 0)
		goto done;
	format_utc(created, now);
	if ((error = cvg__buf_printf(&manifest,
	             "{\n  \"format\": \"" FORMAT_NAME "\",\n  \"format_version\": %d,\n"
	             "  \"schema_version\": %d,\n  \"file\": \"" CVG_SNAPSHOT_DB "\",\n"
	             "  \"size\": %llu,\n  \"sha256\": \"%s\",\n  \"created\": \"%s\",\n"
	             "  \"cves\": %zu\n}\n",
	             CVG_SNAPSHOT_FORMAT_VERSION, info.schema_version, info.size, info.sha256,
	             created, info.cves)) < 0)
		goto done;
	if ((error = write_file(tmp_man.ptr, manifest.ptr, manifest.len)) < 0)
		goto done;
	if (key) {
		if ((error = sign(sig, key, manifest.ptr, manifest.len)) < 0 ||
		        (error = write_file(tmp_sig.ptr, sig, sizeof(sig))) < 0)
			goto done;
		info.is_signed = true;
	}
	/* into place: database, signature, manifest last */
	if ((error = path_join(&fin, dir, CVG_SNAPSHOT_DB, "")) < 0 ||
	        rename(tmp_db.ptr, fin.ptr) != 0) {
		error = error < 0 ? error : cvg__error(CVG_EIO, "%s: %s", fin.ptr, strerror(errno));
		goto done;
	}
	if ((error = path_join(&fin, dir, CVG_SNAPSHOT_SIGNATURE, "")) < 0)
		goto done;
	if (key ? rename(tmp_sig.ptr, fin.ptr) != 0 : unlink(fin.ptr) != 0 && errno != ENOENT) {
		error = cvg__error(CVG_EIO, "%s: %s", fin.ptr, strerror(errno));
		goto done;
	}
	if ((error = path_join(&fin, dir, CVG_SNAPSHOT_MANIFEST, "")) < 0)
		goto done;
	if (rename(tmp_man.ptr, fin.ptr) != 0) {
		error = cvg__error(CVG_EIO, "%s: %s", fin.ptr, strerror(errno));
		goto done;
	}
	error = sync_path(dir, true);
done:
	if (error < 0) {
		if (tmp_db.ptr)
			unlink(tmp_db.ptr);
		if (tmp_man.ptr)
			unlink(tmp_man.ptr);
		if (tmp_sig.ptr)
			unlink(tmp_sig.ptr);
	} else if (out) {
		*out = info;
	}
	if (have_info)
		cvg_db_info_dispose(&dbi);
	cvg_db_close(db);
	EVP_PKEY_free(key);
	OPENSSL_cleanse(sig, sizeof(sig));
	cvg__buf_dispose(&tmp_db);
	cvg__buf_dispose(&tmp_man);
	cvg__buf_dispose(&tmp_sig);
	cvg__buf_dispose(&fin);
	cvg__buf_dispose(&manifest);
	return error;
}

/* ---- Fetch and verify ---- */

typedef struct manifest {
	long long format_version;
	long long schema_version;
	long long size;
	char sha256[CVG_SHA256_HEX_LEN + 1];
	long long cves;
	char created[32];
} manifest;

static const char *tree_string(yajl_val top, const char *name)
{
	const char *path[] = {name, NULL};
	yajl_val v = yajl_tree_get(top, path, yajl_t_string);

	return v ? YAJL_GET_STRING(v) : NULL;
}

static bool tree_int(yajl_val top, const char *name, long long *out)
{
	const char *path[] = {name, NULL};
	yajl_val v = yajl_tree_get(top, path, yajl_t_number);

	if (v == NULL || !YAJL_IS_INTEGER(v))
		return false;
	*out = YAJL_GET_INTEGER(v);
	return true;
}

static bool is_hex64(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return i == CVG_SHA256_HEX_LEN;
}

static int parse_manifest(manifest *m, const char *url, const char *text)
{
	char err[256] = "";
	yajl_val top = yajl_tree_parse(text, err, sizeof(err));
	const char *format, *file, *sha, *created;
	int error = 0;

	memset(m, 0, sizeof(m[0]));
	if (top == NULL || !YAJL_IS_OBJECT(top)) {
		char q[CVG__QUOTE_SIZE];
		cvg__quote(q, sizeof(q), err, strlen(err));
		error = cvg__error(CVG_EVERIFY,
		        "%s: not a snapshot manifest (not a JSON object%s%s)", url,
		        *err ? ": " : "", q);
		goto done;
	}
	format = tree_string(top, "format");
	file = tree_string(top, "file");
	sha = tree_string(top, "sha256");
	created = tree_string(top, "created");
	if (format == NULL || strcmp(format, FORMAT_NAME) != 0 || file == NULL ||
	        strcmp(file, CVG_SNAPSHOT_DB) != 0 || sha == NULL || !is_hex64(sha) ||
	        !tree_int(top, "format_version", &m->format_version) ||
	        !tree_int(top, "schema_version", &m->schema_version) ||
	        !tree_int(top, "size", &m->size) || m->size < 0) {
		error = cvg__error(CVG_EVERIFY,
		        "%s: not a snapshot manifest (expected format \"" FORMAT_NAME
		        "\", format_version, schema_version, file \"" CVG_SNAPSHOT_DB
		        "\", size and a sha256 of 64 lowercase hex digits)",
		        url);
		goto done;
	}
	memcpy(m->sha256, sha, CVG_SHA256_HEX_LEN + 1);
	if (!tree_int(top, "cves", &m->cves))
		m->cves = -1;
	snprintf(m->created, sizeof(m->created), "%s", created ? created : "?");
	if (m->format_version != CVG_SNAPSHOT_FORMAT_VERSION) {
		error = cvg__error(CVG_EVERIFY,
		        "%s: snapshot format version %lld, this cvegate reads version %d", url,
		        m->format_version, CVG_SNAPSHOT_FORMAT_VERSION);
		goto done;
	}
	if (m->schema_version != CVG_DB_SCHEMA_VERSION) {
		error = cvg__error(CVG_EVERIFY,
		        "%s: snapshot of database schema version %lld, this cvegate reads version "
		        "%d; "
		        "export the snapshot with a matching cvegate",
		        url, m->schema_version, CVG_DB_SCHEMA_VERSION);
		goto done;
	}
done:
	yajl_tree_free(top);
	return error;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The SQLite header (sqlite.org/fileformat.html, section 1.3) of a file
 * whose sha256 already matched: a belt to the manifest's braces. */
static int check_header(const char *path, const char *url)
{
	unsigned char h[100];
	FILE *fp = fopen(path, "rb");
	size_t n = 0;

	if (fp == NULL)
		return cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
	n = fread(h, 1, sizeof(h), fp);
	fclose(fp);
	if (n != sizeof(h) || memcmp(h, "SQLite format 3", 16) != 0 ||
	        be32(h + 68) != CVG_APPLICATION_ID)
		return cvg__error(CVG_EVERIFY, "%s: not a cvegate database", url);
	if (h[18] != 1 || h[19] != 1)
		return cvg__error(CVG_EVERIFY,
		        "%s: the snapshot database is in WAL mode; export it with 'cvegate db "
		        "export'",
		        url);
	if (be32(h + 60) != (uint32_t)CVG_DB_SCHEMA_VERSION)
		return cvg__error(CVG_EVERIFY,
		        "%s: database schema version %u, this cvegate reads version %d", url,
		        be32(h + 60), CVG_DB_SCHEMA_VERSION);
	return 0;
}

int cvg__snapshot_fetch(cvg_fetcher *f, const cvg_update_options *o, const char *dir, char **path)
{
	cvg_buf url = CVG_BUF_INIT(0), sig_url = CVG_BUF_INIT(0), db_url = CVG_BUF_INIT(0);
	cvg_buf file = CVG_BUF_INIT(0);
	char *text = NULL, *sig = NULL;
	size_t len = 0, siglen = 0;
	char hex[CVG_SHA256_HEX_LEN + 1];
	unsigned long long size = 0;
	EVP_PKEY *key = NULL;
	bool downloaded = false;
	manifest m;
	int error;

	*path = NULL;
	if (o->mirror == NULL) {
		error = cvg__error(CVG_ENOTFOUND, "snapshots come from a mirror; none was given");
		goto done;
	}
	if ((error = path_join(&url, o->mirror, CVG_SNAPSHOT_MANIFEST, "")) < 0 ||
	        (error = path_join(&sig_url, o->mirror, CVG_SNAPSHOT_SIGNATURE, "")) < 0 ||
	        (error = path_join(&db_url, o->mirror, CVG_SNAPSHOT_DB, "")) < 0 ||
	        (error = path_join(&file, dir, CVG_SNAPSHOT_DB, "")) < 0)
		goto done;
	/* a trust key that cannot be read is a usage error before any download */
	if (o->trust_key && (error = load_key(&key, o->trust_key, false)) < 0)
		goto done;
	if ((error = cvg_fetch_memory(f, url.ptr, &text, &len, NULL, NULL)) < 0) {
		if (error == CVG_ENOTFOUND)
			error = cvg__error(CVG_ENOTFOUND, "%s: no snapshot here", url.ptr);
		goto done;
	}
	if (len > MANIFEST_MAX) {
		error = cvg__error(CVG_EVERIFY, "%s: a manifest of %zu bytes; at most %u expected",
		        url.ptr, len, MANIFEST_MAX);
		goto done;
	}
	if (key) {
		int ok;

		if ((error = cvg_fetch_memory(f, sig_url.ptr, &sig, &siglen, NULL, NULL)) < 0) {
			if (error == CVG_ENOTFOUND)
				error = cvg__error(CVG_EVERIFY,
				        "%s: the snapshot is not signed (no %s), and --trust-key "
				        "refuses "
				        "unsigned snapshots: " SNAPSHOT_LOSS,
				        url.ptr, CVG_SNAPSHOT_SIGNATURE);
			goto done;
		}
		if ((ok = verify(key, sig, siglen, text, len)) < 0) {
			error = ok;
			goto done;
		}
		if (!ok) {
			error = cvg__error(CVG_EVERIFY,
			        "%s: the snapshot's signature does not verify with the trusted key "
			        "%s; "
			        "refused, because " SNAPSHOT_LOSS,
			        sig_url.ptr, o->trust_key);
			goto done;
		}
	}
	if ((error = parse_manifest(&m, url.ptr, text)) < 0)
		goto done;
	if ((error = cvg_fetch_file(f, db_url.ptr, file.ptr, NULL, NULL)) < 0)
		goto done;
	downloaded = true;
	if ((error = hash_file(hex, &size, file.ptr)) < 0)
		goto done;
	if (size != (unsigned long long)m.size) {
		error = cvg__error(CVG_EVERIFY, "%s: %llu bytes, the manifest says %lld",
		        db_url.ptr, size, m.size);
		goto done;
	}
	if (strcmp(hex, m.sha256) != 0) {
		error = cvg__error(CVG_EVERIFY, "%s: sha256 %s, the manifest says %s", db_url.ptr,
		        hex, m.sha256);
		goto done;
	}
	if ((error = check_header(file.ptr, db_url.ptr)) < 0)
		goto done;
	if (!o->quiet)
		cvg__warnf(o->progress, o->payload, "snapshot %s: %lld CVEs, created %s, %s",
		        url.ptr, m.cves, m.created,
		        key ? "signature verified" : "not signature-checked (no --trust-key)");
	*path = cvg__buf_detach(&file);
done:
	if (error < 0 && downloaded)
		unlink(file.ptr);
	EVP_PKEY_free(key);
	free(text);
	free(sig);
	cvg__buf_dispose(&url);
	cvg__buf_dispose(&sig_url);
	cvg__buf_dispose(&db_url);
	cvg__buf_dispose(&file);
	return error;
}
