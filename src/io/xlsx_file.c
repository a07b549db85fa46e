/* xlsx_file.c - a workbook written to a temporary file and read back. */
#include "io/xlsx_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

bool xlsx_open(xlsx_file *x, const char **err)
{
	const char *dir = getenv("TMPDIR");
	snprintf(x->path, sizeof x->path, "%s/werkplaats-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(x->path);
	if (fd < 0) {
		*err = "cannot create a temporary file for the workbook";
		return false;
	}
	close(fd);
	x->wb = workbook_new(x->path);
	if (!x->wb) {
		unlink(x->path);
		*err = "cannot start the workbook";
		return false;
	}
	return true;
}

static bool slurp(const char *path, buf *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	char chunk[65536];
	size_t n;
	bool ok = true;
	while (ok && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		ok = buf_append(out, chunk, n);
	ok = ok && !ferror(f);
	fclose(f);
	return ok;
}

bool xlsx_close(xlsx_file *x, buf *out, const char **err)
{
	lxw_error rc = workbook_close(x->wb);
	x->wb = NULL;
	bool ok = rc == LXW_NO_ERROR && slurp(x->path, out);
	unlink(x->path);
	if (!ok)
		*err = rc != LXW_NO_ERROR ? lxw_strerror(rc) : "cannot read the workbook back";
	return ok;
}
