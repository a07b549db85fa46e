/* st_plan.c - the statements a request plans instead of running them
 * (store.h, "planned writes"); commit.c sends them. */
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/util.h"

struct store_plan {
	db_call *calls;
	int n, cap;
};

store_plan *store_plan_new(void)
{
	return xcalloc(1, sizeof(store_plan));
}

void store_plan_free(store_plan *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->n; i++)
		db_call_clear(&p->calls[i]);
	free(p->calls);
	free(p);
}

int store_plan_calls(const store_plan *p)
{
	return p ? p->n : 0;
}

void store_set_plan(store *st, store_plan *p)
{
	st->plan = p;
}

db_call *st_plan_add(store *st, const char *sql, int expect)
{
	store_plan *p = st->plan;
	if (!p)
		return NULL;
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 8;
		p->calls = xrealloc(p->calls, (size_t)p->cap * sizeof *p->calls);
	}
	db_call *c = &p->calls[p->n++];
	memset(c, 0, sizeof *c);
	c->sql = sql;
	c->expect = expect;
	return c;
}

db_call *st_plan_find(store *st, const char *sql, int idx, int64_t v)
{
	char want[24];
	snprintf(want, sizeof want, "%lld", (long long)v);
	for (int i = st->plan ? st->plan->n - 1 : -1; i >= 0; i--) {
		db_call *c = &st->plan->calls[i];
		if (strcmp(c->sql, sql) == 0 && c->v[idx - 1] && strcmp(c->v[idx - 1], want) == 0)
			return c;
	}
	return NULL;
}

db_call *st_plan_last_call(store *st)
{
	WP_ASSERT(st->plan && st->plan->n > 0);
	return &st->plan->calls[st->plan->n - 1];
}

/* For commit.c: the plan's calls. */
db_call *st_plan_list(store_plan *p, int *n)
{
	*n = p->n;
	return p->calls;
}
