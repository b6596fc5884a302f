#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

/// PANGO_SCALE does not import into Swift.
static inline int ccairo_pango_scale(void) { return PANGO_SCALE; }

/// Makes this thread's default Pango font map (the one pango_cairo_create_layout uses) resolve fonts
/// through `config`; nothing when it already does (setting it again would empty the map's caches).
/// The GObject cast macros do not import into Swift.
static inline void ccairo_use_font_config(FcConfig *config) {
    PangoFontMap *map = pango_cairo_font_map_get_default();
    if (map == NULL || !PANGO_IS_FC_FONT_MAP(map)) return;
    PangoFcFontMap *fc = PANGO_FC_FONT_MAP(map);
    if (pango_fc_font_map_get_config(fc) != config) pango_fc_font_map_set_config(fc, config);
}
