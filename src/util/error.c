/*
 * util/error.c - one message buffer per thread for the last error.
 *
 * libgit2's pattern: the function that detects a problem formats the detail
 * once; everything above passes the integer code through. Messages are cut
 * at a fixed size rather than allocated, so reporting an out-of-memory error
 * never needs memory.
 */
#include <stdarg.h>
#include <stdio.h>

#include "util/error.h"

static _Thread_local char last_message[1024];

int cvg__error(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_message, sizeof(last_message), fmt, ap);
	va_end(ap);
	return code;
}

int cvg__error_oom(void)
{
	return cvg__error(CVG_ENOMEM, "out of memory");
}

const char *cvg_error_last(void)
{
	return last_message;
}

void cvg_error_clear(void)
{
	last_message[0] = '\0';
}
