/*
 * bench/bench_db_cve5.c - how many CVE List v5 records per second
 * `db import` stores (issue 6's target: 20,000/s on one core, including
 * the database write).
 *
 * The real records of ../shared/data/cvelist5 are replicated COPIES times
 * under new ids (CVE-2099-NNNNNNN: only cveMetadata.cveId is rewritten)
 * into a temporary cvelistV5-shaped tree (cves/2099/Nxxx/...), which is
 * imported RUNS times into a new database with cvg_db_import(): directory
 * walk, file reads, parsing, serialising, compressing, names and SQLite
 * writes, with the commit (reading and preparing run in the import's
 * second thread, writing in this one). Before that, the reader thread's
 * share alone (parse + cvg_cve5_write_json + compress2 + names from memory,
 * one core) is timed once. Prints every run and the medians.
 * Usage: bench_db_cve5 [DATA_DIR [COPIES [RUNS]]]   (../shared/data, 2200, 5)
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cvegate/cve5.h"
#include "cvegate/db.h"
#include "cvegate/error.h"
#include "lib/db_cve5.h"
#include "util/file.h"

#define MAX_DOCS 256

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static long arg(int argc, char **argv, int i, long def)
{
	char *end;
	long v;

	if (argc <= i)
		return def;
	v = strtol(argv[i], &end, 10);
	return *end == '\0' && v > 0 ? v : def;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Write doc with its cveId value replaced by id to path. */
static int write_copy(const char *path, const char *doc, size_t len, const char *id)
{
	const char *k = strstr(doc, "\"cveId\""), *q1, *q2;
	FILE *f;

	if (k == NULL || (q1 = strchr(k + 7, '"')) == NULL || (q2 = strchr(q1 + 1, '"')) == NULL)
		return -1;
	if ((f = fopen(path, "wb")) == NULL)
		return -1;
	fwrite(doc, 1, (size_t)(q1 + 1 - doc), f);
	fputs(id, f);
	fwrite(q2, 1, len - (size_t)(q2 - doc), f);
	return fclose(f) == 0 ? 0 : -1;
}

static void remove_tree(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	char sub[4096];
	struct stat st;

	if (d == NULL) {
		unlink(path);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			remove_tree(sub);
		else
			unlink(sub);
	}
	closedir(d);
	rmdir(path);
}

int main(int argc, char **argv)
{
	const char *data = argc > 1 ? argv[1] : "../shared/data";
	long copies = arg(argc, argv, 2, 2200), runs = arg(argc, argv, 3, 5);
	char *docs[MAX_DOCS], path[8192], tmpl[1024], tree[2048], dbp[2048], id[32];
	size_t lens[MAX_DOCS], ndocs = 0, n = 0, json = 0, blob = 0;
	double rate[64], t0;
	const char *tmpdir = getenv("TMPDIR");
	struct dirent *de;
	DIR *dir;
	int rc = 1;

	snprintf(path, sizeof(path), "%s/cvelist5", data);
	if ((dir = opendir(path)) == NULL) {
		fprintf(stderr, "bench_db_cve5: %s: cannot open\n", path);
		return 1;
	}
	while ((de = readdir(dir)) != NULL && ndocs < MAX_DOCS) {
		char file[8704];
		if (strncmp(de->d_name, "CVE-", 4) != 0)
			continue;
		snprintf(file, sizeof(file), "%s/%s", path, de->d_name);
		if (cvg__read_file(&docs[ndocs], &lens[ndocs], file, 16u << 20) < 0) {
			fprintf(stderr, "bench_db_cve5: %s\n", cvg_error_last());
			return 1;
		}
		ndocs++;
	}
	closedir(dir);
	if (ndocs == 0) {
		fprintf(stderr, "bench_db_cve5: no CVE-*.json in %s\n", path);
		return 1;
	}
	if (runs > 64)
		runs = 64;

	/* the reader thread's share, from memory */
	cvg__cve5_packer *pk = NULL;
	if (cvg__cve5_packer_new(&pk) < 0)
		return 1;
	t0 = now();
	for (long c = 0; c < copies; c++)
		for (size_t i = 0; i < ndocs; i++) {
			cvg_cve5 *rec = NULL;
			cvg__cve5_item *item = NULL;
			const unsigned char *z = NULL;
			size_t zlen = 0;
			if (cvg_cve5_parse(&rec, "bench", docs[i], lens[i], NULL) < 0 ||
			        cvg__cve5_item_make(&item, rec) < 0 ||
			        (item->json && cvg__cve5_pack(&z, &zlen, pk, item->json,
			                               item->json_len) < 0)) {
				fprintf(stderr, "bench_db_cve5: %s\n", cvg_error_last());
				return 1;
			}
			json += item->json_len;
			blob += zlen;
			cvg__cve5_item_free(item);
			n++;
		}
	t0 = now() - t0;
	cvg__cve5_packer_free(pk);
	printf("prepare (parse, write JSON, compress, names; one core): %zu records in %.3f s: "
	       "%.0f records/s; compact JSON %.0f bytes, compressed %.0f bytes on average\n",
	        n, t0, (double)n / t0, (double)json / (double)n, (double)blob / (double)n);

	snprintf(
	        tmpl, sizeof(tmpl), "%s/bench_db_cve5.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (mkdtemp(tmpl) == NULL) {
		fprintf(stderr, "bench_db_cve5: mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	snprintf(tree, sizeof(tree), "%s/cves", tmpl);
	mkdir(tree, 0755);
	snprintf(tree, sizeof(tree), "%s/cves/2099", tmpl);
	mkdir(tree, 0755);
	n = 0;
	for (long c = 0; c < copies; c++)
		for (size_t i = 0; i < ndocs; i++, n++) {
			snprintf(id, sizeof(id), "CVE-2099-%07zu", n + 1000000);
			snprintf(path, sizeof(path), "%s/%zuxxx", tree, (n + 1000000) / 1000);
			if (mkdir(path, 0755) != 0 && errno != EEXIST)
				goto done;
			snprintf(path, sizeof(path), "%s/%zuxxx/%s.json", tree,
			        (n + 1000000) / 1000, id);
			if (write_copy(path, docs[i], lens[i], id) < 0) {
				fprintf(stderr, "bench_db_cve5: cannot write %s\n", path);
				goto done;
			}
		}
	printf("%zu records (%zu real x %ld) in %s\n", n, ndocs, copies, tmpl);
	snprintf(dbp, sizeof(dbp), "%s/bench.db", tmpl);
	snprintf(tree, sizeof(tree), "%s/cves", tmpl);
	for (long r = 0; r < runs; r++) {
		const char *paths[1] = {tree};
		cvg_import_stats st;
		cvg_db *db = NULL;
		double s;

		unlink(dbp);
		t0 = now();
		if (cvg_db_open(&db, dbp, CVG_DB_WRITE) < 0 ||
		        cvg_db_import(db, paths, 1, &st) < 0) {
			fprintf(stderr, "bench_db_cve5: %s\n", cvg_error_last());
			cvg_db_close(db);
			goto done;
		}
		cvg_db_close(db);
		s = now() - t0;
		rate[r] = (double)st.cve5_records / s;
		printf("run %ld: %zu records imported in %.3f s (commit %.3f s): %.0f records/s\n",
		        r + 1, st.cve5_records, s, st.commit_seconds, rate[r]);
	}
	qsort(rate, (size_t)runs, sizeof(rate[0]), cmp_double);
	printf("median: %.0f records/s imported (target 20000: ratio %.2f)\n", rate[runs / 2],
	        rate[runs / 2] / 20000.0);
	rc = 0;
done:
	remove_tree(tmpl);
	for (size_t i = 0; i < ndocs; i++)
		free(docs[i]);
	return rc;
}
