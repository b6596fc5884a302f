import Charts
import Drawing
import Foundation
import Graficas
import Indicadores
import Metodologia
import PageLayout

/// The Informe Anual as a document: cover, table of contents, the chapters of `Plantillas/` with their
/// figures filled in from the indicators, the statistical annex, glossary and sources.
///
/// ```swift
/// let informe = InformeAnual(metodologia: m, resultados: r, datos: d, graficas: g, fuentes: f, plantillas: textos)
/// let (paginas, marcadores) = informe.componer(medidor: PangoTextMeasurer(), guiones: LibHyphenator() ?? NoHyphenation())
/// ```
public struct InformeAnual {
    public var metodologia: Metodologia
    public var resultados: [ResultadoIndicador]
    public var datos: DatosAnio
    public var graficas: [GraficasInforme.Grafica]
    public var fuentes: [FuenteEnvio]
    /// Chapter templates, in order.
    public var plantillas: [String]
    public var siglas: [(String, String)] = []
    /// Built from synthetic sample data: every page says so.
    public var sintetico = true
    public static let avisoSintetico = "DATOS SINTÉTICOS DE EJEMPLO — NO OFICIAL"

    public init(
        metodologia: Metodologia, resultados: [ResultadoIndicador], datos: DatosAnio,
        graficas: [GraficasInforme.Grafica],
        fuentes: [FuenteEnvio], plantillas: [String]
    ) {
        self.metodologia = metodologia
        self.resultados = resultados
        self.datos = datos
        self.graficas = graficas
        self.fuentes = fuentes
        self.plantillas = plantillas
    }

    var anio: Int { metodologia.anio }

    public var estilo: PageStyle {
        var e = PageStyle()
        e.watermark = sintetico ? Self.avisoSintetico : nil
        e.footerFormat = { n, m in "Página \(n) de \(m)" }
        return e
    }

    // MARK: Figures in the text

    func resultado(_ clave: String) -> ResultadoIndicador? { resultados.first { $0.indicador.clave == clave } }

    func formato(_ v: Double?, _ i: Indicador) -> String {
        guard let v else { return "—" }
        return i.esPorcentaje ? formatoMX(v, decimales: 1) + " %" : formatoMX(v, decimales: v == v.rounded() ? 0 : 1)
    }

    /// `{{anio}}`, `{{A1}}`, `{{A1.sexo.mujer}}`, `{{A1.porcentaje.sexo.mujer}}`, `{{P1.meta}}`, `{{P1.semaforo}}`…
    func valor(_ nombre: String) -> String {
        switch nombre {
        case "anio": return String(anio)
        case "anio_siguiente": return String(anio + 1)
        case "version": return metodologia.version
        case "k": return String(metodologia.umbralConfidencialidad)
        case "k1": return String(metodologia.umbralConfidencialidad - 1)
        case "instancias": return String(metodologia.catalogos["instancias"]?.entradas.count ?? 0)
        case "entregaron": return String(datos.envios.count)
        case "meta_anio": return anioMeta
        case "periodo": return "del \(metodologia.periodo.inicio.textoCorto) al \(metodologia.periodo.fin.textoCorto)"
        default: break
        }
        let partes = nombre.split(separator: ".").map(String.init)
        guard let r = resultado(partes[0]) else { return "{{\(nombre)}}" }
        if partes.count == 1 { return formato(r.valor, r.indicador) }
        switch partes[1] {
        case "meta": return r.indicador.meta.map { formato($0.valor, r.indicador) } ?? "sin meta"
        case "meta_anio": return r.indicador.meta.map { String($0.anio) } ?? "sin meta"
        case "base":
            return r.indicador.lineaBase.map { formato($0.valor, r.indicador) + " (\($0.anio))" } ?? "sin línea base"
        case "semaforo": return r.semaforo?.rawValue ?? "sin semáforo"
        case "nombre": return r.indicador.nombre
        case "porcentaje" where partes.count >= 4:
            // A category's code may have dots of its own (`1.1.1`): everything after the breakdown.
            let categoria = partes[3...].joined(separator: ".")
            guard
                let c = r.desgloses.first(where: { $0.por == partes[2] })?.categorias.first(where: {
                    $0.clave == categoria
                })
            else { return "0" }
            if c.supresion != nil { return "<\(metodologia.umbralConfidencialidad)" }
            guard let v = c.valor, let t = r.valor, t > 0 else { return "—" }
            return formatoMX(v / t * 100, decimales: 1) + " %"
        default:
            let categoria = partes.dropFirst(2).joined(separator: ".")
            guard partes.count >= 3,
                let c = r.desgloses.first(where: { $0.por == partes[1] })?.categorias.first(where: {
                    $0.clave == categoria
                })
            else { return "0" }
            return c.supresion != nil ? "<\(metodologia.umbralConfidencialidad)" : formato(c.valor, r.indicador)
        }
    }

    /// The indicators a text names through its placeholders (`{{A1.sexo.mujer}}` → A1).
    func indicadoresNombrados(_ texto: String) -> [Indicador] {
        var claves: [String] = []
        var resto = Substring(texto)
        while let abre = resto.range(of: "{{"), let cierra = resto[abre.upperBound...].range(of: "}}") {
            let nombre = resto[abre.upperBound..<cierra.lowerBound]
            claves.append(String(nombre.prefix { $0 != "." }))
            resto = resto[cierra.upperBound...]
        }
        return claves.compactMap { c in metodologia.indicadores.first { $0.clave == c } }
    }

    /// The sheets an indicator's numerator reads.
    func hojasDe(_ i: Indicador) -> [String] {
        i.numerador.llamadas.compactMap { _, args -> String? in
            switch args.first {
            case .campo(let h)? where metodologia.hoja(h) != nil: return h
            case .donde(.campo(let h), _)? where metodologia.hoja(h) != nil: return h
            default: return nil
            }
        }
    }

    /// A paragraph built on figures nobody reported: the sentence that says so instead (never
    /// "el 0 fueron mujeres"); nil when the paragraph has data behind it.
    func sinDatos(_ texto: String) -> String? {
        /// The sheets behind a text when none of them has a row; nil otherwise.
        func vacias(_ t: String) -> Set<String>? {
            let hojas = Set(indicadoresNombrados(t).flatMap(hojasDe))
            guard !hojas.isEmpty else { return nil }
            let conFilas = hojas.filter { h in datos.envios.contains { !($0.filas[h] ?? []).isEmpty } }
            return conFilas.isEmpty ? hojas : nil
        }
        func temas(_ hojas: Set<String>) -> String {
            "\(hojas.count == 1 ? "la hoja" : "las hojas") " + hojas.sorted().map { "«\($0)»" }.joined(separator: ", ")
        }
        if let hojas = vacias(texto) {
            return
                "No se recibieron datos para este apartado en \(anio): ninguna instancia con versión vigente reportó "
                + "registros en \(temas(hojas)) del instrumento."
        }
        // Sentence by sentence: only the sentences built on empty sheets are replaced.
        let oraciones = texto.components(separatedBy: ". ")
        guard oraciones.count > 1, oraciones.contains(where: { vacias($0) != nil }) else { return nil }
        return oraciones.map { o in
            guard let hojas = vacias(o) else { return rellenar(o) }
            return "No se recibieron datos de \(temas(hojas)) en \(anio)" + (o.hasSuffix(".") ? "." : "")
        }.joined(separator: ". ")
    }

    /// A list item built only on empty sheets: its label, then that no data was received.
    func sinDatosEnLista(_ texto: String) -> String? {
        let hojas = Set(indicadoresNombrados(texto).flatMap(hojasDe))
        guard !hojas.isEmpty, !hojas.contains(where: { h in datos.envios.contains { !($0.filas[h] ?? []).isEmpty } })
        else { return nil }
        let etiqueta = texto.split(separator: ":", maxSplits: 1).first.map(String.init) ?? texto
        return "\(etiqueta): sin datos recibidos en \(anio)."
    }

    func rellenar(_ texto: String) -> String {
        var out = ""
        var resto = Substring(texto)
        while let abre = resto.range(of: "{{"), let cierra = resto[abre.upperBound...].range(of: "}}") {
            out += resto[..<abre.lowerBound]
            out += valor(String(resto[abre.upperBound..<cierra.lowerBound]))
            resto = resto[cierra.upperBound...]
        }
        return out + resto
    }

    // MARK: Blocks

    /// Every block of the report; `paginas` gives the page of each heading for the contents.
    public func bloques(medidor: any TextMeasuring, paginas: [String: Int]) -> [Block] {
        var bloques: [Block] = [.fullPage(portada(medidor))]
        var contenido: [Block] = []
        var figura = 0
        var cuadro = 0
        var seccion = 0
        var indice: [(Int, String, String)] = []
        var figuras: [(String, String)] = []
        var cuadros: [(String, String)] = []
        let layoutGraficas = ChartLayout(measurer: medidor)
        for texto in plantillas {
            for elemento in PlantillaTexto.analizar(texto) {
                switch elemento {
                case .titulo(let nivel, let titulo):
                    seccion += 1
                    let id = "sec\(seccion)"
                    let t = rellenar(titulo)
                    contenido.append(.heading(level: nivel, text: t, id: id))
                    if nivel <= 2 { indice.append((nivel, t, id)) }
                case .parrafo(let p):
                    contenido.append(.paragraph(PlantillaTexto.runs(sinDatos(p) ?? rellenar(p))))
                case .vinetas(let vs):
                    contenido.append(.bullets(vs.map { PlantillaTexto.runs(sinDatosEnLista($0) ?? rellenar($0)) }))
                case .figura(let nombre):
                    guard let g = graficas.first(where: { $0.archivo == nombre }) else { continue }
                    figura += 1
                    var spec = g.spec
                    spec.showHeading = false
                    let frame = layoutGraficas.layout(spec, width: 468, height: 260)
                    let titulo = "Figura \(figura). \(g.spec.title)"
                    figuras.append((titulo, "fig\(figura)"))
                    contenido.append(.figure(frame, caption: titulo, source: g.spec.source, id: "fig\(figura)"))
                case .cuadro(let nombre):
                    guard var t = cuadroNombrado(nombre) else { continue }
                    cuadro += 1
                    t.caption = "Cuadro \(cuadro). " + t.caption
                    t.id = "cuadro\(cuadro)"
                    cuadros.append((t.caption, "cuadro\(cuadro)"))
                    contenido.append(.table(t))
                }
            }
        }
        bloques.append(.heading(level: 1, text: "Índice", id: "indice"))
        for (nivel, texto, id) in indice {
            bloques.append(
                .tocEntry(level: nivel, text: texto, page: paginas[id].map(String.init) ?? "00", destination: id))
        }
        // Lists of figures and tables, with the pages where they landed.
        for (titulo, id, lista) in [
            ("Índice de figuras", "indice-figuras", figuras), ("Índice de cuadros", "indice-cuadros", cuadros),
        ]
        where !lista.isEmpty {
            bloques.append(.heading(level: 2, text: titulo, id: id))
            for (texto, destino) in lista {
                bloques.append(
                    .tocEntry(
                        level: 2, text: texto, page: paginas[destino].map(String.init) ?? "00", destination: destino))
            }
        }
        return bloques + contenido
    }

    /// The Comisión's one name, everywhere (cover, Presentación, PDF metadata, sources).
    public static let nombreComision =
        "Comisión Intersecretarial para Prevenir, Sancionar y Erradicar los Delitos en Materia de Trata de Personas "
        + "y para la Protección y Asistencia a las Víctimas de estos Delitos"

    func portada(_ medidor: any TextMeasuring) -> [FrameItem] {
        let e = estilo
        var items: [FrameItem] = [
            .rect(Rect(x: 0, y: 0, width: e.width, height: e.height), fill: .white, stroke: nil, tag: nil),
            .rect(Rect(x: 0, y: 0, width: 22, height: e.height), fill: e.accent, stroke: nil, tag: nil),
            .text(
                "Comisión Intersecretarial para Prevenir, Sancionar y Erradicar los Delitos en Materia",
                position: Point(72, 134), style: TextStyle(size: 12, color: e.muted)),
            .text(
                "de Trata de Personas y para la Protección y Asistencia a las Víctimas de estos Delitos",
                position: Point(72, 150), style: TextStyle(size: 12, color: e.muted)),
            .text(
                "Informe Anual \(anio)", position: Point(72, 300),
                style: TextStyle(size: 34, bold: true, color: e.accent)),
            .text(
                "Programa Nacional para Prevenir, Sancionar y Erradicar los Delitos en Materia de Trata",
                position: Point(72, 332), style: TextStyle(size: 11.5)),
            .text(
                "de Personas y para la Protección y Asistencia a las Víctimas 2014–2018", position: Point(72, 348),
                style: TextStyle(size: 11.5)),
            .text(
                "Periodo \(valor("periodo")) · Instrumento \(metodologia.version)", position: Point(72, 380),
                style: TextStyle(size: 10, color: e.muted)),
            .text("México, \(anio + 1)", position: Point(72, 700), style: TextStyle(size: 11, color: e.muted)),
        ]
        if sintetico {
            items.append(
                .rect(
                    Rect(x: 72, y: 450, width: e.width - 144, height: 44), fill: Color(hex: 0xFBE9E7),
                    stroke: Color(hex: 0xB22222), tag: nil))
            items.append(
                .text(
                    Self.avisoSintetico, position: Point(e.width / 2, 477),
                    style: TextStyle(size: 13, bold: true, color: Color(hex: 0xB22222), anchor: .middle)))
        }
        return items
    }

    // MARK: Composition

    /// Lays the report out twice (the second time with the contents' page numbers); returns the
    /// pages and the bookmarks.
    public func componer(medidor: any TextMeasuring, guiones: any Hyphenating) -> (
        paginas: [Frame], marcadores: [OutlineEntry]
    ) {
        let layout = DocumentLayout(style: estilo, measurer: medidor, hyphenator: guiones)
        var paginas: [String: Int] = [:]
        var resultado = layout.layout(bloques(medidor: medidor, paginas: paginas))
        for _ in 0..<3 {
            var nuevas = Dictionary(resultado.headings.map { ($0.id, $0.page) }, uniquingKeysWith: { a, _ in a })
            nuevas.merge(resultado.anchors) { a, _ in a }
            if nuevas == paginas { break }
            paginas = nuevas
            resultado = layout.layout(bloques(medidor: medidor, paginas: paginas))
        }
        let marcadores = resultado.headings.filter { $0.level <= 2 }.map {
            OutlineEntry(level: $0.level, title: $0.text, destination: $0.id)
        }
        return (resultado.pages, marcadores)
    }
}
