/*
 * fuzz/fuzz_nvd.c - libFuzzer target for the NVD JSON reader.
 *
 * Feeds the input to cvg_nvd_read_mem with small limits, so that the
 * token, depth and record limits are reached by short inputs too, and
 * frees every record it is handed (leaks show up under ASan).
 */
#include <stddef.h>
#include <stdint.h>

#include "cvegate/nvd.h"

static int drop(cvg_cve *cve, void *payload)
{
	size_t *n = payload;

	(*n)++;
	cvg_cve_free(cve);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const cvg_nvd_limits limits = {4096, 32, 1u << 16};
	cvg_nvd_file_info info;
	size_t n = 0;

	cvg_nvd_read_mem("fuzz", (const char *)data, size, &limits, drop, &n, &info);
	return 0;
}
