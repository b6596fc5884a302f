/// A typed value of the methodology: what a cell becomes once read as its field's type, and what
/// expressions compute. Catalog values are their clave; dates are days since 1970-01-01.
///
/// ```swift
/// let v = Valor.numero(3)
/// print(v.textoParaMensaje)  // 3
/// ```
public enum Valor: Sendable, Hashable {
    case nulo
    case numero(Double)
    case texto(String)
    case fecha(Int)
    case logico(Bool)

    public var esNulo: Bool { self == .nulo }

    public var numero: Double? {
        if case .numero(let n) = self { return n }
        return nil
    }

    public var texto: String? {
        if case .texto(let t) = self { return t }
        return nil
    }

    /// The value as a message shows it: `3`, `2.5`, `15/03/2017`, `Mujer`.
    public var textoParaMensaje: String {
        switch self {
        case .nulo: return "(vacío)"
        case .numero(let n): return formatoNumero(n)
        case .texto(let t): return t
        case .fecha(let d): return Fecha(dias: d).textoCorto
        case .logico(let b): return b ? "sí" : "no"
        }
    }
}

/// `3` for whole numbers, `2.5` otherwise (no exponent for ordinary magnitudes).
public func formatoNumero(_ n: Double) -> String {
    if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
    var s = String(n)
    if s.contains("e") { s = String(format: "%.6f", n) }
    return s
}
