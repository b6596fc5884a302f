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

    public init(
        envio: Int, instancia: String, version: Int, filas: [String: [Int]], numerador: Double, denominador: Double?
    ) {
        self.envio = envio
        self.instancia = instancia
        self.version = version
        self.filas = filas
        self.numerador = numerador
        self.denominador = denominador
    }
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
        guard let indicador = metodologia.indicadores.first(where: { $0.clave == clave }),
            let v = valorPublicado(indicador, datos, desagregacion: desagregacion, categoria: categoria)
        else { return nil }
        let totales = TotalesProcedencia(self, datos)
        let contribuciones = datos.envios.indices.compactMap { contribucion(v, envio: $0, datos, totales) }
        return procedencia(indicador, v, datos, totales, contribuciones)
    }

    /// Every published value's lineage: each indicator's national value and every category of each breakdown.
    public func procedencias(_ datos: DatosAnio) -> [Procedencia] {
        let totales = TotalesProcedencia(self, datos)
        return metodologia.indicadores.flatMap { procedencias(de: $0.clave, datos, totales) }
    }

    /// The lineage of one indicator's published values (national and every breakdown category), with
    /// totals computed once for all indicators: each indicator can go to a different thread. With
    /// `guardadas`, each envío's part is taken from there when kept, and left there when worked out.
    /// With `publicado`, asked once the envíos' parts are known, each value with its numerator and
    /// denominator is the published figure's (``calcular(_:totalesOtros:publicable:)`` of the same
    /// data) instead of being computed again. With `indices`, the category indexes are those the
    /// calculation built.
    ///
    /// ```swift
    /// let totales = TotalesProcedencia(calculador, datos)
    /// let a1 = calculador.procedencias(de: "A1", datos, totales)
    /// ```
    public func procedencias(
        de clave: String, _ datos: DatosAnio, _ totales: TotalesProcedencia,
        guardadas: (any ContribucionesGuardadas)? = nil, publicado: (() -> ResultadoIndicador?)? = nil,
        indices: IndicesDeCategorias? = nil
    ) -> [Procedencia] {
        guard let indicador = metodologia.indicadores.first(where: { $0.clave == clave }) else { return [] }
        let indices = indices.flatMap { $0.sirven(para: datos) ? $0 : nil }
        var valores: [ValorPublicado] = []
        if let v = valorPublicado(indicador, datos, desagregacion: nil, categoria: nil) { valores.append(v) }
        for d in indicador.desagregaciones {
            // One index of each category's rows for the whole breakdown (the calculation's, when shared).
            let indice = indices?.indice(d) ?? IndiceCategorias(calculador: self, desagregacion: d, datos: datos)
            for c in categorias(indicador, d, indice: indice) {
                if let v = valorPublicado(indicador, datos, desagregacion: d.por, categoria: c, indice: indice) {
                    valores.append(v)
                }
            }
        }
        // An envío's part of every value at once: what is kept is kept per envío, for this list of values.
        let lista = valores.map { "\($0.desagregacion ?? "")\t\($0.categoria ?? "")" }.joined(separator: "\n")
        let conAnteriores = guardadas != nil && dependeDeAnteriores(indicador)
        var partes = Array(repeating: [Contribucion](), count: valores.count)
        for k in datos.envios.indices {
            let deEste: [Int: Contribucion]
            if let guardada = guardadas?.buscar(
                indicador: clave, envio: k, valores: lista, conAnteriores: conAnteriores)
            {
                deEste = guardada
            } else {
                var calculadas: [Int: Contribucion] = [:]
                for (i, v) in valores.enumerated() {
                    calculadas[i] = contribucion(v, envio: k, datos, totales)
                }
                guardadas?.guardar(
                    indicador: clave, envio: k, valores: lista, conAnteriores: conAnteriores, calculadas)
                deEste = calculadas
            }
            let envio = datos.envios[k]
            for (i, c) in deEste.sorted(by: { $0.key < $1.key }) where i < valores.count {
                var c = c
                c.envio = k
                c.instancia = envio.instancia
                c.version = envio.version
                partes[i].append(c)
            }
        }
        let cifras = publicado?()
        return valores.indices.map { i in
            let v = valores[i]
            var cifra: (valor: Double?, numerador: Double?, denominador: Double?)?
            if let cifras, cifras.indicador.clave == clave {
                if let por = v.desagregacion {
                    cifra = cifras.desgloses.first { $0.por == por }?.categorias.first { $0.clave == v.categoria }.map {
                        ($0.valor, $0.numerador, $0.denominador)
                    }
                } else {
                    cifra = (cifras.valor, cifras.numerador, cifras.denominador)
                }
            }
            return procedencia(indicador, v, datos, totales, partes[i], cifra: cifra)
        }
    }

    /// Whether an envío's part of an indicator's values depends on the envíos before it: `distintos`
    /// counts a value for the first envío that has it, in the indicator's formulas or in those of the
    /// indicators they name.
    public func dependeDeAnteriores(_ indicador: Indicador, vistos: Set<String> = []) -> Bool {
        let formulas =
            [indicador.numerador] + (indicador.denominador.map { [$0] } ?? [])
            + indicador.desagregaciones.flatMap { $0.partes.map(\.formula) }
        if formulas.contains(where: { $0.llamadas.contains { $0.0 == "distintos" } }) { return true }
        let vistos = vistos.union([indicador.clave])
        for nombre in Set(formulas.flatMap(\.campos)) where !vistos.contains(nombre) {
            if let otro = metodologia.indicadores.first(where: { $0.clave == nombre }),
                dependeDeAnteriores(otro, vistos: vistos)
            {
                return true
            }
        }
        return false
    }

    /// One published value as formulas: its numerator and denominator and the rows they see.
    struct ValorPublicado {
        var desagregacion: String?
        var categoria: String?
        var numerador: Expresion
        var denominador: Expresion?
        var filtro: Filtro?
        /// A per-category ratio restricts its denominator to the category too.
        var filtroDenominador: Filtro? { filtro?.desagregacion.razonPorCategoria == true ? filtro : nil }
    }

    /// The national value (`desagregacion` nil) or one breakdown category; nil when it does not exist.
    func valorPublicado(
        _ indicador: Indicador, _ datos: DatosAnio, desagregacion: String?, categoria: String?,
        indice: IndiceCategorias? = nil
    ) -> ValorPublicado? {
        var v = ValorPublicado(
            desagregacion: desagregacion, categoria: categoria, numerador: indicador.numerador,
            denominador: indicador.denominador)
        guard let desagregacion else { return v }
        guard let d = indicador.desagregaciones.first(where: { $0.por == desagregacion }), let categoria else {
            return nil
        }
        if !d.partes.isEmpty {
            guard let parte = d.partes.first(where: { $0.categoria == categoria }) else { return nil }
            v.numerador = parte.formula
            v.denominador = nil
        } else {
            v.filtro = Filtro(
                desagregacion: d, categoria: categoria,
                indice: indice ?? IndiceCategorias(calculador: self, desagregacion: d, datos: datos))
            if d.cuenta == "filas", let hoja = hojaDe(indicador.numerador) {
                v.numerador = .llamada("filas", [.campo(hoja)])
                v.denominador = nil
            }
        }
        return v
    }

    func evaluar(
        _ e: Expresion, _ datos: DatosAnio, totales: [String: Double], filtro: Filtro?, soloEnvio: Int? = nil,
        visitas: VisitasFilas? = nil
    ) -> Double? {
        let c = ContextoAgregado(
            calculador: self, datos: datos, totales: totales, filtro: filtro, soloEnvio: soloEnvio, visitas: visitas)
        if case .numero(let n) = e.evaluar(en: c) { return n }
        return nil
    }

    /// Envío `k`'s part of a value: the rows it reads and its numerator and denominator; nil when it has none.
    func contribucion(_ v: ValorPublicado, envio k: Int, _ datos: DatosAnio, _ totales: TotalesProcedencia)
        -> Contribucion?
    {
        let propios = totales.deEnvio(k)
        let visitas = VisitasFilas()
        let nk = evaluar(v.numerador, datos, totales: propios, filtro: v.filtro, soloEnvio: k, visitas: visitas) ?? 0
        let dk = v.denominador.flatMap {
            evaluar($0, datos, totales: propios, filtro: v.filtroDenominador, soloEnvio: k)
        }
        let filas = (visitas.filas[k] ?? [:]).mapValues { $0.sorted() }
        guard nk != 0 || (dk ?? 0) != 0 || !filas.isEmpty else { return nil }
        let envio = datos.envios[k]
        return Contribucion(
            envio: k, instancia: envio.instancia, version: envio.version, filas: filas, numerador: nk, denominador: dk)
    }

    /// A value's lineage: its national numerator, denominator and value (`cifra`, or computed here),
    /// with the envíos' parts.
    func procedencia(
        _ indicador: Indicador, _ v: ValorPublicado, _ datos: DatosAnio, _ totales: TotalesProcedencia,
        _ contribuciones: [Contribucion], cifra: (valor: Double?, numerador: Double?, denominador: Double?)? = nil
    ) -> Procedencia {
        let valor: Double?
        let n: Double?
        let d: Double?
        if let cifra {
            (valor, n, d) = cifra
        } else {
            n = evaluar(v.numerador, datos, totales: totales.nacionales, filtro: v.filtro)
            d = v.denominador.flatMap { evaluar($0, datos, totales: totales.nacionales, filtro: v.filtroDenominador) }
            if v.denominador != nil {
                if let n, let d, d != 0 { valor = ((n / d * 100) * 10_000).rounded() / 10_000 } else { valor = nil }
            } else {
                valor = n
            }
        }
        return Procedencia(
            indicador: indicador.clave, anio: datos.anio, desagregacion: v.desagregacion, categoria: v.categoria,
            valor: valor, numerador: n, denominador: d, contribuciones: contribuciones)
    }
}
