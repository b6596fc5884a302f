import Metodologia

/// What a rule's condition sees on one row: the row's values, the period, the sending instancia,
/// the catalogs, and the rows reached through reference aliases.
struct ContextoFila: ContextoEvaluacion {
    var valores: [String: Valor]
    let metodologia: Metodologia
    let instancia: [String: Valor]
    var alias: [String: [String: Valor]] = [:]

    func valor(de nombre: String) -> Valor {
        if let v = valores[nombre] { return v }
        let partes = nombre.split(separator: ".", maxSplits: 1).map(String.init)
        guard partes.count == 2 else { return .nulo }
        switch partes[0] {
        case "periodo":
            return partes[1] == "inicio"
                ? .fecha(metodologia.periodo.inicio.dias) : .fecha(metodologia.periodo.fin.dias)
        case "instancia":
            return instancia[partes[1]] ?? .nulo
        default:
            return alias[partes[0]]?[partes[1]] ?? .nulo
        }
    }

    func atributo(catalogo: String, clave: String, columna: String) -> String? {
        metodologia.catalogos[catalogo]?.entrada(clave)?.atributos[columna]
    }
}
