/* scheduler.h - the thread of `serve` that sends the reminders planned
 * for rounds (src/domain/reminder.h) when their time comes. It wakes at
 * start and then every `interval` seconds, claims each due reminder in
 * the transaction that mints its links (store_reminder_claim: of several
 * servers on one database exactly one sends it), commits, sends the
 * mails, and records how many went out and how many failed. All its
 * state is in the store: a server that stops with reminders due sends
 * them when it starts again; one that stops while sending leaves that
 * reminder started and unfinished, and it is not sent again (at most
 * once). Without mail settings nothing is claimed: the reminders wait. */
#ifndef WP_SCHEDULER_H
#define WP_SCHEDULER_H

#include <stdbool.h>

#include "io/mail.h"
#include "store/store.h"

#define SCHEDULER_INTERVAL_DEFAULT 60

typedef struct {
	const char *public_url;
	const mail_config *cli;   /* mail from the command line, or NULL */
	const unsigned char *key; /* the key file's key, or NULL */
	int interval;             /* seconds between passes */
} scheduler_config;

typedef struct scheduler scheduler;

/* Start the thread on a connection of its own (store_pool_connect); the
 * config must outlive it. */
scheduler *scheduler_start(store_pool *pool, const scheduler_config *cfg);
void scheduler_stop(scheduler *s);

/* One pass at `now`: send every due reminder; returns how many reminders
 * it handled (for tests). */
int scheduler_pass(store *st, const scheduler_config *cfg, int64_t now);

#endif
