/*
 * cvegate/cpe.h - CPE 2.3 names (NISTIR 7695) and name matching (NISTIR 7696).
 *
 * A formatted string cpe:2.3:part:vendor:product:version:update:edition:
 * language:sw_edition:target_sw:target_hw:other is split into its eleven
 * attributes. `*` alone is ANY, `-` alone is NA; a backslash quotes the next
 * character; an unquoted `*` or `?` inside a value is a wildcard.
 */
#ifndef CVEGATE_CPE_H
#define CVEGATE_CPE_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum cvg_cpe_field {
	CVG_CPE_PART = 0,
	CVG_CPE_VENDOR,
	CVG_CPE_PRODUCT,
	CVG_CPE_VERSION,
	CVG_CPE_UPDATE,
	CVG_CPE_EDITION,
	CVG_CPE_LANGUAGE,
	CVG_CPE_SW_EDITION,
	CVG_CPE_TARGET_SW,
	CVG_CPE_TARGET_HW,
	CVG_CPE_OTHER,
	CVG_CPE_NFIELDS
} cvg_cpe_field;

typedef enum cvg_cpe_kind {
	CVG_CPE_ANY = 0,   /* "*" */
	CVG_CPE_NA = 1,    /* "-" */
	CVG_CPE_VALUE = 2, /* a value, possibly with wildcards */
} cvg_cpe_kind;

typedef struct cvg_cpe_attr {
	cvg_cpe_kind kind;
	char *raw;     /* the attribute exactly as written, escapes kept */
	char *value;   /* unescaped ("node\.js" -> "node.js"); NULL unless VALUE */
	bool wildcard; /* value contains an unquoted * or ? */
} cvg_cpe_attr;

typedef struct cvg_cpe {
	cvg_cpe_attr attr[CVG_CPE_NFIELDS];
} cvg_cpe;

/*
 * Parse a CPE 2.3 formatted string. Returns 0, CVG_ENOMEM, CVG_ELIMIT (longer
 * than 4096 bytes), or CVG_EPARSE with a message saying what was expected
 * (the caller adds file and place). Free with cvg_cpe_free().
 */
int cvg_cpe_parse(cvg_cpe **out, const char *fs);

void cvg_cpe_free(cvg_cpe *cpe);

/* The attributes the database keys a criterion by. */
typedef struct cvg_cpe_key {
	char vendor[256];  /* unescaped; "*" for ANY, "-" for NA */
	char product[256]; /* unescaped */
	char version[256]; /* raw: escapes kept, as cvg_cpe_attr_from_raw() reads it */
	char update[256];  /* raw */
	char part;         /* 'a', 'o', 'h', '*' or '-' */
	bool plain;        /* vendor and product hold no escapes and edition..other are
	                      all "*": cvg_cpe_key_format() rebuilds the string exactly */
} cvg_cpe_key;

/*
 * Fast path for the importer: validate a formatted string as
 * cvg_cpe_parse() does and fill `out`, without allocating.
 * Returns 0, CVG_EPARSE, or CVG_ELIMIT (an attribute over 255 bytes).
 */
int cvg_cpe_key_parse(cvg_cpe_key *out, const char *fs);

/*
 * Rebuild the formatted string of a plain key (key->plain) into buf[size].
 * Returns 0, or CVG_ELIMIT when it does not fit.
 */
int cvg_cpe_key_format(char *buf, size_t size, char part, const char *vendor, const char *product,
        const char *version, const char *update);

/*
 * Read one raw attribute (escapes kept, as stored by the importer) into
 * `out`: kind, wildcard, and the unescaped value written to buf[size]. out->raw
 * borrows `raw`. `field` names the attribute in messages.
 * Returns 0, CVG_EPARSE or CVG_ELIMIT.
 */
int cvg_cpe_attr_from_raw(
        cvg_cpe_attr *out, char *buf, size_t size, const char *raw, cvg_cpe_field field);

/*
 * Does the attribute of a criterion (`pattern`) match a concrete,
 * unescaped value from the inventory? ANY matches everything, NA matches
 * only NA (value NULL means NA), wildcards per NISTIR 7696 section 6.
 * Comparison is case-insensitive, as CPE values are.
 */
bool cvg_cpe_attr_match(const cvg_cpe_attr *pattern, const char *value);

/*
 * Rebind a CPE 2.2 URI ("cpe:/a:openssl:openssl:1.0.1f") as a 2.3 formatted
 * string (NISTIR 7695 section 6.1.3: missing components are ANY, "-" is NA,
 * %01/%02 are the wildcards, a packed edition is unpacked). *out is
 * malloc'd. Returns 0, CVG_EPARSE, CVG_ELIMIT or CVG_ENOMEM.
 */
int cvg_cpe_uri_to_fs(char **out, const char *uri, size_t len);

#ifdef __cplusplus
}
#endif
#endif
