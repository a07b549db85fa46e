/* xlsx_file.h - a workbook of libxlsxwriter in memory. libxlsxwriter
 * 1.1.4 writes to a file only, so the workbook is written to a private
 * temporary file (in $TMPDIR, else /tmp) and read back when closed. */
#ifndef WP_XLSX_FILE_H
#define WP_XLSX_FILE_H

#include <stdbool.h>
#include <xlsxwriter.h>

#include "base/buf.h"

typedef struct {
	char path[4096];
	lxw_workbook *wb;
} xlsx_file;

/* Start a workbook in a new temporary file; false with *err (static). */
bool xlsx_open(xlsx_file *x, const char **err);
/* Close the workbook, append its bytes to out and remove the file; false
 * with *err (static) when writing or reading back failed. */
bool xlsx_close(xlsx_file *x, buf *out, const char **err);

#endif
