/* test_disclosure.c - the attacker against the disclosure plan of a whole
 * round (src/domain/analysis.c with anonymity.c).
 *
 * Everyone answers every statement put to them (the case in which figures
 * of different rows are tied most tightly: an element score is then exactly
 * the mean of the person's statements). Every figure the analysis shows is
 * then a known linear combination of the "atoms" X[p][i], the sum of the
 * answers of perspective p to statement i: a statement cell sums the atoms
 * of its column's perspectives, an element cell weighs each perspective's
 * atoms by 1 / (statements of the element put to it), a total sums the
 * row. The test works out each shown figure's combination from the rule
 * text (who is in a cell), checks that the analysis's n and n x mean agree
 * with it, and then asks the attacker's question with linear algebra: is
 * there any combination of shown figures that depends only on the answers
 * of a set of perspectives with 1..k-1 people in all? That is
 * rank(F) > rank(F without the set's atoms). Ranks are taken modulo a large
 * prime over integer vectors (element weights scaled by 840 = lcm 1..8).
 *
 * Distributions follow the statement cells' people and element rows have
 * none, so they add no link between rows; the sums of squares behind the
 * SDs have the same structure as the sums. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "domain/analysis.h"

#define NP PERSP_COUNT
#define MAXI 16               /* statements in a random round */
#define MAXR 100              /* respondents */
#define MAXF ((MAXI + 4) * (NP + 1))
#define NATOM (NP * MAXI)
#define SCALE 840             /* lcm(1..8): element weights become integers */
#define PRIME 2147483647LL    /* 2^31 - 1 */

static uint32_t rng_state = 20261206;

static int rnd(int n)
{
	rng_state = rng_state * 1664525u + 1013904223u;
	return (int)((rng_state >> 8) % (uint32_t)n);
}

typedef struct {
	int k, ni, nr;
	analysis_item items[MAXI];
	uint8_t persp[MAXR];
	int8_t ans[MAXR * MAXI];
	int size[NP];                /* people per perspective */
	int64_t atom[NP][MAXI];      /* sum of scored answers of p to statement i */
} round_case;

/* What one figure is: a vector over the atoms, and the n it must show. */
typedef struct {
	int64_t v[NATOM];
	int group;                   /* the element or outcome it belongs to */
} figure;

typedef struct {
	figure f[MAXF];
	int n;
} figures;

static bool asked(const analysis_item *it, int p)
{
	return it->perspectives == 0 || (it->perspectives >> p & 1);
}

static int group_of(const analysis_item *it)
{
	return it->is_outcome ? EL_COUNT + it->group : it->group;
}

/* Statements of group g put to perspective p. */
static int put_to(const round_case *c, int g, int p)
{
	int m = 0;
	for (int i = 0; i < c->ni; i++)
		m += group_of(&c->items[i]) == g && asked(&c->items[i], p);
	return m;
}

static void answer_all(round_case *c)
{
	memset(c->atom, 0, sizeof c->atom);
	memset(c->size, 0, sizeof c->size);
	for (int r = 0; r < c->nr; r++) {
		int p = c->persp[r];
		c->size[p]++;
		for (int i = 0; i < c->ni; i++) {
			int v = asked(&c->items[i], p) ? 1 + rnd(5) : 0;
			c->ans[r * c->ni + i] = (int8_t)v;
			if (v)
				c->atom[p][i] += c->items[i].reverse ? 6 - v : v;
		}
	}
}

static analysis_result *compute(const round_case *c)
{
	analysis_input in = {c->ni, c->items, c->nr, c->persp, c->ans, c->k, 0};
	const char *err = NULL;
	analysis_result *res = analysis_compute(&in, &err);
	if (!res)
		fail_msg("analysis: %s", err);
	return res;
}

/* ---- the figures, worked out from the rules */

/* Add the figure of the perspectives in `who` (a bitmask) in row `row`
 * (a statement index, or -1 - g for group g), after checking that the
 * analysis shows n = people and n x mean = the combination's value. */
static void add_figure(figures *fs, const round_case *c, int row, unsigned who, const analysis_cell *cell,
		       const char *what)
{
	figure *f = &fs->f[fs->n++];
	memset(f, 0, sizeof *f);
	int people = 0;
	double value = 0;
	for (int p = 0; p < NP; p++) {
		if (!(who >> p & 1) || c->size[p] == 0)
			continue;
		if (row >= 0) {
			if (!asked(&c->items[row], p))
				continue;
			f->group = group_of(&c->items[row]);
			f->v[p * MAXI + row] = SCALE;
			value += (double)c->atom[p][row];
			people += c->size[p];
			continue;
		}
		int g = -1 - row, m = put_to(c, g, p);
		f->group = g;
		if (m == 0)
			continue;
		people += c->size[p];
		for (int i = 0; i < c->ni; i++)
			if (group_of(&c->items[i]) == g && asked(&c->items[i], p)) {
				f->v[p * MAXI + i] = SCALE / m;
				value += (double)c->atom[p][i] / m;
			}
	}
	if (cell->n != people)
		fail_msg("%s of row %d: n = %d, the rules say %d", what, row, cell->n, people);
	if (fabs(cell->n * cell->mean - value) > 1e-7 * (1 + fabs(value)))
		fail_msg("%s of row %d: n x mean = %.9f, the people's answers give %.9f", what, row,
			 cell->n * cell->mean, value);
}

/* Every shown figure of one row: its cells and, when shown, its total. */
static void row_figures(figures *fs, const round_case *c, const analysis_result *res, int row,
			const analysis_row *ar)
{
	unsigned everyone = 0;
	for (int col = 0; col < NP; col++) {
		unsigned who = 0;
		for (int p = 0; p < NP; p++)
			if (anon_column(&res->plan, (perspective)p) == col)
				who |= 1u << p;
		everyone |= who;
		if (ar->plan.state[col] == ANON_SHOWN)
			add_figure(fs, c, row, who, &ar->col[col], "cell");
		else if (ar->col[col].n != 0 || !isnan(ar->col[col].mean))
			fail_msg("row %d: column %d is hidden but has figures", row, col);
	}
	if (ar->plan.total_shown)
		add_figure(fs, c, row, everyone, &ar->total, "total");
	else if (ar->total.n != 0)
		fail_msg("row %d: the total is hidden but has n = %d", row, ar->total.n);
}

static void all_figures(figures *fs, const round_case *c, const analysis_result *res)
{
	fs->n = 0;
	for (int i = 0; i < c->ni; i++)
		row_figures(fs, c, res, i, &res->items[i]);
	for (int g = 0; g < EL_COUNT + OUT_COUNT; g++)
		row_figures(fs, c, res, -1 - g, g < EL_COUNT ? &res->elements[g] : &res->outcomes[g - EL_COUNT]);
}

/* ---- ranks modulo PRIME */

static int64_t inverse(int64_t a)
{
	int64_t r = 1, e = PRIME - 2;
	a %= PRIME;
	while (e) {
		if (e & 1)
			r = r * a % PRIME;
		a = a * a % PRIME;
		e >>= 1;
	}
	return r;
}

static int64_t m[MAXF][NATOM];

/* Rank of the figures of group g over the atoms not in `drop` (a bitmask
 * of perspectives whose atoms are removed). */
static int rank_of(const figures *fs, int g, unsigned drop)
{
	int rows = 0;
	for (int j = 0; j < fs->n; j++) {
		if (fs->f[j].group != g)
			continue;
		for (int a = 0; a < NATOM; a++) {
			int64_t x = (drop >> (a / MAXI) & 1) ? 0 : fs->f[j].v[a];
			m[rows][a] = ((x % PRIME) + PRIME) % PRIME;
		}
		rows++;
	}
	int rank = 0;
	for (int a = 0; a < NATOM && rank < rows; a++) {
		int piv = -1;
		for (int r = rank; r < rows && piv < 0; r++)
			if (m[r][a])
				piv = r;
		if (piv < 0)
			continue;
		for (int b = 0; b < NATOM; b++) {
			int64_t t = m[rank][b];
			m[rank][b] = m[piv][b];
			m[piv][b] = t;
		}
		int64_t inv = inverse(m[rank][a]);
		for (int r = 0; r < rows; r++) {
			if (r == rank || !m[r][a])
				continue;
			int64_t f = m[r][a] * inv % PRIME;
			for (int b = a; b < NATOM; b++)
				m[r][b] = ((m[r][b] - f * m[rank][b]) % PRIME + PRIME) % PRIME;
		}
		rank++;
	}
	return rank;
}

/* A set of perspectives with 1..k-1 people whose answers some combination
 * of the figures isolates; 0 when there is none. */
static unsigned find_leak(const figures *fs, const round_case *c)
{
	for (unsigned set = 1; set < 1u << NP; set++) {
		int people = 0;
		bool empty = false;
		for (int p = 0; p < NP; p++)
			if (set >> p & 1) {
				people += c->size[p];
				empty |= c->size[p] == 0;
			}
		if (empty || people >= c->k)
			continue;
		for (int g = 0; g < EL_COUNT + OUT_COUNT; g++)
			if (rank_of(fs, g, set) < rank_of(fs, g, 0))
				return set;
	}
	return 0;
}

/* ---- rounds */

static void random_round(round_case *c)
{
	memset(c, 0, sizeof *c);
	c->k = 3 + rnd(5);
	int groups = 2 + rnd(2);
	for (int g = 0; g < groups; g++) {
		int n = 2 + rnd(4);
		bool outcome = g == groups - 1 && rnd(2);
		int code = outcome ? rnd(OUT_COUNT) : g;
		for (int j = 0; j < n && c->ni < MAXI; j++) {
			analysis_item *it = &c->items[c->ni++];
			it->is_outcome = outcome;
			it->group = (uint8_t)code;
			it->reverse = rnd(4) == 0;
			it->perspectives = rnd(2) ? 0 : (uint8_t)(1 + rnd((1 << NP) - 1));
		}
	}
	for (int p = 0; p < NP; p++) {
		int size = rnd(3) == 0 ? 0 : rnd(2) ? 1 + rnd(c->k - 1) : rnd(13);
		for (int j = 0; j < size && c->nr < MAXR; j++)
			c->persp[c->nr++] = (uint8_t)p;
	}
	answer_all(c);
}

static void test_random_rounds_leak_nothing(void **state)
{
	(void)state;
	static round_case c;
	static figures fs;
	int shown_rounds = 0, pooled = 0, withheld = 0;
	for (int trial = 0; trial < 1500; trial++) {
		random_round(&c);
		analysis_result *res = compute(&c);
		all_figures(&fs, &c, res);
		unsigned leak = find_leak(&fs, &c);
		if (leak)
			fail_msg("trial %d (k = %d): the figures isolate the perspectives %#x", trial, c.k, leak);
		shown_rounds += res->plan.shown;
		pooled += res->plan.shown && res->plan.state[PERSP_OTHER] == ANON_SHOWN;
		for (int e = 0; e < EL_COUNT; e++)
			withheld += res->plan.state[PERSP_OTHER] == ANON_SHOWN &&
				    res->elements[e].plan.state[PERSP_OTHER] != ANON_SHOWN;
		analysis_free(res);
	}
	/* the random rounds reach the cases that matter */
	assert_true(shown_rounds > 1000);
	assert_true(pooled > 500);
	assert_true(withheld > 100);
}

/* The checker itself finds the attack of issue 16: five professionals, one
 * manager, four citizens; a staff-only statement shown as one pooled
 * column of professionals and manager beside the professionals' own
 * element column. Built by hand, as the old row plans showed it. */
static void test_checker_finds_the_row_attack(void **state)
{
	(void)state;
	static round_case c;
	static figures fs;
	memset(&c, 0, sizeof c);
	c.k = 5;
	c.ni = 3;
	c.items[0] = (analysis_item){false, EL_LOS, false, 0};
	c.items[1] = (analysis_item){false, EL_LOS, false, 0};
	c.items[2] = (analysis_item){false, EL_LOS, false,
				     (uint8_t)(1u << PERSP_PROFESSIONAL | 1u << PERSP_MANAGER)};
	for (int j = 0; j < 10; j++)
		c.persp[c.nr++] = (uint8_t)(j < 5 ? PERSP_PROFESSIONAL : j < 6 ? PERSP_MANAGER : PERSP_CITIZEN);
	answer_all(&c);
	unsigned pro = 1u << PERSP_PROFESSIONAL, staff = pro | 1u << PERSP_MANAGER;
	fs.n = 0;
	figure *f;
	/* the professionals' element cell and their two common statements */
	for (int i = 0; i < 2; i++) {
		f = &fs.f[fs.n++];
		memset(f, 0, sizeof *f);
		f->group = EL_LOS;
		f->v[PERSP_PROFESSIONAL * MAXI + i] = SCALE;
	}
	f = &fs.f[fs.n++];
	memset(f, 0, sizeof *f);
	f->group = EL_LOS;
	for (int i = 0; i < 3; i++)
		f->v[PERSP_PROFESSIONAL * MAXI + i] = SCALE / 3;
	assert_int_equal(find_leak(&fs, &c), 0); /* the professionals alone: 5 people */
	/* the pooled staff-only column of 6 */
	f = &fs.f[fs.n++];
	memset(f, 0, sizeof *f);
	f->group = EL_LOS;
	for (int p = 0; p < NP; p++)
		if (staff >> p & 1)
			f->v[p * MAXI + 2] = SCALE;
	assert_int_equal(find_leak(&fs, &c), 1u << PERSP_MANAGER);

	/* the analysis shows none of that: the pool (manager and citizens) was
	 * asked different statements of LOS, so its element cell is withheld,
	 * and the staff-only statement's pool cell holds 1 < k */
	analysis_result *res = compute(&c);
	assert_int_equal(res->plan.state[PERSP_PROFESSIONAL], ANON_SHOWN);
	assert_int_equal(res->plan.state[PERSP_MANAGER], ANON_POOLED);
	assert_int_equal(res->elements[EL_LOS].plan.state[PERSP_OTHER], ANON_HIDDEN);
	assert_int_equal(res->items[2].plan.state[PERSP_OTHER], ANON_HIDDEN);
	assert_false(res->items[2].plan.total_shown);
	assert_int_equal(res->items[0].plan.state[PERSP_OTHER], ANON_SHOWN);
	all_figures(&fs, &c, res);
	assert_int_equal(find_leak(&fs, &c), 0);
	(void)pro;
	analysis_free(res);
}

/* A team of five professionals and five students sees every figure: both
 * columns in every row put to both, and every total. */
static void test_two_groups_of_k_see_everything(void **state)
{
	(void)state;
	static round_case c;
	memset(&c, 0, sizeof c);
	c.k = 5;
	const uint8_t masks[] = {0, 0, 1u << PERSP_STUDENT, 0, 0,
				 (uint8_t)(1u << PERSP_PROFESSIONAL | 1u << PERSP_MANAGER)};
	for (int i = 0; i < 6; i++)
		c.items[c.ni++] = (analysis_item){false, (uint8_t)(i / 3), i == 1, masks[i]};
	c.items[c.ni++] = (analysis_item){true, OUT_KNOWLEDGE, false, 0};
	for (int j = 0; j < 10; j++)
		c.persp[c.nr++] = (uint8_t)(j < 5 ? PERSP_PROFESSIONAL : PERSP_STUDENT);
	answer_all(&c);
	analysis_result *res = compute(&c);
	for (int e = 0; e < 2; e++) {
		const analysis_row *row = &res->elements[e];
		assert_int_equal(row->plan.state[PERSP_STUDENT], ANON_SHOWN);
		assert_int_equal(row->plan.state[PERSP_PROFESSIONAL], ANON_SHOWN);
		assert_true(row->plan.total_shown);
		assert_int_equal(row->total.n, 10);
	}
	for (int i = 0; i < c.ni; i++) {
		const analysis_row *row = &res->items[i];
		assert_true(row->plan.total_shown);
		int want = masks[i % 6] == 0 || i == 6 ? 10 : 5;
		assert_int_equal(row->total.n, want);
	}
	analysis_free(res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checker_finds_the_row_attack),
		cmocka_unit_test(test_two_groups_of_k_see_everything),
		cmocka_unit_test(test_random_rounds_leak_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
