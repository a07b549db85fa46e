/* cmd_routes.c - `werkplaats routes`: the route table (src/web/routes.c)
 * as tab-separated lines: method, pattern, access, transaction mode, and
 * what a programme lead who is not a member may do: "read" or "-". For
 * tests and reviewers: the access tests check that their expectation
 * table covers exactly these routes. */
#include <stdio.h>

#include "cmd/commands.h"
#include "web/route.h"

static const char *access_name(enum access a)
{
	switch (a) {
	case ACC_ASSET: return "asset";
	case ACC_PUBLIC: return "public";
	case ACC_IDP: return "idp";
	case ACC_LOGIN: return "login";
	case ACC_ADMIN: return "admin";
	case ACC_RESEARCH: return "research";
	case ACC_API: return "api";
	}
	return "?";
}

int cmd_routes(struct opt *opts, int nargs, char **args)
{
	(void)opts;
	(void)nargs;
	(void)args;
	for (int i = 0; i < route_count; i++)
		printf("%s\t%s\t%s\t%s\t%s\n", routes[i].method, routes[i].pattern,
		       access_name(routes[i].access), routes[i].tx == TX_SELF ? "self" : "auto",
		       routes[i].lead == LEAD_READ ? "read" : "-");
	return fflush(stdout) == 0 ? 0 : 1;
}
