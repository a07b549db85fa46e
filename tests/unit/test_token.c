/* test_token.c - random tokens, their hashes, HMAC-SHA256 and Argon2id
 * password hashes. Known answers come from RFC 4231 and from Python's
 * hashlib/hmac, not from this code. */
#include "testutil.h"

#include <stdbool.h>

#include "base/token.h"
#include "base/util.h"

static int init(void **state)
{
	(void)state;
	token_init();
	return 0;
}

static bool all_in(const char *s, const char *alphabet)
{
	for (; *s; s++)
		if (!strchr(alphabet, *s))
			return false;
	return true;
}

static const char b64url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
static const char hexdigits[] = "0123456789abcdef";

static int cmp_str(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

static void test_token_random(void **state)
{
	(void)state;
	enum { N = 2000 };
	static char toks[N][TOKEN_CHARS + 1];
	for (int i = 0; i < N; i++) {
		memset(toks[i], 'x', sizeof toks[i]);
		token_random(toks[i]);
		assert_int_equal(strlen(toks[i]), 22);
		assert_true(all_in(toks[i], b64url));
		assert_true(token_well_formed(toks[i]));
	}
	assert_string_not_equal(toks[0], toks[1]);
	qsort(toks, N, sizeof toks[0], cmp_str);
	for (int i = 1; i < N; i++)
		assert_string_not_equal(toks[i - 1], toks[i]);
	/* 128 random bits: the last character carries 2 bits, so it is one of
	 * A, Q, g, w; all four show up among 2000 tokens */
	static const char last[] = "AQgw";
	bool seen[4] = {0};
	for (int i = 0; i < N; i++) {
		const char *p = strchr(last, toks[i][21]);
		assert_non_null(p);
		seen[p - last] = true;
	}
	assert_true(seen[0] && seen[1] && seen[2] && seen[3]);
}

static void test_token_well_formed(void **state)
{
	(void)state;
	assert_true(token_well_formed("ABCDEFGHIJKLMNOPQRSTUV"));
	assert_true(token_well_formed("abcdefghijklmnopqrstuv"));
	assert_true(token_well_formed("0123456789-_0123456789"));
	assert_true(token_well_formed("----------------------"));

	assert_false(token_well_formed(NULL));
	assert_false(token_well_formed(""));
	assert_false(token_well_formed("ABCDEFGHIJKLMNOPQRSTU"));   /* 21 */
	assert_false(token_well_formed("ABCDEFGHIJKLMNOPQRSTUVW")); /* 23 */
	assert_false(token_well_formed("ABCDEFGHIJKLMNOPQRSTU+"));  /* standard base64 */
	assert_false(token_well_formed("ABCDEFGHIJKLMNOPQRSTU/"));
	assert_false(token_well_formed("ABCDEFGHIJKLMNOPQRSTU="));
	assert_false(token_well_formed("ABCDEFGHIJKLMNOPQRSTU."));
	assert_false(token_well_formed("ABCDEFGHIJ LMNOPQRSTUV"));
	assert_false(token_well_formed("ABCDEFGHIJKLMNOPQRST\xc3\xa9")); /* 22 bytes */
	assert_false(token_well_formed("ABCDEFGHIJKLMNOPQRSTU\n"));
	assert_false(token_well_formed("'; DROP TABLE sessions"));
}

static void test_token_hash(void **state)
{
	(void)state;
	char h1[HASH_HEX + 1], h2[HASH_HEX + 1], h3[HASH_HEX + 1];
	/* BLAKE2b-256 of "<purpose>:<token>" (hashlib.blake2b(digest_size=32)) */
	token_hash("session", "abc", h1);
	assert_string_equal(h1, "39748c022a97e1ad4224243888133bbdefd1ea03af3825ecee2e54c943ea317f");
	token_hash("invite", "abc", h2);
	assert_string_equal(h2, "fc53cbbf4128df93e2b0e89853504d2516637bb0094ebecfba66d5401d51563f");

	char tok[TOKEN_CHARS + 1];
	token_random(tok);
	token_hash("session", tok, h1);
	token_hash("session", tok, h2);
	assert_string_equal(h1, h2); /* deterministic */
	assert_int_equal(strlen(h1), HASH_HEX);
	assert_true(all_in(h1, hexdigits));
	token_hash("response", tok, h3);
	assert_string_not_equal(h1, h3); /* purpose separates */
	char other[TOKEN_CHARS + 1];
	token_random(other);
	token_hash("session", other, h3);
	assert_string_not_equal(h1, h3);
}

static void test_token_hmac(void **state)
{
	(void)state;
	char out[HASH_HEX + 1];
	/* RFC 4231 test case 1: key = 20 x 0x0b. HMAC pads a short key with
	 * zeros to the block size, so the 32-byte key 0x0b x 20 + 0x00 x 12
	 * gives the same MAC. */
	unsigned char key[32] = {0};
	memset(key, 0x0b, 20);
	token_hmac(key, "Hi There", out);
	assert_string_equal(out, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");

	/* RFC 4231 test case 2: key = "Jefe" */
	memset(key, 0, sizeof key);
	memcpy(key, "Jefe", 4);
	token_hmac(key, "what do ya want for nothing?", out);
	assert_string_equal(out, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");

	/* a full 32-byte key: hmac.new(bytes(range(32)), msg, sha256) */
	for (int i = 0; i < 32; i++)
		key[i] = (unsigned char)i;
	token_hmac(key, "werkplaats", out);
	assert_string_equal(out, "c82375972e7a15744e4aceb0f72f4472d9455c39efc729f83e1c2c774f8a4546");
	token_hmac(key, "", out);
	assert_string_equal(out, "d38b42096d80f45f826b44a9d5607de72496a415d3f4a1a8c88e3bb9da8dc1cb");

	/* one bit of the key changes the MAC */
	key[31] ^= 1;
	token_hmac(key, "werkplaats", out);
	assert_string_not_equal(out, "c82375972e7a15744e4aceb0f72f4472d9455c39efc729f83e1c2c774f8a4546");
}

static void test_token_equal(void **state)
{
	(void)state;
	assert_true(token_equal("", ""));
	assert_true(token_equal("abc", "abc"));
	assert_false(token_equal("abc", "abd"));
	assert_false(token_equal("abd", "abc"));
	assert_false(token_equal("abc", "ab"));
	assert_false(token_equal("ab", "abc"));
	assert_false(token_equal("", "a"));
	assert_false(token_equal("Abc", "abc"));
}

static void test_token_resume_code_and_hex(void **state)
{
	(void)state;
	/* no look-alikes: 0/O and 1/I are left out */
	static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	unsigned char key[32];
	for (int i = 0; i < 32; i++)
		key[i] = (unsigned char)i;
	char a[RESUME_CHARS + 1], b[RESUME_CHARS + 1], n[RESUME_CHARS + 1];
	/* expected values from Python: HMAC-SHA256(key, "resume:" + token), 5 bits per symbol */
	token_resume_code(key, "AAAAAAAAAAAAAAAAAAAAAA", a);
	assert_string_equal(a, "CLGTKU3FZ6");
	token_resume_code(key, "abcdefghijklmnopqrstuv", b);
	assert_string_equal(b, "URT98M55WR");
	token_resume_code(key, "AAAAAAAAAAAAAAAAAAAAAA", b);
	assert_string_equal(a, b); /* derived, so the same token gives the same code */
	key[0] ^= 1;
	token_resume_code(key, "AAAAAAAAAAAAAAAAAAAAAA", b);
	assert_string_not_equal(a, b);
	for (int i = 0; i < 500; i++) {
		char tok[TOKEN_CHARS + 1];
		token_random(tok);
		token_resume_code(key, tok, a);
		assert_int_equal(strlen(a), RESUME_CHARS);
		assert_true(all_in(a, alphabet));
		assert_null(strpbrk(a, "0O1I"));
	}
	/* what people type */
	assert_true(token_resume_normalise("clgtk-u3fz6", n));
	assert_string_equal(n, "CLGTKU3FZ6");
	assert_true(token_resume_normalise(" CLG TKU 3FZ6 ", n));
	assert_false(token_resume_normalise("CLGTKU3FZ", n));    /* 9 symbols */
	assert_false(token_resume_normalise("CLGTKU3FZ66", n));  /* 11 symbols */
	assert_false(token_resume_normalise("CLGTKU3FZ0", n));   /* 0 is not in the alphabet */
	assert_false(token_resume_normalise("CLGTKU3FZ!", n));

	char hex[2 * 8 + 1], hex2[2 * 8 + 1];
	token_hex(hex, 8);
	token_hex(hex2, 8);
	assert_int_equal(strlen(hex), 16);
	assert_true(all_in(hex, hexdigits));
	assert_string_not_equal(hex, hex2);
}

static void test_password_hash(void **state)
{
	(void)state;
	char h1[PASSWORD_HASH_MAX], h2[PASSWORD_HASH_MAX];
	assert_true(password_hash("correct horse battery staple", h1));
	assert_true(strncmp(h1, "$argon2id$", 10) == 0);
	assert_true(password_verify(h1, "correct horse battery staple"));
	assert_false(password_verify(h1, "correct horse battery stapl"));
	assert_false(password_verify(h1, "Correct horse battery staple"));
	assert_false(password_verify(h1, ""));

	/* a fresh salt every time: same password, different hash */
	assert_true(password_hash("correct horse battery staple", h2));
	assert_string_not_equal(h1, h2);
	assert_true(password_verify(h2, "correct horse battery staple"));

	/* non-ASCII passwords */
	assert_true(password_hash("w\xc3\xa9rkpl\xe2\x82\xac\xc3\xa4ts", h2));
	assert_true(password_verify(h2, "w\xc3\xa9rkpl\xe2\x82\xac\xc3\xa4ts"));
	assert_false(password_verify(h2, "werkpl\xe2\x82\xac\xc3\xa4ts"));

	/* something that is not a hash never verifies */
	assert_false(password_verify("", "x"));
	assert_false(password_verify("plain-text-password", "plain-text-password"));
	assert_false(password_verify("$argon2id$v=19$m=65536,t=2,p=1$garbage", "x"));
}

/* The code masked under one token comes back only under that token. */
static void test_resume_mask(void **state)
{
	(void)state;
	unsigned char key[32] = {7}, other[32] = {8};
	char code[RESUME_CHARS + 1], masked[RESUME_CHARS + 1], back[RESUME_CHARS + 1], norm[RESUME_CHARS + 1];
	token_resume_code(key, "first-address", code);
	token_resume_mask(key, "second-address", code, false, masked);
	assert_true(token_resume_normalise(masked, norm)); /* still symbols of the alphabet */
	assert_string_not_equal(masked, code);
	token_resume_mask(key, "second-address", masked, true, back);
	assert_string_equal(back, code);
	token_resume_mask(key, "third-address", masked, true, back);
	assert_string_not_equal(back, code);
	token_resume_mask(other, "second-address", masked, true, back);
	assert_string_not_equal(back, code);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resume_mask),
		cmocka_unit_test(test_token_random),
		cmocka_unit_test(test_token_well_formed),
		cmocka_unit_test(test_token_hash),
		cmocka_unit_test(test_token_hmac),
		cmocka_unit_test(test_token_equal),
		cmocka_unit_test(test_token_resume_code_and_hex),
		cmocka_unit_test(test_password_hash),
	};
	return cmocka_run_group_tests(tests, init, NULL);
}
