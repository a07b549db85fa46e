/* testutil.h - what the unit tests share: the cmocka includes in the order
 * cmocka needs, a temporary database path, and a check that a call dies.
 * Everything here is static so each test file stays one translation unit. */
#ifndef WP_TESTUTIL_H
#define WP_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <glob.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

/* A fresh, empty file under /tmp for a database; path is PATH_MAX-ish.
 * An empty file is what SQLite treats as an empty database. */
static inline void tu_tmp_db(char *path, size_t len)
{
	snprintf(path, len, "/tmp/wp-unit-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
}

/* Remove the database, its WAL companions and any "<db>.bak-v..." copies. */
static inline void tu_remove_db(const char *path)
{
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s-wal", path);
	unlink(tmp);
	snprintf(tmp, sizeof tmp, "%s-shm", path);
	unlink(tmp);
	snprintf(tmp, sizeof tmp, "%s-journal", path);
	unlink(tmp);
	snprintf(tmp, sizeof tmp, "%s.bak-v*", path);
	glob_t g;
	if (glob(tmp, 0, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc; i++)
			unlink(g.gl_pathv[i]);
		globfree(&g);
	}
	unlink(path);
}

/* Run SQL on a database file with sqlite3 directly, for what the store
 * does not offer (an old schema, a rule broken on purpose); fails the test
 * when the SQL fails. */
static inline void tu_raw_exec(const char *path, const char *sql)
{
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	char *msg = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		char copy[512];
		snprintf(copy, sizeof copy, "%s", msg ? msg : "?");
		sqlite3_free(msg);
		sqlite3_close(h);
		fail_msg("raw SQL failed: %s\n  %s", copy, sql);
	}
	sqlite3_close(h);
}

/* Number of files matching a glob pattern. */
static inline size_t tu_glob_count(const char *pattern)
{
	glob_t g;
	size_t n = 0;
	if (glob(pattern, 0, NULL, &g) == 0) {
		n = g.gl_pathc;
		globfree(&g);
	}
	return n;
}

/* Run fn(arg) in a child process; true when the child was killed by
 * SIGABRT (an assertion or a "programming error" abort). */
static inline bool tu_aborts(void (*fn)(void *), void *arg)
{
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* keep the expected abort message out of the test output */
		if (!freopen("/dev/null", "w", stderr))
			_exit(3);
		fn(arg);
		_exit(0);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

/* Run fn(arg) in a child process with its stderr caught in `err` (at most
 * errlen-1 bytes); returns the exit status, or -1 when the child was killed
 * by a signal. */
static inline int tu_exit_status(void (*fn)(void *), void *arg, char *err, size_t errlen)
{
	char path[] = "/tmp/wp-unit-stderr-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(fd, 2);
		fn(arg);
		_exit(0);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	ssize_t n = pread(fd, err, errlen - 1, 0);
	err[n > 0 ? n : 0] = 0;
	close(fd);
	unlink(path);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

#endif
