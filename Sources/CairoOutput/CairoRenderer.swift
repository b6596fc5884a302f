import CCairo
import Drawing
import Foundation

/// Draws frames with Cairo (text through Pango) to PNG, SVG or PDF. The only module that touches
/// Cairo. Files are written to a temporary name and renamed.
///
/// ```swift
/// let renderer = CairoRenderer()
/// try renderer.writePNG(frame, to: URL(fileURLWithPath: "grafica.png"), scale: 2)
/// ```
public struct CairoRenderer: Sendable {
    /// The font family (from Debian's fonts-noto-core).
    public var fontFamily: String
    public var serifFamily: String
    /// Texts shaped on any surface this renderer draws (and by earlier processes, when loaded): each
    /// text is shaped once. Nil shapes each text once per surface.
    public var glyphs: GlyphCache?

    public init(fontFamily: String = "Noto Sans", serifFamily: String = "Noto Serif") {
        self.fontFamily = fontFamily
        self.serifFamily = serifFamily
    }

    /// Numbers for Cairo's tag attributes, always with a dot (Cairo parses them with the C locale).
    static func numero(_ v: Double) -> String { String(format: "%.2f", locale: nil, v) }

    public func writePNG(_ frame: Frame, to url: URL, scale: Double = 2) throws {
        let w = Int32((frame.width * scale).rounded())
        let h = Int32((frame.height * scale).rounded())
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h) else {
            throw CairoError("superficie PNG")
        }
        defer { cairo_surface_destroy(surface) }
        guard let cr = cairo_create(surface) else { throw CairoError("contexto PNG") }
        defer { cairo_destroy(cr) }
        cairo_scale(cr, scale, scale)
        draw(frame, cr, layouts(cr, scale: scale))
        cairo_surface_flush(surface)
        try atomically(url) { temporary in try PNGEncoder.write(surface, to: temporary) }
    }

    /// Loads, on this thread, the fonts of `styles` as PNG at `scale` and SVG draw them (rasterizing
    /// digits and common letters), drawing to no file: a thread that waits for work can do this before
    /// its first chart. The glyphs it shapes are not kept in ``glyphs``.
    ///
    /// ```swift
    /// renderer.warmUp([TextStyle(size: 8.5)], scale: 2)
    /// ```
    public func warmUp(_ styles: [TextStyle], scale: Double) {
        // Shaped for the fonts' sake only: nothing of it goes into the glyphs kept.
        var renderer = self
        renderer.glyphs = nil
        renderer.warmUpFonts(styles, scale: scale)
    }

    private func warmUpFonts(_ styles: [TextStyle], scale: Double) {
        var frame = Frame(width: 200, height: 20 * Double(styles.count + 1))
        for (k, style) in styles.enumerated() {
            frame.items.append(
                .text("Víctimas 0123456789 (%) áéíóú ñ", position: Point(4, 20 * Double(k + 1)), style: style))
        }
        if let surface = cairo_image_surface_create(
            CAIRO_FORMAT_ARGB32, Int32(frame.width * scale), Int32(frame.height * scale))
        {
            if let cr = cairo_create(surface) {
                cairo_scale(cr, scale, scale)
                draw(frame, cr, layouts(cr, scale: scale))
                cairo_destroy(cr)
            }
            cairo_surface_destroy(surface)
        }
        // No file: the SVG's outlines of these glyphs are kept for the charts.
        _ = try? svgDocument(frame)
    }

    /// The frame as an SVG document (see ``SVGWriter``), written to a temporary name and renamed.
    public func writeSVG(_ frame: Frame, to url: URL) throws {
        let svg = try svgDocument(frame)
        try atomically(url) { temporary in try PlainFile.write(svg, to: temporary) }
    }

    /// The bytes of the frame's SVG: its texts shaped (or taken from ``glyphs``) on a scratch context,
    /// their glyphs' outlines from ``GlyphOutlines/shared``.
    func svgDocument(_ frame: Frame) throws -> [UInt8] {
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1) else {
            throw CairoError("superficie SVG")
        }
        defer { cairo_surface_destroy(surface) }
        guard let cr = cairo_create(surface) else { throw CairoError("contexto SVG") }
        defer { cairo_destroy(cr) }
        return SVGWriter(
            layouts: layouts(cr), outlines: .shared, family: fontFamily, serifFamily: serifFamily, cr: cr
        ).document(frame)
    }

    /// One frame per page; `metadata` (title, author, dates…) makes the bytes reproducible;
    /// `outline` becomes the PDF's bookmarks.
    public func writePDF(
        _ frames: [Frame], to url: URL, metadata: [PDFMetadata: String] = [:], outline: [OutlineEntry] = []
    ) throws {
        guard let first = frames.first else { return }
        try atomically(url) { temporary in
            guard let surface = cairo_pdf_surface_create(temporary.path, first.width, first.height) else {
                throw CairoError("superficie PDF")
            }
            for (key, value) in metadata { cairo_pdf_surface_set_metadata(surface, key.cairo, value) }
            guard let cr = cairo_create(surface) else {
                cairo_surface_destroy(surface)
                throw CairoError("contexto PDF")
            }
            // One set of shaped texts for the whole document: a word is shaped once, on any page.
            let shaped = layouts(cr)
            for frame in frames {
                cairo_pdf_surface_set_size(surface, frame.width, frame.height)
                draw(frame, cr, shaped)
                cairo_show_page(cr)
            }
            var padres: [Int: Int32] = [0: Int32(CAIRO_PDF_OUTLINE_ROOT)]
            for entry in outline {
                let padre = padres[entry.level - 1] ?? Int32(CAIRO_PDF_OUTLINE_ROOT)
                let id = cairo_pdf_surface_add_outline(
                    surface, padre, entry.title, "dest='\(entry.destination)'", cairo_pdf_outline_flags_t(rawValue: 0))
                padres[entry.level] = id
            }
            cairo_destroy(cr)
            cairo_surface_finish(surface)
            let status = cairo_surface_status(surface)
            cairo_surface_destroy(surface)
            guard status == CAIRO_STATUS_SUCCESS else { throw CairoError("escribir PDF") }
            // Internal links, added after Cairo (see PDFLinks).
            var destinations: [String: (Int, Point)] = [:]
            for (i, frame) in frames.enumerated() {
                for case .destination(let name, let p) in frame.items { destinations[name] = (i, p) }
            }
            var links: [PDFLinks.Link] = []
            for (i, frame) in frames.enumerated() {
                for case .link(let r, let name) in frame.items {
                    if let (page, point) = destinations[name] {
                        links.append(.init(page: i, rect: r, targetPage: page, target: point))
                    }
                }
            }
            try PDFLinks.add(links, to: temporary, pageHeights: frames.map(\.height))
        }
    }

    func atomically(_ url: URL, _ body: (URL) throws -> Void) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        try body(temporary)
        guard rename(temporary.path, url.path) == 0 else { throw CairoError("renombrar \(url.lastPathComponent)") }
    }

    func set(_ c: Color, _ cr: OpaquePointer) { cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha) }

    /// The texts drawn on `cr` so far, shaped once each (made after `cr`'s transformation, `scale`, is set).
    func layouts(_ cr: OpaquePointer, scale: Double = 1) -> PangoLayoutCache {
        PangoLayoutCache(cr, family: fontFamily, serifFamily: serifFamily, scale: scale, glyphs: glyphs)
    }

    func draw(_ frame: Frame, _ cr: OpaquePointer, _ layouts: PangoLayoutCache) {
        for item in frame.items {
            switch item {
            case .rect(let r, let fill, let stroke, _):
                cairo_rectangle(cr, r.x, r.y, r.width, r.height)
                set(fill, cr)
                if let stroke {
                    cairo_fill_preserve(cr)
                    set(stroke, cr)
                    cairo_set_line_width(cr, 1)
                    cairo_stroke(cr)
                } else {
                    cairo_fill(cr)
                }
            case .line(let points, let stroke, let width, let dashed):
                guard let p0 = points.first else { continue }
                cairo_new_path(cr)
                cairo_move_to(cr, p0.x, p0.y)
                for p in points.dropFirst() { cairo_line_to(cr, p.x, p.y) }
                set(stroke, cr)
                cairo_set_line_width(cr, width)
                cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
                if dashed {
                    var dashes: [Double] = [4, 3]
                    cairo_set_dash(cr, &dashes, 2, 0)
                }
                cairo_stroke(cr)
                cairo_set_dash(cr, nil, 0, 0)
            case .circle(let c, let radius, let fill):
                cairo_new_path(cr)
                cairo_arc(cr, c.x, c.y, radius, 0, 2 * .pi)
                set(fill, cr)
                cairo_fill(cr)
            case .destination(let name, let p):
                cairo_tag_begin(cr, CAIRO_TAG_DEST, "name='\(name)' x=\(Self.numero(p.x)) y=\(Self.numero(p.y))")
                cairo_tag_end(cr, CAIRO_TAG_DEST)
            case .link:
                // Cairo 1.16 (Debian 12) writes a damaged PDF (a link annotation object referenced but
                // never written) for internal links: writePDF adds them afterwards (PDFLinks).
                continue
            case .text(let s, let p, let style):
                guard let shaped = layouts.shaped(s, style) else { continue }
                let x = style.start(at: p.x, width: shaped.width)
                set(style.color, cr)
                layouts.show(shaped, s, x: x, baseline: p.y, cr)
            }
        }
    }
}

/// PDF document metadata keys.
public enum PDFMetadata: Sendable, Hashable {
    case title, author, subject, keywords, creator, createDate, modDate

    var cairo: cairo_pdf_metadata_t {
        switch self {
        case .title: return CAIRO_PDF_METADATA_TITLE
        case .author: return CAIRO_PDF_METADATA_AUTHOR
        case .subject: return CAIRO_PDF_METADATA_SUBJECT
        case .keywords: return CAIRO_PDF_METADATA_KEYWORDS
        case .creator: return CAIRO_PDF_METADATA_CREATOR
        case .createDate: return CAIRO_PDF_METADATA_CREATE_DATE
        case .modDate: return CAIRO_PDF_METADATA_MOD_DATE
        }
    }
}

struct CairoError: Error, CustomStringConvertible {
    var description: String
    init(_ what: String) { description = "Error de Cairo al \(what)." }
}

/// Pango layout set-up shared by drawing and measuring.
enum PangoText {
    static func configure(
        _ layout: OpaquePointer, _ text: String, style: TextStyle, family: String, serifFamily: String
    ) {
        configure(
            layout, text, size: style.size, bold: style.bold, italic: style.italic,
            family: style.serif ? serifFamily : family)
    }

    static func configure(
        _ layout: OpaquePointer, _ text: String, size: Double, bold: Bool, italic: Bool = false, family: String
    ) {
        guard let description = description(size: size, bold: bold, italic: italic, family: family) else { return }
        pango_layout_set_font_description(layout, description)
        pango_font_description_free(description)
        pango_layout_set_text(layout, text, -1)
    }

    /// The font description of `style` (free it with `pango_font_description_free`).
    static func description(_ style: TextStyle, family: String, serifFamily: String) -> OpaquePointer? {
        description(
            size: style.size, bold: style.bold, italic: style.italic, family: style.serif ? serifFamily : family)
    }

    static func description(size: Double, bold: Bool, italic: Bool, family: String) -> OpaquePointer? {
        guard let description = pango_font_description_new() else { return nil }
        pango_font_description_set_family(description, family)
        pango_font_description_set_weight(description, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_style(description, italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        // Absolute size: user-space units (points), independent of the 96-dpi default.
        pango_font_description_set_absolute_size(description, size * Double(ccairo_pango_scale()))
        return description
    }
}
