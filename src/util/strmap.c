/* util/strmap.c - string -> index hash map, open addressing with linear probing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/strmap.h"

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a 64-bit offset basis */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull; /* FNV prime */
	return h;
}

static size_t slot_of(const cvg__strmap *m, const char *key)
{
	size_t i = (size_t)hash_str(key) & (m->cap - 1);

	while (m->keys[i] && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static int grow(cvg__strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	cvg__strmap n = {calloc(cap, sizeof(char *)), calloc(cap, sizeof(size_t)), cap, m->count};

	if (n.keys == NULL || n.values == NULL) {
		free(n.keys);
		free(n.values);
		return cvg__error_oom();
	}
	for (size_t i = 0; i < m->cap; i++) {
		if (m->keys[i] == NULL)
			continue;
		size_t j = slot_of(&n, m->keys[i]);
		n.keys[j] = m->keys[i];
		n.values[j] = m->values[i];
	}
	free(m->keys);
	free(m->values);
	*m = n;
	return 0;
}

int cvg__strmap_add(cvg__strmap *m, const char *key, size_t value, bool *found)
{
	size_t i;
	int error;

	if ((m->count + 1) * 2 > m->cap && (error = grow(m)) < 0)
		return error;
	i = slot_of(m, key);
	if (found)
		*found = m->keys[i] != NULL;
	if (m->keys[i])
		return 0;
	if ((m->keys[i] = strdup(key)) == NULL)
		return cvg__error_oom();
	m->values[i] = value;
	m->count++;
	return 0;
}

bool cvg__strmap_get(const cvg__strmap *m, const char *key, size_t *value)
{
	size_t i;

	if (m->cap == 0)
		return false;
	i = slot_of(m, key);
	if (m->keys[i] == NULL)
		return false;
	*value = m->values[i];
	return true;
}

void cvg__strmap_dispose(cvg__strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->values);
	m->keys = NULL;
	m->values = NULL;
	m->cap = m->count = 0;
}
