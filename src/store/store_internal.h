/* store_internal.h - what the st_*.c files share; not for the web layer. */
#ifndef WP_STORE_INTERNAL_H
#define WP_STORE_INTERNAL_H

#include <string.h>

#include "store/db.h"
#include "store/store.h"

struct store {
	db *c;
	int64_t institution; /* store_set_institution; 0: the whole network */
	char err[256];
	store_plan *plan; /* store_set_plan: writes are collected, not run */
};

/* While st has a plan: a new call of it, for sql, that must touch
 * `expect` rows (DB_ANY_ROWS: any number); bind its values with
 * db_call_int and db_call_text. NULL when st has no plan: run the
 * statement as usual. st_plan.c. */
db_call *st_plan_add(store *st, const char *sql, int expect);
/* The call added last to st's plan (there is one). */
db_call *st_plan_last_call(store *st);
/* The last call of st's plan for sql whose value idx is v, or NULL. */
db_call *st_plan_find(store *st, const char *sql, int idx, int64_t v);
/* The calls of a plan, for commit.c. */
db_call *st_plan_list(store_plan *p, int *n);

/* Map a driver result to a store result. */
static inline store_rc st_from_db(db_result r)
{
	switch (r) {
	case DB_ROW:
	case DB_DONE:
		return ST_OK;
	case DB_BUSY:
		return ST_BUSY;
	case DB_CONSTRAINT:
		return ST_CONFLICT;
	default:
		return ST_ERROR;
	}
}

/* Run a prepared statement that returns no rows. */
static inline store_rc st_exec(db_stmt *s)
{
	return st_from_db(db_run(s));
}

/* Run an UPDATE or DELETE of one row: ST_NOTFOUND when it touched none. */
static inline store_rc st_exec_one(db *c, db_stmt *s)
{
	store_rc rc = st_exec(s);
	return rc == ST_OK && db_changes(c) == 0 ? ST_NOTFOUND : rc;
}

/* Step a statement expected to return at most one row: ST_OK with the row
 * ready to read (call db_done afterwards), ST_NOTFOUND (already done) or an
 * error (already done). */
static inline store_rc st_one(db_stmt *s)
{
	db_result r = db_step(s);
	if (r == DB_ROW)
		return ST_OK;
	db_done(s);
	return r == DB_DONE ? ST_NOTFOUND : st_from_db(r);
}

/* Arena copy of a text column. */
static inline char *st_text(arena *a, db_stmt *s, int col)
{
	return arena_strdup(a, db_text(s, col));
}

/* A member's role stored in column col; the schema's CHECK allows no
 * other codes than the two. */
static inline member_role st_member_role(db_stmt *s, int col)
{
	return member_role_from_code(db_text(s, col)) == ROLE_COORDINATOR ? ROLE_COORDINATOR : ROLE_MEMBER;
}

/* Insert that returns the new row's id via RETURNING id. */
static inline store_rc st_insert_id(db_stmt *s, int64_t *id)
{
	db_result r = db_step(s);
	if (r == DB_ROW) {
		if (id)
			*id = db_int(s, 0);
		r = db_step(s);
	}
	db_done(s);
	return r == DB_DONE ? ST_OK : st_from_db(r);
}

/* A workplace from columns id, slug, name, domain, location, start_date,
 * description, vision, and a ninth read as my_role (st_workplace.c). */
void st_read_workplace(arena *a, db_stmt *s, workplace *w);

/* Append a line to a check report; returns 1 (one problem). store.c. */
int st_report(arena *a, char **report, const char *line);

/* ---- a response's answers as one text (st_answers.c) ---- */
#define ANS_NONE '.' /* no answer */
#define ANS_DK '0'   /* "don't know"; '1'..'5' follow it */

/* The place of an item in a layout, or -1. */
int st_layout_place(const item_layout *lay, int64_t item_id);
/* Put answers into a text of lay->n places; false when one names an item
 * outside the layout or an open question, or a value outside 0..5. */
bool st_answers_put(char *text, const item_layout *lay, const answer *answers, int n);
/* A text of lay->n places holding only these answers; false as
 * st_answers_put. text: room for lay->n + 1 characters. */
bool st_answers_text(char *text, const item_layout *lay, const answer *answers, int n);
/* The questions of a round's version in place order (store_items). */
store_rc st_round_layout(store *st, arena *a, int64_t round_id, item_layout *lay);
/* The answers in a stored text, in place order, into out (lay->n entries);
 * returns how many. Places beyond the text's end have none. */
int st_answers_get(const char *text, const item_layout *lay, answer *out);
/* Migration 4: fill responses.answers from the answers table. */
bool st_answers_fill(store *st, char **err);
/* Check every stored text against its version; returns the problems. */
int st_answers_check(store *st, arena *a, char **report);

/* A list that grows in the arena while rows are read. */
typedef struct {
	void *items;
	int n, cap;
} st_vec;

static inline void *st_vec_push(arena *a, st_vec *v, size_t size)
{
	if (v->n == v->cap) {
		int cap = v->cap ? v->cap * 2 : 16;
		void *bigger = arena_alloc(a, size * (size_t)cap);
		if (v->n)
			memcpy(bigger, v->items, size * (size_t)v->n);
		v->items = bigger;
		v->cap = cap;
	}
	return (char *)v->items + size * (size_t)v->n++;
}

#endif
