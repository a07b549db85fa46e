/* schema.h - versioned migrations of the database schema. */
#ifndef WP_SCHEMA_H
#define WP_SCHEMA_H

#include <stdbool.h>

/* The schema version this program writes. */
int schema_latest(void);
/* The script that turns version-1 into version; NULL when out of range. */
const char *schema_migration(int version);
/* The script of a migration for a backend: SQLite's text, or its
 * PostgreSQL translation. Caller frees; NULL (and *err, caller frees)
 * when the text cannot be translated. */
char *schema_migration_sql(int version, bool postgres, char **err);

/* The tables, parents before children (see schema.c). */
struct schema_table {
	const char *name;
	const char *identity; /* column PostgreSQL numbers itself, or NULL */
	bool seeded;          /* a migration puts rows in it */
};
extern const struct schema_table schema_tables[];
extern const int schema_table_count;

#endif
