/* util/buf.c - growable, bounded, NUL-terminated byte buffer. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/error.h"

static int grow(cvg_buf *b, size_t extra)
{
	size_t max = b->max ? b->max : SIZE_MAX / 2;
	size_t need, cap;
	char *p;

	if (extra > max || b->len > max - extra)
		return cvg__error(CVG_ELIMIT, "buffer limit of %zu bytes exceeded", max);
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 4 ? need : cap * 2;
	if ((p = realloc(b->ptr, cap)) == NULL)
		return cvg__error_oom();
	b->ptr = p;
	b->cap = cap;
	return 0;
}

int cvg__buf_put(cvg_buf *b, const char *data, size_t len)
{
	int error;

	if ((error = grow(b, len)) < 0)
		return error;
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return 0;
}

int cvg__buf_putc(cvg_buf *b, char c)
{
	return cvg__buf_put(b, &c, 1);
}

int cvg__buf_puts(cvg_buf *b, const char *s)
{
	return cvg__buf_put(b, s, strlen(s));
}

int cvg__buf_printf(cvg_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n, error;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return cvg__error(CVG_ERROR, "formatting failed");
	if ((error = grow(b, (size_t)n)) < 0)
		return error;
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

void cvg__buf_clear(cvg_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

void cvg__buf_dispose(cvg_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}

char *cvg__buf_detach(cvg_buf *b)
{
	char *p = b->ptr;

	if (p == NULL)
		p = calloc(1, 1);
	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}
