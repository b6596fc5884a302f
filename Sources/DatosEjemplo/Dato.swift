import Metodologia

/// A generated value before it is written (as a cell or as CSV text).
enum Dato: Hashable {
    case vacio
    case texto(String)
    case numero(Double)
    case fecha(Fecha)
    /// A catalog clave; written as clave, label or synonym depending on the envío's style.
    case catalogo(String, clave: String)
}

/// One generated row: values by field clave.
typealias FilaEjemplo = [String: Dato]
