/* util/file.c - reading whole files under a size limit. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"

int cvg__read_file(char **out, size_t *len, const char *path, size_t max)
{
	cvg_buf buf = CVG_BUF_INIT(max);
	FILE *fp = NULL;
	struct stat st;
	char chunk[65536];
	size_t n;
	int error = 0;

	*out = NULL;
	*len = 0;
	if ((fp = fopen(path, "rb")) == NULL) {
		error = cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
		goto done;
	}
	if (fstat(fileno(fp), &st) != 0) {
		error = cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
		goto done;
	}
	if (S_ISDIR(st.st_mode)) {
		error = cvg__error(CVG_EIO, "%s: is a directory", path);
		goto done;
	}
	if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max) {
		error = cvg__error(CVG_ELIMIT, "%s: larger than the limit of %zu bytes", path, max);
		goto done;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (buf.len + n > max) {
			error = cvg__error(
			        CVG_ELIMIT, "%s: larger than the limit of %zu bytes", path, max);
			goto done;
		}
		if ((error = cvg__buf_put(&buf, chunk, n)) < 0)
			goto done;
	}
	if (ferror(fp)) {
		error = cvg__error(CVG_EIO, "%s: read error", path);
		goto done;
	}
	*len = buf.len;
	if ((*out = cvg__buf_detach(&buf)) == NULL)
		error = cvg__error_oom();
done:
	cvg__buf_dispose(&buf);
	if (fp)
		fclose(fp);
	return error;
}
