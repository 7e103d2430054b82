/* util/error.h - set the thread's last error message (library-internal). */
#ifndef CVG_UTIL_ERROR_H
#define CVG_UTIL_ERROR_H

#include "cvegate/error.h"

/* Set the message and return `code`, so callers can write
 * `return cvg__error(CVG_EPARSE, "%s:%zu: expected ...", path, line);` */
int cvg__error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Set the message for out of memory and return CVG_ENOMEM. */
int cvg__error_oom(void);

#endif
