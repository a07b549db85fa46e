/* demo.h - the demo instance: three workplaces from care, education and
 * social work, with partners, members, rounds, actions and outcomes, and
 * two smaller ones with one round each (five workplaces with results, so
 * the benchmark shows).
 * Deterministic: the same program makes the same demo. */
#ifndef WP_DEMO_H
#define WP_DEMO_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

#define DEMO_PASSWORD "werkplaats-demo"

/* Rounds with synthetic respondents, actions and outcomes for the demo's
 * workplaces (demo_rounds.c), inside the caller's transaction. */
int demo_fill_rounds(store *st, const int64_t *wp_ids, int n_wp, int64_t coordinator_id);

/* Goals, triggers, the nine characteristics and realist notes of the
 * demo's workplaces (demo_profile.c), after demo_fill_rounds. */
int demo_fill_profiles(store *st, const int64_t *wp_ids, int n_wp, int64_t coordinator_id);

/* Practice questions, activities, contributors and products of the
 * demo's first three workplaces (demo_practice.c), after
 * demo_fill_rounds (its products are outcomes of the register). */
int demo_fill_practice(store *st, const int64_t *wp_ids, int n_wp);

/* The first coordinator of a workplace, or fallback (demo_profile.c). */
int64_t demo_coordinator_of(store *st, arena *a, int64_t wid, int64_t fallback);

/* True when the database was made by `werkplaats demo`. */
bool demo_present(store *st);
/* The demo logins, for printing. */
const char *demo_login_text(void);

#endif
