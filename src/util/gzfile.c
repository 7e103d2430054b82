/*
 * util/gzfile.c - plain-or-gzip file reader on top of zlib's gzFile.
 *
 * zlib's gzread decompresses gzip members (several concatenated members
 * too) and copies anything else through, so one code path serves
 * nvdcve-*.json and nvdcve-*.json.gz. The caller picks a large buffer:
 * gzbuffer() sizes zlib's input and output windows, which matters for
 * the 600 MB NVD year sets (fewer read(2) calls, longer inflate runs).
 * A truncated gzip stream is reported by zlib as Z_BUF_ERROR only at the
 * end, so the end of data is checked explicitly: silently short JSON
 * would otherwise be mistaken for a complete file.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "util/error.h"
#include "util/gzfile.h"

struct cvg_gzfile {
	gzFile gz;
	char *path;
};

int cvg__gzfile_open(cvg_gzfile **out, const char *path, size_t bufsize)
{
	cvg_gzfile *f = NULL;
	size_t n = strlen(path);
	int error = 0;

	*out = NULL;
	if ((f = calloc(1, sizeof(*f))) == NULL || (f->path = malloc(n + 1)) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	memcpy(f->path, path, n + 1);
	errno = 0;
	if ((f->gz = gzopen(path, "rb")) == NULL) {
		error = cvg__error(
		        CVG_EIO, "%s: %s", path, errno ? strerror(errno) : "cannot open");
		goto done;
	}
	/* zlib takes an unsigned buffer size; 0 keeps its 8 KiB default */
	if (bufsize > 0 && bufsize <= UINT_MAX && gzbuffer(f->gz, (unsigned)bufsize) != 0) {
		error = cvg__error(CVG_EIO, "%s: cannot set the gzip buffer size", path);
		goto done;
	}
	*out = f;
	f = NULL;
done:
	cvg__gzfile_close(f);
	return error;
}

/* Turn zlib's error state into our code and message. */
static int gz_fail(cvg_gzfile *f)
{
	int zerr = Z_OK;
	const char *msg = gzerror(f->gz, &zerr);

	if (zerr == Z_ERRNO)
		return cvg__error(CVG_EIO, "%s: %s", f->path, strerror(errno));
	if (zerr == Z_MEM_ERROR)
		return cvg__error_oom();
	/* zlib prefixes its message with the path we already print */
	if (msg && strncmp(msg, f->path, strlen(f->path)) == 0 &&
	        strncmp(msg + strlen(f->path), ": ", 2) == 0)
		msg += strlen(f->path) + 2;
	return cvg__error(
	        CVG_EPARSE, "%s: gzip data: %s", f->path, msg && *msg ? msg : "corrupt stream");
}

int cvg__gzfile_read(size_t *out, cvg_gzfile *f, void *buf, size_t len)
{
	int n, zerr = Z_OK;

	*out = 0;
	/* gzread counts in int; read at most INT_MAX per call */
	if (len > INT_MAX)
		len = INT_MAX;
	errno = 0;
	n = gzread(f->gz, buf, (unsigned)len);
	if (n < 0)
		return gz_fail(f);
	gzerror(f->gz, &zerr);
	if (n == 0 && zerr != Z_OK)
		return gz_fail(f); /* Z_BUF_ERROR: "unexpected end of file" */
	*out = (size_t)n;
	return 0;
}

void cvg__gzfile_close(cvg_gzfile *f)
{
	if (f == NULL)
		return;
	if (f->gz)
		gzclose(f->gz);
	free(f->path);
	free(f);
}
