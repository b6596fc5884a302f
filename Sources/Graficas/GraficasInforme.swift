import Charts
import Foundation
import Indicadores
import Metodologia

/// The charts of the Informe Anual, built from the indicators (with §7 applied) and, for the
/// crossed tables, from the year's vigente rows (suppressed too).
///
/// ```swift
/// let graficas = GraficasInforme(metodologia: m, rejilla: rejilla).graficas(resultados, datos: datos)
/// for g in graficas { print(g.archivo, g.spec.title) }
/// ```
public struct GraficasInforme {
    public struct Grafica: Sendable {
        /// File name without extension (`victimas-por-sexo`).
        public var archivo: String
        public var spec: ChartSpec
        /// The published values it draws: (indicator, breakdown or nil for the national series), so
        /// that each figure can be traced to its envíos (`procedencia.csv`).
        public var valores: [(indicador: String, desagregacion: String?)] = []
    }

    public let metodologia: Metodologia
    public let rejilla: TileGrid
    var anio: Int { metodologia.anio }
    /// The disclosure threshold of the methodology (suppressed values are drawn as `<k`).
    var k: Int { metodologia.umbralConfidencialidad }
    var fuente: String {
        "Fuente: Comisión Intersecretarial, Instrumento de Recolección de Datos \(metodologia.anio), envíos vigentes."
    }

    public init(metodologia: Metodologia, rejilla: TileGrid) {
        self.metodologia = metodologia
        self.rejilla = rejilla
    }

    /// Reads `Instrumento/rejilla_entidades.csv` (clave, abreviatura, fila, columna).
    public static func leerRejilla(_ url: URL) -> TileGrid {
        guard let texto = try? String(contentsOf: url, encoding: .utf8) else { return TileGrid(tiles: []) }
        let tiles = texto.split(whereSeparator: \.isNewline).dropFirst().compactMap { linea -> Tile? in
            let p = linea.split(separator: ",").map { String($0) }
            guard p.count >= 4, let f = Int(p[2]), let c = Int(p[3]) else { return nil }
            return Tile(id: p[0], label: p[1], row: f, column: c)
        }
        return TileGrid(tiles: tiles)
    }

    func etiqueta(_ clave: String, catalogo: String) -> String {
        metodologia.catalogos[catalogo]?.entrada(clave)?.etiqueta ?? metodologia.valoresExtra[clave] ?? clave
    }

    func resultado(_ clave: String, _ rs: [ResultadoIndicador]) -> ResultadoIndicador? {
        rs.first { $0.indicador.clave == clave }
    }

    func desglose(_ r: ResultadoIndicador?, _ por: String) -> ResultadoIndicador.Desglose? {
        r?.desgloses.first { $0.por == por }
    }

    /// A one-series chart from a breakdown, labels from a catalog.
    func barras(
        _ archivo: String, _ titulo: String, _ r: ResultadoIndicador?, por: String, catalogo: String, horizontal: Bool,
        subtitulo: String? = nil
    ) -> Grafica? {
        guard let d = desglose(r, por), let r else { return nil }
        var spec = ChartSpec(
            title: titulo, subtitle: subtitulo ?? "\(r.indicador.nombre), \(anio)", source: fuente,
            categories: d.categorias.map { etiqueta($0.clave, catalogo: catalogo) },
            series: [
                Series(
                    name: String(anio), values: d.categorias.map { $0.supresion == nil ? $0.valor : nil },
                    suppressed: d.categorias.map { $0.supresion != nil })
            ])
        spec.kind = .bars(horizontal: horizontal, stacking: .grouped)
        return Grafica(archivo: archivo, spec: spec, valores: [(r.indicador.clave, por)])
    }

    public func graficas(_ resultados: [ResultadoIndicador], datos: DatosAnio) -> [Grafica] {
        var out: [Grafica] = []
        let a1 = resultado("A1", resultados)
        if let g = barras(
            "victimas-por-sexo", "Víctimas identificadas por sexo", a1, por: "sexo", catalogo: "sexo", horizontal: false
        ) {
            out.append(g)
        }
        if let g = barras(
            "victimas-por-modalidad", "Víctimas identificadas por modalidad de explotación", a1, por: "modalidad",
            catalogo: "modalidades",
            horizontal: true)
        {
            out.append(g)
        }
        if let g = piramide(datos) { out.append(g) }
        if let d = desglose(a1, "entidad") {
            var spec = ChartSpec(
                title: "Víctimas identificadas por entidad federativa",
                subtitle: "Registros por entidad de identificación, \(anio)",
                source: fuente + " Conteos de 1 a \(k - 1) se publican como <\(k).",
                categories: d.categorias.map(\.clave),
                series: [
                    Series(
                        name: String(anio), values: d.categorias.map { $0.supresion == nil ? $0.valor : nil },
                        suppressed: d.categorias.map { $0.supresion != nil })
                ])
            spec.kind = .tileMap(rejilla, .choropleth(breaks: [10, 25, 50, 100]))
            out.append(Grafica(archivo: "mapa-victimas-por-entidad", spec: spec, valores: [("A1", "entidad")]))
        }
        if let g = capacitacionPorSexo(datos) { out.append(g) }
        if let g = barras(
            "capacitadas-por-publico", "Personas capacitadas o sensibilizadas por público objetivo",
            resultado("P1", resultados), por: "publico_objetivo",
            catalogo: "publico_objetivo", horizontal: true)
        {
            out.append(g)
        }
        if let g = barras(
            "atenciones-por-tipo", "Atenciones otorgadas por tipo", resultado("A3", resultados), por: "tipo_atencion",
            catalogo: "tipo_atencion", horizontal: true)
        {
            out.append(g)
        }
        if let j1 = desglose(resultado("J1", resultados), "fuero"),
            let j3 = desglose(resultado("J3", resultados), "fuero")
        {
            var spec = ChartSpec(
                title: "Investigaciones iniciadas y sentencias condenatorias por fuero", subtitle: "Cifras de \(anio)",
                source: fuente,
                categories: j1.categorias.map { etiqueta($0.clave, catalogo: "fuero") },
                series: [
                    Series(name: "Investigaciones iniciadas", values: j1.categorias.map(\.valor)),
                    Series(
                        name: "Sentencias condenatorias",
                        values: j1.categorias.map { c in j3.categorias.first { $0.clave == c.clave }?.valor }),
                ])
            spec.kind = .bars(horizontal: false, stacking: .grouped)
            out.append(
                Grafica(archivo: "persecucion-por-fuero", spec: spec, valores: [("J1", "fuero"), ("J3", "fuero")]))
        }
        if let g = mapaArmonizacion(datos) { out.append(g) }
        if let g = entrega(datos) { out.append(g) }
        for clave in ["P1", "A1", "J1", "J3", "A2"] {
            if let r = resultado(clave, resultados), r.serie.count >= 2 { out.append(serie(r)) }
        }
        for i in out.indices { out[i].spec.suppressedLabel = "<\(k)" }
        return out
    }

    func serie(_ r: ResultadoIndicador) -> Grafica {
        let anios = r.serie.map(\.anio)
        var spec = ChartSpec(
            title: r.indicador.nombre,
            subtitle: "Serie \(anios.first ?? anio)–\(anios.last ?? anio)"
                + (r.indicador.meta.map { " y meta \($0.anio)" } ?? ""),
            source: fuente + " Años anteriores: informes publicados.", categories: anios.map(String.init),
            series: [Series(name: r.indicador.clave, values: r.serie.map { Optional($0.valor) })])
        // The target's year comes from the methodology; labelled apart from the data years.
        spec.kind = .lines(
            target: r.indicador.meta.map { ChartSpec.Target(label: "Meta \($0.anio)", values: [$0.valor]) })
        spec.format = r.indicador.esPorcentaje ? .percent(1) : .integer
        return Grafica(
            archivo: "serie-\(r.indicador.clave.lowercased())", spec: spec, valores: [(r.indicador.clave, nil)])
    }

    func filas(_ hoja: String, _ datos: DatosAnio) -> [[String: Valor]] {
        datos.envios.flatMap { $0.filas[hoja] ?? [] }
    }

    /// Men and women by age group, a two-variable cross of victim records: §7 applies.
    func piramide(_ datos: DatosAnio) -> Grafica? {
        let grupos = metodologia.gruposDeEdad
        guard !grupos.isEmpty else { return nil }
        let claves = grupos.map(\.clave)
        var tabla = [[Int]](repeating: [0, 0], count: claves.count)
        var sinSexo = 0
        for f in filas("Victimas", datos) {
            guard case .numero(let edad)? = f["edad"],
                let g = grupos.firstIndex(where: { Double($0.desde) <= edad && edad <= Double($0.hasta) })
            else {
                continue
            }
            if f["sexo"] == .texto("hombre") {
                tabla[g][0] += 1
            } else if f["sexo"] == .texto("mujer") {
                tabla[g][1] += 1
            } else {
                sinSexo += 1
            }
        }
        let celdas = ControlDivulgacion(k: metodologia.umbralConfidencialidad).suprimir(tabla)
        func serie(_ c: Int, _ nombre: String) -> Series {
            Series(
                name: nombre, values: celdas.map { $0[c].suprimida ? nil : Double($0[c].valor) },
                suppressed: celdas.map { $0[c].suprimida })
        }
        var spec = ChartSpec(
            title: "Víctimas identificadas por sexo y grupo de edad",
            subtitle: "Registros con edad y sexo conocidos, \(anio)",
            // Why the pyramid's totals are below the text's and the tables' (which count every record).
            source: fuente
                + (sinSexo > 0
                    ? " No incluye \(sinSexo) \(sinSexo == 1 ? "registro" : "registros") con sexo no especificado."
                    : "")
                + " Conteos de 1 a \(k - 1) y los que permitirían deducirlos se publican como <\(k).",
            categories: claves.map { etiqueta($0, catalogo: "grupo_edad") },
            series: [serie(0, "Hombres"), serie(1, "Mujeres")])
        spec.kind = .pyramid
        return Grafica(archivo: "piramide-victimas", spec: spec)
    }

    /// Share of women and men trained, by kind of action (100 % stacked).
    func capacitacionPorSexo(_ datos: DatosAnio) -> Grafica? {
        let acciones = metodologia.catalogos["tipo_accion"]?.entradas.map(\.clave) ?? []
        var mujeres = [Double](repeating: 0, count: acciones.count)
        var hombres = [Double](repeating: 0, count: acciones.count)
        for f in filas("Capacitacion", datos) {
            guard case .texto(let t)? = f["tipo_accion"], let i = acciones.firstIndex(of: t) else { continue }
            mujeres[i] += f["mujeres"]?.numero ?? 0
            hombres[i] += f["hombres"]?.numero ?? 0
        }
        guard mujeres.reduce(0, +) + hombres.reduce(0, +) > 0 else { return nil }
        var spec = ChartSpec(
            title: "Personas capacitadas por tipo de acción y sexo",
            subtitle: "Proporción de mujeres y hombres, \(anio)", source: fuente,
            categories: acciones.map { etiqueta($0, catalogo: "tipo_accion") },
            series: [
                Series(name: "Mujeres", values: mujeres.map(Optional.init)),
                Series(name: "Hombres", values: hombres.map(Optional.init)),
            ])
        spec.kind = .bars(horizontal: true, stacking: .percent)
        return Grafica(archivo: "capacitacion-por-sexo", spec: spec)
    }

    /// Instancias in the catalog and with a vigente version, by kind (grouped bars).
    func entrega(_ datos: DatosAnio) -> Grafica? {
        guard let instancias = metodologia.catalogos["instancias"]?.entradas else { return nil }
        let entregaron = Set(datos.envios.map(\.instancia))
        let tipos = [
            ("federal", "Federales"), ("autonomo", "Autónomas"), ("judicial", "Judiciales"), ("estatal", "Estatales"),
        ]
        .filter { t in instancias.contains { $0.atributos["tipo"] == t.0 } }
        var spec = ChartSpec(
            title: "Entrega del instrumento por tipo de instancia",
            subtitle: "Instancias del catálogo y con versión vigente, \(anio)",
            source: "Fuente: almacén del Informe Anual, versiones vigentes.", categories: tipos.map(\.1),
            series: [
                Series(
                    name: "En el catálogo",
                    values: tipos.map { t in Double(instancias.filter { $0.atributos["tipo"] == t.0 }.count) }),
                Series(
                    name: "Con versión vigente",
                    values: tipos.map { t in
                        Double(instancias.filter { $0.atributos["tipo"] == t.0 && entregaron.contains($0.clave) }.count)
                    }),
            ])
        spec.kind = .bars(horizontal: false, stacking: .grouped)
        return Grafica(archivo: "entrega-por-tipo", spec: spec)
    }

    /// State of harmonization of each entidad's law (categorical tile map).
    func mapaArmonizacion(_ datos: DatosAnio) -> Grafica? {
        let estados = ["si", "parcial", "no"]
        var valores: [String: Double] = [:]
        for f in filas("Armonizacion", datos) {
            if case .texto(let e)? = f["entidad"], case .texto(let l)? = f["ley_armonizada"],
                let i = estados.firstIndex(of: l)
            {
                valores[e] = Double(i)
            }
        }
        guard !valores.isEmpty else { return nil }
        let claves = rejilla.tiles.map(\.id)
        var spec = ChartSpec(
            title: "Armonización de las leyes estatales con la Ley General",
            subtitle: "Situación al 31 de diciembre de \(anio)",
            source: "Fuente: SEGOB, hoja Armonizacion del Instrumento \(anio).", categories: claves,
            series: [Series(name: "Ley", values: claves.map { valores[$0] })])
        spec.kind = .tileMap(rejilla, .categorical(estados.map { etiqueta($0, catalogo: "ley_armonizada") }))
        return Grafica(archivo: "mapa-armonizacion", spec: spec)
    }
}
