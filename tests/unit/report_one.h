/*
 * tests/unit/report_one.h - a writer run over one inventory. The writers
 * take a list of suites (cvg_report_suite) and the report info; most tests
 * cover one inventory, so they keep the inventory together with the info
 * in an fx_info and fx_write() makes the one suite. Include after cmocka.h.
 */
#ifndef CVG_TEST_REPORT_ONE_H
#define CVG_TEST_REPORT_ONE_H

#include <stdbool.h>
#include <stdio.h>

#include "cvegate/report.h"

typedef struct fx_info {
	const char *inventory;
	long long timestamp;
	const char *hostname;
	bool color;
} fx_info;

typedef int (*fx_suite_writer)(
        FILE *fp, const cvg_report_suite *suites, size_t nsuites, const cvg_report_info *info);

static inline int fx_write(
        fx_suite_writer write, FILE *fp, const cvg_scan_result *res, const fx_info *fi)
{
	cvg_report_suite suite = {fi->inventory, res};
	cvg_report_info info = {fi->timestamp, fi->hostname, fi->color};

	return write(fp, &suite, 1, &info);
}

#endif
