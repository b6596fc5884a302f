import CCairo
import Drawing

/// The Pango layouts of the texts drawn on one Cairo context, by text and style: a text drawn again
/// (the prose of a report repeats most of its words, set one by one when justified) is shaped once
/// and shown again wherever it goes. All of them share one Pango context, made from the Cairo
/// context after its transformation is set, as `pango_cairo_create_layout` would.
///
/// ```swift
/// let layouts = PangoLayoutCache(cr, family: "Noto Sans", serifFamily: "Noto Serif")
/// if let t = layouts.shaped("víctimas", TextStyle(size: 10)) { pango_cairo_show_layout(cr, t.layout) }
/// ```
final class PangoLayoutCache {
    struct Shaped {
        let layout: OpaquePointer
        /// The logical width and the first line's baseline, in user units.
        let width: Double
        let baseline: Double
    }

    /// Beyond this many texts the layouts kept are freed and shaping starts over.
    static let limit = 8_192

    private let context: OpaquePointer?
    private let family: String
    private let serifFamily: String
    private var shaped: [ShapedText: Shaped] = [:]

    init(_ cr: OpaquePointer, family: String, serifFamily: String) {
        self.family = family
        self.serifFamily = serifFamily
        FontConfiguration.forFamilies([family, serifFamily]).useOnThisThread()
        context = pango_cairo_create_context(cr)
        ccairo_exact_text(context)
    }

    deinit {
        removeAll()
        if let context { g_object_unref(UnsafeMutableRawPointer(context)) }
    }

    private func removeAll() {
        for s in shaped.values { g_object_unref(UnsafeMutableRawPointer(s.layout)) }
        shaped.removeAll()
    }

    /// `text` in `style` (its colour and anchor aside), shaped the first time it is asked for.
    func shaped(_ text: String, _ style: TextStyle) -> Shaped? {
        let key = ShapedText(text, style)
        if let known = shaped[key] { return known }
        guard let context, let layout = pango_layout_new(context) else { return nil }
        PangoText.configure(layout, text, style: style, family: family, serifFamily: serifFamily)
        var ink = PangoRectangle()
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, &ink, &logical)
        let scale = Double(ccairo_pango_scale())
        let s = Shaped(
            layout: layout, width: Double(logical.width) / scale,
            baseline: Double(pango_layout_get_baseline(layout)) / scale)
        if shaped.count >= Self.limit { removeAll() }
        shaped[key] = s
        return s
    }
}
