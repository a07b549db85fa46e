/* setup.h - what a new instance needs before it can serve: the instance
 * secret, the shipped instrument, a first administrator. */
#ifndef WP_SETUP_H
#define WP_SETUP_H

#include <stdint.h>

#include "store/store.h"

/* In one transaction. Returns 0, or -1 with *err set (caller frees). */
int setup_instance(store *st, const char *admin_name, const char *admin_email,
		   const char *admin_password, char **err);

/* Create a person with an account and a password hash, roles as given. */
int setup_person(store *st, const char *name, const char *email, const char *password_hash,
		 bool admin, bool programme_lead, bool researcher, int64_t *id);

#endif
