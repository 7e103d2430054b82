/*
 * fuzz/fuzz_cvelist_listing.c - libFuzzer target for the CVE List v5
 * release listing parser and the plan (lib/update_cvelist.c): any input
 * either appends archives or fails leaving the listing as it was; every
 * archive kept has a name of one of the two forms; the plan takes only
 * listed archives, the first a full archive when it says so.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/update_cvelist.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const cursors[] = {NULL, "2025-07-01_delta_CVEs_at_1300Z.zip",
	        "2025-07-01_all_CVEs_at_midnight.zip.zip"};
	cvg__cl_listing l;
	cvg__cl_plan p;
	size_t releases;

	memset(&l, 0, sizeof(l));
	if (cvg__cvelist_parse(&l, &releases, "fuzz", (const char *)data, size) < 0) {
		if (l.n != 0)
			abort();
		return 0;
	}
	for (size_t i = 0; i < l.n; i++)
		if (cvg__cvelist_name(l.assets[i].name).kind == CVG__CL_OTHER)
			abort();
	for (size_t c = 0; c < 3; c++) {
		if (cvg__cvelist_plan(&p, &l, cursors[c]) < 0)
			continue;
		for (size_t i = 0; i < p.ntake; i++)
			if (p.take[i] >= l.n)
				abort();
		if (p.full && (p.ntake == 0 || l.assets[p.take[0]].what.kind != CVG__CL_FULL))
			abort();
		(void)cvg__cvelist_need_more(&l, releases, 1, cursors[c]);
		cvg__cvelist_plan_dispose(&p);
	}
	cvg__cvelist_listing_dispose(&l);
	return 0;
}
