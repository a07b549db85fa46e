/* look.c - the site's own look on the pages (see look.h). */
#include "web/look.h"

#include <pthread.h>

#include "base/util.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static look_state cached;
static int64_t cached_at = -1;

look_state look_now(req *r)
{
	int64_t now = wp_now();
	pthread_mutex_lock(&mu);
	bool fresh = cached_at >= 0 && now - cached_at < LOOK_TTL;
	look_state s = cached;
	pthread_mutex_unlock(&mu);
	if (fresh || !r->st)
		return s;
	site_look l;
	if (store_look_get(r->st, r->a, &l) != ST_OK)
		return s; /* the page goes on in the stylesheet's own look */
	s = (look_state){.logo = *l.logo != 0, .accent = *l.accent != 0, .version = l.updated_at};
	pthread_mutex_lock(&mu);
	cached = s;
	cached_at = now;
	pthread_mutex_unlock(&mu);
	return s;
}

void look_forget(void)
{
	pthread_mutex_lock(&mu);
	cached_at = -1;
	pthread_mutex_unlock(&mu);
}

void look_head(req *r)
{
	look_state s = look_now(r);
	if (s.accent)
		html(&r->out, "<link rel=\"stylesheet\" href=\"/look.css?v=%lld\">", (long long)s.version);
}

void look_logo_img(req *r, const char *cls, const char *alt)
{
	look_state s = look_now(r);
	if (s.logo)
		html(&r->out, "<img class=\"%s\" src=\"/look/logo?v=%lld\" alt=\"%s\">", cls, (long long)s.version, alt);
}
