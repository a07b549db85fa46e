/* test_mail_template.c - the texts of invitation and reminder mails:
 * what a template may hold (each refusal on both sides of its boundary)
 * and how it is filled in. */
#include "testutil.h"

#include "base/buf.h"
#include "io/mail_template.h"

static template_problem check(const char *text, int *line)
{
	template_check c;
	mail_template_check(text, &c);
	if (line)
		*line = c.line;
	return c.problem;
}

static void test_accepts(void **state)
{
	(void)state;
	assert_int_equal(check("{link}", NULL), TPL_OK);
	assert_int_equal(check("Hoi,\r\n\r\n{link} voor {round} van {workplace}, {opens_on} tot {closes_on}, k={k}",
			       NULL),
			 TPL_OK);
	assert_int_equal(check("<b>not html</b> {link}", NULL), TPL_OK); /* plain text: shown as it is */
	for (int i = 0; i < 2; i++)
		for (int k = 0; k < 2; k++)
			assert_int_equal(check(mail_template_default((template_kind)k, i), NULL), TPL_OK);
}

static void test_refuses(void **state)
{
	(void)state;
	int line;
	template_check c;
	mail_template_check("a\nb {name} {link}", &c);
	assert_int_equal(c.problem, TPL_UNKNOWN);
	assert_int_equal(c.line, 2);
	assert_string_equal(c.name, "name");
	mail_template_check("{abcdefghijklmnopqrstuvwxyz0123456789} {link}", &c);
	assert_int_equal(c.problem, TPL_UNKNOWN);
	assert_string_equal(c.name, "abcdefghijklmnopqrstuvwx...");
	assert_int_equal(check("{Link}", NULL), TPL_UNKNOWN); /* case matters */
	assert_int_equal(check("{ link }", NULL), TPL_UNKNOWN);
	assert_int_equal(check("{link", &line), TPL_BRACE);
	assert_int_equal(check("{link}\n}", &line), TPL_BRACE);
	assert_int_equal(line, 2);
	assert_int_equal(check("{link\n}", NULL), TPL_BRACE);
	assert_int_equal(check("{{link}}", NULL), TPL_BRACE);
	assert_int_equal(check("{link}\ta", &line), TPL_CONTROL);
	assert_int_equal(line, 1);
	assert_int_equal(check("{link}\x1b[31m", NULL), TPL_BAD_TEXT);
	assert_int_equal(check("{link}\x7f", NULL), TPL_BAD_TEXT);
	assert_int_equal(check("{link}\xc3", NULL), TPL_BAD_TEXT);
	assert_int_equal(check("no link here {round}", NULL), TPL_NO_LINK);
	assert_int_equal(check(" \r\n ", NULL), TPL_EMPTY);
	assert_int_equal(check("", NULL), TPL_EMPTY);
	char big[TEMPLATE_CHARS_MAX + 2];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = 0;
	memcpy(big, "{link}", 6);
	assert_int_equal(check(big, NULL), TPL_TOO_LONG); /* one too many */
	big[TEMPLATE_CHARS_MAX] = 0;
	assert_int_equal(check(big, NULL), TPL_OK);
}

static void test_render(void **state)
{
	(void)state;
	template_values v = {"https://pw.example.org/r/T", "Voorjaar", "Geriatrie", "2026-03-01",
			     "2026-03-21", 6};
	buf b;
	buf_init(&b, BUF_NOCAP);
	mail_template_render(&b, "Beste,\r\n{workplace}: {round}\r{link}\n{opens_on}-{closes_on} k={k} {link}", &v);
	assert_string_equal(buf_cstr(&b), "Beste,\nGeriatrie: Voorjaar\nhttps://pw.example.org/r/T\n"
					  "2026-03-01-2026-03-21 k=6 https://pw.example.org/r/T");
	buf_reset(&b);
	mail_template_render(&b, mail_template_default(TPL_REMINDER, false), &v);
	assert_non_null(strstr(buf_cstr(&b), "Herinnering: we hebben je antwoorden nog niet ontvangen"));
	assert_non_null(strstr(buf_cstr(&b), "minstens 6 mensen"));
	assert_null(strchr(buf_cstr(&b), '{'));
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepts),
		cmocka_unit_test(test_refuses),
		cmocka_unit_test(test_render),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
