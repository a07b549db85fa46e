/* backup.c - scheduled copies of the database and restore (backup.h). */
#include "io/backup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/periodic.h"
#include "base/util.h"
#include "store/schema.h"

/* A message (caller frees) from a format with up to two %s. */
static char *msgf(const char *fmt, const char *a, const char *b)
{
	int n = snprintf(NULL, 0, fmt, a, b ? b : "");
	char *out = xmalloc((size_t)(n > 0 ? n : 0) + 1);
	snprintf(out, (size_t)(n > 0 ? n : 0) + 1, fmt, a, b ? b : "");
	return out;
}

int backup_lock_shared(const char *db_path, char **err)
{
	int fd = open(db_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		*err = msgf("%s: cannot open for locking: %s", db_path, strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_SH | LOCK_NB) != 0) {
		*err = msgf("%s is being restored from a backup right now; start the server when "
			    "the restore has finished%s",
			    db_path, NULL);
		close(fd);
		return -1;
	}
	return fd;
}

/* ---- copies into a folder ---- */

static bool is_copy_name(const char *name)
{
	/* werkplaats-YYYYMMDD-HHMMSS.db, optionally with -N before .db */
	size_t n = strlen(name), p = strlen(BACKUP_PREFIX);
	if (n < p + 18 || strncmp(name, BACKUP_PREFIX, p) != 0 || strcmp(name + n - 3, ".db") != 0)
		return false;
	for (size_t i = p; i < p + 15; i++)
		if (i - p == 8 ? name[i] != '-' : (name[i] < '0' || name[i] > '9'))
			return false;
	return true;
}

static int by_name_desc(const void *a, const void *b)
{
	return strcmp(*(char *const *)b, *(char *const *)a);
}

int backup_prune(const char *dir, int keep)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	char **names = NULL;
	int n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!is_copy_name(e->d_name))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			names = xrealloc(names, sizeof *names * (size_t)cap);
		}
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof *names, by_name_desc);
	int removed = 0;
	for (int i = 0; i < n; i++) {
		if (i >= keep) {
			char path[4096];
			snprintf(path, sizeof path, "%s/%s", dir, names[i]);
			removed += unlink(path) == 0;
		}
		free(names[i]);
	}
	free(names);
	return removed;
}

static bool exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

char *backup_to_dir(store *st, const char *dir, int keep, char **err)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	char stamp[32], path[4096], tmp[4200];
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	snprintf(path, sizeof path, "%s/%s%s.db", dir, BACKUP_PREFIX, stamp);
	for (int i = 2; exists(path) && i < 100; i++)
		snprintf(path, sizeof path, "%s/%s%s-%d.db", dir, BACKUP_PREFIX, stamp, i);
	snprintf(tmp, sizeof tmp, "%s/.%s%s.tmp", dir, BACKUP_PREFIX, stamp);
	unlink(tmp);
	if (store_backup(st, tmp) != ST_OK) {
		*err = msgf("backup to %s failed: %s", tmp, store_errmsg(st));
		unlink(tmp);
		return NULL;
	}
	int fd = open(tmp, O_RDONLY | O_CLOEXEC);
	bool synced = fd >= 0 && fsync(fd) == 0;
	if (fd >= 0)
		close(fd);
	if (!synced || rename(tmp, path) != 0) {
		*err = msgf("cannot put the backup in place as %s: %s", path, strerror(errno));
		unlink(tmp);
		return NULL;
	}
	backup_prune(dir, keep);
	return xstrdup(path);
}

/* ---- the schedule ---- */

struct backup_schedule {
	periodic *thread;
	store *st;
	char *dir;
	int keep;
};

static void backup_once(void *arg)
{
	backup_schedule *b = arg;
	char *err = NULL;
	char *path = backup_to_dir(b->st, b->dir, b->keep, &err);
	if (path)
		fprintf(stderr, "werkplaats: backup written to %s\n", path);
	else
		fprintf(stderr, "werkplaats: scheduled backup failed: %s\n", err);
	free(path);
	free(err);
}

backup_schedule *backup_schedule_start(const char *db_path, const char *dir, int64_t every_seconds,
				       int keep, char **err)
{
	struct stat sb;
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode) || access(dir, W_OK) != 0) {
		*err = msgf("--backup-dir %s: not a folder this program can write to%s", dir, NULL);
		return NULL;
	}
	store *st = store_open_existing(db_path, true, err);
	if (!st)
		return NULL;
	backup_schedule *b = xcalloc(1, sizeof *b);
	b->st = st;
	b->dir = xstrdup(dir);
	b->keep = keep;
	b->thread = periodic_start(backup_once, b, every_seconds);
	return b;
}

void backup_schedule_stop(backup_schedule *b)
{
	if (!b)
		return;
	periodic_stop(b->thread);
	store_close(b->st);
	free(b->dir);
	free(b);
}

/* ---- restore ---- */

/* A read-only connection cannot remove the empty WAL files it made. */
static void drop_empty_wal(const char *path)
{
	char wal[4200], shm[4200];
	snprintf(wal, sizeof wal, "%s-wal", path);
	snprintf(shm, sizeof shm, "%s-shm", path);
	struct stat sb;
	if (stat(wal, &sb) == 0 && sb.st_size == 0) {
		unlink(wal);
		unlink(shm);
	}
}

/* Check a database file; NULL when fine, else why not (caller frees). */
static char *check_file(const char *path, const char *what)
{
	char *err = NULL;
	store *st = store_open_existing(path, true, &err);
	if (!st)
		return err;
	arena *a = arena_new();
	char *report = NULL;
	int problems = store_check(st, a, &report);
	int v = store_schema_version(st);
	/* an older schema is fine: the server migrates it when it starts */
	if (v > 0 && v < schema_latest())
		problems--;
	char *m = problems > 0 ? msgf("%s is not a sound werkplaats database:\n%s", what, report) : NULL;
	arena_free(a);
	store_close(st);
	drop_empty_wal(path);
	return m;
}

static bool sync_path(const char *path, bool dir)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool ok = fsync(fd) == 0;
	close(fd);
	return ok;
}

static void dir_of(const char *path, char *out, size_t len)
{
	snprintf(out, len, "%s", path);
	char *slash = strrchr(out, '/');
	if (!slash)
		snprintf(out, len, ".");
	else if (slash == out)
		out[1] = 0;
	else
		*slash = 0;
}

/* Copy `from` (a database) to `to` with the online backup API. */
static char *copy_db(const char *from, const char *to)
{
	char *err = NULL;
	store *src = store_open_existing(from, true, &err);
	if (!src) {
		char *m = msgf("%s: %s", from, err);
		free(err);
		return m;
	}
	char *m = store_backup(src, to) == ST_OK ? NULL : msgf("cannot copy %s: %s", from, store_errmsg(src));
	store_close(src);
	drop_empty_wal(from);
	return m;
}

static char *swap_in(const char *db_path, const char *from)
{
	char dir[4096], tmp[4200], side[4200];
	dir_of(db_path, dir, sizeof dir);
	snprintf(tmp, sizeof tmp, "%s.restore-XXXXXX", db_path);
	int fd = mkstemp(tmp);
	if (fd < 0)
		return msgf("cannot create a file next to %s: %s", db_path, strerror(errno));
	close(fd);
	char *m = copy_db(from, tmp);
	if (!m)
		m = check_file(tmp, "the copy of the backup");
	if (!m && !sync_path(tmp, false))
		m = msgf("cannot write %s to disk%s", tmp, NULL);
	if (!m) {
		/* the old write-ahead log belongs to the old file: it must not
		 * be applied to the restored one */
		snprintf(side, sizeof side, "%s-wal", db_path);
		unlink(side);
		snprintf(side, sizeof side, "%s-shm", db_path);
		unlink(side);
		if (rename(tmp, db_path) != 0)
			m = msgf("cannot rename the restored copy over %s: %s", db_path, strerror(errno));
		else
			sync_path(dir, true);
	}
	if (m)
		unlink(tmp);
	return m;
}

int backup_restore(const char *db_path, const char *from, char **msg)
{
	*msg = check_file(from, from);
	if (*msg)
		return 1;
	int fd = -1;
	char safety[4200] = "";
	if (exists(db_path)) {
		fd = open(db_path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) != 0) {
			*msg = msgf("%s is in use by a running werkplaats server; stop the server first, "
				    "then restore%s",
				    db_path, NULL);
			if (fd >= 0)
				close(fd);
			return 1;
		}
		snprintf(safety, sizeof safety, "%s.before-restore-%lld", db_path, (long long)wp_now());
		char *m = copy_db(db_path, safety);
		if (m) {
			*msg = msgf("nothing was changed: the copy of the current database failed: %s%s", m, NULL);
			free(m);
			close(fd);
			return 1;
		}
	}
	char *m = swap_in(db_path, from);
	if (fd >= 0)
		close(fd);
	if (m) {
		*msg = msgf("nothing was changed: %s%s", m, NULL);
		free(m);
		return 1;
	}
	char done[8600];
	snprintf(done, sizeof done, "Restored %s from %s.%s%s%s", db_path, from,
		 *safety ? " The database as it was is kept as " : "", safety, *safety ? "." : "");
	*msg = xstrdup(done);
	return 0;
}
