/* own_statement.c - the rules for a workplace's own statements. */
#include "own_statement.h"

#include "base/util.h"

#include <stddef.h>
#include <string.h>

static bool is_space(unsigned char c)
{
	return c == ' ';
}

/* A letter of a word for the negation test: ASCII letters, apostrophes
 * and everything outside ASCII (é, ’). */
static bool word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'' || c >= 0x80;
}

static bool is_negation(const char *w, size_t n, bool english)
{
	static const char *const nl[] = {"niet", "geen", "nooit", "niemand", "niets", "nergens", "zonder", "noch"};
	static const char *const en[] = {"not", "no", "never", "nobody", "nothing", "nowhere", "without",
					 "neither", "nor"};
	char low[32];
	if (n >= sizeof low)
		return false;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] - 'A' + 'a' : w[i]);
	low[n] = 0;
	const char *const *list = english ? en : nl;
	size_t count = english ? sizeof en / sizeof en[0] : sizeof nl / sizeof nl[0];
	for (size_t i = 0; i < count; i++)
		if (strcmp(low, list[i]) == 0)
			return true;
	if (!english)
		return false;
	/* don't, isn't, can't, won't; with a typographic apostrophe too */
	return (n >= 4 && strcmp(low + n - 3, "n't") == 0) ||
	       (n >= 6 && strcmp(low + n - 5, "n\xe2\x80\x99t") == 0);
}

static int negations_in(const char *s, size_t n, bool english)
{
	int count = 0;
	for (size_t i = 0; i < n;) {
		if (!word_byte((unsigned char)s[i])) {
			i++;
			continue;
		}
		size_t start = i;
		while (i < n && word_byte((unsigned char)s[i]))
			i++;
		count += is_negation(s + start, i - start, english);
	}
	return count;
}

own_problem own_check(const char *text, bool english, int *negations)
{
	if (negations)
		*negations = 0;
	size_t n = text ? strlen(text) : 0;
	while (n && is_space((unsigned char)text[n - 1]))
		n--;
	while (n && is_space((unsigned char)*text)) {
		text++;
		n--;
	}
	if (!n)
		return OWN_EMPTY;
	size_t chars = 0, words = 0;
	bool in_word = false;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(text + i, n - i, &cp);
		if (!len || cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029)
			return OWN_BAD_TEXT;
		chars++;
		words += !in_word && cp != ' ';
		in_word = cp != ' ';
		i += len;
	}
	int neg = negations_in(text, n, english);
	if (negations)
		*negations = neg;
	if (chars > OWN_MAX_CHARS)
		return OWN_TOO_LONG;
	if (words > OWN_MAX_WORDS)
		return OWN_TOO_MANY_WORDS;
	return neg >= 2 ? OWN_DOUBLE_NEGATIVE : OWN_OK;
}

/* [problem - 1][text in English][reader reads English] */
static const char *const messages[][2][2] = {
	{{"Vul de Nederlandse tekst van de stelling in.", "Fill in the Dutch text of the statement."},
	 {"Vul de Engelse tekst van de stelling in.", "Fill in the English text of the statement."}},
	{{"De Nederlandse tekst bevat een teken dat niet mag (een tab, een regeleinde of een ander "
	  "stuurteken). Schrijf de stelling op één regel, zonder zulke tekens.",
	  "The Dutch text contains a character that is not allowed (a tab, a line break or another "
	  "control character). Write the statement on one line, without such characters."},
	 {"De Engelse tekst bevat een teken dat niet mag (een tab, een regeleinde of een ander "
	  "stuurteken). Schrijf de stelling op één regel, zonder zulke tekens.",
	  "The English text contains a character that is not allowed (a tab, a line break or another "
	  "control character). Write the statement on one line, without such characters."}},
	{{"De Nederlandse tekst is te lang: ten hoogste 160 tekens. Maak de stelling korter, met één "
	  "gedachte per stelling.",
	  "The Dutch text is too long: at most 160 characters. Make the statement shorter, with one "
	  "idea per statement."},
	 {"De Engelse tekst is te lang: ten hoogste 160 tekens. Maak de stelling korter, met één "
	  "gedachte per stelling.",
	  "The English text is too long: at most 160 characters. Make the statement shorter, with one "
	  "idea per statement."}},
	{{"De Nederlandse tekst heeft te veel woorden: ten hoogste 25. Maak de stelling korter.",
	  "The Dutch text has too many words: at most 25. Make the statement shorter."},
	 {"De Engelse tekst heeft te veel woorden: ten hoogste 25. Maak de stelling korter.",
	  "The English text has too many words: at most 25. Make the statement shorter."}},
	{{"De Nederlandse tekst heeft een dubbele ontkenning (twee woorden zoals niet, geen, nooit, "
	  "niemand, niets, nergens, zonder of noch). Wie het eens is, moet dan 'oneens' kiezen. "
	  "Schrijf de stelling positief, met hoogstens één ontkenning.",
	  "The Dutch text has a double negative (two words such as niet, geen, nooit, niemand, niets, "
	  "nergens, zonder or noch). Someone who agrees would then have to choose 'disagree'. Write "
	  "the statement positively, with at most one negation."},
	 {"De Engelse tekst heeft een dubbele ontkenning (twee woorden zoals not, no, never, nobody, "
	  "nothing, nowhere, without, neither, nor of een woord op n't). Wie het eens is, moet dan "
	  "'oneens' kiezen. Schrijf de stelling positief, met hoogstens één ontkenning.",
	  "The English text has a double negative (two words such as not, no, never, nobody, nothing, "
	  "nowhere, without, neither, nor or a word ending in n't). Someone who agrees would then have "
	  "to choose 'disagree'. Write the statement positively, with at most one negation."}},
};

const char *own_problem_message(own_problem p, bool text_en, bool reader_en)
{
	if (p <= OWN_OK || p > OWN_DOUBLE_NEGATIVE)
		return NULL;
	return messages[p - 1][text_en][reader_en];
}

const char *own_section_code(int section)
{
	if (section == OWN_EXTRA)
		return "extra";
	return section >= 0 && section < EL_COUNT ? element_code_str((element_code)section) : NULL;
}

int own_section_from_code(const char *code)
{
	if (code && strcmp(code, "extra") == 0)
		return OWN_EXTRA;
	return code ? element_from_code(code) : -1;
}
