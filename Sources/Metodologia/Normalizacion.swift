import Foundation

/// Text as the methodology compares it: no case, no accents, `_` as a space, spaces collapsed.
///
/// ```swift
/// normalizar("  Fecha_de   Identificación ")  // "fecha de identificacion"
/// ```
public func normalizar(_ texto: String) -> String {
    let rapido =
        texto.utf8.withContiguousStorageIfAvailable { normalizarLatino($0) } ?? normalizarLatino(Array(texto.utf8))
    if let rapido { return rapido }
    // Other text: Unicode folding (accents, case, width), then the same spacing rules.
    let plegado = texto.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    return plegado.replacingOccurrences(of: "_", with: " ").split(whereSeparator: { $0.isWhitespace }).joined(
        separator: " ")
}

/// The base letter (lowercase ASCII) of each precomposed letter U+00C0–U+00FF, 0 for the others
/// (Æ, Ð, ×, Ø, Þ, ß, æ, ð, ÷, ø, þ: left to Foundation's folding).
private let baseLatina: [UInt8] = [
    97, 97, 97, 97, 97, 97, 0, 99, 101, 101, 101, 101, 105, 105, 105, 105,
    0, 110, 111, 111, 111, 111, 111, 0, 0, 117, 117, 117, 117, 121, 0, 0,
    97, 97, 97, 97, 97, 97, 0, 99, 101, 101, 101, 101, 105, 105, 105, 105,
    0, 110, 111, 111, 111, 111, 111, 0, 0, 117, 117, 117, 117, 121, 0, 121,
]

/// `normalizar` for ASCII and the accented letters of Spanish and its neighbours (`Á`, `ñ`, `ü`,
/// `ç`…), byte by byte; nil for any other character.
private func normalizarLatino<C: RandomAccessCollection>(_ b: C) -> String? where C.Element == UInt8, C.Index == Int {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(b.count)
    var espacioPendiente = false
    var i = b.startIndex
    while i < b.endIndex {
        var c = b[i]
        i += 1
        if c >= 0x80 {
            guard c == 0xC3, i < b.endIndex, b[i] >= 0x80, b[i] <= 0xBF else { return nil }
            c = baseLatina[Int(b[i] - 0x80)]
            i += 1
            guard c != 0 else { return nil }
        }
        if c == 32 || c == 9 || c == 10 || c == 13 || c == UInt8(ascii: "_") {
            espacioPendiente = !bytes.isEmpty
            continue
        }
        if espacioPendiente {
            bytes.append(32)
            espacioPendiente = false
        }
        bytes.append(c >= 65 && c <= 90 ? c + 32 : c)
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// The text without spaces or tabs at either end (catalog synonyms, header cells): what
/// `trimmingCharacters(in: .whitespaces)` removes (tabs, the zero-width space and Unicode's space
/// separators, such as the no-break space), without Foundation's character sets (the usual case, a
/// visible ASCII character at both ends, is returned at once).
///
/// ```swift
/// sinEspaciosAlBorde("\u{A0} Trata laboral\t")  // "Trata laboral"
/// ```
public func sinEspaciosAlBorde(_ texto: Substring) -> String {
    if let a = texto.utf8.first, let z = texto.utf8.last, a > 32, a < 0x80, z > 32, z < 0x80 {
        return String(texto)
    }
    func espacio(_ s: Unicode.Scalar) -> Bool {
        s == "\t" || s == "\u{200B}" || s.properties.generalCategory == .spaceSeparator
    }
    let escalares = texto.unicodeScalars
    guard let inicio = escalares.firstIndex(where: { !espacio($0) }),
        let fin = escalares.lastIndex(where: { !espacio($0) })
    else { return "" }
    return String(escalares[inicio...fin])
}
