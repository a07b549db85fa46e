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
#include "domain/definition.h"
#include "domain/instrument.h"
#include "domain/model.h"
#include "domain/open_link.h"

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
			       const char *resume_hash, const char *lang, int64_t *id);
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

/* ---- what exports read (st_export.c; store_rounds_of_version in st_round.c) ----
 * Only submitted responses; never a response id, token, time or language. */
typedef struct {
	perspective persp;
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
	const char *title, *description, *owner, *due_on, *status;
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
				 const char *role);

/* A one-time link to join a workplace with a fixed e-mail address. */
typedef struct {
	int64_t id, workplace_id;
	const char *email, *role;
	const char *invited_by;              /* name, "" when unknown */
	const char *workplace_slug, *workplace_name;
	int64_t created_at, expires_at;
} member_invitation;

/* Replaces an open invitation of the same address to the same workplace. */
store_rc store_member_invitation_create(store *st, int64_t workplace_id, const char *email,
					const char *role, const char *token_hash,
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

/* Actions of a workplace. status: "" every status, "open" planned or in
 * progress, or one status code; element: -1 every element, or the
 * element_code the action must be tied to. Ordered open ones first, then by
 * due date (none last). */
store_rc store_actions_list(store *st, arena *a, int64_t workplace_id, const char *status,
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

#endif
