// The Cairo, Pango, fontconfig, HarfBuzz and GObject functions the program calls, each opening its
// library (dlopen) and finding the real function (dlsym) on its first call. The prototypes are the
// libraries' own headers': a wrapper that does not match them does not compile.
#include "CCairo.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum ccairo_library { CAIRO, PANGO, PANGOCAIRO, PANGOFT2, FONTCONFIG, HARFBUZZ, GOBJECT, LIBRARIES };

static const char *const sonames[LIBRARIES] = {
    "libcairo.so.2",       "libpango-1.0.so.0", "libpangocairo-1.0.so.0", "libpangoft2-1.0.so.0",
    "libfontconfig.so.1",  "libharfbuzz.so.0",  "libgobject-2.0.so.0",
};
static const char *const packages[LIBRARIES] = {
    "libcairo2", "libpango-1.0-0", "libpangocairo-1.0-0", "libpangoft2-1.0-0",
    "libfontconfig1", "libharfbuzz0b", "libglib2.0-0",
};

static void *handles[LIBRARIES];
static pthread_mutex_t opening = PTHREAD_MUTEX_INITIALIZER;

/// A missing library or function, said in Spanish with the fix (the loader's own explanation is English
/// and names no package). `function` is NULL when the library itself did not open.
static void ccairo_message(enum ccairo_library library, const char *function, char *out, size_t size) {
    if (function == NULL) {
        snprintf(out, size,
                 "No se pudo abrir la biblioteca de dibujo %s, que hace falta para dibujar el informe y sus gráficas. "
                 "Instale el paquete de Debian %s (`make informe` instala lo que falta) y vuelva a intentarlo.",
                 sonames[library], packages[library]);
    } else {
        snprintf(out, size,
                 "La biblioteca de dibujo %s instalada no tiene la función %s (es de otra versión). "
                 "Instale el paquete de Debian %s (`make informe` instala lo que falta) y vuelva a intentarlo.",
                 sonames[library], function, packages[library]);
    }
}

/// Opens `library` once (the handle is kept); NULL when it does not open.
static void *ccairo_open(enum ccairo_library library) {
    pthread_mutex_lock(&opening);
    if (handles[library] == NULL) handles[library] = dlopen(sonames[library], RTLD_NOW | RTLD_LOCAL);
    void *handle = handles[library];
    pthread_mutex_unlock(&opening);
    return handle;
}

// Bottom up: when a library does not open, the one to install may be one it needs (Pango needs Cairo).
static const enum ccairo_library bottomUp[LIBRARIES] = {GOBJECT, FONTCONFIG, HARFBUZZ, CAIRO,
                                                         PANGO,   PANGOFT2,   PANGOCAIRO};

const char *ccairo_missing(void) {
    static char message[512];
    static pthread_mutex_t writing = PTHREAD_MUTEX_INITIALIZER;
    for (int i = 0; i < LIBRARIES; i++) {
        if (ccairo_open(bottomUp[i]) == NULL) {
            pthread_mutex_lock(&writing);
            ccairo_message(bottomUp[i], NULL, message, sizeof message);
            pthread_mutex_unlock(&writing);
            return message;
        }
    }
    return NULL;
}

/// Past `ccairo_missing`, a library that does not open or lacks a function is an installation problem
/// the program cannot draw without: said in Spanish, and the program stops.
static void ccairo_fail(enum ccairo_library library, const char *function) {
    if (function == NULL) {
        for (int i = 0; i < LIBRARIES; i++) {
            if (ccairo_open(bottomUp[i]) == NULL) {
                library = bottomUp[i];
                break;
            }
        }
    }
    char message[512];
    ccairo_message(library, function, message, sizeof message);
    fprintf(stderr, "Error: %s\n", message);
    exit(70);
}

static void *ccairo_function(enum ccairo_library library, const char *name) {
    void *handle = ccairo_open(library);
    if (handle == NULL) ccairo_fail(library, NULL);
    void *function = dlsym(handle, name);
    if (function == NULL) ccairo_fail(library, name);
    return function;
}

// One wrapper per function: the real one is looked up once and kept (a race only looks it up twice).
// The name is parenthesized so that a header's macro of the same name does not expand.
#define CCAIRO_CALL(library, ret, name, params, args)                                               \
    ret(name) params {                                                                              \
        static ret(*real) params;                                                                   \
        ret(*f) params = __atomic_load_n(&real, __ATOMIC_ACQUIRE);                                  \
        if (f == NULL) {                                                                            \
            f = (ret(*) params)ccairo_function(library, #name);                                     \
            __atomic_store_n(&real, f, __ATOMIC_RELEASE);                                           \
        }                                                                                           \
        return f args;                                                                              \
    }
#define CCAIRO_CALL_VOID(library, name, params, args)                                               \
    void(name) params {                                                                             \
        static void(*real) params;                                                                  \
        void(*f) params = __atomic_load_n(&real, __ATOMIC_ACQUIRE);                                 \
        if (f == NULL) {                                                                            \
            f = (void(*) params)ccairo_function(library, #name);                                    \
            __atomic_store_n(&real, f, __ATOMIC_RELEASE);                                           \
        }                                                                                           \
        f args;                                                                                     \
    }

// Cairo
CCAIRO_CALL(CAIRO, cairo_font_options_t *, cairo_font_options_create, (void), ())
CCAIRO_CALL_VOID(CAIRO, cairo_font_options_destroy, (cairo_font_options_t * options), (options))
CCAIRO_CALL_VOID(CAIRO, cairo_font_options_set_hint_style,
                 (cairo_font_options_t * options, cairo_hint_style_t style), (options, style))
CCAIRO_CALL_VOID(CAIRO, cairo_font_options_set_hint_metrics,
                 (cairo_font_options_t * options, cairo_hint_metrics_t metrics), (options, metrics))
CCAIRO_CALL(CAIRO, cairo_t *, cairo_create, (cairo_surface_t * target), (target))
CCAIRO_CALL_VOID(CAIRO, cairo_destroy, (cairo_t * cr), (cr))
CCAIRO_CALL_VOID(CAIRO, cairo_arc, (cairo_t * cr, double xc, double yc, double r, double a1, double a2),
                 (cr, xc, yc, r, a1, a2))
CCAIRO_CALL_VOID(CAIRO, cairo_fill, (cairo_t * cr), (cr))
CCAIRO_CALL_VOID(CAIRO, cairo_fill_preserve, (cairo_t * cr), (cr))
CCAIRO_CALL_VOID(CAIRO, cairo_stroke, (cairo_t * cr), (cr))
CCAIRO_CALL_VOID(CAIRO, cairo_paint, (cairo_t * cr), (cr))
CCAIRO_CALL_VOID(CAIRO, cairo_new_path, (cairo_t * cr), (cr))
CCAIRO_CALL_VOID(CAIRO, cairo_show_page, (cairo_t * cr), (cr))
CCAIRO_CALL_VOID(CAIRO, cairo_line_to, (cairo_t * cr, double x, double y), (cr, x, y))
CCAIRO_CALL_VOID(CAIRO, cairo_move_to, (cairo_t * cr, double x, double y), (cr, x, y))
CCAIRO_CALL_VOID(CAIRO, cairo_rectangle, (cairo_t * cr, double x, double y, double w, double h), (cr, x, y, w, h))
CCAIRO_CALL_VOID(CAIRO, cairo_scale, (cairo_t * cr, double sx, double sy), (cr, sx, sy))
CCAIRO_CALL_VOID(CAIRO, cairo_set_dash, (cairo_t * cr, const double *dashes, int n, double offset),
                 (cr, dashes, n, offset))
CCAIRO_CALL_VOID(CAIRO, cairo_set_line_join, (cairo_t * cr, cairo_line_join_t join), (cr, join))
CCAIRO_CALL_VOID(CAIRO, cairo_set_line_width, (cairo_t * cr, double width), (cr, width))
CCAIRO_CALL_VOID(CAIRO, cairo_set_scaled_font, (cairo_t * cr, const cairo_scaled_font_t *font), (cr, font))
CCAIRO_CALL_VOID(CAIRO, cairo_glyph_path, (cairo_t * cr, const cairo_glyph_t *glyphs, int n), (cr, glyphs, n))
CCAIRO_CALL(CAIRO, cairo_path_t *, cairo_copy_path, (cairo_t * cr), (cr))
CCAIRO_CALL_VOID(CAIRO, cairo_path_destroy, (cairo_path_t * path), (path))
CCAIRO_CALL_VOID(CAIRO, cairo_set_source_rgb, (cairo_t * cr, double r, double g, double b), (cr, r, g, b))
CCAIRO_CALL_VOID(CAIRO, cairo_set_source_rgba, (cairo_t * cr, double r, double g, double b, double a),
                 (cr, r, g, b, a))
CCAIRO_CALL_VOID(CAIRO, cairo_tag_begin, (cairo_t * cr, const char *name, const char *attributes),
                 (cr, name, attributes))
CCAIRO_CALL_VOID(CAIRO, cairo_tag_end, (cairo_t * cr, const char *name), (cr, name))
CCAIRO_CALL(CAIRO, cairo_surface_t *, cairo_image_surface_create, (cairo_format_t format, int w, int h),
            (format, w, h))
CCAIRO_CALL(CAIRO, cairo_surface_t *, cairo_image_surface_create_from_png, (const char *filename), (filename))
CCAIRO_CALL(CAIRO, unsigned char *, cairo_image_surface_get_data, (cairo_surface_t * s), (s))
CCAIRO_CALL(CAIRO, cairo_format_t, cairo_image_surface_get_format, (cairo_surface_t * s), (s))
CCAIRO_CALL(CAIRO, int, cairo_image_surface_get_width, (cairo_surface_t * s), (s))
CCAIRO_CALL(CAIRO, int, cairo_image_surface_get_height, (cairo_surface_t * s), (s))
CCAIRO_CALL(CAIRO, int, cairo_image_surface_get_stride, (cairo_surface_t * s), (s))
CCAIRO_CALL(CAIRO, cairo_surface_t *, cairo_pdf_surface_create, (const char *filename, double w, double h),
            (filename, w, h))
CCAIRO_CALL(CAIRO, int, cairo_pdf_surface_add_outline,
            (cairo_surface_t * s, int parent, const char *utf8, const char *link, cairo_pdf_outline_flags_t flags),
            (s, parent, utf8, link, flags))
CCAIRO_CALL_VOID(CAIRO, cairo_pdf_surface_set_metadata,
                 (cairo_surface_t * s, cairo_pdf_metadata_t metadata, const char *utf8), (s, metadata, utf8))
CCAIRO_CALL_VOID(CAIRO, cairo_pdf_surface_set_size, (cairo_surface_t * s, double w, double h), (s, w, h))
CCAIRO_CALL_VOID(CAIRO, cairo_surface_destroy, (cairo_surface_t * s), (s))
CCAIRO_CALL_VOID(CAIRO, cairo_surface_finish, (cairo_surface_t * s), (s))
CCAIRO_CALL_VOID(CAIRO, cairo_surface_flush, (cairo_surface_t * s), (s))
CCAIRO_CALL(CAIRO, cairo_status_t, cairo_surface_status, (cairo_surface_t * s), (s))
CCAIRO_CALL(CAIRO, cairo_status_t, cairo_surface_write_to_png, (cairo_surface_t * s, const char *filename),
            (s, filename))

// Pango
CCAIRO_CALL(PANGO, const char *, pango_version_string, (void), ())
CCAIRO_CALL(PANGO, PangoFontDescription *, pango_font_description_new, (void), ())
CCAIRO_CALL(PANGO, PangoFontDescription *, pango_font_description_from_string, (const char *s), (s))
CCAIRO_CALL_VOID(PANGO, pango_font_description_free, (PangoFontDescription * d), (d))
CCAIRO_CALL(PANGO, const char *, pango_font_description_get_family, (const PangoFontDescription *d), (d))
CCAIRO_CALL_VOID(PANGO, pango_font_description_set_absolute_size, (PangoFontDescription * d, double size),
                 (d, size))
CCAIRO_CALL_VOID(PANGO, pango_font_description_set_family, (PangoFontDescription * d, const char *family),
                 (d, family))
CCAIRO_CALL_VOID(PANGO, pango_font_description_set_style, (PangoFontDescription * d, PangoStyle style), (d, style))
CCAIRO_CALL_VOID(PANGO, pango_font_description_set_weight, (PangoFontDescription * d, PangoWeight weight),
                 (d, weight))
CCAIRO_CALL(PANGO, PangoFontDescription *, pango_font_describe, (PangoFont * font), (font))
CCAIRO_CALL(PANGO, PangoLayout *, pango_layout_new, (PangoContext * context), (context))
CCAIRO_CALL(PANGO, int, pango_layout_get_baseline, (PangoLayout * layout), (layout))
CCAIRO_CALL_VOID(PANGO, pango_layout_get_extents, (PangoLayout * layout, PangoRectangle *ink, PangoRectangle *logical),
                 (layout, ink, logical))
CCAIRO_CALL(PANGO, PangoLayoutLine *, pango_layout_get_line_readonly, (PangoLayout * layout, int line),
            (layout, line))
CCAIRO_CALL(PANGO, int, pango_layout_get_line_count, (PangoLayout * layout), (layout))
CCAIRO_CALL(PANGO, const char *, pango_layout_get_text, (PangoLayout * layout), (layout))
CCAIRO_CALL(PANGO, PangoFont *, pango_context_load_font, (PangoContext * context, const PangoFontDescription *d),
            (context, d))
CCAIRO_CALL(PANGO, int, pango_layout_get_unknown_glyphs_count, (PangoLayout * layout), (layout))
CCAIRO_CALL_VOID(PANGO, pango_layout_set_font_description, (PangoLayout * layout, const PangoFontDescription *d),
                 (layout, d))
CCAIRO_CALL_VOID(PANGO, pango_layout_set_text, (PangoLayout * layout, const char *text, int length),
                 (layout, text, length))

CCAIRO_CALL_VOID(PANGO, pango_context_set_round_glyph_positions, (PangoContext * context, gboolean round),
                 (context, round))
CCAIRO_CALL(PANGO, PangoContext *, pango_layout_get_context, (PangoLayout * layout), (layout))
CCAIRO_CALL_VOID(PANGO, pango_layout_context_changed, (PangoLayout * layout), (layout))

// Pango on Cairo and on fontconfig
CCAIRO_CALL_VOID(PANGOCAIRO, pango_cairo_context_set_font_options,
                 (PangoContext * context, const cairo_font_options_t *options), (context, options))
CCAIRO_CALL(PANGOCAIRO, PangoContext *, pango_cairo_create_context, (cairo_t * cr), (cr))
CCAIRO_CALL(PANGOCAIRO, PangoLayout *, pango_cairo_create_layout, (cairo_t * cr), (cr))
CCAIRO_CALL_VOID(PANGOCAIRO, pango_cairo_show_layout, (cairo_t * cr, PangoLayout *layout), (cr, layout))
CCAIRO_CALL_VOID(PANGOCAIRO, pango_cairo_layout_path, (cairo_t * cr, PangoLayout *layout), (cr, layout))
CCAIRO_CALL_VOID(PANGOCAIRO, pango_cairo_glyph_string_path, (cairo_t * cr, PangoFont *font, PangoGlyphString *glyphs),
                 (cr, font, glyphs))
CCAIRO_CALL(PANGOCAIRO, cairo_scaled_font_t *, pango_cairo_font_get_scaled_font, (PangoCairoFont * font), (font))
CCAIRO_CALL_VOID(PANGOCAIRO, pango_cairo_show_glyph_item, (cairo_t * cr, const char *text, PangoGlyphItem *item),
                 (cr, text, item))
CCAIRO_CALL(PANGOCAIRO, PangoFontMap *, pango_cairo_font_map_get_default, (void), ())
CCAIRO_CALL(PANGOFT2, GType, pango_fc_font_map_get_type, (void), ())
CCAIRO_CALL(PANGOFT2, FcConfig *, pango_fc_font_map_get_config, (PangoFcFontMap * map), (map))
CCAIRO_CALL_VOID(PANGOFT2, pango_fc_font_map_set_config, (PangoFcFontMap * map, FcConfig *config), (map, config))

// GObject
CCAIRO_CALL_VOID(GOBJECT, g_object_unref, (gpointer object), (object))
CCAIRO_CALL(GOBJECT, GTypeInstance *, g_type_check_instance_cast, (GTypeInstance * instance, GType type),
            (instance, type))
CCAIRO_CALL(GOBJECT, gboolean, g_type_check_instance_is_a, (GTypeInstance * instance, GType type), (instance, type))

// fontconfig
CCAIRO_CALL(FONTCONFIG, FcConfig *, FcConfigCreate, (void), ())
CCAIRO_CALL_VOID(FONTCONFIG, FcConfigDestroy, (FcConfig * config), (config))
CCAIRO_CALL(FONTCONFIG, FcBool, FcConfigAppFontAddFile, (FcConfig * config, const FcChar8 *file), (config, file))
CCAIRO_CALL(FONTCONFIG, FcBool, FcConfigSubstitute, (FcConfig * config, FcPattern *p, FcMatchKind kind),
            (config, p, kind))
CCAIRO_CALL_VOID(FONTCONFIG, FcDefaultSubstitute, (FcPattern * p), (p))
CCAIRO_CALL(FONTCONFIG, FcPattern *, FcFontMatch, (FcConfig * config, FcPattern *p, FcResult *result),
            (config, p, result))
CCAIRO_CALL(FONTCONFIG, FcPattern *, FcPatternCreate, (void), ())
CCAIRO_CALL_VOID(FONTCONFIG, FcPatternDestroy, (FcPattern * p), (p))
CCAIRO_CALL(FONTCONFIG, FcBool, FcPatternAddInteger, (FcPattern * p, const char *object, int i), (p, object, i))
CCAIRO_CALL(FONTCONFIG, FcBool, FcPatternAddString, (FcPattern * p, const char *object, const FcChar8 *s),
            (p, object, s))
CCAIRO_CALL(FONTCONFIG, FcResult, FcPatternGetString, (const FcPattern *p, const char *object, int n, FcChar8 **s),
            (p, object, n, s))

// HarfBuzz
CCAIRO_CALL(HARFBUZZ, const char *, hb_version_string, (void), ())

void ccairo_use_font_config(FcConfig *config) {
    PangoFontMap *map = pango_cairo_font_map_get_default();
    if (map == NULL || !PANGO_IS_FC_FONT_MAP(map)) return;
    PangoFcFontMap *fc = PANGO_FC_FONT_MAP(map);
    if (pango_fc_font_map_get_config(fc) != config) pango_fc_font_map_set_config(fc, config);
}

void ccairo_exact_text(PangoContext *context) {
    if (context == NULL) return;
    cairo_font_options_t *options = cairo_font_options_create();
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(context, options);
    cairo_font_options_destroy(options);
    pango_context_set_round_glyph_positions(context, FALSE);
}
