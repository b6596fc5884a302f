import Metodologia

/// What an indicator formula sees: aggregates over the year's vigente rows, the delivery counts,
/// and the values of indicators already computed.
struct ContextoAgregado: ContextoEvaluacion {
    let calculador: CalculadorIndicadores
    let datos: DatosAnio
    let totales: [String: Double]
    let filtro: Filtro?
    /// Lineage: only this envío's part (an index into `datos.envios`); `distintos` then counts only the
    /// values no earlier envío has, so that the parts add up to the whole.
    var soloEnvio: Int?
    /// Lineage: collects the rows each aggregate visits.
    var visitas: VisitasFilas?

    init(
        calculador: CalculadorIndicadores, datos: DatosAnio, totales: [String: Double], filtro: Filtro?,
        soloEnvio: Int? = nil, visitas: VisitasFilas? = nil
    ) {
        self.calculador = calculador
        self.datos = datos
        self.totales = totales
        self.filtro = filtro
        self.soloEnvio = soloEnvio
        self.visitas = visitas
    }

    func valor(de nombre: String) -> Valor { totales[nombre].map(Valor.numero) ?? .nulo }

    func llamar(_ nombre: String, _ args: [Expresion]) -> Valor? {
        switch nombre {
        case "instancias_vigentes": return .numero(soloEnvio == nil ? Double(datos.envios.count) : 1)
        case "instancias_catalogo":
            // The catalog is not any envío's part.
            return soloEnvio == nil ? .numero(Double(datos.instanciasCatalogo)) : .nulo
        case "instancias_aceptadas_en_version_1":
            if let k = soloEnvio { return .numero(datos.envios[k].versionUnoAceptada ? 1 : 0) }
            return .numero(Double(datos.aceptadasEnVersion1))
        case "filas":
            guard let (hoja, condicion) = hojaYCondicion(args.first) else { return nil }
            return .numero(filas(hoja: hoja, condicion: condicion))
        case "suma":
            guard args.count == 2, case .campo(let hoja) = args[0] else { return nil }
            var expresion = args[1]
            var condicion: Expresion?
            if case .donde(let e, let c) = args[1] {
                expresion = e
                condicion = c
            }
            var total = 0.0
            recorrer(hoja, condicion) { contexto in
                if case .numero(let n) = expresion.evaluar(en: contexto) { total += n }
            }
            return .numero(total)
        case "distintos":
            guard args.count == 2, case .campo(let hoja) = args[0] else { return nil }
            var campo = args[1]
            var condicion: Expresion?
            if case .donde(let e, let c) = args[1] {
                campo = e
                condicion = c
            }
            var vistos = Set<Valor>()
            var previos = Set<Valor>()
            if let k = soloEnvio, k > 0 {
                // Values an earlier envío already has are that envío's part.
                var anterior = self
                anterior.visitas = nil
                for j in 0..<k {
                    anterior.soloEnvio = j
                    anterior.recorrer(hoja, condicion) { contexto in
                        let v = campo.evaluar(en: contexto)
                        if !v.esNulo { previos.insert(v) }
                    }
                }
            }
            recorrer(hoja, condicion) { contexto in
                let v = campo.evaluar(en: contexto)
                if !v.esNulo && !previos.contains(v) { vistos.insert(v) }
            }
            return .numero(Double(vistos.count))
        default:
            return nil
        }
    }

    func hojaYCondicion(_ e: Expresion?) -> (String, Expresion?)? {
        switch e {
        case .campo(let h)?: return (h, nil)
        case .donde(.campo(let h), let c)?: return (h, c)
        default: return nil
        }
    }

    func filas(hoja: String, condicion: Expresion?) -> Double {
        var n = 0.0
        recorrer(hoja, condicion) { _ in n += 1 }
        return n
    }

    /// Visits every vigente row of a sheet that passes the breakdown filter and the condition.
    func recorrer(_ hoja: String, _ condicion: Expresion?, _ cuerpo: (ContextoFilaIndicador) -> Void) {
        // Asked once per visit, not per row (it walks the whole condition).
        let conAtenciones = condicion.map { $0.llamadas.contains { $0.0 == "tiene_atenciones" } } == true
        let catalogos = calculador.metodologia.catalogos
        for k in soloEnvio.map({ $0..<($0 + 1) }) ?? datos.envios.indices {
            let envio = datos.envios[k]
            guard let filas = envio.filas[hoja] else { continue }
            var atenciones: [String: Set<String>]?
            // With a breakdown, only the category's rows (in their order); otherwise every row.
            let indices = filtro.map { $0.indice.filas(hoja, envio: k, categoria: $0.categoria) }
            for i in indices ?? Array(filas.indices) {
                let fila = filas[i]
                if atenciones == nil, conAtenciones {
                    atenciones = Self.atencionesPorFolio(envio)
                }
                let contexto = ContextoFilaIndicador(valores: fila, catalogos: catalogos, atenciones: atenciones ?? [:])
                if let condicion, condicion.evaluar(en: contexto) != .logico(true) { continue }
                visitas?.anotar(envio: k, hoja: hoja, fila: envio.numerosDeFila[hoja]?[i] ?? i + 2)
                cuerpo(contexto)
            }
        }
    }

    static func atencionesPorFolio(_ envio: EnvioVigente) -> [String: Set<String>] {
        var mapa: [String: Set<String>] = [:]
        for fila in envio.filas["Atenciones"] ?? [] {
            if case .texto(let folio)? = fila["folio_victima"], case .texto(let tipo)? = fila["tipo_atencion"] {
                mapa[folio, default: []].insert(tipo)
            }
        }
        return mapa
    }
}

/// One row as an indicator's condition sees it.
struct ContextoFilaIndicador: ContextoEvaluacion {
    let valores: [String: Valor]
    /// The methodology's catalogs (only they: a row's context is made for every row visited).
    let catalogos: [String: Catalogo]
    let atenciones: [String: Set<String>]

    func valor(de nombre: String) -> Valor { valores[nombre] ?? .nulo }

    func atributo(catalogo: String, clave: String, columna: String) -> String? {
        catalogos[catalogo]?.entrada(clave)?.atributos[columna]
    }

    func llamar(_ nombre: String, _ args: [Expresion]) -> Valor? {
        guard nombre == "tiene_atenciones", case .texto(let folio)? = valores["folio_victima"] else { return nil }
        let tipos = atenciones[folio] ?? []
        let pedidos = args.compactMap { a -> String? in
            if case .texto(let t) = a { return t }
            return nil
        }
        return .logico(pedidos.allSatisfy { tipos.contains($0) })
    }
}

/// The rows an evaluation visited, per envío and sheet (lineage).
final class VisitasFilas: @unchecked Sendable {
    var filas: [Int: [String: Set<Int>]] = [:]

    func anotar(envio: Int, hoja: String, fila: Int) { filas[envio, default: [:]][hoja, default: []].insert(fila) }
}
