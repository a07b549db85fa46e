#include "io/person_data.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* The columns of the catalogue (src/store/st_person.c) that hold a
 * number; every other one is text, whatever it looks like. */
static bool numeric(const char *col)
{
	static const char *const cols[] = {"id", "round_id", "count", "failures", "sent_count", "responded",
					   "is_admin", "is_programme_lead", "is_researcher", "disabled",
					   "has_password", "by_this_person"};
	for (size_t i = 0; i < ARRAY_LEN(cols); i++)
		if (strcmp(cols[i], col) == 0)
			return true;
	return false;
}

/* A cell as JSON: moments (columns "at", "..._at", "window_start") as a
 * readable UTC time, numbers as numbers, the rest as text. */
static json_t *cell(const char *col, const char *v)
{
	int64_t n;
	size_t len = strlen(col);
	if (!v)
		return json_null();
	bool moment = strcmp(col, "at") == 0 || (len > 3 && strcmp(col + len - 3, "_at") == 0) ||
		      strcmp(col, "window_start") == 0;
	if ((!moment && !numeric(col)) || !parse_int64(v, INT64_MIN + 1, INT64_MAX, &n))
		return json_string(v);
	if (moment) {
		char t[21];
		format_moment(n, t);
		return json_string(t);
	}
	return json_integer(n);
}

const char *person_data_cell_text(arena *a, const char *col, const char *v)
{
	json_t *j = cell(col, v);
	const char *out = json_is_string(j) ? arena_strdup(a, json_string_value(j)) : v ? v : "";
	json_decref(j);
	return out;
}

const char *person_data_json(arena *a, const char *email, const person_section *ps, int n, int64_t now)
{
	char at[21];
	format_moment(now, at);
	json_t *sections = json_object();
	for (int i = 0; i < n; i++) {
		json_t *rows = json_array();
		for (int r = 0; r < ps[i].n_rows; r++) {
			json_t *row = json_object();
			for (int c = 0; c < ps[i].n_cols; c++)
				json_object_set_new(row, ps[i].cols[c], cell(ps[i].cols[c], ps[i].cells[r * ps[i].n_cols + c]));
			json_array_append_new(rows, row);
		}
		json_object_set_new(sections, ps[i].name, rows);
	}
	json_t *root = json_pack("{s:s,s:s,s:s,s:o}", "email", email, "exported_at", at, "answers",
				 "Answers to questionnaires are anonymous: nothing ties them to a person or an "
				 "address, so they are not part of a person's data.",
				 "data", sections);
	char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	const char *out = arena_strdup(a, text);
	free(text);
	return out;
}

bool person_data_found(const person_section *ps, int n)
{
	for (int i = 0; i < n; i++)
		if (ps[i].n_rows && strcmp(ps[i].name, "authored") != 0)
			return true;
	return false;
}

/* "account, 2 memberships, ..." from what was there. */
static const char *summary(arena *a, const person_section *ps, int n, const person_deleted *d)
{
	const char *s = arena_printf(a, "people %d, round invitations %d, workplace invitations %d, audit details %d",
				     d->people, d->round_invitations, d->workplace_invitations, d->audit_details);
	for (int i = 0; i < n; i++)
		if (strcmp(ps[i].name, "memberships") == 0 || strcmp(ps[i].name, "sessions") == 0 ||
		    strcmp(ps[i].name, "api_tokens") == 0)
			s = arena_printf(a, "%s, %s %d", s, ps[i].name, ps[i].n_rows);
	return s;
}

/* Is the address's account an active administrator? */
static bool active_admin(const person_section *ps, int n)
{
	for (int i = 0; i < n; i++)
		if (strcmp(ps[i].name, "account") == 0 && ps[i].n_rows)
			return strcmp(ps[i].cells[0], "1") == 0 && strcmp(ps[i].cells[3], "0") == 0;
	return false;
}

store_rc person_data_erase(store *st, arena *a, const char *email, int64_t by, const char *by_email,
			   erase_result *result, person_deleted *out)
{
	person_section *ps;
	int n, admins;
	memset(out, 0, sizeof *out);
	store_rc rc = store_person_data(st, a, email, &ps, &n);
	if (rc != ST_OK)
		return rc;
	*result = ERASE_OK;
	if (!person_data_found(ps, n))
		*result = ERASE_NOTHING;
	else if (by_email && strcmp(by_email, email) == 0)
		*result = ERASE_SELF;
	else if (active_admin(ps, n) && (rc = store_admins_besides(st, email, &admins)) == ST_OK && admins == 0)
		*result = ERASE_LAST_ADMIN;
	if (rc != ST_OK || *result != ERASE_OK)
		return rc;
	rc = store_person_delete(st, a, email, out);
	if (rc == ST_OK)
		rc = store_audit(st, by, 0, "person data deleted", summary(a, ps, n, out));
	return rc;
}
