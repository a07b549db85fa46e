/* commit.c - group commit. Writers hand their work to one committer
 * thread, which runs everything that is waiting inside one transaction,
 * each piece in its own savepoint, and commits once (durably: SQLite runs
 * with synchronous=FULL). Each piece's `done` callback runs only after
 * that commit has finished, so nothing is acknowledged before it is on
 * disk, and one fsync serves many submissions. The callers do not wait:
 * the web server suspends the request's connection meanwhile, so every
 * request in flight (not one per server thread) can join the next batch.
 *
 * A second thread, on a connection of its own, copies the write-ahead log
 * back into the database (a checkpoint) every few commits, without
 * blocking the committer. The committer's own automatic checkpoint (every
 * 1000 log pages) then finds little left to copy; it stays because only a
 * checkpoint that ends between two of the writer's transactions lets the
 * next one start the log from the beginning again: with the background
 * thread alone the log grows without bound under a steady load.
 *
 * On PostgreSQL every statement is a round trip to another process, so a
 * request can come with its writes planned (store_commit_plan): the
 * statements of every plan in a batch go out in one pipeline, without
 * waiting for each answer, before the ordinary work of the batch. One
 * that fails (or touches another number of rows than planned) aborts the
 * rest of the pipeline: the transaction is rolled back, that plan is
 * taken out and the others are sent again; its request then runs as
 * ordinary work, in its savepoint, and answers what the situation is.
 * No savepoint per plan: each one that writes would cost PostgreSQL a
 * subtransaction, and a failure is rare (a token used twice at once, a
 * link's limit reached). */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>

#include "base/metrics.h"
#include "base/util.h"
#include "store/store_internal.h"

#define MAX_BATCH 64
#define CHECKPOINT_EVERY 16 /* commits; about SQLite's default of 1000 log pages under load */

struct work {
	store_work fn;
	void *arg;
	store_done done;
	void *done_arg;
	store_plan *plan; /* its writes planned (NULL: fn does the work) */
	bool applied;     /* the plan went through: fn does not run */
	store_rc own;     /* what fn returned */
	store_rc commit;  /* what the shared transaction did */
	struct work *next;
};

struct store_committer {
	pthread_mutex_t mu;
	pthread_cond_t more, checkpoint;
	pthread_t thread, checkpointer;
	struct work *head, *tail;
	int commits; /* since the last checkpoint */
	bool stop;
	bool pipelines; /* PostgreSQL: plans are sent in one pipeline */
	store *st, *ck;
	metric_hist batch_size, commit_us; /* per batch: pieces of work; begin to commit */
	_Atomic uint64_t failed;         /* batches whose commit failed */
	_Atomic uint64_t plans, fell_back; /* plans sent; plans that did not apply */
};

static const int64_t batch_bounds[] = {1, 2, 4, 8, 16, 32, 64};

/* fn in a savepoint of its own: its changes go when it fails. */
static bool run_one(store_committer *c, struct work *w)
{
	db *conn = c->st->c;
	db_result sp = db_run(db_prepare(conn, SQL("SAVEPOINT work")));
	if (sp != DB_DONE) {
		/* the work never ran; say why (a lost database is a 503, not a 500) */
		w->own = st_from_db(sp) == ST_OK ? ST_ERROR : st_from_db(sp);
		return false;
	}
	w->own = w->fn(c->st, w->arg);
	if (w->own != ST_OK)
		db_run(db_prepare(conn, SQL("ROLLBACK TO work")));
	db_run(db_prepare(conn, SQL("RELEASE work")));
	return w->own == ST_OK;
}

/* The calls of the batch's plans that have not failed, in one array;
 * owner[i]: the piece of work of call i. The calls marked last (rows that
 * every submission updates: the round's answers_version, the link's
 * counter) come after all the others, so that the batch holds their
 * locks, which another process's batch waits for, only for its end. */
static int gather_calls(struct work **batch, int n, db_call **calls, struct work ***owner)
{
	int total = 0, k = 0;
	for (int i = 0; i < n; i++)
		if (batch[i]->plan && !batch[i]->applied)
			total += store_plan_calls(batch[i]->plan);
	*calls = xmalloc((size_t)(total ? total : 1) * sizeof **calls);
	*owner = xmalloc((size_t)(total ? total : 1) * sizeof **owner);
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < n; i++) {
			if (!batch[i]->plan || batch[i]->applied)
				continue;
			int m;
			db_call *list = st_plan_list(batch[i]->plan, &m);
			for (int j = 0; j < m; j++) {
				if (list[j].last != (pass == 1))
					continue;
				(*calls)[k] = list[j];
				(*owner)[k++] = batch[i];
			}
		}
	}
	return total;
}

/* Send the plans (the transaction is open); a plan that does not apply is
 * freed, so that its work runs fn instead, and the others go again in a
 * new transaction. ST_OK with every remaining plan applied. */
static store_rc run_plans(store_committer *c, struct work **batch, int n)
{
	db *conn = c->st->c;
	for (;;) {
		db_call *calls;
		struct work **owner;
		int total = gather_calls(batch, n, &calls, &owner), failed = -1;
		db_result r = total ? db_pipeline(conn, calls, total, &failed) : DB_DONE;
		struct work *bad = failed >= 0 ? owner[failed] : NULL;
		free(calls);
		free(owner);
		if (r == DB_DONE) {
			for (int i = 0; i < n; i++)
				batch[i]->applied = batch[i]->plan != NULL;
			return ST_OK;
		}
		if (!bad) /* the connection, not a plan */
			return st_from_db(r);
		atomic_fetch_add(&c->fell_back, 1);
		store_plan_free(bad->plan);
		bad->plan = NULL;
		db_rollback(conn);
		store_rc rc = st_from_db(db_begin_write(conn));
		if (rc != ST_OK)
			return rc;
	}
}

static void run_batch(store_committer *c, struct work **batch, int n)
{
	int64_t start = wp_monotonic_us();
	db *conn = c->st->c;
	store_rc rc = st_from_db(db_begin_write(conn));
	if (rc == ST_OK)
		rc = run_plans(c, batch, n);
	bool any = false;
	for (int i = 0; i < n; i++) {
		if (rc != ST_OK)
			batch[i]->own = rc;
		else if (batch[i]->applied)
			any = true; /* own stays ST_OK */
		else
			any |= run_one(c, batch[i]);
	}
	if (rc == ST_OK)
		rc = any ? st_from_db(db_commit(conn)) : ST_OK;
	if (db_in_transaction(conn))
		db_rollback(conn);
	for (int i = 0; i < n; i++)
		batch[i]->commit = rc;
	metric_hist_add(&c->batch_size, n);
	metric_hist_add(&c->commit_us, wp_monotonic_us() - start);
	if (rc != ST_OK)
		atomic_fetch_add(&c->failed, 1);
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
		for (int i = 0; i < n; i++) {
			batch[i]->done(batch[i]->done_arg, batch[i]->own, batch[i]->commit);
			store_plan_free(batch[i]->plan);
			free(batch[i]);
		}
		pthread_mutex_lock(&c->mu);
		if (++c->commits >= CHECKPOINT_EVERY)
			pthread_cond_signal(&c->checkpoint);
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

static void *checkpointer_main(void *arg)
{
	store_committer *c = arg;
	pthread_mutex_lock(&c->mu);
	for (;;) {
		while (c->commits < CHECKPOINT_EVERY && !c->stop)
			pthread_cond_wait(&c->checkpoint, &c->mu);
		if (c->stop)
			break;
		c->commits = 0;
		pthread_mutex_unlock(&c->mu);
		db_checkpoint(c->ck->c); /* a reader in the way only delays it */
		pthread_mutex_lock(&c->mu);
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

store_committer *store_committer_start(store_pool *p)
{
	store_committer *c = xcalloc(1, sizeof *c);
	c->batch_size.bounds = batch_bounds;
	c->batch_size.n_bounds = (int)(sizeof batch_bounds / sizeof batch_bounds[0]);
	c->commit_us.bounds = metric_duration_bounds;
	c->commit_us.n_bounds = METRIC_DURATION_N;
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->more, NULL);
	pthread_cond_init(&c->checkpoint, NULL);
	c->st = store_pool_connect(p);
	c->ck = store_pool_connect(p);
	c->pipelines = db_backend(c->st->c) == DB_POSTGRES;
	/* Neither thread takes signals: a SIGTERM that reached one before the
	 * server sits in sigwait would end the process on the spot. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int rc = pthread_create(&c->thread, NULL, committer_main, c);
	if (rc == 0)
		rc = pthread_create(&c->checkpointer, NULL, checkpointer_main, c);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		die("cannot start the committer threads");
	return c;
}

void store_committer_stop(store_committer *c)
{
	if (!c)
		return;
	pthread_mutex_lock(&c->mu);
	c->stop = true;
	pthread_cond_signal(&c->more);
	pthread_cond_signal(&c->checkpoint);
	pthread_mutex_unlock(&c->mu);
	pthread_join(c->thread, NULL);
	pthread_join(c->checkpointer, NULL);
	db_checkpoint(c->ck->c);
	store_close(c->st);
	store_close(c->ck);
	pthread_mutex_destroy(&c->mu);
	pthread_cond_destroy(&c->more);
	pthread_cond_destroy(&c->checkpoint);
	free(c);
}

static void enqueue(store_committer *c, struct work *w)
{
	pthread_mutex_lock(&c->mu);
	if (c->tail)
		c->tail->next = w;
	else
		c->head = w;
	c->tail = w;
	pthread_cond_signal(&c->more);
	pthread_mutex_unlock(&c->mu);
}

void store_commit_async(store_committer *c, store_work fn, void *arg, store_done done, void *done_arg)
{
	struct work *w = xcalloc(1, sizeof *w);
	*w = (struct work){.fn = fn, .arg = arg, .done = done, .done_arg = done_arg};
	enqueue(c, w);
}

void store_commit_plan(store_committer *c, store_plan *p, store_work fallback, void *arg,
		       store_done done, void *done_arg)
{
	struct work *w = xcalloc(1, sizeof *w);
	*w = (struct work){.fn = fallback, .arg = arg, .done = done, .done_arg = done_arg, .plan = p};
	atomic_fetch_add(&c->plans, 1);
	enqueue(c, w);
}

bool store_committer_pipelines(const store_committer *c)
{
	return c && c->pipelines;
}

void store_committer_metrics(store_committer *c, buf *out)
{
	buf_puts(out, "# HELP werkplaats_commit_batch_size Pieces of work (requests) per group commit.\n"
		      "# TYPE werkplaats_commit_batch_size histogram\n");
	metric_hist_write(out, "werkplaats_commit_batch_size", "", &c->batch_size, 1);
	buf_puts(out, "# HELP werkplaats_commit_duration_seconds From the start of a group commit to its durable end.\n"
		      "# TYPE werkplaats_commit_duration_seconds histogram\n");
	metric_hist_write(out, "werkplaats_commit_duration_seconds", "", &c->commit_us, 1e-6);
	buf_printf(out, "# HELP werkplaats_commit_failures_total Group commits that did not commit.\n"
			"# TYPE werkplaats_commit_failures_total counter\nwerkplaats_commit_failures_total %llu\n",
		   (unsigned long long)atomic_load(&c->failed));
	buf_printf(out, "# HELP werkplaats_commit_plans_total Requests whose writes were planned and sent in a pipeline.\n"
			"# TYPE werkplaats_commit_plans_total counter\nwerkplaats_commit_plans_total %llu\n"
			"# HELP werkplaats_commit_plans_fell_back_total Planned requests run again as ordinary work.\n"
			"# TYPE werkplaats_commit_plans_fell_back_total counter\nwerkplaats_commit_plans_fell_back_total %llu\n",
		   (unsigned long long)atomic_load(&c->plans), (unsigned long long)atomic_load(&c->fell_back));
}

/* ---- a ping through the committer, for the health check ---- */

struct ping {
	pthread_mutex_t mu;
	pthread_cond_t done;
	bool finished;
	store_rc rc;
	int refs; /* the waiter and the committer: the last one frees it */
};

static store_rc ping_work(store *st, void *arg)
{
	(void)st;
	(void)arg;
	return ST_OK;
}

static void ping_release(struct ping *p)
{
	bool last = --p->refs == 0;
	pthread_mutex_unlock(&p->mu);
	if (last) {
		pthread_mutex_destroy(&p->mu);
		pthread_cond_destroy(&p->done);
		free(p);
	}
}

static void ping_done(void *arg, store_rc own, store_rc commit)
{
	struct ping *p = arg;
	pthread_mutex_lock(&p->mu);
	p->finished = true;
	p->rc = own != ST_OK ? own : commit;
	pthread_cond_signal(&p->done);
	ping_release(p);
}

store_rc store_committer_ping(store_committer *c, int timeout_ms)
{
	struct ping *p = xcalloc(1, sizeof *p);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->done, NULL);
	p->refs = 2;
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += timeout_ms / 1000;
	until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	store_commit_async(c, ping_work, NULL, ping_done, p);
	pthread_mutex_lock(&p->mu);
	while (!p->finished)
		if (pthread_cond_timedwait(&p->done, &p->mu, &until) != 0)
			break;
	store_rc rc = p->finished ? p->rc : ST_BUSY;
	ping_release(p);
	return rc;
}
