// A text shaped into a single run of glyphs, taken out of its Pango layout and drawn again without it
// (see CCairo.h). The Pango calls are Cargar.c's wrappers.
#include "CCairo.h"

#include <string.h>

int ccairo_layout_glyphs(PangoLayout *layout, PangoFont *font, int *num_chars, const PangoGlyphInfo **glyphs,
                         const int **clusters) {
    if (layout == NULL || font == NULL || pango_layout_get_line_count(layout) != 1) return -1;
    const char *text = pango_layout_get_text(layout);
    PangoLayoutLine *line = pango_layout_get_line_readonly(layout, 0);
    if (text == NULL || line == NULL || line->runs == NULL || line->runs->next != NULL) return -1;
    const PangoGlyphItem *run = line->runs->data;
    if (run == NULL || run->item == NULL || run->glyphs == NULL) return -1;
    const PangoItem *item = run->item;
    // Left to right, horizontal, the whole text, no attributes or shifts: what ccairo_show_glyphs draws.
    // (Pango keeps a flag of its own in the high bits of `flags`.)
    const guint8 drawn = PANGO_ANALYSIS_FLAG_CENTERED_BASELINE | PANGO_ANALYSIS_FLAG_IS_ELLIPSIS |
                         PANGO_ANALYSIS_FLAG_NEED_HYPHEN;
    if (item->analysis.font != font || item->analysis.level != 0 || item->analysis.gravity != PANGO_GRAVITY_SOUTH ||
        (item->analysis.flags & drawn) != 0 || item->analysis.extra_attrs != NULL || item->offset != 0 ||
        (size_t)item->length != strlen(text) || run->y_offset != 0 || run->start_x_offset != 0 ||
        run->end_x_offset != 0 || run->glyphs->num_glyphs <= 0)
        return -1;
    *num_chars = item->num_chars;
    *glyphs = run->glyphs->glyphs;
    *clusters = run->glyphs->log_clusters;
    return run->glyphs->num_glyphs;
}

void ccairo_show_glyphs(cairo_t *cr, PangoFont *font, const char *text, int length, int num_chars,
                        const PangoGlyphInfo *glyphs, const int *clusters, int count) {
    PangoItem item;
    memset(&item, 0, sizeof item);
    item.offset = 0;
    item.length = length;
    item.num_chars = num_chars;
    item.analysis.font = font;
    item.analysis.gravity = PANGO_GRAVITY_SOUTH;
    PangoGlyphString string = {count, (PangoGlyphInfo *)glyphs, (int *)clusters, count};
    PangoGlyphItem run = {&item, &string, 0, 0, 0};
    pango_cairo_show_glyph_item(cr, text, &run);
}

void ccairo_glyphs_path(cairo_t *cr, PangoFont *font, const PangoGlyphInfo *glyphs, const int *clusters, int count) {
    PangoGlyphString string = {count, (PangoGlyphInfo *)glyphs, (int *)clusters, count};
    pango_cairo_glyph_string_path(cr, font, &string);
}
