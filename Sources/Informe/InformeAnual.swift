import Charts
import Drawing
import Foundation
import Graficas
import Indicadores
import Metodologia
import PageLayout

/// A file that fed the report: who sent it, which version, and its SHA-256.
public struct FuenteEnvio: Sendable {
    public var instancia: String
    public var version: Int
    public var archivo: String
    public var sha256: String

    public init(instancia: String, version: Int, archivo: String, sha256: String) {
        self.instancia = instancia
        self.version = version
        self.archivo = archivo
        self.sha256 = sha256
    }
}

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

    // MARK: Tables

    var fuenteDatos: String {
        "Fuente: Comisión Intersecretarial, Instrumento de Recolección de Datos \(anio), versiones vigentes de los envíos."
    }

    func etiqueta(_ clave: String, _ catalogo: String) -> String {
        metodologia.catalogos[catalogo]?.entrada(clave)?.etiqueta ?? metodologia.valoresExtra[clave] ?? clave
    }

    /// The published values each named table shows (indicator, breakdown or nil for national values;
    /// a nil indicator means every indicator), so that each cuadro can be traced (`procedencia.csv`).
    public static let valoresDeCuadros: [(cuadro: String, indicador: String?, desagregacion: String?)] = [
        ("indicadores", nil, nil), ("serie", nil, nil), ("modalidades", "A1", "modalidad"),
        ("atenciones", "A3", "tipo_atencion"), ("capacitacion", "P1", "publico_objetivo"),
        ("persecucion", "J1", "fuero"), ("anexo-entidades", "A1", "entidad"), ("anexo-entidades", "J1", "entidad"),
        ("anexo-entidades", "J3", "entidad"), ("anexo-entidades", "P1", "entidad"), ("anexo-entidades", "A1", nil),
        ("anexo-entidades", "J1", nil), ("anexo-entidades", "J3", nil), ("anexo-entidades", "P1", nil),
    ]

    /// The year of the targets (the methodology's, the most common among indicators).
    var anioMeta: String {
        let anios = resultados.compactMap { $0.indicador.meta?.anio }
        let comun = Dictionary(grouping: anios, by: { $0 }).max { $0.value.count < $1.value.count }?.key
        return comun.map(String.init) ?? "—"
    }

    func cuadroNombrado(_ nombre: String) -> Table? {
        switch nombre {
        case "indicadores":
            let filas = resultados.map { r in
                [
                    r.indicador.clave, r.indicador.nombre, formato(r.valor, r.indicador),
                    r.indicador.meta.map { formato($0.valor, r.indicador) } ?? "—",
                    r.semaforo?.rawValue.capitalized ?? "—",
                ]
            }
            return Table(
                columns: [
                    ("Clave", 0.7, .left), ("Indicador", 4.2, .left), ("Valor \(anio)", 1.3, .right),
                    ("Meta \(anioMeta)", 1.2, .right), ("Semáforo", 1.1, .left),
                ],
                rows: filas, caption: "Indicadores del Programa Nacional, \(anio)",
                source: fuenteDatos + " Semáforo frente a la trayectoria de la meta.")
        case "serie":
            let anios = Array((anio - 4)...anio)
            let filas = resultados.map { r in
                [r.indicador.clave]
                    + anios.map { a in r.serie.first { $0.anio == a }.map { formato($0.valor, r.indicador) } ?? "—" }
                    + [
                        r.indicador.lineaBase.map { formato($0.valor, r.indicador) } ?? "—",
                        r.indicador.meta.map { formato($0.valor, r.indicador) } ?? "—",
                    ]
            }
            return Table(
                columns: [("Clave", 0.8, .left)] + anios.map { (String($0), 1.0, .right) } + [
                    ("Línea base", 1.1, .right), ("Meta \(anioMeta)", 1.1, .right),
                ],
                rows: filas, caption: "Serie de los indicadores \(anio - 4)–\(anio), línea base y meta",
                source:
                    "Fuente: informes anuales publicados (años anteriores) y cálculo propio con los envíos vigentes.")
        case "anexo-entidades":
            return anexoEntidades()
        case "armonizacion":
            let filas = datos.envios.flatMap { $0.filas["Armonizacion"] ?? [] }
            let ordenadas = filas.sorted { ($0["entidad"]?.texto ?? "") < ($1["entidad"]?.texto ?? "") }
            return Table(
                columns: [
                    ("Entidad federativa", 2.4, .left), ("Ley", 1.8, .left), ("Publicación", 1.1, .left),
                    ("Fiscalía", 0.8, .left), ("Comisión", 0.8, .left),
                ],
                rows: ordenadas.map { f in
                    [
                        etiqueta(f["entidad"]?.texto ?? "", "entidades"),
                        etiqueta(f["ley_armonizada"]?.texto ?? "", "ley_armonizada"),
                        f["fecha_publicacion"].flatMap {
                            if case .fecha(let d) = $0 { return Fecha(dias: d).textoCorto }
                            return nil
                        } ?? "—",
                        etiqueta(f["fiscalia_especializada"]?.texto ?? "", "si_no"),
                        etiqueta(f["comision_interinstitucional"]?.texto ?? "", "si_no"),
                    ]
                }, caption: "Armonización legislativa por entidad federativa",
                source: "Fuente: SEGOB, hoja Armonizacion del Instrumento \(anio).")
        case "modalidades":
            return desgloseComoCuadro(
                "A1", "modalidad", "modalidades", "Víctimas identificadas por modalidad", "Modalidad")
        case "atenciones":
            return desgloseComoCuadro(
                "A3", "tipo_atencion", "tipo_atencion", "Atenciones otorgadas por tipo", "Tipo de atención")
        case "capacitacion":
            return desgloseComoCuadro(
                "P1", "publico_objetivo", "publico_objetivo",
                "Personas capacitadas o sensibilizadas por público objetivo", "Público objetivo")
        case "persecucion":
            return desgloseComoCuadro("J1", "fuero", "fuero", "Investigaciones iniciadas por fuero", "Fuero")
        case "entrega":
            return entrega()
        case "glosario":
            return Table(
                columns: [("Sigla", 1, .left), ("Significado", 5, .left)], rows: siglas.map { [$0.0, $0.1] },
                caption: "Siglas y acrónimos", source: "Fuente: catálogo de siglas de la metodología.")
        case "fuentes":
            // The instancia by its name in the catalog (codes like EST09 are not in the glossary).
            let filas = fuentes.sorted { $0.instancia < $1.instancia }.map { f in
                [
                    etiqueta(f.instancia, "instancias"), f.archivo, String(f.version),
                    String(f.sha256.prefix(32)) + " " + String(f.sha256.dropFirst(32)),
                ]
            }
            return Table(
                columns: [
                    ("Instancia", 2.0, .left), ("Archivo", 1.6, .left), ("Versión", 0.6, .right),
                    ("SHA-256", 2.8, .left),
                ], rows: filas,
                caption: "Archivos recibidos (versiones vigentes)",
                source:
                    "Fuente: almacén del Informe Anual. La huella SHA-256 identifica cada archivo; la de una carpeta de "
                    + "CSV se calcula sobre cada archivo en orden de nombre: su nombre, un byte 0 y su contenido.")
        default:
            return nil
        }
    }

    func desgloseComoCuadro(_ clave: String, _ por: String, _ catalogo: String, _ titulo: String, _ columna: String)
        -> Table?
    {
        guard let r = resultado(clave), let d = r.desgloses.first(where: { $0.por == por }) else { return nil }
        var filas = d.categorias.map { c in
            [
                etiqueta(c.clave, catalogo),
                c.supresion != nil ? "<\(metodologia.umbralConfidencialidad)" : formato(c.valor, r.indicador),
                c.supresion == nil && (r.valor ?? 0) > 0
                    ? formatoMX((c.valor ?? 0) / (r.valor ?? 1) * 100, decimales: 1) + " %" : "—",
            ]
        }
        filas.append(["Total", formato(r.valor, r.indicador), "100.0 %"])
        var t = Table(
            columns: [(columna, 4, .left), ("Número", 1.2, .right), ("Porcentaje", 1.2, .right)], rows: filas,
            caption: "\(titulo), \(anio)", source: fuenteDatos)
        t.boldRows = [filas.count - 1]
        return t
    }

    /// Delivery by kind of instancia: in the catalog, with a vigente version.
    func entrega() -> Table? {
        guard let instancias = metodologia.catalogos["instancias"]?.entradas else { return nil }
        let entregaron = Set(datos.envios.map(\.instancia))
        let tipos = ["federal": "Federales", "autonomo": "Autónomas", "judicial": "Judiciales", "estatal": "Estatales"]
        var filas: [[String]] = []
        for (clave, nombre) in [
            ("federal", "Federales"), ("autonomo", "Autónomas"), ("judicial", "Judiciales"), ("estatal", "Estatales"),
        ] {
            let grupo = instancias.filter { $0.atributos["tipo"] == clave }
            guard !grupo.isEmpty else { continue }
            let n = grupo.filter { entregaron.contains($0.clave) }.count
            filas.append([
                nombre, String(grupo.count), String(n),
                formatoMX(Double(n) / Double(grupo.count) * 100, decimales: 1) + " %",
            ])
        }
        _ = tipos
        let total = instancias.count
        let n = instancias.filter { entregaron.contains($0.clave) }.count
        filas.append([
            "Total", String(total), String(n), formatoMX(Double(n) / Double(max(1, total)) * 100, decimales: 1) + " %",
        ])
        var t = Table(
            columns: [
                ("Instancias", 2.4, .left), ("En el catálogo", 1.2, .right), ("Con versión vigente", 1.4, .right),
                ("Tasa de entrega", 1.2, .right),
            ],
            rows: filas, caption: "Entrega del instrumento por tipo de instancia, \(anio)",
            source: "Fuente: almacén del Informe Anual, versiones vigentes.")
        t.boldRows = [filas.count - 1]
        return t
    }

    /// 32 rows: victims (suppressed below k), investigations, sentences and people trained per entidad.
    func anexoEntidades() -> Table? {
        guard let entidades = metodologia.catalogos["entidades"]?.entradas else { return nil }
        func columna(_ clave: String) -> [String: ResultadoIndicador.Categoria] {
            Dictionary(
                (resultado(clave)?.desgloses.first { $0.por == "entidad" }?.categorias ?? []).map { ($0.clave, $0) },
                uniquingKeysWith: { a, _ in a })
        }
        let a1 = columna("A1")
        let j1 = columna("J1")
        let j3 = columna("J3")
        let p1 = columna("P1")
        func celda(_ c: ResultadoIndicador.Categoria?) -> String {
            guard let c else { return "0" }
            return c.supresion != nil ? "<\(metodologia.umbralConfidencialidad)" : formatoMX(c.valor ?? 0)
        }
        var filas = entidades.map { e in
            [e.etiqueta, celda(a1[e.clave]), celda(j1[e.clave]), celda(j3[e.clave]), celda(p1[e.clave])]
        }
        filas.append(["Nacional", valor("A1"), valor("J1"), valor("J3"), valor("P1")])
        // Each column sums to the national row, or the note says what lies outside the states.
        var notas: [String] = []
        for (nombre, clave, col) in [
            ("Víctimas", "A1", a1), ("Investigaciones", "J1", j1), ("Sentencias", "J3", j3),
            ("Personas capacitadas", "P1", p1),
        ] {
            guard let total = resultado(clave)?.valor else { continue }
            let estatal = entidades.reduce(0.0) { $0 + (col[$1.clave]?.valor ?? 0) }
            let fuera = total - estatal
            guard abs(fuera) >= 0.5 else { continue }
            let suprimidas = entidades.contains { col[$0.clave]?.supresion != nil }
            let nacionales = col["00"]?.valor ?? 0
            var nota = "«\(nombre)»: las entidades suman \(formatoMX(estatal)) de \(formatoMX(total)); "
            if nacionales > 0 {
                nota += "\(formatoMX(nacionales)) corresponden a acciones de alcance nacional o en línea (entidad «00»)"
                if abs(fuera - nacionales) >= 0.5 {
                    nota += " y \(formatoMX(fuera - nacionales)) a registros sin entidad"
                }
            } else {
                nota += "\(formatoMX(fuera)) corresponden a registros sin entidad asignable"
            }
            if suprimidas { nota += " (incluye las cifras suprimidas)" }
            notas.append(nota + ".")
        }
        var t = Table(
            columns: [
                ("Entidad federativa", 2.6, .left), ("Víctimas", 1, .right), ("Investigaciones", 1.2, .right),
                ("Sentencias", 1, .right), ("Personas capacitadas", 1.4, .right),
            ],
            rows: filas, caption: "Cifras por entidad federativa, \(anio)",
            source: fuenteDatos
                + " Víctimas: conteos de 1 a \(metodologia.umbralConfidencialidad - 1), y los que permitirían deducirlos, se publican como <\(metodologia.umbralConfidencialidad). "
                + notas.joined(separator: " "))
        t.boldRows = [filas.count - 1]
        return t
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
