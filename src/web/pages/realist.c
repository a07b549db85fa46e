/* realist.c - realist notes (context - mechanism - outcome, after Pawson
 * and Tilley) on an action or an outcome: in what situation, through which
 * element and how, what happened. Any member may add one; coordinators may
 * delete. /pw/{slug}/realist lists every note of the workplace. */
#include <string.h>

#include "base/util.h"
#include "web/pages/pages.h"
#include "web/realist_notes.h"
#include "web/wp_frame.h"

void page_realist_list(req *r)
{
	if (!wp_access(r, false))
		return;
	realist_note *ns;
	int n;
	int64_t *shared;
	int nshared;
	store_rc rc = store_realist_notes(r->st, r->a, r->wp->id, 0, 0, &ns, &n);
	if (rc == ST_OK)
		rc = store_realist_shared_ids(r->st, r->a, r->wp->id, &shared, &nshared);
	if (!ok_or_reply(r, rc))
		return;
	wp_heading(r, tr(r, "Realistische notities", "Realist notes"), "realist");
	if (req_query(r, "deleted"))
		html(&r->out, "<p class=\"notice\" role=\"status\">%s</p>",
		     tr(r, "De notitie is verwijderd.", "The note has been deleted."));
	if (req_query(r, "shared"))
		html(&r->out, "<p class=\"notice\" role=\"status\">%s</p>",
		     tr(r, "Opgeslagen wat er met de instelling gedeeld wordt.",
			"Saved what is shared with the institution."));
	html(&r->out, "<p class=\"lead\">%s</p>",
	     tr(r, "Context – mechanisme – uitkomst: wat werkte in deze werkplaats, voor wie en onder welke "
		   "omstandigheden. Voeg notities toe bij een verbeteractie of een opbrengst.",
		"Context – mechanism – outcome: what worked in this workplace, for whom and in what "
		"circumstances. Add notes to an improvement action or an outcome."));
	if (!n)
		html(&r->out, "<p>%s</p>", tr(r, "Er zijn nog geen realistische notities.", "There are no realist notes yet."));
	else
		html(&r->out, "<ul class=\"plain\">");
	for (int i = 0; i < n; i++)
		realist_note_item(r, &ns[i], true, shared, nshared);
	if (n)
		html(&r->out, "</ul>");
	page_end(r);
}

void page_realist_delete(req *r)
{
	int64_t id;
	if (!wp_access(r, true) || !(id = param_id(r)))
		return;
	store_rc rc = store_realist_delete(r->st, r->wp->id, id);
	if (!found_or_reply(r, rc))
		return;
	if (wp_audit(r, "realist note deleted", arena_printf(r->a, "#%lld", (long long)id)))
		reply_redirect(r, arena_printf(r->a, "%s/realist?deleted=1", wp_path(r)));
}

void page_realist_share(req *r)
{
	int64_t id;
	bool shared;
	if (!wp_access(r, true) || !(id = param_id(r)) || !share_field(r, &shared))
		return;
	store_rc rc = store_realist_share_set(r->st, r->wp->id, id, shared);
	if (!found_or_reply(r, rc))
		return;
	const char *detail = arena_printf(r->a, "#%lld", (long long)id);
	if (shared ? wp_audit(r, "realist note shared", detail) : wp_audit(r, "realist note no longer shared", detail))
		reply_redirect(r, arena_printf(r->a, "%s/realist?shared=1#realist", wp_path(r)));
}
