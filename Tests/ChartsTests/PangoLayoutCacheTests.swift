import CCairo
import Charts
import Drawing
import Foundation
import Testing

@testable import CairoOutput

/// Texts drawn on one Cairo context are shaped once each: the same text and style give the same
/// layout, with the width the measurer gives; another style is another layout. A thread that warmed
/// the chart fonts up draws the very same bytes.
@Suite("Textos formados una vez por superficie")
struct PangoLayoutCacheTests {
    @Test func mismoTextoYEstiloMismaFormaConElAnchoDelMedidor() throws {
        let superficie = try #require(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10))
        defer { cairo_surface_destroy(superficie) }
        let cr = try #require(cairo_create(superficie))
        defer { cairo_destroy(cr) }
        let glifos = GlyphCache()
        let cache = PangoLayoutCache(cr, family: "Noto Sans", serifFamily: "Noto Serif", scale: 1, glyphs: glifos)
        let medidor = PangoTextMeasurer()
        let estilos = [TextStyle(size: 10), TextStyle(size: 10, bold: true), TextStyle(size: 9.5, serif: true)]
        let textos = ["víctimas", "de", "12,345", "Informe Anual 2017"]
        for texto in textos {
            for estilo in estilos {
                let a = try #require(cache.shaped(texto, estilo))
                let b = try #require(cache.shaped(texto, estilo))
                let glifosA = try #require(a.run, "\(texto): una sola corrida de la fuente del estilo")
                #expect(glifosA.glyphs.count == texto.count, "\(texto): un glifo por letra, sin ligaduras aquí")
                #expect(glifosA.characters == Int32(texto.unicodeScalars.count))
                #expect(glifosA.clusters.first == 0)
                #expect(a.run == b.run)
                #expect(a.width == medidor.width(of: texto, style: estilo), "\(texto)")
                #expect(a.baseline > 0)
            }
            // Colour and anchor do not change the shape.
            var rojo = estilos[0]
            rojo.color = Color(hex: 0xCC0000)
            rojo.anchor = .end
            #expect(cache.shaped(texto, rojo)?.run == cache.shaped(texto, estilos[0])?.run)
            #expect(cache.shaped(texto, estilos[0])?.run != cache.shaped(texto, estilos[1])?.run)
        }
        // Each text in each style was shaped once, and given to the renderer's glyphs.
        #expect(glifos.shaped == textos.count * estilos.count)
        // A character none of the style's fonts has comes from the fallback font: the text is two runs
        // and is drawn from its Pango layout, with the same width the measurer gives.
        let mixto = try #require(cache.shaped("✓ listo", estilos[0]))
        #expect(mixto.run == nil)
        #expect(mixto.width == medidor.width(of: "✓ listo", style: estilos[0]))
        #expect(glifos.shaped == textos.count * estilos.count)
        // Nothing to shape is nothing to draw: no glyphs either.
        #expect(cache.shaped("", estilos[0])?.run == nil)
    }

    /// The PNG and SVG bytes of a chart drawn on a thread of its own, with or without warming up.
    func dibujar(calentando: Bool, en dir: URL) -> (Data?, Data?) {
        let hecho = DispatchSemaphore(value: 0)
        let png = dir.appendingPathComponent("g-\(calentando).png")
        let svg = dir.appendingPathComponent("g-\(calentando).svg")
        let hilo = Thread {
            let renderer = CairoRenderer()
            if calentando { renderer.warmUp(Theme().textStyles, scale: 2) }
            let spec = ChartSpec(
                title: "Víctimas identificadas por sexo", subtitle: "Registros, 2017", source: "Fuente: prueba.",
                categories: ["Mujer", "Hombre", "No especificado"],
                series: [Series(name: "2017", values: [1_234, 987, 12])])
            let frame = ChartLayout(measurer: PangoTextMeasurer()).layout(spec, width: 480, height: 300)
            try? renderer.writePNG(frame, to: png, scale: 2)
            try? renderer.writeSVG(frame, to: svg)
            hecho.signal()
        }
        hilo.start()
        hecho.wait()
        return (try? Data(contentsOf: png), try? Data(contentsOf: svg))
    }

    @Test func calentarLasFuentesNoCambiaLoQueSeDibuja() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("calentar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (png, svg) = dibujar(calentando: false, en: dir)
        let (pngCalentado, svgCalentado) = dibujar(calentando: true, en: dir)
        #expect(png != nil && (png?.count ?? 0) > 1_000)
        #expect(png == pngCalentado)
        #expect(svg != nil && svg == svgCalentado)
    }
}
