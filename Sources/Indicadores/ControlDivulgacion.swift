/// Disclosure control (§7): primary suppression of counts from 1 to k−1, then secondary suppression
/// so that no suppressed cell can be recovered from a row's or a column's total.
///
/// ```swift
/// let t = ControlDivulgacion(k: 5).suprimir([[12, 3], [7, 9]])
/// t[0][1].suprimida  // true (primaria); t[0][0] too (secundaria: fila), t[1][1] (secundaria: columna)…
/// ```
public struct ControlDivulgacion: Sendable {
    public var k: Int

    public init(k: Int) { self.k = k }

    public enum Motivo: Sendable, Hashable {
        /// A count from 1 to k−1.
        case primaria
        /// Suppressed so that the only other suppressed cell of this row cannot be deduced.
        case secundariaFila(Int)
        /// Suppressed so that the only other suppressed cell of this column cannot be deduced.
        case secundariaColumna(Int)

        public var texto: String {
            switch self {
            case .primaria: return "primaria: conteo menor que el umbral"
            case .secundariaFila(let f): return "secundaria: protege la otra celda suprimida de la fila \(f + 1)"
            case .secundariaColumna(let c): return "secundaria: protege la otra celda suprimida de la columna \(c + 1)"
            }
        }
    }

    public struct Celda: Sendable, Hashable {
        public var valor: Int
        public var motivo: Motivo?
        public var suprimida: Bool { motivo != nil }
    }

    /// Suppresses a table whose rows and columns each have a published total (a one-column table is
    /// a breakdown with its total).
    public func suprimir(_ tabla: [[Int]]) -> [[Celda]] {
        var celdas = tabla.map { fila in fila.map { Celda(valor: $0, motivo: (1..<k).contains($0) ? .primaria : nil) } }
        let filas = celdas.count
        let columnas = celdas.map(\.count).max() ?? 0
        var cambio = true
        while cambio {
            cambio = false
            // Rows with a total and more than one cell.
            for f in 0..<filas where celdas[f].count > 1 {
                let suprimidas = celdas[f].indices.filter { celdas[f][$0].suprimida }
                if suprimidas.count == 1,
                    let c = siguiente(celdas[f].indices.filter { !celdas[f][$0].suprimida }, { celdas[f][$0].valor })
                {
                    celdas[f][c].motivo = .secundariaFila(f)
                    cambio = true
                }
            }
            // Columns, likewise.
            for c in 0..<columnas {
                let indices = (0..<filas).filter { c < celdas[$0].count }
                guard indices.count > 1 else { continue }
                let suprimidas = indices.filter { celdas[$0][c].suprimida }
                if suprimidas.count == 1,
                    let f = siguiente(indices.filter { !celdas[$0][c].suprimida }, { celdas[$0][c].valor })
                {
                    celdas[f][c].motivo = .secundariaColumna(c)
                    cambio = true
                }
            }
        }
        return celdas
    }

    /// The next smallest cell: the smallest non-zero one, or a zero when nothing else is left.
    private func siguiente(_ candidatos: [Int], _ valor: (Int) -> Int) -> Int? {
        let positivos = candidatos.filter { valor($0) > 0 }
        let pool = positivos.isEmpty ? candidatos : positivos
        return pool.min { (valor($0), $0) < (valor($1), $1) }
    }
}
