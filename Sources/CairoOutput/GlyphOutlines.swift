import CCairo
import Foundation

/// Glyph outlines as SVG path data, each worked out once per process (by font and glyph) and shared by
/// every SVG drawn on any thread: a chart names each glyph's outline once and places it wherever the
/// glyph goes, and the next chart takes the outlines from here instead of from the font again.
///
/// ```swift
/// let d = GlyphOutlines.shared.path(key, font: font, cr: scratch)  // "M1.219 0L1.219 -9.281…Z"
/// ```
final class GlyphOutlines: @unchecked Sendable {
    /// A glyph of a style's font, in the family the style sets it in (the outline is in user units, the
    /// glyph's origin at 0, 0).
    struct Key: Hashable {
        var family: String
        var font: FontKey
        var glyph: UInt32
    }

    static let shared = GlyphOutlines()
    /// Beyond this many outlines the ones kept are dropped and working them out starts over.
    static let limit = 50_000
    /// Decimals of an outline's coordinates (a thousandth of a point).
    static let decimals = 3

    private let lock = NSLock()
    private var paths: [Key: [UInt8]] = [:]

    /// The outline of `key.glyph` in `font` (the font `key` names), worked out on `cr` (a context whose
    /// path is used and left empty, its transformation the identity) the first time it is asked for.
    func path(_ key: Key, font: UnsafeMutablePointer<PangoFont>, cr: OpaquePointer) -> [UInt8] {
        lock.lock()
        let known = paths[key]
        lock.unlock()
        if let known { return known }
        var d: [UInt8] = []
        if let scaled = pango_cairo_font_get_scaled_font(OpaquePointer(font)) {
            cairo_new_path(cr)
            cairo_set_scaled_font(cr, scaled)
            var glyph = cairo_glyph_t(index: UInt(key.glyph), x: 0, y: 0)
            cairo_glyph_path(cr, &glyph, 1)
            d = Self.pathData(cr, decimals: Self.decimals)
            cairo_new_path(cr)
        }
        lock.lock()
        if paths.count >= Self.limit { paths.removeAll(keepingCapacity: true) }
        paths[key] = d
        lock.unlock()
        return d
    }

    /// The current path of `cr` as SVG path data (`M`, `L`, `C`, `Z`); a move that starts nothing (the
    /// one Cairo adds after closing a contour) is left out.
    static func pathData(_ cr: OpaquePointer, decimals: Int) -> [UInt8] {
        guard let path = cairo_copy_path(cr) else { return [] }
        defer { cairo_path_destroy(path) }
        guard path.pointee.status == CAIRO_STATUS_SUCCESS, let data = path.pointee.data else { return [] }
        let count = Int(path.pointee.num_data)
        var out = SVGBuffer(capacity: count * 12)
        func point(_ k: Int) {
            out.number(data[k].point.x, decimals: decimals)
            out.byte(UInt8(ascii: " "))
            out.number(data[k].point.y, decimals: decimals)
        }
        var i = 0
        while i < count {
            let header = data[i].header
            let length = max(Int(header.length), 1)
            switch header.type {
            case CAIRO_PATH_MOVE_TO:
                let next = i + length
                if next < count, data[next].header.type != CAIRO_PATH_MOVE_TO {
                    out.byte(UInt8(ascii: "M"))
                    point(i + 1)
                }
            case CAIRO_PATH_LINE_TO:
                out.byte(UInt8(ascii: "L"))
                point(i + 1)
            case CAIRO_PATH_CURVE_TO:
                out.byte(UInt8(ascii: "C"))
                point(i + 1)
                out.byte(UInt8(ascii: " "))
                point(i + 2)
                out.byte(UInt8(ascii: " "))
                point(i + 3)
            case CAIRO_PATH_CLOSE_PATH:
                out.byte(UInt8(ascii: "Z"))
            default:
                break
            }
            i += length
        }
        return out.bytes
    }
}
