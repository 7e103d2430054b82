/*
 * util/gzfile.h - read a file that may or may not be gzip-compressed.
 *
 * A thin wrapper over zlib's gzread, which passes plain files through
 * unchanged, so callers detect formats from content and never from the
 * file name. Errors carry the file name: CVG_EIO for the operating system,
 * CVG_EPARSE for corrupt or truncated gzip data.
 */
#ifndef CVG_UTIL_GZFILE_H
#define CVG_UTIL_GZFILE_H

#include <stddef.h>

typedef struct cvg_gzfile cvg_gzfile;

/* Open `path` for reading with a zlib buffer of `bufsize` bytes (0: zlib's
 * default). Returns 0, CVG_EIO or CVG_ENOMEM. */
int cvg__gzfile_open(cvg_gzfile **out, const char *path, size_t bufsize);

/* Read up to `len` uncompressed bytes into buf; *out is the count, 0 only at
 * the end of the data. Returns 0, CVG_EIO or CVG_EPARSE (corrupt or truncated
 * gzip stream). */
int cvg__gzfile_read(size_t *out, cvg_gzfile *f, void *buf, size_t len);

/* Close and free. Accepts NULL. */
void cvg__gzfile_close(cvg_gzfile *f);

#endif
