#include "web/html.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/util.h"

/* Escape the first n bytes of s. Bytes that are not well-formed UTF-8
 * (input that was refused, echoed back into its form; a text cut short by
 * a precision) become U+FFFD, so a page is always valid UTF-8 and no
 * decoder can take a quote or '<' after such a byte into a character. */
static void escape_n(buf *b, const char *s, size_t n)
{
	const char *run = s, *end = s + n;
	for (; s < end; s++) {
		const char *ent;
		if ((unsigned char)*s >= 0x80) {
			uint32_t cp;
			size_t len = utf8_decode(s, (size_t)(end - s), &cp);
			if (len) {
				s += len - 1;
				continue;
			}
			ent = "\xef\xbf\xbd";
		} else {
			switch (*s) {
			case '&': ent = "&amp;"; break;
			case '<': ent = "&lt;"; break;
			case '>': ent = "&gt;"; break;
			case '"': ent = "&quot;"; break;
			case '\'': ent = "&#39;"; break;
			default: continue;
			}
		}
		buf_append(b, run, (size_t)(s - run));
		buf_puts(b, ent);
		run = s + 1;
	}
	buf_append(b, run, (size_t)(s - run));
}

void html_escape(buf *b, const char *s)
{
	escape_n(b, s, strlen(s));
}

bool html_unescaped(buf *b, const char *trusted, size_t len)
{
	return buf_append(b, trusted, len);
}

/* Length modifiers we accept. */
enum lenmod { LM_NONE, LM_L, LM_LL, LM_Z };

static void put_double(buf *b, double v, int prec)
{
	char tmp[64];
	if (!isfinite(v))
		v = 0;
	if (prec < 0)
		prec = 6;
	if (prec > 17)
		prec = 17;
	int n = snprintf(tmp, sizeof tmp, "%.*f", prec, v);
	if (n > 0 && (size_t)n < sizeof tmp)
		buf_append(b, tmp, (size_t)n);
}

void html_vprintf(buf *b, const char *fmt, va_list ap)
{
	const char *run = fmt;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		buf_append(b, run, (size_t)(p - run));
		p++;
		bool plus = false;
		if (*p == '+') {
			plus = true;
			p++;
		}
		int prec = -1;
		if (*p == '.') {
			prec = 0;
			for (p++; *p >= '0' && *p <= '9'; p++)
				prec = prec * 10 + (*p - '0');
		}
		enum lenmod lm = LM_NONE;
		if (*p == 'l') {
			lm = LM_L;
			if (p[1] == 'l') {
				lm = LM_LL;
				p++;
			}
			p++;
		} else if (*p == 'z') {
			lm = LM_Z;
			p++;
		}
		switch (*p) {
		case '%':
			buf_putc(b, '%');
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "";
			/* %.Ns: at most N bytes, as printf */
			escape_n(b, s, prec >= 0 ? strnlen(s, (size_t)prec) : strlen(s));
			break;
		}
		case 'c': {
			char s[2] = {(char)va_arg(ap, int), 0};
			html_escape(b, s);
			break;
		}
		case 'd':
		case 'i':
			if (plus)
				wp_assert_fail("%+ is supported for %f only", __FILE__, __LINE__);
			if (lm == LM_LL)
				buf_put_int(b, va_arg(ap, long long));
			else if (lm == LM_L)
				buf_put_int(b, va_arg(ap, long));
			else if (lm == LM_Z)
				buf_put_int(b, (long long)va_arg(ap, ptrdiff_t));
			else
				buf_put_int(b, va_arg(ap, int));
			break;
		case 'u':
		case 'x':
			if (lm == LM_LL)
				buf_put_uint(b, va_arg(ap, unsigned long long), *p == 'x');
			else if (lm == LM_L)
				buf_put_uint(b, va_arg(ap, unsigned long), *p == 'x');
			else if (lm == LM_Z)
				buf_put_uint(b, va_arg(ap, size_t), *p == 'x');
			else
				buf_put_uint(b, va_arg(ap, unsigned), *p == 'x');
			break;
		case 'f': {
			double v = va_arg(ap, double);
			if (plus && isfinite(v) && v >= 0)
				buf_putc(b, '+');
			put_double(b, v, prec);
			break;
		}
		default:
			/* an unsupported conversion is a programming error */
			wp_assert_fail("unsupported conversion in html format", __FILE__, __LINE__);
		}
		run = p + 1;
	}
	buf_append(b, run, strlen(run));
}

void html_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	html_vprintf(b, fmt, ap);
	va_end(ap);
}
