/* actions.c - /pw/{slug}/actions: the improvement agenda. Actions are tied
 * to one or more elements and to the round that prompted them; they have an
 * owner, a due date, a status and dated progress notes. Coordinators create
 * and change actions; every member may add progress and realist notes.
 *
 * Concurrent edits: an edit form carries the revision it was loaded with.
 * Saving a stale revision is refused (409) with both versions side by side,
 * and the form keeps what was typed; saving it again then deliberately
 * replaces the other change. Nothing is lost silently. */
#include <ctype.h>
#include <string.h>

#include "base/util.h"
#include "web/pages/pages.h"
#include "web/pieces.h"
#include "web/realist_notes.h"
#include "web/survey.h"
#include "web/wp_frame.h"

#define TITLE_TEXT 200
#define LONG_TEXT 4000
#define NOTE_TEXT 2000

/* ---- the form ---- */

/* The status codes (NULL-terminated, for field_choice) and, unless labels
 * is NULL, their names with a capital, from the domain's code table. */
static void status_options(req *r, const char **codes, const char **labels)
{
	for (int s = 0; s < ACTION_STATUS_COUNT; s++) {
		codes[s] = action_status_code((action_status)s);
		if (!labels)
			continue;
		char *l = arena_strdup(r->a, action_status_name((action_status)s, r->english));
		l[0] = (char)toupper((unsigned char)l[0]);
		labels[s] = l;
	}
	codes[ACTION_STATUS_COUNT] = NULL;
}

static bool round_field(req *r, int64_t round_id)
{
	mround *rs;
	int n;
	store_rc rc = store_rounds_for(r->st, r->a, r->wp->id, &rs, &n);
	if (!ok_or_reply(r, rc))
		return false;
	const char **values = ARENA_ARRAY(r->a, const char *, (size_t)n + 1);
	const char **labels = ARENA_ARRAY(r->a, const char *, (size_t)n + 1);
	values[0] = "";
	labels[0] = tr(r, "— geen meting —", "— no round —");
	for (int i = 0; i < n; i++) {
		values[i + 1] = arena_printf(r->a, "%lld", (long long)rs[i].id);
		labels[i + 1] = arena_printf(r->a, "%s (%s)", rs[i].title, rs[i].opens_on);
	}
	select_field(r, "round", tr(r, "Naar aanleiding van meting", "Prompted by round"), values, labels, n + 1,
		     round_id ? arena_printf(r->a, "%lld", (long long)round_id) : "", NULL);
	return true;
}

/* The fields of an action; false after a store error reply. */
static bool action_fields(req *r, const improvement *a)
{
	const char *codes[ACTION_STATUS_COUNT + 1], *labels[ACTION_STATUS_COUNT];
	status_options(r, codes, labels);
	input_field(r, "text", "title", tr(r, "Titel", "Title"), a->title, NULL, true);
	textarea_field(r, "description", tr(r, "Beschrijving", "Description"), a->description, NULL);
	elements_field(r, "elements", a->elements, r->post && form_get(r, "title"));
	input_field(r, "text", "owner", tr(r, "Eigenaar", "Owner"), a->owner,
		    tr(r, "Wie trekt de actie?", "Who takes the action on?"), false);
	input_field(r, "date", "due_on", tr(r, "Klaar op", "Due"), a->due_on, tr(r, "JJJJ-MM-DD", "YYYY-MM-DD"), false);
	select_field(r, "status", tr(r, "Status", "Status"), codes, labels, ACTION_STATUS_COUNT,
		     action_status_code(a->status), NULL);
	return round_field(r, a->round_id);
}

/* Read the form into a; false when a field is invalid (errors recorded). */
static bool read_action(req *r, improvement *a)
{
	int st = 0;
	const char *codes[ACTION_STATUS_COUNT + 1];
	status_options(r, codes, NULL);
	field_text(r, "title", TITLE_TEXT, true, &a->title);
	field_multiline(r, "description", LONG_TEXT, false, &a->description);
	field_text(r, "owner", 100, false, &a->owner);
	if (field_date(r, "due_on", false, &a->due_on) && !a->due_on)
		a->due_on = "";
	if (field_choice(r, "status", codes, &st))
		a->status = (action_status)st;
	read_elements(r, "elements", true, &a->elements);
	const char *round = form_get(r, "round");
	a->round_id = 0;
	if (round && *round) {
		mround rd;
		if (!parse_int64(round, 1, INT64_MAX, &a->round_id) ||
		    store_round_get(r->st, r->a, a->round_id, &rd) != ST_OK || rd.workplace_id != r->wp->id)
			field_error(r, "round", tr(r, "Kies een meting uit de lijst.", "Choose a round from the list."));
	}
	return !r->nerrors;
}

/* ---- the list ---- */

static void filters(req *r, const char *status, int element)
{
	const char *svalues[ACTION_STATUS_COUNT + 3] = {"", "open"};
	const char *slabels[ACTION_STATUS_COUNT + 2] = {tr(r, "Alle", "All"),
					      tr(r, "Open (gepland of bezig)", "Open (planned or in progress)")};
	status_options(r, svalues + 2, slabels + 2);
	/* ids of their own: the form for a new action below has a status
	 * field too, and an id names one element of the page */
	html(&r->out, "<form method=\"get\" action=\"%s/actions\" class=\"actions filters\">", wp_path(r));
	html(&r->out, "<div class=\"field\"><label for=\"q-status\">%s</label><select id=\"q-status\" name=\"status\">",
	     tr(r, "Status", "Status"));
	for (int i = 0; i < ACTION_STATUS_COUNT + 2; i++)
		html(&r->out, "<option value=\"%s\"%s>%s</option>", svalues[i], strcmp(status, svalues[i]) == 0 ? " selected" : "",
		     slabels[i]);
	html(&r->out, "</select></div><div class=\"field\"><label for=\"q-element\">%s</label><select id=\"q-element\" "
		      "name=\"element\"><option value=\"\">%s</option>",
	     tr(r, "Element", "Element"), tr(r, "Alle", "All"));
	for (int e = 0; e < EL_COUNT; e++)
		html(&r->out, "<option value=\"%s\"%s>%s</option>", element_code_str((element_code)e),
		     e == element ? " selected" : "", element_label(r, e));
	html(&r->out, "</select></div><button>%s</button></form>", tr(r, "Toon", "Show"));
}

static void action_row(req *r, const action_info *x)
{
	const improvement *a = &x->act;
	bool late = action_late(a);
	if (late)
		html(&r->out, "<tr class=\"overdue\">");
	else
		html(&r->out, "<tr>");
	html(&r->out, "<td><a href=\"%s/actions/%lld\">%s</a>", wp_path(r), (long long)a->id, a->title);
	if (*x->round_title)
		html(&r->out, "<br><small>%s</small>", x->round_title);
	html(&r->out, "</td><td>");
	for (int e = 0; e < EL_COUNT; e++)
		if (a->elements & (1u << e))
			html(&r->out, "<span class=\"tag\">%s</span> ", element_code_str((element_code)e));
	html(&r->out, "</td><td>%s</td><td>%s", *a->owner ? a->owner : "–", *a->due_on ? a->due_on : "–");
	if (late)
		html(&r->out, " <span class=\"band-attention\">%s</span>", tr(r, "te laat", "overdue"));
	html(&r->out, "</td><td>");
	action_status_tag(r, a->status);
	html(&r->out, "</td><td class=\"num\">%d</td></tr>", x->n_notes);
}

static void actions_page(req *r, const char *notice)
{
	const char *status = req_query(r, "status");
	const char *el = req_query(r, "element");
	int element = el && *el ? element_from_code(el) : -1;
	int st = !status || !*status ? -1
		 : strcmp(status, "open") == 0 ? ACTION_STATUS_COUNT : action_status_from_code(status);
	if (st < 0)
		status = "";
	action_info *as;
	int n;
	store_rc rc = store_actions_list(r->st, r->a, r->wp->id, st, element, &as, &n);
	if (!ok_or_reply(r, rc))
		return;
	wp_heading(r, tr(r, "Verbeteragenda", "Improvement agenda"), "actions");
	if (notice)
		html(&r->out, "<p class=\"notice\" role=\"status\">%s</p>", notice);
	if (wp_may(r, WP_MANAGE) || r->user->is_programme_lead)
		html(&r->out, "<p><a href=\"/library%s%s\" id=\"library-link\">%s</a></p>", element >= 0 ? "?element=" : "",
		     element >= 0 ? element_code_str((element_code)element) : "",
		     tr(r, "Wat werkt waar: wat andere werkplaatsen deden en met de instelling deelden",
			"What works where: what other workplaces did and shared with the institution"));
	filters(r, status, element);
	if (!n) {
		html(&r->out, "<p>%s</p>", tr(r, "Geen acties gevonden.", "No actions found."));
	} else {
		html(&r->out, "<div class=\"table-wrap\"><table id=\"actions\"><caption>%s</caption><thead><tr>"
			      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
			      "</tr></thead><tbody>",
		     arena_printf(r->a, tr(r, "%d acties", "%d actions"), n), tr(r, "Actie", "Action"),
		     tr(r, "Elementen", "Elements"), tr(r, "Eigenaar", "Owner"), tr(r, "Klaar op", "Due"),
		     tr(r, "Status", "Status"), tr(r, "Notities", "Notes"));
		for (int i = 0; i < n; i++)
			action_row(r, &as[i]);
		html(&r->out, "</tbody></table></div>");
	}
	if (wp_can_manage(r)) {
		improvement blank = {.status = ACTION_PLANNED, .title = "", .description = "", .owner = "", .due_on = ""};
		html(&r->out, "<h2 id=\"new\">%s</h2>", tr(r, "Nieuwe actie", "New action"));
		error_summary(r);
		form_begin(r, arena_printf(r->a, "%s/actions", wp_path(r)), NULL);
		if (!action_fields(r, &blank))
			return;
		html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Actie toevoegen", "Add the action"));
		form_end(r);
	}
	page_end(r);
}

void page_actions(req *r)
{
	if (!wp_access(r, false))
		return;
	actions_page(r, NULL);
}

static const char *elements_text(req *r, unsigned mask)
{
	const char *s = "";
	for (int e = 0; e < EL_COUNT; e++)
		if (mask & (1u << e))
			s = arena_printf(r->a, "%s%s%s", s, *s ? " " : "", element_code_str((element_code)e));
	return s;
}

void page_action_create(req *r)
{
	if (!wp_access(r, true))
		return;
	improvement a = {.workplace_id = r->wp->id};
	if (!read_action(r, &a)) {
		r->status = 400;
		actions_page(r, NULL);
		return;
	}
	int64_t id;
	store_rc rc = store_action_create(r->st, &a, &id);
	if (!ok_or_reply(r, rc))
		return;
	if (wp_audit(r, "action created", arena_printf(r->a, "#%lld \"%s\" (%s, %s)", (long long)id, a.title,
						      elements_text(r, a.elements), action_status_code(a.status))))
		reply_redirect(r, arena_printf(r->a, "%s/actions/%lld?done=created", wp_path(r), (long long)id));
}

/* ---- one action ---- */

/* The action in the URL; false after a reply. */
static bool action_param(req *r, action_info *out)
{
	int64_t id = param_id(r);
	if (!id)
		return false;
	store_rc rc = store_action_get(r->st, r->a, r->wp->id, id, out);
	return found_or_reply(r, rc);
}

static void facts(req *r, const action_info *x)
{
	const improvement *a = &x->act;
	html(&r->out, "<p>");
	action_status_tag(r, a->status);
	for (int e = 0; e < EL_COUNT; e++)
		if (a->elements & (1u << e))
			html(&r->out, " <span class=\"tag\">%s</span>", element_label(r, e));
	if (action_late(a))
		html(&r->out, " <span class=\"band-attention overdue\">%s</span>", tr(r, "te laat", "overdue"));
	html(&r->out, "</p><dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>", tr(r, "Eigenaar", "Owner"),
	     *a->owner ? a->owner : "–", tr(r, "Klaar op", "Due"), *a->due_on ? a->due_on : "–");
	if (*x->round_title)
		html(&r->out, "<dt>%s</dt><dd><a href=\"%s/rounds/%lld/results\">%s</a></dd>",
		     tr(r, "Naar aanleiding van", "Prompted by"), wp_path(r), (long long)a->round_id, x->round_title);
	html(&r->out, "<dt>%s</dt><dd>%s%s%s</dd></dl>", tr(r, "Laatst gewijzigd", "Last changed"),
	     fmt_time(r, x->updated_at), *x->updated_by ? " · " : "", x->updated_by);
	if (*a->description)
		html(&r->out, "<p>%s</p>", a->description);
}

static bool notes_section(req *r, const action_info *x)
{
	action_note *ns;
	int n;
	store_rc rc = store_action_notes(r->st, r->a, x->act.id, &ns, &n);
	if (!ok_or_reply(r, rc))
		return false;
	html(&r->out, "<section aria-labelledby=\"progress\"><h2 id=\"progress\">%s</h2>", tr(r, "Voortgang", "Progress"));
	if (!n)
		html(&r->out, "<p>%s</p>", tr(r, "Nog geen voortgang genoteerd.", "No progress noted yet."));
	else
		html(&r->out, "<ul class=\"plain\">");
	for (int i = 0; i < n; i++)
		html(&r->out, "<li><strong>%s</strong> %s <small class=\"muted\">%s</small></li>", ns[i].noted_on, ns[i].text,
		     ns[i].author);
	if (n)
		html(&r->out, "</ul>");
	if (!wp_may(r, WP_CONTRIBUTE)) {
		html(&r->out, "</section>");
		return true;
	}
	char t[11];
	today(t);
	form_begin(r, arena_printf(r->a, "%s/actions/%lld/notes", wp_path(r), (long long)x->act.id), NULL);
	input_field(r, "date", "note_on", tr(r, "Datum", "Date"), t, NULL, true);
	textarea_required(r, "note_text", tr(r, "Wat is er gebeurd?", "What happened?"), NULL, NULL);
	html(&r->out, "<button>%s</button>", tr(r, "Voortgang noteren", "Note progress"));
	form_end(r);
	html(&r->out, "</section>");
	return true;
}

static const char *round_name(req *r, int64_t round_id)
{
	mround rd;
	if (!round_id)
		return tr(r, "geen meting", "no round");
	if (store_round_get(r->st, r->a, round_id, &rd) != ST_OK)
		return "?";
	return rd.title;
}

/* Both versions, where they differ, after a refused save. */
static void conflict_notice(req *r, const action_info *cur, const improvement *mine)
{
	const improvement *s = &cur->act;
	html(&r->out, "<div class=\"error-summary\" role=\"alert\" id=\"conflict\"><h2>%s</h2><p>%s</p>",
	     tr(r, "Iemand anders heeft deze actie intussen gewijzigd", "Someone else changed this action meanwhile"),
	     arena_printf(r->a, tr(r, "%s sloeg op %s een nieuwere versie op. Je wijzigingen zijn niet "
				      "opgeslagen. Hieronder zie je waar de versies verschillen; het formulier "
				      "bevat nog wat jij invulde. Sla opnieuw op om jouw versie te bewaren, of "
				      "pas het formulier eerst aan.",
				   "%s saved a newer version at %s. Your changes have not been saved. Below you "
				   "see where the versions differ; the form still holds what you entered. Save "
				   "again to keep your version, or adjust the form first."),
			  *cur->updated_by ? cur->updated_by : tr(r, "Iemand", "Someone"), fmt_time(r, cur->updated_at)));
	struct {
		const char *label, *theirs, *yours;
	} f[] = {
		{tr(r, "Titel", "Title"), s->title, mine->title},
		{tr(r, "Beschrijving", "Description"), s->description, mine->description},
		{tr(r, "Elementen", "Elements"), elements_text(r, s->elements), elements_text(r, mine->elements)},
		{tr(r, "Eigenaar", "Owner"), s->owner, mine->owner},
		{tr(r, "Klaar op", "Due"), s->due_on, mine->due_on},
		{tr(r, "Status", "Status"), action_status_name(s->status, r->english),
		 action_status_name(mine->status, r->english)},
		{tr(r, "Meting", "Round"), round_name(r, s->round_id), round_name(r, mine->round_id)},
	};
	html(&r->out, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		      "<th scope=\"col\">%s</th></tr></thead><tbody>",
	     tr(r, "Veld", "Field"), tr(r, "Nu opgeslagen", "Saved now"), tr(r, "Jouw versie", "Your version"));
	for (size_t i = 0; i < ARRAY_LEN(f); i++)
		if (strcmp(f[i].theirs, f[i].yours) != 0)
			html(&r->out, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td></tr>", f[i].label,
			     *f[i].theirs ? f[i].theirs : "–", *f[i].yours ? f[i].yours : "–");
	html(&r->out, "</tbody></table></div></div>");
}

/* The revision the edit form was loaded with; false when it is missing or
 * not a revision. */
static bool sent_revision(req *r, int64_t *revision)
{
	const char *sent = form_get(r, "revision");
	return sent && parse_int64(sent, 1, INT32_MAX, revision);
}

/* The page of one action. mine: the refused version after a conflict. */
static void action_page(req *r, const action_info *x, const improvement *mine, const char *notice)
{
	const improvement *a = &x->act;
	page_begin(r, arena_printf(r->a, "%s · %s", a->title, r->wp->name));
	html(&r->out, "<p class=\"meta\"><a href=\"%s\">%s</a> › <a href=\"%s/actions\">%s</a></p><h1>%s</h1>",
	     wp_path(r), r->wp->name, wp_path(r), tr(r, "Verbeteragenda", "Improvement agenda"), a->title);
	if (notice)
		html(&r->out, "<p class=\"notice\" role=\"status\">%s</p>", notice);
	if (!mine)
		error_summary(r);
	else
		html(&r->out, "<p class=\"notice warn\" role=\"alert\"><a href=\"#conflict\">%s</a></p>",
		     tr(r, "Je wijzigingen zijn niet opgeslagen: iemand anders was je voor. Bekijk de verschillen.",
			"Your changes have not been saved: someone else was first. See the differences."));
	facts(r, x);
	bool shared;
	store_rc rc = store_action_shared(r->st, r->wp->id, a->id, &shared);
	if (!ok_or_reply(r, rc))
		return;
	share_toggle(r, arena_printf(r->a, "%s/actions/%lld/share", wp_path(r), (long long)a->id), shared);
	if (!notes_section(r, x) ||
	    !realist_section(r, a->id, 0, arena_printf(r->a, "%s/actions/%lld/realist", wp_path(r), (long long)a->id)))
		return;
	if (wp_can_manage(r)) {
		/* the error summary links a missing revision (a hidden field) here */
		html(&r->out, "<section id=\"f-revision\" aria-labelledby=\"edit\"><h2 id=\"edit\">%s</h2>",
		     tr(r, "Bewerken", "Edit"));
		if (mine)
			conflict_notice(r, x, mine);
		form_begin(r, arena_printf(r->a, "%s/actions/%lld", wp_path(r), (long long)a->id), NULL);
		/* after a conflict, or when the revision sent was no revision, the
		 * form holds the stored one: saving again is a deliberate choice to
		 * replace the other change */
		int64_t sent = 0;
		if (mine || !r->post || !sent_revision(r, &sent))
			sent = a->revision;
		html(&r->out, "<input type=\"hidden\" name=\"revision\" value=\"%lld\">", (long long)sent);
		if (!action_fields(r, a))
			return;
		html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Wijzigingen opslaan", "Save the changes"));
		form_end(r);
		html(&r->out, "</section>");
	}
	page_end(r);
}

void page_action(req *r)
{
	action_info x;
	if (!wp_access(r, false) || !action_param(r, &x))
		return;
	const char *done = req_query(r, "done");
	const char *notice = !done ? NULL
			     : strcmp(done, "created") == 0 ? tr(r, "De actie is toegevoegd.", "The action has been added.")
			     : strcmp(done, "saved") == 0   ? tr(r, "De wijzigingen zijn opgeslagen.", "The changes have been saved.")
			     : strcmp(done, "note") == 0    ? tr(r, "De voortgang is genoteerd.", "The progress has been noted.")
			     : strcmp(done, "realist") == 0 ? tr(r, "De realistische notitie is toegevoegd.",
								 "The realist note has been added.")
			     : strcmp(done, "shared") == 0  ? tr(r, "Opgeslagen wat er met de instelling gedeeld wordt.",
								 "Saved what is shared with the institution.")
							    : NULL;
	action_page(r, &x, NULL, notice);
}

/* What changed, for the audit log. */
static const char *action_changes(req *r, const improvement *o, const improvement *a)
{
	const char *s = "";
	if (strcmp(o->title, a->title) != 0)
		s = arena_printf(r->a, "title \"%s\" -> \"%s\"", o->title, a->title);
	if (o->status != a->status)
		s = arena_printf(r->a, "%s%sstatus %s -> %s", s, *s ? "; " : "", action_status_code(o->status),
				 action_status_code(a->status));
	if (strcmp(o->due_on, a->due_on) != 0)
		s = arena_printf(r->a, "%s%sdue %s -> %s", s, *s ? "; " : "", *o->due_on ? o->due_on : "-",
				 *a->due_on ? a->due_on : "-");
	if (strcmp(o->owner, a->owner) != 0)
		s = arena_printf(r->a, "%s%sowner \"%s\" -> \"%s\"", s, *s ? "; " : "", o->owner, a->owner);
	if (o->elements != a->elements)
		s = arena_printf(r->a, "%s%selements %s -> %s", s, *s ? "; " : "", elements_text(r, o->elements),
				 elements_text(r, a->elements));
	if (strcmp(o->description, a->description) != 0)
		s = arena_printf(r->a, "%s%sdescription", s, *s ? "; " : "");
	if (o->round_id != a->round_id)
		s = arena_printf(r->a, "%s%sround", s, *s ? "; " : "");
	return *s ? s : "no changes";
}

void page_action_save(req *r)
{
	action_info x;
	if (!wp_access(r, true) || !action_param(r, &x))
		return;
	int64_t revision = 0;
	improvement a = x.act;
	bool rev_ok = sent_revision(r, &revision);
	if (!rev_ok)
		field_error(r, "revision", tr(r, "Het formulier miste de versie waarop het werd geopend. Controleer de "
					     "velden en sla opnieuw op.",
					  "The form lacked the version it was opened on. Check the fields and save again."));
	if (!read_action(r, &a) || !rev_ok) {
		r->status = 400;
		action_page(r, &x, NULL, NULL);
		return;
	}
	store_rc rc = store_action_update(r->st, &a, (int)revision, r->user->id);
	if (rc == ST_CONFLICT) {
		r->status = 409;
		action_page(r, &x, &a, NULL);
		return;
	}
	if (!found_or_reply(r, rc))
		return;
	if (wp_audit(r, "action changed",
		     arena_printf(r->a, "#%lld \"%s\": %s", (long long)a.id, a.title, action_changes(r, &x.act, &a))))
		reply_redirect(r, arena_printf(r->a, "%s/actions/%lld?done=saved", wp_path(r), (long long)a.id));
}

void page_action_note(req *r)
{
	action_info x;
	if (!wp_access(r, false) || !action_param(r, &x))
		return;
	const char *on, *text;
	field_date(r, "note_on", true, &on);
	field_multiline(r, "note_text", NOTE_TEXT, true, &text);
	if (r->nerrors) {
		r->status = 400;
		action_page(r, &x, NULL, NULL);
		return;
	}
	store_rc rc = store_action_note_add(r->st, x.act.id, on, text, r->user->id);
	if (!ok_or_reply(r, rc))
		return;
	if (wp_audit(r, "action note added", arena_printf(r->a, "#%lld \"%s\" (%s)", (long long)x.act.id, x.act.title, on)))
		reply_redirect(r, arena_printf(r->a, "%s/actions/%lld?done=note#progress", wp_path(r), (long long)x.act.id));
}

void page_action_realist(req *r)
{
	action_info x;
	if (!wp_access(r, false) || !action_param(r, &x))
		return;
	if (!realist_add(r, x.act.id, 0, x.act.title))
		return;
	if (!r->nerrors) {
		reply_redirect(r, arena_printf(r->a, "%s/actions/%lld?done=realist#realist", wp_path(r), (long long)x.act.id));
		return;
	}
	r->status = 400;
	action_page(r, &x, NULL, NULL);
}

void page_action_share(req *r)
{
	action_info x;
	bool shared;
	if (!wp_access(r, true) || !action_param(r, &x) || !share_field(r, &shared))
		return;
	store_rc rc = store_action_share_set(r->st, r->wp->id, x.act.id, shared);
	if (!found_or_reply(r, rc))
		return;
	const char *detail = arena_printf(r->a, "#%lld \"%s\"", (long long)x.act.id, x.act.title);
	if (shared ? wp_audit(r, "action shared", detail) : wp_audit(r, "action no longer shared", detail))
		reply_redirect(r, arena_printf(r->a, "%s/actions/%lld?done=shared", wp_path(r), (long long)x.act.id));
}
