/* routes.c - the one route table, and the request prologue that runs
 * before every handler: route, language, form body, store, session,
 * site-level access, CSRF, transaction. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/token.h"
#include "base/util.h"
#include "web/app.h"
#include "web/form.h"
#include "web/pages/pages.h"
#include "web/route.h"

/* Method, pattern, handler, who may enter (site level), transaction, and
 * what a programme lead who is not a member gets on a workplace's route:
 * LEAD_READ marks the read-only pages of the lead's view; on
 * every other workplace route the lead gets 403 (wp_access). */
const struct route routes[] = {
	{"GET", "/static/{name}", page_static, ACC_ASSET, TX_AUTO, LEAD_NO},
	{"GET", "/healthz", page_healthz, ACC_PUBLIC, TX_AUTO, LEAD_NO},
	{"GET", "/metrics", page_metrics, ACC_PUBLIC, TX_AUTO, LEAD_NO},
	{"GET", "/", page_home, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/login", page_login_form, ACC_PUBLIC, TX_AUTO, LEAD_NO},
	{"POST", "/login", page_login, ACC_PUBLIC, TX_SELF, LEAD_NO},
	{"POST", "/login/totp", page_login_totp, ACC_PUBLIC, TX_SELF, LEAD_NO},
	{"POST", "/logout", page_logout, ACC_PUBLIC, TX_AUTO, LEAD_NO},
	{"POST", "/lang", page_lang, ACC_PUBLIC, TX_AUTO, LEAD_NO},
	{"GET", "/account", page_account, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/account/password", page_account_password, ACC_LOGIN, TX_SELF, LEAD_NO},
	{"POST", "/account/tokens", page_account_token_create, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/account/tokens/{id}/revoke", page_account_token_revoke, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/account/totp", page_account_totp, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/account/totp/start", page_account_totp_start, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/account/totp/confirm", page_account_totp_confirm, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/account/totp/disable", page_account_totp_disable, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/login/oidc/{idp}", page_oidc_start, ACC_PUBLIC, TX_SELF, LEAD_NO},
	{"GET", "/login/oidc/callback", page_oidc_callback, ACC_PUBLIC, TX_SELF, LEAD_NO},
	{"POST", "/login/saml/{idp}", page_saml_start, ACC_PUBLIC, TX_SELF, LEAD_NO},
	{"GET", "/saml/metadata", page_saml_metadata, ACC_PUBLIC, TX_AUTO, LEAD_NO},
	{"POST", "/saml/acs", page_saml_acs, ACC_IDP, TX_SELF, LEAD_NO},
	{"GET", "/login/link/{token}", page_login_link_form, ACC_PUBLIC, TX_AUTO, LEAD_NO},
	{"POST", "/login/link/{token}", page_login_link, ACC_PUBLIC, TX_AUTO, LEAD_NO},
	{"GET", "/password/{token}", page_password_link_form, ACC_PUBLIC, TX_AUTO, LEAD_NO},
	{"POST", "/password/{token}", page_password_link, ACC_PUBLIC, TX_SELF, LEAD_NO},
	{"GET", "/admin", page_admin, ACC_ADMIN, TX_AUTO, LEAD_NO},
	{"POST", "/admin/accounts", page_admin_account_create, ACC_ADMIN, TX_AUTO, LEAD_NO},
	{"POST", "/admin/accounts/{id}/reset", page_admin_account_reset, ACC_ADMIN, TX_AUTO, LEAD_NO},
	{"POST", "/admin/accounts/{id}/totp-reset", page_admin_account_totp_reset, ACC_ADMIN, TX_AUTO, LEAD_NO},
	{"GET", "/admin/mail", page_admin_mail, ACC_ADMIN, TX_AUTO, LEAD_NO},
	{"POST", "/admin/mail", page_admin_mail_save, ACC_ADMIN, TX_AUTO, LEAD_NO},
	{"POST", "/admin/mail/test", page_admin_mail_test, ACC_ADMIN, TX_SELF, LEAD_NO},
	{"GET", "/admin/privacy", page_admin_privacy, ACC_ADMIN, TX_AUTO, LEAD_NO},
	{"POST", "/admin/privacy", page_admin_privacy_save, ACC_ADMIN, TX_AUTO, LEAD_NO},
	{"POST", "/admin/privacy/statement", page_admin_privacy_statement, ACC_ADMIN, TX_AUTO, LEAD_NO},
	{"GET", "/admin/privacy/record", page_admin_privacy_record, ACC_ADMIN, TX_AUTO, LEAD_NO},
	{"GET", "/admin/people", page_admin_people, ACC_ADMIN, TX_AUTO, LEAD_NO},
	{"GET", "/admin/people/export", page_admin_people_export, ACC_ADMIN, TX_AUTO, LEAD_NO},
	{"POST", "/admin/people/delete", page_admin_people_delete, ACC_ADMIN, TX_AUTO, LEAD_NO},
	{"GET", "/admin/sign-in", page_admin_sign_in, ACC_ADMIN, TX_AUTO, LEAD_NO},
	{"POST", "/admin/sign-in/password", page_admin_password_login, ACC_ADMIN, TX_AUTO, LEAD_NO},
	{"POST", "/admin/sign-in/providers", page_admin_idp_create, ACC_ADMIN, TX_AUTO, LEAD_NO},
	{"POST", "/admin/sign-in/providers/{id}/remove", page_admin_idp_remove, ACC_ADMIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}", page_workplace, ACC_LOGIN, TX_AUTO, LEAD_READ},
	{"GET", "/pw/{slug}/rounds", page_rounds, ACC_LOGIN, TX_AUTO, LEAD_READ},
	{"POST", "/pw/{slug}/rounds", page_round_create, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/rounds/{id}", page_round, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/rounds/{id}/close", page_round_close, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/rounds/{id}/reopen", page_round_reopen, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/rounds/{id}/poster", page_round_poster, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/rounds/{id}/invitations", page_round_invite, ACC_LOGIN, TX_SELF, LEAD_NO},
	{"POST", "/pw/{slug}/rounds/{id}/remind", page_round_remind, ACC_LOGIN, TX_SELF, LEAD_NO},
	{"POST", "/pw/{slug}/rounds/{id}/mail", page_round_mail, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/rounds/{id}/tables.csv", page_round_tables_csv, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/rounds/{id}/tables.xlsx", page_round_tables_xlsx, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/rounds/{id}/report.pdf", page_round_report_pdf, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/api/v1/rounds/{id}/tables", page_api_round_tables, ACC_API, TX_AUTO, LEAD_NO},
	{"GET", "/api/v1/rounds/{id}/report", page_api_round_report, ACC_API, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/years/{year}/report.pdf", page_workplace_year_pdf, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/api/v1/workplaces/{slug}/years/{year}/report", page_workplace_year_pdf, ACC_API, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/years/{year}/share", page_year_share_create, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/year-links/{link}/revoke", page_year_share_revoke, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/rounds/{id}/share", page_round_share_create, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/rounds/{id}/share/{link}/revoke", page_round_share_revoke, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/rounds/{id}/results", page_results, ACC_LOGIN, TX_AUTO, LEAD_READ},
	{"GET", "/pw/{slug}/rounds/{id}/results/{element}", page_results_element, ACC_LOGIN, TX_AUTO, LEAD_READ},
	{"GET", "/pw/{slug}/rounds/{id}/dialogue", page_dialogue, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/rounds/{id}/dialogue", page_dialogue_save, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/rounds/{id}/export", page_round_export, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/rounds/{id}/export/{file}", page_round_export_file, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/rounds/{id}/import", page_round_import_form, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/rounds/{id}/import", page_round_import, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/rounds/{id}/paper", page_round_paper, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/rounds/{id}/paper", page_round_paper_post, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/rounds/{id}/paper/form.pdf", page_round_paper_pdf, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/rounds/{id}/paper/{entry}/delete", page_round_paper_delete, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/rounds/{id}/own", page_round_own, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/rounds/{id}/own", page_round_own_add, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/rounds/{id}/own/copy", page_round_own_copy, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/rounds/{id}/own/{entry}/edit", page_round_own_edit, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/rounds/{id}/own/{entry}/move", page_round_own_move, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/rounds/{id}/own/{entry}/delete", page_round_own_delete, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/research/export", page_research_export, ACC_RESEARCH, TX_AUTO, LEAD_NO},
	{"GET", "/research/export/{file}", page_research_export_file, ACC_RESEARCH, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/development", page_development, ACC_LOGIN, TX_AUTO, LEAD_READ},
	{"GET", "/overview", page_overview, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/questions", page_student_questions, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/overview/export", page_overview_export, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/library", page_library, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/library/analysis", page_library_analysis, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/admin/workplaces", page_admin_workplace_create, ACC_ADMIN, TX_AUTO, LEAD_NO},
	{"GET", "/admin/audit", page_admin_audit, ACC_ADMIN, TX_AUTO, LEAD_NO},
	{"GET", "/admin/benchmarks", page_admin_benchmarks, ACC_ADMIN, TX_AUTO, LEAD_NO},
	{"POST", "/admin/benchmarks", page_admin_benchmark_agree, ACC_ADMIN, TX_AUTO, LEAD_NO},
	{"GET", "/admin/look", page_admin_look, ACC_ADMIN, TX_AUTO, LEAD_NO},
	{"POST", "/admin/look/logo", page_admin_look_logo, ACC_ADMIN, TX_AUTO, LEAD_NO},
	{"POST", "/admin/look/accent", page_admin_look_accent, ACC_ADMIN, TX_AUTO, LEAD_NO},
	{"GET", "/look/logo", page_look_logo, ACC_PUBLIC, TX_AUTO, LEAD_NO},
	{"GET", "/look.css", page_look_css, ACC_PUBLIC, TX_AUTO, LEAD_NO},
	{"GET", "/join/{token}", page_join_form, ACC_PUBLIC, TX_AUTO, LEAD_NO},
	{"POST", "/join/{token}", page_join, ACC_PUBLIC, TX_SELF, LEAD_NO},
	{"GET", "/pw/{slug}/profile", page_profile_form, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/profile", page_profile_save, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/characteristics", page_characteristics_form, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/characteristics", page_characteristics_save, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/characteristics/history", page_characteristics_history, ACC_LOGIN, TX_AUTO, LEAD_READ},
	{"GET", "/pw/{slug}/partners", page_partners, ACC_LOGIN, TX_AUTO, LEAD_READ},
	{"POST", "/pw/{slug}/partners", page_partner_add, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/partners/{org}", page_partner_update, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/partners/{org}/remove", page_partner_remove, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/members", page_members, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/members/invite", page_member_invite, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/members/{id}/role", page_member_role, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/members/{id}/remove", page_member_remove, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/invitations/{id}/revoke", page_invitation_revoke, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/actions", page_actions, ACC_LOGIN, TX_AUTO, LEAD_READ},
	{"POST", "/pw/{slug}/actions", page_action_create, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/actions/{id}", page_action, ACC_LOGIN, TX_AUTO, LEAD_READ},
	{"POST", "/pw/{slug}/actions/{id}", page_action_save, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/actions/{id}/notes", page_action_note, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/actions/{id}/realist", page_action_realist, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/actions/{id}/share", page_action_share, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/outcomes", page_outcomes, ACC_LOGIN, TX_AUTO, LEAD_READ},
	{"POST", "/pw/{slug}/outcomes", page_outcome_create, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/outcomes/{id}", page_outcome, ACC_LOGIN, TX_AUTO, LEAD_READ},
	{"POST", "/pw/{slug}/outcomes/{id}", page_outcome_save, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/outcomes/{id}/delete", page_outcome_delete, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/outcomes/{id}/realist", page_outcome_realist, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/outcomes/{id}/evidence", page_outcome_evidence, ACC_LOGIN, TX_AUTO, LEAD_READ},
	{"GET", "/pw/{slug}/questions", page_practice_questions, ACC_LOGIN, TX_AUTO, LEAD_READ},
	{"POST", "/pw/{slug}/questions", page_question_create, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/questions/{id}", page_question, ACC_LOGIN, TX_AUTO, LEAD_READ},
	{"POST", "/pw/{slug}/questions/{id}", page_question_save, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/questions/{id}/delete", page_question_delete, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/questions/{id}/activities", page_activity_create, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/questions/{id}/contributors", page_contributor_create, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/questions/{id}/products", page_product_create, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/activities/{id}", page_activity, ACC_LOGIN, TX_AUTO, LEAD_READ},
	{"POST", "/pw/{slug}/activities/{id}", page_activity_save, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/activities/{id}/delete", page_activity_delete, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/contributors/{id}/delete", page_contributor_delete, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/questions.csv", page_practice_csv, ACC_LOGIN, TX_AUTO, LEAD_READ},
	{"GET", "/pw/{slug}/activities.csv", page_practice_csv, ACC_LOGIN, TX_AUTO, LEAD_READ},
	{"GET", "/pw/{slug}/products.csv", page_practice_csv, ACC_LOGIN, TX_AUTO, LEAD_READ},
	{"GET", "/pw/{slug}/practice.xlsx", page_practice_xlsx, ACC_LOGIN, TX_AUTO, LEAD_READ},
	{"GET", "/pw/{slug}/realist", page_realist_list, ACC_LOGIN, TX_AUTO, LEAD_READ},
	{"POST", "/pw/{slug}/realist/{id}/delete", page_realist_delete, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/realist/{id}/share", page_realist_share, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/audit", page_wp_audit, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/mail-templates", page_mail_templates, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/mail-templates", page_mail_templates_save, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/pw/{slug}/privacy", page_wp_privacy, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"POST", "/pw/{slug}/privacy", page_wp_privacy_save, ACC_LOGIN, TX_AUTO, LEAD_NO},
	{"GET", "/guide", page_guide, ACC_PUBLIC, TX_AUTO, LEAD_NO},
	{"GET", "/api/v1/workplaces", page_api_workplaces, ACC_API, TX_AUTO, LEAD_NO},
	{"GET", "/api/v1/workplaces/{slug}", page_api_workplace, ACC_API, TX_AUTO, LEAD_READ},
	{"GET", "/api/v1/workplaces/{slug}/rounds", page_api_workplace_rounds, ACC_API, TX_AUTO, LEAD_READ},
	{"GET", "/api/v1/workplaces/{slug}/actions", page_api_actions, ACC_API, TX_AUTO, LEAD_READ},
	{"POST", "/api/v1/workplaces/{slug}/actions", page_api_action_create, ACC_API, TX_AUTO, LEAD_NO},
	{"GET", "/api/v1/workplaces/{slug}/outcomes", page_api_outcomes, ACC_API, TX_AUTO, LEAD_READ},
	{"GET", "/api/v1/workplaces/{slug}/characteristics", page_api_characteristics, ACC_API, TX_AUTO, LEAD_READ},
	{"GET", "/api/v1/workplaces/{slug}/development", page_api_development, ACC_API, TX_AUTO, LEAD_READ},
	{"GET", "/api/v1/library", page_api_library, ACC_API, TX_AUTO, LEAD_NO},
	{"GET", "/api/v1/analysis", page_api_analysis, ACC_API, TX_AUTO, LEAD_NO},
	{"POST", "/api/v1/workplaces/{slug}/outcomes", page_api_outcome_create, ACC_API, TX_AUTO, LEAD_NO},
	{"GET", "/api/v1/workplaces/{slug}/questions", page_api_questions, ACC_API, TX_AUTO, LEAD_NO},
	{"POST", "/api/v1/workplaces/{slug}/questions", page_api_question_create, ACC_API, TX_AUTO, LEAD_NO},
	{"GET", "/api/v1/workplaces/{slug}/questions/{id}", page_api_question, ACC_API, TX_AUTO, LEAD_NO},
	{"GET", "/api/v1/workplaces/{slug}/activities", page_api_activities, ACC_API, TX_AUTO, LEAD_NO},
	{"POST", "/api/v1/workplaces/{slug}/activities", page_api_activity_create, ACC_API, TX_AUTO, LEAD_NO},
	{"GET", "/api/v1/workplaces/{slug}/activities/{id}", page_api_activity, ACC_API, TX_AUTO, LEAD_NO},
	{"GET", "/api/v1/workplaces/{slug}/contributors", page_api_contributors, ACC_API, TX_AUTO, LEAD_NO},
	{"POST", "/api/v1/workplaces/{slug}/contributors", page_api_contributor_create, ACC_API, TX_AUTO, LEAD_NO},
	{"GET", "/api/v1/workplaces/{slug}/products", page_api_products, ACC_API, TX_AUTO, LEAD_NO},
	{"POST", "/api/v1/workplaces/{slug}/products", page_api_product_create, ACC_API, TX_AUTO, LEAD_NO},
	{"GET", "/api/v1/rounds/{id}", page_api_round, ACC_API, TX_AUTO, LEAD_READ},
	{"GET", "/api/v1/rounds/{id}/results", page_api_round_results, ACC_API, TX_AUTO, LEAD_READ},
	{"GET", "/api/v1/rounds/{id}/answers", page_api_round_answers, ACC_API, TX_AUTO, LEAD_NO},
	{"GET", "/api/v1/rounds/{id}/comments", page_api_round_comments, ACC_API, TX_AUTO, LEAD_READ},
	{"GET", "/r/{token}", page_r_entry, ACC_PUBLIC, TX_AUTO, LEAD_NO},
	{"POST", "/r/{token}/start", page_r_start, ACC_PUBLIC, TX_PLAN, LEAD_NO},
	{"POST", "/r/{token}/resume", page_r_resume, ACC_PUBLIC, TX_AUTO, LEAD_NO},
	{"GET", "/r/{token}/p/{n}", page_r_page, ACC_PUBLIC, TX_AUTO, LEAD_NO},
	{"POST", "/r/{token}/p/{n}", page_r_save, ACC_PUBLIC, TX_AUTO, LEAD_NO},
	{"GET", "/r/{token}/all", page_r_all, ACC_PUBLIC, TX_AUTO, LEAD_NO},
	{"POST", "/r/{token}/all", page_r_all_save, ACC_PUBLIC, TX_PLAN, LEAD_NO},
	{"GET", "/r/{token}/review", page_r_review, ACC_PUBLIC, TX_AUTO, LEAD_NO},
	{"POST", "/r/{token}/submit", page_r_submit, ACC_PUBLIC, TX_PLAN, LEAD_NO},
	{"GET", "/r/{token}/withdraw", page_r_withdraw_form, ACC_PUBLIC, TX_AUTO, LEAD_NO},
	{"POST", "/r/{token}/withdraw", page_r_withdraw, ACC_PUBLIC, TX_AUTO, LEAD_NO},
	{"GET", "/r/{token}/results", page_r_results, ACC_PUBLIC, TX_AUTO, LEAD_NO},
	{"GET", "/s/{token}", page_share, ACC_PUBLIC, TX_AUTO, LEAD_NO},
	{"GET", "/s/{token}/results/{element}", page_share_element, ACC_PUBLIC, TX_AUTO, LEAD_NO},
	{"GET", "/s/{token}/tables.csv", page_share_tables_csv, ACC_PUBLIC, TX_AUTO, LEAD_NO},
	{"GET", "/s/{token}/tables.xlsx", page_share_tables_xlsx, ACC_PUBLIC, TX_AUTO, LEAD_NO},
	{"GET", "/s/{token}/report.pdf", page_share_report_pdf, ACC_PUBLIC, TX_AUTO, LEAD_NO},
};
const int route_count = (int)ARRAY_LEN(routes);

/* Does the pattern match r->seg? Captures go to r->param. */
static bool pattern_match(req *r, const char *pattern, bool capture)
{
	int i = 0, np = 0;
	const char *p = pattern;
	while (*p == '/')
		p++;
	while (*p) {
		const char *end = strchr(p, '/');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (i >= r->nseg)
			return false;
		if (p[0] == '{') {
			if (!*r->seg[i])
				return false;
			if (capture && np < 4)
				r->param[np++] = r->seg[i];
		} else if (strlen(r->seg[i]) != len || strncmp(r->seg[i], p, len) != 0) {
			return false;
		}
		i++;
		p += len;
		while (*p == '/')
			p++;
	}
	return i == r->nseg;
}

const struct route *route_match(req *r, char *allowed, size_t allowed_len)
{
	bool head = strcmp(r->method, "HEAD") == 0;
	allowed[0] = 0;
	for (int i = 0; i < route_count; i++) {
		const struct route *rt = &routes[i];
		if (!pattern_match(r, rt->pattern, false))
			continue;
		if (strcmp(rt->method, r->method) == 0 || (head && strcmp(rt->method, "GET") == 0)) {
			pattern_match(r, rt->pattern, true);
			return rt;
		}
		size_t used = strlen(allowed);
		snprintf(allowed + used, allowed_len - used, "%s%s", used ? ", " : "", rt->method);
	}
	return NULL;
}

bool route_split(req *r)
{
	if (strlen(r->path) > 1024 || r->path[0] != '/')
		return false;
	char *p = arena_strdup(r->a, r->path + 1);
	r->nseg = 0;
	if (!*p)
		return true;
	for (;;) {
		if (r->nseg == MAX_SEGMENTS)
			return false;
		r->seg[r->nseg++] = p;
		char *slash = strchr(p, '/');
		if (!slash)
			return true;
		*slash = 0;
		p = slash + 1;
	}
}

static void choose_language(req *r)
{
	if (r->api) {
		/* programs read the API: English unless Dutch is asked for */
		const char *al = req_header(r, "Accept-Language");
		r->english = !(al && (al[0] == 'n' || al[0] == 'N') && (al[1] == 'l' || al[1] == 'L'));
		return;
	}
	const char *c = req_cookie(r, "wp_lang");
	if (c && (strcmp(c, "en") == 0 || strcmp(c, "nl") == 0)) {
		r->english = c[0] == 'e';
		return;
	}
	const char *al = req_header(r, "Accept-Language");
	r->english = al && (al[0] == 'e' || al[0] == 'E') && (al[1] == 'n' || al[1] == 'N');
}

/* An API token (Authorization: Bearer TOKEN), only under /api/. False
 * (after a 401) when a token was sent that is not a live one. */
static bool load_bearer(req *r)
{
	const char *auth = req_header(r, "Authorization");
	if (!auth || !r->api)
		return true;
	if (strncasecmp(auth, "Bearer ", 7) != 0) {
		reply_header(r, "WWW-Authenticate", "Bearer realm=\"werkplaats\"");
		reply_error(r, 401, "use Authorization: Bearer TOKEN with a personal API token "
				    "from your account page");
		return false;
	}
	const char *tok = auth + 7;
	while (*tok == ' ')
		tok++;
	person *p = ARENA_NEW(r->a, person);
	char h[HASH_HEX + 1];
	token_hash("api", tok, h);
	if (strlen(tok) > 200 || store_api_token_person(r->st, r->a, h, p) != ST_OK) {
		reply_header(r, "WWW-Authenticate", "Bearer realm=\"werkplaats\", error=\"invalid_token\"");
		reply_error(r, 401, "this API token is not valid: it is unknown, revoked, or its "
				    "account is disabled");
		return false;
	}
	r->user = p;
	r->bearer = true;
	return true;
}

/* False when the store could not be asked (unreachable: the caller
 * answers 503 rather than treat the visitor as logged out). */
static bool load_session(req *r)
{
	const char *tok = req_cookie(r, "wp_session");
	const char *anon = req_cookie(r, "wp_anon");
	if (anon && token_well_formed(anon))
		r->anon_token = anon;
	if (!tok || !token_well_formed(tok))
		return true;
	char h[HASH_HEX + 1];
	token_hash("session", tok, h);
	person *p = ARENA_NEW(r->a, person);
	store_rc rc = store_session_person(r->st, r->a, h, wp_now(), p);
	if (rc == ST_OK) {
		r->user = p;
		r->session_token = tok;
	}
	if (rc == ST_BUSY) {
		reply_store_error(r, rc);
		return false;
	}
	return true;
}

/* Institutions: a request's reads find a session network-wide
 * (on PostgreSQL the read connections start with no institution: row-level
 * security shows nothing until one is named), then keep to the signed-in
 * person's institution. A public route (a questionnaire, a share link, a
 * join link: rows found by a secret token) stays network-wide, also for
 * someone signed in at another institution. A POST on the committer gets
 * its institution in run_job. */
static int64_t request_institution(const req *r, const struct route *rt)
{
	if (!r->user || rt->access == ACC_PUBLIC || rt->access == ACC_IDP)
		return 0;
	return r->user->institution_id;
}

static bool scope_to(req *r, int64_t institution_id)
{
	store_rc rc = store_set_institution(r->st, institution_id, true);
	return ok_or_reply(r, rc);
}

static bool scope_network(req *r)
{
	return scope_to(r, 0);
}

static bool scope_institution(req *r, const struct route *rt)
{
	int64_t institution_id = request_institution(r, rt);
	return !institution_id || scope_to(r, institution_id);
}

static bool parse_body(req *r)
{
	if (!r->post)
		return true;
	const char *ct = req_header(r, "Content-Type");
	bool multipart = ct && strncasecmp(ct, "multipart/form-data", 19) == 0;
	if (r->api && ct && strncasecmp(ct, "application/json", 16) == 0)
		return true; /* the handler parses r->body */
	if (r->body_len && !multipart &&
	    (!ct || strncmp(ct, "application/x-www-form-urlencoded", 33) != 0)) {
		reply_error(r, 415,
			    tr(r, "Dit formulier is in een onbekend formaat verstuurd.",
			       "This form was sent in an unknown format."));
		return false;
	}
	if (multipart ? !form_parse_multipart(r->a, ct, r->body, r->body_len, &r->form, &r->files)
		      : !form_parse(r->a, r->body, r->body_len, &r->form)) {
		reply_error(r, 400, tr(r, "Het formulier is beschadigd aangekomen (ongeldige codering). "
					  "Laad de pagina opnieuw en probeer het nog eens.",
				       "The form arrived damaged (invalid encoding). Reload the page and "
				       "try again."));
		return false;
	}
	return true;
}

/* The (decoded) path as a query value: everything but unreserved
 * characters and '/' percent-encoded, so that a CR/LF, '&' or non-ASCII
 * byte in it cannot break the Location header or the query. */
/* With a key for two-step login (serve --secret-key-file, unless
 * --admin-totp-optional) and password login on, a site administrator
 * with a password and no second factor sets one up before anything else
 * (pages/totp.c). */
static bool must_enrol(req *r, const struct route *rt)
{
	if (!r->app->require_admin_totp || !r->user || r->bearer || !r->user->is_admin ||
	    !r->user->has_password || r->user->has_totp || !password_login_on(r))
		return false;
	return strncmp(rt->pattern, "/account/totp", 13) != 0 && strcmp(rt->pattern, "/logout") != 0 &&
	       strcmp(rt->pattern, "/lang") != 0;
}

static bool check_access(req *r, const struct route *rt)
{
	if (must_enrol(r, rt)) {
		reply_redirect(r, "/account/totp");
		return false;
	}
	if (rt->access == ACC_LOGIN && !r->user) {
		if (r->post)
			reply_redirect(r, "/login");
		else
			reply_redirect(r, arena_printf(r->a, "/login?next=%s", query_escape(r, r->path)));
		return false;
	}
	if (rt->access == ACC_API && !r->user) {
		reply_header(r, "WWW-Authenticate", "Bearer realm=\"werkplaats\"");
		reply_error(r, 401, tr(r, "log eerst in (sessiecookie) of stuur een persoonlijk API-token: "
					  "Authorization: Bearer TOKEN",
				       "log in first (session cookie) or send a personal API token: "
				       "Authorization: Bearer TOKEN"));
		return false;
	}
	if (rt->access == ACC_RESEARCH && !(r->user && (r->user->is_admin || r->user->is_researcher))) {
		if (!r->user)
			reply_redirect(r, "/login");
		else
			reply_error(r, 404, NULL);
		return false;
	}
	if (rt->access == ACC_ADMIN && (!is_site_admin(r) || (!is_network_admin(r) && network_page(rt)))) {
		if (!r->user)
			reply_redirect(r, "/login");
		else
			reply_error(r, 404, NULL);
		return false;
	}
	return true;
}

/* Every POST proves it came from our own pages, except one that carries
 * an API token and no session cookie: a browser cannot be made to send
 * an Authorization header to another site, and without the cookie it
 * acts for nobody. A JSON POST with a session cookie sends the token in
 * the X-CSRF-Token header. */
static bool check_csrf(req *r)
{
	if (r->bearer && !req_cookie(r, "wp_session"))
		return true;
	const char *sent = form_get(r, "csrf");
	if (!sent)
		sent = req_header(r, "X-CSRF-Token");
	if (sent && token_equal(sent, csrf_token(r)))
		return true;
	if (r->api) {
		reply_error(r, 403, "a POST with a session cookie needs its CSRF token in the X-CSRF-Token "
				    "header; a program should send an API token (Authorization: Bearer) "
				    "without cookies instead");
		return false;
	}
	reply_error(r, 403, tr(r, "Dit formulier is verlopen of niet via deze site verstuurd. Ga "
				  "terug, laad de pagina opnieuw en probeer het nog eens. Er is niets "
				  "opgeslagen.",
			       "This form has expired or was not sent from this site. Go back, reload "
			       "the page and try again. Nothing was saved."));
	return false;
}

/* A POST handler run by the committer, on its connection, inside the
 * transaction it shares with other waiting writers. An error reply rolls
 * back this handler's changes only. */
static store_rc run_job(store *st, void *arg)
{
	req *r = arg;
	r->st = st;
	WP_ASSERT(!r->replied); /* a plan's reply was taken back (plan_writes) */
	/* the signed-in person's institution for the store's queries; the
	 * committer's connection itself stays network-wide in the database */
	store_set_institution(st, request_institution(r, r->queued), false);
	r->queued->fn(r);
	store_set_institution(st, 0, false);
	r->st = NULL;
	WP_ASSERT(r->replied);
	return r->status < 400 ? ST_OK : ST_CONFLICT;
}

/* On the committer's thread, after the commit: the last touch of r there. */
static void job_done(void *arg, store_rc own, store_rc commit)
{
	req *r = arg;
	/* a handler that could not even start (no savepoint) did not answer */
	r->commit_rc = commit == ST_OK && !r->replied ? (own != ST_OK ? own : ST_ERROR) : commit;
	r->resume(r->resume_arg);
}

/* Counters that must outlive the request's own transaction (an error
 * reply rolls it back, and a GET has a read-only snapshot): a failed
 * token or code probe, an open-link start or submission refused for the
 * link's limits, a share link's use. Written in a short
 * transaction of their own, after the request's work was committed or
 * rolled back. */
/* A share link's use: counted on the link, and written to the audit log
 * (without the token) once per visit, when the link had been quiet for
 * SHARE_VISIT_QUIET seconds. */
#define SHARE_VISIT_QUIET (30 * 60)

static void count_share_use(req *r, store *st, int64_t now)
{
	bool new_visit = false;
	bool year = r->shared.year != 0;
	if (store_share_link_used(st, r->shared.link_id, year, now, SHARE_VISIT_QUIET, &new_visit) == ST_OK &&
	    new_visit)
		store_audit(st, 0, r->shared.workplace_id, "share link used",
			    year ? arena_printf(r->a, "year link %lld, year %d: %s", (long long)r->shared.link_id,
						r->shared.year, r->shared.what)
				 : arena_printf(r->a, "link %lld, round %lld: %s", (long long)r->shared.link_id,
						(long long)r->shared.round_id, r->shared.what));
}

static void count_after(req *r)
{
	if (!r->probe_failed && !r->refused.round_id && !r->shared.link_id)
		return;
	store *st = store_acquire(r->app->pool, false);
	if (store_begin(st) == ST_OK) {
		int64_t now = wp_now();
		if (r->shared.link_id)
			count_share_use(r, st, now);
		if (r->probe_failed)
			store_throttle_fail(st, arena_printf(r->a, "addr:%s", r->client), now,
					    THROTTLE_WINDOW);
		if (r->refused.round_id)
			store_open_link_refused(st, r->refused.round_id, open_link_bucket(now),
						r->refused.event);
		store_commit(st);
	}
	store_release(r->app->pool, st);
}

/* The request as it was before its handler ran (before), less its
 * buffers: the reply buffer is kept (emptied), and so is whatever the
 * handler asked to release when the request ends. */
static void take_back(req *r, const req *before)
{
	buf out = r->out;
	struct req_cleanup *cleanup = r->cleanup;
	*r = *before;
	r->out = out;
	buf_reset(&r->out);
	r->cleanup = cleanup;
}

/* TX_PLAN: run the handler on a read-only connection with a plan set. A
 * successful reply with writes planned keeps the plan (the reply waits
 * for its commit); anything else (an error page, a write that cannot be
 * planned and so fails on the read-only connection) takes the reply
 * back, so that the handler runs again on the committer as TX_AUTO. */
static store_plan *plan_writes(req *r, const struct route *rt)
{
	req *before = ARENA_NEW(r->a, req);
	*before = *r;
	store_plan *p = store_plan_new();
	store_set_plan(r->st, p);
	rt->fn(r);
	store_set_plan(r->st, NULL);
	WP_ASSERT(r->replied);
	if (r->status < 400 && store_plan_calls(p) > 0) {
		r->unplanned = before;
		return p;
	}
	store_plan_free(p);
	take_back(r, before);
	return NULL;
}

/* A plan that did not apply: its reply goes, the handler runs again. */
static store_rc run_job_unplanned(store *st, void *arg)
{
	req *r = arg;
	const struct route *queued = r->queued;
	void (*resume)(void *) = r->resume;
	void *resume_arg = r->resume_arg;
	take_back(r, r->unplanned);
	r->queued = queued;
	r->resume = resume;
	r->resume_arg = resume_arg;
	return run_job(st, r);
}

static void drop_plan(void *arg)
{
	req *r = arg;
	store_plan_free(r->plan);
	r->plan = NULL;
}

bool route_dispatch(req *r)
{
	choose_language(r);
	char allowed[64] = "";
	const struct route *rt = route_split(r) ? route_match(r, allowed, sizeof allowed) : NULL;
	if (!rt) {
		if (allowed[0]) {
			reply_header(r, "Allow", allowed);
			reply_error(r, 405, NULL);
		} else {
			reply_error(r, 404, NULL);
		}
		return true;
	}
	if (rt->access == ACC_ASSET) {
		rt->fn(r);
		return true;
	}
	if (!parse_body(r))
		return true;
	r->route = rt;
	/* A GET reads one snapshot, its session included: one read
	 * transaction (and one round of SQLite's file locks) per request.
	 * The one GET that writes is an identity provider's callback (the
	 * protocol sends the browser back with a GET): TX_SELF, on a
	 * read-write connection, in transactions of its own. */
	bool plan = r->post && rt->tx == TX_PLAN && store_committer_pipelines(r->app->committer);
	bool writes = (r->post && !plan) || rt->tx == TX_SELF;
	r->st = store_acquire(r->app->pool, !writes);
	/* a plan's reads too: what they decide is checked again by the
	 * planned writes, each with the rows it must touch, but the
	 * institution that row-level security asks for is a setting of a
	 * transaction (scope_network), and a read-only connection without
	 * one sees no rows */
	store_rc rc = writes ? ST_OK : store_begin_read(r->st);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		store_release(r->app->pool, r->st);
		r->st = NULL;
		return true;
	}
	bool allowed_in = scope_network(r) && load_session(r) && load_bearer(r) &&
			  scope_institution(r, rt) && check_access(r, rt) &&
			  (!r->post || rt->access == ACC_IDP || check_csrf(r));
	if (allowed_in && plan && (r->plan = plan_writes(r, rt)) != NULL)
		req_on_done(r, drop_plan, r); /* when it never reached the committer */
	if (allowed_in && r->post && rt->tx != TX_SELF) {
		/* the handler runs on the committer's connection: give ours back
		 * now, so that waiting requests never hold the pool's connections */
		r->queued = rt;
		store_release(r->app->pool, r->st);
		r->st = NULL;
		return false;
	}
	if (allowed_in) {
		rt->fn(r);
		WP_ASSERT(r->replied);
	}
	store_rollback(r->st); /* ends a read snapshot; TX_SELF handlers have committed */
	store_release(r->app->pool, r->st);
	r->st = NULL;
	count_after(r);
	return true;
}

void route_queue(req *r, void (*resume)(void *arg), void *arg)
{
	WP_ASSERT(r->queued);
	r->resume = resume;
	r->resume_arg = arg;
	store_plan *p = r->plan;
	r->plan = NULL; /* the committer's now */
	if (p)
		store_commit_plan(r->app->committer, p, run_job_unplanned, r, job_done, r);
	else
		store_commit_async(r->app->committer, run_job, r, job_done, r);
}

void route_finish(req *r)
{
	if (r->commit_rc != ST_OK) {
		/* not committed: whatever the handler wrote is not acknowledged */
		r->headers.n = 0;
		reply_store_error(r, r->commit_rc);
	}
	count_after(r);
}
