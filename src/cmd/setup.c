#include "cmd/setup.h"

#include <stdio.h>
#include <string.h>

#include "base/token.h"
#include "base/util.h"

int setup_person(store *st, const char *name, const char *email, const char *password_hash,
		 bool admin, bool programme_lead, bool researcher, int64_t *id)
{
	if (store_person_create(st, name, email, id) != ST_OK ||
	    store_account_set_password(st, *id, password_hash) != ST_OK ||
	    store_account_set_roles(st, *id, admin, programme_lead, researcher) != ST_OK)
		return -1;
	return 0;
}

int setup_instance(store *st, const char *admin_name, const char *admin_email,
		   const char *admin_password, char **err)
{
	char hash[PASSWORD_HASH_MAX];
	if (!password_hash(admin_password, hash)) {
		*err = xstrdup("cannot hash the password (out of memory)");
		return -1;
	}
	if (store_begin(st) != ST_OK) {
		*err = xstrdup(store_errmsg(st));
		return -1;
	}
	char secret[65];
	token_hex(secret, 32);
	int64_t id;
	if (store_meta_set(st, "site_secret", secret) != ST_OK ||
	    setup_person(st, admin_name, admin_email, hash, true, false, false, &id) != 0 ||
	    store_audit(st, id, 0, "instance created", "") != ST_OK) {
		*err = xstrdup(store_errmsg(st));
		store_rollback(st);
		return -1;
	}
	if (setup_shipped_instruments(st, err) != 0) {
		store_rollback(st);
		return -1;
	}
	if (store_commit(st) != ST_OK) {
		*err = xstrdup(store_errmsg(st));
		store_rollback(st);
		return -1;
	}
	return 0;
}
