/* cmd_instrument.c - werkplaats instrument check FILE / load --db DB FILE,
 * and loading the shipped instrument into a new database. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/util.h"
#include "cmd/commands.h"
#include "cmd/setup.h"
#include "domain/instrument.h"
#include "store/store.h"
#include "web/assets.h"

#define INSTRUMENT_FILE_MAX (4u * 1024 * 1024)

/* Read a whole file into b; false with a message on stderr. */
static bool read_file(const char *path, buf *b)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "werkplaats instrument: cannot open %s\n", path);
		return false;
	}
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (!buf_append(b, chunk, n)) {
			fprintf(stderr, "werkplaats instrument: %s is larger than %u bytes\n", path,
				INSTRUMENT_FILE_MAX);
			fclose(f);
			return false;
		}
	bool ok = !ferror(f);
	fclose(f);
	if (!ok)
		fprintf(stderr, "werkplaats instrument: cannot read %s\n", path);
	return ok;
}

static void print_errors(const char *path, const instr_errors *errs)
{
	for (size_t i = 0; i < errs->n; i++) {
		const instr_error *e = &errs->v[i];
		if (e->line)
			fprintf(stderr, "%s:%d:%d: %s: %s\n", path, e->line, e->column, e->path, e->message);
		else
			fprintf(stderr, "%s: %s: %s\n", path, e->path, e->message);
	}
	if (errs->total > errs->n)
		fprintf(stderr, "%s: ... and %zu more problems\n", path, errs->total - errs->n);
	fprintf(stderr, "%s: %zu problem%s; nothing was stored\n", path, errs->total,
		errs->total == 1 ? "" : "s");
}

int instrument_store_text(store *st, const char *text, size_t len, char **msg)
{
	instr_errors errs = {0};
	instrument *in = instrument_parse(text, len, &errs);
	if (!in) {
		*msg = xstrdup(errs.n ? errs.v[0].message : "invalid instrument");
		instr_errors_free(&errs);
		return -1;
	}
	unsigned char digest[crypto_hash_sha256_BYTES];
	char hex[2 * sizeof digest + 1];
	crypto_hash_sha256(digest, (const unsigned char *)text, len);
	sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
	char *copy = xmalloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = 0;
	int64_t vid = 0;
	int vno = 0;
	bool existed = false;
	store_rc rc = store_instrument_load(st, in->id, in->version, copy, hex, in, &vid, &vno, &existed);
	char line[512];
	if (rc == ST_CONFLICT)
		snprintf(line, sizeof line, "version label %s of %s is already stored with other "
					    "content (as version %d); give the changed file a new "
					    "\"version\"",
			 in->version, in->id, vno);
	else if (rc != ST_OK)
		snprintf(line, sizeof line, "%s", store_errmsg(st));
	else if (existed)
		snprintf(line, sizeof line, "%s %s is already stored as version %d; nothing changed",
			 in->id, in->version, vno);
	else
		snprintf(line, sizeof line, "%s %s stored as version %d", in->id, in->version, vno);
	*msg = xstrdup(line);
	free(copy);
	instrument_free(in);
	return rc == ST_OK ? 0 : -1;
}

int setup_shipped_instruments(store *st, char **err)
{
	for (const struct asset *a = shipped_instruments; a->name; a++) {
		char *msg = NULL;
		int rc = instrument_store_text(st, (const char *)a->data, a->len, &msg);
		if (rc != 0) {
			*err = msg;
			return -1;
		}
		free(msg);
	}
	return 0;
}

static int instrument_check(const char *path)
{
	buf b;
	buf_init(&b, INSTRUMENT_FILE_MAX);
	if (!read_file(path, &b)) {
		buf_free(&b);
		return 1;
	}
	instr_errors errs = {0};
	instrument *in = instrument_parse(b.data ? b.data : "", b.len, &errs);
	int rc = 0;
	if (!in) {
		print_errors(path, &errs);
		rc = 1;
	} else {
		printf("%s: ok: %s %s, %zu scored statements\n", path, in->id, in->version,
		       instrument_scored_count(in));
	}
	instrument_free(in);
	instr_errors_free(&errs);
	buf_free(&b);
	return rc;
}

static int instrument_load(const char *db_path, const char *path)
{
	buf b;
	buf_init(&b, INSTRUMENT_FILE_MAX);
	if (!read_file(path, &b)) {
		buf_free(&b);
		return 1;
	}
	instr_errors errs = {0};
	instrument *in = instrument_parse(b.data ? b.data : "", b.len, &errs);
	if (!in) {
		print_errors(path, &errs);
		instr_errors_free(&errs);
		buf_free(&b);
		return 1;
	}
	instrument_free(in);
	char *err = NULL, *msg = NULL;
	store *st = store_open(db_path, &err);
	int rc = 1;
	if (!st) {
		fprintf(stderr, "werkplaats instrument: %s\n", err);
		free(err);
	} else if (store_begin(st) != ST_OK) {
		fprintf(stderr, "werkplaats instrument: %s\n", store_errmsg(st));
	} else if (instrument_store_text(st, b.data, b.len, &msg) != 0) {
		store_rollback(st);
		fprintf(stderr, "werkplaats instrument: %s: %s\n", path, msg);
	} else if (store_commit(st) != ST_OK) {
		fprintf(stderr, "werkplaats instrument: %s\n", store_errmsg(st));
	} else {
		printf("%s: %s\n", path, msg);
		rc = 0;
	}
	free(msg);
	store_close(st);
	buf_free(&b);
	return rc;
}

int cmd_instrument(struct opt *opts, int nargs, char **args)
{
	if (strcmp(args[0], "check") == 0 && nargs == 2)
		return instrument_check(args[1]);
	if (strcmp(args[0], "load") == 0 && nargs == 2)
		return instrument_load(cmd_db_path(opts, "instrument load"), args[1]);
	fprintf(stderr, "werkplaats instrument: expected 'check FILE' or 'load --db DB FILE'\n");
	return 2;
}
