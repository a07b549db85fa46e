/* server.h - run the web server until SIGINT or SIGTERM. */
#ifndef WP_SERVER_H
#define WP_SERVER_H

#include <stdbool.h>

struct app;

/* Serve until a signal; returns the process exit code. When announce is
 * true the address and announce_text are printed on stdout once the
 * socket listens. */
int server_run(struct app *a, bool announce, const char *announce_text);

#endif
