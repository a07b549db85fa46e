/* scheduler.c - sending planned reminders from a thread of `serve`, and
 * the retention pass. */
#include "io/scheduler.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/metrics.h"
#include "base/periodic.h"
#include "base/util.h"
#include "domain/reminder.h"
#include "io/outbox.h"
#include "io/retention.h"

#define DUE_PER_PASS 20

struct scheduler {
	periodic *thread;
	store *st;
	const scheduler_config *cfg;
};

/* Claim the reminder and mint its links, in one transaction. *claimed
 * false: another server has it, or the round no longer takes answers
 * (then it is finished here with a note). */
static store_rc claim(store *st, arena *a, const scheduler_config *cfg, const round_reminder *rr,
		      int64_t now, mround *rd, outgoing **o, int *n, bool *claimed)
{
	store_rc rc = store_begin(st);
	if (rc == ST_OK)
		rc = store_reminder_claim(st, rr->id, now, claimed);
	if (rc == ST_OK && *claimed)
		rc = store_round_get(st, a, rr->round_id, rd);
	int64_t closes;
	if (rc == ST_OK && *claimed && parse_date(rd->closes_on, &closes) &&
	    !reminder_round_open(closes, rd->closed_early, now)) {
		*claimed = false;
		rc = store_reminder_finish(st, rr->id, now, 0, 0, "closed");
	} else if (rc == ST_OK && *claimed) {
		rc = outbox_mint_reminders(st, a, cfg->public_url, rd->id, o, n);
		if (rc == ST_OK)
			rc = store_audit(st, 0, rd->workplace_id, "reminders",
					 arena_printf(a, "round %lld: %d (planned, day %d)", (long long)rd->id,
						      *n, rr->day));
	}
	if (rc == ST_OK)
		return store_commit(st);
	store_rollback(st);
	return rc;
}

/* Record what came of a reminder, in a transaction of its own. */
static store_rc finish(store *st, int64_t id, int sent, int failed)
{
	store_rc rc = store_begin(st);
	if (rc == ST_OK)
		rc = store_reminder_finish(st, id, wp_now(), sent, failed, "");
	if (rc == ST_OK)
		return store_commit(st);
	store_rollback(st);
	return rc;
}

/* Send one due reminder, if this server gets it. */
static bool send_reminder(store *st, const scheduler_config *cfg, const mail_setup *ms,
			  const round_reminder *rr, int64_t now)
{
	arena *a = arena_new();
	mround rd;
	outgoing *o = NULL;
	int n = 0, sent = 0;
	bool claimed = false;
	mail_texts t = {0};
	store_rc rc = claim(st, a, cfg, rr, now, &rd, &o, &n, &claimed);
	if (rc == ST_OK && claimed) {
		/* claimed and committed: from here on it is never sent again */
		if (outbox_texts(st, a, &rd, TPL_REMINDER, &t) == ST_OK)
			sent = outbox_send(a, &ms->cfg, &t, &rd, o, n);
		else
			for (int i = 0; i < n; i++)
				o[i].error = "the text of the mail could not be read";
		rc = outbox_record(st, a, o, n, "reminder");
		metric_count(MC_REMINDERS_SENT, (uint64_t)sent);
		store_rc done = finish(st, rr->id, sent, n - sent);
		rc = rc == ST_OK ? done : rc;
		fprintf(stderr, "werkplaats: reminder of round %lld (day %d): %d sent, %d not\n",
			(long long)rd.id, rr->day, sent, n - sent);
	}
	if (rc != ST_OK)
		fprintf(stderr, "werkplaats: reminder %lld: %s\n", (long long)rr->id, store_errmsg(st));
	arena_free(a);
	return claimed;
}

int scheduler_pass(store *st, const scheduler_config *cfg, int64_t now)
{
	arena *a = arena_new();
	mail_setup ms;
	round_reminder *due = NULL;
	int n = 0, handled = 0;
	store_rc rc = outbox_setup(st, a, cfg->cli, cfg->key, &ms);
	if (rc == ST_OK && outbox_ready(&ms) && store_begin_read(st) == ST_OK) {
		rc = store_reminders_due(st, a, now, DUE_PER_PASS, &due, &n);
		store_rollback(st);
	}
	for (int i = 0; rc == ST_OK && i < n; i++)
		if (reminder_is_due(due[i].due_at, now))
			handled += send_reminder(st, cfg, &ms, &due[i], now);
	arena_free(a);
	return handled;
}

/* Each wake-up also deletes what is past its retention limit
 * (src/io/retention.h); a pass with nothing due is a few short statements. */
static void scheduler_once(void *arg)
{
	scheduler *s = arg;
	int64_t now = wp_now();
	scheduler_pass(s->st, s->cfg, now);
	retention_report rep;
	if (retention_pass(s->st, now, now / 86400, &rep) == ST_OK &&
	    (rep.rounds_answers || rep.rounds_comments || rep.rounds_addresses || rep.audit_entries))
		fprintf(stderr, "werkplaats: retention: raw answers of %d rounds, comments of %d, addresses of %d, "
				"%d audit log entries deleted\n",
			rep.rounds_answers, rep.rounds_comments, rep.rounds_addresses, rep.audit_entries);
}

scheduler *scheduler_start(store_pool *pool, const scheduler_config *cfg)
{
	scheduler *s = xcalloc(1, sizeof *s);
	s->st = store_pool_connect(pool);
	s->cfg = cfg;
	s->thread = periodic_start(scheduler_once, s, cfg->interval);
	return s;
}

void scheduler_stop(scheduler *s)
{
	if (!s)
		return;
	periodic_stop(s->thread);
	store_close(s->st);
	free(s);
}
