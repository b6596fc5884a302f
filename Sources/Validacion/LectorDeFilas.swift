import Metodologia
import Spreadsheet

/// A row's values as its fields read them, and what was wrong with each cell: the part of a row's check
/// that depends on the row alone.
struct FilaLeida {
    let fila: Row
    var valores: [String: Valor]
    /// Each cell that did not read as its field, with the field, in the fields' order.
    var problemas: [(ProblemaValor, CampoLeido)]
}

/// Reads rows' values once a sheet's header is known: the fields with their columns, and the columns
/// never read (personal data). A catalog field remembers what each text gave, so one reader is used by
/// one thread at a time.
///
/// ```swift
/// let lector = LectorDeFilas(leidos: leidos, prohibidas: [], lector: LectorValores(metodologia: m))
/// if let leida = lector.leer(fila) { print(leida.valores["sexo"] ?? .nulo) }
/// ```
struct LectorDeFilas: @unchecked Sendable {
    let leidos: [CampoLeido]
    let prohibidas: Set<Int>
    let lector: LectorValores

    /// The row's values and problems; nil for a row with nothing but spaces (or only in columns never read).
    func leer(_ fila: Row) -> FilaLeida? {
        let conDatos = fila.cells.contains { celda in
            guard prohibidas.isEmpty || !prohibidas.contains(celda.column) else { return false }
            if case .text(let t) = celda.value { return tieneTexto(t) }
            return true
        }
        guard conDatos else { return nil }
        var leida = FilaLeida(fila: fila, valores: .init(minimumCapacity: leidos.count), problemas: [])
        for leido in leidos {
            let celda = fila[leido.columna]
            let resultado: Result<Valor, ProblemaValor>
            if leido.esCatalogo, case .text(let t)? = celda {
                if let r = leido.recordado(t) {
                    resultado = r
                } else {
                    resultado = lector.leer(celda, leido.campo)
                    leido.recordar(t, resultado)
                }
            } else {
                resultado = lector.leer(celda, leido.campo)
            }
            switch resultado {
            case .success(let v):
                leida.valores[leido.campo.clave] = v
            case .failure(let p):
                leida.valores[leido.campo.clave] = .nulo
                leida.problemas.append((p, leido))
            }
        }
        return leida
    }
}
