/// Everything wrong with a methodology folder, found in one pass (file and line of each problem).
///
/// ```swift
/// do { _ = try Metodologia.cargar(carpeta: url) }
/// catch { print(error.description) }  // every problem, one per line
/// ```
public struct ErrorMetodologia: Error, Sendable, CustomStringConvertible {
    public struct Problema: Sendable, Hashable, CustomStringConvertible {
        public var archivo: String
        public var linea: Int?
        public var mensaje: String

        public var description: String { linea.map { "\(archivo):\($0): \(mensaje)" } ?? "\(archivo): \(mensaje)" }
    }

    public var problemas: [Problema]

    public var description: String {
        "La metodología tiene \(problemas.count) problema\(problemas.count == 1 ? "" : "s"):\n"
            + problemas.map { "  - \($0)" }.joined(separator: "\n")
    }
}
