/* server.h - run the web server until SIGINT or SIGTERM. */
#ifndef WP_SERVER_H
#define WP_SERVER_H

#include <stdbool.h>

struct app;

/* Block SIGINT and SIGTERM in the calling thread and in every thread it
 * starts from now on: they are for server_run's sigwait. Call it before
 * starting any thread. */
void server_block_signals(void);

/* Serve until a signal; returns the process exit code. When announce is
 * true the address and announce_text are printed on stdout once the
 * socket listens. */
int server_run(struct app *a, bool announce, const char *announce_text);

#endif
