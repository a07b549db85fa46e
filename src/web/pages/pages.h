/* pages.h - every page handler, one file per URL group. */
#ifndef WP_PAGES_H
#define WP_PAGES_H

#include "web/web.h"

/* static.c */
void page_static(req *r);

/* login.c: /login /login/totp /logout /lang */
void page_login_form(req *r);
void page_login(req *r);
void page_login_totp(req *r);
void page_logout(req *r);
void page_lang(req *r);

/* account.c: /account /account/password /password/{token} */
void page_account(req *r);
void page_account_password(req *r);
void page_password_link_form(req *r);
void page_password_link(req *r);

/* home.c: / */
void page_home(req *r);

/* admin_benchmarks.c: /admin/benchmarks (benchmarks across institutions) */
void page_admin_benchmarks(req *r);
void page_admin_benchmark_agree(req *r);
/* admin.c: /admin */
void page_admin(req *r);
void page_admin_account_create(req *r);
void page_admin_account_reset(req *r);
/* admin_sign_in.c: /admin/sign-in (identity providers, password login) */
void page_admin_sign_in(req *r);
void page_admin_password_login(req *r);
void page_admin_idp_create(req *r);
void page_admin_idp_remove(req *r);
/* sso.c: sign-in through the institution, one-time login links */
void page_oidc_start(req *r);
void page_oidc_callback(req *r);
/* saml.c: sign-in through the institution with SAML 2.0 */
void page_saml_metadata(req *r);
void page_saml_start(req *r);
void page_saml_acs(req *r);
void page_login_link_form(req *r);
void page_login_link(req *r);
/* admin_mail.c: /admin/mail */
void page_admin_mail(req *r);
void page_admin_mail_save(req *r);
void page_admin_mail_test(req *r);

/* answer.c, answer_pages.c: /r/{token} (the questionnaire) */
void page_r_entry(req *r);
void page_r_start(req *r);
void page_r_resume(req *r);
void page_r_withdraw_form(req *r);
void page_r_withdraw(req *r);
void page_r_page(req *r);
void page_r_save(req *r);
void page_r_review(req *r);
void page_r_submit(req *r);
void page_r_results(req *r);
void page_r_all(req *r);
void page_r_all_save(req *r);

/* results.c, dialogue.c, development.c: what a round shows */
void page_results(req *r);
void page_results_element(req *r);
void page_dialogue(req *r);
void page_dialogue_save(req *r);
void page_development(req *r);

/* guide.c: /guide */
void page_guide(req *r);

/* api.c: /api/v1 (described in docs/openapi.json) */
void page_api_round_results(req *r);
void page_api_workplaces(req *r);
void page_api_workplace(req *r);
void page_api_workplace_rounds(req *r);
void page_api_round(req *r);
void page_api_round_answers(req *r);
void page_api_round_comments(req *r);
void page_api_round_tables(req *r);
void page_api_round_report(req *r);
void page_api_actions(req *r);
void page_api_action_create(req *r);
void page_api_outcomes(req *r);
void page_api_characteristics(req *r);
void page_api_outcome_create(req *r);
/* api_learning.c: learning across workplaces */
void page_api_development(req *r);
void page_api_library(req *r);
void page_api_analysis(req *r);

/* account.c: API tokens on /account */
void page_account_token_create(req *r);
void page_account_token_revoke(req *r);

/* export.c, import.c: data out and in */
void page_round_export(req *r);
void page_round_export_file(req *r);
void page_research_export(req *r);
void page_research_export_file(req *r);
void page_round_import_form(req *r);
void page_round_import(req *r);
/* ops.c: the health check and the metrics, behind --ops-token-file */
void page_healthz(req *r);
void page_metrics(req *r);
/* paper.c: the questionnaire on paper, typed in twice */
void page_round_paper(req *r);
void page_round_paper_post(req *r);
void page_round_paper_pdf(req *r);
void page_round_paper_delete(req *r);
void page_round_own(req *r);
void page_round_own_add(req *r);
void page_round_own_copy(req *r);
void page_round_own_edit(req *r);
void page_round_own_move(req *r);
void page_round_own_delete(req *r);

/* tables.c: /pw/{slug}/rounds/{id}/tables.csv, .xlsx (aggregate tables), report.pdf */
void page_round_tables_csv(req *r);
void page_round_report_pdf(req *r);
void page_workplace_year_pdf(req *r);
void page_round_tables_xlsx(req *r);

/* share.c: /s/{token}/... (a closed round's results, read-only, for
 * people without an account) */
void page_share(req *r);
void page_share_element(req *r);
void page_share_tables_csv(req *r);
void page_share_tables_xlsx(req *r);

/* workplace.c: /pw/{slug} */
void page_workplace(req *r);

/* round.c, round_invite.c: /pw/{slug}/rounds (measurement rounds) */
void page_rounds(req *r);
void page_round_create(req *r);
void page_round(req *r);
void page_round_close(req *r);
void page_round_reopen(req *r);
void page_round_poster(req *r);
void page_round_invite(req *r);
void page_round_remind(req *r);
void page_round_mail(req *r);

/* totp.c: /account/totp */
void page_account_totp(req *r);
void page_account_totp_start(req *r);
void page_account_totp_confirm(req *r);
void page_account_totp_disable(req *r);
/* admin.c: POST /admin/accounts/{id}/totp-reset */
void page_admin_account_totp_reset(req *r);

/* people.c: /admin/people */
void page_admin_people(req *r);
void page_admin_people_export(req *r);
void page_admin_people_delete(req *r);

/* privacy.c: /admin/privacy, /pw/{slug}/privacy */
void page_admin_privacy(req *r);
void page_admin_privacy_save(req *r);
void page_admin_privacy_statement(req *r);
void page_admin_privacy_record(req *r);
void page_wp_privacy(req *r);
void page_wp_privacy_save(req *r);

/* mail_templates.c: /pw/{slug}/mail-templates */
void page_mail_templates(req *r);
void page_mail_templates_save(req *r);
/* round_share.c: making and revoking share links of a closed round */
void page_round_share_create(req *r);
void page_round_share_revoke(req *r);
void page_year_share_create(req *r);
void page_admin_look(req *r);
void page_admin_look_logo(req *r);
void page_admin_look_accent(req *r);
void page_look_logo(req *r);
void page_look_css(req *r);
void page_year_share_revoke(req *r);
void page_share_report_pdf(req *r);
/* Running a workplace and an institution:
 * profile.c: /pw/{slug}/profile, /characteristics, /partners */
void page_profile_form(req *r);
void page_profile_save(req *r);
void page_characteristics_form(req *r);
void page_characteristics_save(req *r);
void page_characteristics_history(req *r);
void page_partners(req *r);
void page_partner_add(req *r);
void page_partner_update(req *r);
void page_partner_remove(req *r);
/* members.c: /pw/{slug}/members, /pw/{slug}/invitations, /join/{token} */
void page_members(req *r);
void page_member_invite(req *r);
void page_member_role(req *r);
void page_member_remove(req *r);
void page_invitation_revoke(req *r);
void page_join_form(req *r);
void page_join(req *r);
/* actions.c: /pw/{slug}/actions (the improvement agenda) */
void page_actions(req *r);
void page_action_create(req *r);
void page_action(req *r);
void page_action_save(req *r);
void page_action_note(req *r);
void page_action_realist(req *r);
void page_action_share(req *r);
/* outcomes.c: /pw/{slug}/outcomes (the outcomes register) */
void page_outcomes(req *r);
void page_outcome_create(req *r);
void page_outcome(req *r);
void page_outcome_save(req *r);
void page_outcome_delete(req *r);
void page_outcome_realist(req *r);
/* realist.c: /pw/{slug}/realist (context - mechanism - outcome notes) */
void page_realist_list(req *r);
void page_realist_delete(req *r);
void page_realist_share(req *r);
/* library.c: /library (what works where across the workplaces) */
void page_library(req *r);
/* library_analysis.c: /library/analysis (elements and outcomes across workplaces) */
void page_library_analysis(req *r);
/* audit.c: /pw/{slug}/audit, /admin/audit */
void page_wp_audit(req *r);
void page_admin_audit(req *r);
/* overview.c: /overview and its CSV /overview/export (programme leads,
 * site admins), /admin/workplaces */
void page_overview(req *r);
void page_overview_export(req *r);
void page_admin_workplace_create(req *r);

/* practice.c, practice_items.c: /pw/{slug}/questions, /activities,
 * /contributors and the exports of the primary process */
void page_practice_questions(req *r);
void page_question_create(req *r);
void page_question(req *r);
void page_question_save(req *r);
void page_question_delete(req *r);
void page_activity_create(req *r);
void page_contributor_create(req *r);
void page_product_create(req *r);
void page_activity(req *r);
void page_activity_save(req *r);
void page_activity_delete(req *r);
void page_contributor_delete(req *r);
void page_practice_csv(req *r);
void page_practice_xlsx(req *r);
void page_outcome_evidence(req *r);
/* student_questions.c: /questions, open questions for students across workplaces */
void page_student_questions(req *r);
/* api.c */
void page_api_questions(req *r);
void page_api_question(req *r);
void page_api_question_create(req *r);
void page_api_activities(req *r);
void page_api_activity(req *r);
void page_api_activity_create(req *r);
void page_api_contributors(req *r);
void page_api_contributor_create(req *r);
void page_api_products(req *r);
void page_api_product_create(req *r);

#endif
