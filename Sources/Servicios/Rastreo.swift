import Almacen
import Foundation
import Indicadores
import Informe
import Metodologia

/// The lineage of published values, read from the store: for a value, every vigente envío's
/// contribution with its SHA-256, file, sheet and spreadsheet rows.
///
/// ```swift
/// let r = try Rastreo(instrumentos: i, almacen: a).rastrear("A1", anio: 2017, desagregacion: "sexo", categoria: "mujer")
/// print(r.json)
/// ```
public struct Rastreo: Sendable {
    /// A value's lineage with the store's records of the envíos behind it.
    public struct Resultado: Sendable {
        public var procedencia: Procedencia
        /// The store's record of each contribution's envío (same order as the contributions).
        public var registros: [RegistroEnvio]
        /// Charts of the report that draw this value.
        public var graficas: [String] = []
        /// Named tables of the report (`[[cuadro:…]]`) that show this value.
        public var cuadros: [String] = []
    }

    public let instrumentos: Instrumentos
    public let almacen: any Almacen

    public init(instrumentos: Instrumentos, almacen: any Almacen) {
        self.instrumentos = instrumentos
        self.almacen = almacen
    }

    /// One value: the national value, or one category of a breakdown.
    public func rastrear(
        _ indicador: String, anio: Int, desagregacion: String? = nil, categoria: String? = nil,
        metodologia: Metodologia? = nil
    ) throws(ErrorServicio) -> Resultado {
        let m: Metodologia
        if let metodologia { m = metodologia } else { m = try instrumentos.metodologia(anio: anio) }
        guard let ind = m.indicadores.first(where: { $0.clave == indicador }) else {
            throw .consultaInvalida(
                "No existe el indicador «\(indicador)» en la metodología \(m.version); los indicadores son "
                    + m.indicadores.map(\.clave).joined(separator: ", ") + ".")
        }
        if let desagregacion, !ind.desagregaciones.contains(where: { $0.por == desagregacion }) {
            let hay = ind.desagregaciones.map(\.por)
            throw .consultaInvalida(
                "El indicador \(indicador) no se desagrega por «\(desagregacion)»; "
                    + (hay.isEmpty
                        ? "no tiene desagregaciones." : "se desagrega por " + hay.joined(separator: ", ") + "."))
        }
        if (desagregacion == nil) != (categoria == nil) {
            throw .consultaInvalida("Indique --desagregacion y --categoria juntas (o ninguna, para el valor nacional).")
        }
        let (datos, vigentes) = try datosYVigentes(anio: anio, metodologia: m)
        let calculador = CalculadorIndicadores(metodologia: m)
        guard
            let p = calculador.procedencia(indicador, datos, desagregacion: desagregacion, categoria: categoria)
        else {
            throw .consultaInvalida(
                "La categoría «\(categoria ?? "")» no existe en la desagregación «\(desagregacion ?? "")».")
        }
        return Resultado(procedencia: p, registros: p.contribuciones.map { vigentes[$0.envio] })
    }

    /// Every published value of the year (national and every breakdown category), with the charts
    /// that draw each.
    public func todas(anio: Int, metodologia m: Metodologia, graficas: [(String, [(String, String?)])] = [])
        throws(ErrorServicio) -> [Resultado]
    {
        let (datos, vigentes) = try datosYVigentes(anio: anio, metodologia: m)
        return Self.todas(datos: datos, vigentes: vigentes, metodologia: m, graficas: graficas)
    }

    /// `todas` from the year's data already read (`vigentes` in the order of `datos.envios`), as
    /// `construir` has them: no second pass over the store.
    public static func todas(
        datos: DatosAnio, vigentes: [RegistroEnvio], metodologia m: Metodologia,
        graficas: [(String, [(String, String?)])] = []
    ) -> [Resultado] {
        resultados(CalculadorIndicadores(metodologia: m).procedencias(datos), vigentes: vigentes, graficas: graficas)
    }

    /// Lineages as results: each with its envíos' records (`vigentes` in the order of the data's envíos),
    /// the charts that draw it and the tables that show it. `construir` computes each indicator's
    /// lineage on whichever thread is free and turns it into text here.
    static func resultados(
        _ procedencias: [Procedencia], vigentes: [RegistroEnvio], graficas: [(String, [(String, String?)])]
    ) -> [Resultado] {
        procedencias.map { p in
            Resultado(
                procedencia: p, registros: p.contribuciones.map { vigentes[$0.envio] },
                graficas: graficas.filter { _, valores in
                    valores.contains { $0.0 == p.indicador && $0.1 == p.desagregacion }
                }.map(\.0),
                cuadros: Array(
                    Set(
                        InformeAnual.valoresDeCuadros.filter {
                            ($0.indicador == nil || $0.indicador == p.indicador) && $0.desagregacion == p.desagregacion
                        }.map(\.cuadro)
                    )
                ).sorted())
        }
    }

    func datosYVigentes(anio: Int, metodologia m: Metodologia) throws(ErrorServicio) -> (DatosAnio, [RegistroEnvio]) {
        let datos = try IndicadoresDelAlmacen(instrumentos: instrumentos, almacen: almacen).datos(
            anio: anio, metodologia: m)
        do {
            return (datos, try almacen.vigentes(anio: anio))
        } catch {
            throw .almacen(error)
        }
    }
}

extension Rastreo.Resultado {
    /// Row numbers as ranges: `2–40, 45`.
    public static func rangos(_ filas: [Int], separador: String = ", ", guion: String = "–") -> String {
        var partes: [String] = []
        var i = 0
        while i < filas.count {
            var j = i
            while j + 1 < filas.count && filas[j + 1] == filas[j] + 1 { j += 1 }
            partes.append(j > i ? "\(filas[i])\(guion)\(filas[j])" : "\(filas[i])")
            i = j + 1
        }
        return partes.joined(separator: separador)
    }

    /// The contribution's main sheet and rows (the first sheet it read).
    func hojaYFilas(_ c: Contribucion) -> (String?, [Int]) {
        guard let hoja = c.filas.keys.sorted().first else { return (nil, []) }
        return (hoja, c.filas[hoja] ?? [])
    }

    public var json: String {
        let p = procedencia
        var out = "{\"indicador\": \(JSONText.string(p.indicador)), \"anio\": \(p.anio), "
        out += "\"desagregacion\": \(p.desagregacion.map(JSONText.string) ?? "null"), "
        out += "\"categoria\": \(p.categoria.map(JSONText.string) ?? "null"), \"valor\": \(JSONText.figure(p.valor)), "
        out += "\"numerador\": \(JSONText.figure(p.numerador)), \"denominador\": \(JSONText.figure(p.denominador)), "
        out += "\"contribuciones\": ["
        out += zip(p.contribuciones, registros).map { c, r in
            let (hoja, filas) = hojaYFilas(c)
            return "\n  {\"instancia\": \(JSONText.string(c.instancia)), \"version\": \(c.version), "
                + "\"sha256\": \(JSONText.string(r.sha256)), \"archivo\": \(JSONText.string(r.archivo)), "
                + "\"hoja\": \(hoja.map(JSONText.string) ?? "null"), \"filas\": ["
                + filas.map(String.init).joined(separator: ", ")
                + "], \"numerador\": \(JSONText.figure(c.numerador)), \"denominador\": \(JSONText.figure(c.denominador))}"
        }.joined(separator: ",")
        return out + (p.contribuciones.isEmpty ? "]}\n" : "\n]}\n")
    }

    public static let encabezadoCSV =
        "indicador,anio,desagregacion,categoria,valor,numerador,denominador,instancia,version,sha256,archivo,hoja,filas,numerador_envio,denominador_envio,graficas,cuadros\n"

    /// One CSV line per contribution (a value with none gets one line without envío).
    public var csv: String {
        let p = procedencia
        let c = campoCSV
        func n(_ v: Double?) -> String { v == nil ? "" : JSONText.figure(v) }
        let comun =
            "\(c(p.indicador)),\(p.anio),\(c(p.desagregacion ?? "total")),\(c(p.categoria ?? "")),\(n(p.valor)),\(n(p.numerador)),\(n(p.denominador))"
        let figuras = c(graficas.joined(separator: " ")) + "," + c(cuadros.joined(separator: " "))
        if p.contribuciones.isEmpty { return comun + ",,,,,,,,,\(figuras)\n" }
        return zip(p.contribuciones, registros).map { ct, r in
            let (hoja, filas) = hojaYFilas(ct)
            return comun
                + ",\(c(ct.instancia)),\(ct.version),\(r.sha256),\(c(r.archivo)),\(c(hoja ?? "")),\(Self.rangos(filas, separador: " ", guion: "-")),\(n(ct.numerador)),\(n(ct.denominador)),\(figuras)\n"
        }.joined()
    }
}
