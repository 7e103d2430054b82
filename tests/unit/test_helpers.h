/*
 * tests/unit/test_helpers.h - what several unit tests share: collecting
 * warnings, and the path of a fixture under tests/data (CVG_TEST_DATA,
 * which ctest sets). Include after <cmocka.h>.
 */
#ifndef CVG_TEST_HELPERS_H
#define CVG_TEST_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/*
 * The inventory formats as messages list them, in table order
 * (lib/inventory/inventory.c): a new format changes this one place.
 */
#define INVENTORY_FORMATS                                                                          \
	"yocto (buildhistory installed-packages.txt), rpm (rpm -qa output), dpkg (dpkg/opkg "      \
	"status, Packages, dpkg -l or dpkg-query -W output), cyclonedx (CycloneDX 1.3-1.6 SBOM, "  \
	"JSON or XML), swid (ISO/IEC 19770-2 SWID tags), manifest (Yocto IMAGE.rootfs.manifest), " \
	"list ('name version' lines or CSV), spdx (SPDX 2.2/2.3 JSON), spdx-tv (SPDX 2.x "         \
	"tag-value), spdx3 (SPDX 3.0 JSON-LD, as Yocto writes it), buildroot (Buildroot "          \
	"legal-info manifest.csv or make show-info JSON), solist (shared library file names, "     \
	"libxml2.so.2.9.4), wmic (Windows wmic product get output)"

/* The first eight warnings, and how many there were. */
typedef struct warnings {
	int n;
	char msg[8][1024];
} warnings;

/* A cvg_warn_fn that stores into a `warnings` payload. */
static inline void collect(const char *message, void *payload)
{
	warnings *w = payload;

	if (w->n < 8)
		snprintf(w->msg[w->n], sizeof(w->msg[0]), "%s", message);
	w->n++;
}

/* "$CVG_TEST_DATA/rel" (tests/data when unset); the caller frees it. */
static inline char *data_path(const char *rel)
{
	const char *dir = getenv("CVG_TEST_DATA");
	size_t n;
	char *p;

	if (dir == NULL)
		dir = "tests/data";
	n = strlen(dir) + strlen(rel) + 2;
	p = malloc(n);
	assert_non_null(p);
	snprintf(p, n, "%s/%s", dir, rel);
	return p;
}

/*
 * A file or directory of the shared real data: $CVG_SHARED_DATA/rel, else
 * tests/data/../../../shared/data/rel (../shared beside the checkout); NULL
 * when it is not there, so the test skips. rel "" is the data directory
 * itself. The caller frees it.
 */
static inline char *shared_data_path(const char *rel)
{
	const char *env = getenv("CVG_SHARED_DATA");
	char *base = env && *env ? strdup(env) : data_path("../../../shared/data");
	size_t n = strlen(base) + strlen(rel) + 2;
	char *p = malloc(n);
	struct stat st;

	assert_non_null(base);
	assert_non_null(p);
	snprintf(p, n, *rel ? "%s/%s" : "%s", base, rel);
	free(base);
	if (stat(p, &st) != 0) {
		free(p);
		return NULL;
	}
	return p;
}

#endif
