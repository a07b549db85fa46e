/* report_charts.c - the report's radars from the table model (see
 * report_charts.h). */
#include "web/report_charts.h"

#include <math.h>
#include <string.h>

#include "base/util.h"
#include "web/charts.h"
#include "web/svg.h"

#define CHART_CAP (256 * 1024)

/* A radar of the rows of one kind: its axes are the rows (labels[]),
 * series the shown columns and the score. An arena copy of the SVG. */
static const char *radar(const tables_model *t, tables_kind kind, const char *id, const char *title,
			 const char *desc, const char *const *labels, int n_axes)
{
	const tables_row *rows = t->rows;
	while (rows->kind != kind)
		rows++;
	svg_series *series = ARENA_ARRAY(t->a, svg_series, (size_t)t->n_cols + 1);
	for (int c = 0; c <= t->n_cols; c++) {
		double *v = ARENA_ARRAY(t->a, double, (size_t)n_axes);
		for (int i = 0; i < n_axes; i++) {
			const tables_cell *cell = c < t->n_cols ? &rows[i].col[c] : &rows[i].headline;
			v[i] = cell->why == TABLES_SHOWN ? cell->mean : NAN;
		}
		series[c].name = c < t->n_cols ? t->col_name[c]
					       : (t->english ? "Score (equally weighted)" : "Score (gelijk gewogen)");
		series[c].values = v;
	}
	buf b;
	buf_init(&b, CHART_CAP);
	svg_radar(&b, id, title, desc, labels, n_axes, series, t->n_cols + 1, 1.0, 5.0, t->n_cols);
	const char *svg = b.toobig ? NULL : arena_strdup(t->a, buf_cstr(&b));
	buf_free(&b);
	return svg;
}

/* label broken over lines of about 12 characters at its spaces, as the
 * radar wants its side labels (svg.h): an arena copy. */
static const char *broken(arena *a, const char *label)
{
	char *s = arena_strdup(a, label);
	size_t line = 0;
	for (char *c = s; *c; c++, line++)
		if (*c == ' ' && line >= 8) {
			*c = '\n';
			line = 0;
		}
	return s;
}

void report_charts(const tables_model *t, report_extras *x)
{
	const char *el[EL_COUNT], *out[OUT_COUNT];
	for (int e = 0; e < EL_COUNT; e++)
		el[e] = element_code_str((element_code)e);
	for (int i = 0, o = 0; i < t->n_rows && o < OUT_COUNT; i++)
		if (t->rows[i].kind == TABLES_OUTCOME)
			out[o++] = broken(t->a, t->rows[i].label);
	x->radar_elements = radar(t, TABLES_ELEMENT, "radar",
				  t->english ? "The six elements per perspective" : "De zes elementen per perspectief",
				  t->english ? "Radar chart of the scores 1 to 5 per element; the same numbers are "
					       "in the table below."
					     : "Radardiagram van de scores 1 tot 5 per element; dezelfde getallen "
					       "staan in de tabel hieronder.",
				  el, EL_COUNT);
	x->radar_outcomes = radar(t, TABLES_OUTCOME, "radar-outcomes",
				  t->english ? "The outcomes per perspective" : "De opbrengsten per perspectief",
				  t->english ? "Radar chart of the scores 1 to 5 per outcome category; the same "
					       "numbers are in the table below."
					     : "Radardiagram van de scores 1 tot 5 per opbrengstcategorie; dezelfde "
					       "getallen staan in de tabel hieronder.",
				  out, OUT_COUNT);
}

const char *report_year_chart(const year_model *y)
{
	int n = y->n_rounds + (y->has_before ? 1 : 0), shown = 0;
	const year_round **rs = ARENA_ARRAY(y->a, const year_round *, (size_t)n + 1);
	if (y->has_before)
		rs[0] = &y->before;
	for (int i = 0; i < y->n_rounds; i++)
		rs[n - y->n_rounds + i] = &y->rounds[i];
	int64_t *days = ARENA_ARRAY(y->a, int64_t, (size_t)n + 1);
	for (int i = 0; i < n; i++) {
		shown += rs[i]->shown;
		if (!parse_date(rs[i]->opens_on, &days[i])) /* stored dates are valid */
			days[i] = i ? days[i - 1] : 0;
	}
	if (!shown)
		return NULL;
	svg_time_axis axis = {days, n, charts_months(y->english)};
	svg_series series[EL_COUNT];
	for (int e = 0; e < EL_COUNT; e++) {
		double *v = ARENA_ARRAY(y->a, double, (size_t)n + 1);
		for (int i = 0; i < n; i++)
			v[i] = rs[i]->score[e];
		series[e].name = element_code_str((element_code)e);
		series[e].values = v;
	}
	buf b;
	buf_init(&b, CHART_CAP);
	svg_timeline(&b, "development", y->english ? "Elements over the rounds" : "Elementen over de metingen",
		     y->english ? "Line chart of the score per element (1 to 5) per round, placed at its opening "
				  "date; the same numbers are in the table below."
				: "Lijndiagram van de score per element (1 tot 5) per meting, geplaatst op de "
				  "openingsdatum; dezelfde getallen staan in de tabel hieronder.",
		     &axis, series, EL_COUNT, 1.0, 5.0, NULL);
	const char *svg = b.toobig ? NULL : arena_strdup(y->a, buf_cstr(&b));
	buf_free(&b);
	return svg;
}
