/* store.h - the one interface between the application and its database.
 * The web layer and the commands speak only this; SQL lives behind it (in
 * src/store/st_*.c, as literal statements with bound parameters) and the
 * backend (SQLite today) lives behind db.h.
 *
 * Memory: every string or array a store function returns is allocated in
 * the arena the caller passes and lives as long as that arena. */
#ifndef WP_STORE_H
#define WP_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "domain/model.h"

typedef enum {
	ST_OK = 0,
	ST_NOTFOUND = 1, /* no such row */
	ST_CONFLICT = 2, /* refused by a rule: duplicate, stale revision, bad reference */
	ST_BUSY = 3,     /* locked or unreachable: try again (HTTP 503) */
	ST_ERROR = 4     /* anything else (HTTP 500); see store_errmsg */
} store_rc;

typedef struct store store;           /* one connection, used by one thread */
typedef struct store_pool store_pool; /* connections for the server's threads */

/* ---- opening, migrations, pools (store.c) ---- */

/* Open `target`, create or migrate its schema (an older schema is first
 * copied to "<target>.bak-v<N>-<time>"), refuse a schema newer than this
 * program. On failure returns NULL and *err says why (caller frees). */
store *store_open(const char *target, char **err);
/* Open without creating or migrating (for `check`); NULL when the file does
 * not exist or is not a database. */
store *store_open_existing(const char *target, bool readonly, char **err);
void store_close(store *st);
const char *store_errmsg(store *st);

/* A pool of `size` read-write and `size` read-only connections. The schema
 * is migrated once when the pool opens. */
store_pool *store_pool_open(const char *target, int size, char **err);
void store_pool_close(store_pool *p);
store *store_acquire(store_pool *p, bool readonly); /* blocks until one is free */
void store_release(store_pool *p, store *st);       /* rolls back an open transaction */

store_rc store_begin(store *st);       /* read-write transaction */
store_rc store_begin_read(store *st);  /* consistent snapshot */
store_rc store_commit(store *st);
void store_rollback(store *st);

int store_schema_version(store *st);   /* 0 for an empty database */

/* Integrity report for `werkplaats check`: problems appended one per line
 * to *report (arena), returns the number of problems found. */
int store_check(store *st, arena *a, char **report);

/* Consistent copy of the open database to `path` (SQLite online backup). */
store_rc store_backup(store *st, const char *path);

/* ---- settings (st_meta.c) ---- */
store_rc store_meta_get(store *st, arena *a, const char *key, char **value);
store_rc store_meta_set(store *st, const char *key, const char *value);

/* ---- people, accounts, sessions, throttling (st_account.c) ---- */
typedef struct {
	int64_t id;
	const char *name, *email;
	bool has_password, is_admin, is_programme_lead, is_researcher, disabled;
} person;

store_rc store_person_create(store *st, const char *name, const char *email, int64_t *id);
store_rc store_person_get(store *st, arena *a, int64_t id, person *out);
store_rc store_person_by_email(store *st, arena *a, const char *email, person *out,
			       char **password_hash);
store_rc store_people_list(store *st, arena *a, person **out, int *n);
store_rc store_account_set_password(store *st, int64_t person_id, const char *hash);
store_rc store_account_set_roles(store *st, int64_t person_id, bool admin, bool programme_lead,
				 bool researcher);
store_rc store_account_password_hash(store *st, arena *a, int64_t person_id, char **hash);

store_rc store_session_create(store *st, const char *token_hash, int64_t person_id,
			      int64_t expires_at);
/* The person behind a live session; ST_NOTFOUND when unknown, expired or
 * the account is disabled. */
store_rc store_session_person(store *st, arena *a, const char *token_hash, int64_t now,
			      person *out);
store_rc store_session_delete(store *st, const char *token_hash);
store_rc store_sessions_delete_person(store *st, int64_t person_id);

/* Failure throttling for a key (an account, an address, a token probe):
 * store_throttle_blocked is true while `max` failures happened within the
 * window that started at the first of them. */
store_rc store_throttle_blocked(store *st, const char *key, int64_t now, int64_t window,
				int max, bool *blocked);
store_rc store_throttle_fail(store *st, const char *key, int64_t now, int64_t window);
store_rc store_throttle_clear(store *st, const char *key);

store_rc store_password_link_create(store *st, const char *token_hash, int64_t person_id,
				    int64_t expires_at);
store_rc store_password_link_person(store *st, const char *token_hash, int64_t now,
				    int64_t *person_id);
store_rc store_password_link_delete_person(store *st, int64_t person_id);

/* ---- organisations, workplaces, partners, members (st_workplace.c) ---- */
typedef struct {
	int64_t id;
	const char *slug, *name, *domain, *location, *start_date, *description, *vision;
	const char *my_role; /* "coordinator", "member" or "" (site admin only) */
} workplace;

typedef struct {
	int64_t org_id;
	const char *name;
	org_kind kind;
	const char *role; /* "lead" or "partner" */
	const char *joined_on;
} partner;

typedef struct {
	int64_t person_id;
	const char *name, *email, *role;
} member;

typedef struct {
	int64_t id;
	const char *name;
	org_kind kind;
} organisation;

store_rc store_org_create(store *st, const char *name, org_kind kind, int64_t *id);
store_rc store_orgs_list(store *st, arena *a, organisation **out, int *n);
store_rc store_workplace_create(store *st, const workplace *w, int64_t *id);
/* Workplaces the person is a member of; every workplace when all is true. */
store_rc store_workplaces_for(store *st, arena *a, int64_t person_id, bool all, workplace **out,
			      int *n);
store_rc store_workplace_by_slug(store *st, arena *a, const char *slug, workplace *out);
/* The person's role in the workplace: "coordinator", "member" or NULL. */
store_rc store_membership_role(store *st, arena *a, int64_t workplace_id, int64_t person_id,
			       const char **role);
store_rc store_membership_set(store *st, int64_t workplace_id, int64_t person_id,
			      const char *role);
store_rc store_partner_add(store *st, int64_t workplace_id, int64_t org_id, const char *role,
			   const char *joined_on);
store_rc store_partners(store *st, arena *a, int64_t workplace_id, partner **out, int *n);
store_rc store_members(store *st, arena *a, int64_t workplace_id, member **out, int *n);

/* ---- audit log (st_audit.c) ---- */
store_rc store_audit(store *st, int64_t person_id, int64_t workplace_id, const char *action,
		     const char *detail);

#endif
