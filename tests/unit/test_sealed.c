/* test_sealed.c - the SMTP password sealed under the key file: a round
 * trip, a fresh nonce per write, a wrong key or a changed text that does
 * not open, and the key file made 0600 or refused. */
#include "testutil.h"

#include <sodium.h>
#include <sys/stat.h>

#include "base/sealed.h"

static void test_round_trip(void **state)
{
	(void)state;
	unsigned char key[SEALED_KEY_BYTES], other[SEALED_KEY_BYTES];
	randombytes_buf(key, sizeof key);
	randombytes_buf(other, sizeof other);
	const char *secret = "Geheim wachtwoord één-2";
	char *a = sealed_seal(key, secret), *b = sealed_seal(key, secret);
	assert_non_null(a);
	assert_true(strncmp(a, "v1:", 3) == 0);
	assert_null(strstr(a, "Geheim"));
	assert_string_not_equal(a, b); /* a nonce per write */
	char *plain = sealed_open(key, a);
	assert_string_equal(plain, secret);
	free(plain);
	assert_null(sealed_open(other, a)); /* the wrong key */
	a[10] = a[10] == '0' ? '1' : '0';   /* a changed nonce */
	assert_null(sealed_open(key, a));
	size_t n = strlen(b);
	b[n - 1] = b[n - 1] == '0' ? '1' : '0'; /* a changed text */
	assert_null(sealed_open(key, b));
	assert_null(sealed_open(key, "v1:zz"));
	assert_null(sealed_open(key, "plain text"));
	assert_null(sealed_open(key, "v1:"));
	free(a);
	free(b);
	char *empty = sealed_seal(key, "");
	plain = sealed_open(key, empty);
	assert_string_equal(plain, "");
	free(plain);
	free(empty);
	char big[SEALED_PLAIN_MAX + 2];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = 0;
	assert_null(sealed_seal(key, big)); /* one byte too many */
	big[SEALED_PLAIN_MAX] = 0;
	char *max = sealed_seal(key, big);
	assert_non_null(max);
	free(max);
}

static void test_key_file(void **state)
{
	(void)state;
	char dir[] = "/tmp/wp-key-XXXXXX", path[300];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/k", dir);
	unsigned char k1[SEALED_KEY_BYTES], k2[SEALED_KEY_BYTES];
	char *err = NULL;
	assert_true(sealed_key_file(path, k1, &err)); /* made */
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(sb.st_size, SEALED_KEY_BYTES);
	assert_true(sealed_key_file(path, k2, &err)); /* read back */
	assert_memory_equal(k1, k2, SEALED_KEY_BYTES);
	chmod(path, 0640);
	assert_false(sealed_key_file(path, k2, &err));
	assert_non_null(strstr(err, "chmod 600"));
	free(err);
	chmod(path, 0600);
	FILE *f = fopen(path, "ab");
	fputc('x', f);
	fclose(f);
	assert_false(sealed_key_file(path, k2, &err)); /* 33 bytes */
	assert_non_null(strstr(err, "exactly 32 bytes"));
	free(err);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_key_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
