/* setup.h - what a new instance needs before it can serve: the instance
 * secret, the shipped instrument, a first administrator. */
#ifndef WP_SETUP_H
#define WP_SETUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* In one transaction. Returns 0, or -1 with *err set (caller frees). */
int setup_instance(store *st, const char *admin_name, const char *admin_email,
		   const char *admin_password, char **err);

/* Create a person with an account and a password hash, roles as given. */
int setup_person(store *st, const char *name, const char *email, const char *password_hash,
		 bool admin, bool programme_lead, bool researcher, int64_t *id);

/* Store an instrument definition (JSON text) as a new version, inside the
 * caller's transaction. Returns 0 (also when it was already stored) or -1;
 * *msg says what happened (caller frees). */
int instrument_store_text(store *st, const char *text, size_t len, char **msg);

/* Store the instruments compiled into the program. */
int setup_shipped_instruments(store *st, char **err);

#endif
