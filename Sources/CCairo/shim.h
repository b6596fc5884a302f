#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <pango/pangocairo.h>

/// PANGO_SCALE does not import into Swift.
static inline int ccairo_pango_scale(void) { return PANGO_SCALE; }
