import CCairo
import Charts
import Drawing
import Foundation
import Testing

@testable import CairoOutput

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Numbers, colours and attribute text as the SVG writer puts them.
@Suite("Texto del SVG")
struct SVGBufferTests {
    func numero(_ v: Double, _ decimales: Int = 2) -> String {
        var b = SVGBuffer()
        b.number(v, decimals: decimales)
        return String(decoding: b.bytes, as: UTF8.self)
    }

    @Test func numerosConDecimalesFijosSinCerosAlFinal() {
        #expect(numero(12.5) == "12.5")
        #expect(numero(1200) == "1200")
        #expect(numero(0) == "0")
        #expect(numero(-3.25) == "-3.25")
        #expect(numero(2.999) == "3")
        #expect(numero(0.105, 3) == "0.105")
        #expect(numero(-9.28125, 3) == "-9.281")
        #expect(numero(7.0001, 3) == "7")
        #expect(numero(0.05, 2) == "0.05")
        // Rounded to nothing, the sign goes too; what is not a number is 0.
        #expect(numero(-0.004) == "0")
        #expect(numero(.nan) == "0")
        #expect(numero(.infinity) == "0")
        #expect(numero(1e12) == "0")
        #expect(numero(123_456_789.5, 1) == "123456789.5")
    }

    @Test func coloresYTextoEscapado() {
        var b = SVGBuffer()
        b.color(Color(hex: 0x0072B2))
        b.byte(UInt8(ascii: " "))
        b.color(Color(red: 1.2, green: -1, blue: 0.5))
        b.byte(UInt8(ascii: " "))
        b.escaped("a<b & \"c\" >\u{1}ñ")
        #expect(String(decoding: b.bytes, as: UTF8.self) == "#0072b2 #ff0080 a&lt;b &amp; &quot;c&quot; &gt; ñ")
    }
}

/// A frame written as SVG by our writer: shapes as SVG elements with the frame's numbers, text as its
/// glyphs' outlines where Pango puts its ink, each outline defined once per file, the same bytes
/// whatever was drawn before, and well-formed XML.
@Suite("SVG propio")
struct SVGWriterTests {
    func escribir(_ frame: Frame, _ renderer: CairoRenderer = CairoRenderer()) throws -> String {
        String(decoding: try renderer.svgDocument(frame), as: UTF8.self)
    }

    func coincidencias(_ texto: String, _ patron: String) -> [[String]] {
        guard let regex = try? NSRegularExpression(pattern: patron) else { return [] }
        let ns = texto as NSString
        return regex.matches(in: texto, range: NSRange(location: 0, length: ns.length)).map { m in
            (1..<m.numberOfRanges).map { ns.substring(with: m.range(at: $0)) }
        }
    }

    /// Well-formed XML (Foundation's parser), with how many elements of each name.
    func elementos(_ svg: String) throws -> [String: Int] {
        final class Contador: NSObject, XMLParserDelegate {
            var cuenta: [String: Int] = [:]
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]
            ) { cuenta[name, default: 0] += 1 }
        }
        let parser = XMLParser(data: Data(svg.utf8))
        let contador = Contador()
        parser.delegate = contador
        #expect(parser.parse(), "XML bien formado: \(parser.parserError.map { "\($0)" } ?? "")")
        return contador.cuenta
    }

    @Test func figurasComoElementosConLosNumerosDelMarco() throws {
        var frame = Frame(width: 480, height: 300)
        frame.items = [
            .rect(Rect(x: 0, y: 0, width: 480, height: 300), fill: .white, stroke: nil, tag: nil),
            .rect(
                Rect(x: 10.5, y: 20, width: 30.25, height: -5), fill: Color(hex: 0x0072B2, alpha: 0.5),
                stroke: Color(hex: 0x333333), tag: "barra"),
            .line([Point(1, 2), Point(3.333, 4), Point(5, 6)], stroke: .black, width: 1.5, dashed: true),
            .line([Point(9, 9)], stroke: .black, width: 1, dashed: false),
            .circle(center: Point(100, 50), radius: 3, fill: Color(hex: 0xD55E00)),
            .destination("seccion", position: Point(0, 0)),
        ]
        let svg = try escribir(frame)
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "))
        #expect(svg.contains("width=\"480pt\" height=\"300pt\" viewBox=\"0 0 480 300\""))
        #expect(svg.contains("<rect x=\"0\" y=\"0\" width=\"480\" height=\"300\" fill=\"#ffffff\"/>"))
        // A negative height is the same rectangle drawn upwards.
        #expect(
            svg.contains(
                "<rect x=\"10.5\" y=\"15\" width=\"30.25\" height=\"5\" fill=\"#0072b2\" fill-opacity=\"0.5\" "
                    + "stroke=\"#333333\" stroke-width=\"1\"/>"))
        #expect(
            svg.contains(
                "<polyline points=\"1,2 3.33,4 5,6\" fill=\"none\" stroke=\"#000000\" stroke-width=\"1.5\" "
                    + "stroke-linejoin=\"round\" stroke-dasharray=\"4 3\"/>"))
        #expect(svg.contains("<circle cx=\"100\" cy=\"50\" r=\"3\" fill=\"#d55e00\"/>"))
        let cuenta = try elementos(svg)
        // The one-point line strokes nothing; a destination is not drawn; no text, no definitions.
        #expect(cuenta["polyline"] == 1)
        #expect(cuenta["rect"] == 2)
        #expect(cuenta["defs"] == nil && cuenta["use"] == nil)
        #expect(svg.hasSuffix("</svg>\n"))
    }

    @Test func textoComoGlifosDondePangoPoneSuTinta() throws {
        let estilo = TextStyle(size: 10, color: Color(hex: 0x1A1A1A))
        let texto = "Víctimas 2017"
        var frame = Frame(width: 200, height: 40)
        frame.items = [.text(texto, position: Point(12, 30), style: estilo)]
        let svg = try escribir(frame)
        // One group with the text's colour and words; one outline per different visible glyph, each
        // defined once; one placement per visible glyph (the space has none).
        #expect(svg.contains("<g fill=\"#1a1a1a\" aria-label=\"Víctimas 2017\">"))
        let definidos = coincidencias(svg, #"<path id="g(\d+)" d="([^"]+)"/>"#)
        let usos = coincidencias(svg, ##"<use xlink:href="#g(\d+)" x="([-0-9.]+)" y="([-0-9.]+)"/>"##)
        #expect(usos.count == texto.filter { $0 != " " }.count)
        #expect(definidos.count == Set(texto.filter { $0 != " " }).count)
        #expect(definidos.map { $0[0] } == (1...definidos.count).map(String.init), "numerados desde 1 por aparición")
        #expect(try elementos(svg)["use"] == usos.count)
        // The placed outlines cover what Pango says the text's ink is (worked out apart, by Pango alone).
        var izquierda = Double.infinity
        var derecha = -Double.infinity
        var arriba = Double.infinity
        var abajo = -Double.infinity
        let contornos = Dictionary(uniqueKeysWithValues: definidos.map { ($0[0], $0[1]) })
        for uso in usos {
            let d = try #require(contornos[uso[0]])
            let x0 = try #require(Double(uso[1]))
            let y0 = try #require(Double(uso[2]))
            let numeros = d.split(whereSeparator: { "MLCZ ".contains($0) }).compactMap { Double($0) }
            #expect(numeros.count % 2 == 0 && !numeros.isEmpty)
            for k in stride(from: 0, to: numeros.count - 1, by: 2) {
                izquierda = min(izquierda, x0 + numeros[k])
                derecha = max(derecha, x0 + numeros[k])
                arriba = min(arriba, y0 + numeros[k + 1])
                abajo = max(abajo, y0 + numeros[k + 1])
            }
        }
        let superficie = try #require(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10))
        defer { cairo_surface_destroy(superficie) }
        let cr = try #require(cairo_create(superficie))
        defer { cairo_destroy(cr) }
        let contexto = try #require(pango_cairo_create_context(cr))
        defer { g_object_unref(UnsafeMutableRawPointer(contexto)) }
        ccairo_exact_text(contexto)
        let layout = try #require(pango_layout_new(contexto))
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        PangoText.configure(layout, texto, style: estilo, family: "Noto Sans", serifFamily: "Noto Serif")
        var tinta = PangoRectangle()
        var logica = PangoRectangle()
        pango_layout_get_extents(layout, &tinta, &logica)
        let u = Double(ccairo_pango_scale())
        let arribaDelTexto = 30 - Double(pango_layout_get_baseline(layout)) / u
        // Curves' control points may stand a little outside the ink; the glyphs are where Pango puts them.
        let tolerancia = 0.2
        #expect(abs(izquierda - (12 + Double(tinta.x) / u)) < tolerancia, "izquierda \(izquierda)")
        #expect(abs(derecha - (12 + Double(tinta.x + tinta.width) / u)) < tolerancia, "derecha \(derecha)")
        #expect(abs(arriba - (arribaDelTexto + Double(tinta.y) / u)) < tolerancia, "arriba \(arriba)")
        #expect(abs(abajo - (arribaDelTexto + Double(tinta.y + tinta.height) / u)) < tolerancia, "abajo \(abajo)")
    }

    @Test func mismosBytesSeaCualSeaLoDibujadoAntesYEnCualquierHilo() throws {
        let medidor = PangoTextMeasurer()
        var serie = ChartSpec(
            title: "Víctimas por año", subtitle: "Registros", source: "Fuente: prueba.",
            categories: ["2013", "2014", "2015", "2016", "2017"],
            series: [Series(name: "Víctimas", values: [120, 340, 510, 780, 1_045])])
        serie.kind = .lines(target: nil)
        var barras = serie
        barras.title = "Quórum zigzag ÁÉÍÓÚ"
        barras.kind = .bars(horizontal: true, stacking: .grouped)
        let a = ChartLayout(measurer: medidor).layout(serie, width: 480, height: 300)
        let b = ChartLayout(measurer: medidor).layout(barras, width: 480, height: 300)
        let renderer = CairoRenderer()
        let primero = try renderer.svgDocument(a)
        _ = try renderer.svgDocument(b)
        #expect(try renderer.svgDocument(a) == primero)
        // On a thread of its own (its own Pango context and fonts), with the glyphs kept by a cache.
        let conCache = {
            var r = CairoRenderer()
            r.glyphs = GlyphCache()
            return r
        }()
        let enOtroHilo = Resultado()
        let hilo = Thread { enOtroHilo.valor = try? conCache.svgDocument(a) }
        hilo.start()
        while !enOtroHilo.listo { usleep(1_000) }
        #expect(enOtroHilo.valor == primero)
        let svg = String(decoding: primero, as: UTF8.self)
        #expect(svg.contains("aria-label=\"Víctimas por año\""))
        #expect(try elementos(svg)["svg"] == 1)
    }

    final class Resultado: @unchecked Sendable {
        private let lock = NSLock()
        private var guardado: [UInt8]?
        private var hecho = false
        var valor: [UInt8]? {
            get { lock.withLock { guardado } }
            set {
                lock.withLock {
                    guardado = newValue
                    hecho = true
                }
            }
        }
        var listo: Bool { lock.withLock { hecho } }
    }

    @Test func textoDeOtraFuenteComoUnSoloTrazoYTextoQueNoEsMarcado() throws {
        let estilo = TextStyle(size: 10)
        var frame = Frame(width: 200, height: 60)
        // A character the style's fonts lack comes from the fallback font: the text is one path.
        frame.items = [
            .text("✓ listo", position: Point(10, 20), style: estilo),
            .text("a<b & \"c\"", position: Point(10, 40), style: estilo),
        ]
        let svg = try escribir(frame)
        let trazos = coincidencias(svg, ##"<path d="([^"]+)" fill="#000000" aria-label="([^"]*)"/>"##)
        #expect(trazos.count == 1)
        #expect(trazos.first?[1] == "✓ listo")
        #expect(trazos.first.map { $0[0].hasPrefix("M") && $0[0].contains("Z") } == true)
        #expect(svg.contains("aria-label=\"a&lt;b &amp; &quot;c&quot;\""))
        #expect(try elementos(svg)["path"] == 1 + Set("a<b&\"c".filter { $0 != " " }).count)
    }

    @Test func archivoEscritoConNombreTemporalYRenombrado() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("svg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var frame = Frame(width: 100, height: 50)
        frame.items = [.text("Hola", position: Point(5, 25), style: TextStyle(size: 12, bold: true))]
        let url = dir.appendingPathComponent("g.svg")
        try CairoRenderer().writeSVG(frame, to: url)
        #expect(try Data(contentsOf: url) == Data(try CairoRenderer().svgDocument(frame)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["g.svg"])
    }
}
