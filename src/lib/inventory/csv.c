/*
 * lib/inventory/csv.c - one line of RFC 4180 CSV at a time (csv.h).
 *
 * Several inventories are CSV (a plain list with a header, Buildroot's
 * legal-info manifest, `wmic ... /format:csv`); each reader finds its
 * columns by header name and reads the rows with the same field splitter,
 * so quoting works alike everywhere. The splitter copies a field's
 * unquoted bytes into the caller's buffer and never allocates.
 */
#include <string.h>

#include "lib/inventory/csv.h"

static const char *const csv_errors[] = {
        "",
        "an unterminated quoted field (a quoted field cannot span lines)",
        "a '\"' inside an unquoted field (quote the field and double the '\"')",
        "junk after a quoted field (expected ',' or the end of the line)",
};

const char *cvg__csv_error(int rc)
{
	if (rc < 0 || (size_t)rc >= sizeof(csv_errors) / sizeof(csv_errors[0]))
		return "a malformed CSV line";
	return csv_errors[rc];
}

void cvg__csv_init(cvg__csv *c, const char *s, size_t n)
{
	c->p = s;
	c->end = s + n;
	c->done = false;
}

static void put(char *out, size_t cap, size_t *olen, char ch)
{
	if (out && *olen < cap)
		out[*olen] = ch;
	(*olen)++;
}

int cvg__csv_field(cvg__csv *c, char *out, size_t cap, size_t *olen)
{
	const char *p = c->p, *end = c->end;

	*olen = 0;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p < end && *p == '"') {
		for (p++;; p++) {
			if (p == end)
				return CVG__CSV_UNTERMINATED;
			if (*p == '"') {
				if (p + 1 < end && p[1] == '"')
					p++;
				else
					break;
			}
			put(out, cap, olen, *p);
		}
		p++;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p < end && *p != ',')
			return CVG__CSV_AFTER_QUOTE;
	} else {
		const char *start = p, *stop;
		while (p < end && *p != ',') {
			if (*p == '"')
				return CVG__CSV_QUOTE_IN_FIELD;
			p++;
		}
		stop = p;
		while (stop > start && (stop[-1] == ' ' || stop[-1] == '\t'))
			stop--;
		for (const char *q = start; q < stop; q++)
			put(out, cap, olen, *q);
	}
	if (p == end)
		c->done = true;
	else
		p++; /* the ',' */
	c->p = p;
	return CVG__CSV_OK;
}

bool cvg__csv_word_is(const char *s, size_t n, const char *word)
{
	size_t m = strlen(word);

	if (n != m)
		return false;
	for (size_t i = 0; i < n; i++) {
		char a = s[i];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (a != word[i])
			return false;
	}
	return true;
}
