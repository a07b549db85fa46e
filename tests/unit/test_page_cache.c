/* test_page_cache.c - the rendered-body cache: a body comes back only
 * under its exact key, a second put replaces, and the least recently used
 * entries go when it is full (by count or by bytes). */
#include "testutil.h"

#include "base/arena.h"
#include "base/buf.h"
#include "web/page_cache.h"

static req *new_req(void)
{
	req *r = calloc(1, sizeof *r);
	r->a = arena_new();
	buf_init(&r->out, 64u * 1024 * 1024);
	return r;
}

static void free_req(req *r)
{
	buf_free(&r->out);
	arena_free(r->a);
	free(r);
}

/* What the cache holds under key, or NULL (an arena copy). */
static const char *get(req *r, const char *key)
{
	buf_reset(&r->out);
	if (!page_cache_emit(r, key))
		return NULL;
	return arena_strndup(r->a, r->out.data, r->out.len);
}

static void test_exact_key_only(void **state)
{
	(void)state;
	req *r = new_req();
	page_cache_put("a|1", "<p>one</p>", 10);
	assert_string_equal(get(r, "a|1"), "<p>one</p>");
	assert_null(get(r, "a|"));
	assert_null(get(r, "a|10"));
	assert_null(get(r, "A|1"));
	page_cache_put("a|1", "<p>uno</p>", 10);
	assert_string_equal(get(r, "a|1"), "<p>uno</p>");
	/* appended after what the request has already written */
	buf_reset(&r->out);
	buf_puts(&r->out, "<header>");
	assert_true(page_cache_emit(r, "a|1"));
	assert_int_equal(r->out.len, 18);
	assert_memory_equal(r->out.data, "<header><p>uno</p>", 18);
	page_cache_free();
	assert_null(get(r, "a|1"));
	free_req(r);
}

static void test_least_recently_used_go_first(void **state)
{
	(void)state;
	req *r = new_req();
	char key[32], body[32];
	for (int i = 0; i < 64; i++) {
		snprintf(key, sizeof key, "k%d", i);
		snprintf(body, sizeof body, "b%d", i);
		page_cache_put(key, body, strlen(body));
	}
	assert_string_equal(get(r, "k0"), "b0"); /* k0 used again: k1 is now the oldest */
	page_cache_put("k64", "b64", 3);
	assert_null(get(r, "k1"));
	assert_string_equal(get(r, "k0"), "b0");
	assert_string_equal(get(r, "k64"), "b64");
	assert_string_equal(get(r, "k63"), "b63");
	page_cache_free();
	free_req(r);
}

static void test_bytes_are_capped(void **state)
{
	(void)state;
	req *r = new_req();
	size_t big = 3u * 1024 * 1024;
	char *body = malloc(big);
	memset(body, 'x', big);
	for (int i = 0; i < 8; i++) {
		char key[16];
		snprintf(key, sizeof key, "big%d", i);
		page_cache_put(key, body, big);
	}
	/* 16 MB in all: the first three have gone */
	assert_null(get(r, "big0"));
	assert_null(get(r, "big2"));
	assert_non_null(get(r, "big3"));
	assert_non_null(get(r, "big7"));
	/* a body over a quarter of the cap is not kept at all */
	char *huge = calloc(1, 5u * 1024 * 1024);
	page_cache_put("huge", huge, 5u * 1024 * 1024);
	assert_null(get(r, "huge"));
	assert_non_null(get(r, "big7"));
	free(huge);
	free(body);
	page_cache_free();
	free_req(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_key_only),
		cmocka_unit_test(test_least_recently_used_go_first),
		cmocka_unit_test(test_bytes_are_capped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
