/*
 * fuzz/fuzz_cpe.c - libFuzzer target for the CPE 2.3 formatted-string parser.
 *
 * The input up to the first newline is parsed with cvg_cpe_parse() and
 * cvg_cpe_key_parse() (which must agree on what they accept, and on the key
 * attributes); the rest, if any, is a concrete value matched against every
 * attribute of the parsed name, exercising the iterative glob matcher.
 * The first line is also read as a CPE 2.2 URI: whatever the rebinding
 * produces must be a formatted string the 2.3 parser accepts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cvegate/cpe.h"
#include "cvegate/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf, *value = NULL, *nl;
	cvg_cpe *cpe = NULL;
	cvg_cpe_key key;
	int rc, kp;

	if ((buf = malloc(size + 1)) == NULL)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	if ((nl = memchr(buf, '\n', size)) != NULL) {
		*nl = '\0';
		value = nl + 1;
	}
	rc = cvg_cpe_parse(&cpe, buf);
	kp = cvg_cpe_key_parse(&key, buf);
	/* Both accept the same names, unless a key attribute is too long for the key. */
	if ((rc == 0) != (kp == 0) && kp != CVG_ELIMIT)
		abort();
	if (rc == 0) {
		for (int i = 0; i < CVG_CPE_NFIELDS; i++) {
			(void)cvg_cpe_attr_match(&cpe->attr[i], value);
			(void)cvg_cpe_attr_match(&cpe->attr[i], cpe->attr[i].value);
		}
		if (kp == 0 &&
		        (strcmp(key.version, cpe->attr[CVG_CPE_VERSION].raw) != 0 ||
		                strcmp(key.update, cpe->attr[CVG_CPE_UPDATE].raw) != 0 ||
		                (cpe->attr[CVG_CPE_VENDOR].value != NULL &&
		                        strcmp(key.vendor, cpe->attr[CVG_CPE_VENDOR].value) != 0)))
			abort();
		if (kp == 0 && key.plain) {
			char rebuilt[8192];
			/* a plain key rebuilds the very string it came from */
			if (cvg_cpe_key_format(rebuilt, sizeof(rebuilt), key.part, key.vendor,
			            key.product, key.version, key.update) != 0 ||
			        strcmp(rebuilt, buf) != 0)
				abort();
		}
		if (kp == 0) {
			cvg_cpe_attr a;
			char vbuf[256];
			/* reading the stored raw version back gives the parser's attribute */
			if (cvg_cpe_attr_from_raw(
			            &a, vbuf, sizeof(vbuf), key.version, CVG_CPE_VERSION) != 0 ||
			        a.kind != cpe->attr[CVG_CPE_VERSION].kind ||
			        a.wildcard != cpe->attr[CVG_CPE_VERSION].wildcard)
				abort();
		}
	}
	cvg_cpe_free(cpe);
	{
		char *fs = NULL;
		cvg_cpe *again = NULL;

		if (cvg_cpe_uri_to_fs(&fs, buf, strlen(buf)) == 0) {
			if (cvg_cpe_parse(&again, fs) != 0)
				abort();
			cvg_cpe_free(again);
		}
		free(fs);
	}
	free(buf);
	return 0;
}
