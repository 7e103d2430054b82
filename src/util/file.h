/* util/file.h - reading whole files from outside under a size limit. */
#ifndef CVG_UTIL_FILE_H
#define CVG_UTIL_FILE_H

#include <stddef.h>

/*
 * Read a whole regular file of at most `max` bytes into a new
 * NUL-terminated buffer (*out, caller frees; *len excludes the NUL). The
 * limit is checked before and while reading, so a pipe or a growing file
 * cannot exceed it either.
 * Errors: CVG_EIO (message names the file and errno), CVG_ELIMIT, CVG_ENOMEM.
 */
int cvg__read_file(char **out, size_t *len, const char *path, size_t max);

#endif
