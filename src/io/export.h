/* export.h - submitted answers as a dataset for researchers, in CSV (long
 * and wide), XLSX, SPSS .sav and JSON, with a codebook. docs/exports.md
 * describes every file.
 *
 * The anonymity rules (shared/MODEL.md) hold in every format, because
 * every writer reads one export_set that holds only what may leave:
 *  - a round with fewer than k respondents adds nothing at all;
 *  - the perspective of each respondent is the column of the round's
 *    disclosure plan (the figures' res->plan, via anon_column): its own
 *    when shown, "other" when pooled, blank when hidden;
 *  - a respondent whose perspective is not shown as itself loses the
 *    answers to statements that are put to some perspectives only (which
 *    statements someone was asked would tell their perspective);
 *  - no response id, token, e-mail address, time or language: rows get a
 *    number 1..n in a random order (libsodium), so neither the number nor
 *    the order tells when someone answered;
 *  - comments are a separate list in random order, never joined to a
 *    respondent's answers, and only from groups that reach the comment
 *    threshold (pooled ones under "other"), as on the results pages;
 *  - only rounds that have closed: the plans are the figures room's
 *    (src/figures/figures.h), the ones the results pages follow.
 * Text cells that a spreadsheet would run as a formula are neutralised in
 * CSV and XLSX (csv_neutralise). */
#ifndef WP_EXPORT_H
#define WP_EXPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "domain/analysis.h"
#include "domain/anonymity.h"
#include "domain/instrument.h"
#include "store/store.h"

/* ---- the codebook (pure) ---- */

typedef enum {
	CBV_WORKPLACE,   /* text: the workplace's short name (slug) */
	CBV_ROUND,       /* number: the round's id */
	CBV_RESPONDENT,  /* number: 1..n within the export, random order */
	CBV_PERSPECTIVE, /* code, pooled as "other" or blank by the anonymity rules */
	CBV_MODE,        /* web, easy or paper; blank when a group of it would be below k */
	CBV_STATEMENT,   /* 1..5, "dk" (don't know / not applicable) or empty */
	CBV_TRIGGER,     /* 1 chosen, 0 not */
	CBV_OWN,         /* a workplace's own statement (OWN_1..): as CBV_STATEMENT */
} cb_kind;

typedef struct {
	const char *name;              /* the column / variable name */
	cb_kind kind;
	const char *label_nl, *label_en;
	const char *section;           /* "id", "element", "outcome", "trigger" */
	const char *group;             /* element code, outcome code, or "" */
	bool reverse;                  /* worded the other way round (not turned in the data) */
	unsigned asked;                /* bitmask of perspectives asked; 0 = everyone */
	int index;                     /* scored item index, trigger_kind, or own statement index */
} cb_var;

typedef struct {
	const instrument *in;
	cb_var *v;
	int n;
	int n_items; /* scored statements among v */
	int n_own;   /* own statements, the last variables (codebook_add_own) */
} codebook;

/* "web", "easy", "paper" for a response_mode; "" for -1. */
const char *export_mode_code(int mode);

#define CB_ID_VARS 5 /* workplace, round, respondent, perspective, mode */

/* Every variable of the wide layout, in column order: the five ids, the
 * scored statements in instrument order, then the three triggers. */
void codebook_build(arena *a, const instrument *in, codebook *out);

/* A round's own statements (issue 22) as the variables OWN_1..OWN_n
 * after the triggers, labelled with both texts and marked as the
 * workplace's own (section "own", group the element code or "extra"). */
void codebook_add_own(arena *a, codebook *cb, const own_statement *os, int n);

/* "1=Helemaal mee oneens; ...; 5=...; dk=Weet ik niet / ..." for a
 * statement, "0=...; 1=..." for a trigger, the perspective codes for the
 * perspective, "" for the others. */
const char *codebook_values(arena *a, const codebook *cb, const cb_var *v, bool english);

/* ---- the dataset ---- */

#define EXPORT_NONE ((int8_t)-1) /* not answered, not asked, or suppressed */
#define EXPORT_DK ((int8_t)0)    /* don't know / not applicable */
#define EXPORT_SAV_DK 9.0        /* "don't know" in .sav: a declared missing value */

typedef struct {
	int64_t id;
	const char *workplace, *title;
	int k;
	anon_plan plan;   /* the round's disclosure plan (from the analysis) */
} export_round;

typedef struct {
	int round;        /* index into rounds */
	int number;       /* 1..n_rows, in random order */
	int persp;        /* as exported: a perspective, PERSP_OTHER when pooled, -1 blank */
	int mode;         /* a response_mode, or -1 blank (export_add says when) */
	int8_t *value;    /* n_items: EXPORT_NONE, EXPORT_DK or 1..5 as given (not turned) */
	unsigned triggers;
	int8_t *own;      /* cb.n_own values as value; NULL when the set has none */
} export_row;

typedef struct {
	int round;
	int persp;        /* as exported (never -1: hidden groups' comments are left out) */
	const char *question, *text;
} export_comment;

typedef struct {
	arena *a;
	const instrument *in;
	codebook cb;
	bool english;     /* labels and sheet names in this language */
	export_round *rounds;
	int n_rounds, cap_rounds;
	export_row *rows;
	int n_rows, cap_rows;
	export_comment *comments;
	int n_comments, cap_comments;
	int skipped;      /* rounds left out for having fewer than k respondents */
	int open;         /* rounds left out because they have not closed */
	int deleted;      /* rounds left out because retention deleted their answers */
	bool with_own;    /* export_with_own: the round's own statements too */
} export_set;

void export_begin(export_set *s, arena *a, const instrument *in, bool english);

/* Add one round from its stored answers (pure), following the disclosure
 * plans of its figures (res->plan for the answers, res->comments for the
 * comments: the figures room's, so the export hides what the results
 * hide). items are the stored questions of the round's instrument version
 * (ids and codes). Returns false (adding nothing) when res shows nothing. */
bool export_add(export_set *s, const mround *rd, const analysis_result *res, const item_row *items,
		int n_items, const stored_response *resp, int n_resp, const round_comment *cs, int n_comments);

/* The same, with the figures and the submitted answers from the store.
 * A round that has not closed adds nothing (counted in s->open). */
store_rc export_add_round(export_set *s, store *st, const mround *rd, const item_row *items,
			  int n_items, bool *added);

/* Add the own statements (OWN_ columns) of the one round this set will
 * hold: only for the export of a workplace's own round, never for a set of
 * several rounds or workplaces. Call after export_begin, before
 * export_add_round. */
void export_with_own(export_set *s);

/* Number the rows 1..n and put rows and comments in a random order. */
void export_finish(export_set *s);

/* ---- files ---- */

typedef enum {
	EXP_CSV_LONG,
	EXP_CSV_WIDE,
	EXP_COMMENTS,
	EXP_CODEBOOK,
	EXP_XLSX,
	EXP_SAV,
	EXP_JSON,
	EXP_MAPPING,
	EXP_FORMAT_COUNT
} export_format;

typedef struct {
	const char *file;          /* "answers-long.csv": the name in URLs and downloads */
	const char *content_type;
	const char *name_nl, *name_en;
	const char *about_nl, *about_en;
} export_format_info;

const export_format_info *export_format_get(export_format f);
/* The format with this file name, or -1. */
int export_format_from_file(const char *file);

/* Write the set in a format into out. False with *err (static or arena
 * text) when a library failed or out's cap was reached. */
bool export_write(const export_set *s, export_format f, buf *out, const char **err);

/* The writers, each for one format (export_write picks). */
void export_csv_long(const export_set *s, buf *out);
void export_csv_wide(const export_set *s, buf *out);
void export_csv_comments(const export_set *s, buf *out);
void export_csv_codebook(const export_set *s, buf *out);
void export_json(const export_set *s, buf *out);
void export_mapping(const export_set *s, buf *out);
bool export_xlsx(const export_set *s, buf *out, const char **err);
bool export_sav(const export_set *s, buf *out, const char **err);

/* Perspective as exported: the code, or "" for blank. */
const char *export_persp_code(int persp);

#endif
