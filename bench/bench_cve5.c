/*
 * bench/bench_cve5.c - how many CVE JSON 5 records per second the reader
 * parses on one core (issue 6's target: 20,000/s; the CVE List holds over
 * 300,000 records).
 *
 * The real records of ../shared/data/cvelist5 are read once into memory and
 * parsed COPIES times each per run (no disk, no database: the reader's
 * share of an import), for RUNS runs; it prints every run and the median.
 * Every record is built and freed, as an import would.
 * Usage: bench_cve5 [DATA_DIR [COPIES [RUNS]]]   (../shared/data, 2000, 5)
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cvegate/cve5.h"
#include "cvegate/error.h"
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

int main(int argc, char **argv)
{
	const char *data = argc > 1 ? argv[1] : "../shared/data";
	long copies = arg(argc, argv, 2, 2000), runs = arg(argc, argv, 3, 5);
	char *docs[MAX_DOCS], path[4096];
	size_t lens[MAX_DOCS], ndocs = 0, bytes = 0;
	double rate[64];
	struct dirent *de;
	DIR *dir;

	snprintf(path, sizeof(path), "%s/cvelist5", data);
	if ((dir = opendir(path)) == NULL) {
		fprintf(stderr, "bench_cve5: %s: cannot open\n", path);
		return 1;
	}
	while ((de = readdir(dir)) != NULL && ndocs < MAX_DOCS) {
		char file[8192];
		if (strncmp(de->d_name, "CVE-", 4) != 0)
			continue;
		snprintf(file, sizeof(file), "%s/%s", path, de->d_name);
		if (cvg__read_file(&docs[ndocs], &lens[ndocs], file, 16u << 20) < 0) {
			fprintf(stderr, "bench_cve5: %s\n", cvg_error_last());
			return 1;
		}
		bytes += lens[ndocs++];
	}
	closedir(dir);
	if (ndocs == 0) {
		fprintf(stderr, "bench_cve5: no CVE-*.json in %s\n", path);
		return 1;
	}
	if (runs > 64)
		runs = 64;
	printf("%zu records (%zu bytes, %.1f KB average) x %ld copies per run\n", ndocs, bytes,
	        (double)bytes / (double)ndocs / 1024.0, copies);
	for (long r = 0; r < runs; r++) {
		struct timespec t0, t1;
		size_t n = 0;
		double s;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (long c = 0; c < copies; c++)
			for (size_t i = 0; i < ndocs; i++) {
				cvg_cve5 *rec;
				if (cvg_cve5_parse(&rec, "bench", docs[i], lens[i], NULL) < 0) {
					fprintf(stderr, "bench_cve5: %s\n", cvg_error_last());
					return 1;
				}
				cvg_cve5_free(rec);
				n++;
			}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		rate[r] = (double)n / s;
		printf("run %ld: %zu records in %.3f s: %.0f records/s, %.1f MB/s\n", r + 1, n, s,
		        rate[r], (double)bytes * (double)copies / s / 1e6);
	}
	qsort(rate, (size_t)runs, sizeof(rate[0]), cmp_double);
	printf("median: %.0f records/s (target 20000: ratio %.2f)\n", rate[runs / 2],
	        rate[runs / 2] / 20000.0);
	for (size_t i = 0; i < ndocs; i++)
		free(docs[i]);
	return 0;
}
