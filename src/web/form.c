#include "web/form.h"

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
