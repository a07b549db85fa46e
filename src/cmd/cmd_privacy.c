/* cmd_privacy.c - the privacy duties on the command line (docs/privacy.md):
 * `werkplaats retention run`, the retention pass of the server's
 * scheduler, once; `werkplaats person show|delete`, a person's data as
 * /admin/people shows and deletes it; `werkplaats privacy record`, the
 * record of processing as Markdown. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "cmd/commands.h"
#include "io/outbox.h"
#include "io/person_data.h"
#include "io/processing_record.h"
#include "io/retention.h"
#include "store/store.h"

static int retention_run(const char *path, const char *as_of)
{
	int64_t day = wp_now() / 86400;
	if (as_of && !parse_date(as_of, &day)) {
		fprintf(stderr, "werkplaats retention: --as-of takes a date YYYY-MM-DD\n");
		return 2;
	}
	char *err = NULL;
	store *st = store_open(path, &err);
	if (!st) {
		fprintf(stderr, "werkplaats retention: %s\n", err);
		free(err);
		return 1;
	}
	retention_report rep;
	store_rc rc = retention_pass(st, wp_now(), day, &rep);
	if (rc != ST_OK)
		fprintf(stderr, "werkplaats retention: %s\n", store_errmsg(st));
	else
		printf("raw answers deleted: %d rounds, %d responses\n"
		       "comments deleted: %d rounds, %d comments\n"
		       "invitation addresses deleted: %d rounds, %d addresses\n"
		       "audit log entries deleted: %d\n"
		       "expired sessions, one-time links and login counters deleted: %d\n",
		       rep.rounds_answers, rep.responses, rep.rounds_comments, rep.comments, rep.rounds_addresses,
		       rep.addresses, rep.audit_entries, rep.expired);
	store_close(st);
	return rc != ST_OK || rep.failed ? 1 : 0;
}

int cmd_retention(struct opt *opts, int nargs, char **args)
{
	(void)nargs;
	const char *path = cmd_db_path(opts, "retention");
	if (strcmp(args[0], "run") != 0) {
		fprintf(stderr, "werkplaats retention: unknown action '%s' (there is: run)\n", args[0]);
		return 2;
	}
	return retention_run(path, cli_opt(opts, "--as-of"));
}

/* ---- person show | delete */

static int person_show(store *st, arena *a, const char *email)
{
	person_section *ps;
	int n;
	store_rc rc = store_begin_read(st);
	if (rc == ST_OK)
		rc = store_person_data(st, a, email, &ps, &n);
	store_rollback(st);
	if (rc != ST_OK) {
		fprintf(stderr, "werkplaats person: %s\n", store_errmsg(st));
		return 1;
	}
	printf("%s\n", person_data_json(a, email, ps, n, wp_now()));
	return person_data_found(ps, n) ? 0 : 3;
}

static int person_delete(store *st, arena *a, const char *email)
{
	erase_result res = ERASE_NOTHING;
	person_deleted d;
	store_rc rc = store_begin(st);
	if (rc == ST_OK)
		rc = person_data_erase(st, a, email, 0, NULL, &res, &d);
	if (rc == ST_OK && res == ERASE_OK)
		rc = store_commit(st);
	else
		store_rollback(st);
	if (rc != ST_OK) {
		fprintf(stderr, "werkplaats person: %s\n", store_errmsg(st));
		return 1;
	}
	if (res == ERASE_NOTHING) {
		fprintf(stderr, "werkplaats person: nothing is kept about %s\n", email);
		return 3;
	}
	if (res == ERASE_LAST_ADMIN) {
		fprintf(stderr, "werkplaats person: %s is the last administrator; make another one first\n", email);
		return 1;
	}
	printf("deleted: %d person, %d round invitations, %d workplace invitations; %d audit log details "
	       "emptied\n",
	       d.people, d.round_invitations, d.workplace_invitations, d.audit_details);
	return 0;
}

int cmd_person(struct opt *opts, int nargs, char **args)
{
	(void)nargs;
	const char *path = cmd_db_path(opts, "person"), *given = cli_opt(opts, "--email");
	bool show = strcmp(args[0], "show") == 0;
	if (!show && strcmp(args[0], "delete") != 0) {
		fprintf(stderr, "werkplaats person: unknown action '%s' (there are: show, delete)\n", args[0]);
		return 2;
	}
	char *email = given ? xstrdup(given) : NULL;
	for (char *p = email; p && *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (!email || !email_well_formed(email)) {
		fprintf(stderr, "werkplaats person: give --email ADDRESS\n");
		free(email);
		return 2;
	}
	char *err = NULL;
	store *st = store_open(path, &err);
	if (!st) {
		fprintf(stderr, "werkplaats person: %s\n", err);
		free(err);
		free(email);
		return 1;
	}
	arena *a = arena_new();
	int rc = show ? person_show(st, a, email) : person_delete(st, a, email);
	arena_free(a);
	store_close(st);
	free(email);
	return rc;
}

/* ---- privacy record */

static int privacy_record(const char *path, bool english)
{
	char *err = NULL;
	store *st = store_open_existing(path, true, &err);
	if (!st) {
		fprintf(stderr, "werkplaats privacy: %s\n", err);
		free(err);
		return 1;
	}
	arena *a = arena_new();
	char label[256];
	store_target_label(path, label, sizeof label);
	mail_site_settings ms;
	processing_record rec;
	store_rc rc = store_begin_read(st);
	record_config cfg = {label, NULL, NULL};
	if (rc == ST_OK && outbox_settings_load(st, a, &ms) == ST_OK && *ms.host)
		cfg.mail_url = outbox_settings_url(a, &ms);
	if (rc == ST_OK)
		rc = processing_record_build(st, a, &cfg, english, &rec);
	store_rollback(st);
	if (rc == ST_OK)
		fputs(processing_record_markdown(a, &rec, english), stdout);
	else
		fprintf(stderr, "werkplaats privacy: %s\n", store_errmsg(st));
	arena_free(a);
	store_close(st);
	return rc == ST_OK ? 0 : 1;
}

int cmd_privacy(struct opt *opts, int nargs, char **args)
{
	(void)nargs;
	const char *path = cmd_db_path(opts, "privacy"), *lang = cli_opt(opts, "--lang");
	if (strcmp(args[0], "record") != 0) {
		fprintf(stderr, "werkplaats privacy: unknown action '%s' (there is: record)\n", args[0]);
		return 2;
	}
	if (lang && strcmp(lang, "en") != 0 && strcmp(lang, "nl") != 0) {
		fprintf(stderr, "werkplaats privacy: --lang takes en or nl\n");
		return 2;
	}
	return privacy_record(path, !lang || strcmp(lang, "en") == 0);
}
