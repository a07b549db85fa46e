/* server.c - libmicrohttpd glue: accept a request, gather its body within
 * the cap, hand it to the dispatcher, send the response with the security
 * headers, log one line, free the request's arena. */
#include "web/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "base/token.h"
#include "base/util.h"
#include "web/app.h"
#include "web/ops_metrics.h"
#include "web/route.h"

static atomic_int in_flight;
/* Requests handed to the committer: still held by it (until it has resumed
 * their connection), and still suspended for libmicrohttpd (until they
 * are called again, or closed). The daemon must not stop before both are
 * zero: it frees suspended connections, and stopping with any is fatal. */
static atomic_int held_by_committer, suspended_now;
static atomic_bool stopping; /* no request is handed over any more */

/* Past this many announced bytes a body above the cap is refused without
 * reading it. */
#define DISCARD_MAX ((int64_t)BODY_CAP * 4)

struct ctx {
	req r;
	buf body;
	int64_t start_us;
	bool too_large;
	bool suspended; /* waiting for the committer; resumed after the commit */
};

static void client_address(struct MHD_Connection *c, char *out, size_t len)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(out, len, "unknown");
	if (!ci || !ci->client_addr)
		return;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
			  (socklen_t)len);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
			  (socklen_t)len);
}

/* Behind a reverse proxy every request comes from the proxy's address;
 * throttling per address needs the visitor's. Believe X-Forwarded-For
 * only from the proxy named by --trusted-proxy, and only its last entry
 * (the address the proxy itself saw; entries before it are the
 * visitor's to invent). */
static void forwarded_address(const struct app *a, struct MHD_Connection *c, char *out, size_t len)
{
	if (!a->trusted_proxy || strcmp(out, a->trusted_proxy) != 0)
		return;
	const char *xff = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For");
	if (!xff)
		return;
	const char *last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	while (*last == ' ' || *last == '\t')
		last++;
	char addr[INET6_ADDRSTRLEN];
	size_t n = strcspn(last, " \t");
	if (n == 0 || n >= sizeof addr)
		return;
	memcpy(addr, last, n);
	addr[n] = 0;
	unsigned char bin[sizeof(struct in6_addr)];
	if (inet_pton(AF_INET, addr, bin) == 1 || inet_pton(AF_INET6, addr, bin) == 1)
		snprintf(out, len, "%s", addr);
}

static struct ctx *ctx_new(const struct app *a, struct MHD_Connection *c, const char *url,
			   const char *method)
{
	struct ctx *x = xcalloc(1, sizeof *x);
	x->start_us = wp_monotonic_us();
	buf_init(&x->body, BODY_CAP);
	req *r = &x->r;
	r->a = arena_new();
	r->app = a;
	r->conn = c;
	r->method = arena_strdup(r->a, method);
	r->post = strcmp(method, "POST") == 0;
	r->path = arena_strdup(r->a, url);
	r->api = strncmp(url, "/api/", 5) == 0 || strcmp(url, "/api") == 0;
	r->status = 200;
	buf_init(&r->out, 64u * 1024 * 1024);
	token_request_id(r->id);
	client_address(c, r->client, sizeof r->client);
	forwarded_address(a, c, r->client, sizeof r->client);
	return x;
}

/* The security headers every response carries, set in this one place. */
static void add_common_headers(struct MHD_Response *resp, req *r)
{
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'none'; script-src 'self'; style-src 'self'; "
				"img-src 'self' data:; form-action 'self'; base-uri 'none'; "
				"frame-ancestors 'none'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(resp, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
	if (r->app->secure_cookies)
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
	MHD_add_response_header(resp, "X-Request-Id", r->id);
	if (!r->cacheable)
		MHD_add_response_header(resp, "Cache-Control", "no-store");
}

static enum MHD_Result send_response(struct ctx *x)
{
	req *r = &x->r;
	size_t len = r->out.len;
	char *body = buf_steal(&r->out);
	struct MHD_Response *resp =
		MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(body);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type",
				r->content_type ? r->content_type : "text/html; charset=utf-8");
	add_common_headers(resp, r);
	for (int i = 0; i < r->headers.n; i++)
		MHD_add_response_header(resp, r->headers.v[i].key, r->headers.v[i].val);
	enum MHD_Result ret = MHD_queue_response((struct MHD_Connection *)r->conn,
						 (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* Is this a body announced above the cap that should be refused before it
 * is sent? A client waiting for 100 Continue must not be invited to send
 * it, and an absurd length is not worth reading. Other clients are already
 * sending their body: it is read and thrown away, so that they see the
 * 413 rather than a connection reset. */
static bool refuse_before_body(struct MHD_Connection *c, const char *content_length)
{
	int64_t n;
	if (!parse_int64(content_length, 0, INT64_MAX, &n) || n > DISCARD_MAX)
		return true;
	const char *expect = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_EXPECT);
	return expect && strcasecmp(expect, "100-continue") == 0;
}

/* On the committer's thread, once a suspended request's write is durable
 * (or failed): libmicrohttpd then calls on_request again on the
 * connection's own thread. The committer does not touch the request
 * after this. */
static void resume_request(void *conn)
{
	MHD_resume_connection(conn);
	atomic_fetch_sub(&held_by_committer, 1);
}

/* Suspend the connection and hand the request to the committer; false
 * (nothing handed over) once the server is stopping. The counters go up
 * before `stopping` is read, and server_run sets `stopping` before it
 * reads them: so either it waits for this request, or this request sees
 * that it stops. */
static bool hand_over(struct ctx *x)
{
	atomic_fetch_add(&held_by_committer, 1);
	atomic_fetch_add(&suspended_now, 1);
	if (atomic_load(&stopping)) {
		atomic_fetch_sub(&held_by_committer, 1);
		atomic_fetch_sub(&suspended_now, 1);
		return false;
	}
	/* suspended first, so the resume cannot come before */
	x->suspended = true;
	MHD_suspend_connection(x->r.conn);
	route_queue(&x->r, resume_request, x->r.conn);
	return true;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_data_size, void **con_cls)
{
	(void)version;
	const struct app *a = cls;
	struct ctx *x = *con_cls;
	if (!x) {
		/* First call carries only the headers. Answer on a later call:
		 * queueing now would make libmicrohttpd close the connection. */
		x = ctx_new(a, c, url, method);
		*con_cls = x;
		atomic_fetch_add(&in_flight, 1);
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
							     MHD_HTTP_HEADER_CONTENT_LENGTH);
		int64_t n;
		if (!cl || (parse_int64(cl, 0, INT64_MAX, &n) && n <= (int64_t)BODY_CAP))
			return MHD_YES;
		x->too_large = true;
		if (!refuse_before_body(c, cl))
			return MHD_YES;
		/* closing the connection is what we want here */
		reply_error(&x->r, 413, tr(&x->r, "Het verzoek is te groot.", "The request is too large."));
		return send_response(x);
	}
	if (*upload_data_size) {
		if (!x->too_large && !buf_append(&x->body, upload_data, *upload_data_size))
			x->too_large = true;
		*upload_data_size = 0;
		return MHD_YES;
	}
	req *r = &x->r;
	if (x->suspended) {
		/* called again after resume_request: the commit is done */
		x->suspended = false;
		atomic_fetch_sub(&suspended_now, 1);
		route_finish(r);
		return send_response(x);
	}
	if (r->replied) /* the 413 sent before the body */
		return MHD_YES;
	if (x->too_large) {
		reply_error(r, 413, tr(r, "Het verzoek is te groot.", "The request is too large."));
	} else {
		r->body = buf_cstr(&x->body);
		r->body_len = x->body.len;
		/* A write for the committer: the connection sleeps until the
		 * commit, and this thread serves other connections meanwhile, so
		 * every request in flight can share the next commit. */
		if (!route_dispatch(r)) {
			if (hand_over(x))
				return MHD_YES;
			reply_error(r, 503, tr(r, "De server stopt even. Probeer het over een minuut opnieuw; "
						  "er is niets opgeslagen.",
					       "The server is stopping. Please try again in a minute; "
					       "nothing was saved."));
		}
	}
	return send_response(x);
}

/* Log path: printable ASCII only, so a hostile URL cannot forge log lines. */
static void log_safe(char *out, size_t len, const char *s)
{
	size_t j = 0;
	for (; *s && j + 5 < len; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch >= 0x21 && ch < 0x7f && ch != '\\')
			out[j++] = (char)ch;
		else
			j += (size_t)snprintf(out + j, len - j, "\\x%02x", ch);
	}
	out[j] = 0;
}

/* Tokens in URLs are credentials: the log shows /r/… and /password/…
 * instead of the token itself. */
static const char *redact_path(req *r)
{
	static const char *const secret_prefixes[] = {"/r/", "/password/"};
	for (size_t i = 0; i < sizeof secret_prefixes / sizeof *secret_prefixes; i++) {
		size_t n = strlen(secret_prefixes[i]);
		if (strncmp(r->path, secret_prefixes[i], n) == 0) {
			const char *rest = strchr(r->path + n, '/');
			return arena_printf(r->a, "%.*s-%s", (int)n, r->path, rest ? rest : "");
		}
	}
	return r->path;
}

/* A line of len bytes to stderr in one write where the kernel allows; a
 * line cut short by its buffer still ends the line. */
static void log_line(char *line, size_t len)
{
	line[len - 1] = '\n';
	while (len) {
		ssize_t w = write(STDERR_FILENO, line, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return; /* nowhere to log to */
		line += w;
		len -= (size_t)w;
	}
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	struct ctx *x = *con_cls;
	if (!x)
		return;
	req *r = &x->r;
	if (x->suspended) /* resumed, and closed before it was called again */
		atomic_fetch_sub(&suspended_now, 1);
	char path[512];
	log_safe(path, sizeof path, redact_path(r));
	/* tenths of a millisecond, rounded, in integers: no floating-point
	 * formatting on every request */
	int64_t took = wp_monotonic_us() - x->start_us;
	long long tenths = (took + 50) / 100;
	ops_request_done(r->path, r->replied ? r->status : 0, took);
	/* a request the client abandoned before we answered has no status */
	char status[16] = "-";
	if (r->replied)
		snprintf(status, sizeof status, "%d", r->status);
	/* one write per line: lines of requests finishing at once in several
	 * threads do not interleave, and stderr's locking is not needed */
	char line[1200];
	int n = snprintf(line, sizeof line, "%s %s %s %lld.%lldms id=%s%s%s%s\n", r->method, path,
			 status, tenths / 10, tenths % 10, r->id,
			 toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted",
			 r->log_note ? " " : "", r->log_note ? r->log_note : "");
	if (n > 0)
		log_line(line, (size_t)n < sizeof line ? (size_t)n : sizeof line);
	for (struct req_cleanup *cl = r->cleanup; cl; cl = cl->next)
		cl->fn(cl->p);
	buf_free(&x->body);
	buf_free(&r->out);
	arena_free(r->a);
	free(x);
	*con_cls = NULL;
	atomic_fetch_sub(&in_flight, 1);
}

static bool parse_listen(const char *listen, struct sockaddr_in *sa)
{
	char host[64];
	const char *colon = strrchr(listen, ':');
	if (!colon || (size_t)(colon - listen) >= sizeof host)
		return false;
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = 0;
	int64_t port;
	if (!parse_int64(colon + 1, 0, 65535, &port))
		return false;
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	return inet_pton(AF_INET, host, &sa->sin_addr) == 1;
}

static void stop_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
}

void server_block_signals(void)
{
	sigset_t set;
	stop_signals(&set);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
}

int server_run(struct app *a, bool announce, const char *announce_text)
{
	struct sockaddr_in sa;
	if (!parse_listen(a->listen, &sa)) {
		fprintf(stderr, "werkplaats: --listen %s: expected an IPv4 address and port, "
				"for example 127.0.0.1:8080\n",
			a->listen);
		return 2;
	}
	/* Signals go to sigwait in this thread; the server's threads inherit
	 * the blocked mask, so none of them swallows SIGTERM. */
	sigset_t set;
	stop_signals(&set);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* Each connection's memory pool holds its request's headers and our
	 * response headers; bodies live elsewhere. 16 KB takes what common
	 * servers take by default (an 8 KB header line, 14 KB of headers;
	 * cookies count twice, parsed: about 7 KB of them); more is answered
	 * 431. libmicrohttpd clears the pool after every request, so a
	 * smaller one is faster: 16 KB instead of 64 KB gave 1.09-1.13x on
	 * the results page (docs/performance.md, section 3). */
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG |
			MHD_ALLOW_SUSPEND_RESUME,
		0, NULL, NULL,
		on_request, a, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)a->threads, MHD_OPTION_NOTIFY_COMPLETED,
		on_completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
		(size_t)(16 * 1024), MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1, MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "werkplaats: cannot listen on %s: %s\n", a->listen, strerror(errno));
		return 1;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	unsigned port = di ? di->port : ntohs(sa.sin_port);
	char host[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &sa.sin_addr, host, sizeof host);
	fprintf(stderr, "werkplaats: serving on http://%s:%u/\n", host, port);
	if (announce && announce_text)
		printf("\n  werkplaats is running at http://%s:%u/\n%s\n", host, port, announce_text);
	fflush(stdout);

	int sig = 0;
	sigwait(&set, &sig);
	fprintf(stderr, "werkplaats: %s received, finishing requests in flight\n",
		sig == SIGINT ? "SIGINT" : "SIGTERM");
	/* stop accepting, let running requests finish (up to 10 s), then stop */
	MHD_socket ls = MHD_quiesce_daemon(d);
	if (ls != MHD_INVALID_SOCKET)
		close(ls);
	/* Requests handed to the committer come back first: the committer
	 * always finishes (SQLite's busy timeout bounds every wait), so there
	 * is no limit. Writes that arrive from now on get 503. */
	atomic_store(&stopping, true);
	while (atomic_load(&held_by_committer) > 0 || atomic_load(&suspended_now) > 0) {
		struct timespec ts = {0, 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	for (int i = 0; i < 1000 && atomic_load(&in_flight) > 0; i++) {
		struct timespec ts = {0, 10 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	MHD_stop_daemon(d);
	fprintf(stderr, "werkplaats: stopped\n");
	return 0;
}
