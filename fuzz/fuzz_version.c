/*
 * fuzz/fuzz_version.c - fuzz version comparison and upstream extraction.
 *
 * The input is two versions separated by the first NUL or newline (a lone
 * version is compared with itself). Both are compared under every scheme in
 * both orders, and each is reduced with cvg_version_upstream() under every
 * scheme, whose result is compared again. Besides crashes and sanitizer
 * reports, the target aborts when a contract breaks: *out not 0 after an
 * error, cmp(a, b) and cmp(b, a) not of opposite signs, a version that
 * parses not equal to itself, an upstream result that is empty or longer
 * than its input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cvegate/error.h"
#include "cvegate/version.h"

/* Inputs a little over the limit still reach the length check. */
#define FUZZ_MAX (2 * CVG_VERSION_MAX + 8)

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

static void check_cmp(const char *a, const char *b, cvg_version_scheme scheme)
{
	int ab = 42, ba = 42, aa = 42;
	int rab = cvg_version_cmp(&ab, a, b, scheme);
	int rba = cvg_version_cmp(&ba, b, a, scheme);

	if ((rab < 0 && ab != 0) || (rba < 0 && ba != 0))
		abort();
	if ((rab < 0) != (rba < 0))
		abort(); /* comparability must not depend on the order */
	if (rab == 0 && sign(ab) != -sign(ba))
		abort();
	if (cvg_version_cmp(&aa, a, a, scheme) == 0 && aa != 0)
		abort();
}

static void check_upstream(const char *v)
{
	for (int s = CVG_VERSION_UPSTREAM; s <= CVG_VERSION_OPKG; s++) {
		char *up = NULL;
		int rc = cvg_version_upstream(&up, v, (cvg_version_scheme)s);

		if (rc < 0) {
			if (up != NULL)
				abort();
			continue;
		}
		if (up == NULL || up[0] == '\0' || strlen(up) > strlen(v))
			abort();
		for (int t = CVG_VERSION_UPSTREAM; t <= CVG_VERSION_OPKG; t++)
			check_cmp(up, v, (cvg_version_scheme)t);
		free(up);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char a[FUZZ_MAX + 1], b[FUZZ_MAX + 1];
	size_t split = 0, na, nb;

	if (size > 2 * FUZZ_MAX)
		return 0;
	while (split < size && data[split] != '\0' && data[split] != '\n')
		split++;
	na = split < FUZZ_MAX ? split : FUZZ_MAX;
	memcpy(a, data, na);
	a[na] = '\0';
	if (split < size) {
		nb = size - split - 1;
		nb = nb < FUZZ_MAX ? nb : FUZZ_MAX;
		memcpy(b, data + split + 1, nb);
		b[nb] = '\0';
	} else {
		memcpy(b, a, na + 1);
	}
	for (int s = CVG_VERSION_UPSTREAM; s <= CVG_VERSION_OPKG; s++)
		check_cmp(a, b, (cvg_version_scheme)s);
	check_cmp(a, b, (cvg_version_scheme)(CVG_VERSION_OPKG + 1));
	check_upstream(a);
	check_upstream(b);
	return 0;
}
