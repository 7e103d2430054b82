/*
 * bench/bench_parse.c - read NVD files with the streaming reader and no
 * database: the decompression + parsing share of an import.
 * Usage: bench_parse FILE...   prints records, cpe matches, seconds.
 */
#include <stdio.h>
#include <time.h>

#include "cvegate/error.h"
#include "cvegate/nvd.h"

static size_t matches;

static int count(cvg_cve *cve, void *payload)
{
	(void)payload;
	for (size_t c = 0; c < cve->nconfigs; c++)
		for (size_t n = 0; n < cve->configs[c].nnodes; n++)
			matches += cve->configs[c].nodes[n].nmatches;
	cvg_cve_free(cve);
	return 0;
}

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	size_t records = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 1; i < argc; i++) {
		cvg_nvd_file_info info;
		if (cvg_nvd_read_file(argv[i], NULL, count, NULL, &info) < 0) {
			fprintf(stderr, "bench_parse: %s\n", cvg_error_last());
			return 1;
		}
		records += info.records;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%zu records, %zu cpe matches, %.3f s\n", records, matches,
	        (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	return 0;
}
