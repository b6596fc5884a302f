import Metodologia

/// What a rule's condition sees on one row: the row's values, the period, the sending instancia,
/// the catalogs, and the rows reached through reference aliases.
struct ContextoFila: ContextoEvaluacion {
    var valores: [String: Valor]
    /// What of the methodology a condition reads (a context is made for every row: it holds these two
    /// rather than a copy of the whole methodology, whose every list would be retained and released).
    let periodo: Periodo
    let catalogos: [String: Catalogo]
    let instancia: [String: Valor]
    var alias: [String: [String: Valor]] = [:]

    init(valores: [String: Valor], metodologia: Metodologia, instancia: [String: Valor]) {
        self.valores = valores
        periodo = metodologia.periodo
        catalogos = metodologia.catalogos
        self.instancia = instancia
    }

    func valor(de nombre: String) -> Valor {
        if let v = valores[nombre] { return v }
        // `periodo.inicio`, `instancia.tipo`, `victima.edad`: split at the first dot without making a list.
        guard let punto = nombre.firstIndex(of: ".") else { return .nulo }
        let prefijo = nombre[..<punto]
        let resto = nombre[nombre.index(after: punto)...]
        guard !prefijo.isEmpty, !resto.isEmpty else { return .nulo }
        switch prefijo {
        case "periodo":
            return resto == "inicio" ? .fecha(periodo.inicio.dias) : .fecha(periodo.fin.dias)
        case "instancia":
            return instancia[String(resto)] ?? .nulo
        default:
            return alias[String(prefijo)]?[String(resto)] ?? .nulo
        }
    }

    func atributo(catalogo: String, clave: String, columna: String) -> String? {
        catalogos[catalogo]?.entrada(clave)?.atributos[columna]
    }
}
