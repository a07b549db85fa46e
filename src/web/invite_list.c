#include "web/invite_list.h"

#include <string.h>

#include "base/util.h"

bool invite_email_ok(const char *s)
{
	size_t n = strlen(s);
	const char *at = strchr(s, '@');
	if (!n || n > INVITE_EMAIL_MAX || !at || at == s || strchr(at + 1, '@') || at[1] == '.' ||
	    !strchr(at + 1, '.') || s[n - 1] == '.')
		return false;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f || strchr("<>()[],;:\\\"", *p))
			return false;
	return true;
}

/* Lower case of ASCII and of the accented capitals of Latin-1 (UTF-8
 * C3 80..C3 9E, except the multiplication sign), so "CLIËNT" is "cliënt". */
static void fold_in_place(char *s)
{
	for (unsigned char *p = (unsigned char *)s; *p; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p = (unsigned char)(*p + 32);
		else if (*p == 0xc3 && p[1] >= 0x80 && p[1] <= 0x9e && p[1] != 0x97)
			*++p += 0x20;
	}
}

static char *fold_case(arena *a, const char *s)
{
	char *out = arena_strdup(a, s);
	fold_in_place(out);
	return out;
}

int invite_perspective(const char *s)
{
	static const struct {
		const char *name;
		perspective p;
	} names[] = {
		{"student", PERSP_STUDENT},          {"professional", PERSP_PROFESSIONAL},
		{"teacher", PERSP_TEACHER},          {"docent", PERSP_TEACHER},
		{"researcher", PERSP_RESEARCHER},    {"onderzoeker", PERSP_RESEARCHER},
		{"citizen", PERSP_CITIZEN},          {"burger", PERSP_CITIZEN},
		{"cliënt", PERSP_CITIZEN},           {"client", PERSP_CITIZEN},
		{"burger/cliënt", PERSP_CITIZEN},    {"burger / cliënt", PERSP_CITIZEN},
		{"burger/client", PERSP_CITIZEN},    {"manager", PERSP_MANAGER},
		{"leidinggevende", PERSP_MANAGER},   {"other", PERSP_OTHER},
		{"anders", PERSP_OTHER},
	};
	char f[32];
	size_t n = strlen(s);
	if (n >= sizeof f)
		return -1;
	memcpy(f, s, n + 1);
	fold_in_place(f);
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (strcmp(f, names[i].name) == 0)
			return (int)names[i].p;
	return -1;
}

/* A growable array in the arena (doubling). */
static void *grow(arena *a, void *items, int n, int *cap, size_t size)
{
	if (n < *cap)
		return items;
	int fresh = *cap ? *cap * 2 : 64;
	void *bigger = arena_alloc(a, size * (size_t)fresh);
	if (n)
		memcpy(bigger, items, size * (size_t)n);
	*cap = fresh;
	return bigger;
}

static void add_error(arena *a, invite_list *l, invite_error e)
{
	l->errors = grow(a, l->errors, l->n_errors, &l->errors_cap, sizeof e);
	l->errors[l->n_errors++] = e;
}

void invite_list_add_error(arena *a, invite_list *l, int line, invite_problem p, const char *text)
{
	add_error(a, l, (invite_error){line, p, text, 0});
}

/* Trim blanks and one pair of surrounding double quotes. */
static char *clean_field(arena *a, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
		s++;
		n -= 2;
		while (n && *s == ' ') {
			s++;
			n--;
		}
		while (n && s[n - 1] == ' ')
			n--;
	}
	return arena_strndup(a, s, n);
}

/* Split a line at commas, semicolons and tabs into at most 8 fields;
 * returns the number of fields (the last one holds any rest). */
static int split_fields(arena *a, const char *s, size_t n, char *f[8])
{
	int nf = 0;
	size_t start = 0;
	for (size_t i = 0; i <= n; i++)
		if (i == n || ((s[i] == ',' || s[i] == ';' || s[i] == '\t') && nf < 7)) {
			f[nf++] = clean_field(a, s + start, i - start);
			start = i + 1;
		}
	return nf;
}

static bool is_header(char *const f[8], int nf, arena *a)
{
	static const char *const words[] = {"email", "e-mail", "e-mailadres", "emailadres", "mail",
					    "adres", "address", "e-mail address"};
	if (nf < 1 || strchr(f[0], '@'))
		return false;
	const char *w = fold_case(a, f[0]);
	for (size_t i = 0; i < ARRAY_LEN(words); i++)
		if (strcmp(w, words[i]) == 0)
			return true;
	return false;
}

static void parse_line(arena *a, invite_list *l, int lineno, const char *s, size_t n)
{
	if (n > INVITE_LINE_MAX) {
		add_error(a, l, (invite_error){lineno, INV_TOO_LONG, NULL, 0});
		return;
	}
	if (!utf8_valid_text(s, n, false)) {
		add_error(a, l, (invite_error){lineno, INV_BAD_TEXT, NULL, 0});
		return;
	}
	char *f[8];
	int nf = split_fields(a, s, n, f);
	while (nf > 2 && !*f[nf - 1])
		nf--;
	char *email = fold_case(a, f[0]);
	if (!invite_email_ok(email)) {
		add_error(a, l, (invite_error){lineno, INV_BAD_EMAIL, f[0], 0});
		return;
	}
	if (nf < 2 || !*f[1]) {
		add_error(a, l, (invite_error){lineno, INV_NO_PERSPECTIVE, f[0], 0});
		return;
	}
	if (nf > 2) {
		add_error(a, l, (invite_error){lineno, INV_EXTRA_FIELDS, f[2], 0});
		return;
	}
	int p = invite_perspective(f[1]);
	if (p < 0) {
		add_error(a, l, (invite_error){lineno, INV_BAD_PERSPECTIVE, f[1], 0});
		return;
	}
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->entries[i].email, email) == 0) {
			add_error(a, l, (invite_error){lineno, INV_DUPLICATE, email, l->entries[i].line});
			return;
		}
	l->entries = grow(a, l->entries, l->n, &l->entries_cap, sizeof(invite_entry));
	l->entries[l->n++] = (invite_entry){lineno, email, (perspective)p};
}

/* Is the line (without its line end) blank? */
static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

void invite_list_parse(arena *a, const char *text, size_t len, int max, invite_list *out)
{
	memset(out, 0, sizeof *out);
	int lineno = 0;
	bool first = true;
	size_t i = 0;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len) {
		size_t end = i;
		while (end < len && text[end] != '\n')
			end++;
		size_t n = end - i;
		if (n && text[i + n - 1] == '\r')
			n--;
		lineno++;
		const char *s = text + i;
		i = end + 1;
		if (blank(s, n))
			continue;
		if (first) {
			first = false;
			char *f[8];
			if (n <= INVITE_LINE_MAX && utf8_valid_text(s, n, false) &&
			    is_header(f, split_fields(a, s, n, f), a))
				continue;
		}
		if (out->lines == max) {
			out->too_many = true;
			return;
		}
		out->lines++;
		parse_line(a, out, lineno, s, n);
	}
}
