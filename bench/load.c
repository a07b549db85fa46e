/* load.c - durable questionnaire submissions per second through HTTP.
 *
 *   load --port N [--host 127.0.0.1] [--open TOKEN] [--threads 2] [--conns 16]
 *        [--seconds 10] [--warmup 2] [--instrument FILE]
 *
 * threads x conns keep-alive connections on raw non-blocking sockets, one
 * epoll set per thread (poll() over every connection cost the client a
 * third of its time). Each connection
 * first GETs the open link's welcome page once (for the wp_anon cookie and
 * the CSRF token it signs), then loops: POST /r/{open}/start (303 to the
 * new response's page 1), POST /r/{T}/all with every statement answered and
 * go=submit (303 to /r/{T}). A submission counts only when both answers are
 * 303: the server acknowledges a POST only after its durable commit.
 * Perspectives and answers are those of workload.c, as in raw_submit.
 * Prints one line: submissions_per_s=... with errors and latency. */
#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "workload.h"

#define MAX_CONNS 256
#define IO_BUF (128 * 1024)
#define LAT_BUCKETS 96 /* latency histogram: bucket b holds [2^(b/4), 2^((b+1)/4)) µs, up to 16 s */

enum phase { P_WELCOME, P_START, P_ALL };

typedef struct {
	int fd;
	enum phase ph;
	char cookie[64], csrf[80], token[64];
	char out[8192];
	size_t out_len, out_sent;
	char in[IO_BUF];
	size_t in_len;
	uint64_t rng, seq;
	double started; /* of the current submission */
} conn;

static struct sockaddr_in addr;
static const char *open_token = "demo01round02open-link";
static wl_perspective wl[WL_PERSPECTIVES];
static int conns_per_thread = 16;
static atomic_ullong ok_count, err_count, reconnects;
static atomic_ullong lat_hist[LAT_BUCKETS];
static atomic_int stop_flag;
static atomic_int recording;
static char first_error[512];
static pthread_mutex_t err_mu = PTHREAD_MUTEX_INITIALIZER;

static void note_error(const char *what, const conn *c)
{
	atomic_fetch_add(&err_count, 1);
	pthread_mutex_lock(&err_mu);
	if (!first_error[0])
		snprintf(first_error, sizeof first_error, "%s (phase %d): %.300s", what, (int)c->ph, c->in);
	pthread_mutex_unlock(&err_mu);
}

static int connect_fd(void)
{
	for (int attempt = 0; attempt < 200; attempt++) {
		int fd = socket(AF_INET, SOCK_STREAM, 0);
		if (fd < 0)
			return -1;
		int one = 1;
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
		if (connect(fd, (struct sockaddr *)&addr, sizeof addr) == 0) {
			fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
			return fd;
		}
		close(fd);
		struct timespec ts = {0, 10 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	return -1;
}

static void request(conn *c, const char *method, const char *path, const char *body, size_t blen)
{
	int n;
	if (body)
		n = snprintf(c->out, sizeof c->out,
			     "%s %s HTTP/1.1\r\nHost: bench\r\nCookie: wp_anon=%s\r\n"
			     "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %zu\r\n\r\n",
			     method, path, c->cookie, blen);
	else
		n = snprintf(c->out, sizeof c->out, "%s %s HTTP/1.1\r\nHost: bench\r\n\r\n", method, path);
	if (n < 0 || (size_t)n + blen >= sizeof c->out) {
		fprintf(stderr, "load: request too large\n");
		exit(1);
	}
	if (body)
		memcpy(c->out + n, body, blen);
	c->out_len = (size_t)n + blen;
	c->out_sent = 0;
	c->in_len = 0;
}

static void send_welcome(conn *c)
{
	c->ph = P_WELCOME;
	char path[256];
	snprintf(path, sizeof path, "/r/%s", open_token);
	request(c, "GET", path, NULL, 0);
}

static void send_start(conn *c)
{
	c->ph = P_START;
	c->started = wl_now();
	char path[256], body[256];
	snprintf(path, sizeof path, "/r/%s/start", open_token);
	int n = snprintf(body, sizeof body, "csrf=%s&perspective=%s&consent=yes", c->csrf,
			 wl[wl_persp_of(c->seq)].code);
	request(c, "POST", path, body, (size_t)n);
}

static void send_all(conn *c)
{
	c->ph = P_ALL;
	char path[256], body[4096];
	snprintf(path, sizeof path, "/r/%s/all", c->token);
	const wl_perspective *p = &wl[wl_persp_of(c->seq)];
	size_t n = (size_t)snprintf(body, sizeof body, "csrf=%s&go=submit", c->csrf);
	for (int i = 0; i < p->n; i++) {
		int v = wl_value(&c->rng);
		if (v)
			n += (size_t)snprintf(body + n, sizeof body - n, "&%s=%d", p->ids[i], v);
		else
			n += (size_t)snprintf(body + n, sizeof body - n, "&%s=dk", p->ids[i]);
	}
	request(c, "POST", path, body, n);
}

/* Copy the text after `key` up to one of the stop characters. */
static int extract(const char *hay, size_t len, const char *key, const char *stops, char *out, size_t cap)
{
	const char *p = memmem(hay, len, key, strlen(key));
	if (!p)
		return 0;
	p += strlen(key);
	size_t i = 0;
	while (p < hay + len && !strchr(stops, *p) && i + 1 < cap)
		out[i++] = *p++;
	out[i] = 0;
	return i > 0;
}

static void record_latency(double s)
{
	if (!atomic_load(&recording))
		return;
	double us = s * 1e6;
	int b = 0;
	for (double lim = 1.189207; us >= lim && b < LAT_BUCKETS - 1; lim *= 1.189207)
		b++; /* 2^(1/4) per bucket */
	atomic_fetch_add(&lat_hist[b], 1);
}

/* A whole response is in c->in: act on it and queue the next request. */
static void on_response(conn *c, int status, size_t head_len)
{
	if (c->ph == P_WELCOME) {
		if (status != 200 || !extract(c->in, head_len, "wp_anon=", ";\r\n", c->cookie, sizeof c->cookie) ||
		    !extract(c->in, c->in_len, "name=\"csrf\" value=\"", "\"", c->csrf, sizeof c->csrf)) {
			note_error("welcome page without cookie or csrf", c);
			send_welcome(c);
			return;
		}
		send_start(c);
		return;
	}
	if (status != 303) {
		note_error("not 303", c);
		send_start(c);
		return;
	}
	if (c->ph == P_START) {
		char loc[128];
		if (!extract(c->in, head_len, "Location: /r/", "/\r\n", loc, sizeof loc) || strlen(loc) >= sizeof c->token) {
			note_error("start without Location", c);
			send_start(c);
			return;
		}
		memcpy(c->token, loc, strlen(loc) + 1);
		send_all(c);
		return;
	}
	if (atomic_load(&recording))
		atomic_fetch_add(&ok_count, 1);
	record_latency(wl_now() - c->started);
	c->seq++;
	send_start(c);
}

/* Is a whole response in? Returns its length, 0 when more is needed,
 * -1 when it cannot be parsed. */
static long complete(conn *c, int *status, size_t *head_len)
{
	char *end = memmem(c->in, c->in_len, "\r\n\r\n", 4);
	if (!end)
		return c->in_len >= IO_BUF ? -1 : 0;
	*head_len = (size_t)(end - c->in) + 4;
	if (sscanf(c->in, "HTTP/1.%*d %d", status) != 1)
		return -1;
	char cl[32];
	if (memmem(c->in, *head_len, "Transfer-Encoding: chunked", 26)) {
		fprintf(stderr, "load: chunked responses are not handled\n");
		exit(1);
	}
	long body = 0;
	if (extract(c->in, *head_len, "Content-Length: ", "\r\n", cl, sizeof cl))
		body = strtol(cl, NULL, 10);
	long total = (long)*head_len + body;
	if (total > IO_BUF)
		return -1;
	return (long)c->in_len >= total ? total : 0;
}

static int epfd_of_thread(int set)
{
	static _Thread_local int epfd = -1;
	if (set >= 0)
		epfd = set;
	return epfd;
}

static void watch(conn *c)
{
	struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT | EPOLLET, .data.ptr = c};
	if (epoll_ctl(epfd_of_thread(-1), EPOLL_CTL_ADD, c->fd, &ev) != 0) {
		fprintf(stderr, "load: epoll_ctl: %s\n", strerror(errno));
		exit(1);
	}
}

static void reopen(conn *c)
{
	close(c->fd); /* also leaves the epoll set */
	atomic_fetch_add(&reconnects, 1);
	c->fd = connect_fd();
	if (c->fd < 0) {
		fprintf(stderr, "load: cannot connect: %s\n", strerror(errno));
		exit(1);
	}
	c->out_sent = 0; /* the request is sent again on the new connection */
	c->in_len = 0;
	if (c->ph == P_ALL)
		send_start(c); /* the started response is abandoned */
	watch(c);
}

/* Write what is pending: 0, or -1 when the connection broke. */
static int flush(conn *c)
{
	while (c->out_sent < c->out_len) {
		ssize_t n = write(c->fd, c->out + c->out_sent, c->out_len - c->out_sent);
		if (n < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
		c->out_sent += (size_t)n;
	}
	return 0;
}

/* Read until the socket is empty, answering every whole response: 0, or
 * -1 when the connection broke or the server closed it. */
static int on_readable(conn *c)
{
	for (;;) {
		ssize_t n = read(c->fd, c->in + c->in_len, IO_BUF - c->in_len);
		if (n < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
		if (n == 0)
			return -1;
		c->in_len += (size_t)n;
		int status;
		size_t head_len;
		long total = complete(c, &status, &head_len);
		if (total < 0) {
			note_error("unparsable response", c);
			return -1;
		}
		if (total == 0)
			continue;
		int closing = memmem(c->in, head_len, "Connection: close", 17) != NULL;
		c->in[total < IO_BUF ? total : IO_BUF - 1] = 0;
		on_response(c, status, head_len); /* queues the next request */
		if (closing || flush(c) < 0)
			return -1;
	}
}

static void *client(void *arg)
{
	conn *cs = arg;
	int epfd = epoll_create1(0);
	if (epfd < 0) {
		fprintf(stderr, "load: epoll_create1: %s\n", strerror(errno));
		exit(1);
	}
	epfd_of_thread(epfd);
	for (int i = 0; i < conns_per_thread; i++) {
		cs[i].fd = connect_fd();
		if (cs[i].fd < 0) {
			fprintf(stderr, "load: cannot connect: %s\n", strerror(errno));
			exit(1);
		}
		send_welcome(&cs[i]);
		watch(&cs[i]);
		if (flush(&cs[i]) < 0)
			reopen(&cs[i]);
	}
	struct epoll_event ev[MAX_CONNS];
	while (!atomic_load(&stop_flag)) {
		int n = epoll_wait(epfd, ev, MAX_CONNS, 100);
		for (int i = 0; i < n; i++) {
			conn *c = ev[i].data.ptr;
			if ((ev[i].events & (EPOLLERR | EPOLLHUP)) || flush(c) < 0 || on_readable(c) < 0)
				reopen(c);
		}
	}
	for (int i = 0; i < conns_per_thread; i++)
		close(cs[i].fd);
	close(epfd);
	return NULL;
}

static double percentile(unsigned long long total, double q)
{
	unsigned long long want = (unsigned long long)((double)total * q), seen = 0;
	for (int b = 0; b < LAT_BUCKETS; b++) {
		seen += atomic_load(&lat_hist[b]);
		if (seen > want)
			return pow(2.0, (double)(b + 1) / 4.0) / 1000.0;
	}
	return 0;
}

static void sleep_s(double s)
{
	struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
	nanosleep(&ts, NULL);
}

int main(int argc, char **argv)
{
	const char *host = "127.0.0.1", *instr = "instrument/los-pw.json";
	int port = 0, threads = 2;
	double seconds = 10, warmup = 2;
	for (int i = 1; i + 1 < argc; i += 2) {
		const char *k = argv[i], *v = argv[i + 1];
		if (strcmp(k, "--host") == 0)
			host = v;
		else if (strcmp(k, "--port") == 0)
			port = (int)strtol(v, NULL, 10);
		else if (strcmp(k, "--open") == 0)
			open_token = v;
		else if (strcmp(k, "--threads") == 0)
			threads = (int)strtol(v, NULL, 10);
		else if (strcmp(k, "--conns") == 0)
			conns_per_thread = (int)strtol(v, NULL, 10);
		else if (strcmp(k, "--seconds") == 0)
			seconds = strtod(v, NULL);
		else if (strcmp(k, "--warmup") == 0)
			warmup = strtod(v, NULL);
		else if (strcmp(k, "--instrument") == 0)
			instr = v;
		else {
			fprintf(stderr, "load: unknown option %s\n", k);
			return 2;
		}
	}
	if (!port || threads < 1 || threads > 64 || conns_per_thread < 1 || conns_per_thread > MAX_CONNS) {
		fprintf(stderr, "usage: load --port N [--host H] [--open TOKEN] [--threads T] [--conns C]"
				" [--seconds S] [--warmup S] [--instrument FILE]\n");
		return 2;
	}
	wl_load(instr, wl);
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
		fprintf(stderr, "load: bad host %s\n", host);
		return 2;
	}
	pthread_t *th = calloc((size_t)threads, sizeof *th);
	conn **cs = calloc((size_t)threads, sizeof *cs);
	for (int t = 0; t < threads; t++) {
		cs[t] = calloc((size_t)conns_per_thread, sizeof(conn));
		for (int i = 0; i < conns_per_thread; i++)
			cs[t][i].rng = 0x1234567u + (uint64_t)(t * MAX_CONNS + i) * 7919u;
		pthread_create(&th[t], NULL, client, cs[t]);
	}
	sleep_s(warmup);
	atomic_store(&recording, 1);
	unsigned long long e0 = atomic_load(&err_count);
	double t0 = wl_now();
	sleep_s(seconds);
	atomic_store(&recording, 0);
	double el = wl_now() - t0;
	unsigned long long ok = atomic_load(&ok_count), errs = atomic_load(&err_count) - e0;
	atomic_store(&stop_flag, 1);
	for (int t = 0; t < threads; t++)
		pthread_join(th[t], NULL);
	printf("submissions_per_s=%.0f submissions=%llu errors=%llu reconnects=%llu seconds=%.2f"
	       " connections=%d p50_ms=%.2f p99_ms=%.2f\n",
	       (double)ok / el, ok, errs, (unsigned long long)atomic_load(&reconnects), el,
	       threads * conns_per_thread, percentile(ok, 0.5), percentile(ok, 0.99));
	if (first_error[0])
		fprintf(stderr, "load: first error: %s\n", first_error);
	for (int t = 0; t < threads; t++)
		free(cs[t]);
	free(cs);
	free(th);
	return ok > 0 ? 0 : 1;
}
