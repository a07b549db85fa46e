#include "easy.h"

#include <stdbool.h>
#include <string.h>

static const pictogram pictograms[] = {
	{"better", "Een lijn die omhoog gaat", "A line going up"},
	{"change", "Twee pijlen in een cirkel", "Two arrows in a circle"},
	{"contact", "Twee ringen die in elkaar grijpen", "Two linked rings"},
	{"decide", "Een wegwijzer met twee kanten", "A signpost pointing two ways"},
	{"equal", "Twee mensen met een is-teken", "Two people with an equals sign"},
	{"give", "Een cadeau", "A present"},
	{"goal", "Een doelwit", "A target"},
	{"grow", "Een plantje dat groeit", "A growing plant"},
	{"idea", "Een lamp: een idee", "A light bulb: an idea"},
	{"lead", "Twee mensen met een vlag", "Two people with a flag"},
	{"learn", "Een open boek", "An open book"},
	{"look", "Een oog", "An eye"},
	{"new", "Een ster", "A star"},
	{"own", "Een sleutel", "A key"},
	{"people", "Drie mensen", "Three people"},
	{"place", "Een huis", "A house"},
	{"question", "Een vergrootglas met een vraagteken", "A magnifying glass with a question mark"},
	{"role", "Een persoon met een ster", "A person with a star"},
	{"school", "Een afstudeerhoed", "A graduation cap"},
	{"talk", "Twee tekstballonnen", "Two speech bubbles"},
	{"time", "Een klok", "A clock"},
	{"together", "Twee mensen naast elkaar", "Two people side by side"},
	{"trust", "Een hart", "A heart"},
	{"try", "Een proefbuis", "A test flask"},
	{"write", "Een blad papier met tekst", "A sheet of paper with writing"},
};

const pictogram *pictogram_all(size_t *n)
{
	*n = sizeof pictograms / sizeof pictograms[0];
	return pictograms;
}

const pictogram *pictogram_find(const char *name)
{
	for (size_t i = 0; i < sizeof pictograms / sizeof pictograms[0]; i++)
		if (strcmp(pictograms[i].name, name) == 0)
			return &pictograms[i];
	return NULL;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Does the character at s make a run of characters a word? ASCII letters
 * and digits do, and so does a character beyond ASCII (letters such as ë),
 * except the general punctuation of U+2000..U+207F (dashes, quotes,
 * ellipsis: UTF-8 E2 80 xx and E2 81 xx). *len receives its length. */
static bool is_wordish(const unsigned char *s, size_t *len)
{
	*len = 1;
	if (s[0] == 0xe2 && (s[1] == 0x80 || s[1] == 0x81) && s[2]) {
		*len = 3;
		return false;
	}
	return (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') ||
	       (s[0] >= '0' && s[0] <= '9') || s[0] >= 0x80;
}

/* Does the word s[0..n) end its sentence? */
static bool ends_sentence(const char *s, size_t n)
{
	while (n > 0 && strchr("'\")]", s[n - 1]))
		n--;
	return n > 0 && strchr(".?!", s[n - 1]);
}

size_t easy_longest_sentence(const char *text)
{
	size_t longest = 0, words = 0;
	const char *p = text;
	while (*p) {
		while (is_space(*p))
			p++;
		const char *start = p;
		bool wordish = false;
		while (*p && !is_space(*p)) {
			size_t len;
			wordish |= is_wordish((const unsigned char *)p, &len);
			p += len;
		}
		if (p == start)
			break;
		words += wordish;
		if (ends_sentence(start, (size_t)(p - start))) {
			longest = words > longest ? words : longest;
			words = 0;
		}
	}
	return words > longest ? words : longest;
}
