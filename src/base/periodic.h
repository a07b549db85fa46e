/* periodic.h - a thread that does one thing at once and then every so
 * many seconds until it is stopped (scheduled backups, reminders). It
 * takes no signals: SIGTERM and SIGINT belong to the server's sigwait,
 * and a thread with them unblocked would let the default action kill the
 * process. */
#ifndef WP_PERIODIC_H
#define WP_PERIODIC_H

#include <stdint.h>

typedef struct periodic periodic;

/* Start a thread that calls fn(arg) now and then every `seconds`
 * seconds. Dies when no thread can be made. */
periodic *periodic_start(void (*fn)(void *), void *arg, int64_t seconds);
/* Stop it: wakes it from its wait, or waits for the running fn to
 * return; then frees it. NULL is fine. */
void periodic_stop(periodic *p);

#endif
