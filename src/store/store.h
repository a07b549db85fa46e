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
#include "base/buf.h"
#include "domain/definition.h"
#include "domain/instrument.h"
#include "domain/model.h"
#include "domain/open_link.h"
#include "domain/own_statement.h"
#include "domain/practice.h"
#include "domain/retention.h"

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
 * not exist or is not a database, or the PostgreSQL server cannot be
 * reached. */
store *store_open_existing(const char *target, bool readonly, char **err);
void store_close(store *st);
const char *store_errmsg(store *st);
/* Does st read from a PostgreSQL standby because no primary answers? */
bool store_on_standby(store *st);

/* Is `target` a PostgreSQL connection string (else an SQLite file)? */
bool store_is_postgres(const char *target);
/* Does `target` already hold something: an existing file, or a
 * PostgreSQL database with werkplaats tables in it? */
bool store_exists(const char *target);
/* `target` as it may be printed: a PostgreSQL password becomes ***. */
void store_target_label(const char *target, char *out, size_t size);

/* A pool of `size` read-write and `size` read-only connections. The schema
 * is migrated once when the pool opens. */
store_pool *store_pool_open(const char *target, int size, char **err);
void store_pool_close(store_pool *p);
store *store_acquire(store_pool *p, bool readonly); /* blocks until one is free */
void store_release(store_pool *p, store *st);       /* rolls back an open transaction */

/* A new read-write connection of the pool's database that does not count
 * against the pool's size (for a thread that keeps it, like the committer). */
store *store_pool_connect(store_pool *p);

/* ---- group commit (commit.c) ----
 * Work handed to the committer runs on its connection inside a transaction
 * shared with whatever else is waiting, in a savepoint of its own: when fn
 * returns anything but ST_OK its changes are rolled back and the others'
 * are kept. store_commit_async returns at once; on the committer's thread,
 * after the shared transaction has committed (commit ST_OK) or failed,
 * done(done_arg, own, commit) is called, own being what fn returned. Work
 * queued before store_committer_stop is run and its done called. */
typedef struct store_committer store_committer;
typedef store_rc (*store_work)(store *st, void *arg);
typedef void (*store_done)(void *done_arg, store_rc own, store_rc commit);
store_committer *store_committer_start(store_pool *p);
void store_committer_stop(store_committer *c);
void store_commit_async(store_committer *c, store_work fn, void *arg, store_done done, void *done_arg);
/* The committer's figures in the Prometheus text format (batch sizes,
 * commit durations, failures), appended to out. */
void store_committer_metrics(store_committer *c, buf *out);
/* A piece of work that does nothing, through the committer: ST_OK when it
 * came back within timeout_ms with its transaction done, ST_BUSY when not
 * in time, else the store's error. For the health check. */
store_rc store_committer_ping(store_committer *c, int timeout_ms);

/* ---- planned writes (st_plan.c, commit.c) ----
 * On PostgreSQL a write request can be run twice over: first on a
 * read-only connection with a plan set, where the writes that know how (a
 * questionnaire's start and submission: st_response.c, st_openlink.c,
 * st_round.c) add their statements to the plan, each with the rows it
 * must touch, and answer ST_OK without running; any other write fails on
 * the read-only connection. The committer then sends the plans of a batch
 * together (store_commit_plan). A plan that does not apply as planned is
 * rolled back alone and the request runs again as ordinary work. */
typedef struct store_plan store_plan;
store_plan *store_plan_new(void);
void store_plan_free(store_plan *p);
int store_plan_calls(const store_plan *p);
void store_set_plan(store *st, store_plan *p); /* NULL: writes run again */
/* Does this committer send plans (PostgreSQL)? Otherwise plan nothing. */
bool store_committer_pipelines(const store_committer *c);
/* Queue a plan: its statements go to the database with those of the other
 * plans of the batch, without waiting for each one's answer. When one
 * fails or touches another number of rows than planned, the plan's writes
 * are undone (the batch is sent again without it) and fallback runs in
 * the same transaction as store_commit_async's fn would: done gets own
 * ST_OK for an applied plan, else what fallback returned. The committer
 * frees the plan. */
void store_commit_plan(store_committer *c, store_plan *p, store_work fallback, void *arg,
		       store_done done, void *done_arg);

store_rc store_begin(store *st);       /* read-write transaction */
store_rc store_begin_read(store *st);  /* consistent snapshot */
store_rc store_commit(store *st);
void store_rollback(store *st);
/* End a transaction by how its work went: commit when rc is ST_OK (and
 * return what the commit did), otherwise roll back and return rc. */
store_rc store_end(store *st, store_rc rc);

int store_schema_version(store *st);   /* 0 for an empty database */

/* Integrity report for `werkplaats check`: problems appended one per line
 * to *report (arena), returns the number of problems found. */
int store_check(store *st, arena *a, char **report);

/* Consistent copy of the open database to `path` (SQLite online backup). */
store_rc store_backup(store *st, const char *path);

/* ---- copying a whole store (store_copy.c) ---- */
typedef struct {
	const char *table;
	const char *columns; /* as copied: "a, b, c" */
	int64_t src_rows, dst_rows;
	char src_digest[65], dst_digest[65]; /* see store_copy.c */
	bool same;
} store_copy_table;

typedef struct {
	store_copy_table *tables; /* every table of the schema, parents first */
	int n;
	int mismatches;
} store_copy_report;

/* Copy every row of the store at `from` into a new, empty store at `to`
 * (its schema is created here), keeping ids, in one transaction; then
 * compare row counts and digests per table. ST_OK when the copy committed
 * (rep->mismatches says whether it is the same); otherwise *why (arena)
 * says what went wrong and nothing was committed. */
store_rc store_copy(const char *from, const char *to, arena *a, store_copy_report *rep,
		    char **why);

/* ---- settings (st_meta.c) ---- */
store_rc store_meta_get(store *st, arena *a, const char *key, char **value);
store_rc store_meta_set(store *st, const char *key, const char *value);
store_rc store_meta_delete(store *st, const char *key);

/* ---- institutions (st_institution.c) ----
 * A national network runs one store for many institutions
 * (docs/deployment.md section 8): every workplace and every account belongs to one.
 * A store made by init or demo holds one, institution 1, which owns
 * everything; a site with one institution shows no sign of them. */
typedef struct {
	int64_t id;
	const char *slug, *name;
	int workplaces, accounts;
} institution;

store_rc store_institution_create(store *st, const char *slug, const char *name, int64_t *id);
/* Every institution, by id, with its counts of workplaces and accounts. */
store_rc store_institutions(store *st, arena *a, institution **out, int *n);
store_rc store_institution_by_slug(store *st, arena *a, const char *slug, institution *out);
store_rc store_institution_count(store *st, int *n);
/* The institution whose rows this connection's reads see: 0, the whole
 * network (the command line, the committer, the scheduler), or one
 * institution (a signed-in person's request). The store's queries across
 * workplaces and accounts keep to it (workplaces_for, workplace_by_slug,
 * people_list, the library), and new workplaces and accounts are made in
 * it (0: in institution 1). With tell_database, on PostgreSQL and inside
 * a transaction, the database is told too: row-level security then hides
 * every other institution's workplaces, accounts and their data until the
 * transaction ends (one statement; without it, the connection keeps the
 * scope it has in the database). */
store_rc store_set_institution(store *st, int64_t institution_id, bool tell_database);
int64_t store_institution(const store *st);
/* The institution of a workplace (ST_NOTFOUND: no such workplace). */
store_rc store_workplace_institution(store *st, int64_t workplace_id, int64_t *institution_id);

/* ---- people, accounts, sessions, throttling (st_account.c) ---- */
typedef struct {
	int64_t id;
	const char *name, *email;
	bool has_password, is_admin, is_programme_lead, is_researcher, disabled;
	bool has_totp; /* a confirmed second factor (st_totp.c) */
	int64_t institution_id;
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

/* ---- sign-in through the institution (st_idp.c) ----
 * Identity providers as the administrator configured them, with the
 * provider's discovery document and keys as last fetched (a cache). An
 * external identity is keyed on (provider, subject): the e-mail address
 * the provider sends may change without making a second account. */
typedef struct {
	int64_t id;
	const char *slug, *name, *protocol, *issuer, *client_id, *secret_sealed;
	const char *id_claim, *email_claim, *name_claim, *first_sign_in;
	bool link_email;
	const char *discovery, *jwks; /* "" until fetched */
	int64_t fetched_at;
} identity_provider;

/* ST_CONFLICT when the slug is taken. */
store_rc store_idp_create(store *st, const identity_provider *p, int64_t *id);
store_rc store_idps(store *st, arena *a, identity_provider **out, int *n);
store_rc store_idp_get(store *st, arena *a, int64_t id, identity_provider *out);
store_rc store_idp_by_slug(store *st, arena *a, const char *slug, identity_provider *out);
/* ST_NOTFOUND when there is no such provider. */
store_rc store_idp_delete(store *st, int64_t id);
/* Keep what was fetched from the provider (discovery document, keys). */
store_rc store_idp_cache(store *st, int64_t id, const char *discovery, const char *jwks,
			 int64_t fetched_at);

/* The account bound to (provider, subject); ST_NOTFOUND when none. Marks
 * the identity as seen now. */
store_rc store_identity_person(store *st, int64_t provider_id, const char *subject,
			       int64_t *person_id);
store_rc store_identity_bind(store *st, int64_t provider_id, const char *subject,
			     int64_t person_id);
/* How many external identities an account has (0: a password account). */
store_rc store_identity_count(store *st, int64_t person_id, int *n);

/* A login attempt: what the browser that started it must bring back. */
typedef struct {
	int64_t provider_id;
	const char *browser_hash, *nonce, *verifier, *next;
} login_attempt;

store_rc store_login_attempt_create(store *st, const char *state_hash, const login_attempt *la,
				    int64_t expires_at);
/* Take (read and delete) a live attempt: it works once. ST_NOTFOUND when
 * unknown, used or expired. Also removes expired attempts. */
store_rc store_login_attempt_take(store *st, arena *a, const char *state_hash, int64_t now,
				  login_attempt *out);

/* Record a SAML assertion as used until expires_at: ST_CONFLICT when it
 * was used before (a replay). Also forgets expired ones. */
store_rc store_assertion_use(store *st, int64_t provider_id, const char *assertion_id,
			     int64_t expires_at, int64_t now);

/* One-time login links made on the command line (werkplaats login-link). */
store_rc store_login_link_create(store *st, const char *token_hash, int64_t person_id,
				 int64_t expires_at);
/* The person of a live link; with take, the link is used up. */
store_rc store_login_link_person(store *st, const char *token_hash, int64_t now, bool take,
				 int64_t *person_id);

/* ---- personal API tokens (st_apitoken.c) ----
 * Tokens arrive hashed (token_hash("api", T)); the token itself is shown
 * once when made and never stored. */
typedef struct {
	int64_t id;
	const char *name, *hint;
	int64_t created_at;
} api_token;

store_rc store_api_token_create(store *st, int64_t person_id, const char *name, const char *hint,
				const char *token_hash, int64_t *id);
store_rc store_api_tokens(store *st, arena *a, int64_t person_id, api_token **out, int *n);
/* ST_NOTFOUND when the person has no token with this id. */
store_rc store_api_token_revoke(store *st, int64_t person_id, int64_t id);
/* The person behind a token; ST_NOTFOUND when unknown or the account is disabled. */
store_rc store_api_token_person(store *st, arena *a, const char *token_hash, person *out);

/* ---- organisations, workplaces, partners, members (st_workplace.c) ---- */
typedef struct {
	int64_t id;
	const char *slug, *name, *domain, *location, *start_date, *description, *vision;
	const char *my_role; /* "coordinator", "member" or "" (site admin only) */
	bool share_comments_lead; /* the workplace lets a programme lead read its
				   * comments (store_workplace_by_slug only) */
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
	const char *name, *email;
	member_role role;
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
/* Turn the workplace's setting "share comments with the programme lead"
 * on or off. */
store_rc store_workplace_share_comments_set(store *st, int64_t workplace_id, bool on);
/* The person's role in the workplace (a member_role), or -1 for none. */
store_rc store_membership_role(store *st, int64_t workplace_id, int64_t person_id, int *role);
store_rc store_membership_set(store *st, int64_t workplace_id, int64_t person_id,
			      member_role role);
store_rc store_partner_add(store *st, int64_t workplace_id, int64_t org_id, const char *role,
			   const char *joined_on);
store_rc store_partners(store *st, arena *a, int64_t workplace_id, partner **out, int *n);
store_rc store_members(store *st, arena *a, int64_t workplace_id, member **out, int *n);

/* Benchmarks across institutions: an institution compares its workplaces
 * with another's only when both have agreed. The other institutions seen
 * from the store's institution, by name, with who agreed. */
typedef struct {
	int64_t id;
	const char *slug, *name;
	bool we_agreed, they_agreed;
} benchmark_partner;
store_rc store_benchmark_partners(store *st, arena *a, benchmark_partner **out, int *n);
/* The store's institution agrees (or withdraws) to compare with partner_id;
 * ST_NOTFOUND when that is no other institution. */
store_rc store_benchmark_agree(store *st, int64_t partner_id, int64_t person_id, bool agree);
/* The workplaces a benchmark of institution_id compares: its own and those
 * of every institution that agreed with it both ways (any my_role ""). */
store_rc store_benchmark_workplaces(store *st, arena *a, int64_t institution_id, workplace **out,
				    int *n);

/* ---- instruments (st_instrument.c) ---- */
typedef struct {
	int64_t id;
	const char *code, *label; /* instrument id and its version label */
	int version_no;           /* 1, 2, ... per instrument */
	int64_t created_at;
	int rounds;               /* rounds that use it */
} instr_version;

/* One stored question of a version: a statement on the scale or an open
 * question, with its database id. */
typedef struct {
	int64_t id;
	const char *code;
	bool open;
} item_row;

/* Store a parsed definition as a new version in one transaction (the caller
 * opens it). When the same text is already stored, *existed is set and
 * nothing changes. ST_CONFLICT when the label is taken by other text. */
store_rc store_instrument_load(store *st, const char *code, const char *label,
			       const char *definition, const char *sha256,
			       const instrument *in, int64_t *version_id,
			       int *version_no, bool *existed);
store_rc store_instrument_versions(store *st, arena *a, instr_version **out, int *n);
store_rc store_instrument_latest(store *st, arena *a, instr_version *out);
store_rc store_instrument_definition(store *st, arena *a, int64_t version_id, char **definition);
/* Every question of a version in the order of its place (items.position). */
store_rc store_items(store *st, arena *a, int64_t version_id, item_row **out, int *n);

/* How a response of a version keeps its answers: one place per question,
 * in the order store_items gives. A view of the caller's rows; nothing to
 * free. Functions that take one check that the response's round uses
 * that version. */
typedef struct {
	int64_t version_id;
	const item_row *items;
	int n;
} item_layout;

/* ---- rounds and invitations (st_round.c) ---- */
typedef struct {
	int64_t id, workplace_id, version_id;
	const char *title, *opens_on, *closes_on; /* YYYY-MM-DD */
	int k;
	int k_comments; /* no comment of a group below it; >= k; 0 when creating: k + 2 */
	bool closed_early;
	const char *open_token;
	const char *workplace_slug, *workplace_name;
	const char *version_label;
	int64_t answers_version; /* changes whenever the submitted answers change */
	const char *mail_lang;   /* its mails' language: "nl", "en" or "both" (NULL when creating: both) */
	/* when retention deleted its raw answers, comments, invitation
	 * addresses (seconds; 0: still kept). With the answers gone its
	 * figures come from its snapshot (src/figures/snapshot.h). */
	int64_t answers_deleted_at, comments_deleted_at, addresses_deleted_at;
} mround;

store_rc store_round_create(store *st, const mround *r, int64_t *id);
store_rc store_round_get(store *st, arena *a, int64_t id, mround *out);
store_rc store_round_by_open_token(store *st, arena *a, const char *token, mround *out);
store_rc store_rounds_for(store *st, arena *a, int64_t workplace_id, mround **out, int *n);
/* The round of the same workplace just before cur in store_rounds_for's
 * order (ST_NOTFOUND: cur is the first). */
store_rc store_round_previous(store *st, arena *a, const mround *cur, mround *out);
store_rc store_round_set_closed(store *st, int64_t id, bool closed);
store_rc store_round_set_mail_lang(store *st, int64_t id, const char *lang);
/* Submitted responses per perspective, and responses started but not sent. */
store_rc store_round_counts(store *st, int64_t round_id, int counts[PERSP_COUNT], int *in_progress);

typedef struct {
	int64_t id, round_id;
	const char *email;
	perspective persp;
	bool responded;
	int sent_count;
} invitation;

/* ST_CONFLICT when the address is already invited to the round. */
store_rc store_invitation_create(store *st, int64_t round_id, const char *email, perspective p,
				 const char *token_hash, int64_t *id);
store_rc store_invitation_add_token(store *st, int64_t invitation_id, const char *token_hash);
store_rc store_invitation_by_token(store *st, arena *a, const char *token_hash, invitation *out);
/* Invitations of a round that have not been answered. */
store_rc store_invitations_pending(store *st, arena *a, int64_t round_id, invitation **out, int *n);
store_rc store_invitation_counts(store *st, int64_t round_id, int *invited, int *responded);
store_rc store_invitation_mark_sent(store *st, int64_t id);
store_rc store_invitation_mark_responded(store *st, int64_t id);

/* ---- mail: reminders planned for rounds, delivery errors, a workplace's
 * texts (st_mail.c); the settings live in meta under "mail." keys ---- */
typedef struct {
	int64_t id, round_id;
	int day;
	int64_t due_at;
	int64_t started_at, finished_at; /* 0: not yet */
	int sent, failed;
	const char *note;
} round_reminder;

/* The round's reminders by day. */
store_rc store_round_reminders(store *st, arena *a, int64_t round_id, round_reminder **out, int *n);
/* Plan the round's reminders: days[0..n) with their due times; planned
 * ones of other days that have not started are dropped, started ones
 * stay whatever the days. */
store_rc store_round_reminders_plan(store *st, int64_t round_id, const int *days,
				    const int64_t *due_at, int n);
/* Reminders not started whose time has come (at most `max`), oldest first. */
store_rc store_reminders_due(store *st, arena *a, int64_t now, int max, round_reminder **out,
			     int *n);
/* Claim a reminder for sending: *claimed is true when this call set its
 * started_at (nobody had), false when another got there first. In the
 * caller's transaction, with the minting of its links. */
store_rc store_reminder_claim(store *st, int64_t id, int64_t now, bool *claimed);
store_rc store_reminder_finish(store *st, int64_t id, int64_t now, int sent, int failed,
			       const char *note);

typedef struct {
	int64_t at;
	const char *recipient; /* masked */
	const char *context, *error;
} mail_failure;

#define MAIL_FAILURES_KEPT 50
/* Record a delivery error (the recipient already masked); only the newest
 * MAIL_FAILURES_KEPT are kept. */
store_rc store_mail_failure_add(store *st, int64_t at, const char *recipient, const char *context,
				const char *error);
store_rc store_mail_failures(store *st, arena *a, mail_failure **out, int *n); /* newest first */

/* A workplace's text of a mail ("invitation" or "reminder", "nl" or
 * "en"); ST_NOTFOUND when it uses the default. */
store_rc store_mail_template_get(store *st, arena *a, int64_t workplace_id, const char *kind,
				 const char *lang, char **body);
store_rc store_mail_template_set(store *st, int64_t workplace_id, const char *kind, const char *lang,
				 const char *body);
store_rc store_mail_template_delete(store *st, int64_t workplace_id, const char *kind,
				    const char *lang);

/* ---- read-only links to a closed round's results (st_share.c) ----
 * Tokens arrive hashed (token_hash("share", T)); the token itself is shown
 * once when made and never stored. */
typedef struct {
	int64_t id, round_id, workplace_id; /* round_id 0: a year link */
	int year;                          /* a year link's year; 0 for a round's */
	const char *created_by;            /* name, "" when unknown */
	int64_t created_at, expires_at;
	int64_t revoked_at, last_used_at;  /* 0: not revoked, never used */
	int uses;
} share_link;

store_rc store_share_link_create(store *st, int64_t round_id, const char *token_hash, int64_t person_id,
				 int64_t expires_at, int64_t *id);
/* The links of a round, newest first, revoked and expired ones too. */
store_rc store_share_links(store *st, arena *a, int64_t round_id, share_link **out, int *n);
/* Revoke a live link of the round at `now`; ST_NOTFOUND when the round
 * has no link with this id or it is revoked already. */
store_rc store_share_link_revoke(store *st, int64_t round_id, int64_t id, int64_t now);
/* Links to a workplace's year report (their own ids, their own table). */
store_rc store_year_share_link_create(store *st, int64_t workplace_id, int year, const char *token_hash,
				      int64_t person_id, int64_t expires_at, int64_t *id);
/* The year links of a workplace, newest first, revoked and expired ones too. */
store_rc store_year_share_links(store *st, arena *a, int64_t workplace_id, share_link **out, int *n);
/* Revoke a live year link of the workplace; ST_NOTFOUND as above. */
store_rc store_year_share_link_revoke(store *st, int64_t workplace_id, int64_t id, int64_t now);
/* The link behind a token hash, a round's or a year's, whatever its state
 * (the caller checks expiry and revocation). */
store_rc store_share_link_by_token(store *st, arena *a, const char *token_hash, share_link *out);
/* Count one use of link id (a year link's when year_link) at `now`.
 * *new_visit is true when the link had not been used for `quiet` seconds
 * (or never): the start of a visit. */
store_rc store_share_link_used(store *st, int64_t id, bool year_link, int64_t now, int64_t quiet,
			       bool *new_visit);

/* ---- the site's own look (st_look.c) ---- */
typedef struct {
	const char *logo;      /* base64 of the checked file, "" when none */
	const char *logo_kind; /* "png", "svg" or "" */
	const char *accent;    /* "#rrggbb", "" when the stylesheet's own */
	int64_t updated_at;    /* 0 when never saved */
} site_look;

/* The look; empty strings when nothing was chosen. */
store_rc store_look_get(store *st, arena *a, site_look *out);
/* Set the logo (NULL, NULL: remove it) or the accent (NULL: remove it). */
store_rc store_look_set_logo(store *st, const char *logo, const char *kind);
store_rc store_look_set_accent(store *st, const char *accent);

/* ---- what came in through a round's open link (st_openlink.c) ----
 * Counts per round and bucket of OPEN_LINK_BUCKET seconds; never a row per
 * response. `bucket` is open_link_bucket(now). */
typedef enum { OPEN_START, OPEN_SUBMIT, OPEN_WITHDRAW } open_event;

/* Count one start, submission or withdrawal through the round's open link,
 * in the caller's transaction. A start or submission is counted only while
 * the bucket holds fewer than `limit` of its kind; otherwise nothing
 * changes and *counted is false (the caller refuses it). */
store_rc store_open_link_count(store *st, int64_t round_id, int64_t bucket, open_event e, int limit,
			       bool *counted);
/* Count a start or submission that was refused for the limit. Call it in
 * a transaction of its own: the refused request's own is rolled back. */
store_rc store_open_link_refused(store *st, int64_t round_id, int64_t bucket, open_event e);
/* The round's open-link activity per day (UTC), newest first. */
store_rc store_open_link_days(store *st, arena *a, int64_t round_id, open_link_day **out, int *n);

/* ---- responses (st_response.c) ----
 * A response knows its round and perspective, never an invitation or an
 * e-mail address, and no times. */
typedef struct {
	int64_t id, round_id;
	perspective persp;
	bool submitted;
	bool resumable; /* has a resume code (it came in by the open link) */
	const char *resume_hash; /* its hash, NULL when not resumable */
	const char *resume_mask; /* the code masked under the address, or NULL */
	int page;
	const char *lang;
	bool easy; /* answered in easy-read */
} response;

typedef struct {
	int64_t item_id;
	int value; /* 1..5, or 0 for "don't know / not applicable" (stored as NULL) */
} answer;

typedef struct {
	int64_t item_id;
	const char *text;
} comment;

store_rc store_response_create(store *st, int64_t round_id, perspective p, const char *access_hash,
			       const char *resume_hash, const char *lang, bool easy, int64_t *id);
store_rc store_response_by_access(store *st, arena *a, const char *access_hash, response *out);
store_rc store_response_by_resume(store *st, arena *a, int64_t round_id, const char *resume_hash,
				  response *out);
/* Give the response a new private address, with its resume code masked
 * under it; the old address is kept (with the round only, never the
 * response) as retired. */
store_rc store_response_move(store *st, int64_t id, const char *access_hash, const char *resume_mask);
/* The round of a retired address (ST_NOTFOUND: none). */
store_rc store_retired_link(store *st, const char *access_hash, int64_t *round_id);
store_rc store_response_set_page(store *st, int64_t id, int page, const char *lang);
/* Replace the answers to the listed items: items in `ids` that are not in
 * `answers` lose their answer. ids NULL: `answers` is the whole set, every
 * other question has no answer. ST_CONFLICT when an answer names an item
 * outside the layout or a value outside 0..5; ST_NOTFOUND when the
 * response is missing or its round uses another version. */
store_rc store_answers_replace(store *st, int64_t response_id, const item_layout *lay,
			       const int64_t *ids, int n_ids, const answer *answers, int n_answers);
/* Delete every comment and trigger of a response: the first step of
 * saving the whole questionnaire at once (one statement per table instead
 * of one per item); store_answers_replace with the whole layout then
 * replaces every answer, so they are left to it. */
store_rc store_response_clear_extras(store *st, int64_t response_id);
/* A response that is sent at once with its answers (an import): one row,
 * no resume code. The caller calls store_round_answers_changed once after
 * adding a round's responses; until then a results cache may not see them. */
store_rc store_response_add_sent(store *st, int64_t round_id, perspective p,
				 const char *access_hash, const item_layout *lay,
				 const answer *answers, int n_answers, int64_t *id);
/* Many of those at once, for responses that need no id afterwards (no
 * comments, no triggers): inserted several per statement. */
typedef struct {
	perspective persp;
	const char *access_hash;
	const answer *answers;
	int n_answers;
} sent_response;
store_rc store_responses_add_sent(store *st, int64_t round_id, const item_layout *lay,
				  const sent_response *rs, int n);
store_rc store_round_answers_changed(store *st, int64_t round_id);

/* ---- paper questionnaires typed in (st_paper.c) ----
 * One returned paper form as the first person typed it; once a second
 * person typed the same and both agree, it is checked: its digits are
 * gone and a sent response (marked paper) holds the answers. */
typedef struct {
	int64_t id, round_id;
	int form_no;
	perspective persp;
	const char *digits; /* as typed (src/domain/paper.h); "" once checked */
	int64_t entered_by;
	const char *entered_by_name; /* "" when the account is gone */
	int64_t entered_at;
	bool checked;
} paper_entry;

/* ST_CONFLICT when the round has that form number already. */
store_rc store_paper_add(store *st, int64_t round_id, int form_no, perspective p, const char *digits,
			 int64_t person_id, int64_t *id);
/* A round's entries: those waiting for their check first, by form number. */
store_rc store_paper_entries(store *st, arena *a, int64_t round_id, paper_entry **out, int *n);
store_rc store_paper_entry(store *st, arena *a, int64_t round_id, int form_no, paper_entry *out);
/* Mark an entry checked and forget its digits; ST_NOTFOUND when it was. */
store_rc store_paper_checked(store *st, int64_t id, int64_t person_id);
/* Remove an entry that waits for its check; ST_NOTFOUND otherwise. */
store_rc store_paper_delete(store *st, int64_t round_id, int64_t id);
/* Mark a sent response as typed in from paper. */
store_rc store_response_mark_paper(store *st, int64_t id);
store_rc store_comment_set(store *st, int64_t response_id, int64_t item_id, const char *text);
store_rc store_response_triggers_set(store *st, int64_t response_id, unsigned mask);
/* The answers of a response in place order (value 0: "don't know"). */
store_rc store_response_answers(store *st, arena *a, int64_t response_id, const item_layout *lay,
				answer **out, int *n);
store_rc store_response_comments(store *st, arena *a, int64_t response_id, comment **out, int *n);
store_rc store_response_triggers(store *st, int64_t response_id, unsigned *mask);
store_rc store_response_submit(store *st, int64_t id);
store_rc store_response_delete(store *st, int64_t id);

/* ---- what a round's results are computed from (st_results.c) ----
 * Only submitted responses count. */

/* The answers as compact arrays for the analysis: per respondent its
 * perspective, and a row of n_items values (0 missing or "don't know",
 * 1..5 as given) in the order of item_ids. Allocated in the arena. */
store_rc store_round_matrix(store *st, arena *a, int64_t round_id, const int64_t *item_ids,
			    int n_items, int *n_resp, uint8_t **persp, int8_t **answers);

typedef struct {
	perspective persp;
	int64_t item_id;
	const char *text;
} round_comment;

store_rc store_round_comments(store *st, arena *a, int64_t round_id, round_comment **out, int *n);
/* How many respondents named each trigger. */
store_rc store_round_triggers(store *st, int64_t round_id, int counts[TRIG_COUNT]);

/* ---- retention (st_retention.c; src/domain/retention.h) ---- */
/* The site's limits (meta keys retention_*; missing: 0, no limit). */
store_rc store_retention_site(store *st, retention_policy *out);
store_rc store_retention_site_set(store *st, const retention_policy *p);
/* A workplace's own limits (0: the site's holds). */
store_rc store_retention_workplace(store *st, int64_t workplace_id, retention_policy *out);
store_rc store_retention_workplace_set(store *st, int64_t workplace_id, const retention_policy *p);

/* The site's privacy statement (plain text, Dutch and English) and its
 * privacy contact, as the administrator wrote them; "" when not set. */
typedef struct {
	const char *statement_nl, *statement_en, *contact;
} privacy_texts;
store_rc store_privacy_texts(store *st, arena *a, privacy_texts *out);
store_rc store_privacy_texts_set(store *st, const privacy_texts *t);

/* A round of which something is still kept, with its workplace's own
 * limits. */
typedef struct {
	int64_t round_id, workplace_id;
	const char *closes_on;
	bool closed_early;
	bool answers_kept, comments_kept, addresses_kept;
	retention_policy own;
} retention_round;
store_rc store_retention_rounds(store *st, arena *a, retention_round **out, int *n);
/* Every workplace with its own limits. */
typedef struct {
	int64_t workplace_id;
	const char *slug;
	retention_policy own;
} retention_workplace;
store_rc store_retention_workplaces(store *st, arena *a, retention_workplace **out, int *n);

/* Delete expired sessions, password links and workplace invitations, and
 * login throttle counters whose window began before throttle_before. */
store_rc store_expired_delete(store *st, int64_t now, int64_t throttle_before, int *deleted);

/* A round's released figures kept as JSON before its raw answers go. */
store_rc store_round_snapshot_put(store *st, int64_t round_id, int64_t now, const char *json);
store_rc store_round_snapshot(store *st, arena *a, int64_t round_id, char **json);
/* Delete a round's responses (answers, triggers and comments with them),
 * its comments only, or its invitations (the addresses and their links),
 * and record when; *deleted: how many rows (responses, comments,
 * invitations). Deleting answers changes answers_version. */
store_rc store_round_delete_answers(store *st, int64_t round_id, int64_t now, int *deleted);
store_rc store_round_delete_comments(store *st, int64_t round_id, int64_t now, int *deleted);
store_rc store_round_delete_addresses(store *st, int64_t round_id, int64_t now, int *deleted);
/* Delete a workplace's audit log entries from before `before` (seconds);
 * workplace_id 0: the site's own entries (of no workplace). */
store_rc store_audit_delete_before(store *st, int64_t workplace_id, int64_t before, int *deleted);

/* ---- the second factor (st_totp.c; src/base/totp.h) ---- */
typedef struct {
	const char *secret_sealed;
	bool confirmed;
	int64_t last_step;
} totp_row;
store_rc store_totp_get(store *st, arena *a, int64_t person_id, totp_row *out);
/* A new secret being set up (replaces one not yet confirmed); ST_CONFLICT
 * when a confirmed one exists. */
store_rc store_totp_begin(store *st, int64_t person_id, const char *secret_sealed);
store_rc store_totp_confirm(store *st, int64_t person_id, int64_t step, int64_t now);
/* Record that the code of `step` was used: ST_CONFLICT when a code of
 * that step or a later one was used already (by another request too). */
store_rc store_totp_used(store *st, int64_t person_id, int64_t step);
store_rc store_totp_delete(store *st, int64_t person_id);
store_rc store_login_challenge_create(store *st, const char *token_hash, int64_t person_id, int64_t expires_at,
				      const char *next);
/* The person and return path of a live challenge. */
store_rc store_login_challenge_get(store *st, arena *a, const char *token_hash, int64_t now, int64_t *person_id,
				   char **next);
store_rc store_login_challenge_delete(store *st, const char *token_hash);

/* ---- a person's data (st_person.c; docs/privacy.md) ---- */
/* One kind of row stored about an address: its columns and rows as text
 * (cells[row * n_cols + col]; NULL for SQL NULL). Arena memory. */
typedef struct {
	const char *name;
	int n_cols, n_rows;
	const char **cols;
	const char **cells;
} person_section;
/* Everything stored about the (lower-case) address: every section, also
 * those without rows, in the catalogue's order. */
store_rc store_person_data(store *st, arena *a, const char *email, person_section **out, int *n);

typedef struct {
	int people, round_invitations, workplace_invitations, audit_details;
} person_deleted;
/* Delete the address's person (account, memberships, sessions, API
 * tokens, password links), its invitations and login throttle, and empty
 * the details of audit log entries that name it. Anonymous answers are
 * not touched. Call inside a transaction. */
store_rc store_person_delete(store *st, arena *a, const char *email, person_deleted *out);
/* Active site administrators other than the address's person. */
store_rc store_admins_besides(store *st, const char *email, int *n);

/* ---- what exports read (st_export.c; store_rounds_of_version in st_round.c) ----
 * Only submitted responses; never a response id, token, time or language. */
/* How a response was given: online, online in easy-read, on paper. */
typedef enum { MODE_WEB, MODE_EASY, MODE_PAPER, MODE_COUNT } response_mode;

typedef struct {
	perspective persp;
	response_mode mode;
	answer *answers;  /* value 0: "don't know" */
	int n_answers;
	unsigned triggers; /* bitmask of 1u << trigger_kind */
} stored_response;

/* The submitted responses of a round, in no meaningful order. */
store_rc store_round_responses(store *st, arena *a, int64_t round_id, stored_response **out, int *n);
/* Every round (of every workplace) that uses an instrument version, oldest first. */
store_rc store_rounds_of_version(store *st, arena *a, int64_t version_id, mround **out, int *n);

/* ---- improvement actions and outcomes (st_action.c) ---- */
typedef struct {
	int64_t id, workplace_id, round_id; /* round_id 0: not tied to a round */
	const char *title, *description, *owner, *due_on;
	action_status status;
	unsigned elements; /* bitmask of 1u << element_code */
	int revision;
} improvement;

typedef struct {
	int64_t id, workplace_id;
	outcome_category category;
	const char *occurred_on, *title, *description, *evidence_url;
} outcome;

store_rc store_action_create(store *st, const improvement *a, int64_t *id);
store_rc store_action_note_add(store *st, int64_t action_id, const char *noted_on,
			       const char *text, int64_t person_id);
store_rc store_outcome_create(store *st, const outcome *o, int64_t *id);
store_rc store_outcome_partner_add(store *st, int64_t outcome_id, int64_t org_id);

/* Pages of a workplace's actions (by id) and outcomes (by date), with
 * their total count; for the API (st_action.c). */
store_rc store_actions_page(store *st, arena *a, int64_t workplace_id, int limit, int offset,
			    improvement **out, int *n, int *total);
store_rc store_outcomes_page(store *st, arena *a, int64_t workplace_id, int limit, int offset,
			     outcome **out, int *n, int *total);

/* ---- audit log (st_audit.c) ---- */
store_rc store_audit(store *st, int64_t person_id, int64_t workplace_id, const char *what,
		     const char *detail);

/* ---- running a workplace (st_profile.c, st_member.c, st_action.c,
 * st_audit.c): the profile, the nine characteristics, partners, members
 * and invitations to join, the improvement agenda, the outcomes register,
 * realist notes and reading the audit log. Rules that must hold whatever
 * the caller does (the last coordinator stays, a stale revision is
 * refused) are checked here, inside the caller's transaction. */

/* The profile: the workplace's own fields (slug and id are not changed by
 * store_profile_set), its goals and a short text per trigger ("" when the
 * trigger does not apply). */
typedef struct {
	workplace w;
	const char *goals;
	const char *trigger[TRIG_COUNT];
} wp_profile;

store_rc store_profile_get(store *st, arena *a, int64_t workplace_id, wp_profile *out);
/* Save the profile; a trigger whose text changed is also kept in the
 * trigger history, made by person `by` (0: nobody known) now. */
store_rc store_profile_set(store *st, arena *a, const wp_profile *p, int64_t by);

/* One change of a trigger's text ("" when it no longer applies). */
typedef struct {
	trigger_kind kind;
	const char *text;
	int64_t at;     /* seconds since the epoch */
	const char *by; /* the person's name; "" when not known (migrated, account gone) */
} trigger_change;

/* The workplace's trigger changes, newest first, at most max, in a. */
store_rc store_trigger_changes(store *st, arena *a, int64_t workplace_id, int max,
			       trigger_change **out, int *n);

/* The self-assessment of the nine characteristics; out[i] is
 * characteristic i (0..8), state CHAR_UNASSESSED with note "" when not
 * assessed. */
typedef struct {
	char_state state;
	const char *note;
} wp_characteristic;

/* One assessment of the nine characteristics: every save of the form. */
typedef struct {
	int64_t id;
	int64_t at;     /* seconds since the epoch */
	const char *by; /* the assessor's name; "" when not known (migrated, account gone) */
	wp_characteristic c[PW_CHARACTERISTICS];
} char_assessment;

/* The current assessment (the newest); all CHAR_UNASSESSED when none. */
store_rc store_characteristics_get(store *st, arena *a, int64_t workplace_id,
				   wp_characteristic out[PW_CHARACTERISTICS]);
/* The workplace's assessments, newest first, at most max, in a. */
store_rc store_char_assessments(store *st, arena *a, int64_t workplace_id, int max, char_assessment **out,
				 int *n);
/* Add an assessment made now by person `by` (0: nobody known); its id in
 * *id. A CHAR_UNASSESSED characteristic stores no rating. */
store_rc store_char_assessment_add(store *st, int64_t workplace_id, int64_t by,
				   const wp_characteristic cs[PW_CHARACTERISTICS], int64_t *id);

store_rc store_org_get(store *st, arena *a, int64_t org_id, organisation *out);
/* An organisation with this name, compared without regard to ASCII case. */
store_rc store_org_by_name(store *st, arena *a, const char *name, organisation *out);
/* ST_NOTFOUND when the organisation is not a partner of the workplace. */
store_rc store_partner_update(store *st, int64_t workplace_id, int64_t org_id, const char *role,
			      const char *joined_on);
store_rc store_partner_remove(store *st, int64_t workplace_id, int64_t org_id);

/* Remove a member, or change a member's role. ST_NOTFOUND when the person
 * is not a member; ST_CONFLICT when it would leave the workplace without a
 * coordinator (the last coordinator can be neither removed nor made a
 * member). */
store_rc store_membership_remove(store *st, int64_t workplace_id, int64_t person_id);
store_rc store_membership_change(store *st, int64_t workplace_id, int64_t person_id,
				 member_role role);

/* A one-time link to join a workplace with a fixed e-mail address. */
typedef struct {
	int64_t id, workplace_id;
	const char *email;
	member_role role;
	const char *invited_by;              /* name, "" when unknown */
	const char *workplace_slug, *workplace_name;
	int64_t created_at, expires_at;
} member_invitation;

/* Replaces an open invitation of the same address to the same workplace. */
store_rc store_member_invitation_create(store *st, int64_t workplace_id, const char *email,
					member_role role, const char *token_hash,
					int64_t invited_by, int64_t expires_at, int64_t *id);
/* The invitation behind a link that has not expired. */
store_rc store_member_invitation_by_token(store *st, arena *a, const char *token_hash,
					  int64_t now, member_invitation *out);
store_rc store_member_invitations_open(store *st, arena *a, int64_t workplace_id, int64_t now,
				       member_invitation **out, int *n);
/* Delete (revoke, or use up) an invitation of the workplace; ST_NOTFOUND
 * when there is none with this id. */
store_rc store_member_invitation_delete(store *st, int64_t workplace_id, int64_t id);

/* An action as the agenda lists it. */
typedef struct {
	improvement act;
	const char *round_title;   /* "" when not tied to a round */
	int64_t created_at, updated_at;
	const char *updated_by;    /* name of who last changed it, "" when unknown */
	int n_notes;
} action_info;

typedef struct {
	int64_t id;
	const char *noted_on, *text, *author; /* author "" when unknown */
} action_note;

/* Actions of a workplace. status: -1 every status, ACTION_STATUS_COUNT the open
 * (action_status_open), or one action_status; element: -1 every element, or the
 * element_code the action must be tied to. Ordered open ones first, then by
 * due date (none last). */
store_rc store_actions_list(store *st, arena *a, int64_t workplace_id, int status,
			    int element, action_info **out, int *n);
/* ST_NOTFOUND when the action is not one of the workplace's. */
store_rc store_action_get(store *st, arena *a, int64_t workplace_id, int64_t id, action_info *out);
/* Save a->title, description, owner, due_on, status, elements and round_id
 * when the stored revision is still `revision`, and raise the revision by
 * one. ST_CONFLICT when someone saved in between (the stored revision
 * differs), ST_NOTFOUND when the action is gone. */
store_rc store_action_update(store *st, const improvement *a, int revision, int64_t person_id);
store_rc store_action_notes(store *st, arena *a, int64_t action_id, action_note **out, int *n);
/* Open actions (planned or in progress) per element of a workplace. */
store_rc store_action_open_counts(store *st, int64_t workplace_id, int counts[EL_COUNT]);
/* Open actions of a workplace, and those of them due before `today`. */
store_rc store_action_counts(store *st, int64_t workplace_id, const char *today, int *open,
			     int *overdue);

/* An outcome with the partners involved. */
typedef struct {
	outcome o;
	int n_partners;
	int64_t *partner_ids;
	const char **partner_names;
	bool has_file; /* an evidence file (store_evidence_exists; not filled by the list) */
} outcome_info;

/* Outcomes of a workplace by date, oldest first. */
store_rc store_outcomes_list(store *st, arena *a, int64_t workplace_id, outcome_info **out, int *n);
store_rc store_outcome_get(store *st, arena *a, int64_t workplace_id, int64_t id,
			   outcome_info *out);
/* Save category, date, title, description and evidence of o (o->id within
 * o->workplace_id); ST_NOTFOUND when there is no such outcome. */
store_rc store_outcome_update(store *st, const outcome *o);
store_rc store_outcome_delete(store *st, int64_t workplace_id, int64_t id);
/* Replace the partners involved in an outcome. */
store_rc store_outcome_partners_set(store *st, int64_t outcome_id, const int64_t *org_ids, int n);

/* Outcomes per calendar year and category, years ascending. */
typedef struct {
	int year;
	int count[OUT_COUNT];
} outcome_year;

store_rc store_outcome_years(store *st, arena *a, int64_t workplace_id, outcome_year **out, int *n);

/* A realist note: in what situation (context), through which element and
 * how (mechanism), what happened (result). Tied to exactly one action or
 * one outcome. */
typedef struct {
	int64_t id, workplace_id, action_id, outcome_id; /* one of the two is 0 */
	int element;                                     /* element_code, or -1 */
	const char *context, *mechanism, *result;
	const char *author;                              /* name, "" when unknown */
	const char *about;                               /* title of the action or outcome */
	int64_t created_at;
} realist_note;

store_rc store_realist_add(store *st, const realist_note *n, int64_t person_id, int64_t *id);
/* Notes of one action (action_id > 0), of one outcome (outcome_id > 0) or,
 * with both 0, every note of the workplace; oldest first. */
store_rc store_realist_notes(store *st, arena *a, int64_t workplace_id, int64_t action_id,
			     int64_t outcome_id, realist_note **out, int *n);
store_rc store_realist_delete(store *st, int64_t workplace_id, int64_t id);

/* ---- what works where (st_library.c): what a workplace shares with the
 * institution. Only a coordinator of the workplace sets the flags; the
 * library reads shared items only. */

/* Share an action or a realist note of the workplace with the institution
 * (or stop); ST_NOTFOUND when it is not the workplace's. */
store_rc store_action_share_set(store *st, int64_t workplace_id, int64_t action_id, bool shared);
store_rc store_realist_share_set(store *st, int64_t workplace_id, int64_t note_id, bool shared);
store_rc store_action_shared(store *st, int64_t workplace_id, int64_t action_id, bool *shared);
/* The ids of the workplace's shared realist notes, ascending. */
store_rc store_realist_shared_ids(store *st, arena *a, int64_t workplace_id, int64_t **ids, int *n);

/* A shared action as the library lists it, with its workplace. */
typedef struct {
	int64_t id, workplace_id, round_id; /* round_id 0: not tied to a round */
	const char *title, *description;
	action_status status;
	int64_t created_at;
	const char *workplace_slug, *workplace_name, *workplace_domain;
} library_action;

typedef struct {
	realist_note note; /* author always "" (the library names no person);
			    * about: the action's title when that action is
			    * shared too, else "" */
	const char *workplace_slug, *workplace_name;
} library_note;

/* The shared actions tied to element (an element_code) across every
 * workplace, by workplace name, then oldest first. */
store_rc store_library_actions(store *st, arena *a, int element, library_action **out, int *n);
/* The shared realist notes about the element or on an action tied to it,
 * likewise ordered. */
store_rc store_library_notes(store *st, arena *a, int element, library_note **out, int *n);

/* The audit log, newest first: `limit` entries from `offset` of one
 * workplace (workplace_id > 0) or of the whole site (0); *total counts all
 * entries. */
typedef struct {
	int64_t id, at;
	const char *who;                         /* name, "" when unknown */
	const char *workplace_slug, *workplace_name; /* "" when site-wide */
	const char *what, *detail;
} audit_entry;

store_rc store_audit_page(store *st, arena *a, int64_t workplace_id, int offset, int limit,
			  audit_entry **out, int *n, int *total);

/* ---- the primary process (st_practice.c) ----
 * Practice questions of a workplace, the activities around them with the
 * number of people per perspective, contributors over a period, and the
 * products: outcomes of the register tied to a question. Every function
 * that takes a workplace_id touches only that workplace's rows. */
typedef struct {
	int64_t id, workplace_id;
	const char *title, *description;
	trigger_kind trigger;
	raised_by raised;
	question_status status;
	unsigned elements;      /* bitmask of 1u << element_code */
	int64_t partner_id;     /* 0: none */
	const char *programme;  /* "" none */
	const char *raised_on;  /* YYYY-MM-DD */
	int64_t created_by;     /* 0: not known */
	/* read only: */
	const char *partner_name;                  /* "" none */
	int n_activities, n_products, n_students;  /* students: people of student contributors */
	int participants;                          /* people of all its activities */
} practice_question;

/* Filters of the list; an empty or negative field does not filter. */
typedef struct {
	const char *text;      /* in the title or description (case-insensitive for ASCII) */
	int status;            /* question_status, -1 all, QS_COUNT: the open ones */
	int element;           /* element_code or -1 */
	int trigger;           /* trigger_kind or -1 */
	const char *period;    /* "YYYY-S1": a contributor or an activity in it; NULL/"" */
	int64_t partner_id;    /* 0 all */
	const char *programme; /* open for students of this programme; NULL/"" */
	bool for_students;     /* only open questions that are open to students of some programme */
} question_filter;

store_rc store_question_create(store *st, const practice_question *q, int64_t *id);
/* Save title, description, trigger, raised, status, elements, partner,
 * programme and raised_on; ST_NOTFOUND when it is not the workplace's. */
store_rc store_question_update(store *st, const practice_question *q);
store_rc store_question_delete(store *st, int64_t workplace_id, int64_t id);
store_rc store_question_get(store *st, arena *a, int64_t workplace_id, int64_t id, practice_question *out);
/* Questions by status (open first), then newest raised first. */
store_rc store_questions_list(store *st, arena *a, int64_t workplace_id, const question_filter *f,
			      practice_question **out, int *n);

typedef struct {
	int64_t id, question_id;
	activity_kind kind;
	const char *title, *description;
	const char *starts_on, *ends_on; /* ends_on "" : one day */
	int people[PERSP_COUNT];         /* who took part, per perspective */
	int64_t created_by;
	const char *question_title;      /* read only */
} practice_activity;

/* The activity and its participation in one go (inside the caller's
 * transaction). */
store_rc store_activity_create(store *st, const practice_activity *x, int64_t *id);
store_rc store_activity_get(store *st, arena *a, int64_t workplace_id, int64_t id, practice_activity *out);
/* Save kind, title, description, dates and participation of x (x->id of
 * the workplace); ST_NOTFOUND when it is not the workplace's. */
store_rc store_activity_update(store *st, int64_t workplace_id, const practice_activity *x);
store_rc store_activity_delete(store *st, int64_t workplace_id, int64_t id);
/* Activities of one question (question_id > 0) or of the workplace, by
 * start date. */
store_rc store_activities_list(store *st, arena *a, int64_t workplace_id, int64_t question_id,
			       practice_activity **out, int *n);

typedef struct {
	int64_t id, question_id;
	contributor_role role;
	int people;
	const char *name;      /* "" : not named */
	const char *programme, *period;
	int64_t created_by;
	const char *question_title; /* read only */
} practice_contributor;

store_rc store_contributor_add(store *st, const practice_contributor *c, int64_t *id);
store_rc store_contributor_get(store *st, arena *a, int64_t workplace_id, int64_t id, practice_contributor *out);
store_rc store_contributor_delete(store *st, int64_t workplace_id, int64_t id);
store_rc store_contributors_list(store *st, arena *a, int64_t workplace_id, int64_t question_id,
				 practice_contributor **out, int *n);

/* A product: its outcome in the register plus its tie to a question. */
typedef struct {
	outcome o;
	int64_t question_id;
	product_kind kind;
	int64_t created_by;
	const char *question_title; /* read only */
} practice_product;

/* Record p->o as an outcome of the register and tie it to its question;
 * the outcome's id in *id. */
store_rc store_product_create(store *st, const practice_product *p, int64_t *id);
/* Tie an outcome already in the register to a question as its product
 * (both of one workplace: the caller checks). */
store_rc store_product_link(store *st, int64_t outcome_id, int64_t question_id, product_kind kind,
			    int64_t created_by);
/* The product behind an outcome of the workplace; ST_NOTFOUND when the
 * outcome is no product. */
store_rc store_product_of_outcome(store *st, arena *a, int64_t workplace_id, int64_t outcome_id,
				  practice_product *out);
store_rc store_products_list(store *st, arena *a, int64_t workplace_id, int64_t question_id,
			     practice_product **out, int *n);

/* The evidence file of an outcome (store_evidence_put replaces it). The
 * bytes are kept as base64 text; store_evidence_get decodes them into
 * the arena. ST_NOTFOUND when the outcome (of the workplace) has none. */
typedef struct {
	const char *filename, *content_type;
	const char *data;
	size_t size;
} evidence_file;

store_rc store_evidence_put(store *st, int64_t outcome_id, const evidence_file *f, int64_t created_by);
store_rc store_evidence_get(store *st, arena *a, int64_t workplace_id, int64_t outcome_id, evidence_file *out);
/* Whether an outcome has an evidence file, without reading it. */
store_rc store_evidence_exists(store *st, int64_t outcome_id, bool *exists);
store_rc store_evidence_delete(store *st, int64_t outcome_id);

/* A workplace's year of practice: per calendar year, questions raised
 * (and of those, the ones answered by now: no date of answering is
 * kept), activities started, people who took part per perspective,
 * students who contributed (by the year a period starts in) and products
 * per kind of outcome. Years ascending. The one count of the year view of
 * the development page and of the year report. */
typedef struct {
	int year;
	int questions, activities, students;
	int answered; /* of the year's questions, those with status answered now */
	int people[PERSP_COUNT];
	int products[OUT_COUNT];
} practice_year;

store_rc store_practice_years(store *st, arena *a, int64_t workplace_id, practice_year **out, int *n);


/* ---- a workplace's own statements (st_own.c, migration 18) ----
 * Up to OWN_MAX per round, in the order of position. Changed only while
 * the round has not opened (the page checks the state; the store refuses
 * a change once the round has a response, ST_CONFLICT). Their answers
 * are kept apart from responses.answers. */
typedef struct {
	int64_t id, round_id;
	int position;
	int section; /* element_code, or OWN_EXTRA */
	const char *text_nl, *text_en;
} own_statement;

/* One answer: value 1..5, or 0 for "don't know". */
typedef struct {
	int64_t statement_id;
	int value;
} own_answer;

store_rc store_own_statements(store *st, arena *a, int64_t round_id, own_statement **out, int *n);
/* Add at the end; ST_CONFLICT when the round has OWN_MAX already or has a response. */
store_rc store_own_add(store *st, int64_t round_id, int section, const char *nl, const char *en, int64_t *id);
/* ST_NOTFOUND when the statement is not the round's; ST_CONFLICT as above. */
store_rc store_own_update(store *st, int64_t round_id, int64_t id, int section, const char *nl, const char *en);
store_rc store_own_delete(store *st, int64_t round_id, int64_t id);
/* Swap the places of statement id and its neighbour (up: the one before). */
store_rc store_own_move(store *st, int64_t round_id, int64_t id, bool up);
/* Copy the statements of round `from` (of the same workplace: the caller
 * checks) after those of round `to`; *copied: how many. ST_CONFLICT when
 * they would make more than OWN_MAX, or `to` has a response. */
store_rc store_own_copy(store *st, int64_t from, int64_t to, int *copied);
/* The round before `round_id` of its workplace (by opening date) that has
 * own statements; ST_NOTFOUND when none. */
store_rc store_own_previous_round(store *st, int64_t round_id, int64_t *from, int *count);
/* A response's own answers. */
store_rc store_own_answers(store *st, arena *a, int64_t response_id, own_answer **out, int *n);
/* Replace the answers of the statements ids[0..nids) by as[0..nas); each
 * of as must be among ids. */
store_rc store_own_answers_replace(store *st, int64_t response_id, const int64_t *ids, int nids,
				   const own_answer *as, int nas);
/* The own answers of the round's submitted responses, one row of n values
 * per respondent (-1: no answer, 0: "don't know", 1..5), with each
 * respondent's perspective: the same respondents as store_round_matrix,
 * in the order of store_round_responses (by response). */
store_rc store_own_matrix(store *st, arena *a, int64_t round_id, const own_statement *stmts, int n,
			  int *n_resp, uint8_t **persp, int8_t **answers);

#endif
