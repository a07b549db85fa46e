/* pieces.c - what several pages show or read in the same way: times,
 * element labels, an action's status, a partner's role, the element
 * checkboxes, the definition notice (see pieces.h). */
#include <string.h>

#include "base/util.h"
#include "base/zone.h"
#include "domain/definition.h"
#include "web/pieces.h"

const char *fmt_time(req *r, int64_t t)
{
	char s[ZONE_TIME_CHARS];
	zone_format(t, r->english, true, s);
	return arena_strdup(r->a, s);
}

const char *element_label(req *r, int e)
{
	return arena_printf(r->a, "%s – %s", element_code_str((element_code)e),
			    element_name((element_code)e, r->english));
}

void action_status_tag(req *r, action_status status)
{
	html(&r->out, "<span class=\"status-%s\">%s</span>", action_status_code(status),
	     action_status_name(status, r->english));
}

bool action_late(const improvement *a)
{
	char t[11];
	today(t);
	return action_overdue(a->status, a->due_on, t);
}

const char *partner_role_name(req *r, const char *role)
{
	return strcmp(role, "lead") == 0 ? tr(r, "penvoerder", "lead partner") : tr(r, "partner", "partner");
}

void textarea_required(req *r, const char *name, const char *label, const char *value, const char *hint)
{
	const char *err = field_error_for(r, name);
	const char *submitted = r->post ? form_get(r, name) : NULL;
	html(&r->out, "<div class=\"field%s\"><label for=\"f-%s\">%s</label>", err ? " invalid" : "", name, label);
	if (hint)
		html(&r->out, "<p class=\"hint\" id=\"h-%s\">%s</p>", name, hint);
	if (err)
		html(&r->out, "<p class=\"field-error\" id=\"e-%s\">%s</p>", name, err);
	if (err)
		html(&r->out, "<textarea id=\"f-%s\" name=\"%s\" rows=\"4\" required aria-invalid=\"true\" "
			      "aria-describedby=\"e-%s\">",
		     name, name, name);
	else
		html(&r->out, "<textarea id=\"f-%s\" name=\"%s\" rows=\"4\" required>", name, name);
	html(&r->out, "%s</textarea></div>", submitted ? submitted : value ? value : "");
}

void definition_notice(req *r, const partner *ps, int n, const char *location)
{
	org_kind *kinds = ARENA_ARRAY(r->a, org_kind, (size_t)n + 1);
	for (int i = 0; i < n; i++)
		kinds[i] = ps[i].kind;
	pw_definition d = pw_definition_check(kinds, n, location);
	if (d.meets) {
		html(&r->out, "<div class=\"notice\" id=\"definition\" data-meets=\"yes\"><p>%s</p></div>",
		     tr(r, "Deze samenwerking voldoet aan de definitie van een professionele werkplaats: "
			   "minstens één hogeronderwijsinstelling en één publieke organisatie, gesitueerd in "
			   "de praktijk.",
			"This collaboration meets the definition of a professional workplace: at least one "
			"higher-education institution and one public organisation, located in practice."));
		return;
	}
	html(&r->out, "<div class=\"notice warn\" id=\"definition\" data-meets=\"no\"><p>%s</p><ul>",
	     tr(r, "Deze samenwerking voldoet nog niet aan de definitie van een professionele werkplaats. "
		   "Wat ontbreekt:",
		"This collaboration does not meet the definition of a professional workplace yet. What is "
		"missing:"));
	if (!d.higher_education)
		html(&r->out, "<li>%s</li>", tr(r, "een hogeronderwijsinstelling (hbo of universiteit) als partner",
					       "a higher-education institution (hbo or university) as partner"));
	if (!d.public_org)
		html(&r->out, "<li>%s</li>", tr(r, "een publieke organisatie als partner",
					       "a public organisation as partner"));
	if (!d.located)
		html(&r->out, "<li>%s</li>", tr(r, "een locatie in de praktijk (vul die in bij het profiel)",
					       "a location in practice (fill it in on the profile)"));
	html(&r->out, "</ul></div>");
}

void elements_field(req *r, const char *name, unsigned mask, bool sent)
{
	const char *err = field_error_for(r, name);
	int n = 0;
	const char **got = sent ? form_all(r, name, &n) : NULL;
	html(&r->out, "<fieldset id=\"f-%s\" class=\"%s\"><legend>%s</legend>", name, err ? "invalid" : "",
	     tr(r, "Elementen", "Elements"));
	if (err)
		html(&r->out, "<p class=\"field-error\">%s</p>", err);
	for (int e = 0; e < EL_COUNT; e++) {
		const char *code = element_code_str((element_code)e);
		bool on = mask & (1u << e);
		if (sent) {
			on = false;
			for (int i = 0; i < n; i++)
				on = on || strcmp(got[i], code) == 0;
		}
		html(&r->out, "<div class=\"check\"><input type=\"checkbox\" id=\"f-%s-%s\" name=\"%s\" "
			      "value=\"%s\"%s><label for=\"f-%s-%s\">%s</label></div>",
		     name, code, name, code, on ? " checked" : "", name, code, element_label(r, e));
	}
	html(&r->out, "</fieldset>");
}

bool read_elements(req *r, const char *name, bool required, unsigned *mask)
{
	int n;
	const char **els = form_all(r, name, &n);
	*mask = 0;
	for (int i = 0; i < n; i++) {
		int e = element_from_code(els[i]);
		if (e < 0) {
			field_error(r, name, tr(r, "Kies elementen uit de lijst.", "Choose elements from the list."));
			return false;
		}
		*mask |= 1u << e;
	}
	if (!*mask && required) {
		field_error(r, name, tr(r, "Kies minstens één element.", "Choose at least one element."));
		return false;
	}
	return true;
}

void actions_open_for_element(req *r, int64_t workplace_id, int element)
{
	if (element < 0 || element >= EL_COUNT)
		return;
	action_info *as;
	int n;
	if (store_actions_list(r->st, r->a, workplace_id, ACTION_STATUS_COUNT, element, &as, &n) != ST_OK) {
		html(&r->out, "<p class=\"hint\">%s</p>",
		     tr(r, "De verbeteracties konden niet worden geladen.", "The improvement actions could not be loaded."));
		return;
	}
	bool links = r->wp && r->wp->id == workplace_id;
	if (!n) {
		html(&r->out, "<p class=\"open-actions\">%s</p>",
		     arena_printf(r->a, tr(r, "Er zijn geen open verbeteracties voor %s.", "There are no open improvement actions for %s."),
				  element_code_str((element_code)element)));
		return;
	}
	html(&r->out, "<ul class=\"plain open-actions\">");
	for (int i = 0; i < n; i++) {
		const improvement *a = &as[i].act;
		if (links)
			html(&r->out, "<li><a href=\"%s/actions/%lld\">%s</a> ", wp_path(r), (long long)a->id, a->title);
		else
			html(&r->out, "<li>%s ", a->title);
		action_status_tag(r, a->status);
		if (*a->due_on)
			html(&r->out, " <small>%s %s</small>", tr(r, "klaar op", "due"), a->due_on);
		if (action_late(a))
			html(&r->out, " <span class=\"band-attention overdue\">%s</span>", tr(r, "te laat", "overdue"));
		html(&r->out, "</li>");
	}
	html(&r->out, "</ul>");
	if (links)
		html(&r->out, "<p><a href=\"%s/actions?status=open&amp;element=%s\">%s</a></p>", wp_path(r),
		     element_code_str((element_code)element), tr(r, "Naar de verbeteragenda", "To the improvement agenda"));
}
