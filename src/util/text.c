/*
 * util/text.c - line iteration, trimming and quoting for the readers of
 * line-based input (inventories, ignore lists, map files). Quoting keeps
 * hostile bytes out of error messages: anything but printable ASCII is
 * shown as \xNN, and long input is cut.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"

const char *cvg__memrchr(const char *s, int c, size_t len)
{
	while (len > 0) {
		len--;
		if (s[len] == (char)c)
			return s + len;
	}
	return NULL;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

void cvg__trim(const char **s, size_t *len)
{
	const char *p = *s;
	size_t n = *len;

	while (n > 0 && is_space(p[0])) {
		p++;
		n--;
	}
	while (n > 0 && is_space(p[n - 1]))
		n--;
	*s = p;
	*len = n;
}

void cvg__lines_init(cvg__lines *it, const char *data, size_t len)
{
	it->p = data;
	it->end = data + len;
	it->lineno = 0;
	/* a UTF-8 byte order mark, as editors on Windows write it */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		it->p += 3;
}

bool cvg__lines_next(cvg__lines *it, const char **line, size_t *len)
{
	const char *nl;
	size_t n;

	if (it->p >= it->end)
		return false;
	nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
	n = nl ? (size_t)(nl - it->p) : (size_t)(it->end - it->p);
	*line = it->p;
	*len = n;
	if (n > 0 && it->p[n - 1] == '\r')
		(*len)--;
	it->p = nl ? nl + 1 : it->end;
	it->lineno++;
	return true;
}

void cvg__quote(char *out, size_t outsize, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0, n = len > CVG__QUOTE_MAX ? CVG__QUOTE_MAX : len;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f) {
			if (o + 2 > outsize)
				break;
			out[o++] = (char)c;
		} else {
			if (o + 5 > outsize)
				break;
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		}
	}
	if (len > n && o + 4 <= outsize) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	if (outsize > 0)
		out[o < outsize ? o : outsize - 1] = '\0';
}

void cvg__warnf(cvg_warn_fn warn, void *payload, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (warn == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	warn(msg, payload);
}

char *cvg__strndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

size_t cvg__split_fields(const char *s, size_t n, const char **f, size_t *fl, size_t max)
{
	size_t count = 0, i = 0;

	while (i < n) {
		size_t start;
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i == n)
			break;
		start = i;
		while (i < n && s[i] != ' ' && s[i] != '\t')
			i++;
		if (count < max) {
			f[count] = s + start;
			fl[count] = i - start;
		}
		count++;
	}
	return count;
}

void cvg__line_counter_init(cvg__line_counter *lc, const char *data, size_t len)
{
	lc->data = data;
	lc->len = len;
	lc->at = 0;
	lc->line = 1;
}

size_t cvg__line_at(cvg__line_counter *lc, size_t off)
{
	if (off > lc->len)
		off = lc->len;
	for (; lc->at < off; lc->at++)
		lc->line += lc->data[lc->at] == '\n';
	for (; lc->at > off; lc->at--)
		lc->line -= lc->data[lc->at - 1] == '\n';
	return lc->line;
}

const char *cvg__memmem(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	const char *end = s + len, *p = s;

	if (n == 0)
		return s;
	while ((size_t)(end - p) >= n) {
		if ((p = memchr(p, needle[0], (size_t)(end - p) - n + 1)) == NULL)
			return NULL;
		if (memcmp(p, needle, n) == 0)
			return p;
		p++;
	}
	return NULL;
}

size_t cvg__json_depth(const char *s, size_t n, size_t limit)
{
	size_t depth = 0, max = 0;
	bool in_string = false;

	for (size_t i = 0; i < n && max <= limit; i++) {
		char c = s[i];
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = false;
		} else if (c == '"') {
			in_string = true;
		} else if (c == '{' || c == '[') {
			if (++depth > max)
				max = depth;
		} else if ((c == '}' || c == ']') && depth > 0) {
			depth--;
		}
	}
	return max;
}

bool cvg__json_is_number(const char *s)
{
	const char *p = s;

	if (s == NULL)
		return false;
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (*p >= '0' && *p <= '9')
			p++;
	else
		return false;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	/* a bound for the number's length: scores are "9.8" */
	return *p == '\0' && p - s <= 32;
}
