/*
 * util/buf.h - a growable byte buffer with a hard maximum.
 *
 * Every buffer that input can grow has a limit; exceeding it is CVG_ELIMIT,
 * never an unbounded allocation. The content is always NUL-terminated.
 */
#ifndef CVG_UTIL_BUF_H
#define CVG_UTIL_BUF_H

#include <stddef.h>

typedef struct cvg_buf {
	char *ptr;
	size_t len;
	size_t cap;
	size_t max; /* 0 means SIZE_MAX/2 */
} cvg_buf;

#define CVG_BUF_INIT(maxbytes)                                                                     \
	{                                                                                          \
		NULL, 0, 0, (maxbytes)                                                             \
	}

int cvg__buf_put(cvg_buf *b, const char *data, size_t len);
int cvg__buf_putc(cvg_buf *b, char c);
int cvg__buf_puts(cvg_buf *b, const char *s);
int cvg__buf_printf(cvg_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cvg__buf_clear(cvg_buf *b);
void cvg__buf_dispose(cvg_buf *b);
/* Hand the content over to the caller (who frees it) and reset the buffer. */
char *cvg__buf_detach(cvg_buf *b);

#endif
