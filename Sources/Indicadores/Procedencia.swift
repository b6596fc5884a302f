import Metodologia

/// One envío's part of a published value: the rows behind it and its share of the numerator and
/// denominator.
public struct Contribucion: Sendable, Equatable {
    /// Index of the envío in ``DatosAnio/envios``.
    public var envio: Int
    public var instancia: String
    public var version: Int
    /// Sheet → spreadsheet row numbers (as the institution sees them), ascending.
    public var filas: [String: [Int]]
    public var numerador: Double
    /// Nil when the denominator is not made of envíos (the catalog's size) or there is none.
    public var denominador: Double?
}

/// The lineage of one published value: the value, its numerator and denominator, and every envío's
/// contribution. The contributions' numerators add up to the numerator (`distintos` counts a value
/// for the first envío that has it).
public struct Procedencia: Sendable {
    public var indicador: String
    public var anio: Int
    /// Nil for the national value.
    public var desagregacion: String?
    public var categoria: String?
    public var valor: Double?
    public var numerador: Double?
    public var denominador: Double?
    public var contribuciones: [Contribucion]
}

extension CalculadorIndicadores {
    /// The lineage of an indicator's national value, or of one breakdown category; nil when the
    /// indicator or the breakdown does not exist.
    ///
    /// ```swift
    /// let p = calculador.procedencia("A1", datos, desagregacion: "sexo", categoria: "mujer")
    /// ```
    public func procedencia(_ clave: String, _ datos: DatosAnio, desagregacion: String? = nil, categoria: String? = nil)
        -> Procedencia?
    {
        return procedencia(
            clave, datos, desagregacion: desagregacion, categoria: categoria, totales: totalesDe(datos),
            totalesPorEnvio: totalesPorEnvio(datos))
    }

    /// Every published value's lineage: each indicator's national value and every category of each breakdown.
    public func procedencias(_ datos: DatosAnio) -> [Procedencia] {
        let totales = TotalesProcedencia(self, datos)
        return metodologia.indicadores.flatMap { procedencias(de: $0.clave, datos, totales) }
    }

    /// The lineage of one indicator's published values (national and every breakdown category), with
    /// totals computed once for all indicators: each indicator can go to a different thread.
    ///
    /// ```swift
    /// let totales = TotalesProcedencia(calculador, datos)
    /// let a1 = calculador.procedencias(de: "A1", datos, totales)
    /// ```
    public func procedencias(de clave: String, _ datos: DatosAnio, _ t: TotalesProcedencia) -> [Procedencia] {
        let porEnvio = t.porEnvio
        let totales = t.nacionales
        var out: [Procedencia] = []
        for indicador in metodologia.indicadores where indicador.clave == clave {
            if let p = procedencia(
                indicador.clave, datos, desagregacion: nil, categoria: nil, totales: totales, totalesPorEnvio: porEnvio)
            {
                out.append(p)
            }
            for d in indicador.desagregaciones {
                // One index of each category's rows for the whole breakdown.
                let indice = IndiceCategorias(calculador: self, desagregacion: d, datos: datos)
                for c in categorias(indicador, d, indice: indice) {
                    if let p = procedencia(
                        indicador.clave, datos, desagregacion: d.por, categoria: c, totales: totales,
                        totalesPorEnvio: porEnvio, indice: indice)
                    {
                        out.append(p)
                    }
                }
            }
        }
        return out
    }

    /// Each envío's own headline values (for formulas that name other indicators).
    func totalesPorEnvio(_ datos: DatosAnio) -> [[String: Double]] {
        datos.envios.indices.map { k in
            var totales: [String: Double] = [:]
            for indicador in metodologia.indicadores {
                let c = ContextoAgregado(calculador: self, datos: datos, totales: totales, filtro: nil, soloEnvio: k)
                if case .numero(let n) = indicador.numerador.evaluar(en: c) { totales[indicador.clave] = n }
            }
            return totales
        }
    }

    func procedencia(
        _ clave: String, _ datos: DatosAnio, desagregacion: String?, categoria: String?, totales: [String: Double],
        totalesPorEnvio: [[String: Double]], indice: IndiceCategorias? = nil
    ) -> Procedencia? {
        guard let indicador = metodologia.indicadores.first(where: { $0.clave == clave }) else { return nil }
        var numerador = indicador.numerador
        var denominador = indicador.denominador
        var filtro: Filtro?
        if let desagregacion {
            guard let d = indicador.desagregaciones.first(where: { $0.por == desagregacion }), let categoria else {
                return nil
            }
            if !d.partes.isEmpty {
                guard let parte = d.partes.first(where: { $0.categoria == categoria }) else { return nil }
                numerador = parte.formula
                denominador = nil
            } else {
                filtro = Filtro(
                    desagregacion: d, categoria: categoria,
                    indice: indice ?? IndiceCategorias(calculador: self, desagregacion: d, datos: datos))
                if d.cuenta == "filas", let hoja = hojaDe(indicador.numerador) {
                    numerador = .llamada("filas", [.campo(hoja)])
                    denominador = nil
                }
            }
        }
        func evaluar(_ e: Expresion, _ filtro: Filtro?, soloEnvio: Int? = nil, visitas: VisitasFilas? = nil) -> Double?
        {
            let t = soloEnvio.map { totalesPorEnvio[$0] } ?? totales
            let c = ContextoAgregado(
                calculador: self, datos: datos, totales: t, filtro: filtro, soloEnvio: soloEnvio, visitas: visitas)
            if case .numero(let n) = e.evaluar(en: c) { return n }
            return nil
        }
        let filtroDenominador = filtro?.desagregacion.razonPorCategoria == true ? filtro : nil
        let n = evaluar(numerador, filtro)
        let d = denominador.flatMap { evaluar($0, filtroDenominador) }
        var valor = n
        if denominador != nil {
            if let n, let d, d != 0 { valor = ((n / d * 100) * 10_000).rounded() / 10_000 } else { valor = nil }
        }
        var contribuciones: [Contribucion] = []
        for (k, envio) in datos.envios.enumerated() {
            let visitas = VisitasFilas()
            let nk = evaluar(numerador, filtro, soloEnvio: k, visitas: visitas) ?? 0
            let dk = denominador.flatMap { evaluar($0, filtroDenominador, soloEnvio: k) }
            let filas = (visitas.filas[k] ?? [:]).mapValues { $0.sorted() }
            guard nk != 0 || (dk ?? 0) != 0 || !filas.isEmpty else { continue }
            contribuciones.append(
                Contribucion(
                    envio: k, instancia: envio.instancia, version: envio.version, filas: filas, numerador: nk,
                    denominador: dk))
        }
        return Procedencia(
            indicador: clave, anio: datos.anio, desagregacion: desagregacion, categoria: categoria, valor: valor,
            numerador: n, denominador: d, contribuciones: contribuciones)
    }
}

/// The national and per-envío headline values every lineage needs (formulas may name other
/// indicators), computed once.
public struct TotalesProcedencia: Sendable {
    let nacionales: [String: Double]
    let porEnvio: [[String: Double]]

    public init(_ calculador: CalculadorIndicadores, _ datos: DatosAnio) {
        nacionales = calculador.totalesDe(datos)
        porEnvio = calculador.totalesPorEnvio(datos)
    }
}
