import Foundation

/// A field pattern of the common shape `[clase]{m,n}` (ASCII letters, digits, ranges and literals in
/// one bracket, a count or `+`/`*`), checked byte by byte without the regular-expression engine; any
/// other pattern is left to `NSRegularExpression` (the methodology may write any).
///
/// ```swift
/// PatronSimple("[A-Za-z0-9-]{3,30}")?.acepta("V-2017-001")  // true
/// ```
public struct PatronSimple: Sendable {
    private var permitidos = [Bool](repeating: false, count: 128)
    private let minimo: Int
    private let maximo: Int

    public init?(_ patron: String) {
        let b = Array(patron.utf8)
        guard b.first == UInt8(ascii: "["), let cierre = b.firstIndex(of: UInt8(ascii: "]")), cierre > 1 else {
            return nil
        }
        var clase = Array(b[1..<cierre])
        guard clase.first != UInt8(ascii: "^"),
            clase.allSatisfy({ $0 < 128 && $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: "[") })
        else { return nil }
        // A `-` first or last is a literal; between two characters, a range.
        var i = 0
        while i < clase.count {
            if i + 2 < clase.count, clase[i + 1] == UInt8(ascii: "-") {
                guard clase[i] <= clase[i + 2] else { return nil }
                for c in clase[i]...clase[i + 2] { permitidos[Int(c)] = true }
                i += 3
            } else {
                permitidos[Int(clase[i])] = true
                i += 1
            }
        }
        clase.removeAll()
        let resto = String(decoding: b[(cierre + 1)...], as: UTF8.self)
        switch resto {
        case "+": (minimo, maximo) = (1, Int.max)
        case "*": (minimo, maximo) = (0, Int.max)
        case "": (minimo, maximo) = (1, 1)
        default:
            guard resto.hasPrefix("{"), resto.hasSuffix("}") else { return nil }
            let partes = resto.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
            guard let m = partes.first.flatMap({ Int($0) }) else { return nil }
            if partes.count == 1 {
                (minimo, maximo) = (m, m)
            } else if partes.count == 2 {
                guard let n = partes[1].isEmpty ? Int.max : Int(partes[1]), n >= m else { return nil }
                (minimo, maximo) = (m, n)
            } else {
                return nil
            }
        }
    }

    /// Whether the whole text matches (every byte in the class; a non-ASCII byte never is). As with
    /// ICU's `$`, one line terminator at the very end is allowed (`\n`, `\r`, `\r\n`, U+0085, U+2028,
    /// U+2029: each is a character of its own). Read as bytes, without forming characters.
    public func acepta(_ texto: String) -> Bool {
        var copia = texto
        return copia.withUTF8 { aceptaBytes($0) }
    }

    private func aceptaBytes(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var fin = b.count
        if fin >= 1 && b[fin - 1] == 0x0A {
            fin -= fin >= 2 && b[fin - 2] == 0x0D ? 2 : 1
        } else if fin >= 1 && b[fin - 1] == 0x0D {
            fin -= 1
        } else if fin >= 2 && b[fin - 2] == 0xC2 && b[fin - 1] == 0x85 {
            fin -= 2
        } else if fin >= 3 && b[fin - 3] == 0xE2 && b[fin - 2] == 0x80 && (b[fin - 1] == 0xA8 || b[fin - 1] == 0xA9) {
            fin -= 3
        }
        guard fin >= minimo && fin <= maximo else { return false }
        for i in 0..<fin {
            let c = b[i]
            guard c < 128, permitidos[Int(c)] else { return false }
        }
        return true
    }
}

/// A field's `patron` as the methodology writes it, matched against the whole text: the common
/// `[clase]{m,n}` shape byte by byte (``PatronSimple``), any other through `NSRegularExpression`.
///
/// ```swift
/// Patron("[A-Za-z0-9-]{3,30}")?.acepta("V-2017-001")  // true
/// Patron("[a-")  // nil: not a valid pattern
/// ```
public enum Patron: @unchecked Sendable {
    case simple(PatronSimple)
    case expresion(NSRegularExpression)

    /// Nil when the text is not a valid regular expression.
    public init?(_ patron: String) {
        if let simple = PatronSimple(patron) {
            self = .simple(simple)
        } else if let expresion = try? NSRegularExpression(pattern: "^(?:\(patron))$") {
            self = .expresion(expresion)
        } else {
            return nil
        }
    }

    public func acepta(_ texto: String) -> Bool {
        switch self {
        case .simple(let p): return p.acepta(texto)
        case .expresion(let e): return e.firstMatch(in: texto, range: NSRange(texto.startIndex..., in: texto)) != nil
        }
    }
}
