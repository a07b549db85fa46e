/* mail_template.h - the texts of the invitation and reminder mails, as a
 * workplace may adjust them: plain text (the mail is text/plain, nothing
 * is HTML) with placeholders in braces. Pure: no I/O.
 *
 * A template holds UTF-8 text without control characters other than line
 * ends, at most TEMPLATE_CHARS_MAX characters, the placeholder {link}
 * (without it the mail would carry no way to answer) and no braces but
 * those of the known placeholders: {link} {round} {workplace} {opens_on}
 * {closes_on} {k}. Values are put in as they are: a mail is plain text,
 * and mail_build refuses control characters in it. */
#ifndef WP_MAIL_TEMPLATE_H
#define WP_MAIL_TEMPLATE_H

#include <stdbool.h>

#include "base/buf.h"

#define TEMPLATE_CHARS_MAX 5000
#define TEMPLATE_NAME_MAX 24 /* bytes of an unknown placeholder's name kept for the message */

typedef enum { TPL_INVITATION, TPL_REMINDER } template_kind;

typedef enum {
	TPL_OK,
	TPL_EMPTY,        /* nothing but spaces */
	TPL_TOO_LONG,     /* more than TEMPLATE_CHARS_MAX characters */
	TPL_BAD_TEXT,     /* invalid UTF-8 */
	TPL_CONTROL,      /* a control character (a tab, an escape, ...) on `line` */
	TPL_UNKNOWN,      /* {name} that is no placeholder, on `line` */
	TPL_BRACE,        /* a brace that opens or closes no placeholder, on `line` */
	TPL_NO_LINK,      /* no {link} */
} template_problem;

typedef struct {
	template_problem problem;
	int line;                          /* 1-based, where it applies */
	char name[TEMPLATE_NAME_MAX + 4];  /* TPL_UNKNOWN: the name ("..." when cut) */
} template_check;

/* Check a template; out->problem is TPL_OK when it may be stored. */
void mail_template_check(const char *text, template_check *out);

/* The default text of a kind in Dutch or English (the texts every mail
 * carried before templates). */
const char *mail_template_default(template_kind kind, bool english);

typedef struct {
	const char *link, *round, *workplace, *opens_on, *closes_on;
	int k;
} template_values;

/* Append the text with its placeholders filled in; `text` must have
 * passed mail_template_check. CR LF and lone CR become LF. */
void mail_template_render(buf *out, const char *text, const template_values *v);

/* The placeholders, for the page that explains them: NULL-terminated. */
extern const char *const mail_template_placeholders[];

#endif
