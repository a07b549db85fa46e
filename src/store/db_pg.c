/* db_pg.c - the PostgreSQL backend of db.h, through libpq.
 *
 * Statements: the `?` of the literal is rewritten as $1..$n once, when the
 * statement is first used on a connection; a cached statement is prepared
 * once per connection (PQprepare under a generated name), a temporary one
 * runs unnamed (PQexecParams). Parameters travel as text and PostgreSQL
 * infers their types from the statement; results come back as text, read
 * whole (PQexecPrepared), so several statements can be stepped at once as
 * with SQLite.
 *
 * Statement-level atomicity: in SQLite a statement that fails inside a
 * transaction fails alone; in PostgreSQL it aborts the whole transaction.
 * The application relies on the SQLite behaviour (a duplicate e-mail
 * address is reported on a page that is then read in the same
 * transaction), so inside a transaction every statement runs between
 * SAVEPOINT and RELEASE, sent in one pipeline: one round trip, as without
 * the savepoint. On failure the driver rolls back to the savepoint. The
 * caller's own SAVEPOINT, RELEASE and ROLLBACK run bare: inside the
 * driver's savepoint a savepoint would die with it (releasing a savepoint
 * releases every later one), so the committer's ROLLBACK TO of a failed
 * request found nothing to roll back to, and kept that request's writes.
 *
 * Connection loss: any failure with the connection gone (or SQLSTATE class
 * 08 and the 57P0x shutdown codes) marks the connection broken; from then
 * on every call answers DB_BUSY until a new connection is open. The driver
 * opens one by itself (at most once a second) where that is safe: when a
 * transaction begins, or for a statement outside a transaction. Inside a
 * transaction that the lost connection was running it never does: the
 * caller gets DB_BUSY until it rolls back, so no part of a transaction can
 * end up committed on its own. db_reconnect (the pool calls it when it
 * hands a connection out) does the same on request.
 *
 * Failover (docs/deployment.md): with several hosts in the target, every
 * connection asks libpq for target_session_attrs=read-write (a read-only
 * one unless the target says otherwise), so a new connection finds the
 * primary wherever it is now. A write connection that still
 * ends up on a hot standby (SQLSTATE 25006 while the server reports
 * in_hot_standby; a connection pooler in between, say) counts as lost. A
 * read-only connection that finds no primary settles for any server that
 * answers, a standby included, so pages keep being read while writes
 * answer 503; at each read transaction after that it looks for the
 * primary again (at most once a second) and moves there when one answers,
 * or stays where it is once the standby it reads from has been promoted. */
#include "store/db_internal.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"

struct pg_stmt {
	db_stmt base;
	char *text; /* the SQL with $1..$n */
	int nparams;
	unsigned prepared_gen; /* connection generation it was prepared in; 0 none */
	char name[24];
	char **values;
	bool *owned;
	char (*ibuf)[32];
	PGresult *res;
	int row, nrows;
	bool executed;
	bool tx_control; /* SAVEPOINT, RELEASE or ROLLBACK: never wrapped */
};

struct pg_db {
	struct db base;
	PGconn *conn; /* NULL while not connected */
	char *target;
	unsigned gen; /* counts connections: prepared statements die with one */
	unsigned next_name;
	bool broken;
	bool tx_open; /* a transaction was begun and not yet ended by us */
	bool standby; /* read-only, on a standby: no primary answered when it opened */
	int64_t changes;
	int64_t last_attempt_us;
	char errmsg[512];
};

#define PG(c) ((struct pg_db *)(c))
#define PS(s) ((struct pg_stmt *)(s))

/* ---- placeholders ---- */

char *db_pg_placeholders(const char *sql, int *count)
{
	size_t q = 0, len = strlen(sql);
	for (const char *p = sql; *p; p++)
		q += *p == '?';
	char *out = xmalloc(len + q * 6 + 1); /* "?" -> "$99999" at most */
	char *o = out;
	int n = 0;
	for (const char *p = sql; *p;) {
		if (*p == '\'' || *p == '"') { /* a literal or a quoted name ('' and "" stay inside) */
			char quote = *p;
			*o++ = *p++;
			while (*p && *p != quote)
				*o++ = *p++;
			if (*p)
				*o++ = *p++;
		} else if (p[0] == '-' && p[1] == '-') {
			while (*p && *p != '\n')
				*o++ = *p++;
		} else if (p[0] == '/' && p[1] == '*') {
			const char *end = strstr(p + 2, "*/");
			size_t l = end ? (size_t)(end + 2 - p) : strlen(p);
			memcpy(o, p, l);
			o += l;
			p += l;
		} else if (*p == '?') {
			o += snprintf(o, 8, "$%d", ++n); /* room: counted above */
			p++;
		} else {
			*o++ = *p++;
		}
	}
	*o = 0;
	*count = n;
	return out;
}

/* ---- errors ---- */

static void set_msg(struct pg_db *c, const char *what, const char *detail)
{
	snprintf(c->errmsg, sizeof c->errmsg, "%s%s%s", what, detail && *detail ? ": " : "",
		 detail ? detail : "");
	size_t l = strlen(c->errmsg);
	while (l > 0 && (c->errmsg[l - 1] == '\n' || c->errmsg[l - 1] == ' '))
		c->errmsg[--l] = 0;
}

static bool state_is(const char *state, const char *prefix)
{
	return state && strncmp(state, prefix, strlen(prefix)) == 0;
}

/* Is the server behind k a hot standby? PostgreSQL 14 and later say so
 * (and say when it has been promoted); an older one does not. */
static bool on_standby(PGconn *k)
{
	const char *v = k ? PQparameterStatus(k, "in_hot_standby") : NULL;
	return v && strcmp(v, "on") == 0;
}

static bool promoted(PGconn *k)
{
	const char *v = k ? PQparameterStatus(k, "in_hot_standby") : NULL;
	return v && strcmp(v, "off") == 0;
}

/* Map a failed result (or NULL: nothing came back) to a db_result, keep
 * the message, and notice a lost connection. */
static db_result pg_fail(struct pg_db *c, const PGresult *res, const char *sql)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res && *PQresultErrorMessage(res) ? PQresultErrorMessage(res)
							     : PQerrorMessage(c->conn);
	set_msg(c, "postgresql", msg);
	if (!c->conn || PQstatus(c->conn) == CONNECTION_BAD || state_is(state, "08") ||
	    state_is(state, "57P0") || (!res && !state) ||
	    (state_is(state, "25006") && !c->base.readonly && on_standby(c->conn))) {
		c->broken = true;
		set_msg(c, "the database connection is lost (reconnecting)", msg);
		return DB_BUSY;
	}
	if (state_is(state, "23"))
		return DB_CONSTRAINT;
	if (state_is(state, "40001") || state_is(state, "40P01") || state_is(state, "55P03") ||
	    state_is(state, "53") || state_is(state, "57014"))
		return DB_BUSY;
	if (state_is(state, "42") && sql) /* the statement itself is wrong: say which */
		fprintf(stderr, "werkplaats: SQL the database refuses (%s): %s  %s\n", state, c->errmsg,
			sql);
	return DB_ERROR;
}

static db_result lost(struct pg_db *c)
{
	if (!strstr(c->errmsg, "connection"))
		set_msg(c, "the database connection is lost (reconnecting)", NULL);
	return DB_BUSY;
}

/* ---- connections ---- */

static void notice_quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message; /* NOTICEs (e.g. "relation exists, skipping") are not news */
}

/* Does the target list more than one server (host=a,b or
 * postgresql://a,b/...; PGHOST when it names none)? */
static bool several_hosts(const char *target)
{
	PQconninfoOption *opts = PQconninfoParse(target, NULL);
	const char *hosts = NULL;
	for (PQconninfoOption *o = opts; o && o->keyword; o++)
		if ((strcmp(o->keyword, "host") == 0 || strcmp(o->keyword, "hostaddr") == 0) && o->val &&
		    *o->val && !hosts)
			hosts = o->val;
	if (!hosts)
		hosts = getenv("PGHOST");
	bool several = hosts && strchr(hosts, ',');
	PQconninfoFree(opts);
	return several;
}

/* Which of the target's servers: a write connection always asks for one
 * that takes writes (target_session_attrs=read-write, whatever the target
 * says: on a standby it could do nothing); with several servers, a
 * read-only one by default too, so that it sees what was just written
 * (the target may say otherwise), and with any_server (no primary
 * answered) any that answers. A read-only connection to one server takes
 * what it is (a standby, say, for `check` on a replica). */
static PGconn *pg_connect(const char *target, bool readonly, bool any_server, bool scope_closed,
			  char **err)
{
	/* defaults first: the target (expanded as a connection string)
	 * overrides them, and what follows it overrides the target. A server
	 * that vanishes without closing the connection (a partition, a
	 * machine gone) is noticed within about a minute instead of the
	 * kernel's two hours. */
	bool force = !readonly || any_server;
	const char *dflt = readonly && !several_hosts(target) ? "any" : "read-write";
	const char *const keys[] = {"connect_timeout", "application_name", "keepalives_idle",
				    "keepalives_interval", "keepalives_count", "tcp_user_timeout",
				    "target_session_attrs", "dbname", force ? "target_session_attrs" : NULL,
				    NULL};
	const char *const vals[] = {"5", "werkplaats", "30", "10", "3", "30000", dflt, target,
				    any_server ? "any" : "read-write", NULL};
	PGconn *k = PQconnectdbParams(keys, vals, 1);
	if (!k || PQstatus(k) != CONNECTION_OK) {
		char tmp[512];
		snprintf(tmp, sizeof tmp, "cannot connect to PostgreSQL: %s",
			 k ? PQerrorMessage(k) : "out of memory");
		size_t l = strlen(tmp);
		while (l > 0 && (tmp[l - 1] == '\n' || tmp[l - 1] == ' '))
			tmp[--l] = 0;
		*err = xstrdup(tmp);
		PQfinish(k);
		return NULL;
	}
	PQsetNoticeProcessor(k, notice_quiet, NULL);
	/* A respondent's 303 means the submission is stored: with
	 * synchronous_commit = off (a common tuning, in postgresql.conf or for
	 * the role or database) a COMMIT returns before its WAL is written, and
	 * a crash of PostgreSQL then loses what was acknowledged
	 * (tests/crash/crashtest.py --store pg showed it). So "off" becomes
	 * "on" for our sessions; every other value (local, remote_write, ...)
	 * waits for the local WAL flush at least and is kept. */
	const char *setup = readonly ? "SET client_min_messages = warning;"
				       " SET default_transaction_read_only = on"
				     : "SELECT set_config('synchronous_commit', 'on', false)"
				       " WHERE current_setting('synchronous_commit') = 'off';"
				       " SET client_min_messages = warning";
	PGresult *r = PQexec(k, setup);
	if (PQresultStatus(r) == PGRES_COMMAND_OK) {
		/* every institution's rows, or none (row-level security, db.h):
		 * set here, whatever the role or the connection string says */
		PQclear(r);
		r = PQexec(k, scope_closed ? "SET werkplaats.institution = ''"
					   : "SET werkplaats.institution = 'all'");
	}
	bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	if (!ok)
		*err = xstrdup(PQerrorMessage(k));
	PQclear(r);
	if (!ok) {
		PQfinish(k);
		return NULL;
	}
	return k;
}

static struct pg_db *pg_new(const char *target, bool readonly)
{
	struct pg_db *c = xcalloc(1, sizeof *c);
	c->base.drv = &db_pg_driver;
	c->base.kind = DB_POSTGRES;
	c->base.readonly = readonly;
	c->target = xstrdup(target);
	return c;
}

/* A connection as good as there is: for reading, a standby when no
 * primary answers. *standby says which it got; *err (caller frees) is the
 * reason the primary did not answer. */
static PGconn *connect_best(const char *target, bool readonly, bool scope_closed, bool *standby,
			     char **err)
{
	*standby = false;
	PGconn *k = pg_connect(target, readonly, false, scope_closed, err);
	if (k || !readonly || !several_hosts(target))
		return k;
	char *err2 = NULL;
	k = pg_connect(target, readonly, true, scope_closed, &err2);
	free(err2);
	if (k) {
		*standby = !promoted(k); /* no primary answered a moment ago */
		free(*err);
		*err = NULL;
	}
	return k;
}

static db *pg_open(const char *target, bool readonly, char **err)
{
	bool standby;
	PGconn *k = connect_best(target, readonly, false, &standby, err);
	if (!k)
		return NULL;
	struct pg_db *c = pg_new(target, readonly);
	c->conn = k;
	c->gen = 1;
	c->standby = standby;
	return &c->base;
}

static db *pg_open_later(const char *target, bool readonly)
{
	struct pg_db *c = pg_new(target, readonly);
	c->broken = true;
	c->last_attempt_us = wp_monotonic_us();
	set_msg(c, "the database is not reachable (connecting)", NULL);
	return &c->base;
}

static void pg_close(db *cc)
{
	struct pg_db *c = PG(cc);
	PQfinish(c->conn);
	free(c->target);
	free(c);
}

static bool pg_broken(db *cc)
{
	struct pg_db *c = PG(cc);
	if (!c->broken && (!c->conn || PQstatus(c->conn) == CONNECTION_BAD))
		c->broken = true;
	return c->broken;
}

/* Replace the connection by k: every statement is prepared again on
 * first use. */
static void take_connection(struct pg_db *c, PGconn *k, bool standby)
{
	PQfinish(c->conn);
	c->conn = k;
	c->gen++;
	c->broken = false;
	c->tx_open = false;
	c->standby = standby;
	c->errmsg[0] = 0;
}

static bool pg_reconnect(db *cc)
{
	struct pg_db *c = PG(cc);
	if (!pg_broken(cc))
		return true;
	int64_t now = wp_monotonic_us();
	if (c->last_attempt_us && now - c->last_attempt_us < 1000000)
		return false; /* at most one attempt a second: answer 503 quickly meanwhile */
	c->last_attempt_us = now;
	char *err = NULL;
	bool standby;
	PGconn *k = connect_best(c->target, cc->readonly, cc->scope_closed, &standby, &err);
	if (!k) {
		set_msg(c, "the database is not reachable (reconnecting)", err);
		free(err);
		return false;
	}
	take_connection(c, k, standby);
	return true;
}

/* At the start of a transaction, outside one: is the connection on the
 * wrong server? A write connection on a standby is as good as lost. A
 * read-only one on a standby moves to the primary when one answers (at
 * most one attempt a second), and stops looking once its standby has
 * been promoted. */
static void check_server(struct pg_db *c)
{
	if (c->broken || !c->conn)
		return;
	if (!c->base.readonly) {
		if (on_standby(c->conn))
			c->broken = true;
		return;
	}
	if (!c->standby)
		return;
	if (promoted(c->conn)) {
		c->standby = false; /* it is the primary now */
		return;
	}
	int64_t now = wp_monotonic_us();
	if (now - c->last_attempt_us < 1000000)
		return;
	c->last_attempt_us = now;
	char *err = NULL;
	PGconn *k = pg_connect(c->target, true, false, c->base.scope_closed, &err);
	free(err);
	if (k)
		take_connection(c, k, false);
}

static bool pg_on_standby(db *cc)
{
	struct pg_db *c = PG(cc);
	return !c->broken && c->standby && !promoted(c->conn);
}

/* The connection forgets its 'all' (RESET would return to what the role
 * or the connection string may set): a failure marks it broken, and the
 * connection that replaces it starts without (pg_reconnect). */
static void pg_scope_closed(db *cc)
{
	struct pg_db *c = PG(cc);
	if (c->broken || !c->conn)
		return;
	PGresult *r = PQexec(c->conn, "SET werkplaats.institution = ''");
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		c->broken = true;
	PQclear(r);
}

static const char *pg_errmsg(db *c)
{
	return PG(c)->errmsg[0] ? PG(c)->errmsg : "no error";
}

/* ---- statements ---- */

/* Does sql begin with one of the transaction-control words? */
static bool is_tx_control(const char *sql)
{
	static const char *const words[] = {"SAVEPOINT", "RELEASE", "ROLLBACK"};
	sql += strspn(sql, " \t\n");
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		size_t n = strlen(words[i]);
		if (strncasecmp(sql, words[i], n) == 0 && (sql[n] == 0 || strchr(" \t\n;", sql[n])))
			return true;
	}
	return false;
}

static db_stmt *pg_stmt_new(db *cc, const char *sql, bool cached)
{
	struct pg_db *c = PG(cc);
	struct pg_stmt *s = xcalloc(1, sizeof *s);
	s->text = db_pg_placeholders(sql, &s->nparams);
	s->tx_control = is_tx_control(sql);
	size_t n = (size_t)s->nparams + 1;
	s->values = xcalloc(n, sizeof *s->values);
	s->owned = xcalloc(n, sizeof *s->owned);
	s->ibuf = xcalloc(n, sizeof *s->ibuf);
	if (cached)
		snprintf(s->name, sizeof s->name, "wp%u", ++c->next_name);
	return &s->base;
}

static void clear_params(struct pg_stmt *s)
{
	for (int i = 0; i < s->nparams; i++) {
		if (s->owned[i])
			free(s->values[i]);
		s->values[i] = NULL;
		s->owned[i] = false;
	}
}

static void pg_stmt_reset(db_stmt *bs)
{
	struct pg_stmt *s = PS(bs);
	PQclear(s->res);
	s->res = NULL;
	s->executed = false;
	clear_params(s);
}

static void pg_stmt_free(db_stmt *bs)
{
	struct pg_stmt *s = PS(bs);
	pg_stmt_reset(bs);
	/* the server forgets prepared statements with the connection */
	free(s->text);
	free(s->values);
	free(s->owned);
	free(s->ibuf);
	free(s);
}

static char **param(db_stmt *bs, int idx)
{
	struct pg_stmt *s = PS(bs);
	WP_ASSERT(idx >= 1 && idx <= s->nparams);
	if (s->owned[idx - 1])
		free(s->values[idx - 1]);
	s->owned[idx - 1] = false;
	return &s->values[idx - 1];
}

static void pg_bind_int(db_stmt *bs, int idx, int64_t v)
{
	char **p = param(bs, idx);
	snprintf(PS(bs)->ibuf[idx - 1], sizeof PS(bs)->ibuf[0], "%lld", (long long)v);
	*p = PS(bs)->ibuf[idx - 1];
}

static void pg_bind_double(db_stmt *bs, int idx, double v)
{
	char **p = param(bs, idx);
	snprintf(PS(bs)->ibuf[idx - 1], sizeof PS(bs)->ibuf[0], "%.17g", v);
	*p = PS(bs)->ibuf[idx - 1];
}

static void pg_bind_text(db_stmt *bs, int idx, const char *v)
{
	char **p = param(bs, idx);
	*p = xstrdup(v);
	PS(bs)->owned[idx - 1] = true;
}

static void pg_bind_null(db_stmt *bs, int idx)
{
	*param(bs, idx) = NULL;
}

static bool send_stmt(struct pg_db *c, struct pg_stmt *s)
{
	const char *const *v = (const char *const *)s->values;
	if (s->base.temporary)
		return PQsendQueryParams(c->conn, s->text, s->nparams, NULL, v, NULL, NULL, 0);
	return PQsendQueryPrepared(c->conn, s->name, s->nparams, v, NULL, NULL, 0);
}

/* Outside a transaction (or in bulk mode): the statement alone, prepared
 * first when this connection has not seen it. */
static PGresult *run_plain(struct pg_db *c, struct pg_stmt *s)
{
	const char *const *v = (const char *const *)s->values;
	if (s->base.temporary)
		return PQexecParams(c->conn, s->text, s->nparams, NULL, v, NULL, NULL, 0);
	if (s->prepared_gen != c->gen) {
		PGresult *p = PQprepare(c->conn, s->name, s->text, 0, NULL);
		if (PQresultStatus(p) != PGRES_COMMAND_OK)
			return p;
		PQclear(p);
		s->prepared_gen = c->gen;
	}
	return PQexecPrepared(c->conn, s->name, s->nparams, v, NULL, NULL, 0);
}

/* Inside a transaction: SAVEPOINT, (prepare,) the statement, RELEASE and a
 * sync in one pipeline. Returns the statement's result, or the first error
 * of the pipeline; on an error the transaction is rolled back to the
 * savepoint. NULL when the connection failed. */
static PGresult *run_guarded(struct pg_db *c, struct pg_stmt *s)
{
	PGconn *k = c->conn;
	if (!PQenterPipelineMode(k))
		return NULL;
	bool prepare = !s->base.temporary && s->prepared_gen != c->gen;
	int nq = prepare ? 4 : 3, at = prepare ? 2 : 1; /* queries, index of ours */
	bool sent = PQsendQueryParams(k, "SAVEPOINT wp_stmt", 0, NULL, NULL, NULL, NULL, 0) &&
		    (!prepare || PQsendPrepare(k, s->name, s->text, 0, NULL)) && send_stmt(c, s) &&
		    PQsendQueryParams(k, "RELEASE SAVEPOINT wp_stmt", 0, NULL, NULL, NULL, NULL, 0) &&
		    PQpipelineSync(k);
	if (!sent) {
		c->broken = true; /* the protocol state is unknown: start afresh */
		return NULL;
	}
	PGresult *mine = NULL, *error = NULL;
	bool savepoint_ok = false;
	for (int q = 0; q < nq; q++) {
		PGresult *r;
		while ((r = PQgetResult(k)) != NULL) {
			ExecStatusType st = PQresultStatus(r);
			if (q == 0 && st == PGRES_COMMAND_OK)
				savepoint_ok = true;
			/* prepared statements outlive a rollback: remember it even
			 * when the statement itself fails */
			if (prepare && q == 1 && st == PGRES_COMMAND_OK)
				s->prepared_gen = c->gen;
			if (st == PGRES_FATAL_ERROR && !error) {
				error = r;
			} else if (q == at && !mine) {
				mine = r;
			} else {
				PQclear(r);
			}
		}
		if (PQstatus(k) == CONNECTION_BAD)
			break;
	}
	PGresult *sync = PQgetResult(k); /* PGRES_PIPELINE_SYNC */
	PQclear(sync);
	if (!PQexitPipelineMode(k))
		c->broken = true;
	if (error) {
		PQclear(mine);
		if (savepoint_ok && !c->broken && PQstatus(k) == CONNECTION_OK) {
			PGresult *r = PQexec(k, "ROLLBACK TO SAVEPOINT wp_stmt; RELEASE SAVEPOINT wp_stmt");
			PQclear(r);
		}
		return error;
	}
	return mine;
}

/* ---- calls in one pipeline (db_pipeline) ---- */

static bool send_call(struct pg_db *c, struct pg_stmt *s, const db_call *call, bool *prepared)
{
	PGconn *k = c->conn;
	const char *const *v = (const char *const *)call->v;
	WP_ASSERT(s->nparams <= DB_CALL_VALUES);
	if (s->base.temporary)
		return PQsendQueryParams(k, s->text, s->nparams, NULL, v, NULL, NULL, 0);
	*prepared = s->prepared_gen != c->gen;
	if (*prepared) {
		if (!PQsendPrepare(k, s->name, s->text, 0, NULL))
			return false;
		s->prepared_gen = c->gen; /* a second call of it in this pipeline must not prepare again */
	}
	return PQsendQueryPrepared(k, s->name, s->nparams, v, NULL, NULL, 0);
}

/* The results of one query, up to its NULL: the last one kept. */
static PGresult *query_result(PGconn *k)
{
	PGresult *last = NULL, *r;
	while ((r = PQgetResult(k)) != NULL) {
		PQclear(last);
		last = r;
	}
	return last;
}

static int64_t result_rows(const PGresult *r)
{
	if (PQresultStatus(r) == PGRES_TUPLES_OK)
		return PQntuples(r);
	const char *n = PQcmdTuples((PGresult *)r);
	return *n ? strtoll(n, NULL, 10) : 0;
}

/* Read the answers of every call (and of the prepares sent before some);
 * the first failure or wrong count goes to *failed. */
static db_result read_calls(struct pg_db *c, db_stmt **stmts, const db_call *calls, int n,
			    const bool *prepared, int *failed)
{
	PGconn *k = c->conn;
	db_result out = DB_DONE;
	for (int i = 0; i < n; i++) {
		if (prepared[i]) {
			PGresult *p = query_result(k);
			if (PQresultStatus(p) != PGRES_COMMAND_OK)
				PS(stmts[i])->prepared_gen = 0;
			PQclear(p);
		}
		PGresult *r = query_result(k);
		ExecStatusType st = PQresultStatus(r);
		if (out == DB_DONE && st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
			*failed = i;
			out = pg_fail(c, r, calls[i].sql);
		} else if (out == DB_DONE && calls[i].expect != DB_ANY_ROWS &&
			   result_rows(r) != calls[i].expect) {
			*failed = i;
			char why[96];
			snprintf(why, sizeof why, "call %d touched %lld rows, not %d", i,
				 (long long)result_rows(r), calls[i].expect);
			set_msg(c, "a planned write did not apply", why);
			out = DB_CONSTRAINT;
		}
		PQclear(r);
		if (PQstatus(k) == CONNECTION_BAD)
			break;
	}
	return out;
}

static db_result pg_pipeline(db *cc, db_stmt **stmts, const db_call *calls, int n, int *failed)
{
	struct pg_db *c = PG(cc);
	if (c->broken || !c->conn)
		return lost(c);
	PGconn *k = c->conn;
	if (!PQenterPipelineMode(k)) {
		c->broken = true;
		return lost(c);
	}
	bool *prepared = xcalloc((size_t)n, sizeof *prepared);
	bool sent = true;
	for (int i = 0; i < n && sent; i++)
		sent = send_call(c, PS(stmts[i]), &calls[i], &prepared[i]);
	db_result out = DB_BUSY;
	if (sent && PQpipelineSync(k)) {
		out = read_calls(c, stmts, calls, n, prepared, failed);
		PQclear(PQgetResult(k)); /* PGRES_PIPELINE_SYNC */
	}
	free(prepared);
	if (!sent || PQstatus(k) == CONNECTION_BAD || !PQexitPipelineMode(k)) {
		c->broken = true; /* the protocol state is unknown: start afresh */
		*failed = -1;
		return lost(c);
	}
	if (c->broken) /* a lost connection is no call's fault */
		*failed = -1;
	return out;
}

static bool in_tx(struct pg_db *c)
{
	PGTransactionStatusType t = PQtransactionStatus(c->conn);
	return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

static db_result pg_step(db_stmt *bs)
{
	struct pg_stmt *s = PS(bs);
	struct pg_db *c = PG(bs->owner);
	if (!s->executed) {
		if ((c->broken || !c->conn) && (c->tx_open || !pg_reconnect(bs->owner)))
			return lost(c);
		bool guard = in_tx(c) && !bs->owner->bulk && !bs->owner->readonly && !s->tx_control;
		PGresult *res = guard ? run_guarded(c, s) : run_plain(c, s);
		s->executed = true;
		ExecStatusType st = PQresultStatus(res);
		if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
			db_result r = pg_fail(c, res, bs->sql);
			PQclear(res);
			return r;
		}
		/* as sqlite3_changes: rows changed by the last INSERT, UPDATE or
		 * DELETE (a SELECT leaves it alone) */
		const char *tag = PQcmdStatus(res), *n = PQcmdTuples(res);
		if (strncmp(tag, "INSERT", 6) == 0 || strncmp(tag, "UPDATE", 6) == 0 ||
		    strncmp(tag, "DELETE", 6) == 0 || strncmp(tag, "MERGE", 5) == 0)
			c->changes = *n ? strtoll(n, NULL, 10) : 0;
		if (st == PGRES_COMMAND_OK) {
			PQclear(res);
			return DB_DONE;
		}
		s->res = res;
		s->nrows = PQntuples(res);
		s->row = -1;
	}
	if (!s->res)
		return DB_DONE;
	if (s->row + 1 < s->nrows) {
		s->row++;
		return DB_ROW;
	}
	s->row = s->nrows;
	return DB_DONE;
}

static const char *cell(db_stmt *bs, int col)
{
	struct pg_stmt *s = PS(bs);
	if (!s->res || s->row < 0 || s->row >= s->nrows || col < 0 || col >= PQnfields(s->res) ||
	    PQgetisnull(s->res, s->row, col))
		return NULL;
	return PQgetvalue(s->res, s->row, col);
}

static int64_t pg_col_int(db_stmt *bs, int col)
{
	const char *v = cell(bs, col);
	if (!v)
		return 0;
	if (v[0] == 't' && !v[1]) /* booleans read as SQLite's 1 and 0 */
		return 1;
	if (v[0] == 'f' && !v[1])
		return 0;
	return strtoll(v, NULL, 10);
}

static double pg_col_double(db_stmt *bs, int col)
{
	const char *v = cell(bs, col);
	if (!v)
		return 0;
	if (v[0] == 't' && !v[1])
		return 1;
	return strtod(v, NULL);
}

static const char *pg_col_text(db_stmt *bs, int col)
{
	return cell(bs, col);
}

static bool pg_col_isnull(db_stmt *bs, int col)
{
	return cell(bs, col) == NULL;
}

static int pg_col_count(db_stmt *bs)
{
	return PS(bs)->res ? PQnfields(PS(bs)->res) : 0;
}

static const char *pg_col_name(db_stmt *bs, int col)
{
	return PS(bs)->res ? PQfname(PS(bs)->res, col) : NULL;
}

static int64_t pg_changes(db *c)
{
	return PG(c)->changes;
}

/* ---- transactions and scripts ---- */

static db_result exec_simple(struct pg_db *c, const char *sql, const char *expect_tag)
{
	if (c->broken || !c->conn)
		return lost(c);
	PGresult *r = PQexec(c->conn, sql);
	ExecStatusType st = PQresultStatus(r);
	db_result out = DB_DONE;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		out = pg_fail(c, r, NULL);
	} else if (expect_tag && strcmp(PQcmdStatus(r), expect_tag) != 0) {
		/* COMMIT of a failed transaction answers ROLLBACK */
		set_msg(c, "the transaction was rolled back", PQcmdStatus(r));
		out = DB_ERROR;
	}
	PQclear(r);
	return out;
}

/* A transaction starts: whatever the connection was doing is over, so a
 * lost connection may be replaced here. A connection that died while it
 * sat in the pool (its server restarted or failed over) shows it only
 * now, when BEGIN fails: nothing has been done on it, so a new connection
 * is tried at once rather than answering this request 503. */
static db_result begin(db *cc, const char *sql)
{
	struct pg_db *c = PG(cc);
	c->tx_open = false;
	check_server(c);
	if ((c->broken || !c->conn) && !pg_reconnect(cc))
		return lost(c);
	db_result r = exec_simple(c, sql, NULL);
	if (r == DB_BUSY && c->broken && pg_reconnect(cc))
		r = exec_simple(c, sql, NULL);
	c->tx_open = r == DB_DONE;
	return r;
}

static db_result pg_begin_read(db *c)
{
	return begin(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

/* READ COMMITTED: writers do not serialize as SQLite's BEGIN IMMEDIATE
 * does. The store's writes are safe under it: single-row UPDATEs with
 * their condition in the WHERE clause (submitted = 0, revision = ?) are
 * re-checked on the newest row version, upserts use ON CONFLICT, and
 * uniqueness is the database's. */
static db_result pg_begin_write(db *c)
{
	return begin(c, "BEGIN");
}

/* A COMMIT whose answer is lost may or may not have happened: DB_BUSY
 * (not acknowledged), never DB_DONE. */
static db_result pg_commit(db *cc)
{
	db_result r = exec_simple(PG(cc), "COMMIT", "COMMIT");
	PG(cc)->tx_open = false;
	return r;
}

static void pg_rollback(db *cc)
{
	struct pg_db *c = PG(cc);
	c->tx_open = false;
	if (!c->broken && c->conn && in_tx(c))
		exec_simple(c, "ROLLBACK", NULL);
}

static bool pg_in_transaction(db *cc)
{
	struct pg_db *c = PG(cc);
	return !c->broken && c->conn && in_tx(c);
}

static db_result pg_exec_script(db *cc, const char *sql)
{
	struct pg_db *c = PG(cc);
	if ((c->broken || !c->conn) && (c->tx_open || !pg_reconnect(cc)))
		return lost(c);
	return exec_simple(c, sql, NULL);
}

static db_result pg_backup(db *c, const char *path)
{
	(void)path;
	set_msg(PG(c), "this database is PostgreSQL: back up with pg_dump, for example"
		       " pg_dump --format=custom --file=werkplaats.dump 'postgresql://...'"
		       " (werkplaats backup copies SQLite files)", NULL);
	return DB_ERROR;
}

/* PostgreSQL checkpoints by itself. */
static db_result pg_checkpoint(db *c)
{
	(void)c;
	return DB_DONE;
}

const struct db_driver db_pg_driver = {
	.open = pg_open,
	.open_later = pg_open_later,
	.close = pg_close,
	.errmsg = pg_errmsg,
	.stmt_new = pg_stmt_new,
	.stmt_free = pg_stmt_free,
	.stmt_reset = pg_stmt_reset,
	.bind_int = pg_bind_int,
	.bind_text = pg_bind_text,
	.bind_double = pg_bind_double,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.col_int = pg_col_int,
	.col_double = pg_col_double,
	.col_text = pg_col_text,
	.col_isnull = pg_col_isnull,
	.col_count = pg_col_count,
	.col_name = pg_col_name,
	.changes = pg_changes,
	.begin_read = pg_begin_read,
	.begin_write = pg_begin_write,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.in_transaction = pg_in_transaction,
	.checkpoint = pg_checkpoint,
	.exec_script = pg_exec_script,
	.backup = pg_backup,
	.broken = pg_broken,
	.reconnect = pg_reconnect,
	.on_standby = pg_on_standby,
	.scope_closed = pg_scope_closed,
	.pipeline = pg_pipeline,
};
