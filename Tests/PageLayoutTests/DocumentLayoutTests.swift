import Drawing
import PageLayout
import Testing

/// Page layout asserted on frames, without a PDF.
@Suite("PageLayout")
struct DocumentLayoutTests {
    let medidor = ApproximateTextMeasurer()

    func layout(_ blocks: [Block], hyphenator: any Hyphenating = NoHyphenation()) -> DocumentLayout.Result {
        var style = PageStyle()
        style.watermark = "BORRADOR"
        style.footerFormat = { n, m in "Página \(n) de \(m)" }
        return DocumentLayout(style: style, measurer: medidor, hyphenator: hyphenator).layout(blocks)
    }

    func textos(_ f: Frame) -> [(String, Point, TextStyle)] {
        f.items.compactMap { item in
            if case .text(let s, let p, let st) = item { return (s, p, st) }
            return nil
        }
    }

    let parrafo = Array(
        repeating:
            "La Comisión Intersecretarial presenta las acciones realizadas durante el periodo por las instancias informantes.",
        count: 6
    )
    .joined(separator: " ")

    @Test func piesDePaginaYMarcaDeAgua() {
        let r = layout([
            .heading(level: 1, text: "Uno", id: "a"), .paragraph([Run(parrafo)]),
            .heading(level: 1, text: "Dos", id: "b"), .paragraph([Run("Fin.")]),
        ])
        #expect(r.pages.count == 2)
        for (n, page) in r.pages.enumerated() {
            let t = textos(page).map(\.0)
            #expect(t.contains("Página \(n + 1) de 2"))
            #expect(t.contains("BORRADOR"))
        }
        #expect(r.headings.map(\.page) == [1, 2])
        #expect(textos(r.pages[1]).map(\.0).contains("Dos"))
    }

    @Test func textoDentroDeLosMargenes() {
        let r = layout([.paragraph([Run(parrafo)]), .bullets([[Run(parrafo)]])])
        let estilo = PageStyle()
        for (texto, p, st) in r.pages.flatMap(textos) where st.serif {
            let w = medidor.width(of: texto, style: st)
            #expect(p.x >= estilo.marginLeft - 0.01)
            #expect(p.x + w <= estilo.width - estilo.marginRight + 0.5, "«\(texto)» se sale del margen")
        }
    }

    @Test func justificadoSalvoLaUltimaLinea() {
        let r = layout([.paragraph([Run(parrafo)])])
        let palabras = textos(r.pages[0]).filter { $0.2.serif }
        var porLinea: [Double: [(String, Point, TextStyle)]] = [:]
        for w in palabras { porLinea[w.1.y, default: []].append(w) }
        let lineas = porLinea.keys.sorted()
        #expect(lineas.count > 3)
        let estilo = PageStyle()
        for y in lineas.dropLast() {
            let ultima = porLinea[y]!.max { $0.1.x < $1.1.x }!
            let fin = ultima.1.x + medidor.width(of: ultima.0, style: ultima.2)
            #expect(abs(fin - (estilo.width - estilo.marginRight)) < 0.5, "la línea debe llegar al margen derecho")
        }
    }

    @Test func tituloNoQuedaSoloAlPieNiUnaLineaSuelta() {
        // Fill the page almost to the bottom, then a heading and a paragraph.
        var bloques: [Block] = []
        for _ in 0..<4 { bloques.append(.paragraph([Run(parrafo)])) }
        bloques.append(.heading(level: 2, text: "Sección", id: "s"))
        bloques.append(.paragraph([Run(parrafo)]))
        let r = layout(bloques)
        for page in r.pages {
            let t = textos(page)
            if let titulo = t.first(where: { $0.0 == "Sección" }) {
                // Body text follows the heading on the same page.
                #expect(t.contains { $0.2.serif && $0.1.y > titulo.1.y })
            }
            // No page holds a single line of a paragraph at its top or bottom (widows and orphans).
            let lineas = Set(t.filter { $0.2.serif }.map(\.1.y))
            #expect(lineas.isEmpty || lineas.count >= 2)
        }
    }

    @Test func cuadroRepiteEncabezadoAlContinuar() {
        let filas = (1...80).map { ["Entidad \($0)", String($0 * 3)] }
        let t = Table(
            columns: [("Entidad federativa", 3, .left), ("Víctimas", 1, .right)], rows: filas,
            caption: "Cuadro 1. Prueba", source: "Fuente: prueba.")
        let r = layout([.table(t)])
        #expect(r.pages.count >= 2)
        for (n, page) in r.pages.enumerated() {
            let texto = textos(page).map(\.0)
            #expect(texto.contains("Entidad federativa"), "encabezado en la página \(n + 1)")
            #expect(texto.contains(n == 0 ? "Cuadro 1. Prueba" : "Cuadro 1. Prueba (continuación)"))
        }
        // Every row appears exactly once.
        let todas = r.pages.flatMap { textos($0).map(\.0) }
        for f in filas { #expect(todas.filter { $0 == f[0] }.count == 1) }
        #expect(todas.last { $0.hasPrefix("Fuente") } == "Fuente: prueba.")
    }

    @Test func cuadroQueCabeEnLaSiguientePaginaNoSeParte() {
        // Text that leaves less than a quarter of the first page, then a table that fits a whole page.
        // A figure that leaves about 120 points of the first page: less than a quarter, more than the
        // caption, the header and two rows.
        let estilo = PageStyle()
        let alto = estilo.height - estilo.marginTop - estilo.marginBottom - 120 - 12 - 22 - 23
        let parrafo = Block.figure(Frame(width: 100, height: alto), caption: "Figura", source: "", id: nil)
        let filas = (1...15).map { ["Entidad \($0)", String($0)] }
        let t = Table(
            columns: [("Entidad federativa", 3, .left), ("Víctimas", 1, .right)], rows: filas,
            caption: "Cuadro 2. Entero", source: "Fuente: prueba.")
        let r = layout([parrafo, .table(t)])
        let conCuadro = r.pages.enumerated().filter { textos($0.1).contains { $0.0.hasPrefix("Cuadro 2. Entero") } }
        #expect(conCuadro.count == 1, "el cuadro cabe entero en una página: no se parte")
        let todas = r.pages.flatMap { textos($0).map(\.0) }
        #expect(!todas.contains("Cuadro 2. Entero (continuación)"))
        #expect(todas.filter { $0.hasPrefix("Entidad ") && $0 != "Entidad federativa" }.count == 15)
    }

    @Test func indiceConLideresYVinculos() {
        let r = layout([
            .tocEntry(level: 1, text: "Presentación", page: "3", destination: "a"),
            .tocEntry(level: 2, text: "Periodo", page: "4", destination: "b"),
        ])
        let page = r.pages[0]
        let t = textos(page).map(\.0)
        #expect(t.contains("3"))
        #expect(t.contains { $0.hasPrefix(". . .") })
        let vinculos = page.items.compactMap { item -> String? in
            if case .link(_, let d) = item { return d }
            return nil
        }
        #expect(vinculos == ["a", "b"])
    }

    /// es-MX writes a space before the percent sign ("50.1 %"); the sign stays with its number, at
    /// whatever place the line breaks fall.
    @Test func elSignoDePorcientoNoEmpiezaLinea() {
        #expect(
            DocumentLayout.words("el 50.1 % de 943; 3.5 %, y % solo") == [
                "el", "50.1 %", "de", "943;", "3.5 %,", "y", "%", "solo",
            ])
        var texto = ""
        for k in 0..<60 { texto += "El \(k).5 % de las personas " + String(repeating: "a", count: k % 7) + " " }
        let r = layout([.paragraph([Run(texto)])])
        let palabras = r.pages.flatMap(textos).filter { $0.2.serif }.map(\.0)
        #expect(!palabras.contains { $0.hasPrefix("%") })
        #expect(palabras.filter { $0.hasSuffix(".5 %") }.count == 60)
    }

    @Test func puntuacionPegadaTrasEnfasis() {
        let r = layout([.paragraph([Run("Se dictaron "), Run("155 sentencias", bold: true), Run(". Fin.")])])
        let t = textos(r.pages[0]).filter { $0.2.serif }
        let sentencias = try! #require(t.first { $0.0 == "sentencias" })
        let punto = try! #require(t.first { $0.0 == "." })
        #expect(abs(punto.1.x - (sentencias.1.x + medidor.width(of: "sentencias", style: sentencias.2))) < 0.01)
        let dictaron = try! #require(t.first { $0.0 == "dictaron" })
        let numero = try! #require(t.first { $0.0 == "155" })
        #expect(
            numero.1.x > dictaron.1.x + medidor.width(of: "dictaron", style: dictaron.2) + 1,
            "hay espacio antes del énfasis")
    }

    struct GuionesFijos: Hyphenating {
        func breakPoints(_ word: String) -> [Int] { word == "internacionalización" ? [5, 9, 13] : [] }
    }

    @Test func particionConGuion() {
        let texto =
            "Este texto de prueba sirve para comprobar la partición silábica de la palabra "
            + String(repeating: "internacionalización ", count: 12)
        let r = layout([.paragraph([Run(texto)])], hyphenator: GuionesFijos())
        let palabras = r.pages.flatMap(textos).map(\.0)
        #expect(palabras.contains { $0.hasSuffix("-") })
    }
}

@Suite("Partición silábica con libhyphen")
struct LibHyphenatorTests {
    @Test func espanol() throws {
        let h = try #require(LibHyphenator())
        let puntos = h.breakPoints("explotación")
        #expect(!puntos.isEmpty)
        // Every point falls between two letters and never leaves a single letter alone.
        #expect(puntos.allSatisfy { $0 >= 1 && $0 < "explotación".count })
        #expect(h.breakPoints("ONU2017").isEmpty)
    }
}
