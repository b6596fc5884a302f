import CCairo
import Drawing
import Foundation
import Testing

@testable import CairoOutput

/// Our PNG writer gives back, read by Cairo's own PNG reader, exactly the pixels Cairo's writer does.
@Suite("PNG propio")
struct PNGEncoderTests {
    func pixeles(_ url: URL) throws -> [UInt8] {
        let s = try #require(cairo_image_surface_create_from_png(url.path))
        defer { cairo_surface_destroy(s) }
        #expect(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS)
        let n = Int(cairo_image_surface_get_stride(s)) * Int(cairo_image_surface_get_height(s))
        let data = try #require(cairo_image_surface_get_data(s))
        return Array(UnsafeBufferPointer(start: data, count: n))
    }

    @Test(arguments: [true, false]) func mismosPixelesQueCairo(opaco: Bool) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("png-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let surface = try #require(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 301, 97))
        defer { cairo_surface_destroy(surface) }
        let cr = try #require(cairo_create(surface))
        if opaco {
            cairo_set_source_rgb(cr, 1, 1, 1)
            cairo_paint(cr)
        }
        var frame = Frame(width: 301, height: 97)
        frame.items.append(
            .rect(
                Rect(x: 10, y: 10, width: 120, height: 50), fill: Color(red: 0.2, green: 0.4, blue: 0.7, alpha: 0.6),
                stroke: nil, tag: nil))
        frame.items.append(
            .text("Víctimas 12,345", position: Point(140, 40), style: TextStyle(size: 14, bold: true)))
        let renderer = CairoRenderer()
        renderer.draw(frame, cr, renderer.layouts(cr))
        cairo_destroy(cr)
        cairo_surface_flush(surface)
        let nuestro = dir.appendingPathComponent("nuestro.png")
        let deCairo = dir.appendingPathComponent("cairo.png")
        try PNGEncoder.write(surface, to: nuestro)
        #expect(cairo_surface_write_to_png(surface, deCairo.path) == CAIRO_STATUS_SUCCESS)
        let a = try pixeles(nuestro)
        #expect(a.count == 301 * 4 * 97)
        #expect(a == (try pixeles(deCairo)))
        // Colour type 2 (RGB) when every pixel is opaque, 6 (RGBA) otherwise.
        #expect(try Data(contentsOf: nuestro)[25] == (opaco ? 2 : 6))
        #expect(a.contains { $0 != 0 && $0 != 255 })
    }
}
