/// The type of a field: how a cell is read and checked.
///
/// ```swift
/// TipoCampo(texto: "catalogo:entidades+00")  // .catalogo("entidades", extras: ["00"])
/// ```
public enum TipoCampo: Sendable, Hashable {
    case texto
    case entero
    case decimal
    case fecha
    case correo
    /// A catalog, plus extra values accepted besides its claves (`00`, `EXT`, `OSC`).
    case catalogo(String, extras: [String])

    /// Parses the methodology's spelling; nil if unknown.
    public init?(texto: String) {
        switch texto {
        case "texto": self = .texto
        case "entero": self = .entero
        case "decimal": self = .decimal
        case "fecha": self = .fecha
        case "correo": self = .correo
        default:
            guard texto.hasPrefix("catalogo:") else { return nil }
            let resto = texto.dropFirst("catalogo:".count).split(separator: "+").map(String.init)
            guard let nombre = resto.first, !nombre.isEmpty else { return nil }
            self = .catalogo(nombre, extras: Array(resto.dropFirst()))
        }
    }

    /// How the type reads in plain Spanish (for messages and the instructions).
    public var descripcion: String {
        switch self {
        case .texto: return "texto"
        case .entero: return "número entero"
        case .decimal: return "número"
        case .fecha: return "fecha (dd/mm/aaaa)"
        case .correo: return "correo electrónico"
        case .catalogo(let nombre, _): return "valor del catálogo «\(nombre)»"
        }
    }
}
