/*
 * fuzz/fuzz_cve5.c - libFuzzer target for the CVE JSON 5 reader and the
 * version rules.
 *
 * An input starting with "PK" is read as a zip archive (nested cves.zip
 * included), anything else as one record. Small limits make the token,
 * depth, record and archive limits reachable by short inputs. Every
 * affected entry of every record is then asked about a few package
 * versions under each scheme, so the rules see whatever ranges the fuzzer
 * invents; records are freed (leaks show up under ASan).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cvegate/cve5.h"

static void ask(const cvg_cve5 *rec)
{
	static const char *const versions[] = {"0", "1.2.3", "2.5.2", "6.1.80", "1:2.36-9+deb12u1",
	        "3.0.19-1~deb12u2", "1.35.0-r0", "n/a", ""};
	static const cvg_version_scheme schemes[] = {
	        CVG_VERSION_UPSTREAM, CVG_VERSION_RPM, CVG_VERSION_DPKG, CVG_VERSION_OPKG};

	for (size_t i = 0; i < rec->naffected; i++)
		for (size_t v = 0; v < sizeof(versions) / sizeof(versions[0]); v++)
			for (size_t s = 0; s < sizeof(schemes) / sizeof(schemes[0]); s++) {
				cvg_cve5_verdict out;
				cvg_cve5_version_status(
				        &out, &rec->affected[i], versions[v], schemes[s]);
			}
}

static int take(cvg_cve5 *rec, const char *where, void *payload)
{
	(void)where;
	(void)payload;
	ask(rec);
	cvg_cve5_free(rec);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const cvg_cve5_limits limits = {4096, 32, 1u << 16, 64, 4u << 20};
	cvg_cve5_info info;
	cvg_cve5 *rec = NULL;

	if (size >= 2 && memcmp(data, "PK", 2) == 0) {
		cvg_cve5_read_zip_mem("fuzz.zip", data, size, &limits, take, NULL, &info);
		return 0;
	}
	if (cvg_cve5_parse(&rec, "fuzz", (const char *)data, size, &limits) == 0) {
		ask(rec);
		cvg_cve5_free(rec);
	}
	return 0;
}
