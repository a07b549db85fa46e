/* commit.c - group commit. Writers hand their work to one committer
 * thread, which runs everything that is waiting inside one transaction,
 * each piece in its own savepoint, and commits once (durably: SQLite runs
 * with synchronous=FULL). Every caller waits until that commit has
 * finished, so nothing is acknowledged before it is on disk, and one fsync
 * serves many submissions. */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>

#include "base/util.h"
#include "store/store_internal.h"

#define MAX_BATCH 64

struct work {
	store_work fn;
	void *arg;
	store_rc own;    /* what fn returned */
	store_rc commit; /* what the shared transaction did */
	bool done;
	struct work *next;
};

struct store_committer {
	pthread_mutex_t mu;
	pthread_cond_t more, finished;
	pthread_t thread;
	struct work *head, *tail;
	bool stop;
	store *st;
};

static void run_batch(store_committer *c, struct work **batch, int n)
{
	db *conn = c->st->c;
	db_result begin = db_begin_write(conn);
	store_rc rc = st_from_db(begin);
	bool any = false;
	for (int i = 0; i < n; i++) {
		struct work *w = batch[i];
		if (rc != ST_OK) {
			w->own = rc;
			continue;
		}
		db_result sp = db_exec_script(conn, "SAVEPOINT work");
		if (sp != DB_DONE) {
			/* the work never ran: its caller must not answer as if it had */
			w->own = st_from_db(sp) == ST_OK ? ST_ERROR : st_from_db(sp);
			continue;
		}
		w->own = w->fn(c->st, w->arg);
		if (w->own == ST_OK) {
			db_exec_script(conn, "RELEASE work");
			any = true;
		} else {
			db_exec_script(conn, "ROLLBACK TO work");
			db_exec_script(conn, "RELEASE work");
		}
	}
	if (rc == ST_OK)
		rc = any ? st_from_db(db_commit(conn)) : ST_OK;
	if (db_in_transaction(conn))
		db_rollback(conn);
	for (int i = 0; i < n; i++)
		batch[i]->commit = rc;
}

static void *committer_main(void *arg)
{
	store_committer *c = arg;
	struct work *batch[MAX_BATCH];
	pthread_mutex_lock(&c->mu);
	for (;;) {
		while (!c->head && !c->stop)
			pthread_cond_wait(&c->more, &c->mu);
		if (!c->head && c->stop)
			break;
		int n = 0;
		while (c->head && n < MAX_BATCH) {
			batch[n++] = c->head;
			c->head = c->head->next;
		}
		if (!c->head)
			c->tail = NULL;
		pthread_mutex_unlock(&c->mu);
		run_batch(c, batch, n);
		pthread_mutex_lock(&c->mu);
		for (int i = 0; i < n; i++)
			batch[i]->done = true;
		pthread_cond_broadcast(&c->finished);
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

store_committer *store_committer_start(store_pool *p)
{
	store_committer *c = xcalloc(1, sizeof *c);
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->more, NULL);
	pthread_cond_init(&c->finished, NULL);
	c->st = store_pool_connect(p);
	/* The committer takes no signals: a SIGTERM that reached it before the
	 * server sits in sigwait would end the process on the spot. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int rc = pthread_create(&c->thread, NULL, committer_main, c);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		die("cannot start the committer thread");
	return c;
}

void store_committer_stop(store_committer *c)
{
	if (!c)
		return;
	pthread_mutex_lock(&c->mu);
	c->stop = true;
	pthread_cond_signal(&c->more);
	pthread_mutex_unlock(&c->mu);
	pthread_join(c->thread, NULL);
	store_close(c->st);
	pthread_mutex_destroy(&c->mu);
	pthread_cond_destroy(&c->more);
	pthread_cond_destroy(&c->finished);
	free(c);
}

store_rc store_commit_work(store_committer *c, store_work fn, void *arg, store_rc *own)
{
	struct work w = {.fn = fn, .arg = arg};
	pthread_mutex_lock(&c->mu);
	if (c->tail)
		c->tail->next = &w;
	else
		c->head = &w;
	c->tail = &w;
	pthread_cond_signal(&c->more);
	while (!w.done)
		pthread_cond_wait(&c->finished, &c->mu);
	pthread_mutex_unlock(&c->mu);
	*own = w.own;
	return w.commit;
}
