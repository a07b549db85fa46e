/* realist_notes.c - realist notes (context - mechanism - outcome, after
 * Pawson and Tilley) as the action, outcome and realist pages show and
 * take them, and the toggle that shares an action or a note with the
 * institution's library (see realist_notes.h). */
#include <string.h>

#include "base/util.h"
#include "web/pieces.h"
#include "web/realist_notes.h"
#include "web/wp_frame.h"

#define CMO_TEXT 2000

void share_toggle(req *r, const char *action_path, bool shared)
{
	html(&r->out, "<div class=\"share-state\" data-shared=\"%d\"><span class=\"tag\">%s</span> ", shared,
	     shared ? tr(r, "Gedeeld met de instelling", "Shared with the institution")
		    : tr(r, "Alleen binnen de werkplaats", "Within the workplace only"));
	if (wp_can_manage(r)) {
		form_begin(r, action_path, "inline");
		html(&r->out, "<input type=\"hidden\" name=\"shared\" value=\"%d\"><button class=\"small\">%s</button>",
		     !shared, shared ? tr(r, "Niet meer delen", "Stop sharing")
				     : tr(r, "Delen met de instelling", "Share with the institution"));
		form_end(r);
	}
	html(&r->out, "</div>");
}

bool share_field(req *r, bool *shared)
{
	static const char *const values[] = {"0", "1", NULL};
	int v = 0;
	if (!field_choice(r, "shared", values, &v)) {
		reply_error(r, 400, tr(r, "Kies of dit gedeeld wordt (shared=1) of niet (shared=0).",
				       "Choose whether this is shared (shared=1) or not (shared=0)."));
		return false;
	}
	*shared = v == 1;
	return true;
}

static bool id_in(const int64_t *ids, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

void realist_note_item(req *r, const realist_note *n, bool with_about, const int64_t *shared_ids, int nshared)
{
	bool shared = id_in(shared_ids, nshared, n->id);
	html(&r->out, "<li class=\"cmo\">");
	if (with_about)
		html(&r->out, "<p><strong><a href=\"%s/%s/%lld\">%s</a></strong></p>", wp_path(r),
		     n->action_id ? "actions" : "outcomes", (long long)(n->action_id ? n->action_id : n->outcome_id),
		     n->about);
	html(&r->out, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>", tr(r, "Context", "Context"),
	     n->context, tr(r, "Mechanisme", "Mechanism"));
	if (n->element >= 0)
		html(&r->out, "<span class=\"tag\">%s</span> ", element_code_str((element_code)n->element));
	html(&r->out, "%s</dd><dt>%s</dt><dd>%s</dd></dl><p class=\"meta\">%s%s%s</p>", n->mechanism,
	     tr(r, "Uitkomst", "Outcome"), n->result, *n->author ? n->author : "", *n->author ? " · " : "",
	     fmt_time(r, n->created_at));
	share_toggle(r, arena_printf(r->a, "%s/realist/%lld/share", wp_path(r), (long long)n->id), shared);
	if (wp_can_manage(r)) {
		form_begin(r, arena_printf(r->a, "%s/realist/%lld/delete", wp_path(r), (long long)n->id), "inline");
		html(&r->out, "<button class=\"small danger\">%s</button>", tr(r, "Verwijderen", "Delete"));
		form_end(r);
	}
	html(&r->out, "</li>");
}

bool realist_section(req *r, int64_t action_id, int64_t outcome_id, const char *post_path)
{
	realist_note *ns;
	int n;
	int64_t *shared;
	int nshared;
	store_rc rc = store_realist_notes(r->st, r->a, r->wp->id, action_id, outcome_id, &ns, &n);
	if (rc == ST_OK)
		rc = store_realist_shared_ids(r->st, r->a, r->wp->id, &shared, &nshared);
	if (!ok_or_reply(r, rc))
		return false;
	html(&r->out, "<section aria-labelledby=\"realist\"><h2 id=\"realist\">%s</h2><p class=\"hint\">%s</p>",
	     tr(r, "Realistische notities", "Realist notes"),
	     tr(r, "Wat werkte hier, voor wie en onder welke omstandigheden? Noteer de context (in welke "
		   "situatie), het mechanisme (via welk element, hoe) en de uitkomst (wat er gebeurde).",
		"What worked here, for whom and in what circumstances? Note the context (in what situation), "
		"the mechanism (through which element, how) and the outcome (what happened)."));
	if (n) {
		html(&r->out, "<ul class=\"plain\">");
		for (int i = 0; i < n; i++)
			realist_note_item(r, &ns[i], false, shared, nshared);
		html(&r->out, "</ul>");
	}
	if (!wp_may(r, WP_CONTRIBUTE)) {
		html(&r->out, "</section>");
		return true;
	}
	const char *values[EL_COUNT + 1], *labels[EL_COUNT + 1];
	values[0] = "";
	labels[0] = tr(r, "— geen bepaald element —", "— no particular element —");
	for (int e = 0; e < EL_COUNT; e++) {
		values[e + 1] = element_code_str((element_code)e);
		labels[e + 1] = element_label(r, e);
	}
	html(&r->out, "<details%s><summary>%s</summary>", r->nerrors && form_get(r, "cmo_context") ? " open" : "",
	     tr(r, "Realistische notitie toevoegen", "Add a realist note"));
	form_begin(r, post_path, NULL);
	textarea_required(r, "cmo_context", tr(r, "Context: in welke situatie?", "Context: in what situation?"), NULL, NULL);
	select_field(r, "cmo_element", tr(r, "Via welk element?", "Through which element?"), values, labels,
		     EL_COUNT + 1, "", NULL);
	textarea_required(r, "cmo_mechanism", tr(r, "Mechanisme: hoe werkte het?", "Mechanism: how did it work?"), NULL,
		       NULL);
	textarea_required(r, "cmo_result", tr(r, "Uitkomst: wat gebeurde er?", "Outcome: what happened?"), NULL, NULL);
	html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Notitie toevoegen", "Add the note"));
	form_end(r);
	html(&r->out, "</details></section>");
	return true;
}

bool realist_add(req *r, int64_t action_id, int64_t outcome_id, const char *about)
{
	static const char *const codes[] = {"", "LOS", "SRI", "GOC", "VOR", "LEA", "VMM", NULL};
	realist_note n = {.workplace_id = r->wp->id, .action_id = action_id, .outcome_id = outcome_id};
	int e = 0;
	field_multiline(r, "cmo_context", CMO_TEXT, true, &n.context);
	field_choice(r, "cmo_element", codes, &e);
	field_multiline(r, "cmo_mechanism", CMO_TEXT, true, &n.mechanism);
	field_multiline(r, "cmo_result", CMO_TEXT, true, &n.result);
	if (r->nerrors)
		return true;
	n.element = e - 1;
	int64_t id;
	store_rc rc = store_realist_add(r->st, &n, r->user->id, &id);
	if (!ok_or_reply(r, rc))
		return false;
	return wp_audit(r, "realist note added",
			arena_printf(r->a, "#%lld on %s \"%s\"", (long long)id, action_id ? "action" : "outcome", about));
}
