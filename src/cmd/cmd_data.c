/* cmd_data.c - data in and out on the command line: export (the same
 * anonymised files as the pages), report tables (the aggregate tables of
 * a closed round, as the pages show them), import (responses from other survey
 * tools, all or nothing) and restore (a backup back in place). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "cmd/commands.h"
#include "io/backup.h"
#include "io/export.h"
#include "figures/figures.h"
#include "io/import.h"
#include "io/report_pdf.h"
#include "io/report_year.h"
#include "web/report_charts.h"
#include "io/tables.h"
#include "store/store.h"

#define INPUT_FILE_MAX (64u * 1024 * 1024)

bool cmd_read_all(const char *cmd, const char *path, size_t cap, buf *b)
{
	buf_init(b, cap);
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "werkplaats %s: cannot open %s\n", cmd, path);
		return false;
	}
	char chunk[65536];
	size_t n;
	bool ok = true;
	while (ok && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		ok = buf_append(b, chunk, n);
	if (!ok)
		fprintf(stderr, "werkplaats %s: %s is larger than %zu bytes\n", cmd, path, cap);
	else if (ferror(f))
		fprintf(stderr, "werkplaats %s: cannot read %s\n", cmd, path);
	ok = ok && !ferror(f);
	fclose(f);
	buf_cstr(b);
	return ok;
}

static bool write_all(const char *path, const buf *b)
{
	FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "wb");
	if (!f)
		return false;
	bool ok = fwrite(b->data, 1, b->len, f) == b->len;
	if (f != stdout)
		ok = fclose(f) == 0 && ok;
	else
		ok = fflush(f) == 0 && ok;
	return ok;
}

/* The parsed instrument and stored questions of a version. */
static bool load_version(const char *cmd, store *st, arena *a, int64_t version_id, instrument **in,
			 item_row **items, int *n)
{
	char *def;
	if (store_instrument_definition(st, a, version_id, &def) != ST_OK ||
	    store_items(st, a, version_id, items, n) != ST_OK) {
		fprintf(stderr, "werkplaats %s: cannot read instrument version %lld: %s\n", cmd,
			(long long)version_id, store_errmsg(st));
		return false;
	}
	*in = instrument_parse(def, strlen(def), NULL);
	if (!*in)
		fprintf(stderr, "werkplaats %s: the stored instrument version %lld does not parse\n", cmd,
			(long long)version_id);
	return *in != NULL;
}

static int format_named(const char *name)
{
	static const struct {
		const char *alias;
		export_format f;
	} aliases[] = {{"csv-long", EXP_CSV_LONG}, {"csv-wide", EXP_CSV_WIDE}, {"comments", EXP_COMMENTS},
		       {"codebook", EXP_CODEBOOK}, {"xlsx", EXP_XLSX},         {"sav", EXP_SAV},
		       {"json", EXP_JSON},         {"mapping", EXP_MAPPING}};
	for (size_t i = 0; i < ARRAY_LEN(aliases); i++)
		if (strcmp(aliases[i].alias, name) == 0)
			return aliases[i].f;
	return export_format_from_file(name);
}

static store *open_db(const char *cmd, const char *path, bool readonly)
{
	char *err = NULL;
	store *st = readonly ? store_open_existing(path, true, &err) : store_open(path, &err);
	if (!st) {
		fprintf(stderr, "werkplaats %s: %s\n", cmd, err);
		free(err);
	}
	return st;
}

/* Fill the set with one round, or every round of a version. */
static int collect(store *st, arena *a, struct opt *opts, export_set *set, instrument **in)
{
	const char *round = cli_opt(opts, "--round"), *version = cli_opt(opts, "--version");
	int64_t id;
	if (!round == !version || !parse_int64(round ? round : version, 1, INT64_MAX, &id)) {
		fprintf(stderr, "werkplaats export: give --round ID or --version ID (a number)\n");
		return 2;
	}
	mround *rounds = NULL;
	int n = 0;
	store_rc rc;
	if (round) {
		rounds = ARENA_NEW(a, mround);
		rc = store_round_get(st, a, id, rounds);
		n = rc == ST_OK;
	} else {
		rc = store_rounds_of_version(st, a, id, &rounds, &n);
	}
	if (rc != ST_OK || n == 0) {
		fprintf(stderr, "werkplaats export: no %s with id %lld\n",
			round ? "round" : "rounds of instrument version", (long long)id);
		return 1;
	}
	item_row *items;
	int n_items;
	if (!load_version("export", st, a, rounds[0].version_id, in, &items, &n_items))
		return 1;
	const char *lang = cli_opt(opts, "--lang");
	export_begin(set, a, *in, lang && strcmp(lang, "en") == 0);
	for (int i = 0; i < n; i++) {
		bool added;
		if (export_add_round(set, st, &rounds[i], items, n_items, &added) != ST_OK) {
			fprintf(stderr, "werkplaats export: %s\n", store_errmsg(st));
			return 1;
		}
	}
	if (set->n_rounds == 0 && set->deleted == n) {
		fprintf(stderr, "werkplaats export: nothing to export: the answers of %s were deleted under the "
				"retention limits; the figures remain (werkplaats report tables)\n",
			round ? "the round" : "every round");
		return 1;
	}
	if (set->n_rounds == 0 && set->open == n) {
		fprintf(stderr, "werkplaats export: nothing to export: %s not closed yet, and the "
				"answers of a round leave only once it has closed\n",
			round ? "the round has" : "no round has");
		return 1;
	}
	if (set->n_rounds == 0) {
		fprintf(stderr, "werkplaats export: nothing to export: %s fewer than k respondents, "
				"and the anonymity rules allow nothing below k\n",
			round ? "the round has" : "every closed round has");
		return 1;
	}
	export_finish(set);
	return 0;
}

int cmd_export(struct opt *opts, int nargs, char **args)
{
	(void)nargs;
	const char *path = cmd_db_path(opts, "export");
	const char *fname = cli_opt(opts, "--format") ? cli_opt(opts, "--format") : "csv-wide";
	int f = format_named(fname);
	if (f < 0) {
		fprintf(stderr, "werkplaats export: --format %s: choose csv-long, csv-wide, comments, "
				"codebook, xlsx, sav, json or mapping\n",
			fname);
		return 2;
	}
	store *st = open_db("export", path, true);
	if (!st)
		return 1;
	arena *a = arena_new();
	export_set set;
	instrument *in = NULL;
	int rc = store_begin_read(st) == ST_OK ? collect(st, a, opts, &set, &in) : 1;
	store_rollback(st);
	if (rc == 0) {
		buf out;
		buf_init(&out, BUF_NOCAP);
		const char *err;
		if (!export_write(&set, (export_format)f, &out, &err)) {
			fprintf(stderr, "werkplaats export: %s\n", err);
			rc = 1;
		} else if (!write_all(args[0], &out)) {
			fprintf(stderr, "werkplaats export: cannot write %s\n", args[0]);
			rc = 1;
		} else if (strcmp(args[0], "-") != 0) {
			fprintf(stderr, "Wrote %s: %d respondents from %d round%s%s.\n", args[0], set.n_rows,
				set.n_rounds, set.n_rounds == 1 ? "" : "s",
				set.skipped || set.open || set.deleted
					? arena_printf(a, " (left out: %d with fewer than k respondents, %d "
							  "not closed, %d with their answers deleted)",
						       set.skipped, set.open, set.deleted)
					: "");
		}
		buf_free(&out);
	}
	instrument_free(in);
	arena_free(a);
	store_close(st);
	return rc;
}

/* ---- report tables, report pdf ---- */

/* The report of model t with its charts drawn. */
static bool report_pdf_charted(const tables_model *t, const instrument *in, report_extras *x, buf *out,
			       const char **err)
{
	report_charts(t, x);
	return report_pdf(t, in, x, out, err);
}

/* The tables of one round into *out in format f, or its PDF report when
 * pdf; a message on stderr and 1 when there are none. */
static int report_write(store *st, arena *a, int64_t round_id, tables_format f, bool pdf, bool english,
			buf *out)
{
	mround rd;
	instrument *in = NULL;
	item_row *items;
	int n_items;
	if (store_round_get(st, a, round_id, &rd) != ST_OK) {
		fprintf(stderr, "werkplaats report: no round with id %lld\n", (long long)round_id);
		return 1;
	}
	if (!load_version("report", st, a, rd.version_id, &in, &items, &n_items))
		return 1;
	tables_model t;
	report_extras x;
	tables_status status = TABLES_OK;
	const char *err = NULL, *what = pdf ? "report" : "tables";
	store_rc rc = pdf ? report_round_load(st, a, &rd, in, items, n_items, english, &t, &x, &status, &err)
			  : tables_load(st, a, &rd, in, items, n_items, english, &t, &status, &err);
	int result = 1;
	if (rc != ST_OK)
		fprintf(stderr, "werkplaats report: %s\n", err ? err : store_errmsg(st));
	else if (status == TABLES_OPEN)
		fprintf(stderr, "werkplaats report: no %s: the round has not closed (it closes after %s), "
				"and its results appear only once it has\n", what, rd.closes_on);
	else if (status == TABLES_BELOW_K)
		fprintf(stderr, "werkplaats report: no %s: the round has fewer than %d respondents, and "
				"the anonymity rules show nothing below k\n", what, rd.k);
	else if (pdf ? !report_pdf_charted(&t, in, &x, out, &err) : !tables_write(&t, f, out, &err))
		fprintf(stderr, "werkplaats report: %s\n", err);
	else
		result = 0;
	instrument_free(in);
	return result;
}

/* The year report of the workplace named slug into *out. */
static int year_write(store *st, arena *a, const char *slug, int year, bool english, buf *out)
{
	workplace w;
	year_model y;
	const char *err = NULL;
	if (store_workplace_by_slug(st, a, slug, &w) != ST_OK) {
		fprintf(stderr, "werkplaats report: no workplace '%s'\n", slug);
		return 1;
	}
	if (report_year_load(st, a, w.id, year, english, false, &y, &err) != ST_OK) {
		fprintf(stderr, "werkplaats report: %s\n", err ? err : store_errmsg(st));
		return 1;
	}
	pdf_look look;
	if (report_look_load(st, a, &look) != ST_OK) {
		fprintf(stderr, "werkplaats report: %s\n", store_errmsg(st));
		return 1;
	}
	if (!report_year_pdf(&y, report_year_chart(&y), &look, out, &err)) {
		fprintf(stderr, "werkplaats report: %s\n", err);
		return 1;
	}
	return 0;
}

/* report year --workplace SLUG --year YYYY FILE */
static int cmd_report_year(struct opt *opts, const char *file)
{
	const char *slug = cli_opt(opts, "--workplace"), *year = cli_opt(opts, "--year");
	const char *lang = cli_opt(opts, "--lang");
	int64_t y;
	if (!slug || !year || !parse_int64(year, 2000, 2100, &y)) {
		fprintf(stderr, "werkplaats report: give --workplace SLUG and --year YYYY (2000 to 2100)\n");
		return 2;
	}
	store *st = open_db("report", cmd_db_path(opts, "report"), true);
	if (!st)
		return 1;
	arena *a = arena_new();
	buf out;
	buf_init(&out, BUF_NOCAP);
	int rc = store_begin_read(st) == ST_OK ? year_write(st, a, slug, (int)y, lang && strcmp(lang, "en") == 0, &out)
					       : 1;
	store_rollback(st);
	if (rc == 0 && !write_all(file, &out)) {
		fprintf(stderr, "werkplaats report: cannot write %s\n", file);
		rc = 1;
	}
	buf_free(&out);
	arena_free(a);
	store_close(st);
	return rc;
}

int cmd_report(struct opt *opts, int nargs, char **args)
{
	(void)nargs;
	if (strcmp(args[0], "year") == 0)
		return cmd_report_year(opts, args[1]);
	const char *path = cmd_db_path(opts, "report");
	const char *round = cli_opt(opts, "--round"), *fname = cli_opt(opts, "--format");
	const char *lang = cli_opt(opts, "--lang");
	int64_t id;
	bool pdf = strcmp(args[0], "pdf") == 0;
	int f = pdf ? TABLES_CSV : tables_format_named(fname ? fname : "csv");
	if (!pdf && strcmp(args[0], "tables") != 0) {
		fprintf(stderr, "werkplaats report: unknown report '%s' (there are: tables, pdf, year)\n", args[0]);
		return 2;
	}
	if (pdf && fname) {
		fprintf(stderr, "werkplaats report: --format is for 'report tables'; 'report pdf' writes a PDF\n");
		return 2;
	}
	if (!round || !parse_int64(round, 1, INT64_MAX, &id) || f < 0) {
		fprintf(stderr, "werkplaats report: give --round ID and --format csv, xlsx or json\n");
		return 2;
	}
	store *st = open_db("report", path, true);
	if (!st)
		return 1;
	arena *a = arena_new();
	buf out;
	buf_init(&out, BUF_NOCAP);
	int rc = store_begin_read(st) == ST_OK
			 ? report_write(st, a, id, (tables_format)f, pdf, lang && strcmp(lang, "en") == 0, &out)
			 : 1;
	store_rollback(st);
	if (rc == 0 && !write_all(args[1], &out)) {
		fprintf(stderr, "werkplaats report: cannot write %s\n", args[1]);
		rc = 1;
	}
	buf_free(&out);
	arena_free(a);
	store_close(st);
	return rc;
}

/* ---- import ---- */

static void print_problems(const char *file, const import_problems *pr)
{
	for (int i = 0; i < pr->n; i++) {
		const import_problem *p = &pr->v[i];
		if (p->row)
			fprintf(stderr, "%s: row %d", file, p->row);
		else
			fprintf(stderr, "%s", file);
		if (*p->column)
			fprintf(stderr, ", column '%s'", p->column);
		if (*p->value)
			fprintf(stderr, ", value '%s'", p->value);
		fprintf(stderr, ": %s\n", p->why);
	}
	if (pr->total > pr->n)
		fprintf(stderr, "... and %d more problems\n", pr->total - pr->n);
	fprintf(stderr, "%d problem%s; nothing was imported\n", pr->total, pr->total == 1 ? "" : "s");
}

static int import_into(store *st, arena *a, int64_t round_id, const buf *csv, const buf *map,
		       const char *csv_path, const char *map_path, bool english)
{
	mround rd;
	store_rc rc = store_round_get(st, a, round_id, &rd);
	if (rc != ST_OK) {
		fprintf(stderr, "werkplaats import: no round with id %lld\n", (long long)round_id);
		return 1;
	}
	bool frozen;
	if (figures_round_frozen(st, &rd, &frozen) != ST_OK || frozen) {
		fprintf(stderr, "werkplaats import: %s\n",
			frozen ? "the results of this round have been shown, so it takes no more answers "
				 "(before and after side by side would show what the new people answered); "
				 "import into a new round"
			       : store_errmsg(st));
		return 1;
	}
	instrument *in;
	item_row *items;
	int n_items;
	if (!load_version("import", st, a, rd.version_id, &in, &items, &n_items))
		return 1;
	import_problems pr = {0};
	import_result res;
	int status = 0;
	import_status is = import_check(a, in, csv->data ? csv->data : "", csv->len,
					map->data ? map->data : "", map->len, english, &res, &pr);
	if (is != IMPORT_OK) {
		print_problems(is == IMPORT_BAD_MAPPING ? map_path : csv_path, &pr);
		status = 1;
	} else if ((rc = import_store(st, in, &(item_layout){rd.version_id, items, n_items}, round_id,
				      &res)) != ST_OK ||
		   (rc = store_audit(st, 0, rd.workplace_id, "responses imported",
				     arena_printf(a, "round %lld: %d", (long long)round_id, res.n))) != ST_OK ||
		   (rc = store_commit(st)) != ST_OK) {
		fprintf(stderr, "werkplaats import: nothing was imported: %s\n", store_errmsg(st));
		status = 1;
	} else {
		printf("Imported %d responses into round %lld (%s, %s)%s.\n", res.n, (long long)round_id,
		       rd.workplace_name, rd.title,
		       res.skipped ? arena_printf(a, "; %d rows left out by the filter", res.skipped) : "");
	}
	instrument_free(in);
	return status;
}

int cmd_import(struct opt *opts, int nargs, char **args)
{
	(void)nargs;
	const char *path = cmd_db_path(opts, "import");
	const char *round = cli_opt(opts, "--round"), *mapping = cli_opt(opts, "--mapping");
	int64_t round_id;
	if (!round || !parse_int64(round, 1, INT64_MAX, &round_id) || !mapping) {
		fprintf(stderr, "werkplaats import: give --round ID and --mapping MAP.json "
				"(see 'werkplaats import --help' and docs/import.md)\n");
		return 2;
	}
	buf csv, map;
	bool ok = cmd_read_all("import", args[0], IMPORT_FILE_MAX, &csv);
	ok = cmd_read_all("import", mapping, IMPORT_MAPPING_MAX, &map) && ok;
	int status = 1;
	if (ok) {
		store *st = open_db("import", path, false);
		if (st) {
			arena *a = arena_new();
			const char *lang = cli_opt(opts, "--lang");
			if (store_begin(st) != ST_OK)
				fprintf(stderr, "werkplaats import: %s\n", store_errmsg(st));
			else
				status = import_into(st, a, round_id, &csv, &map, args[0], mapping,
						     !lang || strcmp(lang, "nl") != 0);
			store_rollback(st);
			arena_free(a);
			store_close(st);
		}
	}
	buf_free(&csv);
	buf_free(&map);
	return status;
}

/* ---- restore ---- */

int cmd_restore(struct opt *opts, int nargs, char **args)
{
	(void)nargs;
	const char *path = cmd_db_path(opts, "restore");
	char *msg = NULL;
	int rc = backup_restore(path, args[0], &msg);
	fprintf(rc ? stderr : stdout, "%s%s\n", rc ? "werkplaats restore: " : "", msg);
	free(msg);
	return rc;
}
