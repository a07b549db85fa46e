/* commands.h - the bodies of the werkplaats commands; main.c holds the
 * command table and parses the options (cli.h). Where they live:
 * cmd_serve.c serve; cmd_db.c init, check, backup; demo.c demo;
 * cmd_instrument.c instrument; cmd_migrate.c migrate-store; cmd_routes.c
 * routes; cmd_data.c export, report, import, restore; cmd_privacy.c
 * retention, person, privacy; cmd_sign_in.c idp, password-login,
 * login-link. */
#ifndef WP_COMMANDS_H
#define WP_COMMANDS_H

#include "cli.h"

int cmd_serve(struct opt *opts, int nargs, char **args);
int cmd_init(struct opt *opts, int nargs, char **args);
int cmd_demo(struct opt *opts, int nargs, char **args);
int cmd_check(struct opt *opts, int nargs, char **args);
int cmd_backup(struct opt *opts, int nargs, char **args);
int cmd_instrument(struct opt *opts, int nargs, char **args);
int cmd_migrate_store(struct opt *opts, int nargs, char **args);
/* Print the route table: method, pattern, access, tx (tab-separated). */
int cmd_routes(struct opt *opts, int nargs, char **args);
int cmd_export(struct opt *opts, int nargs, char **args);
int cmd_report(struct opt *opts, int nargs, char **args);
int cmd_import(struct opt *opts, int nargs, char **args);
int cmd_restore(struct opt *opts, int nargs, char **args);
/* retention run: delete what is past its retention limit (docs/privacy.md). */
int cmd_retention(struct opt *opts, int nargs, char **args);
/* person show|delete --email ADDRESS: a person's data as JSON, or deleted. */
int cmd_person(struct opt *opts, int nargs, char **args);
/* privacy record: the record of processing as Markdown. */
int cmd_privacy(struct opt *opts, int nargs, char **args);
/* Sign-in through the institution. */
int cmd_idp(struct opt *opts, int nargs, char **args);
int cmd_password_login(struct opt *opts, int nargs, char **args);
int cmd_login_link(struct opt *opts, int nargs, char **args);
/* institution add | list: the institutions of a network (cmd_institution.c). */
int cmd_institution(struct opt *opts, int nargs, char **args);

/* Read a whole file into b (buf_init'ed here, caller frees); false with
 * a message on stderr naming cmd (cmd_data.c). */
#include "base/buf.h"
bool cmd_read_all(const char *cmd, const char *path, size_t cap, buf *b);

/* The --db option, or exit 2 with a message when it is missing (cmd_db.c). */
const char *cmd_db_path(struct opt *opts, const char *command);

#endif
