/* test_mail.c - building a mail: headers, RFC 2047 subjects, the
 * quoted-printable body, CRLF line ends, and header injection refused. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/util.h"
#include "io/mail.h"

#define FROM "werkplaats@example.org"

static char *build(const char *to, const char *subject, const char *body)
{
	buf b;
	buf_init(&b, BUF_NOCAP);
	mail_message m = {to, subject, body};
	if (!mail_build(&b, FROM, &m, 0, "abc123")) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

/* The header part (up to the empty line), unfolded. */
static char *header(const char *msg, const char *name)
{
	const char *end = strstr(msg, "\r\n\r\n");
	assert_non_null(end);
	size_t nl = strlen(name);
	for (const char *p = msg; p < end;) {
		const char *eol = strstr(p, "\r\n");
		if (strncmp(p, name, nl) == 0 && p[nl] == ':') {
			/* take continuation lines too, joined without the CRLF */
			char *out = calloc(1, (size_t)(end - p) + 1);
			const char *q = p + nl + 2;
			for (;;) {
				const char *e = strstr(q, "\r\n");
				strncat(out, q, (size_t)(e - q));
				if (e >= end || (e[2] != ' ' && e[2] != '\t'))
					break;
				q = e + 2;
			}
			return out;
		}
		p = eol + 2;
	}
	return NULL;
}

static const char *body_of(const char *msg)
{
	return strstr(msg, "\r\n\r\n") + 4;
}

/* Decode quoted-printable (soft breaks and =XX), CRLF to LF. */
static char *qp_decode(const char *s)
{
	char *out = calloc(1, strlen(s) + 1);
	size_t j = 0;
	for (const char *p = s; *p;) {
		if (p[0] == '=' && p[1] == '\r' && p[2] == '\n') {
			p += 3;
		} else if (p[0] == '=') {
			char hex[3] = {p[1], p[2], 0};
			out[j++] = (char)strtol(hex, NULL, 16);
			p += 3;
		} else if (p[0] == '\r' && p[1] == '\n') {
			out[j++] = '\n';
			p += 2;
		} else {
			out[j++] = *p++;
		}
	}
	return out;
}

static void assert_lines(const char *msg, size_t max)
{
	for (const char *p = msg; *p;) {
		const char *e = strstr(p, "\r\n");
		assert_non_null(e); /* every line ends in CRLF */
		assert_true((size_t)(e - p) <= max);
		for (const char *q = p; q < e; q++)
			assert_true(*q != '\r' && *q != '\n');
		p = e + 2;
	}
}

static void test_headers(void **state)
{
	(void)state;
	char *m = build("an@example.org", "Hello there", "Hi.\n");
	assert_non_null(m);
	char *h;
	assert_string_equal(h = header(m, "From"), "werkplaats <" FROM ">");
	free(h);
	assert_string_equal(h = header(m, "To"), "<an@example.org>");
	free(h);
	assert_string_equal(h = header(m, "Subject"), "Hello there");
	free(h);
	assert_string_equal(h = header(m, "Date"), "Thu, 01 Jan 1970 00:00:00 +0000");
	free(h);
	assert_string_equal(h = header(m, "Message-ID"), "<abc123@example.org>");
	free(h);
	assert_string_equal(h = header(m, "MIME-Version"), "1.0");
	free(h);
	assert_string_equal(h = header(m, "Content-Type"), "text/plain; charset=utf-8");
	free(h);
	assert_string_equal(h = header(m, "Content-Transfer-Encoding"), "quoted-printable");
	free(h);
	assert_string_equal(body_of(m), "Hi.\r\n");
	assert_lines(m, 78);
	free(m);
}

static void test_date(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, BUF_NOCAP);
	mail_message msg = {"an@example.org", "x", "y"};
	/* 2026-02-28 23:59:59 UTC was a Saturday */
	assert_true(mail_build(&b, FROM, &msg, 1772323199, "id"));
	char *h = header(buf_cstr(&b), "Date");
	assert_string_equal(h, "Sat, 28 Feb 2026 23:59:59 +0000");
	free(h);
	buf_free(&b);
}

/* Decode the encoded words of a subject back to UTF-8. */
static char *decode_subject(const char *h)
{
	char *out = calloc(1, strlen(h) + 1);
	size_t j = 0;
	const char *p = h;
	while ((p = strstr(p, "=?UTF-8?B?"))) {
		p += 10;
		const char *e = strstr(p, "?=");
		assert_non_null(e);
		unsigned char bin[64];
		size_t n;
		assert_int_equal(sodium_base642bin(bin, sizeof bin, p, (size_t)(e - p), NULL, &n, NULL,
						   sodium_base64_VARIANT_ORIGINAL),
				 0);
		assert_true(utf8_valid_text((const char *)bin, n, false)); /* never a split sequence */
		memcpy(out + j, bin, n);
		j += n;
		p = e + 2;
	}
	return out;
}

static void test_subject_encoded_words(void **state)
{
	(void)state;
	const char *subjects[] = {
		"Uitnodiging: vragenlijst Leerafdeling Geriatrië",
		"ëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëë",
		"a€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€ 😀😀😀😀😀😀😀😀😀😀",
	};
	for (int i = 0; i < 3; i++) {
		char *m = build("an@example.org", subjects[i], "b");
		assert_non_null(m);
		assert_lines(m, 78);
		char *h = header(m, "Subject");
		assert_non_null(strstr(h, "=?UTF-8?B?"));
		char *back = decode_subject(h);
		assert_string_equal(back, subjects[i]);
		free(back);
		free(h);
		free(m);
	}
}

static void test_long_ascii_subject_is_folded(void **state)
{
	(void)state;
	const char *s = "Uitnodiging: vragenlijst Leerafdeling Geriatrie / Invitation: questionnaire "
			"Leerafdeling Geriatrie with some more words to make it long";
	char *m = build("an@example.org", s, "b");
	assert_lines(m, 78);
	char *h = header(m, "Subject");
	/* unfolding (dropping CRLF before the space) gives the subject back */
	assert_string_equal(h, s);
	free(h);
	free(m);
}

static void test_header_injection_refused(void **state)
{
	(void)state;
	assert_null(build("an@example.org\r\nBcc: evil@example.org", "x", "b"));
	assert_null(build("an@example.org\nBcc: evil@example.org", "x", "b"));
	assert_null(build("an@example.org", "x\r\nBcc: evil@example.org", "b"));
	assert_null(build("an@example.org", "x\nBcc: evil@example.org", "b"));
	assert_null(build("an@example.org", "x\rBcc: evil@example.org", "b"));
	assert_null(build("an@example.org", "tab\there", "b"));
	assert_null(build("an@example.org", "", "b"));
	assert_null(build("<an@example.org>", "x", "b"));
	assert_null(build("an @example.org", "x", "b"));
	assert_null(build("an@example.org, b@example.org", "x", "b"));
	assert_null(build("anexample.org", "x", "b"));
	assert_null(build("an@example.org", "bad \xff utf-8", "b"));
	assert_null(build("an@example.org", "x", "nul-free but \x01 control"));
	buf b;
	buf_init(&b, BUF_NOCAP);
	mail_message m = {"an@example.org", "x", "y"};
	assert_false(mail_build(&b, "bad from@example.org", &m, 0, "id"));
	assert_false(mail_build(&b, FROM, &m, 0, "id>\r\nBcc: x"));
	assert_true(mail_build(&b, FROM, &m, 0, "id"));
	buf_free(&b);
}

static void test_body_quoted_printable(void **state)
{
	(void)state;
	const char *body =
		".leading dot\n"
		"..two dots\n"
		"trailing space \n"
		"trailing tab\t\n"
		"equals = sign\n"
		"Geriatrië, één, €\n"
		"\n"
		"A long line that goes on and on and on past the seventy-six characters that "
		"quoted-printable allows on one line, with a dot . and more words at the end.\n"
		"http://127.0.0.1:8080/r/AbCdEfGhIjKlMnOpQrStUv\n"
		"last line without newline";
	char *m = build("an@example.org", "x", body);
	assert_non_null(m);
	assert_lines(m, 78);
	const char *b = body_of(m);
	assert_lines(b, 76);
	/* no body line starts with a dot, so SMTP dot-stuffing never matters */
	for (const char *p = b; *p; p = strstr(p, "\r\n") + 2)
		assert_true(*p != '.');
	assert_non_null(strstr(b, "=2Eleading dot\r\n"));
	assert_non_null(strstr(b, "trailing space=20\r\n"));
	assert_non_null(strstr(b, "trailing tab=09\r\n"));
	assert_non_null(strstr(b, "equals =3D sign\r\n"));
	assert_non_null(strstr(b, "Geriatri=C3=AB"));
	for (const unsigned char *p = (const unsigned char *)b; *p; p++)
		assert_true(*p < 0x80);
	char *back = qp_decode(b);
	char *want = malloc(strlen(body) + 2);
	memcpy(want, body, strlen(body));
	memcpy(want + strlen(body), "\n", 2);
	assert_string_equal(back, want);
	free(want);
	free(back);
	free(m);
}

static void test_crlf_body_is_not_doubled(void **state)
{
	(void)state;
	char *m = build("an@example.org", "x", "one\r\ntwo\r\n");
	assert_string_equal(body_of(m), "one\r\ntwo\r\n");
	free(m);
}

static void test_addresses_and_urls(void **state)
{
	(void)state;
	assert_true(mail_address_ok("a@b"));
	assert_true(mail_address_ok("first.last+tag@sub.example.org"));
	assert_false(mail_address_ok(""));
	assert_false(mail_address_ok("@example.org"));
	assert_false(mail_address_ok("a@"));
	assert_false(mail_address_ok("a@b@c"));
	assert_false(mail_address_ok("zoë@example.org"));
	char long_local[256];
	memset(long_local, 'a', 242);
	memcpy(long_local + 242, "@example.org", 13); /* 254 bytes */
	assert_true(mail_address_ok(long_local));
	memset(long_local, 'a', 243);
	memcpy(long_local + 243, "@example.org", 13); /* 255 bytes */
	assert_false(mail_address_ok(long_local));
	assert_true(mail_url_ok("smtp://mail.example.org:587"));
	assert_true(mail_url_ok("smtps://mail.example.org"));
	assert_true(mail_url_ok("smtp://127.0.0.1:2525"));
	assert_false(mail_url_ok("http://mail.example.org"));
	assert_false(mail_url_ok("smtp://"));
	assert_false(mail_url_ok("smtp://:25"));
	assert_false(mail_url_ok("smtp://host name"));
	assert_false(mail_url_ok("mail.example.org"));
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headers),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_subject_encoded_words),
		cmocka_unit_test(test_long_ascii_subject_is_folded),
		cmocka_unit_test(test_header_injection_refused),
		cmocka_unit_test(test_body_quoted_printable),
		cmocka_unit_test(test_crlf_body_is_not_doubled),
		cmocka_unit_test(test_addresses_and_urls),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
