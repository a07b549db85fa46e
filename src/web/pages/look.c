/* look.c - /admin/look: the site's own look. The administrator
 * uploads a logo (PNG or SVG, checked by io/logo.h) and chooses an accent
 * colour that must pass the WCAG contrast checks of domain/look.h; both go
 * on every page's header, the poster, the printed dialogue agenda and the
 * PDF reports. /look/logo and /look.css serve them to every page. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "domain/look.h"
#include "io/logo.h"
#include "web/look.h"
#include "web/pages/pages.h"

/* The reason a logo was refused, in the page's language. */
static const char *logo_message(req *r, logo_problem p, const char *detail, int w, int h)
{
	switch (p) {
	case LOGO_EMPTY:
		return tr(r, "Kies een bestand.", "Choose a file.");
	case LOGO_TOO_LARGE:
		return arena_printf(r->a, tr(r, "Het bestand is te groot: ten hoogste %d kB.",
					     "The file is too large: at most %d kB."), LOGO_MAX_BYTES / 1024);
	case LOGO_NOT_PNG:
		return tr(r, "Dit is geen PNG-bestand (de PNG-handtekening ontbreekt) en geen SVG.",
			  "This is not a PNG file (the PNG signature is missing) and not an SVG.");
	case LOGO_BAD_PNG:
		return tr(r, "Dit PNG-bestand is beschadigd: de kop kan niet worden gelezen.",
			  "This PNG file is damaged: its header cannot be read.");
	case LOGO_PNG_SIZE:
		return arena_printf(r->a, tr(r, "Het plaatje is %d × %d pixels; het moet tussen %d en %d pixels breed "
					     "en hoog zijn.",
					     "The image is %d × %d pixels; it must be between %d and %d pixels wide "
					     "and high."),
				    w, h, LOGO_MIN_PX, LOGO_MAX_PX);
	case LOGO_NOT_SVG:
		return tr(r, "Dit SVG-bestand kan niet worden gelezen: het is geen XML met een <svg> als begin.",
			  "This SVG file cannot be read: it is not XML starting with an <svg>.");
	case LOGO_SVG_DTD:
		return tr(r, "Dit SVG-bestand heeft een DOCTYPE (met entiteiten); dat nemen we niet aan.",
			  "This SVG file has a DOCTYPE (with entities); we do not accept that.");
	case LOGO_SVG_SCRIPT:
		return tr(r, "Dit SVG-bestand bevat een script; dat nemen we niet aan.",
			  "This SVG file holds a script; we do not accept that.");
	case LOGO_SVG_EVENT:
		return arena_printf(r->a, tr(r, "Dit SVG-bestand heeft een gebeurtenisattribuut (%s), dat code "
					     "uitvoert; dat nemen we niet aan.",
					     "This SVG file has an event attribute (%s), which runs code; we do not "
					     "accept that."), detail);
	case LOGO_SVG_EXTERNAL:
		return arena_printf(r->a, tr(r, "Dit SVG-bestand verwijst naar iets buiten het bestand (%s); dat "
					     "nemen we niet aan.",
					     "This SVG file refers to something outside the file (%s); we do not "
					     "accept that."), detail);
	case LOGO_SVG_FOREIGN:
		return arena_printf(r->a, tr(r, "Dit SVG-bestand bevat een %s-element; dat nemen we niet aan.",
					     "This SVG file holds a %s element; we do not accept that."), detail);
	default:
		return "";
	}
}

/* The accent's contrast as a sentence: "7.6:1 with white text, 7.0:1 on
 * the page background". */
static const char *ratios(req *r, double on_white, double on_bg)
{
	return arena_printf(r->a, tr(r, "%.1f:1 met witte tekst, %.1f:1 op de achtergrond van de pagina",
				     "%.1f:1 with white text, %.1f:1 on the page background"),
			    on_white, on_bg);
}

static void look_page(req *r, const char *notice)
{
	site_look l;
	store_rc rc = store_look_get(r->st, r->a, &l);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	page_begin(r, tr(r, "Eigen uiterlijk", "Own look"));
	html(&r->out, "<h1>%s</h1><p>%s</p>", tr(r, "Eigen uiterlijk", "Own look"),
	     tr(r, "Het logo en de kleur van de instelling staan in de kop van elke pagina, op de poster van een "
		   "meetronde, op de afgedrukte dialoogagenda en in de PDF-rapporten.",
		"The institution's logo and colour appear in the header of every page, on a round's poster, "
		"on the printed dialogue agenda and in the PDF reports."));
	if (notice)
		html(&r->out, "<p class=\"notice\" role=\"status\" id=\"look-saved\">%s</p>", notice);
	error_summary(r);
	html(&r->out, "<section aria-labelledby=\"logo\"><h2 id=\"logo\">%s</h2>", tr(r, "Logo", "Logo"));
	if (*l.logo)
		html(&r->out, "<p><img class=\"logo-preview\" src=\"/look/logo?v=%lld\" alt=\"%s\"></p>",
		     (long long)l.updated_at, tr(r, "Het huidige logo", "The current logo"));
	html(&r->out, "<form method=\"post\" action=\"/admin/look/logo\" class=\"stack\" enctype=\"multipart/form-data\" "
		      "novalidate><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		      "<div class=\"field\"><label for=\"f-logo\">%s</label><p class=\"hint\" id=\"f-logo-hint\">%s</p>"
		      "<input type=\"file\" id=\"f-logo\" name=\"logo\" accept=\".png,.svg,image/png,image/svg+xml\" "
		      "aria-describedby=\"f-logo-hint\"></div><button class=\"primary\">%s</button></form>",
	     csrf_token(r), tr(r, "PNG of SVG", "PNG or SVG"),
	     arena_printf(r->a, tr(r, "Ten hoogste %d kB; een PNG van %d tot %d pixels breed en hoog; een SVG "
				      "zonder scripts, gebeurtenissen, verwijzingen naar buiten of vreemde objecten.",
				   "At most %d kB; a PNG of %d to %d pixels wide and high; an SVG without "
				   "scripts, events, references outside the file or foreign objects."),
			  LOGO_MAX_BYTES / 1024, LOGO_MIN_PX, LOGO_MAX_PX),
	     tr(r, "Logo opslaan", "Save the logo"));
	if (*l.logo) {
		form_begin(r, "/admin/look/logo", "inline");
		html(&r->out, "<input type=\"hidden\" name=\"remove\" value=\"1\"><button>%s</button>",
		     tr(r, "Logo weghalen", "Remove the logo"));
		form_end(r);
	}
	html(&r->out, "</section><section aria-labelledby=\"accent\"><h2 id=\"accent\">%s</h2><p>%s</p>",
	     tr(r, "Kleur", "Colour"),
	     arena_printf(r->a, tr(r, "De kleur van de kop en de knoppen. Witte tekst erop en de kleur als tekst op "
				      "de achtergrond moeten elk een contrast van minstens %.1f:1 halen (WCAG AA).",
				   "The colour of the header and the buttons. White text on it and the colour as "
				   "text on the background must each reach a contrast of at least %.1f:1 (WCAG AA)."),
			  LOOK_MIN_CONTRAST));
	form_begin(r, "/admin/look/accent", "stack");
	input_field(r, "text", "accent", tr(r, "Kleur (#rrggbb)", "Colour (#rrggbb)"), *l.accent ? l.accent : "",
		    tr(r, "Leeg: de eigen kleur van werkplaats.", "Empty: werkplaats's own colour."), false);
	html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Kleur opslaan", "Save the colour"));
	form_end(r);
	html(&r->out, "</section>");
	page_end(r);
}

void page_admin_look(req *r)
{
	look_page(r, NULL);
}

/* The uploaded file's bytes as the multipart parser kept them (never a
 * field a sender could name); "" when there is none. */
static void uploaded(req *r, const unsigned char **data, size_t *len)
{
	const char *bytes, *filename;
	if (!form_file(r, "logo", &bytes, len, &filename)) {
		bytes = "";
		*len = 0;
	}
	*data = (const unsigned char *)bytes;
}

static void saved(req *r, store_rc rc, const char *what, const char *notice)
{
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, 0, "look changed", what);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	look_forget();
	look_page(r, notice);
}

void page_admin_look_logo(req *r)
{
	if (form_get(r, "remove")) {
		saved(r, store_look_set_logo(r->st, NULL, NULL), "logo removed",
		      tr(r, "Het logo is weggehaald.", "The logo has been removed."));
		return;
	}
	const unsigned char *data = NULL;
	size_t len = 0;
	char detail[64];
	int w, h;
	uploaded(r, &data, &len);
	logo_kind k = logo_kind_of(data, len);
	logo_problem p = logo_check(k, data, len, detail, &w, &h);
	if (p != LOGO_OK) {
		field_error(r, "logo", logo_message(r, p, detail, w, h));
		r->status = p == LOGO_TOO_LARGE ? 413 : 400;
		look_page(r, NULL);
		return;
	}
	size_t size = sodium_base64_encoded_len(len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = ARENA_ARRAY(r->a, char, size);
	sodium_bin2base64(b64, size, data, len, sodium_base64_VARIANT_ORIGINAL);
	const char *kind = k == LOGO_SVG ? "svg" : "png";
	saved(r, store_look_set_logo(r->st, b64, kind),
	      k == LOGO_SVG ? "logo: svg" : arena_printf(r->a, "logo: png %d x %d", w, h),
	      tr(r, "Het logo is opgeslagen.", "The logo has been saved."));
}

void page_admin_look_accent(req *r)
{
	const char *v = form_get(r, "accent");
	look_rgb c;
	double on_white, on_bg;
	if (!v || !*v) {
		saved(r, store_look_set_accent(r->st, NULL), "accent removed",
		      tr(r, "De eigen kleur van werkplaats geldt weer.", "werkplaats's own colour applies again."));
		return;
	}
	if (!look_colour_parse(v, &c)) {
		field_error(r, "accent", tr(r, "Geef een kleur als #rrggbb, bijvoorbeeld #1d5c63.",
					    "Give a colour as #rrggbb, for example #1d5c63."));
	} else if (!look_accent_ok(c, &on_white, &on_bg)) {
		field_error(r, "accent",
			    arena_printf(r->a, tr(r, "Te weinig contrast: %s; nodig is %.1f:1 voor allebei.",
						  "Too little contrast: %s; %.1f:1 is needed for both."),
					 ratios(r, on_white, on_bg), LOOK_MIN_CONTRAST));
	}
	if (r->nerrors) {
		r->status = 400;
		look_page(r, NULL);
		return;
	}
	char hex[8];
	look_colour_format(c, hex);
	saved(r, store_look_set_accent(r->st, hex), arena_printf(r->a, "accent %s", hex),
	      arena_printf(r->a, tr(r, "De kleur %s is opgeslagen (%s).", "The colour %s has been saved (%s)."), hex,
			   ratios(r, on_white, on_bg)));
}

/* GET /look/logo: the checked file, for every page. An SVG is served in a
 * sandbox of its own besides the site's policy. */
void page_look_logo(req *r)
{
	pdf_look l;
	if (!look_for_pdf(r, &l))
		return;
	if (!l.logo) {
		reply_error(r, 404, NULL);
		return;
	}
	r->cacheable = true;
	reply_header(r, "Cache-Control", req_query(r, "v") ? "public, max-age=31536000, immutable" : "public, max-age=60");
	if (l.logo_svg)
		reply_header(r, "Content-Security-Policy", "sandbox");
	r->content_type = l.logo_svg ? "image/svg+xml" : "image/png";
	buf_append(&r->out, l.logo, l.logo_len);
	r->status = 200;
	r->replied = true;
}

/* GET /look.css: the accent in place of the stylesheet's brand colour,
 * with a darker shade for hover and a pale one for selected rows. */
void page_look_css(req *r)
{
	site_look l;
	look_rgb c;
	store_rc rc = store_look_get(r->st, r->a, &l);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	if (!look_colour_parse(l.accent, &c)) {
		reply_error(r, 404, NULL);
		return;
	}
	char base[8], dark[8], tint[8];
	look_colour_format(c, base);
	look_colour_format(look_darker(c, 0.8), dark);
	look_colour_format(look_tint(c, 0.88), tint);
	r->cacheable = true;
	reply_header(r, "Cache-Control", req_query(r, "v") ? "public, max-age=31536000, immutable" : "public, max-age=60");
	r->content_type = "text/css; charset=utf-8";
	buf_printf(&r->out, ":root { --brand: %s; --brand-dark: %s; --brand-tint: %s; }\n", base, dark, tint);
	r->status = 200;
	r->replied = true;
}
