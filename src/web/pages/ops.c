/* ops.c - GET /healthz and GET /metrics, for the load balancer and for
 * Prometheus (docs/deployment.md). Both answer only a request that sends
 * `Authorization: Bearer <the token of --ops-token-file>`; without that
 * option, or with another token, they are 404 like any unknown path, so
 * nothing about the server's load is public. */
#include <string.h>

#include "base/metrics.h"
#include "base/token.h"
#include "store/schema.h"
#include "web/app.h"
#include "web/ops_metrics.h"
#include "web/pages/pages.h"

#define PING_MS 2000 /* how long the health check waits for the committer */

static bool ops_allowed(req *r)
{
	const char *auth = req_header(r, "Authorization");
	if (r->app->ops_token && auth && strncmp(auth, "Bearer ", 7) == 0 &&
	    token_equal(auth + 7, r->app->ops_token))
		return true;
	reply_error(r, 404, NULL);
	return false;
}

/* 200 when the store answers, the committer commits and the database has
 * every migration of this program; 503 otherwise. JSON says which ("store":
 * "standby only" while no primary answers and pages are read from a
 * standby). */
void page_healthz(req *r)
{
	if (!ops_allowed(r))
		return;
	int have = store_schema_version(r->st), want = schema_latest();
	bool store_ok = have > 0;
	/* no primary: pages are read from a standby, writes cannot be made */
	bool standby = store_ok && store_on_standby(r->st);
	store_rc ping = store_committer_ping(r->app->committer, PING_MS);
	bool ok = store_ok && !standby && ping == ST_OK && have == want;
	r->status = ok ? 200 : 503;
	r->content_type = "application/json";
	buf_printf(&r->out,
		   "{\"status\": \"%s\", \"store\": \"%s\", \"committer\": \"%s\", "
		   "\"schema\": {\"database\": %d, \"program\": %d}}\n",
		   ok ? "ok" : "failing",
		   standby ? "standby only" : store_ok ? "ok" : "unreachable",
		   ping == ST_OK ? "ok" : ping == ST_BUSY ? "not answering" : "failing", have, want);
	reply_header(r, "Cache-Control", "no-store");
	r->replied = true;
}

void page_metrics(req *r)
{
	if (!ops_allowed(r))
		return;
	r->status = 200;
	r->content_type = "text/plain; version=0.0.4; charset=utf-8";
	buf_puts(&r->out, "# HELP werkplaats_up 1 while the server answers.\n# TYPE werkplaats_up gauge\nwerkplaats_up 1\n");
	ops_requests_write(&r->out);
	store_committer_metrics(r->app->committer, &r->out);
	buf_printf(&r->out,
		   "# HELP werkplaats_store_errors_total Requests answered with a store error (500 or 503).\n"
		   "# TYPE werkplaats_store_errors_total counter\nwerkplaats_store_errors_total %llu\n"
		   "# HELP werkplaats_reminders_sent_total Reminder mails sent by the scheduler.\n"
		   "# TYPE werkplaats_reminders_sent_total counter\nwerkplaats_reminders_sent_total %llu\n",
		   (unsigned long long)metric_value(MC_STORE_ERRORS),
		   (unsigned long long)metric_value(MC_REMINDERS_SENT));
	reply_header(r, "Cache-Control", "no-store");
	r->replied = true;
}
