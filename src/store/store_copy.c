/* store_copy.c - copy a whole store into another, SQLite <-> PostgreSQL
 * (werkplaats migrate-store), and prove that the copy is the same.
 *
 * The tables and their order come from the schema's catalogue
 * (schema_tables); the statements are built from those names, never from
 * input. The copy runs in one transaction on the destination (nothing is
 * left half-copied), reading the source inside one snapshot.
 *
 * The proof: per table, the row count and a digest of the rows. A row is
 * rendered canonically (each column NULL or its text, length-prefixed, in
 * the order of the source's columns); the digest is the sum modulo 2^256 of
 * the SHA-256 of every row, hashed once more with the count. A sum does not
 * depend on the order of the rows, so the two backends need not agree on
 * how to sort text (PostgreSQL sorts by the database's collation, SQLite by
 * bytes), and it still changes when any row is changed, missing or
 * doubled. The source's digest is taken from the rows as they are copied
 * (its snapshot); the destination's by reading it back after the commit. */
#include "store/store_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/util.h"
#include "store/schema.h"

struct digest {
	unsigned char sum[32]; /* little-endian 256-bit sum of row hashes */
	int64_t rows;
};

static void digest_add(struct digest *d, crypto_hash_sha256_state *row)
{
	unsigned char h[32];
	crypto_hash_sha256_final(row, h);
	unsigned carry = 0;
	for (int i = 0; i < 32; i++) {
		carry += (unsigned)d->sum[i] + h[i];
		d->sum[i] = (unsigned char)carry;
		carry >>= 8;
	}
	d->rows++;
}

static void digest_hex(const struct digest *d, char out[65])
{
	unsigned char h[32], count[8];
	for (int i = 0; i < 8; i++)
		count[i] = (unsigned char)((uint64_t)d->rows >> (8 * i));
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, d->sum, sizeof d->sum);
	crypto_hash_sha256_update(&st, count, sizeof count);
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(out, 65, h, sizeof h);
}

/* Feed the current row of s into a row hash. */
static void row_hash(db_stmt *s, int ncols, crypto_hash_sha256_state *row)
{
	crypto_hash_sha256_init(row);
	for (int i = 0; i < ncols; i++) {
		char head[32];
		int n;
		if (db_isnull(s, i)) {
			n = snprintf(head, sizeof head, "N;");
			crypto_hash_sha256_update(row, (const unsigned char *)head, (size_t)n);
			continue;
		}
		const char *v = db_text(s, i);
		size_t len = strlen(v);
		n = snprintf(head, sizeof head, "%zu:", len);
		crypto_hash_sha256_update(row, (const unsigned char *)head, (size_t)n);
		crypto_hash_sha256_update(row, (const unsigned char *)v, len);
	}
}

/* The column list of a table, as "a, b, c", taken from the source. */
static char *column_list(store *st, arena *a, const char *table, int *ncols)
{
	db_stmt *s = db_prepare_once(st->c, arena_printf(a, "SELECT * FROM %s LIMIT 1", table));
	db_result r = db_step(s);
	char *cols = NULL;
	*ncols = r >= 0 ? db_column_count(s) : 0;
	for (int i = 0; i < *ncols; i++)
		cols = arena_printf(a, "%s%s%s", cols ? cols : "", cols ? ", " : "", db_column_name(s, i));
	db_done(s);
	return r < 0 ? NULL : cols;
}

/* Read a table whole and digest it. */
static store_rc digest_table(store *st, arena *a, const char *table, const char *cols,
			     struct digest *d)
{
	memset(d, 0, sizeof *d);
	int ncols = 1;
	for (const char *p = cols; *p; p++)
		ncols += *p == ',';
	db_stmt *s = db_prepare_once(st->c, arena_printf(a, "SELECT %s FROM %s", cols, table));
	db_result r;
	crypto_hash_sha256_state row;
	while ((r = db_step(s)) == DB_ROW) {
		row_hash(s, ncols, &row);
		digest_add(d, &row);
	}
	db_done(s);
	return st_from_db(r);
}

/* Copy one table's rows (the source's snapshot) and digest them as read. */
static store_rc copy_table(store *src, store *dst, arena *a, const char *table, const char *cols,
			   int ncols, struct digest *d)
{
	memset(d, 0, sizeof *d);
	char *marks = NULL;
	for (int i = 0; i < ncols; i++)
		marks = arena_printf(a, "%s%s?", marks ? marks : "", i ? ", " : "");
	db_stmt *ins = db_prepare_owned(
		dst->c, arena_printf(a, "INSERT INTO %s (%s) VALUES (%s)", table, cols, marks));
	db_stmt *s = db_prepare_once(src->c, arena_printf(a, "SELECT %s FROM %s", cols, table));
	db_result r;
	store_rc rc = ST_OK;
	crypto_hash_sha256_state row;
	while (rc == ST_OK && (r = db_step(s)) == DB_ROW) {
		row_hash(s, ncols, &row);
		digest_add(d, &row);
		for (int i = 0; i < ncols; i++)
			db_bind_text(ins, i + 1, db_isnull(s, i) ? NULL : db_text(s, i));
		rc = st_exec(ins);
	}
	db_done(s);
	db_finalize(ins);
	if (rc == ST_OK && r < 0)
		rc = st_from_db(r);
	return rc;
}

/* PostgreSQL numbers new rows from a sequence: move it past the copied ids. */
static store_rc move_sequence(store *dst, arena *a, const struct schema_table *t)
{
	if (!t->identity || db_backend(dst->c) != DB_POSTGRES)
		return ST_OK;
	db_stmt *s = db_prepare_once(dst->c, arena_printf(a,
		"SELECT setval(pg_get_serial_sequence('%s', '%s'), MAX(%s)) FROM %s"
		" HAVING MAX(%s) IS NOT NULL", t->name, t->identity, t->identity, t->name, t->identity));
	return st_exec(s);
}

/* Is the freshly migrated destination empty? Rows that the migrations put
 * there themselves (meta's schema version, the perspectives) do not count. */
static bool dst_empty(store *dst, arena *a, char **why)
{
	for (int i = 0; i < schema_table_count; i++) {
		const struct schema_table *t = &schema_tables[i];
		const char *sql = strcmp(t->name, "meta") == 0
					  ? "SELECT COUNT(*) FROM meta WHERE key <> 'schema_version'"
				  : t->seeded ? NULL
					      : arena_printf(a, "SELECT COUNT(*) FROM %s", t->name);
		if (!sql)
			continue;
		db_stmt *s = db_prepare_once(dst->c, sql);
		int64_t n = db_step(s) == DB_ROW ? db_int(s, 0) : -1;
		db_done(s);
		if (n != 0) {
			*why = arena_printf(a, "table %s holds %lld rows", t->name, (long long)n);
			return false;
		}
	}
	return true;
}

static store_rc copy_all(store *src, store *dst, arena *a, store_copy_report *rep, char **why)
{
	store_rc rc = st_from_db(db_begin_read(src->c));
	if (rc == ST_OK)
		rc = st_from_db(db_begin_write(dst->c));
	if (rc != ST_OK) {
		*why = arena_printf(a, "cannot start: %s / %s", db_errmsg(src->c), db_errmsg(dst->c));
		return rc;
	}
	db_set_bulk(dst->c, true);
	/* the rows the migration seeded come from the source instead */
	for (int i = schema_table_count - 1; i >= 0 && rc == ST_OK; i--)
		if (schema_tables[i].seeded)
			rc = st_exec(db_prepare_once(
				dst->c, arena_printf(a, "DELETE FROM %s", schema_tables[i].name)));
	for (int i = 0; i < schema_table_count && rc == ST_OK; i++) {
		const struct schema_table *t = &schema_tables[i];
		store_copy_table *ct = &rep->tables[i];
		ct->table = t->name;
		int ncols;
		ct->columns = column_list(src, a, t->name, &ncols);
		if (!ct->columns) {
			*why = arena_printf(a, "%s: cannot read: %s", t->name, db_errmsg(src->c));
			rc = ST_ERROR;
			break;
		}
		struct digest d;
		rc = copy_table(src, dst, a, t->name, ct->columns, ncols, &d);
		if (rc == ST_OK)
			rc = move_sequence(dst, a, t);
		if (rc != ST_OK)
			*why = arena_printf(a, "%s: cannot copy: %s", t->name, db_errmsg(dst->c));
		ct->src_rows = d.rows;
		digest_hex(&d, ct->src_digest);
	}
	db_set_bulk(dst->c, false);
	if (rc == ST_OK && (rc = st_from_db(db_commit(dst->c))) != ST_OK)
		*why = arena_printf(a, "cannot commit: %s", db_errmsg(dst->c));
	db_rollback(dst->c);
	db_rollback(src->c);
	return rc;
}

/* Read the destination back in a fresh snapshot and compare it with what
 * was read from the source's snapshot during the copy. */
static store_rc verify(store *dst, arena *a, store_copy_report *rep, char **why)
{
	store_rc rc = st_from_db(db_begin_read(dst->c));
	for (int i = 0; i < schema_table_count && rc == ST_OK; i++) {
		store_copy_table *ct = &rep->tables[i];
		struct digest d;
		rc = digest_table(dst, a, ct->table, ct->columns, &d);
		ct->dst_rows = d.rows;
		digest_hex(&d, ct->dst_digest);
		ct->same = ct->src_rows == ct->dst_rows && strcmp(ct->src_digest, ct->dst_digest) == 0;
		if (!ct->same)
			rep->mismatches++;
	}
	if (rc != ST_OK)
		*why = arena_printf(a, "cannot read the copy back: %s", db_errmsg(dst->c));
	db_rollback(dst->c);
	return rc;
}

store_rc store_copy(const char *from, const char *to, arena *a, store_copy_report *rep,
		    char **why)
{
	memset(rep, 0, sizeof *rep);
	rep->n = schema_table_count;
	rep->tables = ARENA_ARRAY(a, store_copy_table, (size_t)schema_table_count);
	char *err = NULL;
	store *src = store_open_existing(from, true, &err);
	if (!src) {
		*why = arena_printf(a, "source: %s", err);
		free(err);
		return ST_ERROR;
	}
	store_rc rc = ST_ERROR;
	store *dst = NULL;
	int v = store_schema_version(src);
	if (v != schema_latest()) {
		*why = arena_printf(a, "the source has schema v%d and this program writes v%d: %s", v,
				    schema_latest(),
				    v == 0 ? "it is not a werkplaats database"
					   : "open it once with this version (werkplaats serve) first");
	} else if (!(dst = store_open(to, &err))) {
		*why = arena_printf(a, "destination: %s", err);
		free(err);
	} else if (dst_empty(dst, a, why)) {
		rc = copy_all(src, dst, a, rep, why);
		if (rc == ST_OK)
			rc = verify(dst, a, rep, why);
	} else {
		*why = arena_printf(a, "the destination is not empty (%s): migrate-store copies into a "
				       "new database only", *why);
	}
	store_close(dst);
	store_close(src);
	return rc;
}
