/* schema.h - versioned migrations of the database schema. */
#ifndef WP_SCHEMA_H
#define WP_SCHEMA_H

/* The schema version this program writes. */
int schema_latest(void);
/* The script that turns version-1 into version; NULL when out of range. */
const char *schema_migration(int version);

#endif
