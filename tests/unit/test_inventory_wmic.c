/*
 * tests/unit/test_inventory_wmic.c - the "wmic" inventory reader and the
 * UTF-16 input that Windows tools write (inventory.c turns it into UTF-8).
 *
 * Where the vectors come from: hand-written fixtures in
 * tests/data/inventory/wmic/ in the shape `wmic product get
 * name,vendor,version /format:csv > file` and the default table give on
 * Windows 10: UTF-16LE with the BOM FF FE, a blank first line, lines ended
 * by "\r\r\n", Node first and the properties in alphabetical order, table
 * columns padded to the longest value plus two spaces. The product names
 * and versions are those of common installers (Mozilla Firefox 115.0.2,
 * 7-Zip 19.00, the Visual C++ 2015-2019 redistributable 14.29.30133);
 * "Pâte à modeler" is made up to carry non-ASCII characters.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include "inv_expect.h"

static void test_csv_utf16(void **state)
{
	static const expect_pkg e[] = {
	        {"Mozilla Firefox (x64 en-US)", "115.0.2", "Mozilla_Firefox_(x64_en-US)", NULL,
	                NULL, NULL, 3},
	        {"7-Zip 19.00 (x64 edition)", "19.00.00.0", "7-Zip_19.00_(x64_edition)", NULL, NULL,
	                NULL, 4},
	        {"Microsoft Visual C++ 2015-2019 Redistributable (x64) - 14.29.30133",
	                "14.29.30133.0",
	                "Microsoft_Visual_C++_2015-2019_Redistributable_(x64)_-_14.29.30133", NULL,
	                NULL, NULL, 5},
	        {"P\xc3\xa2te \xc3\xa0 modeler", "1.0", "P\xc3\xa2te_\xc3\xa0_modeler", NULL, NULL,
	                NULL, 6},
	};
	cvg_inventory *inv = NULL;
	char *path = data_path("inventory/wmic/product.csv");
	(void)state;

	for (int pass = 0; pass < 2; pass++) {
		assert_int_equal(
		        cvg_inventory_load(&inv, path, pass ? NULL : "wmic", 0, NULL, NULL), 0);
		assert_packages(inv, "wmic", e, sizeof(e) / sizeof(e[0]));
		cvg_inventory_free(inv);
	}
	free(path);
}

static void test_table_utf16(void **state)
{
	static const expect_pkg e[] = {
	        {"Mozilla Firefox (x64 en-US)", "115.0.2", "Mozilla_Firefox_(x64_en-US)", NULL,
	                NULL, NULL, 3},
	        {"P\xc3\xa2te \xc3\xa0 modeler", "1.0", "P\xc3\xa2te_\xc3\xa0_modeler", NULL, NULL,
	                NULL, 4},
	};
	cvg_inventory *inv = NULL;
	char *path = data_path("inventory/wmic/product-table.txt");
	(void)state;

	for (int pass = 0; pass < 2; pass++) {
		assert_int_equal(
		        cvg_inventory_load(&inv, path, pass ? NULL : "wmic", 0, NULL, NULL), 0);
		assert_packages(inv, "wmic", e, sizeof(e) / sizeof(e[0]));
		cvg_inventory_free(inv);
	}
	free(path);
}

static void test_utf8_shapes(void **state)
{
	static const struct {
		const char *text, *name, *version;
		size_t n;
	} v[] = {
	        {"Node,Name,Version\nPC,Git,2.41.0\n", "Git", "2.41.0", 1},
	        {"version,NAME\n2.41.0,Git\n", "Git", "2.41.0", 1},
	        {"Node,Name,Version\nPC,\"Acme, Inc. Tool\",1.0\n", "Acme, Inc. Tool", "1.0", 1},
	        {"Name  Version\nGit   2.41.0\n", "Git", "2.41.0", 1},
	        {"Name          Version\n  Indented    1.0\n", "Indented", "1.0", 1},
	        {"Name  Version\n", NULL, NULL, 0},
	        {"\xEF\xBB\xBFNode,Name,Version\r\r\nPC,Git,2.41.0\r\r\n", "Git", "2.41.0", 1},
	};
	static const struct {
		const char *text, *error;
	} bad[] = {
	        {"Node,Name,Version\nPC,Acme, Inc. Tool,1.0\n",
	                "t.txt:2: expected 3 fields as in the CSV header, found 4 (wmic does not "
	                "quote a name holding a comma)"},
	        {"Node,Name,Version\nPC,,1.0\n", "t.txt:2: expected a product Name, found ''"},
	        {"Node,Name,Version\nPC,Git,\n",
	                "t.txt:2: expected a Version without spaces, found ''"},
	        {"Node,Name\nPC,Git\n",
	                "t.txt:1: expected a wmic header with Name and Version columns (wmic "
	                "product get name,version /format:csv), found 'Node,Name'"},
	        {"Name Size\nGit 1\n",
	                "t.txt:1: expected a wmic header naming Name and Version columns "
	                "('Node,Name,Version' or 'Name  Version'), found 'Name Size'"},
	        {"Name          Version\nNo version\n",
	                "t.txt:2: expected a Version without spaces, found ''"},
	};
	cvg_inventory *inv = NULL;
	(void)state;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		if (parse_text(&inv, "wmic", v[i].text, strlen(v[i].text), 0, NULL) != 0)
			fail_msg("vector %zu: %s", i, cvg_error_last());
		assert_int_equal(inv->npackages, v[i].n);
		if (v[i].n) {
			assert_string_equal(inv->packages[0].name, v[i].name);
			assert_string_equal(inv->packages[0].version, v[i].version);
		}
		cvg_inventory_free(inv);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		inv = NULL;
		assert_int_equal(
		        parse_text(&inv, "wmic", bad[i].text, strlen(bad[i].text), 0, NULL),
		        CVG_EPARSE);
		assert_null(inv);
		if (strcmp(cvg_error_last(), bad[i].error) != 0)
			fail_msg("vector %zu: %s", i, cvg_error_last());
	}
}

static void test_utf16(void **state)
{
	/* "Name  Version\nGit   2.4\n" as UTF-16BE with its BOM */
	static const char be[] = "\xFE\xFF\0N\0a\0m\0e\0 \0 \0V\0e\0r\0s\0i\0o\0n\0\n"
	                         "\0G\0i\0t\0 \0 \0 \0002\0.\0004\0\n";
	static const char odd[] = "\xFF\xFEN\0a\0m";          /* a truncated unit */
	static const char lone[] = "\xFF\xFEN\0\x00\xDC\n\0"; /* a lone low surrogate */
	static const char nul[] = "\xFF\xFEN\0\0\0\n\0";      /* U+0000 */
	cvg_inventory *inv = NULL;
	(void)state;

	assert_int_equal(parse_text(&inv, NULL, be, sizeof(be) - 1, 0, NULL), 0);
	assert_string_equal(inv->format, "wmic");
	assert_int_equal(inv->npackages, 1);
	assert_string_equal(inv->packages[0].name, "Git");
	assert_string_equal(inv->packages[0].version, "2.4");
	cvg_inventory_free(inv);

	assert_int_equal(parse_text(&inv, "wmic", odd, sizeof(odd) - 1, 0, NULL), CVG_EPARSE);
	assert_string_equal(
	        cvg_error_last(), "t.txt: byte 6: invalid UTF-16LE (a truncated character)");
	assert_int_equal(parse_text(&inv, "wmic", lone, sizeof(lone) - 1, 0, NULL), CVG_EPARSE);
	assert_string_equal(cvg_error_last(), "t.txt: byte 4: invalid UTF-16LE (not a character)");
	assert_int_equal(parse_text(&inv, "wmic", nul, sizeof(nul) - 1, 0, NULL), CVG_EPARSE);
	assert_string_equal(cvg_error_last(), "t.txt:1: NUL byte; an inventory is a text file");
	/* a BOM alone is an empty inventory */
	assert_int_equal(parse_text(&inv, "wmic", "\xFF\xFE", 2, 0, NULL), 0);
	assert_int_equal(inv->npackages, 0);
	cvg_inventory_free(inv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_csv_utf16),
	        cmocka_unit_test(test_table_utf16),
	        cmocka_unit_test(test_utf8_shapes),
	        cmocka_unit_test(test_utf16),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
