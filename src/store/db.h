/* db.h - the thin driver under the store: one connection, prepared
 * statements, bound parameters, rows. The SQLite backend lives in
 * db_sqlite.c; a PostgreSQL backend implements the same calls.
 *
 * Every statement is a string literal (wrap it in SQL(...), which refuses
 * anything else at compile time) with `?` placeholders; values are always
 * bound, never spliced into the text. Statements are prepared once per
 * connection and cached by the address of their literal. */
#ifndef WP_DB_H
#define WP_DB_H

#include <stdbool.h>
#include <stdint.h>

#define SQL(literal) ("" literal "")

typedef struct db db;
typedef struct db_stmt db_stmt;

typedef enum { DB_SQLITE, DB_POSTGRES } db_kind;

/* db_step results. DB_BUSY: the store could not get a lock in time or is
 * unreachable (the web layer answers 503); DB_CONSTRAINT: a unique, check
 * or foreign-key rule refused the row (the caller says why to the user). */
typedef enum { DB_ROW = 1, DB_DONE = 0, DB_ERROR = -1, DB_BUSY = -2, DB_CONSTRAINT = -3 } db_result;

/* Open `target` (a file path for SQLite). Returns NULL and sets *err
 * (caller frees) on failure. A read-only connection refuses every write. */
db *db_open(const char *target, bool readonly, char **err);
void db_close(db *c);
db_kind db_backend(const db *c);
const char *db_errmsg(db *c);
bool db_readonly(const db *c);

/* The statement for `sql`, ready to bind. Finish every use with db_done. */
db_stmt *db_prepare(db *c, const char *sql);
void db_bind_int(db_stmt *s, int idx, int64_t v);   /* idx from 1 */
void db_bind_text(db_stmt *s, int idx, const char *v); /* NULL binds NULL */
void db_bind_double(db_stmt *s, int idx, double v);
void db_bind_null(db_stmt *s, int idx);
db_result db_step(db_stmt *s);
int64_t db_int(db_stmt *s, int col);       /* col from 0; NULL reads as 0 */
double db_double(db_stmt *s, int col);
const char *db_text(db_stmt *s, int col);  /* NULL reads as ""; valid until next step */
bool db_isnull(db_stmt *s, int col);
db_result db_done(db_stmt *s);             /* reset for reuse; returns the last error if any */

/* Run one statement to completion; returns DB_DONE or an error. */
db_result db_run(db_stmt *s);

int64_t db_changes(db *c);

/* Transactions. db_begin_write takes the write lock at once (SQLite
 * BEGIN IMMEDIATE), so a transaction never fails half-way on lock upgrade. */
db_result db_begin_read(db *c);
db_result db_begin_write(db *c);
db_result db_commit(db *c);
void db_rollback(db *c);
bool db_in_transaction(db *c);

/* Copy what the write-ahead log holds back into the database, as far as
 * readers allow, without blocking writers (SQLite's passive checkpoint;
 * nothing to do for a server database). */
db_result db_checkpoint(db *c);

/* Run a script of statements without parameters (migrations, pragmas). */
db_result db_exec_script(db *c, const char *sql);

/* Consistent copy of the whole database to `path` while others keep
 * reading and writing (SQLite online backup). */
db_result db_backup(db *c, const char *path);

#endif
