import CCairo
import Drawing

/// A frame as an SVG document, written here rather than through Cairo's SVG surface (which writes
/// every glyph's outline again in each file, its numbers through `printf`: most of a chart's SVG time
/// and size). Shapes are SVG's own elements; text is its glyphs' outlines (the fonts are not needed to
/// see it, and it looks as in the PNG and the PDF), each outline defined once per document and placed
/// with `<use>`, the text itself kept in `aria-label` for screen readers and search. The bytes depend
/// on the frame alone: glyph ids are numbered from 1 in order of first use.
///
/// ```swift
/// let svg = SVGWriter(layouts: layouts, outlines: .shared, family: "Noto Sans", serifFamily: "Noto Serif", cr: scratch)
///     .document(frame)
/// ```
struct SVGWriter {
    let layouts: PangoLayoutCache
    let outlines: GlyphOutlines
    let family: String
    let serifFamily: String
    /// A context for working out outlines (identity transformation; its path is used and left empty).
    let cr: OpaquePointer

    /// The glyphs of a document with their ids (0: no outline), numbered from 1 as defined.
    private struct GlyphIds {
        var numbers: [GlyphOutlines.Key: Int] = [:]
        var defined = 0

        /// The glyph's id, its outline (`outline()`) defined in `defs` the first time; 0 for a glyph with
        /// no outline (a space), which is not placed.
        mutating func id(_ key: GlyphOutlines.Key, _ defs: inout SVGBuffer, outline: () -> [UInt8]) -> Int {
            if let known = numbers[key] { return known }
            let d = outline()
            guard !d.isEmpty else {
                numbers[key] = 0
                return 0
            }
            defined += 1
            numbers[key] = defined
            defs.append("<path id=\"g")
            defs.integer(defined)
            defs.append("\" d=\"")
            defs.append(d)
            defs.append("\"/>\n")
            return defined
        }
    }

    /// Decimals of positions and sizes (a hundredth of a point).
    static let decimals = 2

    func document(_ frame: Frame) -> [UInt8] {
        var body = SVGBuffer(capacity: 16_384)
        var defs = SVGBuffer(capacity: 16_384)
        var ids = GlyphIds()
        for item in frame.items {
            switch item {
            case .rect(let r, let fill, let stroke, _):
                let x = r.width < 0 ? r.x + r.width : r.x
                let y = r.height < 0 ? r.y + r.height : r.y
                body.append("<rect x=\"")
                number(x, &body)
                body.append("\" y=\"")
                number(y, &body)
                body.append("\" width=\"")
                number(abs(r.width), &body)
                body.append("\" height=\"")
                number(abs(r.height), &body)
                body.append("\"")
                paint("fill", fill, &body)
                if let stroke {
                    paint("stroke", stroke, &body)
                    body.append(" stroke-width=\"1\"")
                }
                body.append("/>\n")
            case .line(let points, let stroke, let width, let dashed):
                // A single point strokes nothing (as on Cairo's surfaces).
                guard points.count > 1 else { continue }
                body.append("<polyline points=\"")
                for (k, p) in points.enumerated() {
                    if k > 0 { body.byte(UInt8(ascii: " ")) }
                    number(p.x, &body)
                    body.byte(UInt8(ascii: ","))
                    number(p.y, &body)
                }
                body.append("\" fill=\"none\"")
                paint("stroke", stroke, &body)
                body.append(" stroke-width=\"")
                number(width, &body)
                body.append("\" stroke-linejoin=\"round\"")
                if dashed { body.append(" stroke-dasharray=\"4 3\"") }
                body.append("/>\n")
            case .circle(let c, let radius, let fill):
                body.append("<circle cx=\"")
                number(c.x, &body)
                body.append("\" cy=\"")
                number(c.y, &body)
                body.append("\" r=\"")
                number(radius, &body)
                body.append("\"")
                paint("fill", fill, &body)
                body.append("/>\n")
            case .text(let s, let p, let style):
                guard let shaped = layouts.shaped(s, style) else { continue }
                let x = style.start(at: p.x, width: shaped.width)
                text(s, style, shaped, x: x, baseline: p.y, &body, &defs, &ids)
            case .destination, .link:
                // Places and links inside a document: an SVG picture has neither.
                continue
            }
        }
        var out = SVGBuffer(capacity: body.bytes.count + defs.bytes.count + 512)
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        out.append(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"")
        number(frame.width, &out)
        out.append("pt\" height=\"")
        number(frame.height, &out)
        out.append("pt\" viewBox=\"0 0 ")
        number(frame.width, &out)
        out.byte(UInt8(ascii: " "))
        number(frame.height, &out)
        out.append("\" version=\"1.1\">\n")
        if !defs.isEmpty {
            out.append("<defs>\n")
            out.append(defs)
            out.append("</defs>\n")
        }
        out.append(body)
        out.append("</svg>\n")
        return out.bytes
    }

    private func number(_ v: Double, _ out: inout SVGBuffer) { out.number(v, decimals: Self.decimals) }

    /// ` fill="#rrggbb"` (or stroke), with its opacity when not opaque.
    private func paint(_ attribute: StaticString, _ c: Color, _ out: inout SVGBuffer) {
        out.byte(UInt8(ascii: " "))
        out.append(attribute)
        out.append("=\"")
        out.color(c)
        out.byte(UInt8(ascii: "\""))
        if c.alpha < 1 {
            out.byte(UInt8(ascii: " "))
            out.append(attribute)
            out.append("-opacity=\"")
            out.number(max(c.alpha, 0), decimals: 3)
            out.byte(UInt8(ascii: "\""))
        }
    }

    private static let unknownGlyph: UInt32 = 0x1000_0000
    private static let emptyGlyph: UInt32 = 0x0FFF_FFFF

    /// A text as its glyphs placed along the baseline: a group with the text's colour and words, one
    /// `<use>` per visible glyph of its outline (defined in `defs` at its first use). A text Pango set
    /// in several fonts or lines, or with a character no font has, is one path of its outlines.
    private func text(
        _ s: String, _ style: TextStyle, _ shaped: PangoLayoutCache.Shaped, x: Double, baseline y: Double,
        _ body: inout SVGBuffer, _ defs: inout SVGBuffer, _ ids: inout GlyphIds
    ) {
        let units = Double(ccairo_pango_scale())
        switch shaped.drawing {
        case .glyphs(let run, let font) where !run.glyphs.contains(where: { $0.glyph & Self.unknownGlyph != 0 }):
            body.append("<g")
            paint("fill", style.color, &body)
            body.append(" aria-label=\"")
            body.escaped(s)
            body.append("\">\n")
            var advance = 0.0
            let fontKey = FontKey(style)
            let familia = style.serif ? serifFamily : family
            for g in run.glyphs {
                defer { advance += Double(g.geometry.width) / units }
                guard g.glyph != Self.emptyGlyph else { continue }
                let key = GlyphOutlines.Key(family: familia, font: fontKey, glyph: g.glyph)
                let id = ids.id(key, &defs) { outlines.path(key, font: font, cr: cr) }
                guard id > 0 else { continue }
                body.append("<use xlink:href=\"#g")
                body.integer(id)
                body.append("\" x=\"")
                number(x + advance + Double(g.geometry.x_offset) / units, &body)
                body.append("\" y=\"")
                number(y + Double(g.geometry.y_offset) / units, &body)
                body.append("\"/>\n")
            }
            body.append("</g>\n")
        case .glyphs(let run, let font):
            cairo_new_path(cr)
            cairo_move_to(cr, x, y)
            run.glyphs.withUnsafeBufferPointer { g in
                run.clusters.withUnsafeBufferPointer { c in
                    ccairo_glyphs_path(cr, font, g.baseAddress, c.baseAddress, Int32(g.count))
                }
            }
            outlinePath(s, style, &body)
        case .layout(let layout):
            cairo_new_path(cr)
            cairo_move_to(cr, x, y - shaped.baseline)
            pango_cairo_layout_path(cr, layout)
            outlinePath(s, style, &body)
        }
    }

    /// The path on `cr` as one `<path>` of the text's colour, and the path emptied.
    private func outlinePath(_ s: String, _ style: TextStyle, _ body: inout SVGBuffer) {
        let d = GlyphOutlines.pathData(cr, decimals: GlyphOutlines.decimals)
        cairo_new_path(cr)
        guard !d.isEmpty else { return }
        body.append("<path d=\"")
        body.append(d)
        body.append("\"")
        paint("fill", style.color, &body)
        body.append(" aria-label=\"")
        body.escaped(s)
        body.append("\"/>\n")
    }
}
