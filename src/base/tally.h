/* tally.h - identical texts counted: what a list of free texts says, each
 * distinct text once with how often it was written. */
#ifndef WP_TALLY_H
#define WP_TALLY_H

typedef struct {
	const char *text;  /* as in the input (not copied) */
	int count;         /* how many of the input are this text, byte for byte */
	int first;         /* index of its first occurrence in the input */
} tally_entry;

/* Group texts[0..n) by identical text into out (room for n entries, the
 * caller's): one entry per distinct text, the most frequent first, equal
 * counts in the order of their first occurrence. Returns the number of
 * entries. Sorts; allocates nothing. */
int tally_texts(const char *const *texts, int n, tally_entry *out);

#endif
