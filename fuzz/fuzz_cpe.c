/*
 * fuzz/fuzz_cpe.c - libFuzzer target for the CPE 2.3 formatted-string parser.
 *
 * The input up to the first newline is parsed with cvg_cpe_parse() and
 * cvg_cpe_vendor_product() (which must agree on what they accept as far as
 * the product); the rest, if any, is a concrete value matched against every
 * attribute of the parsed name, exercising the iterative glob matcher.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cvegate/cpe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf, *value = NULL, *nl;
	cvg_cpe *cpe = NULL;
	char vendor[64], product[64];
	int rc, vp;

	if ((buf = malloc(size + 1)) == NULL)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	if ((nl = memchr(buf, '\n', size)) != NULL) {
		*nl = '\0';
		value = nl + 1;
	}
	rc = cvg_cpe_parse(&cpe, buf);
	vp = cvg_cpe_vendor_product(vendor, sizeof(vendor), product, sizeof(product), buf);
	/* Whatever the full parser accepts, the fast path accepts too (or finds
	 * a field too long for the buffer). */
	if (rc == 0 && vp != 0 && strlen(cpe->attr[CVG_CPE_VENDOR].raw) < sizeof(vendor) &&
	        strlen(cpe->attr[CVG_CPE_PRODUCT].raw) < sizeof(product))
		abort();
	if (rc == 0) {
		for (int i = 0; i < CVG_CPE_NFIELDS; i++) {
			(void)cvg_cpe_attr_match(&cpe->attr[i], value);
			(void)cvg_cpe_attr_match(&cpe->attr[i], cpe->attr[i].value);
		}
		if (vp == 0 && cpe->attr[CVG_CPE_VENDOR].value != NULL &&
		        strcmp(vendor, cpe->attr[CVG_CPE_VENDOR].value) != 0)
			abort();
	}
	cvg_cpe_free(cpe);
	free(buf);
	return 0;
}
