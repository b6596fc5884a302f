// Cairo, Pango, fontconfig and HarfBuzz as Swift sees them. The program does not link them: the
// functions it calls are defined in Cargar.c, which opens the libraries the first time one of them is
// called (a command that draws nothing, such as `informe validar`, does not load the ~35 libraries
// behind Cairo and Pango at all).
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

/// Opens the drawing libraries now; NULL when all open, else what is missing and which Debian package
/// to install, in Spanish. A caller that cannot stop the process (a server) asks this before drawing:
/// past it, a library that does not open ends the program with that message.
const char *ccairo_missing(void);

/// PANGO_SCALE does not import into Swift.
static inline int ccairo_pango_scale(void) { return PANGO_SCALE; }

/// Makes this thread's default Pango font map (the one pango_cairo_create_layout uses) resolve fonts
/// through `config`; nothing when it already does (setting it again would empty the map's caches).
void ccairo_use_font_config(FcConfig *config);

/// Lays text out with the font's own advances, as a PDF shows them: no hinting, no hinted metrics and
/// no glyph positions rounded to whole units (Pango rounds them by default: at 1 unit = 1 pt a 10 pt
/// word drifts up to half a point per letter). The same on every surface and in the measurer, so that
/// a measured width is the drawn one.
void ccairo_exact_text(PangoContext *context);

/// The glyphs of `layout` when it is one line set in one run of `font`, left to right, with no
/// attributes or shifts: their count, with `glyphs` and `clusters` (byte offsets into the text) pointing
/// into the layout's own arrays (valid while it lives, not changed); -1 when it is anything else.
int ccairo_layout_glyphs(PangoLayout *layout, PangoFont *font, int *num_chars, const PangoGlyphInfo **glyphs,
                         const int **clusters);

/// Draws `count` glyphs shaped from `text` (`length` bytes, `num_chars` characters) in `font` with
/// their baseline at the current point, as pango_cairo_show_layout draws a one-run line: on a PDF the
/// text goes along with them (search and copy work).
void ccairo_show_glyphs(cairo_t *cr, PangoFont *font, const char *text, int length, int num_chars,
                        const PangoGlyphInfo *glyphs, const int *clusters, int count);

/// Adds the outlines of `count` glyphs of `font` (an unknown character's box included) to the path of
/// `cr`, their baseline starting at the current point.
void ccairo_glyphs_path(cairo_t *cr, PangoFont *font, const PangoGlyphInfo *glyphs, const int *clusters, int count);
