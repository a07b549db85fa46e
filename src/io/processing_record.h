/* processing_record.h - the record of processing (GDPR article 30) for
 * the privacy officer, generated from the site's configuration: what
 * werkplaats stores, why, how long and where (issue 18). The page
 * /admin/privacy/record shows it as a table; `werkplaats privacy record`
 * prints it as Markdown. docs/privacy.md describes it. */
#ifndef WP_PROCESSING_RECORD_H
#define WP_PROCESSING_RECORD_H

#include <stdbool.h>

#include "store/store.h"

/* What only the caller knows of the configuration; NULL: not known. */
typedef struct {
	const char *database;   /* where the database is (store_target_label) */
	const char *public_url; /* the address of the site */
	const char *mail_url;   /* smtp[s]://host:port mail goes through, or NULL: no mail */
} record_config;

typedef struct {
	const char *what, *why, *how_long, *where;
} record_row;

typedef struct {
	int n_facts;
	const char **fact_label, **fact_value; /* the site: address, database, contact, mail ... */
	int n_rows;
	record_row *rows;
} processing_record;

/* Build the record in `english` or Dutch (arena memory). */
store_rc processing_record_build(store *st, arena *a, const record_config *cfg, bool english,
				 processing_record *out);

/* The record as a Markdown document (arena memory). */
const char *processing_record_markdown(arena *a, const processing_record *rec, bool english);

#endif
