/* server.h - run the web server until SIGINT or SIGTERM. */
#ifndef WP_SERVER_H
#define WP_SERVER_H

#include <stdbool.h>

#include <signal.h>

struct app;

/* Block SIGINT and SIGTERM in the calling thread, so that every thread
 * started after it inherits the mask and the signals reach server_run's
 * sigwait. Call it before starting any thread. */
void server_block_signals(sigset_t *set);

/* Serve until a signal; returns the process exit code. When announce is
 * true the address and announce_text are printed on stdout once the
 * socket listens. */
int server_run(struct app *a, bool announce, const char *announce_text);

#endif
