import CCairo
import Drawing

/// The texts drawn on one Cairo context, shaped once each by text and style: a text drawn again (the
/// prose of a report repeats most of its words, set one by one when justified) is shown again wherever
/// it goes. A text set in one run of its style's font (nearly all) is kept as glyphs, taken from and
/// given to the renderer's ``GlyphCache`` when it has one; anything else (a character from a fallback
/// font, several lines) as its Pango layout. All of them share one Pango context, made from the Cairo
/// context after its transformation is set, as `pango_cairo_create_layout` would.
///
/// ```swift
/// let layouts = PangoLayoutCache(cr, family: "Noto Sans", serifFamily: "Noto Serif", scale: 1, glyphs: nil)
/// if let t = layouts.shaped("víctimas", TextStyle(size: 10)) { layouts.show(t, "víctimas", cr) }
/// ```
final class PangoLayoutCache {
    struct Shaped {
        enum Drawing {
            case glyphs(GlyphRun, font: UnsafeMutablePointer<PangoFont>)
            case layout(OpaquePointer)
        }
        let drawing: Drawing
        /// The logical width and the first line's baseline, in user units.
        let width: Double
        let baseline: Double

        /// The glyphs, when the text is one run of its style's font.
        var run: GlyphRun? {
            if case .glyphs(let run, _) = drawing { return run }
            return nil
        }
    }

    /// Beyond this many texts the layouts kept are freed and shaping starts over.
    static let limit = 8_192

    private let context: OpaquePointer?
    private let family: String
    private let serifFamily: String
    private let scale: Double
    private let glyphs: GlyphCache?
    private var shaped: [ShapedText: Shaped] = [:]
    private var fonts: [FontKey: UnsafeMutablePointer<PangoFont>?] = [:]

    init(_ cr: OpaquePointer, family: String, serifFamily: String, scale: Double, glyphs: GlyphCache?) {
        self.family = family
        self.serifFamily = serifFamily
        self.scale = scale
        // Glyphs shaped in other families are not these.
        self.glyphs = glyphs.flatMap { $0.fontFamily == family && $0.serifFamily == serifFamily ? $0 : nil }
        FontConfiguration.forFamilies([family, serifFamily]).useOnThisThread()
        context = pango_cairo_create_context(cr)
        ccairo_exact_text(context)
    }

    deinit {
        removeAll()
        for case let font? in fonts.values { g_object_unref(UnsafeMutableRawPointer(font)) }
        if let context { g_object_unref(UnsafeMutableRawPointer(context)) }
    }

    private func removeAll() {
        for s in shaped.values {
            if case .layout(let layout) = s.drawing { g_object_unref(UnsafeMutableRawPointer(layout)) }
        }
        shaped.removeAll()
    }

    /// The font Pango sets most of a text in this style with (the first of its fontset).
    private func font(_ style: TextStyle) -> UnsafeMutablePointer<PangoFont>? {
        let key = FontKey(style)
        if let known = fonts[key] { return known }
        var font: UnsafeMutablePointer<PangoFont>?
        if let context, let description = PangoText.description(style, family: family, serifFamily: serifFamily) {
            font = pango_context_load_font(context, description)
            pango_font_description_free(description)
        }
        fonts[key] = font
        return font
    }

    /// `text` in `style` (its colour and anchor aside), shaped the first time it is asked for.
    func shaped(_ text: String, _ style: TextStyle) -> Shaped? {
        let key = ShapedText(text, style)
        if let known = shaped[key] { return known }
        let s: Shaped
        let glyphKey = GlyphCache.Key(text: key, scale: scale)
        if let run = glyphs?.run(glyphKey), let font = font(style) {
            s = Shaped(drawing: .glyphs(run, font: font), width: run.width, baseline: run.baseline)
        } else {
            guard let context, let layout = pango_layout_new(context) else { return nil }
            PangoText.configure(layout, text, style: style, family: family, serifFamily: serifFamily)
            var ink = PangoRectangle()
            var logical = PangoRectangle()
            pango_layout_get_extents(layout, &ink, &logical)
            let units = Double(ccairo_pango_scale())
            let width = Double(logical.width) / units
            let baseline = Double(pango_layout_get_baseline(layout)) / units
            if let font = font(style), let run = GlyphRun(layout, font: font, width: width, baseline: baseline) {
                g_object_unref(UnsafeMutableRawPointer(layout))
                glyphs?.add(run, for: glyphKey)
                s = Shaped(drawing: .glyphs(run, font: font), width: width, baseline: baseline)
            } else {
                s = Shaped(drawing: .layout(layout), width: width, baseline: baseline)
            }
        }
        if shaped.count >= Self.limit { removeAll() }
        shaped[key] = s
        return s
    }

    /// Draws `shaped` (of `text`) with its top-left corner's x and its first baseline at `x`, `y`.
    func show(_ shaped: Shaped, _ text: String, x: Double, baseline y: Double, _ cr: OpaquePointer) {
        switch shaped.drawing {
        case .glyphs(let run, let font):
            cairo_move_to(cr, x, y)
            run.show(cr, text, font: font)
        case .layout(let layout):
            cairo_move_to(cr, x, y - shaped.baseline)
            pango_cairo_show_layout(cr, layout)
        }
    }
}
