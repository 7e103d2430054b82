/*
 * lib/cve.c - the vulnerability record: allocation and builders.
 *
 * Arrays grow by doubling; a record is built once, front to back, by a
 * feed reader or by the database loader, and freed as a whole.
 */
#include <stdlib.h>
#include <string.h>

#include "cvegate/cve.h"
#include "util/error.h"

int cvg_cve_new(cvg_cve **out)
{
	*out = calloc(1, sizeof(cvg_cve));
	return *out ? 0 : cvg__error_oom();
}

/* Append one zeroed element of `size` bytes to *array holding *count. */
static void *append(void *array_ptr, size_t *count, size_t size)
{
	void **array = array_ptr;
	size_t n = *count;
	char *p;

	/* capacity is the next power of two >= n, so grow when n is one */
	if (n == 0 || (n & (n - 1)) == 0) {
		size_t cap = n ? n * 2 : 1;
		if ((p = realloc(*array, cap * size)) == NULL) {
			cvg__error_oom();
			return NULL;
		}
		*array = p;
	}
	p = (char *)*array + n * size;
	memset(p, 0, size);
	*count = n + 1;
	return p;
}

cvg_config *cvg_cve_add_config(cvg_cve *cve)
{
	return append(&cve->configs, &cve->nconfigs, sizeof(cvg_config));
}

cvg_node *cvg_config_add_node(cvg_config *config)
{
	return append(&config->nodes, &config->nnodes, sizeof(cvg_node));
}

cvg_cpe_match *cvg_node_add_match(cvg_node *node)
{
	return append(&node->matches, &node->nmatches, sizeof(cvg_cpe_match));
}

cvg_metric *cvg_cve_add_metric(cvg_cve *cve)
{
	return append(&cve->metrics, &cve->nmetrics, sizeof(cvg_metric));
}

cvg_weakness *cvg_cve_add_weakness(cvg_cve *cve)
{
	return append(&cve->weaknesses, &cve->nweaknesses, sizeof(cvg_weakness));
}

cvg_reference *cvg_cve_add_reference(cvg_cve *cve)
{
	return append(&cve->references, &cve->nreferences, sizeof(cvg_reference));
}

int cvg_cve_set_string(char **field, const char *s, size_t len)
{
	char *p = malloc(len + 1);

	if (p == NULL)
		return cvg__error_oom();
	memcpy(p, s, len);
	p[len] = '\0';
	free(*field);
	*field = p;
	return 0;
}

const char *cvg_cvss_version_name(cvg_cvss_version v)
{
	switch (v) {
	case CVG_CVSS_V2:
		return "2.0";
	case CVG_CVSS_V30:
		return "3.0";
	case CVG_CVSS_V31:
		return "3.1";
	case CVG_CVSS_V40:
		return "4.0";
	}
	return "?";
}

void cvg_node_dispose(cvg_node *node)
{
	for (size_t k = 0; k < node->nmatches; k++) {
		cvg_cpe_match *m = &node->matches[k];
		free(m->criteria);
		free(m->match_id);
		free(m->start_incl);
		free(m->start_excl);
		free(m->end_incl);
		free(m->end_excl);
	}
	free(node->matches);
	memset(node, 0, sizeof(*node));
}

void cvg_cve_free(cvg_cve *cve)
{
	size_t i, j;

	if (cve == NULL)
		return;
	for (i = 0; i < cve->nconfigs; i++) {
		cvg_config *c = &cve->configs[i];
		for (j = 0; j < c->nnodes; j++)
			cvg_node_dispose(&c->nodes[j]);
		free(c->nodes);
	}
	free(cve->configs);
	for (i = 0; i < cve->nmetrics; i++) {
		free(cve->metrics[i].source);
		free(cve->metrics[i].type);
		free(cve->metrics[i].score);
		free(cve->metrics[i].vector);
		free(cve->metrics[i].severity);
	}
	free(cve->metrics);
	for (i = 0; i < cve->nweaknesses; i++) {
		free(cve->weaknesses[i].cwe);
		free(cve->weaknesses[i].source);
		free(cve->weaknesses[i].type);
	}
	free(cve->weaknesses);
	for (i = 0; i < cve->nreferences; i++) {
		free(cve->references[i].url);
		free(cve->references[i].source);
		free(cve->references[i].tags);
	}
	free(cve->references);
	free(cve->id);
	free(cve->source_id);
	free(cve->published);
	free(cve->last_modified);
	free(cve->status);
	free(cve->description);
	free(cve->kev_added);
	free(cve->kev_due);
	free(cve->kev_action);
	free(cve->kev_name);
	free(cve);
}
