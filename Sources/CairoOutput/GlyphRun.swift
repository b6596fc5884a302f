import CCairo

/// A text shaped into one run of glyphs of one font, left to right: what Pango gives a one-line,
/// one-font layout, kept without the layout. Drawn with ``show(_:_:font:)`` at its baseline; its
/// glyphs and their positions do not depend on the surface (text is laid out unhinted, see
/// `ccairo_exact_text`).
///
/// ```swift
/// if let run = GlyphRun(layout, font: font, width: 42.5, baseline: 9.3) { run.show(cr, "víctimas", font: font) }
/// ```
struct GlyphRun: @unchecked Sendable, Equatable {
    /// The logical width and the baseline below the top, in user units (the layout's).
    var width: Double
    var baseline: Double
    /// How many characters (Unicode scalars) the text has.
    var characters: Int32
    var glyphs: [PangoGlyphInfo]
    /// Each glyph's byte offset into the text (its cluster).
    var clusters: [Int32]

    init(width: Double, baseline: Double, characters: Int32, glyphs: [PangoGlyphInfo], clusters: [Int32]) {
        self.width = width
        self.baseline = baseline
        self.characters = characters
        self.glyphs = glyphs
        self.clusters = clusters
    }

    /// The glyphs of `layout` when it is one line set in one run of `font` (nil when it is not: a
    /// character from a fallback font, a right-to-left text, several lines).
    init?(_ layout: OpaquePointer, font: UnsafeMutablePointer<PangoFont>, width: Double, baseline: Double) {
        var characters: Int32 = 0
        var glyphs: UnsafePointer<PangoGlyphInfo>?
        var clusters: UnsafePointer<Int32>?
        let count = ccairo_layout_glyphs(layout, font, &characters, &glyphs, &clusters)
        guard count > 0, let glyphs, let clusters else { return nil }
        // Field by field: the bits of the visual attributes past its two flags are not set by Pango,
        // and a kept run must not carry whatever they held.
        let copied = UnsafeBufferPointer(start: glyphs, count: Int(count)).map { g in
            var info = PangoGlyphInfo()
            info.glyph = g.glyph
            info.geometry = g.geometry
            info.attr.is_cluster_start = g.attr.is_cluster_start
            info.attr.is_color = g.attr.is_color
            return info
        }
        self.init(
            width: width, baseline: baseline, characters: characters, glyphs: copied,
            clusters: Array(UnsafeBufferPointer(start: clusters, count: Int(count))))
    }

    /// Draws the glyphs of `text` in `font` with their baseline at the current point.
    func show(_ cr: OpaquePointer, _ text: String, font: UnsafeMutablePointer<PangoFont>) {
        var text = text
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                glyphs.withUnsafeBufferPointer { g in
                    clusters.withUnsafeBufferPointer { c in
                        ccairo_show_glyphs(
                            cr, font, chars.baseAddress, Int32(chars.count), characters, g.baseAddress, c.baseAddress,
                            Int32(g.count))
                    }
                }
            }
        }
    }

    static func == (a: GlyphRun, b: GlyphRun) -> Bool {
        a.width == b.width && a.baseline == b.baseline && a.characters == b.characters && a.clusters == b.clusters
            && a.glyphs.count == b.glyphs.count
            && a.glyphs.withUnsafeBytes { x in b.glyphs.withUnsafeBytes { y in x.elementsEqual(y) } }
    }
}
