/* sealed.c - secrets encrypted under a key kept outside the store. */
#include "sealed.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"

/* "--secret-key-file PATH: what", caller frees. */
static char *key_error(const char *path, const char *what, const char *why)
{
	char m[4400];
	snprintf(m, sizeof m, "--secret-key-file %s: %s%s%s", path, what, why ? ": " : "",
		 why ? why : "");
	return xstrdup(m);
}

#define PREFIX "v1:"
#define PREFIX_LEN 3

char *sealed_seal(const unsigned char key[SEALED_KEY_BYTES], const char *plain)
{
	size_t len = strlen(plain);
	if (len > SEALED_PLAIN_MAX)
		return NULL;
	size_t blen = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + len;
	unsigned char *box = xmalloc(blen);
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, (const unsigned char *)plain, len, box,
			      key);
	char *out = xmalloc(PREFIX_LEN + blen * 2 + 1);
	memcpy(out, PREFIX, PREFIX_LEN);
	sodium_bin2hex(out + PREFIX_LEN, blen * 2 + 1, box, blen);
	sodium_memzero(box, blen);
	free(box);
	return out;
}

char *sealed_open(const unsigned char key[SEALED_KEY_BYTES], const char *sealed)
{
	if (strncmp(sealed, PREFIX, PREFIX_LEN) != 0)
		return NULL;
	const char *hex = sealed + PREFIX_LEN;
	size_t hlen = strlen(hex), blen = 0;
	size_t min = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
	if (hlen % 2 || hlen / 2 < min || hlen / 2 > min + SEALED_PLAIN_MAX)
		return NULL;
	unsigned char *box = xmalloc(hlen / 2);
	if (sodium_hex2bin(box, hlen / 2, hex, hlen, NULL, &blen, NULL) != 0 || blen != hlen / 2) {
		free(box);
		return NULL;
	}
	size_t plen = blen - min;
	char *plain = xmalloc(plen + 1);
	bool ok = crypto_secretbox_open_easy((unsigned char *)plain, box + crypto_secretbox_NONCEBYTES,
					     blen - crypto_secretbox_NONCEBYTES, box, key) == 0;
	free(box);
	plain[ok ? plen : 0] = 0;
	if (!ok || strlen(plain) != plen) { /* a NUL inside is not a text of ours */
		free(plain);
		return NULL;
	}
	return plain;
}

static bool make_key_file(const char *path, unsigned char key[SEALED_KEY_BYTES], char **err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		*err = key_error(path, "cannot make it", strerror(errno));
		return false;
	}
	randombytes_buf(key, SEALED_KEY_BYTES);
	bool ok = write(fd, key, SEALED_KEY_BYTES) == SEALED_KEY_BYTES && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	if (!ok) {
		*err = key_error(path, "cannot write it", strerror(errno));
		unlink(path);
	}
	return ok;
}

bool sealed_key_file(const char *path, unsigned char key[SEALED_KEY_BYTES], char **err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return make_key_file(path, key, err);
	if (fd < 0) {
		*err = key_error(path, "cannot read it", strerror(errno));
		return false;
	}
	struct stat sb;
	unsigned char extra;
	bool ok = fstat(fd, &sb) == 0;
	if (ok && (sb.st_mode & 077)) {
		close(fd);
		*err = key_error(path, "others can read it; make it private with chmod 600", NULL);
		return false;
	}
	ok = ok && read(fd, key, SEALED_KEY_BYTES) == SEALED_KEY_BYTES && read(fd, &extra, 1) == 0;
	close(fd);
	if (!ok)
		*err = key_error(path, "not a key file of werkplaats (it must hold exactly 32 bytes)", NULL);
	return ok;
}
