#include "io/retention.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "figures/figures.h"
#include "figures/snapshot.h"

/* The snapshot of a round's released figures as JSON (arena memory), or
 * NULL when they cannot be computed or the round has not closed. */
static const char *snapshot_of(store *st, arena *a, const mround *rd)
{
	char *def;
	item_row *items;
	int n_items;
	if (store_instrument_definition(st, a, rd->version_id, &def) != ST_OK ||
	    store_items(st, a, rd->version_id, &items, &n_items) != ST_OK)
		return NULL;
	instrument *in = instrument_parse(def, strlen(def), NULL);
	if (!in)
		return NULL;
	round_figures f;
	snapshot_tallies t = {0};
	const char *err = NULL, *json = NULL;
	if (figures_load(st, a, rd, in, figures_item_ids(a, in, items, n_items), &f, &err) == ST_OK) {
		t.submitted = f.submitted;
		if (f.released && store_round_counts(st, rd->id, t.counts, &t.in_progress) == ST_OK &&
		    store_round_triggers(st, rd->id, t.triggers) == ST_OK) {
			char *text = snapshot_encode(f.res, &t);
			json = arena_strdup(a, text);
			free(text);
		}
		figures_done(&f);
	}
	instrument_free(in);
	return json;
}

static store_rc audit_count(store *st, arena *a, const mround *rd, const char *what, int n)
{
	return store_audit(st, 0, rd->workplace_id, what, arena_printf(a, "round %lld: %d", (long long)rd->id, n));
}

/* Keep the figures, then delete the raw answers (comments with them). */
static store_rc delete_answers(store *st, arena *a, const mround *rd, int64_t now, retention_report *out)
{
	const char *json = snapshot_of(st, a, rd);
	if (!json)
		return ST_ERROR;
	int n;
	store_rc rc = store_round_snapshot_put(st, rd->id, now, json);
	if (rc == ST_OK)
		rc = store_round_delete_answers(st, rd->id, now, &n);
	if (rc == ST_OK)
		rc = audit_count(st, a, rd, "answers deleted (retention)", n);
	if (rc == ST_OK) {
		out->rounds_answers++;
		out->responses += n;
	}
	return rc;
}

typedef store_rc (*delete_fn)(store *st, int64_t round_id, int64_t now, int *deleted);

/* Delete a round's comments or addresses, say so in the audit log, and
 * count the round and the rows. */
static store_rc delete_rows(store *st, arena *a, const mround *rd, int64_t now, delete_fn fn, const char *what,
			    int *rounds, int *rows)
{
	int n;
	store_rc rc = fn(st, rd->id, now, &n);
	if (rc == ST_OK)
		rc = audit_count(st, a, rd, what, n);
	if (rc == ST_OK) {
		(*rounds)++;
		*rows += n;
	}
	return rc;
}

/* What of one round is past its limits goes, in one transaction. */
static store_rc round_pass(store *st, arena *a, const retention_round *rr, const retention_policy *site,
			   int64_t now, int64_t today, retention_report *out)
{
	retention_policy eff = retention_effective(site, &rr->own);
	int64_t closed;
	if (!parse_date(rr->closes_on, &closed))
		return ST_ERROR;
	bool answers = rr->answers_kept && retention_past(closed, eff.days[RET_ANSWERS], today);
	bool comments = !answers && rr->comments_kept && retention_past(closed, eff.days[RET_COMMENTS], today);
	bool addresses = rr->addresses_kept && retention_past(closed, eff.days[RET_ADDRESSES], today);
	if (!answers && !comments && !addresses)
		return ST_OK;
	mround rd;
	store_rc rc = store_begin(st);
	if (rc == ST_OK)
		rc = store_round_get(st, a, rr->round_id, &rd);
	/* by the real clock: its figures must have been released */
	if (rc == ST_OK && round_state_of(&rd) != ROUND_CLOSED) {
		store_rollback(st);
		return ST_OK;
	}
	if (rc == ST_OK && answers)
		rc = delete_answers(st, a, &rd, now, out);
	if (rc == ST_OK && comments)
		rc = delete_rows(st, a, &rd, now, store_round_delete_comments, "comments deleted (retention)",
				 &out->rounds_comments, &out->comments);
	if (rc == ST_OK && addresses)
		rc = delete_rows(st, a, &rd, now, store_round_delete_addresses, "addresses deleted (retention)",
				 &out->rounds_addresses, &out->addresses);
	if (rc == ST_OK)
		return store_commit(st);
	store_rollback(st);
	return rc;
}

/* Entries of one workplace's log (0: the site's own) past `days`. */
static store_rc audit_of(store *st, arena *a, int64_t workplace_id, int days, int64_t today,
			 retention_report *out)
{
	if (days <= 0)
		return ST_OK;
	int n;
	int64_t before = retention_cutoff(days, today);
	store_rc rc = store_audit_delete_before(st, workplace_id, before, &n);
	if (rc == ST_OK && n > 0) {
		char day[11];
		format_date(before / 86400, day);
		rc = store_audit(st, 0, workplace_id, "audit log deleted (retention)",
				 arena_printf(a, "%d before %s", n, day));
		out->audit_entries += n;
	}
	return rc;
}

/* A login throttle counter older than this is of no use (the windows are
 * 15 minutes, src/web/app.h). */
#define EXPIRED_THROTTLE (24 * 3600)

/* The audit log past its limits, and what has expired anyway (sessions,
 * one-time links, throttle counters), in one transaction. */
static store_rc audit_pass(store *st, arena *a, const retention_policy *site, int64_t now, int64_t today,
			   retention_report *out)
{
	retention_workplace *ws;
	int n;
	store_rc rc = store_begin(st);
	if (rc == ST_OK)
		rc = store_retention_workplaces(st, a, &ws, &n);
	if (rc == ST_OK)
		rc = store_expired_delete(st, now, now - EXPIRED_THROTTLE, &out->expired);
	if (rc == ST_OK)
		rc = audit_of(st, a, 0, site->days[RET_AUDIT], today, out);
	for (int i = 0; rc == ST_OK && i < n; i++)
		rc = audit_of(st, a, ws[i].workplace_id, retention_effective(site, &ws[i].own).days[RET_AUDIT],
			      today, out);
	if (rc == ST_OK)
		return store_commit(st);
	store_rollback(st);
	return rc;
}

store_rc retention_pass(store *st, int64_t now, int64_t today, retention_report *out)
{
	arena *a = arena_new();
	retention_policy site;
	retention_round *rs = NULL;
	int n = 0;
	memset(out, 0, sizeof *out);
	store_rc rc = store_begin_read(st);
	if (rc == ST_OK) {
		rc = store_retention_site(st, &site);
		if (rc == ST_OK)
			rc = store_retention_rounds(st, a, &rs, &n);
		store_rollback(st);
	}
	for (int i = 0; rc == ST_OK && i < n; i++)
		if (round_pass(st, a, &rs[i], &site, now, today, out) != ST_OK) {
			fprintf(stderr, "werkplaats: retention of round %lld: %s\n", (long long)rs[i].round_id,
				store_errmsg(st));
			out->failed++;
		}
	if (rc == ST_OK && audit_pass(st, a, &site, now, today, out) != ST_OK) {
		fprintf(stderr, "werkplaats: retention of the audit log: %s\n", store_errmsg(st));
		out->failed++;
	}
	arena_free(a);
	return rc;
}
