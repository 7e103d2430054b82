/*
 * fuzz/fuzz_vex.c - libFuzzer target for the VEX and Yocto CVE record
 * reader (lib/vex.c): any input either adds entries or fails, leaving the
 * list as it was; every entry added carries a CVE id and a reason.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cvegate/ignore.h"
#include "lib/ignore_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cvg_ignore *ign = calloc(1, sizeof(*ign));

	if (ign == NULL)
		return 0;
	if (cvg__ignore_parse_vex(ign, (const char *)data, size, "fuzz", NULL, NULL) < 0 &&
	        ign->nentries != 0)
		abort();
	for (size_t i = 0; i < ign->nentries; i++)
		if (strncmp(ign->entries[i].cve, "CVE-", 4) != 0 || ign->entries[i].reason == NULL)
			abort();
	cvg__ignore_sort(ign, NULL, NULL);
	cvg_ignore_free(ign);
	return 0;
}
