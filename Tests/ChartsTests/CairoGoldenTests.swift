import CCairo
import CairoOutput
import Charts
import Drawing
import Foundation
import Testing

/// Renders with Cairo/Pango and compares with committed golden PNGs, with a tolerance.
@Suite("Charts: Cairo output")
struct CairoGoldenTests {
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func chart() -> ChartSpec {
        var c = ChartSpec(
            title: "Víctimas identificadas por sexo", subtitle: "Registros, 2017",
            source: "Fuente: datos de prueba, 2017.",
            categories: ["Mujer", "Hombre", "No especificado"],
            series: [Series(name: "2017", values: [838, 155, nil], suppressed: [false, false, true])])
        c.kind = .bars(horizontal: false, stacking: .grouped)
        return c
    }

    /// Mean absolute difference per channel (0–255) between two PNG files of the same size.
    func diferencia(_ a: URL, _ b: URL) -> Double? {
        guard let sa = cairo_image_surface_create_from_png(a.path), let sb = cairo_image_surface_create_from_png(b.path)
        else { return nil }
        defer {
            cairo_surface_destroy(sa)
            cairo_surface_destroy(sb)
        }
        let w = cairo_image_surface_get_width(sa)
        let h = cairo_image_surface_get_height(sa)
        guard w == cairo_image_surface_get_width(sb), h == cairo_image_surface_get_height(sb), w > 0,
            let da = cairo_image_surface_get_data(sa), let db = cairo_image_surface_get_data(sb)
        else { return nil }
        let n = Int(cairo_image_surface_get_stride(sa)) * Int(h)
        var total = 0
        for i in 0..<n { total += abs(Int(da[i]) - Int(db[i])) }
        return Double(total) / Double(n)
    }

    @Test func pngDeterministaYParecidoAlDorado() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let frame = ChartLayout(measurer: PangoTextMeasurer()).layout(chart(), width: 480, height: 300)
        let renderer = CairoRenderer()
        let a = dir.appendingPathComponent("a.png")
        let b = dir.appendingPathComponent("b.png")
        try renderer.writePNG(frame, to: a, scale: 1)
        try renderer.writePNG(frame, to: b, scale: 1)
        #expect(try Data(contentsOf: a) == Data(contentsOf: b), "la misma gráfica da los mismos bytes")
        let svg = dir.appendingPathComponent("a.svg")
        try renderer.writeSVG(frame, to: svg)
        #expect(try String(contentsOf: svg, encoding: .utf8).contains("<svg"))
        let dorado = Self.goldens.appendingPathComponent("barras-sexo.png")
        if ProcessInfo.processInfo.environment["INFORME_ACTUALIZAR_DORADOS"] != nil {
            try FileManager.default.createDirectory(at: Self.goldens, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: dorado)
            try FileManager.default.copyItem(at: a, to: dorado)
        }
        let d = try #require(diferencia(a, dorado), "falta el PNG dorado o no tiene el mismo tamaño")
        #expect(d < 2.0, "diferencia media por canal: \(d)")
    }

    @Test func pdfConMetadatosEsReproducible() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let frame = ChartLayout(measurer: PangoTextMeasurer()).layout(chart(), width: 480, height: 300)
        let meta: [PDFMetadata: String] = [
            .title: "Prueba", .createDate: "2018-03-01T00:00:00Z", .modDate: "2018-03-01T00:00:00Z",
        ]
        let a = dir.appendingPathComponent("a.pdf")
        let b = dir.appendingPathComponent("b.pdf")
        try CairoRenderer().writePDF([frame, frame], to: a, metadata: meta)
        try CairoRenderer().writePDF([frame, frame], to: b, metadata: meta)
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
        #expect(try Data(contentsOf: a).prefix(5) == Data("%PDF-".utf8))
    }
}
