/*
 * lib/report/report.c - the table of report formats. A format is one
 * writer file in this directory and one line here; the CLI's --output
 * names, its usage text and its messages come from this table.
 */
#include <string.h>

#include "cvegate/report.h"

static const cvg_report_format formats[] = {
        {"junit", "JUnit XML for CI servers (docs/junit.md)", cvg_report_write_junit, false},
        {"cyclonedx", "CycloneDX 1.6 JSON with VEX (docs/reports.md)", cvg_report_write_cyclonedx,
                true},
        {"openvex", "OpenVEX 0.2.0 statements (docs/reports.md)", cvg_report_write_openvex, false},
        {"html", "one self-contained HTML page (docs/reports.md)", cvg_report_write_html, true},
};

#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

const cvg_report_format *cvg_report_formats(size_t *count)
{
	*count = NFORMATS;
	return formats;
}

const cvg_report_format *cvg_report_find(const char *name)
{
	for (size_t i = 0; i < NFORMATS; i++)
		if (strcmp(formats[i].name, name) == 0)
			return &formats[i];
	return NULL;
}
