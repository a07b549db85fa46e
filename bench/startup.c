/* startup.c - time from starting a server to its first answered request.
 *
 *   startup --port P [--path /login] [--runs 11] -- COMMAND [ARG ...]
 *
 * Starts COMMAND (which must listen on 127.0.0.1:P), sends GET PATH as
 * soon as a connection is accepted, and stops the clock when the whole
 * response is in (status 200 or 3xx). Then stops the server with SIGTERM
 * and waits for it. Repeats; prints the median and the range:
 * start_ms=... */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_RUNS 101

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* One GET on a fresh connection: the status, or -1 when nobody listens yet. */
static int get(int port, const char *path)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		close(fd);
		return -1;
	}
	char req[512], buf[65536];
	int n = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n", path);
	if (write(fd, req, (size_t)n) != n) {
		close(fd);
		return -1;
	}
	size_t got = 0;
	ssize_t k;
	while ((k = read(fd, buf + got, sizeof buf - 1 - got)) > 0) {
		got += (size_t)k;
		if (got == sizeof buf - 1)
			got = 0; /* only the status line matters; keep reading to the end */
	}
	close(fd);
	buf[got] = 0;
	int status = -1;
	if (sscanf(buf, "HTTP/1.%*d %d", &status) != 1)
		return -1;
	return status;
}

int main(int argc, char **argv)
{
	int port = 0, runs = 11, cmd = 0;
	const char *path = "/login";
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			cmd = i + 1;
			break;
		}
		if (i + 1 >= argc)
			break;
		if (strcmp(argv[i], "--port") == 0)
			port = (int)strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--path") == 0)
			path = argv[++i];
		else if (strcmp(argv[i], "--runs") == 0)
			runs = (int)strtol(argv[++i], NULL, 10);
	}
	if (!port || !cmd || cmd >= argc || runs < 1 || runs > MAX_RUNS) {
		fprintf(stderr, "usage: startup --port P [--path /login] [--runs N] -- COMMAND [ARG ...]\n");
		return 2;
	}
	double ms[MAX_RUNS];
	for (int r = 0; r < runs; r++) {
		if (get(port, path) >= 0) {
			fprintf(stderr, "startup: something already answers on port %d\n", port);
			return 1;
		}
		double t0 = now();
		pid_t pid = fork();
		if (pid == 0) {
			execvp(argv[cmd], argv + cmd);
			_exit(127);
		}
		int status;
		for (;;) {
			status = get(port, path);
			if (status >= 200)
				break;
			if (waitpid(pid, NULL, WNOHANG) == pid) {
				fprintf(stderr, "startup: %s exited before answering\n", argv[cmd]);
				return 1;
			}
			struct timespec ts = {0, 100 * 1000}; /* 0.1 ms */
			nanosleep(&ts, NULL);
		}
		ms[r] = (now() - t0) * 1e3;
		kill(pid, SIGTERM);
		waitpid(pid, NULL, 0);
		if (status >= 400) {
			fprintf(stderr, "startup: GET %s answered %d\n", path, status);
			return 1;
		}
	}
	qsort(ms, (size_t)runs, sizeof ms[0], cmp);
	printf("start_ms=%.2f min_ms=%.2f max_ms=%.2f runs=%d\n", ms[runs / 2], ms[0], ms[runs - 1], runs);
	return 0;
}
