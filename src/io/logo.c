/* logo.c - checking an uploaded logo with libpng and libxml2 (see logo.h). */
#include "io/logo.h"

#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <png.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

logo_kind logo_kind_of(const unsigned char *data, size_t len)
{
	size_t i = 0;
	while (i < len && isspace(data[i]))
		i++;
	return i < len && data[i] == '<' ? LOGO_SVG : LOGO_PNG;
}

/* The header only: libpng's simplified API reads the signature and IHDR
 * without decoding the image, so a small file that claims a huge image
 * costs nothing. */
static logo_problem check_png(const unsigned char *data, size_t len, int *w, int *h)
{
	if (len < 8 || png_sig_cmp(data, 0, 8) != 0)
		return LOGO_NOT_PNG;
	png_image img;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&img, data, len)) {
		png_image_free(&img);
		return LOGO_BAD_PNG;
	}
	*w = (int)img.width;
	*h = (int)img.height;
	png_image_free(&img);
	if (img.width < LOGO_MIN_PX || img.height < LOGO_MIN_PX || img.width > LOGO_MAX_PX ||
	    img.height > LOGO_MAX_PX)
		return LOGO_PNG_SIZE;
	return LOGO_OK;
}

/* A reference that stays inside the document: "#id", or url(#id). */
static bool local_ref(const char *v)
{
	while (isspace((unsigned char)*v))
		v++;
	return *v == '#';
}

/* The first place of word in v, in any ASCII case, or NULL. */
static const char *find_word(const char *v, const char *word)
{
	size_t n = strlen(word);
	for (; *v; v++)
		if (strncasecmp(v, word, n) == 0)
			return v;
	return NULL;
}

/* Text that reaches out: a url() that is not url(#...), or @import. */
static bool external_in_css(const char *v)
{
	for (const char *p = v; (p = find_word(p, "url(")) != NULL; p += 4) {
		const char *q = p + 4;
		while (isspace((unsigned char)*q) || *q == '\'' || *q == '"')
			q++;
		if (*q != '#')
			return true;
	}
	return find_word(v, "@import") != NULL;
}

static void name_into(char detail[64], const char *what, const xmlChar *name)
{
	if (detail)
		snprintf(detail, 64, "%s%s", what, (const char *)name);
}

static logo_problem check_attrs(xmlNode *n, char detail[64])
{
	for (xmlAttr *a = n->properties; a; a = a->next) {
		const char *name = (const char *)a->name;
		xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
		const char *val = v ? (const char *)v : "";
		logo_problem p = LOGO_OK;
		if (strncasecmp(name, "on", 2) == 0)
			p = LOGO_SVG_EVENT;
		else if ((strcasecmp(name, "href") == 0 || strcasecmp(name, "src") == 0) && !local_ref(val))
			p = LOGO_SVG_EXTERNAL;
		else if (external_in_css(val))
			p = LOGO_SVG_EXTERNAL;
		xmlFree(v);
		if (p != LOGO_OK) {
			name_into(detail, "", a->name);
			return p;
		}
	}
	return LOGO_OK;
}

static bool named(const xmlNode *n, const char *const *names)
{
	for (; *names; names++)
		if (strcasecmp((const char *)n->name, *names) == 0)
			return true;
	return false;
}

static logo_problem check_node(xmlNode *n, char detail[64])
{
	static const char *const foreign[] = {"foreignObject", "iframe", "embed", "object", "audio", "video",
					      "animate", "animateMotion", "animateTransform", "set", "handler",
					      "listener", NULL};
	for (; n; n = n->next) {
		if (n->type == XML_PI_NODE || n->type == XML_ENTITY_REF_NODE || n->type == XML_XINCLUDE_START) {
			name_into(detail, "", n->name);
			return LOGO_SVG_EXTERNAL;
		}
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->parent && strcasecmp((const char *)n->parent->name, "style") == 0 && n->content &&
			    external_in_css((const char *)n->content)) {
				name_into(detail, "", (const xmlChar *)"style");
				return LOGO_SVG_EXTERNAL;
			}
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcasecmp((const char *)n->name, "script") == 0) {
			name_into(detail, "", n->name);
			return LOGO_SVG_SCRIPT;
		}
		if (named(n, foreign)) {
			name_into(detail, "", n->name);
			return LOGO_SVG_FOREIGN;
		}
		logo_problem p = check_attrs(n, detail);
		if (p == LOGO_OK)
			p = check_node(n->children, detail);
		if (p != LOGO_OK)
			return p;
	}
	return LOGO_OK;
}

static logo_problem check_svg(const unsigned char *data, size_t len, char detail[64])
{
	/* no network, no entity substitution, no DTD loading; errors quiet */
	xmlDoc *doc = xmlReadMemory((const char *)data, (int)len, "logo.svg", NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		return LOGO_NOT_SVG;
	logo_problem p = LOGO_OK;
	xmlNode *root = xmlDocGetRootElement(doc);
	if (doc->intSubset || doc->extSubset)
		p = LOGO_SVG_DTD;
	else if (!root || strcmp((const char *)root->name, "svg") != 0 || !root->ns ||
		 strcmp((const char *)root->ns->href, "http://www.w3.org/2000/svg") != 0)
		p = LOGO_NOT_SVG;
	else
		p = check_node(doc->children, detail);
	xmlFreeDoc(doc);
	return p;
}

logo_problem logo_check(logo_kind k, const unsigned char *data, size_t len, char detail[64], int *w, int *h)
{
	if (detail)
		detail[0] = 0;
	*w = *h = 0;
	if (!len)
		return LOGO_EMPTY;
	if (len > LOGO_MAX_BYTES)
		return LOGO_TOO_LARGE;
	return k == LOGO_PNG ? check_png(data, len, w, h) : check_svg(data, len, detail);
}
