/* easy.h - easy-read (eenvoudige taal, about CEFR level A2): the texts an
 * instrument may carry beside its normal ones for citizens and clients.
 * Pure: the pictogram table is data; the pictures themselves are assets
 * (assets/picto-NAME.svg) of the web layer. */
#ifndef WP_EASY_H
#define WP_EASY_H

#include <stddef.h>

#define EASY_SENTENCE_WORDS_MAX 12 /* words in one sentence of an easy-read text */

/* A picture that supports an easy-read statement. */
typedef struct {
	const char *name;          /* as in the instrument's "pictogram"; [a-z]+ */
	const char *alt_nl, *alt_en; /* what it shows, for a screen reader */
} pictogram;

/* The pictogram with this name, or NULL. */
const pictogram *pictogram_find(const char *name);

/* Every pictogram; *n receives the count. */
const pictogram *pictogram_all(size_t *n);

/* The number of words in the longest sentence of text. A sentence ends
 * after a word that ends in '.', '?' or '!' (closing quotes and brackets
 * after it allowed); a word is a run of non-space characters holding at
 * least one letter or digit. */
size_t easy_longest_sentence(const char *text);

#endif
