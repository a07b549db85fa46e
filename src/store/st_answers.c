/* st_answers.c - how a response keeps its answers: one text per response,
 * one character per question of its instrument version, at the question's
 * place (items.position; migration 4 in schema.c): '1'..'5' the answer,
 * '0' "don't know", '.' none. Here: places of items, turning answers into
 * that text and back, filling it from the table of one row per answer
 * that schema v3 had, and checking every stored text. */
#include "store/store_internal.h"

#include <stdlib.h>

#include "base/util.h"

int st_layout_place(const item_layout *lay, int64_t item_id)
{
	/* store_items gives a version's items in position order, and a version's
	 * ids are handed out in that order: search them as sorted, and look at
	 * every one only when that misses (a copied store may number otherwise) */
	int lo = 0, hi = lay->n - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		if (lay->items[mid].id == item_id)
			return mid;
		if (lay->items[mid].id < item_id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	for (int i = 0; i < lay->n; i++)
		if (lay->items[i].id == item_id)
			return i;
	return -1;
}

bool st_answers_put(char *text, const item_layout *lay, const answer *answers, int n)
{
	for (int i = 0; i < n; i++) {
		int place = st_layout_place(lay, answers[i].item_id);
		if (place < 0 || lay->items[place].open || answers[i].value < 0 || answers[i].value > 5)
			return false;
		text[place] = (char)(ANS_DK + answers[i].value);
	}
	return true;
}

bool st_answers_text(char *text, const item_layout *lay, const answer *answers, int n)
{
	memset(text, ANS_NONE, (size_t)lay->n);
	text[lay->n] = 0;
	return st_answers_put(text, lay, answers, n);
}

store_rc st_round_layout(store *st, arena *a, int64_t round_id, item_layout *lay)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT version_id FROM rounds WHERE id = ?"));
	db_bind_int(s, 1, round_id);
	store_rc rc = st_one(s);
	if (rc != ST_OK)
		return rc;
	lay->version_id = db_int(s, 0);
	db_done(s);
	item_row *items;
	rc = store_items(st, a, lay->version_id, &items, &lay->n);
	lay->items = items;
	return rc;
}

int st_answers_get(const char *text, const item_layout *lay, answer *out)
{
	int n = 0;
	for (int i = 0; i < lay->n && text[i]; i++)
		if (text[i] >= ANS_DK && text[i] <= ANS_DK + 5)
			out[n++] = (answer){lay->items[i].id, text[i] - ANS_DK};
	return n;
}

/* ---- the questions of every version ---- */

/* The kind of every place of every version: 'o' an open question, 's' a
 * statement. */
typedef struct {
	int64_t version_id;
	char *kinds;
	int n;
} version_kinds;

static store_rc read_kinds(store *st, arena *a, version_kinds **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT version_id, COUNT(*) FROM items GROUP BY version_id"));
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		version_kinds *k = st_vec_push(a, &v, sizeof *k);
		k->version_id = db_int(s, 0);
		k->n = (int)db_int(s, 1);
		k->kinds = ARENA_ARRAY(a, char, (size_t)k->n + 1);
		memset(k->kinds, '?', (size_t)k->n); /* a gap in the positions stays '?' */
	}
	db_done(s);
	*out = v.items;
	*n = v.n;
	if (r != DB_DONE)
		return st_from_db(r);
	s = db_prepare(st->c, SQL("SELECT version_id, position, kind = 'open' FROM items"));
	while ((r = db_step(s)) == DB_ROW) {
		version_kinds *k = NULL;
		for (int i = 0; i < v.n && !k; i++)
			if (((version_kinds *)v.items)[i].version_id == db_int(s, 0))
				k = (version_kinds *)v.items + i;
		int64_t pos = db_int(s, 1);
		if (k && pos >= 0 && pos < k->n)
			k->kinds[pos] = db_int(s, 2) ? 'o' : 's';
	}
	db_done(s);
	return st_from_db(r);
}

static const version_kinds *kinds_of(const version_kinds *k, int n, int64_t version_id)
{
	for (int i = 0; i < n; i++)
		if (k[i].version_id == version_id)
			return &k[i];
	return NULL;
}

/* ---- from schema v3's table of answers (migration 4) ---- */


static store_rc write_text(store *st, int64_t response_id, const char *text)
{
	db_stmt *s = db_prepare_once(st->c, "UPDATE responses SET answers = ? WHERE id = ?");
	db_bind_text(s, 1, text);
	db_bind_int(s, 2, response_id);
	return st_exec(s);
}

bool st_answers_fill(store *st, char **err)
{
	arena *a = arena_new();
	version_kinds *k;
	int nk;
	store_rc rc = read_kinds(st, a, &k, &nk);
	for (int i = 0; i < nk && rc == ST_OK; i++)
		if (strchr(k[i].kinds, '?'))
			rc = ST_CONFLICT; /* positions with a gap: no place for some question */
	/* one pass over the answers in response order; not cached statements:
	 * the table is dropped by the next migration */
	db_stmt *s = db_prepare_once(
		st->c, "SELECT r.id, rd.version_id, i.position, COALESCE(a.value, 0),"
		       " COALESCE(i.version_id, 0) FROM answers a"
		       " JOIN responses r ON r.id = a.response_id JOIN rounds rd ON rd.id = r.round_id"
		       " LEFT JOIN items i ON i.id = a.item_id ORDER BY r.id");
	int64_t current = 0;
	char *text = NULL;
	int places = 0;
	db_result r = DB_DONE;
	while (rc == ST_OK && (r = db_step(s)) == DB_ROW) {
		int64_t id = db_int(s, 0);
		if (id != current) {
			if (text)
				rc = write_text(st, current, text);
			current = id;
			const version_kinds *v = kinds_of(k, nk, db_int(s, 1));
			places = v ? v->n : 0;
			text = arena_alloc(a, (size_t)places + 1);
			memset(text, ANS_NONE, (size_t)places);
		}
		int64_t place = db_int(s, 2), v = db_int(s, 3);
		if (db_int(s, 4) != db_int(s, 1) || place < 0 || place >= places || v < 0 || v > 5)
			rc = ST_CONFLICT;
		else
			text[place] = (char)(ANS_DK + v);
	}
	db_done(s);
	if (rc == ST_OK && r == DB_DONE && text)
		rc = write_text(st, current, text);
	if (rc == ST_OK && r != DB_DONE)
		rc = st_from_db(r);
	if (rc != ST_OK)
		*err = xstrdup(rc == ST_CONFLICT
				       ? "migration 4: an answer is not at a question of its round's "
					 "instrument version, or the questions of a version are not "
					 "numbered 0..n-1; nothing was changed"
				       : "migration 4: cannot move the answers into responses; nothing "
					 "was changed");
	arena_free(a);
	return rc == ST_OK;
}

/* ---- check ---- */

/* What is wrong with one stored text, or NULL. */
static const char *text_problem(arena *a, const char *text, const version_kinds *k)
{
	int len = (int)strlen(text);
	if (!k)
		return "its round's instrument version has no questions";
	if (len != k->n)
		return arena_printf(a, "its answers hold %d places; its instrument version has %d "
				       "questions", len, k->n);
	for (int i = 0; i < len; i++) {
		if (k->kinds[i] == '?')
			return arena_printf(a, "its instrument version has no question at place %d "
					       "(positions are not 0..%d)", i, k->n - 1);
		if (text[i] != ANS_NONE && (text[i] < ANS_DK || text[i] > ANS_DK + 5))
			return arena_printf(a, "place %d holds '%c', which is not an answer (.012345)",
					    i, text[i]);
		if (text[i] != ANS_NONE && k->kinds[i] == 'o')
			return arena_printf(a, "place %d is an open question but holds an answer", i);
	}
	return NULL;
}

int st_answers_check(store *st, arena *a, char **report)
{
	version_kinds *k;
	int nk;
	if (read_kinds(st, a, &k, &nk) != ST_OK)
		return st_report(a, report, "answers: cannot read the questions of the versions");
	db_stmt *s = db_prepare(st->c, SQL("SELECT r.id, rd.version_id, r.answers FROM responses r"
					   " JOIN rounds rd ON rd.id = r.round_id"
					   " WHERE r.answers IS NOT NULL ORDER BY r.id"));
	int problems = 0;
	db_result r;
	while ((r = db_step(s)) == DB_ROW) {
		const char *why = text_problem(a, db_text(s, 2), kinds_of(k, nk, db_int(s, 1)));
		if (why && ++problems <= 20)
			st_report(a, report, arena_printf(a, "answers: response %lld: %s",
							  (long long)db_int(s, 0), why));
	}
	db_done(s);
	if (problems > 20)
		st_report(a, report, arena_printf(a, "answers: %d more responses like these", problems - 20));
	if (r != DB_DONE)
		problems += st_report(a, report, "answers: cannot read the responses");
	return problems;
}
