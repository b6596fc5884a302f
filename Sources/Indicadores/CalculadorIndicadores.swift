import Foundation
import Metodologia

/// Computes the indicators of §6 from the methodology's formulas (data): no indicator is written
/// in Swift. Aggregates: `filas`, `suma`, `distintos` over a sheet's rows (optionally `donde` a
/// condition), the delivery counts, and other indicators by their clave.
///
/// ```swift
/// let resultados = CalculadorIndicadores(metodologia: m).calcular(datos2017, publicable: true)
/// ```
public struct CalculadorIndicadores: Sendable {
    public let metodologia: Metodologia
    /// Published values of earlier years (indicator → year → value), from `Instrumento/historico.csv`.
    public var historico: [String: [Int: Double]] = [:]

    public init(metodologia: Metodologia) {
        self.metodologia = metodologia
    }

    /// Reads `historico.csv` (`indicador,anio,valor`).
    public static func leerHistorico(_ url: URL) -> [String: [Int: Double]] {
        guard let texto = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        var out: [String: [Int: Double]] = [:]
        for linea in texto.split(whereSeparator: \.isNewline).dropFirst() {
            let partes = linea.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard partes.count >= 3, let anio = Int(partes[1]), let valor = Double(partes[2]) else { continue }
            out[partes[0], default: [:]][anio] = valor
        }
        return out
    }

    /// All indicators for `datos.anio`; `otrosAnios` adds computed years to the series. With
    /// `publicable`, §7 is applied to breakdowns of victim-level sheets by entidad.
    public func calcular(_ datos: DatosAnio, otrosAnios: [DatosAnio] = [], publicable: Bool = false)
        -> [ResultadoIndicador]
    {
        calcular(datos, totalesOtros: otrosAnios.map { ($0.anio, totalesDeOtroAnio($0)) }, publicable: publicable)
    }

    /// What another year adds to the series: the headline value of each indicator whose sheets it has
    /// rows in (a year without them is missing from the series, «—», never 0).
    public func totalesDeOtroAnio(_ d: DatosAnio) -> [String: Double] {
        totalesDe(d).filter { clave, _ in
            metodologia.indicadores.first { $0.clave == clave }.map { tieneDatos($0, d) } ?? false
        }
    }

    /// ``calcular(_:otrosAnios:publicable:)`` with the other years' ``totalesDeOtroAnio(_:)`` already
    /// computed (a rebuild keeps them while those years' envíos do not change). `enParalelo` runs
    /// `cuerpo(k)` for every `k` below `cuantos`, on as many threads as it likes (by default one after
    /// another on this one): the indicators' breakdowns, the costly part, go to it once every headline
    /// value is known, each with the values of the indicators before it (those a formula can name). The
    /// same results on any number of threads.
    ///
    /// ```swift
    /// let r = calculador.calcular(datos, totalesOtros: [], publicable: true) { n, cuerpo in
    ///     DispatchQueue.concurrentPerform(iterations: n, execute: cuerpo)
    /// }
    /// ```
    public func calcular(
        _ datos: DatosAnio, totalesOtros: [(anio: Int, totales: [String: Double])], publicable: Bool,
        indices: IndicesDeCategorias? = nil,
        enParalelo: (_ cuantos: Int, _ cuerpo: @escaping @Sendable (Int) -> Void) -> Void = { n, cuerpo in
            for k in 0..<n { cuerpo(k) }
        }
    ) -> [ResultadoIndicador] {
        // The indexes shared with the lineage, when they are of these rows.
        let indices = indices.flatMap { $0.sirven(para: datos) ? $0 : nil }
        let indicadores = metodologia.indicadores
        // The headline values in order: an indicator's formula can name the ones before it.
        var totales: [String: Double] = [:]
        var cifras: [(valor: Double?, numerador: Double?, denominador: Double?)] = []
        var totalesHasta: [[String: Double]] = []
        for indicador in indicadores {
            let cifra = cifraDe(indicador, datos, totales: totales)
            if let valor = cifra.valor { totales[indicador.clave] = valor }
            cifras.append(cifra)
            totalesHasta.append(totales)
        }
        let desgloses = Ranuras<[ResultadoIndicador.Desglose]>(indicadores.count)
        let calculador = self
        enParalelo(indicadores.count) { [totalesHasta] k in
            desgloses.poner(
                k,
                calculador.desgloses(
                    indicadores[k], datos, totales: totalesHasta[k], publicable: publicable, indices: indices))
        }
        var resultados: [ResultadoIndicador] = []
        for (k, indicador) in indicadores.enumerated() {
            let valor = cifras[k].valor
            var serie: [(Int, Double)] = (historico[indicador.clave] ?? [:]).map { ($0.key, $0.value) }
            for (anio, t) in totalesOtros where anio != datos.anio {
                if let v = t[indicador.clave] {
                    serie.removeAll { $0.0 == anio }
                    serie.append((anio, v))
                }
            }
            if let valor {
                serie.removeAll { $0.0 == datos.anio }
                serie.append((datos.anio, valor))
            }
            serie.sort { $0.0 < $1.0 }
            var resultado = ResultadoIndicador(
                indicador: indicador, anio: datos.anio, valor: valor, desgloses: desgloses.valor(k) ?? [],
                serie: serie.map { (anio: $0.0, valor: $0.1) },
                semaforo: semaforo(indicador, anio: datos.anio, valor: valor))
            resultado.numerador = cifras[k].numerador
            resultado.denominador = cifras[k].denominador
            resultados.append(resultado)
        }
        return resultados
    }

    /// One indicator's breakdowns, with the headline values up to it; with `publicable`, §7 applied.
    func desgloses(
        _ indicador: Indicador, _ datos: DatosAnio, totales: [String: Double], publicable: Bool,
        indices: IndicesDeCategorias? = nil
    ) -> [ResultadoIndicador.Desglose] {
        indicador.desagregaciones.map { d in
            var categorias = desglose(indicador, d, datos, totales: totales, indice: indices?.indice(d))
            if publicable && requiereControl(indicador, d) {
                let celdas = ControlDivulgacion(k: metodologia.umbralConfidencialidad).suprimir(
                    categorias.map { [Int(exactly: ($0.valor ?? 0).rounded()) ?? Int.max] })
                for i in categorias.indices { categorias[i].supresion = celdas[i][0].motivo }
            }
            return .init(por: d.por, categorias: categorias)
        }
    }

    /// Whether a year has rows in the sheets an indicator's numerator reads (indicators of the
    /// delivery itself always have data).
    func tieneDatos(_ indicador: Indicador, _ datos: DatosAnio) -> Bool {
        let hojas = indicador.numerador.llamadas.compactMap { nombre, args -> String? in
            guard ["filas", "suma", "distintos"].contains(nombre) else { return nil }
            switch args.first {
            case .campo(let h)?: return h
            case .donde(.campo(let h), _)?: return h
            default: return nil
            }
        }
        guard !hojas.isEmpty else { return true }
        return hojas.contains { h in datos.envios.contains { !($0.filas[h] ?? []).isEmpty } }
    }

    /// Headline values of every indicator of a year.
    func totalesDe(_ datos: DatosAnio) -> [String: Double] {
        var totales: [String: Double] = [:]
        for indicador in metodologia.indicadores {
            if let v = valorDe(indicador, datos, totales: totales) { totales[indicador.clave] = v }
        }
        return totales
    }

    func valorDe(_ indicador: Indicador, _ datos: DatosAnio, totales: [String: Double], filtro: Filtro? = nil)
        -> Double?
    {
        cifraDe(indicador, datos, totales: totales, filtro: filtro).valor
    }

    /// A value with what it is computed from: its numerator and, for a ratio, its denominator (both
    /// evaluated, so that the lineage can show them even when the value is missing).
    func cifraDe(_ indicador: Indicador, _ datos: DatosAnio, totales: [String: Double], filtro: Filtro? = nil)
        -> (valor: Double?, numerador: Double?, denominador: Double?)
    {
        let contexto = ContextoAgregado(calculador: self, datos: datos, totales: totales, filtro: filtro)
        var n: Double?
        if case .numero(let numerador) = indicador.numerador.evaluar(en: contexto) { n = numerador }
        guard let denominador = indicador.denominador else { return (n, n, nil) }
        // A per-category ratio restricts its denominator to the category too; otherwise a category is
        // its share of the national denominator.
        let filtroDenominador = filtro?.desagregacion.razonPorCategoria == true ? filtro : nil
        var d: Double?
        if case .numero(let v) = denominador.evaluar(
            en: ContextoAgregado(calculador: self, datos: datos, totales: totales, filtro: filtroDenominador))
        {
            d = v
        }
        guard let n, let d, d != 0 else { return (nil, n, d) }
        return (((n / d * 100) * 10_000).rounded() / 10_000, n, d)
    }

    /// The sheet an indicator's numerator aggregates over (first aggregate's first argument).
    func hojaDe(_ e: Expresion) -> String? {
        for (nombre, args) in e.llamadas where ["filas", "suma", "distintos"].contains(nombre) {
            switch args.first {
            case .campo(let h)?: return h
            case .donde(.campo(let h), _)?: return h
            default: continue
            }
        }
        return nil
    }

    func requiereControl(_ indicador: Indicador, _ d: Indicador.Desagregacion) -> Bool {
        guard let hoja = hojaDe(indicador.numerador), ["Victimas", "Atenciones"].contains(hoja) else { return false }
        let campo = d.campo ?? d.por
        if case .catalogo("entidades", _)? = metodologia.hoja(hoja)?.campo(campo)?.tipo { return true }
        return d.por == "entidad"
    }

    func desglose(
        _ indicador: Indicador, _ d: Indicador.Desagregacion, _ datos: DatosAnio, totales: [String: Double],
        indice: IndiceCategorias? = nil
    ) -> [ResultadoIndicador.Categoria] {
        if !d.partes.isEmpty {
            return d.partes.map { parte in
                let c = ContextoAgregado(calculador: self, datos: datos, totales: totales, filtro: nil)
                if case .numero(let n) = parte.formula.evaluar(en: c) {
                    return .init(clave: parte.categoria, valor: n, numerador: n)
                }
                return .init(clave: parte.categoria, valor: nil)
            }
        }
        guard let hoja = hojaDe(indicador.numerador) else { return [] }
        let indice = indice ?? IndiceCategorias(calculador: self, desagregacion: d, datos: datos)
        return categorias(indicador, d, indice: indice).map { c in
            let filtro = Filtro(desagregacion: d, categoria: c, indice: indice)
            if d.cuenta == "filas" {
                let contexto = ContextoAgregado(calculador: self, datos: datos, totales: totales, filtro: filtro)
                let n = contexto.filas(hoja: hoja, condicion: nil)
                return .init(clave: c, valor: n, numerador: n)
            }
            let cifra = cifraDe(indicador, datos, totales: totales, filtro: filtro)
            return .init(clave: c, valor: cifra.valor, numerador: cifra.numerador, denominador: cifra.denominador)
        }
    }

    /// The categories of a breakdown, in publication order, without computing their values: its parts,
    /// or the categories the rows of the numerator's sheet have.
    func categorias(_ indicador: Indicador, _ d: Indicador.Desagregacion, indice: IndiceCategorias) -> [String] {
        if !d.partes.isEmpty { return d.partes.map(\.categoria) }
        guard let hoja = hojaDe(indicador.numerador) else { return [] }
        return ordenar(indice.categorias(hoja), d, hoja: hoja)
    }

    func ordenar(_ categorias: [String], _ d: Indicador.Desagregacion, hoja: String) -> [String] {
        var orden: [String] = []
        if d.por == "instancia" {
            orden = metodologia.catalogos["instancias"]?.entradas.map(\.clave) ?? []
        } else if d.derivadoDe != nil {
            orden = metodologia.gruposDeEdad.map(\.clave) + ["no_especificado"]
        } else if case .catalogo(let nombre, let extras)? = metodologia.hoja(hoja)?.campo(d.campo ?? d.por)?.tipo {
            orden =
                extras.filter { $0 == "00" } + (metodologia.catalogos[nombre]?.entradas.map(\.clave) ?? [])
                + extras.filter { $0 != "00" }
        }
        let posicion = Dictionary(orden.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return categorias.sorted { (posicion[$0] ?? Int.max, $0) < (posicion[$1] ?? Int.max, $1) }
    }

    /// A row's category for a breakdown (nil when the row has none).
    func categoria(_ d: Indicador.Desagregacion, fila: [String: Valor], envio: EnvioVigente) -> String? {
        if d.por == "instancia" { return envio.instancia }
        if let origen = d.derivadoDe {
            guard case .numero(let n) = fila[origen] ?? .nulo else { return "no_especificado" }
            return metodologia.gruposDeEdad.first { Double($0.desde) <= n && n <= Double($0.hasta) }?.clave
                ?? "no_especificado"
        }
        switch fila[d.campo ?? d.por] ?? .nulo {
        case .texto(let t): return t
        case .numero(let n): return formatoNumero(n)
        default: return nil
        }
    }

    func semaforo(_ indicador: Indicador, anio: Int, valor: Double?) -> ResultadoIndicador.Semaforo? {
        guard let valor, let base = indicador.lineaBase, let meta = indicador.meta, anio > base.anio,
            base.anio < meta.anio
        else {
            return nil
        }
        let avance = Double(min(anio, meta.anio) - base.anio) / Double(meta.anio - base.anio)
        let esperado = base.valor + (meta.valor - base.valor) * avance
        guard esperado > 0, valor > 0 else { return valor > 0 ? nil : .rojo }
        let razon = indicador.sentido == "descendente" ? esperado / valor : valor / esperado
        return razon >= 1 ? .verde : (razon >= 0.9 ? .amarillo : .rojo)
    }
}

/// A breakdown's category restricting the rows an aggregate sees; its index lists each category's
/// rows, so that an aggregate visits only them.
struct Filtro {
    var desagregacion: Indicador.Desagregacion
    var categoria: String
    var indice: IndiceCategorias
}
