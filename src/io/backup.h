/* backup.h - copies of the database: scheduled backups while serving, and
 * putting a backup back in place (restore).
 *
 * A running server holds a shared flock() on its database file (flock
 * locks are separate from SQLite's own fcntl locks); restore takes it
 * exclusively, so it refuses a database that a server is using, and a
 * server refuses to start while a restore runs. */
#ifndef WP_BACKUP_H
#define WP_BACKUP_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

#define BACKUP_PREFIX "werkplaats-" /* scheduled copies: werkplaats-YYYYMMDD-HHMMSS.db */

/* The server's shared lock on its database file: an open descriptor, or
 * -1 with *err (caller frees) when the file is locked by a restore or
 * cannot be opened. Close the descriptor to release it. */
int backup_lock_shared(const char *db_path, char **err);

/* One consistent copy of st's database into dir, named by the current UTC
 * time, written under a temporary name and renamed when complete; then the
 * oldest copies beyond `keep` are removed. Returns the path (caller frees)
 * or NULL with *err (caller frees). */
char *backup_to_dir(store *st, const char *dir, int keep, char **err);

/* Remove the oldest scheduled copies in dir beyond keep; returns how many. */
int backup_prune(const char *dir, int keep);

/* A thread that makes a copy at once and then every `every_seconds`. */
typedef struct backup_schedule backup_schedule;
backup_schedule *backup_schedule_start(const char *db_path, const char *dir, int64_t every_seconds,
				       int keep, char **err);
void backup_schedule_stop(backup_schedule *b); /* NULL is fine; waits for a copy in progress */

/* Put the backup at `from` in place of the database at `db_path`:
 * 1. check the backup (integrity, foreign keys, a werkplaats schema not
 *    newer than this program);
 * 2. refuse when a server uses db_path (its shared lock);
 * 3. copy the current database to "<db_path>.before-restore-<time>";
 * 4. copy the backup next to db_path, check that copy, fsync it, remove the
 *    old WAL files and rename it over db_path (atomic), fsync the folder.
 * Returns 0, or 1 with *msg (caller frees) saying why nothing changed. On
 * success *msg says what was done. */
int backup_restore(const char *db_path, const char *from, char **msg);

#endif
