import Charts
import Drawing
import Foundation
import Graficas
import Indicadores
import Metodologia
import PageLayout

/// The report's tables: named tables of the chapters, breakdowns, delivery and the annex by entidad.
extension InformeAnual {
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
}
