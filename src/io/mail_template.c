/* mail_template.c - checking and filling in the texts of invitation and
 * reminder mails. */
#include "io/mail_template.h"

#include <stdio.h>
#include <string.h>

#include "base/util.h"

const char *const mail_template_placeholders[] = {"link", "round", "workplace", "opens_on",
						   "closes_on", "k", NULL};

/* ---- the defaults: the texts of every mail before templates ---- */

#define NL_INVITATION                                                                         \
	"Je bent uitgenodigd om de vragenlijst van {workplace} in te vullen: {round}. De vragen " \
	"gaan over hoe jullie in de werkplaats samen leren, onderzoeken en werken. Invullen duurt " \
	"ongeveer tien minuten en kan op je telefoon.\n\n"                                        \
	"Je persoonlijke link:\n{link}\n\n"                                                       \
	"De vragenlijst is open van {opens_on} tot en met {closes_on}.\n\n"                       \
	"Wie ziet wat? Je antwoorden zijn anoniem. De werkplaats ziet alleen resultaten van "     \
	"groepen, nooit de antwoorden van één persoon. Een groep wordt pas getoond als er "        \
	"minstens {k} mensen in zitten. Je e-mailadres wordt nooit aan je antwoorden "             \
	"gekoppeld. Deze link is persoonlijk: stuur hem niet door.\n"

#define EN_INVITATION                                                                          \
	"You are invited to answer the questionnaire of {workplace}: {round}. The questions are " \
	"about how you learn, research and work together in the workplace. It takes about ten "   \
	"minutes and works on your phone.\n\n"                                                     \
	"Your personal link:\n{link}\n\n"                                                          \
	"The questionnaire is open from {opens_on} until {closes_on}.\n\n"                         \
	"Who sees what? Your answers are anonymous. The workplace only sees results of groups, "   \
	"never the answers of one person. A group is only shown when at least {k} people are in " \
	"it. Your e-mail address is never linked to your answers. This link is personal: please " \
	"do not forward it.\n"

const char *mail_template_default(template_kind kind, bool english)
{
	if (kind == TPL_INVITATION)
		return english ? EN_INVITATION : NL_INVITATION;
	return english ? "Reminder: we have not received your answers yet. This new link works too; "
			 "if you had started, you start again with it.\n\n" EN_INVITATION
		       : "Herinnering: we hebben je antwoorden nog niet ontvangen. Deze nieuwe link "
			 "werkt ook; als je al was begonnen, begin je hiermee opnieuw.\n\n" NL_INVITATION;
}

/* ---- checking ---- */

/* The index of the placeholder whose name is the n bytes at p, or -1. */
static int placeholder(const char *p, size_t n)
{
	for (int i = 0; mail_template_placeholders[i]; i++)
		if (strlen(mail_template_placeholders[i]) == n &&
		    memcmp(mail_template_placeholders[i], p, n) == 0)
			return i;
	return -1;
}

static void fail(template_check *out, template_problem p, int line)
{
	out->problem = p;
	out->line = line;
}

/* Check one "{...}" at p (the opening brace); returns the byte after it,
 * or NULL after recording the problem. */
static const char *check_brace(const char *p, int line, bool *link, template_check *out)
{
	const char *end = strpbrk(p + 1, "{}\n");
	if (!end || *end != '}') {
		fail(out, TPL_BRACE, line);
		return NULL;
	}
	size_t n = (size_t)(end - p - 1);
	int i = placeholder(p + 1, n);
	if (i < 0) {
		fail(out, TPL_UNKNOWN, line);
		size_t keep = n > TEMPLATE_NAME_MAX ? TEMPLATE_NAME_MAX : n;
		memcpy(out->name, p + 1, keep);
		snprintf(out->name + keep, sizeof out->name - keep, "%s", n > keep ? "..." : "");
		return NULL;
	}
	*link |= i == 0;
	return end + 1;
}

/* The problem of the whole text, before its lines are read. */
static template_problem check_text(const char *text)
{
	size_t len = strlen(text);
	if (!utf8_valid_text(text, len, true))
		return TPL_BAD_TEXT;
	if (utf8_length(text) > TEMPLATE_CHARS_MAX)
		return TPL_TOO_LONG;
	if (!text[strspn(text, " \r\n")])
		return TPL_EMPTY;
	return TPL_OK;
}

void mail_template_check(const char *text, template_check *out)
{
	memset(out, 0, sizeof *out);
	if ((out->problem = check_text(text)) != TPL_OK)
		return;
	bool link = false;
	int line = 1;
	for (const char *p = text; *p;) {
		if (*p == '\t' || *p == '}') {
			fail(out, *p == '\t' ? TPL_CONTROL : TPL_BRACE, line);
			return;
		}
		if (*p == '{') {
			if (!(p = check_brace(p, line, &link, out)))
				return;
			continue;
		}
		line += *p++ == '\n';
	}
	if (!link)
		fail(out, TPL_NO_LINK, 0);
}

/* ---- filling in ---- */

static void put_value(buf *out, int i, const template_values *v)
{
	const char *const texts[] = {v->link, v->round, v->workplace, v->opens_on, v->closes_on};
	if (i < (int)ARRAY_LEN(texts))
		buf_puts(out, texts[i] ? texts[i] : "");
	else
		buf_put_int(out, v->k);
}

void mail_template_render(buf *out, const char *text, const template_values *v)
{
	for (const char *p = text; *p;) {
		const char *end;
		int i;
		if (*p == '{' && (end = strchr(p, '}')) && (i = placeholder(p + 1, (size_t)(end - p - 1))) >= 0) {
			put_value(out, i, v);
			p = end + 1;
		} else if (*p == '\r') {
			buf_putc(out, '\n');
			p += p[1] == '\n' ? 2 : 1;
		} else {
			buf_putc(out, *p++);
		}
	}
}
