/*
 * cvegate/cve.h - one vulnerability record, as read from a feed or the database.
 *
 * The model is the NVD 2.0 one, which NVD 1.1 maps onto without loss:
 *   cve -> configurations (operator, negate)
 *       -> nodes (operator, negate)
 *       -> cpe matches (vulnerable, CPE 2.3 criteria, four version bounds).
 * A 1.1 node with children becomes a configuration whose nodes are the
 * children; a 1.1 node without children becomes a configuration (OR) holding
 * that one node. (docs/schema.md describes the same structure in SQLite.)
 *
 * A record owns all its memory: every string and array is freed by
 * cvg_cve_free(). Strings that the source did not give are NULL.
 */
#ifndef CVEGATE_CVE_H
#define CVEGATE_CVE_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum cvg_op { CVG_OP_OR = 0, CVG_OP_AND = 1 } cvg_op;

typedef struct cvg_cpe_match {
	bool vulnerable;
	char *criteria;   /* CPE 2.3 formatted string, as given */
	char *match_id;   /* NVD matchCriteriaId; NULL in 1.1 */
	char *start_incl; /* versionStartIncluding */
	char *start_excl; /* versionStartExcluding */
	char *end_incl;   /* versionEndIncluding */
	char *end_excl;   /* versionEndExcluding */
} cvg_cpe_match;

typedef struct cvg_node {
	cvg_op op;
	bool negate;
	cvg_cpe_match *matches;
	size_t nmatches;
} cvg_node;

typedef struct cvg_config {
	cvg_op op; /* operator across nodes; OR when absent */
	bool negate;
	cvg_node *nodes;
	size_t nnodes;
} cvg_config;

typedef enum cvg_cvss_version {
	CVG_CVSS_V2 = 0,
	CVG_CVSS_V30 = 1,
	CVG_CVSS_V31 = 2,
	CVG_CVSS_V40 = 3,
} cvg_cvss_version;

typedef struct cvg_metric {
	cvg_cvss_version version;
	char *source;   /* e.g. nvd@nist.gov; NULL in 1.1 (then the NVD) */
	char *type;     /* "Primary" or "Secondary"; NULL in 1.1 (Primary) */
	char *score;    /* baseScore exactly as the source wrote it: "9.8" */
	char *vector;   /* vectorString */
	char *severity; /* baseSeverity */
} cvg_metric;

typedef struct cvg_weakness {
	char *cwe; /* "CWE-79", "NVD-CWE-Other", ... */
	char *source;
	char *type;
} cvg_weakness;

typedef struct cvg_reference {
	char *url;
	char *source;
	char *tags; /* comma-separated tags, or NULL */
} cvg_reference;

typedef struct cvg_cve {
	char *id;        /* "CVE-2014-0160" */
	char *source_id; /* sourceIdentifier; NULL in 1.1 */
	char *published; /* ISO 8601 as given, normalised to YYYY-MM-DDTHH:MM[:SS[.fff]] */
	char *last_modified;
	char *status;      /* vulnStatus; 1.1: NULL, or "Rejected" when detected */
	char *description; /* English description */
	bool rejected;     /* vulnStatus Rejected, or a 1.1 reject text */

	char *kev_added;  /* cisaExploitAdd */
	char *kev_due;    /* cisaActionDue */
	char *kev_action; /* cisaRequiredAction */
	char *kev_name;   /* cisaVulnerabilityName */

	cvg_metric *metrics;
	size_t nmetrics;
	cvg_weakness *weaknesses;
	size_t nweaknesses;
	cvg_reference *references;
	size_t nreferences;
	cvg_config *configs;
	size_t nconfigs;
} cvg_cve;

/* Allocate an empty record. Returns 0 or CVG_ENOMEM. */
int cvg_cve_new(cvg_cve **out);

/* Free a record and everything it owns. Accepts NULL. */
void cvg_cve_free(cvg_cve *cve);

/*
 * Builders: append one zeroed element and return a pointer to it, or NULL
 * when out of memory (the error message is set). A returned pointer stays
 * valid until the next append to the same array.
 */
cvg_config *cvg_cve_add_config(cvg_cve *cve);
cvg_node *cvg_config_add_node(cvg_config *config);
cvg_cpe_match *cvg_node_add_match(cvg_node *node);
cvg_metric *cvg_cve_add_metric(cvg_cve *cve);
cvg_weakness *cvg_cve_add_weakness(cvg_cve *cve);
cvg_reference *cvg_cve_add_reference(cvg_cve *cve);

/* Free what a node owns (its matches and their strings) and zero it. */
void cvg_node_dispose(cvg_node *node);

/* Replace *field with a copy of s[0..len). Returns 0 or CVG_ENOMEM. */
int cvg_cve_set_string(char **field, const char *s, size_t len);

/* "3.1", "2.0" ... for a CVSS version. */
const char *cvg_cvss_version_name(cvg_cvss_version v);

#ifdef __cplusplus
}
#endif
#endif
