#include "web/qr.h"

#include <qrencode.h>

#include "web/html.h"

bool qr_svg(buf *out, const char *text, const char *label)
{
	if (!text || !*text)
		return false;
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return false;
	int w = q->width, size = w + 2 * QR_QUIET;
	html(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 %d %d\" "
		  "shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"%s\"><title>%s</title>"
		  "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
	     size, size, label, label, size, size);
	for (int y = 0; y < w; y++) {
		const unsigned char *row = q->data + (size_t)y * (size_t)w;
		for (int x = 0; x < w;) {
			if (!(row[x] & 1)) { /* bit 0: the module is dark */
				x++;
				continue;
			}
			int run = 1;
			while (x + run < w && (row[x + run] & 1))
				run++;
			html(out, "M%d %dh%dv1h-%dz", x + QR_QUIET, y + QR_QUIET, run, run);
			x += run;
		}
	}
	html(out, "\"/></svg>");
	QRcode_free(q);
	return true;
}
