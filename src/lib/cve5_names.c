/*
 * lib/cve5_names.c - the comparison key of CVE List v5 vendor, product and
 * package names.
 *
 * CNAs write names as free text ("SQLite", "Linux Kernel", "n/a"); the NVD
 * writes lowercase words joined by '_' ("linux_kernel"); packages use '-'.
 * Both sides of every comparison go through this one function, so the
 * index written on import and the lookups of a scan agree by construction.
 * The rule is in cvegate/cve5.h and docs/matching.md#sources.
 */
#include <stdbool.h>
#include <string.h>

#include "cvegate/cve5.h"

static bool keeps(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '+';
}

size_t cvg_cve5_name_key(char *out, const char *name)
{
	static const char *const none[] = {
	        "n_a", "na", "unknown", "unspecified", "none", "not_applicable"};
	size_t n = 0;
	bool gap = false;

	out[0] = '\0';
	if (name == NULL)
		return 0;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		unsigned char ch = *p;

		if (ch >= 'A' && ch <= 'Z')
			ch = (unsigned char)(ch - 'A' + 'a');
		if (!keeps(ch)) {
			gap = n > 0;
			continue;
		}
		if (n + (gap ? 2 : 1) >= CVG_CVE5_NAME_KEY_MAX) {
			out[0] = '\0';
			return 0;
		}
		if (gap)
			out[n++] = '_';
		gap = false;
		out[n++] = (char)ch;
	}
	out[n] = '\0';
	for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
		if (strcmp(out, none[i]) == 0) {
			out[0] = '\0';
			return 0;
		}
	}
	return n;
}

/* English words too common in descriptions to name anything; kept out of
 * the index (a component called "the" is not worth a row per record). */
static bool stopword(const char *key)
{
	static const char *const words[] = {"and", "are", "been", "but", "can", "could", "does",
	        "for", "from", "has", "have", "its", "may", "not", "that", "the", "this", "through",
	        "via", "was", "when", "where", "which", "with", "would"};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(key, words[i]) == 0)
			return true;
	return false;
}

int cvg_cve5_foreach_word(
        const char *text, int (*fn)(const char *key, void *payload), void *payload)
{
	static const char space[] = " \t\r\n";
	char token[CVG_CVE5_NAME_KEY_MAX], key[CVG_CVE5_NAME_KEY_MAX];
	int rc;

	for (const char *p = text ? text + strspn(text, space) : NULL; p && *p;
	        p += strspn(p, space)) {
		size_t n = strcspn(p, space), len;
		char *k = key;

		if (n < sizeof(token)) {
			memcpy(token, p, n);
			token[n] = '\0';
			len = cvg_cve5_name_key(key, token);
			/* sentence punctuation: "util-linux." is util_linux */
			while (len > 0 && key[len - 1] == '.')
				key[--len] = '\0';
			for (; *k == '.'; k++, len--)
				;
			if (len >= CVG_CVE5_WORD_MIN && strpbrk(k, "abcdefghijklmnopqrstuvwxyz") &&
			        !stopword(k) && (rc = fn(k, payload)) != 0)
				return rc;
		}
		p += n;
	}
	return 0;
}
