#include "web/form.h"

#include <ctype.h>
#include <string.h>

void kv_push(arena *a, kvlist *l, const char *key, const char *val)
{
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 16;
		struct kv *v = ARENA_ARRAY(a, struct kv, (size_t)cap);
		if (l->n)
			memcpy(v, l->v, sizeof(struct kv) * (size_t)l->n);
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n].key = key;
	l->v[l->n].val = val;
	l->n++;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode s[0..n) into a fresh NUL-terminated string; NULL when malformed. */
static char *decode(arena *a, const char *s, size_t n)
{
	char *out = arena_alloc(a, n + 1);
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '+') {
			out[j++] = ' ';
		} else if (c == '%') {
			if (i + 2 >= n)
				return NULL;
			int h = hexval(s[i + 1]), l = hexval(s[i + 2]);
			if (h < 0 || l < 0)
				return NULL;
			char v = (char)(h * 16 + l);
			if (v == 0)
				return NULL;
			out[j++] = v;
			i += 2;
		} else if (c == 0) {
			return NULL;
		} else {
			out[j++] = c;
		}
	}
	out[j] = 0;
	return out;
}

bool form_parse(arena *a, const char *body, size_t len, kvlist *out)
{
	kvlist tmp = {0};
	size_t i = 0;
	while (i < len) {
		size_t end = i;
		while (end < len && body[end] != '&')
			end++;
		if (end > i) {
			size_t eq = i;
			while (eq < end && body[eq] != '=')
				eq++;
			char *key = decode(a, body + i, eq - i);
			char *val = eq < end ? decode(a, body + eq + 1, end - eq - 1) : arena_strdup(a, "");
			if (!key || !val || tmp.n >= FORM_MAX_FIELDS)
				return false;
			kv_push(a, &tmp, key, val);
		}
		i = end + 1;
	}
	for (int k = 0; k < tmp.n; k++)
		kv_push(a, out, tmp.v[k].key, tmp.v[k].val);
	return true;
}

/* ---- multipart/form-data (RFC 7578) ---- */

static bool ci_prefix(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	if (n < k)
		return false;
	for (size_t i = 0; i < k; i++)
		if (tolower((unsigned char)s[i]) != prefix[i])
			return false;
	return true;
}

/* The value of parameter `name` (lower case) in a header value like
 * `form-data; name="x"; filename="y.csv"`; NULL when absent or malformed.
 * Quoted values end at the next quote (browsers escape quotes as %22). */
static char *header_param(arena *a, const char *v, size_t n, const char *name)
{
	size_t k = strlen(name);
	size_t i = 0;
	while (i < n) {
		while (i < n && v[i] != ';')
			i++;
		if (i == n)
			return NULL;
		i++;
		while (i < n && (v[i] == ' ' || v[i] == '\t'))
			i++;
		if (!ci_prefix(v + i, n - i, name) || i + k >= n || v[i + k] != '=')
			continue;
		i += k + 1;
		size_t start = i;
		if (i < n && v[i] == '"') {
			start = ++i;
			while (i < n && v[i] != '"')
				i++;
			if (i == n)
				return NULL;
		} else {
			while (i < n && v[i] != ';' && v[i] != ' ' && v[i] != '\t')
				i++;
		}
		return arena_strndup(a, v + start, i - start);
	}
	return NULL;
}

/* The boundary named in a Content-Type header, or NULL. */
static char *multipart_boundary(arena *a, const char *ct)
{
	if (!ct || !ci_prefix(ct, strlen(ct), "multipart/form-data"))
		return NULL;
	char *b = header_param(a, ct, strlen(ct), "boundary");
	if (!b || !*b || strlen(b) > MULTIPART_BOUNDARY_MAX)
		return NULL;
	for (const char *p = b; *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
			return NULL;
	return b;
}

/* Position of the first "\r\n" + delim at or after `from`, or (size_t)-1.
 * Linear: the delimiter holds no CR, so a failed comparison never covers
 * the CR of a later candidate. */
static size_t find_delim(const char *s, size_t n, size_t from, const char *delim, size_t dn)
{
	for (size_t i = from; i + 2 + dn <= n; i++) {
		const char *cr = memchr(s + i, '\r', n - i - 1 - dn);
		if (!cr)
			return (size_t)-1;
		i = (size_t)(cr - s);
		if (s[i + 1] == '\n' && memcmp(s + i + 2, delim, dn) == 0)
			return i;
	}
	return (size_t)-1;
}

struct part {
	char *name, *filename;
};

/* Parse the header lines of a part starting at *pos; leaves *pos at its
 * content. */
static bool part_headers(arena *a, const char *s, size_t n, size_t *pos, struct part *p)
{
	p->name = p->filename = NULL;
	for (int lines = 0;; lines++) {
		size_t i = *pos, start = i;
		while (i + 1 < n && !(s[i] == '\r' && s[i + 1] == '\n')) {
			if (s[i] == 0 || i - start >= MULTIPART_HEADER_MAX)
				return false;
			i++;
		}
		if (i + 1 >= n)
			return false;
		*pos = i + 2;
		if (i == start) /* the empty line: content follows */
			return p->name != NULL;
		if (lines >= MULTIPART_HEADERS_MAX)
			return false;
		size_t len = i - start;
		if (ci_prefix(s + start, len, "content-disposition:")) {
			const char *v = s + start + 20;
			size_t vn = len - 20;
			while (vn && (*v == ' ' || *v == '\t')) {
				v++;
				vn--;
			}
			if (!ci_prefix(v, vn, "form-data"))
				return false;
			p->name = header_param(a, v, vn, "name");
			p->filename = header_param(a, v, vn, "filename");
			if (!p->name || !*p->name)
				return false;
		}
	}
}

static void part_push(arena *a, form_parts *l, const char *name, const char *filename, const char *data, size_t len)
{
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 4;
		form_part *bigger = ARENA_ARRAY(a, form_part, (size_t)cap);
		if (l->n)
			memcpy(bigger, l->v, sizeof *bigger * (size_t)l->n);
		l->v = bigger;
		l->cap = cap;
	}
	l->v[l->n++] = (form_part){name, filename, arena_strndup(a, data, len), len};
}

bool form_parse_multipart(arena *a, const char *content_type, const char *body, size_t len,
			  kvlist *out, form_parts *files)
{
	char *boundary = multipart_boundary(a, content_type);
	if (!boundary)
		return false;
	char *delim = arena_printf(a, "--%s", boundary);
	size_t dn = strlen(delim);
	/* the first delimiter opens the body, or follows a preamble line */
	size_t pos;
	if (len >= dn && memcmp(body, delim, dn) == 0)
		pos = dn;
	else if ((pos = find_delim(body, len, 0, delim, dn)) != (size_t)-1)
		pos += 2 + dn;
	else
		return false;
	kvlist tmp = {0};
	form_parts parts = {0};
	for (;;) {
		if (pos + 2 <= len && body[pos] == '-' && body[pos + 1] == '-')
			break; /* the closing delimiter; an epilogue is ignored */
		while (pos < len && (body[pos] == ' ' || body[pos] == '\t'))
			pos++;
		if (pos + 2 > len || body[pos] != '\r' || body[pos + 1] != '\n')
			return false;
		pos += 2;
		struct part p;
		if (!part_headers(a, body, len, &pos, &p))
			return false;
		size_t end = find_delim(body, len, pos, delim, dn);
		if (end == (size_t)-1)
			return false;
		size_t vn = end - pos;
		bool has_nul = memchr(body + pos, 0, vn) != NULL;
		int fields = 1 + (p.filename != NULL) + (has_nul && p.filename);
		if ((has_nul && !p.filename) || tmp.n + fields > FORM_MAX_FIELDS)
			return false;
		if (p.filename) {
			kv_push(a, &tmp, arena_printf(a, "%s.filename", p.name), p.filename);
			if (has_nul)
				kv_push(a, &tmp, arena_printf(a, "%s.binary", p.name), "1");
			if (files)
				part_push(a, &parts, p.name, p.filename, body + pos, vn);
		}
		kv_push(a, &tmp, p.name, has_nul ? "" : arena_strndup(a, body + pos, vn));
		pos = end + 2 + dn;
	}
	for (int k = 0; k < tmp.n; k++)
		kv_push(a, out, tmp.v[k].key, tmp.v[k].val);
	for (int k = 0; files && k < parts.n; k++)
		part_push(a, files, parts.v[k].name, parts.v[k].filename, parts.v[k].data, parts.v[k].len);
	return true;
}
