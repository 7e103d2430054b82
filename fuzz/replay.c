/*
 * fuzz/replay.c - run a fuzz target over every file of a corpus directory.
 *
 * Linked with each fuzz_<parser>.c when libFuzzer is not used, so the
 * corpora (every crash ever found included) replay under ctest with any
 * compiler and under the sanitizer build.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *data = NULL;
	long size;
	int rc = 1;

	if (fp == NULL || fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 0 ||
	        fseek(fp, 0, SEEK_SET) != 0)
		goto done;
	if ((data = malloc((size_t)size + 1)) == NULL)
		goto done;
	if (fread(data, 1, (size_t)size, fp) != (size_t)size)
		goto done;
	LLVMFuzzerTestOneInput(data, (size_t)size);
	rc = 0;
done:
	if (rc)
		fprintf(stderr, "replay: cannot read %s\n", path);
	free(data);
	if (fp)
		fclose(fp);
	return rc;
}

int main(int argc, char **argv)
{
	int failed = 0, count = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;
		DIR *dir;
		struct dirent *de;

		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "replay: %s: not found\n", argv[i]);
			return 1;
		}
		if (!S_ISDIR(st.st_mode)) {
			failed |= run_file(argv[i]);
			count++;
			continue;
		}
		if ((dir = opendir(argv[i])) == NULL)
			return 1;
		while ((de = readdir(dir)) != NULL) {
			char path[4096];
			if (de->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", argv[i], de->d_name);
			failed |= run_file(path);
			count++;
		}
		closedir(dir);
	}
	printf("replayed %d inputs\n", count);
	return failed || count == 0;
}
