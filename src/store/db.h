/* db.h - the thin driver under the store: one connection, prepared
 * statements, bound parameters, rows. Two backends implement it: SQLite
 * (db_sqlite.c) and PostgreSQL through libpq (db_pg.c); db.c chooses one
 * from the target and dispatches.
 *
 * Every statement is a string literal (wrap it in SQL(...), which refuses
 * anything else at compile time) with `?` placeholders; values are always
 * bound, never spliced into the text. Statements are prepared once per
 * connection and cached by the address of their literal. The PostgreSQL
 * backend rewrites `?` as $1..$n when it prepares a statement, so the
 * statements in st_*.c are written once for both.
 *
 * What the application may rely on with either backend:
 * - a failing statement inside a transaction fails alone (as in SQLite):
 *   the transaction goes on and may still commit (PostgreSQL: the driver
 *   wraps each write in a savepoint, sent in the same round trip);
 * - db_int reads PostgreSQL booleans ('t'/'f') as 1/0;
 * - DB_BUSY means "try again": a lock, a serialization failure, or a
 *   connection that is down (the web layer answers 503). A broken
 *   connection answers DB_BUSY until db_reconnect succeeds. */
#ifndef WP_DB_H
#define WP_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SQL(literal) ("" literal "")

typedef struct db db;
typedef struct db_stmt db_stmt;

typedef enum { DB_SQLITE, DB_POSTGRES } db_kind;

/* db_step results. DB_BUSY: the store could not get a lock in time or is
 * unreachable (the web layer answers 503); DB_CONSTRAINT: a unique, check
 * or foreign-key rule refused the row (the caller says why to the user). */
typedef enum { DB_ROW = 1, DB_DONE = 0, DB_ERROR = -1, DB_BUSY = -2, DB_CONSTRAINT = -3 } db_result;

/* Is `target` a PostgreSQL connection string: a postgresql:// or
 * postgres:// URI, or libpq key=value pairs naming dbname= or host=?
 * Anything else is the path of an SQLite file. */
bool db_target_is_postgres(const char *target);
/* The target as it may be shown or logged: a PostgreSQL password is
 * replaced by ***. */
void db_target_label(const char *target, char *out, size_t size);

/* Open `target` (a file path for SQLite, a connection string for
 * PostgreSQL). Returns NULL and sets *err (caller frees) on failure. A
 * read-only connection refuses every write. */
db *db_open(const char *target, bool readonly, char **err);
/* A connection that is not connected yet (PostgreSQL, when the server is
 * down as a pool grows): it answers DB_BUSY until db_reconnect succeeds.
 * NULL for SQLite. */
db *db_open_later(const char *target, bool readonly);
void db_close(db *c);
db_kind db_backend(const db *c);
const char *db_errmsg(db *c);
bool db_readonly(const db *c);

/* The statement for `sql`, ready to bind. Finish every use with db_done. */
db_stmt *db_prepare(db *c, const char *sql);
/* The same for a statement built at run time (tools such as
 * migrate-store build statements from the schema's table list). Never
 * build SQL from outside input. db_prepare_once: not cached, used once,
 * freed by db_done. db_prepare_owned: prepared once and reused as often as
 * the caller likes (db_done resets it), freed by db_finalize. */
db_stmt *db_prepare_once(db *c, const char *sql);
/* db_prepare for a lookup with a small result (a row, a few dozen) that
 * nearly every request makes: the session, the workplace, a round. Inside
 * a read transaction the SQLite backend answers it from the connection's
 * memory when the same statement with the same bound values was answered
 * there before and nothing has been committed since, by this connection,
 * another one or another process (PRAGMA data_version and the
 * connection's own changes tell). Elsewhere, and on PostgreSQL, it is
 * db_prepare. */
db_stmt *db_prepare_memo(db *c, const char *sql);
db_stmt *db_prepare_owned(db *c, const char *sql);
void db_finalize(db_stmt *s);
void db_bind_int(db_stmt *s, int idx, int64_t v);   /* idx from 1 */
void db_bind_text(db_stmt *s, int idx, const char *v); /* NULL binds NULL */
void db_bind_double(db_stmt *s, int idx, double v);
void db_bind_null(db_stmt *s, int idx);
db_result db_step(db_stmt *s);
int64_t db_int(db_stmt *s, int col);       /* col from 0; NULL reads as 0 */
double db_double(db_stmt *s, int col);
const char *db_text(db_stmt *s, int col);  /* NULL reads as ""; valid until next step */
bool db_isnull(db_stmt *s, int col);
int db_column_count(db_stmt *s);           /* valid after a DB_ROW */
const char *db_column_name(db_stmt *s, int col);
db_result db_done(db_stmt *s);             /* reset for reuse; returns the last error if any */

/* Run one statement to completion; returns DB_DONE or an error. */
db_result db_run(db_stmt *s);

int64_t db_changes(db *c);

/* ---- statements sent together (the committer's batches) ----
 * A call is one statement (an SQL(...) literal, as for db_prepare) with
 * its values as text (NULL for SQL NULL: PostgreSQL types them from the
 * statement, SQLite by the column's affinity) and the number of rows it
 * must touch or return, or DB_ANY_ROWS. */
#define DB_CALL_VALUES 12
#define DB_ANY_ROWS (-1)
typedef struct {
	const char *sql;
	int expect;
	char *v[DB_CALL_VALUES]; /* malloc'ed; freed by db_call_clear */
	bool last; /* a row that every writer updates: the committer sends it after the rest */
} db_call;
void db_call_int(db_call *c, int idx, int64_t v); /* idx from 1 */
void db_call_text(db_call *c, int idx, const char *v);
void db_call_clear(db_call *c);

/* Run calls[0..n) in order inside the open write transaction, without the
 * savepoint of each statement: on PostgreSQL in one pipeline (one round
 * trip for all of them), on SQLite one after another. DB_DONE when every
 * call ran and touched its count of rows. Otherwise *failed is the index
 * of the first call that failed (its error) or touched another count
 * (DB_CONSTRAINT), or -1 when the connection failed (DB_BUSY); then the
 * transaction must be rolled back (on PostgreSQL the calls after the
 * failed one did not run). */
db_result db_pipeline(db *c, db_call *calls, int n, int *failed);

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
 * reading and writing (SQLite online backup). PostgreSQL: DB_ERROR with a
 * message that says to use pg_dump. */
db_result db_backup(db *c, const char *path);

/* Has the connection been lost (PostgreSQL)? Then every call answers
 * DB_BUSY until db_reconnect succeeds. db_reconnect tries at most once a
 * second per connection and says whether the connection is usable. */
bool db_broken(db *c);
bool db_reconnect(db *c);
/* Is this a read-only connection to a standby, taken because no primary
 * answered (PostgreSQL failover)? It reads, possibly a moment behind. */
bool db_on_standby(db *c);

/* PostgreSQL row-level security (schema migration 18): a connection
 * opened by db_open sees every institution's rows (the session setting
 * werkplaats.institution is 'all': the command line, the committer, the
 * scheduler, migrations). After db_scope_closed it, and every connection
 * that replaces it after a loss, has no setting and so sees no
 * institution's rows until a transaction names one (store_set_institution):
 * the connections that serve requests' reads fail closed. SQLite: no
 * effect. */
void db_scope_closed(db *c);

/* Bulk loading (migrate-store): statements are not wrapped in savepoints,
 * so a failing statement fails the whole transaction on PostgreSQL. */
void db_set_bulk(db *c, bool on);

#endif
