import Foundation

/// Text as the methodology compares it: no case, no accents, `_` as a space, spaces collapsed.
///
/// ```swift
/// normalizar("  Fecha_de   Identificación ")  // "fecha de identificacion"
/// ```
public func normalizar(_ texto: String) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(texto.utf8.count)
    var espacioPendiente = false
    var ascii = true
    for b in texto.utf8 {
        if b >= 0x80 {
            ascii = false
            break
        }
        if b == 32 || b == 9 || b == 10 || b == 13 || b == UInt8(ascii: "_") {
            espacioPendiente = !bytes.isEmpty
            continue
        }
        if espacioPendiente {
            bytes.append(32)
            espacioPendiente = false
        }
        bytes.append(b >= 65 && b <= 90 ? b + 32 : b)
    }
    if ascii { return String(decoding: bytes, as: UTF8.self) }
    // Other text: Unicode folding (accents, case, width), then the same spacing rules.
    let plegado = texto.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    return plegado.replacingOccurrences(of: "_", with: " ").split(whereSeparator: { $0.isWhitespace }).joined(
        separator: " ")
}
